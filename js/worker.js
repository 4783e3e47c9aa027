// The worker that finds, reads and analyses long pages off the page's main thread. It runs the
// source of `worker` called with the glue's exports (js/core.js builds it and starts it from a
// Blob URL). It receives the compiled WebAssembly module once, then pages as copied by the page
// (Reading.snapshot(): bytes), and answers each with the article and its report, as bytes for
// the page's Rust (Reading.take). It reads nothing but what it is sent, and sends nothing
// anywhere else. Self-contained: only its source is sent.
export function worker({ initSync, analyzePage }) {
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
}
