//! The browser binding (wasm32 only): reads the article out of the live DOM, runs the core on
//! it, and highlights the report in the page, with a panel and popovers. A thin layer: all
//! analysis is the core's; this module only maps the report back onto text nodes and wires up
//! events. The JavaScript shim (`js/`) loads it and adds nothing but loading and errors.
//!
//! The examples here do not run as doctests: this module is compiled for `wasm32` only, and
//! rustdoc runs doctests natively. The functions marked `#[wasm_bindgen]` are called from
//! JavaScript (through the shim, whose API `js/whosaid.d.ts` declares), so their examples are
//! JavaScript; `tests/dom.rs` runs the same calls in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --no-default-features --test dom`).

mod collect;
mod marks;
mod ui;
mod wire;

use crate::list::Listed;
use crate::Report;
use marks::{Attr, Item, Layer, Marks, Sweep};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, Event, EventTarget, HtmlElement, KeyboardEvent, MutationObserver,
    MutationObserverInit, MutationRecord, Node,
};

use collect::OWN_ATTR;

/// Analyses plain text and returns the report as JSON ([`Report::to_json`]: one string is far
/// cheaper to hand over than an object built field by field across the boundary).
///
/// Exported to JavaScript as `analyze`; the shim's `analyze()` awaits the module, calls it and
/// parses the JSON:
///
/// ```js
/// const report = await whosaid.analyze('"Soon," said Captain Ivo Marsh.');
/// report.speakers[0].name; // "Ivo Marsh"
/// report.text.slice(report.statements[0].content.start, report.statements[0].content.end);
/// // '"Soon,"'
/// ```
#[wasm_bindgen(js_name = analyze)]
pub fn analyze_text(text: &str) -> Result<String, JsError> {
    let doc = crate::Document::from_text(text)
        .map_err(|e| JsError::new(&["whosaid: ", &e.message()].concat()))?;
    Ok(crate::analyze(&doc).to_json(false))
}

/// Finds, reads and analyses the article of a page copied by a page's [`Reading`]
/// ([`Reading::snapshot`]'s bytes): run in the worker the shim starts for long pages, so that
/// the page's main thread stays free.
///
/// Returns the article's root, its text pieces and the report, as bytes for [`Reading::take`]
/// (the report's JSON, should the page ask for it, is made there: a long report's JSON cost the
/// page more to receive from the worker than to make).
///
/// ```js
/// // in the worker
/// const wire = analyzePage(bytes);
/// postMessage({ wire }, [wire.buffer]);
/// ```
#[wasm_bindgen(js_name = analyzePage)]
pub fn analyze_page(page: &[u8]) -> Result<Vec<u8>, JsError> {
    let (snap, found) = wire::decode_snapshot(page)
        .ok_or_else(|| JsError::new("whosaid: the page sent to the worker is damaged"))?;
    let top = snap.top();
    let article = if found {
        collect::find_article(&top)
    } else {
        collect::article_at(&top)
    };
    let root = article.root().index();
    let read = collect::collect(&article);
    drop(article);
    let read = read.map(|(doc, pieces)| (pieces, crate::analyze(&doc)));
    Ok(wire::encode_page(
        root,
        read.as_ref().map(|(p, r)| (p.as_slice(), r)),
    ))
}

thread_local! {
    /// The highlights now on the page.
    static ACTIVE: RefCell<Vec<Rc<RefCell<Inner>>>> = const { RefCell::new(Vec::new()) };
    /// How many of whosaid's event handlers (and page watchers) are running now: `remove()`
    /// called from one of them cannot drop that handler's closure at once.
    static HANDLING: Cell<u32> = const { Cell::new(0) };
}

/// Runs `f` as one of whosaid's handlers (see `HANDLING`).
fn handling<R>(f: impl FnOnce() -> R) -> R {
    HANDLING.with(|h| h.set(h.get() + 1));
    let r = f();
    HANDLING.with(|h| h.set(h.get() - 1));
    r
}

