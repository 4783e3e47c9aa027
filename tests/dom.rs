//! The DOM binding in a real browser (headless Chromium via wasm-bindgen-test): marks land on
//! exactly the report's spans, spans across elements, skipped elements, exact removal, no
//! double wrapping, the layer names `js/whosaid.d.ts` declares, and the article read from each
//! page of `tests/pages` (the same blocks as the CLI reads, `tests/pages.rs`, and the text and
//! speakers a reader expects), both parsed and shown in a frame (with the page's style, an
//! anti-flicker hide of `<html>`/`<body>` included). Run by `npm test`;
//! by hand: `CHROMEDRIVER=/usr/bin/chromedriver cargo test
//! --target wasm32-unknown-unknown --no-default-features --test dom`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Node};
use whosaid::dom::{highlight, Highlight};
use whosaid::Report;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/page_text.rs"]
mod page_text;

/// A container of our own in the body (never clear the body: the runner lives there).
fn article(html: &str) -> Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el = doc.create_element("article").unwrap();
    el.set_inner_html(html);
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

fn report(h: &Highlight) -> Report {
    serde_json::from_str(&h.report()).unwrap()
}

fn marks(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().dyn_into::<Element>().unwrap())
        .collect()
}

fn text_of(marks: &[Element]) -> String {
    marks.iter().map(|m| m.text_content().unwrap()).collect()
}

/// Every speaker's mention marks hold exactly the text of its mentions.
fn assert_mentions_marked(root: &Element, r: &Report) {
    for s in &r.speakers {
        let ms = marks(
            root,
            &format!("mark.whosaid-mention[data-speaker=\"{}\"]", s.id.0),
        );
        let want: String = s.mentions.iter().map(|m| r.slice(*m)).collect();
        assert_eq!(text_of(&ms), want, "mentions of {}", s.name);
    }
}

/// Every node under `root` in tree order, with a description of it.
fn snapshot(root: &Node) -> Vec<(Node, String)> {
    let mut out = Vec::new();
    fn walk(n: &Node, out: &mut Vec<(Node, String)>) {
        let mut d = format!("{}|{}", n.node_type(), n.node_name());
        if let Some(e) = n.dyn_ref::<Element>() {
            let names = e.get_attribute_names();
            let mut attrs: Vec<String> = (0..names.length())
                .map(|i| {
                    let k = names.get(i).as_string().unwrap();
                    format!("{k}={}", e.get_attribute(&k).unwrap_or_default())
                })
                .collect();
            attrs.sort();
            d.push_str(&attrs.join(","));
        } else if let Some(t) = n.node_value() {
            d.push_str(&format!("|{t:?}"));
        }
        out.push((n.clone(), d));
        let mut c = n.first_child();
        while let Some(ch) = c {
            walk(&ch, out);
            c = ch.next_sibling();
        }
    }
    walk(root, &mut out);
    out
}

fn assert_same(before: &[(Node, String)], after: &[(Node, String)]) {
    assert_eq!(before.len(), after.len(), "node count changed");
    for ((a, da), (b, db)) in before.iter().zip(after) {
        assert_eq!(da, db);
        assert!(a.is_same_node(Some(b)), "a different node at {da}");
    }
}

#[wasm_bindgen_test]
fn marks_land_on_exactly_the_reported_spans() {
    let root = article(
        "<p>\u{201c}The bridge will reopen in March,\u{201d} Mayor Helen Okafor said on Monday.</p>\
         <p>Critics said the date would slip again.</p>",
    );
    let h = highlight(root.clone().into(), false).unwrap();
    let r = report(&h);
    assert!(r.speakers.iter().any(|s| s.name == "Helen Okafor"));
    let q = &r.statements[0];
    let ms = marks(&root, &format!("mark[data-statement=\"{}\"]", q.id.0));
    assert_eq!(
        text_of(&ms),
        "\u{201c}The bridge will reopen in March,\u{201d}"
    );
    // Every statement and every mention: the marks' text is the span's text.
    for q in &r.statements {
        let ms = marks(&root, &format!("mark[data-statement=\"{}\"]", q.id.0));
        assert_eq!(text_of(&ms), r.slice(q.content));
    }
    assert_mentions_marked(&root, &r);
    h.remove();
    root.remove();
}

