//! Whole-site builds of small inline sites.

use std::fs;

use crate::common::{ELECTION_YAML, TestSite, attribute_values, site_tree, tree};
use psephos::build::BuildError;

const ELECTION: &str = "elections/2026-testshire-mayor";

#[test]
fn every_page_is_written() {
    let site = TestSite::standard("every-page");
    let summary = site.built();
    let expected = [
        "index.html",
        "404.html",
        "favicon.svg",
        "robots.txt",
        "data/index.json",
        "elections/2026-testshire-mayor/results.json",
        "elections/2026-testshire-mayor/results.csv",
        "elections/2026-testshire-mayor/nist-1500-100.json",
        "elections/2026-testshire-mayor/rctab-summary.json",
        "news/atom.xml",
        "elections/2026-testshire-mayor/atom.xml",
        "elections/index.html",
        "elections/2026-testshire-mayor/index.html",
        "elections/2026-testshire-mayor/notice/index.html",
        "elections/2026-testshire-mayor/authorities/north/index.html",
        "elections/2026-testshire-mayor/authorities/south/index.html",
        "elections/2026-testshire-mayor/candidates/ann-ash/index.html",
        "elections/2026-testshire-mayor/candidates/bob-birch/index.html",
        "elections/2026-testshire-mayor/candidates/cat-cedar/index.html",
        "elections/office/mayor-of-testshire/index.html",
        "people/ann-ash/index.html",
        "news/index.html",
        "news/2026/index.html",
        "news/ash-elected/index.html",
        "about/index.html",
        ".psephos-build",
    ];
    let files: Vec<String> = tree(&site.out()).into_keys().collect();
    // With the stylesheet, named by its hash; no result card without a
    // base_url (tests/it/sharing.rs).
    assert_eq!(files.len(), expected.len() + 1, "{files:#?}");
    assert!(
        files
            .iter()
            .any(|f| f.starts_with("style.") && f.ends_with(".css"))
    );
    for path in expected {
        assert!(
            files.iter().any(|f| f == path),
            "{path} missing from {files:#?}"
        );
    }
    assert_eq!(summary.pages, 16);
}

#[test]
fn the_election_page_shows_the_whole_declaration() {
    let site = TestSite::standard("election-page");
    site.built();
    let html = site.page(&format!("{ELECTION}/index.html"));
    for text in [
        "Ann Ash (Red Party) is elected at the second count with 790 votes (50.3%), a majority of 10 over Bob Birch.",
        // First count: valid 1,700, more than half is 851.
        "<dd>1,700</dd>",
        "<dd>851 (more than half)</dd>",
        "<td class=\"num\" data-label=\"Votes\">700</td>",
        "<td class=\"num\" data-label=\"Share\">41.2%</td>",
        // Ann needed 151 more to win outright.
        "<td class=\"num\" data-label=\"Short of winning\">151</td>",
        // Second count: first + transfers = total, and shares of 1,570.
        "<td class=\"num\" data-label=\"Transfers\">+90</td>",
        "<td class=\"num\" data-label=\"Total\"><strong>790</strong></td>",
        "<td class=\"num\" data-label=\"Share\">49.7%</td>",
        "<td class=\"num\" data-label=\"Transfers\">130</td>",
        // Papers and turnout (all areas give them? no: only North does).
        "Non-transferable papers",
        "Voting system",
    ] {
        assert!(html.contains(text), "missing {text:?}");
    }
    // Electorate is given for North only, so no election-wide total is shown.
    assert!(!html.contains("Electorate"));
    assert!(
        html.contains("href=\"../../elections/2026-testshire-mayor/authorities/north/index.html\"")
    );
    assert!(
        html.contains(
            "href=\"../../elections/2026-testshire-mayor/candidates/cat-cedar/index.html\""
        )
    );
}

#[test]
fn an_area_page_has_its_own_count_and_papers() {
    let site = TestSite::standard("area-page");
    site.built();
    let north = site.page(&format!("{ELECTION}/authorities/north/index.html"));
    for text in [
        "Led at the first count in North: Ann Ash, with 400 (44.4%).",
        "<dd>900</dd>",
        "<dd>4,000</dd>",
        "<dd>910</dd>",
        "<dd>10</dd>",
        // 910 of 4,000 electors.
        "<dd>22.8%</dd>",
        "Turnout (papers counted ÷ electorate)",
        "<td class=\"num\" data-label=\"Transfers\">+70</td>",
        "<td class=\"num\" data-label=\"Total\"><strong>370</strong></td>",
    ] {
        assert!(north.contains(text), "North: missing {text:?}");
    }
    let south = site.page(&format!("{ELECTION}/authorities/south/index.html"));
    assert!(south.contains("Led at the first count in South: Bob Birch, with 350 (43.8%)."));
    assert!(south.contains("In South, Ann Ash had 300 first preferences (37.5%)."));
    assert!(!south.contains("Electorate"));
}

