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
use crate::list::Listed;
use crate::Report;
use rustc_hash::FxHashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

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
        .listed();
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

/// The marks added to a page, and what is needed to take them out again. The marks themselves,
/// and the text nodes split for them, are kept on the JavaScript side (`marks.js`): each is
/// known here by its index.
pub(crate) struct Marks {
    /// The marks and split nodes (`marks.js`'s store); `None` for no marks.
    store: Option<JsValue>,
    /// The items each mark shows, in the order the marks were made: the part around the
    /// viewport first ([`Marks::ordered_where`] gives them in document order).
    pub items: Vec<Vec<Item>>,
    /// For each mark, the index of the text piece it was cut from.
    at: Vec<usize>,
    /// The store's strings, by value (classes, attribute names; `usize`, as the panel's index
    /// of ids: one copy of the map's code in the wasm).
    strings: FxHashMap<String, usize>,
    /// The store's strings of attribute values, by [`Attr`] and index (0: not yet there).
    values: [Vec<u32>; 4],
    /// What [`Marks::mark`] hands to `marks.js`, reused from piece to piece.
    buf: Vec<u32>,
    /// Strings given an index but not yet handed to `marks.js`, joined, and their lengths in
    /// UTF-16 code units: handed over with the next mark, in one call (a call each, each
    /// making a JavaScript string of its own, took a twentieth of marking a short article).
    pending: (String, Vec<u32>),
    /// The index the next string gets (0 is the empty string).
    next: u32,
    /// The looks of the last marks made (their classes and attributes), by the items they
    /// show and their flags ([`FOCUS`], [`END`]), in `marks.js`'s [`LOOKS`] slots (a look's
    /// slot is its index + 1), and the slot the next new look takes: each look is made once,
    /// as a mark `marks.js` then clones for every mark that looks the same (the pieces of one
    /// statement, a speaker's mentions nearby), where a mark took a call into the DOM for its
    /// class and each attribute. Forgotten when a layer is shown or hidden (a mark's classes
    /// say which are shown).
    looks: (Vec<(Vec<Item>, u32)>, usize),
}

/// A mark's look flag: focusable (the first piece of a statement or a disputed claim).
const FOCUS: u32 = 1;
/// A mark's look flag: the last piece of a disputed claim (`whosaid-dispute-end`: its marker).
const END: u32 = 2;

/// The most looks kept at a time (see [`Marks::looks`]), each replaced in turn.
const LOOKS: usize = 16;

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

/// A mark's class and attributes (set in this order, the class last).
pub(crate) struct Decoration<'a> {
    pub class: String,
    /// Each attribute: its name, and its value with the list and index it comes from (a
    /// statement's id: `(Attr::Statement, i, id)`), by which the value's string is kept.
    pub attrs: Vec<(Attr, usize, &'a str)>,
}

/// The attributes of a mark.
#[derive(Clone, Copy)]
pub(crate) enum Attr {
    Statement,
    Dispute,
    Speaker,
    Mention,
}

impl Attr {
    const NAMES: [&'static str; 4] = [
        "data-statement",
        "data-dispute",
        "data-speaker",
        "data-mention",
    ];
    /// The attribute's name.
    pub(crate) fn name(self) -> &'static str {
        Attr::NAMES[self as usize]
    }
}

/// Sorts a few numbers (an insertion sort: no allocation, for the handful of cuts and items of
/// one piece).
fn small_sort<T: Ord + Copy>(v: &mut [T]) {
    for k in 1..v.len() {
        let x = v[k];
        let mut j = k;
        while j > 0 && v[j - 1] > x {
            v[j] = v[j - 1];
            j -= 1;
        }
        v[j] = x;
    }
}

impl Marks {
    /// No marks.
    pub(crate) fn empty() -> Marks {
        Marks {
            store: None,
            items: Vec::new(),
            at: Vec::new(),
            strings: FxHashMap::default(),
            values: Default::default(),
            buf: Vec::new(),
            pending: (String::new(), Vec::new()),
            next: 1,
            looks: (Vec::new(), 0),
        }
    }

    /// Forgets the marks' looks (a layer was shown or hidden: see [`Marks::looks`]).
    pub(crate) fn forget_looks(&mut self) {
        self.looks = (Vec::new(), 0);
    }

