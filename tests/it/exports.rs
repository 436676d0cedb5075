//! The exports other tools read, checked against their formats' published
//! JSON schemas (`tests/schemas/`): the NIST SP 1500-100 v2 report of every
//! example, real and hand-worked election and of counts in progress, and the
//! RCTab summary rcvis draws, with the data rules rcvis applies; their
//! figures add up to the count's.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use jsonschema::Validator;
use psephos::count::Outcome;
use psephos::load::{Loaded, load_election};
use psephos::model::Election;
use psephos::open_data::{nist, rctab};
use serde_json::Value;

use crate::common::{BALLOTS_ELECTION, SITE_YAML, TestSite, temp_dir};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn validator(file: &str) -> Validator {
    let text = fs::read_to_string(root().join("tests/schemas").join(file)).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{file}: {e}"))
}

static NIST: LazyLock<Validator> = LazyLock::new(|| validator("nist-1500-100-v2.schema.json"));
static NIST_SCHEMA: LazyLock<Value> = LazyLock::new(|| {
    let text = fs::read_to_string(root().join("tests/schemas/nist-1500-100-v2.schema.json"));
    serde_json::from_str(&text.unwrap()).unwrap()
});
static RCTAB: LazyLock<Validator> =
    LazyLock::new(|| validator("rctab-universal-tabulator.schema.json"));

