//! An index of one audit log for the review page, built from the log and rebuilt from it
//! whenever in doubt: the log stays the record of truth.
//!
//! # What it holds
//! Per record that verified when it was read, 56 bytes ([`entry::Entry`]): time, kinds,
//! client, service, reason, action, fingerprints of the incident id and the keyed hashes, and
//! where the line is with the first 64 bits of its hash. About 60 MB for a million records.
//! Lines that do not verify are counted per file (the first few kept), never indexed.
//!
//! # Keeping up with the log
//! [`Index::refresh`] looks at the files (identity, length, time) and reads only what changed:
//! lines appended to the newest file since the last look (a line still being written waits),
//! files that rotation added, and entries of files that rotation or a purge deleted are
//! dropped. The chain is walked on from where it stopped, so an appended line must link to
//! the one before. Anything else (a rotated file that changed, a file deleted without an
//! anchor, a file that shrank) rebuilds the index from the log.
//!
//! # What is shown verifies
//! Counts come from entries that verified. A record shown is read again from its file at
//! its offset and must carry its HMAC and the hash it had when indexed ([`Index::read`]);
//! otherwise the log changed under the index, which is then rebuilt.

pub(crate) mod entry;

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use self::entry::{Entry, FLAG_KEYED, Names, Prepared};
use super::AuditError;
use super::chain;
use super::filter::Filter;
use super::local::Days;
use super::reader::{LineProblem, Problem};
use super::record::Record;
use super::sources::LogSource;
use super::walk::{Lines, Raw, Step, Verifier};
use crate::detect::Date;

/// Lines that do not verify kept per file (all are counted).
const PROBLEMS_KEPT: usize = 10;

/// A file's identity: a renamed file keeps it, a new file with the same name does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FileId {
    dev: u64,
    ino: u64,
}

/// A file as seen on disk.
#[derive(Clone, Debug)]
struct Seen {
    path: PathBuf,
    id: FileId,
    /// A fingerprint of its first line, once it has one: file systems reuse the inode
    /// numbers of deleted files, and rotation deletes files.
    head: Option<u64>,
    len: u64,
    modified: Option<SystemTime>,
}

impl Seen {
    /// Whether `now` is this file as seen earlier.
    fn same_file(&self, now: &Seen) -> bool {
        self.id == now.id && (self.head.is_none() || self.head == now.head)
    }
}

/// One file of the log and its entries.
#[derive(Debug)]
struct IndexedFile {
    seen: Seen,
    /// Bytes read (up to the end of the last complete line).
    read: u64,
    /// The number of the last line read.
    lines: usize,
    entries: Vec<Entry>,
    key_hashes: Vec<u64>,
    /// The `prev_hash` of its first entry that verified.
    first_prev: Option<String>,
    problems: Vec<LineProblem>,
    problem_count: usize,
}

/// The index of one audit log.
#[derive(Debug)]
pub struct Index {
    source: LogSource,
    /// Oldest first.
    files: Vec<IndexedFile>,
    names: Names,
    verifier: Verifier,
    rebuilds: usize,
}

/// A record found through the index: which index, file and entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    file: usize,
    entry: usize,
    /// `@timestamp` in Unix milliseconds.
    pub time_ms: i64,
    /// The id of its `event.reason` in this index.
    reason: u32,
}

impl Index {
    /// Reads the whole log of `source` (every file verified, as [`super::AuditReader`] does).
    pub fn build(source: LogSource) -> Result<Index, AuditError> {
        let verifier = Verifier::new(
            chain::read_anchors(&source.path)?,
            &source.key,
            source.public.as_ref(),
            0,
        );
        let mut index = Index {
            source,
            files: Vec::new(),
            names: Names::default(),
            verifier,
            rebuilds: 0,
        };
        let now = list(&index.source.path)?;
        index.read_new(&now, 0)?;
        Ok(index)
    }

    /// The log it indexes.
    pub fn source(&self) -> &LogSource {
        &self.source
    }

    /// How often [`Index::refresh`] had to read the log again from the start.
    pub fn rebuilds(&self) -> usize {
        self.rebuilds
    }

    /// Records indexed.
    pub fn len(&self) -> usize {
        self.files.iter().map(|f| f.entries.len()).sum()
    }

    /// Whether no record is indexed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes the entries take (for the benchmark and the README).
    pub fn heap_bytes(&self) -> usize {
        self.files
            .iter()
            .map(|f| {
                f.entries.capacity() * std::mem::size_of::<Entry>() + f.key_hashes.capacity() * 8
            })
            .sum()
    }

    /// The current statuses of incidents, from the status records of this log.
    pub fn statuses(&self) -> &super::status::Statuses {
        &self.names.statuses
    }

