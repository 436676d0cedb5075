//! News on results night: items dated to the minute, drafts kept back, and
//! items dated in the future left out until `--future` (or their moment).
//! Future dates are in 2999 and past ones in 2026 or before, so that no test
//! depends on today.

use std::process::{Command, Output};

use crate::common::{SITE_YAML, TestSite, tree};
use psephos::build::{Audience, BuildError, Overwrite, Quiet, Summary, build_for, prepare_for};
use psephos::diagnostic::Kind;
use psephos::link_check;

fn news(title: &str, date: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\nsummary: About {title}.\n{extra}---\n{body}\n")
}

fn build_with(site: &TestSite, audience: Audience) -> Summary {
    build_for(
        &site.root,
        &site.out(),
        Overwrite::OwnOutput,
        &Quiet,
        audience,
    )
    .unwrap_or_else(|err| panic!("build failed:\n{err}"))
}

fn psephos(site: &TestSite, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_psephos"))
        .args(args)
        .arg(&site.root)
        .env("NO_COLOR", "1")
        .output()
        .expect("run psephos")
}

/// Every output file's text, to look for an item anywhere in the site.
fn every_file(site: &TestSite) -> Vec<(String, String)> {
    tree(&site.out())
        .into_iter()
        .map(|(path, bytes)| (path, String::from_utf8_lossy(&bytes).into_owned()))
        .collect()
}

#[test]
fn items_with_times_sort_by_the_instant_and_show_the_time() {
    let site = TestSite::standard("news-times");
    // ash-elected is 2026-06-20 (midnight, UK time).
    site.write(
        "content/news/declared.md",
        &news("Declared", "2026-06-20T09:15", "", "Text."),
    )
    // 00:50 UTC is 01:50 BST: after 01:42 UK time, before 09:15.
    .write(
        "content/news/in-utc.md",
        &news("In UTC", "2026-06-20T00:50Z", "", "Text."),
    )
    .write(
        "content/news/count-starts.md",
        &news("Count starts", "2026-06-20 01:42", "", "Text."),
    )
    // The same instant as count-starts, written with seconds and an offset:
    // a tie, ordered by slug.
    .write(
        "content/news/a-tie.md",
        &news("A tie", "2026-06-20T01:42:00+01:00", "", "Text."),
    );
    site.built();
    let index = site.page("news/index.html");
    let order: Vec<usize> = ["Declared", "In UTC", "A tie", "Count starts", "Ash elected"]
        .iter()
        .map(|title| index.find(&format!(">{title}</a>")).unwrap())
        .collect();
    assert!(order.is_sorted(), "newest first: {order:?}");
    assert!(
        index.contains("<time datetime=\"2026-06-20T09:15:00+01:00\">20 June 2026, 09:15</time>")
    );
    // A time given in UTC is shown on the UK clock, like every other.
    assert!(index.contains("<time datetime=\"2026-06-20T00:50:00Z\">20 June 2026, 01:50</time>"));
    // A date alone stays a date.
    assert!(index.contains("<time datetime=\"2026-06-20\">20 June 2026</time>"));
    let item = site.page("news/count-starts/index.html");
    assert!(
        item.contains("<time datetime=\"2026-06-20T01:42:00+01:00\">20 June 2026, 01:42</time>")
    );
    let home = site.page("index.html");
    assert!(
        home.contains("<time datetime=\"2026-06-20T09:15:00+01:00\">20 June 2026, 09:15</time>")
    );
    // The home page lists the three newest.
    assert!(home.find(">Declared</a>").unwrap() < home.find(">A tie</a>").unwrap());
    assert!(!home.contains(">Ash elected</a>"));
}

