//! Stage 4, statements: attributes content to sources.
//!
//! For every attribution cue outside quotations, finds its source (the mention before the cue,
//! past auxiliaries and a parenthetical — ", on the other hand," — or right after it: `"Q," said
//! X`) and its content: the quotation before (`"Q," X said`), the clause before (`S, X said`),
//! or what follows (`X said (that) S`, `X said: "Q"`, `X told reporters S`, `according to X, S`,
//! `as X put it, …`, `X denied it`). A quotation with no cue of its own continues the statement
//! next to it. Pronoun sources are resolved here, where their position is known. Hands on:
//! statements with their entity, cue, content and stance.

use crate::lexicon::{self, word, Frame, Gender};
use crate::list::Listed;
use crate::mentions::{Mention, MentionKind};
use crate::report::{SpeakerKind, Stance, StatementKind};
use crate::segment::Sentences;
use crate::speakers::Entities;
use crate::tokens::TokKind;
use std::ops::Range;

/// Words that join two clauses: reported content stops before one followed by a new cue ("X
/// said S and added T", "X admitted S, but denied T") or by a new source and its cue ("X said S,
/// while Y said T"); a cue right after one shares the sentence's source.
const CLAUSE_JOINERS: &[&str] = &["and", "but", "while", "whereas", "yet"];

/// A statement, in byte offsets.
#[derive(Debug, Clone)]
pub(crate) struct Attributed {
    pub entity: usize,
    /// The mention that is the source here.
    pub source: Option<usize>,
    pub kind: StatementKind,
    pub stance: Stance,
    pub cue: Range<usize>,
    pub content: Range<usize>,
    pub sentence: usize,
    /// For "X denied it / the report": the bare object, to be resolved to a claim.
    pub object: Option<Range<usize>>,
}

/// What a cue's frame finds in its sentence: the source mention and what it said.
#[derive(Debug)]
struct Found {
    source: usize,
    content: Range<usize>,
    kind: StatementKind,
    /// For "X denied it / the report": the bare object, to be resolved to a claim.
    object: Option<Range<usize>>,
}

/// A cue of the `say` family with its source, as [`Attributor::said`] finds them: what each
/// sentence shape looks at.
struct Said {
    /// The sentence's tokens.
    sent: Range<usize>,
    /// The cue's tokens.
    ct: Range<usize>,
    frame: Frame,
    /// The source mention.
    mi: usize,
    /// Source and cue together, either way round ("X said", "said X").
    cluster: Range<usize>,
    /// The cluster's start, moved back over the commas and dashes before it.
    before: usize,
    /// Where what the cue introduces may start: past an addressee ("told reporters"), an
    /// apposition and adjuncts ("on Monday").
    after: usize,
    /// The sentence's mentions.
    ms: Range<usize>,
}

/// A sentence shape's verdict on a cue: `None` when the sentence does not have that shape (the
/// next shape is tried), `Some` when it does, with what was found there (possibly nothing).
type Verdict = Option<Option<Found>>;

/// The kind of the statement a cue makes of what its frame found: a denial cue's indirect or
/// mixed content is a denial, and so is a contradicting cue's bare object.
fn kind_with_cue(kind: StatementKind, cue: lexicon::Cue, has_object: bool) -> StatementKind {
    let denies =
        cue.frame == Frame::Deny && cue.stance == Stance::Denies && kind != StatementKind::Direct;
    let contradicts_object = cue.stance == Stance::Contradicts && has_object;
    if denies || contradicts_object {
        StatementKind::Denial
    } else {
        kind
    }
}

/// Whether a word, after a denial verb, stands for a claim made elsewhere: "it", "this",
/// "that", or a claim noun ("the report", "the union's account").
fn is_claim_object(w: &str) -> bool {
    is_claim_pronoun(w) || lexicon::get().is_claim_noun(w)
}

/// A pronoun standing for a claim made elsewhere: "denied it".
fn is_claim_pronoun(w: &str) -> bool {
    lexicon::one_of(w, "it this that")
}

/// The token of a word standing for a claim made elsewhere at the start of `after` (past
/// determiners and a possessor: "it", "the report", "the union's account"), if there is one.
/// "that" opening a clause ("denied that it …") is no such word.
pub(crate) fn claim_object(s: &Sentences, after: Range<usize>) -> Option<usize> {
    let lx = lexicon::get();
    let word = |i: usize| i < after.end && s.tokens[i].kind == TokKind::Word;
    let mut o = after.start;
    // "that argument", "this account": a demonstrative before a claim noun is its determiner.
    let demonstrative = |o: usize| {
        lexicon::one_of(s.lower(o), "that this") && word(o + 1) && lx.is_claim_noun(s.lower(o + 1))
    };
    while word(o) && (lx.is_claim_determiner(s.lower(o)) || demonstrative(o)) {
        o += 1;
    }
    // A possessor before the noun: "the union's account", "Ms. Delgado's claims".
    if let Some(p) = (o..after.end.min(o + 5)).find(|&p| s.tokens[p].kind == TokKind::Possessive) {
        if word(p + 1) && is_claim_object(s.lower(p + 1)) {
            o = p + 1;
        }
    }
    let clause_that = |o: usize| s.lower(o) == "that" && word(o + 1);
    (word(o) && is_claim_object(s.lower(o)) && !clause_that(o)).then_some(o)
}

/// Whether a statement puts forward or answers a claim — something that can be disputed: any
/// asserting statement; a denial or challenge of a word standing for a claim ("denied it"), of a
/// quotation, or of a clause ("denied that …", "rejected claims the mill was polluting"). A
/// denial verb whose object is a plain thing is an act: "rejected the amendment 52–48",
/// "contested the seat", "were denied a penalty".
pub(crate) fn names_a_claim(s: &Sentences, st: &Attributed) -> bool {
    if st.stance == Stance::Asserts || st.object.is_some() || st.content.start < st.cue.end {
        return true;
    }
    let near = s.sentences[st.sentence].tokens.clone();
    let a = s.token_partition(near.clone(), |t| t.end() <= st.content.start);
    let b = s.token_partition(near, |t| t.start() < st.content.end);
    if (a..b).any(|i| s.quote_of.at(i).is_some()) {
        return true;
    }
    // A clause: opened by "that" or "whether" (before the content, where trimming left it), or
    // with an auxiliary among its first words ("denied he had lied").
    let opener = a > 0 && lexicon::one_of(s.lower(a - 1), "that whether");
    opener
        || lexicon::one_of(s.lower(a), "that whether")
        || (a..b.min(a + 7)).any(|i| s.info[i].has(word::AUX) && s.lower(i) != "also")
}

/// Attributes the statements of every sentence, in text order.
pub(crate) fn attribute(
    s: &Sentences,
    mentions: &[Mention],
    entities: &Entities,
) -> Vec<Attributed> {
    let mut a = Attributor {
        s,
        mentions,
        entities,
        out: Vec::new(),
        continued_by: continued_by(&s.quotes),
        cue_toks: Vec::new(),
        mention_counts: mention_counts(entities),
    };
    for (si, ms) in crate::mentions::by_sentence(mentions, s.sentences.len()).enumerate() {
        a.sentence(si, ms);
    }
    a.quotes_without_cues();
    crate::sort::sort_by_key(&mut a.out, |x| (x.content.start, x.content.end));
    a.out
}

/// Whether the words from `k` (right after a naming cue) are an object and what it is called:
/// an object pronoun and a word that is no preposition ("called it a common ailment", "called
/// him reckless"), or a noun phrase followed by "a"/"an" that no preposition governs ("called
/// the meeting a success", "called Oz a quack"); not "called the police", "called him to the
/// stage".
pub(crate) fn names_in_small_clause(s: &Sentences, k: usize, end: usize) -> bool {
    let word = |i: usize| i < end && s.tokens[i].kind == TokKind::Word;
    if !word(k) {
        return false;
    }
    if lexicon::one_of(s.lower(k), "him her it them himself herself") {
        return word(k + 1)
            && !s.info[k + 1].has(word::PREPOSITION | word::CUE)
            && !lexicon::one_of(s.lower(k + 1), "to and or back up out");
    }
    (k + 1..end.min(k + 12))
        .take_while(|&i| word(i) || s.tokens[i].kind == TokKind::Possessive)
        .any(|i| {
            lexicon::one_of(s.lower(i), "a an")
                && !s.info[i - 1].has(word::PREPOSITION | word::DETERMINER | word::AUX)
                && !lexicon::one_of(s.lower(i - 1), "to and or as")
        })
}

/// Whether a particle after a cue makes it another verb: "showed up at the debate", "called
/// up the reserves".
pub(crate) fn particle_after(s: &Sentences, cue_end: usize) -> bool {
    cue_end < s.tokens.len() && s.tokens[cue_end].kind == TokKind::Word && s.lower(cue_end) == "up"
}

/// How many mentions each entity has.
fn mention_counts(entities: &Entities) -> Vec<u32> {
    let mut n = vec![0u32; entities.list.len()];
    for e in entities.of_mention.iter().flatten() {
        n[*e] += 1;
    }
    n
}

/// For each quotation, the first quotation that continues it.
fn continued_by(quotes: &[crate::quotes::Quote]) -> Vec<Option<usize>> {
    let mut by = vec![None; quotes.len()];
    for (x, q) in quotes.iter().enumerate() {
        if let Some(p) = q.continues {
            if let Some(slot) = by.get_mut(p) {
                slot.get_or_insert(x);
            }
        }
    }
    by
}

/// Answers "does some statement's content contain this range?" in logarithmic time.
struct Containment {
    /// Content ranges sorted by start, and the largest end among each prefix.
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl Containment {
    fn new(out: &[Attributed]) -> Containment {
        let mut r: Vec<(usize, usize)> = out
            .iter()
            .map(|st| (st.content.start, st.content.end))
            .listed();
        crate::sort::sort(&mut r);
        let mut max_end = Vec::with_capacity(r.len());
        let mut m = 0;
        for &(_, e) in &r {
            m = m.max(e);
            max_end.push(m);
        }
        Containment {
            starts: r.iter().map(|x| x.0).listed(),
            max_end,
        }
    }

    /// Whether some content range `c` has `c.start <= r.start && r.end <= c.end`.
    fn contains(&self, r: &Range<usize>) -> bool {
        let n = self.starts.partition_point(|&s| s <= r.start);
        n > 0 && self.max_end[n - 1] >= r.end
    }
}

struct Attributor<'a, 'b> {
    s: &'b Sentences<'a>,
    mentions: &'b [Mention],
    entities: &'b Entities,
    out: Vec<Attributed>,
    /// See [`continued_by`].
    continued_by: Vec<Option<usize>>,
    /// The tokens of the cues of the sentence being read, outside quotations.
    cue_toks: Vec<Range<usize>>,
    /// How many mentions each entity has.
    mention_counts: Vec<u32>,
}

impl<'a, 'b> Attributor<'a, 'b> {
    fn word(&self, i: usize) -> &'a str {
        self.s.word(i)
    }

