//! Rendering: every page of the site from the loaded content, in parallel.
//! Nothing here touches the file system.

mod documents;
mod election;
mod layout;
pub mod links;
mod views;

use askama::Template;
use rayon::prelude::*;

use crate::content::Site;
use links::folder;

pub use layout::STYLESHEET;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Relative to the output folder, with `/` separators.
    pub path: String,
    pub contents: Vec<u8>,
}

/// A page to render, cheap to list before rendering in parallel.
#[derive(Debug, Clone, Copy)]
enum Job {
    Home,
    Election(usize),
    Area(usize, usize),
    Candidate(usize, usize),
    Person(usize),
    NewsIndex,
    News(usize),
    Page(usize),
}

fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs = vec![Job::Home];
    for (e, entry) in site.elections.iter().enumerate() {
        jobs.push(Job::Election(e));
        let election = &entry.loaded.election;
        jobs.extend((0..election.areas.len()).map(|a| Job::Area(e, a)));
        jobs.extend((0..election.candidates.len()).map(|c| Job::Candidate(e, c)));
    }
    jobs.extend((0..site.people.len()).map(Job::Person));
    if !site.news.is_empty() {
        jobs.push(Job::NewsIndex);
    }
    jobs.extend((0..site.news.len()).map(Job::News));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs
}

/// Renders every page, in a stable order.
pub fn render_site(site: &Site) -> Result<Vec<Output>, askama::Error> {
    jobs(site)
        .par_iter()
        .map(|job| render(site, *job))
        .collect()
}

fn render(site: &Site, job: Job) -> Result<Output, askama::Error> {
    let (folder, html) = match job {
        Job::Home => (String::new(), documents::home_page(site).render()?),
        Job::Election(e) => {
            let entry = &site.elections[e];
            (
                folder::election(&entry.slug),
                election::election_page(site, entry).render()?,
            )
        }
        Job::Area(e, a) => {
            let entry = &site.elections[e];
            let area = &entry.loaded.election.areas[a];
            (
                folder::area(&entry.slug, area.id.as_str()),
                election::area_page(site, entry, a).render()?,
            )
        }
        Job::Candidate(e, c) => {
            let entry = &site.elections[e];
            let candidate = &entry.loaded.election.candidates[c];
            (
                folder::candidate(&entry.slug, candidate.id.as_str()),
                election::candidate_page(site, entry, candidate).render()?,
            )
        }
        Job::Person(p) => {
            let person = &site.people[p];
            (
                folder::person(person.slug.as_str()),
                documents::person_page(site, person).render()?,
            )
        }
        Job::NewsIndex => (
            folder::NEWS.to_owned(),
            documents::news_index_page(site).render()?,
        ),
        Job::News(n) => {
            let item = &site.news[n];
            (
                folder::news(&item.slug),
                documents::news_page(site, item).render()?,
            )
        }
        Job::Page(p) => {
            let page = &site.pages[p];
            (
                folder::page(&page.slug),
                documents::free_page(site, page).render()?,
            )
        }
    };
    Ok(Output {
        path: format!("{folder}index.html"),
        contents: html.into_bytes(),
    })
}
