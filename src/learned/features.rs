//! The features the learned stage scores, computed by the same code at training time and at run
//! time: hashed strings of the words around a token, their shapes, the lexicons' facts, the
//! quotation state, the mentions next to it, and what the rules found there.
//!
//! A feature is a 32-bit FNV-1a hash of a template number and its values; the model masks it
//! to its table size, so one feature list serves every table size.

use crate::attribution::Attributed;
use crate::lexicon::{word, Frame, WordSet};
use crate::mentions::{Mention, MentionKind};
use crate::segment::Sentences;
use crate::tokens::TokKind;
use std::ops::Range;

/// Feature templates. The numbers are part of the model: never renumber, only add.
#[derive(Clone, Copy)]
#[repr(u8)]
enum T {
    Bias = 1,
    Word,
    Prev,
    Next,
    Prev2,
    Next2,
    PrevWord,
    WordNext,
    Suffix,
    Shape,
    Lexicon,
    InQuote,
    QuoteBefore,
    QuoteAfter,
    CommaBefore,
    CommaAfter,
    MentionBefore,
    MentionAfter,
    RuleCue,
    RuleWord,
    SentencePos,
    MentionsBefore,
    Flags,
    Stem,
    MentionNear,
    WordMention,
    ThatNear,
    // Source candidates.
    SBias = 40,
    SDirDist,
    SKind,
    SKindDir,
    SAdjacent,
    SCommaBetween,
    SQuoteBetween,
    SBetween,
    SCueDir,
    SPossessive,
    SAtStart,
    SNextWord,
    SPrevWord,
    SRank,
    SRole,
    SRuleSource,
    SCueKindDir,
    SNone,
    SNoneCue,
    SNoneCount,
    // Content side.
    CBias = 80,
    CCue,
    CNext,
    CPrev,
    CSourceDir,
    CAtEnd,
    CAtStart,
    CLeftLen,
    CRightLen,
    CQuoteLeft,
    CQuoteRight,
    CCueNext,
    CCueSourceDir,
    // Where content after a cue ends.
    EBias = 100,
    EWord,
    ENext,
    ENext2,
    EWordNext,
    ENextShape,
    ECueNext,
    ELen,
    ERest,
    ENextQuote,
    ENextMention,
    ECueLen,
}

const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;

/// Builds the hashed features of one example.
#[derive(Default)]
pub(crate) struct Features {
    pub ids: Vec<u32>,
}

impl Features {
    fn clear(&mut self) {
        self.ids.clear();
    }

    fn add(&mut self, t: T, parts: &[&str]) {
        let mut h = fnv(FNV_OFFSET, &[t as u8]);
        for p in parts {
            h = fnv(fnv(h, p.as_bytes()), &[0xff]);
        }
        self.ids.push(h);
    }

    /// What `add(t, &[first, &words.join(" ")])` adds, without building the joined string.
    fn add_joined<'w>(&mut self, t: T, first: &str, words: impl Iterator<Item = &'w str>) {
        let mut h = fnv(fnv(fnv(FNV_OFFSET, &[t as u8]), first.as_bytes()), &[0xff]);
        for (k, w) in words.enumerate() {
            if k > 0 {
                h = fnv(h, b" ");
            }
            h = fnv(h, w.as_bytes());
        }
        self.ids.push(fnv(h, &[0xff]));
    }
}

/// FNV-1a: `h` carried on over `bytes`.
fn fnv(mut h: u32, bytes: &[u8]) -> u32 {
    for &b in bytes {
        h = (h ^ u32::from(b)).wrapping_mul(FNV_PRIME);
    }
    h
}

/// A small number as a bucket name.
fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=5 => "3-5",
        6..=10 => "6-10",
        11..=20 => "11-20",
        _ => "21+",
    }
}

