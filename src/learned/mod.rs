//! Stage 4b, learned statements: finds the attributions the rules miss, with a model trained on
//! annotated news (see `whosaid-train`).
//!
//! Centred on cues, as the dependency-rule systems are: a scorer marks the words that introduce
//! an attribution ("said", "according to", "accused", "polls show"); for each cue the rules did
//! not already use, a ranker picks its source among the sentence's mentions, and a third scorer
//! says whether the content follows the cue or precedes it. The content is then that side of
//! the sentence, trimmed as the rules trim it. The rules' statements are kept as they are (they
//! are precise); the model's are added where the rules found nothing. Hands on: the rules'
//! statements and the model's, in text order.

mod features;
mod model;
#[cfg(feature = "cli")]
pub mod train;

pub use model::Model;

use crate::attribution::{self, Attributed};
use crate::lexicon::{self, Adjunct, Frame};
use crate::list::Listed;
use crate::mentions::{Mention, MentionKind};
use crate::report::{Stance, StatementKind};
use crate::segment::Sentences;
use crate::speakers::Entities;
use crate::tokens::TokKind;
use features::{Context, Cue, CueForms, Features};
use std::ops::Range;

/// Adds the model's statements to the rules'.
pub(crate) fn extend(
    s: &Sentences,
    mentions: &[Mention],
    entities: &Entities,
    rules: Vec<Attributed>,
    model: &Model,
) -> Vec<Attributed> {
    let ctx = Context::new(s, mentions, &rules);
    let cue_words = model.cue_words().of_forms(s);
    let held = Held::new(&rules);
    let mut f = Features::default();
    let mut added = Vec::new();
    for (si, ms) in crate::mentions::by_sentence(mentions, s.sentences.len()).enumerate() {
        let found_cues = cues(&ctx, si, model, &cue_words, &mut f);
        let starts: Vec<usize> = found_cues.iter().map(|c| c.tokens.start).listed();
        for cue in &found_cues {
            let Some(mi) = best_source(&ctx, cue, ms.clone(), model, &mut f) else {
                continue;
            };
            if !ctx.in_lexicon(cue.tokens.start) && lone_opening_name(&ctx, entities, mi) {
                continue;
            }
            let before = rules.partition_point(|st| st.sentence <= si);
            let at = Site {
                cue,
                mi,
                starts: &starts,
            };
            let found = statement(&ctx, entities, &rules[..before], &at, model, &mut f);
            // What a speaker's own statement already holds is not said again.
            if let Some(st) = found.filter(|st| !held.repeats(st)) {
                added.push(st);
            }
        }
    }
    nested_only(rules, added)
}

/// Whether mention `mi` is one capitalised word of no known kind, never named more fully,
/// opening its sentence or following a dateline's dash ("RIVERTON — Contract talks between
/// …"): a source only for a cue the speech-cue lexicon knows.
fn lone_opening_name(ctx: &Context, entities: &Entities, mi: usize) -> bool {
    let m = &ctx.mentions[mi];
    let at = m.tokens.start;
    let one_word = |e: usize| !entities.list[e].name.bytes().any(|b| b == b' ');
    m.kind == MentionKind::Name
        && m.tokens.len() == 1
        && entities.of_mention[mi].is_some_and(one_word)
        && (at == ctx.s.sentences[m.sentence].tokens.start
            || matches!(ctx.s.tokens[at - 1].kind, TokKind::Punct('—' | '–')))
}

