//! From a parsed `election.yaml` to an [`Election`], checking everything that
//! can be checked without counting. Files named in the data (ballot CSVs) are
//! read through the `Files` the caller passes, so this module does no I/O.

use std::collections::HashMap;

use super::ballots::{self, BallotRow};
use super::files::Files;
use super::reader::{self, Fields, Problems, closest};
use crate::diagnostic::Diagnostic;
use crate::model::{
    Area, AreaId, AreaVotes, BallotGroup, Candidate, CandidateId, Date, Declared, Election, Party,
    PartyId, PersonId, Rejected, RejectionHead, ResultStatus, System, Votes,
};
use crate::yaml::{Node, Path};

const ELECTION_FIELDS: &[&str] = &[
    "election_id",
    "title",
    "office",
    "authority",
    "date",
    "system",
    "status",
    "source",
    "turnout_percent",
    "parties",
    "candidates",
    "areas",
    "declared",
    "lot",
];
const PARTY_FIELDS: &[&str] = &["id", "name", "colour"];
const CANDIDATE_FIELDS: &[&str] = &["id", "name", "party", "person"];
const AREA_FIELDS: &[&str] = &[
    "id",
    "name",
    "electorate",
    "ballots_counted",
    "rejected",
    "first",
    "second",
    "ballots",
    "tile",
    "reported_at",
    "verified",
];
const DECLARED_FIELDS: &[&str] = &["winner", "totals", "at"];

/// What reading found: problems in the YAML, and in any CSV it read.
pub struct Reading<'f> {
    pub problems: Problems,
    pub csv_diagnostics: Vec<Diagnostic>,
    pub files: &'f dyn Files,
}

/// Reads the whole document; None when anything was wrong (all of it is in
/// `reading`).
pub fn read(root: &Node, reading: &mut Reading) -> Option<Election> {
    let mut fields = Fields::of(root, &Path::root(), "an election", &mut reading.problems)?;
    let problems = &mut reading.problems;
    let election_id = fields
        .optional("election_id")
        .map(|(node, path)| read_election_id(node, &path, problems));
    let title = required_text(
        &mut fields,
        "title",
        "add `title: 2017 ... mayoral election`",
        problems,
    );
    let office = required_text(
        &mut fields,
        "office",
        "add `office: Mayor of ...`",
        problems,
    );
    let authority = optional_text(&mut fields, "authority", problems);
    let date = read_date(&mut fields, problems);
    let system = read_system(&mut fields, problems);
    let status = read_status(&mut fields, problems);
    let source = read_source(&mut fields, problems);
    let turnout_percent = read_percent(&mut fields, problems);
    let parties = read_parties(&mut fields, problems);
    let known = Known::from_document(root);
    let candidates = read_candidates(&mut fields, &parties, problems);
    let areas = read_areas(&mut fields, &known, system, status, reading);
    let problems = &mut reading.problems;
    let declared = read_declared(&mut fields, &known, problems);
    let lot = fields
        .optional("lot")
        .and_then(|(node, path)| known.candidate(node, &path, problems));
    if status == Some(ResultStatus::Counting) {
        refuse_while_counting(root, known.ids.len() == 1, problems);
    }
    fields.finish(ELECTION_FIELDS, problems);

    if !problems.is_empty() || !reading.csv_diagnostics.is_empty() {
        return None;
    }
    Some(Election {
        election_id: election_id.map_or(Some(None), |id| id.map(Some))?,
        title: title?,
        office: office?,
        authority,
        date: date?,
        system: system?,
        status: status?,
        source,
        turnout_percent,
        parties,
        candidates,
        areas: areas?,
        declared,
        lot,
    })
}

fn required_text(
    fields: &mut Fields,
    key: &str,
    help: &str,
    problems: &mut Problems,
) -> Option<String> {
    let (node, path) = fields.required(key, help, problems)?;
    reader::text(node, &path, problems)
}

