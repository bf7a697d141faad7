//! Leaf certificates for intercepted hosts, minted on demand and cached per host.
//!
//! All leaves share one ECDSA P-256 key generated at start-up, so a mint is one CA signature
//! (tens of µs) and a full handshake one ECDSA signature. Configs are cached per host, re-minted
//! when a quarter of their validity is left, and evicted least recently used first. Concurrent
//! misses for one host wait on one mint.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use rcgen::{
    CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, KeyPair,
    KeyUsagePurpose, SanType,
};
use rustls::ServerConfig;
use rustls::crypto::CryptoProvider;
use rustls::sign::{CertifiedKey, SigningKey, SingleCertAndKey};
use rustls_pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use time::OffsetDateTime;
use tokio::sync::OnceCell;
// Tokio's clock: the same as the system's, except that tests can pause and advance it.
use tokio::time::Instant;

use super::ca::{Ca, CaError, random_serial};

/// Per-host rustls server configs with leaves signed by the CA.
pub struct LeafCache {
    ca: Arc<Ca>,
    validity: Duration,
    capacity: usize,
    provider: Arc<CryptoProvider>,
    /// The leaf key as rcgen sees it (its public half goes into every leaf).
    key: KeyPair,
    /// The same key as rustls sees it (it signs every handshake).
    signer: Arc<dyn SigningKey>,
    slots: Mutex<Slots>,
    mints: AtomicU64,
}

/// The cache proper, behind one mutex held only for a map lookup.
#[derive(Default)]
struct Slots {
    map: HashMap<String, Slot>,
    /// Incremented on every use; a slot's `used` is the tick of its last use.
    tick: u64,
}

struct Slot {
    /// Shared by every caller that asks while the leaf is being minted.
    cell: Arc<OnceCell<Leaf>>,
    used: u64,
}

#[derive(Clone)]
struct Leaf {
    config: Arc<ServerConfig>,
    /// When three quarters of the validity have passed; `None` if that is beyond `Instant`.
    renew_at: Option<Instant>,
}

impl Leaf {
    fn is_due(&self, now: Instant) -> bool {
        self.renew_at.is_some_and(|at| now >= at)
    }
}

/// A host as it goes into a certificate.
struct Host {
    /// Cache key: lower case, no brackets around IPv6, no trailing dot.
    key: String,
    san: SanType,
}

