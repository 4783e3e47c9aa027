// `npm run build`: Rust → wasm → wasm-bindgen → wasm-opt → esbuild. Outputs in dist/ (the
// browser extension in dist/extension/).
// Installs what it needs when missing (the wasm target, rust-src, the wasm-bindgen CLI pinned to the
// version in Cargo.lock); npm packages come from `npm ci` (scripts/setup.sh).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync, gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { buildExtension } from './extension.mjs';
import { buildFallback } from './wasm2js.mjs';
import { shortenImports } from './imports.mjs';
import { split } from './wasmsplit.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'target', 'pkg');
const dist = join(root, 'dist');

function run(cmd, args, opts = {}) {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
}

function output(cmd, args) {
  try {
    return execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
}

function lockedVersion(name) {
  const lock = readFileSync(join(root, 'Cargo.lock'), 'utf8');
  const m = lock.match(new RegExp(`name = "${name}"\\nversion = "([^"]+)"`));
  if (!m) throw new Error(`${name} is not in Cargo.lock`);
  return m[1];
}

/**
 * `bytes` as the text the bookmarklet carries them in (js/bookmarklet.js, `fromText`, reads it
 * back): bits, most significant first, written 6 or 7 at a time as one of the 92 printable ASCII
 * characters but `"`, `<` and `\`, in the order a–z, 0–9, then the rest in code order. The first
 * `six` characters stand for 6 bits (0 to six − 1), the next 128 − 2·six for 7 (2·six to 127):
 * a prefix code, and one whose lengths gzip's Huffman tables fit exactly when the bits are
 * random, as packed bytes are, so that a character costs what it carries whatever `six` is
 * (36 to 64: 7 % more characters at 64). The text's first character says `six`
 * (`String.fromCharCode(32 + six)`). The last character is padded with zeros (fewer than 8
 * bits: no byte).
 */
function asText(bytes, six) {
  const alphabet = [...'abcdefghijklmnopqrstuvwxyz0123456789'];
  for (let c = 32; c < 127; c++) {
    const ch = String.fromCharCode(c);
    if (!'"<\\'.includes(ch) && !alphabet.includes(ch)) alphabet.push(ch);
  }
  let at = 0;
  const bit = () => (at < bytes.length * 8 ? (bytes[at >> 3] >> (7 - (at++ & 7))) & 1 : (at++, 0));
  const out = [String.fromCharCode(32 + six)];
  while (at < bytes.length * 8) {
    let v = 0;
    for (let k = 0; k < 6; k++) v = v * 2 + bit();
    out.push(alphabet[v < six ? v : v * 2 + bit() - six]);
  }
  return out.join('');
}

// 1. Toolchain.
if (!output('rustup', ['target', 'list', '--installed']).includes('wasm32-unknown-unknown')) {
  run('rustup', ['target', 'add', 'wasm32-unknown-unknown']);
}
const bindgen = lockedVersion('wasm-bindgen');
if (!output('wasm-bindgen', ['--version']).includes(bindgen)) {
  // Not --locked: a locked transitive crate is newer than the registry reachable here.
  run('cargo', ['install', 'wasm-bindgen-cli', '--version', bindgen, '--force']);
}

// 2. Rust → wasm (the core and the DOM binding; no native-only dependency).
// The standard library is compiled with the crate (`-Zbuild-std`, from the rust-src component),
// so that it is built for size as the crate is and a panic is a bare trap
// (`-Cpanic=immediate-abort`): no panic messages, no locations, and none of the formatting
// machinery that printing them needs (the wasm has no panic hook: nothing ever showed them;
// 6.8 KB gzipped). `-Zlocation-detail=none` leaves the file, line and column out of what
// `Location::caller()` still sees; `-Zfmt-debug=none` makes `{:?}` print nothing (no report nor
// message of the browser build uses it). The flags are unstable: RUSTC_BOOTSTRAP=1 lets the
// stable compiler and cargo take them, for this build only. In RUSTFLAGS (not after
// `cargo rustc --`) so that the standard library gets them too; with `--target`, build scripts
// and proc-macros do not.
if (!output('rustup', ['component', 'list', '--installed']).split('\n').some((l) => l.startsWith('rust-src'))) {
  run('rustup', ['component', 'add', 'rust-src']);
}
run(
  'cargo',
  [
    'build', '--profile', 'wasm', '--target', 'wasm32-unknown-unknown', '--no-default-features', '--lib',
    '-Zbuild-std=std,panic_abort', '-Zbuild-std-features=optimize_for_size',
  ],
  {
    env: {
      ...process.env,
      RUSTC_BOOTSTRAP: '1',
      RUSTFLAGS: '-Zlocation-detail=none -Zfmt-debug=none -Zunstable-options -Cpanic=immediate-abort',
    },
  },
);
rmSync(pkg, { recursive: true, force: true });
run('wasm-bindgen', [
  '--target', 'web', '--omit-default-module-path', '--out-dir', pkg,
  join(root, 'target', 'wasm32-unknown-unknown', 'wasm', 'whosaid.wasm'),
]);

// The glue, made fit for the JavaScript build too: its instantiation steps are exported, and a
// memory view is renewed whenever the memory's buffer is another one (wasm2js's memory grows
// into a new buffer without detaching the old one; for WebAssembly the test is the same).
const gluePath = join(pkg, 'whosaid.js');
let glue = readFileSync(gluePath, 'utf8');
const views = glue.match(/(cached\w+Memory0)\.byteLength === 0/g) || [];
glue = glue
  .replace(/(cached\w+Memory0)\.byteLength === 0/g, '$1.buffer !== wasm.memory.buffer')
  .replace(/(cached\w+Memory0)\.buffer\.detached === undefined && /g, '');
// The compiled module is exported too: the shim hands it to the worker that analyses long
// articles, so the worker neither fetches nor compiles it again.
if (views.length === 0 || !/function __wbg_get_imports\(/.test(glue) || !/function __wbg_finalize_init\(/.test(glue)
  || !/\bwasmModule = module;/.test(glue)) {
  throw new Error('target/pkg/whosaid.js: the wasm-bindgen glue is not shaped as scripts/build.mjs expects');
}
// The DOM helpers of src/dom (marks.js, ui.js) are imported by the wasm from their own module;
// wasm-bindgen lists that module in the import object once per function it imports directly:
// once is enough (and esbuild warns of the duplicate keys).
{
  const seen = new Set();
  glue = glue.replace(/^ +"(\.\/snippets\/[^"]+)": import\d+,\n/gm, (line, key) => {
    if (seen.has(key)) return '';
    seen.add(key);
    return line;
  });
}
// wasm-bindgen's loading paths that whosaid never takes: the shim always hands the default
// export `{ module_or_path: bytes }` (unpacked from whosaid_bg.wasm.lzma) and the worker hands
// `initSync` `{ module }`, a compiled module; never a URL, a Request, a Response to stream, nor
// the deprecated bare arguments. Their code (the fetch, the MIME-type warning, `__wbg_load`)
// is dropped: 0.3 KB gzipped in each way in.
{
  const fns = {
    __wbg_load: '',
    initSync: 'function initSync({ module }) {\n'
      + '    if (wasm !== undefined) return wasm;\n'
      + '    return __wbg_finalize_init(new WebAssembly.Instance(module, __wbg_get_imports()), module);\n'
      + '}\n',
    // Called once: js/core.js keeps the promise of the first load.
    __wbg_init: 'async function __wbg_init({ module_or_path }) {\n'
      + '    if (wasm !== undefined) return wasm;\n'
      + '    const { instance, module } = await WebAssembly.instantiate(module_or_path, __wbg_get_imports());\n'
      + '    return __wbg_finalize_init(instance, module);\n'
      + '}\n',
    __wbg_init_once: '',
  };
  for (const [name, source] of Object.entries(fns)) {
    const re = new RegExp(`^(async )?function ${name}\\([^]*?\\n\\}\\n`, 'm');
    if (!re.test(glue)) {
      throw new Error(`target/pkg/whosaid.js: no function ${name} in the wasm-bindgen glue to replace`);
    }
    glue = glue.replace(re, source);
  }
  glue = glue.replace(/^let __wbg_init_promise;\n/m, '');
  if (/__wbg_load\b|__wbg_init_once|__wbg_init_promise/.test(glue)) {
    throw new Error('target/pkg/whosaid.js: the wasm-bindgen glue still calls a loading path that scripts/build.mjs drops');
  }
}
// The glue's stand-in for `TextEncoder.prototype.encodeInto` where a browser lacks it: every
// browser that has DecompressionStream('deflate-raw'), which the ways in need (js/lzma.js), has
// it too (Chrome 74, Firefox 66, Safari 14.1).
{
  const polyfill = /^if \(!\('encodeInto' in cachedTextEncoder\)\) \{\n[^]*?\n\}\n/m;
  if (!polyfill.test(glue)) throw new Error('target/pkg/whosaid.js: no encodeInto stand-in to drop');
  glue = glue.replace(polyfill, '');
}
writeFileSync(gluePath, `${glue}\nfunction __wbg_module() { return wasmModule; }\n`
  + 'export { __wbg_get_imports, __wbg_finalize_init, __wbg_module };\n');

