//! Stage 2a, tokens: splits a block's text into words (with their abbreviation period, "Mr.",
//! "U.S.", "H.W."), numbers ("2.5", "1,500"), quotation marks (two apostrophes are one double
//! mark), a possessive "'s", and single punctuation marks. Hands on: tokens as byte ranges of
//! the text, from which quotations ([`crate::quotes`]) and sentences ([`crate::segment`]) are
//! both read.

use crate::blocks::is_invisible;
use crate::lexicon::{self, Abbrev};
use std::ops::Range;

/// Characters that belong to the letter before them: combining marks ("e\u{301}" is é
/// decomposed), the zero-width (non-)joiner and variation selectors of emoji and scripts, and
/// the soft hyphen. Inside a word they keep it one word.
fn joins_letter(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{200C}'
            | '\u{200D}'
            | '\u{00AD}'
    )
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    Word,
    Number,
    /// A quotation mark (or an apostrophe standing alone).
    Quote(char),
    /// A possessive `'s` / `’s`.
    Possessive,
    Punct(char),
}

impl TokKind {
    /// An em or en dash, or a hyphen standing alone (" - "): what sets off an aside.
    pub(crate) fn is_dash(self) -> bool {
        matches!(self, TokKind::Punct('—' | '–' | '-'))
    }

    /// Whether a token of this kind closes an aside opened by `opening`: the same mark, or
    /// any dash after a dash.
    pub(crate) fn closes(self, opening: TokKind) -> bool {
        self == opening || self.is_dash() && opening.is_dash()
    }
}

/// One token: a byte range of the text (in `u32`s: a text is far below 4 GiB) and its kind.
/// Sixteen bytes: one is kept for every token of a text (how a word's final period behaves is
/// read back by [`abbrev`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    start: u32,
    end: u32,
    pub kind: TokKind,
}

const _: () = assert!(std::mem::size_of::<Token>() == 16);

impl Token {
    pub(crate) fn new(range: Range<usize>, kind: TokKind) -> Token {
        Token {
            start: range.start as u32,
            end: range.end as u32,
            kind,
        }
    }

    /// Its byte range in the text.
    pub(crate) fn range(&self) -> Range<usize> {
        self.start()..self.end()
    }

    /// Where it starts in the text (a byte offset).
    pub(crate) fn start(&self) -> usize {
        self.start as usize
    }

    /// Where it ends in the text (a byte offset).
    pub(crate) fn end(&self) -> usize {
        self.end as usize
    }
}

/// For a word written with a final period ("Mr.", "U.S."): how that period behaves; none for
/// any other token.
pub(crate) fn abbrev(text: &str, t: &Token) -> Option<Abbrev> {
    if t.kind != TokKind::Word {
        return None;
    }
    // A word takes a period in only as an abbreviation's: one that joins letters is followed
    // by a letter.
    abbrev_of(text[t.range()].strip_suffix('.')?)
}

/// How a period right after `word` behaves, if it belongs to the word.
fn abbrev_of(word: &str) -> Option<Abbrev> {
    let initial = word.chars().count() == 1 && word.starts_with(char::is_uppercase);
    if word.contains('.') {
        Some(Abbrev::BeforeStarter)
    } else if initial {
        Some(Abbrev::Never)
    } else {
        lexicon::get().abbreviation(word)
    }
}

