//! Walking the chain line by line: the lines of the log files with their byte offsets, and
//! the verifier that judges each line (its HMAC, its link to the entry before, a checkpoint's
//! signature) and keeps the report. Owned, so that a reader can stop and go on later (the
//! review index reads only what was appended since it last looked).

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use super::GENESIS_HASH;
use super::chain::{self, Anchor};
use super::checkpoint::PublicKey;
use super::key::ChainKey;
use super::reader::{ChainBreak, ChainReport, ChainStart, LineProblem, Problem};

/// Lines that do not verify kept in a [`ChainReport`] (all are counted), so that a log of
/// nothing but broken lines cannot fill the memory.
pub const BROKEN_KEPT: usize = 1000;

/// What the walk found in one line.
pub(crate) enum Step<'a> {
    /// An entry that verifies: a record (`checkpoint` false) or a checkpoint.
    Entry {
        /// The line.
        line: RawLine<'a>,
        /// Its hash.
        hash: String,
        /// The hash it links to.
        prev_hash: String,
        /// Whether it carries an HMAC (not a plain SHA-256 from before the chain was keyed).
        keyed: bool,
        /// Whether it is a checkpoint.
        checkpoint: bool,
    },
    /// A line that is not a verified entry.
    Broken(LineProblem),
}

/// The lines of the log, judged one by one.
pub(crate) struct Walk<'a> {
    pub(crate) lines: Lines<'a>,
    pub(crate) check: Verifier,
}

impl Walk<'_> {
    /// The next line, judged.
    pub(crate) fn next_step(&mut self) -> Option<Step<'_>> {
        let Walk { lines, check } = self;
        Some(match lines.next_line()? {
            Raw::Line(line) => check.line(line),
            Raw::Problem(problem) => Step::Broken(check.broken(problem)),
        })
    }
}

/// Walks the links of every line.
#[derive(Clone, Debug)]
pub(crate) struct Verifier {
    anchors: Vec<Anchor>,
    key: ChainKey,
    public: Option<PublicKey>,
    /// What was found so far.
    pub(crate) report: ChainReport,
    /// The hash the next entry must carry as `prev_hash`; `None` before the first entry.
    expected: Option<String>,
    /// Whether a keyed entry has been seen (after it, unkeyed lines are forgeries).
    keyed: bool,
    /// The first line cut off since the last entry.
    cut_since: Option<(PathBuf, usize)>,
    /// The hash the last line claimed when it did not verify.
    claimed: Option<String>,
}

impl Verifier {
    /// A verifier of a chain that may start after any of `anchors`.
    pub(crate) fn new(
        anchors: Vec<Anchor>,
        key: &ChainKey,
        public: Option<&PublicKey>,
        files: usize,
    ) -> Verifier {
        Verifier {
            anchors,
            key: key.clone(),
            public: public.copied(),
            report: ChainReport {
                files,
                signatures_checked: public.is_some(),
                ..ChainReport::default()
            },
            expected: None,
            keyed: false,
            cut_since: None,
            claimed: None,
        }
    }

    /// Whether a keyed anchor (a file sluss deleted) ends with `hash`, so that the chain may
    /// start after it.
    pub(crate) fn anchored(&self, hash: &str) -> bool {
        hash == GENESIS_HASH
            || self
                .anchors
                .iter()
                .any(|a| a.last_hash == hash && a.is_keyed(&self.key))
    }

    /// Starts the chain again: every file read so far was deleted, so the next entry must
    /// start the chain (64 zeros, or a keyed anchor) rather than link to the last one read.
    pub(crate) fn restart(&mut self) {
        self.expected = None;
        self.cut_since = None;
        self.claimed = None;
    }

    /// Replaces the anchors (re-read after a rotation or a purge deleted a file).
    pub(crate) fn set_anchors(&mut self, anchors: Vec<Anchor>) {
        self.anchors = anchors;
    }

