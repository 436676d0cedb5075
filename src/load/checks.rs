//! Checks that need the count: turning [`CountIssue`]s into problems at the
//! right place in the file, and comparing the declared result with ours.

use super::reader::{Problem, Problems};
use crate::count::{CountIssue, NoSecondCount, Outcome, Stage};
use crate::diagnostic::Kind;
use crate::format::{Share, thousands};
use crate::model::{AreaId, CandidateId, Election, Votes};
use crate::narrative::and_list;
use crate::yaml::Path;

/// What is worth fixing but does not stop the count.
pub fn warnings(election: &Election, outcome: &Outcome) -> Vec<Problem> {
    let mut problems = Problems::default();
    // While counting there is no declaration to compare, and turnout waits
    // for every area.
    if outcome.is_counting() {
        return problems.0;
    }
    // `declared: {}` checks no more than no `declared` at all.
    let checks_nothing = election
        .declared
        .as_ref()
        .is_none_or(|d| d.totals.is_empty() && d.winner.is_none());
    if checks_nothing && outcome.contested() {
        problems.value(
            Kind::Unchecked,
            &Path::root().key("declared"),
            "not given, so a mistyped figure cannot be caught",
            "copy the winner and the final totals from the declaration into `declared:` (see docs/data-format.md)",
        );
    }
    turnout(election, outcome, &mut problems);
    problems.0
}

/// The declared turnout against papers counted ÷ electorate, where every
/// area gives both: a disagreement means one figure was mistyped.
fn turnout(election: &Election, outcome: &Outcome, problems: &mut Problems) {
    let Some(declared) = election.turnout_percent else {
        return;
    };
    let mut counted = Votes::ZERO;
    let mut electorate = Votes::ZERO;
    for (area, tallied) in election.areas.iter().zip(&outcome.areas) {
        let papers = area.ballots_counted.or_else(|| {
            let rejected = area.rejected.as_ref()?.total();
            Some(tallied.tally.valid_first + rejected)
        });
        match (papers, area.electorate) {
            (Some(papers), Some(voters)) => {
                counted = counted + papers;
                electorate = electorate + voters;
            }
            _ => return,
        }
    }
    // Papers counted ÷ electorate, rounded as the pages show it.
    let computed = Share::new(counted, electorate);
    let Some(tenths) = computed.tenths() else {
        return;
    };
    // Declared turnouts are rounded to one or two places.
    if (tenths as f64 - declared * 10.0).abs() >= 1.0 {
        problems.value(
            Kind::FiguresDisagree,
            &Path::root().key("turnout_percent"),
            format!(
                "the declared turnout is {declared}%, but the ballot papers counted ({counted}) and the electorate ({electorate}) give {computed}"
            ),
            "check `turnout_percent`, `electorate` and `ballots_counted` against the declaration",
        );
    }
}

/// An area whose figures are all zero has not been entered, or its count is
/// not in: publishing the rest as the result would show a provisional figure
/// as final. `elsewhere` reports area `i` itself when its figures are in
/// another file, and says so.
pub fn empty_areas(
    outcome: &Outcome,
    problems: &mut Problems,
    elsewhere: &mut dyn FnMut(usize) -> bool,
) {
    if !outcome.contested() {
        return;
    }
    let help = if outcome.is_counting() {
        "enter this area's figures as its count gives them, or remove `first` (and `second`) to show it as awaited"
    } else {
        "enter this area's figures as its count declares them; if its count is not in yet, set `status: counting` at the top of the file"
    };
    for (i, tallied) in outcome.areas.iter().enumerate() {
        if tallied.stage != Stage::Awaiting
            && tallied.tally.valid_first == Votes::ZERO
            && !elsewhere(i)
        {
            problems.value(
                Kind::MissingVotes,
                &Path::root().key("areas").index(i),
                "no votes at all in this area, so the result cannot be published without its count",
                help,
            );
        }
    }
}

