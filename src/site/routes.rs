//! Where everything a build publishes lives: each page's folder, every file
//! name, and links between them. Without a `base_url` every link is relative
//! and names `index.html` explicitly, so the site works from any sub-path and
//! straight from disk; with one, links are absolute and end in `/`.

/// The page hosts serve for a missing address.
pub const NOT_FOUND: &str = "404.html";
/// The Atom feed of the news.
pub const ATOM: &str = "news/atom.xml";
/// Each election's count as a feed, in the election's folder.
pub const COUNT_FEED: &str = "atom.xml";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
/// Each election's results, in the election's folder.
pub const RESULTS_JSON: &str = "results.json";
pub const RESULTS_CSV: &str = "results.csv";
/// Each election's results in the NIST SP 1500-100 v2 JSON format.
pub const NIST_JSON: &str = "nist-1500-100.json";
/// Each election's round-by-round summary as RCTab writes it and rcvis draws
/// it; only when [`rctab_published`].
pub const RCTAB_JSON: &str = "rctab-summary.json";

/// Whether an election has an RCTab summary: only once declared (the format
/// cannot say that figures are provisional) and only after a poll.
pub fn rctab_published(outcome: &crate::count::Outcome) -> bool {
    !outcome.is_counting() && outcome.contested()
}
/// The index of every election's open data.
pub const DATA_INDEX: &str = "data/index.json";
pub const FAVICON: &str = "favicon.svg";

/// The stylesheet's published name, fingerprinted by its content so hosts
/// can cache it forever: `style.1a2b3c4d5e.css`.
pub fn stylesheet(css: &[u8]) -> String {
    format!("style.{}.css", fingerprint(css))
}

/// Ten hex digits of a 64-bit FNV-1a hash: enough to tell versions of a file
/// apart, and the same on every machine and every build.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")[..10].to_owned()
}

/// Where the built site's assets are.
#[derive(Debug, Clone)]
pub struct Assets {
    /// As `style.1a2b3c4d5e.css`.
    pub stylesheet: String,
    pub favicon: String,
}

/// Links as seen from one page.
#[derive(Debug, Clone)]
pub struct Links {
    /// The page's folder, as `elections/x/` ("" for the home page).
    here: String,
    base_url: Option<String>,
    /// For a page served at any address (the 404 page): links start at `/`.
    rooted: bool,
}

impl Links {
    pub fn new(here: &str, base_url: Option<&str>) -> Self {
        Links {
            here: here.to_owned(),
            base_url: base_url.map(str::to_owned),
            rooted: false,
        }
    }

    /// Links for a page a host shows at whatever address was asked for, so
    /// relative links cannot work: absolute with a base URL, else from `/`.
    pub fn rooted(base_url: Option<&str>) -> Self {
        Links {
            rooted: base_url.is_none(),
            ..Links::new("", base_url)
        }
    }

    /// The way back to the site's root from this page.
    fn root(&self) -> String {
        if self.rooted {
            return "/".to_owned();
        }
        match &self.base_url {
            Some(base) => base.clone(),
            None => "../".repeat(self.here.matches('/').count()),
        }
    }

    /// A page, given by its folder (`elections/x/`, or "" for home).
    pub fn page(&self, folder: &str) -> String {
        match &self.base_url {
            Some(base) => format!("{base}{folder}"),
            None if self.rooted => format!("/{folder}"),
            None => format!("{}{folder}index.html", self.root()),
        }
    }

    /// A file, given by its path from the root (`style.css`).
    pub fn file(&self, path: &str) -> String {
        format!("{}{path}", self.root())
    }

    /// A page's absolute address, when the site has a base URL.
    pub fn absolute(&self, folder: &str) -> Option<String> {
        self.base_url.as_ref().map(|base| format!("{base}{folder}"))
    }

    /// Whether the page at `folder` is this page.
    pub fn is_here(&self, folder: &str) -> bool {
        !self.rooted && self.here == folder
    }

    /// This page's own absolute address, when the site has a base URL.
    pub fn canonical(&self) -> Option<String> {
        self.base_url
            .as_ref()
            .map(|base| format!("{base}{}", self.here))
    }
}

/// The address of an office's page, from the `office` of its elections:
/// `Mayor of London` is `mayor-of-london`. An office written without a
/// single ASCII letter or digit is named by a hash of its text, and a very
/// long one by its first words and a hash, so that its folder's name stays
/// well within what file systems allow. Two offices whose text differs may
/// still share a slug (`Mayor of london`): loading refuses that, since their
/// pages would be one.
pub fn office_slug(office: &str) -> String {
    /// Longer slugs keep this much of their start before the hash.
    const KEEP: usize = 60;
    const MAX: usize = 80;
    let slug = crate::model::hyphenated_words(office, |c| c.is_ascii_alphanumeric());
    let hash = fingerprint(office.as_bytes());
    if slug.is_empty() {
        format!("office-{hash}")
    } else if slug.len() > MAX {
        // ASCII, so any byte is a character boundary; cut at a word's end.
        let start = &slug[..=KEEP];
        let words = start
            .rsplit_once('-')
            .map_or(&slug[..KEEP], |(words, _)| words);
        format!("{words}-{hash}")
    } else {
        slug
    }
}

/// Folders of every generated page, in one place.
pub mod folder {
    /// The list of every election. Election folders sit inside it, and no
    /// slug can be empty, so no election can take its address.
    pub const ELECTIONS: &str = "elections/";

    pub fn election(slug: &str) -> String {
        format!("elections/{slug}/")
    }

    /// The election's notice of result, printable.
    pub fn notice(election: &str) -> String {
        format!("elections/{election}/notice/")
    }

