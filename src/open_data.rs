//! Open data files: each election's results as JSON and CSV, in the NIST
//! SP 1500-100 format (`nist.rs`) and as an RCTab summary (`rctab.rs`), and
//! an index of everything. `results.json` is exactly what
//! `psephos count --json` prints.

use std::error::Error;
use std::fmt;

use serde::Serialize;

use crate::change;
use crate::content::{ElectionEntry, Site};
use crate::count::Stage;
use crate::report;
use crate::site::routes::{
    DATA_INDEX, NIST_JSON, RCTAB_JSON, RESULTS_CSV, RESULTS_JSON, rctab_published,
};
use crate::site::{Output, folder};

pub mod nist;
pub mod rctab;

/// A file of open data that could not be made. Nothing is published in its
/// place: an empty `results.json` would look like a result.
#[derive(Debug)]
pub struct DataError {
    pub path: String,
    pub error: Box<dyn Error + Send + Sync>,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not make {}: {}", self.path, self.error)
    }
}

impl Error for DataError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(self.error.as_ref())
    }
}

/// The CSV's columns, named after Democracy Club's results export where one
/// fits. Documented in docs/open-data.md.
pub const CSV_COLUMNS: [&str; 13] = [
    "election_id",
    "ballot_paper_id",
    "area_id",
    "area_name",
    "stage",
    "candidate_id",
    "person_name",
    "party_id",
    "party_name",
    "votes_cast",
    "transfers",
    "elected",
    "provisional",
];

/// `results.json` on a site: what `psephos count --json` prints, and the
/// change since the previous election when there is one.
#[derive(Serialize)]
struct SiteResults<'a> {
    #[serde(flatten)]
    results: report::json::Results<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    change: Option<report::change::ChangeJson<'a>>,
}

pub fn outputs(site: &Site) -> Result<Vec<Output>, DataError> {
    let mut outputs = Vec::new();
    let previous = change::resolve(&site.elections);
    for entry in &site.elections {
        let dir = folder::election(&entry.slug);
        let (election, outcome) = (&entry.loaded.election, &entry.loaded.outcome);
        let before = previous.of(&entry.slug);
        let made = before.and_then(|before| report::change::made(entry, before));
        let results = SiteResults {
            results: report::json::results(election, outcome),
            change: made
                .as_ref()
                .zip(before)
                .map(|(made, before)| report::change::json(made, before)),
        };
        outputs.push(json_file(format!("{dir}{RESULTS_JSON}"), &results)?);
        outputs.push(csv_file(
            format!("{dir}{RESULTS_CSV}"),
            results_rows(entry),
        )?);
        let issuer = nist::Issuer {
            name: &site.config.publisher,
            language: &site.config.language,
        };
        let report = nist::report(election, outcome, &issuer);
        outputs.push(json_file(format!("{dir}{NIST_JSON}"), &report)?);
        if let Some(summary) = rctab::summary(election, outcome) {
            outputs.push(json_file(format!("{dir}{RCTAB_JSON}"), &summary)?);
        }
    }
    outputs.push(json_file(DATA_INDEX.to_owned(), &index(site))?);
    Ok(outputs)
}

/// `value` as pretty JSON ending in a line break, as `psephos count --json`
/// prints it.
fn json_file(path: String, value: &impl Serialize) -> Result<Output, DataError> {
    match serde_json::to_string_pretty(value) {
        Ok(mut json) => {
            json.push('\n');
            Ok(Output::new(path, json))
        }
        Err(error) => Err(DataError {
            path,
            error: error.into(),
        }),
    }
}

/// A CSV file with a heading row of [`CSV_COLUMNS`].
fn csv_file(path: String, rows: Vec<Vec<String>>) -> Result<Output, DataError> {
    let written = (|| -> Result<Vec<u8>, csv::Error> {
        // Excel reads a CSV as the system's code page unless it starts with
        // a byte-order mark, and would show `Siân` as `SiÃ¢n`.
        let mut writer = csv::Writer::from_writer(UTF8_BOM.to_vec());
        writer.write_record(CSV_COLUMNS)?;
        for row in rows {
            writer.write_record(&row)?;
        }
        Ok(writer.into_inner().map_err(|e| e.into_error())?)
    })();
    match written {
        Ok(bytes) => Ok(Output::new(path, bytes)),
        Err(error) => Err(DataError {
            path,
            error: Box::new(error) as Box<dyn Error + Send + Sync>,
        }),
    }
}

/// How a UTF-8 file says so to programs that guess.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The Democracy Club style id: the data's own, else the folder slug.
pub fn election_id(entry: &ElectionEntry) -> &str {
    entry
        .loaded
        .election
        .election_id
        .as_deref()
        .unwrap_or(&entry.slug)
}