    /// Judges one line.
    pub(crate) fn line<'b>(&mut self, line: RawLine<'b>) -> Step<'b> {
        let link =
            match chain::quick_link(line.bytes).map_or_else(|| chain::parse_link(line.bytes), Ok) {
                Ok(link) => link,
                Err(message) => return Step::Broken(self.broken(line.problem(message))),
            };
        let keyed = match self.authentic(&line, &link) {
            Ok(keyed) => keyed,
            Err(problem) => return Step::Broken(problem),
        };
        // After an edited line, the entry after it may link to the hash that line claims:
        // that entry verifies, so the hash is the one sluss wrote there.
        let claimed = self.claimed.take();
        let linked = match self.expected.take() {
            None => self.starts(&link.prev_hash, keyed, line.file),
            Some(expected) => {
                expected == link.prev_hash || claimed.as_deref() == Some(link.prev_hash.as_str())
            }
        };
        // Whatever the link, the chain goes on from here, so that one gap does not hide
        // every record after it.
        self.expected = Some(link.hash.clone());
        if !linked {
            return Step::Broken(self.unlinked(&line));
        }
        self.cut_since = None;
        self.accept(&link, keyed);
        let checkpoint = link.checkpoint().is_some();
        Step::Entry {
            line,
            hash: link.hash,
            prev_hash: link.prev_hash,
            keyed,
            checkpoint,
        }
    }

    /// Whether the line carries its HMAC (`Ok(true)`), or, before any keyed entry, its plain
    /// SHA-256 (`Ok(false)`); and for a checkpoint, a signature of the public key (when set).
    fn authentic(&mut self, line: &RawLine<'_>, link: &chain::Link) -> Result<bool, LineProblem> {
        let keyed = chain::keyed_matches(line.bytes, link, &self.key);
        if !keyed && (self.keyed || !chain::unkeyed_matches(line.bytes, link)) {
            return Err(self.forged(
                line,
                "does not match its hash: edited, or written without the chain key",
                &link.hash,
            ));
        }
        if let Some(seal) = link.checkpoint() {
            let signed = match (self.public, &link.timestamp) {
                (Some(public), Some(time)) => public.verifies(seal, time, &link.prev_hash),
                (None, _) => true,
                (Some(_), None) => false,
            };
            if !signed {
                return Err(self.forged(
                    line,
                    "a checkpoint whose signature does not verify",
                    &link.hash,
                ));
            }
        }
        Ok(keyed)
    }

    /// Counts an entry that verifies.
    fn accept(&mut self, link: &chain::Link, keyed: bool) {
        if keyed {
            self.report.unkeyed_pinned |= self.report.unkeyed > 0;
            self.keyed = true;
        } else {
            self.report.unkeyed += 1;
        }
        if link.checkpoint().is_some() {
            self.report.checkpoints += 1;
            self.report.last_checkpoint.clone_from(&link.timestamp);
            self.report.after_last_checkpoint = 0;
        } else {
            self.report.records += 1;
            self.report.after_last_checkpoint += 1;
        }
    }

    /// Whether the first entry may start the chain: 64 zeros, or the last hash of a file
    /// that sluss deleted (a keyed anchor; an unkeyed one only before keyed entries).
    fn starts(&mut self, prev_hash: &str, keyed: bool, file: &Path) -> bool {
        let key = &self.key;
        let after = self
            .anchors
            .iter()
            .rev()
            .find(|a| a.last_hash == prev_hash && (a.is_keyed(key) || !keyed))
            .cloned();
        self.report.start = Some(ChainStart {
            file: file.to_path_buf(),
            after: after.clone(),
        });
        prev_hash == GENESIS_HASH || after.is_some()
    }

    /// A line that does not verify; it claims the hash `claimed`.
    fn forged(&mut self, line: &RawLine<'_>, reason: &str, claimed: &str) -> LineProblem {
        self.cut_since = None;
        self.claimed = Some(claimed.to_string());
        let problem = LineProblem {
            file: line.file.to_path_buf(),
            line: line.number,
            problem: Problem::Forged(reason.into()),
        };
        self.fail(&problem.file, problem.line, &format!("{}", problem.problem));
        self.report.note_broken(&problem);
        problem
    }

    /// An entry that verifies but does not link to the one before it.
    fn unlinked(&mut self, line: &RawLine<'_>) -> LineProblem {
        let reason = match self.cut_since.take() {
            Some(_) => {
                "does not link to the entry before the cut-off line above it: entries are \
                 missing there"
            }
            None if self.report.records + self.report.checkpoints == 0 => {
                "the oldest entry links to one that is not here: entries or a file were \
                 deleted other than by rotation or a purge"
            }
            None => {
                "prev_hash does not match the entry before: entries were deleted, inserted \
                 or moved here"
            }
        };
        let problem = LineProblem {
            file: line.file.to_path_buf(),
            line: line.number,
            problem: Problem::Unlinked(reason.into()),
        };
        self.fail(&problem.file, problem.line, &format!("{}", problem.problem));
        self.report.note_broken(&problem);
        problem
    }

    /// A line that is not an entry. A line cut off (no closing brace or no newline) may be
    /// a crash's, which the next entry links across; a complete line that is not an entry
    /// was written by something else.
    pub(crate) fn broken(&mut self, problem: LineProblem) -> LineProblem {
        match &problem.problem {
            Problem::Truncated => {
                if self.cut_since.is_none() {
                    self.cut_since = Some((problem.file.clone(), problem.line));
                }
            }
            other => {
                let reason = format!("{other}");
                self.fail(&problem.file, problem.line, &reason);
            }
        }
        self.report.note_broken(&problem);
        problem
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

/// One non-empty line of a file, without its newline.
pub(crate) struct RawLine<'a> {
    /// The file.
    pub(crate) file: &'a Path,
    /// The line number, from 1.
    pub(crate) number: usize,
    /// The line's bytes, without the newline.
    pub(crate) bytes: &'a [u8],
    /// Whether a newline ended it.
    pub(crate) terminated: bool,
    /// Where it starts in the file.
    pub(crate) offset: u64,
}