type Listener = (EventTarget, &'static str, Closure<dyn FnMut(Event)>);

type Observer = (
    MutationObserver,
    Closure<dyn FnMut(js_sys::Array, MutationObserver)>,
);

struct Inner {
    doc: Document,
    root: Element,
    report: Report,
    marks: Marks,
    /// Our one style sheet in the page: `page.css` (see [`page_css`]), then the rules of the
    /// reading mode.
    style: Option<Element>,
    /// Whether the page gives marks a `::before` or `::after` box (see [`page_css`]).
    pseudo: bool,
    /// The speaker in focus (hovered or focused in the panel).
    focus: Option<String>,
    /// Whether every mention is tinted, not only the statements' sources.
    all_mentions: bool,
    ui: Option<ui::Ui>,
    listeners: Vec<Listener>,
    /// Watches the page for changes to the marked text (see [`watch`]).
    observer: Option<Observer>,
    /// For each speaker, the index of the statement the panel jumps to next.
    cursor: Vec<usize>,
    active: bool,
    /// Layers hidden by `setVisible` (or the panel): marks made later are made without them.
    hidden: Vec<Layer>,
    /// The work still to do (analysis, marks, the panel), until it is all done.
    work: Option<Work>,
}

/// What [`Highlight::step`] still has to do.
struct Work {
    /// Whether to show the panel (built after the marks near the viewport).
    panel: bool,
    /// The article as read, until it is analysed.
    article: Option<crate::Document>,
    /// The article's text nodes, with their places in the report's text.
    pieces: Vec<collect::Piece>,
    /// Runs of pieces still to mark, the next first: those near the viewport, then the rest
    /// of the article after them, then before.
    queue: Vec<std::ops::Range<usize>>,
    /// The report's items and where marking stands (once analysed).
    sweep: Option<Sweep>,
    styles: Vec<ui::Style>,
    speaker_of: Vec<Option<usize>>,
    /// Where the panel goes, measured before anything was written.
    margin: (&'static str, f64),
    /// How many pieces lie near the viewport (the first in `queue`).
    near: usize,
    /// Whether the marks' style sheet is in and the page watched (the first step).
    started: bool,
}

/// The highlights on one article root: the report, and the way to take them out again.
///
/// Made by [`highlight`]; the shim wraps it in the `Handle` that `js/whosaid.d.ts` declares.
///
/// ```js
/// const h = await whosaid.highlight({ root: 'article' });
/// h.report.speakers.length; // the speakers now underlined in the page
/// h.setVisible('hedges', false);
/// h.remove(); // the page is as it was; h.active is now false
/// ```
#[wasm_bindgen]
pub struct Highlight {
    inner: Rc<RefCell<Inner>>,
}

#[wasm_bindgen]
impl Highlight {
    /// The report the highlights show, as JSON ([`Report::to_json`]; the shim parses it once
    /// and hands out the object).
    ///
    /// ```js
    /// const { report } = await whosaid.highlight();
    /// for (const s of report.speakers) console.log(s.name, s.role);
    /// ```
    #[wasm_bindgen(getter)]
    pub fn report(&self) -> String {
        self.inner.borrow().report.to_json(false)
    }

    /// The article root.
    ///
    /// ```js
    /// const h = await whosaid.highlight({ root: '#story' });
    /// h.root === document.getElementById('story'); // true
    /// ```
    #[wasm_bindgen(getter)]
    pub fn root(&self) -> Element {
        self.inner.borrow().root.clone()
    }

    /// False once removed (by `remove()`, the close button or Escape).
    ///
    /// ```js
    /// const h = await whosaid.highlight();
    /// h.remove();
    /// h.active; // false
    /// ```
    #[wasm_bindgen(getter)]
    pub fn active(&self) -> bool {
        self.inner.borrow().active
    }

    /// Analyses the article read by [`Reading::finish`] (on this thread), or takes in the
    /// report a worker made ([`Reading::take`]: a task of its own at 10 MB). Does nothing once
    /// analysed.
    ///
    /// ```js
    /// const r = wasm.read('article', true);
    /// while (r.step(30)) await scheduler.yield();
    /// const h = r.finish();
    /// h.analyse();
    /// JSON.parse(h.report).statements.length;
    /// ```
    pub fn analyse(&self) {
        let Ok(mut i) = self.inner.try_borrow_mut() else {
            return;
        };
        let Some(work) = i.work.as_mut() else {
            return;
        };
        if let Some(article) = work.article.take() {
            i.report = crate::analyze(&article);
        } else if work.sweep.is_some() {
            return;
        }
        set_report(&mut i);
    }

    /// Marks for about `budget_ms` milliseconds (at least the part of the article near the
    /// viewport on the first call, and at least one piece of text on each), then returns
    /// whether work remains: the shim calls it again after yielding to the page, until it
    /// returns false. After the marks near the viewport come the panel and its handlers; once
    /// every mark is in, the rest of the panel's long lists (in slices too; where the first
    /// call marks the whole article, the lists are made just before the page's next frame).
    /// Returns false at once after `remove()`. Called once more after that, once the page has
    /// shown the marks, it draws the panel's sources at a glance (a third of the panel's
    /// elements, left out of the first paint).
    ///
    /// ```js
    /// const r = wasm.read('article', true);
    /// while (r.step(8)) await scheduler.yield();
    /// const h = r.finish();
    /// h.analyse();
    /// while (h.step(8)) await scheduler.yield();
    /// requestAnimationFrame(() => setTimeout(() => h.step(8))); // the chart, after the frame
    /// ```
    pub fn step(&self, budget_ms: f64) -> bool {
        step(&self.inner, budget_ms)
    }

    /// Removes every mark, the panel and the styles, and restores the page's DOM exactly.
    ///
    /// ```js
    /// const before = document.body.innerHTML;
    /// (await whosaid.highlight()).remove();
    /// document.body.innerHTML === before; // true
    /// ```
    pub fn remove(&self) {
        remove(&self.inner);
    }

    /// Shows or hides one layer: "speakers", "statements", "disputes" or "hedges". Any other
    /// name is an error that lists these.
    ///
    /// ```js
    /// const h = await whosaid.highlight();
    /// h.setVisible('speakers', false); // statements, disputes and hedges stay marked
    /// h.setVisible('quotes', true);    // throws: unknown layer "quotes": use speakers, …
    /// ```
    #[wasm_bindgen(js_name = setVisible)]
    pub fn set_visible(&self, layer: &str, visible: bool) -> Result<(), JsError> {
        let shown = Layer::parse(layer).ok_or_else(|| {
            // "speakers, statements, disputes or hedges"
            let mut names = String::new();
            for (k, l) in Layer::ALL.iter().enumerate() {
                if k > 0 {
                    names.push_str(if k + 1 < Layer::ALL.len() {
                        ", "
                    } else {
                        " or "
                    });
                }
                names.push_str(l.name());
            }
            JsError::new(&["whosaid: unknown layer \"", layer, "\": use ", &names].concat())
        })?;
        if let Ok(mut i) = self.inner.try_borrow_mut() {
            set_visible(&mut i, shown, visible);
        }
        Ok(())
    }
}

fn set_visible(inner: &mut Inner, layer: Layer, visible: bool) {
    inner.hidden.retain(|l| *l != layer);
    if !visible {
        inner.hidden.push(layer);
    }
    inner.marks.forget_looks();
    let ks: Vec<u32> = (0..inner.marks.items.len())
        .filter(|&k| inner.marks.items[k].iter().any(|i| i.layer() == layer))
        .map(|k| k as u32)
        .listed();
    inner.marks.toggle(&ks, layer.class(), visible);
    if let Some(ui) = &inner.ui {
        check(ui, layer, visible);
    }
}

/// Sets the panel's checkbox for `layer`.
fn check(ui: &ui::Ui, layer: Layer, visible: bool) {
    {
        let name = layer.name();
        if let Ok(Some(input)) = ui
            .shadow
            .query_selector(&["input[name=\"", name, "\"]"].concat())
        {
            if let Some(i) = input.dyn_ref::<web_sys::HtmlInputElement>() {
                i.set_checked(visible);
            }
        }
    }
}

fn no_text() -> JsError {
    JsError::new(
        "whosaid found no article text on this page: pass the element that holds the article \
         as `root` (a CSS selector or an Element), e.g. highlight({ root: 'article' })",
    )
}

/// The error for an article being edited (see [`is_editable`]).
fn editable() -> JsError {
    JsError::new(
        "whosaid does not highlight an article that is being edited (contenteditable or \
         designMode): its marks would become part of the text the editor saves. Nothing on \
         the page was changed: run it on the published page instead.",
    )
}

/// Whether `el` can be edited in place: an editing host, inside one, or in a document in
/// designMode (`isContentEditable` says all three).
fn is_editable(el: &Element) -> bool {
    el.dyn_ref::<HtmlElement>()
        .is_some_and(HtmlElement::is_content_editable)
}

/// Non-whitespace characters of text under `node`.
fn weight(node: &Node) -> usize {
    node.text_content().map_or(0, |t| weight_of_text(&t))
}

/// Whether the page's article is an editable region that the reading rules left out (they skip
/// editable elements): an editing host under `root` (or anywhere, when whosaid found the root
/// itself) holding more text than whosaid read from the page.
fn article_is_editable(
    doc: &Document,
    root: &Element,
    found: bool,
    read: &dyn Fn() -> usize,
) -> bool {
    let Ok(hosts) = doc.query_selector_all("[contenteditable]:not([contenteditable=\"false\"])")
    else {
        return false;
    };
    (0..hosts.length()).filter_map(|i| hosts.item(i)).any(|h| {
        let inside = root.contains(Some(&h));
        (found || inside) && h.dyn_ref::<Element>().is_some_and(is_editable) && weight(&h) > read()
    })
}

/// Finds the article, analyses it and highlights it, all at once. `root`: a CSS selector, an
/// Element, or null/undefined to find the article; `panel`: whether to show the panel.
///
/// For Rust callers (`tests/dom.rs`; not exported to JavaScript). The shim instead calls
/// [`read`] and [`Reading::step`] in slices that yield to the page, then [`Reading::finish`]
/// and [`Highlight::analyse`] (or has a worker find and analyse the article:
/// [`Reading::take`]) and [`Highlight::step`] in slices; the marks and the page come out the
/// same.
pub fn highlight(root: JsValue, panel: bool) -> Result<Highlight, JsError> {
    let h = begin(root, panel)?;
    h.analyse();
    while h.step(f64::INFINITY) {}
    // The panel's lists too (left for the page's next frame on a short article).
    if let Ok(mut i) = h.inner.try_borrow_mut() {
        fill_lists(&mut i);
    }
    Ok(h)
}

/// Finds the article and reads it, without writing anything: the first part of
/// [`highlight`]. The highlight it returns is already active (asking again for the same
/// article returns it); [`Highlight::analyse`] and [`Highlight::step`] do the rest.
///
/// Asking again for the same article returns the highlight already on it. The shim's
/// `highlight(options)` calls [`read`] with `options.root` and `options.panel`, then
/// [`Reading::step`] in slices and [`Reading::finish`], which come to the same:
///
/// ```js
/// const h = await whosaid.highlight({ root: 'article', panel: false });
/// await whosaid.highlight({ root: 'article' }); // the same highlight, not a second one
/// await whosaid.highlight({ root: '#nothing' }); // rejects: matches no element on this page
/// ```
pub fn begin(root: JsValue, panel: bool) -> Result<Highlight, JsError> {
    let mut r = read(root, panel)?;
    while r.step(f64::INFINITY) {}
    r.finish()
}

/// Reading the page, in slices ([`read`]).
#[wasm_bindgen]
pub struct Reading {
    doc: Document,
    window: web_sys::Window,
    /// Whether whosaid finds the article itself (no root given).
    found: bool,
    panel: bool,
    walk: collect::Walk,
    /// The copy being encoded for a worker ([`Reading::encode`]).
    encoder: Option<wire::SnapshotEncoder>,
}

/// Starts reading the page for a highlight: `root` as for [`highlight`] (a selector that
/// matches nothing, or anything but a selector or an Element, is an error at once). The page
/// is copied in slices ([`Reading::step`]); [`Reading::finish`] then finds the article in the
/// copy and returns the highlight, as [`begin`] does.
///
/// ```js
/// const r = wasm.read('article', true);
/// while (r.step(30)) await scheduler.yield();
/// const h = r.finish();
/// ```
#[wasm_bindgen]
pub fn read(root: JsValue, panel: bool) -> Result<Reading, JsError> {
    let window = web_sys::window().ok_or_else(|| JsError::new("whosaid needs a browser window"))?;
    let doc = window
        .document()
        .ok_or_else(|| JsError::new("whosaid needs a document"))?;
    let found = root.is_null() || root.is_undefined();
    let top = if let Some(sel) = root.as_string() {
        doc.query_selector(&sel)
            .map_err(|_| {
                JsError::new(&["whosaid: \"", &sel, "\" is not a valid CSS selector"].concat())
            })?
            .ok_or_else(|| {
                JsError::new(
                    &[
                        "whosaid: the root selector \"",
                        &sel,
                        "\" matches no element on this page",
                    ]
                    .concat(),
                )
            })?
    } else if found {
        doc.document_element().ok_or_else(no_text)?
    } else {
        root.dyn_into::<Element>().map_err(|_| {
            JsError::new("whosaid: `root` must be a CSS selector string or an Element")
        })?
    };
    Ok(Reading {
        walk: collect::Walk::new(&top),
        encoder: None,
        doc,
        window,
        found,
        panel,
    })
}

#[wasm_bindgen]
impl Reading {
    /// Copies the page for about `budget_ms` milliseconds; returns whether work remains.
    pub fn step(&mut self, budget_ms: f64) -> bool {
        !self.walk.step(budget_ms)
    }

    /// The bytes of text copied so far (UTF-8): the shim has a worker read and analyse a
    /// long page ([`Reading::snapshot`], [`analyze_page`], [`Reading::take`]).
    #[wasm_bindgen(getter, js_name = textLength)]
    pub fn text_length(&self) -> usize {
        self.walk.snapshot().text_len()
    }

    /// Encodes the page as copied, for [`Reading::snapshot`], for about `budget_ms`
    /// milliseconds; returns whether work remains (the shim yields to the page between).
    pub fn encode(&mut self, budget_ms: f64) -> bool {
        let start = js_sys::Date::now();
        let snap = self.walk.snapshot();
        let found = self.found;
        let encoder = self
            .encoder
            .get_or_insert_with(|| wire::SnapshotEncoder::new(snap, found));
        !encoder.step(snap, &mut || js_sys::Date::now() - start < budget_ms)
    }

    /// The page as copied, as bytes for [`analyze_page`] in a worker (what
    /// [`Reading::encode`] has not encoded yet is encoded now).
    ///
    /// ```js
    /// while (r.encode(30)) await scheduler.yield();
    /// worker.postMessage(r.snapshot());
    /// ```
    pub fn snapshot(&mut self) -> Vec<u8> {
        let snap = self.walk.snapshot();
        self.encoder
            .take()
            .unwrap_or_else(|| wire::SnapshotEncoder::new(snap, self.found))
            .finish(snap)
    }

    /// Finds the article in the copy, reads it, and returns the highlight (see [`begin`]).
    pub fn finish(self) -> Result<Highlight, JsError> {
        let Reading {
            doc,
            window,
            found,
            panel,
            walk,
            ..
        } = self;
        let (snap, nodes) = walk.finish();
        let top = snap.top();
        let article = if found {
            collect::find_article(&top)
        } else {
            collect::article_at(&top)
        };
        let root = nodes.element(article.root().index()).ok_or_else(no_text)?;
        if let Some(h) = already(&root)? {
            return Ok(h);
        }
        let collected =
            collect::collect(&article).map(|(doc, pieces)| (Analysis::Article(doc), pieces));
        drop(article);
        begun(doc, window, found, panel, root, &nodes, collected)
    }

    /// The highlight, from what a worker made of [`Reading::snapshot`] ([`analyze_page`]'s bytes):
    /// the article found and analysed there (see [`Reading::finish`]).
    pub fn take(self, analysed: &[u8]) -> Result<Highlight, JsError> {
        let Reading {
            doc,
            window,
            found,
            panel,
            walk,
            ..
        } = self;
        let (_, nodes) = walk.finish();
        let damaged = || JsError::new("whosaid: the worker's report is damaged");
        let (root, read) = wire::decode_page(analysed).ok_or_else(damaged)?;
        let root = nodes.element(root).ok_or_else(damaged)?;
        if let Some(h) = already(&root)? {
            return Ok(h);
        }
        if read
            .as_ref()
            .is_some_and(|(pieces, _)| pieces.iter().any(|p| p.node as usize >= nodes.text_count()))
        {
            return Err(damaged());
        }
        let collected = read.map(|(pieces, r)| (Analysis::Report(r), pieces));
        begun(doc, window, found, panel, root, &nodes, collected)
    }
}

/// What reading the page hands on: the article to analyse here, or the report a worker made
/// of it.
enum Analysis {
    Article(crate::Document),
    Report(Report),
}

/// The highlight already on the article at `root` (one per article: asking again returns
/// it), or the error for an article being edited.
fn already(root: &Element) -> Result<Option<Highlight>, JsError> {
    if let Some(inner) = ACTIVE.with(|a| {
        a.borrow()
            .iter()
            .find(|i| {
                let r = &i.borrow().root;
                r == root || r.contains(Some(root)) || root.contains(Some(r))
            })
            .cloned()
    }) {
        return Ok(Some(Highlight { inner }));
    }
    // Nothing is written into an article being edited: a CMS would save the marks with it.
    if is_editable(root) {
        return Err(editable());
    }
    Ok(None)
}

/// The rest of [`begin`], once the article is read (and, from a worker, analysed).
fn begun(
    doc: Document,
    window: web_sys::Window,
    found: bool,
    panel: bool,
    root: Element,
    nodes: &collect::Nodes,
    collected: Option<(Analysis, Vec<collect::Piece>)>,
) -> Result<Highlight, JsError> {
    let read = || {
        collected.as_ref().map_or(0, |(a, _)| match a {
            Analysis::Article(d) => weight_of_text(d.text()),
            Analysis::Report(r) => weight_of_text(&r.text),
        })
    };
    if article_is_editable(&doc, &root, found, &read) {
        return Err(editable());
    }
    let (analysis, pieces) = collected.ok_or_else(no_text)?;
    // Layout is read before anything is written: measured after, it would lay out the whole
    // marked page again.
    let margin = ui::margin(&doc, &root);
    let (near, far) = near_viewport(&window, nodes, &pieces);
    let n = pieces.len();
    let queue = [near..far, far..n, 0..near]
        .into_iter()
        .filter(|r| r.start < r.end)
        .listed();
    let texts = nodes.texts();
    let marks = marks::template(&doc).map_or_else(Marks::empty, |t| Marks::new(&t, &texts));
    let (article, report) = match analysis {
        Analysis::Article(d) => (Some(d), None),
        Analysis::Report(r) => (None, Some(r)),
    };
    let inner = Rc::new(RefCell::new(Inner {
        doc,
        root,
        report: report.unwrap_or_else(empty_report),
        marks,
        style: None,
        pseudo: false,
        focus: None,
        all_mentions: false,
        ui: None,
        listeners: Vec::new(),
        observer: None,
        cursor: Vec::new(),
        active: true,
        hidden: Vec::new(),
        work: Some(Work {
            panel,
            article,
            pieces,
            queue,
            sweep: None,
            styles: Vec::new(),
            speaker_of: Vec::new(),
            margin,
            near: far - near,
            started: false,
        }),
    }));
    ACTIVE.with(|a| a.borrow_mut().push(inner.clone()));
    Ok(Highlight { inner })
}

/// A report with nothing in it: the highlight's until the article is analysed.
fn empty_report() -> Report {
    Report {
        text: String::new(),
        blocks: Vec::new(),
        speakers: Vec::new(),
        statements: Vec::new(),
        disputes: Vec::new(),
        hedges: Vec::new(),
        summary: crate::report::Summary::default(),
    }
}

/// Takes the analysis in: what marking needs from the report.
fn set_report(inner: &mut Inner) {
    let Some(work) = inner.work.as_mut() else {
        return;
    };
    let report = &inner.report;
    work.sweep = Some(Sweep::new(marks::items(report)));
    work.styles = ui::styles(report);
    work.speaker_of = report.statement_speakers();
    inner.cursor = vec![0; report.speakers.len()];
}

/// The pieces `near..far` of the article that lie within a screen's height of the viewport
/// (the pieces are in document order, so their places on the page are found by halving:
/// a few layout reads, before anything is written).
fn near_viewport(
    window: &web_sys::Window,
    nodes: &collect::Nodes,
    pieces: &[collect::Piece],
) -> (usize, usize) {
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let rect = |k: usize| nodes.place(pieces[k].node);
    // The first index in lo..hi for which `past` holds (it holds from there on).
    let first = |mut lo: usize, mut hi: usize, past: &dyn Fn(usize) -> bool| {
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if past(mid) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        lo
    };
    let near = first(0, pieces.len(), &|k| {
        rect(k).is_none_or(|(_, bottom)| bottom >= -height)
    });
    let far = first(near, pieces.len(), &|k| {
        rect(k).is_some_and(|(top, _)| top > 2.0 * height)
    });
    (near, far.max(near))
}

/// See [`Highlight::step`].
fn step(inner: &Rc<RefCell<Inner>>, budget_ms: f64) -> bool {
    let start = js_sys::Date::now();
    let first = {
        let Ok(mut i) = inner.try_borrow_mut() else {
            return true;
        };
        if !i.active {
            return false;
        }
        let i = &mut *i;
        let Some(work) = i.work.as_mut() else {
            // All is in: what waits for the page to have shown the marks (after the lists,
            // should their frame not have come yet).
            fill_lists(i);
            if let Some(u) = i.ui.as_mut() {
                ui::draw_glance(u, &i.doc, &i.report);
            }
            return false;
        };
        if work.sweep.is_none() {
            // Not analysed yet: nothing to mark.
            return true;
        }
        let first = !work.started;
        work.started = true;
        first
    };
    // What the page changed since the last step is looked at now; then the page is not
    // watched while this step writes (its own changes are not the page's, and a record made
    // for each of them cost more than the change itself).
    let pending = inner
        .borrow()
        .observer
        .as_ref()
        .map(|(o, _)| o.take_records());
    if let Some(records) = pending.filter(|r| r.length() > 0) {
        on_page_change(inner, &records);
        if !inner.borrow().active {
            return false;
        }
    }
    if let Some((o, _)) = &inner.borrow().observer {
        o.disconnect();
    }
    if first {
        let mut i = inner.borrow_mut();
        // Before the marks' style sheet is in: then only the probe's style is worked out.
        let i = &mut *i;
        let first = i
            .work
            .as_ref()
            .and_then(|w| w.pieces.get(w.queue.first()?.start));
        i.pseudo = first.is_some_and(|p| i.marks.pseudo(p.node));
        let style = own_style(&i.doc, "style", &page_css(i.pseudo));
        i.style = style;
    }
    let done = {
        let Ok(mut i) = inner.try_borrow_mut() else {
            return true;
        };
        let i = &mut *i;
        let Some(work) = i.work.as_mut() else {
            return false;
        };
        let Some(sweep) = work.sweep.as_mut() else {
            return true;
        };
        let (report, hidden, marks) = (&i.report, &i.hidden, &mut i.marks);
        let (styles, speaker_of) = (&work.styles, &work.speaker_of);
        let decorate = |items: &[Item]| decorate(report, styles, speaker_of, hidden, items);
        let mut count = 0usize;
        // The first call marks all the pieces near the viewport; every call marks one at least.
        let near = if first { work.near.max(1) } else { 1 };
        while let Some(range) = work.queue.first_mut() {
            if count >= near && count % 8 == 0 && js_sys::Date::now() - start >= budget_ms {
                break;
            }
            let k = range.start;
            range.start += 1;
            if range.start >= range.end {
                work.queue.remove(0);
            }
            marks.mark(&work.pieces, k, sweep, &decorate);
            count += 1;
        }
        work.queue.is_empty()
    };
    // The panel: after the marks near the viewport, or after all of them, whichever is first.
    let build = {
        let i = inner.borrow();
        i.ui.is_none() && i.work.as_ref().is_some_and(|w| w.panel)
    };
    // Whether the panel's lists wait for the page's next frame (see below).
    let mut at_frame = false;
    if build {
        let mut i = inner.borrow_mut();
        let i = &mut *i;
        if let Some(work) = i.work.as_mut() {
            work.panel = false;
            let mut ui = ui::build(&i.doc, &i.report, &work.styles, true);
            if let Some(u) = ui.as_mut() {
                ui::place_in(u, work.margin);
                for layer in &i.hidden {
                    check(u, *layer, false);
                }
                // Its lists: what fits now, while marking goes on in slices (the page may
                // show a frame between them). When this step marks the whole article (a
                // short one), they are made just before the page's next frame, the first to
                // show the panel: the page gets the marks that much sooner, and a frame with
                // the panel and its lists, as before.
                if done {
                    at_frame = true;
                } else {
                    ui::fill(u, &i.doc, &i.report, start + budget_ms);
                }
            }
            i.ui = ui;
        }
    }
    // The popovers, the panel's buttons and Escape work from the first slice on.
    if first {
        listen(inner);
    }
    // Then the rest of the panel's lists: in slices too.
    let done = done && {
        let mut i = inner.borrow_mut();
        let i = &mut *i;
        let filled = match i.ui.as_mut() {
            Some(u) if !at_frame => ui::fill(u, &i.doc, &i.report, start + budget_ms),
            _ => true,
        };
        if filled {
            i.work = None;
        }
        filled
    };
    if at_frame {
        lists_at_frame(inner);
    }
    // Watching again, from the page as this step left it.
    if first {
        watch(inner);
    } else if let Ok(i) = inner.try_borrow() {
        if let (true, Some((o, _))) = (i.active, &i.observer) {
            observe(o, &i.doc);
        }
    }
    !done
}

/// Fills the panel's lists just before the page's next frame (see [`step`]). Where the page
/// refuses the frame callback, at once.
fn lists_at_frame(inner: &Rc<RefCell<Inner>>) {
    let me = Rc::downgrade(inner);
    let lists = move || {
        if let Some(me) = me.upgrade() {
            if let Ok(mut i) = me.try_borrow_mut() {
                fill_lists(&mut i);
            }
        }
    };
    let f = Closure::once_into_js(lists.clone());
    let asked =
        web_sys::window().is_some_and(|w| w.request_animation_frame(f.unchecked_ref()).is_ok());
    if !asked {
        lists();
    }
}

/// Puts in whatever the panel's lists still lack, all at once.
fn fill_lists(i: &mut Inner) {
    if let (true, Some(u)) = (i.active, i.ui.as_mut()) {
        ui::fill(u, &i.doc, &i.report, f64::INFINITY);
    }
}

/// A `<style>` of ours in the page's head (`data-whosaid=what`), holding `css`.
fn own_style(doc: &Document, what: &str, css: &str) -> Option<Element> {
    let s = doc.create_element("style").ok()?;
    let _ = s.set_attribute(OWN_ATTR, what);
    s.set_text_content(Some(css));
    if let Some(head) = doc.query_selector("head").ok().flatten() {
        let _ = head.append_child(&s);
    } else if let Some(body) = doc.body() {
        let _ = body.append_child(&s);
    }
    Some(s)
}

/// The marks' styles.
const PAGE_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/page.css"));

/// What takes away the boxes a page's own style sheet gives marks before or after them.
const PSEUDO_CSS: &str =
    "mark[data-whosaid]::before,mark[data-whosaid]::after{content:none!important}";

/// The marks' style sheet: `page.css`, and [`PSEUDO_CSS`] on a page that needs it (`pseudo`:
/// on every mark's pseudo-elements, it makes the browser work out their styles too, two thirds
/// of the marks' style recalculation on a page that does not give them any).
fn page_css(pseudo: bool) -> String {
    let mut css = String::from(PAGE_CSS);
    if pseudo {
        css.push_str(PSEUDO_CSS);
    }
    css
}

/// The tint of a mention, where neither a dispute nor a hedge is drawn on it.
const TINT: &str = ":not(.whosaid-dispute):not(.whosaid-hedge){background:var(--ws-tint)!important;border-radius:2px!important}";

/// Sets the reading mode: `focus`, the speaker hovered or focused in the panel (all their
/// mentions tinted, every other speaker's marks dimmed); `all`, every mention tinted. By
/// default only the mentions that are a statement's source are (`page.css`).
fn set_mode(inner: &mut Inner, focus: Option<String>, all: bool) {
    if inner.focus == focus && inner.all_mentions == all {
        return;
    }
    inner.focus = focus;
    inner.all_mentions = all;
    let mut css = page_css(inner.pseudo);
    if all {
        css.push_str("mark[data-whosaid].whosaid-mention");
        css.push_str(TINT);
    }
    // Speaker ids are the report's own ("s3"), never page text.
    if let Some(id) = &inner.focus {
        for part in [
            "mark[data-whosaid].whosaid-mention[data-mention=\"",
            id,
            "\"]",
            TINT,
            "mark[data-whosaid]:not([data-speaker=\"",
            id,
            "\"]):not([data-mention=\"",
            id,
            "\"]){opacity:.3!important}",
        ] {
            css.push_str(part);
        }
    }
    if let Some(s) = &inner.style {
        s.set_text_content(Some(&css));
    }
}

/// The article in `doc` as [`highlight`] without a root reads it (the same root, the same
/// blocks as the CLI's `Document::from_html` on the same page), from any document, a parsed
/// one too, without changing it. `None` when it holds no article text.
///
/// For Rust callers compiled to wasm32 (`tests/dom.rs` compares it with the CLI's reading of
/// the same pages); not a doctest, as the module is wasm32-only:
///
/// ```ignore
/// let parser = web_sys::DomParser::new()?;
/// let doc = parser.parse_from_string(
///     r#"<article><p>"Soon," said Captain Ivo Marsh.</p></article>"#,
///     web_sys::SupportedType::TextHtml,
/// )?;
/// let article = whosaid::dom::read_article(&doc).expect("article text");
/// assert_eq!(whosaid::analyze(&article).speakers[0].name, "Ivo Marsh");
/// ```
pub fn read_article(doc: &Document) -> Option<crate::Document> {
    collect::find_article_now(doc)
        .and_then(|article| collect::collect(&article))
        .map(|c| c.0)
}

/// Classes and data attributes of one mark: `whosaid-cH whosaid-lL` (the statement's speaker:
/// underline hue and line style) and `whosaid-tH` (the mentioned speaker: tint), so both show
/// where they meet; `whosaid-src` on a mention that is a statement's source.
fn decorate<'r>(
    report: &'r Report,
    styles: &[ui::Style],
    speaker_of: &[Option<usize>],
    hidden: &[Layer],
    items: &[Item],
) -> marks::Decoration<'r> {
    let mut classes = String::from("whosaid");
    let mut attrs = Vec::new();
    let (mut said_by, mut mentioned) = (None, None);
    for item in items {
        if !hidden.contains(&item.layer()) {
            classes.push(' ');
            classes.push_str(item.layer().class());
        }
        match item {
            Item::Mention(i, src) => mentioned = mentioned.or(Some((*i, *src))),
            Item::Statement(i) => {
                let q = &report.statements[*i];
                said_by = speaker_of[*i];
                attrs.push((Attr::Statement, *i, q.id.0.as_str()));
            }
            Item::Dispute(i) => {
                attrs.push((Attr::Dispute, *i, report.disputes[*i].id.0.as_str()));
            }
            Item::Hedge(_) => {}
        }
    }
    if let Some(s) = said_by.or(mentioned.map(|m| m.0)) {
        classes.push(' ');
        ui::push_style_class(&mut classes, styles[s], "whosaid-");
        attrs.push((Attr::Speaker, s, report.speakers[s].id.0.as_str()));
    }
    if let Some((s, src)) = mentioned {
        classes.push(' ');
        ui::push_tint_class(&mut classes, styles[s]);
        if src {
            classes.push_str(" whosaid-src");
        }
        attrs.push((Attr::Mention, s, report.speakers[s].id.0.as_str()));
    }
    marks::Decoration {
        class: classes,
        attrs,
    }
}

