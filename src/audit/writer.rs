//! Appending records durably to the hash chain, with rotation by size.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::chain::{self, Link};
use super::record::Record;
use super::{AuditError, GENESIS_HASH};

/// Appends records to `audit.jsonl`, each carrying the hash of the one before.
///
/// One writer per file: two processes appending to the same log would fork the chain. The
/// proxy holds it behind a `std::sync::Mutex`; an append is one small write and, by default,
/// one `fsync`.
///
/// # Durability
/// [`append`](AuditWriter::append) writes the whole line with one `write_all` to a file opened
/// in append mode, then calls `sync_data`, so a record is on disk before the client gets its
/// answer. That costs one disk flush per stopped request: well under a millisecond on an SSD,
/// several milliseconds on a spinning disk or network storage. It can be turned off
/// ([`set_fsync`](AuditWriter::set_fsync)) where losing the last seconds of records in a power
/// cut is acceptable; a crash of sluss alone loses nothing either way, as the data is in the
/// kernel.
///
/// A crash mid-write leaves at most a part of the last line. [`open`](AuditWriter::open) ends
/// such a part with a newline (the reader then reports it as a broken line) and continues the
/// chain from the last complete record, so no earlier record is lost or broken.
#[derive(Debug)]
pub struct AuditWriter {
    path: PathBuf,
    file: File,
    size: u64,
    max_bytes: u64,
    keep: u32,
    fsync: bool,
    last_hash: String,
    /// A failed write could not be undone: the next line starts with a newline.
    dirty: bool,
}

impl AuditWriter {
    /// Opens (or creates, with its parent directories) the log at `path`, rotating when a
    /// record would take the file past `max_bytes` and keeping `keep` rotated files
    /// (`audit.jsonl.1` … `audit.jsonl.<keep>`; 0 keeps none). The chain continues from the
    /// last complete record of the current file, else of the newest rotated file, else from
    /// the last file that rotation or a purge deleted, else from [`GENESIS_HASH`].
    pub fn open(
        path: impl AsRef<Path>,
        max_bytes: u64,
        keep: usize,
    ) -> Result<AuditWriter, AuditError> {
        let path = path.as_ref().to_path_buf();
        let dir = chain::parent_dir(&path);
        fs::create_dir_all(&dir).map_err(|e| AuditError::io("create directory", &dir, e))?;
        let tail = chain::scan_tail(&path, pick_link)?;
        let existed = tail.is_some();
        let (size, ends_with_newline, last) = match tail {
            Some(t) => (t.len, t.ends_with_newline, t.picked),
            None => (0, true, None),
        };
        let last_hash = match last {
            Some(link) => link.hash,
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
            last_hash,
            dirty: false,
        };
        if !ends_with_newline {
            writer.write_durably(b"\n")?;
        }
        Ok(writer)
    }

    /// Whether each append waits for the disk (`sync_data`); on by default.
    pub fn set_fsync(&mut self, fsync: bool) {
        self.fsync = fsync;
    }

    /// The hash of the last record written, which the next record will carry as `prev_hash`.
    pub fn last_hash(&self) -> &str {
        &self.last_hash
    }

    /// The current file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Links `record` to the chain (`prev_hash`, `hash`), rotates first if the line would take
    /// the file past `max_bytes`, and writes the line durably. On error nothing of the record
    /// stays in the file (a partial line is cut off, or, if that fails too, ended with a
    /// newline before the next record) and the chain is unchanged.
    pub fn append(&mut self, record: Record) -> Result<(), AuditError> {
        self.append_line(record).map(drop)
    }

    /// [`append`](AuditWriter::append), returning the line as written, without its newline:
    /// what a copy sent elsewhere (syslog, see [`super::syslog`]) should carry, so that it
    /// hashes exactly like the stored record.
    pub fn append_line(&mut self, mut record: Record) -> Result<Vec<u8>, AuditError> {
        record.prev_hash.clone_from(&self.last_hash);
        record.hash.clear();
        let (mut line, hash) = chain::seal(record.canonical_json()?).ok_or_else(|| {
            <serde_json::Error as serde::ser::Error>::custom("a record is not a JSON object")
        })?;
        if self.size > 0 && self.size + line.len() as u64 > self.max_bytes {
            self.rotate()?;
        }
        self.write_durably(&line)?;
        self.last_hash = hash;
        line.pop();
        Ok(line)
    }

    /// One `write_all`, then flush and (if on) `sync_data`; undoes a partial write on error.
    fn write_durably(&mut self, bytes: &[u8]) -> Result<(), AuditError> {
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
            chain::delete_with_anchor(&self.path, file, "rotation")?;
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

/// The hash the chain continues from when the current file has no complete record.
fn hash_before(path: &Path) -> Result<String, AuditError> {
    for (_, file) in chain::rotated_files(path)? {
        if let Some(link) = chain::scan_tail(&file, pick_link)?.and_then(|t| t.picked) {
            return Ok(link.hash);
        }
    }
    let anchors = chain::read_anchors(path)?;
    Ok(anchors
        .into_iter()
        .next_back()
        .map_or_else(|| GENESIS_HASH.to_string(), |a| a.last_hash))
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
