//! The page and its article's report as bytes, between the page and the worker that reads and
//! analyses long pages off the page's main thread (see `js/core.js`): the page copies itself
//! ([`Snapshot`]) and sends the copy over; the worker finds and reads the article in it,
//! analyses it, and sends back the article's root, its text pieces and the report, which
//! decodes to the very report the worker made (`tests/dom.rs` checks the round trip).
//!
//! Numbers are LEB128 varints, strings a length and their UTF-8, enums their index, options a
//! 0/1 flag. Not a format anything else reads: both ends are this module, in one build.

use super::collect::{self, SnapChild, SnapElement, Snapshot};
use crate::page;
use crate::{
    Block, BlockKind, Dispute, DisputeId, Hedge, Position, Report, Span, Speaker, SpeakerId,
    SpeakerKind, Stance, Statement, StatementId, StatementKind, Summary, Words,
};

const BLOCK_KINDS: [BlockKind; 6] = BlockKind::ALL;
const SPEAKER_KINDS: [SpeakerKind; 4] = [
    SpeakerKind::Person,
    SpeakerKind::Organisation,
    SpeakerKind::Group,
    SpeakerKind::Anonymous,
];
const STATEMENT_KINDS: [StatementKind; 4] = [
    StatementKind::Direct,
    StatementKind::Indirect,
    StatementKind::Mixed,
    StatementKind::Denial,
];

#[derive(Default)]
struct Out(Vec<u8>);

impl Out {
    fn num(&mut self, mut n: u32) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }
    fn len(&mut self, n: usize) {
        self.num(u32::try_from(n).unwrap_or(u32::MAX));
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn span(&mut self, s: Span) {
        self.num(s.start);
        self.num(s.end);
    }
    fn kind<T: PartialEq>(&mut self, all: &[T], k: &T) {
        self.len(all.iter().position(|x| x == k).unwrap_or(0));
    }
}

struct In<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> In<'a> {
    fn num(&mut self) -> Option<u32> {
        let mut n = 0u32;
        for shift in (0..35).step_by(7) {
            let byte = *self.bytes.get(self.at)?;
            self.at += 1;
            n |= u32::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }
    fn len(&mut self) -> Option<usize> {
        self.num().map(|n| n as usize)
    }
    /// A string, decoded char by char (`str::from_utf8` would bring a UTF-8 validator of 0.2
    /// KB packed into the wasm, for this alone): none if it is not UTF-8 (overlong forms,
    /// which `Out` never writes, are taken for the char they spell).
    fn string(&mut self) -> Option<String> {
        let n = self.len()?;
        let s = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        let mut out = String::with_capacity(n);
        let mut i = 0;
        while i < n {
            let b = u32::from(s[i]);
            let (len, mut c) = match b {
                0..=0x7f => (1, b),
                0xc0..=0xdf => (2, b & 0x1f),
                0xe0..=0xef => (3, b & 0x0f),
                0xf0..=0xf7 => (4, b & 0x07),
                _ => return None,
            };
            for k in i + 1..i + len {
                let x = u32::from(*s.get(k)?);
                if x & 0xc0 != 0x80 {
                    return None;
                }
                c = c << 6 | (x & 0x3f);
            }
            out.push(char::from_u32(c)?);
            i += len;
        }
        Some(out)
    }
    fn span(&mut self) -> Option<Span> {
        Some(Span {
            start: self.num()?,
            end: self.num()?,
        })
    }
    fn kind<T: Copy>(&mut self, all: &[T]) -> Option<T> {
        all.get(self.len()?).copied()
    }
    /// `n` items read by `f` (the count read first), none if any fails.
    fn list<T>(&mut self, mut f: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.len()?;
        // Never more room than bytes left: a count is no promise.
        let mut out = Vec::with_capacity(n.min(self.bytes.len() - self.at));
        for _ in 0..n {
            out.push(f(self)?);
        }
        Some(out)
    }
}

/// A page as copied ([`Snapshot`]), and whether whosaid finds its article itself (else the
/// top is the root the caller named), encoded in slices: [`SnapshotEncoder::step`] while
/// `more()` says so, then [`SnapshotEncoder::finish`] (a 10 MB page took 0.17 s in one task).
pub(crate) struct SnapshotEncoder {
    out: Out,
    /// The next text to encode, then the next element (past the texts).
    next: usize,
}

impl SnapshotEncoder {
    /// An encoder of `snap`, which must not change until it is done.
    pub(crate) fn new(snap: &Snapshot, found: bool) -> SnapshotEncoder {
        let mut out = Out::default();
        out.num(u32::from(found));
        out.str(&snap.title);
        out.num(snap.top);
        out.len(snap.texts.len());
        SnapshotEncoder { out, next: 0 }
    }

