// The embed script (dist/whosaid-embed.js), for publishers:
//   <script src="whosaid-embed.js" data-root="article" data-panel="true" defer></script>
// It highlights the article once the page has loaded, fetching whosaid_bg.wasm.lzma (the wasm,
// LZMA-compressed: js/lzma.js) from beside itself, and exposes `window.whosaid` ({ highlight,
// analyze, removeAll, ready }).
import { makeApi } from './core.js';
import { fetchPacked } from './lzma.js';

const script = document.currentScript;
const base = script && script.src ? script.src : document.baseURI;
const api = makeApi(
  async (init) => init({ module_or_path: await fetchPacked(new URL('whosaid_bg.wasm.lzma', base)) }),
  // Where the page's CSP refuses WebAssembly: the JavaScript build, beside this script.
  () => import(new URL('whosaid-fallback.mjs', base).href),
);
const data = (script && script.dataset) || {};

function run() {
  const options = { panel: data.panel !== 'false' };
  if (data.root) options.root = data.root;
  return api.highlight(options).catch((e) => {
    console.error(e.message);
    document.dispatchEvent(new CustomEvent('whosaid:error', { detail: { message: e.message } }));
    throw e;
  });
}

// The engine's own Promise, whatever the page has put in `window.Promise` (a broken polyfill
// must not keep whosaid from starting).
const NativePromise = (async () => {})().constructor;

const ready = data.auto === 'false'
  ? NativePromise.resolve(null)
  : new NativePromise((resolve) => {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => resolve(run().catch(() => null)), { once: true });
    } else {
      resolve(run().catch(() => null));
    }
  });

window.whosaid = { ...api, ready };
