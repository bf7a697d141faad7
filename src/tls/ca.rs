//! The interception CA: generate (name-constrained to a [`NameScope`], or not), load
//! (refusing a key others can read), save, fingerprint.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, SerialNumber,
};
use ring::rand::SecureRandom;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use time::OffsetDateTime;

use super::scope::NameScope;

/// What went wrong with the CA, a leaf certificate or a trust store.
#[derive(Debug, thiserror::Error)]
pub enum CaError {
    /// A file could not be read or written.
    #[error("`{}`: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// The CA key file can be read by someone other than its owner.
    #[error(
        "CA key `{}` is readable by group or others (mode {mode:04o}); run chmod 600 {}",
        path.display(),
        path.display()
    )]
    Permissions {
        /// The key file.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// A file does not hold what it should.
    #[error("`{}`: {problem}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        problem: String,
    },
    /// The CA certificate has expired.
    #[error("CA certificate `{}` expired on {not_after}; create a new one with `sluss ca init --force`", path.display())]
    Expired {
        /// The certificate file.
        path: PathBuf,
        /// When it expired (RFC 3339).
        not_after: String,
    },
    /// Only one of the certificate and the key exists.
    #[error(
        "`{}` exists but `{}` does not; restore it, or remove both to have a new CA generated",
        present.display(),
        missing.display()
    )]
    Incomplete {
        /// The file that exists.
        present: PathBuf,
        /// The file that is missing.
        missing: PathBuf,
    },
    /// A host name that cannot be put in a certificate.
    #[error("`{0}` is not a valid DNS name or IP address")]
    InvalidHost(String),
    /// Generating a key or certificate failed.
    #[error("cannot generate certificate: {0}")]
    Generate(String),
    /// rustls refused a configuration.
    #[error("TLS configuration: {0}")]
    Tls(#[from] rustls::Error),
}

impl CaError {
    fn io(path: &Path) -> impl FnOnce(io::Error) -> CaError + '_ {
        move |source| CaError::Io {
            path: path.to_owned(),
            source,
        }
    }

    pub(crate) fn parse(path: &Path, problem: impl Into<String>) -> CaError {
        CaError::Parse {
            path: path.to_owned(),
            problem: problem.into(),
        }
    }

    pub(crate) fn generate(e: impl fmt::Display) -> CaError {
        CaError::Generate(e.to_string())
    }
}

/// The municipality's interception CA: its certificate and signing key.
pub struct Ca {
    cert_der: CertificateDer<'static>,
    cert_pem: String,
    issuer: Issuer<'static, KeyPair>,
    not_after: OffsetDateTime,
    scope: Option<NameScope>,
}

/// What sluss needs to know about a CA certificate.
struct CertFacts {
    is_ca: bool,
    not_after: OffsetDateTime,
    public_key: Vec<u8>,
    scope: Option<NameScope>,
}

impl Ca {
    /// Generates a new CA that may sign for any name (see [`Ca::generate_within`]).
    pub fn generate() -> Result<Ca, CaError> {
        Ca::generate_within(None)
    }

