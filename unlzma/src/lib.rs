//! Decodes the raw LZMA stream that scripts/build.mjs packs the wasm into (`xz --format=raw`,
//! lc=2, lp=0, pb=0): the LZMA1 of Igor Pavlov's reference decoder (LzmaSpec.cpp) for that one
//! setting, with the whole output as the dictionary. Compiled to WebAssembly and run by
//! js/lzma.js, which puts the packed bytes and room for the output into this module's memory:
//! decoding in JavaScript took longer than the download it saves until the engine had warmed up.
#![no_std]

mod unsplit;

/// Aborts: a damaged stream is reported by the return value, so this is never reached.
#[cfg(not(test))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

// Where each group of probabilities starts in one table (pb = 0: one per state, no position).
const REP: usize = 12;
const REP_G0: usize = 24;
const REP_G1: usize = 36;
const REP_G2: usize = 48;
const REP0_LONG: usize = 60;
/// 4 × 64: a 6-bit tree of distance slots per length state.
const SLOT: usize = 72;
/// 115: the reverse trees of the low bits of distances of slots 4..13.
const SPEC: usize = 328;
/// 16: the low 4 bits of longer distances.
const ALIGN: usize = 443;
/// 274 each: choice, choice 2, low 8, mid 8, high 256.
const LEN: usize = 459;
const REP_LEN: usize = 733;
/// 4 × 0x300: one literal coder per 2 high bits of the previous byte (lc = 2; 0.5 KB smaller
/// than lc = 3 for the split module).
const LIT: usize = 1007;
const PROBS: usize = LIT + 0x300 * 4;

/// The range decoder and its probabilities.
struct Coder<'a> {
    src: &'a [u8],
    at: usize,
    range: u32,
    code: u32,
    p: [u16; PROBS],
}

impl Coder<'_> {
    fn byte(&mut self) -> u32 {
        let b = self.src.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        u32::from(b)
    }

    fn normalize(&mut self) {
        if self.range < 1 << 24 {
            self.range <<= 8;
            self.code = (self.code << 8) | self.byte();
        }
    }

    fn bit(&mut self, k: usize) -> usize {
        let q = u32::from(self.p[k]);
        let bound = (self.range >> 11) * q;
        let b = if self.code < bound {
            self.range = bound;
            self.p[k] = (q + ((2048 - q) >> 5)) as u16;
            0
        } else {
            self.range -= bound;
            self.code -= bound;
            self.p[k] = (q - (q >> 5)) as u16;
            1
        };
        self.normalize();
        b
    }

    fn tree(&mut self, n: u32, base: usize) -> usize {
        let mut m = 1;
        for _ in 0..n {
            m = (m << 1) | self.bit(base + m);
        }
        m - (1 << n)
    }

    fn reverse(&mut self, n: u32, base: usize) -> usize {
        let mut m = 1;
        let mut s = 0;
        for i in 0..n {
            let b = self.bit(base + m);
            m = (m << 1) | b;
            s |= b << i;
        }
        s
    }

    fn length(&mut self, base: usize) -> usize {
        if self.bit(base) == 0 {
            self.tree(3, base + 2)
        } else if self.bit(base + 1) == 0 {
            8 + self.tree(3, base + 10)
        } else {
            16 + self.tree(8, base + 18)
        }
    }

    fn distance(&mut self, len: usize) -> usize {
        let slot = self.tree(6, SLOT + len.min(3) * 64);
        if slot < 4 {
            return slot;
        }
        let n = (slot as u32 >> 1) - 1;
        let d = (2 | (slot & 1)) << n;
        if slot < 14 {
            return d + self.reverse(n, SPEC + d - slot);
        }
        let mut direct = 0;
        for _ in 4..n {
            self.range >>= 1;
            let b = usize::from(self.code >= self.range);
            if b == 1 {
                self.code -= self.range;
            }
            direct = (direct << 1) | b;
            self.normalize();
        }
        d.wrapping_add(direct << 4)
            .wrapping_add(self.reverse(4, ALIGN))
    }
}

