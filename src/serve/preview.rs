//! The site being previewed, kept in memory: its loaded content, and every
//! file it publishes but its static ones, rendered, by path.
//!
//! The first build, and any change this module cannot place, loads and
//! renders the whole site as `build` does (`build::prepare_for`). A change
//! to one news item or one election reloads only that file or folder and
//! re-renders only the pages that show it (see [`Preview::update`]); what
//! results is the same, byte for byte, as a full render of the same files,
//! and the tests hold it to that.

use std::collections::{BTreeSet, HashMap};
use std::ops::RangeInclusive;
use std::path::Path;
use std::sync::Arc;

use axum::body::Bytes;

use super::changes::Change;
use super::routes::with_reload_script;
use crate::assets::{STYLESHEET_SOURCE, assets};
use crate::build::{Audience, BuildError, Progress, prepare_for};
use crate::content::{LeftOut, Site, Withheld, news_order};
use crate::diagnostic::Diagnostic;
use crate::load::{reload_election, reload_news};
use crate::pages::{PageOf, Render, news_years, render_pages, year_of};
use crate::site::routes::{ATOM, COUNT_FEED};
use crate::site::{Assets, Output, folder, office_slug};
use crate::{feeds, link_check, open_data};

/// The site's files but its static ones, by path (`news/x/index.html`);
/// each HTML page with the reload script added.
pub(super) type Files = HashMap<String, Bytes>;

/// The loaded site and its rendered files.
pub(super) struct Preview {
    site: Site,
    assets: Assets,
    left_out: Vec<LeftOut>,
    files: Arc<Files>,
}

/// How a rebuild went, for the terminal.
pub(super) struct Updated {
    /// Pages rendered this time; all of them when the whole site was.
    pub(super) rendered: usize,
    pub(super) warnings: Vec<Diagnostic>,
}

impl Preview {
    /// Loads and renders the whole site in `site_dir`.
    pub(super) fn load(
        site_dir: &Path,
        progress: &dyn Progress,
    ) -> Result<(Preview, Updated), BuildError> {
        let prepared = prepare_for(site_dir, progress, Audience::Preview)?;
        let (assets, _) = site_assets(&prepared.statics)?;
        let mut warnings: Vec<Diagnostic> = prepared.site.warnings().cloned().collect();
        // As `build` says them.
        warnings.extend(link_check::links_to_left_out(
            site_dir,
            &prepared.outputs,
            None,
            &prepared.left_out,
        ));
        let updated = Updated {
            rendered: prepared.pages,
            warnings,
        };
        let preview = Preview {
            site: prepared.site,
            assets,
            left_out: prepared.left_out,
            files: Arc::new(to_files(prepared.outputs)),
        };
        Ok((preview, updated))
    }

    pub(super) fn files(&self) -> Arc<Files> {
        self.files.clone()
    }

    pub(super) fn left_out(&self) -> &[LeftOut] {
        &self.left_out
    }

    /// How many pages the site has.
    pub(super) fn pages(&self) -> usize {
        self.files.keys().filter(|p| p.ends_with(".html")).count()
    }

    /// Applies changes to single news items and elections (see
    /// [`super::changes`]) and re-renders what shows them; None when one of
    /// them cannot be made alone. On an error or None the preview may be
    /// half changed, and must be loaded again.
    pub(super) fn update(
        &mut self,
        site_dir: &Path,
        changes: &[Change],
    ) -> Result<Option<Updated>, BuildError> {
        let mut files = (*self.files).clone();
        let mut rendered = 0;
        for change in changes {
            let before = Layout::of(&self.site);
            let wanted = match change {
                Change::News(file) => self.news_changed(site_dir, file, &mut files)?,
                Change::Election(slug) => self.election_changed(site_dir, slug, &mut files)?,
            };
            let Some(wanted) = wanted else {
                return Ok(None);
            };
            if Layout::of(&self.site) != before {
                // Every page shows it: render them all.
                files = to_files(self.render_all(site_dir)?);
                rendered += self.site_pages(&files);
                continue;
            }
            let pages = render_pages(&self.render(), &|page| wanted.wants(page))
                .map_err(BuildError::Render)?;
            rendered += pages.len();
            files.extend(to_files(pages));
            for output in wanted.others {
                files.insert(output.path.clone(), served(&output.path, output.contents));
            }
        }
        self.files = Arc::new(files);
        Ok(Some(Updated {
            rendered,
            warnings: self.site.warnings().cloned().collect(),
        }))
    }

    fn site_pages(&self, files: &Files) -> usize {
        files.keys().filter(|p| p.ends_with(".html")).count()
    }

