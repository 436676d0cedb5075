//! Checking a rendered site's internal links before anything is written:
//! every link and `#fragment` must lead to a file (and an id) the site has.
//! A broken link written in a Markdown file is reported at that file's line
//! and column; any other is a fault in psephos itself, reported by page.

mod left_out;
mod located;
mod resolve;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use walkdir::WalkDir;

use crate::content::LeftOut;
use crate::diagnostic::Diagnostic;
use crate::site::Output;
use crate::site_files::{is_junk_path, site_path};

pub use left_out::LeftOutLinks;
use located::{BrokenLink, diagnostics};
use resolve::{attribute_values, broken, internal};

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
    check_pages(site_dir, outputs, base_url, &|_| true, &[])
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
    let mut report = check_pages(site_dir, published, base_url, &|_| true, left_out);
    if let Some(whole) = whole {
        let theirs: HashSet<String> = left_out.iter().map(|l| page_of(&l.item.slug)).collect();
        let more = check_pages(
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
/// (A build finds them page by page with [`LeftOutLinks`].)
pub fn links_to_left_out(
    site_dir: &Path,
    outputs: &[Output],
    base_url: Option<&str>,
    left_out: &[LeftOut],
) -> Vec<Diagnostic> {
    let finder = LeftOutLinks::new(site_dir, base_url, left_out);
    outputs.iter().flat_map(|o| finder.warnings(o)).collect()
}

/// The page a news item would have.
fn page_of(slug: &str) -> String {
    format!("news/{slug}/index.html")
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
            Some(site_path(relative))
        })
        .collect()
}

/// Checks the links of the pages of `outputs` that `include` names.
fn check_pages(
    site_dir: &Path,
    outputs: &[Output],
    base_url: Option<&str>,
    include: &dyn Fn(&str) -> bool,
    left_out: &[LeftOut],
) -> Report {
    let mut files: HashSet<String> = outputs.iter().map(|o| o.path.clone()).collect();
    files.extend(static_files(&site_dir.join("static")));
    let ids: HashMap<&str, HashSet<String>> = outputs
        .iter()
        .filter(|o| o.path.ends_with(".html"))
        .map(|o| (o.path.as_str(), attribute_values(&o.contents, "id")))
        .collect();
    let left_out: HashMap<String, &LeftOut> = left_out
        .iter()
        .map(|l| (page_of(&l.item.slug), l))
        .collect();
    let mut report = Report::default();
    for output in outputs
        .iter()
        .filter(|o| o.path.ends_with(".html") && include(&o.path))
    {
        report.pages += 1;
        let mut links = attribute_values(&output.contents, "href");
        links.extend(attribute_values(&output.contents, "src"));
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
            let found = diagnostics(
                site_dir,
                output,
                &BrokenLink {
                    link: &link,
                    problem: &problem.why,
                    left: left.copied(),
                },
            );
            report.problems.extend(found);
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::content::Withheld;
    use crate::site::MarkdownLinks;

    fn page(path: &str, html: &str) -> Output {
        Output::new(path, html)
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

    /// A page made from the Markdown file `file` of `site`, as pages are.
    fn markdown_page(site: &Path, file: &str, path: &str, markdown: &str) -> Output {
        fs::create_dir_all(site.join(file).parent().unwrap()).unwrap();
        fs::write(site.join(file), markdown).unwrap();
        let body = &markdown[markdown.rfind("---").unwrap() + 4..];
        Output {
            markdown: Some(MarkdownLinks {
                file: file.to_owned(),
                body_len: body.len(),
                links: crate::markdown::render(body, None).links,
                elsewhere: false,
            }),
            ..page(path, &crate::markdown::to_html(body))
        }
    }

    fn scratch(name: &str) -> tempfile::TempDir {
        tempfile::Builder::new()
            .prefix(&format!("psephos-link-{name}-"))
            .tempdir()
            .unwrap()
    }

    #[test]
    fn a_link_written_in_markdown_is_placed_on_its_line_whatever_the_line_endings() {
        let temp = scratch("cr");
        let site = temp.path().to_path_buf();
        let markdown = "---\rtitle: About\r---\rSee [x](../nowhere/index.html).\r";
        let outputs = [markdown_page(
            &site,
            "content/pages/about.md",
            "about/index.html",
            markdown,
        )];
        assert!(
            String::from_utf8_lossy(&outputs[0].contents)
                .contains("<a href=\"../nowhere/index.html\">x</a>")
        );
        let report = check(&site, &outputs, None);
        let problem = &report.problems[0];
        assert_eq!((problem.location.line, problem.location.column), (4, 9));
        assert_eq!(
            problem.source_line.as_deref(),
            Some("See [x](../nowhere/index.html).")
        );
    }

    #[test]
    fn the_same_broken_link_is_placed_wherever_it_is_written() {
        let temp = scratch("twice");
        let site = temp.path().to_path_buf();
        let about = "---\ntitle: About\n---\n[Home](../gone/index.html)\n\nSee [the *old* home](../gone/index.html) or\n[it] again.\n\n[it]: ../gone/index.html\n";
        let team = "---\nname: Team\n---\n# The team\n\nWas at [old](../../gone/index.html), [x](../../gone/index.html).\n";
        let outputs = [
            markdown_page(&site, "content/pages/about.md", "about/index.html", about),
            markdown_page(
                &site,
                "content/people/team.md",
                "people/team/index.html",
                team,
            ),
        ];
        let report = check(&site, &outputs, None);
        let placed: Vec<(String, usize, usize)> = report
            .problems
            .iter()
            .map(|d| {
                let file = d.file.strip_prefix(&site).unwrap().display().to_string();
                (file, d.location.line, d.location.column)
            })
            .collect();
        let at = |file: &str, line, column| (file.to_owned(), line, column);
        assert_eq!(
            placed,
            [
                at("content/pages/about.md", 4, 8),
                at("content/pages/about.md", 6, 22),
                // A reference link is placed where it is used.
                at("content/pages/about.md", 7, 1),
                at("content/people/team.md", 6, 14),
                at("content/people/team.md", 6, 42),
            ]
        );
        assert!(
            report
                .problems
                .iter()
                .all(|d| d.message.ends_with("the site has no file gone/index.html")),
            "{:?}",
            report.problems
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
