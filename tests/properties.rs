//! Properties of every report, on generated news-like text: sentences built from names,
//! titles, quotation marks of every kind, speech verbs, punctuation, emoji, combining marks,
//! right-to-left and CJK text, non-breaking and zero-width spaces, and line and paragraph
//! breaks, in the shapes news copy uses and in random order.
//!
//! For each text, plain and as HTML paragraphs:
//! - every span lies inside `text`, at UTF-16 positions that split no surrogate pair (so on
//!   char boundaries of the UTF-8 text), and `Report::slice` reads exactly those code units;
//! - every id the report refers to resolves (`Report::check`);
//! - statements come in text order, and two statements' contents within one block each are
//!   either apart or one holds the other (never a partial overlap). A quotation that runs on
//!   over paragraphs is one statement across blocks, and may overlap partly a statement of a
//!   paragraph it runs into ("… said Ann Lee.\n\n\"The rest,\" she said, according to …").
//!   A cue may lie inside its own content: "The ferry, according to Ann Lee, will run" is all
//!   of it what Ann Lee says.
//! - blocks are in order and do not overlap; mentions of a speaker are sorted and distinct;
//! - the output is deterministic: analysing the same text twice gives the same JSON.
//!
//! Run alone: `cargo test --release --test properties` (`PROPTEST_CASES=N` to change the
//! number of cases, `PROPTEST_RNG_SEED=N` to draw other cases).

use proptest::prelude::*;
use whosaid::{analyze, Document, Report, Span};

/// Cases per property when `PROPTEST_CASES` is not set: the whole file runs in a few seconds
/// in release.
const CASES: u32 = 1000;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(cases),
        // The same cases on every run (`PROPTEST_RNG_SEED=N` for others), so that a failure in
        // `npm test` is seen again by whoever runs it next.
        rng_seed: proptest::test_runner::RngSeed::Fixed(
            std::env::var("PROPTEST_RNG_SEED")
                .ok()
                .and_then(|c| c.parse().ok())
                .unwrap_or(9),
        ),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

const NAMES: &[&str] = &[
    "Ann Lee",
    "Ivo Marsh",
    "Dalia Renko",
    "Zoe\u{301} Marti\u{301}nez",
    "René Colbe",
    "Samer Haddad",
    "سامر حداد",
    "נועה ברק",
    "林晓明",
    "田中",
    "Oskar Brandt Jr.",
    "Petra O'Neill",
    "the Port Authority",
    "officials",
    "a spokeswoman",
    "critics",
    "He",
    "She",
    "they",
];

const TITLES: &[&str] = &[
    "",
    "Mayor ",
    "Dr. ",
    "Ms. ",
    "Mr. ",
    "Captain ",
    "Councillor ",
    "Harbour Commissioner ",
    "Lt. Gen. ",
];

const QUOTES: &[(&str, &str)] = &[
    ("\"", "\""),
    ("“", "”"),
    ("‘", "’"),
    ("'", "'"),
    ("„", "“"),
    ("«\u{a0}", "\u{a0}»"),
    ("«", "»"),
    ("»", "«"),
    ("「", "」"),
    ("“", ""),
    ("", "”"),
    ("\"", ""),
];

const CUES: &[&str] = &[
    "said",
    "says",
    "told reporters",
    "added",
    "denied",
    "claimed",
    "insisted",
    "questioned",
    "rejected",
    "warned",
    "according to",
    "sagte",
    "a déclaré",
];

const CLAUSES: &[&str] = &[
    "the bridge was safe",
    "the ferry 🚢 would run on Sunday",
    "the café would close",
    "the talks were continuing",
    "fares may rise",
    "they had reportedly left",
    "nothing was ‘wrong’ at all",
    "the pier 👷🏽\u{200d}♀️ opens in May",
    "渡轮将在周日恢复",
    "الجسر آمن",
    "הגשר בטוח",
    "Nai\u{308}ve plans 😀 fail",
    "the flag 🇺🇳 flew",
    "x",
];

const GLUE: &[&str] = &[
    " ", " ", " ", "\u{a0}", "\u{200b}", "\u{202f}", "\u{feff}", "\n", "\n\n", "\r\n\r\n",
    " \n \n", "\t",
];

