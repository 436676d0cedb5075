//! What templates show, already worded and formatted: every number is a
//! string here, formatted once, so all pages print the same figure the same
//! way and templates hold no logic beyond loops and conditions.

use crate::count::{CandidateResult, ElectedAt, Outcome, Status, Tally};
use crate::format::Share;
use crate::model::{Area, Candidate, CandidateId, Election, Votes};

use super::charts::{self, BarChart};
use crate::site::{Links, folder};

/// A link with its text.
#[derive(Debug, Clone)]
pub struct LinkView {
    pub text: String,
    pub href: String,
}

/// A label and value, for fact lists.
#[derive(Debug, Clone)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

impl Fact {
    pub fn new(label: &str, value: impl Into<String>) -> Self {
        Fact {
            label: label.to_owned(),
            value: value.into(),
        }
    }
}

/// A party's name, with its colour (always shown beside the name, never alone).
#[derive(Debug, Clone)]
pub struct PartyLabel {
    pub name: String,
    pub colour: Option<String>,
}

pub fn party_label(election: &Election, candidate: &Candidate) -> PartyLabel {
    let party = candidate.party.as_ref().and_then(|id| election.party(id));
    PartyLabel {
        name: election.party_name(candidate).to_owned(),
        colour: party.and_then(|p| p.colour.clone()),
    }
}

/// The context every count view needs.
pub struct CountContext<'a> {
    pub slug: &'a str,
    pub election: &'a Election,
    pub outcome: &'a Outcome,
    pub links: &'a Links,
}

impl CountContext<'_> {
    pub fn candidate(&self, id: &CandidateId) -> Option<&Candidate> {
        self.election.candidate(id)
    }

    pub fn candidate_link(&self, id: &CandidateId) -> LinkView {
        LinkView {
            text: self
                .candidate(id)
                .map_or(id.as_str(), |c| c.name.as_str())
                .to_owned(),
            href: self.links.page(&folder::candidate(self.slug, id.as_str())),
        }
    }

    /// The link to an area's page, named for the area: every link to an
    /// area is made here.
    pub fn area_link(&self, area: &Area) -> LinkView {
        LinkView {
            text: area.name.clone(),
            href: self.links.page(&folder::area(self.slug, area.id.as_str())),
        }
    }

    pub fn party(&self, id: &CandidateId) -> PartyLabel {
        match self.candidate(id) {
            Some(c) => party_label(self.election, c),
            None => PartyLabel {
                name: String::new(),
                colour: None,
            },
        }
    }
}

pub fn status_text(status: Status) -> &'static str {
    match status {
        Status::Elected => "Elected",
        Status::Remained => "Not elected at the second count",
        Status::Eliminated => "Eliminated at the first count",
        Status::Defeated => "Not elected",
        Status::Counting => "Count in progress",
        Status::InSecondCount => "In the second count",
    }
}

/// The notice every page of an election still counting carries.
#[derive(Debug, Clone)]
pub struct Banner {
    pub text: String,
    /// The time of the latest figures: RFC 3339 and as read.
    pub latest: Option<(String, String)>,
    /// The election, on pages that are not its own (the home page).
    pub election: Option<LinkView>,
}

/// None once the result is declared.
pub fn count_banner(outcome: &Outcome) -> Option<Banner> {
    let progress = outcome.progress()?;
    Some(Banner {
        text: crate::narrative::progress_banner(progress),
        latest: progress.latest.map(|at| (at.rfc3339(), at.long())),
        election: None,
    })
}

#[derive(Debug, Clone)]
pub struct FirstRow {
    pub candidate: LinkView,
    pub party: PartyLabel,
    pub votes: String,
    pub share: String,
    /// Votes short of the first-count threshold, when there was one.
    pub short_by: Option<String>,
    /// Elected at this count (not later).
    pub elected: bool,
}

#[derive(Debug, Clone)]
pub struct FirstCountView {
    pub chart: BarChart,
    pub caption: String,
    pub rows: Vec<FirstRow>,
    pub valid: String,
    pub show_short_by: bool,
}

/// Whether a count table shows the whole election or one area: only the
/// whole election has a threshold and a winner to mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    Election,
    /// An area, by name.
    Area(&'a str),
}