/// The rules' statements and the model's, in text order, without the model's that overlap
/// another statement's content partly: contents are apart or one holds the other (the rules'
/// statements are kept whatever they overlap).
fn nested_only(rules: Vec<Attributed>, added: Vec<Attributed>) -> Vec<Attributed> {
    let mut all: Vec<(Attributed, bool)> = rules
        .into_iter()
        .map(|st| (st, true))
        .chain(added.into_iter().map(|st| (st, false)))
        .listed();
    // Holders before what they hold: by start, the longest first.
    crate::sort::sort_by_key(&mut all, |(x, _)| {
        (x.content.start, std::cmp::Reverse(x.content.end))
    });
    // The contents around the one being read, each inside the one before it, with their
    // speakers.
    let mut around: Vec<(Range<usize>, usize)> = Vec::new();
    let mut out = Vec::with_capacity(all.len());
    for (st, from_rules) in all {
        while around
            .last()
            .is_some_and(|(a, _)| a.end <= st.content.start)
        {
            around.pop();
        }
        let partly = around.last().is_some_and(|(a, _)| st.content.end > a.end);
        // "X said that Y once described S": inside what another speaker said, a cue of the
        // model's is mostly part of the report, not a statement of its own (on train, 178 of
        // 237 such statements matched no annotation).
        let inside_another = around.last().is_some_and(|&(_, e)| e != st.entity);
        if (partly || inside_another) && !from_rules {
            continue;
        }
        if !partly {
            around.push((st.content.clone(), st.entity));
        }
        out.push(st);
    }
    crate::sort::sort_by_key(&mut out, |x| (x.content.start, x.content.end));
    out
}

/// The rules' statements by speaker, to answer "does a statement of the rules by the same
/// speaker already hold this content?" in logarithmic time (a scan of every statement for each
/// added one made long articles quadratic).
struct Held {
    /// For each speaker (entity, by index): its statements' content starts, ascending, and the
    /// largest content end among each prefix of them.
    by_entity: Vec<(Vec<usize>, Vec<usize>)>,
}

impl Held {
    fn new(rules: &[Attributed]) -> Held {
        let n = rules.iter().map(|r| r.entity + 1).max().unwrap_or(0);
        let mut by_entity: Vec<Vec<(usize, usize)>> =
            std::iter::repeat_with(Vec::new).take(n).collect();
        for r in rules {
            by_entity[r.entity].push((r.content.start, r.content.end));
        }
        let by_entity = by_entity
            .into_iter()
            .map(|mut r| {
                crate::sort::sort(&mut r);
                let max_end = r
                    .iter()
                    .scan(0, |m, &(_, end)| {
                        *m = end.max(*m);
                        Some(*m)
                    })
                    .listed();
                (r.iter().map(|&(start, _)| start).listed(), max_end)
            })
            .listed();
        Held { by_entity }
    }

    /// Whether a statement of the rules by the same speaker already holds this one's content.
    fn repeats(&self, st: &Attributed) -> bool {
        let c = &st.content;
        self.by_entity
            .get(st.entity)
            .is_some_and(|(starts, max_end)| {
                let n = starts.partition_point(|&s| s <= c.start);
                n > 0 && max_end[n - 1] >= c.end
            })
    }
}

/// The cues of sentence `si` that the model finds and the rules did not use: runs of tokens
/// scoring above the model's threshold.
fn cues(
    ctx: &Context,
    si: usize,
    model: &Model,
    cue_words: &CueForms,
    f: &mut Features,
) -> Vec<Cue> {
    let sent = ctx.s.sentences[si].tokens.clone();
    let mut out: Vec<Cue> = Vec::new();
    for i in sent {
        if !ctx.cue_candidate(i, cue_words) {
            continue;
        }
        ctx.cue(si, i, f);
        let score = model.score(&f.ids);
        if score <= model.threshold(ctx.in_lexicon(i)) {
            continue;
        }
        match out.last_mut() {
            Some(c) if c.tokens.end == i => {
                c.tokens.end = i + 1;
                c.sure |= score > 0.0;
            }
            _ => out.push(Cue {
                tokens: i..i + 1,
                sentence: si,
                sure: score > 0.0,
            }),
        }
    }
    out.retain(|c| {
        let start = ctx.s.sentences[c.sentence].tokens.start;
        !c.tokens.clone().any(|i| ctx.rule_cue[i])
            && !attribution::is_passive(ctx.s, c.tokens.start, start)
    });
    out
}

