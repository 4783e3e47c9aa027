//! Training the learned stage (native, `cli` feature): reads annotated articles in the PolNeAR
//! format (see `../shared/corpus/README.md`), runs the same stages and the same feature code as
//! [`crate::analyze`], and fits the three scorers with an averaged perceptron.
//!
//! Deterministic: the examples come in file order and each epoch shuffles them with a fixed
//! seed, so the same data and options give the same model file, byte for byte.

use super::features::{Context, Cue, CueWords, Features};
use super::{candidates, Model};
use crate::segment::Sentences;
use crate::{attribution, mentions, speakers, Document};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::ops::Range;

/// One annotated article.
#[derive(Deserialize)]
pub struct GoldDoc {
    /// The article's text.
    pub text: String,
    /// Its attributions.
    pub quotes: Vec<GoldQuote>,
}

/// One annotated attribution (code-point offsets).
#[derive(Deserialize)]
pub struct GoldQuote {
    /// The content, possibly in pieces.
    pub content_spans: Vec<(usize, usize)>,
    /// The source's mentions.
    pub speaker_mentions: Vec<(usize, usize)>,
    /// The cue.
    pub cue_spans: Vec<(usize, usize)>,
    /// Whether the source is a pronoun.
    #[serde(default)]
    pub speaker_is_pronoun: bool,
    /// The name the source stands for, when the annotation gives one.
    #[serde(default)]
    pub speaker_canonical_auto: Option<String>,
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// log2 of the weight table's size.
    pub bits: u8,
    /// Passes over the examples.
    pub epochs: usize,
    /// Seed of the shuffles.
    pub seed: u64,
    /// Quantised weights of at most this size are dropped (a smaller model file).
    pub prune: i8,
    /// Perceptrons trained (seeds `seed`, `seed + 1`, …) and averaged into the model.
    pub runs: usize,
    /// Cue score thresholds written into the model, for words the speech-cue lexicon knows
    /// and for the others.
    pub threshold: f32,
    pub threshold_unknown: f32,
    /// A word may head a cue when it does so at least this often in the training data…
    pub min_cue_count: usize,
    /// … and in at least this share of its uses.
    pub min_cue_rate: f64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            bits: 15,
            epochs: 8,
            seed: 0x5eed,
            runs: 5,
            prune: 10,
            threshold: -5.0,
            threshold_unknown: -3.0,
            min_cue_count: 3,
            min_cue_rate: 0.28,
        }
    }
}

/// What training saw.
#[derive(Debug, Default)]
pub struct Stats {
    /// Articles used.
    pub docs: usize,
    /// Cue examples (tokens) and how many of them are cues.
    pub tokens: usize,
    pub cue_tokens: usize,
    /// Attributions whose source is among the candidates, and those whose source is not.
    pub sources: usize,
    pub sources_missed: usize,
    /// Attributions with no cue inside an analysed sentence.
    pub cues_missed: usize,
}

/// Reads a JSONL file of annotated articles.
pub fn read_docs(path: &std::path::Path) -> Result<Vec<GoldDoc>, String> {
    crate::pos::train::read_jsonl(path)
}

#[derive(Default)]
struct Examples {
    cue: Vec<(Vec<u32>, bool)>,
    source: Vec<(Vec<Vec<u32>>, usize)>,
    side: Vec<(Vec<u32>, bool)>,
    end: Vec<(Vec<u32>, bool)>,
}

