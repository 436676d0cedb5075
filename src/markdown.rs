//! Markdown to HTML for profiles, news and pages.
//!
//! Content may come from many hands on results night, so the output is safe
//! by construction: raw HTML in the source is shown as text, never passed
//! through, and links or images with script-capable schemes are defused.
//! Headings get `id`s so that sections can be linked to; a heading's
//! `{#id .class}` block may set its id and plain class names, nothing else
//! (an `onfocus=` there would run script), and [`check`] reports anything more.

use std::collections::HashSet;

use pulldown_cmark::{Alignment, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders Markdown to an HTML fragment. Headings are demoted so that the
/// body never competes with the page's own `<h1>`.
pub fn to_html(source: &str) -> String {
    let events: Vec<Event> = Parser::new_ext(source, options())
        .map(defuse)
        .map(plain_heading_attributes)
        .map(demote_h1)
        .collect();
    let events = scrollable_tables(with_heading_ids(events));
    let mut out = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    out
}

/// Raw HTML becomes visible text; `javascript:` and similar links go nowhere.
fn defuse(event: Event) -> Event {
    match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        other => other,
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

/// Something in a Markdown body that psephos refuses, at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
    pub help: String,
}

/// What in `source` would be dropped from the page: heading attributes other
/// than a plain `{#id}` and `.class` names. Telling the author beats
/// silently publishing a heading without what they wrote.
pub fn check(source: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut explicit: HashSet<String> = HashSet::new();
    for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
        let Event::Start(Tag::Heading {
            id, classes, attrs, ..
        }) = event
        else {
            continue;
        };
        let offset = range.start + attribute_block(&source[range.clone()]).unwrap_or(0);
        if let Some(id) = id.as_deref().filter(|id| is_plain(id)) {
            let taken = LAYOUT_IDS.contains(&id);
            if taken || !explicit.insert(id.to_owned()) {
                let by = if taken {
                    "by the page around this text"
                } else {
                    "by another heading here"
                };
                problems.push(Problem {
                    offset,
                    message: format!("the id `{id}` is already used {by}"),
                    help: "choose another `{#id}`, or leave it out and psephos makes one from the heading".into(),
                });
                continue;
            }
        }
        let refused: Vec<String> = attrs
            .iter()
            .map(|(key, value)| match value {
                Some(value) => format!("{key}={value}"),
                None => key.to_string(),
            })
            .chain(id.filter(|id| !is_plain(id)).map(|id| format!("#{id}")))
            .chain(
                classes
                    .iter()
                    .filter(|class| !is_plain(class))
                    .map(|class| format!(".{class}")),
            )
            .collect();
        if refused.is_empty() {
            continue;
        }
        problems.push(Problem {
            offset,
            message: format!(
                "a heading may only set `{{#id}}` and `.class` names, not `{}`",
                refused.join("`, `")
            ),
            help: "keep `{#some-id}` (letters, digits, `-` and `_`) and remove everything else between the braces".into(),
        });
    }
    problems
}

/// Where a heading's `{...}` block starts: the last `{` on a line ending `}`.
fn attribute_block(heading: &str) -> Option<usize> {
    let mut start = 0;
    for line in heading.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if let Some(open) = trimmed.rfind('{').filter(|_| trimmed.ends_with('}')) {
            return Some(start + open);
        }
        start += line.len();
    }
    None
}

/// An id or class name that cannot surprise anyone: letters, digits, `-`, `_`.
fn is_plain(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
}

/// Keeps a plain `{#id}` and class names; drops every other attribute, so
/// that `{onfocus=...}` never reaches the page even unchecked.
fn plain_heading_attributes(event: Event) -> Event {
    match event {
        Event::Start(Tag::Heading {
            level, id, classes, ..
        }) => Event::Start(Tag::Heading {
            level,
            id: id.filter(|id| is_plain(id)),
            classes: classes.into_iter().filter(|c| is_plain(c)).collect(),
            attrs: Vec::new(),
        }),
        other => other,
    }
}

