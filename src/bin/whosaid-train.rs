//! Trains the learned attribution stage and writes its model file.
//!
//! `whosaid-train TRAIN.jsonl [--out src/learned/model.bin] [--bits 16] [--epochs 8]
//! [--seed N] [--runs N] [--prune Q] [--threshold T]`
//!
//! Deterministic: the same data and options write the same file.

use std::process::ExitCode;
use whosaid::learned::train::{evaluate, read_docs, train, Options};

const USAGE: &str = "usage: whosaid-train TRAIN.jsonl [--out FILE] [--bits N] [--epochs N] [--seed N] [--runs N] [--prune Q] [--threshold T] [--threshold-unknown T] [--min-cue-count N] [--min-cue-rate R]";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut opts = Options::default();
    let mut input = None;
    let mut out = String::from("src/learned/model.bin");
    let mut dev = None;
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        let ok = match a.as_str() {
            "--dev" => {
                dev = Some(value());
                true
            }
            "--out" => {
                out = value();
                true
            }
            "--bits" => value().parse().map(|v| opts.bits = v).is_ok(),
            "--epochs" => value().parse().map(|v| opts.epochs = v).is_ok(),
            "--seed" => value().parse().map(|v| opts.seed = v).is_ok(),
            "--prune" => value().parse().map(|v| opts.prune = v).is_ok(),
            "--runs" => value().parse().map(|v| opts.runs = v).is_ok(),
            "--threshold" => value().parse().map(|v| opts.threshold = v).is_ok(),
            "--threshold-unknown" => value().parse().map(|v| opts.threshold_unknown = v).is_ok(),
            "--min-cue-count" => value().parse().map(|v| opts.min_cue_count = v).is_ok(),
            "--min-cue-rate" => value().parse().map(|v| opts.min_cue_rate = v).is_ok(),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ if input.is_none() && !a.starts_with('-') => {
                input = Some(a);
                true
            }
            _ => false,
        };
        if !ok {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    }
    let Some(input) = input else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let path = std::path::Path::new(&input);
    let path = if path.is_dir() {
        path.join("polnear_train.jsonl")
    } else {
        path.to_path_buf()
    };
    let docs = match read_docs(&path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("whosaid-train: {e}");
            return ExitCode::from(1);
        }
    };
    let start = std::time::Instant::now();
    let (model, stats) = train(&docs, &opts);
    eprintln!("{stats:?}");
    if let Err(e) = std::fs::write(&out, model.to_bytes()) {
        eprintln!("whosaid-train: cannot write {out}: {e}");
        return ExitCode::from(1);
    }
    eprintln!(
        "wrote {out}: {} bytes of weights, {:.1} s ({opts:?})",
        model.size(),
        start.elapsed().as_secs_f64()
    );
    if let Some(dev) = dev {
        match read_docs(std::path::Path::new(&dev)) {
            Ok(docs) => eprintln!("dev: {}", evaluate(&docs, &model)),
            Err(e) => {
                eprintln!("whosaid-train: {e}");
                return ExitCode::from(1);
            }
        }
    }
    ExitCode::SUCCESS
}
