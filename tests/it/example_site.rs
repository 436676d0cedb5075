//! The example site in `content/`, built once and checked as a whole.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const ELECTION: &str = "elections/2017-cambridgeshire-peterborough-mayor";

/// Builds the example into a temporary folder once for all tests here.
fn built() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        // Cargo's own scratch folder for integration tests: a static is never
        // dropped, so a temporary directory here would outlive every run.
        // Built afresh each run: a copied target folder (a new worktree) holds
        // a build whose files look changed, which a build rightly refuses to
        // replace.
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("example-site");
        let _ = std::fs::remove_dir_all(&out);
        let site = Path::new(env!("CARGO_MANIFEST_DIR"));
        let overwrite = psephos::build::Overwrite::OwnOutput;
        psephos::build::build(site, &out, overwrite, &psephos::build::Quiet)
            .unwrap_or_else(|e| panic!("{e}"));
        out
    })
}

fn page(relative: &str) -> String {
    std::fs::read_to_string(built().join(relative)).unwrap()
}

/// A page with the stylesheet's content hash taken out, so that styling
/// changes do not churn the snapshots of the markup.
fn snapshot_page(relative: &str) -> String {
    let css = psephos::assets::DEFAULT_STYLESHEET.as_bytes();
    let name = format!("style.{}.css", psephos::assets::fingerprint(css));
    page(relative).replace(&name, "style.[hash].css")
}

#[test]
fn main_pages_match_their_snapshots() {
    insta::assert_snapshot!("home", snapshot_page("index.html"));
    insta::assert_snapshot!("elections", snapshot_page("elections/index.html"));
    insta::assert_snapshot!("election", snapshot_page(&format!("{ELECTION}/index.html")));
    insta::assert_snapshot!(
        "authority-cambridge",
        snapshot_page(&format!("{ELECTION}/authorities/cambridge/index.html"))
    );
    insta::assert_snapshot!(
        "candidate-james-palmer",
        snapshot_page(&format!("{ELECTION}/candidates/james-palmer/index.html"))
    );
}

/// The notices of result: 2017 without ballot-paper names (the fallbacks),
/// 2021 with them, the returning officer and the day of the declaration.
#[test]
fn the_notices_of_result_match_their_snapshots() {
    insta::assert_snapshot!(
        "notice-2017",
        snapshot_page(&format!("{ELECTION}/notice/index.html"))
    );
    insta::assert_snapshot!(
        "notice-2021",
        snapshot_page("elections/2021-cambridgeshire-peterborough-mayor/notice/index.html")
    );
}

#[test]
fn the_office_and_people_pages_tell_each_candidacy_s_place() {
    let office = page("elections/office/mayor-of-cambridgeshire-and-peterborough/index.html");
    for text in [
        // 113,994 − 108,195; 51.3% less 48.7% of 222,189.
        "), elected at the second count, by 5,799 votes (2.6 percentage points) over James Palmer.",
        // 88,826 − 67,205; 56.9% less 43.1% of 156,031.
        "), elected at the second count, by 21,621 votes (13.8 percentage points) over Rod Cantrill.",
    ] {
        assert!(office.contains(text), "missing {text:?} in {office}");
    }
    let palmer = page("people/james-palmer/index.html");
    for text in [
        "2021 Cambridgeshire and Peterborough mayoral election</a>: <strong>2nd of 3, 5,799 behind at the second count</strong>.",
        "2017 Cambridgeshire and Peterborough mayoral election</a>: <strong>Elected at the second count, by 21,621 votes</strong>.",
        "<h2 id=\"news\">News about James Palmer</h2>",
    ] {
        assert!(palmer.contains(text), "missing {text:?}");
    }
    assert!(
        page("people/rod-cantrill/index.html")
            .contains("</a>: <strong>2nd of 7, 21,621 behind at the second count</strong>.")
    );
    // Behind the winner's 76,106 first preferences, not the leader's 93,942.
    assert!(
        page("people/aidan-van-de-weyer/index.html")
            .contains("</a>: <strong>3rd of 3, 14,221 behind at the first count</strong>.")
    );
    let johnson =
        page("elections/2021-cambridgeshire-peterborough-mayor/candidates/nik-johnson/index.html");
    assert!(johnson.contains(
        "Nik Johnson was elected at the second count, by 5,799 votes (2.6 percentage points) over James Palmer."
    ));
}