    fn lower(&self, i: usize) -> &'b str {
        self.s.lower(i)
    }

    fn kind(&self, i: usize) -> TokKind {
        self.s.tokens[i].kind
    }

    fn bytes(&self, t: Range<usize>) -> Range<usize> {
        self.s.tokens[t.start].start()..self.s.tokens[t.end - 1].end()
    }

    /// Token index range of a byte range (tokens wholly inside it).
    fn tokens_of(&self, r: &Range<usize>, within: Range<usize>) -> Range<usize> {
        let toks = &self.s.tokens[within.clone()];
        let a = within.start + toks.partition_point(|t| t.start() < r.start);
        let b = within.start + toks.partition_point(|t| t.end() <= r.end);
        a..b.max(a)
    }

    fn sentence(&mut self, si: usize, ms: Range<usize>) {
        let sent = self.s.sentences[si].clone();
        let cues = &self.s.cues[sent.cues.clone()];
        let mut claimed: Vec<Range<usize>> = Vec::new();
        self.cue_toks = cues
            .iter()
            .map(|(r, _)| self.tokens_of(r, sent.tokens.clone()))
            .filter(|ct| !ct.is_empty() && self.s.quote_of.at(ct.start).is_none())
            .listed();
        let before = self.out.len();
        for (r, cue) in cues.iter().cloned() {
            let ct = self.tokens_of(&r, sent.tokens.clone());
            if ct.is_empty() || self.s.quote_of.at(ct.start).is_some() {
                continue;
            }
            if claimed.iter().any(|c| c.start <= r.start && r.end <= c.end) {
                continue;
            }
            let found = match cue.frame {
                Frame::According => self.according(si, ct.clone(), &ms),
                Frame::PutIt => self.put_it(si, ct.clone(), &ms),
                Frame::Noun => self.noun(si, ct.clone(), &ms),
                _ => self.say(si, ct.clone(), &ms, cue),
            };
            let Some(found) = found else { continue };
            let Some(entity) = self.entity_of(found.source) else {
                continue;
            };
            claimed.push(found.content.start.min(r.start)..found.content.end.max(r.end));
            self.out.push(Attributed {
                entity,
                source: Some(found.source),
                kind: kind_with_cue(found.kind, cue, found.object.is_some()),
                stance: cue.stance,
                cue: r,
                content: found.content,
                sentence: si,
                object: found.object,
            });
        }
        if self.out.len() == before {
            self.colon_turn(si);
        }
        if self.out.len() == before {
            self.colon_quote(si, &ms);
        }
        if self.out.len() == before {
            self.dash_credit(si, &ms);
        }
        if self.out.len() == before {
            self.quote_then_verb(si, &ms);
        }
    }

    /// "“Quiet,” he demanded.", "“France is no longer France,” Ruiz claimed.": a quotation
    /// closed right before a source and a past-tense verb that ends the clause is what the
    /// source said, whatever the verb (the lexicons cannot list every "barked", "surmised");
    /// a verb of the cue lexicon is left to its frame ("He wrote “Who pays?” Ida Sand asked.").
    fn quote_then_verb(&mut self, si: usize, ms: &Range<usize>) {
        let sent = self.s.sentences[si].tokens.clone();
        let found = ms.clone().find_map(|mi| {
            let m = &self.mentions[mi];
            let (k, v) = (m.tokens.start, m.tokens.end);
            // (A quotation ending in "?" or "!" closes the sentence before: "“Why?” Ruiz
            // demanded.")
            if k == 0 || v + 1 >= sent.end || m.possessive || m.kind == MentionKind::Place {
                return None;
            }
            let q = self.s.quote_of.at(k - 1)? as usize;
            let quote = &self.s.quotes[q];
            let verb = self.lower(v);
            let ends_clause = matches!(self.kind(v + 1), TokKind::Punct('.' | ','));
            (quote.closed
                && quote.tokens.end == k
                && self.kind(v) == TokKind::Word
                && self.s.info[v].has(word::LOWER_INITIAL)
                && !self.s.info[v].has(word::AUX | word::PREPOSITION | word::STOPWORD | word::CUE)
                && verb.len() > 4
                && verb.ends_with("ed")
                && ends_clause)
                .then_some((mi, q, v))
        });
        let Some((mi, q, v)) = found else { return };
        let content = self.quote_bytes(self.s.quotes[q].tokens.clone());
        self.credit_quote(si, mi, v, content);
    }

    /// A quotation (`content`) credited to the source mention `mi` by the token `cue` (a dash,
    /// a verb), unless a recent statement already holds it.
    fn credit_quote(&mut self, si: usize, mi: usize, cue: usize, content: Range<usize>) {
        let Some(entity) = self.entity_of(mi) else {
            return;
        };
        if self
            .out
            .iter()
            .rev()
            .take(RECENT_STATEMENTS)
            .any(|st| st.content.start < content.end && content.start < st.content.end)
        {
            return;
        }
        self.out.push(Attributed {
            entity,
            source: Some(mi),
            kind: StatementKind::Direct,
            stance: Stance::Asserts,
            cue: self.bytes(cue..cue + 1),
            content,
            sentence: si,
            object: None,
        });
    }

    /// "“Q” ― Ana Ruiz": a quotation credited by a dash and a name that close the sentence, as
    /// vox pops, epigraphs and pull quotes are; a run of them ("“Q” ― Ana Ruiz “R” ― Bo Lind")
    /// credits each.
    fn dash_credit(&mut self, si: usize, ms: &Range<usize>) {
        let sent = self.s.sentences[si].tokens.clone();
        for dash in sent.start.max(1)..sent.end {
            if matches!(self.kind(dash), TokKind::Punct('—' | '–'))
                && self.s.quote_of.at(dash).is_none()
                && matches!(self.kind(dash - 1), TokKind::Quote(_))
                && self.s.quote_of.at(dash - 1).is_some()
            {
                self.credit_after_dash(si, ms, dash);
            }
        }
    }

    /// The statement of [`Self::dash_credit`] for one dash, if a name closes it.
    fn credit_after_dash(&mut self, si: usize, ms: &Range<usize>, dash: usize) {
        let sent = self.s.sentences[si].tokens.clone();
        let Some(mi) = self.mention_starting(ms, dash + 1) else {
            return;
        };
        let m = &self.mentions[mi];
        let closes = (m.tokens.end..sent.end).all(|i| matches!(self.kind(i), TokKind::Punct(_)))
            || self.final_apposition(m.tokens.end, sent.end).is_some()
            || (m.tokens.end < sent.end)
                .then(|| self.s.quote_of.at(m.tokens.end))
                .flatten()
                .is_some_and(|q| self.s.quotes[q as usize].tokens.start == m.tokens.end);
        if !closes || m.possessive || matches!(m.kind, MentionKind::Place | MentionKind::Pronoun(_))
        {
            return;
        }
        let q = &self.s.quotes[self.s.quote_of.at(dash - 1).unwrap_or(0) as usize];
        let content = q.range.clone();
        self.credit_quote(si, mi, dash, content);
    }

    /// The speaker's name of a paragraph that opens with one and a colon, past an opening
    /// quotation mark — a transcript's turn ("HANSEN: Let's start …") or a headline's source
    /// ("Ivo Morel: Ferry Tax Will Pass", "Morel: …") — given the paragraph's first token: the name's mention
    /// and the colon's token.
    fn turn_label(&self, first: usize) -> Option<(usize, usize)> {
        let start = first + usize::from(matches!(self.kind(first), TokKind::Quote(_)));
        let mi = self.mentions.partition_point(|m| m.tokens.start < start);
        let m = self.mentions.get(mi).filter(|m| m.tokens.start == start)?;
        let colon = m.tokens.end;
        // A lone surname labels only the headline ("Morel: Ferry Tax Will Pass"); within the
        // article it is as often a section's title or an interviewer's "Q:".
        let headline = self
            .s
            .blocks
            .first()
            .is_some_and(|b| b.tokens.start == first);
        let named = !m.possessive
            && match m.kind {
                MentionKind::Person | MentionKind::Organisation | MentionKind::Group => true,
                MentionKind::Name => headline && m.tokens.len() == 1 && self.word(start).len() > 1,
                _ => false,
            };
        (named && colon < self.s.tokens.len() && self.kind(colon) == TokKind::Punct(':'))
            .then_some((mi, colon))
    }

    /// A paragraph opened by a speaker's name and a colon ([`Self::turn_label`]) is that
    /// speaker's, to its end; a transcript's turn is a direct quotation even where the paragraph
    /// does not close its quotation mark.
    fn colon_turn(&mut self, si: usize) {
        let sent = self.s.sentences[si].tokens.clone();
        let block = self.s.blocks[self.s.sentences[si].block].tokens.clone();
        if block.start != sent.start {
            return;
        }
        let Some((mi, colon)) = self.turn_label(block.start) else {
            return;
        };
        let t = self.trim(colon + 1..block.end);
        let words = t.clone().filter(|&i| self.kind(i) == TokKind::Word).count();
        if words < 3 {
            return;
        }
        let Some(entity) = self.entity_of(mi) else {
            return;
        };
        let quoted = self.s.quote_of.at(block.start).is_some();
        // Outside a transcript's quotation, a label is a speaker the article names elsewhere;
        // else it is a title ("Little Relief for Refugees: …", "CLARIFICATION: …").
        if !quoted && self.mention_counts[entity] < 2 {
            return;
        }
        let kind = if quoted {
            StatementKind::Direct
        } else {
            self.kind_of(t.clone())
        };
        self.out.push(Attributed {
            entity,
            source: Some(mi),
            kind,
            stance: Stance::Asserts,
            cue: self.bytes(colon..colon + 1),
            content: self.bytes(t),
            sentence: si,
            object: None,
        });
    }

    /// "Mayor Ann Lee was blunt: \"Q\"", "The statement from Velmar read: \"Q\"": a sentence
    /// with no statement whose quotation follows a colon, early in the sentence, after a
    /// mention; the mention is the source and the words between it and the colon the cue.
    fn colon_quote(&mut self, si: usize, ms: &Range<usize>) {
        let sent = self.s.sentences[si].tokens.clone();
        let Some(colon) = (sent.start..sent.end)
            .find(|&i| self.kind(i) == TokKind::Punct(':') && self.s.quote_of.at(i).is_none())
        else {
            return;
        };
        let Some(content) = self.quote_following(colon + 1, sent.end) else {
            return;
        };
        let speaks = |mi: &usize| {
            let m = &self.mentions[*mi];
            m.tokens.end <= colon && !m.possessive && m.kind != MentionKind::Place
        };
        // A name right before the colon is who speaks, wherever the colon stands ("Polls erred
        // in Lund - Ana Ruiz: “Q”", "… doesn't surprise the pollster Ana Ruiz: “Q”"); else
        // the first mention before a colon early in the sentence.
        // Not the object of a preposition ("wrote to Ana Ruiz: “Q”"), and only a person
        // unless a dash sets the name apart ("a blunt message to the council: “Q”").
        let adjacent = ms.clone().filter(speaks).find(|&mi| {
            let m = &self.mentions[mi];
            let p = m.tokens.start;
            m.tokens.end == colon
                && (p == sent.start
                    || matches!(self.kind(p - 1), TokKind::Punct('-' | '—' | '–'))
                    || matches!(m.kind, MentionKind::Person | MentionKind::Name)
                        && self.kind(p - 1) == TokKind::Word
                        && !self.s.info[p - 1].has(word::PREPOSITION))
        });
        let early = colon < sent.start + 14;
        let Some(mi) = adjacent.or_else(|| ms.clone().find(speaks).filter(|_| early)) else {
            return;
        };
        let Some(entity) = self.entity_of(mi) else {
            return;
        };
        let m_end = self.mentions[mi].tokens.end;
        let cue = if m_end < colon {
            self.bytes(m_end..colon)
        } else {
            self.bytes(colon..colon + 1)
        };
        self.out.push(Attributed {
            entity,
            source: Some(mi),
            kind: StatementKind::Direct,
            stance: Stance::Asserts,
            cue,
            content,
            sentence: si,
            object: None,
        });
    }

    /// The quotation a colon introduces, starting at token `at`: one that runs to the end of
    /// the sentence, or, when the colon closes its paragraph, one opening the next paragraph.
    fn quote_following(&self, at: usize, end: usize) -> Option<Range<usize>> {
        if at < end {
            let q = &self.s.quotes[self.s.quote_of.at(at)? as usize];
            let ends_sentence = q.tokens.end >= end - 1 || self.trim(q.tokens.end..end).is_empty();
            return (q.tokens.start == at && ends_sentence)
                .then(|| self.quote_bytes(q.tokens.clone()));
        }
        // Blocks are in token order: search, not scan (one "X said:" per paragraph of a long
        // article would make a scan quadratic).
        let block = self.s.blocks.partition_point(|b| b.tokens.end < at);
        if self.s.blocks.get(block)?.tokens.end != at {
            return None;
        }
        let next = self.s.blocks.get(block + 1)?;
        let first = next.tokens.start;
        let q = &self.s.quotes[self.s.quote_of.get(first)?? as usize];
        // ("Partial transcript as follows:" opens turns, each its speaker's.)
        (q.tokens.start == first && self.turn_label(first).is_none())
            .then(|| self.quote_bytes(q.tokens.clone()))
    }

    /// Whether a cue starts at token `i` of the sentence being read.
    fn cue_at(&self, i: usize) -> bool {
        self.cue_toks.iter().any(|c| c.start == i)
    }

    /// Where a second clause with its own cue starts, if a joiner opens one at `i`: "and
    /// (also) added …", ", but denied …", ", while local officials said …".
    fn opens_cued_clause(&self, i: usize, end: usize, ms: &Range<usize>) -> bool {
        if self.kind(i) != TokKind::Word
            || self.s.quote_of.at(i).is_some()
            || !CLAUSE_JOINERS.contains(&self.lower(i))
        {
            return false;
        }
        let adverb = |j: usize| j < end && self.s.info[j].has(word::AUX);
        if self.cue_at(i + 1) || (adverb(i + 1) && self.cue_at(i + 2)) {
            return true;
        }
        self.source_and_cue_at(i + 1, end, ms)
    }

    /// Whether a new source and its cue start at token `i`: "Mr. Barrett said", "local officials
    /// (also) said".
    fn source_and_cue_at(&self, i: usize, end: usize, ms: &Range<usize>) -> bool {
        let Some(mi) = self.mention_starting(ms, i) else {
            return false;
        };
        let m_end = self.mentions[mi].tokens.end;
        let adverb = |j: usize| j < end && self.s.info[j].has(word::AUX);
        self.cue_at(m_end) || (adverb(m_end) && self.cue_at(m_end + 1))
    }

    /// The mention (index) whose tokens end at `end` in this sentence, if any.
    fn mention_ending(&self, ms: &Range<usize>, end: usize) -> Option<usize> {
        ms.clone().rev().find(|&mi| {
            let m = &self.mentions[mi];
            m.tokens.end == end && !m.possessive && m.kind != MentionKind::Place
                || m.tokens.end == end && m.kind == MentionKind::Place
        })
    }

    fn mention_starting(&self, ms: &Range<usize>, start: usize) -> Option<usize> {
        ms.clone().find(|&mi| {
            let m = &self.mentions[mi];
            m.tokens.start == start || (m.tokens.start == start + 1 && self.lower(start) == "the")
        })
    }

    /// The mention right after an inverted cue (`"Q," said X`), past a few lower-case words or
    /// numbers that qualify it: "said 9/11 widow Terry Strada", "said longtime tenant Ann Lee".
    fn mention_after_cue(&self, ms: &Range<usize>, at: usize) -> Option<usize> {
        let first = self.mention_starting(ms, at);
        // "noted NBC's Dante Chinni": the person the possessor qualifies.
        if let Some(mi) = first.filter(|&mi| self.mentions[mi].possessive) {
            let after = self.mentions[mi].tokens.end + 1;
            return self.mention_starting(ms, after).or(Some(mi));
        }
        first.or_else(|| {
            let mi = ms.clone().find(|&mi| self.mentions[mi].tokens.start > at)?;
            let start = self.mentions[mi].tokens.start;
            let qualifier = |i: usize| match self.kind(i) {
                TokKind::Number | TokKind::Punct('/' | '-') => true,
                // "said of Mrs. Clinton's plan": what follows a preposition is a topic.
                TokKind::Word => {
                    self.s.info[i].has(word::LOWER_INITIAL)
                        && !self.s.info[i].has(word::PREPOSITION)
                }
                _ => false,
            };
            (start <= at + 4 && (at..start).all(qualifier)).then_some(mi)
        })
    }

    /// Entity of a source mention, resolving pronouns.
    fn entity_of(&self, mi: usize) -> Option<usize> {
        match self.mentions[mi].kind {
            MentionKind::Pronoun(p) => self.antecedent(mi, p),
            _ => self.entities.of_mention[mi],
        }
    }

    /// The entity a source pronoun refers to (see [`antecedent`]).
    fn antecedent(&self, mi: usize, p: char) -> Option<usize> {
        antecedent(self.mentions, self.entities, &self.out, mi, p)
    }

    /// What a frame found: `content` said by mention `source`, if there is any content.
    fn found(&self, source: usize, content: Range<usize>, kind: StatementKind) -> Option<Found> {
        (!content.is_empty()).then_some(Found {
            source,
            content,
            kind,
            object: None,
        })
    }

    fn kind_of(&self, t: Range<usize>) -> StatementKind {
        kind_of(self.s, t)
    }

    fn trim(&self, t: Range<usize>) -> Range<usize> {
        trim(self.s, t)
    }

    /// "According to X, S" / "S, according to X" / "That, according to X, …".
    fn according(&self, si: usize, ct: Range<usize>, ms: &Range<usize>) -> Option<Found> {
        let sent = self.s.sentences[si].tokens.clone();
        let mut mi = self.mention_starting(ms, ct.end)?;
        // "according to the nonpartisan Budget Office", "according to the event organizer
        // Open Schools Alliance": lower-case words before a name describe it; the name is the
        // source.
        // (Mentions are in text order: the one right after it is the next.)
        let next = mi + 1;
        if next < ms.end
            && self.s.info[self.mentions[mi].tokens.start].has(word::LOWER_INITIAL)
            && self.mentions[next].tokens.start == self.mentions[mi].tokens.end
            && matches!(
                self.mentions[next].kind,
                MentionKind::Organisation | MentionKind::Name | MentionKind::Person
            )
        {
            mi = next;
        }
        let m = &self.mentions[mi];
        let mut after = m.tokens.end;
        // An apposition after the source: skip to its closing comma.
        if self.role_apposition_end(after, sent.end).is_some() {
            after = self.role_apposition_end(after, sent.end).unwrap_or(after);
        }
        let opener = (sent.start..ct.start).all(|i| {
            matches!(self.kind(i), TokKind::Punct(_))
                || lexicon::one_of(self.lower(i), "but and yet so")
        });
        let content = if opener {
            self.trim(after..sent.end)
        } else {
            // "S, according to X, T": what was said is S. What comes after the source is
            // mostly the writer's (", higher than in any year on record", ", even as …", ", who
            // ran …"); taking the whole sentence also took the cue and its source, the
            // annotated news never does (content that goes on after the source is rarer).
            let mut words = (sent.start..ct.start).filter(|&i| self.kind(i) == TokKind::Word);
            let demonstrative = matches!((words.next(), words.next()), (Some(w), None) if matches!(self.lower(w), "that" | "this" | "it"));
            if demonstrative {
                return self
                    .antecedent_content(si)
                    .and_then(|c| self.found(mi, c, StatementKind::Indirect));
            }
            self.trim(sent.start..ct.start)
        };
        if content.is_empty() {
            return None;
        }
        let kind = self.kind_of(content.clone());
        self.found(mi, self.bytes(content), kind)
    }

    /// Where a demonstrative points: the unattributed sentences before it in its paragraph, or
    /// the whole previous paragraph when the sentence opens its own.
    fn antecedent_content(&self, si: usize) -> Option<Range<usize>> {
        let sent = &self.s.sentences[si];
        let prev = self.s.sentences.get(si.checked_sub(1)?)?;
        // While sentences are read, statements are found in sentence order.
        let attributed = |x: usize| {
            let k = self.out.partition_point(|st| st.sentence < x);
            self.out.get(k).is_some_and(|st| st.sentence == x)
        };
        let mut first = si - 1;
        while first > 0
            && self.s.sentences[first - 1].block == prev.block
            && !attributed(first - 1)
            && (prev.block != sent.block || self.s.sentences[first - 1].block == sent.block)
        {
            first -= 1;
        }
        if attributed(first) {
            return None;
        }
        let start = self.s.sentences[first].tokens.start;
        let t = self.trim(start..prev.tokens.end);
        (!t.is_empty()).then(|| self.bytes(t))
    }

    /// "As X put it, …".
    fn put_it(&self, si: usize, ct: Range<usize>, ms: &Range<usize>) -> Option<Found> {
        let sent = self.s.sentences[si].tokens.clone();
        let mi = self.mention_ending(ms, ct.start)?;
        let m = &self.mentions[mi];
        let lead = self.s.sentences[si]
            .tokens
            .start
            .max(m.tokens.start.saturating_sub(4))..m.tokens.start;
        if !lead.clone().any(|i| self.lower(i) == "as") {
            return None;
        }
        let content = self.trim(ct.end..sent.end);
        let kind = self.kind_of(content.clone());
        self.found(mi, self.bytes(content), kind)
    }

    /// "X is unanimous in its verdict on S": the subject's own judgement.
    fn noun(&self, si: usize, ct: Range<usize>, ms: &Range<usize>) -> Option<Found> {
        let sent = self.s.sentences[si].tokens.clone();
        if ct.start == sent.start || !lexicon::get().is_possessive(self.lower(ct.start - 1)) {
            return None;
        }
        let mi = ms.clone().rev().find(|&mi| {
            let m = &self.mentions[mi];
            m.tokens.end < ct.start && lexicon::one_of(self.lower(m.tokens.end), "is are was were")
        })?;
        let start = self.mentions[mi].tokens.end + 1;
        let end = (ct.end..sent.end)
            .find(|&i| matches!(self.kind(i), TokKind::Punct(',' | ';')))
            .unwrap_or(sent.end);
        let content = self.trim(start..end);
        self.found(mi, self.bytes(content), StatementKind::Indirect)
    }

    /// If an apposition (", a spokesman for the agency,") starts at `at`, the token after it.
    fn role_apposition_end(&self, at: usize, end: usize) -> Option<usize> {
        if at >= end || self.kind(at) != TokKind::Punct(',') {
            return None;
        }
        let close = (at + 1..end.min(at + 14)).find(|&i| self.kind(i) == TokKind::Punct(','))?;
        let first = self.lower(at + 1);
        let title = self.s.info[at + 1].has(word::TITLE);
        (title || lexicon::get().opens_apposition(first)).then_some(close + 1)
    }

    /// An apposition closing the sentence: "…, said Owen Fraser, a scientist at the bureau."
    fn final_apposition(&self, at: usize, end: usize) -> Option<usize> {
        if at >= end || self.kind(at) != TokKind::Punct(',') || at + 1 >= end {
            return None;
        }
        let first = self.lower(at + 1);
        let clean = (at + 1..end).all(|i| {
            matches!(
                self.kind(i),
                TokKind::Word
                    | TokKind::Possessive
                    | TokKind::Number
                    | TokKind::Punct('.' | '!' | '?')
            )
        });
        (lexicon::get().opens_final_apposition(first) && clean && end - at <= 14).then_some(end)
    }

    /// The mention a source mention qualifies, if it is the object of a preposition after one:
    /// "a spokeswoman for the agency", "a lawyer for Mr. Reyes". The source stays the one named
    /// (the agency); the pair together stands before the cue ("S, a spokeswoman for the agency
    /// said").
    fn head_of(&self, ms: &Range<usize>, mi: usize) -> usize {
        let mut p = self.mentions[mi].tokens.start;
        if p > 0 && self.lower(p - 1) == "the" {
            p -= 1;
        }
        if p < 2 || !lexicon::one_of(self.lower(p - 1), "for of at with") {
            return mi;
        }
        self.mention_ending(ms, p - 1)
            .filter(|&h| {
                matches!(
                    self.mentions[h].kind,
                    MentionKind::Anonymous | MentionKind::Role
                )
            })
            .unwrap_or(mi)
    }

    /// Who speaks when the mention before a cue ends a phrase qualifying another one: the
    /// head, when the mention is a place ("the mayor of Dunmere said", "prosecutors in Carrow
    /// and Dunmere say", "a spokesman in Carrow said") or a person is qualified by where they
    /// work ("Fiel of the Harbour Trust said", "a researcher at Kestrel said"). Otherwise the
    /// mention itself (and "a spokeswoman for the agency" stays the agency's).
    fn speaker_of_phrase(&self, ms: &Range<usize>, mi: usize) -> usize {
        let m = &self.mentions[mi];
        let with_the = |p: usize| {
            if p > 0 && self.lower(p - 1) == "the" {
                p - 1
            } else {
                p
            }
        };
        let mut p = with_the(m.tokens.start);
        // "in Carrow and Dunmere": back over the places listed before.
        while p >= 2 && lexicon::one_of(self.lower(p - 1), "and or") {
            match self.mention_ending(ms, p - 1) {
                Some(x) if self.mentions[x].kind == MentionKind::Place => {
                    p = with_the(self.mentions[x].tokens.start)
                }
                _ => break,
            }
        }
        if p < 2 {
            return mi;
        }
        let prep = self.lower(p - 1);
        if !lexicon::one_of(prep, "of in at from for") {
            return mi;
        }
        let Some(h) = self.mention_ending(ms, p - 1).filter(|&h| {
            self.mentions[h].kind != MentionKind::Place && !self.mentions[h].possessive
        }) else {
            return mi;
        };
        let place = m.kind == MentionKind::Place;
        let named_where = prep != "for"
            && matches!(m.kind, MentionKind::Organisation | MentionKind::Name)
            && match self.mentions[h].kind {
                // "an analyst at the bank": someone unnamed who works there, not its voice.
                MentionKind::Person | MentionKind::Name | MentionKind::Anonymous => true,
                MentionKind::Role | MentionKind::Group => m.kind == MentionKind::Name,
                _ => false,
            };
        if place || named_where {
            h
        } else {
            mi
        }
    }

    /// The source before a cue: skips auxiliaries, adverbs in "-ly" when `adverbs` (a denial:
    /// "has vigorously denied"), and one comma-enclosed parenthetical (", on the other hand,",
    /// ", a spokesman for X,").
    fn source_before(
        &self,
        ms: &Range<usize>,
        cue_start: usize,
        sent_start: usize,
        adverbs: bool,
    ) -> Option<usize> {
        let mut k = self.continuing(cue_start, sent_start).unwrap_or(cue_start);
        let mut skipped_paren = false;
        loop {
            if let Some(mi) = self.mention_ending(ms, k) {
                return Some(mi);
            }
            if k <= sent_start {
                return None;
            }
            let p = k - 1;
            match self.kind(p) {
                // "has said"; with `adverbs`, "has vigorously denied".
                TokKind::Word
                    if self.s.info[p].has(word::AUX) || adverbs && is_adverb(self.s, p) =>
                {
                    k = p
                }
                // "in 2001", "on Monday"
                TokKind::Number | TokKind::Word
                    if p > sent_start
                        && lexicon::one_of(self.lower(p - 1), "in on last")
                        && (self.kind(p) == TokKind::Number || self.word(p).ends_with("day")) =>
                {
                    k = p - 1
                }
                // "His lawyer, Beatrix Molnar, said": the name closes its apposition.
                TokKind::Punct(',')
                    if self
                        .mention_ending(ms, p)
                        .is_some_and(|mi| self.mentions[mi].described) =>
                {
                    return self.mention_ending(ms, p);
                }
                // One parenthetical: a relative clause set off by commas or dashes, reached back
                // over the commas inside it ("Ana Ruiz, who lost her house in Carrow, Vermont,
                // in 2012, said", "Tom Berg — who once said S — said"); else the words back to
                // the comma before (", on the other hand,").
                kind @ TokKind::Punct(_)
                    if !skipped_paren && (kind == TokKind::Punct(',') || kind.is_dash()) =>
                {
                    let open = match self.relative_aside(ms, p, sent_start) {
                        Some(open) => open,
                        None if kind == TokKind::Punct(',') => {
                            let open = (sent_start.max(p.saturating_sub(24))..p)
                                .rev()
                                .find(|&i| self.kind(i) == TokKind::Punct(','))?;
                            if self.s.quote_of.at(open).is_some() {
                                return None;
                            }
                            open
                        }
                        None => return None,
                    };
                    skipped_paren = true;
                    k = open;
                }
                _ => return None,
            }
        }
    }

    /// Where a relative clause that closes at token `close` (a comma or a dash) opens, when a
    /// mention ends right before it: the comma or dash before a relative pronoun ("who",
    /// "which"), at most 40 tokens back, outside quotations, of the same kind as `close` (a
    /// dash pairs with a dash).
    fn relative_aside(&self, ms: &Range<usize>, close: usize, sent_start: usize) -> Option<usize> {
        let closing = self.kind(close);
        let open = (sent_start.max(close.saturating_sub(40))..close)
            .rev()
            .find(|&i| {
                closing.closes(self.kind(i))
                    && self.s.quote_of.at(i).is_none()
                    && i + 1 < close
                    && is_relative(self.s, i + 1)
            })?;
        self.mention_ending(ms, open).map(|_| open)
    }

    /// A cue of the `say` family (say, tell, add, deny): finds the source next to the cue, then
    /// tries each sentence shape in turn; the first that fits decides. A passive denial's
    /// source is its agent ([`Self::denied_by`]).
    fn say(
        &self,
        si: usize,
        ct: Range<usize>,
        ms: &Range<usize>,
        cue: lexicon::Cue,
    ) -> Option<Found> {
        let frame = cue.frame;
        let sent = self.s.sentences[si].tokens.clone();
        // "was rejected by X"; "was questioned by police" is no challenge.
        if frame == Frame::Deny
            && matches!(cue.stance, Stance::Denies | Stance::Contradicts)
            && is_passive(self.s, ct.start, sent.start)
        {
            return self.denied_by(sent, ct, ms);
        }
        if self.is_blocked(ct.start, sent.start) || particle_after(self.s, ct.end) {
            return None;
        }
        let at = self.said(sent, ct, ms, frame)?;
        match frame {
            Frame::Name => return self.named_as(&at),
            Frame::Quote => {
                return self
                    .quote_before(&at)
                    .or_else(|| self.quote_after(&at))
                    .or_else(|| self.shouted_quote(&at))?
            }
            _ => {}
        }
        self.quote_before(&at)
            .or_else(|| self.clause_before(&at))
            .or_else(|| self.quote_after(&at))
            .or_else(|| self.as_x_said(&at))
            .or_else(|| self.parenthetical(&at))
            .or_else(|| self.comma_after(&at))
            .or_else(|| self.added_object(&at))
            .or_else(|| self.denied_object(&at))
            .unwrap_or_else(|| self.reported_clause(&at))
    }

    /// "The plan was rejected by the council": a passive denial's source is its agent, the
    /// mention right after "by"; what was denied is the subject before the auxiliaries.
    fn denied_by(&self, sent: Range<usize>, ct: Range<usize>, ms: &Range<usize>) -> Option<Found> {
        if ct.end >= sent.end || self.lower(ct.end) != "by" {
            return None;
        }
        let mi = self.mention_starting(ms, ct.end + 1)?;
        let mut k = ct.start;
        while k > sent.start
            && (self.s.info[k - 1].has(word::AUX) || is_adverb(self.s, k - 1))
            && self.kind(k - 1) == TokKind::Word
        {
            k -= 1;
        }
        let content = self.trim(sent.start..k);
        let kind = self.kind_of(content.clone());
        self.found(mi, self.bytes(content), kind)
    }

    /// What a naming cue's source calls a thing: from the cue (past the source, if it follows)
    /// to the end of the first quotation after it ("called Friday's decision “a huge win”",
    /// "which Tim Cook called “total crap,” will be appealed"), or the object and what it is
    /// called ([`names_in_small_clause`]); none otherwise ("called the police").
    fn named_as(&self, at: &Said) -> Option<Found> {
        let start = at.cluster.end;
        let end = self.clause_end(start, at.sent.end, at);
        let t = match (start..end).find_map(|i| self.s.quote_of.at(i)) {
            Some(q) => self.trim(start..self.s.quotes[q as usize].tokens.end.min(end)),
            // "called it a common ailment", "called the meeting a success": what a thing is
            // called, without quotation marks.
            None if names_in_small_clause(self.s, start, end) => self.trim(start..end),
            None => return None,
        };
        let kind = self.kind_of(t.clone());
        self.found(at.mi, self.bytes(t), kind)
    }

    /// Whether the word before a cue shows it reports no statement: "declined to say", "will
    /// not deny".
    fn is_blocked(&self, cue_start: usize, sent_start: usize) -> bool {
        if cue_start <= sent_start {
            return false;
        }
        if self.continuing(cue_start, sent_start).is_some() {
            return is_passive(self.s, cue_start, sent_start);
        }
        let mut p = cue_start - 1;
        if self.lower(p) == "not" && p > sent_start {
            p -= 1;
        }
        self.s.info[p].has(word::CUE_BLOCKER) && self.kind(p) == TokKind::Word
            || is_passive(self.s, cue_start, sent_start)
    }

    /// "continues to insist", "went on to say": a verb of going on and "to" before a cue, which
    /// report speech as the cue alone does; the first token of the phrase.
    fn continuing(&self, cue_start: usize, sent_start: usize) -> Option<usize> {
        if cue_start < sent_start + 2 || self.lower(cue_start - 1) != "to" {
            return None;
        }
        let v = cue_start - 2;
        if lexicon::one_of(
            self.lower(v),
            "continue continues continued continuing proceeded",
        ) {
            return Some(v);
        }
        (self.lower(v) == "on"
            && v > sent_start
            && lexicon::one_of(self.lower(v - 1), "went goes go going"))
        .then(|| v - 1)
    }

    /// The source of a `say` cue and the stretches around them: the source is the mention
    /// before the cue ("X said", past auxiliaries and a parenthetical) or else, after a comma or
    /// a quotation, the mention right after it (", said X", "\"Q,\" said X").
    fn said(
        &self,
        sent: Range<usize>,
        ct: Range<usize>,
        ms: &Range<usize>,
        frame: Frame,
    ) -> Option<Said> {
        // "X attacked Y, saying …": a participle after a comma is the clause subject's.
        let participle = self.trailing_participle(ct.start, sent.start);
        let before = if participle {
            None
        } else {
            let adverbs = matches!(frame, Frame::Deny | Frame::Correct);
            self.source_before(ms, ct.start, sent.start, adverbs)
        };
        // "sent an email to supporters saying …", "emailed supporters saying …": the mention
        // before a participle is its addressee, not who speaks; the clause's subject is.
        let addressee = before.is_some_and(|mi| {
            let p = self.mentions[mi].tokens.start;
            let after_verb = || {
                self.kind(p - 1) == TokKind::Word
                    && self.lower(p - 1).ends_with("ed")
                    && !self.s.info[p - 1].has(word::CUE)
            };
            p > sent.start + 1
                && self.lower(ct.start).ends_with("ing")
                && (spoken_to(self.s, &self.mentions[mi]) || after_verb())
        });
        let before = before.filter(|_| !addressee);
        let (mi, cluster) = match before {
            Some(mi) => {
                let mi = self.speaker_of_phrase(ms, mi);
                // "Ana Ruiz, president of the union, which represents dockers, said": a mention
                // inside a person's apposition, reached over a second parenthetical, is the
                // person's (see [`Mention::within`]).
                let mi = match self.mentions[mi].within {
                    Some((head, close)) if ct.start >= close as usize => head as usize,
                    _ => mi,
                };
                (mi, self.mentions[self.head_of(ms, mi)].tokens.start..ct.end)
            }
            None if participle || addressee || self.joined_cue(ct.start, sent.start) => {
                // "X condemned the attack and said …": the sentence's source, or its subject.
                let si = self
                    .s
                    .sentences
                    .partition_point(|x| x.tokens.end <= sent.start);
                let cue_byte = self.s.tokens[ct.start].start();
                // `out` is in sentence order while sentences are read: only its tail can be
                // this sentence's (a search of the whole made long texts quadratic).
                let first = self.out.partition_point(|st| st.sentence < si);
                let earlier = self.out[first..]
                    .iter()
                    .rev()
                    .find(|st| st.sentence == si && st.cue.end <= cue_byte);
                let mi = match earlier.and_then(|st| st.source) {
                    Some(mi) => mi,
                    None => self.clause_subject(ms, sent.start, ct.start)?,
                };
                // Nothing before the cue is content.
                let after = self.content_start(ct.clone(), ct.end, sent.end, ms, frame);
                return Some(Said {
                    sent: sent.clone(),
                    cluster: sent.start..ct.end,
                    ct,
                    frame,
                    mi,
                    before: sent.start,
                    after,
                    ms: ms.clone(),
                });
            }
            None => {
                let prev_ok = ct.start > sent.start
                    && (matches!(self.kind(ct.start - 1), TokKind::Punct(','))
                        || self.s.quote_of.at(ct.start - 1).is_some());
                let mi = self.mention_after_cue(ms, ct.end).filter(|_| prev_ok)?;
                // An inverted cue closes its clause (", said the mayor on Monday."); a clause
                // after the mention makes it the subject of what was said (", argued the
                // audit had been rushed").
                let m_end = self.mentions[mi].tokens.end;
                let closes = m_end >= sent.end
                    || matches!(self.kind(m_end), TokKind::Punct(_) | TokKind::Quote(_))
                    || self.s.info[m_end].has(word::PREPOSITION | word::UPPER_INITIAL);
                if !closes {
                    return None;
                }
                (mi, ct.start..self.mentions[mi].tokens.end)
            }
        };
        let mut before = cluster.start;
        while before > sent.start
            && matches!(self.kind(before - 1), TokKind::Punct(',' | '—' | '–'))
        {
            before -= 1;
        }
        let after = self.content_start(ct.clone(), cluster.end, sent.end, ms, frame);
        Some(Said {
            sent,
            ct,
            frame,
            mi,
            cluster,
            before,
            after,
            ms: ms.clone(),
        })
    }

    /// Whether a cue is a participle tacked on after a comma or a preposition: "X attacked Y,
    /// saying …", "X ended the talks by saying …".
    fn trailing_participle(&self, cue_start: usize, sent_start: usize) -> bool {
        cue_start > sent_start + 1
            && (self.kind(cue_start - 1) == TokKind::Punct(',')
                // "X distanced himself by saying …", "… before explaining …".
                || self.kind(cue_start - 1) == TokKind::Word
                    && lexicon::one_of(self.lower(cue_start - 1), "by before after"))
            && self.lower(cue_start).ends_with("ing")
            && self.s.quote_of.at(cue_start).is_none()
    }

    /// The subject of the sentence's main clause, before token `cue_start`: its first mention
    /// that is not a possessor, a relative pronoun or the object of a preposition ("In a speech
    /// in Dunmere, Ivo Berg attacked Ana Ruiz, saying …" → Ivo Berg), nor a dateline or a
    /// place set off by commas ("DUNMERE (Wire) — Ana Ruiz backed …", "At a rally in Lund,
    /// Carrow, Ana Ruiz said …").
    fn clause_subject(
        &self,
        ms: &Range<usize>,
        sent_start: usize,
        cue_start: usize,
    ) -> Option<usize> {
        // An opening phrase or clause of time, place or manner holds no subject of the main
        // clause, up to its comma ("While in Lund, Ana Ruiz …", "Shortly after the vote, …",
        // "Facing criticism, …").
        let first = self.lower(sent_start);
        let opener = self.kind(sent_start) == TokKind::Word
            && (self.s.info[sent_start].has(word::PREPOSITION)
                || lexicon::one_of(
                    first,
                    "while when after before as since although though once",
                )
                || first.len() > 4 && (first.ends_with("ly") || first.ends_with("ing")));
        let after_opener = opener
            .then(|| {
                (sent_start..cue_start).find(|&i| {
                    self.kind(i) == TokKind::Punct(',') && self.s.quote_of.at(i).is_none()
                })
            })
            .flatten()
            .unwrap_or(sent_start);
        // The first mention after the opening phrase that may be the subject, else the first
        // in the sentence.
        let mut first_any = None;
        for mi in ms
            .clone()
            .take_while(|&mi| self.mentions[mi].tokens.end <= cue_start)
        {
            let m = &self.mentions[mi];
            let p = m.tokens.start;
            // "in Lund", "for the Republican nomination": the object of a preposition, past
            // an article.
            let q = if p > sent_start + 1 && lexicon::one_of(self.lower(p - 1), "the a an") {
                p - 1
            } else {
                p
            };
            let after_preposition = q > sent_start
                && self.kind(q - 1) == TokKind::Word
                && self.s.info[q - 1].has(word::PREPOSITION);
            let dateline = match self.kind(m.tokens.end) {
                TokKind::Punct('(' | ')' | '—' | '–' | '-') => true,
                TokKind::Punct(',') => {
                    m.kind == MentionKind::Place
                        || m.tokens.len() == 1
                            && !self.word(p).bytes().any(|b| b.is_ascii_lowercase())
                }
                _ => false,
            };
            if m.possessive
                || m.kind == MentionKind::Pronoun('r')
                || after_preposition
                || dateline
                || self.s.quote_of.at(p).is_some()
            {
                continue;
            }
            if p >= after_opener {
                return Some(mi);
            }
            first_any = first_any.or(Some(mi));
        }
        first_any
    }

    /// Whether a cue is the second verb of a coordination: "… and said", ", but (later)
    /// denied".
    fn joined_cue(&self, cue_start: usize, sent_start: usize) -> bool {
        let mut p = cue_start;
        while p > sent_start
            && self.s.info[p - 1].has(word::AUX)
            && self.kind(p - 1) == TokKind::Word
        {
            p -= 1;
        }
        p > sent_start + 1
            && self.kind(p - 1) == TokKind::Word
            && lexicon::one_of(self.lower(p - 1), "and but")
            && self.s.quote_of.at(p - 1).is_none()
    }

    /// Where what a cue introduces may start, from `k` right after the source and cue: past an
    /// addressee ("told reporters"), an apposition (", a spokesman for X,") and adjuncts ("on
    /// Monday", "in a statement").
    fn content_start(
        &self,
        ct: Range<usize>,
        mut k: usize,
        end: usize,
        ms: &Range<usize>,
        frame: Frame,
    ) -> usize {
        if frame == Frame::Tell {
            // The addressee: a mention or a few words up to "that", a colon, comma or quotation.
            // "told reporters this weekend he would …": or the subject of what was told.
            let stop = (k..end.min(k + 8)).find(|&i| {
                matches!(self.kind(i), TokKind::Punct(_) | TokKind::Quote(_))
                    || self.lower(i) == "that"
                    || i > k && matches!(self.s.info[i].pronoun, Some('m' | 'f' | 'p'))
            });
            if let Some(stop) = stop {
                k = stop;
            } else if let Some(m) = self.mention_starting(ms, k) {
                k = self.mentions[m].tokens.end;
            }
        }
        // ", said Owen Fraser, a scientist at the bureau, …": an apposition of a source after
        // its cue ("X said, the ferry will run on Sunday, …" is speech).
        let source_after = k > ct.end;
        if let Some(after) = self
            .role_apposition_end(k, end)
            .or_else(|| self.final_apposition(k, end))
            .filter(|_| source_after)
        {
            k = after;
        }
        let k = skip_adjuncts(self.s, k, end, says_a_clause(self.s, ct, frame));
        // "insisted, most recently in an interview, that …": an aside set off by commas
        // before "that".
        if k < end && self.kind(k) == TokKind::Punct(',') {
            let close = (k + 1..end.min(k + 20))
                .take_while(|&i| {
                    matches!(
                        self.kind(i),
                        TokKind::Word | TokKind::Number | TokKind::Punct(',')
                    )
                })
                .find(|&i| self.kind(i) == TokKind::Punct(','));
            if let Some(c) = close.filter(|&c| c + 2 < end && self.lower(c + 1) == "that") {
                return c + 2;
            }
        }
        k
    }

    /// "\"Q,\" X said", "\"Q,\" said X": a quotation right before the source and cue.
    fn quote_before(&self, at: &Said) -> Verdict {
        if at.before <= at.sent.start {
            return self.question_before(at);
        }
        // The quotation ends right before the source, or before the words that open its noun
        // phrase.
        let end = (at.sent.start.max(at.before.saturating_sub(5))..=at.before)
            .rev()
            .find(|&p| p > at.sent.start && self.s.quote_of.at(p - 1).is_some())
            .filter(|&p| p == at.before || self.source_phrase(p..at.before))?;
        let q = &self.s.quotes[self.s.quote_of.at(end - 1)? as usize];
        // Not a title inside an opening phrase: 'On CBS's "Face the Nation," Ryan said …'.
        let open = q.tokens.start;
        let stands_alone = open <= at.sent.start
            || matches!(
                self.kind(open - 1),
                TokKind::Punct(',' | ':' | ';' | '—' | '–' | '(')
            );
        (q.tokens.end == end && stands_alone).then(|| {
            let content = self.quote_bytes(q.tokens.clone());
            self.found(at.mi, content, StatementKind::Direct)
        })
    }

    /// "\"Is it over?\" Graham asked.": a quotation that ends in a question or exclamation mark
    /// or a full stop ends its sentence; a source and cue opening the next sentence of the
    /// paragraph, with nothing said after them, are its.
    fn question_before(&self, at: &Said) -> Verdict {
        let p = at.sent.start.checked_sub(1)?;
        let q = &self.s.quotes[self.s.quote_of.at(p)? as usize];
        let sentences = &self.s.sentences;
        let prev = &sentences[sentences.partition_point(|x| x.tokens.end <= p)];
        let this = &sentences[sentences.partition_point(|x| x.tokens.end <= at.sent.start)];
        let rest = self.trim(at.after..at.sent.end);
        // Nothing said after them: the sentence ends, or goes on with an aside, or with whom or
        // what the quotation was about ("Ann Lee said of the board", "… said in a statement").
        let nothing_after = rest.is_empty()
            || (matches!(self.kind(at.after), TokKind::Punct(','))
                && self.s.quote_of.at(rest.start).is_none())
            || (self.kind(rest.start) == TokKind::Word
                && self.s.info[rest.start].has(word::PREPOSITION));
        // "“Is it over?” Graham asked.", "“It is over.” Graham said.": the quotation ended its
        // sentence.
        let fits = q.tokens.end == p + 1
            && q.tokens.len() > 2
            && matches!(self.kind(p - 1), TokKind::Punct('?' | '!' | '.'))
            && prev.block == this.block
            && nothing_after
            && (q.tokens.start == prev.tokens.start
                || matches!(
                    self.kind(q.tokens.start - 1),
                    TokKind::Punct(',' | ':' | '—')
                ));
        fits.then(|| {
            let content = self.quote_bytes(q.tokens.clone());
            self.found(at.mi, content, StatementKind::Direct)
        })
    }

    /// Whether the words `gap` open the source's noun phrase before its mention: a determiner,
    /// a possessor and qualifiers ("\"Q,\" Obama's former campaign strategist said", "\"Q,\"
    /// the former envoy Ann Lee said"), never a clause of their own.
    fn source_phrase(&self, gap: Range<usize>) -> bool {
        let first = gap.start;
        gap.len() <= 5
            && gap.clone().all(|i| {
                matches!(self.kind(i), TokKind::Word | TokKind::Possessive)
                    && self.s.quote_of.at(i).is_none()
                    && !self.s.info[i].has(word::PREPOSITION | word::AUX | word::CUE)
                    && !lexicon::one_of(self.lower(i), "and but or who that which")
            })
            && self.s.info[first].has(
                word::DETERMINER
                    | word::POSSESSIVE
                    | word::UPPER_INITIAL
                    | word::MODIFIER
                    | word::TITLE_START,
            )
    }

    /// "S, X said.": nothing follows the source and cue, and what was said is the clause before
    /// them (set off by a comma or a dash); with no such clause, nothing was said here.
    fn clause_before(&self, at: &Said) -> Verdict {
        if !self.trim(at.after..at.sent.end).is_empty() {
            return None;
        }
        if at.before <= at.sent.start || at.before >= at.cluster.start {
            return Some(None);
        }
        let content = self.trim(at.sent.start..at.before);
        if content.is_empty() {
            return Some(None);
        }
        let kind = self.kind_of(content.clone());
        Some(self.found(at.mi, self.bytes(content), kind))
    }

    /// "The crowd chanted \"Q!\" and cheered": after a cue that reports only quotations
    /// ("chanted", "shouted"), the quotation right after it is what was said, wherever the
    /// sentence goes on.
    fn shouted_quote(&self, at: &Said) -> Verdict {
        let q = self.quote_opening_after(at)?;
        let source_first = self.mentions[at.mi].tokens.end <= at.ct.start;
        source_first.then(|| {
            let content = self.quote_bytes(q.tokens.clone());
            self.found(at.mi, content, StatementKind::Direct)
        })
    }

    /// The quotation that opens right where what the cue introduces starts (past a colon or a
    /// comma).
    fn quote_opening_after(&self, at: &Said) -> Option<&crate::quotes::Quote> {
        let mut q0 = at.after;
        if matches!(self.kind(q0), TokKind::Punct(':' | ',')) {
            q0 += 1;
        }
        if q0 >= at.sent.end {
            return None;
        }
        let q = &self.s.quotes[self.s.quote_of.at(q0)? as usize];
        (q.tokens.start == q0).then_some(q)
    }

    /// "X said: \"Q\"", "X said, \"Q\"": a quotation after the cue that ends the sentence.
    fn quote_after(&self, at: &Said) -> Verdict {
        let q = self.quote_opening_after(at)?;
        let ends_sentence =
            q.tokens.end >= at.sent.end - 1 || self.trim(q.tokens.end..at.sent.end).is_empty();
        ends_sentence.then(|| {
            let content = self.quote_bytes(q.tokens.clone());
            self.found(at.mi, content, StatementKind::Direct)
        })
    }

    /// "As X said, S": what follows the comma after the cue.
    fn as_x_said(&self, at: &Said) -> Verdict {
        let m_start = self.mentions[at.mi].tokens.start;
        let fits = matches!(self.kind(at.after), TokKind::Punct(','))
            && m_start > at.sent.start
            && self.lower(m_start - 1) == "as";
        if !fits {
            return None;
        }
        let content = self.trim(at.after + 1..at.sent.end);
        if content.is_empty() {
            return Some(None);
        }
        let kind = self.kind_of(content.clone());
        Some(self.found(at.mi, self.bytes(content), kind))
    }

    /// "The fare, it says, would rise to four dollars": a source and cue set off by commas
    /// inside the clause they report; what was said is the sentence around them (a reader sees
    /// it whole; the aside is part of the span).
    fn parenthetical(&self, at: &Said) -> Verdict {
        let (end, k) = (at.sent.end, at.after);
        // The source before its cue ("X said"; ", said X, a lawyer for …," is an apposition),
        // and no relative pronoun before the aside (", which, X said, …").
        let source_first = self.mentions[at.mi].tokens.start < at.ct.start;
        let set_off = source_first
            && at.before > at.sent.start
            && at.before < at.cluster.start
            && !lexicon::one_of(self.lower(at.before - 1), "which who that")
            && k + 1 < end
            && matches!(self.kind(k), TokKind::Punct(','));
        if !set_off || self.s.quote_of.at(k + 1).is_some() || self.kind(k + 1) != TokKind::Word {
            return None;
        }
        // A participle or a clause of its own after the aside (", adding …", ", compared with
        // …", ", as they …"): what was said is the clause before the source.
        let next = self.lower(k + 1);
        let before = || {
            let content = self.trim(at.sent.start..at.before);
            let kind = self.kind_of(content.clone());
            Some(self.found(at.mi, self.bytes(content), kind))
        };
        if next.ends_with("ing")
            || next.ends_with("ed")
            || lexicon::get().cue_adjunct(next) == Some(lexicon::Adjunct::Clause)
            || lexicon::one_of(next, "and but or who which when after although though if")
        {
            return before();
        }
        let rest = self.trim(k + 1..end);
        let words = rest.filter(|&i| self.kind(i) == TokKind::Word).count();
        if words < 2 {
            return None;
        }
        let content = self.trim(at.sent.start..end);
        let kind = self.kind_of(content.clone());
        Some(self.found(at.mi, self.bytes(content), kind))
    }

    /// "X said, adding …": a comma after the cue and no quotation after it; nothing was said
    /// here. (A denial goes on: "X denied, …".)
    fn comma_after(&self, at: &Said) -> Verdict {
        let comma = matches!(self.kind(at.after), TokKind::Punct(','));
        (comma && !matches!(at.frame, Frame::Deny | Frame::Correct)).then_some(None)
    }

    /// "Tidewell added a third service": after "added", a noun phrase is an object, not speech
    /// ("X added that S" is speech).
    fn added_object(&self, at: &Said) -> Verdict {
        let opener = lexicon::get().is_np_opener(self.word(at.after));
        (at.frame == Frame::Add && opener).then_some(None)
    }

    /// "X denied it", "the company denied the report", "X denied the union's account": a
    /// denial whose bare object stands for a claim made elsewhere. The content is the source,
    /// the cue and the object.
    fn denied_object(&self, at: &Said) -> Verdict {
        if !matches!(at.frame, Frame::Deny | Frame::Correct) {
            return None;
        }
        // "corrected him": what that person said.
        let person =
            |o: usize| at.frame == Frame::Correct && lexicon::one_of(self.lower(o), "him her them");
        let (k, end) = (at.after, at.sent.end);
        let o = match claim_object(self.s, k..end) {
            Some(o) => o,
            None if k < end && person(k) => k,
            None => return None,
        };
        // A pronoun says nothing alone: the statement is who denied it ("Mr. Putin denied it").
        // A noun phrase is what was denied: one that points back alone ("that argument"),
        // another with what it holds ("any involvement in the attacks", "the idea that S"), up
        // to a comma.
        let content = if o == k && (person(o) || is_claim_pronoun(self.lower(o))) {
            self.mentions[at.mi].tokens.start.min(at.ct.start)..o + 1
        } else if lexicon::one_of(self.lower(k), "that this those these") {
            // "that argument": a phrase that points back holds nothing more.
            k..o + 1
        } else {
            let stop = self.clause_end(o + 1, end, at);
            let stop = (o + 1..stop)
                .find(|&i| self.ends_denied_phrase(i))
                .unwrap_or(stop);
            k..self.trim(k..stop).end
        };
        Some(Some(Found {
            source: at.mi,
            content: self.bytes(content),
            kind: StatementKind::Denial,
            object: Some(self.bytes(k..o + 1)),
        }))
    }

    /// Whether token `i` ends a denied noun phrase: a comma, dash, colon or parenthesis, or a
    /// word opening an adjunct of time or manner ("denied the charges through his lawyer").
    fn ends_denied_phrase(&self, i: usize) -> bool {
        self.s.quote_of.at(i).is_none()
            && match self.kind(i) {
                TokKind::Punct(',' | ';' | ':' | '—' | '–' | '(') => true,
                TokKind::Word => lexicon::one_of(
                    self.lower(i),
                    "through via during while because until before after",
                ),
                _ => false,
            }
    }

    /// "X said (that) S", "X told reporters S": the clause after the cue, up to a participle
    /// clause tacked on after a comma (", adding …").
    fn reported_clause(&self, at: &Said) -> Option<Found> {
        let mut content = self.trim(at.after..self.clause_end(at.after, at.sent.end, at));
        content = self.trim(in_relative_clause(self.s, &self.mentions[at.mi], content));
        if content.is_empty() || self.lower(content.start) == "to" {
            return None;
        }
        // "dismissed the charges — a tactic …", "denied the charges through his lawyer": a
        // denial's noun phrase ends at the first comma, dash or colon, or at an adjunct of
        // time or manner, when no clause stands before it.
        if matches!(at.frame, Frame::Deny | Frame::Correct)
            && !lexicon::one_of(self.lower(at.after), "that whether")
        {
            let stop = content.clone().find(|&i| self.ends_denied_phrase(i));
            if let Some(stop) = stop.filter(|&e| !holds_clause(self.s, content.start..e)) {
                content = self.trim(content.start..stop);
            }
        }
        let kind = self.kind_of(content.clone());
        let bytes = if kind == StatementKind::Direct {
            self.quote_bytes(content)
        } else {
            self.bytes(content)
        };
        self.found(at.mi, bytes, kind)
    }

    /// Where reported content ends: the sentence end, a participle clause tacked on after a
    /// comma (", suggesting …", ", adding …"), a joined clause with its own cue (" and added
    /// …", ", while Y said …"), or another source's cue after a comma (", Mr. Barrett said").
    fn clause_end(&self, from: usize, end: usize, at: &Said) -> usize {
        let ms = &at.ms;
        let opener = at.cluster.start;
        let end = opening_clause_end(self.s, at.sent.start, opener, from, end).unwrap_or(end);
        let participle = |i: usize| {
            i < end
                && self.kind(i) == TokKind::Word
                && self.lower(i).ends_with("ing")
                && self.s.quote_of.at(i).is_none()
        };
        (from..end.saturating_sub(1))
            .find_map(|i| match self.kind(i) {
                TokKind::Punct(',') if self.s.quote_of.at(i).is_none() && participle(i + 1) => {
                    Some(i)
                }
                TokKind::Punct(_) if i > from && writers_aside(self.s, i) => Some(i),
                // "X signaled that S, Mr. Barrett said, …": another's statement begins.
                TokKind::Punct(',')
                    if self.s.quote_of.at(i).is_none()
                        && self.source_and_cue_at(i + 1, end, ms) =>
                {
                    Some(i)
                }
                TokKind::Word if i > from && self.opens_cued_clause(i, end, ms) => Some(i),
                // '"…," suggesting': the comma sits inside the closing quote.
                TokKind::Quote(_)
                    if i > from && self.kind(i - 1) == TokKind::Punct(',') && participle(i + 1) =>
                {
                    Some(i + 1)
                }
                _ => None,
            })
            .unwrap_or(end)
    }

    /// Bytes of a quotation, extended over the later paragraphs that continue it.
    fn quote_bytes(&self, t: Range<usize>) -> Range<usize> {
        let mut r = self.bytes(t.clone());
        if let Some(mut q) = self.s.quote_of.at(t.start).map(|q| q as usize) {
            while let Some(next) = self.continued_by[q] {
                r.end = self.s.quotes[next].range.end;
                q = next;
            }
        }
        r
    }

    /// Quotations that no cue claimed: a quotation making up most of its sentence continues the
    /// statement of the nearest quotation before it in the paragraph (or, failing that, the
    /// next one after it, or the last statement of the paragraph before).
    fn quotes_without_cues(&mut self) {
        let mut added = Vec::new();
        let claimed = Containment::new(&self.out);
        // The statements of each block, in the order they were found.
        let mut by_block: Vec<Vec<&Attributed>> = std::iter::repeat_with(Vec::new)
            .take(self.s.blocks.len())
            .collect();
        for st in &self.out {
            by_block[self.s.sentences[st.sentence].block].push(st);
        }
        for q in &self.s.quotes {
            // (A transcript's turn is its speaker's: see `colon_turn`.)
            if claimed.contains(&q.range) || self.turn_label(q.tokens.start).is_some() {
                continue;
            }
            if q.continues
                .is_some_and(|p| claimed.contains(&self.s.quotes[p].range))
            {
                continue;
            }
            let si = self
                .s
                .sentences
                .partition_point(|x| x.range.end <= q.range.start);
            let Some(sent) = self.s.sentences.get(si) else {
                continue;
            };
            let words_in = q.tokens.len();
            if words_in * 10 < sent.tokens.len() * 6 || q.tokens.len() < 4 {
                continue;
            }
            let block = sent.block;
            let same_block = &by_block[block];
            let anchor = same_block
                .iter()
                .rfind(|st| st.content.end <= q.range.start)
                .or_else(|| {
                    same_block.iter().find(|st| {
                        st.content.start >= q.range.end && st.kind == StatementKind::Direct
                    })
                })
                .copied()
                .or_else(|| {
                    let prev_block = block.checked_sub(1)?;
                    let last = *by_block[prev_block].last()?;
                    let prev_ends_colon = self.s.blocks[prev_block]
                        .tokens
                        .end
                        .checked_sub(1)
                        .is_some_and(|t| self.kind(t) == TokKind::Punct(':'));
                    let direct = matches!(last.kind, StatementKind::Direct | StatementKind::Mixed);
                    // A paragraph that is this one quotation, after a paragraph whose last
                    // sentence is a statement: the speaker goes on.
                    let whole = self.s.blocks[block].tokens.clone();
                    let one_quote = self.trim(whole) == q.tokens;
                    let last_sentence = self
                        .s
                        .sentences
                        .get(last.sentence + 1)
                        .is_none_or(|x| x.block != prev_block);
                    let follows = one_quote && last_sentence && last.source.is_some();
                    (prev_ends_colon || direct || q.continues.is_some() || follows).then_some(last)
                });
            if let Some(anchor) = anchor {
                added.push(Attributed {
                    entity: anchor.entity,
                    source: None,
                    kind: StatementKind::Direct,
                    stance: anchor.stance,
                    cue: anchor.cue.clone(),
                    content: self.quote_bytes(q.tokens.clone()),
                    sentence: si,
                    object: None,
                });
            }
        }
        drop(by_block);
        self.out.extend(added);
    }
}

