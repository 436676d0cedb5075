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

use serde_json::{Value, json};

use crate::count::{Outcome, Phase, Stage, Tally};
use crate::model::{Election, System};
use crate::time::Moment;

/// The whole electoral area's reporting unit.
const WHOLE: &str = "gpunit-electoral-area";

fn area_unit(id: &str) -> String {
    format!("gpunit-{id}")
}

fn candidate_ref(id: &str) -> String {
    format!("candidate-{id}")
}

fn party_ref(id: &str) -> String {
    format!("party-{id}")
}

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
pub fn report(election: &Election, outcome: &Outcome, issuer: &Issuer) -> Value {
    let declared = !outcome.is_counting();
    let lang = issuer.language;
    let mut report = json!({
        "@type": "ElectionResults.ElectionReport",
        "Format": "summary-contest",
        "GeneratedDate": generated(election, outcome).rfc3339(),
        "Issuer": issuer.name,
        "IssuerAbbreviation": issuer.name,
        "SequenceStart": 1,
        "SequenceEnd": 1,
        "Status": status(outcome),
        "VendorApplicationId": concat!("psephos ", env!("CARGO_PKG_VERSION")),
        "GpUnit": gp_units(election, lang),
        "Party": election.parties.iter().map(|party| {
            let mut value = json!({
                "@type": "ElectionResults.Party",
                "@id": party_ref(party.id.as_str()),
                "Name": text(lang, &party.name),
            });
            if let Some(colour) = &party.colour {
                value["Color"] = json!(colour.trim_start_matches('#'));
            }
            value
        }).collect::<Vec<_>>(),
        "Person": election.candidates.iter().map(|candidate| json!({
            "@type": "ElectionResults.Person",
            "@id": person_ref(candidate),
            "FullName": text(lang, &candidate.name),
        })).collect::<Vec<_>>(),
        "Office": [{
            "@type": "ElectionResults.Office",
            "@id": "office",
            "Name": text(lang, &election.office),
            "ElectionDistrictId": WHOLE,
        }],
    });
    let candidates: Vec<Value> = election
        .candidates
        .iter()
        .map(|candidate| {
            let mut value = json!({
                "@type": "ElectionResults.Candidate",
                "@id": candidate_ref(candidate.id.as_str()),
                "BallotName": text(lang, &candidate.name),
                "PersonId": person_ref(candidate),
            });
            if let Some(party) = &candidate.party {
                value["PartyId"] = json!(party_ref(party.as_str()));
            }
            if let Some(winner) = outcome.winner().filter(|_| declared) {
                let status = if *winner == candidate.id {
                    "winner"
                } else {
                    "defeated"
                };
                value["PostElectionStatus"] = json!(status);
            }
            value
        })
        .collect();
    report["Election"] = json!([{
        "@type": "ElectionResults.Election",
        "Name": text(lang, &election.title),
        "Type": "general",
        "StartDate": election.date.to_string(),
        "EndDate": election.date.to_string(),
        "ElectionScopeId": WHOLE,
        "Candidate": candidates,
        "Contest": [contest(election, outcome)],
    }]);
    report
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

/// The whole electoral area, made of the voting areas.
fn gp_units(election: &Election, lang: &str) -> Vec<Value> {
    let whole_name = election.authority.as_deref().unwrap_or(&election.office);
    let mut whole = json!({
        "@type": "ElectionResults.ReportingUnit",
        "@id": WHOLE,
        "Type": "other",
        "OtherType": "electoral-area",
        "Name": text(lang, whole_name),
        "ComposingGpUnitIds": election.areas.iter()
            .map(|a| area_unit(a.id.as_str())).collect::<Vec<_>>(),
    });
    let electorates: Option<Vec<u64>> = election
        .areas
        .iter()
        .map(|a| a.electorate.map(|v| v.0))
        .collect();
    if let Some(electorates) = electorates.filter(|e| !e.is_empty()) {
        whole["VotersRegistered"] = json!(electorates.iter().sum::<u64>());
    }
    let mut units = vec![whole];
    units.extend(election.areas.iter().map(|area| {
        let mut unit = json!({
            "@type": "ElectionResults.ReportingUnit",
            "@id": area_unit(area.id.as_str()),
            "Type": "other",
            "OtherType": "voting-area",
            "Name": text(lang, &area.name),
        });
        if let Some(electorate) = area.electorate {
            unit["VotersRegistered"] = json!(electorate.0);
        }
        unit
    }));
    units
}

fn contest(election: &Election, outcome: &Outcome) -> Value {
    let mut contest = json!({
        "@type": "ElectionResults.CandidateContest",
        "@id": "contest",
        "Name": election.office,
        "ElectionDistrictId": WHOLE,
        "OfficeIds": ["office"],
        "NumberElected": 1,
        "SubUnitsReported": reported(outcome),
        "TotalSubUnits": outcome.areas.len(),
    });
    match election.system {
        System::SupplementaryVote => {
            contest["VoteVariation"] = json!("other");
            contest["OtherVoteVariation"] = json!("supplementary-vote");
            contest["VotesAllowed"] = json!(2);
        }
        System::FirstPastThePost => {
            contest["VoteVariation"] = json!("plurality");
            contest["VotesAllowed"] = json!(1);
        }
    }
    let rounds = election.system == System::SupplementaryVote;
    contest["ContestSelection"] = election
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
                counts.extend(vote_counts(
                    &outcome.overall,
                    id,
                    WHOLE,
                    rounds,
                    whole_second,
                ));
                for tallied in &outcome.areas {
                    if matches!(tallied.stage, Stage::Awaiting | Stage::NoPoll) {
                        continue;
                    }
                    let unit = area_unit(tallied.id.as_str());
                    counts.extend(vote_counts(&tallied.tally, id, &unit, rounds, true));
                }
            }
            json!({
                "@type": "ElectionResults.CandidateSelection",
                "@id": format!("selection-{id}"),
                "CandidateIds": [candidate_ref(id)],
                "SequenceOrder": order + 1,
                "VoteCounts": counts,
            })
        })
        .collect();
    contest
}

/// A candidate's counts in one unit: round 1 (first preferences) and, for a
/// candidate in the second count, round 2 (their total). Without rounds (first
/// past the post) a single count.
fn vote_counts(tally: &Tally, id: &str, unit: &str, rounds: bool, second: bool) -> Vec<Value> {
    let Some(result) = tally.candidates.iter().find(|c| c.id.as_str() == id) else {
        return Vec::new();
    };
    let count = |votes: u64, round: Option<u32>| {
        let mut value = json!({
            "@type": "ElectionResults.VoteCounts",
            "GpUnitId": unit,
            "Type": "total",
            "Count": votes,
        });
        if let Some(round) = round {
            value["Round"] = json!(round);
        }
        value
    };
    if !rounds {
        return vec![count(result.first.0, None)];
    }
    let mut counts = vec![count(result.first.0, Some(1))];
    if let Some(total) = result.total.filter(|_| second) {
        counts.push(count(total.0, Some(2)));
    }
    counts
}

fn person_ref(candidate: &crate::model::Candidate) -> String {
    match &candidate.person {
        Some(person) => format!("person-{person}"),
        None => format!("person-of-candidate-{}", candidate.id),
    }
}

/// Text in the format's internationalised form, in the site's language.
fn text(language: &str, content: &str) -> Value {
    json!({
        "@type": "ElectionResults.InternationalizedText",
        "Text": [{
            "@type": "ElectionResults.LanguageString",
            "Content": content,
            "Language": language,
        }],
    })
}
