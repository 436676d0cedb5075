//! Rendering: every page of the site from the loaded content, in parallel.
//! Nothing here touches the file system.

mod area;
mod candidacies;
mod candidate;
mod card;
mod change_views;
mod chart_views;
mod count_tables;
mod documents;
mod election;
mod elections;
mod layout;
mod lookup;
mod mentions;
mod news_index;
mod notice;
mod offices;
mod schema;
mod standings;
mod views;

pub use card::{CardFile, election_card};
pub use news_index::PER_PAGE as NEWS_PER_PAGE;
pub use news_index::{news_years, pages_for as news_pages, year_of};

use askama::Template;
use rayon::prelude::*;

use crate::content::{ElectionEntry, Person, Site};
use crate::markdown;
use crate::model::PersonId;
use crate::site::routes::NOT_FOUND;
use crate::site::{Assets, MarkdownLinks, Output, folder};
use lookup::Lookup;

/// What rendering needs: the content, and where the built assets are.
pub struct Render<'a> {
    pub site: &'a Site,
    pub assets: &'a Assets,
    lookup: Lookup<'a>,
}

impl<'a> Render<'a> {
    pub fn new(site: &'a Site, assets: &'a Assets) -> Self {
        Render {
            site,
            assets,
            lookup: Lookup::of(site),
        }
    }

    /// The profile `slug` names ([`Site::person`], without a search).
    pub fn person(&self, slug: &PersonId) -> Option<&'a Person> {
        self.lookup.person(slug)
    }

    /// The election `slug` names ([`Site::election`], without a search).
    pub fn election(&self, slug: &str) -> Option<&'a ElectionEntry> {
        self.lookup.election(slug)
    }

    /// The election `slug` is compared with: the one its `previous` names,
    /// else the latest earlier one of its office.
    pub fn previous(&self, slug: &str) -> Option<&'a ElectionEntry> {
        self.lookup.previous(slug)
    }

    /// Every year with news, newest first, with how many items it has.
    pub fn news_years(&self) -> &[(i32, usize)] {
        &self.lookup.news_years
    }

    /// The news items of `year`, as indexes in the site's order.
    pub fn news_of_year(&self, year: i32) -> &[usize] {
        self.lookup.news_of_year(year)
    }

    /// Every office, A to Z, with its elections.
    fn offices(&self) -> &[lookup::Office<'a>] {
        &self.lookup.offices
    }
}

// Page builders mostly read the site; reaching it through the context keeps
// their signatures short.
impl std::ops::Deref for Render<'_> {
    type Target = Site;

    fn deref(&self) -> &Site {
        self.site
    }
}

/// Every election's result card, in the site's order of elections: only for
/// a site with a `base_url`, as nothing else can show one (a link preview
/// needs the card's absolute address), and drawing 400 of them would double
/// an archive's build.
pub fn cards(site: &Render) -> Vec<CardFile> {
    if !publishes_cards(site) {
        return Vec::new();
    }
    site.elections.iter().map(election_card).collect()
}

/// Whether the site's elections have result cards (see [`cards`]).
pub fn publishes_cards(site: &Site) -> bool {
    site.config.base_url.is_some()
}

/// A page to render, cheap to list before rendering in parallel.
#[derive(Debug, Clone, Copy)]
enum Job {
    Home,
    Elections,
    Election(usize),
    /// An election's notice of result.
    Notice(usize),
    Area(usize, usize),
    Candidate(usize, usize),
    Person(usize),
    /// A page of the news index, from 1.
    NewsIndex(usize),
    /// A page (from 1) of a year's news.
    NewsYear(i32, usize),
    /// The page of an office, by its place in [`Render::offices`].
    Office(usize),
    News(usize),
    Page(usize),
    NotFound,
}

fn jobs(site: &Render) -> Vec<Job> {
    let mut jobs = vec![Job::Home];
    if !site.elections.is_empty() {
        jobs.push(Job::Elections);
    }
    for (e, entry) in site.elections.iter().enumerate() {
        jobs.push(Job::Election(e));
        jobs.push(Job::Notice(e));
        let election = &entry.loaded.election;
        jobs.extend((0..election.areas.len()).map(|a| Job::Area(e, a)));
        jobs.extend((0..election.candidates.len()).map(|c| Job::Candidate(e, c)));
    }
    jobs.extend((0..site.offices().len()).map(Job::Office));
    jobs.extend((0..site.people.len()).map(Job::Person));
    if !site.news.is_empty() {
        jobs.extend((1..=news_index::page_count(site)).map(Job::NewsIndex));
    }
    for &(year, count) in site.news_years() {
        jobs.extend((1..=news_index::pages_for(count)).map(|page| Job::NewsYear(year, page)));
    }
    jobs.extend((0..site.news.len()).map(Job::News));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs.push(Job::NotFound);
    jobs
}

