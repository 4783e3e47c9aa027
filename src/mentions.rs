//! Stage 3a: mentions.
pub(crate) struct Mention;
pub(crate) fn find(_t: &str, _s: &crate::segment::Sentences) -> Vec<Mention> { Vec::new() }