/// Papers rejected as to the second preference are among the eliminated
/// candidates' papers that did not transfer, and exist only where the area's
/// second count is in.
pub fn rejected_second(election: &Election, outcome: &Outcome, problems: &mut Problems) {
    for (i, (area, tallied)) in election.areas.iter().zip(&outcome.areas).enumerate() {
        let Some(rejected) = &area.rejected_second else {
            continue;
        };
        let path = Path::root().key("areas").index(i).key("rejected_second");
        let rejected = rejected.total();
        match tallied.tally.non_transferable {
            None if outcome.has_second_count() || outcome.is_counting() => problems.key(
                Kind::CountRule,
                &path,
                "papers are rejected as to the second preference at the second count, which is not in for this area yet",
                "remove `rejected_second` until this area's second count is in",
            ),
            None => problems.key(
                Kind::CountRule,
                &path,
                "there was no second count, so no paper was rejected as to the second preference",
                "remove `rejected_second`",
            ),
            Some(non_transferable) if rejected > non_transferable => problems.value(
                Kind::FiguresDisagree,
                &path,
                format!(
                    "{rejected} papers rejected as to the second preference, but only {non_transferable} of the eliminated candidates' papers did not transfer here"
                ),
                "a paper rejected as to the second preference is one of the non-transferable papers; check `rejected_second`, `first` and `second` against the declaration",
            ),
            Some(_) => {}
        }
    }
}

