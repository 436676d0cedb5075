//! The preview updated edit by edit is the site a full render of the same
//! files gives: the same paths, byte for byte.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use tokio::sync::broadcast;

use super::generations::Generations;
use super::preview::{Files, Preview};
use super::{OnBuild, Shared, rebuild::Rebuilder};
use crate::build::Quiet;
use crate::terminal::Palette;
mod totals;

pub(super) const ELECTION: &str = "content/elections/2026-exampleshire-mayor/election.yaml";
pub(super) const EARLIER: &str = "content/elections/2022-exampleshire-mayor/election.yaml";

/// The example site with enough news for three pages of the news index and
/// an earlier election in which the same person stood.
pub(super) fn site() -> tempfile::TempDir {
    let temp = tempfile::tempdir().unwrap();
    crate::scaffold::create(temp.path()).unwrap();
    for n in 0..120 {
        write(
            temp.path(),
            &format!("content/news/item-{n:03}.md"),
            &news(
                &format!("Item {n}"),
                &format!("2025-{:02}-{:02}", n % 12 + 1, n % 28 + 1),
                "Some text.",
            ),
        );
    }
    let election = read(temp.path(), ELECTION);
    write(
        temp.path(),
        EARLIER,
        &election
            .replace("2026 Exampleshire", "2022 Exampleshire")
            .replace("2026-06-19", "2022-05-05"),
    );
    temp
}

pub(super) fn news(title: &str, date: &str, body: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: {date}\nsummary: About {title}.\nelections: [2026-exampleshire-mayor]\npeople: [alex-rivers]\n---\n{body}\n"
    )
}

