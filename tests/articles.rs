//! Golden articles: `tests/articles/<case>/article.txt|html` with `expected.json` beside it.
//! Each case lists every speaker (name, kind, role), every statement (speaker, kind, a piece of
//! its content), every dispute (a piece of the claim, the sides) and the hedge cues; the report
//! must match all of them and hold nothing more.

use serde::Deserialize;
use std::path::{Path, PathBuf};
use whosaid::{analyze, Document, Report, Span};

#[derive(Deserialize)]
struct Expected {
    speakers: Vec<ExpSpeaker>,
    statements: Vec<ExpStatement>,
    #[serde(default)]
    disputes: Vec<ExpDispute>,
    #[serde(default)]
    hedges: Vec<String>,
    #[serde(default)]
    not_speakers: Vec<String>,
}

#[derive(Deserialize)]
struct ExpSpeaker {
    name: String,
    kind: String,
    role: Option<String>,
}

#[derive(Deserialize)]
struct ExpStatement {
    speaker: String,
    kind: String,
    content: String,
}

#[derive(Deserialize)]
struct ExpDispute {
    claim: String,
    positions: Vec<ExpPosition>,
}

#[derive(Deserialize)]
struct ExpPosition {
    speaker: String,
    stance: String,
}

fn name(v: impl serde::Serialize) -> String {
    serde_json::to_value(v)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

/// Share of `want` (a substring of the text) that `span` covers.
fn coverage(r: &Report, span: Span, want: &str) -> f64 {
    let Some(at) = r.text.find(want) else {
        return 0.0;
    };
    let ws = r.text[..at].encode_utf16().count() as u32;
    let we = ws + want.encode_utf16().count() as u32;
    let inter = span.end.min(we).saturating_sub(span.start.max(ws));
    f64::from(inter) / f64::from((we - ws).max(1))
}

fn check(dir: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let exp: Expected =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let doc = if dir.join("article.html").exists() {
        Document::from_html(&std::fs::read_to_string(dir.join("article.html")).unwrap())
    } else {
        Document::from_text(std::fs::read_to_string(dir.join("article.txt")).unwrap())
    }
    .unwrap();
    let r = analyze(&doc);
    if let Err(e) = r.check() {
        problems.push(format!("the report does not hold together: {e}"));
    }
    let who = |id: &whosaid::SpeakerId| r.speaker(id).map_or(String::new(), |s| s.name.clone());
    for e in &exp.speakers {
        match r.speakers.iter().find(|s| s.name == e.name) {
            None => problems.push(format!("missing speaker {:?}", e.name)),
            Some(s) => {
                if name(s.kind) != e.kind {
                    problems.push(format!(
                        "{}: kind {} (want {})",
                        e.name,
                        name(s.kind),
                        e.kind
                    ));
                }
                if s.role != e.role {
                    problems.push(format!("{}: role {:?} (want {:?})", e.name, s.role, e.role));
                }
            }
        }
    }
    for s in &r.speakers {
        if !exp.speakers.iter().any(|e| e.name == s.name) {
            problems.push(format!("extra speaker {:?}", s.name));
        }
        if exp.not_speakers.contains(&s.name) {
            problems.push(format!("{:?} must not speak", s.name));
        }
    }
    let mut used = vec![false; r.statements.len()];
    for e in &exp.statements {
        let hit = r.statements.iter().enumerate().find(|(i, st)| {
            !used[*i]
                && who(&st.speaker) == e.speaker
                && coverage(&r, st.content, &e.content) >= 0.5
        });
        match hit {
            None => problems.push(format!(
                "missing statement by {}: {:?}",
                e.speaker, e.content
            )),
            Some((i, st)) => {
                used[i] = true;
                if name(st.kind) != e.kind {
                    problems.push(format!(
                        "{:?}: kind {} (want {})",
                        e.content,
                        name(st.kind),
                        e.kind
                    ));
                }
            }
        }
    }
    for (st, u) in r.statements.iter().zip(&used) {
        if !u {
            problems.push(format!(
                "extra statement by {}: {:?}",
                who(&st.speaker),
                r.slice(st.content)
            ));
        }
    }
    for e in &exp.disputes {
        let found = r.disputes.iter().any(|d| {
            let about = coverage(&r, d.claim, &e.claim) > 0.0
                || d.positions.iter().any(|p| {
                    r.statement(&p.statement)
                        .is_some_and(|st| coverage(&r, st.content, &e.claim) > 0.0)
                });
            about
                && e.positions.iter().all(|ep| {
                    d.positions
                        .iter()
                        .any(|p| who(&p.speaker) == ep.speaker && name(p.stance) == ep.stance)
                })
        });
        if !found {
            problems.push(format!("missing dispute {:?}", e.claim));
        }
    }
    if r.disputes.len() > exp.disputes.len() {
        for d in &r.disputes {
            problems.push(format!("extra dispute? {:?}", r.slice(d.claim)));
        }
    }
    let hedges: Vec<String> = r
        .hedges
        .iter()
        .map(|h| r.slice(h.cue).to_lowercase())
        .collect();
    if hedges != exp.hedges {
        problems.push(format!("hedges {hedges:?} (want {:?})", exp.hedges));
    }
    problems
}

#[test]
fn every_golden_article_matches_its_expectations() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/articles");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.json").exists())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 15, "only {} golden articles", dirs.len());
    let mut failures = Vec::new();
    for d in &dirs {
        let problems = check(d);
        if !problems.is_empty() {
            failures.push(format!(
                "{}:\n  {}",
                d.file_name().unwrap().to_string_lossy(),
                problems.join("\n  ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} articles differ:\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n")
    );
}
