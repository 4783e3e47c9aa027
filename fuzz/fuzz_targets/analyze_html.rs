//! `Document::from_html` then `analyze` over any page: the bytes as UTF-8, invalid sequences
//! replaced (U+FFFD).
#![no_main]

use libfuzzer_sys::fuzz_target;
use whosaid::{analyze, Document};

mod check;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    if let Ok(doc) = Document::from_html(&html) {
        check::report(&analyze(&doc));
    }
});
