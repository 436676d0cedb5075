//! What changed since the previous election of the same office: each side's
//! share of first preferences now and its change in points, who stood last
//! time but not now, the change in turnout, and the verdict ("Labour HOLD",
//! "Labour GAIN from Conservative"). Pure: from two elections and their
//! outcomes, no I/O. Which election is the previous one is `previous.rs`;
//! the account in plain English, `story.rs`.
//!
//! Changes are worked out from the shares as shown, each rounded once to a
//! tenth of a per cent (`format::Share`), so that a reader subtracting the
//! shown shares gets the shown change.

mod previous;
mod story;

pub use previous::{PreviousProblem, Resolved, problem, resolve};
pub use story::change_sentences;

use std::collections::HashMap;

use crate::count::{Outcome, Stage, Tally};
use crate::format::{Points, Share, declared_change};
use crate::model::{AreaId, Candidate, CandidateId, Election, PartyId, PersonId, Votes};

/// Whose share it is, across two elections.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Side {
    /// A party's candidates, matched by party id.
    Party(PartyId),
    /// An independent with a profile: the same person compares with
    /// themselves.
    Person(PersonId),
    /// An independent with no profile: nobody to compare with.
    Unknown(CandidateId),
}

impl Side {
    pub fn of(candidate: &Candidate) -> Side {
        match (&candidate.party, &candidate.person) {
            (Some(party), _) => Side::Party(party.clone()),
            (None, Some(person)) => Side::Person(person.clone()),
            (None, None) => Side::Unknown(candidate.id.clone()),
        }
    }

    /// Whether both are the same party or the same person.
    pub fn same_as(&self, other: &Side) -> bool {
        !matches!(self, Side::Unknown(_)) && self == other
    }
}

/// A side standing now.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub side: Side,
    /// The party's name, or the independent's name with "(Independent)".
    pub name: String,
    pub colour: Option<String>,
    pub votes: Votes,
    pub share: Share,
    /// The share last time; None when it did not stand then (new), or
    /// when it is [`not_compared`](Line::not_compared).
    pub before: Option<Share>,
    /// An independent whose namesake last time is not linked to the same
    /// person ([`unlinked_namesakes`]): whether they stood then cannot be
    /// said, so neither "new" nor a change is.
    pub not_compared: bool,
}

impl Line {
    /// The change in points, from the shares as shown; None when new.
    pub fn change(&self) -> Option<Points> {
        Points::between(self.before?, self.share)
    }
}

/// A side that stood last time but not now.
#[derive(Debug, Clone, PartialEq)]
pub struct Gone {
    pub side: Side,
    /// As [`Line::name`].
    pub name: String,
    /// An independent's own name, without "(Independent)".
    pub independent: Option<String>,
    pub share: Share,
}

/// First-preference shares in one place (the whole election or an area).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shares {
    /// By votes now, most first; equal votes by name.
    pub lines: Vec<Line>,
    /// By share last time, most first.
    pub gone: Vec<Gone>,
    /// Independents last time with an unlinked namesake now
    /// ([`Line::not_compared`]): not said to have stood down. By share last
    /// time, most first.
    pub not_compared: Vec<Gone>,
}

/// Turnout as declared, both times.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Turnout {
    pub before: f64,
    pub now: f64,
}

impl Turnout {
    pub fn change(&self) -> Points {
        declared_change(self.before, self.now)
    }
}

/// Whether the winner's side held the office or took it from another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Hold {
        side: Side,
        name: String,
    },
    Gain {
        side: Side,
        name: String,
        from: Side,
        from_name: String,
    },
    /// The winner and the previous winner are independents of the same name
    /// whose candidacies are not linked to one person
    /// ([`unlinked_namesakes`]): neither HOLD nor GAIN can be said.
    NotCompared {
        side: Side,
        name: String,
    },
}

impl Verdict {
    /// `hold` or `gain`, for open data.
    pub fn key(&self) -> &'static str {
        match self {
            Verdict::Hold { .. } => "hold",
            Verdict::Gain { .. } => "gain",
            Verdict::NotCompared { .. } => "not-compared",
        }
    }

    /// "Labour HOLD", "Labour GAIN from Conservative"; None when
    /// [`Verdict::NotCompared`].
    pub fn headline(&self) -> Option<String> {
        match self {
            Verdict::Hold { name, .. } => Some(format!("{name} HOLD")),
            Verdict::Gain {
                name, from_name, ..
            } => Some(format!("{name} GAIN from {from_name}")),
            Verdict::NotCompared { .. } => None,
        }
    }
}

