//! The notice of result, as the returning officer gives it: candidates in
//! ballot-paper order with their descriptions, the votes at each count,
//! rejected papers under each statutory head, the returning officer and
//! the time of the declaration. Printable on one A4 page. While the count
//! goes on it says that no result has been declared, and shows no figure.

use askama::Template;

use crate::content::ElectionEntry;
use crate::count::{ElectedAt, Outcome};
use crate::format::Share;
use crate::model::{
    Candidate, Election, Head, Rejected, RejectionHead, SecondRejectionHead, System, Votes,
    ballot_order,
};

use super::Render;
use super::layout::{Layout, PageMeta, Section, home_crumb, layout};
use super::views::{Fact, LinkView, count_banner};
use crate::site::{Links, folder};

/// What the notice says where the data does not give a figure: never a
/// figure made up in its place.
pub const NOT_PUBLISHED: &str = "Not published";

#[derive(Template)]
#[template(path = "notice.html")]
pub struct NoticePage {
    pub layout: Layout,
    /// "Election of the Mayor of …".
    pub office: String,
    pub authority: Option<String>,
    pub polling_day: String,
    pub election: LinkView,
    /// None while the count goes on: there is no result to give notice of.
    pub notice: Option<Notice>,
    pub not_published: &'static str,
}

pub struct Notice {
    /// The only candidate, when the election was uncontested.
    pub uncontested: Option<String>,
    pub rows: Vec<NoticeRow>,
    /// "First preference votes", or "Votes" where there are no preferences.
    pub first_heading: &'static str,
    /// The columns of the second count are shown.
    pub second_count: bool,
    pub totals: NoticeRow,
    pub non_transferable: Option<String>,
    pub rejected: Vec<RejectedTable>,
    pub papers: Vec<Fact>,
    /// "Nik Johnson is duly elected …".
    pub elected: String,
    pub returning_officer: String,
    /// RFC 3339 and as read; None when not given.
    pub declared_at: Option<(String, String)>,
    pub source: Option<LinkView>,
    /// How names and descriptions were filled in where the data gives none.
    pub notes: Vec<String>,
}

pub struct NoticeRow {
    pub name: String,
    pub description: String,
    pub first: String,
    /// None for a candidate not in the second count.
    pub transfers: Option<String>,
    pub total: Option<String>,
    pub elected: bool,
}

pub struct RejectedTable {
    pub id: &'static str,
    pub caption: &'static str,
    pub rows: Vec<Fact>,
    pub total: String,
}

pub fn notice_page(site: &Render, entry: &ElectionEntry) -> NoticePage {
    let here = folder::notice(&entry.slug);
    let links = Links::new(&here, site.config.base_url.as_deref());
    let (election, outcome) = (&entry.loaded.election, &entry.loaded.outcome);
    let election_link = LinkView {
        text: election.title.clone(),
        href: links.page(&folder::election(&entry.slug)),
    };
    let description = match outcome.winner() {
        Some(_) => format!("The declaration of the result of the {}.", election.title),
        None => format!("No result of the {} has been declared yet.", election.title),
    };
    let meta = PageMeta {
        title: "Declaration of result of poll".to_owned(),
        title_context: Some(election.title.clone()),
        description,
        section: Section::Election(&entry.slug),
        breadcrumbs: vec![home_crumb(&links), election_link.clone()],
        banners: count_banner(outcome).into_iter().collect(),
        ..PageMeta::EMPTY
    };
    NoticePage {
        layout: layout(site, &links, meta),
        office: format!("Election of the {}", election.office),
        authority: election.authority.clone(),
        polling_day: election.date.long(),
        election: election_link,
        notice: outcome
            .winner()
            .is_some()
            .then(|| notice(election, outcome)),
        not_published: NOT_PUBLISHED,
    }
}

