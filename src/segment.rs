//! Stage 2c, sentences: tokens (see [`crate::tokens`]), quotations (see [`crate::quotes`]) and
//! sentence boundaries for every analysable block.
//!
//! A sentence ends at `.`, `?` or `!` (and any closing marks after it) when a capitalised word, a
//! number or an opening quote follows — never inside a quotation, never after a title or an
//! initial, and after an acronym only when a sentence starter follows ("… in the U.S. The …").
//! A run of more than [`MAX_SENTENCE_TOKENS`] tokens without an end is cut (outside quotations).
//! Hands on: tokens, quotations and sentences, per block.

use crate::blocks::BlockBytes;
#[cfg(not(target_arch = "wasm32"))]
use crate::lexicon::WordEntry;
use crate::lexicon::{self, Abbrev, Cue, WordInfo};
use crate::quotes::{self, Quote};
use crate::report::BlockKind;
use crate::tokens::{self, tokenize, TokKind, Token};
use std::ops::Range;

/// The most tokens outside quotations a sentence holds (quotations are never cut): a run of text
/// without a full stop is cut into pieces this long. The stages after read each sentence as a
/// whole, some in time that grows faster than its length; no sentence of news prose comes near.
pub(crate) const MAX_SENTENCE_TOKENS: usize = 300;

/// One sentence: its bytes and its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sentence {
    pub range: Range<usize>,
    pub tokens: Range<usize>,
    /// Index of its block in [`Sentences::blocks`].
    pub block: usize,
    /// Its speech-cue lexicon matches, as a range of [`Sentences::cues`].
    pub cues: Range<usize>,
}

/// For each token, the index of the top-level quotation it lies in (marks included), stored
/// plus one (0: none) in four bytes a token.
pub(crate) struct QuoteOf(Vec<u32>);

impl QuoteOf {
    /// The quotation token `i` lies in.
    pub(crate) fn at(&self, i: usize) -> Option<u32> {
        self.0[i].checked_sub(1)
    }

    /// The quotation token `i` lies in; none when there is no token `i`.
    pub(crate) fn get(&self, i: usize) -> Option<Option<u32>> {
        self.0.get(i).map(|q| q.checked_sub(1))
    }
}

/// An analysable block, as a range of tokens.
#[derive(Debug, Clone)]
pub(crate) struct BlockTokens {
    pub tokens: Range<usize>,
    pub kind: BlockKind,
}

/// The segmented article: tokens, quotations and sentences of every non-chrome block.
pub(crate) struct Sentences<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    pub blocks: Vec<BlockTokens>,
    pub quotes: Vec<Quote>,
    pub sentences: Vec<Sentence>,
    /// For each token, the index of the top-level quotation it lies in (marks included).
    pub quote_of: QuoteOf,
    /// Every token lower-cased (as `str::to_lowercase` makes it), with the text between tokens
    /// (lower-cased too), so that a run of words is one slice (see [`Sentences::lower_span`]).
    lower: String,
    /// For each token, its range in `lower`; none when `lower` keeps the text's offsets (a
    /// token's lower-case form is then at the token's own range).
    low: Vec<(u32, u32)>,
    /// For each token, what the word lexicons say of it.
    pub info: Vec<WordInfo>,
    /// The lower-case forms of the words, an id each (see [`Sentences::form_id`]).
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    forms: Forms,
    /// The speech-cue lexicon's whole-word matches, sentence by sentence (byte ranges in the
    /// text): found once here for every stage that reads cues.
    pub cues: Vec<(Range<usize>, Cue)>,
}

