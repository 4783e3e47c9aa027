//! Training the part-of-speech tagger (native, `cli` feature) on the machine syntax that ships
//! with the corpus (`syntax/polnear_*_silver.jsonl`: CoreNLP's Penn Treebank tags, by
//! code-point offsets into the texts of `train/` and `dev/`).
//!
//! CoreNLP's tokens are not ours, so each of our tokens takes the tag of the CoreNLP tokens at
//! its offsets: the same token (most of them); the token it is part of ("AT&T" is one token
//! there, three here); or, when it holds several ("don't" is "do" + "n't" there), the first
//! of them before a clitic ("n't", "'m", "'re", "not" of "cannot") and else the last word of
//! them (the head of "well-known"). A token that crosses a boundary of theirs, or lies where
//! they have none, is tagged but neither trained on nor counted.
//!
//! Deterministic: articles are read in file order and each epoch shuffles them with a fixed seed,
//! so the same data and options give the same model file, byte for byte.

use super::{walk, Features, Pos, Tagger, CLASSES};
use crate::blocks::Document;
use crate::segment::Sentences;
use rustc_hash::FxHashMap;
use serde::de::IgnoredAny;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;
use std::time::{Duration, Instant};

/// One article and CoreNLP's tags of it.
pub struct Sample {
    text: String,
    /// CoreNLP's tokens: byte ranges of `text`, their classes, and whether each is a clitic
    /// that leans on the word before it.
    silver: Vec<(Range<usize>, Pos, bool)>,
}

#[derive(Deserialize)]
struct SilverLine {
    id: String,
    tokens: Vec<(usize, usize, String, IgnoredAny, IgnoredAny, IgnoredAny)>,
}

#[derive(Deserialize)]
struct TextLine {
    id: String,
    text: String,
}

/// Reads a JSONL file: one value a line, blank lines skipped.
pub fn read_jsonl<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>, String> {
    let body = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    body.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            serde_json::from_str(l).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))
        })
        .collect()
}

impl Sample {
    /// The article's text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// An article and its tokens' Penn tags (byte ranges of `text`).
    pub fn new(text: String, tags: &[(Range<usize>, &str)]) -> Sample {
        let silver = tags
            .iter()
            .map(|(r, t)| {
                let w = text[r.clone()].to_lowercase();
                let clitic = w.starts_with(['\'', '’'])
                    || matches!(w.as_str(), "n't" | "n’t" | "not" | "na" | "ta");
                (r.clone(), Pos::from_penn(t), clitic)
            })
            .collect();
        Sample { text, silver }
    }

    /// The class each of our tokens takes from CoreNLP's (see the module comment).
    fn labels(&self, s: &Sentences, stats: &mut Alignment) -> Vec<Option<Pos>> {
        let g = &self.silver;
        let mut j0 = 0;
        let mut out = Vec::with_capacity(s.tokens.len());
        for t in &s.tokens {
            let r = &t.range();
            while j0 < g.len() && g[j0].0.end <= r.start {
                j0 += 1;
            }
            let j1 = j0 + g[j0..].partition_point(|x| x.0.start < r.end);
            let pieces = &g[j0..j1];
            let label = match pieces {
                [] => {
                    stats.unaligned += 1;
                    None
                }
                [(x, p, _)] if x == r => {
                    stats.exact += 1;
                    Some(*p)
                }
                [(x, p, _)] if x.start <= r.start && r.end <= x.end => {
                    stats.split += 1;
                    Some(*p)
                }
                _ if pieces
                    .iter()
                    .all(|x| r.start <= x.0.start && x.0.end <= r.end) =>
                {
                    stats.joined += 1;
                    Some(if pieces[1..].iter().any(|x| x.2) {
                        pieces[0].1
                    } else {
                        pieces
                            .iter()
                            .rev()
                            .map(|x| x.1)
                            .find(|&p| p != Pos::Punctuation)
                            .unwrap_or(Pos::Punctuation)
                    })
                }
                _ => {
                    stats.crossing += 1;
                    None
                }
            };
            out.push(label);
        }
        out
    }
}

