//! Compacts the lexicon files before they are compiled into the crate (the browser downloads
//! every byte of them).
//!
//! - Every file of `src/lexicon/` is copied to `$OUT_DIR/lexicon/` with its comment lines
//!   emptied: the loader skips blank lines, and an error still names the line of the source
//!   file.
//! - `src/learned/model.bin` is written sparse, as `model.sparse`: its 18-byte header, a bit
//!   per weight of the table (set: not zero), the weights that are not zero. Half the weights
//!   are zero, and gzip cannot see it in the table: this form is 4 KB smaller gzipped.
//!   `Model::builtin` rebuilds the file's bytes from it. The rest of the file (the cue words)
//!   goes to `model.words`, which the crate includes as text: checked UTF-8 here (the build
//!   stops if it is not) and by the compiler, so that the browser build needs no UTF-8 check.
//! - `first_names.tsv` (8,600 names, the largest lexicon) is also written front-coded, as
//!   `first_names.fc`: three lists, male, unknown and female names, each sorted, each ended by
//!   `\n`. A name is a byte `'0' + n` (n = the number of bytes to drop from the end of the name
//!   before it) and the bytes that follow it; no name holds a byte of `'0'..='?'` nor `\n`, so
//!   the next such byte starts the next name. Grouped by gender, with no gender byte after each
//!   name, it gzips 1.1 KB smaller than one list. `lexicon::first_names` decodes it. Lines this
//!   cannot read are left out here; the lexicon's tests read the TSV itself, strictly, and
//!   check that the two agree.
//! - `case.rs`: the tables of `crate::case` (lower case as std makes it, without std's table of
//!   1,462 pairs): the chars whose lower case is another single char, as runs (first char,
//!   count, step 1 or 2, offset to the lower case), and the `Case_Ignorable` and `Cased`
//!   properties that `str::to_lowercase` reads for a capital sigma, as boundaries. All are
//!   derived from the std this build script runs on (the same toolchain as the crate): the
//!   properties by what `str::to_lowercase` makes of a sigma next to each char. The only char
//!   that lower-cases to several is U+0130 (İ → i̇), which `crate::case` knows; another stops
//!   the build.
//! - Every lexicon as the crate reads it at run time, in `lexicon/compiled/` (see `compile`): read,
//!   lower-cased, split by its marks and merged as the strict loader of `src/lexicon/mod.rs`
//!   does it, so that the browser does none of it at start-up.
//! - The style sheets of the DOM binding (`src/dom/page.css`, `src/dom/panel.css`) are written
//!   minified: comments out, white space only where CSS needs it (0.8 KB gzipped).

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
    let (sparse, words) = sparse_model(&model);
    fs::write(Path::new(&out_dir).join("model.sparse"), sparse).expect("write model.sparse");
    let words =
        String::from_utf8(words).expect("src/learned/model.bin: the cue words are not UTF-8");
    fs::write(Path::new(&out_dir).join("model.words"), words).expect("write model.words");
    fs::write(Path::new(&out_dir).join("case.rs"), case_tables()).expect("write case.rs");
    for css in ["page.css", "panel.css"] {
        let path = Path::new("src/dom").join(css);
        println!("cargo::rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).expect("read a style sheet of src/dom");
        fs::write(Path::new(&out_dir).join(css), minify_css(&text)).expect("write a style sheet");
    }
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
    compile::compile(src, &out);
}

