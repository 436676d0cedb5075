//! One election as the round-by-round summary JSON that RCTab (the
//! "universal RCV tabulator") writes and rcvis draws: `config`, then
//! `results`, a round each with `tally` and `tallyResults`. Only what the
//! format's JSON schema allows is written. docs/open-data.md documents it.
//!
//! A Supplementary Vote count with a second count is two rounds: round 1 the
//! first preferences, at whose end every eliminated candidate is eliminated at
//! once, their papers going to the candidates who remained or to "Inactive
//! Ballots" (non-transferable); round 2 the second-count totals, at whose end
//! the winner is elected. A result decided at the first count is one round.

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::count::{Outcome, Status};
use crate::model::{CandidateId, Election, Votes};

/// The name rcvis gives papers that no longer count for anyone.
pub const INACTIVE: &str = "Inactive Ballots";

/// Names rcvis reads as its own (it renames them to [`INACTIVE`] or to a
/// residual surplus, as its `candidate_renames` lists), so no candidate may
/// be given one.
const RESERVED: [&str; 6] = [
    INACTIVE,
    "inactive ballots",
    "Inactive ballots",
    "exhausted",
    "residual surplus",
    "Residual Surplus",
];

#[derive(Serialize)]
pub struct Summary {
    pub config: Config,
    pub results: Vec<Round>,
}

#[derive(Serialize)]
pub struct Config {
    pub contest: String,
    pub date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
    pub office: String,
    /// Votes needed to be elected at the first count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<u64>,
}

#[derive(Serialize)]
pub struct Round {
    pub round: u32,
    pub tally: Tally,
    #[serde(rename = "tallyResults")]
    pub tally_results: Vec<TallyResult>,
}

/// Names and votes, in the order given (a JSON object).
pub struct Tally(pub Vec<(String, u64)>);

impl Serialize for Tally {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, votes) in &self.0 {
            map.serialize_entry(name, votes)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
pub struct TallyResult {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub elected: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eliminated: Option<String>,
    /// Where the candidate's papers went; empty when the data gives only the
    /// transfers from all eliminated candidates together.
    pub transfers: Tally,
}

/// The summary, once declared; None while counting (the format has no way
/// to say that figures are provisional, and rcvis would draw a result) and
/// for an uncontested election (there was no count).
pub fn summary(election: &Election, outcome: &Outcome) -> Option<Summary> {
    if !crate::site::routes::rctab_published(outcome) {
        return None;
    }
    let decision = outcome.decision()?;
    let names = Names::new(election);
    let overall = &outcome.overall;
    let first = Tally(
        overall
            .candidates
            .iter()
            .map(|c| (names.of(&c.id), c.first.0))
            .collect(),
    );
    let elected = TallyResult {
        elected: Some(names.of(&decision.winner)),
        eliminated: None,
        transfers: Tally(Vec::new()),
    };
    let results = match overall.non_transferable {
        None => vec![Round {
            round: 1,
            tally: first,
            tally_results: vec![elected],
        }],
        Some(non_transferable) => {
            let mut first = first;
            first.0.push((INACTIVE.to_owned(), 0));
            let mut second: Vec<(String, u64)> = overall
                .candidates
                .iter()
                .filter_map(|c| Some((names.of(&c.id), c.total?.0)))
                .collect();
            second.push((INACTIVE.to_owned(), non_transferable.0));
            vec![
                Round {
                    round: 1,
                    tally: first,
                    tally_results: eliminations(outcome, &names),
                },
                Round {
                    round: 2,
                    tally: Tally(second),
                    tally_results: vec![elected],
                },
            ]
        }
    };
    Some(Summary {
        config: Config {
            contest: election.title.clone(),
            date: election.date.to_string(),
            jurisdiction: election.authority.clone(),
            office: election.office.clone(),
            threshold: last_round_threshold(outcome),
        },
        results,
    })
}

/// The votes needed to win in the last round, as RCTab reports a single
/// winner's threshold and rcvis draws it there: after a second count, more
/// than half of the remaining candidates' totals (the first count's
/// threshold would put a winner below the line in the round that elects them).
fn last_round_threshold(outcome: &Outcome) -> Option<u64> {
    match outcome.overall.second_count_total() {
        Some(total) => Some(total.0 / 2 + 1),
        None => outcome.threshold.map(|v| v.0),
    }
}

/// Every eliminated candidate, with where their papers went when the data
/// says so per candidate (ballot-level data in every area).
fn eliminations(outcome: &Outcome, names: &Names) -> Vec<TallyResult> {
    let overall = &outcome.overall;
    let remaining = outcome.remaining();
    overall
        .candidates
        .iter()
        .filter(|c| c.status == Status::Eliminated)
        .map(|c| {
            let row = overall
                .first_by_second
                .as_ref()
                .and_then(|table| table.rows.iter().find(|row| row.first == c.id));
            let transfers = row.map_or_else(Vec::new, |row| {
                let mut moved = Votes::ZERO;
                let mut transfers: Vec<(String, u64)> = remaining
                    .iter()
                    .map(|&to| {
                        let votes = row
                            .seconds
                            .iter()
                            .find(|(second, _)| second.as_ref() == Some(to))
                            .map_or(Votes::ZERO, |(_, v)| *v);
                        moved = moved + votes;
                        (names.of(to), votes.0)
                    })
                    .collect();
                transfers.push((INACTIVE.to_owned(), (c.first - moved).0));
                transfers
            });
            TallyResult {
                elected: None,
                eliminated: Some(names.of(&c.id)),
                transfers: Tally(transfers),
            }
        })
        .collect()
}

/// The name each candidate goes by: rcvis keys everything by name, so names
/// shared by two candidates, or one of its own, get the candidate's id added.
struct Names<'a> {
    election: &'a Election,
}

impl<'a> Names<'a> {
    fn new(election: &'a Election) -> Self {
        Names { election }
    }

    fn of(&self, id: &CandidateId) -> String {
        let Some(candidate) = self.election.candidate(id) else {
            return id.to_string();
        };
        let name = candidate.name.trim();
        let shared = self
            .election
            .candidates
            .iter()
            .filter(|c| c.name.trim() == name)
            .count()
            > 1;
        if shared || name.is_empty() || RESERVED.contains(&name) {
            format!("{name} ({id})")
        } else {
            name.to_owned()
        }
    }
}