fn demote_h1(event: Event) -> Event {
    match event {
        Event::Start(Tag::Heading {
            level: HeadingLevel::H1,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: HeadingLevel::H2,
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(HeadingLevel::H1)) => {
            Event::End(TagEnd::Heading(HeadingLevel::H2))
        }
        other => other,
    }
}

/// Wraps each table in a region that scrolls sideways on a narrow screen
/// and can be reached by keyboard to do so, and writes the table as a
/// results table: where the screen is too narrow for its columns, each row
/// stacks, and each cell shows its column's heading (`data-label`, taken
/// from the header cell's text) beside it. `role="table"` and
/// `role="rowgroup"` keep it a table for screen readers when the stacking
/// changes how it is displayed.
fn scrollable_tables(events: Vec<Event>) -> Vec<Event> {
    let mut out = Vec::with_capacity(events.len());
    let mut tables = 0;
    let mut alignments: Vec<Alignment> = Vec::new();
    let mut headings: Vec<String> = Vec::new();
    let mut in_head = false;
    let mut column = 0;
    let html = |s: String| Event::Html(CowStr::from(s));
    for event in events {
        match event {
            Event::Start(Tag::Table(aligns)) => {
                tables += 1;
                alignments = aligns;
                headings.clear();
                out.push(html(format!(
                    "<div class=\"table-scroll\" role=\"region\" aria-label=\"Table {tables}\" tabindex=\"0\"><table class=\"results\" role=\"table\">"
                )));
            }
            Event::End(TagEnd::Table) => {
                out.push(html("</tbody></table></div>\n".into()));
            }
            Event::Start(Tag::TableHead) => {
                in_head = true;
                column = 0;
                out.push(html("<thead role=\"rowgroup\"><tr>".into()));
            }
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                out.push(html("</tr></thead>\n<tbody role=\"rowgroup\">\n".into()));
            }
            Event::Start(Tag::TableRow) => {
                column = 0;
                out.push(html("<tr>".into()));
            }
            Event::End(TagEnd::TableRow) => out.push(html("</tr>\n".into())),
            Event::Start(Tag::TableCell) => {
                let align = match alignments.get(column) {
                    Some(Alignment::Left) => " style=\"text-align: left\"",
                    Some(Alignment::Center) => " style=\"text-align: center\"",
                    Some(Alignment::Right) => " style=\"text-align: right\"",
                    _ => "",
                };
                if in_head {
                    headings.push(String::new());
                    out.push(html(format!("<th scope=\"col\"{align}>")));
                } else {
                    let label = headings.get(column).map_or("", String::as_str);
                    out.push(html(format!(
                        "<td data-label=\"{}\"{align}>",
                        escape_attribute(label.trim())
                    )));
                }
            }
            Event::End(TagEnd::TableCell) => {
                column += 1;
                out.push(html(if in_head { "</th>" } else { "</td>" }.into()));
            }
            Event::Text(ref text) | Event::Code(ref text) if in_head => {
                if let Some(heading) = headings.last_mut() {
                    heading.push_str(text);
                }
                out.push(event);
            }
            other => out.push(other),
        }
    }
    out
}

/// Text made safe inside a double-quoted HTML attribute.
fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Ids the page layouts give their own sections, which a heading in a
/// Markdown body (shown inside those pages) must not repeat: a second
/// `id="main"` would send the skip link to the wrong place.
pub const LAYOUT_IDS: &[&str] = &[
    "main",
    "result",
    "first-count",
    "second-count",
    "transfers",
    "summary",
    "story",
    "related",
    "rejected",
    "profile",
    "other-candidacies",
    "other-areas",
    "news",
    "mayor",
    "links",
    "latest",
    "data",
    "candidates",
    "candidacies",
    "by-authority",
    "authorities",
];

/// Gives every heading without an explicit `{#id}` one made from its text,
/// unique within the document and apart from the layout's own ids.
fn with_heading_ids(mut events: Vec<Event>) -> Vec<Event> {
    let mut used: HashSet<String> = LAYOUT_IDS.iter().map(|id| (*id).to_owned()).collect();
    for event in &events {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
            used.insert(id.to_string());
        }
    }
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i] {
            let text = heading_text(&events[i + 1..]);
            let id = unique(slug(&text), &mut used);
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
                *slot = Some(CowStr::from(id));
            }
        }
        i += 1;
    }
    events
}

fn heading_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            _ => {}
        }
    }
    text
}

/// A heading's text as an id: lowercase words joined by hyphens.
pub fn slug(text: &str) -> String {
    let slug = crate::model::hyphenated_words(text, char::is_alphanumeric);
    if slug.is_empty() {
        "section".to_owned()
    } else {
        slug
    }
}

