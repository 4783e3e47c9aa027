//! Training the pronoun ranker (native, `cli` feature): reads annotated articles in the PolNeAR
//! format (see `../shared/corpus/README.md`), runs the same stages as [`crate::analyze`], and
//! for every source pronoun the annotation resolves to a name (`speaker_canonical_auto`)
//! fits an averaged perceptron that ranks the candidates [`super::Context::candidates`] gives,
//! on the features [`super::Context::features`] gives: the same code as at run time.
//!
//! Deterministic: the examples come in file order and each epoch shuffles them with a fixed
//! seed, so the same data and options give the same model file, byte for byte.

use super::{Context, Ranker};
pub use crate::learned::train::{read_docs, GoldDoc};
use crate::mentions::MentionKind;
use crate::segment::Sentences;
use crate::{attribution, learned, mentions, speakers, Document, Model};

/// Training settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// log2 of the weight table's size.
    pub bits: u8,
    /// Passes over the examples.
    pub epochs: usize,
    /// Seed of the shuffles.
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            bits: 10,
            epochs: 10,
            seed: 0x5eed,
        }
    }
}

/// One pronoun with a gold name: its candidates' features and which of them are right.
struct Example {
    candidates: Vec<Vec<u32>>,
    right: Vec<bool>,
    /// The rules' choice among the candidates.
    rule: Option<usize>,
    /// Whether the pronoun is the source of a statement the stages find.
    stated: bool,
    /// The pronoun's class.
    class: char,
    /// For inspection: the pronoun, the gold name and the candidates' names.
    show: String,
}

/// The last word of a name, lower-case, without a possessive or a generational suffix (as
/// the "named" score reads names).
fn last_word(name: &str) -> Option<String> {
    let name = name.trim_end();
    let name = ["Jr.", "Sr.", "Jr", "Sr", "III", "II", "IV"]
        .iter()
        .find_map(|s| name.strip_suffix(s).filter(|r| r.ends_with([' ', ','])))
        .map_or(name, |r| r.trim_end_matches([' ', ',']));
    let word = name
        .split(|c: char| !(c.is_ascii_alphabetic() || c == '\'' || c == '’' || c == '-'))
        .rev()
        .find(|w| w.starts_with(|c: char| c.is_ascii_alphabetic()))?
        .to_lowercase();
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(&word);
    Some(word.to_string())
}

/// The examples of one article.
fn examples(doc: &GoldDoc, out: &mut Vec<Example>) {
    let Ok(d) = Document::from_text(&doc.text) else {
        return;
    };
    let text = d.text();
    let at = learned::train::byte_offsets(&doc.text);
    let byte = |c: usize| at[c.min(at.len() - 1)];
    let s = Sentences::new(text, d.blocks());
    let ms = mentions::find(text, &s);
    let es = speakers::resolve(&s, &ms);
    let rules = attribution::attribute(&s, &ms, &es);
    let statements = learned::extend(&s, &ms, &es, rules, Model::builtin());
    let ctx = Context::new(&s, &ms, &es, &statements);
    let mut f = Vec::new();
    for (mi, m) in ms.iter().enumerate() {
        let MentionKind::Pronoun(p) = m.kind else {
            continue;
        };
        if !super::ranked(p) {
            continue;
        }
        let gold = doc.quotes.iter().find_map(|q| {
            let hit = q
                .speaker_mentions
                .iter()
                .any(|&(a, b)| byte(a) < m.range.end && m.range.start < byte(b));
            (q.speaker_is_pronoun && hit)
                .then(|| q.speaker_canonical_auto.as_deref().and_then(last_word))
                .flatten()
        });
        let Some(gold) = gold else {
            continue;
        };
        let cands = ctx.candidates(mi, p);
        let mut ex = Example {
            candidates: Vec::with_capacity(cands.len()),
            right: Vec::with_capacity(cands.len()),
            rule: cands.iter().position(|c| c.rule),
            stated: statements.iter().any(|st| st.source == Some(mi)),
            show: String::new(),
            class: p,
        };
        if std::env::var_os("COREF_SHOW").is_some() {
            let names: Vec<String> = cands
                .iter()
                .map(|c| {
                    format!(
                        "{}{}",
                        es.list[c.entity].name,
                        if c.rule { "*" } else { "" }
                    )
                })
                .collect();
            ex.show = format!(
                "{:?} gold {gold} | {}",
                &text[m.range.clone()],
                names.join(" | ")
            );
        }
        for c in &cands {
            ctx.features(mi, p, c, &mut f);
            ex.candidates.push(f.clone());
            ex.right
                .push(last_word(&es.list[c.entity].name).as_deref() == Some(gold.as_str()));
        }
        out.push(ex);
    }
}

