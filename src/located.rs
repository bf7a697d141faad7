//! Errors in a file that point at a line: the shape shared by config and pattern problems.

use std::fmt;

/// A problem at a line of a file, shown as `path:line: problem`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}: {problem}")]
pub struct LocatedError {
    /// The file (or a name such as `<built-in defaults>`).
    pub path: String,
    /// 1-based line (0 when the whole file is concerned).
    pub line: usize,
    /// What is wrong, in English.
    pub problem: String,
}

/// Every problem found, one per line when shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocatedErrors(pub Vec<LocatedError>);

impl fmt::Display for LocatedErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LocatedErrors {}
