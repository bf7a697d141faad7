//! `CONNECT host:port`, routed by the CONNECT host **and** the TLS ClientHello's server name:
//! hosts sluss must see (registered or known AI services) are intercepted with a leaf
//! certificate minted for them; other traffic is tunnelled untouched or refused, as
//! `other_traffic` says. After the 200 sluss reads the ClientHello before anything else
//! happens, and decides (see [`decide`]):
//!
//! | CONNECT host | ClientHello | what happens |
//! | --- | --- | --- |
//! | any | SNI names a registered or known AI host | intercepted as the SNI host; the upstream is that host, resolved by sluss (never the CONNECT address) |
//! | registered or known AI host | anything else (other SNI, none, not TLS) | intercepted as the CONNECT host: a client that asked for another name fails its handshake, and whatever it sends is judged as a request to the AI host |
//! | other (a name, an IP address, an alias) | SNI of another host, no ECH | tunnelled untouched to the CONNECT host's checked address, the ClientHello replayed |
//! | other | SNI of another host with Encrypted Client Hello, CONNECT host ≠ SNI | closed: the real name may be hidden in the encrypted part |
//! | other | no SNI, not TLS, malformed, or nothing within `handshake_timeout` | closed: sluss cannot tell where it goes |
//!
//! An ECH extension with the CONNECT host as its outer name is tunnelled: Chrome sends a GREASE
//! ECH extension on every connection, and the outer name is then the real one. Before the 200,
//! other traffic must go to port 443 (sluss is not a general TCP relay) and to an allowed
//! destination (checked on the resolved address, which is then the one connected to); under
//! `other_traffic = "deny"` it is refused at once with 403. Domain fronting through a shared
//! CDN (a harmless SNI, an AI host only in the encrypted `Host` header) cannot be seen without
//! interception: keep AI hosts in the register or the catalogue so that they are intercepted.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;

use bytes::BytesMut;
use http::{Request, Response, StatusCode};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::upgrade::{OnUpgrade, Upgraded};
use hyper_util::rt::TokioIo;
use std::time::Duration;
use tokio::io::AsyncReadExt;
use tokio::time::Instant;
use tokio_rustls::TlsAcceptor;

use super::activity::Activity;
use super::activity::{Tracked, relay};
use super::drain::{Drain, Hold};
use super::exchange::{self, Conn};
use super::forward::Target;
use super::front::host_of;
use super::hello::{self, Parsed};
use super::respond::{self, ClientBody, Fault, Style};
use super::resting::{self, OneTurn, Resting, Turn};
use super::rewind::Rewind;
use super::upstream::ConnectError;
use super::{Peer, Runtime, Shared, intercept_builder};
use crate::config::{OtherTraffic, Register, Route};

/// The only port tunnels go to (as Squid's `SSL_ports`): sluss is not a general TCP relay.
pub const TUNNEL_PORT: u16 = 443;

/// What to do with a CONNECT once its ClientHello has been read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Terminate TLS as this host and inspect.
    Intercept(String),
    /// Relay the bytes untouched to the CONNECT host.
    Tunnel,
    /// Close the connection; the reason is a metrics label.
    Refuse(&'static str),
}

/// Routes a CONNECT to `connect_host` by the ClientHello read after the 200 (the table in the
/// module documentation). A pure function.
pub fn decide(register: &Register, connect_host: &str, hello: &Parsed) -> Decision {
    let sni = match hello {
        Parsed::Complete(h) => h.server_name.as_deref(),
        _ => None,
    };
    if let Some(name) = sni.filter(|name| register.route(name) != Route::Other) {
        return Decision::Intercept(name.to_string());
    }
    if register.route(connect_host) != Route::Other {
        return Decision::Intercept(connect_host.to_string());
    }
    match hello {
        Parsed::NotTls => Decision::Refuse("tunnel_not_tls"),
        Parsed::Incomplete => Decision::Refuse("tunnel_no_hello"),
        Parsed::Malformed(_) => Decision::Refuse("tunnel_malformed_hello"),
        Parsed::Complete(h) => match (&h.server_name, h.ech) {
            (None, _) => Decision::Refuse("tunnel_no_sni"),
            (Some(name), true) if name != connect_host => Decision::Refuse("tunnel_ech"),
            _ => Decision::Tunnel,
        },
    }
}

