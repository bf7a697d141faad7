//! WebSocket messages through the interception, end to end: a real WebSocket client
//! (tokio-tungstenite) through sluss's CONNECT and TLS, and a real WebSocket server over TLS
//! with the test CA that records every message it receives. Clean messages are echoed;
//! stopped ones close the socket with code 1008 and a Swedish reason naming the incident, reach
//! nothing upstream, and are recorded; fragments are reassembled, SignalR records read one by
//! one, compression negotiated away, binary messages follow `uninspectable`.

mod common;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{PNR, Res, Setup, Sluss, Upstream, connect_tunnel, leaks_pnr, tls_over};
use futures_util::{SinkExt, StreamExt};
use http::HeaderMap;
use sluss::tls::{Ca, LeafCache};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tokio_rustls::LazyConfigAcceptor;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::Frame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::{CloseCode, Data, OpCode};
use tokio_tungstenite::{WebSocketStream, client_async};

/// A registered service with the default policy.
const CHAT: &str = "chat.kommun.test";
/// A registered service that lets uninspectable content through.
const MEDIA: &str = "media.kommun.test";
/// A registered service that redacts personnummer.
const MASK: &str = "mask.kommun.test";

/// Bound for anything awaited.
const BOUND: Duration = Duration::from_secs(10);

/// What the WebSocket server saw.
#[derive(Default)]
struct Seen {
    /// Request headers of every handshake.
    handshakes: Vec<HeaderMap>,
    /// Every data message received, in order.
    messages: Vec<Message>,
    /// Every ping, pong and close frame received, in order.
    controls: Vec<Message>,
    /// Sockets that have ended (closed or broken).
    ended: usize,
}

/// A WebSocket echo server over TLS, with certificates from `ca`.
struct WsServer {
    addr: SocketAddr,
    seen: Arc<Mutex<Seen>>,
    changed: Arc<Notify>,
}

impl WsServer {
    async fn start(ca: Arc<Ca>) -> Res<WsServer> {
        let leaves = Arc::new(LeafCache::new(ca, Duration::from_secs(3600), 100)?);
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let seen = Arc::new(Mutex::new(Seen::default()));
        let changed = Arc::new(Notify::new());
        let (s, c) = (seen.clone(), changed.clone());
        tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let _ = tcp.set_nodelay(true);
                tokio::spawn(serve(tcp, leaves.clone(), s.clone(), c.clone()));
            }
        });
        Ok(WsServer {
            addr,
            seen,
            changed,
        })
    }

    fn with<T>(&self, f: impl FnOnce(&Seen) -> T) -> T {
        let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        f(&seen)
    }

    fn messages(&self) -> Vec<Message> {
        self.with(|s| s.messages.clone())
    }

    fn handshakes(&self) -> Vec<HeaderMap> {
        self.with(|s| s.handshakes.clone())
    }

    /// Waits until `condition` holds on what the server saw (it is told of every change).
    async fn wait(&self, what: &str, condition: impl Fn(&Seen) -> bool) -> Res {
        let deadline = tokio::time::Instant::now() + BOUND;
        loop {
            let notified = self.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if self.with(&condition) {
                return Ok(());
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return Err(format!("the WebSocket server never saw {what}").into());
            }
        }
    }
}

