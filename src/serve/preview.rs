//! The site being previewed, kept in memory: its loaded content, and every
//! file it publishes but its static ones, rendered, by path.
//!
//! The first build, and any change this module cannot place, loads and
//! renders the whole site as `build` does (`build::prepare_for`). A change
//! to one news item or one election reloads only that file or folder and
//! re-renders only the pages that show it (see [`Preview::update`]); what
//! results is the same, byte for byte, as a full render of the same files,
//! and the tests hold it to that.

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Bytes;

use super::changes::Change;
use super::routes::with_reload_script;
use super::touched::{Layout, Touched};
use crate::build::{Audience, BuildError, Progress, Quiet, gather, prepare_for, site_assets};
use crate::content::{
    ElectionEntry, LeftOut, NewsItem, Site, Withheld, election_order, news_order,
};
use crate::diagnostic::Diagnostic;
use crate::load::{reload_election, reload_news, shares_office_page};
use crate::pages::{
    Render, election_card, news_pages, news_years, publishes_cards, render_pages, year_of,
};
use crate::site::routes::{ATOM, COUNT_FEED};
use crate::site::{Assets, Output, folder, office_slug};
use crate::site_files::is_junk_path;
use crate::{change, feeds, link_check, open_data};

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
        pages_in(&self.files)
    }

    /// Applies changes to news items and single elections (see
    /// [`super::changes`]) and re-renders, once, each page that shows one;
    /// None when one of them cannot be made alone. On an error or None the
    /// preview may be half changed, and must be loaded again.
    pub(super) fn update(
        &mut self,
        site_dir: &Path,
        changes: &[Change],
    ) -> Result<Option<Updated>, BuildError> {
        let before = Layout::of(&self.site);
        let mut files = (*self.files).clone();
        let mut touched = Touched::default();
        let news: Vec<PathBuf> = changes
            .iter()
            .filter_map(|change| match change {
                Change::News(file) => Some(file.clone()),
                Change::Election(_) => None,
            })
            .collect();
        let elections: Vec<&str> = changes
            .iter()
            .filter_map(|change| match change {
                Change::Election(slug) => Some(slug.as_str()),
                Change::News(_) => None,
            })
            .collect();
        // Every problem in them, as a full load says them all.
        let items = reload_news(site_dir, &news);
        let entries: Vec<_> = elections
            .iter()
            .map(|slug| reload_election(site_dir, slug, &self.site))
            .collect();
        let mut errors = items.as_ref().err().cloned().unwrap_or_default();
        for entry in &entries {
            errors.extend(entry.as_ref().err().into_iter().flatten().cloned());
        }
        if !errors.is_empty() {
            return Err(BuildError::Content(errors));
        }
        let items = items.unwrap_or_default();
        for (file, item) in news.iter().zip(items) {
            self.news_changed(file, item, &mut files, &mut touched);
        }
        for (slug, entry) in elections.into_iter().zip(entries) {
            let entry = entry.map_err(BuildError::Content)?;
            if !self.election_changed(slug, entry, &mut files, &mut touched) {
                return Ok(None);
            }
        }
        let rendered = if Layout::of(&self.site) != before {
            // Every page shows it: render them all.
            files = to_files(self.render_all(site_dir)?);
            pages_in(&files)
        } else {
            let pages = render_pages(&self.render(), &|page| touched.wants(page))
                .map_err(BuildError::Render)?;
            let rendered = pages.len();
            files.extend(to_files(pages));
            for output in self.others(&touched)? {
                files.insert(output.path.clone(), served(&output.path, output.contents));
            }
            rendered
        };
        if clashes_with_static(&site_dir.join("static"), &self.files, &files) {
            // `build` says what clashes.
            return Ok(None);
        }
        self.files = Arc::new(files);
        Ok(Some(Updated {
            rendered,
            warnings: self.site.warnings().cloned().collect(),
        }))
    }

    /// The files but pages that show what `touched` names: the feeds, the
    /// open data and the elections' result cards.
    fn others(&self, touched: &Touched) -> Result<Vec<Output>, BuildError> {
        let mut others = Vec::new();
        if touched.feed && !self.site.news.is_empty() {
            let atom = feeds::atom(&self.site).map_err(BuildError::Render)?;
            others.push(Output::new(ATOM, atom));
        }
        if !touched.elections.is_empty() {
            others.extend(open_data::outputs(&self.site).map_err(BuildError::Data)?);
        }
        for slug in &touched.elections {
            if let Some(entry) = self.site.election(slug) {
                let feed = feeds::count_feed(&self.site, entry).map_err(BuildError::Render)?;
                let path = format!("{}{COUNT_FEED}", folder::election(slug));
                others.push(Output::new(path, feed));
                if !publishes_cards(&self.site) {
                    continue;
                }
                let card = election_card(entry);
                let png = crate::card::png(&card.svg).map_err(|error| BuildError::Card {
                    path: card.path.clone(),
                    error,
                })?;
                others.push(Output::new(card.path, png));
            }
        }
        Ok(others)
    }

    fn render(&self) -> Render<'_> {
        Render::new(&self.site, &self.assets)
    }

    /// Puts the news item reloaded from `file` (None when it is gone) in
    /// place: its page, the news index, the home page, the feed, and the
    /// pages of the elections and people it names (and those people's
    /// candidacies) show it.
    fn news_changed(
        &mut self,
        file: &Path,
        item: Option<NewsItem>,
        files: &mut Files,
        touched: &mut Touched,
    ) {
        let slug = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let page_path = folder::index(&folder::news(&slug));
        // None or all news is a change of `Layout`: every page is rendered.
        let index_pages = |site: &Site| news_pages(site.news.len());
        let pages_before = index_pages(&self.site);
        let years_before = news_years(&self.site);
        let was_at = self.site.news.iter().position(|n| n.slug == slug);
        touched
            .news_years
            .extend(was_at.map(|at| year_of(&self.site.news[at])));
        // The elections and people it names, before and after, list it.
        let published = item.as_ref().filter(|item| !item.draft);
        for named in was_at
            .map(|at| &self.site.news[at])
            .into_iter()
            .chain(published)
        {
            touched
                .election_news
                .extend(named.elections.iter().cloned());
            touched
                .people
                .extend(named.people.iter().map(|p| p.as_str().to_owned()));
        }
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
        let pages_now = index_pages(&self.site);
        touched
            .news_years
            .extend(now_at.map(|at| year_of(&self.site.news[at])));
        // Every news list names each year with its count of items: when
        // they change, every list is made again, and a year's pages that
        // are gone go.
        let years_now = news_years(&self.site);
        if years_now != years_before {
            for (year, _) in &years_before {
                let prefix = folder::news_year(*year, 1);
                files.retain(|path, _| !path.starts_with(&prefix));
            }
            touched
                .news_years
                .extend(years_now.iter().map(|(year, _)| *year));
            touched.every_news_index = true;
        }
        // The index pages from the item's old place to its new one shift;
        // every page says how many there are.
        let page = |at: usize| at / crate::pages::NEWS_PER_PAGE + 1;
        let shifted = match (was_at, now_at) {
            (Some(was), Some(now)) => page(was.min(now))..=page(was.max(now)),
            (Some(at), None) | (None, Some(at)) => page(at)..=pages_now,
            (None, None) => NO_PAGES,
        };
        touched.every_news_index |= pages_now != pages_before;
        touched.news_index.extend(shifted);
        touched.news.insert(slug);
        touched.feed = true;
        files.remove(&page_path);
        for gone in pages_now + 1..=pages_before {
            files.remove(&folder::index(&folder::news_index(gone)));
        }
    }

    /// Puts the election `slug`, reloaded, in place: its pages, the home
    /// page and the list of elections, the pages of its candidates' people
    /// and their other candidacies, the news about it, its feed and the open
    /// data show it. False when it cannot be made alone: when its office now
    /// shares its page with another's, written otherwise.
    fn election_changed(
        &mut self,
        slug: &str,
        entry: ElectionEntry,
        files: &mut Files,
        touched: &mut Touched,
    ) -> bool {
        let Some(at) = self.site.elections.iter().position(|e| e.slug == slug) else {
            return false;
        };
        if shares_office_page(&self.site, &entry) {
            return false;
        }
        // Its candidates, before and after, by person or else by id: their
        // other candidacies list this one.
        for e in [&self.site.elections[at], &entry] {
            for candidate in &e.loaded.election.candidates {
                match &candidate.person {
                    Some(person) => touched.people.insert(person.as_str().to_owned()),
                    None => touched.ids.insert(candidate.id.as_str().to_owned()),
                };
            }
        }
        // Its office's page, and the page of the office it had; one left with
        // no election has no page.
        for office in [&self.site.elections[at], &entry].map(|e| &e.loaded.election.office) {
            let prefix = folder::office(&office_slug(office));
            files.retain(|path, _| !path.starts_with(&prefix));
            touched.offices.insert(office.clone());
        }
        let compared_before = compared(&self.site);
        self.site.elections[at] = entry;
        self.site.elections.sort_by(election_order);
        // An election that names this one as its previous may no longer be
        // able to (it is now as late): a full load says where.
        let elections = &self.site.elections;
        if elections.iter().any(|e| {
            e.loaded.election.previous.as_deref() == Some(slug)
                && change::problem(elections, e).is_some()
        }) {
            return false;
        }
        // Elections compared with this one show its figures, and those
        // whose previous election it has become, or ceased to be, another's.
        let compared_now = compared(&self.site);
        for (election, previous) in compared_before.iter().chain(&compared_now) {
            let moved = compared_before.get(election) != compared_now.get(election);
            if previous == slug || moved {
                touched.elections.insert(election.clone());
            }
        }
        touched.news.extend(
            self.site
                .news
                .iter()
                .filter(|n| n.elections.iter().any(|e| e == slug))
                .map(|n| n.slug.clone()),
        );
        touched.elections.insert(slug.to_owned());
        // Its areas and candidates may have changed: its folder is made anew.
        let prefix = folder::election(slug);
        files.retain(|path, _| !path.starts_with(&prefix));
        true
    }

    /// Every file of the site, rendered from the content in memory, as
    /// `build` renders it.
    fn render_all(&self, site_dir: &Path) -> Result<Vec<Output>, BuildError> {
        let (outputs, _) = gather(&self.site, &site_dir.join("static"), &Quiet)?;
        Ok(outputs)
    }
}

/// Each election's previous election, by slug.
fn compared(site: &Site) -> HashMap<String, String> {
    change::resolve(&site.elections)
        .pairs()
        .map(|(election, previous)| (election.to_owned(), previous.to_owned()))
        .collect()
}

/// Whether a file made since `before` clashes with a static file (see
/// `build::static_clashes`): a static file where it needs a folder, or a
/// static folder where it is. Only the new paths are looked at, each by its
/// few folders.
fn clashes_with_static(statics: &Path, before: &Files, now: &Files) -> bool {
    let is_file = |path: &str| statics.join(path).is_file();
    now.keys()
        .filter(|path| !before.contains_key(*path))
        .any(|path| {
            statics.join(path).is_dir()
                || path
                    .match_indices('/')
                    .any(|(at, _)| is_file(&path[..at]) && !is_junk_path(Path::new(&path[..at])))
        })
}

/// No page of the news index.
const NO_PAGES: RangeInclusive<usize> = RangeInclusive::new(1, 0);

/// How many of `files` are pages.
fn pages_in(files: &Files) -> usize {
    files.keys().filter(|p| p.ends_with(".html")).count()
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
