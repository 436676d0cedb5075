//! From count results to chart inputs: the charts' labels, colours, titles
//! and descriptions, worded from the figures. The geometry is `crate::charts`.

use crate::charts::{
    self, AWAITED, BarChart, BarInput, FlowChart, FlowInput, FlowTarget, NEUTRAL, TileInput,
    TileMap,
};
use crate::count::{Stage, Tally};
use crate::format::Share;
use crate::model::{CandidateId, Votes};
use crate::narrative::and_list;

use super::views::{CHARTED_AREAS, CountContext};

/// What an awaited area's tile and key say.
const COUNT_AWAITED: &str = "Count awaited";
/// The note under a chart with stacked bars.
const STACKED_NOTE: &str = "Solid: first preferences. Pale: transfers.";

/// The first count of a tally: one bar per candidate, by votes, with the
/// threshold for a first-count win when there was one.
pub fn first_count(
    cx: &CountContext,
    tally: &Tally,
    id: &str,
    place: &str,
    threshold: Option<Votes>,
) -> BarChart {
    let mut by_votes: Vec<_> = tally.candidates.iter().collect();
    by_votes.sort_by(|a, b| b.first.cmp(&a.first).then(a.id.cmp(&b.id)));
    let inputs: Vec<BarInput> = by_votes
        .iter()
        .map(|c| BarInput {
            label: label(cx, &c.id),
            value: format!("{} ({})", c.first, Share::new(c.first, tally.valid_first)),
            colour: colour(cx, &c.id),
            first: c.first.0,
            transfers: None,
        })
        .collect();
    let leader = by_votes.first();
    let mut desc = match leader {
        Some(l) => format!(
            "{} valid first preferences{place}. {} had the most, {} ({}).",
            tally.valid_first,
            cx.candidate_link(&l.id).text,
            l.first,
            Share::new(l.first, tally.valid_first)
        ),
        None => format!("No votes{place}."),
    };
    if let Some(t) = threshold {
        desc += &format!(
            " The line marks {t} votes, more than half: the mark for winning at the first count."
        );
    }
    charts::bar_chart(
        id,
        format!("First preferences{place}"),
        desc,
        inputs,
        threshold.map(|t| (t.0, format!("More than half: {t}"))),
    )
}

/// The second count: first preferences and transfers stacked, with the line
/// at half of the second-count total for the whole election.
pub fn second_count(
    cx: &CountContext,
    tally: &Tally,
    id: &str,
    place: &str,
    winning_line: bool,
) -> Option<BarChart> {
    let whole = tally.second_count_total()?;
    let finalists: Vec<_> = tally
        .candidates
        .iter()
        .filter(|c| c.total.is_some())
        .collect();
    let inputs = finalists
        .iter()
        .map(|c| BarInput {
            label: label(cx, &c.id),
            value: format!(
                "{} ({})",
                c.total.unwrap_or_default(),
                Share::new(c.total.unwrap_or_default(), whole)
            ),
            colour: colour(cx, &c.id),
            first: c.first.0,
            transfers: c.transfers.map(|t| t.0),
        })
        .collect();
    let parts: Vec<String> = finalists
        .iter()
        .map(|c| {
            format!(
                "{} {} + {} = {}",
                cx.candidate_link(&c.id).text,
                c.first,
                c.transfers.unwrap_or_default(),
                c.total.unwrap_or_default()
            )
        })
        .collect();
    let mut desc = format!(
        "Second count{place}: first preferences plus transfers. {}.",
        and_list(&parts)
    );
    let marker = winning_line.then(|| {
        desc += &format!(" The line marks half of the {whole} votes in the second count.");
        let half = if whole.0 % 2 == 0 {
            Votes(whole.0 / 2).to_string()
        } else {
            format!("{}.5", Votes(whole.0 / 2))
        };
        (whole.0 / 2, format!("Half: {half}"))
    });
    let mut chart = charts::bar_chart(id, format!("Second count{place}"), desc, inputs, marker);
    chart.note = Some(STACKED_NOTE.into());
    Some(chart)
}

