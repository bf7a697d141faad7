//! Sends a request on to the upstream server and streams its response back: hop-by-hop headers
//! removed both ways, `Alt-Svc` removed (browsers must not move to QUIC around the proxy), a
//! timeout on the response headers and an idle limit between parts of the body (a live event
//! stream that keeps sending has no total-time limit), and WebSocket handshakes passed on and,
//! once both sides have switched, handed to the intercepting relay ([`super::websocket`]).

use std::time::Duration;

use bytes::Bytes;
use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use http::request::Parts;
use http::{Request, Response, Uri, Version};
use http_body_util::BodyExt;
use hyper::body::{Body, Incoming};

use super::idle_body::IdleBody;
use super::respond::ClientBody;
use super::upstream::{ConnectError, Connector, UpstreamBody, UpstreamClient};
use super::websocket::{self, Session};

/// Where the requests of a connection go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// Host name or IP literal, lower case, without brackets or trailing dot.
    pub host: String,
    /// Port.
    pub port: u16,
    /// HTTPS (intercepted) or plain HTTP (absolute-form requests).
    pub tls: bool,
}

impl UpstreamError {
    /// The destination refusal behind this failure, if that is what it was.
    pub fn refusal(&self) -> Option<(&str, std::net::SocketAddr, super::destination::Reason)> {
        match self {
            UpstreamError::Client(e) => ConnectError::refusal(e),
            UpstreamError::Connect(e) => ConnectError::refusal(e),
            _ => None,
        }
    }
}

impl Target {
    /// `host[:port]` as it goes into a URL (port left out when it is the scheme's default).
    pub fn authority(&self) -> String {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        let default = if self.tls { 443 } else { 80 };
        if self.port == default {
            host
        } else {
            format!("{host}:{}", self.port)
        }
    }

    /// The absolute URI of `path_and_query` on this target.
    pub fn uri(&self, path_and_query: &str) -> Result<Uri, http::Error> {
        let scheme = if self.tls { "https" } else { "http" };
        Uri::builder()
            .scheme(scheme)
            .authority(self.authority())
            .path_and_query(path_and_query)
            .build()
    }
}

/// Why an upstream exchange failed (logged; the client gets a 502).
#[derive(Debug, thiserror::Error)]
pub enum UpstreamError {
    /// No response headers within the timeout.
    #[error("no response within {0:?}")]
    Timeout(Duration),
    /// Connecting, TLS or the exchange failed.
    #[error("{0}")]
    Client(#[from] hyper_util::client::legacy::Error),
    /// A WebSocket connection could not be opened.
    #[error("{0}")]
    Connect(#[from] ConnectError),
    /// The upstream HTTP exchange failed.
    #[error("{0}")]
    Http(#[from] hyper::Error),
    /// The URI could not be built.
    #[error("{0}")]
    Uri(#[from] http::Error),
    /// The upstream accepted a WebSocket with an extension that was not offered (sluss takes
    /// every extension offer out, since it could not read such frames).
    #[error("the upstream WebSocket chose extensions that were not offered")]
    WebSocketExtension,
}

/// Request headers that concern one hop only (RFC 9110 §7.6.1), plus the proxy's own.
const HOP_BY_HOP: [HeaderName; 8] = [
    header::CONNECTION,
    HeaderName::from_static("keep-alive"),
    HeaderName::from_static("proxy-connection"),
    header::PROXY_AUTHENTICATE,
    header::PROXY_AUTHORIZATION,
    header::TE,
    header::TRAILER,
    header::TRANSFER_ENCODING,
];

/// Removes hop-by-hop headers, those the `Connection` header names, and `Upgrade` unless
/// `keep_upgrade`. Keeps `TE: trailers`, which gRPC over HTTP/2 needs.
pub fn strip_hop_by_hop(headers: &mut HeaderMap, keep_upgrade: bool) {
    let named: Vec<HeaderName> = headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|name| HeaderName::from_bytes(name.trim().as_bytes()).ok())
        .filter(|name| !(keep_upgrade && name == header::UPGRADE))
        .collect();
    let trailers = headers
        .get(header::TE)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"trailers"));
    for name in HOP_BY_HOP.iter().chain(&named) {
        headers.remove(name);
    }
    if !keep_upgrade {
        headers.remove(header::UPGRADE);
    }
    if trailers {
        headers.insert(header::TE, HeaderValue::from_static("trailers"));
    }
}

/// Builds the upstream request from the client's request head and a body.
pub fn upstream_request(
    target: &Target,
    mut parts: Parts,
    body: UpstreamBody,
    private_header: Option<&str>,
) -> Result<Request<UpstreamBody>, http::Error> {
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    parts.uri = target.uri(path)?;
    // The client's own protocol version does not matter upstream: the pool speaks HTTP/2 when
    // the server offers it, HTTP/1.1 otherwise, and sets Host / :authority from the URI.
    parts.version = Version::HTTP_11;
    strip_hop_by_hop(&mut parts.headers, false);
    parts.headers.remove(header::HOST);
    if let Some(name) = private_header {
        parts.headers.remove(name);
    }
    Ok(Request::from_parts(parts, body))
}

/// How long to wait for an upstream answer.
#[derive(Clone, Copy, Debug)]
pub struct Timeouts {
    /// For the response headers (or, for WebSocket, for connecting and the headers).
    pub response: Duration,
    /// Between two parts of the response body.
    pub body_idle: Duration,
}

/// Sends `request` and waits at most `timeouts.response` for the response headers; the body
/// then streams with no total-time limit, but at most `timeouts.body_idle` between two parts.
pub async fn send(
    client: &UpstreamClient,
    request: Request<UpstreamBody>,
    timeouts: Timeouts,
) -> Result<Response<ClientBody>, UpstreamError> {
    let response = tokio::time::timeout(timeouts.response, client.request(request))
        .await
        .map_err(|_| UpstreamError::Timeout(timeouts.response))??;
    Ok(downstream_response(response, false, timeouts.body_idle))
}

/// The upstream response as the client gets it: hop-by-hop headers and `Alt-Svc` removed,
/// the body streamed as it arrives (cut when nothing comes for `idle`).
pub fn downstream_response(
    response: Response<Incoming>,
    upgrade: bool,
    idle: Duration,
) -> Response<ClientBody> {
    let (mut parts, body) = response.into_parts();
    let upgrade = upgrade && parts.status == http::StatusCode::SWITCHING_PROTOCOLS;
    strip_hop_by_hop(&mut parts.headers, upgrade);
    if upgrade {
        parts
            .headers
            .insert(header::CONNECTION, HeaderValue::from_static("upgrade"));
    }
    parts.headers.remove(header::ALT_SVC);
    Response::from_parts(parts, IdleBody::new(body, idle).boxed_unsync())
}

/// True for an HTTP/1.1 WebSocket handshake.
pub fn is_websocket(headers: &HeaderMap) -> bool {
    let upgrade = headers
        .get(header::UPGRADE)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"websocket"));
    let connection = headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim().eq_ignore_ascii_case("upgrade"));
    upgrade && connection
}