#[test]
fn the_feed_carries_each_items_date_and_time_with_its_offset() {
    let site = TestSite::standard("news-feed-times");
    site.write(
        "content/news/declared.md",
        &news("Declared", "2026-06-20T09:15:30", "", "Text."),
    )
    .write(
        "content/news/winter.md",
        &news("Winter", "2026-01-20T09:15", "", "Text."),
    )
    .write(
        "content/news/abroad.md",
        &news("Abroad", "2026-06-19T23:00-04:00", "", "Text."),
    );
    site.built();
    let feed = site.page("news/atom.xml");
    for moment in [
        // BST in June, GMT in January, the offset as given otherwise.
        "2026-06-20T09:15:30+01:00",
        "2026-01-20T09:15:00Z",
        "2026-06-19T23:00:00-04:00",
        "2026-06-20T00:00:00+01:00",
    ] {
        assert!(
            feed.contains(&format!(
                "<published>{moment}</published>\n<updated>{moment}</updated>"
            )),
            "{moment} in:\n{feed}"
        );
    }
    // The feed was last updated by its newest item: 23:00 at -04:00 is
    // 04:00 BST the next day, before 09:15:30.
    let head = &feed[..feed.find("<entry>").unwrap()];
    assert!(
        head.contains("<updated>2026-06-20T09:15:30+01:00</updated>"),
        "{head}"
    );
}

#[test]
fn a_draft_is_in_no_output_at_all() {
    let site = TestSite::standard("news-draft");
    site.write(
        "content/site.yaml",
        &format!("{SITE_YAML}base_url: https://results.example/\n"),
    )
    .write(
        "content/news/secret-draft.md",
        &news(
            "Hidden headline",
            "2026-06-19",
            "draft: true\n",
            "Hidden body.",
        ),
    )
    .write(
        "content/news/not-a-draft.md",
        &news("Shown headline", "2026-06-18", "draft: false\n", "Text."),
    );
    let summary = site.built();
    assert_eq!(summary.left_out.len(), 1);
    assert!(
        summary.to_string().contains("; left out 1 draft news item"),
        "{summary}"
    );
    assert!(site.out().join("news/not-a-draft/index.html").is_file());
    assert!(site.page("sitemap.xml").contains("news/not-a-draft/"));
    let files = every_file(&site);
    assert!(files.iter().any(|(path, _)| path == "data/index.json"));
    for (path, text) in files {
        assert!(!path.contains("secret-draft"), "{path}");
        for hidden in ["secret-draft", "Hidden headline", "Hidden body"] {
            assert!(!text.contains(hidden), "{hidden} in {path}");
        }
    }
}

/// A reference to nothing is reported where it is written, in any list
/// style and with any line ending, with the kind that says what is wrong.
#[test]
fn a_reference_to_nothing_is_placed_at_its_item_with_its_kind() {
    let site = TestSite::standard("news-reference-place");
    site.write(
        "content/news/block.md",
        "---\r\ntitle: T\r\ndate: 2026-06-20\r\nsummary: S\r\npeople:\r\n  - nobody\r\nelections:\r\n    -   2026-testshire-mayr\r\n---\r\nText.\r\n",
    );
    assert_eq!(
        site.errors(),
        [
            "content/news/block.md:6:5: people[0]: no person has the slug `nobody`",
            "content/news/block.md:8:9: elections[0]: no election has the slug `2026-testshire-mayr`",
        ]
    );
    let errors = psephos::load::load_site(&site.root).expect_err("references to nothing");
    assert_eq!(
        errors.iter().map(|e| e.kind).collect::<Vec<_>>(),
        [Kind::UnknownReference, Kind::UnknownReference]
    );
}

