//! One record of the index in 56 bytes, the tables of names it points into, and a filter
//! prepared against them.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::net::IpAddr;
use std::sync::OnceLock;

use crate::audit::filter::Filter;
use crate::audit::record::EventAction;
use crate::audit::record::Record;
use crate::audit::status::Status;
use crate::detect::Kind;

/// What the index keeps of a record: enough to filter, count and chart it, and where to read
/// it again (and check it) when it is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    /// `@timestamp` in Unix milliseconds.
    pub time_ms: i64,
    /// Where the line starts in its file.
    pub offset: u64,
    /// The first 64 bits of the line's hash: the line read again must carry it.
    pub hash: u64,
    /// Bit `i` set when a finding has the `i`-th kind of [`Kind::all`] (bit 31: a later one).
    pub kinds: u32,
    /// [`fingerprint`] of the upper-case incident id, cut to 32 bits (confirmed on reading).
    pub incident: u32,
    /// The line's length without its newline.
    pub len: u32,
    /// Index into [`Names::origins`]: the client address and the user name.
    pub client: u32,
    /// Index into [`Names::services`].
    pub service: u32,
    /// Index into [`Names::reasons`].
    pub reason: u32,
    /// Where its keyed-hash fingerprints start in its file's list.
    pub key_hashes: u32,
    /// How many (at most 255; [`FLAG_MORE_HASHES`] when there were more).
    pub key_hash_count: u8,
    /// `block`, `redact` or `allow` as [`action_code`].
    pub action: u8,
    /// [`FLAG_KEYED`], [`FLAG_MORE_HASHES`].
    pub flags: u8,
}

/// The line carries an HMAC (not a plain SHA-256 from before the chain was keyed).
pub(crate) const FLAG_KEYED: u8 = 1;
/// The record has more keyed hashes than the index keeps: any key-hash filter reads it.
pub(crate) const FLAG_MORE_HASHES: u8 = 2;
/// The bit for kinds past the 31st (a filter on one reads the record to be sure).
const OTHER_KINDS: u32 = 1 << 31;

/// A 64-bit fingerprint of `text` (FNV-1a: stable across runs, no key needed, collisions
/// only cost a confirming read).
pub(crate) fn fingerprint(text: &str) -> u64 {
    let mut hasher = Fnv(0xcbf2_9ce4_8422_2325);
    text.hash(&mut hasher);
    hasher.finish()
}

/// [`fingerprint`] of bytes.
pub(crate) fn fingerprint_bytes(bytes: &[u8]) -> u64 {
    let mut hasher = Fnv(0xcbf2_9ce4_8422_2325);
    hasher.write(bytes);
    hasher.finish()
}

struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The incident-id fingerprint as the filter compares it (trimmed, upper case).
pub(crate) fn incident_key(id: &str) -> u32 {
    (fingerprint(&id.trim().to_ascii_uppercase()) >> 32) as u32
}

/// The first 64 bits of a 64-hex-digit hash.
pub(crate) fn hash_prefix(hash: &str) -> u64 {
    hash.get(..16)
        .and_then(|h| u64::from_str_radix(h, 16).ok())
        .unwrap_or(0)
}

/// `block` 0, `redact` 1, `allow` 2, `warn` 3, `justified` 4, `objection` 5, `status` 6,
/// `view` 7, `traffic` 8.
pub(crate) fn action_code(action: EventAction) -> u8 {
    match action {
        EventAction::Block => 0,
        EventAction::Redact => 1,
        EventAction::Allow => 2,
        EventAction::Warn => 3,
        EventAction::Justified => 4,
        EventAction::Objection => FOLLOW_UP_CODES,
        EventAction::Status => FOLLOW_UP_CODES + 1,
        EventAction::View => FOLLOW_UP_CODES + 2,
        EventAction::Traffic => FOLLOW_UP_CODES + 3,
    }
}

/// Action codes from here on are not requests: follow-ups and views
/// ([`EventAction::is_request`]).
const FOLLOW_UP_CODES: u8 = 5;

/// The bit of `kind` in [`Entry::kinds`].
fn kind_bit(kind: Kind) -> u32 {
    static ALL: OnceLock<Vec<Kind>> = OnceLock::new();
    let all = ALL.get_or_init(Kind::all);
    match all.iter().position(|k| *k == kind) {
        Some(i) if i < 31 => 1 << i,
        _ => OTHER_KINDS,
    }
}

