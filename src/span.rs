//! Spans: half-open ranges into the report's text.
//!
//! The core works in UTF-8 byte offsets (`Range<usize>`); the report speaks UTF-16 code units,
//! because that is what the browser's DOM uses. [`Utf16Map`] converts between the two once per
//! document.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open `[start, end)` range of UTF-16 code units into [`Report::text`](crate::Report).
///
/// UTF-16 because that is how the browser's DOM counts: a span indexes a JavaScript string
/// directly. Natively, [`Report::slice`](crate::Report::slice) reads the text a span covers.
///
/// ```
/// use whosaid::{analyze, Document, Span};
///
/// let report = analyze(&Document::from_text("“Ready,” said Mayor Ann Lee.")?);
/// // The curly quotes are one code unit each, as in JavaScript.
/// assert_eq!(report.statements[0].content, Span::new(0, 8));
/// assert_eq!(report.slice(report.statements[0].content), "“Ready,”");
/// # Ok::<(), whosaid::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First code unit.
    pub start: u32,
    /// One past the last code unit.
    pub end: u32,
}

impl Span {
    /// The span `[start, end)`.
    ///
    /// ```
    /// let span = whosaid::Span::new(4, 9);
    /// assert_eq!((span.start, span.end), (4, 9));
    /// ```
    pub fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }

    /// Number of code units covered.
    ///
    /// ```
    /// assert_eq!(whosaid::Span::new(4, 9).len(), 5);
    /// ```
    pub fn len(&self) -> u32 {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers nothing.
    ///
    /// ```
    /// use whosaid::Span;
    ///
    /// assert!(Span::new(4, 4).is_empty());
    /// assert!(!Span::new(4, 5).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// True when the two spans share at least one code unit.
    ///
    /// ```
    /// use whosaid::Span;
    ///
    /// assert!(Span::new(0, 5).overlaps(Span::new(4, 9)));
    /// // Half-open: spans that only touch do not overlap.
    /// assert!(!Span::new(0, 5).overlaps(Span::new(5, 9)));
    /// ```
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// The length of `s` in UTF-16 code units: one per character, two for each past U+FFFF (those
/// UTF-8 writes in four bytes). Counted on the bytes: `encode_utf16().count()` decodes every
/// character, several times slower in the browser build.
pub(crate) fn utf16_len(s: &str) -> u32 {
    s.bytes()
        .map(|b| u32::from(b & 0xc0 != 0x80) + u32::from(b >= 0xf0))
        .sum()
}

/// Maps UTF-8 byte offsets of one text to UTF-16 code-unit offsets and back.
pub(crate) struct Utf16Map<'a> {
    text: &'a str,
    /// `(byte offset, utf16 offset)` at every non-ASCII char boundary, ascending. Between two
    /// entries the text is ASCII, so offsets advance together.
    anchors: Vec<(usize, u32)>,
    /// The UTF-16 length of the text before every [`CHUNK`]-th byte (a byte's weight, see
    /// [`units`], summed), with [`ASCII`] set when the chunk that starts there is all ASCII: a
    /// byte offset's UTF-16 offset is its chunk's entry and the weights of at most `CHUNK - 1`
    /// bytes (in an ASCII chunk, their number), whatever the text.
    chunks: Vec<u32>,
}

/// Bytes per entry of [`Utf16Map::chunks`].
const CHUNK: usize = 32;

/// The flag of an all-ASCII chunk in [`Utf16Map::chunks`] (the report's offsets are `u32`: a
/// text has fewer than 2³¹ code units).
const ASCII: u32 = 1 << 31;

/// The UTF-16 code units that the chars starting in `bytes` take: one for each byte that starts
/// a char, and one more for each that starts a four-byte char (a surrogate pair).
fn units(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .map(|&b| u32::from(b & 0xc0 != 0x80) + u32::from(b >= 0xf0))
        .sum()
}

