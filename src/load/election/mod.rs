//! From a parsed `election.yaml` to an [`Election`], checking everything that
//! can be checked without counting. Files named in the data (ballot CSVs) are
//! read through the `Files` the caller passes, so this module does no I/O.
//!
//! This file reads the document's own fields; `candidates.rs` the parties
//! and candidates, `areas.rs` the counting areas and their votes, and
//! `consistency.rs` checks that an area's figures agree with each other.

mod area_totals;
mod areas;
mod candidates;
mod consistency;
mod notice;

use std::collections::HashMap;

use super::files::Files;
use super::reader::{self, Fields, Problems};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Kind;
use crate::model::{Date, Declared, Election, ResultStatus, System};
use crate::yaml::{Node, Path};

use candidates::Known;

const ELECTION_FIELDS: &[&str] = &[
    "election_id",
    "title",
    "office",
    "authority",
    "date",
    "system",
    "status",
    "source",
    "turnout_percent",
    "parties",
    "candidates",
    "areas",
    "area_totals",
    "declared",
    "lot",
    "previous",
    "returning_officer",
];

const DECLARED_FIELDS: &[&str] = &["winner", "totals", "at"];

/// What reading found: problems in the YAML, and in any CSV it read.
pub struct Reading<'f> {
    pub problems: Problems,
    pub csv_diagnostics: Vec<Diagnostic>,
    pub files: &'f dyn Files,
    /// The sheet of area totals, when `area_totals` names one: the count's
    /// problems with its figures are placed there.
    pub sheet: Option<Sheet>,
}

pub use area_totals::Sheet;

/// Reads the whole document; None when anything was wrong (all of it is in
/// `reading`).
pub fn read(root: &Node, reading: &mut Reading) -> Option<Election> {
    let mut fields = Fields::of(root, &Path::root(), "an election", &mut reading.problems)?;
    let problems = &mut reading.problems;
    let election_id = fields
        .optional("election_id")
        .map(|(node, path)| read_election_id(node, &path, problems));
    let title = required_text(
        &mut fields,
        "title",
        "add `title: 2017 ... mayoral election`",
        problems,
    );
    let office = required_text(
        &mut fields,
        "office",
        "add `office: Mayor of ...`",
        problems,
    );
    let authority = optional_text(&mut fields, "authority", problems);
    let date = read_date(&mut fields, problems);
    let system = read_system(&mut fields, problems);
    let status = read_status(&mut fields, problems);
    let source = read_source(&mut fields, problems);
    let turnout_percent = read_percent(&mut fields, problems);
    let parties = candidates::read_parties(&mut fields, problems);
    let known = Known::from_document(root);
    let candidates = candidates::read_candidates(&mut fields, &parties, problems);
    let sheet = area_totals::read(&mut fields, root, &known, reading);
    let areas = areas::read_areas(&mut fields, &known, system, status, sheet.as_ref(), reading);
    reading.sheet = sheet;
    let problems = &mut reading.problems;
    let declared = read_declared(&mut fields, &known, problems);
    let lot = fields
        .optional("lot")
        .and_then(|(node, path)| known.candidate(node, &path, problems));
    let previous = fields
        .optional("previous")
        .map(|(node, path)| reader::slug(node, &path, problems));
    let returning_officer = notice::read_returning_officer(&mut fields, problems);
    if status == Some(ResultStatus::Counting) {
        refuse_while_counting(root, known.ids.len() == 1, problems);
    }
    fields.finish(ELECTION_FIELDS, problems);

    if !problems.is_empty() || !reading.csv_diagnostics.is_empty() {
        return None;
    }
    Some(Election {
        election_id: election_id.map_or(Some(None), |id| id.map(Some))?,
        title: title?,
        office: office?,
        authority,
        date: date?,
        system: system?,
        status: status?,
        source,
        turnout_percent,
        parties,
        candidates,
        areas: areas?,
        declared,
        lot,
        previous: previous.map_or(Some(None), |slug| slug.map(Some))?,
        returning_officer: returning_officer.ok()?,
    })
}

fn required_text(
    fields: &mut Fields,
    key: &str,
    help: &str,
    problems: &mut Problems,
) -> Option<String> {
    let (node, path) = fields.required(key, help, problems)?;
    reader::text(node, &path, problems)
}

fn optional_text(fields: &mut Fields, key: &str, problems: &mut Problems) -> Option<String> {
    let (node, path) = fields.optional(key)?;
    reader::text(node, &path, problems)
}

/// Democracy Club ids are lowercase words and dates joined by dots.
fn read_election_id(node: &Node, path: &Path, problems: &mut Problems) -> Option<String> {
    let id = reader::text(node, path, problems)?;
    let valid = id.split('.').all(|part| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    });
    if valid {
        Some(id)
    } else {
        problems.value(
            Kind::InvalidId,
            path,
            format!("`{id}` is not an election id"),
            "use Democracy Club's form, like mayor.cambridgeshire-and-peterborough.2017-05-04",
        );
        None
    }
}

fn read_date(fields: &mut Fields, problems: &mut Problems) -> Option<Date> {
    let (node, path) =
        fields.required("date", "add `date: YYYY-MM-DD`, the polling day", problems)?;
    reader::date(node, &path, problems)
}

