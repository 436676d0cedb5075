//! A card as SVG text: a few rectangles and lines of text, no filters or
//! gradients, so that it is cheap to rasterise. Every word from the data is
//! escaped here, and the bars are the site's bar-chart geometry.

use std::fmt::Write;

use super::{Body, Card, Declared, HEIGHT, WIDTH};
use crate::charts::{NEUTRAL, shorten, wrap};

/// The family of the one font a card is drawn in (`raster.rs` loads it).
pub(super) const FAMILY: &str = "Liberation Sans";
/// Room on either side.
const MARGIN: f64 = 60.0;
/// The width of an average character of the font, in ems: a little wider
/// than Liberation Sans Bold's, so that text fitted by it fits.
const CHAR_EM: f64 = 0.6;
/// Text colours: black, and a grey that keeps 7:1 on white.
const INK: &str = "#000000";
const MUTED: &str = "#4a4f57";
const PAPER: &str = "#ffffff";
/// Bars drawn at most: the finalists of a second count, or the leaders.
const MOST_BARS: usize = 3;

/// The card's SVG.
pub fn svg(card: &Card) -> String {
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FAMILY}" font-weight="bold"><rect width="{WIDTH}" height="{HEIGHT}" fill="{PAPER}"/>"#
    );
    let inner = f64::from(WIDTH) - 2.0 * MARGIN;
    let mut y = 100.0;
    for line in wrap(&card.title, fits(inner, 46.0), 2) {
        text(&mut out, MARGIN, y, 46.0, INK, "start", &line);
        y += 54.0;
    }
    match &card.body {
        Body::Declared(declared) => result(&mut out, declared, y),
        Body::Counting { progress } => counting(&mut out, progress, y),
    }
    out.push_str("</svg>");
    out
}

/// The winner beside their party's colour, how they were elected, and the
/// deciding count as bars.
fn result(out: &mut String, declared: &Declared, top: f64) {
    let inner = f64::from(WIDTH) - 2.0 * MARGIN;
    let colour = hex_or_neutral(&declared.colour);
    let top = top + 10.0;
    let _ = write!(
        out,
        r#"<rect x="{MARGIN}" y="{top}" width="16" height="128" fill="{colour}"/>"#
    );
    let x = MARGIN + 36.0;
    let room = inner - 36.0;
    let winner = shorten(&declared.winner, fits(room, 56.0));
    text(out, x, top + 50.0, 56.0, INK, "start", &winner);
    let party = shorten(&declared.party, fits(room, 32.0));
    text(out, x, top + 92.0, 32.0, INK, "start", &party);
    let how = shorten(&declared.how, fits(room, 32.0));
    text(out, x, top + 128.0, 32.0, MUTED, "start", &how);

    let Some(chart) = &declared.chart else {
        return;
    };
    let mut y = top + 186.0;
    text(out, MARGIN, y, 24.0, MUTED, "start", &chart.title);
    // The bars are in percent of the chart's width, as on the site's pages.
    let scale = inner / 100.0;
    for row in chart.rows.iter().take(MOST_BARS) {
        let value = &row.value;
        let value_room = value.chars().count() as f64 * 24.0 * CHAR_EM;
        let label = shorten(&row.label, fits(inner - value_room - 24.0, 24.0));
        text(out, MARGIN, y + 34.0, 24.0, INK, "start", &label);
        text(out, MARGIN + inner, y + 34.0, 24.0, INK, "end", value);
        let _ = write!(
            out,
            r#"<g transform="translate({MARGIN} {bar_y}) scale({scale} 1)">"#,
            bar_y = y + 44.0
        );
        for segment in &row.segments {
            let _ = write!(
                out,
                r#"<rect x="{}" width="{}" height="20" fill="{}" fill-opacity="{}"/>"#,
                segment.x,
                segment.width,
                hex_or_neutral(&segment.fill),
                segment.opacity
            );
        }
        out.push_str("</g>");
        y += 72.0;
    }
}

