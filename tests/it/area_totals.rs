//! Area totals from a spreadsheet (`area_totals: areas.csv`): the same
//! election given that way and as YAML counts and publishes the same; Excel's
//! ways of saving a sheet are read; results night works row by row.

use std::fs;
use std::path::{Path, PathBuf};

use psephos::load::{Loaded, load_election};
use psephos::model::{AreaVotes, CandidateId, Votes};

use crate::common::{TestSite, site_tree};

const SLUG: &str = "2021-cambridgeshire-peterborough-mayor";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture site's election: areas in YAML, figures in `areas.csv`.
fn sheet_form() -> PathBuf {
    root()
        .join("tests/fixtures/sites/area-totals/content/elections")
        .join(SLUG)
}

fn load(dir: &Path) -> Loaded {
    load_election(dir).unwrap_or_else(|errors| {
        let shown: Vec<String> = errors.iter().map(|e| e.render()).collect();
        panic!("{}:\n{}", dir.display(), shown.join("\n"))
    })
}

/// The example's 2021 election as YAML, without its links to profiles (the
/// fixture site has none).
fn yaml_form() -> String {
    let text = fs::read_to_string(
        root()
            .join("content/elections")
            .join(SLUG)
            .join("election.yaml"),
    )
    .unwrap();
    let mut out = String::new();
    for part in text.split("person: ") {
        // Each split after the first begins with the profile's slug and `, `.
        match out.is_empty() {
            true => out += part,
            false => out += part.split_once(", ").map_or(part, |(_, rest)| rest),
        }
    }
    // The fixture site holds 2021 alone, so the example's `previous` (2017)
    // would name an election that is not there.
    out.lines()
        .filter(|line| !line.starts_with("previous:"))
        .map(|line| format!("{line}\n"))
        .collect()
}

fn total(loaded: &Loaded, id: &str) -> Option<Votes> {
    let id = CandidateId::new(id).unwrap();
    loaded.outcome.overall.candidate(&id)?.total
}

#[test]
fn the_2021_example_from_a_sheet_counts_as_declared_and_as_its_yaml_does() {
    let sheet = load(&sheet_form());
    assert_eq!(total(&sheet, "nik-johnson"), Some(Votes(113_994)));
    assert_eq!(total(&sheet, "james-palmer"), Some(Votes(108_195)));
    let yaml = load(&root().join("content/elections").join(SLUG));
    assert_eq!(sheet.outcome, yaml.outcome);
    let votes = |l: &Loaded| -> Vec<AreaVotes> {
        l.election.areas.iter().map(|a| a.votes.clone()).collect()
    };
    assert_eq!(votes(&sheet), votes(&yaml));
    assert!(sheet.warnings.is_empty(), "{:?}", sheet.warnings);
}

#[test]
fn a_site_built_from_the_sheet_is_byte_for_byte_the_site_built_from_yaml() {
    let from_sheet = TestSite::new("sheet-form");
    let from_yaml = TestSite::new("yaml-form");
    let election = format!("content/elections/{SLUG}/");
    for site in [&from_sheet, &from_yaml] {
        site.write(
            "content/site.yaml",
            &fs::read_to_string(root().join("tests/fixtures/sites/area-totals/content/site.yaml"))
                .unwrap(),
        );
    }
    for file in ["election.yaml", "areas.csv"] {
        from_sheet.write(
            &format!("{election}{file}"),
            &fs::read_to_string(sheet_form().join(file)).unwrap(),
        );
    }
    from_yaml.write(&format!("{election}election.yaml"), &yaml_form());
    from_sheet.built();
    from_yaml.built();
    let (sheet, yaml) = (site_tree(&from_sheet.out()), site_tree(&from_yaml.out()));
    assert!(sheet.len() > 10, "{} files", sheet.len());
    let differ: Vec<&String> = sheet
        .keys()
        .chain(yaml.keys())
        .filter(|path| sheet.get(*path) != yaml.get(*path))
        .collect();
    assert!(differ.is_empty(), "these differ: {differ:?}");
    assert!(
        from_sheet
            .page(&format!("elections/{SLUG}/index.html"))
            .contains("113,994")
    );
}

/// The sheet as Excel saves it: a byte-order mark, CRLF line ends, a
/// column once used and emptied (a trailing comma), and a row once used
/// (`,,,,,,`).
#[test]
fn a_sheet_saved_by_excel_reads_as_the_plain_one() {
    let plain = fs::read_to_string(sheet_form().join("areas.csv")).unwrap();
    let mut excel = String::from("\u{feff}");
    for (i, line) in plain.lines().enumerate() {
        excel += line;
        excel += ",\r\n";
        if i == 3 {
            excel += ",,,,,,\r\n";
        }
    }
    let site = TestSite::new("excel-sheet");
    let dir = site.root.join(SLUG);
    fs::create_dir_all(&dir).unwrap();
    fs::copy(
        sheet_form().join("election.yaml"),
        dir.join("election.yaml"),
    )
    .unwrap();
    fs::write(dir.join("areas.csv"), excel).unwrap();
    assert_eq!(load(&dir).outcome, load(&sheet_form()).outcome);
}

