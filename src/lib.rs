//! psephos: publish Supplementary Vote election results.
//!
//! Data flows one way: [`load`] reads and checks the election data into the
//! [`model`], [`count`] computes the outcome with no I/O, and [`report`]
//! presents it.

pub mod assets;
pub mod build;
pub mod card;
pub mod change;
pub mod charts;
pub mod cli;
pub mod console;
pub mod content;
pub mod count;
pub mod diagnostic;
pub mod feeds;
pub mod format;
pub mod link_check;
pub mod load;
pub mod markdown;
pub mod model;
pub mod narrative;
pub mod open_data;
pub mod pages;
pub mod problems;
pub mod report;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod site_files;
pub mod terminal;
pub mod time;
pub mod write;
pub mod yaml;
