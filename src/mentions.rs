//! Stage 3a, mentions: every place the article names a possible source.
//!
//! People ("Ms. Renko", "Spanish Foreign Minister Dalia Renko", bare names), organisations
//! ("the Port Authority", "Velmar Inc.", "the ministry"), groups ("U.S. officials", "critics"),
//! anonymous sources ("a senior official"), persons known by role ("the Spanish leader"),
//! places that may speak for a government ("Moscow"), and source pronouns. Quotations are not
//! searched: who is named inside a quote is not speaking. Roles written before a name or in an
//! apposition after it are kept on the mention. Hands on: mentions in text order.

use crate::lexicon::{self, word, Gender, WordInfo};
use crate::list::Listed;
use crate::report::BlockKind;
use crate::segment::Sentences;
use crate::tokens::TokKind;
use std::ops::Range;

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MentionKind {
    Person,
    Organisation,
    Group,
    Anonymous,
    Place,
    /// A person known by role: "the Spanish leader".
    Role,
    /// A lone capitalised word that may be a surname ("Okafor").
    Name,
    /// A source pronoun; the char says what it may refer to ('m', 'f', 'p', 'o'; 'r': a
    /// relative pronoun, the mention just before it; 'a': a person known by age, "the
    /// 46-year-old").
    Pronoun(char),
}

/// One mention of a possible source.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    /// The whole mention, role included.
    pub range: Range<usize>,
    /// Its tokens.
    pub tokens: Range<usize>,
    /// The name part ("Dalia Renko", "Port Authority", "U.S. officials", "Spanish leader").
    pub name: String,
    /// The role written with it ("Spanish Foreign Minister").
    pub role: Option<String>,
    pub kind: MentionKind,
    pub gender: Gender,
    /// Title or organisation class ("leader", "ministry"), for matching descriptions.
    pub class: Option<&'static str>,
    /// A nationality the role or description carries ("russia").
    pub nationality: Option<&'static str>,
    /// Followed by a possessive "'s".
    pub possessive: bool,
    /// Written with an honorific ("Mr.").
    pub honorific: bool,
    /// Index of its sentence.
    pub sentence: usize,
    /// The name closes an apposition: to a description that opens the mention ("His lawyer,
    /// Beatrix Molnar") or of age and home town ("Ana Ruiz, 59, of Ashton"); a comma follows it
    /// before the verb.
    pub described: bool,
    /// Lies in the apposition after a person's name ("the union" in "Ana Ruiz, president of
    /// the union, said"): that person's mention and the token closing the apposition. A cue
    /// after it is the person's.
    pub within: Option<(u32, u32)>,
}

impl Mention {
    /// The last word of the name but a generational suffix, for matching aliases ("Okafor").
    // Read forwards on purpose (see below): names are a few words.
    #[allow(clippy::double_ended_iterator_last)]
    pub(crate) fn surname(&self) -> &str {
        let lx = lexicon::get();
        // The last word that is no suffix ("Jr."), read forwards: a reverse split brings 0.4 KB
        // of wasm of its own.
        self.name
            .split_whitespace()
            .filter(|w| !lx.is_name_suffix(w))
            .last()
            .unwrap_or(&self.name)
    }
}

/// The range of `mentions` (in text order) that lies in each of the first `sentences`
/// sentences, sentence by sentence.
pub(crate) fn by_sentence(
    mentions: &[Mention],
    sentences: usize,
) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut m0 = 0;
    (0..sentences).map(move |si| {
        let m_end = m0
            + mentions[m0..]
                .iter()
                .take_while(|m| m.sentence == si)
                .count();
        let r = m0..m_end;
        m0 = m_end;
        r
    })
}

/// Finds the mentions of every sentence, in text order. Headlines and headings are left out:
/// written in title case, they read as names ("Port Authority and Tidewell Shipping Clash").
pub(crate) fn find(text: &str, s: &Sentences) -> Vec<Mention> {
    let mut out = Vec::new();
    for (si, sent) in s.sentences.iter().enumerate() {
        if s.blocks[sent.block].kind == BlockKind::Heading {
            continue;
        }
        let mut scanner = Scanner {
            text,
            s,
            si,
            toks: sent.tokens.clone(),
            out: &mut out,
            apposition: None,
        };
        let from = scanner.turn_label();
        scanner.scan(from);
    }
    out
}

/// A description a name stands in apposition to (see [`Scanner::described`]).
struct Described {
    /// Its first token.
    start: usize,
    /// The role it gives a person ("lawyer", "agent").
    role: String,
    /// The title it ends with, for a person.
    title: Option<&'static lexicon::Title>,
    /// The organisation class of its noun, for an organisation.
    org_class: Option<&'static str>,
}

/// A common noun after a name that makes one source with it: "the Indiana governor", "the
/// Harwick campaign", "a Bloomberg poll" (see [`Scanner::noun_head`]).
struct NounHead {
    /// The token after it.
    end: usize,
    kind: MentionKind,
    class: Option<&'static str>,
    gender: Gender,
}

struct Scanner<'a, 'b> {
    text: &'a str,
    s: &'b Sentences<'a>,
    si: usize,
    toks: Range<usize>,
    out: &'b mut Vec<Mention>,
    /// The apposition after the last person named: the person's mention and the token that
    /// closes it.
    apposition: Option<(usize, usize)>,
}

