//! The syslog copy of audit lines over a real UDP socket: RFC 5424 framing around the stored
//! line byte for byte, severity by action, and best effort that never blocks or fails.

#[path = "audit_fixtures/mod.rs"]
mod common;

use std::net::UdpSocket;
use std::time::{Duration, Instant, SystemTime};

use common::{TestResult, fixtures, temp};
use sluss::audit::{AuditWriter, Record, Syslog};

/// A collector on a free loopback port.
fn collector() -> TestResult<UdpSocket> {
    let socket = UdpSocket::bind("127.0.0.1:0")?;
    socket.set_read_timeout(Some(Duration::from_secs(5)))?;
    Ok(socket)
}

/// The next datagram as bytes.
fn receive(socket: &UdpSocket) -> TestResult<Vec<u8>> {
    let mut buf = vec![0u8; 70_000];
    let n = socket.recv(&mut buf)?;
    buf.truncate(n);
    Ok(buf)
}

#[test]
fn a_line_arrives_framed_as_rfc_5424_with_the_stored_bytes() -> TestResult {
    let dir = temp("sluss-syslog-")?;
    let mut writer = AuditWriter::open(dir.path().join("audit.jsonl"), 1 << 20, 1, chain())?;
    writer.set_fsync(false);
    let collector = collector()?;
    let syslog = Syslog::connect(collector.local_addr()?)?;
    let mut lines = Vec::new();
    for incident in fixtures(SystemTime::now()) {
        let line = writer.append_line(Record::new(incident))?;
        syslog.send(&line);
        lines.push(line);
    }
    let file = std::fs::read(writer.path())?;
    let expected_pri = ["<132>", "<133>", "<132>", "<132>", "<134>"];
    for (line, pri) in lines.iter().zip(expected_pri) {
        assert!(
            file.windows(line.len()).any(|w| w == line.as_slice()),
            "the line is as stored"
        );
        let datagram = receive(&collector)?;
        let text = String::from_utf8(datagram.clone())?;
        let header_end = text.find(" - {").ok_or("no message part")? + 3;
        let header: Vec<&str> = text[..header_end - 3].split(' ').collect();
        assert_eq!(header.len(), 6, "{header:?}");
        assert_eq!(header[0], format!("{pri}1"));
        let record: serde_json::Value = serde_json::from_slice(line)?;
        assert_eq!(header[1], record["@timestamp"].as_str().unwrap_or("?"));
        assert!(!header[2].is_empty() && !header[2].contains(' '));
        assert_eq!(header[3], "sluss");
        assert_eq!(header[4], std::process::id().to_string());
        assert_eq!(header[5], "audit");
        assert_eq!(
            &datagram[header_end..],
            line.as_slice(),
            "the stored bytes, unchanged"
        );
    }
    assert_eq!(syslog.dropped(), 0);
    Ok(())
}

#[test]
fn send_record_serialises_like_the_writer() -> TestResult {
    let collector = collector()?;
    let syslog = Syslog::connect(collector.local_addr()?)?;
    let incident = fixtures(SystemTime::now()).remove(0);
    let record = Record::new(incident);
    syslog.send_record(&record);
    let datagram = receive(&collector)?;
    let expected = serde_json::to_vec(&record)?;
    assert!(datagram.ends_with(&expected));
    assert!(datagram.starts_with(b"<132>1 2026-11-01T08:00:00.000Z "));
    Ok(())
}

#[test]
fn nothing_listening_and_oversized_lines_never_block_or_fail() -> TestResult {
    // A port with nobody behind it: the kernel answers with ICMP port unreachable, which a
    // connected UDP socket reports on a later send.
    let closed = UdpSocket::bind("127.0.0.1:0")?;
    let address = closed.local_addr()?;
    drop(closed);
    let syslog = Syslog::connect(address)?;
    let line = br#"{"@timestamp":"2026-11-22T10:15:00.123Z","event":{"action":"block"}}"#;
    let started = Instant::now();
    for _ in 0..1000 {
        syslog.send(line);
    }
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert!(syslog.dropped() > 0, "refusals are counted");

    let collector = collector()?;
    let syslog = Syslog::connect(collector.local_addr()?)?;
    let huge = vec![b'x'; 70_000];
    syslog.send(&huge);
    assert_eq!(syslog.dropped(), 1);
    syslog.send(b"not json");
    let datagram = String::from_utf8(receive(&collector)?)?;
    assert!(
        datagram.starts_with("<133>1 20"),
        "unknown action: notice, time now: {datagram}"
    );
    assert!(datagram.ends_with(" audit - not json"), "{datagram}");
    Ok(())
}

/// The chain key of the fixture key.
fn chain() -> sluss::audit::ChainKey {
    sluss::audit::AuditKey::from_bytes(&[7; 32]).chain_key()
}
