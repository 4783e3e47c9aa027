//! The report: the last stage of the core, and the contract with the DOM binding, the CLI and
//! any JSON consumer. Field names are the JSON names; spans are UTF-16 code units into `text`.

use crate::span::{byte_range, Span};
use serde::{Deserialize, Serialize};

/// Everything whosaid found in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The analysed text: plain-text input unchanged, or the article's blocks joined by `\n\n`.
    pub text: String,
    /// The article as ordered blocks.
    pub blocks: Vec<Block>,
    /// Every source with at least one statement, in order of first statement.
    pub speakers: Vec<Speaker>,
    /// Every attributed statement, in text order.
    pub statements: Vec<Statement>,
    /// Claims that some source denies or that sources tell differently.
    pub disputes: Vec<Dispute>,
    /// Hedged sentences ("may", "allegedly", …): uncertain, but not disputed.
    pub hedges: Vec<Hedge>,
}

/// One block of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// First code unit.
    pub start: u32,
    /// One past the last code unit.
    pub end: u32,
    /// What the block is.
    pub kind: BlockKind,
}

/// What a block of the article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// Body prose.
    Paragraph,
    /// A headline or section heading.
    Heading,
    /// A block quotation.
    Quote,
    /// A list item.
    List,
    /// A picture or table caption.
    Caption,
    /// Page furniture ("Skip to main content", "Read more: …"): never analysed.
    Chrome,
}

/// Identifies a speaker within one report (`"s1"`, `"s2"`, …).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SpeakerId(pub String);

/// Identifies a statement within one report (`"q1"`, …).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StatementId(pub String);

/// Identifies a dispute within one report (`"d1"`, …).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DisputeId(pub String);

/// A source to whom at least one statement is attributed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// Report-local id.
    pub id: SpeakerId,
    /// The fullest name the article gives ("Rex Tillerson", "Kremlin", "officials").
    pub name: String,
    /// Person, organisation, group or anonymous source.
    pub kind: SpeakerKind,
    /// Title or role as the article gives it ("U.S. Secretary of State").
    pub role: Option<String>,
    /// Every place the article names this source, aliases and resolved pronouns included.
    pub mentions: Vec<Span>,
}

/// What kind of source a speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    /// A named person, or a person known by role ("the Russian leader").
    Person,
    /// A company, government body or other institution.
    Organisation,
    /// A plural group ("officials", "critics").
    Group,
    /// An unnamed individual ("a spokesperson", "a senior official").
    Anonymous,
}

/// Something a source said, as the article reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// Report-local id.
    pub id: StatementId,
    /// Who said it.
    pub speaker: SpeakerId,
    /// How the article reports it.
    pub kind: StatementKind,
    /// The mention that is the source here ("he", "Mr. Tillerson"), when there is one in the text.
    pub source: Option<Span>,
    /// The attribution cue ("said", "according to", "denied").
    pub cue: Span,
    /// What was said.
    pub content: Span,
}

/// How a statement is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatementKind {
    /// A verbatim quotation.
    Direct,
    /// Reported speech in the writer's words.
    Indirect,
    /// Reported speech containing a quoted fragment.
    Mixed,
    /// The source denies or rejects something.
    Denial,
}

/// A claim that is denied, contested, or told differently by different sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dispute {
    /// Report-local id.
    pub id: DisputeId,
    /// A short label for what is disputed.
    pub topic: String,
    /// The disputed proposition as the article states it.
    pub claim: Span,
    /// Each side: who, which way, and the statement that says so.
    pub positions: Vec<Position>,
}

/// One side of a dispute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Position {
    /// The source taking this side.
    pub speaker: SpeakerId,
    /// Which way the source goes on the claim.
    pub stance: Stance,
    /// The statement in which it does so.
    pub statement: StatementId,
}

/// A source's stance on a disputed claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// States the claim.
    Asserts,
    /// Denies or rejects it.
    Denies,
    /// Gives an account that contradicts it.
    Contradicts,
    /// Casts doubt on it.
    Questions,
}

/// A hedged sentence: reported as uncertain, not as disputed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hedge {
    /// The hedge word ("may", "allegedly").
    pub cue: Span,
    /// The sentence it qualifies.
    pub sentence: Span,
}

