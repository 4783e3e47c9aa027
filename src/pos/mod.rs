//! Stage 2d, parts of speech: a coarse word class for every token (see [`Pos`]), from a small
//! greedy tagger trained on the machine syntax that ships with the training corpus (`whosaid-train
//! --pos`, see [`train`]). Hands on: one [`Pos`] per token of [`Sentences::tokens`], for the
//! stages after to read verbs (cue candidates), noun phrases (sources) and where content ends.
//!
//! The tagger goes left to right through each sentence. A frequent word that the training data
//! nearly always tags one way ("the", "said", ",") takes that class from a dictionary; any other
//! word is scored by an averaged perceptron over hashed features of the word, its neighbours and
//! the two classes just given, and takes the class that scores best.

#[cfg(feature = "cli")]
pub mod train;

use crate::error::Error;
use crate::lexicon::word;
use crate::segment::Sentences;
use crate::tokens::TokKind;

/// A coarse part of speech: the Penn Treebank's 45 tags folded into the 18 distinctions the
/// attribution stages read (see [`Pos::from_penn`]).
///
/// Verbs keep their form (said / has said / saying / says / say: the form tells a report of
/// speech from a title or an intention); nouns are split into common and proper (a source is
/// usually a name or a person noun); pronouns stand apart from possessive determiners ("her" as
/// a source or as "her spokesman"); "that"/"which" as a wh-word (a relative clause) stand apart
/// from "that" as a preposition (a complement: "said that …").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Pos {
    /// NN, NNS: "plan", "officials".
    Noun,
    /// NNP, NNPS: "Okafor", "Democrats".
    ProperNoun,
    /// PRP: "he", "them".
    Pronoun,
    /// DT, PDT, PRP$: "the", "all", "her" (spokesman).
    Determiner,
    /// JJ, JJR, JJS: "senior", "larger".
    Adjective,
    /// CD: "three", "2016".
    Number,
    /// VB: "say", "will deny".
    VerbBase,
    /// VBZ, VBP: "says", "deny".
    VerbPresent,
    /// VBD: "said".
    VerbPast,
    /// VBN: "has denied", "was told".
    VerbParticiple,
    /// VBG: "saying", "meeting".
    VerbGerund,
    /// MD: "will", "could".
    Modal,
    /// RB, RBR, RBS: "also", "not".
    Adverb,
    /// IN, TO, RP: "of", "that" (a complement), "to", "up" (a particle).
    Preposition,
    /// CC: "and", "but".
    Conjunction,
    /// WDT, WP, WP$, WRB: "which", "who", "whose", "when".
    WhWord,
    /// Punctuation, quotation marks, brackets, "$", "#".
    Punctuation,
    /// POS, EX, FW, LS, SYM, UH: the possessive "'s", existential "there", foreign words,
    /// list markers, symbols, interjections.
    Other,
}

impl Pos {
    /// Every class, in the order of their numbers.
    pub const ALL: [Pos; 18] = [
        Pos::Noun,
        Pos::ProperNoun,
        Pos::Pronoun,
        Pos::Determiner,
        Pos::Adjective,
        Pos::Number,
        Pos::VerbBase,
        Pos::VerbPresent,
        Pos::VerbPast,
        Pos::VerbParticiple,
        Pos::VerbGerund,
        Pos::Modal,
        Pos::Adverb,
        Pos::Preposition,
        Pos::Conjunction,
        Pos::WhWord,
        Pos::Punctuation,
        Pos::Other,
    ];

    /// The coarse class of a Penn Treebank tag (as CoreNLP writes them: `-LRB-`, `` `` ``);
    /// an unknown tag is [`Pos::Other`].
    pub fn from_penn(tag: &str) -> Pos {
        match tag {
            "NN" | "NNS" => Pos::Noun,
            "NNP" | "NNPS" => Pos::ProperNoun,
            "PRP" => Pos::Pronoun,
            "DT" | "PDT" | "PRP$" => Pos::Determiner,
            "JJ" | "JJR" | "JJS" => Pos::Adjective,
            "CD" => Pos::Number,
            "VB" => Pos::VerbBase,
            "VBZ" | "VBP" => Pos::VerbPresent,
            "VBD" => Pos::VerbPast,
            "VBN" => Pos::VerbParticiple,
            "VBG" => Pos::VerbGerund,
            "MD" => Pos::Modal,
            "RB" | "RBR" | "RBS" => Pos::Adverb,
            "IN" | "TO" | "RP" => Pos::Preposition,
            "CC" => Pos::Conjunction,
            "WDT" | "WP" | "WP$" | "WRB" => Pos::WhWord,
            "." | "," | ":" | "``" | "''" | "-LRB-" | "-RRB-" | "$" | "#" | "HYPH" | "NFP" => {
                Pos::Punctuation
            }
            _ => Pos::Other,
        }
    }

