//! The example site in `content/`, built once and checked as a whole.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const ELECTION: &str = "elections/2017-cambridgeshire-peterborough-mayor";

/// Builds the example into a temporary folder once for all tests here.
fn built() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = std::env::temp_dir().join(format!("psephos-example-{}", std::process::id()));
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

#[test]
fn the_declared_figures_appear_where_voters_look() {
    let election = page(&format!("{ELECTION}/index.html"));
    for text in [
        "James Palmer (Conservative Party) is elected at the second count with 88,826 votes (56.9%), a majority of 21,621 over Rod Cantrill.",
        "<dd>200,378</dd>",
        "<dd>100,190 (more than half)</dd>",
        "<td class=\"num\">76,064</td>",
        "<td class=\"num\">38.0%</td>",
        "<td class=\"num\">+12,762</td>",
        "<td class=\"num\"><strong>67,205</strong></td>",
        "<dd>44,347</dd>",
        "<dd>32.9%</dd>",
    ] {
        assert!(election.contains(text), "missing {text:?}");
    }
    let home = page("index.html");
    assert!(home.contains("<td class=\"num\">88,826</td>"));
    let cambridge = page(&format!("{ELECTION}/authorities/cambridge/index.html"));
    assert!(cambridge.contains("Rod Cantrill, with 13,273 (36.7%)"));
    assert!(cambridge.contains("<td class=\"num\"><strong>19,957</strong></td>"));
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
