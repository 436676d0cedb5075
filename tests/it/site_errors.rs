//! Each mistake a site author can make, and the message it gets: file, line,
//! column, and what is wrong. All problems come in one run.

use crate::common::{ELECTION_YAML, TestSite};
use psephos::diagnostic::Kind;

fn errors_after(name: &str, relative: &str, text: &str) -> Vec<String> {
    let site = TestSite::standard(name);
    site.write(relative, text);
    site.errors()
}

#[test]
fn site_settings_are_checked() {
    let errors = errors_after(
        "settings",
        "content/site.yaml",
        "titel: T\npublisher: P\nbase_url: results.example.org\nlanguage: en_GB\n",
    );
    assert_eq!(
        errors,
        [
            "content/site.yaml:1:1: missing field `title`",
            "content/site.yaml:1:1: titel: unknown field `titel`",
            "content/site.yaml:3:11: base_url: `results.example.org` is not a web address",
            "content/site.yaml:4:11: language: `en_GB` is not a language tag",
        ]
    );
}

#[test]
fn a_missing_site_yaml_is_named() {
    let site = TestSite::standard("no-settings");
    std::fs::remove_file(site.root.join("content/site.yaml")).unwrap();
    let errors = site.errors();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("content/site.yaml:1:1: cannot read this file"),
        "{errors:?}"
    );
}

#[test]
fn front_matter_errors_point_into_the_markdown_file() {
    let errors = errors_after(
        "front-matter",
        "content/people/ann-ash.md",
        "---\nname: Ann Ash\nrol: Mayor\nlinks:\n  - {title: Site, url: example.org}\n---\nBody.\n",
    );
    assert_eq!(
        errors,
        [
            "content/people/ann-ash.md:3:1: rol: unknown field `rol`",
            "content/people/ann-ash.md:5:24: links[0].url: `example.org` is not a web address",
        ]
    );
}

#[test]
fn yaml_syntax_errors_in_front_matter_count_lines_from_the_file_start() {
    let errors = errors_after(
        "front-matter-syntax",
        "content/news/ash-elected.md",
        "---\ntitle: A\ndate: [2026-06-20\nsummary: S\n---\nBody\n",
    );
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("content/news/ash-elected.md:4:"),
        "{errors:?}"
    );
    assert!(errors[0].contains("not valid YAML"), "{errors:?}");
}

#[test]
fn front_matter_must_be_present_and_closed() {
    let missing = errors_after(
        "no-front-matter",
        "content/pages/about.md",
        "# About\n\nText.\n",
    );
    assert_eq!(
        missing,
        [
            "content/pages/about.md:1:1: no front matter: the file must start with a `---` line, the fields, and another `---` line"
        ]
    );
    let unclosed = errors_after(
        "unclosed",
        "content/pages/about.md",
        "---\ntitle: About\n\nText.\n",
    );
    assert_eq!(
        unclosed,
        ["content/pages/about.md:1:1: the front matter is never closed"]
    );
}

#[test]
fn news_fields_and_references_are_checked() {
    let errors = errors_after(
        "news-fields",
        "content/news/ash-elected.md",
        "---\ntitle: T\ndate: 2026-13-01\nsummary: S\nsource: {url: https://x.example}\n---\n",
    );
    assert_eq!(
        errors,
        [
            "content/news/ash-elected.md:3:7: date: `2026-13-01` is not a valid date or date and time",
            "content/news/ash-elected.md:5:9: source: missing field `name`",
        ]
    );
    let errors = errors_after(
        "news-references",
        "content/news/ash-elected.md",
        "---\ntitle: T\ndate: 2026-06-20\nsummary: S\nelections: [2026-testshire-mayr]\npeople: [bob-birch]\n---\n",
    );
    assert_eq!(
        errors,
        [
            "content/news/ash-elected.md:5:13: elections[0]: no election has the slug `2026-testshire-mayr`",
            "content/news/ash-elected.md:6:10: people[0]: no person has the slug `bob-birch`",
        ]
    );
}

