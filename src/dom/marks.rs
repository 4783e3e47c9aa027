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
    /// Every mark with the items it shows, in the order they were made: the part around the
    /// viewport first ([`Marks::in_order`] gives document order).
    pub list: Vec<(Element, Vec<Item>)>,
    /// For each mark in `list`, the index of the text piece it was cut from.
    at: Vec<usize>,
    splits: Vec<Split>,
}

/// Where marking stands: the items sorted by start, and the sweep over the pieces (see
/// [`Marks::mark`]). Kept between slices, so that marking can stop after any piece and go on.
pub(crate) struct Sweep {
    items: Vec<(u32, u32, Item)>,
    /// Item indexes by start.
    order: Vec<usize>,
    /// The next item in `order` not yet seen.
    next: usize,
    /// Items that started before the last piece's end and may still cover what follows.
    active: Vec<usize>,
    /// The start of the last piece marked.
    last: u32,
}

impl Sweep {
    /// A sweep over `items` (see [`items`]).
    pub(crate) fn new(items: Vec<(u32, u32, Item)>) -> Sweep {
        let order = by_start(&items);
        Sweep {
            items,
            order,
            next: 0,
            active: Vec::new(),
            last: 0,
        }
    }
}

/// The indexes of `items` in order of their start, and of index among equal starts: a radix
/// sort, a byte of the start at a time (a very long article has a million items, and a
/// comparison sort of them took most of a second).
fn by_start(items: &[(u32, u32, Item)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    let mut next = vec![0; items.len()];
    for shift in [0, 8, 16, 24] {
        let digit = |i: usize| (items[i].0 >> shift) as usize & 0xff;
        let mut at = [0usize; 257];
        for &i in &order {
            at[digit(i) + 1] += 1;
        }
        for d in 0..256 {
            at[d + 1] += at[d];
        }
        // In the order so far within each digit: stable.
        for &i in &order {
            let d = digit(i);
            next[at[d]] = i;
            at[d] += 1;
        }
        std::mem::swap(&mut order, &mut next);
    }
    order
}

impl Marks {
    /// No marks.
    pub(crate) fn empty() -> Marks {
        Marks {
            list: Vec::new(),
            at: Vec::new(),
            splits: Vec::new(),
        }
    }

    /// Cuts piece `k`'s text node at every item boundary inside it and wraps each covered
    /// part in a mark; `decorate` gives a mark its classes and attributes. Pieces may come in
    /// any order (each run of pieces in text order is one sweep over the items: every item
    /// enters and leaves the active list once, however long the article). A piece whose node
    /// the page has since taken out or shortened is left alone.
    pub(crate) fn mark(
        &mut self,
        template: &Element,
        pieces: &[Piece],
        k: usize,
        sweep: &mut Sweep,
        decorate: &impl Fn(&Element, &[Item]),
    ) {
        let p = &pieces[k];
        let items = &sweep.items;
        let (lo, hi) = (p.start, p.start + p.len);
        if lo < sweep.last {
            // A piece before the last one (marking began near the viewport): sweep again
            // from the start.
            sweep.next = 0;
            sweep.active.clear();
        }
        sweep.last = lo;
        while let Some(&i) = sweep.order.get(sweep.next).filter(|&&i| items[i].0 < hi) {
            sweep.active.push(i);
            sweep.next += 1;
        }
        sweep.active.retain(|&i| items[i].1 > lo);
        if sweep.active.is_empty() {
            return;
        }
        let data = p.node.data();
        let node_len = data.encode_utf16().count() as u32;
        if node_len < p.offset + p.len || !p.node.is_connected() {
            return;
        }
        // Boundaries inside this piece, as offsets into the node.
        let mut cuts = Vec::new();
        for &i in &sweep.active {
            let (s, e, _) = &items[i];
            for b in [*s, *e] {
                if lo < b && b < hi {
                    cuts.push(b - p.start + p.offset);
                }
            }
        }
        cuts.push(p.offset);
        cuts.push(p.offset + p.len);
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
        for (n, node) in nodes.iter().enumerate() {
            let (from, to) = (bounds[n], bounds[n + 1]);
            if from < p.offset || to > p.offset + p.len {
                continue;
            }
            let (gs, ge) = (from - p.offset + p.start, to - p.offset + p.start);
            // In the items' own order, as the marks have always listed them.
            let mut covering: Vec<usize> = sweep
                .active
                .iter()
                .copied()
                .filter(|&i| items[i].0 <= gs && ge <= items[i].1)
                .collect();
            crate::sort::sort(&mut covering);
            let covering: Vec<Item> = covering.iter().map(|&i| items[i].2.clone()).collect();
            if covering.is_empty() {
                continue;
            }
            if let Some(mark) = wrap(template, node) {
                decorate(&mark, &covering);
                self.list.push((mark, covering));
                self.at.push(k);
            }
        }
        self.splits.push(Split {
            node: p.node.clone(),
            data,
            pieces: parts,
        });
    }

    /// The indexes of the marks in `list`, in document order (marking begins near the
    /// viewport, goes to the end, then from the start: one turn of the list, found without
    /// sorting; any other order is sorted).
    pub(crate) fn in_order(&self) -> Vec<usize> {
        let n = self.at.len();
        let descents: Vec<usize> = (1..n).filter(|&k| self.at[k] < self.at[k - 1]).collect();
        match descents[..] {
            [] => (0..n).collect(),
            [k] if self.at.last() <= self.at.first() => (k..n).chain(0..k).collect(),
            _ => {
                let mut order: Vec<usize> = (0..n).collect();
                // Stable: the marks of one piece keep their order.
                crate::sort::sort_by_key(&mut order, |&k| self.at[k]);
                order
            }
        }
    }

    /// The marks for which `keep` holds, in document order.
    pub(crate) fn ordered_where(&self, keep: impl Fn(&Element) -> bool) -> Vec<Element> {
        let mut found: Vec<(usize, &Element)> = self
            .at
            .iter()
            .zip(&self.list)
            .filter(|(_, (m, _))| keep(m))
            .map(|(k, (m, _))| (*k, m))
            .collect();
        crate::sort::sort_by_key(&mut found, |(k, _)| *k);
        found.into_iter().map(|(_, m)| m.clone()).collect()
    }

    /// Takes every mark out and joins the split text nodes back, leaving the original nodes.
    /// Marks or nodes the page itself has since removed are skipped, and a split node is
    /// joined back only while its pieces are still side by side with the text they had: once
    /// the page has rewritten them (a framework re-rendering the article), they are the page's,
    /// and putting the old text back would undo its change.
    pub(crate) fn remove(&mut self) {
        self.at.clear();
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

/// An empty `<mark data-whosaid="mark">`, cloned for every mark (one call into the DOM where
/// making one afresh takes two, each handing strings over).
pub(crate) fn template(doc: &Document) -> Option<Element> {
    let mark = doc.create_element("mark").ok()?;
    mark.set_attribute(OWN_ATTR, "mark").ok()?;
    Some(mark)
}

/// Puts `node` inside a new `<mark>` at its place. If the page's DOM refuses the move (a
/// method it has wrapped throws), the mark comes out again and the node stays where it was.
fn wrap(template: &Element, node: &Text) -> Option<Element> {
    let parent = node.parent_node()?;
    let mark: Element = template.clone_node().ok()?.unchecked_into();
    parent.insert_before(&mark, Some(node)).ok()?;
    if mark.append_child(node.unchecked_ref::<Node>()).is_err() {
        mark.remove();
        return None;
    }
    Some(mark)
}
