//! An election's `previous` must name an earlier election of the site:
//! the comparison of `change` is with it.

use super::super::Source;
use super::reader;
use crate::change::{PreviousProblem, problem};
use crate::content::{ElectionEntry, Site};
use crate::diagnostic::{Diagnostic, Kind};
use crate::yaml::Path;

/// Each election's `previous` that names no earlier election, reported at it.
pub(super) fn check_previous(site: &Site, sources: &[Source], errors: &mut Vec<Diagnostic>) {
    for (entry, source) in site.elections.iter().zip(sources) {
        errors.extend(previous_problem(&site.elections, entry, source));
    }
}

/// The problem with `entry`'s `previous` among `elections`, placed in its file.
pub(super) fn previous_problem(
    elections: &[ElectionEntry],
    entry: &ElectionEntry,
    source: &Source,
) -> Option<Diagnostic> {
    let found = problem(elections, entry)?;
    let election = &entry.loaded.election;
    let slug = election.previous.as_deref().unwrap_or_default();
    let earlier = "name the folder of an earlier election under content/elections/, or remove `previous` to compare with the latest earlier election of the same office";
    let (kind, message, help) = match found {
        PreviousProblem::Unknown => {
            let others: Vec<&str> = elections
                .iter()
                .map(|e| e.slug.as_str())
                .filter(|s| *s != entry.slug)
                .collect();
            (
                Kind::UnknownReference,
                format!("there is no election `{slug}` in content/elections/"),
                match reader::closest(slug, &others) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => earlier.to_owned(),
                },
            )
        }
        PreviousProblem::Itself => (
            Kind::Conflict,
            "an election cannot be compared with itself".to_owned(),
            earlier.to_owned(),
        ),
        PreviousProblem::NotEarlier { date } => (
            Kind::Conflict,
            format!(
                "`{slug}` was held on {}, not before this election ({})",
                date.long(),
                election.date.long()
            ),
            format!("`previous` names an earlier election: {earlier}"),
        ),
    };
    Some(source.problem_at(kind, &Path::root().key("previous"), message, help))
}
