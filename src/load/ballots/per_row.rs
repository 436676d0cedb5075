//! The `first,second` form of a ballot CSV: one ballot paper per row, as an
//! e-count exports it, rows repeating freely. Rows are added up into one
//! group per pair of preferences as they are read, so memory grows with the
//! number of different pairs, never with the number of rows; each group
//! keeps where its first row is, for later checks to point at.
//!
//! Plain files (no quotes, lines ending in `\n` or `\r\n`) are split by hand
//! on bytes, each half of the file on its own thread; anything else goes
//! through the csv crate, one reused record at a time.

use std::collections::HashMap;
use std::path::Path;

use super::csv::{
    Line, Lines, MAX_ROW_PROBLEMS, NO_FIRST, csv_error, field_columns, line_text, listed,
    wrong_length,
};
use super::seen::{Seen, ShortLine};
use super::{BallotRow, Origin, shorten};
use crate::diagnostic::{Diagnostic, Kind};
use crate::model::Votes;

const HELP: &str =
    "each row is `first,second`: one ballot paper, with `second` empty for no second preference";

/// Below this many bytes of rows, one thread reads them all.
pub(super) const SPLIT_BYTES: usize = 1 << 20;

/// The rows after the header (from byte `body`), one group per pair.
pub(super) fn read(
    file: &Path,
    text: &str,
    body: usize,
    out: &mut Vec<Diagnostic>,
) -> Vec<BallotRow> {
    let bytes = text.as_bytes();
    let base = 1 + breaks(&bytes[..body]);
    let split = (bytes.len() - body > SPLIT_BYTES)
        .then(|| body + (bytes.len() - body) / 2)
        .and_then(|mid| Some(mid + 1 + bytes[mid..].iter().position(|&b| b == b'\n')?));
    let plain = |start, end| {
        let mut tally = Tally::new();
        tally_plain(&mut tally, &mut Seen::new(), text, start, end)?;
        Some(tally)
    };
    let fast = match split {
        None => plain(body, bytes.len()),
        Some(mid) => std::thread::scope(|scope| {
            let second = scope.spawn(|| plain(mid, bytes.len()));
            let first = plain(body, mid);
            let second = second.join().expect("a ballot-reading thread panicked");
            Some(first?.merge(second?))
        }),
    };
    let (tally, base) = match fast {
        Some(tally) => (tally, base),
        None => (tally_csv(file, text), 1),
    };
    tally.finish(file, base, out)
}

