//! Signed checkpoints: an entry of the chain, written every N records, every few minutes, at
//! start and at shutdown, that states "the chain ended here at this time" under an Ed25519
//! signature. A copy sent off the machine (syslog) proves later where the log ended: a log cut
//! back or rewritten after it no longer holds it, and nobody without the signing key can make
//! a new one.
//!
//! ```text
//! {"@timestamp":"2026-11-22T10:15:00.123Z",
//!  "event":{"kind":"state","action":"checkpoint","reason":"records"},
//!  "sluss":{"checkpoint":{"key":"ed25519:<public key hex>","signature":"<hex>"}},
//!  "prev_hash":"…","hash":"…"}
//! ```
//! The signature covers `sluss-audit-checkpoint-v1 <@timestamp> <prev_hash>`: the time and the
//! hash of the entry before it. The checkpoint itself is chained like a record (its `hash` is
//! the HMAC of its line), so removing one breaks the chain.
//!
//! The signing key is a PKCS#8 file (PEM, mode 0600) named by `[audit] signing_key_file`;
//! its public key is written beside it as `<file>.pub` (`ed25519:<hex>`), which is all a
//! verifier needs.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use ring::rand::SystemRandom;
use ring::signature::{self, Ed25519KeyPair, KeyPair, UnparsedPublicKey};
use serde::{Deserialize, Serialize};

use super::AuditError;
use super::chain::hex;

/// The label the signed text starts with.
const LABEL: &str = "sluss-audit-checkpoint-v1";

/// The signature part of a checkpoint line (`sluss.checkpoint`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seal {
    /// `ed25519:` and the public key in hex.
    pub key: String,
    /// The signature in hex.
    pub signature: String,
}

/// A checkpoint line without its `hash` (the writer seals it).
#[derive(Serialize)]
pub(crate) struct Line<'a> {
    #[serde(rename = "@timestamp")]
    pub timestamp: &'a str,
    pub event: Event<'a>,
    pub sluss: Body<'a>,
    pub prev_hash: &'a str,
}

/// `event` of a checkpoint line.
#[derive(Serialize)]
pub(crate) struct Event<'a> {
    pub kind: &'static str,
    pub action: &'static str,
    pub reason: &'a str,
}

/// `sluss` of a checkpoint line.
#[derive(Serialize)]
pub(crate) struct Body<'a> {
    pub checkpoint: &'a Seal,
}

/// The text a checkpoint signs.
fn message(timestamp: &str, prev_hash: &str) -> String {
    format!("{LABEL} {timestamp} {prev_hash}")
}

/// The Ed25519 key that signs checkpoints. `Debug` prints only the public key.
pub struct Signer {
    pair: Ed25519KeyPair,
    public: PublicKey,
}

impl Signer {
    /// Loads the key from `path`, or creates it (mode 0600, with `<path>.pub` beside it).
    /// An existing file that group or others may read is refused.
    pub fn load_or_create(path: &Path) -> Result<Signer, AuditError> {
        match File::open(path) {
            Ok(file) => read_signer(file, path),
            Err(e) if e.kind() == io::ErrorKind::NotFound => create_signer(path),
            Err(e) => Err(AuditError::io("open", path, e)),
        }
    }

    /// Loads an existing key (`sluss check`): refused like [`Signer::load_or_create`] refuses
    /// it, but nothing is created or written.
    pub fn load(path: &Path) -> Result<Signer, AuditError> {
        let mut file = File::open(path).map_err(|e| AuditError::io("open", path, e))?;
        super::key::check_private(&file, path)?;
        let mut text = String::new();
        file.read_to_string(&mut text)
            .map_err(|e| AuditError::io("read", path, e))?;
        parse_signer(&text, path)
    }

    /// A fresh key held only in memory (tests).
    pub fn generate() -> Result<Signer, AuditError> {
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new())
            .map_err(|_| AuditError::Random("Ed25519 key generation failed".into()))?;
        Signer::from_pkcs8(pkcs8.as_ref(), Path::new("<memory>"))
    }

    fn from_pkcs8(der: &[u8], path: &Path) -> Result<Signer, AuditError> {
        let pair = Ed25519KeyPair::from_pkcs8(der).map_err(|e| AuditError::SigningKey {
            path: path.into(),
            problem: format!("not an Ed25519 PKCS#8 key ({e})"),
        })?;
        let mut public = [0u8; 32];
        public.copy_from_slice(pair.public_key().as_ref());
        Ok(Signer {
            pair,
            public: PublicKey(public),
        })
    }

    /// The public key.
    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }

    /// The seal of a checkpoint at `timestamp` after the entry `prev_hash`.
    pub fn seal(&self, timestamp: &str, prev_hash: &str) -> Seal {
        let signature = self.pair.sign(message(timestamp, prev_hash).as_bytes());
        Seal {
            key: self.public.to_string(),
            signature: hex(signature.as_ref()),
        }
    }
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signer({})", self.public)
    }
}

/// An Ed25519 public key that checks checkpoints; written and read as `ed25519:<64 hex>`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct PublicKey([u8; 32]);

impl PublicKey {
    /// Parses `ed25519:<64 hex>` (white space around it ignored).
    pub fn parse(text: &str) -> Option<PublicKey> {
        let hex_part = text.trim().strip_prefix("ed25519:")?;
        let bytes = parse_hex(hex_part)?;
        Some(PublicKey(bytes.try_into().ok()?))
    }

