//! Wrapping report spans in `<mark>` elements, and undoing it exactly.
//!
//! The spans of a report overlap (a mention inside a statement, a disputed claim that is a
//! statement), so the text is cut at every span boundary and each cut piece that some span
//! covers gets one flat `<mark>` carrying every covering span's class and id: no nesting, and a
//! span that crosses elements is simply several marks sharing its id. Text nodes are split with
//! `splitText`, which keeps the original node as the first piece; [`Marks::remove`] puts that
//! node back where it was with its original text and drops the pieces split off it, so the page
//! ends with the very same nodes and text-node boundaries it had.

use super::collect::{Piece, OWN_ATTR};
use crate::Report;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node, Text};

/// A layer of highlights the reader can show or hide. Its name is what `setVisible()` takes and
/// what the panel's checkbox is called; `js/whosaid.d.ts` lists the same names (`tests/dom.rs`
/// checks that it does).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Layer {
    Speakers,
    Statements,
    Disputes,
    Hedges,
}

impl Layer {
    /// Every layer, in panel order.
    pub(crate) const ALL: [Layer; 4] = [
        Layer::Speakers,
        Layer::Statements,
        Layer::Disputes,
        Layer::Hedges,
    ];

    /// The layer's name ("speakers", …).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Layer::Speakers => "speakers",
            Layer::Statements => "statements",
            Layer::Disputes => "disputes",
            Layer::Hedges => "hedges",
        }
    }

    /// The layer a name names (see [`Layer::name`]).
    pub(crate) fn parse(name: &str) -> Option<Layer> {
        Layer::ALL.into_iter().find(|l| l.name() == name)
    }

    /// The panel's label for the layer.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Layer::Speakers => "Speakers",
            Layer::Statements => "Statements",
            Layer::Disputes => "Disputes",
            Layer::Hedges => "Hedges",
        }
    }

    /// The class that shows this layer on a mark (taken off while the layer is hidden).
    pub(crate) fn class(self) -> &'static str {
        match self {
            Layer::Speakers => "whosaid-mention",
            Layer::Statements => "whosaid-statement",
            Layer::Disputes => "whosaid-dispute",
            Layer::Hedges => "whosaid-hedge",
        }
    }
}

/// One report item to mark, by its index in the report's list.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Item {
    /// A mention of speaker `n` (index into the report's speakers); `true` when the mention is
    /// some statement's source (tinted by default; the others only in focus mode or with "All
    /// mentions").
    Mention(usize, bool),
    /// Statement `n`.
    Statement(usize),
    /// Dispute `n`.
    Dispute(usize),
    /// Hedge `n`.
    Hedge(usize),
}

impl Item {
    /// The layer the item is shown on.
    pub(crate) fn layer(&self) -> Layer {
        match self {
            Item::Mention(..) => Layer::Speakers,
            Item::Statement(_) => Layer::Statements,
            Item::Dispute(_) => Layer::Disputes,
            Item::Hedge(_) => Layer::Hedges,
        }
    }
}

/// All items of a report, as (start, end, item) in UTF-16 code units.
pub(crate) fn items(report: &Report) -> Vec<(u32, u32, Item)> {
    let mut out = Vec::new();
    // Sorted, so that a long article's thousands of mentions are each looked up by halving.
    let mut sources: Vec<(u32, u32)> = report
        .statements
        .iter()
        .filter_map(|s| s.source.map(|m| (m.start, m.end)))
        .collect();
    crate::sort::sort(&mut sources);
    for (i, s) in report.speakers.iter().enumerate() {
        out.extend(s.mentions.iter().map(|m| {
            let source = sources.binary_search(&(m.start, m.end)).is_ok();
            (m.start, m.end, Item::Mention(i, source))
        }));
    }
    for (i, s) in report.statements.iter().enumerate() {
        out.push((s.content.start, s.content.end, Item::Statement(i)));
    }
    for (i, d) in report.disputes.iter().enumerate() {
        out.push((d.claim.start, d.claim.end, Item::Dispute(i)));
    }
    for (i, h) in report.hedges.iter().enumerate() {
        out.push((h.cue.start, h.cue.end, Item::Hedge(i)));
    }
    out.retain(|(s, e, _)| s < e);
    out
}

/// One text node the marking changed.
struct Split {
    /// The original node (it stays the first piece).
    node: Text,
    /// Its text before marking.
    data: String,
    /// The pieces split off it, in order.
    pieces: Vec<Text>,
}

/// The marks added to a page, and what is needed to take them out again.
pub(crate) struct Marks {
    /// Every mark, in document order, with the items it shows.
    pub list: Vec<(Element, Vec<Item>)>,
    splits: Vec<Split>,
}

impl Marks {
    /// No marks.
    pub(crate) fn empty() -> Marks {
        Marks {
            list: Vec::new(),
            splits: Vec::new(),
        }
    }

