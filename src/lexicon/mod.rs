//! Knowledge as data: the lexicons under `src/lexicon/`, compiled in and indexed once.
//!
//! Each file has a comment header saying what it holds and how it is matched. Phrase lists that
//! are searched for in running text are compiled into tries searched leftmost-longest (see
//! `trie`); word lists that classify a single token are hash sets. Adding an entry is a
//! one-line data change.
//!
//! `build.rs` reads the files when the crate is built (see `compiled`): the crate compiles in
//! each lexicon as a list in its final form (read, lower-cased, split by its marks, merged), and
//! builds its hash sets, phrase tries and word index from those at start-up. The loader here
//! reads the files themselves, in the unit tests only, and
//! `the_compiled_lexicon_is_the_loaded_one` checks that the two agree.
//!
//! The loader is strict: a line it cannot read (an unknown stance, frame, gender or mark, a
//! wrong number of columns) is an error naming its file and line, never a default, and the
//! unit tests check that every line loads and that every key can match its look-up (no
//! repeats, no phrase where one word is looked up, no punctuation the look-up strips first).

use crate::report::Stance;
use rustc_hash::FxHashMap as HashMap;
#[cfg(test)]
use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;
use std::sync::LazyLock;
use trie::Trie;

mod trie;

/// Grammatical or natural gender, as far as the text shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Gender {
    Male,
    Female,
    Unknown,
}

impl Gender {
    /// Whether two genders may belong to the same person.
    pub(crate) fn agrees(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }

    /// The more specific of two genders of one person.
    pub(crate) fn or(self, other: Gender) -> Gender {
        if self == Gender::Unknown {
            other
        } else {
            self
        }
    }
}

/// The sentence frame a cue opens (see `speech_cues.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Frame {
    Say,
    Tell,
    According,
    PutIt,
    /// Like `Say`, but what opens like a noun phrase after the cue is no speech.
    Add,
    Deny,
    /// Like `Deny`, and a personal pronoun after the cue ("corrected him") stands for what that
    /// person said.
    Correct,
    Noun,
    /// Like `Say`, but the source names a thing as it sees it ("called the deal “a
    /// disgrace”"): a statement only where a quotation follows.
    Name,
    /// Like `Say`, but a statement only with a quotation right before the source and cue or
    /// right after the cue ("\"Q?\" Graham asked", "the crowd chanted, \"Q\""): the same words
    /// ask, request or perform otherwise ("asked him to leave", "sang the anthem").
    Quote,
}

impl Frame {
    /// The frame's name as written in `speech_cues.tsv`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Frame::Say => "say",
            Frame::Tell => "tell",
            Frame::According => "according",
            Frame::PutIt => "putit",
            Frame::Add => "add",
            Frame::Deny => "deny",
            Frame::Correct => "correct",
            Frame::Noun => "noun",
            Frame::Name => "name",
            Frame::Quote => "quote",
        }
    }
}

/// One attribution cue.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Cue {
    /// What a source does to what it says.
    pub stance: Stance,
    pub frame: Frame,
}

/// A title or role word ("foreign minister").
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Title {
    pub class: String,
    pub gender: Gender,
}

/// How an abbreviation behaves at a sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// Never ends a sentence ("Mr.", "Jan.").
    Never,
    /// Ends one when a sentence starter follows ("Inc. The …").
    BeforeStarter,
}

/// A phrase lexicon searched in running text.
pub(crate) struct PhraseSet<T> {
    automaton: Trie,
    values: Vec<T>,
    /// Pattern index by whole phrase (ASCII lower-cased when matched case-insensitively), for
    /// [`PhraseSet::get_exact`]: the first pattern of equal ones, as the automaton reports.
    exact: HashMap<String, usize>,
    case_insensitive: bool,
    /// The phrases, as written.
    #[cfg(test)]
    phrases: Vec<String>,
}

/// The trie of `patterns` and the index of each by its key (the first of equal ones): what
/// [`PhraseSet::new`] builds whatever the phrases' values (one function, not one a value type,
/// in the browser build).
fn index_phrases(patterns: &[String], case_insensitive: bool) -> (Trie, HashMap<String, usize>) {
    let mut exact = HashMap::default();
    for (i, p) in patterns.iter().enumerate() {
        let key = if case_insensitive {
            p.to_ascii_lowercase()
        } else {
            p.clone()
        };
        exact.entry(key).or_insert(i);
    }
    (Trie::new(patterns, case_insensitive), exact)
}

impl<T> PhraseSet<T> {
    #[cfg(test)]
    fn new(entries: Vec<(String, T)>, case_insensitive: bool) -> PhraseSet<T> {
        let (patterns, values): (Vec<String>, Vec<T>) = entries.into_iter().unzip();
        PhraseSet::from_parts(patterns, values, case_insensitive)
    }

    /// The set of `patterns`, the i-th with the i-th of `values`.
    fn from_parts(patterns: Vec<String>, values: Vec<T>, case_insensitive: bool) -> PhraseSet<T> {
        let (automaton, exact) = index_phrases(&patterns, case_insensitive);
        PhraseSet {
            automaton,
            values,
            exact,
            case_insensitive,
            #[cfg(test)]
            phrases: patterns,
        }
    }

    /// The phrases, as written.
    #[cfg(test)]
    pub(crate) fn phrases(&self) -> &[String] {
        &self.phrases
    }

    /// Whole-word matches in `text`, leftmost-longest, with their values.
    pub(crate) fn find_words<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (Range<usize>, &'a T)> + 'a {
        self.automaton
            .find_iter(text)
            .filter(move |(r, _)| is_word_bounded(text, r.start, r.end))
            .map(move |(r, i)| (r, &self.values[i]))
    }

    /// The longest phrase at the very start of `text` that ends at a word boundary.
    pub(crate) fn find_prefix(&self, text: &str) -> Option<(Range<usize>, &T)> {
        let (end, i) = self.automaton.longest_at(text.as_bytes(), 0)?;
        is_word_bounded(text, 0, end).then(|| (0..end, &self.values[i]))
    }

    /// The value of a phrase that makes up the whole of `text`.
    pub(crate) fn get_exact(&self, text: &str) -> Option<&T> {
        let i = if self.case_insensitive && text.bytes().any(|b| b.is_ascii_uppercase()) {
            self.exact.get(text.to_ascii_lowercase().as_str())
        } else {
            self.exact.get(text)
        }?;
        Some(&self.values[*i])
    }

    /// The reference definition of [`PhraseSet::get_exact`], by the automaton.
    #[cfg(test)]
    fn get_exact_by_automaton(&self, text: &str) -> Option<&T> {
        let (end, i) = self.automaton.longest_at(text.as_bytes(), 0)?;
        (end == text.len()).then(|| &self.values[i])
    }
}

/// True when `text[start..end]` is not glued to a letter or digit on either side.
pub(crate) fn is_word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    // A phrase that ends in a period ("Sen.") is bounded by it.
    let ends_in_dot = text[..end].ends_with('.');
    edge(before) && (ends_in_dot || edge(after))
}

/// Whether `s` has more than `n` words (white-space separated, as `split_whitespace` counts).
pub(crate) fn has_more_words_than(s: &str, n: usize) -> bool {
    let b = s.as_bytes();
    // Eight ASCII bytes at a time: a word starts at a non-space byte after a space byte (or at
    // the start). Flags are the high bit of each byte.
    const LO: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HI: u64 = 0x8080_8080_8080_8080;
    const fn rep(b: u8) -> u64 {
        0x0101_0101_0101_0101 * b as u64
    }
    // Exact per byte for ASCII: ' ', or 9..=13 (tab, line feed, vertical tab, form feed,
    // carriage return).
    let spaces = |x: u64| {
        let y = x ^ rep(b' ');
        let blank = !(((y & LO) + LO) | y | LO);
        let ge9 = (x + rep(0x80 - 9)) & HI;
        let ge14 = (x + rep(0x80 - 14)) & HI;
        blank | (ge9 & !ge14)
    };
    let mut count = 0usize;
    let mut prev_space = HI >> 56 << 56; // as if a space came before the text
    let mut i = 0;
    loop {
        while let Some(c) = b.get(i..i + 8) {
            let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            if x & HI != 0 {
                // Not ASCII: char by char past the first char that is not (a char starts
                // here, after ASCII bytes), then eight bytes at a time again.
                break;
            }
            let sp = spaces(x);
            let before = (sp << 8) | (prev_space >> 56);
            count += (!sp & before & HI).count_ones() as usize;
            if count > n {
                return true;
            }
            prev_space = sp;
            i += 8;
        }
        // Branch-free on ASCII: a word starts where a non-space follows a space (or the start).
        let mut after_space = prev_space >> 63 == 1;
        loop {
            let Some(&byte) = b.get(i) else {
                return false;
            };
            let space = if byte < 0x80 {
                i += 1;
                matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
            } else {
                let c = s[i..].chars().next().unwrap_or(' ');
                i += c.len_utf8();
                c.is_whitespace()
            };
            count += usize::from(after_space & !space);
            after_space = space;
            if count > n {
                return true;
            }
            if byte >= 0x80 {
                break;
            }
        }
        prev_space = u64::from(after_space) << 63;
    }
}

/// Whether `word` is one of `words`, a short list written in place, separated by spaces
/// (`one_of(w, "he she they")`): one loop over one string, where a `matches!` of string
/// patterns compiles a comparison per word (each a few bytes of wasm more than the word).
pub(crate) fn one_of(word: &str, words: &str) -> bool {
    // Split as bytes: a `char` pattern searches for each space and compares it by `memcmp`.
    let word = word.as_bytes();
    words.as_bytes().split(|&b| b == b' ').any(|w| w == word)
}

/// Whether a lower-case word is a form of "be" that makes a passive ("was reported", "were
/// rejected", "is denied").
pub(crate) fn is_be(word: &str) -> bool {
    one_of(word, "is was are were be been being am")
}

/// Calls `f` with `word` lower-cased, without allocating for short ASCII words (most calls).
pub(crate) fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    if !word.bytes().any(|b| b.is_ascii_uppercase()) && word.is_ascii() {
        return f(word);
    }
    let mut buf = [0u8; 48];
    if word.is_ascii() && word.len() <= buf.len() {
        let buf = &mut buf[..word.len()];
        buf.copy_from_slice(word.as_bytes());
        buf.make_ascii_lowercase();
        // SAFETY: ASCII in (checked above), ASCII out, and ASCII is UTF-8. (Not
        // `str::from_utf8`: the browser build then carries no UTF-8 validator.)
        return f(unsafe { std::str::from_utf8_unchecked(buf) });
    }
    f(&crate::case::lower(word))
}

