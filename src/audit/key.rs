//! The secret audit key: 32 random bytes in a file of mode 0600, for keyed hashes of values.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::AuditError;
use super::chain::hex;

/// The key that [`AuditKey::key_hash`] hashes values with, so that two incidents with the same
/// value can be linked without storing the value. Losing it only stops the linking of new
/// records with old ones; leaking it allows confirming a guessed value, so it is kept apart
/// from the log.
///
/// The file holds the 32 bytes as 64 lower-case hex digits and a newline. `Debug` prints
/// nothing secret.
#[derive(Clone)]
pub struct AuditKey {
    mac: Hmac<Sha256>,
}

impl AuditKey {
    /// Loads the key from `path`, or creates it there (and its parent directories) with 32
    /// random bytes if it does not exist.
    ///
    /// On Unix a new file has mode 0600 from its creation, and an existing file that group or
    /// others may read or write is refused ([`AuditError::KeyPermissions`]). Creation writes a
    /// temporary file and links it into place, so a crash never leaves a half-written key and
    /// two processes starting at once end up with the same key.
    pub fn load_or_create(path: &Path) -> Result<AuditKey, AuditError> {
        match read_key_file(path) {
            Err(AuditError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
                create_key_file(path)?;
                read_key_file(path)
            }
            other => other,
        }
    }

    /// Loads an existing key from `path` (never creates one: `sluss logs` reads, it does not
    /// start a new log).
    pub fn load(path: &Path) -> Result<AuditKey, AuditError> {
        read_key_file(path)
    }

    /// The key the hash chain is keyed with: derived from this key with a label of its own,
    /// so that a record's `hash` and a finding's `key_hash` never share a key.
    pub fn chain_key(&self) -> ChainKey {
        let mut mac = self.mac.clone();
        mac.update(b"sluss audit chain v2");
        let derived: [u8; 32] = mac.finalize().into_bytes().into();
        ChainKey {
            mac: <Hmac<Sha256> as KeyInit>::new_from_slice(&derived)
                .unwrap_or_else(|_| <Hmac<Sha256> as KeyInit>::new(&Default::default())),
        }
    }

    /// A key from raw bytes (tests, or keys held elsewhere).
    pub fn from_bytes(bytes: &[u8; 32]) -> AuditKey {
        AuditKey {
            // HMAC accepts keys of every length, so this arm is the only one ever taken; the
            // fallback keeps the function total without an `expect`.
            mac: <Hmac<Sha256> as KeyInit>::new_from_slice(bytes)
                .unwrap_or_else(|_| <Hmac<Sha256> as KeyInit>::new(&Default::default())),
        }
    }

    /// `hmac-sha256:` and the lower-case hex HMAC-SHA256 of `value` under this key.
    pub fn key_hash(&self, value: &str) -> String {
        let mut mac = self.mac.clone();
        mac.update(value.as_bytes());
        format!("hmac-sha256:{}", hex(&mac.finalize().into_bytes()))
    }
}

/// The key of the hash chain ([`AuditKey::chain_key`]): a record's `hash` is the HMAC-SHA256
/// of its bytes under it, so that nobody without the key can write a line that verifies.
#[derive(Clone)]
pub struct ChainKey {
    mac: Hmac<Sha256>,
}

impl ChainKey {
    /// HMAC-SHA256 of `bytes`.
    pub fn mac(&self, bytes: &[u8]) -> [u8; 32] {
        let mut mac = self.mac.clone();
        mac.update(bytes);
        mac.finalize().into_bytes().into()
    }
}

impl fmt::Debug for ChainKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ChainKey(<secret>)")
    }
}

impl fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AuditKey(<secret>)")
    }
}

