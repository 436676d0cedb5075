//! One election in the NIST SP 1500-100 version 2 election results common
//! data format (JSON), which US and international results tools read.
//! docs/open-data.md documents every field and how the count maps onto it.
//!
//! How a Supplementary Vote count maps onto the format's rounds: the spec's
//! `Round` is "an identification of the RCV round being reported", and a
//! round's `VoteCounts` hold each candidate's tally in that round, as a
//! ranked-choice results report gives them. So `Round` 1 holds the first
//! preferences and `Round` 2 the second-count totals (first preferences plus
//! transfers) of the candidates who remained; a transfer is the difference.
//! An eliminated candidate has no `Round` 2 count.
//!
//! The report borrows from the election and is written as it is serialised:
//! an election of 10,000 areas has a count per area, round and candidate.

use crate::count::{Outcome, Phase, Stage, Tally};
use crate::model::{Candidate, Election, System};
use crate::time::Moment;

mod format;

pub use format::Report;
use format::{
    CandidateJson, Contest, ElectionJson, LanguageString, Office, Party, Person, Ref,
    ReportingUnit, Selection, Text, Unit, VoteCounts, WHOLE,
};

/// Who publishes the report (the site's publisher, also given as the
/// format's required abbreviation), and the language of its text.
pub struct Issuer<'a> {
    pub name: &'a str,
    /// As `en-GB`.
    pub language: &'a str,
}

/// The `ElectionReport` of one election. While counting its `Status` is
/// `unofficial-partial` (or `unofficial-complete` once every area's last
/// count is in) and no candidate is called the winner.
pub fn report<'a>(election: &'a Election, outcome: &'a Outcome, issuer: &Issuer<'a>) -> Report<'a> {
    let lang = issuer.language;
    let text = |content: &'a str| Text {
        kind: "ElectionResults.InternationalizedText",
        text: [LanguageString {
            kind: "ElectionResults.LanguageString",
            content,
            language: lang,
        }],
    };
    let winner = outcome.winner().filter(|_| !outcome.is_counting());
    Report {
        kind: "ElectionResults.ElectionReport",
        status: status(outcome),
        generated_date: generated(election, outcome).rfc3339(),
        issuer: issuer.name,
        issuer_abbreviation: issuer.name,
        format: "summary-contest",
        sequence_start: 1,
        sequence_end: 1,
        vendor_application_id: concat!("psephos ", env!("CARGO_PKG_VERSION")),
        gp_unit: gp_units(election, &text),
        party: election
            .parties
            .iter()
            .map(|party| Party {
                kind: "ElectionResults.Party",
                id: Ref("party", party.id.as_str()),
                name: text(&party.name),
                color: party.colour.as_deref().map(|c| c.trim_start_matches('#')),
            })
            .collect(),
        // One per person: data may name the same person for two candidates.
        person: election
            .candidates
            .iter()
            .enumerate()
            .filter(|(i, candidate)| {
                candidate.person.is_none()
                    || !election.candidates[..*i]
                        .iter()
                        .any(|earlier| earlier.person == candidate.person)
            })
            .map(|(_, candidate)| Person {
                kind: "ElectionResults.Person",
                id: person_ref(candidate),
                full_name: text(&candidate.name),
            })
            .collect(),
        office: [Office {
            kind: "ElectionResults.Office",
            id: "office",
            name: text(&election.office),
            election_district_id: WHOLE,
        }],
        election: [ElectionJson {
            kind: "ElectionResults.Election",
            name: text(&election.title),
            election_type: "general",
            start_date: election.date.to_string(),
            end_date: election.date.to_string(),
            election_scope_id: WHOLE,
            candidate: election
                .candidates
                .iter()
                .map(|candidate| CandidateJson {
                    kind: "ElectionResults.Candidate",
                    id: Ref("candidate", candidate.id.as_str()),
                    ballot_name: text(&candidate.name),
                    party_id: candidate.party.as_ref().map(|p| Ref("party", p.as_str())),
                    person_id: person_ref(candidate),
                    post_election_status: winner.map(|winner| {
                        if *winner == candidate.id {
                            "winner"
                        } else {
                            "defeated"
                        }
                    }),
                })
                .collect(),
            contest: [contest(election, outcome)],
        }],
    }
}

/// The format's status: a declaration by the returning officer is the
/// final, legally binding result (UK law has no later certification), so
/// `certified`; while counting, `unofficial-complete` once every area's last
/// count is in, else `unofficial-partial`.
fn status(outcome: &Outcome) -> &'static str {
    match outcome.progress() {
        None => "certified",
        Some(progress) if reported(outcome) == progress.areas => "unofficial-complete",
        Some(_) => "unofficial-partial",
    }
}

