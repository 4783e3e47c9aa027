//! The report's types: what the core hands on, and the contract with the DOM binding, the CLI
//! and any JSON consumer. Field names are the JSON names; spans are UTF-16 code units into
//! `text`. The kinds and stances here are the core's own words too: every stage uses them, so
//! this module comes first and knows none of the stages (the report is assembled in
//! `analyze`).

use crate::span::{byte_range, Span};
use serde::{Deserialize, Serialize};

/// Everything whosaid found in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The analysed text: plain-text input unchanged, or the article's blocks joined by
    /// [`BLOCK_SEPARATOR`] (`\n\n`).
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

/// What joins the article's blocks in [`Report::text`] when it is given as blocks (by
/// `Document::from_blocks`; the page reader counts on it to map text back to the page).
pub(crate) const BLOCK_SEPARATOR: &str = "\n\n";

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

impl Stance {
    /// Every stance, in declaration order.
    pub const ALL: [Stance; 4] = [
        Stance::Asserts,
        Stance::Denies,
        Stance::Contradicts,
        Stance::Questions,
    ];

    /// The stance as a verb ("asserts", "denies", …): its JSON name, the word the lexicon's cue
    /// table uses, and the word the CLI and the panel show.
    pub const fn verb(self) -> &'static str {
        match self {
            Stance::Asserts => "asserts",
            Stance::Denies => "denies",
            Stance::Contradicts => "contradicts",
            Stance::Questions => "questions",
        }
    }
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

    /// The position of the speaker with this id in [`Report::speakers`] (its colour, say).
    pub fn speaker_index(&self, id: &SpeakerId) -> Option<usize> {
        self.speakers.iter().position(|s| &s.id == id)
    }

    /// The statement with this id.
    pub fn statement(&self, id: &StatementId) -> Option<&Statement> {
        self.statements.iter().find(|s| &s.id == id)
    }

    /// The statements attributed to a speaker, in text order.
    pub fn statements_by<'a>(&'a self, id: &'a SpeakerId) -> impl Iterator<Item = &'a Statement> {
        self.statements.iter().filter(move |s| &s.speaker == id)
    }

    /// What the report holds, in words: "2 speakers", "1 statement", "0 disputed claims",
    /// "3 hedges" (for summary lines).
    pub fn counts(&self) -> [String; 4] {
        [
            plural(self.speakers.len(), "speaker", "speakers"),
            plural(self.statements.len(), "statement", "statements"),
            plural(self.disputes.len(), "disputed claim", "disputed claims"),
            plural(self.hedges.len(), "hedge", "hedges"),
        ]
    }

    /// Checks that the report holds together: every id it refers to is one of its own (each
    /// statement's speaker, each position's speaker and statement), and every span lies within
    /// `text`. Says what is wrong otherwise. [`analyze`](crate::analyze()) asserts it in debug
    /// builds, so every test checks it.
    ///
    /// ```
    /// let doc = whosaid::Document::from_text("\"We are ready,\" Mayor Ann Lee said.").unwrap();
    /// let mut report = whosaid::analyze(&doc);
    /// assert_eq!(report.check(), Ok(()));
    /// report.speakers.clear();
    /// assert_eq!(report.check(), Err("statement q1: no speaker s1".to_string()));
    /// ```
    pub fn check(&self) -> Result<(), String> {
        let len = self.text.encode_utf16().count() as u32;
        let within = |what: &str, s: Span| {
            if s.start <= s.end && s.end <= len {
                Ok(())
            } else {
                Err(format!(
                    "{what}: span {}..{} outside the text ({len} code units)",
                    s.start, s.end
                ))
            }
        };
        for b in &self.blocks {
            within("block", Span::new(b.start, b.end))?;
        }
        for s in &self.speakers {
            for &m in &s.mentions {
                within(&format!("speaker {} mention", s.id.0), m)?;
            }
        }
        for st in &self.statements {
            let at = format!("statement {}", st.id.0);
            if self.speaker(&st.speaker).is_none() {
                return Err(format!("{at}: no speaker {}", st.speaker.0));
            }
            for span in st.source.iter().chain([&st.cue, &st.content]) {
                within(&at, *span)?;
            }
        }
        for d in &self.disputes {
            let at = format!("dispute {}", d.id.0);
            within(&at, d.claim)?;
            for p in &d.positions {
                if self.speaker(&p.speaker).is_none() {
                    return Err(format!("{at}: no speaker {}", p.speaker.0));
                }
                if self.statement(&p.statement).is_none() {
                    return Err(format!("{at}: no statement {}", p.statement.0));
                }
            }
        }
        for h in &self.hedges {
            within("hedge", h.cue)?;
            within("hedge", h.sentence)?;
        }
        Ok(())
    }
}

/// "1 statement", "2 statements": a count with the noun that agrees with it.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stance_verb_is_its_json_name() {
        for s in Stance::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.verb());
        }
    }

    #[test]
    fn the_typescript_declaration_lists_the_same_stances() {
        let dts = include_str!("../js/whosaid.d.ts");
        let line = dts
            .lines()
            .find(|l| l.starts_with("export type Stance ="))
            .expect("js/whosaid.d.ts declares a Stance type");
        let declared: Vec<&str> = line.split('\'').skip(1).step_by(2).collect();
        let ours: Vec<&str> = Stance::ALL.iter().map(|s| s.verb()).collect();
        assert_eq!(declared, ours);
    }

    #[test]
    fn counts_agree_in_number() {
        let r = Report {
            text: String::new(),
            blocks: Vec::new(),
            speakers: Vec::new(),
            statements: Vec::new(),
            disputes: Vec::new(),
            hedges: vec![Hedge {
                cue: Span::new(0, 0),
                sentence: Span::new(0, 0),
            }],
        };
        assert_eq!(
            r.counts(),
            ["0 speakers", "0 statements", "0 disputed claims", "1 hedge"]
        );
    }
}
