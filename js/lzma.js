// The wasm is shipped LZMA-compressed (scripts/build.mjs, `xz --format=raw`): a fifth smaller
// than gzip -9 makes it, and servers and the bookmarklet cannot gzip it much further. It is
// unpacked by a WebAssembly module of 3.1 KB (unlzma/, the reference LZMA1 decoder for the one
// setting the build uses), inlined here: the same decoder in JavaScript ran for longer than
// the download it saves until the engine had warmed up to it.
//
// Input: the uncompressed length (4 bytes, little-endian), then the raw LZMA stream. A length
// with its top bit set is that of a module whose code section scripts/wasmsplit.mjs split into
// streams (8 KB less to download): the decoder puts it back together (`unsplit`).
import decoder from '../target/pkg/unlzma.wasm';

/**
 * The bytes `packed` holds (see above).
 * @param {Uint8Array} packed
 * @returns {Promise<Uint8Array>}
 */
export async function unlzma(packed) {
  const head = (packed[0] | (packed[1] << 8) | (packed[2] << 16) | (packed[3] << 24)) >>> 0;
  const size = head & 0x7fffffff;
  const stream = packed.subarray(4);
  const { instance } = await WebAssembly.instantiate(decoder);
  const { memory, unlzma: decode, unsplit } = instance.exports;
  // The stream and the output after the decoder's own memory (its stack).
  const at = memory.grow(Math.ceil((stream.length + size) / 65536)) * 65536;
  new Uint8Array(memory.buffer, at, stream.length).set(stream);
  const out = at + stream.length;
  const damaged = () => new Error('the packed WebAssembly module is damaged');
  if (decode(at, stream.length, out, size) !== 0) throw damaged();
  if (head === size) return new Uint8Array(memory.buffer, out, size);
  // The module's length comes first.
  const whole = new DataView(memory.buffer, out, 4).getUint32(0, true);
  const to = memory.grow(Math.ceil(whole / 65536)) * 65536;
  if (size < 4 || unsplit(out, size, to, whole) !== 0) throw damaged();
  return new Uint8Array(memory.buffer, to, whole);
}

/**
 * The bytes packed in the file at `url`, fetched and unpacked.
 * @param {URL} url
 * @returns {Promise<Uint8Array>}
 */
export async function fetchPacked(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url.href} answered HTTP ${res.status}`);
  return unlzma(new Uint8Array(await res.arrayBuffer()));
}
