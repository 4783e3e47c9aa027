pub(crate) struct Found;
pub(crate) fn find(_t: &str, _s: &crate::segment::Sentences, _m: &[crate::mentions::Mention], _e: &crate::speakers::Entities, _st: &[crate::attribution::Attributed]) -> Found { Found }
