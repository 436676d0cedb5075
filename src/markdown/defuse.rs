//! What content must not do to a page: raw HTML is shown as text, and links
//! or images with script-capable schemes go nowhere.

use pulldown_cmark::{CowStr, Event};

use super::with_destination;

/// Raw HTML becomes visible text; `javascript:` and similar links go nowhere.
pub(super) fn defuse(event: Event) -> Event {
    match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => with_destination(other, safe_url),
    }
}

fn safe_url(url: CowStr) -> CowStr {
    const ALLOWED: [&str; 4] = ["http", "https", "mailto", "tel"];
    // Browsers ignore ASCII whitespace and control characters inside a
    // scheme ("java\tscript:"), so judge the URL without them.
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect();
    let scheme = cleaned.split_once(':').map(|(s, _)| s).filter(|s| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    match scheme {
        Some(s) if !ALLOWED.contains(&s.to_ascii_lowercase().as_str()) => CowStr::Borrowed("#"),
        _ => url,
    }
}

#[cfg(test)]
mod tests {
    use super::super::to_html;

    #[test]
    fn script_links_are_defused() {
        for source in [
            "[x](javascript:alert(1))",
            "[x](JavaScript:alert(1))",
            "[x](java\tscript:alert(1))",
            "![x](data:text/html;base64,AAAA)",
            "[x](vbscript:msgbox)",
        ] {
            let html = to_html(source).to_ascii_lowercase();
            for attribute in ["href=\"", "src=\""] {
                for scheme in ["javascript", "java\t", "data:", "vbscript"] {
                    assert!(
                        !html.contains(&format!("{attribute}{scheme}")),
                        "{source} -> {html}"
                    );
                }
            }
        }
        assert!(to_html("[x](javascript:alert(1))").contains("href=\"#\""));
        for source in [
            "[x](https://example.org/a:b)",
            "[x](../news/index.html)",
            "[x](mailto:a@b.c)",
            "[x](#section)",
        ] {
            assert!(!to_html(source).contains("\"#\""), "{source}");
        }
    }
}
