//! The outcome as JSON. Field names are a published contract: tools and the
//! site's open data rely on them.

use serde::Serialize;

use crate::count::{CandidateResult, ElectedAt, Outcome, Phase, Progress, Tally};
use crate::format::Share;
use crate::model::Election;

#[derive(Serialize)]
pub struct Results<'a> {
    /// Democracy Club's id for the election, when the data gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub election_id: Option<&'a str>,
    pub title: &'a str,
    pub office: &'a str,
    pub date: String,
    pub system: &'static str,
    /// `counting` or `declared`.
    pub status: &'static str,
    /// How far a count in progress has got; null once declared.
    pub progress: Option<ProgressJson>,
    /// When the result was declared, where the data gives it.
    pub declared_at: Option<String>,
    /// null while counting.
    pub winner: Option<&'a str>,
    pub elected_at: Option<&'static str>,
    pub by_lot: Option<bool>,
    /// Votes needed to win at the first count; null without a Supplementary
    /// Vote count.
    pub threshold: Option<u64>,
    /// The winner's lead at the deciding stage; null when uncontested.
    pub margin: Option<u64>,
    pub valid_first_preferences: u64,
    pub non_transferable: Option<u64>,
    pub second_count_total: Option<u64>,
    pub candidates: Vec<Candidate<'a>>,
    pub areas: Vec<Area<'a>>,
}

#[derive(Serialize)]
pub struct ProgressJson {
    /// `first-count` (first counts coming in), `first-count-complete` (all in,
    /// no second count to follow) or `second-count`.
    pub phase: &'static str,
    pub areas: usize,
    pub first_count_reported: usize,
    /// Areas whose second count is in; null outside a second count.
    pub second_count_reported: Option<usize>,
    /// The time of the latest figures, where areas give `reported_at`.
    pub latest: Option<String>,
}

#[derive(Serialize)]
pub struct Candidate<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub party: Option<&'a str>,
    pub first: u64,
    /// Share of valid first preferences, in per cent to one decimal place.
    pub first_percent: Option<f64>,
    /// Second preferences counted (transfers); null outside a second count.
    pub second: Option<u64>,
    pub total: Option<u64>,
    /// Share of the second-count total.
    pub total_percent: Option<f64>,
    pub status: &'static str,
}

#[derive(Serialize)]
pub struct Area<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// `awaiting`, `first-count` or `second-count`: the latest count whose
    /// figures are in; null when uncontested.
    pub stage: Option<&'static str>,
    pub reported_at: Option<String>,
    pub verified: Option<u64>,
    pub valid_first_preferences: u64,
    pub non_transferable: Option<u64>,
    pub candidates: Vec<Candidate<'a>>,
    /// Only for ballot-level data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_by_second: Option<Vec<FirstBySecond<'a>>>,
}

#[derive(Serialize)]
pub struct FirstBySecond<'a> {
    pub first: &'a str,
    pub seconds: Vec<Second<'a>>,
}

#[derive(Serialize)]
pub struct Second<'a> {
    /// null: no usable second preference.
    pub second: Option<&'a str>,
    pub votes: u64,
}

pub fn results<'a>(election: &'a Election, outcome: &'a Outcome) -> Results<'a> {
    let overall = &outcome.overall;
    Results {
        election_id: election.election_id.as_deref(),
        title: &election.title,
        office: &election.office,
        date: election.date.to_string(),
        system: match election.system {
            crate::model::System::SupplementaryVote => "supplementary-vote",
            crate::model::System::FirstPastThePost => "first-past-the-post",
        },
        status: election.status.key(),
        progress: outcome.progress().map(progress),
        declared_at: election
            .declared
            .as_ref()
            .and_then(|d| d.at)
            .map(|at| at.rfc3339()),
        winner: outcome.winner().map(|w| w.as_str()),
        elected_at: outcome.elected_at().map(ElectedAt::key),
        by_lot: outcome.decision().map(|d| d.by_lot),
        threshold: outcome.threshold.map(|v| v.0),
        margin: outcome.margin().map(|v| v.0),
        valid_first_preferences: overall.valid_first.0,
        non_transferable: overall.non_transferable.map(|v| v.0),
        second_count_total: overall.second_count_total().map(|v| v.0),
        candidates: candidates(election, overall),
        areas: election
            .areas
            .iter()
            .zip(&outcome.areas)
            .map(|(area, tallied)| Area {
                id: area.id.as_str(),
                name: &area.name,
                stage: tallied.stage.key(),
                reported_at: area.reported_at.map(|at| at.rfc3339()),
                verified: area.verified.map(|v| v.0),
                valid_first_preferences: tallied.tally.valid_first.0,
                non_transferable: tallied.tally.non_transferable.map(|v| v.0),
                candidates: candidates(election, &tallied.tally),
                first_by_second: tallied.tally.first_by_second.as_ref().map(|table| {
                    table
                        .rows
                        .iter()
                        .map(|row| FirstBySecond {
                            first: row.first.as_str(),
                            seconds: row
                                .seconds
                                .iter()
                                .map(|(second, votes)| Second {
                                    second: second.as_ref().map(|s| s.as_str()),
                                    votes: votes.0,
                                })
                                .collect(),
                        })
                        .collect()
                }),
            })
            .collect(),
    }
}

fn progress(progress: &Progress) -> ProgressJson {
    let (phase, second) = match progress.phase {
        Phase::FirstCount => ("first-count", None),
        Phase::FirstCountComplete => ("first-count-complete", None),
        Phase::SecondCount { reported } => ("second-count", Some(reported)),
    };
    ProgressJson {
        phase,
        areas: progress.areas,
        first_count_reported: progress.first_reported,
        second_count_reported: second,
        latest: progress.latest.map(|at| at.rfc3339()),
    }
}

fn candidates<'a>(election: &'a Election, tally: &'a Tally) -> Vec<Candidate<'a>> {
    let second_total = tally.second_count_total();
    tally
        .candidates
        .iter()
        .map(|c: &CandidateResult| {
            let candidate = election.candidate(&c.id);
            Candidate {
                id: c.id.as_str(),
                name: candidate.map_or(c.id.as_str(), |x| x.name.as_str()),
                party: candidate.and_then(|x| x.party.as_ref()).map(|p| p.as_str()),
                first: c.first.0,
                first_percent: Share::new(c.first, tally.valid_first).percent(),
                second: c.transfers.map(|v| v.0),
                total: c.total.map(|v| v.0),
                total_percent: c
                    .total
                    .zip(second_total)
                    .and_then(|(t, whole)| Share::new(t, whole).percent()),
                status: c.status.key(),
            }
        })
        .collect()
}

/// Pretty-printed JSON, ending with a newline. An error here is a fault in
/// psephos, reported rather than printed as if it were the result.
pub fn to_string(election: &Election, outcome: &Outcome) -> serde_json::Result<String> {
    let mut json = serde_json::to_string_pretty(&results(election, outcome))?;
    json.push('\n');
    Ok(json)
}