fn notice(election: &Election, outcome: &Outcome) -> Notice {
    let winner = outcome.winner();
    let decision = outcome.decision();
    let mut candidates: Vec<&Candidate> = election.candidates.iter().collect();
    candidates.sort_by(|a, b| ballot_order(a, b));
    let second_count = outcome.has_second_count();
    let rows = candidates
        .iter()
        .map(|candidate| {
            let result = outcome.overall.candidate(&candidate.id);
            NoticeRow {
                name: listed_name(candidate),
                description: description(election, candidate),
                first: result.map_or_else(String::new, |r| r.first.to_string()),
                transfers: result.and_then(|r| r.transfers).map(|v| v.to_string()),
                total: result.and_then(|r| r.total).map(|v| v.to_string()),
                elected: winner == Some(&candidate.id),
            }
        })
        .collect();
    let overall = &outcome.overall;
    let totals = NoticeRow {
        name: "Total".to_owned(),
        description: String::new(),
        first: overall.valid_first.to_string(),
        transfers: overall.transfers().map(|v| v.to_string()),
        total: overall.second_count_total().map(|v| v.to_string()),
        elected: false,
    };
    let elected_name = winner
        .and_then(|id| election.candidate(id))
        .map(full_name)
        .unwrap_or_default();
    let uncontested = decision.is_some_and(|d| d.elected_at == ElectedAt::Uncontested);
    let by_lot = if decision.is_some_and(|d| d.by_lot) {
        " The final totals were equal, and the returning officer decided by lot."
    } else {
        ""
    };
    let mut rejected = Vec::new();
    if !uncontested {
        rejected.push(rejected_table(
            "rejected-first",
            "Rejected ballot papers",
            &[
                RejectionHead::NoOfficialMark,
                RejectionHead::MultipleFirstPreferences,
                RejectionHead::IdentifiesVoter,
                RejectionHead::UnmarkedOrUncertain,
            ],
            election.areas.iter().map(|a| a.rejected.as_ref()),
            |head| match head {
                RejectionHead::Unmarked | RejectionHead::Uncertain => {
                    RejectionHead::UnmarkedOrUncertain
                }
                other => other,
            },
        ));
    }
    if second_count {
        rejected.push(rejected_table(
            "rejected-second",
            "Ballot papers rejected as to the second preference vote",
            SecondRejectionHead::HEADS,
            election.areas.iter().map(|a| a.rejected_second.as_ref()),
            |head| head,
        ));
    }
    Notice {
        uncontested: uncontested.then(|| elected_name.clone()),
        rows,
        first_heading: if election.system == System::SupplementaryVote
            && election.candidates.len() > 2
        {
            "First preference votes"
        } else {
            "Votes"
        },
        second_count,
        totals,
        non_transferable: overall.non_transferable.map(|v| v.to_string()),
        rejected,
        papers: if uncontested {
            Vec::new()
        } else {
            papers(election, outcome)
        },
        elected: format!(
            "{elected_name} is duly elected as the {}.{by_lot}",
            election.office
        ),
        returning_officer: election.returning_officer.as_ref().map_or_else(
            || NOT_PUBLISHED.to_owned(),
            |officer| match &officer.title {
                Some(title) => format!("{}, {title}", officer.name),
                None => officer.name.clone(),
            },
        ),
        declared_at: election
            .declared
            .as_ref()
            .and_then(|d| d.at)
            .map(|at| (at.rfc3339(), at.long())),
        source: election.source.as_ref().map(|url| LinkView {
            text: "The published declaration".to_owned(),
            href: url.clone(),
        }),
        notes: notes(election),
    }
}

/// As the notice lists a candidate: "Van de Weyer, Aidan Thomas"; the name
/// as the data gives it when the ballot paper's is not given.
fn listed_name(candidate: &Candidate) -> String {
    match &candidate.ballot {
        Some(ballot) if ballot.other_names.is_empty() => ballot.surname.clone(),
        Some(ballot) => format!("{}, {}", ballot.surname, ballot.other_names),
        None => candidate.name.clone(),
    }
}

