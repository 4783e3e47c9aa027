// The wasm is shipped LZMA-compressed (scripts/build.mjs, `xz --format=raw`): a fifth smaller
// than gzip -9 makes it, and servers and the bookmarklet cannot gzip it much further. It is
// unpacked by a WebAssembly module of 1.5 KB (unlzma/, the reference LZMA1 decoder for the one
// setting the build uses), inlined here: the same decoder in JavaScript ran for longer than
// the download it saves until the engine had warmed up to it.
//
// Input: the uncompressed length (4 bytes, little-endian), then the raw LZMA stream.
import decoder from '../target/pkg/unlzma.wasm';

/**
 * The bytes `packed` holds (see above).
 * @param {Uint8Array} packed
 * @returns {Promise<Uint8Array>}
 */
export async function unlzma(packed) {
  const size = (packed[0] | (packed[1] << 8) | (packed[2] << 16) | (packed[3] << 24)) >>> 0;
  const stream = packed.subarray(4);
  const { instance } = await WebAssembly.instantiate(decoder);
  const { memory, unlzma: decode } = instance.exports;
  // The stream and the output after the decoder's own memory (its stack).
  const at = memory.grow(Math.ceil((stream.length + size) / 65536)) * 65536;
  new Uint8Array(memory.buffer, at, stream.length).set(stream);
  if (decode(at, stream.length, at + stream.length, size) !== 0) {
    throw new Error('the packed WebAssembly module is damaged');
  }
  return new Uint8Array(memory.buffer, at + stream.length, size);
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
