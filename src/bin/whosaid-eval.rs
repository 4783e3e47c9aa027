//! Scores the core on a labelled PolNeAR-format set (one JSON article a line, see
//! ../shared/corpus/README.md): precision, recall and F1 of quote→speaker attribution, with the
//! same matching rules as ../shared/tools/eval_quotes.py, plus a "named" score (the speaker's
//! resolved name must be right), per subset and per publisher; optionally the worst misses.
//!
//! `whosaid-eval DIR_OR_FILE [--predictions OUT.jsonl] [--json OUT.json] [--misses N]`

#[path = "../eval_score.rs"]
mod score;

use score::{Doc, Figures, Gold, Outcome, Pred, Scored, Summary, SUBSETS};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use whosaid::{Model, Options};

const USAGE: &str = "usage: whosaid-eval DIR_OR_FILE [--predictions OUT.jsonl] [--json OUT.json] \
[--misses N] [--rules-only | --model FILE] [--threshold T] [--threshold-unknown T]";

/// The command line.
struct Args {
    input: String,
    predictions: Option<String>,
    json: Option<String>,
    /// Examples of each kind of miss to print (0: none).
    misses: usize,
    /// The learned stage's model (`--model FILE`, else the built-in one); none with
    /// `--rules-only`.
    model: Option<Model>,
}

fn parse_args() -> Result<Option<Args>, String> {
    let mut it = std::env::args().skip(1);
    let (mut input, mut predictions, mut json, mut misses) = (None, None, None, 0);
    let mut model = Some(Model::builtin().clone());
    let mut threshold = None;
    let mut threshold_unknown = None;
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--predictions" => predictions = Some(value()?),
            "--json" => json = Some(value()?),
            "--misses" => {
                let v = value()?;
                misses = v
                    .parse()
                    .map_err(|_| format!("--misses {v}: not a number"))?;
            }
            "--rules-only" => model = None,
            "--model" => {
                let path = value()?;
                let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
                model = Some(Model::from_bytes(&bytes).map_err(|e| format!("{path}: {e}"))?);
            }
            "--threshold" => {
                let v = value()?;
                threshold = Some(
                    v.parse::<f32>()
                        .map_err(|_| format!("--threshold {v}: not a number"))?,
                );
            }
            "--threshold-unknown" => {
                let v = value()?;
                threshold_unknown = Some(
                    v.parse::<f32>()
                        .map_err(|_| format!("--threshold-unknown {v}: not a number"))?,
                );
            }
            "-h" | "--help" => return Ok(None),
            _ if a.starts_with('-') => return Err(format!("unknown option {a}")),
            _ => input = Some(a),
        }
    }
    let input = input.ok_or("no input given")?;
    if let Some(m) = model.as_mut() {
        let known = threshold.unwrap_or(m.threshold(true));
        let unknown = threshold_unknown.unwrap_or(m.threshold(false));
        *m = m.clone().with_thresholds(known, unknown);
    }
    Ok(Some(Args {
        input,
        predictions,
        json,
        misses,
        model,
    }))
}

/// The `.jsonl` files of a directory (sorted), or the one file given.
fn input_files(input: &str) -> Vec<PathBuf> {
    let path = Path::new(input);
    if !path.is_dir() {
        return vec![path.to_path_buf()];
    }
    let mut v: Vec<_> = std::fs::read_dir(path)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    v.sort();
    v
}

