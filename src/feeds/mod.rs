//! Files for other programs: the Atom feed of the news, a feed of each
//! election's count, `sitemap.xml` and `robots.txt`. The feeds and the
//! sitemap are askama templates (`templates/*.xml`), escaped by [`Xml`].

use std::fmt;

use askama::Template;

use crate::content::{NewsItem, Site, news_order};
use crate::site::routes::{ATOM, COUNT_FEED, ROBOTS, SITEMAP, fingerprint};
use crate::site::{Output, folder};
use crate::time::Moment;

mod count;

pub use count::count_feed;

/// The feed, sitemap and robots file for a site whose pages are at
/// `page_paths` (as `elections/x/index.html`).
pub fn outputs(site: &Site, page_paths: &[String]) -> Result<Vec<Output>, askama::Error> {
    let base = site.config.base_url.as_deref();
    let mut outputs = Vec::new();
    if !site.news.is_empty() {
        outputs.push(Output::new(ATOM, atom(site)?));
    }
    for entry in &site.elections {
        let path = format!("{}{COUNT_FEED}", folder::election(&entry.slug));
        outputs.push(Output::new(path, count_feed(site, entry)?));
    }
    if let Some(base) = base {
        outputs.push(Output::new(SITEMAP, sitemap(base, page_paths)?));
    }
    outputs.push(Output::new(ROBOTS, robots(base)));
    Ok(outputs)
}

/// Escapes text for XML content and attribute values, as askama's escaper
/// for `.xml` templates (see `askama.toml`).
#[derive(Debug, Clone, Copy)]
pub struct Xml;

impl askama::filters::Escaper for Xml {
    fn write_escaped_str<W: fmt::Write>(&self, mut dest: W, text: &str) -> fmt::Result {
        let mut plain = 0;
        for (at, c) in text.char_indices() {
            let escaped = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&apos;",
                // XML 1.0 has no way to write these (control characters
                // and the noncharacters U+FFFE and U+FFFF): a feed holding
                // one is refused whole by readers.
                c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => "\u{fffd}",
                '\u{fffe}' | '\u{ffff}' => "\u{fffd}",
                _ => continue,
            };
            dest.write_str(&text[plain..at])?;
            dest.write_str(escaped)?;
            plain = at + c.len_utf8();
        }
        dest.write_str(&text[plain..])
    }
}

/// An Atom feed (`templates/atom.xml`): the news, or one election's count.
#[derive(Template)]
#[template(path = "atom.xml")]
struct Feed {
    language: String,
    title: String,
    id: String,
    /// RFC 3339, as every moment in the feed.
    updated: String,
    self_link: String,
    alternate: String,
    publisher: String,
    entries: Vec<Entry>,
}

/// One entry in a feed.
struct Entry {
    title: String,
    id: String,
    /// News items say when they were published; a count's entries do not.
    published: Option<String>,
    updated: String,
    link: String,
    summary: String,
}

#[derive(Template)]
#[template(path = "sitemap.xml")]
struct Sitemap {
    locs: Vec<String>,
}

/// An Atom id: the address when the site has one, else a stable URN made
/// from the site title and the item, so ids never change between builds.
fn atom_id(site: &Site, folder: &str) -> String {
    match &site.config.base_url {
        Some(base) => format!("{base}{folder}"),
        None => {
            let hash = fingerprint(format!("{}\n{folder}", site.config.title).as_bytes());
            format!("urn:psephos:{hash}:{}", folder.trim_end_matches('/'))
        }
    }
}

/// Links in the feed: absolute with a base URL, else relative to the feed,
/// which sits in `news/`.
fn feed_link(site: &Site, folder: &str) -> String {
    match &site.config.base_url {
        Some(base) => format!("{base}{folder}"),
        None => format!("../{folder}index.html"),
    }
}

/// How many of the newest items the news feed holds: readers poll a feed
/// for what is new, and an archive's every item would make it megabytes.
pub const FEED_ITEMS: usize = 50;

/// The news feed: the newest [`FEED_ITEMS`] items.
pub fn atom(site: &Site) -> Result<String, askama::Error> {
    // The newest item's moment.
    let updated = site
        .news
        .iter()
        .map(|n| n.date)
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), Moment::rfc3339);
    let self_link = match &site.config.base_url {
        Some(base) => format!("{base}{ATOM}"),
        None => "atom.xml".to_owned(),
    };
    let mut newest: Vec<&NewsItem> = site.news.iter().collect();
    newest.sort_by(|a, b| news_order(a, b));
    let entries = newest
        .into_iter()
        .take(FEED_ITEMS)
        .map(|item| {
            let dir = folder::news(&item.slug);
            let published = item.date.rfc3339();
            Entry {
                title: item.title.clone(),
                id: atom_id(site, &dir),
                published: Some(published.clone()),
                updated: published,
                link: feed_link(site, &dir),
                summary: item.summary.clone(),
            }
        })
        .collect();
    Feed {
        language: site.config.language.clone(),
        title: format!("{}: news", site.config.title),
        id: atom_id(site, folder::NEWS),
        updated,
        self_link,
        alternate: feed_link(site, folder::NEWS),
        publisher: site.config.publisher.clone(),
        entries,
    }
    .render()
}

