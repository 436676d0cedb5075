//! The change since the previous election (`crate::change`) as JSON, for a
//! site's `results.json`. Field names are a published contract
//! (docs/open-data.md).

use serde::Serialize;

use crate::change::{self, Comparison, Counted, Gone, Shares, Side};
use crate::content::ElectionEntry;

#[derive(Serialize)]
pub struct ChangeJson<'a> {
    /// The previous election's folder name.
    pub previous: &'a str,
    pub previous_title: &'a str,
    /// While counting: every share here is a provisional running figure.
    pub provisional: bool,
    /// `hold`, `gain` or `not-compared`; null while counting.
    pub verdict: Option<&'static str>,
    /// As the pages print it: "Labour Party GAIN from Conservative Party";
    /// null when not compared.
    pub verdict_text: Option<String>,
    pub turnout_percent: Option<f64>,
    pub previous_turnout_percent: Option<f64>,
    /// In points, to the places of the more precise turnout.
    pub turnout_change: Option<f64>,
    /// The whole election; null while counting and when uncontested.
    pub shares: Option<Vec<ShareJson<'a>>>,
    pub did_not_stand: Option<Vec<GoneJson<'a>>>,
    /// Independents last time with an unlinked namesake now; null like
    /// `shares`.
    pub not_compared: Option<Vec<GoneJson<'a>>>,
    /// Areas with the same id both times whose first count is in.
    pub areas: Vec<AreaJson<'a>>,
}

#[derive(Serialize)]
pub struct ShareJson<'a> {
    /// The party's id; null for an independent.
    pub party: Option<&'a str>,
    /// An independent's profile; null for a party or an independent with none.
    pub person: Option<&'a str>,
    pub name: &'a str,
    pub first_percent: Option<f64>,
    /// null: did not stand last time.
    pub previous_first_percent: Option<f64>,
    /// `first_percent - previous_first_percent`, in points; null when new.
    pub change: Option<f64>,
    /// false: an independent with an unlinked namesake last time, neither
    /// new nor changed.
    pub compared: bool,
}

#[derive(Serialize)]
pub struct GoneJson<'a> {
    pub party: Option<&'a str>,
    pub person: Option<&'a str>,
    pub name: &'a str,
    pub previous_first_percent: Option<f64>,
}

#[derive(Serialize)]
pub struct AreaJson<'a> {
    pub id: &'a str,
    pub shares: Vec<ShareJson<'a>>,
    pub did_not_stand: Vec<GoneJson<'a>>,
    pub not_compared: Vec<GoneJson<'a>>,
}

fn side(side: &Side) -> (Option<&str>, Option<&str>) {
    match side {
        Side::Party(party) => (Some(party.as_str()), None),
        Side::Person(person) => (None, Some(person.as_str())),
        Side::Unknown(_) => (None, None),
    }
}

type SharesJson<'a> = (Vec<ShareJson<'a>>, Vec<GoneJson<'a>>, Vec<GoneJson<'a>>);

fn shares(shares: &Shares) -> SharesJson<'_> {
    let lines = shares
        .lines
        .iter()
        .map(|line| {
            let (party, person) = side(&line.side);
            ShareJson {
                party,
                person,
                name: &line.name,
                first_percent: line.share.percent(),
                previous_first_percent: line.before.and_then(|s| s.percent()),
                change: line.change().map(|c| c.value()),
                compared: !line.not_compared,
            }
        })
        .collect();
    (lines, gone(&shares.gone), gone(&shares.not_compared))
}

fn gone(gone: &[Gone]) -> Vec<GoneJson<'_>> {
    gone.iter()
        .map(|gone| {
            let (party, person) = side(&gone.side);
            GoneJson {
                party,
                person,
                name: &gone.name,
                previous_first_percent: gone.share.percent(),
            }
        })
        .collect()
}

fn counted(entry: &ElectionEntry) -> Counted<'_> {
    Counted::new(&entry.loaded.election, &entry.loaded.outcome)
}

/// `entry` compared with `before`, its previous election, for JSON; with
/// the comparison and per-area shares it borrows from, made by the caller.
pub struct Made {
    pub comparison: Comparison,
    pub areas: Vec<(String, Shares)>,
}

/// The comparison of `entry` with `before`, if they can be compared.
pub fn made(entry: &ElectionEntry, before: &ElectionEntry) -> Option<Made> {
    let comparison = change::compare(counted(entry), counted(before))?;
    let areas = change::areas(counted(entry), counted(before))
        .into_iter()
        .map(|(_, id, shares)| (id.as_str().to_owned(), shares))
        .collect();
    Some(Made { comparison, areas })
}

pub fn json<'a>(made: &'a Made, before: &'a ElectionEntry) -> ChangeJson<'a> {
    let comparison = &made.comparison;
    let overall = comparison.overall.as_ref().map(shares);
    let (lines, gone, not_compared) = match overall {
        Some((lines, gone, not_compared)) => (Some(lines), Some(gone), Some(not_compared)),
        None => (None, None, None),
    };
    ChangeJson {
        previous: &before.slug,
        previous_title: &before.loaded.election.title,
        provisional: comparison.provisional,
        verdict: comparison.verdict.as_ref().map(|v| v.key()),
        verdict_text: comparison.verdict.as_ref().and_then(|v| v.headline()),
        turnout_percent: comparison.turnout.map(|t| t.now),
        previous_turnout_percent: comparison.turnout.map(|t| t.before),
        turnout_change: comparison.turnout.map(|t| t.change().value()),
        shares: lines,
        did_not_stand: gone,
        not_compared,
        areas: made
            .areas
            .iter()
            .map(|(id, area)| {
                let (shares, did_not_stand, not_compared) = shares(area);
                AreaJson {
                    id,
                    shares,
                    did_not_stand,
                    not_compared,
                }
            })
            .collect(),
    }
}