#[wasm_bindgen_test]
fn text_past_the_basic_plane_and_lone_surrogates_read_as_the_page_holds_them() {
    let root = article(
        "<p>\u{201c}The ferry \u{1f6a2} sails at noon,\u{201d} Captain Ivo Marsh said.</p>\
         <p>Harbour staff said the timetable was wrong.</p>",
    );
    // A text node that ends in a lone high surrogate, and next to it one that begins with a
    // lone low surrogate: each is a replacement character of its own (the page is read in one
    // string and cut again in the wasm: they must not join into one character there).
    let set = |node: &Node, data: &js_sys::JsString| {
        js_sys::Reflect::set(node, &"data".into(), data).unwrap();
    };
    let p = root.query_selector("p + p").unwrap().unwrap();
    let first = p.first_child().unwrap();
    let high = js_sys::JsString::from_char_code1(0xd83d);
    set(
        &first,
        &js_sys::JsString::from("Harbour staff said the ").concat(&high),
    );
    let doc = web_sys::window().unwrap().document().unwrap();
    let next = doc.create_text_node("");
    set(
        &next,
        &js_sys::JsString::from_char_code1(0xde22).concat(&" timetable was wrong.".into()),
    );
    p.append_child(&next).unwrap();
    let h = highlight(root.clone().into(), false).unwrap();
    let r = report(&h);
    assert!(
        r.text
            .contains("\u{201c}The ferry \u{1f6a2} sails at noon,\u{201d} Captain Ivo Marsh said."),
        "{}",
        r.text
    );
    assert!(
        r.text
            .contains("Harbour staff said the \u{fffd}\u{fffd} timetable was wrong."),
        "{}",
        r.text
    );
    let q = &r.statements[0];
    let ms = marks(&root, &format!("mark[data-statement=\"{}\"]", q.id.0));
    assert_eq!(
        text_of(&ms),
        "\u{201c}The ferry \u{1f6a2} sails at noon,\u{201d}"
    );
    assert_mentions_marked(&root, &r);
    h.remove();
    root.remove();
}

#[wasm_bindgen_test]
fn a_span_across_elements_is_one_mark_per_piece_sharing_an_id() {
    let root = article(
        "<p>\u{201c}We will <a href=\"#\">not raise</a> fares <em>this year</em>,\u{201d} said \
         Transit Director Ana Ruiz.</p>",
    );
    let h = highlight(root.clone().into(), false).unwrap();
    let r = report(&h);
    assert_eq!(r.statements.len(), 1);
    let ms = marks(&root, "mark[data-statement]");
    assert!(ms.len() >= 4, "one mark per text piece, got {}", ms.len());
    assert!(ms
        .iter()
        .all(|m| m.get_attribute("data-statement").as_deref() == Some("q1")));
    assert_eq!(
        text_of(&ms),
        "\u{201c}We will not raise fares this year,\u{201d}"
    );
    assert_eq!(marks(&root, "a > mark[data-statement]").len(), 1);
    assert_eq!(marks(&root, "em > mark[data-statement]").len(), 1);
    // Only the first piece takes keyboard focus.
    assert_eq!(marks(&root, "mark[data-statement][tabindex]").len(), 1);
    h.remove();
    root.remove();
}

