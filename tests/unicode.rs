//! Text beyond ASCII: emoji (astral characters, two UTF-16 code units each, and ZWJ
//! sequences), combining marks, right-to-left text, CJK, non-breaking and zero-width spaces,
//! and quotation marks of every style (curly, low-9 „…“, guillemets «…» and »…«). Each test
//! gives the whole statement, its speaker and its source exactly, and checks the UTF-16 offsets
//! the browser receives against offsets counted here, independently of the crate.
//!
//! Run alone: `cargo test --test unicode`.

use whosaid::{analyze, Document, Report, Span, StatementKind};

/// The UTF-16 span of the `nth` occurrence (from 0) of `needle` in `text`, counted here.
fn span_of(text: &str, needle: &str, nth: usize) -> Span {
    let (at, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
    let start = text[..at].encode_utf16().count() as u32;
    Span::new(start, start + needle.encode_utf16().count() as u32)
}

/// One statement as the tests state it: kind, speaker's name and role, then content, cue and
/// source as text (each the first occurrence in the article, but the source's
/// `source_nth`).
struct Expected<'a> {
    kind: StatementKind,
    speaker: &'a str,
    role: Option<&'a str>,
    content: &'a str,
    cue: &'a str,
    source: &'a str,
    /// Which occurrence of `source` in the article (from 0).
    source_nth: usize,
}

/// A statement as text: kind, speaker's name and role, content, cue, source.
type Row<'a> = (
    StatementKind,
    &'a str,
    Option<&'a str>,
    &'a str,
    &'a str,
    Option<&'a str>,
);

/// Asserts the report's statements, in order, exactly: spans included.
fn assert_statements(text: &str, expected: &[Expected]) -> Report {
    let report = analyze(&Document::from_text(text).unwrap());
    assert_eq!(report.check(), Ok(()));
    let got: Vec<Row> = report
        .statements
        .iter()
        .map(|st| {
            let sp = report.speaker(&st.speaker).unwrap();
            (
                st.kind,
                sp.name.as_str(),
                sp.role.as_deref(),
                report.slice(st.content),
                report.slice(st.cue),
                st.source.map(|s| report.slice(s)),
            )
        })
        .collect();
    let want: Vec<Row> = expected
        .iter()
        .map(|e| (e.kind, e.speaker, e.role, e.content, e.cue, Some(e.source)))
        .collect();
    assert_eq!(got, want, "{text}");
    for (st, e) in report.statements.iter().zip(expected) {
        assert_eq!(
            st.content,
            span_of(text, e.content, 0),
            "content {:?}",
            e.content
        );
        assert_eq!(
            st.source,
            Some(span_of(text, e.source, e.source_nth)),
            "source {:?}",
            e.source
        );
    }
    report
}

#[test]
fn emoji_count_two_code_units_and_stay_whole() {
    let text = "“The ferry 🚢 is late again 😤,” said Captain Ivo Marsh 👨\u{200d}✈\u{fe0f}. \
                Marsh said the crew 👷🏽\u{200d}♀️ had left.";
    let report = assert_statements(
        text,
        &[
            Expected {
                kind: StatementKind::Direct,
                speaker: "Ivo Marsh",
                role: Some("Captain"),
                content: "“The ferry 🚢 is late again 😤,”",
                cue: "said",
                source: "Captain Ivo Marsh",
                source_nth: 0,
            },
            Expected {
                kind: StatementKind::Indirect,
                speaker: "Ivo Marsh",
                role: Some("Captain"),
                content: "the crew 👷🏽\u{200d}♀️ had left",
                cue: "said",
                source: "Marsh",
                source_nth: 1,
            },
        ],
    );
    // Counted by hand: “ (1) + "The ferry " (10) + 🚢 (2) + " is late again " (15) + 😤 (2)
    // + ",”" (2) = 32 code units; the source starts after " said " (6 more).
    assert_eq!(report.statements[0].content, Span::new(0, 32));
    assert_eq!(report.statements[0].source, Some(Span::new(38, 55)));
}