/// A CONNECT being served after its 200.
struct Connected {
    shared: Arc<Shared>,
    peer: Peer,
    hold: Hold,
    host: String,
    port: u16,
    /// Checked destination addresses (other traffic only).
    addrs: Option<Vec<SocketAddr>>,
}

/// Answers a CONNECT request and, after the 200, serves or relays the tunnel in a task.
pub async fn handle(
    shared: Arc<Shared>,
    peer: Peer,
    hold: Hold,
    request: Request<Incoming>,
) -> Response<ClientBody> {
    let Some(authority) = request.uri().authority().cloned() else {
        return respond::failure(Fault::Downstream, "", Style::Json(respond::Shape::OpenAi));
    };
    let host = host_of(&authority);
    let port = authority.port_u16().unwrap_or(TUNNEL_PORT);
    let runtime = shared.runtime.load_full();
    let upgrade = hyper::upgrade::on(request);
    let mut connected = Connected {
        shared,
        peer,
        hold,
        host,
        port,
        addrs: None,
    };
    if runtime.register.route(&connected.host) == Route::Other {
        match checked_destination(&connected, &runtime).await {
            Ok(addrs) => connected.addrs = Some(addrs),
            Err(refusal) => return refusal,
        }
    }
    tokio::spawn(after_established(connected, upgrade));
    established()
}

/// Other traffic before the 200: `other_traffic`, the port and the destination.
async fn checked_destination(
    connected: &Connected,
    runtime: &Runtime,
) -> Result<Vec<SocketAddr>, Response<ClientBody>> {
    let metrics = &connected.shared.metrics;
    if runtime.config.proxy.other_traffic == OtherTraffic::Deny {
        metrics.refused.add(&["other_traffic"], 1);
        return Err(respond::refused(respond::OTHER_TRAFFIC_DENIED));
    }
    if connected.port != TUNNEL_PORT {
        metrics.refused.add(&["port"], 1);
        return Err(respond::port_refused(true));
    }
    let connector = &runtime.connector;
    let resolved = tokio::time::timeout(
        connector.connect_timeout(),
        connector.resolve(&connected.host, connected.port),
    )
    .await;
    match resolved {
        Ok(Ok(addrs)) => Ok(addrs),
        Ok(Err(ConnectError::Refused { addr, reason, .. })) => {
            metrics.refused.add(&["destination"], 1);
            tracing::warn!(
                client = %connected.peer.ip, host = %connected.host, %addr, %reason,
                "refused a tunnel to a destination sluss does not connect to"
            );
            Err(respond::destination_refused())
        }
        Ok(Err(e)) => Err(unreachable(connected, &e.to_string())),
        Err(_) => Err(unreachable(connected, "name resolution timed out")),
    }
}

fn unreachable(connected: &Connected, error: &str) -> Response<ClientBody> {
    connected.shared.metrics.upstream_errors.inc();
    tracing::info!(host = %connected.host, error, "tunnel target unreachable");
    respond::failure(
        Fault::Upstream,
        &connected.host,
        Style::Json(respond::Shape::OpenAi),
    )
}

fn established() -> Response<ClientBody> {
    let mut response = Response::new(respond::full(""));
    *response.status_mut() = StatusCode::OK;
    response
}

