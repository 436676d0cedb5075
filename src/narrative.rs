//! The count told in plain English, generated from the numbers. Shared by
//! the terminal report and the website so that both say the same thing.

use crate::count::{CandidateResult, Decision, ElectedAt, Outcome, Phase, Progress};
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
    let tense = if outcome.is_counting() { "has" } else { "had" };
    Some(if leader.first >= threshold {
        format!(
            "{rule} {} {tense} {}, more than half.",
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

/// The one sentence that says where things stand: who is elected, or, while
/// counting, who leads and that nothing is decided.
pub fn headline(election: &Election, outcome: &Outcome) -> String {
    match (outcome.decision(), outcome.progress()) {
        (Some(decision), _) => elected_sentence(election, outcome, decision),
        (None, Some(progress)) => standing_sentence(election, outcome, progress),
        (None, None) => String::new(),
    }
}

/// For summaries (page descriptions, feeds): the headline, and while
/// counting the banner before it, so a snippet never loses "provisional".
pub fn summary(election: &Election, outcome: &Outcome) -> String {
    let headline = headline(election, outcome);
    match outcome.progress() {
        Some(progress) => format!("{} {headline}", progress_banner(progress)),
        None => headline,
    }
}

/// While counting: the banner every page of the election carries. Says how
/// far the count has got and that the figures are provisional.
pub fn progress_banner(progress: &Progress) -> String {
    let of = progress.areas;
    let authorities = |n: usize| {
        if n == 1 {
            "local authority"
        } else {
            "local authorities"
        }
    };
    let have = |n: usize| if n == 1 { "has" } else { "have" };
    let status = match progress.phase {
        Phase::FirstCount => format!(
            "{} of {of} {} {} reported first preferences. Figures are provisional.",
            progress.first_reported,
            authorities(of),
            have(progress.first_reported)
        ),
        Phase::FirstCountComplete => format!(
            "all {of} {} have reported first preferences. Figures are provisional until the returning officer declares the result.",
            authorities(of)
        ),
        Phase::SecondCount { reported: 0 } => format!(
            "all {of} {} have reported first preferences. Nobody has more than half, so there is a second count. Figures are provisional.",
            authorities(of)
        ),
        Phase::SecondCount { reported } => format!(
            "{reported} of {of} {} {} counted second preferences. Figures are provisional.",
            authorities(of),
            have(reported)
        ),
    };
    format!("Count in progress: {status}")
}

/// While counting: "Latest figures: 20 June 2026, 01:42."
pub fn latest_figures(progress: &Progress) -> Option<String> {
    progress
        .latest
        .map(|at| format!("Latest figures: {}.", at.long()))
}

/// Who leads a count in progress, never who is elected.
fn standing_sentence(election: &Election, outcome: &Outcome, progress: &Progress) -> String {
    let overall = &outcome.overall;
    let not_declared = "the returning officer has not yet declared the result";
    match progress.phase {
        Phase::FirstCount if progress.first_reported == 0 => {
            "No local authority has reported its first count yet.".to_owned()
        }
        Phase::FirstCount => {
            let (leaders, votes) = leaders(overall.candidates.iter().map(|c| (c, c.first)));
            format!(
                "On the first preferences counted so far, {} {} with {votes} ({}).",
                names(election, &leaders),
                lead_verb(&leaders),
                Share::new(votes, overall.valid_first)
            )
        }
        Phase::FirstCountComplete => {
            let (leaders, votes) = leaders(overall.candidates.iter().map(|c| (c, c.first)));
            let share = Share::new(votes, overall.valid_first);
            match outcome.threshold {
                Some(threshold) if votes >= threshold => format!(
                    "{} has more than half of the first preferences, {votes} ({share}); {not_declared}.",
                    names(election, &leaders)
                ),
                _ => format!(
                    "{} {} with {votes} votes ({share}); {not_declared}.",
                    names(election, &leaders),
                    lead_verb(&leaders)
                ),
            }
        }
        Phase::SecondCount { reported: 0 } => {
            let (leaders, votes) = leaders(overall.candidates.iter().map(|c| (c, c.first)));
            let remaining: Vec<&CandidateResult> = overall
                .candidates
                .iter()
                .filter(|c| c.total.is_some())
                .collect();
            format!(
                "Nobody has more than half of the first preferences, so {} go through to the second count. On first preferences {} {} with {votes} ({}).",
                names(election, &remaining),
                names(election, &leaders),
                lead_verb(&leaders),
                Share::new(votes, overall.valid_first)
            )
        }
        Phase::SecondCount { reported } => {
            let finalists = overall
                .candidates
                .iter()
                .filter_map(|c| c.total.map(|t| (c, t)));
            let (leaders, votes) = leaders(finalists);
            let whole = overall.second_count_total().unwrap_or(votes);
            let so_far = if reported == progress.areas {
                format!("With every local authority's second preferences counted, {not_declared}")
            } else {
                "The second count is under way".to_owned()
            };
            format!(
                "{so_far}. On the running totals, {} {} with {votes} ({}).",
                names(election, &leaders),
                lead_verb(&leaders),
                Share::new(votes, whole)
            )
        }
    }
}

fn lead_verb(leaders: &[&CandidateResult]) -> &'static str {
    if leaders.len() == 1 {
        "leads"
    } else {
        "are level"
    }
}

/// Those with the most votes, and the votes.
fn leaders<'a>(
    results: impl Iterator<Item = (&'a CandidateResult, Votes)>,
) -> (Vec<&'a CandidateResult>, Votes) {
    let results: Vec<_> = results.collect();
    let top = results.iter().map(|(_, v)| *v).max().unwrap_or_default();
    let leaders = results
        .into_iter()
        .filter(|(_, v)| *v == top)
        .map(|(c, _)| c)
        .collect();
    (leaders, top)
}

/// How the winner was elected.
fn elected_sentence(election: &Election, outcome: &Outcome, decision: &Decision) -> String {
    let winner = name(election, &decision.winner);
    let party = election
        .candidate(&decision.winner)
        .map_or("", |c| election.party_name(c));
    let overall = &outcome.overall;
    let Some(result) = overall.candidate(&decision.winner) else {
        return format!("{winner} is elected.");
    };
    let runner_up = overall.candidates.get(1);
    let margin = outcome.margin().unwrap_or(Votes::ZERO);
    let stage = match decision.elected_at {
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
    if decision.by_lot {
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
    let share = match decision.elected_at {
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