    /// Whether it is a verb of any form (modals aside).
    pub fn is_verb(self) -> bool {
        matches!(
            self,
            Pos::VerbBase
                | Pos::VerbPresent
                | Pos::VerbPast
                | Pos::VerbParticiple
                | Pos::VerbGerund
        )
    }

    fn from_index(i: usize) -> Pos {
        Pos::ALL.get(i).copied().unwrap_or(Pos::Other)
    }
}

/// Number of classes: the width of a row of weights in the model file.
const CLASSES: usize = Pos::ALL.len();
/// The width of a row in memory: the classes' weights and zeros, for whole vector additions.
const ROW: usize = 32;

/// Feature templates. Their numbers are part of the model: never renumber, only add.
#[derive(Clone, Copy)]
#[repr(u32)]
enum T {
    Word = 2,
    Suffix1,
    Suffix3,
    Prefix,
    Shape,
    Prev,
    Prev2,
    PrevWordTag,
    PrevSuffix,
    NextWord,
    Lexicon,
}

/// Stands for the class before a sentence's first word.
const START: u32 = 0xff;

/// A string's hash, the same on every target (the model's rows are chosen by it): eight bytes
/// at a time, the last few gathered into one word (most words are one or two multiplications).
fn hash(s: &str) -> u32 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mix = |h: u64| {
        let h = h.wrapping_mul(K);
        h ^ (h >> 29)
    };
    let mut h = 0x2545_f491_4f6c_dd1d ^ s.len() as u64;
    let mut chunks = s.as_bytes().chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0; 8];
        w.copy_from_slice(c);
        h = mix(h ^ u64::from_le_bytes(w));
    }
    let last = chunks
        .remainder()
        .iter()
        .enumerate()
        .fold(0, |w, (k, &b)| w | u64::from(b) << (8 * k));
    (mix(h ^ last) >> 32) as u32
}

/// A token as the tagger reads it: its lower-case word's hash (the dictionary's key, and a
/// feature of the tokens around it), made once for every token; what else the features read
/// of it (see [`Features::new`]) is made only for the tokens the perceptron scores and their
/// neighbours.
#[derive(Clone, Copy)]
struct Word {
    word: u32,
    /// The token's number, [`EDGE_TOKEN`] beyond the sentence.
    token: usize,
}

const EDGE_TOKEN: usize = usize::MAX;

/// Stands for the word before a sentence's first and after its last.
const EDGE: Word = Word {
    word: 0x5157_0001,
    token: EDGE_TOKEN,
};

/// What stands for the suffix and the shape of a word beyond the sentence.
const EDGE_SUFFIX: u32 = 0x5157_0002;
const EDGE_SHAPE: u32 = 0x5157_0004;

/// The lexicon facts the tagger sees.
const LEXICON_FLAGS: u32 = word::MODIFIER
    | word::AUX
    | word::NEGATION
    | word::STOPWORD
    | word::CUE
    | word::TITLE
    | word::PLACE
    | word::QUANTIFIER
    | word::DETERMINER
    | word::POSSESSIVE
    | word::ORGANISATION
    | word::NON_PERSON;

