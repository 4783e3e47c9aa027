//! Stage 1 for web pages: which part of a page is the article, and how its text splits into
//! blocks. Hands on the blocks (kind, text) for [`Document::from_blocks`], and for the browser
//! the way back from the text to the page's text nodes.
//!
//! The rules are written once, over [`PageElement`], the little an element tree must tell
//! them (tag, attributes, parent, children, text). The native HTML reader (`html`, over
//! scraper's tree) and the browser binding (`dom::collect`, over the live DOM) implement that
//! view and nothing else, so the CLI and the browser read the same blocks from the same page.
//! `tests/pages/<page>/` holds pages with the blocks both must read from them, the text a reader
//! expects, and the names planted in their chrome; `tests/pages/README.md` compares the rules
//! with Mozilla's Readability, which they follow.
//!
//! # The rules
//!
//! **Left out by the markup**, with everything inside: the elements in [`SKIPPED`] (scripts,
//! forms, controls, media, navigation, asides, dialogs); `<header>` and `<footer>` unless inside
//! sectioning content (`<article>`, `<section>`, `<main>`, an element the root rules match, or
//! the article found), since at the page level they are the site's banner and footer, while
//! inside an article they hold its headline, byline and credits (as HTML-AAM maps them to
//! roles); elements the markup hides ([`HIDDEN`]: `hidden`, `aria-hidden="true"`, an inline
//! style with `display:none` or `visibility:hidden`) and editable ones (`contenteditable`).
//! While reading the blocks, also what the host knows to be hidden (the browser: computed
//! style, and the widget's own nodes): a stylesheet that hides an element by its class is seen
//! by the browser only, the one way the two can differ.
//!
//! **Page chrome by name**: a block-level element whose class or id holds a word of
//! [`CHROME_WORDS`] ("related", "comments", "newsletter", "share", "byline", "ad", …), or of
//! [`MINOR_CHROME_WORDS`] when it holds less than [`MINOR_CHROME_TEXT`] characters, no `<h1>`
//! and no word of [`CONTENT_WORDS`], and any element with a role of [`CHROME_ROLES`], is chrome, unless it
//! holds half the page's paragraph text or more (a wrapper of the whole story). Chrome neither
//! scores nor is read.
//!
//! **The article** (Readability's scoring): each paragraph ([`PARAGRAPHS`], and any block
//! element holding text but no block element) with at least [`MIN_PARAGRAPH`] characters
//! outside links scores 1, one more per comma, one more per [`CHARS_PER_POINT`] characters (at
//! most 3), for its parent, half of it for its grandparent, and a third of it per level for
//! [`SCORE_LEVELS`] levels up. A container starts from its tag ([`TAG_SCORES`]) and
//! ±[`CLASS_WEIGHT`] for its class and for its id ([`CONTENT_WORDS`] up, chrome words down);
//! its score is then scaled by the share of its text outside links. The best container wins;
//! if three of the others within 3/4 of its score share an ancestor, that ancestor wins; then
//! it moves up to a parent scoring more than it, and past parents that hold nothing else. The
//! article is then the innermost `[itemprop=articleBody]` or `<article>` around the winner, or
//! the `<article>` inside it holding most of its text; otherwise the winner with those of its
//! siblings that belong to it: a sibling scoring at least [`SIBLING_SHARE`] of the winner
//! (or [`SIBLING_MIN`]; more easily with the winner's class), a paragraph of prose, and the
//! headline before it. (An article split by `<hr>`s, or into `<section>`s with ad slots
//! between, is read whole; a feed of teasers beside it is not.) When the article so found
//! holds no `<h1>`, the last `<h1>` before it, under an element at most [`HEADLINE_LEVELS`]
//! above it, mostly not a link and of four words or more (or the start of the page's `<title>`),
//! is read with it, with its header block when that is short (a kicker, a standfirst), and
//! nothing else of that element. Without any paragraph: the
//! first rule of [`ROOTS`] that matches an element holding text, the one with the most text,
//! and else `<body>`. Ties go to the first found.
//!
//! **Left out of the article** (Readability's cleaning), except the winner and what holds it:
//! chrome; a block with more than [`LINK_BLOCK`] of its text in links (related-story
//! headlines); a container ([`CONTAINERS`]) with more than [`LINK_CONTAINER`] in links, fewer
//! than ten commas and no content class (lists of teasers); a pull quote — a `<blockquote>`,
//! `<figure>` or element named by [`QUOTE_WORDS`] whose word triples are at least [`REPEATED`]
//! found elsewhere in the article (it repeats the text, and would be a second statement).
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
//! Characters are counted without whitespace throughout.
//!
//! [`Document::from_blocks`]: crate::Document::from_blocks

use crate::hash_index::HashIndex;
use crate::list::Listed;
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

