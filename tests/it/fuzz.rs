//! Structure-aware fuzzing on stable Rust: the real fixtures and the example
//! site, damaged the ways people and tools damage files (bytes, lines,
//! numbers, names, indentation, YAML features, line endings), then loaded,
//! counted and rendered. Whatever the input, nothing may panic, and every
//! problem must name a file and a line and column inside it.
//!
//! In CI this runs a few thousand cases. To run for hours, use
//! `scripts/fuzz` (release mode), or set `PSEPHOS_FUZZ_CASES=N` (election
//! cases; sites get a tenth) or `PSEPHOS_FUZZ_SECONDS=S` (keep going until
//! then, collecting every finding). Minimal failing cases are saved by
//! proptest next to this file and replayed first on every run; their full
//! text is also written to `target/fuzz-findings/`.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::{
    Config, FailurePersistence, FileFailurePersistence, PersistedSeed, RngAlgorithm, TestCaseError,
    TestError, TestRng, TestRunner,
};

use psephos::build::{BuildError, Quiet, prepare};
use psephos::diagnostic::Diagnostic;
use psephos::link_check;
use psephos::load::{DataPath, Files, Refusal, check};
use psephos::report::{json, text};

// ---------------------------------------------------------------- corpus

/// Files by path relative to their election folder or site folder.
type FileSet = BTreeMap<String, Vec<u8>>;

/// Every election folder the project has: the valid, real and example
/// ones (which count), and the invalid fixtures.
fn election_seeds() -> (Vec<FileSet>, Vec<FileSet>) {
    let good = seeds_in(&[
        "tests/fixtures/valid",
        "tests/fixtures/real",
        "content/elections",
        "tests/fixtures/sites/area-totals/content/elections",
    ]);
    let bad = seeds_in(&["tests/fixtures/invalid"]);
    assert!(
        good.len() > 8 && bad.len() > 30,
        "the fixtures were not found"
    );
    (good, bad)
}

fn seeds_in(parents: &[&str]) -> Vec<FileSet> {
    let mut seeds = Vec::new();
    for parent in parents {
        for folder in sorted_dirs(&root().join(parent)) {
            if folder.join("election.yaml").is_file() {
                let mut files = FileSet::new();
                read_tree(&folder, &folder, &mut files);
                files.remove("expected.snap");
                seeds.push(files);
            }
        }
    }
    seeds
}

/// The example site's `content/`, as a site folder of its own.
fn example_site() -> FileSet {
    let mut files = FileSet::new();
    read_tree(&root(), &root().join("content"), &mut files);
    files
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sorted_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn read_tree(base: &Path, dir: &Path, out: &mut FileSet) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            read_tree(base, &path, out);
        } else {
            let relative = path.strip_prefix(base).unwrap().to_string_lossy();
            out.insert(relative.replace('\\', "/"), fs::read(&path).unwrap());
        }
    }
}

// ---------------------------------------------------------------- mutations

const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "-0",
    "+5",
    "4,120",
    "4120.0",
    "4120.5",
    "4 120",
    "1e400",
    "-1e400",
    "1e10",
    "0x1F",
    "0o17",
    "1_000",
    "007",
    ".inf",
    "-.inf",
    ".nan",
    "9999999999",
    "10000000000",
    "10000000001",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "340282366920938463463374607431768211456",
    "١٢",
    "１２",
];

