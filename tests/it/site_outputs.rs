//! Charts, open data, feeds and web conventions of built sites.

use std::process::Command;

use crate::common::{ELECTION_YAML, TestSite, attribute_values, tree};

const ELECTION: &str = "elections/2026-testshire-mayor";

#[test]
fn the_election_page_has_each_chart_with_a_title_and_description() {
    let site = TestSite::standard("charts");
    site.built();
    let html = site.page(&format!("{ELECTION}/index.html"));
    // Two bar charts (HTML text, SVG bars), the flow chart and the tile map,
    // each named by its title and description.
    assert_eq!(
        html.matches("<div class=\"bar-chart\" role=\"img\"")
            .count(),
        2
    );
    assert_eq!(html.matches("<svg class=\"chart-svg").count(), 1);
    assert_eq!(html.matches("role=\"img\" aria-labelledby=").count(), 3);
    assert_eq!(
        html.matches("<figure class=\"chart\" aria-labelledby=\"area-map-title\" aria-describedby=\"area-map-desc\">").count(),
        1
    );
    for text in [
        "<span id=\"first-chart-title\" hidden>First preferences</span>",
        "1,700 valid first preferences. Ann Ash had the most, 700 (41.2%). The line marks 851 votes, more than half",
        ">More than half: 851</span>",
        "Second count: first preferences plus transfers. Ann Ash 700 + 90 = 790 and Bob Birch 650 + 130 = 780.",
        ">Half: 785</span>",
        "Of the 350 ballot papers whose first preference was for an eliminated candidate, 90 to Ann Ash and 130 to Bob Birch transferred, and 130 were non-transferable.",
        "Counting areas coloured by who led at the first count: Ann Ash in 1 (North) and Bob Birch in 1 (South).",
    ] {
        assert!(html.contains(text), "missing {text:?}");
    }
    // Bars are in proportion, in percent of the chart's width: the threshold
    // of 851 is more than anyone had, so it sets the scale.
    assert!(
        html.contains("<line x1=\"100.0%\""),
        "the threshold sets the scale"
    );
    assert!(html.contains("width=\"82.3%\""), "700 of 851 is 82.3%");
}

#[test]
fn ballot_data_shows_each_eliminated_candidates_transfers() {
    let site = TestSite::standard("flows");
    let ballots = ELECTION_YAML
        .replace(
            "    first: {ann-ash: 300, bob-birch: 350, cat-cedar: 150}\n    second: {ann-ash: 40, bob-birch: 60}\n",
            "    ballots:\n      - {first: ann-ash, count: 300}\n      - {first: bob-birch, count: 350}\n      - {first: cat-cedar, second: ann-ash, count: 40}\n      - {first: cat-cedar, second: bob-birch, count: 60}\n      - {first: cat-cedar, count: 50}\n",
        )
        .replace("  - id: north\n", "  - id: north\n    tile: {x: 1, y: 0}\n")
        .replace("  - id: south\n", "  - id: south\n    tile: {x: 0, y: 0}\n");
    // With one area as totals there is no per-candidate table; make both ballots.
    let ballots = ballots.replace(
        "    first: {ann-ash: 400, bob-birch: 300, cat-cedar: 200}\n    second: {ann-ash: 50, bob-birch: 70}\n",
        "    ballots:\n      - {first: ann-ash, count: 400}\n      - {first: bob-birch, count: 300}\n      - {first: cat-cedar, second: ann-ash, count: 50}\n      - {first: cat-cedar, second: bob-birch, count: 70}\n      - {first: cat-cedar, second: cat-cedar, count: 80}\n",
    );
    site.write(
        "content/elections/2026-testshire-mayor/election.yaml",
        &ballots,
    );
    site.built();
    let html = site.page(&format!("{ELECTION}/index.html"));
    assert!(
        html.contains("<tr><th scope=\"row\">Cat Cedar</th><td class=\"num\" data-label=\"Ann Ash\">90</td><td class=\"num\" data-label=\"Bob Birch\">130</td><td class=\"num\" data-label=\"Non-transferable\">130</td><td class=\"num\" data-label=\"All\">350</td></tr>"),
        "a row per eliminated candidate"
    );
    // Tiles follow their `tile` positions: South left, North right.
    assert!(html.contains("<ul class=\"tile-map\" style=\"--columns: 2\">"));
    assert!(html.contains("<li class=\"tile\" style=\"grid-column: 1; grid-row: 1; background-color: #8a8f98; color: #000000\"><a href=\"../../elections/2026-testshire-mayor/authorities/south/index.html\"><span class=\"tile-name\">South</span><span class=\"visually-hidden\">: led by</span> <span class=\"tile-leader\">Bob Birch</span></a></li>"), "{html}");
    assert!(html.contains("<li class=\"tile\" style=\"grid-column: 2; grid-row: 1; background-color: #cc0000; color: #ffffff\"><a href=\"../../elections/2026-testshire-mayor/authorities/north/index.html\"><span class=\"tile-name\">North</span>"));
    let tile_links: Vec<&str> = attribute_values(&html, "href")
        .into_iter()
        .filter(|h| h.contains("/authorities/"))
        .collect();
    assert!(
        tile_links.len() >= 4,
        "tiles and table both link to areas: {tile_links:?}"
    );
}

