//! Fingerprints the model's source, so the store's binary cache (`.cache/` in a data
//! folder) written by one build is never decoded by a build whose records differ.
//! The cache's format carries no field names; decoding it with another layout could
//! succeed and give wrong data, so any change under `src/model/` invalidates it.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn main() {
    let mut paths = Vec::new();
    files(Path::new("src/model"), &mut paths);
    paths.sort();
    let mut hasher = DefaultHasher::new();
    for path in &paths {
        path.hash(&mut hasher);
        std::fs::read(path).unwrap_or_default().hash(&mut hasher);
    }
    println!("cargo:rerun-if-changed=src/model");
    println!("cargo:rustc-env=POBRATIM_MODEL_FINGERPRINT={:016x}", hasher.finish());
}