#[test]
fn a_candidate_page_has_results_by_area_and_the_profile() {
    let site = TestSite::standard("candidate-page");
    site.built();
    let ann = site.page(&format!("{ELECTION}/candidates/ann-ash/index.html"));
    for text in [
        "Ann Ash was elected at the second count, by 10 votes (0.6 percentage points) over Bob Birch.",
        "<div><dt>Position</dt><dd>1st of 3</dd></div>",
        "<dd>700</dd>",
        "<dd>+90</dd>",
        "<dd>790</dd>",
        "<td class=\"num\" data-label=\"First preferences\">400</td>",
        "<td class=\"num\" data-label=\"Transfers\">+40</td>",
        "Ann Ash grew up in North.",
        "Mayor of Testshire",
        "href=\"../../../../people/ann-ash/index.html\"",
    ] {
        assert!(ann.contains(text), "missing {text:?}");
    }
    let cat = site.page(&format!("{ELECTION}/candidates/cat-cedar/index.html"));
    assert!(cat.contains(
        "Cat Cedar was eliminated after the first count, since only the leading candidates went through to the second count: 3rd of 3, 350 votes behind the winner, Ann Ash, at the first count."
    ), "{cat}");
    assert!(cat.contains("<div><dt>Position</dt><dd>3rd of 3</dd></div>"));
    assert!(cat.contains("Independent"));
    let bob = site.page(&format!("{ELECTION}/candidates/bob-birch/index.html"));
    assert!(bob.contains(
        "Bob Birch was one of the candidates in the second count, and was not elected: 2nd of 3, 10 votes behind the winner, Ann Ash, at the second count."
    ), "{bob}");
    assert!(!cat.contains("Transfers received"));
}

#[test]
fn candidacies_of_one_person_are_linked_across_elections() {
    let site = TestSite::standard("candidacies");
    let later = ELECTION_YAML
        .replace("2026 Testshire", "2030 Testshire")
        .replace("2026-06-19", "2030-05-02");
    site.write(
        "content/elections/2030-testshire-mayor/election.yaml",
        &later,
    );
    site.built();
    let ann = site.page(&format!("{ELECTION}/candidates/ann-ash/index.html"));
    assert!(ann.contains("Other candidacies on this site"));
    assert!(ann.contains(
        "2030 Testshire mayoral election</a>: <strong>Elected at the second count, by 10 votes</strong>. Red Party: 700 first preferences, 790 after transfers.</li>"
    ), "{ann}");
    let person = site.page("people/ann-ash/index.html");
    assert_eq!(
        person
            .matches("mayoral election</a>: <strong>Elected at the second count")
            .count(),
        2
    );
    // The newest election is the home page's headline.
    let home = site.page("index.html");
    assert!(home.contains("Latest result: <a href=\"elections/2030-testshire-mayor/index.html\">"));
}

#[test]
fn news_is_listed_newest_first_and_pages_render_markdown() {
    let site = TestSite::standard("news");
    site.write(
        "content/news/older.md",
        "---\ntitle: Polls open\ndate: 2026-06-19\nsummary: Voting starts.\n---\nText.\n",
    );
    site.built();
    let index = site.page("news/index.html");
    let newer = index.find("Ash elected").unwrap();
    let older = index.find("Polls open").unwrap();
    assert!(newer < older, "newest first");
    let item = site.page("news/ash-elected/index.html");
    assert!(item.contains("<strong>mayor</strong>"));
    assert!(item.contains("<a href=\"https://gazette.example/ash\">Testshire Gazette</a>"));
    assert!(item.contains("<time datetime=\"2026-06-20\">20 June 2026</time>"));
    let page = site.page("about/index.html");
    assert!(page.contains("<h2 id=\"where-the-figures-come-from\">"));
}

#[test]
fn every_page_has_the_shared_layout() {
    let site = TestSite::standard("layout");
    site.built();
    for (path, bytes) in tree(&site.out()) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"),
            "{path}"
        );
        assert_eq!(html.matches("<h1>").count(), 1, "{path}: one h1");
        assert!(
            html.contains("<nav class=\"site-nav\" aria-label=\"Main\">"),
            "{path}"
        );
        assert!(html.contains("<footer class=\"site-footer\">"), "{path}");
        assert!(html.contains("Published by Testshire Council."), "{path}");
        assert!(html.contains("<meta name=\"viewport\""), "{path}");
        if path != "index.html" && path != "404.html" {
            assert!(html.contains("aria-label=\"Breadcrumb\""), "{path}");
        }
        for table in html.match_indices("<table").map(|(at, _)| &html[at..]) {
            let table = &table[..table.find("</table>").unwrap()];
            assert!(table.contains("<caption>"), "{path}: table without caption");
            assert!(!table.contains("<th>"), "{path}: header cell without scope");
        }
    }
}