/// Line breaks (`\n`, `\r\n` or a lone `\r`) in some bytes.
pub(super) fn breaks(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

/// No second preference, as a candidate number.
const NONE: u32 = u32::MAX;
/// Pairs of the first `DENSE` candidates seen are found in a table.
const DENSE: usize = 32;
/// Candidate ids looked up by comparing with each while there are few.
const LINEAR: usize = 16;

/// Rows added up so far: candidate ids interned once, and a group per pair.
/// Lines are counted from the first line read (0).
#[derive(Default)]
pub(super) struct Tally {
    ids: Vec<String>,
    index: HashMap<String, u32>,
    groups: Vec<Group>,
    /// `DENSE × (DENSE + 1)` places of groups, `u32::MAX` for none yet.
    table: Vec<u32>,
    other: HashMap<(u32, u32), u32>,
    problems: Vec<RowProblem>,
    /// Rows with problems beyond those kept, and where the first of them is
    /// (its line, and its text cut short).
    more: usize,
    next: Option<(usize, String)>,
    /// Line breaks read, for placing the lines after these.
    lines: usize,
}

struct Group {
    first: u32,
    second: u32,
    count: u64,
    line: usize,
    placed: Placed,
}

/// Where a group's first row is on its line, and the line as shown: kept
/// when the group is made, since the file's text may be gone by the end.
struct Placed {
    columns: [usize; 2],
    text: String,
}

impl Placed {
    fn of(line: &str) -> Placed {
        let columns = field_columns(line);
        let column = |i: usize| columns.get(i).copied().unwrap_or(1);
        Placed {
            columns: [column(0), column(1)],
            text: shorten(line),
        }
    }
}

struct RowProblem {
    line: usize,
    /// The line, cut short.
    text: String,
    what: What,
}

enum What {
    NoFirst(usize),
    Fields(usize),
    Csv(String),
}

impl Tally {
    pub(super) fn new() -> Self {
        Tally {
            table: vec![u32::MAX; DENSE * (DENSE + 1)],
            ..Tally::default()
        }
    }

    fn intern(&mut self, id: &str) -> u32 {
        let found = if self.ids.len() <= LINEAR {
            self.ids
                .iter()
                .position(|known| known == id)
                .map(|i| i as u32)
        } else {
            self.index.get(id).copied()
        };
        found.unwrap_or_else(|| {
            let number = self.ids.len() as u32;
            self.ids.push(id.to_owned());
            self.index.insert(id.to_owned(), number);
            number
        })
    }

    /// Adds `count` ballots with these preferences; the first row of a pair
    /// is where it is placed.
    fn add(
        &mut self,
        first: u32,
        second: u32,
        count: u64,
        line: usize,
        placed: impl FnOnce() -> Placed,
    ) -> u32 {
        let dense = (first as usize) < DENSE && (second == NONE || (second as usize) < DENSE);
        let place = if dense {
            let column = if second == NONE {
                DENSE
            } else {
                second as usize
            };
            &mut self.table[first as usize * (DENSE + 1) + column]
        } else {
            self.other.entry((first, second)).or_insert(u32::MAX)
        };
        if *place == u32::MAX {
            *place = self.groups.len() as u32;
            self.groups.push(Group {
                first,
                second,
                count,
                line,
                placed: placed(),
            });
        } else {
            self.groups[*place as usize].count += count;
        }
        *place
    }

    /// A row of one ballot paper, on line `line` whose text is `text`.
    fn row<'t>(
        &mut self,
        first: &str,
        second: &str,
        line: usize,
        text: impl FnOnce() -> &'t str,
    ) -> u32 {
        let first = self.intern(first);
        let second = if second.is_empty() {
            NONE
        } else {
            self.intern(second)
        };
        self.add(first, second, 1, line, || Placed::of(text()))
    }

    /// A problem on line `line`, whose text is `text`.
    fn problem(&mut self, line: usize, text: &str, what: What) {
        if self.problems.len() < MAX_ROW_PROBLEMS {
            let text = shorten(text);
            self.problems.push(RowProblem { line, text, what });
        } else {
            self.more += 1;
            if self.next.is_none() {
                self.next = Some((line, shorten(text)));
            }
        }
    }

    /// The rows of `later`, which come after all of these.
    pub(super) fn merge(mut self, later: Tally) -> Tally {
        let shift = self.lines;
        let ids: Vec<u32> = later.ids.iter().map(|id| self.intern(id)).collect();
        let number = |n: u32| if n == NONE { NONE } else { ids[n as usize] };
        for g in later.groups {
            let (first, second) = (number(g.first), number(g.second));
            self.add(first, second, g.count, g.line + shift, || g.placed);
        }
        // As if read after these: the cap kept, and the first row past it
        // remembered as `problem` remembers it.
        let mut later_problems = later.problems.into_iter().map(|p| RowProblem {
            line: p.line + shift,
            ..p
        });
        let room = MAX_ROW_PROBLEMS.saturating_sub(self.problems.len());
        if self.more == 0 {
            self.problems.extend(later_problems.by_ref().take(room));
        }
        let past = later_problems.len();
        if self.more == 0 && past > 0 {
            self.next = later_problems.next().map(|p| (p.line, p.text));
        } else if self.more == 0 {
            self.next = later.next.map(|(line, text)| (line + shift, text));
        }
        self.more += past + later.more;
        self.lines += later.lines;
        self
    }

    /// The groups as rows, and the problems placed, the first line read
    /// being line `base`.
    pub(super) fn finish(
        self,
        file: &Path,
        base: usize,
        out: &mut Vec<Diagnostic>,
    ) -> Vec<BallotRow> {
        let line = |line: usize, text| Line {
            number: base + line,
            text,
        };
        let problems = self.problems.iter().map(|p| {
            let at = line(p.line, &p.text);
            let (kind, column, message, help) = match p.what {
                What::NoFirst(column) => {
                    (Kind::MissingVotes, column, NO_FIRST.0.into(), NO_FIRST.1)
                }
                What::Fields(n) => (Kind::CsvRow, 1, wrong_length(n as u64, 2), HELP),
                What::Csv(ref message) => (Kind::CsvRow, 1, message.clone(), HELP),
            };
            super::csv::problem(file, kind, &at, column, message, help)
        });
        let next = self.next.as_ref().map(|(l, text)| line(*l, text));
        listed(file, problems.collect(), self.more, next, out);
        let ids = &self.ids;
        self.groups
            .into_iter()
            .map(|g| BallotRow {
                first: ids[g.first as usize].clone(),
                second: (g.second != NONE).then(|| ids[g.second as usize].clone()),
                count: Votes(g.count),
                origin: Origin::Csv {
                    file: file.to_path_buf(),
                    line: base + g.line,
                    columns: g.placed.columns,
                    text: g.placed.text,
                },
            })
            .collect()
    }
}

