//! Stage 1 for native HTML input: finds the article body and reads its blocks.
//!
//! The body is `<article>`, else `[itemprop=articleBody]`, else `<main>`/`[role=main]`, else
//! the element whose direct paragraphs hold the most text (Readability's idea, without its
//! weights). Navigation, headers, footers, asides, forms, scripts and hidden elements are
//! skipped; each paragraph, heading, block quotation, list item and caption becomes a block.

use crate::report::BlockKind;
use scraper::{ElementRef, Html, Node, Selector};

const SKIP: &[&str] = &[
    "nav", "header", "footer", "aside", "form", "script", "style", "noscript", "template",
    "textarea", "input", "select", "button", "iframe", "svg", "canvas", "video", "audio", "object",
    "embed", "head", "title", "meta", "link",
];

fn selector(s: &str) -> Selector {
    Selector::parse(s).expect("static selector")
}

/// The article's blocks, in document order.
pub(crate) fn article_blocks(html: &str) -> Vec<(BlockKind, String)> {
    let doc = Html::parse_document(html);
    let root = ["article", "[itemprop=articleBody]", "main", "[role=main]"]
        .iter()
        .find_map(|s| doc.select(&selector(s)).max_by_key(|e| text_len(*e)))
        .or_else(|| densest(&doc))
        .unwrap_or_else(|| doc.root_element());
    let mut out = Vec::new();
    walk(root, &mut out);
    out
}

fn text_len(e: ElementRef) -> usize {
    e.text().map(str::len).sum()
}

fn hidden(e: ElementRef) -> bool {
    let v = e.value();
    v.attr("hidden").is_some()
        || v.attr("aria-hidden") == Some("true")
        || v.attr("style")
            .is_some_and(|s| s.replace(' ', "").contains("display:none"))
}

/// The element whose direct `<p>` children hold the most text, links discounted.
fn densest(doc: &Html) -> Option<ElementRef<'_>> {
    let p = selector("p");
    let mut best: Option<(usize, ElementRef)> = None;
    for para in doc.select(&p) {
        let Some(parent) = para.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        let score: usize = parent
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| c.value().name() == "p")
            .map(|c| {
                let all = text_len(c);
                let links: usize = c.select(&selector("a")).map(text_len).sum();
                all.saturating_sub(links * 2)
            })
            .sum();
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, parent));
        }
    }
    best.map(|(_, e)| e)
}

fn block_kind(name: &str) -> Option<BlockKind> {
    Some(match name {
        "p" | "pre" | "dd" | "dt" => BlockKind::Paragraph,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
        "blockquote" => BlockKind::Quote,
        "li" => BlockKind::List,
        "figcaption" | "caption" => BlockKind::Caption,
        _ => return None,
    })
}

fn walk(e: ElementRef, out: &mut Vec<(BlockKind, String)>) {
    let name = e.value().name();
    if SKIP.contains(&name) || hidden(e) {
        return;
    }
    if let Some(kind) = block_kind(name) {
        // A block quotation made of paragraphs: each paragraph is a quote block.
        let has_blocks = e
            .descendants()
            .skip(1)
            .filter_map(ElementRef::wrap)
            .any(|d| block_kind(d.value().name()).is_some());
        if !has_blocks {
            let mut text = String::new();
            inline_text(e, &mut text);
            let text = collapse(&text);
            if !text.is_empty() {
                out.push((kind, text));
            }
            return;
        }
        if kind == BlockKind::Quote {
            let mut inner = Vec::new();
            for c in e.children().filter_map(ElementRef::wrap) {
                walk(c, &mut inner);
            }
            out.extend(inner.into_iter().map(|(_, t)| (BlockKind::Quote, t)));
            return;
        }
    }
    // Loose text directly in a container (a <div> of prose) is a paragraph of its own.
    let mut loose = String::new();
    for c in e.children() {
        match c.value() {
            Node::Text(t) => loose.push_str(t),
            Node::Element(_) => {
                let Some(ce) = ElementRef::wrap(c) else {
                    continue;
                };
                let inline =
                    block_kind(ce.value().name()).is_none() && !is_container(ce.value().name());
                if inline && !SKIP.contains(&ce.value().name()) {
                    inline_text(ce, &mut loose);
                } else {
                    flush(&mut loose, out);
                    walk(ce, out);
                }
            }
            _ => {}
        }
    }
    flush(&mut loose, out);
}

fn is_container(name: &str) -> bool {
    matches!(
        name,
        "div"
            | "section"
            | "article"
            | "main"
            | "ul"
            | "ol"
            | "dl"
            | "figure"
            | "table"
            | "tbody"
            | "thead"
            | "tr"
            | "td"
            | "th"
            | "body"
            | "html"
            | "center"
            | "details"
            | "summary"
    )
}

fn flush(loose: &mut String, out: &mut Vec<(BlockKind, String)>) {
    let t = collapse(loose);
    if t.split_whitespace().count() >= 4 {
        out.push((BlockKind::Paragraph, t));
    }
    loose.clear();
}

fn inline_text(e: ElementRef, out: &mut String) {
    for c in e.children() {
        match c.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(el) => {
                if el.name() == "br" {
                    out.push(' ');
                    continue;
                }
                if let Some(ce) = ElementRef::wrap(c) {
                    if !SKIP.contains(&el.name()) && !hidden(ce) {
                        inline_text(ce, out);
                    }
                }
            }
            _ => {}
        }
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
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