/// Names, ids, keys and values that have broken programs before.
const WORDS: &[&str] = &[
    "",
    "''",
    "\"\"",
    "Zoë Ćwik-Øster",
    "محمد علي",
    "\u{202E}evil\u{202C}",
    "e\u{301}\u{301}\u{301}\u{301}",
    "\u{0}",
    "\"nul\\0here\"",
    "\"\\u0000\"",
    "\"tab\\there\"",
    "\"line\\nbreak\"",
    "🗳️👩🏽‍⚖️",
    "<script>alert(1)</script>",
    "a & b < c > d \" e ' f",
    "{{ x }}",
    "{% x %}",
    "{",
    "[",
    "]",
    "*",
    "&",
    "!",
    "|",
    ">",
    "- ",
    "? ",
    "%",
    "@",
    "`",
    "~",
    "null",
    "true",
    "yes",
    "no",
    "2017-05-04",
    "2024-02-29",
    "2023-02-29",
    "0000-00-00",
    "99999-01-01",
    "2017-13-01",
    "2017-5-4",
    "ann",
    "bob",
    "cat",
    "james-palmer",
    "first",
    "second",
    "ballots",
    "areas",
    "candidates",
    "parties",
    "declared",
    "winner",
    "totals",
    "lot",
    "tile",
    "x",
    "y",
    "id",
    "name",
    "party",
    "person",
    "colour",
    "source",
    "electorate",
    "rejected",
    "ballots_counted",
    "turnout_percent",
    "system",
    "title",
    "date",
    "elections",
    "people",
    "summary",
    "role",
    "base_url",
    "language",
    "first-past-the-post",
    "supplementary-vote",
    "\"#fff\"",
    "\"#0087dc\"",
    "\"#gggggg\"",
    "https://x.example/",
    "https://",
    "http://[::1",
    "javascript:alert(1)",
    "../../../../etc/hostname",
    "ballots/north.csv",
    "ballots/../ballots/north.csv",
    "C:\\x",
    ".",
    "..",
    "index",
    "static",
    "a--b",
    "-a",
    "A",
    "en-GB",
    "xx-toolongsubtag",
];

const BYTES: &[u8] = &[
    0, b'\t', b'\n', b'\r', b' ', b':', b'-', b'{', b'}', b'[', b']', b',', b'"', b'\'', b'&',
    b'*', b'!', b'#', b'|', b'>', b'?', b'%', b'0', b'9', b'a', b'\\', 0xC3, 0xA9, 0xE2, 0x80,
    0xAE, 0xFF,
];

const INDENTS: &[&str] = &["", " ", "\t", "\t  ", "   ", "        ", "  \t"];

/// Whole lines: YAML features, and the Markdown and CSV that the site files
/// and ballot files hold.
const SNIPPETS: &[&str] = &[
    "- &a {id: x, name: X}",
    "- *a",
    "<<: *a",
    "  <<: {id: z, name: Z}",
    "? [a, b]\n: c",
    "? {a: 1}\n: c",
    "x: !!binary aGVsbG8=",
    "!custom {x: 1}",
    "x: !!int 5",
    "x: !!float 1e400",
    "x: !!str 5",
    "---",
    "...",
    "%YAML 1.2",
    "%TAG ! tag:x,2000:",
    "x: |\n  multi\n  line",
    "x: >-\n  folded",
    "a: &b [*b]",
    "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
    "first: {ann: 1}",
    "second: {}",
    "ballots: []",
    "ballots: ballots/none.csv",
    "ballots: ../../../../etc/hostname",
    "lot: ann",
    "declared: {winner: x, totals: {}}",
    "tile: {x: -1, y: 99999999999}",
    "tile: {x: 4294967296, y: 0}",
    "tile: {x: 1000000, y: 1000000}",
    "turnout_percent: 1e308",
    "turnout_percent: -5",
    "turnout_percent: .nan",
    "electorate: 0",
    "rejected: 18446744073709551615",
    "ballots_counted: 0",
    "# Heading",
    "# Heading",
    "## <script>alert(1)</script>",
    "## é\u{301}",
    "#",
    "[x](javascript:alert(1))",
    "[y](../../elections/nowhere/)",
    "[z](#missing)",
    "[w](../people/nobody/index.html#x)",
    "[](<>)",
    "<a href=\"x\">raw</a>",
    "![img](data:text/html,x)",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "[^1]\n\n[^1]: note",
    "```\ncode\n```",
    "***",
    "    indented code",
    "> quote",
    "- [ ] task",
    "<!-- comment",
    "&amp; &#0; &#x110000;",
    "ann,bob,5",
    "ann,,0",
    "\"a\"\"b\",c,1",
    "x,y,z,w",
    ",,",
    "first,second,count",
    "ann,bob,10000000000",
    "ann,bob,-1",
    "\"unterminated",
];

