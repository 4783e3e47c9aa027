// The worker that finds, reads and analyses long pages off the page's main thread (bundled by
// scripts/build.mjs into a string the shim starts from a Blob URL). It receives the compiled
// WebAssembly module once, then pages as copied by the page (Reading.snapshot(): bytes), and
// answers each with the article and its report, as bytes for the page's Rust (Reading.take).
// It reads nothing but what it is sent, and sends nothing anywhere else.
import { initSync, analyzePage } from '../target/pkg/whosaid.js';

self.onmessage = (e) => {
  const { module, id, page } = e.data;
  try {
    if (module) {
      initSync({ module });
      self.postMessage({ ready: true });
      return;
    }
    const wire = analyzePage(page);
    self.postMessage({ id, wire }, [wire.buffer]);
  } catch (err) {
    self.postMessage({ id, error: String((err && err.message) || err) });
  }
};
