//! Reading the article out of the live DOM: the DOM's view for the rules in
//! [`page`](crate::page) (the same rules the CLI reads HTML with), and the map from report
//! offsets (UTF-16 code units into the report's text) back to the text nodes they came from.
//!
//! The page is first copied out of the DOM ([`Walk`]: each element's tag and the attributes
//! the rules read, each text node's text, once), in slices that yield to the page; the rules
//! then run on that copy ([`Snapshot`]). Asked of the DOM directly, they took several calls
//! into it per node and read each text twice (once to find the article, once to read it):
//! about 300 ms in one task on a 100,000-word page.

use crate::list::Listed;
use crate::page::{self, Child, PageElement};
use std::borrow::Cow;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node, Text};

/// Attribute set on every node the widget adds, so that no run ever reads or wraps its own.
pub(crate) const OWN_ATTR: &str = "data-whosaid";

/// One text node's share of the report's text; the node by its index in the walk (see
/// [`Nodes`]).
pub(crate) type Piece = page::Piece<u32>;

/// The attributes copied for each element: those the rules read, and our own mark (last:
/// `collect.js` takes an element that has the last one for one of ours).
pub(crate) const ATTRIBUTES: [&str; 9] = [
    "class",
    "id",
    "role",
    "itemprop",
    "hidden",
    "aria-hidden",
    "contenteditable",
    "style",
    OWN_ATTR,
];

/// One element as copied: its tag, the attributes of [`ATTRIBUTES`] it has, where it is, and
/// whether the page's style hides it (see [`hidden`]).
pub(crate) struct SnapElement {
    pub tag: String,
    pub has_attributes: bool,
    pub attrs: Vec<(u8, String)>,
    pub parent: Option<u32>,
    pub children: Vec<SnapChild>,
    pub hidden: bool,
}

/// A child of a [`SnapElement`]: an element or a text, by index.
#[derive(Clone, Copy)]
pub(crate) enum SnapChild {
    Element(u32),
    Text(u32),
}

/// The page (or the part of it under the root the caller named, and the elements around that
/// root) as the rules read it, copied out of the DOM by [`Walk`]: data only, so that a worker
/// can read the article in it too.
pub(crate) struct Snapshot {
    pub elements: Vec<SnapElement>,
    pub texts: Vec<String>,
    /// The text of the first `<title>` under the top (see [`PageElement::title`]).
    pub title: String,
    /// The top element (the elements around it come first).
    pub top: u32,
}

impl Snapshot {
    /// The top element.
    pub(crate) fn top(self) -> El {
        let i = self.top;
        El {
            snap: Rc::new(self),
            i,
        }
    }

    /// The bytes of text copied (UTF-8): the shim has a worker read a long page.
    pub(crate) fn text_len(&self) -> usize {
        self.texts.iter().map(String::len).sum()
    }
}

/// The nodes of a [`Snapshot`] in the page, by the same indexes (kept by `collect.js`).
pub(crate) struct Nodes {
    walk: JsValue,
}

impl Nodes {
    /// Element `k`.
    pub(crate) fn element(&self, k: u32) -> Option<Element> {
        js::element(&self.walk, k)
    }

    /// The top and bottom, in the viewport, of the element that holds text node `k`; none
    /// when it has no parent element.
    pub(crate) fn place(&self, k: u32) -> Option<(f64, f64)> {
        match js::place(&self.walk, k)[..] {
            [top, bottom] => Some((top, bottom)),
            _ => None,
        }
    }

    /// How many text nodes there are.
    pub(crate) fn text_count(&self) -> usize {
        js::texts(&self.walk) as usize
    }

    /// The text nodes, as the JavaScript array `marks.js` takes them from by index (a
    /// [`Piece`] names its node by index: a handle for each of a long page's hundreds of
    /// thousands of pieces cost a call and a slot in the table of JavaScript values).
    pub(crate) fn texts(&self) -> JsValue {
        js::nodes(&self.walk)
    }
}

/// An element of a [`Snapshot`].
#[derive(Clone)]
pub(crate) struct El {
    snap: Rc<Snapshot>,
    i: u32,
}

impl PartialEq for El {
    fn eq(&self, other: &Self) -> bool {
        self.i == other.i && Rc::ptr_eq(&self.snap, &other.snap)
    }
}

/// A text of a [`Snapshot`].
#[derive(Clone)]
pub(crate) struct Tx {
    snap: Rc<Snapshot>,
    i: u32,
}

impl El {
    fn me(&self) -> &SnapElement {
        &self.snap.elements[self.i as usize]
    }