#[test]
fn combining_marks_stay_with_their_letters() {
    // "Zoé Martínez" written with combining acute accents (e + U+0301).
    let text = "“The pier is safe,” said Zoe\u{301} Marti\u{301}nez. \
                Marti\u{301}nez said the cafe\u{301} would reopen.";
    let report = assert_statements(
        text,
        &[
            Expected {
                kind: StatementKind::Direct,
                speaker: "Zoe\u{301} Marti\u{301}nez",
                role: None,
                content: "“The pier is safe,”",
                cue: "said",
                source: "Zoe\u{301} Marti\u{301}nez",
                source_nth: 0,
            },
            Expected {
                kind: StatementKind::Indirect,
                speaker: "Zoe\u{301} Marti\u{301}nez",
                role: None,
                content: "the cafe\u{301} would reopen",
                cue: "said",
                source: "Marti\u{301}nez",
                source_nth: 1,
            },
        ],
    );
    assert_eq!(report.speakers.len(), 1);
    // Each combining mark is one code unit of its own.
    assert_eq!(report.statements[0].source, Some(Span::new(25, 39)));
}

#[test]
fn right_to_left_text_keeps_its_offsets() {
    let text = "“הגשר בטוח,” said Noa Barak. \
                Samer Haddad said the road to \u{200f}الميناء\u{200f} was open.";
    assert_statements(
        text,
        &[
            Expected {
                kind: StatementKind::Direct,
                speaker: "Noa Barak",
                role: None,
                content: "“הגשר בטוח,”",
                cue: "said",
                source: "Noa Barak",
                source_nth: 0,
            },
            Expected {
                kind: StatementKind::Indirect,
                speaker: "Samer Haddad",
                role: None,
                content: "the road to \u{200f}الميناء\u{200f} was open",
                cue: "said",
                source: "Samer Haddad",
                source_nth: 0,
            },
        ],
    );
}

#[test]
fn cjk_text_inside_quotes_and_after_names() {
    let text = "“渡轮将在周日恢复，”said Director Lin Xiaoming. \
                Councillor Mei Tanaka said the 港口 would stay open.";
    assert_statements(
        text,
        &[
            Expected {
                kind: StatementKind::Direct,
                speaker: "Lin Xiaoming",
                role: Some("Director"),
                content: "“渡轮将在周日恢复，”",
                cue: "said",
                source: "Director Lin Xiaoming",
                source_nth: 0,
            },
            Expected {
                kind: StatementKind::Indirect,
                speaker: "Mei Tanaka",
                role: Some("Councillor"),
                content: "the 港口 would stay open",
                cue: "said",
                source: "Councillor Mei Tanaka",
                source_nth: 0,
            },
        ],
    );
}

#[test]
fn non_breaking_and_zero_width_spaces_separate_words() {
    let text =
        "Mayor\u{a0}Ann\u{a0}Lee said\u{200b} the bridge was safe.\u{200b}“Soon,”\u{202f}she \
                said.\u{feff}";
    let report = assert_statements(
        text,
        &[
            Expected {
                kind: StatementKind::Indirect,
                speaker: "Ann Lee",
                role: Some("Mayor"),
                content: "the bridge was safe",
                cue: "said",
                source: "Mayor\u{a0}Ann\u{a0}Lee",
                source_nth: 0,
            },
            Expected {
                kind: StatementKind::Direct,
                speaker: "Ann Lee",
                role: Some("Mayor"),
                content: "“Soon,”",
                cue: "said",
                source: "she",
                source_nth: 0,
            },
        ],
    );
    // "Mayor\u{a0}Ann\u{a0}Lee said" (18) + ZWSP (1) + " the bridge was safe." (21) + ZWSP (1).
    assert_eq!(report.statements[1].content, Span::new(41, 48));
    // The name reads as one line with plain spaces (as in the panel); its mention's span is the
    // text as written, non-breaking spaces and all.
    assert_eq!(report.speakers[0].name, "Ann Lee");
}

