//! What the reader sees besides the marks: the panel and the popover, inside one shadow root
//! so that neither the page's CSS nor the widget's leaks across. Built with DOM calls only
//! (a whole tree in one call into `ui.js`: [`Builder`]): page text is only ever set as text
//! content, never parsed as HTML.

use super::collect::OWN_ATTR;
use super::marks::{Item, Layer};
use crate::list::Listed;
use crate::report::{decimal, number, plural};
use crate::{Dispute, Report, Span, Speaker, StatementKind};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// Number of speaker hues (colour-blind safe; `page.css` and `panel.css` define them).
pub(crate) const HUES: usize = 8;
/// Number of line styles (solid, dashed, dotted, double).
pub(crate) const LINES: usize = 4;
/// Speakers with a style of their own; past these, the minor ones share the neutral style.
pub(crate) const STYLED: usize = HUES * LINES;

/// A speaker's style: a hue and a line style, or `None` for the shared neutral style.
pub(crate) type Style = Option<(usize, usize)>;

/// The speakers that share the neutral style, in speaker order (one function for the panel's
/// list and its bars: each closure compiled its own collection).
fn unstyled(styles: &[Style]) -> Vec<usize> {
    (0..styles.len()).filter(|&i| styles[i].is_none()).listed()
}

/// Each speaker's style, in speaker order. Up to [`STYLED`] speakers each get a pair of their
/// own, in order of first statement, hue first (the first eight differ in hue, and in line
/// style too: the line is `(k + k / 8) % 4`, so every pair of the 32 is distinct). Past 32, the
/// speakers with the fewest statements (the later ones among equals) share the neutral style.
pub(crate) fn styles(r: &Report) -> Vec<Style> {
    let n = r.speakers.len();
    let mut keep = vec![n <= STYLED; n];
    if n > STYLED {
        let said: Vec<usize> = r.by_speaker().iter().map(Vec::len).listed();
        // The 32 with most statements, the earlier among equals (no sort: it would add
        // kilobytes of wasm).
        for _ in 0..STYLED {
            let mut best: Option<usize> = None;
            for i in (0..n).filter(|&i| !keep[i]) {
                if best.is_none_or(|b| said[i] > said[b]) {
                    best = Some(i);
                }
            }
            if let Some(b) = best {
                keep[b] = true;
            }
        }
    }
    let mut k = 0;
    keep.iter()
        .map(|&kept| {
            kept.then(|| {
                k += 1;
                ((k - 1) % HUES, (k - 1 + (k - 1) / HUES) % LINES)
            })
        })
        .listed()
}

/// The classes of a style: `c3 l1` (hue 3, dashed), or `cn` (neutral), each with `prefix`.
pub(crate) fn style_class(style: Style, prefix: &str) -> String {
    let mut s = String::new();
    push_style_class(&mut s, style, prefix);
    s
}

/// Adds the classes of a style to `out` (see [`style_class`]); without `format!`, which took
/// a tenth of marking a short article (a mark's classes are made for every mark).
pub(crate) fn push_style_class(out: &mut String, style: Style, prefix: &str) {
    out.push_str(prefix);
    match style {
        Some((h, l)) => {
            out.push('c');
            out.push(digit(h));
            out.push(' ');
            out.push_str(prefix);
            out.push('l');
            out.push(digit(l));
        }
        None => out.push_str("cn"),
    }
}

/// Adds the tint class of a style to `out` (`whosaid-t3`, `whosaid-tn`).
pub(crate) fn push_tint_class(out: &mut String, style: Style) {
    out.push_str("whosaid-t");
    out.push(style.map_or('n', |(h, _)| digit(h)));
}

/// The digit of a hue or line style (fewer than ten of each).
fn digit(k: usize) -> char {
    char::from(b'0' + (k % 10) as u8)
}

/// The panel's elements: the panel itself, and the pill it folds into when the article leaves
/// no margin wide enough to dock it.
pub(crate) struct Ui {
    pub host: Element,
    pub shadow: ShadowRoot,
    pub popover: Element,
    pub panel: Option<Element>,
    pub pill: Option<Element>,
    /// The panel's long lists, still being filled (see [`fill`]).
    pub rest: Option<Rest>,
    /// The box of the sources at a glance, until its chart is drawn ([`draw_glance`]).
    pub glance: Option<Element>,
}