#[wasm_bindgen_test]
fn skipped_elements_are_left_alone() {
    let speech = "\u{201c}Yes,\u{201d} said Mayor Tom Bell.";
    let root = article(&format!(
        "<p>{speech}</p><script type=\"text/plain\">{speech}</script>\
         <textarea>{speech}</textarea><div aria-hidden=\"true\">{speech}</div>\
         <p hidden>{speech}</p><div style=\"display:none\">{speech}</div>\
         <div contenteditable=\"true\">{speech}</div><button>{speech}</button>\
         <nav>{speech}</nav>"
    ));
    let skipped =
        "script, textarea, [aria-hidden], [hidden], [style], [contenteditable], button, nav";
    let before: Vec<String> = marks(&root, skipped)
        .iter()
        .map(|e| e.inner_html())
        .collect();
    let h = highlight(root.clone().into(), false).unwrap();
    assert_eq!(
        report(&h).statements.len(),
        1,
        "only the visible paragraph speaks"
    );
    let after: Vec<String> = marks(&root, skipped)
        .iter()
        .map(|e| e.inner_html())
        .collect();
    assert_eq!(before, after);
    assert!(marks(&root, "p:first-child mark").len() >= 2);
    h.remove();
    root.remove();
}

#[wasm_bindgen_test]
fn remove_restores_the_same_nodes_and_text_boundaries() {
    let root = article(
        "<h2>Port deal in doubt</h2>\
         <p>The talks collapsed on Friday, Port Director Elena Marsh said. Mr. Okafor, however, \
         said <a href=\"#x\">the talks</a> were continuing.</p>\
         <p>\u{201c}We are <em>not</em> leaving,\u{201d} he said. The company denied it.</p>",
    );
    // Extra adjacent text nodes, as scripts leave them: boundaries must survive too.
    let p = root.query_selector("p").unwrap().unwrap();
    p.append_child(
        &web_sys::window()
            .unwrap()
            .document()
            .unwrap()
            .create_text_node(" Tail."),
    )
    .unwrap();
    let before = snapshot(&root);
    let h = highlight(root.clone().into(), true).unwrap();
    let r = report(&h);
    assert!(!r.disputes.is_empty(), "a dispute to mark");
    assert!(!marks(&root, "mark.whosaid-dispute").is_empty());
    assert_ne!(snapshot(&root).len(), before.len());
    h.remove();
    assert!(!h.active());
    assert_same(&before, &snapshot(&root));
    let doc = web_sys::window().unwrap().document().unwrap();
    assert!(doc.query_selector("[data-whosaid]").unwrap().is_none());
    h.remove(); // twice is harmless
    root.remove();
}

#[wasm_bindgen_test]
fn highlighting_twice_never_double_wraps() {
    let root =
        article("<p>\u{201c}Rates will hold,\u{201d} central bank Governor Lena Ask said.</p>");
    let first = highlight(root.clone().into(), true).unwrap();
    let n = marks(&root, "mark").len();
    let second = highlight(root.clone().into(), true).unwrap();
    assert_eq!(marks(&root, "mark").len(), n);
    assert_eq!(marks(&root, "mark mark").len(), 0);
    let doc = web_sys::window().unwrap().document().unwrap();
    assert_eq!(
        doc.query_selector_all("#whosaid-panel").unwrap().length(),
        1
    );
    second.remove();
    assert!(!first.active(), "both handles are the same highlight");
    assert_eq!(marks(&root, "mark").len(), 0);
    root.remove();
}

#[wasm_bindgen_test]
fn no_article_text_is_a_clear_error() {
    let root = article("<div>   </div>");
    let err = highlight(root.clone().into(), false)
        .err()
        .expect("an error");
    let msg: String = wasm_bindgen::JsValue::from(err)
        .dyn_into::<js_sys::Error>()
        .unwrap()
        .message()
        .into();
    assert!(msg.contains("no article text"), "{msg}");
    root.remove();
}

/// The layer names `js/whosaid.d.ts` declares for `setVisible()`, in order.
fn declared_layers() -> Vec<&'static str> {
    let dts = include_str!("../js/whosaid.d.ts");
    let line = dts
        .lines()
        .find(|l| l.starts_with("export type Layer ="))
        .expect("js/whosaid.d.ts declares a Layer type");
    line.split('\'').skip(1).step_by(2).collect()
}

