// The wasm's code section as streams, before it is LZMA-packed (scripts/build.mjs): the opcodes
// in one stream, each kind of immediate (local indices, called functions, memory offsets,
// constants, …) in a stream of its own. LZMA then packs the module 8 KB smaller: a stream's
// bytes are alike, so matches grow longer and literals are better predicted. The ways in put
// it back together with `unsplit` of unlzma/ (unlzma/src/unsplit.rs, which says the layout);
// an instruction this does not know stops the build.

/** The streams, in their order in the output (as unlzma/src/unsplit.rs numbers them). */
const NAMES = ['size', 'locals', 'op', 'block', 'branch', 'call', 'callIndirect', 'local', 'global', 'align',
  'offset', 'i32', 'i64', 'float', 'misc'];

/**
 * `wasm` with its code section split into streams.
 * @param {Uint8Array} wasm
 * @returns {Buffer}
 */
export function split(wasm) {
  const b = Buffer.from(wasm.buffer, wasm.byteOffset, wasm.byteLength);
  let p = 8;
  const leb = () => {
    let n = 0;
    for (let shift = 0; ; shift += 7) {
      const x = b[p++];
      if (x === undefined) throw new Error('wasmsplit: the module ends inside a number');
      if (shift < 32) n += (x & 0x7f) * 2 ** shift;
      if (x < 0x80) return n;
    }
  };
  let code = null;
  while (p < b.length) {
    const id = b[p++];
    const size = leb();
    if (p + size > b.length) throw new Error('wasmsplit: the module ends inside a section');
    if (id === 10) code = [p, p + size];
    p += size;
  }
  if (!code) throw new Error('wasmsplit: the module has no code section');
  const [start, end] = code;
  const s = Object.fromEntries(NAMES.map((n) => [n, []]));
  const copy = (name, n) => {
    for (let i = 0; i < n; i++) s[name].push(b[p++]);
  };
  const copyLeb = (name) => {
    const at = p;
    const n = leb();
    for (let i = at; i < p; i++) s[name].push(b[i]);
    return n;
  };
  p = start;
  const count = copyLeb('size');
  for (let f = 0; f < count; f++) {
    const fnEnd = copyLeb('size') + p;
    const groups = copyLeb('locals');
    for (let g = 0; g < groups; g++) {
      copyLeb('locals');
      copy('locals', 1);
    }
    while (p < fnEnd) {
      const op = b[p++];
      s.op.push(op);
      if ([0x00, 0x01, 0x05, 0x0b, 0x0f, 0x1a, 0x1b, 0xd1].includes(op) || (op >= 0x45 && op <= 0xc4)) continue;
      if (op >= 0x02 && op <= 0x04) copyLeb('block');
      else if (op === 0x0c || op === 0x0d) copyLeb('branch');
      else if (op === 0x0e) {
        const n = copyLeb('branch');
        for (let i = 0; i <= n; i++) copyLeb('branch');
      } else if (op === 0x10) copyLeb('call');
      else if (op === 0x11) {
        copyLeb('callIndirect');
        copyLeb('callIndirect');
      } else if (op === 0x1c) copy('misc', copyLeb('misc'));
      else if (op >= 0x20 && op <= 0x22) copyLeb('local');
      else if (op === 0x23 || op === 0x24) copyLeb('global');
      else if (op === 0x25 || op === 0x26 || op === 0xd2) copyLeb('misc');
      else if (op >= 0x28 && op <= 0x3e) {
        copyLeb('align');
        copyLeb('offset');
      } else if (op === 0x3f || op === 0x40 || op === 0xd0) copy('misc', 1);
      else if (op === 0x41) copyLeb('i32');
      else if (op === 0x42) copyLeb('i64');
      else if (op === 0x43) copy('float', 4);
      else if (op === 0x44) copy('float', 8);
      else if (op === 0xfc) {
        const sub = copyLeb('op');
        if (sub <= 7) continue;
        if (sub === 8) {
          copyLeb('misc');
          copy('misc', 1);
        } else if (sub === 10) copy('misc', 2);
        else if (sub === 11) copy('misc', 1);
        else if (sub === 12 || sub === 14) {
          copyLeb('misc');
          copyLeb('misc');
        } else if (sub === 9 || sub === 13 || (sub >= 15 && sub <= 17)) copyLeb('misc');
        else throw new Error(`wasmsplit: unknown instruction 0xfc ${sub} at byte ${p}`);
      } else throw new Error(`wasmsplit: unknown instruction 0x${op.toString(16)} at byte ${p - 1}`);
    }
    if (p !== fnEnd) throw new Error(`wasmsplit: function ${f} does not end where its size says`);
  }
  if (p !== end) throw new Error('wasmsplit: the code section does not end where its size says');
  const streams = NAMES.map((n) => Buffer.from(s[n]));
  const head = Buffer.alloc((3 + NAMES.length) * 4);
  [b.length, start, end - start, ...streams.map((x) => x.length)].forEach((n, i) => head.writeUInt32LE(n, i * 4));
  return Buffer.concat([head, b.subarray(0, start), b.subarray(end), ...streams]);
}