#[test]
fn party_colour_always_sits_beside_its_name() {
    let site = TestSite::standard("colour");
    site.built();
    let mut swatches = 0;
    for (path, bytes) in tree(&site.out()) {
        let html = String::from_utf8_lossy(&bytes);
        for (at, _) in html.match_indices("<span class=\"swatch\"") {
            let after = &html[at..];
            let end = after.find("</span>").expect("closed") + "</span>".len();
            // A word joiner may keep the swatch on the label's line.
            let label: String = after[end..]
                .trim_start_matches('\u{2060}')
                .chars()
                .take_while(|c| *c != '<')
                .collect();
            assert!(
                label.starts_with(|c: char| c.is_alphabetic()) && label.len() > 3,
                "{path}: a colour with no label beside it: {}",
                &after[..end]
            );
            swatches += 1;
        }
    }
    assert!(swatches > 10, "only {swatches} swatches found");
    let election = site.page(&format!("{ELECTION}/index.html"));
    assert!(election.contains("aria-hidden=\"true\"></span>\u{2060}Red Party</span>"));
}

#[test]
fn with_a_base_url_links_are_absolute_and_canonical() {
    let site = TestSite::standard("base-url");
    site.write(
        "content/site.yaml",
        "title: T\npublisher: P\nbase_url: https://results.example.org/mayor\n",
    );
    site.built();
    let html = site.page(&format!("{ELECTION}/index.html"));
    assert!(html.contains(
        "<link rel=\"canonical\" href=\"https://results.example.org/mayor/elections/2026-testshire-mayor/\">"
    ));
    assert!(html.contains("href=\"https://results.example.org/mayor/elections/2026-testshire-mayor/authorities/north/\""));
}

/// The stylesheet the home page links to, and its text.
fn stylesheet(site: &TestSite) -> (String, String) {
    let home = site.page("index.html");
    let href = attribute_values(&home, "href")
        .into_iter()
        .find(|h| h.starts_with("style."))
        .expect("a stylesheet link")
        .to_owned();
    let css = site.page(&href);
    (href, css)
}

