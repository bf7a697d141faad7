//! The intercepted WebSocket: sluss terminates it on both sides (tokio-tungstenite does the
//! framing: masking, fragments reassembled into whole messages, control frames, the close
//! handshake) and relays messages between them.
//!
//! ```text
//! client ──frames──▶ [server role] ─ message ─▶ judge ─ forward ─▶ [client role] ──▶ upstream
//!                                                   └─ stop: close 1008 + Swedish reason
//! client ◀────────── [server role] ◀──────────── every message as it came ◀──── upstream
//! ```
//!
//! - Client-to-server messages are judged whole (a fragmented message is reassembled first,
//!   up to `max_body_bytes`); nothing of a stopped message reaches the upstream, and both
//!   sockets are closed: the client's with code 1008 (1009 for a message too large, 1011 when
//!   sluss failed) and a Swedish reason naming the incident.
//! - Server-to-client messages are passed on as they arrive, unread and unchanged (pings too:
//!   a client that is gone shows as a failed write). The client's control frames carry nothing
//!   of its own upstream (see [`super::websocket_judge`]); a broken upstream closes the client
//!   with 1011.
//! - permessage-deflate is not spoken (tungstenite has no extensions): the offer is taken out
//!   of the handshake, so both sides send uncompressed frames, and a compressed frame from a
//!   client that was never granted compression breaks the protocol and closes the socket
//!   (1002). Subprotocols (`Sec-WebSocket-Protocol`) pass end to end.
//! - A socket that moves no byte for `tunnel_idle_timeout` is closed, as tunnels are.

use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use http::header::{self, HeaderValue};
use http::{Request, Response, StatusCode};
use hyper::body::Incoming;
use hyper::upgrade::{OnUpgrade, Upgraded};
use hyper_util::rt::TokioIo;
use tokio::sync::oneshot;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, Role, WebSocketConfig};
use tokio_tungstenite::tungstenite::{Error as WsError, Message, handshake::derive_accept_key};

use super::activity::{Expiry, Touching};
use super::drain::Ticket;
use super::respond::{self, ClientBody};
use super::websocket_judge::{Judge, Step};
use super::websocket_message::{PROTOCOL_REASON, UPSTREAM_REASON};

/// Everything the relay of one intercepted socket needs.
pub struct Session {
    /// The client connection's place among the open connections (kept while the socket lives).
    pub ticket: Arc<Ticket>,
    /// Closed after this long without a byte either way.
    pub idle: Duration,
    /// The largest client message read whole for inspection (`max_body_bytes`).
    pub max_message: usize,
    /// Judges the client's messages.
    pub judge: Judge,
}

/// How long one side gets to finish its close handshake after the other has ended.
const CLOSE_GRACE: Duration = Duration::from_secs(5);

/// The buffers of each side: small, since a socket mostly waits (tungstenite's default is
/// 128 KiB each way, eagerly allocated).
const BUFFER_BYTES: usize = 16 * 1024;

type Io = Touching<TokioIo<Upgraded>>;
type Socket = WebSocketStream<Io>;

/// `Sec-WebSocket-Extensions`: taken out of the handshake (see the module documentation).
pub const EXTENSIONS: &str = "sec-websocket-extensions";