/// After the 200: reads the ClientHello, decides, and intercepts, tunnels or closes.
async fn after_established(connected: Connected, upgrade: OnUpgrade) {
    let mut io = match upgrade.await {
        Ok(upgraded) => TokioIo::new(upgraded),
        Err(e) => return tracing::debug!(error = %e, "CONNECT upgrade failed"),
    };
    let runtime = connected.shared.runtime.load_full();
    let deadline = Instant::now() + runtime.config.proxy.handshake_timeout;
    let (bytes, parsed) = tokio::select! {
        read = read_hello(&mut io, deadline) => read,
        // A connection that has not sent its hello has nothing in flight to drain.
        () = connected.hold.drain.signalled() => return,
    };
    let decision = decide(&runtime.register, &connected.host, &parsed);
    let io = Rewind::new(bytes.freeze(), io);
    match decision {
        Decision::Intercept(host) => {
            if host != connected.host {
                connected.shared.metrics.sni_intercepts.inc();
                tracing::info!(
                    client = %connected.peer.ip, connect = %connected.host, sni = %host,
                    "intercepted a CONNECT by the server name of its ClientHello"
                );
            }
            intercept(connected, host, io, deadline).await;
        }
        Decision::Tunnel => tunnel(connected, io, &runtime).await,
        Decision::Refuse(why) => {
            connected.shared.metrics.refused.add(&[why], 1);
            tracing::warn!(
                client = %connected.peer.ip, host = %connected.host, why,
                "closed a tunnel whose ClientHello does not show where it goes"
            );
        }
    }
}

/// Reads until the bytes hold a whole ClientHello (or show that they never will), by
/// `deadline`. Returns the bytes read and what they are.
async fn read_hello(io: &mut TokioIo<Upgraded>, deadline: Instant) -> (BytesMut, Parsed) {
    // Most ClientHellos are 0.5 to 2 KiB; the buffer grows for larger ones.
    let mut buf = BytesMut::with_capacity(2048);
    loop {
        let parsed = hello::parse(&buf);
        if parsed != Parsed::Incomplete || buf.len() > hello::MAX_HELLO + 4096 {
            return (buf, parsed);
        }
        if buf.capacity() - buf.len() < 512 {
            buf.reserve(buf.capacity());
        }
        match tokio::time::timeout_at(deadline, io.read_buf(&mut buf)).await {
            Ok(Ok(n)) if n > 0 => {}
            _ => return (buf, Parsed::Incomplete),
        }
    }
}

/// Relays the tunnel to the checked destination, the ClientHello first.
async fn tunnel(connected: Connected, io: Rewind<TokioIo<Upgraded>>, runtime: &Runtime) {
    let Some(addrs) = &connected.addrs else {
        return;
    };
    let connector = &runtime.connector;
    let deadline = Instant::now() + connector.connect_timeout();
    let upstream = match connector.connect_to(&connected.host, addrs, deadline).await {
        Ok(stream) => stream,
        Err(e) => {
            connected.shared.metrics.upstream_errors.inc();
            return tracing::info!(host = %connected.host, error = %e, "tunnel target unreachable");
        }
    };
    connected.shared.metrics.tunnels.inc();
    // The ClientHello sluss read comes first out of `io` (a `Rewind`), then the rest.
    let idle = runtime.config.proxy.tunnel_idle_timeout;
    // A tunnel keeps its place in `max_connections` but does not hold up a shutdown: nothing
    // in it is sluss's to finish.
    let Connected { hold, host, .. } = connected;
    let Hold { ticket, drain } = hold;
    drop(drain);
    let ended = relay(io, upstream, &ticket.activity, idle).await;
    tracing::debug!(host = %host, ended, "tunnel ended");
}

/// Terminates the client's TLS with a leaf for `host` and serves its requests, HTTP/2 or
/// HTTP/1.1 as ALPN chose; the handshake must end by `deadline`.
async fn intercept(
    connected: Connected,
    host: String,
    io: Rewind<TokioIo<Upgraded>>,
    deadline: Instant,
) {
    let Connected {
        shared,
        peer,
        hold,
        port,
        ..
    } = connected;
    let config = match shared.leaves.server_config(&host).await {
        Ok(config) => config,
        Err(e) => return tracing::error!(host = %host, error = %e, "cannot mint a certificate"),
    };
    let accept = TlsAcceptor::from(config).accept(io);
    let handshake = tokio::select! {
        result = tokio::time::timeout_at(deadline, accept) => result,
        // A connection that has not finished its handshake has nothing in flight to drain.
        () = hold.drain.signalled() => return,
    };
    let tls = match handshake {
        Ok(Ok(tls)) => tls,
        Ok(Err(e)) => return handshake_failed(&shared, &host, &peer, &e.to_string()),
        Err(_) => return handshake_failed(&shared, &host, &peer, "timed out"),
    };
    let target = Target {
        host,
        port,
        tls: true,
    };
    serve_intercepted(shared, peer, hold, target, tls).await;
}

