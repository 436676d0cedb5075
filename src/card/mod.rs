//! The result card: a 1200×630 PNG of an election's result, the picture a
//! link preview shows (`og:image`). It is drawn as SVG (`draw.rs`) with the
//! bar geometry of the site's own charts, and rasterised in Rust with resvg
//! (`raster.rs`), in the one font psephos carries (Liberation Sans Bold,
//! `font/`, under the SIL Open Font License), never a system font, so that
//! a card is the same on every machine.
//!
//! Like `charts`, this module knows nothing of elections: it takes words,
//! colours and numbers. What a card may say is in its types: a count in
//! progress has no winner to draw, and no figures.

mod draw;
mod raster;

pub use draw::svg;
pub use raster::{RasterError, png};

use crate::charts::BarChart;
use crate::site::routes::fingerprint;

/// The card's size in pixels: the size link previews ask for.
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// Names what draws a card besides its SVG: a card drawn by a new renderer
/// or font gets a new name, and is never reused from an older output.
const RENDERER: &str = "resvg 0.49, Liberation Sans Bold 2.1.5, card 1";

/// What a card shows.
#[derive(Debug, Clone)]
pub struct Card {
    /// The election's title.
    pub title: String,
    pub body: Body,
}

#[derive(Debug, Clone)]
pub enum Body {
    /// A declared result.
    Declared(Box<Declared>),
    /// A count in progress: how far it has got, in words. No one is named
    /// and no figure is shown, so that a shared card can never pass a
    /// provisional figure off as a result.
    Counting { progress: String },
}

/// A declared result: who is elected, and the count that decided it.
#[derive(Debug, Clone)]
pub struct Declared {
    pub winner: String,
    /// The party's name, always written beside its colour.
    pub party: String,
    /// The party's colour (`#rrggbb`), drawn as a bar beside the winner.
    pub colour: String,
    /// "Elected at the second count".
    pub how: String,
    /// The deciding count, as the election's page charts it (its title says
    /// which count); its first few bars are drawn. None when unopposed.
    pub chart: Option<BarChart>,
}

/// The file a card is published as, beside its election's page: named by
/// what it shows (`card.1a2b3c4d5e.png`), so that a changed result gets a
/// new address that link previews fetch afresh, and a card whose SVG has
/// not changed can be taken from the previous output instead of drawn again.
pub fn file_name(svg: &str) -> String {
    let mut source = RENDERER.as_bytes().to_vec();
    source.push(0);
    source.extend_from_slice(svg.as_bytes());
    format!("card.{}.png", fingerprint(&source))
}

