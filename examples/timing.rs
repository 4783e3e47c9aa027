//! Times the core on a file: `cargo run --release --example timing -- FILE [RUNS]
//! [--rules-only]`.
use std::time::Instant;
use whosaid::{analyze_with, Document, Options};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: timing FILE [RUNS] [--rules-only]");
    let runs: u32 = args
        .next()
        .map_or(5, |r| r.parse().expect("RUNS is a number"));
    let mut options = Options::default();
    if args.next().as_deref() == Some("--rules-only") {
        options.model = None;
    }
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let start = Instant::now();
    let mut statements = 0;
    for _ in 0..runs {
        let doc = Document::from_text(&text).expect("article text");
        statements = analyze_with(&doc, &options).statements.len();
    }
    let secs = start.elapsed().as_secs_f64() / f64::from(runs);
    println!(
        "{} bytes, {statements} statements, {:.2} ms/run, {:.1} MB/s",
        text.len(),
        secs * 1e3,
        text.len() as f64 / secs / 1e6
    );
}
