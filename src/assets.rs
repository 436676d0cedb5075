//! Files every site gets: the stylesheet, under a name fingerprinted by its
//! content so hosts can cache it forever, and the favicon. A site's own
//! `static/style.css` or `static/favicon.svg` replaces the built-in one.

use std::io;
use std::path::Path;

use crate::site::routes::{FAVICON, stylesheet};
use crate::site::{Assets, Output};
use crate::site_files::read_ordinary;

pub use crate::site::routes::fingerprint;

/// The stylesheet every site gets unless its `static/` has its own.
pub const DEFAULT_STYLESHEET: &str = include_str!("../static/style.css");
/// The favicon every site gets unless its `static/` has its own.
pub const DEFAULT_FAVICON: &str = include_str!("../static/favicon.svg");

/// A site's own stylesheet in `static/`; published under a fingerprinted name.
pub const STYLESHEET_SOURCE: &str = "style.css";

/// The assets for a site whose static files are in `statics`, and the
/// files to write for them.
pub fn assets(statics: &Path) -> io::Result<(Assets, Vec<Output>)> {
    let css = read_ordinary(&statics.join(STYLESHEET_SOURCE))?
        .unwrap_or_else(|| DEFAULT_STYLESHEET.as_bytes().to_vec());
    let stylesheet = stylesheet(&css);
    let mut outputs = vec![Output::new(stylesheet.clone(), css)];
    if !statics.join(FAVICON).is_file() {
        outputs.push(Output::new(FAVICON, DEFAULT_FAVICON));
    }
    let assets = Assets {
        stylesheet,
        favicon: FAVICON.to_owned(),
    };
    Ok((assets, outputs))
}
