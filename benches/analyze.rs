//! Throughput of the whole core on a ~1,500-word article and a ~100,000-word text (both built
//! from the project's own golden articles), with and without the learned stage; and the CLI's
//! path (`whosaid analyze --format json`: analyse, then the pretty JSON it prints) on a ~4 MB
//! text, beside `analyze` alone on the same text. `cargo bench`; criterion prints MB/s (10^6 bytes a second).
//! Only the CLI group: `cargo bench --bench analyze -- cli`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::time::Duration;
use whosaid::{analyze, analyze_with, Document, Options};

fn corpus() -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/articles");
    let mut dirs: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    dirs.sort();
    dirs.iter()
        .filter_map(|d| std::fs::read_to_string(d.join("article.txt")).ok())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn words(text: &str, n: usize) -> String {
    let mut out = String::new();
    while out.split_whitespace().count() < n {
        out.push_str(text);
        out.push_str("\n\n");
    }
    out
}

fn bench(c: &mut Criterion) {
    let base = corpus();
    let article = words(&base[..base.len().min(9000)], 1500);
    let book = words(&base, 100_000);
    let mut g = c.benchmark_group("analyze");
    for (name, text) in [
        ("article_1500_words", &article),
        ("text_100000_words", &book),
    ] {
        g.throughput(Throughput::BytesDecimal(text.len() as u64));
        g.sample_size(10);
        g.bench_function(name, |b| {
            b.iter(|| analyze(&Document::from_text(text.as_str()).unwrap()))
        });
        // The same without the learned stage, to show what the model costs.
        let rules_only = Options { model: None };
        g.bench_function(format!("{name}_rules_only"), |b| {
            b.iter(|| analyze_with(&Document::from_text(text.as_str()).unwrap(), &rules_only))
        });
    }
    g.finish();
}

/// Whole articles, in order and round again, until the text has at least `n` bytes.
fn bytes(text: &str, n: usize) -> String {
    let mut out = String::with_capacity(n + text.len());
    while out.len() < n {
        out.push_str(text);
        out.push_str("\n\n");
    }
    out
}

fn bench_cli(c: &mut Criterion) {
    let text = bytes(&corpus(), 4 << 20);
    let mut g = c.benchmark_group("cli");
    g.throughput(Throughput::BytesDecimal(text.len() as u64));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(8));
    // What `whosaid analyze --format json` does between reading the input and writing it out
    // (src/bin/whosaid.rs, Format::Json).
    g.bench_function("analyze_json_4mb", |b| {
        b.iter(|| {
            let report = analyze(&Document::from_text(text.as_str()).unwrap());
            report.to_json(true) + "\n"
        })
    });
    g.bench_function("analyze_4mb", |b| {
        b.iter(|| analyze(&Document::from_text(text.as_str()).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, bench, bench_cli);
criterion_main!(benches);
