//! Stage 5, disputes and hedges.
//!
//! A claim is disputed when a source denies, rejects, disputes or questions it, or when two
//! sources give conflicting accounts of the same subject: the later one set against the earlier
//! by a contrast marker ("Y, however, said", "while Y said"), or one negating what the other
//! says. "Denied it"
//! resolves "it" to a fronted topic ("As for X, …") or to the claim just before. Sources whose
//! statements share the claim's topic words (synonyms folded: "walkout" = "strike")
//! join it as asserting. Hedged sentences ("may", "allegedly") are collected apart. Hands on:
//! disputes (claim, topic, positions by statement index) and hedges.

use crate::attribution::{self, Attributed};
use crate::hash_index::HashIndex;
use crate::lexicon;
use crate::list::Listed;
use crate::report::{Stance, StatementKind};
use crate::segment::Sentences;
use crate::tokens::TokKind;
use std::hash::Hasher;
use std::ops::Range;

/// One disputed claim, in byte offsets, its positions by statement index.
#[derive(Debug, Clone)]
pub(crate) struct FoundDispute {
    pub topic: String,
    pub claim: Range<usize>,
    pub positions: Vec<(usize, Stance)>,
}

/// Disputes and hedges of an article.
pub(crate) struct Found {
    pub disputes: Vec<FoundDispute>,
    /// (cue, sentence)
    pub hedges: Vec<(Range<usize>, Range<usize>)>,
}

/// Finds disputed claims among the statements, and hedged sentences.
pub(crate) fn find(text: &str, s: &Sentences, statements: &[Attributed]) -> Found {
    let mut interner = Interner::default();
    let topics: Vec<Vec<u32>> = statements
        .iter()
        .map(|st| interner.topic_words(&text[st.content.clone()]))
        .listed();
    let masks = topics.iter().map(|t| mask(t)).listed();
    let latest_sentence = statements
        .iter()
        .scan(0, |m, st| {
            *m = st.sentence.max(*m);
            Some(*m)
        })
        .listed();
    let mut d = Disputes {
        text,
        s,
        statements,
        topics,
        masks,
        interner,
        latest_sentence,
        last_sentence: std::cell::Cell::new(0),
    };
    let hedges = hedges(text, s);
    let mut disputes = Vec::new();
    d.denials(&mut disputes, &hedges);
    d.verdicts(&mut disputes);
    d.conflicts(&mut disputes);
    d.hedged_denials(&mut disputes, &hedges);
    Found { disputes, hedges }
}

struct Disputes<'a, 'b> {
    text: &'a str,
    s: &'b Sentences<'a>,
    statements: &'b [Attributed],
    /// Each statement's topic words, as sorted word ids.
    topics: Vec<Vec<u32>>,
    /// Each statement's topic words as a bit each (see [`mask`]).
    masks: Vec<u64>,
    interner: Interner,
    /// For each statement, the latest sentence of it and the statements before it (statements
    /// are in the order of their contents, not quite that of their sentences).
    latest_sentence: Vec<usize>,
    /// The last answer of [`Disputes::sentence_at`], where it looks first.
    last_sentence: std::cell::Cell<usize>,
}

/// How many statements on either side of a denial are searched for sources asserting its
/// claim: about one long article's worth, so that a book-length text stays linear.
const TOPIC_WINDOW: usize = 200;

/// A map from strings to small values that keeps its keys in one buffer (no allocation per
/// key): keys are found by hash, then compared.
struct StrMap<V> {
    heads: HashIndex,
    /// (key start, key end, value, next entry with the same hash)
    entries: Vec<(u32, u32, V, u32)>,
    keys: String,
}

impl<V> Default for StrMap<V> {
    fn default() -> Self {
        StrMap {
            heads: HashIndex::default(),
            entries: Vec::new(),
            keys: String::new(),
        }
    }
}

const NONE: u32 = u32::MAX;

impl<V: Copy> StrMap<V> {
    fn hash(key: &str) -> u64 {
        let mut h = rustc_hash::FxHasher::default();
        h.write(key.as_bytes());
        h.finish()
    }

    fn get(&self, key: &str) -> Option<V> {
        let mut e = self.heads.get(Self::hash(key))?;
        while e != NONE {
            let (a, b, v, next) = self.entries[e as usize];
            if &self.keys[a as usize..b as usize] == key {
                return Some(v);
            }
            e = next;
        }
        None
    }

    /// Adds a key that is not in the map.
    fn insert(&mut self, key: &str, v: V) {
        let a = self.keys.len() as u32;
        self.keys.push_str(key);
        let head = self.heads.entry(Self::hash(key), NONE);
        self.entries.push((a, self.keys.len() as u32, v, *head));
        *head = (self.entries.len() - 1) as u32;
    }

    fn len(&self) -> usize {
        self.entries.len()
    }
}

/// Word ids for topic words, so that statements are compared as sorted integer lists.
#[derive(Default)]
struct Interner {
    ids: StrMap<u32>,
    word: String,
    /// Each word as written → its topic word id (none: a stopword).
    seen: StrMap<Option<u32>>,
}

impl Interner {
    /// Topic words of a stretch of text: lower-cased, stopwords dropped, synonyms folded, a
    /// seat of government ("the White House") counted as its country; sorted, without repeats.
    fn topic_words(&mut self, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        let mut seats = Vec::new();
        for (r, country) in lexicon::get().seats.find_words(text) {
            out.push(self.class_id(country));
            seats.push(r);
        }
        for w in words(text) {
            let at = w.as_ptr() as usize - text.as_ptr() as usize;
            if seats.iter().any(|r| r.contains(&at)) {
                continue;
            }
            let w = trim_marks(w);
            if w.len() <= 2 {
                continue;
            }
            let id = match self.seen.get(w) {
                Some(id) => id,
                None => {
                    let id = self.id_of(w);
                    self.seen.insert(w, id);
                    id
                }
            };
            out.extend(id);
        }
        crate::sort::sort(&mut out);
        out.dedup();
        out
    }