/// The shape of a word: "Xx", "x", "X", "d", "X.", "p" (punctuation), "q" (quotation mark).
fn shape(kind: TokKind, w: &str) -> &'static str {
    match kind {
        TokKind::Number => "d",
        TokKind::Quote(_) => "q",
        TokKind::Possessive => "'s",
        TokKind::Punct(_) => "p",
        TokKind::Word => {
            let mut cs = w.chars();
            let first = cs.next().unwrap_or(' ');
            let rest_upper = w.chars().skip(1).any(char::is_uppercase);
            match (first.is_uppercase(), rest_upper, w.ends_with('.')) {
                (true, _, true) => "X.",
                (true, true, _) => "XX",
                (true, false, _) => "Xx",
                _ => "x",
            }
        }
    }
}

/// A crude stem: the word without a final "-ing", "-ed", "-es" or "-s" ("criticized" and
/// "criticizes" meet), so that inflections seen apart in training share a weight.
fn stem(w: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s", "d"] {
        if let Some(s) = w.strip_suffix(suffix) {
            if s.len() >= 3 {
                return s;
            }
        }
    }
    w
}

/// The words that may head a cue (taken from the training data, stored in the model), and
/// the stems other inflections of them have: "promoting" is a candidate when "promoted" is a
/// cue word, so that forms too rare in the training data to count on their own are still
/// scored.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct CueWords {
    words: WordSet,
    /// Each cue word without an inflection's ending ("-ing", "-ed", "-es", "-s", "-d", "-e").
    stems: WordSet,
    /// A bit for each [`sketch`] of the words and stems: a word whose sketch has no bit is in
    /// neither set, which spares most tokens both hash look-ups.
    sketches: Vec<u64>,
}

/// A word's length, first two and last bytes, hashed to 16 bits (see [`CueWords::admits`]).
fn sketch(w: &str) -> usize {
    let b = w.as_bytes();
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    let key = u32::from_le_bytes([at(0), at(1), at(b.len().wrapping_sub(1)), b.len() as u8]);
    (key.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

impl CueWords {
    pub(crate) fn new(words: impl IntoIterator<Item = String>) -> CueWords {
        let words: WordSet = words.into_iter().collect();
        // A loop into a list, not one chain of adapters: the browser build's smallest.
        let mut stems = Vec::new();
        for w in &words {
            for suffix in ["ing", "ed", "es", "s", "d", "e"] {
                if let Some(st) = w.strip_suffix(suffix) {
                    stems.push(st.to_string());
                }
            }
        }
        let stems: WordSet = stems.into_iter().collect();
        let mut sketches = vec![0u64; (1 << 16) / 64];
        for w in words.iter().chain(stems.iter()) {
            let k = sketch(w);
            sketches[k / 64] |= 1 << (k % 64);
        }
        CueWords {
            words,
            stems,
            sketches,
        }
    }

    /// Whether `w`'s sketch is one of a word's or a stem's.
    fn may_hold(&self, w: &str) -> bool {
        let k = sketch(w);
        self.sketches
            .get(k / 64)
            .is_some_and(|b| b >> (k % 64) & 1 == 1)
    }

    /// Whether `w` is a cue word itself.
    #[cfg(test)]
    pub(crate) fn contains(&self, w: &str) -> bool {
        self.words.contains(w)
    }

    /// The cue words, in no order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }

    /// The cue words, to test the words of `s` by (see [`CueForms`]).
    #[cfg_attr(target_arch = "wasm32", allow(unused_variables))]
    pub(crate) fn of_forms(&self, s: &Sentences) -> CueForms<'_> {
        CueForms {
            words: self,
            #[cfg(not(target_arch = "wasm32"))]
            forms: (0..s.forms()).map(|f| self.admits(s.form(f))).collect(),
        }
    }

    /// Whether `w` is a cue word or another inflection of one (its [`stem`] is a cue word's).
    fn admits(&self, w: &str) -> bool {
        self.may_hold(w) && self.words.contains(w)
            // Only a word ending in "-g", "-d" or "-s" has a stem other than itself.
            || matches!(w.as_bytes().last(), Some(b'g' | b'd' | b's')) && {
            let st = stem(w);
            st.len() < w.len() && self.may_hold(st) && self.stems.contains(st)
        }
    }
}

/// The cue words as one document's words are tested by: natively, a table of whether each
/// lower-case form of its words (by id, see [`Sentences::form_id`]) is one, tested once a form
/// instead of once a token; in the browser build, the test of each word (fewer bytes).
pub(crate) struct CueForms<'w> {
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    words: &'w CueWords,
    #[cfg(not(target_arch = "wasm32"))]
    forms: Vec<bool>,
}