/// "James Palmer (Conservative Party)".
fn label(cx: &CountContext, id: &CandidateId) -> String {
    format!("{} ({})", cx.candidate_link(id).text, cx.party(id).name)
}

fn colour(cx: &CountContext, id: &CandidateId) -> String {
    cx.party(id).colour.unwrap_or_else(|| NEUTRAL.to_owned())
}

/// Where the eliminated candidates' ballot papers went. With ballot-level
/// data each eliminated candidate's papers flow separately; with totals only,
/// all of them together.
pub fn transfers(cx: &CountContext) -> Option<FlowChart> {
    let overall = &cx.outcome.overall;
    let non_transferable = overall.non_transferable?;
    let remaining: Vec<_> = overall
        .candidates
        .iter()
        .filter(|c| c.total.is_some())
        .collect();
    let eliminated: Vec<_> = overall
        .candidates
        .iter()
        .filter(|c| c.total.is_none())
        .collect();
    let mut targets: Vec<FlowTarget> = remaining
        .iter()
        .map(|c| FlowTarget {
            label: cx.candidate_link(&c.id).text,
            colour: colour(cx, &c.id),
        })
        .collect();
    targets.push(FlowTarget {
        label: "Non-transferable".into(),
        colour: NEUTRAL.into(),
    });
    let sources: Vec<FlowInput> = match &overall.first_by_second {
        Some(table) => eliminated
            .iter()
            .filter_map(|e| table.rows.iter().find(|row| row.first == e.id))
            .map(|row| {
                let to_remaining: Vec<Votes> = remaining
                    .iter()
                    .map(|r| {
                        row.seconds
                            .iter()
                            .filter(|(second, _)| second.as_ref() == Some(&r.id))
                            .map(|(_, v)| *v)
                            .sum()
                    })
                    .collect();
                let all: Votes = row.seconds.iter().map(|(_, v)| *v).sum();
                let stays = all - to_remaining.iter().sum();
                FlowInput {
                    label: cx.candidate_link(&row.first).text,
                    colour: colour(cx, &row.first),
                    to: to_remaining
                        .into_iter()
                        .chain([stays])
                        .map(|v| v.0)
                        .collect(),
                }
            })
            .collect(),
        None => vec![FlowInput {
            label: format!("{} eliminated", count_words(eliminated.len())),
            colour: NEUTRAL.into(),
            to: remaining
                .iter()
                .map(|r| r.transfers.unwrap_or_default())
                .chain([non_transferable])
                .map(|v| v.0)
                .collect(),
        }],
    };
    let papers: Votes = overall.transfers().unwrap_or_default() + non_transferable;
    let parts: Vec<String> = remaining
        .iter()
        .map(|r| {
            format!(
                "{} to {}",
                r.transfers.unwrap_or_default(),
                cx.candidate_link(&r.id).text
            )
        })
        .collect();
    let desc = format!(
        "Of the {papers} ballot papers whose first preference was for an eliminated candidate, {} transferred, and {non_transferable} were non-transferable.",
        and_list(&parts)
    );
    Some(charts::flow_chart(
        "transfers-chart",
        "Where the transfers went".into(),
        desc,
        &sources,
        &targets,
    ))
}