    /// No marks yet; those made will be clones of `template` (see [`template`]), in the text
    /// nodes of `texts` (the walk's, by the index a [`Piece`] names: [`Nodes::texts`]).
    ///
    /// [`Nodes::texts`]: super::collect::Nodes::texts
    pub(crate) fn new(template: &Element, texts: &JsValue) -> Marks {
        Marks {
            store: Some(js::store(template, texts)),
            ..Marks::empty()
        }
    }

    /// The index of `s` in the store's strings (added once).
    fn string(&mut self, s: &str) -> u32 {
        if let Some(&k) = self.strings.get(s) {
            return k as u32;
        }
        let k = self.add(s);
        self.strings.insert(s.to_string(), k as usize);
        k
    }

    /// Gives `s` the next index in the store's strings; it is handed over with the next mark.
    fn add(&mut self, s: &str) -> u32 {
        if self.store.is_none() {
            return 0;
        }
        self.pending.0.push_str(s);
        self.pending.1.push(crate::span::utf16_len(s));
        self.next += 1;
        self.next - 1
    }

    /// The index of the value of `attr` from item `index` (`value`) in the store's strings.
    fn value(&mut self, attr: Attr, index: usize, value: &str) -> u32 {
        let known = &mut self.values[attr as usize];
        if known.len() <= index {
            known.resize(index + 1, 0);
        }
        if known[index] == 0 {
            let k = self.add(value);
            self.values[attr as usize][index] = k;
        }
        self.values[attr as usize][index]
    }

    /// Cuts piece `k`'s text node at every item boundary inside it and wraps each covered
    /// part in a mark; `decorate` gives a mark its classes and attributes. Pieces may come in
    /// any order (each run of pieces in text order is one sweep over the items: every item
    /// enters and leaves the active list once, however long the article). A piece whose node
    /// the page has since taken out or shortened is left alone. The DOM work is one call into
    /// `marks.js` for the node.
    pub(crate) fn mark<'a>(
        &mut self,
        pieces: &[Piece],
        k: usize,
        sweep: &mut Sweep,
        decorate: &impl Fn(&[Item]) -> Decoration<'a>,
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
        if sweep.active.is_empty() || self.store.is_none() {
            return;
        }
        // Boundaries inside this piece, as offsets into the node (its end is added by
        // `marks.js`, which reads the node).
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
        small_sort(&mut cuts);
        cuts.dedup();
        let bounds = cuts;
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        buf.push(p.offset + p.len);
        buf.push(bounds.len() as u32);
        buf.extend_from_slice(&bounds);
        let mut parts: Vec<Vec<Item>> = Vec::new();
        for n in 0..bounds.len() - 1 {
            let (from, to) = (bounds[n], bounds[n + 1]);
            let mut covering = Vec::new();
            let mut flags = 0;
            if from >= p.offset && to <= p.offset + p.len {
                let (gs, ge) = (from - p.offset + p.start, to - p.offset + p.start);
                // In the items' own order, as the marks have always listed them.
                let mut by_index: Vec<usize> = sweep
                    .active
                    .iter()
                    .copied()
                    .filter(|&i| items[i].0 <= gs && ge <= items[i].1)
                    .listed();
                small_sort(&mut by_index);
                // The piece where a statement or claim begins is the one to focus (the first
                // of its marks in the page), and where a claim ends, the one with its marker.
                for &i in &by_index {
                    let (s, e, item) = &items[i];
                    let claim = matches!(item, Item::Dispute(_));
                    if *s == gs && (claim || matches!(item, Item::Statement(_))) {
                        flags |= FOCUS;
                    }
                    if claim && *e == ge {
                        flags |= END;
                    }
                }
                covering = by_index.iter().map(|&i| items[i].2.clone()).listed();
            }
            if covering.is_empty() {
                buf.extend_from_slice(&[0, 0, 0]);
                parts.push(covering);
                continue;
            }
            let (looks, next) = &mut self.looks;
            if let Some(k) = looks
                .iter()
                .position(|(c, f)| *f == flags && *c == covering)
            {
                buf.extend_from_slice(&[k as u32 + 1, 0, 0]);
            } else {
                let k = *next;
                *next = (k + 1) % LOOKS;
                if k < looks.len() {
                    looks[k] = (covering.clone(), flags);
                } else {
                    looks.push((covering.clone(), flags));
                }
                let look = k as u32 + 1;
                let mut d = decorate(&covering);
                if flags & END != 0 {
                    d.class.push_str(" whosaid-dispute-end");
                }
                let class = self.string(&d.class);
                buf.push(look);
                buf.push(class);
                // The number of attributes, and whether the mark is focusable.
                buf.push(d.attrs.len() as u32 | (flags & FOCUS) << 8);
                for &(attr, index, value) in &d.attrs {
                    let name = self.string(attr.name());
                    let value = self.value(attr, index, value);
                    buf.push(name);
                    buf.push(value);
                }
            }
            parts.push(covering);
        }
        let Some(store) = &self.store else {
            return;
        };
        if !self.pending.1.is_empty() {
            js::table(store, &self.pending.0, &self.pending.1);
            self.pending.0.clear();
            self.pending.1.clear();
        }
        let made = js::mark(store, p.node, &mut buf);
        if made > 0 {
            // The parts marked: those whose look `marks.js` left in place.
            let mut at = 2 + bounds.len();
            for covering in parts {
                let (look, attrs) = (buf[at], (buf[at + 2] & 0xff) as usize);
                at += 3 + 2 * attrs;
                if look != 0 {
                    self.items.push(covering);
                    self.at.push(k);
                }
            }
        }
        self.buf = buf;
    }

    /// Whether the page gives a mark beside text node `node` a `::before` or `::after` box
    /// (`marks.js`'s `pseudo`: the page is left as it was).
    pub(crate) fn pseudo(&self, node: u32) -> bool {
        self.store.as_ref().is_some_and(|s| js::pseudo(s, node))
    }

    /// Mark `k` (an index into [`Marks::items`]).
    pub(crate) fn get(&self, k: usize) -> Option<Element> {
        let store = self.store.as_ref()?;
        js::get(store, k as u32).dyn_into::<Element>().ok()
    }

    /// The index of `el` among the marks, if it is one.
    pub(crate) fn index(&self, el: &Element) -> Option<usize> {
        let store = self.store.as_ref()?;
        usize::try_from(js::index(store, el)).ok()
    }

    /// Whether every mark is still in the page.
    pub(crate) fn connected(&self) -> bool {
        self.store.as_ref().is_none_or(js::connected)
    }

    /// Adds (`on`) or takes off `class` on the marks `ks`.
    pub(crate) fn toggle(&self, ks: &[u32], class: &str, on: bool) {
        if let Some(store) = &self.store {
            js::toggle(store, ks, class, on);
        }
    }

    /// The marks whose items `keep` accepts, in document order.
    pub(crate) fn ordered_where(&self, keep: impl Fn(&[Item]) -> bool) -> Vec<Element> {
        let mut found: Vec<(usize, usize)> = self
            .at
            .iter()
            .zip(&self.items)
            .enumerate()
            .filter(|(_, (_, items))| keep(items))
            .map(|(m, (k, _))| (*k, m))
            .listed();
        crate::sort::sort_by_key(&mut found, |(k, _)| *k);
        found.iter().filter_map(|&(_, m)| self.get(m)).listed()
    }

    /// Takes every mark out and joins the split text nodes back, leaving the original nodes
    /// (`marks.js`'s `unmark`: marks or nodes the page itself has since removed or rewritten
    /// are left to it).
    pub(crate) fn remove(&mut self) {
        self.at.clear();
        self.items.clear();
        if let Some(store) = &self.store {
            js::unmark(store);
        }
    }
}