/// The whosaid mark an event happened on, with its items.
fn mark_of(inner: &Inner, target: Option<EventTarget>) -> Option<(Element, Vec<Item>)> {
    let el = target?.dyn_into::<Element>().ok()?;
    let mark = el.closest("mark[data-whosaid]").ok()??;
    let k = inner.marks.index(&mark)?;
    Some((mark, inner.marks.items[k].clone()))
}

/// What an event listener does: the widget's state, the event. A plain function, so that every
/// listener is the same closure (one copy of the code that makes and registers it).
type Handler = fn(&Rc<RefCell<Inner>>, Event);

fn add_listener(inner: &Rc<RefCell<Inner>>, target: &EventTarget, kind: &'static str, f: Handler) {
    let me = Rc::downgrade(inner);
    let closure = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
        handling(|| {
            if let Some(me) = me.upgrade() {
                f(&me, e);
            }
        })
    });
    let _ = target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
    inner
        .borrow_mut()
        .listeners
        .push((target.clone(), kind, closure));
}

fn listen(inner: &Rc<RefCell<Inner>>) {
    let root: EventTarget = inner.borrow().root.clone().into();
    for kind in ["mouseover", "focusin"] {
        add_listener(inner, &root, kind, on_mark_entered);
    }
    for kind in ["mouseout", "focusout"] {
        add_listener(inner, &root, kind, on_mark_left);
    }
    let doc: EventTarget = inner.borrow().doc.clone().into();
    add_listener(inner, &doc, "keydown", on_key);
    if let Some(w) = web_sys::window() {
        add_listener(inner, &w.into(), "resize", on_resize);
    }
    let Some(shadow) = inner.borrow().ui.as_ref().map(|u| u.shadow.clone()) else {
        return;
    };
    let shadow: EventTarget = shadow.into();
    add_listener(inner, &shadow, "click", on_click);
    // Focus mode: a speaker hovered or focused in the panel.
    for (kind, f) in [
        ("mouseover", on_speaker_entered as Handler),
        ("focusin", on_speaker_entered),
        ("mouseout", on_speaker_left),
        ("focusout", on_speaker_left),
    ] {
        add_listener(inner, &shadow, kind, f);
    }
    add_listener(inner, &shadow, "change", on_change);
}