/// The distinct origins, services and reasons of the records, each stored once.
#[derive(Debug, Default)]
pub(crate) struct Names {
    /// (client address, user name) pairs; the address canonical (IPv4-mapped IPv6 as IPv4).
    pub origins: Vec<(IpAddr, Option<String>)>,
    origin_ids: HashMap<(IpAddr, Option<String>), u32>,
    /// (service name, host) pairs.
    pub services: Vec<(Option<String>, String)>,
    service_ids: HashMap<(Option<String>, String), u32>,
    /// `event.reason` values.
    pub reasons: Vec<String>,
    reason_ids: HashMap<String, u32>,
    /// The incidents' current statuses, from the status records read.
    pub statuses: crate::audit::status::Statuses,
}

impl Names {
    fn origin(&mut self, record: &Record) -> u32 {
        let ip = record.source.ip.to_canonical();
        let user = record.user.as_ref().map(|u| u.name.clone());
        intern(&mut self.origins, &mut self.origin_ids, (ip, user))
    }

    fn service(&mut self, record: &Record) -> u32 {
        let pair = (record.sluss.service.clone(), record.url.domain.clone());
        intern(&mut self.services, &mut self.service_ids, pair)
    }

    fn reason(&mut self, reason: &str) -> u32 {
        match self.reason_ids.get(reason) {
            Some(id) => *id,
            None => intern(&mut self.reasons, &mut self.reason_ids, reason.to_string()),
        }
    }
}

/// The id of `value`, added if new.
fn intern<T: Clone + Eq + Hash>(list: &mut Vec<T>, ids: &mut HashMap<T, u32>, value: T) -> u32 {
    if let Some(id) = ids.get(&value) {
        return *id;
    }
    let id = u32::try_from(list.len()).unwrap_or(u32::MAX);
    list.push(value.clone());
    ids.insert(value, id);
    id
}

/// The entry of `record`, stored at `offset` with `len` bytes and `hash`; its keyed-hash
/// fingerprints are appended to `key_hashes`.
pub(crate) fn entry(
    record: &Record,
    place: (u64, usize),
    hash: &str,
    keyed: bool,
    names: &mut Names,
    key_hashes: &mut Vec<u64>,
) -> Entry {
    names.statuses.add(record);
    let start = key_hashes.len();
    let mut kinds = 0;
    for finding in &record.sluss.findings {
        kinds |= kind_bit(finding.kind);
        if let Some(h) = &finding.key_hash {
            key_hashes.push(fingerprint(h));
        }
    }
    let count = key_hashes.len() - start;
    let mut flags = if keyed { FLAG_KEYED } else { 0 };
    if count > usize::from(u8::MAX) {
        key_hashes.truncate(start + usize::from(u8::MAX));
        flags |= FLAG_MORE_HASHES;
    }
    Entry {
        time_ms: crate::audit::time::unix_millis(record.timestamp),
        offset: place.0,
        hash: hash_prefix(hash),
        kinds,
        incident: incident_key(record.event.id.as_str()),
        len: u32::try_from(place.1).unwrap_or(u32::MAX),
        client: names.origin(record),
        service: names.service(record),
        reason: names.reason(&record.event.reason),
        key_hashes: u32::try_from(start).unwrap_or(u32::MAX),
        key_hash_count: u8::try_from(count).unwrap_or(u8::MAX),
        action: action_code(record.event.action),
        flags,
    }
}

/// A [`Filter`] compiled against one index's names. [`Prepared::matches`] may let through
/// entries that the filter does not match (fingerprints, kinds past the 31st), never the
/// reverse; [`Prepared::confirm`] says when a record must be read to be sure.
#[derive(Clone, Debug)]
pub(crate) struct Prepared {
    since: Option<i64>,
    until: Option<i64>,
    kind: Option<u32>,
    /// Per origin id, whether it matches the client and the user.
    origins: Option<Vec<bool>>,
    /// Per service id, whether it matches.
    services: Option<Vec<bool>>,
    /// Per reason id, whether it matches.
    reasons: Option<Vec<bool>>,
    action: Option<u8>,
    /// Follow-ups match too (the filter names an action or an incident).
    follow_ups: bool,
    incident: Option<u32>,
    status: Option<StatusKeys>,
    key_hash: Option<u64>,
    /// Whether a match must be confirmed on the record.
    pub confirm: bool,
}