/// An election compared with the previous one.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The whole election's shares; None while counting (the running totals
    /// cover only some areas) or when there was no poll.
    pub overall: Option<Shares>,
    /// When both elections declared a turnout, and this one is declared.
    pub turnout: Option<Turnout>,
    /// None while counting: nobody holds or gains anything until declared.
    pub verdict: Option<Verdict>,
    /// The count is in progress: every share here is provisional.
    pub provisional: bool,
}

/// One election and its count.
#[derive(Debug, Clone, Copy)]
pub struct Counted<'a> {
    pub election: &'a Election,
    pub outcome: &'a Outcome,
}

impl<'a> Counted<'a> {
    pub fn new(election: &'a Election, outcome: &'a Outcome) -> Self {
        Counted { election, outcome }
    }
}

/// Whether `before` can be compared with at all: a declared result with a
/// poll. A previous election still counting, or uncontested, gives nothing.
pub fn comparable(before: Counted) -> bool {
    !before.outcome.is_counting() && before.outcome.contested()
}

/// `now` compared with `before`; None when `before` is not [`comparable`].
pub fn compare(now: Counted, before: Counted) -> Option<Comparison> {
    if !comparable(before) {
        return None;
    }
    let provisional = now.outcome.is_counting();
    let declared = !provisional;
    let overall = (declared && now.outcome.contested())
        .then(|| shares(now, &now.outcome.overall, before, &before.outcome.overall));
    let turnout = match (
        now.election.turnout_percent,
        before.election.turnout_percent,
    ) {
        (Some(now), Some(before)) if declared => Some(Turnout { before, now }),
        _ => None,
    };
    Some(Comparison {
        overall,
        turnout,
        verdict: verdict(now, before),
        provisional,
    })
}

/// HOLD or GAIN, from the winners' sides; None until `now` is declared.
fn verdict(now: Counted, before: Counted) -> Option<Verdict> {
    let winner = now.election.candidate(now.outcome.winner()?)?;
    let was = before.election.candidate(before.outcome.winner()?)?;
    let (side, was_side) = (Side::of(winner), Side::of(was));
    let name = label(now.election, winner);
    Some(if side.same_as(&was_side) {
        Verdict::Hold { side, name }
    } else if unlinked_namesakes(winner, was) {
        Verdict::NotCompared { side, name }
    } else {
        Verdict::Gain {
            side,
            name,
            from: was_side,
            from_name: label(before.election, was),
        }
    })
}

/// The area at `index` of `now` compared with the area of the same id in
/// `before`; None when `before` has no such area, either area's first count
/// is not in, or `before` is not [`comparable`]. Shares of a count in
/// progress are provisional ([`Comparison::provisional`]).
pub fn area(now: Counted, before: Counted, index: usize) -> Option<Shares> {
    if !comparable(before) {
        return None;
    }
    let area = now.election.areas.get(index)?;
    // Areas are usually listed in the same order both times.
    let at = match before.election.areas.get(index) {
        Some(same) if same.id == area.id => index,
        _ => before.election.areas.iter().position(|a| a.id == area.id)?,
    };
    area_shares(now, before, index, at)
}

/// Every area of `now` with a match in `before`, in `now`'s order, with
/// its index.
pub fn areas<'a>(now: Counted<'a>, before: Counted) -> Vec<(usize, &'a AreaId, Shares)> {
    if !comparable(before) {
        return Vec::new();
    }
    let at: HashMap<&AreaId, usize> = before
        .election
        .areas
        .iter()
        .enumerate()
        .map(|(i, a)| (&a.id, i))
        .collect();
    now.election
        .areas
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let shares = area_shares(now, before, i, *at.get(&a.id)?)?;
            Some((i, &a.id, shares))
        })
        .collect()
}

