//! Figures that must agree with each other: papers counted, verified and
//! rejected against the votes, the electorate, and one area per tile.

use std::collections::HashMap;

use super::super::reader::Problems;
use crate::diagnostic::Kind;
use crate::model::{Area, AreaVotes, Rejected, Votes};
use crate::yaml::Path;

/// Two areas may not share a tile.
pub(super) fn check_tiles(areas: &[Area], path: &Path, problems: &mut Problems) {
    // The first area on each tile: looking back over every earlier area
    // instead was n² steps for n areas.
    let mut placed: HashMap<(u32, u32), &Area> = HashMap::new();
    for (i, area) in areas.iter().enumerate() {
        let Some(tile) = area.tile else { continue };
        if let Some(earlier) = placed.get(&tile) {
            problems.value(
                Kind::Conflict,
                &path.index(i).key("tile"),
                format!(
                    "{} is on the same tile as {} (x {}, y {})",
                    area.name, earlier.name, tile.0, tile.1
                ),
                "give each area its own tile",
            );
        } else {
            placed.insert(tile, area);
        }
    }
}

/// Published papers must add up: counted = valid + rejected, and no more
/// papers than electors.
pub(super) fn check_ballot_figures(area: &Area, path: &Path, problems: &mut Problems) {
    let valid: Votes = match &area.votes {
        AreaVotes::None => return,
        AreaVotes::Awaiting => {
            check_verified(area, None, path, problems);
            awaited_figures(area, path, problems);
            return;
        }
        AreaVotes::Totals { first, .. } => first.iter().map(|(_, v)| *v).sum(),
        AreaVotes::Ballots(groups) => groups.iter().map(|g| g.count).sum(),
    };
    let rejected = area.rejected.as_ref().map(Rejected::total);
    check_verified(area, Some(valid), path, problems);
    if let Some(counted) = area.ballots_counted {
        match rejected {
            Some(rejected) if counted != valid + rejected => problems.value(
                Kind::FiguresDisagree,
                &path.key("ballots_counted"),
                format!(
                    "{counted} ballot papers counted, but {valid} valid first preferences + {rejected} rejected = {}",
                    valid + rejected
                ),
                "ballots_counted is valid plus rejected papers; check all three figures against the declaration",
            ),
            None if counted < valid => problems.value(
                Kind::FiguresDisagree,
                &path.key("ballots_counted"),
                format!("{counted} ballot papers counted is fewer than the {valid} valid first preferences"),
                "ballots_counted is valid plus rejected papers; check it against the declaration",
            ),
            _ => {}
        }
    }
    if let Some(electorate) = area.electorate {
        let papers = area
            .ballots_counted
            .unwrap_or(valid + rejected.unwrap_or(Votes::ZERO));
        if papers > electorate {
            problems.value(
                Kind::FiguresDisagree,
                &path.key("electorate"),
                format!("an electorate of {electorate} is smaller than the {papers} ballot papers counted"),
                "check the electorate against the declaration",
            );
        }
    }
}

/// An area whose count is awaited has no figures from the count yet: a time
/// or a paper count there would move the banner's "latest figures" or stand
/// unchecked against votes that are not in.
fn awaited_figures(area: &Area, path: &Path, problems: &mut Problems) {
    let given = [
        ("reported_at", area.reported_at.is_some()),
        ("ballots_counted", area.ballots_counted.is_some()),
        ("rejected", area.rejected.is_some()),
    ];
    for (key, present) in given {
        if present {
            problems.key(
                Kind::Conflict,
                &path.key(key),
                format!("`{key}` is given, but this area's count is not in: it has no `first` yet"),
                format!("add `{key}` with the area's first preferences, or remove it until then"),
            );
        }
    }
}

/// The check the Electoral Commission asks for: papers verified before the
/// count equal the valid votes plus the rejected papers, and no area counts
/// more papers than it verified.
fn check_verified(area: &Area, valid: Option<Votes>, path: &Path, problems: &mut Problems) {
    let Some(verified) = area.verified else {
        return;
    };
    if let Some(electorate) = area.electorate
        && verified > electorate
    {
        problems.value(
            Kind::FiguresDisagree,
            &path.key("verified"),
            format!(
                "{verified} ballot papers verified is more than the electorate of {electorate}"
            ),
            "check `verified` and `electorate` against the count's statement",
        );
    }
    let rejected = area.rejected.as_ref().map(Rejected::total);
    if let (Some(valid), Some(rejected)) = (valid, rejected)
        && verified != valid + rejected
    {
        problems.value(
            Kind::FiguresDisagree,
            &path.key("verified"),
            format!(
                "{verified} ballot papers verified, but {valid} valid first preferences + {rejected} rejected = {}",
                valid + rejected
            ),
            "the papers verified must equal the valid votes plus the rejected papers; check all three figures against the count's statement",
        );
    } else if let Some(valid) = valid
        && rejected.is_none()
        && valid > verified
    {
        problems.value(
            Kind::FiguresDisagree,
            &path.key("verified"),
            format!("{verified} ballot papers verified is fewer than the {valid} valid first preferences"),
            "the papers verified must equal the valid votes plus the rejected papers; check both against the count's statement",
        );
    } else if let Some(counted) = area.ballots_counted
        && counted != verified
    {
        problems.value(
            Kind::FiguresDisagree,
            &path.key("verified"),
            format!("{verified} ballot papers verified, but {counted} counted"),
            "the papers counted must equal the papers verified; check both against the count's statement",
        );
    }
}