/// The candidate sources of a cue: the sentence's mentions that do not overlap it, each with
/// its rank of nearness on its side of the cue.
pub(crate) fn candidates(ctx: &Context, cue: &Cue, ms: Range<usize>) -> Vec<(usize, usize)> {
    let before: Vec<usize> = ms
        .clone()
        .rev()
        .filter(|&mi| ctx.mentions[mi].tokens.end <= cue.tokens.start)
        .listed();
    // "shouted to the crowd", "said to reporters": who is spoken to does not speak.
    let after = ms.filter(|&mi| {
        let m = &ctx.mentions[mi];
        m.tokens.start >= cue.tokens.end && !attribution::spoken_to(ctx.s, m)
    });
    before
        .iter()
        .enumerate()
        .map(|(rank, &mi)| (mi, rank))
        .chain(after.enumerate().map(|(rank, mi)| (mi, rank)))
        .listed()
}

/// How much better than the best candidate "no source" must score to win: the ranker was
/// trained on every gold attribution, a fifth of them with no source or one no mention covers, so it
/// says "none" more often than a cue the scorer found warrants (tuned on dev: F1 0.597 at 0,
/// 0.601 at 2, flat beyond; precision 0.823 → 0.818).
const NO_SOURCE_MARGIN: f32 = 2.0;

fn best_source(
    ctx: &Context,
    cue: &Cue,
    ms: Range<usize>,
    model: &Model,
    f: &mut Features,
) -> Option<usize> {
    let cands = candidates(ctx, cue, ms);
    ctx.no_source(cue, cands.len(), f);
    let mut best: (f32, Option<usize>) = (model.score(&f.ids) - NO_SOURCE_MARGIN, None);
    for (mi, rank) in cands {
        ctx.source(cue, mi, rank, f);
        let score = model.score(&f.ids);
        if score > best.0 {
            best = (score, Some(mi));
        }
    }
    // "Ana Ruiz, president of the union, said": the cue after the apposition is the person's.
    best.1.map(|mi| match ctx.mentions[mi].within {
        Some((head, close)) if cue.tokens.start >= close as usize => head as usize,
        _ => mi,
    })
}

/// The token ranges on either side of a cue and its source: (before, after).
pub(crate) fn sides(ctx: &Context, cue: &Cue, mi: usize) -> (Range<usize>, Range<usize>) {
    let sent = ctx.s.sentences[cue.sentence].tokens.clone();
    let m = &ctx.mentions[mi].tokens;
    let left_end = cue.tokens.start.min(m.start);
    let right_start = cue.tokens.end.max(m.end);
    (sent.start..left_end, right_start..sent.end)
}

/// Whether token `i` is the comma before a participle clause tacked on to what was said ("warned
/// that S, adding …", "complained about his mic, even suggesting …"): the annotated news ends
/// the speech there about twice as often as it goes on; not before "including", "during" and
/// the like, which go on with what was said.
fn tacked_participle(s: &Sentences, i: usize) -> bool {
    let mut k = i + 1;
    if k < s.tokens.len() && lexicon::one_of(s.lower(k), "even also again then while") {
        k += 1;
    }
    s.tokens[i].kind == TokKind::Punct(',')
        && s.quote_of.at(i).is_none()
        && k < s.tokens.len()
        && s.tokens[k].kind == TokKind::Word
        && s.quote_of.at(k).is_none()
        && s.lower(k).len() > 5
        && s.lower(k).ends_with("ing")
        && !lexicon::one_of(
            s.lower(k),
            "including during according referring regarding concerning something nothing \
             anything everything following notwithstanding",
        )
}

/// A cue, its source, and where the sentence's other cues start.
struct Site<'c> {
    cue: &'c Cue,
    mi: usize,
    starts: &'c [usize],
}

