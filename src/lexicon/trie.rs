//! The phrase matcher of [`PhraseSet`](super::PhraseSet): a byte trie searched leftmost-longest.
//!
//! The lexicons' phrases are short and few (hundreds), and every search is over one sentence
//! or line, so a trie walked from each position does the work of a general automaton in a
//! fraction of its code (the browser downloads every byte of it). The semantics are those of
//! `aho-corasick`'s `MatchKind::LeftmostLongest`, which the tests check it against: of the
//! matches starting leftmost, the longest; of equal phrases, the first; a search for the next
//! match starts where the last one ended.

use std::ops::Range;

/// No phrase ends at a node (or no edge leads on).
const NONE: u32 = u32::MAX;

/// A trie of phrases, ASCII letters folded to lower case when built case-insensitive.
pub(crate) struct Trie {
    /// The root's successor by byte (a dense table: every search position reads it).
    root: Box<[u32; 256]>,
    /// Per node: the phrase that ends there (its index) or `NONE`, and its edges.
    nodes: Vec<Node>,
    /// Every node's edges, sorted by byte within a node: (byte, successor).
    edges: Vec<(u8, u32)>,
    /// The successor tables of nodes with many edges.
    dense: Vec<u32>,
    /// A bit per hash of the first three bytes of the phrases of three bytes or more (in each
    /// case of their ASCII letters when case-insensitive): most positions of a text are passed
    /// over by this test alone.
    triples: Box<[u64; 1024]>,
    /// A bit per pair of bytes that a phrase of one or two bytes starts with (a phrase of one
    /// byte: that byte with any other), if `short`.
    short_pairs: Box<[u64; 1024]>,
    short: bool,
    case_insensitive: bool,
}

struct Node {
    phrase: u32,
    /// Where the node's successors are: `edges[start..end]`, or, for a node of more than
    /// [`DENSE`] edges (few: near the root), the `256` entries of `dense` from `start`.
    edges: Range<u32>,
    dense: bool,
}

/// Nodes with more edges than this get a table of successors by byte.
const DENSE: usize = 4;

impl Trie {
    /// The trie of `phrases`; a phrase's index is its position. Empty phrases never match.
    pub(crate) fn new<S: AsRef<str>>(phrases: &[S], case_insensitive: bool) -> Trie {
        // Built as a tree of sorted edge lists first, then laid out flat.
        let mut tree: Vec<(u32, Vec<(u8, u32)>)> = vec![(NONE, Vec::new())];
        for (i, p) in phrases.iter().enumerate() {
            let mut at = 0usize;
            for &b in p.as_ref().as_bytes() {
                let b = if case_insensitive {
                    b.to_ascii_lowercase()
                } else {
                    b
                };
                at = match tree[at].1.binary_search_by_key(&b, |e| e.0) {
                    Ok(k) => tree[at].1[k].1 as usize,
                    Err(k) => {
                        let next = tree.len() as u32;
                        tree[at].1.insert(k, (b, next));
                        tree.push((NONE, Vec::new()));
                        next as usize
                    }
                };
            }
            // The first of equal phrases is the one reported.
            if at != 0 && tree[at].0 == NONE {
                tree[at].0 = i as u32;
            }
        }
        let mut root = Box::new([NONE; 256]);
        for &(b, next) in &tree[0].1 {
            root[b as usize] = next;
        }
        // The starts of the phrases, in every case when case-insensitive.
        let cases = |b: u8| {
            if case_insensitive {
                [b.to_ascii_lowercase(), b.to_ascii_uppercase()]
            } else {
                [b, b]
            }
        };
        let mut triples = Box::new([0u64; 1024]);
        let mut short_pairs = Box::new([0u64; 1024]);
        let mut short = false;
        for p in phrases {
            let p = p.as_ref().as_bytes();
            match *p {
                [] => {}
                [a] => {
                    for a in cases(a) {
                        for b in 0..=255 {
                            set(&mut short_pairs, pair(a, b));
                        }
                    }
                    short = true;
                }
                [a, b] => {
                    for (a, b) in cases(a).into_iter().flat_map(|a| cases(b).map(|b| (a, b))) {
                        set(&mut short_pairs, pair(a, b));
                    }
                    short = true;
                }
                [a, b, c, ..] => {
                    for a in cases(a) {
                        for b in cases(b) {
                            for c in cases(c) {
                                set(&mut triples, triple(a, b, c));
                            }
                        }
                    }
                }
            }
        }
        let mut nodes = Vec::with_capacity(tree.len());
        let mut edges = Vec::new();
        let mut dense = Vec::new();
        for (phrase, out) in tree {
            let node = if out.len() > DENSE {
                let start = dense.len();
                dense.resize(start + 256, NONE);
                for (b, next) in out {
                    dense[start + usize::from(b)] = next;
                }
                Node {
                    phrase,
                    edges: start as u32..dense.len() as u32,
                    dense: true,
                }
            } else {
                let start = edges.len() as u32;
                edges.extend_from_slice(&out);
                Node {
                    phrase,
                    edges: start..edges.len() as u32,
                    dense: false,
                }
            };
            nodes.push(node);
        }
        Trie {
            root,
            nodes,
            edges,
            dense,
            triples,
            short_pairs,
            short,
            case_insensitive,
        }
    }