    /// The topic word id of a word (longer than two bytes) as written; none for a stopword.
    fn id_of(&mut self, w: &str) -> Option<u32> {
        let lx = lexicon::get();
        self.word.clear();
        if w.is_ascii() {
            self.word.push_str(w);
            self.word.make_ascii_lowercase();
        } else {
            self.word
                .extend(w.chars().flat_map(crate::case::lower_char));
        }
        if lx.is_stopword(&self.word) {
            return None;
        }
        let base = self
            .word
            .strip_suffix("'s")
            .or_else(|| self.word.strip_suffix("’s"))
            .unwrap_or(&self.word);
        let base = lx.topic_word(base);
        let next = self.ids.len() as u32;
        let id = match self.ids.get(base) {
            Some(id) => id,
            None => {
                self.ids.insert(base, next);
                next
            }
        };
        Some(id)
    }

    /// The id of a topic class ("russia").
    fn class_id(&mut self, class: &str) -> u32 {
        self.ids.get(class).unwrap_or_else(|| {
            let next = self.ids.len() as u32;
            self.ids.insert(class, next);
            next
        })
    }
}

/// `w` without the periods and apostrophes (`'`, `’`) at either end: `w.trim_matches(&['.',
/// '\'', '’'][..])`, natively read as bytes (std's search for a set of chars costs a hundred
/// instructions a word); the browser build calls std (its code is there for other callers).
fn trim_marks(w: &str) -> &str {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let mut b = w.as_bytes();
        while let [b'.' | b'\'', rest @ ..] | [0xe2, 0x80, 0x99, rest @ ..] = b {
            b = rest;
        }
        let start = w.len() - b.len();
        while let [rest @ .., b'.' | b'\''] | [rest @ .., 0xe2, 0x80, 0x99] = b {
            b = rest;
        }
        w.get(start..start + b.len()).unwrap_or_default()
    }
    #[cfg(target_arch = "wasm32")]
    w.trim_matches(&['.', '\'', '’'][..])
}

/// The runs of letters, digits, periods and apostrophes in `text` (what
/// `text.split(|c| !(c.is_alphanumeric() || c == '.' || c == '\'' || c == '’'))` yields,
/// empty pieces left out), reading ASCII bytes directly.
fn words(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        while i < b.len() {
            let (keep, n) = if b[i] < 0x80 {
                (
                    b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'\'',
                    1,
                )
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                (c.is_alphanumeric() || c == '’', c.len_utf8())
            };
            match (keep, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    let w = &text[s..i];
                    i += n;
                    return Some(w);
                }
                _ => {}
            }
            i += n;
        }
        start.map(|s| &text[s..])
    })
}

/// A bit for each id of a list (ids 64 apart share one): lists without a bit in common share
/// no id.
fn mask(ids: &[u32]) -> u64 {
    ids.iter().fold(0, |m, &id| m | 1 << (id % 64))
}

/// How many ids two sorted lists share.
fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// A short label for a claim: the phrase itself, or "whether …" for a clause.
fn topic_label(claim: &str, clause: bool) -> String {
    let lx = lexicon::get();
    let words: Vec<&str> = claim.split_whitespace().listed();
    let mut label = words[..words.len().min(12)].join(" ");
    if words.len() > 12 {
        label.push('…');
    }
    let label = label.trim_matches(&['"', '“', '”', ','][..]).to_string();
    let first = label.split_whitespace().next().unwrap_or("");
    let label = if lx.is_non_person(first) {
        let mut c = label.chars();
        c.next()
            .map(|f| crate::case::lower_char(f).chain(c).collect())
            .unwrap_or_default()
    } else {
        label
    };
    if clause {
        ["whether ", &label].concat()
    } else {
        label
    }
}

impl Disputes<'_, '_> {
    fn slice(&self, r: &Range<usize>) -> &str {
        &self.text[r.clone()]
    }

    /// Denials, rejections and challenges: each names a claim; sources asserting it join.
    /// "Rejected claims (by X) that S" names `S`; "questioned the estimate" points back like
    /// "denied it"; a denial right after a hedged sentence it shares a word with ("was
    /// reportedly sold … denied that it had been sold") denies that sentence.
    fn denials(&mut self, out: &mut Vec<FoundDispute>, hedges: &[(Range<usize>, Range<usize>)]) {
        for (i, st) in self.statements.iter().enumerate() {
            if st.stance == Stance::Asserts
                || st.source.is_none()
                || self.noun_cue(&st.cue, st.sentence)
            {
                continue;
            }
            let object = st
                .object
                .clone()
                .or_else(|| self.refers_back(&st.content).then(|| st.content.clone()));
            let named = self.claim_clause(object.as_ref().unwrap_or(&st.content), None);
            if named.is_none() && object.is_none() && !attribution::names_a_claim(self.s, st) {
                continue;
            }
            let mut positions = vec![(i, st.stance)];
            let (claim, clause) = match (named, &object) {
                (Some(c), _) => (c, true),
                (None, Some(_)) => match self.fronted_topic(st.sentence) {
                    Some(t) => (t, false),
                    None => match self.prior_claim(i) {
                        Some(j) => {
                            positions.push((j, Stance::Asserts));
                            (self.statements[j].content.clone(), true)
                        }
                        None => match self.previous_sentence(st.sentence) {
                            Some(r) => (r, true),
                            None => continue,
                        },
                    },
                },
                // "X denied that it had made any such threat": a clause that points back
                // (or shares the subject) denies the claim just made by another source.
                (None, None) => match self.prior_claim(i).filter(|&j| {
                    self.points_back(&st.content) || shared(&self.topics[i], &self.topics[j]) >= 2
                }) {
                    Some(j) => {
                        positions.push((j, Stance::Asserts));
                        (self.statements[j].content.clone(), true)
                    }
                    None => match self.hedged_before(i, hedges, 1) {
                        Some(r) => (r, true),
                        // "denied that this was the case": what the sentence before says.
                        None => match self.previous_sentence(st.sentence) {
                            Some(r) if self.demonstrative(&st.content) => (r, true),
                            _ => (st.content.clone(), true),
                        },
                    },
                },
            };
            let words = if claim == st.content {
                self.topics[i].clone()
            } else {
                self.interner.topic_words(&self.text[claim.clone()])
            };
            let need = words.len().clamp(1, 2);
            let words_mask = mask(&words);
            let window =
                i.saturating_sub(TOPIC_WINDOW)..(i + TOPIC_WINDOW).min(self.statements.len());
            for (j, other) in self
                .statements
                .iter()
                .enumerate()
                .take(window.end)
                .skip(window.start)
            {
                if other.entity == st.entity
                    || other.stance != Stance::Asserts
                    || positions.iter().any(|p| p.0 == j)
                {
                    continue;
                }
                // Without a bit in common, no word in common.
                if self.masks[j] & words_mask != 0 && shared(&self.topics[j], &words) >= need {
                    positions.push((j, Stance::Asserts));
                }
            }
            let topic = topic_label(self.slice(&claim), clause);
            merge(
                out,
                FoundDispute {
                    topic,
                    claim,
                    positions,
                },
                self.statements,
            );
        }
    }