/// Facts about one word from the lexicons that classify single words.
pub(crate) mod word {
    /// `is_modifier`
    pub const MODIFIER: u32 = 1;
    /// `is_cue_blocker`
    pub const CUE_BLOCKER: u32 = 1 << 1;
    /// `is_aux`
    pub const AUX: u32 = 1 << 2;
    /// `is_group_noun`
    pub const GROUP: u32 = 1 << 3;
    /// `is_anonymous_noun`
    pub const ANONYMOUS: u32 = 1 << 4;
    /// `is_document_noun`
    pub const DOCUMENT: u32 = 1 << 19;
    /// `is_preposition`
    pub const PREPOSITION: u32 = 1 << 20;
    /// `is_negation`
    pub const NEGATION: u32 = 1 << 5;
    /// `is_stopword` of the lower-case form
    pub const STOPWORD: u32 = 1 << 6;
    /// `cues.get_exact` of the lower-case form
    pub const CUE: u32 = 1 << 7;
    /// The lower-case form is the first word of a title (see `titles.tsv`)
    pub const TITLE_START: u32 = 1 << 8;
    /// `is_non_person` (as written)
    pub const NON_PERSON: u32 = 1 << 9;
    /// `is_place` (as written)
    pub const PLACE: u32 = 1 << 10;
    /// `titles.get_exact` of the lower-case form
    pub const TITLE: u32 = 1 << 11;
    /// `is_quantifier`
    pub const QUANTIFIER: u32 = 1 << 12;
    /// `is_determiner`
    pub const DETERMINER: u32 = 1 << 13;
    /// `is_possessive`
    pub const POSSESSIVE: u32 = 1 << 17;
    /// `organisations.get_exact` of the lower-case form
    pub const ORGANISATION: u32 = 1 << 18;
    // Set by segmentation, not by the lexicons:
    /// The token starts with an upper-case letter (`char::is_uppercase`).
    pub const UPPER_INITIAL: u32 = 1 << 14;
    /// The token starts with a lower-case letter (`char::is_lowercase`).
    pub const LOWER_INITIAL: u32 = 1 << 15;
    /// The token is a word outside any quotation.
    pub const FREE_WORD: u32 = 1 << 16;
}

/// What the word lexicons say of one word; see [`Lexicon::word_info`]. Sixteen bytes: one is
/// kept for every token of a text.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct WordInfo {
    pub flags: u32,
    pub pronoun: Option<char>,
    /// What the case-sensitive lexicons say of the word as written.
    exact: Option<&'static ExactInfo>,
}

impl WordInfo {
    /// What the word lexicons say of `word`, given what they file under its lower-case form
    /// ([`Lexicon::word_entry`]): every written form equal to `word` is filed there.
    pub(crate) fn of(entry: Option<&'static WordEntry>, word: &str) -> WordInfo {
        let mut info = WordInfo::default();
        if let Some(e) = entry {
            info.flags = e.flags;
            info.pronoun = e.pronoun;
            if let Some((_, x)) = e.exact.iter().find(|(v, _)| v == word) {
                info.flags |= x.flags;
                info.exact = Some(x);
            }
        }
        info
    }

    pub(crate) fn has(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }

    /// `honorific` of the word as written.
    pub(crate) fn honorific(&self) -> Option<Gender> {
        self.exact.and_then(|x| x.honorific)
    }

    /// `first_name` of the word as written.
    pub(crate) fn first_name(&self) -> Option<Gender> {
        self.exact.and_then(|x| x.first_name)
    }

    /// `nationality` of the word as written.
    pub(crate) fn nationality(&self) -> Option<&'static str> {
        self.exact.and_then(|x| x.nationality.as_deref())
    }

    /// `org_head` of the word as written.
    pub(crate) fn org_head(&self) -> Option<&'static str> {
        self.exact.and_then(|x| x.org_head.as_deref())
    }
}

/// The word facts filed under one lower-case form: those of the lower-case lexicons, and those
/// of each written form (of the case-sensitive lexicons) that lower-cases to it.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct WordEntry {
    flags: u32,
    pronoun: Option<char>,
    exact: Vec<(String, ExactInfo)>,
}

#[derive(Debug, Default, PartialEq)]
struct ExactInfo {
    flags: u32,
    honorific: Option<Gender>,
    first_name: Option<Gender>,
    nationality: Option<String>,
    org_head: Option<String>,
}

/// The word facts by lower-case form: an index into a list, by a map of the type the phrase sets
/// use (no hash-map code of its own in the browser build).
#[derive(Default)]
struct WordIndex {
    index: HashMap<String, usize>,
    entries: Vec<WordEntry>,
}

impl WordIndex {
    /// The entry of `word`, made empty if there is none.
    fn entry(&mut self, word: String) -> &mut WordEntry {
        let entries = &mut self.entries;
        let i = *self.index.entry(word).or_insert_with(|| {
            entries.push(WordEntry::default());
            entries.len() - 1
        });
        &mut self.entries[i]
    }

    fn get(&self, word: &str) -> Option<&WordEntry> {
        self.index.get(word).map(|&i| &self.entries[i])
    }

    /// The entries, in no order.
    #[cfg(test)]
    fn iter(&self) -> impl Iterator<Item = (&String, &WordEntry)> {
        self.index.iter().map(|(k, &i)| (k, &self.entries[i]))
    }
}

/// The lexicons, indexed.
pub(crate) struct Lexicon {
    /// Bytes in the longest `chrome_exact` line.
    chrome_exact_max: usize,
    /// Word facts by lower-case form (see [`Lexicon::word_info`]).
    words: WordIndex,
    /// Which bytes start a key of `words`.
    words_first: [bool; 256],
    chrome_exact: WordSet,
    chrome_prefix: PhraseSet<()>,
    chrome_contains: PhraseSet<()>,
    /// Abbreviations by how they behave at a sentence end: `Abbrev::Never`, and
    /// `Abbrev::BeforeStarter` (one hash-set type for both, not a map of its own).
    abbreviations: [WordSet; 2],
    sentence_starters: WordSet,
    #[cfg(test)]
    honorifics: HashMap<String, Gender>,
    pub titles: PhraseSet<Title>,
    broad_classes: WordSet,
    #[cfg(test)]
    modifiers: WordSet,
    pub cues: PhraseSet<Cue>,
    #[cfg(test)]
    cue_blockers: WordSet,
    #[cfg(test)]
    aux: WordSet,
    /// Cue adjuncts by kind: `Adjunct::Word`, `Adjunct::Opener`, `Adjunct::Clause`.
    cue_adjuncts: [WordSet; 3],
    apposition_openers: WordSet,
    final_apposition_openers: WordSet,
    #[cfg(test)]
    groups: WordSet,
    #[cfg(test)]
    documents: WordSet,
    #[cfg(test)]
    prepositions: WordSet,
    number_words: WordSet,
    anonymous: WordSet,
    /// Anonymous nouns that name a source only with a qualifier after them.
    qualified_anonymous: WordSet,
    anonymous_qualifiers: WordSet,
    #[cfg(test)]
    quantifiers: WordSet,
    #[cfg(test)]
    determiners: WordSet,
    name_particles: WordSet,
    name_suffixes: WordSet,
    org_heads: TextMap,
    pub organisations: PhraseSet<String>,
    places: WordSet,
    #[cfg(test)]
    nationalities: HashMap<String, String>,
    non_person: WordSet,
    #[cfg(test)]
    first_names: HashMap<String, Gender>,
    pub hedges: PhraseSet<()>,
    pub contrast: PhraseSet<()>,
    /// Words that take a side on a claim outside a speech cue (`verdicts.tsv`).
    pub verdicts: PhraseSet<Stance>,
    /// `claim_refs.txt` and the claim nouns.
    claim_refs: WordSet,
    negations: WordSet,
    np_openers: WordSet,
    claim_nouns: WordSet,
    claim_determiners: WordSet,
    possessives: WordSet,
    stopwords: WordSet,
    synonyms: TextMap,
    synonym_prefixes: Vec<(String, String)>,
    /// Seats of government of more than one word ("White House"), with their country's topic
    /// class (see `seats.tsv`; one-word seats are in `synonyms`).
    pub seats: PhraseSet<String>,
    #[cfg(test)]
    pronouns: HashMap<String, char>,
}

/// A set of words: a map of the words (to nothing of use), of the type the phrase sets index
/// their phrases by, so that the browser build carries one hash table's code for both.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct WordSet(HashMap<String, usize>);

impl WordSet {
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.0.contains_key(word)
    }

    /// Whether the set holds `word` lower-cased (one copy of [`with_lower`] in the wasm for
    /// every set, where each closure compiled its own).
    pub(crate) fn contains_lower(&self, word: &str) -> bool {
        with_lower(word, |w| self.contains(w))
    }

    /// The set's own copy of `word`.
    pub(crate) fn get(&self, word: &str) -> Option<&str> {
        self.0.get_key_value(word).map(|(k, _)| k.as_str())
    }

    #[cfg(test)]
    pub(crate) fn insert(&mut self, word: String) {
        self.0.insert(word, 0);
    }

    /// The words, in no order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &String> {
        self.0.keys()
    }
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(words: I) -> WordSet {
        WordSet(words.into_iter().map(|w| (w, 0)).collect())
    }
}

impl<'a> IntoIterator for &'a WordSet {
    type Item = &'a String;
    type IntoIter = std::collections::hash_map::Keys<'a, String, usize>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.keys()
    }
}

/// Words mapped to text, each text held once: a `HashMap<String, usize>`, the type the phrase
/// sets index their phrases by, so that the browser build carries no hash-map code of its own
/// for it.
#[derive(Default)]
pub(crate) struct TextMap {
    index: HashMap<String, usize>,
    texts: Vec<String>,
}

impl TextMap {
    fn get(&self, key: &str) -> Option<&str> {
        self.index.get(key).map(|&i| self.texts[i].as_str())
    }

    /// The entries, in no order.
    #[cfg(test)]
    fn iter(&self) -> impl Iterator<Item = (&String, &str)> {
        self.index.iter().map(|(k, &i)| (k, self.texts[i].as_str()))
    }
}

/// The later of two equal keys wins.
impl FromIterator<(String, String)> for TextMap {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(entries: I) -> TextMap {
        let mut map = TextMap::default();
        for (key, text) in entries {
            let i = match map.texts.iter().position(|t| *t == text) {
                Some(i) => i,
                None => {
                    map.texts.push(text);
                    map.texts.len() - 1
                }
            };
            map.index.insert(key, i);
        }
        map
    }
}

/// What a word between a cue and its content is (see `cue_adjuncts.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Adjunct {
    /// Skipped alone: "said Monday that", "said later that".
    Word,
    /// Opens a phrase that is skipped: "said in a statement that".
    Opener,
    /// Opens a clause of time or reason that is skipped: "said as he left", "said before the
    /// vote that".
    Clause,
}

#[cfg(test)]
/// A line of a lexicon file that cannot be loaded: where it is and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LexiconError {
    pub file: &'static str,
    pub line: usize,
    pub message: String,
}

#[cfg(test)]
impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "src/lexicon/{}:{}: {}",
            self.file, self.line, self.message
        )
    }
}

#[cfg(test)]
/// A lexicon file: its name (for messages) and its text, compiled in.
#[derive(Clone, Copy)]
struct File {
    name: &'static str,
    text: &'static str,
}

#[cfg(test)]
/// A lexicon file as compiled in: the copy `build.rs` makes, its comment lines emptied.
macro_rules! lexicon_file {
    ($name:literal) => {
        File {
            name: $name,
            text: include_str!(concat!(env!("OUT_DIR"), "/lexicon/", $name)),
        }
    };
}