/// Serves the requests of an intercepted connection, HTTP/2 or HTTP/1.1 as ALPN chose, each
/// counting as work until its response has been sent. HTTP/1.1 rests between requests without
/// hyper (see [`resting`](super::resting)).
async fn serve_intercepted(shared: Arc<Shared>, peer: Peer, hold: Hold, target: Target, tls: Tls) {
    let h2 = tls.get_ref().1.alpn_protocol() == Some(b"h2");
    let builder = intercept_builder(&shared, h2);
    let h1 = super::intercept_h1_builder(&shared);
    let (first, idle) = super::idle_limits(&shared);
    let Hold { drain, ticket } = hold;
    let activity = ticket.activity.clone();
    let host = target.host.clone();
    let turn = (!h2).then(Turn::new);
    let conn = Arc::new(Conn {
        shared,
        peer,
        target,
        ticket,
    });
    let answers = turn.clone();
    let service = service_fn(move |request| {
        let conn = conn.clone();
        let answers = answers.clone();
        if let Some(turn) = &answers {
            turn.began();
        }
        let busy = conn.ticket.activity.begin();
        async move {
            let keeps_alive = resting::keeps_alive(&request);
            let over = super::ratelimit::admit_request(
                &conn.shared,
                &conn.peer,
                &conn.target.host,
                &request,
            );
            let response = match over.await {
                Some(over) => over,
                None => exchange::handle(conn, request).await,
            };
            if let Some(turn) = &answers {
                turn.answered(keeps_alive, &response);
            }
            Ok::<_, Infallible>(response.map(|body| Tracked::new(body, busy)))
        }
    });
    let Some(turn) = turn else {
        let connection = builder.serve_connection_with_upgrades(TokioIo::new(tls), service);
        if let Some(Err(e)) = drain.watch(connection, &activity, first, idle).await {
            tracing::debug!(host = %host, error = %e, "intercepted connection ended with an error");
        }
        return;
    };
    // A task of its own: this one's future is as large as its largest stage (the handshake,
    // HTTP/2), and a resting connection would hold all of it for as long as it stays open.
    let connection = RestingConnection {
        stream: Resting::new(tls, turn.clone()),
        service,
        h1,
        turn,
        drain,
        activity,
        limits: (first, idle),
        host,
    };
    tokio::spawn(connection.serve());
}

/// An intercepted HTTP/1.1 connection that rests without hyper between requests.
struct RestingConnection<S> {
    stream: Resting<Tls>,
    service: S,
    h1: hyper::server::conn::http1::Builder,
    turn: Arc<Turn>,
    drain: Drain,
    activity: Arc<Activity>,
    /// The idle limits before the first request and between requests.
    limits: (Duration, Duration),
    host: String,
}

