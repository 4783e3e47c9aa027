//! Prints the statements and disputes found in a plain-text file: `cargo run --example show FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: show FILE");
    let text = std::fs::read_to_string(path).expect("readable file");
    let r = whosaid::analyze(&whosaid::Document::from_text(text).expect("article text"));
    for st in &r.statements {
        let who = r.speaker(&st.speaker).map_or("?", |s| s.name.as_str());
        println!(
            "{who} [{:?}] {}: {}",
            st.kind,
            r.slice(st.cue),
            r.slice(st.content)
        );
    }
    for d in &r.disputes {
        println!("DISPUTE {}: {}", d.topic, r.slice(d.claim));
        for p in &d.positions {
            println!(
                "   {:?} {}",
                p.stance,
                r.speaker(&p.speaker).map_or("?", |s| s.name.as_str())
            );
        }
    }
}