fn optional_text(fields: &mut Fields, key: &str, problems: &mut Problems) -> Option<String> {
    let (node, path) = fields.optional(key)?;
    reader::text(node, &path, problems)
}

/// Democracy Club ids are lowercase words and dates joined by dots.
fn read_election_id(node: &Node, path: &Path, problems: &mut Problems) -> Option<String> {
    let id = reader::text(node, path, problems)?;
    let valid = id.split('.').all(|part| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    });
    if valid {
        Some(id)
    } else {
        problems.value(
            path,
            format!("`{id}` is not an election id"),
            "use Democracy Club's form, like mayor.cambridgeshire-and-peterborough.2017-05-04",
        );
        None
    }
}

fn read_date(fields: &mut Fields, problems: &mut Problems) -> Option<Date> {
    let (node, path) =
        fields.required("date", "add `date: YYYY-MM-DD`, the polling day", problems)?;
    reader::date(node, &path, problems)
}

fn read_system(fields: &mut Fields, problems: &mut Problems) -> Option<System> {
    let help = "use `system: supplementary-vote` or `system: first-past-the-post`";
    let (node, path) = fields.required("system", help, problems)?;
    let text = reader::text(node, &path, problems)?;
    match text.as_str() {
        "supplementary-vote" => Some(System::SupplementaryVote),
        "first-past-the-post" => Some(System::FirstPastThePost),
        other => {
            problems.value(&path, format!("unknown voting system `{other}`"), help);
            None
        }
    }
}

fn read_status(fields: &mut Fields, problems: &mut Problems) -> Option<ResultStatus> {
    let Some((node, path)) = fields.optional("status") else {
        return Some(ResultStatus::Declared);
    };
    let text = reader::text(node, &path, problems)?;
    match text.as_str() {
        "counting" => Some(ResultStatus::Counting),
        "declared" => Some(ResultStatus::Declared),
        other => {
            problems.value(
                &path,
                format!("unknown status `{other}`"),
                "use `status: counting` while the count goes on, or `status: declared` once the result is declared",
            );
            None
        }
    }
}

/// What only the declaration can give has no place in a count in progress.
fn refuse_while_counting(root: &Node, uncontested: bool, problems: &mut Problems) {
    let Node::Map(entries) = root else { return };
    let root_path = Path::root();
    for (key, _) in entries {
        let path = root_path.key(key);
        match key.as_str() {
            "declared" => problems.key(
                &path,
                "`declared` is given, but `status: counting` says the result is not declared yet",
                "remove `declared` until the returning officer declares, then set `status: declared` and add it",
            ),
            "lot" => problems.key(
                &path,
                "`lot` is given, but `status: counting` says the result is not declared yet",
                "lots are drawn at the declaration: remove `lot`, or set `status: declared`",
            ),
            "status" if uncontested => problems.value(
                &path,
                "an uncontested election has no count, so it cannot be counting",
                "remove `status: counting`: with one candidate the result is declared without a poll",
            ),
            _ => {}
        }
    }
}

fn read_source(fields: &mut Fields, problems: &mut Problems) -> Option<String> {
    let (node, path) = fields.optional("source")?;
    reader::url(node, &path, problems)
}

fn read_percent(fields: &mut Fields, problems: &mut Problems) -> Option<f64> {
    let (node, path) = fields.optional("turnout_percent")?;
    let percent = match node {
        Node::Int(i) => *i as f64,
        Node::Float(f) => *f,
        other => {
            problems.value(
                &path,
                format!("expected a percentage, found {}", other.kind()),
                "write the declared turnout as a number without the % sign, like 32.9",
            );
            return None;
        }
    };
    if (0.0..=100.0).contains(&percent) {
        Some(percent)
    } else {
        problems.value(
            &path,
            format!("{percent} is not a percentage between 0 and 100"),
            "write the declared turnout as a number without the % sign, like 32.9",
        );
        None
    }
}

