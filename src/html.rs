//! Stage 1 for native HTML input: the page's tree for the rules in [`page`](crate::page), which
//! find the article and read its blocks exactly as the browser binding does.

use crate::page::{self, Child, PageElement};
use crate::report::BlockKind;
use scraper::{ElementRef, Html, Node};
use std::borrow::Cow;

/// The article's blocks, in document order.
pub(crate) fn article_blocks(html: &str) -> Vec<(BlockKind, String)> {
    let doc = Html::parse_document(html);
    page::read(&page::find_article(&doc.root_element())).blocks
}

impl<'a> PageElement for ElementRef<'a> {
    type Text = &'a str;

    fn tag(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.value().name())
    }

    fn has_attributes(&self) -> bool {
        self.value().attrs().next().is_some()
    }

    fn attr(&self, name: &str) -> Option<Cow<'_, str>> {
        self.value().attr(name).map(Cow::Borrowed)
    }

    fn parent(&self) -> Option<Self> {
        (**self).parent().and_then(ElementRef::wrap)
    }

    fn children(&self) -> impl Iterator<Item = Child<Self>> {
        (**self).children().filter_map(|n| match n.value() {
            Node::Text(t) => Some(Child::Text(&**t)),
            Node::Element(_) => ElementRef::wrap(n).map(Child::Element),
            _ => None,
        })
    }

    fn text<'b>(node: &'b &'a str) -> Cow<'b, str> {
        Cow::Borrowed(node)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_body_is_found_and_chrome_skipped() {
        let html = r#"<html><body><header><nav><a>Home</a> <a>World</a></nav></header>
            <article><h1>Port reopens</h1><p>The port <a href="/x">reopened</a> on <em>Monday</em>.</p>
            <aside><p>Governor says yes</p></aside><blockquote><p>"We are back," she said.</p></blockquote>
            <figure><img src="a.jpg"><figcaption>Ships at dawn.</figcaption></figure></article>
            <footer>© 2026</footer></body></html>"#;
        assert_eq!(
            article_blocks(html),
            vec![
                (BlockKind::Heading, "Port reopens".to_string()),
                (
                    BlockKind::Paragraph,
                    "The port reopened on Monday.".to_string()
                ),
                (BlockKind::Quote, "\"We are back,\" she said.".to_string()),
                (BlockKind::Caption, "Ships at dawn.".to_string()),
            ]
        );
    }

    #[test]
    fn without_article_tag_the_densest_container_wins() {
        let html = r#"<body><div class="side"><p><a>Link one</a></p><p><a>Link two</a></p></div>
            <div class="content"><p>The council voted on Monday to close the old bridge for repairs.</p>
            <p>Work will take two years and cost about 40 million dollars in all.</p></div></body>"#;
        assert_eq!(
            article_blocks(html),
            vec![
                (
                    BlockKind::Paragraph,
                    "The council voted on Monday to close the old bridge for repairs.".to_string()
                ),
                (
                    BlockKind::Paragraph,
                    "Work will take two years and cost about 40 million dollars in all."
                        .to_string()
                ),
            ]
        );
    }
}

#[cfg(test)]
mod pieces {
    use super::*;
    use crate::report::BLOCK_SEPARATOR;

    fn utf16(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    /// The browser marks the report's spans through these pieces: each must point at the very
    /// text it stands for, and every character of the article must come from one piece (but
    /// the spaces that a `<br>` or a block boundary puts in).
    #[test]
    fn pieces_map_every_character_back_to_its_text_node() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages");
        for page in std::fs::read_dir(dir).unwrap() {
            let path = page.unwrap().path().join("page.html");
            // tests/pages/README.md; tests/pages/hostile/ holds whole pages for the browser tests.
            let Ok(html) = std::fs::read_to_string(&path) else {
                continue;
            };
            let doc = Html::parse_document(&html);
            let read = page::read(&page::find_article(&doc.root_element()));
            let texts: Vec<&str> = read.blocks.iter().map(|(_, t)| t.as_str()).collect();
            let text = utf16(&texts.join(BLOCK_SEPARATOR));
            let mut covered = vec![false; text.len()];
            for p in &read.pieces {
                let (at, from, n) = (p.start as usize, p.offset as usize, p.len as usize);
                let node: Vec<u16> = utf16(p.node)[from..from + n]
                    .iter()
                    .map(|&c| match char::from_u32(c.into()) {
                        Some(ch) if ch.is_whitespace() => u16::from(b' '),
                        _ => c,
                    })
                    .collect();
                assert_eq!(&text[at..at + n], &node[..], "{}", path.display());
                for c in &mut covered[at..at + n] {
                    assert!(!*c, "{}: a character mapped twice", path.display());
                    *c = true;
                }
            }
            for (i, c) in text.iter().enumerate() {
                assert!(
                    covered[i] || *c == u16::from(b' ') || *c == u16::from(b'\n'),
                    "{}: character {i} comes from no text node",
                    path.display()
                );
            }
        }
    }
}