/// One row per area, count stage and candidate.
fn results_rows(entry: &ElectionEntry) -> Vec<Vec<String>> {
    let (election, outcome) = (&entry.loaded.election, &entry.loaded.outcome);
    let id = election_id(entry);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let provisional = outcome.is_counting().to_string();
    for (area, tallied) in election.areas.iter().zip(&outcome.areas) {
        if tallied.stage == Stage::Awaiting {
            continue;
        }
        for stage in ["first", "second"] {
            for result in &tallied.tally.candidates {
                let (votes, transfers) = match stage {
                    "first" => (result.first, None),
                    _ => match (result.total, result.transfers) {
                        (Some(total), transfers) => (total, transfers),
                        (None, _) => continue,
                    },
                };
                let Some(candidate) = election.candidate(&result.id) else {
                    continue;
                };
                rows.push(vec![
                    id.to_owned(),
                    id.to_owned(),
                    area.id.to_string(),
                    area.name.clone(),
                    stage.to_owned(),
                    candidate.id.to_string(),
                    candidate.name.clone(),
                    candidate
                        .party
                        .as_ref()
                        .map_or_else(String::new, ToString::to_string),
                    election.party_name(candidate).to_owned(),
                    votes.0.to_string(),
                    transfers.map_or_else(String::new, |t| t.0.to_string()),
                    (Some(&result.id) == outcome.winner()).to_string(),
                    provisional.clone(),
                ]);
            }
        }
    }
    rows
}

#[derive(Serialize)]
struct Index<'a> {
    elections: Vec<IndexEntry<'a>>,
}

#[derive(Serialize)]
struct IndexEntry<'a> {
    slug: &'a str,
    election_id: &'a str,
    title: &'a str,
    date: String,
    status: &'static str,
    /// None while counting.
    winner: Option<&'a str>,
    page: String,
    results_json: String,
    results_csv: String,
    nist_json: String,
    /// None while counting and when uncontested.
    rctab_json: Option<String>,
}

/// Paths are relative to the site's root.
fn index(site: &Site) -> Index<'_> {
    Index {
        elections: site
            .elections
            .iter()
            .map(|entry| {
                let dir = folder::election(&entry.slug);
                IndexEntry {
                    slug: &entry.slug,
                    election_id: election_id(entry),
                    title: &entry.loaded.election.title,
                    date: entry.loaded.election.date.to_string(),
                    status: entry.loaded.election.status.key(),
                    winner: entry.loaded.outcome.winner().map(|w| w.as_str()),
                    page: dir.clone(),
                    results_json: format!("{dir}{RESULTS_JSON}"),
                    results_csv: format!("{dir}{RESULTS_CSV}"),
                    nist_json: format!("{dir}{NIST_JSON}"),
                    rctab_json: rctab_published(&entry.loaded.outcome)
                        .then(|| format!("{dir}{RCTAB_JSON}")),
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Refuses to be written, as a value serde_json cannot represent would.
    struct Unwritable;

    impl Serialize for Unwritable {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("no way to write this"))
        }
    }

    #[test]
    fn a_file_that_cannot_be_made_is_an_error_not_an_empty_file() {
        let error = json_file("elections/x/results.json".into(), &Unwritable).unwrap_err();
        assert_eq!(
            error.to_string(),
            "could not make elections/x/results.json: no way to write this"
        );
        // A row with too few fields is a broken CSV.
        let rows = vec![vec!["only one field".to_owned()]];
        let error = csv_file("elections/x/results.csv".into(), rows).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("could not make elections/x/results.csv: "),
            "{error}"
        );
        // A build fails with it, in the same words.
        let reported = crate::build::BuildError::Data(error).to_string();
        assert!(reported.starts_with("could not make elections/x/results.csv"));
    }

    #[test]
    fn files_that_can_be_made_end_in_a_line_break() {
        let json = json_file("d.json".into(), &vec![1, 2]).unwrap();
        assert_eq!(json.contents, b"[\n  1,\n  2\n]\n");
        let row: Vec<String> = CSV_COLUMNS.iter().map(|c| c.to_uppercase()).collect();
        let csv = csv_file("d.csv".into(), vec![row]).unwrap();
        let text = String::from_utf8(csv.contents).unwrap();
        assert_eq!(text.lines().count(), 2);
        // After the byte-order mark that tells Excel the file is UTF-8.
        assert!(text.starts_with("\u{feff}election_id,"), "{text}");
        assert!(text.ends_with("PROVISIONAL\n"), "{text}");
    }
}
