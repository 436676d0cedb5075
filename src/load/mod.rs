//! Loading an election: read `election.yaml` (and any ballot CSVs), check it,
//! count it. Every problem found is returned, each located in its file.

mod ballots;
mod checks;
mod election;
mod encoding;
mod files;
mod hints;
mod reader;
mod site;
pub mod text;

pub use site::{load_site, reload_election, reload_news, shares_office_page};

use std::path::{Path as FsPath, PathBuf};

pub use files::{DataPath, Files, MAX_FILE_BYTES, Refusal};
pub use reader::MAX_VOTES;

pub use crate::content::Loaded;
use crate::count::{Outcome, count};
use crate::diagnostic::{Diagnostic, Kind, TextLines, inside, line_of};
use crate::model::Election;
use crate::yaml::{self, Location};

/// The file every election folder holds.
pub const ELECTION_FILE: &str = "election.yaml";

/// An election's file and its text, kept while loading a site so that later
/// checks (links to profiles) can point into it. The content model never
/// sees the raw text.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    pub file: PathBuf,
    pub text: String,
}

impl Source {
    /// A problem at a field of this election's file.
    pub fn problem_at(
        &self,
        kind: Kind,
        path: &yaml::Path,
        message: String,
        help: String,
    ) -> Diagnostic {
        let mut problems = reader::Problems::default();
        problems.value(kind, path, message, help);
        let mut out = diagnostics(&self.file, &self.text, 0, problems, Vec::new());
        out.remove(0)
    }
}

/// Loads `path`: an `election.yaml`, or the folder holding one.
pub fn load_election(path: &FsPath) -> Result<Loaded, Vec<Diagnostic>> {
    load_election_source(path).map(|(loaded, _)| loaded)
}

/// [`load_election`], keeping the file's text.
pub(crate) fn load_election_source(path: &FsPath) -> Result<(Loaded, Source), Vec<Diagnostic>> {
    let file = if path.is_dir() {
        path.join(ELECTION_FILE)
    } else {
        path.to_path_buf()
    };
    let text = text::read(&file).map_err(|err| {
        let mut diagnostic = err.diagnostic(&file);
        if let text::TextError::Io(why) = &err {
            diagnostic.message = format!("cannot read the election data: {why}");
            diagnostic.help = Some(format!(
                "give an {ELECTION_FILE} file, or the folder that holds one"
            ));
        }
        vec![diagnostic]
    })?;
    let folder = file.parent().map(FsPath::to_path_buf).unwrap_or_default();
    let (election, outcome) = check(&file, &text, &files::Folder(folder))?;
    let warnings = checks::warnings(&election, &outcome);
    let placer = Placer::new(&file, &text, 0, &warnings);
    let warnings = warnings
        .into_iter()
        .map(|problem| placer.place(problem))
        .collect();
    Ok((
        Loaded {
            election,
            outcome,
            warnings,
        },
        Source { file, text },
    ))
}

/// Checks and counts an election's text. `file` is only for messages.
pub fn check(
    file: &FsPath,
    text: &str,
    files: &dyn Files,
) -> Result<(Election, Outcome), Vec<Diagnostic>> {
    let misread = misreadings(file, text, 0);
    let node = yaml::parse(text)
        .map_err(|err| with_misreadings(vec![syntax_diagnostic(file, text, 0, &err)], &misread))?;
    let mut reading = election::Reading {
        problems: reader::Problems::default(),
        csv_diagnostics: Vec::new(),
        files,
        sheet: None,
    };
    let Some(election) = election::read(&node, &mut reading) else {
        let found = diagnostics(file, text, 0, reading.problems, reading.csv_diagnostics);
        return Err(with_misreadings(found, &misread));
    };
    let mut problems = reader::Problems::default();
    // Problems with figures from a sheet of area totals, placed there.
    let sheet = reading.sheet;
    let mut in_sheet = Vec::new();
    let outcome = match count(&election) {
        Ok(outcome) => Some(outcome),
        Err(issues) => {
            for issue in &issues {
                match sheet.as_ref().and_then(|s| s.place_issue(issue, &election)) {
                    Some(placed) => in_sheet.push(placed),
                    None => checks::count_issue(issue, &mut problems),
                }
            }
            None
        }
    };
    if let Some(outcome) = &outcome {
        checks::declared(&election, outcome, &mut problems);
        let counting = outcome.is_counting();
        checks::empty_areas(outcome, &mut problems, &mut |i| {
            let placed = sheet
                .as_ref()
                .and_then(|s| s.place_empty_area(&election, i, counting));
            placed.map(|p| in_sheet.push(p)).is_some()
        });
        checks::rejected_second(&election, outcome, &mut problems);
    }
    match outcome {
        Some(outcome) if problems.is_empty() && in_sheet.is_empty() && misread.is_empty() => {
            Ok((election, outcome))
        }
        _ => Err(with_misreadings(
            diagnostics(file, text, 0, problems, in_sheet),
            &misread,
        )),
    }
}

