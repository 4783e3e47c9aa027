//! The labelled dispute set (`tests/disputes/set.jsonl`, guidelines in its README): the set is
//! well-formed, and the engine's dispute figures on it do not fall below today's.
//!
//! `cargo test --test disputes -- --nocapture` prints the table; `cargo run --example disputes`
//! prints it with every miss and false alarm.

#[path = "disputes/score.rs"]
mod score;

/// Floors: the figures measured when the set was made, rounded down to two decimals. Raise them
/// as the engine improves (the goal is a dispute F1 of 0.75 or more); never lower them to make a
/// change pass.
const MIN_PRECISION: f64 = 0.97;
const MIN_RECALL: f64 = 0.63;
const MIN_F1: f64 = 0.77;
const MIN_SIDE_RECALL: f64 = 0.86;
const MIN_STANCE_ACCURACY: f64 = 1.0;
/// Negative passages (look-alikes, hedges, agreement) left without a dispute.
const MIN_CLEAN_NEGATIVES: usize = 68;

#[test]
fn dispute_figures_stay_above_their_floors() {
    let set = score::load();
    let s = score::score(&set);
    println!("{}", s.table());
    let t = &s.total;
    let figures = [
        ("dispute precision", t.precision(), MIN_PRECISION),
        ("dispute recall", t.recall(), MIN_RECALL),
        ("dispute F1", t.f1(), MIN_F1),
        ("side recall", t.side_recall(), MIN_SIDE_RECALL),
        ("stance accuracy", t.stance_accuracy(), MIN_STANCE_ACCURACY),
    ];
    let low: Vec<String> = figures
        .iter()
        .filter(|(_, v, floor)| v.unwrap_or(0.0) < *floor)
        .map(|(name, v, floor)| format!("{name} {:.3} < floor {floor:.2}", v.unwrap_or(0.0)))
        .chain((t.clean < MIN_CLEAN_NEGATIVES).then(|| {
            format!(
                "clean negatives {}/{} < floor {MIN_CLEAN_NEGATIVES}",
                t.clean, t.empty
            )
        }))
        .collect();
    assert!(
        low.is_empty(),
        "{}\n\n{}\n{}",
        low.join("\n"),
        s.table(),
        s.report_findings()
    );
}

#[test]
fn the_dispute_set_is_well_formed() {
    let set = score::load();
    assert!(set.len() >= 60, "only {} passages", set.len());
    let problems = score::problems(&set);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let positive = set.iter().filter(|p| !p.disputes.is_empty()).count();
    let share = positive as f64 / set.len() as f64;
    assert!(
        (0.5..=0.65).contains(&share),
        "{positive} of {} passages hold disputes",
        set.len()
    );
}

#[test]
fn speakers_are_compared_by_last_word() {
    assert_eq!(score::speaker_key("Velmar Inc."), "velmar");
    assert_eq!(score::speaker_key("Mr. Tillerson"), "tillerson");
    assert_eq!(score::speaker_key("the drivers' union"), "union");
    assert_eq!(score::speaker_key("Ms. Mendes's"), "mendes");
    assert_eq!(score::speaker_key(""), "");
}

/// A passage with one labelled conflict, for testing the scorer itself.
fn conflict() -> score::Passage {
    serde_json::from_value(serde_json::json!({
        "id": "t", "category": "conflicting_accounts",
        "text": "Ann Lee said the dam was safe. Bo Chan said the dam was cracked.",
        "disputes": [{"claim": "the dam was safe", "counter": "the dam was cracked",
            "positions": [{"speaker": "Ann Lee", "stance": "asserts"},
                          {"speaker": "Bo Chan", "stance": "contradicts"}]}]
    }))
    .unwrap()
}

/// A prediction whose claim is the `at..at+len` stretch of the passage.
fn guess(
    p: &score::Passage,
    at: &str,
    len: usize,
    sides: &[(&str, &'static str)],
) -> score::Predicted {
    let s = score::span_of(&p.text, at).unwrap();
    score::Predicted {
        claim: String::new(),
        claim_span: whosaid::Span {
            start: s.start,
            end: s.start + len as u32,
        },
        positions: sides.iter().map(|(n, st)| (n.to_string(), *st)).collect(),
    }
}

#[test]
fn a_prediction_matches_when_it_covers_half_the_gold_claim() {
    let p = conflict();
    // "the dam was safe" is 16 code units: 8 match, 7 do not.
    let half = guess(&p, "the dam was safe", 8, &[("Lee", "asserts")]);
    assert_eq!(score::judge(&p, &[half]).0.matched, 1);
    let less = guess(&p, "the dam was safe", 7, &[("Lee", "asserts")]);
    let (t, f) = score::judge(&p, &[less]);
    assert_eq!((t.matched, t.predicted, f.len()), (0, 1, 2), "{f:?}");
}

#[test]
fn each_gold_dispute_is_matched_once() {
    let p = conflict();
    let a = guess(&p, "the dam was safe", 16, &[]);
    let b = guess(&p, "the dam was safe", 12, &[]);
    let (t, _) = score::judge(&p, &[b, a]);
    assert_eq!((t.gold, t.predicted, t.matched), (1, 2, 1));
    assert_eq!(t.precision(), Some(0.5));
}

#[test]
fn a_match_on_the_counter_account_reads_the_sides_from_that_account() {
    let p = conflict();
    let d = guess(
        &p,
        "the dam was cracked",
        19,
        &[("Bo Chan", "asserts"), ("Lee", "contradicts")],
    );
    let (t, f) = score::judge(&p, &[d]);
    assert_eq!(
        (t.matched, t.sides, t.sides_found, t.stance_right),
        (1, 2, 2, 2),
        "{f:?}"
    );
    let wrong = guess(&p, "the dam was cracked", 19, &[("Bo Chan", "contradicts")]);
    let (t, f) = score::judge(&p, &[wrong]);
    assert_eq!((t.sides_found, t.stance_right), (1, 0), "{f:?}");
}
