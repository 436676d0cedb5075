//! What a build produces, and where: the [`Output`] files that pages, feeds,
//! open data and assets make side by side, and the [`routes`] every one of
//! them is published at. `build` gathers the outputs; `write` writes them and
//! `link_check` checks their links.

pub mod output;
pub mod routes;

pub use output::{MarkdownLinks, Output};
pub use routes::{Assets, Links, folder, office_slug};
