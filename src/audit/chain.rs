//! Hash-chain mechanics shared by the writer and the reader: sealing and checking a line
//! (HMAC-SHA256 under the chain key; plain SHA-256 for lines written before the chain was
//! keyed), the last entry of a file, the list of rotated files, and the anchors file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::AuditError;
use super::key::ChainKey;

/// What precedes the hash at the end of every sealed line.
const HASH_FIELD: &[u8] = b",\"hash\":\"";
/// `,"hash":"` + 64 hex digits + `"}`.
const SEAL_LEN: usize = HASH_FIELD.len() + 64 + 2;

/// Lower-case hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

/// Whether `text` is 64 lower-case hex digits, the shape of every hash in the chain.
pub(crate) fn is_hash(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Seals `canonical` (an entry serialised without its `hash`, ending in `}`) under `key`:
/// returns the line to write, newline included, and the hash (hex HMAC-SHA256 of `canonical`).
pub(crate) fn seal(mut canonical: Vec<u8>, key: &ChainKey) -> Option<(Vec<u8>, String)> {
    if canonical.last() != Some(&b'}') {
        return None;
    }
    let hash = hex(&key.mac(&canonical));
    canonical.pop();
    canonical.extend_from_slice(HASH_FIELD);
    canonical.extend_from_slice(hash.as_bytes());
    canonical.extend_from_slice(b"\"}\n");
    Some((canonical, hash))
}

/// The links an entry claims: its `prev_hash` and `hash`, and for a checkpoint its time and
/// signature (other fields are ignored).
#[derive(Debug, Deserialize)]
pub(crate) struct Link {
    /// The previous entry's hash.
    pub prev_hash: String,
    /// This entry's hash.
    pub hash: String,
    /// `@timestamp` as written.
    #[serde(rename = "@timestamp", default)]
    pub timestamp: Option<String>,
    #[serde(default)]
    sluss: Option<LinkSluss>,
}

#[derive(Debug, Deserialize)]
struct LinkSluss {
    #[serde(default)]
    checkpoint: Option<super::checkpoint::Seal>,
}

impl Link {
    /// The signature part of a checkpoint; `None` for a record.
    pub fn checkpoint(&self) -> Option<&super::checkpoint::Seal> {
        self.sluss.as_ref()?.checkpoint.as_ref()
    }
}

/// The links of a record line as the writer lays it out (`…,"prev_hash":"<64 hex>",
/// "hash":"<64 hex>"}` at its end), read without parsing the JSON; `None` for anything else
/// (a checkpoint, a line in another shape), which [`parse_link`] then reads. Only a line whose
/// hash then verifies is trusted, and then its bytes are the writer's, so the shortcut reads
/// what a full parse would.
pub(crate) fn quick_link(line: &[u8]) -> Option<Link> {
    const PREV: &[u8] = b",\"prev_hash\":\"";
    const TAIL: usize = PREV.len() + 64 + 1 + SEAL_LEN;
    let tail = line.get(line.len().checked_sub(TAIL)?..)?;
    let (prev_part, seal) = tail.split_at(PREV.len() + 64 + 1);
    let prev = prev_part.strip_prefix(PREV)?.strip_suffix(b"\"")?;
    let hash = seal.strip_prefix(HASH_FIELD)?.strip_suffix(b"\"}")?;
    let head = &line[..line.len().min(160)];
    if memchr::memmem::find(head, b"\"action\":\"checkpoint\"").is_some() {
        return None;
    }
    let prev = std::str::from_utf8(prev).ok().filter(|p| is_hash(p))?;
    let hash = std::str::from_utf8(hash).ok().filter(|h| is_hash(h))?;
    Some(Link {
        prev_hash: prev.to_string(),
        hash: hash.to_string(),
        timestamp: None,
        sluss: None,
    })
}

/// Parses a line (without its newline) as an entry's links.
pub(crate) fn parse_link(line: &[u8]) -> Result<Link, String> {
    let link: Link = serde_json::from_slice(line).map_err(|e| e.to_string())?;
    if !is_hash(&link.prev_hash) || !is_hash(&link.hash) {
        return Err("prev_hash or hash is not 64 lower-case hex digits".into());
    }
    Ok(link)
}

/// The bytes a line's hash covers (the line without its seal, closed with `}`) and the
/// claimed hash, if the line ends with a seal as [`seal`] writes it.
fn sealed_parts<'a>(line: &'a [u8], link: &Link) -> Option<(&'a [u8], &'a [u8])> {
    let split = line.len().checked_sub(SEAL_LEN)?;
    let (body, seal) = line.split_at(split);
    if !seal.starts_with(HASH_FIELD) || !seal.ends_with(b"\"}") {
        return None;
    }
    let claimed = &seal[HASH_FIELD.len()..HASH_FIELD.len() + 64];
    (claimed == link.hash.as_bytes()).then_some((body, claimed))
}