    /// Its index in the snapshot (and in its [`Nodes`]).
    pub(crate) fn index(&self) -> u32 {
        self.i
    }
}

/// Copies a page out of the DOM in slices (see [`Walk::step`]): depth first, in document
/// order, with a stack of its own (deep pages must not overflow the call stack), and not into
/// the elements the rules never read (scripts, styles, SVG, …). The walking is done by
/// `collect.js`, which hands each slice over as one string and one list of numbers: a call
/// from WebAssembly into the DOM per node and per attribute cost more than the copying.
pub(crate) struct Walk {
    snap: Snapshot,
    /// The walk's state in `collect.js`.
    walk: JsValue,
}

mod js {
    use wasm_bindgen::prelude::*;
    use web_sys::Element;

    #[wasm_bindgen(module = "/src/dom/collect.js")]
    extern "C" {
        pub(super) fn walker(top: &Element, names: &str) -> JsValue;
        pub(super) fn step(walk: &JsValue) -> bool;
        pub(super) fn strings(walk: &JsValue) -> String;
        pub(super) fn numbers(walk: &JsValue) -> Vec<u32>;
        pub(super) fn element(walk: &JsValue, k: u32) -> Option<Element>;
        pub(super) fn place(walk: &JsValue, k: u32) -> Vec<f64>;
        pub(super) fn nodes(walk: &JsValue) -> JsValue;
        pub(super) fn texts(walk: &JsValue) -> u32;
    }
}

/// The next `units` UTF-16 code units of `s` from byte `at` (moved past them).
fn take<'s>(s: &'s str, at: &mut usize, units: u32) -> &'s str {
    let b = s.as_bytes();
    let start = *at;
    let (mut i, mut u) = (start, 0);
    while u < units && i < b.len() {
        let c = b[i];
        i += match c {
            0..0xc0 => 1,
            0xc0..0xe0 => 2,
            0xe0..0xf0 => 3,
            _ => 4,
        };
        u += if c >= 0xf0 { 2 } else { 1 };
    }
    *at = i.min(b.len());
    s.get(start..*at).unwrap_or("")
}

impl Walk {
    /// A walk of `top` and all it holds, the elements around it recorded too (tag and
    /// attributes: the rules ask whether the article sits in sectioning content).
    pub(crate) fn new(top: &Element) -> Walk {
        // The title is in `<head>`, which the walk does not go into.
        let mut title = String::new();
        if let Ok(Some(t)) = top.query_selector("title") {
            let mut c = t.first_child();
            while let Some(n) = c {
                if n.node_type() == Node::TEXT_NODE {
                    title.push_str(&n.unchecked_ref::<Text>().data());
                }
                c = n.next_sibling();
            }
        }
        // The attribute names, then (after a second space) the tags not gone into.
        let mut names = String::new();
        for list in [&ATTRIBUTES[..], page::SKIPPED] {
            for name in list {
                names.push_str(name);
                names.push(' ');
            }
            names.push(' ');
        }
        let mut w = Walk {
            snap: Snapshot {
                elements: Vec::new(),
                texts: Vec::new(),
                title,
                top: 0,
            },
            walk: js::walker(top, &names),
        };
        w.take();
        w.snap.top = w.snap.elements.len().saturating_sub(1) as u32;
        w
    }

    /// Adds to the copy what `collect.js` has read since the last call. An element is
    /// [0 (a child of its parent) or 2 (an element around the top, or the top), one more than
    /// its parent's index (0: none), the tag, whether it has attributes, how many of
    /// [`ATTRIBUTES`] it has, each one's index and value, whether it is hidden (see `hidden` in
    /// `collect.js`)]; a text node is [1, its parent's index, the text]. A string's number is
    /// its length in UTF-16 code units; its text is next in the strings.
    fn take(&mut self) {
        let s = js::strings(&self.walk);
        let o = js::numbers(&self.walk);
        let snap = &mut self.snap;
        let (mut k, mut at) = (0, 0);
        let n = |k: usize| o.get(k).copied().unwrap_or(0);
        while k < o.len() {
            if n(k) == 1 {
                let (parent, text) = (n(k + 1) as usize, take(&s, &mut at, n(k + 2)));
                k += 3;
                let i = snap.texts.len() as u32;
                snap.texts.push(text.to_string());
                if let Some(p) = snap.elements.get_mut(parent) {
                    p.children.push(SnapChild::Text(i));
                }
                continue;
            }
            let child = n(k) == 0;
            let parent = n(k + 1).checked_sub(1);
            let tag = take(&s, &mut at, n(k + 2)).to_string();
            let has_attributes = n(k + 3) != 0;
            let count = n(k + 4);
            k += 5;
            let mut attrs = Vec::new();
            for _ in 0..count {
                attrs.push((n(k) as u8, take(&s, &mut at, n(k + 1)).to_string()));
                k += 2;
            }
            let hidden = n(k) != 0;
            k += 1;
            let i = snap.elements.len() as u32;
            snap.elements.push(SnapElement {
                tag,
                has_attributes,
                attrs,
                parent,
                children: Vec::new(),
                hidden,
            });
            if let Some(p) = parent.filter(|_| child) {
                if let Some(p) = snap.elements.get_mut(p as usize) {
                    p.children.push(SnapChild::Element(i));
                }
            }
        }
    }

