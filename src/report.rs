//! The report's types: what the core hands on, and the contract with the DOM binding, the CLI
//! and any JSON consumer. Field names are the JSON names; spans are UTF-16 code units into
//! `text`. The kinds and stances here are the core's own words too: every stage uses them, so
//! this module comes first and knows none of the stages (the report is assembled in
//! `analyze`).

use crate::list::Listed;
use crate::span::{byte_range, Span, Utf16Map};
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
    /// The sources at a glance: words per speaker, kinds of source, the share of statements
    /// from anonymous sources (computed from the lists above; absent in older JSON).
    #[serde(default)]
    pub summary: Summary,
}

/// The sources at a glance, as newsroom source-diversity trackers count them: how many words
/// each speaker is given, how many sources of each kind speak, and how much of what is said
/// comes from anonymous sources.
///
/// ```
/// use whosaid::{analyze, Document};
///
/// let report = analyze(&Document::from_text(
///     "Mayor Ann Lee said the bridge was safe.\n\nA spokesperson denied that the bridge was safe.",
/// )?);
/// let s = &report.summary;
/// assert_eq!((s.people, s.organisations, s.groups, s.anonymous), (1, 0, 0, 1));
/// assert_eq!(s.words[0].words, 4); // "the bridge was safe"
/// assert_eq!(s.sources(), "1 person, 0 organisations, 0 groups, 1 anonymous source");
/// assert_eq!(s.anonymous_line(), "1 of 2 statements (50%) from anonymous sources");
/// # Ok::<(), whosaid::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Words attributed to each speaker (the words of their statements), in speaker order.
    pub words: Vec<Words>,
    /// Speakers who are people.
    pub people: u32,
    /// Speakers who are organisations.
    pub organisations: u32,
    /// Speakers who are groups.
    pub groups: u32,
    /// Anonymous sources.
    pub anonymous: u32,
    /// Statements in all.
    pub statements: u32,
    /// Statements from anonymous sources.
    pub anonymous_statements: u32,
    /// `anonymous_statements` as a whole percentage of `statements` (0 without statements).
    pub anonymous_percent: u32,
    /// Disputed claims.
    pub disputes: u32,
    /// Hedges.
    pub hedges: u32,
}

/// The words attributed to one speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Words {
    /// The speaker.
    pub speaker: SpeakerId,
    /// Words in their statements (tokens with a letter or digit).
    pub words: u32,
}

impl Summary {
    /// Counts what a report's lists hold (its `summary` left aside), given each statement's
    /// speaker (an index into `r.speakers`) and its words.
    pub(crate) fn of(r: &Report, said_by: &[usize], words_in: &[u32]) -> Summary {
        let mut s = Summary {
            statements: r.statements.len() as u32,
            disputes: r.disputes.len() as u32,
            hedges: r.hedges.len() as u32,
            ..Summary::default()
        };
        // One pass over the statements (a long article has thousands).
        let mut words = vec![0u32; r.speakers.len()];
        let mut said = vec![0u32; r.speakers.len()];
        for (&sp, &w) in said_by.iter().zip(words_in) {
            words[sp] += w;
            said[sp] += 1;
        }
        for ((sp, words), said) in r.speakers.iter().zip(words).zip(said) {
            *match sp.kind {
                SpeakerKind::Person => &mut s.people,
                SpeakerKind::Organisation => &mut s.organisations,
                SpeakerKind::Group => &mut s.groups,
                SpeakerKind::Anonymous => &mut s.anonymous,
            } += 1;
            if sp.kind == SpeakerKind::Anonymous {
                s.anonymous_statements += said;
            }
            s.words.push(Words {
                speaker: sp.id.clone(),
                words,
            });
        }
        s.anonymous_percent = (s.anonymous_statements * 100 + s.statements / 2)
            .checked_div(s.statements)
            .unwrap_or(0);
        s
    }

    /// The kinds of source, in words: "3 people, 1 organisation, 0 groups, 1 anonymous source".
    pub fn sources(&self) -> String {
        let parts = [
            plural(self.people as usize, "person", "people"),
            plural(self.organisations as usize, "organisation", "organisations"),
            plural(self.groups as usize, "group", "groups"),
            plural(
                self.anonymous as usize,
                "anonymous source",
                "anonymous sources",
            ),
        ];
        join(&parts, ", ")
    }

