//! Group commit: one thread owns the [`AuditWriter`]; requests hand it records and wait for
//! their own record to be durable. Records that arrive while a batch is being written go into
//! the next batch, so one `fsync` serves many stops, and each request is still answered only
//! after its record is on disk.
//!
//! ```text
//! request ──permit──▶ queue ──▶ writer thread: take every waiting record (≤ MAX_BATCH),
//!                                 write them with one write + one fsync, reply to each,
//!                                 then send the lines to syslog
//! ```
//! - The queue is bounded by [`QUEUE`] permits: a request waits (asynchronously) for a permit
//!   before its record is queued, so a stuck disk holds requests, not memory.
//! - A failed write fails every request of that batch (a block stays a block; a redaction is
//!   not forwarded) and marks the log as failing, which `/readyz` reports. While failing, a
//!   readiness probe asks the thread to try a checkpoint write; the first write that succeeds
//!   clears the mark.
//! - The thread also writes the checkpoints that fall due by time, and one when the log is
//!   closed (all handles dropped).

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use tokio::sync::{OwnedSemaphorePermit, Semaphore, oneshot};

use super::AuditError;
use super::record::Record;
use super::syslog::Syslog;
use super::writer::AuditWriter;

/// Records waiting or being written at most.
pub const QUEUE: usize = 4096;
/// Records in one batch at most.
pub const MAX_BATCH: usize = 512;
/// How long the thread sleeps when nothing is due.
const IDLE: Duration = Duration::from_secs(3600);

/// What the writer thread is asked to do.
enum Job {
    Append {
        record: Box<Record>,
        reply: oneshot::Sender<Result<(), AuditError>>,
        _permit: OwnedSemaphorePermit,
    },
    /// Try a write (a checkpoint) to see whether the log works again.
    Probe(oneshot::Sender<Result<(), AuditError>>),
}

/// A handle to the audit log's writer thread. Cheap to share behind an `Arc`; dropping the
/// last handle lets the thread write a last checkpoint and end.
#[derive(Debug)]
pub struct AuditLog {
    jobs: Mutex<Option<mpsc::Sender<Job>>>,
    permits: Arc<Semaphore>,
    state: Arc<State>,
    thread: Mutex<Option<std::thread::JoinHandle<()>>>,
}

/// What the thread shares with the handles.
#[derive(Debug)]
struct State {
    path: PathBuf,
    failing: AtomicBool,
    last_error: Mutex<Option<String>>,
    batches: AtomicU64,
}

impl AuditLog {
    /// Starts the writer thread for `writer`; each batch's lines (and checkpoints) go to
    /// `syslog` after they are durable.
    pub fn start(writer: AuditWriter, syslog: Option<Arc<Syslog>>) -> Result<AuditLog, AuditError> {
        let (jobs, queue) = mpsc::channel();
        let state = Arc::new(State {
            path: writer.path().to_path_buf(),
            failing: AtomicBool::new(false),
            last_error: Mutex::new(None),
            batches: AtomicU64::new(0),
        });
        let thread_state = state.clone();
        let thread = std::thread::Builder::new()
            .name("sluss-audit".into())
            .spawn(move || run(writer, &queue, &thread_state, syslog.as_deref()))
            .map_err(|e| AuditError::io("start the writer thread for", &state.path, e))?;
        Ok(AuditLog {
            jobs: Mutex::new(Some(jobs)),
            permits: Arc::new(Semaphore::new(QUEUE)),
            state,
            thread: Mutex::new(Some(thread)),
        })
    }

    /// Appends `record` and returns once it is durable (or its batch failed).
    pub async fn append(&self, record: Record) -> Result<(), AuditError> {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| self.closed())?;
        let (reply, answer) = oneshot::channel();
        self.send(Job::Append {
            record: Box::new(record),
            reply,
            _permit: permit,
        })?;
        answer.await.map_err(|_| self.closed())?
    }

    /// Whether the last write failed (and no write has succeeded since).
    pub fn is_failing(&self) -> bool {
        self.state.failing.load(Ordering::Acquire)
    }

    /// The last write error, while failing.
    pub fn last_error(&self) -> Option<String> {
        if !self.is_failing() {
            return None;
        }
        lock(&self.state.last_error).clone()
    }

    /// Batches of records written so far (each one write and one `fsync`).
    pub fn batches(&self) -> u64 {
        self.state.batches.load(Ordering::Relaxed)
    }

    /// Asks the thread to try a write now (a checkpoint); `Ok` when it succeeded.
    pub async fn probe(&self) -> Result<(), AuditError> {
        let (reply, answer) = oneshot::channel();
        self.send(Job::Probe(reply))?;
        answer.await.map_err(|_| self.closed())?
    }

    /// Stops taking records, lets the thread write what is queued and a last checkpoint, and
    /// waits for it (also done, without waiting, when the log is dropped).
    pub fn close(&self) {
        lock(&self.jobs).take();
        if let Some(thread) = lock(&self.thread).take() {
            let _ = thread.join();
        }
    }

    fn send(&self, job: Job) -> Result<(), AuditError> {
        match &*lock(&self.jobs) {
            Some(jobs) => jobs.send(job).map_err(|_| self.closed()),
            None => Err(self.closed()),
        }
    }

    fn closed(&self) -> AuditError {
        AuditError::io(
            "append to",
            &self.state.path,
            std::io::Error::other("the audit writer has stopped"),
        )
    }
}

