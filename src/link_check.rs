//! Checking a rendered site's internal links before anything is written:
//! every link and `#fragment` must lead to a file (and an id) the site has.
//! A broken link written in a Markdown file is reported at that file's line
//! and column; any other is a fault in psephos itself, reported by page.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use crate::content::{LeftOut, Withheld};
use crate::diagnostic::{Diagnostic, Kind, line_of, lines};
use crate::pages::Output;
use crate::site_files::is_junk_path;
use crate::yaml::Location;

/// What checking found.
#[derive(Debug, Default)]
pub struct Report {
    pub pages: usize,
    pub links: usize,
    pub problems: Vec<Diagnostic>,
}

/// Checks the links of `outputs`, whose site folder is `site_dir` (for
/// static files and for finding the Markdown a link came from).
pub fn check(site_dir: &Path, outputs: &[Output], base_url: Option<&str>) -> Report {
    let (report, _) = check_pages(site_dir, outputs, base_url, &|_| true, &[]);
    report
}

/// Checks a site before it is published: every link of `published` (the
/// site as the build would write it), where a link to a news item the build
/// leaves out says so; and, when items are left out, the links of their own
/// pages in `whole` (the site with them put back), so that they are ready
/// for the day they are published.
pub fn check_site(
    site_dir: &Path,
    published: &[Output],
    left_out: &[LeftOut],
    whole: Option<&[Output]>,
    base_url: Option<&str>,
) -> Report {
    let (mut report, _) = check_pages(site_dir, published, base_url, &|_| true, left_out);
    if let Some(whole) = whole {
        let theirs: HashSet<String> = left_out.iter().map(|l| page_of(&l.item.slug)).collect();
        let (more, _) = check_pages(
            site_dir,
            whole,
            base_url,
            &|page| theirs.contains(page),
            &[],
        );
        report.pages += more.pages;
        report.links += more.links;
        report.problems.extend(more.problems);
    }
    report
}

/// The links from the pages of `outputs` to the news items left out of the
/// build, as warnings: a build does not check links, but these it broke.
pub fn links_to_left_out(
    site_dir: &Path,
    outputs: &[Output],
    base_url: Option<&str>,
    left_out: &[LeftOut],
) -> Vec<Diagnostic> {
    if left_out.is_empty() {
        return Vec::new();
    }
    let (report, to_left_out) = check_pages(site_dir, outputs, base_url, &|_| true, left_out);
    report
        .problems
        .into_iter()
        .zip(to_left_out)
        .filter_map(|(problem, left)| left.then_some(problem))
        .collect()
}

/// The page a news item would have.
fn page_of(slug: &str) -> String {
    format!("news/{slug}/index.html")
}

/// Checks the links of the pages of `outputs` that `include` names; also
/// says, problem by problem, whether it is a link to a news item left out.
fn check_pages(
    site_dir: &Path,
    outputs: &[Output],
    base_url: Option<&str>,
    include: &dyn Fn(&str) -> bool,
    left_out: &[LeftOut],
) -> (Report, Vec<bool>) {
    let mut files: HashSet<String> = outputs.iter().map(|o| o.path.clone()).collect();
    files.extend(static_files(&site_dir.join("static")));
    let ids: HashMap<&str, HashSet<String>> = outputs
        .iter()
        .filter(|o| o.path.ends_with(".html"))
        .map(|o| {
            (
                o.path.as_str(),
                attribute_values(&String::from_utf8_lossy(&o.contents), "id"),
            )
        })
        .collect();
    let left_out: HashMap<String, &LeftOut> = left_out
        .iter()
        .map(|l| (page_of(&l.item.slug), l))
        .collect();
    let mut report = Report::default();
    let mut to_left_out = Vec::new();
    for output in outputs
        .iter()
        .filter(|o| o.path.ends_with(".html") && include(&o.path))
    {
        report.pages += 1;
        let html = String::from_utf8_lossy(&output.contents);
        let mut links = attribute_values(&html, "href");
        links.extend(attribute_values(&html, "src"));
        let mut links: Vec<String> = links.into_iter().collect();
        links.sort();
        for link in links {
            let Some(target) = internal(&link, base_url) else {
                continue;
            };
            report.links += 1;
            let Some(problem) = broken(&output.path, &target, &files, &ids) else {
                continue;
            };
            let left = problem.missing.as_ref().and_then(|file| left_out.get(file));
            report.problems.push(diagnostic(
                site_dir,
                &output.path,
                &link,
                &problem.why,
                left.copied(),
            ));
            to_left_out.push(left.is_some());
        }
    }
    (report, to_left_out)
}