/// The rules of [`ROOTS`] that mark one article (not a page's main part): the innermost of
/// these around the winning container is the article.
pub(crate) const ARTICLES: &[Match] = &[
    Match::Attr("itemprop", "articleBody"),
    Match::Tag("article"),
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

/// Class and id words of page chrome (Readability's "unlikely candidates" and negative class
/// names). Class and id are read as lowercase words, split at anything but a letter or digit
/// and where a lowercase letter meets a capital (`relatedStories`: "related stories"); an entry
/// of two words matches them in a row.
pub(crate) const CHROME_WORDS: &[&str] = &[
    "comment",
    "comments",
    "disqus",
    "replies",
    "related",
    "recommended",
    "recommendations",
    "recirc",
    "more stories",
    "most read",
    "most popular",
    "popular",
    "trending",
    "read more",
    "up next",
    "newsletter",
    "newsletters",
    "signup",
    "sign up",
    "subscribe",
    "share",
    "sharing",
    "social",
    "byline",
    "author",
    "dateline",
    "sponsor",
    "sponsored",
    "promo",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "adslot",
    "dfp",
    "outbrain",
    "taboola",
    "cookie",
    "consent",
    "gdpr",
    "breadcrumb",
    "breadcrumbs",
    "tags",
    "pullquote",
    "pull quote",
    "shoutbox",
    "skyscraper",
    "shopping",
];

/// Class and id words that name chrome but may also name a part of the article (a paywalled
/// part, the article's header): chrome only in an element holding less than
/// [`MINOR_CHROME_TEXT`] characters, no `<h1>` and no word of [`CONTENT_WORDS`].
pub(crate) const MINOR_CHROME_WORDS: &[&str] = &[
    "paywall",
    "regwall",
    "overlay",
    "modal",
    "popup",
    "meta",
    "banner",
    "sidebar",
    "widget",
    "masthead",
    "header",
    "footer",
    "toolbar",
    "extra",
    "supplemental",
    "offer",
    "menu",
];

/// The most text an element named by [`MINOR_CHROME_WORDS`] may hold and still be chrome.
pub(crate) const MINOR_CHROME_TEXT: usize = 600;

/// Class and id words of content (Readability's positive class names).
pub(crate) const CONTENT_WORDS: &[&str] = &[
    "article", "body", "content", "entry", "main", "page", "post", "text", "blog", "story",
];

/// ARIA roles of page chrome.
pub(crate) const CHROME_ROLES: &[&str] = &[
    "navigation",
    "complementary",
    "banner",
    "contentinfo",
    "menu",
    "menubar",
    "toolbar",
    "dialog",
    "alertdialog",
    "button",
    "search",
];

/// Elements whose text is scored as one paragraph (besides block elements holding text but no
/// block element).
pub(crate) const PARAGRAPHS: &[&str] = &["p", "pre", "td"];

/// A paragraph's score goes to this many levels of containers above it.
pub(crate) const SCORE_LEVELS: usize = 5;

/// A paragraph scores one more point per this many characters (at most 3).
pub(crate) const CHARS_PER_POINT: usize = 80;

/// A container's score to start from, by its tag (Readability's).
pub(crate) const TAG_SCORES: &[(&str, f64)] = &[
    ("div", 5.0),
    ("pre", 3.0),
    ("td", 3.0),
    ("blockquote", 3.0),
    ("address", -3.0),
    ("ol", -3.0),
    ("ul", -3.0),
    ("dl", -3.0),
    ("dd", -3.0),
    ("dt", -3.0),
    ("li", -3.0),
    ("form", -3.0),
    ("h1", -5.0),
    ("h2", -5.0),
    ("h3", -5.0),
    ("h4", -5.0),
    ("h5", -5.0),
    ("h6", -5.0),
    ("th", -5.0),
];

/// What a content word in a container's class (or id) adds to its score, and a chrome word
/// takes away.
pub(crate) const CLASS_WEIGHT: f64 = 25.0;

/// A sibling of the winning container joins the article when it scores this share of the
/// winner's score, or [`SIBLING_MIN`] if that is more (the winner's class adds this share
/// again).
pub(crate) const SIBLING_SHARE: f64 = 0.2;

/// See [`SIBLING_SHARE`].
pub(crate) const SIBLING_MIN: f64 = 10.0;

/// A block with more than this share of its text in links is left out of the article.
pub(crate) const LINK_BLOCK: f64 = 0.75;

/// A container of [`CONTAINERS`] with more than this share of its text in links (and fewer
/// than ten commas, and no content class) is left out of the article.
pub(crate) const LINK_CONTAINER: f64 = 0.2;

/// Containers that [`LINK_CONTAINER`] applies to.
pub(crate) const CONTAINERS: &[&str] = &["div", "section", "ul", "ol", "dl", "table", "footer"];

/// A teaser of another story (a container with a linked heading) holds less text than this...
pub(crate) const TEASER_TEXT: usize = 400;

/// ... and a linked heading making at least this share of it.
pub(crate) const TEASER_HEADLINE: f64 = 0.3;

/// Class and id words of a pull quote (besides `<blockquote>` and `<figure>`).
pub(crate) const QUOTE_WORDS: &[&str] = &["quote", "pullquote", "pull", "callout"];

/// The share of a pull quote's word triples found elsewhere in the article that makes it a
/// repeat, left out.
pub(crate) const REPEATED: f64 = 0.5;

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
        // Depth first, in document order, with a stack of its own (not by recursion: deep
        // pages must not overflow the call stack).
        fn push_children<E: PageElement>(e: &E, stack: &mut Vec<E>) {
            let at = stack.len();
            stack.extend(e.children().filter_map(|c| match c {
                Child::Element(c) => Some(c),
                Child::Text(_) => None,
            }));
            stack[at..].reverse();
        }
        let mut out = Vec::new();
        let mut stack = Vec::new();
        push_children(self, &mut stack);
        while let Some(c) = stack.pop() {
            if rule.matches(&c, &c.tag()) {
                out.push(c.clone());
            }
            push_children(&c, &mut stack);
        }
        out
    }
    /// The text children of the first `<title>` under this element, joined (the browser's
    /// copy of the page keeps it, not the insides of `<head>`).
    fn title(&self) -> String {
        let Some(t) = self.select(&Match::Tag("title")).into_iter().next() else {
            return String::new();
        };
        let mut text = String::new();
        for c in t.children() {
            if let Child::Text(t) = c {
                text.push_str(&Self::text(&t));
            }
        }
        text
    }
    /// Hidden in a way the markup does not show (the browser: computed style, the widget's own
    /// nodes). Natively, never. Asked only while reading the blocks under the root: the root
    /// search goes by the markup alone, as natively.
    fn hidden_by_host(&self) -> bool {
        false
    }
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
                    .flat_map(crate::case::lower_char)
                    .collect()
            })
            // (Byte windows, not `str::contains`: std's substring searcher is 1.3 KB of wasm.)
            .as_bytes()
            .windows(d.len())
            .any(|w| w == d.as_bytes()),
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

/// The number of characters of `s` that are not whitespace (its weight), and of [`COMMAS`]
/// among them, in one pass that looks at ASCII bytes directly and decodes only the other
/// characters (news text is mostly ASCII; a `chars()` pass decodes every character, slow in
/// the browser build).
fn weigh(s: &str) -> (usize, usize) {
    let (mut w, mut commas) = (0, 0);
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if b < 0x80 {
            w += usize::from(!matches!(b, b'\t'..=b'\r' | b' '));
            commas += usize::from(b == b',');
        } else if b >= 0xc0 {
            // The first byte of a character past ASCII.
            if let Some(c) = s.get(i..).and_then(|r| r.chars().next()) {
                w += usize::from(!c.is_whitespace());
                commas += usize::from(COMMAS.contains(&c));
            }
        }
    }
    (w, commas)
}