    /// Generates a new CA: ECDSA P-256, CN "sluss interception CA", path length 0, valid for
    /// ten years (from a day ago, to tolerate clients whose clock is behind), with critical
    /// name constraints limiting it to `scope` when one is given.
    pub fn generate_within(scope: Option<&NameScope>) -> Result<Ca, CaError> {
        let key =
            KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).map_err(CaError::generate)?;
        let now = OffsetDateTime::now_utc();
        let mut params = CertificateParams::default();
        params.distinguished_name = DistinguishedName::new();
        params
            .distinguished_name
            .push(DnType::CommonName, "sluss interception CA");
        params
            .distinguished_name
            .push(DnType::OrganizationName, "sluss");
        params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        params.not_before = now - time::Duration::days(1);
        // Ten Gregorian years: 3,652.4 days.
        params.not_after = now + time::Duration::days(3652);
        params.serial_number = Some(random_serial()?);
        params.name_constraints = scope.map(NameScope::constraints);
        let cert = params.self_signed(&key).map_err(CaError::generate)?;
        let facts = inspect(cert.der()).map_err(CaError::Generate)?;
        Ok(Ca {
            cert_der: cert.der().clone(),
            cert_pem: cert.pem(),
            issuer: Issuer::new(params, key),
            not_after: facts.not_after,
            scope: facts.scope,
        })
    }

    /// Loads a CA from PEM files. The key must be PKCS#8 and, on Unix, readable by its owner
    /// only; the certificate must be a CA certificate that has not expired and that matches the key.
    pub fn load(cert: &Path, key: &Path) -> Result<Ca, CaError> {
        let cert_text = fs::read(cert).map_err(CaError::io(cert))?;
        let key_text = read_private(key)?;
        let der = CertificateDer::from_pem_slice(&cert_text)
            .map_err(|e| CaError::parse(cert, format!("no PEM certificate: {e}")))?;
        let facts = inspect(&der).map_err(|p| CaError::parse(cert, p))?;
        if !facts.is_ca {
            return Err(CaError::parse(
                cert,
                "is not a CA certificate (no basicConstraints CA:TRUE)",
            ));
        }
        if facts.not_after < OffsetDateTime::now_utc() {
            return Err(CaError::Expired {
                path: cert.to_owned(),
                not_after: rfc3339(facts.not_after),
            });
        }
        let key_pair = parse_key(key, &key_text)?;
        if key_pair.public_key_raw() != facts.public_key.as_slice() {
            let problem = format!("is not the key of the certificate `{}`", cert.display());
            return Err(CaError::parse(key, problem));
        }
        let issuer = Issuer::from_ca_cert_der(&der, key_pair)
            .map_err(|e| CaError::parse(cert, e.to_string()))?;
        Ok(Ca {
            cert_pem: pem_certificate(&der),
            cert_der: der,
            issuer,
            not_after: facts.not_after,
            scope: facts.scope,
        })
    }

    /// Writes the certificate (mode 0644) and the key (mode 0600 from the moment it exists),
    /// each through a temporary file and a rename, creating parent directories as needed.
    pub fn save(&self, cert: &Path, key: &Path) -> Result<(), CaError> {
        write_atomically(key, self.issuer.key().serialize_pem().as_bytes(), 0o600)?;
        write_atomically(cert, self.cert_pem.as_bytes(), 0o644)
    }

    /// Loads the CA, or generates and saves one that may sign for any name when neither file
    /// exists (see [`Ca::load_or_generate_within`]).
    pub fn load_or_generate(cert: &Path, key: &Path) -> Result<(Ca, bool), CaError> {
        Ca::load_or_generate_within(cert, key, None)
    }

    /// Loads the CA, or generates and saves one (name-constrained to `scope` when given) when
    /// neither file exists (`created` is then true). One file without the other is an error:
    /// sluss never replaces half a CA.
    pub fn load_or_generate_within(
        cert: &Path,
        key: &Path,
        scope: Option<&NameScope>,
    ) -> Result<(Ca, bool), CaError> {
        let cert_exists = cert.try_exists().map_err(CaError::io(cert))?;
        let key_exists = key.try_exists().map_err(CaError::io(key))?;
        match (cert_exists, key_exists) {
            (true, true) => Ok((Ca::load(cert, key)?, false)),
            (false, false) => {
                let ca = Ca::generate_within(scope)?;
                ca.save(cert, key)?;
                Ok((ca, true))
            }
            (true, false) => Err(incomplete(cert, key)),
            (false, true) => Err(incomplete(key, cert)),
        }
    }

    /// The names the CA may sign for; `None` when it is not name-constrained.
    pub fn scope(&self) -> Option<&NameScope> {
        self.scope.as_ref()
    }

    /// The certificate in PEM.
    pub fn cert_pem(&self) -> &str {
        &self.cert_pem
    }

    /// The certificate in DER.
    pub fn cert_der(&self) -> &[u8] {
        &self.cert_der
    }

    /// SHA-256 of the DER certificate, as colon-separated upper-case hex (`AB:CD:…`).
    pub fn fingerprint_sha256(&self) -> String {
        let digest = ring::digest::digest(&ring::digest::SHA256, &self.cert_der);
        let hex: Vec<String> = digest.as_ref().iter().map(|b| format!("{b:02X}")).collect();
        hex.join(":")
    }

    /// End of the certificate's validity, RFC 3339 in UTC (`2036-05-01T12:00:00Z`).
    pub fn not_after(&self) -> String {
        rfc3339(self.not_after)
    }

    /// The issuer leaf certificates are signed with.
    pub(crate) fn issuer(&self) -> &Issuer<'static, KeyPair> {
        &self.issuer
    }

    /// End of validity, for clamping leaf lifetimes.
    pub(crate) fn not_after_time(&self) -> OffsetDateTime {
        self.not_after
    }
}

