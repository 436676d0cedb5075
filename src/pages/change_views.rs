//! The comparison with the previous election (`crate::change`), worded for
//! the election, area and home pages.

use crate::change::{self, Comparison, Counted, Gone, Shares};
use crate::content::ElectionEntry;
use crate::format::declared_percent;
use crate::site::{Links, folder};

use super::Render;
use super::views::{LinkView, PartyLabel};

/// One side's share now, last time, and the change.
#[derive(Debug, Clone)]
pub struct ChangeRow {
    pub party: PartyLabel,
    pub share: String,
    pub before: String,
    pub change: String,
}

/// One side that stood last time but not this time, as one item of the
/// list "A (8.0%), B (Independent, 6.3%) and C (1.1%)": the template
/// isolates the name (`<bdi>`), so that a right-to-left name cannot carry
/// its share, or the list's commas, into itself.
#[derive(Debug, Clone)]
pub struct GoneItem {
    /// "", ", " or " and ": what comes before it in the list.
    pub before: &'static str,
    /// The party's name, or the independent's own.
    pub name: String,
    /// "8.0%", or "Independent, 6.3%".
    pub detail: String,
}

/// What a page shows of the comparison.
#[derive(Debug, Clone)]
pub struct ChangeView {
    /// The previous election's page.
    pub previous: LinkView,
    /// "Labour GAIN from Conservative"; None while counting.
    pub verdict: Option<String>,
    /// The plain-English account of it.
    pub story: Vec<String>,
    pub caption: String,
    pub rows: Vec<ChangeRow>,
    /// Who stood last time but not this time, with their shares then.
    pub gone: Vec<GoneItem>,
    /// Independents last time with a namesake now, neither linked to the
    /// same person: not said to have stood down, or to stand again.
    pub not_compared: Vec<GoneItem>,
    pub turnout: Option<String>,
    /// Said while counting, in place of what waits for the declaration.
    pub note: Option<String>,
}

fn counted(entry: &ElectionEntry) -> Counted<'_> {
    Counted::new(&entry.loaded.election, &entry.loaded.outcome)
}

fn previous_link(before: &ElectionEntry, links: &Links) -> LinkView {
    LinkView {
        text: before.loaded.election.title.clone(),
        href: links.page(&folder::election(&before.slug)),
    }
}

/// The whole election compared with its previous one, if it has one that
/// can be compared with.
pub fn election_change(site: &Render, entry: &ElectionEntry, links: &Links) -> Option<ChangeView> {
    let before = site.previous(&entry.slug)?;
    let comparison = change::compare(counted(entry), counted(before))?;
    let title = &before.loaded.election.title;
    let note = comparison.provisional.then(|| {
        format!(
            "The count is in progress, so nobody holds or gains the office yet and there is no overall change to show. Each local authority’s page compares its figures with the {title} once they are in; they are provisional."
        )
    });
    let shares = comparison.overall.as_ref();
    Some(ChangeView {
        previous: previous_link(before, links),
        verdict: comparison.verdict.as_ref().and_then(|v| v.headline()),
        story: change::change_sentences(&comparison, title),
        caption: format!("Share of first preferences, and change since the {title}"),
        rows: shares.map(rows).unwrap_or_default(),
        gone: shares.map(|s| items(&s.gone)).unwrap_or_default(),
        not_compared: shares.map(|s| items(&s.not_compared)).unwrap_or_default(),
        turnout: turnout(&comparison),
        note,
    })
}

/// The area at `index` compared with the same area last time.
pub fn area_change(
    site: &Render,
    entry: &ElectionEntry,
    index: usize,
    links: &Links,
) -> Option<ChangeView> {
    let before = site.previous(&entry.slug)?;
    let shares = change::area(counted(entry), counted(before), index)?;
    let area = &entry.loaded.election.areas[index].name;
    let title = &before.loaded.election.title;
    let provisional = entry.loaded.outcome.is_counting();
    Some(ChangeView {
        previous: previous_link(before, links),
        verdict: None,
        story: Vec::new(),
        caption: format!(
            "Share of first preferences in {area}, and change since the {title}{}",
            if provisional { " (provisional)" } else { "" }
        ),
        rows: rows(&shares),
        gone: items(&shares.gone),
        not_compared: items(&shares.not_compared),
        turnout: None,
        note: provisional
            .then(|| "The count is in progress: these shares are provisional.".to_owned()),
    })
}

fn rows(shares: &Shares) -> Vec<ChangeRow> {
    shares
        .lines
        .iter()
        .map(|line| ChangeRow {
            party: PartyLabel {
                name: line.name.clone(),
                colour: line.colour.clone(),
            },
            share: line.share.to_string(),
            before: match line.before {
                Some(share) => share.to_string(),
                None if line.not_compared => NOT_COMPARED.to_owned(),
                None => "Did not stand".to_owned(),
            },
            change: match line.change() {
                Some(change) => change.to_string(),
                None if line.not_compared => NOT_COMPARED.to_owned(),
                None => "New".to_owned(),
            },
        })
        .collect()
}

/// An independent with an unlinked namesake in the other election.
const NOT_COMPARED: &str = "Not compared";

fn items(gone: &[Gone]) -> Vec<GoneItem> {
    let last = gone.len().saturating_sub(1);
    gone.iter()
        .enumerate()
        .map(|(i, g)| GoneItem {
            before: match i {
                0 => "",
                i if i == last => " and ",
                _ => ", ",
            },
            name: g.independent.clone().unwrap_or_else(|| g.name.clone()),
            detail: match g.independent {
                Some(_) => format!("Independent, {}", g.share),
                None => g.share.to_string(),
            },
        })
        .collect()
}

fn turnout(comparison: &Comparison) -> Option<String> {
    let turnout = comparison.turnout?;
    Some(format!(
        "Turnout (as declared): {} last time, {} this time ({} points).",
        declared_percent(turnout.before),
        declared_percent(turnout.now),
        turnout.change()
    ))
}
