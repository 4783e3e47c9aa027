//! Golden articles: `tests/articles/<case>/article.txt|html` with `expected.json` beside it.
//!
//! Each case is its own test (a failing case names itself). `expected.json` is the whole report
//! in a form made for review: every span written with its text; speakers with name, kind, role
//! and every mention; statements with their speaker's name, kind, source, cue and content;
//! disputes with topic, claim and each side's speaker, stance and statement; hedges; blocks.
//! The report must equal it exactly.
//!
//! After a change that is meant to change reports, re-bless and review the diff:
//!
//! ```text
//! WHOSAID_BLESS=1 cargo test --test articles
//! git diff tests/articles
//! ```
//!
//! A new case is a folder with `article.txt` (or `article.html`), an `expected.json` holding at
//! least `{"description": "…"}` (kept when blessing), and a line in the `cases!` list below.

use std::path::PathBuf;
use whosaid::{analyze, Document, Report, Span};

macro_rules! cases {
    ($($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                check(stringify!($case));
            }
        )*
        /// Every case with a test.
        const CASES: &[&str] = &[$(stringify!($case)),*];
    };
}

cases!(
    participle_cues,
    transcripts_and_credits,
    names_beside_nouns,
    capitalised_modifier_group,
    colon_quotes,
    correction,
    places_never_speak,
    plural_pronoun,
    possessed_roles,
    source_after_content,
    surname_of_organisation,
    joined_clauses,
    according_to,
    according_to_points_back,
    aliases_and_roles,
    anonymous_sources,
    apposition_roles,
    common_noun_sources,
    conflicting_accounts,
    curly_and_nested_quotes,
    denial,
    described_names,
    direct_quote_after,
    direct_quote_before,
    follow_on_paragraph,
    fronted_topic,
    government_seats,
    groups,
    groups_from_places,
    hedges,
    html_article,
    html_no_article_tag,
    mixed_quote,
    multi_paragraph_quote,
    no_speakers,
    noun_frame,
    one_speaker_two_names,
    organisations,
    organisations_known_by_name,
    page_chrome,
    page_chrome_patterns,
    passives_are_not_speech,
    pronouns,
    reported_speech,
    roles_without_article,
    sentence_boundaries,
    they_after_listed_places,
);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/articles")
}

#[test]
fn every_case_folder_has_a_test_and_every_test_a_folder() {
    let mut dirs: Vec<String> = std::fs::read_dir(root())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    let mut listed: Vec<String> = CASES.iter().map(|c| c.to_string()).collect();
    listed.sort();
    assert_eq!(
        dirs, listed,
        "tests/articles folders and the cases! list in tests/articles.rs differ"
    );
}