const SOUP: &[&str] = &[
    ".",
    ",",
    "!",
    "?",
    "…",
    ";",
    ":",
    "—",
    "(",
    ")",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "„",
    "«",
    "»",
    "‹",
    "›",
    "「",
    "」",
    "said",
    "according to",
    "denied",
    "that",
    "Mayor",
    "Lee",
    "😀",
    "👨\u{200d}👩\u{200d}👧",
    "e\u{301}",
    "\u{301}",
    "\u{200f}",
    "\u{202e}",
    "中",
    "ا",
    "\u{a0}",
    "\u{200b}",
    "\n",
    "\n\n",
    " ",
    "Dr.",
    "U.S.",
    "Inc.",
    "𝔘",
    "\u{fffd}",
];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    prop::sample::select(list)
}

/// One sentence, in one of the shapes news copy uses, or a random run of fragments.
fn sentence() -> impl Strategy<Value = String> {
    let quote = prop::sample::select(QUOTES);
    prop_oneof![
        // "“…,” said Mayor Ann Lee."
        (
            quote.clone(),
            pick(CLAUSES),
            pick(CUES),
            pick(TITLES),
            pick(NAMES)
        )
            .prop_map(|((o, c), clause, cue, title, name)| format!(
                "{o}{clause},{c} {cue} {title}{name}."
            )),
        // "Mayor Ann Lee said the bridge was safe."
        (pick(TITLES), pick(NAMES), pick(CUES), pick(CLAUSES))
            .prop_map(|(title, name, cue, clause)| format!("{title}{name} {cue} {clause}.")),
        // "Ann Lee said: “…”"
        (pick(NAMES), pick(CUES), quote.clone(), pick(CLAUSES))
            .prop_map(|(name, cue, (o, c), clause)| format!("{name} {cue}: {o}{clause}.{c}")),
        // "Ann Lee denied that the bridge was “perfectly safe”."
        (
            pick(NAMES),
            pick(CUES),
            pick(CLAUSES),
            quote.clone(),
            pick(CLAUSES)
        )
            .prop_map(|(name, cue, clause, (o, c), inner)| format!(
                "{name} {cue} that {clause}, {o}{inner}{c}."
            )),
        // "The bridge was safe, according to Ann Lee."
        (pick(CLAUSES), pick(TITLES), pick(NAMES))
            .prop_map(|(clause, title, name)| format!("{clause}, according to {title}{name}.")),
        // A random run of fragments.
        prop::collection::vec(pick(SOUP), 0..24).prop_map(|v| v.join("")),
    ]
}

/// An article: sentences joined by spaces, line breaks and paragraph breaks.
fn article() -> impl Strategy<Value = String> {
    prop::collection::vec((sentence(), pick(GLUE)), 1..14).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(s, glue)| s + glue)
            .collect::<String>()
    })
}

/// The same article as an HTML page: each paragraph a `<p>`, the text escaped.
fn html_of(text: &str) -> String {
    let mut html = String::from("<html><body><article>");
    for para in text.split("\n\n") {
        html.push_str("<p>");
        for c in para.chars() {
            match c {
                '<' => html.push_str("&lt;"),
                '&' => html.push_str("&amp;"),
                '\n' => html.push_str("<br>"),
                c => html.push(c),
            }
        }
        html.push_str("</p>");
    }
    html.push_str("</article></body></html>");
    html
}

/// Every span of the report with a label for messages.
fn spans(r: &Report) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    for b in &r.blocks {
        out.push(("block".to_string(), Span::new(b.start, b.end)));
    }
    for s in &r.speakers {
        for &m in &s.mentions {
            out.push((format!("speaker {} mention", s.id.0), m));
        }
    }
    for st in &r.statements {
        let at = &st.id.0;
        out.push((format!("{at} cue"), st.cue));
        out.push((format!("{at} content"), st.content));
        if let Some(s) = st.source {
            out.push((format!("{at} source"), s));
        }
    }
    for d in &r.disputes {
        out.push((format!("{} claim", d.id.0), d.claim));
    }
    for h in &r.hedges {
        out.push(("hedge cue".to_string(), h.cue));
        out.push(("hedge sentence".to_string(), h.sentence));
    }
    out
}

