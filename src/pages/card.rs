//! An election's result card (`crate::card`) from its count: what the card
//! says, where it is published, and the `og:image` its page names. The bars
//! are the very chart the election's page draws.

use crate::card::{self, Body, Card, Declared};
use crate::charts::{BarChart, NEUTRAL};
use crate::content::ElectionEntry;
use crate::count::{ElectedAt, State};
use crate::narrative;
use crate::site::{Links, folder};

use super::chart_views;
use super::elections::how_elected;
use super::layout::OgImage;
use super::views::CountContext;

/// A card to publish: its path in the site and its SVG, cheap to make; the
/// PNG is drawn from the SVG when it is written.
#[derive(Debug, Clone)]
pub struct CardFile {
    pub path: String,
    pub svg: String,
    /// What the card shows, in words, for `og:image:alt`.
    pub alt: String,
}

/// The card of `entry`.
pub fn election_card(entry: &ElectionEntry) -> CardFile {
    let folder = folder::election(&entry.slug);
    let links = Links::new(&folder, None);
    let cx = CountContext::new(entry, &links);
    let (election, outcome) = (cx.election, cx.outcome);
    let (body, said) = match &outcome.state {
        State::Declared(decision) => {
            let party = cx.party(&decision.winner);
            let how = how_elected(decision.elected_at, decision.by_lot);
            let declared = Declared {
                winner: narrative::name(election, &decision.winner).to_owned(),
                party: party.name,
                colour: party.colour.unwrap_or_else(|| NEUTRAL.to_owned()),
                how: capitalised(how),
                chart: deciding_count(&cx, decision.elected_at),
            };
            (
                Body::Declared(Box::new(declared)),
                narrative::headline(election, outcome),
            )
        }
        State::Counting(progress) => {
            let progress = narrative::progress_banner(progress);
            let said =
                format!("Counting: provisional figures. {progress} No result has been declared.");
            (Body::Counting { progress }, said)
        }
    };
    let card = Card {
        title: election.title.clone(),
        body,
    };
    let svg = card::svg(&card);
    CardFile {
        path: format!("{folder}{}", card::file_name(&svg)),
        alt: format!("{}: {said}", election.title),
        svg,
    }
}

/// The `og:image` of an election's pages: only with a `base_url`, since
/// Open Graph takes absolute addresses only.
pub fn og_image(entry: &ElectionEntry, links: &Links) -> Option<OgImage> {
    let root = links.absolute("")?;
    let card = election_card(entry);
    Some(OgImage {
        url: format!("{root}{}", card.path),
        width: card::WIDTH,
        height: card::HEIGHT,
        alt: card.alt,
    })
}

/// The count that decided the result, as the election's page charts it.
fn deciding_count(cx: &CountContext, at: ElectedAt) -> Option<BarChart> {
    let overall = &cx.outcome.overall;
    match at {
        ElectedAt::Uncontested => None,
        ElectedAt::SecondCount => chart_views::second_count(cx, overall, "card", "", true),
        ElectedAt::FirstCount | ElectedAt::SimpleMajority => Some(chart_views::first_count(
            cx,
            overall,
            "card",
            "",
            cx.outcome.threshold,
        )),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