#[cfg(test)]
/// An entry line of a lexicon file.
#[derive(Debug, Clone, Copy)]
// Where the line is serves the error messages, which the browser build has none of.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
struct Line {
    file: &'static str,
    number: usize,
    text: &'static str,
}

/// A key read from a lexicon file, as written there (see `every_lexicon_key_can_match`).
#[cfg(test)]
#[derive(Debug, Clone, Copy)]
struct Key {
    file: &'static str,
    line: usize,
    mark: Option<char>,
    key: &'static str,
}

#[cfg(test)]
/// Reads lexicon files. A line it cannot read is an error, collected with its place, never a
/// guess: an unknown stance does not quietly become `asserts`.
#[derive(Default)]
struct Loader {
    errors: Vec<LexiconError>,
    /// Every key read, for the test that checks that each of them can match.
    #[cfg(test)]
    keys: Vec<Key>,
}

/// The stances of `speech_cues.tsv`, each by its verb (see [`Stance::verb`]).
const STANCES: &[(&str, Stance)] = &[
    (Stance::Asserts.verb(), Stance::Asserts),
    (Stance::Denies.verb(), Stance::Denies),
    (Stance::Contradicts.verb(), Stance::Contradicts),
    (Stance::Questions.verb(), Stance::Questions),
];

/// The frames of `speech_cues.tsv`.
const FRAMES: &[(&str, Frame)] = &[
    ("say", Frame::Say),
    ("tell", Frame::Tell),
    ("according", Frame::According),
    ("putit", Frame::PutIt),
    ("add", Frame::Add),
    ("deny", Frame::Deny),
    ("correct", Frame::Correct),
    ("noun", Frame::Noun),
    ("name", Frame::Name),
    ("quote", Frame::Quote),
];

const GENDERS: &[(&str, Gender)] = &[
    ("m", Gender::Male),
    ("f", Gender::Female),
    ("u", Gender::Unknown),
];

/// What a source pronoun may refer to (`pronouns.tsv`).
#[cfg(test)]
const REFERENTS: &[(&str, char)] = &[("m", 'm'), ("f", 'f'), ("p", 'p'), ("o", 'o'), ("r", 'r')];

#[cfg(test)]
const ADJUNCTS: &[(&str, Adjunct)] = &[
    ("word", Adjunct::Word),
    ("opener", Adjunct::Opener),
    ("clause", Adjunct::Clause),
];

#[cfg(test)]
impl Loader {
    /// The entry lines of a file: comments and blank lines dropped, trailing white space
    /// trimmed.
    fn lines(f: File) -> impl Iterator<Item = Line> {
        f.text
            .lines()
            .enumerate()
            .map(move |(i, l)| Line {
                file: f.name,
                number: i + 1,
                text: l.trim_end(),
            })
            .filter(|l| !l.text.trim().is_empty() && !l.text.starts_with('#'))
    }

    /// Records an error at `line`. In the browser build, where the lexicons are those that
    /// `every_lexicon_line_loads` read natively, an error cannot happen: the line is left out
    /// as everywhere, and nothing is recorded, so that no message, nor the path that drops a
    /// lexicon in error, is compiled into the module (1.1 KB of the packed module).
    fn error(&mut self, line: Line, message: impl FnOnce() -> String) {
        #[cfg(not(target_arch = "wasm32"))]
        self.errors.push(LexiconError {
            file: line.file,
            line: line.number,
            message: message(),
        });
        #[cfg(target_arch = "wasm32")]
        let _ = (line, message);
    }

    /// Records a key as the file writes it, for the test that checks it can match.
    fn key(&mut self, line: Line, mark: Option<char>, key: &'static str) {
        #[cfg(test)]
        self.keys.push(Key {
            file: line.file,
            line: line.number,
            mark,
            key,
        });
        #[cfg(not(test))]
        let _ = (line, mark, key);
    }

    /// The entries of a list, one word or phrase a line, trimmed, each with its mark: one of
    /// `marks` written in front of it, which is no part of the entry. With `required`, every
    /// entry has one; any other entry starting with ASCII punctuation is an unknown mark.
    fn marked(
        &mut self,
        f: File,
        marks: &str,
        required: bool,
    ) -> Vec<(Option<char>, &'static str)> {
        let mut out = Vec::new();
        for line in Self::lines(f) {
            let text = line.text.trim();
            let first = text.chars().next().unwrap_or(' ');
            let (mark, entry) = if marks.contains(first) {
                (Some(first), &text[first.len_utf8()..])
            } else if required || first.is_ascii_punctuation() {
                self.error(line, || {
                    format!("unknown mark `{first}` (expected one of `{marks}`)")
                });
                continue;
            } else {
                (None, text)
            };
            if entry.is_empty() {
                self.error(line, || "no entry after the mark".to_string());
                continue;
            }
            self.key(line, mark, entry);
            out.push((mark, entry));
        }
        out
    }

