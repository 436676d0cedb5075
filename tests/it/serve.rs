//! `psephos serve`, run for real: on a port the system picks (`--port 0`), plain HTTP over TCP.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::common::{ELECTION_YAML, TestSite};

/// The server, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The port from "Serving at http://127.0.0.1:PORT/"; the rest of the
/// output is read and dropped, so the server never waits on a full pipe.
fn announced_port(stdout: std::process::ChildStdout) -> u16 {
    use std::io::BufRead;
    let mut lines = std::io::BufReader::new(stdout).lines();
    let port = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|line| {
            let rest = line.strip_prefix("Serving at http://127.0.0.1:")?;
            rest.split('/').next()?.parse().ok()
        })
        .expect("serve says where it serves");
    std::thread::spawn(move || lines.for_each(drop));
    port
}

/// A server whose builds go in the test site's own temporary folder, so that
/// killing it leaves nothing behind.
fn start(site: &TestSite) -> Server {
    let temp = site.root.join("tmp");
    std::fs::create_dir_all(&temp).unwrap();
    start_with_temp(site, &temp)
}

/// A server whose temporary files go in `temp`.
fn start_with_temp(site: &TestSite, temp: &Path) -> Server {
    // Port 0: the system picks a free port as the server binds, so no other
    // program can take it between choosing and binding.
    let mut child = Command::new(env!("CARGO_BIN_EXE_psephos"))
        .args(["serve", "--port", "0"])
        .arg(&site.root)
        .env("TMPDIR", temp)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start psephos serve");
    let port = announced_port(child.stdout.take().expect("stdout is piped"));
    let server = Server { child, port };
    let answers = wait_for(Duration::from_secs(20), || {
        get(port, "/").is_some_and(|(status, _)| status == 200)
    });
    assert!(answers, "the server answers");
    server
}

/// Edits the news item and waits up to ten seconds for the edit to be served.
fn an_edit_is_served(site: &TestSite, server: &Server) -> bool {
    site.write(
        "content/news/ash-elected.md",
        &crate::common::NEWS_MD.replace("was elected", "was declared elected"),
    );
    wait_for(Duration::from_secs(10), || {
        get(server.port, NEWS)
            .is_some_and(|(_, page)| page.contains("Ann Ash was declared elected"))
    })
}

/// A raw GET, so that paths reach the server exactly as written.
fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split(' ').nth(1)?.parse().ok()?;
    Some((status, response))
}

/// Whether `check` comes true within `limit`.
fn wait_for(limit: Duration, mut check: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

const NEWS: &str = "/news/ash-elected/";

#[test]
fn serves_the_site_and_reloads_on_edits() {
    let site = TestSite::standard("serve-edit");
    let server = start(&site);
    let (status, page) = get(server.port, NEWS).unwrap();
    assert_eq!(status, 200);
    assert!(page.contains("Ann Ash was elected"));
    assert!(
        page.contains("new EventSource(\"/__psephos/events\")"),
        "the reload script is added"
    );
    // The built files themselves have no script.
    assert!(
        !site.root.join("public").exists(),
        "serving never writes the site's own public/"
    );

    assert!(
        an_edit_is_served(&site, &server),
        "the edit was served within ten seconds"
    );
}

#[test]
fn nothing_outside_the_site_is_ever_served() {
    let site = TestSite::standard("serve-escape");
    site.write("secret.txt", "do-not-serve");
    let server = start(&site);
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2e%2e/",
        "/%2E%2E/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/news/../../secret.txt",
        "/%2e%2e/content/site.yaml",
    ] {
        let (status, body) = get(server.port, path).unwrap();
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(!body.contains("do-not-serve"), "{path}");
        assert!(!body.contains("[package]"), "{path}");
        assert!(!body.contains("publisher:"), "{path}");
    }
    // A folder asked for without its slash is sent to itself, never to the
    // host `//news` would name.
    let (status, response) = get(server.port, "//news").unwrap();
    assert_eq!(status, 301, "{response}");
    assert!(
        response
            .to_ascii_lowercase()
            .contains("location: /news/\r\n"),
        "{response}"
    );
}

#[test]
fn a_broken_data_file_keeps_the_last_good_site_and_reports_the_error() {
    let site = TestSite::standard("serve-broken");
    let server = start(&site);
    site.write(
        "content/elections/2026-testshire-mayor/election.yaml",
        &ELECTION_YAML.replace("bob-birch: 300", "bob-birch: -300"),
    );
    // The error reaches pages through the event stream, with file and line.
    let mut events = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(1)))
        .unwrap();
    write!(
        events,
        "GET /__psephos/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();
    let mut seen = String::new();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) && !seen.contains("election.yaml:17:38") {
        let mut buffer = [0u8; 4096];
        if let Ok(n) = events.read(&mut buffer) {
            seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
    }
    assert!(seen.contains("event: failed"), "{seen}");
    assert!(seen.contains("election.yaml:17:38"), "{seen}");
    assert!(seen.contains("-300 is less than zero"), "{seen}");
    let (status, page) = get(server.port, "/elections/2026-testshire-mayor/").unwrap();
    assert_eq!(status, 200, "the last good page is still served");
    assert!(page.contains("Ann Ash (Red Party) is elected"));
}

