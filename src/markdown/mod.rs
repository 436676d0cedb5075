//! Markdown to HTML for profiles, news and pages.
//!
//! Content may come from many hands on results night, so the output is safe
//! by construction: raw HTML in the source is shown as text, never passed
//! through, and links or images with script-capable schemes are defused.
//! Headings get `id`s so that sections can be linked to; a heading's
//! `{#id .class}` block may set its id and plain class names, nothing else
//! (an `onfocus=` there would run script), and [`check`] reports anything more.
//! Each link is recorded with where it was written ([`links`]), so that a
//! broken one is reported at its line and column. A body shown on a page
//! other than its own has its relative links rebased for that page
//! ([`Rebase`]).

mod defuse;
mod headings;
mod rebase;
mod tables;

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd, html};

pub use headings::{LAYOUT_IDS, Problem, check, slug};
pub use rebase::Rebase;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// `text` as Markdown that reads as exactly that text: every ASCII
/// punctuation mark escaped, so a title from the data that holds `*`, `[`
/// or `<` is never taken for emphasis, a link or a tag.
pub fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Renders Markdown to an HTML fragment. Headings are demoted so that the
/// body never competes with the page's own `<h1>`.
pub fn to_html(source: &str) -> String {
    render(source, None).html
}

/// A body rendered, and every link it holds, from one pass of the parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub links: Vec<LinkAt>,
}

/// Renders Markdown as [`to_html`] does, recording its links as it goes.
/// With `rebase`, the body was written for the page in one folder and is
/// shown on the page in another: its relative links are rebased to lead to
/// the same places.
pub fn render(source: &str, rebase: Option<&Rebase>) -> Rendered {
    let (events, links) = parse(source, rebase);
    let events = tables::scrollable_tables(headings::with_heading_ids(events));
    let mut html = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut html, events.into_iter());
    Rendered { html, links }
}

/// The event, with the address of a link or image passed through `change`;
/// any other event as it is.
fn with_destination<'a>(
    event: Event<'a>,
    change: impl FnOnce(CowStr<'a>) -> CowStr<'a>,
) -> Event<'a> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: change(dest_url),
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
            dest_url: change(dest_url),
            title,
            id,
        }),
        other => other,
    }
}

/// A link or image written in Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkAt {
    /// The address as the page's HTML writes it (`&` as `&amp;`, spaces
    /// percent-encoded), after defusing and any rebasing.
    pub href: String,
    /// The address as the body's own page writes it: `href` unless the
    /// body is shown elsewhere and the link was rebased.
    pub own_href: String,
    /// Where it was written, as a byte offset in the source: at the address
    /// itself for an inline link (`[text](here)`), else at the link's `[`
    /// or `<`.
    pub offset: usize,
}

/// The events a page is made from, with the links among them recorded in
/// the same pass, from the parser's offsets.
fn parse<'a>(source: &'a str, rebase: Option<&Rebase>) -> (Vec<Event<'a>>, Vec<LinkAt>) {
    let mut events = Vec::new();
    let mut links = Vec::new();
    // Links being read (an image may sit inside a link): the index of the
    // entry in `links`, its kind, its range and where its text ends so far.
    let mut open: Vec<(usize, LinkType, Range<usize>, usize)> = Vec::new();
    for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
        let event = headings::demote_h1(headings::plain_heading_attributes(defuse::defuse(event)));
        let own_href = destination(&event).map(as_written);
        let event = match rebase {
            Some(rebase) => rebase.event(event),
            None => event,
        };
        match &event {
            Event::Start(
                Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }
                | Tag::Image {
                    link_type,
                    dest_url,
                    ..
                },
            ) => {
                open.push((links.len(), *link_type, range.clone(), range.start + 1));
                let href = as_written(dest_url);
                links.push(LinkAt {
                    own_href: own_href.unwrap_or_else(|| href.clone()),
                    href,
                    offset: range.start,
                });
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some((at, link_type, whole, text_end)) = open.pop() {
                    links[at].offset = address_at(source, link_type, &whole, text_end);
                }
            }
            _ => {}
        }
        if !matches!(event, Event::Start(Tag::Link { .. } | Tag::Image { .. })) {
            for (.., text_end) in &mut open {
                *text_end = (*text_end).max(range.end);
            }
        }
        events.push(event);
    }
    (events, links)
}

/// The address of the link or image an event starts.
fn destination<'e>(event: &'e Event) -> Option<&'e CowStr<'e>> {
    match event {
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => Some(dest_url),
        _ => None,
    }
}