/// Characters of text (whitespace aside): all, inside links, and commas.
#[derive(Clone, Copy, Default)]
struct Weight {
    text: usize,
    links: usize,
    commas: usize,
}

impl Weight {
    fn add(&mut self, o: Weight) {
        self.text += o.text;
        self.links += o.links;
        self.commas += o.commas;
    }

    /// The characters outside links.
    fn prose(&self) -> usize {
        self.text - self.links
    }

    /// The share of the text inside links.
    fn link_density(&self) -> f64 {
        if self.text == 0 {
            0.0
        } else {
            self.links as f64 / self.text as f64
        }
    }
}

/// What the rules know of one element of the page, in a list in document order.
struct Node<E> {
    el: E,
    tag: String,
    parent: Option<usize>,
    /// One past the last element under it: its subtree is `index..end`.
    end: usize,
    /// Left out by the markup wherever it is (skipped tag, hidden, editable).
    out: bool,
    /// A header or footer outside sectioning content: left out, unless inside the article.
    page_chrome: bool,
    /// Page chrome by name or role (see [`CHROME_WORDS`]).
    chrome: bool,
    /// Its class and its id as words, " a b c " (see [`CHROME_WORDS`]).
    class: String,
    id: String,
    /// Its own text children's weight, and (once summed) that of all it holds that is read.
    own: Weight,
    all: Weight,
    /// Its text is scored as one paragraph (read without checking its weight).
    para: bool,
    /// Holds an `<h1>`.
    has_h1: bool,
    /// The text of the longest heading in links it holds (see [`teaser`]).
    linked_heading: usize,
    /// The text of the block it starts, outside the blocks inside it (block elements only).
    text: String,
    /// Its score as a container of paragraphs, once it has one.
    score: Option<f64>,
}

/// A page (or part of one) read into [`Node`]s.
struct Tree<E> {
    nodes: Vec<Node<E>>,
}