/// How a token is written, as a small number: its kind, capitals, digits, inner marks, length,
/// and whether it opens its sentence (`upper`: it starts with a capital).
fn shape(kind: TokKind, w: &[u8], upper: bool, first: bool) -> u32 {
    let kind = match kind {
        TokKind::Word => 0,
        TokKind::Number => 1,
        TokKind::Quote(_) => 2,
        TokKind::Possessive => 3,
        TokKind::Punct(_) => 4,
    };
    // Digits, hyphens, periods, and letters that are not ASCII capitals.
    let mut marks = 0;
    for &b in w {
        marks |= match b {
            b'0'..=b'9' => 1,
            b'-' => 2,
            b'.' => 4,
            b'a'..=b'z' | 0x80.. => 8,
            _ => 0,
        };
    }
    let caps = upper && marks & 8 == 0;
    let len = match w.len() {
        0..=2 => 0,
        3..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    kind | u32::from(upper) << 3
        | u32::from(caps) << 4
        | (marks & 7) << 5
        | len << 8
        | u32::from(first) << 10
}

/// The last `n` characters of `w` (all of it when shorter).
fn last_chars(w: &str, n: usize) -> &str {
    let at = w.char_indices().rev().nth(n - 1).map_or(0, |(b, _)| b);
    &w[at..]
}

/// The last `n` characters of a lower-case word, as a number: the bytes themselves (and how
/// many) when they are ASCII, else their hash.
fn suffix(lower: &str, n: usize) -> u32 {
    let b = lower.as_bytes();
    let tail = &b[b.len().saturating_sub(n)..];
    if tail.is_ascii() {
        tail.iter().fold(n as u32, |h, &x| h << 8 | u32::from(x))
    } else {
        hash(last_chars(lower, n))
    }
}

impl Word {
    fn of(s: &Sentences, i: usize) -> Word {
        Word {
            word: hash(s.lower(i)),
            token: i,
        }
    }

    /// Its last three characters.
    fn suffix3(self, s: &Sentences) -> u32 {
        if self.token == EDGE_TOKEN {
            return EDGE_SUFFIX;
        }
        suffix(s.lower(self.token), 3)
    }

    /// How it is written (see [`shape`]).
    fn shape(self, s: &Sentences, first: bool) -> u32 {
        if self.token == EDGE_TOKEN {
            return EDGE_SHAPE;
        }
        let i = self.token;
        let upper = s.info[i].has(word::UPPER_INITIAL);
        let t = &s.tokens[i];
        let w = s.text.as_bytes().get(t.range()).unwrap_or_default();
        shape(t.kind, w, upper, first)
    }
}

/// The features of one token of a sentence, given the words around it and the classes of the
/// two before it; shared by training and tagging.
struct Features {
    ids: [u32; FEATURES],
}

/// Features a token has.
const FEATURES: usize = 11;

impl Features {
    fn id(t: T, value: u32) -> u32 {
        let x = (value ^ (t as u32).wrapping_mul(0x85eb_ca6b)).wrapping_mul(0xc2b2_ae35);
        x ^ (x >> 13)
    }

    /// The features of the token `words[1]` (never beyond the sentence; the words before and
    /// after it may be), `first` in its sentence, after tokens of classes `prev2` and `prev`.
    fn new(s: &Sentences, words: &[Word; 3], first: bool, prev: u32, prev2: u32) -> Features {
        let w = words[1];
        let lower = s.lower(w.token);
        let v = [
            (T::Word, w.word),
            (T::Suffix1, suffix(lower, 1)),
            (T::Suffix3, suffix(lower, 3)),
            (T::Prefix, lower.chars().next().map_or(0, u32::from)),
            (T::Shape, w.shape(s, first)),
            (T::Prev, prev),
            (T::Prev2, prev | prev2 << 8),
            (T::PrevWordTag, w.word ^ prev.wrapping_mul(0x27d4_eb2f)),
            (T::PrevSuffix, words[0].suffix3(s)),
            (T::NextWord, words[2].word),
            (T::Lexicon, s.info[w.token].flags & LEXICON_FLAGS),
        ];
        Features {
            ids: v.map(|(t, x)| Features::id(t, x)),
        }
    }
}

/// A trained tagger: the weight rows of the perceptron and the dictionary of unambiguous words.
///
/// File layout: `b"WSP1"`, `u8` log2 of the number of rows, `u8` classes (18); a bit per row
/// (set: the row is not all zero); each such row's weights (`i8`, one per class); then the
/// dictionary: for each class in order, its lower-case words, each ended by `\n`, and an empty
/// line.
#[derive(Clone, PartialEq)]
pub struct Tagger {
    bits: u8,
    /// For each of the `2^bits` rows a feature may fall in, where its weights are in `rows`
    /// (row 0 is all zeros: most rows are, once pruned, and are stored once). Two bytes a row
    /// keep the index of a table of 2^14 rows in 32 KB, near the processor.
    index: Vec<u16>,
    /// Rows of [`ROW`] weights, the classes' first.
    rows: Vec<i8>,
    /// Hash of a lower-case word → its class.
    dict: Dictionary,
    /// The dictionary's words, for writing the file.
    words: Vec<(Pos, String)>,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("bits", &self.bits)
            .field("dictionary", &self.words.len())
            .finish_non_exhaustive()
    }
}