impl LeafCache {
    /// A cache for up to `capacity` hosts (at least 1) whose leaves are valid for `validity`
    /// (never past the CA's own expiry). Generates the one leaf key all leaves share.
    pub fn new(ca: Arc<Ca>, validity: Duration, capacity: usize) -> Result<LeafCache, CaError> {
        let key =
            KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).map_err(CaError::generate)?;
        let provider = super::provider();
        let der = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
        let signer = provider.key_provider.load_private_key(der)?;
        Ok(LeafCache {
            ca,
            validity,
            capacity: capacity.max(1),
            provider,
            key,
            signer,
            slots: Mutex::new(Slots::default()),
            mints: AtomicU64::new(0),
        })
    }

    /// A rustls server config presenting a leaf for `host` (DNS name or IP literal, IPv6 with
    /// or without brackets) signed by the CA, with ALPN `h2`, `http/1.1`. Cached per host;
    /// concurrent calls for a host that is not cached mint once.
    pub async fn server_config(&self, host: &str) -> Result<Arc<ServerConfig>, CaError> {
        let host = parse_host(host)?;
        let cell = self.slot(&host.key);
        let leaf = cell
            .get_or_try_init(|| async {
                let started = Instant::now();
                let config = self.mint_for(&host)?;
                let renew_at = started.checked_add(self.validity - self.validity / 4);
                Ok::<_, CaError>(Leaf {
                    config: Arc::new(config),
                    renew_at,
                })
            })
            .await?;
        Ok(Arc::clone(&leaf.config))
    }

    /// Mints a leaf for `host` and builds its server config, bypassing the cache.
    pub fn mint(&self, host: &str) -> Result<ServerConfig, CaError> {
        self.mint_for(&parse_host(host)?)
    }

    /// Signs a leaf certificate for `host` (DER) without caching it or building a config: for
    /// checks and tests (a CA that is name-constrained signs any name; clients judge it).
    pub fn certificate(
        &self,
        host: &str,
    ) -> Result<rustls_pki_types::CertificateDer<'static>, CaError> {
        self.sign_leaf(&parse_host(host)?)
    }

    /// Number of leaves minted so far.
    pub fn mints(&self) -> u64 {
        self.mints.load(Ordering::Relaxed)
    }

    /// The cell for `key`: the cached one, a fresh one if the cached leaf is due for renewal,
    /// or a new one (evicting the least recently used host when full).
    fn slot(&self, key: &str) -> Arc<OnceCell<Leaf>> {
        // A panic elsewhere cannot leave the map inconsistent: every update below is one call.
        let mut slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
        slots.tick += 1;
        let tick = slots.tick;
        if let Some(slot) = slots.map.get_mut(key) {
            if slot
                .cell
                .get()
                .is_some_and(|leaf| leaf.is_due(Instant::now()))
            {
                slot.cell = Arc::new(OnceCell::new());
            }
            slot.used = tick;
            return Arc::clone(&slot.cell);
        }
        if slots.map.len() >= self.capacity {
            slots.evict_least_recently_used();
        }
        let cell = Arc::new(OnceCell::new());
        let slot = Slot {
            cell: Arc::clone(&cell),
            used: tick,
        };
        slots.map.insert(key.to_owned(), slot);
        cell
    }

    fn mint_for(&self, host: &Host) -> Result<ServerConfig, CaError> {
        let cert = self.sign_leaf(host)?;
        let certified = CertifiedKey::new(vec![cert], Arc::clone(&self.signer));
        let mut config = ServerConfig::builder_with_provider(Arc::clone(&self.provider))
            .with_safe_default_protocol_versions()?
            .with_no_client_auth()
            .with_cert_resolver(Arc::new(SingleCertAndKey::from(certified)));
        config.alpn_protocols = super::alpn();
        self.mints.fetch_add(1, Ordering::Relaxed);
        Ok(config)
    }

    /// The leaf certificate: SAN = host, serverAuth, from an hour ago (client clock skew)
    /// to `validity` from now.
    fn sign_leaf(&self, host: &Host) -> Result<rustls_pki_types::CertificateDer<'static>, CaError> {
        let now = OffsetDateTime::now_utc();
        let ca_end = self.ca.not_after_time();
        let lifetime = time::Duration::try_from(self.validity).unwrap_or(time::Duration::MAX);
        let mut params = CertificateParams::default();
        params.distinguished_name = DistinguishedName::new();
        // X.509 caps a common name at 64 characters; clients read only the SAN anyway.
        if host.key.len() <= 64 {
            params
                .distinguished_name
                .push(DnType::CommonName, host.key.as_str());
        }
        params.subject_alt_names = vec![host.san.clone()];
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        params.not_before = now - time::Duration::hours(1);
        params.not_after = now
            .checked_add(lifetime)
            .map_or(ca_end, |end| end.min(ca_end));
        params.serial_number = Some(random_serial()?);
        params.use_authority_key_identifier_extension = true;
        let cert = params
            .signed_by(&self.key, self.ca.issuer())
            .map_err(CaError::generate)?;
        Ok(cert.der().clone())
    }
}

impl Slots {
    fn evict_least_recently_used(&mut self) {
        // A linear scan, only on a miss: capacity is about a thousand and a mint costs more.
        let oldest = self
            .map
            .iter()
            .min_by_key(|(_, slot)| slot.used)
            .map(|(k, _)| k.clone());
        if let Some(key) = oldest {
            self.map.remove(&key);
        }
    }
}

