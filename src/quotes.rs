//! Stage 2b, quotations: pairs quotation marks within and across blocks.
//!
//! Curly marks pair by shape (“…”, „…“ and „…”, «…» and »…«); straight marks by position (an
//! opening mark is followed by text, a closing one follows it), and so does a closing curly mark
//! that opens a paragraph (”Q” typed for “Q”). Single quotes inside a double quotation are
//! nested quotes; curly single quotes that open after a space and close before one are
//! top-level quotes (British style). A paragraph that opens a quote without closing it is
//! continued by the next paragraph when that one opens with a quote mark again. Hands on:
//! top-level quotations as token ranges.

use crate::blocks::is_invisible;
use crate::tokens::{TokKind, Token};
use std::ops::Range;

/// One top-level quotation within one block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Quote {
    /// Tokens from the opening mark to the closing mark, both included (to the block's last
    /// token when the quote is not closed in this block).
    pub tokens: Range<usize>,
    /// Bytes covered, marks included.
    pub range: Range<usize>,
    /// The quote part in the previous block that this one continues.
    pub continues: Option<usize>,
    /// Whether the quotation is closed in this block.
    pub closed: bool,
    /// Nested quotations inside, as token ranges.
    pub nested: Vec<Range<usize>>,
}

fn prev_char(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn next_char(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

fn is_space_or_none(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || is_invisible(c))
}

/// Whether a mark at this position opens a quote (text follows it, a space or bracket precedes).
fn looks_opening(text: &str, tok: &Token) -> bool {
    let before = prev_char(text, tok.start());
    let after = next_char(text, tok.end());
    // (A `matches!`, not `"([{—–-/:".contains(c)`: that searches for a char outside ASCII as
    // a string, and std's substring searcher is 1.3 KB of wasm.)
    let before_ok = before.is_none_or(|c| {
        c.is_whitespace()
            || is_invisible(c)
            || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':')
    });
    before_ok && !is_space_or_none(after)
}

/// Pairs the quotation marks of one block's tokens (`block` is their index range in `tokens`).
/// `pending` is the unclosed quote of the previous block, if any.
pub(crate) fn pair_block(
    text: &str,
    tokens: &[Token],
    block: Range<usize>,
    pending: Option<usize>,
    out: &mut Vec<Quote>,
) {
    let mut open: Option<(usize, char)> = None; // token index, closing char expected
    let mut nested_open: Option<usize> = None;
    let mut nested: Vec<Range<usize>> = Vec::new();
    let mut first = true;
    for i in block.clone() {
        let tok = &tokens[i];
        let TokKind::Quote(c) = tok.kind else {
            first = false;
            continue;
        };
        let starts_block = first;
        first = false;
        match (open, nested_open, c) {
            (None, _, '“' | '„' | '«') => open = Some((i, closing_of(c))),
            // German and Scandinavian guillemets point inwards: »…«.
            (None, _, '»') if looks_opening(text, tok) => open = Some((i, '«')),
            (None, _, '"') if looks_opening(text, tok) || starts_block => open = Some((i, '"')),
            // A closing mark typed for an opening one, at the start of a paragraph: nothing
            // is open for it to close.
            (None, _, '”') if starts_block && looks_opening(text, tok) => open = Some((i, '”')),
            (None, _, '‘')
                if looks_opening(text, tok) && closes_single_later(text, tokens, i, &block) =>
            {
                open = Some((i, '’'))
            }
            (Some((o, close)), None, _) if is_closing(c, close) => {
                push(
                    out,
                    tokens,
                    o..i + 1,
                    pending_for(text, tokens, o, &block, pending),
                    true,
                    std::mem::take(&mut nested),
                );
                open = None;
            }
            (Some(_), None, '‘' | '\'') if looks_opening(text, tok) => nested_open = Some(i),
            (Some((o, close)), Some(n), '’' | '\'') => {
                if next_char(text, tok.end()).is_none_or(|c| !c.is_alphanumeric()) {
                    nested_open = None;
                    nested.push(n..i + 1);
                } else if close == '’' {
                    push(
                        out,
                        tokens,
                        o..i + 1,
                        None,
                        true,
                        std::mem::take(&mut nested),
                    );
                    open = None;
                }
            }
            (Some((o, close)), Some(_), '”' | '"') if is_closing(c, close) => {
                // A nested quote left open: the double mark closes both.
                nested_open = None;
                push(
                    out,
                    tokens,
                    o..i + 1,
                    None,
                    true,
                    std::mem::take(&mut nested),
                );
                open = None;
            }
            _ => {}
        }
    }
    if let Some((o, _)) = open {
        let cont = pending_for(text, tokens, o, &block, pending);
        push(out, tokens, o..block.end, cont, false, nested);
    }
}

/// The mark that closes a quotation opened by `open` (a curly double or low-9 mark or «).
fn closing_of(open: char) -> char {
    match open {
        '«' => '»',
        '„' => '“',
        _ => '”',
    }
}

/// Whether `c` closes a quotation whose closing mark is `expected`: straight and curly double
/// marks close each other's quotes, and a low-9 opening („) is closed by “ (German) or ”
/// (Polish, Hungarian).
fn is_closing(c: char, expected: char) -> bool {
    c == expected
        || (expected == '”' && c == '"')
        || (expected == '"' && c == '”')
        || (expected == '“' && c == '”')
}

