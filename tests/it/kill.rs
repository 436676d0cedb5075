//! Builds killed at random moments (SIGKILL: no chance to tidy up) leave the
//! output folder holding exactly the old site or the new one, never a mixture
//! and never nothing; the next build that finishes leaves nothing beside it.
//!
//! `PSEPHOS_KILL_TRIES=200 cargo test --test kill -- --nocapture` runs more
//! kills than CI does; `PSEPHOS_KILL_SEED` repeats a run's kill times.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use crate::common::site_tree as tree;

/// Enough areas and news for a debug build to take a few hundred
/// milliseconds, so that kills land in loading, rendering and writing.
const AREAS: usize = 30;
const NEWS: usize = 30;

type Tree = BTreeMap<String, Vec<u8>>;

/// A site of `AREAS` areas and `NEWS` news items; the two variants differ in
/// every page (the title) and in their files (one more news item in `b`).
fn write_site(root: &Path, variant: char) {
    let _ = fs::remove_dir_all(root.join("content"));
    let write = |relative: &str, text: &str| {
        let path = root.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    write(
        "content/site.yaml",
        &format!("title: Killshire results {variant}\npublisher: Killshire Council\n"),
    );
    let mut election = String::from(
        "title: 2026 Killshire mayoral election\noffice: Mayor of Killshire\ndate: 2026-06-19\nsystem: supplementary-vote\ncandidates:\n  - {id: ann, name: Ann Ash}\n  - {id: bob, name: Bob Birch}\n  - {id: cat, name: Cat Cedar}\nareas:\n",
    );
    for n in 0..AREAS {
        election += &format!(
            "  - id: area-{n}\n    name: Area {n}\n    first: {{ann: {}, bob: {}, cat: 200}}\n    second: {{ann: 50, bob: 40}}\n",
            400 + n,
            300 + n % 7,
        );
    }
    write(
        "content/elections/2026-killshire-mayor/election.yaml",
        &election,
    );
    let items = NEWS + usize::from(variant == 'b');
    for n in 0..items {
        write(
            &format!("content/news/item-{n}.md"),
            &format!(
                "---\ntitle: News {n}\ndate: 2026-06-{:02}\nsummary: Item {n}.\n---\nThe count goes on.\n",
                1 + n % 28
            ),
        );
    }
}

fn psephos_build(site: &Path, out: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_psephos"));
    command
        .args(["build", "--quiet", "--out"])
        .arg(out)
        .arg(site)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// Everything beside the output folder: staging folders left by killed builds.
fn leftovers(out: &Path) -> Vec<String> {
    let name = out.file_name().unwrap();
    fs::read_dir(out.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() != name)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

/// Builds a variant to completion, and how long that took.
fn build_whole(site: &Path, out: &Path, variant: char) -> Duration {
    write_site(site, variant);
    let started = Instant::now();
    let status = psephos_build(site, out).status().unwrap();
    assert!(status.success(), "building variant {variant} failed");
    started.elapsed()
}

/// A small xorshift generator: kill times need to be spread, not secret.
struct Random(u64);

impl Random {
    fn fraction(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

#[test]
fn a_killed_build_leaves_the_old_site_or_the_new_one_and_nothing_beside_it() {
    let tries = env_number("PSEPHOS_KILL_TRIES").unwrap_or(30) as usize;
    let seed = env_number("PSEPHOS_KILL_SEED").unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
            | 1
    });
    let temp = crate::common::temp_dir("kill");
    let work: PathBuf = temp.path().to_path_buf();
    let site = work.join("site");
    let out = work.join("out/public");
    // Two builds are byte-identical, so these are what the output may hold.
    let mut reference: BTreeMap<char, Tree> = BTreeMap::new();
    for variant in ['a', 'b'] {
        let dir = work.join(format!("ref-{variant}/public"));
        build_whole(&site, &dir, variant);
        reference.insert(variant, tree(&dir));
    }
    assert_ne!(reference[&'a'], reference[&'b']);
    build_whole(&site, &out, 'a');
    // Builds below replace a site, which takes longest; the quicker of two
    // is the better guide on a busy machine.
    let took = build_whole(&site, &out, 'b').min(build_whole(&site, &out, 'a'));
    let mut current = 'a';
    let mut random = Random(seed);
    let (mut killed, mut finished, mut seen_leftovers, mut most_leftovers) = (0, 0, 0, 0);
    for n in 0..tries {
        let target = if current == 'a' { 'b' } else { 'a' };
        write_site(&site, target);
        // Spread over the whole build and a little beyond (for the odd build that finishes), in strata so
        // that every part of the build gets its share of kills.
        let delay = took.mul_f64(1.3 * (n as f64 + random.fraction()) / tries as f64);
        let mut child = psephos_build(&site, &out).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.success() {
            finished += 1;
        } else {
            killed += 1;
        }
        let now = tree(&out);
        current = match () {
            () if now == reference[&current] => current,
            () if now == reference[&target] => target,
            () => panic!(
                "try {n} (seed {seed}, killed after {delay:?}): the output is neither the old site nor the new one ({} files; leftovers {:?})",
                now.len(),
                leftovers(&out)
            ),
        };
        let left = leftovers(&out).len();
        seen_leftovers += left;
        most_leftovers = most_leftovers.max(left);
        if n % 10 == 9 || n + 1 == tries {
            let variant = if current == 'a' { 'b' } else { 'a' };
            build_whole(&site, &out, variant);
            current = variant;
            assert_eq!(tree(&out), reference[&current]);
            assert_eq!(
                leftovers(&out),
                Vec::<String>::new(),
                "a finished build leaves nothing beside the output (seed {seed})"
            );
        }
    }
    eprintln!(
        "{tries} tries over {took:?} builds (seed {seed}): {killed} killed mid-build, {finished} finished; {seen_leftovers} leftover folders seen after kills (at most {most_leftovers} at once), none after each finished build"
    );
}
