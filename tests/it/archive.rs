//! An archive people can use: the news of each year on pages of its own,
//! paged like the index and linked from it and from each item; a page per
//! office listing its elections with their winners; every election a person
//! stood in on their page; all of them in the sitemap.

use crate::common::{ELECTION_YAML, PERSON_MD, SITE_YAML, TestSite};

fn news(title: &str, date: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\nsummary: About {title}.\n---\nText.\n")
}

/// The headlines a news list shows, in order.
fn titles(html: &str) -> Vec<String> {
    html.split("<h2><a href=\"")
        .skip(1)
        .map(|rest| {
            let text = rest.split('>').nth(1).unwrap();
            text.trim_end_matches("</a").to_owned()
        })
        .collect()
}

/// Every internal link of the built site resolves, as `psephos check` sees it.
fn assert_links_resolve(site: &TestSite) {
    let prepared = psephos::build::prepare(&site.root, &psephos::build::Quiet).unwrap();
    let report = psephos::link_check::check(&site.root, &prepared.outputs, None);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

/// 55 items in 2025 (`new-0` the newest), 3 in 2024 and 1 in 2022.
fn news_archive(name: &str) -> TestSite {
    let site = TestSite::new(name);
    site.write("content/site.yaml", SITE_YAML);
    for i in 0..55 {
        let day = format!("2025-{:02}-{:02}", 12 - i / 28, 28 - i % 28);
        site.write(
            &format!("content/news/new-{i}.md"),
            &news(&format!("New {i}"), &day),
        );
    }
    for (i, day) in ["2024-12-31", "2024-06-01", "2024-01-01"]
        .iter()
        .enumerate()
    {
        site.write(
            &format!("content/news/mid-{i}.md"),
            &news(&format!("Mid {i}"), day),
        );
    }
    site.write("content/news/old.md", &news("Old", "2022-03-04T10:00"));
    site.built();
    site
}

#[test]
fn each_year_of_news_has_pages_of_its_own_newest_first() {
    let site = news_archive("news-years");
    let named = |prefix: &str, range: std::ops::Range<usize>| -> Vec<String> {
        range.map(|i| format!("{prefix} {i}")).collect()
    };
    let y2025 = site.page("news/2025/index.html");
    let y2025_2 = site.page("news/2025/page/2/index.html");
    assert_eq!(titles(&y2025), named("New", 0..50));
    assert_eq!(titles(&y2025_2), named("New", 50..55));
    assert_eq!(
        titles(&site.page("news/2024/index.html")),
        named("Mid", 0..3)
    );
    assert_eq!(titles(&site.page("news/2022/index.html")), ["Old"]);
    assert!(!site.out().join("news/2025/page/3").exists());
    assert!(!site.out().join("news/2023").exists());
    assert!(!site.out().join("news/2024/page").exists());
    // Paged like the index, and titled by year.
    assert!(y2025.contains("<h1>News from 2025</h1>"), "{y2025}");
    assert!(y2025.contains("<span>Page 1 of 2</span>"));
    assert!(y2025.contains("news/2025/page/2/index.html\" rel=\"next\">Older news</a>"));
    assert!(
        y2025_2.contains("<title>News from 2025, page 2 of 2"),
        "{y2025_2}"
    );
    assert!(y2025_2.contains("/news/2025/index.html\" rel=\"prev\">Newer news</a>"));
    assert!(!y2025_2.contains("rel=\"next\""));
    // Breadcrumbs lead back through the index and the year.
    assert!(y2025_2.contains("<li><a href=\"../../../../news/index.html\">News</a></li>"));
    assert!(y2025_2.contains("<li><a href=\"../../../../news/2025/index.html\">2025</a></li>"));
    assert!(!site.page("news/2022/index.html").contains("Page 1 of"));
}

#[test]
fn every_news_list_leads_to_every_year_and_each_item_to_its_own() {
    let site = news_archive("news-year-links");
    let nav = "<li><a href=\"../news/2025/index.html\">2025</a> (55 items)</li>\n\
               <li><a href=\"../news/2024/index.html\">2024</a> (3 items)</li>\n\
               <li><a href=\"../news/2022/index.html\">2022</a> (1 item)</li>";
    let index = site.page("news/index.html");
    assert!(index.contains(nav), "{index}");
    // The same list from deeper pages, the year shown marked as current.
    let index_2 = site.page("news/page/2/index.html");
    assert!(index_2.contains("<a href=\"../../../news/2022/index.html\">2022</a> (1 item)"));
    let y2024 = site.page("news/2024/index.html");
    assert!(
        y2024.contains("<a href=\"../../news/2024/index.html\" aria-current=\"page\">2024</a>")
    );
    assert!(y2024.contains("<a href=\"../../news/2025/index.html\">2025</a>"));
    // An item's breadcrumbs name its year.
    let item = site.page("news/old/index.html");
    assert!(
        item.contains("<li><a href=\"../../news/2022/index.html\">2022</a></li>\n<li aria-current=\"page\">Old</li>"),
        "{item}"
    );
    assert_links_resolve(&site);
}

#[test]
fn a_news_item_cannot_take_the_address_of_a_year() {
    let site = TestSite::standard("news-year-name");
    site.write("content/news/2024.md", &news("A year", "2024-05-01"));
    let errors = site.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("content/news/2024.md")
            && errors[0].contains(
                "a news item cannot be called `2024`: news/2024/ is for the news of a year"
            ),
        "{}",
        errors[0]
    );
}