/// The model file in sparse form, and its cue words (see the module comment). A file too short
/// for its table is copied as it is (the loader reports it), with no words.
fn sparse_model(file: &[u8]) -> (Vec<u8>, Vec<u8>) {
    const HEADER: usize = 18;
    let Some(&bits) = file.get(4) else {
        return (file.to_vec(), Vec::new());
    };
    let n = 1usize.checked_shl(u32::from(bits)).unwrap_or(usize::MAX);
    if bits > 24 || file.len() < HEADER + n {
        return (file.to_vec(), Vec::new());
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
    (out, file[HEADER + n..].to_vec())
}

/// `crate::case`'s tables as Rust source (see the module comment).
fn case_tables() -> String {
    let chars = (0..=0x10FFFFu32).filter_map(char::from_u32);
    // Runs of chars, each `step` after the one before, lower-cased by the same offset.
    let mut runs: Vec<(u32, u32, u32, i32)> = Vec::new(); // first, count, step, offset
    for c in chars.clone().filter(|c| !c.is_ascii()) {
        let mut l = c.to_lowercase();
        let (Some(first), rest) = (l.next(), l.next()) else {
            continue;
        };
        if rest.is_some() {
            assert_eq!(
                c, '\u{130}',
                "a char other than U+0130 lower-cases to several"
            );
            continue;
        }
        if first == c {
            continue;
        }
        let (c, offset) = (c as u32, first as i32 - c as i32);
        if let Some(r) = runs.last_mut() {
            let next = r.0 + r.1 * r.2;
            if r.3 == offset && (c == next || (r.1 == 1 && c == r.0 + 2)) {
                if r.1 == 1 {
                    r.2 = c - r.0;
                }
                r.1 += 1;
                continue;
            }
        }
        runs.push((c, 1, 1, offset));
    }
    // What `str::to_lowercase` makes of the sigma in "AΣ{c}" and "AΣ{c}A": σ when the char
    // after it is cased, once case-ignorable chars are skipped.
    let sigma_before = |c: char, after: &str| {
        format!("A\u{3a3}{c}{after}").to_lowercase().chars().nth(1) == Some('\u{3c3}')
    };
    let mut ignorable = Vec::new();
    let mut cased = Vec::new();
    for c in chars {
        let p1 = sigma_before(c, ""); // not ignorable, and cased
        let p2 = sigma_before(c, "A"); // ignorable, or cased
        ignorable.push(!p1 && p2);
        cased.push(p1);
    }
    let mut out = String::from("// Generated by build.rs from std's lower case; see there.\n");
    out.push_str("/// (first char, count << 1 | (step - 1), offset to the lower case)\n");
    out.push_str(&format!(
        "static LOWER_RUNS: [(u32, u16, i32); {}] = [\n",
        runs.len()
    ));
    for (first, count, step, offset) in &runs {
        assert!(*count < 1 << 15 && (1..=2).contains(step));
        out.push_str(&format!(
            "    ({first:#x}, {}, {offset}),\n",
            count << 1 | (step - 1)
        ));
    }
    out.push_str("];\n");
    let chars: Vec<u32> = (0..=0x10FFFFu32)
        .filter(|&c| char::from_u32(c).is_some())
        .collect();
    for (name, set) in [("CASE_IGNORABLE", &ignorable), ("CASED", &cased)] {
        // Where the set starts and stops, as deltas from the boundary before: a byte, or 0
        // and three bytes (little-endian) for a delta over 255.
        let mut bytes = Vec::new();
        let mut inside = false;
        let mut last = 0u32;
        for (&c, &is) in chars.iter().zip(set.iter()) {
            if is != inside {
                let d = c - last;
                if (1..=255).contains(&d) {
                    bytes.push(d as u8);
                } else {
                    bytes.push(0);
                    bytes.extend_from_slice(&d.to_le_bytes()[..3]);
                }
                last = c;
                inside = is;
            }
        }
        out.push_str(&format!(
            "/// The boundaries of `{name}` (see build.rs).\nstatic {name}: [u8; {}] = {:?};\n",
            bytes.len(),
            bytes
        ));
    }
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
        if !matches!(gender, "m" | "u" | "f") {
            continue;
        }
        // A byte of '0'..='?' would read as the start of the next name.
        if name.is_empty()
            || name.contains(char::is_whitespace)
            || name.len() > 64
            || name.bytes().any(|b| (b'0'..=b'?').contains(&b))
        {
            continue;
        }
        names.insert(name, gender);
    }
    let mut out = String::new();
    for gender in ["m", "u", "f"] {
        let mut prev = "";
        for (&name, _) in names.iter().filter(|(_, &g)| g == gender) {
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
            let drop = prev.len() - shared;
            assert!(
                drop <= 15,
                "first_names.tsv: {name} drops {drop} bytes of {prev}"
            );
            out.push(char::from(b'0' + drop as u8));
            out.push_str(&name[shared..]);
            prev = name;
        }
        out.push('\n');
    }
    out
}