/// Validates and normalises a host for the cache key and the SAN.
fn parse_host(host: &str) -> Result<Host, CaError> {
    let invalid = || CaError::InvalidHost(host.to_owned());
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    let bare = bare.strip_suffix('.').unwrap_or(bare).to_ascii_lowercase();
    if let Ok(ip) = bare.parse::<IpAddr>() {
        return Ok(Host {
            key: ip.to_string(),
            san: SanType::IpAddress(ip),
        });
    }
    // rustls's check is the one clients apply; rcgen's only checks the character set.
    rustls_pki_types::DnsName::try_from(bare.as_str()).map_err(|_| invalid())?;
    let name = bare.clone().try_into().map_err(|_| invalid())?;
    Ok(Host {
        key: bare,
        san: SanType::DnsName(name),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_normalised() -> Result<(), CaError> {
        assert_eq!(parse_host("API.Example.TEST.")?.key, "api.example.test");
        assert_eq!(parse_host("[::1]")?.key, "::1");
        assert_eq!(parse_host("127.0.0.1")?.key, "127.0.0.1");
        assert!(matches!(
            parse_host("127.0.0.1")?.san,
            SanType::IpAddress(_)
        ));
        Ok(())
    }

    #[test]
    fn invalid_hosts_are_refused() {
        for host in ["", "a b.test", "exa_mple..test", "[::1", "host/path"] {
            assert!(
                matches!(parse_host(host), Err(CaError::InvalidHost(_))),
                "{host:?}"
            );
        }
    }

    #[test]
    fn leaf_has_san_eku_and_short_validity() -> Result<(), CaError> {
        let ca = Arc::new(Ca::generate()?);
        let cache = LeafCache::new(ca, Duration::from_secs(24 * 3600), 10)?;
        let der = cache.sign_leaf(&parse_host("api.example.test")?)?;
        let (_, cert) = x509_parser::parse_x509_certificate(&der).map_err(CaError::generate)?;
        assert!(!cert.is_ca());
        let san = cert
            .subject_alternative_name()
            .ok()
            .flatten()
            .map(|e| format!("{:?}", e.value.general_names));
        assert_eq!(san.as_deref(), Some("[DNSName(\"api.example.test\")]"));
        let eku = cert
            .extended_key_usage()
            .ok()
            .flatten()
            .map(|e| e.value.server_auth);
        assert_eq!(eku, Some(true));
        let validity =
            cert.validity().not_after.to_datetime() - cert.validity().not_before.to_datetime();
        assert_eq!(validity.whole_hours(), 25);
        assert_eq!(cache.mints(), 0, "sign_leaf alone is not a mint");
        Ok(())
    }

    #[test]
    fn leaves_for_one_host_have_different_serials() -> Result<(), CaError> {
        let cache = LeafCache::new(Arc::new(Ca::generate()?), Duration::from_secs(3600), 10)?;
        let host = parse_host("api.example.test")?;
        let serial = |der: &[u8]| -> Result<Vec<u8>, CaError> {
            let (_, cert) = x509_parser::parse_x509_certificate(der).map_err(CaError::generate)?;
            Ok(cert.raw_serial().to_vec())
        };
        let a = serial(&cache.sign_leaf(&host)?)?;
        let b = serial(&cache.sign_leaf(&host)?)?;
        assert_ne!(a, b);
        Ok(())
    }

    #[test]
    fn leaf_never_outlives_the_ca() -> Result<(), CaError> {
        let ca = Arc::new(Ca::generate()?);
        let ca_end = ca.not_after_time();
        let cache = LeafCache::new(ca, Duration::from_secs(100 * 365 * 24 * 3600), 10)?;
        let der = cache.sign_leaf(&parse_host("api.example.test")?)?;
        let (_, cert) = x509_parser::parse_x509_certificate(&der).map_err(CaError::generate)?;
        assert!(cert.validity().not_after.to_datetime() <= ca_end);
        Ok(())
    }
}