    /// Cuts the text nodes at every item boundary and wraps each covered piece. `decorate`
    /// gives a mark its classes and attributes.
    pub(crate) fn add(
        doc: &Document,
        pieces: &[Piece],
        items: &[(u32, u32, Item)],
        decorate: impl Fn(&Element, &[Item]),
    ) -> Marks {
        let mut marks = Marks::empty();
        // One sweep over the text: the pieces come in text order, so the items that overlap a
        // piece are those started before its end and not ended before its start (`active`),
        // and each item enters and leaves that list once, however long the article.
        let mut order: Vec<usize> = (0..items.len()).collect();
        crate::sort::sort_by_key(&mut order, |&i| (items[i].0, i));
        let mut next = 0;
        let mut active: Vec<usize> = Vec::new();
        let mut last = 0;
        for p in pieces {
            let (lo, hi) = (p.start, p.start + p.len);
            if lo < last {
                // A piece before the last one (not expected): sweep again from the start.
                next = 0;
                active.clear();
            }
            last = lo;
            while let Some(&i) = order.get(next).filter(|&&i| items[i].0 < hi) {
                active.push(i);
                next += 1;
            }
            active.retain(|&i| items[i].1 > lo);
            if active.is_empty() {
                continue;
            }
            // Boundaries inside this piece, as offsets into the node.
            let mut cuts = Vec::new();
            for &i in &active {
                let (s, e, _) = &items[i];
                for b in [*s, *e] {
                    if lo < b && b < hi {
                        cuts.push(b - p.start + p.offset);
                    }
                }
            }
            cuts.push(p.offset);
            cuts.push(p.offset + p.len);
            let data = p.node.data();
            let node_len = data.encode_utf16().count() as u32;
            cuts.push(0);
            cuts.push(node_len);
            crate::sort::sort(&mut cuts);
            cuts.dedup();
            let bounds: Vec<u32> = cuts;
            // Split from the end so the original node stays the first piece.
            let mut parts: Vec<Text> = Vec::new();
            for &b in bounds[1..bounds.len() - 1].iter().rev() {
                match p.node.split_text(b) {
                    Ok(t) => parts.push(t),
                    Err(_) => break,
                }
            }
            parts.reverse();
            let mut nodes = vec![p.node.clone()];
            nodes.extend(parts.iter().cloned());
            for (k, node) in nodes.iter().enumerate() {
                let (from, to) = (bounds[k], bounds[k + 1]);
                if from < p.offset || to > p.offset + p.len {
                    continue;
                }
                let (gs, ge) = (from - p.offset + p.start, to - p.offset + p.start);
                // In the items' own order, as the marks have always listed them.
                let mut covering: Vec<usize> = active
                    .iter()
                    .copied()
                    .filter(|&i| items[i].0 <= gs && ge <= items[i].1)
                    .collect();
                crate::sort::sort(&mut covering);
                let covering: Vec<Item> = covering.iter().map(|&i| items[i].2.clone()).collect();
                if covering.is_empty() {
                    continue;
                }
                if let Some(mark) = wrap(doc, node) {
                    decorate(&mark, &covering);
                    marks.list.push((mark, covering));
                }
            }
            marks.splits.push(Split {
                node: p.node.clone(),
                data,
                pieces: parts,
            });
        }
        marks
    }

    /// Takes every mark out and joins the split text nodes back, leaving the original nodes.
    /// Marks or nodes the page itself has since removed are skipped, and a split node is
    /// joined back only while its pieces are still side by side with the text they had: once
    /// the page has rewritten them (a framework re-rendering the article), they are the page's,
    /// and putting the old text back would undo its change.
    pub(crate) fn remove(&mut self) {
        for (mark, _) in self.list.drain(..) {
            let Some(parent) = mark.parent_node() else {
                continue;
            };
            while let Some(child) = mark.first_child() {
                let _ = parent.insert_before(&child, Some(&mark));
            }
            let _ = parent.remove_child(&mark);
        }
        for s in self.splits.drain(..) {
            if !s.intact() {
                continue;
            }
            for piece in &s.pieces {
                if let Some(parent) = piece.parent_node() {
                    let _ = parent.remove_child(piece);
                }
            }
            s.node.set_data(&s.data);
        }
    }
}

impl Split {
    /// Whether the node and its pieces are still next to each other, in order, holding the
    /// text the node had (the state marking left once its marks are taken out).
    fn intact(&self) -> bool {
        let mut text = self.node.data();
        let mut prev: &Node = self.node.unchecked_ref();
        for piece in &self.pieces {
            let node: &Node = piece.unchecked_ref();
            if prev.next_sibling().as_ref() != Some(node) {
                return false;
            }
            text.push_str(&piece.data());
            prev = node;
        }
        text == self.data
    }
}

/// Puts `node` inside a new `<mark>` at its place. If the page's DOM refuses the move (a
/// method it has wrapped throws), the mark comes out again and the node stays where it was.
fn wrap(doc: &Document, node: &Text) -> Option<Element> {
    let parent = node.parent_node()?;
    let mark = doc.create_element("mark").ok()?;
    mark.set_attribute(OWN_ATTR, "mark").ok()?;
    parent.insert_before(&mark, Some(node)).ok()?;
    if mark.append_child(node.unchecked_ref::<Node>()).is_err() {
        mark.remove();
        return None;
    }
    Some(mark)
}
