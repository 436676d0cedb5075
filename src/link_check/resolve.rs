//! Reading links out of a page's HTML, and following them to the file and
//! id they lead to.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use memchr::{memchr, memmem, memrchr};

/// The distinct values of `attribute="..."` in HTML's tags, entities
/// decoded. Text may read `href="x"` too (raw HTML in Markdown is shown as
/// text, with `<` escaped but quotes not), so only matches inside a tag
/// count: after a `<` with no `>` since.
pub(super) fn attribute_values(html: &[u8], attribute: &str) -> HashSet<String> {
    let mut values = HashSet::new();
    attribute_values_where(
        html,
        attribute,
        |_| true,
        |value| {
            values.insert(value);
        },
    );
    values
}

/// Hands `found` each value of `attribute` in `html`'s tags, decoded, as
/// [`attribute_values`] reads them, but only those whose raw bytes `keep`
/// keeps: most values are passed over without being decoded.
pub(super) fn attribute_values_where(
    html: &[u8],
    attribute: &str,
    keep: impl Fn(&[u8]) -> bool,
    mut found: impl FnMut(String),
) {
    let needle = format!(" {attribute}=\"");
    for at in memmem::find_iter(html, needle.as_bytes()) {
        let start = at + needle.len();
        // No closing quote here means none after, so none further.
        let Some(length) = memchr(b'"', &html[start..]) else {
            break;
        };
        let raw = &html[start..start + length];
        if !keep(raw) {
            continue;
        }
        let before = &html[..at];
        if memrchr(b'<', before) > memrchr(b'>', before) {
            found(unescape(&String::from_utf8_lossy(raw)));
        }
    }
}

pub(super) fn unescape(value: &str) -> String {
    value
        .replace("&#38;", "&")
        .replace("&#39;", "'")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// A link within the site, without any base URL; None for links elsewhere.
pub(super) fn internal(link: &str, base_url: Option<&str>) -> Option<String> {
    if let Some(rest) = base_url.and_then(|base| link.strip_prefix(base)) {
        return Some(format!("/{rest}"));
    }
    let scheme = link.split_once(':').map(|(s, _)| s);
    let has_scheme = scheme.is_some_and(|s| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    (!has_scheme && !link.starts_with("//")).then(|| link.to_owned())
}

/// What is wrong with a link.
pub(super) struct Broken {
    pub why: String,
    /// The file it leads to, when the site has none.
    pub missing: Option<String>,
}

impl From<String> for Broken {
    fn from(why: String) -> Self {
        Broken { why, missing: None }
    }
}

/// What is wrong with a link from `page` to `target`, if anything.
pub(super) fn broken(
    page: &str,
    target: &str,
    files: &HashSet<String>,
    ids: &HashMap<&str, HashSet<String>>,
) -> Option<Broken> {
    let fragment = target.split_once('#').map_or("", |(_, fragment)| fragment);
    let Some(file) = file_of(page, target) else {
        return Some(String::from("it climbs above the site's top folder").into());
    };
    if !files.contains(&file) {
        return Some(Broken {
            why: format!("the site has no file {file}"),
            missing: Some(file),
        });
    }
    if fragment.is_empty() || fragment == "top" {
        return None;
    }
    match ids.get(file.as_str()) {
        Some(known) if known.contains(fragment) => None,
        Some(_) => Some(format!("{file} has no element with id \"{fragment}\"").into()),
        None => None,
    }
}

/// The file a link from `page` to `target` leads to, from the site's top
/// folder; None when it climbs above it.
pub(super) fn file_of(page: &str, target: &str) -> Option<String> {
    let path = target.split('#').next().unwrap_or("");
    let path = path.split('?').next().unwrap_or("");
    if path.is_empty() {
        return Some(page.to_owned());
    }
    let joined = match path.strip_prefix('/') {
        Some(from_root) => PathBuf::from(from_root),
        None => Path::new(page).parent().unwrap_or(Path::new("")).join(path),
    };
    let mut file = normalise(&joined)?;
    if path.ends_with('/') || file.is_empty() {
        file = format!("{}index.html", with_slash(&file));
    }
    Some(file)
}

fn with_slash(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        path.to_owned()
    } else {
        format!("{path}/")
    }
}

/// `a/b/../c` as `a/c`; None when it climbs above the root.
fn normalise(path: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    Some(parts.join("/"))
}
