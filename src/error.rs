//! Errors a caller can act on.

/// Why an article could not be analysed.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Error {
    /// The input holds no text at all.
    #[error("the input is empty")]
    Empty,
    /// The input has text, but none of it reads as an article (only page chrome, or no body).
    #[error("no article text found: the page has no paragraphs of prose to analyse")]
    NoArticleText,
    /// A model file for the learned stage could not be read.
    #[error("not a usable whosaid model: {0}")]
    Model(String),
}