/// The dictionary: an open-addressed table of word hashes (looked up by their top bits, the
/// next slot after a taken one) and their classes.
#[derive(Clone, PartialEq)]
struct Dictionary {
    shift: u32,
    slots: Vec<(u32, u8)>,
}

/// The class byte of an empty slot.
const EMPTY: u8 = u8::MAX;

impl Dictionary {
    fn new(words: &[(Pos, String)]) -> Dictionary {
        let n = (words.len() * 4).next_power_of_two().max(16);
        let mut d = Dictionary {
            shift: 32 - n.trailing_zeros(),
            slots: vec![(0, EMPTY); n],
        };
        for (p, w) in words {
            let key = hash(w);
            let mut i = d.slot(key);
            while d.slots[i].1 != EMPTY && d.slots[i].0 != key {
                i = (i + 1) % n;
            }
            d.slots[i] = (key, *p as u8);
        }
        d
    }

    fn slot(&self, key: u32) -> usize {
        key.checked_shr(self.shift).unwrap_or(0) as usize
    }

    /// The class of the word with hash `key`, if it is in the dictionary.
    fn get(&self, key: u32) -> Option<Pos> {
        let n = self.slots.len();
        let mut i = self.slot(key);
        loop {
            let (k, c) = self.slots[i];
            if c == EMPTY {
                return None;
            }
            if k == key {
                return Some(Pos::from_index(usize::from(c)));
            }
            i = (i + 1) % n;
        }
    }
}

const MAGIC: &[u8; 4] = b"WSP1";

/// The largest weight: thirteen features' weights then add up to at most 117, and a row's
/// sums stay within a byte (see [`Tagger::best`]).
pub const MAX_LEVEL: i8 = 9;
const _: () = assert!(FEATURES * MAX_LEVEL as usize <= i8::MAX as usize);

/// The largest table: 2^15 rows, so that a row's number fits in [`Tagger::index`]'s two bytes.
pub const MAX_BITS: u8 = 15;

/// `model.bin` as compiled in.
const BUILTIN: &[u8] = include_bytes!("model.bin");

