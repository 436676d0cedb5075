//! Elections of many counting areas: every page stays linear in the number
//! of areas. An area's page lists every area only for a few (twelve or
//! fewer); otherwise it links to the areas before and after it and to the
//! election's table of them all. Charts with a mark per area, the home
//! page's names of the areas and the count feed stop growing past a limit.

use crate::common::{SITE_YAML, TestSite, attribute_values};

const SLUG: &str = "2026-manyshire-mayor";

/// An election of `areas` areas, `area-1` to `area-N`, in that order: Ann
/// 40 + 10 beats Bob 35 + 5 in each, Cat's 25 are eliminated.
fn election(areas: usize) -> String {
    let mut yaml = String::from(
        "title: 2026 Manyshire mayoral election\noffice: Mayor of Manyshire\ndate: 2026-06-19\n\
         system: supplementary-vote\ncandidates:\n  - {id: ann-ash, name: Ann Ash}\n  \
         - {id: bob-birch, name: Bob Birch}\n  - {id: cat-cedar, name: Cat Cedar}\nareas:\n",
    );
    for i in 1..=areas {
        yaml += &format!(
            "  - id: area-{i}\n    name: Area {i}\n    first: {{ann-ash: 40, bob-birch: 35, cat-cedar: 25}}\n    \
             second: {{ann-ash: 10, bob-birch: 5}}\n"
        );
    }
    yaml += &format!(
        "declared:\n  winner: ann-ash\n  totals: {{ann-ash: {}, bob-birch: {}}}\n",
        50 * areas,
        40 * areas
    );
    yaml
}

/// A built site with one election of `areas` areas; every link on it
/// resolves, fragments included, as `psephos check` sees it.
fn built(name: &str, yaml: &str) -> TestSite {
    let site = TestSite::new(name);
    site.write("content/site.yaml", SITE_YAML)
        .write(&format!("content/elections/{SLUG}/election.yaml"), yaml);
    site.built();
    let prepared = psephos::build::prepare(&site.root, &psephos::build::Quiet).unwrap();
    let report = psephos::link_check::check(&site.root, &prepared.outputs, None);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    site
}

fn area_page(site: &TestSite, i: usize) -> String {
    site.page(&format!("elections/{SLUG}/authorities/area-{i}/index.html"))
}

/// The text of `<main>`, where a page's own content is.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a main element");
    &html[start..html.find("</main>").expect("main ends")]
}

/// The area pages a page's main content (or a part of it) links to, by
/// area number, in order.
fn areas_linked(html: &str) -> Vec<usize> {
    let html = if html.contains("<main") {
        main_of(html)
    } else {
        html
    };
    attribute_values(html, "href")
        .into_iter()
        .filter_map(|href| {
            let (_, rest) = href.split_once("area-")?;
            rest.strip_suffix("/index.html")?.parse().ok()
        })
        .collect()
}

/// The navigation to the other areas.
fn area_nav(html: &str) -> &str {
    let start = html
        .find("<nav class=\"related\" aria-labelledby=\"other-areas\">")
        .expect("the areas' navigation");
    &html[start..start + html[start..].find("</nav>").unwrap()]
}

#[test]
fn an_area_of_a_big_election_links_to_its_neighbours_and_the_election_only() {
    let site = built("many-areas-nav", &election(30));
    let page = area_page(&site, 15);
    assert_eq!(areas_linked(&page), [14, 16]);
    let nav = area_nav(&page);
    assert!(
        nav.contains("<h2 id=\"other-areas\">Other counting areas</h2>"),
        "{nav}"
    );
    assert!(
        nav.contains("Counting area 15 of 30, in the order of the declaration."),
        "{nav}"
    );
    assert!(
        nav.contains("<li>Previous area: <a href=\"../../../../elections/2026-manyshire-mayor/authorities/area-14/index.html\" rel=\"prev\">Area 14</a></li>"),
        "{nav}"
    );
    assert!(
        nav.contains("<li>Next area: <a href=\"../../../../elections/2026-manyshire-mayor/authorities/area-16/index.html\" rel=\"next\">Area 16</a></li>"),
        "{nav}"
    );
    assert!(
        nav.contains("<a href=\"../../../../elections/2026-manyshire-mayor/index.html#authorities\">All 30 counting areas</a>"),
        "{nav}"
    );
    // The table it leads to lists every area (and so does the tile map).
    let election = site.page(&format!("elections/{SLUG}/index.html"));
    assert!(election.contains("<h2 id=\"authorities\">"));
    let table = &election[election.find("<table class=\"results wide\"").unwrap()..];
    assert_eq!(areas_linked(table), (1..=30).collect::<Vec<_>>());
}

#[test]
fn the_first_and_last_areas_have_one_neighbour_each() {
    let site = built("many-areas-ends", &election(30));
    let first = area_page(&site, 1);
    assert_eq!(areas_linked(&first), [2]);
    assert!(!area_nav(&first).contains("Previous area"));
    assert!(area_nav(&first).contains("rel=\"next\""));
    let last = area_page(&site, 30);
    assert_eq!(areas_linked(&last), [29]);
    assert!(!area_nav(&last).contains("Next area"));
    assert!(area_nav(&last).contains("rel=\"prev\""));
    assert!(area_nav(&last).contains("Counting area 30 of 30"));
}