/// Byte offset of every code point offset of `text` (and of its end).
pub(crate) fn byte_offsets(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// For each token: `Some(true)` when it heads a gold cue (its first token that is no auxiliary
/// or adverb: "has said", "also noted"), `Some(false)` for a cue's other tokens (left out of
/// training), `None` elsewhere.
fn head_labels(s: &Sentences, doc: &GoldDoc) -> Vec<Option<bool>> {
    let at = byte_offsets(&doc.text);
    let span = |&(a, b): &(usize, usize)| at[a.min(at.len() - 1)]..at[b.min(at.len() - 1)];
    let mut label = vec![None; s.tokens.len()];
    for g in doc.quotes.iter().flat_map(|q| q.cue_spans.iter().map(span)) {
        let a = s.tokens.partition_point(|t| t.end() <= g.start);
        let b = s.tokens.partition_point(|t| t.start() < g.end);
        for slot in &mut label[a..b.max(a)] {
            slot.get_or_insert(false);
        }
        if let Some(h) = (a..b).find(|&i| is_head(s, i)).or((a < b).then_some(a)) {
            label[h] = Some(true);
        }
    }
    label
}

/// Words never cues of the learned stage (`not_cues.txt`, which says why): lines that are
/// neither blank nor comments.
fn not_cues() -> impl Iterator<Item = &'static str> {
    include_str!("not_cues.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The words that head a gold cue at least `min_cue_count` times and in at least
/// `min_cue_rate` of their uses outside quotations, sorted; never one of [`not_cues`].
pub fn cue_words(docs: &[GoldDoc], opts: &Options) -> Vec<String> {
    let mut heads: FxHashMap<String, (usize, usize)> = FxHashMap::default();
    for doc in docs {
        let Ok(d) = Document::from_text(doc.text.as_str()) else {
            continue;
        };
        let s = Sentences::new(d.text(), d.blocks());
        for (i, l) in head_labels(&s, doc).iter().enumerate() {
            if s.info[i].has(crate::lexicon::word::FREE_WORD) {
                let e = heads.entry(s.lower(i).to_string()).or_default();
                e.0 += usize::from(*l == Some(true));
                e.1 += 1;
            }
        }
    }
    let mut words: Vec<String> = heads
        .into_iter()
        .filter(|(w, (c, n))| {
            *c >= opts.min_cue_count
                && *c as f64 >= opts.min_cue_rate * *n as f64
                && !not_cues().any(|n| n == w)
        })
        .map(|(w, _)| w)
        .collect();
    words.sort_unstable();
    words
}

/// Whether token `i` can head a cue: a word that is no auxiliary or adverb (`aux.txt`).
fn is_head(s: &Sentences, i: usize) -> bool {
    s.tokens[i].kind == crate::tokens::TokKind::Word && !s.info[i].has(crate::lexicon::word::AUX)
}

/// Adds one article's examples.
fn examples_of(doc: &GoldDoc, vocab: &CueWords, ex: &mut Examples, stats: &mut Stats) {
    let Ok(d) = Document::from_text(doc.text.as_str()) else {
        return;
    };
    let text = d.text();
    let s = Sentences::new(text, d.blocks());
    let ms = mentions::find(text, &s);
    let entities = speakers::resolve(&s, &ms);
    let rules = attribution::attribute(&s, &ms, &entities);
    let ctx = Context::new(&s, &ms, &rules);
    let vocab = vocab.of_forms(&s);
    let at = byte_offsets(&doc.text);
    let span = |&(a, b): &(usize, usize)| at[a.min(at.len() - 1)]..at[b.min(at.len() - 1)];
    let label = head_labels(&s, doc);
    stats.docs += 1;
    let mut f = Features::default();
    for (si, sent) in s.sentences.iter().enumerate() {
        for i in sent.tokens.clone() {
            if !ctx.cue_candidate(i, &vocab) {
                continue;
            }
            let label = match label[i] {
                None => false,
                Some(true) => true,
                Some(false) => continue,
            };
            ctx.cue(si, i, &mut f);
            stats.tokens += 1;
            stats.cue_tokens += usize::from(label);
            ex.cue.push((f.ids.clone(), label));
        }
    }
    for q in &doc.quotes {
        let Some(cue_span) = q.cue_spans.first().map(span) else {
            continue;
        };
        let a = s.tokens.partition_point(|t| t.end() <= cue_span.start);
        let b = s.tokens.partition_point(|t| t.start() < cue_span.end);
        let Some(si) = (a < b).then(|| s.sentences.partition_point(|x| x.tokens.end <= a)) else {
            stats.cues_missed += 1;
            continue;
        };
        let Some(sent) = s.sentences.get(si) else {
            stats.cues_missed += 1;
            continue;
        };
        let cue = Cue {
            tokens: a..b.min(sent.tokens.end),
            sentence: si,
            sure: true,
        };
        let m0 = ms.partition_point(|m| m.sentence < si);
        let m1 = ms.partition_point(|m| m.sentence <= si);
        let cands = candidates(&ctx, &cue, m0..m1);
        let gold_sources: Vec<Range<usize>> = q.speaker_mentions.iter().map(span).collect();
        let gold = cands
            .iter()
            .position(|&(mi, _)| gold_sources.iter().any(|g| overlaps(g, &ms[mi].range)));
        let mut feats: Vec<Vec<u32>> = cands
            .iter()
            .map(|&(mi, rank)| {
                ctx.source(&cue, mi, rank, &mut f);
                f.ids.clone()
            })
            .collect();
        ctx.no_source(&cue, cands.len(), &mut f);
        feats.push(f.ids.clone());
        let Some(gi) = gold else {
            stats.sources_missed += usize::from(!gold_sources.is_empty());
            ex.source.push((feats, cands.len()));
            continue;
        };
        stats.sources += 1;
        ex.source.push((feats, gi));
        if let Some(content) = q.content_spans.first().map(span) {
            ctx.side(&cue, Some(cands[gi].0), &mut f);
            let after = content.start >= cue_span.end;
            ex.side.push((f.ids.clone(), after));
            if after {
                let gold_end = q.content_spans.iter().map(span).map(|c| c.end).max();
                end_examples(
                    &ctx,
                    &cue,
                    cands[gi].0,
                    gold_end.unwrap_or(content.end),
                    ex,
                    &mut f,
                );
            }
        }
    }
}

/// The content-end examples of one attribution whose content follows its cue: each token of
/// the side after the cue, up to the gold content's last one, is a place the content may end
/// (the run-time decoder takes the first place that scores an end).
fn end_examples(
    ctx: &Context,
    cue: &Cue,
    mi: usize,
    gold_end: usize,
    ex: &mut Examples,
    f: &mut Features,
) {
    let s = ctx.s;
    let right = super::up_to_next_cue(ctx, &[], super::sides(ctx, cue, mi).1);
    let right = attribution::trim(s, right);
    if right.is_empty() || s.tokens[right.start].start() >= gold_end {
        return;
    }
    // The gold content's last token within the side.
    let last = s.tokens[right.clone()].partition_point(|t| t.end() <= gold_end);
    let gold_j = right.start + last.saturating_sub(1);
    for at in ctx.end_places(right).take_while(|at| at.token <= gold_j) {
        ctx.end(cue, &at, f);
        ex.end.push((f.ids.clone(), at.token == gold_j));
    }
}

/// An averaged perceptron's weights over one hashed table.
struct Averaged {
    mask: u32,
    w: Vec<f32>,
    /// Sum of each update times the step it was made at (for averaging).
    u: Vec<f32>,
    step: f32,
}

impl Averaged {
    fn new(bits: u8) -> Averaged {
        let n = 1usize << bits;
        Averaged {
            mask: (n - 1) as u32,
            w: vec![0.0; n],
            u: vec![0.0; n],
            step: 1.0,
        }
    }

    fn score(&self, ids: &[u32]) -> f32 {
        ids.iter().map(|&i| self.w[(i & self.mask) as usize]).sum()
    }

    fn update(&mut self, ids: &[u32], delta: f32) {
        for &i in ids {
            let k = (i & self.mask) as usize;
            self.w[k] += delta;
            self.u[k] += delta * self.step;
        }
    }

    fn tick(&mut self) {
        self.step += 1.0;
    }

    fn averaged(&self) -> Vec<f32> {
        self.w
            .iter()
            .zip(&self.u)
            .map(|(w, u)| w - u / self.step)
            .collect()
    }
}

/// A fixed-seed xorshift shuffle.
fn shuffle<T>(v: &mut [T], state: &mut u64) {
    for i in (1..v.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        v.swap(i, (*state % (i as u64 + 1)) as usize);
    }
}

/// Per-part figures of a model on annotated articles: cue tokens (precision, recall), sources
/// picked right among the candidates (given the gold cue), content sides right.
pub fn evaluate(docs: &[GoldDoc], model: &Model) -> String {
    let mut ex = Examples::default();
    let mut stats = Stats::default();
    for doc in docs {
        examples_of(doc, model.cue_words(), &mut ex, &mut stats);
    }
    let t = model.threshold(true);
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for (ids, label) in &ex.cue {
        match (model.score(ids) > t, *label) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fn_ += 1,
            _ => {}
        }
    }
    let source_ok = ex
        .source
        .iter()
        .filter(|(cands, gold)| {
            let best = (0..cands.len())
                .map(|c| (model.score(&cands[c]), c))
                .fold((f32::MIN, 0), |a, b| if b.0 > a.0 { b } else { a })
                .1;
            best == *gold
        })
        .count();
    let end_ok = ex
        .end
        .iter()
        .filter(|(ids, label)| (model.score(ids) > 0.0) == *label)
        .count();
    let side_ok = ex
        .side
        .iter()
        .filter(|(ids, label)| (model.score(ids) > 0.0) == *label)
        .count();
    format!(
        "cue tokens P {:.3} R {:.3}; source {}/{} = {:.3} (not among candidates: {}); side {}/{} = {:.3}; content-end places {}/{} = {:.3}",
        tp as f64 / (tp + fp).max(1) as f64,
        tp as f64 / (tp + fn_).max(1) as f64,
        source_ok,
        ex.source.len(),
        source_ok as f64 / ex.source.len().max(1) as f64,
        stats.sources_missed,
        side_ok,
        ex.side.len(),
        side_ok as f64 / ex.side.len().max(1) as f64,
        end_ok,
        ex.end.len(),
        end_ok as f64 / ex.end.len().max(1) as f64
    )
}

/// One averaged perceptron over the examples, shuffled with `seed`.
fn fit(ex: &mut Examples, opts: &Options, seed: u64) -> Vec<f32> {
    let mut p = Averaged::new(opts.bits);
    let mut state = seed.max(1);
    for _ in 0..opts.epochs {
        shuffle(&mut ex.cue, &mut state);
        shuffle(&mut ex.source, &mut state);
        shuffle(&mut ex.side, &mut state);
        shuffle(&mut ex.end, &mut state);
        for (ids, label) in ex.cue.iter().chain(&ex.side).chain(&ex.end) {
            if (p.score(ids) > 0.0) != *label {
                p.update(ids, if *label { 1.0 } else { -1.0 });
            }
            p.tick();
        }
        for (cands, gold) in &ex.source {
            let best = (0..cands.len())
                .map(|c| (p.score(&cands[c]), c))
                .fold((f32::MIN, 0), |a, b| if b.0 > a.0 { b } else { a })
                .1;
            if best != *gold {
                p.update(&cands[*gold], 1.0);
                p.update(&cands[best], -1.0);
            }
            p.tick();
        }
    }
    p.averaged()
}

/// Trains a model on annotated articles.
pub fn train(docs: &[GoldDoc], opts: &Options) -> (Model, Stats) {
    let words = cue_words(docs, opts);
    let vocab = CueWords::new(words.iter().cloned());
    let mut ex = Examples::default();
    let mut stats = Stats::default();
    for doc in docs {
        examples_of(doc, &vocab, &mut ex, &mut stats);
    }
    // Several perceptrons, each seeing the examples in its own order, averaged: one run's
    // figures move by about 0.01 F1 with its seed; the mean of a few does not.
    let mut weights = vec![0.0f32; 1usize << opts.bits];
    for run in 0..opts.runs.max(1) {
        let seed = opts.seed.wrapping_add(run as u64);
        let w = fit(&mut ex, opts, seed);
        for (a, b) in weights.iter_mut().zip(w) {
            *a += b / opts.runs.max(1) as f32;
        }
    }
    (
        Model::quantise(
            &weights,
            (opts.threshold, opts.threshold_unknown),
            words,
            opts.prune,
        ),
        stats,
    )
}