/// Whether token `i` opens a relative clause: a relative pronoun ("who", "which": the pronoun
/// lexicon's 'r'), or "whose" (no source itself: "whose leaders said").
fn is_relative(s: &Sentences, i: usize) -> bool {
    s.tokens[i].kind == TokKind::Word && (s.info[i].pronoun == Some('r') || s.lower(i) == "whose")
}

/// Whether a mention is spoken to, not speaking: right after "to" ("said to reporters",
/// "shouted to the crowd", "an email to supporters").
pub(crate) fn spoken_to(s: &Sentences, m: &Mention) -> bool {
    let mut p = m.tokens.start;
    if p > 0 && s.lower(p - 1) == "the" {
        p -= 1;
    }
    p > 0 && s.tokens[p - 1].kind == TokKind::Word && s.lower(p - 1) == "to"
}

/// What a relative pronoun set off by commas or dashes says ends at the clause's closing comma
/// or dash, outside quotations: "Ana Ruiz, who said the ferry would run in May, recounted …"
/// (the annotated news stops there four times as often as it goes on).
pub(crate) fn in_relative_clause(
    s: &Sentences,
    source: &Mention,
    content: Range<usize>,
) -> Range<usize> {
    let at = source.tokens.start;
    if source.kind != MentionKind::Pronoun('r') || at == 0 {
        return content;
    }
    let opening = s.tokens[at - 1].kind;
    if opening != TokKind::Punct(',') && !opening.is_dash() {
        return content;
    }
    // '"…, is unsafe," left early': the comma may sit inside the closing quote; "— who said S
    // —" closes with a dash.
    let close = content.clone().find_map(|i| match s.tokens[i].kind {
        k if i > content.start && s.quote_of.at(i).is_none() && k.closes(opening) => Some(i),
        TokKind::Quote(_) if i > content.start && s.tokens[i - 1].kind == TokKind::Punct(',') => {
            Some(i + 1)
        }
        _ => None,
    });
    content.start..close.unwrap_or(content.end)
}