    /// The entries of a list without marks.
    fn list(&mut self, f: File) -> Vec<&'static str> {
        self.marked(f, "", false).into_iter().map(|e| e.1).collect()
    }

    /// The entries of a list, lower-cased (for look-ups of lower-cased words).
    fn lower_set(&mut self, f: File) -> WordSet {
        self.list(f).into_iter().map(crate::case::lower).collect()
    }

    /// The entries of a list lower-cased, and those of them marked with `mark`.
    fn lower_set_and_marked(&mut self, f: File, mark: char) -> (WordSet, WordSet) {
        let mut all = WordSet::default();
        let mut marked = WordSet::default();
        for (m, w) in self.marked(f, mark.encode_utf8(&mut [0; 4]), false) {
            let w = crate::case::lower(w);
            if m.is_some() {
                marked.insert(w.clone());
            }
            all.insert(w);
        }
        (all, marked)
    }

    /// The entries of a list as written (for case-sensitive look-ups).
    fn word_set(&mut self, f: File) -> WordSet {
        self.list(f).into_iter().map(str::to_string).collect()
    }

    /// The rows of a table: exactly `N` tab-separated columns a line, trimmed, none empty.
    fn table<const N: usize>(&mut self, f: File) -> Vec<(Line, [&'static str; N])> {
        let mut out = Vec::new();
        for line in Self::lines(f) {
            let cells: Vec<&'static str> = line.text.split('\t').map(str::trim).collect();
            let Ok(row) = <[&'static str; N]>::try_from(cells.as_slice()) else {
                self.error(line, || format!("{} columns, expected {N}", cells.len()));
                continue;
            };
            if let Some(i) = row.iter().position(|c| c.is_empty()) {
                self.error(line, || format!("column {} is empty", i + 1));
                continue;
            }
            self.key(line, None, row[0]);
            out.push((line, row));
        }
        out
    }

    /// A value from a closed set, by its name in the file.
    fn value<T: Copy>(
        &mut self,
        line: Line,
        what: &str,
        name: &str,
        names: &[(&str, T)],
    ) -> Option<T> {
        let found = names.iter().find(|(n, _)| *n == name).map(|x| x.1);
        if found.is_none() {
            self.error(line, || {
                let expected: Vec<&str> = names.iter().map(|x| x.0).collect();
                format!(
                    "unknown {what} `{name}` (expected one of: {})",
                    expected.join(", ")
                )
            });
        }
        found
    }

    /// A two-column table: key → value (the later of two equal keys wins).
    fn map<T>(
        &mut self,
        f: File,
        mut value: impl FnMut(&mut Self, Line, &'static str) -> Option<T>,
    ) -> HashMap<String, T> {
        let rows = self.table::<2>(f);
        let mut out = HashMap::default();
        for (line, [k, v]) in rows {
            if let Some(v) = value(self, line, v) {
                out.insert(k.to_string(), v);
            }
        }
        out
    }
}

#[cfg(test)]
/// `chrome.txt`: whole lines, line starts and phrases within lines, lower-cased.
fn chrome(ld: &mut Loader, f: File) -> (WordSet, PhraseSet<()>, PhraseSet<()>) {
    let mut exact = WordSet::default();
    let mut prefix = Vec::new();
    let mut contains = Vec::new();
    for (kind, phrase) in ld.marked(f, "=^~", true) {
        let phrase = crate::case::lower(phrase);
        match kind {
            Some('=') => {
                exact.insert(phrase);
            }
            Some('^') => prefix.push((phrase, ())),
            _ => contains.push((phrase, ())),
        }
    }
    let (prefix, contains) = (PhraseSet::new(prefix, true), PhraseSet::new(contains, true));
    (exact, prefix, contains)
}

/// The keys of `map`, by which of `values` they map to.
#[cfg(test)]
fn by_value<T: PartialEq, const N: usize>(map: HashMap<String, T>, values: [T; N]) -> [WordSet; N] {
    values.map(|v| {
        map.iter()
            .filter(|e| *e.1 == v)
            .map(|e| e.0.clone())
            .collect()
    })
}

#[cfg(test)]
/// `abbreviations.txt`: how each abbreviation behaves at a sentence end.
fn abbreviations(ld: &mut Loader, f: File) -> HashMap<String, Abbrev> {
    ld.marked(f, "!", false)
        .into_iter()
        .map(|(mark, w)| {
            let kind = match mark {
                Some(_) => Abbrev::BeforeStarter,
                None => Abbrev::Never,
            };
            (w.to_string(), kind)
        })
        .collect()
}

#[cfg(test)]
/// `synonyms.txt`: the class of each word, and of each word start ("negotiat*").
fn synonyms(ld: &mut Loader, f: File) -> (HashMap<String, String>, Vec<(String, String)>) {
    let mut words = HashMap::default();
    let mut prefixes = Vec::new();
    for line in Loader::lines(f) {
        let Some(class) = line.text.split_whitespace().next() else {
            continue;
        };
        let class = class.trim_end_matches('*').to_string();
        for w in line.text.split_whitespace() {
            ld.key(line, None, w);
            match w.strip_suffix('*') {
                Some(prefix) => prefixes.push((prefix.to_string(), class.clone())),
                None => {
                    words.insert(w.to_string(), class.clone());
                }
            }
        }
    }
    (words, prefixes)
}

#[cfg(test)]
/// `seats.tsv`: seats of government ("Downing Street", "the Élysée"), each with its
/// country's class in `synonyms.txt`. A one-word seat joins that class like a synonym; the
/// phrases of more than one word are returned, to be matched in running text.
fn seats(
    ld: &mut Loader,
    f: File,
    synonyms: &mut HashMap<String, String>,
) -> Vec<(String, String)> {
    let classes: HashSet<String> = synonyms.values().cloned().collect();
    let mut phrases = Vec::new();
    for (line, [seat, country]) in ld.table(f) {
        if !classes.contains(country) {
            ld.error(line, || {
                format!("unknown country `{country}` (not a class of synonyms.txt)")
            });
            continue;
        }
        let seat = crate::case::lower(seat);
        if seat.contains(char::is_whitespace) {
            phrases.push((seat, country.to_string()));
        } else {
            synonyms.insert(seat, country.to_string());
        }
    }
    phrases
}

/// `first_names.tsv`, from the front-coded copy that `build.rs` makes of it (a third of the
/// size): three lists, male, unknown and female names, each sorted and ended by `\n`. A name
/// is a byte `'0' + n` (the number of bytes to drop from the end of the name before it) and the
/// bytes up to the next byte of `'0'..='?'` or `\n`.
fn first_names(packed: &str, mut out: impl FnMut(String, Gender)) {
    let lists = packed.split_terminator('\n');
    for (list, gender) in lists.zip([Gender::Male, Gender::Unknown, Gender::Female]) {
        let mut name = String::new();
        let mut rest = list;
        while let (Some(drop), Some(tail)) = (rest.bytes().next(), rest.get(1..)) {
            // An ASCII byte: a character boundary.
            let end = tail
                .bytes()
                .position(|b| (b'0'..=b'?').contains(&b))
                .unwrap_or(tail.len());
            name.truncate(name.len().saturating_sub(usize::from(drop - b'0')));
            name.push_str(&tail[..end]);
            out(name.clone(), gender);
            rest = &tail[end..];
        }
    }
}

#[cfg(test)]
/// The rows of `titles.tsv`: title, class, gender.
fn titles(ld: &mut Loader, f: File) -> Vec<(String, Title)> {
    let mut out = Vec::new();
    for (line, [title, class, gender]) in ld.table(f) {
        if let Some(gender) = ld.value(line, "gender", gender, GENDERS) {
            let class = class.to_string();
            out.push((title.to_string(), Title { class, gender }));
        }
    }
    out
}

#[cfg(test)]
/// The rows of `verdicts.tsv`: phrase, stance.
fn verdicts(ld: &mut Loader, f: File) -> Vec<(String, Stance)> {
    let mut out = Vec::new();
    for (line, [phrase, stance]) in ld.table(f) {
        if let Some(stance) = ld.value(line, "stance", stance, STANCES) {
            out.push((phrase.to_string(), stance));
        }
    }
    out
}

#[cfg(test)]
/// The rows of `speech_cues.tsv`: cue, stance, frame.
fn cues(ld: &mut Loader, f: File) -> Vec<(String, Cue)> {
    let mut out = Vec::new();
    for (line, [cue, stance, frame]) in ld.table(f) {
        let stance = ld.value(line, "stance", stance, STANCES);
        let frame = ld.value(line, "frame", frame, FRAMES);
        if let (Some(stance), Some(frame)) = (stance, frame) {
            out.push((cue.to_string(), Cue { stance, frame }));
        }
    }
    out
}

#[cfg(test)]
/// Reads every lexicon file. Lines in error are left out (and listed in `ld.errors`).
fn load(ld: &mut Loader) -> Lexicon {
    let (chrome_exact, chrome_prefix, chrome_contains) = chrome(ld, lexicon_file!("chrome.txt"));
    let titles = titles(ld, lexicon_file!("titles.tsv"));
    let cues = cues(ld, lexicon_file!("speech_cues.tsv"));
    let claim_nouns = ld.lower_set(lexicon_file!("claim_nouns.txt"));
    // `is_claim_ref` asks one set: claim_refs.txt and the claim nouns.
    let claim_refs: WordSet = ld
        .lower_set(lexicon_file!("claim_refs.txt"))
        .into_iter()
        .chain(&claim_nouns)
        .cloned()
        .collect();
    let organisations = ld
        .table(lexicon_file!("organisations.tsv"))
        .into_iter()
        .map(|(_, [phrase, class])| (phrase.to_string(), class.to_string()))
        .collect();
    let (mut synonyms, synonym_prefixes) = synonyms(ld, lexicon_file!("synonyms.txt"));
    let seats = seats(ld, lexicon_file!("seats.tsv"), &mut synonyms);
    let (aux, cue_words) = ld.lower_set_and_marked(lexicon_file!("aux.txt"), '+');
    let mut cue_adjuncts: HashMap<String, Adjunct> = cue_words
        .iter()
        .map(|w| (w.clone(), Adjunct::Word))
        .collect();
    for (line, [w, kind]) in ld.table(lexicon_file!("cue_adjuncts.tsv")) {
        if let Some(kind) = ld.value(line, "kind", kind, ADJUNCTS) {
            cue_adjuncts.insert(crate::case::lower(w), kind);
        }
    }
    let (apposition_openers, final_apposition_openers) =
        ld.lower_set_and_marked(lexicon_file!("apposition_openers.txt"), '+');
    let (anonymous, qualified_anonymous) =
        ld.lower_set_and_marked(lexicon_file!("anonymous.txt"), '!');
    let gender = |ld: &mut Loader, line: Line, g: &str| ld.value(line, "gender", g, GENDERS);
    let referent = |ld: &mut Loader, line: Line, r: &str| ld.value(line, "referent", r, REFERENTS);
    let text = |_: &mut Loader, _: Line, v: &str| Some(v.to_string());
    // The tests read the TSV itself too, strictly: every line loads, every key can match, and
    // the compact copy holds the same names (`the_compact_first_names_are_the_tsv`).
    #[cfg(test)]
    ld.map(lexicon_file!("first_names.tsv"), gender);
    let mut lx = Lexicon {
        chrome_exact_max: chrome_exact.iter().map(String::len).max().unwrap_or(0),
        words: WordIndex::default(),
        words_first: [false; 256],
        chrome_exact,
        chrome_prefix,
        chrome_contains,
        abbreviations: by_value(
            abbreviations(ld, lexicon_file!("abbreviations.txt")),
            [Abbrev::Never, Abbrev::BeforeStarter],
        ),
        sentence_starters: ld.word_set(lexicon_file!("sentence_starters.txt")),
        honorifics: ld.map(lexicon_file!("honorifics.tsv"), gender),
        titles: PhraseSet::new(titles, true),
        broad_classes: ld.word_set(lexicon_file!("broad_classes.txt")),
        modifiers: ld.lower_set(lexicon_file!("modifiers.txt")),
        cues: PhraseSet::new(cues, true),
        cue_blockers: ld.lower_set(lexicon_file!("cue_blockers.txt")),
        aux,
        cue_adjuncts: by_value(
            cue_adjuncts,
            [Adjunct::Word, Adjunct::Opener, Adjunct::Clause],
        ),
        apposition_openers,
        final_apposition_openers,
        groups: ld.lower_set(lexicon_file!("groups.txt")),
        documents: ld.lower_set(lexicon_file!("documents.txt")),
        prepositions: ld.lower_set(lexicon_file!("prepositions.txt")),
        number_words: ld.lower_set(lexicon_file!("number_words.txt")),
        anonymous,
        qualified_anonymous,
        anonymous_qualifiers: ld.word_set(lexicon_file!("anonymous_qualifiers.txt")),
        quantifiers: ld.lower_set(lexicon_file!("quantifiers.txt")),
        determiners: ld.lower_set(lexicon_file!("determiners.txt")),
        name_particles: ld.word_set(lexicon_file!("name_particles.txt")),
        name_suffixes: ld.word_set(lexicon_file!("name_suffixes.txt")),
        org_heads: ld
            .map(lexicon_file!("org_heads.tsv"), text)
            .into_iter()
            .collect(),
        organisations: PhraseSet::new(organisations, true),
        places: ld.word_set(lexicon_file!("places.txt")),
        nationalities: ld.map(lexicon_file!("nationalities.tsv"), text),
        non_person: ld.word_set(lexicon_file!("non_person_words.txt")),
        first_names: {
            let mut names = HashMap::default();
            first_names(
                include_str!(concat!(env!("OUT_DIR"), "/lexicon/first_names.fc")),
                |name, g| {
                    names.insert(name, g);
                },
            );
            names
        },
        hedges: PhraseSet::new(
            ld.list(lexicon_file!("hedges.txt"))
                .into_iter()
                .map(|w| (w.to_string(), ()))
                .collect(),
            false,
        ),
        contrast: PhraseSet::new(
            ld.list(lexicon_file!("contrast.txt"))
                .into_iter()
                .map(|w| (w.to_string(), ()))
                .collect(),
            true,
        ),
        verdicts: PhraseSet::new(verdicts(ld, lexicon_file!("verdicts.tsv")), true),
        claim_refs,
        negations: ld.lower_set(lexicon_file!("negations.txt")),
        np_openers: ld.lower_set(lexicon_file!("np_openers.txt")),
        claim_nouns,
        claim_determiners: ld.lower_set(lexicon_file!("claim_determiners.txt")),
        possessives: ld.lower_set(lexicon_file!("possessives.txt")),
        stopwords: ld.lower_set(lexicon_file!("stopwords.txt")),
        synonyms: synonyms.into_iter().collect(),
        synonym_prefixes,
        seats: PhraseSet::new(seats, true),
        pronouns: ld.map(lexicon_file!("pronouns.tsv"), referent),
    };
    index_words(&mut lx);
    lx
}

#[cfg(test)]
/// The lexicons, or every line in error.
fn build() -> Result<Lexicon, Vec<LexiconError>> {
    let mut ld = Loader::default();
    let lx = load(&mut ld);
    // The browser build records no error (see `Loader::error`).
    if cfg!(target_arch = "wasm32") || ld.errors.is_empty() {
        Ok(lx)
    } else {
        Err(ld.errors)
    }
}

#[cfg(test)]
/// Fills the word-fact maps from the word lexicons.
fn index_words(lx: &mut Lexicon) {
    let mut words = WordIndex::default();
    for (set, flag) in [
        (&lx.modifiers, word::MODIFIER),
        (&lx.cue_blockers, word::CUE_BLOCKER),
        (&lx.aux, word::AUX),
        (&lx.groups, word::GROUP),
        (&lx.documents, word::DOCUMENT),
        (&lx.prepositions, word::PREPOSITION),
        (&lx.anonymous, word::ANONYMOUS),
        (&lx.negations, word::NEGATION),
        (&lx.stopwords, word::STOPWORD),
        (&lx.quantifiers, word::QUANTIFIER),
        (&lx.determiners, word::DETERMINER),
        (&lx.possessives, word::POSSESSIVE),
    ] {
        for w in set {
            words.entry(w.clone()).flags |= flag;
        }
    }
    for (w, &p) in &lx.pronouns {
        words.entry(w.clone()).pronoun = Some(p);
    }
    // Phrase sets are keyed ASCII lower-case; a lower-case word with no ASCII upper-case
    // letter looks them up as it is.
    for (set, flag) in [
        (&lx.cues.exact, word::CUE),
        (&lx.titles.exact, word::TITLE),
        (&lx.organisations.exact, word::ORGANISATION),
    ] {
        for w in set.keys() {
            words.entry(w.clone()).flags |= flag;
        }
    }
    // The first words of the titles (as `exact` keys them).
    for k in lx.titles.exact.keys() {
        if let Some(w) = k.split(char::is_whitespace).next() {
            words.entry(w.to_string()).flags |= word::TITLE_START;
        }
    }
    // Written forms, filed under their lower-case form.
    let mut exact = |w: &String, f: &mut dyn FnMut(&mut ExactInfo)| f(file_exact(&mut words, w));
    for w in &lx.non_person {
        exact(w, &mut |x| x.flags |= word::NON_PERSON);
    }
    for w in &lx.places {
        exact(w, &mut |x| x.flags |= word::PLACE);
    }
    for (w, &g) in &lx.honorifics {
        exact(w, &mut |x| x.honorific = Some(g));
    }
    for (w, &g) in &lx.first_names {
        exact(w, &mut |x| x.first_name = Some(g));
    }
    for (w, n) in &lx.nationalities {
        exact(w, &mut |x| x.nationality = Some(n.clone()));
    }
    for (w, c) in lx.org_heads.iter() {
        exact(w, &mut |x| x.org_head = Some(c.to_string()));
    }
    lx.words = words;
    index_first_bytes(lx);
}

/// The lexicons: as `build.rs` compiled them; in the unit tests, as the strict loader reads
/// them (`the_compiled_lexicon_is_the_loaded_one` checks that the two agree).
static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    #[cfg(test)]
    return match build() {
        Ok(lx) => lx,
        // The lexicons are compiled in, and `every_lexicon_line_loads` reads each of them.
        Err(errors) => panic!("lexicon errors:\n{}", lines_of(&errors)),
    };
    #[cfg(not(test))]
    compiled()
});

