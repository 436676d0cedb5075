//! The parties and candidates, and the candidate ids the rest of the file
//! refers to.

use super::super::reader::{self, Fields, Problems, closest};
use super::notice::{BALLOT_FIELDS, read_ballot_name, read_description};
use super::{read_records, required_text};
use crate::diagnostic::Kind;
use crate::model::{Candidate, CandidateId, Party, PartyId, PersonId, Votes};
use crate::yaml::{Node, Path};

const PARTY_FIELDS: &[&str] = &["id", "name", "colour"];

const CANDIDATE_FIELDS: &[&str] = &[
    "id",
    "name",
    "party",
    "person",
    BALLOT_FIELDS[0],
    BALLOT_FIELDS[1],
    BALLOT_FIELDS[2],
];

pub(super) fn read_parties(fields: &mut Fields, problems: &mut Problems) -> Vec<Party> {
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
                Kind::InvalidValue,
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

pub(super) fn read_candidates(
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
        problems.value(Kind::Empty, &path, "there are no candidates", help);
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
                    Kind::UnknownReference,
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
    let ballot = read_ballot_name(fields, problems);
    let description = read_description(fields, problems);
    Some(Candidate {
        id: CandidateId::new(&id?)?,
        name: name?,
        party: party.ok()?,
        person: person.ok()?,
        ballot: ballot.ok()?,
        description: description.ok()?,
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
    pub(super) ids: Vec<CandidateId>,
    /// False when some candidate entry has no usable id (or there are none):
    /// then references cannot be judged and are not reported.
    pub(super) complete: bool,
}

impl Known {
    pub(super) fn from_document(root: &Node) -> Self {
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
    pub(super) fn candidate(
        &self,
        node: &Node,
        path: &Path,
        problems: &mut Problems,
    ) -> Option<CandidateId> {
        let id = reader::text(node, path, problems)?;
        let found = self.contains(&id);
        if found.is_none() && self.complete {
            problems.value(
                Kind::UnknownReference,
                path,
                format!("`{id}` is not a candidate in this election"),
                self.stranger_help(&id),
            );
        }
        found
    }

    /// Reads `{candidate-id: votes, ...}`; strangers are problems at the key.
    pub(super) fn votes_by_candidate(
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
                            Kind::UnknownReference,
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
