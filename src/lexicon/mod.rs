//! Knowledge as data: the lexicons under `src/lexicon/`, compiled in and indexed once.
//!
//! Each file has a comment header saying what it holds and how it is matched. Phrase lists that
//! are searched for in running text are compiled into [`AhoCorasick`] automata; word lists that
//! classify a single token are hash sets. Adding an entry is a one-line data change.

use crate::report::Stance;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind, StartKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;
use std::sync::LazyLock;

/// Grammatical or natural gender, as far as the text shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Gender {
    Male,
    Female,
    Unknown,
}

impl Gender {
    fn parse(s: &str) -> Gender {
        match s {
            "m" => Gender::Male,
            "f" => Gender::Female,
            _ => Gender::Unknown,
        }
    }

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
    Noun,
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
            Frame::Noun => "noun",
        }
    }
}

/// One attribution cue.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cue {
    /// What a source does to what it says.
    pub stance: Stance,
    pub frame: Frame,
}

/// A title or role word ("foreign minister").
#[derive(Debug, Clone)]
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
    automaton: AhoCorasick,
    values: Vec<T>,
    /// Pattern index by whole phrase (ASCII lower-cased when matched case-insensitively), for
    /// [`PhraseSet::get_exact`]: the first pattern of equal ones, as the automaton reports.
    exact: HashMap<String, usize>,
    case_insensitive: bool,
    /// First words of the phrases (as `exact` keys them).
    first_words: HashSet<String>,
}

impl<T> PhraseSet<T> {
    fn new(entries: Vec<(String, T)>, case_insensitive: bool) -> PhraseSet<T> {
        let (patterns, values): (Vec<String>, Vec<T>) = entries.into_iter().unzip();
        let mut exact = HashMap::default();
        let mut first_words = HashSet::default();
        for (i, p) in patterns.iter().enumerate() {
            let key = if case_insensitive {
                p.to_ascii_lowercase()
            } else {
                p.clone()
            };
            if let Some(w) = key.split(char::is_whitespace).next() {
                first_words.insert(w.to_string());
            }
            exact.entry(key).or_insert(i);
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(case_insensitive)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Both)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("lexicon patterns compile");
        PhraseSet {
            automaton,
            values,
            exact,
            case_insensitive,
            first_words,
        }
    }