/// The DOM work of marking (`marks.js`).
mod js {
    use wasm_bindgen::prelude::*;
    use web_sys::Element;

    #[wasm_bindgen(module = "/src/dom/marks.js")]
    extern "C" {
        pub(super) fn store(template: &Element, texts: &JsValue) -> JsValue;
        pub(super) fn table(store: &JsValue, joined: &str, lengths: &[u32]);
        pub(super) fn mark(store: &JsValue, node: u32, b: &mut [u32]) -> i32;
        pub(super) fn get(store: &JsValue, k: u32) -> JsValue;
        pub(super) fn index(store: &JsValue, el: &Element) -> i32;
        pub(super) fn connected(store: &JsValue) -> bool;
        pub(super) fn toggle(store: &JsValue, ks: &[u32], class: &str, on: bool);
        pub(super) fn unmark(store: &JsValue);
        pub(super) fn pseudo(store: &JsValue, node: u32) -> bool;
    }
}

/// An empty `<mark data-whosaid="mark">`, cloned for every mark (one call into the DOM where
/// making one afresh takes two, each handing strings over).
pub(crate) fn template(doc: &Document) -> Option<Element> {
    let mark = doc.create_element("mark").ok()?;
    mark.set_attribute(OWN_ATTR, "mark").ok()?;
    Some(mark)
}