/// Results night: the areas are in the YAML from the start, the sheet gets
/// a row (or an empty one gets its figures) as each area reports.
#[test]
fn while_counting_an_area_without_a_row_or_with_an_empty_one_is_awaited() {
    let site = TestSite::new("sheet-night");
    let dir = site.root.join(SLUG);
    fs::create_dir_all(&dir).unwrap();
    let yaml = fs::read_to_string(sheet_form().join("election.yaml")).unwrap();
    let declared = yaml.find("\ndeclared:").unwrap();
    let counting = yaml[..declared].replace("\narea_totals:", "\nstatus: counting\narea_totals:");
    fs::write(dir.join("election.yaml"), &counting).unwrap();
    let sheet = fs::read_to_string(sheet_form().join("areas.csv")).unwrap();
    let lines: Vec<&str> = sheet.lines().collect();
    let header = lines[0];
    // Only first preferences: the columns of transfers are there, empty.
    let first_only = |line: &str| format!("{},,", line.rsplitn(3, ',').nth(2).unwrap());
    let stages = [
        // Cambridge in; Fenland's row typed, its figures not yet.
        vec![first_only(lines[1]), "fenland,,,,,".to_owned()],
        lines[1..].iter().map(|l| first_only(l)).collect(),
    ];
    let awaited = |loaded: &Loaded| {
        loaded
            .election
            .areas
            .iter()
            .filter(|a| a.votes == AreaVotes::Awaiting)
            .count()
    };
    let mut seen = Vec::new();
    for rows in stages {
        fs::write(
            dir.join("areas.csv"),
            format!("{header}\n{}\n", rows.join("\n")),
        )
        .unwrap();
        let loaded = load(&dir);
        assert!(loaded.outcome.is_counting());
        assert_eq!(loaded.outcome.winner(), None);
        seen.push(awaited(&loaded));
    }
    assert_eq!(seen, [5, 0]);
    // Every second count in, still counting: running totals, nobody elected.
    // The time each came in is a column of the sheet too.
    let timed: Vec<String> = sheet
        .lines()
        .enumerate()
        .map(|(i, line)| match i {
            0 => format!("{line},reported_at"),
            _ => format!("{line},2021-05-08T1{i}:30"),
        })
        .collect();
    fs::write(dir.join("areas.csv"), timed.join("\n")).unwrap();
    let loaded = load(&dir);
    assert!(loaded.outcome.is_counting());
    assert_eq!(loaded.outcome.winner(), None);
    let times: Vec<String> = loaded
        .election
        .areas
        .iter()
        .map(|a| a.reported_at.map(|t| t.rfc3339()).unwrap_or_default())
        .collect();
    assert_eq!(times[0], "2021-05-08T11:30:00+01:00");
    assert_eq!(times[5], "2021-05-08T16:30:00+01:00");
}

/// Some areas as YAML, the rest from the sheet: the same count.
#[test]
fn areas_may_mix_yaml_figures_and_rows_of_the_sheet() {
    let site = TestSite::new("sheet-mixed");
    let dir = site.root.join(SLUG);
    fs::create_dir_all(&dir).unwrap();
    let yaml = fs::read_to_string(sheet_form().join("election.yaml")).unwrap();
    let mixed = yaml.replace(
        "    name: Cambridge\n",
        "    name: Cambridge\n    first: {nik-johnson: 19585, james-palmer: 6284, aidan-van-de-weyer: 12787}\n    second: {nik-johnson: 8875, james-palmer: 2260}\n",
    );
    assert_ne!(mixed, yaml);
    fs::write(dir.join("election.yaml"), mixed).unwrap();
    let sheet = fs::read_to_string(sheet_form().join("areas.csv")).unwrap();
    let without: Vec<&str> = sheet
        .lines()
        .filter(|l| !l.starts_with("cambridge,"))
        .collect();
    fs::write(dir.join("areas.csv"), without.join("\n")).unwrap();
    assert_eq!(load(&dir).outcome, load(&sheet_form()).outcome);
}

/// A sheet far larger than one row per area can be (a ballot CSV of every
/// paper named by mistake) is refused at `area_totals:` before it is read.
#[test]
fn a_sheet_over_its_cap_is_refused_without_being_read() {
    let site = TestSite::new("sheet-huge");
    let dir = site.root.join(SLUG);
    fs::create_dir_all(&dir).unwrap();
    fs::copy(
        sheet_form().join("election.yaml"),
        dir.join("election.yaml"),
    )
    .unwrap();
    // Sparse: it takes no disk space, and is never read.
    let file = fs::File::create(dir.join("areas.csv")).unwrap();
    file.set_len((16 << 20) + 1).unwrap();
    let Err(errors) = load_election(&dir) else {
        panic!("a sheet over the cap was read")
    };
    let shown: Vec<String> = errors.iter().map(|e| e.render()).collect();
    let first = &shown[0];
    assert!(first.contains("election.yaml"), "{first}");
    assert!(
        first.contains("`areas.csv` is larger than 16 MiB"),
        "{first}"
    );
    assert!(first.contains("one row per counting area"), "{first}");
}