/// Reads and checks an existing key file.
fn read_key_file(path: &Path) -> Result<AuditKey, AuditError> {
    let mut file = File::open(path).map_err(|e| AuditError::io("open", path, e))?;
    check_private(&file, path)?;
    let mut text = String::new();
    file.read_to_string(&mut text)
        .map_err(|_| AuditError::KeyMalformed { path: path.into() })?;
    let bytes =
        parse_hex32(text.trim()).ok_or_else(|| AuditError::KeyMalformed { path: path.into() })?;
    Ok(AuditKey::from_bytes(&bytes))
}

/// Refuses a key file that group or others may access.
#[cfg(unix)]
pub(crate) fn check_private(file: &File, path: &Path) -> Result<(), AuditError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = file
        .metadata()
        .map_err(|e| AuditError::io("stat", path, e))?
        .permissions()
        .mode();
    if mode & 0o077 != 0 {
        return Err(AuditError::KeyPermissions {
            path: path.into(),
            mode: mode & 0o7777,
        });
    }
    Ok(())
}

/// Permissions are not checked where there are no Unix modes.
#[cfg(not(unix))]
pub(crate) fn check_private(_file: &File, _path: &Path) -> Result<(), AuditError> {
    Ok(())
}

/// Writes 32 fresh random bytes to a private temporary file and links it to `path`; if another
/// process got there first, its key stands.
fn create_key_file(path: &Path) -> Result<(), AuditError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| AuditError::io("create directory", dir, e))?;
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AuditError::Random(e.to_string()))?;
    let tmp = temporary_path(path)?;
    let result = write_private(&tmp, format!("{}\n", hex(&bytes)).as_bytes()).and_then(|()| {
        match fs::hard_link(&tmp, path) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
                Err(AuditError::io("link", path, e))
            }
            _ => Ok(()),
        }
    });
    let _ = fs::remove_file(&tmp);
    result?;
    super::chain::sync_parent(path)
}

/// `<path>.tmp-<random>` beside the key file.
fn temporary_path(path: &Path) -> Result<PathBuf, AuditError> {
    let mut tag = [0u8; 8];
    getrandom::fill(&mut tag).map_err(|e| AuditError::Random(e.to_string()))?;
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".tmp-{}", hex(&tag)));
    Ok(PathBuf::from(name))
}

/// Creates `path` (which must not exist) with mode 0600 and writes `contents` durably.
fn write_private(path: &Path, contents: &[u8]) -> Result<(), AuditError> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(|e| AuditError::io("create", path, e))?;
    file.write_all(contents)
        .and_then(|()| file.sync_all())
        .map_err(|e| AuditError::io("write", path, e))
}

/// 64 hex digits as 32 bytes.
fn parse_hex32(text: &str) -> Option<[u8; 32]> {
    let digits = text.as_bytes();
    if digits.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (byte, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
        let pair = std::str::from_utf8(pair).ok()?;
        *byte = u8::from_str_radix(pair, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_hash_is_hmac_sha256_in_hex() {
        // Expected value from Python: hmac.new(bytes([7] * 32), b"198501012382", sha256).
        let key = AuditKey::from_bytes(&[7; 32]);
        let h = key.key_hash("198501012382");
        assert_eq!(
            h,
            "hmac-sha256:a8eb8f3ebda10a859402d8e70d2a3419ec0c9b0019689db5f8785c1f9c1ea2ab"
        );
        assert_eq!(h, key.key_hash("198501012382"));
        assert_ne!(h, AuditKey::from_bytes(&[8; 32]).key_hash("198501012382"));
    }

    #[test]
    fn debug_prints_nothing_secret() {
        assert_eq!(
            format!("{:?}", AuditKey::from_bytes(&[7; 32])),
            "AuditKey(<secret>)"
        );
    }

    #[test]
    fn hex_keys_round_trip() {
        let bytes: [u8; 32] = std::array::from_fn(|i| i as u8 * 7);
        assert_eq!(parse_hex32(&hex(&bytes)), Some(bytes));
        assert_eq!(parse_hex32("abc"), None);
        assert_eq!(parse_hex32(&"zz".repeat(32)), None);
    }
}
