//! Reading the audit log oldest first: records, chain verification, and purging old files.
//!
//! # Only what verifies is a record
//! Every way of reading ([`AuditReader::records`], [`AuditReader::entries`],
//! [`AuditReader::verify`]) walks the chain: a line is handed out as a record only when its
//! `hash` is the HMAC of its bytes under the chain key and its `prev_hash` is the hash of the
//! entry before it. Anything else (an edited or forged line, a line that does not link, a line
//! that is not a record) is reported as a [`LineProblem`] in its place, never as a record, and
//! is a break for `verify`. The one exception to "a break" is a line cut off by a crash: the
//! writer ends it with a newline and the next record links across it, so it is listed but the
//! chain stays whole.
//!
//! # Logs from before the chain was keyed
//! Older versions sealed lines with plain SHA-256. Such lines are accepted only before the
//! first keyed entry of the chain; the first keyed entry (at the latest the checkpoint the
//! writer adds at start) carries the hash of the last of them, which pins them. An unkeyed
//! line after a keyed one is a forgery.
//!
//! # Where the chain starts
//! The chain's first entry carries 64 zeros as `prev_hash`. When sluss itself deletes a file
//! (rotation past `keep`, or [`AuditReader::purge_before`]), it first notes the deleted file's
//! last hash in `audit.jsonl.anchors` with an HMAC under the chain key; the oldest remaining
//! entry may then link to that hash instead. A file deleted by hand leaves the oldest
//! remaining entry linking to a hash that is neither zeros nor a keyed anchor: a break.
//!
//! # What the chain cannot show by itself
//! Cutting entries off the end of the newest file leaves a whole chain. Signed checkpoints
//! (see [`super::checkpoint`]) copied off the machine show it: [`AuditReader::verify_with`]
//! checks that the log still holds each of them.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::Deserialize;

use super::AuditError;
use super::chain::{self, Anchor};
use super::checkpoint::PublicKey;
use super::key::ChainKey;
use super::record::Record;
use super::walk::{BROKEN_KEPT, Lines, Step, Verifier, Walk};

/// Reads `audit.jsonl.N … audit.jsonl.1, audit.jsonl`, oldest first.
#[derive(Clone, Debug)]
pub struct AuditReader {
    path: PathBuf,
    files: Vec<PathBuf>,
    key: ChainKey,
    public: Option<PublicKey>,
}

/// A line that is not a readable record, and where it is. Reading goes on after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineProblem {
    /// The file.
    pub file: PathBuf,
    /// The line number, from 1 (0 when the whole file could not be read).
    pub line: usize,
    /// What is wrong.
    pub problem: Problem,
}

/// What is wrong with a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The line stops before the end of a record: a write cut off by a crash, or lost bytes.
    Truncated,
    /// The line is complete but not a record (the parser's message).
    Malformed(String),
    /// The file could not be read from here on.
    Unreadable(String),
    /// The line does not carry the hash of its bytes under the chain key: edited or forged.
    Forged(String),
    /// The line does not link to the entry before it: entries were deleted, inserted or
    /// moved, or a file was deleted by hand.
    Unlinked(String),
}

/// The outcome of [`AuditReader::verify`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChainReport {
    /// Records that verify.
    pub records: usize,
    /// Checkpoints that verify.
    pub checkpoints: usize,
    /// Records from before the chain was keyed (plain SHA-256), all at its start.
    pub unkeyed: usize,
    /// Whether a keyed entry follows the unkeyed ones (and so pins them).
    pub unkeyed_pinned: bool,
    /// The newest checkpoint that verifies: its `@timestamp`.
    pub last_checkpoint: Option<String>,
    /// Records after the newest checkpoint (not yet covered by a signature).
    pub after_last_checkpoint: usize,
    /// Whether checkpoint signatures were checked (a public key was at hand).
    pub signatures_checked: bool,
    /// Checkpoints copied elsewhere ([`AuditReader::verify_with`]) that the log holds.
    pub copies_found: usize,
    /// Files read.
    pub files: usize,
    /// Where the chain starts: the oldest file, and the anchor it links to after a deletion.
    pub start: Option<ChainStart>,
    /// The first place where the chain is broken, if any.
    pub first_break: Option<ChainBreak>,
    /// Lines that are not a verified entry, including the one at `first_break`: the first
    /// [`BROKEN_KEPT`] of them.
    pub broken_lines: Vec<LineProblem>,
    /// How many lines are not a verified entry (all of them, kept or not).
    pub broken_count: usize,
}

