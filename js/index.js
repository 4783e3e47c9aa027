// The ES module (dist/whosaid.mjs): `import { highlight } from 'whosaid'`.
// The .wasm ships beside the module, LZMA-compressed (whosaid_bg.wasm.lzma; js/lzma.js). `new URL(…, import.meta.url)` is the pattern Vite, webpack
// and esbuild recognise, so bundler users get the file copied; browsers fetch it from there.
// Node's fetch() does not serve file: URLs, so under Node the bytes are read from disk instead
// (node:fs/promises is imported only on that path, and bundlers are told to leave it alone).
import { makeApi } from './core.js';
import { fetchPacked, unlzma } from './lzma.js';

const wasmUrl = new URL('./whosaid_bg.wasm.lzma', import.meta.url);

async function wasmSource() {
  const node = typeof process === 'object' && process !== null && process.versions && process.versions.node;
  if (node && wasmUrl.protocol === 'file:') {
    const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ 'node:fs/promises');
    return unlzma(new Uint8Array(await readFile(wasmUrl)));
  }
  return fetchPacked(wasmUrl);
}

// Where the page's CSP refuses WebAssembly: the same module compiled to JavaScript, beside this one.
const fallbackUrl = new URL('./whosaid-fallback.mjs', import.meta.url);

const api = makeApi(
  async (init) => init({ module_or_path: await wasmSource() }),
  () => import(/* webpackIgnore: true */ /* @vite-ignore */ fallbackUrl.href),
);

export const highlight = api.highlight;
export const analyze = api.analyze;
export const removeAll = api.removeAll;
export const engine = api.engine;
