// The wasm is shipped LZMA-compressed (scripts/build.mjs, `xz --format=raw`): a fifth smaller
// than gzip -9 makes it, and servers and the bookmarklet cannot gzip it much further. It is
// unpacked by a WebAssembly module of 3.0 KB (unlzma/, the reference LZMA1 decoder for the one
// setting the build uses) that the packed file carries first, deflated (1.8 KB), for the
// browser's own DecompressionStream to inflate: the same decoder in JavaScript ran for longer
// than the download it saves until the engine had warmed up to it. (Carried in the file, not
// inlined here as base64, and deflated, not as it is: a server's gzip codes the decoder's bytes
// with the packed module's in one table, 0.5 KB worse than apart; deflated, they are as random
// as the rest.)
//
// The packed file: the deflated decoder's length (4 bytes, little-endian) and the decoder
// (`deflate-raw`), then the uncompressed length (4 bytes, little-endian) and the raw LZMA
// stream. A length with its top bit set is that of a module whose code section
// scripts/wasmsplit.mjs split into streams (8 KB less to download): the decoder puts it back
// together (`unsplit`).

const u32 = (b, at) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;

/**
 * The bytes `packed` holds (see above).
 * @param {Uint8Array} packed
 * @returns {Promise<Uint8Array>}
 */
export async function unlzma(packed) {
  const damaged = () => new Error('the packed WebAssembly module is damaged');
  const skip = 4 + u32(packed, 0);
  if (!(skip + 4 <= packed.length)) throw damaged();
  const head = u32(packed, skip);
  const size = head & 0x7fffffff;
  const stream = packed.subarray(skip + 4);
  const decoder = new Blob([packed.subarray(4, skip)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const { instance } = await WebAssembly.instantiate(await new Response(decoder).arrayBuffer());
  const { memory, unlzma: decode, unsplit } = instance.exports;
  // The stream and the output after the decoder's own memory (its stack).
  const at = memory.grow(Math.ceil((stream.length + size) / 65536)) * 65536;
  new Uint8Array(memory.buffer, at, stream.length).set(stream);
  const out = at + stream.length;
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
