//! Lower case exactly as std makes it (`char::to_lowercase`, `str::to_lowercase`), from tables
//! `build.rs` derives from std itself: runs of chars lower-cased by one offset, in place of std's
//! table of 1,462 pairs (1.9 KB less of the browser's download). `tests` compare every char,
//! and a capital sigma next to every char, with std.

include!(concat!(env!("OUT_DIR"), "/case.rs"));

/// The lower case of `c`: one char, or two for U+0130 (as `char::to_lowercase`).
pub(crate) fn lower_char(c: char) -> Lower {
    let one = |c: char| Lower([c, '\0'], 1);
    if c.is_ascii() {
        return one(c.to_ascii_lowercase());
    }
    if c == '\u{130}' {
        return Lower(['i', '\u{307}'], 2);
    }
    let c32 = c as u32;
    // The last run starting at or before `c`.
    let i = LOWER_RUNS.partition_point(|r| r.0 <= c32);
    let Some(&(first, count_step, offset)) = i.checked_sub(1).and_then(|i| LOWER_RUNS.get(i))
    else {
        return one(c);
    };
    let step = u32::from(count_step & 1) + 1;
    let count = u32::from(count_step >> 1);
    let k = c32 - first;
    if k % step == 0 && k / step < count {
        if let Some(l) = char::from_u32(c32.wrapping_add_signed(offset)) {
            return one(l);
        }
    }
    one(c)
}

/// The chars of a lower case (see [`lower_char`]).
#[derive(Clone)]
pub(crate) struct Lower([char; 2], u8);

impl Iterator for Lower {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if self.1 == 0 {
            return None;
        }
        let c = self.0[0];
        self.0[0] = self.0[1];
        self.1 -= 1;
        Some(c)
    }
}

/// `s` lower-cased (as `str::to_lowercase`, a capital sigma that ends a word included).
pub(crate) fn lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
        return out;
    }
    // Runs of ASCII are copied whole, then lower-cased in place.
    let mut ascii = 0;
    let push_ascii = |out: &mut String, run: &str| {
        let start = out.len();
        out.push_str(run);
        if let Some(tail) = out.get_mut(start..) {
            tail.make_ascii_lowercase();
        }
    };
    for (i, c) in s.char_indices() {
        if c.is_ascii() {
            continue;
        }
        push_ascii(&mut out, &s[ascii..i]);
        ascii = i + c.len_utf8();
        if c == 'Σ' {
            // Final sigma (Unicode's Final_Sigma, as std reads it): after a cased char and not
            // before one, case-ignorable chars skipped on both sides.
            let after = &s[i + c.len_utf8()..];
            let fin =
                ignorable_then_cased(s[..i].chars().rev()) && !ignorable_then_cased(after.chars());
            out.push(if fin { 'ς' } else { 'σ' });
        } else {
            out.extend(lower_char(c));
        }
    }
    push_ascii(&mut out, &s[ascii..]);
    out
}

/// Whether the first char of `chars` that is not case-ignorable is cased.
fn ignorable_then_cased(mut chars: impl Iterator<Item = char>) -> bool {
    chars
        .find(|&c| !in_set(&CASE_IGNORABLE, c))
        .is_some_and(|c| in_set(&CASED, c))
}

/// Whether `c` is in a set given by its boundaries (see `build.rs`).
fn in_set(bounds: &[u8], c: char) -> bool {
    let c = c as u32;
    let (mut at, mut inside, mut i) = (0u32, false, 0);
    while let Some(&d) = bounds.get(i) {
        let d = if d == 0 {
            let b = bounds.get(i + 1..i + 4).unwrap_or(&[0, 0, 0]);
            i += 4;
            u32::from_le_bytes([b[0], b[1], b[2], 0])
        } else {
            i += 1;
            u32::from(d)
        };
        at += d;
        if c < at {
            return inside;
        }
        inside = !inside;
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_char_lower_cases_as_std_does() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert!(
                lower_char(c).eq(c.to_lowercase()),
                "{c:?} ({:#x})",
                c as u32
            );
        }
    }

    #[test]
    fn a_capital_sigma_next_to_any_char_lower_cases_as_std_does() {
        // Every char of the planes that hold cased or case-ignorable chars (the first two, and
        // the tags and variation selectors of plane 14), and every seventh char of the rest.
        let dense = |c: u32| c < 0x20000 || (0xE0000..0xE1000).contains(&c);
        let chars = (0..=0x10FFFF)
            .filter(|&c| dense(c) || c % 7 == 0)
            .filter_map(char::from_u32);
        for c in chars {
            for s in [
                format!("AΣ{c}"),
                format!("AΣ{c}A"),
                format!("{c}Σ"),
                format!("A{c}Σ"),
            ] {
                assert_eq!(lower(&s), s.to_lowercase(), "{s:?}");
            }
        }
    }

    #[test]
    fn words_and_sentences_lower_case_as_std_does() {
        for s in [
            "",
            "Ana Ruiz SAID",
            "ΟΔΥΣΣΕΥΣ",
            "ΌΣΟΣ Σ",
            "Σ",
            "aΣ",
            "ΑΣ'Σ",
            "İstanbul ÉLYSÉE Ǆemal ᾈ",
            "Straße ＡＢＣ 𐐀𐐁",
        ] {
            assert_eq!(lower(s), s.to_lowercase(), "{s:?}");
        }
    }
}
