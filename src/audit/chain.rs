//! Hash-chain mechanics shared by the writer and the reader: sealing and checking a line,
//! the last record of a file, the list of rotated files, and the anchors file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::AuditError;

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

/// Seals `canonical` (a record serialised without its `hash`, ending in `}`): returns the line
/// to write, newline included, and the hash.
pub(crate) fn seal(mut canonical: Vec<u8>) -> Option<(Vec<u8>, String)> {
    if canonical.last() != Some(&b'}') {
        return None;
    }
    let hash = hex(&Sha256::digest(&canonical));
    canonical.pop();
    canonical.extend_from_slice(HASH_FIELD);
    canonical.extend_from_slice(hash.as_bytes());
    canonical.extend_from_slice(b"\"}\n");
    Some((canonical, hash))
}

/// The links a record claims: its `prev_hash` and `hash` (other fields are ignored).
#[derive(Debug, Deserialize)]
pub(crate) struct Link {
    /// The previous record's hash.
    pub prev_hash: String,
    /// This record's hash.
    pub hash: String,
}

/// Parses a line (without its newline) as a record's links.
pub(crate) fn parse_link(line: &[u8]) -> Result<Link, String> {
    let link: Link = serde_json::from_slice(line).map_err(|e| e.to_string())?;
    if !is_hash(&link.prev_hash) || !is_hash(&link.hash) {
        return Err("prev_hash or hash is not 64 lower-case hex digits".into());
    }
    Ok(link)
}

/// Whether the line's bytes hash to the `hash` it ends with, as [`seal`] wrote it.
pub(crate) fn content_matches(line: &[u8], link: &Link) -> bool {
    let Some(split) = line.len().checked_sub(SEAL_LEN) else {
        return false;
    };
    let (body, seal) = line.split_at(split);
    if !seal.starts_with(HASH_FIELD) || !seal.ends_with(b"\"}") {
        return false;
    }
    let claimed = &seal[HASH_FIELD.len()..HASH_FIELD.len() + 64];
    let mut hasher = Sha256::new();
    hasher.update(body);
    hasher.update(b"}");
    claimed == link.hash.as_bytes() && hex(&hasher.finalize()).as_bytes() == claimed
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
/// hash of the deleted file's last record: the `prev_hash` the oldest remaining record may
/// then start from. Kept one JSON line each in `audit.jsonl.anchors`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// When the file was deleted.
    #[serde(rename = "@timestamp", with = "super::time::rfc3339")]
    pub time: SystemTime,
    /// `rotation` or `purge`.
    pub reason: String,
    /// The deleted file's name as it was then.
    pub file: String,
    /// The hash of the deleted file's last record.
    pub last_hash: String,
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

/// Notes the last record of `file` in the anchors file, then deletes `file`.
pub(crate) fn delete_with_anchor(path: &Path, file: &Path, reason: &str) -> Result<(), AuditError> {
    let last = scan_tail(file, |line| parse_link(line).ok())?;
    if let Some(link) = last.and_then(|tail| tail.picked) {
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
        add_anchor(
            path,
            &Anchor {
                time: SystemTime::now(),
                reason: reason.into(),
                file: name.unwrap_or_default(),
                last_hash: link.hash,
            },
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
        let canonical = br#"{"a":1,"prev_hash":"0000000000000000000000000000000000000000000000000000000000000000"}"#;
        let Some((line, hash)) = seal(canonical.to_vec()) else {
            unreachable!("canonical ends with a brace")
        };
        let line = &line[..line.len() - 1];
        let Ok(link) = parse_link(line) else {
            unreachable!("a sealed line parses")
        };
        assert_eq!(link.hash, hash);
        assert_eq!(hex(&Sha256::digest(canonical)), hash);
        assert!(content_matches(line, &link));
        let edited = String::from_utf8_lossy(line).replace("\"a\":1", "\"a\":2");
        assert!(!content_matches(edited.as_bytes(), &link));
        let spaced = String::from_utf8_lossy(line).replace("\"a\":1", "\"a\": 1");
        assert!(!content_matches(spaced.as_bytes(), &link));
    }

    #[test]
    fn hex_is_lower_case() {
        assert_eq!(hex(&[0x00, 0xab, 0x7f]), "00ab7f");
        assert!(is_hash(&"ab".repeat(32)));
        assert!(!is_hash(&"AB".repeat(32)));
    }
}