/// `text` lower-cased char by char when that keeps every byte offset and agrees with
/// `str::to_lowercase` on any part of it (no char changes length or becomes several, and no
/// capital sigma, whose lower case depends on its neighbours); otherwise none.
fn lower_in_place(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            // Skip ASCII sixteen bytes at a time where possible.
            while i + 16 <= bytes.len() && bytes[i..i + 16].iter().all(|&b| b < 0x80) {
                i += 16;
            }
            if bytes.get(i).is_some_and(|&b| b < 0x80) {
                i += 1;
            }
            continue;
        }
        let c = text[i..].chars().next()?;
        let n = c.len_utf8();
        let mut l = crate::case::lower_char(c);
        let lc = l.next()?;
        if l.next().is_some() || lc.len_utf8() != n || c == 'Σ' {
            return None;
        }
        if lc != c {
            let start = out.len();
            out.push_str(&text[last..i]);
            if let Some(tail) = out.get_mut(start..) {
                tail.make_ascii_lowercase();
            }
            out.push(lc);
            last = i + n;
        }
        i += n;
    }
    let start = out.len();
    out.push_str(&text[last..]);
    if let Some(tail) = out.get_mut(start..) {
        tail.make_ascii_lowercase();
    }
    Some(out)
}

/// The lower-case forms of the words of a text, each given an id when first seen, with what
/// the word lexicons file under it: one look-up a form instead of one a token, and the stages
/// after read a table by id instead of testing the word again. Native only: the browser build
/// looks each token up (fewer bytes to download).
#[derive(Default)]
struct Forms {
    /// For each form id, the lexicons' facts filed under the form.
    #[cfg(not(target_arch = "wasm32"))]
    entries: Vec<Option<&'static WordEntry>>,
    /// For each form id, the first token of that form.
    #[cfg(not(target_arch = "wasm32"))]
    first: Vec<u32>,
    /// For each token, the id of its form ([`NO_FORM`] when it is no word).
    #[cfg(not(target_arch = "wasm32"))]
    of_token: Vec<u32>,
}

/// The form ids given so far, by form, while [`Forms`] is made; nothing in the browser build.
/// A form of at most 15 bytes (most words) is its own key, its bytes and its length in one
/// `u128`: a look-up then reads the table only, where a key pointing into the text reads the
/// text where the form first came (far back in a long text); a longer form is a slice of the
/// lower-cased text (no copy of a form is kept).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Default)]
struct FormIds<'l> {
    short: rustc_hash::FxHashMap<u128, u32>,
    long: rustc_hash::FxHashMap<&'l str, u32>,
}

#[cfg(not(target_arch = "wasm32"))]
impl<'l> FormIds<'l> {
    /// The id of `form`; `next` when it has none yet (then given it).
    fn id(&mut self, form: &'l str, next: u32) -> u32 {
        let b = form.as_bytes();
        if b.len() < 16 {
            let mut key = [0u8; 16];
            key[..b.len()].copy_from_slice(b);
            key[15] = b.len() as u8;
            *self.short.entry(u128::from_le_bytes(key)).or_insert(next)
        } else {
            *self.long.entry(form).or_insert(next)
        }
    }
}

#[cfg(target_arch = "wasm32")]
type FormIds<'l> = std::marker::PhantomData<&'l str>;

impl Forms {
    /// What the word lexicons say of token `i`, the next token, written `word` and lower-cased
    /// `lower` (natively, the token's form id noted, and the form given one in `ids` when new).
    #[cfg_attr(target_arch = "wasm32", allow(unused_variables))]
    fn info<'l>(
        &mut self,
        ids: &mut FormIds<'l>,
        t: &Token,
        word: &str,
        lower: &'l str,
        i: usize,
    ) -> WordInfo {
        #[cfg(not(target_arch = "wasm32"))]
        if t.kind == TokKind::Word {
            let next = self.first.len() as u32;
            let id = ids.id(lower, next);
            if id == next {
                self.entries.push(lexicon::get().word_entry(lower));
                self.first.push(i as u32);
            }
            self.of_token.push(id);
            return WordInfo::of(self.entries[id as usize], word);
        } else {
            self.of_token.push(NO_FORM);
        }
        lexicon::get().word_info(word, lower)
    }
}

