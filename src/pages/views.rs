//! What templates show, already worded and formatted: every number is a
//! string here, formatted once, so all pages print the same figure the same
//! way and templates hold no logic beyond loops and conditions.

use crate::content::ElectionEntry;
use crate::count::{Outcome, Status, Tally};
use crate::format::Share;
use crate::model::{Area, Candidate, CandidateId, Election, Votes};

use crate::site::{Links, folder};

/// A link with its text.
#[derive(Debug, Clone)]
pub struct LinkView {
    pub text: String,
    pub href: String,
}

/// A person's photo as an `<img>` shows it: its width and height, read
/// from the file, reserve its room before it loads.
#[derive(Debug, Clone)]
pub struct PhotoView {
    pub src: String,
    pub alt: String,
    pub width: usize,
    pub height: usize,
}

impl PhotoView {
    pub fn of(photo: &crate::content::Photo, links: &Links) -> Self {
        PhotoView {
            src: links.file(&photo.file),
            alt: photo.alt.clone(),
            width: photo.width,
            height: photo.height,
        }
    }
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

impl<'a> CountContext<'a> {
    /// An election's count, with links made from the page at `links`.
    pub fn new(entry: &'a ElectionEntry, links: &'a Links) -> Self {
        CountContext {
            slug: &entry.slug,
            election: &entry.loaded.election,
            outcome: &entry.loaded.outcome,
            links,
        }
    }

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

/// What a table cell says for figures not in yet.
pub const AWAITED: &str = "Awaited";

/// Electorate, papers counted, rejected papers and the turnout worked out
/// from them, each only where the data gives it.
pub fn paper_facts(
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

/// Up to this many counting areas, each area's page lists every area, and
/// the home page names them all. Twelve links, one to a line at 44 px or so
/// each, fill about one phone screen (568–640 px tall at 320 px wide): a list
/// that short is the handiest way to go from one area to any other. With more,
/// an area's page links to the areas before and after it and to the table of
/// them all on the election's page: a full list on each of n pages is n²
/// links, and 10,000 areas made 9.4 GB of pages.
pub const FULL_AREA_LIST: usize = 12;

/// Charts with a mark for each area (the tile map, a candidate's bars by
/// area) are drawn for up to this many areas, and for any number of areas
/// all placed on the tile map. Beyond it a chart is a wall of marks nobody
/// can read or listen to, and the table beside it has every figure.
pub const CHARTED_AREAS: usize = 100;