impl<S, B> RestingConnection<S>
where
    S: hyper::service::HttpService<Incoming, ResBody = B> + Unpin + Send + 'static,
    S::Future: Send,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    B: hyper::body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    /// Serves one request at a time, resting between them, until the client closes, the
    /// connection idles out or sluss drains.
    async fn serve(self) {
        let RestingConnection {
            mut stream,
            mut service,
            h1,
            turn,
            drain,
            activity,
            limits,
            host,
        } = self;
        let (first, idle) = limits;
        loop {
            let arrived = tokio::select! {
                biased;
                () = drain.signalled() => None,
                expiry = activity.expired(first, idle) => {
                    tracing::debug!(?expiry, "closing an idle client connection");
                    None
                }
                read = stream.wait_for_request() => Some(read),
            };
            match arrived {
                Some(Ok(true)) => {}
                Some(Err(_)) => return,
                Some(Ok(false)) | None => return stream.close().await,
            }
            let connection = h1
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades();
            // On the heap while it serves, so that a resting connection's task stays small.
            let mut one = Box::new(OneTurn::new(connection, turn.clone()));
            let served = drain
                .clone()
                .watch_pinned(std::pin::Pin::new(&mut *one), &activity, first, idle)
                .await;
            match served {
                Some(Ok(())) => {}
                // A failed response (a body cut short) closes the connection, as hyper does.
                Some(Err(e)) => {
                    return tracing::debug!(
                        host = %host, error = %e, "intercepted connection ended with an error"
                    );
                }
                None => return,
            }
            match one.into_stream() {
                Some((back, again)) => (stream, service) = (back, again),
                None => return,
            }
        }
    }
}

/// The client's TLS stream of an intercepted connection.
type Tls = tokio_rustls::server::TlsStream<Rewind<TokioIo<Upgraded>>>;

fn handshake_failed(shared: &Shared, host: &str, peer: &Peer, error: &str) {
    shared.metrics.handshake_failures.inc();
    tracing::info!(
        host, client = %peer.ip, error,
        "client TLS handshake failed (does the client trust the sluss CA?)"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patterns::{ApiFamily, KnownService, ServiceKind};
    use crate::proxy::hello::Hello;

    fn register() -> Register {
        let known = KnownService {
            id: "openai".into(),
            name: "OpenAI".into(),
            vendor: "OpenAI".into(),
            kind: ServiceKind::Api,
            api: ApiFamily::Openai,
            hosts: vec!["api.openai.com".into()],
            upload_hosts: Vec::new(),
        };
        Register::new(Vec::new(), vec![known])
    }

    fn hello(name: Option<&str>, ech: bool) -> Parsed {
        Parsed::Complete(Hello {
            server_name: name.map(str::to_string),
            ech,
        })
    }

    #[test]
    fn the_server_name_routes_a_connect_by_address_or_alias() {
        let r = register();
        let ai = Decision::Intercept("api.openai.com".into());
        assert_eq!(
            decide(&r, "104.18.7.192", &hello(Some("api.openai.com"), false)),
            ai
        );
        assert_eq!(
            decide(&r, "my-alias.example", &hello(Some("api.openai.com"), true)),
            ai
        );
        assert_eq!(
            decide(&r, "api.openai.com", &hello(Some("example.org"), false)),
            ai
        );
        assert_eq!(decide(&r, "api.openai.com", &hello(None, false)), ai);
        assert_eq!(decide(&r, "api.openai.com", &Parsed::NotTls), ai);
    }

    #[test]
    fn other_traffic_is_tunnelled_only_when_its_destination_is_visible() {
        let r = register();
        assert_eq!(
            decide(&r, "example.org", &hello(Some("example.org"), false)),
            Decision::Tunnel
        );
        assert_eq!(
            decide(&r, "example.org", &hello(Some("example.org"), true)),
            Decision::Tunnel,
            "GREASE ECH"
        );
        assert_eq!(
            decide(&r, "example.org", &hello(Some("cdn.example.net"), false)),
            Decision::Tunnel
        );
        assert_eq!(
            decide(&r, "example.org", &hello(Some("cloudflare-ech.com"), true)),
            Decision::Refuse("tunnel_ech")
        );
        assert_eq!(
            decide(&r, "93.184.216.34", &hello(None, false)),
            Decision::Refuse("tunnel_no_sni")
        );
        assert_eq!(
            decide(&r, "example.org", &Parsed::NotTls),
            Decision::Refuse("tunnel_not_tls")
        );
        assert_eq!(
            decide(&r, "example.org", &Parsed::Incomplete),
            Decision::Refuse("tunnel_no_hello")
        );
        assert_eq!(
            decide(&r, "example.org", &Parsed::Malformed("x")),
            Decision::Refuse("tunnel_malformed_hello")
        );
    }
}