// The handshake callback's error type is tungstenite's (an HTTP response), not ours.
#[allow(clippy::result_large_err)]
async fn serve(
    tcp: TcpStream,
    leaves: Arc<LeafCache>,
    seen: Arc<Mutex<Seen>>,
    changed: Arc<Notify>,
) {
    let acceptor = LazyConfigAcceptor::new(rustls::server::Acceptor::default(), tcp);
    let Ok(start) = acceptor.await else { return };
    let host = start
        .client_hello()
        .server_name()
        .unwrap_or("localhost")
        .to_string();
    let Ok(config) = leaves.server_config(&host).await else {
        return;
    };
    let Ok(tls) = start.into_stream(config).await else {
        return;
    };
    let record = |f: &dyn Fn(&mut Seen)| {
        f(&mut seen.lock().unwrap_or_else(|e| e.into_inner()));
        changed.notify_waiters();
    };
    // The handshake: note the headers, accept the first subprotocol offered.
    let callback = |request: &Request, mut response: Response| {
        record(&|s| s.handshakes.push(request.headers().clone()));
        let first = request
            .headers()
            .get("sec-websocket-protocol")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(|p| p.trim().to_string());
        if let Some(protocol) = first.and_then(|p| p.parse().ok()) {
            response
                .headers_mut()
                .insert("sec-websocket-protocol", protocol);
        }
        Ok(response)
    };
    let Ok(mut socket) = tokio_tungstenite::accept_hdr_async(tls, callback).await else {
        record(&|s| s.ended += 1);
        return;
    };
    while let Some(Ok(message)) = socket.next().await {
        if !matches!(message, Message::Text(_) | Message::Binary(_)) {
            record(&|s| s.controls.push(message.clone()));
            continue;
        }
        record(&|s| s.messages.push(message.clone()));
        let reply = match &message {
            // Server-to-client content is never inspected: this comes back as it is.
            Message::Text(t) if t.as_str() == "svara med personnummer" => {
                Message::text(format!("Här är det: {PNR}"))
            }
            other => other.clone(),
        };
        if socket.send(reply).await.is_err() {
            break;
        }
    }
    record(&|s| s.ended += 1);
}

type Client = WebSocketStream<tokio_rustls::client::TlsStream<TcpStream>>;