/// `ELECTION_YAML` as another election: for `county`, on `date`.
fn election(county: &str, year: &str, date: &str) -> String {
    ELECTION_YAML
        .replace("2026 Testshire", &format!("{year} {county}"))
        .replace("Testshire", county)
        .replace("2026-06-19", date)
}

/// Testshire in 2026, 2022 and 2018 and Westshire in 2024; Ann Ash, who has
/// a profile, stands in all four.
fn offices_site(name: &str) -> TestSite {
    let site = TestSite::standard(name);
    site.write(
        "content/elections/2022-testshire-mayor/election.yaml",
        &election("Testshire", "2022", "2022-05-05"),
    )
    .write(
        "content/elections/2018-testshire-mayor/election.yaml",
        &election("Testshire", "2018", "2018-05-03"),
    )
    .write(
        "content/elections/2024-westshire-mayor/election.yaml",
        &election("Westshire", "2024", "2024-05-02"),
    );
    site
}

#[test]
fn each_office_has_a_page_of_its_elections_newest_first_with_winners() {
    let site = offices_site("offices");
    site.built();
    let page = site.page("elections/office/mayor-of-testshire/index.html");
    assert!(page.contains("<h1>Mayor of Testshire</h1>"), "{page}");
    assert!(page.contains("<p>3 elections, from 2018 to 2026. Newest first.</p>"));
    let order: Vec<usize> = ["2026", "2022", "2018"]
        .iter()
        .map(|year| {
            let title = format!(
                "<h2><a href=\"../../../elections/{year}-testshire-mayor/index.html\">{year} Testshire mayoral election</a></h2>"
            );
            page.find(&title).unwrap_or_else(|| panic!("{title} in {page}"))
        })
        .collect();
    assert!(order.is_sorted(), "newest first: {order:?}");
    assert!(!page.contains("Westshire"));
    // Each with its winner and party.
    let winner = "<a href=\"../../../elections/2022-testshire-mayor/candidates/ann-ash/index.html\">Ann Ash</a> (<span class=\"party\">";
    assert!(page.contains(winner), "{page}");
    assert_eq!(
        page.matches(
            "Red Party</span>), elected at the second count, by 10 votes (0.6 percentage points) over Bob Birch."
        )
        .count(),
        3
    );
    assert!(page.contains("<a href=\"../../../elections/index.html\">Elections</a>"));
    let west = site.page("elections/office/mayor-of-westshire/index.html");
    assert!(
        west.contains("<p>1 election, in 2024. Newest first.</p>"),
        "{west}"
    );
    // The elections list keeps its years and lists the offices, with counts.
    let list = site.page("elections/index.html");
    assert!(list.contains(
        "<li><a href=\"../elections/office/mayor-of-testshire/index.html\">Mayor of Testshire</a> (3 elections)</li>\n\
         <li><a href=\"../elections/office/mayor-of-westshire/index.html\">Mayor of Westshire</a> (1 election)</li>"
    ), "{list}");
    assert!(list.contains("<h2 id=\"year-2018\">2018</h2>"));
    assert!(list.contains("<li><a href=\"#year-2024\">2024</a></li>"));
    // An election's page leads to its office's.
    let one = site.page("elections/2022-testshire-mayor/index.html");
    assert!(one.contains(
        "<p class=\"lede\"><a href=\"../../elections/office/mayor-of-testshire/index.html\">Mayor of Testshire</a>"
    ));
    assert_links_resolve(&site);
}

#[test]
fn a_person_page_lists_every_election_they_stood_in() {
    let site = offices_site("person-candidacies");
    site.built();
    let person = site.page("people/ann-ash/index.html");
    for (slug, title) in [
        ("2026-testshire-mayor", "2026 Testshire mayoral election"),
        ("2024-westshire-mayor", "2024 Westshire mayoral election"),
        ("2022-testshire-mayor", "2022 Testshire mayoral election"),
        ("2018-testshire-mayor", "2018 Testshire mayoral election"),
    ] {
        assert!(
            person.contains(&format!(
                "<li><a href=\"../../elections/{slug}/candidates/ann-ash/index.html\">{title}</a>: <strong>Elected at the second count, by 10 votes</strong>. Red Party: 700 first preferences, 790 after transfers.</li>"
            )),
            "{title}: {person}"
        );
    }
    assert_eq!(
        person
            .matches(": <strong>Elected at the second count")
            .count(),
        4
    );
}

