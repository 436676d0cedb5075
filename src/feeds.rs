//! Files for other programs: the Atom feed of the news, a feed of each
//! election's count, `sitemap.xml` and `robots.txt`.

use crate::assets::fingerprint;
use crate::content::{ElectionEntry, Site};
use crate::count::{Stage, Tally};
use crate::format::Share;
use crate::narrative;
use crate::pages::Output;
use crate::pages::links::{Links, folder};
use crate::time::Moment;

pub const ATOM: &str = "news/atom.xml";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
/// Each election's count as a feed, in the election's folder.
pub const COUNT_FEED: &str = "atom.xml";

/// The feed, sitemap and robots file for a site whose pages are at
/// `page_paths` (as `elections/x/index.html`).
pub fn outputs(site: &Site, page_paths: &[String]) -> Vec<Output> {
    let base = site.config.base_url.as_deref();
    let mut outputs = Vec::new();
    if !site.news.is_empty() {
        outputs.push(text(ATOM, atom(site)));
    }
    for entry in &site.elections {
        let path = format!("{}{COUNT_FEED}", folder::election(&entry.slug));
        outputs.push(text(&path, count_feed(site, entry)));
    }
    if let Some(base) = base {
        outputs.push(text(SITEMAP, sitemap(base, page_paths)));
    }
    outputs.push(text(ROBOTS, robots(base)));
    outputs
}

fn text(path: &str, contents: String) -> Output {
    Output {
        path: path.to_owned(),
        contents: contents.into_bytes(),
    }
}

/// Escapes text for XML content and attribute values.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 has no way to write these: a feed holding one is
            // refused whole by readers.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
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

pub fn atom(site: &Site) -> String {
    // The newest item's moment.
    let updated = site
        .news
        .iter()
        .map(|n| n.date)
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), Moment::rfc3339);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml += &format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml_escape(&site.config.language)
    );
    xml += &format!("<title>{}: news</title>\n", xml_escape(&site.config.title));
    xml += &format!("<id>{}</id>\n", xml_escape(&atom_id(site, folder::NEWS)));
    xml += &format!("<updated>{updated}</updated>\n");
    let self_link = match &site.config.base_url {
        Some(base) => format!("{base}{ATOM}"),
        None => "atom.xml".to_owned(),
    };
    xml += &format!("<link rel=\"self\" href=\"{}\"/>\n", xml_escape(&self_link));
    xml += &format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&feed_link(site, folder::NEWS))
    );
    xml += &format!(
        "<author><name>{}</name></author>\n",
        xml_escape(&site.config.publisher)
    );
    for item in &site.news {
        let dir = folder::news(&item.slug);
        xml += "<entry>\n";
        xml += &format!("<title>{}</title>\n", xml_escape(&item.title));
        xml += &format!("<id>{}</id>\n", xml_escape(&atom_id(site, &dir)));
        let published = item.date.rfc3339();
        xml += &format!("<published>{published}</published>\n");
        xml += &format!("<updated>{published}</updated>\n");
        xml += &format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml_escape(&feed_link(site, &dir))
        );
        xml += &format!("<summary>{}</summary>\n", xml_escape(&item.summary));
        xml += "</entry>\n";
    }
    xml += "</feed>\n";
    xml
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
pub fn count_feed(site: &Site, entry: &ElectionEntry) -> String {
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
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml += &format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml_escape(&site.config.language)
    );
    xml += &format!(
        "<title>{}: the count</title>\n",
        xml_escape(&election.title)
    );
    xml += &format!(
        "<id>{}</id>\n",
        xml_escape(&atom_id(site, &format!("{dir}{COUNT_FEED}")))
    );
    xml += &format!("<updated>{}</updated>\n", updated.rfc3339());
    let self_link = match &site.config.base_url {
        Some(base) => format!("{base}{dir}{COUNT_FEED}"),
        None => COUNT_FEED.to_owned(),
    };
    xml += &format!("<link rel=\"self\" href=\"{}\"/>\n", xml_escape(&self_link));
    xml += &format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&links.page(&dir))
    );
    xml += &format!(
        "<author><name>{}</name></author>\n",
        xml_escape(&site.config.publisher)
    );
    for report in reports {
        xml += "<entry>\n";
        xml += &format!("<title>{}</title>\n", xml_escape(&report.title));
        xml += &format!("<id>{}</id>\n", xml_escape(&report.id));
        xml += &format!("<updated>{}</updated>\n", report.updated.rfc3339());
        xml += &format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml_escape(&report.link)
        );
        xml += &format!("<summary>{}</summary>\n", xml_escape(&report.summary));
        xml += "</entry>\n";
    }
    xml += "</feed>\n";
    xml
}

pub fn sitemap(base: &str, page_paths: &[String]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut folders: Vec<&str> = page_paths
        .iter()
        .filter_map(|p| p.strip_suffix("index.html"))
        .collect();
    folders.sort_unstable();
    for folder in folders {
        xml += &format!(
            "<url><loc>{}</loc></url>\n",
            xml_escape(&format!("{base}{folder}"))
        );
    }
    xml += "</urlset>\n";
    xml
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

    #[test]
    fn xml_special_characters_are_escaped() {
        assert_eq!(
            xml_escape("A & B <c> \"d\" 'e'"),
            "A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;"
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
        ]));
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
        let xml = sitemap("https://x.example/", &paths);
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
