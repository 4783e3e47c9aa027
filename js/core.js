// The shim shared by the ES module, the embed script and the bookmarklet: loads the wasm once,
// checks that the page lets WebAssembly run, and keeps one handle per article root. Everything
// else (reading the page, analysing, highlighting, the panel) is in Rust.

import { glue } from '../target/pkg/glue.js';
import { worker as workerMain } from './worker.js';
import * as marks from '../src/dom/marks.js';
import * as ui from '../src/dom/ui.js';
import * as collect from '../src/dom/collect.js';

const {
  default: initWasm,
  read: wasmRead,
  analyze: wasmAnalyze,
  __wbg_get_imports: glueImports,
  __wbg_finalize_init: glueFinish,
  __wbg_module: glueModule,
} = glue({ marks, ui, collect });

let workerSource;
/**
 * The worker's script: js/worker.js called with a glue of its own, from the source of the very
 * functions this bundle runs (so that the glue ships once), or null where that source cannot be
 * read (a page may have replaced `Function.prototype.toString`).
 */
function workerScript() {
  if (workerSource === undefined) {
    workerSource = null;
    try {
      const [w, g] = [workerMain, glue].map((f) => Function.prototype.toString.call(f));
      if (![w, g].some((s) => typeof s !== 'string' || !/^function\b/.test(s) || s.includes('[native code]'))) {
        // The worker never touches a page: the DOM helpers are functions that do nothing there.
        const stub = (m) => `{${Object.keys(m).map((n) => `${JSON.stringify(n)}(){}`).join(',')}}`;
        workerSource = `(${w})((${g})({marks:${stub(marks)},ui:${stub(ui)},collect:${stub(collect)}}));`;
      }
    } catch (e) {
      // no source: no worker
    }
  }
  return workerSource;
}

/**
 * Pages with at least this many bytes of text have their article found, read and analysed in
 * a worker (about 10,000 words).
 */
const WORKER_MIN = 60000;

/** How long the worker is kept after its last article (ms): it holds the memory it grew. */
const WORKER_IDLE_MS = 5000;

export const CSP_MESSAGE =
  "whosaid cannot run on this page: its Content-Security-Policy blocks WebAssembly " +
  "(script-src lacks 'wasm-unsafe-eval'), and a bookmarklet cannot bring whosaid's JavaScript " +
  "build onto a page that allows only its own scripts. Nothing on the page was changed. " +
  "Readers: the whosaid browser extension works on such pages, or open the article elsewhere " +
  "(for example a reader view). Publishers: whosaid's embed script and npm module run their " +
  "JavaScript build there by themselves.";

// The smallest valid module: compiling it fails only where a CSP forbids WebAssembly.
const EMPTY_MODULE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);

function wasmAllowed() {
  if (typeof WebAssembly !== 'object') return false;
  try {
    new WebAssembly.Module(EMPTY_MODULE);
    return true;
  } catch (e) {
    return false;
  }
}

/**
 * Parses the report's JSON: with `JSON.parse` at once when it gives back a report, else with
 * the browser's own parser behind `Response.json()` (a page may have replaced `JSON.parse`, as
 * hostile pages do, but not the parser fetch uses). `Response.json()` settles only in a later
 * task, after the browser has rendered a frame: on a short article that wait was most of
 * `highlight()`'s time, so it is the fallback only.
 */
function parseJson(text) {
  try {
    const report = JSON.parse(text);
    if (report && typeof report === 'object' && typeof report.text === 'string') return report;
  } catch (e) {
    // a replaced JSON.parse: the browser's own parser below
  }
  return typeof Response === 'function' ? new Response(text).json() : JSON.parse(text);
}

// The engine's own Promise, whatever the page has put in `window.Promise`.
const NativePromise = (async () => {})().constructor;

/**
 * How long one slice of marking runs before whosaid yields to the page (ms): under the 50 ms
 * of a long task, and long enough that the frames the page renders between slices (each lays
 * out the marks made so far) do not dominate a long article's time.
 */
const SLICE_MS = 30;

/**
 * Yields to the page: `scheduler.yield()` where the browser has it (the rest then runs ahead
 * of other tasks), else a MessageChannel message (a task of its own, not clamped as
 * `setTimeout` is).
 */
function pause() {
  const s = globalThis.scheduler;
  if (s && typeof s.yield === 'function') return s.yield();
  return new NativePromise((resolve) => {
    const c = new MessageChannel();
    c.port1.onmessage = () => {
      c.port1.close();
      resolve();
    };
    c.port2.postMessage(null);
  });
}

/** Whether `JSON.parse` is the browser's own (a page may have replaced it). */
function jsonWorks() {
  try {
    const o = JSON.parse('{"text":"a\\u00e9","n":[1,{"b":null}]}');
    return o.text === 'a\u00e9' && o.n.length === 2 && o.n[0] === 1 && o.n[1].b === null;
  } catch (e) {
    return false;
  }
}

