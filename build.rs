//! Two jobs.
//!
//! 1. Inflates `assets/fonts/NotoSansCJK-subset.otf.xz` into `OUT_DIR`, where
//!    `src/assets.rs` includes it: the repository keeps the 11 MB font as 7 MB of xz.
//! 2. Fingerprints the model's source, so the store's binary cache (`.cache/` in a data
//!    folder) written by one build is never decoded by a build whose records differ.
//!    The cache's format carries no field names; decoding it with another layout could
//!    succeed and give wrong data, so any change under `src/model/` invalidates it.

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

/// The compressed CJK font, inflated into `OUT_DIR` under the name `src/assets.rs` includes.
fn inflate_cjk_font() {
    const SOURCE: &str = "assets/fonts/NotoSansCJK-subset.otf.xz";
    println!("cargo:rerun-if-changed={SOURCE}");
    let out_dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let target = Path::new(&out_dir).join("NotoSansCJK-subset.otf");
    let compressed = std::fs::read(SOURCE).unwrap_or_else(|e| panic!("{SOURCE}: {e}"));
    let mut font = Vec::with_capacity(12 << 20);
    lzma_rs::xz_decompress(&mut compressed.as_slice(), &mut font)
        .unwrap_or_else(|e| panic!("{SOURCE}: not a valid xz file: {e:?}"));
    std::fs::write(&target, font).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
}

fn main() {
    inflate_cjk_font();
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