/// Areas whose figures are complete as far as the count has got: while the
/// second count is under way, those whose second count is in; before it,
/// those whose first count is in; once declared, all.
fn reported(outcome: &Outcome) -> usize {
    match outcome.progress() {
        None => outcome.areas.len(),
        Some(progress) => match progress.phase {
            Phase::SecondCount { reported } => reported,
            Phase::FirstCount | Phase::FirstCountComplete => progress.first_reported,
        },
    }
}

/// When the figures were made: the declaration's time, else the latest
/// figures', else the start of polling day. Never the time of the build, so
/// that the same data always makes the same file.
fn generated(election: &Election, outcome: &Outcome) -> Moment {
    let latest = election.areas.iter().filter_map(|a| a.reported_at).max();
    election
        .declared
        .as_ref()
        .and_then(|d| d.at)
        .filter(|_| !outcome.is_counting())
        .or(latest)
        .unwrap_or_else(|| Moment::day(election.date))
}

/// The whole electoral area, made of the voting areas, then each of them.
fn gp_units<'a>(
    election: &'a Election,
    text: &impl Fn(&'a str) -> Text<'a>,
) -> Vec<ReportingUnit<'a>> {
    let electorates: Option<Vec<u64>> = election
        .areas
        .iter()
        .map(|a| a.electorate.map(|v| v.0))
        .collect();
    let whole = ReportingUnit {
        kind: "ElectionResults.ReportingUnit",
        id: WHOLE,
        unit_type: "other",
        other_type: "electoral-area",
        name: text(election.authority.as_deref().unwrap_or(&election.office)),
        composing_gp_unit_ids: election.areas.iter().map(|a| Unit(Some(&a.id))).collect(),
        voters_registered: electorates
            .filter(|e| !e.is_empty())
            .map(|e| e.iter().sum()),
    };
    let areas = election.areas.iter().map(|area| ReportingUnit {
        kind: "ElectionResults.ReportingUnit",
        id: Unit(Some(&area.id)),
        unit_type: "other",
        other_type: "voting-area",
        name: text(&area.name),
        composing_gp_unit_ids: Vec::new(),
        voters_registered: area.electorate.map(|v| v.0),
    });
    std::iter::once(whole).chain(areas).collect()
}

fn contest<'a>(election: &'a Election, outcome: &'a Outcome) -> Contest<'a> {
    let sv = election.system == System::SupplementaryVote;
    let selections = election
        .candidates
        .iter()
        .enumerate()
        .map(|(order, candidate)| {
            let id = candidate.id.as_str();
            let mut counts = Vec::new();
            if outcome.contested() {
                // The whole area's second count only once declared: while
                // counting its running totals mix areas at different counts.
                let whole_second = !outcome.is_counting();
                vote_counts(
                    &mut counts,
                    &outcome.overall,
                    candidate,
                    WHOLE,
                    sv,
                    whole_second,
                );
                for tallied in &outcome.areas {
                    if !matches!(tallied.stage, Stage::Awaiting | Stage::NoPoll) {
                        let unit = Unit(Some(&tallied.id));
                        vote_counts(&mut counts, &tallied.tally, candidate, unit, sv, true);
                    }
                }
            }
            Selection {
                kind: "ElectionResults.CandidateSelection",
                id: Ref("selection", id),
                candidate_ids: [Ref("candidate", id)],
                sequence_order: order + 1,
                vote_counts: counts,
            }
        })
        .collect();
    Contest {
        kind: "ElectionResults.CandidateContest",
        id: "contest",
        name: &election.office,
        election_district_id: WHOLE,
        office_ids: ["office"],
        number_elected: 1,
        // A first and a second preference, or one cross.
        votes_allowed: if sv { 2 } else { 1 },
        vote_variation: if sv { "other" } else { "plurality" },
        other_vote_variation: sv.then_some("supplementary-vote"),
        sub_units_reported: reported(outcome),
        total_sub_units: outcome.areas.len(),
        contest_selection: selections,
    }
}

/// A candidate's counts in one unit: round 1 (first preferences) and, for a
/// candidate in the second count, round 2 (their total). Without rounds
/// (first past the post) a single count.
fn vote_counts<'a>(
    counts: &mut Vec<VoteCounts<'a>>,
    tally: &Tally,
    candidate: &Candidate,
    unit: Unit<'a>,
    rounds: bool,
    second: bool,
) {
    let Some(result) = tally.candidate(&candidate.id) else {
        return;
    };
    let count = |votes: u64, round: Option<u32>| VoteCounts {
        kind: "ElectionResults.VoteCounts",
        gp_unit_id: unit,
        count_type: "total",
        count: votes,
        round,
    };
    if !rounds {
        counts.push(count(result.first.0, None));
        return;
    }
    counts.push(count(result.first.0, Some(1)));
    if let Some(total) = result.total.filter(|_| second) {
        counts.push(count(total.0, Some(2)));
    }
}

fn person_ref(candidate: &Candidate) -> Ref<'_> {
    match &candidate.person {
        Some(person) => Ref("person", person.as_str()),
        None => Ref("nominee", candidate.id.as_str()),
    }
}