fn load(input: &str) -> Result<Vec<Doc>, String> {
    let mut docs = Vec::new();
    for f in input_files(input) {
        let body =
            std::fs::read_to_string(&f).map_err(|e| format!("cannot read {}: {e}", f.display()))?;
        docs.extend(score::parse_docs(&body).map_err(|e| format!("{}: {e}", f.display()))?);
    }
    if docs.is_empty() {
        return Err(format!("no documents in {input}"));
    }
    Ok(docs)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("whosaid-eval: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("whosaid-eval: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let docs = load(&args.input)?;
    let start = std::time::Instant::now();
    let options = Options {
        model: args.model.as_ref(),
    };
    let preds: Vec<Vec<Pred>> = docs.iter().map(|d| score::predict(d, &options)).collect();
    let secs = start.elapsed().as_secs_f64();
    let scored: Vec<Scored> = docs
        .iter()
        .zip(preds)
        .map(|(d, p)| score::score(d, p))
        .collect();
    let sum = Summary::of(&docs, &scored);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    print_subsets(&sum, bytes as f64 / secs / 1e6);
    print_publishers(&sum);
    if args.misses > 0 {
        print_misses(&docs, &scored, args.misses);
    }
    if let Some(p) = &args.predictions {
        write_predictions(p, &docs, &scored)
            .map_err(|e| format!("cannot write predictions to {p}: {e}"))?;
    }
    if let Some(p) = &args.json {
        let body = serde_json::to_string_pretty(&figures_json(&sum)).unwrap_or_default();
        std::fs::write(p, body + "\n").map_err(|e| format!("cannot write {p}: {e}"))?;
    }
    Ok(())
}

fn print_subsets(sum: &Summary, mb_per_s: f64) {
    let all = sum.subset("all");
    println!(
        "{} documents, {} gold attributions, {} predictions (engine {mb_per_s:.1} MB/s)",
        sum.docs, all.gold, sum.preds.n
    );
    println!(
        "quote precision {:.4}   attribution precision {:.4}   named precision {:.4}",
        all.quote_p, all.attrib_p, all.named_p
    );
    println!("(precision is over all predictions; a subset's F1 uses it with the subset's recall)");
    println!(
        "{:<15} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "subset", "gold", "quote R", "quote F1", "attrib R", "attrib F1", "named R", "named F1"
    );
    for (name, _) in SUBSETS {
        let f = sum.subset(name);
        println!(
            "{name:<15} {:>6} {:>9.4} {:>9.4} {:>9.4} {:>9.4} {:>9.4} {:>9.4}",
            f.gold, f.quote_r, f.quote_f1, f.attrib_r, f.attrib_f1, f.named_r, f.named_f1
        );
    }
    let (found, total) = sum.denials_found();
    println!(
        "denial found with right speaker: {found}/{total} ({:.0}%)",
        100.0 * found as f64 / total.max(1) as f64
    );
}

fn print_publishers(sum: &Summary) {
    println!();
    println!("(precision here is over the publisher's own predictions)");
    println!(
        "{:<15} {:>6} {:>6} {:>9} {:>9} {:>9} {:>9}",
        "publisher", "docs", "gold", "attrib P", "attrib R", "attrib F1", "named F1"
    );
    for (name, p) in &sum.publishers {
        let f = Figures::of(&p.preds, &p.gold);
        println!(
            "{name:<15} {:>6} {:>6} {:>9.4} {:>9.4} {:>9.4} {:>9.4}",
            p.docs, f.gold, f.attrib_p, f.attrib_r, f.attrib_f1, f.named_f1
        );
    }
}

fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

fn figures_value(f: &Figures) -> Value {
    json!({
        "gold": f.gold,
        "quote_r": round4(f.quote_r), "quote_f1": round4(f.quote_f1),
        "attrib_p": round4(f.attrib_p), "attrib_r": round4(f.attrib_r),
        "attrib_f1": round4(f.attrib_f1),
        "named_p": round4(f.named_p), "named_r": round4(f.named_r),
        "named_f1": round4(f.named_f1),
    })
}

/// Every figure of the run, machine-readable (`--json`).
fn figures_json(sum: &Summary) -> Value {
    let all = sum.subset("all");
    let subsets: serde_json::Map<String, Value> = SUBSETS
        .iter()
        .map(|(n, _)| (n.to_string(), figures_value(&sum.subset(n))))
        .collect();
    let publishers: serde_json::Map<String, Value> = sum
        .publishers
        .iter()
        .map(|(n, p)| {
            let mut v = figures_value(&Figures::of(&p.preds, &p.gold));
            v["docs"] = json!(p.docs);
            (n.clone(), v)
        })
        .collect();
    let (found, total) = sum.denials_found();
    json!({
        "documents": sum.docs,
        "overall": {
            "predictions": sum.preds.n,
            "quote_p": round4(all.quote_p),
            "attrib_p": round4(all.attrib_p), "attrib_r": round4(all.attrib_r),
            "attrib_f1": round4(all.attrib_f1),
            "named_p": round4(all.named_p), "named_r": round4(all.named_r),
            "named_f1": round4(all.named_f1),
        },
        "denials_found": {"found": found, "total": total},
        "subsets": subsets,
        "publishers": publishers,
    })
}

/// The predictions in the reference tool's input format (`--predictions`).
fn write_predictions(path: &str, docs: &[Doc], scored: &[Scored]) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
    for (doc, sc) in docs.iter().zip(scored) {
        let quotes: Vec<_> = sc
            .preds
            .iter()
            .map(|p| json!({"quote_start": p.start, "quote_end": p.end, "speaker": p.speaker, "speaker_mentions": p.mentions}))
            .collect();
        writeln!(w, "{}", json!({"id": doc.id, "quotes": quotes}))?;
    }
    w.flush()
}

fn print_misses(docs: &[Doc], scored: &[Scored], n: usize) {
    print_missed_cues(docs, scored, n);
    print_wrong_speakers(docs, scored, n);
    print_false_statements(docs, scored, n);
}

/// A gold cue as a table key: lower-case, outer punctuation trimmed ("said:" → "said").
fn cue_key(g: &Gold) -> String {
    let cue = g.cue.as_deref().unwrap_or("").to_lowercase();
    let cue = cue.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = cue.trim_matches(|c: char| !c.is_alphanumeric());
    if trimmed.is_empty() {
        cue
    } else {
        trimmed.to_string()
    }
}

