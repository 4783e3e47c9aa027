//! What the reader sees besides the marks: the panel and the popover, inside one shadow root
//! so that neither the page's CSS nor the widget's leaks across. Built with DOM calls only:
//! page text is only ever set as text content, never parsed as HTML.

use super::collect::OWN_ATTR;
use super::marks::{Item, Layer};
use crate::report::plural;
use crate::{Dispute, Report, Speaker, StatementKind};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// Number of speaker colours (each with its own underline style).
pub(crate) const COLOURS: usize = 8;

pub(crate) struct Ui {
    pub host: Element,
    pub shadow: ShadowRoot,
    pub popover: Element,
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

/// "Sergey Lavrov — Russian Foreign Minister"
fn who(s: &Speaker) -> String {
    match &s.role {
        Some(r) => format!("{} — {r}", s.name),
        None => s.name.clone(),
    }
}

/// Builds the shadow host (appended to `<body>`), the panel (when asked) and the popover.
pub(crate) fn build(doc: &Document, report: &Report, panel: bool) -> Option<Ui> {
    let body = doc.body()?;
    let host = doc.create_element("div").ok()?;
    host.set_attribute(OWN_ATTR, "panel").ok()?;
    host.set_id("whosaid-panel");
    let init = ShadowRootInit::new(ShadowRootMode::Open);
    let shadow = host.attach_shadow(&init).ok()?;
    let style = el(doc, "style", "", Some(include_str!("panel.css")));
    shadow.append_child(&style).ok()?;
    if panel {
        shadow.append_child(&panel_element(doc, report)).ok()?;
    }
    let popover = el(doc, "div", "popover", None);
    popover.set_attribute("role", "status").ok()?;
    popover.set_attribute("aria-live", "polite").ok()?;
    popover.set_attribute("hidden", "").ok()?;
    shadow.append_child(&popover).ok()?;
    body.append_child(&host).ok()?;
    Some(Ui {
        host,
        shadow,
        popover,
    })
}

fn panel_element(doc: &Document, r: &Report) -> Element {
    let panel = el(doc, "section", "panel", None);
    let _ = panel.set_attribute("role", "complementary");
    let _ = panel.set_attribute("aria-label", "whosaid: who speaks and what is disputed");
    let header = el(doc, "header", "", None);
    append(&header, &el(doc, "h2", "", Some("Who said what")));
    let collapse = el(doc, "button", "icon", Some("–"));
    let _ = collapse.set_attribute("type", "button");
    let _ = collapse.set_attribute("data-action", "collapse");
    let _ = collapse.set_attribute("aria-expanded", "true");
    let _ = collapse.set_attribute("aria-label", "Minimise the whosaid panel");
    append(&header, &collapse);
    let close = el(doc, "button", "close", Some("×"));
    let _ = close.set_attribute("type", "button");
    let _ = close.set_attribute("data-action", "close");
    let _ = close.set_attribute("aria-label", "Close whosaid and remove its highlights");
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
    for (i, s) in r.speakers.iter().enumerate() {
        let n = r.statements_by(&s.id).count();
        let li = el(doc, "li", "", None);
        let b = el(doc, "button", "speaker", None);
        let _ = b.set_attribute("type", "button");
        let _ = b.set_attribute("data-speaker", &s.id.0);
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
            &el(doc, "span", &format!("swatch c{}", i % COLOURS), None),
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
        append(&list, &li);
    }
    append(&body, &list);
    if r.speakers.is_empty() {
        append(
            &body,
            &el(doc, "p", "empty", Some("No attributed statements found.")),
        );
    }

    append(&body, &el(doc, "h3", "", Some("Disputed claims")));
    let list = el(doc, "ul", "disputes", None);
    let _ = list.set_attribute("aria-label", "Disputed claims");
    for d in &r.disputes {
        let li = el(doc, "li", "dispute", None);
        let b = el(doc, "button", "claim", Some(&d.topic));
        let _ = b.set_attribute("type", "button");
        let _ = b.set_attribute("data-dispute", &d.id.0);
        let _ = b.set_attribute(
            "aria-label",
            &format!("Disputed: {}. Go to the claim", d.topic),
        );
        append(&li, &b);
        append(&li, &sides(doc, r, d));
        append(&list, &li);
    }
    append(&body, &list);
    if r.disputes.is_empty() {
        append(
            &body,
            &el(doc, "p", "empty", Some("No disputed claims found.")),
        );
    }

    let fs = el(doc, "fieldset", "", None);
    append(&fs, &el(doc, "legend", "", Some("Show")));
    for layer in Layer::ALL {
        let l = el(doc, "label", "", None);
        let input = el(doc, "input", "", None);
        let _ = input.set_attribute("type", "checkbox");
        let _ = input.set_attribute("name", layer.name());
        let _ = input.set_attribute("checked", "");
        append(&l, &input);
        let _ = l.append_with_str_1(layer.label());
        append(&fs, &l);
    }
    append(&body, &fs);
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
    panel
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

/// Each side of a dispute: "Rex Tillerson (contradicts): Trump pushed back".
fn sides(doc: &Document, r: &Report, d: &Dispute) -> Element {
    let ul = el(doc, "ul", "sides", None);
    for p in &d.positions {
        let li = el(doc, "li", "side", None);
        let name = r.speaker(&p.speaker).map_or("?", |s| s.name.as_str());
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
        if let Some(q) = r.statements.iter().find(|q| q.id == p.statement) {
            let _ = li.append_with_str_1(&format!(": {}", excerpt(r.slice(q.content), 140)));
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
        append(pop, &sides(doc, r, d));
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
        Item::Mention(i) => Some(*i),
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

/// Places the popover under (or above) `mark`, inside the viewport.
pub(crate) fn place_popover(pop: &Element, mark: &Element) {
    let rect = mark.get_bounding_client_rect();
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
    let (pw, ph) = (
        f64::from(pop.client_width()),
        f64::from(pop.client_height()),
    );
    let left = rect.left().min(vw - pw - 8.0).max(8.0);
    let top = if rect.bottom() + ph + 8.0 < vh {
        rect.bottom() + 6.0
    } else {
        (rect.top() - ph - 6.0).max(8.0)
    };
    if let Some(h) = pop.dyn_ref::<web_sys::HtmlElement>() {
        let st = h.style();
        // Whole pixels: keeps float formatting out of the wasm.
        let _ = st.set_property("left", &format!("{}px", left.round() as i32));
        let _ = st.set_property("top", &format!("{}px", top.round() as i32));
    }
}