/// What the panel's lists still lack: the speakers, the minor speakers and the disputes (a
/// very long article has thousands of each), added by [`fill`] in slices, in order.
pub(crate) struct Rest {
    /// The list of the speakers with a style of their own, until they are in it, and each
    /// speaker's style.
    speakers: Option<Element>,
    styles: Vec<Style>,
    /// The list of minor speakers, those of them still to add, and each speaker's statements.
    others: Option<Element>,
    other: Vec<usize>,
    said: Vec<usize>,
    next_other: usize,
    /// The list of disputes, and the next to add.
    disputes: Element,
    next_dispute: usize,
    index: Option<Index>,
}

/// A tree of elements to make in one call into the DOM (`ui.js`): each call from WebAssembly
/// hands its strings over one by one, and the panel took hundreds of them. An element is known
/// by its index: 0 is the element the tree is built into ([`Builder::into`]), the others are
/// numbered as they are made.
pub(crate) struct Builder {
    text: String,
    /// The length of `text` in UTF-16 code units.
    len: u32,
    ops: Vec<u32>,
    made: u32,
}

/// An element of a [`Builder`].
pub(crate) type Id = u32;

/// The element a [`Builder`] builds into.
pub(crate) const ROOT: Id = 0;

impl Builder {
    /// Nothing to make yet.
    pub(crate) fn new() -> Builder {
        Builder {
            text: String::new(),
            len: 0,
            ops: Vec::new(),
            made: 0,
        }
    }

    fn push_str(&mut self, s: &str) {
        let start = self.len;
        self.text.push_str(s);
        self.len += crate::span::utf16_len(s);
        self.ops.push(start);
        self.ops.push(self.len);
    }

    fn make(&mut self, op: u32, parent: Id, tag: &str) -> Id {
        self.ops.push(op);
        self.ops.push(parent);
        self.push_str(tag);
        self.made += 1;
        self.made
    }

    /// An HTML element `tag` at the end of `parent`, with a class (unless empty) and a text.
    pub(crate) fn el(&mut self, parent: Id, tag: &str, class: &str, text: Option<&str>) -> Id {
        let e = self.make(0, parent, tag);
        if !class.is_empty() {
            self.ops.extend([3, e]);
            self.push_str(class);
        }
        if let Some(t) = text {
            self.text(e, t);
        }
        e
    }

    /// An SVG element `tag` at the end of `parent`, with attributes.
    fn svg(&mut self, parent: Id, tag: &str, attrs: &[(&str, &str)]) -> Id {
        let e = self.make(1, parent, tag);
        self.set(e, attrs);
        e
    }

    /// Sets attributes of `e`, in order.
    pub(crate) fn set(&mut self, e: Id, attrs: &[(&str, &str)]) {
        for (k, v) in attrs {
            self.ops.extend([2, e]);
            self.push_str(k);
            self.push_str(v);
        }
    }

    /// Sets the text of `e`.
    pub(crate) fn text(&mut self, e: Id, text: &str) {
        self.ops.extend([4, e]);
        self.push_str(text);
    }

    /// Adds a text at the end of `e`.
    pub(crate) fn append_text(&mut self, e: Id, text: &str) {
        self.ops.extend([5, e]);
        self.push_str(text);
    }

    /// Makes the tree, in `root` (element 0), and returns its elements by index.
    pub(crate) fn into(self, doc: &Document, root: &JsValue) -> Built {
        Built(js::build(doc, root, &self.text, &self.ops))
    }
}

/// The elements a [`Builder`] made.
pub(crate) struct Built(js_sys::Array);

impl Built {
    /// Element `e`.
    pub(crate) fn get(&self, e: Id) -> Element {
        self.0.get(e).unchecked_into()
    }
}

mod js {
    use wasm_bindgen::prelude::*;
    use web_sys::Document;

    #[wasm_bindgen(module = "/src/dom/ui.js")]
    extern "C" {
        pub(super) fn build(
            doc: &Document,
            root: &JsValue,
            text: &str,
            ops: &[u32],
        ) -> js_sys::Array;
    }
}

