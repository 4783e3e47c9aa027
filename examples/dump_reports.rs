//! Dumps the full JSON report for every article of a PolNeAR-format JSONL file, one per line.
use std::io::Write;
use whosaid::{analyze, Document};

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: dump_reports FILE.jsonl");
    let body = std::fs::read_to_string(path).unwrap();
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for line in body.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = v["text"].as_str().unwrap();
        match Document::from_text(text) {
            Ok(d) => {
                let r = analyze(&d);
                writeln!(out, "{}", serde_json::to_string(&r).unwrap()).unwrap();
            }
            Err(e) => writeln!(out, "ERR {e}").unwrap(),
        }
    }
}
