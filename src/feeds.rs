//! Files for other programs: the Atom feed of the news, a feed of each
//! election's count, `sitemap.xml` and `robots.txt`. The feeds and the
//! sitemap are askama templates (`templates/*.xml`), escaped by [`Xml`].

use std::fmt;

use askama::Template;

use crate::content::{ElectionEntry, Site};
use crate::count::{Stage, Tally};
use crate::format::Share;
use crate::narrative;
use crate::site::routes::{ATOM, COUNT_FEED, ROBOTS, SITEMAP, fingerprint};
use crate::site::{Links, Output, folder};
use crate::time::Moment;

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
    let entries = site
        .news
        .iter()
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

/// One entry in a count's feed.
struct Report {
    id: String,
    title: String,
    updated: Moment,
    link: String,
    summary: String,
}

/// An area's figures at its latest count, largest first: first preferences
/// with shares of the valid votes, or second-count totals with shares of the
/// second-count total and the papers that did not transfer.
fn area_figures(election: &crate::model::Election, tally: &Tally, stage: Stage) -> Vec<String> {
    let name = |id| narrative::name(election, id);
    if stage == Stage::SecondCount
        && let Some(whole) = tally.second_count_total()
    {
        let mut finalists: Vec<_> = tally
            .candidates
            .iter()
            .filter_map(|c| c.total.map(|t| (c, t)))
            .collect();
        finalists.sort_by(|(a, x), (b, y)| y.cmp(x).then(a.id.cmp(&b.id)));
        let mut figures: Vec<String> = finalists
            .iter()
            .map(|(c, total)| {
                format!(
                    "{} {} + {} = {total} ({})",
                    name(&c.id),
                    c.first,
                    c.transfers.unwrap_or_default(),
                    Share::new(*total, whole)
                )
            })
            .collect();
        if let Some(nt) = tally.non_transferable {
            figures.push(format!("non-transferable {nt}"));
        }
        return figures;
    }
    let mut by_first: Vec<_> = tally.candidates.iter().collect();
    by_first.sort_by(|a, b| b.first.cmp(&a.first).then(a.id.cmp(&b.id)));
    by_first
        .iter()
        .map(|c| {
            format!(
                "{} {} ({})",
                name(&c.id),
                c.first,
                Share::new(c.first, tally.valid_first)
            )
        })
        .collect()
}

/// The count of one election as it came in, newest first: an entry for each
/// area's latest figures and, once declared, one for the declaration. An
/// entry's id names the stage, so a reader sees an area's second count as new.
pub fn count_feed(site: &Site, entry: &ElectionEntry) -> Result<String, askama::Error> {
    let (election, outcome) = (&entry.loaded.election, &entry.loaded.outcome);
    let dir = folder::election(&entry.slug);
    let links = Links::new(&dir, site.config.base_url.as_deref());
    // Figures without a time are dated to polling day.
    let polling_day = Moment::day(election.date);
    let mut reports: Vec<Report> = Vec::new();
    for (area, tallied) in election.areas.iter().zip(&outcome.areas) {
        let (stage, what) = match tallied.stage {
            Stage::FirstCount => ("first-count", "first preferences"),
            Stage::SecondCount => ("second-count", "second preferences"),
            Stage::Awaiting | Stage::NoPoll => continue,
        };
        let area_dir = folder::area(&entry.slug, area.id.as_str());
        let figures = area_figures(election, &tallied.tally, tallied.stage);
        let provisional = if outcome.is_counting() {
            " Figures are provisional."
        } else {
            ""
        };
        reports.push(Report {
            id: format!("{}#{stage}", atom_id(site, &area_dir)),
            title: format!("{}: {what} counted", area.name),
            updated: area.reported_at.unwrap_or(polling_day),
            link: links.page(&area_dir),
            summary: format!("{}.{provisional}", figures.join(", ")),
        });
    }
    let latest = reports.iter().map(|r| r.updated).max();
    let headline = if outcome.decision().is_some() {
        let at = election.declared.as_ref().and_then(|d| d.at);
        Some(Report {
            id: format!("{}#declared", atom_id(site, &dir)),
            title: format!("Declared: {}", election.title),
            updated: at.or(latest).unwrap_or(polling_day),
            link: links.page(&dir),
            summary: narrative::headline(election, outcome),
        })
    } else {
        outcome.progress().map(|progress| Report {
            id: format!(
                "{}#progress-{}-{}",
                atom_id(site, &dir),
                progress.first_reported,
                match progress.phase {
                    crate::count::Phase::SecondCount { reported } => reported,
                    _ => 0,
                }
            ),
            title: format!("Count in progress: {}", election.title),
            updated: latest.unwrap_or(polling_day),
            link: links.page(&dir),
            summary: narrative::summary(election, outcome),
        })
    };
    // The declaration (or where the count stands) first, then the areas,
    // newest first: an area without `reported_at` is dated to polling day.
    reports.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.id.cmp(&b.id)));
    reports.splice(0..0, headline);
    let updated = reports
        .iter()
        .map(|r| r.updated)
        .max()
        .unwrap_or(polling_day);
    let self_link = match &site.config.base_url {
        Some(base) => format!("{base}{dir}{COUNT_FEED}"),
        None => COUNT_FEED.to_owned(),
    };
    Feed {
        language: site.config.language.clone(),
        title: format!("{}: the count", election.title),
        id: atom_id(site, &format!("{dir}{COUNT_FEED}")),
        updated: updated.rfc3339(),
        self_link,
        alternate: links.page(&dir),
        publisher: site.config.publisher.clone(),
        entries: reports
            .into_iter()
            .map(|report| Entry {
                title: report.title,
                id: report.id,
                published: None,
                updated: report.updated.rfc3339(),
                link: report.link,
                summary: report.summary,
            })
            .collect(),
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
