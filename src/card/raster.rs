//! From a card's SVG to PNG bytes: parsed by usvg with the one font psephos
//! carries and no other (no system fonts, no images fetched), drawn by
//! resvg, and encoded as an opaque RGB PNG with fast compression, which
//! suits a card's flat colours.

use std::fmt;
use std::sync::{Arc, LazyLock};

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, ImageHrefResolver, fontdb};

use super::draw::FAMILY;
use super::{HEIGHT, WIDTH};

/// Liberation Sans Bold 2.1.5 (SIL Open Font License 1.1; `font/LICENSE.txt`).
const FONT: &[u8] = include_bytes!("font/LiberationSans-Bold.ttf");

/// The font database, made once: parsing a font is not free.
static FONTS: LazyLock<Arc<fontdb::Database>> = LazyLock::new(|| {
    let mut fonts = fontdb::Database::new();
    fonts.load_font_data(FONT.to_vec());
    fonts.set_sans_serif_family(FAMILY);
    Arc::new(fonts)
});

/// Why a card could not be drawn: psephos made its SVG, so this is a bug.
#[derive(Debug)]
pub enum RasterError {
    Svg(usvg::Error),
    Png(png::EncodingError),
}

impl fmt::Display for RasterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RasterError::Svg(error) => write!(f, "its SVG could not be read: {error}"),
            RasterError::Png(error) => write!(f, "its PNG could not be made: {error}"),
        }
    }
}

impl std::error::Error for RasterError {}

/// The card drawn from `svg`, as PNG bytes.
pub fn png(svg: &str) -> Result<Vec<u8>, RasterError> {
    let options = usvg::Options {
        fontdb: Arc::clone(&FONTS),
        font_family: FAMILY.to_owned(),
        // A card has no images; none is ever read, from a file or a URL.
        image_href_resolver: ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(RasterError::Svg)?;
    let mut pixmap = Pixmap::new(WIDTH, HEIGHT).expect("the card's size is not zero");
    resvg::render(&tree, Transform::identity(), &mut pixmap.as_mut());
    encode(&pixmap)
}

/// An opaque RGB PNG of `pixmap`, whose background is opaque: its alpha is
/// dropped.
fn encode(pixmap: &Pixmap) -> Result<Vec<u8>, RasterError> {
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|pixel| [pixel[0], pixel[1], pixel[2]])
        .collect();
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, WIDTH, HEIGHT);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fastest);
    let mut writer = encoder.write_header().map_err(RasterError::Png)?;
    writer.write_image_data(&rgb).map_err(RasterError::Png)?;
    writer.finish().map_err(RasterError::Png)?;
    Ok(bytes)
}

#[cfg(test)]
pub(super) fn timed(svg: &str) -> [std::time::Duration; 3] {
    let t = std::time::Instant::now();
    let options = usvg::Options {
        fontdb: Arc::clone(&FONTS),
        font_family: FAMILY.to_owned(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).unwrap();
    let parsed = t.elapsed();
    let mut pixmap = Pixmap::new(WIDTH, HEIGHT).unwrap();
    resvg::render(&tree, Transform::identity(), &mut pixmap.as_mut());
    let drawn = t.elapsed();
    let _ = encode(&pixmap).unwrap();
    [parsed, drawn - parsed, t.elapsed() - drawn]
}