impl<'a> Utf16Map<'a> {
    pub(crate) fn new(text: &'a str) -> Utf16Map<'a> {
        let bytes = text.as_bytes();
        let mut chunks = Vec::with_capacity(bytes.len() / CHUNK + 1);
        let mut anchors = vec![(0usize, 0u32)];
        let mut total = 0u32;
        for (k, chunk) in bytes.chunks(CHUNK).enumerate() {
            if chunk.is_ascii() {
                chunks.push(total | ASCII);
                total += chunk.len() as u32;
                continue;
            }
            chunks.push(total);
            for (j, &b) in chunk.iter().enumerate() {
                if b >= 0x80 && b & 0xc0 != 0x80 {
                    // A non-ASCII char starts here: anchors at its start and its end.
                    let i = k * CHUNK + j;
                    let n = match b {
                        0xf0.. => 4,
                        0xe0.. => 3,
                        _ => 2,
                    };
                    anchors.push((i, total));
                    anchors.push((i + n, total + 1 + u32::from(n == 4)));
                }
                total += units(&[b]);
            }
        }
        if bytes.len() % CHUNK == 0 {
            chunks.push(total);
        }
        Utf16Map {
            text,
            anchors,
            chunks,
        }
    }

    /// UTF-16 offset of a byte offset (which must be a char boundary; others are rounded down).
    pub(crate) fn to_utf16(&self, byte: usize) -> u32 {
        let mut byte = byte.min(self.text.len());
        // Inside a multi-byte char: round down to its start.
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        let k = byte / CHUNK;
        let entry = self.chunks[k];
        if entry & ASCII != 0 {
            return (entry & !ASCII) + (byte - k * CHUNK) as u32;
        }
        entry + units(&self.text.as_bytes()[k * CHUNK..byte])
    }

    /// Byte offset of a UTF-16 offset: the first char boundary at or after it (as
    /// [`byte_range`] reads a span), found by halving instead of counting from the start.
    pub(crate) fn to_byte(&self, unit: u32) -> usize {
        let i = self.anchors.partition_point(|&(_, u)| u <= unit) - 1;
        let (b, u) = self.anchors[i];
        if u == unit {
            return b;
        }
        if self.text.as_bytes().get(b).is_some_and(|&x| x >= 0x80) {
            // Inside a non-ASCII char (between the halves of a surrogate pair): its end.
            return self.anchors.get(i + 1).map_or(self.text.len(), |a| a.0);
        }
        (b + (unit - u) as usize).min(self.text.len())
    }

    /// The byte range of a report span (see [`byte_range`]).
    pub(crate) fn bytes(&self, s: Span) -> Range<usize> {
        let start = self.to_byte(s.start);
        start..self.to_byte(s.end).max(start)
    }

    /// The report span of a byte range.
    pub(crate) fn span(&self, r: &Range<usize>) -> Span {
        Span::new(self.to_utf16(r.start), self.to_utf16(r.end))
    }
}

/// Byte range of a UTF-16 span in `text` (for callers that read the report back natively).
pub(crate) fn byte_range(text: &str, span: Span) -> Range<usize> {
    let mut units = 0u32;
    let (mut start, mut end) = (None, None);
    for (i, c) in text.char_indices() {
        if start.is_none() && units >= span.start {
            start = Some(i);
        }
        if end.is_none() && units >= span.end {
            end = Some(i);
            break;
        }
        units += c.len_utf16() as u32;
    }
    let start = start.unwrap_or(text.len());
    let end = end.unwrap_or(text.len()).max(start);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts with one-, two-, three- and four-byte characters.
    const SAMPLES: &[&str] = &[
        "",
        "plain",
        "é",
        "Ça va — “très” bien 😀 fin",
        "😀😀 a 中文 b",
        "ab😀",
    ];

    #[test]
    fn utf16_len_counts_code_units() {
        for &t in SAMPLES {
            assert_eq!(utf16_len(t), t.encode_utf16().count() as u32, "{t:?}");
        }
    }

    #[test]
    fn ascii_offsets_are_unchanged() {
        let m = Utf16Map::new("hello world");
        assert_eq!(m.span(&(6..11)), Span::new(6, 11));
    }

    #[test]
    fn curly_quotes_and_astral_chars_count_in_utf16_units() {
        // “ is 3 bytes / 1 unit; 😀 is 4 bytes / 2 units.
        let t = "“Hi” 😀 ok";
        let m = Utf16Map::new(t);
        let ok = t.find("ok").unwrap();
        assert_eq!(m.to_utf16(ok), 8);
        assert_eq!(m.to_utf16(t.find('H').unwrap()), 1);
        assert_eq!(byte_range(t, Span::new(8, 10)), ok..ok + 2);
    }

    #[test]
    fn to_byte_reads_spans_as_byte_range_does() {
        for &t in SAMPLES {
            let m = Utf16Map::new(t);
            let n = t.encode_utf16().count() as u32;
            for a in 0..=n + 1 {
                for b in a..=n + 1 {
                    let s = Span::new(a, b);
                    assert_eq!(m.bytes(s), byte_range(t, s), "{t:?} {a}..{b}");
                }
            }
        }
    }

    #[test]
    fn utf16_offsets_agree_with_counting_across_chunks() {
        let mut t = String::new();
        for i in 0..200 {
            t.push_str(["ab", "é", "“", "😀", " ", "中文"][i % 6]);
            // Runs of ASCII long enough to fill whole chunks, and short ones.
            t.push_str(&"x".repeat(i % 7 * (1 + i % 11)));
        }
        let m = Utf16Map::new(&t);
        let mut units = 0u32;
        let mut last = 0u32;
        for i in 0..=t.len() {
            if t.is_char_boundary(i) {
                last = units;
                units += t[i..].chars().next().map_or(0, |c| c.len_utf16() as u32);
            }
            // Inside a char: its start's offset.
            assert_eq!(m.to_utf16(i), last, "byte {i}");
        }
        assert_eq!(m.to_utf16(t.len() + 3), t.encode_utf16().count() as u32);
        for u in 0..=units + 1 {
            let s = Span::new(u, u);
            assert_eq!(m.bytes(s), byte_range(&t, s), "unit {u}");
        }
    }

    #[test]
    fn byte_range_round_trips() {
        let t = "Ça va — “très” bien";
        let m = Utf16Map::new(t);
        for (i, _) in t.char_indices() {
            let s = m.to_utf16(i);
            assert_eq!(byte_range(t, Span::new(s, s)).start, i);
        }
    }
}
