//! Open data files: each election's results as JSON and CSV, and an index
//! of everything. The JSON is exactly what `psephos count --json` prints.

use serde::Serialize;

use crate::content::{ElectionEntry, Site};
use crate::count::Stage;
use crate::pages::Output;
use crate::pages::links::folder;
use crate::report;

pub const RESULTS_JSON: &str = "results.json";
pub const RESULTS_CSV: &str = "results.csv";
pub const INDEX: &str = "data/index.json";

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

pub fn outputs(site: &Site) -> Vec<Output> {
    let mut outputs = Vec::new();
    for entry in &site.elections {
        let dir = folder::election(&entry.slug);
        let (election, outcome) = (&entry.loaded.election, &entry.loaded.outcome);
        outputs.push(Output {
            path: format!("{dir}{RESULTS_JSON}"),
            contents: report::json::to_string(election, outcome).into_bytes(),
        });
        outputs.push(Output {
            path: format!("{dir}{RESULTS_CSV}"),
            contents: results_csv(entry),
        });
    }
    outputs.push(Output {
        path: INDEX.to_owned(),
        contents: index_json(site).into_bytes(),
    });
    outputs
}

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
pub fn results_csv(entry: &ElectionEntry) -> Vec<u8> {
    let (election, outcome) = (&entry.loaded.election, &entry.loaded.outcome);
    let id = election_id(entry);
    let mut writer = csv::Writer::from_writer(Vec::new());
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
    // Writing to memory only fails on a broken record, which these are not.
    let _ = writer.write_record(CSV_COLUMNS);
    for row in rows {
        let _ = writer.write_record(&row);
    }
    writer.into_inner().unwrap_or_default()
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
}

/// Paths are relative to the site's root.
pub fn index_json(site: &Site) -> String {
    let index = Index {
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
                }
            })
            .collect(),
    };
    let mut json = serde_json::to_string_pretty(&index).unwrap_or_default();
    json.push('\n');
    json
}
