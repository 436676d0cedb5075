//! The page of one candidacy: the result, the votes area by area, and the
//! person's profile and other candidacies.

use askama::Template;

use crate::charts::BarChart;
use crate::content::{ElectionEntry, Person};
use crate::count::{CandidateResult, Phase, Stage, Status};
use crate::format::Share;
use crate::markdown;
use crate::model::Candidate;

use super::Render;
use super::candidacies::{Candidacy, candidacies};
use super::chart_views;
use super::elections::{count_feed, election_link};
use super::layout::{Layout, PageMeta, Section, home_crumb, layout};
use super::mentions::{Mentions, mentions};
use super::schema;
use super::standings;
use super::views::{
    AWAITED, CountContext, Fact, LinkView, PartyLabel, PhotoView, count_banner, party_label,
};
use crate::site::{Links, folder};

#[derive(Debug, Clone)]
pub struct ByAreaRow {
    pub area: LinkView,
    pub first: String,
    pub share: String,
    pub transfers: String,
    pub total: String,
}

#[derive(Template)]
#[template(path = "candidate.html")]
pub struct CandidatePage {
    pub layout: Layout,
    pub by_area_chart: Option<BarChart>,
    pub party: PartyLabel,
    pub election: LinkView,
    pub status: String,
    pub facts: Vec<Fact>,
    pub by_area: Vec<ByAreaRow>,
    pub by_area_caption: String,
    pub in_second_count: bool,
    pub person: Option<LinkView>,
    pub role: Option<String>,
    pub photo: Option<PhotoView>,
    pub profile: Option<String>,
    pub other_candidacies: Vec<Candidacy>,
    /// The news naming both the person and this election.
    pub news: Mentions,
    pub counting: bool,
}

/// `profile` is the person's profile as this page shows it, rendered once
/// with its links recorded (see [`profile_rebase`]).
pub fn candidate_page(
    site: &Render,
    entry: &ElectionEntry,
    candidate: &Candidate,
    profile: Option<String>,
) -> CandidatePage {
    let links = Links::new(
        &folder::candidate(&entry.slug, candidate.id.as_str()),
        site.config.base_url.as_deref(),
    );
    let cx = CountContext::new(entry, &links);
    let result = cx.outcome.overall.candidate(&candidate.id);
    let person = candidate.person.as_ref().and_then(|p| site.person(p));
    let meta = PageMeta {
        title: candidate.name.clone(),
        title_context: Some(entry.loaded.election.title.clone()),
        description: format!(
            "{}, {}: results in the {}.",
            candidate.name,
            cx.election.party_name(candidate),
            cx.election.title
        ),
        section: Section::Other,
        breadcrumbs: vec![home_crumb(&links), election_link(entry, &links)],
        json_ld: Some(schema::candidate(&cx, candidate)),
        banners: count_banner(cx.outcome).into_iter().collect(),
        count_feed: Some(count_feed(entry, &links)),
        ..PageMeta::EMPTY
    };
    let in_second_count = result.is_some_and(|r| r.total.is_some());
    CandidatePage {
        layout: layout(site, &links, meta),
        by_area_chart: contested_by_area(&cx, candidate),
        party: party_label(cx.election, candidate),
        election: election_link(entry, &links),
        status: status_sentence(&cx, candidate),
        facts: result.map_or_else(Vec::new, |r| candidate_facts(&cx, r)),
        by_area: by_area(&cx, candidate),
        by_area_caption: format!("{} by local authority", candidate.name),
        in_second_count,
        person: person.map(|p| LinkView {
            text: format!("Full profile of {}", p.name),
            href: links.page(&folder::person(p.slug.as_str())),
        }),
        role: person.and_then(|p| p.role.clone()),
        photo: person
            .and_then(|p| p.photo.as_ref())
            .map(|p| PhotoView::of(p, &links)),
        profile,
        other_candidacies: candidacies(site, &links, site.lookup.stood_as(candidate), |e, c| {
            !(e.slug == entry.slug && c.id == candidate.id)
        }),
        news: person.map_or_else(Mentions::default, |p| {
            candidacy_news(site, &links, entry, p)
        }),
        counting: cx.outcome.is_counting(),
    }
}

/// The news naming `person` and this election; when other items name the
/// person, a link to them all on the person's page.
fn candidacy_news(
    site: &Render,
    links: &Links,
    entry: &ElectionEntry,
    person: &Person,
) -> Mentions {
    let found = site.lookup.news_about_both(&entry.slug, &person.slug);
    let all = site.lookup.news_about_person(&person.slug);
    let rest = (all.len() > found.len()).then(|| LinkView {
        text: format!("All news about {}", person.name),
        href: format!("{}#news", links.page(&folder::person(person.slug.as_str()))),
    });
    mentions(
        site,
        links,
        format!("News about {} in this election", person.name),
        found,
        rest,
    )
}