/// A short excerpt of a span's text for the panel and popover.
pub(crate) fn excerpt(text: &str, max_chars: usize) -> String {
    let t: String = text.split_whitespace().listed().join(" ");
    // (A slice of chars, as disputes.rs trims with: one copy of `trim_matches` in the wasm.)
    let t = t.trim_matches(&['"', '“', '”', ',', ' '][..]);
    if t.chars().count() <= max_chars {
        return t.to_string();
    }
    let cut: String = t.chars().take(max_chars).collect();
    // Up to the last space (its byte found by hand: `rsplit_once` brings `memrchr`, 0.3 KB).
    let cut = cut
        .bytes()
        .rposition(|b| b == b' ')
        .map_or(cut.as_str(), |i| &cut[..i]);
    [cut, "…"].concat()
}

/// "Dalia Renko — Harbour Commissioner"
fn who(s: &Speaker) -> String {
    match &s.role {
        Some(r) => [s.name.as_str(), " — ", r].concat(),
        None => s.name.clone(),
    }
}

/// Builds the shadow host (appended to `<body>`), the panel (when asked) and the popover. The
/// panel's lists are left empty: [`fill`] adds what they hold.
pub(crate) fn build(doc: &Document, report: &Report, styles: &[Style], panel: bool) -> Option<Ui> {
    let body = doc.body()?;
    let host = doc.create_element("div").ok()?;
    host.set_attribute(OWN_ATTR, "panel").ok()?;
    host.set_id("whosaid-panel");
    let init = ShadowRootInit::new(ShadowRootMode::Open);
    let shadow = host.attach_shadow(&init).ok()?;
    let mut b = Builder::new();
    b.el(
        ROOT,
        "style",
        "",
        Some(include_str!(concat!(env!("OUT_DIR"), "/panel.css"))),
    );
    let mut rest = None;
    let mut glance = None;
    let mut made = None;
    if panel {
        let (p, r) = panel_element(&mut b, report, styles);
        let pill = b.el(ROOT, "button", "pill", Some("whosaid"));
        b.set(
            pill,
            &[
                ("type", "button"),
                ("data-action", "open"),
                ("aria-expanded", "false"),
            ],
        );
        b.set(
            pill,
            &[
                (
                    "aria-label",
                    &[
                        "Open the whosaid panel: ",
                        &crate::report::join(&report.counts(), ", "),
                    ]
                    .concat(),
                ),
                ("hidden", ""),
            ],
        );
        made = Some((p, pill, r));
    }
    let popover = b.el(ROOT, "div", "popover", None);
    b.set(
        popover,
        &[("role", "status"), ("aria-live", "polite"), ("hidden", "")],
    );
    let built = b.into(doc, &shadow);
    let (panel, pill) = match made {
        Some((p, pill, r)) => {
            glance = Some(built.get(r.glance));
            rest = Some(r.into_rest(&built));
            (Some(built.get(p)), Some(built.get(pill)))
        }
        None => (None, None),
    };
    let popover = built.get(popover);
    body.append_child(&host).ok()?;
    Some(Ui {
        host,
        shadow,
        popover,
        panel,
        pill,
        rest,
        glance,
    })
}

