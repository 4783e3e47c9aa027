//! Stage 1 for web pages: which element of a page holds the article, and how its text splits
//! into blocks. Hands on the blocks (kind, text) for [`Document::from_blocks`], and for the
//! browser the way back from the text to the page's text nodes.
//!
//! The rules are written once, over [`PageElement`], the little an element tree must tell
//! them (tag, attributes, parent, children, text). The native HTML reader (`html`, over
//! scraper's tree) and the browser binding (`dom::collect`, over the live DOM) implement that
//! view and nothing else, so the CLI and the browser read the same blocks from the same page.
//! `tests/pages/<page>/` holds pages with the blocks both must read from them.
//!
//! # The rules
//!
//! **Left out**, with everything inside: the elements in [`SKIPPED`] (scripts, forms, controls,
//! media, navigation, asides, dialogs); `<header>` and `<footer>` unless inside sectioning
//! content (`<article>`, `<section>`, `<main>` or an element the root rules match), since at
//! the page level they are the site's banner and footer, while inside an article they hold its
//! headline, byline and credits (as HTML-AAM maps them to roles); elements the markup hides
//! ([`HIDDEN`]: `hidden`, `aria-hidden="true"`, an inline style with `display:none` or
//! `visibility:hidden`) and editable ones (`contenteditable`). While reading the blocks, also what the host knows to be hidden
//! (the browser: computed style, and the widget's own nodes): a stylesheet that hides an
//! element by its class is seen by the browser only, the one way the two can differ.
//!
//! **Root**, by the markup alone: the first rule of [`ROOTS`] (`[itemprop=articleBody]`,
//! `<article>`, `<main>`, `[role=main]`) that matches an element holding text picks the
//! article; among its matches, the one with the most text (pages hold teaser `<article>`s).
//! Text is counted in non-whitespace characters outside left-out elements. Without a match:
//! the parent of the most paragraph text, each `<p>` counting the text outside its links when
//! that is at least [`MIN_PARAGRAPH`] characters (Readability's idea, without its weights).
//! Without such paragraphs: `<body>`. Ties go to the first found.
//!
//! **Blocks**: each element of [`BLOCKS`] and each of [`BREAKS`] ends the block before it and
//! starts a new one; other elements are inline and their text flows into the block. A block's
//! kind is that of the innermost element of [`BLOCKS`] around it, except that `<p>` and `<pre>`
//! keep an enclosing kind (a paragraph in a list item is a list item) and that everything in a
//! `<blockquote>` is a quotation. Text outside any of them is a paragraph. One `<br>` is a
//! space; two in a row end the block. A block without a letter or digit is dropped.
//!
//! **Text**: the text nodes' text, each whitespace character made one space (so that lengths,
//! and the browser's offsets into its nodes, stay put), the block trimmed. Runs of spaces stay.
//!
//! [`Document::from_blocks`]: crate::Document::from_blocks

use crate::report::BlockKind;
use crate::report::BLOCK_SEPARATOR;
use std::borrow::Cow;

/// Where the article is, most specific first: schema.org's `articleBody` marks the body itself,
/// without the headline block, share bars and related links that its `<article>` also holds.
pub(crate) const ROOTS: &[Match] = &[
    Match::Attr("itemprop", "articleBody"),
    Match::Tag("article"),
    Match::Tag("main"),
    Match::Attr("role", "main"),
];

/// Elements never read, with all they hold.
pub(crate) const SKIPPED: &[&str] = &[
    "head", "title", "meta", "link", "script", "style", "noscript", "template", "nav", "aside",
    "form", "menu", "dialog", "textarea", "input", "select", "button", "iframe", "svg", "canvas",
    "video", "audio", "object", "embed",
];

/// Page chrome when not inside sectioning content (see [`SECTIONING`]).
pub(crate) const CHROME: &[&str] = &["header", "footer"];

/// Sectioning content: a header or footer inside one of these (or inside an element that a
/// rule of [`ROOTS`] matches) belongs to it, not to the site.
pub(crate) const SECTIONING: &[&str] = &["article", "section", "main"];

