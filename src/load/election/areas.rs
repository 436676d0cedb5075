//! The counting areas: their figures, and their votes as totals or ballots.

use std::collections::HashMap;

use super::super::ballots::{self, BallotRow};
use super::super::files::Files;
use super::super::reader::{self, Fields, Problems, closest};
use super::area_totals::{AreaAsked, Sheet};
use super::candidates::Known;
use super::consistency::{check_ballot_figures, check_tiles};
use super::{Reading, read_records, required_text};
use crate::diagnostic::{Diagnostic, Kind};
use crate::model::{
    Area, AreaId, AreaVotes, BallotGroup, CandidateId, Head, Rejected, ResultStatus, System, Votes,
};
use crate::yaml::{Node, Path};

const AREA_FIELDS: &[&str] = &[
    "id",
    "name",
    "electorate",
    "ballots_counted",
    "rejected",
    "rejected_second",
    "first",
    "second",
    "ballots",
    "tile",
    "reported_at",
    "verified",
];

pub(super) fn read_areas(
    fields: &mut Fields,
    known: &Known,
    system: Option<System>,
    status: Option<ResultStatus>,
    sheet: Option<&Sheet>,
    reading: &mut Reading,
) -> Option<Vec<Area>> {
    let uncontested = known.ids.len() == 1;
    let Some((node, path)) = fields.optional("areas") else {
        if !uncontested {
            reading.problems.value(
                Kind::MissingField,
                &fields.path,
                "missing field `areas`",
                "add `areas:` with the counting areas and their votes",
            );
        }
        return Some(Vec::new());
    };
    if !uncontested && matches!(node, Node::Seq(items) if items.is_empty()) {
        reading.problems.value(
            Kind::Empty,
            &path,
            "there are no counting areas",
            "add at least one area with its votes",
        );
    }
    let files = reading.files;
    let mut csv = Vec::new();
    let areas = read_records(
        node,
        &path,
        "areas",
        &mut reading.problems,
        |fields, id, problems| {
            let context = AreaContext {
                known,
                system,
                // An unreadable `status` is reported once; areas are read
                // leniently rather than each blamed for it.
                counting: status != Some(ResultStatus::Declared),
                uncontested,
                files,
                sheet,
            };
            read_area(fields, id, &context, problems, &mut csv)
        },
        AREA_FIELDS,
    );
    reading.csv_diagnostics.extend(csv);
    check_tiles(&areas, &path, &mut reading.problems);
    Some(areas)
}

struct AreaContext<'a> {
    known: &'a Known,
    system: Option<System>,
    /// `status: counting`: an area may have no figures yet.
    counting: bool,
    uncontested: bool,
    files: &'a dyn Files,
    sheet: Option<&'a Sheet>,
}

fn read_area(
    fields: &mut Fields,
    id: Option<String>,
    context: &AreaContext,
    problems: &mut Problems,
    csv: &mut Vec<Diagnostic>,
) -> Option<Area> {
    let name = required_text(fields, "name", "add `name:` with the area's name", problems);
    let electorate = optional_votes(fields, "electorate", problems);
    let ballots_counted = optional_votes(fields, "ballots_counted", problems);
    let rejected = fields
        .optional("rejected")
        .map(|(node, path)| read_rejected(node, &path, problems));
    let rejected_second = fields
        .optional("rejected_second")
        .map(|(node, path)| read_rejected(node, &path, problems));
    let votes = read_area_votes(fields, id.as_deref(), context, problems, csv);
    let tile = fields
        .optional("tile")
        .map(|(node, path)| read_tile(node, &path, problems));
    let reported_at = fields.optional("reported_at").map(|(node, path)| {
        if let Some(sheet) = context.sheet {
            sheet.time_given_twice(id.as_deref(), &path, problems);
        }
        reader::moment(node, &path, problems)
    });
    let from_sheet = context.sheet.and_then(|s| s.reported_at(id.as_deref()));
    let verified = optional_votes(fields, "verified", problems);
    let area = Area {
        id: AreaId::new(&id?)?,
        name: name?,
        electorate: electorate.ok()?,
        ballots_counted: ballots_counted.ok()?,
        rejected: match rejected {
            Some(r) => Some(r?),
            None => None,
        },
        rejected_second: rejected_second.map_or(Some(None), |r| r.map(Some))?,
        votes: votes?,
        tile: tile.map_or(Some(None), |t| t.map(Some))?,
        reported_at: reported_at.map_or(Some(from_sheet), |t| t.map(Some))?,
        verified: verified.ok()?,
    };
    check_ballot_figures(&area, &fields.path, problems);
    Some(area)
}