/// A style sheet without its comments and with white space only where it may matter: none
/// after `{};:,>` nor before `{};,>!`, one space elsewhere; none before a `}` either (the `;`
/// before it goes too). Quoted strings are kept as they are.
fn minify_css(css: &str) -> String {
    let c: Vec<char> = css.chars().collect();
    let mut out = String::with_capacity(css.len());
    let mut quote = None;
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if let Some(q) = quote {
            out.push(ch);
            if ch == '\\' && i + 1 < c.len() {
                out.push(c[i + 1]);
                i += 1;
            } else if ch == q {
                quote = None;
            }
            i += 1;
        } else if ch == '"' || ch == '\'' {
            quote = Some(ch);
            out.push(ch);
            i += 1;
        } else if ch == '/' && c.get(i + 1) == Some(&'*') {
            i += 2;
            while i < c.len() && !(c[i] == '*' && c.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
        } else if ch.is_whitespace() {
            while i < c.len() && c[i].is_whitespace() {
                i += 1;
            }
            let before = out.chars().last();
            let after = c.get(i).copied();
            let comment = after == Some('/') && c.get(i + 1) == Some(&'*');
            if before.is_some_and(|b| !"{};:,>".contains(b))
                && after.is_some_and(|a| !"{};,>!".contains(a))
                && !comment
            {
                out.push(' ');
            }
        } else {
            if ch == '}' && out.ends_with(';') {
                out.pop();
            }
            out.push(ch);
            i += 1;
        }
    }
    out.trim().to_string()
}

/// The lexicons as the crate reads them at run time, in `$OUT_DIR/lexicon/compiled/` (see
/// `lexicon::compiled`): every list read, lower-cased, split by its marks and merged as the
/// strict loader of `src/lexicon/mod.rs` does it, here rather than at start-up in every page.
/// One entry a line, fields by tab; sets sorted, phrase lists in file order. A line in error
/// is left out, as the loader leaves it out; the loader's tests report it, and
/// `the_compiled_lexicon_is_the_loaded_one` checks that the two agree.
mod compile {
    use std::collections::{BTreeMap, BTreeSet};
    use std::fs;
    use std::path::Path;

    /// `Stance::verb` of each stance, in `lexicon::STANCES` order.
    const STANCES: &[&str] = &["asserts", "denies", "contradicts", "questions"];
    /// The frames, in `lexicon::FRAMES` order.
    const FRAMES: &[&str] = &[
        "say",
        "tell",
        "according",
        "putit",
        "add",
        "deny",
        "correct",
        "noun",
        "name",
        "quote",
    ];