/// A mark hovered or focused: the popover shows its items.
fn on_mark_entered(me: &Rc<RefCell<Inner>>, e: Event) {
    let Ok(i) = me.try_borrow() else {
        return;
    };
    let Some(ui) = &i.ui else {
        return;
    };
    match mark_of(&i, e.target()) {
        Some((mark, items)) => {
            ui::fill_popover(&i.doc, &ui.popover, &i.report, &visible(&mark, &items));
            if ui.popover.has_child_nodes() {
                ui::place_popover(ui, &mark);
            }
        }
        None => {
            let _ = ui.popover.set_attribute("hidden", "");
        }
    }
}

/// A mark left: the popover hides.
fn on_mark_left(me: &Rc<RefCell<Inner>>, _e: Event) {
    if let Ok(i) = me.try_borrow() {
        if let Some(ui) = &i.ui {
            let _ = ui.popover.set_attribute("hidden", "");
        }
    };
}

/// Escape hides the popover, or (no popover open, or the focus in the widget) removes
/// everything.
fn on_key(me: &Rc<RefCell<Inner>>, e: Event) {
    let Some(k) = e.dyn_ref::<KeyboardEvent>() else {
        return;
    };
    if k.key() != "Escape" {
        return;
    }
    let close = {
        let Ok(i) = me.try_borrow() else {
            return;
        };
        let popover_open =
            i.ui.as_ref()
                .is_some_and(|u| !u.popover.has_attribute("hidden"));
        if let (true, Some(u)) = (popover_open, &i.ui) {
            let _ = u.popover.set_attribute("hidden", "");
        }
        let active = i.doc.active_element();
        let in_widget = active.as_ref().is_some_and(|a| {
            a.closest(&["[", OWN_ATTR, "]"].concat())
                .ok()
                .flatten()
                .is_some()
        });
        !popover_open || in_widget
    };
    if close {
        remove(me);
    }
}