/// Whether token `i` opens what the writer adds after reported speech, outside quotations:
/// a relative or concessive clause after a comma (", which …", ", who …", ", where …",
/// ", while …", ", though …"), the writer's comparison (", compared with …"), a semicolon or a
/// dash ("said she expects a recovery from pneumonia, which forced her to …", "said S; T",
/// "said S — a modest boost for …"). The annotated news stops the speech there about twice as
/// often as it goes on.
pub(crate) fn writers_aside(s: &Sentences, i: usize) -> bool {
    let is_word = |k: usize| k < s.tokens.len() && s.tokens[k].kind == TokKind::Word;
    // ", and the downgrade is …", ", and when pressed …": a clause of the writer's joins; not
    // ", and that …" (more of what was said), nor the last item of a list ("A, B, and C").
    let list = || (i.saturating_sub(5)..i).any(|k| s.tokens[k].kind == TokKind::Punct(','));
    let joins_clause = || is_word(i + 2) && s.lower(i + 2) != "that" && !list();
    let next_opens_aside = || {
        is_word(i + 1)
            && (lexicon::one_of(
                s.lower(i + 1),
                "which who whose where while whereas though although but",
            ) || (s.lower(i + 1) == "and" && joins_clause())
                // ", compared with half full a year ago": the writer's comparison.
                || (s.lower(i + 1) == "compared"
                    && is_word(i + 2)
                    && lexicon::one_of(s.lower(i + 2), "with to")))
    };
    s.quote_of.at(i).is_none()
        && match s.tokens[i].kind {
            TokKind::Punct(';' | '—' | '–') => true,
            TokKind::Punct(',') => next_opens_aside(),
            _ => false,
        }
}

