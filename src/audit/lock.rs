//! One writer per audit log: an OS file lock (`flock`) on `<audit path>.lock`, held as long as
//! the writer is open and released by the kernel when the process ends, however it ends.
//!
//! Two `sluss run` on one log would each continue the chain from the same last entry and fork
//! it. The lock file also says who holds it (pid, start time, host), so that the second
//! instance can name the first. The file itself proves nothing: a file left behind by a
//! process that is gone holds no lock, and the next start takes it over.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::AuditError;
use super::chain;

/// The lock on an audit log, held until dropped.
#[derive(Debug)]
pub struct LogLock {
    /// The open lock file; the lock lives as long as this descriptor.
    _file: File,
    path: PathBuf,
}

/// `audit.jsonl.lock` beside `audit.jsonl`.
pub fn lock_path(log: &Path) -> PathBuf {
    chain::suffixed(log, "lock")
}

impl LogLock {
    /// Takes the lock on the log at `log` (creating its folder and the lock file), or fails
    /// with [`AuditError::Locked`] naming the process that holds it.
    pub fn acquire(log: &Path) -> Result<LogLock, AuditError> {
        let path = lock_path(log);
        let dir = chain::parent_dir(&path);
        std::fs::create_dir_all(&dir).map_err(|e| AuditError::io("create directory", &dir, e))?;
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o640);
        }
        let mut file = options
            .open(&path)
            .map_err(|e| AuditError::io("open", &path, e))?;
        match try_lock(&file, true) {
            Ok(true) => {}
            Ok(false) => {
                return Err(AuditError::Locked {
                    log: log.to_path_buf(),
                    lock: path,
                    holder: holder(&mut file),
                });
            }
            Err(e) => return Err(AuditError::io("lock", &path, e)),
        }
        let note = format!(
            "pid {}, started {}{}\n",
            std::process::id(),
            super::time::format(SystemTime::now()),
            host_name().map_or_else(String::new, |h| format!(", host {h}"))
        );
        file.set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)))
            .and_then(|_| file.write_all(note.as_bytes()))
            .map_err(|e| AuditError::io("write", &path, e))?;
        Ok(LogLock { _file: file, path })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Who holds the lock on the log at `log`, if another open file holds it (`sluss check`);
/// `None` when nobody does (a lock file left behind counts as nobody).
pub fn holder_of(log: &Path) -> Result<Option<String>, AuditError> {
    let path = lock_path(log);
    let mut file = match File::open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(AuditError::io("open", &path, e)),
    };
    // A shared lock is refused while anyone holds the exclusive one; taken, it is released
    // when `file` is closed at the end of this function.
    match try_lock(&file, false) {
        Ok(true) => Ok(None),
        Ok(false) => Ok(Some(holder(&mut file))),
        Err(e) => Err(AuditError::io("lock", &path, e)),
    }
}

/// What the lock file says about its holder, for messages.
fn holder(file: &mut File) -> String {
    let mut text = String::new();
    let _ = file.seek(SeekFrom::Start(0));
    let _ = file.take(512).read_to_string(&mut text);
    let text = text.trim();
    if text.is_empty() {
        "a process that has not written its name yet".to_string()
    } else {
        text.chars().filter(|c| !c.is_control()).collect()
    }
}

/// `flock` without waiting: `Ok(false)` when another open file holds a conflicting lock.
#[cfg(unix)]
fn try_lock(file: &File, exclusive: bool) -> io::Result<bool> {
    use rustix::fs::{FlockOperation, flock};
    let operation = if exclusive {
        FlockOperation::NonBlockingLockExclusive
    } else {
        FlockOperation::NonBlockingLockShared
    };
    match flock(file, operation) {
        Ok(()) => Ok(true),
        Err(rustix::io::Errno::WOULDBLOCK) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Without `flock`, no lock (sluss runs on Unix in production).
#[cfg(not(unix))]
fn try_lock(_file: &File, _exclusive: bool) -> io::Result<bool> {
    Ok(true)
}

/// The machine's name, for the lock note (a state folder on a network share).
#[cfg(unix)]
pub(crate) fn host_name() -> Option<String> {
    let name = rustix::system::uname()
        .nodename()
        .to_string_lossy()
        .into_owned();
    (!name.is_empty()).then_some(name)
}

#[cfg(not(unix))]
pub(crate) fn host_name() -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_and_names_the_first() -> Result<(), AuditError> {
        let dir = tempfile::tempdir().map_err(|e| AuditError::io("tempdir", "/tmp", e))?;
        let log = dir.path().join("state").join("audit.jsonl");
        assert_eq!(holder_of(&log)?, None, "no lock file yet");
        let first = LogLock::acquire(&log)?;
        let Err(AuditError::Locked { holder, .. }) = LogLock::acquire(&log) else {
            unreachable!("the log is locked")
        };
        assert!(
            holder.starts_with(&format!("pid {}, started ", std::process::id())),
            "{holder}"
        );
        assert!(holder_of(&log)?.is_some());
        drop(first);
        assert_eq!(holder_of(&log)?, None, "released on drop");
        // The file left behind is not a lock.
        assert!(first_path(&log).exists());
        let again = LogLock::acquire(&log)?;
        assert_eq!(again.path(), first_path(&log));
        Ok(())
    }

    fn first_path(log: &Path) -> PathBuf {
        lock_path(log)
    }
}