    /// The share from anonymous sources, in words: "2 of 14 statements (14%) from anonymous
    /// sources".
    pub fn anonymous_line(&self) -> String {
        let mut out = String::new();
        push_decimal(&mut out, self.anonymous_statements as usize);
        out.push_str(" of ");
        out.push_str(&plural(self.statements as usize, "statement", "statements"));
        out.push_str(" (");
        push_decimal(&mut out, self.anonymous_percent as usize);
        out.push_str("%) from anonymous sources");
        out
    }
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

impl BlockKind {
    /// Every kind, in declaration order (the DOM binding's wire format numbers them so).
    #[cfg(any(test, target_arch = "wasm32"))]
    pub(crate) const ALL: [BlockKind; 6] = [
        BlockKind::Paragraph,
        BlockKind::Heading,
        BlockKind::Quote,
        BlockKind::List,
        BlockKind::Caption,
        BlockKind::Chrome,
    ];

    /// The kind's JSON name ("paragraph", …).
    pub(crate) const fn name(self) -> &'static str {
        match self {
            BlockKind::Paragraph => "paragraph",
            BlockKind::Heading => "heading",
            BlockKind::Quote => "quote",
            BlockKind::List => "list",
            BlockKind::Caption => "caption",
            BlockKind::Chrome => "chrome",
        }
    }
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

impl SpeakerKind {
    /// The kind's JSON name ("person", "organisation", …), as the CLI's text shows it.
    ///
    /// ```
    /// assert_eq!(whosaid::SpeakerKind::Anonymous.name(), "anonymous");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            SpeakerKind::Person => "person",
            SpeakerKind::Organisation => "organisation",
            SpeakerKind::Group => "group",
            SpeakerKind::Anonymous => "anonymous",
        }
    }
}

