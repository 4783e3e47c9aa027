// `npm run build`: Rust → wasm → wasm-bindgen → wasm-opt → esbuild. Outputs in dist/.
// Installs what it needs when missing (the wasm target, the wasm-bindgen CLI pinned to the
// version in Cargo.lock); npm packages come from `npm ci` (scripts/setup.sh).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

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
run('cargo', ['build', '--profile', 'wasm', '--target', 'wasm32-unknown-unknown', '--no-default-features', '--lib']);
rmSync(pkg, { recursive: true, force: true });
run('wasm-bindgen', [
  '--target', 'web', '--omit-default-module-path', '--out-dir', pkg,
  join(root, 'target', 'wasm32-unknown-unknown', 'wasm', 'whosaid.wasm'),
]);

// 3. wasm-opt -Oz, in place, so the glue and the module stay from the same run. `--converge`
// repeats the passes while they still shrink the module (0.7 KB gzipped, a few seconds).
const wasm = join(pkg, 'whosaid_bg.wasm');
run(join(root, 'node_modules', '.bin', 'wasm-opt'), ['-Oz', '--converge', wasm, '-o', wasm]);

// 4. esbuild.
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
copyFileSync(wasm, join(dist, 'whosaid_bg.wasm'));
writeFileSync(`${wasm}.gz`, gzipSync(readFileSync(wasm), { level: 9 }));
copyFileSync(join(root, 'js', 'whosaid.d.ts'), join(dist, 'whosaid.d.ts'));
const common = { bundle: true, minify: true, target: 'es2020', legalComments: 'none', logLevel: 'warning' };
await esbuild.build({ ...common, entryPoints: [join(root, 'js', 'index.js')], format: 'esm', outfile: join(dist, 'whosaid.mjs') });
await esbuild.build({ ...common, entryPoints: [join(root, 'js', 'embed.js')], format: 'iife', outfile: join(dist, 'whosaid-embed.js') });
await esbuild.build({
  ...common,
  entryPoints: [join(root, 'js', 'bookmarklet.js')],
  format: 'iife',
  loader: { '.gz': 'binary' },
  outfile: join(dist, 'whosaid-bookmarklet.js'),
});
const bookmarklet = readFileSync(join(dist, 'whosaid-bookmarklet.js'), 'utf8').trim();
writeFileSync(join(dist, 'bookmarklet.txt'), `javascript:${encodeURIComponent(`void function(){${bookmarklet}}()`)}`);
console.log(`built ${dist}`);
