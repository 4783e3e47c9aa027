//! Scores whosaid's disputes against the labelled set in `tests/disputes/set.jsonl`.
//!
//! Shared by the `disputes` integration test (floors) and the `disputes` example (the table and
//! every miss and false alarm). The rules are written out in `tests/disputes/README.md`:
//!
//! - A predicted dispute matches a gold one when its claim span covers at least half of the gold
//!   claim's characters (UTF-16 code units, the report's unit), or at least half of the gold
//!   `counter` account (the other side's words in a conflict); pairs are taken best coverage
//!   first and each dispute, gold or predicted, is used once. Dispute precision = matched /
//!   predicted, recall = matched / gold, F1 their harmonic mean.
//! - A match made through the counter account reads the gold sides from that account's point of
//!   view: whoever asserted the claim now contradicts, every other side now asserts.
//! - Sides: a gold position is found when a predicted position of the matched dispute has a
//!   speaker with the same key (the name's last word, lower-cased, without punctuation, a
//!   possessive or a company suffix such as "Inc."); each predicted position is used once.
//!   Side recall = found / gold positions of matched disputes. Stance accuracy = found positions
//!   whose stance is the gold one / found positions.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use whosaid::{analyze, Document, Report, Span, Stance};

/// The stances a gold position may take (the report's JSON names).
pub const STANCES: [&str; 4] = ["asserts", "denies", "contradicts", "questions"];

/// The categories of the set, in table order; the `_negative` and `hedge_only` ones hold no
/// disputes.
pub const CATEGORIES: [&str; 10] = [
    "denial",
    "conflicting_accounts",
    "conflicting_numbers",
    "correction",
    "questioned",
    "hedged",
    "concession",
    "hedge_only",
    "lookalike_negative",
    "agreement_negative",
];

/// Whether passages of a category must have no disputes.
pub fn negative_category(c: &str) -> bool {
    c == "hedge_only" || c.ends_with("_negative")
}

/// One labelled passage.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Passage {
    pub id: String,
    pub category: String,
    pub text: String,
    pub disputes: Vec<GoldDispute>,
    /// Why the passage is labelled as it is, where that is not obvious.
    #[serde(default)]
    pub note: Option<String>,
}

/// A disputed claim as labelled.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldDispute {
    /// The disputed proposition: an exact substring of the text, found once in it.
    pub claim: String,
    /// In a conflict, the other side's account (also a substring found once).
    #[serde(default)]
    pub counter: Option<String>,
    pub positions: Vec<GoldPosition>,
}

/// One side of a labelled dispute.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldPosition {
    /// The name the report should give (the fullest the text gives).
    pub speaker: String,
    /// One of [`STANCES`].
    pub stance: String,
}

/// Reads the set. Panics with the line number on a malformed line.
pub fn load() -> Vec<Passage> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/disputes/set.jsonl");
    let body = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    body.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).unwrap_or_else(|e| panic!("{path}:{}: {e}", n + 1)))
        .collect()
}

/// What is wrong with the set's labels: ids used twice, unknown categories or stances, a claim
/// or counter that is not found exactly once in its text, a dispute nobody disputes, a speaker
/// the text does not name, a dispute in a negative passage. Empty for a well-formed set.
pub fn problems(set: &[Passage]) -> Vec<String> {
    let mut ids = std::collections::HashSet::new();
    let mut problems = Vec::new();
    for p in set {
        let mut bad = |m: String| problems.push(format!("{}: {m}", p.id));
        if !ids.insert(p.id.as_str()) {
            bad("id used twice".into());
        }
        if !CATEGORIES.contains(&p.category.as_str()) {
            bad(format!("unknown category {:?}", p.category));
        }
        if negative_category(&p.category) && !p.disputes.is_empty() {
            bad(format!("{} passages hold no disputes", p.category));
        }
        if p.text.len() > 600 || !p.text.contains(['.', '?', '!']) {
            bad("not a short passage".into());
        }
        let lower = p.text.to_lowercase();
        for d in &p.disputes {
            for part in std::iter::once(&d.claim).chain(&d.counter) {
                match p.text.matches(part.as_str()).count() {
                    1 => {}
                    0 => bad(format!("{part:?} is not in the text")),
                    n => bad(format!("{part:?} is in the text {n} times")),
                }
            }
            if d.positions.iter().all(|q| q.stance == "asserts") {
                bad(format!("nobody disputes {:?}", d.claim));
            }
            for q in &d.positions {
                if !STANCES.contains(&q.stance.as_str()) {
                    bad(format!("{}: unknown stance {:?}", q.speaker, q.stance));
                }
                if !lower.contains(&q.speaker.to_lowercase()) {
                    bad(format!("speaker {:?} is not named in the text", q.speaker));
                }
            }
        }
    }
    problems
}

