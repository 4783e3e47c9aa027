//! Renderings of a report: a readable text summary (the CLI's `--format text`, and what the
//! panel's "Copy" button puts on the clipboard: one implementation for both), and for the CLI a
//! static HTML page with statements, speakers and disputes marked up (no script; everything
//! escaped). The browser draws its own highlights (`dom`).

use crate::list::Listed;
use crate::report::{plural, Report};
use std::fmt::Write;

/// A readable summary: the counts and the sources at a glance, speakers with roles, words and
/// statements, then each dispute with its sides.
///
/// ```
/// use whosaid::{analyze, render, Document};
///
/// let report = analyze(&Document::from_text("\"Soon,\" said Captain Ivo Marsh.")?);
/// assert_eq!(
///     render::text(&report),
///     "1 speaker, 1 statement, 0 disputed claims, 0 hedges\n\
///      Sources: 1 person, 0 organisations, 0 groups, 0 anonymous sources\n\
///      0 of 1 statement (0%) from anonymous sources\n\
///      \n\
///      Ivo Marsh — Captain (person, 1 word)\n\
///     \x20 [direct] said: \"Soon,\"\n",
/// );
/// # Ok::<(), whosaid::Error>(())
/// ```
pub fn text(r: &Report) -> String {
    // Pushes, not `write!`: the browser build copies this text and carries no `core::fmt`.
    let mut out = String::new();
    let slice = r.slicer();
    let said = r.by_speaker();
    let put = |out: &mut String, parts: &[&str]| parts.iter().for_each(|p| out.push_str(p));
    put(&mut out, &[&crate::report::join(&r.counts(), ", "), "\n"]);
    put(&mut out, &["Sources: ", &r.summary.sources(), "\n"]);
    put(&mut out, &[&r.summary.anonymous_line(), "\n"]);
    for (i, s) in r.speakers.iter().enumerate() {
        let words = r.summary.words.get(i).map_or(0, |w| w.words as usize);
        put(&mut out, &["\n", &s.name]);
        if let Some(role) = s.role.as_deref() {
            put(&mut out, &[" — ", role]);
        }
        put(
            &mut out,
            &[
                " (",
                s.kind.name(),
                ", ",
                &plural(words, "word", "words"),
                ")\n",
            ],
        );
        for st in &said[i] {
            put(
                &mut out,
                &[
                    "  [",
                    st.kind.name(),
                    "] ",
                    slice(st.cue),
                    ": ",
                    &one_line(slice(st.content)),
                    "\n",
                ],
            );
        }
    }
    for d in &r.disputes {
        put(&mut out, &["\nDisputed: ", &d.topic, "\n"]);
        put(&mut out, &["  claim: ", &one_line(slice(d.claim)), "\n"]);
        for p in &d.positions {
            let who = r.speaker(&p.speaker).map_or("?", |s| s.name.as_str());
            let what = r.statement(&p.statement).map_or("", |st| slice(st.content));
            put(
                &mut out,
                &["  ", who, " ", p.stance.verb(), ": ", &one_line(what), "\n"],
            );
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().listed().join(" ")
}

/// Escapes text for HTML content and attribute values.
///
/// ```
/// assert_eq!(
///     whosaid::render::escape(r#"<b class="x">Tom & Jo's</b>"#),
///     "&lt;b class=&quot;x&quot;&gt;Tom &amp; Jo&#39;s&lt;/b&gt;",
/// );
/// ```
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const PALETTE: &[&str] = &[
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#7a5195", "#4d4d4d",
];

/// A standalone HTML page: the article with marks, and a legend of speakers and disputes.
///
/// ```
/// use whosaid::{analyze, render, Document};
///
/// let report = analyze(&Document::from_text("\"Soon,\" said Captain Ivo Marsh. <b>Soon</b>?")?);
/// let page = render::html(&report);
/// assert!(page.starts_with("<!doctype html>"));
/// assert!(page.contains(r#"<span class="st s0" title="Ivo Marsh">&quot;Soon,&quot;</span>"#));
/// // The article's text is escaped, never taken as markup.
/// assert!(page.contains("&lt;b&gt;Soon&lt;/b&gt;?") && !page.contains("<b>Soon"));
/// # Ok::<(), whosaid::Error>(())
/// ```
pub fn html(r: &Report) -> String {
    // Events at UTF-16 offsets: (offset, order, tag). Closing tags sort before opening ones.
    let mut events: Vec<(u32, u8, String)> = Vec::new();
    for st in &r.statements {
        // A report from `analyze` has no dangling ids (see `Report::check`).
        let Some(i) = r.speaker_index(&st.speaker) else {
            continue;
        };
        events.push((
            st.content.start,
            2,
            format!(
                "<span class=\"st s{}\" title=\"{}\">",
                i % PALETTE.len(),
                escape(&r.speakers[i].name)
            ),
        ));
        events.push((st.content.end, 0, "</span>".into()));
    }
    for (i, s) in r.speakers.iter().enumerate() {
        for m in &s.mentions {
            events.push((
                m.start,
                3,
                format!("<b class=\"sp s{}\">", i % PALETTE.len()),
            ));
            events.push((m.end, 0, "</b>".into()));
        }
    }
    for d in &r.disputes {
        events.push((
            d.claim.start,
            1,
            format!("<mark class=\"dispute\" title=\"{}\">", escape(&d.topic)),
        ));
        events.push((d.claim.end, 0, "</mark>".into()));
    }
    events.sort_by_key(|e| (e.0, e.1));
    let mut body = String::new();
    let mut units = 0u32;
    let mut ev = events.iter().peekable();
    let mut open: Vec<&str> = Vec::new();
    let mut buf = [0u16; 2];
    for c in r.text.chars() {
        while let Some(e) = ev.next_if(|e| e.0 <= units) {
            emit(&mut body, &mut open, &e.2);
        }
        match c {
            '\n' => body.push_str("<br>"),
            _ => body.push_str(&escape(
                c.encode_utf16(&mut buf)
                    .iter()
                    .map(|_| c)
                    .take(1)
                    .collect::<String>()
                    .as_str(),
            )),
        }
        units += c.len_utf16() as u32;
    }
    for e in ev {
        emit(&mut body, &mut open, &e.2);
    }
    let mut css = String::from("body{font:17px/1.6 Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;color:#222}.st{border-bottom:2px solid}.sp{font-weight:600;background:#f2f2f2}mark.dispute{background:#fff3c4;text-decoration:underline wavy #b00020}aside{border-top:1px solid #ccc;margin-top:2em;font-family:system-ui,sans-serif;font-size:15px}");
    for (i, c) in PALETTE.iter().enumerate() {
        let _ = write!(css, ".st.s{i}{{border-color:{c}}}.sp.s{i}{{color:{c}}}");
    }
    let mut legend = String::from("<h2>Who speaks</h2><ul>");
    for (i, s) in r.speakers.iter().enumerate() {
        let role = s
            .role
            .as_deref()
            .map(|r| format!(" — {}", escape(r)))
            .unwrap_or_default();
        let _ = write!(
            legend,
            "<li><b class=\"sp s{}\">{}</b>{role} ({} statements)</li>",
            i % PALETTE.len(),
            escape(&s.name),
            r.statements_by(&s.id).count()
        );
    }
    legend.push_str("</ul><h2>Disputed claims</h2><ul>");
    for d in &r.disputes {
        let _ = write!(
            legend,
            "<li><mark class=\"dispute\">{}</mark><ul>",
            escape(&d.topic)
        );
        for p in &d.positions {
            let who = r.speaker(&p.speaker).map_or("?", |s| s.name.as_str());
            let what = r
                .statement(&p.statement)
                .map_or("", |st| r.slice(st.content));
            let _ = write!(
                legend,
                "<li>{} {}: {}</li>",
                escape(who),
                p.stance.verb(),
                escape(&one_line(what))
            );
        }
        legend.push_str("</ul></li>");
    }
    legend.push_str("</ul>");
    format!("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>whosaid report</title><style>{css}</style></head><body><article>{body}</article><aside>{legend}</aside></body></html>\n")
}

/// Writes a tag, keeping nesting valid: a closing tag closes the innermost open element; marks
/// that overlap are closed and reopened around it.
fn emit(body: &mut String, open: &mut Vec<&'static str>, tag: &str) {
    let name: &'static str = if tag.starts_with("<span") || tag == "</span>" {
        "span"
    } else if tag.starts_with("<b") || tag == "</b>" {
        "b"
    } else {
        "mark"
    };
    if !tag.starts_with("</") {
        open.push(name);
        body.push_str(tag);
        return;
    }
    // Close down to the matching element, then reopen what was inside it (plainly).
    let Some(pos) = open.iter().rposition(|n| *n == name) else {
        return;
    };
    let inner: Vec<&str> = open.drain(pos..).collect();
    for n in inner.iter().rev() {
        let _ = write!(body, "</{n}>");
    }
    for n in &inner[1..] {
        let _ = write!(body, "<{n}>");
        open.push(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, Document};

    #[test]
    fn html_escapes_page_text_and_has_no_script() {
        let r = analyze(
            &Document::from_text("\"<script>alert(1)</script> & more,\" Mayor Ann Lee said.")
                .unwrap(),
        );
        let h = html(&r);
        assert!(!h.contains("<script>"));
        assert!(h.contains("&lt;script&gt;"));
        assert!(h.contains("Ann Lee"));
    }

    #[test]
    fn text_lists_speakers_and_disputes() {
        let r = analyze(
            &Document::from_text("The union said the plant would close. Velmar Inc. denied it.")
                .unwrap(),
        );
        let t = text(&r);
        assert!(t.contains("Velmar Inc."));
        assert!(t.contains("Disputed:"));
    }
}
