//! Stage 1, blocks: the article as ordered text blocks.
//!
//! A [`Document`] holds the text to analyse and its blocks. Plain text is split into blank-line
//! paragraphs; lines of page chrome ("Skip to main content", "Read more: …") become blocks of
//! their own, of kind [`BlockKind::Chrome`], which later stages skip. Hands on: the text and its
//! block ranges (UTF-8 bytes).

use crate::error::Error;
use crate::lexicon;
use crate::report::{BlockKind, BLOCK_SEPARATOR};
use std::ops::Range;

/// One block of a document, as a byte range of its text. (The report's [`Block`](crate::Block) is
/// the same block in UTF-16 code units; `segment` reads it as a range of tokens.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BlockBytes {
    pub range: Range<usize>,
    pub kind: BlockKind,
}

/// An article ready for [`analyze`](crate::analyze()): its text and its ordered blocks.
///
/// Made from plain text ([`from_text`](Document::from_text)), from blocks someone else found
/// ([`from_blocks`](Document::from_blocks)) or, natively, from an HTML page
/// (`from_html`, with the `html` feature). Making one is where bad input is refused, so a
/// `Document` always holds some article text.
///
/// ```
/// use whosaid::{analyze, Document};
///
/// let doc = Document::from_text("The ferry is late.\n\n\"Soon,\" said Captain Ivo Marsh.")?;
/// let report = analyze(&doc);
/// assert_eq!(report.blocks.len(), 2);
/// assert_eq!(report.speakers[0].name, "Ivo Marsh");
/// # Ok::<(), whosaid::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Document {
    text: String,
    blocks: Vec<BlockBytes>,
}

impl Document {
    /// A plain-text article: paragraphs separated by blank lines. The report's `text` is the
    /// input unchanged, so its offsets index the input directly.
    ///
    /// Fails when the text is empty or holds nothing but page chrome.
    ///
    /// ```
    /// use whosaid::{analyze, BlockKind, Document, Error};
    ///
    /// let text = "Skip to main content\n\"Soon,\" said Captain Ivo Marsh.";
    /// let report = analyze(&Document::from_text(text)?);
    /// assert_eq!(report.text, text);
    /// // The line of page chrome is a block of its own, which no stage reads.
    /// let kinds: Vec<BlockKind> = report.blocks.iter().map(|b| b.kind).collect();
    /// assert_eq!(kinds, [BlockKind::Chrome, BlockKind::Paragraph]);
    ///
    /// assert_eq!(Document::from_text("").unwrap_err(), Error::Empty);
    /// # Ok::<(), whosaid::Error>(())
    /// ```
    pub fn from_text(text: impl Into<String>) -> Result<Document, Error> {
        let text = text.into();
        let blocks = split_paragraphs(&text);
        Document::checked(text, blocks)
    }