/// The lowercase words of a class or id attribute, each followed by a space.
fn attr_words(value: &str, out: &mut String) {
    let mut prev_lower = false;
    for c in value.chars() {
        if c.is_alphanumeric() {
            if c.is_uppercase() && prev_lower {
                out.push(' ');
            }
            out.extend(crate::case::lower_char(c));
            prev_lower = c.is_lowercase() || c.is_numeric();
        } else {
            if !out.ends_with(' ') {
                out.push(' ');
            }
            prev_lower = false;
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
}

/// Whether `words` (" a b c ") holds one of `list` (one or two words).
fn has_word(words: &str, list: &[&str]) -> bool {
    let b = words.as_bytes();
    list.iter().any(|w| {
        let w = w.as_bytes();
        (0..b.len()).any(|i| {
            b[i] == b' ' && b[i + 1..].starts_with(w) && b.get(i + 1 + w.len()) == Some(&b' ')
        })
    })
}

/// An element being read by [`Tree::build`]: its node, its children still to read, and what
/// its text so far adds up to.
struct Open<E: PageElement> {
    me: usize,
    children: Vec<Option<Child<E>>>,
    next: usize,
    /// Inside something left out: its text goes into no block.
    out: bool,
    inner_section: bool,
    in_link: bool,
    own: Weight,
    block_child: bool,
    has_h1: bool,
    starts_block: bool,
}

impl<E: PageElement> Tree<E> {
    /// Reads the elements under `top` (and `top`), all but the insides of skipped tags. Depth
    /// first with a stack of its own, not by recursion: a page of thousands of nested elements
    /// must not overflow the (small, in the browser) call stack.
    fn build(top: &E) -> Tree<E> {
        let mut t = Tree { nodes: Vec::new() };
        let mut blocks: Vec<String> = Vec::new();
        let mut stack: Vec<Open<E>> = Vec::new();
        if let Some(f) = t.open(top, None, inside_section(top), false, false, &mut blocks) {
            stack.push(f);
        }
        while let Some(f) = stack.last_mut() {
            let Some(child) = f.children.get_mut(f.next).and_then(Option::take) else {
                let f = stack.pop().expect("a frame is open");
                let i = t.close(f, &mut blocks);
                if let Some(parent) = stack.last_mut() {
                    let n = &t.nodes[i];
                    parent.block_child |= ends_block(&n.tag) && !n.out;
                    parent.has_h1 |= n.has_h1;
                }
                continue;
            };
            f.next += 1;
            match child {
                Child::Text(text) => {
                    let text = E::text(&text);
                    let (w, commas) = weigh(&text);
                    f.own.text += w;
                    if f.in_link {
                        f.own.links += w;
                    }
                    f.own.commas += commas;
                    if !f.out {
                        if let Some(b) = blocks.last_mut() {
                            b.push_str(&text);
                        }
                    }
                }
                Child::Element(c) => {
                    let (me, section, out, in_link) = (f.me, f.inner_section, f.out, f.in_link);
                    match t.open(&c, Some(me), section, out, in_link, &mut blocks) {
                        Some(frame) => stack.push(frame),
                        // A skipped tag: nothing under it is read, and it holds no block.
                        None => {
                            let i = t.nodes.len() - 1;
                            let n = &t.nodes[i];
                            let (block, h1) = (ends_block(&n.tag) && !n.out, n.has_h1);
                            if let Some(parent) = stack.last_mut() {
                                parent.block_child |= block;
                                parent.has_h1 |= h1;
                            }
                        }
                    }
                }
            }
        }
        t
    }

    /// Adds `e` as a node; the frame that reads what is under it, or none for a skipped tag.
    /// `out`: inside something left out (its text then goes into no block text).
    fn open(
        &mut self,
        e: &E,
        parent: Option<usize>,
        in_section: bool,
        out: bool,
        in_link: bool,
        blocks: &mut Vec<String>,
    ) -> Option<Open<E>> {
        let tag = e.tag().into_owned();
        let me = self.nodes.len();
        let is_out = left_out(e, &tag, true);
        let page_chrome = !in_section && CHROME.contains(&tag.as_str());
        let (mut class, mut id) = (String::from(" "), String::from(" "));
        if e.has_attributes() {
            if let Some(c) = e.attr("class") {
                attr_words(&c, &mut class);
            }
            if let Some(i) = e.attr("id") {
                attr_words(&i, &mut id);
            }
        }
        self.nodes.push(Node {
            el: e.clone(),
            tag,
            parent,
            end: me + 1,
            out: is_out,
            page_chrome,
            chrome: false,
            class,
            id,
            own: Weight::default(),
            all: Weight::default(),
            para: false,
            has_h1: false,
            linked_heading: 0,
            text: String::new(),
            score: None,
        });
        if SKIPPED.contains(&self.nodes[me].tag.as_str()) {
            return None;
        }
        let tag = self.nodes[me].tag.clone();
        let starts_block = ends_block(&tag);
        if starts_block {
            blocks.push(String::new());
        }
        Some(Open {
            me,
            children: e.children().map(Some).listed(),
            next: 0,
            out: out || is_out || page_chrome,
            inner_section: in_section || sectioning(e, &tag),
            in_link: in_link || tag == "a",
            own: Weight::default(),
            block_child: false,
            has_h1: tag == "h1",
            starts_block,
        })
    }

    /// Ends the node of frame `f` once all under it is read; returns its index.
    fn close(&mut self, f: Open<E>, blocks: &mut Vec<String>) -> usize {
        let end = self.nodes.len();
        let n = &mut self.nodes[f.me];
        n.end = end;
        n.own = f.own;
        n.has_h1 = f.has_h1;
        n.para = PARAGRAPHS.contains(&n.tag.as_str())
            || (BREAKS.contains(&n.tag.as_str()) && !f.block_child && f.own.text > 0);
        if f.starts_block {
            n.text = blocks.pop().unwrap_or_default();
        }
        f.me
    }

    /// Sums each element's weight with those of the elements under it that are read (neither
    /// left out nor, with `chrome`, page chrome).
    fn sum(&mut self, chrome: bool) {
        for n in &mut self.nodes {
            n.all = n.own;
        }
        for i in (1..self.nodes.len()).rev() {
            let n = &self.nodes[i];
            if n.out || n.page_chrome || (chrome && n.chrome) {
                continue;
            }
            let (all, p) = (n.all, n.parent);
            if let Some(p) = p {
                self.nodes[p].all.add(all);
            }
        }
    }

    /// The paragraphs that score: read, and with enough text outside links.
    fn scoring(&self, i: usize) -> bool {
        let n = &self.nodes[i];
        n.para && n.all.prose() >= MIN_PARAGRAPH
    }

    /// Marks page chrome by name and role (see [`CHROME_WORDS`]): never a wrapper holding half
    /// the page's paragraph text or more.
    fn mark_chrome(&mut self) {
        self.sum(false);
        let len = self.nodes.len();
        // Paragraph text before each element, in document order, to sum any subtree's.
        let mut before = vec![0usize; len + 1];
        let mut skip = 0;
        for i in 0..len {
            let n = &self.nodes[i];
            let mut here = 0;
            if i >= skip && (n.out || n.page_chrome) {
                skip = n.end;
            }
            if i >= skip && self.scoring(i) {
                here = self.nodes[i].all.prose();
            }
            before[i + 1] = before[i] + here;
        }
        let total = before[len];
        let mut skip = 0;
        for i in 0..len {
            if i < skip {
                continue;
            }
            let n = &self.nodes[i];
            if n.out {
                skip = n.end;
                continue;
            }
            let held = before[n.end] - before[i];
            if is_chrome(n) && !(held > 0 && held * 2 >= total) {
                self.nodes[i].chrome = true;
                skip = self.nodes[i].end;
            }
        }
        self.sum(true);
        for i in (0..len).rev() {
            let n = &self.nodes[i];
            let mut longest = n.linked_heading;
            if crate::lexicon::one_of(n.tag.as_str(), "h2 h3 h4 h5 h6")
                && n.all.link_density() > LINK_BLOCK
            {
                longest = longest.max(n.all.text);
            }
            let (parent, read) = (n.parent, !(n.out || n.page_chrome || n.chrome));
            self.nodes[i].linked_heading = longest;
            if let (Some(p), true) = (parent, read) {
                let p = &mut self.nodes[p].linked_heading;
                *p = (*p).max(longest);
            }
        }
    }

    /// Whether `i` is read (nor it nor an element around it is left out or chrome).
    fn read_ok(&self, i: usize) -> bool {
        let mut at = Some(i);
        while let Some(a) = at {
            let n = &self.nodes[a];
            if n.out || n.page_chrome || n.chrome {
                return false;
            }
            at = n.parent;
        }
        true
    }

    fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.nodes[i].parent, |&a| self.nodes[a].parent)
    }

    fn contains(&self, a: usize, i: usize) -> bool {
        a <= i && i < self.nodes[a].end
    }

    /// A container's score to start from: its tag and its class and id.
    fn start_score(&self, i: usize) -> f64 {
        let n = &self.nodes[i];
        let tag = TAG_SCORES
            .iter()
            .find(|(t, _)| *t == n.tag)
            .map_or(0.0, |(_, s)| *s);
        tag + class_weight(n)
    }

    /// Scores the containers of every paragraph; returns the winner (see the module's rules).
    fn best(&mut self) -> Option<usize> {
        let len = self.nodes.len();
        let mut skip = 0;
        for i in 0..len {
            if i < skip {
                continue;
            }
            let n = &self.nodes[i];
            if n.out || n.page_chrome || n.chrome {
                skip = n.end;
                continue;
            }
            if !self.scoring(i) {
                continue;
            }
            let w = self.nodes[i].all;
            let points = 1.0 + w.commas as f64 + (w.text / CHARS_PER_POINT).min(3) as f64;
            let ups: Vec<usize> = self
                .ancestors(i)
                .filter(|&a| self.nodes[a].parent.is_some())
                .take(SCORE_LEVELS)
                .listed();
            for (level, &a) in ups.iter().enumerate() {
                let start = self.start_score(a);
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f64 * 3.0,
                };
                *self.nodes[a].score.get_or_insert(start) += points / divider;
            }
        }
        // Scaled by the share of text outside links.
        let mut cands: Vec<(usize, f64)> = Vec::new();
        for n in &mut self.nodes {
            if let Some(s) = &mut n.score {
                *s *= 1.0 - n.all.link_density();
            }
        }
        for (i, n) in self.nodes.iter().enumerate() {
            if let Some(s) = n.score {
                cands.push((i, s));
            }
        }
        let (mut top, top_score) =
            cands
                .iter()
                .copied()
                .fold(None, |b: Option<(usize, f64)>, c| match b {
                    Some(b) if b.1 >= c.1 => Some(b),
                    _ => Some(c),
                })?;
        let is_page = |t: &Tree<E>, i: usize| {
            t.nodes[i].parent.is_none()
                || crate::lexicon::one_of(t.nodes[i].tag.as_str(), "body html")
        };
        // Three of the next four best that score near it and share an ancestor: the ancestor.
        let mut next = [(usize::MAX, f64::NEG_INFINITY); 4];
        for &c in cands.iter().filter(|c| c.0 != top) {
            let mut k = next.len();
            while k > 0 && c.1 > next[k - 1].1 {
                if k < next.len() {
                    next[k] = next[k - 1];
                }
                k -= 1;
            }
            if k < next.len() {
                next[k] = c;
            }
        }
        let near: Vec<usize> = next
            .iter()
            .filter(|c| c.0 != usize::MAX && top_score > 0.0 && c.1 / top_score >= 0.75)
            .map(|c| c.0)
            .listed();
        if near.len() >= 3 {
            let mut at = self.nodes[top].parent;
            while let Some(a) = at {
                if is_page(self, a) {
                    break;
                }
                if near.iter().filter(|&&c| self.contains(a, c)).count() >= 3 {
                    top = a;
                    break;
                }
                at = self.nodes[a].parent;
            }
        }
        // Up to a parent that scores more.
        let mut last = self.nodes[top]
            .score
            .unwrap_or_else(|| self.start_score(top));
        let threshold = last / 3.0;
        let mut at = self.nodes[top].parent;
        while let Some(a) = at {
            if is_page(self, a) {
                break;
            }
            if let Some(s) = self.nodes[a].score {
                if s < threshold {
                    break;
                }
                if s > last {
                    top = a;
                    break;
                }
                last = s;
            }
            at = self.nodes[a].parent;
        }
        if self.nodes[top].score.is_none() {
            self.nodes[top].score = Some(self.start_score(top));
        }
        // Past parents that hold nothing else.
        while let Some(p) = self.nodes[top].parent {
            if is_page(self, p) || self.nodes[p].end - p - 1 != self.nodes[top].end - top {
                break;
            }
            top = p;
        }
        Some(top)
    }

    /// The element children of `p`, in document order.
    fn kids(&self, p: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut c = p + 1;
        while c < self.nodes[p].end {
            out.push(c);
            c = self.nodes[c].end;
        }
        out
    }
}