/// Splits `text[range]` into tokens, appending them to `out`.
pub(crate) fn tokenize(text: &str, range: Range<usize>, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut i = range.start;
    let end = range.end;
    let char_at = |i: usize| match bytes.get(i) {
        Some(&b) if b < 0x80 && i < end => Some(char::from(b)),
        _ => text[i..end].chars().next(),
    };
    while i < end {
        if bytes[i] == b' ' {
            i += 1;
            continue;
        }
        let Some(c) = char_at(i) else { break };
        let len = c.len_utf8();
        if c.is_whitespace() || is_invisible(c) {
            i += len;
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            let numeric = c.is_ascii_digit();
            let mut j = i + len;
            while j < end {
                if bytes[j].is_ascii_alphanumeric() {
                    j += 1;
                    continue;
                }
                // Any other ASCII character but these ends the word (most words end at a space).
                if bytes[j] < 0x80 && !matches!(bytes[j], b'\'' | b'-' | b'.' | b',' | b':' | b'%')
                {
                    break;
                }
                let Some(d) = char_at(j) else { break };
                let dl = d.len_utf8();
                if d.is_alphanumeric() || joins_letter(d) {
                    j += dl;
                    continue;
                }
                let after = char_at(j + dl);
                // A word bleeped with hyphens ("f---ing", "s---") is one word: after one or two
                // letters, a run of them is no dash.
                if d == '-' && after == Some('-') && !numeric && j - start <= 2 {
                    while bytes.get(j) == Some(&b'-') {
                        j += 1;
                    }
                    continue;
                }
                let joins = match d {
                    '\'' | '’' => {
                        // "'s" at a word's end is a possessive token of its own.
                        let s_end = after == Some('s')
                            && char_at(j + dl + 1).is_none_or(|e| !e.is_alphanumeric());
                        !s_end && after.is_some_and(char::is_alphabetic) && !numeric
                    }
                    '-' | '‑' => after.is_some_and(char::is_alphanumeric),
                    '.' => {
                        if numeric {
                            after.is_some_and(|a| a.is_ascii_digit())
                        } else {
                            after.is_some_and(char::is_alphabetic)
                        }
                    }
                    ',' | ':' => numeric && after.is_some_and(|a| a.is_ascii_digit()),
                    '%' => numeric,
                    _ => false,
                };
                if !joins {
                    break;
                }
                j += dl;
            }
            if !numeric && j < end && bytes[j] == b'.' && abbrev_of(&text[start..j]).is_some() {
                j += 1;
            }
            out.push(Token::new(
                start..j,
                if numeric {
                    TokKind::Number
                } else {
                    TokKind::Word
                },
            ));
            i = j;
            continue;
        }
        let kind = match c {
            '"' | '“' | '”' | '„' | '«' | '»' | '‘' => TokKind::Quote(c),
            // Two apostrophes are a double quotation mark, as some papers print them
            // (''We will,'' she said): it opens and closes like a straight one.
            '\'' if bytes.get(i + 1) == Some(&b'\'') && i + 1 < end => {
                out.push(Token::new(i..i + 2, TokKind::Quote('"')));
                i += 2;
                continue;
            }
            '\'' | '’' => {
                let after = char_at(i + len);
                let before_alnum = text[range.start..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
                if before_alnum
                    && after == Some('s')
                    && char_at(i + len + 1).is_none_or(|e| !e.is_alphanumeric())
                {
                    out.push(Token::new(i..i + len + 1, TokKind::Possessive));
                    i += len + 1;
                    continue;
                }
                TokKind::Quote(c)
            }
            // A horizontal bar ("―", as some papers print a dash) is read as the dash it is.
            '―' => TokKind::Punct('—'),
            _ => TokKind::Punct(c),
        };
        out.push(Token::new(i..i + len, kind));
        i += len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_possessives_and_keep_abbreviations() {
        let text = "Mr. Haldane's U.S. rival's 1,500-word note.";
        let mut tokens = Vec::new();
        tokenize(text, 0..text.len(), &mut tokens);
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.range()]).collect();
        assert_eq!(
            words,
            vec![
                "Mr.",
                "Haldane",
                "'s",
                "U.S.",
                "rival",
                "'s",
                "1,500-word",
                "note",
                "."
            ]
        );
        assert_eq!(tokens[2].kind, TokKind::Possessive);
        let abbrevs: Vec<_> = tokens.iter().map(|t| abbrev(text, t)).collect();
        assert_eq!(abbrevs[0], Some(Abbrev::Never));
        assert_eq!(abbrevs[3], Some(Abbrev::BeforeStarter));
        assert!(abbrevs[1..3]
            .iter()
            .chain(&abbrevs[4..])
            .all(Option::is_none));
    }

    /// The tokens of `text`, as text.
    fn words(text: &str) -> Vec<&str> {
        let mut tokens = Vec::new();
        tokenize(text, 0..text.len(), &mut tokens);
        tokens.iter().map(|t| &text[t.range()]).collect()
    }

    #[test]
    fn a_word_bleeped_with_hyphens_is_one_word_but_a_dash_between_words_is_not() {
        assert_eq!(
            words("a f---ing mess, full of s---. Tribune--which"),
            [
                "a", "f---ing", "mess", ",", "full", "of", "s---", ".", "Tribune", "-", "-",
                "which"
            ]
        );
    }

    #[test]
    fn combining_marks_stay_in_their_word_and_zero_width_spaces_split_like_spaces() {
        let text = "Zoe\u{301} Marti\u{301}nez said.\u{200B}Then\u{FEFF}it\u{2060}rained.";
        assert_eq!(
            words(text),
            [
                "Zoe\u{301}",
                "Marti\u{301}nez",
                "said",
                ".",
                "Then",
                "it",
                "rained",
                "."
            ]
        );
    }
}