impl StatementKind {
    /// The kind's JSON name ("direct", "indirect", …), as the CLI's text shows it.
    ///
    /// ```
    /// assert_eq!(whosaid::StatementKind::Denial.name(), "denial");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            StatementKind::Direct => "direct",
            StatementKind::Indirect => "indirect",
            StatementKind::Mixed => "mixed",
            StatementKind::Denial => "denial",
        }
    }
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

    /// Each statement's speaker, as an index into `speakers` (one table, not a search of the
    /// speakers for each statement).
    pub(crate) fn statement_speakers(&self) -> Vec<Option<usize>> {
        // Owned keys: the one hash-table type of the lexicons (no code of its own in the browser
        // build).
        let index: rustc_hash::FxHashMap<String, usize> = self
            .speakers
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.0.clone(), i))
            .collect();
        self.statements
            .iter()
            .map(|q| index.get(q.speaker.0.as_str()).copied())
            .listed()
    }

    /// Each speaker's statements, in speaker order, gathered in one pass (for many speakers,
    /// where [`Report::statements_by`] would read every statement for each).
    pub(crate) fn by_speaker(&self) -> Vec<Vec<&Statement>> {
        let mut said = std::iter::repeat_with(Vec::new)
            .take(self.speakers.len())
            .collect::<Vec<Vec<_>>>();
        for (st, sp) in self.statements.iter().zip(self.statement_speakers()) {
            if let Some(i) = sp {
                said[i].push(st);
            }
        }
        said
    }

    /// [`Report::slice`] for many spans: the text is indexed once, and each span is then found
    /// by halving (`slice` counts from the start of the text every time).
    pub(crate) fn slicer<'r>(&'r self) -> impl Fn(Span) -> &'r str + 'r {
        let map = Utf16Map::new(&self.text);
        move |s| &self.text[map.bytes(s)]
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
        let len = crate::span::utf16_len(&self.text);
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

impl Report {
    /// The report as JSON: the object `js/whosaid.d.ts` declares, fields in declaration order,
    /// `null` for a missing role or source. `pretty` indents by two spaces (what the CLI
    /// prints); otherwise it is all on one line (what the browser binding hands to
    /// `JSON.parse`). Written by hand, not by serde, so the browser build carries no
    /// serialiser: the same bytes as `serde_json::to_string(_pretty)` of the serde derives,
    /// which the tests check.
    ///
    /// ```
    /// let doc = whosaid::Document::from_text("\"Soon,\" said Captain Ivo Marsh.")?;
    /// let json = whosaid::analyze(&doc).to_json(false);
    /// assert!(json.starts_with(r#"{"text":"\"Soon,\" said Captain Ivo Marsh.","blocks":[{"start":0,"#));
    /// # Ok::<(), whosaid::Error>(())
    /// ```
    pub fn to_json(&self, pretty: bool) -> String {
        let mut j = Json {
            out: String::with_capacity(self.json_capacity()),
            pretty,
            depth: 0,
        };
        j.object(|o| {
            o.key("text").string(&self.text);
            o.key("blocks").array(&self.blocks, |j, b| {
                j.object(|o| {
                    o.key("start").number(b.start);
                    o.key("end").number(b.end);
                    o.key("kind").string(b.kind.name());
                })
            });
            o.key("speakers").array(&self.speakers, |j, s| {
                j.object(|o| {
                    o.key("id").string(&s.id.0);
                    o.key("name").string(&s.name);
                    o.key("kind").string(s.kind.name());
                    match &s.role {
                        Some(role) => o.key("role").string(role),
                        None => o.key("role").null(),
                    }
                    o.key("mentions").array(&s.mentions, |j, &m| j.span(m));
                })
            });
            o.key("statements").array(&self.statements, |j, st| {
                j.object(|o| {
                    o.key("id").string(&st.id.0);
                    o.key("speaker").string(&st.speaker.0);
                    o.key("kind").string(st.kind.name());
                    match st.source {
                        Some(source) => o.key("source").span(source),
                        None => o.key("source").null(),
                    }
                    o.key("cue").span(st.cue);
                    o.key("content").span(st.content);
                })
            });
            o.key("disputes").array(&self.disputes, |j, d| {
                j.object(|o| {
                    o.key("id").string(&d.id.0);
                    o.key("topic").string(&d.topic);
                    o.key("claim").span(d.claim);
                    o.key("positions").array(&d.positions, |j, p| {
                        j.object(|o| {
                            o.key("speaker").string(&p.speaker.0);
                            o.key("stance").string(p.stance.verb());
                            o.key("statement").string(&p.statement.0);
                        })
                    });
                })
            });
            o.key("hedges").array(&self.hedges, |j, h| {
                j.object(|o| {
                    o.key("cue").span(h.cue);
                    o.key("sentence").span(h.sentence);
                })
            });
            let sum = &self.summary;
            o.key("summary").object(|o| {
                o.key("words").array(&sum.words, |j, w| {
                    j.object(|o| {
                        o.key("speaker").string(&w.speaker.0);
                        o.key("words").number(w.words);
                    })
                });
                for (key, n) in [
                    ("people", sum.people),
                    ("organisations", sum.organisations),
                    ("groups", sum.groups),
                    ("anonymous", sum.anonymous),
                    ("statements", sum.statements),
                    ("anonymous_statements", sum.anonymous_statements),
                    ("anonymous_percent", sum.anonymous_percent),
                    ("disputes", sum.disputes),
                    ("hedges", sum.hedges),
                ] {
                    o.key(key).number(n);
                }
            });
        });
        j.out
    }
}

impl Report {
    /// Bytes enough for [`Report::to_json`] in most reports (pretty, with six-digit offsets), so
    /// that the output is written into one allocation: the text and the lists' items at their
    /// pretty sizes.
    fn json_capacity(&self) -> usize {
        let mentions: usize = self.speakers.iter().map(|s| s.mentions.len()).sum();
        let positions: usize = self.disputes.iter().map(|d| d.positions.len()).sum();
        let topics: usize = self.disputes.iter().map(|d| d.topic.len()).sum();
        self.text.len()
            + self.text.len() / 16
            + 1024
            + 96 * self.blocks.len()
            + 256 * self.speakers.len()
            + 80 * mentions
            + 400 * self.statements.len()
            + 240 * self.disputes.len()
            + topics
            + 128 * positions
            + 224 * self.hedges.len()
    }
}

/// A JSON writer laid out as `serde_json` lays it out (compact, or pretty with two-space
/// indents), for [`Report::to_json`].
struct Json {
    out: String,
    pretty: bool,
    depth: usize,
}

/// The members of a JSON object being written.
struct Members<'a> {
    j: &'a mut Json,
    first: bool,
}

impl Json {
    /// A line break and the indent of the current depth (pretty only).
    fn newline(&mut self) {
        const SPACES: &str = "                                ";
        const LINE: &str = "\n                                ";
        if self.pretty {
            if 2 * self.depth < LINE.len() {
                self.out.push_str(&LINE[..1 + 2 * self.depth]);
                return;
            }
            self.out.push('\n');
            let mut n = 2 * self.depth;
            while n > 0 {
                let k = n.min(SPACES.len());
                self.out.push_str(&SPACES[..k]);
                n -= k;
            }
        }
    }