/// Characters that count as commas.
const COMMAS: &[char] = &[
    ',', '\u{60C}', '\u{FE50}', '\u{FE10}', '\u{FE11}', '\u{2E41}', '\u{2E34}', '\u{2E32}',
    '\u{FF0C}',
];

/// Whether the class or the id of `n` holds one of `list`.
fn named<E>(n: &Node<E>, list: &[&str]) -> bool {
    has_word(&n.class, list) || has_word(&n.id, list)
}

fn class_weight<E>(n: &Node<E>) -> f64 {
    let mut w = 0.0;
    for words in [&n.class, &n.id] {
        if has_word(words, CHROME_WORDS) || has_word(words, MINOR_CHROME_WORDS) {
            w -= CLASS_WEIGHT;
        }
        if has_word(words, CONTENT_WORDS) {
            w += CLASS_WEIGHT;
        }
    }
    w
}

/// Page chrome by role, or by name (see [`CHROME_WORDS`]).
fn is_chrome<E: PageElement>(n: &Node<E>) -> bool {
    if n.el.has_attributes() {
        if let Some(role) = n.el.attr("role") {
            if CHROME_ROLES.contains(&role.trim()) {
                return true;
            }
        }
    }
    if !ends_block(&n.tag) || n.class.len() + n.id.len() == 2 {
        return false;
    }
    named(n, CHROME_WORDS)
        || (named(n, MINOR_CHROME_WORDS)
            && !named(n, CONTENT_WORDS)
            && !n.has_h1
            && n.all.text < MINOR_CHROME_TEXT)
}

/// The word triples of a text (lowercase, letters and digits), hashed.
fn triples(text: &str, out: &mut Vec<u64>) {
    const START: u64 = 0xcbf2_9ce4_8422_2325;
    let (mut last, mut words, mut h, mut in_word) = ([0u64; 3], 0, START, false);
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_alphanumeric() {
            for l in crate::case::lower_char(c) {
                h = (h ^ u64::from(l)).wrapping_mul(0x0100_0000_01b3);
            }
            in_word = true;
        } else if in_word {
            last = [last[1], last[2], h];
            words += 1;
            if words >= 3 {
                out.push((last[0].rotate_left(21) ^ last[1]).rotate_left(21) ^ last[2]);
            }
            (h, in_word) = (START, false);
        }
    }
}

