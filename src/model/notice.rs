//! What the notice of result names beyond the count: each candidate as the
//! ballot paper prints them, the returning officer, and the papers rejected
//! as to the second preference. The order of names on the ballot paper is
//! defined here, once.

use std::cmp::Ordering;

use super::{Candidate, Votes};

/// A candidate's name as the ballot paper and the statement of persons
/// nominated give it: the surname, and the other names in full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotName {
    /// As `Van de Weyer`: particles belong to the surname.
    pub surname: String,
    /// As `Aidan Thomas`; empty for a candidate with no other name.
    pub other_names: String,
}

/// Who gave notice of the result, as the notice signs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturningOfficer {
    pub name: String,
    /// As `Combined Authority Returning Officer`; None when not given.
    pub title: Option<String>,
}

/// The heads under which papers are rejected as to the first preference
/// (the whole paper is void) or, at the second count, as to the second
/// preference only (the first preference still counts).
pub trait Head: Copy + PartialEq + 'static {
    /// Every head, in the order notices list them.
    const HEADS: &'static [Self];
    /// The key in election.yaml.
    fn key(self) -> &'static str;
    /// The statutory wording.
    fn description(self) -> &'static str;
}

/// The heads of papers whose second preference was not counted. The count
/// of second preferences applies the rules on rejected papers "as if
/// references to first preference votes were references to second
/// preference votes" (SI 2017/67 Sch 1 r. 55(3)), and the notice gives those "unmarked or void for uncertainty as to the
/// second preference vote" (SI 2007/1024 Sch 1 r. 54(2)(d)(ii)). Want of an
/// official mark, or a mark identifying the voter, voids the whole paper at
/// the first count, so neither is a head here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SecondRejectionHead {
    MultipleSecondPreferences,
    UnmarkedOrUncertain,
}

impl Head for SecondRejectionHead {
    const HEADS: &'static [Self] = &[
        SecondRejectionHead::MultipleSecondPreferences,
        SecondRejectionHead::UnmarkedOrUncertain,
    ];

    fn key(self) -> &'static str {
        match self {
            SecondRejectionHead::MultipleSecondPreferences => "multiple_second_preferences",
            SecondRejectionHead::UnmarkedOrUncertain => "unmarked_or_uncertain",
        }
    }

    fn description(self) -> &'static str {
        match self {
            SecondRejectionHead::MultipleSecondPreferences => {
                "Voting for more than one candidate as to the second preference vote"
            }
            SecondRejectionHead::UnmarkedOrUncertain => {
                "Unmarked or void for uncertainty as to the second preference vote"
            }
        }
    }
}

/// The surname a candidate is listed under: the ballot paper's when given,
/// else the last word of their name (so `Aidan Van de Weyer` needs
/// `surname: Van de Weyer` to be listed under V).
fn surname_and_others(candidate: &Candidate) -> (&str, &str) {
    match &candidate.ballot {
        Some(name) => (&name.surname, &name.other_names),
        None => {
            let name = candidate.name.trim();
            match name.rsplit_once(char::is_whitespace) {
                Some((others, surname)) => (surname, others.trim_end()),
                None => (name, ""),
            }
        }
    }
}

/// Ballot-paper order: "alphabetically in order of their surnames and, if
/// there are two or more of them with the same surname, of their other
/// names" (SI 2007/3541 Sch 3 r. 17(6), for the Mayor of London; SI 2002/185
/// Sch 1 r. 16(6), the first local mayoral rules, reads the same).
/// Letters compare without regard to case or accents, and spaces, hyphens
/// and apostrophes are passed over (`Van de Weyer` files as `vandeweyer`,
/// `O'Brien` as `obrien`); names that still compare equal keep the order the
/// data lists them in.
pub fn ballot_order(a: &Candidate, b: &Candidate) -> Ordering {
    let (a_surname, a_others) = surname_and_others(a);
    let (b_surname, b_others) = surname_and_others(b);
    folded(a_surname)
        .cmp(folded(b_surname))
        .then_with(|| folded(a_others).cmp(folded(b_others)))
}

/// The letters and digits of a name, lowercased, accents taken off the
/// Latin letters British ballot papers print (`Siân`, `Gwynedd-Ŵyn`,
/// `Zoë`, `Ó Súilleabháin`).
fn folded(name: &str) -> impl Iterator<Item = char> + '_ {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(unaccented)
        .filter(|c| c.is_alphanumeric())
}

