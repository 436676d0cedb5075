//! schema.org descriptions for search engines: the election as an Event, its
//! candidates as Person.

use serde_json::{Value, json};

use crate::model::Candidate;
use crate::narrative;

use super::views::CountContext;
use crate::site::folder;

fn person(cx: &CountContext, candidate: &Candidate) -> Value {
    let mut person = json!({
        "@type": "Person",
        "name": candidate.name,
        "affiliation": {"@type": "Organization", "name": cx.election.party_name(candidate)},
    });
    if let Some(url) = cx
        .links
        .absolute(&folder::candidate(cx.slug, candidate.id.as_str()))
    {
        person["url"] = json!(url);
    }
    person
}

pub fn election(cx: &CountContext) -> Value {
    let election = cx.election;
    let mut event = json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": election.title,
        "description": narrative::summary(election, cx.outcome),
        "startDate": election.date.to_string(),
        "endDate": election.date.to_string(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "AdministrativeArea",
            "name": election.authority.as_deref().unwrap_or(&election.office),
        },
        "about": election.candidates.iter().map(|c| person(cx, c)).collect::<Vec<_>>(),
    });
    if let Some(url) = cx.links.absolute(&folder::election(cx.slug)) {
        event["url"] = json!(url);
    }
    event
}

pub fn candidate(cx: &CountContext, candidate: &Candidate) -> Value {
    let mut value = person(cx, candidate);
    value["@context"] = json!("https://schema.org");
    value
}
