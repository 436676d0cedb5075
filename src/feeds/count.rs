//! Each election's count feed: an entry for the latest figures of each of
//! the areas that reported last and, once declared, one for the declaration.

use askama::Template;

use super::{Entry, FEED_ITEMS, Feed, atom_id};
use crate::content::{ElectionEntry, Site};
use crate::count::{Stage, Tally};
use crate::format::Share;
use crate::narrative;
use crate::site::routes::COUNT_FEED;
use crate::site::{Links, folder};
use crate::time::Moment;

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
/// of the newest [`FEED_ITEMS`] areas' latest figures and, once declared,
/// one for the declaration. An
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
    // Only the newest areas, as the news feed holds only the newest items:
    // a reader polls for what is new, and 10,000 areas made 4 MB.
    reports.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.id.cmp(&b.id)));
    reports.truncate(FEED_ITEMS);
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
