//! whosaid: who speaks in a news article, what they said, and which claims are disputed.
//!
//! The core turns an article (plain text, ordered text blocks, or — natively — HTML) into a
//! [`Report`]. It knows nothing of the DOM or of JavaScript; the browser binding and the CLI are
//! thin layers over [`analyze()`].
//!
//! The stages, each its own module, data flowing one way:
//! (`page`, the rules that find the article in a web page, and `html`, which applies them to
//! native HTML) → `blocks` → `tokens` → `quotes` → `segment` (sentences) → `pos` (parts of speech) → `mentions` →
//! `speakers` → `attribution` (statements by rule) → `learned` (the statements a trained model
//! adds) → `coref` (whom a source pronoun stands for, by a trained ranker) → `disputes` (and hedges) → `analyze` (runs them all and assembles
//! the report). Before them come what every stage shares: `span`, `error`, `report` (the
//! report's types, and the kinds and stances the stages speak in) and `lexicon` (and `sort`, one
//! sorting routine for all of them: the wasm holds one copy; `hash_index`, one map from hashes
//! to numbers for the stages that key by a hash; and, in the wasm build, `heap`, its memory
//! allocator). Each module
//! refers only to modules declared before it below (`tests/module_graph.rs` checks it).
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

#![warn(missing_docs)]

mod case;
mod span;
mod sort;
mod list;
mod hash_index;
#[cfg(target_arch = "wasm32")]
mod heap;
mod error;
mod report;
mod lexicon;
#[cfg(any(feature = "html", target_arch = "wasm32"))]
mod page;
#[cfg(feature = "html")]
mod html;
mod blocks;
mod tokens;
mod quotes;
mod segment;
#[doc(hidden)]
pub mod pos;
mod mentions;
mod speakers;
mod attribution;
#[doc(hidden)]
pub mod learned;
#[doc(hidden)]
pub mod coref;
mod disputes;
mod analyze;

pub mod render;

#[cfg(target_arch = "wasm32")]
pub mod dom;

/// Internals the fuzz targets in `fuzz/` check directly (feature `fuzzing`): the offset mapping
/// between the core's UTF-8 bytes and the report's UTF-16 code units. Not part of the API.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing {
    /// The report's UTF-16 offset of each UTF-8 byte offset of `text` (one map for all of them).
    pub fn utf16_offsets(text: &str, bytes: &[usize]) -> Vec<u32> {
        let map = crate::span::Utf16Map::new(text);
        bytes.iter().map(|&b| map.to_utf16(b)).collect()
    }

    /// The byte range of `text` that a report span covers, as `Report::slice` reads it.
    pub fn byte_range(text: &str, span: crate::Span) -> std::ops::Range<usize> {
        crate::span::byte_range(text, span)
    }
}

pub use analyze::{analyze, analyze_with, Options};
pub use blocks::Document;
pub use error::Error;
pub use learned::Model;
pub use report::{
    Block, BlockKind, Dispute, DisputeId, Hedge, Position, Report, Speaker, SpeakerId, SpeakerKind,
    Stance, Statement, StatementId, StatementKind, Summary, Words,
};
pub use span::Span;