/// Adds to the panel's lists what [`build`] left out, until `until` (a `Date.now()`); returns
/// whether all is in.
pub(crate) fn fill(ui: &mut Ui, doc: &Document, r: &Report, until: f64) -> bool {
    let Some(rest) = ui.rest.as_mut() else {
        return true;
    };
    if let Some(list) = rest.speakers.take() {
        // At most 32, in one tree.
        let mut b = Builder::new();
        for (i, s) in r.speakers.iter().enumerate() {
            if rest.styles[i].is_some() {
                speaker_item(&mut b, ROOT, s, rest.said[i], rest.styles[i]);
            }
        }
        b.into(doc, &list);
    }
    // One tree at a time, of 64 items at most: the time is looked at between them.
    const BATCH: usize = 64;
    if let Some(list) = &rest.others {
        while rest.next_other < rest.other.len() {
            let mut b = Builder::new();
            let end = (rest.next_other + BATCH).min(rest.other.len());
            for &i in &rest.other[rest.next_other..end] {
                speaker_item(&mut b, ROOT, &r.speakers[i], rest.said[i], None);
            }
            rest.next_other = end;
            b.into(doc, list);
            if js_sys::Date::now() >= until {
                break;
            }
        }
    }
    if rest.next_other < rest.other.len() {
        return false;
    }
    if rest.next_dispute < r.disputes.len() {
        // Every dispute's sides look up their speakers and statements: by id, not by a
        // search of the lists (thousands of each in a very long article). The first sides
        // wait for the next slice where that took long (tens of ms at 10 MB).
        if rest.index.is_none() {
            rest.index = Some(Index {
                speakers: r
                    .speakers
                    .iter()
                    .enumerate()
                    .map(|(k, s)| (s.id.0.clone(), k))
                    .collect(),
                statements: r
                    .statements
                    .iter()
                    .enumerate()
                    .map(|(k, q)| (q.id.0.clone(), k))
                    .collect(),
            });
            if js_sys::Date::now() >= until {
                return false;
            }
        }
        let slice = r.slicer();
        while rest.next_dispute < r.disputes.len() {
            let mut b = Builder::new();
            let end = (rest.next_dispute + BATCH).min(r.disputes.len());
            for d in &r.disputes[rest.next_dispute..end] {
                let li = b.el(ROOT, "li", "dispute", None);
                let button = b.el(li, "button", "claim", Some(&d.topic));
                b.set(button, &[("type", "button"), ("data-dispute", &d.id.0)]);
                b.set(
                    button,
                    &[(
                        "aria-label",
                        &["Disputed: ", &d.topic, ". Go to the claim"].concat(),
                    )],
                );
                sides(&mut b, li, r, d, &slice, rest.index.as_ref());
            }
            rest.next_dispute = end;
            b.into(doc, &rest.disputes);
            if js_sys::Date::now() >= until {
                break;
            }
        }
    }
    if rest.next_dispute < r.disputes.len() {
        return false;
    }
    ui.rest = None;
    true
}

/// [`Rest`] while the panel is being built: its lists by [`Id`].
struct RestIds {
    speakers: Id,
    styles: Vec<Style>,
    others: Option<Id>,
    other: Vec<usize>,
    said: Vec<usize>,
    disputes: Id,
    glance: Id,
}

impl RestIds {
    fn into_rest(self, built: &Built) -> Rest {
        Rest {
            speakers: Some(built.get(self.speakers)),
            styles: self.styles,
            others: self.others.map(|e| built.get(e)),
            other: self.other,
            said: self.said,
            next_other: 0,
            disputes: built.get(self.disputes),
            next_dispute: 0,
            index: None,
        }
    }
}