    /// Encodes the texts and elements of `snap` one by one while `more()` holds (asked every
    /// 256); returns whether all are in.
    pub(crate) fn step(&mut self, snap: &Snapshot, more: &mut dyn FnMut() -> bool) -> bool {
        let (nt, ne) = (snap.texts.len(), snap.elements.len());
        let o = &mut self.out;
        let mut count = 0usize;
        while self.next < nt + ne {
            count += 1;
            if count % 256 == 0 && !more() {
                return false;
            }
            let k = self.next;
            self.next += 1;
            if k < nt {
                o.str(&snap.texts[k]);
                continue;
            }
            if k == nt {
                o.len(ne);
            }
            let e = &snap.elements[k - nt];
            o.str(&e.tag);
            o.num(u32::from(e.has_attributes) | u32::from(e.hidden) << 1);
            o.num(e.parent.map_or(0, |p| p + 1));
            o.len(e.attrs.len());
            for (k, v) in &e.attrs {
                o.num(u32::from(*k));
                o.str(v);
            }
            o.len(e.children.len());
            for c in &e.children {
                match c {
                    SnapChild::Element(i) => o.num(i << 1),
                    SnapChild::Text(i) => o.num(i << 1 | 1),
                }
            }
        }
        if ne == 0 && self.next == nt {
            // No element: the list's length still follows the texts.
            o.len(0);
            self.next += 1;
        }
        true
    }

    /// The bytes, once [`SnapshotEncoder::step`] has returned true (what is left is encoded
    /// now otherwise).
    pub(crate) fn finish(mut self, snap: &Snapshot) -> Vec<u8> {
        self.step(snap, &mut || true);
        self.out.0
    }
}

/// The page a [`SnapshotEncoder`] encoded.
pub(crate) fn decode_snapshot(bytes: &[u8]) -> Option<(Snapshot, bool)> {
    let mut i = In { bytes, at: 0 };
    let found = i.num()? == 1;
    let title = i.string()?;
    let top = i.num()?;
    let texts = i.list(In::string)?;
    let elements = i.list(|i| {
        let tag = i.string()?;
        let flags = i.num()?;
        let parent = i.num()?.checked_sub(1);
        let attrs = i.list(|i| Some((u8::try_from(i.num()?).ok()?, i.string()?)))?;
        let children = i.list(|i| {
            let c = i.num()?;
            Some(if c & 1 == 0 {
                SnapChild::Element(c >> 1)
            } else {
                SnapChild::Text(c >> 1)
            })
        })?;
        Some(SnapElement {
            tag,
            has_attributes: flags & 1 != 0,
            hidden: flags & 2 != 0,
            attrs,
            parent,
            children,
        })
    })?;
    // Every index in range (the rules index by them), and parents before their children.
    let (ne, nt) = (elements.len() as u32, texts.len() as u32);
    let ok = top < ne
        && elements.iter().enumerate().all(|(k, e)| {
            e.parent.is_none_or(|p| (p as usize) < k)
                && e.attrs
                    .iter()
                    .all(|(a, _)| usize::from(*a) < collect::ATTRIBUTES.len())
                && e.children.iter().all(|c| match c {
                    SnapChild::Element(x) => *x < ne && *x as usize > k,
                    SnapChild::Text(x) => *x < nt,
                })
        });
    ok.then_some((
        Snapshot {
            elements,
            texts,
            title,
            top,
        },
        found,
    ))
}

/// What a worker made of a page: the index of the article's root, and (when it holds text)
/// its text pieces (by text index) and its report, text included.
pub(crate) fn encode_page(root: u32, read: Option<(&[page::Piece<u32>], &Report)>) -> Vec<u8> {
    let mut o = Out::default();
    o.num(root);
    if let Some((pieces, report)) = read {
        o.num(1);
        o.len(pieces.len());
        for p in pieces {
            o.num(p.node);
            o.num(p.start);
            o.num(p.offset);
            o.num(p.len);
        }
        o.str(&report.text);
        o.0.extend_from_slice(&encode_report(report));
    } else {
        o.num(0);
    }
    o.0
}

/// The page [`encode_page`] encoded.
pub(crate) type Page = (u32, Option<(Vec<page::Piece<u32>>, Report)>);