/// Reads CoreNLP's tags (`syntax`) and the texts they tag (`texts`, matched by `id`); articles
/// without tags are left out.
pub fn read_corpus(syntax: &Path, texts: &Path) -> Result<Vec<Sample>, String> {
    let mut by_id: FxHashMap<String, String> = read_jsonl::<TextLine>(texts)?
        .into_iter()
        .map(|t| (t.id, t.text))
        .collect();
    let mut out = Vec::new();
    for line in read_jsonl::<SilverLine>(syntax)? {
        let text = by_id
            .remove(&line.id)
            .ok_or_else(|| format!("{}: no text for {}", texts.display(), line.id))?;
        // Code-point offsets to byte offsets.
        let mut at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        at.push(text.len());
        let byte = |cp: usize| at[cp.min(at.len() - 1)];
        let tags: Vec<(Range<usize>, &str)> = line
            .tokens
            .iter()
            .map(|t| (byte(t.0)..byte(t.1), t.2.as_str()))
            .collect();
        out.push(Sample::new(text.clone(), &tags));
    }
    Ok(out)
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// log2 of the number of weight rows (at most [`super::MAX_BITS`]).
    pub bits: u8,
    /// Passes over the articles.
    pub epochs: usize,
    /// Passes after pruning, in which the weights kept learn to do without the others.
    pub retrain: usize,
    /// Seed of the shuffles.
    pub seed: u64,
    /// Weights of at most this size, on a scale where the largest is 127, are dropped (a
    /// smaller model file).
    pub prune: i8,
    /// Weights are quantised to whole numbers of at most this size (at most
    /// [`super::MAX_LEVEL`]).
    pub levels: i8,
    /// A word goes into the dictionary when seen at least this often…
    pub dict_min: usize,
    /// … with one class in at least this share of its uses.
    pub dict_rate: f64,
}

impl Default for Options {
    /// The settings of the built-in model (see the README for what others gave).
    fn default() -> Options {
        Options {
            bits: 14,
            epochs: 6,
            retrain: 3,
            seed: 0x5eed,
            prune: 22,
            levels: 9,
            dict_min: 20,
            dict_rate: 0.90,
        }
    }
}

/// How our tokens met CoreNLP's.
#[derive(Debug, Default, Clone)]
pub struct Alignment {
    /// The same token.
    pub exact: usize,
    /// Part of one of theirs.
    pub split: usize,
    /// Several of theirs.
    pub joined: usize,
    /// Across a boundary of theirs (not counted).
    pub crossing: usize,
    /// Where they have no token (not counted).
    pub unaligned: usize,
}

/// An averaged perceptron over rows of per-class weights, averaged lazily: each weight
/// remembers when it last changed and what it summed to until then.
struct Perceptron {
    shift: u32,
    w: Vec<f32>,
    total: Vec<f64>,
    stamp: Vec<u32>,
    now: u32,
    /// The weights that may change (all when empty).
    keep: Vec<bool>,
}

impl Perceptron {
    fn new(bits: u8) -> Perceptron {
        let n = (1usize << bits) * CLASSES;
        Perceptron {
            shift: 32 - u32::from(bits),
            w: vec![0.0; n],
            total: vec![0.0; n],
            stamp: vec![0; n],
            now: 0,
            keep: Vec::new(),
        }
    }

    /// Goes on from the averaged weights, with those that quantise to zero (see
    /// [`Perceptron::quantised`]) left at zero for good: the weights that are kept learn to do
    /// without the others.
    fn prune(&mut self, levels: i8, prune: i8) {
        let q = self.quantised(levels, prune);
        let avg = self.averaged();
        let n = self.w.len();
        self.keep = q.iter().map(|&q| q != 0).collect();
        self.w = avg
            .iter()
            .zip(&self.keep)
            .map(|(&w, &k)| if k { w as f32 } else { 0.0 })
            .collect();
        self.total = vec![0.0; n];
        self.stamp = vec![0; n];
        self.now = 0;
    }

    fn best(&self, f: &Features) -> Pos {
        let mut sum = [0f32; CLASSES];
        for &id in &f.ids {
            let r = (id >> self.shift) as usize * CLASSES;
            for (s, w) in sum.iter_mut().zip(&self.w[r..r + CLASSES]) {
                *s += w;
            }
        }
        let best = (1..CLASSES).fold(0, |b, c| if sum[c] > sum[b] { c } else { b });
        Pos::ALL[best]
    }

    fn learn(&mut self, f: &Features, gold: Pos, guess: Pos) {
        self.now += 1;
        if gold == guess {
            return;
        }
        for &id in &f.ids {
            let r = (id >> self.shift) as usize * CLASSES;
            for (c, d) in [(gold as usize, 1.0), (guess as usize, -1.0)] {
                let k = r + c;
                if !self.keep.is_empty() && !self.keep[k] {
                    continue;
                }
                self.total[k] += f64::from(self.now - self.stamp[k]) * f64::from(self.w[k]);
                self.stamp[k] = self.now;
                self.w[k] += d;
            }
        }
    }

