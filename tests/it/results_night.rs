//! One election at four moments of its count, each built as a whole site:
//! two areas in, every first count in, half the second counts in, declared.
//! At every moment before the declaration, every page of the election says
//! the count is in progress and nobody is elected.

use crate::common::{TestSite, tree};
use serde_json::Value;

const ELECTION: &str = "elections/2026-testshire-mayor/";

/// Six areas. First preferences: Bob 1,900, Ann 1,800, Cat 1,350, Dan 950
/// (6,000 valid; 3,001 needed). Ann and Bob remain; after transfers Ann
/// 1,800 + 960 = 2,760 beats Bob 1,900 + 820 = 2,720, so the lead changes
/// hands at the second count.
const AREAS: [(&str, [u64; 4], [u64; 2]); 6] = [
    ("north", [400, 300, 200, 100], [100, 120]),
    ("south", [300, 350, 150, 200], [150, 100]),
    ("east", [250, 300, 250, 200], [200, 150]),
    ("west", [350, 250, 200, 200], [180, 150]),
    ("uplands", [300, 300, 300, 100], [150, 150]),
    ("marsh", [200, 400, 250, 150], [180, 150]),
];

/// The election with `firsts` areas' first counts and `seconds` areas'
/// second counts in, each reported an hour after the one before.
fn election(firsts: usize, seconds: usize, declared: bool) -> String {
    let mut yaml = String::from(
        "title: 2026 Testshire mayoral election
office: Mayor of Testshire
date: 2026-06-19
system: supplementary-vote
",
    );
    if !declared {
        yaml += "status: counting\n";
    }
    yaml += "candidates:
  - {id: ann, name: Ann Ash, person: ann-ash}
  - {id: bob, name: Bob Birch}
  - {id: cat, name: Cat Cedar}
  - {id: dan, name: Dan Dale}
areas:
";
    for (i, (id, first, second)) in AREAS.iter().enumerate() {
        let title = format!("{}{}", id[..1].to_uppercase(), &id[1..]);
        yaml += &format!(
            "  - id: {id}\n    name: {title}\n    tile: {{x: {}, y: {}}}\n",
            i % 3,
            i / 3
        );
        if i < firsts {
            let hour = if i < seconds { 4 + i } else { 1 + i % 3 };
            yaml += &format!("    reported_at: 2026-06-20T{hour:02}:15\n");
            yaml += &format!(
                "    first: {{ann: {}, bob: {}, cat: {}, dan: {}}}\n",
                first[0], first[1], first[2], first[3]
            );
        }
        if i < seconds {
            yaml += &format!("    second: {{ann: {}, bob: {}}}\n", second[0], second[1]);
        }
    }
    if declared {
        yaml +=
            "declared:\n  winner: ann\n  totals: {ann: 2760, bob: 2720}\n  at: 2026-06-20T10:05\n";
    }
    yaml
}

fn site(name: &str, yaml: &str) -> TestSite {
    TestSite::one_election_built(name, yaml)
}

/// Every HTML page showing the election's figures: its own, the home page,
/// the elections index and the profile of a candidate.
fn election_pages(site: &TestSite) -> Vec<(String, String)> {
    tree(&site.out())
        .into_iter()
        .filter(|(path, _)| {
            path.ends_with(".html")
                && (path.starts_with(ELECTION)
                    || [
                        "index.html",
                        "elections/index.html",
                        "people/ann-ash/index.html",
                    ]
                    .contains(&path.as_str()))
        })
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect()
}

/// What no page may say while counting.
fn claims_a_result(html: &str) -> Option<&'static str> {
    let lower = html.to_lowercase();
    [
        "is elected",
        "was elected",
        "were elected",
        "been elected",
        ">elected<",
        "class=\"elected\"",
        "elected at the second",
        "elected unopposed",
        "final total",
        "majority of",
        "as declared",
    ]
    .into_iter()
    .find(|claim| lower.contains(claim))
}

fn assert_provisional_everywhere(site: &TestSite, banner: &str) {
    let pages = election_pages(site);
    assert!(
        pages.len() >= 7,
        "the election, its areas and candidates, and home"
    );
    for (path, html) in &pages {
        assert!(
            html.contains(banner),
            "{path}: no banner «{banner}»: {}",
            html[html.find("<main").unwrap_or(0)..]
                .chars()
                .take(600)
                .collect::<String>()
        );
        assert!(
            html.contains("provisional"),
            "{path}: not called provisional"
        );
        if let Some(claim) = claims_a_result(html) {
            panic!("{path} says «{claim}» while the count is in progress");
        }
    }
}

fn results(site: &TestSite) -> Value {
    serde_json::from_str(&site.page(&format!("{ELECTION}results.json"))).unwrap()
}