impl Tagger {
    /// Reads a model file as written by [`Tagger::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, Error> {
        let bad = |why: &str| Error::Model(format!("part-of-speech model: {why}"));
        if bytes.len() < 6 || &bytes[..4] != MAGIC {
            return Err(bad("no WSP1 header"));
        }
        let bits = bytes[4];
        if !(4..=MAX_BITS).contains(&bits) || usize::from(bytes[5]) != CLASSES {
            return Err(bad("table size or classes out of range"));
        }
        let rows = 1usize << bits;
        let present = bytes
            .get(6..6 + rows / 8)
            .ok_or_else(|| bad("the file is cut short"))?;
        let mut at = 6 + rows / 8;
        let mut weights = vec![0i8; rows * CLASSES];
        for (r, row) in weights.chunks_exact_mut(CLASSES).enumerate() {
            if present[r / 8] >> (r % 8) & 1 == 1 {
                let w = bytes
                    .get(at..at + CLASSES)
                    .ok_or_else(|| bad("the file is cut short"))?;
                for (x, &b) in row.iter_mut().zip(w) {
                    *x = b as i8;
                    if x.unsigned_abs() > MAX_LEVEL.unsigned_abs() {
                        return Err(bad("a weight is out of range"));
                    }
                }
                at += CLASSES;
            }
        }
        let text = std::str::from_utf8(&bytes[at..]).map_err(|_| bad("words not UTF-8"))?;
        let mut words = Vec::new();
        let mut class = 0;
        for line in text.lines() {
            if line.is_empty() {
                class += 1;
            } else if class < CLASSES {
                words.push((Pos::from_index(class), line.to_string()));
            } else {
                return Err(bad("more word lists than classes"));
            }
        }
        Ok(Tagger::new(bits, weights, words))
    }

    /// A tagger of `2^bits` rows of [`CLASSES`] weights and a dictionary.
    fn new(bits: u8, weights: Vec<i8>, mut words: Vec<(Pos, String)>) -> Tagger {
        assert!(bits <= MAX_BITS, "at most 2^{MAX_BITS} rows");
        words.sort();
        let dict = Dictionary::new(&words);
        let mut index = vec![0; 1 << bits];
        let mut rows = vec![0; ROW];
        for (slot, w) in index.iter_mut().zip(weights.chunks_exact(CLASSES)) {
            if w.iter().any(|&x| x != 0) {
                *slot = (rows.len() / ROW) as u16;
                rows.extend_from_slice(w);
                rows.resize(rows.len() + ROW - CLASSES, 0);
            }
        }
        Tagger {
            bits,
            index,
            rows,
            dict,
            words,
        }
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.push(self.bits);
        out.push(CLASSES as u8);
        let mut present = vec![0u8; self.index.len().div_ceil(8)];
        for (r, &at) in self.index.iter().enumerate() {
            if at != 0 {
                present[r / 8] |= 1 << (r % 8);
            }
        }
        out.extend_from_slice(&present);
        for &at in self.index.iter().filter(|&&at| at != 0) {
            let row = &self.rows[at as usize * ROW..][..CLASSES];
            out.extend(row.iter().map(|&w| w as u8));
        }
        for p in Pos::ALL {
            for (_, w) in self.words.iter().filter(|(q, _)| *q == p) {
                out.extend_from_slice(w.as_bytes());
                out.push(b'\n');
            }
            out.push(b'\n');
        }
        out
    }

    /// The tagger compiled into the crate (`src/pos/model.bin`).
    pub fn builtin() -> &'static Tagger {
        static TAGGER: std::sync::LazyLock<Tagger> = std::sync::LazyLock::new(|| {
            // Display, not `expect`'s Debug: the browser build then carries no Debug code.
            Tagger::from_bytes(BUILTIN)
                .unwrap_or_else(|e| panic!("the built-in part-of-speech model is invalid: {e}"))
        });
        &TAGGER
    }

    /// The class that scores best for some features (the first of equals). The sums are
    /// bytes, added sixteen or thirty-two at a time: no weight is above [`MAX_LEVEL`], so none
    /// overflows.
    fn best(&self, f: &Features) -> Pos {
        let shift = 32 - u32::from(self.bits);
        let mut sum = [0i8; ROW];
        for &id in &f.ids {
            let r = self.index[(id >> shift) as usize] as usize * ROW;
            let row: &[i8; ROW] = self.rows[r..r + ROW].try_into().unwrap_or(&[0; ROW]);
            for (s, &w) in sum.iter_mut().zip(row) {
                *s = s.saturating_add(w);
            }
        }
        // Without branches: the score above, and below it 31 less the class (the first of
        // equal scores is then the largest).
        let best = (0..CLASSES)
            .map(|c| i32::from(sum[c]) << 5 | (31 - c as i32))
            .max()
            .unwrap_or(31);
        Pos::from_index((31 - (best & 31)) as usize)
    }

    /// One class per token of `s.tokens`, sentence by sentence.
    pub(crate) fn tag(&self, s: &Sentences) -> Vec<Pos> {
        let mut out = vec![Pos::Punctuation; s.tokens.len()];
        walk(s, &self.dict, |i, known, features| {
            let p = known.unwrap_or_else(|| self.best(&features()));
            out[i] = p;
            p
        });
        out
    }
}

/// Goes through every sentence left to right: for each token, `decide(token, dictionary
/// class, features)` gives its class, which the next tokens' features read (the features are
/// made only when asked for: a word of the dictionary needs none). Training and tagging both go
/// through here, so both see the same features.
fn walk(
    s: &Sentences,
    dict: &Dictionary,
    mut decide: impl FnMut(usize, Option<Pos>, &dyn Fn() -> Features) -> Pos,
) {
    let mut words = Vec::new();
    for sent in &s.sentences {
        let t = sent.tokens.clone();
        words.clear();
        words.push(EDGE);
        words.extend(t.clone().map(|i| Word::of(s, i)));
        words.push(EDGE);
        let (mut prev, mut prev2) = (START, START);
        for (k, i) in t.enumerate() {
            let window: &[Word; 3] = words[k..k + 3].try_into().unwrap_or(&[EDGE; 3]);
            let features = || Features::new(s, window, k == 0, prev, prev2);
            let p = decide(i, dict.get(window[1].word), &features);
            prev2 = prev;
            prev = p as u32;
        }
    }
}

