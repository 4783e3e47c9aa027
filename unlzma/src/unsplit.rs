//! Puts a module back together whose code section scripts/wasmsplit.mjs packed as streams: the
//! opcodes in one, each kind of immediate (local indices, called functions, memory offsets,
//! constants, …) in its own. LZMA packs such streams 8 KB smaller than the code as it is: each
//! holds bytes alike, so its matches are longer and its literals better predicted.
//!
//! Input: the module's length, the length of what comes before the code section's contents, the
//! length of those contents, and the length of each stream (`u32`s, little-endian); then the
//! bytes before the code section's contents, the bytes after them, and the streams.

/// The streams, in their order in the input (scripts/wasmsplit.mjs names them alike).
const SIZE: usize = 0; // the number of functions, then each function's size
const LOCALS: usize = 1; // each function's local declarations
const OP: usize = 2; // opcodes, and the sub-opcode after a 0xfc prefix
const BLOCK: usize = 3; // block types
const BRANCH: usize = 4; // branch labels (br_table's count too)
const CALL: usize = 5; // functions called
const CALL_INDIRECT: usize = 6; // type and table of indirect calls
const LOCAL: usize = 7; // local indices
const GLOBAL: usize = 8; // global indices
const ALIGN: usize = 9; // memory access alignments
const OFFSET: usize = 10; // memory access offsets
const I32: usize = 11; // i32.const values
const I64: usize = 12; // i64.const values
const FLOAT: usize = 13; // f32.const and f64.const values
const MISC: usize = 14; // every other immediate
const STREAMS: usize = 15;

// What follows an opcode: `count` numbers (bits 4-6), LEB128 (bit 7) or bytes, from stream
// `k` (bits 0-3); or, with no count, one of the special forms below.
const fn n(count: u8, leb: bool, k: usize) -> u8 {
    (leb as u8) << 7 | count << 4 | k as u8
}
const NONE: u8 = 0;
const BR_TABLE: u8 = 0x81; // a count n, then n + 1 labels
const TYPES: u8 = 0x82; // a count n, then n bytes
const MEMARG: u8 = 0x83; // an alignment, then an offset
const PREFIX: u8 = 0x84; // 0xfc: a sub-opcode, then what `PREFIXED` says
const LEB_BYTE: u8 = 0x85; // memory.init: a data segment, then a memory
const F64: u8 = 0x86; // eight bytes (more than a count holds)
const INVALID: u8 = 0x8f;

/// What follows each opcode.
const FORMS: [u8; 256] = {
    let mut f = [INVALID; 256];
    let mut op = 0x45;
    while op <= 0xc4 {
        f[op] = NONE; // numeric instructions, sign extension included
        op += 1;
    }
    let none = [0x00, 0x01, 0x05, 0x0b, 0x0f, 0x1a, 0x1b, 0xd1];
    let mut i = 0;
    while i < none.len() {
        f[none[i]] = NONE;
        i += 1;
    }
    let mut op = 0x28;
    while op <= 0x3e {
        f[op] = MEMARG;
        op += 1;
    }
    f[0x02] = n(1, true, BLOCK);
    f[0x03] = n(1, true, BLOCK);
    f[0x04] = n(1, true, BLOCK);
    f[0x0c] = n(1, true, BRANCH);
    f[0x0d] = n(1, true, BRANCH);
    f[0x0e] = BR_TABLE;
    f[0x10] = n(1, true, CALL);
    f[0x11] = n(2, true, CALL_INDIRECT);
    f[0x1c] = TYPES;
    f[0x20] = n(1, true, LOCAL);
    f[0x21] = n(1, true, LOCAL);
    f[0x22] = n(1, true, LOCAL);
    f[0x23] = n(1, true, GLOBAL);
    f[0x24] = n(1, true, GLOBAL);
    f[0x25] = n(1, true, MISC);
    f[0x26] = n(1, true, MISC);
    f[0xd2] = n(1, true, MISC);
    f[0x3f] = n(1, false, MISC);
    f[0x40] = n(1, false, MISC);
    f[0xd0] = n(1, false, MISC);
    f[0x41] = n(1, true, I32);
    f[0x42] = n(1, true, I64);
    f[0x43] = n(4, false, FLOAT);
    f[0x44] = F64;
    f[0xfc] = PREFIX;
    f
};

/// What follows each sub-opcode of 0xfc (saturating truncations, bulk memory and table
/// instructions); any other is invalid.
const PREFIXED: [u8; 18] = {
    let mut f = [NONE; 18]; // 0..=7: saturating truncations
    f[8] = LEB_BYTE; // memory.init
    f[9] = n(1, true, MISC); // data.drop
    f[10] = n(2, false, MISC); // memory.copy
    f[11] = n(1, false, MISC); // memory.fill
    f[12] = n(2, true, MISC); // table.init
    f[13] = n(1, true, MISC); // elem.drop
    f[14] = n(2, true, MISC); // table.copy
    f[15] = n(1, true, MISC); // table.grow
    f[16] = n(1, true, MISC); // table.size
    f[17] = n(1, true, MISC); // table.fill
    f
};

