//! Headings: demoted below the page's own `<h1>`, each with an id, and
//! with nothing but a plain `{#id}` and `.class` names from its attribute
//! block; [`check`] reports anything more.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

use super::options;

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
pub(super) fn plain_heading_attributes(event: Event) -> Event {
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

pub(super) fn demote_h1(event: Event) -> Event {
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
pub(super) fn with_heading_ids(mut events: Vec<Event>) -> Vec<Event> {
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
    use super::super::to_html;
    use super::*;

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
}
