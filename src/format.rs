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

/// A change in percentage points, kept as a whole number of its smallest
/// shown unit: `+2.5`, `−1.3`, `0.0`. The minus is a real minus sign
/// (U+2212), as in print; JSON gives the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Points {
    /// In units of 10^-`decimals` points.
    pub units: i64,
    pub decimals: u32,
}

impl Points {
    /// The change from one share to another, each as shown (tenths of a
    /// per cent): a reader subtracting the shown shares gets the shown change.
    pub fn between(before: Share, now: Share) -> Option<Points> {
        let (before, now) = (before.tenths()?, now.tenths()?);
        Some(Points {
            units: i64::try_from(now).ok()? - i64::try_from(before).ok()?,
            decimals: 1,
        })
    }

    /// The size of the change, without its sign: `2.5`.
    pub fn unsigned(self) -> String {
        Points {
            units: self.units.abs(),
            ..self
        }
        .to_string()
        .trim_start_matches('+')
        .to_owned()
    }

    /// As a number (for JSON), exact to the places shown.
    pub fn value(self) -> f64 {
        self.units as f64 / 10f64.powi(self.decimals as i32)
    }
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = match self.units {
            0 => "",
            u if u > 0 => "+",
            _ => "\u{2212}",
        };
        let magnitude = self.units.unsigned_abs();
        let text = match self.decimals {
            0 => format!("{sign}{magnitude}"),
            d => {
                let scale = 10u64.pow(d);
                let width = d as usize;
                format!("{sign}{}.{:0width$}", magnitude / scale, magnitude % scale)
            }
        };
        f.pad(&text)
    }
}

/// A percentage as the returning officer declared it, to as many places as
/// were written (one or two): `32.9%`, `36.99%`, `40.0%`.
pub fn declared_percent(percent: f64) -> String {
    let places = declared_places(percent);
    format!("{percent:.*}%", places as usize)
}

/// How many decimal places a declared figure was written with: one or two.
pub fn declared_places(figure: f64) -> u32 {
    (1..2)
        .find(|&places| {
            let scaled = figure * 10f64.powi(places as i32);
            (scaled - scaled.round()).abs() < 1e-6
        })
        .unwrap_or(2)
}

/// The change between two declared percentages, to the places of the more
/// precise one: 32.9 to 36.99 is `+4.09`.
pub fn declared_change(before: f64, now: f64) -> Points {
    let decimals = declared_places(before).max(declared_places(now));
    let units = |x: f64| (x * 10f64.powi(decimals as i32)).round() as i64;
    Points {
        units: units(now) - units(before),
        decimals,
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

    #[test]
    fn changes_in_points_carry_a_sign_and_one_place() {
        let share = |p, w| Share::new(Votes(p), Votes(w));
        // 38.0% to 40.5%.
        let up = Points::between(share(76_064, 200_378), share(93_942, 231_933)).unwrap();
        assert_eq!(up.to_string(), "+2.5");
        let down = Points::between(share(405, 1000), share(380, 1000)).unwrap();
        assert_eq!(down.to_string(), "\u{2212}2.5");
        assert_eq!(down.value(), -2.5);
        let small = Points::between(share(1000, 1000), share(999, 1000)).unwrap();
        assert_eq!(small.to_string(), "\u{2212}0.1");
        let none = Points::between(share(1, 2), share(2, 4)).unwrap();
        assert_eq!(none.to_string(), "0.0");
        assert_eq!(Points::between(share(0, 0), share(1, 2)), None);
    }

    #[test]
    fn declared_percentages_keep_their_places() {
        assert_eq!(declared_percent(32.9), "32.9%");
        assert_eq!(declared_percent(36.99), "36.99%");
        assert_eq!(declared_percent(40.0), "40.0%");
        assert_eq!(declared_change(32.9, 36.99).to_string(), "+4.09");
        assert_eq!(declared_change(36.99, 32.9).to_string(), "\u{2212}4.09");
        assert_eq!(declared_change(30.0, 31.5).to_string(), "+1.5");
    }
}