    /// The averaged weights.
    fn averaged(&self) -> Vec<f64> {
        let now = f64::from(self.now.max(1));
        (0..self.w.len())
            .map(|k| {
                let w = f64::from(self.w[k]);
                (self.total[k] + f64::from(self.now - self.stamp[k]) * w) / now
            })
            .collect()
    }

    /// The averaged weights, quantised to whole numbers of at most `levels`; those that would
    /// be at most `prune` on a scale of 127 are dropped.
    fn quantised(&self, levels: i8, prune: i8) -> Vec<i8> {
        let levels = levels.clamp(1, super::MAX_LEVEL);
        let avg = self.averaged();
        let max = avg.iter().fold(0f64, |m, w| m.max(w.abs()));
        let unit = if max > 0.0 { max } else { 1.0 };
        let cut = f64::from(prune) + 0.5;
        avg.iter()
            .map(|w| {
                if (w * 127.0 / unit).abs() < cut {
                    0
                } else {
                    (w * f64::from(levels) / unit).round() as i8
                }
            })
            .collect()
    }
}

/// The words seen at least `dict_min` times, with one class in at least `dict_rate` of them
/// (0.97 when another verb form makes 1% of them or more).
fn dictionary(docs: &[(Document, Vec<Option<Pos>>)], opts: &Options) -> Vec<(Pos, String)> {
    let mut seen: BTreeMap<String, [usize; CLASSES]> = BTreeMap::new();
    for (d, labels) in docs {
        let s = Sentences::new(d.text(), d.blocks());
        for (i, l) in labels.iter().enumerate() {
            if let Some(p) = l {
                seen.entry(s.lower(i).to_string()).or_insert([0; CLASSES])[*p as usize] += 1;
            }
        }
    }
    seen.into_iter()
        .filter_map(|(w, n)| {
            let total: usize = n.iter().sum();
            let (c, top) = n
                .iter()
                .enumerate()
                .max_by_key(|&(c, k)| (k, CLASSES - c))?;
            // A word that is also a verb of another form now and then ("meeting" as a noun
            // and as "are meeting") is left to the context unless it nearly never is: the
            // attribution stages read verb forms.
            let other_verb = Pos::ALL
                .iter()
                .any(|&p| p as usize != c && p.is_verb() && n[p as usize] * 100 >= total);
            let rate = if other_verb {
                opts.dict_rate.max(0.97)
            } else {
                opts.dict_rate
            };
            (total >= opts.dict_min && *top as f64 >= rate * total as f64).then(|| (Pos::ALL[c], w))
        })
        .collect()
}