#[test]
fn area_and_candidate_pages_chart_their_own_figures() {
    let site = TestSite::standard("page-charts");
    site.built();
    let north = site.page(&format!("{ELECTION}/authorities/north/index.html"));
    assert!(
        north.contains("<span id=\"first-chart-title\" hidden>First preferences in North</span>")
    );
    assert!(
        north.contains("900 valid first preferences in North. Ann Ash had the most, 400 (44.4%).")
    );
    assert!(north.contains("Second count in North: first preferences plus transfers. Ann Ash 400 + 50 = 450 and Bob Birch 300 + 70 = 370."));
    let bob = site.page(&format!("{ELECTION}/candidates/bob-birch/index.html"));
    assert!(bob.contains(
        "Bob Birch&#39;s votes after transfers in each counting area: North 370 and South 410."
    ));
    let cat = site.page(&format!("{ELECTION}/candidates/cat-cedar/index.html"));
    assert!(cat.contains(
        "Cat Cedar&#39;s first preferences in each counting area: North 200 and South 150."
    ));
}

#[test]
fn results_json_is_what_count_prints() {
    let site = TestSite::standard("json");
    site.built();
    let output = Command::new(env!("CARGO_BIN_EXE_psephos"))
        .args(["count", "--json"])
        .arg(site.root.join("content/elections/2026-testshire-mayor"))
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        site.page(&format!("{ELECTION}/results.json")).as_bytes(),
        output.stdout
    );
}

#[test]
fn results_csv_has_a_row_per_area_stage_and_candidate() {
    let site = TestSite::standard("csv");
    site.write(
        "content/elections/2026-testshire-mayor/election.yaml",
        &ELECTION_YAML.replace("title:", "election_id: mayor.testshire.2026-06-19\ntitle:"),
    );
    site.built();
    let csv = site.page(&format!("{ELECTION}/results.csv"));
    // A byte-order mark, so that Excel reads it as UTF-8.
    let csv = csv
        .strip_prefix('\u{feff}')
        .expect("results.csv starts with a byte-order mark");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "election_id,ballot_paper_id,area_id,area_name,stage,candidate_id,person_name,party_id,party_name,votes_cast,transfers,elected,provisional"
    );
    // Two areas × (three first-count rows + two second-count rows).
    assert_eq!(lines.len(), 1 + 2 * (3 + 2));
    assert!(lines.contains(&"mayor.testshire.2026-06-19,mayor.testshire.2026-06-19,north,North,first,ann-ash,Ann Ash,red,Red Party,400,,true,false"));
    assert!(lines.contains(&"mayor.testshire.2026-06-19,mayor.testshire.2026-06-19,south,South,second,bob-birch,Bob Birch,,Independent,410,60,false,false"));
    assert!(
        !lines.iter().any(|l| l.contains(",second,cat-cedar,")),
        "eliminated candidates have no second-count row"
    );
    let index: serde_json::Value = serde_json::from_str(&site.page("data/index.json")).unwrap();
    assert_eq!(
        index["elections"][0]["election_id"],
        "mayor.testshire.2026-06-19"
    );
    assert_eq!(
        index["elections"][0]["results_csv"],
        format!("{ELECTION}/results.csv")
    );
    let page = site.page(&format!("{ELECTION}/index.html"));
    assert!(
        page.contains("href=\"../../elections/2026-testshire-mayor/results.csv\""),
        "download link"
    );
    assert!(page.contains("href=\"../../data/index.json\""));
}

#[test]
fn the_news_feed_lists_every_item_and_is_linked_from_every_page() {
    let site = TestSite::standard("feed");
    site.built();
    let feed = site.page("news/atom.xml");
    assert!(feed.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
    ));
    assert_eq!(feed.matches("<entry>").count(), 1);
    assert!(feed.contains("<title>Ash elected</title>"));
    // A date alone is the start of that day, UK time (BST in June).
    assert!(feed.contains("<updated>2026-06-20T00:00:00+01:00</updated>"));
    assert!(feed.contains("<published>2026-06-20T00:00:00+01:00</published>"));
    assert!(feed.contains(
        "<link rel=\"alternate\" type=\"text/html\" href=\"../news/ash-elected/index.html\"/>"
    ));
    for (path, bytes) in tree(&site.out()) {
        if path.ends_with(".html") && path != "404.html" {
            let html = String::from_utf8(bytes).unwrap();
            assert!(html.contains("type=\"application/atom+xml\""), "{path}");
        }
    }
}