#[wasm_bindgen_test]
fn layer_names_are_the_ones_the_typescript_declaration_lists() {
    let names = declared_layers();
    assert_eq!(names.len(), 4, "{names:?}");
    let root =
        article("<p>\u{201c}Rates will hold,\u{201d} central bank Governor Lena Ask said.</p>");
    let h = highlight(root.clone().into(), true).unwrap();
    // The panel's checkboxes, in order: the layers, then "All mentions" (a reading mode, not
    // a layer).
    let doc = web_sys::window().unwrap().document().unwrap();
    let shadow = doc
        .get_element_by_id("whosaid-panel")
        .unwrap()
        .shadow_root()
        .unwrap();
    let inputs = shadow.query_selector_all("input[type=checkbox]").unwrap();
    let boxes: Vec<String> = (0..inputs.length())
        .map(|i| {
            let input = inputs.item(i).unwrap().dyn_into::<Element>().unwrap();
            input.get_attribute("name").unwrap()
        })
        .collect();
    assert_eq!(boxes[..boxes.len() - 1], names);
    assert_eq!(boxes.last().map(String::as_str), Some("all-mentions"));
    // setVisible() takes each of them, and names them all when given another.
    for name in &names {
        assert!(h.set_visible(name, false).is_ok(), "{name}");
        assert!(h.set_visible(name, true).is_ok(), "{name}");
    }
    let err = h.set_visible("quotes", true).expect_err("an error");
    let msg: String = wasm_bindgen::JsValue::from(err)
        .dyn_into::<js_sys::Error>()
        .unwrap()
        .message()
        .into();
    let (last, rest) = names.split_last().unwrap();
    let list = format!("use {} or {last}", rest.join(", "));
    assert!(msg.ends_with(&list), "{msg}");
    h.remove();
    root.remove();
}

/// A page of `tests/pages`: its name, its HTML, the blocks the CLI reads from it, the text a
/// reader expects of it and the names planted in its chrome.
macro_rules! page {
    ($name:literal) => {
        Page {
            name: $name,
            html: include_str!(concat!("pages/", $name, "/page.html")),
            blocks: include_str!(concat!("pages/", $name, "/blocks.json")),
            expected: include_str!(concat!("pages/", $name, "/expected.txt")),
            chrome: include_str!(concat!("pages/", $name, "/chrome.txt")),
        }
    };
}

struct Page {
    name: &'static str,
    html: &'static str,
    blocks: &'static str,
    expected: &'static str,
    chrome: &'static str,
}

/// Every page of `tests/pages` (`tests/pages.rs` checks that none is missing).
const PAGES: &[Page] = &[
    page!("anti_flicker"),
    page!("article_body_itemprop"),
    page!("chrome_around_article"),
    page!("definition_list"),
    page!("div_paragraphs"),
    page!("div_text_only"),
    page!("figures_and_quotes"),
    page!("hidden_elements"),
    page!("hr_split_opinion"),
    page!("live_blog"),
    page!("nested_wrappers"),
    page!("paywall_overlay"),
    page!("portal_feed"),
    page!("pull_quotes"),
    page!("related_in_article"),
    page!("role_main_with_breaks"),
    page!("sections_with_ads"),
    page!("teaser_articles"),
];

#[derive(serde::Deserialize, Debug, PartialEq)]
struct Block {
    kind: whosaid::BlockKind,
    text: String,
}

/// What is wrong with the article read from `doc` (the page `page`), if anything: the blocks
/// differ from the CLI's, the text from the expected one, or a speaker comes from the chrome.
fn check_page(page: &Page, doc: &web_sys::Document) -> Result<f64, String> {
    let want: Vec<Block> = serde_json::from_str(page.blocks).unwrap();
    let article = whosaid::dom::read_article(doc).ok_or("no article text")?;
    let r = whosaid::analyze(&article);
    let got: Vec<Block> = r
        .blocks
        .iter()
        .map(|b| Block {
            kind: b.kind,
            text: r
                .slice(whosaid::Span {
                    start: b.start,
                    end: b.end,
                })
                .to_string(),
        })
        .collect();
    if got != want {
        let at = got.iter().zip(&want).take_while(|(g, w)| g == w).count();
        return Err(format!(
            "block {at} differs (read {} blocks, expected {})\n  read:     {:?}\n  expected: {:?}",
            got.len(),
            want.len(),
            got.get(at),
            want.get(at)
        ));
    }
    page_text::check(&r, page.expected, page.chrome)
}