fn count_words(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// The counting areas as tiles, coloured by who led at the first count;
/// None for more than [`CHARTED_AREAS`] areas, unless each has its place.
pub fn area_tiles(cx: &CountContext) -> Option<TileMap> {
    let areas = &cx.election.areas;
    if areas.is_empty()
        || (cx.outcome.overall.valid_first == Votes::ZERO && !cx.outcome.is_counting())
        || (areas.len() > CHARTED_AREAS && !areas.iter().all(|a| a.tile.is_some()))
    {
        return None;
    }
    let mut key: Vec<(String, String)> = Vec::new();
    let mut led: Vec<(String, Vec<String>)> = Vec::new();
    let inputs: Vec<TileInput> = areas
        .iter()
        .zip(&cx.outcome.areas)
        .enumerate()
        .map(|(i, (area, tallied))| {
            let leaders = tallied.tally.first_leaders();
            let awaited = tallied.stage == Stage::Awaiting;
            let (leader, colour) = match leaders[..] {
                _ if awaited => (COUNT_AWAITED.to_owned(), AWAITED.to_owned()),
                [one] => (cx.candidate_link(one).text, colour(cx, one)),
                [] => ("No votes".to_owned(), NEUTRAL.to_owned()),
                _ => ("Tied".to_owned(), NEUTRAL.to_owned()),
            };
            let described = match leaders[..] {
                [one] => format!("{} ({})", leader, cx.party(one).name),
                _ => leader.clone(),
            };
            if !key.iter().any(|(c, l)| c == &colour && l == &described) {
                key.push((colour.clone(), described));
            }
            match led.iter_mut().find(|(who, _)| who == &leader) {
                Some((_, names)) => names.push(area.name.clone()),
                None => led.push((leader.clone(), vec![area.name.clone()])),
            }
            let index = u32::try_from(i).unwrap_or(0);
            TileInput {
                position: area.tile.unwrap_or((index % 4, index / 4)),
                name: area.name.clone(),
                leader,
                colour,
                href: cx.area_link(area).href,
                awaited,
            }
        })
        .collect();
    let summary: Vec<String> = led
        .iter()
        .map(|(who, names)| match who.as_str() {
            COUNT_AWAITED => format!(
                "the count awaited in {} ({})",
                names.len(),
                names.join(", ")
            ),
            _ => format!("{who} in {} ({})", names.len(), names.join(", ")),
        })
        .collect();
    let desc = format!(
        "Counting areas coloured by who led at the first count{}: {}.",
        if cx.outcome.is_counting() {
            " so far"
        } else {
            ""
        },
        and_list(&summary)
    );
    Some(charts::tile_map(
        "area-map",
        if cx.outcome.is_counting() {
            "Who leads in each counting area so far (provisional)".into()
        } else {
            "Who led in each counting area".into()
        },
        desc,
        inputs,
        key,
    ))
}

/// A candidate's votes in each area, stacked with transfers when they were
/// in the second count; None for more than [`CHARTED_AREAS`] areas.
pub fn by_area(cx: &CountContext, id: &CandidateId) -> Option<BarChart> {
    if cx.election.areas.len() > CHARTED_AREAS {
        return None;
    }
    let name = cx.candidate_link(id).text;
    let fill = colour(cx, id);
    let mut parts = Vec::new();
    let inputs: Vec<BarInput> = cx
        .election
        .areas
        .iter()
        .zip(&cx.outcome.areas)
        .filter(|(_, tallied)| tallied.stage != Stage::Awaiting)
        .filter_map(|(area, tallied)| {
            let result = tallied.tally.candidate(id)?;
            let last = result.last();
            parts.push(format!("{} {last}", area.name));
            Some(BarInput {
                label: area.name.clone(),
                value: last.to_string(),
                colour: fill.clone(),
                first: result.first.0,
                transfers: result.transfers.map(|t| t.0),
            })
        })
        .collect();
    if inputs.is_empty() {
        return None;
    }
    let stacked = inputs.iter().any(|i| i.transfers.is_some());
    let what = if stacked {
        "votes after transfers"
    } else {
        "first preferences"
    };
    let desc = format!(
        "{name}'s {what} in each counting area: {}.",
        and_list(&parts)
    );
    let mut chart = charts::bar_chart(
        "by-area-chart",
        format!("{name} by local authority"),
        desc,
        inputs,
        None,
    );
    if stacked {
        chart.note = Some(STACKED_NOTE.into());
    }
    Some(chart)
}