/// Text that YAML reads as something other than what was meant, as errors:
/// a figure or colour silently lost must never reach a published page.
fn misreadings(file: &FsPath, text: &str, line_offset: usize) -> Vec<Diagnostic> {
    misreadings_in(file, text, yaml_part(text, line_offset), line_offset)
}

/// [`misreadings`] of `yaml`, the YAML part of `whole` from line
/// `line_offset + 1` on: a front matter, without the Markdown after it,
/// which is not YAML.
fn misreadings_in(file: &FsPath, whole: &str, yaml: &str, line_offset: usize) -> Vec<Diagnostic> {
    let hints = hints::misreadings(yaml);
    if hints.is_empty() {
        return Vec::new();
    }
    let lines = TextLines::of(whole);
    hints
        .into_iter()
        .map(|hint| {
            let line = hint.location.line + line_offset;
            Diagnostic {
                kind: Kind::Misread,
                file: file.to_path_buf(),
                location: Location {
                    line,
                    column: hint.location.column,
                },
                field: None,
                message: hint.message,
                help: Some(hint.help),
                source_line: lines.line(line),
            }
        })
        .collect()
}

/// Problems on a misread line are consequences of the misreading (`120` is
/// not a candidate), so the misreading alone is reported there. A syntax
/// error just after one (a comment swallowed a closing `}`) is one too.
fn with_misreadings(found: Vec<Diagnostic>, misread: &[Diagnostic]) -> Vec<Diagnostic> {
    let caused = |d: &Diagnostic| {
        misread.iter().any(|m| {
            let line = m.location.line;
            d.location.line == line
                || (d.message.starts_with("this is not valid YAML") && d.location.line == line + 1)
        })
    };
    let mut out: Vec<Diagnostic> = found
        .into_iter()
        .filter(|d| !caused(d))
        .chain(misread.iter().cloned())
        .collect();
    out.sort_by(|a, b| a.file.cmp(&b.file).then(a.location.cmp(&b.location)));
    out
}

/// A YAML syntax error, with advice chosen from the line it is on.
fn syntax_diagnostic(
    file: &FsPath,
    whole: &str,
    line_offset: usize,
    err: &yaml::SyntaxError,
) -> Diagnostic {
    let yaml_text = yaml_part(whole, line_offset);
    let found = hints::repeated_key(yaml_text, &err.message, err.location.line)
        .unwrap_or_else(|| inside(yaml_text, err.location));
    let line = found.line + line_offset;
    let source_line = line_of(whole, line);
    Diagnostic {
        kind: Kind::Syntax,
        file: file.to_path_buf(),
        location: Location {
            line,
            column: found.column,
        },
        field: None,
        message: format!("this is not valid YAML: {}", err.message),
        help: Some(if !err.message.contains("duplicate entry with key") {
            hints::syntax_help(&err.message, source_line.as_deref())
        } else {
            "a key may appear only once in a mapping: remove or rename this one".into()
        }),
        source_line,
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
    let placer = Placer::new(file, text, line_offset, &problems.0);
    let mut out: Vec<Diagnostic> = problems
        .0
        .into_iter()
        .map(|problem| placer.place(problem))
        .collect();
    out.extend(csv);
    out.sort_by(|a, b| a.file.cmp(&b.file).then(a.location.cmp(&b.location)));
    out
}

/// Places problems in one file. The file is parsed for positions and split
/// into lines once, so placing N problems costs one pass over the file plus
/// N lookups, not N passes.
struct Placer<'t> {
    file: &'t FsPath,
    yaml_text: &'t str,
    line_offset: usize,
    positions: yaml::Positions,
    yaml_lines: TextLines<'t>,
    all_lines: TextLines<'t>,
}

impl<'t> Placer<'t> {
    /// A placer for `problems` (and no others).
    fn new(
        file: &'t FsPath,
        text: &'t str,
        line_offset: usize,
        problems: &[reader::Problem],
    ) -> Self {
        let yaml_text = yaml_part(text, line_offset);
        Placer {
            file,
            yaml_text,
            line_offset,
            positions: yaml::Positions::of_paths(yaml_text, problems.iter().map(|p| &p.path)),
            yaml_lines: TextLines::of(yaml_text),
            all_lines: TextLines::of(text),
        }
    }

    fn place(&self, problem: reader::Problem) -> Diagnostic {
        let found = self
            .positions
            .locate(self.yaml_text, &problem.path, problem.target);
        let mut location = self.yaml_lines.inside(found);
        location.line += self.line_offset;
        let source_line = self.all_lines.line(location.line);
        let field = (!problem.path.is_root()).then(|| problem.path.to_string());
        let kind = problem.kind;
        let typed = problem.into_wording(source_line.as_deref(), location.column);
        Diagnostic {
            kind,
            file: self.file.to_path_buf(),
            location,
            field,
            message: typed.message,
            help: typed.help,
            source_line,
        }
    }
}

/// The text from line `skip + 1` on.
fn yaml_part(text: &str, skip: usize) -> &str {
    let skipped: usize = crate::diagnostic::lines_with_ends(text)
        .take(skip)
        .map(str::len)
        .sum();
    &text[skipped..]
}