#[derive(Debug, Clone)]
enum Mutation {
    FlipBit(Index, u8),
    InsertBytes(Index, Vec<u8>),
    DeleteBytes(Index, usize),
    DuplicateLine(Index, usize),
    DeleteLine(Index),
    SwapLines(Index, Index),
    Reindent(Index, &'static str),
    InsertLine(Index, &'static str),
    ReplaceNumber(Index, &'static str),
    ReplaceWord(Index, &'static str),
    ReplaceValue(Index, &'static str),
    LongValue(Index, char, usize),
    /// Wraps a value in `depth` flow lists or mappings.
    Nest(Index, usize, bool),
    AnchorAndAlias(Index, Index),
    LineEndings(u8),
    ByteOrderMark,
    Truncate(Index),
    /// Removes the `declared:` block, so that changed figures are counted
    /// and rendered rather than caught by the cross-check.
    DropDeclared,
}

/// Nesting stays well under the depth that overflows serde_yaml's stack;
/// deeper input is another task's pre-parse limit (src/yaml/).
const MAX_NESTING: usize = 40;

fn mutation() -> impl Strategy<Value = Mutation> {
    use Mutation::*;
    prop_oneof![
        2 => (any::<Index>(), 0u8..8).prop_map(|(at, bit)| FlipBit(at, bit)),
        2 => (any::<Index>(), prop::collection::vec(select(BYTES), 1..6))
            .prop_map(|(at, bytes)| InsertBytes(at, bytes)),
        2 => (any::<Index>(), 1usize..40).prop_map(|(at, len)| DeleteBytes(at, len)),
        1 => (any::<Index>(), 1usize..4).prop_map(|(at, n)| DuplicateLine(at, n)),
        1 => any::<Index>().prop_map(DeleteLine),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| SwapLines(a, b)),
        1 => (any::<Index>(), select(INDENTS)).prop_map(|(at, s)| Reindent(at, s)),
        2 => (any::<Index>(), select(SNIPPETS)).prop_map(|(at, s)| InsertLine(at, s)),
        4 => (any::<Index>(), select(NUMBERS)).prop_map(|(at, s)| ReplaceNumber(at, s)),
        3 => (any::<Index>(), select(WORDS)).prop_map(|(at, s)| ReplaceWord(at, s)),
        3 => (any::<Index>(), select(WORDS).prop_union(select(NUMBERS)))
            .prop_map(|(at, s)| ReplaceValue(at, s)),
        1 => (any::<Index>(), select(vec!['N', 'é', '字', '\u{301}', ' ', '\u{202E}']), 1usize..70_000)
            .prop_map(|(at, c, n)| LongValue(at, c, n)),
        1 => (any::<Index>(), 1..MAX_NESTING, any::<bool>()).prop_map(|(at, d, map)| Nest(at, d, map)),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| AnchorAndAlias(a, b)),
        1 => (0u8..3).prop_map(LineEndings),
        1 => Just(ByteOrderMark),
        1 => any::<Index>().prop_map(Truncate),
        3 => Just(DropDeclared),
    ]
}

/// The pieces of `text` each kind of mutation works on.
fn lines(text: &[u8]) -> Vec<Vec<u8>> {
    text.split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

/// Byte ranges of runs matching `part`.
fn runs(text: &[u8], part: impl Fn(u8) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &b) in text.iter().chain([&b'\n']).enumerate() {
        match (part(b), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Byte ranges of values: after `: `, up to the end of the value.
fn values(text: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in 0..text.len().saturating_sub(1) {
        if text[i] == b':' && text[i + 1] == b' ' {
            let start = i + 2;
            let len = text[start..]
                .iter()
                .position(|b| matches!(b, b',' | b'}' | b']' | b'\n' | b'\r' | b'#'))
                .unwrap_or(text.len() - start);
            out.push((start, start + len));
        }
    }
    out
}

fn replace_in(text: &mut Vec<u8>, ranges: &[(usize, usize)], at: &Index, with: &[u8]) {
    if ranges.is_empty() {
        return;
    }
    let (start, end) = ranges[at.index(ranges.len())];
    text.splice(start..end, with.iter().copied());
}

fn apply(mutation: &Mutation, text: &mut Vec<u8>) {
    use Mutation::*;
    let at = |i: &Index, len: usize| if len == 0 { 0 } else { i.index(len + 1) };
    let word = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'#' | b'/');
    match mutation {
        FlipBit(i, bit) if !text.is_empty() => {
            let i = i.index(text.len());
            text[i] ^= 1 << bit;
        }
        InsertBytes(i, bytes) => {
            let i = at(i, text.len());
            text.splice(i..i, bytes.iter().copied());
        }
        DeleteBytes(i, len) => {
            let i = at(i, text.len());
            text.drain(i..(i + len).min(text.len()));
        }
        Truncate(i) => text.truncate(at(i, text.len())),
        DuplicateLine(..) | DeleteLine(..) | SwapLines(..) | Reindent(..) | InsertLine(..) => {
            let mut all = lines(text);
            edit_lines(mutation, &mut all);
            *text = all.concat();
        }
        ReplaceNumber(i, with) => replace_in(
            text,
            &runs(text, |b| b.is_ascii_digit()),
            i,
            with.as_bytes(),
        ),
        ReplaceWord(i, with) => replace_in(text, &runs(text, word), i, with.as_bytes()),
        ReplaceValue(i, with) => replace_in(text, &values(text), i, with.as_bytes()),
        LongValue(i, c, n) => {
            let long: String = std::iter::repeat_n(*c, *n).collect();
            replace_in(text, &values(text), i, long.as_bytes());
        }
        Nest(i, depth, map) => {
            let ranges = values(text);
            if let Some(&(start, end)) = ranges.get(i.index(ranges.len().max(1))) {
                let (open, close) = if *map { ("{k: ", "}") } else { ("[", "]") };
                let value = text[start..end].to_vec();
                let nested = [
                    open.repeat(*depth).into_bytes(),
                    value,
                    close.repeat(*depth).into_bytes(),
                ]
                .concat();
                text.splice(start..end, nested);
            }
        }
        AnchorAndAlias(a, b) => {
            let ranges = values(text);
            if !ranges.is_empty() {
                let (a, b) = (ranges[a.index(ranges.len())], ranges[b.index(ranges.len())]);
                // Later edits first, so the earlier offsets stay right.
                if a.0 > b.0 {
                    text.splice(a.0..a.0, b"&anchor ".iter().copied());
                    text.splice(b.0..b.1, b"*anchor".iter().copied());
                } else if a.0 < b.0 {
                    text.splice(b.0..b.1, b"*anchor".iter().copied());
                    text.splice(a.0..a.0, b"&anchor ".iter().copied());
                }
            }
        }
        LineEndings(style) => {
            let mut out = Vec::with_capacity(text.len() * 2);
            for (n, &b) in text.iter().enumerate() {
                match (b, style, n % 2) {
                    (b'\n', 0, _) | (b'\n', 2, 0) => out.extend(b"\r\n"),
                    (b'\n', 1, _) => out.push(b'\r'),
                    _ => out.push(b),
                }
            }
            *text = out;
        }
        ByteOrderMark => {
            text.splice(0..0, "\u{feff}".bytes());
        }
        DropDeclared => {
            let mut all = lines(text);
            if let Some(start) = all.iter().position(|l| l.starts_with(b"declared:")) {
                let end = all[start + 1..]
                    .iter()
                    .position(|l| !l.starts_with(b" "))
                    .map_or(all.len(), |n| start + 1 + n);
                all.drain(start..end);
                *text = all.concat();
            }
        }
        FlipBit(..) => {}
    }
}

fn edit_lines(mutation: &Mutation, all: &mut Vec<Vec<u8>>) {
    use Mutation::*;
    let n = all.len();
    if n == 0 {
        if let InsertLine(_, snippet) = mutation {
            all.push(format!("{snippet}\n").into_bytes());
        }
        return;
    }
    match mutation {
        DuplicateLine(i, times) => {
            let i = i.index(n);
            for _ in 0..*times {
                all.insert(i, all[i].clone());
            }
        }
        DeleteLine(i) => {
            all.remove(i.index(n));
        }
        SwapLines(a, b) => all.swap(a.index(n), b.index(n)),
        Reindent(i, indent) => {
            let line = &mut all[i.index(n)];
            let body: Vec<u8> = line
                .iter()
                .skip_while(|b| matches!(b, b' ' | b'\t'))
                .copied()
                .collect();
            *line = [indent.as_bytes(), &body].concat();
        }
        InsertLine(i, snippet) => {
            let i = i.index(n + 1);
            // Indented like the line it goes before, to land inside a block.
            let indent: Vec<u8> = all
                .get(i)
                .map(|l| l.iter().take_while(|&&b| b == b' ').copied().collect())
                .unwrap_or_default();
            all.insert(i, [&indent[..], snippet.as_bytes(), b"\n"].concat());
        }
        _ => {}
    }
}

/// Edits, each to one file of the set (chosen by index).
fn edits() -> impl Strategy<Value = Vec<(Index, Mutation)>> {
    prop::collection::vec((any::<Index>(), mutation()), 1..5)
}

fn mutate(files: &mut FileSet, edits: &[(Index, Mutation)]) {
    let names: Vec<String> = files.keys().cloned().collect();
    for (file, mutation) in edits {
        let name = &names[file.index(names.len())];
        apply(mutation, files.get_mut(name).unwrap());
    }
}

// ---------------------------------------------------------------- invariants

/// Catches a panic in `run`, giving its message and where it happened.
fn no_panic<T>(run: impl FnOnce() -> T) -> Result<T, String> {
    static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        panic::set_hook(Box::new(|info| {
            *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(info.to_string());
        }));
    });
    panic::catch_unwind(AssertUnwindSafe(run)).map_err(|_| {
        let message = LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()).take();
        format!("PANIC {}", message.unwrap_or_default())
    })
}

/// Every diagnostic names a file, and a line and column inside it when the
/// file is one we wrote; and can be shown without panicking.
fn located(
    diagnostics: &[Diagnostic],
    text_of: impl Fn(&Path) -> Option<String>,
) -> Result<(), String> {
    if diagnostics.is_empty() {
        return Err("an error with no diagnostics".into());
    }
    for d in diagnostics {
        let shown = no_panic(|| (d.render(), d.to_string()))?;
        let fail = |why: &str| Err(format!("{why}: {}", shown.0));
        if d.file.as_os_str().is_empty() {
            return fail("no file");
        }
        if d.location.line == 0 || d.location.column == 0 {
            return fail("line or column 0");
        }
        let Some(text) = text_of(&d.file) else {
            continue;
        };
        // Lines end where YAML ends them, at a lone CR too; the place just
        // after a final line break is on a (last, empty) line of its own.
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let file_lines: Vec<&str> = text.split('\n').collect();
        let Some(line) = file_lines.get(d.location.line - 1) else {
            return fail(&format!(
                "line past the end of the file ({} lines)",
                file_lines.len()
            ));
        };
        // A byte order mark is not part of the line as an editor shows it.
        let unmarked = |l: &str| l.trim_start_matches('\u{feff}').to_owned();
        // A very long line may be shown cut short, ending in `…`.
        let same = |shown: &str| {
            let (shown, line) = (unmarked(shown), unmarked(line));
            shown == line
                || shown
                    .strip_suffix('…')
                    .is_some_and(|start| line.starts_with(start))
        };
        if d.source_line.as_deref().is_some_and(|shown| !same(shown)) {
            return fail("the line shown is not the line named");
        }
        let width = line.chars().count();
        if d.location.column > width + 1 {
            return fail(&format!(
                "column past the end of the line ({width} characters)"
            ));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- targets

/// Ballot files held in memory.
struct Memory<'a>(&'a FileSet);

impl Files for Memory<'_> {
    fn read(&self, path: &DataPath) -> Result<(PathBuf, Vec<u8>), Refusal> {
        let bytes = self.0.get(path.as_str()).ok_or(Refusal::Missing)?;
        Ok((PathBuf::from(path.as_str()), bytes.clone()))
    }
}

/// Ok(true) when the election was counted, Ok(false) when it was rightly
/// reported.
fn run_election(files: &FileSet) -> Result<bool, String> {
    let yaml = String::from_utf8_lossy(&files["election.yaml"]).into_owned();
    let result = no_panic(|| check(Path::new("election.yaml"), &yaml, &Memory(files)))?;
    match result {
        Ok((election, outcome)) => {
            let (_, json) = no_panic(|| {
                (
                    text::declaration(&election, &outcome),
                    json::to_string(&election, &outcome),
                )
            })?;
            let json = json.map_err(|e| format!("the JSON could not be made: {e}"))?;
            serde_json::from_str::<serde_json::Value>(&json)
                .map_err(|e| format!("the JSON does not parse: {e}"))?;
            Ok(true)
        }
        Err(diagnostics) => located(&diagnostics, |file| {
            if file == Path::new("election.yaml") {
                return Some(yaml.clone());
            }
            let bytes = files.get(file.to_str()?)?;
            Some(String::from_utf8_lossy(bytes).into_owned())
        })
        .map(|()| false),
    }
}

/// A folder for the site cases, in memory where there is a RAM disk; removed
/// when dropped, however the test ends.
fn site_dir() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    let builder = tempfile::Builder::new().prefix("psephos-fuzz-").clone();
    match shm.is_dir() {
        true => builder.tempdir_in(shm),
        false => builder.tempdir(),
    }
    .expect("a temporary directory")
}

/// Ok(true) when the site was built, Ok(false) when it was rightly reported.
fn run_site(parent: &Path, files: &FileSet) -> Result<bool, String> {
    let dir = parent.join("site");
    let _ = fs::remove_dir_all(&dir);
    for (name, bytes) in files {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    let result = no_panic(|| {
        prepare(&dir, &Quiet).map(|prepared| {
            let base_url = prepared.site.config.base_url.clone();
            link_check::check(&dir, &prepared.outputs, base_url.as_deref())
        })
    })?;
    match result {
        Ok(report) => {
            // A broken link not written in a Markdown file is psephos's own.
            // (A profile's links are also shown on its candidate pages, from
            // another folder, where the checker cannot trace them back to
            // the file: those are the writer's, however they are reported.)
            let ours: Vec<_> = report
                .problems
                .iter()
                .filter(|d| d.file.extension().is_none_or(|e| e != "md"))
                .filter(|d| !written_in_markdown(&d.message, files))
                .collect();
            if let Some(d) = ours.first() {
                return Err(format!(
                    "a generated page has a broken link: {}",
                    d.render()
                ));
            }
            located_if_any(&report.problems, &dir, files).map(|()| true)
        }
        Err(BuildError::Content(diagnostics)) => {
            located(&diagnostics, |file| text_in(file, &dir, files)).map(|()| false)
        }
        Err(other) => Err(format!("not a located content error: {other}")),
    }
}

/// Whether the link a link problem names appears in a Markdown file.
fn written_in_markdown(message: &str, files: &FileSet) -> bool {
    let Some(link) = message.split('`').nth(1) else {
        return false;
    };
    let written = format!("]({link}");
    files.iter().any(|(name, bytes)| {
        name.ends_with(".md") && String::from_utf8_lossy(bytes).contains(&written)
    })
}

fn located_if_any(diagnostics: &[Diagnostic], dir: &Path, files: &FileSet) -> Result<(), String> {
    if diagnostics.is_empty() {
        return Ok(());
    }
    located(diagnostics, |file| text_in(file, dir, files))
}

fn text_in(file: &Path, dir: &Path, files: &FileSet) -> Option<String> {
    let relative = file.strip_prefix(dir).ok()?.to_str()?;
    let bytes = files.get(relative)?;
    Some(String::from_utf8_lossy(bytes).into_owned())
}

// ---------------------------------------------------------------- runner

/// Runs `property` on cases from `strategy`: `cases` of them, or batches
/// until `PSEPHOS_FUZZ_SECONDS` have passed. Every minimal failing case is
/// reported; the test fails if there was any.
fn fuzz<S: Strategy>(
    name: &str,
    strategy: S,
    cases: u32,
    property: impl Fn(&S::Value) -> Result<bool, String>,
    input: impl Fn(&S::Value) -> String,
) where
    S::Value: Debug,
{
    let seconds = env_number("PSEPHOS_FUZZ_SECONDS");
    let deadline = seconds.map(|s| Instant::now() + Duration::from_secs(s));
    let batch = if deadline.is_some() {
        cases.clamp(1, 500)
    } else {
        cases
    };
    let executions = AtomicU64::new(0);
    let accepted = AtomicU64::new(0);
    let started = Instant::now();
    let mut findings: Vec<String> = Vec::new();
    let mut first = true;
    loop {
        let saved = FileFailurePersistence::Direct(REGRESSIONS);
        let config = Config {
            cases: batch,
            source_file: Some(file!()),
            max_shrink_iters: 4096,
            failure_persistence: Some(match first {
                true => Box::new(saved),
                false => Box::new(SaveOnly(saved)),
            }),
            ..Config::default()
        };
        first = false;
        let mut runner = match fixed_seed() {
            Some(seed) => {
                TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed))
            }
            None => TestRunner::new(config),
        };
        let result = runner.run(&strategy, |case| {
            executions.fetch_add(1, Ordering::Relaxed);
            let ok = property(&case).map_err(TestCaseError::fail)?;
            accepted.fetch_add(u64::from(ok), Ordering::Relaxed);
            Ok(())
        });
        if let Err(error) = result {
            let report = match &error {
                TestError::Fail(why, case) => {
                    let saved = save_finding(name, findings.len(), &input(case));
                    format!(
                        "{why}\nminimal case: {case:?}\ninput saved in {}",
                        saved.display()
                    )
                }
                TestError::Abort(why) => format!("aborted: {why}"),
            };
            if !findings
                .iter()
                .any(|f| f.lines().next() == report.lines().next())
            {
                eprintln!("fuzz {name}: FINDING\n{report}\n");
                findings.push(report);
            }
        }
        if deadline.is_none_or(|d| Instant::now() >= d) {
            break;
        }
    }
    eprintln!(
        "fuzz {name}: {} executions ({} accepted, the rest reported) in {:.1} s, {} finding(s)",
        executions.load(Ordering::Relaxed),
        accepted.load(Ordering::Relaxed),
        started.elapsed().as_secs_f64(),
        findings.len()
    );
    assert!(findings.is_empty(), "{}", findings.join("\n\n"));
}

/// The same cases on every run of the test suite, so that CI passes or fails
/// on the code and not on the draw: `PSEPHOS_FUZZ_SEED=N` picks others, and
/// a long run (`PSEPHOS_FUZZ_SECONDS` or `PSEPHOS_FUZZ_CASES`) draws afresh.
fn fixed_seed() -> Option<[u8; 32]> {
    let seed = match env_number("PSEPHOS_FUZZ_SEED") {
        Some(seed) => seed,
        None if env_number("PSEPHOS_FUZZ_SECONDS").is_some()
            || env_number("PSEPHOS_FUZZ_CASES").is_some() =>
        {
            return None;
        }
        None => 2026,
    };
    let mut bytes = [0u8; 32];
    for chunk in bytes.chunks_mut(8) {
        chunk.copy_from_slice(&seed.to_le_bytes());
    }
    Some(bytes)
}

/// The seeds of past findings, replayed first by every run. Named outright:
/// proptest's default place depends on where `main.rs` is, and moving this
/// file into `tests/it/` once left them unread.
const REGRESSIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/it/fuzz.proptest-regressions"
);