/// The paths of every page, in the order [`render_each`] numbers them.
pub fn page_paths(site: &Render) -> Vec<String> {
    jobs(site).into_iter().map(|job| path(site, job)).collect()
}

/// Renders every page in parallel, handing each to `each` as it is made,
/// with its place in a stable order; pages are not kept. `planned` hears how
/// many pages there will be. The first error stops the rest (`failed` turns
/// a rendering error into `each`'s kind).
pub fn render_each<E: Send>(
    site: &Render,
    planned: &dyn Fn(usize),
    each: &(dyn Fn(usize, Output) -> Result<(), E> + Sync),
    failed: &(dyn Fn(askama::Error) -> E + Sync),
) -> Result<(), E> {
    let jobs = jobs(site);
    planned(jobs.len());
    jobs.into_par_iter()
        .enumerate()
        .try_for_each(|(at, job)| each(at, render(site, job).map_err(failed)?))
}

/// Where a page goes.
fn path(site: &Render, job: Job) -> String {
    let index = |folder: String| folder::index(&folder);
    match job {
        Job::Home => index(String::new()),
        Job::Elections => index(folder::ELECTIONS.to_owned()),
        Job::Election(e) => index(folder::election(&site.elections[e].slug)),
        Job::Notice(e) => index(folder::notice(&site.elections[e].slug)),
        Job::Area(e, a) => {
            let entry = &site.elections[e];
            let area = &entry.loaded.election.areas[a];
            index(folder::area(&entry.slug, area.id.as_str()))
        }
        Job::Candidate(e, c) => {
            let entry = &site.elections[e];
            let candidate = &entry.loaded.election.candidates[c];
            index(folder::candidate(&entry.slug, candidate.id.as_str()))
        }
        Job::Person(p) => index(folder::person(site.people[p].slug.as_str())),
        Job::NewsIndex(page) => index(folder::news_index(page)),
        Job::NewsYear(year, page) => index(folder::news_year(year, page)),
        Job::Office(o) => index(folder::office(&site.offices()[o].slug)),
        Job::News(n) => index(folder::news(&site.news[n].slug)),
        Job::Page(p) => index(folder::page(&site.pages[p].slug)),
        Job::NotFound => NOT_FOUND.to_owned(),
    }
}

