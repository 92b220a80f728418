//! File dialogs behind a trait, so tests never open one (rfd returns `None` at once where
//! no desktop portal runs, which would make tests depend on the machine).

use std::path::PathBuf;

/// Asks the user for a file.
pub trait FileDialogs {
    /// A file to write, suggesting `name`.
    fn save(&self, title: &str, name: &str, extension: &str) -> Option<PathBuf>;
    /// A file to read.
    fn open(&self, title: &str, extension: &str) -> Option<PathBuf>;
    /// Opens a finished file (a PDF) in the system's viewer, where the user prints it.
    fn show(&self, path: &std::path::Path) -> Result<(), String>;
}

/// The system's dialogs (through the XDG desktop portal on Linux, native on Windows).
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn save(&self, title: &str, name: &str, extension: &str) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title(title).set_file_name(name).add_filter(extension, &[extension]).save_file()
    }

    fn open(&self, title: &str, extension: &str) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title(title).add_filter(extension, &[extension]).pick_file()
    }

    fn show(&self, path: &std::path::Path) -> Result<(), String> {
        opener::open(path).map_err(|e| e.to_string())
    }
}

/// Dialogs that answer with fixed paths: for tests, and for scripted use.
pub struct FixedDialogs {
    /// What `save` answers.
    pub save: Option<PathBuf>,
    /// What `open` answers.
    pub open: Option<PathBuf>,
}

impl FileDialogs for FixedDialogs {
    fn save(&self, _title: &str, _name: &str, _extension: &str) -> Option<PathBuf> {
        self.save.clone()
    }

    fn open(&self, _title: &str, _extension: &str) -> Option<PathBuf> {
        self.open.clone()
    }

    fn show(&self, _path: &std::path::Path) -> Result<(), String> {
        Ok(())
    }
}
