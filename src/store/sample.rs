//! The bundled Khabarovsk sample data, and first-run seeding of an empty data folder.

use super::atomic::write_atomic;
use super::{META_FILE, StoreError};
use std::fs;
use std::path::Path;

/// The sample files as shipped in `sample_data/`, compiled into the binary so it works
/// from any folder.
pub const SAMPLE_FILES: [(&str, &str); 22] = [
    (META_FILE, include_str!("../../sample_data/pobratim.ron")),
    ("cities.ron", include_str!("../../sample_data/cities.ron")),
    ("people/00.ron", include_str!("../../sample_data/people/00.ron")),
    ("people/01.ron", include_str!("../../sample_data/people/01.ron")),
    ("people/02.ron", include_str!("../../sample_data/people/02.ron")),
    ("people/03.ron", include_str!("../../sample_data/people/03.ron")),
    ("people/04.ron", include_str!("../../sample_data/people/04.ron")),
    ("people/05.ron", include_str!("../../sample_data/people/05.ron")),
    ("people/06.ron", include_str!("../../sample_data/people/06.ron")),
    ("people/07.ron", include_str!("../../sample_data/people/07.ron")),
    ("people/08.ron", include_str!("../../sample_data/people/08.ron")),
    ("people/09.ron", include_str!("../../sample_data/people/09.ron")),
    ("people/10.ron", include_str!("../../sample_data/people/10.ron")),
    ("people/11.ron", include_str!("../../sample_data/people/11.ron")),
    ("people/12.ron", include_str!("../../sample_data/people/12.ron")),
    ("people/13.ron", include_str!("../../sample_data/people/13.ron")),
    ("people/14.ron", include_str!("../../sample_data/people/14.ron")),
    ("people/15.ron", include_str!("../../sample_data/people/15.ron")),
    ("events.ron", include_str!("../../sample_data/events.ron")),
    ("delegations/2016.ron", include_str!("../../sample_data/delegations/2016.ron")),
    ("delegations/2017.ron", include_str!("../../sample_data/delegations/2017.ron")),
    ("figures.ron", include_str!("../../sample_data/figures.ron")),
];

/// Writes the sample files into `dir` when it is missing or holds no data file (first run).
/// Returns whether it did. A folder with any data file is left alone: it may be a
/// department's real data. Other files (a window-settings file an older Pobratim kept
/// there, a desktop's thumbnails) do not make a department: asking "is it empty?" once
/// opened an empty department after a single run with `--data`.
pub fn seed_if_empty(dir: &Path) -> Result<bool, StoreError> {
    let io = super::io_err;
    if dir.exists() {
        if super::holds_data(dir)? {
            return Ok(false);
        }
    } else {
        fs::create_dir_all(dir).map_err(io("cannot create folder", dir))?;
    }
    write_sample(dir)?;
    Ok(true)
}

/// Writes the sample files into `dir`, replacing files of the same names.
pub fn write_sample(dir: &Path) -> Result<(), StoreError> {
    for (name, text) in SAMPLE_FILES {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(super::io_err("cannot create folder", parent))?;
        }
        write_atomic(&path, text.as_bytes(), false).map_err(super::io_err("cannot write", &path))?;
    }
    Ok(())
}