/// A page, as [`render_pages`] names it to ask whether to render it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageOf<'a> {
    Home,
    Elections,
    /// An election's own page, by its slug.
    Election(&'a str),
    /// An election's notice of result, by its slug.
    Notice(&'a str),
    /// An area's page, by its election's slug.
    Area(&'a str),
    /// A candidacy's page: the election's slug, the person if any, and the
    /// candidate's id.
    Candidate(&'a str, Option<&'a str>, &'a str),
    Person(&'a str),
    /// A page of the news index, from 1.
    NewsIndex(usize),
    /// A page of a year's news.
    NewsYear(i32),
    /// An office's page, by the office as elections give it.
    Office(&'a str),
    News(&'a str),
    Page(&'a str),
    NotFound,
}

fn page_of<'a>(render: &Render<'a>, job: Job) -> PageOf<'a> {
    let site = render.site;
    match job {
        Job::Home => PageOf::Home,
        Job::Elections => PageOf::Elections,
        Job::Election(e) => PageOf::Election(&site.elections[e].slug),
        Job::Notice(e) => PageOf::Notice(&site.elections[e].slug),
        Job::Area(e, _) => PageOf::Area(&site.elections[e].slug),
        Job::Candidate(e, c) => {
            let entry = &site.elections[e];
            let candidate = &entry.loaded.election.candidates[c];
            let person = candidate.person.as_ref().map(|p| p.as_str());
            PageOf::Candidate(&entry.slug, person, candidate.id.as_str())
        }
        Job::Person(p) => PageOf::Person(site.people[p].slug.as_str()),
        Job::NewsIndex(page) => PageOf::NewsIndex(page),
        Job::NewsYear(year, _) => PageOf::NewsYear(year),
        Job::Office(o) => PageOf::Office(render.offices()[o].name),
        Job::News(n) => PageOf::News(&site.news[n].slug),
        Job::Page(p) => PageOf::Page(&site.pages[p].slug),
        Job::NotFound => PageOf::NotFound,
    }
}

/// Renders the pages that `wanted` picks, in parallel and in the order
/// [`render_each`] numbers them: for a preview that re-renders only what an
/// edit touched.
pub fn render_pages(
    site: &Render,
    wanted: &(dyn Fn(PageOf) -> bool + Sync),
) -> Result<Vec<Output>, askama::Error> {
    let jobs: Vec<Job> = jobs(site)
        .into_iter()
        .filter(|job| wanted(page_of(site, *job)))
        .collect();
    jobs.par_iter().map(|job| render(site, *job)).collect()
}

fn render(site: &Render, job: Job) -> Result<Output, askama::Error> {
    // A page's Markdown body is rendered once, its links recorded in the
    // same pass for `check` to place.
    let shown = markdown_shown(site, job);
    let rendered = shown
        .as_ref()
        .map(|shown| markdown::render(shown.body, shown.rebase.as_ref()));
    let (body, links) = match rendered {
        Some(markdown::Rendered { html, links }) => (Some(html), links),
        None => (None, Vec::new()),
    };
    let html = match job {
        Job::Home => documents::home_page(site).render()?,
        Job::Elections => elections::elections_page(site).render()?,
        Job::Election(e) => election::election_page(site, &site.elections[e]).render()?,
        Job::Notice(e) => notice::notice_page(site, &site.elections[e]).render()?,
        Job::Area(e, a) => election::area_page(site, &site.elections[e], a).render()?,
        Job::Candidate(e, c) => {
            let entry = &site.elections[e];
            let candidate = &entry.loaded.election.candidates[c];
            election::candidate_page(site, entry, candidate, body).render()?
        }
        Job::Person(p) => {
            documents::person_page(site, &site.people[p], body.unwrap_or_default()).render()?
        }
        Job::NewsIndex(page) => news_index::news_index_page(site, page).render()?,
        Job::NewsYear(year, page) => {
            news_index::news_list_page(site, news_index::NewsList::Year(year), page).render()?
        }
        Job::Office(o) => offices::office_page(site, &site.offices()[o]).render()?,
        Job::News(n) => {
            documents::news_page(site, &site.news[n], body.unwrap_or_default()).render()?
        }
        Job::Page(p) => {
            documents::free_page(site, &site.pages[p], body.unwrap_or_default()).render()?
        }
        Job::NotFound => documents::not_found_page(site).render()?,
    };
    Ok(Output {
        markdown: shown.map(|shown| MarkdownLinks {
            file: shown.file,
            body_len: shown.body.len(),
            links,
            elsewhere: shown.rebase.is_some(),
        }),
        ..Output::new(path(site, job), html)
    })
}

/// The body of a Markdown file that a page shows.
struct Shown<'a> {
    /// The file, from the site's folder, as `content/people/x.md`.
    file: String,
    body: &'a str,
    /// When the page is not the file's own, how its links were rebased.
    rebase: Option<markdown::Rebase>,
}

/// The Markdown body a page shows, for the pages that show one: those made
/// from a Markdown file, and a candidacy's page with the person's profile.
fn markdown_shown<'a>(site: &'a Render, job: Job) -> Option<Shown<'a>> {
    let own = |folder: &str, slug: &str, body: &'a str| Shown {
        file: format!("content/{folder}/{slug}.md"),
        body,
        rebase: None,
    };
    match job {
        Job::Person(p) => {
            let person = &site.people[p];
            Some(own("people", person.slug.as_str(), &person.body))
        }
        Job::News(n) => Some(own("news", &site.news[n].slug, &site.news[n].body)),
        Job::Page(p) => Some(own("pages", &site.pages[p].slug, &site.pages[p].body)),
        Job::Candidate(e, c) => {
            let entry = &site.elections[e];
            let candidate = &entry.loaded.election.candidates[c];
            let person = site.person(candidate.person.as_ref()?)?;
            Some(Shown {
                rebase: Some(candidate::profile_rebase(entry, candidate, person)),
                ..own("people", person.slug.as_str(), &person.body)
            })
        }
        _ => None,
    }
}