/// Decodes the stream of `len` bytes at `src` into the `size` bytes at `out`. Returns 0, or 1
/// when the stream is damaged (a distance before the start).
///
/// # Safety
/// `src..src + len` and `out..out + size` must be this module's memory, not overlapping.
#[no_mangle]
pub unsafe extern "C" fn unlzma(src: *const u8, len: usize, out: *mut u8, size: usize) -> u32 {
    let src = core::slice::from_raw_parts(src, len);
    let out = core::slice::from_raw_parts_mut(out, size);
    decode(src, out)
}

/// Rebuilds the module that scripts/wasmsplit.mjs split into the `len` bytes at `src` (the
/// output of [`unlzma`]) into the `size` bytes at `out` (see `unsplit.rs`). Returns 0, or 1 when
/// the input is not such a module.
///
/// # Safety
/// `src..src + len` and `out..out + size` must be this module's memory, not overlapping.
#[no_mangle]
pub unsafe extern "C" fn unsplit(src: *const u8, len: usize, out: *mut u8, size: usize) -> u32 {
    let src = core::slice::from_raw_parts(src, len);
    let out = core::slice::from_raw_parts_mut(out, size);
    unsplit::unsplit(src, out)
}

fn decode(src: &[u8], out: &mut [u8]) -> u32 {
    let mut c = Coder {
        src,
        at: 1, // the coder's first byte is always 0
        range: u32::MAX,
        code: 0,
        p: [1024; PROBS],
    };
    for _ in 0..4 {
        c.code = (c.code << 8) | c.byte();
    }
    let (mut state, mut r0, mut r1, mut r2, mut r3) = (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut pos = 0;
    while pos < out.len() {
        if c.bit(state) == 0 {
            // A literal, coded after the previous byte (and, after a match, against the byte
            // the match would have given).
            let prev = if pos > 0 { out[pos - 1] >> 6 } else { 0 };
            let base = LIT + 0x300 * usize::from(prev);
            let mut s = 1;
            if state >= 7 {
                let mut m = usize::from(out[pos - r0 - 1]);
                while s < 0x100 {
                    let mb = (m >> 7) & 1;
                    m <<= 1;
                    let b = c.bit(base + ((1 + mb) << 8) + s);
                    s = (s << 1) | b;
                    if mb != b {
                        break;
                    }
                }
            }
            while s < 0x100 {
                s = (s << 1) | c.bit(base + s);
            }
            out[pos] = s as u8;
            pos += 1;
            state = if state < 4 {
                0
            } else if state < 10 {
                state - 3
            } else {
                state - 6
            };
            continue;
        }
        let mut len;
        if c.bit(REP + state) == 1 {
            if c.bit(REP_G0 + state) == 0 {
                if c.bit(REP0_LONG + state) == 0 {
                    // One byte from the last distance.
                    state = if state < 7 { 9 } else { 11 };
                    out[pos] = out[pos - r0 - 1];
                    pos += 1;
                    continue;
                }
            } else {
                let d;
                if c.bit(REP_G1 + state) == 0 {
                    d = r1;
                } else {
                    if c.bit(REP_G2 + state) == 0 {
                        d = r2;
                    } else {
                        d = r3;
                        r3 = r2;
                    }
                    r2 = r1;
                }
                r1 = r0;
                r0 = d;
            }
            len = c.length(REP_LEN);
            state = if state < 7 { 8 } else { 11 };
        } else {
            r3 = r2;
            r2 = r1;
            r1 = r0;
            len = c.length(LEN);
            state = if state < 7 { 7 } else { 10 };
            r0 = c.distance(len);
            if r0 >= pos {
                return 1;
            }
        }
        len += 2;
        while len > 0 && pos < out.len() {
            out[pos] = out[pos - r0 - 1];
            pos += 1;
            len -= 1;
        }
    }
    0
}
