//! Charts laid out in numbers, so that templates only draw. This module
//! knows nothing of elections: it takes labels, colours and numbers, and
//! returns geometry (bars, flows, tiles), the colour of text on a fill, and
//! text fitted to the room it has. The measures of every chart are defined
//! here once and handed to the templates with the geometry.
//!
//! Every chart has a title and a description written by its caller from the
//! figures, and stands beside a table of the same figures, so nothing
//! depends on seeing colour or shape.

mod bars;
mod colour;
mod flow;
mod text;
mod tiles;

#[cfg(test)]
mod properties;

pub use bars::{BarChart, BarInput, BarRow, Marker, Segment, bar_chart};
pub use colour::{AWAITED, NEUTRAL, text_colour_on};
pub use flow::{Flow, FlowChart, FlowInput, FlowNode, FlowRow, FlowTarget, flow_chart};
pub use text::{shorten, wrap};
pub use tiles::{Tile, TileInput, TileMap, tile_map};

/// A coordinate or a percentage as written into SVG and CSS.
fn num(x: f64) -> String {
    format!("{x:.1}")
}
