pub(crate) struct Entities;
pub(crate) fn resolve(_t: &str, _m: &[crate::mentions::Mention]) -> Entities { Entities }
