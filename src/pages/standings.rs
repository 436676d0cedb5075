//! A candidate's place and gap (see `count::standing`) in words: "2nd of 3,
//! 5,799 behind at the second count", "elected at the second count, by
//! 5,799 votes". Every page that tells a result in a history (an office's
//! elections, a person's candidacies, a candidacy's page) words it here.

use crate::count::{ElectedAt, Outcome, Round, Standing};
use crate::format::{Points, Share, counted};
use crate::model::Votes;
use crate::narrative::and_list;

use super::views::CountContext;

/// "1st", "2nd", "3rd", "11th", "22nd".
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// "2nd of 7", "joint 3rd of 7"; None for the unopposed.
pub fn place(standing: &Standing) -> Option<String> {
    match *standing {
        Standing::Unopposed => None,
        Standing::Won { of, .. } => Some(format!("1st of {of}")),
        Standing::Lost {
            place, joint, of, ..
        } => Some(format!(
            "{}{} of {of}",
            if joint { "joint " } else { "" },
            ordinal(place)
        )),
    }
}

/// "5,799 votes", "1 vote".
pub fn votes(n: Votes) -> String {
    counted(n.0 as usize, "vote", "votes")
}

/// " at the second count", or nothing when the election had one count only.
fn at_round(round: Round, second_count: bool) -> &'static str {
    match (second_count, round) {
        (false, _) => "",
        (true, Round::First) => " at the first count",
        (true, Round::Second) => " at the second count",
    }
}

/// "at the second count", "with the most votes".
fn stage(at: ElectedAt) -> &'static str {
    match at {
        ElectedAt::Uncontested => "unopposed",
        ElectedAt::SimpleMajority => "with the most votes",
        ElectedAt::FirstCount => "at the first count",
        ElectedAt::SecondCount => "at the second count",
    }
}

/// A result in a list of candidacies, capitalised: "Elected at the second
/// count, by 21,621 votes", "2nd of 3, 5,799 behind at the second count",
/// "Elected unopposed".
pub fn summary(standing: &Standing) -> String {
    match *standing {
        Standing::Unopposed => "Elected unopposed".to_owned(),
        Standing::Won {
            at, by_lot: true, ..
        } => format!("Elected {}, by lot after a tie", stage(at)),
        Standing::Won { at, margin, .. } => {
            format!("Elected {}, by {}", stage(at), votes(margin))
        }
        Standing::Lost {
            behind,
            round,
            second_count,
            ..
        } => {
            let place = place(standing).unwrap_or_default();
            let at = at_round(round, second_count);
            if behind == Votes::ZERO {
                format!("{place}, level with the winner{at}; not drawn by lot")
            } else {
                format!("{place}, {behind} behind{at}")
            }
        }
    }
}

/// [`won`] for a candidate of the count `cx` shows, over its runners-up by
/// name: one wording for the office's history and the winner's own page.
pub fn won_in(cx: &CountContext, standing: &Standing) -> Option<String> {
    let over: Vec<String> = cx
        .outcome
        .runners_up()
        .into_iter()
        .map(|id| cx.candidate_link(id).text)
        .collect();
    won(
        standing,
        &and_list(&over),
        margin_points(cx.outcome).as_deref(),
    )
}

/// The winner's result, as an office's history and the winner's page tell
/// it: "elected at the second count, by 5,799 votes (2.6 percentage points)
/// over James Palmer", `over` naming the runners-up and `points` the lead
/// in points (see [`margin_points`]); None for a candidate not elected.
pub fn won(standing: &Standing, over: &str, points: Option<&str>) -> Option<String> {
    match *standing {
        Standing::Unopposed => Some("elected unopposed".to_owned()),
        Standing::Won {
            at, by_lot: true, ..
        } => Some(format!(
            "elected {}, by lot after a tie with {over}",
            stage(at)
        )),
        Standing::Won { at, margin, .. } => Some(format!(
            "elected {}, by {}{} over {over}",
            stage(at),
            votes(margin),
            points.map(|p| format!(" ({p})")).unwrap_or_default()
        )),
        Standing::Lost { .. } => None,
    }
}

