//! Trust for connections to upstream servers: the public web roots plus configured extra CAs.

use std::fs;
use std::path::{Path, PathBuf};

use rustls::{ClientConfig, RootCertStore};
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;

use super::ca::CaError;

/// A rustls client config for upstream connections: the webpki (Mozilla) roots plus every PEM
/// certificate in `extra_roots` (a file may hold several; an unreadable file, or one without a
/// certificate, is an error naming it); ALPN `h2`, `http/1.1`.
pub fn client_config(extra_roots: &[PathBuf]) -> Result<ClientConfig, CaError> {
    let mut roots = RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    for path in extra_roots {
        add_pem_file(&mut roots, path)?;
    }
    let mut config = ClientConfig::builder_with_provider(super::provider())
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = super::alpn();
    Ok(config)
}

/// Adds every certificate in a PEM file to `roots`.
fn add_pem_file(roots: &mut RootCertStore, path: &Path) -> Result<(), CaError> {
    let pem = fs::read(path).map_err(|source| CaError::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut added = 0usize;
    for cert in CertificateDer::pem_slice_iter(&pem) {
        let cert = cert.map_err(|e| CaError::parse(path, format!("bad PEM: {e}")))?;
        roots
            .add(cert)
            .map_err(|e| CaError::parse(path, format!("certificate {}: {e}", added + 1)))?;
        added += 1;
    }
    if added == 0 {
        return Err(CaError::parse(path, "contains no PEM certificate"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_roots_and_alpn() -> Result<(), CaError> {
        let config = client_config(&[])?;
        assert_eq!(
            config.alpn_protocols,
            vec![b"h2".to_vec(), b"http/1.1".to_vec()]
        );
        Ok(())
    }
}