fn all_examples(docs: &[GoldDoc]) -> Vec<Example> {
    let mut out = Vec::new();
    for d in docs {
        examples(d, &mut out);
    }
    out
}

fn best(scores: impl Iterator<Item = f32>) -> Option<usize> {
    let mut top: Option<(usize, f32)> = None;
    for (i, s) in scores.enumerate() {
        if top.is_none_or(|(_, t)| s > t) {
            top = Some((i, s));
        }
    }
    top.map(|(i, _)| i)
}

/// What training saw.
#[derive(Debug, Default)]
pub struct Stats {
    /// Pronouns with a gold name, and those whose name is among the candidates.
    pub pronouns: usize,
    pub reachable: usize,
}

/// Trains the ranker.
pub fn train(docs: &[GoldDoc], opts: &Options) -> (Ranker, Stats) {
    let examples = all_examples(docs);
    let stats = Stats {
        pronouns: examples.len(),
        reachable: examples.iter().filter(|e| e.right.contains(&true)).count(),
    };
    let n = 1usize << opts.bits;
    let mask = (n - 1) as u32;
    let mut w = vec![0f32; n];
    // Averaging: the sum of the weights after every step, kept lazily.
    let mut total = vec![0f32; n];
    let mut stamp = vec![0u64; n];
    let mut step = 0u64;
    let mut order: Vec<usize> = (0..examples.len())
        .filter(|&i| examples[i].right.contains(&true))
        .collect();
    let mut rng = opts.seed.max(1);
    let score = |w: &[f32], f: &[u32]| f.iter().map(|&x| w[(x & mask) as usize]).sum::<f32>();
    for _ in 0..opts.epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            step += 1;
            let ex = &examples[i];
            let Some(guess) = best(ex.candidates.iter().map(|f| score(&w, f))) else {
                continue;
            };
            if ex.right[guess] {
                continue;
            }
            let Some(gold) = best(ex.candidates.iter().zip(&ex.right).map(|(f, &r)| {
                if r {
                    score(&w, f)
                } else {
                    f32::NEG_INFINITY
                }
            })) else {
                continue;
            };
            for (feats, delta) in [(&ex.candidates[gold], 1f32), (&ex.candidates[guess], -1.0)] {
                for &x in feats {
                    let k = (x & mask) as usize;
                    total[k] += w[k] * (step - stamp[k]) as f32;
                    stamp[k] = step;
                    w[k] += delta;
                }
            }
        }
    }
    let averaged: Vec<f32> = (0..n)
        .map(|k| (total[k] + w[k] * (step - stamp[k]) as f32) / step.max(1) as f32)
        .collect();
    (Ranker::quantise(&averaged), stats)
}

/// The ranker's and the rules' accuracy on annotated articles: over the pronouns with a gold
/// name, over those whose name is among the candidates, and over those that are the source of
/// a statement found.
pub fn evaluate(docs: &[GoldDoc], ranker: &Ranker) -> String {
    let examples = all_examples(docs);
    let (mut n, mut reach, mut stated) = (0, 0, 0);
    let (mut rule_ok, mut model_ok, mut rule_stated, mut model_stated) = (0, 0, 0, 0);
    for ex in &examples {
        n += 1;
        let reachable = ex.right.contains(&true);
        reach += usize::from(reachable);
        stated += usize::from(ex.stated);
        let r = ex.rule.is_some_and(|i| ex.right[i]);
        let m = best(ex.candidates.iter().map(|f| ranker.score(f))).is_some_and(|i| ex.right[i]);
        if ex.stated && !m && !ex.show.is_empty() {
            let pick = best(ex.candidates.iter().map(|f| ranker.score(f))).unwrap_or(0);
            eprintln!("miss (pick {pick}, rule {}): {}", r, ex.show);
        }
        rule_ok += usize::from(r);
        model_ok += usize::from(m);
        rule_stated += usize::from(r && ex.stated);
        model_stated += usize::from(m && ex.stated);
    }
    let mut classes = String::new();
    for p in ['m', 'f', 'p', 'o'] {
        let of: Vec<&Example> = examples.iter().filter(|e| e.class == p).collect();
        let rule = of
            .iter()
            .filter(|e| e.rule.is_some_and(|i| e.right[i]))
            .count();
        let model = of
            .iter()
            .filter(|e| {
                best(e.candidates.iter().map(|f| ranker.score(f))).is_some_and(|i| e.right[i])
            })
            .count();
        classes += &format!(" '{p}': {} (rules {rule}, ranker {model});", of.len());
    }
    format!(
        "by class:{classes} {n} pronouns with a gold name, {reach} with it among the candidates, {stated} sources \
         of a statement found; right: rules {rule_ok}, ranker {model_ok}; of the statements' \
         sources: rules {rule_stated}, ranker {model_stated}"
    )
}