impl CueForms<'_> {
    /// Whether word `i` of `s` is a cue word or another inflection of one.
    fn admits(&self, s: &Sentences, i: usize) -> bool {
        #[cfg(not(target_arch = "wasm32"))]
        return self.forms[s.form_id(i) as usize];
        #[cfg(target_arch = "wasm32")]
        self.words.admits(s.lower(i))
    }
}

fn kind_name(k: MentionKind) -> &'static str {
    match k {
        MentionKind::Person => "person",
        MentionKind::Organisation => "org",
        MentionKind::Group => "group",
        MentionKind::Anonymous => "anon",
        MentionKind::Place => "place",
        MentionKind::Role => "role",
        MentionKind::Name => "name",
        MentionKind::Pronoun('m' | 'f' | 'a') => "he",
        MentionKind::Pronoun('p') => "they",
        MentionKind::Pronoun('r') => "rel",
        MentionKind::Pronoun(_) => "it",
    }
}

/// What one document offers the features: per-token facts computed once.
pub(crate) struct Context<'a, 'b> {
    pub s: &'b Sentences<'a>,
    pub mentions: &'b [Mention],
    /// For each token: the lexicon's cue frame that starts there.
    lexicon_cue: Vec<Option<Frame>>,
    /// For each token: inside the cue of a statement the rules found.
    pub rule_cue: Vec<bool>,
    /// For each token: the mention whose tokens end just before it, plus one (0: none; four
    /// bytes a token, and a table of zeros costs no writes).
    mention_ending: Vec<u32>,
    /// For each token: the mention starting at it, plus one (0: none).
    mention_starting: Vec<u32>,
    /// For each mention: a source of a statement the rules found.
    rule_source: Vec<bool>,
    /// For each token: how many mentions of its sentence end before it.
    mentions_before: Vec<u16>,
}

/// A place where content after a cue may end: its last token, and the words of the side up to
/// that token and after it.
pub(crate) struct EndPlace {
    pub token: usize,
    pub words_before: usize,
    pub words_after: usize,
}

/// A cue candidate: token range and its sentence.
#[derive(Debug, Clone)]
pub(crate) struct Cue {
    pub tokens: Range<usize>,
    pub sentence: usize,
    /// Scored above naught (cues the speech-cue lexicon lacks pass a lower threshold, and
    /// then need a clause or a quotation to report).
    pub sure: bool,
}