/// The harness upstream (sluss needs one), sluss with the three WebSocket services, and the
/// WebSocket server they resolve to.
async fn start(extra_proxy: &str) -> Res<(Upstream, Sluss, WsServer)> {
    let upstream = Upstream::start().await?;
    let ws = WsServer::start(upstream.ca.clone()).await?;
    let setup = Setup {
        proxy: extra_proxy.to_string(),
        resolve: [CHAT, MEDIA, MASK]
            .iter()
            .map(|h| (format!("{h}:443"), ws.addr))
            .collect(),
        extra: format!(
            "[[service]]\nname = \"Chatt\"\nhosts = [\"{CHAT}\"]\n\n\
             [[service]]\nname = \"Media\"\nhosts = [\"{MEDIA}\"]\npolicy = {{ uninspectable = \"allow\" }}\n\n\
             [[service]]\nname = \"Mask\"\nhosts = [\"{MASK}\"]\npolicy = {{ personnummer = \"redact\" }}\n"
        ),
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    Ok((upstream, sluss, ws))
}

/// A WebSocket client through sluss to `wss://{host}{path}` with these extra headers.
async fn open(
    sluss: &Sluss,
    host: &str,
    path: &str,
    headers: &[(&str, &str)],
) -> Res<(Client, http::Response<Option<Vec<u8>>>)> {
    let tunnel = connect_tunnel(sluss.addr, host).await?;
    let tls = tls_over(tunnel, sluss.ca(), host).await?;
    let mut request = format!("wss://{host}{path}").into_client_request()?;
    for (name, value) in headers {
        request.headers_mut().insert(
            http::HeaderName::from_bytes(name.as_bytes())?,
            value.parse()?,
        );
    }
    let (client, response) = tokio::time::timeout(BOUND, client_async(request, tls)).await??;
    Ok((client, response))
}

/// The next data message or close frame (pings and pongs skipped).
async fn next(client: &mut Client) -> Res<Message> {
    loop {
        match tokio::time::timeout(BOUND, client.next()).await? {
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
            Some(Ok(message)) => return Ok(message),
            Some(Err(e)) => return Err(format!("the socket failed: {e}").into()),
            None => return Err("the socket ended without a close frame".into()),
        }
    }
}

/// Sends `text` and expects it back.
async fn echo(client: &mut Client, text: &str) -> Res {
    client.send(Message::text(text)).await?;
    match next(client).await? {
        Message::Text(t) if t.as_str() == text => Ok(()),
        other => Err(format!("expected the echo, got {other:?}").into()),
    }
}

/// Expects a close frame with `code`, and returns its reason.
async fn closed_with(client: &mut Client, code: CloseCode) -> Res<String> {
    match next(client).await? {
        Message::Close(Some(CloseFrame { code: got, reason })) if got == code => {
            Ok(reason.as_str().to_string())
        }
        other => Err(format!("expected close {code}, got {other:?}").into()),
    }
}

/// The incident id at the end of a close reason.
fn incident_of(reason: &str) -> Res<String> {
    let id = reason
        .rsplit("Ärende-id: ")
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    if id.starts_with("S-") && id.len() == 8 {
        Ok(id)
    } else {
        Err(format!("no incident id in {reason:?}").into())
    }
}

fn chat_json(text: &str) -> String {
    serde_json::json!({"event": "send", "content": [{"type": "text", "text": text}]}).to_string()
}

#[tokio::test]
async fn a_clean_message_is_echoed_and_the_subprotocol_and_server_messages_pass() -> Res {
    let (_upstream, sluss, ws) = start("").await?;
    let offer = [("sec-websocket-protocol", "json.chat, chat")];
    let (mut client, response) = open(&sluss, CHAT, "/c/api/chat?api-version=2", &offer).await?;
    assert_eq!(response.status(), 101);
    assert_eq!(response.headers()["sec-websocket-protocol"], "json.chat");

    let prompt = chat_json("Skriv en inbjudan till temadagen om biblioteket.");
    echo(&mut client, &prompt).await?;
    // What the server sends comes back untouched, a personnummer included.
    client.send(Message::text("svara med personnummer")).await?;
    let answer = next(&mut client).await?;
    assert_eq!(answer, Message::text(format!("Här är det: {PNR}")));

    let handshake = &ws.handshakes()[0];
    assert_eq!(handshake["sec-websocket-protocol"], "json.chat, chat");
    assert_eq!(ws.messages()[0], Message::text(prompt));
    assert!(
        sluss.audit_records().is_empty(),
        "nothing stopped, nothing recorded"
    );
    client.close(None).await?;
    ws.wait("the socket end", |s| s.ended == 1).await?;
    sluss.stop().await
}

#[tokio::test]
async fn a_message_with_a_personnummer_closes_the_socket_with_a_swedish_reason() -> Res {
    let (_upstream, sluss, ws) = start("").await?;
    let (mut client, _) = open(&sluss, CHAT, "/c/api/chat", &[]).await?;
    echo(&mut client, &chat_json("Hej!")).await?;
    let leak = chat_json(&format!("Sammanfatta ärendet för {PNR}, han fick avslag."));
    client.send(Message::text(leak)).await?;

    let reason = closed_with(&mut client, CloseCode::Policy).await?;
    assert!(
        reason.starts_with("Stoppat av sluss: personnummer."),
        "{reason}"
    );
    assert!(reason.len() <= 123);
    let incident = incident_of(&reason)?;
    // Nothing of it reached the server, whose socket sluss closed.
    ws.wait("the socket end", |s| s.ended == 1).await?;
    assert_eq!(ws.messages().len(), 1, "only the clean message arrived");

    let records = sluss.audit_records();
    assert_eq!(records.len(), 1, "{records:?}");
    let record = &records[0];
    assert_eq!(record["event"]["id"], incident.as_str());
    assert_eq!(record["event"]["action"], "block");
    assert_eq!(record["event"]["reason"], "personnummer");
    assert_eq!(record["sluss"]["service"], "Chatt");
    assert_eq!(record["url"]["domain"], CHAT);
    assert_eq!(record["url"]["path"], "/c/api/chat");
    assert_eq!(record["http"]["request"]["method"], "GET");
    assert!(!leaks_pnr(&sluss.audit_text()));
    sluss.stop().await
}

#[tokio::test]
async fn a_fragmented_message_is_reassembled_before_it_is_inspected() -> Res {
    let (_upstream, sluss, ws) = start("").await?;
    let (mut client, _) = open(&sluss, CHAT, "/ws", &[]).await?;
    // A clean message in three fragments arrives whole.
    let parts = ["{\"text\":\"Hej ", "från ", "biblioteket\"}"];
    send_fragments(&mut client, &parts).await?;
    let whole = parts.concat();
    assert_eq!(next(&mut client).await?, Message::text(whole.as_str()));
    assert_eq!(ws.messages(), vec![Message::text(whole.as_str())]);

    // A number split across fragments is found.
    let (head, tail) = PNR.split_at(9);
    let split = [
        format!("{{\"text\":\"Personnummer {head}"),
        format!("{tail}\"}}"),
    ];
    let split: Vec<&str> = split.iter().map(String::as_str).collect();
    send_fragments(&mut client, &split).await?;
    let reason = closed_with(&mut client, CloseCode::Policy).await?;
    incident_of(&reason)?;
    ws.wait("the socket end", |s| s.ended == 1).await?;
    assert_eq!(ws.messages().len(), 1, "the stopped message never arrived");
    sluss.stop().await
}

/// Sends a text message as fragments: a text frame and continuation frames.
async fn send_fragments(client: &mut Client, parts: &[&str]) -> Res {
    for (i, part) in parts.iter().enumerate() {
        let opcode = if i == 0 { Data::Text } else { Data::Continue };
        let last = i + 1 == parts.len();
        let frame = Frame::message(part.as_bytes().to_vec(), OpCode::Data(opcode), last);
        client.send(Message::Frame(frame)).await?;
    }
    Ok(())
}

#[tokio::test]
async fn signalr_records_are_read_one_by_one() -> Res {
    let (_upstream, sluss, ws) = start("").await?;
    let offer = [("sec-websocket-protocol", "json")];
    let (mut client, _) = open(&sluss, CHAT, "/m365Copilot/Chathub", &offer).await?;
    // The SignalR handshake and a clean invocation in one frame pass byte for byte.
    let clean = "{\"protocol\":\"json\",\"version\":1}\u{1e}\
                 {\"type\":1,\"target\":\"chat\",\"arguments\":[{\"message\":{\"text\":\"Hej\"}}]}\u{1e}";
    echo(&mut client, clean).await?;
    assert_eq!(ws.messages(), vec![Message::text(clean)]);

    // More records in one message than sluss inspects (100) is content it cannot read: it
    // passes only where the policy lets uninspectable content through.
    let many = "{\"type\":6}\u{1e}".repeat(101);
    let (mut media, _) = open(&sluss, MEDIA, "/m365Copilot/Chathub", &offer).await?;
    echo(&mut media, &many).await?;
    let (mut chat, _) = open(&sluss, CHAT, "/m365Copilot/Chathub", &offer).await?;
    chat.send(Message::text(many.as_str())).await?;
    let reason = closed_with(&mut chat, CloseCode::Policy).await?;
    assert!(reason.contains("inte kan granskas"), "{reason}");
    ws.wait("the socket end", |s| s.ended == 1).await?;
    assert_eq!(
        ws.messages().len(),
        2,
        "the clean message and the one let through"
    );

    // A record with the number written as JSON escapes is read as JSON, and stopped.
    let escaped: String = PNR
        .chars()
        .map(|c| format!("\\u{:04x}", c as u32))
        .collect();
    let leak = format!(
        "{{\"type\":6}}\u{1e}{{\"type\":1,\"target\":\"chat\",\"arguments\":[{{\"message\":{{\"text\":\"Gäller {escaped}\"}}}}]}}\u{1e}"
    );
    client.send(Message::text(leak)).await?;
    let reason = closed_with(&mut client, CloseCode::Policy).await?;
    let incident = incident_of(&reason)?;
    ws.wait("the socket end", |s| s.ended == 2).await?;
    assert_eq!(ws.messages().len(), 2);
    let records = sluss.audit_records();
    let ids: Vec<&serde_json::Value> = records.iter().map(|r| &r["event"]["id"]).collect();
    assert!(ids.iter().any(|id| *id == incident.as_str()), "{records:?}");
    sluss.stop().await
}

#[tokio::test]
async fn compression_is_negotiated_away_and_a_compressed_frame_is_refused() -> Res {
    let (_upstream, sluss, ws) = start("").await?;
    let offer = [(
        "sec-websocket-extensions",
        "permessage-deflate; client_max_window_bits",
    )];
    let (mut client, response) = open(&sluss, CHAT, "/ws", &offer).await?;
    assert!(
        !response.headers().contains_key("sec-websocket-extensions"),
        "no compression granted"
    );
    assert!(
        !ws.handshakes()[0].contains_key("sec-websocket-extensions"),
        "the offer was taken out of the handshake"
    );
    echo(&mut client, "{\"text\":\"okomprimerat\"}").await?;

    // A client that compresses anyway (RSV1 set, a raw deflate block) breaks the protocol:
    // the socket is closed and nothing reaches the server.
    let deflated = deflate(format!("{{\"text\":\"{PNR}\"}}").as_bytes())?;
    client
        .get_mut()
        .write_all(&masked_frame(0xC1, &deflated))
        .await?;
    client.get_mut().flush().await?;
    let reason = closed_with(&mut client, CloseCode::Protocol).await?;
    assert!(reason.contains("ogiltigt"), "{reason}");
    ws.wait("the socket end", |s| s.ended == 1).await?;
    assert_eq!(
        ws.messages().len(),
        1,
        "only the uncompressed message arrived"
    );
    sluss.stop().await
}

/// Raw deflate as permessage-deflate sends it (the trailing empty block cut off).
fn deflate(bytes: &[u8]) -> Res<Vec<u8>> {
    use std::io::Write;
    let mut encoder =
        flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes)?;
    let mut out = encoder.finish()?;
    if out.ends_with(&[0, 0, 0xff, 0xff]) {
        out.truncate(out.len() - 4);
    }
    Ok(out)
}