/// A fixed-seed shuffle (splitmix64 draws).
fn shuffle<T>(v: &mut [T], state: &mut u64) {
    let mut draw = || {
        *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    for i in (1..v.len()).rev() {
        v.swap(i, (draw() % (i as u64 + 1)) as usize);
    }
}

/// The articles as documents, with the class each token takes from CoreNLP.
fn documents(samples: &[Sample], stats: &mut Alignment) -> Vec<(Document, Vec<Option<Pos>>)> {
    samples
        .iter()
        .filter_map(|x| {
            let d = Document::from_text(x.text.as_str()).ok()?;
            let labels = x.labels(&Sentences::new(d.text(), d.blocks()), stats);
            Some((d, labels))
        })
        .collect()
}

/// Trains a tagger; also says how the tokens aligned.
pub fn train(samples: &[Sample], opts: &Options) -> (Tagger, Alignment) {
    let mut stats = Alignment::default();
    let mut docs = documents(samples, &mut stats);
    let words = dictionary(&docs, opts);
    let dict = Tagger::new(opts.bits, Vec::new(), words.clone()).dict;
    let mut p = Perceptron::new(opts.bits);
    let mut state = opts.seed;
    for epoch in 0..opts.epochs + opts.retrain {
        if epoch == opts.epochs && opts.retrain > 0 {
            p.prune(opts.levels, opts.prune);
        }
        shuffle(&mut docs, &mut state);
        for (d, labels) in &docs {
            let s = Sentences::new(d.text(), d.blocks());
            walk(&s, &dict, |i, known, features| {
                if let Some(k) = known {
                    return k;
                }
                let f = features();
                let guess = p.best(&f);
                if let Some(gold) = labels[i] {
                    p.learn(&f, gold, guess);
                }
                guess
            });
        }
    }
    let prune = if opts.retrain > 0 { 0 } else { opts.prune };
    (
        Tagger::new(opts.bits, p.quantised(opts.levels, prune), words),
        stats,
    )
}

/// A tagger's figures on tagged articles.
#[derive(Debug, Default, Clone)]
pub struct Figures {
    /// How the tokens aligned.
    pub alignment: Alignment,
    /// Per class: tokens CoreNLP gives it, those the tagger gives it too, and those the
    /// tagger gives it.
    pub gold: [usize; CLASSES],
    pub right: [usize; CLASSES],
    pub guessed: [usize; CLASSES],
    /// Tokens whose class came from the dictionary, and those of them that were right.
    pub dictionary: usize,
    pub dictionary_right: usize,
    /// Bytes of text tagged.
    pub bytes: usize,
    /// Time spent tagging (segmentation aside), segmenting, and analysing the same texts
    /// whole (`analyze`, for comparison, when the caller measures it).
    pub tag_time: Duration,
    pub segment_time: Duration,
    pub analyze_time: Duration,
}

impl Figures {
    /// Share of counted tokens tagged as CoreNLP tags them.
    pub fn accuracy(&self) -> f64 {
        self.right.iter().sum::<usize>() as f64 / self.gold.iter().sum::<usize>().max(1) as f64
    }

    /// Share of a class's tokens given it (recall), and share of those given it that have it
    /// (precision).
    pub fn class(&self, p: Pos) -> (f64, f64) {
        let c = p as usize;
        (
            self.right[c] as f64 / self.gold[c].max(1) as f64,
            self.right[c] as f64 / self.guessed[c].max(1) as f64,
        )
    }
}

impl std::fmt::Display for Figures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let a = &self.alignment;
        let counted: usize = self.gold.iter().sum();
        writeln!(
            f,
            "accuracy {:.4} on {counted} tokens (aligned: {} same, {} part of one, {} of several; \
             not counted: {} crossing, {} unaligned)",
            self.accuracy(),
            a.exact,
            a.split,
            a.joined,
            a.crossing,
            a.unaligned
        )?;
        writeln!(
            f,
            "dictionary: {} tokens, {:.4} right",
            self.dictionary,
            self.dictionary_right as f64 / self.dictionary.max(1) as f64
        )?;
        let mut table = String::new();
        for p in Pos::ALL {
            let (r, pr) = self.class(p);
            let _ = writeln!(
                table,
                "  {:<15} {:>6} recall {:.3} precision {:.3}",
                format!("{p:?}"),
                self.gold[p as usize],
                r,
                pr
            );
        }
        f.write_str(&table)?;
        if self.tag_time.is_zero() {
            return Ok(());
        }
        let secs = |d: Duration| d.as_secs_f64();
        write!(
            f,
            "speed: tag {:.1} MB/s ({:.1} ms), segment {:.1} ms",
            self.bytes as f64 / 1e6 / secs(self.tag_time),
            secs(self.tag_time) * 1e3,
            secs(self.segment_time) * 1e3,
        )?;
        if !self.analyze_time.is_zero() {
            write!(
                f,
                ", analyze {:.1} ms: tagging is {:.1}% of analyze",
                secs(self.analyze_time) * 1e3,
                100.0 * secs(self.tag_time) / secs(self.analyze_time)
            )?;
        }
        Ok(())
    }
}

/// The time this thread has run on a processor (from Linux's `/proc/thread-self/schedstat`, in
/// nanoseconds, but brought up to date only every few milliseconds), so that the other work of
/// a busy machine does not count; elsewhere the time since the first call.
fn cpu_time() -> Duration {
    static EPOCH: std::sync::LazyLock<Instant> = std::sync::LazyLock::new(Instant::now);
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map_or_else(|| EPOCH.elapsed(), Duration::from_nanos)
}

/// The processor time of one run of `pass` (see [`cpu_time`]): `pass` is run again and again
/// for at least 200 ms, three times, and the fastest of the three means is taken.
pub fn fastest(pass: &dyn Fn()) -> Duration {
    (0..3)
        .map(|_| {
            let start = cpu_time();
            let mut runs = 0;
            while cpu_time().saturating_sub(start) < Duration::from_millis(200) {
                pass();
                runs += 1;
            }
            cpu_time().saturating_sub(start) / runs
        })
        .min()
        .unwrap_or_default()
}

