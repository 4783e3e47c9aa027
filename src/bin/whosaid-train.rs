//! Trains the learned attribution stage and writes its model file.
//!
//! `whosaid-train TRAIN.jsonl [--out src/learned/model.bin] [--bits 16] [--epochs 8]
//! [--seed N] [--runs N] [--prune Q] [--threshold T]`
//!
//! `whosaid-train --repack MODEL [--out src/learned/model.bin] [--prune Q] [--threshold T]
//! [--threshold-unknown T]` writes a trained model again with its weights of at most Q dropped
//! and the given cue thresholds, without training (the shipped model is made so: see README).
//!
//! `whosaid-train --pos SYNTAX.jsonl --texts TEXTS.jsonl [--out src/pos/model.bin]
//! [--dev-pos SYNTAX.jsonl --dev-texts TEXTS.jsonl] [--bits 14] [--epochs 6] [--retrain 3]
//! [--seed N] [--prune 18] [--levels 15] [--dict-min 20] [--dict-rate 0.9]` trains the
//! part-of-speech tagger instead, on CoreNLP's tags of the texts (`../shared/corpus/syntax/`),
//! and prints its figures on the dev files when given them.
//!
//! `whosaid-train --coref TRAIN.jsonl [--out src/coref/model.bin] [--dev DEV.jsonl] [--bits 10]
//! [--epochs 10] [--seed N]` trains the pronoun ranker instead (whom a source pronoun stands
//! for), and prints its figures on the dev file when given one.
//!
//! Deterministic: the same data and options write the same file.

use std::process::ExitCode;
use whosaid::learned::train::{evaluate, read_docs, train, Options};

const USAGE: &str = "usage: whosaid-train TRAIN.jsonl [--out FILE] [--bits N] [--epochs N] [--seed N] [--runs N] [--prune Q] [--threshold T] [--threshold-unknown T] [--min-cue-count N] [--min-cue-rate R]\n       whosaid-train --repack MODEL [--out FILE] [--prune Q] [--threshold T] [--threshold-unknown T]";

const POS_USAGE: &str = "usage: whosaid-train --pos SYNTAX.jsonl --texts TEXTS.jsonl [--out FILE] [--dev-pos SYNTAX.jsonl --dev-texts TEXTS.jsonl] [--bits N] [--epochs N] [--seed N] [--prune Q] [--retrain N] [--levels L] [--dict-min N] [--dict-rate R]";

/// Writes a model file; exit code 1 (and why) when it cannot.
fn write_model(out: &str, bytes: &[u8]) -> Result<(), ExitCode> {
    std::fs::write(out, bytes).map_err(|e| {
        eprintln!("whosaid-train: cannot write {out}: {e}");
        ExitCode::from(1)
    })
}

/// Moves the value of `--key` out of `given` into `slot`; false when it does not parse.
fn take<T: std::str::FromStr>(
    given: &mut std::collections::BTreeMap<String, String>,
    key: &str,
    slot: &mut T,
) -> bool {
    given
        .remove(key)
        .is_none_or(|v| v.parse().map(|v| *slot = v).is_ok())
}

/// `--key value` pairs (every option takes a value), or none when one is not.
fn key_values(args: Vec<String>) -> Option<std::collections::BTreeMap<String, String>> {
    let mut given = std::collections::BTreeMap::new();
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        let (key, value) = (a.strip_prefix("--")?.to_string(), args.next()?);
        given.insert(key, value);
    }
    Some(given)
}

/// `whosaid-train --pos …`: trains the part-of-speech tagger.
fn pos_main(args: Vec<String>) -> ExitCode {
    use whosaid::pos::train::{evaluate, fastest, read_corpus, train, Options};
    let usage = || {
        eprintln!("{POS_USAGE}");
        ExitCode::from(2)
    };
    let Some(mut given) = key_values(args) else {
        return usage();
    };
    let mut opts = Options::default();
    let mut out = String::from("src/pos/model.bin");
    let (syntax, texts) = (given.remove("pos"), given.remove("texts"));
    let (dev_syntax, dev_texts) = (given.remove("dev-pos"), given.remove("dev-texts"));
    let parsed = take(&mut given, "out", &mut out)
        & take(&mut given, "bits", &mut opts.bits)
        & take(&mut given, "epochs", &mut opts.epochs)
        & take(&mut given, "retrain", &mut opts.retrain)
        & take(&mut given, "seed", &mut opts.seed)
        & take(&mut given, "prune", &mut opts.prune)
        & take(&mut given, "levels", &mut opts.levels)
        & take(&mut given, "dict-min", &mut opts.dict_min)
        & take(&mut given, "dict-rate", &mut opts.dict_rate);
    let (true, true, Some(syntax), Some(texts)) = (parsed, given.is_empty(), syntax, texts) else {
        return usage();
    };
    let read = |s: &str, t: &str| {
        read_corpus(std::path::Path::new(s), std::path::Path::new(t)).map_err(|e| {
            eprintln!("whosaid-train: {e}");
            ExitCode::from(1)
        })
    };
    let samples = match read(&syntax, &texts) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let start = std::time::Instant::now();
    let (tagger, alignment) = train(&samples, &opts);
    let bytes = tagger.to_bytes();
    if let Err(code) = write_model(&out, &bytes) {
        return code;
    }
    eprintln!(
        "wrote {out}: {} bytes, {:.1} s ({opts:?}); training tokens: {alignment:?}",
        bytes.len(),
        start.elapsed().as_secs_f64()
    );
    if let (Some(s), Some(t)) = (dev_syntax, dev_texts) {
        match read(&s, &t) {
            Ok(dev) => {
                let mut fig = evaluate(&dev, &tagger, true);
                let docs: Vec<whosaid::Document> = dev
                    .iter()
                    .filter_map(|x| whosaid::Document::from_text(x.text()).ok())
                    .collect();
                fig.analyze_time = fastest(&|| {
                    for d in &docs {
                        std::hint::black_box(whosaid::analyze(d));
                    }
                });
                eprintln!("dev: {fig}");
            }
            Err(code) => return code,
        }
    }
    ExitCode::SUCCESS
}

