//! Bounds on one inspection: sizes, counts, depths and the time budget.

use std::time::{Duration, Instant};

use super::uninspectable::Uninspectable;

/// Bounds on extraction.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Deepest JSON nesting (objects and arrays).
    pub json_depth: usize,
    /// How many times a body may hold another (JSON in a string, base64 in JSON …).
    pub nesting: usize,
    /// Most parts of a multipart body.
    pub max_parts: usize,
    /// Largest decoded size, also for files inside the body: everything decompressed out of a
    /// document (the XML parts of a `.docx`, the streams of a PDF) counts against it.
    pub max_bytes: usize,
    /// Most entries in a zip-based document (`.docx`, `.xlsx`, `.odt` …).
    pub max_entries: usize,
    /// Most pages of a PDF (or slides of a presentation, sheets of a workbook).
    pub max_pages: usize,
    /// Deepest XML nesting in a document part (and RTF group nesting).
    pub xml_depth: usize,
    /// Time one inspection (decode, extract and scan) may take.
    pub budget: Duration,
    /// When the current inspection must be done; set from `budget` when it starts.
    pub deadline: Option<Instant>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            json_depth: 64,
            nesting: 4,
            max_parts: 100,
            max_bytes: 10 << 20,
            max_entries: 1000,
            max_pages: 2000,
            xml_depth: 256,
            budget: Duration::from_secs(2),
            deadline: None,
        }
    }
}

impl Limits {
    /// These limits with the deadline set from the budget, unless one is set already.
    pub fn started(&self) -> Limits {
        let mut limits = *self;
        if limits.deadline.is_none() {
            limits.deadline = Instant::now().checked_add(self.budget);
        }
        limits
    }

    /// `TooCostly` once the deadline has passed.
    pub fn check(&self) -> Result<(), Uninspectable> {
        match self.deadline {
            Some(deadline) if Instant::now() >= deadline => Err(self.too_costly()),
            _ => Ok(()),
        }
    }

    /// The `TooCostly` reason for these limits.
    pub fn too_costly(&self) -> Uninspectable {
        Uninspectable::TooCostly {
            budget_ms: u64::try_from(self.budget.as_millis()).unwrap_or(u64::MAX),
        }
    }
}
