//! Inputs that once went wrong, found by the fuzz targets (`fuzz/`), the property tests
//! (`tests/properties.rs`) and the pathological inputs (`tests/pathological.rs`), each with what
//! the report must be now. A fuzz finding (an input saved in `fuzz/artifacts/<target>/`) gets a
//! test here with its bytes, beside the fix.
//!
//! Run alone: `cargo test --test regressions`.

use whosaid::{analyze, Document, Report};

fn report(text: &str) -> Report {
    let r = analyze(&Document::from_text(text).unwrap());
    assert_eq!(r.check(), Ok(()));
    r
}

/// (speaker, content) of every statement.
fn said(r: &Report) -> Vec<(&str, &str)> {
    r.statements
        .iter()
        .map(|st| {
            let who = r.speaker(&st.speaker).unwrap().name.as_str();
            (who, r.slice(st.content))
        })
        .collect()
}

/// Property tests: the model's statement for a second cue in a sentence that ran on (no capital
/// after the full stop) overlapped the rules' statement partly. The rules' statement stays; the
/// model's is dropped.
#[test]
fn the_model_adds_no_statement_that_overlaps_another_partly() {
    let r = report(
        "Mayor Oskar Brandt Jr. said the bridge was safe. the Port Authority said that the \
         bridge was safe, nothing was ‘wrong’ at all”. ",
    );
    assert_eq!(
        said(&r),
        [(
            "Oskar Brandt Jr.",
            "the bridge was safe. the Port Authority said that the bridge was safe"
        )]
    );
    let r = report(
        "Ann Lee said the bridge was safe. سامر حداد said that the bridge was safe, 'nothing \
         was ‘wrong’ at all'. ",
    );
    assert_eq!(
        said(&r),
        [(
            "Ann Lee",
            "the bridge was safe. سامر حداد said that the bridge was safe, '"
        )]
    );
}

/// Property tests: a zero-width space after a full stop kept the sentence going, so that "S,
/// according to X" took the whole run as content, cue and source included (as HTML, where the
/// block is a paragraph).
#[test]
fn a_zero_width_space_after_a_full_stop_ends_the_sentence_in_html() {
    let doc = Document::from_html(
        "<article><p>the bridge was safe, according to Mayor Ann Lee.\u{200b} More.</p></article>",
    )
    .unwrap();
    let r = analyze(&doc);
    assert_eq!(said(&r), [("Ann Lee", "the bridge was safe")]);
}

/// Since zero-width characters separate like spaces, a block of nothing else has no words:
/// analysed, it gives an empty report.
#[test]
fn a_block_of_zero_width_characters_only() {
    for text in [
        "\u{200b}",
        "\u{feff}\u{200b}\n\n\u{2060}",
        "\u{200f}\u{200e}",
    ] {
        let r = report(text);
        assert_eq!(r.text, text);
        assert!(r.statements.is_empty() && r.speakers.is_empty());
    }
    let r = report("\u{200b}\n\n“We sail at noon,” said Captain Ivo Marsh.");
    assert_eq!(said(&r), [("Ivo Marsh", "“We sail at noon,”")]);
}

/// Pathological input: 50 KB of words without a full stop took 20 s (the attribution stages
/// read a sentence as a whole, some in time cubic in its length); sentences are now cut at 300
/// tokens outside quotations. The statements of such a text stay inside their pieces.
#[test]
fn a_long_text_without_full_stops_is_read_in_pieces() {
    let text = "Mayor Ann Lee said the ferry would run and ".repeat(200);
    let r = report(&text);
    assert!(!r.statements.is_empty());
    for st in &r.statements {
        assert!(st.content.len() < 2_000, "{:?}", st.content);
    }
}

/// Pathological input: a quotation is never cut, however long.
#[test]
fn a_long_quotation_is_never_cut() {
    let inner = "we will sail and we will not stop ".repeat(100);
    let text = format!("“{}”, said Captain Ivo Marsh.", inner.trim_end());
    let r = report(&text);
    assert_eq!(
        said(&r),
        [("Ivo Marsh", format!("“{}”", inner.trim_end()).as_str())]
    );
}
