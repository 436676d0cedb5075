//! Tables as results tables: scrollable sideways, and stacking row by row
//! on a narrow screen with each cell labelled by its column.

use pulldown_cmark::{Alignment, CowStr, Event, Tag, TagEnd};

/// Wraps each table in a region that scrolls sideways on a narrow screen
/// and can be reached by keyboard to do so, and writes the table as a
/// results table: where the screen is too narrow for its columns, each row
/// stacks, and each cell shows its column's heading (`data-label`, taken
/// from the header cell's text) beside it. `role="table"` and
/// `role="rowgroup"` keep it a table for screen readers when the stacking
/// changes how it is displayed.
pub(super) fn scrollable_tables(events: Vec<Event>) -> Vec<Event> {
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

#[cfg(test)]
mod tests {
    use super::super::to_html;

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
