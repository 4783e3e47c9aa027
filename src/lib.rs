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
mod lexicon;
mod mentions;
#[cfg(any(feature = "html", target_arch = "wasm32"))]
mod page;
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
    let text = doc.text();
    let sentences = segment::Sentences::new(text, doc.blocks());
    let mentions = mentions::find(text, &sentences);
    let entities = speakers::resolve(text, &mentions);
    let statements = attribution::attribute(text, &sentences, &mentions, &entities);
    let found = disputes::find(text, &sentences, &mentions, &entities, &statements);
    report::build(doc, &mentions, &entities, &statements, &found)
}
