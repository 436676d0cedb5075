//! What psephos reads from a site folder: symbolic links are followed only
//! while they stay inside the site, and junk left by editors and operating
//! systems is ignored and never published.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;

use crate::common::{Scratch, TestSite, tree};
use psephos::terminal::Palette;

/// A folder outside the site holding something that must never be published.
fn outside(name: &str) -> Scratch {
    let dir = Scratch::new(name).created();
    fs::write(dir.join("secret.txt"), "the password").unwrap();
    fs::write(
        dir.join("secret.md"),
        "---\ntitle: Secret\ndate: 2026-06-20\nsummary: S.\n---\nthe password\n",
    )
    .unwrap();
    dir
}

fn published_anywhere(site: &TestSite, text: &str) -> bool {
    tree(&site.out())
        .values()
        .any(|bytes| String::from_utf8_lossy(bytes).contains(text))
}

#[test]
fn a_static_folder_that_links_out_of_the_site_is_refused() {
    let site = TestSite::standard("static-link");
    let secret = outside("static-link");
    symlink(&secret, site.root.join("static")).unwrap();
    assert_eq!(
        site.errors(),
        [format!(
            "static:1:1: `static` is a symbolic link to `{}`, outside the site folder",
            secret.display()
        )]
    );
    assert!(!site.out().exists(), "nothing was written");
}

#[test]
fn links_inside_content_or_static_that_leave_the_site_are_refused() {
    let site = TestSite::standard("inner-links");
    let secret = outside("inner-links");
    site.write("static/img/.keep", "");
    symlink(
        secret.join("secret.md"),
        site.root.join("content/news/leak.md"),
    )
    .unwrap();
    symlink(
        secret.join("secret.txt"),
        site.root.join("static/img/photo.jpg"),
    )
    .unwrap();
    symlink(&secret, site.root.join("static/files")).unwrap();
    symlink("nowhere.txt", site.root.join("static/broken.txt")).unwrap();
    assert_eq!(
        site.errors(),
        [
            format!(
                "content/news/leak.md:1:1: `leak.md` is a symbolic link to `{}`, outside the site folder",
                secret.join("secret.md").display()
            ),
            "static/broken.txt:1:1: `broken.txt` is a symbolic link to `nowhere.txt`, which does not exist".to_owned(),
            format!(
                "static/files:1:1: `files` is a symbolic link to `{}`, outside the site folder",
                secret.display()
            ),
            format!(
                "static/img/photo.jpg:1:1: `photo.jpg` is a symbolic link to `{}`, outside the site folder",
                secret.join("secret.txt").display()
            ),
        ]
    );
}

#[test]
fn links_that_stay_inside_the_site_are_followed() {
    let site = TestSite::standard("links-inside");
    site.write("shared/logo.svg", "<svg>logo</svg>")
        .write("shared/docs/guide.txt", "a guide")
        .write(
            "shared/how-to-vote.md",
            "---\ntitle: How to vote\n---\nMark two crosses.\n",
        );
    fs::create_dir_all(site.root.join("static")).unwrap();
    symlink("../shared/logo.svg", site.root.join("static/logo.svg")).unwrap();
    symlink("../shared/docs", site.root.join("static/docs")).unwrap();
    symlink(
        "../../shared/how-to-vote.md",
        site.root.join("content/pages/how-to-vote.md"),
    )
    .unwrap();
    site.built();
    assert_eq!(site.page("logo.svg"), "<svg>logo</svg>");
    assert_eq!(site.page("docs/guide.txt"), "a guide");
    assert!(
        site.page("how-to-vote/index.html")
            .contains("Mark two crosses.")
    );
}

