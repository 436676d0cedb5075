//! Editing an election changes the pages of the election compared with it:
//! the preview updated edit by edit is still the site a full render gives.

use std::path::Path;

use super::preview_tests::{Serving, check, read, write};

const EARLIER: &str = "content/elections/2017-cambridgeshire-peterborough-mayor/election.yaml";
const LATER: &str = "content/elections/2021-cambridgeshire-peterborough-mayor/election.yaml";
const LATER_PAGE: &str = "elections/2021-cambridgeshire-peterborough-mayor/index.html";
const LATER_AREA: &str =
    "elections/2021-cambridgeshire-peterborough-mayor/authorities/huntingdonshire/index.html";
const LATER_JSON: &str = "elections/2021-cambridgeshire-peterborough-mayor/results.json";

/// A copy of the example site, whose 2021 election names 2017 as previous.
fn example() -> tempfile::TempDir {
    let temp = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .chain(walkdir::WalkDir::new(root.join("static")))
    {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(root).unwrap();
            let text = std::fs::read_to_string(entry.path()).unwrap();
            write(temp.path(), &relative.to_string_lossy(), &text);
        }
    }
    temp
}

fn served_text(serving: &Serving, path: &str) -> String {
    let files = serving.served();
    String::from_utf8(files.get(path).unwrap().to_vec()).unwrap()
}

#[test]
fn editing_the_previous_election_updates_the_change_shown_by_the_next() {
    let temp = example();
    let site = temp.path();
    let mut serving = Serving::start(site);
    assert!(served_text(&serving, LATER_PAGE).contains("+14.2"));
    assert!(served_text(&serving, LATER_AREA).contains("+21.7"));
    // 2,000 of Kevin Price's first preferences in Huntingdonshire go to
    // Paul Bullen (both eliminated): Labour's share in 2017 falls, and its
    // change in 2021 grows, both overall and there.
    check(&mut serving, site, EARLIER, true, || {
        let text = read(site, EARLIER).replace(
            "kevin-price: 4603, paul-bullen: 5111",
            "kevin-price: 2603, paul-bullen: 7111",
        );
        write(site, EARLIER, &text);
    });
    assert!(served_text(&serving, LATER_PAGE).contains("+15.2"));
    assert!(served_text(&serving, LATER_AREA).contains("+26.5"));
    assert!(served_text(&serving, LATER_JSON).contains("\"change\": 26.5"));
    // No longer named, and then of another office: 2021 has nothing to
    // compare with.
    check(&mut serving, site, LATER, true, || {
        let text = read(site, LATER).replace("previous: 2017-", "# previous: 2017-");
        write(site, LATER, &text);
    });
    assert!(served_text(&serving, LATER_PAGE).contains("id=\"change\""));
    check(&mut serving, site, EARLIER, true, || {
        let text = read(site, EARLIER).replace("office: Mayor of", "office: Mayor for");
        write(site, EARLIER, &text);
    });
    assert!(!served_text(&serving, LATER_PAGE).contains("id=\"change\""));
}

#[test]
fn a_previous_election_moved_past_the_one_naming_it_fails_as_a_full_load_does() {
    let temp = example();
    let site = temp.path();
    let mut serving = Serving::start(site);
    write(
        site,
        EARLIER,
        &read(site, EARLIER).replace("date: 2017-05-04", "date: 2022-05-05"),
    );
    serving.refuses(site, EARLIER, "not before this election");
}