    /// Lines that do not verify (never indexed), and the first few of them.
    pub fn problems(&self) -> (usize, Vec<&LineProblem>) {
        let count = self.files.iter().map(|f| f.problem_count).sum();
        let kept = self.files.iter().flat_map(|f| &f.problems).collect();
        (count, kept)
    }

    /// Catches up with the log (see the module docs).
    pub fn refresh(&mut self) -> Result<(), AuditError> {
        let now = list(&self.source.path)?;
        if !self.follow(&now)? {
            self.rebuild()?;
        }
        Ok(())
    }

    /// Reads the whole log again.
    pub fn rebuild(&mut self) -> Result<(), AuditError> {
        let rebuilds = self.rebuilds + 1;
        *self = Index::build(self.source.clone())?;
        self.rebuilds = rebuilds;
        Ok(())
    }

    /// Follows the usual changes (growth, rotation, deletion of the oldest files with an
    /// anchor); `false` when something else happened.
    fn follow(&mut self, now: &[Seen]) -> Result<bool, AuditError> {
        let gone = self
            .files
            .iter()
            .take_while(|f| !now.iter().any(|s| f.seen.same_file(s)))
            .count();
        let kept = &self.files[gone..];
        if kept.len() > now.len() || kept.iter().zip(now).any(|(f, s)| !f.seen.same_file(s)) {
            return Ok(false);
        }
        for (i, (file, seen)) in kept.iter().zip(now).enumerate() {
            let newest = i + 1 == kept.len();
            let same = seen.len == file.seen.len && seen.modified == file.seen.modified;
            if !(same || newest && seen.len >= file.read) {
                return Ok(false);
            }
        }
        if gone > 0 && !self.drop_oldest(gone)? {
            return Ok(false);
        }
        let (kept, now_len) = (self.files.len(), now.len());
        for (file, seen) in self.files.iter_mut().zip(now) {
            file.seen.path = seen.path.clone();
        }
        if let Some(last) = kept.checked_sub(1) {
            // The newest file at the last look: it may have grown, and when it is no longer
            // the newest, a last line without a newline is read as cut off.
            if now[last].len != self.files[last].read || now_len > kept {
                self.read_file(last, &now[last], now_len == kept)?;
            } else {
                self.files[last].seen = now[last].clone();
            }
        }
        self.read_new(now, kept)?;
        Ok(true)
    }

    /// Drops the `gone` oldest files, which must have been deleted by sluss (the new oldest
    /// entry links to a keyed anchor); `false` when not.
    fn drop_oldest(&mut self, gone: usize) -> Result<bool, AuditError> {
        self.files.drain(..gone);
        self.verifier
            .set_anchors(chain::read_anchors(&self.source.path)?);
        if self.files.is_empty() {
            // Files were written and deleted between two looks: the chain goes on after an
            // anchor the index never saw the file of.
            self.verifier.restart();
        }
        let first = self.files.iter().find_map(|f| f.first_prev.as_deref());
        Ok(first.is_none_or(|prev| self.verifier.anchored(prev)))
    }

    /// Reads the files of `now` from `from` on, which the index does not have yet.
    fn read_new(&mut self, now: &[Seen], from: usize) -> Result<(), AuditError> {
        for (i, seen) in now.iter().enumerate().skip(from) {
            self.files.push(IndexedFile {
                seen: seen.clone(),
                read: 0,
                lines: 0,
                entries: Vec::new(),
                key_hashes: Vec::new(),
                first_prev: None,
                problems: Vec::new(),
                problem_count: 0,
            });
            let at = self.files.len() - 1;
            self.read_file(at, seen, i + 1 == now.len())?;
        }
        Ok(())
    }

    /// Reads file `at` from where it was left to its end (the newest file: to its last
    /// complete line), feeding the chain walk.
    fn read_file(&mut self, at: usize, seen: &Seen, newest: bool) -> Result<(), AuditError> {
        let Index {
            files,
            names,
            verifier,
            ..
        } = self;
        let file = &mut files[at];
        file.seen = seen.clone();
        let paths = [seen.path.clone()];
        let lines = Lines::resume(&paths, file.read, file.lines);
        let mut lines = if newest {
            lines.hold_unfinished()
        } else {
            lines
        };
        while let Some(raw) = lines.next_line() {
            let step = match raw {
                Raw::Line(line) => verifier.line(line),
                Raw::Problem(problem) => Step::Broken(verifier.broken(problem)),
            };
            add(file, names, step);
        }
        let (_, offset, number) = lines.position();
        file.read = offset;
        file.lines = number;
        if !newest {
            file.entries.shrink_to_fit();
            file.key_hashes.shrink_to_fit();
        }
        Ok(())
    }

