//! Reading the article out of the live DOM: the root, its text blocks, and the map from report
//! offsets (UTF-16 code units into the report's text) back to the text nodes they came from.

use crate::BlockKind;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node, Text};

/// Elements whose text is never part of the article.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "textarea", "input", "select", "button", "iframe",
    "svg", "canvas", "video", "audio", "object", "nav", "aside", "form", "menu", "dialog",
];

/// Elements that start a new text block.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "li",
    "figcaption",
    "caption",
    "dt",
    "dd",
    "pre",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "figure",
    "table",
    "tr",
    "td",
    "th",
    "ul",
    "ol",
    "dl",
    "hr",
    "br",
    "address",
    "details",
    "summary",
];

/// Attribute set on every node the widget adds, so that no run ever reads or wraps its own.
pub(crate) const OWN_ATTR: &str = "data-whosaid";

/// One text node's share of the report's text.
#[derive(Clone)]
pub(crate) struct Piece {
    pub node: Text,
    /// Where the mapped part starts in the report's text (UTF-16).
    pub start: u32,
    /// Where the mapped part starts in the node (UTF-16); leading whitespace is not mapped.
    pub offset: u32,
    /// The mapped part's length (UTF-16).
    pub len: u32,
}

/// The article read from the DOM: the core's input and the way back to the nodes.
pub(crate) struct Collected {
    pub article: crate::Document,
    /// Text nodes in document order, with their offsets in the report's text.
    pub pieces: Vec<Piece>,
}

/// The element holding the article: `<article>`, `[itemprop=articleBody]`, `<main>` or
/// `[role=main]`, else the element with the most paragraph text.
pub(crate) fn find_root(doc: &Document) -> Option<Element> {
    for sel in ["[itemprop=articleBody]", "article", "main", "[role=main]"] {
        let found = doc.query_selector_all(sel).ok()?;
        // The candidate with the most text wins (pages often hold teaser <article>s).
        let best = (0..found.length())
            .filter_map(|i| found.item(i)?.dyn_into::<Element>().ok())
            .filter(|e| !is_own(e))
            .max_by_key(paragraph_text);
        if let Some(e) = best.filter(|e| paragraph_text(e) > 0) {
            return Some(e);
        }
    }
    densest(doc)
}

/// Text length of the paragraphs directly or deeply inside `e`.
fn paragraph_text(e: &Element) -> usize {
    let Ok(ps) = e.query_selector_all("p") else {
        return 0;
    };
    (0..ps.length())
        .filter_map(|i| ps.item(i))
        .map(|p| p.text_content().map_or(0, |t| t.trim().len()))
        .sum()
}

/// The parent of the most paragraph text, as Readability scores it: each paragraph of 25
/// characters or more gives its parent its length.
fn densest(doc: &Document) -> Option<Element> {
    let ps = doc.query_selector_all("p").ok()?;
    let mut scores: Vec<(Element, usize)> = Vec::new();
    for i in 0..ps.length() {
        let Some(p) = ps.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let len = p.text_content().map_or(0, |t| t.trim().len());
        if len < 25 || is_own(&p) {
            continue;
        }
        let Some(parent) = p.parent_element() else {
            continue;
        };
        match scores.iter_mut().find(|(e, _)| e == &parent) {
            Some(s) => s.1 += len,
            None => scores.push((parent, len)),
        }
    }
    scores.into_iter().max_by_key(|s| s.1).map(|s| s.0)
}

fn is_own(e: &Element) -> bool {
    e.closest(&format!("[{OWN_ATTR}]")).ok().flatten().is_some()
}

/// Whether an element and everything in it is left out.
fn skipped(e: &Element) -> bool {
    let tag = e.local_name();
    if SKIPPED.contains(&tag.as_str())
        || e.has_attribute(OWN_ATTR)
        || e.has_attribute("hidden")
        || e.get_attribute("aria-hidden").as_deref() == Some("true")
        || e.has_attribute("contenteditable")
            && e.get_attribute("contenteditable").as_deref() != Some("false")
    {
        return true;
    }
    let Some(window) = web_sys::window() else {
        return false;
    };
    match window.get_computed_style(e) {
        Ok(Some(style)) => {
            style.get_property_value("display").ok().as_deref() == Some("none")
                || style.get_property_value("visibility").ok().as_deref() == Some("hidden")
        }
        _ => false,
    }
}