/// The lines from byte `start` (a line start) to `end` (after a `\n`, or
/// the end of the file), split by hand and added to `tally`; None when a
/// quote or a lone `\r` needs the csv crate. A line the same as one already
/// read is the same pair: it is found by its bytes (in `seen`), without
/// splitting it again.
pub(super) fn tally_plain(
    tally: &mut Tally,
    seen: &mut Seen,
    text: &str,
    start: usize,
    end: usize,
) -> Option<()> {
    let bytes = text.as_bytes();
    let mut at = start;
    while at < end {
        let line = tally.lines;
        // A short line is read as words, its end found among them.
        if let Some(short) = ShortLine::at(bytes, at) {
            tally.lines += 1;
            let next = at + short.len + 1;
            if let Some(group) = seen.get(&short) {
                tally.groups[group as usize].count += 1;
            } else {
                let cr = short.len > 0 && bytes[next - 2] == b'\r';
                let content_end = next - 1 - usize::from(cr);
                if let Some(group) = split_line(text, at, content_end, line, tally)? {
                    seen.insert(short, group);
                }
            }
            at = next;
            continue;
        }
        let (content_end, next) = match memchr::memchr(b'\n', &bytes[at..end]) {
            Some(i) => {
                tally.lines += 1;
                let nl = at + i;
                let cr = nl > at && bytes[nl - 1] == b'\r';
                (nl - usize::from(cr), nl + 1)
            }
            None => (end, end),
        };
        split_line(text, at, content_end, line, tally)?;
        at = next;
    }
    Some(())
}

/// One line (without its ending) split into its fields and added; the
/// group it went to, if it is a good row; None when it needs the csv crate.
fn split_line(
    text: &str,
    at: usize,
    end: usize,
    line: usize,
    tally: &mut Tally,
) -> Option<Option<u32>> {
    let content = &text.as_bytes()[at..end];
    if content.is_empty() {
        return Some(None);
    }
    if content.iter().any(|&b| b == b'"' || b == b'\r') {
        return None;
    }
    let mut commas = memchr::memchr_iter(b',', content);
    let (Some(comma), None) = (commas.next(), commas.next()) else {
        let fields = 1 + memchr::memchr_iter(b',', content).count();
        tally.problem(line, line_text(text, at), What::Fields(fields));
        return Some(None);
    };
    // Trimmed as the csv crate trims a string record (any Unicode space), so
    // either path reads a row alike.
    let first = text[at..at + comma].trim();
    let second = text[at + comma + 1..end].trim();
    if first.is_empty() {
        let shown = line_text(text, at);
        tally.problem(line, shown, What::NoFirst(field_columns(shown)[0]));
        return Some(None);
    }
    Some(Some(tally.row(first, second, line, || line_text(text, at))))
}

/// Every row through the csv crate, for quoted fields and lone `\r` line
/// ends; lines are counted from line 1 (0 here).
fn tally_csv(file: &Path, text: &str) -> Tally {
    let mut tally = Tally::new();
    let mut lines = Lines::new(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut record = ::csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let at = lines.at(record.position());
                let first = &record[0];
                if first.is_empty() {
                    let column = field_columns(at.text)[0];
                    tally.problem(at.number - 1, at.text, What::NoFirst(column));
                } else {
                    tally.row(first, &record[1], at.number - 1, || at.text);
                }
            }
            Err(err) => {
                let at = lines.at(err.position());
                let (number, shown) = (at.number, at.text);
                let message = csv_error(file, &err, at, HELP).message;
                tally.problem(number - 1, shown, What::Csv(message));
            }
        }
    }
    tally
}