#[test]
fn a_candidate_profile_must_exist() {
    let errors = errors_after(
        "missing-profile",
        "content/elections/2026-testshire-mayor/election.yaml",
        &ELECTION_YAML.replace("person: ann-ash", "person: ann-ashe"),
    );
    assert_eq!(
        errors,
        [
            "content/elections/2026-testshire-mayor/election.yaml:8:54: candidates[0].person: there is no profile `content/people/ann-ashe.md`"
        ]
    );
}

#[test]
fn misplaced_and_misnamed_files_are_reported() {
    let site = TestSite::standard("misplaced");
    site.write("content/peple/bob.md", "---\nname: Bob\n---\n")
        .write("content/pages/news.md", "---\ntitle: News\n---\n")
        .write("content/pages/About Us.md", "---\ntitle: About\n---\n")
        .write(
            "content/elections/Testshire 2030/election.yaml",
            ELECTION_YAML,
        )
        .write("content/people/notes.txt", "notes");
    let errors = site.errors();
    assert_eq!(
        errors,
        [
            "content/peple:1:1: psephos does not know what `peple` is",
            "content/elections/Testshire 2030:1:1: the folder name `Testshire 2030` is not a valid slug; it becomes the election's address",
            "content/people/notes.txt:1:1: only Markdown files (`<slug>.md`) belong here, with no subfolders",
            "content/pages/About Us.md:1:1: the file name `About Us` is not a valid slug; it becomes the page's address",
            "content/pages/news.md:2:1: a page cannot be called `news`: that address is used by psephos",
        ]
    );
    let kinds: Vec<Kind> = psephos::load::load_site(&site.root)
        .expect_err("misplaced files")
        .iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            Kind::Misplaced,
            Kind::InvalidId,
            Kind::Misplaced,
            Kind::InvalidId,
            Kind::Reserved
        ]
    );
}

#[test]
fn problems_in_several_files_are_all_reported_at_once() {
    let site = TestSite::standard("many");
    site.write("content/site.yaml", "title: T\n")
        .write("content/people/ann-ash.md", "---\nrole: x\n---\n")
        .write(
            "content/elections/2026-testshire-mayor/election.yaml",
            &ELECTION_YAML.replace("date: 2026-06-19", "date: 19/06/2026"),
        );
    let errors = site.errors();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("content/site.yaml:1:1: missing field `publisher`"))
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("content/people/ann-ash.md:2:1: missing field `name`"))
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("election.yaml:3:7: date:"))
    );
}

#[test]
fn a_folder_without_content_is_explained() {
    let site = TestSite::new("empty");
    let errors = site.errors();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].contains("there is no content folder"),
        "{errors:?}"
    );
}

#[test]
fn a_base_url_with_a_query_or_fragment_is_refused() {
    let errors = errors_after(
        "base-url",
        "content/site.yaml",
        "title: T\npublisher: P\nbase_url: https://e.example/?x=1#frag\n",
    );
    assert_eq!(
        errors,
        [
            "content/site.yaml:3:11: base_url: `https://e.example/?x=1#frag` cannot be the start of every page's address"
        ]
    );
}

#[test]
fn a_language_other_than_english_is_refused() {
    let errors = errors_after(
        "language",
        "content/site.yaml",
        "title: T\npublisher: P\nlanguage: cy\n",
    );
    assert_eq!(
        errors,
        [
            "content/site.yaml:3:11: language: psephos writes its pages in English, so they cannot be marked as `cy`"
        ]
    );
    let site = TestSite::standard("language-en");
    site.write(
        "content/site.yaml",
        "title: T\npublisher: P\nlanguage: en-GB\n",
    );
    site.built();
}

#[test]
fn a_markdown_file_not_in_utf8_is_located_at_its_bad_line() {
    let site = TestSite::standard("latin1");
    let path = site.root.join("content/people/ann-ash.md");
    std::fs::write(
        &path,
        b"---\nname: Ann Ash\n---\nAnn grew up in Bra\xefla.\n",
    )
    .unwrap();
    assert_eq!(
        site.errors(),
        [
            "content/people/ann-ash.md:4:19: this line is not UTF-8 text: byte 0xEF is from another encoding, such as Windows-1252"
        ]
    );
}