/// `text` with each run of whitespace made one space, trimmed.
fn squash(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The article found on a page: the element to read and what to leave out under it.
pub(crate) struct Article<E> {
    tree: Tree<E>,
    root: usize,
    /// Elements left out of the article (with all they hold), by index.
    dropped: Vec<bool>,
    /// Whether a header or footer directly under the root belongs to the article.
    in_section: bool,
}

impl<E: PageElement> Article<E> {
    /// The element the article is read from.
    pub(crate) fn root(&self) -> &E {
        &self.tree.nodes[self.root].el
    }
}

/// The article on a page whose top element is `top` (`<html>`). Goes by the markup alone,
/// natively and in the browser alike.
pub(crate) fn find_article<E: PageElement>(top: &E) -> Article<E> {
    let mut tree = Tree::build(top);
    tree.mark_chrome();
    let Some(best) = tree.best() else {
        let root = fallback_root(&tree);
        return clean(tree, root, root, None, None);
    };
    let title = page_title(top);
    let (root, joined) = region(&tree, best, &title);
    match headline(&tree, root, &title) {
        Some((above, h1)) => clean(tree, above, best, Some((root, joined)), Some(h1)),
        None => clean(tree, root, best, Some((root, joined)), None),
    }
}

/// The element the article is read from, around or under the winner `best`, and the children
/// of it that belong to the article when not all do (see the module's rules).
fn region<E: PageElement>(tree: &Tree<E>, best: usize, title: &str) -> (usize, Option<Vec<usize>>) {
    let whole = |i: usize| (i, None);
    let path: Vec<usize> = std::iter::once(best).chain(tree.ancestors(best)).listed();
    for rule in ARTICLES {
        let hit = |i: &usize| rule.matches(&tree.nodes[*i].el, &tree.nodes[*i].tag);
        if let Some(&a) = path.iter().find(|i| hit(i)) {
            return whole(a);
        }
        // The one under the winner holding most of its text.
        let mut inside: Option<(usize, usize)> = None;
        let mut i = best + 1;
        while i < tree.nodes[best].end {
            let n = &tree.nodes[i];
            if n.out || n.page_chrome || n.chrome {
                i = n.end;
                continue;
            }
            if hit(&i) && inside.is_none_or(|(_, w)| n.all.prose() > w) {
                inside = Some((i, n.all.prose()));
            }
            i += 1;
        }
        if let Some((a, w)) = inside {
            if w * 2 >= tree.nodes[best].all.prose() {
                return whole(a);
            }
        }
    }
    let parent = match tree.nodes[best].parent {
        Some(p) if !crate::lexicon::one_of(tree.nodes[best].tag.as_str(), "body html") => p,
        _ => return whole(best),
    };
    let joined = siblings(tree, best, parent, title);
    if joined.len() == 1 {
        whole(best)
    } else {
        (parent, Some(joined))
    }
}

/// How many levels above the article its headline may be found.
pub(crate) const HEADLINE_LEVELS: usize = 3;

/// The article's headline when the element it is read from holds no `<h1>`: the last `<h1>`
/// before it, read, mostly not a link, and of at least four words or the start of the page's
/// title, under an element at most [`HEADLINE_LEVELS`] above it. Returns that element and the
/// `<h1>`.
fn headline<E: PageElement>(tree: &Tree<E>, root: usize, title: &str) -> Option<(usize, usize)> {
    if tree.nodes[root].has_h1 {
        return None;
    }
    let h1 = (0..root).rev().find(|&i| tree.nodes[i].tag == "h1")?;
    let n = &tree.nodes[h1];
    let text = squash(&n.text);
    let readable = tree.read_ok(h1) && tree.ancestors(h1).all(|a| !tree.nodes[a].page_chrome);
    if !readable
        || n.all.text == 0
        || n.all.link_density() >= 0.5
        || !(text.split(' ').count() >= 4 || title.starts_with(&text))
    {
        return None;
    }
    tree.ancestors(root)
        .take(HEADLINE_LEVELS)
        .find(|&a| tree.contains(a, h1))
        .map(|a| (a, h1))
}

/// The article when the caller names its element: all of it, but what the rules leave out of
/// an article.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn article_at<E: PageElement>(root: &E) -> Article<E> {
    let mut tree = Tree::build(root);
    tree.mark_chrome();
    clean(tree, 0, 0, None, None)
}

/// Whether `i` is a teaser of another story: a container of [`CONTAINERS`] (or a list item or
/// an `<article>`) with less than [`TEASER_TEXT`] characters, a heading in a link (or of links)
/// making at least [`TEASER_HEADLINE`] of them.
fn teaser<E>(tree: &Tree<E>, i: usize) -> bool {
    let n = &tree.nodes[i];
    let container = CONTAINERS.contains(&n.tag.as_str()) || n.tag == "li" || n.tag == "article";
    if !container || n.all.text == 0 || n.all.text >= TEASER_TEXT {
        return false;
    }
    n.linked_heading as f64 >= TEASER_HEADLINE * n.all.text as f64
}

/// The page's `<title>`, whitespace made single spaces.
fn page_title<E: PageElement>(top: &E) -> String {
    squash(&top.title())
}

/// The children of `parent` that belong to the article with the winner `best` (see the
/// module's rules), in document order.
fn siblings<E: PageElement>(tree: &Tree<E>, best: usize, parent: usize, title: &str) -> Vec<usize> {
    let top = &tree.nodes[best];
    let top_score = top.score.unwrap_or(0.0);
    let threshold = SIBLING_MIN.max(top_score * SIBLING_SHARE);
    let mut out = Vec::new();
    for c in tree.kids(parent) {
        let n = &tree.nodes[c];
        if c == best {
            out.push(c);
            continue;
        }
        if n.out || n.chrome || n.all.text == 0 || (n.page_chrome && !n.has_h1) {
            continue;
        }
        let bonus = if n.class.trim().is_empty() || n.class != top.class {
            0.0
        } else {
            top_score * SIBLING_SHARE
        };
        let density = n.all.link_density();
        let joins = if n.score.is_some_and(|s| s + bonus >= threshold) {
            true
        } else if n.para {
            let ends_sentence = n
                .text
                .trim_end()
                .ends_with(&['.', '!', '?', '"', '”', '’'][..])
                || n.text.as_bytes().windows(2).any(|w| w == b". ");
            (n.all.text > 65 && density < 0.25)
                || (n.all.text <= 65 && density == 0.0 && ends_sentence)
        } else {
            false
        };
        // The headline before the article's text.
        let headline = c < best
            && density < 0.5
            && n.all.text < 400
            && (crate::lexicon::one_of(n.tag.as_str(), "h1 h2")
                || n.has_h1
                || (n.all.text >= 12 && {
                    let t = squash(&n.text);
                    !t.is_empty() && title.starts_with(&t)
                }));
        if joins || headline {
            out.push(c);
        }
    }
    out
}