/// Reads a list of records, each with an `id` that must be unique.
fn read_records<'n, T>(
    node: &'n Node,
    path: &Path,
    what: &str,
    problems: &mut Problems,
    mut read_one: impl FnMut(&mut Fields<'n>, Option<String>, &mut Problems) -> Option<T>,
    known_fields: &[&str],
) -> Vec<T> {
    let Some(items) = reader::list(node, path, what, problems) else {
        return Vec::new();
    };
    let mut seen: HashMap<String, Path> = HashMap::new();
    let mut records = Vec::new();
    for (item, item_path) in items {
        let Some(mut fields) = Fields::of(item, &item_path, what, problems) else {
            continue;
        };
        let id = fields
            .required(
                "id",
                "add `id:` with a lowercase slug, like `kevin-price`",
                problems,
            )
            .and_then(|(node, path)| {
                let id = reader::slug(node, &path, problems)?;
                if let Some(first) = seen.get(&id) {
                    problems.value(
                        &path,
                        format!("duplicate id `{id}`: {first} already uses it"),
                        "give every entry its own id",
                    );
                    return None;
                }
                seen.insert(id.clone(), item_path.clone());
                Some(id)
            });
        let record = read_one(&mut fields, id, problems);
        fields.finish(known_fields, problems);
        records.extend(record);
    }
    records
}

fn read_parties(fields: &mut Fields, problems: &mut Problems) -> Vec<Party> {
    let Some((node, path)) = fields.optional("parties") else {
        return Vec::new();
    };
    read_records(node, &path, "parties", problems, read_party, PARTY_FIELDS)
}

fn read_party(fields: &mut Fields, id: Option<String>, problems: &mut Problems) -> Option<Party> {
    let name = required_text(
        fields,
        "name",
        "add `name:` with the party's registered name",
        problems,
    );
    let colour = fields.optional("colour").and_then(|(node, path)| {
        let colour = reader::text(node, &path, problems)?;
        let hex = colour.strip_prefix('#').unwrap_or("");
        if (hex.len() == 6 || hex.len() == 3) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            Some(colour.to_ascii_lowercase())
        } else {
            problems.value(
                &path,
                format!("`{colour}` is not a colour"),
                "write a hex colour in quotes, like \"#0087dc\"",
            );
            None
        }
    });
    Some(Party {
        id: PartyId::new(&id?)?,
        name: name?,
        colour,
    })
}

fn read_candidates(
    fields: &mut Fields,
    parties: &[Party],
    problems: &mut Problems,
) -> Vec<Candidate> {
    let help = "add `candidates:` with one `- {id: ..., name: ..., party: ...}` line per candidate";
    let Some((node, path)) = fields.required("candidates", help, problems) else {
        return Vec::new();
    };
    let party_ids: Vec<&str> = parties.iter().map(|p| p.id.as_str()).collect();
    let candidates = read_records(
        node,
        &path,
        "candidates",
        problems,
        |fields, id, problems| read_candidate(fields, id, &party_ids, problems),
        CANDIDATE_FIELDS,
    );
    if matches!(node, Node::Seq(items) if items.is_empty()) {
        problems.value(&path, "there are no candidates", help);
    }
    candidates
}

fn read_candidate(
    fields: &mut Fields,
    id: Option<String>,
    party_ids: &[&str],
    problems: &mut Problems,
) -> Option<Candidate> {
    let name = required_text(
        fields,
        "name",
        "add `name:` as on the ballot paper",
        problems,
    );
    let party = match fields.optional("party") {
        None => Ok(None),
        Some((node, path)) => match reader::slug(node, &path, problems) {
            Some(party) if party_ids.contains(&party.as_str()) => Ok(PartyId::new(&party)),
            Some(party) => {
                problems.value(
                    &path,
                    format!("no party has the id `{party}`"),
                    unknown_id_help(
                        &party,
                        party_ids,
                        "parties",
                        "leave `party` out for an independent",
                    ),
                );
                Err(())
            }
            None => Err(()),
        },
    };
    let person = match fields.optional("person") {
        None => Ok(None),
        Some((node, path)) => reader::slug(node, &path, problems)
            .map(|p| PersonId::new(&p))
            .ok_or(()),
    };
    Some(Candidate {
        id: CandidateId::new(&id?)?,
        name: name?,
        party: party.ok()?,
        person: person.ok()?,
    })
}