/// Whether the line's bytes carry the HMAC under `key` that it ends with.
pub(crate) fn keyed_matches(line: &[u8], link: &Link, key: &ChainKey) -> bool {
    let Some((body, claimed)) = sealed_parts(line, link) else {
        return false;
    };
    let mut canonical = Vec::with_capacity(body.len() + 1);
    canonical.extend_from_slice(body);
    canonical.push(b'}');
    hex(&key.mac(&canonical)).as_bytes() == claimed
}

/// Whether the line's bytes hash (plain SHA-256, as sluss wrote before the chain was keyed)
/// to the `hash` it ends with.
pub(crate) fn unkeyed_matches(line: &[u8], link: &Link) -> bool {
    let Some((body, claimed)) = sealed_parts(line, link) else {
        return false;
    };
    let mut hasher = Sha256::new();
    hasher.update(body);
    hasher.update(b"}");
    hex(&hasher.finalize()).as_bytes() == claimed
}

/// The length of `file`, whether it ends with a newline, and the last line (complete or not)
/// for which `pick` returns something.
pub(crate) struct Tail<T> {
    /// Length in bytes.
    pub len: u64,
    /// Whether the file is empty or ends with `\n`.
    pub ends_with_newline: bool,
    /// What `pick` returned for the last line it accepted.
    pub picked: Option<T>,
}

/// Scans `path` from the end for the last line that `pick` accepts. Reads 64 KiB at first,
/// more only when no line in it is accepted. A missing file is `None`.
pub(crate) fn scan_tail<T>(
    path: &Path,
    mut pick: impl FnMut(&[u8]) -> Option<T>,
) -> Result<Option<Tail<T>>, AuditError> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(AuditError::io("open", path, e)),
    };
    let len = file
        .metadata()
        .map_err(|e| AuditError::io("stat", path, e))?
        .len();
    let mut window = 64 * 1024;
    loop {
        let start = len.saturating_sub(window);
        let buf = read_range(&mut file, start, len).map_err(|e| AuditError::io("read", path, e))?;
        let ends_with_newline = buf.last().is_none_or(|b| *b == b'\n');
        // The window may start mid-line unless it reaches the file's start.
        let whole_lines = match (start, memchr::memchr(b'\n', &buf)) {
            (0, _) => &buf[..],
            (_, Some(first_newline)) => &buf[first_newline + 1..],
            (_, None) => &[],
        };
        let picked = whole_lines
            .rsplit(|b| *b == b'\n')
            .filter(|line| !line.is_empty())
            .find_map(&mut pick);
        if picked.is_some() || start == 0 {
            return Ok(Some(Tail {
                len,
                ends_with_newline,
                picked,
            }));
        }
        window = window.saturating_mul(4);
    }
}

/// The bytes of `file` from `start` to `end`.
fn read_range(file: &mut File, start: u64, end: u64) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    file.seek(SeekFrom::Start(start))?;
    file.take(end - start).read_to_end(&mut buf)?;
    Ok(buf)
}