fn panel_element(b: &mut Builder, r: &Report, styles: &[Style]) -> (Id, RestIds) {
    let panel = b.el(ROOT, "section", "panel", None);
    b.set(
        panel,
        &[
            ("role", "complementary"),
            ("aria-label", "whosaid: who speaks and what is disputed"),
            ("tabindex", "-1"),
        ],
    );
    let header = b.el(panel, "header", "", None);
    b.el(header, "h2", "", Some("Who said what"));
    let collapse = b.el(header, "button", "icon", Some("–"));
    b.set(
        collapse,
        &[
            ("type", "button"),
            ("data-action", "collapse"),
            ("aria-expanded", "true"),
            ("aria-label", "Minimise the whosaid panel"),
        ],
    );
    let close = b.el(header, "button", "close", Some("×"));
    b.set(
        close,
        &[
            ("type", "button"),
            ("data-action", "close"),
            ("aria-label", "Close whosaid and remove its highlights"),
        ],
    );
    let counts = crate::report::join(&r.counts(), " · ");
    let p = b.el(panel, "p", "counts", Some(&counts));
    b.set(p, &[("data-role", "counts")]);
    let body = b.el(panel, "div", "body", None);

    b.el(body, "h3", "", Some("Who speaks"));
    let speakers = b.el(body, "ul", "speakers", None);
    b.set(speakers, &[("aria-label", "Who speaks")]);
    let others = unstyled(styles);
    let said: Vec<usize> = r.by_speaker().iter().map(Vec::len).listed();
    let mut others_list = None;
    if !others.is_empty() {
        // Past 32 speakers: the minor ones, in one neutral style, folded away.
        let details = b.el(body, "details", "others", None);
        b.el(
            details,
            "summary",
            "",
            Some(&["Others (", &number(others.len()), ")"].concat()),
        );
        let list = b.el(details, "ul", "speakers", None);
        b.set(list, &[("aria-label", "Other speakers")]);
        others_list = Some(list);
    }
    if r.speakers.is_empty() {
        b.el(body, "p", "empty", Some("No attributed statements found."));
    }

    b.el(body, "h3", "", Some("Disputed claims"));
    let list = b.el(body, "ul", "disputes", None);
    b.set(list, &[("aria-label", "Disputed claims")]);
    if r.disputes.is_empty() {
        b.el(body, "p", "empty", Some("No disputed claims found."));
    }

    b.el(body, "h3", "", Some("The sources at a glance"));
    // Drawn after the page has shown the marks ([`draw_glance`]).
    let rest = RestIds {
        speakers,
        styles: styles.to_vec(),
        others: others_list,
        other: others,
        said,
        disputes: list,
        glance: b.el(body, "div", "glance", None),
    };

    let fs = b.el(body, "fieldset", "", None);
    b.el(fs, "legend", "", Some("Show"));
    let mut toggle = |name: &str, label: &str, checked: bool| {
        let l = b.el(fs, "label", "", None);
        let input = b.el(l, "input", "", None);
        b.set(input, &[("type", "checkbox"), ("name", name)]);
        if checked {
            b.set(input, &[("checked", "")]);
        }
        b.append_text(l, label);
    };
    for layer in Layer::ALL {
        toggle(layer.name(), layer.label(), true);
    }
    toggle(ALL_MENTIONS, "All mentions", false);

    let actions = b.el(body, "div", "actions", None);
    for (action, label, aria) in [
        (
            "copy",
            "Copy",
            "Copy a plain-text summary (speakers, statements, disputes) to the clipboard",
        ),
        ("json", "JSON", "Download the report as a JSON file"),
    ] {
        let button = b.el(actions, "button", "action", Some(label));
        b.set(
            button,
            &[
                ("type", "button"),
                ("data-action", action),
                ("aria-label", aria),
            ],
        );
    }
    let status = b.el(actions, "span", "status", None);
    b.set(status, &[("role", "status")]);
    b.el(
        body,
        "p",
        "note",
        Some("Found in your browser by whosaid; nothing is sent anywhere. Esc closes."),
    );
    (panel, rest)
}

/// The name of the "All mentions" checkbox.
pub(crate) const ALL_MENTIONS: &str = "all-mentions";

/// One speaker's button (swatch, name, statements, role) in an item at the end of `list`.
fn speaker_item(b: &mut Builder, list: Id, s: &Speaker, n: usize, style: Style) {
    let li = b.el(list, "li", "", None);
    let button = b.el(li, "button", "speaker", None);
    b.set(button, &[("type", "button"), ("data-speaker", &s.id.0)]);
    b.set(
        button,
        &[(
            "aria-label",
            &[
                &who(s),
                ", ",
                &plural(n, "statement", "statements"),
                ": go to the next statement",
            ]
            .concat(),
        )],
    );
    b.el(
        button,
        "span",
        &["swatch ", &style_class(style, "")].concat(),
        None,
    );
    b.el(button, "span", "name", Some(&s.name));
    b.el(
        button,
        "span",
        "count",
        Some(&plural(n, "statement", "statements")),
    );
    if let Some(role) = &s.role {
        b.el(button, "span", "role", Some(role));
    }
}

/// The sources at a glance: a bar per speaker with the words attributed to them (the minor
/// speakers past 32 as one "Others" bar), then the kinds of source, the share of statements
/// from anonymous sources, and the disputes and hedges. The figures are the report's
/// `summary`. Drawn into the panel's box for it (left empty by [`build`]) once the page has
/// shown the marks: a third of the panel's elements, not needed to read the article.
pub(crate) fn draw_glance(ui: &mut Ui, doc: &Document, r: &Report) {
    if let Some(box_) = ui.glance.take() {
        let mut b = Builder::new();
        glance(&mut b, r, &styles(r));
        b.into(doc, &box_);
    }
}