impl Prepared {
    /// `filter` against `names`.
    pub fn new(filter: &Filter, names: &Names) -> Prepared {
        let kind = filter.kind.map(kind_bit);
        let services = filter.service.as_deref().map(|needle| {
            let needle = needle.to_lowercase();
            names
                .services
                .iter()
                .map(|(name, host)| {
                    name.as_deref()
                        .is_some_and(|n| n.to_lowercase().contains(&needle))
                        || host.to_lowercase().contains(&needle)
                })
                .collect()
        });
        let origins = origins(filter, names);
        let reasons = filter.reason.as_deref().map(|wanted| {
            names
                .reasons
                .iter()
                .map(|r| crate::audit::filter::reason_matches(r, wanted))
                .collect()
        });
        Prepared {
            since: filter.since.map(crate::audit::time::unix_millis),
            until: filter.until.map(crate::audit::time::unix_millis),
            kind,
            origins,
            services,
            reasons,
            action: filter.action.map(action_code),
            follow_ups: filter.action.is_some() || filter.incident.is_some(),
            incident: filter.incident.as_deref().map(incident_key),
            status: filter.status.as_ref().map(|s| StatusKeys {
                wanted_new: s.wanted == Status::New,
                keys: s
                    .current
                    .iter()
                    .filter(|(_, status)| (*status == s.wanted) != (s.wanted == Status::New))
                    .map(|(id, _)| incident_key(id))
                    .collect(),
            }),
            key_hash: filter.key_hash.as_deref().map(|h| fingerprint(h.trim())),
            confirm: filter.incident.is_some()
                || filter.key_hash.is_some()
                || kind == Some(OTHER_KINDS),
        }
    }

    /// Whether `entry` may match (with `key_hashes`, its file's fingerprints).
    pub fn matches(&self, entry: &Entry, key_hashes: &[u64]) -> bool {
        self.since.is_none_or(|t| entry.time_ms >= t)
            && self.until.is_none_or(|t| entry.time_ms < t)
            && self.kind.is_none_or(|k| entry.kinds & k != 0)
            && self.origins.as_ref().is_none_or(|o| flag(o, entry.client))
            && self.reasons.as_ref().is_none_or(|r| flag(r, entry.reason))
            && self.action.is_none_or(|a| entry.action == a)
            && (self.follow_ups || entry.action < FOLLOW_UP_CODES)
            && self.incident.is_none_or(|i| entry.incident == i)
            && self.status.as_ref().is_none_or(|s| s.may_match(entry))
            && self
                .services
                .as_ref()
                .is_none_or(|s| flag(s, entry.service))
            && self.key_hash.is_none_or(|h| carries(entry, key_hashes, h))
    }
}

/// Per origin id, whether its client and user pass `filter` (`None` when it names neither).
fn origins(filter: &Filter, names: &Names) -> Option<Vec<bool>> {
    if filter.client.is_none() && filter.user.is_none() {
        return None;
    }
    let user_ok = |user: Option<&str>| {
        filter
            .user
            .as_deref()
            .is_none_or(|u| crate::audit::filter::user_matches(user, u))
    };
    Some(
        names
            .origins
            .iter()
            .map(|(ip, user)| {
                filter.client.is_none_or(|c| c.to_canonical() == *ip) && user_ok(user.as_deref())
            })
            .collect(),
    )
}

/// Whether the name with id `id` matches, by the per-id table `table`.
fn flag(table: &[bool], id: u32) -> bool {
    usize::try_from(id)
        .ok()
        .and_then(|i| table.get(i))
        .is_some_and(|m| *m)
}

/// A status filter against incident fingerprints: for a status other than new, those of
/// the incidents with it; for new, those of the incidents with any other status.
#[derive(Clone, Debug)]
struct StatusKeys {
    wanted_new: bool,
    keys: std::collections::HashSet<u32>,
}

impl StatusKeys {
    /// Whether `entry` may have the status (never false for one that has it).
    fn may_match(&self, entry: &Entry) -> bool {
        self.wanted_new || self.keys.contains(&entry.incident)
    }

    /// Whether the record must be read to be sure (a fingerprint shared with an incident
    /// of another status).
    fn unsure(&self, entry: &Entry) -> bool {
        self.keys.contains(&entry.incident)
    }
}

impl Prepared {
    /// Whether `entry`, which [`Prepared::matches`], must be read to be sure.
    pub fn must_read(&self, entry: &Entry) -> bool {
        self.confirm || self.status.as_ref().is_some_and(|s| s.unsure(entry))
    }
}

/// Whether the entry's fingerprints hold `hash` (or it has more than were kept).
pub(crate) fn carries(entry: &Entry, key_hashes: &[u64], hash: u64) -> bool {
    if entry.flags & FLAG_MORE_HASHES != 0 {
        return true;
    }
    let start = entry.key_hashes as usize;
    key_hashes
        .get(start..start + usize::from(entry.key_hash_count))
        .is_some_and(|hs| hs.contains(&hash))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_56_bytes_and_every_kind_has_a_bit() {
        assert_eq!(std::mem::size_of::<Entry>(), 56);
        assert!(Kind::all().len() <= 31, "kinds past the 31st share a bit");
        assert_eq!(hash_prefix(&"ab".repeat(32)), 0xabab_abab_abab_abab);
        assert_eq!(incident_key(" s-7k2m9q "), incident_key("S-7K2M9Q"));
    }
}