    /// An article given as ordered blocks (from an HTML page or a live DOM). The text is the
    /// blocks joined by a blank line. Blocks that read as page chrome are marked
    /// [`BlockKind::Chrome`] whatever kind they were given; empty blocks are dropped.
    ///
    /// ```
    /// use whosaid::{BlockKind, Document};
    ///
    /// let doc = Document::from_blocks([
    ///     (BlockKind::Heading, "Ferry late again"),
    ///     (BlockKind::Paragraph, "  "),
    ///     (BlockKind::Paragraph, "\"Soon,\" said Captain Ivo Marsh."),
    /// ])?;
    /// assert_eq!(doc.text(), "Ferry late again\n\n\"Soon,\" said Captain Ivo Marsh.");
    /// # Ok::<(), whosaid::Error>(())
    /// ```
    pub fn from_blocks<I, S>(blocks: I) -> Result<Document, Error>
    where
        I: IntoIterator<Item = (BlockKind, S)>,
        S: AsRef<str>,
    {
        let mut text = String::new();
        let mut raw = Vec::new();
        for (kind, block) in blocks {
            let block = block.as_ref().trim();
            if block.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push_str(BLOCK_SEPARATOR);
            }
            let start = text.len();
            text.push_str(block);
            let kind = if lexicon::is_chrome_line(block) {
                BlockKind::Chrome
            } else {
                kind
            };
            raw.push(BlockBytes {
                range: start..text.len(),
                kind,
            });
        }
        Document::checked(text, raw)
    }

    /// An HTML page: finds the article body and reads its blocks (native builds only, with the
    /// `html` feature, which the default `cli` feature turns on). The rules that find the
    /// article are the ones the browser binding applies to the live page.
    ///
    /// ```
    /// use whosaid::{analyze, BlockKind, Document};
    ///
    /// let html = "<html><body><nav><a href=/>Home</a></nav><article>\
    ///             <h1>Ferry late again</h1><p>\"Soon,\" said Captain Ivo Marsh.</p>\
    ///             </article></body></html>";
    /// let report = analyze(&Document::from_html(html)?);
    /// assert_eq!(report.text, "Ferry late again\n\n\"Soon,\" said Captain Ivo Marsh.");
    /// assert_eq!(report.blocks[0].kind, BlockKind::Heading);
    /// assert_eq!(report.speakers[0].name, "Ivo Marsh");
    /// # Ok::<(), whosaid::Error>(())
    /// ```
    #[cfg(feature = "html")]
    pub fn from_html(html: &str) -> Result<Document, Error> {
        if html.trim().is_empty() {
            return Err(Error::Empty);
        }
        Document::from_blocks(crate::html::article_blocks(html))
    }

    fn checked(text: String, blocks: Vec<BlockBytes>) -> Result<Document, Error> {
        if text.trim().is_empty() {
            return Err(Error::Empty);
        }
        if blocks.iter().all(|b| b.kind == BlockKind::Chrome) {
            return Err(Error::NoArticleText);
        }
        Ok(Document { text, blocks })
    }

    /// The text that will be analysed (and that report offsets index).
    ///
    /// ```
    /// let doc = whosaid::Document::from_text("The ferry is late.")?;
    /// assert_eq!(doc.text(), "The ferry is late.");
    /// # Ok::<(), whosaid::Error>(())
    /// ```
    pub fn text(&self) -> &str {
        &self.text
    }

    pub(crate) fn blocks(&self) -> &[BlockBytes] {
        &self.blocks
    }
}

/// Splits plain text into blank-line paragraphs; a chrome line inside a paragraph becomes a
/// block of its own.
fn split_paragraphs(text: &str) -> Vec<BlockBytes> {
    let mut blocks = Vec::new();
    let mut para: Option<Range<usize>> = None;
    let flush = |para: &mut Option<Range<usize>>, blocks: &mut Vec<BlockBytes>| {
        if let Some(r) = para.take() {
            blocks.push(BlockBytes {
                kind: paragraph_kind(&text[r.clone()]),
                range: r,
            });
        }
    };
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut para, &mut blocks);
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let range = start + lead..start + lead + trimmed.len();
        if lexicon::is_chrome_line(trimmed) {
            flush(&mut para, &mut blocks);
            blocks.push(BlockBytes {
                range,
                kind: BlockKind::Chrome,
            });
        } else {
            para = Some(match para.take() {
                Some(p) => p.start..range.end,
                None => range,
            });
        }
    }
    flush(&mut para, &mut blocks);
    blocks
}

/// Characters that take no room and separate nothing a reader sees: the zero-width space, the
/// word joiner, the byte-order mark, and the marks that set the direction of right-to-left
/// text. The tokenizer skips them as it skips white space (Rust's `char::is_whitespace` does
/// not count them), so "said.\u{200B}" ends a sentence as "said. " does.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
            | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Whether a line holds a quotation credited by a dash ("“Q” ― Ana Ruiz"): prose, however short.
fn credits_a_quote(text: &str) -> bool {
    let mut closed_quote = false;
    for c in text.chars() {
        match c {
            '”' | '"' | '’' | '»' => closed_quote = true,
            '―' | '—' | '–' if closed_quote => return true,
            c if c.is_whitespace() => {}
            _ => closed_quote = false,
        }
    }
    false
}

