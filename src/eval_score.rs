//! Scores whosaid on a labelled PolNeAR-format set (one JSON article a line, see
//! ../shared/corpus/README.md), with the matching rules of ../shared/tools/eval_quotes.py, plus a
//! stricter "named" speaker score, per subset of the gold and per publisher.
//!
//! Not a module of the library: `src/bin/whosaid-eval.rs` and `tests/dev_floors.rs` each include
//! this file (`#[path]`), so it sees only the public API (`analyze`, `Document`, `Report`).

use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use whosaid::{Document, Report};

/// One labelled article.
#[derive(Deserialize)]
pub struct Doc {
    pub id: String,
    #[serde(default)]
    pub publisher: String,
    pub text: String,
    pub quotes: Vec<Gold>,
}

/// One gold attribution (offsets in code points of the article's text).
#[derive(Deserialize)]
pub struct Gold {
    pub content_spans: Vec<(usize, usize)>,
    pub speaker: Option<String>,
    pub speaker_mentions: Vec<(usize, usize)>,
    pub speaker_canonical_auto: Option<String>,
    pub quote_type: String,
    #[serde(default)]
    pub cue: Option<String>,
    #[serde(default)]
    pub cue_class: String,
    #[serde(default)]
    pub speaker_is_pronoun: bool,
}

/// One statement the engine reports, in code points of the gold text.
pub struct Pred {
    pub start: usize,
    pub end: usize,
    /// The report's speaker name ("" when the statement's speaker is missing).
    pub speaker: String,
    /// The source mention, or else the speaker's nearest mention before the content.
    pub mentions: Vec<(usize, usize)>,
}

/// The engine's statements for one article: the one place the engine is called.
pub fn predict(doc: &Doc, options: &whosaid::Options) -> Vec<Pred> {
    match Document::from_text(doc.text.as_str()) {
        Ok(d) => preds_of(&whosaid::analyze_with(&d, options), &doc.text),
        Err(_) => Vec::new(),
    }
}

fn preds_of(r: &Report, text: &str) -> Vec<Pred> {
    let cp = utf16_to_cp(text);
    let at = |u: u32| cp[(u as usize).min(cp.len() - 1)];
    let pred = |st: &whosaid::Statement| {
        let sp = r.speaker(&st.speaker);
        let mut mentions: Vec<(usize, usize)> =
            st.source.iter().map(|m| (at(m.start), at(m.end))).collect();
        if mentions.is_empty() {
            // A continued quote: the speaker's nearest mention before it.
            let before =
                sp.and_then(|sp| sp.mentions.iter().rev().find(|m| m.end <= st.content.start));
            mentions.extend(before.map(|m| (at(m.start), at(m.end))));
        }
        Pred {
            start: at(st.content.start),
            end: at(st.content.end),
            speaker: sp.map(|s| s.name.clone()).unwrap_or_default(),
            mentions,
        }
    };
    r.statements.iter().map(pred).collect()
}

/// UTF-16 offset → code-point offset table for a text.
fn utf16_to_cp(text: &str) -> Vec<usize> {
    let mut map = Vec::with_capacity(text.len() + 1);
    for (cp, c) in text.chars().enumerate() {
        map.extend(std::iter::repeat_n(cp, c.len_utf16()));
    }
    map.push(text.chars().count());
    map
}

const QUOTE_CHARS: &str = "\"“”«»„‟'‘’ \n\t";
const PRONOUNS: [&str; 6] = ["he", "she", "they", "it", "i", "we"];

/// The characters of the spans that count for matching (quote marks and whitespace ignored).
fn chars(spans: &[(usize, usize)], text: &[char]) -> HashSet<usize> {
    spans
        .iter()
        .flat_map(|&(s, e)| s..e.min(text.len()))
        .filter(|&i| !QUOTE_CHARS.contains(text[i]))
        .collect()
}

/// The last word of a name, lower-cased, without a possessive "'s".
pub fn last_word(s: Option<&str>) -> Option<String> {
    let word = s?
        .split(|c: char| !(c.is_ascii_alphabetic() || c == '\'' || c == '’' || c == '-'))
        .rev()
        .find(|w| w.starts_with(|c: char| c.is_ascii_alphabetic()))?;
    let w = word.to_lowercase();
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(&w);
    Some(w.to_string())
}

/// The predicted speaker's last word but a generational suffix ("Joseph R. Biden Jr." is
/// "biden", as the gold "Mr. Biden" is), unless it is a bare pronoun.
fn pred_name(p: &Pred) -> Option<String> {
    let mut name = p.speaker.trim_end();
    for suffix in ["Jr.", "Sr.", "Jr", "Sr", "III", "II", "IV"] {
        if let Some(rest) = name
            .strip_suffix(suffix)
            .filter(|r| r.ends_with([' ', ',']))
        {
            name = rest.trim_end_matches([' ', ',']);
            break;
        }
    }
    last_word(Some(name)).filter(|w| !PRONOUNS.contains(&w.as_str()))
}