fn unknown_id_help(id: &str, known: &[&str], list: &str, otherwise: &str) -> String {
    match closest(id, known) {
        Some(near) => format!("did you mean `{near}`?"),
        None if known.is_empty() => format!("add it to `{list}` first, or {otherwise}"),
        None => format!(
            "use one of the ids in `{list}` ({}), or {otherwise}",
            known.join(", ")
        ),
    }
}

/// The candidate ids, for checking ids used elsewhere in the file. Taken
/// from every candidate entry with a valid id, even one with other problems,
/// so that one mistake is reported once and not again at every vote for them.
pub struct Known {
    ids: Vec<CandidateId>,
    /// False when some candidate entry has no usable id (or there are none):
    /// then references cannot be judged and are not reported.
    complete: bool,
}

impl Known {
    fn from_document(root: &Node) -> Self {
        let items = match root.get("candidates") {
            Some(Node::Seq(items)) => items.as_slice(),
            _ => &[],
        };
        let mut ids: Vec<CandidateId> = Vec::new();
        for item in items {
            let id = match item.get("id") {
                Some(Node::Str(id)) => CandidateId::new(id),
                _ => None,
            };
            if let Some(id) = id.filter(|id| !ids.contains(id)) {
                ids.push(id);
            }
        }
        let complete = !items.is_empty() && ids.len() == items.len();
        Known { ids, complete }
    }

    fn names(&self) -> Vec<&str> {
        self.ids.iter().map(CandidateId::as_str).collect()
    }

    pub fn contains(&self, id: &str) -> Option<CandidateId> {
        self.ids.iter().find(|c| c.as_str() == id).cloned()
    }

    /// The help for an id that names no candidate.
    pub fn stranger_help(&self, id: &str) -> String {
        unknown_id_help(id, &self.names(), "candidates", "remove it")
    }

    /// Reads a candidate id from a value.
    fn candidate(&self, node: &Node, path: &Path, problems: &mut Problems) -> Option<CandidateId> {
        let id = reader::text(node, path, problems)?;
        let found = self.contains(&id);
        if found.is_none() && self.complete {
            problems.value(
                path,
                format!("`{id}` is not a candidate in this election"),
                self.stranger_help(&id),
            );
        }
        found
    }

    /// Reads `{candidate-id: votes, ...}`; strangers are problems at the key.
    fn votes_by_candidate(
        &self,
        node: &Node,
        path: &Path,
        problems: &mut Problems,
    ) -> Option<Vec<(CandidateId, Votes)>> {
        let entries = reader::entries(node, path, "votes by candidate id", problems)?;
        let mut ok = true;
        let mut votes = Vec::new();
        for (id, value, entry_path) in entries {
            let count = reader::votes(value, &entry_path, problems);
            match self.contains(id) {
                Some(candidate) => votes.extend(count.map(|v| (candidate, v))),
                None => {
                    ok = false;
                    if self.complete {
                        problems.key(
                            &entry_path,
                            format!("`{id}` is not a candidate in this election"),
                            self.stranger_help(id),
                        );
                    }
                }
            }
            ok &= count.is_some();
        }
        ok.then_some(votes)
    }
}