/// The window resized: the panel is placed again.
fn on_resize(me: &Rc<RefCell<Inner>>, _e: Event) {
    if let Ok(i) = me.try_borrow() {
        if let Some(u) = &i.ui {
            ui::place(u, &i.doc, &i.root);
        }
    };
}

/// A button of the panel clicked.
fn on_click(me: &Rc<RefCell<Inner>>, e: Event) {
    let Some(button) = e
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest("button").ok().flatten())
    else {
        return;
    };
    let action = button.get_attribute("data-action");
    match action.as_deref() {
        Some("close") => return remove(me),
        Some("copy") => return copy(me),
        Some("json") => return download(me),
        Some("open") => {
            if let Some(u) = me.try_borrow().ok().as_ref().and_then(|i| i.ui.as_ref()) {
                ui::open_sheet(u);
            }
            return;
        }
        Some("collapse") => {
            if let Some(u) = me.try_borrow().ok().as_ref().and_then(|i| i.ui.as_ref()) {
                if ui::is_sheet(u) {
                    ui::close_sheet(u, true);
                } else {
                    ui::toggle_collapsed(&button);
                }
            }
            return;
        }
        _ => {}
    }
    if let Some(id) = button.get_attribute("data-speaker") {
        next_statement(me, &id);
    } else if let Some(id) = button.get_attribute("data-dispute") {
        let Ok(i) = me.try_borrow() else {
            return;
        };
        let marks = marks_where(&i, "data-dispute", &id);
        drop(i);
        go_to(&marks);
    }
}

