//! psephos: publish Supplementary Vote election results.
//!
//! Data flows one way: [`load`] reads and checks the election data into the
//! [`model`], [`count`] computes the outcome with no I/O, and [`report`]
//! presents it.

pub mod cli;
pub mod count;
pub mod diagnostic;
pub mod format;
pub mod load;
pub mod model;
pub mod narrative;
pub mod report;
pub mod yaml;
