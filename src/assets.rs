//! Files every site gets: the stylesheet, under a name fingerprinted by its
//! content so hosts can cache it forever, and the favicon. A site's own
//! `static/style.css` or `static/favicon.svg` replaces the built-in one.

use std::io;
use std::path::Path;

use crate::pages::Output;
use crate::site_files::read_ordinary;

/// The stylesheet every site gets unless its `static/` has its own.
pub const DEFAULT_STYLESHEET: &str = include_str!("../static/style.css");
/// The favicon every site gets unless its `static/` has its own.
pub const DEFAULT_FAVICON: &str = include_str!("../static/favicon.svg");

pub const FAVICON: &str = "favicon.svg";
/// A site's own stylesheet in `static/`; published under a fingerprinted name.
pub const STYLESHEET_SOURCE: &str = "style.css";

/// Where the built site's assets are.
#[derive(Debug, Clone)]
pub struct Assets {
    /// As `style.1a2b3c4d5e.css`.
    pub stylesheet: String,
    pub favicon: String,
}

/// The assets for a site whose static files are in `statics`, and the
/// files to write for them.
pub fn assets(statics: &Path) -> io::Result<(Assets, Vec<Output>)> {
    let css = read_ordinary(&statics.join(STYLESHEET_SOURCE))?
        .unwrap_or_else(|| DEFAULT_STYLESHEET.as_bytes().to_vec());
    let stylesheet = format!("style.{}.css", fingerprint(&css));
    let mut outputs = vec![Output {
        path: stylesheet.clone(),
        contents: css,
    }];
    if !statics.join(FAVICON).is_file() {
        outputs.push(Output {
            path: FAVICON.to_owned(),
            contents: DEFAULT_FAVICON.as_bytes().to_vec(),
        });
    }
    let assets = Assets {
        stylesheet,
        favicon: FAVICON.to_owned(),
    };
    Ok((assets, outputs))
}

/// Ten hex digits of a 64-bit FNV-1a hash: enough to tell versions of a file
/// apart, and the same on every machine and every build.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")[..10].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_follow_the_content() {
        assert_eq!(fingerprint(b"a"), fingerprint(b"a"));
        assert_ne!(fingerprint(b"a { }"), fingerprint(b"a {}"));
        assert_eq!(fingerprint(b"").len(), 10);
        // FNV-1a of the empty input is the offset basis.
        assert_eq!(fingerprint(b""), "cbf29ce484");
    }
}