pub(super) fn write(site: &Path, file: &str, text: &str) {
    let path = site.join(file);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

pub(super) fn read(site: &Path, file: &str) -> String {
    fs::read_to_string(site.join(file)).unwrap()
}

/// The site as a full load and render of its files gives it.
pub(super) fn fresh(site: &Path) -> Arc<Files> {
    let (preview, _) = Preview::load(site, &Quiet).unwrap_or_else(|e| panic!("{e:?}"));
    preview.files()
}

pub(super) fn differences(served: &Files, fresh: &Files) -> Vec<String> {
    let mut differ: Vec<String> = served
        .keys()
        .chain(fresh.keys())
        .filter(|path| served.get(*path) != fresh.get(*path))
        .cloned()
        .collect();
    differ.sort();
    differ.dedup();
    differ
}

/// A rebuild as the terminal hears it: pages rendered, of how many.
type Heard = Result<(usize, usize), ()>;

pub(super) struct Serving {
    rebuilder: Rebuilder,
    shared: Arc<Shared>,
    /// Each rebuild: how many pages it rendered, of how many.
    rendered: Arc<Mutex<Vec<Heard>>>,
}

impl Serving {
    pub(super) fn start(site: &Path) -> Serving {
        let shared = Arc::new(Shared {
            site: Generations::default(),
            error: RwLock::new(None),
            notices: broadcast::channel(16).0,
        });
        let rendered = Arc::new(Mutex::new(Vec::new()));
        let heard = rendered.clone();
        let on_build: OnBuild = Box::new(move |result| {
            heard.lock().unwrap().push(
                result
                    .as_ref()
                    .map(|r| (r.rendered, r.pages))
                    .map_err(|_| ()),
            );
        });
        let mut rebuilder = Rebuilder::new(
            site.to_path_buf(),
            shared.clone(),
            Arc::new(Quiet),
            on_build,
        );
        rebuilder.run_once(&[]);
        Serving {
            rebuilder,
            shared,
            rendered,
        }
    }

    pub(super) fn served(&self) -> Arc<Files> {
        self.shared.site.current().unwrap().files.clone()
    }

    pub(super) fn error(&self) -> Option<String> {
        self.shared.error.read().unwrap().clone()
    }

    /// After a change to `file` that a full load refuses, saying `says`, the
    /// rebuild fails too and says it.
    pub(super) fn refuses(&mut self, site: &Path, file: &str, says: &str) {
        let full = Preview::load(site, &Quiet).err();
        let full = full.map(|e| e.report(Palette::PLAIN));
        assert!(
            full.is_some_and(|e| e.contains(says)),
            "a full load refuses it"
        );
        assert_eq!(self.changed(site, &[file]), Err(()), "{file}");
        let error = self.error();
        assert!(
            error.as_ref().is_some_and(|e| e.contains(says)),
            "{error:?}"
        );
    }

    /// Rebuilds after changes to `files`; how many pages were rendered, of
    /// how many, or Err when it failed.
    pub(super) fn changed(&mut self, site: &Path, files: &[&str]) -> Result<(usize, usize), ()> {
        let paths: Vec<PathBuf> = files.iter().map(|f| site.join(f)).collect();
        self.rebuilder.run_once(&paths);
        self.rendered.lock().unwrap().last().copied().unwrap()
    }
}

/// After the edit `edit` to `file`, the served site is the fresh one, and
/// was made by rendering only some pages when `alone`.
pub(super) fn check(
    serving: &mut Serving,
    site: &Path,
    file: &str,
    alone: bool,
    edit: impl FnOnce(),
) {
    edit();
    let (rendered, pages) = serving
        .changed(site, &[file])
        .unwrap_or_else(|()| panic!("{file}: {:?}", serving.error()));
    let differ = differences(&serving.served(), &fresh(site));
    assert!(
        differ.is_empty(),
        "after editing {file}, these differ: {differ:?}"
    );
    assert_eq!(
        rendered < pages,
        alone,
        "{file}: rendered {rendered} of {pages}"
    );
}

#[test]
fn edits_made_alone_give_the_site_a_full_render_gives() {
    let temp = site();
    let site = temp.path();
    let mut serving = Serving::start(site);
    assert!(differences(&serving.served(), &fresh(site)).is_empty());
    let item = "content/news/item-050.md";
    check(&mut serving, site, item, true, || {
        write(site, item, &news("Item 50", "2025-03-23", "Changed text."));
    });
    // The newest, then the oldest: its place in the index moves.
    for date in ["2026-07-01T09:30", "2020-01-01"] {
        check(&mut serving, site, item, true, || {
            write(site, item, &news("Item 50 moved", date, "Changed text."));
        });
    }
    let added = "content/news/added.md";
    check(&mut serving, site, added, true, || {
        write(site, added, &news("Added", "2025-06-01", "New."));
    });
    // 121 items, then 120 and 119: the index loses its third page's last.
    for gone in ["content/news/item-000.md", added] {
        check(&mut serving, site, gone, true, || {
            fs::remove_file(site.join(gone)).unwrap();
        });
    }
    let draft = "content/news/item-007.md";
    check(&mut serving, site, draft, true, || {
        let text = read(site, draft).replacen("---\n", "---\ndraft: true\n", 1);
        write(site, draft, &text);
    });
    // The figures, and with them the winner's margin, of one election.
    check(&mut serving, site, ELECTION, true, || {
        let text = read(site, ELECTION)
            .replace("4120", "4321")
            .replace("alex-rivers: 8880", "alex-rivers: 9081");
        write(site, ELECTION, &text);
    });
    // The date of the earlier one, and then past the other: every list of
    // elections reorders.
    check(&mut serving, site, EARLIER, true, || {
        let text = read(site, EARLIER).replace("2022-05-05", "2023-05-04");
        write(site, EARLIER, &text);
    });
    check(&mut serving, site, EARLIER, true, || {
        let text = read(site, EARLIER).replace("2023-05-04", "2027-05-06");
        write(site, EARLIER, &text);
    });
    // The office of the earlier one, to a new office and back: two office
    // pages, one made and one gone, then the reverse.
    for (from, to) in [
        ("office: ", "office: Police and Crime Commissioner for "),
        ("office: Police and Crime Commissioner for ", "office: "),
    ] {
        check(&mut serving, site, EARLIER, true, || {
            let text = read(site, EARLIER).replacen(from, to, 1);
            write(site, EARLIER, &text);
        });
    }
    // The earlier candidacy no longer linked to the person: the person's
    // page, and the other candidacies on each candidate's page, change.
    check(&mut serving, site, EARLIER, true, || {
        let text = read(site, EARLIER).replace(", person: alex-rivers}", "}");
        write(site, EARLIER, &text);
    });
    // A draft published again.
    let draft = "content/news/item-007.md";
    check(&mut serving, site, draft, true, || {
        let text = read(site, draft).replace("draft: true\n", "");
        write(site, draft, &text);
    });
    // A title alone, and then with a source, which every page's footer
    // lists.
    check(&mut serving, site, ELECTION, true, || {
        let text = read(site, ELECTION).replace(
            "title: 2026 Exampleshire mayoral election",
            "title: 2026 Exampleshire mayoral election (final)",
        );
        write(site, ELECTION, &text);
    });
    check(&mut serving, site, ELECTION, false, || {
        let text = read(site, ELECTION).replace(
            "office:",
            "source: https://council.example/results\noffice:",
        );
        write(site, ELECTION, &text);
    });
}

#[test]
fn an_error_keeps_the_last_good_site_until_it_is_fixed() {
    let temp = site();
    let site = temp.path();
    let mut serving = Serving::start(site);
    let item = "content/news/item-010.md";
    let good = read(site, item);
    let before = serving.served();
    write(site, item, &good.replace("date: ", "date: not-a-"));
    assert_eq!(serving.changed(site, &[item]), Err(()));
    assert!(serving.error().is_some_and(|e| e.contains("item-010.md")));
    assert!(
        Arc::ptr_eq(&serving.served(), &before),
        "the last good site is served"
    );
    // Another file fixed meanwhile is not enough: the broken one still is.
    let other = "content/news/item-011.md";
    write(site, other, &news("Item 11", "2025-01-01", "Edited."));
    assert_eq!(serving.changed(site, &[other]), Err(()));
    assert!(Arc::ptr_eq(&serving.served(), &before));
    // An election broken, the same.
    let election = read(site, ELECTION);
    write(site, ELECTION, &election.replace("4120", "-4120"));
    assert_eq!(serving.changed(site, &[ELECTION]), Err(()));
    write(site, ELECTION, &election);
    write(site, item, &good);
    assert!(serving.changed(site, &[item]).is_ok());
    assert_eq!(serving.error(), None);
    assert!(differences(&serving.served(), &fresh(site)).is_empty());
    // And edits are made alone again.
    check(&mut serving, site, item, true, || {
        write(site, item, &good.replace("Some text.", "Fixed."));
    });
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_site_is_refused_as_a_full_load_refuses_it() {
    let temp = site();
    let site = temp.path();
    let mut serving = Serving::start(site);
    // A valid election, outside the site folder.
    let outside = tempfile::tempdir().unwrap();
    let elsewhere = outside.path().join("election.yaml");
    fs::write(
        &elsewhere,
        read(site, EARLIER).replace("2022 Exampleshire", "Outside the site"),
    )
    .unwrap();
    fs::remove_file(site.join(EARLIER)).unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.join(EARLIER)).unwrap();
    serving.refuses(site, EARLIER, "outside the site folder");
    let home = &serving.served()["index.html"];
    assert!(!String::from_utf8_lossy(home).contains("Outside the site"));
}

#[test]
fn a_burst_of_edits_renders_no_page_twice() {
    let temp = site();
    let site = temp.path();
    let mut serving = Serving::start(site);
    // Every item edited at once, as a search and replace or a checkout does,
    // one of them renamed and one made anew, and the election too.
    let mut changed: Vec<String> = Vec::new();
    for n in 0..120 {
        let file = format!("content/news/item-{n:03}.md");
        write(
            site,
            &file,
            &read(site, &file).replace("Some text.", "Edited."),
        );
        changed.push(file);
    }
    let (from, to) = ("content/news/item-003.md", "content/news/renamed.md");
    fs::rename(site.join(from), site.join(to)).unwrap();
    changed.push(to.to_owned());
    let recreated = "content/news/item-004.md";
    fs::remove_file(site.join(recreated)).unwrap();
    write(
        site,
        recreated,
        &news("Item 4 again", "2025-02-02", "Anew."),
    );
    write(
        site,
        ELECTION,
        &read(site, ELECTION).replace("title: 2026 Exampleshire mayoral election", "title: T"),
    );
    changed.push(ELECTION.to_owned());
    let changed: Vec<&str> = changed.iter().map(String::as_str).collect();
    let (rendered, pages) = serving.changed(site, &changed).unwrap();
    assert!(
        differences(&serving.served(), &fresh(site)).is_empty(),
        "{:?}",
        differences(&serving.served(), &fresh(site))
    );
    assert!(rendered <= pages, "rendered {rendered} of {pages}");
}

#[test]
fn a_new_page_where_a_static_file_is_fails_as_a_full_load_does() {
    let temp = site();
    let site = temp.path();
    let mut serving = Serving::start(site);
    // A file where the new item's folder would be, and one where an
    // election's new area's folder would be.
    write(site, "static/news/added", "a file");
    write(
        site,
        "static/elections/2022-exampleshire-mayor/authorities/new",
        "x",
    );
    let mut serving_after_static = |file: &str, edit: &dyn Fn()| {
        // The static files were there before the last full load...
        serving.rebuilder.run_once(&[]);
        assert!(serving.error().is_none(), "{:?}", serving.error());
        edit();
        serving.refuses(site, file, "cannot be published");
    };
    let added = "content/news/added.md";
    serving_after_static(added, &|| {
        write(site, added, &news("Added", "2025-06-01", "New."))
    });
    fs::remove_file(site.join(added)).unwrap();
    serving_after_static(EARLIER, &|| {
        let text = read(site, EARLIER).replace("id: north-exampleshire", "id: new");
        write(site, EARLIER, &text);
    });
}

#[test]
fn each_broken_file_is_reported_until_it_is_fixed() {
    let temp = site();
    let site = temp.path();
    let mut serving = Serving::start(site);
    let (a, b) = ("content/news/item-020.md", "content/news/item-021.md");
    let (good_a, good_b) = (read(site, a), read(site, b));
    let broken = |text: &str| text.replace("date: ", "date: not-a-");
    // Broken in one burst: both are said.
    write(site, a, &broken(&good_a));
    write(site, b, &broken(&good_b));
    assert_eq!(serving.changed(site, &[a, b]), Err(()));
    let error = serving.error().unwrap();
    assert!(
        error.contains("item-020.md") && error.contains("item-021.md"),
        "{error}"
    );
    // One fixed: the other is still said.
    write(site, a, &good_a);
    assert_eq!(serving.changed(site, &[a]), Err(()));
    let error = serving.error().unwrap();
    assert!(
        !error.contains("item-020.md") && error.contains("item-021.md"),
        "{error}"
    );
    write(site, b, &good_b);
    assert!(serving.changed(site, &[b]).is_ok());
    assert_eq!(serving.error(), None);
    assert!(differences(&serving.served(), &fresh(site)).is_empty());
}

#[cfg(unix)]
#[test]
fn a_file_that_a_link_in_the_site_leads_to_updates_the_link_too() {
    let temp = site();
    let site = temp.path();
    let item = "content/news/item-030.md";
    std::os::unix::fs::symlink("item-030.md", site.join("content/news/alias.md")).unwrap();
    let mut serving = Serving::start(site);
    check(&mut serving, site, item, false, || {
        write(site, item, &news("Item 30", "2025-07-03", "Seen twice."));
    });
}
