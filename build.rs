//! Compacts the lexicon files before they are compiled into the crate (the browser downloads
//! every byte of them).
//!
//! - Every file of `src/lexicon/` is copied to `$OUT_DIR/lexicon/` with its comment lines
//!   emptied: the loader skips blank lines, and an error still names the line of the source
//!   file.
//! - `src/learned/model.bin` is written sparse, as `model.sparse`: its 18-byte header, a bit
//!   per weight of the table (set: not zero), the weights that are not zero, then the rest of
//!   the file (the cue words). Half the weights are zero, and gzip cannot see it in the table:
//!   this form is 4 KB smaller gzipped. `Model::builtin` rebuilds the file's bytes from it.
//! - `first_names.tsv` (8,600 names, the largest lexicon) is also written front-coded, sorted,
//!   as `first_names.fc`: each name is a byte `'0' + n` (n = the length of the prefix it shares
//!   with the name before it), the rest of the name, and a byte for its gender that ends it
//!   (`\n` male, `\t` female, `' '` unknown). `lexicon::first_names` decodes it. Lines this
//!   cannot read are left out here; the lexicon's tests read the TSV itself, strictly, and
//!   check that the two agree.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

fn main() {
    let src = Path::new("src/lexicon");
    let out_dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out_dir).join("lexicon");
    fs::create_dir_all(&out).expect("create $OUT_DIR/lexicon");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed={}", src.display());
    let model = Path::new("src/learned/model.bin");
    println!("cargo::rerun-if-changed={}", model.display());
    let model = fs::read(model).expect("read src/learned/model.bin");
    fs::write(
        Path::new(&out_dir).join("model.sparse"),
        sparse_model(&model),
    )
    .expect("write model.sparse");
    for entry in fs::read_dir(src).expect("read src/lexicon") {
        let path = entry.expect("read src/lexicon").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if !(name.ends_with(".txt") || name.ends_with(".tsv")) {
            continue;
        }
        println!("cargo::rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).expect("lexicon files are UTF-8");
        fs::write(out.join(&name), strip_comments(&text)).expect("write a lexicon file");
        if name == "first_names.tsv" {
            fs::write(out.join("first_names.fc"), front_code(&text)).expect("write first_names.fc");
        }
    }
}

/// The model file in sparse form (see the module comment). A file too short for its table is
/// copied as it is (the loader reports it).
fn sparse_model(file: &[u8]) -> Vec<u8> {
    const HEADER: usize = 18;
    let Some(&bits) = file.get(4) else {
        return file.to_vec();
    };
    let n = 1usize.checked_shl(u32::from(bits)).unwrap_or(usize::MAX);
    if bits > 24 || file.len() < HEADER + n {
        return file.to_vec();
    }
    let table = &file[HEADER..HEADER + n];
    let mut out = file[..HEADER].to_vec();
    let mut present = vec![0u8; n.div_ceil(8)];
    for (i, &w) in table.iter().enumerate() {
        if w != 0 {
            present[i / 8] |= 1 << (i % 8);
        }
    }
    out.extend_from_slice(&present);
    out.extend(table.iter().filter(|&&w| w != 0));
    out.extend_from_slice(&file[HEADER + n..]);
    out
}

/// The text with each comment line emptied (its line break kept).
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if line.starts_with('#') {
            if line.ends_with('\n') {
                out.push('\n');
            }
        } else {
            out.push_str(line);
        }
    }
    out
}

/// `first_names.tsv` front-coded (see the module comment). The later of two equal names wins,
/// as in the loader.
fn front_code(tsv: &str) -> String {
    let mut names = BTreeMap::new();
    for line in tsv.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        let [name, gender] = cells[..] else { continue };
        let end = match gender {
            "m" => '\n',
            "f" => '\t',
            "u" => ' ',
            _ => continue,
        };
        if name.is_empty() || name.contains(char::is_whitespace) || name.len() > 64 {
            continue;
        }
        names.insert(name, end);
    }
    let mut out = String::new();
    let mut prev = "";
    for (name, end) in names {
        let shared = name
            .bytes()
            .zip(prev.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        // Never split a character.
        let shared = (0..=shared)
            .rev()
            .find(|&k| name.is_char_boundary(k))
            .unwrap_or(0);
        out.push(char::from(b'0' + shared as u8));
        out.push_str(&name[shared..]);
        out.push(end);
        prev = name;
    }
    out
}