    fn render(&self) -> Render<'_> {
        Render::new(&self.site, &self.assets)
    }

    /// Reloads the news item in `file`: its page, the news index, the home
    /// page and the feed show it.
    fn news_changed(
        &mut self,
        site_dir: &Path,
        file: &Path,
        files: &mut Files,
    ) -> Result<Option<Wanted>, BuildError> {
        let slug = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let item = reload_news(site_dir, file).map_err(BuildError::Content)?;
        let page_path = folder::index(&folder::news(&slug));
        if item.as_ref().is_some_and(|item| !item.draft)
            && !self.site.news.iter().any(|n| n.slug == slug)
            && site_dir.join("static").join(&page_path).exists()
        {
            // A new page where a static file is: `build` says what clashes.
            return Ok(None);
        }
        let index_pages = |site: &Site| folder_pages(site.news.len());
        let pages_before = index_pages(&self.site);
        let years_before = news_years(&self.site);
        let was_at = self.site.news.iter().position(|n| n.slug == slug);
        let mut years: BTreeSet<i32> = was_at
            .map(|at| year_of(&self.site.news[at]))
            .into_iter()
            .collect();
        self.site.news.retain(|n| n.slug != slug);
        self.left_out.retain(|l| l.item.slug != slug);
        match item {
            Some(item) if item.draft => {
                self.left_out.push(LeftOut {
                    item,
                    why: Withheld::Draft,
                });
                self.left_out.sort_by(|a, b| news_order(&a.item, &b.item));
            }
            Some(item) => {
                let at = self
                    .site
                    .news
                    .partition_point(|n| news_order(n, &item).is_lt());
                self.site.news.insert(at, item);
            }
            None => {}
        }
        let now_at = self.site.news.iter().position(|n| n.slug == slug);
        years.extend(now_at.map(|at| year_of(&self.site.news[at])));
        let years_now = news_years(&self.site);
        let pages_now = index_pages(&self.site);
        // The index pages from the item's old place to its new one shift;
        // every page says how many there are.
        let page = |at: usize| at / crate::pages::NEWS_PER_PAGE + 1;
        // Every news list names each year with its count of items.
        let counts_changed = years_now != years_before;
        if counts_changed {
            for (year, _) in &years_before {
                let prefix = folder::news_year(*year, 1);
                files.retain(|path, _| !path.starts_with(&prefix));
            }
            years = years_now.iter().map(|(year, _)| *year).collect();
        }
        let news_index = match (was_at, now_at) {
            _ if pages_now != pages_before || counts_changed => 1..=pages_now,
            (Some(was), Some(now)) => page(was.min(now))..=page(was.max(now)),
            (Some(at), None) | (None, Some(at)) => page(at)..=pages_now,
            (None, None) => NO_PAGES,
        };
        files.remove(&page_path);
        for gone in index_pages(&self.site) + 1..=pages_before {
            files.remove(&folder::index(&folder::news_index(gone)));
        }
        let mut others = Vec::new();
        if !self.site.news.is_empty() {
            let atom = feeds::atom(&self.site).map_err(BuildError::Render)?;
            others.push(Output::new(ATOM, atom));
        }
        Ok(Some(
            Wanted {
                news: BTreeSet::from([slug]),
                news_index,
                news_years: years,
                ..Wanted::default()
            }
            .with_others(others),
        ))
    }

    /// Reloads the election `slug`: its pages, the home page and the list of
    /// elections, the pages of its candidates' people and their other
    /// candidacies, the news about it, its feed and the open data show it.
    fn election_changed(
        &mut self,
        site_dir: &Path,
        slug: &str,
        files: &mut Files,
    ) -> Result<Option<Wanted>, BuildError> {
        let entry = reload_election(site_dir, slug, &self.site).map_err(BuildError::Content)?;
        let Some(at) = self.site.elections.iter().position(|e| e.slug == slug) else {
            return Ok(None);
        };
        // Its candidates, before and after, by person or else by id: their
        // other candidacies list this one.
        let (mut people, mut ids) = (BTreeSet::new(), BTreeSet::new());
        for e in [&self.site.elections[at], &entry] {
            for candidate in &e.loaded.election.candidates {
                match &candidate.person {
                    Some(person) => people.insert(person.as_str().to_owned()),
                    None => ids.insert(candidate.id.as_str().to_owned()),
                };
            }
        }
        let offices = BTreeSet::from([
            self.site.elections[at].loaded.election.office.clone(),
            entry.loaded.election.office.clone(),
        ]);
        // An office left with no election has no page; the others are made again.
        for office in &offices {
            let prefix = folder::office(&office_slug(office));
            files.retain(|path, _| !path.starts_with(&prefix));
        }
        self.site.elections[at] = entry;
        self.site.elections.sort_by(|a, b| {
            b.loaded
                .election
                .date
                .cmp(&a.loaded.election.date)
                .then(a.slug.cmp(&b.slug))
        });
        let news = self
            .site
            .news
            .iter()
            .filter(|n| n.elections.iter().any(|e| e == slug))
            .map(|n| n.slug.clone())
            .collect();
        // Its areas and candidates may have changed: its folder is made anew.
        let prefix = folder::election(slug);
        files.retain(|path, _| !path.starts_with(&prefix));
        let mut others = open_data::outputs(&self.site).map_err(BuildError::Data)?;
        if let Some(entry) = self.site.election(slug) {
            let feed = feeds::count_feed(&self.site, entry).map_err(BuildError::Render)?;
            others.push(Output::new(format!("{prefix}{COUNT_FEED}"), feed));
        }
        Ok(Some(
            Wanted {
                election: Some(slug.to_owned()),
                people,
                ids,
                news,
                offices,
                ..Wanted::default()
            }
            .with_others(others),
        ))
    }

    /// Every file of the site, rendered from the content in memory, as
    /// `build` renders it.
    fn render_all(&self, site_dir: &Path) -> Result<Vec<Output>, BuildError> {
        let (_, mut outputs) = site_assets(&site_dir.join("static"))?;
        let pages = render_pages(&self.render(), &|_| true).map_err(BuildError::Render)?;
        let page_paths: Vec<String> = pages.iter().map(|p| p.path.clone()).collect();
        outputs.extend(pages);
        outputs.extend(open_data::outputs(&self.site).map_err(BuildError::Data)?);
        outputs.extend(feeds::outputs(&self.site, &page_paths).map_err(BuildError::Render)?);
        Ok(outputs)
    }
}

