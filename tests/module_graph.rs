//! The module order in `src/lib.rs` is the import order: each module refers only to modules
//! declared before it (`crate::x`, in `use` lines and inline paths alike; test modules aside),
//! so data flows one way and no two modules import each other. Inside `src/dom/`, the same holds
//! for its submodules (`super::x`) in the order `src/dom/mod.rs` declares them. Every file in
//! `src/` is a module declared in lib.rs, except files that a binary, test, example or bench
//! includes with `#[path = "…"]` (code of theirs kept beside the library, like
//! `src/eval_score.rs`), which are no part of the library.
//!
//! Run alone: `cargo test --test module_graph`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// A file's path as the repository writes it (`src/x.rs`).
fn shown(file: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    file.strip_prefix(root)
        .unwrap_or(file)
        .display()
        .to_string()
}

/// The code of a Rust file with comments, string and char literals blanked out (newlines kept),
/// so that only real paths remain.
fn code_only(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |out: &mut String, ch: char| out.push(if ch == '\n' { '\n' } else { ' ' });
    let mut i = 0;
    while i < c.len() {
        let ident_before = i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_');
        if c[i] == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, c[i]);
                    i += 1;
                }
            }
        } else if c[i] == 'r' && !ident_before && matches!(c.get(i + 1), Some('"' | '#')) {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while c.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            j += 1;
            while j < c.len() {
                if c[j] == '"' && (1..=hashes).all(|k| c.get(j + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                blank(&mut out, c[j]);
                j += 1;
            }
            i = j;
        } else if c[i] == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    i += 1;
                }
                blank(&mut out, c[i]);
                i += 1;
            }
            i += 1;
        } else if c[i] == '\'' && !ident_before {
            // A char literal ('x', '\n', '\u{201c}'), or a lifetime ('a) left as it is.
            if c.get(i + 1) == Some(&'\\') {
                i += 3;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if c.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                out.push(c[i]);
                i += 1;
            }
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// `code` without the items marked `#[cfg(test)]` (test modules, test-only helpers).
fn without_tests(code: &str) -> String {
    const MARK: &str = "#[cfg(test)]";
    let mut out = code.to_string();
    while let Some(at) = out.find(MARK) {
        let body = at + MARK.len();
        let stop = out[body..]
            .find(['{', ';'])
            .map(|k| body + k)
            .expect("an item after #[cfg(test)]");
        let mut end = stop + 1;
        if out[stop..].starts_with('{') {
            let mut depth = 0;
            for (k, ch) in out[stop..].char_indices() {
                match ch {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => continue,
                }
                if depth == 0 {
                    end = stop + k + 1;
                    break;
                }
            }
            assert!(depth == 0, "unbalanced braces after #[cfg(test)]");
        }
        out.replace_range(at..end, "");
    }
    out
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The first path segment after every `prefix` (`crate::`, `super::`) in `code`; a group
/// (`crate::{a, b::c}`) gives each of its members.
fn referenced(code: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices(prefix) {
        if at > 0 && code[..at].ends_with(|ch: char| ch.is_alphanumeric() || ch == '_') {
            continue;
        }
        let rest = code[at + prefix.len()..].trim_start();
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level members of the group, up to its closing brace.
            let mut depth = 0;
            let mut member_start = true;
            for (k, ch) in group.char_indices() {
                match ch {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => member_start = true,
                    ch if ch.is_whitespace() => {}
                    _ if member_start && depth == 0 => {
                        member_start = false;
                        out.push(ident_at(&group[k..]).to_string());
                    }
                    _ => {}
                }
            }
        } else {
            out.push(ident_at(rest).to_string());
        }
    }
    out.retain(|name| !name.is_empty() && name != "self");
    out
}

/// The `mod x;` declarations of a module file, in order (attributes and `pub` allowed).
fn declared_modules(code: &str) -> Vec<String> {
    code.lines()
        .map(str::trim)
        .filter_map(|l| {
            let l = l
                .strip_prefix("pub(crate) ")
                .or(l.strip_prefix("pub "))
                .unwrap_or(l);
            let name = l.strip_prefix("mod ")?.strip_suffix(';')?;
            Some(name.trim().to_string())
        })
        .collect()
}

/// Root re-exports (`pub use x::{A, B};`, `pub use x::A;`): item name → module.
fn reexports(code: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for stmt in code.split(';') {
        let Some(path) = stmt.trim().strip_prefix("pub use ") else {
            continue;
        };
        let (module, items) = path.split_once("::").expect("a module path");
        let items = items.trim().trim_start_matches('{').trim_end_matches('}');
        for item in items.split(',') {
            let item = item.trim();
            if !item.is_empty() {
                out.insert(item.to_string(), module.trim().to_string());
            }
        }
    }
    out
}

fn read_code(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    without_tests(&code_only(&text))
}

/// The `.rs` files of a module: `src/x.rs`, or `src/x/mod.rs` and the files beside it.
fn module_files(name: &str) -> Vec<PathBuf> {
    let file = src().join(format!("{name}.rs"));
    if file.exists() {
        return vec![file];
    }
    let dir = src().join(name);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("no module file for `{name}`: {e}"))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    assert!(
        files.iter().any(|p| p.ends_with("mod.rs")),
        "{}",
        dir.display()
    );
    files
}

