// The LZMA decoder the ways in unpack the wasm with (js/lzma.js over unlzma/): bundled here as
// scripts/build.mjs bundles it, it gives back exactly what xz packed, and a damaged stream is
// refused. `node --test tests/lzma/` after `node scripts/build.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');

async function decoder() {
  assert.ok(existsSync(join(root, 'target', 'pkg', 'unlzma.wasm')), 'build first (node scripts/build.mjs)');
  const out = await esbuild.build({
    entryPoints: [join(root, 'js', 'lzma.js')], bundle: true, format: 'esm', write: false, target: 'es2020',
    loader: { '.wasm': 'binary' }, logLevel: 'warning',
  });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

/** `bytes` packed as scripts/build.mjs packs the wasm. */
function pack(bytes) {
  const lzma = execFileSync('xz', ['--format=raw', '--lzma1=preset=9e,lc=3,lp=0,pb=0,nice=273', '-c'], { input: bytes });
  const head = Buffer.alloc(4);
  head.writeUInt32LE(bytes.length);
  return new Uint8Array(Buffer.concat([head, lzma]));
}

test('the packed module in dist/ unpacks to dist/whosaid_bg.wasm, byte for byte', async () => {
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
  // The first byte of the range coder is always 0: the rest of the stream is shifted by one.
  const damaged = Uint8Array.from([...packed.subarray(0, 5), ...packed.subarray(6), 0]);
  let out = null;
  try {
    out = await unlzma(damaged);
  } catch (e) {
    return; // refused: a distance before the start, or a trap
  }
  assert.ok(!Buffer.from(out).equals(input), 'the damage shows');
});