fn unaccented(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => 'i',
        'ł' | 'ľ' | 'ĺ' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ŕ' | 'ř' => 'r',
        'ś' | 'š' | 'ş' => 's',
        'ť' | 'ţ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

/// The total of papers given under heads.
pub fn head_total<H>(heads: &[(H, Votes)]) -> Votes {
    heads.iter().map(|(_, v)| *v).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CandidateId;

    fn candidate(name: &str, ballot: Option<(&str, &str)>) -> Candidate {
        Candidate {
            id: CandidateId::new("x").unwrap(),
            name: name.to_owned(),
            party: None,
            person: None,
            ballot: ballot.map(|(surname, other_names)| BallotName {
                surname: surname.to_owned(),
                other_names: other_names.to_owned(),
            }),
            description: None,
        }
    }

    fn sorted(mut candidates: Vec<Candidate>) -> Vec<String> {
        candidates.sort_by(ballot_order);
        candidates.into_iter().map(|c| c.name).collect()
    }

    #[test]
    fn the_2021_ballot_paper_files_van_de_weyer_under_v() {
        let order = sorted(vec![
            candidate("Aidan Van de Weyer", Some(("Van de Weyer", "Aidan Thomas"))),
            candidate("James Palmer", Some(("Palmer", "James Philip"))),
            candidate("Nik Johnson", Some(("Johnson", "Nik"))),
        ]);
        assert_eq!(order, ["Nik Johnson", "James Palmer", "Aidan Van de Weyer"]);
    }

    #[test]
    fn particles_belong_to_the_surname_given() {
        // Under W by the last word, under V by the surname given.
        let weyer = candidate("Aidan Van de Weyer", None);
        let walker = candidate("Ann Walker", None);
        let vaughan = candidate("Zoe Vaughan", None);
        assert_eq!(
            sorted(vec![walker.clone(), weyer.clone(), vaughan.clone()]),
            ["Zoe Vaughan", "Ann Walker", "Aidan Van de Weyer"]
        );
        let weyer = candidate("Aidan Van de Weyer", Some(("Van de Weyer", "Aidan")));
        // `vandeweyer` before `vaughan`: n before u.
        assert_eq!(
            sorted(vec![walker, weyer, vaughan]),
            ["Aidan Van de Weyer", "Zoe Vaughan", "Ann Walker"]
        );
    }

    #[test]
    fn the_same_surname_is_ordered_by_other_names() {
        let order = sorted(vec![
            candidate("Sam Smith", Some(("Smith", "Samuel"))),
            candidate("Alex Smith", Some(("Smith", "Alexandra Jane"))),
            candidate("Alex Smith (2)", Some(("Smith", "Alexandra"))),
        ]);
        assert_eq!(order, ["Alex Smith (2)", "Alex Smith", "Sam Smith"]);
    }

    #[test]
    fn case_accents_spaces_and_apostrophes_do_not_decide() {
        let order = sorted(vec![
            candidate("b", Some(("de Souza", "Ana"))),
            candidate("a", Some(("Davies", "Siân"))),
            candidate("d", Some(("O'Brien", "Pat"))),
            candidate("c", Some(("Oakes", "Jo"))),
            candidate("e", Some(("DAVIES", "Sian Mair"))),
            candidate("f", Some(("Émile", "Zoë"))),
        ]);
        // davies sian < davies sianmair < desouza < emile < oakes < obrien
        assert_eq!(order, ["a", "e", "b", "f", "c", "d"]);
    }

    #[test]
    fn mc_mac_and_hyphens_are_filed_letter_by_letter() {
        // No filing of Mc as Mac, nor of a hyphenated surname word by word:
        // the rules say only "alphabetically", and the docs say so.
        let order = sorted(vec![
            candidate("mcd", Some(("McDonald", "Ann"))),
            candidate("smith-jones", Some(("Smith-Jones", "Ann"))),
            candidate("maxwell", Some(("Maxwell", "Ann"))),
            candidate("smithers", Some(("Smithers", "Ann"))),
            candidate("mac", Some(("MacLeod", "Ann"))),
        ]);
        assert_eq!(order, ["mac", "maxwell", "mcd", "smithers", "smith-jones"]);
    }

    #[test]
    fn equal_names_keep_the_data_order() {
        let order = sorted(vec![
            candidate("first", Some(("Lee", "Kim"))),
            candidate("second", Some(("LEE", "kim"))),
        ]);
        assert_eq!(order, ["first", "second"]);
    }

    #[test]
    fn a_single_name_is_its_own_surname() {
        let order = sorted(vec![candidate("Zed", None), candidate("Ann Young", None)]);
        assert_eq!(order, ["Ann Young", "Zed"]);
    }

    #[test]
    fn second_preference_heads_have_keys_and_statutory_wording() {
        for head in SecondRejectionHead::HEADS {
            assert!(head.description().contains("second preference"));
            assert!(!head.key().is_empty());
        }
    }
}