#[test]
fn up_to_twelve_areas_each_area_page_lists_them_all() {
    let site = built("twelve-areas", &election(12));
    let page = area_page(&site, 5);
    assert_eq!(areas_linked(&page), (1..=12).collect::<Vec<_>>());
    let nav = area_nav(&page);
    assert!(nav.contains("<h2 id=\"other-areas\">All counting areas</h2>"));
    assert!(nav.contains("<a href=\"../../../../elections/2026-manyshire-mayor/authorities/area-5/index.html\" aria-current=\"page\">Area 5</a>"));
    assert!(!nav.contains("rel=\"prev\""));
    // The home page names them all.
    assert_eq!(
        areas_linked(&site.page("index.html")),
        (1..=12).collect::<Vec<_>>()
    );

    let site = built("thirteen-areas", &election(13));
    assert_eq!(areas_linked(&area_page(&site, 5)), [4, 6]);
    let home = site.page("index.html");
    assert!(areas_linked(&home).is_empty());
    assert!(home.contains(&format!(
        "<a href=\"elections/{SLUG}/index.html#authorities\">All 13 local authorities</a>"
    )));
}

#[test]
fn an_uncontested_election_s_areas_lead_to_its_page() {
    let mut yaml = String::from(
        "title: 2026 Manyshire mayoral election\noffice: Mayor of Manyshire\ndate: 2026-06-19\n\
         system: supplementary-vote\ncandidates:\n  - {id: ann-ash, name: Ann Ash}\nareas:\n",
    );
    for i in 1..=20 {
        yaml += &format!("  - {{id: area-{i}, name: Area {i}}}\n");
    }
    let site = built("many-areas-uncontested", &yaml);
    let page = area_page(&site, 20);
    assert_eq!(areas_linked(&page), [19]);
    assert!(
        area_nav(&page).contains("<a href=\"../../../../elections/2026-manyshire-mayor/index.html\">All 20 counting areas</a>"),
        "{page}"
    );
}

#[test]
fn charts_of_every_area_stop_past_a_hundred_areas_and_the_tables_go_on() {
    let charted = |areas| {
        let site = built(&format!("charts-{areas}-areas"), &election(areas));
        let election = site.page(&format!("elections/{SLUG}/index.html"));
        let candidate = site.page(&format!("elections/{SLUG}/candidates/ann-ash/index.html"));
        let table = &election[election.find("<table class=\"results wide\"").unwrap()..];
        assert_eq!(areas_linked(table).len(), areas);
        assert_eq!(areas_linked(&candidate).len(), areas);
        (
            election.contains("class=\"tile-map\""),
            candidate.contains("id=\"by-area-chart-title\""),
        )
    };
    assert_eq!(charted(100), (true, true));
    assert_eq!(charted(101), (false, false));

    // Areas each placed on the map keep it, however many there are.
    let mut yaml = election(101);
    for i in 1..=101 {
        yaml = yaml.replace(
            &format!("    name: Area {i}\n"),
            &format!(
                "    name: Area {i}\n    tile: {{x: {}, y: {}}}\n",
                i % 21,
                i / 21
            ),
        );
    }
    let site = built("charts-placed-areas", &yaml);
    let election = site.page(&format!("elections/{SLUG}/index.html"));
    assert!(election.contains("class=\"tile-map\""));
}

#[test]
fn the_count_feed_holds_the_declaration_and_the_newest_fifty_areas() {
    let site = built("many-areas-feed", &election(60));
    let feed = site.page(&format!("elections/{SLUG}/atom.xml"));
    assert_eq!(feed.matches("<entry>").count(), 51);
    assert_eq!(
        feed.matches("second preferences counted</title>").count(),
        50
    );
    assert!(feed.contains("<title>Declared: 2026 Manyshire mayoral election</title>"));
}

/// While counting, the feed keeps the newest fifty areas by when they
/// reported (not the first in the file), where the count stands comes
/// first, and every area's figures say they are provisional.
#[test]
fn a_count_feed_while_counting_keeps_the_newest_areas_each_provisional() {
    let declared = election(60);
    let mut yaml = declared[..declared.find("declared:").unwrap()].replace(
        "system: supplementary-vote\n",
        "system: supplementary-vote\nstatus: counting\n",
    );
    // Area i reported at 00:i+…, so the areas reported in the file's order
    // except area-1, which reported last.
    for i in 1..=60 {
        let minutes = if i == 1 { 100 } else { i };
        yaml = yaml.replace(
            &format!("  - id: area-{i}\n"),
            &format!(
                "  - id: area-{i}\n    reported_at: 2026-06-20T{:02}:{:02}\n",
                minutes / 60,
                minutes % 60
            ),
        );
    }
    let site = built("many-areas-feed-counting", &yaml);
    let feed = site.page(&format!("elections/{SLUG}/atom.xml"));
    let entries: Vec<&str> = feed.split("<entry>").skip(1).collect();
    assert_eq!(entries.len(), 51, "{feed}");
    assert!(
        entries[0]
            .starts_with("\n<title>Count in progress: 2026 Manyshire mayoral election</title>"),
        "{feed}"
    );
    let titles: Vec<&str> = entries[1..]
        .iter()
        .map(|e| &e[e.find("<title>").unwrap() + 7..e.find(':').unwrap()])
        .collect();
    let newest: Vec<String> = [1]
        .into_iter()
        .chain((12..=60).rev())
        .map(|i| format!("Area {i}"))
        .collect();
    assert_eq!(titles, newest, "newest first, the oldest ten left out");
    for entry in &entries[1..] {
        assert!(entry.contains("Figures are provisional."), "{entry}");
    }
    assert!(!feed.to_lowercase().contains("elected"), "{feed}");
}