/// Where the chain starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainStart {
    /// The oldest file.
    pub file: PathBuf,
    /// `None` when its first record is the first ever; else the deletion it follows.
    pub after: Option<Anchor>,
}

/// A broken link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainBreak {
    /// The file.
    pub file: PathBuf,
    /// The line number, from 1.
    pub line: usize,
    /// What is wrong, for people.
    pub reason: String,
}

/// What [`AuditReader::purge_before`] deleted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PurgeReport {
    /// The deleted files, oldest first.
    pub deleted: Vec<PathBuf>,
}

impl AuditReader {
    /// Lists the log files of `path`, oldest first, to be checked with `key` (the chain key,
    /// [`super::AuditKey::chain_key`]). A missing log is an empty one.
    pub fn open(path: impl AsRef<Path>, key: &ChainKey) -> Result<AuditReader, AuditError> {
        let path = path.as_ref().to_path_buf();
        let mut files: Vec<PathBuf> = chain::rotated_files(&path)?
            .into_iter()
            .rev()
            .map(|(_, file)| file)
            .collect();
        if path.is_file() {
            files.push(path.clone());
        }
        Ok(AuditReader {
            path,
            files,
            key: key.clone(),
            public: None,
        })
    }

    /// Checks checkpoint signatures with `public` too.
    pub fn with_public_key(mut self, public: Option<PublicKey>) -> AuditReader {
        self.public = public;
        self
    }

