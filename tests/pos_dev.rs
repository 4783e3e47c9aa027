//! The built-in part-of-speech tagger must agree with CoreNLP's tags of the dev set
//! (`../shared/corpus/syntax/polnear_dev_silver.jsonl`, on the texts of `dev/`) at least as often
//! as its floors say: overall, and for the verb forms and nouns the attribution stages read.
//!
//! The corpus is not part of a clone (`$WHOSAID_CORPUS` points elsewhere). Without it,
//! `tagger_holds_its_dev_floors` prints `SKIP pos_dev: <file> absent` to stderr and passes.
#![cfg(feature = "cli")]

use std::path::PathBuf;
use whosaid::pos::train::{evaluate, read_corpus};
use whosaid::pos::{Pos, Tagger};

/// Floors at the figures of the day they were set, rounded down: raise them with the model.
/// (Accuracy 0.963 → 0.9596 since two apostrophes became one double quotation mark token: the
/// built-in model never saw that token, which 7 dev articles print 234 times. Retrained, it
/// scored 0.9608 but lower on verbs; nothing in the pipeline reads the tagger yet.)
const ACCURACY: f64 = 0.959;
/// Per class (recall: the share of CoreNLP's tokens of the class that the tagger gives it).
const CLASS_FLOORS: [(Pos, f64); 7] = [
    (Pos::Noun, 0.94),
    (Pos::ProperNoun, 0.93),
    (Pos::VerbPast, 0.95),
    (Pos::VerbParticiple, 0.85),
    (Pos::VerbGerund, 0.95),
    (Pos::VerbPresent, 0.92),
    (Pos::VerbBase, 0.92),
];

fn corpus() -> PathBuf {
    std::env::var_os("WHOSAID_CORPUS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
        PathBuf::from,
    )
}

#[test]
fn tagger_holds_its_dev_floors() {
    let syntax = corpus().join("syntax/polnear_dev_silver.jsonl");
    let texts = corpus().join("dev/polnear_dev.jsonl");
    if !syntax.exists() || !texts.exists() {
        // Straight to stderr, past the test harness's capture, so the skip is seen.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIP pos_dev: {} absent",
            syntax.display()
        );
        return;
    }
    let dev = read_corpus(&syntax, &texts).expect("the dev syntax reads");
    let fig = evaluate(&dev, Tagger::builtin(), false);
    let mut below = Vec::new();
    if fig.accuracy() < ACCURACY {
        below.push(format!(
            "accuracy {:.4} < floor {ACCURACY:.2}",
            fig.accuracy()
        ));
    }
    for (p, floor) in CLASS_FLOORS {
        let (recall, _) = fig.class(p);
        if recall < floor {
            below.push(format!("{p:?} recall {recall:.4} < floor {floor:.2}"));
        }
    }
    assert!(below.is_empty(), "{}\n{fig}", below.join("; "));
}