/// The schema's complaints about `value`, one a line, with where they are.
fn complaints(validator: &Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

const ISSUER: nist::Issuer = nist::Issuer {
    name: "Testshire Council",
    language: "en-GB",
};

fn nist_json(loaded: &Loaded) -> Value {
    serde_json::to_value(nist::report(&loaded.election, &loaded.outcome, &ISSUER)).unwrap()
}

fn rctab_json(loaded: &Loaded) -> Option<Value> {
    rctab::summary(&loaded.election, &loaded.outcome).map(|s| serde_json::to_value(s).unwrap())
}

fn load(dir: &Path) -> Loaded {
    load_election(dir).unwrap_or_else(|errors| {
        let shown: Vec<String> = errors.iter().map(|e| e.render()).collect();
        panic!("{}:\n{}", dir.display(), shown.join("\n"))
    })
}

/// Elections written here: first past the post, a majority at the first
/// count, two candidates, and ballot-level data in every area.
const INLINE: [(&str, &str); 8] = [
    (
        "fptp",
        "title: FPTP\noffice: Mayor of X\ndate: 2026-06-19\nsystem: first-past-the-post\ncandidates:\n  - {id: a, name: A}\n  - {id: b, name: B}\n  - {id: c, name: C}\nareas:\n  - {id: n, name: N, first: {a: 5, b: 3, c: 2}}\n",
    ),
    (
        "first-count",
        "title: Majority\noffice: Mayor of X\ndate: 2026-06-19\nsystem: supplementary-vote\ncandidates:\n  - {id: a, name: A}\n  - {id: b, name: B}\n  - {id: c, name: C}\nareas:\n  - {id: n, name: N, first: {a: 60, b: 30, c: 10}}\n",
    ),
    (
        "two",
        "title: Two\noffice: Mayor of X\ndate: 2026-06-19\nsystem: supplementary-vote\ncandidates:\n  - {id: a, name: Same Name}\n  - {id: b, name: Same Name}\nareas:\n  - {id: n, name: N, first: {a: 6, b: 4}}\n",
    ),
    ("all-ballots", ALL_BALLOTS),
    (
        "rcvis-labels",
        "title: Labels\noffice: Mayor of X\ndate: 2026-06-19\nsystem: supplementary-vote\ncandidates:\n  - {id: a, name: Inactive ballots}\n  - {id: b, name: exhausted}\n  - {id: c, name: Residual Surplus}\n  - {id: d, name: residual surplus}\n  - {id: e, name: inactive ballots}\nareas:\n  - {id: n, name: N, first: {a: 40, b: 30, c: 15, d: 10, e: 5}, second: {a: 10, b: 5}}\n",
    ),
    (
        "one-person-twice",
        "title: Twice\noffice: Mayor of X\ndate: 2026-06-19\nsystem: supplementary-vote\ncandidates:\n  - {id: a, name: A, person: pat}\n  - {id: b, name: B, person: pat}\n  - {id: c, name: C}\nareas:\n  - {id: n, name: N, first: {a: 40, b: 35, c: 25}, second: {a: 10, b: 5}}\n",
    ),
    (
        // Ids that must not clash: an area whose id is the whole area's name
        // must not share its @id, nor a person slug a candidate's own.
        "area-named-like-the-whole",
        "title: Whole\noffice: Mayor of X\ndate: 2026-06-19\nsystem: supplementary-vote\ncandidates:\n  - {id: a, name: A}\n  - {id: b, name: B}\n  - {id: c, name: C}\nareas:\n  - {id: electoral-area, name: E, first: {a: 40, b: 35, c: 25}, second: {a: 10, b: 5}}\n  - {id: whole, name: W, first: {a: 4, b: 3, c: 2}, second: {a: 1, b: 1}}\n",
    ),
    (
        // A person's slug that reads like another candidate's own id.
        "person-named-like-a-candidate",
        "title: Slugs\noffice: Mayor of X\ndate: 2026-06-19\nsystem: supplementary-vote\ncandidates:\n  - {id: a, name: A, person: of-candidate-b}\n  - {id: b, name: B}\n  - {id: c, name: C}\nareas:\n  - {id: n, name: N, first: {a: 40, b: 35, c: 25}, second: {a: 10, b: 5}}\n",
    ),
];

/// Four candidates, two eliminated: Cat's 40 papers go 15 to Ann, 20 to
/// Bob, 5 nowhere; Dan's 20 go 4 to Ann, 6 to Bob, 10 nowhere (4 of them
/// to Cat, who is out too).
const ALL_BALLOTS: &str = "\
title: All ballots
office: Mayor of X
date: 2026-06-19
system: supplementary-vote
candidates:
  - {id: ann, name: Ann}
  - {id: bob, name: Bob}
  - {id: cat, name: Cat}
  - {id: dan, name: Inactive Ballots}
areas:
  - id: n
    name: N
    ballots:
      - {first: ann, count: 70}
      - {first: bob, count: 60}
      - {first: cat, second: ann, count: 15}
      - {first: cat, second: bob, count: 20}
      - {first: cat, count: 5}
      - {first: dan, second: ann, count: 4}
      - {first: dan, second: bob, count: 6}
      - {first: dan, second: cat, count: 4}
      - {first: dan, count: 6}
";

/// Every election the project has: the example site's, the real and
/// hand-worked fixtures, the results-night fixtures (counting), and
/// [`INLINE`]. The inline ones are written to `scratch`.
fn every_election(scratch: &Path) -> Vec<(String, Loaded)> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    for parent in [
        "content/elections",
        "tests/fixtures/real",
        "tests/fixtures/valid",
        "tests/fixtures/sites/results-night/content/elections",
    ] {
        for entry in fs::read_dir(root().join(parent)).unwrap() {
            let path = entry.unwrap().path();
            if path.join("election.yaml").is_file() {
                dirs.push(path);
            }
        }
    }
    for (name, yaml) in INLINE {
        let dir = scratch.join(name);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("election.yaml"), yaml).unwrap();
        dirs.push(dir);
    }
    dirs.sort();
    dirs.iter()
        .map(|dir| (dir.display().to_string(), load(dir)))
        .collect()
}

#[test]
fn every_nist_report_is_valid_against_the_published_schema() {
    let scratch = temp_dir("nist");
    let elections = every_election(scratch.path());
    let mut counting = 0;
    for (name, loaded) in &elections {
        let json = nist_json(loaded);
        let problems = complaints(&NIST, &json);
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
        let contest = &json["Election"][0]["Contest"][0];
        let statuses: Vec<&Value> = json["Election"][0]["Candidate"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c.get("PostElectionStatus"))
            .collect();
        if loaded.outcome.is_counting() {
            counting += 1;
            assert!(
                json["Status"].as_str().unwrap().starts_with("unofficial-"),
                "{name}"
            );
            assert!(statuses.is_empty(), "{name}: a winner while counting");
            assert!(
                contest["SubUnitsReported"].as_u64() <= contest["TotalSubUnits"].as_u64(),
                "{name}"
            );
        } else {
            assert_eq!(json["Status"], "certified", "{name}");
            assert_eq!(
                statuses.iter().filter(|s| **s == "winner").count(),
                1,
                "{name}"
            );
            assert_eq!(contest["SubUnitsReported"], contest["TotalSubUnits"]);
        }
        let sv = loaded.election.system == psephos::model::System::SupplementaryVote;
        assert_eq!(
            contest["OtherVoteVariation"].as_str(),
            sv.then_some("supplementary-vote"),
            "{name}"
        );
    }
    assert!(counting >= 2, "counts in progress are checked too");
    assert!(elections.len() >= 12, "{}", elections.len());
}