#[test]
fn an_office_from_the_data_is_escaped_and_given_a_plain_address() {
    let site = TestSite::standard("office-escaped");
    site.write(
        "content/elections/2022-odd-mayor/election.yaml",
        &election("Testshire", "2022", "2022-05-05").replace(
            "office: Mayor of Testshire",
            "office: \"Mayor of <b>Odd</b> & \\\"Co\\\"\"",
        ),
    );
    site.built();
    let page = site.page("elections/office/mayor-of-b-odd-b-co/index.html");
    assert!(
        page.contains("<h1>Mayor of &#60;b&#62;Odd&#60;/b&#62; &#38; &#34;Co&#34;</h1>"),
        "{page}"
    );
    assert!(!page.contains("<b>Odd"));
    assert!(!site.page("elections/index.html").contains("<b>Odd"));
}

#[test]
fn two_offices_that_would_share_a_page_are_refused_at_the_older() {
    let site = offices_site("office-clash");
    site.write(
        "content/elections/2022-testshire-mayor/election.yaml",
        &election("Testshire", "2022", "2022-05-05")
            .replace("office: Mayor of Testshire", "office: Mayor of  TESTSHIRE"),
    );
    let errors = site.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(
            "content/elections/2022-testshire-mayor/election.yaml:2:9: office: the office `Mayor of  TESTSHIRE` would share its page, elections/office/mayor-of-testshire/, with `Mayor of Testshire` (elections/2026-testshire-mayor)"
        ),
        "{}",
        errors[0]
    );
}

#[test]
fn an_election_cannot_take_the_folder_of_the_office_pages() {
    let site = TestSite::standard("office-folder");
    site.write(
        "content/elections/office/election.yaml",
        &election("Testshire", "2022", "2022-05-05"),
    );
    let errors = site.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("content/elections/office")
            && errors[0].contains("an election cannot be called `office`: elections/office/ holds a page for each office"),
        "{}",
        errors[0]
    );
}

#[test]
fn the_sitemap_lists_the_year_and_office_pages() {
    let site = news_archive("archive-sitemap");
    site.write(
        "content/site.yaml",
        "title: T\npublisher: P\nbase_url: https://r.example\n",
    )
    .write(
        "content/elections/2026-testshire-mayor/election.yaml",
        ELECTION_YAML,
    )
    .write("content/people/ann-ash.md", PERSON_MD);
    site.built();
    let sitemap = site.page("sitemap.xml");
    for page in [
        "news/2025/",
        "news/2025/page/2/",
        "news/2024/",
        "news/2022/",
        "elections/office/mayor-of-testshire/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://r.example/{page}</loc>")),
            "{page}: {sitemap}"
        );
    }
}

#[test]
fn a_direction_override_in_the_data_ends_with_the_text_that_holds_it() {
    // An override left open turns everything after it in the paragraph
    // backwards: the count after an office, the figures after a name.
    let site = offices_site("office-override");
    for (file, from, to) in [
        (
            "content/elections/2026-testshire-mayor/election.yaml",
            "office: Mayor of Testshire",
            "office: \"Mayor of Testshire\\u202E\"",
        ),
        (
            "content/elections/2022-testshire-mayor/election.yaml",
            "office: Mayor of Testshire",
            "office: \"Mayor of Testshire\\u202E\"",
        ),
        (
            "content/elections/2018-testshire-mayor/election.yaml",
            "office: Mayor of Testshire",
            "office: \"Mayor of Testshire\\u202E\"",
        ),
    ] {
        let yaml = std::fs::read_to_string(site.root.join(file)).unwrap();
        site.write(file, &yaml.replace(from, to));
    }
    site.write(
        "content/news/override.md",
        "---\ntitle: \"\\u2067Turned\"\ndate: 2025-01-02\nsummary: S.\n---\nText.\n",
    );
    site.built();
    let list = site.page("elections/index.html");
    assert!(
        list.contains("Mayor of Testshire\u{202E}\u{202C}</a> (3 elections)</li>"),
        "{list}"
    );
    let news = site.page("news/index.html");
    assert!(news.contains(">\u{2067}Turned\u{2069}</a>"), "{news}");
    let title = site.page("news/override/index.html");
    assert!(
        title.contains("<title>\u{2067}Turned\u{2069} – "),
        "{title}"
    );
}

