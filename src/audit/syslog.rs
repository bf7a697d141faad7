//! A copy of each audit line to syslog: RFC 5424 over UDP (RFC 5426), best effort.
//!
//! ```text
//! <132>1 2026-11-22T10:15:00.123Z proxy01 sluss 4711 audit - {"@timestamp":…,"hash":"…"}
//! ```
//! - Facility `local0` (16), so that a collector can route sluss's records by facility
//!   without mixing them into the host's `auth`/`authpriv` logs; severity by action:
//!   `block` warning (4), `redact` notice (5), `allow` informational (6).
//! - Checkpoints of the chain (see [`super::checkpoint`]) go the same way with MSGID
//!   `checkpoint` and severity notice: the copy that proves later where the log ended.
//! - TIMESTAMP is the record's `@timestamp`, MSGID `audit`, no structured data, and MSG the
//!   stored line byte for byte (no BOM: many collectors would keep it in front of the JSON),
//!   so a SIEM can check its `hash` like `sluss logs --verify` does.
//! - The socket never blocks: a datagram that cannot be sent at once (a full buffer, an
//!   unreachable collector, a line over 65,507 bytes) is dropped and counted
//!   ([`Syslog::dropped`]). UDP has no delivery guarantee either; the file is the record of
//!   truth, and a shipper reading it (Filebeat, Vector) is the reliable path.

use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, UdpSocket};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use serde::Deserialize;

use super::record::Record;

/// `local0`.
const FACILITY: u8 = 16;
/// The largest UDP payload over IPv4.
pub const MAX_DATAGRAM: usize = 65_507;

/// Sends audit lines to one syslog collector over UDP. Cheap to share (`&self` methods).
#[derive(Debug)]
pub struct Syslog {
    socket: UdpSocket,
    hostname: String,
    pid: u32,
    dropped: AtomicU64,
}

/// The two fields the header needs, read from the line.
#[derive(Deserialize)]
struct Head {
    #[serde(rename = "@timestamp")]
    timestamp: String,
    event: HeadEvent,
}

#[derive(Deserialize)]
struct HeadEvent {
    action: String,
}

impl Syslog {
    /// A non-blocking UDP socket connected to `collector` (nothing is sent yet, and UDP does
    /// not check that anyone listens).
    pub fn connect(collector: SocketAddr) -> io::Result<Syslog> {
        let local: SocketAddr = match collector {
            SocketAddr::V4(_) => (Ipv4Addr::UNSPECIFIED, 0).into(),
            SocketAddr::V6(_) => (Ipv6Addr::UNSPECIFIED, 0).into(),
        };
        let socket = UdpSocket::bind(local)?;
        socket.connect(collector)?;
        socket.set_nonblocking(true)?;
        Ok(Syslog {
            socket,
            hostname: hostname(),
            pid: std::process::id(),
            dropped: AtomicU64::new(0),
        })
    }

    /// Sends one stored audit line (without its newline, as [`super::AuditWriter::append_line`]
    /// returns it). Never blocks and never fails: a line that cannot go is counted as dropped.
    pub fn send(&self, line: &[u8]) {
        let message = self.message(line);
        if message.len() > MAX_DATAGRAM {
            self.drop_one("line too long for one datagram");
            return;
        }
        if let Err(e) = self.socket.send(&message) {
            // WouldBlock (buffer full) or an ICMP error from an earlier datagram
            // (ConnectionRefused): best effort, so count and go on.
            self.drop_one(&e.to_string());
        }
    }

    /// Serialises `record` as the writer stores it (complete only once it carries its
    /// `prev_hash` and `hash`) and sends it.
    pub fn send_record(&self, record: &Record) {
        match serde_json::to_vec(record) {
            Ok(line) => self.send(&line),
            Err(e) => self.drop_one(&e.to_string()),
        }
    }

    /// Lines that could not be sent so far.
    pub fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }

    /// The RFC 5424 message carrying `line`.
    pub fn message(&self, line: &[u8]) -> Vec<u8> {
        let head = serde_json::from_slice::<Head>(line).ok();
        let action = head.as_ref().map(|h| h.event.action.as_str());
        let severity = match action {
            Some("block" | "warn") => 4,
            Some("allow") => 6,
            _ => 5,
        };
        // Checkpoints get their own message id, so a collector can keep them apart.
        let msgid = if action == Some("checkpoint") {
            "checkpoint"
        } else {
            "audit"
        };
        let timestamp = head
            .map(|h| h.timestamp)
            .filter(|t| super::time::parse(t).is_some() && t.is_ascii() && !t.contains(' '))
            .unwrap_or_else(|| super::time::format(SystemTime::now()));
        let mut message = format!(
            "<{}>1 {timestamp} {} sluss {} {msgid} - ",
            FACILITY * 8 + severity,
            self.hostname,
            self.pid
        )
        .into_bytes();
        message.extend_from_slice(line);
        message
    }

    fn drop_one(&self, why: &str) {
        self.dropped.fetch_add(1, Ordering::Relaxed);
        tracing::debug!(error = why, "audit line not sent to syslog");
    }
}

/// The host's name as RFC 5424 allows it (printable ASCII, no space, at most 255), or `-`.
/// From uname(2), not /proc/sys (the systemd unit hides /proc's non-process files).
fn hostname() -> String {
    let name = super::lock::host_name().unwrap_or_default();
    let name: String = name
        .trim()
        .chars()
        .filter(|c| c.is_ascii_graphic())
        .take(255)
        .collect();
    if name.is_empty() { "-".into() } else { name }
}
