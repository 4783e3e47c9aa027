//! What a reader expects of the article found on a page of `tests/pages`: its text
//! (`expected.txt`, compared as a bag of words), no speaker from the page's chrome (the names
//! planted there, `chrome.txt`) and no statement twice (a pull quote read with the text it
//! repeats). Shared by `tests/pages.rs` (the CLI) and `tests/dom.rs`
//! (the browser), which include this file with `#[path]`.

use whosaid::Report;

/// The least bag-of-words F1 of the text found against the expected text.
pub const MIN_F1: f64 = 0.95;

/// The words of a text, lowercase (letters and digits; anything else separates).
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Bag-of-words precision, recall and F1 of `got` against `want` (each word counted as often
/// as it occurs).
pub fn f1(got: &str, want: &str) -> (f64, f64, f64) {
    let mut bag = std::collections::HashMap::<String, i64>::new();
    let want = words(want);
    for w in &want {
        *bag.entry(w.clone()).or_default() += 1;
    }
    let got = words(got);
    let mut common = 0;
    for w in &got {
        if let Some(n) = bag.get_mut(w) {
            if *n > 0 {
                *n -= 1;
                common += 1;
            }
        }
    }
    if got.is_empty() || want.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let p = common as f64 / got.len() as f64;
    let r = common as f64 / want.len() as f64;
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// The capitalised words of the names planted in a page's chrome (`chrome.txt`: one a line,
/// `#` comments).
fn planted(chrome: &str) -> Vec<String> {
    chrome
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .flat_map(|l| l.split_whitespace())
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .map(str::to_lowercase)
        .collect()
}

/// Checks a report on a page against its expected text and planted names; returns the F1, or
/// what is wrong.
pub fn check(report: &Report, expected: &str, chrome: &str) -> Result<f64, String> {
    let (p, r, f) = f1(&report.text, expected);
    let mut wrong = Vec::new();
    if f < MIN_F1 {
        wrong.push(format!(
            "bag-of-words F1 {f:.3} < {MIN_F1} (precision {p:.3}, recall {r:.3})"
        ));
    }
    // A pull quote read as well as the paragraph it repeats is a second statement.
    let mut seen = std::collections::HashSet::new();
    for q in &report.statements {
        let said = words(report.slice(q.content));
        if !seen.insert(said.clone()) {
            wrong.push(format!("statement {:?} is read twice", said.join(" ")));
        }
    }
    let planted = planted(chrome);
    for s in &report.speakers {
        if words(&s.name).iter().any(|w| planted.contains(w)) {
            wrong.push(format!("speaker {:?} comes from the page's chrome", s.name));
        } else if !expected.contains(s.name.as_str()) {
            wrong.push(format!("speaker {:?} is not in the expected text", s.name));
        }
    }
    if wrong.is_empty() {
        Ok(f)
    } else {
        Err(wrong.join("; "))
    }
}