/// The largest tile column or row: a map wider than this would not fit a page.
const MAX_TILE: i128 = 20;

/// `tile: {x: 0, y: 1}`: a place on the tile map.
fn read_tile(node: &Node, path: &Path, problems: &mut Problems) -> Option<(u32, u32)> {
    let mut fields = Fields::of(node, path, "a tile position (`{x: 0, y: 0}`)", problems)?;
    let mut coordinate = |key: &str| {
        let (node, path) = fields.required(
            key,
            "give the tile's column as `x` and row as `y`, counting from 0",
            problems,
        )?;
        match node {
            Node::Int(n) if (0..=MAX_TILE).contains(n) => u32::try_from(*n).ok(),
            _ => {
                let found = match node {
                    Node::Int(n) => format!("{n}, outside that range"),
                    other => other.kind().to_owned(),
                };
                problems.value(
                    Kind::InvalidValue,
                    &path,
                    format!("expected a whole number from 0 to {MAX_TILE}, found {found}"),
                    "tile columns (`x`) and rows (`y`) count from 0 at the top left",
                );
                None
            }
        }
    };
    let x = coordinate("x");
    let y = coordinate("y");
    fields.finish(&["x", "y"], problems);
    Some((x?, y?))
}

/// Err when present but invalid.
fn optional_votes(
    fields: &mut Fields,
    key: &str,
    problems: &mut Problems,
) -> Result<Option<Votes>, ()> {
    match fields.optional(key) {
        None => Ok(None),
        Some((node, path)) => reader::votes(node, &path, problems).map(Some).ok_or(()),
    }
}

/// Rejected papers as one figure, or by the heads `H` (as to the first
/// preference, or the second).
fn read_rejected<H: Head>(
    node: &Node,
    path: &Path,
    problems: &mut Problems,
) -> Option<Rejected<H>> {
    if !matches!(node, Node::Map(_)) {
        return reader::votes(node, path, problems).map(Rejected::Total);
    }
    let heads: Vec<&str> = H::HEADS.iter().map(|h| h.key()).collect();
    let entries = reader::entries(node, path, "rejected papers by head", problems)?;
    let mut by_head = Vec::new();
    let mut ok = true;
    for (key, value, entry_path) in entries {
        let count = reader::votes(value, &entry_path, problems);
        match H::HEADS.iter().find(|head| head.key() == key).copied() {
            Some(head) => by_head.extend(count.map(|c| (head, c))),
            None => {
                problems.key(
                    Kind::UnknownChoice,
                    &entry_path,
                    format!("`{key}` is not a head under which papers are rejected"),
                    match closest(key, &heads) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!("use one of: {}", heads.join(", ")),
                    },
                );
                ok = false;
            }
        }
        ok &= count.is_some();
    }
    ok.then_some(Rejected::ByHead(by_head))
}

fn read_area_votes(
    fields: &mut Fields,
    id: Option<&str>,
    context: &AreaContext,
    problems: &mut Problems,
    csv: &mut Vec<Diagnostic>,
) -> Option<AreaVotes> {
    let area_path = fields.path.clone();
    let first = fields.optional("first");
    let second = fields.optional("second");
    let ballots = fields.optional("ballots");
    if context.uncontested {
        for (_, path) in [&first, &second, &ballots].into_iter().flatten() {
            problems.key(
                Kind::Conflict,
                path,
                "an uncontested election has no poll, so no votes",
                "remove it: with one candidate the candidate is declared elected without a vote",
            );
        }
        return Some(AreaVotes::None);
    }
    if let Some(sheet) = context.sheet {
        for (_, path) in [&first, &second, &ballots].into_iter().flatten() {
            sheet.given_twice(id, path, problems);
        }
        if first.is_none() && second.is_none() && ballots.is_none() {
            let name = area_name(fields);
            let asked = AreaAsked {
                id,
                name: &name,
                path: &area_path,
                counting: context.counting,
            };
            return sheet.votes(&asked, problems, csv);
        }
    }
    match (first, ballots) {
        (Some(_), Some((_, path))) => {
            problems.key(
                Kind::Conflict,
                &path,
                "an area gives either `first` (and `second`) totals or `ballots`, not both",
                "keep one of them",
            );
            None
        }
        (None, None) if context.counting => {
            if let Some((_, path)) = second {
                problems.key(
                    Kind::Conflict,
                    &path,
                    "`second` is given, but this area's first count is not",
                    "add `first:` with the area's first preferences: the second count follows the first",
                );
                return None;
            }
            Some(AreaVotes::Awaiting)
        }
        (None, None) => {
            let name = area_name(fields);
            problems.value(
                Kind::MissingVotes,
                &area_path,
                format!("no votes: {name} has neither `first` nor `ballots`"),
                "add `first: {candidate-id: votes, ...}` for every candidate, or `ballots: file.csv`; if its count is not in yet, set `status: counting` at the top of the file to publish the count as it happens",
            );
            None
        }
        (Some((node, path)), None) => {
            let first = read_first(node, &path, context.known, problems);
            let second =
                second.map(|(node, path)| context.known.votes_by_candidate(node, &path, problems));
            Some(AreaVotes::Totals {
                first: first?,
                second: second.map(|s| s.ok_or(())).transpose().ok()?,
            })
        }
        (None, Some((node, path))) => {
            if let Some((_, second_path)) = second {
                problems.key(
                    Kind::Conflict,
                    &second_path,
                    "`second` cannot be given with `ballots`: transfers are counted from the ballots",
                    "remove `second`",
                );
            }
            let rows = ballots::read(node, &path, context.files, problems, csv)?;
            check_rows(rows, context, problems, csv).map(AreaVotes::Ballots)
        }
    }
}

