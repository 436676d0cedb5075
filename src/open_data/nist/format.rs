//! The NIST SP 1500-100 v2 classes psephos writes, as the format's JSON
//! names them (`@type` and `@id` first, then PascalCase). Only the fields
//! psephos fills are here; the schema allows many more.

use serde::{Serialize, Serializer};

use crate::model::AreaId;

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Report<'a> {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    pub(super) status: &'static str,
    pub(super) generated_date: String,
    pub(super) issuer: &'a str,
    pub(super) issuer_abbreviation: &'a str,
    pub(super) format: &'static str,
    pub(super) sequence_start: u32,
    pub(super) sequence_end: u32,
    pub(super) vendor_application_id: &'static str,
    pub(super) gp_unit: Vec<ReportingUnit<'a>>,
    pub(super) party: Vec<Party<'a>>,
    pub(super) person: Vec<Person<'a>>,
    pub(super) office: [Office<'a>; 1],
    pub(super) election: [ElectionJson<'a>; 1],
}

/// Text in the format's internationalised form, in the site's language.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct Text<'a> {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    pub(super) text: [LanguageString<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct LanguageString<'a> {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    pub(super) content: &'a str,
    pub(super) language: &'a str,
}

/// The id of a reporting unit: a counting area's, or the whole area's.
#[derive(Clone, Copy)]
pub(super) struct Unit<'a>(pub(super) Option<&'a AreaId>);

impl Serialize for Unit<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Some(area) => serializer.collect_str(&format_args!("gpunit-area-{area}")),
            None => serializer.serialize_str("gpunit-electoral-area"),
        }
    }
}

pub(super) const WHOLE: Unit<'static> = Unit(None);

/// An id made of a prefix and a data id, as `candidate-ann-ash`.
pub(super) struct Ref<'a>(pub(super) &'static str, pub(super) &'a str);

impl Serialize for Ref<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{}-{}", self.0, self.1))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct ReportingUnit<'a> {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    #[serde(rename = "@id")]
    pub(super) id: Unit<'a>,
    #[serde(rename = "Type")]
    pub(super) unit_type: &'static str,
    pub(super) other_type: &'static str,
    pub(super) name: Text<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) composing_gp_unit_ids: Vec<Unit<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) voters_registered: Option<u64>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct Party<'a> {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    #[serde(rename = "@id")]
    pub(super) id: Ref<'a>,
    pub(super) name: Text<'a>,
    /// Six hex digits, no `#`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) color: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct Person<'a> {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    #[serde(rename = "@id")]
    pub(super) id: Ref<'a>,
    pub(super) full_name: Text<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct Office<'a> {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    #[serde(rename = "@id")]
    pub(super) id: &'static str,
    pub(super) name: Text<'a>,
    pub(super) election_district_id: Unit<'static>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct ElectionJson<'a> {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    pub(super) name: Text<'a>,
    #[serde(rename = "Type")]
    pub(super) election_type: &'static str,
    pub(super) start_date: String,
    pub(super) end_date: String,
    pub(super) election_scope_id: Unit<'static>,
    pub(super) candidate: Vec<CandidateJson<'a>>,
    pub(super) contest: [Contest<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct CandidateJson<'a> {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    #[serde(rename = "@id")]
    pub(super) id: Ref<'a>,
    pub(super) ballot_name: Text<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) party_id: Option<Ref<'a>>,
    pub(super) person_id: Ref<'a>,
    /// Only once declared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) post_election_status: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct Contest<'a> {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    #[serde(rename = "@id")]
    pub(super) id: &'static str,
    pub(super) name: &'a str,
    pub(super) election_district_id: Unit<'static>,
    pub(super) office_ids: [&'static str; 1],
    pub(super) number_elected: u32,
    pub(super) votes_allowed: u32,
    pub(super) vote_variation: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) other_vote_variation: Option<&'static str>,
    pub(super) sub_units_reported: usize,
    pub(super) total_sub_units: usize,
    pub(super) contest_selection: Vec<Selection<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct Selection<'a> {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    #[serde(rename = "@id")]
    pub(super) id: Ref<'a>,
    pub(super) candidate_ids: [Ref<'a>; 1],
    pub(super) sequence_order: usize,
    pub(super) vote_counts: Vec<VoteCounts<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct VoteCounts<'a> {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    pub(super) gp_unit_id: Unit<'a>,
    #[serde(rename = "Type")]
    pub(super) count_type: &'static str,
    pub(super) count: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) round: Option<u32>,
}
