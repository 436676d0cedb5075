//! The pages of one election: the combined authority's declaration, each
//! counting area, and each candidacy.

use askama::Template;

use crate::content::ElectionEntry;

use super::Render;
use crate::count::{AreaTally, ElectedAt, Outcome, Phase, Progress, Stage, Status, Tally};
use crate::format::Share;
use crate::markdown;
use crate::model::{Area, AreaVotes, Candidate, Rejected, Votes};
use crate::narrative;
use crate::site::routes::{COUNT_FEED, DATA_INDEX as INDEX, RESULTS_CSV, RESULTS_JSON};

use super::charts::{self, BarChart, FlowChart, TileMap};
use super::elections::election_link;
use super::layout::{Layout, NavItem, PageMeta, Section, home_crumb, layout};
use super::schema;
use super::views::{
    CountContext, Fact, FirstCountView, LinkView, PartyLabel, Scope, SecondCountView, count_banner,
    first_count, leader, leader_text, party_label, second_count, status_text,
};
use crate::site::{Links, folder};

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
    pub office: String,
    pub authority: Option<String>,
    pub headline: String,
    pub facts: Vec<Fact>,
    pub story: Vec<String>,
    pub first: Option<FirstCountView>,
    pub second: Option<SecondCountView>,
    pub areas: Option<AreaTable>,
    pub candidates: Vec<CandidateItem>,
    pub source: Option<LinkView>,
    pub downloads: Vec<LinkView>,
    /// The count is still in progress: every figure is provisional.
    pub counting: bool,
}

fn context<'a>(entry: &'a ElectionEntry, links: &'a Links) -> CountContext<'a> {
    CountContext {
        slug: &entry.slug,
        election: &entry.loaded.election,
        outcome: &entry.loaded.outcome,
        links,
    }
}

pub fn election_page(site: &Render, entry: &ElectionEntry) -> ElectionPage {
    let links = Links::new(
        &folder::election(&entry.slug),
        site.config.base_url.as_deref(),
    );
    let cx = context(entry, &links);
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
        banners: count_banner(outcome).into_iter().collect(),
        count_feed: Some(count_feed(entry, &links)),
        ..PageMeta::EMPTY
    };
    ElectionPage {
        layout: layout(site, &links, meta),
        flow_chart: charts::transfers(&cx),
        tile_map: charts::area_tiles(&cx),
        office: election.office.clone(),
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
        areas: (contested && !election.areas.is_empty()).then(|| area_table(&cx)),
        candidates: candidate_items(&cx),
        source: election.source.as_ref().map(|url| LinkView {
            text: if outcome.is_counting() {
                "The returning officer's published figures"
            } else {
                "The published declaration"
            }
            .into(),
            href: url.clone(),
        }),
        downloads: downloads(&entry.slug, &links),
        counting: outcome.is_counting(),
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

/// The feed of an election's count, area by area.
fn count_feed(entry: &ElectionEntry, links: &Links) -> LinkView {
    LinkView {
        text: format!(
            "{}: the count, area by area (Atom feed)",
            entry.loaded.election.title
        ),
        href: links.file(&format!("{}{COUNT_FEED}", folder::election(&entry.slug))),
    }
}

fn downloads(slug: &str, links: &Links) -> Vec<LinkView> {
    let dir = folder::election(slug);
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
            "Follow the count, area by area (Atom feed)",
            format!("{dir}{COUNT_FEED}"),
        ),
        (
            "Index of all elections on this site (JSON)",
            INDEX.to_owned(),
        ),
    ]
    .into_iter()
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
        facts.push(Fact::new("Turnout (as declared)", format!("{turnout:.1}%")));
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

/// Electorate, papers counted, rejected papers and the turnout worked out
/// from them, each only where the data gives it.
fn paper_facts(
    electorate: Option<Votes>,
    counted: Option<Votes>,
    rejected: Option<Votes>,
    valid: Votes,
) -> Vec<Fact> {
    let mut facts = Vec::new();
    let counted = counted.or(rejected.map(|r| valid + r));
    if let Some(electorate) = electorate {
        facts.push(Fact::new("Electorate", electorate.to_string()));
    }
    if let Some(counted) = counted {
        facts.push(Fact::new("Ballot papers counted", counted.to_string()));
    }
    if let Some(rejected) = rejected {
        facts.push(Fact::new("Rejected ballot papers", rejected.to_string()));
    }
    if let (Some(electorate), Some(counted)) = (electorate, counted) {
        facts.push(Fact::new(
            "Turnout (papers counted ÷ electorate)",
            Share::new(counted, electorate).to_string(),
        ));
    } else if let Some(electorate) = electorate {
        facts.push(Fact::new(
            "Turnout (valid votes ÷ electorate)",
            Share::new(valid, electorate).to_string(),
        ));
    }
    facts
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

/// What a table cell says for figures not in yet.
const AWAITED: &str = "Awaited";

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
    pub areas: Vec<NavItem>,
}