/// `whosaid-train --coref …`: trains the pronoun ranker.
fn coref_main(args: Vec<String>) -> ExitCode {
    use whosaid::coref::train::{evaluate, read_docs, train, Options};
    let usage = || {
        eprintln!("usage: whosaid-train --coref TRAIN.jsonl [--out FILE] [--dev DEV.jsonl] [--bits N] [--epochs N] [--seed N]");
        ExitCode::from(2)
    };
    let Some(mut given) = key_values(args) else {
        return usage();
    };
    let mut opts = Options::default();
    let mut out = String::from("src/coref/model.bin");
    let (input, dev) = (given.remove("coref"), given.remove("dev"));
    let parsed = take(&mut given, "out", &mut out)
        & take(&mut given, "bits", &mut opts.bits)
        & take(&mut given, "epochs", &mut opts.epochs)
        & take(&mut given, "seed", &mut opts.seed);
    let (true, true, Some(input)) = (parsed, given.is_empty(), input) else {
        return usage();
    };
    let read = |p: &str| {
        let path = std::path::Path::new(p);
        let path = if path.is_dir() {
            let name = if p.contains("dev") {
                "polnear_dev.jsonl"
            } else {
                "polnear_train.jsonl"
            };
            path.join(name)
        } else {
            path.to_path_buf()
        };
        read_docs(&path).map_err(|e| {
            eprintln!("whosaid-train: {e}");
            ExitCode::from(1)
        })
    };
    let docs = match read(&input) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let start = std::time::Instant::now();
    let (ranker, stats) = train(&docs, &opts);
    let bytes = ranker.to_bytes();
    if let Err(code) = write_model(&out, &bytes) {
        return code;
    }
    eprintln!(
        "wrote {out}: {} bytes, {:.1} s ({opts:?}); {stats:?}",
        bytes.len(),
        start.elapsed().as_secs_f64()
    );
    eprintln!("train: {}", evaluate(&docs, &ranker));
    if let Some(dev) = dev {
        match read(&dev) {
            Ok(docs) => eprintln!("dev: {}", evaluate(&docs, &ranker)),
            Err(code) => return code,
        }
    }
    ExitCode::SUCCESS
}

/// `whosaid-train --repack MODEL`: the model file's weights of at most `--prune` dropped and its
/// cue thresholds set to `--threshold` / `--threshold-unknown`, written to `--out`.
fn repack_model(from: &str, out: &str, opts: &Options) -> ExitCode {
    let model = match std::fs::read(from) {
        Ok(bytes) => whosaid::Model::from_bytes(&bytes),
        Err(e) => {
            eprintln!("whosaid-train: cannot read {from}: {e}");
            return ExitCode::from(1);
        }
    };
    let model = match model {
        Ok(m) => m.pruned(opts.prune, (opts.threshold, opts.threshold_unknown)),
        Err(e) => {
            eprintln!("whosaid-train: {from}: {e}");
            return ExitCode::from(1);
        }
    };
    if let Err(code) = write_model(out, &model.to_bytes()) {
        return code;
    }
    eprintln!("wrote {out} from {from} ({opts:?})");
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let all: Vec<String> = std::env::args().skip(1).collect();
    if all.iter().any(|a| a == "--coref") {
        return coref_main(all);
    }
    if all.iter().any(|a| a == "--pos") {
        return pos_main(all);
    }
    let mut args = all.into_iter();
    let mut opts = Options::default();
    let mut input = None;
    let mut out = String::from("src/learned/model.bin");
    let mut dev = None;
    let mut repack = None;
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
            "--repack" => {
                repack = Some(value());
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
    if let Some(from) = repack {
        return repack_model(&from, &out, &opts);
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
    if let Err(code) = write_model(&out, &model.to_bytes()) {
        return code;
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
