//! Loading an election: read `election.yaml` (and any ballot CSVs), check it,
//! count it. Every problem found is returned, each located in its file.

mod ballots;
mod checks;
mod election;
mod reader;
mod site;

pub use site::load_site;

use std::fs;
use std::path::{Path as FsPath, PathBuf};

pub use ballots::Files;
pub use reader::MAX_VOTES;

use crate::count::{Outcome, count};
use crate::diagnostic::{Diagnostic, inside, line_of};
use crate::model::Election;
use crate::yaml::{self, Location};

/// The file every election folder holds.
pub const ELECTION_FILE: &str = "election.yaml";

/// A checked election and its count.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub election: Election,
    pub outcome: Outcome,
    /// The election.yaml it came from, and its text, so that later checks
    /// (links to profiles) can point into it.
    pub file: PathBuf,
    pub text: String,
}

impl Loaded {
    /// A problem at a field of this election's file.
    pub fn problem_at(&self, path: &yaml::Path, message: String, help: String) -> Diagnostic {
        let mut problems = reader::Problems::default();
        problems.value(path, message, help);
        let mut out = diagnostics(&self.file, &self.text, 0, problems, Vec::new());
        out.remove(0)
    }
}

/// Loads `path`: an `election.yaml`, or the folder holding one.
pub fn load_election(path: &FsPath) -> Result<Loaded, Vec<Diagnostic>> {
    let file = if path.is_dir() {
        path.join(ELECTION_FILE)
    } else {
        path.to_path_buf()
    };
    let text = fs::read_to_string(&file).map_err(|err| {
        vec![Diagnostic {
            file: file.clone(),
            location: Location::START,
            field: None,
            message: format!("cannot read the election data: {err}"),
            help: Some(format!(
                "give an {ELECTION_FILE} file, or the folder that holds one"
            )),
            source_line: None,
        }]
    })?;
    let folder = file.parent().map(FsPath::to_path_buf).unwrap_or_default();
    let (election, outcome) = check(&file, &text, &Folder(folder))?;
    Ok(Loaded {
        election,
        outcome,
        file,
        text,
    })
}

/// Ballot files, read from the election's folder.
struct Folder(PathBuf);

impl Files for Folder {
    fn read(&self, relative: &str) -> Result<(PathBuf, String), String> {
        let path = self.0.join(relative);
        fs::read_to_string(&path)
            .map(|text| (path, text))
            .map_err(|err| err.to_string())
    }
}

/// Checks and counts an election's text. `file` is only for messages.
pub fn check(
    file: &FsPath,
    text: &str,
    files: &dyn Files,
) -> Result<(Election, Outcome), Vec<Diagnostic>> {
    let node = yaml::parse(text).map_err(|err| {
        let location = inside(text, err.location);
        vec![Diagnostic {
            file: file.to_path_buf(),
            location,
            field: None,
            message: format!("this is not valid YAML: {}", err.message),
            help: Some(
                "check the indentation and punctuation on this line and the one before".into(),
            ),
            source_line: line_of(text, location.line),
        }]
    })?;
    let mut reading = election::Reading {
        problems: reader::Problems::default(),
        csv_diagnostics: Vec::new(),
        files,
    };
    let Some(election) = election::read(&node, &mut reading) else {
        return Err(diagnostics(
            file,
            text,
            0,
            reading.problems,
            reading.csv_diagnostics,
        ));
    };
    let mut problems = reader::Problems::default();
    let outcome = match count(&election) {
        Ok(outcome) => Some(outcome),
        Err(issues) => {
            for issue in &issues {
                checks::count_issue(issue, &mut problems);
            }
            None
        }
    };
    if let Some(outcome) = &outcome {
        checks::declared(&election, outcome, &mut problems);
    }
    match outcome {
        Some(outcome) if problems.is_empty() => Ok((election, outcome)),
        _ => Err(diagnostics(file, text, 0, problems, Vec::new())),
    }
}

/// Places each problem in the YAML text, then sorts all of them by position.
/// `yaml` is the YAML part of the file, which starts `line_offset` lines into
/// `text` (after a front matter's opening `---`).
fn diagnostics(
    file: &FsPath,
    text: &str,
    line_offset: usize,
    problems: reader::Problems,
    csv: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let yaml_text = yaml_part(text, line_offset);
    let mut out: Vec<Diagnostic> = problems
        .0
        .into_iter()
        .map(|problem| {
            let found = yaml::locate(yaml_text, &problem.path, problem.target);
            let mut location = inside(yaml_text, found);
            location.line += line_offset;
            Diagnostic {
                file: file.to_path_buf(),
                location,
                field: (!problem.path.is_root()).then(|| problem.path.to_string()),
                message: problem.message,
                help: problem.help,
                source_line: line_of(text, location.line),
            }
        })
        .collect();
    out.extend(csv);
    out.sort_by(|a, b| a.file.cmp(&b.file).then(a.location.cmp(&b.location)));
    out
}

/// The text from line `skip + 1` on.
fn yaml_part(text: &str, skip: usize) -> &str {
    let mut rest = text;
    for _ in 0..skip {
        match rest.find('\n') {
            Some(at) => rest = &rest[at + 1..],
            None => return "",
        }
    }
    rest
}
