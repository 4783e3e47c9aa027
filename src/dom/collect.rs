//! Reading the article out of the live DOM: the DOM's view for the rules in
//! [`page`](crate::page) (the same rules the CLI reads HTML with), and the map from report
//! offsets (UTF-16 code units into the report's text) back to the text nodes they came from.
//!
//! The page is first copied out of the DOM ([`Walk`]: each element's tag and the attributes
//! the rules read, each text node's text, once), in slices that yield to the page; the rules
//! then run on that copy ([`Snapshot`]). Asked of the DOM directly, they took several calls
//! into it per node and read each text twice (once to find the article, once to read it):
//! about 300 ms in one task on a 100,000-word page.

use crate::page::{self, Child, PageElement};
use std::borrow::Cow;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node, Text};

/// Attribute set on every node the widget adds, so that no run ever reads or wraps its own.
pub(crate) const OWN_ATTR: &str = "data-whosaid";

/// One text node's share of the report's text.
pub(crate) type Piece = page::Piece<Text>;

/// The attributes copied for each element: those the rules read, and our own mark.
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

/// The nodes of a [`Snapshot`] in the page, by the same indexes.
pub(crate) struct Nodes {
    pub elements: Vec<Element>,
    pub texts: Vec<Text>,
}

impl Nodes {
    /// The pieces of [`collect`], with their text nodes.
    pub(crate) fn pieces(&self, pieces: Vec<page::Piece<u32>>) -> Vec<Piece> {
        pieces
            .into_iter()
            .map(|p| Piece {
                node: self.texts[p.node as usize].clone(),
                start: p.start,
                offset: p.offset,
                len: p.len,
            })
            .collect()
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
/// the elements the rules never read (scripts, styles, SVG, …).
pub(crate) struct Walk {
    snap: Snapshot,
    nodes: Nodes,
    /// The elements being read: their index, and the next child node to read.
    stack: Vec<(u32, Option<Node>)>,
    view: Option<web_sys::Window>,
    /// `{ visibilityProperty: true }` for `checkVisibility`.
    visibility: JsValue,
}

impl Walk {
    /// A walk of `top` and all it holds, the elements around it recorded too (tag and
    /// attributes: the rules ask whether the article sits in sectioning content).
    pub(crate) fn new(top: &Element) -> Walk {
        let view = top.owner_document().and_then(|d| d.default_view());
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
        let visibility = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&visibility, &"visibilityProperty".into(), &true.into());
        let mut w = Walk {
            snap: Snapshot {
                elements: Vec::new(),
                texts: Vec::new(),
                title,
                top: 0,
            },
            nodes: Nodes {
                elements: Vec::new(),
                texts: Vec::new(),
            },
            stack: Vec::new(),
            view,
            visibility: visibility.into(),
        };
        let mut around: Vec<Element> =
            std::iter::successors(top.parent_element(), |e| e.parent_element()).collect();
        around.reverse();
        let mut parent = None;
        for a in around {
            parent = Some(w.add(a, parent, false));
        }
        let first = top.first_child();
        w.snap.top = w.add(top.clone(), parent, true);
        let t = w.snap.top as usize;
        if !page::SKIPPED.contains(&w.snap.elements[t].tag.as_str()) {
            w.stack.push((w.snap.top, first));
        }
        w
    }

    /// Copies one element (not what it holds); returns its index. `style`: whether to ask
    /// whether the page's style hides it (not for the elements around the top: the rules never
    /// ask).
    fn add(&mut self, dom: Element, parent: Option<u32>, style: bool) -> u32 {
        let tag = dom.local_name();
        let has_attributes = dom.has_attributes();
        let mut attrs = Vec::new();
        if has_attributes {
            for (k, name) in ATTRIBUTES.iter().enumerate() {
                if let Some(v) = super::strings::attribute(&dom, name) {
                    attrs.push((k as u8, v));
                }
            }
        }
        let own = attrs
            .iter()
            .any(|(k, _)| ATTRIBUTES[*k as usize] == OWN_ATTR);
        // A skipped tag is left out before anything asks whether it is hidden.
        let hidden = own || (style && !page::SKIPPED.contains(&tag.as_str()) && self.hidden(&dom));
        let i = self.snap.elements.len() as u32;
        self.snap.elements.push(SnapElement {
            tag,
            has_attributes,
            attrs,
            parent,
            children: Vec::new(),
            hidden,
        });
        self.nodes.elements.push(dom);
        i
    }

    /// What the page's style hides (`display: none`, and `visibility: hidden` that the element
    /// itself sets rather than inherits: a page that hides `<html>` or `<body>` until its
    /// scripts run, against a flicker, hides every element that way, and its text is still the
    /// article). Style is asked of the element's own window; a document without one (parsed,
    /// not shown) has none, and reads as the CLI does.
    fn hidden(&self, el: &Element) -> bool {
        let Some(view) = &self.view else {
            return false;
        };
        // Seen (neither it nor an element around it `display: none`, nor itself invisible):
        // one call, where the computed style takes three and two strings.
        if super::strings::check_visibility(el, &self.visibility) {
            return false;
        }
        // One computed style per element, both properties read from it.
        let Some(style) = view.get_computed_style(el).ok().flatten() else {
            return false;
        };
        if super::strings::property(&style, "display") == "none" {
            return true;
        }
        super::strings::property(&style, "visibility") == "hidden"
            && el.parent_element().is_none_or(|p| {
                view.get_computed_style(&p)
                    .ok()
                    .flatten()
                    .is_none_or(|s| super::strings::property(&s, "visibility") != "hidden")
            })
    }

    /// Copies for about `budget_ms` milliseconds; returns whether the walk is done.
    pub(crate) fn step(&mut self, budget_ms: f64) -> bool {
        let start = js_sys::Date::now();
        let mut count = 0u32;
        while let Some((parent, next)) = self.stack.last_mut() {
            count += 1;
            if count % 128 == 0 && js_sys::Date::now() - start >= budget_ms {
                return false;
            }
            let parent = *parent;
            let Some(node) = next.take() else {
                self.stack.pop();
                continue;
            };
            *next = node.next_sibling();
            match node.node_type() {
                // The node type says what it is: no `instanceof` check needed.
                Node::TEXT_NODE => {
                    let t: Text = node.unchecked_into();
                    let k = self.snap.texts.len() as u32;
                    self.snap.texts.push(t.data());
                    self.nodes.texts.push(t);
                    self.snap.elements[parent as usize]
                        .children
                        .push(SnapChild::Text(k));
                }
                Node::ELEMENT_NODE => {
                    let e: Element = node.unchecked_into();
                    let first = e.first_child();
                    let k = self.add(e, Some(parent), true);
                    self.snap.elements[parent as usize]
                        .children
                        .push(SnapChild::Element(k));
                    if !page::SKIPPED.contains(&self.snap.elements[k as usize].tag.as_str()) {
                        self.stack.push((k, first));
                    }
                }
                _ => {}
            }
        }
        true
    }

    /// The copy so far.
    pub(crate) fn snapshot(&self) -> &Snapshot {
        &self.snap
    }

    /// The copy (once [`Walk::step`] has said it is done) and its nodes.
    pub(crate) fn finish(self) -> (Snapshot, Nodes) {
        (self.snap, self.nodes)
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
        .into_iter()
        .map(|p| page::Piece {
            node: p.node.i,
            start: p.start,
            offset: p.offset,
            len: p.len,
        })
        .collect();
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