impl Drop for AuditLog {
    fn drop(&mut self) {
        lock(&self.jobs).take();
    }
}

/// The thread: batches, checkpoints by time, a last checkpoint at the end.
fn run(
    mut writer: AuditWriter,
    queue: &mpsc::Receiver<Job>,
    state: &State,
    syslog: Option<&Syslog>,
) {
    // Pin what is there (records of a crashed run, or of an older version) at once.
    if writer.has_checkpoints() && writer.ends_unsigned() {
        let _ = checkpoint(&mut writer, "start", state, syslog);
    }
    loop {
        let wait = writer
            .next_checkpoint()
            .map_or(IDLE, |due| due.saturating_duration_since(Instant::now()));
        match queue.recv_timeout(wait) {
            Ok(first) => {
                let mut batch = vec![first];
                while batch.len() < MAX_BATCH {
                    match queue.try_recv() {
                        Ok(job) => batch.push(job),
                        Err(_) => break,
                    }
                }
                commit(&mut writer, batch, state, syslog);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if writer.checkpoint_due(Instant::now()).is_some() {
                    let _ = checkpoint(&mut writer, "interval", state, syslog);
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    if writer.has_checkpoints() && writer.ends_unsigned() {
        let _ = checkpoint(&mut writer, "stop", state, syslog);
    }
}

/// Writes one batch and answers every request in it.
fn commit(writer: &mut AuditWriter, batch: Vec<Job>, state: &State, syslog: Option<&Syslog>) {
    let mut records = Vec::with_capacity(batch.len());
    let mut replies = Vec::with_capacity(batch.len());
    let mut probes = Vec::new();
    for job in batch {
        match job {
            Job::Append { record, reply, .. } => {
                records.push(*record);
                replies.push(reply);
            }
            Job::Probe(reply) => probes.push(reply),
        }
    }
    if !records.is_empty() {
        write_records(writer, records, replies, state, syslog);
    }
    for probe in probes {
        let result = checkpoint(writer, "probe", state, syslog)
            .map_err(|message| copy_error(&state.path, &message));
        let _ = probe.send(result);
    }
}

/// Writes `records` with one write and one fsync; each reply gets the outcome.
fn write_records(
    writer: &mut AuditWriter,
    records: Vec<Record>,
    replies: Vec<oneshot::Sender<Result<(), AuditError>>>,
    state: &State,
    syslog: Option<&Syslog>,
) {
    state.batches.fetch_add(1, Ordering::Relaxed);
    match writer.append_batch(records) {
        Ok(lines) => {
            state.succeeded();
            for reply in replies {
                let _ = reply.send(Ok(()));
            }
            // After the durable write, so a collector never holds a record the file lacks.
            if let Some(syslog) = syslog {
                lines.iter().for_each(|line| syslog.send(line));
            }
        }
        Err(e) => {
            let message = e.to_string();
            state.failed(&message);
            tracing::error!(error = %message, records = replies.len(), "audit batch not written");
            for reply in replies {
                let _ = reply.send(Err(copy_error(&state.path, &message)));
            }
        }
    }
}

/// Writes a checkpoint; `Err(message)` when it failed.
fn checkpoint(
    writer: &mut AuditWriter,
    reason: &str,
    state: &State,
    syslog: Option<&Syslog>,
) -> Result<(), String> {
    match writer.checkpoint(reason) {
        Ok(line) => {
            state.succeeded();
            if let Some(syslog) = syslog {
                syslog.send(&line);
            }
            Ok(())
        }
        Err(e) => {
            let message = e.to_string();
            state.failed(&message);
            tracing::error!(error = %message, "audit checkpoint not written");
            Err(message)
        }
    }
}

impl State {
    fn succeeded(&self) {
        self.failing.store(false, Ordering::Release);
    }

    fn failed(&self, message: &str) {
        *lock(&self.last_error) = Some(message.to_string());
        self.failing.store(true, Ordering::Release);
    }
}

/// An error for one waiter of a failed batch.
fn copy_error(path: &std::path::Path, message: &str) -> AuditError {
    AuditError::io(
        "append to",
        path,
        std::io::Error::other(message.to_string()),
    )
}

/// Locks `mutex`, also after a panic elsewhere (the data is plain state).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
