//! TLS for the admin listener (`[admin] cert` and `key`): the review page shows who was
//! stopped, so it should not cross a network in clear.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

/// Why the admin listener's certificate or key cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("admin TLS {}: {problem}", path.display())]
pub struct TlsError {
    /// The file.
    pub path: PathBuf,
    /// What is wrong.
    pub problem: String,
}

/// A server config (TLS 1.2 and 1.3, HTTP/1.1) for the certificate chain in `cert` and the
/// key in `key`; a key file that group or others may read is refused.
pub fn server_config(cert: &Path, key: &Path) -> Result<Arc<rustls::ServerConfig>, TlsError> {
    let error = |path: &Path, problem: String| TlsError {
        path: path.to_path_buf(),
        problem,
    };
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
        .map_err(|e| error(cert, e.to_string()))?
        .collect::<Result<_, _>>()
        .map_err(|e| error(cert, e.to_string()))?;
    if certs.is_empty() {
        return Err(error(cert, "no certificate in the file".into()));
    }
    check_private(key).map_err(|problem| error(key, problem))?;
    let private = PrivateKeyDer::from_pem_file(key).map_err(|e| error(key, e.to_string()))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| error(cert, e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(certs, private)
        .map_err(|e| error(key, format!("does not fit the certificate: {e}")))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// Refuses a key that group or others may read.
fn check_private(key: &Path) -> Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(key)
            .map_err(|e| e.to_string())?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(format!(
                "readable by group or others (mode {:o}); run `chmod 600` on it",
                mode & 0o777
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = key;
    Ok(())
}