/// What every page shows of the site beyond itself (see `pages::layout`):
/// when it changes, every page is rendered again.
#[derive(PartialEq)]
struct Layout {
    any_news: bool,
    any_elections: bool,
    /// The elections' titles and sources, for those that give one.
    sources: Vec<(String, String)>,
    any_counting: bool,
}

impl Layout {
    fn of(site: &Site) -> Layout {
        Layout {
            any_news: !site.news.is_empty(),
            any_elections: !site.elections.is_empty(),
            sources: site
                .elections
                .iter()
                .filter_map(|e| {
                    let election = &e.loaded.election;
                    Some((election.title.clone(), election.source.clone()?))
                })
                .collect(),
            any_counting: site
                .elections
                .iter()
                .any(|e| e.loaded.outcome.is_counting()),
        }
    }
}

/// No page of the news index.
const NO_PAGES: RangeInclusive<usize> = RangeInclusive::new(1, 0);

/// The pages a change touches, and the other files made again for it.
struct Wanted {
    news: BTreeSet<String>,
    /// Pages of the news index, from 1.
    news_index: RangeInclusive<usize>,
    /// Years whose news pages change: each page of them.
    news_years: BTreeSet<i32>,
    election: Option<String>,
    /// Offices whose pages change, as elections give them.
    offices: BTreeSet<String>,
    people: BTreeSet<String>,
    /// Candidates with no person, by id.
    ids: BTreeSet<String>,
    others: Vec<Output>,
}

impl Default for Wanted {
    fn default() -> Wanted {
        Wanted {
            news: BTreeSet::new(),
            news_index: NO_PAGES,
            news_years: BTreeSet::new(),
            election: None,
            offices: BTreeSet::new(),
            people: BTreeSet::new(),
            ids: BTreeSet::new(),
            others: Vec::new(),
        }
    }
}

impl Wanted {
    fn with_others(self, others: Vec<Output>) -> Wanted {
        Wanted { others, ..self }
    }

    fn wants(&self, page: PageOf) -> bool {
        let this_election = |slug: &str| self.election.as_deref() == Some(slug);
        match page {
            PageOf::Home => true,
            // The page not found leads to the newest election.
            PageOf::Elections | PageOf::NotFound => self.election.is_some(),
            PageOf::Election(slug) | PageOf::Area(slug) => this_election(slug),
            PageOf::Candidate(slug, person, id) => {
                this_election(slug)
                    || match person {
                        Some(person) => self.people.contains(person),
                        None => self.ids.contains(id),
                    }
            }
            PageOf::Person(slug) => self.people.contains(slug),
            PageOf::NewsIndex(page) => self.news_index.contains(&page),
            PageOf::NewsYear(year) => self.news_years.contains(&year),
            PageOf::Office(office) => self.offices.contains(office),
            PageOf::News(slug) => self.news.contains(slug),
            PageOf::Page(_) => false,
        }
    }
}

/// How many pages the news index has for `items` items.
fn folder_pages(items: usize) -> usize {
    if items == 0 {
        0
    } else {
        items.div_ceil(crate::pages::NEWS_PER_PAGE)
    }
}

fn site_assets(statics: &Path) -> Result<(Assets, Vec<Output>), BuildError> {
    assets(statics).map_err(|error| BuildError::Read {
        path: statics.join(STYLESHEET_SOURCE),
        error,
    })
}

fn to_files(outputs: Vec<Output>) -> Files {
    outputs
        .into_iter()
        .map(|o| {
            let bytes = served(&o.path, o.contents);
            (o.path, bytes)
        })
        .collect()
}

/// A file as served: an HTML page with the reload script added.
fn served(path: &str, contents: Vec<u8>) -> Bytes {
    if path.ends_with(".html") {
        match String::from_utf8(contents) {
            Ok(html) => Bytes::from(with_reload_script(&html)),
            Err(not_text) => Bytes::from(not_text.into_bytes()),
        }
    } else {
        Bytes::from(contents)
    }
}