/// The form id of a token that is no word (see [`Sentences::form_id`]).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) const NO_FORM: u32 = u32::MAX;

/// Appends `s` lower-cased.
fn push_lower(buf: &mut String, s: &str) {
    if s.is_ascii() {
        let start = buf.len();
        buf.push_str(s);
        // ASCII in, ASCII out.
        if let Some(tail) = buf.get_mut(start..) {
            tail.make_ascii_lowercase();
        }
    } else {
        buf.push_str(&crate::case::lower(s));
    }
}

impl<'a> Sentences<'a> {
    pub(crate) fn new(text: &'a str, raw: &[BlockBytes]) -> Sentences<'a> {
        let mut tokens = Vec::with_capacity(text.len() / 5);
        let mut blocks = Vec::new();
        for b in raw.iter().filter(|b| b.kind != BlockKind::Chrome) {
            let start = tokens.len();
            tokenize(text, b.range.clone(), &mut tokens);
            blocks.push(BlockTokens {
                tokens: start..tokens.len(),
                kind: b.kind,
            });
        }
        let mut quotes = Vec::new();
        let mut pending = None;
        for b in &blocks {
            let before = quotes.len();
            quotes::pair_block(text, &tokens, b.tokens.clone(), pending, &mut quotes);
            pending = quotes[before..]
                .iter()
                .rposition(|q| !q.closed)
                .map(|i| before + i);
        }
        let mut quote_of = vec![0; tokens.len()];
        for (qi, q) in quotes.iter().enumerate() {
            for slot in &mut quote_of[q.tokens.clone()] {
                *slot = qi as u32 + 1;
            }
        }
        let quote_of = QuoteOf(quote_of);
        let mut low = Vec::new();
        let mut info = Vec::with_capacity(tokens.len());
        let mut forms = Forms::default();
        // What the token's first letter and place say, beside what the lexicons say.
        let flags = |t: &Token, q: u32| {
            // An ASCII first byte is the first char (most words), read without a slice.
            let first = match text.as_bytes().get(t.start()) {
                Some(&b) if b < 0x80 => Some(char::from(b)),
                _ => text[t.range()].chars().next(),
            };
            let mut flags = 0;
            if first.is_some_and(char::is_uppercase) {
                flags |= lexicon::word::UPPER_INITIAL;
            }
            if first.is_some_and(char::is_lowercase) {
                flags |= lexicon::word::LOWER_INITIAL;
            }
            if t.kind == TokKind::Word && q == 0 {
                flags |= lexicon::word::FREE_WORD;
            }
            flags
        };
        let lower = match lower_in_place(text) {
            // Lower-casing kept every offset: a token's lower-case form is at its own range.
            Some(lower) => lower,
            None => {
                low.reserve_exact(tokens.len());
                let mut lower = String::with_capacity(text.len() + text.len() / 8);
                let mut prev = 0;
                for t in &tokens {
                    push_lower(&mut lower, &text[prev..t.start()]);
                    let start = lower.len();
                    push_lower(&mut lower, &text[t.range()]);
                    low.push((start as u32, lower.len() as u32));
                    prev = t.end();
                }
                lower
            }
        };
        let mut ids = FormIds::default();
        for (k, (t, &q)) in tokens.iter().zip(&quote_of.0).enumerate() {
            let (a, b) = match low.get(k) {
                Some(&(a, b)) => (a as usize, b as usize),
                None => (t.start(), t.end()),
            };
            let mut inf = forms.info(&mut ids, t, &text[t.range()], &lower[a..b], k);
            inf.flags |= flags(t, q);
            info.push(inf);
        }
        let mut s = Sentences {
            text,
            tokens,
            blocks,
            quotes,
            sentences: Vec::new(),
            quote_of,
            lower,
            low,
            info,
            forms,
            cues: Vec::new(),
        };
        s.split();
        s.find_cues();
        s
    }

    /// `tokens.partition_point(pred)` over the whole text, searched first among the tokens
    /// `near` (a sentence's): the same answer, without a search of the whole text when the
    /// answer lies there. `pred` must hold of a first run of tokens only, as "starts before
    /// byte x" or "ends at or before byte x" do.
    pub(crate) fn token_partition(
        &self,
        near: Range<usize>,
        pred: impl Fn(&Token) -> bool,
    ) -> usize {
        self.token_partition_by(near, &pred)
    }

    /// [`Sentences::token_partition`] with its test called through a pointer: one copy of the
    /// two searches in the wasm, not one for each caller's test (1.2 KB raw).
    fn token_partition_by(&self, near: Range<usize>, pred: &dyn Fn(&Token) -> bool) -> usize {
        let t = &self.tokens;
        let p = near.start + t[near].partition_point(&pred);
        // The answer for the whole text is where `pred` turns false, which the window's answer
        // is when the tokens on either side of it say so.
        if (p == 0 || pred(&t[p - 1])) && (p == t.len() || !pred(&t[p])) {
            p
        } else {
            t.partition_point(pred)
        }
    }

    /// The text of a token.
    pub(crate) fn word(&self, i: usize) -> &'a str {
        &self.text[self.tokens[i].range()]
    }