#[test]
fn a_site_with_only_content_gets_the_built_in_stylesheet_and_favicon() {
    let site = TestSite::standard("stylesheet");
    site.built();
    let (href, css) = stylesheet(&site);
    assert_eq!(css, psephos::assets::DEFAULT_STYLESHEET);
    assert_eq!(
        href,
        format!("style.{}.css", psephos::assets::fingerprint(css.as_bytes()))
    );
    assert_eq!(site.page("favicon.svg"), psephos::assets::DEFAULT_FAVICON);
    site.write("static/style.css", "body { color: black }")
        .write(
            "static/img/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        );
    site.built();
    let (own_href, own_css) = stylesheet(&site);
    assert_eq!(own_css, "body { color: black }");
    assert_ne!(own_href, href, "a new stylesheet gets a new name");
    assert!(
        !site.out().join(&href).exists(),
        "the old stylesheet is gone"
    );
    assert!(
        !site.out().join("style.css").exists(),
        "only the fingerprinted name is published"
    );
    assert!(site.out().join("img/logo.svg").is_file());
}

#[test]
fn two_builds_are_byte_identical() {
    // The marker records when each file was written; the list is the same.
    let site = TestSite::standard("reproducible");
    site.built();
    let first = site_tree(&site.out());
    site.built();
    assert_eq!(first, site_tree(&site.out()));
}

#[test]
fn a_broken_data_file_leaves_the_previous_output_untouched() {
    let site = TestSite::standard("atomic");
    site.built();
    let before = tree(&site.out());
    site.write(
        "content/elections/2026-testshire-mayor/election.yaml",
        &ELECTION_YAML.replace("bob-birch: 300", "bob-birch: -300"),
    );
    let errors = site.errors();
    assert_eq!(
        errors,
        [
            "content/elections/2026-testshire-mayor/election.yaml:17:38: areas[0].first.bob-birch: -300 is less than zero; a number of votes is zero or more"
        ]
    );
    assert_eq!(
        before,
        tree(&site.out()),
        "the previous site must be exactly as it was"
    );
    let leftovers: Vec<String> = fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left: {leftovers:?}");
}

#[test]
fn files_no_longer_produced_disappear() {
    let site = TestSite::standard("stale");
    site.built();
    assert!(site.out().join("about/index.html").is_file());
    fs::remove_file(site.root.join("content/pages/about.md")).unwrap();
    site.built();
    assert!(!site.out().join("about").exists());
}

#[test]
fn the_output_may_not_hold_the_site() {
    let site = TestSite::standard("unsafe-out");
    for out in [
        site.root.clone(),
        site.root.join("content/public"),
        site.root.parent().unwrap().to_path_buf(),
    ] {
        let overwrite = psephos::build::Overwrite::Anything;
        match psephos::build::build(&site.root, &out, overwrite, &psephos::build::Quiet) {
            Err(BuildError::UnsafeOutput { .. }) => {}
            other => panic!("{}: {other:?}", out.display()),
        }
    }
    assert!(site.root.join("content/site.yaml").is_file());
}

#[test]
fn a_candidate_named_like_a_script_stays_text() {
    let site = TestSite::standard("xss");
    site.write(
        "content/elections/2026-testshire-mayor/election.yaml",
        &ELECTION_YAML
            .replace("name: Cat Cedar", "name: \"<script>alert(1)</script>\"")
            .replace("name: Red Party", "name: \"Red <img src=x onerror=alert(1)>\""),
    )
    .write(
        "content/news/raw.md",
        "---\ntitle: \"<b>Bold</b> claim\"\ndate: 2026-06-21\nsummary: \"<i>x</i>\"\n---\n<script>alert(2)</script>\n\n<img src=x onerror=\"alert(3)\">\n\n[click](javascript:alert(4))\n",
    );
    site.built();
    // Data files (CSV, JSON) hold names as data, served as text; markup is
    // what a browser runs.
    let markup = tree(&site.out())
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html") || path.ends_with(".xml"));
    for (path, bytes) in markup {
        let text = String::from_utf8_lossy(&bytes).to_ascii_lowercase();
        // The only scripts are schema.org data, which no value can break out of.
        for script in text.split("<script").skip(1) {
            let data = script
                .strip_prefix(" type=\"application/ld+json\">")
                .unwrap_or_else(|| panic!("{path}: script element"));
            let body = &data[..data.find("</script>").expect("closed")];
            assert!(!body.contains('<'), "{path}: markup inside JSON-LD");
        }
        assert!(!text.contains("<img src=x"), "{path}: injected element");
        assert!(!text.contains("<b>"), "{path}: injected element");
        assert!(!text.contains("javascript:"), "{path}: script URL");
        // Event handlers only matter inside a real tag.
        for tag in text
            .split('<')
            .skip(1)
            .map(|rest| rest.split('>').next().unwrap_or(""))
        {
            // Quoted attribute values are text, escaped by the templates.
            let unquoted: String = tag.split('"').step_by(2).collect();
            for attribute in ["onerror=", "onclick=", "onload="] {
                assert!(!unquoted.contains(attribute), "{path}: <{tag}>");
            }
        }
    }
    let cat = site.page(&format!("{ELECTION}/candidates/cat-cedar/index.html"));
    assert!(
        cat.contains("&#60;script&#62;alert(1)&#60;/script&#62;")
            || cat.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    let json = site.page(&format!("{ELECTION}/results.json"));
    assert!(
        json.contains("\"name\": \"<script>alert(1)</script>\""),
        "data keeps the name as given"
    );
    let news = site.page("news/raw/index.html");
    assert!(
        attribute_values(&news, "href")
            .iter()
            .all(|h| !h.contains("javascript"))
    );
}

#[test]
fn an_unreadable_stylesheet_is_named_as_a_file_that_could_not_be_read() {
    let site = TestSite::standard("unreadable-css");
    fs::create_dir_all(site.root.join("static/style.css")).unwrap();
    let errors = site.errors();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("error: could not read "),
        "{errors:?}"
    );
    assert!(errors[0].contains("static/style.css"), "{errors:?}");
    assert!(!site.out().exists(), "nothing was written");
}

#[test]
fn an_area_page_marks_only_itself_as_current_even_when_names_repeat() {
    let site = TestSite::standard("current-area");
    site.write(
        "content/elections/2026-testshire-mayor/election.yaml",
        &ELECTION_YAML.replace("name: South", "name: North"),
    );
    site.built();
    let north = site.page(&format!("{ELECTION}/authorities/north/index.html"));
    assert_eq!(north.matches("aria-current=\"page\">North</a>").count(), 1);
    assert!(north.contains("href=\"../../../../elections/2026-testshire-mayor/authorities/north/index.html\" aria-current=\"page\""));
}
