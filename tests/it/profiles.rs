//! A person's profile, shown on their own page and again on the page of each
//! of their candidacies, which sits deeper: its relative links lead to the
//! same places on every page, and a broken one is placed in the profile.

use std::path::{Component, Path, PathBuf};

use crate::common::{ELECTION_YAML, TestSite, attribute_values};
use psephos::build::{Audience, Quiet, prepare_for};
use psephos::diagnostic::Diagnostic;
use psephos::link_check;

const PERSON: &str = "people/ann-ash/index.html";
const CANDIDACIES: [&str; 2] = [
    "elections/2026-testshire-mayor/candidates/ann-ash/index.html",
    "elections/2022-testshire-mayor/candidates/ann-ash-2022/index.html",
];

/// The standard site, where Ann Ash also stood in 2022 under another
/// candidate id, with `body` as her profile.
fn site_with_profile(name: &str, body: &str) -> TestSite {
    let site = TestSite::standard(name);
    let earlier = ELECTION_YAML
        .replace("2026", "2022")
        .replace("ann-ash", "ann-ash-2022")
        .replace("person: ann-ash-2022", "person: ann-ash");
    site.write(
        "content/elections/2022-testshire-mayor/election.yaml",
        &earlier,
    )
    .write(
        "content/people/ann-ash.md",
        &format!("---\nname: Ann Ash\nrole: Mayor of Testshire\n---\n{body}"),
    )
    .write("static/photos/ann.png", "not really a picture");
    site
}

/// The problems `psephos check` finds in the links of `site`.
fn link_problems(site: &TestSite) -> Vec<Diagnostic> {
    let prepared = prepare_for(&site.root, &Quiet, Audience::Publish { future: false })
        .unwrap_or_else(|err| panic!("build failed:\n{err}"));
    link_check::check_site(&site.root, &prepared.outputs, &[], None, None).problems
}

/// Where `link` on the page at `page` leads, from the site's top folder,
/// query and fragment kept; links elsewhere as they are.
fn destination(page: &str, link: &str) -> String {
    if link.starts_with('#') || link.contains(':') || link.starts_with('/') {
        return link.to_owned();
    }
    let mut parts: Vec<String> = Vec::new();
    let joined = Path::new(page).parent().unwrap().join(link);
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                parts.pop().expect("a link that stays in the site");
            }
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    let mut path = parts.join("/");
    if link.ends_with('/') {
        path.push('/');
    }
    path
}

/// The links and images of the profile's body on the page at `path`.
fn profile_links(site: &TestSite, path: &str) -> Vec<String> {
    let html = site.page(path);
    let start = html.find("Ann Ash grew up").expect("the profile is shown");
    let end = start + html[start..].find("</p>").unwrap();
    let body = &html[start..end];
    let mut links: Vec<(usize, &str)> = ["href", "src"]
        .iter()
        .flat_map(|attribute| attribute_values(body, attribute))
        .map(|link| (body.find(&format!("\"{link}\"")).unwrap(), link))
        .collect();
    links.sort();
    links.into_iter().map(|(_, link)| link.to_owned()).collect()
}

#[test]
fn a_profiles_relative_links_lead_where_they_do_on_the_persons_page() {
    let site = site_with_profile(
        "profile-links",
        "Ann Ash grew up in North. See [about](../../about/), \
         [the news](../../news/ash-elected/index.html?from=profile&x=1#top), \
         [the count](../../elections/2026-testshire-mayor/index.html), \
         [here](./), ![Ann](../../photos/ann.png), [top](/about/), \
         [elsewhere](https://example.org/a/../b), [mail](mailto:ann@example.org), \
         [below](#early-life) and [a trick](javascript:alert(1)).\n\n## Early life\n",
    );
    site.built();
    let own = profile_links(&site, PERSON);
    assert_eq!(own.len(), 10, "{own:?}");
    let own_places: Vec<String> = own.iter().map(|l| destination(PERSON, l)).collect();
    for page in CANDIDACIES {
        let shown = profile_links(&site, page);
        let places: Vec<String> = shown.iter().map(|l| destination(page, l)).collect();
        assert_eq!(places, own_places, "{page}: {shown:?}");
        // Only the relative links were rewritten.
        let rewritten = own.iter().zip(&shown).filter(|(a, b)| a != b).count();
        assert_eq!(rewritten, 5, "{page}: {shown:?}");
    }
    assert!(own.contains(&"#".to_owned()), "defused: {own:?}");
    assert_eq!(
        link_problems(&site)
            .iter()
            .map(Diagnostic::to_string)
            .collect::<Vec<_>>(),
        Vec::<String>::new()
    );
}

#[test]
fn a_broken_link_in_a_profile_is_placed_in_the_profile_for_every_page_showing_it() {
    let site = site_with_profile(
        "profile-broken",
        "Ann Ash grew up in North. See [about](../../about/) and [the old\nsite](../../nowhere/).\n\n![Ann](../../photos/gone.png) [again](../../nowhere/)\n",
    );
    let problems = link_problems(&site);
    let profile = site.root.join("content/people/ann-ash.md");
    let mut placed: Vec<(PathBuf, usize, usize)> = problems
        .iter()
        .map(|d| (d.file.clone(), d.location.line, d.location.column))
        .collect();
    placed.sort();
    let at = |line, column| (profile.clone(), line, column);
    // Each place, once for the person's page and once for each candidacy's.
    let mut expected = Vec::new();
    for place in [at(6, 7), at(8, 8), at(8, 39)] {
        expected.extend([place.clone(), place.clone(), place]);
    }
    assert_eq!(placed, expected, "{problems:#?}");
    for problem in &problems {
        assert!(
            !problem.help.as_deref().unwrap_or("").contains("bug"),
            "{problem}"
        );
        assert!(
            problem.message.starts_with("broken link `../../nowhere/`")
                || problem
                    .message
                    .starts_with("broken link `../../photos/gone.png`"),
            "as written in the profile: {problem}"
        );
    }
    // Each candidacy's page is named by the problems found on it.
    for page in CANDIDACIES {
        let named = problems.iter().filter(|d| d.message.contains(page)).count();
        assert_eq!(named, 3, "{page}: {problems:#?}");
    }
}