impl<'a, 'b> Context<'a, 'b> {
    pub(crate) fn new(
        s: &'b Sentences<'a>,
        mentions: &'b [Mention],
        rules: &[Attributed],
    ) -> Context<'a, 'b> {
        let n = s.tokens.len();
        let mut lexicon_cue = vec![None; n];
        for sent in &s.sentences {
            let toks = &s.tokens[sent.tokens.clone()];
            // The cues are in text order: the first token at or after each is found by walking
            // on from the last.
            let mut i = 0;
            for (r, cue) in &s.cues[sent.cues.clone()] {
                let at = r.start;
                while i < toks.len() && toks[i].start() < at {
                    i += 1;
                }
                if i < toks.len() && toks[i].start() == at {
                    lexicon_cue[sent.tokens.start + i] = Some(cue.frame);
                }
            }
        }
        let mut rule_cue = vec![false; n];
        for st in rules {
            let near = s.sentences[st.sentence].tokens.clone();
            let a = s.token_partition(near.clone(), |t| t.start() < st.cue.start);
            let b = s.token_partition(near, |t| t.end() <= st.cue.end);
            for slot in rule_cue.iter_mut().take(b.max(a)).skip(a) {
                *slot = true;
            }
        }
        let mut mention_ending = vec![0u32; n + 1];
        let mut mention_starting = vec![0u32; n + 1];
        for (mi, m) in mentions.iter().enumerate() {
            mention_ending[m.tokens.end] = mi as u32 + 1;
            if mention_starting[m.tokens.start] == 0 {
                mention_starting[m.tokens.start] = mi as u32 + 1;
            }
        }
        let mut rule_source = vec![false; mentions.len()];
        for st in rules {
            if let Some(mi) = st.source {
                rule_source[mi] = true;
            }
        }
        let mut mentions_before = vec![0u16; n];
        for (si, sent) in s.sentences.iter().enumerate() {
            let mut count = 0u16;
            for i in sent.tokens.clone() {
                let mi = mention_ending[i];
                if mi > 0 && mentions[mi as usize - 1].sentence == si {
                    count = count.saturating_add(1);
                }
                mentions_before[i] = count;
            }
        }
        Context {
            s,
            mentions,
            mentions_before,
            lexicon_cue,
            rule_cue,
            mention_ending,
            mention_starting,
            rule_source,
        }
    }

    fn low(&self, i: usize, sent: &Range<usize>) -> &str {
        if i < sent.start || i >= sent.end {
            "<s>"
        } else {
            self.s.lower(i)
        }
    }

    fn is_punct(&self, i: usize, c: char) -> bool {
        self.s
            .tokens
            .get(i)
            .is_some_and(|t| t.kind == TokKind::Punct(c))
    }

    fn is_quote(&self, i: usize) -> bool {
        self.s
            .tokens
            .get(i)
            .is_some_and(|t| matches!(t.kind, TokKind::Quote(_)))
    }

    /// The mention whose tokens end just before token `i`.
    pub(crate) fn mention_ending_at(&self, i: usize) -> Option<&Mention> {
        self.ending(i).map(|mi| &self.mentions[mi as usize])
    }

    /// The index of the mention whose tokens end just before token `i`.
    fn ending(&self, i: usize) -> Option<u32> {
        self.mention_ending[i].checked_sub(1)
    }

    /// The index of the mention starting at token `i` (none past the last token).
    fn starting(&self, i: usize) -> Option<u32> {
        self.mention_starting.get(i)?.checked_sub(1)
    }

    /// Whether the speech-cue lexicon has a cue starting at token `i`.
    pub(crate) fn in_lexicon(&self, i: usize) -> bool {
        self.lexicon_cue[i].is_some()
    }

    /// Whether token `i` can be a cue at all: one of the cue words or another inflection of
    /// one, outside quotations.
    pub(crate) fn cue_candidate(&self, i: usize, cue_words: &CueForms) -> bool {
        self.s.info[i].has(word::FREE_WORD) && cue_words.admits(self.s, i)
    }

