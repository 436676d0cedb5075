//! The page of one election: the combined authority's declaration, with its
//! charts, the counting areas' table and the candidates. Each area and each
//! candidacy has a page of its own (`area.rs`, `candidate.rs`).

use askama::Template;

use crate::charts::{FlowChart, TileMap};
use crate::content::ElectionEntry;
use crate::count::{ElectedAt, Outcome, Phase, Progress, Stage};
use crate::format::declared_percent;
use crate::model::{Area, Rejected, Votes};
use crate::narrative;
use crate::site::routes::{
    COUNT_FEED, DATA_INDEX as INDEX, NIST_JSON, RCTAB_JSON, RESULTS_CSV, RESULTS_JSON,
    rctab_published,
};

use super::Render;
use super::card;
use super::change_views::{ChangeView, election_change};
use super::chart_views;
use super::count_tables::{FirstCountView, Scope, SecondCountView, first_count, second_count};
use super::elections::{count_feed, office_link, shows_area_table};
use super::layout::{Layout, PageMeta, Section, home_crumb, layout};
use super::mentions::{Mentions, mentions};
use super::schema;
use super::views::{
    AWAITED, CountContext, Fact, LinkView, PartyLabel, count_banner, leader, paper_facts,
    status_text,
};
use crate::site::{Links, folder};

// The router in `mod.rs` reaches every page of an election through here.
pub use super::area::area_page;
pub use super::candidate::candidate_page;

#[derive(Debug, Clone)]
pub struct CandidateItem {
    pub link: LinkView,
    pub party: PartyLabel,
    pub status: &'static str,
}

#[derive(Debug, Clone)]
pub struct AreaRow {
    pub link: LinkView,
    pub valid: String,
    pub leader: String,
    pub leader_share: String,
    /// One per finalist column.
    pub cells: Vec<String>,
    pub non_transferable: Option<String>,
}

#[derive(Debug, Clone)]
pub struct AreaTable {
    pub caption: String,
    /// "Led at first count", or "Leads" while counting.
    pub leader_heading: &'static str,
    pub finalists: Vec<String>,
    pub rows: Vec<AreaRow>,
    pub second_count: bool,
}

#[derive(Template)]
#[template(path = "election.html")]
pub struct ElectionPage {
    pub layout: Layout,
    pub flow_chart: Option<FlowChart>,
    pub tile_map: Option<TileMap>,
    pub office: LinkView,
    pub authority: Option<String>,
    pub headline: String,
    pub facts: Vec<Fact>,
    pub story: Vec<String>,
    pub first: Option<FirstCountView>,
    pub second: Option<SecondCountView>,
    pub areas: Option<AreaTable>,
    pub candidates: Vec<CandidateItem>,
    /// Compared with the previous election of the office, when there is one.
    pub change: Option<ChangeView>,
    pub source: Option<LinkView>,
    pub downloads: Vec<LinkView>,
    /// The printable notice of result, once declared.
    pub notice: Option<LinkView>,
    /// The count is still in progress: every figure is provisional.
    pub counting: bool,
    /// The news naming the election.
    pub news: Mentions,
}

pub fn election_page(site: &Render, entry: &ElectionEntry) -> ElectionPage {
    let links = Links::new(
        &folder::election(&entry.slug),
        site.config.base_url.as_deref(),
    );
    let cx = CountContext::new(entry, &links);
    let (election, outcome) = (cx.election, cx.outcome);
    let contested = outcome.contested();
    let story = [
        narrative::threshold_sentence(election, outcome),
        narrative::remained_sentence(election, outcome),
        narrative::eliminated_sentence(election, outcome),
    ]
    .into_iter()
    .flatten()
    .collect();
    let headline = narrative::headline(election, outcome);
    let meta = PageMeta {
        title: election.title.clone(),
        description: narrative::summary(election, outcome),
        section: Section::Election(&entry.slug),
        breadcrumbs: vec![home_crumb(&links)],
        json_ld: Some(schema::election(&cx)),
        og_image: card::og_image(entry, &links),
        banners: count_banner(outcome).into_iter().collect(),
        count_feed: Some(count_feed(entry, &links)),
        ..PageMeta::EMPTY
    };
    ElectionPage {
        layout: layout(site, &links, meta),
        flow_chart: chart_views::transfers(&cx),
        tile_map: chart_views::area_tiles(&cx),
        office: office_link(&election.office, &links),
        authority: election.authority.clone(),
        headline,
        facts: election_facts(entry),
        story,
        first: contested.then(|| {
            first_count(
                &cx,
                &outcome.overall,
                first_caption(outcome),
                Scope::Election,
            )
        }),
        second: second_count(
            &cx,
            &outcome.overall,
            second_caption(outcome),
            Scope::Election,
        ),
        areas: shows_area_table(&cx).then(|| area_table(&cx)),
        candidates: candidate_items(&cx),
        change: election_change(site, entry, &links),
        source: election.source.as_ref().map(|url| LinkView {
            text: if outcome.is_counting() {
                "The returning officer's published figures"
            } else {
                "The published declaration"
            }
            .into(),
            href: url.clone(),
        }),
        downloads: downloads(&entry.slug, outcome, &links),
        notice: (!outcome.is_counting()).then(|| LinkView {
            text: "The notice of result, as the returning officer declared it (printable)".into(),
            href: links.page(&folder::notice(&entry.slug)),
        }),
        counting: outcome.is_counting(),
        news: mentions(
            site,
            &links,
            "News about this election".into(),
            site.lookup.news_about_election(&entry.slug),
            None,
        ),
    }
}

