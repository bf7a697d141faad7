//! Appending records durably to the keyed hash chain, in batches, with signed checkpoints and
//! rotation by size.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use super::chain::{self, Link};
use super::checkpoint::{self, Signer};
use super::key::ChainKey;
use super::lock::LogLock;
use super::record::Record;
use super::{AuditError, GENESIS_HASH};

/// Appends records to `audit.jsonl`, each carrying the hash of the one before, keyed with the
/// chain key; with a [`Signer`], also signed checkpoints.
///
/// One writer per file: two processes appending to the same log would fork the chain, so
/// [`open`](AuditWriter::open) takes a lock on it ([`super::lock`]) that another writer, in
/// this process or another, is refused. The proxy hands records to it through
/// [`super::commit`], which writes them in batches.
///
/// # Durability
/// [`append_batch`](AuditWriter::append_batch) writes the lines with one `write_all` to a file
/// opened in append mode, then calls `sync_data` once, so every record of the batch is on disk
/// before any of their clients gets an answer. It can be turned off
/// ([`set_fsync`](AuditWriter::set_fsync)) where losing the last seconds of records in a power
/// cut is acceptable; a crash of sluss alone loses nothing either way, as the data is in the
/// kernel.
///
/// A crash mid-write leaves at most a part of the last line. [`open`](AuditWriter::open) ends
/// such a part with a newline (the reader then reports it as a broken line) and continues the
/// chain from the last complete entry, so no earlier record is lost or broken.
#[derive(Debug)]
pub struct AuditWriter {
    path: PathBuf,
    file: File,
    size: u64,
    max_bytes: u64,
    keep: u32,
    fsync: bool,
    key: ChainKey,
    last_hash: String,
    /// Whether the last entry written (or found at open) is a checkpoint.
    last_is_checkpoint: bool,
    checkpoints: Option<Checkpoints>,
    /// A failed write could not be undone: the next line starts with a newline.
    dirty: bool,
    /// The lock on the log, released when the writer is dropped.
    _lock: LogLock,
}

/// When to write checkpoints, and with which key.
#[derive(Debug)]
struct Checkpoints {
    signer: Signer,
    every: usize,
    interval: Duration,
    records_since: usize,
    last: Instant,
}

/// Records between two checkpoints, by default.
pub const CHECKPOINT_EVERY: usize = 1000;
/// Longest time between a record and the checkpoint after it, by default.
pub const CHECKPOINT_INTERVAL: Duration = Duration::from_secs(300);

impl AuditWriter {
    /// Opens (or creates, with its parent directories) the log at `path`, rotating when a
    /// record would take the file past `max_bytes` and keeping `keep` rotated files
    /// (`audit.jsonl.1` … `audit.jsonl.<keep>`; 0 keeps none). The chain continues from the
    /// last complete entry of the current file, else of the newest rotated file, else from
    /// the last file that rotation or a purge deleted, else from [`GENESIS_HASH`]. New entries
    /// are keyed with `key`.
    pub fn open(
        path: impl AsRef<Path>,
        max_bytes: u64,
        keep: usize,
        key: ChainKey,
    ) -> Result<AuditWriter, AuditError> {
        let path = path.as_ref().to_path_buf();
        let dir = chain::parent_dir(&path);
        fs::create_dir_all(&dir).map_err(|e| AuditError::io("create directory", &dir, e))?;
        // Before reading where the chain ends: another writer could move it on.
        let lock = LogLock::acquire(&path)?;
        let tail = chain::scan_tail(&path, pick_link)?;
        let existed = tail.is_some();
        let (size, ends_with_newline, last) = match tail {
            Some(t) => (t.len, t.ends_with_newline, t.picked),
            None => (0, true, None),
        };
        let (last_hash, last_is_checkpoint) = match last {
            Some(link) => (link.hash.clone(), link.checkpoint().is_some()),
            None => hash_before(&path)?,
        };
        let file = chain::open_append(&path)?;
        if !existed {
            chain::sync_parent(&path)?;
        }
        let mut writer = AuditWriter {
            path,
            file,
            size,
            max_bytes,
            keep: u32::try_from(keep).unwrap_or(u32::MAX),
            fsync: true,
            key,
            last_hash,
            last_is_checkpoint,
            checkpoints: None,
            dirty: false,
            _lock: lock,
        };
        if !ends_with_newline {
            writer.write_durably(b"\n")?;
        }
        Ok(writer)
    }

