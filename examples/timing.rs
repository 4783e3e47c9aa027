//! Times the core on a file: `cargo run --release --example timing -- FILE [RUNS]`.
use std::time::Instant;
use whosaid::{analyze, Document};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: timing FILE [RUNS]");
    let runs: u32 = args
        .next()
        .map_or(5, |r| r.parse().expect("RUNS is a number"));
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let start = Instant::now();
    let mut statements = 0;
    for _ in 0..runs {
        statements = analyze(&Document::from_text(&text).expect("article text"))
            .statements
            .len();
    }
    let secs = start.elapsed().as_secs_f64() / f64::from(runs);
    println!(
        "{} bytes, {statements} statements, {:.2} ms/run, {:.1} MB/s",
        text.len(),
        secs * 1e3,
        text.len() as f64 / secs / 1e6
    );
}