/// The JSON name of a stance.
pub fn stance_name(s: Stance) -> &'static str {
    match s {
        Stance::Asserts => "asserts",
        Stance::Denies => "denies",
        Stance::Contradicts => "contradicts",
        Stance::Questions => "questions",
    }
}

/// The key two speaker names are compared by: the last word, lower-cased, letters and digits
/// only, a possessive and a company suffix dropped ("Velmar Inc." → "velmar", "union's" →
/// "union").
pub fn speaker_key(name: &str) -> String {
    const SUFFIXES: [&str; 8] = ["inc", "ltd", "corp", "co", "plc", "llc", "ag", "gmbh"];
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            let w = w.strip_suffix("'s").or(w.strip_suffix("’s")).unwrap_or(w);
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let mut last = words.len();
    while last > 1 && SUFFIXES.contains(&words[last - 1].as_str()) {
        last -= 1;
    }
    words.get(last.wrapping_sub(1)).cloned().unwrap_or_default()
}

/// The span (UTF-16 code units) of the one occurrence of `part` in `text`.
pub fn span_of(text: &str, part: &str) -> Option<Span> {
    let at = text.find(part)?;
    let start = text[..at].encode_utf16().count() as u32;
    Some(Span {
        start,
        end: start + part.encode_utf16().count() as u32,
    })
}

/// Share of `gold` that `pred` covers.
fn coverage(pred: Span, gold: Span) -> f64 {
    let inter = pred
        .end
        .min(gold.end)
        .saturating_sub(pred.start.max(gold.start));
    f64::from(inter) / f64::from((gold.end - gold.start).max(1))
}

/// A predicted dispute, in names rather than ids.
#[derive(Debug, Clone)]
pub struct Predicted {
    pub claim: String,
    pub claim_span: Span,
    /// (speaker name, stance)
    pub positions: Vec<(String, &'static str)>,
}

/// The disputes of a report, in names.
pub fn predicted(r: &Report) -> Vec<Predicted> {
    r.disputes
        .iter()
        .map(|d| Predicted {
            claim: r.slice(d.claim).to_string(),
            claim_span: d.claim,
            positions: d
                .positions
                .iter()
                .map(|p| {
                    let name = r.speaker(&p.speaker).map_or("?", |s| s.name.as_str());
                    (name.to_string(), stance_name(p.stance))
                })
                .collect(),
        })
        .collect()
}

/// Counts for one category, or for the whole set.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub passages: usize,
    /// Passages with no gold dispute that got none predicted / passages with no gold dispute.
    pub clean: usize,
    pub empty: usize,
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    /// Gold positions of matched disputes.
    pub sides: usize,
    /// Of those, found among the predicted positions.
    pub sides_found: usize,
    /// Of those, with the gold stance.
    pub stance_right: usize,
}

fn ratio(n: usize, d: usize) -> Option<f64> {
    (d > 0).then(|| n as f64 / d as f64)
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.passages += o.passages;
        self.clean += o.clean;
        self.empty += o.empty;
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.matched += o.matched;
        self.sides += o.sides;
        self.sides_found += o.sides_found;
        self.stance_right += o.stance_right;
    }

    /// Matched / predicted.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.matched, self.predicted)
    }

    /// Matched / gold.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.matched, self.gold)
    }

    /// Harmonic mean of precision and recall (0 when nothing matched).
    pub fn f1(&self) -> Option<f64> {
        let (p, r) = (self.precision().unwrap_or(0.0), self.recall()?);
        Some(if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        })
    }

    /// Found sides / gold sides of matched disputes.
    pub fn side_recall(&self) -> Option<f64> {
        ratio(self.sides_found, self.sides)
    }

    /// Right stances / found sides.
    pub fn stance_accuracy(&self) -> Option<f64> {
        ratio(self.stance_right, self.sides_found)
    }
}