fn first_caption(outcome: &Outcome) -> String {
    match outcome.progress() {
        None => "First count: first preferences in all counting areas".to_owned(),
        Some(p) if p.first_reported < p.areas => format!(
            "First count so far (provisional): first preferences in {} of {} local authorities",
            p.first_reported, p.areas
        ),
        Some(_) => "First count (provisional): first preferences in all counting areas".to_owned(),
    }
}

fn second_caption(outcome: &Outcome) -> String {
    match outcome.progress().map(|p| (&p.phase, p.areas)) {
        Some((Phase::SecondCount { reported }, areas)) => format!(
            "Second count so far (provisional): first preferences plus transfers counted in {reported} of {areas} local authorities"
        ),
        _ => "Second count: first preferences plus transfers".to_owned(),
    }
}

fn downloads(slug: &str, outcome: &Outcome, links: &Links) -> Vec<LinkView> {
    let dir = folder::election(slug);
    let rctab = rctab_published(outcome).then(|| {
        (
            "Round by round for rcvis (RCTab summary JSON)",
            format!("{dir}{RCTAB_JSON}"),
        )
    });
    [
        (
            "Results as CSV (one row per area, candidate and count)",
            format!("{dir}{RESULTS_CSV}"),
        ),
        (
            "Results as JSON (the full count)",
            format!("{dir}{RESULTS_JSON}"),
        ),
        (
            "Results in the NIST SP 1500-100 format (JSON)",
            format!("{dir}{NIST_JSON}"),
        ),
    ]
    .into_iter()
    .chain(rctab)
    .chain([
        (
            "Follow the count, area by area (Atom feed)",
            format!("{dir}{COUNT_FEED}"),
        ),
        (
            "Index of all elections on this site (JSON)",
            INDEX.to_owned(),
        ),
    ])
    .map(|(text, path)| LinkView {
        text: text.to_owned(),
        href: links.file(&path),
    })
    .collect()
}

fn election_facts(entry: &ElectionEntry) -> Vec<Fact> {
    let (election, outcome) = (&entry.loaded.election, &entry.loaded.outcome);
    let mut facts = vec![
        Fact::new("Polling day", election.date.long()),
        Fact::new("Voting system", system_text(entry)),
    ];
    if !outcome.contested() {
        return facts;
    }
    if let Some(at) = election.declared.as_ref().and_then(|d| d.at) {
        facts.push(Fact::new("Declared", at.long()));
    }
    if let Some(progress) = outcome.progress() {
        return counting_facts(outcome, progress, facts);
    }
    facts.push(Fact::new(
        "Valid first preferences",
        outcome.overall.valid_first.to_string(),
    ));
    if let Some(threshold) = outcome.threshold {
        facts.push(Fact::new(
            "Needed to win at the first count",
            format!("{threshold} (more than half)"),
        ));
    }
    if let Some(margin) = outcome.margin() {
        facts.push(Fact::new("Majority", margin.to_string()));
    }
    if let Some(nt) = outcome.overall.non_transferable {
        facts.push(Fact::new("Non-transferable papers", nt.to_string()));
    }
    facts.extend(paper_facts(
        sum_known(election.areas.iter().map(|a| a.electorate)),
        sum_known(election.areas.iter().map(|a| a.ballots_counted)),
        sum_known(
            election
                .areas
                .iter()
                .map(|a| a.rejected.as_ref().map(Rejected::total)),
        ),
        outcome.overall.valid_first,
    ));
    if let Some(turnout) = election.turnout_percent {
        facts.push(Fact::new(
            "Turnout (as declared)",
            declared_percent(turnout),
        ));
    }
    facts
}

