// The bookmarklet (dist/whosaid-bookmarklet.js): one self-contained file, the wasm inlined.
// Run once, it highlights the article; run again, it removes everything the first run added.
// Where the page's Content-Security-Policy blocks WebAssembly it shows a small notice instead
// (run by the browser extension, it runs the JavaScript build there).
// The module is inlined LZMA-compressed (js/lzma.js; a third of its size, a fifth less than
// gzip makes it), as text (below). Imported first, it comes first in the bundle.
import packed from '../target/pkg/whosaid_bg.wasm.lzma';
import { makeApi } from './core.js';
import { unlzma } from './lzma.js';

/**
 * The bytes scripts/build.mjs wrote as text (`asText`): after a first character saying `six`
 * (its code less 32), each character one of the printable ASCII characters but `"`, `<` and
 * `\`, in the order a–z, 0–9, then the others in code order; the first `six` stand for 6 bits
 * (0 to six − 1), the others for 7 (2·six to 127), most significant first.
 */
function fromText(s) {
  const out = new Uint8Array(s.length);
  const six = s.charCodeAt(0) - 32;
  let n = 0;
  let bits = 0;
  let acc = 0;
  for (let i = 1; i < s.length; i++) {
    let c = s.charCodeAt(i);
    // Its place in the alphabet: a–z, 0–9, then the others (36 + their rank).
    c = c > 96 && c < 123 ? c - 97
      : c > 47 && c < 58 ? c - 22
        : c + 4 - (c > 34) - 10 * (c > 57) - (c > 60) - (c > 92) - 26 * (c > 122);
    if (c < six) {
      acc = (acc << 6) | c;
      bits += 6;
    } else {
      acc = (acc << 7) | (c + six);
      bits += 7;
    }
    if (bits >= 8) out[n++] = acc >>> (bits -= 8);
  }
  return out.subarray(0, n);
}

const KEY = '__whosaidBookmarklet';
// A run still loading after this long is taken as dead (its promise will never settle, say on a
// page whose scripts broke it): the next click starts afresh instead of doing nothing forever.
const STALE_MS = 30000;

const STOPPED_MESSAGE =
  'whosaid took its highlights out: the page rewrote the article while they were on. ' +
  'Click the bookmarklet again to highlight the text as it is now.';

// The notice's box: set on the element itself, !important, so that no page style (a reset
// such as `* { all: unset }`, `div { display: none }`) can hide or move it. `all:initial` sets
// every property to its initial value (visible, opaque, no margin, padding, border, background
// nor transform, auto size); only what differs from that is set after it.
// (A string, not an array joined: the page may have broken Array.prototype.)
const HOST_STYLE =
  'all:initial!important;display:block!important;position:fixed!important;' +
  'inset:16px 16px auto auto!important;z-index:2147483647!important;max-width:26rem!important';

function removeNotice() {
  const old = document.querySelectorAll('[data-whosaid="notice"]');
  for (let i = 0; i < old.length; i++) old[i].remove();
}

/**
 * Shows `message` in a small box. It hangs off <html>, not <body>: a page that hides its body
 * (an anti-flicker style waiting for a script) would hide it too, and it is put in the top
 * layer (a manual popover) where the browser has one, above whatever the page stacks.
 */
function notice(message) {
  removeNotice();
  const host = document.createElement('div');
  host.setAttribute('data-whosaid', 'notice');
  host.setAttribute('style', HOST_STYLE);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent =
    '.n{position:relative;max-width:26rem;box-sizing:border-box;' +
    'font:14px/1.45 system-ui,sans-serif;color:#1b1b1b;background:#fff4e5;' +
    'border:1px solid #e0a040;border-radius:8px;padding:10px 36px 10px 12px;' +
    'box-shadow:0 6px 24px rgba(0,0,0,.18)}' +
    'button{position:absolute;top:6px;right:6px;font:inherit;font-size:16px;' +
    'color:inherit;background:none;border:0;cursor:pointer;padding:2px 6px}' +
    'strong{display:block;margin-bottom:2px}';
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
  document.documentElement.append(host);
  if (typeof host.showPopover === 'function') {
    try {
      host.setAttribute('popover', 'manual');
      host.showPopover();
    } catch (e) {
      // Shown in place: fixed on <html>.
    }
  }
  setTimeout(() => host.remove(), 15000);
  return host;
}

/** A notice that can never itself throw into the page. */
function tell(message) {
  try {
    return notice(message);
  } catch (e) {
    return null;
  }
}

/**
 * Inside the browser extension (a content script: `chrome.runtime.id` is set) the JavaScript
 * build is at hand: on a page whose CSP refuses WebAssembly the extension injects its copy,
 * which defines `__whosaidFallback` in this isolated world. A bookmarklet has no such way: it
 * cannot bring code onto a page that allows only its own scripts, so there it says why.
 */
function extensionFallback() {
  const rt = typeof chrome === 'object' && chrome && chrome.runtime && chrome.runtime.id ? chrome.runtime : null;
  if (!rt) return null;
  return () => new Promise((resolve, reject) => {
    rt.sendMessage({ whosaid: 'fallback' }, (answer) => {
      const error = rt.lastError;
      if (globalThis.__whosaidFallback) resolve(globalThis.__whosaidFallback);
      else reject(new Error(error ? error.message : (answer && answer.error) || 'the extension did not inject it'));
    });
  });
}

function start() {
  const api = makeApi(async (init) => init({ module_or_path: await unlzma(fromText(packed)) }), extensionFallback());
  window[KEY] = { pending: true, since: Date.now() };
  removeNotice();
  api.highlight({ panel: true }).then(
    (handle) => {
      // The page may rewrite the article under the highlights: whosaid then stops (see
      // src/dom/mod.rs, `watch`) and this says so; the next click starts afresh. (A page that
      // re-renders at once has done so before this runs.)
      if (!handle.active) {
        delete window[KEY];
        tell(STOPPED_MESSAGE);
        return;
      }
      const stopped = () => {
        document.removeEventListener('whosaid:stopped', stopped);
        const now = window[KEY];
        if (!handle.active && now && now.handle === handle) {
          delete window[KEY];
          tell(STOPPED_MESSAGE);
        }
      };
      document.addEventListener('whosaid:stopped', stopped);
      window[KEY] = { handle, stopped };
    },
    (e) => {
      // No state is kept: the notice says why, and a click while it shows dismisses it.
      delete window[KEY];
      const host = tell(e && e.message ? e.message : String(e));
      if (host) host.setAttribute('data-failed', '');
    },
  );
}

const state = window[KEY];
if (state && state.pending && Date.now() - state.since < STALE_MS) {
  // The first run is still loading: let it finish.
} else if (state && state.handle && state.handle.active) {
  document.removeEventListener('whosaid:stopped', state.stopped);
  state.handle.remove();
  delete window[KEY];
} else if (document.querySelector('[data-whosaid="notice"][data-failed]')) {
  // The last run failed and says why: this click dismisses that, as a second click turns
  // highlights off. The next one runs again.
  removeNotice();
  delete window[KEY];
} else {
  start();
}
