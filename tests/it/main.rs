//! Every integration test, in one binary: one link step instead of one per
//! file, and shared helpers (`common`) compiled once.

mod common;

mod architecture;
mod archive;
mod area_totals;
mod ballot_files;
mod ballots_per_row;
mod change;
mod cli;
mod declarations;
mod elections;
mod example_site;
mod exports;
mod fuzz;
mod garbled_input;
mod history;
mod invalid_fixtures;
mod kill;
mod many_areas;
mod news;
mod notice;
mod profiles;
mod results_night;
mod serve;
mod sharing;
mod site;
mod site_errors;
mod site_files;
mod site_outputs;
mod streamed_build;
mod yaml_positions;