    /// A token lower-cased (`word(i).to_lowercase()`).
    pub(crate) fn lower(&self, i: usize) -> &str {
        if self.low.is_empty() {
            return &self.lower[self.tokens[i].range()];
        }
        let (a, b) = self.low[i];
        &self.lower[a as usize..b as usize]
    }

    /// The id of word `i`'s lower-case form: words of one form share it; ids number the forms
    /// in order of first use, `0..forms()`. [`NO_FORM`] for a token that is no word.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn form_id(&self, i: usize) -> u32 {
        self.forms.of_token[i]
    }

    /// How many lower-case forms the words have.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn forms(&self) -> usize {
        self.forms.first.len()
    }

    /// The lower-case form of id `id` (see [`Sentences::form_id`]).
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn form(&self, id: usize) -> &str {
        self.lower(self.forms.first[id] as usize)
    }

    /// A run of words `t` (nothing but white space between them) lower-cased: the same as the
    /// text from the first to the last, lower-cased.
    pub(crate) fn lower_span(&self, t: Range<usize>) -> &str {
        if self.low.is_empty() {
            return &self.lower[self.tokens[t.start].start()..self.tokens[t.end - 1].end()];
        }
        &self.lower[self.low[t.start].0 as usize..self.low[t.end - 1].1 as usize]
    }

    fn split(&mut self) {
        for (bi, b) in self.blocks.iter().enumerate() {
            let mut start = b.tokens.start;
            let mut i = b.tokens.start;
            // Tokens of the sentence so far outside quotations.
            let mut free = 0;
            while i < b.tokens.end {
                if let Some(end) = self.boundary_after(i, b.tokens.end) {
                    self.sentences.push(self.sentence(start..end, bi));
                    start = end;
                    i = end;
                    free = 0;
                    continue;
                }
                if self.quote_of.at(i).is_none() {
                    free += 1;
                }
                if free >= MAX_SENTENCE_TOKENS
                    && i + 1 < b.tokens.end
                    && self.quote_of.at(i).is_none()
                    && self.quote_of.at(i + 1).is_none()
                {
                    // Past the longest sentence prose has: cut between two words outside
                    // quotations, so that the stages after stay linear in a text without full
                    // stops.
                    self.sentences.push(self.sentence(start..i + 1, bi));
                    start = i + 1;
                    free = 0;
                }
                i += 1;
            }
            if start < b.tokens.end {
                self.sentences.push(self.sentence(start..b.tokens.end, bi));
            }
        }
    }

    fn find_cues(&mut self) {
        let cues = &lexicon::get().cues;
        for sent in &mut self.sentences {
            let start = self.cues.len();
            let at = sent.range.start;
            for (r, c) in cues.find_words(&self.text[sent.range.clone()]) {
                self.cues.push((r.start + at..r.end + at, *c));
            }
            sent.cues = start..self.cues.len();
        }
    }

    fn sentence(&self, tokens: Range<usize>, block: usize) -> Sentence {
        let range = self.tokens[tokens.start].start()..self.tokens[tokens.end - 1].end();
        Sentence {
            range,
            tokens,
            block,
            cues: 0..0,
        }
    }

    /// If a sentence ends with token `i`, the index of the first token of the next sentence.
    fn boundary_after(&self, i: usize, end: usize) -> Option<usize> {
        let tok = &self.tokens[i];
        let lx = lexicon::get();
        let terminal = match tok.kind {
            TokKind::Punct('.' | '?' | '!' | '…') => true,
            TokKind::Word => tokens::abbrev(self.text, tok) == Some(Abbrev::BeforeStarter),
            _ => false,
        };
        if !terminal {
            return None;
        }
        // Closing marks belong to the sentence they close.
        let mut j = i + 1;
        while j < end {
            match self.tokens[j].kind {
                TokKind::Punct(')' | ']') => j += 1,
                TokKind::Quote(_) if self.closes_quote(j) => j += 1,
                TokKind::Punct('.' | '?' | '!' | '…') => j += 1,
                _ => break,
            }
        }
        if j >= end {
            return None;
        }
        // Never inside a quotation that goes on after the next token.
        if let (Some(a), Some(b)) = (self.quote_of.at(i), self.quote_of.at(j)) {
            if a == b {
                return None;
            }
        }
        let next = &self.tokens[j];
        let next_word = &self.text[next.range()];
        let starts = match next.kind {
            TokKind::Word => next_word.starts_with(char::is_uppercase),
            TokKind::Number => true,
            TokKind::Quote(_) => self.opens_quote(j),
            TokKind::Punct('(' | '[' | '—' | '–') => true,
            _ => false,
        };
        if !starts {
            return None;
        }
        if tok.kind == TokKind::Word {
            // "Inc.", "U.S.": only before a word that typically opens a sentence.
            let starter = next.kind == TokKind::Quote('“')
                || (next.kind == TokKind::Word && lx.is_sentence_starter(next_word));
            if !starter {
                return None;
            }
        }
        Some(j)
    }

    fn closes_quote(&self, j: usize) -> bool {
        self.quote_of
            .at(j)
            .is_some_and(|q| self.quotes[q as usize].tokens.end == j + 1)
    }

    fn opens_quote(&self, j: usize) -> bool {
        self.quote_of
            .at(j)
            .is_some_and(|q| self.quotes[q as usize].tokens.start == j)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::Document;

    fn sentences(text: &str) -> Vec<String> {
        let doc = Document::from_text(text).unwrap();
        let s = Sentences::new(doc.text(), doc.blocks());
        s.sentences
            .iter()
            .map(|x| text[x.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn a_partition_searched_near_first_is_the_partition_of_the_whole_text() {
        let doc = Document::from_text("Ann said no. Bob said yes, twice. Cy left.").unwrap();
        let s = Sentences::new(doc.text(), doc.blocks());
        let n = s.tokens.len();
        for byte in 0..=doc.text().len() + 1 {
            let pred = |t: &crate::tokens::Token| t.start() < byte;
            let whole = s.tokens.partition_point(pred);
            for a in 0..=n {
                for b in a..=n {
                    assert_eq!(
                        s.token_partition(a..b, pred),
                        whole,
                        "byte {byte}, near {a}..{b}"
                    );
                }
            }
        }
    }

    #[test]
    fn titles_initials_and_decimals_do_not_end_sentences() {
        assert_eq!(
            sentences(
                "Mr. Haldane met Gen. Hale on Jan. 5 with John T. Harlan and John R.T. Harlan. Growth was 2.5 percent."
            ),
            vec![
                "Mr. Haldane met Gen. Hale on Jan. 5 with John T. Harlan and John R.T. Harlan.",
                "Growth was 2.5 percent."
            ]
        );
    }

    #[test]
    fn acronyms_end_a_sentence_only_before_a_sentence_starter() {
        assert_eq!(
            sentences(
                "He met U.S. officials in the U.S. The talks ended. The U.N. Security Council met."
            ),
            vec![
                "He met U.S. officials in the U.S.",
                "The talks ended.",
                "The U.N. Security Council met."
            ]
        );
    }

    #[test]
    fn quotes_keep_their_sentences_together() {
        assert_eq!(
            sentences("\"It works. It is fine,\" she said. \"Really?\" he asked. Then they left."),
            vec![
                "\"It works. It is fine,\" she said.",
                "\"Really?\" he asked.",
                "Then they left."
            ]
        );
    }

    #[test]
    fn closing_quote_after_a_period_belongs_to_the_sentence() {
        assert_eq!(
            sentences("As she put it, \"nobody could have done more.\" Given that, it ended."),
            vec![
                "As she put it, \"nobody could have done more.\"",
                "Given that, it ended."
            ]
        );
    }

    #[test]
    fn words_of_one_lower_case_form_share_its_id() {
        let text = "The Mayor said \"the mayor\" SAID so, and ÉCOLE said école: 42.";
        let doc = Document::from_text(text).unwrap();
        let s = Sentences::new(doc.text(), doc.blocks());
        let mut ids = Vec::new();
        for i in 0..s.tokens.len() {
            if s.tokens[i].kind != TokKind::Word {
                assert_eq!(s.form_id(i), NO_FORM, "{}", s.word(i));
                continue;
            }
            let id = s.form_id(i) as usize;
            assert_eq!(s.form(id), s.lower(i));
            ids.push(id);
        }
        // the mayor said the mayor said so and école said école
        assert_eq!(ids, [0, 1, 2, 0, 1, 2, 3, 4, 5, 2, 5]);
        assert_eq!(s.forms(), 6);
        assert_eq!(
            s.info.iter().map(|x| x.flags).collect::<Vec<_>>(),
            (0..s.tokens.len())
                .map(|i| {
                    let f = lexicon::get().word_info(s.word(i), s.lower(i)).flags;
                    f | (s.info[i].flags
                        & (lexicon::word::UPPER_INITIAL
                            | lexicon::word::LOWER_INITIAL
                            | lexicon::word::FREE_WORD))
                })
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn lower_case_forms_agree_with_to_lowercase() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/articles");
        let mut texts: Vec<String> = std::fs::read_dir(root)
            .unwrap()
            .flatten()
            .filter_map(|d| std::fs::read_to_string(d.path().join("article.txt")).ok())
            .collect();
        texts.push("Ça VA — “TRÈS” bien, ÉCOLE Straße.".into());
        texts.push("ΟΔΥΣΣΕΥΣ said ΣΑΣ. Then Σ spoke.".into());
        texts.push("İstanbul's mayor and the \u{212a}elvin Group said so.".into());
        for t in &texts {
            let doc = Document::from_text(t.as_str()).unwrap();
            let s = Sentences::new(doc.text(), doc.blocks());
            for i in 0..s.tokens.len() {
                assert_eq!(s.lower(i), s.word(i).to_lowercase());
                // Runs of words, as the mention finder slices them.
                let mut j = i;
                while j < s.tokens.len() && j < i + 5 && s.tokens[j].kind == TokKind::Word {
                    j += 1;
                    let r = s.tokens[i].start()..s.tokens[j - 1].end();
                    assert_eq!(s.lower_span(i..j), doc.text()[r].to_lowercase());
                }
            }
        }
    }
}
