//! Elections written briefly, for tests: candidates by id, areas by their
//! votes.

use super::{Outcome, Status, count};
use crate::model::{
    Area, AreaId, AreaVotes, BallotGroup, Candidate, CandidateId, Date, Election, ResultStatus,
    System, Votes,
};

pub fn id(s: &str) -> CandidateId {
    CandidateId::new(s).unwrap()
}

pub fn election(system: System, candidates: &[&str], areas: Vec<AreaVotes>) -> Election {
    Election {
        election_id: None,
        title: "Test".into(),
        office: "Mayor".into(),
        authority: None,
        date: Date::parse("2026-06-19").unwrap(),
        system,
        status: ResultStatus::Declared,
        source: None,
        turnout_percent: None,
        previous: None,
        parties: vec![],
        candidates: candidates
            .iter()
            .map(|c| Candidate {
                id: id(c),
                name: c.to_uppercase(),
                party: None,
                person: None,
                ballot: None,
                description: None,
            })
            .collect(),
        areas: areas
            .into_iter()
            .enumerate()
            .map(|(i, votes)| Area {
                id: AreaId::new(&format!("area-{i}")).unwrap(),
                name: format!("Area {i}"),
                electorate: None,
                ballots_counted: None,
                rejected: None,
                rejected_second: None,
                votes,
                tile: None,
                reported_at: None,
                verified: None,
            })
            .collect(),
        declared: None,
        lot: None,
        returning_officer: None,
    }
}

pub fn sv(candidates: &[&str], areas: Vec<AreaVotes>) -> Election {
    election(System::SupplementaryVote, candidates, areas)
}

fn votes(pairs: &[(&str, u64)]) -> Vec<(CandidateId, Votes)> {
    pairs.iter().map(|(c, v)| (id(c), Votes(*v))).collect()
}

pub fn totals(first: &[(&str, u64)], second: Option<&[(&str, u64)]>) -> AreaVotes {
    AreaVotes::Totals {
        first: votes(first),
        second: second.map(votes),
    }
}

pub fn ballots(rows: &[(&str, Option<&str>, u64)]) -> AreaVotes {
    AreaVotes::Ballots(
        rows.iter()
            .map(|(first, second, count)| BallotGroup {
                first: id(first),
                second: second.map(id),
                count: Votes(*count),
            })
            .collect(),
    )
}

/// The same election, still being counted.
pub fn counting(mut election: Election) -> Election {
    election.status = ResultStatus::Counting;
    election
}

pub fn ok(e: &Election) -> Outcome {
    count(e).unwrap_or_else(|issues| panic!("{issues:?}"))
}

pub fn statuses(outcome: &Outcome) -> Vec<(&str, Status)> {
    outcome
        .overall
        .candidates
        .iter()
        .map(|c| (c.id.as_str(), c.status))
        .collect()
}
