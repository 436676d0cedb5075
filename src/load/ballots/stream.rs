//! A large one-per-row ballot CSV read in pieces, so that memory stays the
//! same however many rows it holds: the rows are cut into parts at line
//! starts, each part read a piece at a time on whichever core is free,
//! checked to be UTF-8 and counted, and the tallies put together in file
//! order.
//!
//! This is the usual file, read quickly. Anything unusual sends the file to
//! be read whole, as small files are, so that every message is what it has
//! always been: a header that is not `first,second`, or not plain; text that
//! is not UTF-8 or holds a NUL byte; a quote or a lone `\r` (the csv crate
//! reads those); or a file that shrank while it was read.

use std::path::Path;

use rayon::prelude::*;

use super::BallotRow;
use super::csv::{Form, header};
use super::per_row::{SPLIT_BYTES, Tally, breaks, tally_plain};
use super::seen::Seen;
use crate::diagnostic::Diagnostic;
use crate::load::files::Opened;

/// Files of at least this many bytes are read in pieces.
pub(super) const STREAM_BYTES: u64 = 4 << 20;
/// Bytes each thread reads at a time: large enough that reading costs
/// little per row, small enough to stay in the processor's cache.
const PIECE: usize = 256 << 10;
/// The header must end within this many bytes.
const HEAD: usize = 64 << 10;

/// The rows, one group per pair, with their problems added to `out`; None
/// when the file must be read whole (nothing is added to `out` then).
pub(super) fn read(
    file: &Path,
    data: &Opened,
    out: &mut Vec<Diagnostic>,
) -> Option<Vec<BallotRow>> {
    read_in(file, data, PIECE, SPLIT_BYTES, out)
}

/// [`read`] in pieces of `piece` bytes, in several parts when the rows
/// take more than `split` bytes.
pub(super) fn read_in(
    file: &Path,
    data: &Opened,
    piece: usize,
    split: usize,
    out: &mut Vec<Diagnostic>,
) -> Option<Vec<BallotRow>> {
    let len = usize::try_from(data.len()).ok()?;
    let mut head = vec![0; HEAD.min(len)];
    let (body, base) = plain_header(file, fill(data, &mut head, 0)?)?;
    // Parts of the rows, each starting at a line start, read on every core:
    // more parts than cores, so that a core another program holds up leaves
    // its share to the others.
    let parts = if len - body > split { PARTS } else { 1 };
    let mut starts = vec![body];
    for i in 1..parts {
        let at = line_start_after(data, body + (len - body) * i / parts, len).unwrap_or(len);
        if at > *starts.last().unwrap_or(&body) && at < len {
            starts.push(at);
        }
    }
    let ends: Vec<usize> = starts.iter().skip(1).copied().chain([len]).collect();
    let tallies: Vec<Tally> = starts
        .par_iter()
        .zip(ends)
        .map(|(&start, end)| tally_range(data, start, end, piece))
        .collect::<Option<_>>()?;
    let tally = tallies.into_iter().reduce(Tally::merge)?;
    Some(tally.finish(file, base, out))
}

/// How many parts a large file's rows are read in.
const PARTS: usize = 16;

/// The byte where the rows start and the line number of the first, when
/// the file starts with a plain `first,second` header line.
fn plain_header(file: &Path, head: &[u8]) -> Option<(usize, usize)> {
    let end = memchr::memchr(b'\n', head)? + 1;
    let bom = if head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let text = std::str::from_utf8(head.get(bom..end)?).ok()?;
    let content = text.trim_end_matches('\n').trim_end_matches('\r');
    if content.contains(['"', '\r', '\0']) {
        return None;
    }
    let mut found = Vec::new();
    match header(file, text, &mut found) {
        Some((Form::PerRow, body)) if found.is_empty() && body == text.len() => {
            Some((bom + body, 1 + breaks(text.as_bytes())))
        }
        _ => None,
    }
}

/// Where the line after the one holding byte `at - 1` starts; None when
/// that line is the last.
fn line_start_after(data: &Opened, at: usize, len: usize) -> Option<usize> {
    let mut buf = vec![0; 4096];
    let mut from = at - 1;
    while from < len {
        let got = fill(data, &mut buf[..(len - from).min(4096)], from)?;
        if let Some(i) = memchr::memchr(b'\n', got) {
            return Some(from + i + 1).filter(|&start| start < len);
        }
        from += got.len();
    }
    None
}

/// Reads `buf.len()` bytes from `at`; None if the file holds fewer now.
fn fill<'b>(data: &Opened, buf: &'b mut [u8], at: usize) -> Option<&'b [u8]> {
    let got = data.read_at(buf, at as u64).ok()?;
    (got == buf.len()).then_some(&*buf)
}

/// The rows from byte `start` (a line start) to `end` (a line start, or
/// the end of the file), read a piece at a time. Each piece ends after a
/// `\n`, the rest of its last line being carried to the next, so no piece
/// splits a line, a `\r\n` or a character.
fn tally_range(data: &Opened, start: usize, end: usize, piece: usize) -> Option<Tally> {
    let mut tally = Tally::new();
    let mut seen = Seen::new();
    let mut buf = vec![0; piece.max(1)];
    // Bytes at the start of `buf` carried from the last piece, and where
    // the next piece is read from.
    let (mut kept, mut at) = (0, start);
    loop {
        if kept == buf.len() {
            // A line longer than a piece: read more of it.
            buf.resize(buf.len() * 2, 0);
        }
        let want = (buf.len() - kept).min(end - at);
        fill(data, &mut buf[kept..kept + want], at)?;
        at += want;
        let filled = kept + want;
        let last = at == end;
        let lines = if last {
            filled
        } else {
            match memchr::memrchr(b'\n', &buf[..filled]) {
                Some(i) => i + 1,
                None => {
                    kept = filled;
                    continue;
                }
            }
        };
        let text = std::str::from_utf8(&buf[..lines]).ok()?;
        if memchr::memchr(0, text.as_bytes()).is_some() {
            return None;
        }
        tally_plain(&mut tally, &mut seen, text, 0, lines)?;
        if last {
            return Some(tally);
        }
        buf.copy_within(lines..filled, 0);
        kept = filled - lines;
    }
}
