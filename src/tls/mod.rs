//! TLS for interception: the municipality's CA, per-host leaf certificates, upstream trust.
//!
//! ```text
//! NameScope::of_register(&register)         -> NameScope              what the CA may sign for
//! Ca::load_or_generate_within(cert, key, scope) -> (Ca, created)      sluss ca init / run
//! LeafCache::server_config(host).await      -> Arc<ServerConfig>      client-facing TLS
//! upstream::client_config(&extra_roots)     -> ClientConfig           upstream-facing TLS
//! bundle::Bundle::new(&ca, &system_roots)   -> Bundle                 sluss ca bundle
//! ```
//!
//! One crypto provider, *ring*, is passed explicitly to every rustls builder; nothing is
//! installed process-wide.

pub mod bundle;
pub mod ca;
pub mod leaf;
pub mod scope;
pub mod upstream;

pub use ca::{Ca, CaError};
pub use leaf::LeafCache;
pub use scope::NameScope;
pub use upstream::client_config;

use std::sync::Arc;

/// ALPN protocols offered on both sides of an intercepted connection, in preference order.
pub const ALPN: [&[u8]; 2] = [b"h2", b"http/1.1"];

/// The crypto provider every sluss TLS config is built with.
pub fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// [`ALPN`] as the owned list rustls configs take.
fn alpn() -> Vec<Vec<u8>> {
    ALPN.iter().map(|p| p.to_vec()).collect()
}