    /// Signs a checkpoint with `signer` after every `every` records and when `interval` has
    /// passed since the last one with records after it ([`checkpoint_due`]). The caller
    /// writes one at once when the chain does not end with one
    /// ([`ends_unsigned`](AuditWriter::ends_unsigned)).
    ///
    /// [`checkpoint_due`]: AuditWriter::checkpoint_due
    pub fn set_checkpoints(&mut self, signer: Signer, every: usize, interval: Duration) {
        self.checkpoints = Some(Checkpoints {
            signer,
            every: every.max(1),
            interval,
            records_since: 0,
            last: Instant::now(),
        });
    }

    /// Whether the chain ends with entries that no checkpoint follows yet (false for an
    /// empty log: there is nothing to sign for).
    pub fn ends_unsigned(&self) -> bool {
        !self.last_is_checkpoint && self.last_hash != GENESIS_HASH
    }

    /// Whether checkpoints are written.
    pub fn has_checkpoints(&self) -> bool {
        self.checkpoints.is_some()
    }

    /// Whether each append waits for the disk (`sync_data`); on by default.
    pub fn set_fsync(&mut self, fsync: bool) {
        self.fsync = fsync;
    }

    /// The hash of the last entry written, which the next will carry as `prev_hash`.
    pub fn last_hash(&self) -> &str {
        &self.last_hash
    }

    /// The current file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one record ([`append_batch`](AuditWriter::append_batch) of one).
    pub fn append(&mut self, record: Record) -> Result<(), AuditError> {
        self.append_batch(vec![record]).map(drop)
    }

    /// Appends one record and returns its line as written, without its newline: what a copy
    /// sent elsewhere (syslog, see [`super::syslog`]) should carry, so that it hashes exactly
    /// like the stored record.
    pub fn append_line(&mut self, record: Record) -> Result<Vec<u8>, AuditError> {
        let mut lines = self.append_batch(vec![record])?;
        Ok(lines.swap_remove(0))
    }

    /// Links every record to the chain (`prev_hash`, `hash`), in order, and writes them with
    /// one write and one `sync_data` (more only where the file rotates in between); a
    /// checkpoint is added when one is due by count. Returns the lines written, without
    /// newlines: the records' first, in order, then any checkpoint.
    ///
    /// On error the chain is as before the batch and nothing of it stays in the file, except
    /// parts written durably before a rotation inside the batch (records that are whole and
    /// verify, though their requests were answered with an error).
    pub fn append_batch(&mut self, records: Vec<Record>) -> Result<Vec<Vec<u8>>, AuditError> {
        let mut committed = self.state();
        let result = self.write_batch(records, &mut committed);
        if result.is_err() {
            (self.last_hash, self.last_is_checkpoint) = committed;
        }
        result
    }

    /// The chain's end: the last hash, and whether it is a checkpoint's.
    fn state(&self) -> (String, bool) {
        (self.last_hash.clone(), self.last_is_checkpoint)
    }

