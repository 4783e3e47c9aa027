//! whosaid: who speaks in a news article, what they said, and which claims are disputed.
//!
//! The core turns an article (plain text, ordered text blocks, or — natively — HTML) into a
//! [`Report`]. It knows nothing of the DOM or of JavaScript; the browser binding and the CLI are
//! thin layers over [`analyze`].
//!
//! The stages, each its own module, data flowing one way:
//! `blocks` → `segment` (sentences) + `quotes` → `mentions` → `speakers` → `attribution`
//! (statements) → `disputes` (and hedges) → `report`.
//!
//! ```
//! use whosaid::{analyze, Document};
//!
//! let doc = Document::from_text(
//!     "\"The bridge will reopen in March,\" Mayor Helen Okafor said on Monday.",
//! ).unwrap();
//! let report = analyze(&doc);
//! assert_eq!(report.speakers[0].name, "Helen Okafor");
//! assert_eq!(report.speakers[0].role.as_deref(), Some("Mayor"));
//! assert_eq!(report.slice(report.statements[0].content), "\"The bridge will reopen in March,\"");
//! ```

mod attribution;
mod blocks;
mod disputes;
mod error;
#[cfg(feature = "html")]
mod html;
#[doc(hidden)]
pub mod learned;
mod lexicon;
mod mentions;
mod quotes;
mod report;
mod segment;
mod span;
mod speakers;

#[cfg(feature = "cli")]
pub mod render;

#[cfg(target_arch = "wasm32")]
pub mod dom;

pub use blocks::Document;
pub use error::Error;
pub use learned::Model;
pub use report::{
    Block, BlockKind, Dispute, DisputeId, Hedge, Position, Report, Speaker, SpeakerId, SpeakerKind,
    Stance, Statement, StatementId, StatementKind,
};
pub use span::Span;

/// Analyses an article: finds its speakers, their statements, its disputed claims and hedges.
///
/// Never fails: a document always has at least one block (see [`Document`]); an article with no
/// attributed speech yields a report with empty lists.
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
    let sentences = segment::Sentences::new(text, doc.blocks());
    let mentions = mentions::find(text, &sentences);
    let entities = speakers::resolve(text, &mentions);
    let mut statements = attribution::attribute(text, &sentences, &mentions, &entities);
    if let Some(model) = options.model {
        statements = learned::extend(&sentences, &mentions, &entities, statements, model);
    }
    let found = disputes::find(text, &sentences, &mentions, &entities, &statements);
    report::build(doc, &mentions, &entities, &statements, &found)
}
