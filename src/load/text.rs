//! Reading a text file the user wrote: UTF-8 only, with a located error and
//! the right advice when an editor saved it in another encoding, and a size
//! cap so that a wrong path (a device, a disk image) cannot exhaust memory.

use std::path::Path;

use super::encoding::{self, Found, NotUtf8};
use crate::diagnostic::{Diagnostic, Kind};
use crate::site_files::{self, Unread};
use crate::yaml::Location;

/// Far beyond any election or page a person writes; a file this large is a
/// mistake, and reading it whole would stall the build.
pub const MAX_TEXT_BYTES: u64 = 32 * 1024 * 1024;

/// Why a file's text could not be had.
#[derive(Debug, Clone, PartialEq)]
pub enum TextError {
    /// The file could not be opened or read.
    Io(String),
    /// A folder, pipe, device or socket where a text file should be.
    NotAFile(&'static str),
    TooLarge,
    /// Saved as UTF-16: name the encoding and what to do.
    Utf16,
    /// Not UTF-8 from this position on (likely Windows-1252 or Latin-1).
    NotUtf8 {
        location: Location,
        message: String,
        /// The line, with bytes that are not UTF-8 shown as �.
        line_text: String,
    },
}

impl TextError {
    /// A diagnostic at the right place in `file`.
    pub fn diagnostic(&self, file: &Path) -> Diagnostic {
        let kind = match self {
            TextError::Io(_) | TextError::NotAFile(_) | TextError::TooLarge => Kind::Unreadable,
            TextError::Utf16 | TextError::NotUtf8 { .. } => Kind::Encoding,
        };
        let (location, message, help, source_line) = match self {
            TextError::Io(err) => (
                Location::START,
                format!("cannot read this file: {err}"),
                "check that the file exists and that you may read it".to_owned(),
                None,
            ),
            TextError::NotAFile(what) => (
                Location::START,
                format!("this is {what}, where psephos expects a text file"),
                "replace it with the text file itself".to_owned(),
                None,
            ),
            TextError::TooLarge => (
                Location::START,
                format!(
                    "this file is larger than {} MiB, more than psephos reads from a text file",
                    MAX_TEXT_BYTES >> 20
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
                message,
                line_text,
            } => (
                *location,
                message.clone(),
                SAVE_AS_UTF8.to_owned(),
                Some(line_text.clone()),
            ),
        };
        Diagnostic {
            kind,
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
    let bytes = site_files::read_file(path, MAX_TEXT_BYTES).map_err(|why| match why {
        Unread::Missing => TextError::Io("No such file or directory".into()),
        Unread::Io(err) => TextError::Io(err),
        Unread::Folder => TextError::NotAFile("a folder"),
        Unread::NotOrdinary => {
            TextError::NotAFile("not an ordinary file (a pipe, device or socket)")
        }
        Unread::TooLarge => TextError::TooLarge,
    })?;
    decode(bytes)
}

/// UTF-8 text from raw bytes, or where and why it is not.
pub fn decode(bytes: Vec<u8>) -> Result<String, TextError> {
    // Good text (the usual case) becomes the string without being copied.
    let bytes = match String::from_utf8(bytes) {
        Ok(mut text) if !text.contains('\0') => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            return Ok(text);
        }
        Ok(text) => text.into_bytes(),
        Err(err) => err.into_bytes(),
    };
    match encoding::utf8(&bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(NotUtf8 {
            found: Found::Utf16,
            ..
        }) => Err(TextError::Utf16),
        Err(err) => Err(TextError::NotUtf8 {
            location: Location {
                line: err.line,
                column: err.column,
            },
            message: err.message(),
            line_text: encoding::lossy_line(&bytes, err.line).unwrap_or_default(),
        }),
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
        let d = err.diagnostic(Path::new("e.yaml"));
        assert_eq!(d.location, Location { line: 2, column: 9 });
        assert_eq!(d.source_line.as_deref(), Some("name: Si\u{fffd}n Berry"));
        assert!(d.message.contains("Windows-1252"), "{}", d.message);
        assert!(d.help.unwrap().contains("UTF-8"));
    }

    #[test]
    fn utf16_is_named_with_or_without_a_byte_order_mark() {
        let utf16: Vec<u8> = "title: x\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let without_bom = decode(utf16.clone())
            .unwrap_err()
            .diagnostic(Path::new("e"));
        assert!(
            without_bom.message.contains("UTF-16"),
            "{}",
            without_bom.message
        );
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend(utf16);
        assert_eq!(decode(with_bom), Err(TextError::Utf16));
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_without_waiting_for_a_writer() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        let fifo = dir.join("site.yaml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            assert_eq!(
                read(&fifo),
                Err(TextError::NotAFile(
                    "not an ordinary file (a pipe, device or socket)"
                ))
            );
        }
        assert_eq!(read(dir), Err(TextError::NotAFile("a folder")));
    }

    #[test]
    fn a_missing_file_is_an_io_error() {
        let err = read(Path::new("/nonexistent/psephos/e.yaml")).unwrap_err();
        assert!(matches!(err, TextError::Io(_)), "{err:?}");
    }
}
