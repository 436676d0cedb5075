//! The election as psephos understands it once loading has checked it:
//! typed ids and vote counts, no YAML, no files.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Sub};

use crate::time::Moment;

macro_rules! slug_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// Accepts only a lowercase slug (see [`is_slug`]).
            pub fn new(id: &str) -> Option<Self> {
                is_slug(id).then(|| Self(id.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

slug_id!(
    /// A candidate in one election, as `james-palmer`.
    CandidateId
);
slug_id!(
    /// A party, as `conservative`.
    PartyId
);
slug_id!(
    /// A counting area (local authority), as `east-cambridgeshire`.
    AreaId
);
slug_id!(
    /// A person with a profile page, as `james-palmer`.
    PersonId
);

/// Ids become URL path segments, so they are kept to lowercase ASCII letters
/// and digits in words joined by single hyphens.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Text as lowercase words joined by single hyphens, keeping only the
/// characters `keep` accepts (others separate words); empty when none is
/// kept. The one slugifier: ids suggested for names keep ASCII letters and
/// digits, heading ids any letter or digit.
pub fn hyphenated_words(text: &str, keep: impl Fn(char) -> bool) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if keep(c) {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// A number of ballot papers or votes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Votes(pub u64);

impl Votes {
    pub const ZERO: Votes = Votes(0);

    /// The difference, or zero when `other` is larger.
    pub fn saturating_sub(self, other: Votes) -> Votes {
        Votes(self.0.saturating_sub(other.0))
    }
}

// Loading caps every figure far below u64::MAX / number of figures, so sums
// cannot overflow; saturating keeps even absurd input from panicking.
impl Add for Votes {
    type Output = Votes;
    fn add(self, other: Votes) -> Votes {
        Votes(self.0.saturating_add(other.0))
    }
}

impl Sub for Votes {
    type Output = Votes;
    fn sub(self, other: Votes) -> Votes {
        self.saturating_sub(other)
    }
}

impl Sum for Votes {
    fn sum<I: Iterator<Item = Votes>>(iter: I) -> Votes {
        iter.fold(Votes::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Votes> for Votes {
    fn sum<I: Iterator<Item = &'a Votes>>(iter: I) -> Votes {
        iter.copied().sum()
    }
}

/// A calendar date, checked (including leap years).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Reads `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = &text[range];
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())
                .flatten()
        };
        let year = number(0..4)?;
        let month = u8::try_from(number(5..7)?).ok()?;
        let day = u8::try_from(number(8..10)?).ok()?;
        let date = Date { year, month, day };
        (year >= 1 && (1..=12).contains(&month) && day >= 1 && day <= date.days_in_month())
            .then_some(date)
    }

    fn days_in_month(self) -> u8 {
        match self.month {
            4 | 6 | 9 | 11 => 30,
            2 if self.is_leap_year() => 29,
            2 => 28,
            _ => 31,
        }
    }

    fn is_leap_year(self) -> bool {
        let y = self.year;
        (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
    }

    pub fn month_name(self) -> &'static str {
        const NAMES: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        NAMES[usize::from(self.month.clamp(1, 12) - 1)]
    }

    /// As UK publications write it: `4 May 2017`.
    pub fn long(self) -> String {
        format!("{} {} {}", self.day, self.month_name(), self.year)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// How the winner is chosen when there are three or more candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum System {
    SupplementaryVote,
    FirstPastThePost,
}

impl System {
    pub fn name(self) -> &'static str {
        match self {
            System::SupplementaryVote => "Supplementary Vote",
            System::FirstPastThePost => "first past the post",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Party {
    pub id: PartyId,
    pub name: String,
    /// A CSS hex colour, `#rrggbb`.
    pub colour: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: CandidateId,
    pub name: String,
    /// None for an independent.
    pub party: Option<PartyId>,
    pub person: Option<PersonId>,
}

/// Rejected ballot papers, as a single figure or by statutory head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejected {
    Total(Votes),
    ByHead(Vec<(RejectionHead, Votes)>),
}

impl Rejected {
    pub fn total(&self) -> Votes {
        match self {
            Rejected::Total(v) => *v,
            Rejected::ByHead(heads) => heads.iter().map(|(_, v)| *v).sum(),
        }
    }
}

/// The heads under which a returning officer reports rejected papers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RejectionHead {
    NoOfficialMark,
    MultipleFirstPreferences,
    IdentifiesVoter,
    UnmarkedOrUncertain,
    /// Some statements split "unmarked" from "void for uncertainty".
    Unmarked,
    Uncertain,
}

impl RejectionHead {
    pub const ALL: [RejectionHead; 6] = [
        RejectionHead::NoOfficialMark,
        RejectionHead::MultipleFirstPreferences,
        RejectionHead::IdentifiesVoter,
        RejectionHead::UnmarkedOrUncertain,
        RejectionHead::Unmarked,
        RejectionHead::Uncertain,
    ];

    /// The key used in election.yaml.
    pub fn key(self) -> &'static str {
        match self {
            RejectionHead::NoOfficialMark => "no_official_mark",
            RejectionHead::MultipleFirstPreferences => "multiple_first_preferences",
            RejectionHead::IdentifiesVoter => "identifies_voter",
            RejectionHead::UnmarkedOrUncertain => "unmarked_or_uncertain",
            RejectionHead::Unmarked => "unmarked",
            RejectionHead::Uncertain => "uncertain",
        }
    }

    /// The statutory wording.
    pub fn description(self) -> &'static str {
        match self {
            RejectionHead::NoOfficialMark => "Want of an official mark",
            RejectionHead::MultipleFirstPreferences => {
                "Voting for more than one candidate as to the first preference vote"
            }
            RejectionHead::IdentifiesVoter => {
                "Writing or mark by which the voter could be identified"
            }
            RejectionHead::UnmarkedOrUncertain => {
                "Unmarked or void for uncertainty as to the first preference vote"
            }
            RejectionHead::Unmarked => "Unmarked",
            RejectionHead::Uncertain => "Void for uncertainty as to the first preference vote",
        }
    }

    pub fn from_key(key: &str) -> Option<RejectionHead> {
        Self::ALL.into_iter().find(|head| head.key() == key)
    }
}

/// Ballot papers with the same first and second preference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotGroup {
    pub first: CandidateId,
    /// None when no valid second preference was marked.
    pub second: Option<CandidateId>,
    pub count: Votes,
}

