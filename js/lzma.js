// The wasm is shipped LZMA-compressed (scripts/build.mjs, `xz --format=raw`): a fifth smaller
// than gzip -9 makes it, and servers and the bookmarklet cannot gzip it much further. This is
// the decoder: the LZMA1 of Igor Pavlov's reference (LzmaSpec.cpp), for the one setting the
// build uses (lc=3, lp=0, pb=0: no position bits, so no per-position probabilities), with
// the whole output in one buffer as the dictionary.
//
// Input: the uncompressed length (4 bytes, little-endian), then the raw LZMA stream.
// Output: the bytes, as a Uint8Array. Damaged input throws or gives bytes that WebAssembly
// then refuses to compile.

// Where each group of probabilities starts in one table (its size in the comment).
const REP = 12; // 12, one per state (IS_MATCH is 0..12)
const REP_G0 = 24; // 12
const REP_G1 = 36; // 12
const REP_G2 = 48; // 12
const REP0_LONG = 60; // 12
const SLOT = 72; // 4 × 64: a 6-bit tree per length state
const SPEC = 328; // 115: the reverse trees of distances of slots 4..13
const ALIGN = 443; // 16: the low 4 bits of longer distances
const LEN = 459; // 274: choice, choice 2, low 8, mid 8, high 256
const REP_LEN = 733; // 274
const LIT = 1007; // 8 × 0x300: one coder per 3 high bits of the previous byte

/**
 * The bytes `packed` holds (see above).
 * @param {Uint8Array} packed
 * @returns {Uint8Array}
 */
export function unlzma(packed) {
  const size = (packed[0] | (packed[1] << 8) | (packed[2] << 16) | (packed[3] << 24)) >>> 0;
  const out = new Uint8Array(size);
  const p = new Uint16Array(LIT + 0x300 * 8).fill(1024);
  // The range coder: `range` and `code` are unsigned 32-bit values kept as int32 bit patterns
  // (compared unsigned by flipping the sign bit), so that the engine stays in integers.
  let range = -1;
  let code = 0;
  let at = 5; // packed[4] is the coder's first byte, always 0
  for (let i = 5; i < 9; i++) code = (code << 8) | packed[at++];
  const bit = (k) => {
    const q = p[k];
    const bound = Math.imul(range >>> 11, q);
    let b = 0;
    if ((code ^ 0x80000000) < (bound ^ 0x80000000)) {
      range = bound;
      p[k] = q + ((2048 - q) >> 5);
    } else {
      range = (range - bound) | 0;
      code = (code - bound) | 0;
      p[k] = q - (q >> 5);
      b = 1;
    }
    if (range >>> 24 === 0) {
      range <<= 8;
      code = (code << 8) | packed[at++];
    }
    return b;
  };
  const tree = (n, base) => {
    let m = 1;
    for (let i = 0; i < n; i++) m = (m << 1) | bit(base + m);
    return m - (1 << n);
  };
  const reverse = (n, base) => {
    let m = 1;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const b = bit(base + m);
      m = (m << 1) | b;
      s |= b << i;
    }
    return s;
  };
  const length = (base) =>
    !bit(base) ? tree(3, base + 2) : !bit(base + 1) ? 8 + tree(3, base + 10) : 16 + tree(8, base + 18);
  const distance = (len) => {
    const slot = tree(6, SLOT + (len < 3 ? len : 3) * 64);
    if (slot < 4) return slot;
    const n = (slot >> 1) - 1;
    let d = (2 | (slot & 1)) * 2 ** n;
    if (slot < 14) return d + reverse(n, SPEC + d - slot);
    let direct = 0;
    for (let i = n - 4; i > 0; i--) {
      range >>>= 1;
      let b = 0;
      if ((code >>> 0) >= range) {
        code = (code - range) | 0;
        b = 1;
      }
      direct = direct * 2 + b;
      if (range >>> 24 === 0) {
        range <<= 8;
        code = (code << 8) | packed[at++];
      }
    }
    return d + direct * 16 + reverse(4, ALIGN);
  };

  let state = 0;
  let r0 = 0;
  let r1 = 0;
  let r2 = 0;
  let r3 = 0;
  let pos = 0;
  while (pos < size) {
    if (!bit(state)) {
      // A literal, coded after the previous byte (and, after a match, against the byte the
      // match would have given).
      const base = LIT + 0x300 * (pos ? out[pos - 1] >> 5 : 0);
      let s = 1;
      if (state >= 7) {
        let match = out[pos - r0 - 1];
        while (s < 0x100) {
          const m = (match >> 7) & 1;
          match <<= 1;
          const b = bit(base + ((1 + m) << 8) + s);
          s = (s << 1) | b;
          if (m !== b) break;
        }
      }
      while (s < 0x100) s = (s << 1) | bit(base + s);
      out[pos++] = s;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    let len;
    if (bit(REP + state)) {
      if (!bit(REP_G0 + state)) {
        if (!bit(REP0_LONG + state)) {
          // One byte from the last distance.
          state = state < 7 ? 9 : 11;
          out[pos] = out[pos - r0 - 1];
          pos++;
          continue;
        }
      } else {
        let d;
        if (!bit(REP_G1 + state)) {
          d = r1;
        } else {
          if (!bit(REP_G2 + state)) {
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
      len = length(REP_LEN);
      state = state < 7 ? 8 : 11;
    } else {
      r3 = r2;
      r2 = r1;
      r1 = r0;
      len = length(LEN);
      state = state < 7 ? 7 : 10;
      r0 = distance(len);
      if (r0 >= pos) throw new Error('whosaid: the packed module is damaged');
    }
    for (len += 2; len > 0 && pos < size; len--, pos++) out[pos] = out[pos - r0 - 1];
  }
  return out;
}

/**
 * The bytes packed in the file at `url`, fetched and decoded.
 * @param {URL} url
 * @returns {Promise<Uint8Array>}
 */
export async function fetchPacked(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url.href} answered HTTP ${res.status}`);
  return unlzma(new Uint8Array(await res.arrayBuffer()));
}