    /// Reads `<signing key>.pub`; `Ok(None)` when there is none.
    pub fn load_beside(signing_key: &Path) -> Result<Option<PublicKey>, AuditError> {
        let path = public_path(signing_key);
        match fs::read_to_string(&path) {
            Ok(text) => PublicKey::parse(&text)
                .map(Some)
                .ok_or_else(|| AuditError::SigningKey {
                    path,
                    problem: "not `ed25519:` and 64 hex digits".into(),
                }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(AuditError::io("read", path, e)),
        }
    }

    /// Whether `seal` is this key's signature of a checkpoint at `timestamp` after
    /// `prev_hash`.
    pub fn verifies(&self, seal: &Seal, timestamp: &str, prev_hash: &str) -> bool {
        if seal.key != self.to_string() {
            return false;
        }
        let Some(signature) = parse_hex(&seal.signature) else {
            return false;
        };
        UnparsedPublicKey::new(&signature::ED25519, &self.0)
            .verify(message(timestamp, prev_hash).as_bytes(), &signature)
            .is_ok()
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ed25519:{}", hex(&self.0))
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// `<signing key>.pub`.
pub fn public_path(signing_key: &Path) -> PathBuf {
    let mut name = signing_key.as_os_str().to_owned();
    name.push(".pub");
    PathBuf::from(name)
}

/// A checkpoint as copied elsewhere (a syslog message or a stored line): its time, the hash
/// before it, its own hash and its seal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Copy {
    /// `@timestamp` as written.
    pub timestamp: String,
    /// The entry before it.
    pub prev_hash: String,
    /// Its own hash.
    pub hash: String,
    /// Its seal.
    pub seal: Seal,
}

impl Copy {
    /// The checkpoint in `text`: a stored line, or a syslog message whose message part is one
    /// (the JSON from the first `{`). `None` when it holds no checkpoint.
    pub fn parse(text: &str) -> Option<Copy> {
        let json = &text[text.find('{')?..];
        let link = super::chain::parse_link(json.trim_end().as_bytes()).ok()?;
        let seal = link.checkpoint()?.clone();
        Some(Copy {
            timestamp: link.timestamp.clone()?,
            prev_hash: link.prev_hash,
            hash: link.hash,
            seal,
        })
    }

    /// Whether `key` signed it.
    pub fn verifies(&self, key: &PublicKey) -> bool {
        key.verifies(&self.seal, &self.timestamp, &self.prev_hash)
    }
}

fn read_signer(mut file: File, path: &Path) -> Result<Signer, AuditError> {
    super::key::check_private(&file, path)?;
    let mut text = String::new();
    file.read_to_string(&mut text)
        .map_err(|e| AuditError::io("read", path, e))?;
    let signer = parse_signer(&text, path)?;
    if PublicKey::load_beside(path)?.is_none() {
        write_public(path, signer.public_key())?;
    }
    Ok(signer)
}

/// The key in a PEM file's text.
fn parse_signer(text: &str, path: &Path) -> Result<Signer, AuditError> {
    let block = pem::parse(text.trim()).map_err(|e| AuditError::SigningKey {
        path: path.into(),
        problem: format!("not a PEM file ({e})"),
    })?;
    Signer::from_pkcs8(block.contents(), path)
}

/// Creates a new key file (mode 0600, never replacing one) and its `.pub`.
fn create_signer(path: &Path) -> Result<Signer, AuditError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| AuditError::io("create directory", dir, e))?;
    }
    let pkcs8 = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new())
        .map_err(|_| AuditError::Random("Ed25519 key generation failed".into()))?;
    let signer = Signer::from_pkcs8(pkcs8.as_ref(), path)?;
    let text = pem::encode(&pem::Pem::new("PRIVATE KEY", pkcs8.as_ref().to_vec()));
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = match options.open(path) {
        Ok(file) => file,
        // Another process created it first: use that one.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Signer::load_or_create(path);
        }
        Err(e) => return Err(AuditError::io("create", path, e)),
    };
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| AuditError::io("write", path, e))?;
    write_public(path, signer.public_key())?;
    Ok(signer)
}

fn write_public(signing_key: &Path, public: &PublicKey) -> Result<(), AuditError> {
    let path = public_path(signing_key);
    fs::write(&path, format!("{public}\n")).map_err(|e| AuditError::io("write", path, e))
}

fn parse_hex(text: &str) -> Option<Vec<u8>> {
    let digits = text.as_bytes();
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    digits
        .chunks_exact(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seal_verifies_only_for_its_time_hash_and_key() -> Result<(), AuditError> {
        let signer = Signer::generate()?;
        let other = Signer::generate()?;
        let prev = "ab".repeat(32);
        let seal = signer.seal("2026-11-22T10:15:00.123Z", &prev);
        let key = *signer.public_key();
        assert!(key.verifies(&seal, "2026-11-22T10:15:00.123Z", &prev));
        assert!(!key.verifies(&seal, "2026-11-22T10:15:00.124Z", &prev));
        assert!(!key.verifies(&seal, "2026-11-22T10:15:00.123Z", &"cd".repeat(32)));
        assert!(
            !other
                .public_key()
                .verifies(&seal, "2026-11-22T10:15:00.123Z", &prev)
        );
        assert_eq!(PublicKey::parse(&key.to_string()), Some(key));
        assert_eq!(PublicKey::parse("ed25519:abc"), None);
        Ok(())
    }
}