/// A count in progress: how far it has got, and only figures that are whole
/// so far (no turnout or majority until everything is in).
fn counting_facts(outcome: &Outcome, progress: &Progress, mut facts: Vec<Fact>) -> Vec<Fact> {
    facts.push(Fact::new(
        "First counts reported",
        format!(
            "{} of {} local authorities",
            progress.first_reported, progress.areas
        ),
    ));
    if let Phase::SecondCount { reported } = progress.phase {
        facts.push(Fact::new(
            "Second counts reported",
            format!("{reported} of {} local authorities", progress.areas),
        ));
    }
    if let Some(latest) = progress.latest {
        facts.push(Fact::new("Latest figures", latest.long()));
    }
    let label = if progress.phase == Phase::FirstCount {
        "Valid first preferences counted so far"
    } else {
        "Valid first preferences"
    };
    facts.push(Fact::new(label, outcome.overall.valid_first.to_string()));
    if let Some(threshold) = outcome.threshold {
        facts.push(Fact::new(
            "Needed to win at the first count",
            format!("{threshold} (more than half)"),
        ));
    }
    if let Some(nt) = outcome.overall.non_transferable {
        facts.push(Fact::new("Non-transferable papers so far", nt.to_string()));
    }
    facts
}

fn system_text(entry: &ElectionEntry) -> String {
    let (election, outcome) = (&entry.loaded.election, &entry.loaded.outcome);
    match outcome.elected_at() {
        Some(ElectedAt::Uncontested) => "Uncontested: no poll".into(),
        Some(ElectedAt::SimpleMajority) if election.candidates.len() == 2 => {
            format!(
                "{} (two candidates: simple majority)",
                election.system.name()
            )
        }
        _ => capitalise(election.system.name()),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The total when every area gives the figure, else None.
fn sum_known(values: impl Iterator<Item = Option<Votes>>) -> Option<Votes> {
    let mut total = Votes::ZERO;
    let mut any = false;
    for value in values {
        total = total + value?;
        any = true;
    }
    any.then_some(total)
}

fn area_table(cx: &CountContext) -> AreaTable {
    let outcome = cx.outcome;
    let finalists: Vec<_> = outcome.remaining().into_iter().cloned().collect();
    let rows = cx
        .election
        .areas
        .iter()
        .zip(&outcome.areas)
        .map(|(area, tallied)| {
            if tallied.stage == Stage::Awaiting {
                return awaited_row(cx, area, finalists.len(), outcome.has_second_count());
            }
            let (leader, share) = match leader(cx, &tallied.tally) {
                Some((names, _, share)) => (names, share.to_string()),
                None => (String::new(), String::new()),
            };
            let second_in = tallied.stage == Stage::SecondCount;
            AreaRow {
                link: cx.area_link(area),
                valid: tallied.tally.valid_first.to_string(),
                leader,
                leader_share: share,
                cells: finalists
                    .iter()
                    .map(|id| match second_in {
                        true => tallied
                            .tally
                            .candidate(id)
                            .and_then(|c| c.total)
                            .unwrap_or_default()
                            .to_string(),
                        false => AWAITED.to_owned(),
                    })
                    .collect(),
                non_transferable: outcome.has_second_count().then(|| {
                    tallied
                        .tally
                        .non_transferable
                        .map_or_else(|| AWAITED.to_owned(), |v| v.to_string())
                }),
            }
        })
        .collect();
    let (caption, total) = if outcome.is_counting() {
        (
            "Who leads in each local authority so far, and the totals there (provisional)",
            "total",
        )
    } else {
        (
            "Who led in each local authority, and the final totals there",
            "final total",
        )
    };
    AreaTable {
        caption: caption.into(),
        leader_heading: if outcome.is_counting() {
            "Leads at first count"
        } else {
            "Led at first count"
        },
        finalists: finalists
            .iter()
            .map(|id| format!("{}, {total}", cx.candidate_link(id).text))
            .collect(),
        rows,
        second_count: outcome.has_second_count(),
    }
}

fn awaited_row(cx: &CountContext, area: &Area, finalists: usize, second: bool) -> AreaRow {
    AreaRow {
        link: cx.area_link(area),
        valid: AWAITED.to_owned(),
        leader: AWAITED.to_owned(),
        leader_share: String::new(),
        cells: vec![AWAITED.to_owned(); finalists],
        non_transferable: second.then(|| AWAITED.to_owned()),
    }
}

fn candidate_items(cx: &CountContext) -> Vec<CandidateItem> {
    cx.outcome
        .overall
        .candidates
        .iter()
        .map(|c| CandidateItem {
            link: cx.candidate_link(&c.id),
            party: cx.party(&c.id),
            status: status_text(c.status),
        })
        .collect()
}
