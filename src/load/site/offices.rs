//! Each office has a page of its elections at `elections/office/<slug>/`:
//! no election folder may take that folder's name, and two offices written
//! differently may not share a slug.

use std::collections::HashMap;
use std::path::Path as FsPath;

use super::super::Source;
use super::file_problem;
use crate::content::{ElectionEntry, Site};
use crate::diagnostic::{Diagnostic, Kind};
use crate::site::{folder, office_slug};
use crate::yaml::Path;

/// The problem with an election folder called `office`.
pub(super) fn reserved_election(name: &str, folder: &FsPath) -> Option<Diagnostic> {
    (name == folder::OFFICES).then(|| {
        file_problem(
            Kind::Reserved,
            folder,
            format!(
                "an election cannot be called `{name}`: {}{name}/ holds a page for each office",
                folder::ELECTIONS
            ),
            "rename the folder to the election's own slug, such as `2026-testshire-mayor`",
        )
    })
}

/// Offices whose pages would be one: `Mayor of London` and `Mayor of
/// london`. Each election whose office is written otherwise than the newest
/// election of that address is reported at its `office`.
pub(super) fn check_offices(site: &Site, sources: &[Source], errors: &mut Vec<Diagnostic>) {
    let mut first: HashMap<String, (&str, &str)> = HashMap::new();
    for (entry, source) in site.elections.iter().zip(sources) {
        let office = entry.loaded.election.office.as_str();
        let slug = office_slug(office);
        let (name, election) = *first.entry(slug.clone()).or_insert((office, &entry.slug));
        if name != office {
            errors.push(source.problem_at(
                Kind::Conflict,
                &Path::root().key("office"),
                format!(
                    "the office `{office}` would share its page, {}, with `{name}` (elections/{election})",
                    folder::office(&slug)
                ),
                format!(
                    "if it is the same office, write it as elections/{election} does: `{name}`; if not, name it so that its letters or digits differ"
                ),
            ));
        }
    }
}

/// Whether `entry`, put in `site` in place of the election of its slug,
/// would write an office otherwise than another election whose page it
/// shares: [`check_offices`] refuses that, saying it at whichever election
/// is not the newest, so the preview loads the whole site to say it.
pub fn shares_office_page(site: &Site, entry: &ElectionEntry) -> bool {
    let office = entry.loaded.election.office.as_str();
    let page = office_slug(office);
    site.elections.iter().any(|other| {
        let other_office = other.loaded.election.office.as_str();
        other.slug != entry.slug && other_office != office && office_slug(other_office) == page
    })
}
