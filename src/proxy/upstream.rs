//! Connections to upstream servers: TCP (with `[upstream.resolve]` overrides, destination
//! rules checked on every resolved address, each address tried in turn), TLS that
//! verifies certificates (webpki roots plus `extra_roots`), HTTP/2 when the server offers it,
//! and a connection pool (hyper-util's client).

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::combinators::UnsyncBoxBody;
use hyper::Uri;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::{Connected, Connection};
use hyper_util::rt::{TokioExecutor, TokioIo};
use rustls::pki_types::ServerName;
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

use super::destination::{Destinations, OwnSockets, Reason, classify, is_listener};

/// The body type sent upstream.
pub type UpstreamBody = UnsyncBoxBody<Bytes, hyper::Error>;

/// The pooled HTTP client used for every upstream request.
pub type UpstreamClient = Client<Connector, UpstreamBody>;

/// Opens TCP and TLS connections to upstream servers, only to destinations the rules allow.
#[derive(Clone)]
pub struct Connector {
    tls: TlsConnector,
    /// The same TLS config offering only HTTP/1.1, for WebSocket upgrades.
    tls_http1: TlsConnector,
    resolve: Arc<HashMap<String, SocketAddr>>,
    connect_timeout: Duration,
    destinations: Arc<Destinations>,
    own: Arc<OwnSockets>,
}

/// Why no upstream connection was opened.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// Every address of the host is a destination sluss does not connect to.
    #[error("{host} resolves to {addr}, a refused destination ({reason})")]
    Refused {
        /// The host as asked for.
        host: String,
        /// The (first) refused address.
        addr: SocketAddr,
        /// Why.
        reason: Reason,
    },
    /// Name resolution gave no address.
    #[error("no address for {0}")]
    NoAddress(String),
    /// Resolution and connecting together took longer than the connect timeout.
    #[error("connecting to {0} timed out")]
    Timeout(String),
    /// Resolution, connecting or TLS failed.
    #[error("{0}")]
    Io(#[from] io::Error),
}

impl ConnectError {
    /// The refusal inside an error chain (hyper wraps connector errors), if any.
    pub fn refusal<'a>(
        error: &'a (dyn std::error::Error + 'static),
    ) -> Option<(&'a str, SocketAddr, Reason)> {
        let mut current = Some(error);
        while let Some(e) = current {
            if let Some(ConnectError::Refused { host, addr, reason }) = e.downcast_ref() {
                return Some((host, *addr, *reason));
            }
            current = e.source();
        }
        None
    }
}

impl Connector {
    /// A connector with this TLS config, fixed addresses (`host:port` → address), timeout and
    /// destination rules.
    pub fn new(
        tls: rustls::ClientConfig,
        resolve: HashMap<String, SocketAddr>,
        connect_timeout: Duration,
        destinations: Arc<Destinations>,
        own: Arc<OwnSockets>,
    ) -> Connector {
        let mut http1 = tls.clone();
        http1.alpn_protocols = vec![b"http/1.1".to_vec()];
        Connector {
            tls: TlsConnector::from(Arc::new(tls)),
            tls_http1: TlsConnector::from(Arc::new(http1)),
            resolve: Arc::new(resolve),
            connect_timeout,
            destinations,
            own,
        }
    }

    /// The connect timeout (name resolution included).
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    /// Resolves `host:port` (a fixed address from `[upstream.resolve]`, else DNS) and keeps the
    /// addresses the destination rules allow, in the resolver's order. Connect to exactly these
    /// (with [`Connector::connect_to`]), never to a new lookup: that is what makes DNS
    /// rebinding useless.
    pub async fn resolve(&self, host: &str, port: u16) -> Result<Vec<SocketAddr>, ConnectError> {
        let key = format!("{}:{port}", host.to_ascii_lowercase());
        let listeners = self.own.listeners();
        if let Some(addr) = self.resolve.get(&key) {
            // IT chose this address; only a loop back into sluss itself is refused.
            if is_listener(*addr, self.own.is_own(addr.ip()), &listeners) {
                return Err(ConnectError::Refused {
                    host: host.to_string(),
                    addr: *addr,
                    reason: Reason::OwnListener,
                });
            }
            return Ok(vec![*addr]);
        }
        let found: Vec<SocketAddr> = tokio::net::lookup_host((host, port)).await?.collect();
        let mut refused = None;
        let mut allowed = Vec::with_capacity(found.len());
        for addr in found {
            let own = self.own.is_own(addr.ip());
            match classify(addr, &self.destinations, own, &listeners) {
                Ok(()) => allowed.push(addr),
                Err(reason) => {
                    refused.get_or_insert((addr, reason));
                }
            }
        }
        match (allowed.is_empty(), refused) {
            (false, _) => Ok(allowed),
            (true, Some((addr, reason))) => Err(ConnectError::Refused {
                host: host.to_string(),
                addr,
                reason,
            }),
            (true, None) => Err(ConnectError::NoAddress(host.to_string())),
        }
    }

    /// Connects to each of `addrs` in turn until one answers, all before `deadline` (each
    /// attempt gets an equal share of the time left).
    pub async fn connect_to(
        &self,
        host: &str,
        addrs: &[SocketAddr],
        deadline: tokio::time::Instant,
    ) -> Result<TcpStream, ConnectError> {
        let mut last = None;
        for (i, addr) in addrs.iter().enumerate() {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let share = left / u32::try_from(addrs.len() - i).unwrap_or(u32::MAX);
            match tokio::time::timeout(share, TcpStream::connect(addr)).await {
                Ok(Ok(stream)) => {
                    stream.set_nodelay(true)?;
                    return Ok(stream);
                }
                Ok(Err(e)) => last = Some(ConnectError::Io(e)),
                Err(_) => last = Some(ConnectError::Timeout(format!("{host} ({addr})"))),
            }
        }
        Err(last.unwrap_or_else(|| ConnectError::NoAddress(host.to_string())))
    }

