//! Scores the engine on the labelled dispute set and lists what it got wrong:
//! `cargo run --example disputes`. The rules are in `tests/disputes/README.md`.

#[path = "../tests/disputes/score.rs"]
mod score;

fn main() {
    let set = score::load();
    for problem in score::problems(&set) {
        eprintln!("set: {problem}");
    }
    let s = score::score(&set);
    print!("{}", s.table());
    println!();
    print!("{}", s.report_findings());
}
