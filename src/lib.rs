//! Pobratim: the international department's desktop tool for partner cities, delegations,
//! the calendar of exchanges and festivals, and tourism figures.
//!
//! The library holds everything; `main.rs` only parses the command line. Tests and benches
//! use the same code as the app.

pub mod assets;
pub mod cli;
pub mod clock;
pub mod command;
pub mod exchange;
pub mod model;
pub mod print;
pub mod report;
pub mod store;
pub mod synth;
pub mod ui;

pub use ui::App;
