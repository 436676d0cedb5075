//! The shape of the code, checked: no import cycle between sibling modules,
//! no source file too long to read in one sitting, and the README's map of
//! the code matching the tree.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const LONGEST_FILE: usize = 450;

/// A module's path from the crate root, e.g. `["pages", "charts"]`.
type ModPath = Vec<String>;

struct SourceFile {
    module: ModPath,
    text: String,
}

fn source_files() -> Vec<SourceFile> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&root) {
        let entry = entry.expect("src/ can be walked");
        let path = entry.path();
        if path.extension().is_some_and(|ext| ext == "rs") {
            let text = fs::read_to_string(path).expect("source is UTF-8");
            files.push(SourceFile {
                module: module_of(path.strip_prefix(&root).expect("under src/")),
                text,
            });
        }
    }
    files
}

fn module_of(relative: &Path) -> ModPath {
    let mut parts: ModPath = relative
        .iter()
        .map(|part| part.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().expect("a file name");
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") {
        parts.push(stem.to_string());
    }
    parts
}

/// The text a build compiles, without `#[cfg(test)]` items: tests may reach
/// anywhere, the code they test may not.
fn without_test_items(text: &str) -> String {
    let mut kept = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]" {
            skip_item(&mut lines);
            continue;
        }
        kept.push_str(line);
        kept.push('\n');
    }
    kept
}

/// Skips one item: a single line ending in `;`, or a braced block.
fn skip_item<'a>(lines: &mut impl Iterator<Item = &'a str>) {
    let mut depth = 0i32;
    for line in lines {
        depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
        if depth <= 0 && (line.trim_end().ends_with(';') || line.trim_end().ends_with('}')) {
            return;
        }
    }
}

/// Files declared as `#[cfg(test)] mod name;` are test code throughout.
fn test_only_modules(files: &[SourceFile]) -> BTreeSet<ModPath> {
    let mut modules = BTreeSet::new();
    for file in files {
        let mut after_cfg_test = false;
        for line in file.text.lines().map(str::trim) {
            if let Some(name) = line
                .strip_prefix("mod ")
                .and_then(|rest| rest.strip_suffix(';'))
                .filter(|_| after_cfg_test)
            {
                let mut module = file.module.clone();
                module.push(name.to_string());
                modules.insert(module);
            }
            after_cfg_test = line == "#[cfg(test)]";
        }
    }
    modules
}

/// Every path the text names from the crate root (`crate::a::b`, including
/// each path inside `use crate::{a, b::{c, d}}`), or relative to its parent
/// (`super::x`).
fn referenced_paths(module: &ModPath, text: &str) -> Vec<ModPath> {
    let mut paths = Vec::new();
    for (anchor, base) in [("crate::", Vec::new()), ("super::", parent_of(module))] {
        let mut rest = text;
        while let Some(at) = rest.find(anchor) {
            let preceded_by_ident = rest[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
            rest = &rest[at + anchor.len()..];
            if !preceded_by_ident {
                expand_tree(rest, base.clone(), &mut paths);
            }
        }
    }
    paths
}

/// `super` in `a/b.rs` and in `a/b/mod.rs` (both module `a::b`) is `a`.
fn parent_of(module: &ModPath) -> ModPath {
    let mut parent = module.clone();
    parent.pop();
    parent
}

/// Reads a use-tree at the start of `text`, adding each complete path;
/// returns how many bytes it read.
fn expand_tree(text: &str, prefix: ModPath, out: &mut Vec<ModPath>) -> usize {
    let mut path = prefix;
    let mut i = 0;
    let bytes = text.as_bytes();
    loop {
        if text[i..].starts_with('{') {
            return i + expand_group(&text[i + 1..], &path, out) + 1;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
            i += 1;
        }
        if i > start {
            path.push(text[start..i].to_string());
        }
        if text[i..].starts_with("::") {
            i += 2;
            continue;
        }
        out.push(path);
        return i.max(1);
    }
}

/// Reads the inside of `{a, b::c}` up to and including its `}`.
fn expand_group(text: &str, prefix: &ModPath, out: &mut Vec<ModPath>) -> usize {
    let mut i = 0;
    loop {
        while text[i..].starts_with(|c: char| c.is_whitespace() || c == ',') {
            i += 1;
        }
        if text[i..].is_empty() || text[i..].starts_with('}') {
            return (i + 1).min(text.len());
        }
        i += expand_tree(&text[i..], prefix.clone(), out);
    }
}

/// The sibling-level dependency graph: for each parent module, an edge from
/// child A to child B when anything inside A names anything inside B.
fn sibling_edges(files: &[SourceFile]) -> BTreeMap<ModPath, BTreeSet<(String, String)>> {
    let modules: BTreeSet<ModPath> = files.iter().map(|file| file.module.clone()).collect();
    let test_only = test_only_modules(files);
    let mut edges: BTreeMap<ModPath, BTreeSet<(String, String)>> = BTreeMap::new();
    for file in files {
        if test_only.iter().any(|test| file.module.starts_with(test)) {
            continue;
        }
        let text = without_test_items(&file.text);
        for target in referenced_paths(&file.module, &text) {
            let Some(target) = longest_module(&modules, &target) else {
                continue;
            };
            let common = common_prefix(&file.module, &target);
            if common.len() < file.module.len() && common.len() < target.len() {
                edges.entry(common.clone()).or_default().insert((
                    file.module[common.len()].clone(),
                    target[common.len()].clone(),
                ));
            }
        }
    }
    edges
}

fn longest_module(modules: &BTreeSet<ModPath>, path: &ModPath) -> Option<ModPath> {
    (1..=path.len())
        .rev()
        .map(|len| path[..len].to_vec())
        .find(|candidate| modules.contains(candidate))
}

fn common_prefix(a: &ModPath, b: &ModPath) -> ModPath {
    a.iter()
        .zip(b)
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.clone())
        .collect()
}

