//! Reading a text file the user wrote: UTF-8 only, with a located error and
//! the right advice when an editor saved it in another encoding, and a size
//! cap so that a wrong path (a device, a disk image) cannot exhaust memory.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::yaml::Location;

/// Far beyond any election or page a person writes; a file this large is a
/// mistake, and reading it whole would stall the build.
pub const MAX_TEXT_BYTES: u64 = 256 * 1024 * 1024;

/// Why a file's text could not be had.
#[derive(Debug, Clone, PartialEq)]
pub enum TextError {
    /// The file could not be opened or read.
    Io(String),
    TooLarge {
        bytes: u64,
    },
    /// Saved as UTF-16: name the encoding and what to do.
    Utf16,
    /// Not UTF-8 from this position on (likely Windows-1252 or Latin-1).
    NotUtf8 {
        location: Location,
        /// The line, with bytes that are not UTF-8 shown as �.
        line_text: String,
    },
}

impl TextError {
    /// A diagnostic at the right place in `file`.
    pub fn diagnostic(&self, file: &Path) -> Diagnostic {
        let (location, message, help, source_line) = match self {
            TextError::Io(err) => (
                Location::START,
                format!("cannot read this file: {err}"),
                "check that the file exists and that you may read it".to_owned(),
                None,
            ),
            TextError::TooLarge { bytes } => (
                Location::START,
                format!(
                    "this file is {} MiB; psephos reads text files of at most {} MiB",
                    bytes / (1024 * 1024),
                    MAX_TEXT_BYTES / (1024 * 1024)
                ),
                "check that this is the file you meant".to_owned(),
                None,
            ),
            TextError::Utf16 => (
                Location::START,
                "this file is saved as UTF-16 text; psephos reads UTF-8".to_owned(),
                SAVE_AS_UTF8.to_owned(),
                None,
            ),
            TextError::NotUtf8 {
                location,
                line_text,
            } => (
                *location,
                format!(
                    "line {} holds characters that are not UTF-8 (the file was probably saved as Windows-1252 or Latin-1)",
                    location.line
                ),
                SAVE_AS_UTF8.to_owned(),
                Some(line_text.clone()),
            ),
        };
        Diagnostic {
            file: file.to_path_buf(),
            location,
            field: None,
            message,
            help: Some(help),
            source_line,
        }
    }
}

const SAVE_AS_UTF8: &str = "save the file as UTF-8 (in most editors: Save As, then choose the encoding \"UTF-8\"), then build again";

/// Reads `path` as UTF-8 text, without a leading byte-order mark.
pub fn read(path: &Path) -> Result<String, TextError> {
    let file = File::open(path).map_err(|err| TextError::Io(err.to_string()))?;
    let mut bytes = Vec::new();
    // One byte past the cap tells "too large" from "exactly at the cap"
    // without trusting the size metadata, which devices and /proc misreport.
    file.take(MAX_TEXT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err: io::Error| TextError::Io(err.to_string()))?;
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        let bytes = path
            .metadata()
            .map_or(MAX_TEXT_BYTES + 1, |m| m.len().max(MAX_TEXT_BYTES + 1));
        return Err(TextError::TooLarge { bytes });
    }
    decode(bytes)
}

/// UTF-8 text from raw bytes, or where and why it is not.
pub fn decode(bytes: Vec<u8>) -> Result<String, TextError> {
    // UTF-16 without a byte-order mark: every other byte is zero, which is
    // valid UTF-8 for ASCII text, so look before decoding.
    if bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || looks_like_utf16(&bytes)
    {
        return Err(TextError::Utf16);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        }),
        Err(err) => {
            let bytes = err.into_bytes();
            let valid_up_to = std::str::from_utf8(&bytes)
                .err()
                .map_or(bytes.len(), |e| e.valid_up_to());
            Err(not_utf8_at(&bytes, valid_up_to))
        }
    }
}

fn looks_like_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(512)];
    sample.len() >= 4 && sample.iter().filter(|b| **b == 0).count() * 3 >= sample.len()
}

/// The error for bytes that are UTF-8 up to `valid_up_to`: the line and
/// column of the first bad byte, and that line with bad bytes shown as �.
fn not_utf8_at(bytes: &[u8], valid_up_to: usize) -> TextError {
    let good = &bytes[..valid_up_to];
    let line = good.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = good
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |at| at + 1);
    let line_end = bytes[valid_up_to..]
        .iter()
        .position(|b| *b == b'\n')
        .map_or(bytes.len(), |at| valid_up_to + at);
    let before = String::from_utf8_lossy(&bytes[line_start..valid_up_to]);
    TextError::NotUtf8 {
        location: Location {
            line,
            column: before.chars().count() + 1,
        },
        line_text: String::from_utf8_lossy(&bytes[line_start..line_end]).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_read_and_a_byte_order_mark_dropped() {
        assert_eq!(decode(b"title: x\n".to_vec()).unwrap(), "title: x\n");
        assert_eq!(
            decode(b"\xEF\xBB\xBFtitle: x\n".to_vec()).unwrap(),
            "title: x\n"
        );
    }

    #[test]
    fn windows_1252_is_located_at_its_first_bad_byte() {
        // "Siân" as Windows-1252 writes â as the single byte 0xE2.
        let err = decode(b"title: x\nname: Si\xE2n Berry\n".to_vec()).unwrap_err();
        assert_eq!(
            err,
            TextError::NotUtf8 {
                location: Location { line: 2, column: 9 },
                line_text: "name: Si\u{fffd}n Berry".into(),
            }
        );
        let d = err.diagnostic(Path::new("e.yaml"));
        assert!(
            d.message
                .starts_with("line 2 holds characters that are not UTF-8")
        );
        assert!(d.help.unwrap().contains("UTF-8"));
    }

    #[test]
    fn utf16_is_named_with_or_without_a_byte_order_mark() {
        let utf16: Vec<u8> = "title: x\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode(utf16.clone()), Err(TextError::Utf16));
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend(utf16);
        assert_eq!(decode(with_bom), Err(TextError::Utf16));
    }

    #[test]
    fn a_missing_file_is_an_io_error() {
        let err = read(Path::new("/nonexistent/psephos/e.yaml")).unwrap_err();
        assert!(matches!(err, TextError::Io(_)), "{err:?}");
    }
}