    fn object(&mut self, members: impl FnOnce(&mut Members)) {
        self.out.push('{');
        self.depth += 1;
        let mut m = Members {
            j: self,
            first: true,
        };
        members(&mut m);
        let empty = m.first;
        self.depth -= 1;
        if !empty {
            self.newline();
        }
        self.out.push('}');
    }

    fn array<T>(&mut self, items: &[T], mut item: impl FnMut(&mut Json, &T)) {
        self.out.push('[');
        self.depth += 1;
        for (k, x) in items.iter().enumerate() {
            if k > 0 {
                self.out.push(',');
            }
            self.newline();
            item(self, x);
        }
        self.depth -= 1;
        if !items.is_empty() {
            self.newline();
        }
        self.out.push(']');
    }

    /// `{"start": s.start, "end": s.end}` (what `object` writes for it, in one go: the report
    /// holds tens of thousands).
    fn span(&mut self, s: Span) {
        if self.pretty {
            self.depth += 1;
            self.out.push('{');
            self.newline();
            self.out.push_str("\"start\": ");
            self.number(s.start);
            self.out.push(',');
            self.newline();
            self.out.push_str("\"end\": ");
            self.number(s.end);
            self.depth -= 1;
            self.newline();
            self.out.push('}');
        } else {
            self.out.push_str("{\"start\":");
            self.number(s.start);
            self.out.push_str(",\"end\":");
            self.number(s.end);
            self.out.push('}');
        }
    }

    fn null(&mut self) {
        self.out.push_str("null");
    }

    /// A number in decimal.
    fn number(&mut self, n: u32) {
        push_decimal(&mut self.out, n as usize);
    }

    /// A string, escaped as `serde_json` escapes it: quote, backslash and control characters.
    fn string(&mut self, s: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.out.push('"');
        let bytes = s.as_bytes();
        let mut clean = 0;
        let mut i = 0;
        while i < bytes.len() {
            // Eight bytes at a time past those that need no escape (most of any text). Native
            // only: the browser build does without it (fewer bytes to download).
            #[cfg(not(target_arch = "wasm32"))]
            while let Some(c) = bytes.get(i..i + 8) {
                let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
                if needs_escape(x) {
                    break;
                }
                i += 8;
            }
            let Some(&b) = bytes.get(i) else { break };
            i += 1;
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0..=0x1f => "",
                _ => continue,
            };
            self.out.push_str(&s[clean..i - 1]);
            clean = i;
            if escape.is_empty() {
                self.out.push_str("\\u00");
                self.out.push(char::from(HEX[usize::from(b >> 4)]));
                self.out.push(char::from(HEX[usize::from(b & 0xf)]));
            } else {
                self.out.push_str(escape);
            }
        }
        self.out.push_str(&s[clean..]);
        self.out.push('"');
    }
}

/// Whether any of the eight bytes of `x` is one [`Json::string`] escapes: a control
/// character (below `0x20`), a quote or a backslash. Bytes of `0x80` and up never are.
#[cfg(not(target_arch = "wasm32"))]
fn needs_escape(x: u64) -> bool {
    const fn rep(b: u8) -> u64 {
        0x0101_0101_0101_0101 * b as u64
    }
    const LO: u64 = rep(0x7f);
    const HI: u64 = rep(0x80);
    // A byte of `y` is zero exactly where the high bit of `zero(y)` is set.
    let zero = |y: u64| !(((y & LO) + LO) | y | LO);
    // Below 0x20: the high bit clear, and clear still after adding 0x60 to the low seven bits.
    let control = !(((x & LO) + rep(0x60)) | x) & HI;
    // 0x22 is the quote, 0x5c the backslash.
    (control | zero(x ^ rep(0x22)) | zero(x ^ rep(0x5c))) != 0
}

impl Members<'_> {
    /// Starts the next member: its key, ready for its value.
    fn key(&mut self, key: &str) -> &mut Json {
        if !self.first {
            self.j.out.push(',');
        }
        self.first = false;
        self.j.newline();
        // Keys are ours: ASCII letters and underscores, nothing to escape.
        debug_assert!(key.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_'));
        self.j.out.push('"');
        self.j.out.push_str(key);
        self.j.out.push('"');
        self.j.out.push(':');
        if self.j.pretty {
            self.j.out.push(' ');
        }
        self.j
    }
}

/// "1 statement", "2 statements": a count with the noun that agrees with it.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    let mut out = String::new();
    push_decimal(&mut out, n);
    out.push(' ');
    out.push_str(if n == 1 { one } else { many });
    out
}

