//! Which audit logs to read, and with which keys: this instance's (`[audit] path`), the other
//! instances' (`[audit] other_instances`), or those named with `sluss logs --log`.
//!
//! Each log is verified on its own, with its own keys: the audit key (`audit-key`) and the
//! checkpoints' public key (`audit-signing-key.pub`) in the log's folder when they are there,
//! else the ones this config names. Instances that share one audit key (the usual setup
//! behind a balancer) therefore need nothing but the path; a folder copied from another
//! machine with its keys is read with those.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::AuditError;
use super::checkpoint::PublicKey;
use super::key::{AuditKey, ChainKey};
use super::reader::LineProblem;

/// One audit log to read.
#[derive(Clone, Debug)]
pub struct LogSource {
    /// The current file (`…/audit.jsonl`); rotated files are found beside it.
    pub path: PathBuf,
    /// The key its chain was written with.
    pub key: ChainKey,
    /// The public key of its checkpoints, when known.
    pub public: Option<PublicKey>,
    /// The key file used (for messages).
    pub key_file: PathBuf,
}

/// The file name of the current file in a state folder.
pub const LOG_NAME: &str = "audit.jsonl";

impl LogSource {
    /// The log at `path` (a file, or a folder holding `audit.jsonl`), with the keys beside it
    /// or else `key_file` and the public key beside `signing_key_file`.
    pub fn resolve(
        path: &Path,
        key_file: &Path,
        signing_key_file: &Path,
    ) -> Result<LogSource, AuditError> {
        let path = if path.is_dir() {
            path.join(LOG_NAME)
        } else {
            path.to_path_buf()
        };
        let dir = super::chain::parent_dir(&path);
        let beside = dir.join("audit-key");
        let key_file = if beside.is_file() {
            beside
        } else {
            key_file.to_path_buf()
        };
        let signing_beside = dir.join("audit-signing-key");
        let public = match PublicKey::load_beside(&signing_beside)? {
            Some(public) => Some(public),
            None => PublicKey::load_beside(signing_key_file)?,
        };
        Ok(LogSource {
            key: AuditKey::load(&key_file)?.chain_key(),
            public,
            path,
            key_file,
        })
    }

    /// This instance's log: the keys the config names, whatever lies beside the log.
    pub fn own(
        path: &Path,
        key_file: &Path,
        signing_key_file: &Path,
    ) -> Result<LogSource, AuditError> {
        Ok(LogSource {
            path: path.to_path_buf(),
            key: AuditKey::load(key_file)?.chain_key(),
            public: PublicKey::load_beside(signing_key_file)?,
            key_file: key_file.to_path_buf(),
        })
    }

    /// A log read with `key` only (tests, or keys held elsewhere).
    pub fn with_key(path: impl Into<PathBuf>, key: ChainKey, public: Option<PublicKey>) -> Self {
        LogSource {
            path: path.into(),
            key,
            public,
            key_file: PathBuf::new(),
        }
    }

    /// A reader of this log.
    pub fn reader(&self) -> Result<super::AuditReader, AuditError> {
        Ok(super::AuditReader::open(&self.path, &self.key)?.with_public_key(self.public))
    }
}

/// Items from several logs, each in its own order, merged by time: the next record is the
/// oldest of the logs' next ones (a tie goes to the log listed first). A line that does not
/// verify is passed on as soon as it is met.
pub struct Merged<I, T, F> {
    logs: Vec<I>,
    heads: Vec<Option<T>>,
    done: Vec<bool>,
    time: F,
}

impl<I, T, F> Merged<I, T, F>
where
    I: Iterator<Item = Result<T, LineProblem>>,
    F: Fn(&T) -> SystemTime,
{
    /// Merges `logs`, ordering by `time`.
    pub fn new(logs: Vec<I>, time: F) -> Self {
        let n = logs.len();
        Merged {
            logs,
            heads: (0..n).map(|_| None).collect(),
            done: vec![false; n],
            time,
        }
    }
}

impl<I, T, F> Iterator for Merged<I, T, F>
where
    I: Iterator<Item = Result<T, LineProblem>>,
    F: Fn(&T) -> SystemTime,
{
    type Item = Result<T, LineProblem>;

    fn next(&mut self) -> Option<Self::Item> {
        for i in 0..self.logs.len() {
            while self.heads[i].is_none() && !self.done[i] {
                match self.logs[i].next() {
                    Some(Ok(item)) => self.heads[i] = Some(item),
                    Some(Err(problem)) => return Some(Err(problem)),
                    None => self.done[i] = true,
                }
            }
        }
        let time = &self.time;
        let oldest = self
            .heads
            .iter()
            .enumerate()
            .filter_map(|(i, h)| h.as_ref().map(|item| (time(item), i)))
            .min()?
            .1;
        self.heads[oldest].take().map(Ok)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn logs_merge_by_time_and_problems_pass_at_once() {
        let at = |s: u64| UNIX_EPOCH + Duration::from_secs(s);
        let problem = LineProblem {
            file: PathBuf::from("b"),
            line: 2,
            problem: super::super::Problem::Truncated,
        };
        let a = vec![Ok(at(1)), Ok(at(4)), Ok(at(5))];
        let b = vec![Ok(at(2)), Err(problem.clone()), Ok(at(3)), Ok(at(5))];
        let merged: Vec<_> = Merged::new(vec![a.into_iter(), b.into_iter()], |t| *t).collect();
        let secs: Vec<String> = merged
            .iter()
            .map(|r| match r {
                Ok(t) => t
                    .duration_since(UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs())
                    .to_string(),
                Err(p) => format!("!{}", p.line),
            })
            .collect();
        assert_eq!(secs, ["1", "2", "!2", "3", "4", "5", "5"]);
    }
}
