//! The charts' colours, and the choice of text colour on a fill.

/// Bars of independents and anyone without a party colour.
pub const NEUTRAL: &str = "#8a8f98";
/// Areas whose count is not in yet: pale, never a leader's colour.
pub const AWAITED: &str = "#dcdfe4";

/// Black or white, whichever reads better on the fill (WCAG contrast).
pub fn text_colour_on(fill: &str) -> &'static str {
    let luminance = relative_luminance(fill).unwrap_or(1.0);
    let on_black = (luminance + 0.05) / 0.05;
    let on_white = 1.05 / (luminance + 0.05);
    if on_black >= on_white {
        "#000000"
    } else {
        "#ffffff"
    }
}

fn relative_luminance(hex: &str) -> Option<f64> {
    let hex = hex.strip_prefix('#')?;
    let full: String = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        6 => hex.to_owned(),
        _ => return None,
    };
    let channel = |i: usize| -> Option<f64> {
        let v = f64::from(u8::from_str_radix(full.get(i..i + 2)?, 16).ok()?) / 255.0;
        Some(if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        })
    };
    Some(0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_on_tiles_takes_the_more_readable_colour() {
        assert_eq!(text_colour_on("#0087dc"), "#000000");
        assert_eq!(text_colour_on("#12355b"), "#ffffff");
        assert_eq!(text_colour_on("#faa61a"), "#000000");
        assert_eq!(text_colour_on("#e4003b"), "#ffffff");
        assert_eq!(text_colour_on("#fff"), "#000000");
    }
}
