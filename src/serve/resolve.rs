//! Safe path resolution: a request path to a file inside the build, never
//! outside it.

use std::path::{Component, Path, PathBuf};

/// What a request path leads to.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    File(PathBuf),
    /// A folder asked for without its trailing slash.
    Redirect(String),
    NotFound,
    /// An attempt to leave the site, or a path that is not valid text.
    Refused,
}

/// Maps a raw request path to a file inside `root`, refusing anything that
/// could reach outside it: `..` in any spelling, backslashes, and links
/// leading out of `within` (the site folder, where links in `static/` may
/// lead, as `build` follows them).
pub fn resolve(root: &Path, within: &Path, raw: &str) -> Resolved {
    let Some(decoded) = request_path(raw) else {
        return Resolved::Refused;
    };
    let relative = Path::new(decoded.trim_start_matches('/'));
    let mut path = root.join(relative);
    if path.is_dir() {
        if !decoded.ends_with('/') {
            return Resolved::Redirect(folder_redirect(raw));
        }
        path = path.join("index.html");
    }
    let (Ok(real), Ok(real_within)) = (path.canonicalize(), within.canonicalize()) else {
        return Resolved::NotFound;
    };
    if !real.starts_with(&real_within) {
        return Resolved::Refused;
    }
    if real.is_file() {
        Resolved::File(real)
    } else {
        Resolved::NotFound
    }
}

/// A raw request path decoded, or None when it could reach outside the
/// site: `..` in any spelling, backslashes, NUL, or text that is not UTF-8.
pub(super) fn request_path(raw: &str) -> Option<String> {
    let decoded = percent_decode(raw)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return None;
    }
    Some(decoded)
}

/// Where to send a request for a folder without its trailing slash: the
/// same path as it came (still percent-encoded, so nothing in it can break
/// the header), from one leading `/`. Kept as it came, `//example.com`
/// would send the browser to another site.
pub(super) fn folder_redirect(raw: &str) -> String {
    format!("/{}/", raw.trim_start_matches('/'))
}

/// The key of the file a decoded request path names among a site's
/// rendered files (`news/x/index.html`), `.` parts left out and a folder
/// meaning its `index.html`.
pub(super) fn file_key(decoded: &str) -> String {
    let mut parts: Vec<&str> = decoded
        .split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect();
    if decoded.ends_with('/') || decoded.ends_with("/.") || parts.is_empty() {
        parts.push("index.html");
    }
    parts.join("/")
}

/// Decodes `%XX` escapes; None for malformed escapes or text that is not UTF-8.
fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::fs;

    fn site() -> tempfile::TempDir {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().to_path_buf();
        fs::create_dir_all(root.join("news")).unwrap();
        fs::write(root.join("index.html"), "home").unwrap();
        fs::write(root.join("news/index.html"), "news").unwrap();
        temp
    }

    #[test]
    fn paths_map_to_files_inside_the_site() {
        let temp = site();
        let root = temp.path().to_path_buf();
        let real = |p: &str| Resolved::File(root.join(p).canonicalize().unwrap());
        assert_eq!(resolve(&root, &root, "/"), real("index.html"));
        assert_eq!(resolve(&root, &root, "/news/"), real("news/index.html"));
        assert_eq!(
            resolve(&root, &root, "/news"),
            Resolved::Redirect("/news/".into())
        );
        assert_eq!(
            resolve(&root, &root, "/%6eews/index.html"),
            real("news/index.html")
        );
        assert_eq!(resolve(&root, &root, "/missing.html"), Resolved::NotFound);
        // Never to another host.
        assert_eq!(
            resolve(&root, &root, "//news"),
            Resolved::Redirect("/news/".into())
        );
        assert_eq!(
            resolve(&root, &root, "/%6eews"),
            Resolved::Redirect("/%6eews/".into())
        );
    }

    #[test]
    fn every_spelling_of_going_up_is_refused() {
        let temp = site();
        let root = temp.path().to_path_buf();
        for path in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E/Cargo.toml",
            "/news/../../Cargo.toml",
            "/%2e%2e%2fCargo.toml",
            "/..%2fCargo.toml",
            "/..%5cCargo.toml",
            "/news/%2e%2e/%2e%2e/etc/passwd",
            "/%00",
            "/%zz",
            "/%ff",
        ] {
            assert_eq!(resolve(&root, &root, path), Resolved::Refused, "{path}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_may_lead_anywhere_in_the_site_but_not_out_of_it() {
        let temp = tempfile::tempdir().unwrap();
        let site = temp.path().join("site");
        let statics = site.join("static");
        fs::create_dir_all(&statics).unwrap();
        fs::create_dir_all(site.join("shared")).unwrap();
        fs::write(site.join("shared/a.txt"), "shared").unwrap();
        fs::write(temp.path().join("secret.txt"), "secret").unwrap();
        std::os::unix::fs::symlink("../shared", statics.join("shared")).unwrap();
        std::os::unix::fs::symlink("../../secret.txt", statics.join("secret.txt")).unwrap();
        assert_eq!(
            resolve(&statics, &site, "/shared/a.txt"),
            Resolved::File(site.join("shared/a.txt").canonicalize().unwrap())
        );
        assert_eq!(resolve(&statics, &site, "/secret.txt"), Resolved::Refused);
    }
}