/// What follows a cue ends where the next attribution of the sentence begins: its cue, or the
/// source and auxiliaries before it ("X said S, and Y added T" gives X "S").
pub(crate) fn up_to_next_cue(ctx: &Context, starts: &[usize], right: Range<usize>) -> Range<usize> {
    let s = ctx.s;
    let Some(mut k) =
        (right.start + 1..right.end).find(|&k| ctx.rule_cue[k] || starts.contains(&k))
    else {
        return right;
    };
    while k > right.start + 1 && s.info[k - 1].has(crate::lexicon::word::AUX) {
        k -= 1;
    }
    if let Some(m) = ctx
        .mention_ending_at(k)
        .filter(|m| m.tokens.start > right.start)
    {
        k = m.tokens.start;
    }
    while k > right.start + 1 && lexicon::one_of(s.lower(k - 1), "and but while as , whereas") {
        k -= 1;
    }
    right.start..k
}

/// The content after a cue, cut where the model says it ends: the first token after which it
/// scores an end, else the whole side.
pub(crate) fn end(
    ctx: &Context,
    cue: &Cue,
    side: Range<usize>,
    model: &Model,
    f: &mut Features,
) -> Range<usize> {
    for at in ctx.end_places(side.clone()) {
        ctx.end(cue, &at, f);
        if model.score(&f.ids) > 0.0 {
            return side.start..at.token + 1;
        }
    }
    side
}