/// The links a page marks as current, as (`aria-current` value, text).
fn current_links(html: &str) -> Vec<(String, String)> {
    html.split("<a ")
        .skip(1)
        .filter_map(|tag| {
            let (attributes, rest) = tag.split_once('>')?;
            let value = attributes.split("aria-current=\"").nth(1)?;
            let value = value.split('"').next()?;
            let text = rest.split("</a>").next()?;
            Some((value.to_owned(), text.to_owned()))
        })
        .collect()
}

#[test]
fn only_a_link_to_the_page_itself_is_the_current_page() {
    // A link to the page shown is aria-current="page"; a link to the
    // section or year the page is part of is aria-current="true": a screen
    // reader that says "current page" on "Elections" from an office's page
    // tells its user they are on the elections list.
    let site = news_archive("current-links");
    site.write(
        "content/elections/2026-testshire-mayor/election.yaml",
        ELECTION_YAML,
    )
    .write("content/people/ann-ash.md", PERSON_MD);
    site.built();
    let marked = |page: &str| current_links(&site.page(page));
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(value, text)| (value.to_string(), text.to_string()))
            .collect()
    };
    assert_eq!(marked("news/index.html"), pairs(&[("page", "News")]));
    assert_eq!(marked("news/page/2/index.html"), pairs(&[("true", "News")]));
    assert_eq!(
        marked("news/2025/index.html"),
        pairs(&[("true", "News"), ("page", "2025")])
    );
    assert_eq!(
        marked("news/2025/page/2/index.html"),
        pairs(&[("true", "News"), ("true", "2025")])
    );
    assert_eq!(
        marked("elections/index.html"),
        pairs(&[("page", "Elections")])
    );
    assert_eq!(
        marked("elections/office/mayor-of-testshire/index.html"),
        pairs(&[("true", "Elections")])
    );
}

#[test]
fn every_page_of_an_archive_has_a_title_of_its_own() {
    // Three elections of one office share their areas and a candidate: a
    // tab, a bookmark or a search result titled "North" or "Ann Ash" alone
    // does not say which election it is.
    let site = offices_site("archive-titles");
    site.built();
    let mut seen: std::collections::BTreeMap<String, String> = Default::default();
    for entry in walkdir::WalkDir::new(site.out()) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let title = html
            .split("<title>")
            .nth(1)
            .and_then(|rest| rest.split("</title>").next())
            .unwrap()
            .to_owned();
        let path = entry.path().display().to_string();
        if let Some(other) = seen.insert(title.clone(), path.clone()) {
            panic!("{path} and {other} are both titled {title}");
        }
    }
    let area = site.page("elections/2022-testshire-mayor/authorities/north/index.html");
    assert!(
        area.contains("<title>North – 2022 Testshire mayoral election – "),
        "{area}"
    );
    // The heading stays the area's name.
    assert!(area.contains("<h1>North</h1>"));
    let candidate = site.page("elections/2022-testshire-mayor/candidates/ann-ash/index.html");
    assert!(candidate.contains("<title>Ann Ash – 2022 Testshire mayoral election – "));
    assert!(candidate.contains("<h1>Ann Ash</h1>"));
}

#[test]
fn the_navigation_shows_the_section_a_page_is_in() {
    // The navigation marks "Elections" on an office's page with
    // aria-current="true": it is drawn as current as on the list itself,
    // so sighted readers keep seeing which section they are in.
    let css = psephos::assets::DEFAULT_STYLESHEET;
    assert!(css.contains(".site-nav a[aria-current] {"), "{css}");
    assert!(!css.contains(".site-nav a[aria-current=\"page\"]"));
}

#[test]
fn an_office_page_shows_a_count_in_progress_as_provisional_with_no_winner() {
    let site = offices_site("office-counting");
    site.write(
        "content/elections/2026-testshire-mayor/election.yaml",
        &format!("status: counting\n{ELECTION_YAML}")
            .replace(
                "declared:\n  winner: ann-ash\n  totals: {ann-ash: 790, bob-birch: 780}\n",
                "",
            )
            .replace(
                "    first: {ann-ash: 300, bob-birch: 350, cat-cedar: 150}\n    second: {ann-ash: 40, bob-birch: 60}\n",
                "",
            )
            .replace("    second: {ann-ash: 50, bob-birch: 70}\n", ""),
    );
    site.built();
    let page = site.page("elections/office/mayor-of-testshire/index.html");
    let counting = page
        .split("<li>")
        .find(|item| item.contains("2026 Testshire mayoral election</a></h2>"))
        .unwrap_or_else(|| panic!("{page}"));
    assert!(
        counting.contains("<p class=\"count-status\"><strong>Count in progress: 1 of 2"),
        "{counting}"
    );
    assert!(!counting.contains("elected"), "{counting}");
    // The two declared elections keep their winners.
    assert_eq!(
        page.matches("), elected at the second count, by 10 votes")
            .count(),
        2
    );
}
