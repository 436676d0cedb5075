//! What the notice of result needs beyond the count: each candidate's name
//! and description as the ballot paper prints them, and the returning
//! officer. Papers rejected as to the second preference are read with the
//! area's other figures (`areas.rs`).

use super::super::reader::{self, Fields, Problems};
use crate::diagnostic::Kind;
use crate::model::{BallotName, ReturningOfficer};

pub(super) const BALLOT_FIELDS: [&str; 3] = ["surname", "other_names", "description"];

const OFFICER_FIELDS: &[&str] = &["name", "title"];

/// `surname` and `other_names`; Err when present but invalid.
pub(super) fn read_ballot_name(
    fields: &mut Fields,
    problems: &mut Problems,
) -> Result<Option<BallotName>, ()> {
    let surname = fields
        .optional("surname")
        .map(|(node, path)| reader::text(node, &path, problems));
    let other_names = fields
        .optional("other_names")
        .map(|(node, path)| (reader::text(node, &path, problems), path));
    match (surname, other_names) {
        (None, None) => Ok(None),
        (None, Some((_, path))) => {
            problems.key(
                Kind::MissingField,
                &path,
                "`other_names` is given without `surname`",
                "add `surname:` as the ballot paper prints it (as `surname: Van de Weyer`); the notice lists candidates by surname",
            );
            Err(())
        }
        (Some(surname), other_names) => {
            let other_names = match other_names {
                Some((names, _)) => names.ok_or(())?,
                None => String::new(),
            };
            Ok(Some(BallotName {
                surname: surname.ok_or(())?,
                other_names,
            }))
        }
    }
}

/// The ballot paper's description; Err when present but invalid.
pub(super) fn read_description(
    fields: &mut Fields,
    problems: &mut Problems,
) -> Result<Option<String>, ()> {
    match fields.optional("description") {
        None => Ok(None),
        Some((node, path)) => reader::text(node, &path, problems).map(Some).ok_or(()),
    }
}

/// `returning_officer: {name: ..., title: ...}`; Err when present but
/// invalid.
pub(super) fn read_returning_officer(
    fields: &mut Fields,
    problems: &mut Problems,
) -> Result<Option<ReturningOfficer>, ()> {
    let Some((node, path)) = fields.optional("returning_officer") else {
        return Ok(None);
    };
    let mut officer = Fields::of(node, &path, "the returning officer", problems).ok_or(())?;
    let name = officer
        .required(
            "name",
            "add `name:` with the returning officer's name as the notice gives it",
            problems,
        )
        .and_then(|(node, path)| reader::text(node, &path, problems));
    let title = officer
        .optional("title")
        .map(|(node, path)| reader::text(node, &path, problems).ok_or(()));
    officer.finish(OFFICER_FIELDS, problems);
    Ok(Some(ReturningOfficer {
        name: name.ok_or(())?,
        title: title.transpose()?,
    }))
}