#[test]
fn every_page_has_a_title_description_and_open_graph_tags() {
    let site = TestSite::standard("meta");
    site.write(
        "content/site.yaml",
        "title: T\npublisher: P\nbase_url: https://r.example/\n",
    );
    site.built();
    for (path, bytes) in tree(&site.out()) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for tag in [
            "<title>",
            "<meta name=\"description\" content=\"",
            "property=\"og:title\"",
            "property=\"og:description\"",
            "<link rel=\"icon\"",
        ] {
            assert!(html.contains(tag), "{path}: no {tag}");
        }
        if path != "404.html" {
            assert!(
                html.contains("<link rel=\"canonical\" href=\"https://r.example/"),
                "{path}"
            );
            assert!(html.contains("property=\"og:url\""), "{path}");
        }
    }
    let sitemap = site.page("sitemap.xml");
    assert!(sitemap.contains(
        "<loc>https://r.example/elections/2026-testshire-mayor/authorities/north/</loc>"
    ));
    assert!(!sitemap.contains("404"));
    assert_eq!(
        site.page("robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://r.example/sitemap.xml\n"
    );
}

#[test]
fn without_a_base_url_there_is_no_sitemap_and_the_404_page_links_from_the_root() {
    let site = TestSite::standard("no-base");
    site.built();
    assert!(!site.out().join("sitemap.xml").exists());
    assert_eq!(site.page("robots.txt"), "User-agent: *\nAllow: /\n");
    let not_found = site.page("404.html");
    assert!(not_found.contains("<h1>Page not found</h1>"));
    assert!(not_found.contains("href=\"/\""));
    assert!(not_found.contains("href=\"/elections/2026-testshire-mayor/\""));
    assert!(
        attribute_values(&not_found, "href")
            .iter()
            .filter(|h| !h.starts_with("http") && !h.starts_with('#'))
            .all(|h| h.starts_with('/'))
    );
}

#[test]
fn structured_data_describes_the_election_and_candidates() {
    let site = TestSite::standard("json-ld");
    site.built();
    let json_ld = |path: &str| -> serde_json::Value {
        let html = site.page(path);
        let start = html
            .find("<script type=\"application/ld+json\">")
            .expect("JSON-LD")
            + 35;
        let end = start + html[start..].find("</script>").unwrap();
        serde_json::from_str(&html[start..end]).unwrap()
    };
    let event = json_ld(&format!("{ELECTION}/index.html"));
    assert_eq!(event["@type"], "Event");
    assert_eq!(event["startDate"], "2026-06-19");
    assert_eq!(event["about"].as_array().unwrap().len(), 3);
    assert_eq!(event["about"][0]["@type"], "Person");
    let ann = json_ld(&format!("{ELECTION}/candidates/ann-ash/index.html"));
    assert_eq!(ann["@type"], "Person");
    assert_eq!(ann["affiliation"]["name"], "Red Party");
}

#[test]
fn the_stylesheet_name_changes_only_with_its_content() {
    let site = TestSite::standard("fingerprint");
    site.built();
    let names = |site: &TestSite| -> Vec<String> {
        tree(&site.out())
            .into_keys()
            .filter(|p| p.starts_with("style.") && p.ends_with(".css"))
            .collect()
    };
    let first = names(&site);
    site.write(
        "content/pages/about.md",
        "---\ntitle: Changed\n---\nText.\n",
    );
    site.built();
    assert_eq!(
        names(&site),
        first,
        "content changes keep the stylesheet's name"
    );
    site.write("static/style.css", "body{}");
    site.built();
    assert_ne!(names(&site), first);
}

/// The 404 page names the latest election in its own words: marks in a
/// title that Markdown would read as emphasis, a link or a tag stay text.
#[test]
fn the_not_found_page_shows_an_election_title_as_written() {
    let site = TestSite::standard("not-found-title");
    site.write(
        &format!("content/{ELECTION}/election.yaml"),
        &ELECTION_YAML.replace(
            "title: 2026 Testshire mayoral election",
            "title: \"2026 *Testshire* [mayoral](x) <b>election</b>\"",
        ),
    );
    site.built();
    let html = site.page("404.html");
    assert!(
        html.contains("See the 2026 *Testshire* [mayoral](x) &lt;b&gt;election&lt;/b&gt;</a>"),
        "{html}"
    );
}