/// The speaker button an event's target is in, by id.
fn speaker_of(t: Option<EventTarget>) -> Option<String> {
    t.and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest("button.speaker").ok().flatten())
        .and_then(|b| b.get_attribute("data-speaker"))
}

/// A speaker hovered or focused in the panel: focus mode on that speaker.
fn on_speaker_entered(me: &Rc<RefCell<Inner>>, e: Event) {
    focus_on(me, speaker_of(e.target()));
}

/// A speaker left: focus mode off, unless for another part of the same button, or for
/// another speaker (whose own event follows).
fn on_speaker_left(me: &Rc<RefCell<Inner>>, e: Event) {
    let next = e
        .dyn_ref::<web_sys::MouseEvent>()
        .and_then(|m| m.related_target())
        .or_else(|| {
            e.dyn_ref::<web_sys::FocusEvent>()
                .and_then(|f| f.related_target())
        });
    if speaker_of(next).is_none() {
        focus_on(me, None);
    }
}

fn focus_on(me: &Rc<RefCell<Inner>>, focus: Option<String>) {
    if let Ok(mut i) = me.try_borrow_mut() {
        let all = i.all_mentions;
        set_mode(&mut i, focus, all);
    };
}

/// A checkbox of the panel changed: every mention, or a layer, shown or hidden.
fn on_change(me: &Rc<RefCell<Inner>>, e: Event) {
    let Some(input) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    if input.name() == ui::ALL_MENTIONS {
        if let Ok(mut i) = me.try_borrow_mut() {
            let focus = i.focus.clone();
            set_mode(&mut i, focus, input.checked());
        }
    } else if let (Some(layer), Ok(mut i)) = (Layer::parse(&input.name()), me.try_borrow_mut()) {
        set_visible(&mut i, layer, input.checked());
    }
}