/// Something the engine got wrong on one passage.
#[derive(Debug)]
pub enum Finding {
    /// A gold dispute no prediction matched.
    Missed { claim: String },
    /// A predicted dispute that matched no gold one.
    FalseAlarm { claim: String, sides: String },
    /// A gold side absent from the matched prediction.
    SideMissed {
        claim: String,
        speaker: String,
        predicted: String,
    },
    /// A side found with another stance.
    WrongStance {
        claim: String,
        speaker: String,
        gold: String,
        predicted: &'static str,
    },
}

/// The result of scoring the whole set.
pub struct Scores {
    pub by_category: BTreeMap<&'static str, Tally>,
    pub total: Tally,
    /// (passage id, its text, what went wrong there), in set order.
    pub findings: Vec<(String, String, Vec<Finding>)>,
}

fn sides_text(p: &[(String, &str)]) -> String {
    p.iter()
        .map(|(n, s)| format!("{n} {s}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Scores the engine on one passage.
pub fn score_passage(p: &Passage) -> (Tally, Vec<Finding>) {
    let doc = Document::from_text(p.text.as_str()).expect("passage text is a document");
    judge(p, &predicted(&analyze(&doc)))
}

/// Scores predicted disputes against a passage's labels.
pub fn judge(p: &Passage, pred: &[Predicted]) -> (Tally, Vec<Finding>) {
    let mut t = Tally {
        passages: 1,
        gold: p.disputes.len(),
        predicted: pred.len(),
        ..Tally::default()
    };
    if p.disputes.is_empty() {
        t.empty = 1;
        t.clean = usize::from(pred.is_empty());
    }
    let mut findings = Vec::new();
    // Candidate pairs: (coverage, gold, predicted, through the counter account).
    let mut pairs = Vec::new();
    for (gi, g) in p.disputes.iter().enumerate() {
        let claim = span_of(&p.text, &g.claim);
        let counter = g.counter.as_deref().and_then(|c| span_of(&p.text, c));
        for (pi, d) in pred.iter().enumerate() {
            let on_claim = claim.map_or(0.0, |s| coverage(d.claim_span, s));
            let on_counter = counter.map_or(0.0, |s| coverage(d.claim_span, s));
            let (cov, flipped) = if on_counter > on_claim {
                (on_counter, true)
            } else {
                (on_claim, false)
            };
            if cov >= 0.5 {
                pairs.push((cov, gi, pi, flipped));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut gold_match = vec![None; p.disputes.len()];
    let mut pred_used = vec![false; pred.len()];
    for (_, gi, pi, flipped) in pairs {
        if gold_match[gi].is_none() && !pred_used[pi] {
            gold_match[gi] = Some((pi, flipped));
            pred_used[pi] = true;
        }
    }
    for (g, m) in p.disputes.iter().zip(&gold_match) {
        let Some((pi, flipped)) = *m else {
            findings.push(Finding::Missed {
                claim: g.claim.clone(),
            });
            continue;
        };
        t.matched += 1;
        let d = &pred[pi];
        let mut used = vec![false; d.positions.len()];
        for gp in &g.positions {
            t.sides += 1;
            let want = match (flipped, gp.stance.as_str()) {
                (false, s) => s,
                (true, "asserts") => "contradicts",
                (true, _) => "asserts",
            };
            let key = speaker_key(&gp.speaker);
            // Prefer a side with the gold stance when the same speaker appears twice.
            let hit = (0..d.positions.len())
                .filter(|&k| !used[k] && speaker_key(&d.positions[k].0) == key)
                .max_by_key(|&k| (d.positions[k].1 == want, std::cmp::Reverse(k)));
            match hit {
                None => findings.push(Finding::SideMissed {
                    claim: g.claim.clone(),
                    speaker: gp.speaker.clone(),
                    predicted: sides_text(&d.positions),
                }),
                Some(k) => {
                    used[k] = true;
                    t.sides_found += 1;
                    if d.positions[k].1 == want {
                        t.stance_right += 1;
                    } else {
                        findings.push(Finding::WrongStance {
                            claim: g.claim.clone(),
                            speaker: gp.speaker.clone(),
                            gold: want.to_string(),
                            predicted: d.positions[k].1,
                        });
                    }
                }
            }
        }
    }
    for (d, used) in pred.iter().zip(&pred_used) {
        if !used {
            findings.push(Finding::FalseAlarm {
                claim: d.claim.clone(),
                sides: sides_text(&d.positions),
            });
        }
    }
    (t, findings)
}

/// Scores every passage of the set.
pub fn score(set: &[Passage]) -> Scores {
    let mut by_category: BTreeMap<&'static str, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    let mut findings = Vec::new();
    for p in set {
        let (t, f) = score_passage(p);
        let cat = CATEGORIES
            .iter()
            .find(|c| **c == p.category)
            .copied()
            .unwrap_or("other");
        by_category.entry(cat).or_default().add(&t);
        total.add(&t);
        if !f.is_empty() {
            let text = match &p.note {
                Some(n) => format!("{}\n  (note: {n})", p.text),
                None => p.text.clone(),
            };
            findings.push((p.id.clone(), text, f));
        }
    }
    Scores {
        by_category,
        total,
        findings,
    }
}

fn cell(v: Option<f64>) -> String {
    v.map_or("   -".to_string(), |v| format!("{v:.2}"))
}

fn row(out: &mut String, name: &str, t: &Tally) {
    let clean = if t.empty > 0 {
        format!("{}/{}", t.clean, t.empty)
    } else {
        "-".to_string()
    };
    let _ = writeln!(
        out,
        "{name:<21}{:>4}{:>6}{:>6}{:>6}{:>7}  {:>5} {:>5} {:>5}  {:>6} {:>5}  {:>6} {:>5}",
        t.passages,
        clean,
        t.gold,
        t.predicted,
        t.matched,
        cell(t.precision()),
        cell(t.recall()),
        cell(t.f1()),
        format!("{}/{}", t.sides_found, t.sides),
        cell(t.side_recall()),
        format!("{}/{}", t.stance_right, t.sides_found),
        cell(t.stance_accuracy()),
    );
}

impl Scores {
    /// The figures as a table: one row per category, then the whole set.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<21}{:>4}{:>6}{:>6}{:>6}{:>7}  {:>5} {:>5} {:>5}  {:>12}  {:>12}",
            "category", "n", "clean", "gold", "pred", "match", "P", "R", "F1", "sides", "stance"
        );
        for c in CATEGORIES {
            if let Some(t) = self.by_category.get(c) {
                row(&mut out, c, t);
            }
        }
        if let Some(t) = self.by_category.get("other") {
            row(&mut out, "other", t);
        }
        row(&mut out, "all", &self.total);
        out
    }

    /// Every miss, false alarm, missed side and wrong stance, with the passage's text.
    pub fn report_findings(&self) -> String {
        let mut out = String::new();
        for (id, text, fs) in &self.findings {
            let _ = writeln!(out, "{id}: {text}");
            for f in fs {
                let _ = match f {
                    Finding::Missed { claim } => writeln!(out, "  MISSED       {claim:?}"),
                    Finding::FalseAlarm { claim, sides } => {
                        writeln!(out, "  FALSE ALARM  {claim:?} [{sides}]")
                    }
                    Finding::SideMissed {
                        claim,
                        speaker,
                        predicted,
                    } => writeln!(
                        out,
                        "  SIDE MISSED  {speaker} on {claim:?} (found: {predicted})"
                    ),
                    Finding::WrongStance {
                        claim,
                        speaker,
                        gold,
                        predicted,
                    } => writeln!(
                        out,
                        "  STANCE       {speaker} {predicted} (gold {gold}) on {claim:?}"
                    ),
                };
            }
        }
        out
    }
}