pub fn count_issue(issue: &CountIssue, problems: &mut Problems) {
    let area = |i: usize| Path::root().key("areas").index(i);
    match issue {
        CountIssue::SecondNotNeeded { area: i, why } => problems.key(
            Kind::CountRule,
            &area(*i).key("second"),
            format!("there was no second count: {}", no_second_count(*why)),
            "remove `second` from this area",
        ),
        CountIssue::SecondMissing { area: i, remaining } => problems.value(
            Kind::CountRule,
            &area(*i),
            format!(
                "no `second`, but nobody had more than half of the first preferences, so {} went to a second count",
                and_list(remaining)
            ),
            format!(
                "add the second preferences counted for each of them in this area: `second: {{{}}}`",
                remaining
                    .iter()
                    .map(|id| format!("{id}: N"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        CountIssue::SecondForEliminated {
            area: i,
            candidate,
            remaining,
        } => problems.key(
            Kind::CountRule,
            &area(*i).key("second").key(candidate.as_str()),
            format!(
                "{candidate} did not remain in the count; only {} did",
                and_list(remaining)
            ),
            "give second preferences only for the candidates in the second count",
        ),
        CountIssue::SecondLeavesOut { area: i, candidate } => problems.value(
            Kind::CountRule,
            &area(*i).key("second"),
            format!("no second preferences for {candidate}, who remained in the count"),
            format!("add `{candidate}: N` (0 if none were counted for them here)"),
        ),
        CountIssue::TransfersExceedEliminated {
            area: i,
            transfers,
            eliminated_first,
        } => problems.value(
            Kind::FiguresDisagree,
            &area(*i).key("second"),
            format!(
                "{transfers} votes transferred, but the eliminated candidates had only {eliminated_first} first preferences here"
            ),
            "only ballots whose first preference was eliminated transfer; check `first` and `second` against the declaration",
        ),
        CountIssue::TieNeedsLot { tied, at } => problems.value(
            Kind::CountRule,
            &Path::root(),
            format!(
                "{} tie with {at} votes each; the returning officer decides by lot",
                and_list(tied)
            ),
            format!(
                "add `lot: <id>` naming whom the lot chose ({})",
                tied.iter().map(CandidateId::as_str).collect::<Vec<_>>().join(" or ")
            ),
        ),
        CountIssue::LotNotTied { lot, tied } => problems.value(
            Kind::CountRule,
            &Path::root().key("lot"),
            format!("{lot} was not in the tie: the lot was between {}", and_list(tied)),
            "name one of the tied candidates",
        ),
        CountIssue::LotWithoutTie { lot } => problems.value(
            Kind::CountRule,
            &Path::root().key("lot"),
            format!("the lot is only drawn when the final totals tie, and they do not (lot names {lot})"),
            "remove `lot`",
        ),
        CountIssue::NoCandidates => problems.value(
            Kind::Empty,
            &Path::root().key("candidates"),
            "there are no candidates",
            "add at least one candidate",
        ),
        CountIssue::SecondBeforeAllFirsts { area: i, awaiting } => problems.key(
            Kind::CountRule,
            &area(*i).key("second"),
            format!(
                "second preferences are given, but the first count is still awaited in {}",
                some_areas(awaiting)
            ),
            "the returning officer directs a second count only once every first count is in: remove `second` here until then",
        ),
        CountIssue::NoVotes => problems.value(
            Kind::MissingVotes,
            &Path::root().key("areas"),
            "there are no votes in any area, so nobody can be elected",
            "enter each area's first preferences as its count declares them",
        ),
    }
}

/// How many areas a message names before it counts the rest.
const AREAS_NAMED: usize = 5;

/// "north, south and east", or for many "a, b, c, d, e and 4,995 other
/// areas": every area's message names them, so all of them in each would be
/// n² names.
pub(super) fn some_areas(areas: &[AreaId]) -> String {
    if areas.len() <= AREAS_NAMED {
        return and_list(areas);
    }
    let named: Vec<&str> = areas[..AREAS_NAMED].iter().map(AreaId::as_str).collect();
    let more = areas.len() - AREAS_NAMED;
    format!(
        "{} and {} other area{}",
        named.join(", "),
        thousands(more as u64),
        if more == 1 { "" } else { "s" }
    )
}

pub(super) fn no_second_count(why: NoSecondCount) -> &'static str {
    match why {
        NoSecondCount::Uncontested => "the election was uncontested",
        NoSecondCount::TwoCandidates => "with two candidates the one with more votes is elected",
        NoSecondCount::FirstPastThePost => "the election was first past the post",
        NoSecondCount::WonAtFirstCount => {
            "a candidate had more than half of the valid first preferences"
        }
        NoSecondCount::NobodyEliminated => {
            "every candidate remains in the count, so no papers transfer"
        }
    }
}

/// The declaration must agree with the count.
pub fn declared(election: &Election, outcome: &Outcome, problems: &mut Problems) {
    let (Some(declared), Some(elected)) = (&election.declared, outcome.winner()) else {
        return;
    };
    let path = Path::root().key("declared");
    if let Some(winner) = &declared.winner
        && winner != elected
    {
        problems.value(
            Kind::DeclaredDisagrees,
            &path.key("winner"),
            format!("declared winner is {winner}, but the count elects {elected}"),
            "check the votes against the declaration; the count follows the statutory rules",
        );
    }
    for (id, declared_total) in &declared.totals {
        let Some(result) = outcome.overall.candidate(id) else {
            continue;
        };
        let counted = result.last();
        if counted == *declared_total {
            continue;
        }
        let working = match (result.transfers, result.total) {
            (Some(transfers), Some(total)) => format!(
                "{} first preferences + {} transfers = {}",
                result.first.0, transfers.0, total.0
            ),
            _ => format!("{} first preferences", result.first.0),
        };
        problems.value(
            Kind::DeclaredDisagrees,
            &path.key("totals").key(id.as_str()),
            format!(
                "declared {} for {id}, but the count gives {} ({working})",
                declared_total.0, counted.0
            ),
            "find the area whose figures differ from the declaration and correct them",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn areas(n: usize) -> Vec<AreaId> {
        (1..=n)
            .map(|i| AreaId::new(&format!("area-{i}")).unwrap())
            .collect()
    }

    #[test]
    fn a_few_areas_are_all_named_and_many_are_counted_after_five() {
        assert_eq!(some_areas(&areas(2)), "area-1 and area-2");
        assert_eq!(
            some_areas(&areas(5)),
            "area-1, area-2, area-3, area-4 and area-5"
        );
        assert_eq!(
            some_areas(&areas(6)),
            "area-1, area-2, area-3, area-4, area-5 and 1 other area"
        );
        assert_eq!(
            some_areas(&areas(5_005)),
            "area-1, area-2, area-3, area-4, area-5 and 5,000 other areas"
        );
    }
}
