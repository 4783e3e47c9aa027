// The LZMA decoder the ways in unpack the wasm with (js/lzma.js over unlzma/): bundled here as
// scripts/build.mjs bundles it, it gives back exactly what xz packed, and a damaged stream is
// refused. `node --test tests/lzma/` after `node scripts/build.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { split } from '../../scripts/wasmsplit.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');

async function decoder() {
  assert.ok(existsSync(join(root, 'target', 'pkg', 'unlzma.wasm')), 'build first (node scripts/build.mjs)');
  const out = await esbuild.build({
    entryPoints: [join(root, 'js', 'lzma.js')], bundle: true, format: 'esm', write: false, target: 'es2020',
    logLevel: 'warning',
  });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

/** `packed` after the decoder, as scripts/build.mjs writes the packed file. */
function withDecoder(packed) {
  const decoder = deflateRawSync(readFileSync(join(root, 'target', 'pkg', 'unlzma.wasm')), { level: 9 });
  const length = Buffer.alloc(4);
  length.writeUInt32LE(decoder.length);
  return new Uint8Array(Buffer.concat([length, decoder, packed]));
}

/** `bytes` packed as scripts/build.mjs packs the wasm (`splitCode`: after scripts/wasmsplit.mjs). */
function pack(bytes, splitCode = false) {
  const input = splitCode ? split(bytes) : bytes;
  const lzma = execFileSync('xz', ['--format=raw', '--lzma1=preset=9e,lc=2,lp=0,pb=0,nice=273', '-c'], { input });
  const head = Buffer.alloc(4);
  head.writeUInt32LE((input.length | (splitCode ? 0x80000000 : 0)) >>> 0);
  return withDecoder(Buffer.concat([head, lzma]));
}

/** A module with an instruction of each form scripts/wasmsplit.mjs knows, by binaryen's wasm-as. */
function everyForm() {
  const wat = `(module
  (type $t (func (param i32) (result i32)))
  (memory 1)
  (data $d "whosaid")
  (table $f 2 funcref)
  (table $x 1 externref)
  (elem $e (table $f) (i32.const 0) func $a)
  (global $g (mut i32) (i32.const 7))
  (func $a (param $p i32) (result i32) (local $l i64) (local $m f32) (local $n f64)
    (local.set $l (i64.const -1234567890123))
    (local.set $m (f32.const 1.5))
    (local.set $n (f64.const -2.25))
    (block $out
      (loop $again
        (br_table $out $again $out (local.get $p))))
    (if (i32.eqz (local.get $p)) (then (global.set $g (i32.const 300000))))
    (i64.store offset=16 (i32.const 8) (local.get $l))
    (drop (i32.load8_u offset=70000 align=1 (i32.const 1)))
    (memory.copy (i32.const 0) (i32.const 8) (i32.const 4))
    (memory.fill (i32.const 0) (i32.const 9) (i32.const 4))
    (memory.init $d (i32.const 0) (i32.const 0) (i32.const 3))
    (data.drop $d)
    (drop (memory.grow (i32.const 0)))
    (drop (i32.trunc_sat_f64_s (local.get $n)))
    (drop (i32.extend8_s (memory.size)))
    (table.set $x (i32.const 0) (ref.null extern))
    (drop (table.grow $x (ref.null extern) (i32.const 1)))
    (drop (ref.is_null (table.get $x (i32.const 0))))
    (drop (table.size $f))
    (drop (ref.func $a))
    (drop (select (result f32) (local.get $m) (local.get $m) (local.get $p)))
    (call_indirect $f (type $t) (local.tee $p (call $a (global.get $g))) (i32.const 0)))
  (export "a" (func $a)))`;
  const dir = join(root, 'target', 'tmp');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'every-form.wat'), wat);
  execFileSync(join(root, 'node_modules', '.bin', 'wasm-as'), ['--enable-reference-types', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-multivalue', join(dir, 'every-form.wat'), '-o', join(dir, 'every-form.wasm')]);
  return readFileSync(join(dir, 'every-form.wasm'));
}

test('the packed module in dist/ (its code section split into streams) unpacks to dist/whosaid_bg.wasm, byte for byte', async () => {
  const { unlzma } = await decoder();
  const out = await unlzma(new Uint8Array(readFileSync(join(dist, 'whosaid_bg.wasm.lzma'))));
  assert.ok(Buffer.from(out).equals(readFileSync(join(dist, 'whosaid_bg.wasm'))));
});

test('text, long repeats, random bytes and nothing at all round-trip through xz and the decoder', async () => {
  const { unlzma } = await decoder();
  let seed = 7;
  const random = Buffer.from(Array.from({ length: 70000 }, () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed >>> 24;
  }));
  const inputs = [
    Buffer.from('“The bridge will open in May,” said Ana Ruiz, the mayor of Tarvik. '.repeat(500)),
    Buffer.concat([Buffer.alloc(100000, 0x61), random, random.subarray(0, 5000)]),
    random,
    Buffer.alloc(0),
    Buffer.from('x'),
  ];
  for (const input of inputs) {
    const out = await unlzma(pack(input));
    assert.ok(Buffer.from(out).equals(input), `${input.length} bytes`);
  }
});

