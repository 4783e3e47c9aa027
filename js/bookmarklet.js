// The bookmarklet (dist/whosaid-bookmarklet.js): one self-contained file, the wasm inlined.
// Run once, it highlights the article; run again, it removes everything the first run added.
// Where the page's Content-Security-Policy blocks WebAssembly it shows a small notice instead.
// The module is inlined gzip-compressed (a third of the size) and inflated by the browser.
import packed from '../target/pkg/whosaid_bg.wasm.gz';
import { makeApi } from './core.js';

async function inflate() {
  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}

const KEY = '__whosaidBookmarklet';

function notice(message) {
  const old = document.querySelector('[data-whosaid="notice"]');
  if (old) old.remove();
  const host = document.createElement('div');
  host.setAttribute('data-whosaid', 'notice');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `
    .n { position: fixed; top: 16px; right: 16px; z-index: 2147483647; max-width: 26rem;
      font: 14px/1.45 system-ui, sans-serif; color: #1b1b1b; background: #fff4e5;
      border: 1px solid #e0a040; border-radius: 8px; padding: 10px 36px 10px 12px;
      box-shadow: 0 6px 24px rgba(0,0,0,.18); }
    button { position: absolute; top: 6px; right: 6px; font: inherit; font-size: 16px;
      background: none; border: 0; cursor: pointer; padding: 2px 6px; }
    strong { display: block; margin-bottom: 2px; }`;
  const box = document.createElement('div');
  box.className = 'n';
  box.setAttribute('role', 'alert');
  const title = document.createElement('strong');
  title.textContent = 'whosaid';
  const text = document.createElement('span');
  text.textContent = message;
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', 'Dismiss');
  close.addEventListener('click', () => host.remove());
  box.append(title, text, close);
  shadow.append(style, box);
  (document.body || document.documentElement).append(host);
  setTimeout(() => host.remove(), 15000);
}

const state = window[KEY];
if (state && state.pending) {
  // The first run is still loading: let it finish.
} else if (state && state.handle && state.handle.active) {
  state.handle.remove();
  delete window[KEY];
} else {
  const api = makeApi(async (init) => init({ module_or_path: await inflate() }));
  window[KEY] = { pending: true };
  api.highlight({ panel: true }).then(
    (handle) => { window[KEY] = { handle }; },
    (e) => { delete window[KEY]; notice(e.message); },
  );
}