impl fmt::Debug for Ca {
    /// Never prints the key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ca")
            .field("fingerprint_sha256", &self.fingerprint_sha256())
            .field("not_after", &self.not_after())
            .finish_non_exhaustive()
    }
}

/// A random positive 127-bit serial number. Leaves share one key, and rcgen's default serial
/// is a hash of the public key: Firefox rejects two certificates with one issuer and serial.
pub(crate) fn random_serial() -> Result<SerialNumber, CaError> {
    let mut bytes = [0u8; 16];
    ring::rand::SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| CaError::Generate("the system random number generator failed".into()))?;
    // Positive, and no leading zero byte for DER to strip.
    bytes[0] = (bytes[0] & 0x7f) | 0x40;
    Ok(SerialNumber::from_slice(&bytes))
}

fn incomplete(present: &Path, missing: &Path) -> CaError {
    CaError::Incomplete {
        present: present.to_owned(),
        missing: missing.to_owned(),
    }
}

/// Reads a private key file, refusing it (on Unix) when group or others have any access.
fn read_private(path: &Path) -> Result<Vec<u8>, CaError> {
    let mut file = File::open(path).map_err(CaError::io(path))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The open file's metadata, so the file checked is the file read.
        let mode = file
            .metadata()
            .map_err(CaError::io(path))?
            .permissions()
            .mode()
            & 0o7777;
        if mode & 0o077 != 0 {
            return Err(CaError::Permissions {
                path: path.to_owned(),
                mode,
            });
        }
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(CaError::io(path))?;
    Ok(bytes)
}

/// Parses a PEM private key; ring signs only with PKCS#8 keys.
fn parse_key(path: &Path, pem: &[u8]) -> Result<KeyPair, CaError> {
    let der = PrivateKeyDer::from_pem_slice(pem)
        .map_err(|e| CaError::parse(path, format!("no PEM private key: {e}")))?;
    if !matches!(der, PrivateKeyDer::Pkcs8(_)) {
        return Err(CaError::parse(
            path,
            "is not a PKCS#8 key (\"BEGIN PRIVATE KEY\"); convert it with \
             `openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW`",
        ));
    }
    KeyPair::try_from(&der).map_err(|e| CaError::parse(path, format!("unusable private key: {e}")))
}

/// Reads the facts sluss checks from a DER certificate.
fn inspect(der: &[u8]) -> Result<CertFacts, String> {
    let (_, cert) = x509_parser::parse_x509_certificate(der)
        .map_err(|e| format!("not an X.509 certificate: {e}"))?;
    Ok(CertFacts {
        is_ca: cert.is_ca(),
        not_after: cert.validity().not_after.to_datetime(),
        public_key: cert.public_key().subject_public_key.data.to_vec(),
        scope: NameScope::of_certificate(&cert),
    })
}

/// The names the CA certificate at `cert` may sign for (`None`: any name), read from the
/// certificate alone (no key needed: for `sluss check`).
pub fn read_scope(cert: &Path) -> Result<Option<NameScope>, CaError> {
    let text = fs::read(cert).map_err(CaError::io(cert))?;
    let der = CertificateDer::from_pem_slice(&text)
        .map_err(|e| CaError::parse(cert, format!("no PEM certificate: {e}")))?;
    inspect(&der)
        .map(|facts| facts.scope)
        .map_err(|p| CaError::parse(cert, p))
}

/// The CA certificate at `cert`, read from the certificate alone (no key needed: for
/// `sluss ca bundle`); it must be a CA certificate.
pub fn read_certificate(cert: &Path) -> Result<CertificateDer<'static>, CaError> {
    let text = fs::read(cert).map_err(CaError::io(cert))?;
    let der = CertificateDer::from_pem_slice(&text)
        .map_err(|e| CaError::parse(cert, format!("no PEM certificate: {e}")))?;
    let facts = inspect(&der).map_err(|p| CaError::parse(cert, p))?;
    if !facts.is_ca {
        return Err(CaError::parse(
            cert,
            "is not a CA certificate (no basicConstraints CA:TRUE)",
        ));
    }
    Ok(der)
}

