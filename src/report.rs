//! The report's types: what the core hands on, and the contract with the DOM binding, the CLI
//! and any JSON consumer. Field names are the JSON names; spans are UTF-16 code units into
//! `text`. The kinds and stances here are the core's own words too: every stage uses them, so
//! this module comes first and knows none of the stages (the report is assembled in
//! `analyze`).

use crate::span::{byte_range, Span};
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

/// Everything whosaid found in one article.
///
/// The lists refer to each other by id (a statement's speaker, a dispute's statements) and to
/// the text by [`Span`]; [`Report::check`] says whether they hold together. Serialised with
/// serde, it is the JSON the CLI prints and the object the browser binding hands to JavaScript
/// (`js/whosaid.d.ts` declares it; `tests/types/` checks the two agree).
///
/// ```
/// use whosaid::{analyze, Document};
///
/// let report = analyze(&Document::from_text(
///     "Mayor Ann Lee said the bridge was safe.\n\nThe Transit Union denied that the bridge was safe.",
/// )?);
/// for speaker in &report.speakers {
///     for st in report.statements_by(&speaker.id) {
///         println!("{}: {}", speaker.name, report.slice(st.content));
///     }
/// }
/// assert_eq!(report.counts(), ["2 speakers", "2 statements", "1 disputed claim", "0 hedges"]);
/// # Ok::<(), whosaid::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The analysed text: plain-text input unchanged, or the article's blocks joined by a
    /// blank line (`\n\n`).
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
///
/// ```
/// use whosaid::{analyze, BlockKind, Document};
///
/// let report = analyze(&Document::from_text("Ferry late\n\nThe ferry is late again.")?);
/// let first = report.blocks[0];
/// assert_eq!((first.start, first.end, first.kind), (0, 10, BlockKind::Heading));
/// assert_eq!(report.blocks[1].start, 12);
/// # Ok::<(), whosaid::Error>(())
/// ```
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
///
/// In plain text a short line without a closing full stop reads as a heading; quotations, list
/// items and captions come from HTML, where the page's elements say what they are.
///
/// ```
/// use whosaid::{BlockKind, Document};
///
/// let doc = Document::from_html(
///     "<article><h2>Ferry late</h2><blockquote>Soon.</blockquote><p>Read more: Fares</p></article>",
/// )?;
/// let kinds: Vec<BlockKind> = whosaid::analyze(&doc).blocks.iter().map(|b| b.kind).collect();
/// assert_eq!(kinds, [BlockKind::Heading, BlockKind::Quote, BlockKind::Chrome]);
/// # Ok::<(), whosaid::Error>(())
/// ```
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
///
/// ```
/// use whosaid::{analyze, Document, SpeakerId};
///
/// let report = analyze(&Document::from_text("\"Soon,\" said Captain Ivo Marsh.")?);
/// assert_eq!(report.statements[0].speaker, SpeakerId("s1".to_string()));
/// assert_eq!(report.speaker(&report.statements[0].speaker).unwrap().name, "Ivo Marsh");
/// # Ok::<(), whosaid::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SpeakerId(pub String);

/// Identifies a statement within one report (`"q1"`, …).
///
/// ```
/// use whosaid::{analyze, Document, StatementId};
///
/// let report = analyze(&Document::from_text("\"Soon,\" said Captain Ivo Marsh.")?);
/// assert_eq!(report.statements[0].id, StatementId("q1".to_string()));
/// # Ok::<(), whosaid::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StatementId(pub String);

/// Identifies a dispute within one report (`"d1"`, …).
///
/// ```
/// use whosaid::{analyze, DisputeId, Document};
///
/// let report = analyze(&Document::from_text(
///     "Mayor Ann Lee said the bridge was safe.\n\nThe Transit Union denied that the bridge was safe.",
/// )?);
/// assert_eq!(report.disputes[0].id, DisputeId("d1".to_string()));
/// # Ok::<(), whosaid::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DisputeId(pub String);

/// A source to whom at least one statement is attributed.
///
/// One speaker however many ways the article names them: "Captain Ivo Marsh", "Marsh" and
/// "He" are one speaker, with a mention for each.
///
/// ```
/// use whosaid::{analyze, Document, SpeakerKind};
///
/// let report = analyze(&Document::from_text(
///     "Captain Ivo Marsh said the ferry was late. Marsh said it would sail at noon. \
///      He said the fares would not rise.",
/// )?);
/// assert_eq!(report.speakers.len(), 1);
/// let marsh = &report.speakers[0];
/// assert_eq!((marsh.name.as_str(), marsh.kind), ("Ivo Marsh", SpeakerKind::Person));
/// assert_eq!(marsh.role.as_deref(), Some("Captain"));
/// let named: Vec<&str> = marsh.mentions.iter().map(|&m| report.slice(m)).collect();
/// assert_eq!(named, ["Captain Ivo Marsh", "Marsh", "He"]);
/// # Ok::<(), whosaid::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// Report-local id.
    pub id: SpeakerId,
    /// The fullest name the article gives ("Dalia Renko", "Port Authority", "officials").
    pub name: String,
    /// Person, organisation, group or anonymous source.
    pub kind: SpeakerKind,
    /// Title or role as the article gives it ("Harbour Commissioner").
    pub role: Option<String>,
    /// Every place the article names this source, aliases and resolved pronouns included.
    pub mentions: Vec<Span>,
}