#[wasm_bindgen_test]
fn the_browser_reads_the_same_blocks_as_the_cli_from_every_page() {
    let parser = web_sys::DomParser::new().unwrap();
    let mut failures = Vec::new();
    for page in PAGES {
        let doc = parser
            .parse_from_string(page.html, web_sys::SupportedType::TextHtml)
            .unwrap();
        if let Err(e) = check_page(page, &doc) {
            failures.push(format!("{}: {e}", page.name));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// A frame of our own showing `html` (its scripts run, its style applies), and its document.
/// Links to stylesheets are taken out first: none of ours exists, and a pending one would hold
/// up the parser at the next script, so the page would not be all there when the test reads it.
fn shown(html: &str) -> (Element, web_sys::Document) {
    let html = html.replace("<link rel=\"stylesheet\"", "<link rel=\"x-not-loaded\"");
    let doc = web_sys::window().unwrap().document().unwrap();
    let frame = doc.create_element("iframe").unwrap();
    doc.body().unwrap().append_child(&frame).unwrap();
    let inner = frame
        .dyn_ref::<web_sys::HtmlIFrameElement>()
        .unwrap()
        .content_document()
        .unwrap()
        .unchecked_into::<web_sys::HtmlDocument>();
    inner.open().unwrap();
    inner.write_1(&html).unwrap();
    inner.close().unwrap();
    (frame, inner.unchecked_into())
}

#[wasm_bindgen_test]
fn every_page_shown_in_a_frame_reads_as_parsed() {
    let mut failures = Vec::new();
    for page in PAGES {
        let (frame, doc) = shown(page.html);
        assert_eq!(
            doc.ready_state(),
            "complete",
            "{}: the frame holds the whole page",
            page.name
        );
        match check_page(page, &doc) {
            Ok(f1) => web_sys::console::log_1(&format!("{}: F1 {f1:.3}", page.name).into()),
            Err(e) => failures.push(format!("{}: {e}", page.name)),
        }
        frame.remove();
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn an_anti_flicker_hide_is_not_hidden_content_but_hidden_elements_stay_hidden() {
    let page = PAGES.iter().find(|p| p.name == "anti_flicker").unwrap();
    // The page hides <body> (visibility) and <html> (opacity) until a script runs; its own
    // stylesheet also hides one paragraph of the article. (A paragraph its stylesheet hides
    // with `visibility: hidden` cannot be told from the rest while the body is hidden so: the
    // markup's own hides, inline styles included, still apply.)
    let html = page
        .html
        .replace("</style>", ".draft-note { display: none }\n</style>");
    let html = html.replace(
        "<p>The land must",
        "<p class=\"draft-note\">Draft: Fenna Quist said the land was cheap.</p><p>The land must",
    );
    let (frame, doc) = shown(&html);
    assert_eq!(
        doc.ready_state(),
        "complete",
        "the frame holds the whole page"
    );
    let view = doc.default_view().unwrap();
    let body = doc.body().unwrap();
    let style = view.get_computed_style(&body).unwrap().unwrap();
    assert_eq!(
        style.get_property_value("visibility").unwrap(),
        "hidden",
        "the page is hidden while the test reads it"
    );
    let article = whosaid::dom::read_article(&doc).expect("the hidden page's article is read");
    let text = article.text().to_string();
    assert!(
        text.contains("Ravensholt council will buy the former gasworks"),
        "{text}"
    );
    assert!(
        !text.contains("Fenna Quist"),
        "a display:none paragraph is read: {text}"
    );
    assert!(
        !text.contains("Yusuf Amberly"),
        "a hidden paragraph is read: {text}"
    );
    assert!(
        !text.contains("Halvard Tesch"),
        "an inline visibility:hidden is read: {text}"
    );
    frame.remove();
}

/// An article with every kind of thing a report holds: roles, a denial, a dispute, a hedge,
/// non-ASCII text.
const WORKER_ARTICLE: &str = "<h2>Ferry fares \u{1f6a2}</h2>\
    <p>\u{201c}We will not raise fares this year,\u{201d} said Transit Director Ana Ruiz.</p>\
    <p>The union said fares would rise by <em>12%</em> in spring. Ruiz denied that fares would \
    rise in spring.</p>\
    <p>Councillor Jo\u{e3}o Pereira said the budget may be short. \u{201c}It is possible,\u{201d} \
    he said.</p>";

#[wasm_bindgen_test]
fn the_worker_s_report_comes_back_whole_and_marks_the_same_dom() {
    // The synchronous run.
    let root = article(WORKER_ARTICLE);
    let before = snapshot(&root);
    let h = highlight(root.clone().into(), false).unwrap();
    let want_json = h.report();
    let want_dom: Vec<String> = snapshot(&root).into_iter().map(|(_, d)| d).collect();
    h.remove();
    assert_same(&before, &snapshot(&root));
    // As the shim does with a worker: the page copied and encoded in the smallest slices, out
    // as bytes, its article found, read and analysed by analyzePage, the article and its
    // report back in, the report taken in (a task of its own), then the marks in the smallest
    // slices.
    let mut r = whosaid::dom::read(root.clone().into(), false).unwrap();
    while r.step(0.0) {}
    assert!(r.text_length() > 0);
    let mut slices = 0;
    while r.encode(0.0) {
        slices += 1;
    }
    let bytes = r.snapshot();
    assert_eq!(
        bytes,
        r.snapshot(),
        "the copy encoded in {slices} more slices is the copy encoded at once"
    );
    // A string that is not UTF-8 (a quotation mark cut short) is refused.
    let mut bad = bytes.clone();
    let at = bad
        .windows(3)
        .position(|w| w == "\u{201c}".as_bytes())
        .unwrap();
    bad[at + 2] = b'A';
    assert!(whosaid::dom::analyze_page(&bad).is_err());
    let wire = whosaid::dom::analyze_page(&bytes).unwrap();
    let h = r.take(&wire).unwrap();
    assert_eq!(
        h.report(),
        want_json,
        "the report decoded from its bytes is the same"
    );
    h.analyse();
    while h.step(0.0) {}
    let got: Vec<String> = snapshot(&root).into_iter().map(|(_, d)| d).collect();
    assert_eq!(got, want_dom, "the same marks as the synchronous run");
    h.remove();
    assert_same(&before, &snapshot(&root));
    root.remove();
}

#[wasm_bindgen_test]
fn remove_while_marking_is_pending_restores_the_page_and_stops_the_rest() {
    // Long enough to reach well below the viewport: marking it takes many slices.
    let root = article(&WORKER_ARTICLE.repeat(60));
    let before = snapshot(&root);
    let h = whosaid::dom::begin(root.clone().into(), false).unwrap();
    h.analyse();
    assert!(h.step(0.0), "work remains after the first slice");
    assert!(!marks(&root, "mark[data-whosaid]").is_empty());
    h.remove();
    assert!(!h.step(0.0), "a slice after remove() has nothing to do");
    assert!(marks(&root, "mark[data-whosaid]").is_empty());
    assert_same(&before, &snapshot(&root));
    // A damaged report is refused, and nothing is written.
    let mut r = whosaid::dom::read(root.clone().into(), false).unwrap();
    while r.step(0.0) {}
    assert!(r.take(&[1, 2, 3]).is_err());
    assert!(whosaid::dom::analyze_page(&[1, 2, 3]).is_err());
    assert_same(&before, &snapshot(&root));
    root.remove();
}