    /// The files, oldest first.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// Every record that verifies, oldest first; anything else is reported in its place (see
    /// the module docs) and reading goes on. Checkpoints are skipped.
    pub fn records(&self) -> Records<'_> {
        Records { walk: self.walk() }
    }

    /// Every record that verifies with its line as stored (without the newline), oldest
    /// first, for output that must be byte for byte what is on disk (`sluss logs --format
    /// json`). Problems are reported as by [`AuditReader::records`].
    pub fn entries(&self) -> Entries<'_> {
        Entries { walk: self.walk() }
    }

    fn walk(&self) -> Walk<'_> {
        Walk {
            lines: Lines::new(&self.files),
            check: Verifier::new(
                chain::read_anchors(&self.path).unwrap_or_default(),
                &self.key,
                self.public.as_ref(),
                self.files.len(),
            ),
        }
    }

    /// Checks every entry's hash against its bytes and its `prev_hash` against the entry
    /// before it, across files, and every checkpoint's signature when a public key is set.
    /// Errors only when the anchors file cannot be read.
    pub fn verify(&self) -> Result<ChainReport, AuditError> {
        self.verify_with(&[])
    }

    /// [`verify`](AuditReader::verify), and also that the log holds each of `copies`
    /// (checkpoints kept elsewhere, e.g. by a syslog collector): one it does not hold means
    /// the log was cut back or rewritten after it. Copies whose signature does not verify
    /// under the public key are breaks too (a copy proves nothing unsigned).
    pub fn verify_with(
        &self,
        copies: &[super::checkpoint::Copy],
    ) -> Result<ChainReport, AuditError> {
        let mut walk = Walk {
            lines: Lines::new(&self.files),
            check: Verifier::new(
                chain::read_anchors(&self.path)?,
                &self.key,
                self.public.as_ref(),
                self.files.len(),
            ),
        };
        let mut wanted: std::collections::HashSet<&str> =
            copies.iter().map(|c| c.hash.as_str()).collect();
        while let Some(step) = walk.next_step() {
            if let Step::Entry { hash, .. } = &step {
                wanted.remove(hash.as_str());
            }
        }
        let mut report = walk.check.report;
        for copy in copies {
            let found = !wanted.contains(copy.hash.as_str());
            let signed = self.public.as_ref().is_some_and(|key| copy.verifies(key));
            check_copy(&mut report, copy, found, signed, self.files.last());
        }
        Ok(report)
    }

    /// Deletes rotated files, oldest first, whose newest record is older than `cutoff`
    /// (`sluss logs --purge-before DATE` passes 00:00 UTC of the date). Stops at the first file
    /// that has a newer record or none readable, and never deletes the current file. Each
    /// file's last hash is noted in the anchors file first, so the chain stays verifiable.
    ///
    /// Safe to run while the proxy writes, except when a rotation happens during the purge (it
    /// renames the files under it; there is no lock between processes). Rotations are rare (one
    /// per `max_bytes`) and a purge takes milliseconds.
    pub fn purge_before(&mut self, cutoff: SystemTime) -> Result<PurgeReport, AuditError> {
        let mut report = PurgeReport::default();
        for (_, file) in chain::rotated_files(&self.path)?.into_iter().rev() {
            let Some(newest) = newest_record(&file)? else {
                break;
            };
            if newest.time >= cutoff {
                break;
            }
            chain::add_anchor(
                &self.path,
                &Anchor::new("purge", file_name(&file), newest.hash, &self.key),
            )?;
            match fs::remove_file(&file) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => {
                    return Err(AuditError::io("delete", file, e));
                }
                _ => report.deleted.push(file),
            }
        }
        if !report.deleted.is_empty() {
            chain::sync_parent(&self.path)?;
            let public = self.public;
            *self = AuditReader::open(&self.path, &self.key)?.with_public_key(public);
        }
        Ok(report)
    }
}

impl ChainReport {
    /// Counts a line that is not a verified entry, and keeps it while fewer than
    /// [`BROKEN_KEPT`] are kept.
    pub(crate) fn note_broken(&mut self, problem: &LineProblem) {
        self.broken_count += 1;
        if self.broken_lines.len() < BROKEN_KEPT {
            self.broken_lines.push(problem.clone());
        }
    }

    /// Whether no link is broken (lines cut off by a crash that the chain spans are allowed).
    pub fn is_whole(&self) -> bool {
        self.first_break.is_none()
    }

    /// Whether the log holds no entry at all.
    pub fn is_empty(&self) -> bool {
        self.records == 0 && self.checkpoints == 0
    }
}

/// Notes a checkpoint copy: a break when it is not signed with the log's key, or when the log
/// does not hold it.
fn check_copy(
    report: &mut ChainReport,
    copy: &super::checkpoint::Copy,
    found: bool,
    signed: bool,
    last: Option<&PathBuf>,
) {
    if found {
        report.copies_found += 1;
    }
    if !signed && report.first_break.is_none() {
        report.first_break = Some(ChainBreak {
            file: PathBuf::from("<copy>"),
            line: 0,
            reason: format!(
                "the checkpoint copy of {} does not carry a signature of this log's key",
                copy.timestamp
            ),
        });
    }
    if !found && report.first_break.is_none() {
        report.first_break = Some(ChainBreak {
            file: last.cloned().unwrap_or_default(),
            line: 0,
            reason: format!(
                "the log does not hold the checkpoint of {} (hash {}): records were cut off \
                 or rewritten after it",
                copy.timestamp, copy.hash
            ),
        });
    }
}

/// The records of an [`AuditReader`] that verify, oldest first.
pub struct Records<'a> {
    walk: Walk<'a>,
}

