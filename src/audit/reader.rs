//! Reading the audit log oldest first: records, chain verification, and purging old files.
//!
//! # Where the chain starts
//! The chain's first record carries 64 zeros as `prev_hash`. When sluss itself deletes a file
//! (rotation past `keep`, or [`AuditReader::purge_before`]), it first notes the deleted file's
//! last hash in `audit.jsonl.anchors`; the oldest remaining record may then link to that hash
//! instead, and [`AuditReader::verify`] reports the chain as starting at that file "after a
//! rotation" or "after a purge". A file deleted by hand leaves the oldest remaining record
//! linking to a hash that is neither zeros nor an anchor, and that is a break.
//!
//! # What the chain cannot show
//! The chain is unkeyed, so someone who can write the files can rewrite every record after an
//! edit, and cutting records off the end of the newest file leaves a whole chain. Shipping the
//! lines to a SIEM as they are written (the ECS shape is for that) keeps a copy to compare
//! with.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::Deserialize;

use super::chain::{self, Anchor};
use super::record::Record;
use super::{AuditError, GENESIS_HASH};

/// Reads `audit.jsonl.N … audit.jsonl.1, audit.jsonl`, oldest first.
#[derive(Clone, Debug)]
pub struct AuditReader {
    path: PathBuf,
    files: Vec<PathBuf>,
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
}

/// The outcome of [`AuditReader::verify`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChainReport {
    /// Records read (with a readable `prev_hash` and `hash`).
    pub records: usize,
    /// Files read.
    pub files: usize,
    /// Where the chain starts: the oldest file, and the anchor it links to after a deletion.
    pub start: Option<ChainStart>,
    /// The first place where the chain is broken, if any.
    pub first_break: Option<ChainBreak>,
    /// Every line that is not a readable record. Not a break by itself: a line cut off by a
    /// crash is followed by a record that links to the one before it.
    pub broken_lines: Vec<LineProblem>,
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
    /// Lists the log files of `path`, oldest first. A missing log is an empty one.
    pub fn open(path: impl AsRef<Path>) -> Result<AuditReader, AuditError> {
        let path = path.as_ref().to_path_buf();
        let mut files: Vec<PathBuf> = chain::rotated_files(&path)?
            .into_iter()
            .rev()
            .map(|(_, file)| file)
            .collect();
        if path.is_file() {
            files.push(path.clone());
        }
        Ok(AuditReader { path, files })
    }

    /// The files, oldest first.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// Every record, oldest first; a line that is not a record is reported in its place and
    /// reading goes on. The chain is not checked here: that is [`AuditReader::verify`].
    pub fn records(&self) -> Records<'_> {
        Records {
            lines: Lines::new(&self.files),
        }
    }

    /// Every record with its line as stored (without the newline), oldest first, for output
    /// that must be byte for byte what is on disk (`sluss logs --format json`). Problems are
    /// reported as by [`AuditReader::records`].
    pub fn entries(&self) -> Entries<'_> {
        Entries {
            lines: Lines::new(&self.files),
        }
    }

    /// Checks every record's hash against its bytes and its `prev_hash` against the record
    /// before it, across files. Errors only when the anchors file cannot be read.
    pub fn verify(&self) -> Result<ChainReport, AuditError> {
        let mut check = Verifier {
            anchors: chain::read_anchors(&self.path)?,
            report: ChainReport {
                files: self.files.len(),
                ..ChainReport::default()
            },
            expected: None,
            unreadable_since: None,
        };
        let mut lines = Lines::new(&self.files);
        while let Some(raw) = lines.next_line() {
            match raw {
                Raw::Line(line) => check.line(&line),
                Raw::Problem(problem) => check.broken(problem),
            }
        }
        Ok(check.report)
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
                &Anchor {
                    time: SystemTime::now(),
                    reason: "purge".into(),
                    file: file_name(&file),
                    last_hash: newest.hash,
                },
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
            *self = AuditReader::open(&self.path)?;
        }
        Ok(report)
    }
}

impl ChainReport {
    /// Whether no link is broken (broken lines that the chain spans are allowed).
    pub fn is_whole(&self) -> bool {
        self.first_break.is_none()
    }
}

/// Walks the links of every readable line.
struct Verifier {
    anchors: Vec<Anchor>,
    report: ChainReport,
    /// The hash the next record must carry as `prev_hash`; `None` before the first record.
    expected: Option<String>,
    /// The first unreadable line since the last record.
    unreadable_since: Option<(PathBuf, usize)>,
}

impl Verifier {
    /// Checks one line.
    fn line(&mut self, line: &RawLine<'_>) {
        let link = match chain::parse_link(line.bytes) {
            Ok(link) => link,
            Err(message) => return self.broken(line.problem(message)),
        };
        self.report.records += 1;
        if !chain::content_matches(line.bytes, &link) {
            self.fail(
                line.file,
                line.number,
                "the record does not match its hash: it was edited",
            );
        }
        match self.expected.take() {
            None => self.check_start(line, &link.prev_hash),
            Some(expected) if expected != link.prev_hash => self.link_broken(line),
            Some(_) => {}
        }
        self.expected = Some(link.hash);
        self.unreadable_since = None;
    }