fn read_areas(
    fields: &mut Fields,
    known: &Known,
    system: Option<System>,
    status: Option<ResultStatus>,
    reading: &mut Reading,
) -> Option<Vec<Area>> {
    let uncontested = known.ids.len() == 1;
    let Some((node, path)) = fields.optional("areas") else {
        if !uncontested {
            reading.problems.value(
                &fields.path,
                "missing field `areas`",
                "add `areas:` with the counting areas and their votes",
            );
        }
        return Some(Vec::new());
    };
    if !uncontested && matches!(node, Node::Seq(items) if items.is_empty()) {
        reading.problems.value(
            &path,
            "there are no counting areas",
            "add at least one area with its votes",
        );
    }
    let files = reading.files;
    let mut csv = Vec::new();
    let areas = read_records(
        node,
        &path,
        "areas",
        &mut reading.problems,
        |fields, id, problems| {
            let context = AreaContext {
                known,
                system,
                // An unreadable `status` is reported once; areas are read
                // leniently rather than each blamed for it.
                counting: status != Some(ResultStatus::Declared),
                uncontested,
                files,
            };
            read_area(fields, id, &context, problems, &mut csv)
        },
        AREA_FIELDS,
    );
    reading.csv_diagnostics.extend(csv);
    check_tiles(&areas, &path, &mut reading.problems);
    Some(areas)
}

/// Two areas may not share a tile.
fn check_tiles(areas: &[Area], path: &Path, problems: &mut Problems) {
    for (i, area) in areas.iter().enumerate() {
        let Some(tile) = area.tile else { continue };
        if let Some(earlier) = areas[..i].iter().find(|a| a.tile == Some(tile)) {
            problems.value(
                &path.index(i).key("tile"),
                format!(
                    "{} is on the same tile as {} (x {}, y {})",
                    area.name, earlier.name, tile.0, tile.1
                ),
                "give each area its own tile",
            );
        }
    }
}

struct AreaContext<'a> {
    known: &'a Known,
    system: Option<System>,
    /// `status: counting`: an area may have no figures yet.
    counting: bool,
    uncontested: bool,
    files: &'a dyn Files,
}

fn read_area(
    fields: &mut Fields,
    id: Option<String>,
    context: &AreaContext,
    problems: &mut Problems,
    csv: &mut Vec<Diagnostic>,
) -> Option<Area> {
    let name = required_text(fields, "name", "add `name:` with the area's name", problems);
    let electorate = optional_votes(fields, "electorate", problems);
    let ballots_counted = optional_votes(fields, "ballots_counted", problems);
    let rejected = fields
        .optional("rejected")
        .map(|(node, path)| read_rejected(node, &path, problems));
    let votes = read_area_votes(fields, context, problems, csv);
    let tile = fields
        .optional("tile")
        .map(|(node, path)| read_tile(node, &path, problems));
    let reported_at = fields
        .optional("reported_at")
        .map(|(node, path)| reader::moment(node, &path, problems));
    let verified = optional_votes(fields, "verified", problems);
    let area = Area {
        id: AreaId::new(&id?)?,
        name: name?,
        electorate: electorate.ok()?,
        ballots_counted: ballots_counted.ok()?,
        rejected: match rejected {
            Some(r) => Some(r?),
            None => None,
        },
        votes: votes?,
        tile: tile.map_or(Some(None), |t| t.map(Some))?,
        reported_at: reported_at.map_or(Some(None), |t| t.map(Some))?,
        verified: verified.ok()?,
    };
    check_ballot_figures(&area, &fields.path, problems);
    Some(area)
}

/// The largest tile column or row: a map wider than this would not fit a page.
const MAX_TILE: i128 = 20;

/// `tile: {x: 0, y: 1}`: a place on the tile map.
fn read_tile(node: &Node, path: &Path, problems: &mut Problems) -> Option<(u32, u32)> {
    let mut fields = Fields::of(node, path, "a tile position (`{x: 0, y: 0}`)", problems)?;
    let mut coordinate = |key: &str| {
        let (node, path) = fields.required(
            key,
            "give the tile's column as `x` and row as `y`, counting from 0",
            problems,
        )?;
        match node {
            Node::Int(n) if (0..=MAX_TILE).contains(n) => u32::try_from(*n).ok(),
            _ => {
                let found = match node {
                    Node::Int(n) => format!("{n}, outside that range"),
                    other => other.kind().to_owned(),
                };
                problems.value(
                    &path,
                    format!("expected a whole number from 0 to {MAX_TILE}, found {found}"),
                    "tile columns (`x`) and rows (`y`) count from 0 at the top left",
                );
                None
            }
        }
    };
    let x = coordinate("x");
    let y = coordinate("y");
    fields.finish(&["x", "y"], problems);
    Some((x?, y?))
}

