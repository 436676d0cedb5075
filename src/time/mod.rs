//! Moments on results night: when an area's figures came in, when the result
//! was declared, when a news item was published.
//!
//! Data gives times as UK publications and returning officers write them, in
//! local time: `2026-06-20T01:42`. A time with no offset is UK civil time
//! (GMT, or BST from the last Sunday of March to the last Sunday of October),
//! so the same text means the same instant in every feed and page. An offset
//! (`Z`, `+01:00`) may be given to say so outright. A date alone means the
//! start of that day, UK time.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

mod date;

pub use date::Date;

/// A time of day, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

/// A date with, optionally, a time and an offset from UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Moment {
    pub date: Date,
    pub time: Option<TimeOfDay>,
    /// Minutes east of UTC, when the data gave one; else UK time.
    pub offset: Option<i32>,
}

impl Moment {
    /// Reads `YYYY-MM-DD`, or that followed by `T` (or a space) and `HH:MM`
    /// or `HH:MM:SS`, then optionally `Z` or `±HH:MM`.
    pub fn parse(text: &str) -> Option<Moment> {
        let date = Date::parse(text.get(..10)?)?;
        let rest = &text[10..];
        if rest.is_empty() {
            return Some(Moment {
                date,
                time: None,
                offset: None,
            });
        }
        let rest = rest.strip_prefix(['T', ' '])?;
        let (clock, offset) = split_offset(rest)?;
        Some(Moment {
            date,
            time: Some(parse_clock(clock)?),
            offset,
        })
    }

    /// A date on its own, at the start of the day.
    pub fn day(date: Date) -> Moment {
        Moment {
            date,
            time: None,
            offset: None,
        }
    }

    fn clock(self) -> TimeOfDay {
        self.time.unwrap_or(TimeOfDay {
            hour: 0,
            minute: 0,
            second: 0,
        })
    }

    /// Minutes east of UTC in force at this moment.
    pub fn offset_minutes(self) -> i32 {
        self.offset
            .unwrap_or_else(|| uk_offset(self.date, self.clock()))
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix_seconds(self) -> i64 {
        let clock = self.clock();
        let local = days_from_civil(self.date) * 86_400
            + i64::from(clock.hour) * 3_600
            + i64::from(clock.minute) * 60
            + i64::from(clock.second);
        local - i64::from(self.offset_minutes()) * 60
    }

    /// RFC 3339, as Atom and `<time datetime>` want it:
    /// `2026-06-20T01:42:00+01:00`.
    pub fn rfc3339(self) -> String {
        let clock = self.clock();
        let offset = self.offset_minutes();
        let zone = if offset == 0 {
            "Z".to_owned()
        } else {
            let sign = if offset < 0 { '-' } else { '+' };
            let abs = offset.unsigned_abs();
            format!("{sign}{:02}:{:02}", abs / 60, abs % 60)
        };
        format!(
            "{}T{:02}:{:02}:{:02}{zone}",
            self.date, clock.hour, clock.minute, clock.second
        )
    }

    /// As a reader expects it: `20 June 2026, 01:42` in UK time, or the
    /// date alone. A time given with an offset is shown as the UK clock read
    /// at that instant, so every time on a page reads on one clock.
    pub fn long(self) -> String {
        let Some(time) = self.time else {
            return self.date.long();
        };
        let (date, t) = match self.offset {
            None => (self.date, time),
            Some(_) => uk_clock(self.unix_seconds()),
        };
        format!("{}, {:02}:{:02}", date.long(), t.hour, t.minute)
    }

    /// Seconds since the epoch now, from the system clock.
    pub fn now_unix_seconds() -> i64 {
        match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(elapsed) => i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX),
            Err(before) => -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX),
        }
    }
}

/// Moments compare as instants. The same instant written two ways (with
/// different offsets, or a date and its midnight) is ordered by how it was
/// written, so that the order is total and agrees with `==`.
impl Ord for Moment {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.unix_seconds()
            .cmp(&other.unix_seconds())
            .then_with(|| self.offset.cmp(&other.offset))
            .then_with(|| self.time.cmp(&other.time))
    }
}