/// What kind of source a speaker is.
///
/// ```
/// use whosaid::{analyze, Document, SpeakerKind};
///
/// let report = analyze(&Document::from_text(
///     "The Port Authority said the ferry would run. Critics said the ferry was too slow. \
///      A spokesperson said the fares would rise. Captain Ivo Marsh said it was late.",
/// )?);
/// let kinds: Vec<SpeakerKind> = report.speakers.iter().map(|s| s.kind).collect();
/// assert_eq!(
///     kinds,
///     [SpeakerKind::Organisation, SpeakerKind::Group, SpeakerKind::Anonymous, SpeakerKind::Person],
/// );
/// # Ok::<(), whosaid::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    /// A named person, or a person known by role ("the Spanish leader").
    Person,
    /// A company, government body or other institution.
    Organisation,
    /// A plural group ("officials", "critics").
    Group,
    /// An unnamed individual ("a spokesperson", "a senior official").
    Anonymous,
}

/// Something a source said, as the article reports it.
///
/// ```
/// use whosaid::{analyze, Document};
///
/// let report = analyze(&Document::from_text("\"We are ready,\" said Mayor Ann Lee.")?);
/// let st = &report.statements[0];
/// assert_eq!(report.slice(st.content), "\"We are ready,\"");
/// assert_eq!(report.slice(st.cue), "said");
/// assert_eq!(st.source.map(|s| report.slice(s)), Some("Mayor Ann Lee"));
/// assert_eq!(report.speaker(&st.speaker).unwrap().name, "Ann Lee");
/// # Ok::<(), whosaid::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// Report-local id.
    pub id: StatementId,
    /// Who said it.
    pub speaker: SpeakerId,
    /// How the article reports it.
    pub kind: StatementKind,
    /// The mention that is the source here ("he", "Ms. Renko"), when there is one in the text.
    pub source: Option<Span>,
    /// The attribution cue ("said", "according to", "denied").
    pub cue: Span,
    /// What was said.
    pub content: Span,
}