/// How an area's votes were supplied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AreaVotes {
    /// No poll: the election was uncontested.
    None,
    /// While counting: this area's first count is not in yet.
    Awaiting,
    /// Published totals: first preferences for every candidate and, when there
    /// was a second count, the second preferences counted for each candidate
    /// who remained (the transfers).
    Totals {
        first: Vec<(CandidateId, Votes)>,
        second: Option<Vec<(CandidateId, Votes)>>,
    },
    /// Ballot-level data: every combination of first and second preference.
    Ballots(Vec<BallotGroup>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    pub id: AreaId,
    pub name: String,
    pub electorate: Option<Votes>,
    /// Valid plus rejected ballot papers.
    pub ballots_counted: Option<Votes>,
    pub rejected: Option<Rejected>,
    pub votes: AreaVotes,
    /// Column and row on the tile map of counting areas.
    pub tile: Option<(u32, u32)>,
    /// When the latest of these figures came in.
    pub reported_at: Option<Moment>,
    /// Ballot papers verified before the count.
    pub verified: Option<Votes>,
}

/// What the returning officer declared, kept to check the count against.
#[derive(Debug, Clone, PartialEq)]
pub struct Declared {
    pub winner: Option<CandidateId>,
    pub totals: Vec<(CandidateId, Votes)>,
    /// When the returning officer declared the result.
    pub at: Option<Moment>,
}

/// Whether the returning officer has declared the result, or the count is
/// still going on and every figure is provisional.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ResultStatus {
    Counting,
    /// Old data has no `status`, and was always a declared result.
    #[default]
    Declared,
}

impl ResultStatus {
    /// The value in election.yaml and in open data.
    pub fn key(self) -> &'static str {
        match self {
            ResultStatus::Counting => "counting",
            ResultStatus::Declared => "declared",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Election {
    /// Democracy Club's id for the election, as
    /// `mayor.cambridgeshire-and-peterborough.2017-05-04`.
    pub election_id: Option<String>,
    pub title: String,
    pub office: String,
    pub authority: Option<String>,
    pub date: Date,
    pub system: System,
    pub status: ResultStatus,
    pub source: Option<String>,
    /// Turnout as declared, in percent.
    pub turnout_percent: Option<f64>,
    pub parties: Vec<Party>,
    pub candidates: Vec<Candidate>,
    pub areas: Vec<Area>,
    pub declared: Option<Declared>,
    /// Whom the lot chose, when the final totals tie.
    pub lot: Option<CandidateId>,
}

impl Election {
    pub fn candidate(&self, id: &CandidateId) -> Option<&Candidate> {
        self.candidates.iter().find(|c| &c.id == id)
    }

    pub fn party(&self, id: &PartyId) -> Option<&Party> {
        self.parties.iter().find(|p| &p.id == id)
    }

    /// The candidate's party name, or "Independent".
    pub fn party_name(&self, candidate: &Candidate) -> &str {
        candidate
            .party
            .as_ref()
            .and_then(|id| self.party(id))
            .map_or("Independent", |p| p.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_single_hyphens() {
        for good in ["james-palmer", "a", "area-51", "2017"] {
            assert!(is_slug(good), "{good}");
        }
        for bad in ["", "James", "a--b", "-a", "a-", "a_b", "a b", "é"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn words_are_joined_by_single_hyphens() {
        let ascii = |c: char| c.is_ascii_alphanumeric();
        assert_eq!(
            hyphenated_words("  Siân  O'Neil, 2nd ", ascii),
            "si-n-o-neil-2nd"
        );
        assert_eq!(
            hyphenated_words("Siân O'Neil", char::is_alphanumeric),
            "siân-o-neil"
        );
        assert_eq!(hyphenated_words("--", ascii), "");
        assert!(is_slug(&hyphenated_words("Émile — Zola!", ascii)));
    }

    #[test]
    fn dates_are_checked_for_real_calendars() {
        assert_eq!(
            Date::parse("2017-05-04"),
            Some(Date {
                year: 2017,
                month: 5,
                day: 4
            })
        );
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2000-02-29").is_some());
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2017-13-01",
            "2017-04-31",
            "2017-5-4",
            "04/05/2017",
            "2017-00-10",
            "+017-01-01",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_read_the_uk_way() {
        assert_eq!(Date::parse("2017-05-04").unwrap().long(), "4 May 2017");
    }

    #[test]
    fn vote_arithmetic_never_overflows() {
        assert_eq!(Votes(u64::MAX) + Votes(1), Votes(u64::MAX));
        assert_eq!(Votes(1) - Votes(2), Votes(0));
        assert_eq!([Votes(2), Votes(3)].iter().sum::<Votes>(), Votes(5));
    }
}
