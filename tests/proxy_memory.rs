//! Memory for a body sent in one-byte chunks (issue 9: 10 MiB that way raised resident memory
//! by 387 MiB, about 38 bytes per body byte, because every chunk was kept on its own). The
//! only test in this binary, so that the process's peak resident memory is this request's.
//! 4 MiB rather than 10: every one-byte chunk is a hand-over between two tasks in hyper, which
//! a debug build does at about 3 µs each; the cost per byte is the same.

mod common;

use std::time::Duration;

use common::*;
use tokio::io::AsyncWriteExt;

/// A `/proc/self/status` field in KiB.
fn status_kib(field: &str) -> Res<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let line = status
        .lines()
        .find(|l| l.starts_with(field))
        .ok_or("no such field")?;
    Ok(line.split_whitespace().nth(1).ok_or("no value")?.parse()?)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_in_one_byte_chunks_costs_about_its_size() -> Res {
    const BODY: usize = 4 << 20;
    let upstream = Upstream::start().await?;
    let setup = Setup {
        proxy: "max_body_bytes = 16777216".into(),
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    let mut request = format!(
        "POST http://{APPROVED}/v1/files HTTP/1.1\r\nHost: {APPROVED}\r\n\
         Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    .into_bytes();
    request.reserve(BODY * 6 + 5);
    for i in 0..BODY {
        // Binary bytes (an octet stream of text would be read as the text it is).
        let byte = (i.wrapping_mul(131) % 256) as u8;
        request.extend_from_slice(&[b'1', b'\r', b'\n', byte, b'\r', b'\n']);
    }
    request.extend_from_slice(b"0\r\n\r\n");
    let mut stream = tokio::net::TcpStream::connect(sluss.addr).await?;
    // Peak resident memory from here on (Linux: writing 5 to clear_refs resets VmHWM).
    std::fs::write("/proc/self/clear_refs", "5")?;
    let before = status_kib("VmRSS:")?;
    stream.write_all(&request).await?;
    // The answer comes only after sluss has read the last of about a million chunks, which a
    // debug build on a loaded machine can take longer than `read_head`'s ten seconds to do.
    let head = read_head_waiting(&mut stream, Duration::from_secs(120)).await?;
    // An octet stream cannot be inspected: stopped, after being read whole.
    assert!(head.starts_with("HTTP/1.1 403"), "{head}");
    let grown_mib = status_kib("VmHWM:")?.saturating_sub(before) / 1024;
    eprintln!("peak resident memory grew by {grown_mib} MiB for a 4 MiB body in 1-byte chunks");
    // Kept one chunk each, it was about 150 MiB; one buffer is 4 to 8 MiB.
    assert!(grown_mib < 20, "{grown_mib} MiB for a 4 MiB body");
    assert_eq!(sluss.audit_records()[0]["event"]["reason"], "uninspectable");
    sluss.stop().await
}
