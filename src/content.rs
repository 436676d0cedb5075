//! A whole site's content once loaded and checked: its settings, elections
//! (with their counts), people, news and free pages. Markdown bodies are kept
//! as source; rendering them is the page builder's job.

use crate::count::Outcome;
use crate::diagnostic::Diagnostic;
use crate::model::{Election, PersonId};
use crate::time::Moment;

#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    pub publisher: String,
    /// With a trailing slash; None means every link is relative.
    pub base_url: Option<String>,
    pub language: String,
}

/// A checked election and its count.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub election: Election,
    pub outcome: Outcome,
    /// Things worth fixing that do not stop the count (`check` lists them).
    pub warnings: Vec<Diagnostic>,
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
    pub photo: Option<Photo>,
    pub links: Vec<Link>,
    pub body: String,
}

/// A person's photo: a file in the site's `static/` folder, with its alt
/// text and its size in pixels, read from the file, so that pages reserve
/// its room before it loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    /// From `static/`, with `/` separators (`img/palmer.jpg`).
    pub file: String,
    pub alt: String,
    pub width: usize,
    pub height: usize,
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
    /// When it was published: a date, or a date and time (UK time unless an
    /// offset is given).
    pub date: Moment,
    /// `draft: true`: checked like any other item, never published.
    pub draft: bool,
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
    /// Newest first, ties by slug. As loaded, every item, drafts and items
    /// dated in the future too; a build leaves out what it does not publish
    /// ([`Site::leave_out_news`]).
    pub news: Vec<NewsItem>,
    /// By slug.
    pub pages: Vec<Page>,
}

/// Why a build leaves a news item out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withheld {
    /// `draft: true`.
    Draft,
    /// Dated after the moment of the build.
    Future,
}

/// A news item a build leaves out, and why.
#[derive(Debug, Clone)]
pub struct LeftOut {
    pub item: NewsItem,
    pub why: Withheld,
}

#[cfg(test)]
impl LeftOut {
    /// An item with nothing but a slug and a date, left out for `why`.
    pub fn sample(slug: &str, date: &str, why: Withheld) -> LeftOut {
        LeftOut {
            item: NewsItem {
                slug: slug.into(),
                title: slug.into(),
                date: crate::time::Moment::parse(date).expect("a valid date"),
                draft: why == Withheld::Draft,
                summary: String::new(),
                source: None,
                elections: Vec::new(),
                people: Vec::new(),
                body: String::new(),
            },
            why,
        }
    }
}

/// The order of the site's elections: newest first by date, ties by slug.
pub fn election_order(a: &ElectionEntry, b: &ElectionEntry) -> std::cmp::Ordering {
    b.loaded
        .election
        .date
        .cmp(&a.loaded.election.date)
        .then_with(|| a.slug.cmp(&b.slug))
}

/// The order of news lists: newest first by instant (the same moment
/// written two ways is a tie), ties by slug.
pub fn news_order(a: &NewsItem, b: &NewsItem) -> std::cmp::Ordering {
    (b.date.unix_seconds())
        .cmp(&a.date.unix_seconds())
        .then_with(|| a.slug.cmp(&b.slug))
}

impl NewsItem {
    /// Why a build at `now` (seconds since the epoch; None to publish items
    /// dated in the future too) leaves this item out, if it does.
    pub fn withheld(&self, now: Option<i64>) -> Option<Withheld> {
        if self.draft {
            Some(Withheld::Draft)
        } else if now.is_some_and(|now| self.date.unix_seconds() > now) {
            Some(Withheld::Future)
        } else {
            None
        }
    }
}

impl Site {
    pub fn person(&self, slug: &PersonId) -> Option<&Person> {
        self.people.iter().find(|p| &p.slug == slug)
    }

    pub fn election(&self, slug: &str) -> Option<&ElectionEntry> {
        self.elections.iter().find(|e| e.slug == slug)
    }

    /// Takes out the news items a build at `now` does not publish (see
    /// [`NewsItem::withheld`]) and returns them, in the order they were in.
    pub fn leave_out_news(&mut self, now: Option<i64>) -> Vec<LeftOut> {
        let mut left_out = Vec::new();
        self.news.retain(|item| match item.withheld(now) {
            Some(why) => {
                left_out.push(LeftOut {
                    item: item.clone(),
                    why,
                });
                false
            }
            None => true,
        });
        left_out
    }

    /// Everything worth fixing that did not stop the build.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.elections.iter().flat_map(|e| &e.loaded.warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(slug: &str, date: &str, draft: bool) -> NewsItem {
        NewsItem {
            slug: slug.into(),
            title: slug.into(),
            date: Moment::parse(date).unwrap(),
            draft,
            summary: String::new(),
            source: None,
            elections: Vec::new(),
            people: Vec::new(),
            body: String::new(),
        }
    }

    fn site(news: Vec<NewsItem>) -> Site {
        Site {
            config: SiteConfig {
                title: "T".into(),
                publisher: "P".into(),
                base_url: None,
                language: "en-GB".into(),
            },
            elections: Vec::new(),
            people: Vec::new(),
            news,
            pages: Vec::new(),
        }
    }

    fn slugs(items: impl IntoIterator<Item = String>) -> Vec<String> {
        items.into_iter().collect()
    }

    #[test]
    fn drafts_are_always_left_out_and_future_items_only_when_asked() {
        // 2026-06-20T01:42 UK time is 00:42 UTC.
        let now = Moment::parse("2026-06-20T00:42Z").unwrap().unix_seconds();
        let news = vec![
            item("later", "2026-06-20T01:43", false),
            item("now", "2026-06-20T01:42", false),
            item("draft", "2026-06-19", true),
            item("earlier", "2026-06-20", false),
        ];
        let mut published = site(news.clone());
        let left_out = published.leave_out_news(Some(now));
        assert_eq!(
            slugs(published.news.into_iter().map(|n| n.slug)),
            ["now", "earlier"]
        );
        assert_eq!(
            left_out
                .iter()
                .map(|l| (l.item.slug.as_str(), l.why))
                .collect::<Vec<_>>(),
            [("later", Withheld::Future), ("draft", Withheld::Draft)]
        );
        let mut everything = site(news);
        let left_out = everything.leave_out_news(None);
        assert_eq!(
            slugs(everything.news.into_iter().map(|n| n.slug)),
            ["later", "now", "earlier"]
        );
        assert_eq!(left_out.len(), 1);
        assert_eq!(left_out[0].why, Withheld::Draft);
    }

    #[test]
    fn news_is_ordered_newest_first_by_instant_then_by_slug() {
        let mut news = vec![
            item("b-midnight", "2026-06-20", false),
            item("a-midnight", "2026-06-20T00:00+01:00", false),
            item("utc", "2026-06-20T00:50Z", false),
            item("late", "2026-06-20T23:59", false),
            item("day-before", "2026-06-19T23:59:59", false),
        ];
        news.sort_by(news_order);
        assert_eq!(
            slugs(news.into_iter().map(|n| n.slug)),
            ["late", "utc", "a-midnight", "b-midnight", "day-before"]
        );
    }

    #[test]
    fn a_draft_dated_in_the_future_is_left_out_as_a_draft() {
        assert_eq!(
            item("x", "2999-01-01", true).withheld(Some(0)),
            Some(Withheld::Draft)
        );
        assert_eq!(
            item("x", "1999-01-01", false).withheld(Some(0)),
            Some(Withheld::Future)
        );
        assert_eq!(item("x", "1969-12-31", false).withheld(Some(0)), None);
    }
}