/// One coarse part of speech per token of `s.tokens`, sentence by sentence, by the built-in
/// tagger.
///
/// Not yet read by any stage (the attribution stages will); until then, only the tests and the
/// training command call it.
#[allow(dead_code)]
pub(crate) fn tag(s: &Sentences) -> Vec<Pos> {
    Tagger::builtin().tag(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::Document;

    /// The words of `text` with their classes.
    fn tagged(text: &str) -> Vec<(String, Pos)> {
        let doc = Document::from_text(text).unwrap();
        let s = Sentences::new(doc.text(), doc.blocks());
        let tags = tag(&s);
        (0..s.tokens.len())
            .map(|i| (s.word(i).to_string(), tags[i]))
            .collect()
    }

    fn class_of(text: &str, w: &str) -> Pos {
        tagged(text)
            .into_iter()
            .find(|(x, _)| x == w)
            .unwrap_or_else(|| panic!("no {w} in {text}"))
            .1
    }

    #[test]
    fn a_reporting_verb_in_the_past_and_its_nouns() {
        let text = "The minister said the plan was dead.";
        assert_eq!(
            tagged(text),
            [
                ("The", Pos::Determiner),
                ("minister", Pos::Noun),
                ("said", Pos::VerbPast),
                ("the", Pos::Determiner),
                ("plan", Pos::Noun),
                ("was", Pos::VerbPast),
                ("dead", Pos::Adjective),
                (".", Pos::Punctuation),
            ]
            .map(|(w, p)| (w.to_string(), p))
        );
    }

    #[test]
    fn verb_forms_after_auxiliaries() {
        assert_eq!(
            class_of("She has denied the report.", "denied"),
            Pos::VerbParticiple
        );
        assert_eq!(
            class_of("Officials are meeting in Varnholm today.", "meeting"),
            Pos::VerbGerund
        );
        assert_eq!(
            class_of("The council will announce its decision.", "announce"),
            Pos::VerbBase
        );
        assert_eq!(
            class_of("The mayor says the road will close.", "says"),
            Pos::VerbPresent
        );
        assert_eq!(
            class_of("The mayor says the road will close.", "will"),
            Pos::Modal
        );
    }

    #[test]
    fn names_pronouns_and_possessives() {
        let tags = tagged("Marta Quell said that her office had not seen it.");
        let class = |w: &str| tags.iter().find(|(x, _)| x == w).unwrap().1;
        assert_eq!(class("Marta"), Pos::ProperNoun);
        assert_eq!(class("Quell"), Pos::ProperNoun);
        assert_eq!(class("said"), Pos::VerbPast);
        assert_eq!(class("that"), Pos::Preposition);
        assert_eq!(class("her"), Pos::Determiner);
        assert_eq!(class("seen"), Pos::VerbParticiple);
        assert_eq!(class("it"), Pos::Pronoun);
    }

    #[test]
    fn every_token_gets_a_class() {
        let doc = Document::from_text("\"No,\" he said.\n\nThen — 40% later — it's done!").unwrap();
        let s = Sentences::new(doc.text(), doc.blocks());
        assert_eq!(tag(&s).len(), s.tokens.len());
    }

    #[test]
    fn the_compiled_in_model_reads_back_to_its_bytes() {
        let t = Tagger::builtin();
        assert_eq!(t.to_bytes(), BUILTIN);
        assert!(Tagger::from_bytes(b"WSM1xx").is_err());
        assert!(Tagger::from_bytes(&BUILTIN[..100]).is_err());
        // A weight of 10, the first of the first row stored (after the bit per row).
        let mut big = BUILTIN.to_vec();
        big[6 + (1usize << BUILTIN[4]) / 8] = 10;
        assert!(Tagger::from_bytes(&big).is_err());
    }

    #[test]
    fn penn_tags_fold_into_coarse_classes() {
        assert_eq!(Pos::from_penn("VBD"), Pos::VerbPast);
        assert_eq!(Pos::from_penn("VBN"), Pos::VerbParticiple);
        assert_eq!(Pos::from_penn("PRP$"), Pos::Determiner);
        assert_eq!(Pos::from_penn("TO"), Pos::Preposition);
        assert_eq!(Pos::from_penn("-LRB-"), Pos::Punctuation);
        assert_eq!(Pos::from_penn("POS"), Pos::Other);
        for (i, p) in Pos::ALL.iter().enumerate() {
            assert_eq!(*p as usize, i);
        }
    }
}
