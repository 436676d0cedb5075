//! A build writes each file as it is made: what it writes is exactly what
//! the in-memory `prepare` (used by `check`) makes, plus the static files,
//! and a build that fails after writing pages leaves the previous output as
//! it was and nothing beside it.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use psephos::assets::STYLESHEET_SOURCE;
use psephos::build::{Overwrite, Quiet, build, prepare};
use psephos::write::{MARKER, StaticDir, static_files};

use crate::common::{Scratch, TestSite, site_tree, tree};

/// What `prepare` makes for the site in `root`, with the static files it
/// copies, by path: what a build must write.
fn prepared_files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let prepared = prepare(root, &Quiet).unwrap_or_else(|e| panic!("{e}"));
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let statics = StaticDir {
        dir: &prepared.statics,
        skip: &[STYLESHEET_SOURCE],
    };
    for relative in static_files(&statics).unwrap() {
        let bytes = fs::read(prepared.statics.join(&relative)).unwrap();
        files.insert(relative.to_string_lossy().into_owned(), bytes);
    }
    // A page wins over a static file at its path.
    for output in prepared.outputs {
        files.insert(output.path, output.contents);
    }
    files
}

/// Checks that the build of `root` into `out` wrote exactly what `prepare`
/// makes, and that its marker lists each file with its size.
fn assert_built_as_prepared(root: &Path, out: &Path) {
    let expected = prepared_files(root);
    let mut written = tree(out);
    let marker = String::from_utf8(written.remove(MARKER).expect("a marker")).unwrap();
    assert_eq!(
        written.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (path, bytes) in &expected {
        assert!(written[path] == *bytes, "{path} differs from prepare's");
    }
    let listed: BTreeMap<&str, u64> = marker
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            (fields[0], fields[1].parse().unwrap())
        })
        .collect();
    let sizes: BTreeMap<&str, u64> = expected
        .iter()
        .map(|(path, bytes)| (path.as_str(), bytes.len() as u64))
        .collect();
    assert_eq!(listed, sizes, "the marker lists every file once, by size");
}

#[test]
fn the_example_site_is_written_byte_for_byte_as_prepare_makes_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Scratch::new("streamed-example");
    let summary = build(root, &out, Overwrite::OwnOutput, &Quiet).unwrap();
    assert_built_as_prepared(root, &out);
    assert_eq!(summary.files, tree(&out).len() - 1, "all but the marker");
    // Built again over itself, it is the same site.
    let before = site_tree(&out);
    build(root, &out, Overwrite::OwnOutput, &Quiet).unwrap();
    assert_eq!(site_tree(&out), before);
}

#[test]
fn a_site_with_static_files_and_items_left_out_is_written_as_prepare_makes_it() {
    let site = TestSite::standard("streamed-static");
    site.write("static/img/logo.svg", "<svg/>")
        .write("static/robots.txt", "static, overridden by the page")
        .write("static/news/notes.txt", "beside the news pages")
        .write(
            "content/news/soon.md",
            "---\ntitle: Soon\ndate: 2999-01-01\nsummary: Later.\n---\nText.\n",
        )
        .write(
            "content/pages/about.md",
            "---\ntitle: About\n---\nSee [soon](../news/soon/).\n",
        );
    let summary = site.built();
    assert_built_as_prepared(&site.root, &site.out());
    assert_eq!(site.page("img/logo.svg"), "<svg/>");
    assert!(site.page("robots.txt").starts_with("User-agent"));
    let warned: Vec<&str> = summary
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .filter(|m| m.starts_with("broken link"))
        .collect();
    assert_eq!(
        warned,
        [
            "broken link `../news/soon/`: the news item `soon` is dated 1 January 2999, in the future, so it is not published yet"
        ]
    );
}

/// Everything beside the output: no staging folder may be left there.
fn beside(out: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "public" && name != "content" && name != "static")
        .collect();
    names.sort();
    names
}

#[test]
fn a_build_failing_after_its_pages_are_written_leaves_the_old_output_as_it_was() {
    let site = TestSite::standard("streamed-fail");
    site.built();
    let before = tree(&site.out());
    let marker_before = fs::read(site.out().join(MARKER)).unwrap();
    // Found only once every page is written: the static file is in the way
    // of the folder of news pages.
    site.write(
        "content/news/more.md",
        "---\ntitle: More\ndate: 2026-06-21\nsummary: More.\n---\nMore.\n",
    )
    .write("static/news", "in the way");
    let errors = site.errors();
    assert_eq!(
        errors,
        [
            "static/news:1:1: psephos writes a folder `news/` of pages here, so this file cannot be published"
        ]
    );
    assert_eq!(tree(&site.out()), before, "the old output, byte for byte");
    assert_eq!(fs::read(site.out().join(MARKER)).unwrap(), marker_before);
    assert_eq!(beside(&site.out()), Vec::<String>::new(), "no staging left");
}
