//! Scores the core on a labelled PolNeAR-format set (one JSON article a line, see
//! ../shared/corpus/README.md): precision, recall and F1 of quote→speaker attribution, with the
//! same matching rules as ../shared/tools/eval_quotes.py.
//!
//! `whosaid-eval DIR_OR_FILE [--predictions OUT.jsonl]`

use serde::Deserialize;
use serde_json::json;
use std::collections::HashSet;
use std::io::Write;
use std::process::ExitCode;
use whosaid::{analyze_with, Document, Model, Options};

#[derive(Deserialize)]
struct Doc {
    id: String,
    text: String,
    quotes: Vec<Gold>,
}

#[derive(Deserialize)]
struct Gold {
    content_spans: Vec<(usize, usize)>,
    speaker: Option<String>,
    speaker_mentions: Vec<(usize, usize)>,
    speaker_canonical_auto: Option<String>,
    quote_type: String,
}

struct Pred {
    start: usize,
    end: usize,
    speaker: String,
    mentions: Vec<(usize, usize)>,
}

const QUOTE_CHARS: &str = "\"“”«»„‟'‘’ \n\t";

fn chars(spans: &[(usize, usize)], text: &[char]) -> HashSet<usize> {
    spans
        .iter()
        .flat_map(|&(s, e)| s..e.min(text.len()))
        .filter(|&i| !QUOTE_CHARS.contains(text[i]))
        .collect()
}

fn last_word(s: Option<&str>) -> Option<String> {
    let s = s?;
    let word = s
        .split(|c: char| !(c.is_ascii_alphabetic() || c == '\'' || c == '’' || c == '-'))
        .rev()
        .find(|w| w.starts_with(|c: char| c.is_ascii_alphabetic()))?;
    let w = word.to_lowercase();
    Some(
        w.strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .unwrap_or(&w)
            .to_string(),
    )
}

fn speaker_ok(p: &Pred, g: &Gold) -> bool {
    if p.mentions.iter().any(|&(ps, pe)| {
        g.speaker_mentions
            .iter()
            .any(|&(gs, ge)| ps < ge && gs < pe)
    }) {
        return true;
    }
    match last_word(Some(&p.speaker)) {
        Some(lw) if !["he", "she", "they", "it", "i", "we"].contains(&lw.as_str()) => {
            Some(&lw) == last_word(g.speaker.as_deref()).as_ref()
                || Some(&lw) == last_word(g.speaker_canonical_auto.as_deref()).as_ref()
        }
        _ => false,
    }
}

/// UTF-16 offset → code-point offset table for a text.
fn utf16_to_cp(text: &str) -> Vec<usize> {
    let mut map = Vec::with_capacity(text.len() + 1);
    for (cp, c) in text.chars().enumerate() {
        for _ in 0..c.len_utf16() {
            map.push(cp);
        }
    }
    map.push(text.chars().count());
    map
}

fn predict(doc: &Doc, options: &Options) -> Vec<Pred> {
    let Ok(d) = Document::from_text(doc.text.as_str()) else {
        return Vec::new();
    };
    let r = analyze_with(&d, options);
    let cp = utf16_to_cp(&doc.text);
    let at = |u: u32| cp[(u as usize).min(cp.len() - 1)];
    r.statements
        .iter()
        .map(|st| {
            let sp = r.speaker(&st.speaker);
            let mut mentions: Vec<(usize, usize)> =
                st.source.iter().map(|m| (at(m.start), at(m.end))).collect();
            if mentions.is_empty() {
                if let Some(sp) = sp {
                    // A continued quote: the speaker's nearest mention before it.
                    if let Some(m) = sp.mentions.iter().rev().find(|m| m.end <= st.content.start) {
                        mentions.push((at(m.start), at(m.end)));
                    }
                }
            }
            Pred {
                start: at(st.content.start),
                end: at(st.content.end),
                speaker: sp.map(|s| s.name.clone()).unwrap_or_default(),
                mentions,
            }
        })
        .collect()
}

