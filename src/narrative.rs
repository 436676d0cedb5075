//! The count told in plain English, generated from the numbers. Shared by
//! the terminal report and the website so that both say the same thing.

use crate::count::{CandidateResult, ElectedAt, Outcome};
use crate::format::Share;
use crate::model::{CandidateId, Election, Votes};

/// A candidate's name, falling back to the id (never reached for checked data).
pub fn name<'e>(election: &'e Election, id: &'e CandidateId) -> &'e str {
    election
        .candidate(id)
        .map_or(id.as_str(), |c| c.name.as_str())
}

/// "A", "A and B", "A, B and C".
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => format!(
            "{} and {}",
            init.iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

fn names(election: &Election, results: &[&CandidateResult]) -> String {
    let names: Vec<&str> = results.iter().map(|c| name(election, &c.id)).collect();
    and_list(&names)
}

/// Whether anyone reached the first-count threshold, and by how much they
/// fell short if not. None outside a Supplementary Vote count.
pub fn threshold_sentence(election: &Election, outcome: &Outcome) -> Option<String> {
    let threshold = outcome.threshold?;
    let valid = outcome.overall.valid_first;
    let leader = outcome.overall.candidates.iter().max_by_key(|c| c.first)?;
    let rule = format!(
        "To be elected at the first count a candidate needed more than half of the {valid} valid first preferences: {threshold} votes."
    );
    Some(if outcome.elected_at == ElectedAt::FirstCount {
        format!(
            "{rule} {} had {}, more than half.",
            name(election, &leader.id),
            leader.first
        )
    } else {
        format!(
            "{rule} Nobody reached it: the leader, {}, had {} ({}), {} short.",
            name(election, &leader.id),
            leader.first,
            Share::new(leader.first, valid),
            threshold - leader.first
        )
    })
}

/// Who remained in the count and why; None without a second count.
pub fn remained_sentence(election: &Election, outcome: &Outcome) -> Option<String> {
    outcome.overall.non_transferable?;
    let mut remaining: Vec<&CandidateResult> = outcome
        .overall
        .candidates
        .iter()
        .filter(|c| c.total.is_some())
        .collect();
    remaining.sort_by_key(|c| std::cmp::Reverse(c.first));
    let top = remaining.first()?.first;
    let last = remaining.last()?.first;
    Some(match remaining.len() {
        2 => format!(
            "{} had the most first preferences, so they remain in the count.",
            names(election, &remaining)
        ),
        n if top == last => format!(
            "{} tied for first place with {top} first preferences each, so all {n} remain in the count.",
            names(election, &remaining)
        ),
        n => format!(
            "{} had the most first preferences; {} tied for second place with {last} each, so all {n} remain in the count.",
            names(election, &remaining[..1]),
            names(election, &remaining[1..])
        ),
    })
}

/// Who was eliminated, with their first preferences together.
pub fn eliminated_sentence(election: &Election, outcome: &Outcome) -> Option<String> {
    outcome.overall.non_transferable?;
    let eliminated: Vec<&CandidateResult> = outcome
        .overall
        .candidates
        .iter()
        .filter(|c| c.total.is_none())
        .collect();
    if eliminated.is_empty() {
        return Some("Nobody was eliminated, so there were no second preferences to count.".into());
    }
    let papers: Votes = eliminated.iter().map(|c| c.first).sum();
    let verb = if eliminated.len() == 1 { "is" } else { "are" };
    Some(format!(
        "{} {verb} eliminated. The {papers} ballot papers with a first preference for {} are examined for a second preference for a remaining candidate.",
        names(election, &eliminated),
        if eliminated.len() == 1 {
            "them"
        } else {
            "any of them"
        }
    ))
}

/// How the winner was elected.
pub fn elected_sentence(election: &Election, outcome: &Outcome) -> String {
    let winner = name(election, &outcome.winner);
    let party = election
        .candidate(&outcome.winner)
        .map_or("", |c| election.party_name(c));
    let overall = &outcome.overall;
    let Some(result) = overall.candidate(&outcome.winner) else {
        return format!("{winner} is elected.");
    };
    let runner_up = overall.candidates.get(1);
    let margin = outcome.margin().unwrap_or(Votes::ZERO);
    let stage = match outcome.elected_at {
        ElectedAt::Uncontested => {
            return format!(
                "{winner} ({party}) is elected unopposed: with one candidate there is no poll."
            );
        }
        ElectedAt::SimpleMajority => "",
        ElectedAt::FirstCount => " at the first count",
        ElectedAt::SecondCount => " at the second count",
    };
    let votes = result.last();
    if outcome.by_lot {
        let tied: Vec<&str> = overall
            .candidates
            .iter()
            .filter(|c| c.last() == votes && c.total.is_some() == result.total.is_some())
            .map(|c| name(election, &c.id))
            .collect();
        return format!(
            "{} tied{stage} with {votes} votes each. The returning officer drew lots, and {winner} ({party}) is elected.",
            and_list(&tied)
        );
    }
    let share = match outcome.elected_at {
        ElectedAt::SecondCount => Share::new(votes, overall.second_count_total().unwrap_or(votes)),
        _ => Share::new(votes, overall.valid_first),
    };
    let over = runner_up.map_or(String::new(), |r| {
        format!(" over {}", name(election, &r.id))
    });
    format!(
        "{winner} ({party}) is elected{stage} with {votes} votes ({share}), a majority of {margin}{over}."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_english() {
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(and_list(&["A"]), "A");
        assert_eq!(and_list(&["A", "B"]), "A and B");
        assert_eq!(and_list(&["A", "B", "C"]), "A, B and C");
    }
}