fn statement(
    ctx: &Context,
    entities: &Entities,
    earlier: &[Attributed],
    at: &Site,
    model: &Model,
    f: &mut Features,
) -> Option<Attributed> {
    let (cue, mi) = (at.cue, at.mi);
    let s = ctx.s;
    ctx.side(cue, Some(mi), f);
    let (left, right) = sides(ctx, cue, mi);
    let right = up_to_next_cue(ctx, at.starts, right);
    let (left, right) = (attribution::trim(s, left), attribution::trim(s, right));
    let content = match (model.score(&f.ids) > 0.0, left.is_empty(), right.is_empty()) {
        (_, true, true) => return None,
        (true, _, false) | (false, true, false) => {
            let c = end(ctx, cue, right, model, f);
            let sent_start = s.sentences[cue.sentence].tokens.start;
            let opener = ctx.mentions[mi].tokens.start.min(cue.tokens.start);
            let c = c.start
                ..attribution::opening_clause_end(s, sent_start, opener, c.start, c.end)
                    .unwrap_or(c.end);
            let aside = c.clone().find(|&i| {
                i > c.start && (attribution::writers_aside(s, i) || tacked_participle(s, i))
            });
            let c = attribution::in_relative_clause(
                s,
                &ctx.mentions[mi],
                c.start..aside.unwrap_or(c.end),
            );
            attribution::trim(s, c)
        }
        _ => left,
    };
    // An infinitive after a denial is a refusal, not a claim ("declined to comment"); content
    // holding a cue of the rules' is theirs; a lone word is a particle ("pushed back, according
    // to X"). An infinitive after another cue is an intention the source states ("pledged to
    // cut taxes").
    let lexical = lexicon::get()
        .cues
        .get_exact(s.lower_span(cue.tokens.clone()));
    let denial = lexical.is_some_and(|c| c.stance != Stance::Asserts);
    let words = content
        .clone()
        .filter(|&i| s.tokens[i].kind == TokKind::Word)
        .count();
    if (s.lower(content.start) == "to" && denial)
        || attribution::particle_after(s, cue.tokens.end)
        || content.clone().any(|i| ctx.rule_cue[i])
        || (words < 2 && !denial)
    {
        return None;
    }
    // "called the police": a naming cue says something only with a quotation ("called the
    // deal “a disgrace”"); "called for", "called on" ask for something.
    let asks =
        cue.tokens.end < s.tokens.len() && lexicon::one_of(s.lower(cue.tokens.end), "for on");
    if lexical.is_some_and(|c| c.frame == Frame::Name)
        && !asks
        && !content.clone().any(|i| s.quote_of.at(i).is_some())
        && !attribution::names_in_small_clause(s, cue.tokens.end, content.end)
    {
        return None;
    }
    // "The board approved a plan": a verb no lexicon knows, scored below naught, reports
    // speech with a clause or a quotation, not with a bare object.
    if !cue.sure
        && lexical.is_none()
        && !content.clone().any(|i| s.quote_of.at(i).is_some())
        && !attribution::holds_clause(s, content.clone())
    {
        return None;
    }
    // "said in an interview with a radio station", "said as he left": only adjuncts follow a
    // cue that reports clauses, and nothing after it was said.
    let sent = s.sentences[cue.sentence].tokens.clone();
    let clause_only =
        lexical.is_some_and(|c| attribution::says_a_clause(s, cue.tokens.clone(), c.frame));
    if clause_only && content.start >= cue.tokens.end {
        let k = attribution::skip_adjuncts(s, cue.tokens.end, sent.end, true);
        // "said as much in an interview, arguing …": a comma after the adjuncts, as after the
        // cue itself, ends what the cue introduced.
        let comma = |k: usize| {
            s.tokens[k].kind == TokKind::Punct(',')
                && !matches!(s.tokens.get(k + 1).map(|t| t.kind), Some(TokKind::Quote(_)))
        };
        let clause = s.tokens[cue.tokens.end].kind == TokKind::Word
            && lexicon::get().cue_adjunct(s.lower(cue.tokens.end)) == Some(Adjunct::Clause);
        if k >= sent.end || clause && comma(k) {
            return None;
        }
    }
    // "It's no surprise if X agreed to …": a supposition, not a report.
    let sent_start = sent.start;
    let opener = ctx.mentions[mi].tokens.start.min(cue.tokens.start);
    if opener > sent_start && lexicon::one_of(s.lower(opener - 1), "if unless whether") {
        return None;
    }
    let entity = match ctx.mentions[mi].kind {
        MentionKind::Pronoun(p) => attribution::antecedent(ctx.mentions, entities, earlier, mi, p),
        _ => entities.of_mention[mi],
    }?;
    let cue_bytes = bytes(s, cue.tokens.clone());
    let stance = lexical.map_or(Stance::Asserts, |c| c.stance);
    let mut content = content;
    let mut object = None;
    if stance != Stance::Asserts {
        // A denial or a challenge says something only of what follows it.
        if content.start < cue.tokens.end {
            return None;
        }
        if let Some(o) = attribution::claim_object(s, sides(ctx, cue, mi).1) {
            object = Some(bytes(s, cue.tokens.end..o + 1));
            content = ctx.mentions[mi].tokens.start.min(cue.tokens.start)..o + 1;
        }
    }
    let mut kind = attribution::kind_of(s, content.clone());
    if object.is_some()
        || lexical.is_some_and(|c| c.frame == Frame::Deny && c.stance == Stance::Denies)
            && kind != StatementKind::Direct
    {
        kind = StatementKind::Denial;
    }
    Some(Attributed {
        entity,
        source: Some(mi),
        kind,
        stance,
        cue: cue_bytes,
        content: bytes(s, content),
        sentence: cue.sentence,
        object,
    })
}

fn bytes(s: &Sentences, t: Range<usize>) -> Range<usize> {
    s.tokens[t.start].start()..s.tokens[t.end - 1].end()
}

#[cfg(test)]
mod tests {
    use super::train::{train, GoldDoc, GoldQuote, Options as TrainOptions};
    use crate::{analyze_with, Document, Model, Options};