/// For a candidacy's page, where a candidate not elected finished: "2nd of
/// 7, 1 vote behind the winner, Bob, at the second count"; None for the
/// winner (see [`won`]).
pub fn lost(standing: &Standing, winner: &str) -> Option<String> {
    let Standing::Lost {
        behind,
        round,
        second_count,
        ..
    } = *standing
    else {
        return None;
    };
    let place = place(standing).unwrap_or_default();
    let at = at_round(round, second_count);
    Some(if behind == Votes::ZERO {
        format!("{place}, level{at} with the winner, {winner}, who was drawn by lot")
    } else {
        let at = if at.is_empty() {
            String::new()
        } else {
            format!(",{at}")
        };
        format!("{place}, {} behind the winner, {winner}{at}", votes(behind))
    })
}

/// The winner's lead in percentage points of the deciding count's votes,
/// from the shares as pages print them (so that 51.3% and 48.7% differ by
/// 2.6): "2.6 percentage points". None while counting and when uncontested.
pub fn margin_points(outcome: &Outcome) -> Option<String> {
    let at = outcome.elected_at()?;
    let margin = outcome.margin()?;
    let overall = &outcome.overall;
    let (base, figure): (Votes, fn(&crate::count::CandidateResult) -> Votes) = match at {
        ElectedAt::Uncontested => return None,
        ElectedAt::SecondCount => (overall.second_count_total()?, |c| c.last()),
        _ => (overall.valid_first, |c| c.first),
    };
    let winner = overall.candidate(outcome.winner()?)?;
    let runner_up = figure(winner) - margin;
    let points = Points::between(
        Share::new(runner_up, base),
        Share::new(figure(winner), base),
    )?;
    Some(format!("{} percentage points", points.unsigned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_follow_english_usage() {
        let words: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            words,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                "101st", "111th", "112th"
            ]
        );
    }

    fn loser(place: usize, joint: bool, behind: u64, round: Round, second: bool) -> Standing {
        Standing::Lost {
            place,
            joint,
            of: 7,
            behind: Votes(behind),
            round,
            second_count: second,
        }
    }

    #[test]
    fn a_loser_is_told_by_place_and_gap_at_their_last_count() {
        assert_eq!(
            summary(&loser(2, false, 21_621, Round::Second, true)),
            "2nd of 7, 21,621 behind at the second count"
        );
        assert_eq!(
            summary(&loser(3, true, 40_000, Round::First, true)),
            "joint 3rd of 7, 40,000 behind at the first count"
        );
        // One count only: which count goes without saying.
        assert_eq!(
            summary(&loser(4, false, 12, Round::First, false)),
            "4th of 7, 12 behind"
        );
        assert_eq!(
            lost(&loser(2, false, 1, Round::Second, true), "Bob").as_deref(),
            Some("2nd of 7, 1 vote behind the winner, Bob, at the second count")
        );
        assert_eq!(
            lost(&loser(5, false, 1, Round::First, false), "Bob").as_deref(),
            Some("5th of 7, 1 vote behind the winner, Bob")
        );
        assert_eq!(
            lost(&loser(2, false, 0, Round::Second, true), "Bob").as_deref(),
            Some("2nd of 7, level at the second count with the winner, Bob, who was drawn by lot")
        );
    }

    #[test]
    fn the_winner_is_told_by_stage_and_margin() {
        let won_by = Standing::Won {
            at: ElectedAt::SecondCount,
            margin: Votes(21_621),
            by_lot: false,
            of: 7,
        };
        assert_eq!(
            summary(&won_by),
            "Elected at the second count, by 21,621 votes"
        );
        assert_eq!(
            won(&won_by, "Rod Cantrill", Some("13.8 percentage points")).as_deref(),
            Some(
                "elected at the second count, by 21,621 votes (13.8 percentage points) over Rod Cantrill"
            )
        );
        assert_eq!(lost(&won_by, "James Palmer"), None);
        let lot = Standing::Won {
            at: ElectedAt::SimpleMajority,
            margin: Votes::ZERO,
            by_lot: true,
            of: 2,
        };
        assert_eq!(
            summary(&lot),
            "Elected with the most votes, by lot after a tie"
        );
        assert_eq!(summary(&Standing::Unopposed), "Elected unopposed");
        assert_eq!(place(&Standing::Unopposed), None);
    }
}