/// Elements that are a block of their own, and its kind.
pub(crate) const BLOCKS: &[(&str, BlockKind)] = &[
    ("p", BlockKind::Paragraph),
    ("pre", BlockKind::Paragraph),
    ("h1", BlockKind::Heading),
    ("h2", BlockKind::Heading),
    ("h3", BlockKind::Heading),
    ("h4", BlockKind::Heading),
    ("h5", BlockKind::Heading),
    ("h6", BlockKind::Heading),
    ("blockquote", BlockKind::Quote),
    ("li", BlockKind::List),
    ("dt", BlockKind::List),
    ("dd", BlockKind::List),
    ("figcaption", BlockKind::Caption),
    ("caption", BlockKind::Caption),
];

/// Elements that end the block before them and start a new one, without a kind of their own.
pub(crate) const BREAKS: &[&str] = &[
    "html", "body", "div", "section", "article", "main", "header", "footer", "hgroup", "search",
    "address", "figure", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "ul", "ol", "dl",
    "details", "summary", "fieldset", "center", "hr",
];

/// Markup that leaves an element out, with all it holds: hidden, or (`contenteditable`) a box
/// for the reader's own typing.
pub(crate) const HIDDEN: &[Hide] = &[
    Hide::Attr("hidden"),
    Hide::AttrIs("aria-hidden", "true"),
    Hide::AttrIsNot("contenteditable", "false"),
    Hide::Style("display:none"),
    Hide::Style("visibility:hidden"),
];

/// The shortest paragraph (non-whitespace characters outside links) that counts for its parent
/// when no root rule matches.
pub(crate) const MIN_PARAGRAPH: usize = 25;