#[test]
fn a_zero_width_space_after_a_full_stop_ends_the_sentence() {
    // Before the fix, "Lee.\u{200b}" ran on into the next sentence, and the statement's content
    // took in its own cue and source.
    let text = "The bridge was safe, according to Mayor Ann Lee.\u{200b}The tolls will rise.";
    assert_statements(
        text,
        &[Expected {
            kind: StatementKind::Indirect,
            speaker: "Ann Lee",
            role: Some("Mayor"),
            content: "The bridge was safe",
            cue: "according to",
            source: "Mayor Ann Lee",
            source_nth: 0,
        }],
    );
}

#[test]
fn curly_double_and_single_quotes() {
    let text = "“We are not finished,” said Councillor Bram Tessel. \
                ‘We will not pay,’ said Ms. Ada Quill.";
    assert_statements(
        text,
        &[
            Expected {
                kind: StatementKind::Direct,
                speaker: "Bram Tessel",
                role: Some("Councillor"),
                content: "“We are not finished,”",
                cue: "said",
                source: "Councillor Bram Tessel",
                source_nth: 0,
            },
            Expected {
                kind: StatementKind::Direct,
                speaker: "Ada Quill",
                role: None,
                content: "‘We will not pay,’",
                cue: "said",
                source: "Ms. Ada Quill",
                source_nth: 0,
            },
        ],
    );
}

#[test]
fn low_9_quotes_close_with_either_curly_mark() {
    let text = "„We will stay here“, said Mayor Ilse Varnhag.\n\n\
                Councillor Jonas Wirt said the plan was „a mess”.\n\n\
                Varnhag said: „The vote is on Friday.“";
    assert_statements(
        text,
        &[
            Expected {
                kind: StatementKind::Direct,
                speaker: "Ilse Varnhag",
                role: Some("Mayor"),
                content: "„We will stay here“",
                cue: "said",
                source: "Mayor Ilse Varnhag",
                source_nth: 0,
            },
            Expected {
                kind: StatementKind::Mixed,
                speaker: "Jonas Wirt",
                role: Some("Councillor"),
                content: "the plan was „a mess”",
                cue: "said",
                source: "Councillor Jonas Wirt",
                source_nth: 0,
            },
            Expected {
                kind: StatementKind::Direct,
                speaker: "Ilse Varnhag",
                role: Some("Mayor"),
                content: "„The vote is on Friday.“",
                cue: "said",
                source: "Varnhag",
                source_nth: 1,
            },
        ],
    );
}

#[test]
fn guillemets_pair_outwards_and_inwards() {
    let text = "« Nous resterons », said Mayor Odile Perrac.\n\n\
                »We will stay«, said Captain Lars Ekholm.\n\n\
                Perrac said: «The vote is on Friday.»";
    assert_statements(
        text,
        &[
            Expected {
                kind: StatementKind::Direct,
                speaker: "Odile Perrac",
                role: Some("Mayor"),
                content: "« Nous resterons »",
                cue: "said",
                source: "Mayor Odile Perrac",
                source_nth: 0,
            },
            Expected {
                kind: StatementKind::Direct,
                speaker: "Lars Ekholm",
                role: Some("Captain"),
                content: "»We will stay«",
                cue: "said",
                source: "Captain Lars Ekholm",
                source_nth: 0,
            },
            Expected {
                kind: StatementKind::Direct,
                speaker: "Odile Perrac",
                role: Some("Mayor"),
                content: "«The vote is on Friday.»",
                cue: "said",
                source: "Perrac",
                source_nth: 1,
            },
        ],
    );
}

#[test]
fn astral_letters_in_names_and_quotes_keep_offsets() {
    // 𝔘 (U+1D518) is one letter and two code units.
    let text = "“The 𝔘nion will strike,” said Ann Lee.";
    let report = assert_statements(
        text,
        &[Expected {
            kind: StatementKind::Direct,
            speaker: "Ann Lee",
            role: None,
            content: "“The 𝔘nion will strike,”",
            cue: "said",
            source: "Ann Lee",
            source_nth: 0,
        }],
    );
    assert_eq!(report.statements[0].content, Span::new(0, 25));
    assert_eq!(report.statements[0].cue, Span::new(26, 30));
}