    /// Whether a denied clause refers back to something already said ("any such threat",
    /// "those allegations", "that this was the case", "that that was so").
    fn points_back(&self, content: &Range<usize>) -> bool {
        self.demonstrative(content)
            || self
                .slice(content)
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.eq_ignore_ascii_case("such") || lexicon::get().is_claim_noun(w))
    }

    /// Whether a clause's subject is "this" or "that" ("this was the case"), or was taken
    /// for the conjunction ("that that was so": the clause starts at "was").
    fn demonstrative(&self, content: &Range<usize>) -> bool {
        let Some(mut k) = self.sentence_toks(content).find(|&k| self.is_word(k)) else {
            return false;
        };
        if self.s.info[k].has(lexicon::word::AUX) {
            if k < 2 || self.s.lower(k - 1) != "that" {
                return false;
            }
            k -= 2;
        }
        lexicon::one_of(self.s.lower(k), "this that")
    }

    /// The tokens of a byte range in sentence `si`: those that start in it.
    fn toks(&self, r: &Range<usize>, si: usize) -> Range<usize> {
        let near = self.s.sentences[si].tokens.clone();
        let a = self
            .s
            .token_partition(near.clone(), |t| t.start() < r.start);
        let b = self.s.token_partition(near, |t| t.start() < r.end);
        a..b
    }

    /// The sentence that holds byte `at`: sought first at the last answer and the sentence
    /// after it (most questions come in text order), then by a search of every sentence.
    fn sentence_at(&self, at: usize) -> usize {
        let ss = &self.s.sentences;
        // Whether the sentences before `p`, and only they, end at or before `at`.
        let is_at = |p: usize| {
            (p == 0 || ss[p - 1].range.end <= at) && (p == ss.len() || ss[p].range.end > at)
        };
        let last = self.last_sentence.get();
        let p = if last <= ss.len() && is_at(last) {
            last
        } else if last < ss.len() && is_at(last + 1) {
            last + 1
        } else {
            ss.partition_point(|x| x.range.end <= at)
        };
        self.last_sentence.set(p);
        p.min(ss.len().saturating_sub(1))
    }

    /// The tokens of a range in the text, searched in the sentence that holds its start.
    fn sentence_toks(&self, r: &Range<usize>) -> Range<usize> {
        self.toks(r, self.sentence_at(r.start))
    }

    /// Whether token `i` is a word (not punctuation).
    fn is_word(&self, i: usize) -> bool {
        self.s.word(i).chars().any(char::is_alphanumeric)
    }

    /// Whether what a source denies or questions is a short noun phrase that points back to
    /// what was said: "that assessment", "the inspectors' findings", "the figure", "them".
    fn refers_back(&self, content: &Range<usize>) -> bool {
        let lx = lexicon::get();
        let t = self.sentence_toks(content);
        (1..=6).contains(&t.len())
            && t.clone()
                .all(|i| !self.s.info[i].has(lexicon::word::AUX) && self.s.quote_of.at(i).is_none())
            && (t.clone()
                .rev()
                .find(|&i| self.is_word(i))
                .is_some_and(|i| lx.is_claim_ref(self.s.word(i)))
                // "denied them outright", "denied that"; not "challenged those conventions".
                || (t.len() <= 3
                    && match self.s.lower(t.start) {
                        "it" | "them" => true,
                        "this" | "that" | "these" | "those" => {
                            (t.start + 1..t.end).all(|k| !self.is_word(k))
                        }
                        _ => false,
                    }))
    }

    /// "claims (by supporters) that S", "the government's claim that S", "reports of S", at the start of
    /// `np`: `S`, up to byte `end` (else the sentence's end), without a trailing contrast
    /// word ("…, however") or full stop.
    fn claim_clause(&self, np: &Range<usize>, end: Option<usize>) -> Option<Range<usize>> {
        let lx = lexicon::get();
        let si = self.sentence_at(np.start);
        let sent = self.s.sentences[si].tokens.clone();
        let plain =
            |i: usize| i < sent.end && self.is_word(i) && !self.s.info[i].has(lexicon::word::AUX);
        let start = self.toks(np, si).start;
        let noun = (start..start + 4)
            .take_while(|&i| plain(i))
            .find(|&i| lx.is_claim_ref(self.s.word(i)))?;
        let that = (noun + 1..noun + 6)
            .take_while(|&i| plain(i))
            .find(|&i| self.s.lower(i) == "that")
            .or_else(|| (plain(noun + 1) && self.s.lower(noun + 1) == "of").then_some(noun + 1))?;
        let mut last = match end {
            Some(e) => self.s.token_partition(sent, |x| x.end() <= e),
            None => sent.end,
        };
        // The clause ends before ", saying …".
        for i in that + 2..last {
            if self.s.tokens[i - 1].kind == TokKind::Punct(',') && self.s.lower(i).ends_with("ing")
            {
                last = i - 1;
                break;
            }
        }
        // Drop the closing punctuation, and a last word after a comma (", however").
        while last > that + 1 && !self.is_word(last - 1) {
            last -= 1;
        }
        if last > that + 3 && self.s.tokens[last - 2].kind == TokKind::Punct(',') {
            last -= 2;
        }
        (last > that + 1).then(|| self.s.tokens[that + 1].start()..self.s.tokens[last - 1].end())
    }

    /// The sentence before statement `i`'s, without its full stop, when a hedge that reports a
    /// claim ("reportedly", "allegedly") is in it outside quotations and it shares `need`
    /// topic words with `i`'s content (or `i`'s content opens with a pronoun).
    fn hedged_before(
        &mut self,
        i: usize,
        hedges: &[(Range<usize>, Range<usize>)],
        need: usize,
    ) -> Option<Range<usize>> {
        let st = &self.statements[i];
        let prev = self.previous_sentence(st.sentence)?;
        // Hedges that report a claim ("allegedly", "reportedly", "supposedly"), not modal ones
        // ("may", "possibly").
        let reported = |c: &Range<usize>| self.text[c.clone()].ends_with("edly");
        // Hedges are in text order.
        let k = hedges.partition_point(|(c, _)| c.start < prev.start);
        if !hedges[k..]
            .iter()
            .take_while(|(c, _)| c.start < prev.end)
            .any(|(c, _)| reported(c))
        {
            return None;
        }
        let t = self.sentence_toks(&st.content);
        let pronoun = !t.is_empty() && lexicon::one_of(self.s.lower(t.start), "it they he she");
        let words = self.interner.topic_words(&self.text[prev.clone()]);
        (pronoun || shared(&words, &self.topics[i]) >= need).then_some(prev)
    }

    /// "As for NP, X denied it" / "On NP, …": the fronted noun phrase.
    fn fronted_topic(&self, si: usize) -> Option<Range<usize>> {
        let sent = &self.s.sentences[si];
        let t = sent.tokens.clone();
        let w = |i: usize| crate::case::lower(self.s.word(i));
        let mut k = t.start;
        while k < t.end && lexicon::one_of(w(k).as_str(), "but and yet") {
            k += 1;
        }
        let start = match w(k).as_str() {
            "as" if k + 1 < t.end && w(k + 1) == "for" => k + 2,
            "on" | "regarding" | "concerning" => k + 1,
            "asked" if k + 1 < t.end && w(k + 1) == "about" => k + 2,
            _ => return None,
        };
        let comma = (start..t.end).find(|&i| self.s.tokens[i].kind == TokKind::Punct(','))?;
        let np = self.s.tokens[start].range();
        if let Some(c) = self.claim_clause(&np, Some(self.s.tokens[comma].start())) {
            return Some(c);
        }
        (comma > start && comma - start <= 10)
            .then(|| self.s.tokens[start].start()..self.s.tokens[comma - 1].end())
    }

    /// The most recent statement by another source within two sentences before statement `i`.
    fn prior_claim(&self, i: usize) -> Option<usize> {
        let st = &self.statements[i];
        // Stop where no statement so far is within two sentences: a long run of statements by
        // one source is not searched again for each of them.
        (0..i)
            .rev()
            .take_while(|&j| self.latest_sentence[j] + 2 >= st.sentence)
            .find(|&j| {
                let o = &self.statements[j];
                o.entity != st.entity && o.stance == Stance::Asserts
            })
    }

    fn previous_sentence(&self, si: usize) -> Option<Range<usize>> {
        let prev = self.s.sentences.get(si.checked_sub(1)?)?;
        let mut r = prev.range.clone();
        while self.text[..r.end].ends_with(&['.', '!', '?'][..]) {
            r.end -= 1;
        }
        Some(r)
    }

    /// A source that takes a side on the claim just made by another without a denying cue:
    /// in the words before its cue ("disagreed, saying …", "called the report false and
    /// said …", "corrected that, saying …") or in what it says ("That is simply untrue", "the
    /// claim was misleading", "she was sceptical"). See `verdicts.tsv`.
    fn verdicts(&self, out: &mut Vec<FoundDispute>) {
        for (j, b) in self.statements.iter().enumerate() {
            if b.stance != Stance::Asserts || b.source.is_none() {
                continue;
            }
            let (stance, subject) = match self.frame_verdict(b) {
                Some(stance) => (stance, None),
                None => match self.content_verdict(&b.content) {
                    Some((stance, at)) => (stance, Some(at)),
                    None => continue,
                },
            };
            // "reports of overcrowding were false": the subject names what is denied.
            let named = subject.and_then(|at| self.claim_clause(&(b.content.start..at), Some(at)));
            let (claim, positions) = match (named, self.prior_claim(j)) {
                (Some(c), _) => (c, vec![(j, stance)]),
                (None, Some(i)) => (
                    self.statements[i].content.clone(),
                    vec![(j, stance), (i, Stance::Asserts)],
                ),
                // "“That is simply untrue,” she said" after a charge no source states.
                _ => {
                    let t = self.sentence_toks(&b.content);
                    let first = t.clone().find(|&i| self.is_word(i));
                    match (first, self.previous_sentence(b.sentence)) {
                        (Some(f), Some(prev))
                            if lexicon::one_of(self.s.lower(f), "that this it") =>
                        {
                            (prev, vec![(j, stance)])
                        }
                        _ => continue,
                    }
                }
            };
            let topic = topic_label(self.slice(&claim), true);
            merge(
                out,
                FoundDispute {
                    topic,
                    claim,
                    positions,
                },
                self.statements,
            );
        }
    }

    /// A word before a statement's cue, in its sentence and outside quotations, that denies,
    /// contradicts or questions what came before: a verdict word or a denying speech cue, with
    /// nothing after it but a pointer ("that", "the claim"), a time, adverbs or "and"; an
    /// adjective ("false") only after a pointer ("called the report false").
    fn frame_verdict(&self, b: &Attributed) -> Option<Stance> {
        let lx = lexicon::get();
        let sent = &self.s.sentences[b.sentence];
        let cue_tok = self.toks(&b.cue, b.sentence).start;
        let from = if b.content.end <= b.cue.start {
            self.toks(&b.content, b.sentence).end
        } else {
            sent.tokens.start
        };
        if from >= cue_tok {
            return None;
        }
        let window = self.s.tokens[from].start()..self.s.tokens[cue_tok].start();
        let text = self.slice(&window);
        let at = |r: Range<usize>| r.start + window.start..r.end + window.start;
        // A denying verdict is an adjective ("false"), after what it judges.
        for (r, &v) in lx.verdicts.find_words(text) {
            if self.frame_fits(at(r), v == Stance::Denies, from, cue_tok, b.sentence) {
                return Some(v);
            }
        }
        for (r, c) in lx.cues.find_words(text) {
            if c.stance != Stance::Asserts
                && !self.noun_cue(&at(r.clone()), b.sentence)
                && self.frame_fits(at(r), false, from, cue_tok, b.sentence)
            {
                return Some(c.stance);
            }
        }
        None
    }

    /// Whether a verdict at `r`, between tokens `from` and the cue's `cue_tok`, is outside
    /// quotations, followed by nothing but pointers, times, adverbs and "and", and (an
    /// adjective) preceded by a pointer.
    fn frame_fits(
        &self,
        r: Range<usize>,
        adjective: bool,
        from: usize,
        cue_tok: usize,
        si: usize,
    ) -> bool {
        let t = self.toks(&r, si);
        if t.is_empty() || self.s.quote_of.at(t.start).is_some() {
            return false;
        }
        if adjective && !(t.start.saturating_sub(3).max(from)..t.start).any(|i| self.is_pointer(i))
        {
            return false;
        }
        (t.end..cue_tok).all(|i| {
            let w = self.s.word(i);
            !self.is_word(i)
                || self.is_pointer(i)
                || lexicon::one_of(self.s.lower(i), "and the his her its their")
                || self.s.info[i].has(lexicon::word::PREPOSITION)
                || self.s.info[i].has(lexicon::word::AUX)
                || w.ends_with("ly")
                || w.starts_with(char::is_uppercase)
        })
    }

    /// Whether a denying cue word at `r` in sentence `si` is a noun there: after a
    /// preposition, a determiner or a possessive ("moves to contests in …", "the AP's
    /// questions"), or after a capitalised word after the preposition that opens the
    /// sentence ("In Senate contests he …").
    fn noun_cue(&self, r: &Range<usize>, si: usize) -> bool {
        let first = self.s.sentences[si].tokens.start;
        let k = self.toks(r, si).start;
        let noun_before = |p: usize| {
            let w = self.s.lower(p);
            self.s.info[p].has(
                lexicon::word::PREPOSITION | lexicon::word::DETERMINER | lexicon::word::POSSESSIVE,
            ) || w.ends_with("'s")
                || w.ends_with("’s")
        };
        k > first
            && (noun_before(k - 1)
                || (k - 1 == first + 1
                    && self.s.info[k - 1].has(lexicon::word::UPPER_INITIAL)
                    && self.s.info[first].has(lexicon::word::PREPOSITION)))
    }

    /// Whether token `i` points back to what was said: "that", "it", "them", "the claim".
    fn is_pointer(&self, i: usize) -> bool {
        lexicon::one_of(self.s.lower(i), "that this it them those these")
            || lexicon::get().is_claim_ref(self.s.word(i))
    }

    /// A verdict word in what a source says, after a copula, an auxiliary or a pronoun
    /// (adverbs and "not" skipped): "That is simply untrue", "he had misspoken".
    /// Also gives where the words before the verdict end (the subject's end, before a copula).
    fn content_verdict(&self, content: &Range<usize>) -> Option<(Stance, usize)> {
        let lx = lexicon::get();
        let first = self.sentence_toks(content).start;
        for (r, &v) in lx.verdicts.find_words(self.slice(content)) {
            let at = content.start + r.start;
            let mut k = self.sentence_toks(&(at..at + 1)).start;
            // The word before, past adverbs and "not".
            while k > first {
                k -= 1;
                let w = self.s.lower(k);
                if !(w.ends_with("ly") || lexicon::one_of(w, "not n't never also")) {
                    break;
                }
            }
            let w = self.s.lower(k);
            let pronoun = lexicon::one_of(w, "he she they we i it");
            let copula = lexicon::one_of(w, "is was are were be been had has have 's");
            if pronoun || (copula && self.subject_points_back(first..k)) {
                return Some((v, self.s.tokens[k].start()));
            }
        }
        None
    }

    /// Whether the subject of a verdict ("That", "the claim", "reports of overcrowding", "she",
    /// "Whether the truce holds") is what was said, not some other thing ("his use of the
    /// term").
    fn subject_points_back(&self, t: Range<usize>) -> bool {
        let lx = lexicon::get();
        let mut words = t.filter(|&i| self.is_word(i));
        // A pointer opens the subject ("stereotypes that are untrue" is not one).
        let Some(f) = words.next() else {
            return false;
        };
        let mut rest = words.take(7).peekable();
        // "That", not "This debate" (a demonstrative before some other noun).
        let alone = rest.peek().is_none() || lx.is_claim_ref(self.s.word(f));
        lexicon::one_of(self.s.lower(f), "whether he she they we i")
            || (self.is_pointer(f) && alone)
            || rest.any(|i| lx.is_claim_ref(self.s.word(i)))
    }

    /// A hedged sentence that no source states ("The mayor allegedly accepted gifts …") and a
    /// source's negated account of it in the next ("she had never accepted a gift …"), sharing
    /// two topic words: the source contradicts the hedged claim.
    fn hedged_denials(
        &mut self,
        out: &mut Vec<FoundDispute>,
        hedges: &[(Range<usize>, Range<usize>)],
    ) {
        let statements = self.statements;
        for (j, b) in statements.iter().enumerate() {
            if b.stance != Stance::Asserts || b.source.is_none() {
                continue;
            }
            // The hedge first: few sentences follow a hedged one.
            let Some(claim) = self.hedged_before(j, hedges, 2) else {
                continue;
            };
            let Some(negated) = self.negated_words(&b.content) else {
                continue;
            };
            // What is negated is in the hedged claim ("had never accepted gifts"; not "was
            // not the only one").
            let text: &str = self.text;
            if shared(&negated, &self.interner.topic_words(&text[claim.clone()])) == 0 {
                continue;
            }
            let topic = topic_label(self.slice(&claim), true);
            merge(
                out,
                FoundDispute {
                    topic,
                    claim,
                    positions: vec![(j, Stance::Contradicts)],
                },
                statements,
            );
        }
    }

    /// Conflicting accounts: neighbouring statements by different sources on a shared subject,
    /// the later one marked by a contrast, or of opposite polarity.
    fn conflicts(&mut self, out: &mut Vec<FoundDispute>) {
        let lx = lexicon::get();
        let statements = self.statements;
        // The latest statement before the run of statements by one source that ends just
        // before `j` (kept as `j` goes, so that a long article by one source stays linear).
        let mut before_run: Option<usize> = None;
        for (j, b) in statements.iter().enumerate() {
            // The latest statement before `j` by another source than `b`'s.
            let other = match j.checked_sub(1) {
                Some(p) if self.statements[p].entity != b.entity => Some(p),
                Some(_) => before_run,
                None => None,
            };
            if j > 0 && self.statements[j - 1].entity != b.entity {
                before_run = Some(j - 1);
            }
            if b.stance != Stance::Asserts || b.source.is_none() {
                continue;
            }
            let Some(i) = other else {
                continue;
            };
            let a = &self.statements[i];
            if a.stance != Stance::Asserts
                || a.sentence + 2 < b.sentence
                || a.content.end > b.content.start
            {
                continue;
            }
            let common = shared(&self.topics[i], &self.topics[j]);
            // Two accounts, each of two topic words or more, sharing some.
            if common == 0 || !self.account(a, i) || !self.account(b, j) {
                continue;
            }
            let sent = &self.s.sentences[b.sentence];
            let one_sentence = a.sentence == b.sentence;
            let (na, nb) = (
                self.negated_words(&a.content),
                self.negated_words(&b.content),
            );
            // Close enough for a "but" between them to set one against the other.
            let close = common >= 2 || na.is_some() != nb.is_some();
            let contrast = lx
                .contrast
                .find_words(&self.text[sent.range.clone()])
                .any(|(r, _)| {
                    let r = r.start + sent.range.start..r.end + sent.range.start;
                    self.opposes(&r, b, one_sentence, close)
                });
            // One account negates what the other says: a shared word follows the negation
            // ("the repairs were finished" / "were not finished"; not "would not raise fees"
            // against "fees have been frozen"), or both are short.
            let short = self.topics[i].len().max(self.topics[j].len()) <= 8;
            let polar = common >= 2
                && match (&na, &nb) {
                    (Some(w), None) => short || shared(w, &self.topics[j]) > 0,
                    (None, Some(w)) => short || shared(w, &self.topics[i]) > 0,
                    _ => false,
                };
            if !(contrast || polar) {
                continue;
            }
            let (claim_st, other) = if polar && nb.is_some() {
                (i, j)
            } else {
                (j, i)
            };
            let claim = self.statements[claim_st].content.clone();
            let topic = topic_label(self.slice(&claim), true);
            merge(
                out,
                FoundDispute {
                    topic,
                    claim,
                    positions: vec![(other, Stance::Contradicts), (claim_st, Stance::Asserts)],
                },
                self.statements,
            );
        }
    }
}

