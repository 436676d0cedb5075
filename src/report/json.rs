//! The outcome as JSON. Field names are a published contract: tools and the
//! site's open data rely on them.

use serde::Serialize;

use crate::count::{CandidateResult, Outcome, Tally};
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
    pub winner: &'a str,
    pub elected_at: &'static str,
    pub by_lot: bool,
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
        winner: outcome.winner.as_str(),
        elected_at: outcome.elected_at.key(),
        by_lot: outcome.by_lot,
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

/// Pretty-printed JSON, ending with a newline.
pub fn to_string(election: &Election, outcome: &Outcome) -> String {
    let mut json = serde_json::to_string_pretty(&results(election, outcome))
        .unwrap_or_else(|err| format!("{{\"error\": \"{err}\"}}"));
    json.push('\n');
    json
}