/// The items of a mark whose layers are currently shown.
fn visible(mark: &Element, items: &[Item]) -> Vec<Item> {
    let cl = mark.class_list();
    items
        .iter()
        .filter(|i| cl.contains(i.layer().class()))
        .cloned()
        .listed()
}

/// Marks whose `attr` ("data-statement" or "data-dispute") is `value`, in document order: the
/// id of the last statement (or dispute) among their items, as `decorate` set it.
fn marks_where(inner: &Inner, attr: &str, value: &str) -> Vec<Element> {
    let r = &inner.report;
    let id = |item: &Item| match (attr, item) {
        ("data-statement", Item::Statement(i)) => Some(r.statements[*i].id.0.as_str()),
        ("data-dispute", Item::Dispute(i)) => Some(r.disputes[*i].id.0.as_str()),
        _ => None,
    };
    inner
        .marks
        .ordered_where(|items| items.iter().rev().find_map(id) == Some(value))
}

/// Scrolls to a speaker's next statement (cycling) and flashes it.
fn next_statement(inner: &Rc<RefCell<Inner>>, speaker: &str) {
    let marks = {
        let Ok(mut i) = inner.try_borrow_mut() else {
            return;
        };
        let Some(si) = i.report.speakers.iter().position(|s| s.id.0 == speaker) else {
            return;
        };
        let ids: Vec<String> = i
            .report
            .statements
            .iter()
            .filter(|q| q.speaker.0 == speaker)
            .map(|q| q.id.0.clone())
            .listed();
        if ids.is_empty() {
            return;
        }
        let k = i.cursor[si] % ids.len();
        i.cursor[si] = k + 1;
        marks_where(&i, "data-statement", &ids[k])
    };
    go_to(&marks);
}

/// Scrolls the first mark into view, focuses it, and flashes all of them for a moment.
fn go_to(marks: &[Element]) {
    let Some(first) = marks.first() else {
        return;
    };
    let reduced = web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches());
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Center);
    opts.set_behavior(if reduced {
        web_sys::ScrollBehavior::Instant
    } else {
        web_sys::ScrollBehavior::Smooth
    });
    first.scroll_into_view_with_scroll_into_view_options(&opts);
    if let Some(h) = first.dyn_ref::<HtmlElement>() {
        let _ = h.focus();
    }
    for m in marks {
        let _ = m.class_list().add_1("whosaid-flash");
    }
    let marks = marks.to_vec();
    let unflash = Closure::once_into_js(move || {
        for m in &marks {
            let _ = m.class_list().remove_1("whosaid-flash");
        }
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(unflash.unchecked_ref(), 1600);
    }
}