/// `n` in decimal (without `core::fmt`; see [`push_decimal`]).
#[cfg(any(test, target_arch = "wasm32"))]
pub(crate) fn number(n: usize) -> String {
    let mut out = String::new();
    push_decimal(&mut out, n);
    out
}

/// `n` in decimal, a minus sign before it when negative (without `core::fmt`; see
/// [`push_decimal`]): the panel's pixel sizes and positions.
#[cfg(any(test, target_arch = "wasm32"))]
pub(crate) fn decimal(n: i32) -> String {
    let mut out = String::new();
    if n < 0 {
        out.push('-');
    }
    push_decimal(&mut out, n.unsigned_abs() as usize);
    out
}

/// `parts` joined by `sep`, as `[String]::join` joins them, in a loop of our own: `join` is
/// compiled anew for each element type, and the browser build keeps one, for `&str` (0.3 KB
/// of code).
pub(crate) fn join(parts: &[String], sep: &str) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(p);
    }
    out
}

/// Appends `n` in decimal to `out` (without `core::fmt`, which the browser build need not
/// carry): report numbers and ids ("q12").
pub(crate) fn push_decimal(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // ASCII digits: one byte, one char.
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_format_writes_them() {
        for n in [0, 7, 10, 99, 1_000, 65_535, usize::MAX] {
            assert_eq!(number(n), n.to_string());
            assert_eq!(
                plural(n, "word", "words"),
                format!("{n} word{}", if n == 1 { "" } else { "s" })
            );
        }
        for n in [0, 5, -5, 10, -10, 1_234, i32::MAX, i32::MIN, i32::MIN + 1] {
            assert_eq!(decimal(n), n.to_string());
        }
    }

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

    /// A report with every kind, both a role and none, a source and none, and every character
    /// JSON escapes.
    fn every_case() -> Report {
        let doc = crate::Document::from_text(
            "Ferry late\n\n\"We are ready,\" said Mayor Ann Lee. She said the bridge was \
             \"perfectly safe\". Critics said the bridge may close.\tThe Transit Union denied that \
             the bridge was safe. \u{1}\u{1f}\u{7f} \\ \u{8}\u{c}\r “é” 😀 A spokesperson said it was late.",
        )
        .unwrap();
        crate::analyze(&doc)
    }

    #[test]
    fn strings_are_escaped_as_serde_escapes_them_wherever_the_character_falls() {
        let mut specials: Vec<char> = (0..0x20u8).map(char::from).collect();
        specials.extend(['"', '\\', '\u{7f}', ' ', 'é', '“', '😀', '~']);
        for c in specials {
            for at in 0..20 {
                let s = format!("{}{c}{}", "a".repeat(at), "b".repeat(at % 9));
                let mut j = Json {
                    out: String::new(),
                    pretty: false,
                    depth: 0,
                };
                j.string(&s);
                assert_eq!(j.out, serde_json::to_string(&s).unwrap(), "{s:?}");
            }
        }
    }

    #[test]
    fn the_json_is_what_serde_writes() {
        let r = every_case();
        assert!(r.speakers.iter().any(|s| s.role.is_none()));
        assert!(r.speakers.iter().any(|s| s.role.is_some()));
        assert!(!r.disputes.is_empty() && !r.hedges.is_empty());
        assert_eq!(r.to_json(false), serde_json::to_string(&r).unwrap());
        assert_eq!(r.to_json(true), serde_json::to_string_pretty(&r).unwrap());
        let mut empty = r.clone();
        empty.text = "\u{0}\"".to_string();
        empty.blocks.clear();
        empty.statements.clear();
        empty.speakers[0].mentions.clear();
        assert_eq!(empty.to_json(false), serde_json::to_string(&empty).unwrap());
        assert_eq!(
            empty.to_json(true),
            serde_json::to_string_pretty(&empty).unwrap()
        );
    }

    #[test]
    fn every_kind_name_is_its_json_name() {
        for k in BlockKind::ALL {
            assert_eq!(serde_json::to_value(k).unwrap(), k.name());
        }
        for k in [
            SpeakerKind::Person,
            SpeakerKind::Organisation,
            SpeakerKind::Group,
            SpeakerKind::Anonymous,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), k.name());
        }
        for k in [
            StatementKind::Direct,
            StatementKind::Indirect,
            StatementKind::Mixed,
            StatementKind::Denial,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), k.name());
        }
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
            summary: Summary::default(),
        };
        assert_eq!(
            r.counts(),
            ["0 speakers", "0 statements", "0 disputed claims", "1 hedge"]
        );
    }
}
