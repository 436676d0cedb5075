//! A whole site's content once loaded and checked: its settings, elections
//! (with their counts), people, news and free pages. Markdown bodies are kept
//! as source; rendering them is the page builder's job.

use crate::diagnostic::Diagnostic;
use crate::load::Loaded;
use crate::model::{Date, PersonId};

#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    pub publisher: String,
    /// With a trailing slash; None means every link is relative.
    pub base_url: Option<String>,
    pub language: String,
}

#[derive(Debug, Clone)]
pub struct ElectionEntry {
    /// The folder name, used in the election's address.
    pub slug: String,
    pub loaded: Loaded,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub slug: PersonId,
    pub name: String,
    pub role: Option<String>,
    /// A path in the site's static files, or a full URL.
    pub photo: Option<String>,
    pub links: Vec<Link>,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewsSource {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewsItem {
    pub slug: String,
    pub title: String,
    pub date: Date,
    pub summary: String,
    pub source: Option<NewsSource>,
    /// Slugs of elections the item is about.
    pub elections: Vec<String>,
    pub people: Vec<PersonId>,
    pub body: String,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub body: String,
}

#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    /// Newest first.
    pub elections: Vec<ElectionEntry>,
    /// By slug.
    pub people: Vec<Person>,
    /// Newest first.
    pub news: Vec<NewsItem>,
    /// By slug.
    pub pages: Vec<Page>,
}

impl Site {
    pub fn person(&self, slug: &PersonId) -> Option<&Person> {
        self.people.iter().find(|p| &p.slug == slug)
    }

    pub fn election(&self, slug: &str) -> Option<&ElectionEntry> {
        self.elections.iter().find(|e| e.slug == slug)
    }

    /// Everything worth fixing that did not stop the build.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.elections.iter().flat_map(|e| &e.loaded.warnings)
    }
}
