//! Scores the engine on the labelled dispute set and lists what it got wrong:
//! `cargo run --example disputes`. The rules are in `tests/disputes/README.md`. Ids given as
//! arguments (`cargo run --example disputes -- denial-01 conflict-02`) score those passages only.

#[path = "../tests/disputes/score.rs"]
mod score;

fn main() {
    let ids: Vec<String> = std::env::args().skip(1).collect();
    let mut set = score::load();
    if !ids.is_empty() {
        set.retain(|p| ids.contains(&p.id));
    }
    for problem in score::problems(&set) {
        eprintln!("set: {problem}");
    }
    let s = score::score(&set);
    print!("{}", s.table());
    println!();
    print!("{}", s.report_findings());
}