fn read_system(fields: &mut Fields, problems: &mut Problems) -> Option<System> {
    let help = "use `system: supplementary-vote` or `system: first-past-the-post`";
    let (node, path) = fields.required("system", help, problems)?;
    let text = reader::text(node, &path, problems)?;
    match text.as_str() {
        "supplementary-vote" => Some(System::SupplementaryVote),
        "first-past-the-post" => Some(System::FirstPastThePost),
        other => {
            problems.value(
                Kind::UnknownChoice,
                &path,
                format!("unknown voting system `{other}`"),
                help,
            );
            None
        }
    }
}

fn read_status(fields: &mut Fields, problems: &mut Problems) -> Option<ResultStatus> {
    let Some((node, path)) = fields.optional("status") else {
        return Some(ResultStatus::Declared);
    };
    let text = reader::text(node, &path, problems)?;
    match text.as_str() {
        "counting" => Some(ResultStatus::Counting),
        "declared" => Some(ResultStatus::Declared),
        other => {
            problems.value(
                Kind::UnknownChoice,
                &path,
                format!("unknown status `{other}`"),
                "use `status: counting` while the count goes on, or `status: declared` once the result is declared",
            );
            None
        }
    }
}

/// What only the declaration can give has no place in a count in progress.
fn refuse_while_counting(root: &Node, uncontested: bool, problems: &mut Problems) {
    let Node::Map(entries) = root else { return };
    let root_path = Path::root();
    for (key, _) in entries {
        let path = root_path.key(key);
        match key.as_str() {
            "declared" => problems.key(
                Kind::Conflict,
                &path,
                "`declared` is given, but `status: counting` says the result is not declared yet",
                "remove `declared` until the returning officer declares, then set `status: declared` and add it",
            ),
            "lot" => problems.key(
                Kind::Conflict,
                &path,
                "`lot` is given, but `status: counting` says the result is not declared yet",
                "lots are drawn at the declaration: remove `lot`, or set `status: declared`",
            ),
            "status" if uncontested => problems.value(
                Kind::Conflict,
                &path,
                "an uncontested election has no count, so it cannot be counting",
                "remove `status: counting`: with one candidate the result is declared without a poll",
            ),
            _ => {}
        }
    }
}

fn read_source(fields: &mut Fields, problems: &mut Problems) -> Option<String> {
    let (node, path) = fields.optional("source")?;
    reader::url(node, &path, problems)
}

fn read_percent(fields: &mut Fields, problems: &mut Problems) -> Option<f64> {
    let (node, path) = fields.optional("turnout_percent")?;
    let percent = match node {
        Node::Int(i) => *i as f64,
        Node::Float(f) => *f,
        other => {
            problems.value(
                Kind::WrongType,
                &path,
                format!("expected a percentage, found {}", other.kind()),
                "write the declared turnout as a number without the % sign, like 32.9",
            );
            return None;
        }
    };
    if (0.0..=100.0).contains(&percent) {
        Some(percent)
    } else {
        problems.value(
            Kind::InvalidNumber,
            &path,
            format!("{percent} is not a percentage between 0 and 100"),
            "write the declared turnout as a number without the % sign, like 32.9",
        );
        None
    }
}

/// Reads a list of records, each with an `id` that must be unique.
fn read_records<'n, T>(
    node: &'n Node,
    path: &Path,
    what: &str,
    problems: &mut Problems,
    mut read_one: impl FnMut(&mut Fields<'n>, Option<String>, &mut Problems) -> Option<T>,
    known_fields: &[&str],
) -> Vec<T> {
    let Some(items) = reader::list(node, path, what, problems) else {
        return Vec::new();
    };
    let mut seen: HashMap<String, Path> = HashMap::new();
    let mut records = Vec::new();
    for (item, item_path) in items {
        let Some(mut fields) = Fields::of(item, &item_path, what, problems) else {
            continue;
        };
        let id = fields
            .required(
                "id",
                "add `id:` with a lowercase slug, like `kevin-price`",
                problems,
            )
            .and_then(|(node, path)| {
                let id = reader::slug(node, &path, problems)?;
                if let Some(first) = seen.get(&id) {
                    problems.value(
                        Kind::Duplicate,
                        &path,
                        format!("duplicate id `{id}`: {first} already uses it"),
                        "give every entry its own id",
                    );
                    return None;
                }
                seen.insert(id.clone(), item_path.clone());
                Some(id)
            });
        let record = read_one(&mut fields, id, problems);
        fields.finish(known_fields, problems);
        records.extend(record);
    }
    records
}

fn read_declared(fields: &mut Fields, known: &Known, problems: &mut Problems) -> Option<Declared> {
    let (node, path) = fields.optional("declared")?;
    let mut declared = Fields::of(node, &path, "the declared result", problems)?;
    let winner = declared
        .optional("winner")
        .map(|(node, path)| known.candidate(node, &path, problems));
    let totals = declared
        .optional("totals")
        .map(|(node, path)| known.votes_by_candidate(node, &path, problems));
    let at = declared
        .optional("at")
        .map(|(node, path)| reader::moment(node, &path, problems));
    declared.finish(DECLARED_FIELDS, problems);
    Some(Declared {
        at: at.map_or(Some(None), |t| t.map(Some))?,
        winner: winner.map(|w| w.ok_or(())).transpose().ok()?,
        totals: totals
            .map(|t| t.ok_or(()))
            .transpose()
            .ok()?
            .unwrap_or_default(),
    })
}