#[test]
fn a_colour_swallowed_by_a_comment_is_an_error_not_a_missing_colour() {
    let errors = errors_after(
        "colour-comment",
        "content/elections/2026-testshire-mayor/election.yaml",
        &ELECTION_YAML.replace(
            "  - {id: red, name: Red Party, colour: \"#cc0000\"}",
            "  - id: red\n    name: Red Party\n    colour: #cc0000",
        ),
    );
    assert_eq!(
        errors,
        [
            "content/elections/2026-testshire-mayor/election.yaml:8:13: `#cc0000` is read as a comment, so this has no value: in YAML `#` starts a comment"
        ]
    );
}

/// Warnings stop nothing, but say where a figure cannot be checked.
fn warnings_for(name: &str, election: &str) -> Vec<String> {
    let site = TestSite::standard(name);
    site.write(
        "content/elections/2026-testshire-mayor/election.yaml",
        election,
    );
    let summary = site.built();
    summary
        .warnings
        .iter()
        .map(|d| {
            d.to_string()
                .replace(&format!("{}/", site.root.display()), "")
        })
        .collect()
}

#[test]
fn a_missing_declared_section_is_a_warning() {
    let without = ELECTION_YAML.split("declared:").next().unwrap();
    assert_eq!(
        warnings_for("no-declared", without),
        [
            "content/elections/2026-testshire-mayor/election.yaml:1:1: declared: not given, so a mistyped figure cannot be caught"
        ]
    );
    assert!(warnings_for("declared", ELECTION_YAML).is_empty());
    let empty = format!("{without}declared: {{}}\n");
    assert_eq!(
        warnings_for("empty-declared", &empty),
        [
            "content/elections/2026-testshire-mayor/election.yaml:23:11: declared: not given, so a mistyped figure cannot be caught"
        ]
    );
}

#[test]
fn a_declared_turnout_that_disagrees_with_the_papers_is_a_warning() {
    let both_areas = ELECTION_YAML
        .replace(
            "date: 2026-06-19\n",
            "date: 2026-06-19\nturnout_percent: 25.3\n",
        )
        .replace(
            "  - id: south\n    name: South\n",
            "  - id: south\n    name: South\n    electorate: 4000\n    ballots_counted: 800\n",
        );
    // (910 + 800) / 8000 = 21.4%, not 25.3%.
    assert_eq!(
        warnings_for("turnout", &both_areas),
        [
            "content/elections/2026-testshire-mayor/election.yaml:4:18: turnout_percent: the declared turnout is 25.3%, but the ballot papers counted (1,710) and the electorate (8,000) give 21.4%"
        ]
    );
    let agreeing = both_areas.replace("turnout_percent: 25.3", "turnout_percent: 21.4");
    assert!(warnings_for("turnout-ok", &agreeing).is_empty());
}

#[test]
fn heading_attributes_other_than_id_and_class_are_refused_where_written() {
    let errors = errors_after(
        "heading-attributes",
        "content/pages/about.md",
        "---\ntitle: About\n---\nIntro.\n\n## Figures {#figures .wide}\n\n## Figures {autofocus tabindex=0 onfocus=alert(document.domain)}\n",
    );
    assert_eq!(
        errors,
        [
            "content/pages/about.md:8:12: a heading may only set `{#id}` and `.class` names, not `autofocus`, `tabindex=0`, `onfocus=alert(document.domain)`"
        ]
    );
}

#[test]
fn a_photo_is_a_file_in_static() {
    for photo in [
        "javascript:alert(1)",
        "\" javascript:alert(1)\"",
        "JaVaScRiPt:alert(1)",
        "\"java\\tscript:alert(1)\"",
        "data:image/svg+xml,<svg onload=alert(1)>",
        "vbscript:msgbox(1)",
        "\"&#106;avascript:alert(1)\"",
        "../../secret.jpg",
    ] {
        let errors = errors_after(
            "photo-scheme",
            "content/people/ann-ash.md",
            &format!("---\nname: Ann Ash\nphoto: {photo}\nphoto_alt: Ann\n---\n"),
        );
        assert_eq!(errors.len(), 1, "{photo}: {errors:?}");
        assert!(
            errors[0].starts_with("content/people/ann-ash.md:3:8: photo: ")
                && errors[0].ends_with("is not a file in static/"),
            "{photo}: {errors:?}"
        );
    }
}