/// One rule for finding an element.
pub(crate) enum Match {
    /// An element with this tag.
    Tag(&'static str),
    /// An element whose attribute has exactly this value.
    Attr(&'static str, &'static str),
}

impl Match {
    fn matches<E: PageElement>(&self, e: &E, tag: &str) -> bool {
        match self {
            Match::Tag(t) => tag == *t,
            Match::Attr(a, v) => e.has_attributes() && e.attr(a).as_deref() == Some(*v),
        }
    }
}

/// One way markup hides an element.
pub(crate) enum Hide {
    /// The attribute is present.
    Attr(&'static str),
    /// The attribute has this value.
    AttrIs(&'static str, &'static str),
    /// The attribute is present without this value.
    AttrIsNot(&'static str, &'static str),
    /// The inline style holds this declaration (spaces and case aside).
    Style(&'static str),
}

/// A child of an element: an element or a text node (comments and the like are not children
/// here).
pub(crate) enum Child<E: PageElement> {
    Element(E),
    Text(E::Text),
}

/// The view of a page's element that the rules read: implemented over scraper's tree (native)
/// and the live DOM (browser), and nothing more is needed of either.
pub(crate) trait PageElement: Sized + Clone + PartialEq {
    /// A text node, handed back with the blocks (the browser marks text in it).
    type Text: Clone;
    /// The local name, lowercase.
    fn tag(&self) -> Cow<'_, str>;
    /// Whether the element has any attribute (so that most need not be asked for each).
    fn has_attributes(&self) -> bool;
    /// An attribute's value.
    fn attr(&self, name: &str) -> Option<Cow<'_, str>>;
    /// The parent element.
    fn parent(&self) -> Option<Self>;
    /// Element and text children, in document order.
    fn children(&self) -> impl Iterator<Item = Child<Self>>;
    /// A text node's text.
    fn text(node: &Self::Text) -> Cow<'_, str>;
    /// The elements under this one that `rule` matches, in document order. (The browser asks
    /// its selector engine: much faster than a walk through the DOM from Rust.)
    fn select(&self, rule: &Match) -> Vec<Self> {
        // Depth first with a stack of its own (a page nests as deep as it likes; the call stack
        // does not), children pushed last first so that they come out in document order.
        let mut out = Vec::new();
        let mut stack = Vec::new();
        push_elements(self, &mut stack);
        while let Some(e) = stack.pop() {
            if rule.matches(&e, &e.tag()) {
                out.push(e.clone());
            }
            push_elements(&e, &mut stack);
        }
        out
    }
    /// Hidden in a way the markup does not show (the browser: computed style, the widget's own
    /// nodes). Natively, never. Asked only while reading the blocks under the root: the root
    /// search goes by the markup alone, as natively.
    fn hidden_by_host(&self) -> bool {
        false
    }
}

/// Pushes the element children of `e` on `stack`, the last first (so that they pop in document
/// order).
fn push_elements<E: PageElement>(e: &E, stack: &mut Vec<E>) {
    let start = stack.len();
    stack.extend(e.children().filter_map(|c| match c {
        Child::Element(c) => Some(c),
        Child::Text(_) => None,
    }));
    stack[start..].reverse();
}

/// Whether the markup leaves `e` and all it holds out (a skipped tag, page chrome, hidden,
/// editable). `in_section`: whether `e` is inside sectioning content.
fn left_out<E: PageElement>(e: &E, tag: &str, in_section: bool) -> bool {
    if SKIPPED.contains(&tag) || (!in_section && CHROME.contains(&tag)) {
        return true;
    }
    if !e.has_attributes() {
        return false;
    }
    let mut style: Option<String> = None;
    HIDDEN.iter().any(|h| match h {
        Hide::Attr(a) => e.attr(a).is_some(),
        Hide::AttrIs(a, v) => e.attr(a).as_deref() == Some(*v),
        Hide::AttrIsNot(a, v) => e.attr(a).is_some_and(|x| x != *v),
        Hide::Style(d) => style
            .get_or_insert_with(|| {
                let s = e.attr("style").unwrap_or_default();
                s.chars()
                    .filter(|c| !c.is_whitespace())
                    .flat_map(char::to_lowercase)
                    .collect()
            })
            .contains(d),
    })
}

/// The first rule of [`ROOTS`] that `e` matches.
fn root_rule<E: PageElement>(e: &E, tag: &str) -> Option<usize> {
    ROOTS.iter().position(|m| m.matches(e, tag))
}

/// Whether a header or footer inside `e` belongs to the content.
fn sectioning<E: PageElement>(e: &E, tag: &str) -> bool {
    SECTIONING.contains(&tag) || root_rule(e, tag).is_some()
}

/// Whether `e` or an element around it is sectioning content.
fn inside_section<E: PageElement>(e: &E) -> bool {
    std::iter::successors(Some(e.clone()), PageElement::parent).any(|a| sectioning(&a, &a.tag()))
}

fn block_kind(tag: &str) -> Option<BlockKind> {
    BLOCKS.iter().find(|(t, _)| *t == tag).map(|(_, k)| *k)
}

/// The kind of text inside an element with this tag, inside text of kind `outer` (`None`:
/// outside any block element).
fn kind_inside(outer: Option<BlockKind>, tag: &str) -> Option<BlockKind> {
    match (outer, block_kind(tag)) {
        (Some(BlockKind::Quote), _) => outer,
        (_, None) => outer,
        (Some(o), Some(BlockKind::Paragraph)) => Some(o),
        (_, k) => k,
    }
}

fn ends_block(tag: &str) -> bool {
    block_kind(tag).is_some() || BREAKS.contains(&tag)
}

fn weight(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// The text under `e` that would be read, in non-whitespace characters: all of it, and the
/// part inside links. `in_section`: whether `e`'s children are inside sectioning content.
fn text_weight<E: PageElement>(e: &E, in_section: bool, in_link: bool) -> (usize, usize) {
    let (mut all, mut links) = (0, 0);
    // Elements whose children are still to count (a stack of its own: pages nest deep), each
    // with whether its children are inside sectioning content and inside a link.
    let mut stack = vec![(e.clone(), in_section, in_link)];
    while let Some((e, in_section, in_link)) = stack.pop() {
        for c in e.children() {
            match c {
                Child::Text(t) => {
                    let w = weight(&E::text(&t));
                    all += w;
                    if in_link {
                        links += w;
                    }
                }
                Child::Element(c) => {
                    let tag = c.tag();
                    if left_out(&c, &tag, in_section) {
                        continue;
                    }
                    let inner = in_section || sectioning(&c, &tag);
                    let link = in_link || tag == "a";
                    stack.push((c, inner, link));
                }
            }
        }
    }
    (all, links)
}

/// Whether `e`, below `top`, is read at all (neither it nor an element around it is left out),
/// and if so whether it is inside sectioning content.
fn reachable<E: PageElement>(top: &E, e: &E) -> Option<bool> {
    let mut chain: Vec<E> = std::iter::successors(Some(e.clone()), PageElement::parent)
        .take_while(|a| a != top)
        .collect();
    chain.reverse();
    let mut in_section = sectioning(top, &top.tag());
    for a in &chain {
        let tag = a.tag();
        if left_out(a, &tag, in_section) {
            return None;
        }
        if a != e {
            in_section |= sectioning(a, &tag);
        }
    }
    Some(in_section)
}

/// The best element so far by some score: (element, score), ties keeping the first.
fn keep<E: Clone>(best: &mut Option<(E, usize)>, e: &E, score: usize) {
    if score > 0 && best.as_ref().is_none_or(|(_, s)| score > *s) {
        *best = Some((e.clone(), score));
    }
}

/// The element holding the article, on a page whose top element is `top` (`<html>`). Goes by
/// the markup alone, natively and in the browser alike.
pub(crate) fn find_root<E: PageElement>(top: &E) -> E {
    for rule in ROOTS {
        let mut best = None;
        for e in top.select(rule) {
            if let Some(in_section) = reachable(top, &e) {
                let inner = in_section || sectioning(&e, &e.tag());
                keep(&mut best, &e, text_weight(&e, inner, false).0);
            }
        }
        if let Some((e, _)) = best {
            return e;
        }
    }
    // The parent of the most paragraph text.
    let mut parents: Vec<(E, usize)> = Vec::new();
    for p in top.select(&Match::Tag("p")) {
        let (Some(in_section), Some(parent)) = (reachable(top, &p), p.parent()) else {
            continue;
        };
        let (all, links) = text_weight(&p, in_section, false);
        if all - links < MIN_PARAGRAPH {
            continue;
        }
        // Paragraphs come in runs under one parent: look for it from the latest.
        match parents.iter_mut().rev().find(|(e, _)| *e == parent) {
            Some(s) => s.1 += all - links,
            None => parents.push((parent, all - links)),
        }
    }
    let mut best = None;
    for (e, score) in &parents {
        keep(&mut best, e, *score);
    }
    best.map(|(e, _)| e)
        .or_else(|| top.select(&Match::Tag("body")).into_iter().next())
        .unwrap_or_else(|| top.clone())
}

/// A block as read: its text (every whitespace character one space) and the text nodes it
/// came from.
struct PageBlock<T> {
    kind: Option<BlockKind>,
    text: String,
    /// Length of `text` in UTF-16 code units.
    len: u32,
    /// (node, start within `text`, length), both in UTF-16 code units.
    nodes: Vec<(T, u32, u32)>,
}

impl<T> PageBlock<T> {
    fn new() -> Self {
        PageBlock {
            kind: None,
            text: String::new(),
            len: 0,
            nodes: Vec::new(),
        }
    }
}

/// The state of the element and its surroundings that the block rules need.
#[derive(Clone, Copy)]
struct Context {
    /// The kind of text here (`None`: outside any block element).
    kind: Option<BlockKind>,
    in_section: bool,
}

struct Reader<T> {
    blocks: Vec<PageBlock<T>>,
    current: PageBlock<T>,
    /// Whether the last thing read in the block was a `<br>` (whitespace aside).
    after_br: bool,
}

impl<T> Reader<T> {
    fn end_block(&mut self) {
        let done = std::mem::replace(&mut self.current, PageBlock::new());
        if done.text.chars().any(char::is_alphanumeric) {
            self.blocks.push(done);
        }
        self.after_br = false;
    }

    /// Adds text to the block; returns where it went in the block and its length (UTF-16).
    fn push(&mut self, text: &str, kind: Option<BlockKind>) -> (u32, u32) {
        let b = &mut self.current;
        let (at, len) = (b.len, text.encode_utf16().count() as u32);
        if len == 0 {
            return (at, 0);
        }
        if !text.chars().all(char::is_whitespace) {
            self.after_br = false;
        }
        b.kind = kind;
        b.text.extend(text.chars().map(|c| {
            if c.is_whitespace() && c.len_utf16() == 1 {
                ' '
            } else {
                c
            }
        }));
        b.len += len;
        (at, len)
    }

    /// Reads the children of `e`, depth first in document order. With a stack of its own, not
    /// the call stack: a page may nest elements thousands deep.
    fn walk<E: PageElement<Text = T>>(&mut self, e: &E, cx: Context) {
        let mut stack: Vec<Step<E>> = Vec::new();
        push_children(e, cx, &mut stack);
        while let Some(step) = stack.pop() {
            let (c, cx) = match step {
                Step::EndBlock => {
                    self.end_block();
                    continue;
                }
                Step::Read(Child::Text(t), cx) => {
                    let (at, len) = self.push(&E::text(&t), cx.kind);
                    if len > 0 {
                        self.current.nodes.push((t, at, len));
                    }
                    continue;
                }
                Step::Read(Child::Element(c), cx) => (c, cx),
            };
            let tag = c.tag();
            if left_out(&c, &tag, cx.in_section) || c.hidden_by_host() {
                continue;
            }
            if tag == "br" {
                if self.after_br {
                    self.end_block();
                } else {
                    self.push(" ", cx.kind);
                    self.after_br = true;
                }
                continue;
            }
            let inner = Context {
                kind: kind_inside(cx.kind, &tag),
                in_section: cx.in_section || sectioning(&c, &tag),
            };
            if ends_block(&tag) {
                self.end_block();
                stack.push(Step::EndBlock);
            }
            push_children(&c, inner, &mut stack);
        }
    }
}

/// What [`Reader::walk`] has still to do: read a node, or end the block an element opened.
enum Step<E: PageElement> {
    Read(Child<E>, Context),
    EndBlock,
}

/// Pushes the children of `e` to be read in context `cx`, the last first.
fn push_children<E: PageElement>(e: &E, cx: Context, stack: &mut Vec<Step<E>>) {
    let start = stack.len();
    stack.extend(e.children().map(|c| Step::Read(c, cx)));
    stack[start..].reverse();
}

/// One text node's share of the article's text. (Only the browser maps text back to nodes.)
#[derive(Clone)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) struct Piece<T> {
    pub node: T,
    /// Where the mapped part starts in the article's text (UTF-16).
    pub start: u32,
    /// Where the mapped part starts in the node (UTF-16); leading whitespace is not mapped.
    pub offset: u32,
    /// The mapped part's length (UTF-16).
    pub len: u32,
}

/// The article read from a page.
pub(crate) struct Extracted<T> {
    /// Its blocks, for [`Document::from_blocks`](crate::Document::from_blocks).
    pub blocks: Vec<(BlockKind, String)>,
    /// Its text nodes in document order, with their place in the text that
    /// [`Document::from_blocks`](crate::Document::from_blocks) makes of the blocks.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub pieces: Vec<Piece<T>>,
}

/// Reads the article's blocks under `root`.
pub(crate) fn read<E: PageElement>(root: &E) -> Extracted<E::Text> {
    let mut r = Reader {
        blocks: Vec::new(),
        current: PageBlock::new(),
        after_br: false,
    };
    let cx = Context {
        kind: kind_inside(None, &root.tag()),
        in_section: inside_section(root),
    };
    r.walk(root, cx);
    r.end_block();
    // `Document::from_blocks` trims each block and joins them with a separator: follow it.
    let mut pieces = Vec::new();
    let mut blocks = Vec::new();
    let mut at = 0u32;
    for b in r.blocks {
        let lead = utf16_len(&b.text) - utf16_len(b.text.trim_start());
        let trimmed = b.text.trim();
        if !blocks.is_empty() {
            at += utf16_len(BLOCK_SEPARATOR);
        }
        let start = at;
        let end = start + utf16_len(trimmed);
        for (node, rel, len) in b.nodes {
            let (a, z) = (rel.max(lead), (rel + len).min(lead + (end - start)));
            if a < z {
                pieces.push(Piece {
                    node,
                    start: start + (a - lead),
                    offset: a - rel,
                    len: z - a,
                });
            }
        }
        blocks.push((b.kind.unwrap_or(BlockKind::Paragraph), trimmed.to_string()));
        at = end;
    }
    Extracted { blocks, pieces }
}

fn utf16_len(s: &str) -> u32 {
    s.encode_utf16().count() as u32
}