    /// The first record must start the chain, or follow a deletion that sluss noted.
    fn check_start(&mut self, line: &RawLine<'_>, prev_hash: &str) {
        let after = self
            .anchors
            .iter()
            .rev()
            .find(|a| a.last_hash == prev_hash)
            .cloned();
        if prev_hash != GENESIS_HASH && after.is_none() {
            self.link_broken(line);
        }
        self.report.start = Some(ChainStart {
            file: line.file.to_path_buf(),
            after,
        });
    }

    /// A record does not link to the one before it.
    fn link_broken(&mut self, line: &RawLine<'_>) {
        match self.unreadable_since.take() {
            Some((file, number)) => self.fail(
                &file,
                number,
                "an unreadable line where a record belongs: the next record does not link to \
                 the one before it",
            ),
            None if self.report.start.is_none() => self.fail(
                line.file,
                line.number,
                "the oldest record links to a record that is not here: records or a file were \
                 deleted other than by rotation or a purge",
            ),
            None => self.fail(
                line.file,
                line.number,
                "prev_hash does not match the record before: a record was deleted, inserted or \
                 moved here",
            ),
        }
    }

    /// A line that is not a record.
    fn broken(&mut self, problem: LineProblem) {
        if self.unreadable_since.is_none() {
            self.unreadable_since = Some((problem.file.clone(), problem.line));
        }
        self.report.broken_lines.push(problem);
    }

    /// Notes the first break.
    fn fail(&mut self, file: &Path, line: usize, reason: &str) {
        if self.report.first_break.is_none() {
            self.report.first_break = Some(ChainBreak {
                file: file.to_path_buf(),
                line,
                reason: reason.into(),
            });
        }
    }
}

/// The records of an [`AuditReader`], oldest first.
pub struct Records<'a> {
    lines: Lines<'a>,
}

impl Iterator for Records<'_> {
    type Item = Result<Record, LineProblem>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(match self.lines.next_line()? {
            Raw::Line(line) => {
                serde_json::from_slice(line.bytes).map_err(|e| line.problem(e.to_string()))
            }
            Raw::Problem(problem) => Err(problem),
        })
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

/// The records of an [`AuditReader`] with their stored lines, oldest first.
pub struct Entries<'a> {
    lines: Lines<'a>,
}

impl Iterator for Entries<'_> {
    type Item = Result<Entry, LineProblem>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(match self.lines.next_line()? {
            Raw::Line(line) => match serde_json::from_slice(line.bytes) {
                Ok(record) => Ok(Entry {
                    record,
                    line: line.bytes.to_vec(),
                }),
                Err(e) => Err(line.problem(e.to_string())),
            },
            Raw::Problem(problem) => Err(problem),
        })
    }
}

/// One non-empty line of a file, without its newline.
struct RawLine<'a> {
    file: &'a Path,
    number: usize,
    bytes: &'a [u8],
    terminated: bool,
}

impl RawLine<'_> {
    /// The problem of this line, which did not parse with `message`.
    fn problem(&self, message: String) -> LineProblem {
        let problem = if !self.terminated || !self.bytes.ends_with(b"}") {
            Problem::Truncated
        } else {
            Problem::Malformed(message)
        };
        LineProblem {
            file: self.file.to_path_buf(),
            line: self.number,
            problem,
        }
    }
}

/// A line, or a file that could not be read on.
enum Raw<'a> {
    Line(RawLine<'a>),
    Problem(LineProblem),
}

/// The lines of several files in turn, reusing one buffer.
struct Lines<'a> {
    files: &'a [PathBuf],
    index: usize,
    reader: Option<BufReader<File>>,
    number: usize,
    buf: Vec<u8>,
}

impl<'a> Lines<'a> {
    fn new(files: &'a [PathBuf]) -> Lines<'a> {
        Lines {
            files,
            index: 0,
            reader: None,
            number: 0,
            buf: Vec::with_capacity(1024),
        }
    }

    /// The next non-empty line, or the problem that ended a file.
    fn next_line(&mut self) -> Option<Raw<'_>> {
        loop {
            let file = self.files.get(self.index)?;
            let reader = match &mut self.reader {
                Some(reader) => reader,
                None => match File::open(file) {
                    Ok(f) => {
                        self.number = 0;
                        self.reader.insert(BufReader::with_capacity(256 * 1024, f))
                    }
                    Err(e) => return Some(self.end_file(e, file)),
                },
            };
            self.buf.clear();
            match reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => {
                    self.reader = None;
                    self.index += 1;
                }
                Ok(_) => {
                    self.number += 1;
                    let terminated = self.buf.last() == Some(&b'\n');
                    let end = self.buf.len() - usize::from(terminated);
                    if end > 0 {
                        return Some(Raw::Line(RawLine {
                            file,
                            number: self.number,
                            bytes: &self.buf[..end],
                            terminated,
                        }));
                    }
                }
                Err(e) => return Some(self.end_file(e, file)),
            }
        }
    }

    /// Gives up on the current file after `error`.
    fn end_file(&mut self, error: io::Error, file: &Path) -> Raw<'static> {
        self.reader = None;
        self.index += 1;
        Raw::Problem(LineProblem {
            file: file.to_path_buf(),
            line: self.number,
            problem: Problem::Unreadable(error.to_string()),
        })
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
            None => write!(
                f,
                "chain whole: {} records in {} files",
                self.records, self.files
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
        if !self.broken_lines.is_empty() {
            write!(f, "; {} unreadable lines", self.broken_lines.len())?;
        }
        Ok(())
    }
}