/// Passes a WebSocket handshake on over its own HTTP/1.1 connection, without its extension
/// offers (permessage-deflate: see [`super::websocket`]) and with its subprotocols, and, when
/// the server accepts (101), hands both upgraded connections to the relay, which inspects the
/// client's messages under `session`.
pub async fn websocket(
    connector: &Connector,
    target: &Target,
    mut request: Request<Incoming>,
    timeouts: Timeouts,
    session: Session,
) -> Result<Response<ClientBody>, UpstreamError> {
    let timeout = timeouts.response;
    let client_upgrade = hyper::upgrade::on(&mut request);
    let (mut parts, body) = request.into_parts();
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let uri = target.uri(path)?;
    parts.uri = Uri::builder()
        .path_and_query(path)
        .build()
        .unwrap_or_else(|_| Uri::from_static("/"));
    parts.version = Version::HTTP_11;
    strip_hop_by_hop(&mut parts.headers, true);
    parts.headers.remove(websocket::EXTENSIONS);
    parts
        .headers
        .insert(header::CONNECTION, HeaderValue::from_static("upgrade"));
    if let Ok(host) = HeaderValue::from_str(&target.authority()) {
        parts.headers.insert(header::HOST, host);
    }
    let io = tokio::time::timeout(timeout, connector.open(&uri, true))
        .await
        .map_err(|_| UpstreamError::Timeout(timeout))??;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(io).await?;
    tokio::spawn(connection.with_upgrades());
    let request = Request::from_parts(parts, body.boxed_unsync());
    let mut response = tokio::time::timeout(timeout, sender.send_request(request))
        .await
        .map_err(|_| UpstreamError::Timeout(timeout))??;
    if response.status() == http::StatusCode::SWITCHING_PROTOCOLS {
        if response.headers().contains_key(websocket::EXTENSIONS) {
            return Err(UpstreamError::WebSocketExtension);
        }
        let server_upgrade = hyper::upgrade::on(&mut response);
        tokio::spawn(websocket::relay(client_upgrade, server_upgrade, session));
    }
    Ok(downstream_response(response, true, timeouts.body_idle))
}

/// A body of bytes already in memory.
pub fn full_body(bytes: Bytes) -> UpstreamBody {
    http_body_util::Full::new(bytes)
        .map_err(|never| match never {})
        .boxed_unsync()
}

/// Any body with hyper's error type, boxed for the upstream client.
pub fn boxed<B>(body: B) -> UpstreamBody
where
    B: Body<Data = Bytes, Error = hyper::Error> + Send + 'static,
{
    body.boxed_unsync()
}