    /// The features of token `i` (of sentence `si`) as a cue.
    pub(crate) fn cue(&self, si: usize, i: usize, f: &mut Features) {
        f.clear();
        let sent = self.s.sentences[si].tokens.clone();
        let w = self.low(i, &sent);
        let (p1, n1) = (self.low(i.wrapping_sub(1), &sent), self.low(i + 1, &sent));
        f.add(T::Bias, &[]);
        f.add(T::Word, &[w]);
        f.add(T::Prev, &[p1]);
        f.add(T::Next, &[n1]);
        f.add(T::Prev2, &[self.low(i.wrapping_sub(2), &sent)]);
        f.add(T::Next2, &[self.low(i + 2, &sent)]);
        f.add(T::PrevWord, &[p1, w]);
        f.add(T::WordNext, &[w, n1]);
        let suffix_at = w.char_indices().rev().nth(2).map_or(0, |(at, _)| at);
        f.add(T::Suffix, &[&w[suffix_at..]]);
        f.add(T::Shape, &[shape(self.s.tokens[i].kind, self.s.word(i))]);
        if let Some(frame) = self.lexicon_cue[i] {
            f.add(T::Lexicon, &[frame.name()]);
        }
        if self.s.quote_of.at(i).is_some() {
            f.add(T::InQuote, &[]);
        }
        if i > sent.start && self.is_quote(i - 1) {
            f.add(T::QuoteBefore, &[]);
        }
        if i + 1 < sent.end && self.is_quote(i + 1) {
            f.add(T::QuoteAfter, &[]);
        }
        if i > sent.start && self.is_punct(i - 1, ',') {
            f.add(T::CommaBefore, &[]);
        }
        if i + 1 < sent.end && self.is_punct(i + 1, ',') {
            f.add(T::CommaAfter, &[]);
        }
        if let Some(mi) = self.ending(i) {
            f.add(
                T::MentionBefore,
                &[kind_name(self.mentions[mi as usize].kind)],
            );
        }
        if let Some(mi) = self.starting(i + 1) {
            f.add(
                T::MentionAfter,
                &[kind_name(self.mentions[mi as usize].kind)],
            );
        }
        if self.rule_cue[i] {
            f.add(T::RuleCue, &[]);
            f.add(T::RuleWord, &[w]);
        }
        let pos = if i == sent.start {
            "first"
        } else if i + 2 >= sent.end {
            "last"
        } else {
            "mid"
        };
        f.add(T::SentencePos, &[pos]);
        f.add(
            T::MentionsBefore,
            &[bucket(self.mentions_before[i] as usize)],
        );
        f.add(T::Stem, &[stem(w)]);
        // A mention ending within three tokens before (past auxiliaries and adverbs).
        let near = (i.saturating_sub(3).max(sent.start)..=i)
            .rev()
            .find_map(|k| self.ending(k).map(|mi| (k, mi)));
        if let Some((k, mi)) = near {
            let kind = kind_name(self.mentions[mi as usize].kind);
            f.add(T::MentionNear, &[kind, bucket(i - k)]);
            f.add(T::WordMention, &[stem(w), kind]);
        }
        if (i + 1..(i + 4).min(sent.end)).any(|k| self.s.lower(k) == "that") {
            f.add(T::ThatNear, &[stem(w)]);
        }
        let info = &self.s.info[i];
        for (flag, name) in [
            (word::AUX, "aux"),
            (word::NEGATION, "neg"),
            (word::STOPWORD, "stop"),
            (word::CUE, "cue"),
            (word::TITLE, "title"),
        ] {
            if info.has(flag) {
                f.add(T::Flags, &[name]);
            }
        }
    }