impl RawLine<'_> {
    /// The problem of this line, which did not parse with `message`.
    pub(crate) fn problem(&self, message: String) -> LineProblem {
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
pub(crate) enum Raw<'a> {
    /// A line.
    Line(RawLine<'a>),
    /// The file could not be read from here on.
    Problem(LineProblem),
}

/// The lines of several files in turn, reusing one buffer.
pub(crate) struct Lines<'a> {
    files: &'a [PathBuf],
    index: usize,
    reader: Option<BufReader<File>>,
    number: usize,
    /// Where the next line starts in the current file.
    offset: u64,
    /// Where to start the first file, and its line number there.
    resume: (u64, usize),
    /// Leave a last line without a newline unread (a write in progress), see
    /// [`Lines::hold_unfinished`].
    hold: bool,
    buf: Vec<u8>,
}

impl<'a> Lines<'a> {
    /// Every line of `files`, in turn.
    pub(crate) fn new(files: &'a [PathBuf]) -> Lines<'a> {
        Lines::resume(files, 0, 0)
    }

    /// The lines of `files` from byte `offset` of the first, which is line `number` + 1.
    pub(crate) fn resume(files: &'a [PathBuf], offset: u64, number: usize) -> Lines<'a> {
        Lines {
            files,
            index: 0,
            reader: None,
            number,
            offset,
            resume: (offset, number),
            hold: false,
            buf: Vec::with_capacity(1024),
        }
    }

    /// Stops before a last line of the last file that has no newline yet (the writer may be
    /// writing it); [`Lines::position`] then points at its start.
    pub(crate) fn hold_unfinished(mut self) -> Lines<'a> {
        self.hold = true;
        self
    }

    /// The file being read (its index in `files`), where its next line starts and the number
    /// of the last line read.
    pub(crate) fn position(&self) -> (usize, u64, usize) {
        (self.index, self.offset, self.number)
    }

    /// Opens file `index`, at the resume point for the first.
    fn open(&mut self, index: usize, file: &Path) -> io::Result<BufReader<File>> {
        let mut f = File::open(file)?;
        let (offset, number) = if index == 0 { self.resume } else { (0, 0) };
        if offset > 0 {
            io::Seek::seek(&mut f, io::SeekFrom::Start(offset))?;
        }
        self.offset = offset;
        self.number = number;
        Ok(BufReader::with_capacity(256 * 1024, f))
    }

    /// The next non-empty line, or the problem that ended a file.
    pub(crate) fn next_line(&mut self) -> Option<Raw<'_>> {
        loop {
            let file = self.files.get(self.index)?;
            if self.reader.is_none() {
                match self.open(self.index, file) {
                    Ok(reader) => self.reader = Some(reader),
                    Err(e) => return Some(self.end_file(e, file)),
                }
            }
            let reader = self.reader.as_mut()?;
            self.buf.clear();
            match reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => {
                    if self.hold && self.index + 1 == self.files.len() {
                        return None;
                    }
                    self.reader = None;
                    self.index += 1;
                }
                Ok(read) => {
                    let terminated = self.buf.last() == Some(&b'\n');
                    if !terminated && self.hold && self.index + 1 == self.files.len() {
                        return None;
                    }
                    let offset = self.offset;
                    self.offset += read as u64;
                    self.number += 1;
                    let end = self.buf.len() - usize::from(terminated);
                    if end > 0 {
                        return Some(Raw::Line(RawLine {
                            file,
                            number: self.number,
                            bytes: &self.buf[..end],
                            terminated,
                            offset,
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