    /// Copies for about `budget_ms` milliseconds; returns whether the walk is done.
    pub(crate) fn step(&mut self, budget_ms: f64) -> bool {
        let start = js_sys::Date::now();
        loop {
            // `collect.js` hands the copy over in parts of a bounded size.
            let done = js::step(&self.walk);
            self.take();
            if done {
                return true;
            }
            if js_sys::Date::now() - start >= budget_ms {
                return false;
            }
        }
    }

    /// The copy so far.
    pub(crate) fn snapshot(&self) -> &Snapshot {
        &self.snap
    }

    /// The copy (once [`Walk::step`] has said it is done) and its nodes.
    pub(crate) fn finish(self) -> (Snapshot, Nodes) {
        (self.snap, Nodes { walk: self.walk })
    }
}

/// The article on the page whose top element is `top` (see [`page`](crate::page) for the
/// rules).
pub(crate) fn find_article(top: &El) -> page::Article<El> {
    page::find_article(top)
}

/// The article when the caller names its element.
pub(crate) fn article_at(root: &El) -> page::Article<El> {
    page::article_at(root)
}

/// The article in `doc` (see [`find_article`]), read at once.
pub(crate) fn find_article_now(doc: &Document) -> Option<page::Article<El>> {
    let top = doc.document_element()?;
    let mut walk = Walk::new(&top);
    walk.step(f64::INFINITY);
    Some(find_article(&walk.finish().0.top()))
}

/// Reads the article's blocks: the core's input, and the text pieces (by their index in the
/// snapshot). `None` when there is no text at all.
pub(crate) fn collect(
    article: &page::Article<El>,
) -> Option<(crate::Document, Vec<page::Piece<u32>>)> {
    let read = page::read(article);
    let doc = crate::Document::from_blocks(read.blocks).ok()?;
    let pieces = read
        .pieces
        .iter()
        .map(|p| page::Piece {
            node: p.node.i,
            start: p.start,
            offset: p.offset,
            len: p.len,
        })
        .listed();
    Some((doc, pieces))
}

impl PageElement for El {
    type Text = Tx;

    fn tag(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.me().tag)
    }

    fn has_attributes(&self) -> bool {
        self.me().has_attributes
    }

    fn attr(&self, name: &str) -> Option<Cow<'_, str>> {
        let k = ATTRIBUTES.iter().position(|a| *a == name);
        debug_assert!(k.is_some(), "the page reader copies no attribute {name}");
        let k = k? as u8;
        self.me()
            .attrs
            .iter()
            .find(|(a, _)| *a == k)
            .map(|(_, v)| Cow::Borrowed(v.as_str()))
    }

    fn parent(&self) -> Option<Self> {
        self.me().parent.map(|i| El {
            snap: self.snap.clone(),
            i,
        })
    }

    fn children(&self) -> impl Iterator<Item = Child<Self>> {
        let snap = self.snap.clone();
        let i = self.i as usize;
        let n = snap.elements[i].children.len();
        (0..n).map(move |k| match snap.elements[i].children[k] {
            SnapChild::Element(e) => Child::Element(El {
                snap: snap.clone(),
                i: e,
            }),
            SnapChild::Text(t) => Child::Text(Tx {
                snap: snap.clone(),
                i: t,
            }),
        })
    }

    fn text(node: &Tx) -> Cow<'_, str> {
        Cow::Borrowed(&node.snap.texts[node.i as usize])
    }

    fn title(&self) -> String {
        self.snap.title.clone()
    }

    /// The widget's own nodes, and what the page's style hides (see [`Walk::hidden`]).
    fn hidden_by_host(&self) -> bool {
        self.me().hidden
    }
}
