//! `analyze` over any text: the bytes as UTF-8, invalid sequences replaced (U+FFFD).
#![no_main]

use libfuzzer_sys::fuzz_target;
use whosaid::{analyze, Document};

mod check;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(doc) = Document::from_text(text) {
        let report = analyze(&doc);
        assert_eq!(report.text, doc.text());
        check::report(&report);
    }
});