/// Whether `bytes` can stand for a card drawn now: a PNG of the card's
/// size. For a card taken from the previous output, whose name already says
/// that it was drawn from the same SVG.
pub fn looks_like_card(bytes: &[u8]) -> bool {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    let dimension = |at: usize| {
        bytes
            .get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    bytes.starts_with(SIGNATURE)
        && bytes.get(12..16) == Some(b"IHDR")
        && dimension(16) == Some(WIDTH)
        && dimension(20) == Some(HEIGHT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{BarInput, bar_chart};

    fn card(body: Body) -> Card {
        Card {
            title: "Mayor <2026>".into(),
            body,
        }
    }

    fn declared() -> Body {
        let bar = |label: &str, first, transfers| BarInput {
            label: label.into(),
            value: format!("{first}"),
            colour: "#dc241f".into(),
            first,
            transfers,
        };
        Body::Declared(Box::new(Declared {
            winner: "Ann \"Ash\" O'Neil".into(),
            party: "Labour & Co-operative".into(),
            colour: "#dc241f".into(),
            how: "Elected at the second count".into(),
            chart: Some(bar_chart(
                "c",
                "Second count".into(),
                String::new(),
                vec![bar("Ann", 600, Some(100)), bar("Bob", 500, Some(50))],
                None,
            )),
        }))
    }

    #[test]
    fn a_card_is_a_png_of_the_right_size() {
        for body in [
            declared(),
            Body::Counting {
                progress: "2 of 6 reported.".into(),
            },
        ] {
            let bytes = png(&svg(&card(body))).unwrap();
            assert!(looks_like_card(&bytes));
        }
        assert!(!looks_like_card(b"\x89PNG\r\n\x1a\n"));
    }

    #[test]
    fn names_follow_the_drawing() {
        let one = svg(&card(declared()));
        let other = svg(&card(Body::Counting {
            progress: "x".into(),
        }));
        assert_eq!(file_name(&one), file_name(&one));
        assert_ne!(file_name(&one), file_name(&other));
        assert!(file_name(&one).starts_with("card.") && file_name(&one).ends_with(".png"));
    }
}

#[cfg(test)]
mod look {
    use super::*;
    use crate::charts::BarInput;

    fn regex_lite(s: &str, open: &str, close: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(at) = rest.find(open) {
            out.push_str(&rest[..at]);
            let end = rest[at..].find(close).unwrap() + at + close.len();
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }

    /// Writes sample cards to /tmp/card/ to look at, and times them.
    #[test]
    #[ignore]
    fn sample_cards() {
        let bar = |label: &str, first, transfers, colour: &str| BarInput {
            label: label.into(),
            value: format!("{first}"),
            colour: colour.into(),
            first,
            transfers,
        };
        let declared = Card {
            title: "Cambridgeshire and Peterborough Combined Authority Mayoral Election 2021"
                .into(),
            body: Body::Declared(Box::new(Declared {
                winner: "Nik Johnson".into(),
                party: "Labour and Co-operative Party".into(),
                colour: "#e4003b".into(),
                how: "Elected at the second count".into(),
                chart: Some(crate::charts::bar_chart(
                    "c",
                    "Second count".into(),
                    String::new(),
                    vec![
                        bar(
                            "Nik Johnson (Labour and Co-operative Party)",
                            113_994,
                            Some(30_000),
                            "#e4003b",
                        ),
                        bar(
                            "James Palmer (Conservative)",
                            104_143,
                            Some(10_000),
                            "#0087dc",
                        ),
                    ],
                    None,
                )),
            })),
        };
        let counting = Card {
            title: "Mayor of Cambridgeshire and Peterborough".into(),
            body: Body::Counting {
                progress: "4 of 6 local authorities have reported first preferences. Figures are provisional.".into(),
            },
        };
        for (name, card) in [("declared", declared), ("counting", counting)] {
            let svg = svg(&card);
            let bytes = png(&svg).unwrap();
            let mut best = [std::time::Duration::MAX; 3];
            for _ in 0..30 {
                let t = raster::timed(&svg);
                for i in 0..3 {
                    best[i] = best[i].min(t[i]);
                }
            }
            eprintln!(
                "{name}: parse {:?} draw {:?} encode {:?}",
                best[0], best[1], best[2]
            );
            for (what, variant) in [
                (
                    "no background",
                    svg.replacen(
                        r##"<rect width="1200" height="630" fill="#ffffff"/>"##,
                        "",
                        1,
                    ),
                ),
                ("no text", regex_lite(&svg, "<text", "</text>")),
                (
                    "only text",
                    regex_lite(&regex_lite(&svg, "<rect", "/>"), "<g", "</g>"),
                ),
            ] {
                let mut best = [std::time::Duration::MAX; 3];
                for _ in 0..30 {
                    let t = raster::timed(&variant);
                    for i in 0..3 {
                        best[i] = best[i].min(t[i]);
                    }
                }
                eprintln!(
                    "  {what}: parse {:?} draw {:?} encode {:?}",
                    best[0], best[1], best[2]
                );
            }
            std::fs::write(format!("/tmp/card/{name}.png"), bytes).unwrap();
            std::fs::write(format!("/tmp/card/{name}.svg"), svg).unwrap();
        }
    }
}