/// Whether a curly single quote opened at `i` is closed later in the block by a ’ that is not an
/// apostrophe.
fn closes_single_later(text: &str, tokens: &[Token], i: usize, block: &Range<usize>) -> bool {
    tokens[i + 1..block.end].iter().any(|t| {
        t.kind == TokKind::Quote('’')
            && next_char(text, t.end()).is_none_or(|c| !c.is_alphanumeric())
    })
}

/// The end of a transcript's turn label at token `start`: a speaker's name in capitals (one to
/// four words) and a colon, as in "HANSEN: Let's start …". Returns the colon's token.
pub(crate) fn turn_label_end(
    text: &str,
    tokens: &[Token],
    start: usize,
    end: usize,
) -> Option<usize> {
    let capitals = |t: &Token| {
        let w = &text[t.range()];
        t.kind == TokKind::Word
            && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !w.chars().any(char::is_lowercase)
    };
    let colon = (start..end.min(start + 5)).find(|&i| !capitals(&tokens[i]))?;
    (colon > start && tokens[colon].kind == TokKind::Punct(':')).then_some(colon)
}

/// The previous block's open quote continues here only if this quote opens the block (and is
/// not a new turn of a transcript).
fn pending_for(
    text: &str,
    tokens: &[Token],
    open_tok: usize,
    block: &Range<usize>,
    pending: Option<usize>,
) -> Option<usize> {
    if open_tok == block.start && turn_label_end(text, tokens, open_tok + 1, block.end).is_none() {
        pending
    } else {
        None
    }
}

fn push(
    out: &mut Vec<Quote>,
    tokens: &[Token],
    toks: Range<usize>,
    continues: Option<usize>,
    closed: bool,
    nested: Vec<Range<usize>>,
) {
    let range = tokens[toks.start].start()..tokens[toks.end - 1].end();
    out.push(Quote {
        tokens: toks,
        range,
        continues,
        closed,
        nested,
    });
}

#[cfg(test)]
mod tests {
    use crate::blocks::Document;
    use crate::segment::Sentences;

    fn quotes(text: &str) -> Vec<(String, bool, Option<usize>)> {
        let doc = Document::from_text(text).unwrap();
        let s = Sentences::new(doc.text(), doc.blocks());
        s.quotes
            .iter()
            .map(|q| (text[q.range.clone()].to_string(), q.closed, q.continues))
            .collect()
    }

    #[test]
    fn straight_and_curly_quotes_pair() {
        let q = quotes("\"We are ready,\" she said. He replied: “Not yet.”");
        assert_eq!(q[0].0, "\"We are ready,\"");
        assert_eq!(q[1].0, "“Not yet.”");
    }

    #[test]
    fn apostrophes_do_not_open_or_close_quotes() {
        let q = quotes("“The company’s workers don’t agree,” said the union’s chief.");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].0, "“The company’s workers don’t agree,”");
    }

    #[test]
    fn nested_single_quotes_stay_inside() {
        let doc = Document::from_text("“He called it ‘a disgrace’ on air,” she said.").unwrap();
        let s = Sentences::new(doc.text(), doc.blocks());
        assert_eq!(s.quotes.len(), 1);
        assert_eq!(s.quotes[0].nested.len(), 1);
    }

    #[test]
    fn multi_paragraph_quote_continues_when_next_paragraph_reopens() {
        let q = quotes("“First part of it.\n\n“Second part,” she said.\n\nNot a quote.");
        assert_eq!(q.len(), 2);
        assert!(!q[0].1);
        assert_eq!(q[1].2, Some(0));
        assert!(q[1].1);
    }

    #[test]
    fn low_9_and_guillemet_quotes_pair_both_ways() {
        let q = quotes("„We stay“, she said. „We go”, he said. «Yes», they said. »No«, I said.");
        let texts: Vec<&str> = q.iter().map(|q| q.0.as_str()).collect();
        assert_eq!(texts, ["„We stay“", "„We go”", "«Yes»", "»No«"]);
        assert!(q.iter().all(|q| q.1));
    }

    #[test]
    fn two_apostrophes_are_a_double_mark() {
        let q = quotes("''We can't wait,'' she said, ''not for 'them' anyway.''");
        let texts: Vec<&str> = q.iter().map(|q| q.0.as_str()).collect();
        assert_eq!(texts, ["''We can't wait,''", "''not for 'them' anyway.''"]);
    }

    #[test]
    fn a_paragraph_opening_with_a_closing_mark_opens_a_quote() {
        let q = quotes("”Fear. I am afraid,” ― Ada Lind\n\nShe left. ”Not now.”");
        let texts: Vec<&str> = q.iter().map(|q| q.0.as_str()).collect();
        assert_eq!(texts, ["”Fear. I am afraid,”"]);
    }

    #[test]
    fn british_single_quotes_are_quotes() {
        let q = quotes("‘We will not pay,’ the minister said.");
        assert_eq!(q[0].0, "‘We will not pay,’");
    }
}