// 3. wasm-opt -O2, in place, so the glue and the module stay from the same run. `--converge`
// repeats the passes while they still shrink the module (0.7 KB gzipped, a few seconds). `-O2`
// (no shrinking passes) packs 0.16 KB smaller than `-Os`, though 4 KB larger raw; `-O3`, `-O1`
// 0.6 and 1.2 KB larger. `-Os` came out 0.5–1.4 KB smaller gzipped than `-Oz` (`-Oz` is smaller
// raw, but gzips worse);
// `--strip-producers` drops the toolchain names (0.1 KB). `--low-memory-unused` tells it that no
// address below 1024 is read or written, so that a constant added to an address can be folded
// into the load's or store's offset (an address that wrapped past 2^32 would land there): true
// of Rust's layout, where the stack comes first and grows down from 1 MB to 0 (its last KB is
// reached only by a stack about to overflow) and the data follows; 0.8 KB less wasm packed.
// `--one-caller-inline-max-function-size=10`: a function called from one place is inlined
// there only if it is tiny (by default it always is): 2.6 KB less wasm packed (0: 2.4 KB, 5, 20,
// 40: 2.5, 2.6, 2.1 KB); the quick browser bench (1,500 words, a busy machine) could not tell
// the speed apart.
const wasm = join(pkg, 'whosaid_bg.wasm');
const bin = join(root, 'node_modules', '.bin');
// WHOSAID_KEEP_NAMES=1 keeps the functions' names (wasm-opt -g), for profiles only: the module is
// then larger than the size budget allows.
const keepNames = process.env.WHOSAID_KEEP_NAMES === '1' ? ['-g'] : [];
run(join(bin, 'wasm-opt'), ['-O2', ...keepNames, '--low-memory-unused', '--one-caller-inline-max-function-size=10', '--converge', '--strip-producers', wasm, '-o', wasm]);
// Short import names in the module and the glue (scripts/imports.mjs): 3.3 KB less wasm gzipped.
console.log(`short import names: ${shortenImports({ wasmPath: wasm, gluePath })} imports`);