#[test]
fn the_declared_figures_appear_where_voters_look() {
    let election = page(&format!("{ELECTION}/index.html"));
    for text in [
        "James Palmer (Conservative Party) is elected at the second count with 88,826 votes (56.9%), a majority of 21,621 over Rod Cantrill.",
        "<dd>200,378</dd>",
        "<dd>100,190 (more than half)</dd>",
        "<td class=\"num\" data-label=\"Votes\">76,064</td>",
        "<td class=\"num\" data-label=\"Share\">38.0%</td>",
        "<td class=\"num\" data-label=\"Transfers\">+12,762</td>",
        "<td class=\"num\" data-label=\"Total\"><strong>67,205</strong></td>",
        "<dd>44,347</dd>",
        "<dd>32.9%</dd>",
    ] {
        assert!(election.contains(text), "missing {text:?}");
    }
    let home = page("index.html");
    // The home page leads with the latest election, 2021, as the council's
    // declaration gives it: Johnson 76,106 + 37,888, Palmer 93,942 + 14,253.
    assert!(home.contains("<td class=\"num\" data-label=\"Second count\">113,994</td>"));
    assert!(home.contains("<td class=\"num\" data-label=\"Second count\">108,195</td>"));
    let cambridge = page(&format!("{ELECTION}/authorities/cambridge/index.html"));
    assert!(cambridge.contains("Rod Cantrill, with 13,273 (36.7%)"));
    assert!(
        cambridge.contains("<td class=\"num\" data-label=\"Total\"><strong>19,957</strong></td>")
    );
}

/// The text of an HTML fragment: tags dropped, the entities templates write
/// decoded, spaces collapsed.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The cells of each row in `html`, as (tag, opening tag, inner HTML).
fn rows(html: &str) -> Vec<Vec<(&str, &str, &str)>> {
    html.split("<tr")
        .skip(1)
        .map(|row| {
            let row = &row[..row.find("</tr>").unwrap_or(row.len())];
            let mut cells = Vec::new();
            let mut rest = row;
            while let Some(start) = rest.find(['<']) {
                rest = &rest[start..];
                let tag = if rest.starts_with("<th") {
                    "th"
                } else if rest.starts_with("<td") {
                    "td"
                } else {
                    rest = &rest[1..];
                    continue;
                };
                let open_end = rest.find('>').unwrap() + 1;
                let close = rest.find(&format!("</{tag}>")).unwrap();
                cells.push((tag, &rest[..open_end], &rest[open_end..close]));
                rest = &rest[close..];
            }
            cells
        })
        .collect()
}

