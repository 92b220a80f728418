//! Errors of the data folder, each naming the file (and line and column where there is one).

use super::lock::LockInfo;
use std::fmt;
use std::path::PathBuf;

/// A data file that could not be read or parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line of the problem, when known.
    pub line: Option<usize>,
    /// 1-based column of the problem, when known.
    pub column: Option<usize>,
    /// What is wrong (from the parser, naming the field where it can).
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // «строка 12, столбец 5: …» reads better in a banner than path:line:col, but the
        // path:line:col form is what editors jump to; give both.
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// Errors of opening and saving a data folder.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// An I/O error on a file or folder.
    #[error("{action} {path}: {cause}")]
    Io {
        /// What was being done («не удалось записать» style verbs kept in English here).
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// The cause (part of the message, so it is not repeated as an error source too).
        cause: std::io::Error,
    },
    /// The folder was written by a newer Pobratim.
    #[error(
        "the data folder has format version {found}, but this Pobratim understands up to {supported}; \
         update Pobratim. Nothing was changed: {path}"
    )]
    NewerFormat {
        /// `pobratim.ron`.
        path: PathBuf,
        /// The version in the file.
        found: u32,
        /// The newest this build knows.
        supported: u32,
    },
    /// The folder is open read-only.
    #[error("the data folder is read-only: {0}")]
    ReadOnly(ReadOnlyReason),
    /// No folder at the path.
    #[error("no data folder at {0}")]
    NotFound(PathBuf),
    /// No per-user data folder can be determined on this system.
    #[error("no per-user data folder is known on this system; pass --data DIR")]
    NoDefaultDir,
}

/// Why a workspace is read-only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadOnlyReason {
    /// Another instance holds the lock (its record, if readable).
    Locked(Option<LockInfo>),
    /// Some files failed to load; writing could lose their records.
    LoadFailed(Vec<LoadError>),
    /// Opened for reading only (CLI commands that do not write).
    Requested,
}

impl fmt::Display for ReadOnlyReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Locked(Some(info)) => write!(f, "locked by {}", info.describe()),
            Self::Locked(None) => write!(f, "locked by another instance (the lock file is unreadable)"),
            Self::LoadFailed(errors) => {
                write!(f, "{} file(s) failed to load", errors.len())?;
                for e in errors {
                    write!(f, "; {e}")?;
                }
                Ok(())
            }
            Self::Requested => write!(f, "opened for reading"),
        }
    }
}