#[test]
fn a_draft_is_still_checked() {
    let site = TestSite::standard("news-draft-checked");
    site.write(
        "content/news/draft.md",
        "---\ntitle: T\ndate: 2026-06-20\nsummary: S\ndraft: true\npeople: [nobody]\n---\n",
    );
    assert_eq!(
        site.errors(),
        ["content/news/draft.md:6:10: people[0]: no person has the slug `nobody`"]
    );
    site.write(
        "content/news/draft.md",
        "---\ntitle: T\ndate: 2026-06-20\nsummary: S\ndraft: yes\n---\n",
    );
    assert_eq!(
        site.errors(),
        ["content/news/draft.md:5:8: draft: expected true or false, found `yes`"]
    );
    // A broken link in a draft's body fails `check`, placed in the draft.
    site.write(
        "content/news/draft.md",
        "---\ntitle: T\ndate: 2026-06-20\nsummary: S\ndraft: true\n---\nSee [the results](../../nowhere/index.html).\n",
    );
    let output = psephos(&site, &["check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "broken link `../../nowhere/index.html`: the site has no file nowhere/index.html"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("draft.md:7:19"), "{stderr}");
}

#[test]
fn an_item_dated_in_the_future_waits_for_future() {
    let site = TestSite::standard("news-future");
    site.write(
        "content/news/next-time.md",
        &news("Next time", "2999-01-01T09:00", "", "Not yet."),
    );
    let summary = site.built();
    assert!(
        summary
            .to_string()
            .contains("; left out 1 news item dated in the future (--future publishes those dated in the future)"),
        "{summary}"
    );
    assert!(!site.out().join("news/next-time").exists());
    for (path, text) in every_file(&site) {
        assert!(!text.contains("next-time"), "in {path}");
    }

    let summary = build_with(&site, Audience::Publish { future: true });
    assert!(summary.left_out.is_empty());
    assert!(site.page("news/next-time/index.html").contains("Not yet."));
    assert!(
        site.page("news/atom.xml")
            .contains("<published>2999-01-01T09:00:00Z</published>")
    );
    let index = site.page("news/index.html");
    assert!(index.find(">Next time</a>").unwrap() < index.find(">Ash elected</a>").unwrap());

    // The preview always shows it.
    let preview = prepare_for(&site.root, &Quiet, Audience::Preview).unwrap();
    assert!(preview.site.news.iter().any(|n| n.slug == "next-time"));
    assert!(
        preview
            .outputs
            .iter()
            .any(|o| o.path == "news/next-time/index.html")
    );

    // So does the command line, with --future and only with it.
    let output = psephos(&site, &["build", "--future", "--quiet"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(site.out().join("news/next-time/index.html").is_file());
    let output = psephos(&site, &["build", "--quiet"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!site.out().join("news/next-time").exists());
}

#[test]
fn a_link_to_an_item_left_out_says_why() {
    let site = TestSite::standard("news-left-out-links");
    site.write(
        "content/news/embargoed.md",
        &news("Embargoed", "2999-01-01", "", "Later."),
    )
    .write(
        "content/news/unfinished.md",
        &news("Unfinished", "2026-06-19", "draft: true\n", "Soon."),
    )
    .write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nSee [what is next](../news/embargoed/index.html).\n\nAnd [this](../news/unfinished/index.html).\n",
    );
    let output = psephos(&site, &["check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    for expected in [
        "error: broken link `../news/embargoed/index.html`: the news item `embargoed` is dated 1 January 2999, in the future, so it is not published yet",
        "pages/about.md:4:20",
        "help: run `psephos build --future` to publish items dated in the future",
        "error: broken link `../news/unfinished/index.html`: the news item `unfinished` is a draft (`draft: true`), so it is not published",
        "pages/about.md:6:12",
        "help: remove `draft: true` from content/news/unfinished.md to publish it",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }
    // With --future only the draft is missing.
    let output = psephos(&site, &["check", "--future"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("embargoed"), "{stderr}");
    assert!(stderr.contains("`unfinished` is a draft"), "{stderr}");

    // A build does not check links, but warns of those it broke itself.
    let summary = site.built();
    let warnings: Vec<String> = summary.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(warnings[0].contains("`embargoed` is dated 1 January 2999"));
    assert!(warnings[1].contains("`unfinished` is a draft"));

    // Without the links, check passes and says what it checked beyond.
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nNo links.\n",
    );
    let output = psephos(&site, &["check"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(
            "; also checked 1 draft news item and 1 dated in the future, which build leaves out"
        ),
        "{stdout}"
    );
}

#[test]
fn the_pages_of_items_left_out_are_checked_against_the_whole_site() {
    let site = TestSite::standard("news-whole-site");
    // Every item is left out, so the published site has no news at all; the
    // item's own links (to the news list, the feed) are still good.
    site.write(
        "content/news/ash-elected.md",
        &news("Ash elected", "2999-06-20", "", "Text."),
    );
    let (published, whole) =
        psephos::build::prepare_check(&site.root, &Quiet, Audience::PUBLISH).unwrap();
    assert!(
        published
            .outputs
            .iter()
            .all(|o| !o.path.starts_with("news/"))
    );
    let whole = whole.expect("the site with its items put back");
    let report = link_check::check_site(
        &site.root,
        &published.outputs,
        &published.left_out,
        Some(&whole.outputs),
        None,
    );
    assert_eq!(report.problems.len(), 0, "{:#?}", report.problems);
    let alone = link_check::check_site(&site.root, &published.outputs, &[], None, None);
    assert_eq!(report.pages, alone.pages + 1);
}

#[test]
fn an_invalid_date_and_time_is_located_and_both_forms_are_shown() {
    let site = TestSite::standard("news-bad-time");
    site.write(
        "content/news/ash-elected.md",
        "---\ntitle: T\ndate: 2026-06-20T25:00\nsummary: S\n---\n",
    );
    let Err(BuildError::Content(errors)) = site.build() else {
        panic!("the build succeeded");
    };
    assert_eq!(errors.len(), 1);
    let error = &errors[0];
    assert!(error.file.ends_with("content/news/ash-elected.md"));
    assert_eq!((error.location.line, error.location.column), (3, 7));
    assert_eq!(
        error.message,
        "`2026-06-20T25:00` is not a valid date or date and time"
    );
    let help = error.help.as_deref().unwrap();
    assert!(help.contains("YYYY-MM-DD (2026-06-20)"), "{help}");
    assert!(
        help.contains("YYYY-MM-DDTHH:MM (2026-06-20T01:42"),
        "{help}"
    );
}

/// An archive's news index is paged, 50 items a page, newest first, each
/// page linking to its neighbours; the feed keeps the newest 50.
#[test]
fn a_long_news_list_is_paged() {
    let site = TestSite::new("news-pages");
    site.write("content/site.yaml", SITE_YAML);
    // 120 items on 120 different days of 2025, item-0 the newest.
    for i in 0..120 {
        let day = format!("2025-{:02}-{:02}", 12 - i / 28, 28 - i % 28);
        site.write(
            &format!("content/news/item-{i}.md"),
            &news(&format!("Item {i}"), &day, "", "Text."),
        );
    }
    build_with(&site, Audience::Publish { future: false });
    let page = |path: &str| {
        std::fs::read_to_string(site.out().join(path)).unwrap_or_else(|err| panic!("{path}: {err}"))
    };
    let titles = |html: &str| -> Vec<String> {
        html.split("<h2><a href=\"")
            .skip(1)
            .map(|rest| {
                rest.split('>')
                    .nth(1)
                    .unwrap()
                    .trim_end_matches("</a")
                    .to_owned()
            })
            .collect()
    };
    let first = page("news/index.html");
    let second = page("news/page/2/index.html");
    let third = page("news/page/3/index.html");
    let expected = |range: std::ops::Range<usize>| -> Vec<String> {
        range.map(|i| format!("Item {i}")).collect()
    };
    assert_eq!(titles(&first), expected(0..50));
    assert_eq!(titles(&second), expected(50..100));
    assert_eq!(titles(&third), expected(100..120));
    assert!(!site.out().join("news/page/4").exists());
    assert!(first.contains("<span>Page 1 of 3</span>"), "{first}");
    assert!(!first.contains("rel=\"prev\""));
    // Where each neighbour link leads (`check` below proves they resolve).
    assert!(first.contains("news/page/2/index.html\" rel=\"next\">Older news</a>"));
    assert!(second.contains("<title>News, page 2 of 3"), "{second}");
    assert!(second.contains("/news/index.html\" rel=\"prev\">Newer news</a>"));
    assert!(second.contains("/news/page/3/index.html\" rel=\"next\">Older news</a>"));
    assert!(!third.contains("rel=\"next\""));
    let feed = page("news/atom.xml");
    assert_eq!(feed.matches("<entry>").count(), 50);
    let checked = psephos(&site, &["check"]);
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
}

#[test]
fn a_news_item_cannot_take_the_name_of_the_index_pages() {
    let site = TestSite::standard("news-page-name");
    site.write(
        "content/news/page.md",
        &news("Page", "2026-05-01", "", "Text."),
    );
    let Err(BuildError::Content(problems)) =
        prepare_for(&site.root, &Quiet, Audience::Publish { future: false })
    else {
        panic!("a news item called page is refused");
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].kind, Kind::Reserved);
    assert!(
        problems[0].message.contains("cannot be called `page`"),
        "{}",
        problems[0]
    );
    assert!(problems[0].file.ends_with("content/news/page.md"));
}