/// The element of the first rule of [`ROOTS`] that matches an element holding text, the one
/// with most text; else `<body>`; else the top.
fn fallback_root<E: PageElement>(tree: &Tree<E>) -> usize {
    for rule in ROOTS {
        let mut best: Option<(usize, usize)> = None;
        for i in 0..tree.nodes.len() {
            let n = &tree.nodes[i];
            if rule.matches(&n.el, &n.tag)
                && n.all.text > 0
                && tree.read_ok(i)
                && best.is_none_or(|(_, w)| n.all.text > w)
            {
                best = Some((i, n.all.text));
            }
        }
        if let Some((i, _)) = best {
            return i;
        }
    }
    (0..tree.nodes.len())
        .find(|&i| tree.nodes[i].tag == "body")
        .unwrap_or(0)
}

/// The article read from `root`, the winner `best` and all around it kept, leaving out what
/// the rules leave out of an article, and (`joined`: an element and, when not all do, its
/// children that belong to the article) the other children of that element. With a `headline` above that element (the
/// root then holds both), only the headline and the way down to the two are read of the rest.
fn clean<E: PageElement>(
    tree: Tree<E>,
    root: usize,
    best: usize,
    joined: Option<(usize, Option<Vec<usize>>)>,
    headline: Option<usize>,
) -> Article<E> {
    let len = tree.nodes.len();
    let mut dropped = vec![false; len];
    // What holds the winner inside the root is kept.
    let mut keep = vec![false; len];
    let hold = |keep: &mut Vec<bool>, from: usize| {
        keep[from] = true;
        for a in tree.ancestors(from) {
            keep[a] = true;
            if a == root {
                break;
            }
        }
    };
    if tree.contains(root, best) {
        hold(&mut keep, best);
    }
    keep[root] = true;
    if let Some((parent, joined)) = &joined {
        if let Some(joined) = joined {
            for c in tree.kids(*parent) {
                dropped[c] = true;
            }
            for &c in joined {
                dropped[c] = false;
            }
        }
        if let Some(h) = headline {
            // The headline with what goes with it (a standfirst, a kicker), when that is short.
            let mut h = h;
            while let Some(p) = tree.nodes[h].parent {
                if p == root || tree.contains(p, *parent) || tree.nodes[p].all.text >= TEASER_TEXT {
                    break;
                }
                h = p;
            }
            hold(&mut keep, *parent);
            hold(&mut keep, h);
            let mut i = root;
            while i < tree.nodes[root].end {
                if keep[i] && i != *parent && i != h {
                    for c in tree.kids(i) {
                        dropped[c] |= !keep[c];
                    }
                    i += 1;
                } else {
                    i = tree.nodes[i].end;
                }
            }
        }
    }
    let mut quotes = Vec::new();
    let mut i = root + 1;
    let end = tree.nodes[root].end;
    while i < end {
        let n = &tree.nodes[i];
        if dropped[i] || n.out {
            i = n.end;
            continue;
        }
        if keep[i] {
            i += 1;
            continue;
        }
        let block = ends_block(&n.tag);
        let w = n.all;
        let leave = n.chrome
            || (block && w.text > 0 && w.link_density() > LINK_BLOCK)
            || (CONTAINERS.contains(&n.tag.as_str())
                && w.commas < 10
                && class_weight(n) < CLASS_WEIGHT
                && w.link_density() > LINK_CONTAINER)
            || teaser(&tree, i);
        if leave {
            dropped[i] = true;
            i = n.end;
            continue;
        }
        if n.tag == "blockquote" || n.tag == "figure" || (block && named(n, QUOTE_WORDS)) {
            quotes.push(i);
            i = n.end;
            continue;
        }
        i += 1;
    }
    // Pull quotes: their word triples found elsewhere in the article.
    let mut counts = HashIndex::default();
    let mut own = Vec::new();
    let blocks_under = |from: usize, dropped: &[bool], out: &mut Vec<u64>| {
        let mut i = from;
        while i < tree.nodes[from].end {
            let n = &tree.nodes[i];
            if dropped[i] || n.out || n.chrome {
                i = n.end;
                continue;
            }
            triples(&n.text, out);
            i += 1;
        }
    };
    let mut all = Vec::new();
    if !quotes.is_empty() {
        blocks_under(root, &dropped, &mut all);
    }
    for h in all {
        *counts.entry(h, 0) += 1;
    }
    for q in quotes {
        own.clear();
        blocks_under(q, &dropped, &mut own);
        let mut mine = HashIndex::default();
        for h in &own {
            *mine.entry(*h, 0) += 1;
        }
        let found = own
            .iter()
            .filter(|&&h| counts.get(h).unwrap_or(0) > mine.get(h).unwrap_or(0))
            .count();
        if own.len() >= 4 && found as f64 >= REPEATED * own.len() as f64 {
            dropped[q] = true;
        }
    }
    let r = &tree.nodes[root];
    let in_section = inside_section(&r.el) || !crate::lexicon::one_of(r.tag.as_str(), "body html");
    Article {
        tree,
        root,
        dropped,
        in_section,
    }
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
        let at = b.len;
        if text.is_empty() {
            return (at, 0);
        }
        b.kind = kind;
        // Room for it at once (pushed a character at a time, the block's string grew by
        // reallocating).
        b.text.reserve(text.len());
        // One pass over the bytes (a `chars()` pass decodes every character, slow in the
        // browser build; ASCII bytes are looked at directly and only the other characters
        // decoded): the text's UTF-16 length, whether it is all whitespace, and the text itself,
        // each whitespace character made a space (all of them are one UTF-16 unit, as it is).
        let (mut len, mut blank, mut from) = (0u32, true, 0);
        for (i, &c) in text.as_bytes().iter().enumerate() {
            // A byte that begins a character: one unit, two past U+FFFF (four bytes in UTF-8).
            len += u32::from(c & 0xc0 != 0x80) + u32::from(c >= 0xf0);
            let (space, width) = if c < 0x80 {
                let control = matches!(c, b'\t'..=b'\r');
                (control || c == b' ', usize::from(control))
            } else if c >= 0xc0 {
                match text.get(i..).and_then(|r| r.chars().next()) {
                    Some(ch) if ch.is_whitespace() => (true, ch.len_utf8()),
                    _ => (false, 0),
                }
            } else {
                (true, 0)
            };
            blank &= space;
            if width > 0 {
                b.text.push_str(&text[from..i]);
                b.text.push(' ');
                from = i + width;
            }
        }
        b.text.push_str(&text[from..]);
        b.len += len;
        if !blank {
            self.after_br = false;
        }
        (at, len)
    }

    /// Reads the children of `e`, the element `at` of the article's tree. Depth first with a
    /// stack of its own, not by recursion (thousands of nested elements must not overflow the
    /// call stack).
    fn walk<E: PageElement<Text = T>>(&mut self, a: &Article<E>, e: &E, at: usize, cx: Context) {
        /// An element being read: its children still to read and where they are in the tree.
        struct Frame<E: PageElement> {
            children: Vec<Option<Child<E>>>,
            pos: usize,
            /// The tree index of its next element child.
            next: usize,
            cx: Context,
            /// It is a block: the block ends after it.
            ends: bool,
        }
        let mut stack = vec![Frame {
            children: e.children().map(Some).listed(),
            pos: 0,
            next: at + 1,
            cx,
            ends: false,
        }];
        while let Some(f) = stack.last_mut() {
            let Some(child) = f.children.get_mut(f.pos).and_then(Option::take) else {
                if stack.pop().is_some_and(|f| f.ends) {
                    self.end_block();
                }
                continue;
            };
            f.pos += 1;
            let cx = f.cx;
            match child {
                Child::Text(t) => {
                    let (at, len) = self.push(&E::text(&t), cx.kind);
                    if len > 0 {
                        self.current.nodes.push((t, at, len));
                    }
                }
                Child::Element(c) => {
                    // The tree holds the element children in document order.
                    let i = f.next;
                    f.next = a.tree.nodes.get(i).map_or(i + 1, |n| n.end);
                    let tag = c.tag();
                    if a.dropped.get(i).copied().unwrap_or(false)
                        || left_out(&c, &tag, cx.in_section)
                        || c.hidden_by_host()
                    {
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
                    let ends = ends_block(&tag);
                    if ends {
                        self.end_block();
                    }
                    stack.push(Frame {
                        children: c.children().map(Some).listed(),
                        pos: 0,
                        next: i + 1,
                        cx: inner,
                        ends,
                    });
                }
            }
        }
    }
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

/// Reads the article's blocks.
pub(crate) fn read<E: PageElement>(article: &Article<E>) -> Extracted<E::Text> {
    let mut r = Reader {
        blocks: Vec::new(),
        current: PageBlock::new(),
        after_br: false,
    };
    let root = article.root();
    let cx = Context {
        kind: kind_inside(None, &root.tag()),
        in_section: article.in_section,
    };
    r.walk(article, root, article.root, cx);
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
    crate::span::utf16_len(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(value: &str) -> String {
        let mut out = String::from(" ");
        attr_words(value, &mut out);
        out
    }

    #[test]
    fn class_names_are_read_as_words_split_at_punctuation_and_camel_case() {
        assert_eq!(
            words("relatedStories story__body ad-slot--inline"),
            " related stories story body ad slot inline "
        );
        assert!(has_word(&words("moreStories"), &["more stories"]));
        assert!(has_word(&words("header-ads"), &["ads"]));
        // Whole words only: "adventure" and "loader" are not "ad".
        assert!(!has_word(&words("adventure loader"), &["ad"]));
        assert!(!has_word(&words(""), &["ad"]));
    }

    #[test]
    fn text_weight_and_commas_count_every_character_as_a_char_pass_does() {
        for text in [
            "",
            "Ann Lee said, \"it rained\", then left.",
            "tab\there\x0bvt\x0cff\r\n\x1cfs\x1f us \u{85}nel\u{a0}nbsp\u{2009}thin\u{3000}ideo",
            "caf\u{e9}\u{60c} \u{ff0c}\u{fe50}\u{fe10}\u{fe11}\u{2e41}\u{2e34}\u{2e32} \u{201c}q\u{201d} \u{1f600},",
        ] {
            let weight = text.chars().filter(|c| !c.is_whitespace()).count();
            let commas = text.chars().filter(|c| COMMAS.contains(c)).count();
            assert_eq!(weigh(text), (weight, commas), "{text:?}");
        }
        assert_eq!(weigh("a,\u{a0}\u{60c} \u{1f600}"), (4, 2));
    }

    #[test]
    fn text_read_into_a_block_has_each_whitespace_character_as_a_space() {
        let mut r: Reader<()> = Reader {
            blocks: Vec::new(),
            current: PageBlock::new(),
            after_br: false,
        };
        let parts = [
            "Ann\tLee\r\nsaid\x0b\x0c\x1cit ",
            "",
            "rained\u{a0}in\u{3000}Oslo\u{2028}\u{85}\u{2009}caf\u{e9} \u{201c}q\u{201d}\u{1f600}.",
        ];
        let mut at = 0;
        for part in parts {
            let expected: String = part
                .chars()
                .map(|c| if c.is_whitespace() { ' ' } else { c })
                .collect();
            assert_eq!(r.push(part, None), (at, crate::span::utf16_len(part)));
            assert!(r.current.text.ends_with(&expected));
            at += crate::span::utf16_len(part);
        }
        assert_eq!(
            r.current.text,
            "Ann Lee  said  \x1cit rained in Oslo   caf\u{e9} \u{201c}q\u{201d}\u{1f600}."
        );
        assert_eq!(r.current.len, at);
        // Whitespace alone leaves "just after a <br>" as it was; any other character ends it.
        r.after_br = true;
        r.push("\u{a0} \t\u{2029}", None);
        assert!(r.after_br);
        r.push(" \u{e9}", None);
        assert!(!r.after_br);
    }
}