#[test]
fn junk_files_are_ignored_and_never_published() {
    let site = TestSite::standard("junk");
    for junk in [
        "content/.DS_Store",
        "content/Thumbs.db",
        "content/desktop.ini",
        "content/elections/Thumbs.db",
        "content/news/ash-elected.md~",
        "content/news/.ash-elected.md.swp",
        "content/pages/Desktop.ini",
        "static/.DS_Store",
        "static/img/Thumbs.db",
        "static/img/logo.svg~",
        "static/.logo.svg.swp",
        "content/people/~$ann-ash.md",
        "content/pages/#about.md#",
        "content/elections/2026-testshire-mayor/.~lock.north.csv#",
        "static/._logo.svg",
        "static/img/4913",
    ] {
        site.write(junk, "junk");
    }
    site.write("static/img/logo.svg", "<svg/>")
        .write("static/.well-known/security.txt", "Contact: x");
    // Emacs marks a file being edited with a link that leads nowhere.
    symlink(
        "someone@host.1234:1",
        site.root.join("content/pages/.#about.md"),
    )
    .unwrap();
    symlink("someone@host.1234:1", site.root.join("static/.#notes.txt")).unwrap();
    site.built();
    let files: Vec<String> = tree(&site.out()).into_keys().collect();
    for file in &files {
        let name = file.rsplit('/').next().unwrap();
        assert!(
            !(name.ends_with('~')
                || name.ends_with(".swp")
                || name.starts_with(".#")
                || ["Thumbs.db", ".DS_Store", "desktop.ini"].contains(&name)),
            "{file} was published"
        );
    }
    assert!(files.contains(&"img/logo.svg".to_owned()), "{files:?}");
    assert!(files.contains(&".well-known/security.txt".to_owned()));
    assert!(!published_anywhere(&site, "junk"));
}

/// A named pipe where a file should be: opening one waits for a writer, so
/// a build that opened it naively would never finish.
#[test]
fn pipes_where_files_should_be_are_refused_without_hanging() {
    for (name, relative) in [
        ("fifo-settings", "content/site.yaml"),
        (
            "fifo-election",
            "content/elections/2026-testshire-mayor/election.yaml",
        ),
        ("fifo-stylesheet", "static/style.css"),
        ("fifo-profile", "content/people/ann-ash.md"),
    ] {
        let site = TestSite::standard(name);
        let path = site.root.join(relative);
        let _ = fs::remove_file(&path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(made.success());
        let (done, finished) = std::sync::mpsc::channel();
        let root = site.root.clone();
        std::thread::spawn(move || {
            let result = psephos::build::prepare(&root, &psephos::build::Quiet);
            let _ = done.send(result.err().map(|e| e.report(Palette::PLAIN)));
        });
        let error = finished
            .recv_timeout(std::time::Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("{relative}: the build waited on the pipe"))
            .unwrap_or_else(|| panic!("{relative}: the build succeeded"));
        assert!(
            error.contains("not an ordinary file"),
            "{relative}: {error}"
        );
    }
}

/// A folder in `static/` with no files in it (or only junk) is not
/// published, so it never makes psephos's own output look foreign.
#[test]
fn empty_static_folders_do_not_stop_the_next_build() {
    let site = TestSite::standard("empty-static");
    fs::create_dir_all(site.root.join("static/fonts")).unwrap();
    site.write("static/img/Thumbs.db", "junk");
    site.built();
    assert!(!site.out().join("fonts").exists());
    site.built();
}

/// `static/about` (a file) where the page `about/index.html` goes could not
/// be written; `check` and `build` both say which file is in the way.
#[test]
fn a_static_file_in_the_way_of_a_page_is_named() {
    let site = TestSite::standard("static-clash");
    site.write("static/about", "x")
        .write("static/index.html/notes.txt", "y");
    let errors = site.errors();
    assert_eq!(
        errors,
        [
            "static/about:1:1: psephos writes a folder `about/` of pages here, so this file cannot be published",
            "static/index.html/notes.txt:1:1: psephos writes the file `index.html` here, so this cannot be published inside it",
        ]
    );
}

/// psephos writes its marker, `.psephos-build`, at the top of the output:
/// a static file there was silently replaced by it (and listed in it with
/// its own size), and one inside a static folder of that name could not be
/// written; both are named, as other clashes are, and `check` finds them.
#[test]
fn a_static_file_where_the_marker_goes_is_named() {
    let site = TestSite::standard("static-marker");
    site.write("static/.psephos-build", "the host's own");
    assert_eq!(
        site.errors(),
        [
            "static/.psephos-build:1:1: psephos writes its list of the files it built at `.psephos-build`, so this file cannot be published"
        ]
    );
    fs::remove_file(site.root.join("static/.psephos-build")).unwrap();
    site.write("static/.psephos-build/notes.txt", "y")
        .write("static/img/.psephos-build", "a folder down is fine");
    assert_eq!(
        site.errors(),
        [
            "static/.psephos-build/notes.txt:1:1: psephos writes its list of the files it built at `.psephos-build`, so this cannot be published inside it"
        ]
    );
    fs::remove_dir_all(site.root.join("static/.psephos-build")).unwrap();
    site.built();
    assert_eq!(site.page("img/.psephos-build"), "a folder down is fine");
}