/// The rotated files of `path` (`audit.jsonl.1`, `.2`, …) as (number, path), in ascending
/// number, i.e. newest first. Names with leading zeros or other suffixes are not ours.
pub(crate) fn rotated_files(path: &Path) -> Result<Vec<(u32, PathBuf)>, AuditError> {
    let dir = parent_dir(path);
    let Some(base) = path.file_name().and_then(|n| n.to_str()) else {
        return Ok(Vec::new());
    };
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(AuditError::io("list", dir, e)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| AuditError::io("list", &dir, e))?;
        let name = entry.file_name();
        let number = name
            .to_str()
            .and_then(|n| n.strip_prefix(base))
            .and_then(|n| n.strip_prefix('.'))
            .filter(|n| !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|n| n.parse::<u32>().ok());
        if let Some(number) = number {
            files.push((number, rotated_path(path, number)));
        }
    }
    files.sort();
    Ok(files)
}

/// `audit.jsonl.N`.
pub(crate) fn rotated_path(path: &Path, number: u32) -> PathBuf {
    suffixed(path, &number.to_string())
}

/// `audit.jsonl.<suffix>`.
pub(crate) fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// The directory holding `path` (`.` for a bare file name).
pub(crate) fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Makes a created, renamed or removed directory entry durable (a no-op where directories
/// cannot be opened).
pub(crate) fn sync_parent(path: &Path) -> Result<(), AuditError> {
    #[cfg(unix)]
    {
        let dir = parent_dir(path);
        File::open(&dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| AuditError::io("sync directory", dir, e))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// A note that sluss deleted a log file on purpose (rotation past `keep`, or a purge), with the
/// hash of the deleted file's last entry: the `prev_hash` the oldest remaining entry may
/// then start from. Kept one JSON line each in `audit.jsonl.anchors`, each with an HMAC under
/// the chain key so that nobody without the key can excuse a file deleted by hand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// When the file was deleted.
    #[serde(rename = "@timestamp", with = "super::time::rfc3339")]
    pub time: SystemTime,
    /// `rotation` or `purge`.
    pub reason: String,
    /// The deleted file's name as it was then.
    pub file: String,
    /// The hash of the deleted file's last entry.
    pub last_hash: String,
    /// HMAC-SHA256 of the other fields under the chain key (absent on anchors written before
    /// the chain was keyed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mac: Option<String>,
}

impl Anchor {
    /// A new anchor, with its MAC under `key`.
    pub(crate) fn new(reason: &str, file: String, last_hash: String, key: &ChainKey) -> Anchor {
        let mut anchor = Anchor {
            time: SystemTime::now(),
            reason: reason.into(),
            file,
            last_hash,
            mac: None,
        };
        anchor.mac = Some(anchor.expected_mac(key));
        anchor
    }

    /// Whether the anchor carries its MAC under `key`.
    pub(crate) fn is_keyed(&self, key: &ChainKey) -> bool {
        self.mac.as_deref() == Some(self.expected_mac(key).as_str())
    }

    fn expected_mac(&self, key: &ChainKey) -> String {
        let text = format!(
            "sluss anchor\n{}\n{}\n{}\n{}",
            super::time::format(self.time),
            self.reason,
            self.file,
            self.last_hash
        );
        hex(&key.mac(text.as_bytes()))
    }
}

/// `audit.jsonl.anchors`.
pub(crate) fn anchors_path(path: &Path) -> PathBuf {
    suffixed(path, "anchors")
}

/// Appends `anchor` durably, before the file it describes is deleted (a crash in between
/// leaves an extra anchor, which is harmless).
pub(crate) fn add_anchor(path: &Path, anchor: &Anchor) -> Result<(), AuditError> {
    let anchors = anchors_path(path);
    let mut line = serde_json::to_vec(anchor)?;
    line.push(b'\n');
    let mut file = open_append(&anchors)?;
    file.write_all(&line)
        .and_then(|()| file.sync_data())
        .map_err(|e| AuditError::io("write", &anchors, e))
}

/// Opens `path` for appending, creating it; on Unix a new file gets mode 0640 (owner writes,
/// a log shipper's group may read, others nothing: records name users and addresses).
pub(crate) fn open_append(path: &Path) -> Result<File, AuditError> {
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o640);
    }
    options
        .open(path)
        .map_err(|e| AuditError::io("open", path, e))
}