/// What [`encode_page`] encoded.
pub(crate) fn decode_page(bytes: &[u8]) -> Option<Page> {
    let mut i = In { bytes, at: 0 };
    let root = i.num()?;
    if i.num()? == 0 {
        return (i.at == bytes.len()).then_some((root, None));
    }
    let pieces = i.list(|i| {
        Some(page::Piece {
            node: i.num()?,
            start: i.num()?,
            offset: i.num()?,
            len: i.num()?,
        })
    })?;
    let text = i.string()?;
    let report = decode_report(&bytes[i.at..], text)?;
    Some((root, Some((pieces, report))))
}

/// The report without its text.
pub(crate) fn encode_report(r: &Report) -> Vec<u8> {
    let mut o = Out::default();
    o.len(r.blocks.len());
    for b in &r.blocks {
        o.num(b.start);
        o.num(b.end);
        o.kind(&BLOCK_KINDS, &b.kind);
    }
    o.len(r.speakers.len());
    for s in &r.speakers {
        o.str(&s.id.0);
        o.str(&s.name);
        o.kind(&SPEAKER_KINDS, &s.kind);
        match &s.role {
            Some(role) => {
                o.num(1);
                o.str(role);
            }
            None => o.num(0),
        }
        o.len(s.mentions.len());
        for m in &s.mentions {
            o.span(*m);
        }
    }
    o.len(r.statements.len());
    for s in &r.statements {
        o.str(&s.id.0);
        o.str(&s.speaker.0);
        o.kind(&STATEMENT_KINDS, &s.kind);
        match s.source {
            Some(span) => {
                o.num(1);
                o.span(span);
            }
            None => o.num(0),
        }
        o.span(s.cue);
        o.span(s.content);
    }
    o.len(r.disputes.len());
    for d in &r.disputes {
        o.str(&d.id.0);
        o.str(&d.topic);
        o.span(d.claim);
        o.len(d.positions.len());
        for p in &d.positions {
            o.str(&p.speaker.0);
            o.kind(&Stance::ALL, &p.stance);
            o.str(&p.statement.0);
        }
    }
    o.len(r.hedges.len());
    for h in &r.hedges {
        o.span(h.cue);
        o.span(h.sentence);
    }
    let s = &r.summary;
    o.len(s.words.len());
    for w in &s.words {
        o.str(&w.speaker.0);
        o.num(w.words);
    }
    for n in [
        s.people,
        s.organisations,
        s.groups,
        s.anonymous,
        s.statements,
        s.anonymous_statements,
        s.anonymous_percent,
        s.disputes,
        s.hedges,
    ] {
        o.num(n);
    }
    o.0
}

/// The report [`encode_report`] encoded, with `text` as its text.
pub(crate) fn decode_report(bytes: &[u8], text: String) -> Option<Report> {
    let mut i = In { bytes, at: 0 };
    let blocks = i.list(|i| {
        Some(Block {
            start: i.num()?,
            end: i.num()?,
            kind: i.kind(&BLOCK_KINDS)?,
        })
    })?;
    let speakers = i.list(|i| {
        Some(Speaker {
            id: SpeakerId(i.string()?),
            name: i.string()?,
            kind: i.kind(&SPEAKER_KINDS)?,
            role: match i.num()? {
                0 => None,
                _ => Some(i.string()?),
            },
            mentions: i.list(In::span)?,
        })
    })?;
    let statements = i.list(|i| {
        Some(Statement {
            id: StatementId(i.string()?),
            speaker: SpeakerId(i.string()?),
            kind: i.kind(&STATEMENT_KINDS)?,
            source: match i.num()? {
                0 => None,
                _ => Some(i.span()?),
            },
            cue: i.span()?,
            content: i.span()?,
        })
    })?;
    let disputes = i.list(|i| {
        Some(Dispute {
            id: DisputeId(i.string()?),
            topic: i.string()?,
            claim: i.span()?,
            positions: i.list(|i| {
                Some(Position {
                    speaker: SpeakerId(i.string()?),
                    stance: i.kind(&Stance::ALL)?,
                    statement: StatementId(i.string()?),
                })
            })?,
        })
    })?;
    let hedges = i.list(|i| {
        Some(Hedge {
            cue: i.span()?,
            sentence: i.span()?,
        })
    })?;
    let words = i.list(|i| {
        Some(Words {
            speaker: SpeakerId(i.string()?),
            words: i.num()?,
        })
    })?;
    let summary = Summary {
        words,
        people: i.num()?,
        organisations: i.num()?,
        groups: i.num()?,
        anonymous: i.num()?,
        statements: i.num()?,
        anonymous_statements: i.num()?,
        anonymous_percent: i.num()?,
        disputes: i.num()?,
        hedges: i.num()?,
    };
    (i.at == bytes.len()).then_some(Report {
        text,
        blocks,
        speakers,
        statements,
        disputes,
        hedges,
        summary,
    })
}
