//! The whole flow, and its last stage (6, the report): runs every stage on a document, then
//! assembles what they found into a [`Report`] (ids in text order, offsets in UTF-16 code
//! units). The one module that knows every stage.

use crate::attribution::{self, Attributed};
use crate::blocks::Document;
use crate::coref::{self, Ranker};
use crate::disputes::{self, Found};
use crate::learned::{self, Model};
use crate::list::Listed;
use crate::mentions::{self, Mention};
use crate::report::{
    Block, Dispute, DisputeId, Hedge, Position, Report, Speaker, SpeakerId, Statement, StatementId,
    Summary,
};
use crate::segment::Sentences;
use crate::span::Utf16Map;
use crate::speakers::{self, Entities};
use std::ops::Range;

/// Analyses an article: finds its speakers, their statements, its disputed claims and hedges.
///
/// Never fails: a document always has at least one block (see [`Document`]); an article with no
/// attributed speech yields a report with empty lists.
///
/// ```
/// use whosaid::{analyze, Document, SpeakerKind, StatementKind};
///
/// let doc = Document::from_text(
///     "Harbour Commissioner Dalia Renko said the ferry would run on Sunday.",
/// )?;
/// let report = analyze(&doc);
/// let renko = &report.speakers[0];
/// assert_eq!(renko.name, "Dalia Renko");
/// assert_eq!(renko.kind, SpeakerKind::Person);
/// assert_eq!(renko.role.as_deref(), Some("Harbour Commissioner"));
/// let said = &report.statements[0];
/// assert_eq!(said.kind, StatementKind::Indirect);
/// assert_eq!(report.slice(said.cue), "said");
/// assert_eq!(report.slice(said.content), "the ferry would run on Sunday");
///
/// // No attributed speech: an empty report, not an error.
/// let quiet = analyze(&Document::from_text("The ferry runs on Sundays.")?);
/// assert!(quiet.speakers.is_empty() && quiet.statements.is_empty());
/// # Ok::<(), whosaid::Error>(())
/// ```
pub fn analyze(doc: &Document) -> Report {
    analyze_with(doc, &Options::default())
}

/// How to analyse.
#[derive(Debug, Clone, Copy)]
pub struct Options<'m> {
    /// The model of the learned attribution stage; `None` leaves only the rules.
    pub model: Option<&'m Model>,
}

impl Default for Options<'static> {
    /// The built-in model.
    fn default() -> Self {
        Options {
            model: Some(Model::builtin()),
        }
    }
}

/// Analyses an article with the given [`Options`].
///
/// ```
/// use whosaid::{analyze_with, Document, Options};
///
/// let doc = Document::from_text("Mayor Ann Lee said the bridge would reopen.").unwrap();
/// let rules_only = analyze_with(&doc, &Options { model: None });
/// assert_eq!(rules_only.statements.len(), 1);
/// ```
pub fn analyze_with(doc: &Document, options: &Options) -> Report {
    let text = doc.text();
    let sentences = Sentences::new(text, doc.blocks());
    let mentions = mentions::find(text, &sentences);
    let entities = speakers::resolve(&sentences, &mentions);
    let mut statements = attribution::attribute(&sentences, &mentions, &entities);
    if let Some(model) = options.model {
        statements = learned::extend(&sentences, &mentions, &entities, statements, model);
        coref::resolve(
            &sentences,
            &mentions,
            &entities,
            &mut statements,
            Ranker::builtin(),
        );
    }
    let found = disputes::find(text, &sentences, &statements);
    let report = build(doc, &mentions, &entities, &statements, &found);
    debug_assert_eq!(report.check(), Ok(()));
    report
}