/// The files a build copies from `static/` (see `write::copy_tree`).
fn static_files(dir: &Path) -> Vec<String> {
    WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| !is_junk_path(e.path()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let relative = e.path().strip_prefix(dir).ok()?;
            Some(relative.to_string_lossy().replace('\\', "/"))
        })
        .collect()
}

/// The distinct values of `attribute="..."` in HTML's tags, entities
/// decoded. Text may read `href="x"` too (raw HTML in Markdown is shown as
/// text, with `<` escaped but quotes not), so only matches inside a tag
/// count: after a `<` with no `>` since.
fn attribute_values(html: &str, attribute: &str) -> HashSet<String> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .filter(|(at, _)| {
            let before = &html[..*at];
            before.rfind('<') > before.rfind('>')
        })
        .filter_map(|(at, _)| {
            let start = at + needle.len();
            let end = html[start..].find('"')?;
            Some(unescape(&html[start..start + end]))
        })
        .collect()
}

fn unescape(value: &str) -> String {
    value
        .replace("&#38;", "&")
        .replace("&#39;", "'")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// A link within the site, without any base URL; None for links elsewhere.
fn internal(link: &str, base_url: Option<&str>) -> Option<String> {
    if let Some(rest) = base_url.and_then(|base| link.strip_prefix(base)) {
        return Some(format!("/{rest}"));
    }
    let scheme = link.split_once(':').map(|(s, _)| s);
    let has_scheme = scheme.is_some_and(|s| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    (!has_scheme && !link.starts_with("//")).then(|| link.to_owned())
}

/// What is wrong with a link.
struct Broken {
    why: String,
    /// The file it leads to, when the site has none.
    missing: Option<String>,
}

impl From<String> for Broken {
    fn from(why: String) -> Self {
        Broken { why, missing: None }
    }
}

/// What is wrong with a link from `page` to `target`, if anything.
fn broken(
    page: &str,
    target: &str,
    files: &HashSet<String>,
    ids: &HashMap<&str, HashSet<String>>,
) -> Option<Broken> {
    let (path, fragment) = target.split_once('#').unwrap_or((target, ""));
    let path = path.split('?').next().unwrap_or("");
    let file = if path.is_empty() {
        page.to_owned()
    } else {
        let joined = match path.strip_prefix('/') {
            Some(from_root) => PathBuf::from(from_root),
            None => Path::new(page).parent().unwrap_or(Path::new("")).join(path),
        };
        let Some(mut file) = normalise(&joined) else {
            return Some(String::from("it climbs above the site's top folder").into());
        };
        if path.ends_with('/') || file.is_empty() {
            file = format!("{}index.html", with_slash(&file));
        }
        file
    };
    if !files.contains(&file) {
        return Some(Broken {
            why: format!("the site has no file {file}"),
            missing: Some(file),
        });
    }
    if fragment.is_empty() || fragment == "top" {
        return None;
    }
    match ids.get(file.as_str()) {
        Some(known) if known.contains(fragment) => None,
        Some(_) => Some(format!("{file} has no element with id \"{fragment}\"").into()),
        None => None,
    }
}

fn with_slash(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        path.to_owned()
    } else {
        format!("{path}/")
    }
}

/// `a/b/../c` as `a/c`; None when it climbs above the root.
fn normalise(path: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    Some(parts.join("/"))
}

/// The Markdown file a page was made from, when it was.
fn source_of(site_dir: &Path, page: &str) -> Option<PathBuf> {
    let parts: Vec<&str> = page
        .trim_end_matches("index.html")
        .trim_end_matches('/')
        .split('/')
        .collect();
    let relative = match parts[..] {
        ["people", slug] => format!("content/people/{slug}.md"),
        ["news", slug] => format!("content/news/{slug}.md"),
        [slug] if !slug.is_empty() && page.ends_with("/index.html") => {
            format!("content/pages/{slug}.md")
        }
        _ => return None,
    };
    let path = site_dir.join(relative);
    path.is_file().then_some(path)
}

/// Why a link to a news item left out of the build is broken, and what to
/// do: the message ends the link's own, and the help replaces it.
fn left_out_wording(left: &LeftOut) -> (String, String) {
    let slug = &left.item.slug;
    match left.why {
        Withheld::Draft => (
            format!("the news item `{slug}` is a draft (`draft: true`), so it is not published"),
            format!(
                "remove `draft: true` from content/news/{slug}.md to publish it, or remove this link until it is published"
            ),
        ),
        Withheld::Future => (
            format!(
                "the news item `{slug}` is dated {}, in the future, so it is not published yet",
                left.item.date.long()
            ),
            "run `psephos build --future` to publish items dated in the future (`psephos serve` always shows them), or remove this link until the item is published".into(),
        ),
    }
}

fn diagnostic(
    site_dir: &Path,
    page: &str,
    link: &str,
    problem: &str,
    left: Option<&LeftOut>,
) -> Diagnostic {
    let source = source_of(site_dir, page).and_then(|file| {
        let text = fs::read_to_string(&file).ok()?;
        let (line, column) = lines(&text).into_iter().enumerate().find_map(|(i, line)| {
            line.find(&format!("]({link}"))
                .map(|at| (i + 1, line[..at + 2].chars().count() + 1))
        })?;
        Some((file, text, line, column))
    });
    let left = left.map(left_out_wording);
    let problem = left.as_ref().map_or(problem, |(why, _)| why.as_str());
    match source {
        Some((file, text, line, column)) => Diagnostic {
            kind: Kind::BrokenLink,
            file,
            location: Location { line, column },
            field: None,
            message: format!("broken link `{link}`: {problem}"),
            help: Some(left.map_or_else(
                || "links between pages are relative to this page's address, as `../../news/index.html`".into(),
                |(_, help)| help,
            )),
            source_line: line_of(&text, line),
        },
        None => Diagnostic {
            kind: Kind::BrokenLink,
            file: PathBuf::from(page),
            location: Location::START,
            field: None,
            message: format!("broken link `{link}` in the built page: {problem}"),
            help: Some(left.map_or_else(
                || "this page is made by psephos itself; please report it as a bug".into(),
                |(_, help)| help,
            )),
            source_line: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, html: &str) -> Output {
        Output {
            path: path.into(),
            contents: html.as_bytes().to_vec(),
        }
    }

    fn problems(outputs: &[Output]) -> Vec<String> {
        check(
            Path::new("/nonexistent"),
            outputs,
            Some("https://x.example/"),
        )
        .problems
        .iter()
        .map(|d| d.message.clone())
        .collect()
    }

    #[test]
    fn links_resolve_relative_rooted_and_by_base_url() {
        let outputs = [
            page(
                "index.html",
                "<a href=\"news/index.html#latest\">n</a><a href=\"https://x.example/news/\">n</a>",
            ),
            page(
                "news/index.html",
                "<h2 id=\"latest\">L</h2><a href=\"../index.html\">h</a><a href=\"/\">h</a><a href=\"#latest\">s</a>",
            ),
            page(
                "404.html",
                "<a href=\"/news/\">n</a><a href=\"https://elsewhere.example/\">x</a><a href=\"mailto:a@b.c\">m</a>",
            ),
        ];
        assert_eq!(problems(&outputs), Vec::<String>::new());
        let report = check(
            Path::new("/nonexistent"),
            &outputs,
            Some("https://x.example/"),
        );
        assert_eq!((report.pages, report.links), (3, 6));
    }

    #[test]
    fn attributes_written_in_text_are_not_links() {
        let outputs = [page(
            "index.html",
            "<p>See &lt;a href=\"x\"&gt;raw&lt;/a&gt; and src=\"y\"</p><img alt=\"a &gt; b\" src=\"z.png\">",
        )];
        assert_eq!(
            problems(&outputs),
            ["broken link `z.png` in the built page: the site has no file z.png"]
        );
    }

    #[test]
    fn a_link_written_in_markdown_is_placed_on_its_line_whatever_the_line_endings() {
        let site = std::env::temp_dir().join(format!("psephos-link-cr-{}", std::process::id()));
        fs::create_dir_all(site.join("content/pages")).unwrap();
        let markdown = "---\rtitle: About\r---\rSee [x](../nowhere/index.html).\r";
        fs::write(site.join("content/pages/about.md"), markdown).unwrap();
        let outputs = [page(
            "about/index.html",
            "<a href=\"../nowhere/index.html\">x</a>",
        )];
        let report = check(&site, &outputs, None);
        let _ = fs::remove_dir_all(&site);
        let problem = &report.problems[0];
        assert_eq!((problem.location.line, problem.location.column), (4, 9));
        assert_eq!(
            problem.source_line.as_deref(),
            Some("See [x](../nowhere/index.html).")
        );
    }

    fn left_out(slug: &str, date: &str, why: Withheld) -> LeftOut {
        LeftOut::sample(slug, date, why)
    }

    #[test]
    fn a_link_to_a_news_item_left_out_says_why_and_what_to_do() {
        let outputs = [page(
            "index.html",
            "<a href=\"news/soon/index.html#top\">a</a><a href=\"news/wip/\">b</a><a href=\"news/gone/index.html\">c</a>",
        )];
        let left = [
            left_out("soon", "2999-01-01T09:00", Withheld::Future),
            left_out("wip", "2026-06-20", Withheld::Draft),
        ];
        let report = check_site(Path::new("/nonexistent"), &outputs, &left, None, None);
        let said: Vec<(&str, &str)> = report
            .problems
            .iter()
            .map(|d| (d.message.as_str(), d.help.as_deref().unwrap()))
            .collect();
        assert_eq!(said.len(), 3);
        assert_eq!(
            said[0].0,
            "broken link `news/gone/index.html` in the built page: the site has no file news/gone/index.html"
        );
        assert_eq!(
            said[1].0,
            "broken link `news/soon/index.html#top` in the built page: the news item `soon` is dated 1 January 2999, 09:00, in the future, so it is not published yet"
        );
        assert!(said[1].1.starts_with("run `psephos build --future`"));
        assert_eq!(
            said[2].0,
            "broken link `news/wip/` in the built page: the news item `wip` is a draft (`draft: true`), so it is not published"
        );
        assert!(
            said[2]
                .1
                .starts_with("remove `draft: true` from content/news/wip.md")
        );
        // A build warns of the two it broke, not of the third.
        let warned = links_to_left_out(Path::new("/nonexistent"), &outputs, None, &left);
        assert_eq!(warned.len(), 2);
        assert_eq!(warned[0].message, report.problems[1].message);
        assert_eq!(warned[1].message, report.problems[2].message);
        assert!(links_to_left_out(Path::new("/nonexistent"), &outputs, None, &[]).is_empty());
    }

    #[test]
    fn missing_files_fragments_and_climbs_are_reported() {
        let outputs = [page(
            "news/index.html",
            "<a href=\"../people/x/index.html\">a</a><a href=\"#nowhere\">b</a><a href=\"../../up.html\">c</a>",
        )];
        assert_eq!(
            problems(&outputs),
            [
                "broken link `#nowhere` in the built page: news/index.html has no element with id \"nowhere\"",
                "broken link `../../up.html` in the built page: it climbs above the site's top folder",
                "broken link `../people/x/index.html` in the built page: the site has no file people/x/index.html",
            ]
        );
    }
}