    /// The features of mention `mi` as the source of `cue`; `rank` is its order of nearness
    /// to the cue among the candidates on its side.
    pub(crate) fn source(&self, cue: &Cue, mi: usize, rank: usize, f: &mut Features) {
        f.clear();
        let m = &self.mentions[mi];
        let sent = self.s.sentences[cue.sentence].tokens.clone();
        let before = m.tokens.end <= cue.tokens.start;
        let dir = if before { "before" } else { "after" };
        let between = if before {
            m.tokens.end..cue.tokens.start
        } else {
            cue.tokens.end..m.tokens.start.max(cue.tokens.end)
        };
        let kind = kind_name(m.kind);
        let cw = self.low(cue.tokens.start, &sent);
        f.add(T::SBias, &[]);
        f.add(T::SDirDist, &[dir, bucket(between.len())]);
        f.add(T::SKind, &[kind]);
        f.add(T::SKindDir, &[kind, dir]);
        if between.is_empty() {
            f.add(T::SAdjacent, &[dir]);
        }
        if between.clone().any(|i| self.is_punct(i, ',')) {
            f.add(T::SCommaBetween, &[dir]);
        }
        if between.clone().any(|i| self.is_quote(i)) {
            f.add(T::SQuoteBetween, &[dir]);
        }
        let words_between = between
            .clone()
            .filter(|&i| self.s.tokens[i].kind == TokKind::Word);
        if words_between.clone().take(4).count() <= 3 {
            f.add_joined(T::SBetween, dir, words_between.map(|i| self.s.lower(i)));
        }
        f.add(T::SCueDir, &[cw, dir]);
        f.add(T::SCueKindDir, &[cw, kind, dir]);
        if m.possessive {
            f.add(T::SPossessive, &[]);
        }
        if m.tokens.start == sent.start {
            f.add(T::SAtStart, &[]);
        }
        f.add(T::SNextWord, &[self.low(m.tokens.end, &sent)]);
        f.add(
            T::SPrevWord,
            &[self.low(m.tokens.start.wrapping_sub(1), &sent)],
        );
        f.add(T::SRank, &[dir, bucket(rank)]);
        if m.role.is_some() {
            f.add(T::SRole, &[]);
        }
        if self.rule_source[mi] {
            f.add(T::SRuleSource, &[]);
        }
    }

    /// The features of "none of the candidates is the source of `cue`" (the source is a phrase
    /// the mention finder does not know, or there is none).
    pub(crate) fn no_source(&self, cue: &Cue, candidates: usize, f: &mut Features) {
        f.clear();
        let sent = self.s.sentences[cue.sentence].tokens.clone();
        let cw = self.low(cue.tokens.start, &sent);
        f.add(T::SNone, &[]);
        f.add(
            T::SNoneCue,
            &[cw, self.low(cue.tokens.start.wrapping_sub(1), &sent)],
        );
        f.add(T::SNoneCount, &[bucket(candidates)]);
        f.add(T::SNoneCue, &[cw]);
    }

    /// The features of the choice "the content follows the cue" (as opposed to preceding it),
    /// given the source mention chosen for it.
    pub(crate) fn side(&self, cue: &Cue, source: Option<usize>, f: &mut Features) {
        f.clear();
        let sent = self.s.sentences[cue.sentence].tokens.clone();
        let (c0, c1) = (cue.tokens.start, cue.tokens.end);
        let cw = self.low(c0, &sent);
        let next = self.low(c1, &sent);
        f.add(T::CBias, &[]);
        f.add(T::CCue, &[cw]);
        f.add(T::CNext, &[next]);
        f.add(T::CCueNext, &[cw, next]);
        f.add(T::CPrev, &[self.low(c0.wrapping_sub(1), &sent)]);
        let (left_end, right_start, sdir) = match source.map(|mi| &self.mentions[mi]) {
            Some(m) if m.tokens.end <= c0 => (m.tokens.start, c1, "before"),
            Some(m) => (c0, m.tokens.end.max(c1), "after"),
            None => (c0, c1, "none"),
        };
        f.add(T::CSourceDir, &[sdir]);
        f.add(T::CCueSourceDir, &[cw, sdir]);
        let right_words = (right_start..sent.end)
            .filter(|&i| self.s.tokens[i].kind == TokKind::Word)
            .count();
        let left_words = (sent.start..left_end)
            .filter(|&i| self.s.tokens[i].kind == TokKind::Word)
            .count();
        if right_words == 0 {
            f.add(T::CAtEnd, &[]);
        }
        if left_words == 0 {
            f.add(T::CAtStart, &[]);
        }
        f.add(T::CLeftLen, &[bucket(left_words)]);
        f.add(T::CRightLen, &[bucket(right_words)]);
        if (sent.start..left_end).any(|i| self.is_quote(i)) {
            f.add(T::CQuoteLeft, &[]);
        }
        if (right_start..sent.end).any(|i| self.is_quote(i)) {
            f.add(T::CQuoteRight, &[]);
        }
    }

