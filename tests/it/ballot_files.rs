//! `ballots:` names a file; only an ordinary file inside the election's folder
//! is ever read, and nothing from a refused file reaches a message. These
//! cases need links, sockets and huge files, so they are made at run time
//! rather than kept as fixtures.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;
use std::os::unix::net::UnixListener;
use std::path::PathBuf;
use std::process::Command;

use psephos::diagnostic::Diagnostic;
use psephos::load::{MAX_FILE_BYTES, load_election};

const SECRET: &str = "PSEPHOS_TEST_SECRET=hunter2";

const GOOD_CSV: &str = "first,second,count\nann-ash,bob-birch,100\ncat-cedar,,50\n";

/// A scratch folder holding `election/` and, beside it, a file with a secret.
struct Scratch(PathBuf, #[allow(dead_code)] tempfile::TempDir);

impl Scratch {
    fn new(name: &str) -> Self {
        let temp = crate::common::temp_dir(name);
        let root = temp.path().to_path_buf();
        fs::create_dir_all(root.join("election/ballots")).unwrap();
        fs::write(root.join("secret.csv"), format!("{SECRET}\n")).unwrap();
        Scratch(root, temp)
    }

    fn election(&self) -> PathBuf {
        self.0.join("election")
    }

    fn load(&self, ballots: &str) -> Result<(), Vec<Diagnostic>> {
        fs::write(
            self.election().join("election.yaml"),
            crate::common::BALLOTS_ELECTION.replace("{BALLOTS}", ballots),
        )
        .unwrap();
        load_election(&self.election()).map(|_| ())
    }

    /// The one error loading gives, which must be at the `ballots:` value.
    fn refusal(&self, ballots: &str) -> String {
        let errors = self.load(ballots).expect_err("the file was accepted");
        assert_eq!(errors.len(), 1, "{errors:?}");
        let error = &errors[0];
        assert!(error.file.ends_with("election.yaml"), "{error}");
        assert_eq!(
            (error.location.line, error.location.column),
            (16, 14),
            "{error}"
        );
        error.render()
    }
}

fn assert_no_secret(errors: &str) {
    assert!(
        !errors.contains("hunter2"),
        "a refused file is quoted:\n{errors}"
    );
}

#[test]
fn a_file_outside_the_folder_is_refused_however_it_is_named() {
    let scratch = Scratch::new("outside");
    let absolute = scratch.0.join("secret.csv");
    let shown = scratch.refusal(&absolute.display().to_string());
    assert!(shown.contains("absolute path"), "{shown}");
    assert_no_secret(&shown);

    let shown = scratch.refusal("../secret.csv");
    assert!(
        shown.contains("leads outside the election's folder"),
        "{shown}"
    );
    assert_no_secret(&shown);

    symlink(
        "../../secret.csv",
        scratch.election().join("ballots/south.csv"),
    )
    .unwrap();
    let shown = scratch.refusal("ballots/south.csv");
    assert!(shown.contains("link to a file outside"), "{shown}");
    assert_no_secret(&shown);
}

#[test]
fn a_linked_folder_cannot_lead_outside_either() {
    let scratch = Scratch::new("linked-folder");
    symlink("..", scratch.election().join("up")).unwrap();
    let shown = scratch.refusal("up/secret.csv");
    assert!(shown.contains("link to a file outside"), "{shown}");
    assert_no_secret(&shown);
}

#[test]
fn a_link_to_a_device_is_refused_without_reading_it() {
    let scratch = Scratch::new("device");
    symlink("/dev/zero", scratch.election().join("ballots/south.csv")).unwrap();
    let shown = scratch.refusal("ballots/south.csv");
    assert!(shown.contains("outside the election's folder"), "{shown}");
}

#[test]
fn only_ordinary_files_are_read() {
    let scratch = Scratch::new("socket");
    let _socket = UnixListener::bind(scratch.election().join("ballots/south.csv")).unwrap();
    let shown = scratch.refusal("ballots/south.csv");
    assert!(shown.contains("not an ordinary file"), "{shown}");
}

#[test]
fn a_file_over_the_size_cap_is_refused() {
    let scratch = Scratch::new("huge");
    let path = scratch.election().join("ballots/south.csv");
    // Sparse: it takes no disk space, and is never read.
    let file = fs::File::create(&path).unwrap();
    file.set_len(MAX_FILE_BYTES + 1).unwrap();
    let shown = scratch.refusal("ballots/south.csv");
    assert!(shown.contains("larger than 2 GiB"), "{shown}");
}

#[test]
fn links_inside_the_folder_and_a_utf8_byte_order_mark_are_fine() {
    let scratch = Scratch::new("fine");
    let ballots = scratch.election().join("ballots");
    fs::write(ballots.join("south.csv"), format!("\u{feff}{GOOD_CSV}")).unwrap();
    symlink("south.csv", ballots.join("latest.csv")).unwrap();
    scratch.load("ballots/south.csv").unwrap();
    scratch.load("ballots/latest.csv").unwrap();
    scratch.load("./ballots/../ballots/south.csv").unwrap();
}

#[test]
fn an_election_given_by_a_bare_file_name_reads_its_ballots() {
    // `psephos count election.yaml` inside the folder: its folder is "".
    let scratch = Scratch::new("bare");
    fs::write(scratch.election().join("ballots/south.csv"), GOOD_CSV).unwrap();
    scratch.load("ballots/south.csv").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_psephos"))
        .args(["count", "election.yaml"])
        .current_dir(scratch.election())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
