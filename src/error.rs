//! Errors a caller can act on.

/// Why an article could not be analysed.
///
/// Only making a [`Document`](crate::Document) can fail; [`analyze`](crate::analyze()) cannot.
/// The message says what was wrong with the input.
///
/// ```
/// use whosaid::{Document, Error};
///
/// assert_eq!(Document::from_text("  \n ").unwrap_err(), Error::Empty);
/// let err = Document::from_text("Skip to main content").unwrap_err();
/// assert_eq!(err, Error::NoArticleText);
/// assert_eq!(
///     err.to_string(),
///     "no article text found: the page has no paragraphs of prose to analyse",
/// );
/// ```
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

impl Error {
    /// The message, as `to_string()` gives it, built without `core::fmt` (which the browser
    /// build need not carry).
    #[cfg(any(test, target_arch = "wasm32"))]
    pub(crate) fn message(&self) -> String {
        match self {
            Self::Empty => "the input is empty".to_string(),
            Self::NoArticleText => {
                "no article text found: the page has no paragraphs of prose to analyse".to_string()
            }
            Self::Model(why) => ["not a usable whosaid model: ", why].concat(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Error;

    #[test]
    fn the_message_is_the_displayed_one() {
        for e in [
            Error::Empty,
            Error::NoArticleText,
            Error::Model("too short".into()),
        ] {
            assert_eq!(e.message(), e.to_string());
        }
    }
}