/// A masked client frame with first byte `first` (FIN, RSV bits, opcode) and `payload`.
fn masked_frame(first: u8, payload: &[u8]) -> Vec<u8> {
    let mask = [0x37u8, 0xfa, 0x21, 0x3d];
    let mut frame = vec![first];
    match payload.len() {
        n if n < 126 => frame.push(0x80 | n as u8),
        n => {
            frame.push(0x80 | 126);
            frame.extend((n as u16).to_be_bytes());
        }
    }
    frame.extend(mask);
    frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
    frame
}

#[tokio::test]
async fn binary_messages_follow_the_uninspectable_policy() -> Res {
    let (_upstream, sluss, ws) = start("").await?;
    // Default policy: a binary message cannot be read, so it is stopped.
    let (mut client, _) = open(&sluss, CHAT, "/ws", &[]).await?;
    client.send(Message::binary(vec![1u8, 2, 3])).await?;
    let reason = closed_with(&mut client, CloseCode::Policy).await?;
    assert!(
        reason.contains("innehåll som inte kan granskas"),
        "{reason}"
    );
    let incident = incident_of(&reason)?;
    ws.wait("the socket end", |s| s.ended == 1).await?;
    assert!(ws.messages().is_empty());
    let records = sluss.audit_records();
    assert_eq!(records[0]["event"]["id"], incident.as_str());
    assert_eq!(records[0]["event"]["reason"], "uninspectable");

    // `uninspectable = "allow"`: binary messages pass, recorded once per socket, and text
    // is still read.
    let (mut client, _) = open(&sluss, MEDIA, "/ws", &[]).await?;
    for n in 0..3u8 {
        client.send(Message::binary(vec![n; 64])).await?;
        assert_eq!(next(&mut client).await?, Message::binary(vec![n; 64]));
    }
    let records = sluss.audit_records();
    assert_eq!(
        records.len(),
        2,
        "one record for the socket's unread binary messages"
    );
    assert_eq!(records[1]["event"]["action"], "allow");
    assert_eq!(records[1]["event"]["reason"], "uninspectable:websocket");
    assert_eq!(records[1]["sluss"]["service"], "Media");
    client
        .send(Message::text(chat_json(&format!("Gäller {PNR}"))))
        .await?;
    closed_with(&mut client, CloseCode::Policy).await?;
    ws.wait("both sockets' end", |s| s.ended == 2).await?;
    assert_eq!(
        ws.messages().len(),
        3,
        "the three binary messages, not the text"
    );
    sluss.stop().await
}

