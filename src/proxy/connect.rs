//! `CONNECT host:port`: hosts sluss must see (registered or known AI services) are intercepted
//! with a leaf certificate minted for the host; other traffic is tunnelled untouched or
//! refused, as `other_traffic` says.

use std::convert::Infallible;
use std::sync::Arc;

use super::drain::{Hold, Ticket};
use http::{Request, Response, StatusCode};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::upgrade::OnUpgrade;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tokio_rustls::TlsAcceptor;

use super::exchange::{self, Conn};
use super::forward::Target;
use super::front::host_of;
use super::respond::{self, ClientBody, Fault, Style};
use super::{Peer, Shared, intercept_builder};
use crate::config::{OtherTraffic, Route};

/// The only port tunnels go to (as Squid's `SSL_ports`): sluss is not a general TCP relay.
pub const TUNNEL_PORT: u16 = 443;

/// Answers a CONNECT request and, after the 200, serves or relays the tunnel in a task.
pub async fn handle(
    shared: Arc<Shared>,
    peer: Peer,
    hold: Hold,
    request: Request<Incoming>,
) -> Response<ClientBody> {
    let Some(authority) = request.uri().authority().cloned() else {
        return respond::failure(Fault::Downstream, "", Style::OpenAi);
    };
    let host = host_of(&authority);
    let port = authority.port_u16().unwrap_or(443);
    let runtime = shared.runtime.load_full();
    match runtime.register.route(&host) {
        Route::Approved(_) | Route::NotApproved(_) => {
            let target = Target {
                host,
                port,
                tls: true,
            };
            let conn = Arc::new(Conn {
                shared,
                peer,
                target,
            });
            tokio::spawn(intercept(conn, hyper::upgrade::on(request), hold));
            established()
        }
        Route::Other => match runtime.config.proxy.other_traffic {
            OtherTraffic::Deny => {
                shared.metrics.refused.add(&["other_traffic"], 1);
                respond::refused(respond::OTHER_TRAFFIC_DENIED)
            }
            OtherTraffic::Tunnel if port != TUNNEL_PORT => {
                shared.metrics.refused.add(&["port"], 1);
                respond::refused("sluss: tunnlar tillåts bara till port 443.")
            }
            OtherTraffic::Tunnel => match runtime.connector.tcp(&host, port).await {
                Ok(upstream) => {
                    shared.metrics.tunnels.inc();
                    tokio::spawn(tunnel(hyper::upgrade::on(request), upstream, hold.ticket));
                    established()
                }
                Err(e) => {
                    shared.metrics.upstream_errors.inc();
                    tracing::info!(host = %host, error = %e, "tunnel target unreachable");
                    respond::failure(Fault::Upstream, &host, Style::OpenAi)
                }
            },
        },
    }
}

fn established() -> Response<ClientBody> {
    let mut response = Response::new(respond::full(""));
    *response.status_mut() = StatusCode::OK;
    response
}

/// Relays bytes both ways until either side closes.
async fn tunnel(upgrade: OnUpgrade, mut upstream: TcpStream, _ticket: Arc<Ticket>) {
    match upgrade.await {
        Ok(upgraded) => {
            let mut client = TokioIo::new(upgraded);
            if let Err(e) = tokio::io::copy_bidirectional(&mut client, &mut upstream).await {
                tracing::debug!(error = %e, "tunnel closed");
            }
        }
        Err(e) => tracing::debug!(error = %e, "CONNECT upgrade failed"),
    }
}

/// Terminates the client's TLS with a leaf for the target host and serves its requests,
/// HTTP/2 or HTTP/1.1 as ALPN chose.
async fn intercept(conn: Arc<Conn>, upgrade: OnUpgrade, hold: Hold) {
    let shared = conn.shared.clone();
    let host = conn.target.host.clone();
    let upgraded = match upgrade.await {
        Ok(upgraded) => upgraded,
        Err(e) => return tracing::debug!(error = %e, "CONNECT upgrade failed"),
    };
    let config = match shared.leaves.server_config(&host).await {
        Ok(config) => config,
        Err(e) => return tracing::error!(host = %host, error = %e, "cannot mint a certificate"),
    };
    let timeout = shared.runtime.load().config.proxy.handshake_timeout;
    let accept = TlsAcceptor::from(config).accept(TokioIo::new(upgraded));
    let handshake = tokio::select! {
        result = tokio::time::timeout(timeout, accept) => result,
        // A connection that has not finished its handshake has nothing in flight to drain.
        () = hold.drain.signalled() => return,
    };
    let tls = match handshake {
        Ok(Ok(tls)) => tls,
        Ok(Err(e)) => return handshake_failed(&shared, &conn, &e.to_string()),
        Err(_) => return handshake_failed(&shared, &conn, "timed out"),
    };
    let h2 = tls.get_ref().1.alpn_protocol() == Some(b"h2");
    let builder = intercept_builder(&shared, h2);
    let service = service_fn(move |request| {
        let conn = conn.clone();
        async move { Ok::<_, Infallible>(exchange::handle(conn, request).await) }
    });
    let connection = builder.serve_connection_with_upgrades(TokioIo::new(tls), service);
    if let Err(e) = hold.drain.watch(connection).await {
        tracing::debug!(host = %host, error = %e, "intercepted connection ended with an error");
    }
}

fn handshake_failed(shared: &Shared, conn: &Conn, error: &str) {
    shared.metrics.handshake_failures.inc();
    tracing::info!(
        host = %conn.target.host, client = %conn.peer.ip, error,
        "client TLS handshake failed (does the client trust the sluss CA?)"
    );
}