/// Assembles the report: ids in text order, offsets in UTF-16 code units.
fn build(
    doc: &Document,
    mentions: &[Mention],
    entities: &Entities,
    statements: &[Attributed],
    found: &Found,
) -> Report {
    let text = doc.text();
    let map = Utf16Map::new(text);
    let blocks = doc
        .blocks()
        .iter()
        .map(|b| {
            let s = map.span(&b.range);
            Block {
                start: s.start,
                end: s.end,
                kind: b.kind,
            }
        })
        .listed();
    // Speakers: entities with statements, in order of first statement.
    let mut speaker_of: Vec<Option<usize>> = vec![None; entities.list.len()];
    let mut speakers: Vec<Speaker> = Vec::new();
    // For each statement, the index of its speaker.
    let said_by: Vec<usize> = statements
        .iter()
        .map(|st| {
            *speaker_of[st.entity].get_or_insert_with(|| {
                let e = &entities.list[st.entity];
                speakers.push(Speaker {
                    id: SpeakerId(id('s', speakers.len() + 1)),
                    name: e.name.clone(),
                    kind: e.kind,
                    role: e.role.clone(),
                    mentions: Vec::new(),
                });
                speakers.len() - 1
            })
        })
        .listed();
    let mut mention_ranges: Vec<Vec<Range<usize>>> = std::iter::repeat_with(Vec::new)
        .take(speakers.len())
        .collect();
    for (m, id) in mentions.iter().zip(&entities.of_mention) {
        if let Some(sp) = id.and_then(|id| speaker_of[id]) {
            mention_ranges[sp].push(m.range.clone());
        }
    }
    for (st, &sp) in statements.iter().zip(&said_by) {
        if let Some(mi) = st.source {
            mention_ranges[sp].push(mentions[mi].range.clone());
        }
    }
    for (sp, mut ranges) in speakers.iter_mut().zip(mention_ranges) {
        crate::sort::sort_by_key(&mut ranges, |r| (r.start, r.end));
        ranges.dedup();
        sp.mentions = ranges.iter().map(|r| map.span(r)).listed();
    }
    let statement_id = |i: usize| StatementId(id('q', i + 1));
    let statements_out = statements
        .iter()
        .zip(&said_by)
        .enumerate()
        .map(|(i, (st, &sp))| Statement {
            id: statement_id(i),
            speaker: speakers[sp].id.clone(),
            kind: st.kind,
            source: st.source.map(|mi| map.span(&mentions[mi].range)),
            cue: map.span(&st.cue),
            content: map.span(&st.content),
        })
        .listed();
    let disputes = found
        .disputes
        .iter()
        .enumerate()
        .map(|(i, d)| Dispute {
            id: DisputeId(id('d', i + 1)),
            topic: d.topic.clone(),
            claim: map.span(&d.claim),
            positions: d
                .positions
                .iter()
                .map(|&(si, stance)| Position {
                    speaker: speakers[said_by[si]].id.clone(),
                    stance,
                    statement: statement_id(si),
                })
                .listed(),
        })
        .listed();
    let hedges = found
        .hedges
        .iter()
        .map(|(cue, sentence)| Hedge {
            cue: map.span(cue),
            sentence: map.span(sentence),
        })
        .listed();
    let mut report = Report {
        text: text.to_string(),
        blocks,
        speakers,
        statements: statements_out,
        disputes,
        hedges,
        summary: Summary::default(),
    };
    // Words of each statement: letters or digits between white space.
    let words: Vec<u32> = statements
        .iter()
        .map(|st| word_count(&text[st.content.clone()]))
        .listed();
    report.summary = Summary::of(&report, &said_by, &words);
    report
}

/// A report id: `prefix` and the number in decimal ("q12").
fn id(prefix: char, n: usize) -> String {
    let mut out = String::with_capacity(8);
    out.push(prefix);
    crate::report::push_decimal(&mut out, n);
    out
}

/// The words of a statement: runs between white space with a letter or digit in them.
fn word_count(s: &str) -> u32 {
    if !s.is_ascii() {
        return s
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count() as u32;
    }
    // ASCII: white space is ' ' and 9..=13 (as `char::is_whitespace` has it).
    let mut count = 0;
    let mut counted = false;
    for &b in s.as_bytes() {
        if b == b' ' || (9..=13).contains(&b) {
            counted = false;
        } else if !counted && b.is_ascii_alphanumeric() {
            count += 1;
            counted = true;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_a_prefix_and_a_number() {
        assert_eq!(id('q', 1), "q1");
        assert_eq!(id('s', 0), "s0");
        assert_eq!(id('d', 1_234_567), "d1234567");
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for s in [
            "",
            "  said   it \t\nwas\x0bfine\x0c\r ok ",
            "-- ... 12 a-b , x",
            "“Fine,” he said — it’s é and 中文 words\u{a0}here",
            "tab\tand\u{85}next",
        ] {
            let want = s
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count() as u32;
            assert_eq!(word_count(s), want, "{s:?}");
        }
    }
}
