//! An independent without a `person` who has a namesake among the previous
//! election's independents is not compared with them (`crate::change`):
//! a warning at the candidate says how to compare them.

use super::super::Source;
use crate::change::{Resolved, unlinked_namesakes};
use crate::content::ElectionEntry;
use crate::diagnostic::{Diagnostic, Kind};
use crate::yaml::Path;

/// The warnings for `entry`, whose previous election is `previous`.
pub(crate) fn namesake_warnings(
    entry: &ElectionEntry,
    previous: &ElectionEntry,
    source: &Source,
) -> Vec<Diagnostic> {
    let before = &previous.loaded.election.candidates;
    entry
        .loaded
        .election
        .candidates
        .iter()
        .enumerate()
        .filter(|(_, candidate)| before.iter().any(|b| unlinked_namesakes(candidate, b)))
        .map(|(i, candidate)| {
            source.problem_at(
                Kind::Unchecked,
                &Path::root().key("candidates").index(i),
                format!(
                    "{} is not compared with the independent of the same name in `{}`: they are not linked to one person",
                    candidate.name.trim(),
                    previous.slug
                ),
                "give both a `person` so that they are compared (the same one if they are one person)"
                    .to_owned(),
            )
        })
        .collect()
}

/// Each election's namesake warnings, in the order of `elections`.
pub(super) fn all(
    elections: &[ElectionEntry],
    resolved: &Resolved,
    sources: &[Source],
) -> Vec<Vec<Diagnostic>> {
    elections
        .iter()
        .zip(sources)
        .map(|(entry, source)| match resolved.of(&entry.slug) {
            Some(previous) => namesake_warnings(entry, previous, source),
            None => Vec::new(),
        })
        .collect()
}
