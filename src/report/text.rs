//! The count as a person reads a declaration: the first count, the
//! threshold, who remained and why, the second count, who was elected.

use std::fmt::Write;

use crate::count::Outcome;
use crate::format::Share;
use crate::model::Election;
use crate::narrative;

pub fn declaration(election: &Election, outcome: &Outcome) -> String {
    let mut out = String::new();
    heading(&mut out, election);
    if !outcome.contested() {
        paragraph(&mut out, &narrative::headline(election, outcome));
        return out;
    }
    if let Some(progress) = outcome.progress() {
        paragraph(&mut out, &narrative::progress_banner(progress));
        if let Some(latest) = narrative::latest_figures(progress) {
            paragraph(&mut out, &latest);
        }
    }
    first_count(&mut out, election, outcome);
    if outcome.has_second_count() {
        second_count(&mut out, election, outcome);
    }
    paragraph(&mut out, &narrative::headline(election, outcome));
    out
}

fn heading(out: &mut String, election: &Election) {
    let _ = writeln!(out, "{}", election.title);
    let _ = writeln!(out, "{}", election.office);
    let mut facts = vec![
        format!("Polling day {}", election.date.long()),
        election.system.name().to_owned(),
    ];
    // A declared turnout has no place beside provisional figures.
    if let Some(turnout) = election
        .turnout_percent
        .filter(|_| election.status == crate::model::ResultStatus::Declared)
    {
        let turnout = crate::format::declared_percent(turnout);
        facts.push(format!("turnout {turnout} (as declared)"));
    }
    let _ = writeln!(out, "{}", facts.join(" · "));
}

fn paragraph(out: &mut String, text: &str) {
    out.push('\n');
    out.push_str(&wrap(text, 78));
}

fn name_width(election: &Election) -> usize {
    election
        .candidates
        .iter()
        .map(|c| c.name.chars().count())
        .max()
        .unwrap_or(0)
        .max("Non-transferable papers".len() - 14)
}

fn party_width(election: &Election) -> usize {
    election
        .candidates
        .iter()
        .map(|c| election.party_name(c).chars().count())
        .max()
        .unwrap_or(0)
}

fn first_count(out: &mut String, election: &Election, outcome: &Outcome) {
    let tally = &outcome.overall;
    let (nw, pw) = (name_width(election), party_width(election));
    let heading = match (outcome.is_counting(), outcome.has_second_count()) {
        (true, _) => "First count (provisional running totals)",
        (false, true) => "First count",
        (false, false) => "Result",
    };
    let _ = writeln!(out, "\n{heading}");
    let _ = writeln!(
        out,
        "  {}  {}  {:>11}  {:>6}",
        pad("Candidate", nw),
        pad("Party", pw),
        "Votes",
        "Share"
    );
    // The first count reads best by votes, whatever happened after it.
    let mut by_votes: Vec<_> = tally.candidates.iter().collect();
    by_votes.sort_by(|a, b| b.first.cmp(&a.first).then(a.id.cmp(&b.id)));
    for c in by_votes {
        let candidate = election.candidate(&c.id);
        let party = candidate.map_or("", |x| election.party_name(x));
        let _ = writeln!(
            out,
            "  {}  {}  {:>11}  {:>6}",
            pad(narrative::name(election, &c.id), nw),
            pad(party, pw),
            c.first,
            Share::new(c.first, tally.valid_first)
        );
    }
    let _ = writeln!(
        out,
        "  {}  {:>11}",
        pad("Valid first preferences", nw + pw + 2),
        tally.valid_first,
    );
    for sentence in [
        narrative::threshold_sentence(election, outcome),
        narrative::remained_sentence(election, outcome),
        narrative::eliminated_sentence(election, outcome),
    ]
    .into_iter()
    .flatten()
    {
        paragraph(out, &sentence);
    }
}

fn second_count(out: &mut String, election: &Election, outcome: &Outcome) {
    let tally = &outcome.overall;
    let nw = name_width(election);
    let whole = tally.second_count_total().unwrap_or_default();
    let heading = if outcome.is_counting() {
        "Second count (provisional running totals)"
    } else {
        "Second count"
    };
    let _ = writeln!(out, "\n{heading}");
    let _ = writeln!(
        out,
        "  {}  {:>11}   {:>11}   {:>11}  {:>6}",
        pad("Candidate", nw),
        "First",
        "Transfers",
        "Total",
        "Share"
    );
    for c in tally.candidates.iter().filter(|c| c.total.is_some()) {
        let _ = writeln!(
            out,
            "  {}  {:>11} + {:>11} = {:>11}  {:>6}",
            pad(narrative::name(election, &c.id), nw),
            c.first,
            c.transfers.unwrap_or_default(),
            c.total.unwrap_or_default(),
            Share::new(c.total.unwrap_or_default(), whole)
        );
    }
    if let Some(non_transferable) = tally.non_transferable {
        let _ = writeln!(
            out,
            "  {}  {:>11}",
            pad("Non-transferable papers", nw + 2 + 11 + 3 + 11 + 1),
            non_transferable,
        );
    }
}

/// `text` followed by spaces to `width` characters. Names are data and may
/// be longer than the formatter's largest width (65,535), which panics, so
/// columns are padded here rather than with `{:<width$}`.
fn pad(text: &str, width: usize) -> String {
    let short_by = width.saturating_sub(text.chars().count());
    let mut out = String::with_capacity(text.len() + short_by);
    out.push_str(text);
    out.extend(std::iter::repeat_n(' ', short_by));
    out
}

/// Breaks text into lines of at most `width` characters, at spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{pad, wrap};

    #[test]
    fn pad_counts_characters_and_never_cuts() {
        assert_eq!(pad("é", 3), "é  ");
        assert_eq!(pad("abc", 2), "abc");
        assert_eq!(pad("", 70_000).len(), 70_000);
    }

    #[test]
    fn wrap_breaks_at_spaces_within_the_width() {
        assert_eq!(wrap("aa bb cc", 5), "aa bb\ncc\n");
        assert_eq!(wrap("", 5), "");
    }
}