    /// The longest phrase that starts at `text[start..]`: its end and index.
    pub(crate) fn longest_at(&self, text: &[u8], start: usize) -> Option<(usize, usize)> {
        let fold = |b: u8| {
            if self.case_insensitive {
                b.to_ascii_lowercase()
            } else {
                b
            }
        };
        let mut node = self.root[fold(*text.get(start)?) as usize];
        let mut best = None;
        let mut at = start + 1;
        while node != NONE {
            let n = &self.nodes[node as usize];
            if n.phrase != NONE {
                best = Some((at, n.phrase as usize));
            }
            let Some(&b) = text.get(at) else { break };
            let b = fold(b);
            let edges = n.edges.start as usize..n.edges.end as usize;
            node = NONE;
            if n.dense {
                node = self.dense[edges.start + usize::from(b)];
            } else {
                for &(e, next) in &self.edges[edges] {
                    if e >= b {
                        if e == b {
                            node = next;
                        }
                        break;
                    }
                }
            }
            at += 1;
        }
        best
    }

    /// The leftmost-longest match in `text[from..]`: its range and phrase index.
    pub(crate) fn find_from(&self, text: &[u8], from: usize) -> Option<(Range<usize>, usize)> {
        // Each position with two bytes after it, then the last two.
        for (k, w) in text.get(from..).unwrap_or_default().windows(3).enumerate() {
            let may_start = get(&self.triples, triple(w[0], w[1], w[2]))
                || self.short && get(&self.short_pairs, pair(w[0], w[1]));
            if may_start {
                if let Some((e, i)) = self.longest_at(text, from + k) {
                    return Some((from + k..e, i));
                }
            }
        }
        let tail = from.max(text.len().saturating_sub(2));
        (tail..text.len()).find_map(|s| self.longest_at(text, s).map(|(e, i)| (s..e, i)))
    }

    /// The matches in `text`, leftmost-longest, none overlapping another, in order.
    pub(crate) fn find_iter<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (Range<usize>, usize)> + 'a {
        let mut from = 0;
        std::iter::from_fn(move || {
            let (r, i) = self.find_from(text.as_bytes(), from)?;
            from = r.end;
            Some((r, i))
        })
    }
}

/// The bit of a pair of bytes in a table of 65,536 bits.
fn pair(a: u8, b: u8) -> usize {
    usize::from(a) << 8 | usize::from(b)
}

/// The bit of three bytes in a table of 65,536 bits: a multiplicative hash.
fn triple(a: u8, b: u8, c: u8) -> usize {
    (u32::from_le_bytes([a, b, c, 0]).wrapping_mul(0x9E37_79B1) >> 16) as usize
}

fn set(bits: &mut [u64; 1024], k: usize) {
    bits[k >> 6] |= 1 << (k & 63);
}

fn get(bits: &[u64; 1024], k: usize) -> bool {
    bits[k >> 6] >> (k & 63) & 1 != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, MatchKind, StartKind};

    /// Every match in each text, by the trie and by `aho-corasick`, which must agree; and the
    /// longest phrase at the start of each.
    fn both(
        phrases: &[&str],
        case_insensitive: bool,
        texts: &[&str],
    ) -> Vec<(Range<usize>, usize)> {
        let trie = Trie::new(phrases, case_insensitive);
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(case_insensitive)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Both)
            .build(phrases)
            .unwrap();
        let mut all = Vec::new();
        for text in texts {
            let ours: Vec<_> = trie.find_iter(text).collect();
            let theirs: Vec<_> = ac
                .find_iter(text)
                .map(|m| (m.start()..m.end(), m.pattern().as_usize()))
                .collect();
            assert_eq!(ours, theirs, "{text:?}");
            let anchored = ac
                .find(aho_corasick::Input::new(text).anchored(aho_corasick::Anchored::Yes))
                .map(|m| (m.end(), m.pattern().as_usize()));
            assert_eq!(trie.longest_at(text.as_bytes(), 0), anchored, "{text:?}");
            all.extend(ours);
        }
        all
    }

    #[test]
    fn the_leftmost_then_longest_match_wins_and_the_next_starts_after_it() {
        let phrases = ["said", "said that", "aid", "that", "Said", "é", "éa"];
        assert_eq!(
            both(&phrases, true, &["He SAID THAT it was. Aid éa"]),
            [(3..12, 1), (21..24, 2), (25..28, 6)],
        );
        assert_eq!(both(&phrases, false, &["He SAID that"]), [(8..12, 3)]);
        // Of equal phrases (once folded), the first.
        assert_eq!(both(&["Said", "said"], true, &["said"]), [(0..4, 0)]);
        assert_eq!(both(&phrases, true, &[""]), []);
    }

    #[test]
    fn agrees_with_aho_corasick_on_every_lexicon_and_many_texts() {
        let lx = super::super::get();
        let sets: [&[String]; 9] = [
            lx.titles.phrases(),
            lx.cues.phrases(),
            lx.organisations.phrases(),
            lx.seats.phrases(),
            lx.hedges.phrases(),
            lx.contrast.phrases(),
            lx.chrome_prefix.phrases(),
            lx.chrome_contains.phrases(),
            &["said", "Said", "said that", "é", "éa", "a"].map(String::from),
        ];
        // Phrases glued, cut short, run together and in other cases.
        let mut texts: Vec<String> = Vec::new();
        for ps in sets {
            for (k, p) in ps.iter().enumerate() {
                let q = &ps[(k * 7 + 3) % ps.len()];
                let half = (0..=p.len() / 2)
                    .rev()
                    .find(|&i| p.is_char_boundary(i))
                    .unwrap();
                texts.push(format!("{p} {q}"));
                texts.push(format!("x{p}{q}y"));
                texts.push(format!("{}{}", &p[..half], q.to_uppercase()));
            }
        }
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut found = 0;
        for ps in sets {
            let ps: Vec<&str> = ps.iter().map(String::as_str).collect();
            found += both(&ps, true, &texts).len();
            found += both(&ps, false, &texts).len();
        }
        assert!(found > 5_000, "{found}");
    }
}