    /// Whole-word matches in `text`, leftmost-longest, with their values.
    pub(crate) fn find_words<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (Range<usize>, &'a T)> + 'a {
        self.automaton
            .find_iter(text)
            .filter(move |m| is_word_bounded(text, m.start(), m.end()))
            .map(move |m| (m.start()..m.end(), &self.values[m.pattern().as_usize()]))
    }

    /// The longest phrase at the very start of `text` that ends at a word boundary.
    pub(crate) fn find_prefix(&self, text: &str) -> Option<(Range<usize>, &T)> {
        let m = self
            .automaton
            .find(aho_corasick::Input::new(text).anchored(aho_corasick::Anchored::Yes))?;
        is_word_bounded(text, 0, m.end())
            .then(|| (0..m.end(), &self.values[m.pattern().as_usize()]))
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
        let m = self
            .automaton
            .find(aho_corasick::Input::new(text).anchored(aho_corasick::Anchored::Yes))?;
        (m.end() == text.len()).then(|| &self.values[m.pattern().as_usize()])
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
    while let Some(c) = b.get(i..i + 8) {
        let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        if x & HI != 0 {
            // Not ASCII: char by char from here (a char starts here, after ASCII bytes).
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
    while i < b.len() {
        let space = if b[i] < 0x80 {
            let space = matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
            i += 1;
            space
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
    }
    false
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
        // ASCII in, ASCII out.
        return f(std::str::from_utf8(buf).unwrap_or_default());
    }
    f(&word.to_lowercase())
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
    // Set by segmentation, not by the lexicons:
    /// The token starts with an upper-case letter (`char::is_uppercase`).
    pub const UPPER_INITIAL: u32 = 1 << 12;
    /// The token starts with a lower-case letter (`char::is_lowercase`).
    pub const LOWER_INITIAL: u32 = 1 << 13;
    /// The token is a word outside any quotation.
    pub const FREE_WORD: u32 = 1 << 14;
}

/// What the word lexicons say of one word; see [`Lexicon::word_info`].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct WordInfo {
    pub flags: u32,
    pub pronoun: Option<char>,
    pub honorific: Option<Gender>,
    pub first_name: Option<Gender>,
    pub nationality: Option<&'static str>,
    pub org_head: Option<&'static str>,
}

impl WordInfo {
    pub(crate) fn has(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }
}

/// The word facts filed under one lower-case form: those of the lower-case lexicons, and those
/// of each written form (of the case-sensitive lexicons) that lower-cases to it.
#[derive(Default)]
struct WordEntry {
    flags: u32,
    pronoun: Option<char>,
    exact: Vec<(String, ExactInfo)>,
}

#[derive(Default)]
struct ExactInfo {
    flags: u32,
    honorific: Option<Gender>,
    first_name: Option<Gender>,
    nationality: Option<String>,
    org_head: Option<String>,
}

/// The lexicons, indexed.
pub(crate) struct Lexicon {
    /// Bytes in the longest `chrome_exact` line.
    chrome_exact_max: usize,
    /// Word facts by lower-case form (see [`Lexicon::word_info`]).
    words: HashMap<String, WordEntry>,
    /// Which bytes start a key of `words`.
    words_first: [bool; 256],
    chrome_exact: HashSet<String>,
    chrome_prefix: PhraseSet<()>,
    chrome_contains: PhraseSet<()>,
    abbreviations: HashMap<String, Abbrev>,
    sentence_starters: HashSet<String>,
    honorifics: HashMap<String, Gender>,
    pub titles: PhraseSet<Title>,
    modifiers: HashSet<String>,
    pub cues: PhraseSet<Cue>,
    cue_blockers: HashSet<String>,
    aux: HashSet<String>,
    groups: HashSet<String>,
    anonymous: HashSet<String>,
    org_heads: HashMap<String, String>,
    pub organisations: PhraseSet<String>,
    places: HashSet<String>,
    nationalities: HashMap<String, String>,
    non_person: HashSet<String>,
    first_names: HashMap<String, Gender>,
    pub hedges: PhraseSet<()>,
    pub contrast: PhraseSet<()>,
    negations: HashSet<String>,
    np_openers: HashSet<String>,
    claim_nouns: HashSet<String>,
    stopwords: HashSet<String>,
    synonyms: HashMap<String, String>,
    synonym_prefixes: Vec<(String, String)>,
    pronouns: HashMap<String, char>,
}

/// Entry lines of a lexicon file: comments and blank lines dropped, trimmed.
fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// Tab-separated columns of a lexicon file.
fn columns(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    entries(data).map(|l| l.split('\t').map(str::trim).collect())
}

fn word_set(data: &'static str) -> HashSet<String> {
    entries(data).map(|l| l.trim().to_string()).collect()
}

fn lower_set(data: &'static str) -> HashSet<String> {
    entries(data).map(|l| l.trim().to_lowercase()).collect()
}

fn build() -> Lexicon {
    let mut chrome_exact = HashSet::default();
    let mut chrome_prefix = Vec::new();
    let mut chrome_contains = Vec::new();
    for line in entries(include_str!("chrome.txt")) {
        let (kind, phrase) = line.split_at(1);
        match kind {
            "=" => {
                chrome_exact.insert(phrase.to_lowercase());
            }
            "^" => chrome_prefix.push((phrase.to_lowercase(), ())),
            _ => chrome_contains.push((phrase.to_lowercase(), ())),
        }
    }
    let abbreviations = entries(include_str!("abbreviations.txt"))
        .map(|l| match l.strip_prefix('!') {
            Some(w) => (w.to_string(), Abbrev::BeforeStarter),
            None => (l.to_string(), Abbrev::Never),
        })
        .collect();
    let titles = columns(include_str!("titles.tsv"))
        .map(|c| {
            let title = Title {
                class: c.get(1).unwrap_or(&"").to_string(),
                gender: Gender::parse(c.get(2).unwrap_or(&"u")),
            };
            (c[0].to_string(), title)
        })
        .collect();
    let cues = columns(include_str!("speech_cues.tsv"))
        .map(|c| {
            let stance = c
                .get(1)
                .and_then(|v| Stance::parse(v))
                .unwrap_or(Stance::Asserts);
            let frame = match c.get(2).copied() {
                Some("tell") => Frame::Tell,
                Some("according") => Frame::According,
                Some("putit") => Frame::PutIt,
                Some("add") => Frame::Add,
                Some("deny") => Frame::Deny,
                Some("noun") => Frame::Noun,
                _ => Frame::Say,
            };
            (c[0].to_string(), Cue { stance, frame })
        })
        .collect();
    let organisations = columns(include_str!("organisations.tsv"))
        .map(|c| (c[0].to_string(), c.get(1).unwrap_or(&"").to_string()))
        .collect();
    let mut synonyms = HashMap::default();
    let mut synonym_prefixes = Vec::new();
    for line in entries(include_str!("synonyms.txt")) {
        let mut words = line.split_whitespace();
        let Some(class) = words.next() else { continue };
        let class = class.trim_end_matches('*').to_string();
        for w in line.split_whitespace() {
            match w.strip_suffix('*') {
                Some(prefix) => synonym_prefixes.push((prefix.to_string(), class.clone())),
                None => {
                    synonyms.insert(w.to_string(), class.clone());
                }
            }
        }
    }
    let mut lx = Lexicon {
        chrome_exact_max: chrome_exact.iter().map(String::len).max().unwrap_or(0),
        words: HashMap::default(),
        words_first: [false; 256],
        chrome_exact,
        chrome_prefix: PhraseSet::new(chrome_prefix, true),
        chrome_contains: PhraseSet::new(chrome_contains, true),
        abbreviations,
        sentence_starters: word_set(include_str!("sentence_starters.txt")),
        honorifics: columns(include_str!("honorifics.tsv"))
            .map(|c| (c[0].to_string(), Gender::parse(c.get(1).unwrap_or(&"u"))))
            .collect(),
        titles: PhraseSet::new(titles, true),
        modifiers: lower_set(include_str!("modifiers.txt")),
        cues: PhraseSet::new(cues, true),
        cue_blockers: lower_set(include_str!("cue_blockers.txt")),
        aux: lower_set(include_str!("aux.txt")),
        groups: lower_set(include_str!("groups.txt")),
        anonymous: lower_set(include_str!("anonymous.txt")),
        org_heads: columns(include_str!("org_heads.tsv"))
            .map(|c| (c[0].to_string(), c.get(1).unwrap_or(&"").to_string()))
            .collect(),
        organisations: PhraseSet::new(organisations, true),
        places: word_set(include_str!("places.txt")),
        nationalities: columns(include_str!("nationalities.tsv"))
            .map(|c| (c[0].to_string(), c.get(1).unwrap_or(&"").to_string()))
            .collect(),
        non_person: word_set(include_str!("non_person_words.txt")),
        first_names: columns(include_str!("first_names.tsv"))
            .map(|c| (c[0].to_string(), Gender::parse(c.get(1).unwrap_or(&"u"))))
            .collect(),
        hedges: PhraseSet::new(
            entries(include_str!("hedges.txt"))
                .map(|w| (w.to_string(), ()))
                .collect(),
            false,
        ),
        contrast: PhraseSet::new(
            entries(include_str!("contrast.txt"))
                .map(|w| (w.to_string(), ()))
                .collect(),
            true,
        ),
        negations: lower_set(include_str!("negations.txt")),
        np_openers: lower_set(include_str!("np_openers.txt")),
        claim_nouns: lower_set(include_str!("claim_nouns.txt")),
        stopwords: lower_set(include_str!("stopwords.txt")),
        synonyms,
        synonym_prefixes,
        pronouns: columns(include_str!("pronouns.tsv"))
            .map(|c| {
                (
                    c[0].to_string(),
                    c.get(1).and_then(|s| s.chars().next()).unwrap_or('p'),
                )
            })
            .collect(),
    };
    index_words(&mut lx);
    lx
}

/// Fills the word-fact maps from the word lexicons.
fn index_words(lx: &mut Lexicon) {
    let mut words: HashMap<String, WordEntry> = HashMap::default();
    for (set, flag) in [
        (&lx.modifiers, word::MODIFIER),
        (&lx.cue_blockers, word::CUE_BLOCKER),
        (&lx.aux, word::AUX),
        (&lx.groups, word::GROUP),
        (&lx.anonymous, word::ANONYMOUS),
        (&lx.negations, word::NEGATION),
        (&lx.stopwords, word::STOPWORD),
    ] {
        for w in set {
            words.entry(w.clone()).or_default().flags |= flag;
        }
    }
    for (w, &p) in &lx.pronouns {
        words.entry(w.clone()).or_default().pronoun = Some(p);
    }
    // Phrase sets are keyed ASCII lower-case; a lower-case word with no ASCII upper-case
    // letter looks them up as it is.
    for (set, flag) in [(&lx.cues.exact, word::CUE), (&lx.titles.exact, word::TITLE)] {
        for w in set.keys() {
            words.entry(w.clone()).or_default().flags |= flag;
        }
    }
    for w in &lx.titles.first_words {
        words.entry(w.clone()).or_default().flags |= word::TITLE_START;
    }
    // Written forms, filed under their lower-case form.
    let mut exact = |w: &String, f: &mut dyn FnMut(&mut ExactInfo)| {
        let e = words.entry(w.to_lowercase()).or_default();
        let i = match e.exact.iter().position(|(v, _)| v == w) {
            Some(i) => i,
            None => {
                e.exact.push((w.clone(), ExactInfo::default()));
                e.exact.len() - 1
            }
        };
        f(&mut e.exact[i].1);
    };
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
    for (w, c) in &lx.org_heads {
        exact(w, &mut |x| x.org_head = Some(c.clone()));
    }
    for k in words.keys() {
        lx.words_first[k.as_bytes().first().map_or(0, |&b| b as usize)] = true;
    }
    lx.words = words;
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);

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
        let mut info = WordInfo::default();
        // Lower-case keys hold no ASCII upper-case letter; `lower` holds none either.
        // `lower` is `word` lower-cased, so every written form equal to `word` is filed here.
        let first = lower.as_bytes().first().map_or(0, |&b| b as usize);
        let entry = self.words_first[first]
            .then(|| self.words.get(lower))
            .flatten();
        if let Some(e) = entry {
            info.flags = e.flags;
            info.pronoun = e.pronoun;
            if let Some((_, x)) = e.exact.iter().find(|(v, _)| v == word) {
                info.flags |= x.flags;
                info.honorific = x.honorific;
                info.first_name = x.first_name;
                info.nationality = x.nationality.as_deref();
                info.org_head = x.org_head.as_deref();
            }
        }
        info
    }

    fn is_chrome_line(&self, line: &str) -> bool {
        let line = line.trim();
        if has_more_words_than(line, 25) {
            return false;
        }
        let bare = line.trim_end_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace());
        // Lower-casing shrinks a text to a third of its bytes at most.
        if bare.len() <= 3 * self.chrome_exact_max
            && with_lower(bare, |b| self.chrome_exact.contains(b))
        {
            return true;
        }
        // The automata match ASCII letters in either case: an ASCII line needs no lower-casing.
        let owned;
        let lower = if line.is_ascii() {
            line
        } else {
            owned = line.to_lowercase();
            owned.as_str()
        };
        if let Some(m) = self
            .chrome_prefix
            .automaton
            .find(aho_corasick::Input::new(lower).anchored(aho_corasick::Anchored::Yes))
        {
            let pattern_ends_word = !lower[..m.end()].ends_with(char::is_alphanumeric);
            if pattern_ends_word || is_word_bounded(lower, 0, m.end()) {
                return true;
            }
        }
        self.chrome_contains.automaton.find(lower).is_some()
    }

