//! Numbers as UK publications print them: `76,064` and `38.0%`.
//!
//! Shares are rounded once, here, from whole-number votes, so every page and
//! output that shows a share shows the same figure.

use std::fmt;

use crate::model::Votes;

/// A whole number with comma thousands separators.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// How many of something: "1 election", "1,204 elections".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{} {many}", thousands(n as u64)),
    }
}

impl fmt::Display for Votes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&thousands(self.0))
    }
}

/// A part of a whole, kept exact until it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub part: Votes,
    pub whole: Votes,
}

impl Share {
    pub fn new(part: Votes, whole: Votes) -> Self {
        Share { part, whole }
    }

    /// The percentage in tenths of a per cent, rounded half up; None when the
    /// whole is zero.
    pub fn tenths(self) -> Option<u64> {
        if self.whole.0 == 0 {
            return None;
        }
        let (part, whole) = (u128::from(self.part.0), u128::from(self.whole.0));
        let tenths = (part * 2000 + whole) / (2 * whole);
        u64::try_from(tenths).ok()
    }

    /// The percentage to one decimal place, as a number (for JSON).
    pub fn percent(self) -> Option<f64> {
        // Tenths are small exact integers, so this division is exact to the
        // one decimal place shown.
        self.tenths().map(|t| t as f64 / 10.0)
    }
}

impl fmt::Display for Share {
    /// `38.0%`, or an en dash when there is nothing to share.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.tenths() {
            Some(t) => f.pad(&format!("{}.{}%", t / 10, t % 10)),
            None => f.pad("–"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated_by_commas() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(76_064), "76,064");
        assert_eq!(thousands(200_378), "200,378");
        assert_eq!(thousands(1_310_143), "1,310,143");
    }

    #[test]
    fn counts_name_one_in_the_singular() {
        assert_eq!(counted(1, "item", "items"), "1 item");
        assert_eq!(counted(0, "item", "items"), "0 items");
        assert_eq!(counted(1_204, "election", "elections"), "1,204 elections");
    }

    #[test]
    fn shares_round_half_up_to_one_decimal_place() {
        assert_eq!(
            Share::new(Votes(76_064), Votes(200_378)).to_string(),
            "38.0%"
        );
        assert_eq!(
            Share::new(Votes(88_826), Votes(156_031)).to_string(),
            "56.9%"
        );
        assert_eq!(Share::new(Votes(1), Votes(2000)).to_string(), "0.1%");
        assert_eq!(Share::new(Votes(1), Votes(2001)).to_string(), "0.0%");
        assert_eq!(Share::new(Votes(2), Votes(3)).to_string(), "66.7%");
        assert_eq!(Share::new(Votes(5), Votes(5)).to_string(), "100.0%");
    }

    #[test]
    fn a_share_of_nothing_is_a_dash() {
        assert_eq!(Share::new(Votes(0), Votes(0)).to_string(), "–");
        assert_eq!(Share::new(Votes(0), Votes(0)).percent(), None);
    }

    #[test]
    fn huge_figures_do_not_overflow() {
        let share = Share::new(Votes(u64::MAX), Votes(u64::MAX));
        assert_eq!(share.to_string(), "100.0%");
    }
}