impl<'a, 'b> Scanner<'a, 'b> {
    fn word(&self, i: usize) -> &'a str {
        self.s.word(i)
    }

    /// A word outside quotations, in this sentence.
    fn is_word(&self, i: usize) -> bool {
        self.toks.contains(&i) && self.s.info[i].has(word::FREE_WORD)
    }

    /// Such a word, capitalised.
    fn is_cap(&self, i: usize) -> bool {
        const CAP: u32 = word::FREE_WORD | word::UPPER_INITIAL;
        self.toks.contains(&i) && self.s.info[i].flags & CAP == CAP
    }

    fn lower(&self, i: usize) -> &'b str {
        self.s.lower(i)
    }

    /// What the word lexicons say of token `i`.
    fn info(&self, i: usize) -> &'b WordInfo {
        &self.s.info[i]
    }

    fn span(&self, t: Range<usize>) -> Range<usize> {
        self.s.tokens[t.start].start()..self.s.tokens[t.end - 1].end()
    }

    fn slice(&self, t: Range<usize>) -> &'a str {
        &self.text[self.span(t)]
    }

    fn possessive_after(&self, end: usize) -> bool {
        self.toks.contains(&end) && self.s.tokens[end].kind == TokKind::Possessive
    }

    fn push(&mut self, mut m: Mention) {
        if let Some((head, close)) = self.apposition {
            // (Not the person's own mention, pushed as `head`.)
            if m.tokens.start < close && head < self.out.len() {
                m.within = Some((head as u32, close as u32));
            }
        }
        // A name or role that a page's markup breaks across lines reads as one line.
        squash_spaces(&mut m.name);
        if let Some(role) = &mut m.role {
            squash_spaces(role);
        }
        self.out.push(m);
    }

    fn mention(&self, tokens: Range<usize>, name: String, kind: MentionKind) -> Mention {
        Mention {
            range: self.span(tokens.clone()),
            possessive: self.possessive_after(tokens.end),
            tokens,
            name,
            role: None,
            kind,
            gender: Gender::Unknown,
            class: None,
            nationality: None,
            honorific: false,
            sentence: self.si,
            described: false,
            within: None,
        }
    }

    /// "HANSEN: Let's start with …": a transcript's turn, its speaker's name in capitals and a
    /// colon opening the paragraph (inside the quotation the paragraph opens, when an article
    /// quotes a transcript). The person named is a mention; returns the token after the name
    /// (the sentence's first token when there is no such name).
    fn turn_label(&mut self) -> usize {
        let first = self.toks.start;
        let block = &self.s.blocks[self.s.sentences[self.si].block];
        if block.tokens.start != first {
            return first;
        }
        let start = first + usize::from(matches!(self.s.tokens[first].kind, TokKind::Quote(_)));
        let Some(end) =
            crate::quotes::turn_label_end(self.text, &self.s.tokens, start, self.toks.end)
        else {
            return first;
        };
        if self.toks.end < end + 4 {
            return first;
        }
        // As a name is written elsewhere: "Hansen", "Ann Lee".
        let words: Vec<String> = (start..end)
            .map(|i| {
                let mut cs = self.word(i).chars();
                cs.next()
                    .map(|c| c.to_string() + &crate::case::lower(cs.as_str()))
                    .unwrap_or_default()
            })
            .listed();
        // "UPDATE:", "EDITOR'S NOTE:", "WASHINGTON:" name no one.
        let lx = lexicon::get();
        if words.iter().any(|w| {
            lx.is_non_person(w) || lx.is_place(w) || lx.is_stopword(&crate::case::lower(w))
        }) || lx.is_place(&crate::report::join(&words, " "))
        {
            return first;
        }
        let m = self.mention(
            start..end,
            crate::report::join(&words, " "),
            MentionKind::Person,
        );
        self.push(m);
        end
    }

    fn scan(&mut self, from: usize) {
        let mut i = from;
        while i < self.toks.end {
            if let Some(next) = self
                .possessed_noun(i)
                .or_else(|| self.percent(i))
                .or_else(|| self.share(i))
            {
                i = next;
                continue;
            }
            if !self.is_word(i) {
                i += 1;
                continue;
            }
            let w = self.word(i);
            if let Some(p) = self.info(i).pronoun {
                // A relative pronoun is a source only right after what it stands for ("an
                // engineer who said", "the agency, which reported"), never a question ("Who
                // said so?") or after a preposition ("to whom", "of which").
                let relative_ok = p != 'r'
                    || (i > self.toks.start
                        && (self.s.tokens[i - 1].kind == TokKind::Punct(',')
                            || self.s.tokens[i - 1].kind.is_dash()
                            || self.out.last().is_some_and(|m| m.tokens.end == i)));
                if (p != 'o' || w == "It") && relative_ok {
                    self.push(self.mention(i..i + 1, w.to_string(), MentionKind::Pronoun(p)));
                    self.relative_clause(i);
                }
                i += 1;
                continue;
            }
            if let Some(next) = self.description(i) {
                i = next;
                continue;
            }
            if self.is_cap(i) || self.info(i).honorific().is_some() {
                i = self.chunk(i);
                i = self.aside(i);
                continue;
            }
            if let Some(next) = self.according_to(i) {
                i = next;
                continue;
            }
            i += 1;
        }
    }

    /// Lower-case descriptions starting at `i`: groups, anonymous sources, organisations and
    /// roles known by a common noun. Returns the token after the mention.
    fn description(&mut self, i: usize) -> Option<usize> {
        let lx = lexicon::get();
        let det = self.lower(i);
        let determiner = self.info(i).has(word::DETERMINER | word::QUANTIFIER);
        if let Some(end) = self.possessed_role(i) {
            return Some(end);
        }
        // Not a determiner and nothing that could start a description: no mention here (the
        // tests below would all fail).
        // "Video shows that …": a bare document noun opening the sentence before a cue.
        let bare_document = i == self.toks.start
            && self.info(i).has(word::DOCUMENT)
            && self.is_word(i + 1)
            && self.info(i + 1).has(word::CUE);
        if !determiner && !bare_document {
            if let Some(end) = self.bare_documents(i) {
                return Some(end);
            }
        }
        if !determiner && !bare_document {
            let info = self.info(i);
            let may_start = info.has(word::MODIFIER | word::GROUP)
                || info.nationality().is_some()
                || (self.is_word(i + 1) && self.info(i + 1).has(word::GROUP))
                || self.is_acronym(i);
            if !may_start {
                return None;
            }
        }
        if let Some(end) = self.aged(i) {
            return Some(end);
        }
        // Modifiers after the determiner (or at the start).
        let mut j = if determiner { i + 1 } else { i };
        let mods_start = j;
        while self.is_word(j)
            && j + 1 < self.toks.end
            && (self.info(j).has(word::MODIFIER)
                || self.info(j).nationality().is_some()
                || self.is_acronym(j)
                || (self.is_word(j + 1)
                    && (self.info(j + 1).has(word::GROUP) || self.is_org_noun(j + 1))
                    && self.is_noun_like(j)))
        {
            j += 1;
        }
        if !self.is_word(j) {
            return None;
        }
        // A plural possessive before an organisation noun: "the teachers' union".
        if det == "the" && self.word(j).ends_with('s') && self.is_org_noun(j + 2) {
            let apostrophe = &self.s.tokens[j + 1];
            if matches!(apostrophe.kind, TokKind::Quote('\'' | '’'))
                && apostrophe.start() == self.s.tokens[j].end()
            {
                let end = j + 3;
                let class = lx.organisations.get_exact(self.lower(j + 2));
                let mut m = self.mention(
                    i..end,
                    self.slice(mods_start..end).to_string(),
                    MentionKind::Organisation,
                );
                m.class = class.map(|c| c.as_str());
                m.nationality = (mods_start..j).find_map(|k| self.info(k).nationality());
                self.push(m);
                return Some(end);
            }
        }
        let head = self.lower(j);
        let nationality = (mods_start..j).find_map(|k| self.info(k).nationality());
        let name_of = |sc: &Self, from: usize, to: usize| {
            let mut from = from;
            while from < to && sc.info(from).has(word::QUANTIFIER) {
                from += 1;
            }
            sc.slice(from..to).to_string()
        };
        // Groups: "U.S. officials", "critics", "Commentators".
        // "a fatal police shooting": under "a", a group noun is a modifier.
        let mut p = i;
        while p > self.toks.start
            && p + 3 > i
            && (self.is_noun_like(p - 1) || self.info(p - 1).has(word::MODIFIER))
        {
            p -= 1;
        }
        let under_a = p > self.toks.start && lexicon::one_of(self.lower(p - 1), "a an");
        if self.info(j).has(word::GROUP)
            && (determiner || j > i || self.is_word(j))
            && det != "a"
            && det != "an"
            && !under_a
        {
            let start = if determiner && det != "the" {
                i
            } else {
                mods_start.min(j)
            };
            let start = if det == "the" { i } else { start };
            // "his family", "their lawyers": the possessive is part of the mention.
            let start = if start > self.toks.start
                && self.is_word(start - 1)
                && self.info(start - 1).has(word::POSSESSIVE)
            {
                start - 1
            } else {
                start
            };
            let name = name_of(self, mods_start, j + 1);
            let end = self.place_phrase_end(j + 1);
            let mut m = self.mention(start..end, name, MentionKind::Group);
            m.nationality = nationality;
            self.push(m);
            return Some(end);
        }
        // Anonymous: "a spokesperson", "a senior official", "a person familiar with the matter".
        if determiner
            && det != "some"
            && det != "many"
            && det != "several"
            && self.info(j).has(word::ANONYMOUS)
        {
            let qualified = lx.is_anonymous_qualifier(self.word((j + 1).min(self.toks.end - 1)));
            if qualified || !lx.needs_qualifier(head) {
                let mut end = j + 1;
                if qualified {
                    while end < self.toks.end && self.is_word(end) && end < j + 8 {
                        if self.info(end).has(word::CUE) {
                            break;
                        }
                        end += 1;
                    }
                }
                let name = name_of(self, mods_start, end);
                let mut m = self.mention(i..end, name, MentionKind::Anonymous);
                m.class = lx.anonymous_noun(head);
                m.gender = kin_gender(head);
                self.push(m);
                return Some(end);
            }
            // Alone, "a person" names no one; a document noun right before a speech verb is
            // the document speaking, read below ("the statement said"; not "in a statement",
            // an adjunct, nor "the statement from the company read", the company's).
            let adjunct = i > self.toks.start && self.info(i - 1).has(word::PREPOSITION);
            if !(self.info(j).has(word::DOCUMENT) && !adjunct && self.speech_verb_at(j + 1)) {
                return None;
            }
        }
        // Documents: "the poll", "a new Tessaly survey", "this report" (what it says is
        // attributed to it, as to an organisation).
        // The noun may follow a few words that qualify it ("a new poll", "the latest Harwick
        // survey", "another slide").
        let plain = |k: usize| {
            self.is_word(k)
                && !self
                    .info(k)
                    .has(word::CUE | word::PREPOSITION | word::DETERMINER | word::STOPWORD)
        };
        let doc = (j..self.toks.end.min(j + 4))
            .take_while(|&k| plain(k))
            .find(|&k| self.info(k).has(word::DOCUMENT));
        if let Some(d) = doc.filter(|&d| determiner || bare_document && d == i) {
            if !self.is_cap(d + 1)
                && !self.possessive_after(d + 1)
                && (d + 1 >= self.toks.end || self.lower(d + 1) != "of")
            {
                let name = name_of(self, mods_start, d + 1);
                self.push(self.mention(i..d + 1, name, MentionKind::Organisation));
                return Some(d + 1);
            }
        }
        if det != "the" {
            // "a professor", "an economist at the bank": someone unnamed, known by a title.
            let Some((end, title)) = self
                .title_at(j)
                .filter(|_| lexicon::one_of(det, "a an one another"))
            else {
                return self.speaking_noun(i, mods_start, j);
            };
            if self.is_cap(end) {
                return None;
            }
            // Where they work is part of who they are: "a professor at Dunmere University" and
            // "a professor at Carrow College" are two people.
            let mut end = end;
            if end + 1 < self.toks.end && lexicon::one_of(self.lower(end), "at of from") {
                let first = end + 1 + usize::from(self.lower(end + 1) == "the");
                if first < self.toks.end && self.is_cap(first) {
                    end = self.capitalised_name_end(first);
                }
            }
            let mut m = self.mention(
                i..end,
                name_of(self, mods_start, end),
                MentionKind::Anonymous,
            );
            m.class = Some(title.class.as_str());
            m.gender = title.gender;
            m.nationality = nationality;
            self.push(m);
            return Some(end);
        }
        // Organisations by common noun: "the ministry", "the U.S. intelligence community".
        // The organisation noun may follow its modifiers ("the defence ministry").
        let sent_end = self.span(self.toks.clone()).end;
        let found = [mods_start, j].into_iter().find_map(|k| {
            let from = self.s.tokens[k].start();
            lx.organisations
                .find_prefix(&self.text[from..sent_end])
                .map(|(r, class)| (from + r.end, r, class))
        });
        if let Some((end_byte, r, class)) = found {
            let end = (mods_start..self.toks.end)
                .find(|&k| self.s.tokens[k].end() >= end_byte)
                .map_or(self.toks.end, |k| k + 1);
            // Capitalised names ("the White House") are left to the name chunker.
            if !self.is_cap(mods_start)
                || self.info(mods_start).has(word::ORGANISATION)
                || r.end > 0 && !self.is_cap(end - 1)
            {
                // "the state Department of Transportation": the of-phrase is the name.
                let mut end = end;
                if end + 1 < self.toks.end
                    && lexicon::one_of(self.lower(end), "of for")
                    && self.is_cap(end + 1)
                {
                    end = self.capitalised_name_end(end + 1);
                }
                let name = self.slice(mods_start..end).to_string();
                let mut m = self.mention(i..end, name, MentionKind::Organisation);
                m.class = Some(class.as_str());
                m.nationality = nationality;
                self.push(m);
                return Some(end);
            }
        }
        // Roles: "the Spanish leader", "the minister" (not followed by a name).
        let Some((end, title)) = self.title_at(j) else {
            return self.speaking_noun(i, mods_start, j);
        };
        if self.is_cap(end) && !self.info(end).has(word::NON_PERSON) {
            return None;
        }
        let name = self.slice(mods_start..end).to_string();
        let mut m = self.mention(i..end, name, MentionKind::Role);
        m.class = Some(title.class.as_str());
        m.gender = title.gender;
        m.nationality = nationality;
        self.push(m);
        Some(end)
    }

    /// Where a capitalised name starting at `from` ends: its capitalised words and the "of",
    /// "and" or "&" between two of them ("Department of Transportation", "Johns Hopkins and
    /// Yale").
    fn capitalised_name_end(&self, from: usize) -> usize {
        let mut end = from;
        while end < self.toks.end
            && (self.is_cap(end)
                || (end + 1 < self.toks.end
                    && lexicon::one_of(self.lower(end), "of and &")
                    && self.is_cap(end + 1)))
        {
            end += 1;
        }
        end
    }

    /// "her spokesman", "his lawyer", "their chief negotiator": a possessive before a title
    /// or an anonymous-source noun names someone of their own, known by that role (not the
    /// possessor). Returns the token after the mention.
    fn possessed_role(&mut self, i: usize) -> Option<usize> {
        let lx = lexicon::get();
        if !self.info(i).has(word::POSSESSIVE) || !self.is_word(i + 1) {
            return None;
        }
        let mut j = i + 1;
        while self.is_word(j) && j + 1 < self.toks.end && self.info(j).has(word::MODIFIER) {
            j += 1;
        }
        let (end, class, gender) = match self.title_at(j) {
            Some((end, t)) => (end, t.class.as_str(), t.gender),
            None if self.is_word(j)
                && self.info(j).has(word::ANONYMOUS)
                && !lx.needs_qualifier(self.lower(j)) =>
            {
                let class = lx.anonymous_noun(self.lower(j))?;
                (j + 1, class, kin_gender(self.lower(j)))
            }
            None => return None,
        };
        // "his aide Ivo Berg": the name that follows is the mention.
        if self.is_cap(end) || self.possessive_after(end) {
            return None;
        }
        let mut m = self.mention(
            i..end,
            self.slice(i + 1..end).to_string(),
            MentionKind::Role,
        );
        m.class = Some(class);
        m.gender = gender;
        self.push(m);
        Some(end)
    }

    /// After a person's name ending at `at`, what belongs to the name and names no one: a party
    /// and state tag ("Sen. Ana Ruiz (D-Vt.)", "Gov. Ivo Berg (R)") or an age and home town
    /// (", 59, of Ashton, Md.,", ", of Dunmere,"). The person's mention is stretched over it
    /// (so that the cue after it finds the person, not the town). Returns where to go on.
    fn aside(&mut self, at: usize) -> usize {
        let Some(m) = self.out.last().filter(|m| {
            m.tokens.end == at
                && m.sentence == self.si
                && matches!(m.kind, MentionKind::Person | MentionKind::Name)
        }) else {
            return at;
        };
        let kind = |k: usize| self.toks.contains(&k).then(|| self.s.tokens[k].kind);
        // "(D-Vt.)": one short capitalised word, nothing spaced.
        if kind(at) == Some(TokKind::Punct('(')) {
            let Some(close) = (at + 1..at + 6).find(|&k| kind(k) == Some(TokKind::Punct(')')))
            else {
                return at;
            };
            let inner = &self.text[self.s.tokens[at].end()..self.s.tokens[close].start()];
            let tag = (1..=8).contains(&inner.len())
                && inner.starts_with(|c: char| c.is_ascii_uppercase())
                && !inner.contains(char::is_whitespace)
                && m.kind == MentionKind::Person;
            if tag {
                self.stretch(close + 1, false);
                return close + 1;
            }
            return at;
        }
        if kind(at) != Some(TokKind::Punct(',')) {
            return at;
        }
        let mut k = at + 1;
        let age = kind(k) == Some(TokKind::Number) && kind(k + 1) == Some(TokKind::Punct(','));
        if age {
            k += 2;
        }
        if self.is_word(k) && self.lower(k) == "of" && self.is_cap(k + 1) {
            k += 1;
            // "of Ashton", "of Ashton, Md.".
            for _ in 0..2 {
                while self.is_cap(k) {
                    k += 1;
                }
                if kind(k) == Some(TokKind::Punct(',')) && self.is_cap(k + 1) {
                    k += 1;
                } else {
                    break;
                }
            }
        } else if !age {
            return at;
        } else {
            // An age alone: the comma after it closes the aside.
            k -= 1;
        }
        let closed = kind(k) == Some(TokKind::Punct(',')) || k + 1 >= self.toks.end;
        if closed && k > at + 1 {
            let end = if kind(k) == Some(TokKind::Punct(',')) {
                k
            } else {
                k.min(self.toks.end)
            };
            self.stretch(end, true);
            // "Ana Ruiz, 59, a nurse in Ashton, said": the apposition after the age is the
            // person's, as it is right after a name.
            if let Some((role, close)) = self.apposition(end) {
                self.apposition = Some((self.out.len() - 1, close));
                if let Some(m) = self.out.last_mut().filter(|m| m.role.is_none()) {
                    m.role = Some(role);
                }
            }
            return end;
        }
        at
    }

    /// "Ingrid Vale, who heads Nordvind Energy, denies it": a relative clause between commas
    /// after a person's name (its "who" at `who`) is the person's, like an apposition (see
    /// [`Mention::within`]).
    fn relative_clause(&mut self, who: usize) {
        if who <= self.toks.start || self.info(who).pronoun != Some('r') {
            return;
        }
        // Set off by commas, or by dashes ("Tom Berg — who once said S — said").
        let comma = who - 1;
        let opening = self.s.tokens[comma].kind;
        if !(opening == TokKind::Punct(',') || opening.is_dash()) || self.out.len() < 2 {
            return;
        }
        let head = self.out.len() - 2;
        let person = &self.out[head];
        if person.tokens.end != comma
            || !matches!(person.kind, MentionKind::Person | MentionKind::Name)
        {
            return;
        }
        let end = self.toks.end.min(who + 16);
        if let Some(close) = (who + 1..end).find(|&k| self.s.tokens[k].kind.closes(opening)) {
            self.apposition = Some((head, close));
        }
    }

    /// Stretches the last mention to end before token `end`; `closes`: a comma follows it
    /// before its verb (see [`Mention::described`]).
    fn stretch(&mut self, end: usize, closes: bool) {
        let range = self.span(
            self.out
                .last()
                .map_or(end - 1..end, |m| m.tokens.start..end),
        );
        if let Some(m) = self.out.last_mut() {
            m.tokens.end = end;
            m.range = range;
            m.described |= closes;
        }
    }

    /// "Connecticut's tax commissioner", "Okafor's campaign", "Velmar's annual report": after a
    /// name's possessive `'s` at `i`, the noun it qualifies is a source of its own (the
    /// possessor is not the one speaking). Returns the token after it.
    fn possessed_noun(&mut self, i: usize) -> Option<usize> {
        if self.s.tokens[i].kind != TokKind::Possessive || !self.toks.contains(&i) {
            return None;
        }
        let owner = self
            .out
            .last()
            .filter(|m| m.tokens.end == i && m.sentence == self.si)?;
        if matches!(owner.kind, MentionKind::Pronoun(_)) {
            return None;
        }
        let head = self.noun_head(i + 1)?;
        // "the agency's director, Paul Brandt,": the name in apposition is the source.
        if self.s.tokens.get(head.end).map(|t| t.kind) == Some(TokKind::Punct(','))
            && self.is_cap(head.end + 1)
        {
            return None;
        }
        let name = [
            owner.name.as_str(),
            &self.text[self.s.tokens[i].range()],
            " ",
            self.slice(i + 1..head.end),
        ]
        .concat();
        Some(self.push_noun_head(i + 1, name, head))
    }

    /// "according to the data", "according to exit polls", "according to federal statistics":
    /// whatever a lower-case noun phrase after "according to" at `i` names is the source, a
    /// document or a body of evidence, when no other kind of mention starts there. Returns the
    /// token after it.
    fn according_to(&mut self, i: usize) -> Option<usize> {
        if i < self.toks.start + 2
            || !self.is_word(i)
            || !self.info(i).has(word::LOWER_INITIAL)
            // "according to her account": hers, which the pronoun does not name here.
            || self.info(i).has(word::POSSESSIVE)
            || self.lower(i - 1) != "to"
            || self.lower(i - 2) != "according"
        {
            return None;
        }
        let lead = usize::from(self.info(i).has(word::DETERMINER));
        let mut end = None;
        let mut k = i + lead;
        while k < (i + 7).min(self.toks.end) && self.is_word(k) {
            let info = self.info(k);
            if info.has(word::CUE | word::AUX) || (info.has(word::STOPWORD) && !self.is_cap(k)) {
                break;
            }
            if self.is_noun_like(k) || info.has(word::DOCUMENT | word::GROUP) {
                end = Some(k + 1);
            }
            k += 1;
        }
        let end = end?;
        let kind = if self.info(end - 1).has(word::GROUP) {
            MentionKind::Group
        } else {
            MentionKind::Organisation
        };
        let name = self.slice(i + lead..end).to_string();
        self.push(self.mention(i..end, name, kind));
        Some(end)
    }

    /// "Twelve percent", "57 percent of likely voters": a share of people, a group.
    fn percent(&mut self, i: usize) -> Option<usize> {
        // The word after first: most tokens are not followed by "percent".
        let p = i + 1;
        // Only "per", "percent" and "in" lower-case to them: 2, 3 or 7 bytes.
        if !self.is_word(p) || !matches!(self.s.tokens[p].range().len(), 2 | 3 | 7) {
            return None;
        }
        let number_at = |k: usize| {
            self.s
                .tokens
                .get(k)
                .is_some_and(|t| t.kind == TokKind::Number)
                || (self.is_word(k) && lexicon::get().is_number_word(self.lower(k)))
        };
        let width = match self.lower(p) {
            "percent" => 1,
            "per" if self.is_word(p + 1) && self.lower(p + 1) == "cent" => 2,
            // "nine in 10 said", "one in five voters say".
            "in" if number_at(p + 1) && self.speech_verb_at(p + 2) => 2,
            _ => return None,
        };
        if !number_at(i) || self.s.quote_of.at(i).is_some() {
            return None;
        }
        let mut end = p + width;
        if self.is_word(end) && self.lower(end) == "of" {
            // "of likely voters", "of Americans", "of those polled".
            let mut k = end + 1;
            while k < end + 6 && self.is_word(k) {
                let info = self.info(k);
                if info.has(word::GROUP) || (self.is_cap(k) && self.lower(k).ends_with('s')) {
                    end = k + 1;
                    break;
                }
                if info.has(word::CUE | word::AUX | word::CUE_BLOCKER) {
                    break;
                }
                k += 1;
            }
        }
        let name = self.slice(i..end).to_string();
        self.push(self.mention(i..end, name, MentionKind::Group));
        Some(end)
    }

    /// A share of people opening a clause before a speech verb: "Most said …", "half say …",
    /// "three-quarters of the voters said …", "a majority of residents say …": a group.
    fn share(&mut self, i: usize) -> Option<usize> {
        // This runs at every token, in line: the length and the first letter first ("a",
        // "most", "many", "half", "several", "majority", "two-thirds", "three-quarters"). An
        // ASCII letter as written, either case: no other char lower-cases to one of these.
        if !self.is_word(i) {
            return None;
        }
        let t = &self.s.tokens[i];
        let first = self.text.as_bytes().get(t.start()).map(|b| b | 0x20);
        if !matches!(
            (t.range().len(), first),
            (1, Some(b'a'))
                | (4, Some(b'm' | b'h'))
                | (7, Some(b's'))
                | (8, Some(b'm'))
                | (10 | 14, Some(b't'))
        ) {
            return None;
        }
        self.share_at(i)
    }

    /// [`Scanner::share`] past its first test, kept out of line.
    #[inline(never)]
    fn share_at(&mut self, i: usize) -> Option<usize> {
        let a = usize::from(self.lower(i) == "a" && self.is_word(i + 1));
        let q = i + a;
        let words = if a == 1 {
            "majority minority third quarter"
        } else {
            "most many half several majority two-thirds three-quarters"
        };
        if !lexicon::one_of(self.lower(q), words) {
            return None;
        }
        let opens = self.opens_clause(i, "and but while about nearly almost only just");
        if !opens || self.s.quote_of.at(i).is_some() {
            return None;
        }
        let mut end = q + 1;
        if self.is_word(end) && self.lower(end) == "of" {
            // "of the voters", "of those polled", "of Latino residents".
            end = (end + 1..self.toks.end.min(end + 6)).find(|&k| self.speech_verb_at(k))?;
        }
        if end == q + 1 && !self.speech_verb_at(end) {
            return None;
        }
        let name = self.slice(i..end).to_string();
        self.push(self.mention(i..end, name, MentionKind::Group));
        Some(end)
    }

    /// Whether a lone name starting at `start` is where something is, not who: right after
    /// "in", "near", "outside", "across" ("based in Tessaly"), or joined by "and"/"or" to a
    /// place just named ("in Carrow and Dunmere").
    fn names_a_place(&self, start: usize) -> bool {
        let Some(p) = start.checked_sub(1).filter(|&p| self.is_word(p)) else {
            return false;
        };
        match self.lower(p) {
            "in" | "near" | "outside" | "across" | "throughout" => true,
            "and" | "or" => self
                .out
                .last()
                .is_some_and(|m| m.kind == MentionKind::Place && m.tokens.end == p),
            _ => false,
        }
    }

    /// The common noun a name qualifies, at `at` after it: a title ("the Indiana governor", "a
    /// Dunmere judge"), an unnamed-source noun ("a Harbour Trust official"), a group ("Okafor
    /// supporters"), an organisation noun ("the Okafor campaign") or a document ("a Harwick
    /// poll"), after at most two modifiers or nouns ("the Dunmere tax commissioner"), and
    /// chained ("Okafor campaign aides"). None when a
    /// name follows (then the noun is the name's role: "Harwick adviser Ivo Berg").
    fn noun_head(&self, at: usize) -> Option<NounHead> {
        let lx = lexicon::get();
        let mut j = at;
        let mut found = None;
        loop {
            if !self.is_word(j) || !self.info(j).has(word::LOWER_INITIAL) {
                break;
            }
            let info = self.info(j);
            let head = if let Some((end, t)) = self.title_at(j) {
                NounHead {
                    end,
                    kind: MentionKind::Role,
                    class: Some(t.class.as_str()),
                    gender: t.gender,
                }
            } else if info.has(word::ANONYMOUS) && !lx.needs_qualifier(self.lower(j)) {
                NounHead {
                    end: j + 1,
                    kind: MentionKind::Anonymous,
                    class: lx.anonymous_noun(self.lower(j)),
                    gender: Gender::Unknown,
                }
            } else if info.has(word::GROUP) {
                NounHead {
                    end: j + 1,
                    kind: MentionKind::Group,
                    class: None,
                    gender: Gender::Unknown,
                }
            } else if self.is_org_noun(j) || info.has(word::DOCUMENT) {
                NounHead {
                    end: j + 1,
                    kind: MentionKind::Organisation,
                    class: lx
                        .organisations
                        .get_exact(self.lower(j))
                        .map(String::as_str),
                    gender: Gender::Unknown,
                }
            } else if found.is_none()
                && j < at + 2
                && (info.has(word::MODIFIER) || self.is_noun_like(j))
            {
                // A modifier ("former", "tax", "opinion") before the noun.
                j += 1;
                continue;
            } else {
                break;
            };
            j = head.end;
            found = Some(head);
        }
        let head = found?;
        (!self.is_cap(head.end) && !self.possessive_after(head.end)).then_some(head)
    }

    /// A name and the common noun it qualifies, named `name`, as one mention from `start` (a
    /// determiner before it included). Returns the token after it.
    fn push_noun_head(&mut self, start: usize, name: String, head: NounHead) -> usize {
        let name_start = start;
        let start = if start > self.toks.start
            && self.is_word(start - 1)
            && self
                .info(start - 1)
                .has(word::DETERMINER | word::QUANTIFIER)
        {
            start - 1
        } else {
            start
        };
        let mut m = self.mention(start..head.end, name, head.kind);
        m.class = head.class;
        m.gender = head.gender;
        // "a Tessaly official", "one Harwick spokesman": unnamed, as "a senior official" is.
        let lx = lexicon::get();
        let unnamed = lx.anonymous_noun(self.lower(head.end - 1));
        if start < name_start
            && lexicon::one_of(self.lower(start), "a an one another")
            && head.kind == MentionKind::Role
            && unnamed.is_some()
        {
            m.kind = MentionKind::Anonymous;
            m.class = unnamed;
        }
        self.push(m);
        head.end
    }

    /// Documents without a determiner right before a cue, after a few words that qualify
    /// them: "recent polls show", "S, campaign finance records show", "as emails showed". Not after a word that would make them part of a longer noun phrase. Returns
    /// the token after the mention.
    fn bare_documents(&mut self, i: usize) -> Option<usize> {
        // Most words have no document noun within reach: the flags first (this runs at every
        // word).
        if !(i..self.toks.end.min(i + 4)).any(|k| self.info(k).has(word::DOCUMENT)) {
            return None;
        }
        if i > self.toks.start {
            let p = i - 1;
            if self.is_cap(p)
                || self.is_noun_like(p)
                || self
                    .info(p)
                    .has(word::MODIFIER | word::DETERMINER | word::QUANTIFIER | word::POSSESSIVE)
            {
                return None;
            }
        }
        // Nouns and modifiers ("exit", "national").
        let qualifies = |k: usize| {
            self.is_noun_like(k)
                || self.is_word(k) && !self.is_cap(k) && self.info(k).has(word::MODIFIER)
        };
        let d = (i..self.toks.end.min(i + 4))
            .take_while(|&k| qualifies(k))
            .find(|&k| self.info(k).has(word::DOCUMENT))?;
        if !self.is_word(d + 1) || !self.info(d + 1).has(word::CUE) {
            return None;
        }
        let name = self.slice(i..d + 1).to_string();
        self.push(self.mention(i..d + 1, name, MentionKind::Organisation));
        Some(d + 1)
    }

    /// A lower-case word that may be a noun modifier ("fire" chief, "warehouse" manager): not a
    /// function word, cue, verb form or adverb.
    fn is_noun_like(&self, i: usize) -> bool {
        if !self.is_word(i) {
            return false;
        }
        let l = self.lower(i);
        let info = self.info(i);
        info.has(word::LOWER_INITIAL)
            && l.len() > 2
            && !info.has(
                word::STOPWORD
                    | word::CUE_BLOCKER
                    | word::CUE
                    | word::AUX
                    | word::QUANTIFIER
                    | word::PREPOSITION,
            )
            // Conjunctions: "because Democrats boycotted …" is no group "because Democrats".
            && !lexicon::one_of(l, "because although though whereas unless whether while since until once nor yet")
            // A verb's forms and adverbs are not nouns, but a hyphenated compound ending so is
            // an adjective ("the right-leaning paper", "a state-owned bank", "left-wing groups").
            && (l.contains('-') || !(l.ends_with("ed") || l.ends_with("ly") || l.ends_with("ing")))
    }

    /// "the 46-year-old said", "The 57-year-old scientist says", "the 34-year-old mother of
    /// three replied": a person known by age stands for someone the article has named, as "she"
    /// does. A source pronoun (`Pronoun('a')`: a person; 'm' or 'f' where the noun tells) from
    /// the determiner to the speech verb, after at most four words. Returns the token after it.
    fn aged(&mut self, i: usize) -> Option<usize> {
        let age = i + 1;
        if self.lower(i) != "the"
            || !self.toks.contains(&age)
            || self.s.tokens[age].kind != TokKind::Number
            || !self.lower(age).ends_with("-year-old")
        {
            return None;
        }
        let end = (age + 1..self.toks.end.min(age + 6))
            .take_while(|&k| k == age + 1 || self.is_word(k))
            .find(|&k| self.speech_verb_at(k))?;
        let gender = (age + 1..end).find_map(|k| match kin_gender(self.lower(k)) {
            Gender::Unknown => self.title_at(k).map(|(_, t)| t.gender),
            g => Some(g),
        });
        let p = match gender {
            Some(Gender::Female) => 'f',
            Some(Gender::Male) => 'm',
            _ => 'a',
        };
        let m = self.mention(
            i..end,
            self.slice(i..end).to_string(),
            MentionKind::Pronoun(p),
        );
        self.push(m);
        Some(end)
    }

    /// "a friend said", "the questioner asked", "a close friend often said": whatever a
    /// determiner and a noun (after at most two others) name before a speech verb is who
    /// speaks, known by that noun: a group when plural; when singular a body after "the" and
    /// someone unnamed after "a".
    /// `i` is the determiner, `from` the first word after it and its modifiers. Returns the
    /// token after the mention.
    fn speaking_noun(&mut self, i: usize, from: usize, j: usize) -> Option<usize> {
        // A determiner first (the cheaper test), opening a clause (not "of the world says",
        // "taped an hourlong show").
        if !self.info(i).has(word::DETERMINER)
            || !self.opens_clause(
                i,
                "and but that as while when after because if since so then yet though although \
                 before until",
            )
        {
            return None;
        }
        let head = (j..self.toks.end.min(j + 3))
            .take_while(|&h| self.is_noun_like(h))
            .find(|&h| self.speech_verb_at(h + 1))?;
        // A counted set of things is seldom a source ("the two sides agreed to …").
        if (i + 1..head)
            .any(|k| self.s.tokens[k].kind == TokKind::Number || self.info(k).has(word::QUANTIFIER))
        {
            return None;
        }
        let w = self.lower(head);
        let plural =
            (w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us")) || w.ends_with("men");
        // "the town said", "the operator said": what the article names with "the" and a noun
        // no lexicon knows is mostly a body (people are known by their titles); "a friend
        // said" is someone unnamed.
        let kind = if plural {
            MentionKind::Group
        } else if lexicon::one_of(self.lower(i), "the this that") {
            MentionKind::Organisation
        } else {
            MentionKind::Anonymous
        };
        let m = self.mention(i..head + 1, self.slice(from..head + 1).to_string(), kind);
        self.push(m);
        Some(head + 1)
    }

    /// Whether token `i` opens a clause: the sentence's first token, or one after a token that
    /// is no word or after one of `after` (conjunctions, and for a share "about", "nearly" …).
    fn opens_clause(&self, i: usize, after: &str) -> bool {
        i == self.toks.start || !self.is_word(i - 1) || lexicon::one_of(self.lower(i - 1), after)
    }

    /// Whether a verb of speech starts at `k`, after adverbs ("said", "often said", "also
    /// told"): a cue of the speech lexicon that is not a noun ("a claim that …").
    fn speech_verb_at(&self, k: usize) -> bool {
        // Not a passive ("was first reported by").
        let k = (k..self.toks.end)
            .find(|&k| {
                !(self.is_word(k) && self.info(k).has(word::AUX) && !lexicon::is_be(self.lower(k)))
            })
            .unwrap_or(self.toks.end);
        self.is_word(k)
            && self.info(k).has(word::CUE)
            && lexicon::get()
                .cues
                .get_exact(self.lower(k))
                .is_some_and(|c| c.frame != lexicon::Frame::Noun)
    }

    /// After a group, the place it is from: "prosecutors in Arden and Belmont", "residents of
    /// Fenwick Row". The place belongs to the group's mention and speaks for no one. Returns
    /// the token after the phrase (`at` when there is none).
    fn place_phrase_end(&self, at: usize) -> usize {
        // Not "from": "campaigners from Clean Ouse" speak for their organisation.
        if !self.is_word(at) || !lexicon::one_of(self.lower(at), "in of") {
            return at;
        }
        let mut end = at + 1;
        if !self.is_cap(end) || self.info(end).honorific().is_some() {
            return at;
        }
        while end < self.toks.end
            && (self.is_cap(end)
                || (lexicon::one_of(self.lower(end), "and & of") && self.is_cap(end + 1)))
        {
            end += 1;
            // "in Carrow and in Dunmere".
            if end + 2 < self.toks.end
                && self.lower(end) == "and"
                && self.lower(end + 1) == "in"
                && self.is_cap(end + 2)
            {
                end += 2;
            }
        }
        // "members of the Harbor Workers Union": an organisation, which may speak.
        if self.info(end - 1).org_head().is_some() {
            return at;
        }
        end
    }

    /// A lower-case word that names an organisation by a common noun ("union", "board"); not
    /// "who" (the WHO's name written small is the pronoun: "leaders who say").
    fn is_org_noun(&self, i: usize) -> bool {
        self.is_word(i)
            && self.info(i).has(word::LOWER_INITIAL)
            && self.info(i).has(word::ORGANISATION)
            && self.info(i).pronoun.is_none()
    }

    fn is_acronym(&self, i: usize) -> bool {
        let w = self.word(i);
        // A lower-case ASCII letter first: not an acronym (the common case, decided at once).
        if w.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
            return false;
        }
        w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.')
    }

    /// The longest title starting at token `i`: the token after it and the title.
    fn title_at(&self, i: usize) -> Option<(usize, &'static lexicon::Title)> {
        // No title starts with a word that starts none.
        if i >= self.toks.end || !self.info(i).has(word::TITLE_START) {
            return None;
        }
        let lx = lexicon::get();
        let mut best = None;
        for end in i + 1..(i + 5).min(self.toks.end) + 1 {
            if !self.is_word(end - 1) {
                break;
            }
            if let Some(t) = lx.titles.get_exact(self.s.lower_span(i..end)) {
                best = Some((end, t));
            }
        }
        best
    }

    /// Whether a person named shortly before has `surname` as their last name.
    fn named_surname(&self, surname: &str) -> bool {
        // A name holds its surname: most names are passed over by that test alone. (Byte
        // windows, not `str::contains`: std's substring searcher is 1.3 KB of wasm.)
        let s = surname.as_bytes();
        let holds = |name: &str| s.is_empty() || name.as_bytes().windows(s.len()).any(|w| w == s);
        (self.out.iter().rev().take(256))
            .any(|m| m.kind == MentionKind::Person && holds(&m.name) && m.surname() == surname)
    }

    /// A run of capitalised words starting at `i` (a name, an organisation, a titled name).
    fn chunk(&mut self, i: usize) -> usize {
        let lx = lexicon::get();
        let mut j = i;
        while j < self.toks.end {
            // "Ferry Fares Will Rise, Harbour Chief Says", "Mayor Finch Says Ferry Will Run": a
            // headline in title case writes its cue with a capital.
            if j > i && self.is_cap(j) && lexicon::one_of(self.lower(j), "says said tells") {
                break;
            }
            if self.is_cap(j) || (j == i && self.info(j).honorific().is_some()) {
                j += 1;
                if self.possessive_after(j) {
                    break;
                }
                continue;
            }
            let w = self.word(j);
            let joiner = self.is_word(j)
                && (lx.is_name_particle(w) || lexicon::one_of(w, "of for &"))
                && self.is_cap(j + 1);
            if joiner && j > i {
                j += 1;
                continue;
            }
            break;
        }
        let end = j.max(i + 1);
        // Leading sentence openers and other non-name words.
        let mut a = i;
        while a < end
            && self.info(a).has(word::NON_PERSON)
            && lx
                .organisations
                .get_exact(self.s.lower_span(a..end))
                .is_none()
        {
            a += 1;
        }
        if a >= end {
            return end;
        }
        // "But Democrats said", "And Republicans say": what follows a sentence opener is read
        // afresh, so a group or a description there is found as it would be anywhere else.
        if a > i {
            return a;
        }
        // "Lynch Closes The Door", "Medal Of Honor Winner Opens Up": capitalised words with a
        // capitalised article or preposition among them are a headline in title case, not a
        // name (names write "of", "for", "the" in lower case: "Bank of Norland").
        if (a + 1..end)
            .any(|k| self.is_cap(k) && self.info(k).has(word::PREPOSITION | word::DETERMINER))
        {
            return end;
        }
        // "the Indiana governor", "a Harwick poll": the name qualifies a noun, which is the
        // source.
        if !self.possessive_after(end) && self.info(a).honorific().is_none() {
            if let Some(head) = self.noun_head(end) {
                return self.push_noun_head(a, self.slice(a..head.end).to_string(), head);
            }
        }
        // "Department of Transportation", "Ministry of Defence", "Bank of England": an
        // organisation head joined to a name by "of".
        let head = (i..end.saturating_sub(2)).find(|&k| {
            self.info(k).org_head().is_some() && lexicon::one_of(self.lower(k + 1), "of for")
        });
        let class = head.and_then(|k| self.info(k).org_head());
        if let Some(k) = head {
            let k = a.min(k);
            let mut m = self.mention(
                self.with_the(k..end),
                self.slice(k..end).to_string(),
                MentionKind::Organisation,
            );
            m.class = class;
            self.push(m);
            return end;
        }
        self.classify(a..end);
        end
    }

    fn classify(&mut self, t: Range<usize>) {
        let lx = lexicon::get();
        let text = self.slice(t.clone());
        // Known organisations ("White House", "FBI").
        if let Some(class) = lx.organisations.get_exact(self.s.lower_span(t.clone())) {
            let mut m = self.mention(
                self.with_the(t.clone()),
                text.to_string(),
                MentionKind::Organisation,
            );
            m.class = Some(class.as_str());
            self.push(m);
            return;
        }
        // A title inside the chunk splits role from name ("Foreign Minister Dalia Renko").
        let mut name_start = t.start;
        let mut title: Option<&lexicon::Title> = None;
        let mut k = t.start;
        while k < t.end {
            // "Charlie King", "Mr. King", "Larry King Now": a title word after a first name or
            // an honorific, before no first name, is a surname ("Charlotte Mayor Jennifer
            // Roberts" has a title).
            let first = |i: usize| self.info(i).first_name().is_some();
            let surname = |e: usize| {
                e == k + 1
                    && k > name_start
                    && (first(k - 1) || self.info(k - 1).honorific().is_some())
                    && (e == t.end || !first(e))
            };
            if let Some((e, tt)) = self.title_at(k).filter(|&(e, _)| !surname(e)) {
                if e <= t.end {
                    name_start = e;
                    title = Some(tt);
                    k = e;
                    continue;
                }
            }
            k += 1;
        }
        // Honorifics.
        let mut honorific = None;
        while name_start < t.end {
            match self.info(name_start).honorific() {
                Some(g) => {
                    honorific = Some(g);
                    name_start += 1;
                }
                None => break,
            }
        }
        if name_start >= t.end {
            // "Dean, a former chairman, said", after "Howard Dean": a lone title word that is
            // the surname of a person named before is that person's name.
            let word = self.word(t.start);
            let article = t.start > self.toks.start
                && self.is_word(t.start - 1)
                && self.info(t.start - 1).has(word::DETERMINER);
            if t.len() == 1 && honorific.is_none() && !article && self.named_surname(word) {
                self.push(self.mention(t.clone(), word.to_string(), MentionKind::Name));
                return;
            }
            // Only a title ("President", "The Minister"): a role mention.
            if let Some(tt) = title {
                let mut m = self.mention(
                    self.with_the(t.clone()),
                    text.to_string(),
                    MentionKind::Role,
                );
                m.class = Some(tt.class.as_str());
                m.gender = tt.gender;
                self.push(m);
            }
            return;
        }
        // "Republican Ann Lee", "Democrat Ivo Berg": a party or nationality word before a
        // first name is the person's role, not part of the name.
        let mut party = name_start;
        while honorific.is_none()
            && party + 1 < t.end
            && (self.info(party).has(word::MODIFIER) || self.info(party).nationality().is_some())
        {
            party += 1;
        }
        let party_role = party > name_start && self.info(party).first_name().is_some();
        if party_role {
            name_start = party;
        }
        // "Moira Keane of Lough Water", "Dana Oakes for Marlow Research": a person's full name,
        // then where they are from or whom they work for.
        let first = self.info(name_start);
        // "Fiel of Harbour Trust", after "Dana Fiel": a surname already named, then where.
        let known_surname =
            |k: usize| k == name_start + 1 && self.named_surname(self.word(name_start));
        let from_place = (name_start + 1..t.end.saturating_sub(1)).find(|&k| {
            lexicon::one_of(self.lower(k), "of for")
                && (k >= name_start + 2 && first.first_name().is_some() || known_surname(k))
                && (name_start..k).all(|n| self.info(n).org_head().is_none())
        });
        let name_t = name_start..from_place.unwrap_or(t.end);
        let name = self.slice(name_t.clone()).to_string();
        // Organisations by their last word ("Velmar Inc.", "Finance Ministry", "The Post").
        if title.is_none() && honorific.is_none() {
            if let Some(class) = self
                .info(t.end - 1)
                .org_head()
                .filter(|_| from_place.is_none())
            {
                let mut m = self.mention(
                    self.with_the(t.clone()),
                    text.to_string(),
                    MentionKind::Organisation,
                );
                m.class = Some(class);
                self.push(m);
                return;
            }
            if lx.is_place(&name) {
                self.push(self.mention(t.clone(), name, MentionKind::Place));
                return;
            }
            // "Cuban said", after "Mark Cuban": a surname that is also a nationality or a group
            // word is the person's name where the article has named them so.
            if t.len() == 1
                && (first.nationality().is_some() || first.has(word::GROUP))
                && !self.named_surname(self.word(t.start))
            {
                return;
            }
            if t.len() == 1 && self.is_acronym(t.start) {
                self.push(self.mention(t.clone(), name, MentionKind::Organisation));
                return;
            }
        }
        let first_gender = first.first_name();
        let name_gender = if name_t.len() >= 2 {
            first_gender.unwrap_or(Gender::Unknown)
        } else {
            Gender::Unknown
        };
        if let Some(d) = self.described(t.clone()) {
            // The description's own mention ("The contractor") is this one.
            while let Some(last) = self.out.last() {
                if last.sentence == self.si && last.tokens.start >= d.start {
                    self.out.pop();
                } else {
                    break;
                }
            }
            let kind = if d.title.is_some() {
                MentionKind::Person
            } else {
                MentionKind::Organisation
            };
            let mut m = self.mention(d.start..t.end, name, kind);
            m.described = true;
            m.honorific = honorific.is_some();
            if let Some(tt) = d.title {
                m.role = Some(d.role);
                m.class = Some(tt.class.as_str());
                m.gender = honorific
                    .unwrap_or(Gender::Unknown)
                    .or(tt.gender)
                    .or(name_gender);
            } else {
                m.class = d.org_class;
            }
            self.push(m);
            return;
        }
        let role_start = if title.is_some() || party_role {
            t.start
        } else {
            name_start
        };
        let (start, mut role) = self.role_before(role_start, name_start);
        let start = start.min(t.start);
        let apposition = self.apposition(t.end);
        if let Some((_, close)) = apposition {
            // The mentions inside it are the person's, not sources of their own (see
            // [`Mention::within`]).
            self.apposition = Some((self.out.len(), close));
        }
        if role.is_none() {
            role = apposition.map(|(role, _)| role);
        }
        let personal = title.is_some()
            || honorific.is_some()
            || role.is_some()
            || first_gender.is_some()
            || name_t.len() >= 2;
        // "Harbour pilots denied …": a capitalised word opening the sentence before a plural
        // noun and a cue is the noun's modifier; the two name a group.
        if !personal
            && t.len() == 1
            && t.start == self.toks.start
            && self.is_noun_like(t.end)
            && self.lower(t.end).ends_with('s')
            && !self.info(t.end).has(word::GROUP)
            && self.is_word(t.end + 1)
            && self.info(t.end + 1).has(word::CUE)
        {
            let group = t.start..t.end + 1;
            self.push(self.mention(
                group.clone(),
                self.slice(group).to_string(),
                MentionKind::Group,
            ));
            return;
        }
        let kind = if personal {
            MentionKind::Person
        } else if self.names_a_place(t.start) {
            MentionKind::Place
        } else {
            MentionKind::Name
        };
        let mut m = self.mention(start..t.end, name, kind);
        m.role = role;
        m.honorific = honorific.is_some();
        m.gender = honorific
            .unwrap_or(Gender::Unknown)
            .or(title.map_or(Gender::Unknown, |t| t.gender))
            .or(name_gender);
        m.class = title.map(|t| t.class.as_str());
        m.nationality = (start..name_start).find_map(|k| self.info(k).nationality());
        self.push(m);
    }

    /// A description opening the sentence that the name in chunk `t` stands in apposition to:
    /// "His lawyer, Beatrix Molnar,", "The player's agent, Marco Bellini,", "The contractor,
    /// Kestrel Build,". The head is a title (a person, with the words after any possessor as
    /// the role) or an organisation noun.
    fn described(&self, t: Range<usize>) -> Option<Described> {
        let lx = lexicon::get();
        let comma = t.start.checked_sub(1)?;
        let d = self.toks.start;
        let is_comma = |k: usize| self.s.tokens[k].kind == TokKind::Punct(',');
        if comma <= d + 1 || comma - d > 7 || !is_comma(comma) {
            return None;
        }
        if !self.toks.contains(&t.end) || !is_comma(t.end) {
            return None;
        }
        let det = self.lower(d);
        if !self.is_word(d) || !(det == "the" || self.info(d).has(word::POSSESSIVE)) {
            return None;
        }
        // The role starts after the determiner and any possessor ("the player's").
        let mut role_start = d + 1;
        for k in d + 1..comma {
            match self.s.tokens[k].kind {
                TokKind::Word if self.is_word(k) => {}
                TokKind::Possessive => role_start = k + 1,
                _ => return None,
            }
        }
        if role_start >= comma {
            return None;
        }
        // The title closes the description, or a phrase naming where its holder works
        // follows it ("His former business partner at Lenox, Lawrence Cummings,").
        let closes = |e: usize| {
            e == comma
                || (e + 1 < comma
                    && lexicon::one_of(self.lower(e), "at of for with from")
                    && (e + 1..comma).all(|k| self.is_cap(k)))
        };
        let title = (role_start..comma)
            .find_map(|k| self.title_at(k).filter(|&(e, _)| closes(e)))
            .map(|(_, tt)| tt);
        let org_class = if title.is_none() && self.is_org_noun(comma - 1) {
            lx.organisations.get_exact(self.lower(comma - 1))
        } else {
            None
        };
        if title.is_none() && org_class.is_none() {
            return None;
        }
        Some(Described {
            start: d,
            role: self.slice(role_start..comma).to_string(),
            title,
            org_class: org_class.map(String::as_str),
        })
    }

    /// Extends a chunk left over "the" for organisations ("the Port Authority").
    fn with_the(&self, t: Range<usize>) -> Range<usize> {
        if t.start > self.toks.start
            && self.lower(t.start - 1) == "the"
            && self.is_word(t.start - 1)
        {
            t.start - 1..t.end
        } else {
            t
        }
    }

    /// The role written before a name: titles and their modifiers left of `role_start` (plus
    /// whatever of the chunk lies before `name_start`). Returns the mention start and the role.
    fn role_before(&mut self, role_start: usize, name_start: usize) -> (usize, Option<String>) {
        let lx = lexicon::get();
        let mut start = role_start;
        // A lower-case title right before: "envoy Walter Hume", "president Carla M. Ortiz".
        if role_start == name_start {
            for k in (role_start.saturating_sub(4)..role_start).rev() {
                if k < self.toks.start || !self.is_word(k) {
                    break;
                }
                if self.info(k).has(word::TITLE_START)
                    && lx
                        .titles
                        .get_exact(self.s.lower_span(k..role_start))
                        .is_some()
                {
                    start = k;
                }
            }
            if start == role_start {
                return (role_start, None);
            }
        }
        // Modifiers: "former", "Spanish", "UN", "Port Authority", "U.S.".
        let mut k = start;
        while k > self.toks.start {
            let p = k - 1;
            if !self.is_word(p) || self.possessive_after(k) {
                break;
            }
            let info = self.info(p);
            let ok = info.has(word::MODIFIER)
                || info.nationality().is_some()
                || self.is_acronym(p)
                || (self.is_cap(p) && !info.has(word::NON_PERSON | word::PLACE))
                || (self.is_noun_like(p)
                    && (self.title_at(p + 1).is_some()
                        || (self.is_noun_like(p + 1) && self.title_at(p + 2).is_some())));
            if !ok || info.has(word::CUE_BLOCKER) && !info.has(word::MODIFIER) {
                break;
            }
            k = p;
        }
        // Drop an organisation mention that the role swallowed ("Port Authority spokesman X").
        while let Some(last) = self.out.last() {
            if last.sentence == self.si && last.tokens.end > k && last.tokens.start >= k {
                self.out.pop();
            } else {
                break;
            }
        }
        let role = self.slice(k..name_start).to_string();
        (k, Some(role))
    }

    /// An apposition after a name: ", a spokesman for the Port Authority," → the role, and the
    /// token that closes it.
    fn apposition(&self, after_name: usize) -> Option<(String, usize)> {
        let comma = after_name;
        if !self.toks.contains(&comma) || self.s.tokens[comma].kind != TokKind::Punct(',') {
            return None;
        }
        let mut det = comma + 1;
        if !self.is_word(det) {
            return None;
        }
        // ", who is a lawyer for the families,": the role after the relative pronoun.
        if self.lower(det) == "who" && lexicon::one_of(self.lower(det + 1), "is was") {
            det += 2;
            if !self.is_word(det) || !lexicon::one_of(self.lower(det), "a an the") {
                return None;
            }
        }
        // ", a spokesman for X," or ", president of X,".
        let role_start = if lexicon::one_of(self.lower(det), "a an the") {
            det + 1
        } else if self.title_at(det).is_some()
            // ", senior fellow at Kestrel,", ", policy analyst at Kestrel,": no article.
            || self.info(det).has(word::MODIFIER)
            || self.is_noun_like(det)
        {
            det
        } else {
            return None;
        };
        let mut close = det;
        let mut has_title = false;
        while close < self.toks.end && close < det + 12 {
            match self.s.tokens[close].kind {
                TokKind::Punct(',') => break,
                TokKind::Punct('.' | '!' | '?') if close + 1 >= self.toks.end => break,
                TokKind::Word => {
                    // A title, or a noun placing the person at an organisation ("a lecturer
                    // at Brill College", "a campaigner for Clean Air Now").
                    if self.title_at(close).is_some()
                        || (close > role_start
                            && lexicon::one_of(self.lower(close), "at for")
                            && self.is_noun_like(close - 1)
                            && self.is_cap(close + 1))
                    {
                        has_title = true;
                    }
                    if self.info(close).has(word::CUE) {
                        return None;
                    }
                }
                TokKind::Possessive | TokKind::Number => {}
                _ => return None,
            }
            close += 1;
        }
        let at_end = close < self.toks.end
            && matches!(self.s.tokens[close].kind, TokKind::Punct('.' | '!' | '?'))
            && close + 1 >= self.toks.end;
        if !has_title || close <= role_start || (close >= self.toks.end && !at_end) {
            return None;
        }
        Some((self.slice(role_start..close).to_string(), close))
    }
}

