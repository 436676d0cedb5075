//! One file of the built site, as a producer (pages, feeds, open data,
//! assets) makes it and `write` and `link_check` take it.

use crate::markdown::LinkAt;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Relative to the output folder, with `/` separators.
    pub path: String,
    pub contents: Vec<u8>,
    /// For a page made from a Markdown file, or showing its body: the links
    /// written in it, where they were written, so that a broken one is
    /// reported there.
    pub markdown: Option<MarkdownLinks>,
}

impl Output {
    pub fn new(path: impl Into<String>, contents: impl Into<Vec<u8>>) -> Self {
        Output {
            path: path.into(),
            contents: contents.into(),
            markdown: None,
        }
    }
}

/// The links of the Markdown body a page was made from, or shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownLinks {
    /// The Markdown file, from the site's folder (`content/people/x.md`).
    pub file: String,
    /// The body's length: it is the tail of its file, so an offset in the
    /// body is `file length - body_len + offset` in the file.
    pub body_len: usize,
    pub links: Vec<LinkAt>,
    /// The page is not the file's own, but shows its body (a profile on a
    /// candidacy's page), with its relative links rebased.
    pub elsewhere: bool,
}