#[tokio::test]
async fn a_redacting_service_gets_the_message_with_the_number_replaced() -> Res {
    let (_upstream, sluss, ws) = start("").await?;
    let (mut client, _) = open(&sluss, MASK, "/ws", &[]).await?;
    client
        .send(Message::text(chat_json(&format!("Gäller {PNR}"))))
        .await?;
    let Message::Text(echoed) = next(&mut client).await? else {
        return Err("expected the redacted message back".into());
    };
    assert!(!leaks_pnr(echoed.as_str()), "{echoed}");
    assert!(echoed.as_str().contains("[PERSONNUMMER]"), "{echoed}");
    let value: serde_json::Value = serde_json::from_str(echoed.as_str())?;
    assert_eq!(value["event"], "send", "still valid JSON");
    let records = sluss.audit_records();
    assert_eq!(records[0]["event"]["action"], "redact");
    assert_eq!(ws.messages().len(), 1);
    sluss.stop().await
}

#[tokio::test]
async fn a_personnummer_in_the_handshake_closes_the_socket_at_once() -> Res {
    let (_upstream, sluss, ws) = start("").await?;
    let offer = [("sec-websocket-protocol", "json")];
    let path = format!("/ws?user={PNR}");
    let (mut client, response) = open(&sluss, CHAT, &path, &offer).await?;
    // sluss completes the handshake itself, so the client learns why.
    assert_eq!(response.headers()["sec-websocket-protocol"], "json");
    let reason = closed_with(&mut client, CloseCode::Policy).await?;
    let incident = incident_of(&reason)?;
    assert!(
        ws.handshakes().is_empty(),
        "the server never saw the handshake"
    );
    let records = sluss.audit_records();
    assert_eq!(records[0]["event"]["id"], incident.as_str());
    assert!(!leaks_pnr(&sluss.audit_text()));
    sluss.stop().await
}

