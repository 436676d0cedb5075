//! The change since the previous election in plain English, for the
//! election page's account: who holds or gains the office, how the
//! winner's side's share moved, and turnout.

use super::{Comparison, Side, Verdict};
use crate::format::declared_percent;

/// The change since the previous election (titled `previous`) in plain
/// English: who holds or gains the office, how the winner's side's share
/// of first preferences moved, and turnout. Nothing while counting: nobody
/// holds or gains anything before the declaration.
pub fn change_sentences(comparison: &Comparison, previous: &str) -> Vec<String> {
    let Some(verdict) = &comparison.verdict else {
        return Vec::new();
    };
    let (side, held) = match verdict {
        Verdict::Hold { side, name } => (
            side,
            format!("{} holds the office.", capitalised(&called(side, name))),
        ),
        Verdict::Gain {
            side,
            name,
            from,
            from_name,
        } => (
            side,
            format!(
                "{} gains the office from {}.",
                capitalised(&called(side, name)),
                called(from, from_name)
            ),
        ),
        Verdict::NotCompared { side, name } => (
            side,
            format!(
                "{name} wins; an independent of the same name won the {previous}, but the results do not link the two to one person, so there is no hold or gain to report."
            ),
        ),
    };
    let line = comparison
        .overall
        .as_ref()
        .and_then(|o| o.lines.iter().find(|l| &l.side == side))
        .filter(|l| !l.not_compared);
    let moved = line.map(|line| {
        let (name, share) = (&called(&line.side, &line.name), line.share);
        let since = format!("Since the {previous}, the share of first preferences for {name}");
        match line.change() {
            Some(c) if c.units > 0 => {
                format!("{since} rose by {} points, to {share}", c.unsigned())
            }
            Some(c) if c.units < 0 => {
                format!("{since} fell by {} points, to {share}", c.unsigned())
            }
            Some(_) => format!("{since} is unchanged at {share}"),
            None => format!(
                "{} did not stand at the {previous}, and has {share} of first preferences",
                capitalised(name)
            ),
        }
    });
    let turnout = comparison.turnout.map(|turnout| {
        let (before, now) = (
            declared_percent(turnout.before),
            declared_percent(turnout.now),
        );
        match turnout.change().units {
            0 => format!("turnout was {now}, as last time"),
            u if u > 0 => format!("turnout rose from {before} to {now}"),
            _ => format!("turnout fell from {before} to {now}"),
        }
    });
    let second = match (moved, turnout) {
        (Some(moved), Some(turnout)) => Some(format!("{moved}; {turnout}.")),
        (Some(moved), None) => Some(format!("{moved}.")),
        (None, Some(turnout)) => Some(format!("Since the {previous}, {turnout}.")),
        (None, None) => None,
    };
    std::iter::once(held).chain(second).collect()
}

/// A side as a sentence names it: "the Conservative Party", "the Liberal
/// Democrats", but "Reform UK", and an independent by name.
fn called(side: &Side, name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    const BODIES: &[&str] = &[
        "party",
        "alliance",
        "association",
        "coalition",
        "federation",
        "front",
        "league",
        "movement",
        "union",
    ];
    let the = matches!(side, Side::Party(_))
        && !words.first().is_some_and(|w| w.eq_ignore_ascii_case("the"))
        && (BODIES.contains(&last.as_str())
            || (last.len() > 3 && last.ends_with('s') && !last.ends_with("'s")));
    if the {
        format!("the {name}")
    } else {
        name.to_owned()
    }
}

/// `text` with its first letter a capital, to begin a sentence.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CandidateId, PartyId};

    #[test]
    fn parties_take_the_where_english_does_and_people_never() {
        let party = Side::Party(PartyId::new("p").unwrap());
        for (name, called_as) in [
            ("Conservative Party", "the Conservative Party"),
            ("Liberal Democrats", "the Liberal Democrats"),
            ("Green Party", "the Green Party"),
            ("Reform UK", "Reform UK"),
            ("Plaid Cymru", "Plaid Cymru"),
            ("Labour", "Labour"),
            ("The Independent Group", "The Independent Group"),
        ] {
            assert_eq!(called(&party, name), called_as);
        }
        let person = Side::Unknown(CandidateId::new("bob").unwrap());
        assert_eq!(
            called(&person, "Bob Birch (Independent)"),
            "Bob Birch (Independent)"
        );
        assert_eq!(capitalised("the Labour Party"), "The Labour Party");
    }
}