impl Scope<'_> {
    /// " in Cambridge", or nothing for the whole election.
    fn place(self) -> String {
        match self {
            Scope::Election => String::new(),
            Scope::Area(name) => format!(" in {name}"),
        }
    }
}

/// The first count of a tally, by first preferences.
pub fn first_count(
    cx: &CountContext,
    tally: &Tally,
    caption: String,
    scope: Scope,
) -> FirstCountView {
    let threshold = if scope == Scope::Election {
        cx.outcome.threshold
    } else {
        None
    };
    let mut by_votes: Vec<&CandidateResult> = tally.candidates.iter().collect();
    by_votes.sort_by(|a, b| b.first.cmp(&a.first).then(a.id.cmp(&b.id)));
    let rows = by_votes
        .into_iter()
        .map(|c| FirstRow {
            candidate: cx.candidate_link(&c.id),
            party: cx.party(&c.id),
            votes: c.first.to_string(),
            share: Share::new(c.first, tally.valid_first).to_string(),
            short_by: threshold.map(|t| {
                if c.first >= t {
                    "Reached".to_owned()
                } else {
                    (t - c.first).to_string()
                }
            }),
            elected: scope == Scope::Election
                && c.status == Status::Elected
                && cx.outcome.elected_at() != Some(ElectedAt::SecondCount),
        })
        .collect();
    FirstCountView {
        chart: charts::first_count(cx, tally, "first-chart", &scope.place(), threshold),
        caption,
        rows,
        valid: tally.valid_first.to_string(),
        show_short_by: threshold.is_some(),
    }
}

#[derive(Debug, Clone)]
pub struct SecondRow {
    pub candidate: LinkView,
    pub party: PartyLabel,
    pub first: String,
    pub transfers: String,
    pub total: String,
    pub share: String,
    pub elected: bool,
}

#[derive(Debug, Clone)]
pub struct SecondCountView {
    pub chart: BarChart,
    pub caption: String,
    pub rows: Vec<SecondRow>,
    pub non_transferable: String,
    pub eliminated_first: String,
    pub total: String,
}

pub fn second_count(
    cx: &CountContext,
    tally: &Tally,
    caption: String,
    scope: Scope,
) -> Option<SecondCountView> {
    let non_transferable = tally.non_transferable?;
    let whole = tally.second_count_total()?;
    let rows = tally
        .candidates
        .iter()
        .filter(|c| c.total.is_some())
        .map(|c| SecondRow {
            candidate: cx.candidate_link(&c.id),
            party: cx.party(&c.id),
            first: c.first.to_string(),
            transfers: format!("+{}", c.transfers.unwrap_or_default()),
            total: c.total.unwrap_or_default().to_string(),
            share: Share::new(c.total.unwrap_or_default(), whole).to_string(),
            elected: scope == Scope::Election && c.status == Status::Elected,
        })
        .collect();
    // The papers examined so far: while counting, only in areas whose second
    // count is in.
    let eliminated: Votes = tally.transfers().unwrap_or_default() + non_transferable;
    let chart = charts::second_count(
        cx,
        tally,
        "second-chart",
        &scope.place(),
        scope == Scope::Election,
    )?;
    Some(SecondCountView {
        chart,
        caption,
        rows,
        non_transferable: non_transferable.to_string(),
        eliminated_first: eliminated.to_string(),
        total: whole.to_string(),
    })
}

/// Who had the most first preferences in a tally (several names when tied),
/// and their votes and share; None when no votes were cast.
pub fn leader(cx: &CountContext, tally: &Tally) -> Option<(String, Votes, Share)> {
    let leaders = tally.first_leaders();
    let first = leaders.first().and_then(|id| tally.candidate(id))?;
    let names: Vec<String> = leaders
        .iter()
        .map(|id| cx.candidate_link(id).text)
        .collect();
    Some((
        crate::narrative::and_list(&names),
        first.first,
        Share::new(first.first, tally.valid_first),
    ))
}

/// "Rod Cantrill, with 13,273 (36.7%)".
pub fn leader_text(cx: &CountContext, tally: &Tally) -> String {
    match leader(cx, tally) {
        Some((names, votes, share)) => format!("{names}, with {votes} ({share})"),
        None => "nobody: no votes were cast".to_owned(),
    }
}
