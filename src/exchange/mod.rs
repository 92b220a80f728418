//! Import and export with other tools: pure conversions between the model and bytes.
//! The CLI and the GUI write the bytes through the same functions.

pub mod csv;
pub mod html;
pub mod ics;
pub mod roster;
pub mod vtimezone;
pub mod windows_zones;