/// Where a subordinate clause ends when what was said starts inside it ("While Ana Ruiz said
/// that S, the board …", "And although X admitted S, he …", "A week after the mayor announced
/// that S, the board …", "Having announced that S, the judge …", ", which officials said S,
/// …"): at its first comma outside quotations after `from`, when the clause's conjunction or
/// relative pronoun comes right before `opener` (the source or cue that opens the
/// attribution), or the conjunction opens the sentence. The annotated news ends the speech
/// there about five times in six.
pub(crate) fn opening_clause_end(
    s: &Sentences,
    sent_start: usize,
    opener: usize,
    from: usize,
    end: usize,
) -> Option<usize> {
    let comma = |i: usize| s.tokens[i].kind == TokKind::Punct(',') && s.quote_of.at(i).is_none();
    let conjunction = |w: usize| {
        s.tokens[w].kind == TokKind::Word
            && lexicon::one_of(
                s.lower(w),
                "while although though whereas when if after because since before once as having",
            )
    };
    // The sentence's first word past "And", "But", "Even" ("But even if …").
    let mut w = sent_start;
    while w + 1 < from && lexicon::one_of(s.lower(w), "and but even so yet") {
        w += 1;
    }
    let opens = w < from && conjunction(w) && !(sent_start..from).any(comma);
    // ", which officials said S, …": a relative clause set off by commas ends at its own.
    let relative = opener > sent_start + 1 && is_relative(s, opener - 1) && comma(opener - 2);
    let just_before = opener > sent_start && conjunction(opener - 1) || relative;
    // "As he said, S": a comma right after the cue hands what was said to the main clause.
    if !(opens || just_before) || from == 0 || comma(from - 1) {
        return None;
    }
    (from..end).find(|&i| comma(i))
}

/// Whether the cue `ct` reports only clauses ("said", "told", "added"), so that phrases after
/// it with no clause in them say nothing ("said in an interview with a radio station"), where
/// other cues take a noun phrase ("announced on Friday the arrest of …", "called on X to …").
pub(crate) fn says_a_clause(s: &Sentences, ct: Range<usize>, frame: Frame) -> bool {
    matches!(frame, Frame::Say | Frame::Tell | Frame::Add)
        && ct.len() == 1
        && lexicon::one_of(
            s.lower(ct.start),
            "said says say saying told tells tell added adds",
        )
}

/// Skips adjuncts between a cue and its content: "in a statement", "on Monday", "last
/// week", "in an interview with X". With `clause_only` (see [`says_a_clause`]), phrases that
/// run to the sentence's end holding no clause are skipped whole.
pub(crate) fn skip_adjuncts(s: &Sentences, mut k: usize, end: usize, clause_only: bool) -> usize {
    loop {
        if k >= end || s.tokens[k].kind != TokKind::Word {
            return k;
        }
        match lexicon::get().cue_adjunct(s.lower(k)) {
            Some(lexicon::Adjunct::Word) => k += 1,
            Some(kind) => {
                // Up to a "that", comma, colon or quotation within a few words.
                let clause = kind == lexicon::Adjunct::Clause;
                let reach = if clause { 12 } else { 8 };
                let stop = (k + 1..end.min(k + reach)).find(|&i| {
                    matches!(
                        s.tokens[i].kind,
                        TokKind::Punct(',' | ':') | TokKind::Quote(_)
                    ) || s.lower(i) == "that"
                });
                let unquoted = || (k..end).all(|i| !matches!(s.tokens[i].kind, TokKind::Quote(_)));
                match stop {
                    Some(at) => k = at,
                    // "… said as he left the hall.": the clause is the adjunct.
                    None if clause => return end,
                    // A closing adjunct: "… the company said on Tuesday.", "… said in an
                    // interview with a radio station in Carrow."
                    None if unquoted()
                        && (end - k <= 6 || clause_only && !holds_clause(s, k..end)) =>
                    {
                        return end
                    }
                    None => return k,
                }
            }
            None => return k,
        }
    }
}

/// Whether the words `t` may hold a clause of their own: an auxiliary or modal, a subject
/// pronoun, "that", or a determiner that no preposition governs ("on Monday the pier would
/// close"), not only a chain of phrases ("in an interview with a radio station in Carrow").
pub(crate) fn holds_clause(s: &Sentences, t: Range<usize>) -> bool {
    let start = t.start;
    t.into_iter().any(|i| {
        let free_determiner =
            s.info[i].has(word::DETERMINER) && i > start && !s.info[i - 1].has(word::PREPOSITION);
        free_determiner
            || s.info[i].has(word::AUX)
            || lexicon::one_of(s.lower(i), "he she they it we i you that there would will could can may might should must did does do")
    })
}

/// The kind of a stretch of reported content: direct when it is one quotation, mixed when it
/// holds one, indirect otherwise.
pub(crate) fn kind_of(s: &Sentences, t: Range<usize>) -> StatementKind {
    if t.is_empty() {
        return StatementKind::Indirect;
    }
    let (first, last) = (s.quote_of.at(t.start), s.quote_of.at(t.end - 1));
    if first.is_some() && first == last {
        return StatementKind::Direct;
    }
    if t.clone().any(|i| s.quote_of.at(i).is_some()) {
        StatementKind::Mixed
    } else {
        StatementKind::Indirect
    }
}

/// Trims a token range of content: no leading conjunction, "that" or comma; no trailing
/// sentence punctuation or comma outside a quotation.
pub(crate) fn trim(s: &Sentences, mut t: Range<usize>) -> Range<usize> {
    while t.start < t.end {
        let k = s.tokens[t.start].kind;
        let w = s.lower(t.start);
        if matches!(k, TokKind::Punct(',' | ':' | ';' | '—' | '–' | '-'))
            || (k == TokKind::Word && lexicon::one_of(w, "that and but"))
                && t.len() > 1
                && s.quote_of.at(t.start).is_none()
        {
            t.start += 1;
        } else {
            break;
        }
    }
    while t.end > t.start {
        let k = s.tokens[t.end - 1].kind;
        if matches!(
            k,
            TokKind::Punct('.' | ',' | ';' | ':' | '!' | '?' | '—' | '–')
        ) && s.quote_of.at(t.end - 1).is_none()
        {
            t.end -= 1;
        } else {
            break;
        }
    }
    t
}

/// Whether the cue word at token `i` (of a sentence starting at token `sent_start`) is a passive
/// participle: a form of "be" just before it, with at most one adverb between ("The mayor is
/// noted for her candour", "she was told that …", "he is widely known as …", "she's not told").
/// Its subject is not the speaker. Shared by the rules and the learned stage.
pub(crate) fn is_passive(s: &Sentences, i: usize, sent_start: usize) -> bool {
    if s.lower(i).ends_with("ing") {
        return false;
    }
    let mut p = i;
    for _ in 0..2 {
        if p <= sent_start {
            return false;
        }
        p -= 1;
        if lexicon::is_be(s.lower(p)) || lexicon::one_of(s.lower(p), "'s ’s") {
            return true;
        }
        let adverb = s.lower(p).ends_with("ly") || s.lower(p) == "not";
        if s.tokens[p].kind != TokKind::Word || !adverb {
            return false;
        }
    }
    false
}

/// Whether the word at token `i` is an adverb of manner or time: a lower-case word of five
/// letters or more ending in "-ly" ("vigorously", "quickly"), as "has vigorously denied" has.
fn is_adverb(s: &Sentences, i: usize) -> bool {
    let w = s.lower(i);
    s.tokens[i].kind == TokKind::Word
        && w.len() >= 5
        && w.ends_with("ly")
        && s.info[i].has(word::LOWER_INITIAL)
}

/// How many of the latest statements a pronoun's look-back for the last speaker reads
/// (statements are in text order, so the recent ones are the last few).
const RECENT_STATEMENTS: usize = 64;