    /// The places where content after a cue, `side`, may end: each token but the last, with
    /// the words of the side up to it and after it (counted in one pass, so a long side costs
    /// its length, not its square).
    pub(crate) fn end_places(&self, side: Range<usize>) -> impl Iterator<Item = EndPlace> + '_ {
        let is_word = |i: usize| usize::from(self.s.tokens[i].kind == TokKind::Word);
        let total: usize = side.clone().map(is_word).sum();
        let mut before = 0;
        (side.start..side.end.saturating_sub(1)).map(move |j| {
            before += is_word(j);
            EndPlace {
                token: j,
                words_before: before,
                words_after: total - before,
            }
        })
    }

    /// The features of "the content after `cue` ends with token `j`" (and not at the end of its
    /// side, `side.end`): the words at the cut, the cue, how far the content has run and how
    /// much is left ("cited the report, which …", "offered advice on Friday in …").
    pub(crate) fn end(&self, cue: &Cue, at: &EndPlace, f: &mut Features) {
        f.clear();
        let j = at.token;
        let sent = self.s.sentences[cue.sentence].tokens.clone();
        let cw = stem(self.low(cue.tokens.start, &sent));
        let (w, next) = (self.low(j, &sent), self.low(j + 1, &sent));
        let len = bucket(at.words_before);
        f.add(T::EBias, &[]);
        f.add(T::EWord, &[w]);
        f.add(T::ENext, &[next]);
        f.add(T::ENext2, &[next, self.low(j + 2, &sent)]);
        f.add(T::EWordNext, &[w, next]);
        if let Some(t) = self.s.tokens.get(j + 1).filter(|_| j + 1 < sent.end) {
            f.add(T::ENextShape, &[shape(t.kind, self.s.word(j + 1))]);
        }
        f.add(T::ECueNext, &[cw, next]);
        f.add(T::ELen, &[len]);
        f.add(T::ERest, &[bucket(at.words_after)]);
        if self.is_quote(j + 1) || self.s.quote_of.get(j + 1).is_some_and(|q| q.is_some()) {
            f.add(T::ENextQuote, &[]);
        }
        if let Some(mi) = self.starting(j + 1) {
            f.add(
                T::ENextMention,
                &[kind_name(self.mentions[mi as usize].kind)],
            );
        }
        f.add(T::ECueLen, &[cw, len]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_words_tested_by_form_are_those_tested_by_word() {
        let text =
            "They said, saying it: \"Said\" SAYS, noting notes; Noted warned WARNING the mayor.";
        let doc = crate::blocks::Document::from_text(text).unwrap();
        let s = Sentences::new(doc.text(), doc.blocks());
        let words = crate::learned::Model::builtin().cue_words();
        let by_form = words.of_forms(&s);
        let mut admitted = Vec::new();
        for i in 0..s.tokens.len() {
            if s.tokens[i].kind == TokKind::Word {
                assert_eq!(
                    by_form.admits(&s, i),
                    words.admits(s.lower(i)),
                    "{}",
                    s.word(i)
                );
                if by_form.admits(&s, i) {
                    admitted.push(s.word(i));
                }
            }
        }
        assert!(
            admitted.contains(&"said") && admitted.contains(&"SAYS"),
            "{admitted:?}"
        );
    }

    #[test]
    fn words_hashed_joined_are_the_words_joined_then_hashed() {
        for words in [
            &[][..],
            &["said"],
            &["the", "union", "’s"],
            &["a", "b", "c", "d"],
        ] {
            let mut f = Features::default();
            f.add(T::SBetween, &["before", &words.join(" ")]);
            f.add_joined(T::SBetween, "before", words.iter().copied());
            assert_eq!(f.ids[0], f.ids[1], "{words:?}");
        }
    }
}