/// "Aidan Thomas Van de Weyer", for the sentence declaring who is elected.
fn full_name(candidate: &Candidate) -> String {
    match &candidate.ballot {
        Some(ballot) if ballot.other_names.is_empty() => ballot.surname.clone(),
        Some(ballot) => format!("{} {}", ballot.other_names, ballot.surname),
        None => candidate.name.clone(),
    }
}

/// The ballot paper's description, else the party's name, else
/// "Independent".
fn description(election: &Election, candidate: &Candidate) -> String {
    candidate
        .description
        .clone()
        .unwrap_or_else(|| election.party_name(candidate).to_owned())
}

fn notes(election: &Election) -> Vec<String> {
    let mut notes = Vec::new();
    if election.candidates.iter().any(|c| c.ballot.is_none()) {
        notes.push(
            "Where the ballot paper's names are not given, a candidate is listed by the name given, in order of its last word.".to_owned(),
        );
    }
    if election.candidates.iter().any(|c| c.description.is_none()) {
        notes.push(
            "Where the ballot paper's description is not given, the candidate's party is shown (or Independent).".to_owned(),
        );
    }
    notes
}

/// Papers rejected under each of `heads`, summed over the areas: a head's
/// figure only when every area gives its papers by head, the total only
/// when every area gives one. `fold` files a head under one of `heads`.
fn rejected_table<'a, H: Head>(
    id: &'static str,
    caption: &'static str,
    heads: &[H],
    areas: impl Iterator<Item = Option<&'a Rejected<H>>>,
    fold: impl Fn(H) -> H,
) -> RejectedTable {
    let mut by_head = vec![Votes::ZERO; heads.len()];
    let mut total = Some(Votes::ZERO);
    let mut heads_known = true;
    for rejected in areas {
        total = total.zip(rejected).map(|(t, r)| t + r.total());
        match rejected {
            Some(Rejected::ByHead(given)) => {
                for (head, votes) in given {
                    let head = fold(*head);
                    if let Some(i) = heads.iter().position(|h| *h == head) {
                        by_head[i] = by_head[i] + *votes;
                    }
                }
            }
            None | Some(Rejected::Total(_)) => heads_known = false,
        }
    }
    let shown =
        |votes: Option<Votes>| votes.map_or_else(|| NOT_PUBLISHED.to_owned(), |v| v.to_string());
    RejectedTable {
        id,
        caption,
        rows: heads
            .iter()
            .zip(by_head)
            .map(|(head, votes)| Fact::new(head.description(), shown(heads_known.then_some(votes))))
            .collect(),
        total: shown(total),
    }
}

/// Ballot papers counted, the electorate and turnout, where every area
/// gives them (papers counted, or rejected papers beside the valid votes).
fn papers(election: &Election, outcome: &Outcome) -> Vec<Fact> {
    let areas = || election.areas.iter().zip(&outcome.areas);
    let electorate: Option<Votes> = election.areas.iter().map(|a| a.electorate).sum();
    let counted: Option<Votes> = areas()
        .map(|(area, tallied)| {
            area.ballots_counted.or_else(|| {
                let rejected = area.rejected.as_ref()?.total();
                Some(tallied.tally.valid_first + rejected)
            })
        })
        .sum();
    let mut facts = vec![Fact::new(
        "Total valid first preference votes",
        outcome.overall.valid_first.to_string(),
    )];
    if let Some(counted) = counted {
        facts.push(Fact::new("Ballot papers counted", counted.to_string()));
    }
    if let Some(electorate) = electorate {
        facts.push(Fact::new("Electorate", electorate.to_string()));
    }
    match (election.turnout_percent, counted, electorate) {
        (Some(declared), _, _) => {
            facts.push(Fact::new("Turnout (as declared)", format!("{declared}%")))
        }
        (None, Some(counted), Some(electorate)) => facts.push(Fact::new(
            "Turnout (ballot papers counted ÷ electorate)",
            Share::new(counted, electorate).to_string(),
        )),
        _ => {}
    }
    facts
}
