//! What every fuzz target asserts of a report: it holds together (`Report::check`), and every
//! span lies inside the text on UTF-16 positions that split no surrogate pair, so that
//! `Report::slice` reads whole characters and the browser marks whole characters.

use whosaid::{Report, Span};

/// Panics (a finding for libFuzzer) when a span of the report is out of place.
pub fn report(report: &Report) {
    if let Err(e) = report.check() {
        panic!("report.check(): {e}");
    }
    let units: Vec<u16> = report.text.encode_utf16().collect();
    let mut spans: Vec<(&str, Span)> = Vec::new();
    for b in &report.blocks {
        spans.push(("block", Span::new(b.start, b.end)));
    }
    for s in &report.speakers {
        spans.extend(s.mentions.iter().map(|&m| ("mention", m)));
    }
    for st in &report.statements {
        spans.push(("cue", st.cue));
        spans.push(("content", st.content));
        spans.extend(st.source.map(|s| ("source", s)));
    }
    for d in &report.disputes {
        spans.push(("claim", d.claim));
    }
    for h in &report.hedges {
        spans.push(("hedge cue", h.cue));
        spans.push(("hedge sentence", h.sentence));
    }
    for (what, span) in spans {
        assert!(
            span.start <= span.end && span.end as usize <= units.len(),
            "{what} {span:?} outside the text ({} units)",
            units.len()
        );
        for at in [span.start, span.end] {
            let splits = units
                .get(at as usize)
                .is_some_and(|&u| (0xDC00..0xE000).contains(&u));
            assert!(!splits, "{what} {span:?} splits a surrogate pair at {at}");
        }
        // The same text, read independently of the crate's own mapping.
        let expected = String::from_utf16(&units[span.start as usize..span.end as usize])
            .expect("a span that splits no pair is whole characters");
        assert_eq!(report.slice(span), expected, "{what} {span:?}");
    }
    for pair in report.blocks.windows(2) {
        assert!(
            pair[0].end <= pair[1].start,
            "blocks out of order: {pair:?}"
        );
    }
}