    /// Calls `each` with every record that matches `filter`, in log order (`newest_first`:
    /// reversed), until it returns `false`. Where the index cannot tell (an incident id, a
    /// keyed hash), the record is read and checked. [`Stale`] when such a read shows that the
    /// log changed.
    pub fn hits(
        &self,
        filter: &Filter,
        newest_first: bool,
        mut each: impl FnMut(Hit) -> bool,
    ) -> Result<(), Stale> {
        let prepared = Prepared::new(filter, &self.names);
        let mut visit = |file: usize, entry: usize, e: &Entry| -> Result<bool, Stale> {
            if !prepared.matches(e, &self.files[file].key_hashes) {
                return Ok(true);
            }
            let hit = Hit {
                file,
                entry,
                time_ms: e.time_ms,
                reason: e.reason,
            };
            if prepared.must_read(e) && !filter.matches(&self.read(hit)?) {
                return Ok(true);
            }
            Ok(each(hit))
        };
        let files = self.files.iter().enumerate();
        let order: Box<dyn Iterator<Item = (usize, &IndexedFile)>> = if newest_first {
            Box::new(files.rev())
        } else {
            Box::new(files)
        };
        for (f, file) in order {
            let entries = file.entries.iter().enumerate();
            let entries: Box<dyn Iterator<Item = (usize, &Entry)>> = if newest_first {
                Box::new(entries.rev())
            } else {
                Box::new(entries)
            };
            for (i, e) in entries {
                if !visit(f, i, e)? {
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    /// How many records match `filter`, per day in Europe/Stockholm and `event.reason`: one
    /// pass over the entries, reading records only where the index cannot tell.
    pub fn count(&self, filter: &Filter) -> Result<Counts, Stale> {
        let prepared = Prepared::new(filter, &self.names);
        let mut counts = Counts::default();
        if prepared.confirm {
            let mut tally = Tally::default();
            self.hits(filter, false, |hit| {
                tally.add(hit.time_ms, hit.reason);
                true
            })?;
            tally.into_counts(&self.names, &mut counts);
            return Ok(counts);
        }
        let mut tally = Tally::default();
        for (f, file) in self.files.iter().enumerate() {
            for (i, e) in file.entries.iter().enumerate() {
                if !prepared.matches(e, &file.key_hashes) {
                    continue;
                }
                if prepared.must_read(e) {
                    let hit = Hit {
                        file: f,
                        entry: i,
                        time_ms: e.time_ms,
                        reason: e.reason,
                    };
                    if !filter.matches(&self.read(hit)?) {
                        continue;
                    }
                }
                tally.add(e.time_ms, e.reason);
            }
        }
        tally.into_counts(&self.names, &mut counts);
        Ok(counts)
    }

    /// The `event.reason` of a hit.
    pub fn reason(&self, hit: Hit) -> &str {
        self.names
            .reasons
            .get(hit.reason as usize)
            .map_or("", String::as_str)
    }

    /// The record of `hit`, read again from its file and checked: the line must carry its
    /// HMAC (or, for a record from before the chain was keyed, its SHA-256) and the hash it
    /// had when it was indexed. An error means the log changed: [`Index::rebuild`].
    pub fn read(&self, hit: Hit) -> Result<Record, Stale> {
        let file = self.files.get(hit.file).ok_or(Stale)?;
        let entry = file.entries.get(hit.entry).ok_or(Stale)?;
        let line = read_line(&file.seen, entry).map_err(|_| Stale)?;
        let link = chain::quick_link(&line)
            .map_or_else(|| chain::parse_link(&line), Ok)
            .map_err(|_| Stale)?;
        let authentic = if entry.flags & FLAG_KEYED != 0 {
            chain::keyed_matches(&line, &link, &self.source.key)
        } else {
            chain::unkeyed_matches(&line, &link)
        };
        if !authentic || entry::hash_prefix(&link.hash) != entry.hash {
            return Err(Stale);
        }
        serde_json::from_slice(&line).map_err(|_| Stale)
    }
}

/// Records per day (Europe/Stockholm) and rule, from [`Index::count`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Records counted.
    pub total: usize,
    /// Per day and `event.reason`.
    pub per_day: BTreeMap<Date, BTreeMap<String, usize>>,
}

/// Counting per day and reason id, for records that come mostly in time order.
#[derive(Default)]
struct Tally {
    days: Days,
    total: usize,
    /// Per day seen, counts per reason id.
    rows: Vec<(Date, Vec<usize>)>,
    row_of: BTreeMap<Date, usize>,
    /// The row of the last day counted.
    current: Option<(Date, usize)>,
}

impl Tally {
    fn add(&mut self, time_ms: i64, reason: u32) {
        self.total += 1;
        let day = self.days.date(time_ms);
        let row = match self.current {
            Some((d, row)) if d == day => row,
            _ => {
                let next = self.rows.len();
                let row = *self.row_of.entry(day).or_insert(next);
                if row == next {
                    self.rows.push((day, Vec::new()));
                }
                self.current = Some((day, row));
                row
            }
        };
        let counts = &mut self.rows[row].1;
        let reason = reason as usize;
        if counts.len() <= reason {
            counts.resize(reason + 1, 0);
        }
        counts[reason] += 1;
    }

    fn into_counts(self, names: &Names, counts: &mut Counts) {
        counts.total += self.total;
        for (day, per_reason) in self.rows {
            let day_counts = counts.per_day.entry(day).or_default();
            for (reason, n) in per_reason.into_iter().enumerate().filter(|(_, n)| *n > 0) {
                let name = names.reasons.get(reason).cloned().unwrap_or_default();
                *day_counts.entry(name).or_default() += n;
            }
        }
    }
}

/// The log changed under the index since it was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the audit log changed since it was indexed")]
pub struct Stale;

/// Adds what the walk found in one line to `file`.
fn add(file: &mut IndexedFile, names: &mut Names, step: Step<'_>) {
    let problem = match step {
        Step::Entry {
            line,
            hash,
            prev_hash,
            keyed,
            checkpoint,
        } => {
            if file.first_prev.is_none() {
                file.first_prev = Some(prev_hash);
            }
            if checkpoint {
                return;
            }
            match serde_json::from_slice::<Record>(line.bytes) {
                Ok(record) => {
                    let place = (line.offset, line.bytes.len());
                    let entry =
                        entry::entry(&record, place, &hash, keyed, names, &mut file.key_hashes);
                    file.entries.push(entry);
                    return;
                }
                Err(e) => line.problem(e.to_string()),
            }
        }
        Step::Broken(problem) => problem,
    };
    file.problem_count += 1;
    if file.problems.len() < PROBLEMS_KEPT {
        file.problems.push(problem);
    }
}

/// The bytes of an entry's line, from a file that must still be the one indexed.
fn read_line(seen: &Seen, entry: &Entry) -> io::Result<Vec<u8>> {
    let mut file = File::open(&seen.path)?;
    if identity(&file.metadata()?) != seen.id {
        return Err(io::Error::other("another file"));
    }
    file.seek(SeekFrom::Start(entry.offset))?;
    let mut line = vec![0; entry.len as usize];
    file.read_exact(&mut line)?;
    Ok(line)
}

/// The log's files as they are now, oldest first.
fn list(path: &Path) -> Result<Vec<Seen>, AuditError> {
    let mut paths: Vec<PathBuf> = chain::rotated_files(path)?
        .into_iter()
        .rev()
        .map(|(_, file)| file)
        .collect();
    paths.push(path.to_path_buf());
    let mut seen = Vec::with_capacity(paths.len());
    for path in paths {
        match fs::metadata(&path) {
            Ok(meta) if meta.is_file() => seen.push(Seen {
                id: identity(&meta),
                head: head(&path),
                len: meta.len(),
                modified: meta.modified().ok(),
                path,
            }),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(AuditError::io("stat", path, e)),
        }
    }
    Ok(seen)
}

/// A fingerprint of the file's first line (of its first 4 KiB when that holds no newline);
/// `None` while it has neither.
fn head(path: &Path) -> Option<u64> {
    const MAX: usize = 4096;
    let mut bytes = Vec::with_capacity(MAX);
    File::open(path)
        .ok()?
        .take(MAX as u64)
        .read_to_end(&mut bytes)
        .ok()?;
    let end = match memchr::memchr(b'\n', &bytes) {
        Some(end) => end,
        None if bytes.len() == MAX => MAX,
        None => return None,
    };
    Some(entry::fingerprint_bytes(&bytes[..end]))
}

#[cfg(unix)]
fn identity(meta: &fs::Metadata) -> FileId {
    use std::os::unix::fs::MetadataExt;
    FileId {
        dev: meta.dev(),
        ino: meta.ino(),
    }
}

/// Without inode numbers, a file is known by its length and time only: every rotation then
/// rebuilds the index.
#[cfg(not(unix))]
fn identity(meta: &fs::Metadata) -> FileId {
    FileId {
        dev: meta.len(),
        ino: meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs()),
    }
}

impl LineProblem {
    /// `audit.jsonl.2:17`: the file's name and the line, for notices.
    pub fn short(&self) -> String {
        let name = self.file.file_name().map_or_else(
            || self.file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        format!("{name}:{}", self.line)
    }
}

/// Whether `problem` is a line cut off by a crash.
pub fn is_cut_off(problem: &LineProblem) -> bool {
    problem.problem == Problem::Truncated
}
