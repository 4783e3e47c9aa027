//! What the reader sees besides the marks: the panel and the popover, inside one shadow root
//! so that neither the page's CSS nor the widget's leaks across. Built with DOM calls only:
//! page text is only ever set as text content, never parsed as HTML.

use super::collect::OWN_ATTR;
use super::marks::{Item, Layer};
use crate::report::plural;
use crate::{Dispute, Report, Span, Speaker, StatementKind};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// Number of speaker hues (colour-blind safe; `page.css` and `panel.css` define them).
pub(crate) const HUES: usize = 8;
/// Number of line styles (solid, dashed, dotted, double).
pub(crate) const LINES: usize = 4;
/// Speakers with a style of their own; past these, the minor ones share the neutral style.
pub(crate) const STYLED: usize = HUES * LINES;

/// A speaker's style: a hue and a line style, or `None` for the shared neutral style.
pub(crate) type Style = Option<(usize, usize)>;

/// Each speaker's style, in speaker order. Up to [`STYLED`] speakers each get a pair of their
/// own, in order of first statement, hue first (the first eight differ in hue, and in line
/// style too: the line is `(k + k / 8) % 4`, so every pair of the 32 is distinct). Past 32, the
/// speakers with the fewest statements (the later ones among equals) share the neutral style.
pub(crate) fn styles(r: &Report) -> Vec<Style> {
    let n = r.speakers.len();
    let mut keep = vec![n <= STYLED; n];
    if n > STYLED {
        let said: Vec<usize> = r.by_speaker().iter().map(Vec::len).collect();
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
    keep.into_iter()
        .map(|kept| {
            kept.then(|| {
                k += 1;
                ((k - 1) % HUES, (k - 1 + (k - 1) / HUES) % LINES)
            })
        })
        .collect()
}

/// The classes of a style: `c3 l1` (hue 3, dashed), or `cn` (neutral), each with `prefix`.
pub(crate) fn style_class(style: Style, prefix: &str) -> String {
    match style {
        Some((h, l)) => format!("{prefix}c{h} {prefix}l{l}"),
        None => format!("{prefix}cn"),
    }
}

/// The tint class of a style (`whosaid-t3`, `whosaid-tn`).
pub(crate) fn tint_class(style: Style) -> String {
    match style {
        Some((h, _)) => format!("whosaid-t{h}"),
        None => "whosaid-tn".into(),
    }
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
}

/// What the panel's lists of minor speakers and of disputes still lack (a very long article
/// has thousands of each): added by [`fill`] in slices, in order, after the marks.
pub(crate) struct Rest {
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

fn el(doc: &Document, tag: &str, class: &str, text: Option<&str>) -> Element {
    let e = doc.create_element(tag).expect("a valid tag name");
    if !class.is_empty() {
        e.set_class_name(class);
    }
    if let Some(t) = text {
        e.set_text_content(Some(t));
    }
    e
}

/// Sets attributes (one loop instead of a call per attribute: smaller wasm).
fn set(e: &Element, attrs: &[(&str, &str)]) {
    for (k, v) in attrs {
        let _ = e.set_attribute(k, v);
    }
}

fn append(parent: &Element, child: &Element) {
    let _ = parent.append_child(child);
}

/// A short excerpt of a span's text for the panel and popover.
pub(crate) fn excerpt(text: &str, max_chars: usize) -> String {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = t.trim_matches(|c| matches!(c, '"' | '“' | '”' | ',' | ' '));
    if t.chars().count() <= max_chars {
        return t.to_string();
    }
    let cut: String = t.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

/// "Dalia Renko — Harbour Commissioner"
fn who(s: &Speaker) -> String {
    match &s.role {
        Some(r) => format!("{} — {r}", s.name),
        None => s.name.clone(),
    }
}

/// Builds the shadow host (appended to `<body>`), the panel (when asked) and the popover.
///
/// The lists of minor speakers and of disputes get what fits until `until` (a `Date.now()`);
/// [`fill`] adds the rest.
pub(crate) fn build(
    doc: &Document,
    report: &Report,
    styles: &[Style],
    panel: bool,
    until: f64,
) -> Option<Ui> {
    let body = doc.body()?;
    let host = doc.create_element("div").ok()?;
    host.set_attribute(OWN_ATTR, "panel").ok()?;
    host.set_id("whosaid-panel");
    let init = ShadowRootInit::new(ShadowRootMode::Open);
    let shadow = host.attach_shadow(&init).ok()?;
    let style = el(
        doc,
        "style",
        "",
        Some(include_str!(concat!(env!("OUT_DIR"), "/panel.css"))),
    );
    shadow.append_child(&style).ok()?;
    let mut rest = None;
    let (panel, pill) = if panel {
        let (p, r) = panel_element(doc, report, styles);
        rest = Some(r);
        shadow.append_child(&p).ok()?;
        let pill = el(doc, "button", "pill", Some("whosaid"));
        set(
            &pill,
            &[
                ("type", "button"),
                ("data-action", "open"),
                ("aria-expanded", "false"),
            ],
        );
        let _ = pill.set_attribute(
            "aria-label",
            &format!("Open the whosaid panel: {}", report.counts().join(", ")),
        );
        let _ = pill.set_attribute("hidden", "");
        shadow.append_child(&pill).ok()?;
        (Some(p), Some(pill))
    } else {
        (None, None)
    };
    let popover = el(doc, "div", "popover", None);
    popover.set_attribute("role", "status").ok()?;
    popover.set_attribute("aria-live", "polite").ok()?;
    popover.set_attribute("hidden", "").ok()?;
    shadow.append_child(&popover).ok()?;
    body.append_child(&host).ok()?;
    let mut ui = Ui {
        host,
        shadow,
        popover,
        panel,
        pill,
        rest,
    };
    fill(&mut ui, doc, report, until);
    Some(ui)
}

/// Adds to the panel's lists what [`build`] left out, until `until` (a `Date.now()`); returns
/// whether all is in.
pub(crate) fn fill(ui: &mut Ui, doc: &Document, r: &Report, until: f64) -> bool {
    let Some(rest) = ui.rest.as_mut() else {
        return true;
    };
    let mut count = 0usize;
    let mut more = || {
        count += 1;
        count % 16 != 0 || js_sys::Date::now() < until
    };
    if let Some(list) = &rest.others {
        while rest.next_other < rest.other.len() && more() {
            let i = rest.other[rest.next_other];
            rest.next_other += 1;
            append(list, &speaker_item(doc, &r.speakers[i], rest.said[i], None));
        }
    }
    if rest.next_other < rest.other.len() {
        return false;
    }
    if rest.next_dispute < r.disputes.len() {
        let slice = r.slicer();
        // Every dispute's sides look up their speakers and statements: by id, not by a
        // search of the lists (thousands of each in a very long article).
        let index = rest.index.get_or_insert_with(|| Index {
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
        while rest.next_dispute < r.disputes.len() && more() {
            let d = &r.disputes[rest.next_dispute];
            rest.next_dispute += 1;
            let li = el(doc, "li", "dispute", None);
            let b = el(doc, "button", "claim", Some(&d.topic));
            set(&b, &[("type", "button"), ("data-dispute", &d.id.0)]);
            let _ = b.set_attribute(
                "aria-label",
                &format!("Disputed: {}. Go to the claim", d.topic),
            );
            append(&li, &b);
            append(&li, &sides(doc, r, d, &slice, Some(index)));
            append(&rest.disputes, &li);
        }
    }
    if rest.next_dispute < r.disputes.len() {
        return false;
    }
    ui.rest = None;
    true
}

fn panel_element(doc: &Document, r: &Report, styles: &[Style]) -> (Element, Rest) {
    let panel = el(doc, "section", "panel", None);
    set(
        &panel,
        &[
            ("role", "complementary"),
            ("aria-label", "whosaid: who speaks and what is disputed"),
            ("tabindex", "-1"),
        ],
    );
    let header = el(doc, "header", "", None);
    append(&header, &el(doc, "h2", "", Some("Who said what")));
    let collapse = el(doc, "button", "icon", Some("–"));
    set(
        &collapse,
        &[
            ("type", "button"),
            ("data-action", "collapse"),
            ("aria-expanded", "true"),
            ("aria-label", "Minimise the whosaid panel"),
        ],
    );
    append(&header, &collapse);
    let close = el(doc, "button", "close", Some("×"));
    set(
        &close,
        &[
            ("type", "button"),
            ("data-action", "close"),
            ("aria-label", "Close whosaid and remove its highlights"),
        ],
    );
    append(&header, &close);
    append(&panel, &header);
    let counts = r.counts().join(" · ");
    let p = el(doc, "p", "counts", Some(&counts));
    let _ = p.set_attribute("data-role", "counts");
    append(&panel, &p);
    let body = el(doc, "div", "body", None);

    append(&body, &el(doc, "h3", "", Some("Who speaks")));
    let list = el(doc, "ul", "speakers", None);
    let _ = list.set_attribute("aria-label", "Who speaks");
    let others: Vec<usize> = (0..r.speakers.len())
        .filter(|&i| styles[i].is_none())
        .collect();
    let said: Vec<usize> = r.by_speaker().iter().map(Vec::len).collect();
    for (i, s) in r.speakers.iter().enumerate() {
        if styles[i].is_some() {
            append(&list, &speaker_item(doc, s, said[i], styles[i]));
        }
    }
    append(&body, &list);
    let mut others_list = None;
    if !others.is_empty() {
        // Past 32 speakers: the minor ones, in one neutral style, folded away.
        let details = el(doc, "details", "others", None);
        append(
            &details,
            &el(
                doc,
                "summary",
                "",
                Some(&format!("Others ({})", others.len())),
            ),
        );
        let list = el(doc, "ul", "speakers", None);
        let _ = list.set_attribute("aria-label", "Other speakers");
        append(&details, &list);
        append(&body, &details);
        others_list = Some(list);
    }
    if r.speakers.is_empty() {
        append(
            &body,
            &el(doc, "p", "empty", Some("No attributed statements found.")),
        );
    }

    append(&body, &el(doc, "h3", "", Some("Disputed claims")));
    let list = el(doc, "ul", "disputes", None);
    let _ = list.set_attribute("aria-label", "Disputed claims");
    append(&body, &list);
    let rest = Rest {
        others: others_list,
        other: others,
        said,
        next_other: 0,
        disputes: list,
        next_dispute: 0,
        index: None,
    };
    if r.disputes.is_empty() {
        append(
            &body,
            &el(doc, "p", "empty", Some("No disputed claims found.")),
        );
    }

    append(&body, &el(doc, "h3", "", Some("The sources at a glance")));
    append(&body, &glance(doc, r, styles));

    let fs = el(doc, "fieldset", "", None);
    append(&fs, &el(doc, "legend", "", Some("Show")));
    let toggle = |name: &str, label: &str, checked: bool| {
        let l = el(doc, "label", "", None);
        let input = el(doc, "input", "", None);
        set(&input, &[("type", "checkbox"), ("name", name)]);
        if checked {
            let _ = input.set_attribute("checked", "");
        }
        append(&l, &input);
        let _ = l.append_with_str_1(label);
        append(&fs, &l);
    };
    for layer in Layer::ALL {
        toggle(layer.name(), layer.label(), true);
    }
    toggle(ALL_MENTIONS, "All mentions", false);
    append(&body, &fs);

    let actions = el(doc, "div", "actions", None);
    for (action, label, aria) in [
        (
            "copy",
            "Copy",
            "Copy a plain-text summary (speakers, statements, disputes) to the clipboard",
        ),
        ("json", "JSON", "Download the report as a JSON file"),
    ] {
        let b = el(doc, "button", "action", Some(label));
        set(
            &b,
            &[
                ("type", "button"),
                ("data-action", action),
                ("aria-label", aria),
            ],
        );
        append(&actions, &b);
    }
    let status = el(doc, "span", "status", None);
    let _ = status.set_attribute("role", "status");
    append(&actions, &status);
    append(&body, &actions);
    append(
        &body,
        &el(
            doc,
            "p",
            "note",
            Some("Found in your browser by whosaid; nothing is sent anywhere. Esc closes."),
        ),
    );
    append(&panel, &body);
    (panel, rest)
}

/// The name of the "All mentions" checkbox.
pub(crate) const ALL_MENTIONS: &str = "all-mentions";

/// One speaker's button: swatch, name, statements, role.
fn speaker_item(doc: &Document, s: &Speaker, n: usize, style: Style) -> Element {
    let li = el(doc, "li", "", None);
    let b = el(doc, "button", "speaker", None);
    set(&b, &[("type", "button"), ("data-speaker", &s.id.0)]);
    let _ = b.set_attribute(
        "aria-label",
        &format!(
            "{}, {}: go to the next statement",
            who(s),
            plural(n, "statement", "statements")
        ),
    );
    append(
        &b,
        &el(
            doc,
            "span",
            &format!("swatch {}", style_class(style, "")),
            None,
        ),
    );
    append(&b, &el(doc, "span", "name", Some(&s.name)));
    append(
        &b,
        &el(
            doc,
            "span",
            "count",
            Some(&plural(n, "statement", "statements")),
        ),
    );
    if let Some(role) = &s.role {
        append(&b, &el(doc, "span", "role", Some(role)));
    }
    append(&li, &b);
    li
}

const SVG: Option<&str> = Some("http://www.w3.org/2000/svg");

fn svg(doc: &Document, tag: &str, attrs: &[(&str, &str)]) -> Element {
    let e = doc
        .create_element_ns(SVG, tag)
        .expect("a valid SVG tag name");
    set(&e, attrs);
    e
}

/// The sources at a glance: a bar per speaker with the words attributed to them (the minor
/// speakers past 32 as one "Others" bar), then the kinds of source, the share of statements
/// from anonymous sources, and the disputes and hedges. The figures are the report's
/// `summary`.
fn glance(doc: &Document, r: &Report, styles: &[Style]) -> Element {
    let box_ = el(doc, "div", "glance", None);
    let sum = &r.summary;
    let words = |i: usize| sum.words.get(i).map_or(0, |w| w.words);
    // (label, words, style), most words first.
    let mut bars: Vec<(String, u32, Style)> = (0..r.speakers.len())
        .filter(|&i| styles[i].is_some())
        .map(|i| (r.speakers[i].name.clone(), words(i), styles[i]))
        .collect();
    let others: Vec<usize> = (0..r.speakers.len())
        .filter(|&i| styles[i].is_none())
        .collect();
    if !others.is_empty() {
        bars.push((
            format!("Others ({})", others.len()),
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
        let height = (bars.len() * ROW).to_string();
        let chart = svg(
            doc,
            "svg",
            &[
                ("class", "chart"),
                ("viewBox", &format!("0 0 320 {height}")),
                ("role", "img"),
                ("aria-label", "Words attributed to each speaker"),
            ],
        );
        for (k, (label, n, style)) in bars.iter().enumerate() {
            let y = k * ROW;
            let g = svg(doc, "g", &[("class", "bar")]);
            let title = svg(doc, "title", &[]);
            title.set_text_content(Some(&format!(
                "{label}: {}",
                plural(*n as usize, "word", "words")
            )));
            append(&g, &title);
            let name = svg(
                doc,
                "text",
                &[("x", "0"), ("y", &(y + 13).to_string()), ("class", "label")],
            );
            name.set_text_content(Some(&excerpt(label, 18)));
            append(&g, &name);
            let w = (*n as usize * 150).div_ceil(max as usize).max(1);
            let rect = svg(
                doc,
                "rect",
                &[
                    ("x", "128"),
                    ("y", &(y + 3).to_string()),
                    ("width", &w.to_string()),
                    ("height", "12"),
                    ("rx", "2"),
                    ("class", &style_class(*style, "")),
                ],
            );
            append(&g, &rect);
            let num = svg(
                doc,
                "text",
                &[
                    ("x", &(128 + w + 4).to_string()),
                    ("y", &(y + 13).to_string()),
                    ("class", "num"),
                ],
            );
            num.set_text_content(Some(&n.to_string()));
            append(&g, &num);
            append(&chart, &g);
        }
        append(&box_, &chart);
    }
    for line in [
        sum.sources(),
        sum.anonymous_line(),
        format!(
            "{} · {}",
            plural(sum.disputes as usize, "disputed claim", "disputed claims"),
            plural(sum.hedges as usize, "hedge", "hedges")
        ),
    ] {
        append(&box_, &el(doc, "p", "fact", Some(&line)));
    }
    box_
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
        let _ = panel.set_attribute("data-placement", &format!("docked-{side}"));
        let _ = panel.set_attribute(
            "style",
            &format!("width:{}px;{side}:{}px", width.floor() as i32, GAP as i32),
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
            &format!("width:{}px;{side}:2px", width.floor() as i32),
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
    doc: &Document,
    r: &'r Report,
    d: &Dispute,
    slice: &dyn Fn(Span) -> &'r str,
    index: Option<&Index>,
) -> Element {
    let ul = el(doc, "ul", "sides", None);
    for p in &d.positions {
        let li = el(doc, "li", "side", None);
        let speaker = match index {
            Some(ix) => ix
                .speakers
                .get(p.speaker.0.as_str())
                .map(|&k| &r.speakers[k]),
            None => r.speaker(&p.speaker),
        };
        let name = speaker.map_or("?", |s| s.name.as_str());
        append(&li, &el(doc, "span", "who", Some(name)));
        append(
            &li,
            &el(
                doc,
                "span",
                "stance",
                Some(&format!(" ({})", p.stance.verb())),
            ),
        );
        let statement = match index {
            Some(ix) => ix
                .statements
                .get(p.statement.0.as_str())
                .map(|&k| &r.statements[k]),
            None => r.statements.iter().find(|q| q.id == p.statement),
        };
        if let Some(q) = statement {
            let _ = li.append_with_str_1(&format!(": {}", excerpt(slice(q.content), 140)));
        }
        append(&ul, &li);
    }
    ul
}

/// Fills the popover for a mark showing `items`; the most specific item speaks.
pub(crate) fn fill_popover(doc: &Document, pop: &Element, r: &Report, items: &[Item]) {
    pop.set_text_content(None);
    let pick = |want: fn(&Item) -> Option<usize>| items.iter().find_map(want);
    if let Some(d) = pick(|l| match l {
        Item::Dispute(i) => Some(*i),
        _ => None,
    }) {
        let d = &r.disputes[d];
        append(pop, &el(doc, "div", "title", Some("Disputed claim")));
        append(pop, &el(doc, "div", "head", Some(&d.topic)));
        append(pop, &sides(doc, r, d, &|span| r.slice(span), None));
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
        append(
            pop,
            &el(doc, "div", "head", Some(&format!("{said_by} — {verb}"))),
        );
        append(
            pop,
            &el(doc, "div", "said", Some(&excerpt(r.slice(q.content), 220))),
        );
    } else if let Some(s) = pick(|l| match l {
        Item::Mention(i, _) => Some(*i),
        _ => None,
    }) {
        let s = &r.speakers[s];
        let n = r.statements_by(&s.id).count();
        append(pop, &el(doc, "div", "head", Some(&who(s))));
        append(
            pop,
            &el(
                doc,
                "div",
                "said",
                Some(&plural(n, "statement", "statements")),
            ),
        );
    } else if let Some(h) = pick(|l| match l {
        Item::Hedge(i) => Some(*i),
        _ => None,
    }) {
        let cue = r.slice(r.hedges[h].cue);
        append(
            pop,
            &el(
                doc,
                "div",
                "head",
                Some(&format!("Hedged (“{cue}”): uncertain, not disputed")),
            ),
        );
    }
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
        let _ = pop.set_attribute("style", &format!("max-width:{}px", p.width() as i32));
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
        let _ = st.set_property("left", &format!("{}px", left.round() as i32));
        let _ = st.set_property("top", &format!("{}px", top.round() as i32));
    }
}