    /// A TCP connection to `host:port`: resolution and every address tried, all within the
    /// connect timeout.
    pub async fn tcp(&self, host: &str, port: u16) -> Result<TcpStream, ConnectError> {
        let deadline = tokio::time::Instant::now() + self.connect_timeout;
        let addrs = tokio::time::timeout_at(deadline, self.resolve(host, port))
            .await
            .map_err(|_| ConnectError::Timeout(format!("{host}:{port}")))??;
        self.connect_to(host, &addrs, deadline).await
    }

    /// A new connection to the server of `uri` (TLS for `https`); `http1_only` offers only
    /// HTTP/1.1 in ALPN (WebSocket upgrades need it).
    pub async fn open(&self, uri: &Uri, http1_only: bool) -> Result<Upstream, ConnectError> {
        let host = uri
            .host()
            .ok_or_else(|| {
                io::Error::new(io::ErrorKind::InvalidInput, "no host in the upstream URI")
            })?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string();
        let https = uri.scheme_str() == Some("https");
        let port = uri.port_u16().unwrap_or(if https { 443 } else { 80 });
        let tcp = self.tcp(&host, port).await?;
        if !https {
            return Ok(Upstream::Plain(TokioIo::new(tcp)));
        }
        let name = ServerName::try_from(host.clone()).map_err(|_| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("invalid server name {host}"),
            )
        })?;
        let connector = if http1_only {
            &self.tls_http1
        } else {
            &self.tls
        };
        let tls = tokio::time::timeout(self.connect_timeout, connector.connect(name, tcp))
            .await
            .map_err(|_| ConnectError::Timeout(format!("TLS handshake with {host}")))??;
        Ok(Upstream::Tls(Box::new(TokioIo::new(tls))))
    }
}

impl tower_service::Service<Uri> for Connector {
    type Response = Upstream;
    type Error = ConnectError;
    type Future = Pin<Box<dyn Future<Output = Result<Upstream, ConnectError>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, uri: Uri) -> Self::Future {
        let connector = self.clone();
        Box::pin(async move { connector.open(&uri, false).await })
    }
}

/// A connection to an upstream server.
pub enum Upstream {
    /// Plain HTTP.
    Plain(TokioIo<TcpStream>),
    /// HTTPS.
    Tls(Box<TokioIo<TlsStream<TcpStream>>>),
}

impl Connection for Upstream {
    fn connected(&self) -> Connected {
        match self {
            Upstream::Plain(_) => Connected::new(),
            Upstream::Tls(io) => {
                let h2 = io.inner().get_ref().1.alpn_protocol() == Some(b"h2");
                if h2 {
                    Connected::new().negotiated_h2()
                } else {
                    Connected::new()
                }
            }
        }
    }
}

impl hyper::rt::Read for Upstream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: hyper::rt::ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Upstream::Plain(io) => Pin::new(io).poll_read(cx, buf),
            Upstream::Tls(io) => Pin::new(io.as_mut()).poll_read(cx, buf),
        }
    }
}

impl hyper::rt::Write for Upstream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Upstream::Plain(io) => Pin::new(io).poll_write(cx, buf),
            Upstream::Tls(io) => Pin::new(io.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Upstream::Plain(io) => Pin::new(io).poll_flush(cx),
            Upstream::Tls(io) => Pin::new(io.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Upstream::Plain(io) => Pin::new(io).poll_shutdown(cx),
            Upstream::Tls(io) => Pin::new(io.as_mut()).poll_shutdown(cx),
        }
    }
}

/// The pooled client over `connector`.
pub fn client(connector: Connector) -> UpstreamClient {
    Client::builder(TokioExecutor::new())
        .pool_idle_timeout(Duration::from_secs(90))
        .pool_max_idle_per_host(32)
        .build(connector)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn connector(timeout: Duration) -> Result<Connector, crate::tls::CaError> {
        let tls = crate::tls::upstream::client_config(&[])?;
        Ok(Connector::new(
            tls,
            HashMap::new(),
            timeout,
            Arc::new(Destinations::new(Vec::new(), Vec::new())),
            Arc::new(OwnSockets::new()),
        ))
    }

    #[tokio::test]
    async fn every_resolved_address_is_tried_in_turn() -> Result<(), Box<dyn std::error::Error>> {
        let live = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let dead = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?;
        let connector = connector(Duration::from_secs(5))?;
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        let stream = connector
            .connect_to("x.test", &[dead, live.local_addr()?], deadline)
            .await?;
        assert_eq!(stream.peer_addr()?, live.local_addr()?);
        let failed = connector.connect_to("x.test", &[dead], deadline).await;
        assert!(matches!(failed, Err(ConnectError::Io(_))));
        Ok(())
    }

    #[tokio::test]
    async fn names_are_resolved_and_checked_before_connecting()
    -> Result<(), Box<dyn std::error::Error>> {
        let connector = connector(Duration::from_secs(5))?;
        // `localhost` resolves (no network involved) to loopback only: refused, named.
        let refused = connector.resolve("localhost", 443).await;
        assert!(
            matches!(
                &refused,
                Err(ConnectError::Refused {
                    reason: Reason::Loopback,
                    ..
                })
            ),
            "{refused:?}"
        );
        let e = connector
            .tcp("localhost", 443)
            .await
            .err()
            .ok_or("connected")?;
        assert!(ConnectError::refusal(&e).is_some(), "{e}");
        Ok(())
    }
}
