//! The client side of the proxy: HTTP/1.1 from the client, sorted into `CONNECT` (intercept or
//! tunnel), absolute-form proxy requests (plain HTTP), and requests for sluss's own pages.

use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::Arc;

use super::drain::Hold;
use http::uri::{Authority, Scheme};
use http::{HeaderMap, Method, Request, Response};
use hyper::body::Incoming;
use hyper::service::{Service, service_fn};

use super::activity::Tracked;
use super::exchange::{self, Conn};
use super::forward::Target;
use super::respond::ClientBody;
use super::{Peer, Runtime, Shared, connect, objection, pages, ratelimit};
use crate::config::Config;
use crate::config::register::normalize_host;

/// The hyper service for one client connection from `ip`. Each request counts as in flight
/// (the connection is working, not idle) until its response body has been sent.
pub fn service(
    shared: Arc<Shared>,
    ip: IpAddr,
    hold: Hold,
) -> impl Service<
    Request<Incoming>,
    Response = Response<Tracked<ClientBody>>,
    Error = Infallible,
    Future = impl std::future::Future<Output = Result<Response<Tracked<ClientBody>>, Infallible>> + Send,
> + Clone
+ Send {
    service_fn(move |request| {
        let (shared, hold) = (shared.clone(), hold.clone());
        let busy = hold.ticket.activity.begin();
        async move {
            let response = route(shared, ip, hold, request).await;
            Ok::<_, Infallible>(response.map(|body| Tracked::new(body, busy)))
        }
    })
}

async fn route(
    shared: Arc<Shared>,
    ip: IpAddr,
    hold: Hold,
    request: Request<Incoming>,
) -> Response<ClientBody> {
    let runtime = shared.runtime.load_full();
    let peer = Peer {
        ip,
        user: user_of(&runtime, request.headers()),
    };
    if request.method() == Method::CONNECT {
        return connect::handle(shared, peer, hold, request).await;
    }
    let authority = match request.uri().authority() {
        Some(authority) if !is_self(&runtime.config, authority) => authority.clone(),
        _ if request.uri().path() == objection::PATH => {
            return objection::handle(shared, runtime, peer, request).await;
        }
        _ => return pages::serve(&shared, &runtime, &peer, &request),
    };
    let tls = request.uri().scheme() == Some(&Scheme::HTTPS);
    let target = Target {
        host: host_of(&authority),
        port: authority.port_u16().unwrap_or(if tls { 443 } else { 80 }),
        tls,
    };
    if let Some(over) = ratelimit::admit_request(&shared, &peer, &target.host, &request).await {
        return over;
    }
    let conn = Arc::new(Conn {
        shared,
        peer,
        target,
        ticket: hold.ticket,
    });
    exchange::handle(conn, request).await
}

/// The host of an authority: lower case, no brackets, no trailing dot.
pub fn host_of(authority: &Authority) -> String {
    normalize_host(
        authority
            .host()
            .trim_start_matches('[')
            .trim_end_matches(']'),
    )
}

/// The user named by the trusted `user_header`, if configured and present.
pub fn user_of(runtime: &Runtime, headers: &HeaderMap) -> Option<String> {
    let name = runtime.config.proxy.user_header.as_deref()?;
    let value = headers.get(name)?.to_str().ok()?.trim();
    (!value.is_empty() && value.len() <= 256).then(|| value.to_string())
}

/// True when an absolute-form request is addressed to sluss itself: its public address, or
/// a listen port on a loopback or listen address.
fn is_self(config: &Config, authority: &Authority) -> bool {
    if authority
        .as_str()
        .eq_ignore_ascii_case(&config.proxy.public_address)
    {
        return true;
    }
    let port = authority.port_u16().unwrap_or(80);
    let host = host_of(authority);
    let ip = host.parse::<IpAddr>().ok();
    config.proxy.listen.iter().any(|listen| {
        listen.port() == port
            && (host == "localhost" || ip.is_some_and(|ip| ip.is_loopback() || ip == listen.ip()))
    })
}
