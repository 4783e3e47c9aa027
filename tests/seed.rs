//! The sample article the project started from, against its gold annotation, when
//! `../shared/corpus/seed/` is present (a user's clone has none: the test then says so and
//! passes).

use serde_json::Value;
use std::path::PathBuf;
use whosaid::{analyze, Document, Report, Stance};

fn seed_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/seed");
    if dir.join("gold.json").exists() {
        Some(dir)
    } else {
        // Straight to stderr, past the test harness's capture, so the skip is seen.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "seed test skipped: {} not found (the shared corpus is not part of a clone)",
            dir.display()
        );
        None
    }
}

fn load() -> Option<(Report, Value)> {
    let dir = seed_dir()?;
    let text = std::fs::read_to_string(dir.join("article.txt")).unwrap();
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    Some((analyze(&Document::from_text(text).unwrap()), gold))
}

fn speaker<'a>(r: &'a Report, name: &str) -> Option<&'a whosaid::Speaker> {
    r.speakers.iter().find(|s| s.name == name)
}

/// A role matches when equal, or — where the gold role is not written in the article — when it
/// has the same head noun ("president" for "former U.S. president").
fn role_matches(found: Option<&str>, gold: &str, text: &str) -> bool {
    let Some(found) = found else { return false };
    if text.contains(gold) {
        return found == gold;
    }
    let head = |s: &str| s.split_whitespace().last().unwrap_or("").to_lowercase();
    head(found) == head(gold)
}

#[test]
fn every_gold_speaker_is_found_with_its_role() {
    let Some((r, gold)) = load() else { return };
    for g in gold["speakers"].as_array().unwrap() {
        if g["optional"].as_bool() == Some(true) {
            continue;
        }
        let name = g["name"].as_str().unwrap();
        let s = speaker(&r, name).unwrap_or_else(|| {
            panic!(
                "speaker {name} not found in {:?}",
                r.speakers.iter().map(|s| &s.name).collect::<Vec<_>>()
            )
        });
        assert_eq!(serde_json::to_value(s.kind).unwrap(), g["kind"], "{name}");
        if let Some(role) = g["role"].as_str() {
            assert!(
                role_matches(s.role.as_deref(), role, &r.text),
                "{name}: role {:?}, gold {role}",
                s.role
            );
        }
    }
}

#[test]
fn boilerplate_lines_yield_no_speakers() {
    let Some((r, gold)) = load() else { return };
    for line in gold["boilerplate"].as_array().unwrap() {
        let line = line.as_str().unwrap();
        let at = r.text.find(line).unwrap();
        let span = whosaid::Span::new(
            r.text[..at].encode_utf16().count() as u32,
            r.text[..at + line.len()].encode_utf16().count() as u32,
        );
        for s in &r.speakers {
            assert!(
                !s.mentions.iter().any(|m| m.overlaps(span)),
                "{} mentioned in chrome line {line:?}",
                s.name
            );
        }
        assert!(
            !r.statements.iter().any(|st| st.content.overlaps(span)),
            "statement in {line:?}"
        );
    }
}

#[test]
fn tillerson_has_his_four_statements_and_trump_none_of_others() {
    let Some((r, gold)) = load() else { return };
    let tillerson = speaker(&r, "Rex Tillerson").expect("Tillerson");
    let said: Vec<&str> = r
        .statements_by(&tillerson.id)
        .map(|s| r.slice(s.content))
        .collect();
    let gold_t = gold["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Rex Tillerson")
        .unwrap();
    for g in gold_t["statements"].as_array().unwrap() {
        let g = g["text"].as_str().unwrap();
        assert!(
            said.iter()
                .any(|s| s.contains(g) || g.contains(*s) && s.len() * 2 > g.len()),
            "Tillerson: {g:?} not in {said:?}"
        );
    }
    if let Some(trump) = r.speakers.iter().find(|s| s.name.ends_with("Trump")) {
        for st in r.statements_by(&trump.id) {
            let c = r.slice(st.content);
            for other in [
                "Mr. Trump pushed back",
                "Mr. Trump accepted the denial",
                "two sides want to focus",
                "range of issues",
            ] {
                assert!(!c.contains(other), "Trump credited with {c:?}");
            }
        }
    }
}

#[test]
fn both_gold_disputes_are_found_with_both_sides() {
    let Some((r, gold)) = load() else { return };
    for g in gold["disputes"].as_array().unwrap() {
        let want: Vec<(String, Stance)> = g["positions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["source"].as_str().unwrap().to_string(),
                    serde_json::from_value(p["stance"].clone()).unwrap(),
                )
            })
            .collect();
        let found = r.disputes.iter().any(|d| {
            want.iter().all(|(who, stance)| {
                d.positions.iter().any(|p| {
                    r.speaker(&p.speaker).is_some_and(|s| &s.name == who)
                        && (p.stance == *stance
                            || matches!(
                                (p.stance, stance),
                                (Stance::Denies, Stance::Contradicts)
                                    | (Stance::Contradicts, Stance::Denies)
                            ))
                })
            })
        });
        assert!(
            found,
            "dispute {:?} with {want:?} not found in {:#?}",
            g["topic"], r.disputes
        );
    }
}

#[test]
fn hedged_sentences_are_hedges_not_disputes() {
    let Some((r, gold)) = load() else { return };
    for h in gold["hedged_not_disputed"].as_array().unwrap() {
        let h = h.as_str().unwrap();
        assert!(
            r.hedges.iter().any(|x| r.slice(x.sentence).contains(h)
                || h.contains(r.slice(x.cue)) && r.slice(x.sentence).contains(&h[..10])),
            "hedge {h:?}"
        );
        assert!(
            !r.disputes.iter().any(|d| r.slice(d.claim).contains(h)),
            "hedge {h:?} is a dispute"
        );
    }
}