#[test]
fn the_saved_findings_are_where_the_fuzzer_reads_them() {
    let seeds = fs::read_to_string(REGRESSIONS).expect("the regressions file");
    assert!(seeds.lines().any(|line| line.starts_with("cc ")), "{seeds}");
}

/// Saves failures where proptest keeps them but replays none: for the
/// batches after the first of a long run, which would otherwise each stop
/// at the same known failure.
#[derive(Debug, Clone, PartialEq)]
struct SaveOnly(FileFailurePersistence);

impl FailurePersistence for SaveOnly {
    fn load_persisted_failures2(&self, _: Option<&'static str>) -> Vec<PersistedSeed> {
        Vec::new()
    }

    fn save_persisted_failure2(
        &mut self,
        source_file: Option<&'static str>,
        seed: PersistedSeed,
        shrunken_value: &dyn Debug,
    ) {
        self.0
            .save_persisted_failure2(source_file, seed, shrunken_value);
    }

    fn box_clone(&self) -> Box<dyn FailurePersistence> {
        Box::new(self.clone())
    }

    fn eq(&self, other: &dyn FailurePersistence) -> bool {
        other
            .as_any()
            .downcast_ref::<Self>()
            .is_some_and(|o| o == self)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

fn save_finding(name: &str, n: usize, input: &str) -> PathBuf {
    let dir = root().join("target/fuzz-findings");
    let _ = fs::create_dir_all(&dir);
    let path = dir.join(format!("{name}-{}-{n}.txt", std::process::id()));
    let _ = fs::write(&path, input);
    path
}

/// The files of a case, for reading: each with its name, shortened when huge.
fn show(files: &FileSet) -> String {
    files
        .iter()
        .map(|(name, bytes)| {
            let text = String::from_utf8_lossy(bytes);
            format!("=== {name}\n{text}\n")
        })
        .collect()
}

fn cases(default: u32, share: u32) -> u32 {
    env_number("PSEPHOS_FUZZ_CASES").map_or(default, |n| (n / u64::from(share)).max(1) as u32)
}

#[test]
fn damaged_elections_are_counted_or_reported_with_locations() {
    let (good, bad) = election_seeds();
    // Half the cases start from an election that counts, half from one of
    // the invalid fixtures.
    let case = (any::<bool>(), any::<Index>(), edits());
    let build = |(valid, seed, edits): &(bool, Index, Vec<(Index, Mutation)>)| {
        let seeds = if *valid { &good } else { &bad };
        let mut files = seeds[seed.index(seeds.len())].clone();
        mutate(&mut files, edits);
        files
    };
    fuzz(
        "election",
        case,
        cases(5000, 1),
        |case| run_election(&build(case)),
        |case| show(&build(case)),
    );
}

#[test]
fn damaged_sites_are_built_or_reported_with_locations() {
    let site = example_site();
    let (seeds, _) = election_seeds();
    // Sometimes a second election from the fixtures joins the example.
    let case = (proptest::option::of(any::<Index>()), edits());
    let build = |(extra, edits): &(Option<Index>, Vec<(Index, Mutation)>)| {
        let mut files = site.clone();
        if let Some(extra) = extra {
            for (name, bytes) in &seeds[extra.index(seeds.len())] {
                files.insert(
                    format!("content/elections/2026-fuzz-mayor/{name}"),
                    bytes.clone(),
                );
            }
        }
        mutate(&mut files, edits);
        files
    };
    let dir = site_dir();
    fuzz(
        "site",
        case,
        cases(500, 10),
        |case| run_site(dir.path(), &build(case)),
        |case| show(&build(case)),
    );
}