/// Where a link's address starts: after the `](` that ends an inline link's
/// text, else at the link's start.
fn address_at(source: &str, link_type: LinkType, whole: &Range<usize>, text_end: usize) -> usize {
    if link_type != LinkType::Inline {
        return whole.start;
    }
    let after_text = text_end.min(whole.end);
    let Some(open) = source[after_text..whole.end].find("](") else {
        return whole.start;
    };
    let mut at = after_text + open + 2;
    at += source[at..whole.end].len() - source[at..whole.end].trim_start().len();
    if source[at..].starts_with('<') {
        at += 1;
    }
    at
}

/// An address as pulldown-cmark writes it into `href`.
fn as_written(url: &CowStr) -> String {
    let mut html = String::new();
    let link = Tag::Link {
        link_type: LinkType::Inline,
        dest_url: url.clone(),
        title: CowStr::Borrowed(""),
        id: CowStr::Borrowed(""),
    };
    html::push_html(
        &mut html,
        [Event::Start(link), Event::End(TagEnd::Link)].into_iter(),
    );
    html.strip_prefix("<a href=\"")
        .and_then(|rest| rest.split_once('"'))
        .map_or_else(|| url.to_string(), |(href, _)| href.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_text_reads_as_itself() {
        let title = "*Vote* [now](javascript:x) <b>_2026_</b> & `x` \\ # 1.";
        assert_eq!(
            to_html(&format!("- [See the {}](a/)", literal(title))),
            "<ul>\n<li><a href=\"a/\">See the *Vote* [now](javascript:x) &lt;b&gt;_2026_&lt;/b&gt; &amp; `x` \\ # 1.</a></li>\n</ul>\n"
        );
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html("Hello <script>alert(1)</script>\n\n<div onclick=\"x()\">hi</div>\n");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn links_are_recorded_where_their_address_is_written() {
        let source = "[a](x/) and [b [c]](x/) ![i](<p q.png>)\n\n[![j](y.png)](z/ \"t\") [r][d] <https://e.example/>\n\n[d]: x/?a&b\n";
        let found: Vec<(String, &str)> = render(source, None)
            .links
            .into_iter()
            .map(|l| (l.href, &source[l.offset..]))
            .collect();
        let at = |s: &str| &source[source.find(s).unwrap()..];
        assert_eq!(
            found,
            [
                ("x/".to_owned(), at("x/) and")),
                ("x/".to_owned(), at("x/) ![")),
                ("p%20q.png".to_owned(), at("p q.png")),
                ("z/".to_owned(), at("z/ \"t\"")),
                ("y.png".to_owned(), at("y.png")),
                ("x/?a&amp;b".to_owned(), at("[r][d]")),
                ("https://e.example/".to_owned(), at("<https")),
            ]
        );
        // The addresses are those the page carries.
        let html = to_html(source);
        for (href, _) in &found {
            assert!(html.contains(&format!("=\"{href}\"")), "{href}: {html}");
        }
    }

    #[test]
    fn rebased_links_are_recorded_as_both_pages_have_them() {
        let source = "[a](../../x/?p&q \"t\") [b](#s) ![c](<d e.png>) [f](javascript:alert(1)) [g](/h/) <https://i.example/>\n";
        let rebase = Rebase::new("people/p/", "elections/e/candidates/c/");
        let own = render(source, None).links;
        let shown = render(source, Some(&rebase)).links;
        let pairs: Vec<(&str, &str)> = shown
            .iter()
            .map(|l| (l.own_href.as_str(), l.href.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("../../x/?p&amp;q", "../../../../x/?p&amp;q"),
                ("#s", "#s"),
                ("d%20e.png", "../../../../people/p/d%20e.png"),
                ("#", "#"),
                ("/h/", "/h/"),
                ("https://i.example/", "https://i.example/"),
            ]
        );
        // Written at the same places; on its own page, nothing is rebased.
        let offsets = |found: &[LinkAt]| found.iter().map(|l| l.offset).collect::<Vec<_>>();
        assert_eq!(offsets(&shown), offsets(&own));
        assert!(own.iter().all(|l| l.href == l.own_href));
        // The page carries the rebased addresses, escaped, and nothing else.
        let html = render(source, Some(&rebase)).html;
        for link in &shown {
            assert!(html.contains(&format!("=\"{}\"", link.href)), "{html}");
        }
        assert!(!html.contains("\"../../x/"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert_eq!(
            html.replace("../../../../x/", "../../x/")
                .replace("../../../../people/p/d", "d"),
            to_html(source)
        );
    }

    #[test]
    fn defused_links_are_recorded_as_the_page_has_them() {
        assert_eq!(render("[x](javascript:alert(1))", None).links[0].href, "#");
    }
}