#[test]
fn many_open_pages_do_not_stop_it() {
    let site = TestSite::standard("serve-many");
    let server = start(&site);
    let streams: Vec<TcpStream> = (0..64)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            write!(
                stream,
                "GET /__psephos/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            )
            .unwrap();
            stream
        })
        .collect();
    // Every request still gets its page (each has a five-second read limit).
    for _ in 0..20 {
        assert_eq!(get(server.port, "/").map(|r| r.0), Some(200));
    }
    drop(streams);
}

#[test]
fn a_missing_page_gets_the_404_page() {
    let site = TestSite::standard("serve-404");
    let server = start(&site);
    let (status, page) = get(server.port, "/no/such/page/").unwrap();
    assert_eq!(status, 404);
    assert!(page.contains("Page not found"));
    let (status, response) = get(server.port, "/news").unwrap();
    assert_eq!(status, 301);
    assert!(response.contains("location: /news/") || response.contains("Location: /news/"));
}

/// The exit status of `child` within `limit`, or None (it is then killed).
fn exit_within(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

#[test]
fn a_folder_with_no_site_is_refused() {
    let empty = TestSite::new("serve-nothing");
    let mut child = Command::new(env!("CARGO_BIN_EXE_psephos"))
        .args(["serve", "--port", "0"])
        .current_dir(&empty.root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = exit_within(&mut child, Duration::from_secs(20));
    assert_eq!(status.and_then(|s| s.code()), Some(1), "it stops at once");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(
        stderr.contains("there is no site in this folder"),
        "{stderr}"
    );
    assert!(stderr.contains("psephos new"), "{stderr}");
    assert!(stderr.contains("SITE_DIR"), "{stderr}");
}

#[test]
fn a_closed_terminal_cleans_up_like_ctrl_c() {
    let site = TestSite::standard("serve-hangup");
    let temp = site.root.join("tmp");
    std::fs::create_dir_all(&temp).unwrap();
    let mut server = start_with_temp(&site, &temp);
    let made = || std::fs::read_dir(&temp).unwrap().count();
    // The site is built in memory: nothing is written to disk at all.
    assert_eq!(made(), 0, "nothing is written to the temporary folder");
    let hung_up = Command::new("kill")
        .args(["-HUP", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(hung_up.success());
    assert!(
        exit_within(&mut server.child, Duration::from_secs(20)).is_some(),
        "it stops"
    );
    assert_eq!(made(), 0, "nothing is left in the temporary folder");
}

#[test]
fn the_preview_links_to_itself_not_to_the_live_site() {
    let site = TestSite::standard("serve-base-url");
    site.write(
        "content/site.yaml",
        &format!(
            "{}base_url: https://example.org/\n",
            crate::common::SITE_YAML
        ),
    );
    let server = start(&site);
    for path in [
        "/",
        NEWS,
        "/elections/2026-testshire-mayor/",
        "/no/such/page/",
    ] {
        let (_, page) = get(server.port, path).unwrap();
        assert!(page.contains("rel=\"stylesheet\""), "{path}");
        assert!(!page.contains("example.org"), "{path}:\n{page}");
    }
    // The published build still uses it.
    site.built();
    assert!(
        site.page("index.html")
            .contains("href=\"https://example.org/")
    );
}

#[test]
fn no_page_goes_missing_while_the_site_is_rebuilt() {
    let site = TestSite::standard("serve-swap");
    let server = start(&site);
    let port = server.port;
    let pages = [
        "/",
        NEWS,
        "/news/",
        "/about/",
        "/people/ann-ash/",
        "/elections/2026-testshire-mayor/",
    ];
    let stop = Arc::new(AtomicBool::new(false));
    let readers: Vec<_> = (0..3)
        .map(|_| {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let (mut asked, mut wrong) = (0, Vec::new());
                while !stop.load(Ordering::Relaxed) {
                    for page in pages {
                        let status = get(port, page).map(|(status, _)| status);
                        asked += 1;
                        if status != Some(200) {
                            wrong.push(format!("{page}: {status:?}"));
                        }
                    }
                }
                (asked, wrong)
            })
        })
        .collect();
    for edition in 0..20 {
        let text = format!("Ann Ash was elected, edition {edition}");
        site.write(
            "content/news/ash-elected.md",
            &crate::common::NEWS_MD.replace("Ann Ash was elected", &text),
        );
        let seen = wait_for(Duration::from_secs(20), || {
            get(port, NEWS).is_some_and(|(_, page)| page.contains(&text))
        });
        assert!(seen, "edition {edition} was served");
    }
    stop.store(true, Ordering::Relaxed);
    let (mut asked, mut wrong) = (0, Vec::new());
    for reader in readers {
        let (n, w) = reader.join().unwrap();
        asked += n;
        wrong.extend(w);
    }
    assert!(asked > 100, "only {asked} requests were made");
    assert!(wrong.is_empty(), "{} of {asked}: {wrong:?}", wrong.len());
}

/// Whether the server still has `stream` open; trickles one more byte of
/// headers down it if so.
fn still_open(stream: &mut TcpStream) -> bool {
    let mut buffer = [0u8; 1024];
    match stream.read(&mut buffer) {
        Ok(0) => false,
        // A reply (say, 408): the close follows.
        Ok(_) => true,
        Err(err) if err.kind() == ErrorKind::WouldBlock => stream.write_all(b"a").is_ok(),
        Err(_) => false,
    }
}

#[test]
fn slow_clients_are_cut_off_and_hold_up_nobody() {
    let site = TestSite::standard("serve-slow");
    let server = start(&site);
    let started = Instant::now();
    // More than the server's 512 connections at once.
    let mut slow: Vec<TcpStream> = (0..600)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            stream.write_all(b"GET / HTTP/1.1\r\nX-Slow: ").unwrap();
            stream.set_nonblocking(true).unwrap();
            stream
        })
        .collect();
    // Others are answered meanwhile (each within get's five seconds).
    for _ in 0..5 {
        assert_eq!(get(server.port, "/").map(|r| r.0), Some(200));
        slow.retain_mut(still_open);
        std::thread::sleep(Duration::from_secs(1));
    }
    // The server gives up on them after its header timeout (ten seconds).
    while !slow.is_empty() && started.elapsed() < Duration::from_secs(40) {
        slow.retain_mut(still_open);
        std::thread::sleep(Duration::from_secs(1));
    }
    assert!(
        slow.is_empty(),
        "{} slow clients still connected",
        slow.len()
    );
    assert_eq!(get(server.port, "/").map(|r| r.0), Some(200));
}