/// Waits until both sides have switched protocols, then relays until either side closes,
/// a message is stopped, nothing moves for the idle limit, or the connection is evicted.
pub async fn relay(client: OnUpgrade, server: OnUpgrade, session: Session) {
    let (client, server) = match tokio::try_join!(client, server) {
        Ok(both) => both,
        Err(e) => {
            tracing::debug!(error = %e, "WebSocket upgrade did not complete");
            return;
        }
    };
    let activity = session.ticket.activity.clone();
    activity.touch();
    let client_config = config(Some(session.max_message));
    let server_config = config(WebSocketConfig::default().max_message_size);
    let client = socket(client, &activity, Role::Server, client_config).await;
    let server = socket(server, &activity, Role::Client, server_config).await;
    let (client_tx, client_rx) = client.split();
    let (server_tx, server_rx) = server.split();
    let (stop_tx, stop_rx) = oneshot::channel();
    let mut up = pin!(upward(client_rx, server_tx, session.judge, stop_tx));
    let mut down = pin!(downward(server_rx, client_tx, stop_rx));
    let ended = tokio::select! {
        () = &mut up => {
            let _ = tokio::time::timeout(CLOSE_GRACE, &mut down).await;
            "client side ended"
        }
        () = &mut down => {
            let _ = tokio::time::timeout(CLOSE_GRACE, &mut up).await;
            "upstream side ended"
        }
        expiry = activity.expired(session.idle, session.idle) => match expiry {
            Expiry::Idle => "idle",
            Expiry::Evicted => "evicted",
        },
    };
    tracing::debug!(ended, "WebSocket relay ended");
}

fn config(max_message: Option<usize>) -> WebSocketConfig {
    WebSocketConfig::default()
        .read_buffer_size(BUFFER_BYTES)
        .write_buffer_size(BUFFER_BYTES)
        .max_message_size(max_message)
        .max_frame_size(max_message)
}

async fn socket(
    io: Upgraded,
    activity: &Arc<super::activity::Activity>,
    role: Role,
    config: WebSocketConfig,
) -> Socket {
    let io = Touching::new(TokioIo::new(io), activity.clone());
    WebSocketStream::from_raw_socket(io, role, Some(config)).await
}

/// Client to server: every data message is judged before it goes on. A stop sends the close
/// frame to [`downward`] (which owns the client's sending side) and closes the upstream.
async fn upward(
    mut client: SplitStream<Socket>,
    mut server: SplitSink<Socket, Message>,
    mut judge: Judge,
    stop: oneshot::Sender<CloseFrame>,
) {
    while let Some(read) = client.next().await {
        let message = match read {
            Ok(message) => message,
            Err(e) => {
                if let Some(frame) = unreadable(&judge, &e).await {
                    let _ = stop.send(frame);
                }
                break;
            }
        };
        match judge.message(message).await {
            Step::Forward(message) => {
                if server.send(message).await.is_err() {
                    return;
                }
            }
            Step::Stop(frame) => {
                // First the client's close (its sender waits on this), then the upstream's.
                let _ = stop.send(frame);
                break;
            }
            Step::Skip => {}
        }
    }
    let _ = server.close().await;
}

/// The close frame for a client message that could not be read, or `None` when the client
/// is simply gone.
async fn unreadable(judge: &Judge, error: &WsError) -> Option<CloseFrame> {
    let (client, host) = judge.describe();
    match error {
        WsError::Capacity(_) => Some(judge.too_large().await),
        WsError::Protocol(e)
            if !matches!(
                e,
                tokio_tungstenite::tungstenite::error::ProtocolError::ResetWithoutClosingHandshake
            ) =>
        {
            tracing::info!(%client, host, error = %e, "a WebSocket client broke the protocol; closed, nothing forwarded");
            Some(CloseFrame {
                code: CloseCode::Protocol,
                reason: PROTOCOL_REASON.into(),
            })
        }
        WsError::Utf8(_) | WsError::AttackAttempt => {
            tracing::info!(%client, host, error = %error, "a WebSocket client sent an invalid frame; closed, nothing forwarded");
            Some(CloseFrame {
                code: CloseCode::Invalid,
                reason: PROTOCOL_REASON.into(),
            })
        }
        _ => None,
    }
}

/// Server to client: every message passed on as it came, until the upstream ends or a stop
/// arrives from [`upward`] (then the client gets that close frame, and nothing more).
async fn downward(
    mut server: SplitStream<Socket>,
    mut client: SplitSink<Socket, Message>,
    mut stop: oneshot::Receiver<CloseFrame>,
) {
    let mut stop_pending = true;
    loop {
        tokio::select! {
            biased;
            frame = &mut stop, if stop_pending => match frame {
                Ok(frame) => return close(&mut client, Some(frame)).await,
                // The client side ended without a stop: keep passing the upstream's messages
                // (its close reply among them).
                Err(_) => stop_pending = false,
            },
            read = server.next() => {
                if !pass_on(read, &mut client).await {
                    return;
                }
            }
        }
    }
}