fn print_missed_cues(docs: &[Doc], scored: &[Scored], n: usize) {
    let mut by_cue: HashMap<String, (usize, usize)> = HashMap::new();
    for (doc, sc) in docs.iter().zip(scored) {
        for (g, f) in doc.quotes.iter().zip(&sc.found) {
            let e = by_cue.entry(cue_key(g)).or_default();
            e.0 += usize::from(!f.speaker);
            e.1 += 1;
        }
    }
    let mut rows: Vec<_> = by_cue.into_iter().collect();
    rows.sort_by(|a, b| {
        b.1 .0
            .cmp(&a.1 .0)
            .then(b.1 .1.cmp(&a.1 .1))
            .then(a.0.cmp(&b.0))
    });
    println!("\n== missed gold attributions by cue (top {n}; missed = not found with its speaker)");
    println!("{:<24} {:>7} {:>6} {:>6}", "cue", "missed", "total", "%");
    for (cue, (missed, total)) in rows.into_iter().take(n) {
        let pct = 100.0 * missed as f64 / total as f64;
        println!("{cue:<24} {missed:>7} {total:>6} {pct:>5.0}%");
    }
}

/// Up to `n` items taken in turn from each article, so that one article does not fill the list.
fn spread<T>(per_doc: Vec<Vec<T>>, n: usize) -> Vec<T> {
    let mut iters: Vec<_> = per_doc.into_iter().map(|v| v.into_iter()).collect();
    let mut out = Vec::new();
    while out.len() < n {
        let before = out.len();
        out.extend(
            iters
                .iter_mut()
                .filter_map(Iterator::next)
                .take(n - out.len()),
        );
        if out.len() == before {
            break;
        }
    }
    out
}

/// About 160 characters around a prediction, from the start of its paragraph at most 60 before
/// it; the predicted content between ‹ ›, line breaks as spaces.
fn context(text: &[char], p: &Pred) -> String {
    let from = p.start.saturating_sub(60);
    let from = (from..p.start)
        .rev()
        .find(|&i| text[i] == '\n')
        .map_or(from, |i| i + 1);
    let to = (from + 160).min(text.len());
    let mut s = String::from(if from > 0 { "…" } else { "" });
    for (i, &c) in text.iter().enumerate().take(to).skip(from) {
        s.push_str(if i == p.start { "‹" } else { "" });
        s.push_str(if i == p.end { "›" } else { "" });
        s.push(if c == '\n' { ' ' } else { c });
    }
    s.push_str(if p.end == to { "›" } else { "" });
    s.push_str(if to < text.len() { "…" } else { "" });
    s
}

fn print_wrong_speakers(docs: &[Doc], scored: &[Scored], n: usize) {
    let per_doc: Vec<Vec<(&Doc, &Pred, &Gold)>> = docs
        .iter()
        .zip(scored)
        .map(|(doc, sc)| {
            sc.preds
                .iter()
                .zip(&sc.outcomes)
                .filter_map(|(p, o)| match *o {
                    Outcome::Matched {
                        gold,
                        speaker: false,
                        ..
                    } => Some((doc, p, &doc.quotes[gold])),
                    _ => None,
                })
                .collect()
        })
        .collect();
    let total: usize = per_doc.iter().map(Vec::len).sum();
    println!("\n== wrong speaker (content found, speaker wrong): {total}, examples:");
    for (doc, p, g) in spread(per_doc, n) {
        let gold = g.speaker.as_deref().unwrap_or("(no source)");
        let auto = g.speaker_canonical_auto.as_deref().unwrap_or("-");
        println!(
            "{}  predicted {:?}, gold {gold:?} (auto {auto:?})",
            doc.id, p.speaker
        );
        let text: Vec<char> = doc.text.chars().collect();
        println!("    {}", context(&text, p));
    }
}

fn print_false_statements(docs: &[Doc], scored: &[Scored], n: usize) {
    let per_doc: Vec<Vec<(&Doc, &Pred)>> = docs
        .iter()
        .zip(scored)
        .map(|(doc, sc)| {
            let unmatched = sc.outcomes.iter().map(|o| *o == Outcome::Unmatched);
            sc.preds
                .iter()
                .zip(unmatched)
                .filter(|(_, u)| *u)
                .map(|(p, _)| (doc, p))
                .collect()
        })
        .collect();
    let total: usize = per_doc.iter().map(Vec::len).sum();
    println!("\n== false statements (match no gold attribution): {total}, examples:");
    for (doc, p) in spread(per_doc, n) {
        println!("{}  speaker {:?}", doc.id, p.speaker);
        let text: Vec<char> = doc.text.chars().collect();
        println!("    {}", context(&text, p));
    }
}