/// See [`draw_glance`]: the chart and the figures, in the builder's root.
fn glance(b: &mut Builder, r: &Report, styles: &[Style]) {
    let box_ = ROOT;
    let sum = &r.summary;
    let words = |i: usize| sum.words.get(i).map_or(0, |w| w.words);
    // (label, words, style), most words first.
    let mut bars: Vec<(String, u32, Style)> = (0..r.speakers.len())
        .filter(|&i| styles[i].is_some())
        .map(|i| (r.speakers[i].name.clone(), words(i), styles[i]))
        .listed();
    let others = unstyled(styles);
    if !others.is_empty() {
        bars.push((
            ["Others (", &number(others.len()), ")"].concat(),
            others.iter().map(|&i| words(i)).sum(),
            None,
        ));
    }
    // Most words first (an insertion sort: `sort` would add kilobytes of wasm).
    for k in 1..bars.len() {
        let mut j = k;
        while j > 0 && bars[j - 1].1 < bars[j].1 {
            bars.swap(j - 1, j);
            j -= 1;
        }
    }
    if !bars.is_empty() {
        const ROW: usize = 18;
        let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
        let height = number(bars.len() * ROW);
        let chart = b.svg(
            box_,
            "svg",
            &[
                ("class", "chart"),
                ("viewBox", &["0 0 320 ", &height].concat()),
                ("role", "img"),
                ("aria-label", "Words attributed to each speaker"),
            ],
        );
        for (k, (label, n, style)) in bars.iter().enumerate() {
            let y = k * ROW;
            let g = b.svg(chart, "g", &[("class", "bar")]);
            let title = b.svg(g, "title", &[]);
            b.text(
                title,
                &[label, ": ", &plural(*n as usize, "word", "words")].concat(),
            );
            let name = b.svg(
                g,
                "text",
                &[("x", "0"), ("y", &number(y + 13)), ("class", "label")],
            );
            b.text(name, &excerpt(label, 18));
            let w = (*n as usize * 150).div_ceil(max as usize).max(1);
            b.svg(
                g,
                "rect",
                &[
                    ("x", "128"),
                    ("y", &number(y + 3)),
                    ("width", &number(w)),
                    ("height", "12"),
                    ("rx", "2"),
                    ("class", &style_class(*style, "")),
                ],
            );
            let num = b.svg(
                g,
                "text",
                &[
                    ("x", &number(128 + w + 4)),
                    ("y", &number(y + 13)),
                    ("class", "num"),
                ],
            );
            b.text(num, &number(*n as usize));
        }
    }
    for line in [
        sum.sources(),
        sum.anonymous_line(),
        [
            &plural(sum.disputes as usize, "disputed claim", "disputed claims"),
            " · ",
            &plural(sum.hedges as usize, "hedge", "hedges"),
        ]
        .concat(),
    ] {
        b.el(box_, "p", "fact", Some(&line));
    }
}

/// Space kept between the panel and the article, and between the panel and the window's edge.
const GAP: f64 = 12.0;
/// The narrowest docked panel; a narrower margin folds the panel into the pill.
const DOCK_MIN: f64 = 260.0;
/// The widest docked panel.
const DOCK_MAX: f64 = 384.0;

/// Places the panel where it hides none of the article: docked in the wider margin beside the
/// article root when that margin holds [`DOCK_MIN`] pixels and the gaps, else folded into a
/// narrow pill in the wider margin (the window's edge when there is none), which opens into a
/// sheet over the bottom of the window. All layout is read first, then written.
pub(crate) fn place(ui: &Ui, doc: &Document, root: &Element) {
    place_in(ui, margin(doc, root));
}

/// The wider free margin beside the article root: its side and its width in pixels. Read
/// before the marks are written, it costs no layout of the marked page.
pub(crate) fn margin(doc: &Document, root: &Element) -> (&'static str, f64) {
    let rect = root.get_bounding_client_rect();
    let vw = doc
        .document_element()
        .map_or(0.0, |d| f64::from(d.client_width()));
    let (left, right) = (rect.left().max(0.0), (vw - rect.right()).max(0.0));
    if right >= left {
        ("right", right)
    } else {
        ("left", left)
    }
}