// The glue as one function (target/pkg/glue.js, `glue()` returns what the module exported):
// js/core.js calls it for the page, and starts the worker that analyses long articles from its
// source (`Function.prototype.toString`), so the glue ships once in each way in, not twice
// (1.7 KB gzipped).
{
  const text = readFileSync(gluePath, 'utf8');
  const names = [];
  // The DOM helpers of src/dom the wasm imports (marks.js, ui.js) come in as the argument,
  // `{ marks, ui }`: the page passes the modules, the worker stubs of them (js/core.js).
  const snippet = (path) => JSON.stringify(path.match(/\/src\/dom\/(\w+)\.js$/)?.[1] ?? path);
  let body = text
    .replace(/^import \{([^}]*)\} from ['"](\.\/snippets\/[^'"]+)['"];?\n/gm,
      (m, list, path) => `const {${list}} = __dom[${snippet(path)}];\n`)
    .replace(/^import \* as (\w+) from ['"](\.\/snippets\/[^'"]+)['"];?\n/gm,
      (m, name, path) => `const ${name} = __dom[${snippet(path)}];\n`)
    .replace(/^export \{([^}]*)\};\n/gm, (m, list) => {
      for (const item of list.split(',')) {
        const [local, as] = item.trim().split(/\s+as\s+/);
        names.push(`${as || local}: ${local}`);
      }
      return '';
    })
    .replace(/^export (class|function|async function|const|let) (\w+)/gm, (m, kind, name) => {
      names.push(`${name}: ${name}`);
      return `${kind} ${name}`;
    });
  if (/^\s*(export|import)\b|import\.meta/m.test(body)) {
    throw new Error('target/pkg/whosaid.js: an import or export the glue function cannot hold');
  }
  // The imports as methods (`cs(arg0, arg1) {`, not `cs: function(arg0, arg1) {`): the same
  // functions to the module (it calls them, never constructs them), 60 bytes less gzipped.
  body = body.replace(/^( {8}\w+): function\(/gm, '$1(');
  // The namespaces of the DOM helpers the import object no longer names (it lists each module
  // once, above): unused, but esbuild keeps a property read.
  body = body.replace(/^const (import\d+) = __dom\["\w+"\];\n/gm,
    (line, name) => (body.split(new RegExp(`\\b${name}\\b`)).length > 2 ? line : ''));
  body = body.replace(/^(?=.)/gm, '  ');
  writeFileSync(join(pkg, 'glue.js'), '// scripts/build.mjs: target/pkg/whosaid.js as one function (see there).\n'
    + `export function glue(__dom) {\n${body}\n  return { ${names.join(', ')} };\n}\n`);
}