fn block_kind(tag: &str) -> Option<BlockKind> {
    Some(match tag {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
        "blockquote" => BlockKind::Quote,
        "li" | "dt" | "dd" => BlockKind::List,
        "figcaption" | "caption" => BlockKind::Caption,
        _ if BLOCKS.contains(&tag) => BlockKind::Paragraph,
        _ => return None,
    })
}

/// A block being read: its text (whitespace made plain spaces, so lengths stay put) and nodes.
struct Open {
    kind: BlockKind,
    text: String,
    /// (node, start within `text` in UTF-16, length in UTF-16)
    nodes: Vec<(Text, u32, u32)>,
    len: u32,
}

struct Walker {
    blocks: Vec<Open>,
    current: Open,
}

impl Walker {
    fn flush(&mut self, next: BlockKind) {
        let done = std::mem::replace(
            &mut self.current,
            Open {
                kind: next,
                text: String::new(),
                nodes: Vec::new(),
                len: 0,
            },
        );
        if !done.text.trim().is_empty() {
            self.blocks.push(done);
        }
    }

    fn walk(&mut self, node: &Node) {
        let mut child = node.first_child();
        while let Some(n) = child {
            child = n.next_sibling();
            match n.node_type() {
                Node::TEXT_NODE => {
                    let Ok(t) = n.dyn_into::<Text>() else {
                        continue;
                    };
                    let data = t.data();
                    let len = data.encode_utf16().count() as u32;
                    if len == 0 {
                        continue;
                    }
                    // Every whitespace character becomes a space: one code unit for one, so
                    // offsets into the block stay offsets into the nodes.
                    self.current.text.extend(data.chars().map(|c| {
                        if c.is_whitespace() && c.len_utf16() == 1 {
                            ' '
                        } else {
                            c
                        }
                    }));
                    self.current.nodes.push((t, self.current.len, len));
                    self.current.len += len;
                }
                Node::ELEMENT_NODE => {
                    let Ok(e) = n.dyn_into::<Element>() else {
                        continue;
                    };
                    if skipped(&e) {
                        continue;
                    }
                    let tag = e.local_name();
                    match block_kind(&tag) {
                        Some(kind) => {
                            let outer = self.current.kind;
                            self.flush(kind);
                            self.walk(&e);
                            self.flush(outer);
                        }
                        None => self.walk(&e),
                    }
                }
                _ => {}
            }
        }
    }
}

/// Reads the article's blocks under `root`. `None` when there is no text at all.
pub(crate) fn collect(root: &Element) -> Option<Collected> {
    let mut w = Walker {
        blocks: Vec::new(),
        current: Open {
            kind: block_kind(&root.local_name()).unwrap_or(BlockKind::Paragraph),
            text: String::new(),
            nodes: Vec::new(),
            len: 0,
        },
    };
    w.walk(root);
    w.flush(BlockKind::Paragraph);
    // The core trims each block and joins them with a blank line; follow it exactly.
    let mut pieces = Vec::new();
    let mut inputs = Vec::new();
    let mut at = 0u32;
    for b in &w.blocks {
        let lead = utf16_len(&b.text) - utf16_len(b.text.trim_start());
        let trimmed = b.text.trim();
        if trimmed.is_empty() {
            continue;
        }
        if !inputs.is_empty() {
            at += utf16_len(crate::blocks::BLOCK_SEPARATOR);
        }
        let start = at;
        let end = start + utf16_len(trimmed);
        // Each node's part inside the trimmed block.
        for (node, rel, len) in &b.nodes {
            let (a, z) = ((*rel).max(lead), (rel + len).min(lead + (end - start)));
            if a < z {
                pieces.push(Piece {
                    node: node.clone(),
                    start: start + (a - lead),
                    offset: a - rel,
                    len: z - a,
                });
            }
        }
        inputs.push((b.kind, trimmed.to_string()));
        at = end;
    }
    let article = crate::Document::from_blocks(inputs).ok()?;
    Some(Collected { article, pieces })
}

fn utf16_len(s: &str) -> u32 {
    s.encode_utf16().count() as u32
}
