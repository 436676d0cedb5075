//! Static files that would clash with psephos's own output.

use std::collections::HashSet;
use std::io;
use std::path::Path;

use crate::assets::STYLESHEET_SOURCE;
use crate::diagnostic::{Diagnostic, Kind};
use crate::site_files::site_path;
use crate::write::{MARKER, StaticDir, static_files};
use crate::yaml::Location;

/// A static file where psephos writes a folder (`static/about` beside the
/// page `about/index.html`), or inside one of its files, could not be
/// written; say so before copying them, so that `check` finds it too. (The same
/// path in both is allowed: the page wins, as documented.) Nor can one be
/// where the build's marker goes, or inside a folder of that name.
pub(super) fn static_clashes<'a>(
    statics: &Path,
    outputs: impl IntoIterator<Item = &'a str>,
) -> io::Result<Vec<Diagnostic>> {
    let copy = StaticDir {
        dir: statics,
        skip: &[STYLESHEET_SOURCE],
    };
    let files: HashSet<&str> = outputs.into_iter().collect();
    let folders: HashSet<&str> = files
        .iter()
        .flat_map(|path| path.match_indices('/').map(|(at, _)| &path[..at]))
        .collect();
    let mut clashes = Vec::new();
    for relative in static_files(&copy)? {
        let name = site_path(&relative);
        let inside_a_page = name
            .match_indices('/')
            .map(|(at, _)| &name[..at])
            .find(|folder| files.contains(folder));
        let why = if name == MARKER {
            format!(
                "psephos writes its list of the files it built at `{MARKER}`, so this file cannot be published"
            )
        } else if name.starts_with(&format!("{MARKER}/")) {
            format!(
                "psephos writes its list of the files it built at `{MARKER}`, so this cannot be published inside it"
            )
        } else if folders.contains(name.as_str()) {
            format!(
                "psephos writes a folder `{name}/` of pages here, so this file cannot be published"
            )
        } else if let Some(page) = inside_a_page {
            format!("psephos writes the file `{page}` here, so this cannot be published inside it")
        } else {
            continue;
        };
        clashes.push(Diagnostic {
            kind: Kind::OutputClash,
            file: statics.join(&relative),
            location: Location::START,
            field: None,
            message: why,
            help: Some(
                "rename or move it in static/: that address belongs to one of psephos's pages"
                    .into(),
            ),
            source_line: None,
        });
    }
    Ok(clashes)
}