/// On a narrow screen each figure shows its column's heading from
/// `data-label`; that must be the header's own text, for every figure in
/// every results table on every page.
#[test]
fn every_figure_is_labelled_with_its_column_heading() {
    let mut pages = vec![built().to_path_buf()];
    let mut labelled = 0;
    while let Some(path) = pages.pop() {
        if path.is_dir() {
            pages.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(&path).unwrap();
        for table in html.split("<table").skip(1) {
            let table = &table[..table.find("</table>").unwrap()];
            assert!(
                table.starts_with(" class=\"results"),
                "{}: {table}",
                path.display()
            );
            let (head, body) = table.split_at(table.find("</thead>").unwrap());
            let headings: Vec<String> = rows(head)[0].iter().map(|c| text_of(c.2)).collect();
            for row in rows(body) {
                assert_eq!(row.len(), headings.len(), "{}: {row:?}", path.display());
                for ((tag, open, inner), heading) in row.iter().zip(&headings) {
                    let label = open
                        .split_once("data-label=\"")
                        .map(|(_, rest)| text_of(&rest[..rest.find('"').unwrap()]));
                    match label {
                        Some(label) => {
                            assert_eq!(&label, heading, "{}: {open}{inner}", path.display());
                            labelled += 1;
                        }
                        // Row headings stand on a line of their own; an
                        // empty cell has nothing to label.
                        None => assert!(
                            *tag == "th" || text_of(inner).is_empty(),
                            "{}: unlabelled {open}{inner}",
                            path.display()
                        ),
                    }
                }
            }
        }
    }
    assert!(labelled > 300, "only {labelled} labelled figures");
}

#[test]
fn every_internal_link_and_fragment_resolves() {
    let site = Path::new(env!("CARGO_MANIFEST_DIR"));
    let prepared =
        psephos::build::prepare(site, &psephos::build::Quiet).unwrap_or_else(|e| panic!("{e}"));
    let report = psephos::link_check::check(
        site,
        &prepared.outputs,
        prepared.site.config.base_url.as_deref(),
    );
    let broken: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(report.links > 300, "only {} links checked", report.links);
}

#[test]
fn every_candidate_has_a_profile_and_every_profile_a_page() {
    for id in [
        "james-palmer",
        "rod-cantrill",
        "kevin-price",
        "paul-bullen",
        "julie-howell",
        "peter-dawe",
        "stephen-goldspink",
    ] {
        let candidate = page(&format!("{ELECTION}/candidates/{id}/index.html"));
        assert!(
            candidate.contains("<h2 id=\"profile\">Profile</h2>"),
            "{id}"
        );
        assert!(
            built().join(format!("people/{id}/index.html")).is_file(),
            "{id}"
        );
    }
}

/// results.csv lists each area's rows as docs/open-data.md says: first
/// count, then second; within each, those in the second count first by
/// their total there, then the others by first preferences (ties by id).
#[test]
fn results_csv_rows_are_in_the_documented_order() {
    let csv = page("elections/2017-cambridgeshire-peterborough-mayor/results.csv");
    let csv = csv.strip_prefix('\u{feff}').expect("a byte-order mark");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let areas: Vec<&str> = rows.iter().map(|r| &r[2]).fold(Vec::new(), |mut seen, a| {
        if seen.last() != Some(&a) {
            assert!(!seen.contains(&a), "the rows of {a} are not together");
            seen.push(a);
        }
        seen
    });
    assert_eq!(areas.len(), 6);
    let mut leaders_differ = false;
    for area in areas {
        let of = |stage: &str| -> Vec<&csv::StringRecord> {
            rows.iter()
                .filter(|r| &r[2] == area && &r[4] == stage)
                .collect()
        };
        let (first, second) = (of("first"), of("second"));
        let stages: Vec<&str> = rows
            .iter()
            .filter(|r| &r[2] == area)
            .map(|r| &r[4])
            .collect();
        assert!(
            stages.windows(2).all(|w| w != ["second", "first"]),
            "{area}: {stages:?}"
        );
        let votes = |r: &csv::StringRecord| r[9].parse::<u64>().unwrap();
        let total = |id: &str| second.iter().find(|r| &r[5] == id).map(|r| votes(r));
        // The order expected: by total at the second count, then by first
        // preferences, then by id.
        let mut expected: Vec<&csv::StringRecord> = first.clone();
        expected.sort_by(|a, b| {
            let (ta, tb) = (total(&a[5]), total(&b[5]));
            tb.is_some()
                .cmp(&ta.is_some())
                .then(tb.cmp(&ta))
                .then(votes(b).cmp(&votes(a)))
                .then(a[5].cmp(&b[5]))
        });
        let ids =
            |rs: &[&csv::StringRecord]| rs.iter().map(|r| r[5].to_owned()).collect::<Vec<_>>();
        assert_eq!(ids(&first), ids(&expected), "first-count rows of {area}");
        let second_order = ids(&expected[..second.len()]);
        assert_eq!(ids(&second), second_order, "second-count rows of {area}");
        leaders_differ |= &first[0][11] == "false";
    }
    assert!(
        leaders_differ,
        "an area led by someone other than the winner lists them first"
    );
}