/// Places the panel in a margin measured by [`margin`] (see [`place`]).
pub(crate) fn place_in(ui: &Ui, (side, free): (&'static str, f64)) {
    let (Some(panel), Some(pill)) = (&ui.panel, &ui.pill) else {
        return;
    };
    let was_sheet = panel.get_attribute("data-placement").as_deref() == Some("sheet");
    // Write.
    if free - 2.0 * GAP >= DOCK_MIN {
        let width = (free - 2.0 * GAP).min(DOCK_MAX);
        let _ = panel.set_attribute("data-placement", &["docked-", side].concat());
        let _ = panel.set_attribute(
            "style",
            &[
                "width:",
                &decimal(width.floor() as i32),
                "px;",
                side,
                ":",
                &decimal(GAP as i32),
                "px",
            ]
            .concat(),
        );
        let _ = panel.remove_attribute("hidden");
        let _ = pill.set_attribute("hidden", "");
    } else {
        let _ = panel.set_attribute("data-placement", "sheet");
        let _ = panel.remove_attribute("style");
        // The pill fits in the margin, 2 px off the edge; 28 px at most, 12 at least.
        let width = (free - 4.0).clamp(12.0, 28.0);
        let _ = pill.set_attribute(
            "style",
            &[
                "width:",
                &decimal(width.floor() as i32),
                "px;",
                side,
                ":2px",
            ]
            .concat(),
        );
        if !was_sheet {
            // A sheet opens whole, even if the docked panel was minimised.
            if panel.class_list().contains("collapsed") {
                if let Ok(Some(b)) = panel.query_selector("[data-action=collapse]") {
                    toggle_collapsed(&b);
                }
            }
            close_sheet(ui, false);
        }
    }
}

/// Opens the panel as a sheet from the pill.
pub(crate) fn open_sheet(ui: &Ui) {
    let (Some(panel), Some(pill)) = (&ui.panel, &ui.pill) else {
        return;
    };
    let _ = panel.remove_attribute("hidden");
    let _ = pill.set_attribute("hidden", "");
    let _ = pill.set_attribute("aria-expanded", "true");
    if let Some(h) = panel.dyn_ref::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
}

/// Folds the sheet back into the pill (`focus`: and moves the focus to the pill).
pub(crate) fn close_sheet(ui: &Ui, focus: bool) {
    let (Some(panel), Some(pill)) = (&ui.panel, &ui.pill) else {
        return;
    };
    let _ = panel.set_attribute("hidden", "");
    let _ = pill.remove_attribute("hidden");
    let _ = pill.set_attribute("aria-expanded", "false");
    if focus {
        if let Some(h) = pill.dyn_ref::<web_sys::HtmlElement>() {
            let _ = h.focus();
        }
    }
}

/// Whether the panel is a sheet (opened from the pill) rather than docked.
pub(crate) fn is_sheet(ui: &Ui) -> bool {
    ui.panel
        .as_ref()
        .is_some_and(|p| p.get_attribute("data-placement").as_deref() == Some("sheet"))
}

/// Minimises or restores the panel (its header stays).
pub(crate) fn toggle_collapsed(button: &Element) {
    let Some(panel) = button.closest(".panel").ok().flatten() else {
        return;
    };
    let collapsed = panel.class_list().toggle("collapsed").unwrap_or(false);
    let _ = button.set_attribute("aria-expanded", if collapsed { "false" } else { "true" });
    let _ = button.set_attribute(
        "aria-label",
        if collapsed {
            "Expand the whosaid panel"
        } else {
            "Minimise the whosaid panel"
        },
    );
    button.set_text_content(Some(if collapsed { "+" } else { "–" }));
}

/// Each side of a dispute: "Dalia Renko (contradicts): the ferry ran on time".
/// The report's speakers and statements by id.
struct Index {
    speakers: rustc_hash::FxHashMap<String, usize>,
    statements: rustc_hash::FxHashMap<String, usize>,
}

fn sides<'r>(
    b: &mut Builder,
    parent: Id,
    r: &'r Report,
    d: &Dispute,
    slice: &dyn Fn(Span) -> &'r str,
    index: Option<&Index>,
) {
    let ul = b.el(parent, "ul", "sides", None);
    for p in &d.positions {
        let li = b.el(ul, "li", "side", None);
        let speaker = match index {
            Some(ix) => ix
                .speakers
                .get(p.speaker.0.as_str())
                .map(|&k| &r.speakers[k]),
            None => r.speaker(&p.speaker),
        };
        let name = speaker.map_or("?", |s| s.name.as_str());
        b.el(li, "span", "who", Some(name));
        b.el(
            li,
            "span",
            "stance",
            Some(&[" (", p.stance.verb(), ")"].concat()),
        );
        let statement = match index {
            Some(ix) => ix
                .statements
                .get(p.statement.0.as_str())
                .map(|&k| &r.statements[k]),
            None => r.statements.iter().find(|q| q.id == p.statement),
        };
        if let Some(q) = statement {
            b.append_text(li, &[": ", &excerpt(slice(q.content), 140)].concat());
        }
    }
}