    struct Files<'a>(&'a Path);

    impl Files<'_> {
        fn text(&self, name: &str) -> String {
            fs::read_to_string(self.0.join(name)).expect("lexicon files are UTF-8")
        }

        /// `Loader::lines`.
        fn lines(&self, name: &str) -> Vec<String> {
            self.text(name)
                .lines()
                .map(|l| l.trim_end().to_string())
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .collect()
        }

        /// `Loader::marked`.
        fn marked(&self, name: &str, marks: &str, required: bool) -> Vec<(Option<char>, String)> {
            let mut out = Vec::new();
            for line in self.lines(name) {
                let text = line.trim();
                let first = text.chars().next().unwrap_or(' ');
                let (mark, entry) = if marks.contains(first) {
                    (Some(first), &text[first.len_utf8()..])
                } else if required || first.is_ascii_punctuation() {
                    continue;
                } else {
                    (None, text)
                };
                if !entry.is_empty() {
                    out.push((mark, entry.to_string()));
                }
            }
            out
        }

        fn list(&self, name: &str) -> Vec<String> {
            self.marked(name, "", false)
                .into_iter()
                .map(|e| e.1)
                .collect()
        }

        fn lower_set(&self, name: &str) -> BTreeSet<String> {
            self.list(name).iter().map(|w| w.to_lowercase()).collect()
        }

        fn word_set(&self, name: &str) -> BTreeSet<String> {
            self.list(name).into_iter().collect()
        }

        /// `Loader::lower_set_and_marked`.
        fn lower_set_and_marked(
            &self,
            name: &str,
            mark: char,
        ) -> (BTreeSet<String>, BTreeSet<String>) {
            let (mut all, mut marked) = (BTreeSet::new(), BTreeSet::new());
            for (m, w) in self.marked(name, &mark.to_string(), false) {
                let w = w.to_lowercase();
                if m.is_some() {
                    marked.insert(w.clone());
                }
                all.insert(w);
            }
            (all, marked)
        }

        /// `Loader::table`.
        fn table(&self, name: &str, n: usize) -> Vec<Vec<String>> {
            self.lines(name)
                .iter()
                .map(|l| {
                    l.split('\t')
                        .map(|c| c.trim().to_string())
                        .collect::<Vec<_>>()
                })
                .filter(|cells| cells.len() == n && cells.iter().all(|c| !c.is_empty()))
                .collect()
        }

        /// `Loader::map` with the values `ok` accepts (the later of equal keys wins).
        fn map(&self, name: &str, ok: impl Fn(&str) -> bool) -> BTreeMap<String, String> {
            let mut out = BTreeMap::new();
            for row in self.table(name, 2) {
                if ok(&row[1]) {
                    out.insert(row[0].clone(), row[1].clone());
                }
            }
            out
        }
    }

    fn gender(g: &str) -> bool {
        matches!(g, "m" | "f" | "u")
    }

    fn any(_: &str) -> bool {
        true
    }

    /// Lines of `key\tvalue`.
    fn pairs<'a>(m: impl IntoIterator<Item = (&'a String, &'a String)>) -> Vec<String> {
        m.into_iter().map(|(k, v)| format!("{k}\t{v}")).collect()
    }

    pub fn compile(src: &Path, out: &Path) {
        let f = Files(src);
        let out = out.join("compiled");
        fs::create_dir_all(&out).expect("create $OUT_DIR/lexicon/compiled");
        let emit = |name: &str, lines: Vec<String>| {
            let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
            fs::write(out.join(name), text).expect("write a compiled lexicon");
        };
        let set = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>();

        // chrome.txt
        let (mut whole, mut prefix, mut contains) = (BTreeSet::new(), Vec::new(), Vec::new());
        for (kind, phrase) in f.marked("chrome.txt", "=^~", true) {
            let phrase = phrase.to_lowercase();
            match kind {
                Some('=') => {
                    whole.insert(phrase);
                }
                Some('^') => prefix.push(phrase),
                _ => contains.push(phrase),
            }
        }
        emit("chrome_exact", set(&whole));
        emit("chrome_prefix", prefix);
        emit("chrome_contains", contains);

        // Phrase lexicons, in file order (the first of equal phrases is reported).
        let titles: Vec<Vec<String>> = f
            .table("titles.tsv", 3)
            .into_iter()
            .filter(|r| gender(&r[2]))
            .collect();
        emit("titles", titles.iter().map(|r| r.join("\t")).collect());
        let cues: Vec<(String, usize, usize)> = f
            .table("speech_cues.tsv", 3)
            .into_iter()
            .filter_map(|r| {
                let s = STANCES.iter().position(|&s| s == r[1])?;
                let fr = FRAMES.iter().position(|&x| x == r[2])?;
                Some((r[0].clone(), s, fr))
            })
            .collect();
        emit(
            "cues",
            cues.iter()
                .map(|(c, s, fr)| format!("{c}\t{s}{fr}"))
                .collect(),
        );
        let organisations = f.table("organisations.tsv", 2);
        emit(
            "organisations",
            organisations.iter().map(|r| r.join("\t")).collect(),
        );
        emit("hedges", f.list("hedges.txt"));
        let verdicts: Vec<String> = f
            .table("verdicts.tsv", 2)
            .into_iter()
            .filter_map(|r| {
                let s = STANCES.iter().position(|&s| s == r[1])?;
                Some(format!("{}\t{s}", r[0]))
            })
            .collect();
        emit("verdicts", verdicts);
        // `is_claim_ref` asks one set: claim_refs.txt and the claim nouns.
        let mut claim_refs = f.lower_set("claim_refs.txt");
        claim_refs.extend(f.lower_set("claim_nouns.txt"));
        emit("claim_refs", set(&claim_refs));
        emit("contrast", f.list("contrast.txt"));

        // synonyms.txt and seats.tsv
        let mut synonyms = BTreeMap::new();
        let mut synonym_prefixes = Vec::new();
        for line in f.lines("synonyms.txt") {
            let Some(class) = line.split_whitespace().next() else {
                continue;
            };
            let class = class.trim_end_matches('*').to_string();
            for w in line.split_whitespace() {
                match w.strip_suffix('*') {
                    Some(p) => synonym_prefixes.push(format!("{p}\t{class}")),
                    None => {
                        synonyms.insert(w.to_string(), class.clone());
                    }
                }
            }
        }
        let classes: BTreeSet<String> = synonyms.values().cloned().collect();
        let mut seats = Vec::new();
        for r in f.table("seats.tsv", 2) {
            if !classes.contains(&r[1]) {
                continue;
            }
            let seat = r[0].to_lowercase();
            if seat.contains(char::is_whitespace) {
                seats.push(format!("{seat}\t{}", r[1]));
            } else {
                synonyms.insert(seat, r[1].clone());
            }
        }
        emit("synonyms", pairs(&synonyms));
        emit("synonym_prefixes", synonym_prefixes);
        emit("seats", seats);

        // Word lists and tables.
        let (aux, cue_words) = f.lower_set_and_marked("aux.txt", '+');
        let mut adjuncts: BTreeMap<String, String> = cue_words
            .iter()
            .map(|w| (w.clone(), "w".to_string()))
            .collect();
        for r in f.table("cue_adjuncts.tsv", 2) {
            let kind = match r[1].as_str() {
                "word" => "w",
                "opener" => "o",
                "clause" => "c",
                _ => continue,
            };
            adjuncts.insert(r[0].to_lowercase(), kind.to_string());
        }
        let kind = |m: &BTreeMap<String, String>, k: &str| -> Vec<String> {
            m.iter().filter(|e| e.1 == k).map(|e| e.0.clone()).collect()
        };
        emit("cue_adjunct_words", kind(&adjuncts, "w"));
        emit("cue_adjunct_openers", kind(&adjuncts, "o"));
        emit("cue_adjunct_clauses", kind(&adjuncts, "c"));
        let (appos, final_appos) = f.lower_set_and_marked("apposition_openers.txt", '+');
        emit("apposition_openers", set(&appos));
        emit("final_apposition_openers", set(&final_appos));
        let (anonymous, qualified) = f.lower_set_and_marked("anonymous.txt", '!');
        emit("anonymous", set(&anonymous));
        emit("qualified_anonymous", set(&qualified));
        let mut abbreviations = BTreeMap::new();
        for (mark, w) in f.marked("abbreviations.txt", "!", false) {
            abbreviations.insert(w, if mark.is_some() { "s" } else { "n" }.to_string());
        }
        emit("abbreviations", kind(&abbreviations, "n"));
        emit("abbreviations_before_starter", kind(&abbreviations, "s"));
        for (name, file) in [
            ("sentence_starters", "sentence_starters.txt"),
            ("broad_classes", "broad_classes.txt"),
            ("anonymous_qualifiers", "anonymous_qualifiers.txt"),
            ("name_particles", "name_particles.txt"),
            ("name_suffixes", "name_suffixes.txt"),
            ("places", "places.txt"),
            ("non_person", "non_person_words.txt"),
        ] {
            emit(name, set(&f.word_set(file)));
        }
        for (name, file) in [
            ("number_words", "number_words.txt"),
            ("negations", "negations.txt"),
            ("np_openers", "np_openers.txt"),
            ("claim_nouns", "claim_nouns.txt"),
            ("claim_determiners", "claim_determiners.txt"),
            ("possessives", "possessives.txt"),
            ("stopwords", "stopwords.txt"),
        ] {
            emit(name, set(&f.lower_set(file)));
        }
        let org_heads = f.map("org_heads.tsv", any);
        emit("org_heads", pairs(&org_heads));

        // The lists that only the word index reads (`Lexicon::word_info`).
        for (name, file) in [
            ("modifiers", "modifiers.txt"),
            ("cue_blockers", "cue_blockers.txt"),
            ("groups", "groups.txt"),
            ("documents", "documents.txt"),
            ("prepositions", "prepositions.txt"),
            ("quantifiers", "quantifiers.txt"),
            ("determiners", "determiners.txt"),
        ] {
            emit(name, set(&f.lower_set(file)));
        }
        emit("aux", set(&aux));
        emit("honorifics", pairs(&f.map("honorifics.tsv", gender)));
        emit("nationalities", pairs(&f.map("nationalities.tsv", any)));
        let referent = |r: &str| matches!(r, "m" | "f" | "p" | "o" | "r");
        emit("pronouns", pairs(&f.map("pronouns.tsv", referent)));
    }
}