/// A profile is written for the person's page; shown on a candidacy's page,
/// its relative links are rebased to lead to the same places.
pub(super) fn profile_rebase(
    entry: &ElectionEntry,
    candidate: &Candidate,
    person: &Person,
) -> markdown::Rebase {
    markdown::Rebase::new(
        &folder::person(person.slug.as_str()),
        &folder::candidate(&entry.slug, candidate.id.as_str()),
    )
}

fn contested_by_area(cx: &CountContext, candidate: &Candidate) -> Option<BarChart> {
    cx.outcome
        .contested()
        .then(|| chart_views::by_area(cx, &candidate.id))
        .flatten()
}

fn status_sentence(cx: &CountContext, candidate: &Candidate) -> String {
    let Some(result) = cx.outcome.overall.candidate(&candidate.id) else {
        return String::new();
    };
    let (Some(decision), Some(standing)) =
        (cx.outcome.decision(), cx.outcome.standing(&candidate.id))
    else {
        return counting_status(candidate, result.status);
    };
    let name = &candidate.name;
    let winner = cx.candidate_link(&decision.winner).text;
    if let Some(won) = standings::won_in(cx, &standing) {
        return format!("{name} was {won}.");
    }
    let place = standings::lost(&standing, &winner).unwrap_or_default();
    match result.status {
        Status::Remained => format!(
            "{name} was one of the candidates in the second count, and was not elected: {place}."
        ),
        Status::Eliminated => format!(
            "{name} was eliminated after the first count, since only the leading candidates went through to the second count: {place}."
        ),
        Status::Elected | Status::Defeated => format!("{name} was not elected: {place}."),
        Status::Counting | Status::InSecondCount => counting_status(candidate, result.status),
    }
}

/// Where a candidate stands while the count goes on: never elected or not.
fn counting_status(candidate: &Candidate, status: Status) -> String {
    let name = &candidate.name;
    match status {
        Status::InSecondCount => {
            format!("{name} is in the second count, which is under way. Figures are provisional.")
        }
        Status::Eliminated => format!(
            "{name} is eliminated after the first count: only the leading candidates go through to the second count. Figures are provisional."
        ),
        _ => format!("The count is in progress. Figures for {name} are provisional."),
    }
}

fn candidate_facts(cx: &CountContext, result: &CandidateResult) -> Vec<Fact> {
    let overall = &cx.outcome.overall;
    if !cx.outcome.contested() {
        return Vec::new();
    }
    // While counting, every figure is a running total: the labels say so.
    let (first, transfers, total) = match cx.outcome.progress().map(|p| &p.phase) {
        Some(Phase::FirstCount) => (
            "First preferences so far",
            "Transfers received so far",
            "Total so far",
        ),
        Some(_) => (
            "First preferences",
            "Transfers received so far",
            "Total so far",
        ),
        None => (
            "First preferences",
            "Transfers received",
            "Second-count total",
        ),
    };
    let place = cx.outcome.standing(&result.id);
    let mut facts: Vec<Fact> = place
        .as_ref()
        .and_then(standings::place)
        .map(|place| Fact::new("Position", place))
        .into_iter()
        .collect();
    facts.extend([
        Fact::new(first, result.first.to_string()),
        Fact::new(
            "Share of valid first preferences",
            Share::new(result.first, overall.valid_first).to_string(),
        ),
    ]);
    if let (Some(received), Some(sum)) = (result.transfers, result.total) {
        let whole = overall.second_count_total().unwrap_or(sum);
        facts.push(Fact::new(transfers, format!("+{received}")));
        facts.push(Fact::new(total, sum.to_string()));
        facts.push(Fact::new(
            "Share of the second-count total",
            Share::new(sum, whole).to_string(),
        ));
    }
    facts
}

fn by_area(cx: &CountContext, candidate: &Candidate) -> Vec<ByAreaRow> {
    if !cx.outcome.contested() {
        return Vec::new();
    }
    // While counting, a figure not in yet says so rather than leave a blank.
    let missing = || {
        if cx.outcome.is_counting() {
            AWAITED.to_owned()
        } else {
            String::new()
        }
    };
    cx.election
        .areas
        .iter()
        .zip(&cx.outcome.areas)
        .filter_map(|(area, tallied)| {
            let result = tallied.tally.candidate(&candidate.id)?;
            let area_link = cx.area_link(area);
            if tallied.stage == Stage::Awaiting {
                return Some(ByAreaRow {
                    area: area_link,
                    first: AWAITED.to_owned(),
                    share: String::new(),
                    transfers: AWAITED.to_owned(),
                    total: AWAITED.to_owned(),
                });
            }
            Some(ByAreaRow {
                area: area_link,
                first: result.first.to_string(),
                share: Share::new(result.first, tallied.tally.valid_first).to_string(),
                transfers: result.transfers.map_or_else(missing, |t| format!("+{t}")),
                total: result.total.map_or_else(missing, |t| t.to_string()),
            })
        })
        .collect()
}