// The decoder the ways in unpack it with (unlzma/, a WebAssembly module of its own, carried at
// the head of the packed file: 3c below, js/lzma.js). `--converge`: 20 bytes less gzipped.
run('cargo', [
  'build', '--release', '--target', 'wasm32-unknown-unknown',
  '--manifest-path', join(root, 'unlzma', 'Cargo.toml'), '--target-dir', join(root, 'target', 'unlzma'),
]);
run(join(bin, 'wasm-opt'), [
  '-Oz', '--converge', '--strip-debug', '--strip-producers', '--strip-target-features',
  join(root, 'target', 'unlzma', 'wasm32-unknown-unknown', 'release', 'unlzma.wasm'), '-o', join(pkg, 'unlzma.wasm'),
]);

// 3a. The same module as JavaScript, for pages whose CSP refuses WebAssembly.
console.log('$ wasm2js (scripts/wasm2js.mjs) → target/pkg/whosaid_fallback.mjs');
{
  // (A module that keeps its names gets a copy without them: the lowering reads plain code only.)
  const plain = join(pkg, 'whosaid_plain.wasm');
  if (keepNames.length) run(join(bin, 'wasm-opt'), ['--strip-debug', wasm, '-o', plain]);
  buildFallback({ wasm: keepNames.length ? plain : wasm, out: join(pkg, 'whosaid_fallback.mjs'), bin, tmp: pkg });
}

// 3b. The module's `target_features` section (which features it uses, for tools such as
// wasm-opt and wasm2js above; engines ignore it) goes: 0.1 KB.
{
  const bytes = readFileSync(wasm);
  const parts = [bytes.subarray(0, 8)];
  let at = 8;
  const leb = () => {
    let n = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++];
      n += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return n;
    }
  };
  let dropped = 0;
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at++];
    const size = leb();
    const body = at;
    at += size;
    if (id === 0) {
      const nameStart = body;
      const save = at;
      at = nameStart;
      const len = leb();
      const name = bytes.subarray(at, at + len).toString();
      at = save;
      if (name === 'target_features') {
        dropped += 1;
        continue;
      }
    }
    parts.push(bytes.subarray(start, at));
  }
  if (at !== bytes.length || dropped !== 1) throw new Error(`${wasm}: no target_features section found to drop`);
  writeFileSync(wasm, Buffer.concat(parts));
}

// 3c. The module as the ways in ship it: its code section split into streams
// (scripts/wasmsplit.mjs), then LZMA-compressed (`xz --format=raw`, the settings js/lzma.js
// decodes: lc=2, lp=0, pb=0), after the length of what was compressed with its top bit set (4
// bytes, little-endian; the bit says "split"), after the decoder that unpacks it, unlzma.wasm
// (js/lzma.js), which joins the streams back. gzip -9 makes 186 KB of the module, this 142 KB.
const packedPath = join(pkg, 'whosaid_bg.wasm.lzma');
{
  // The code section as streams (scripts/wasmsplit.mjs): 8 KB less once packed.
  const streams = split(readFileSync(wasm));
  let lzma;
  try {
    lzma = execFileSync('xz', ['--format=raw', '--lzma1=preset=9e,lc=2,lp=0,pb=0,nice=273', '-c'], {
      input: streams,
      maxBuffer: 1 << 28,
    });
  } catch (e) {
    throw new Error(`xz (Debian's xz-utils; scripts/setup.sh installs it) failed: ${e.message}`);
  }
  const head = Buffer.alloc(4);
  head.writeUInt32LE((streams.length | 0x80000000) >>> 0);
  // The decoder first (its length, then itself, deflated: js/lzma.js inflates it with the
  // browser's DecompressionStream): carried here rather than inlined in the JavaScript as
  // base64, it costs 0.6 KB less gzipped (and no base64 decoder ships); deflated rather than
  // as it is, 0.5 KB less (gzip coded its bytes and the packed module's, which are random, in
  // one block with one table; the bookmarklet's text, 0.8 KB less).
  const decoder = deflateRawSync(readFileSync(join(pkg, 'unlzma.wasm')), { level: 9 });
  const decoderLength = Buffer.alloc(4);
  decoderLength.writeUInt32LE(decoder.length);
  writeFileSync(packedPath, Buffer.concat([decoderLength, decoder, head, lzma]));
}