fn inside(outer: Span, inner: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Every property of one report; `Err` says which failed and where.
fn holds(r: &Report) -> Result<(), String> {
    r.check()?;
    let units: Vec<u16> = r.text.encode_utf16().collect();
    for (what, span) in spans(r) {
        if span.start > span.end || span.end as usize > units.len() {
            return Err(format!("{what} {span:?} outside the text"));
        }
        for at in [span.start, span.end] {
            if units
                .get(at as usize)
                .is_some_and(|u| (0xDC00..0xE000).contains(u))
            {
                return Err(format!("{what} {span:?} splits a surrogate pair at {at}"));
            }
        }
        let expected = String::from_utf16(&units[span.start as usize..span.end as usize])
            .map_err(|e| format!("{what} {span:?}: {e}"))?;
        if r.slice(span) != expected {
            return Err(format!(
                "{what} {span:?}: slice {:?}, code units {expected:?}",
                r.slice(span)
            ));
        }
    }
    for w in r.blocks.windows(2) {
        if w[0].end > w[1].start {
            return Err(format!("blocks overlap or out of order: {w:?}"));
        }
    }
    for s in &r.speakers {
        if s.mentions.windows(2).any(|w| w[0] >= w[1]) {
            return Err(format!(
                "speaker {}: mentions not sorted and distinct",
                s.id.0
            ));
        }
    }
    for w in r.statements.windows(2) {
        let (a, b) = (w[0].content, w[1].content);
        if (a.start, a.end) > (b.start, b.end) {
            return Err(format!("{} and {} out of text order", w[0].id.0, w[1].id.0));
        }
    }
    for (i, a) in r.statements.iter().enumerate() {
        for b in &r.statements[i + 1..] {
            let (x, y) = (a.content, b.content);
            let one_block = |s: Span| {
                r.blocks
                    .iter()
                    .any(|b| b.start <= s.start && s.end <= b.end)
            };
            if x.overlaps(y) && !inside(x, y) && !inside(y, x) && one_block(x) && one_block(y) {
                return Err(format!(
                    "{} {:?} and {} {:?} overlap partly: {:?} / {:?}",
                    a.id.0,
                    x,
                    b.id.0,
                    y,
                    r.slice(x),
                    r.slice(y)
                ));
            }
        }
    }
    Ok(())
}

fn analysed_twice(doc: &Document) -> Result<Report, String> {
    let first = analyze(doc);
    let again = analyze(doc);
    let (a, b) = (
        serde_json::to_string(&first).unwrap(),
        serde_json::to_string(&again).unwrap(),
    );
    if a != b {
        return Err(format!("not deterministic:\n{a}\n{b}"));
    }
    Ok(first)
}

proptest! {
    #![proptest_config(config(CASES))]

    #[test]
    fn reports_of_text_hold_together(text in article()) {
        if let Ok(doc) = Document::from_text(text.as_str()) {
            let r = analysed_twice(&doc).map_err(TestCaseError::fail)?;
            prop_assert_eq!(&r.text, &text);
            holds(&r).map_err(TestCaseError::fail)?;
            // A document made afresh from the same text gives the same report.
            let again = analyze(&Document::from_text(text.as_str()).unwrap());
            prop_assert_eq!(again, r);
        }
    }
}

proptest! {
    #![proptest_config(config(CASES / 3))]

    #[test]
    fn reports_of_html_hold_together(text in article()) {
        if let Ok(doc) = Document::from_html(&html_of(&text)) {
            let r = analysed_twice(&doc).map_err(TestCaseError::fail)?;
            holds(&r).map_err(TestCaseError::fail)?;
        }
    }
}

/// The properties catch what they claim to: a report broken on purpose fails them.
#[test]
fn a_broken_report_fails_the_properties() {
    let doc = Document::from_text(
        "“The ferry 🚢 is late,” said Captain Ivo Marsh. Marsh said the fares would rise.",
    )
    .unwrap();
    let good = analyze(&doc);
    assert_eq!(holds(&good), Ok(()));
    assert_eq!(good.statements.len(), 2);

    // A span that ends inside the ship emoji's surrogate pair.
    let mut r = good.clone();
    let ship = r.text.encode_utf16().position(|u| u == 0xD83D).unwrap() as u32;
    r.statements[0].content.end = ship + 1;
    assert!(holds(&r).unwrap_err().contains("splits a surrogate pair"));

    // Two contents that overlap partly.
    let mut r = good.clone();
    r.statements[1].content.start = r.statements[0].content.end - 3;
    assert!(holds(&r).unwrap_err().contains("overlap partly"));

    // A statement whose speaker is not in the report.
    let mut r = good;
    r.statements[1].speaker.0 = "s9".to_string();
    assert_eq!(holds(&r), Err("statement q2: no speaker s9".to_string()));
}