/// A lexicon as `build.rs` compiles it (`$OUT_DIR/lexicon/compiled/`): one entry a line.
macro_rules! compiled_file {
    ($name:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/lexicon/compiled/", $name))
    };
}

/// A set of one entry a line.
fn compiled_set(text: &'static str) -> WordSet {
    text.lines().map(str::to_string).collect()
}

/// The rows of a compiled table.
type Rows =
    std::iter::Map<std::str::Lines<'static>, fn(&'static str) -> (&'static str, &'static str)>;

/// `key\tvalue` lines as pairs of text (one iterator type for every table).
fn compiled_rows(text: &'static str) -> Rows {
    text.lines().map(|l| l.split_once('\t').unwrap_or((l, "")))
}

/// `key\tvalue` lines as a map of text to text.
fn compiled_map(text: &'static str) -> TextMap {
    compiled_rows(text)
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// `key\tvalue` lines, the value made by `value` from its text.
fn compiled_pairs<T>(text: &'static str, value: impl Fn(&'static str) -> T) -> Vec<(String, T)> {
    let mut pairs = Vec::new();
    for (k, v) in compiled_rows(text) {
        pairs.push((k.to_string(), value(v)));
    }
    pairs
}

/// The keys of `key\tvalue` lines.
fn compiled_keys(text: &'static str) -> Vec<String> {
    let mut keys = Vec::new();
    for (k, _) in compiled_rows(text) {
        keys.push(k.to_string());
    }
    keys
}

/// A phrase set of `key\tvalue` lines, the value made by `value` from its text. (The keys in
/// one list and the values in another: the code that differs by the value's type is only the
/// values' list, 0.2 KB less packed than pairs split afterwards.)
fn compiled_phrases<T>(
    text: &'static str,
    value: fn(&'static str) -> T,
    case_insensitive: bool,
) -> PhraseSet<T> {
    // A loop of pushes, not `collect`: std's collect compiled its iterator and its growth for
    // each value type (2 KB raw).
    let mut values = Vec::new();
    for (_, v) in compiled_rows(text) {
        values.push(value(v));
    }
    PhraseSet::from_parts(compiled_keys(text), values, case_insensitive)
}

/// A gender as the lexicons write it (`m`, `f`, `u`).
fn gender_of(s: &str) -> Option<Gender> {
    GENDERS.iter().find(|g| g.0 == s).map(|g| g.1)
}

/// The lexicons from the lists `build.rs` compiled of them (read, lower-cased and merged), and
/// the word index built from those.
#[cfg_attr(test, allow(dead_code))]
fn compiled() -> Lexicon {
    let string = |v: &str| v.to_string();
    let unit = |_: &str| ();
    let chrome_exact = compiled_set(compiled_file!("chrome_exact"));
    let mut lx = Lexicon {
        chrome_exact_max: chrome_exact.iter().map(String::len).max().unwrap_or(0),
        words: WordIndex::default(),
        words_first: [false; 256],
        chrome_exact,
        chrome_prefix: compiled_phrases(compiled_file!("chrome_prefix"), unit, true),
        chrome_contains: compiled_phrases(compiled_file!("chrome_contains"), unit, true),
        abbreviations: [
            compiled_set(compiled_file!("abbreviations")),
            compiled_set(compiled_file!("abbreviations_before_starter")),
        ],
        sentence_starters: compiled_set(compiled_file!("sentence_starters")),
        #[cfg(test)]
        honorifics: HashMap::default(),
        titles: compiled_phrases(
            compiled_file!("titles"),
            |v| {
                let (class, g) = v.split_once('\t').unwrap_or_default();
                Title {
                    class: class.to_string(),
                    gender: gender_of(g).unwrap_or(Gender::Unknown),
                }
            },
            true,
        ),
        broad_classes: compiled_set(compiled_file!("broad_classes")),
        #[cfg(test)]
        modifiers: WordSet::default(),
        cues: compiled_phrases(
            compiled_file!("cues"),
            |v| {
                let b = v.as_bytes();
                let at = |i: usize| usize::from(b.get(i).unwrap_or(&b'0') - b'0');
                Cue {
                    stance: STANCES[at(0)].1,
                    frame: FRAMES[at(1)].1,
                }
            },
            true,
        ),
        verdicts: compiled_phrases(
            compiled_file!("verdicts"),
            |v| {
                let i = usize::from(v.as_bytes().first().unwrap_or(&b'0') - b'0');
                STANCES[i].1
            },
            true,
        ),
        claim_refs: compiled_set(compiled_file!("claim_refs")),
        #[cfg(test)]
        cue_blockers: WordSet::default(),
        #[cfg(test)]
        aux: WordSet::default(),
        cue_adjuncts: [
            compiled_set(compiled_file!("cue_adjunct_words")),
            compiled_set(compiled_file!("cue_adjunct_openers")),
            compiled_set(compiled_file!("cue_adjunct_clauses")),
        ],
        apposition_openers: compiled_set(compiled_file!("apposition_openers")),
        final_apposition_openers: compiled_set(compiled_file!("final_apposition_openers")),
        #[cfg(test)]
        groups: WordSet::default(),
        #[cfg(test)]
        documents: WordSet::default(),
        #[cfg(test)]
        prepositions: WordSet::default(),
        number_words: compiled_set(compiled_file!("number_words")),
        anonymous: compiled_set(compiled_file!("anonymous")),
        qualified_anonymous: compiled_set(compiled_file!("qualified_anonymous")),
        anonymous_qualifiers: compiled_set(compiled_file!("anonymous_qualifiers")),
        #[cfg(test)]
        quantifiers: WordSet::default(),
        #[cfg(test)]
        determiners: WordSet::default(),
        name_particles: compiled_set(compiled_file!("name_particles")),
        name_suffixes: compiled_set(compiled_file!("name_suffixes")),
        org_heads: compiled_map(compiled_file!("org_heads")),
        organisations: compiled_phrases(compiled_file!("organisations"), string, true),
        places: compiled_set(compiled_file!("places")),
        #[cfg(test)]
        nationalities: HashMap::default(),
        non_person: compiled_set(compiled_file!("non_person")),
        #[cfg(test)]
        first_names: HashMap::default(),
        hedges: compiled_phrases(compiled_file!("hedges"), unit, false),
        contrast: compiled_phrases(compiled_file!("contrast"), unit, true),
        negations: compiled_set(compiled_file!("negations")),
        np_openers: compiled_set(compiled_file!("np_openers")),
        claim_nouns: compiled_set(compiled_file!("claim_nouns")),
        claim_determiners: compiled_set(compiled_file!("claim_determiners")),
        possessives: compiled_set(compiled_file!("possessives")),
        stopwords: compiled_set(compiled_file!("stopwords")),
        synonyms: compiled_map(compiled_file!("synonyms")),
        synonym_prefixes: compiled_pairs(compiled_file!("synonym_prefixes"), string),
        seats: compiled_phrases(compiled_file!("seats"), string, true),
        #[cfg(test)]
        pronouns: HashMap::default(),
    };
    let words = &mut lx.words;
    let mut flag = |w: &str, flag: u32| words.entry(w.to_string()).flags |= flag;
    for (list, f) in [
        (compiled_file!("modifiers"), word::MODIFIER),
        (compiled_file!("cue_blockers"), word::CUE_BLOCKER),
        (compiled_file!("aux"), word::AUX),
        (compiled_file!("groups"), word::GROUP),
        (compiled_file!("documents"), word::DOCUMENT),
        (compiled_file!("prepositions"), word::PREPOSITION),
        (compiled_file!("anonymous"), word::ANONYMOUS),
        (compiled_file!("negations"), word::NEGATION),
        (compiled_file!("stopwords"), word::STOPWORD),
        (compiled_file!("quantifiers"), word::QUANTIFIER),
        (compiled_file!("determiners"), word::DETERMINER),
        (compiled_file!("possessives"), word::POSSESSIVE),
    ] {
        list.lines().for_each(|w| flag(w, f));
    }
    // Phrase sets are keyed ASCII lower-case; a lower-case word with no ASCII upper-case
    // letter looks them up as it is.
    for (set, f) in [
        (&lx.cues.exact, word::CUE),
        (&lx.titles.exact, word::TITLE),
        (&lx.organisations.exact, word::ORGANISATION),
    ] {
        set.keys().for_each(|w| flag(w, f));
    }
    // The first words of the titles.
    for k in lx.titles.exact.keys() {
        flag(
            k.split(char::is_whitespace).next().unwrap_or(k),
            word::TITLE_START,
        );
    }
    for (w, p) in compiled_rows(compiled_file!("pronouns")) {
        words.entry(w.to_string()).pronoun = p.chars().next();
    }
    // Written forms, filed under their lower-case form.
    for w in compiled_file!("non_person").lines() {
        file_exact(words, w).flags |= word::NON_PERSON;
    }
    for w in compiled_file!("places").lines() {
        file_exact(words, w).flags |= word::PLACE;
    }
    for (w, g) in compiled_rows(compiled_file!("honorifics")) {
        file_exact(words, w).honorific = gender_of(g);
    }
    first_names(
        include_str!(concat!(env!("OUT_DIR"), "/lexicon/first_names.fc")),
        |name, g| file_exact(words, &name).first_name = Some(g),
    );
    for (w, n) in compiled_rows(compiled_file!("nationalities")) {
        file_exact(words, w).nationality = Some(n.to_string());
    }
    for (w, c) in compiled_rows(compiled_file!("org_heads")) {
        file_exact(words, w).org_head = Some(c.to_string());
    }
    index_first_bytes(&mut lx);
    lx
}

/// The written facts of form `w`, filed under its lower-case form.
fn file_exact<'a>(words: &'a mut WordIndex, w: &str) -> &'a mut ExactInfo {
    let e = words.entry(crate::case::lower(w));
    let i = match e.exact.iter().position(|(v, _)| v == w) {
        Some(i) => i,
        None => {
            e.exact.push((w.to_string(), ExactInfo::default()));
            e.exact.len() - 1
        }
    };
    &mut e.exact[i].1
}

/// Which bytes start a key of `words`.
fn index_first_bytes(lx: &mut Lexicon) {
    for k in lx.words.index.keys() {
        lx.words_first[k.as_bytes().first().map_or(0, |&b| b as usize)] = true;
    }
}