fn area_shares(now: Counted, before: Counted, index: usize, at: usize) -> Option<Shares> {
    let counted = |stage: Stage| matches!(stage, Stage::FirstCount | Stage::SecondCount);
    let here = now.outcome.areas.get(index)?;
    let there = before.outcome.areas.get(at)?;
    (counted(here.stage) && counted(there.stage))
        .then(|| shares(now, &here.tally, before, &there.tally))
}

/// Whether `a` and `b`, of two elections, are independents of the same
/// name (trimmed, any case) not both linked to a person: they may be the
/// same person, but nothing says so. Two profiles, even of one name, are
/// two people.
pub fn unlinked_namesakes(a: &Candidate, b: &Candidate) -> bool {
    a.party.is_none()
        && b.party.is_none()
        && (a.person.is_none() || b.person.is_none())
        && same_name(&a.name, &b.name)
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// One side's first preferences in a tally, its candidates together.
struct Sum<'a> {
    side: Side,
    name: String,
    /// An independent's candidacy.
    independent: Option<&'a Candidate>,
    colour: Option<String>,
    votes: Votes,
}

impl Sum<'_> {
    /// An independent with an unlinked namesake among `others`, and no
    /// match there.
    fn not_compared(&self, others: &[Sum]) -> bool {
        let Some(own) = self.independent else {
            return false;
        };
        !others.iter().any(|o| o.side.same_as(&self.side))
            && others
                .iter()
                .filter_map(|o| o.independent)
                .any(|other| unlinked_namesakes(own, other))
    }
}

fn sums<'a>(counted: Counted<'a>, tally: &Tally) -> Vec<Sum<'a>> {
    let mut sums: Vec<Sum> = Vec::new();
    for result in &tally.candidates {
        let Some(candidate) = counted.election.candidate(&result.id) else {
            continue;
        };
        let side = Side::of(candidate);
        match sums.iter_mut().find(|s| s.side == side) {
            Some(sum) => sum.votes = sum.votes + result.first,
            None => sums.push(Sum {
                colour: candidate
                    .party
                    .as_ref()
                    .and_then(|p| counted.election.party(p))
                    .and_then(|p| p.colour.clone()),
                name: label(counted.election, candidate),
                independent: candidate.party.is_none().then_some(candidate),
                side,
                votes: result.first,
            }),
        }
    }
    sums
}

fn shares(now: Counted, tally: &Tally, before: Counted, before_tally: &Tally) -> Shares {
    let then = sums(before, before_tally);
    let current = sums(now, tally);
    let share_then = |side: &Side| {
        then.iter()
            .find(|s| s.side.same_as(side))
            .map(|s| Share::new(s.votes, before_tally.valid_first))
    };
    let mut lines: Vec<Line> = current
        .iter()
        .map(|s| Line {
            side: s.side.clone(),
            name: s.name.clone(),
            colour: s.colour.clone(),
            votes: s.votes,
            share: Share::new(s.votes, tally.valid_first),
            before: share_then(&s.side),
            not_compared: s.not_compared(&then),
        })
        .collect();
    lines.sort_by(|a, b| b.votes.cmp(&a.votes).then_with(|| a.name.cmp(&b.name)));
    let mut gone: Vec<(Votes, bool, Gone)> = then
        .iter()
        .filter(|s| !current.iter().any(|c| c.side.same_as(&s.side)))
        .map(|s| {
            let gone = Gone {
                share: Share::new(s.votes, before_tally.valid_first),
                side: s.side.clone(),
                name: s.name.clone(),
                independent: s.independent.map(|c| c.name.clone()),
            };
            (s.votes, s.not_compared(&current), gone)
        })
        .collect();
    gone.sort_by(|(a, _, x), (b, _, y)| b.cmp(a).then_with(|| x.name.cmp(&y.name)));
    let (not_compared, gone): (Vec<_>, Vec<_>) = gone.into_iter().partition(|(_, n, _)| *n);
    Shares {
        lines,
        gone: gone.into_iter().map(|(_, _, g)| g).collect(),
        not_compared: not_compared.into_iter().map(|(_, _, g)| g).collect(),
    }
}

/// The party's name, or an independent's own with "(Independent)".
pub fn label(election: &Election, candidate: &Candidate) -> String {
    match &candidate.party {
        Some(_) => election.party_name(candidate).to_owned(),
        None => format!("{} (Independent)", candidate.name),
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod unlinked_tests;
