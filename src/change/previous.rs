//! Which election an election is compared with: the one its `previous`
//! names, else the latest earlier election of the same office on the site.
//! Loading reports a `previous` that names no earlier election
//! ([`problem`]); [`resolve`] finds every election's previous at once.

use std::collections::HashMap;

use crate::content::{ElectionEntry, election_order};
use crate::model::Date;

/// Why an election's `previous` cannot be its previous election.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PreviousProblem {
    /// No election on the site has that folder name.
    Unknown,
    /// It names the election itself.
    Itself,
    /// The election it names was held on `date`: the same day or later.
    NotEarlier { date: Date },
}

/// What is wrong with `entry`'s `previous` among `elections`, if anything.
/// An earlier election of another office is allowed (an office renamed).
pub fn problem(elections: &[ElectionEntry], entry: &ElectionEntry) -> Option<PreviousProblem> {
    let slug = entry.loaded.election.previous.as_deref()?;
    if slug == entry.slug {
        return Some(PreviousProblem::Itself);
    }
    let Some(named) = elections.iter().find(|e| e.slug == slug) else {
        return Some(PreviousProblem::Unknown);
    };
    let date = named.loaded.election.date;
    (date >= entry.loaded.election.date).then_some(PreviousProblem::NotEarlier { date })
}

/// Every election's previous election, by slug.
#[derive(Debug, Default)]
pub struct Resolved<'s> {
    by_slug: HashMap<&'s str, &'s ElectionEntry>,
}

impl<'s> Resolved<'s> {
    /// The election `slug` is compared with, if any.
    pub fn of(&self, slug: &str) -> Option<&'s ElectionEntry> {
        self.by_slug.get(slug).copied()
    }

    /// Each election that has a previous one, with it, as slugs.
    pub fn pairs(&self) -> impl Iterator<Item = (&'s str, &'s str)> + '_ {
        self.by_slug
            .iter()
            .map(|(slug, e)| (*slug, e.slug.as_str()))
    }
}

/// Finds each election's previous among `elections`, once for them all: the
/// one `previous` names when that is earlier, else the latest election of
/// the same office held on an earlier day (equal days by folder name).
pub fn resolve(elections: &[ElectionEntry]) -> Resolved<'_> {
    let by_name: HashMap<&str, &ElectionEntry> =
        elections.iter().map(|e| (e.slug.as_str(), e)).collect();
    let mut offices: HashMap<&str, Vec<&ElectionEntry>> = HashMap::new();
    for entry in elections {
        offices
            .entry(entry.loaded.election.office.as_str())
            .or_default()
            .push(entry);
    }
    let mut by_slug = HashMap::new();
    for list in offices.values_mut() {
        list.sort_by(|a, b| election_order(a, b));
        for (i, entry) in list.iter().enumerate() {
            let election = &entry.loaded.election;
            let previous = match election.previous.as_deref() {
                Some(slug) => by_name
                    .get(slug)
                    .copied()
                    .filter(|named| named.slug != entry.slug)
                    .filter(|named| named.loaded.election.date < election.date),
                None => list[i + 1..]
                    .iter()
                    .copied()
                    .find(|earlier| earlier.loaded.election.date < election.date),
            };
            if let Some(previous) = previous {
                by_slug.insert(entry.slug.as_str(), previous);
            }
        }
    }
    Resolved { by_slug }
}
