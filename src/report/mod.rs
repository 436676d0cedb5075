//! The outcome of a count, presented: as a declaration for people to read,
//! or as JSON for programs.

pub mod change;
pub mod json;
pub mod text;