impl Disputes<'_, '_> {
    /// Whether statement `i` gives an account of something: a cue of the speech lexicon
    /// ("said", "insisted"; not a learned one such as "criticized" or "supported") and a
    /// content of two topic words or more that is a clause, not a plan or an appeal ("to cut
    /// the deficit", "against the anger", "him not to").
    fn account(&self, st: &Attributed, i: usize) -> bool {
        let t = self.sentence_toks(&st.content);
        let first = t.clone().find(|&k| self.is_word(k));
        // A quotation is the source's own words: a claim of its own, too loose to set
        // against another's account ("“We will keep fighting,” said the mayor").
        st.kind != StatementKind::Direct
            && lexicon::get().cues.get_exact(self.slice(&st.cue)).is_some()
            && self.topics[i].len() >= 2
            && first.is_some_and(|k| !lexicon::one_of(self.s.lower(k), "to against him them us me"))
    }

    /// What a content's first negation ("not", "never", "didn't") negates: the first word
    /// among the three after it that is no stopword ("were not finished": "finished"), as
    /// topic words; none without a negation.
    fn negated_words(&mut self, content: &Range<usize>) -> Option<Vec<u32>> {
        let (s, text) = (self.s, self.text);
        let t = self.sentence_toks(content);
        let n = t
            .clone()
            .find(|&k| lexicon::get().is_negation(s.word(k)) || s.lower(k).ends_with("n't"))?;
        Some(
            (n + 1..t.end)
                .filter(|&k| s.word(k).chars().any(char::is_alphanumeric))
                .take(3)
                .map(|k| self.interner.topic_words(&text[s.tokens[k].range()]))
                .find(|w| !w.is_empty())
                .unwrap_or_default(),
        )
    }

