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
use crate::mentions::{Mention, MentionKind};
use crate::report::{SpeakerKind, Stance, StatementKind};
use crate::segment::Sentences;
use crate::speakers::Entities;
use crate::tokens::TokKind;
use std::ops::Range;

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

/// Whether a word, after a denial verb, stands for a claim made elsewhere: "it", "this",
/// "that", or a claim noun ("the report", "the union's account").
fn is_claim_object(w: &str) -> bool {
    matches!(w, "it" | "this" | "that") || lexicon::get().is_claim_noun(w)
}

/// Attributes the statements of every sentence, in text order.
pub(crate) fn attribute(
    text: &str,
    s: &Sentences,
    mentions: &[Mention],
    entities: &Entities,
) -> Vec<Attributed> {
    let mut a = Attributor {
        text,
        s,
        mentions,
        entities,
        out: Vec::new(),
        continued_by: continued_by(&s.quotes),
    };
    let mut m0 = 0;
    for si in 0..s.sentences.len() {
        let m_end = m0
            + mentions[m0..]
                .iter()
                .take_while(|m| m.sentence == si)
                .count();
        a.sentence(si, m0..m_end);
        m0 = m_end;
    }
    a.quotes_without_cues();
    a.out.sort_by_key(|x| (x.content.start, x.content.end));
    a.out
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
            .collect();
        r.sort_unstable();
        let mut max_end = Vec::with_capacity(r.len());
        let mut m = 0;
        for &(_, e) in &r {
            m = m.max(e);
            max_end.push(m);
        }
        Containment {
            starts: r.iter().map(|x| x.0).collect(),
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
    text: &'a str,
    s: &'b Sentences<'a>,
    mentions: &'b [Mention],
    entities: &'b Entities,
    out: Vec<Attributed>,
    /// See [`continued_by`].
    continued_by: Vec<Option<usize>>,
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
        self.s.tokens[t.start].range.start..self.s.tokens[t.end - 1].range.end
    }

    /// Token index range of a byte range (tokens wholly inside it).
    fn tokens_of(&self, r: &Range<usize>, within: Range<usize>) -> Range<usize> {
        let toks = &self.s.tokens[within.clone()];
        let a = within.start + toks.partition_point(|t| t.range.start < r.start);
        let b = within.start + toks.partition_point(|t| t.range.end <= r.end);
        a..b.max(a)
    }

    fn sentence(&mut self, si: usize, ms: Range<usize>) {
        let lx = lexicon::get();
        let sent = self.s.sentences[si].clone();
        let stext = &self.text[sent.range.clone()];
        let cues: Vec<_> = lx
            .cues
            .find_words(stext)
            .map(|(r, c)| (r.start + sent.range.start..r.end + sent.range.start, *c))
            .collect();
        let mut claimed: Vec<Range<usize>> = Vec::new();
        for (r, cue) in cues {
            let ct = self.tokens_of(&r, sent.tokens.clone());
            if ct.is_empty() || self.s.quote_of[ct.start].is_some() {
                continue;
            }
            if claimed.iter().any(|c| c.start <= r.start && r.end <= c.end) {
                continue;
            }
            let found = match cue.frame {
                Frame::According => self.according(si, ct.clone(), &ms),
                Frame::PutIt => self.put_it(si, ct.clone(), &ms),
                Frame::Noun => self.noun(si, ct.clone(), &ms),
                _ => self.say(si, ct.clone(), &ms, cue.frame),
            };
            if let Some(mut st) = found {
                st.stance = cue.stance;
                st.cue = r.clone();
                if cue.frame == Frame::Deny
                    && cue.stance == Stance::Denies
                    && st.kind != StatementKind::Direct
                {
                    st.kind = StatementKind::Denial;
                }
                if matches!(cue.stance, Stance::Contradicts) && st.object.is_some() {
                    st.kind = StatementKind::Denial;
                }
                claimed.push(st.content.start.min(r.start)..st.content.end.max(r.end));
                self.out.push(st);
            }
        }
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

    fn statement(
        &self,
        si: usize,
        mi: usize,
        content: Range<usize>,
        kind: StatementKind,
    ) -> Option<Attributed> {
        let entity = self.entity_of(mi)?;
        if content.is_empty() {
            return None;
        }
        Some(Attributed {
            entity,
            source: Some(mi),
            kind,
            stance: Stance::Asserts,
            cue: 0..0,
            content,
            sentence: si,
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
    fn according(&self, si: usize, ct: Range<usize>, ms: &Range<usize>) -> Option<Attributed> {
        let sent = self.s.sentences[si].tokens.clone();
        let mi = self.mention_starting(ms, ct.end)?;
        let m = &self.mentions[mi];
        let mut after = m.tokens.end;
        // An apposition after the source: skip to its closing comma.
        if self.role_apposition_end(after, sent.end).is_some() {
            after = self.role_apposition_end(after, sent.end).unwrap_or(after);
        }
        let opener = (sent.start..ct.start).all(|i| {
            matches!(self.kind(i), TokKind::Punct(_))
                || matches!(self.lower(i), "but" | "and" | "yet" | "so")
        });
        let content = if opener {
            self.trim(after..sent.end)
        } else {
            let pre = self.trim(sent.start..ct.start);
            let post = self.trim(after..sent.end);
            let mut words = (sent.start..ct.start).filter(|&i| self.kind(i) == TokKind::Word);
            let demonstrative = matches!((words.next(), words.next()), (Some(w), None) if matches!(self.lower(w), "that" | "this" | "it"));
            if demonstrative {
                return self.antecedent_content(si).and_then(|c| {
                    let mut st = self.statement(si, mi, c, StatementKind::Indirect)?;
                    st.kind = StatementKind::Indirect;
                    Some(st)
                });
            }
            if post.is_empty() {
                pre
            } else {
                self.trim(sent.start..sent.end)
            }
        };
        if content.is_empty() {
            return None;
        }
        let kind = self.kind_of(content.clone());
        self.statement(si, mi, self.bytes(content), kind)
    }

    /// Where a demonstrative points: the unattributed sentences before it in its paragraph, or
    /// the whole previous paragraph when the sentence opens its own.
    fn antecedent_content(&self, si: usize) -> Option<Range<usize>> {
        let sent = &self.s.sentences[si];
        let prev = self.s.sentences.get(si.checked_sub(1)?)?;
        let attributed = |x: usize| self.out.iter().any(|st| st.sentence == x);
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
    fn put_it(&self, si: usize, ct: Range<usize>, ms: &Range<usize>) -> Option<Attributed> {
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
        self.statement(si, mi, self.bytes(content), kind)
    }

    /// "X is unanimous in its verdict on S": the subject's own judgement.
    fn noun(&self, si: usize, ct: Range<usize>, ms: &Range<usize>) -> Option<Attributed> {
        let sent = self.s.sentences[si].tokens.clone();
        if ct.start == sent.start
            || !matches!(self.lower(ct.start - 1), "its" | "their" | "his" | "her")
        {
            return None;
        }
        let mi = ms.clone().rev().find(|&mi| {
            let m = &self.mentions[mi];
            m.tokens.end < ct.start
                && matches!(self.lower(m.tokens.end), "is" | "are" | "was" | "were")
        })?;
        let start = self.mentions[mi].tokens.end + 1;
        let end = (ct.end..sent.end)
            .find(|&i| matches!(self.kind(i), TokKind::Punct(',' | ';')))
            .unwrap_or(sent.end);
        let content = self.trim(start..end);
        self.statement(si, mi, self.bytes(content), StatementKind::Indirect)
    }

    /// If an apposition (", a spokesman for the agency,") starts at `at`, the token after it.
    fn role_apposition_end(&self, at: usize, end: usize) -> Option<usize> {
        if at >= end || self.kind(at) != TokKind::Punct(',') {
            return None;
        }
        let close = (at + 1..end.min(at + 14)).find(|&i| self.kind(i) == TokKind::Punct(','))?;
        let first = self.lower(at + 1);
        let title = self.s.info[at + 1].has(word::TITLE);
        (title
            || matches!(
                first,
                "a" | "an"
                    | "the"
                    | "who"
                    | "whose"
                    | "on"
                    | "however"
                    | "meanwhile"
                    | "too"
                    | "though"
                    | "in"
            ))
        .then_some(close + 1)
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
        (matches!(first, "a" | "an" | "the" | "who") && clean && end - at <= 14).then_some(end)
    }

    /// The source before a cue: skips auxiliaries and adverbs, and one comma-enclosed
    /// parenthetical (", on the other hand,", ", a spokesman for X,").
    fn source_before(
        &self,
        ms: &Range<usize>,
        cue_start: usize,
        sent_start: usize,
    ) -> Option<usize> {
        let mut k = cue_start;
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
                TokKind::Word if self.s.info[p].has(word::AUX) => k = p,
                // "in 2001", "on Monday"
                TokKind::Number | TokKind::Word
                    if p > sent_start
                        && matches!(self.lower(p - 1), "in" | "on" | "last")
                        && (self.kind(p) == TokKind::Number || self.word(p).ends_with("day")) =>
                {
                    k = p - 1
                }
                TokKind::Punct(',') if !skipped_paren => {
                    let open = (sent_start.max(p.saturating_sub(14))..p)
                        .rev()
                        .find(|&i| self.kind(i) == TokKind::Punct(','))?;
                    if self.s.quote_of[open].is_some() {
                        return None;
                    }
                    skipped_paren = true;
                    k = open;
                }
                _ => return None,
            }
        }
    }

    /// "X said (that) S", "S, X said", "\"Q,\" said X", "X said: \"Q\"", "X denied it".
    fn say(
        &self,
        si: usize,
        ct: Range<usize>,
        ms: &Range<usize>,
        frame: Frame,
    ) -> Option<Attributed> {
        let sent = self.s.sentences[si].tokens.clone();
        // "declined to say", "will not deny": no statement.
        if ct.start > sent.start {
            let mut p = ct.start - 1;
            if self.lower(p) == "not" && p > sent.start {
                p -= 1;
            }
            if self.s.info[p].has(word::CUE_BLOCKER) && self.kind(p) == TokKind::Word {
                return None;
            }
        }
        let before = self.source_before(ms, ct.start, sent.start);
        let (mi, cluster) = match before {
            Some(mi) => (mi, self.mentions[mi].tokens.start..ct.end),
            None => {
                // Inverted: ', said X' or '"Q," said X'.
                let prev_ok = ct.start > sent.start
                    && (matches!(self.kind(ct.start - 1), TokKind::Punct(','))
                        || self.s.quote_of[ct.start - 1].is_some());
                let mi = self.mention_starting(ms, ct.end).filter(|_| prev_ok)?;
                (mi, ct.start..self.mentions[mi].tokens.end)
            }
        };
        // A quotation right before: "\"Q,\" X said".
        let mut b = cluster.start;
        while b > sent.start && matches!(self.kind(b - 1), TokKind::Punct(',' | '—' | '–')) {
            b -= 1;
        }
        if b > sent.start {
            if let Some(q) = self.s.quote_of[b - 1] {
                let q = &self.s.quotes[q as usize];
                if q.tokens.end == b {
                    let st = self.statement(
                        si,
                        mi,
                        self.quote_bytes(q.tokens.clone()),
                        StatementKind::Direct,
                    );
                    return st;
                }
            }
        }
        // What follows the cluster.
        let mut k = cluster.end;
        if frame == Frame::Tell {
            // The addressee: a mention or a few words up to "that", a colon, comma or quotation.
            let stop = (k..sent.end.min(k + 8)).find(|&i| {
                matches!(self.kind(i), TokKind::Punct(_) | TokKind::Quote(_))
                    || self.lower(i) == "that"
            });
            if let Some(stop) = stop {
                k = stop;
            } else if let Some(m) = self.mention_starting(ms, k) {
                k = self.mentions[m].tokens.end;
            }
        }
        if let Some(after) = self
            .role_apposition_end(k, sent.end)
            .or_else(|| self.final_apposition(k, sent.end))
        {
            k = after;
        }
        k = self.skip_adjuncts(k, sent.end);
        let tail_empty = self.trim(k..sent.end).is_empty();
        // "S, X said." — the cluster closes the sentence.
        if tail_empty && b > sent.start && b < cluster.start {
            let content = self.trim(sent.start..b);
            if content.is_empty() {
                return None;
            }
            let kind = self.kind_of(content.clone());
            return self.statement(si, mi, self.bytes(content), kind);
        }
        if tail_empty {
            return None;
        }
        // "X said: \"Q\"" / "X said, \"Q\"".
        let mut q0 = k;
        if matches!(self.kind(q0), TokKind::Punct(':' | ',')) {
            q0 += 1;
        }
        if q0 < sent.end {
            if let Some(q) = self.s.quote_of[q0] {
                let qq = &self.s.quotes[q as usize];
                if qq.tokens.start == q0
                    && (qq.tokens.end >= sent.end - 1
                        || self.trim(qq.tokens.end..sent.end).is_empty())
                {
                    return self.statement(
                        si,
                        mi,
                        self.quote_bytes(qq.tokens.clone()),
                        StatementKind::Direct,
                    );
                }
            }
        }
        // "As X said, S".
        let m_start = self.mentions[mi].tokens.start;
        if matches!(self.kind(k), TokKind::Punct(','))
            && m_start > sent.start
            && self.lower(m_start - 1) == "as"
        {
            let content = self.trim(k + 1..sent.end);
            let kind = self.kind_of(content.clone());
            return (!content.is_empty())
                .then(|| self.statement(si, mi, self.bytes(content), kind))
                .flatten();
        }
        if matches!(self.kind(k), TokKind::Punct(',')) && frame != Frame::Deny {
            // "X said, adding ..." — a comma not followed by a quotation: no content here.
            return None;
        }
        // "X added that S" is speech; "Tidewell added a third service" is not.
        if frame == Frame::Add && lexicon::get().is_np_opener(self.word(k)) {
            return None;
        }
        // A denial with a bare object: "X denied it", "the company denied the report".
        if frame == Frame::Deny {
            let mut o = k;
            while o < sent.end
                && matches!(
                    self.lower(o),
                    "the"
                        | "any"
                        | "all"
                        | "these"
                        | "those"
                        | "such"
                        | "his"
                        | "her"
                        | "their"
                        | "its"
                )
            {
                o += 1;
            }
            // A possessor before the noun: "the union's account", "Ms. Delgado's claims".
            if let Some(p) = (o..sent.end.min(o + 5)).find(|&p| {
                let w = self.word(p);
                self.kind(p) == TokKind::Word && (w.ends_with("'s") || w.ends_with("’s"))
                    || matches!(w, "'s" | "’s")
            }) {
                if p + 1 < sent.end && is_claim_object(self.lower(p + 1)) {
                    o = p + 1;
                }
            }
            if o < sent.end && self.kind(o) == TokKind::Word && is_claim_object(self.lower(o)) {
                let clause_that = self.lower(o) == "that"
                    && o + 1 < sent.end
                    && self.kind(o + 1) == TokKind::Word;
                if !clause_that {
                    let start = self.mentions[mi].tokens.start.min(ct.start);
                    let mut st =
                        self.statement(si, mi, self.bytes(start..o + 1), StatementKind::Denial)?;
                    st.object = Some(self.bytes(k..o + 1));
                    return Some(st);
                }
            }
        }
        let content = self.trim(k..self.clause_end(k, sent.end));
        if content.is_empty() || self.lower(content.start) == "to" {
            return None;
        }
        let kind = self.kind_of(content.clone());
        let mut bytes = self.bytes(content.clone());
        if kind == StatementKind::Direct {
            bytes = self.quote_bytes(content);
        }
        self.statement(si, mi, bytes, kind)
    }

    /// Where reported content ends: the sentence end, or a participle clause tacked on after a
    /// comma (", suggesting …", ", adding …").
    fn clause_end(&self, from: usize, end: usize) -> usize {
        let participle = |i: usize| {
            i < end
                && self.kind(i) == TokKind::Word
                && self.lower(i).ends_with("ing")
                && self.s.quote_of[i].is_none()
        };
        (from..end.saturating_sub(1))
            .find_map(|i| match self.kind(i) {
                TokKind::Punct(',') if self.s.quote_of[i].is_none() && participle(i + 1) => Some(i),
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
        if let Some(mut q) = self.s.quote_of[t.start].map(|q| q as usize) {
            while let Some(next) = self.continued_by[q] {
                r.end = self.s.quotes[next].range.end;
                q = next;
            }
        }
        r
    }

    /// Skips adjuncts between a cue and its content: "in a statement", "on Monday", "last
    /// week", "in an interview with X".
    fn skip_adjuncts(&self, mut k: usize, end: usize) -> usize {
        loop {
            if k >= end || self.kind(k) != TokKind::Word {
                return k;
            }
            let w = self.lower(k);
            let temporal = matches!(
                w,
                "monday"
                    | "tuesday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
                    | "today"
                    | "yesterday"
                    | "tonight"
                    | "recently"
                    | "later"
                    | "earlier"
                    | "again"
                    | "also"
                    | "repeatedly"
                    | "previously"
                    | "publicly"
                    | "privately"
                    | "flatly"
                    | "firmly"
                    | "strongly"
                    | "then"
                    | "simply"
                    | "further"
                    | "quickly"
            );
            if temporal {
                k += 1;
                continue;
            }
            let prep = matches!(
                w,
                "in" | "on"
                    | "at"
                    | "during"
                    | "after"
                    | "last"
                    | "this"
                    | "late"
                    | "early"
                    | "via"
                    | "through"
            );
            if prep {
                // Up to a "that", comma, colon or quotation within a few words.
                let stop = (k + 1..end.min(k + 8)).find(|&i| {
                    matches!(self.kind(i), TokKind::Punct(',' | ':') | TokKind::Quote(_))
                        || self.lower(i) == "that"
                });
                match stop {
                    Some(s) => {
                        k = s;
                        continue;
                    }
                    // A short closing adjunct: "… the company said on Tuesday."
                    None if end - k <= 6
                        && (k..end).all(|i| !matches!(self.kind(i), TokKind::Quote(_))) =>
                    {
                        return end
                    }
                    None => return k,
                }
            }
            return k;
        }
    }

    /// Quotations that no cue claimed: a quotation making up most of its sentence continues the
    /// statement of the nearest quotation before it in the paragraph (or, failing that, the
    /// next one after it, or the last statement of the paragraph before).
    fn quotes_without_cues(&mut self) {
        let mut added = Vec::new();
        let claimed = Containment::new(&self.out);
        // The statements of each block, in the order they were found.
        let mut by_block: Vec<Vec<&Attributed>> = vec![Vec::new(); self.s.blocks.len()];
        for st in &self.out {
            by_block[self.s.sentences[st.sentence].block].push(st);
        }
        for q in &self.s.quotes {
            if claimed.contains(&q.range) {
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
                    (prev_ends_colon || direct || q.continues.is_some()).then_some(last)
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

/// The kind of a stretch of reported content: direct when it is one quotation, mixed when it
/// holds one, indirect otherwise.
pub(crate) fn kind_of(s: &Sentences, t: Range<usize>) -> StatementKind {
    if t.is_empty() {
        return StatementKind::Indirect;
    }
    let (first, last) = (s.quote_of[t.start], s.quote_of[t.end - 1]);
    if first.is_some() && first == last {
        return StatementKind::Direct;
    }
    if t.clone().any(|i| s.quote_of[i].is_some()) {
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
            || (k == TokKind::Word && matches!(w, "that" | "and" | "but"))
                && t.len() > 1
                && s.quote_of[t.start].is_none()
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
        ) && s.quote_of[t.end - 1].is_none()
        {
            t.end -= 1;
        } else {
            break;
        }
    }
    t
}

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
    let want = match p {
        'm' => Gender::Male,
        'f' => Gender::Female,
        _ => Gender::Unknown,
    };
    let ok = |id: usize| {
        let e = &entities.list[id];
        match p {
            'm' | 'f' => e.kind == SpeakerKind::Person && e.gender.agrees(want),
            'o' => e.kind == SpeakerKind::Organisation,
            _ => matches!(e.kind, SpeakerKind::Group | SpeakerKind::Organisation) || e.plural,
        }
    };
    let window = here.sentence.saturating_sub(4);
    let candidate = mentions[..mi]
        .iter()
        .zip(&entities.of_mention)
        .rev()
        .take_while(|(m, _)| m.sentence >= window)
        .filter(|(m, _)| !m.possessive || m.sentence != here.sentence)
        .find_map(|(_, id)| id.filter(|&id| ok(id)));
    let last_speaker = out
        .iter()
        .rev()
        .find(|st| st.sentence + 3 >= here.sentence)
        .map(|st| st.entity)
        .filter(|&id| ok(id) && entities.list[id].gender == want && want != Gender::Unknown);
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

    fn statements(text: &str) -> Vec<(String, StatementKind, String)> {
        let doc = Document::from_text(text).unwrap();
        let s = Sentences::new(doc.text(), doc.blocks());
        let m = crate::mentions::find(doc.text(), &s);
        let e = crate::speakers::resolve(doc.text(), &m);
        attribute(doc.text(), &s, &m, &e)
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
    fn according_to_on_either_side() {
        assert_eq!(
            statements("Mr. Trump pushed back, according to Mr. Tillerson. According to Ann Lee, talks will resume."),
            vec![
                one("Tillerson", StatementKind::Indirect, "Mr. Trump pushed back"),
                one("Ann Lee", StatementKind::Indirect, "talks will resume")
            ]
        );
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
    fn mixed_quote_and_denial() {
        let s = statements("Mr. Okafor denied it, as he had before. Mayor Ann Lee said she had \"seen enough of this.\"");
        assert_eq!(
            s[0],
            one("Okafor", StatementKind::Denial, "Mr. Okafor denied it")
        );
        assert_eq!(s[1].1, StatementKind::Mixed);
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
        let s =
            statements("Helen Okafor met James Chen. \"We agree,\" he said. \"Good,\" she added.");
        assert_eq!(s[0].0, "James Chen");
        assert_eq!(s[1].0, "Helen Okafor");
    }

    #[test]
    fn a_quote_without_cue_continues_the_speaker() {
        let s = statements("\"We won,\" Helen Okafor said. \"It was a long night for all of us.\"");
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].0, "Helen Okafor");
    }

    #[test]
    fn declined_to_say_is_no_statement() {
        assert!(
            statements("Helen Okafor declined to say when the bridge would reopen.").is_empty()
        );
    }
}