/// The entity a source pronoun refers to: the most recent compatible mention outside
/// quotations within the last few sentences; for a person whose gender the text does not
/// show, the last speaker of that gender is preferred.
pub(crate) fn antecedent(
    mentions: &[Mention],
    entities: &Entities,
    out: &[Attributed],
    mi: usize,
    p: char,
) -> Option<usize> {
    let here = &mentions[mi];
    if p == 'r' {
        // "An engineer who said", "the agency, which reported": the mention just before.
        let k = mi.checked_sub(1)?;
        let m = &mentions[k];
        let gap = here.tokens.start - m.tokens.end.min(here.tokens.start);
        return (m.sentence == here.sentence
            && gap <= 1
            && !matches!(m.kind, MentionKind::Pronoun(_)))
        .then(|| entities.of_mention[k])
        .flatten();
    }
    let want = match p {
        'm' => Gender::Male,
        'f' => Gender::Female,
        _ => Gender::Unknown,
    };
    let ok = |id: usize| {
        let e = &entities.list[id];
        match p {
            'm' | 'f' | 'a' => e.kind == SpeakerKind::Person && e.gender.agrees(want),
            'o' => e.kind == SpeakerKind::Organisation,
            _ => matches!(e.kind, SpeakerKind::Group | SpeakerKind::Organisation) || e.plural,
        }
    };
    let window = here.sentence.saturating_sub(4);
    // "Norland and Estavia signed the pact. They said …": "they" are the places (or people)
    // listed at the opening of the sentence before, not a group further back.
    let opens_with_places = |k: usize| {
        let m = &mentions[k];
        let first = k == 0 || mentions[k - 1].sentence != m.sentence;
        let place_like = |x: &Mention| matches!(x.kind, MentionKind::Place | MentionKind::Name);
        first
            && m.sentence < here.sentence
            && place_like(m)
            && mentions.get(k + 1).is_some_and(|n| {
                n.sentence == m.sentence && place_like(n) && n.tokens.start == m.tokens.end + 1
            })
    };
    let stop = (p == 'p')
        .then(|| {
            (0..mi)
                .rev()
                .take_while(|&k| mentions[k].sentence + 1 >= here.sentence)
                .find(|&k| opens_with_places(k))
        })
        .flatten();
    // Collected once (a few sentences' mentions): the searches below read the same list.
    let candidates: Vec<(&Mention, usize)> = mentions[..mi]
        .iter()
        .zip(&entities.of_mention)
        .enumerate()
        .rev()
        .take_while(|&(k, _)| stop.is_none_or(|s| k > s))
        .map(|(_, x)| x)
        .take_while(|(m, _)| m.sentence >= window)
        .filter(|(m, _)| !m.possessive || m.sentence != here.sentence)
        // "They" is a group or an organisation, never the place where something happened.
        .filter(|(m, _)| !(p == 'p' && m.kind == MentionKind::Place))
        .filter_map(|(m, id)| id.filter(|&id| ok(id)).map(|id| (m, id)))
        .listed();
    let mut candidate = candidates.first().copied();
    // "Bush said he had looked into Mr. Putin's eyes. He learned later …": a possessor is
    // seldom what the next sentence's pronoun stands for; an agreeing mention that is no
    // possessor, in the same sentence as it, is.
    if let Some((m, _)) = candidate.filter(|(m, _)| m.possessive) {
        let sentence = m.sentence;
        if let Some(&other) = candidates[1..]
            .iter()
            .take_while(|(o, _)| o.sentence == sentence)
            .find(|(o, _)| !o.possessive)
        {
            candidate = Some(other);
        }
    }
    // "Mr. Dale visited Ostrava. He says …": a lone word of unknown gender gives way to a
    // person the pronoun agrees with, a little further back.
    if want != Gender::Unknown
        && candidate.is_some_and(|(m, id)| {
            m.kind == MentionKind::Name && entities.list[id].gender == Gender::Unknown
        })
    {
        if let Some(&agreeing) = candidates[1..]
            .iter()
            .find(|&&(_, id)| entities.list[id].gender == want)
        {
            candidate = Some(agreeing);
        }
    }
    // "Larsen aides praised the ministry. But they said …": a "they" or "it" after a statement
    // is its speaker, not what it spoke of or to.
    if matches!(p, 'p' | 'o') {
        let last = out
            .iter()
            .rev()
            .take(RECENT_STATEMENTS)
            .find(|st| st.source.is_some_and(|k| k < mi));
        if let (Some((m, id)), Some(st)) = (candidate, last) {
            // The speaker opens the sentence before, ahead of its cue (not "according to X"
            // nor a place), and the mention is later in that sentence.
            let src = st.source.map(|k| &mentions[k]);
            if id != st.entity
                && ok(st.entity)
                && m.sentence + 1 == here.sentence
                && src.is_some_and(|s| {
                    s.sentence == m.sentence
                        && s.range.end <= m.range.start
                        && s.range.end <= st.cue.start
                        && s.kind != MentionKind::Place
                })
            {
                candidate = Some((m, st.entity));
            }
        }
    }
    let candidate = candidate.map(|(_, id)| id);
    // The statements are in text order: a recent one is among the last few, so the look-back
    // is bounded (a long article must not make every pronoun scan all of it).
    let last_speaker = out
        .iter()
        .rev()
        .take(RECENT_STATEMENTS)
        .find(|st| st.sentence + 3 >= here.sentence)
        .map(|st| st.entity)
        .filter(|&id| ok(id) && entities.list[id].gender.agrees(want) && want != Gender::Unknown);
    match (candidate, last_speaker) {
        (Some(c), Some(l)) if entities.list[c].gender == Gender::Unknown => Some(l),
        (Some(c), _) => Some(c),
        (None, l) => l,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::Document;

    /// The word `claim_object` finds after the first "denied" of `text`.
    fn object_after_denied(text: &str) -> Option<String> {
        let doc = Document::from_text(text).unwrap();
        let s = Sentences::new(doc.text(), doc.blocks());
        let k = (0..s.tokens.len()).find(|&i| s.lower(i) == "denied")? + 1;
        claim_object(&s, k..s.sentences[0].tokens.end).map(|o| s.word(o).to_string())
    }

    #[test]
    fn a_claim_object_is_a_word_for_a_claim_never_a_clause() {
        assert_eq!(
            object_after_denied("Ana Ruiz denied it."),
            Some("it".into())
        );
        assert_eq!(
            object_after_denied("Ana Ruiz denied the union's account."),
            Some("account".into())
        );
        assert_eq!(
            object_after_denied("Ana Ruiz denied that the mill leaked."),
            None
        );
        assert_eq!(object_after_denied("Ana Ruiz denied the amendment."), None);
        assert_eq!(
            object_after_denied("Judge Ana Ruiz denied that argument in a ruling."),
            Some("argument".into())
        );
    }

    fn statements(text: &str) -> Vec<(String, StatementKind, String)> {
        let doc = Document::from_text(text).unwrap();
        let s = Sentences::new(doc.text(), doc.blocks());
        let m = crate::mentions::find(doc.text(), &s);
        let e = crate::speakers::resolve(&s, &m);
        attribute(&s, &m, &e)
            .into_iter()
            .map(|st| {
                (
                    e.list[st.entity].name.clone(),
                    st.kind,
                    text[st.content].to_string(),
                )
            })
            .collect()
    }

    fn one(who: &str, kind: StatementKind, what: &str) -> (String, StatementKind, String) {
        (who.to_string(), kind, what.to_string())
    }

    #[test]
    fn a_person_known_by_age_is_the_person_named_before() {
        assert_eq!(
            statements(
                "Ana Ruiz has fished off the island since she was a girl. “We want the late boat \
                 back,” the 34-year-old said. Ivo Berg runs the ferry. The 52-year-old mother of \
                 two replied that the timetable was fixed. The 61-year-old skipper says the pier \
                 is unsafe."
            ),
            vec![
                one(
                    "Ana Ruiz",
                    StatementKind::Direct,
                    "“We want the late boat back,”"
                ),
                one(
                    "Ana Ruiz",
                    StatementKind::Indirect,
                    "the timetable was fixed"
                ),
                one("Ivo Berg", StatementKind::Indirect, "the pier is unsafe"),
            ]
        );
    }

    #[test]
    fn she_goes_on_being_the_woman_who_spoke_last_not_her_husband() {
        // "Odalys" is no first name the lexicon knows: her gender comes from "she" alone.
        assert_eq!(
            statements(
                "Odalys Grant can be heard telling the officers that her husband was unarmed.\n\n\
                 “Stay back,” she says.\n\n\
                 She then begs her husband to get out of the car. The camera faces the ground.\n\n\
                 “Did you stop him?” she yells while running.\n\n\
                 When she gets nearer, four officers stand around the car. Two of them kneel \
                 beside it.\n\n\
                 “He had better live,” she said."
            ),
            vec![
                one("Odalys Grant", StatementKind::Direct, "“Stay back,”"),
                one("Odalys Grant", StatementKind::Direct, "“Did you stop him?”"),
                one(
                    "Odalys Grant",
                    StatementKind::Direct,
                    "“He had better live,”"
                ),
            ]
        );
    }

    #[test]
    fn chanting_and_call_report_the_quotation_next_to_them() {
        assert_eq!(
            statements(
                "Outside, dock workers were chanting, “No late boats, no votes.” The ferry \
                 crews call the plan “a lifeline” and want it signed."
            ),
            vec![
                one(
                    "dock workers",
                    StatementKind::Direct,
                    "“No late boats, no votes.”"
                ),
                one("ferry crews", StatementKind::Mixed, "the plan “a lifeline”"),
            ]
        );
    }

    #[test]
    fn a_quotation_then_its_source_and_any_past_tense_verb_is_what_the_source_said() {
        assert_eq!(
            statements(
                "Ivo Berg runs the ferry. “Not one more delay,” Ada Finch demanded. “Why wait \
                 at all?” Berg barked. “The pier is fine,” she surmised, but the crews had left. \
                 “Ferry Tales” Berg directed in 2010."
            ),
            vec![
                one("Ada Finch", StatementKind::Direct, "“Not one more delay,”"),
                one("Ivo Berg", StatementKind::Direct, "“Why wait at all?”"),
                one("Ada Finch", StatementKind::Direct, "“The pier is fine,”"),
            ]
        );
    }

    #[test]
    fn one_of_several_unnamed_people_speaks() {
        assert_eq!(
            statements(
                "The pier closed early. “We want the late boat back,” said one party activist. \
                 “So do we,” said another activist."
            ),
            vec![
                one(
                    "party activist",
                    StatementKind::Direct,
                    "“We want the late boat back,”"
                ),
                one("activist", StatementKind::Direct, "“So do we,”"),
            ]
        );
    }

    #[test]
    fn a_surname_that_is_a_nationality_names_the_person() {
        assert_eq!(
            statements(
                "Ada French chairs the ferry board. French said the late boat would return. \
                 “We will sail at dawn,” French said. French crews disagreed."
            ),
            vec![
                one(
                    "Ada French",
                    StatementKind::Indirect,
                    "the late boat would return"
                ),
                one(
                    "Ada French",
                    StatementKind::Direct,
                    "“We will sail at dawn,”"
                ),
            ]
        );
    }

    #[test]
    fn a_hyphenated_adjective_qualifies_a_source() {
        assert_eq!(
            statements(
                "Fares rose. “The board must go,” the right-leaning newspaper wrote. \
                 The state-owned operator said the late boat would return."
            ),
            vec![
                one(
                    "right-leaning newspaper",
                    StatementKind::Direct,
                    "“The board must go,”"
                ),
                one(
                    "state-owned operator",
                    StatementKind::Indirect,
                    "the late boat would return"
                ),
            ]
        );
    }

    #[test]
    fn what_was_said_ends_before_the_writers_comparison() {
        assert_eq!(
            statements(
                "Ann Lee said the late boat was full, compared with half full a year ago. \
                 The board met on Monday."
            ),
            vec![one(
                "Ann Lee",
                StatementKind::Indirect,
                "the late boat was full"
            )]
        );
    }

    #[test]
    fn a_horizontal_bar_is_a_dash() {
        assert_eq!(
            statements(
                "Ann Lee said that the board had not paid its crews ― as was true for years ― \
                 and Tom Reyes laughed."
            ),
            vec![one(
                "Ann Lee",
                StatementKind::Indirect,
                "the board had not paid its crews"
            )]
        );
    }

    #[test]
    fn a_social_network_speaks_for_itself() {
        assert_eq!(
            statements(
                "In a post on Monday, Twitter said the ferry accounts had been suspended. \
                 Fares were posted on Facebook."
            ),
            vec![one(
                "Twitter",
                StatementKind::Indirect,
                "the ferry accounts had been suspended"
            )]
        );
    }

    #[test]
    fn a_share_of_people_before_a_speech_verb_speaks() {
        assert_eq!(
            statements(
                "Nine in 10 said the ferry should run all winter. Most said the fares were fair. \
                 Three-quarters of the islanders said the pier was unsafe. Half of the time, \
                 the boat is late."
            ),
            vec![
                one(
                    "Nine in 10",
                    StatementKind::Indirect,
                    "the ferry should run all winter"
                ),
                one("Most", StatementKind::Indirect, "the fares were fair"),
                one(
                    "Three-quarters of the islanders",
                    StatementKind::Indirect,
                    "the pier was unsafe"
                ),
            ]
        );
    }

    #[test]
    fn a_source_speaks_past_its_own_relative_clause() {
        assert_eq!(
            statements(
                "Ana Ruiz, who lost her house in Carrow, Vermont, in July 2012, said that the \
                 board had ignored her. The plan drew fire from fishermen, shop owners and \
                 business leaders who say it hurts the port."
            ),
            vec![
                one(
                    "Ana Ruiz",
                    StatementKind::Indirect,
                    "the board had ignored her"
                ),
                one(
                    "business leaders",
                    StatementKind::Indirect,
                    "it hurts the port"
                ),
            ]
        );
    }

    #[test]
    fn a_participle_after_its_addressee_or_a_place_is_the_subject_s() {
        // (The shipowner is no mention: "Republican", after "for the", is not the subject.)
        assert_eq!(
            statements(
                "At a rally in Beaumont, Tex., Mayor Tom Berg was blunt, claiming that the board \
                 would close the port. The Harbour Trust emailed supporters saying that the \
                 vote was lost. The shipowner joined the contest for the Republican ticket \
                 last spring, saying the board had lied."
            ),
            vec![
                one(
                    "Tom Berg",
                    StatementKind::Indirect,
                    "the board would close the port"
                ),
                one(
                    "Harbour Trust",
                    StatementKind::Indirect,
                    "the vote was lost"
                ),
            ]
        );
    }

    #[test]
    fn a_statement_alone_is_a_document_that_speaks() {
        assert_eq!(
            statements(
                "\"We stand with the town,\" the statement said. A statement from a person \
                 close to the board said the vote was rigged."
            ),
            vec![
                one(
                    "statement",
                    StatementKind::Direct,
                    "\"We stand with the town,\""
                ),
                one(
                    "person close to the board",
                    StatementKind::Indirect,
                    "the vote was rigged"
                ),
            ]
        );
    }

    #[test]
    fn a_chanted_quotation_is_the_crowd_s_wherever_the_sentence_goes_on() {
        assert_eq!(
            statements("At the rally the crowd chanted \"Run the ferry!\" and cheered."),
            vec![one("crowd", StatementKind::Direct, "\"Run the ferry!\"")]
        );
    }

    #[test]
    fn what_was_told_starts_at_its_subject_after_the_addressee_and_a_time() {
        assert_eq!(
            statements(
                "The mayor told voters this weekend he would take it as a \"personal insult\" \
                 if they stayed home."
            ),
            vec![one(
                "mayor",
                StatementKind::Mixed,
                "he would take it as a \"personal insult\" if they stayed home"
            )]
        );
    }

    #[test]
    fn what_a_relative_clause_reports_ends_at_its_closing_comma() {
        assert_eq!(
            statements(
                "Ana Ruiz, who said the ferry would run in May, recounted the delay on the radio. \
                 Ivo Berg, who said \"the pier, frankly, is unsafe,\" left early. Mayor Tom \
                 Berg - who once said he would close the pier - said at a rally that the ferry \
                 should stop."
            ),
            vec![
                one(
                    "Ana Ruiz",
                    StatementKind::Indirect,
                    "the ferry would run in May"
                ),
                one(
                    "Ivo Berg",
                    StatementKind::Direct,
                    "\"the pier, frankly, is unsafe,\""
                ),
                one(
                    "Tom Berg",
                    StatementKind::Indirect,
                    "he would close the pier"
                ),
                one("Tom Berg", StatementKind::Indirect, "the ferry should stop"),
            ]
        );
    }

    #[test]
    fn reported_speech_ends_before_the_writer_s_own_clause() {
        // A relative, concessive or contrasting clause, a dash, or a joined clause of the
        // writer's ends it; "…, and that S" and a list's last item go on.
        assert_eq!(
            statements(
                "Ana Ruiz said the ferry would run in May, who had promised it in March. \
                 Ivo Berg said the pier was safe — a relief for the islanders. \
                 Ida Sand said the fares would fall, but the islanders were not convinced. \
                 Tom Reyes said the school would reopen, and the parents cheered. \
                 Eva Holm said the mill would close, and that the staff would move. \
                 Nils Ek said the town needed roads, schools, and a clinic."
            ),
            vec![
                one(
                    "Ana Ruiz",
                    StatementKind::Indirect,
                    "the ferry would run in May"
                ),
                one("Ivo Berg", StatementKind::Indirect, "the pier was safe"),
                one("Ida Sand", StatementKind::Indirect, "the fares would fall"),
                one(
                    "Tom Reyes",
                    StatementKind::Indirect,
                    "the school would reopen"
                ),
                one(
                    "Eva Holm",
                    StatementKind::Indirect,
                    "the mill would close, and that the staff would move"
                ),
                one(
                    "Nils Ek",
                    StatementKind::Indirect,
                    "the town needed roads, schools, and a clinic"
                ),
            ]
        );
    }

    #[test]
    fn reported_speech_ends_before_a_relative_which_and_a_semicolon() {
        // What follows is mostly the writer's: the annotated news stops there about twice as
        // often as it goes on. Inside a quotation both are the speaker's.
        assert_eq!(
            statements(
                "Ana Ruiz said the ferry would run again in May, which pleased the islanders. \
                 Ivo Berg said the pier was safe; the islanders had waited a year. Ida Sand \
                 said it was \"a pier, which we built; a good one.\""
            ),
            vec![
                one(
                    "Ana Ruiz",
                    StatementKind::Indirect,
                    "the ferry would run again in May"
                ),
                one("Ivo Berg", StatementKind::Indirect, "the pier was safe"),
                one(
                    "Ida Sand",
                    StatementKind::Mixed,
                    "it was \"a pier, which we built; a good one.\""
                ),
            ]
        );
    }

    #[test]
    fn a_noun_no_lexicon_knows_speaks_before_a_speech_verb() {
        // Someone unnamed after "a", a body after "the", a group when plural; the noun may
        // follow other words and the verb an adverb. Not after a preposition, not a passive,
        // not a counted set, not a noun that is the object of another verb.
        assert_eq!(
            statements(
                "A close friend often said that the farm would be sold.\n\nThe fishery warned \
                 that stocks were falling. The ferrymen said the crossing was safe.\n\nThe \
                 cost of the grain says little about the harvest. The plan was first reported \
                 by the paper. The three boats agreed to sail at dawn. They found an old \
                 lantern that said nothing."
            ),
            vec![
                one(
                    "close friend",
                    StatementKind::Indirect,
                    "the farm would be sold"
                ),
                one("fishery", StatementKind::Indirect, "stocks were falling"),
                one("ferrymen", StatementKind::Indirect, "the crossing was safe"),
            ]
        );
        let kinds = |text: &str| {
            let doc = Document::from_text(text).unwrap();
            let s = Sentences::new(doc.text(), doc.blocks());
            crate::mentions::find(doc.text(), &s)
                .into_iter()
                .map(|m| m.kind)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            kinds("The fishery warned that stocks were falling."),
            vec![MentionKind::Organisation]
        );
        assert_eq!(
            kinds("A fisherman warned that stocks were falling."),
            vec![MentionKind::Anonymous]
        );
        assert_eq!(
            kinds("The ferrymen warned that stocks were falling."),
            vec![MentionKind::Group]
        );
    }

    #[test]
    fn a_question_quoted_before_its_source_is_the_sources_even_across_its_question_mark() {
        let q = "“Who pays for the new bridge?”";
        for text in [
            format!("{q} Mayor Ida Sand asked. “Nobody has told us.”"),
            format!("{q} Ida Sand said at the hearing. “Nobody has told us.”"),
            format!("{q} asked Ida Sand. “Nobody has told us.”"),
            format!("{q} Ida Sand said of the council. “Nobody has told us.”"),
        ] {
            assert_eq!(
                statements(&text),
                vec![
                    one("Ida Sand", StatementKind::Direct, q),
                    one("Ida Sand", StatementKind::Direct, "“Nobody has told us.”")
                ],
                "{text}"
            );
        }
        assert_eq!(
            statements("The hall went quiet. “We will sail at dawn.” Omar Pell said."),
            vec![one(
                "Omar Pell",
                StatementKind::Direct,
                "“We will sail at dawn.”"
            )],
        );
        assert_eq!(
            statements("The hall went quiet. Omar Pell shouted, “Again!”"),
            vec![one("Omar Pell", StatementKind::Direct, "“Again!”")],
        );
        // Words that report speech only beside a quotation say nothing without one, and a
        // question of the sentence before is not a source's when a clause follows the cue.
        for text in [
            "The mayor asked residents to stay home. Ida Sand sang the anthem.",
            "“Who pays?” Ida Sand asked the council to find out.",
            "He wrote “Who pays?” Ida Sand asked.",
        ] {
            assert_eq!(statements(text), vec![], "{text}");
        }
    }

    #[test]
    fn a_long_apposition_before_the_cue_is_the_persons_and_said_of_names_a_topic() {
        let q = "“It keeps the budget whole,”";
        let text = format!(
            "The plan came out on Monday.\n\n{q} Ivo Berg, director of the Harbour Policy \
             Center and a lecturer at the Marlow School of Dunmere University, said of Mrs. \
             Ruiz's plan."
        );
        assert_eq!(
            statements(&text),
            vec![one("Ivo Berg", StatementKind::Direct, q)]
        );
    }

    #[test]
    fn someone_unnamed_known_by_a_title_speaks_not_where_they_work() {
        assert_eq!(
            statements(
                "A professor at Dunmere University said the plan would fail. A professor at \
                 Carrow College said the plan would work. An analyst at the bank said rates \
                 would rise. “Why now?” a narrator in the ad asks."
            ),
            vec![
                one(
                    "professor at Dunmere University",
                    StatementKind::Indirect,
                    "the plan would fail"
                ),
                one(
                    "professor at Carrow College",
                    StatementKind::Indirect,
                    "the plan would work"
                ),
                one("analyst", StatementKind::Indirect, "rates would rise"),
                one("narrator", StatementKind::Direct, "“Why now?”"),
            ]
        );
    }

    #[test]
    fn a_lawyer_is_not_the_judge() {
        // Judges, prosecutors and lawyers share a class but are different people: a role of
        // that class is a named person only with the same word ("the judge" = Judge Ida Sand).
        assert_eq!(
            statements(
                "Judge Ida Sand heard the case on Monday.\n\nThe mill denied the spill, its \
                 lawyer said.\n\nThe ruling is due in May, the judge said."
            ),
            vec![
                one(
                    "lawyer",
                    StatementKind::Indirect,
                    "The mill denied the spill"
                ),
                one("mill", StatementKind::Denial, "the spill"),
                one(
                    "Ida Sand",
                    StatementKind::Indirect,
                    "The ruling is due in May"
                ),
            ]
        );
    }

    #[test]
    fn a_quotation_credited_by_a_dash_and_a_name_is_that_persons() {
        let a = "“The library should stay open on Sundays, because families in this part of town depend on it every week.”";
        let b = "“Nobody asked the staff what they think about the new hours, and nobody asked the readers either.”";
        // One voice a line, and one a paragraph with an apposition; then a run in a paragraph.
        for text in [
            format!("{a} ― Rosa Linde\n{b} — Omar Pell\n\nThe vote is on Monday.\n"),
            format!("{a} ― Rosa Linde\n\n{b} — Omar Pell, a librarian\n"),
        ] {
            assert_eq!(
                statements(&text),
                vec![
                    one("Rosa Linde", StatementKind::Direct, a),
                    one("Omar Pell", StatementKind::Direct, b)
                ],
                "{text}"
            );
        }
        let c = "“Put the hours to a vote.”";
        assert_eq!(
            statements(&format!(
                "{a} ― Rosa Linde {b} — Omar Pell {c} ― Ida Sand\n"
            )),
            vec![
                one("Rosa Linde", StatementKind::Direct, a),
                one("Omar Pell", StatementKind::Direct, b),
                one("Ida Sand", StatementKind::Direct, c)
            ],
        );
        // A dash that goes on with the sentence credits no one.
        let text = format!("{a} — Rosa Linde's neighbours disagreed on Monday.");
        assert!(statements(&text)
            .iter()
            .all(|(who, _, _)| who != "Rosa Linde"));
    }

    #[test]
    fn a_cue_after_an_apposition_and_a_second_aside_is_the_person_s() {
        for text in [
            "Ada Quist, president of the Harbour Workers Union, which represents dockers, said \
             the strike would end soon.",
            "Bo Lindqvist, the trade minister of Norland, a member of the council, said the \
             talks had failed.",
            "Cora Mendel, a developer and spokeswoman for the Tidewater Builders Coalition, \
             which is made up of investors, said the rules were fair.",
        ] {
            let got = statements(text);
            let who: Vec<&str> = got.iter().map(|(w, _, _)| w.as_str()).collect();
            let first = text.split(',').next().unwrap_or_default();
            assert_eq!(who, [first], "{text}");
        }
    }

    #[test]
    fn a_cue_after_an_age_and_an_apposition_is_the_person_s() {
        for text in [
            "Dora Velk, 58, a retired nurse in Marlow, said the clinic should stay open.",
            "Ivo Stam, 41, a farmer from Tenby, Wales, said prices were too high.",
            "Mr. Orrin Pask, 72, a veteran of the Coast Guard, said the base was needed.",
        ] {
            let got = statements(text);
            let who: Vec<&str> = got.iter().map(|(w, _, _)| w.as_str()).collect();
            let first = text.split(',').next().unwrap_or_default();
            let first = first.strip_prefix("Mr. ").unwrap_or(first);
            assert_eq!(who, [first], "{text}");
        }
    }

    #[test]
    fn they_after_a_statement_is_its_speaker_not_what_it_spoke_of() {
        let text =
            "The Trade Ministry defended the tariffs on Monday.\n\nFarmer groups acknowledged a \
                    deal with the ministry. But they said that prices would fall.";
        let who: Vec<String> = statements(text).into_iter().map(|(w, _, _)| w).collect();
        assert_eq!(who, ["Farmer groups", "Farmer groups"]);
        // "According to X": what X reports is about the others, who are no part of its source.
        let text = "The Trade Ministry defended the tariffs on Monday.\n\nAccording to the \
                    Harbor Gazette, farmer groups met the ministry. They said that prices would \
                    fall.";
        let who: Vec<String> = statements(text).into_iter().map(|(w, _, _)| w).collect();
        assert_ne!(
            who.last().map(String::as_str),
            Some("Harbor Gazette"),
            "{who:?}"
        );
    }

    #[test]
    fn a_person_writing_for_an_organisation_is_the_source() {
        let text = "“Turnout is down,” wrote Maria Vance for Harbor Polling. Maria Vance for \
                    Harbor Polling wrote that turnout fell.";
        let who: Vec<String> = statements(text).into_iter().map(|(w, _, _)| w).collect();
        assert_eq!(who, ["Maria Vance", "Maria Vance"]);
        // A role for an organisation stays the organisation's.
        let got = statements("A spokeswoman for Harbor Polling said that turnout fell.");
        assert_eq!(got[0].0, "Harbor Polling");
    }

    #[test]
    fn according_to_words_describing_a_name_credit_the_name() {
        for (text, who) in [
            (
                "The fees rose by a third, according to the nonpartisan Regional Budget Office.",
                "Regional Budget Office",
            ),
            (
                "More than 200 schools took part, according to the event organizer Alliance for \
                 Open Schools.",
                "Alliance for Open Schools",
            ),
            ("The fares rose, according to the data.", "data"),
        ] {
            let got = statements(text);
            assert_eq!(got.len(), 1, "{text}");
            assert_eq!(got[0].0, who, "{text}");
        }
    }

    #[test]
    fn an_inverted_cue_s_source_may_be_qualified() {
        for (text, who) in [
            (
                "Fares rarely move votes, noted the Tessaly Post's Ana Ruiz.",
                "Ana Ruiz",
            ),
            ("\"We stay,\" said longtime tenant Ivo Berg.", "Ivo Berg"),
        ] {
            let got = statements(text);
            assert_eq!(got.len(), 1, "{text}");
            assert_eq!(got[0].0, who, "{text}");
        }
    }

    #[test]
    fn a_quotation_before_the_source_s_whole_noun_phrase_is_its() {
        assert_eq!(
            statements(
                "\"The pier is rotten,\" Carrow's former harbour master said on Monday. \"It \
                 will not last,\" the retired ferry captain Ivo Berg said."
            ),
            vec![
                one(
                    "Carrow's former harbour master",
                    StatementKind::Direct,
                    "\"The pier is rotten,\""
                ),
                one("Ivo Berg", StatementKind::Direct, "\"It will not last,\""),
            ]
        );
    }

    #[test]
    fn adjuncts_after_a_cue_are_not_what_was_said() {
        assert_eq!(
            statements(
                "Mayor Ann Lee said as she left the town hall on Friday. Ivo Berg said in an \
                 interview with a radio station in Carrow. Ana Ruiz said Tuesday morning that the \
                 ferry would run. Bo Lind said on Monday the pier would close."
            ),
            vec![
                one("Ana Ruiz", StatementKind::Indirect, "the ferry would run"),
                one(
                    "Bo Lind",
                    StatementKind::Indirect,
                    "on Monday the pier would close"
                ),
            ]
        );
    }

    #[test]
    fn a_title_before_a_colon_is_no_speaker_but_a_named_one_is() {
        assert_eq!(
            statements(
                "Little Relief for Ferries: The harbour council has voted down every plan.\n\n\
                 Ivo Berg: The council has failed the east side for a decade.\n\n\
                 Ivo Berg runs the ferries."
            ),
            vec![one(
                "Ivo Berg",
                StatementKind::Indirect,
                "The council has failed the east side for a decade"
            )]
        );
    }

    #[test]
    fn a_surname_before_a_colon_in_the_headline_is_its_speaker() {
        assert_eq!(
            statements(
                "Morel: Ferry Tax Will Pass Before Winter.\n\n\
                 Senator Ivo Morel spoke on Sunday.\n\n\
                 Berg: A new section on the east side.\n\n\
                 Q: Will the ferry tax pass?\n\n\
                 Tomas Berg runs the ferries."
            ),
            vec![one(
                "Ivo Morel",
                StatementKind::Indirect,
                "Ferry Tax Will Pass Before Winter"
            )]
        );
    }

    #[test]
    fn a_name_right_before_a_colon_speaks_the_quotation_after_it() {
        assert_eq!(
            statements(
                "Late deciders broke for the ferry levy in the north - Ana Ruiz: \
                 “Most voters there made up their minds in the last week.”\n\n\
                 The size of the swing in the harbour towns did not surprise the pollster \
                 Tomas Berg: “The levy was always popular on the coast.”\n\n\
                 Ivo Morel wrote to Ana Ruiz: “The count is final.”"
            ),
            vec![
                one(
                    "Ana Ruiz",
                    StatementKind::Direct,
                    "“Most voters there made up their minds in the last week.”"
                ),
                one(
                    "Tomas Berg",
                    StatementKind::Direct,
                    "“The levy was always popular on the coast.”"
                ),
                one("Ivo Morel", StatementKind::Direct, "“The count is final.”"),
            ]
        );
    }

    #[test]
    fn a_cue_with_a_particle_is_another_verb() {
        assert_eq!(
            statements("Ivo Berg showed up at the debate on Monday."),
            vec![]
        );
    }

    #[test]
    fn a_naming_cue_without_quotation_marks_names_in_a_small_clause() {
        assert_eq!(
            statements(
                "Ivo Berg called it a costly mistake. Ana Ruiz called the ferry plan a \
                 disaster for the east side. Bo Lind called the harbour police on Monday. Mayor \
                 Ann Lee called him to the stage."
            ),
            vec![
                one("Ivo Berg", StatementKind::Indirect, "it a costly mistake"),
                one(
                    "Ana Ruiz",
                    StatementKind::Indirect,
                    "the ferry plan a disaster for the east side"
                ),
            ]
        );
    }

    #[test]
    fn a_source_and_cue_set_off_inside_a_clause_report_the_whole_sentence() {
        assert_eq!(
            statements(
                "The new pier, Mayor Ann Lee said, would open in May. The fare rose, Ivo Berg \
                 said, adding that nobody had asked him. Tolls will fall, Ana Ruiz said, as the \
                 council meets."
            ),
            vec![
                one(
                    "Ann Lee",
                    StatementKind::Indirect,
                    "The new pier, Mayor Ann Lee said, would open in May"
                ),
                one("Ivo Berg", StatementKind::Indirect, "The fare rose"),
                one("Ivo Berg", StatementKind::Indirect, "nobody had asked him"),
                one("Ana Ruiz", StatementKind::Indirect, "Tolls will fall"),
            ]
        );
    }

    #[test]
    fn a_naming_cue_is_a_statement_only_with_a_quotation() {
        assert_eq!(
            statements(
                "Port chairman Ivo Berg called Friday's decision a \"huge win for the harbour\" \
                 at a rally. Mayor Ann Lee called the police on Tuesday. The levy, which Ana Ruiz \
                 called \"a tax on breathing,\" will be appealed."
            ),
            vec![
                one(
                    "Ivo Berg",
                    StatementKind::Mixed,
                    "Friday's decision a \"huge win for the harbour\""
                ),
                one("Ana Ruiz", StatementKind::Direct, "\"a tax on breathing,\""),
            ]
        );
    }

    #[test]
    fn direct_quote_before_the_cue() {
        assert_eq!(
            statements("\"We will rebuild,\" Mayor Helen Okafor said. \"Soon,\" said Mr. Reyes."),
            vec![
                one(
                    "Helen Okafor",
                    StatementKind::Direct,
                    "\"We will rebuild,\""
                ),
                one("Reyes", StatementKind::Direct, "\"Soon,\"")
            ]
        );
    }

    #[test]
    fn direct_quote_after_a_colon() {
        assert_eq!(
            statements("Helen Okafor said: \"The bridge is safe.\""),
            vec![one(
                "Helen Okafor",
                StatementKind::Direct,
                "\"The bridge is safe.\""
            )]
        );
    }

    #[test]
    fn reported_speech_with_that_and_after_the_clause() {
        assert_eq!(
            statements("Helen Okafor said that the bridge would reopen. The toll will stay, Okafor told reporters."),
            vec![
                one("Helen Okafor", StatementKind::Indirect, "the bridge would reopen"),
                one("Helen Okafor", StatementKind::Indirect, "The toll will stay")
            ]
        );
    }

    #[test]
    fn according_to_after_the_claim_ends_it_with_the_source_phrase() {
        assert_eq!(
            statements(
                "The ferry will run all winter, according to early results of a survey by Mr. Haldane.\n\n\
                 Fares will rise, according to Ann Lee on Tuesday, though not by much.\n\n\
                 Most gifts came from women, according to Dora Velk, higher than in any year."
            ),
            vec![
                one(
                    "early results of a survey",
                    StatementKind::Indirect,
                    "The ferry will run all winter"
                ),
                one("Ann Lee", StatementKind::Indirect, "Fares will rise"),
                one("Dora Velk", StatementKind::Indirect, "Most gifts came from women")
            ]
        );
    }

    #[test]
    fn according_to_on_either_side() {
        assert_eq!(
            statements("The ferry will run all winter, according to Mr. Haldane. According to Ann Lee, talks will resume."),
            vec![
                one("Haldane", StatementKind::Indirect, "The ferry will run all winter"),
                one("Ann Lee", StatementKind::Indirect, "talks will resume")
            ]
        );
    }

    #[test]
    fn that_according_to_points_back_to_the_sentences_before_it() {
        assert_eq!(
            statements(
                "Mend the roof. Paint the hall. That, according to Mayor Ann Lee, is the plan.\n\n\
                 The school will move in May.\n\nThis, according to Tom Reyes, is too late."
            ),
            vec![
                one(
                    "Ann Lee",
                    StatementKind::Indirect,
                    "Mend the roof. Paint the hall"
                ),
                one(
                    "Tom Reyes",
                    StatementKind::Indirect,
                    "The school will move in May"
                )
            ]
        );
    }

    #[test]
    fn the_noun_frame_gives_the_source_s_own_judgement() {
        assert_eq!(
            statements(
                "The Harbor Board is firm in its verdict on the pier, which must close. \
                 The verdict on the pier is final."
            ),
            vec![one(
                "Harbor Board",
                StatementKind::Indirect,
                "firm in its verdict on the pier"
            )]
        );
    }

    #[test]
    fn as_someone_put_it_takes_what_follows() {
        assert_eq!(
            statements(
                "As Mayor Ann Lee put it, \"the bridge is ours.\" Ann Lee put it on the list."
            ),
            vec![one(
                "Ann Lee",
                StatementKind::Direct,
                "\"the bridge is ours.\""
            )]
        );
    }

    #[test]
    fn a_cue_after_a_verb_of_going_on_and_to_reports_speech() {
        assert_eq!(
            statements(
                "Mayor Ivo Berg continues to insist that the ferry will run by May. Later he went \
                 on to say the fares would fall. He wants to say more."
            ),
            vec![
                one(
                    "Ivo Berg",
                    StatementKind::Indirect,
                    "the ferry will run by May"
                ),
                one("Ivo Berg", StatementKind::Indirect, "the fares would fall"),
            ]
        );
    }

    #[test]
    fn an_aside_between_the_cue_and_that_is_not_what_was_said() {
        assert_eq!(
            statements(
                "Mayor Ivo Berg insisted, most recently in a radio interview on Friday, that the \
                 ferry will run by May."
            ),
            vec![one(
                "Ivo Berg",
                StatementKind::Indirect,
                "the ferry will run by May"
            )]
        );
    }

    #[test]
    fn a_plural_source_speaks_in_the_verb_s_base_form() {
        assert_eq!(
            statements("Harbour pilots argue that the channel is too shallow for the new ferries."),
            vec![one(
                "Harbour pilots",
                StatementKind::Indirect,
                "the channel is too shallow for the new ferries"
            )]
        );
    }

    #[test]
    fn what_was_said_in_an_opening_clause_ends_with_the_clause() {
        for opener in [
            "While",
            "Although",
            "Even though",
            "When",
            "And while",
            "But even if",
            "After",
            "As",
            "A week after",
        ] {
            assert_eq!(
                statements(&[
                    opener,
                    " Mayor Ada Finch said that the ferry would run, the harbour board cancelled \
                     the crossings."
                ]
                .concat()),
                vec![one("Ada Finch", StatementKind::Indirect, "the ferry would run")],
                "{opener}"
            );
        }
        assert_eq!(
            statements("The crossings, which officials said would resume in May, stay closed."),
            vec![one(
                "officials",
                StatementKind::Indirect,
                "would resume in May"
            )]
        );
        // Not when the cue follows the clause's comma, nor when a comma ends the cue: "As X
        // said, S" says S.
        assert_eq!(
            statements("As Ada Finch said, the ferry will run on Sunday, Monday and Tuesday."),
            vec![one(
                "Ada Finch",
                StatementKind::Indirect,
                "the ferry will run on Sunday, Monday and Tuesday"
            )]
        );
        assert_eq!(
            statements("When the vote ended, Ada Finch said the ferry would run on Sunday, Monday and Tuesday."),
            vec![one(
                "Ada Finch",
                StatementKind::Indirect,
                "the ferry would run on Sunday, Monday and Tuesday"
            )]
        );
    }

    #[test]
    fn a_headline_in_title_case_says_who_speaks() {
        for headline in [
            "Mayor Ada Finch Says Ferry Will Run All Winter.",
            "Ferry Will Run All Winter, Ada Finch Says.",
        ] {
            assert_eq!(
                statements(&[headline, "\n\nThe harbour board met on Monday."].concat()),
                vec![one(
                    "Ada Finch",
                    StatementKind::Indirect,
                    "Ferry Will Run All Winter"
                )],
                "{headline}"
            );
        }
    }

    #[test]
    fn parenthetical_between_source_and_cue() {
        let s = statements(
            "Harbor Commissioner Nadia Petrov, on the other hand, said the ferry schedule would stay.",
        );
        assert_eq!(
            s,
            vec![one(
                "Nadia Petrov",
                StatementKind::Indirect,
                "the ferry schedule would stay"
            )]
        );
    }

    #[test]
    fn a_denial_by_an_adverb_after_its_auxiliary_is_the_sources() {
        assert_eq!(
            statements("The Tarnby ministry has vigorously denied any role in the fire."),
            vec![one(
                "Tarnby ministry",
                StatementKind::Denial,
                "any role in the fire"
            )]
        );
    }

    #[test]
    fn a_passive_denial_is_its_agents() {
        assert_eq!(
            statements("Plans for a second bridge were rejected by the Harwick council in May."),
            vec![one(
                "Harwick council",
                StatementKind::Denial,
                "Plans for a second bridge"
            )]
        );
    }

    #[test]
    fn a_denied_noun_phrase_ends_at_a_dash_or_comma() {
        assert_eq!(
            statements("Greta Holm dismissed the audit — a move her rivals mocked for weeks."),
            vec![one("Greta Holm", StatementKind::Denial, "the audit")]
        );
    }

    #[test]
    fn rebuttals_and_walked_back_remarks_are_denials() {
        assert_eq!(
            statements("Ivo Brandt rebutted the rumours. Lena Marr later walked back her remarks."),
            vec![
                one("Ivo Brandt", StatementKind::Denial, "the rumours"),
                one("Lena Marr", StatementKind::Denial, "her remarks"),
            ]
        );
    }

    #[test]
    fn a_denied_noun_phrase_ends_before_an_adjunct_of_manner() {
        assert_eq!(
            statements("Oskar Lind denied the charges through his lawyer."),
            vec![one("Oskar Lind", StatementKind::Denial, "the charges")]
        );
    }

    #[test]
    fn mixed_quote_and_denial() {
        assert_eq!(
            statements("Mr. Okafor denied it, as he had before. Mayor Ann Lee said she had \"seen enough of this.\""),
            vec![
                one("Okafor", StatementKind::Denial, "Mr. Okafor denied it"),
                one(
                    "Ann Lee",
                    StatementKind::Mixed,
                    "she had \"seen enough of this.\""
                )
            ]
        );
    }

    #[test]
    fn added_with_an_object_is_no_speech() {
        let s = statements(
            "Since then Velmar Inc. added a third weekly service. Mayor Ann Lee added that fares would hold.",
        );
        assert_eq!(
            s,
            vec![one("Ann Lee", StatementKind::Indirect, "fares would hold")]
        );
    }

    #[test]
    fn pronoun_sources_resolve_by_gender() {
        assert_eq!(
            statements("Helen Okafor met James Chen. \"We agree,\" he said. \"Good,\" she added."),
            vec![
                one("James Chen", StatementKind::Direct, "\"We agree,\""),
                one("Helen Okafor", StatementKind::Direct, "\"Good,\"")
            ]
        );
    }

    #[test]
    fn a_quote_without_cue_continues_the_speaker() {
        assert_eq!(
            statements("\"We won,\" Helen Okafor said. \"It was a long night for all of us.\""),
            vec![
                one("Helen Okafor", StatementKind::Direct, "\"We won,\""),
                one(
                    "Helen Okafor",
                    StatementKind::Direct,
                    "\"It was a long night for all of us.\""
                )
            ]
        );
    }

    #[test]
    fn a_denied_clause_is_the_content_not_an_object() {
        assert_eq!(
            statements(
                "Mayor Ann Lee denied the plant would close. Velmar Inc. denied the report."
            ),
            vec![
                one("Ann Lee", StatementKind::Denial, "the plant would close"),
                one("Velmar Inc.", StatementKind::Denial, "the report")
            ]
        );
    }

    #[test]
    fn disputing_a_clause_is_reported_speech_not_a_denial() {
        assert_eq!(
            statements("The union disputed that the pier was safe."),
            vec![one("union", StatementKind::Indirect, "the pier was safe")]
        );
    }

    #[test]
    fn a_capital_speaks_for_its_government() {
        assert_eq!(
            statements("Beijing denied the report."),
            vec![one("Beijing", StatementKind::Denial, "the report")]
        );
    }

    #[test]
    fn he_is_the_nearest_person_rather_than_a_speaker_four_sentences_back() {
        assert_eq!(
            statements(
                "The port was quiet. Boats stayed in. Tom Reyes said the dock would close. \
                 The wind rose. Rain fell. Officials met Dr. Sato on Monday. \"We will see,\" he said."
            ),
            vec![
                one("Tom Reyes", StatementKind::Indirect, "the dock would close"),
                one("Sato", StatementKind::Direct, "\"We will see,\"")
            ]
        );
    }

    #[test]
    fn an_aside_after_the_addressee_is_skipped() {
        assert_eq!(
            statements("Tom Reyes told reporters, a few hours later, that the ferry would run."),
            vec![one(
                "Tom Reyes",
                StatementKind::Indirect,
                "the ferry would run"
            )]
        );
    }

    #[test]
    fn a_quotation_followed_by_more_words_is_mixed() {
        assert_eq!(
            statements("Mayor Ann Lee said \"no way\" to the toll plan."),
            vec![one(
                "Ann Lee",
                StatementKind::Mixed,
                "\"no way\" to the toll plan"
            )]
        );
    }

    /// A paragraph block without a full stop (as the page hands it over) may end in the words a
    /// denial's object opens with: the object search stops at the text's end.
    #[test]
    fn a_denial_at_the_end_of_the_text_reads_no_further() {
        let doc = Document::from_blocks([(crate::BlockKind::Paragraph, "Velmar Inc. denied all")])
            .unwrap();
        let s = Sentences::new(doc.text(), doc.blocks());
        let m = crate::mentions::find(doc.text(), &s);
        let e = crate::speakers::resolve(&s, &m);
        let found: Vec<(&str, StatementKind, &str)> = attribute(&s, &m, &e)
            .into_iter()
            .map(|st| {
                (
                    e.list[st.entity].name.as_str(),
                    st.kind,
                    &doc.text()[st.content],
                )
            })
            .collect();
        assert_eq!(found, [("Velmar Inc.", StatementKind::Denial, "all")]);
    }

    #[test]
    fn declined_to_say_is_no_statement() {
        assert_eq!(
            statements(
                "Helen Okafor declined to say when the bridge would reopen. She said the work was going well."
            ),
            vec![one(
                "Helen Okafor",
                StatementKind::Indirect,
                "the work was going well"
            )]
        );
    }

    /// The content and bare object of each statement that has one.
    fn objects(text: &str) -> Vec<(String, String)> {
        let doc = Document::from_text(text).unwrap();
        let s = Sentences::new(doc.text(), doc.blocks());
        let m = crate::mentions::find(doc.text(), &s);
        let e = crate::speakers::resolve(&s, &m);
        attribute(&s, &m, &e)
            .into_iter()
            .filter_map(|st| Some((text[st.content].to_string(), text[st.object?].to_string())))
            .collect()
    }

    // One test per sentence shape of `say`, in the order `say` tries them.

    #[test]
    fn shape_quote_before_the_source_and_cue() {
        assert_eq!(
            statements("\"The pier will hold,\" Port Director Ines Kowal said."),
            vec![one(
                "Ines Kowal",
                StatementKind::Direct,
                "\"The pier will hold,\""
            )]
        );
        assert_eq!(
            statements("\"Not before spring,\" said Tomas Brandt, a surveyor at the yard."),
            vec![one(
                "Tomas Brandt",
                StatementKind::Direct,
                "\"Not before spring,\""
            )]
        );
    }

    #[test]
    fn shape_clause_before_the_source_and_cue() {
        assert_eq!(
            statements("The ferry will run on Sundays, Mayor Lena Ortiz said on Friday."),
            vec![one(
                "Lena Ortiz",
                StatementKind::Indirect,
                "The ferry will run on Sundays"
            )]
        );
        assert_eq!(
            statements("The ferry will run on Sundays — Lena Ortiz said."),
            vec![one(
                "Lena Ortiz",
                StatementKind::Indirect,
                "The ferry will run on Sundays"
            )]
        );
        // Nothing before and nothing after: nothing said.
        assert!(statements("Lena Ortiz said.").is_empty());
    }

    #[test]
    fn shape_quote_after_the_cue_that_ends_the_sentence() {
        assert_eq!(
            statements("Councillor Ravi Mehta said: \"We will vote in June.\""),
            vec![one(
                "Ravi Mehta",
                StatementKind::Direct,
                "\"We will vote in June.\""
            )]
        );
        assert_eq!(
            statements("Ravi Mehta said, \"The count starts at noon.\""),
            vec![one(
                "Ravi Mehta",
                StatementKind::Direct,
                "\"The count starts at noon.\""
            )]
        );
        // A quotation that does not end the sentence is part of a reported clause.
        assert_eq!(
            statements("Ravi Mehta said: \"We will vote,\" and sat down."),
            vec![one(
                "Ravi Mehta",
                StatementKind::Mixed,
                "\"We will vote,\" and sat down"
            )]
        );
    }

    #[test]
    fn shape_as_x_said_then_the_content() {
        assert_eq!(
            statements("As Ravi Mehta said, voting starts in June."),
            vec![one(
                "Ravi Mehta",
                StatementKind::Indirect,
                "voting starts in June"
            )]
        );
    }

    #[test]
    fn shape_comma_after_the_cue_says_nothing() {
        assert!(statements("Lena Ortiz said, and the crowd cheered.").is_empty());
    }

    #[test]
    fn shape_added_with_a_noun_phrase_is_an_object() {
        assert_eq!(
            statements(
                "Orvane Textiles added a night shift. Ana Ruiz added that fares would hold."
            ),
            vec![one("Ana Ruiz", StatementKind::Indirect, "fares would hold")]
        );
    }

    #[test]
    fn shape_denied_with_a_bare_object() {
        let text = "Councillor Ravi Mehta denied the report. Velmar Inc. denied any such claims. \
                    Ana Ruiz denied that the mill would close.";
        // What was denied is the object; a clause after the denial is what is denied.
        assert_eq!(
            statements(text),
            vec![
                one("Ravi Mehta", StatementKind::Denial, "the report"),
                one("Velmar Inc.", StatementKind::Denial, "any such claims"),
                one("Ana Ruiz", StatementKind::Denial, "the mill would close"),
            ]
        );
        assert_eq!(
            objects(text),
            [
                ("the report", "the report"),
                ("any such claims", "any such claims")
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        // A pronoun alone says nothing: the statement is who denied it. A phrase that points
        // back holds nothing more; another holds what follows it, up to a comma.
        let text = "Ravi Mehta denied it. Judge Ida Sand rejected that argument in a ruling. \
                    Velmar Inc. strongly denied any involvement in the spill. \
                    The council disputes the idea that the park must close.";
        assert_eq!(
            statements(text),
            vec![
                one("Ravi Mehta", StatementKind::Denial, "Ravi Mehta denied it"),
                one("Ida Sand", StatementKind::Denial, "that argument"),
                one(
                    "Velmar Inc.",
                    StatementKind::Denial,
                    "any involvement in the spill"
                ),
                one(
                    "council",
                    StatementKind::Denial,
                    "the idea that the park must close"
                ),
            ]
        );
    }

    #[test]
    fn shape_reported_clause_after_the_cue() {
        assert_eq!(
            statements(
                "Ana Ruiz said on Tuesday that the depot would close, adding that jobs were safe. \
                 Ana Ruiz told reporters that the bus would stop. Ana Ruiz said to wait."
            ),
            vec![
                one("Ana Ruiz", StatementKind::Indirect, "the depot would close"),
                // The participle after the comma is hers too.
                one("Ana Ruiz", StatementKind::Indirect, "jobs were safe"),
                one("Ana Ruiz", StatementKind::Indirect, "the bus would stop"),
            ]
        );
    }

    #[test]
    fn a_participle_after_a_dateline_or_a_place_set_off_by_commas_is_the_subjects() {
        assert_eq!(
            statements(
                "DUNMERE (Wire) – Senator Ana Ruiz took a swipe at her rival on Monday, saying \
                 that loud talk does more harm than good.\n\n\
                 At a rally in Lund, Ohio, on Sunday, Mr. Tomas Brandt tried to expand on his \
                 remarks, saying that the city should lead.\n\n\
                 MARLOW, Sept 2 (Wire) - The harbour board backed the plan on Friday, saying \
                 the fees would fall."
            ),
            vec![
                one(
                    "Ana Ruiz",
                    StatementKind::Indirect,
                    "loud talk does more harm than good"
                ),
                one(
                    "Tomas Brandt",
                    StatementKind::Indirect,
                    "the city should lead"
                ),
                // A month's short name is no name.
                one(
                    "harbour board",
                    StatementKind::Indirect,
                    "the fees would fall"
                ),
            ]
        );
    }

    #[test]
    fn an_opening_phrase_holds_no_subject_for_a_participle() {
        assert_eq!(
            statements(
                "Shortly after the vote, Ana Ruiz attacked the plan, saying that it would fail.\n\n\
                 When Tomas Berg spoke, Ivo Morel walked out, insisting that the count was wrong."
            ),
            vec![
                one("Ana Ruiz", StatementKind::Indirect, "it would fail"),
                one("Ivo Morel", StatementKind::Indirect, "the count was wrong"),
            ]
        );
    }

    #[test]
    fn a_participle_after_by_or_before_is_the_subjects() {
        assert_eq!(
            statements(
                "Ana Ruiz distanced herself from the ferry board by saying that she would vote \
                 alone. Tomas Berg praised the crew before adding that the fares would rise."
            ),
            vec![
                one("Ana Ruiz", StatementKind::Indirect, "she would vote alone"),
                one(
                    "Tomas Berg",
                    StatementKind::Indirect,
                    "the fares would rise"
                ),
            ]
        );
    }

    #[test]
    fn a_blocked_cue_says_nothing() {
        assert!(statements(
            "Ana Ruiz declined to say when the depot would close. Tomas Brandt would not deny it."
        )
        .is_empty());
    }
}
