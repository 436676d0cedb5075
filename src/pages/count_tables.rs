//! The first and second count of a tally, each as a chart beside a table of
//! the same figures: for the whole election or for one area.

use crate::charts::BarChart;
use crate::count::{CandidateResult, ElectedAt, Status, Tally};
use crate::format::Share;
use crate::model::Votes;

use super::chart_views;
use super::views::{CountContext, LinkView, PartyLabel};

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
        chart: chart_views::first_count(cx, tally, "first-chart", &scope.place(), threshold),
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
    let chart = chart_views::second_count(
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