/// A count in progress: said in a band across the card, with how far it
/// has got, and that nothing is declared. Nobody is named.
fn counting(out: &mut String, progress: &str, top: f64) {
    let inner = f64::from(WIDTH) - 2.0 * MARGIN;
    let band = top + 14.0;
    let _ = write!(
        out,
        r#"<rect y="{band}" width="{WIDTH}" height="130" fill="{INK}"/>"#
    );
    text(
        out,
        MARGIN,
        band + 86.0,
        60.0,
        PAPER,
        "start",
        "Counting: provisional figures",
    );
    let mut y = band + 190.0;
    for line in wrap(progress, fits(inner, 30.0), 2) {
        text(out, MARGIN, y, 30.0, INK, "start", &line);
        y += 40.0;
    }
    text(
        out,
        MARGIN,
        y + 10.0,
        30.0,
        MUTED,
        "start",
        "No result has been declared.",
    );
}

/// How many characters of `size` fit in `width`.
fn fits(width: f64, size: f64) -> usize {
    (width / (size * CHAR_EM)).floor().max(1.0) as usize
}

fn text(out: &mut String, x: f64, y: f64, size: f64, fill: &str, anchor: &str, words: &str) {
    let _ = write!(
        out,
        r#"<text x="{x}" y="{y}" font-size="{size}" fill="{fill}" text-anchor="{anchor}">{}</text>"#,
        escape(words)
    );
}

/// A colour as `#` and six hex digits, or the neutral grey: nothing else
/// reaches an attribute.
fn hex_or_neutral(colour: &str) -> &str {
    let hex = colour.strip_prefix('#').unwrap_or("");
    if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        colour
    } else {
        NEUTRAL
    }
}

/// Text for an SVG element: markup characters escaped, and control
/// characters, which XML does not allow, made spaces.
pub(super) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c if c.is_control() => escaped.push(' '),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{BarInput, bar_chart};

    fn card(body: Body) -> Card {
        Card {
            title: "Mayor <b>&</b> \"2026\"\u{7}".into(),
            body,
        }
    }

    #[test]
    fn words_from_the_data_are_escaped() {
        let svg = svg(&card(Body::Counting {
            progress: "<script>".into(),
        }));
        assert!(svg.contains("Mayor &lt;b&gt;&amp;&lt;/b&gt; &quot;2026&quot; "));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(!svg.contains("<b>") && !svg.contains("<script>"));
    }

    #[test]
    fn a_declared_card_names_the_winner_and_draws_the_bars() {
        let svg = svg(&card(Body::Declared(Box::new(Declared {
            winner: "Ann Ash".into(),
            party: "Green".into(),
            colour: "\"/><script>".into(),
            how: "Elected at the first count".into(),
            chart: Some(bar_chart(
                "c",
                "First count".into(),
                String::new(),
                (0..5)
                    .map(|i| BarInput {
                        label: format!("Candidate {i}"),
                        value: format!("{i}"),
                        colour: "#00ff00".into(),
                        first: 10 - i,
                        transfers: None,
                    })
                    .collect(),
                None,
            )),
        }))));
        assert!(svg.contains(">Ann Ash</text>"));
        assert!(svg.contains(">Green</text>"));
        assert!(svg.contains(&format!("fill=\"{NEUTRAL}\"")), "a bad colour");
        assert_eq!(svg.matches("fill=\"#00ff00\"").count(), MOST_BARS);
        assert!(!svg.contains("Counting"));
    }

    #[test]
    fn a_counting_card_says_so_and_names_nobody() {
        let svg = svg(&card(Body::Counting {
            progress: "2 of 6 local authorities have reported.".into(),
        }));
        assert!(svg.contains(">Counting: provisional figures</text>"));
        assert!(svg.contains(">No result has been declared.</text>"));
        assert!(!svg.contains("Elected"));
    }
}