/// A short line without closing punctuation reads as a heading; anything else as prose.
fn paragraph_kind(text: &str) -> BlockKind {
    let short = !lexicon::has_more_words_than(text, 14);
    let closed = text
        .trim_end_matches(|c: char| c.is_whitespace() || is_invisible(c))
        .ends_with(
            &[
                '.', '!', '?', '…', '"', '”', '“', '’', '\'', '»', '«', '」', '』', '。', '！',
                '？', ':', ';', ')',
            ][..],
        );
    if short && !closed && !text.contains('\n') && !credits_a_quote(text) {
        BlockKind::Heading
    } else {
        BlockKind::Paragraph
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(doc: &Document) -> Vec<(BlockKind, &str)> {
        doc.blocks()
            .iter()
            .map(|b| (b.kind, &doc.text()[b.range.clone()]))
            .collect()
    }

    #[test]
    fn blank_lines_separate_paragraphs_and_single_newlines_do_not() {
        let doc = Document::from_text("One line\nwraps here.\n\n  Second paragraph.  \n").unwrap();
        assert_eq!(
            kinds(&doc),
            vec![
                (BlockKind::Paragraph, "One line\nwraps here."),
                (BlockKind::Paragraph, "Second paragraph."),
            ]
        );
    }

    #[test]
    fn a_short_line_crediting_a_quotation_is_prose() {
        let doc =
            Document::from_text("Fares Rise Again\n\n“Not again.” ― Ana Ruiz\n\nA dash — no quote")
                .unwrap();
        assert_eq!(
            kinds(&doc),
            vec![
                (BlockKind::Heading, "Fares Rise Again"),
                (BlockKind::Paragraph, "“Not again.” ― Ana Ruiz"),
                (BlockKind::Heading, "A dash — no quote"),
            ]
        );
    }

    #[test]
    fn chrome_lines_become_their_own_blocks() {
        let doc = Document::from_text(
            "Skip to main content\nopinion\n\nThe council met on Monday.\n\nRead more: Mayor says yes\n\nAdvertisement",
        )
        .unwrap();
        let k = kinds(&doc);
        assert_eq!(k[0], (BlockKind::Chrome, "Skip to main content"));
        assert_eq!(k[1], (BlockKind::Heading, "opinion"));
        assert_eq!(k[2], (BlockKind::Paragraph, "The council met on Monday."));
        assert_eq!(k[3], (BlockKind::Chrome, "Read more: Mayor says yes"));
        assert_eq!(k[4], (BlockKind::Chrome, "Advertisement"));
    }

    #[test]
    fn a_short_line_closed_by_any_quotation_mark_or_full_stop_is_prose() {
        for line in [
            "Ilse Varnhag said: „We stay.“",
            "Odile Perrac said: «Yes.»",
            "Jonas Wirt said: »No.«",
            "田中議員は「まだです」",
            "林晓明说渡轮将恢复。",
            "Lee said so.\u{200B}",
        ] {
            let doc = Document::from_text(line).unwrap();
            assert_eq!(kinds(&doc), [(BlockKind::Paragraph, line)], "{line}");
        }
    }

    #[test]
    fn plain_text_offsets_index_the_input() {
        let input = "\n\nFirst.\r\n\r\nSecond one.";
        let doc = Document::from_text(input).unwrap();
        assert_eq!(doc.text(), input);
        let b = &doc.blocks()[1];
        assert_eq!(&input[b.range.clone()], "Second one.");
    }

    #[test]
    fn empty_and_chrome_only_inputs_are_errors() {
        assert_eq!(Document::from_text("  \n\n ").unwrap_err(), Error::Empty);
        assert_eq!(
            Document::from_text("Skip to main content\n\nAdvertisement").unwrap_err(),
            Error::NoArticleText
        );
    }

    #[test]
    fn blocks_are_joined_by_a_blank_line_and_chrome_is_detected() {
        let doc = Document::from_blocks([
            (BlockKind::Heading, "Port reopens"),
            (BlockKind::Paragraph, "  "),
            (BlockKind::Paragraph, "Share this article"),
            (BlockKind::Paragraph, "Ships moved again."),
        ])
        .unwrap();
        assert_eq!(
            doc.text(),
            "Port reopens\n\nShare this article\n\nShips moved again."
        );
        assert_eq!(doc.blocks()[1].kind, BlockKind::Chrome);
    }
}