/// Every readable anchor, oldest first (a missing file is none).
pub(crate) fn read_anchors(path: &Path) -> Result<Vec<Anchor>, AuditError> {
    let anchors = anchors_path(path);
    let text = match fs::read(&anchors) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(AuditError::io("read", anchors, e)),
    };
    Ok(text
        .split(|b| *b == b'\n')
        .filter_map(|line| serde_json::from_slice(line).ok())
        .collect())
}

/// Notes the last entry of `file` in the anchors file, then deletes `file`.
pub(crate) fn delete_with_anchor(
    path: &Path,
    file: &Path,
    reason: &str,
    key: &ChainKey,
) -> Result<(), AuditError> {
    let last = scan_tail(file, |line| parse_link(line).ok())?;
    if let Some(link) = last.and_then(|tail| tail.picked) {
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
        add_anchor(
            path,
            &Anchor::new(reason, name.unwrap_or_default(), link.hash, key),
        )?;
    }
    match fs::remove_file(file) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(AuditError::io("delete", file, e)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_lines_check_and_edits_do_not() {
        let key = super::super::AuditKey::from_bytes(&[7; 32]).chain_key();
        let canonical = br#"{"a":1,"prev_hash":"0000000000000000000000000000000000000000000000000000000000000000"}"#;
        let Some((line, hash)) = seal(canonical.to_vec(), &key) else {
            unreachable!("canonical ends with a brace")
        };
        let line = &line[..line.len() - 1];
        let Ok(link) = parse_link(line) else {
            unreachable!("a sealed line parses")
        };
        assert_eq!(link.hash, hash);
        let quick = quick_link(line);
        assert_eq!(
            quick.map(|q| (q.prev_hash, q.hash)),
            Some((link.prev_hash.clone(), link.hash.clone()))
        );
        assert!(keyed_matches(line, &link, &key));
        assert!(
            !unkeyed_matches(line, &link),
            "a keyed line is not a SHA-256 one"
        );
        let other = super::super::AuditKey::from_bytes(&[8; 32]).chain_key();
        assert!(!keyed_matches(line, &link, &other));
        let edited = String::from_utf8_lossy(line).replace("\"a\":1", "\"a\":2");
        assert!(!keyed_matches(edited.as_bytes(), &link, &key));
        let spaced = String::from_utf8_lossy(line).replace("\"a\":1", "\"a\": 1");
        assert!(!keyed_matches(spaced.as_bytes(), &link, &key));
        let unkeyed = format!(
            "{},\"hash\":\"{}\"}}",
            std::str::from_utf8(&canonical[..canonical.len() - 1]).unwrap_or(""),
            hex(&Sha256::digest(canonical))
        );
        let Ok(link) = parse_link(unkeyed.as_bytes()) else {
            unreachable!("an unkeyed line parses")
        };
        assert!(unkeyed_matches(unkeyed.as_bytes(), &link));
        assert!(!keyed_matches(unkeyed.as_bytes(), &link, &key));
    }

    #[test]
    fn anchors_carry_a_mac() {
        let key = super::super::AuditKey::from_bytes(&[7; 32]).chain_key();
        let mut anchor = Anchor::new("purge", "audit.jsonl.3".into(), "ab".repeat(32), &key);
        assert!(anchor.is_keyed(&key));
        anchor.last_hash = "cd".repeat(32);
        assert!(!anchor.is_keyed(&key));
    }

    #[test]
    fn hex_is_lower_case() {
        assert_eq!(hex(&[0x00, 0xab, 0x7f]), "00ab7f");
        assert!(is_hash(&"ab".repeat(32)));
        assert!(!is_hash(&"AB".repeat(32)));
    }
}