/// How a statement is reported.
///
/// ```
/// use whosaid::{analyze, Document, StatementKind};
///
/// let report = analyze(&Document::from_text(
///     "\"We are ready,\" said Mayor Ann Lee. She said the bridge was \"perfectly safe\". \
///      Lee said the tolls would fall. The Transit Union denied that the bridge was safe.",
/// )?);
/// let kinds: Vec<StatementKind> = report.statements.iter().map(|s| s.kind).collect();
/// assert_eq!(
///     kinds,
///     [StatementKind::Direct, StatementKind::Mixed, StatementKind::Indirect, StatementKind::Denial],
/// );
/// # Ok::<(), whosaid::Error>(())
/// ```
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
///
/// ```
/// use whosaid::{analyze, Document, Stance};
///
/// let report = analyze(&Document::from_text(
///     "Mayor Ann Lee said the bridge was safe.\n\nThe Transit Union denied that the bridge was safe.",
/// )?);
/// let dispute = &report.disputes[0];
/// assert_eq!(dispute.topic, "whether the bridge was safe");
/// assert_eq!(report.slice(dispute.claim), "the bridge was safe");
/// let sides: Vec<(&str, Stance)> = dispute
///     .positions
///     .iter()
///     .map(|p| (report.speaker(&p.speaker).unwrap().name.as_str(), p.stance))
///     .collect();
/// assert_eq!(sides, [("Transit Union", Stance::Denies), ("Ann Lee", Stance::Asserts)]);
/// # Ok::<(), whosaid::Error>(())
/// ```
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
///
/// ```
/// use whosaid::{analyze, Document, Stance};
///
/// let report = analyze(&Document::from_text(
///     "Mayor Ann Lee said the bridge was safe.\n\nThe Transit Union denied that the bridge was safe.",
/// )?);
/// let side = &report.disputes[0].positions[0];
/// assert_eq!(side.stance, Stance::Denies);
/// let said = report.statement(&side.statement).unwrap();
/// assert_eq!(report.slice(said.cue), "denied");
/// # Ok::<(), whosaid::Error>(())
/// ```
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
///
/// ```
/// use whosaid::{analyze, Document, Stance};
///
/// let report = analyze(&Document::from_text(
///     "Officials said the pier would open in May.\n\n\
///      Mayor Ines Varga questioned that the pier would open in May.",
/// )?);
/// let stances: Vec<Stance> = report.disputes[0].positions.iter().map(|p| p.stance).collect();
/// assert_eq!(stances, [Stance::Questions, Stance::Asserts]);
/// # Ok::<(), whosaid::Error>(())
/// ```
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
    ///
    /// ```
    /// let verbs: Vec<&str> = whosaid::Stance::ALL.iter().map(|s| s.verb()).collect();
    /// assert_eq!(verbs, ["asserts", "denies", "contradicts", "questions"]);
    /// ```
    pub const ALL: [Stance; 4] = [
        Stance::Asserts,
        Stance::Denies,
        Stance::Contradicts,
        Stance::Questions,
    ];

    /// The stance as a verb ("asserts", "denies", …): its JSON name, the word the lexicon's cue
    /// table uses, and the word the CLI and the panel show.
    ///
    /// ```
    /// assert_eq!(whosaid::Stance::Contradicts.verb(), "contradicts");
    /// ```
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
///
/// ```
/// use whosaid::{analyze, Document};
///
/// let report = analyze(&Document::from_text("Mayor Ann Lee said the bridge may close in June.")?);
/// let hedge = report.hedges[0];
/// assert_eq!(report.slice(hedge.cue), "may");
/// assert_eq!(report.slice(hedge.sentence), "Mayor Ann Lee said the bridge may close in June.");
/// # Ok::<(), whosaid::Error>(())
/// ```
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
    ///
    /// ```
    /// use whosaid::{analyze, Document, SpeakerId};
    ///
    /// let report = analyze(&Document::from_text("\"Soon,\" said Captain Ivo Marsh.")?);
    /// assert_eq!(report.speaker(&SpeakerId("s1".into())).unwrap().name, "Ivo Marsh");
    /// assert!(report.speaker(&SpeakerId("s9".into())).is_none());
    /// # Ok::<(), whosaid::Error>(())
    /// ```
    pub fn speaker(&self, id: &SpeakerId) -> Option<&Speaker> {
        self.speakers.iter().find(|s| &s.id == id)
    }

    /// The position of the speaker with this id in [`Report::speakers`] (its colour, say).
    ///
    /// ```
    /// use whosaid::{analyze, Document};
    ///
    /// let report = analyze(&Document::from_text(
    ///     "Mayor Ann Lee said the bridge was safe.\n\nThe Transit Union denied that the bridge was safe.",
    /// )?);
    /// assert_eq!(report.speaker_index(&report.statements[1].speaker), Some(1));
    /// # Ok::<(), whosaid::Error>(())
    /// ```
    pub fn speaker_index(&self, id: &SpeakerId) -> Option<usize> {
        self.speakers.iter().position(|s| &s.id == id)
    }

    /// The statement with this id.
    ///
    /// ```
    /// use whosaid::{analyze, Document, StatementId};
    ///
    /// let report = analyze(&Document::from_text("\"Soon,\" said Captain Ivo Marsh.")?);
    /// let st = report.statement(&StatementId("q1".into())).unwrap();
    /// assert_eq!(report.slice(st.content), "\"Soon,\"");
    /// # Ok::<(), whosaid::Error>(())
    /// ```
    pub fn statement(&self, id: &StatementId) -> Option<&Statement> {
        self.statements.iter().find(|s| &s.id == id)
    }

    /// The statements attributed to a speaker, in text order.
    ///
    /// ```
    /// use whosaid::{analyze, Document};
    ///
    /// let report = analyze(&Document::from_text(
    ///     "Captain Ivo Marsh said the ferry was late. Critics said it always is. \
    ///      Marsh said he would sail at noon.",
    /// )?);
    /// let marsh = &report.speakers[0];
    /// let said: Vec<&str> = report.statements_by(&marsh.id).map(|s| report.slice(s.content)).collect();
    /// assert_eq!(said, ["the ferry was late", "he would sail at noon"]);
    /// # Ok::<(), whosaid::Error>(())
    /// ```
    pub fn statements_by<'a>(&'a self, id: &'a SpeakerId) -> impl Iterator<Item = &'a Statement> {
        self.statements.iter().filter(move |s| &s.speaker == id)
    }

    /// What the report holds, in words: "2 speakers", "1 statement", "0 disputed claims",
    /// "3 hedges" (for summary lines).
    ///
    /// ```
    /// let doc = whosaid::Document::from_text("Mayor Ann Lee said the bridge may close in June.")?;
    /// assert_eq!(
    ///     whosaid::analyze(&doc).counts(),
    ///     ["1 speaker", "1 statement", "0 disputed claims", "1 hedge"],
    /// );
    /// # Ok::<(), whosaid::Error>(())
    /// ```
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
        // Ids by set, not by `speaker()`/`statement()`: those are linear, and a long article has
        // tens of thousands of statements.
        let speakers: FxHashSet<&SpeakerId> = self.speakers.iter().map(|s| &s.id).collect();
        let statements: FxHashSet<&StatementId> = self.statements.iter().map(|s| &s.id).collect();
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
            if !speakers.contains(&st.speaker) {
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
                if !speakers.contains(&p.speaker) {
                    return Err(format!("{at}: no speaker {}", p.speaker.0));
                }
                if !statements.contains(&p.statement) {
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
