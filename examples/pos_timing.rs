//! Times the part-of-speech tagger against the whole analysis, on the text `cargo bench` builds
//! (the golden articles of `tests/articles`, repeated to 100,000 words) or on a file:
//! `cargo run --release --example pos_timing [-- FILE]`. Processor time, the fastest of three
//! runs of at least 200 ms each (see `whosaid::pos::train::fastest`).
use whosaid::pos::train::{fastest, timing};
use whosaid::{analyze, Document};

fn main() {
    let text = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(&path).expect("readable UTF-8 file"),
        None => {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/articles");
            let mut dirs: Vec<_> = std::fs::read_dir(root)
                .expect("tests/articles")
                .flatten()
                .map(|e| e.path())
                .collect();
            dirs.sort();
            let base = dirs
                .iter()
                .filter_map(|d| std::fs::read_to_string(d.join("article.txt")).ok())
                .collect::<Vec<_>>()
                .join("\n\n");
            let mut book = String::new();
            while book.split_whitespace().count() < 100_000 {
                book.push_str(&base);
                book.push_str("\n\n");
            }
            book
        }
    };
    let doc = Document::from_text(text.as_str()).expect("some article text");
    let (segment, tag) = timing(&[&doc], whosaid::pos::Tagger::builtin());
    let whole = fastest(&|| {
        std::hint::black_box(analyze(&doc));
    });
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    println!(
        "{} bytes: tag {:.2} ms ({:.1} MB/s), segment {:.2} ms, analyze {:.2} ms: tagging is {:.1}% of analyze",
        text.len(),
        ms(tag),
        text.len() as f64 / 1e3 / ms(tag),
        ms(segment),
        ms(whole),
        100.0 * ms(tag) / ms(whole)
    );
}