pub fn area_page(site: &Render, entry: &ElectionEntry, index: usize) -> AreaPage {
    let area = &entry.loaded.election.areas[index];
    let links = Links::new(
        &folder::area(&entry.slug, area.id.as_str()),
        site.config.base_url.as_deref(),
    );
    let cx = context(entry, &links);
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
        areas: cx
            .election
            .areas
            .iter()
            .map(|a| NavItem {
                link: cx.area_link(a),
                current: a.id == area.id,
            })
            .collect(),
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

#[derive(Debug, Clone)]
pub struct ByAreaRow {
    pub area: LinkView,
    pub first: String,
    pub share: String,
    pub transfers: String,
    pub total: String,
}

#[derive(Debug, Clone)]
pub struct Candidacy {
    pub election: LinkView,
    pub candidate: LinkView,
    pub summary: String,
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
    pub profile: Option<String>,
    pub other_candidacies: Vec<Candidacy>,
    pub counting: bool,
}

pub fn candidate_page(
    site: &Render,
    entry: &ElectionEntry,
    candidate: &Candidate,
) -> CandidatePage {
    let links = Links::new(
        &folder::candidate(&entry.slug, candidate.id.as_str()),
        site.config.base_url.as_deref(),
    );
    let cx = context(entry, &links);
    let result = cx.outcome.overall.candidate(&candidate.id);
    let person = candidate.person.as_ref().and_then(|p| site.person(p));
    let meta = PageMeta {
        title: candidate.name.clone(),
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
        profile: person.map(|p| markdown::to_html(&p.body)),
        other_candidacies: candidacies(site, &links, |e, c| {
            !(e.slug == entry.slug && c.id == candidate.id) && same_person(candidate, c)
        }),
        counting: cx.outcome.is_counting(),
    }
}

fn contested_by_area(cx: &CountContext, candidate: &Candidate) -> Option<BarChart> {
    cx.outcome
        .contested()
        .then(|| charts::by_area(cx, &candidate.id))
        .flatten()
}

/// Candidacies are the same person's when they share a profile, or, with no
/// profile on either, the same candidate id.
fn same_person(a: &Candidate, b: &Candidate) -> bool {
    match (&a.person, &b.person) {
        (Some(x), Some(y)) => x == y,
        (None, None) => a.id == b.id,
        _ => false,
    }
}

fn status_sentence(cx: &CountContext, candidate: &Candidate) -> String {
    let Some(result) = cx.outcome.overall.candidate(&candidate.id) else {
        return String::new();
    };
    let Some(decision) = cx.outcome.decision() else {
        return counting_status(candidate, result.status);
    };
    let stage = match decision.elected_at {
        ElectedAt::Uncontested => return format!("{} was elected unopposed.", candidate.name),
        ElectedAt::FirstCount => " at the first count",
        ElectedAt::SecondCount => " at the second count",
        ElectedAt::SimpleMajority => "",
    };
    let lot = if decision.by_lot {
        ", by lot after a tie"
    } else {
        ""
    };
    match result.status {
        Status::Elected => format!("{} was elected{stage}{lot}.", candidate.name),
        Status::Remained => format!(
            "{} was one of the candidates in the second count, and was not elected{lot}.",
            candidate.name
        ),
        Status::Eliminated => format!(
            "{} was eliminated after the first count: only the leading candidates went through to the second count.",
            candidate.name
        ),
        Status::Defeated => format!("{} was not elected.", candidate.name),
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

fn candidate_facts(cx: &CountContext, result: &crate::count::CandidateResult) -> Vec<Fact> {
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
    let mut facts = vec![
        Fact::new(first, result.first.to_string()),
        Fact::new(
            "Share of valid first preferences",
            Share::new(result.first, overall.valid_first).to_string(),
        ),
    ];
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

/// Every candidacy on the site that `select` picks, newest election first.
pub fn candidacies(
    site: &Render,
    links: &Links,
    select: impl Fn(&ElectionEntry, &Candidate) -> bool,
) -> Vec<Candidacy> {
    let mut found = Vec::new();
    for entry in &site.elections {
        let cx = context(entry, links);
        for candidate in &cx.election.candidates {
            if !select(entry, candidate) {
                continue;
            }
            let Some(result) = cx.outcome.overall.candidate(&candidate.id) else {
                continue;
            };
            let so_far = if cx.outcome.is_counting() {
                " so far"
            } else {
                ""
            };
            let votes = match (cx.outcome.elected_at(), result.total) {
                (Some(ElectedAt::Uncontested), _) => String::new(),
                (_, Some(total)) => format!(
                    ": {} first preferences, {total} after transfers{so_far}",
                    result.first
                ),
                (_, None) => format!(": {} first preferences{so_far}", result.first),
            };
            let provisional = if cx.outcome.is_counting() {
                " (count in progress; figures are provisional)"
            } else {
                ""
            };
            found.push(Candidacy {
                election: election_link(entry, links),
                candidate: cx.candidate_link(&candidate.id),
                summary: format!(
                    "{}, {}{votes}{provisional}",
                    status_text(result.status),
                    cx.election.party_name(candidate)
                ),
            });
        }
    }
    found
}