/// A named subset of the gold attributions.
type Subset = (&'static str, fn(&Gold) -> bool);

#[derive(Default)]
struct Tally {
    gold: usize,
    hit: usize,
    att: usize,
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut input = None;
    let mut out_path = None;
    let mut model_path = None;
    let mut rules_only = false;
    let mut threshold = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--predictions" => out_path = args.next(),
            "--model" => model_path = args.next(),
            "--rules-only" => rules_only = true,
            "--threshold" => threshold = args.next().and_then(|t| t.parse::<f32>().ok()),
            "-h" | "--help" => {
                println!("usage: whosaid-eval DIR_OR_FILE [--predictions OUT.jsonl]");
                return ExitCode::SUCCESS;
            }
            _ => input = Some(a),
        }
    }
    let Some(input) = input else {
        eprintln!("usage: whosaid-eval DIR_OR_FILE [--predictions OUT.jsonl]");
        return ExitCode::from(2);
    };
    let loaded = match model_path.map(std::fs::read) {
        None => None,
        Some(Ok(bytes)) => match Model::from_bytes(&bytes) {
            Ok(m) => Some(m),
            Err(e) => {
                eprintln!("whosaid-eval: {e}");
                return ExitCode::from(1);
            }
        },
        Some(Err(e)) => {
            eprintln!("whosaid-eval: cannot read the model: {e}");
            return ExitCode::from(1);
        }
    };
    let mut model = loaded.unwrap_or_else(|| Model::builtin().clone());
    if let Some(t) = threshold {
        model = model.with_threshold(t);
    }
    let options = Options {
        model: (!rules_only).then_some(&model),
    };
    let path = std::path::Path::new(&input);
    let files: Vec<std::path::PathBuf> = if path.is_dir() {
        let mut v: Vec<_> = std::fs::read_dir(path)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
            .collect();
        v.sort();
        v
    } else {
        vec![path.to_path_buf()]
    };
    let mut docs = Vec::new();
    for f in &files {
        let Ok(body) = std::fs::read_to_string(f) else {
            eprintln!("whosaid-eval: cannot read {}", f.display());
            return ExitCode::from(1);
        };
        for (n, line) in body
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            match serde_json::from_str::<Doc>(line) {
                Ok(d) => docs.push(d),
                Err(e) => {
                    eprintln!("whosaid-eval: {}:{}: {e}", f.display(), n + 1);
                    return ExitCode::from(1);
                }
            }
        }
    }
    if docs.is_empty() {
        eprintln!("whosaid-eval: no documents in {input}");
        return ExitCode::from(1);
    }
    let subsets: [Subset; 4] = [
        ("all", |_| true),
        ("direct", |g| g.quote_type == "direct"),
        ("direct+mixed", |g| g.quote_type != "indirect"),
        ("with_source", |g| !g.speaker_mentions.is_empty()),
    ];
    let mut tallies: Vec<Tally> = subsets.iter().map(|_| Tally::default()).collect();
    let (mut n_pred, mut n_hit, mut n_att) = (0usize, 0usize, 0usize);
    let mut out = out_path
        .as_ref()
        .map(|p| std::fs::File::create(p).map(std::io::BufWriter::new));
    let start = std::time::Instant::now();
    let mut bytes = 0usize;
    for doc in &docs {
        let text: Vec<char> = doc.text.chars().collect();
        bytes += doc.text.len();
        let preds = predict(doc, &options);
        let gch: Vec<HashSet<usize>> = doc
            .quotes
            .iter()
            .map(|g| chars(&g.content_spans, &text))
            .collect();
        let mut hit = vec![false; doc.quotes.len()];
        let mut att = vec![false; doc.quotes.len()];
        for p in &preds {
            n_pred += 1;
            let pc = chars(&[(p.start, p.end)], &text);
            if pc.is_empty() {
                continue;
            }
            let (mut best, mut bi) = (0.0f64, None);
            for (i, gc) in gch.iter().enumerate() {
                let ov = pc.intersection(gc).count() as f64 / pc.len() as f64;
                if ov > best {
                    best = ov;
                    bi = Some(i);
                }
            }
            if let (true, Some(bi)) = (best >= 0.5, bi) {
                n_hit += 1;
                hit[bi] = true;
                if speaker_ok(p, &doc.quotes[bi]) {
                    n_att += 1;
                    att[bi] = true;
                }
            }
        }
        for (i, g) in doc.quotes.iter().enumerate() {
            for (t, (_, f)) in tallies.iter_mut().zip(&subsets) {
                if f(g) {
                    t.gold += 1;
                    t.hit += usize::from(hit[i]);
                    t.att += usize::from(att[i]);
                }
            }
        }
        if let Some(Ok(w)) = out.as_mut() {
            let quotes: Vec<_> = preds
                .iter()
                .map(|p| json!({"quote_start": p.start, "quote_end": p.end, "speaker": p.speaker, "speaker_mentions": p.mentions}))
                .collect();
            let _ = writeln!(w, "{}", json!({"id": doc.id, "quotes": quotes}));
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let f1 = |p: f64, r: f64| {
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    };
    let (qp, ap) = (ratio(n_hit, n_pred), ratio(n_att, n_pred));
    println!(
        "{} documents, {} gold attributions, {} predictions ({:.1} MB/s)",
        docs.len(),
        tallies[0].gold,
        n_pred,
        bytes as f64 / secs / 1e6
    );
    println!("quote precision {qp:.4}   attribution precision {ap:.4}");
    println!(
        "{:<14} {:>6} {:>10} {:>10} {:>10} {:>10}",
        "subset", "gold", "quote R", "quote F1", "attrib R", "attrib F1"
    );
    for (t, (name, _)) in tallies.iter().zip(&subsets) {
        let (qr, ar) = (ratio(t.hit, t.gold), ratio(t.att, t.gold));
        println!(
            "{name:<14} {:>6} {qr:>10.4} {:>10.4} {ar:>10.4} {:>10.4}",
            t.gold,
            f1(qp, qr),
            f1(ap, ar)
        );
    }
    if let Some(Err(e)) = out {
        eprintln!("whosaid-eval: cannot write predictions: {e}");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
