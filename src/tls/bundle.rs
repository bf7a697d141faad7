//! A trust bundle for tools that take one file of roots: the system's roots plus the sluss CA.
//!
//! `SSL_CERT_FILE` (Python's httpx and so the OpenAI and Anthropic SDKs, OpenSSL, curl, Go,
//! rustls-native-certs) and `REQUESTS_CA_BUNDLE` (Python requests) *replace* a tool's roots:
//! set to the sluss CA alone, the tool trusts the AI services through sluss and nothing else.
//! The bundle is what they need instead: every root the system trusts, then the sluss CA.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;

use super::ca::{CaError, pem_certificate, write_atomically};

/// Why a bundle could not be made.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    /// The sluss CA certificate could not be read.
    #[error(transparent)]
    Ca(#[from] CaError),
    /// A roots file could not be read.
    #[error("cannot read the roots file {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// No system roots were found: a bundle of the CA alone would replace every tool's trust.
    #[error(
        "no system root certificates found{detail}; install the platform's CA certificates \
         (Debian: the ca-certificates package) or name a PEM file with --roots"
    )]
    NoSystemRoots {
        /// What the platform's store said, if anything.
        detail: String,
    },
}

/// The system's roots plus the sluss CA, as PEM.
#[derive(Debug)]
pub struct Bundle {
    /// The PEM text: the system roots (duplicates dropped), then the sluss CA.
    pub pem: String,
    /// How many system roots it holds (the sluss CA not counted).
    pub system_roots: usize,
}

impl Bundle {
    /// The bundle of `roots` (DER, in their order, duplicates and the CA itself dropped) and
    /// then `ca`, each as a PEM block; the CA's block is preceded by a comment naming it.
    pub fn new(
        ca: &CertificateDer<'_>,
        roots: &[CertificateDer<'_>],
    ) -> Result<Bundle, BundleError> {
        let mut seen: HashSet<&[u8]> = HashSet::from([ca.as_ref()]);
        let mut pem = String::new();
        let mut system_roots = 0;
        for root in roots {
            if seen.insert(root.as_ref()) {
                pem.push_str(&pem_certificate(root));
                system_roots += 1;
            }
        }
        if system_roots == 0 {
            return Err(BundleError::NoSystemRoots {
                detail: String::new(),
            });
        }
        pem.push_str("# sluss interception CA\n");
        pem.push_str(&pem_certificate(ca));
        Ok(Bundle { pem, system_roots })
    }

    /// Writes the bundle to `path` (mode 0644) through a temporary file and a rename, so a
    /// tool never reads half a bundle.
    pub fn write(&self, path: &Path) -> Result<(), BundleError> {
        write_atomically(path, self.pem.as_bytes(), 0o644).map_err(BundleError::Ca)
    }
}

/// The roots the platform trusts (rustls-native-certs: on Linux the distribution's bundle,
/// e.g. `/etc/ssl/certs/ca-certificates.crt`, or `$SSL_CERT_FILE`/`$SSL_CERT_DIR` when set;
/// the system store on Windows and macOS).
pub fn system_roots() -> Result<Vec<CertificateDer<'static>>, BundleError> {
    let found = rustls_native_certs::load_native_certs();
    if found.certs.is_empty() {
        let detail = found
            .errors
            .iter()
            .map(|e| format!(" ({e})"))
            .collect::<String>();
        return Err(BundleError::NoSystemRoots { detail });
    }
    Ok(found.certs)
}

/// The certificates of a PEM file (other blocks and text between them are skipped).
pub fn roots_from_file(path: &Path) -> Result<Vec<CertificateDer<'static>>, BundleError> {
    let bytes = std::fs::read(path).map_err(|source| BundleError::Read {
        path: path.to_owned(),
        source,
    })?;
    Ok(CertificateDer::pem_slice_iter(&bytes)
        .filter_map(Result::ok)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tls::Ca;

    fn count_blocks(pem: &str) -> usize {
        pem.matches("-----BEGIN CERTIFICATE-----").count()
    }

    #[test]
    fn roots_come_first_without_duplicates_and_the_ca_last()
    -> Result<(), Box<dyn std::error::Error>> {
        let ca = Ca::generate()?;
        let (a, b) = (Ca::generate()?, Ca::generate()?);
        let ca_der = CertificateDer::from(ca.cert_der().to_vec());
        let a_der = CertificateDer::from(a.cert_der().to_vec());
        let b_der = CertificateDer::from(b.cert_der().to_vec());
        let roots = [a_der.clone(), b_der.clone(), a_der, ca_der.clone()];
        let bundle = Bundle::new(&ca_der, &roots)?;
        assert_eq!(bundle.system_roots, 2);
        assert_eq!(count_blocks(&bundle.pem), 3);
        assert!(bundle.pem.starts_with(&pem_certificate(a.cert_der())));
        assert!(bundle.pem.ends_with(&pem_certificate(ca.cert_der())));
        Ok(())
    }

    #[test]
    fn a_bundle_of_the_ca_alone_is_refused() -> Result<(), Box<dyn std::error::Error>> {
        let ca = Ca::generate()?;
        let der = CertificateDer::from(ca.cert_der().to_vec());
        assert!(matches!(
            Bundle::new(&der, std::slice::from_ref(&der)),
            Err(BundleError::NoSystemRoots { .. })
        ));
        Ok(())
    }
}
