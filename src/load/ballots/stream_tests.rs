//! A one-per-row CSV read in pieces reads exactly as it does whole, however
//! the pieces cut it (inside a character, between `\r` and `\n`, inside a
//! line longer than a piece), and anything unusual is left to the whole read.

use std::path::Path;

use super::stream::read_in;
use super::{encoding, read_csv};
use crate::load::files::Opened;

/// Rows and messages, as text, read whole as small files are.
fn whole(bytes: &[u8]) -> (String, Vec<String>) {
    let mut out = Vec::new();
    let text = encoding::utf8(bytes).expect("UTF-8");
    let rows = read_csv(Path::new("b.csv"), text, &mut out);
    (
        format!("{rows:?}"),
        out.iter().map(ToString::to_string).collect(),
    )
}

/// The same, read in pieces; None when left to the whole read.
fn pieces(bytes: &[u8], piece: usize, split: usize) -> Option<(String, Vec<String>)> {
    let mut out = Vec::new();
    let opened = Opened::bytes(bytes.to_vec());
    let rows = read_in(Path::new("b.csv"), &opened, piece, split, &mut out)?;
    Some((
        format!("{:?}", Some(rows)),
        out.iter().map(ToString::to_string).collect(),
    ))
}

fn same_every_way(text: &str) {
    let expected = whole(text.as_bytes());
    for piece in 1..=48 {
        for split in [0, 7, usize::MAX] {
            let found = pieces(text.as_bytes(), piece, split)
                .unwrap_or_else(|| panic!("left to the whole read: piece {piece}, split {split}"));
            assert_eq!(found, expected, "piece {piece}, split {split}");
        }
    }
}

#[test]
fn pieces_cutting_characters_and_line_ends_read_as_the_whole() {
    same_every_way(
        "first,second\r\nsiân,bob\r\nbob,\n\n 🙂 , siân\r\nsiân,bob\nann,bob,cat\n  ,bob\nbob,siân",
    );
    same_every_way("\u{feff}first,second\nann,bob\nbob,ann\n\n");
    let long = format!("first,second\nann,{}\nann,bob\n", "x".repeat(300));
    same_every_way(&long);
}

#[test]
fn the_problem_cap_and_first_places_hold_across_pieces() {
    let mut text = String::from("first,second\n");
    for i in 0..150 {
        text.push_str(if i % 3 == 0 { "ann,bob\n" } else { ",bob\n" });
        text.push_str("bob,ann,cat\r\n");
    }
    same_every_way(&text);
}

/// The first row past the hundred listed is pointed at, at its line's
/// start, wherever the parts were cut: a part that found fewer than a
/// hundred took all of the next part's, and the row past the hundred was
/// then pointed at its own column, not at its line's start.
#[test]
fn the_row_past_the_cap_is_placed_as_read_whole_however_the_parts_fall() {
    let mut text = String::from("first,second\n");
    for _ in 0..150 {
        text.push_str(" ,bob\n");
    }
    same_every_way(&text);
}

#[test]
fn anything_unusual_is_left_to_the_whole_read() {
    for text in [
        &b"first,second\nann,\"bob\"\n"[..],
        b"first,second\nann,bob\rbob,ann\n",
        b"first,second\nsi\xE2n,bob\n",
        b"first,second\nann,b\0b\n",
        b"first,second,count\nann,bob,1\n",
        b"first,third\nann,bob\n",
        b"\"first\",second\nann,bob\n",
        b"\xFF\xFEf\0i\0",
        b"first,second",
    ] {
        for piece in [1, 5, 64] {
            assert_eq!(
                pieces(text, piece, 0),
                None,
                "{}",
                String::from_utf8_lossy(text)
            );
        }
    }
}

mod properties {
    use proptest::prelude::*;

    use super::{pieces, whole};
    use crate::load::encoding;

    /// Bytes a ballot file might hold, odd ones included.
    fn chunk() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            8 => Just(b"ann".to_vec()),
            8 => Just(b"bob".to_vec()),
            4 => Just("si\u{e2}n".as_bytes().to_vec()),
            12 => Just(b",".to_vec()),
            3 => Just(b" ".to_vec()),
            1 => Just(b"\t".to_vec()),
            12 => Just(b"\n".to_vec()),
            4 => Just(b"\r\n".to_vec()),
            1 => Just(b"\r".to_vec()),
            1 => Just(b"\"".to_vec()),
            1 => Just(b"\0".to_vec()),
            1 => Just(b"\xE2".to_vec()),
            1 => Just("\u{feff}".as_bytes().to_vec()),
            1 => Just("\u{a0}".as_bytes().to_vec()),
            2 => Just("\u{1F642}".as_bytes().to_vec()),
        ]
    }

    fn header() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            Just(b"first,second\n".to_vec()),
            Just(b"first,second\r\n".to_vec()),
            Just(b"\xEF\xBB\xBFfirst,second\n".to_vec()),
            Just(b" first , second \n".to_vec()),
            Just(b"first,second".to_vec()),
            Just(b"first,second,count\n".to_vec()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        /// Read in pieces of any size and parts, a file reads as it does
        /// whole, or is left to the whole read.
        #[test]
        fn pieces_read_as_the_whole(
            head in header(),
            body in proptest::collection::vec(chunk(), 0..60),
            piece in 1usize..24,
            split in prop_oneof![Just(0usize), 1usize..40, Just(usize::MAX)],
        ) {
            let mut bytes = head;
            bytes.extend(body.concat());
            let found = pieces(&bytes, piece, split);
            if let Some(found) = found {
                prop_assert!(encoding::utf8(&bytes).is_ok(), "read in pieces, yet not UTF-8");
                prop_assert_eq!(found, whole(&bytes));
            }
        }

        /// Hundreds of rows, good and bad, however the parts fall: the
        /// first hundred problems and the row past them as read whole.
        #[test]
        fn many_problems_read_as_the_whole(
            lines in proptest::collection::vec(
                (
                    prop_oneof![
                        Just("ann,bob"), Just("bob,"), Just(" ,bob"), Just(",bob"),
                        Just("ann,bob,cat"), Just(""), Just("  ann  ,  cat "),
                    ],
                    prop_oneof![Just("\n"), Just("\r\n")],
                ),
                0..320,
            ),
            piece in 1usize..64,
            split in 0usize..400,
        ) {
            let mut text = String::from("first,second\n");
            for (line, end) in lines {
                text.push_str(line);
                text.push_str(end);
            }
            let found = pieces(text.as_bytes(), piece, split);
            prop_assert!(found.is_some(), "plain rows are read in pieces");
            prop_assert_eq!(found.unwrap(), whole(text.as_bytes()));
        }
    }
}
