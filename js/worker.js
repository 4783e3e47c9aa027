// The worker that analyses long articles off the page's main thread (bundled by
// scripts/build.mjs into a string the shim starts from a Blob URL). It receives the compiled
// WebAssembly module once, then articles as bytes (Highlight.article()), and answers each with
// the report: as bytes for the page's Rust (Highlight.takeAnalysis) and as JSON for
// `handle.report`. It reads nothing but what it is sent, and sends nothing anywhere else.
import { initSync, analyzeArticle } from '../target/pkg/whosaid.js';

self.onmessage = (e) => {
  const { module, id, article } = e.data;
  try {
    if (module) {
      initSync({ module });
      self.postMessage({ ready: true });
      return;
    }
    const a = analyzeArticle(article);
    const wire = a.wire;
    const json = a.json;
    a.free();
    self.postMessage({ id, wire, json }, [wire.buffer]);
  } catch (err) {
    self.postMessage({ id, error: String((err && err.message) || err) });
  }
};