#[tokio::test]
async fn a_message_over_the_size_limit_is_stopped() -> Res {
    let (_upstream, sluss, ws) = start("max_body_bytes = 4096").await?;
    let (mut client, _) = open(&sluss, MEDIA, "/ws", &[]).await?;
    echo(&mut client, "{\"text\":\"litet\"}").await?;
    client.send(Message::text("a".repeat(5000))).await?;
    let reason = closed_with(&mut client, CloseCode::Size).await?;
    assert!(reason.contains("för stort"), "{reason}");
    let incident = incident_of(&reason)?;
    ws.wait("the socket end", |s| s.ended == 1).await?;
    assert_eq!(ws.messages().len(), 1);
    let records = sluss.audit_records();
    assert_eq!(records[0]["event"]["id"], incident.as_str());
    assert_eq!(records[0]["event"]["reason"], "uninspectable");
    sluss.stop().await
}

#[tokio::test]
async fn an_idle_websocket_is_closed() -> Res {
    let (_upstream, sluss, ws) = start("tunnel_idle_timeout_secs = 1").await?;
    let (mut client, _) = open(&sluss, CHAT, "/ws", &[]).await?;
    echo(&mut client, "{\"text\":\"hej\"}").await?;
    let started = Instant::now();
    let ended = tokio::time::timeout(BOUND, async {
        loop {
            match client.next().await {
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
                other => return other.is_none() || matches!(other, Some(Err(_))),
            }
        }
    })
    .await?;
    assert!(ended, "the socket ended without a message");
    assert!(started.elapsed() >= Duration::from_millis(900));
    ws.wait("the upstream socket end", |s| s.ended == 1).await?;
    sluss.stop().await
}

/// The added latency per message: echo round trips through sluss against the same server
/// directly, alternating, in the same run. `cargo test --release --test proxy_websocket
/// websocket_latency -- --ignored --nocapture`.
#[tokio::test]
#[ignore]
async fn websocket_latency() -> Res {
    let (upstream, sluss, ws) = start("").await?;
    let (mut through, _) = open(&sluss, CHAT, "/ws", &[]).await?;
    let tcp = TcpStream::connect(ws.addr).await?;
    let _ = tcp.set_nodelay(true);
    let tls = tls_over(tcp, &upstream.ca, CHAT).await?;
    let (mut direct, _) =
        client_async(format!("wss://{CHAT}/ws").into_client_request()?, tls).await?;
    let prompt = chat_json(&"Skriv en sammanfattning av mötet om biblioteket. ".repeat(4));
    let rounds = 2000;
    let (mut d, mut t) = (Vec::with_capacity(rounds), Vec::with_capacity(rounds));
    for _ in 0..100 {
        echo(&mut direct, &prompt).await?;
        echo(&mut through, &prompt).await?;
    }
    for _ in 0..rounds {
        let started = Instant::now();
        echo(&mut direct, &prompt).await?;
        d.push(started.elapsed());
        let started = Instant::now();
        echo(&mut through, &prompt).await?;
        t.push(started.elapsed());
    }
    let (dp50, dp99) = percentiles(&mut d);
    let (tp50, tp99) = percentiles(&mut t);
    println!(
        "{}-byte message echo, {rounds} rounds: direct p50 {dp50:?} p99 {dp99:?}; through sluss p50 {tp50:?} p99 {tp99:?}; added p50 {:?} p99 {:?}",
        prompt.len(),
        tp50.saturating_sub(dp50),
        tp99.saturating_sub(dp99)
    );
    sluss.stop().await
}