/// The targets of the `#[path = "…"]` attributes in a Rust file's text, as written.
fn path_attributes(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|l| {
            let value = l.trim().strip_prefix("#[path")?.trim_start();
            let value = value.strip_prefix('=')?.trim_start().strip_prefix('"')?;
            Some(&value[..value.find('"')?])
        })
        .collect()
}

/// `path` with `..` and links resolved (as it is, if it does not exist).
fn real(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// The files that the crate's binaries, tests, examples and benches include with
/// `#[path = "…"]`, each resolved against the folder of the file that includes it (they are
/// all crate roots).
fn included_by_other_targets() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["src/bin", "tests", "examples", "benches"] {
        let Ok(entries) = fs::read_dir(root.join(dir)) else {
            continue;
        };
        for file in entries.flatten().map(|e| e.path()) {
            if file.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let text =
                fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", shown(&file)));
            let folder = file.parent().expect("a file's folder");
            out.extend(
                path_attributes(&text)
                    .into_iter()
                    .map(|t| real(&folder.join(t))),
            );
        }
    }
    out
}

/// Edges that go against `order`: (from, to) where `to` comes after `from`, or is unknown.
fn backward_edges(order: &[String], refs: &[(String, String, PathBuf)]) -> Vec<String> {
    let pos = |m: &str| order.iter().position(|o| o == m);
    let mut bad = Vec::new();
    for (from, to, file) in refs {
        let (Some(f), Some(t)) = (pos(from), pos(to)) else {
            bad.push(format!(
                "{} refers to `{to}`, which is no module declared in order",
                shown(file)
            ));
            continue;
        };
        if t > f {
            bad.push(format!(
                "`{from}` refers to `{to}`, which comes after it ({})",
                shown(file)
            ));
        }
    }
    bad.sort();
    bad.dedup();
    bad
}

#[test]
fn every_module_refers_only_to_modules_declared_before_it() {
    let root = read_code(&src().join("lib.rs"));
    let order = declared_modules(&root);
    let items = reexports(&root);
    assert!(order.len() > 5, "lib.rs declares its modules: {order:?}");
    // Every source file belongs to a declared module (so none escapes this check), unless
    // another target includes it with `#[path]`: then it is that target's code, not the
    // library's.
    let included = included_by_other_targets();
    for entry in fs::read_dir(src()).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let stem = name.strip_suffix(".rs").unwrap_or(&name).to_string();
        let is_module = entry.path().is_dir() && entry.path().join("mod.rs").exists();
        if (name.ends_with(".rs") && name != "lib.rs") || is_module {
            assert!(
                order.contains(&stem) || included.contains(&real(&entry.path())),
                "src/{name} is not declared in lib.rs (nor included with #[path = \"…\"] by a \
                 binary, test, example or bench)"
            );
        }
    }
    let mut refs = Vec::new();
    for module in &order {
        for file in module_files(module) {
            for name in referenced(&read_code(&file), "crate::") {
                let to = if order.contains(&name) {
                    name
                } else {
                    items.get(&name).cloned().unwrap_or(name)
                };
                if &to != module {
                    refs.push((module.clone(), to, file.clone()));
                }
            }
        }
    }
    let bad = backward_edges(&order, &refs);
    assert!(
        bad.is_empty(),
        "the module order in src/lib.rs is {order:?}; against it:\n  {}",
        bad.join("\n  ")
    );
}

#[test]
fn dom_submodules_refer_only_to_those_declared_before_them() {
    let dir = src().join("dom");
    let order = declared_modules(&read_code(&dir.join("mod.rs")));
    let mut refs = Vec::new();
    for module in &order {
        let file = dir.join(format!("{module}.rs"));
        for to in referenced(&read_code(&file), "super::") {
            if &to != module {
                refs.push((module.clone(), to, file.clone()));
            }
        }
    }
    let bad = backward_edges(&order, &refs);
    assert!(
        bad.is_empty(),
        "src/dom/mod.rs declares {order:?}; against it:\n  {}",
        bad.join("\n  ")
    );
}

#[test]
fn a_path_attribute_names_the_file_it_includes() {
    let text = "//! #[path = \"in_a_comment.rs\"]\n#[path = \"../score.rs\"]\nmod score;\n\
                \x20   #[path=\"inner/x.rs\"] mod x;\n#[cfg(test)]\nmod tests;\n";
    assert_eq!(path_attributes(text), vec!["../score.rs", "inner/x.rs"]);
}

#[test]
fn the_reader_sees_paths_not_comments_or_strings() {
    let code = code_only(
        "use crate::{a, b::{C, D}, self};\n// crate::comment\nlet s = \"crate::string\"; \
         let c = '\"'; let r = r#\"crate::raw\"#; fn f<'x>() { crate::e::f() }\n\
         #[cfg(test)]\nmod tests { use crate::tested; }\n",
    );
    let code = without_tests(&code);
    assert_eq!(referenced(&code, "crate::"), vec!["a", "b", "e"]);
}