    pub(crate) fn abbreviation(&self, word: &str) -> Option<Abbrev> {
        self.abbreviations.get(word).copied()
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
    pub(crate) fn is_group_noun(&self, word: &str) -> bool {
        with_lower(word, |w| self.groups.contains(w))
    }

    #[cfg(test)]
    pub(crate) fn is_anonymous_noun(&self, word: &str) -> bool {
        with_lower(word, |w| self.anonymous.contains(w))
    }

    /// The class of an organisation-name head word ("Ministry" → ministry).
    pub(crate) fn org_head(&self, word: &str) -> Option<&str> {
        self.org_heads.get(word).map(String::as_str)
    }

    pub(crate) fn is_place(&self, name: &str) -> bool {
        self.places.contains(name)
    }

    #[cfg(test)]
    /// The country a nationality adjective stands for ("Russian" → russia).
    pub(crate) fn nationality(&self, word: &str) -> Option<&str> {
        self.nationalities.get(word).map(String::as_str)
    }

    /// The anonymous-source noun `lower` (a lower-case word), as the lexicon holds it.
    pub(crate) fn anonymous_noun(&'static self, lower: &str) -> Option<&'static str> {
        self.anonymous.get(lower).map(String::as_str)
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
        with_lower(word, |w| self.np_openers.contains(w))
            || word.starts_with(|c: char| c.is_ascii_digit())
    }

    /// Whether a word names a claim ("report", "allegations", "account").
    pub(crate) fn is_claim_noun(&self, word: &str) -> bool {
        with_lower(word, |w| self.claim_nouns.contains(w))
    }

    pub(crate) fn is_negation(&self, word: &str) -> bool {
        with_lower(word, |w| self.negations.contains(w))
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
    }

    #[test]
    fn chrome_lines_are_recognised_and_prose_is_not() {
        for line in [
            "Skip to main content",
            "Read more: G7 ends in a row over tariffs",
            "Follow related authors and topics",
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
            flag(word::ANONYMOUS, lx.is_anonymous_noun(&w));
            flag(word::NEGATION, lx.is_negation(&w));
            flag(word::STOPWORD, lx.is_stopword(&l));
            flag(word::CUE, lx.cues.get_exact_by_automaton(&l).is_some());
            flag(word::TITLE, lx.titles.get_exact_by_automaton(&l).is_some());
            flag(word::NON_PERSON, lx.is_non_person(&w));
            flag(word::PLACE, lx.is_place(&w));
            assert_eq!(info.pronoun, lx.pronoun(&w), "{w}");
            assert_eq!(info.honorific, lx.honorific(&w), "{w}");
            assert_eq!(info.first_name, lx.first_name(&w), "{w}");
            assert_eq!(info.nationality, lx.nationality(&w), "{w}");
            assert_eq!(info.org_head, lx.org_head(&w), "{w}");
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