/// Passes one read from the upstream on to the client; false when the relay is over (the
/// upstream ended or broke, or the client is gone).
async fn pass_on(
    read: Option<Result<Message, WsError>>,
    client: &mut SplitSink<Socket, Message>,
) -> bool {
    match read {
        Some(Ok(message)) => client.send(message).await.is_ok(),
        Some(Err(e)) => {
            tracing::debug!(error = %e, "the upstream WebSocket failed");
            let frame = CloseFrame {
                code: CloseCode::Error,
                reason: UPSTREAM_REASON.into(),
            };
            close(client, Some(frame)).await;
            false
        }
        None => {
            close(client, None).await;
            false
        }
    }
}

/// Sends `frame` (if any) and closes the client's side.
async fn close(client: &mut SplitSink<Socket, Message>, frame: Option<CloseFrame>) {
    if let Some(frame) = frame {
        let _ = client.send(Message::Close(Some(frame))).await;
    }
    let _ = client.close().await;
}

/// Why a request is not a WebSocket handshake sluss can complete itself.
#[derive(Debug, thiserror::Error)]
#[error("not a WebSocket version 13 handshake with a key")]
pub struct NotAHandshake;

/// Completes a client's handshake without the upstream and closes the socket at once with
/// `frame` (a stopped handshake: the client learns why, where a 403 would show as a failed
/// connection). The first subprotocol the client offered is accepted, since browsers fail a
/// handshake that offered some and got none.
pub fn refuse(
    mut request: Request<Incoming>,
    frame: CloseFrame,
) -> Result<Response<ClientBody>, NotAHandshake> {
    let headers = request.headers();
    let version = headers.get(header::SEC_WEBSOCKET_VERSION);
    let key = headers.get(header::SEC_WEBSOCKET_KEY);
    let (Some(key), true) = (key, version.is_some_and(|v| v.as_bytes() == b"13")) else {
        return Err(NotAHandshake);
    };
    let accept = derive_accept_key(key.as_bytes());
    let protocol = headers
        .get(header::SEC_WEBSOCKET_PROTOCOL)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').map(str::trim).find(|p| !p.is_empty()))
        .and_then(|p| HeaderValue::from_str(p).ok());
    let upgrade = hyper::upgrade::on(&mut request);
    tokio::spawn(close_at_once(upgrade, frame));
    let mut response = Response::new(respond::full(""));
    *response.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    let out = response.headers_mut();
    out.insert(header::UPGRADE, HeaderValue::from_static("websocket"));
    out.insert(header::CONNECTION, HeaderValue::from_static("upgrade"));
    if let Ok(accept) = HeaderValue::from_str(&accept) {
        out.insert(header::SEC_WEBSOCKET_ACCEPT, accept);
    }
    if let Some(protocol) = protocol {
        out.insert(header::SEC_WEBSOCKET_PROTOCOL, protocol);
    }
    Ok(response)
}

/// Sends `frame` on the upgraded connection and waits (briefly) for the client's reply.
async fn close_at_once(upgrade: OnUpgrade, frame: CloseFrame) {
    let Ok(io) = upgrade.await else { return };
    let config = config(Some(BUFFER_BYTES));
    let mut socket =
        WebSocketStream::from_raw_socket(TokioIo::new(io), Role::Server, Some(config)).await;
    if socket.send(Message::Close(Some(frame))).await.is_err() {
        return;
    }
    let _ = tokio::time::timeout(CLOSE_GRACE, async {
        while let Some(Ok(_)) = socket.next().await {}
    })
    .await;
}