/// Err when present but invalid.
fn optional_votes(
    fields: &mut Fields,
    key: &str,
    problems: &mut Problems,
) -> Result<Option<Votes>, ()> {
    match fields.optional(key) {
        None => Ok(None),
        Some((node, path)) => reader::votes(node, &path, problems).map(Some).ok_or(()),
    }
}

fn read_rejected(node: &Node, path: &Path, problems: &mut Problems) -> Option<Rejected> {
    if !matches!(node, Node::Map(_)) {
        return reader::votes(node, path, problems).map(Rejected::Total);
    }
    let heads: Vec<&str> = RejectionHead::ALL.iter().map(|h| h.key()).collect();
    let entries = reader::entries(node, path, "rejected papers by head", problems)?;
    let mut by_head = Vec::new();
    let mut ok = true;
    for (key, value, entry_path) in entries {
        let count = reader::votes(value, &entry_path, problems);
        match RejectionHead::from_key(key) {
            Some(head) => by_head.extend(count.map(|c| (head, c))),
            None => {
                problems.key(
                    &entry_path,
                    format!("`{key}` is not a head under which papers are rejected"),
                    match closest(key, &heads) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!("use one of: {}", heads.join(", ")),
                    },
                );
                ok = false;
            }
        }
        ok &= count.is_some();
    }
    ok.then_some(Rejected::ByHead(by_head))
}

fn read_area_votes(
    fields: &mut Fields,
    context: &AreaContext,
    problems: &mut Problems,
    csv: &mut Vec<Diagnostic>,
) -> Option<AreaVotes> {
    let area_path = fields.path.clone();
    let first = fields.optional("first");
    let second = fields.optional("second");
    let ballots = fields.optional("ballots");
    if context.uncontested {
        for (_, path) in [&first, &second, &ballots].into_iter().flatten() {
            problems.key(
                path,
                "an uncontested election has no poll, so no votes",
                "remove it: with one candidate the candidate is declared elected without a vote",
            );
        }
        return Some(AreaVotes::None);
    }
    match (first, ballots) {
        (Some(_), Some((_, path))) => {
            problems.key(
                &path,
                "an area gives either `first` (and `second`) totals or `ballots`, not both",
                "keep one of them",
            );
            None
        }
        (None, None) if context.counting => {
            if let Some((_, path)) = second {
                problems.key(
                    &path,
                    "`second` is given, but this area's first count is not",
                    "add `first:` with the area's first preferences: the second count follows the first",
                );
                return None;
            }
            Some(AreaVotes::Awaiting)
        }
        (None, None) => {
            let name = fields
                .optional("name")
                .and_then(|(node, _)| match node {
                    Node::Str(name) => Some(name.clone()),
                    _ => None,
                })
                .unwrap_or_else(|| "this area".to_owned());
            problems.value(
                &area_path,
                format!("no votes: {name} has neither `first` nor `ballots`"),
                "add `first: {candidate-id: votes, ...}` for every candidate, or `ballots: file.csv`; if its count is not in yet, set `status: counting` at the top of the file to publish the count as it happens",
            );
            None
        }
        (Some((node, path)), None) => {
            let first = read_first(node, &path, context.known, problems);
            let second =
                second.map(|(node, path)| context.known.votes_by_candidate(node, &path, problems));
            Some(AreaVotes::Totals {
                first: first?,
                second: second.map(|s| s.ok_or(())).transpose().ok()?,
            })
        }
        (None, Some((node, path))) => {
            if let Some((_, second_path)) = second {
                problems.key(
                    &second_path,
                    "`second` cannot be given with `ballots`: transfers are counted from the ballots",
                    "remove `second`",
                );
            }
            let rows = ballots::read(node, &path, context.files, problems, csv)?;
            check_rows(rows, context, problems, csv).map(AreaVotes::Ballots)
        }
    }
}

