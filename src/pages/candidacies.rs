//! An election's candidacies as one line each, for a candidate's other
//! candidacies and a person's page.

use crate::content::ElectionEntry;
use crate::count::ElectedAt;
use crate::model::Candidate;

use super::Render;
use super::elections::election_link;
use super::standings;
use super::views::{CountContext, LinkView, status_text};
use crate::site::Links;

#[derive(Debug, Clone)]
pub struct Candidacy {
    pub election: LinkView,
    pub candidate: LinkView,
    /// "2nd of 3, 5,799 behind at the second count" (see
    /// `count::standing`), "Elected unopposed"; while counting, how far
    /// the count has got, marked provisional.
    pub result: String,
    /// The party and the votes: "Conservative Party: 93,942 first
    /// preferences, 108,195 after transfers".
    pub summary: String,
}

/// The candidacies of `stood` (as (election, candidate) indexes, from
/// [`Render`]'s lookup) that `select` picks, newest election first.
pub fn candidacies(
    site: &Render,
    links: &Links,
    stood: &[(usize, usize)],
    select: impl Fn(&ElectionEntry, &Candidate) -> bool,
) -> Vec<Candidacy> {
    let mut found = Vec::new();
    for &(e, c) in stood {
        let entry = &site.elections[e];
        let cx = CountContext::new(entry, links);
        let candidate = &cx.election.candidates[c];
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
        let standing = cx.outcome.standing(&candidate.id);
        found.push(Candidacy {
            election: election_link(entry, links),
            candidate: cx.candidate_link(&candidate.id),
            result: match &standing {
                Some(standing) => standings::summary(standing),
                None => status_text(result.status).to_owned(),
            },
            summary: format!("{}{votes}{provisional}", cx.election.party_name(candidate)),
        });
    }
    found
}