    /// (speaker, cue, content) of every statement, with or without the built-in model.
    fn statements(text: &str, learned: bool) -> Vec<(String, String, String)> {
        let options = Options {
            model: learned.then(Model::builtin),
        };
        let r = analyze_with(&Document::from_text(text).unwrap(), &options);
        r.statements
            .iter()
            .map(|st| {
                let who = r.speaker(&st.speaker).unwrap().name.clone();
                (
                    who,
                    r.slice(st.cue).to_string(),
                    r.slice(st.content).to_string(),
                )
            })
            .collect()
    }

    fn one(who: &str, cue: &str, what: &str) -> Vec<(String, String, String)> {
        vec![(who.to_string(), cue.to_string(), what.to_string())]
    }

    #[test]
    fn the_model_adds_a_cue_the_rules_do_not_know() {
        // The rules take a name in apposition to a description only when the description
        // opens the sentence.
        let text =
            "In an interview, the agency's director, Paul Brandt, argued the audit had been rushed.";
        assert_eq!(statements(text, false), vec![]);
        assert_eq!(
            statements(text, true),
            one("Paul Brandt", "argued", "the audit had been rushed")
        );
    }

    #[test]
    fn who_is_spoken_to_does_not_speak() {
        let text = "\"This is a big year for our ferry!\" the mayor's niece, state Del. Ada \
                    \"Di\" Finch (D-Carrow), shouted to the crowd.";
        let found = statements(text, true);
        assert!(found.iter().all(|st| st.0 != "crowd"), "{found:?}");
    }

    #[test]
    fn a_cue_after_an_apposition_is_the_named_persons() {
        let text = "With ten days left, Ines Vale, a senior adviser to the Quell campaign, called \
                    the vote \"a test of trust\".";
        assert_eq!(
            statements(text, true),
            one("Ines Vale", "called", "the vote \"a test of trust\"")
        );
    }

    #[test]
    fn a_clause_or_an_intention_after_a_learned_cue_is_a_statement_but_a_refusal_is_not() {
        assert_eq!(
            statements("Councillor Abe Moss agreed the vote had been fair.", true),
            one("Abe Moss", "agreed", "the vote had been fair")
        );
        // A vow is what the source says it will do (news corpora annotate it so).
        assert_eq!(
            statements("Councillor Abe Moss vowed to delay the vote.", true),
            one("Abe Moss", "vowed", "to delay the vote")
        );
        // Declining to comment is reported as such (the annotated news counts it), and it is
        // no denial of anything.
        assert_eq!(
            statements("Councillor Abe Moss declined to comment.", true),
            one("Abe Moss", "declined", "to comment")
        );
        let r = analyze_with(
            &Document::from_text("Councillor Abe Moss declined to comment.").unwrap(),
            &Options::default(),
        );
        assert!(r.disputes.is_empty());
        assert_eq!(r.statements[0].kind, crate::StatementKind::Indirect);
    }

    #[test]
    fn a_relative_pronoun_source_speaks_for_the_mention_before_it() {
        let cases = [
            (
                "Residents cheered Councillor Ivo Brandt, who said the park would stay open.",
                "Ivo Brandt",
                "the park would stay open",
            ),
            (
                "The dispute was settled by the harbour authority, which said the berths would be rebuilt.",
                "harbour authority",
                "the berths would be rebuilt",
            ),
        ];
        for (text, who, what) in cases {
            for learned in [false, true] {
                assert_eq!(statements(text, learned), one(who, "said", what), "{text}");
            }
        }
        // "Who" opening a question is no source.
        assert_eq!(
            statements("Who said the park would stay open?", true),
            vec![]
        );
    }

    #[test]
    fn a_participle_clause_after_a_comma_ends_what_a_learned_cue_reports() {
        assert_eq!(
            statements(
                "The union wants to sign up 900 more members, focusing on workers under 30.",
                true
            ),
            one("union", "wants", "to sign up 900 more members")
        );
        assert_eq!(
            statements(
                "The council vowed to rebuild the pier, beginning in March.",
                true
            ),
            one("council", "vowed", "to rebuild the pier")
        );
    }