/// Every candidate, and no one else.
fn read_first(
    node: &Node,
    path: &Path,
    known: &Known,
    problems: &mut Problems,
) -> Option<Vec<(CandidateId, Votes)>> {
    let first = known.votes_by_candidate(node, path, problems);
    if let Node::Map(entries) = node
        && known.complete
    {
        for id in &known.ids {
            if !entries.iter().any(|(k, _)| k == id.as_str()) {
                problems.value(
                    path,
                    format!("no first preferences for `{id}`"),
                    format!("add `{id}: 0` if they had no votes in this area; every candidate must be listed"),
                );
            }
        }
    }
    first
}

/// Ballot rows must name candidates, once per pair.
fn check_rows(
    rows: Vec<BallotRow>,
    context: &AreaContext,
    problems: &mut Problems,
    csv: &mut Vec<Diagnostic>,
) -> Option<Vec<BallotGroup>> {
    let mut ok = true;
    let mut seen: HashMap<(String, Option<String>), String> = HashMap::new();
    let mut groups = Vec::new();
    for row in rows {
        let mut complain = |field: ballots::Field, message: String, help: String| {
            ok = false;
            row.origin.report(field, message, help, problems, csv);
        };
        let first = context.known.contains(&row.first);
        if first.is_none() && context.known.complete {
            complain(
                ballots::Field::First,
                format!("`{}` is not a candidate in this election", row.first),
                context.known.stranger_help(&row.first),
            );
        }
        let second = match &row.second {
            None => Some(None),
            Some(id) => {
                let found = context.known.contains(id);
                if found.is_none() && context.known.complete {
                    complain(
                        ballots::Field::Second,
                        format!("`{id}` is not a candidate in this election"),
                        format!(
                            "{} (leave `second` empty for no second preference)",
                            context.known.stranger_help(id)
                        ),
                    );
                }
                if context.system == Some(System::FirstPastThePost) {
                    complain(
                        ballots::Field::Second,
                        "first past the post has no second preferences".into(),
                        "leave `second` empty".into(),
                    );
                }
                found.map(Some)
            }
        };
        let key = (row.first.clone(), row.second.clone());
        if let Some(earlier) = seen.get(&key) {
            complain(
                ballots::Field::First,
                format!("this pair of preferences was already given {earlier}"),
                "give each first/second pair once: add the counts together".into(),
            );
        } else {
            seen.insert(key, row.origin.describe());
        }
        if let (Some(first), Some(second)) = (first, second) {
            groups.push(BallotGroup {
                first,
                second,
                count: row.count,
            });
        }
    }
    ok.then_some(groups)
}

/// Published papers must add up: counted = valid + rejected, and no more
/// papers than electors.
fn check_ballot_figures(area: &Area, path: &Path, problems: &mut Problems) {
    let valid: Votes = match &area.votes {
        AreaVotes::None => return,
        AreaVotes::Awaiting => {
            check_verified(area, None, path, problems);
            awaited_figures(area, path, problems);
            return;
        }
        AreaVotes::Totals { first, .. } => first.iter().map(|(_, v)| *v).sum(),
        AreaVotes::Ballots(groups) => groups.iter().map(|g| g.count).sum(),
    };
    let rejected = area.rejected.as_ref().map(Rejected::total);
    check_verified(area, Some(valid), path, problems);
    if let Some(counted) = area.ballots_counted {
        match rejected {
            Some(rejected) if counted != valid + rejected => problems.value(
                &path.key("ballots_counted"),
                format!(
                    "{counted} ballot papers counted, but {valid} valid first preferences + {rejected} rejected = {}",
                    valid + rejected
                ),
                "ballots_counted is valid plus rejected papers; check all three figures against the declaration",
            ),
            None if counted < valid => problems.value(
                &path.key("ballots_counted"),
                format!("{counted} ballot papers counted is fewer than the {valid} valid first preferences"),
                "ballots_counted is valid plus rejected papers; check it against the declaration",
            ),
            _ => {}
        }
    }
    if let Some(electorate) = area.electorate {
        let papers = area
            .ballots_counted
            .unwrap_or(valid + rejected.unwrap_or(Votes::ZERO));
        if papers > electorate {
            problems.value(
                &path.key("electorate"),
                format!("an electorate of {electorate} is smaller than the {papers} ballot papers counted"),
                "check the electorate against the declaration",
            );
        }
    }
}

