//! Article finding on whole pages: `tests/pages/<page>/page.html` with `blocks.json` beside it,
//! the blocks (kind and text) of the article the page holds. The CLI's reader
//! (`Document::from_html`) must read exactly those blocks; `tests/dom.rs` reads the same pages
//! in a browser and compares them to the same files, so the two agree.
//!
//! After a reviewed change of the rules, `WHOSAID_BLESS=1 cargo test --test pages` rewrites
//! every `blocks.json` from what the CLI reads (then check the diff, and run the browser test).
//!
//! Beside them, written by hand and never blessed: `expected.txt`, the article's text as a
//! reader would copy it (the text found must match it as a bag of words, F1 ≥ 0.95), and
//! `chrome.txt`, the names planted in the page's chrome, none of which may become a speaker
//! (every speaker must come from the expected text). `tests/pages/README.md` says what each
//! page checks.

#[path = "support/page_text.rs"]
mod page_text;

use serde::Deserialize;
use std::path::{Path, PathBuf};
use whosaid::{analyze, BlockKind, Document, Span};

#[derive(Deserialize, Debug, PartialEq)]
struct Block {
    kind: BlockKind,
    text: String,
}

fn pages_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages")
}

fn pages() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(pages_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("page.html").exists())
        .collect();
    dirs.sort();
    dirs
}

/// The blocks the CLI reads from a page (chrome lines marked as the core marks them).
fn read(html: &str) -> Vec<Block> {
    let r = analyze(&Document::from_html(html).unwrap());
    r.blocks
        .iter()
        .map(|b| Block {
            kind: b.kind,
            text: r
                .slice(Span {
                    start: b.start,
                    end: b.end,
                })
                .to_string(),
        })
        .collect()
}

/// One block a line, so that a change shows as a one-line diff.
fn to_json(blocks: &[Block]) -> String {
    let lines: Vec<String> = blocks
        .iter()
        .map(|b| {
            format!(
                "  {{\"kind\": {}, \"text\": {}}}",
                serde_json::to_string(&b.kind).unwrap(),
                serde_json::to_string(&b.text).unwrap()
            )
        })
        .collect();
    format!("[\n{}\n]\n", lines.join(",\n"))
}

#[test]
fn the_cli_reads_the_expected_blocks_from_every_page() {
    let bless = std::env::var_os("WHOSAID_BLESS").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    let all = pages();
    assert!(all.len() >= 6, "tests/pages holds its pages");
    for dir in &all {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let got = read(&std::fs::read_to_string(dir.join("page.html")).unwrap());
        let path = dir.join("blocks.json");
        if bless {
            std::fs::write(&path, to_json(&got)).unwrap();
            continue;
        }
        let Ok(json) = std::fs::read_to_string(&path) else {
            failures.push(format!(
                "{name}: no blocks.json (WHOSAID_BLESS=1 writes it)"
            ));
            continue;
        };
        let want: Vec<Block> = serde_json::from_str(&json).unwrap();
        if got != want {
            let at = got.iter().zip(&want).take_while(|(g, w)| g == w).count();
            failures.push(format!(
                "{name}: block {at} differs (read {} blocks, expected {})\n  read:     {:?}\n  expected: {:?}",
                got.len(),
                want.len(),
                got.get(at),
                want.get(at)
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_cli_finds_the_article_text_and_no_speaker_from_the_chrome() {
    let mut failures = Vec::new();
    for dir in pages() {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let file = |f: &str| std::fs::read_to_string(dir.join(f));
        let (Ok(expected), Ok(chrome)) = (file("expected.txt"), file("chrome.txt")) else {
            failures.push(format!("{name}: expected.txt and chrome.txt are missing"));
            continue;
        };
        let report = analyze(&Document::from_html(&file("page.html").unwrap()).unwrap());
        match page_text::check(&report, &expected, &chrome) {
            Ok(f1) => eprintln!("{name}: F1 {f1:.3}"),
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_browser_test_reads_every_page() {
    let dom = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dom.rs"))
        .unwrap();
    for dir in pages() {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            dom.contains(&format!("page!(\"{name}\")")),
            "tests/dom.rs does not list the page {name}: add page!(\"{name}\") to PAGES"
        );
    }
}
