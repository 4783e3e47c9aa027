pub(crate) fn article_blocks(_h: &str) -> Vec<(crate::BlockKind, String)> { Vec::new() }