/// The reference rule: source mentions overlap, or the last words agree with the gold speaker
/// or its automatic canonical name.
fn speaker_ok(p: &Pred, g: &Gold) -> bool {
    let overlap = p.mentions.iter().any(|&(ps, pe)| {
        g.speaker_mentions
            .iter()
            .any(|&(gs, ge)| ps < ge && gs < pe)
    });
    overlap
        || pred_name(p).is_some_and(|lw| {
            Some(&lw) == last_word(g.speaker.as_deref()).as_ref()
                || Some(&lw) == last_word(g.speaker_canonical_auto.as_deref()).as_ref()
        })
}

/// The "named" rule: the predicted name's last word is the name the gold source gives, or, for
/// a pronoun source, its automatic canonical name's last word. Mention overlap alone does not
/// count. A gold source mention often carries its appositive or relative clause ("Ann Lee, a
/// professor at Lund University", "Representative Ann Lee of Ohio"): its name is the part
/// before those, so "Lee" is the name there, not "University" or "Ohio".
fn named_ok(p: &Pred, g: &Gold) -> bool {
    let Some(lw) = pred_name(p) else {
        return false;
    };
    if g.speaker_is_pronoun {
        return Some(lw) == last_word(g.speaker_canonical_auto.as_deref());
    }
    let Some(gold) = g.speaker.as_deref() else {
        return false;
    };
    let head = gold.split([',', '(', ';', '—', '–']).next().unwrap_or(gold);
    let head = [" who ", " which ", " that "]
        .iter()
        .fold(head, |h, cut| h.split(cut).next().unwrap_or(h));
    let before_of = [" of ", " for ", " at ", " from "]
        .iter()
        .fold(head, |h, cut| h.split(cut).next().unwrap_or(h));
    [head, before_of]
        .iter()
        .any(|h| last_word(Some(h)).as_ref() == Some(&lw))
}

/// How one prediction fared.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Outcome {
    /// Its content matches no gold attribution.
    Unmatched,
    /// Its content matches gold attribution `gold`; `speaker`: by the reference rule; `named`:
    /// by name.
    Matched {
        gold: usize,
        speaker: bool,
        named: bool,
    },
}

/// What became of one gold attribution.
#[derive(Default, Clone, Copy)]
pub struct Found {
    pub quote: bool,
    pub speaker: bool,
    pub named: bool,
}

/// One article scored.
pub struct Scored {
    pub preds: Vec<Pred>,
    /// One per prediction.
    pub outcomes: Vec<Outcome>,
    /// One per gold attribution.
    pub found: Vec<Found>,
}

/// Scores one article's predictions.
pub fn score(doc: &Doc, preds: Vec<Pred>) -> Scored {
    let text: Vec<char> = doc.text.chars().collect();
    let gold: Vec<HashSet<usize>> = doc
        .quotes
        .iter()
        .map(|g| chars(&g.content_spans, &text))
        .collect();
    let outcomes: Vec<Outcome> = preds
        .iter()
        .map(|p| outcome(p, &doc.quotes, &gold, &text))
        .collect();
    let mut found = vec![Found::default(); doc.quotes.len()];
    for o in &outcomes {
        if let Outcome::Matched {
            gold,
            speaker,
            named,
        } = *o
        {
            let f = &mut found[gold];
            f.quote = true;
            f.speaker |= speaker;
            f.named |= named;
        }
    }
    Scored {
        preds,
        outcomes,
        found,
    }
}

/// A prediction matches the gold attribution holding most of its characters, if ≥ 50%.
fn outcome(p: &Pred, golds: &[Gold], gold: &[HashSet<usize>], text: &[char]) -> Outcome {
    let pc = chars(&[(p.start, p.end)], text);
    if pc.is_empty() {
        return Outcome::Unmatched;
    }
    let (mut best, mut bi) = (0.0f64, None);
    for (i, gc) in gold.iter().enumerate() {
        let ov = pc.intersection(gc).count() as f64 / pc.len() as f64;
        if ov > best {
            best = ov;
            bi = Some(i);
        }
    }
    match bi {
        Some(i) if best >= 0.5 => Outcome::Matched {
            gold: i,
            speaker: speaker_ok(p, &golds[i]),
            named: named_ok(p, &golds[i]),
        },
        _ => Outcome::Unmatched,
    }
}

/// Counts over predictions: all, content matched, with the right speaker, with the right name.
#[derive(Default, Clone, Copy)]
pub struct PredTally {
    pub n: usize,
    pub quote: usize,
    pub speaker: usize,
    pub named: usize,
}

impl PredTally {
    fn add(&mut self, o: Outcome) {
        self.n += 1;
        if let Outcome::Matched { speaker, named, .. } = o {
            self.quote += 1;
            self.speaker += usize::from(speaker);
            self.named += usize::from(named);
        }
    }
}