    #[test]
    fn a_model_cue_inside_what_another_speaker_said_is_part_of_it() {
        let text = "Ada Finch argued that Abe Moss blamed the crews for the delays.";
        assert_eq!(
            statements(text, true),
            one(
                "Ada Finch",
                "argued",
                "Abe Moss blamed the crews for the delays"
            )
        );
    }

    #[test]
    fn adjuncts_after_a_cue_of_clauses_say_nothing() {
        let text = "Harbour master Tom Baker said as much in an interview earlier on Thursday, \
                    arguing that the pier was unsafe.";
        assert_eq!(
            statements(text, true),
            one("Tom Baker", "arguing", "the pier was unsafe")
        );
    }

    #[test]
    fn a_supposition_is_not_a_statement() {
        let text = "It is no surprise if Mayor Ann Lee agreed to delay the vote.";
        assert_eq!(statements(text, true), vec![]);
    }

    #[test]
    fn a_lone_capitalised_word_opening_a_sentence_is_no_source_of_a_learned_cue() {
        // "Contract talks": an adjective-like capital, never named more fully, after a
        // dateline; a surname of someone named in full speaks.
        let text = "HAVERSTOCK — Contract talks between the ferry crews and the port entered a \
                    third week on Friday.\n\nPort director Ada Lind met the crews. Lind talks \
                    about the new timetable every week.";
        assert_eq!(
            statements(text, true),
            one("Ada Lind", "talks", "about the new timetable every week")
        );
    }

    #[test]
    fn the_subject_of_a_passive_cue_does_not_speak() {
        let text = "Governor Tom Hale was criticized by the union.";
        assert_eq!(statements(text, true), vec![]);
    }

    /// A tiny annotated set of our own: "X told Y that S" in a few forms.
    fn tiny_set() -> Vec<GoldDoc> {
        let texts = [
            (
                "Mayor Ann Lee told reporters that the bridge would reopen in March.",
                "Ann Lee",
                "the bridge would reopen in March",
            ),
            (
                "Chief Omar Reyes told the council that crime had fallen.",
                "Omar Reyes",
                "crime had fallen",
            ),
            (
                "The bakery's owner, Ida Stone, told customers that prices would rise.",
                "Ida Stone",
                "prices would rise",
            ),
        ];
        texts
            .iter()
            .map(|(t, name, content)| {
                let at = |w: &str| {
                    let b = t.find(w).unwrap();
                    (t[..b].chars().count(), t[..b + w.len()].chars().count())
                };
                GoldDoc {
                    text: t.to_string(),
                    quotes: vec![GoldQuote {
                        content_spans: vec![at(content)],
                        speaker_mentions: vec![at(name)],
                        cue_spans: vec![at("told")],
                        speaker_is_pronoun: false,
                        speaker_canonical_auto: None,
                    }],
                }
            })
            .collect()
    }

    #[test]
    fn training_is_deterministic_and_its_file_reads_back() {
        let opts = TrainOptions {
            bits: 12,
            min_cue_count: 1,
            ..TrainOptions::default()
        };
        let (a, stats) = train(&tiny_set(), &opts);
        let (b, _) = train(&tiny_set(), &opts);
        assert_eq!(stats.docs, 3);
        assert_eq!(stats.sources, 3, "each gold source is among the candidates");
        assert_eq!(a.to_bytes(), b.to_bytes());
        assert_eq!(Model::from_bytes(&a.to_bytes()).unwrap(), a);
        assert!(a.cue_words().contains("told"));
    }

    #[test]
    fn a_damaged_model_file_is_an_error() {
        let mut bytes = Model::builtin().to_bytes();
        bytes.truncate(100);
        assert!(Model::from_bytes(&bytes).is_err());
        assert!(Model::from_bytes(b"WSM1").is_err());
    }
}