    /// Writes the batch; `committed` follows what is durably in the file.
    fn write_batch(
        &mut self,
        records: Vec<Record>,
        committed: &mut (String, bool),
    ) -> Result<Vec<Vec<u8>>, AuditError> {
        let mut pending: Vec<u8> = Vec::new();
        let mut lines = Vec::with_capacity(records.len() + 1);
        let count = records.len();
        let due = self
            .checkpoints
            .as_ref()
            .is_some_and(|c| c.records_since + count >= c.every);
        for mut record in records {
            record.prev_hash.clone_from(&self.last_hash);
            record.hash.clear();
            let before = self.state();
            let line = self.sealed(record.canonical_json()?)?;
            self.push_line(&mut pending, &line, before, committed)?;
            lines.push(line);
        }
        if due {
            let before = self.state();
            let line = self.checkpoint_line("records")?;
            self.push_line(&mut pending, &line, before, committed)?;
            lines.push(line);
        }
        self.write_durably(&pending)?;
        *committed = self.state();
        self.note_written(count, due);
        for line in &mut lines {
            line.pop();
        }
        Ok(lines)
    }

    /// Whether a checkpoint is due by time: records were written since the last one, and
    /// the interval has passed.
    pub fn checkpoint_due(&self, now: Instant) -> Option<Instant> {
        let c = self.checkpoints.as_ref()?;
        (c.records_since > 0)
            .then(|| c.last + c.interval)
            .filter(|due| *due <= now)
    }

    /// When the next checkpoint by time falls due, if records wait for one.
    pub fn next_checkpoint(&self) -> Option<Instant> {
        let c = self.checkpoints.as_ref()?;
        (c.records_since > 0).then(|| c.last + c.interval)
    }

    /// Writes a signed checkpoint now (`reason`: `interval`, `stop`, …) and returns its line
    /// without newline; an error when no signer is set.
    pub fn checkpoint(&mut self, reason: &str) -> Result<Vec<u8>, AuditError> {
        let mut committed = self.state();
        let result = self.checkpoint_line(reason).and_then(|line| {
            let mut pending = Vec::new();
            self.push_line(&mut pending, &line, committed.clone(), &mut committed)?;
            self.write_durably(&pending)?;
            Ok(line)
        });
        match result {
            Ok(mut line) => {
                self.note_written(0, true);
                line.pop();
                Ok(line)
            }
            Err(e) => {
                (self.last_hash, self.last_is_checkpoint) = committed;
                Err(e)
            }
        }
    }

    /// A sealed checkpoint line after the current last entry (the chain advances).
    fn checkpoint_line(&mut self, reason: &str) -> Result<Vec<u8>, AuditError> {
        let Some(c) = &self.checkpoints else {
            return Err(AuditError::SigningKey {
                path: self.path.clone(),
                problem: "no signing key set for checkpoints".into(),
            });
        };
        let timestamp = super::time::format(SystemTime::now());
        let seal = c.signer.seal(&timestamp, &self.last_hash);
        let canonical = serde_json::to_vec(&checkpoint::Line {
            timestamp: &timestamp,
            event: checkpoint::Event {
                kind: "state",
                action: "checkpoint",
                reason,
            },
            sluss: checkpoint::Body { checkpoint: &seal },
            prev_hash: &self.last_hash,
        })?;
        let line = self.sealed(canonical)?;
        self.last_is_checkpoint = true;
        Ok(line)
    }

    /// Seals `canonical` after the current last entry and advances the chain to it.
    fn sealed(&mut self, canonical: Vec<u8>) -> Result<Vec<u8>, AuditError> {
        let (line, hash) = chain::seal(canonical, &self.key).ok_or_else(|| {
            <serde_json::Error as serde::ser::Error>::custom("an entry is not a JSON object")
        })?;
        self.last_hash = hash;
        self.last_is_checkpoint = false;
        Ok(line)
    }

    /// Adds `line` to `pending`, first writing `pending` and rotating if the line would take
    /// the file past `max_bytes`. `before` is the chain's end before `line`; `committed`
    /// follows what is durably written.
    fn push_line(
        &mut self,
        pending: &mut Vec<u8>,
        line: &[u8],
        before: (String, bool),
        committed: &mut (String, bool),
    ) -> Result<(), AuditError> {
        let size = self.size + pending.len() as u64;
        if size > 0 && size + line.len() as u64 > self.max_bytes {
            self.write_durably(pending)?;
            *committed = before;
            pending.clear();
            self.rotate()?;
        }
        pending.extend_from_slice(line);
        Ok(())
    }

