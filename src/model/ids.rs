//! Typed ids: slugs that name candidates, parties, areas and people, and
//! become URL path segments.

use std::fmt;

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
}