/// PEM for a DER certificate, with LF line endings.
pub(crate) fn pem_certificate(der: &[u8]) -> String {
    let block = pem::Pem::new("CERTIFICATE", der);
    pem::encode_config(
        &block,
        pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
    )
}

/// RFC 3339 in UTC, to the second.
fn rfc3339(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Writes `bytes` to a temporary file beside `path` with `mode`, then renames it over `path`,
/// so a crash never leaves a half-written file and a key is never briefly world-readable.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8], mode: u32) -> Result<(), CaError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(CaError::io(dir))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = write_new(&tmp, bytes, mode).and_then(|()| fs::rename(&tmp, path));
    if let Err(source) = written {
        // Best effort: the error that matters is the one reported below.
        let _ = fs::remove_file(&tmp);
        return Err(CaError::Io {
            path: path.to_owned(),
            source,
        });
    }
    Ok(())
}

/// Creates `path` (replacing a stale temporary file) with `mode` and writes `bytes` durably.
fn write_new(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
    let mut file = options.open(path)?;
    // The umask may have removed bits from the requested mode (it cannot add any).
    #[cfg(unix)]
    file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(mode))?;
    #[cfg(not(unix))]
    let _ = mode;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ca_is_a_p256_ca_valid_for_ten_years() -> Result<(), CaError> {
        let ca = Ca::generate()?;
        let (_, cert) =
            x509_parser::parse_x509_certificate(ca.cert_der()).map_err(CaError::generate)?;
        assert!(cert.is_ca());
        let bc = cert
            .basic_constraints()
            .ok()
            .flatten()
            .map(|e| e.value.path_len_constraint);
        assert_eq!(bc, Some(Some(0)));
        let ku = cert
            .key_usage()
            .ok()
            .flatten()
            .map(|e| (e.value.key_cert_sign(), e.value.crl_sign()));
        assert_eq!(ku, Some((true, true)));
        let subject = cert.subject().to_string();
        assert!(subject.contains("CN=sluss interception CA"), "{subject}");
        assert!(subject.contains("O=sluss"), "{subject}");
        let years = (cert.validity().not_after.to_datetime() - OffsetDateTime::now_utc())
            .whole_days()
            / 365;
        assert_eq!(years, 10);
        assert!(
            cert.validity().not_before.to_datetime()
                < OffsetDateTime::now_utc() - time::Duration::hours(23)
        );
        assert_eq!(
            ca.issuer().key().algorithm(),
            &rcgen::PKCS_ECDSA_P256_SHA256
        );
        Ok(())
    }

    #[test]
    fn fingerprint_is_colon_separated_upper_hex() -> Result<(), CaError> {
        let fp = Ca::generate()?.fingerprint_sha256();
        assert_eq!(fp.len(), 32 * 3 - 1);
        assert!(fp.split(':').all(|b| {
            b.len() == 2
                && b.chars()
                    .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        }));
        Ok(())
    }

    #[test]
    fn not_after_is_rfc3339_utc() -> Result<(), CaError> {
        let s = Ca::generate()?.not_after();
        assert_eq!(s.len(), "2036-05-01T12:00:00Z".len(), "{s}");
        assert!(s.ends_with('Z') && s.as_bytes()[10] == b'T', "{s}");
        Ok(())
    }

    #[test]
    fn debug_does_not_print_the_key() -> Result<(), CaError> {
        let ca = Ca::generate()?;
        let debug = format!("{ca:?}");
        assert!(debug.contains(&ca.fingerprint_sha256()));
        assert!(!debug.contains("PRIVATE"));
        Ok(())
    }

    #[test]
    fn serials_are_random_and_positive() -> Result<(), CaError> {
        let a = random_serial()?.to_bytes();
        let b = random_serial()?.to_bytes();
        assert_ne!(a, b);
        assert_eq!(a[0] & 0xc0, 0x40);
        Ok(())
    }
}