/// Writes the code section's contents from the streams. A stream that runs out, or output
/// beyond the section, marks the input `bad` (bytes read past a stream's end are zeros).
struct Writer<'a> {
    out: &'a mut [u8],
    at: usize,
    streams: [&'a [u8]; STREAMS],
    bad: bool,
}

/// Rebuilds the module from `src` (see the module comment) into `out`, which must be as long as
/// the module. Returns 0, or 1 when `src` is not such an input.
pub fn unsplit(src: &[u8], out: &mut [u8]) -> u32 {
    match join(src, out) {
        Some(()) => 0,
        None => 1,
    }
}

fn join(src: &[u8], out: &mut [u8]) -> Option<()> {
    let word = |i: usize| -> Option<usize> {
        let b = src.get(i * 4..i * 4 + 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let (whole, before, code) = (word(0)?, word(1)?, word(2)?);
    let after = whole.checked_sub(before)?.checked_sub(code)?;
    if whole != out.len() {
        return None;
    }
    let mut at = (3 + STREAMS) * 4;
    let mut take = |n: usize| -> Option<&[u8]> {
        let bytes = src.get(at..at.checked_add(n)?)?;
        at += n;
        Some(bytes)
    };
    let (head, rest) = out.split_at_mut(before);
    let (body, tail) = rest.split_at_mut(code);
    head.copy_from_slice(take(before)?);
    tail.copy_from_slice(take(after)?);
    let mut streams: [&[u8]; STREAMS] = [&[]; STREAMS];
    for (k, s) in streams.iter_mut().enumerate() {
        *s = take(word(3 + k)?)?;
    }
    if at != src.len() {
        return None;
    }
    let mut w = Writer {
        out: body,
        at: 0,
        streams,
        bad: false,
    };
    w.code();
    (!w.bad && w.at == code && w.streams.iter().all(|s| s.is_empty())).then_some(())
}

impl Writer<'_> {
    /// Copies the next byte of stream `k`.
    fn byte(&mut self, k: usize) -> u8 {
        let b = match self.streams[k].split_first() {
            Some((&b, rest)) => {
                self.streams[k] = rest;
                b
            }
            None => {
                self.bad = true;
                0
            }
        };
        match self.out.get_mut(self.at) {
            Some(o) => *o = b,
            None => self.bad = true,
        }
        self.at += 1;
        b
    }

    /// Copies the next LEB128 number of stream `k`, and returns its low 32 bits.
    fn leb(&mut self, k: usize) -> u32 {
        let mut value = 0u32;
        let mut shift = 0u32;
        loop {
            let b = self.byte(k);
            if shift < 32 {
                value |= u32::from(b & 0x7f) << shift;
            }
            shift += 7;
            if b < 0x80 {
                return value;
            }
        }
    }

    /// Copies `n` numbers of stream `k`, LEB128 or bytes.
    fn many(&mut self, k: usize, n: u32, leb: bool) {
        for _ in 0..n {
            if self.bad {
                return;
            }
            if leb {
                self.leb(k);
            } else {
                self.byte(k);
            }
        }
    }

    fn code(&mut self) {
        for _ in 0..self.leb(SIZE) {
            let size = self.leb(SIZE) as usize;
            let end = self.at + size;
            let groups = self.leb(LOCALS);
            for _ in 0..groups {
                self.leb(LOCALS);
                self.byte(LOCALS);
                if self.bad {
                    return;
                }
            }
            while self.at < end && !self.bad {
                self.instruction();
            }
            if self.at != end {
                self.bad = true;
            }
            if self.bad {
                return;
            }
        }
    }

    /// One instruction: its opcode, then its immediates, each from its stream.
    fn instruction(&mut self) {
        let mut form = FORMS[usize::from(self.byte(OP))];
        if form == PREFIX {
            let sub = self.leb(OP) as usize;
            form = PREFIXED.get(sub).copied().unwrap_or(INVALID);
        }
        match form {
            BR_TABLE => {
                let n = self.leb(BRANCH);
                self.many(BRANCH, n.saturating_add(1), true);
            }
            TYPES => {
                let n = self.leb(MISC);
                self.many(MISC, n, false);
            }
            MEMARG => {
                self.leb(ALIGN);
                self.leb(OFFSET);
            }
            LEB_BYTE => {
                self.leb(MISC);
                self.byte(MISC);
            }
            F64 => self.many(FLOAT, 8, false),
            INVALID => self.bad = true,
            _ => self.many(
                usize::from(form & 15),
                u32::from(form >> 4 & 7),
                form >> 7 == 1,
            ),
        }
    }
}