/// An area whose count is awaited has no figures from the count yet: a time
/// or a paper count there would move the banner's "latest figures" or stand
/// unchecked against votes that are not in.
fn awaited_figures(area: &Area, path: &Path, problems: &mut Problems) {
    let given = [
        ("reported_at", area.reported_at.is_some()),
        ("ballots_counted", area.ballots_counted.is_some()),
        ("rejected", area.rejected.is_some()),
    ];
    for (key, present) in given {
        if present {
            problems.key(
                &path.key(key),
                format!("`{key}` is given, but this area's count is not in: it has no `first` yet"),
                format!("add `{key}` with the area's first preferences, or remove it until then"),
            );
        }
    }
}

/// The check the Electoral Commission asks for: papers verified before the
/// count equal the valid votes plus the rejected papers, and no area counts
/// more papers than it verified.
fn check_verified(area: &Area, valid: Option<Votes>, path: &Path, problems: &mut Problems) {
    let Some(verified) = area.verified else {
        return;
    };
    if let Some(electorate) = area.electorate
        && verified > electorate
    {
        problems.value(
            &path.key("verified"),
            format!(
                "{verified} ballot papers verified is more than the electorate of {electorate}"
            ),
            "check `verified` and `electorate` against the count's statement",
        );
    }
    let rejected = area.rejected.as_ref().map(Rejected::total);
    if let (Some(valid), Some(rejected)) = (valid, rejected)
        && verified != valid + rejected
    {
        problems.value(
            &path.key("verified"),
            format!(
                "{verified} ballot papers verified, but {valid} valid first preferences + {rejected} rejected = {}",
                valid + rejected
            ),
            "the papers verified must equal the valid votes plus the rejected papers; check all three figures against the count's statement",
        );
    } else if let Some(valid) = valid
        && rejected.is_none()
        && valid > verified
    {
        problems.value(
            &path.key("verified"),
            format!("{verified} ballot papers verified is fewer than the {valid} valid first preferences"),
            "the papers verified must equal the valid votes plus the rejected papers; check both against the count's statement",
        );
    } else if let Some(counted) = area.ballots_counted
        && counted != verified
    {
        problems.value(
            &path.key("verified"),
            format!("{verified} ballot papers verified, but {counted} counted"),
            "the papers counted must equal the papers verified; check both against the count's statement",
        );
    }
}

fn read_declared(fields: &mut Fields, known: &Known, problems: &mut Problems) -> Option<Declared> {
    let (node, path) = fields.optional("declared")?;
    let mut declared = Fields::of(node, &path, "the declared result", problems)?;
    let winner = declared
        .optional("winner")
        .map(|(node, path)| known.candidate(node, &path, problems));
    let totals = declared
        .optional("totals")
        .map(|(node, path)| known.votes_by_candidate(node, &path, problems));
    let at = declared
        .optional("at")
        .map(|(node, path)| reader::moment(node, &path, problems));
    declared.finish(DECLARED_FIELDS, problems);
    Some(Declared {
        at: at.map_or(Some(None), |t| t.map(Some))?,
        winner: winner.map(|w| w.ok_or(())).transpose().ok()?,
        totals: totals
            .map(|t| t.ok_or(()))
            .transpose()
            .ok()?
            .unwrap_or_default(),
    })
}