#[cfg(test)]
/// Errors, one a line.
fn lines_of(errors: &[LexiconError]) -> String {
    errors.iter().map(|e| format!("{e}\n")).collect()
}

/// The compiled lexicons.
pub(crate) fn get() -> &'static Lexicon {
    &LEXICON
}

/// Whether a line of text is page chrome (see `chrome.txt`).
pub(crate) fn is_chrome_line(line: &str) -> bool {
    get().is_chrome_line(line)
}

impl Lexicon {
    /// What the word lexicons say of a word, given as written and lower-cased (as
    /// `str::to_lowercase` makes it): one look-up instead of one per question.
    pub(crate) fn word_info(&'static self, word: &str, lower: &str) -> WordInfo {
        // Lower-case keys hold no ASCII upper-case letter; `lower` holds none either.
        // `lower` is `word` lower-cased, so every written form equal to `word` is filed here.
        let first = lower.as_bytes().first().map_or(0, |&b| b as usize);
        let entry = self.words_first[first]
            .then(|| self.words.get(lower))
            .flatten();
        WordInfo::of(entry, word)
    }

    /// The word facts filed under a lower-case form (as `str::to_lowercase` makes it), for
    /// [`WordInfo::of`] the form's words: [`Lexicon::word_info`] in two steps.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn word_entry(&'static self, lower: &str) -> Option<&'static WordEntry> {
        // Lower-case keys hold no ASCII upper-case letter; `lower` holds none either.
        let first = lower.as_bytes().first().map_or(0, |&b| b as usize);
        self.words_first[first]
            .then(|| self.words.get(lower))
            .flatten()
    }

    fn is_chrome_line(&self, line: &str) -> bool {
        let line = line.trim();
        if has_more_words_than(line, 25) {
            return false;
        }
        let bare = line.trim_end_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace());
        // Lower-casing shrinks a text to a third of its bytes at most.
        if bare.len() <= 3 * self.chrome_exact_max && self.chrome_exact.contains_lower(bare) {
            return true;
        }
        // The automata match ASCII letters in either case: an ASCII line needs no lower-casing.
        let owned;
        let lower = if line.is_ascii() {
            line
        } else {
            owned = crate::case::lower(line);
            owned.as_str()
        };
        if let Some((end, _)) = self.chrome_prefix.automaton.longest_at(lower.as_bytes(), 0) {
            let pattern_ends_word = !lower[..end].ends_with(char::is_alphanumeric);
            if pattern_ends_word || is_word_bounded(lower, 0, end) {
                return true;
            }
        }
        self.chrome_contains
            .automaton
            .find_from(lower.as_bytes(), 0)
            .is_some()
    }

    pub(crate) fn abbreviation(&self, word: &str) -> Option<Abbrev> {
        let [never, before_starter] = &self.abbreviations;
        if before_starter.contains(word) {
            Some(Abbrev::BeforeStarter)
        } else {
            never.contains(word).then_some(Abbrev::Never)
        }
    }

    pub(crate) fn is_sentence_starter(&self, word: &str) -> bool {
        self.sentence_starters.contains(word)
    }

    #[cfg(test)]
    pub(crate) fn honorific(&self, word: &str) -> Option<Gender> {
        self.honorifics.get(word).copied()
    }

    #[cfg(test)]
    pub(crate) fn is_modifier(&self, word: &str) -> bool {
        with_lower(word, |w| self.modifiers.contains(w))
    }

    #[cfg(test)]
    pub(crate) fn is_cue_blocker(&self, word: &str) -> bool {
        with_lower(word, |w| self.cue_blockers.contains(w))
    }

    #[cfg(test)]
    pub(crate) fn is_aux(&self, word: &str) -> bool {
        with_lower(word, |w| self.aux.contains(w))
    }

    #[cfg(test)]
    pub(crate) fn is_quantifier(&self, word: &str) -> bool {
        with_lower(word, |w| self.quantifiers.contains(w))
    }

    #[cfg(test)]
    pub(crate) fn is_determiner(&self, word: &str) -> bool {
        with_lower(word, |w| self.determiners.contains(w))
    }

    /// What a lower-case word between a cue and its content is, if it may stand there.
    pub(crate) fn cue_adjunct(&self, lower: &str) -> Option<Adjunct> {
        let [words, openers, clauses] = &self.cue_adjuncts;
        if openers.contains(lower) {
            Some(Adjunct::Opener)
        } else if clauses.contains(lower) {
            Some(Adjunct::Clause)
        } else {
            words.contains(lower).then_some(Adjunct::Word)
        }
    }

    /// Whether a lower-case word opens a parenthetical closed by a comma (", a spokesman for
    /// the agency,").
    pub(crate) fn opens_apposition(&self, lower: &str) -> bool {
        self.apposition_openers.contains(lower)
    }

    /// Whether a lower-case word opens an apposition that may end the sentence.
    pub(crate) fn opens_final_apposition(&self, lower: &str) -> bool {
        self.final_apposition_openers.contains(lower)
    }

    /// Whether a lower-case word may stand between a denial and a claim noun ("denied the
    /// report"), possessives included.
    pub(crate) fn is_claim_determiner(&self, lower: &str) -> bool {
        self.claim_determiners.contains(lower) || self.possessives.contains(lower)
    }

    /// Whether a lower-case word is a possessive determiner ("its", "their").
    pub(crate) fn is_possessive(&self, lower: &str) -> bool {
        self.possessives.contains(lower)
    }

    /// Whether a title class is too broad to link a bare role to a person by class alone.
    pub(crate) fn is_broad_class(&self, class: &str) -> bool {
        self.broad_classes.contains(class)
    }

    /// Whether an anonymous noun (lower-case) names a source only with a qualifier after it
    /// ("a person familiar with …").
    pub(crate) fn needs_qualifier(&self, lower: &str) -> bool {
        self.qualified_anonymous.contains(lower)
    }

    /// Whether a word, as written, opens the phrase that qualifies an unnamed source
    /// ("familiar with the matter").
    pub(crate) fn is_anonymous_qualifier(&self, word: &str) -> bool {
        self.anonymous_qualifiers.contains(word)
    }

    /// Whether a word, as written, is a name particle ("von", "bin").
    pub(crate) fn is_name_particle(&self, word: &str) -> bool {
        self.name_particles.contains(word)
    }

    /// Whether a word of a name, as written, is a generational suffix ("Jr.").
    pub(crate) fn is_name_suffix(&self, word: &str) -> bool {
        self.name_suffixes.contains(word)
    }

    #[cfg(test)]
    pub(crate) fn is_group_noun(&self, word: &str) -> bool {
        with_lower(word, |w| self.groups.contains(w))
    }

    #[cfg(test)]
    pub(crate) fn is_document_noun(&self, word: &str) -> bool {
        with_lower(word, |w| self.documents.contains(w))
    }

    #[cfg(test)]
    pub(crate) fn is_preposition(&self, word: &str) -> bool {
        with_lower(word, |w| self.prepositions.contains(w))
    }

    /// Whether a lower-case word is a number written out ("twelve", "twenty-five").
    pub(crate) fn is_number_word(&self, lower: &str) -> bool {
        self.number_words
            .contains(lower.split('-').next().unwrap_or(lower))
    }

    #[cfg(test)]
    pub(crate) fn is_anonymous_noun(&self, word: &str) -> bool {
        with_lower(word, |w| self.anonymous.contains(w))
    }

    /// The class of an organisation-name head word ("Ministry" → ministry).
    pub(crate) fn org_head(&self, word: &str) -> Option<&str> {
        self.org_heads.get(word)
    }

    pub(crate) fn is_place(&self, name: &str) -> bool {
        self.places.contains(name)
    }

    #[cfg(test)]
    /// The country a nationality adjective stands for ("Spanish" → spain).
    pub(crate) fn nationality(&self, word: &str) -> Option<&str> {
        self.nationalities.get(word).map(String::as_str)
    }

    /// The anonymous-source noun `lower` (a lower-case word), as the lexicon holds it.
    pub(crate) fn anonymous_noun(&'static self, lower: &str) -> Option<&'static str> {
        self.anonymous.get(lower)
    }

    pub(crate) fn is_non_person(&self, word: &str) -> bool {
        self.non_person.contains(word)
    }

    #[cfg(test)]
    pub(crate) fn first_name(&self, word: &str) -> Option<Gender> {
        self.first_names.get(word).copied()
    }

    /// Whether a word opens a noun phrase rather than a clause ("a", "two", "more").
    pub(crate) fn is_np_opener(&self, word: &str) -> bool {
        self.np_openers.contains_lower(word) || word.starts_with(|c: char| c.is_ascii_digit())
    }

    /// Whether a word names a claim ("report", "allegations", "account").
    pub(crate) fn is_claim_noun(&self, word: &str) -> bool {
        self.claim_nouns.contains_lower(word)
    }

    /// Whether a word names what a source said: a claim noun, or one of `claim_refs.txt`
    /// ("assessment", "figure").
    pub(crate) fn is_claim_ref(&self, word: &str) -> bool {
        self.claim_refs.contains_lower(word)
    }

    pub(crate) fn is_negation(&self, word: &str) -> bool {
        self.negations.contains_lower(word)
    }

    #[cfg(test)]
    /// A source pronoun and what it may refer to ('m', 'f', 'p', 'o').
    pub(crate) fn pronoun(&self, word: &str) -> Option<char> {
        with_lower(word, |w| self.pronouns.get(w).copied())
    }

    pub(crate) fn is_stopword(&self, word: &str) -> bool {
        self.stopwords.contains(word)
    }

    /// The topic class of a lower-case word: its synonym class, or the word itself.
    pub(crate) fn topic_word<'a>(&'a self, word: &'a str) -> &'a str {
        if let Some(c) = self.synonyms.get(word) {
            return c;
        }
        for (prefix, class) in &self.synonym_prefixes {
            if word.starts_with(prefix.as_str()) {
                return class;
            }
        }
        word
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::{tokenize, TokKind};

    #[test]
    fn the_compact_first_names_are_the_tsv() {
        let mut ld = Loader::default();
        let tsv = ld.map(lexicon_file!("first_names.tsv"), |ld, line, g| {
            ld.value(line, "gender", g, GENDERS)
        });
        assert!(ld.errors.is_empty(), "\n{}", lines_of(&ld.errors));
        assert_eq!(get().first_names, tsv);
        assert_eq!(get().first_names.get("Aaron"), Some(&Gender::Male));
    }

    /// A phrase lexicon's phrases, values, case and index.
    fn assert_same_phrases<T: PartialEq + std::fmt::Debug>(a: &PhraseSet<T>, b: &PhraseSet<T>) {
        assert_eq!(a.phrases, b.phrases);
        assert_eq!(a.values, b.values);
        assert_eq!(a.case_insensitive, b.case_insensitive);
        assert_eq!(a.exact, b.exact);
    }

    #[test]
    fn the_compiled_lexicon_is_the_loaded_one() {
        let (c, l) = (compiled(), get());
        let words = |lx: &Lexicon| {
            let mut all: Vec<String> = lx
                .words
                .iter()
                .map(|(k, e)| {
                    let mut exact: Vec<String> = e.exact.iter().map(|x| format!("{x:?}")).collect();
                    exact.sort();
                    format!("{k:?} {} {:?} {exact:?}", e.flags, e.pronoun)
                })
                .collect();
            all.sort();
            all
        };
        assert_eq!(words(&c), words(l));
        assert_eq!(c.words_first, l.words_first);
        assert_eq!(c.chrome_exact_max, l.chrome_exact_max);
        macro_rules! same {
            ($($field:ident),*) => { $(assert_eq!(c.$field, l.$field, stringify!($field));)* };
        }
        same!(
            chrome_exact,
            abbreviations,
            sentence_starters,
            broad_classes,
            cue_adjuncts,
            apposition_openers,
            final_apposition_openers,
            number_words,
            anonymous,
            qualified_anonymous,
            anonymous_qualifiers,
            name_particles,
            name_suffixes,
            places,
            non_person,
            negations,
            np_openers,
            claim_nouns,
            claim_refs,
            claim_determiners,
            possessives,
            stopwords,
            synonym_prefixes
        );
        let pairs = |m: &TextMap| {
            let mut all: Vec<(String, String)> =
                m.iter().map(|(k, v)| (k.clone(), v.to_string())).collect();
            all.sort();
            all
        };
        assert_eq!(pairs(&c.org_heads), pairs(&l.org_heads));
        assert_eq!(pairs(&c.synonyms), pairs(&l.synonyms));
        assert_same_phrases(&c.chrome_prefix, &l.chrome_prefix);
        assert_same_phrases(&c.chrome_contains, &l.chrome_contains);
        assert_same_phrases(&c.titles, &l.titles);
        assert_same_phrases(&c.cues, &l.cues);
        assert_same_phrases(&c.organisations, &l.organisations);
        assert_same_phrases(&c.hedges, &l.hedges);
        assert_same_phrases(&c.verdicts, &l.verdicts);
        assert_same_phrases(&c.contrast, &l.contrast);
        assert_same_phrases(&c.seats, &l.seats);
    }

    #[test]
    fn every_lexicon_line_loads() {
        let mut ld = Loader::default();
        load(&mut ld);
        assert!(ld.errors.is_empty(), "\n{}", lines_of(&ld.errors));
    }

    #[test]
    fn a_bad_line_is_an_error_with_its_place_not_a_default() {
        let mut ld = Loader::default();
        let text = "# cue, stance, frame\nsaid\tasserts\tsay\nsays\tasert\tsay\n\
                    claims\tasserts\nnoted\tasserts\tsay\textra\ndenied\tdenies\tdeny\n";
        let found = cues(
            &mut ld,
            File {
                name: "speech_cues.tsv",
                text,
            },
        );
        let found: Vec<&str> = found.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(found, ["said", "denied"]);
        let text = "minister\tminister\tx\n";
        assert!(titles(
            &mut ld,
            File {
                name: "titles.tsv",
                text
            }
        )
        .is_empty());
        ld.marked(
            File {
                name: "aux.txt",
                text: "+later\n*often\n",
            },
            "+",
            false,
        );
        let errors: Vec<String> = ld.errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            errors,
            [
                "src/lexicon/speech_cues.tsv:4: 2 columns, expected 3",
                "src/lexicon/speech_cues.tsv:5: 4 columns, expected 3",
                "src/lexicon/speech_cues.tsv:3: unknown stance `asert` (expected one of: \
                 asserts, denies, contradicts, questions)",
                "src/lexicon/titles.tsv:1: unknown gender `x` (expected one of: m, f, u)",
                "src/lexicon/aux.txt:2: unknown mark `*` (expected one of `+`)",
            ]
        );
    }

    /// The words of `text` as the tokenizer cuts it, if it cuts nothing but words.
    fn words_of(text: &str) -> Option<Vec<&str>> {
        let mut toks = Vec::new();
        tokenize(text, 0..text.len(), &mut toks);
        toks.iter()
            .all(|t| t.kind == TokKind::Word)
            .then(|| toks.iter().map(|t| &text[t.range()]).collect())
    }

    /// Whether `key` is a run of one to `max` words, one space apart, as the tokenizer cuts
    /// text: as written, or (`folded`: looked up lower-cased) in title or upper case.
    fn is_word_run(key: &str, max: usize, folded: bool) -> bool {
        let mut forms = vec![key.to_string()];
        if folded {
            let title: Vec<String> = key
                .split(' ')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                })
                .collect();
            forms.push(title.join(" "));
            forms.push(key.to_uppercase());
        }
        forms.iter().any(|f| {
            words_of(f).is_some_and(|w| !w.is_empty() && w.len() <= max && w.join(" ") == *f)
        })
    }

    /// Chars that the topic-word look-up trims off a word's ends (`disputes`).
    const TRIMMED: &[char] = &['.', '\'', '’'];

    /// Whether `key` is a whole piece of text as the topic-word look-up cuts it: letters,
    /// digits, periods and apostrophes, none of these at either end.
    fn is_topic_piece(key: &str) -> bool {
        !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || TRIMMED.contains(&c))
            && !key.starts_with(TRIMMED)
            && !key.ends_with(TRIMMED)
    }

    /// Whether `key` of `synonyms.txt` can be a topic word: the look-up strips a possessive
    /// "'s" first (so "putin's" is never looked up), and "us" arrives as "US's".
    fn is_synonym_reachable(key: &str) -> bool {
        let piece_chars = |k: &str| {
            !k.is_empty()
                && k.chars()
                    .all(|c| c.is_alphanumeric() || TRIMMED.contains(&c))
        };
        match key.strip_suffix('*') {
            Some(prefix) => piece_chars(prefix),
            None => {
                piece_chars(key)
                    && !key.ends_with("'s")
                    && !key.ends_with("’s")
                    && !key.starts_with(TRIMMED)
            }
        }
    }

    /// Files whose keys are looked up lower-cased.
    const FOLDED: &[&str] = &[
        "anonymous.txt",
        "apposition_openers.txt",
        "aux.txt",
        "chrome.txt",
        "claim_determiners.txt",
        "claim_nouns.txt",
        "claim_refs.txt",
        "contrast.txt",
        "cue_adjuncts.tsv",
        "cue_blockers.txt",
        "determiners.txt",
        "documents.txt",
        "number_words.txt",
        "prepositions.txt",
        "groups.txt",
        "modifiers.txt",
        "negations.txt",
        "np_openers.txt",
        "organisations.tsv",
        "possessives.txt",
        "pronouns.tsv",
        "seats.tsv",
        "quantifiers.txt",
        "speech_cues.tsv",
        "stopwords.txt",
        "verdicts.tsv",
        "synonyms.txt",
        "titles.tsv",
    ];

    /// Why a key can never match, if it cannot: each file's look-up, modelled.
    fn never_matches(lx: &Lexicon, k: &Key) -> Option<&'static str> {
        let key = k.key;
        let fail = |ok: bool, why: &'static str| (!ok).then_some(why);
        if FOLDED.contains(&k.file) && key != key.to_lowercase() {
            return Some("not lower case, in a look-up of lower-cased text");
        }
        let word = |folded| fail(is_word_run(key, 1, folded), "not one word of the text");
        let run = |max, folded| fail(is_word_run(key, max, folded), "not a run of words");
        let cap = key.starts_with(char::is_uppercase);
        match k.file {
            // A word, lower-cased (word facts, `with_lower`, `Sentences::lower`).
            "anonymous.txt"
            | "apposition_openers.txt"
            | "aux.txt"
            | "claim_determiners.txt"
            | "claim_nouns.txt"
            | "claim_refs.txt"
            | "cue_adjuncts.tsv"
            | "cue_blockers.txt"
            | "determiners.txt"
            | "documents.txt"
            | "number_words.txt"
            | "prepositions.txt"
            | "groups.txt"
            | "modifiers.txt"
            | "np_openers.txt"
            | "possessives.txt"
            | "pronouns.tsv"
            | "quantifiers.txt" => word(true),
            // A word as written.
            "anonymous_qualifiers.txt"
            | "first_names.tsv"
            | "honorifics.tsv"
            | "name_suffixes.txt"
            | "nationalities.tsv"
            | "non_person_words.txt"
            | "org_heads.tsv" => word(false),
            // Only a lower-case word after a name is asked whether it is a particle.
            "name_particles.txt" => word(false).or(fail(!cap, "capitalised")),
            // Only a capitalised word is asked whether it starts a sentence.
            "sentence_starters.txt" => word(false).or(fail(cap, "not capitalised")),
            // The words of a capitalised name.
            "places.txt" => run(usize::MAX, false).or(fail(cap, "not capitalised")),
            // `Scanner::title_at` looks at five words at most.
            "titles.tsv" => run(5, true),
            "organisations.tsv" | "speech_cues.tsv" | "contrast.txt" | "verdicts.tsv" => {
                run(usize::MAX, true)
            }
            "hedges.txt" => run(usize::MAX, false),
            // The word before a period; words with inner periods and initials go by rule.
            "abbreviations.txt" => fail(words_of(key) == Some(vec![key]), "not one word")
                .or(fail(!key.contains('.'), "inner period: a rule handles it"))
                .or(fail(
                    !(key.chars().count() == 1 && cap),
                    "an initial: a rule handles it",
                )),
            // Pieces of letters, digits and apostrophes (`disputes::negated`).
            "negations.txt" => fail(
                !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '\''),
                "not a piece of letters, digits and apostrophes",
            ),
            // Topic words of more than two bytes, or lower-case words of that length before a
            // title (`Scanner::is_noun_like`).
            "stopwords.txt" => fail(key.len() > 2, "two bytes or less: never looked up").or(fail(
                is_topic_piece(key) || is_word_run(key, 1, false),
                "not a topic word or a word",
            )),
            "synonyms.txt" => fail(is_synonym_reachable(key), "never a topic word"),
            // One word joins `synonyms`; a phrase is matched in running text, ASCII case folded.
            "seats.tsv" if !key.contains(' ') => fail(
                is_synonym_reachable(key) && !key.ends_with('*'),
                "never a topic word",
            ),
            "seats.tsv" => run(usize::MAX, true).or(fail(
                key.is_ascii(),
                "not ASCII: a phrase matches in ASCII case only",
            )),
            // The whole line, trimmed of trailing punctuation, or a phrase in a short line.
            "chrome.txt" => fail(
                k.mark != Some('=')
                    || !key.ends_with(|c: char| c.is_ascii_punctuation() || c.is_whitespace()),
                "ends in punctuation, which is trimmed off the line",
            )
            .or(fail(
                !has_more_words_than(key, 25),
                "longer than a chrome line",
            )),
            "broad_classes.txt" => fail(
                lx.titles.values.iter().any(|t| t.class == key),
                "no title has this class",
            ),
            _ => Some("no rule for this file: add one to `never_matches`"),
        }
    }

    /// Pairs of files that share no key: one holds words "besides" the other's, or (seats) a
    /// word in both would be filed twice.
    const DISJOINT: &[(&str, Option<char>, &str)] = &[
        ("aux.txt", Some('+'), "cue_adjuncts.tsv"),
        ("determiners.txt", None, "quantifiers.txt"),
        ("claim_determiners.txt", None, "possessives.txt"),
        ("seats.tsv", None, "synonyms.txt"),
    ];

    #[test]
    fn every_lexicon_key_can_match() {
        let lx = get();
        let mut ld = Loader::default();
        load(&mut ld);
        let mut problems = Vec::new();
        let mut seen: HashMap<(&str, Option<char>, String), usize> = HashMap::default();
        for k in &ld.keys {
            let at = format!("src/lexicon/{}:{}: `{}`", k.file, k.line, k.key);
            if let Some(why) = never_matches(lx, k) {
                problems.push(format!("{at}: {why}"));
            }
            let folded = FOLDED.contains(&k.file);
            let norm = if folded {
                k.key.to_lowercase()
            } else {
                k.key.to_string()
            };
            // Chrome lines of different kinds are different entries.
            let mark = if k.file == "chrome.txt" { k.mark } else { None };
            if let Some(first) = seen.insert((k.file, mark, norm), k.line) {
                problems.push(format!("{at}: a repeat of line {first}"));
            }
        }
        for &(a, mark, b) in DISJOINT {
            let of = |f: &str, m: Option<char>| {
                ld.keys
                    .iter()
                    .filter(|k| k.file == f && (m.is_none() || k.mark == m))
                    .map(|k| k.key)
                    .collect::<HashSet<_>>()
            };
            let both = of(b, None);
            for k in of(a, mark) {
                if both.contains(k) {
                    problems.push(format!("`{k}` is in both {a} and {b}"));
                }
            }
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lexicon");
        for f in std::fs::read_dir(dir).unwrap().flatten() {
            let name = f.file_name().to_string_lossy().to_string();
            let data = name.ends_with(".txt") || name.ends_with(".tsv");
            if data && !ld.keys.iter().any(|k| k.file == name) {
                problems.push(format!("src/lexicon/{name}: never read"));
            }
        }
        assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    }

    #[test]
    fn no_first_name_is_a_word_another_lexicon_knows() {
        // Learnt from annotated speakers' names ("Democrat Hillary Clinton"), these were first
        // names and made "Republican Donald Trump" a person's whole name.
        let lx = get();
        for w in [
            "Republican",
            "Democrat",
            "Democratic",
            "Conservative",
            "University",
            "News",
        ] {
            assert_eq!(lx.first_name(w), None, "{w}");
        }
        assert_eq!(lx.first_name("Hillary"), Some(Gender::Unknown));
    }

    #[test]
    fn every_lexicon_loads() {
        let lx = get();
        assert!(lx.first_names.len() > 5000);
        assert_eq!(lx.first_name("Helen"), Some(Gender::Female));
        assert_eq!(lx.honorific("Mr."), Some(Gender::Male));
        assert_eq!(lx.abbreviation("Inc"), Some(Abbrev::BeforeStarter));
        assert_eq!(lx.abbreviation("Gen"), Some(Abbrev::Never));
        assert_eq!(lx.org_head("Ministry"), Some("ministry"));
        assert_eq!(lx.topic_word("interference"), "meddling");
        assert_eq!(lx.topic_word("kremlin"), "russia");
        assert_eq!(
            lx.seats.get_exact("White House"),
            Some(&"america".to_string())
        );
    }

    #[test]
    fn a_seat_of_government_of_an_unknown_country_is_an_error() {
        let mut ld = Loader::default();
        let mut synonyms = HashMap::default();
        synonyms.insert("varnish".to_string(), "varnia".to_string());
        let phrases = seats(
            &mut ld,
            File {
                name: "seats.tsv",
                text: "# header\nold keep\tvarnia\nhalvik\tvarnia\nbrask tower\tostria\nsolm\n",
            },
            &mut synonyms,
        );
        assert_eq!(phrases, [("old keep".to_string(), "varnia".to_string())]);
        assert_eq!(synonyms.get("halvik").map(String::as_str), Some("varnia"));
        let errors: Vec<String> = ld.errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            errors,
            [
                "src/lexicon/seats.tsv:5: 1 columns, expected 2",
                "src/lexicon/seats.tsv:4: unknown country `ostria` (not a class of synonyms.txt)",
            ]
        );
    }

    #[test]
    fn chrome_lines_are_recognised_and_prose_is_not() {
        for line in [
            "Skip to main content",
            "Read more: G7 ends in a row over tariffs",
            "Follow Dana Pike on Mastodon",
            "Topics you follow will show up in your feed.",
            "Leave a comment",
            "ADVERTISEMENT",
            "Share this article",
            "© 2026 The Daily Ledger. All rights reserved.",
        ] {
            assert!(is_chrome_line(line), "{line}");
        }
        for line in [
            "Following the vote, the mayor said the bridge would reopen.",
            "Readers shared their stories.",
            "Share prices rose 3 percent on Monday.",
        ] {
            assert!(!is_chrome_line(line), "{line}");
        }
    }

    #[test]
    fn phrase_matches_respect_word_boundaries() {
        let lx = get();
        let found: Vec<_> = lx
            .cues
            .find_words("He said. Unsaid things, according to her, matter.")
            .map(|(r, _)| r)
            .collect();
        assert_eq!(found, vec![3..7, 24..36]);
    }

    /// Words to check the fast look-ups on: every lexicon key, in several casings, and
    /// every word of the project's test articles.
    fn sample_words() -> Vec<String> {
        let lx = get();
        let mut words: Vec<String> = Vec::new();
        let keys = lx
            .words
            .iter()
            .flat_map(|(k, e)| std::iter::once(k).chain(e.exact.iter().map(|x| &x.0)))
            .chain(lx.titles.exact.keys())
            .chain(lx.cues.exact.keys())
            .chain(lx.organisations.exact.keys())
            .cloned()
            .collect::<Vec<_>>();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/articles");
        let mut text = String::new();
        for d in std::fs::read_dir(root).unwrap().flatten() {
            text += &std::fs::read_to_string(d.path().join("article.txt")).unwrap_or_default();
        }
        text += " ΣΑΣ Σ İstanbul ÉCOLE École Straße";
        for k in keys
            .iter()
            .map(String::as_str)
            .chain(text.split_whitespace())
        {
            words.push(k.to_string());
            words.push(k.to_uppercase());
            words.push(k.to_lowercase());
            let mut c = k.chars();
            if let Some(f) = c.next() {
                words.push(f.to_uppercase().chain(c).collect());
            }
        }
        words
    }

    #[test]
    fn word_info_agrees_with_the_lexicons() {
        let lx = get();
        for w in sample_words() {
            let l = w.to_lowercase();
            let info = lx.word_info(&w, &l);
            let flag = |f: u32, v: bool| assert_eq!(info.has(f), v, "{w} {f}");
            flag(word::MODIFIER, lx.is_modifier(&w));
            flag(word::CUE_BLOCKER, lx.is_cue_blocker(&w));
            flag(word::AUX, lx.is_aux(&w));
            flag(word::GROUP, lx.is_group_noun(&w));
            flag(word::DOCUMENT, lx.is_document_noun(&w));
            flag(word::PREPOSITION, lx.is_preposition(&w));
            flag(word::ANONYMOUS, lx.is_anonymous_noun(&w));
            flag(word::NEGATION, lx.is_negation(&w));
            flag(word::STOPWORD, lx.is_stopword(&l));
            flag(word::CUE, lx.cues.get_exact_by_automaton(&l).is_some());
            flag(word::TITLE, lx.titles.get_exact_by_automaton(&l).is_some());
            flag(
                word::ORGANISATION,
                lx.organisations.get_exact_by_automaton(&l).is_some(),
            );
            flag(word::NON_PERSON, lx.is_non_person(&w));
            flag(word::PLACE, lx.is_place(&w));
            flag(word::QUANTIFIER, lx.is_quantifier(&w));
            flag(word::DETERMINER, lx.is_determiner(&w));
            flag(word::POSSESSIVE, lx.is_possessive(&l));
            assert_eq!(info.pronoun, lx.pronoun(&w), "{w}");
            assert_eq!(info.honorific(), lx.honorific(&w), "{w}");
            assert_eq!(info.first_name(), lx.first_name(&w), "{w}");
            assert_eq!(info.nationality(), lx.nationality(&w), "{w}");
            assert_eq!(info.org_head(), lx.org_head(&w), "{w}");
            if !info.has(word::TITLE_START) && !l.contains(char::is_whitespace) {
                assert!(lx.titles.get_exact_by_automaton(&l).is_none(), "{w}");
            }
        }
    }

    #[test]
    fn exact_lookups_agree_with_the_automata() {
        let lx = get();
        let mut words = sample_words();
        for k in lx.titles.exact.keys().chain(lx.organisations.exact.keys()) {
            words.push(format!("{k} x"));
            words.push(format!("x {k}"));
            words.push(k[..k.len() - 1].to_string());
        }
        for w in &words {
            let t = |x: Option<&Title>| x.map(|t| (t.class.clone(), t.gender));
            assert_eq!(
                t(lx.titles.get_exact(w)),
                t(lx.titles.get_exact_by_automaton(w)),
                "{w}"
            );
            let c = |x: Option<&Cue>| x.map(|c| (c.stance, c.frame));
            assert_eq!(
                c(lx.cues.get_exact(w)),
                c(lx.cues.get_exact_by_automaton(w)),
                "{w}"
            );
            assert_eq!(
                lx.organisations.get_exact(w),
                lx.organisations.get_exact_by_automaton(w),
                "{w}"
            );
            assert_eq!(
                lx.hedges.get_exact(w).is_some(),
                lx.hedges.get_exact_by_automaton(w).is_some(),
                "{w}"
            );
            assert_eq!(
                lx.contrast.get_exact(w).is_some(),
                lx.contrast.get_exact_by_automaton(w).is_some(),
                "{w}"
            );
        }
    }

    #[test]
    fn word_counts_agree_with_split_whitespace() {
        let mut lines: Vec<String> = sample_words();
        lines.extend(
            [
                "",
                " ",
                "a",
                " a b\u{a0}c\u{2009}d\u{3000}e\u{85}f\u{b}g\u{c}h\u{1c}i “j” ",
                "\t\nx  y\r\n",
                "abcdefg ijklmno\u{a0}q rstuvw \u{2003}yz  ",
                "abcdefgh       \u{a0}q r",
            ]
            .map(String::from),
        );
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/articles");
        for d in std::fs::read_dir(root).unwrap().flatten() {
            let t = std::fs::read_to_string(d.path().join("article.txt")).unwrap_or_default();
            lines.extend(t.lines().map(String::from));
            lines.push(t.replace(['“', '”', '’', '—'], "'"));
        }
        for l in &lines {
            let n = l.split_whitespace().count();
            for k in 0..n + 2 {
                assert_eq!(has_more_words_than(l, k), n > k, "{l:?} {k}");
            }
        }
    }

    #[test]
    fn titles_match_whole_phrases() {
        let lx = get();
        let t = lx.titles.get_exact("foreign minister").unwrap();
        assert_eq!(t.class, "minister");
        assert!(lx.titles.get_exact("foreign").is_none());
    }
}
