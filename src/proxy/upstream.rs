//! Connections to upstream servers: TCP (with `[upstream.resolve]` overrides), TLS that
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

/// The body type sent upstream.
pub type UpstreamBody = UnsyncBoxBody<Bytes, hyper::Error>;

/// The pooled HTTP client used for every upstream request.
pub type UpstreamClient = Client<Connector, UpstreamBody>;

/// Opens TCP and TLS connections to upstream servers.
#[derive(Clone)]
pub struct Connector {
    tls: TlsConnector,
    /// The same TLS config offering only HTTP/1.1, for WebSocket upgrades.
    tls_http1: TlsConnector,
    resolve: Arc<HashMap<String, SocketAddr>>,
    connect_timeout: Duration,
}

impl Connector {
    /// A connector with this TLS config, fixed addresses (`host:port` → address) and timeout.
    pub fn new(
        tls: rustls::ClientConfig,
        resolve: HashMap<String, SocketAddr>,
        connect_timeout: Duration,
    ) -> Connector {
        let mut http1 = tls.clone();
        http1.alpn_protocols = vec![b"http/1.1".to_vec()];
        Connector {
            tls: TlsConnector::from(Arc::new(tls)),
            tls_http1: TlsConnector::from(Arc::new(http1)),
            resolve: Arc::new(resolve),
            connect_timeout,
        }
    }

    /// Resolves `host:port`: a fixed address from the config, else DNS.
    pub async fn address(&self, host: &str, port: u16) -> io::Result<SocketAddr> {
        let key = format!("{}:{port}", host.to_ascii_lowercase());
        if let Some(addr) = self.resolve.get(&key) {
            return Ok(*addr);
        }
        tokio::net::lookup_host((host, port))
            .await?
            .next()
            .ok_or_else(|| {
                io::Error::new(io::ErrorKind::NotFound, format!("no address for {host}"))
            })
    }

    /// A TCP connection to `host:port` within the connect timeout.
    pub async fn tcp(&self, host: &str, port: u16) -> io::Result<TcpStream> {
        let addr = self.address(host, port).await?;
        let stream = tokio::time::timeout(self.connect_timeout, TcpStream::connect(addr))
            .await
            .map_err(|_| {
                io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!("connecting to {host}:{port} timed out"),
                )
            })??;
        stream.set_nodelay(true)?;
        Ok(stream)
    }

    /// A new connection to the server of `uri` (TLS for `https`); `http1_only` offers only
    /// HTTP/1.1 in ALPN (WebSocket upgrades need it).
    pub async fn open(&self, uri: &Uri, http1_only: bool) -> io::Result<Upstream> {
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
            .map_err(|_| {
                io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!("TLS handshake with {host} timed out"),
                )
            })??;
        Ok(Upstream::Tls(Box::new(TokioIo::new(tls))))
    }
}

impl tower_service::Service<Uri> for Connector {
    type Response = Upstream;
    type Error = io::Error;
    type Future = Pin<Box<dyn Future<Output = io::Result<Upstream>> + Send>>;

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
