//! The audit log: one keyed, hash-chained JSON line per stopped or redacted request, never the
//! value, with signed checkpoints.
//!
//! ```text
//! summarize(&[(Finding, matched)], &AuditKey) -> Vec<FindingSummary>   masked + keyed hash
//! scrub::{path, text}                           -> fields a client wrote, findings masked
//! Record::new(Incident)                         -> Record               ECS-shaped, no value
//! AuditLog::append(Record).await                -> durable (group commit: one fsync per batch)
//! AuditWriter::append_batch(Vec<Record>)        -> prev_hash + hash, one write, fsync, rotation
//! AuditReader::{records, verify, purge_before}  -> only entries that verify, for `sluss logs`
//! Filter::matches(&Record), Summary::of(records)
//! Query (text, as typed)                        -> Filter               `sluss logs`, /review
//! present::{table, csv, summary}                -> text for people and spreadsheets
//! Syslog::send(line)                            -> RFC 5424 over UDP, best effort
//! Tally -> Record::traffic                        -> request counts per service and interval
//! ```
//!
//! # Files
//! `audit.jsonl` is the current file; rotation renames it to `audit.jsonl.1` and shifts older
//! files up (`.1` → `.2` …), keeping `keep` rotated files. `audit.jsonl.anchors` records the last
//! hash of every file that rotation or a purge deleted (with an HMAC), so that the oldest
//! remaining entry may start the chain after a deletion that sluss made itself, while a file
//! deleted by hand is still caught (see [`reader`]).
//!
//! # Hash chain
//! A record's `hash` is the lower-case hex HMAC-SHA256, under the chain key
//! ([`AuditKey::chain_key`], derived from the audit key file), of the record serialised by
//! `serde_json` in compact form, fields in declared order, **without** the `hash` field.
//! Because `hash` is the last field, that is exactly the stored line with its trailing
//! `,"hash":"<64 hex>"}` replaced by `}`; the verifier hashes those stored bytes, so any edited
//! byte is caught, white space included, and nobody without the key can write a line that
//! verifies. `prev_hash` is the `hash` of the entry before it (across rotated files), or 64
//! zeros for the very first. Lines written before the chain was keyed carry a plain SHA-256
//! and are accepted only before the first keyed entry (see [`reader`]).
//!
//! # Checkpoints
//! Every [`writer::CHECKPOINT_EVERY`] records, [`writer::CHECKPOINT_INTERVAL`] after a record
//! that no checkpoint follows yet, at start (when the chain ends unsigned) and at shutdown,
//! the writer adds a checkpoint entry signed with an Ed25519 key (see [`checkpoint`]), also
//! sent to syslog. A copy kept elsewhere proves where the log ended.

mod chain;
pub mod checkpoint;
pub mod commit;
pub mod filter;
pub mod index;
pub mod key;
pub mod local;
pub mod lock;
pub mod month;
pub mod present;
pub mod query;
pub mod reader;
pub mod record;
pub mod report;
pub mod scrub;
pub mod sources;
pub mod status;
pub mod syslog;
pub mod time;
pub mod traffic;
pub mod view;
mod walk;
pub mod writer;

use std::io;
use std::path::PathBuf;

pub use chain::Anchor;
pub use checkpoint::{PublicKey, Signer};
pub use commit::AuditLog;
pub use filter::{Filter, Summary};
pub use key::{AuditKey, ChainKey};
pub use month::Month;
pub use query::{Query, QueryError};
pub use reader::{
    AuditReader, ChainBreak, ChainReport, ChainStart, Entries, Entry, LineProblem, Problem,
    PurgeReport, Records,
};
pub use record::{EventAction, FindingSummary, Incident, IncidentId, Record, summarize};
pub use status::{FollowUp, Status, Statuses};
pub use syslog::Syslog;
pub use traffic::{Monthly, Tally, TrafficCounts};
pub use writer::AuditWriter;

/// The `prev_hash` of the very first record: 64 zeros.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Something went wrong reading or writing the audit log or its key.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    /// A file-system operation failed.
    #[error("{action} {}: {source}", path.display())]
    Io {
        /// What was being done (`open`, `write`, `rename`, …).
        action: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// The key file can be read by group or others.
    #[error(
        "audit key {} is readable by group or others (mode {mode:o}); run `chmod 600` on it",
        path.display()
    )]
    KeyPermissions {
        /// The key file.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// The key file does not hold 64 hex digits.
    #[error(
        "audit key {} is not 64 hex digits; restore it from a backup (a new key cannot link \
         records written with the old one)",
        path.display()
    )]
    KeyMalformed {
        /// The key file.
        path: PathBuf,
    },
    /// The checkpoint signing key cannot be used.
    #[error("audit signing key {}: {problem}", path.display())]
    SigningKey {
        /// The key file.
        path: PathBuf,
        /// What is wrong.
        problem: String,
    },
    /// Another process holds the lock on the log (see [`lock`]).
    #[error(
        "audit log {} is in use by another sluss ({holder}; lock file {}): two instances \
         writing one log would fork its chain. Stop the other instance first, or give this one \
         its own [audit] path (each instance its own state folder)",
        log.display(),
        lock.display()
    )]
    Locked {
        /// The audit log.
        log: PathBuf,
        /// The lock file.
        lock: PathBuf,
        /// What the lock file says about its holder (pid, start time, host).
        holder: String,
    },
    /// The operating system's random number generator failed.
    #[error("random number generator failed: {0}")]
    Random(String),
    /// A record could not be serialised (an invariant: records hold only strings and numbers).
    #[error("could not serialise an audit record: {0}")]
    Serialize(#[from] serde_json::Error),
}

impl AuditError {
    /// An [`AuditError::Io`] for `path`.
    pub(crate) fn io(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        AuditError::Io {
            action,
            path: path.into(),
            source,
        }
    }
}
