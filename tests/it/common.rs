//! Small sites written inline, built into a temporary folder.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use psephos::build::{BuildError, Overwrite, Summary, build};
use psephos::terminal::Palette;

/// A site folder in a fresh temporary directory, removed when dropped.
pub struct TestSite {
    pub root: PathBuf,
    _temp: tempfile::TempDir,
}

/// A path of its own for one test, inside a fresh temporary directory that
/// is removed when the test ends, however it ends. Nothing is made at the
/// path itself, so commands that must create it can.
pub struct Scratch {
    pub path: PathBuf,
    _temp: tempfile::TempDir,
}

impl Scratch {
    pub fn new(name: &str) -> Self {
        let temp = temp_dir(name);
        Scratch {
            path: temp.path().join(name),
            _temp: temp,
        }
    }

    /// Makes the folder at the path, and gives it as the system names it.
    pub fn created(mut self) -> Self {
        fs::create_dir_all(&self.path).unwrap();
        self.path = self.path.canonicalize().unwrap();
        self
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.path
    }
}

/// A fresh temporary directory whose name says which test made it.
pub fn temp_dir(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("psephos-{name}-"))
        .tempdir()
        .expect("a temporary directory")
}

pub const SITE_YAML: &str = "title: Testshire results\npublisher: Testshire Council\n";

/// Three candidates, two areas, a second count: Ann 700 + 90 = 790 beats
/// Bob 650 + 130 = 780; Cat's 350 papers: 220 transfer, 130 do not.
pub const ELECTION_YAML: &str = "\
title: 2026 Testshire mayoral election
office: Mayor of Testshire
date: 2026-06-19
system: supplementary-vote
parties:
  - {id: red, name: Red Party, colour: \"#cc0000\"}
candidates:
  - {id: ann-ash, name: Ann Ash, party: red, person: ann-ash}
  - {id: bob-birch, name: Bob Birch}
  - {id: cat-cedar, name: Cat Cedar}
areas:
  - id: north
    name: North
    electorate: 4000
    ballots_counted: 910
    rejected: 10
    first: {ann-ash: 400, bob-birch: 300, cat-cedar: 200}
    second: {ann-ash: 50, bob-birch: 70}
  - id: south
    name: South
    first: {ann-ash: 300, bob-birch: 350, cat-cedar: 150}
    second: {ann-ash: 40, bob-birch: 60}
declared:
  winner: ann-ash
  totals: {ann-ash: 790, bob-birch: 780}
";

/// An election whose South area's ballots are `{BALLOTS}`.
pub const BALLOTS_ELECTION: &str = "\
title: Testshire mayoral election
office: Mayor of Testshire
date: 2026-06-19
system: supplementary-vote
candidates:
  - {id: ann-ash, name: Ann Ash}
  - {id: bob-birch, name: Bob Birch}
  - {id: cat-cedar, name: Cat Cedar}
areas:
  - id: north
    name: North
    first: {ann-ash: 400, bob-birch: 300, cat-cedar: 200}
    second: {ann-ash: 50, bob-birch: 70}
  - id: south
    name: South
    ballots: {BALLOTS}
";

pub const PERSON_MD: &str =
    "---\nname: Ann Ash\nrole: Mayor of Testshire\n---\nAnn Ash grew up in North.\n";

pub const NEWS_MD: &str = "---\ntitle: Ash elected\ndate: 2026-06-20\nsummary: Ann Ash wins.\nsource: {name: Testshire Gazette, url: https://gazette.example/ash}\nelections: [2026-testshire-mayor]\npeople: [ann-ash]\n---\nAnn Ash was elected **mayor**.\n";

pub const PAGE_MD: &str =
    "---\ntitle: About these results\n---\n## Where the figures come from\n\nThe declaration.\n";

impl TestSite {
    pub fn new(name: &str) -> Self {
        let temp = temp_dir(name);
        TestSite {
            root: temp.path().to_path_buf(),
            _temp: temp,
        }
    }

    /// A complete small site: one election, a profile, a news item, a page.
    pub fn standard(name: &str) -> Self {
        let site = Self::new(name);
        site.write("content/site.yaml", SITE_YAML)
            .write(
                "content/elections/2026-testshire-mayor/election.yaml",
                ELECTION_YAML,
            )
            .write("content/people/ann-ash.md", PERSON_MD)
            .write("content/news/ash-elected.md", NEWS_MD)
            .write("content/pages/about.md", PAGE_MD);
        site
    }

    /// A site of one election, `yaml`, with Ann Ash's profile, built.
    pub fn one_election_built(name: &str, yaml: &str) -> Self {
        let site = Self::new(name);
        site.write("content/site.yaml", SITE_YAML)
            .write("content/elections/2026-testshire-mayor/election.yaml", yaml)
            .write(
                "content/people/ann-ash.md",
                "---\nname: Ann Ash\n---\nA candidate.\n",
            );
        site.built();
        site
    }

    pub fn write(&self, relative: &str, text: &str) -> &Self {
        let path = self.root.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    pub fn out(&self) -> PathBuf {
        self.root.join("public")
    }

    pub fn build(&self) -> Result<Summary, BuildError> {
        build(
            &self.root,
            &self.out(),
            Overwrite::OwnOutput,
            &psephos::build::Quiet,
        )
    }

    /// Builds, failing the test with the rendered errors if it does not.
    pub fn built(&self) -> Summary {
        self.build()
            .unwrap_or_else(|err| panic!("build failed:\n{err}"))
    }

    /// The errors of a build that must fail, one per line as
    /// `file:line:column: message`, with the site folder left out; any
    /// other error as the terminal shows it.
    pub fn errors(&self) -> Vec<String> {
        match self.build() {
            Ok(_) => panic!("the build succeeded"),
            Err(BuildError::Content(diagnostics)) => diagnostics
                .iter()
                .map(|d| {
                    d.to_string()
                        .replace(&format!("{}/", self.root.display()), "")
                })
                .collect(),
            Err(other) => vec![other.report(Palette::PLAIN)],
        }
    }

    pub fn page(&self, relative: &str) -> String {
        let path = self.out().join(relative);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

/// Every file under `dir`, by relative path, with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (relative, fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Like [`tree`], with the build marker cut to the list of files it names:
/// the times it records differ from build to build.
pub fn site_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = tree(dir);
    if let Some(marker) = files.get_mut(".psephos-build") {
        let names: String = String::from_utf8_lossy(marker)
            .lines()
            .map(|line| format!("{}\n", line.split('\t').next().unwrap_or_default()))
            .collect();
        *marker = names.into_bytes();
    }
    files
}

/// The values of every `attribute="..."` in an HTML text.
pub fn attribute_values<'h>(html: &'h str, attribute: &str) -> Vec<&'h str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .filter_map(|(at, _)| {
            let start = at + needle.len();
            html[start..].find('"').map(|end| &html[start..start + end])
        })
        .collect()
}

/// The words of an HTML fragment as a reader sees them: each tag read as a
/// space, the entities templates write decoded, spaces collapsed.
pub fn words(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
