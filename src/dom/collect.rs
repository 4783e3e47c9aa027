//! Reading the article out of the live DOM: the DOM's view for the rules in
//! [`page`](crate::page) (the same rules the CLI reads HTML with), and the map from report
//! offsets (UTF-16 code units into the report's text) back to the text nodes they came from.

use crate::page::{self, Child, Match, PageElement};
use std::borrow::Cow;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node, Text};

/// Attribute set on every node the widget adds, so that no run ever reads or wraps its own.
pub(crate) const OWN_ATTR: &str = "data-whosaid";

/// One text node's share of the report's text.
pub(crate) type Piece = page::Piece<Text>;

/// The article read from the DOM: the core's input and the way back to the nodes.
pub(crate) struct Collected {
    pub article: crate::Document,
    /// Text nodes in document order, with their offsets in the report's text.
    pub pieces: Vec<Piece>,
}

/// The article on the page (see [`page`](crate::page) for the rules).
pub(crate) fn find_article(doc: &Document) -> Option<page::Article<Element>> {
    doc.document_element().map(|top| page::find_article(&top))
}

/// The article when the caller names its element.
pub(crate) fn article_at(root: &Element) -> page::Article<Element> {
    page::article_at(root)
}

/// Reads the article's blocks. `None` when there is no text at all.
pub(crate) fn collect(article: &page::Article<Element>) -> Option<Collected> {
    let read = page::read(article);
    let article = crate::Document::from_blocks(read.blocks).ok()?;
    Some(Collected {
        article,
        pieces: read.pieces,
    })
}

impl PageElement for Element {
    type Text = Text;

    fn tag(&self) -> Cow<'_, str> {
        Cow::Owned(self.local_name())
    }

    fn has_attributes(&self) -> bool {
        Element::has_attributes(self)
    }

    fn attr(&self, name: &str) -> Option<Cow<'_, str>> {
        super::strings::attribute(self, name).map(Cow::Owned)
    }

    fn parent(&self) -> Option<Self> {
        self.parent_element()
    }

    fn children(&self) -> impl Iterator<Item = Child<Self>> {
        std::iter::successors(self.first_child(), Node::next_sibling).filter_map(|n| {
            match n.node_type() {
                // The node type says what it is: no `instanceof` check needed.
                Node::TEXT_NODE => Some(Child::Text(n.unchecked_into::<Text>())),
                Node::ELEMENT_NODE => Some(Child::Element(n.unchecked_into::<Element>())),
                _ => None,
            }
        })
    }

    fn text(node: &Text) -> Cow<'_, str> {
        Cow::Owned(node.data())
    }

    fn select(&self, rule: &Match) -> Vec<Self> {
        let css = match rule {
            Match::Tag(t) => (*t).to_string(),
            Match::Attr(a, v) => format!("[{a}=\"{v}\"]"),
        };
        let Ok(list) = self.query_selector_all(&css) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .map(|n| n.unchecked_into::<Element>())
            .collect()
    }

    /// The widget's own nodes, and what the page's style hides (`display: none`, and
    /// `visibility: hidden` that the element itself sets rather than inherits: a page that hides
    /// `<html>` or `<body>` until its scripts run, against a flicker, hides every element that
    /// way, and its text is still the article). Style is asked of the element's own window; a
    /// document without one (parsed, not shown) has none, and reads as the CLI does.
    fn hidden_by_host(&self) -> bool {
        if self.has_attribute(OWN_ATTR) {
            return true;
        }
        let Some(view) = self.owner_document().and_then(|d| d.default_view()) else {
            return false;
        };
        // One computed style per element, both properties read from it.
        let Some(style) = view.get_computed_style(self).ok().flatten() else {
            return false;
        };
        if super::strings::property(&style, "display") == "none" {
            return true;
        }
        super::strings::property(&style, "visibility") == "hidden"
            && self.parent_element().is_none_or(|p| {
                view.get_computed_style(&p)
                    .ok()
                    .flatten()
                    .is_none_or(|s| super::strings::property(&s, "visibility") != "hidden")
            })
    }
}