impl Report {
    /// The text a span covers (for native readers of a report).
    ///
    /// ```
    /// let doc = whosaid::Document::from_text("\"We are ready,\" Mayor Ann Lee said.").unwrap();
    /// let report = whosaid::analyze(&doc);
    /// assert_eq!(report.slice(report.statements[0].content), "\"We are ready,\"");
    /// ```
    pub fn slice(&self, span: Span) -> &str {
        &self.text[byte_range(&self.text, span)]
    }

    /// The speaker with this id.
    pub fn speaker(&self, id: &SpeakerId) -> Option<&Speaker> {
        self.speakers.iter().find(|s| &s.id == id)
    }

    /// The statement with this id.
    pub fn statement(&self, id: &StatementId) -> Option<&Statement> {
        self.statements.iter().find(|s| &s.id == id)
    }

    /// The statements attributed to a speaker, in text order.
    pub fn statements_by<'a>(&'a self, id: &'a SpeakerId) -> impl Iterator<Item = &'a Statement> {
        self.statements.iter().filter(move |s| &s.speaker == id)
    }
}

/// Assembles the report: ids in text order, offsets in UTF-16 code units.
pub(crate) fn build(
    doc: &crate::Document,
    mentions: &[crate::mentions::Mention],
    entities: &crate::speakers::Entities,
    statements: &[crate::attribution::Attributed],
    found: &crate::disputes::Found,
) -> Report {
    let text = doc.text();
    let map = crate::span::Utf16Map::new(text);
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
        .collect();
    // Speakers: entities with statements, in order of first statement.
    let mut speaker_of: Vec<Option<usize>> = vec![None; entities.list.len()];
    let mut speakers: Vec<Speaker> = Vec::new();
    for st in statements {
        if speaker_of[st.entity].is_none() {
            let e = &entities.list[st.entity];
            speaker_of[st.entity] = Some(speakers.len());
            speakers.push(Speaker {
                id: SpeakerId(format!("s{}", speakers.len() + 1)),
                name: e.name.clone(),
                kind: e.kind,
                role: e.role.clone(),
                mentions: Vec::new(),
            });
        }
    }
    let mut mention_ranges: Vec<Vec<std::ops::Range<usize>>> = vec![Vec::new(); speakers.len()];
    for (m, id) in mentions.iter().zip(&entities.of_mention) {
        if let Some(sp) = id.and_then(|id| speaker_of[id]) {
            mention_ranges[sp].push(m.range.clone());
        }
    }
    for st in statements {
        if let (Some(sp), Some(mi)) = (speaker_of[st.entity], st.source) {
            mention_ranges[sp].push(mentions[mi].range.clone());
        }
    }
    for (sp, mut ranges) in speakers.iter_mut().zip(mention_ranges) {
        ranges.sort_by_key(|r| (r.start, r.end));
        ranges.dedup();
        sp.mentions = ranges.iter().map(|r| map.span(r)).collect();
    }
    let statement_id = |i: usize| StatementId(format!("q{}", i + 1));
    let statements_out = statements
        .iter()
        .enumerate()
        .map(|(i, st)| Statement {
            id: statement_id(i),
            speaker: speakers[speaker_of[st.entity].unwrap_or(0)].id.clone(),
            kind: st.kind,
            source: st.source.map(|mi| map.span(&mentions[mi].range)),
            cue: map.span(&st.cue),
            content: map.span(&st.content),
        })
        .collect();
    let disputes = found
        .disputes
        .iter()
        .enumerate()
        .map(|(i, d)| Dispute {
            id: DisputeId(format!("d{}", i + 1)),
            topic: d.topic.clone(),
            claim: map.span(&d.claim),
            positions: d
                .positions
                .iter()
                .map(|&(si, stance)| Position {
                    speaker: speakers[speaker_of[statements[si].entity].unwrap_or(0)]
                        .id
                        .clone(),
                    stance,
                    statement: statement_id(si),
                })
                .collect(),
        })
        .collect();
    let hedges = found
        .hedges
        .iter()
        .map(|(cue, sentence)| Hedge {
            cue: map.span(cue),
            sentence: map.span(sentence),
        })
        .collect();
    Report {
        text: text.to_string(),
        blocks,
        speakers,
        statements: statements_out,
        disputes,
        hedges,
    }
}