/// Every group of modules that reach each other (each strongly connected
/// component with more than one module), sorted.
fn cycles(edges: &BTreeSet<(String, String)>) -> Vec<BTreeSet<String>> {
    let nodes: BTreeSet<&String> = edges.iter().flat_map(|(a, b)| [a, b]).collect();
    let reach = |start: &String| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![start.clone()];
        while let Some(node) = todo.pop() {
            for (_, next) in edges.iter().filter(|(from, _)| *from == node) {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reachable: BTreeMap<&String, BTreeSet<String>> =
        nodes.iter().map(|node| (*node, reach(node))).collect();
    let mut groups = BTreeSet::new();
    for node in &nodes {
        let group: BTreeSet<String> = nodes
            .iter()
            .filter(|other| reachable[*node].contains(**other) && reachable[*other].contains(*node))
            .map(|other| other.to_string())
            .collect();
        if group.len() > 1 {
            groups.insert(group);
        }
    }
    groups.into_iter().collect()
}

#[test]
fn no_import_cycle_between_sibling_modules() {
    let files = source_files();
    let cycles: Vec<String> = sibling_edges(&files)
        .iter()
        .filter_map(|(parent, edges)| {
            let place = if parent.is_empty() {
                "crate".to_string()
            } else {
                parent.join("::")
            };
            let found: Vec<String> = cycles(edges)
                .iter()
                .map(|group| {
                    let names: Vec<&str> = group.iter().map(String::as_str).collect();
                    let why: Vec<String> = edges
                        .iter()
                        .filter(|(a, b)| group.contains(a) && group.contains(b))
                        .map(|(a, b)| format!("{a} → {b}"))
                        .collect();
                    format!("in {place}: {} ({})", names.join(", "), why.join("; "))
                })
                .collect();
            (!found.is_empty()).then(|| found.join("\n"))
        })
        .collect();
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_cycle_finder_sees_a_cycle_through_a_use_group() {
    let files = vec![
        SourceFile {
            module: vec!["a".into()],
            text: "use crate::{b::Thing, c};\n".into(),
        },
        SourceFile {
            module: vec!["b".into()],
            text: "pub struct Thing;\nfn f() { crate::a::g() }\n".into(),
        },
        SourceFile {
            module: vec!["c".into()],
            text: "#[cfg(test)]\nmod tests {\n    use crate::a;\n}\n".into(),
        },
    ];
    let edges = &sibling_edges(&files)[&Vec::new()];
    assert!(edges.contains(&("a".into(), "c".into())));
    assert!(
        !edges.contains(&("c".into(), "a".into())),
        "test code is not counted"
    );
    assert_eq!(
        cycles(edges),
        vec![BTreeSet::from(["a".to_string(), "b".to_string()])]
    );
}

#[test]
fn the_cycle_finder_resolves_super_to_the_parent() {
    let files = vec![
        SourceFile {
            module: vec!["p".into()],
            text: "mod x;\nmod y;\n".into(),
        },
        SourceFile {
            module: vec!["p".into(), "x".into()],
            text: "use super::y::Y;\n".into(),
        },
        SourceFile {
            module: vec!["p".into(), "y".into()],
            text: "use super::{x::X};\n".into(),
        },
    ];
    let edges = &sibling_edges(&files)[&vec!["p".to_string()]];
    assert_eq!(cycles(edges).len(), 1, "{edges:?}");
}

#[test]
fn no_source_file_is_over_the_limit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let long: Vec<String> = walkdir::WalkDir::new(root.join("src"))
        .into_iter()
        .map(|entry| entry.expect("src/ can be walked").into_path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .filter_map(|path| {
            let lines = fs::read_to_string(&path).ok()?.lines().count();
            (lines > LONGEST_FILE).then(|| {
                format!(
                    "{} ({lines} lines)",
                    path.strip_prefix(root).unwrap().display()
                )
            })
        })
        .collect();
    assert!(
        long.is_empty(),
        "over {LONGEST_FILE} lines: split by what each part reads or shows:\n{}",
        long.join("\n")
    );
}

/// The README's table of modules names every file and folder directly under
/// `src/` (other than lib.rs and main.rs), and names nothing that is gone.
#[test]
fn the_readme_map_of_the_code_matches_the_tree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).expect("README.md");
    let section = readme
        .split("## How the code is laid out")
        .nth(1)
        .expect("README has a 'How the code is laid out' section");
    let section = section.split("\n## ").next().unwrap_or(section);
    let named: BTreeSet<PathBuf> = section
        .lines()
        .filter(|line| line.starts_with("| `src/"))
        .flat_map(|line| {
            let first_cell = line.split('|').nth(1).unwrap_or("");
            first_cell
                .split('`')
                .filter(|part| part.starts_with("src/"))
                .map(|part| PathBuf::from(part.trim_end_matches('/')))
                .collect::<Vec<_>>()
        })
        .collect();
    let missing: Vec<&PathBuf> = named
        .iter()
        .filter(|path| !root.join(path).exists())
        .collect();
    assert!(
        missing.is_empty(),
        "README names what is not in the tree: {missing:?}"
    );
    let unnamed: Vec<PathBuf> = fs::read_dir(root.join("src"))
        .expect("src/")
        .map(|entry| PathBuf::from("src").join(entry.expect("entry").file_name()))
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            name != "lib.rs" && name != "main.rs" && !named.contains(path)
        })
        .filter(|path| {
            // A folder `x/` beside `x.rs` is that module's children.
            !(path.is_dir() && named.contains(&path.with_extension("rs")))
        })
        .collect();
    assert!(
        unnamed.is_empty(),
        "README's table does not name: {unnamed:?}"
    );
}

/// The README's table of `tests/it/` names every module of the integration
/// tests (other than `main.rs` and the shared `common.rs`), and nothing else.
#[test]
fn the_readme_names_every_integration_test_module() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).expect("README.md");
    let table = readme
        .split("| `tests/it/` |")
        .nth(1)
        .expect("README has a table of tests/it/");
    let named: BTreeSet<String> = table
        .lines()
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .flat_map(|line| {
            let first_cell = line.split('|').nth(1).unwrap_or("").to_string();
            first_cell
                .split('`')
                .filter(|part| part.ends_with(".rs"))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let modules: BTreeSet<String> = fs::read_dir(root.join("tests/it"))
        .expect("tests/it/")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".rs") && name != "main.rs" && name != "common.rs")
        .collect();
    assert_eq!(
        named, modules,
        "README's tests/it/ table against the folder"
    );
}