fn stages(json: &Value) -> Vec<String> {
    json["areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["stage"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn two_areas_in() {
    let site = site("night-two", &election(2, 0, false));
    assert_provisional_everywhere(
        &site,
        "Count in progress: 2 of 6 local authorities have reported first preferences. Figures are provisional.",
    );
    let page = site.page(&format!("{ELECTION}index.html"));
    // Running totals over North and South: Ann 700 of 2,000.
    assert!(page.contains("Ann Ash leads with 700 (35.0%)"), "{page}");
    assert!(page.contains(">700<") && page.contains(">2,000<"));
    assert!(page.contains(
        "Latest figures: <time datetime=\"2026-06-20T02:15:00+01:00\">20 June 2026, 02:15</time>"
    ));
    // Awaited areas are shown as awaited on the map and the table.
    assert!(page.matches(">Awaited<").count() >= 4 * 2, "{page}");
    let east = site.page(&format!("{ELECTION}authorities/east/index.html"));
    assert!(east.contains("The figures for East are awaited"), "{east}");
    assert!(
        page.contains("<span class=\"tile-name\">East</span><span class=\"visually-hidden\">: </span> <span class=\"tile-leader\">Count awaited</span>"),
        "the tile says the count is awaited"
    );
    assert!(page.contains("the count awaited in 4 (East, West, Uplands, Marsh)"));
    let ann = site.page(&format!("{ELECTION}candidates/ann/index.html"));
    let east_row = &ann[ann.find(">East</a>").expect("every area has a row")..];
    assert!(
        east_row[..east_row.find("</tr>").unwrap()].contains(">Awaited<"),
        "an awaited area's figures say so on the candidate's page"
    );
    assert!(ann.contains("First preferences so far"), "{ann}");
    let person = site.page("people/ann-ash/index.html");
    assert!(
        person
            .contains("700 first preferences so far (count in progress; figures are provisional)"),
        "{person}"
    );
    assert!(!east.contains("no votes"));
    // What a shared link or a search result shows says it too.
    for path in ["index.html", &format!("{ELECTION}index.html")] {
        let html = site.page(path);
        let description = &html[html.find("<meta name=\"description\"").unwrap()..];
        let description = &description[..description.find('>').unwrap()];
        assert!(
            description.contains("Figures are provisional."),
            "{path}: {description}"
        );
    }
    let json = results(&site);
    assert_eq!(json["status"], "counting");
    assert_eq!(json["winner"], Value::Null);
    assert_eq!(json["elected_at"], Value::Null);
    assert_eq!(json["progress"]["first_count_reported"], 2);
    assert_eq!(json["progress"]["areas"], 6);
    assert_eq!(json["valid_first_preferences"], 2000);
    assert_eq!(
        stages(&json),
        [
            "first-count",
            "first-count",
            "awaiting",
            "awaiting",
            "awaiting",
            "awaiting"
        ]
    );
    assert_eq!(json["areas"][0]["reported_at"], "2026-06-20T01:15:00+01:00");
    assert_eq!(json["areas"][2]["reported_at"], Value::Null);
    let csv = site.page(&format!("{ELECTION}results.csv"));
    assert_eq!(csv.lines().count(), 1 + 2 * 4, "awaited areas have no rows");
    assert!(
        csv.lines().skip(1).all(|l| l.ends_with(",false,true")),
        "{csv}"
    );
}

#[test]
fn every_first_count_in() {
    let site = site("night-firsts", &election(6, 0, false));
    assert_provisional_everywhere(
        &site,
        "Count in progress: all 6 local authorities have reported first preferences.",
    );
    let page = site.page(&format!("{ELECTION}index.html"));
    assert!(page.contains("so Bob Birch and Ann Ash go through to the second count. On first preferences Bob Birch leads with 1,900 (31.7%)"), "{page}");
    assert!(page.contains("3,001 (more than half)"));
    let json = results(&site);
    // Nobody has half, so the second count has begun with none of it in.
    assert_eq!(json["progress"]["phase"], "second-count");
    assert_eq!(json["progress"]["second_count_reported"], 0);
    assert_eq!(json["threshold"], 3001);
    assert_eq!(json["winner"], Value::Null);
}

#[test]
fn half_the_second_counts_in() {
    let site = site("night-seconds", &election(6, 3, false));
    assert_provisional_everywhere(
        &site,
        "Count in progress: 3 of 6 local authorities have counted second preferences. Figures are provisional.",
    );
    let page = site.page(&format!("{ELECTION}index.html"));
    // Bob 1,900 + 370 = 2,270 leads Ann 1,800 + 450 = 2,250 so far.
    assert!(
        page.contains(">2,270<") && page.contains(">2,250<"),
        "{page}"
    );
    assert!(page.contains("Bob Birch leads with 2,270"), "{page}");
    assert!(page.contains(
        "Bob Birch and Ann Ash had the most first preferences, so they remain in the count."
    ));
    let json = results(&site);
    assert_eq!(json["progress"]["phase"], "second-count");
    assert_eq!(json["progress"]["second_count_reported"], 3);
    assert_eq!(
        stages(&json)[..4],
        [
            "second-count",
            "second-count",
            "second-count",
            "first-count"
        ]
    );
    // Non-transferable so far: 80 + 100 + 100 in the three areas counted.
    assert_eq!(json["non_transferable"], 280);
    let west = site.page(&format!("{ELECTION}authorities/west/index.html"));
    assert!(
        west.contains("The second count in West is awaited"),
        "{west}"
    );
    assert!(west.contains("First count in West (provisional)"));
    let ann = site.page(&format!("{ELECTION}candidates/ann/index.html"));
    let west_row = &ann[ann.find(">West</a>").unwrap()..];
    assert_eq!(
        west_row[..west_row.find("</tr>").unwrap()]
            .matches(">Awaited<")
            .count(),
        2,
        "transfers and total awaited"
    );
    assert!(ann.contains("Transfers received so far") && ann.contains("Total so far"));
    let feed = site.page(&format!("{ELECTION}atom.xml"));
    let first_entry = &feed[feed.find("<entry>").unwrap()..];
    assert!(
        first_entry.starts_with(
            "<entry>\n<title>Count in progress: 2026 Testshire mayoral election</title>"
        ),
        "where the count stands comes first: {feed}"
    );
    assert!(feed.contains("<title>East: second preferences counted</title>"));
    assert!(feed.contains("<title>West: first preferences counted</title>"));
    // Each area's entry reads largest first: East's second count, and West's first.
    assert!(
        feed.contains("Ann Ash 250 + 200 = 450 (50.0%), Bob Birch 300 + 150 = 450 (50.0%), non-transferable 100."),
        "{feed}"
    );
    assert!(feed.contains("Ann Ash 350 (35.0%), Bob Birch 250 (25.0%), Cat Cedar 200 (20.0%), Dan Dale 200 (20.0%)"), "{feed}");
    assert!(!feed.to_lowercase().contains("elected"), "{feed}");
}

#[test]
fn declared() {
    let site = site("night-declared", &election(6, 6, true));
    for (path, html) in election_pages(&site) {
        assert!(!html.contains("Count in progress"), "{path}");
    }
    let page = site.page(&format!("{ELECTION}index.html"));
    assert!(
        page.contains("Ann Ash (Independent) is elected at the second count with 2,760"),
        "{page}"
    );
    assert!(page.contains("20 June 2026, 10:05"), "declaration time");
    let json = results(&site);
    assert_eq!(json["status"], "declared");
    assert_eq!(json["winner"], "ann");
    assert_eq!(json["declared_at"], "2026-06-20T10:05:00+01:00");
    assert!(stages(&json).iter().all(|s| s == "second-count"));
    let feed = site.page(&format!("{ELECTION}atom.xml"));
    let first_entry = &feed[feed.find("<entry>").unwrap()..];
    assert!(
        first_entry
            .starts_with("<entry>\n<title>Declared: 2026 Testshire mayoral election</title>"),
        "{feed}"
    );
    assert!(first_entry.contains("<updated>2026-06-20T10:05:00+01:00</updated>"));
}

#[test]
fn the_count_command_says_what_the_pages_say() {
    let site = site("night-text", &election(2, 0, false));
    let report = std::process::Command::new(env!("CARGO_BIN_EXE_psephos"))
        .arg("count")
        .arg(site.root.join("content/elections/2026-testshire-mayor"))
        .output()
        .unwrap();
    let text = String::from_utf8(report.stdout).unwrap();
    let unwrapped = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(unwrapped.contains("Count in progress: 2 of 6 local authorities have reported first preferences. Figures are provisional."), "{text}");
    assert!(unwrapped.contains("Ann Ash leads with 700 (35.0%)"));
    assert!(claims_a_result(&text).is_none(), "{text}");
    let json = std::process::Command::new(env!("CARGO_BIN_EXE_psephos"))
        .args(["count", "--json"])
        .arg(site.root.join("content/elections/2026-testshire-mayor"))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(json.stdout).unwrap(),
        site.page(&format!("{ELECTION}results.json"))
    );
}

#[test]
fn a_majority_at_the_first_count_waits_for_the_declaration() {
    let yaml = "title: 2026 Testshire mayoral election
office: Mayor of Testshire
date: 2026-06-19
system: supplementary-vote
status: counting
candidates:
  - {id: ann, name: Ann Ash, person: ann-ash}
  - {id: bob, name: Bob Birch}
  - {id: cat, name: Cat Cedar}
areas:
  - {id: north, name: North, first: {ann: 600, bob: 300, cat: 100}}
  - {id: south, name: South, first: {ann: 500, bob: 400, cat: 100}}
";
    let site = site("night-majority", yaml);
    assert_provisional_everywhere(
        &site,
        "Count in progress: all 2 local authorities have reported first preferences. Figures are provisional until the returning officer declares the result.",
    );
    let page = site.page(&format!("{ELECTION}index.html"));
    assert!(
        page.contains("Ann Ash has more than half of the first preferences, 1,100 (55.0%); the returning officer has not yet declared the result."),
        "{page}"
    );
    assert_eq!(results(&site)["progress"]["phase"], "first-count-complete");
}