/// Puts the plain-text summary (the CLI's `--format text`) on the clipboard, and says so.
fn copy(inner: &Rc<RefCell<Inner>>) {
    let Ok(i) = inner.try_borrow() else {
        return;
    };
    let Some(window) = web_sys::window() else {
        return;
    };
    let text = crate::render::text(&i.report);
    let promise = window.navigator().clipboard().write_text(&text);
    let status =
        i.ui.as_ref()
            .and_then(|u| u.shadow.query_selector(".status").ok().flatten());
    let say = |msg: &'static str| {
        let status = status.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
            if let Some(s) = &status {
                s.set_text_content(Some(msg));
            }
        })
    };
    let (ok, failed) = (
        say("Copied the summary."),
        say("Could not copy: the browser refused the clipboard."),
    );
    let _ = promise.then2(&ok, &failed);
    ok.forget();
    failed.forget();
}

/// Downloads the report as `whosaid-report.json` (made in the page: nothing is sent).
fn download(inner: &Rc<RefCell<Inner>>) {
    let Ok(i) = inner.try_borrow() else {
        return;
    };
    // The CLI's pretty JSON, byte for byte.
    let json = JsValue::from_str(&i.report.to_json(true));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let parts = js_sys::Array::of1(&json);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let Ok(a) = i.doc.create_element("a") else {
        return;
    };
    let _ = a.set_attribute("href", &url);
    let _ = a.set_attribute("download", "whosaid-report.json");
    if let Some(a) = a.dyn_ref::<HtmlElement>() {
        a.click();
    }
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1000);
    }
}

/// Takes everything out. Safe to call twice, and from inside the widget's own event handlers:
/// the listeners come off first, and no borrow of the state is held while the DOM changes
/// (taking out a focused mark fires `focusout` at once).
fn remove(inner: &Rc<RefCell<Inner>>) {
    let Ok(mut i) = inner.try_borrow_mut() else {
        return;
    };
    if !i.active {
        return;
    }
    i.active = false;
    let listeners = std::mem::take(&mut i.listeners);
    let observer = i.observer.take();
    if let Some((o, _)) = &observer {
        o.disconnect();
    }
    // Work still pending is dropped: a slice that comes after does nothing.
    i.work = None;
    let mut marks = std::mem::replace(&mut i.marks, Marks::empty());
    let style = i.style.take();
    let ui = i.ui.take();
    drop(i);
    ACTIVE.with(|a| a.borrow_mut().retain(|x| !Rc::ptr_eq(x, inner)));
    for (target, kind, closure) in &listeners {
        let _ = target.remove_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
    }
    marks.remove();
    if let Some(s) = style {
        s.remove();
    }
    if let Some(ui) = ui {
        ui.host.remove();
    }
    // Called from one of the handlers, that handler's closure is running: the closures are
    // dropped after it returns. Otherwise at once (a page that highlights and removes again
    // and again without yielding kept every run's closures, and their slots in the table of
    // JavaScript values, until its next task).
    if HANDLING.with(Cell::get) == 0 {
        drop((listeners, observer));
        return;
    }
    let drop_later = Closure::once_into_js(move || drop((listeners, observer)));
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(drop_later.unchecked_ref(), 0);
    }
}

/// Non-whitespace characters of `text`.
fn weight_of_text(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// Watches the page while the highlights are on: when the page itself rewrites the marked text
/// (a framework re-rendering the article from its state, replacing or re-serialising its nodes,
/// or changing a marked text node), the marks no longer describe the page. whosaid then stops
/// cleanly, as if removed: the marks and split text nodes still ours are put back, copies of
/// marks the page made (by re-serialising) are unwrapped, the panel closes, and
/// `whosaid:stopped` is dispatched on the document. It does not re-apply itself: a page that
/// re-renders on every change would never settle. Changes elsewhere (a sidebar, a counter in
/// the article) leave the highlights alone.
fn watch(inner: &Rc<RefCell<Inner>>) {
    let me = Rc::downgrade(inner);
    let callback = Closure::<dyn FnMut(js_sys::Array, MutationObserver)>::new(
        move |records: js_sys::Array, _: MutationObserver| {
            if let Some(me) = me.upgrade() {
                handling(|| on_page_change(&me, &records));
            }
        },
    );
    let Ok(observer) = MutationObserver::new(callback.as_ref().unchecked_ref()) else {
        return;
    };
    if observe(&observer, &inner.borrow().doc) {
        inner.borrow_mut().observer = Some((observer, callback));
    }
}

/// Has `observer` watch the whole of `doc` (see [`watch`]); false if it cannot.
fn observe(observer: &MutationObserver, doc: &Document) -> bool {
    let init = MutationObserverInit::new();
    init.set_child_list(true);
    init.set_subtree(true);
    init.set_character_data(true);
    doc.document_element()
        .is_some_and(|top| observer.observe_with_options(&top, &init).is_ok())
}

const MARK: &str = "mark[data-whosaid=\"mark\"]";

/// See [`watch`].
fn on_page_change(inner: &Rc<RefCell<Inner>>, records: &js_sys::Array) {
    let (stale, copies) = {
        let Ok(i) = inner.try_borrow() else {
            return;
        };
        if !i.active {
            return;
        }
        let ours = |m: &Element| i.marks.index(m).is_some();
        let mut stale = false;
        let mut copies: Vec<Element> = Vec::new();
        for r in records.iter() {
            let r: MutationRecord = r.unchecked_into();
            if r.type_() == "characterData" {
                // A marked text node's text changed.
                stale |= r
                    .target()
                    .and_then(|t| t.parent_element())
                    .is_some_and(|p| p.matches(MARK).unwrap_or(false) && ours(&p));
                continue;
            }
            let added = r.added_nodes();
            for k in 0..added.length() {
                let Some(el) = added.item(k).and_then(|n| n.dyn_into::<Element>().ok()) else {
                    continue;
                };
                if el.matches(MARK).unwrap_or(false) && !ours(&el) {
                    copies.push(el.clone());
                }
                if let Ok(inside) = el.query_selector_all(MARK) {
                    for j in 0..inside.length() {
                        if let Some(m) = inside.item(j).and_then(|n| n.dyn_into::<Element>().ok()) {
                            if !ours(&m) {
                                copies.push(m);
                            }
                        }
                    }
                }
            }
        }
        stale |= !copies.is_empty() || !i.marks.connected();
        (stale, copies)
    };
    if !stale {
        return;
    }
    let doc = inner.borrow().doc.clone();
    remove(inner);
    for copy in copies {
        let Some(parent) = copy.parent_node() else {
            continue;
        };
        while let Some(child) = copy.first_child() {
            let _ = parent.insert_before(&child, Some(&copy));
        }
        let _ = parent.remove_child(&copy);
        parent.normalize();
    }
    if let Ok(e) = Event::new("whosaid:stopped") {
        let _ = doc.dispatch_event(&e);
    }
}