/// Every object of `value` and its children that has an `@id`.
fn with_ids<'v>(value: &'v Value, found: &mut Vec<(&'v str, &'v Value)>) {
    match value {
        Value::Object(object) => {
            if let Some(id) = object.get("@id").and_then(Value::as_str) {
                found.push((id, value));
            }
            object.values().for_each(|v| with_ids(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| with_ids(v, found)),
        _ => {}
    }
}

/// What JSON Schema cannot check: every `@id` is used once, and every
/// reference (the schema marks them with `refTypes`) names an object of a
/// type the standard allows there.
fn nist_reference_problems(report: &Value) -> Vec<String> {
    let mut ids = Vec::new();
    with_ids(report, &mut ids);
    let mut problems = Vec::new();
    let mut types = std::collections::HashMap::new();
    for (id, object) in &ids {
        if types
            .insert(*id, object["@type"].as_str().unwrap())
            .is_some()
        {
            problems.push(format!("@id {id} used twice"));
        }
    }
    fn walk(
        value: &Value,
        types: &std::collections::HashMap<&str, &str>,
        problems: &mut Vec<String>,
    ) {
        match value {
            Value::Object(object) => {
                let kind = object
                    .get("@type")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                let properties = &NIST_SCHEMA["definitions"][kind]["properties"];
                for (key, field) in object {
                    let property = &properties[key.as_str()];
                    let allowed = property
                        .get("refTypes")
                        .or_else(|| property["items"].get("refTypes"));
                    if let Some(allowed) = allowed {
                        let refs: Vec<&Value> = match field {
                            Value::Array(items) => items.iter().collect(),
                            one => vec![one],
                        };
                        for reference in refs {
                            let id = reference.as_str().unwrap();
                            match types.get(id) {
                                Some(to)
                                    if allowed.as_array().unwrap().contains(&Value::from(*to)) => {}
                                found => {
                                    problems.push(format!("{kind}.{key} {id}: refers to {found:?}"))
                                }
                            }
                        }
                    }
                    walk(field, types, problems);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, types, problems)),
            _ => {}
        }
    }
    walk(report, &types, &mut problems);
    problems
}

#[test]
fn every_nist_id_is_unique_and_every_reference_resolves() {
    let scratch = temp_dir("nist-refs");
    let mut references = 0;
    for (name, loaded) in &every_election(scratch.path()) {
        let json = nist_json(loaded);
        let problems = nist_reference_problems(&json);
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
        references += json.to_string().matches("Id\":").count();
    }
    assert!(references > 100, "{references}");
    // The check can fail: a reference to nothing, and an id used twice.
    let loaded = load(&root().join("content/elections/2017-cambridgeshire-peterborough-mayor"));
    let mut broken = nist_json(&loaded);
    broken["Election"][0]["Candidate"][0]["PartyId"] = Value::from("party-nobody");
    assert_eq!(nist_reference_problems(&broken).len(), 1);
    let mut broken = nist_json(&loaded);
    broken["Election"][0]["Candidate"][0]["PersonId"] = Value::from("party-labour");
    assert_eq!(nist_reference_problems(&broken).len(), 1);
    let mut broken = nist_json(&loaded);
    broken["Party"][1]["@id"] = broken["Party"][0]["@id"].clone();
    assert!(!nist_reference_problems(&broken).is_empty());
}

/// The schema catches a broken field: the check above can fail.
#[test]
fn the_nist_schema_refuses_a_broken_report() {
    let scratch = temp_dir("nist-broken");
    let (_, loaded) = &every_election(scratch.path())[0];
    let good = nist_json(loaded);
    let mut broken = good.clone();
    broken["Status"] = Value::from("official");
    assert!(!complaints(&NIST, &broken).is_empty());
    let mut broken = good.clone();
    broken["Election"][0]["Contest"][0]["ContestSelection"][0]["VoteCounts"][0]
        .as_object_mut()
        .unwrap()
        .remove("GpUnitId");
    assert!(!complaints(&NIST, &broken).is_empty());
    let mut broken = good;
    broken["Election"][0]["Contest"][0]["VoteVariation"] = Value::from("supplementary-vote");
    assert!(!complaints(&NIST, &broken).is_empty());
}

/// What rcvis checks beyond the schema (rcvformats' `ensure_data_is_logical`):
/// names unique and not empty, no elimination in the last round, no
/// eliminated candidate in a later round, and no tally falling.
fn rcvis_rules(json: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let results = json["results"].as_array().unwrap();
    let first = results[0]["tally"].as_object().unwrap();
    if first.keys().any(String::is_empty) {
        problems.push("an empty name".to_owned());
    }
    let last = results.last().unwrap();
    if last["tallyResults"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r.get("eliminated").is_some())
    {
        problems.push("an elimination in the last round".to_owned());
    }
    // rcvis renames these to its own labels (`candidate_renames` in its
    // visualizer/common.py) and refuses a file that has both, or zeroes a
    // candidate called by its residual surplus label.
    for label in [
        "inactive ballots",
        "Inactive ballots",
        "exhausted",
        "residual surplus",
        "Residual Surplus",
    ] {
        if first.contains_key(label) {
            problems.push(format!("a candidate named {label}, one of rcvis's labels"));
        }
    }
    let mut out: Vec<String> = Vec::new();
    let mut previous = first.clone();
    for round in results {
        let tally = round["tally"].as_object().unwrap();
        for (name, votes) in tally {
            if out.contains(name) {
                problems.push(format!("{name} counted after elimination"));
            }
            match previous.get(name) {
                Some(before) if before.as_f64() > votes.as_f64() => {
                    problems.push(format!("{name} fell from {before} to {votes}"));
                }
                None => problems.push(format!("{name} not in round 1")),
                _ => {}
            }
        }
        for result in round["tallyResults"].as_array().unwrap() {
            if let Some(name) = result["eliminated"].as_str() {
                out.push(name.to_owned());
            }
        }
        previous = tally.clone();
    }
    problems
}

#[test]
fn every_rctab_summary_is_valid_and_follows_rcvis_rules() {
    let scratch = temp_dir("rctab");
    let mut made = 0;
    for (name, loaded) in &every_election(scratch.path()) {
        let Some(json) = rctab_json(loaded) else {
            // Never while counting (rcvis would draw a winner), nor without
            // a poll; always otherwise.
            assert!(
                loaded.outcome.is_counting() || !loaded.outcome.contested(),
                "{name}: no summary"
            );
            continue;
        };
        assert!(
            !loaded.outcome.is_counting(),
            "{name}: a summary while counting"
        );
        made += 1;
        // Every candidate under a name of their own (a name used twice
        // would be one key), and rcvis's label when a second count followed.
        let names = json["results"][0]["tally"].as_object().unwrap().len();
        let inactive = usize::from(loaded.outcome.has_second_count());
        assert_eq!(names, loaded.election.candidates.len() + inactive, "{name}");
        let mut problems = complaints(&RCTAB, &json);
        problems.extend(rcvis_rules(&json));
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
    }
    assert!(made >= 10, "{made}");
}

#[test]
fn the_rctab_schema_and_rules_refuse_a_broken_summary() {
    let loaded = load(&root().join("content/elections/2017-cambridgeshire-peterborough-mayor"));
    let good = rctab_json(&loaded).unwrap();
    assert!(complaints(&RCTAB, &good).is_empty() && rcvis_rules(&good).is_empty());
    let mut broken = good.clone();
    broken["results"][0]["tallyResults"][0]["winner"] = Value::from("James Palmer");
    assert!(!complaints(&RCTAB, &broken).is_empty());
    let mut broken = good.clone();
    broken["results"][1]["tallyResults"][0] = serde_json::json!({"eliminated": "Rod Cantrill"});
    assert!(!rcvis_rules(&broken).is_empty());
    let mut broken = good;
    broken["results"][1]["tally"]["Kevin Price"] = Value::from(37_297);
    assert!(!rcvis_rules(&broken).is_empty());
}

/// A candidate's count in one unit and round, from a NIST report.
fn nist_count(json: &Value, candidate: &str, unit: &str, round: u64) -> Option<u64> {
    let selection = json["Election"][0]["Contest"][0]["ContestSelection"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["CandidateIds"][0] == format!("candidate-{candidate}"))?;
    selection["VoteCounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["GpUnitId"] == unit && c["Round"] == round)
        .map(|c| c["Count"].as_u64().unwrap())
}

/// Round 1 is every candidate's first preferences and round 2 the totals of
/// those who remained, in each area and in the whole: the areas add up to
/// the whole, and the whole is the count's.
fn assert_nist_adds_up(election: &Election, outcome: &Outcome, json: &Value) {
    for result in &outcome.overall.candidates {
        let id = result.id.as_str();
        for (round, expected) in [(1, Some(result.first)), (2, result.total)] {
            let whole = nist_count(json, id, "gpunit-electoral-area", round);
            assert_eq!(whole, expected.map(|v| v.0), "{id} round {round}");
            let areas: Option<u64> = election
                .areas
                .iter()
                .map(|a| nist_count(json, id, &format!("gpunit-area-{}", a.id), round))
                .sum();
            assert_eq!(areas, whole, "{id} round {round}: the areas' sum");
        }
    }
}

#[test]
fn nist_rounds_add_up_to_the_declared_figures() {
    for (slug, winner, first, total) in [
        (
            "2017-cambridgeshire-peterborough-mayor",
            "james-palmer",
            76_064,
            88_826,
        ),
        (
            "2021-cambridgeshire-peterborough-mayor",
            "nik-johnson",
            76_106,
            113_994,
        ),
    ] {
        let loaded = load(&root().join("content/elections").join(slug));
        let json = nist_json(&loaded);
        assert_nist_adds_up(&loaded.election, &loaded.outcome, &json);
        // The declaration's figures, as the pages print them.
        let whole = "gpunit-electoral-area";
        assert_eq!(nist_count(&json, winner, whole, 1), Some(first), "{slug}");
        assert_eq!(nist_count(&json, winner, whole, 2), Some(total), "{slug}");
        let declared = &loaded.election.declared.as_ref().unwrap().totals;
        for (id, votes) in declared {
            assert_eq!(
                nist_count(&json, id.as_str(), whole, 2),
                Some(votes.0),
                "{slug}"
            );
        }
    }
}

#[test]
fn rctab_rounds_are_the_counts_and_transfers_add_up() {
    for slug in [
        "2017-cambridgeshire-peterborough-mayor",
        "2021-cambridgeshire-peterborough-mayor",
    ] {
        let loaded = load(&root().join("content/elections").join(slug));
        let json = rctab_json(&loaded).unwrap();
        let overall = &loaded.outcome.overall;
        let [round1, round2] = json["results"].as_array().unwrap().as_slice() else {
            panic!("{slug}: two rounds");
        };
        for result in &overall.candidates {
            let name = &loaded.election.candidate(&result.id).unwrap().name;
            assert_eq!(round1["tally"][name], result.first.0, "{slug} {name}");
            assert_eq!(
                round2["tally"].get(name).and_then(Value::as_u64),
                result.total.map(|v| v.0),
                "{slug} {name}"
            );
        }
        assert_eq!(round1["tally"][rctab::INACTIVE], 0);
        assert_eq!(
            round2["tally"][rctab::INACTIVE],
            overall.non_transferable.unwrap().0
        );
        // The last round's threshold, where rcvis draws it: more than half of
        // the finalists' totals, which the winner reaches.
        let finalists = overall.second_count_total().unwrap().0;
        let threshold = json["config"]["threshold"].as_u64().unwrap();
        assert_eq!(threshold, finalists / 2 + 1, "{slug}");
        let winner_total = overall.candidate(loaded.outcome.winner().unwrap()).unwrap();
        assert!(winner_total.total.unwrap().0 >= threshold, "{slug}");
        let eliminated = round1["tallyResults"].as_array().unwrap().len();
        assert_eq!(eliminated, overall.candidates.len() - 2, "{slug}");
        let winner = loaded.outcome.winner().unwrap();
        let winner = &loaded.election.candidate(winner).unwrap().name;
        assert_eq!(round2["tallyResults"][0]["elected"], *winner, "{slug}");
    }
}

/// With ballot-level data everywhere, each eliminated candidate's papers are
/// shown going where they went; a candidate named like rcvis's own label is
/// told apart by their id.
#[test]
fn rctab_transfers_per_candidate_come_from_ballot_level_data() {
    let scratch = temp_dir("rctab-ballots");
    fs::write(scratch.path().join("election.yaml"), ALL_BALLOTS).unwrap();
    let json = rctab_json(&load(scratch.path())).unwrap();
    let results = json["results"].as_array().unwrap();
    let transfers: Vec<(&str, &Value)> = results[0]["tallyResults"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["eliminated"].as_str().unwrap(), &r["transfers"]))
        .collect();
    let dan = "Inactive Ballots (dan)";
    assert_eq!(
        transfers,
        [
            (
                "Cat",
                &serde_json::json!({"Ann": 15, "Bob": 20, "Inactive Ballots": 5})
            ),
            (
                dan,
                &serde_json::json!({"Ann": 4, "Bob": 6, "Inactive Ballots": 10})
            ),
        ]
    );
    assert_eq!(
        results[1]["tally"],
        serde_json::json!({"Ann": 89, "Bob": 86, "Inactive Ballots": 15})
    );
}

/// The files are published beside results.json, linked from the election
/// page and listed in the data index; the RCTab summary only once declared.
#[test]
fn the_exports_are_published_and_linked_only_when_they_may_be() {
    let site = TestSite::standard("exports-site");
    site.built();
    let dir = "elections/2026-testshire-mayor/";
    let page = site.page(&format!("{dir}index.html"));
    for file in ["nist-1500-100.json", "rctab-summary.json"] {
        assert!(site.out().join(dir).join(file).is_file(), "{file}");
        assert!(page.contains(&format!("{dir}{file}\"")), "{file}");
    }
    let index: Value = serde_json::from_str(&site.page("data/index.json")).unwrap();
    assert_eq!(
        index["elections"][0]["rctab_json"],
        format!("{dir}rctab-summary.json")
    );
    let nist: Value =
        serde_json::from_str(&site.page(&format!("{dir}nist-1500-100.json"))).unwrap();
    assert_eq!(nist["Issuer"], "Testshire Council");

    let counting = TestSite::new("exports-counting");
    let yaml = BALLOTS_ELECTION
        .replace(
            "system: supplementary-vote\n",
            "system: supplementary-vote\nstatus: counting\n",
        )
        .replace("    second: {ann-ash: 50, bob-birch: 70}\n", "")
        .replace("    ballots: {BALLOTS}\n", "");
    counting.write("content/site.yaml", SITE_YAML).write(
        "content/elections/2026-testshire-mayor/election.yaml",
        &yaml,
    );
    counting.built();
    let page = counting.page(&format!("{dir}index.html"));
    assert!(
        counting
            .out()
            .join(dir)
            .join("nist-1500-100.json")
            .is_file()
    );
    assert!(!counting.out().join(dir).join("rctab-summary.json").exists());
    assert!(
        !page.contains("rctab-summary.json"),
        "linked while counting"
    );
    let index: Value = serde_json::from_str(&counting.page("data/index.json")).unwrap();
    assert_eq!(index["elections"][0]["rctab_json"], Value::Null);
    let nist: Value =
        serde_json::from_str(&counting.page(&format!("{dir}nist-1500-100.json"))).unwrap();
    assert_eq!(nist["Status"], "unofficial-partial");
}
