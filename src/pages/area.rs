//! The page of one counting area: its figures, who led there, and how it
//! compares with the whole election.

use askama::Template;

use crate::content::ElectionEntry;
use crate::count::{AreaTally, Phase, Stage, Tally};
use crate::format::Share;
use crate::model::{Area, AreaVotes, Rejected};

use super::Render;
use super::change_views::{ChangeView, area_change};
use super::count_tables::{FirstCountView, Scope, SecondCountView, first_count, second_count};
use super::elections::{area_list_href, count_feed, election_link};
use super::layout::{Current, Layout, NavItem, PageMeta, Section, home_crumb, layout};
use super::views::{
    CountContext, FULL_AREA_LIST, Fact, LinkView, count_banner, leader, leader_text, paper_facts,
};
use crate::format::thousands;
use crate::site::{Links, folder};

#[derive(Template)]
#[template(path = "area.html")]
pub struct AreaPage {
    pub layout: Layout,
    pub election: LinkView,
    pub facts: Vec<Fact>,
    pub led_here: String,
    pub compared: String,
    pub first: Option<FirstCountView>,
    pub second: Option<SecondCountView>,
    pub rejected_heads: Vec<Fact>,
    /// This area compared with itself at the previous election.
    pub change: Option<ChangeView>,
    pub areas: AreaNav,
}

/// The way to the election's other areas: every one of them when there are
/// few, else this area's neighbours in the election's order and the
/// election's table of them all (see [`FULL_AREA_LIST`]).
pub struct AreaNav {
    /// Every area, this one marked; empty when there are too many.
    pub all: Vec<NavItem>,
    /// "Counting area 5 of 5,000".
    pub position: String,
    pub previous: Option<LinkView>,
    pub next: Option<LinkView>,
    /// The election's list of every area.
    pub list: LinkView,
}

fn area_nav(cx: &CountContext, entry: &ElectionEntry, index: usize) -> AreaNav {
    let areas = &cx.election.areas;
    let count = thousands(areas.len() as u64);
    AreaNav {
        all: if areas.len() <= FULL_AREA_LIST {
            areas
                .iter()
                .enumerate()
                .map(|(i, a)| NavItem {
                    link: cx.area_link(a),
                    current: Current::of(i == index, false),
                })
                .collect()
        } else {
            Vec::new()
        },
        position: format!("Counting area {} of {count}", thousands(index as u64 + 1)),
        previous: index
            .checked_sub(1)
            .and_then(|i| areas.get(i))
            .map(|a| cx.area_link(a)),
        next: areas.get(index + 1).map(|a| cx.area_link(a)),
        list: LinkView {
            text: format!("All {count} counting areas"),
            href: area_list_href(entry, cx),
        },
    }
}

pub fn area_page(site: &Render, entry: &ElectionEntry, index: usize) -> AreaPage {
    let area = &entry.loaded.election.areas[index];
    let links = Links::new(
        &folder::area(&entry.slug, area.id.as_str()),
        site.config.base_url.as_deref(),
    );
    let cx = CountContext::new(entry, &links);
    let tallied = &cx.outcome.areas[index];
    let tally = &tallied.tally;
    let awaited = tallied.stage == Stage::Awaiting;
    let contested = cx.outcome.contested() && !awaited;
    let provisional = if cx.outcome.is_counting() {
        " (provisional)"
    } else {
        ""
    };
    let meta = PageMeta {
        title: area.name.clone(),
        title_context: Some(entry.loaded.election.title.clone()),
        description: format!("Results in {} for the {}.", area.name, cx.election.title),
        section: Section::Other,
        breadcrumbs: vec![home_crumb(&links), election_link(entry, &links)],
        banners: count_banner(cx.outcome).into_iter().collect(),
        count_feed: Some(count_feed(entry, &links)),
        ..PageMeta::EMPTY
    };
    AreaPage {
        layout: layout(site, &links, meta),
        election: election_link(entry, &links),
        facts: area_facts(area, tallied),
        led_here: if awaited {
            format!(
                "The figures for {} are awaited: its first count is not in yet.",
                area.name
            )
        } else if contested {
            let verb = if cx.outcome.is_counting() {
                "Leads"
            } else {
                "Led"
            };
            format!(
                "{verb} at the first count in {}: {}.",
                area.name,
                leader_text(&cx, tally)
            )
        } else {
            "The election was uncontested: there was no poll.".into()
        },
        compared: if contested {
            let second_awaited = matches!(
                cx.outcome.progress().map(|p| &p.phase),
                Some(Phase::SecondCount { .. })
            ) && tallied.stage == Stage::FirstCount;
            let comparison = comparison(&cx, area, tally);
            if second_awaited {
                format!(
                    "The second count in {} is awaited: its second preferences are not in yet. {comparison}",
                    area.name
                )
            } else {
                comparison
            }
        } else {
            String::new()
        },
        first: contested.then(|| {
            first_count(
                &cx,
                tally,
                format!("First count in {}{provisional}", area.name),
                Scope::Area(&area.name),
            )
        }),
        second: second_count(
            &cx,
            tally,
            format!("Second count in {}{provisional}", area.name),
            Scope::Area(&area.name),
        ),
        rejected_heads: match &area.rejected {
            Some(Rejected::ByHead(heads)) => heads
                .iter()
                .map(|(head, votes)| Fact::new(head.description(), votes.to_string()))
                .collect(),
            _ => Vec::new(),
        },
        change: area_change(site, entry, index, &links),
        areas: area_nav(&cx, entry, index),
    }
}

fn area_facts(area: &Area, tallied: &AreaTally) -> Vec<Fact> {
    let tally = &tallied.tally;
    let mut facts = Vec::new();
    if let Some(at) = area.reported_at {
        facts.push(Fact::new("Figures reported", at.long()));
    }
    if let Some(verified) = area.verified {
        facts.push(Fact::new("Ballot papers verified", verified.to_string()));
    }
    if matches!(area.votes, AreaVotes::None | AreaVotes::Awaiting) {
        return facts;
    }
    facts.push(Fact::new(
        "Valid first preferences",
        tally.valid_first.to_string(),
    ));
    if let Some(nt) = tally.non_transferable {
        facts.push(Fact::new("Non-transferable papers", nt.to_string()));
    }
    facts.extend(paper_facts(
        area.electorate,
        area.ballots_counted,
        area.rejected.as_ref().map(Rejected::total),
        tally.valid_first,
    ));
    facts
}

/// How the area compares with the whole election.
fn comparison(cx: &CountContext, area: &Area, tally: &Tally) -> String {
    let overall = &cx.outcome.overall;
    let Some(elected) = cx.outcome.winner() else {
        return match leader(cx, overall) {
            Some((names, _, share)) => format!(
                "Across the local authorities counted so far, {names} leads on first preferences with {share}."
            ),
            None => String::new(),
        };
    };
    let winner = cx.candidate_link(elected).text;
    let across = match leader(cx, overall) {
        Some((names, _, share)) if names == winner => {
            format!(
                "Across all counting areas, {names} led at the first count with {share} and was elected."
            )
        }
        Some((names, _, share)) => format!(
            "Across all counting areas, {names} led at the first count with {share}; {winner} was elected."
        ),
        None => return String::new(),
    };
    match tally.candidate(elected) {
        Some(here) if !tally.first_leaders().contains(&elected) => format!(
            "{across} In {}, {winner} had {} first preferences ({}).",
            area.name,
            here.first,
            Share::new(here.first, tally.valid_first)
        ),
        _ => across,
    }
}