    /// Counts `records` written, and a checkpoint if `checkpointed`.
    fn note_written(&mut self, records: usize, checkpointed: bool) {
        if let Some(c) = &mut self.checkpoints {
            if checkpointed {
                c.records_since = 0;
                c.last = Instant::now();
            } else {
                c.records_since += records;
            }
        }
    }

    /// One `write_all`, then flush and (if on) `sync_data`; undoes a partial write on error.
    fn write_durably(&mut self, bytes: &[u8]) -> Result<(), AuditError> {
        if bytes.is_empty() {
            return Ok(());
        }
        let prefixed;
        let bytes = if self.dirty {
            prefixed = [&b"\n"[..], bytes].concat();
            &prefixed[..]
        } else {
            bytes
        };
        let result = self
            .file
            .write_all(bytes)
            .and_then(|()| self.file.flush())
            .and_then(|()| self.sync());
        match result {
            Ok(()) => {
                self.size += bytes.len() as u64;
                self.dirty = false;
                Ok(())
            }
            Err(e) => {
                self.dirty = self.file.set_len(self.size).is_err();
                Err(AuditError::io("write", &self.path, e))
            }
        }
    }

    /// `sync_data` if fsync is on.
    fn sync(&self) -> io::Result<()> {
        if self.fsync {
            self.file.sync_data()
        } else {
            Ok(())
        }
    }

    /// Deletes the files that would fall past `keep` (noting their last hashes in the anchors
    /// file first), shifts `.1` → `.2` …, renames the current file to `.1` and starts a new one.
    fn rotate(&mut self) -> Result<(), AuditError> {
        let mut doomed = chain::rotated_files(&self.path)?;
        doomed.retain(|(number, _)| *number >= self.keep);
        if self.keep == 0 {
            doomed.insert(0, (0, self.path.clone()));
        }
        // Oldest first, so that a crash in between never leaves a gap inside the chain.
        for (_, file) in doomed.iter().rev() {
            chain::delete_with_anchor(&self.path, file, "rotation", &self.key)?;
        }
        for number in (1..self.keep).rev() {
            rename_if_exists(
                &chain::rotated_path(&self.path, number),
                &chain::rotated_path(&self.path, number + 1),
            )?;
        }
        if self.keep > 0 {
            rename_if_exists(&self.path, &chain::rotated_path(&self.path, 1))?;
        }
        self.file = chain::open_append(&self.path)?;
        self.size = 0;
        self.dirty = false;
        chain::sync_parent(&self.path)
    }
}

/// The hash the chain continues from when the current file has no complete entry, and
/// whether that entry is a checkpoint.
fn hash_before(path: &Path) -> Result<(String, bool), AuditError> {
    for (_, file) in chain::rotated_files(path)? {
        if let Some(link) = chain::scan_tail(&file, pick_link)?.and_then(|t| t.picked) {
            let checkpoint = link.checkpoint().is_some();
            return Ok((link.hash, checkpoint));
        }
    }
    let anchors = chain::read_anchors(path)?;
    Ok((
        anchors
            .into_iter()
            .next_back()
            .map_or_else(|| GENESIS_HASH.to_string(), |a| a.last_hash),
        false,
    ))
}

/// A line that names its links (a complete record; checked by the reader, not here).
fn pick_link(line: &[u8]) -> Option<Link> {
    chain::parse_link(line).ok()
}

/// Renames `from` to `to`; a missing `from` is fine (a crash during an earlier rotation).
fn rename_if_exists(from: &Path, to: &Path) -> Result<(), AuditError> {
    match fs::rename(from, to) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(AuditError::io("rename", from, e)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_writer_can_move_between_threads() {
        fn assert_send<T: Send>() {}
        assert_send::<AuditWriter>();
        assert_send::<std::sync::Mutex<AuditWriter>>();
    }
}
