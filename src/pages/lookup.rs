//! What many pages look up across the whole site, found once before any is
//! rendered: a page that searched every election for it would make the
//! build's time grow with the square of the site.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::news_index::{news_years, year_of};
use crate::change::{self, Resolved};
use crate::content::{ElectionEntry, Person, Site};
use crate::model::{Candidate, CandidateId, PersonId};
use crate::site::office_slug;

/// An office and its elections, newest first.
#[derive(Debug, Clone)]
pub struct Office<'s> {
    pub name: &'s str,
    pub slug: String,
    pub elections: Vec<&'s ElectionEntry>,
}

/// Who stood where, the profiles by slug, each year's news and each office's
/// elections.
#[derive(Debug, Default)]
pub(super) struct Lookup<'a> {
    people: HashMap<&'a PersonId, &'a Person>,
    elections: HashMap<&'a str, &'a ElectionEntry>,
    /// Each person's candidacies, as (election, candidate) indexes, in the
    /// site's order.
    by_person: HashMap<&'a PersonId, Vec<(usize, usize)>>,
    /// Likewise for candidates with no profile, by candidate id.
    by_id: HashMap<&'a CandidateId, Vec<(usize, usize)>>,
    /// Whether any election's count is in progress.
    pub any_counting: bool,
    /// Every year with news, newest first, with how many items it has.
    pub news_years: Vec<(i32, usize)>,
    /// Each year's news items, as indexes in the site's order.
    news_by_year: HashMap<i32, Vec<usize>>,
    /// The news items naming each election, each person, and each person
    /// with an election, as indexes in the site's order (newest first).
    news_by_election: HashMap<&'a str, Vec<usize>>,
    news_by_person: HashMap<&'a PersonId, Vec<usize>>,
    news_by_both: HashMap<&'a str, HashMap<&'a PersonId, Vec<usize>>>,
    /// Every office on the site, in alphabetical order of name. Loading has
    /// made sure that offices of different names have different slugs.
    pub offices: Vec<Office<'a>>,
    /// Each election's previous election, to compare with.
    previous: Resolved<'a>,
}

/// Adds item `n` to a list, once however often the item names its key.
fn add<K>(entry: Entry<'_, K, Vec<usize>>, n: usize) {
    let list = entry.or_default();
    if list.last() != Some(&n) {
        list.push(n);
    }
}

impl<'a> Lookup<'a> {
    pub fn of(site: &'a Site) -> Self {
        let mut lookup = Lookup {
            people: site.people.iter().map(|p| (&p.slug, p)).collect(),
            elections: site
                .elections
                .iter()
                .map(|e| (e.slug.as_str(), e))
                .collect(),
            news_years: news_years(site),
            previous: change::resolve(&site.elections),
            ..Lookup::default()
        };
        for (n, item) in site.news.iter().enumerate() {
            lookup
                .news_by_year
                .entry(year_of(item))
                .or_default()
                .push(n);
            for election in &item.elections {
                add(lookup.news_by_election.entry(election), n);
                for person in &item.people {
                    add(
                        lookup
                            .news_by_both
                            .entry(election)
                            .or_default()
                            .entry(person),
                        n,
                    );
                }
            }
            for person in &item.people {
                add(lookup.news_by_person.entry(person), n);
            }
        }
        let mut office_at: HashMap<&str, usize> = HashMap::new();
        for (e, entry) in site.elections.iter().enumerate() {
            lookup.any_counting |= entry.loaded.outcome.is_counting();
            let name = entry.loaded.election.office.as_str();
            let at = *office_at.entry(name).or_insert_with(|| {
                lookup.offices.push(Office {
                    name,
                    slug: office_slug(name),
                    elections: Vec::new(),
                });
                lookup.offices.len() - 1
            });
            lookup.offices[at].elections.push(entry);
            for (c, candidate) in entry.loaded.election.candidates.iter().enumerate() {
                let list = match &candidate.person {
                    Some(person) => lookup.by_person.entry(person).or_default(),
                    None => lookup.by_id.entry(&candidate.id).or_default(),
                };
                list.push((e, c));
            }
        }
        lookup.offices.sort_by(|a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then(a.name.cmp(b.name))
        });
        lookup
    }

    /// The news items naming the election `slug`, newest first.
    pub fn news_about_election(&self, slug: &str) -> &[usize] {
        self.news_by_election.get(slug).map_or(&[], Vec::as_slice)
    }

    /// The news items naming the person `slug`, newest first.
    pub fn news_about_person(&self, slug: &PersonId) -> &[usize] {
        self.news_by_person.get(slug).map_or(&[], Vec::as_slice)
    }

    /// The news items naming both the election and the person, newest first.
    pub fn news_about_both(&self, election: &str, person: &PersonId) -> &[usize] {
        self.news_by_both
            .get(election)
            .and_then(|people| people.get(person))
            .map_or(&[], Vec::as_slice)
    }

    /// The news items of `year`, as indexes in the site's order.
    pub fn news_of_year(&self, year: i32) -> &[usize] {
        self.news_by_year.get(&year).map_or(&[], Vec::as_slice)
    }

    pub fn election(&self, slug: &str) -> Option<&'a ElectionEntry> {
        self.elections.get(slug).copied()
    }

    /// The election that `slug` is compared with.
    pub fn previous(&self, slug: &str) -> Option<&'a ElectionEntry> {
        self.previous.of(slug)
    }

    pub fn person(&self, slug: &PersonId) -> Option<&'a Person> {
        self.people.get(slug).copied()
    }

    /// The candidacies of the person with profile `slug`.
    pub fn stood_by(&self, slug: &PersonId) -> &[(usize, usize)] {
        self.by_person.get(slug).map_or(&[], Vec::as_slice)
    }

    /// The candidacies of the same person as `candidate`'s: those sharing
    /// its profile, or, with no profile, its candidate id; itself included.
    pub fn stood_as(&self, candidate: &Candidate) -> &[(usize, usize)] {
        let found = match &candidate.person {
            Some(person) => self.by_person.get(person),
            None => self.by_id.get(&candidate.id),
        };
        found.map_or(&[], Vec::as_slice)
    }
}