test('a damaged stream is refused, not unpacked into wrong bytes silently', async () => {
  const { unlzma } = await decoder();
  const input = Buffer.from('whosaid finds who speaks in a news article. '.repeat(200));
  const packed = pack(input);
  // The first byte of the range coder (after the decoder and the length) is always 0: the rest
  // of the stream is shifted by one.
  const at = 8 + Buffer.from(packed).readUInt32LE(0) + 1;
  assert.equal(packed[at - 1], 0);
  const damaged = Uint8Array.from([...packed.subarray(0, at), ...packed.subarray(at + 1), 0]);
  let out = null;
  try {
    out = await unlzma(damaged);
  } catch (e) {
    return; // refused: a distance before the start, or a trap
  }
  assert.ok(!Buffer.from(out).equals(input), 'the damage shows');
});

test('modules whose code section is split into streams come back byte for byte: every form of instruction', async () => {
  const { unlzma } = await decoder();
  const modules = [everyForm(), readFileSync(join(root, 'target', 'pkg', 'unlzma.wasm'))];
  assert.ok(modules.every((m) => WebAssembly.validate(m)));
  for (const m of modules) {
    const streams = split(m);
    assert.ok(streams.length > m.length, 'a header of stream lengths, then the same bytes reordered');
    assert.ok(Buffer.from(await unlzma(pack(m, true))).equals(m), `${m.length} bytes`);
  }
});

test('an instruction the split does not know stops the build; a split input that does not add up is refused', async () => {
  const { unlzma } = await decoder();
  // One function whose body is a SIMD instruction (v128.const): no stream is defined for it.
  const simd = Buffer.from([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0,
    10, 23, 1, 21, 0, 0xfd, 12, ...new Array(16).fill(0), 0x1a, 0x0b]);
  assert.ok(WebAssembly.validate(simd));
  assert.throws(() => split(simd), /unknown instruction 0xfd/);
  assert.throws(() => split(simd.subarray(0, simd.length - 3)), /the module ends inside/);
  const m = everyForm();
  const streams = split(m);
  // Move a byte from one stream to the next: every length still adds up to the input's, but the
  // instructions no longer do.
  const opAt = 4 * (3 + 2);
  const damaged = Buffer.from(streams);
  damaged.writeUInt32LE(damaged.readUInt32LE(opAt) - 1, opAt);
  damaged.writeUInt32LE(damaged.readUInt32LE(opAt + 4) + 1, opAt + 4);
  const lzma = execFileSync('xz', ['--format=raw', '--lzma1=preset=9e,lc=2,lp=0,pb=0,nice=273', '-c'], { input: damaged });
  const head = Buffer.alloc(4);
  head.writeUInt32LE((damaged.length | 0x80000000) >>> 0);
  await assert.rejects(unlzma(withDecoder(Buffer.concat([head, lzma]))), /damaged/);
});