/// A preview is where a warning helps most: it is shown there as by `build`.
#[test]
fn the_preview_shows_warnings_too() {
    let site = TestSite::standard("serve-warning");
    let without_declared = ELECTION_YAML.split("declared:").next().unwrap();
    site.write(
        "content/elections/2026-testshire-mayor/election.yaml",
        without_declared,
    );
    let temp = site.root.join("tmp");
    std::fs::create_dir_all(&temp).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_psephos"))
        .args(["serve", "--port", "0"])
        .arg(&site.root)
        .env("TMPDIR", &temp)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let port = announced_port(child.stdout.take().unwrap());
    let mut server = Server { child, port };
    assert!(wait_for(Duration::from_secs(20), || {
        get(port, "/").is_some_and(|(status, _)| status == 200)
    }));
    let _ = server.child.kill();
    let _ = server.child.wait();
    let mut stderr = String::new();
    server
        .child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(stderr.contains("warning: declared: not given"), "{stderr}");
}

/// An edit reaches the preview when it lands behind a link (a data file
/// linked from `content/`) or in a `content/` folder put in the old one's
/// place: the preview never goes on showing figures the files no longer say.
#[cfg(unix)]
#[test]
fn edits_behind_links_and_in_a_replaced_content_folder_are_served() {
    let site = TestSite::standard("serve-linked");
    let election = site
        .root
        .join("content/elections/2026-testshire-mayor/election.yaml");
    std::fs::create_dir_all(site.root.join("data")).unwrap();
    std::fs::rename(&election, site.root.join("data/election.yaml")).unwrap();
    std::os::unix::fs::symlink("../../../data/election.yaml", &election).unwrap();
    let server = start(&site);
    let page = "/elections/2026-testshire-mayor/";
    let shows = |text: &str| {
        wait_for(Duration::from_secs(10), || {
            get(server.port, page).is_some_and(|(_, html)| html.contains(text))
        })
    };
    assert!(shows("2026 Testshire mayoral election"));
    site.write(
        "data/election.yaml",
        &ELECTION_YAML.replace("2026 Testshire mayoral election", "Linked title"),
    );
    assert!(shows("Linked title"), "an edit behind a link is served");

    let content = site.root.join("content");
    std::fs::rename(&content, site.root.join("content.old")).unwrap();
    let copy = std::process::Command::new("cp")
        .args(["-r", "content.old", "content"])
        .current_dir(&site.root)
        .status()
        .unwrap();
    assert!(copy.success());
    assert!(shows("Linked title"));
    assert!(
        an_edit_is_served(&site, &server),
        "the new content/ is watched"
    );
}