    /// Whether a contrast marker at `r`, in statement `b`'s sentence, sets `b` against an
    /// account before it: outside quotations and `b`'s content, before `b`'s content or cue,
    /// and either joining two accounts in one sentence ("X said S, but Y said T", "While X
    /// says S, Y says T") or pointing back across the full stop: at the sentence's start
    /// ("However, Y said") or just before the cue ("Y, however, said"). Not "while"
    /// across sentences ("While Y did not say when, Y said …", "…, while saying"), and
    /// "but" or "yet" only between `close` accounts.
    fn opposes(&self, r: &Range<usize>, b: &Attributed, one_sentence: bool, close: bool) -> bool {
        let t = self.sentence_toks(r);
        if t.is_empty()
            || self.s.quote_of.at(t.start).is_some()
            || (b.content.start <= r.start && r.start < b.content.end)
            || (r.start > b.cue.start && r.start > b.content.start)
        {
            return false;
        }
        if one_sentence {
            return true;
        }
        // Across sentences only a marker of another account: "however", "on the other hand";
        // "but" and "yet", which set any two things side by side, only between `close`
        // accounts: two topic words in common, or one of them negated ("But Y said the wage
        // offer was still on the table", "But Y said there was no money for it").
        match self.s.lower(t.start) {
            "while" | "whereas" => return false,
            "but" | "yet" if !close => return false,
            _ => {}
        }
        let sent = self.s.sentences[b.sentence].tokens.clone();
        let opening = sent
            .take_while(|&k| k < t.start)
            .all(|k| !self.is_word(k) || self.s.lower(k) == "and");
        // Up to the cue, the source only: "But the teachers' union said", not "But there
        // has been a surge …, which X say".
        let cue = self.sentence_toks(&b.cue).start;
        let words = (t.end..cue).filter(|&k| self.is_word(k)).count();
        // Just before the cue, set off by a comma ("Y, however, said"; not "Y has voiced
        // concerns but has said"), or the cue itself ("countered").
        let aside = t.start == cue || (t.start > 0 && !self.is_word(t.start - 1));
        (opening && words <= 8) || (words == 0 && aside)
    }
}