pub fn sitemap(base: &str, page_paths: &[String]) -> Result<String, askama::Error> {
    let mut folders: Vec<&str> = page_paths
        .iter()
        .filter_map(|p| p.strip_suffix("index.html"))
        .collect();
    folders.sort_unstable();
    Sitemap {
        locs: folders
            .into_iter()
            .map(|folder| format!("{base}{folder}"))
            .collect(),
    }
    .render()
}

pub fn robots(base: Option<&str>) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = base {
        text += &format!("Sitemap: {base}{SITEMAP}\n");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xml_escape(text: &str) -> String {
        let mut out = String::new();
        askama::filters::Escaper::write_escaped_str(&Xml, &mut out, text).unwrap();
        out
    }

    #[test]
    fn xml_special_characters_are_escaped() {
        assert_eq!(
            xml_escape("A & B <c> \"d\" 'e'"),
            "A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;"
        );
    }

    #[test]
    fn control_characters_xml_cannot_hold_are_replaced() {
        assert_eq!(
            xml_escape("a\u{1}b\tc\nd\u{7f}é"),
            "a\u{fffd}b\tc\nd\u{fffd}é"
        );
        assert_eq!(
            xml_escape("\u{fffe}x\u{ffff}\u{fffd}\u{10000}"),
            "\u{fffd}x\u{fffd}\u{fffd}\u{10000}"
        );
        let mut site = news_site(&[("x", "2026-05-04")]);
        site.news[0].title = "Vote\u{8} & \u{1b}count\u{fffe}".into();
        let xml = atom(&site).unwrap();
        assert!(
            xml.contains("<title>Vote\u{fffd} &amp; \u{fffd}count\u{fffd}</title>"),
            "{xml}"
        );
    }

    fn news_site(dates: &[(&str, &str)]) -> Site {
        use crate::content::{NewsItem, SiteConfig};
        Site {
            config: SiteConfig {
                title: "T".into(),
                publisher: "P".into(),
                base_url: Some("https://x.example/".into()),
                language: "en-GB".into(),
            },
            elections: Vec::new(),
            people: Vec::new(),
            news: dates
                .iter()
                .map(|(slug, date)| NewsItem {
                    slug: (*slug).into(),
                    title: (*slug).into(),
                    date: Moment::parse(date).unwrap(),
                    draft: false,
                    summary: String::new(),
                    source: None,
                    elections: Vec::new(),
                    people: Vec::new(),
                    body: String::new(),
                })
                .collect(),
            pages: Vec::new(),
        }
    }

    #[test]
    fn the_feed_holds_the_newest_items_only() {
        let dates: Vec<(String, String)> = (0..FEED_ITEMS + 7)
            .map(|i| {
                (
                    format!("item-{i}"),
                    format!("2026-{:02}-{:02}", 1 + i / 28, 1 + i % 28),
                )
            })
            .collect();
        let dates: Vec<(&str, &str)> = dates
            .iter()
            .map(|(s, d)| (s.as_str(), d.as_str()))
            .collect();
        let xml = atom(&news_site(&dates)).unwrap();
        assert_eq!(xml.matches("<entry>").count(), FEED_ITEMS);
        let newest = FEED_ITEMS + 6;
        assert!(xml.contains(&format!("/news/item-{newest}/</id>")), "{xml}");
        assert!(
            !xml.contains("/news/item-6/</id>"),
            "the oldest are left out"
        );
        assert!(xml.contains("/news/item-7/</id>"));
    }

    #[test]
    fn the_feed_dates_entries_to_the_second_and_is_updated_by_the_newest() {
        // Not in order, to show the feed finds the newest itself.
        let xml = atom(&news_site(&[
            ("winter", "2026-01-05T18:30"),
            ("night", "2026-06-20T01:42"),
            ("day", "2026-05-04"),
        ]))
        .unwrap();
        let head = &xml[..xml.find("<entry>").unwrap()];
        assert!(head.contains("<updated>2026-06-20T01:42:00+01:00</updated>"));
        for (slug, moment) in [
            ("winter", "2026-01-05T18:30:00Z"),
            ("night", "2026-06-20T01:42:00+01:00"),
            ("day", "2026-05-04T00:00:00+01:00"),
        ] {
            assert!(xml.contains(&format!(
                "<id>https://x.example/news/{slug}/</id>\n<published>{moment}</published>\n<updated>{moment}</updated>"
            )));
        }
    }

    #[test]
    fn the_sitemap_lists_page_folders_under_the_base_url() {
        let paths = vec![
            "news/index.html".to_owned(),
            "index.html".to_owned(),
            "style.css".to_owned(),
        ];
        let xml = sitemap("https://x.example/", &paths).unwrap();
        assert!(xml.contains("<url><loc>https://x.example/</loc></url>\n<url><loc>https://x.example/news/</loc></url>"));
        assert!(!xml.contains("style.css"));
    }

    #[test]
    fn robots_points_at_the_sitemap_only_when_there_is_one() {
        assert_eq!(robots(None), "User-agent: *\nAllow: /\n");
        assert!(
            robots(Some("https://x.example/"))
                .ends_with("Sitemap: https://x.example/sitemap.xml\n")
        );
    }
}