/// The area's name, as messages about it say it.
fn area_name(fields: &mut Fields) -> String {
    fields
        .optional("name")
        .and_then(|(node, _)| match node {
            Node::Str(name) => Some(name.clone()),
            _ => None,
        })
        .unwrap_or_else(|| "this area".to_owned())
}

/// Every candidate, and no one else.
fn read_first(
    node: &Node,
    path: &Path,
    known: &Known,
    problems: &mut Problems,
) -> Option<Vec<(CandidateId, Votes)>> {
    let first = known.votes_by_candidate(node, path, problems);
    if let Node::Map(entries) = node
        && known.complete
    {
        for id in &known.ids {
            if !entries.iter().any(|(k, _)| k == id.as_str()) {
                problems.value(
                    Kind::MissingVotes,
                    path,
                    format!("no first preferences for `{id}`"),
                    format!("add `{id}: 0` if they had no votes in this area; every candidate must be listed"),
                );
            }
        }
    }
    first
}

/// Ballot rows must name candidates, once per pair.
fn check_rows(
    rows: Vec<BallotRow>,
    context: &AreaContext,
    problems: &mut Problems,
    csv: &mut Vec<Diagnostic>,
) -> Option<Vec<BallotGroup>> {
    let mut ok = true;
    let mut seen: HashMap<(String, Option<String>), String> = HashMap::new();
    let mut groups = Vec::new();
    // The rows come from one CSV file, or from the YAML.
    let mut found_in_csv = Vec::new();
    for row in rows {
        let mut complain = |kind: Kind, field: ballots::Field, message: String, help: String| {
            ok = false;
            row.origin
                .report(kind, field, message, help, problems, &mut found_in_csv);
        };
        let first = context.known.contains(&row.first);
        if first.is_none() && context.known.complete {
            complain(
                Kind::UnknownReference,
                ballots::Field::First,
                format!(
                    "`{}` is not a candidate in this election",
                    ballots::quoted_id(&row.first)
                ),
                context.known.stranger_help(&row.first),
            );
        }
        let second = match &row.second {
            None => Some(None),
            Some(id) => {
                let found = context.known.contains(id);
                if found.is_none() && context.known.complete {
                    complain(
                        Kind::UnknownReference,
                        ballots::Field::Second,
                        format!(
                            "`{}` is not a candidate in this election",
                            ballots::quoted_id(id)
                        ),
                        format!(
                            "{} (leave `second` empty for no second preference)",
                            context.known.stranger_help(id)
                        ),
                    );
                }
                if context.system == Some(System::FirstPastThePost) {
                    complain(
                        Kind::Conflict,
                        ballots::Field::Second,
                        "first past the post has no second preferences".into(),
                        "leave `second` empty".into(),
                    );
                }
                found.map(Some)
            }
        };
        let key = (row.first.clone(), row.second.clone());
        if let Some(earlier) = seen.get(&key) {
            complain(
                Kind::Duplicate,
                ballots::Field::First,
                format!("this pair of preferences was already given {earlier}"),
                "give each first/second pair once: add the counts together".into(),
            );
        } else {
            seen.insert(key, row.origin.describe());
        }
        if let (Some(first), Some(second)) = (first, second) {
            groups.push(BallotGroup {
                first,
                second,
                count: row.count,
            });
        }
    }
    ballots::list_checked(found_in_csv, csv);
    ok.then_some(groups)
}