    pub fn area(election: &str, area: &str) -> String {
        format!("elections/{election}/authorities/{area}/")
    }

    pub fn candidate(election: &str, candidate: &str) -> String {
        format!("elections/{election}/candidates/{candidate}/")
    }

    pub fn person(slug: &str) -> String {
        format!("people/{slug}/")
    }

    pub const NEWS: &str = "news/";

    pub fn news(slug: &str) -> String {
        format!("news/{slug}/")
    }

    /// A page of the news index, from 1: the first is the index itself.
    pub fn news_index(page: usize) -> String {
        match page {
            0 | 1 => NEWS.to_owned(),
            n => format!("{NEWS}{NEWS_PAGES}/{n}/"),
        }
    }

    /// The folder under `news/` holding the index's later pages, so no
    /// news item may take its name.
    pub const NEWS_PAGES: &str = "page";

    /// Page `page` (from 1) of the news of one year: `news/2024/`, then
    /// `news/2024/page/2/`. No news item may be called only digits, so no
    /// item takes a year's address.
    pub fn news_year(year: i32, page: usize) -> String {
        match page {
            0 | 1 => format!("{NEWS}{year}/"),
            n => format!("{NEWS}{year}/{NEWS_PAGES}/{n}/"),
        }
    }

    /// Whether a news item's slug would take the address of a year's news.
    pub fn is_news_year(slug: &str) -> bool {
        slug.bytes().all(|b| b.is_ascii_digit())
    }

    /// The folder under `elections/` holding a page per office, so no
    /// election may take its name.
    pub const OFFICES: &str = "office";

    /// The elections of one office, by the office's slug
    /// ([`super::office_slug`]).
    pub fn office(slug: &str) -> String {
        format!("{ELECTIONS}{OFFICES}/{slug}/")
    }

    pub fn page(slug: &str) -> String {
        format!("{slug}/")
    }

    /// The page in a folder (as `news/`; "" for the home page).
    pub fn index(folder: &str) -> String {
        format!("{folder}index.html")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_follow_the_content() {
        assert_eq!(fingerprint(b"a"), fingerprint(b"a"));
        assert_ne!(fingerprint(b"a { }"), fingerprint(b"a {}"));
        assert_eq!(fingerprint(b"").len(), 10);
        // FNV-1a of the empty input is the offset basis.
        assert_eq!(fingerprint(b""), "cbf29ce484");
    }

    #[test]
    fn relative_links_climb_to_the_root_and_name_index_html() {
        let links = Links::new("elections/x/authorities/y/", None);
        assert_eq!(links.page(""), "../../../../index.html");
        assert_eq!(links.page("news/"), "../../../../news/index.html");
        assert_eq!(links.file("style.css"), "../../../../style.css");
        assert_eq!(
            Links::new("", None).page("elections/x/"),
            "elections/x/index.html"
        );
        assert_eq!(links.canonical(), None);
    }

    #[test]
    fn the_elections_index_is_the_folder_around_every_election() {
        assert!(folder::election("x").starts_with(folder::ELECTIONS));
        assert_eq!(
            Links::new("", None).page(folder::ELECTIONS),
            "elections/index.html"
        );
        // An election named `index` has a folder of its own, not the index.
        assert_ne!(
            format!("{}index.html", folder::election("index")),
            format!("{}index.html", folder::ELECTIONS)
        );
    }

    #[test]
    fn archive_pages_have_addresses_no_item_can_take() {
        assert_eq!(folder::news_year(2024, 1), "news/2024/");
        assert_eq!(folder::news_year(2024, 3), "news/2024/page/3/");
        assert!(folder::is_news_year("2024"));
        assert!(!folder::is_news_year("2024-review"));
        assert_eq!(folder::office("mayor-of-x"), "elections/office/mayor-of-x/");
        assert_eq!(office_slug("Mayor of London"), "mayor-of-london");
        assert_eq!(office_slug("Mayor of london"), "mayor-of-london");
        assert_eq!(office_slug(" Maer  Caerdydd! "), "maer-caerdydd");
        let unwritten = office_slug("市長");
        assert!(unwritten.starts_with("office-"), "{unwritten}");
        assert_ne!(unwritten, office_slug("知事"));
        let long = "Police, Fire and Crime Commissioner for the Combined Authority Area of North Testshire and Its Islands";
        let slug = office_slug(long);
        assert!(
            slug.starts_with("police-fire-and-crime-commissioner-for-the-combined-"),
            "{slug}"
        );
        assert!(slug.len() <= 80 && slug.ends_with(&fingerprint(long.as_bytes())));
        assert!(crate::model::is_slug(&slug), "{slug}");
        assert_ne!(slug, office_slug(&long.replace("Islands", "Isles")));
    }

    #[test]
    fn rooted_links_start_at_the_root() {
        let links = Links::rooted(None);
        assert_eq!(links.page("news/"), "/news/");
        assert_eq!(links.file("style.css"), "/style.css");
        assert_eq!(links.canonical(), None);
        let links = Links::rooted(Some("https://x.example/"));
        assert_eq!(links.page(""), "https://x.example/");
    }

    #[test]
    fn with_a_base_url_links_are_absolute_and_pretty() {
        let links = Links::new("news/", Some("https://results.example.org/mayor/"));
        assert_eq!(links.page(""), "https://results.example.org/mayor/");
        assert_eq!(
            links.page("people/a/"),
            "https://results.example.org/mayor/people/a/"
        );
        assert_eq!(
            links.canonical().as_deref(),
            Some("https://results.example.org/mayor/news/")
        );
    }
}
