//! Data files must be UTF-8 text. Spreadsheets often save Windows-1252 or
//! UTF-16 instead, so say where the first foreign bytes are.

/// Where a file stops being UTF-8 text, and what was found there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUtf8 {
    pub line: usize,
    pub column: usize,
    pub found: Found,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// A UTF-16 byte-order mark at the start.
    Utf16,
    /// UTF-16 without a byte-order mark, or a binary file, has these.
    Nul,
    /// A byte that does not begin valid UTF-8, as Windows-1252 text has.
    Byte(u8),
}

/// How to fix any of these.
pub const SAVE_AS_UTF8: &str = "save the file as UTF-8 (in Excel: Save As, then \
    \"CSV UTF-8 (Comma delimited)\")";

impl NotUtf8 {
    pub fn message(&self) -> String {
        match self.found {
            Found::Utf16 => "this file is UTF-16 text, not UTF-8".to_owned(),
            Found::Nul => {
                "this line holds a NUL byte: the file is UTF-16 or binary, not UTF-8 text"
                    .to_owned()
            }
            Found::Byte(byte) => format!(
                "this line is not UTF-8 text: byte 0x{byte:02X} is from another encoding, \
                 such as Windows-1252"
            ),
        }
    }
}

/// The text of `bytes`, without the byte-order mark Excel writes at the start
/// of UTF-8 files.
pub fn utf8(bytes: &[u8]) -> Result<&str, NotUtf8> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(NotUtf8 {
            line: 1,
            column: 1,
            found: Found::Utf16,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => match text.find('\0') {
            Some(at) => Err(located(&text[..at], Found::Nul)),
            None => Ok(text),
        },
        Err(err) => {
            let good = &bytes[..err.valid_up_to()];
            // Valid up to there, so this cannot fail.
            let good = std::str::from_utf8(good).unwrap_or_default();
            Err(located(good, Found::Byte(bytes[err.valid_up_to()])))
        }
    }
}

/// The line and column just after `before`.
fn located(before: &str, found: Found) -> NotUtf8 {
    let at = crate::diagnostic::location_at(before, before.len());
    NotUtf8 {
        line: at.line,
        column: at.column,
        found,
    }
}

/// A line of a file that is not all UTF-8, with the foreign bytes shown as
/// �, to show under a message about them.
pub fn lossy_line(bytes: &[u8], line: usize) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let shown = crate::diagnostic::lines(&text)
        .get(line.checked_sub(1)?)?
        .to_string();
    Some(shown.trim_start_matches('\u{feff}').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_utf8_byte_order_mark_is_dropped() {
        assert_eq!(utf8(b"\xEF\xBB\xBFfirst\n"), Ok("first\n"));
        assert_eq!(utf8("Siân\n".as_bytes()), Ok("Siân\n"));
    }

    #[test]
    fn windows_1252_is_found_at_its_line_and_column() {
        let err = utf8(b"first\nsi\xE2n,x\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 3));
        assert_eq!(err.found, Found::Byte(0xE2));
        assert!(err.message().contains("0xE2"), "{}", err.message());
    }

    #[test]
    fn utf16_is_recognised_with_or_without_a_byte_order_mark() {
        assert_eq!(utf8(b"\xFF\xFEf\0i\0").unwrap_err().found, Found::Utf16);
        assert_eq!(utf8(b"\xFE\xFF\0f\0i").unwrap_err().found, Found::Utf16);
        let err = utf8(b"f\0i\0").unwrap_err();
        assert_eq!((err.line, err.column, err.found), (1, 2, Found::Nul));
    }
}