impl PartialOrd for Moment {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Moment {
    /// As the data gives it, normalised: `2026-06-20T01:42`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date)?;
        let Some(t) = self.time else { return Ok(()) };
        write!(f, "T{:02}:{:02}", t.hour, t.minute)?;
        if t.second != 0 {
            write!(f, ":{:02}", t.second)?;
        }
        match self.offset {
            None => Ok(()),
            Some(0) => f.write_str("Z"),
            Some(m) => {
                let sign = if m < 0 { '-' } else { '+' };
                let abs = m.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", abs / 60, abs % 60)
            }
        }
    }
}

/// `01:42` or `01:42:30`.
fn parse_clock(text: &str) -> Option<TimeOfDay> {
    let two = |part: &str| -> Option<u8> {
        (part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    let mut parts = text.split(':');
    let hour = two(parts.next()?)?;
    let minute = two(parts.next()?)?;
    let second = match parts.next() {
        Some(s) => two(s)?,
        None => 0,
    };
    (parts.next().is_none() && hour < 24 && minute < 60 && second < 60).then_some(TimeOfDay {
        hour,
        minute,
        second,
    })
}

/// Splits `01:42+01:00` into the clock and the offset in minutes.
fn split_offset(text: &str) -> Option<(&str, Option<i32>)> {
    if let Some(clock) = text.strip_suffix(['Z', 'z']) {
        return Some((clock, Some(0)));
    }
    let Some(at) = text.rfind(['+', '-']) else {
        return Some((text, None));
    };
    let (clock, zone) = text.split_at(at);
    let sign = if zone.starts_with('-') { -1 } else { 1 };
    let zone = parse_clock(&zone[1..])?;
    if zone.second != 0 || zone.hour > 14 {
        return None;
    }
    Some((
        clock,
        Some(sign * (i32::from(zone.hour) * 60 + i32::from(zone.minute))),
    ))
}

/// Days from 1970-01-01 to `date` in the proleptic Gregorian calendar.
fn days_from_civil(date: Date) -> i64 {
    let (y, m, d) = (
        i64::from(date.year),
        i64::from(date.month),
        i64::from(date.day),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_from_march = (m + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + d - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date for a number of days from 1970-01-01 (the inverse of
/// [`days_from_civil`]).
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    Date {
        year: u16::try_from(year.clamp(1, 9999)).unwrap_or(1),
        month: month as u8,
        day: day as u8,
    }
}

fn clock_of(seconds_of_day: i64) -> TimeOfDay {
    TimeOfDay {
        hour: (seconds_of_day / 3_600) as u8,
        minute: (seconds_of_day % 3_600 / 60) as u8,
        second: (seconds_of_day % 60) as u8,
    }
}

/// The UK clock (GMT or BST) at an instant.
fn uk_clock(unix: i64) -> (Date, TimeOfDay) {
    let utc = civil_from_days(unix.div_euclid(86_400));
    let year = utc.year;
    // BST runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on
    // the last Sunday of October.
    let at = |month: u8| {
        let day = Date {
            year,
            month,
            day: last_sunday(year, month),
        };
        days_from_civil(day) * 86_400 + 3_600
    };
    let local = if unix >= at(3) && unix < at(10) {
        unix + 3_600
    } else {
        unix
    };
    (
        civil_from_days(local.div_euclid(86_400)),
        clock_of(local.rem_euclid(86_400)),
    )
}

/// The date of the last Sunday of a month with 31 days (March, October).
fn last_sunday(year: u16, month: u8) -> u8 {
    let last = Date {
        year,
        month,
        day: 31,
    };
    // 1970-01-01 was a Thursday: weekday 0 is Sunday.
    let weekday = (days_from_civil(last) + 4).rem_euclid(7);
    31 - weekday as u8
}

/// UK civil time: BST (+60) from 01:00 GMT on the last Sunday of March to
/// 01:00 GMT on the last Sunday of October, GMT otherwise. Local times in
/// the skipped spring hour count as BST; in the repeated autumn hour, as the
/// first (BST) of the two.
fn uk_offset(date: Date, clock: TimeOfDay) -> i32 {
    let starts = (3, last_sunday(date.year, 3), 1);
    let ends = (10, last_sunday(date.year, 10), 2);
    let now = (date.month, date.day, clock.hour);
    if now >= starts && now < ends { 60 } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Moment {
        Moment::parse(text).unwrap_or_else(|| panic!("{text} should parse"))
    }

    #[test]
    fn reads_dates_and_times_as_data_gives_them() {
        assert_eq!(at("2026-06-20").time, None);
        let t = at("2026-06-20T01:42");
        assert_eq!((t.time.unwrap().hour, t.time.unwrap().minute), (1, 42));
        assert_eq!(at("2026-06-20 01:42:30").time.unwrap().second, 30);
        assert_eq!(at("2026-06-20T01:42Z").offset, Some(0));
        assert_eq!(at("2026-06-20T01:42+05:30").offset, Some(330));
        assert_eq!(at("2026-06-20T01:42-04:00").offset, Some(-240));
        for bad in [
            "2026-06-20T1:42",
            "2026-06-20T24:00",
            "2026-06-20T01:60",
            "2026-06-20T01:42:61",
            "2026-06-20T01",
            "2026-06-20T",
            "2026-06-20X01:42",
            "2026-06-20T01:42+1",
            "2026-06-20T01:42+25:00",
            "2026-02-30T01:42",
            "20/06/2026 01:42",
        ] {
            assert_eq!(Moment::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn uk_summer_time_follows_the_last_sundays_of_march_and_october() {
        // 2026: BST from 29 March to 25 October.
        assert_eq!(last_sunday(2026, 3), 29);
        assert_eq!(last_sunday(2026, 10), 25);
        assert_eq!(at("2026-03-29T00:59").offset_minutes(), 0);
        assert_eq!(at("2026-03-29T02:00").offset_minutes(), 60);
        assert_eq!(at("2026-06-20T01:42").offset_minutes(), 60);
        assert_eq!(at("2026-10-25T01:30").offset_minutes(), 60);
        assert_eq!(at("2026-10-25T02:00").offset_minutes(), 0);
        assert_eq!(at("2026-12-01T12:00").offset_minutes(), 0);
        assert_eq!(at("2024-05-02").offset_minutes(), 60);
    }

    #[test]
    fn days_and_dates_convert_both_ways() {
        for text in [
            "1970-01-01",
            "2000-02-29",
            "2026-06-20",
            "1900-03-01",
            "2400-12-31",
        ] {
            let date = Date::parse(text).unwrap();
            assert_eq!(civil_from_days(days_from_civil(date)), date, "{text}");
        }
    }

    #[test]
    fn instants_are_exact() {
        assert_eq!(at("1970-01-01T00:00Z").unix_seconds(), 0);
        assert_eq!(at("2000-03-01T00:00Z").unix_seconds(), 951_868_800);
        // 01:42 BST is 00:42 UTC.
        assert_eq!(
            at("2026-06-20T01:42").unix_seconds(),
            at("2026-06-20T00:42Z").unix_seconds()
        );
        assert!(at("2026-06-20T01:42") < at("2026-06-20T01:43"));
        assert!(at("2026-06-20") < at("2026-06-20T00:01"));
    }

    #[test]
    fn written_for_feeds_and_for_readers() {
        assert_eq!(
            at("2026-06-20T01:42").rfc3339(),
            "2026-06-20T01:42:00+01:00"
        );
        assert_eq!(at("2026-01-20T01:42").rfc3339(), "2026-01-20T01:42:00Z");
        assert_eq!(at("2017-05-04").rfc3339(), "2017-05-04T00:00:00+01:00");
        assert_eq!(
            at("2026-06-20T01:42-04:30").rfc3339(),
            "2026-06-20T01:42:00-04:30"
        );
        assert_eq!(at("2026-06-20T01:42").long(), "20 June 2026, 01:42");
        // Given with an offset, shown on the UK clock.
        assert_eq!(at("2026-06-20T00:42Z").long(), "20 June 2026, 01:42");
        assert_eq!(
            at("2026-01-20T23:30-01:00").long(),
            "21 January 2026, 00:30"
        );
        assert_eq!(at("2026-10-25T01:30Z").long(), "25 October 2026, 01:30");
        assert_eq!(at("2026-10-25T00:30Z").long(), "25 October 2026, 01:30");
        assert_eq!(
            at("2024-02-29T12:00+14:00").long(),
            "28 February 2024, 22:00"
        );
        assert_eq!(at("2026-06-20").long(), "20 June 2026");
        assert_eq!(
            at("2026-06-20T01:42:07Z").to_string(),
            "2026-06-20T01:42:07Z"
        );
    }
}
