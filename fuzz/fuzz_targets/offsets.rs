//! The report's offset mapping: UTF-8 byte offsets of the core to UTF-16 code units of the
//! report (`Utf16Map`), and back (`Report::slice`'s `byte_range`). The text is the input as
//! UTF-8 (invalid sequences replaced); the spans to map back are read from the input's bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use whosaid::fuzzing::{byte_range, utf16_offsets};
use whosaid::Span;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let units: Vec<u16> = text.encode_utf16().collect();
    // Every byte offset, and one past the end.
    let bytes: Vec<usize> = (0..=text.len() + 1).collect();
    let mapped = utf16_offsets(&text, &bytes);
    // What each byte offset must map to: the UTF-16 length of the text before the char that
    // holds it (a byte inside a char rounds down to the char's start; past the end is the end).
    let mut expected = vec![0u32; bytes.len()];
    let mut at = 0u32;
    for (i, c) in text.char_indices() {
        expected[i..i + c.len_utf8()].fill(at);
        at += c.len_utf16() as u32;
    }
    expected[text.len()..].fill(at);
    assert_eq!(mapped, expected);
    let boundary_units: Vec<u32> = text
        .char_indices()
        .map(|(i, _)| expected[i])
        .chain([at])
        .collect();
    // Back again: the empty span at a char boundary starts at the same byte (`byte_range` is
    // linear in the text: a bounded number of them).
    for (i, _) in text.char_indices().step_by(text.len() / 32 + 1) {
        let u = expected[i];
        assert_eq!(
            byte_range(&text, Span::new(u, u)),
            i..i,
            "byte {i} round trip"
        );
    }
    assert_eq!(byte_range(&text, Span::new(at, at)), text.len()..text.len());
    // Spans between any two UTF-16 positions (made from the input's bytes): the byte range is
    // on char boundaries, and for positions that split no pair it covers exactly those units.
    for w in data.windows(2).take(16) {
        let len = units.len() as u32 + 2;
        let (a, z) = (u32::from(w[0]) * 7 % len, u32::from(w[1]) * 13 % len);
        let span = Span::new(a.min(z), a.max(z));
        let r = byte_range(&text, span);
        assert!(r.start <= r.end && r.end <= text.len(), "{span:?} → {r:?}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let whole = |at: u32| boundary_units.binary_search(&at).is_ok();
        if whole(span.start) && whole(span.end) {
            let expected = String::from_utf16(&units[span.start as usize..span.end as usize])
                .expect("positions between whole characters");
            assert_eq!(&text[r.clone()], expected, "{span:?}");
        }
    }
});
