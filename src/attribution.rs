pub(crate) struct Attributed;
pub(crate) fn attribute(_t: &str, _s: &crate::segment::Sentences, _m: &[crate::mentions::Mention], _e: &crate::speakers::Entities) -> Vec<Attributed> { Vec::new() }