/// Tags the articles and compares with CoreNLP. `timed`: also times segmenting and tagging
/// them (see [`fastest`]; the caller may fill in [`Figures::analyze_time`] to compare).
pub fn evaluate(samples: &[Sample], tagger: &Tagger, timed: bool) -> Figures {
    let mut fig = Figures::default();
    let docs = documents(samples, &mut fig.alignment);
    let sentences: Vec<Sentences> = docs
        .iter()
        .map(|(d, _)| Sentences::new(d.text(), d.blocks()))
        .collect();
    for ((d, labels), s) in docs.iter().zip(&sentences) {
        fig.bytes += d.text().len();
        let tags = tagger.tag(s);
        let mut known = vec![false; tags.len()];
        walk(s, &tagger.dict, |i, k, _| {
            known[i] = k.is_some();
            k.unwrap_or(Pos::Other)
        });
        for (i, label) in labels.iter().enumerate() {
            let Some(gold) = *label else { continue };
            fig.gold[gold as usize] += 1;
            fig.guessed[tags[i] as usize] += 1;
            fig.right[gold as usize] += usize::from(tags[i] == gold);
            if known[i] {
                fig.dictionary += 1;
                fig.dictionary_right += usize::from(tags[i] == gold);
            }
        }
    }
    if timed {
        let docs: Vec<&Document> = docs.iter().map(|(d, _)| d).collect();
        (fig.segment_time, fig.tag_time) = timing(&docs, tagger);
    }
    fig
}

/// The processor time of segmenting some articles, and of tagging them once segmented (see
/// [`fastest`]).
pub fn timing(docs: &[&Document], tagger: &Tagger) -> (Duration, Duration) {
    let sentences: Vec<Sentences> = docs
        .iter()
        .map(|d| Sentences::new(d.text(), d.blocks()))
        .collect();
    let tag = fastest(&|| {
        for s in &sentences {
            std::hint::black_box(tagger.tag(s));
        }
    });
    let segment = fastest(&|| {
        for d in docs {
            std::hint::black_box(Sentences::new(d.text(), d.blocks()));
        }
    });
    (segment, tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An article of our own with its tags, as CoreNLP would give them.
    fn sample(words: &[(&str, &str)]) -> Sample {
        let mut text = String::new();
        let mut tags = Vec::new();
        for (w, t) in words {
            if !text.is_empty() && !matches!(*w, "." | "," | "n't") {
                text.push(' ');
            }
            tags.push((text.len()..text.len() + w.len(), *t));
            text.push_str(w);
        }
        Sample::new(text, &tags)
    }

    fn small() -> Vec<Sample> {
        vec![
            sample(&[
                ("The", "DT"),
                ("mayor", "NN"),
                ("said", "VBD"),
                ("the", "DT"),
                ("bridge", "NN"),
                ("was", "VBD"),
                ("closed", "VBN"),
                (".", "."),
            ]),
            sample(&[
                ("Ana", "NNP"),
                ("Brel", "NNP"),
                ("has", "VBZ"),
                ("denied", "VBN"),
                ("it", "PRP"),
                (",", ","),
                ("but", "CC"),
                ("she", "PRP"),
                ("did", "VBD"),
                ("n't", "RB"),
                ("say", "VB"),
                ("why", "WRB"),
                (".", "."),
            ]),
        ]
    }

    #[test]
    fn training_is_deterministic_and_learns_its_examples() {
        let opts = Options {
            bits: 8,
            epochs: 4,
            dict_min: 2,
            prune: 0,
            ..Options::default()
        };
        let data = small();
        let (a, _) = train(&data, &opts);
        let (b, _) = train(&data, &opts);
        assert_eq!(a.to_bytes(), b.to_bytes());
        assert_eq!(Tagger::from_bytes(&a.to_bytes()).unwrap(), a);
        let fig = evaluate(&data, &a, false);
        assert_eq!(fig.accuracy(), 1.0, "{fig}");
    }

    #[test]
    fn a_contraction_takes_its_first_part_and_a_compound_its_last() {
        // "did" + "n't" there is one token here ("didn't"); "well-known" is one token here,
        // three there.
        let data = [
            Sample::new(
                "She didn't.".into(),
                &[(0..3, "PRP"), (4..7, "VBD"), (7..10, "RB"), (10..11, ".")],
            ),
            Sample::new(
                "a well-known x".into(),
                &[
                    (0..1, "DT"),
                    (2..6, "RB"),
                    (6..7, "HYPH"),
                    (7..12, "VBN"),
                    (13..14, "NN"),
                ],
            ),
        ];
        let expected = [
            [Pos::Pronoun, Pos::VerbPast, Pos::Punctuation],
            [Pos::Determiner, Pos::VerbParticiple, Pos::Noun],
        ];
        let mut stats = Alignment::default();
        for (x, want) in data.iter().zip(expected) {
            let d = Document::from_text(x.text.as_str()).unwrap();
            let s = Sentences::new(d.text(), d.blocks());
            assert_eq!(x.labels(&s, &mut stats), want.map(Some));
        }
        assert_eq!((stats.exact, stats.joined), (4, 2));
    }
}