impl Iterator for Records<'_> {
    type Item = Result<Record, LineProblem>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            return Some(match self.walk.next_step()? {
                Step::Entry {
                    checkpoint: true, ..
                } => continue,
                Step::Entry { line, .. } => {
                    serde_json::from_slice(line.bytes).map_err(|e| line.problem(e.to_string()))
                }
                Step::Broken(problem) => Err(problem),
            });
        }
    }
}

/// A record and its line exactly as stored (without the newline).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The parsed record.
    pub record: Record,
    /// The stored bytes of its line.
    pub line: Vec<u8>,
}

/// The records of an [`AuditReader`] that verify, with their stored lines, oldest first.
pub struct Entries<'a> {
    walk: Walk<'a>,
}

impl Iterator for Entries<'_> {
    type Item = Result<Entry, LineProblem>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            return Some(match self.walk.next_step()? {
                Step::Entry {
                    checkpoint: true, ..
                } => continue,
                Step::Entry { line, .. } => match serde_json::from_slice(line.bytes) {
                    Ok(record) => Ok(Entry {
                        record,
                        line: line.bytes.to_vec(),
                    }),
                    Err(e) => Err(line.problem(e.to_string())),
                },
                Step::Broken(problem) => Err(problem),
            });
        }
    }
}

/// The time and hash of a file's newest record.
#[derive(Debug, PartialEq, Eq, Deserialize)]
struct Newest {
    #[serde(rename = "@timestamp", with = "super::time::rfc3339")]
    time: SystemTime,
    hash: String,
}

/// The newest readable record of `file`.
fn newest_record(file: &Path) -> Result<Option<Newest>, AuditError> {
    let tail = chain::scan_tail(file, |line| serde_json::from_slice::<Newest>(line).ok())?;
    Ok(tail.and_then(|t| t.picked))
}

/// The file's name, for anchors and messages.
fn file_name(file: &Path) -> String {
    file.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Truncated => f.write_str("line cut off (a write interrupted by a crash?)"),
            Problem::Malformed(message) => write!(f, "not a record: {message}"),
            Problem::Unreadable(message) => write!(f, "cannot read on: {message}"),
            Problem::Forged(message) => write!(f, "not a record, it does not verify: {message}"),
            Problem::Unlinked(message) => {
                write!(f, "not shown, it does not link into the chain: {message}")
            }
        }
    }
}

impl fmt::Display for LineProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.problem)
    }
}

impl fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.reason)
    }
}

impl fmt::Display for ChainReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.first_break {
            Some(b) => write!(f, "chain broken at {b}")?,
            None if self.is_empty() => write!(f, "no records: the log is empty")?,
            None => write!(
                f,
                "chain whole: {} records and {} checkpoints in {} files",
                self.records, self.checkpoints, self.files
            )?,
        }
        if let Some(ChainStart {
            file,
            after: Some(anchor),
        }) = &self.start
        {
            write!(
                f,
                "; it starts at {} after a {} deleted {} on {}",
                file.display(),
                anchor.reason,
                anchor.file,
                super::time::format(anchor.time)
            )?;
        }
        if self.unkeyed > 0 {
            let pinned = if self.unkeyed_pinned {
                "pinned by the keyed entries after them"
            } else {
                "not yet pinned by a keyed entry"
            };
            write!(
                f,
                "; {} records from before the chain was keyed ({pinned})",
                self.unkeyed
            )?;
        }
        match &self.last_checkpoint {
            Some(time) => write!(
                f,
                "; last checkpoint {time}, {} records after it",
                self.after_last_checkpoint
            )?,
            None if !self.is_empty() => write!(f, "; no checkpoint")?,
            None => {}
        }
        if self.checkpoints > 0 && !self.signatures_checked {
            write!(f, " (signatures not checked: no public key)")?;
        }
        if self.copies_found > 0 {
            write!(f, "; holds {} checkpoint copies", self.copies_found)?;
        }
        let other = self.broken_count;
        if other > 0 {
            write!(f, "; lines not shown: {other}")?;
        }
        Ok(())
    }
}