fn percentiles(samples: &mut [Duration]) -> (Duration, Duration) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 * q) as usize).min(samples.len() - 1)];
    (at(0.5), at(0.99))
}

#[tokio::test]
async fn a_reload_applies_to_open_sockets_at_their_next_message() -> Res {
    let (_upstream, sluss, ws) = start("").await?;
    let (mut masked, _) = open(&sluss, MASK, "/ws", &[]).await?;
    let (mut chat, _) = open(&sluss, CHAT, "/ws", &[]).await?;
    let leak = chat_json(&format!("Gäller {PNR}"));
    masked.send(Message::text(leak.as_str())).await?;
    assert!(
        matches!(next(&mut masked).await?, Message::Text(t) if t.as_str().contains("[PERSONNUMMER]"))
    );

    // The service that redacted now blocks, and the chat service is no longer registered.
    let original = std::fs::read_to_string(&sluss.config_path)?;
    let changed = original
        .replace(
            &format!(
                "name = \"Mask\"\nhosts = [\"{MASK}\"]\npolicy = {{ personnummer = \"redact\" }}"
            ),
            &format!("name = \"Mask\"\nhosts = [\"{MASK}\"]"),
        )
        .replace(
            &format!("name = \"Chatt\"\nhosts = [\"{CHAT}\"]"),
            "name = \"Chatt\"\nhosts = [\"chat2.kommun.test\"]",
        );
    assert_ne!(changed, original);
    std::fs::write(&sluss.config_path, changed)?;
    sluss.shared.reload(&sluss.config_path)?;

    masked.send(Message::text(leak.as_str())).await?;
    let reason = closed_with(&mut masked, CloseCode::Policy).await?;
    assert!(reason.contains("personnummer"), "{reason}");
    chat.send(Message::text(chat_json("Hej"))).await?;
    let reason = closed_with(&mut chat, CloseCode::Policy).await?;
    assert!(reason.contains("inte godkänd"), "{reason}");
    ws.wait("both sockets' end", |s| s.ended == 2).await?;
    assert_eq!(ws.messages().len(), 1, "only the redacted message arrived");
    sluss.stop().await
}

#[tokio::test]
async fn the_clients_control_frames_carry_nothing_of_its_own_upstream() -> Res {
    let (_upstream, sluss, ws) = start("").await?;
    let (mut client, _) = open(&sluss, CHAT, "/ws", &[]).await?;
    // A ping is answered by sluss; the server never sees it.
    client
        .send(Message::Ping(PNR.as_bytes().to_vec().into()))
        .await?;
    let pong = tokio::time::timeout(BOUND, client.next()).await?;
    assert!(matches!(pong, Some(Ok(Message::Pong(p))) if p.as_ref() == PNR.as_bytes()));
    echo(&mut client, "{\"text\":\"hej\"}").await?;
    // A close goes on without its reason text.
    let frame = CloseFrame {
        code: CloseCode::Normal,
        reason: format!("hej då {PNR}").into(),
    };
    client.send(Message::Close(Some(frame))).await?;
    ws.wait("the socket end", |s| s.ended == 1).await?;
    let controls = ws.with(|s| s.controls.clone());
    assert_eq!(
        controls,
        vec![Message::Close(Some(CloseFrame {
            code: CloseCode::Normal,
            reason: "".into()
        }))],
        "no ping, and the close without its reason"
    );
    sluss.stop().await
}