/// Fills the popover for a mark showing `items`; the most specific item speaks.
pub(crate) fn fill_popover(doc: &Document, pop: &Element, r: &Report, items: &[Item]) {
    pop.set_text_content(None);
    let mut b = Builder::new();
    let pick = |want: fn(&Item) -> Option<usize>| items.iter().find_map(want);
    if let Some(d) = pick(|l| match l {
        Item::Dispute(i) => Some(*i),
        _ => None,
    }) {
        let d = &r.disputes[d];
        b.el(ROOT, "div", "title", Some("Disputed claim"));
        b.el(ROOT, "div", "head", Some(&d.topic));
        sides(&mut b, ROOT, r, d, &|span| r.slice(span), None);
    } else if let Some(q) = pick(|l| match l {
        Item::Statement(i) => Some(*i),
        _ => None,
    }) {
        let q = &r.statements[q];
        let said_by = r.speaker(&q.speaker).map_or_else(|| "?".to_string(), who);
        let verb = match q.kind {
            StatementKind::Denial => "denied:",
            _ => "said:",
        };
        b.el(ROOT, "div", "head", Some(&[&said_by, " — ", verb].concat()));
        b.el(ROOT, "div", "said", Some(&excerpt(r.slice(q.content), 220)));
    } else if let Some(s) = pick(|l| match l {
        Item::Mention(i, _) => Some(*i),
        _ => None,
    }) {
        let s = &r.speakers[s];
        let n = r.statements_by(&s.id).count();
        b.el(ROOT, "div", "head", Some(&who(s)));
        b.el(
            ROOT,
            "div",
            "said",
            Some(&plural(n, "statement", "statements")),
        );
    } else if let Some(h) = pick(|l| match l {
        Item::Hedge(i) => Some(*i),
        _ => None,
    }) {
        let cue = r.slice(r.hedges[h].cue);
        b.el(
            ROOT,
            "div",
            "head",
            Some(&["Hedged (“", cue, "”): uncertain, not disputed"].concat()),
        );
    }
    b.into(doc, pop);
}

/// Places the popover for `mark`: over the docked panel, level with the mark, so that it hides
/// none of the article; without a docked panel, under (or above) the mark, inside the viewport.
pub(crate) fn place_popover(ui: &Ui, mark: &Element) {
    let pop = &ui.popover;
    let rect = mark.get_bounding_client_rect();
    let docked = ui
        .panel
        .as_ref()
        .filter(|p| {
            !p.has_attribute("hidden")
                && p.get_attribute("data-placement")
                    .is_some_and(|x| x.starts_with("docked"))
        })
        .map(|p| p.get_bounding_client_rect());
    let Some(window) = web_sys::window() else {
        return;
    };
    let vh = window
        .inner_height()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(800.0);
    let vw = window
        .inner_width()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(1200.0);
    let _ = pop.remove_attribute("hidden");
    if let Some(p) = &docked {
        let _ = pop.set_attribute(
            "style",
            &["max-width:", &decimal(p.width() as i32), "px"].concat(),
        );
    } else {
        let _ = pop.remove_attribute("style");
    }
    let (pw, ph) = (
        f64::from(pop.client_width()),
        f64::from(pop.client_height()),
    );
    let (left, top) = match &docked {
        Some(p) => (p.left(), rect.top().min(vh - ph - 8.0).max(8.0)),
        None => (
            rect.left().min(vw - pw - 8.0).max(8.0),
            if rect.bottom() + ph + 8.0 < vh {
                rect.bottom() + 6.0
            } else {
                (rect.top() - ph - 6.0).max(8.0)
            },
        ),
    };
    if let Some(h) = pop.dyn_ref::<web_sys::HtmlElement>() {
        let st = h.style();
        // Whole pixels: keeps float formatting out of the wasm.
        let _ = st.set_property("left", &[&decimal(left.round() as i32), "px"].concat());
        let _ = st.set_property("top", &[&decimal(top.round() as i32), "px"].concat());
    }
}