/// The gender a noun for a person gives ("her husband", "a woman", "the 34-year-old mother").
fn kin_gender(noun: &str) -> Gender {
    if lexicon::one_of(
        noun,
        "woman mother wife daughter sister widow grandmother girlfriend aunt niece girl",
    ) {
        Gender::Female
    } else if lexicon::one_of(
        noun,
        "man father husband son brother widower grandfather boyfriend uncle nephew boy",
    ) {
        Gender::Male
    } else {
        Gender::Unknown
    }
}

/// Turns every run of white space in `s` into one space ("Petra\n    Lindqvist" → "Petra
/// Lindqvist"); a string already so is left as it is.
fn squash_spaces(s: &mut String) {
    // ASCII (most names): clean without a space after a space or another white-space byte.
    // Native only: the browser build does without it (fewer bytes to download).
    #[cfg(not(target_arch = "wasm32"))]
    if s.is_ascii() {
        let b = s.as_bytes();
        let clean = !b.iter().any(|c| (9..=13).contains(c)) && !b.windows(2).any(|w| w == b"  ");
        if clean {
            return;
        }
    }
    let mut prev_space = false;
    let clean = s.chars().all(|c| {
        let ok = c == ' ' && !prev_space || !c.is_whitespace();
        prev_space = c.is_whitespace();
        ok
    });
    if !clean {
        *s = s.split_whitespace().listed().join(" ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::Document;

    #[test]
    fn names_broken_across_lines_read_as_one_line() {
        for (name, want) in [
            ("Ana Ruiz", "Ana Ruiz"),
            (" Ana Ruiz ", " Ana Ruiz "),
            ("Ana  Ruiz", "Ana Ruiz"),
            ("Ana\n Ruiz", "Ana Ruiz"),
            ("Ana\tRuiz", "Ana Ruiz"),
            ("Zoë\u{a0}Ruiz", "Zoë Ruiz"),
            ("Zoë Ruiz", "Zoë Ruiz"),
        ] {
            let mut s = name.to_string();
            squash_spaces(&mut s);
            assert_eq!(s, want, "{name:?}");
        }
    }

    #[test]
    fn organisations_named_with_of() {
        let m = mentions(
            "The state Department of Transportation said it would pay. The Ministry of \
             Defence said no.",
        );
        assert_eq!(
            m,
            vec![
                (
                    "state Department of Transportation".into(),
                    MentionKind::Organisation,
                    None
                ),
                (
                    "Ministry of Defence".into(),
                    MentionKind::Organisation,
                    None
                )
            ]
        );
    }

    #[test]
    fn headlines_hold_no_mentions() {
        let doc = crate::Document::from_blocks([
            (
                crate::BlockKind::Heading,
                "Port Authority and Tidewell Shipping Clash Over Pier Expansion",
            ),
            (
                crate::BlockKind::Paragraph,
                "Mayor Ann Lee said the pier would stay.",
            ),
        ])
        .unwrap();
        let s = Sentences::new(doc.text(), doc.blocks());
        let names: Vec<String> = find(doc.text(), &s).into_iter().map(|m| m.name).collect();
        assert_eq!(names, ["Ann Lee"]);
    }

    #[test]
    fn a_name_broken_across_lines_reads_as_one_line() {
        let m =
            mentions("Harbour\n   Commissioner Petra\n        Lindqvist said the pier would stay.");
        assert_eq!(
            m[0],
            (
                "Petra Lindqvist".into(),
                MentionKind::Person,
                Some("Harbour Commissioner".into())
            )
        );
    }

    #[test]
    fn occupational_titles_are_the_role() {
        let m = mentions("Head Librarian Harriet Quist said the branch would open.");
        assert_eq!(
            m[0],
            (
                "Harriet Quist".into(),
                MentionKind::Person,
                Some("Head Librarian".into())
            )
        );
    }

    fn mentions(text: &str) -> Vec<(String, MentionKind, Option<String>)> {
        let doc = Document::from_text(text).unwrap();
        let s = Sentences::new(doc.text(), doc.blocks());
        find(doc.text(), &s)
            .into_iter()
            .map(|m| (m.name, m.kind, m.role))
            .collect()
    }

    fn role(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn a_first_person_possessive_names_someone_of_the_writers() {
        // In a first-person piece, "my father" and "our neighbour" speak.
        assert_eq!(
            mentions("“We live by the river,” my father said. Our neighbour agreed."),
            vec![
                ("father".into(), MentionKind::Role, None),
                ("neighbour".into(), MentionKind::Role, None)
            ]
        );
    }

    #[test]
    fn titled_names_keep_their_role() {
        let m = mentions(
            "German Interior Minister Ivo Berg met U.S. Secretary of State Dana Whitcomb.",
        );
        assert_eq!(
            m,
            vec![
                (
                    "Ivo Berg".into(),
                    MentionKind::Person,
                    role("German Interior Minister")
                ),
                (
                    "Dana Whitcomb".into(),
                    MentionKind::Person,
                    role("U.S. Secretary of State")
                )
            ]
        );
    }

    #[test]
    fn groups_take_no_conjunction_and_no_noun_under_a() {
        let m = mentions(
            "The vote failed because Democrats stayed away. It followed a fatal police \
             shooting in Carrow.",
        );
        assert_eq!(
            m.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            vec!["Democrats", "It", "Carrow"]
        );
    }

    #[test]
    fn a_group_after_a_sentence_opener_is_found() {
        let m = mentions(
            "But Democrats said the fare would rise. And Republicans say the plan is sound.",
        );
        assert_eq!(
            m.iter().map(|x| (x.0.as_str(), x.1)).collect::<Vec<_>>(),
            vec![
                ("Democrats", MentionKind::Group),
                ("Republicans", MentionKind::Group),
            ]
        );
    }

    #[test]
    fn who_after_a_group_is_the_relative_pronoun_not_the_who() {
        assert_eq!(
            mentions("Business leaders who own shops say it hurts. The WHO said it spread."),
            vec![
                ("Business leaders".to_string(), MentionKind::Group, None),
                ("who".to_string(), MentionKind::Pronoun('r'), None),
                ("WHO".to_string(), MentionKind::Organisation, None),
            ]
        );
    }

    #[test]
    fn an_opening_participle_names_no_one() {
        let m = mentions(
            "Having announced that the pier would close, Judge Berman left. Being a judge, Ruiz \
             said nothing.",
        );
        assert_eq!(
            m.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            vec!["Berman", "judge", "Ruiz"]
        );
    }

    #[test]
    fn documents_shown_are_sources_even_bare_before_a_cue() {
        let m =
            mentions("Video shows that the ferry left early. Another slide shows that fares rose.");
        assert_eq!(
            m.iter().map(|x| (x.0.as_str(), x.1)).collect::<Vec<_>>(),
            vec![
                ("Video", MentionKind::Organisation),
                ("slide", MentionKind::Organisation)
            ]
        );
    }

    #[test]
    fn documents_without_a_determiner_are_sources_before_a_cue() {
        let m = mentions(
            "Fares rose in March, ferry company records show. Recent polls show that the mayor \
             leads, as emails showed. Its board kept fare records that show little.",
        );
        assert_eq!(
            m.iter()
                .filter(|x| x.1 == MentionKind::Organisation)
                .map(|x| x.0.as_str())
                .collect::<Vec<_>>(),
            vec!["ferry company records", "Recent polls", "emails"]
        );
    }

    #[test]
    fn an_unnamed_woman_or_man_is_a_source() {
        let m = mentions("The woman disputes the idea. A man said the pier was unsafe.");
        assert_eq!(
            m.iter().map(|x| (x.0.as_str(), x.1)).collect::<Vec<_>>(),
            vec![
                ("woman", MentionKind::Anonymous),
                ("man", MentionKind::Anonymous)
            ]
        );
    }

    #[test]
    fn a_description_may_say_where_its_holder_works() {
        let m = mentions(
            "His former campaign manager at Lenox, Lawrence Cummings, called it a mistake.",
        );
        let p = m.iter().find(|x| x.0 == "Lawrence Cummings").unwrap();
        assert_eq!(p.2, role("former campaign manager at Lenox"));
    }

    #[test]
    fn lower_case_titles_and_modifiers_before_a_name_are_the_role() {
        let m = mentions("But as Boston's former UN envoy Walter Hume put it, no.");
        let p = m.iter().find(|x| x.0 == "Walter Hume").unwrap();
        assert_eq!(p.2, role("former UN envoy"));
    }

    #[test]
    fn a_title_word_after_a_first_name_or_an_honorific_is_a_surname() {
        let m = mentions("Mayor Ivo Berg met Dora King, Mr. King and Milan Prince Tomas Vane.");
        assert_eq!(
            m,
            vec![
                ("Ivo Berg".into(), MentionKind::Person, role("Mayor")),
                ("Dora King".into(), MentionKind::Person, None),
                ("King".into(), MentionKind::Person, None),
                (
                    "Tomas Vane".into(),
                    MentionKind::Person,
                    role("Milan Prince")
                ),
            ]
        );
    }

    #[test]
    fn honorifics_are_not_names_or_roles() {
        let m = mentions("Mr. Haldane denied it.");
        assert_eq!(m, vec![("Haldane".into(), MentionKind::Person, None)]);
    }

    #[test]
    fn organisations_groups_and_anonymous_sources() {
        let m = mentions(
            "The Pentagon and Velmar Inc. spoke. German officials and a senior official said the ministry agreed with the World Bank.",
        );
        let kinds: Vec<_> = m.iter().map(|x| (x.0.as_str(), x.1)).collect();
        assert_eq!(
            kinds,
            vec![
                ("Pentagon", MentionKind::Organisation),
                ("Velmar Inc.", MentionKind::Organisation),
                ("German officials", MentionKind::Group),
                ("senior official", MentionKind::Anonymous),
                ("ministry", MentionKind::Organisation),
                ("World Bank", MentionKind::Organisation)
            ]
        );
    }

    #[test]
    fn role_descriptions_and_pronouns() {
        let m = mentions("The French premier is stubborn, he said.");
        assert_eq!(
            m,
            vec![
                ("French premier".into(), MentionKind::Role, None),
                ("he".into(), MentionKind::Pronoun('m'), None)
            ]
        );
    }

    #[test]
    fn a_name_beside_a_noun_is_one_source_with_it() {
        let names = |text: &str| -> Vec<(String, MentionKind)> {
            mentions(text).into_iter().map(|(n, k, _)| (n, k)).collect()
        };
        assert_eq!(
            names("The Dunmere governor said so."),
            vec![("Dunmere governor".into(), MentionKind::Role)]
        );
        assert_eq!(
            names("The Quell campaign said so."),
            vec![("Quell campaign".into(), MentionKind::Organisation)]
        );
        assert_eq!(
            names("A Harwick University poll shows it."),
            vec![("Harwick University poll".into(), MentionKind::Organisation)]
        );
        assert_eq!(
            names("One Tessaly official said so."),
            vec![("Tessaly official".into(), MentionKind::Anonymous)]
        );
        assert_eq!(
            names("Sixty percent of likely voters said so. 12 percent said no."),
            vec![
                ("Sixty percent of likely voters".into(), MentionKind::Group),
                ("12 percent".into(), MentionKind::Group)
            ]
        );
        assert_eq!(
            names("Twenty-five per cent said no. The fee was 5 per share."),
            vec![("Twenty-five per cent".into(), MentionKind::Group)]
        );
        // A possessed noun is a source of its own; the possessor stays a mention.
        assert_eq!(
            names("Tessaly's tax commissioner said so."),
            vec![
                ("Tessaly".into(), MentionKind::Name),
                ("Tessaly's tax commissioner".into(), MentionKind::Role)
            ]
        );
        // A name after the noun is the source: the noun is its role.
        assert_eq!(
            names("Harwick adviser Ivo Berg said so."),
            vec![("Ivo Berg".into(), MentionKind::Person)]
        );
    }

    #[test]
    fn what_follows_according_to_is_a_source() {
        assert_eq!(
            mentions(
                "The fares rose, according to the data. The tolls fell, according to exit polls."
            ),
            vec![
                ("data".into(), MentionKind::Organisation, None),
                ("exit polls".into(), MentionKind::Organisation, None)
            ]
        );
        assert_eq!(
            mentions("The fares rose, according to her account."),
            vec![]
        );
    }

    #[test]
    fn party_tags_ages_and_home_towns_name_no_one() {
        let spans = |text: &str| -> Vec<(String, String)> {
            let doc = Document::from_text(text).unwrap();
            let s = Sentences::new(doc.text(), doc.blocks());
            find(doc.text(), &s)
                .into_iter()
                .map(|m| (m.name, doc.text()[m.range].to_string()))
                .collect()
        };
        assert_eq!(
            spans("Sen. Marta Quell (D-Vt.) said so. Gov. Ivo Berg (R) agreed."),
            vec![
                ("Marta Quell".into(), "Sen. Marta Quell (D-Vt.)".into()),
                ("Ivo Berg".into(), "Gov. Ivo Berg (R)".into())
            ]
        );
        assert_eq!(
            spans("Ines Barrow, 61, of Carrow, Vt., said so."),
            vec![(
                "Ines Barrow".into(),
                "Ines Barrow, 61, of Carrow, Vt.".into()
            )]
        );
        assert_eq!(
            spans("Tomas Hale, of Linden, said so."),
            vec![("Tomas Hale".into(), "Tomas Hale, of Linden".into())]
        );
    }

    #[test]
    fn apposition_gives_the_role() {
        let m = mentions("Daniel Reyes, a spokesman for the Port Authority, said so.");
        assert_eq!(
            m[0],
            (
                "Daniel Reyes".into(),
                MentionKind::Person,
                role("spokesman for the Port Authority")
            )
        );
    }

    #[test]
    fn a_person_s_name_ends_before_for_and_an_organisation() {
        let m = mentions("Maria Vance for Harbor Polling wrote that turnout fell.");
        let names: Vec<&str> = m.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(names, ["Maria Vance"]);
        // A title or a party word before "of" is no first name: the title's phrase holds.
        let m = mentions("It was a blow to Republican Secretary of State Jon Husted.");
        assert_eq!(m[1].0, "Jon Husted");
        let m = mentions("The Center for Harbour Studies said so.");
        assert_eq!(m[0].0, "Center for Harbour Studies");
    }

    #[test]
    fn a_plural_title_before_names_is_a_role() {
        let m = mentions("Sens. Gail Varga and Ivo Tamsin pressed the bank.");
        assert_eq!(
            m[0],
            ("Gail Varga".into(), MentionKind::Person, role("Sens."))
        );
    }

    #[test]
    fn a_party_word_before_a_name_is_a_role() {
        let m = mentions("Republican Gail Varga said the vote was rigged.");
        assert_eq!(
            m[0],
            ("Gail Varga".into(), MentionKind::Person, role("Republican"))
        );
    }

    #[test]
    fn a_headline_in_title_case_names_no_one() {
        let m = mentions(
            "Ivo Tamsin wrote the column, Harbour Hero Opens Up About The Strike, on Monday.",
        );
        let names: Vec<&str> = m.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(names, ["Ivo Tamsin", "column"]);
        let m = mentions("The Bank of Norland and the Center for Harbour Studies agreed.");
        let names: Vec<&str> = m.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(names, ["Bank of Norland", "Center for Harbour Studies"]);
    }

    #[test]
    fn a_person_known_by_age_is_a_source_pronoun() {
        let m = mentions(
            "The 34-year-old mother of three replied. The 46-year-old said so. The 61-year-old \
             skipper says no. The 30-year-old bridge needs work.",
        );
        assert_eq!(
            m,
            vec![
                (
                    "The 34-year-old mother of three".into(),
                    MentionKind::Pronoun('f'),
                    None
                ),
                ("The 46-year-old".into(), MentionKind::Pronoun('a'), None),
                (
                    "The 61-year-old skipper".into(),
                    MentionKind::Pronoun('a'),
                    None
                ),
            ]
        );
    }

    #[test]
    fn names_inside_quotes_are_not_mentions() {
        let m = mentions("\"Ask Mr. Lee,\" she said.");
        assert_eq!(m, vec![("she".into(), MentionKind::Pronoun('f'), None)]);
    }
}
