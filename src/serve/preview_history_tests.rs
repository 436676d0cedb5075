//! The preview after edits to what the history pages show, held to a full
//! render as `preview_tests` holds every edit: the news an election, a
//! person and a candidacy list, and places and gaps in a person's record,
//! a candidacy's other candidacies and an office's elections.

use std::fs;

use super::preview_tests::{EARLIER, ELECTION, Serving, check, news, read, site, write};

/// A news item naming `elections` and `people`.
fn naming(title: &str, date: &str, elections: &str, people: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: {date}\nsummary: About {title}.\nelections: [{elections}]\npeople: [{people}]\n---\nText.\n"
    )
}

#[test]
fn a_news_edit_updates_the_lists_of_news_that_name_it() {
    let temp = site();
    let site = temp.path();
    let mut serving = Serving::start(site);
    let item = "content/news/item-050.md";
    let (now, later) = ("2026-07-01", "2026-07-02");
    // The newest item, at the top of the election's, the person's and
    // the person's candidacy's lists; then retitled.
    for title in ["Item 50", "Item 50 retitled"] {
        check(&mut serving, site, item, true, || {
            write(site, item, &news(title, now, "Text."));
        });
    }
    // About the earlier election instead: it leaves one election's list
    // and the later candidacy's, and joins the other's.
    check(&mut serving, site, item, true, || {
        let text = naming("Item 50", now, "2022-exampleshire-mayor", "alex-rivers");
        write(site, item, &text);
    });
    // Naming nobody: it leaves the person's list and every candidacy's.
    check(&mut serving, site, item, true, || {
        write(
            site,
            item,
            &naming("Item 50", now, "2022-exampleshire-mayor", ""),
        );
    });
    // A new item naming both, then removed; then one made a draft.
    let added = "content/news/added.md";
    check(&mut serving, site, added, true, || {
        let text = naming("Added", later, "2022-exampleshire-mayor", "alex-rivers");
        write(site, added, &text);
    });
    check(&mut serving, site, added, true, || {
        fs::remove_file(site.join(added)).unwrap();
    });
    check(&mut serving, site, item, true, || {
        let text = read(site, item).replacen("---\n", "---\ndraft: true\n", 1);
        write(site, item, &text);
    });
}

#[test]
fn an_election_edit_updates_places_and_gaps_wherever_they_are_told() {
    let temp = site();
    let site = temp.path();
    let mut serving = Serving::start(site);
    // Sam Fields, with no profile, wins the earlier election: Alex Rivers's
    // record, both candidacies' other candidacies (by person and by id) and
    // the office's page change.
    check(&mut serving, site, EARLIER, true, || {
        let text = read(site, EARLIER)
            .replace(
                "{alex-rivers: 700, sam-fields: 720}",
                "{alex-rivers: 700, sam-fields: 920}",
            )
            .replace("winner: alex-rivers", "winner: sam-fields")
            .replace("sam-fields: 8740", "sam-fields: 8940");
        write(site, EARLIER, &text);
    });
    // The later one's margin.
    check(&mut serving, site, ELECTION, true, || {
        let text = read(site, ELECTION)
            .replace("4120", "4321")
            .replace("alex-rivers: 8880", "alex-rivers: 9081");
        write(site, ELECTION, &text);
    });
}

#[test]
fn an_office_spelled_as_another_s_page_fails_as_a_full_load_does() {
    let temp = site();
    let site = temp.path();
    let mut serving = Serving::start(site);
    // Its page would be the other election's office's page.
    let text = read(site, EARLIER).replace(
        "office: Mayor of Exampleshire",
        "office: Mayor of exampleshire",
    );
    write(site, EARLIER, &text);
    serving.refuses(site, EARLIER, "would share its page");
}