/// Adds a dispute, merging it into one with an overlapping claim.
/// A source keeps one position on a claim (its first).
fn merge(out: &mut Vec<FoundDispute>, d: FoundDispute, statements: &[Attributed]) {
    if d.positions.len() < 2 && d.positions.iter().all(|p| p.1 == Stance::Asserts) {
        return;
    }
    // Claims arrive roughly in text order: look back over the recent disputes only.
    let recent = out.len().saturating_sub(64);
    if let Some(e) = out[recent..]
        .iter_mut()
        .find(|e| e.claim.start < d.claim.end && d.claim.start < e.claim.end)
    {
        for p in d.positions {
            let entity = statements[p.0].entity;
            if !e
                .positions
                .iter()
                .any(|q| q.0 == p.0 || statements[q.0].entity == entity)
            {
                e.positions.push(p);
            }
        }
        return;
    }
    out.push(d);
}

/// Hedge cues outside quotations, with their sentences.
fn hedges(text: &str, s: &Sentences) -> Vec<(Range<usize>, Range<usize>)> {
    let lx = lexicon::get();
    let mut out = Vec::new();
    for sent in &s.sentences {
        for (r, _) in lx.hedges.find_words(&text[sent.range.clone()]) {
            let at = r.start + sent.range.start;
            let tok = sent.tokens.start
                + s.tokens[sent.tokens.clone()].partition_point(|t| t.start() < at);
            if tok < s.tokens.len() && s.quote_of.at(tok).is_some() {
                continue;
            }
            out.push((at..r.end + sent.range.start, sent.range.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Document, Stance};

    #[test]
    fn marks_are_trimmed_as_trim_matches_trims_them() {
        for w in [
            "", ".", "'", "’", "..’'", "U.S.", "’90s", "Ruiz’s", "'tis'", "a.’", "é’", "’é.", "x",
        ] {
            assert_eq!(
                super::trim_marks(w),
                w.trim_matches(&['.', '\'', '’'][..]),
                "{w:?}"
            );
        }
    }

    fn disputes(text: &str) -> Vec<(String, Vec<(String, Stance)>)> {
        let r = analyze(&Document::from_text(text).unwrap());
        r.disputes
            .iter()
            .map(|d| {
                let sides = d
                    .positions
                    .iter()
                    .map(|p| (r.speaker(&p.speaker).unwrap().name.clone(), p.stance))
                    .collect();
                (r.slice(d.claim).to_string(), sides)
            })
            .collect()
    }

    type Sides = Vec<(String, Stance)>;

    fn one(claim: &str, sides: &[(&str, Stance)]) -> (String, Sides) {
        let sides = sides.iter().map(|(w, s)| (w.to_string(), *s)).collect();
        (claim.to_string(), sides)
    }

    /// The disputes when `reply` follows "The union said the plant would close."
    fn after_the_union(reply: &str) -> Vec<(String, Sides)> {
        disputes(&["The union said the plant would close. ", reply].concat())
    }

    /// The union's claim disputed by Velmar Inc. with `stance`.
    fn velmar(stance: Stance) -> Vec<(String, Sides)> {
        vec![one(
            "the plant would close",
            &[("Velmar Inc.", stance), ("union", Stance::Asserts)],
        )]
    }

    #[test]
    fn a_denial_disputes_the_claim_before_it() {
        assert_eq!(
            after_the_union("Velmar Inc. denied it."),
            velmar(Stance::Denies)
        );
    }

    #[test]
    fn contrast_marker_makes_conflicting_accounts() {
        let d = disputes(
            "Talks collapsed on Friday, union leader Maria Lopez said. Harbor Lines, however, said talks were continuing.",
        );
        assert_eq!(
            d,
            vec![one(
                "talks were continuing",
                &[
                    ("Maria Lopez", Stance::Contradicts),
                    ("Harbor Lines", Stance::Asserts)
                ]
            )]
        );
    }

    #[test]
    fn topic_word_pieces_agree_with_split() {
        for t in [
            "",
            "a",
            "Haldane's U.S. “tampering” — didn’t, 2.5% état...x",
            " ,, 'tis Ⅻ ½ ø",
        ] {
            let split: Vec<&str> = t
                .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\'' || c == '’'))
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(super::words(t).collect::<Vec<_>>(), split, "{t}");
        }
    }

    #[test]
    fn a_denial_that_points_back_disputes_the_claim_before_it() {
        let d = disputes(
            "Councilwoman Rosa Diaz said that the company had threatened to leave the port. \
             The company denied that it had made any such threat.",
        );
        assert_eq!(
            d,
            vec![one(
                "the company had threatened to leave the port",
                &[("company", Stance::Denies), ("Rosa Diaz", Stance::Asserts)]
            )]
        );
    }

    #[test]
    fn denying_someone_s_account_disputes_that_account() {
        let d = disputes(
            "According to the union, two workers were hurt in October. Velmar Inc. denied \
             the union's account.",
        );
        assert_eq!(
            d,
            vec![one(
                "two workers were hurt in October",
                &[("Velmar Inc.", Stance::Denies), ("union", Stance::Asserts)]
            )]
        );
    }

    #[test]
    fn hedges_are_not_disputes() {
        let r = analyze(
            &Document::from_text("The truce may not hold. It allegedly failed before.").unwrap(),
        );
        assert!(r.disputes.is_empty());
        let hedges: Vec<(&str, &str)> = r
            .hedges
            .iter()
            .map(|h| (r.slice(h.cue), r.slice(h.sentence)))
            .collect();
        assert_eq!(
            hedges,
            vec![
                ("may", "The truce may not hold."),
                ("allegedly", "It allegedly failed before.")
            ]
        );
    }

    #[test]
    fn a_seat_of_government_of_several_words_is_one_topic_word() {
        let mut i = super::Interner::default();
        let seat = i.topic_words("The White House");
        assert_eq!(seat, i.topic_words("Washington"));
        assert_eq!(seat, i.topic_words("American"));
        assert_eq!(seat.len(), 1);
    }

    #[test]
    fn a_quoted_claim_s_topic_drops_the_quotation_marks() {
        let r = analyze(
            &Document::from_text("“The plant will close,” the union said. Velmar Inc. denied it.")
                .unwrap(),
        );
        let topics: Vec<&str> = r.disputes.iter().map(|d| d.topic.as_str()).collect();
        assert_eq!(topics, ["whether the plant will close"]);
    }

    #[test]
    fn sources_after_a_denial_that_opens_the_article_join_it() {
        let d = disputes(
            "Velmar Inc. denied that the plant would close. The union said the plant would \
             close in May.",
        );
        assert_eq!(
            d,
            vec![one(
                "the plant would close",
                &[("Velmar Inc.", Stance::Denies), ("union", Stance::Asserts)]
            )]
        );
    }

    #[test]
    fn a_fronted_topic_after_but_is_what_is_denied() {
        let d = disputes(
            "The union said the plant would close. But as for the closure, Velmar Inc. denied it.",
        );
        assert_eq!(
            d,
            vec![one(
                "the closure",
                &[("Velmar Inc.", Stance::Denies), ("union", Stance::Asserts)]
            )]
        );
    }

    #[test]
    fn accounts_three_sentences_apart_are_not_a_dispute() {
        assert_eq!(
            disputes(
                "Talks collapsed on Friday, union leader Maria Lopez said. The port was quiet. \
                 Ships waited. Harbor Lines, however, said talks were continuing."
            ),
            vec![]
        );
    }

    #[test]
    fn denials_of_one_claim_are_one_dispute() {
        let d = disputes(
            "The union said the plant would close. Velmar Inc. denied it. Mayor Ann Lee denied it.",
        );
        assert_eq!(
            d,
            vec![one(
                "the plant would close",
                &[
                    ("Velmar Inc.", Stance::Denies),
                    ("union", Stance::Asserts),
                    ("Ann Lee", Stance::Denies)
                ]
            )]
        );
    }

    #[test]
    fn unrelated_statements_are_not_disputes() {
        assert!(disputes(
            "The bridge is open, Mayor Ann Lee said. But the museum will close, a spokesman said."
        )
        .is_empty());
    }

    #[test]
    fn rejecting_claims_that_s_disputes_s() {
        assert_eq!(
            disputes("Velmar Inc. rejected claims by the union that the plant would close."),
            vec![one(
                "the plant would close",
                &[("Velmar Inc.", Stance::Denies)]
            )]
        );
    }

    #[test]
    fn a_fronted_report_that_s_is_what_them_denies() {
        assert_eq!(
            disputes(
                "As for reports that the club would move to a new stadium in Ashby, chairman \
                 Lorna Pike denied them outright."
            ),
            vec![one(
                "the club would move to a new stadium in Ashby",
                &[("Lorna Pike", Stance::Denies)]
            )]
        );
    }

    #[test]
    fn questioning_that_assessment_questions_the_claim_before_it() {
        assert_eq!(
            after_the_union("Velmar Inc. questioned that assessment."),
            velmar(Stance::Questions)
        );
    }

    #[test]
    fn disagreeing_before_saying_contradicts_the_claim_before_it() {
        assert_eq!(
            after_the_union("Velmar Inc. disagreed, saying orders were up."),
            velmar(Stance::Contradicts)
        );
    }

    #[test]
    fn calling_a_report_false_denies_it_but_a_false_alarm_does_not() {
        assert_eq!(
            after_the_union("Velmar Inc. called the report false and said orders were up."),
            velmar(Stance::Denies)
        );
        assert!(
            after_the_union("Velmar Inc. raised a false alarm and said orders were up.").is_empty()
        );
    }

    #[test]
    fn saying_that_is_untrue_denies_the_claim_before_it() {
        assert_eq!(
            after_the_union("“That is simply untrue,” Velmar Inc. said."),
            velmar(Stance::Denies)
        );
        // A charge that no source states: the sentence before.
        assert_eq!(
            disputes("Ann Lee has been accused of leaking the budget. “That is untrue,” Lee said."),
            vec![one(
                "Ann Lee has been accused of leaking the budget",
                &[("Ann Lee", Stance::Denies)]
            )]
        );
    }

    #[test]
    fn a_verdict_word_needs_a_copula_or_pronoun_before_it() {
        assert_eq!(
            after_the_union("Velmar Inc. said she was sceptical."),
            velmar(Stance::Questions)
        );
        assert!(after_the_union("Velmar Inc. said false rumours had spread.").is_empty());
    }

    #[test]
    fn reports_of_s_called_false_deny_s() {
        assert_eq!(
            disputes("Tomas Eriksen said reports of overcrowding at the main stage were false."),
            vec![one(
                "overcrowding at the main stage",
                &[("Tomas Eriksen", Stance::Denies)]
            )]
        );
    }

    #[test]
    fn a_denial_after_a_hedged_sentence_denies_it() {
        assert_eq!(
            disputes(
                "The painting was reportedly sold to a collector in Geneva. The gallery's \
                 director, Marta Sokol, denied that it had been sold."
            ),
            vec![one(
                "The painting was reportedly sold to a collector in Geneva",
                &[("Marta Sokol", Stance::Denies)]
            )]
        );
    }

    #[test]
    fn a_negated_account_after_a_hedged_sentence_contradicts_it() {
        assert_eq!(
            disputes(
                "The mayor allegedly accepted gifts from a developer. The mayor, Ann Lee, said \
                 she had never accepted gifts from anyone."
            ),
            vec![one(
                "The mayor allegedly accepted gifts from a developer",
                &[("Ann Lee", Stance::Contradicts)]
            )]
        );
        // Without the hedge, nothing is claimed.
        assert!(disputes(
            "The mayor accepted gifts from a developer. The mayor, Ann Lee, said she had never \
             accepted gifts from anyone."
        )
        .is_empty());
    }

    #[test]
    fn synonyms_link_conflicting_accounts() {
        assert_eq!(
            disputes(
                "The fire started in the kitchen, owner Ilse Varga said. Investigators, however, \
                 said the blaze began in a storeroom."
            ),
            vec![one(
                "the blaze began in a storeroom",
                &[
                    ("Ilse Varga", Stance::Contradicts),
                    ("Investigators", Stance::Asserts)
                ]
            )]
        );
    }

    #[test]
    fn a_verdict_on_some_other_subject_is_no_dispute() {
        assert!(after_the_union("Velmar Inc. said his use of the term was incorrect.").is_empty());
    }
}
