//! `content/site.yaml`: the site's title, publisher, address and language.

use std::path::Path as FsPath;

use super::super::reader::{self, Fields, Problems};
use super::{read_text, read_yaml, required};
use crate::content::SiteConfig;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Kind;
use crate::yaml::{Node, Path};

pub(super) fn load_config(file: &FsPath) -> Result<SiteConfig, Vec<Diagnostic>> {
    let text = read_text(file)?;
    read_yaml(file, &text, 0, &text, |node, problems| {
        let mut fields = Fields::of(node, &Path::root(), "the site settings", problems)?;
        let title = required(
            &mut fields,
            "title",
            "add `title:` with the site's name",
            problems,
        );
        let publisher = required(
            &mut fields,
            "publisher",
            "add `publisher:` with who publishes the site",
            problems,
        );
        let base_url = fields
            .optional("base_url")
            .map(|(node, path)| read_base_url(node, &path, problems));
        let language = fields
            .optional("language")
            .map(|(node, path)| read_language(node, &path, problems));
        fields.finish(&["title", "publisher", "base_url", "language"], problems);
        Some(SiteConfig {
            title: title?,
            publisher: publisher?,
            base_url: base_url.map_or(Some(None), |u| u.map(Some))?,
            language: language.map_or(Some("en-GB".to_owned()), |l| l)?,
        })
    })
}

/// The address the site is published at, ending in `/`: every page's
/// address is made by adding to it, so it cannot hold a query or fragment.
fn read_base_url(node: &Node, path: &Path, problems: &mut Problems) -> Option<String> {
    let url = reader::url(node, path, problems)?;
    if url.contains(['?', '#']) || url.chars().any(char::is_whitespace) {
        problems.value(
            Kind::InvalidAddress,
            path,
            format!("`{url}` cannot be the start of every page's address"),
            "give the site's address alone, such as https://results.example.org/ (no `?`, `#` or spaces)",
        );
        return None;
    }
    Some(format!("{}/", url.trim_end_matches('/')))
}

fn read_language(node: &Node, path: &Path, problems: &mut Problems) -> Option<String> {
    let tag = reader::text(node, path, problems)?;
    let valid = tag.split('-').all(|part| {
        (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    if !valid {
        problems.value(
            Kind::InvalidValue,
            path,
            format!("`{tag}` is not a language tag"),
            "use a tag like en-GB",
        );
        return None;
    }
    // Every word psephos writes is English: any other tag would tell screen
    // readers to pronounce English text as another language.
    if !tag.eq_ignore_ascii_case("en") && !tag.to_ascii_lowercase().starts_with("en-") {
        problems.value(
            Kind::InvalidValue,
            path,
            format!("psephos writes its pages in English, so they cannot be marked as `{tag}`"),
            "use `en-GB` (or leave `language` out) until psephos can write pages in other languages",
        );
        return None;
    }
    Some(tag)
}