function fail(message, cause) {
  const err = new Error(message);
  if (cause) err.cause = cause;
  return err;
}

/**
 * The API over the module. `loadModule(init)` instantiates the WebAssembly; `loadFallback()`, if
 * given, imports the JavaScript build of the same module (`whosaid-fallback.mjs`), used where
 * the page's Content-Security-Policy refuses WebAssembly.
 */
export function makeApi(loadModule, loadFallback = null) {
  let ready = null;
  let engine = null;
  const handles = new Set();
  // The worker (see analyse()); false once the page has refused one.
  let worker = null;

  /**
   * Has a worker find, read and analyse the article in `page` (a Reading's snapshot): resolves
   * to `{ wire }` (the article and its report, for `Reading.take`), or rejects where the page refuses workers (its Content-Security-Policy has no blob:
   * for workers) or the worker fails. The compiled module is handed over, not fetched again.
   */
  function inWorker(page) {
    return new NativePromise((resolve, reject) => {
      if (worker === false) throw new Error('no worker on this page');
      if (!worker) {
        const url = URL.createObjectURL(new Blob([workerScript()], { type: 'text/javascript' }));
        let w;
        try {
          w = new Worker(url, { name: 'whosaid' });
        } catch (e) {
          URL.revokeObjectURL(url);
          worker = false;
          throw e;
        }
        worker = { w, url, jobs: new Map(), next: 1, idle: 0, ready: false, queue: [] };
        const me = worker;
        const failAll = (message) => {
          w.terminate();
          URL.revokeObjectURL(url);
          if (worker === me) worker = me.ready ? null : false;
          for (const job of me.jobs.values()) job.reject(new Error(message));
          for (const job of me.queue) job.reject(new Error(message));
        };
        w.onmessage = (e) => {
          const d = e.data;
          if (d.ready) {
            me.ready = true;
            for (const job of me.queue) w.postMessage({ id: job.id, page: job.page }, [job.page.buffer]);
            me.queue = [];
            return;
          }
          const job = me.jobs.get(d.id);
          if (!job) return;
          me.jobs.delete(d.id);
          if (d.error) job.reject(new Error(d.error));
          else job.resolve(d);
          if (me.jobs.size === 0) {
            clearTimeout(me.idle);
            me.idle = setTimeout(() => {
              if (me.jobs.size === 0 && worker === me) {
                worker = null;
                w.terminate();
                URL.revokeObjectURL(url);
              }
            }, WORKER_IDLE_MS);
          }
        };
        w.onerror = (e) => {
          if (e && e.preventDefault) e.preventDefault();
          failAll(`whosaid's worker failed: ${(e && e.message) || 'refused by the page'}`);
        };
        w.postMessage({ module: glueModule() });
      }
      const me = worker;
      clearTimeout(me.idle);
      const job = { id: me.next++, page, resolve, reject };
      me.jobs.set(job.id, job);
      if (me.ready) me.w.postMessage({ id: job.id, page: job.page }, [job.page.buffer]);
      else me.queue.push(job);
    });
  }

  /** Whether a worker may read and analyse a page with `length` bytes of text. */
  function useWorker(length) {
    return engine === 'wasm' && glueModule() && typeof Worker === 'function'
      && worker !== false && length >= WORKER_MIN && jsonWorks() && workerScript() !== null;
  }

  /**
   * The highlight of the page `r` has read: from a worker where the page is long and allows
   * one (then already analysed: `analysed` is true), otherwise found and read here; `slice` as
   * for highlight().
   */
  async function readPage(r, slice) {
    if (useWorker(r.textLength)) {
      let got = null;
      // The copy is encoded for the worker in slices too.
      while (r.encode(slice)) await pause();
      try {
        got = await inWorker(r.snapshot());
      } catch (e) {
        // Refused by the page or failed: read and analysed here instead.
      }
      if (got) return { h: r.take(got.wire), analysed: true };
    }
    return { h: r.finish(), analysed: false };
  }

  /**
   * Analyses the article of `h` here. Resolves to `{ report }`, or `{ lazy: true }`: the
   * report's JSON is made and parsed when `handle.report` is first read (most callers never
   * do), unless the page has replaced JSON.parse: then it is parsed now, by the browser's own
   * parser.
   */
  async function analyse(h) {
    h.analyse();
    if (jsonWorks()) return { lazy: true };
    return { report: await parseJson(h.report) };
  }

  async function fallBack(refusal) {
    if (!loadFallback) throw fail(CSP_MESSAGE, refusal);
    let js;
    try {
      js = await loadFallback();
    } catch (e) {
      throw fail(
        "whosaid cannot run on this page: its Content-Security-Policy blocks WebAssembly " +
          "(script-src lacks 'wasm-unsafe-eval'), and its JavaScript build could not be loaded " +
          `either (whosaid-fallback.mjs, served beside whosaid: ${e && e.message}). ` +
          'Nothing on the page was changed.',
        e,
      );
    }
    glueFinish({ exports: js.instantiate(glueImports()) }, undefined);
    engine = 'js';
  }

  function load() {
    if (!ready) {
      ready = (async () => {
        if (!wasmAllowed()) return fallBack(null);
        try {
          await loadModule(initWasm);
          engine = 'wasm';
        } catch (e) {
          const csp = /Content.Security.Policy|wasm-unsafe-eval/i.test(String(e && e.message));
          if (csp) return fallBack(e);
          throw fail(`whosaid could not load its WebAssembly module: ${e && e.message}`, e);
        }
      })();
      ready.catch(() => { ready = null; });
    }
    return ready;
  }

  /**
   * Highlights the article; a second call on the same root returns the same handle. The root
   * (a selector, an Element, or none: found on the page) is resolved and checked in Rust.
   * The marking is done in slices of about `slice` ms (SLICE_MS) that yield to the page
   * between them, the part of the article near the viewport first; `onStart(handle)` is
   * called once that part (and the panel) is in, and the promise resolves once every mark is
   * (`handle.done` too).
   */
  async function highlight(options = {}) {
    const { root = null, panel = true, onStart = null, slice = SLICE_MS } = options;
    await load();
    let h;
    let analysed = false;
    try {
      // The page is copied in slices too; then the article is found in the copy.
      const r = wasmRead(root, panel !== false);
      while (r.step(slice)) await pause();
      ({ h, analysed } = await readPage(r, slice));
    } catch (e) {
      throw fail(e && e.message ? e.message : String(e), e);
    }
    for (const other of handles) {
      if (!other.active) {
        handles.delete(other);
      } else if (other.root === h.root) {
        h.free(); // the same highlight, already handed out
        return other.done;
      }
    }
    let finish;
    let report = null;
    let json = null;
    let lazy = false;
    let freed = false;
    const handle = {
      get report() {
        if (report === null && lazy) {
          lazy = false;
          json = h.report;
        }
        if (report === null && json !== null) {
          report = JSON.parse(json);
          json = null;
        }
        return report;
      },
      root: h.root,
      done: new NativePromise((resolve) => { finish = resolve; }),
      get active() { return !freed && h.active; },
      remove() {
        if (freed) return;
        // The report is kept here, and the wasm's state is let go of at once (not when the
        // garbage collector gets to `h`): a page that highlights again and again reuses it.
        if (report === null && lazy) {
          lazy = false;
          json = h.report;
        }
        h.remove();
        handles.delete(handle);
        freed = true;
        h.free();
      },
      setVisible(layer, visible) { if (!freed) h.setVisible(layer, visible); },
    };
    handles.add(handle);
    try {
      if (analysed) {
        // The worker's answer was decoded in the task that received it; its report is taken
        // in in the next, and marked from the one after. Its JSON is made here if
        // `handle.report` is read (a page that replaced JSON.parse gets no worker): a long
        // report's JSON cost the page more to receive than to make.
        lazy = true;
        await pause();
        if (!freed) h.analyse();
        await pause();
      } else ({ report = null, lazy = false } = await analyse(h));
      let more = !freed && h.step(slice);
      if (onStart) onStart(handle);
      while (more) {
        await pause();
        more = !freed && h.step(slice);
      }
    } catch (e) {
      handle.remove();
      finish(handle);
      throw fail(e && e.message ? e.message : String(e), e);
    }
    // One step more once the page has shown the marks: the panel's chart (see `step`).
    try {
      requestAnimationFrame(() => setTimeout(() => freed || h.step(slice), 0));
    } catch (e) {
      // a page's own timers refused: the chart is not drawn
    }
    finish(handle);
    return handle;
  }

  /** Analyses plain text: the report, without touching the page. */
  async function analyze(text) {
    if (typeof text !== 'string') throw fail('whosaid: analyze() takes the article text as a string');
    await load();
    try {
      return await parseJson(wasmAnalyze(text));
    } catch (e) {
      throw fail(e && e.message ? e.message : String(e), e);
    }
  }

  /** Removes every highlight this copy of whosaid made. */
  function removeAll() {
    for (const h of handles) h.remove();
    handles.clear();
  }

  /** Which build runs: 'wasm', 'js' (the page refused WebAssembly), or null before loading. */
  function whichEngine() {
    return engine;
  }

  return { highlight, analyze, removeAll, engine: whichEngine };
}