#[test]
fn link_and_source_addresses_must_be_web_addresses() {
    let errors = errors_after(
        "link-schemes",
        "content/people/ann-ash.md",
        "---\nname: Ann Ash\nlinks:\n  - {title: A, url: \"javascript:alert(1)\"}\n  - {title: B, url: \"JAVASCRIPT:alert(1)//https://\"}\n---\n",
    );
    assert_eq!(
        errors,
        [
            "content/people/ann-ash.md:4:21: links[0].url: `javascript:alert(1)` is not a web address",
            "content/people/ann-ash.md:5:21: links[1].url: `JAVASCRIPT:alert(1)//https://` is not a web address",
        ]
    );
    let errors = errors_after(
        "source-scheme",
        "content/news/ash-elected.md",
        "---\ntitle: T\ndate: 2026-06-20\nsummary: S\nsource: {name: N, url: \"data:text/html,<script>alert(1)</script>\"}\n---\n",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("content/news/ash-elected.md:5:24: source.url: `data:"),
        "{errors:?}"
    );
}

#[test]
fn an_area_with_no_votes_at_all_is_an_error_not_a_result() {
    let zero_south = ELECTION_YAML
        .replace(
            "first: {ann-ash: 300, bob-birch: 350, cat-cedar: 150}\n    second: {ann-ash: 40, bob-birch: 60}\n",
            "first: {ann-ash: 0, bob-birch: 0, cat-cedar: 0}\n    second: {ann-ash: 0, bob-birch: 0}\n",
        )
        .replace(
            "totals: {ann-ash: 790, bob-birch: 780}",
            "totals: {ann-ash: 450, bob-birch: 370}",
        );
    assert_eq!(
        errors_after(
            "zero-area",
            "content/elections/2026-testshire-mayor/election.yaml",
            &zero_south
        ),
        [
            "content/elections/2026-testshire-mayor/election.yaml:19:5: areas[1]: no votes at all in this area, so the result cannot be published without its count"
        ]
    );
}

#[test]
fn front_matter_with_old_mac_line_endings_is_read() {
    let site = TestSite::standard("lone-cr");
    site.write(
        "content/news/ash-elected.md",
        "---\rtitle: Ash elected\rdate: 2026-06-20\rsummary: S.\r---\rBody.\r",
    );
    site.built();
    let errors = errors_after(
        "lone-cr-error",
        "content/news/ash-elected.md",
        "---\rtitle: T\rdate: 2026-13-01\rsummary: S\r---\r",
    );
    assert_eq!(
        errors,
        [
            "content/news/ash-elected.md:3:7: date: `2026-13-01` is not a valid date or date and time"
        ]
    );
}

/// Files are read several at a time, but their problems are listed as if
/// read one by one: the settings, then elections by folder, then profiles,
/// news and pages, each by file name.
#[test]
fn problems_come_in_file_order_however_many_files_there_are() {
    let site = TestSite::standard("order");
    site.write("content/site.yaml", "titel: T\npublisher: P\n");
    let mut expected = vec!["content/site.yaml".to_owned()];
    for i in 0..30 {
        let election = format!("content/elections/2026-e{i:02}-mayor/election.yaml");
        site.write(&election, &ELECTION_YAML.replace("title:", "titel:"));
        expected.push(election);
    }
    for folder in ["people", "news", "pages"] {
        for i in 0..40 {
            let file = format!("content/{folder}/x{i:02}.md");
            site.write(&file, "---\nfield: [unclosed\n---\nText.\n");
            expected.push(file);
        }
    }
    let files: Vec<String> = site
        .errors()
        .iter()
        .map(|e| e.split(':').next().unwrap_or_default().to_owned())
        .collect();
    let mut firsts = files.clone();
    firsts.dedup();
    assert_eq!(firsts, expected);
}