/// Counts over gold attributions: all, found, found with the right speaker, with the right name.
#[derive(Default, Clone, Copy)]
pub struct GoldTally {
    pub n: usize,
    pub quote: usize,
    pub speaker: usize,
    pub named: usize,
}

impl GoldTally {
    fn add(&mut self, f: Found) {
        self.n += 1;
        self.quote += usize::from(f.quote);
        self.speaker += usize::from(f.speaker);
        self.named += usize::from(f.named);
    }
}

/// Precision, recall and F1 of content (quote), attribution and named attribution.
#[derive(Clone, Copy, Debug)]
pub struct Figures {
    pub gold: usize,
    pub quote_p: f64,
    pub quote_r: f64,
    pub quote_f1: f64,
    pub attrib_p: f64,
    pub attrib_r: f64,
    pub attrib_f1: f64,
    pub named_p: f64,
    pub named_r: f64,
    pub named_f1: f64,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl Figures {
    /// Precision from `preds`, recall from `gold`.
    pub fn of(preds: &PredTally, gold: &GoldTally) -> Figures {
        let (quote_p, attrib_p, named_p) = (
            ratio(preds.quote, preds.n),
            ratio(preds.speaker, preds.n),
            ratio(preds.named, preds.n),
        );
        let (quote_r, attrib_r, named_r) = (
            ratio(gold.quote, gold.n),
            ratio(gold.speaker, gold.n),
            ratio(gold.named, gold.n),
        );
        Figures {
            gold: gold.n,
            quote_p,
            quote_r,
            quote_f1: f1(quote_p, quote_r),
            attrib_p,
            attrib_r,
            attrib_f1: f1(attrib_p, attrib_r),
            named_p,
            named_r,
            named_f1: f1(named_p, named_r),
        }
    }
}

/// A named subset of the gold attributions.
pub type Subset = (&'static str, fn(&Gold) -> bool);

/// The subsets reported, "all" first.
pub const SUBSETS: [Subset; 9] = [
    ("all", |_| true),
    ("direct", |g| g.quote_type == "direct"),
    ("mixed", |g| g.quote_type == "mixed"),
    ("indirect", |g| g.quote_type == "indirect"),
    ("direct+mixed", |g| g.quote_type != "indirect"),
    ("with_source", |g| !g.speaker_mentions.is_empty()),
    ("without_source", |g| g.speaker_mentions.is_empty()),
    ("pronoun_source", |g| g.speaker_is_pronoun),
    ("denial", |g| g.cue_class == "denial_or_dispute"),
];

/// One publisher's articles.
#[derive(Default)]
pub struct Publisher {
    pub docs: usize,
    pub preds: PredTally,
    pub gold: GoldTally,
}

/// Every count of a run.
pub struct Summary {
    pub docs: usize,
    pub preds: PredTally,
    /// One per entry of [`SUBSETS`].
    pub subsets: Vec<GoldTally>,
    pub publishers: BTreeMap<String, Publisher>,
}

impl Summary {
    /// Adds up the scored articles (`scored[i]` is `docs[i]`'s).
    pub fn of(docs: &[Doc], scored: &[Scored]) -> Summary {
        let mut s = Summary {
            docs: docs.len(),
            preds: PredTally::default(),
            subsets: vec![GoldTally::default(); SUBSETS.len()],
            publishers: BTreeMap::new(),
        };
        for (doc, sc) in docs.iter().zip(scored) {
            let publ = s.publishers.entry(doc.publisher.clone()).or_default();
            publ.docs += 1;
            for &o in &sc.outcomes {
                s.preds.add(o);
                publ.preds.add(o);
            }
            for (g, &f) in doc.quotes.iter().zip(&sc.found) {
                publ.gold.add(f);
                for (t, (_, is_in)) in s.subsets.iter_mut().zip(&SUBSETS) {
                    if is_in(g) {
                        t.add(f);
                    }
                }
            }
        }
        s
    }

    /// A subset's figures: its recall with the precision over all predictions.
    pub fn subset(&self, name: &str) -> Figures {
        Figures::of(&self.preds, &self.tally(name))
    }

    /// A subset's gold counts (by name in [`SUBSETS`]; "all" for an unknown name).
    pub fn tally(&self, name: &str) -> GoldTally {
        let i = SUBSETS.iter().position(|(n, _)| *n == name).unwrap_or(0);
        self.subsets[i]
    }

    /// Gold denials found with the right speaker (reference rule), and all gold denials.
    pub fn denials_found(&self) -> (usize, usize) {
        let t = self.tally("denial");
        (t.speaker, t.n)
    }
}

/// Reads a PolNeAR-format file: one article a line, blank lines skipped.
pub fn parse_docs(body: &str) -> Result<Vec<Doc>, String> {
    body.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", n + 1)))
        .collect()
}