// 4. esbuild.
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
copyFileSync(wasm, join(dist, 'whosaid_bg.wasm'));
copyFileSync(packedPath, join(dist, 'whosaid_bg.wasm.lzma'));
copyFileSync(join(root, 'js', 'whosaid.d.ts'), join(dist, 'whosaid.d.ts'));
const base = { bundle: true, minify: true, target: 'es2020', legalComments: 'none', logLevel: 'warning' };
// The worker that analyses long articles is started from the source of functions of the bundle
// (js/core.js).
const common = base;
await esbuild.build({
  ...common,
  entryPoints: [join(root, 'js', 'index.js')],
  format: 'esm',
  external: ['node:*'],
  outfile: join(dist, 'whosaid.mjs'),
});
// Minifying drops the comments that tell webpack and Vite not to resolve the Node-only import
// (it runs only under Node, to read the .wasm from disk): put them back.
const esm = readFileSync(join(dist, 'whosaid.mjs'), 'utf8');
const nodeImport = 'import("node:fs/promises")';
if (esm.split(nodeImport).length !== 2) throw new Error(`dist/whosaid.mjs: expected one ${nodeImport}`);
writeFileSync(
  join(dist, 'whosaid.mjs'),
  esm.replace(nodeImport, 'import(/* webpackIgnore: true */ /* @vite-ignore */ "node:fs/promises")'),
);
await esbuild.build({ ...common, entryPoints: [join(root, 'js', 'embed.js')], format: 'iife', outfile: join(dist, 'whosaid-embed.js') });
// The JavaScript build, fetched by the module and the embed script only where WebAssembly is refused.
await esbuild.build({
  ...common,
  entryPoints: [join(pkg, 'whosaid_fallback.mjs')],
  format: 'esm',
  outfile: join(dist, 'whosaid-fallback.mjs'),
});
// The bookmarklet carries the packed file (decoder and module) as text (`asText`, decoded by
// js/bookmarklet.js), first in the bundle, before the code: gzip codes each block's symbols by
// one table, and a block holding code and packed bytes alike codes both worse. gzip -9 ends a
// block every 16,383 symbols (a character, or a repeat), so how many characters the text takes
// decides how much of the code shares the text's last block: of the texts that `six` from 36 to
// 56 makes (each character costs what it carries; more 6-bit characters, more characters), the
// bundle keeps the one that gzips smallest (0.25 KB less than 36 alone on 537bfe9).
const packedBytes = readFileSync(packedPath);
const packedText = asText(packedBytes, 36);
await esbuild.build({
  ...common,
  entryPoints: [join(root, 'js', 'bookmarklet.js')],
  format: 'iife',
  plugins: [{
    name: 'packed-as-text',
    setup(build) {
      build.onLoad({ filter: /\.lzma$/ }, () => ({ contents: `export default "${packedText}";`, loader: 'js' }));
    },
  }],
  outfile: join(dist, 'whosaid-bookmarklet.js'),
});
const bundled = readFileSync(join(dist, 'whosaid-bookmarklet.js'), 'utf8').trim().split(`"${packedText}"`);
if (bundled.length !== 2) {
  throw new Error('dist/whosaid-bookmarklet.js: the packed module is not in it as asText wrote it');
}
let bookmarklet = '';
for (let six = 36, best = Infinity; six <= 56; six++) {
  const candidate = bundled.join(`"${asText(packedBytes, six)}"`);
  const size = gzipSync(candidate, { level: 9 }).length;
  if (size < best) [best, bookmarklet] = [size, candidate];
}
writeFileSync(join(dist, 'whosaid-bookmarklet.js'), `${bookmarklet}\n`);
writeFileSync(join(dist, 'bookmarklet.txt'), `javascript:${encodeURIComponent(`void function(){${bookmarklet}}()`)}`);

// 5. The browser extension (dist/extension/): the bookmarklet's bundle behind a toolbar button.
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
buildExtension({ root, dist, version });
// Its copy of the JavaScript build, injected only on pages whose CSP refuses WebAssembly: a
// classic script defining `__whosaidFallback` in the extension's isolated world.
await esbuild.build({
  ...common,
  entryPoints: [join(pkg, 'whosaid_fallback.mjs')],
  format: 'iife',
  globalName: '__whosaidFallback',
  outfile: join(dist, 'extension', 'whosaid-fallback.js'),
});
console.log(`built ${dist}`);