/// Whether expected files are to be rewritten (`WHOSAID_BLESS=1`).
fn blessing() -> bool {
    std::env::var_os("WHOSAID_BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

fn check(case: &str) {
    let dir = root().join(case);
    let doc = if dir.join("article.html").exists() {
        Document::from_html(&std::fs::read_to_string(dir.join("article.html")).unwrap())
    } else {
        Document::from_text(std::fs::read_to_string(dir.join("article.txt")).unwrap())
    }
    .unwrap_or_else(|e| panic!("{case}: {e}"));
    let report = analyze(&doc);
    if let Err(e) = report.check() {
        panic!("{case}: the report does not hold together: {e}");
    }
    let path = dir.join("expected.json");
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    let description = serde_json::from_str::<serde_json::Value>(&old)
        .ok()
        .and_then(|v| v["description"].as_str().map(String::from))
        .unwrap_or_default();
    let new = render(&snapshot(&report, &description));
    if new == old {
        return;
    }
    if blessing() {
        std::fs::write(&path, &new).unwrap();
        eprintln!("blessed {}", path.display());
        return;
    }
    panic!(
        "{case}: the report differs from tests/articles/{case}/expected.json \
         (- expected, + found):\n{}\nIf the change is intended: \
         WHOSAID_BLESS=1 cargo test --test articles {case}, then review git diff.",
        diff(&old, &new)
    );
}

/// A JSON value written in a fixed order (field order as built, not alphabetical).
enum J {
    Null,
    Num(u32),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(&'static str, J)>),
}

fn s(v: impl Into<String>) -> J {
    J::Str(v.into())
}

/// The JSON name of a kind or stance.
fn name(v: impl serde::Serialize) -> J {
    s(serde_json::to_value(v).unwrap().as_str().unwrap())
}

fn span(r: &Report, x: Span) -> J {
    J::Obj(vec![
        ("start", J::Num(x.start)),
        ("end", J::Num(x.end)),
        ("text", s(r.slice(x))),
    ])
}

fn snapshot(r: &Report, description: &str) -> J {
    let who = |id: &whosaid::SpeakerId| {
        let n = r.speaker(id).map_or("?", |s| s.name.as_str());
        s(format!("{n} ({})", id.0))
    };
    let blocks = r
        .blocks
        .iter()
        .map(|b| {
            J::Obj(vec![
                ("kind", name(b.kind)),
                ("start", J::Num(b.start)),
                ("end", J::Num(b.end)),
                ("text", s(r.slice(Span::new(b.start, b.end)))),
            ])
        })
        .collect();
    let speakers = r
        .speakers
        .iter()
        .map(|sp| {
            J::Obj(vec![
                ("id", s(sp.id.0.as_str())),
                ("name", s(sp.name.as_str())),
                ("kind", name(sp.kind)),
                ("role", sp.role.as_deref().map_or(J::Null, s)),
                (
                    "mentions",
                    J::Arr(sp.mentions.iter().map(|m| span(r, *m)).collect()),
                ),
            ])
        })
        .collect();
    let statements = r
        .statements
        .iter()
        .map(|st| {
            J::Obj(vec![
                ("id", s(st.id.0.as_str())),
                ("speaker", who(&st.speaker)),
                ("kind", name(st.kind)),
                ("source", st.source.map_or(J::Null, |x| span(r, x))),
                ("cue", span(r, st.cue)),
                ("content", span(r, st.content)),
            ])
        })
        .collect();
    let disputes = r
        .disputes
        .iter()
        .map(|d| {
            let positions = d
                .positions
                .iter()
                .map(|p| {
                    let content = r
                        .statement(&p.statement)
                        .map_or(J::Null, |st| s(r.slice(st.content)));
                    J::Obj(vec![
                        ("speaker", who(&p.speaker)),
                        ("stance", name(p.stance)),
                        ("statement", s(p.statement.0.as_str())),
                        ("content", content),
                    ])
                })
                .collect();
            J::Obj(vec![
                ("id", s(d.id.0.as_str())),
                ("topic", s(d.topic.as_str())),
                ("claim", span(r, d.claim)),
                ("positions", J::Arr(positions)),
            ])
        })
        .collect();
    let hedges = r
        .hedges
        .iter()
        .map(|h| {
            J::Obj(vec![
                ("cue", span(r, h.cue)),
                ("sentence", span(r, h.sentence)),
            ])
        })
        .collect();
    let sum = &r.summary;
    let words = sum
        .words
        .iter()
        .map(|w| {
            J::Obj(vec![
                ("speaker", who(&w.speaker)),
                ("words", J::Num(w.words)),
            ])
        })
        .collect();
    let summary = J::Obj(vec![
        ("words", J::Arr(words)),
        ("people", J::Num(sum.people)),
        ("organisations", J::Num(sum.organisations)),
        ("groups", J::Num(sum.groups)),
        ("anonymous", J::Num(sum.anonymous)),
        ("statements", J::Num(sum.statements)),
        ("anonymous_statements", J::Num(sum.anonymous_statements)),
        ("anonymous_percent", J::Num(sum.anonymous_percent)),
        ("disputes", J::Num(sum.disputes)),
        ("hedges", J::Num(sum.hedges)),
    ]);
    J::Obj(vec![
        ("description", s(description)),
        ("speakers", J::Arr(speakers)),
        ("statements", J::Arr(statements)),
        ("disputes", J::Arr(disputes)),
        ("hedges", J::Arr(hedges)),
        ("summary", summary),
        ("blocks", J::Arr(blocks)),
    ])
}

/// Pretty JSON: an array or object of scalars that fits in the line is written on one line.
fn render(v: &J) -> String {
    let mut out = String::new();
    write(v, 0, &mut out);
    out.push('\n');
    out
}

fn scalar(v: &J) -> Option<String> {
    match v {
        J::Null => Some("null".into()),
        J::Num(n) => Some(n.to_string()),
        J::Str(x) => Some(serde_json::to_string(x).unwrap()),
        _ => None,
    }
}

fn write(v: &J, indent: usize, out: &mut String) {
    if let Some(x) = scalar(v) {
        out.push_str(&x);
        return;
    }
    let (open, close, items): (char, char, Vec<(Option<&str>, &J)>) = match v {
        J::Arr(a) => ('[', ']', a.iter().map(|x| (None, x)).collect()),
        J::Obj(o) => ('{', '}', o.iter().map(|(k, x)| (Some(*k), x)).collect()),
        _ => unreachable!(),
    };
    if items.is_empty() {
        out.push(open);
        out.push(close);
        return;
    }
    let key = |k: Option<&str>| k.map_or(String::new(), |k| format!("\"{k}\": "));
    let flat: Option<Vec<String>> = items
        .iter()
        .map(|(k, x)| scalar(x).map(|x| key(*k) + &x))
        .collect();
    if let Some(flat) = flat {
        let line = format!("{open}{}{close}", flat.join(", "));
        if indent + line.chars().count() <= 100 {
            out.push_str(&line);
            return;
        }
    }
    out.push(open);
    for (i, (k, x)) in items.iter().enumerate() {
        out.push('\n');
        out.push_str(&" ".repeat(indent + 2));
        out.push_str(&key(*k));
        write(x, indent + 2, out);
        if i + 1 < items.len() {
            out.push(',');
        }
    }
    out.push('\n');
    out.push_str(&" ".repeat(indent));
    out.push(close);
}

/// A line diff of two texts (longest common subsequence), changed lines with two of context.
fn diff(old: &str, new: &str) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut ops: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            ops.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', a[i]));
            i += 1;
        } else {
            ops.push(('+', b[j]));
            j += 1;
        }
    }
    let near = |k: usize| {
        ops[k.saturating_sub(2)..(k + 3).min(ops.len())]
            .iter()
            .any(|o| o.0 != ' ')
    };
    let mut out = String::new();
    let mut gap = false;
    for (k, (op, line)) in ops.iter().enumerate() {
        if near(k) {
            out.push_str(&format!("{op} {line}\n"));
            gap = false;
        } else if !gap {
            out.push_str("  …\n");
            gap = true;
        }
    }
    out
}