fn unique(base: String, used: &mut HashSet<String>) -> String {
    let mut candidate = base.clone();
    let mut n = 1;
    while used.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    used.insert(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html("Hello <script>alert(1)</script>\n\n<div onclick=\"x()\">hi</div>\n");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

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

    #[test]
    fn headings_get_unique_ids_and_h1_is_demoted() {
        let html = to_html(
            "# Top\n\n## Before he was mayor\n\n## Before he was mayor\n\n### Own {#mine}\n",
        );
        assert!(html.contains("<h2 id=\"top\">Top</h2>"), "{html}");
        assert!(html.contains("<h2 id=\"before-he-was-mayor\">"), "{html}");
        assert!(html.contains("<h2 id=\"before-he-was-mayor-1\">"), "{html}");
        assert!(html.contains("<h3 id=\"mine\">"), "{html}");
    }

    #[test]
    fn made_ids_never_repeat_the_layout_s_or_an_explicit_one() {
        let html = to_html("## Main\n\n## Candidacies\n\n## Later\n\n## Mine {#later}\n");
        assert!(html.contains("<h2 id=\"main-1\">Main</h2>"), "{html}");
        assert!(html.contains("<h2 id=\"candidacies-1\">"), "{html}");
        assert!(html.contains("<h2 id=\"later-1\">Later</h2>"), "{html}");
        assert!(html.contains("<h2 id=\"later\">Mine</h2>"), "{html}");
    }

    #[test]
    fn an_explicit_id_the_page_already_uses_is_refused() {
        let source = "## A {#main}\n\n## B {#b}\n\n## C {#b}\n";
        let problems = check(source);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].offset, 5);
        assert!(problems[0].message.contains("by the page around this text"));
        assert_eq!(problems[1].offset, source.rfind('{').unwrap());
        assert!(problems[1].message.contains("by another heading here"));
    }

    #[test]
    fn heading_attributes_keep_only_a_plain_id_and_classes() {
        let html = to_html("## Figures {#figures .wide}\n");
        assert!(
            html.contains("<h2 id=\"figures\" class=\"wide\">Figures</h2>"),
            "{html}"
        );
        assert_eq!(check("## Figures {#figures .wide}\n"), []);
        for attributes in [
            "{autofocus tabindex=0 onfocus=alert(document.domain)}",
            "{#x onfocus=alert(1)}",
            "{style=color:red}",
            "{autofocus}",
            "{onmouseover=\"alert(1)\"}",
            "{#a\"onclick=x}",
        ] {
            let source = format!("Intro\n\n## Figures {attributes}\n");
            let html = to_html(&source);
            for banned in ["onfocus", "autofocus", "tabindex", "style", "onmouseover"] {
                assert!(!html.contains(banned), "{source} -> {html}");
            }
            assert!(!html.contains("\"onclick"), "{source} -> {html}");
            let problems = check(&source);
            assert_eq!(problems.len(), 1, "{source}");
            assert_eq!(
                problems[0].offset,
                source.find('{').unwrap(),
                "{source}: {problems:?}"
            );
        }
        let setext = check("Figures {onfocus=x}\n---\n");
        assert_eq!(setext.len(), 1);
        assert_eq!(setext[0].offset, 8);
        assert!(setext[0].message.contains("`onfocus=x`"), "{setext:?}");
    }

    #[test]
    fn table_cells_are_labelled_with_their_column_heading() {
        let html = to_html(
            "| Name | *Votes* \"now\" | `x<y` |\n|---|--:|---|\n| Ann | 1,234 | |\n| Bob | 56 | z |\n",
        );
        assert!(
            html.contains(
                "<th scope=\"col\" style=\"text-align: right\"><em>Votes</em> “now”</th>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<tr><td data-label=\"Name\">Ann</td><td data-label=\"Votes “now”\" style=\"text-align: right\">1,234</td><td data-label=\"x&lt;y\"></td></tr>"),
            "{html}"
        );
        assert!(html.contains("data-label=\"x&lt;y\">z</td>"), "{html}");
    }

    #[test]
    fn tables_footnotes_and_smart_punctuation_work() {
        let html =
            to_html("| a | b |\n|---|---|\n| 1 | 2 |\n\nIt's \"quoted\".[^1]\n\n[^1]: A note.\n");
        assert!(html.contains("<div class=\"table-scroll\" role=\"region\" aria-label=\"Table 1\" tabindex=\"0\"><table class=\"results\" role=\"table\">"), "{html}");
        assert!(html.contains("</tbody></table></div>"), "{html}");
        assert!(html.contains("It’s “quoted”"), "{html}");
        assert!(html.contains("footnote"), "{html}");
    }
}
