//! The audit record in Elastic Common Schema shape, built from an [`Incident`]; findings are
//! reduced to masked hints and keyed hashes before they get here.

use std::collections::HashMap;
use std::fmt;
use std::net::IpAddr;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::key::AuditKey;
use crate::detect::mask::mask;
use crate::detect::{Finding, Kind};
use crate::policy::Action;

/// The unambiguous alphabet of incident ids: Crockford base32 without 0 and 1 (30 symbols).
const ID_ALPHABET: &[u8; 30] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";

/// An incident id as staff see it on the block page: `S-` and six symbols, e.g. `S-7K2M9Q`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IncidentId(String);

impl IncidentId {
    /// A fresh random id (30⁶ ≈ 7.3·10⁸ values) from the operating system's generator.
    ///
    /// Should the generator fail, the symbols come from a SHA-256 of the time, the process id
    /// and a counter instead: still unique enough for an id that people read, and no panic.
    pub fn random() -> IncidentId {
        let mut bytes = [0u8; 32];
        if getrandom::fill(&mut bytes).is_err() {
            bytes = fallback_bytes();
        }
        // Rejection sampling: 240 = 8·30, so every symbol is equally likely.
        let symbols = bytes
            .iter()
            .filter(|b| **b < 240)
            .map(|b| char::from(ID_ALPHABET[usize::from(*b % 30)]))
            .take(6);
        let mut id = String::from("S-");
        id.extend(symbols);
        if id.len() < 8 {
            return IncidentId::random();
        }
        IncidentId(id)
    }

    /// An id as written (as printed on a block page or typed by staff); upper-cased and
    /// stripped of white space, but not otherwise checked.
    pub fn new(text: &str) -> IncidentId {
        IncidentId(text.trim().to_uppercase())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for IncidentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Bytes for ids when the system generator fails: not secret, only distinct.
fn fallback_bytes() -> [u8; 32] {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = Sha256::new();
    hasher.update(super::time::unix_millis(SystemTime::now()).to_le_bytes());
    hasher.update(std::process::id().to_le_bytes());
    hasher.update(COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    hasher.finalize().into()
}

/// What happened to one request, in plain types, as the proxy hands it to the audit log.
#[derive(Clone, Debug)]
pub struct Incident {
    /// The id shown to the user.
    pub id: IncidentId,
    /// When the request was decided.
    pub time: SystemTime,
    /// The client's address.
    pub client: IpAddr,
    /// The authenticated user, if known.
    pub user: Option<String>,
    /// The registered service's name; `None` for a host not in the register.
    pub service: Option<String>,
    /// The host the request went to.
    pub host: String,
    /// The HTTP method.
    pub method: String,
    /// The request path without query string ([`Record::new`] cuts one off regardless).
    pub path: String,
    /// What the policy decided.
    pub action: Action,
    /// The policy rule that decided (`personnummer`, `uninspectable`, …).
    pub reason: String,
    /// The findings, already summarised by [`summarize`].
    pub findings: Vec<FindingSummary>,
}

/// One group of findings in a record: same kind, rule and value. Holds no value: `masked` is
/// a hint, `key_hash` a keyed hash of the normalised value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingSummary {
    /// What was found.
    #[serde(with = "kind_name")]
    pub kind: Kind,
    /// The rule that found it.
    pub rule: String,
    /// How many times this value was found in the request.
    pub count: usize,
    /// A hint for people (`19XXXXXX-XXXX`, `[namn]`, `…@kommun.se`).
    pub masked: String,
    /// `hmac-sha256:<hex>` of the normalised value; `None` for kinds whose "value" is a word
    /// of a category or a marking rather than something identifying a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_hash: Option<String>,
}

/// Groups findings by kind, rule and value (in order of first appearance) and counts them;
/// masks each group's first matched text and hashes its normalised value
/// ([`Finding::key`]) with `key`. Nothing of the matched text is kept but the mask.
///
/// Sensitive categories and confidentiality markers get no `key_hash` and are grouped by kind
/// and rule only: their matched text is a word like "diabetes", which links no person.
pub fn summarize<S: AsRef<str>>(findings: &[(Finding, S)], key: &AuditKey) -> Vec<FindingSummary> {
    let mut groups: Vec<FindingSummary> = Vec::new();
    let mut index: HashMap<(Kind, &str, Option<String>), usize> = HashMap::new();
    for (finding, matched) in findings {
        let matched = matched.as_ref();
        let key_hash = identifies_person(finding.kind).then(|| key.key_hash(&finding.key(matched)));
        match index.get(&(finding.kind, finding.rule, key_hash.clone())) {
            Some(&i) => groups[i].count += 1,
            None => {
                index.insert((finding.kind, finding.rule, key_hash.clone()), groups.len());
                groups.push(FindingSummary {
                    kind: finding.kind,
                    rule: finding.rule.to_string(),
                    count: 1,
                    masked: mask(finding.kind, matched),
                    key_hash,
                });
            }
        }
    }
    groups
}

/// Whether a kind's value identifies a person or an account (and so is worth linking).
fn identifies_person(kind: Kind) -> bool {
    !matches!(
        kind,
        Kind::Sensitive(_) | Kind::ConfidentialityMarker | Kind::InternalMaterial
    )
}

/// One line of the audit log, in Elastic Common Schema names where one exists. Field order is
/// the serialised order, and the hash covers it: do not reorder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// When the request was decided (RFC 3339, UTC, milliseconds).
    #[serde(rename = "@timestamp", with = "super::time::rfc3339")]
    pub timestamp: SystemTime,
    /// What happened.
    pub event: Event,
    /// Where the request came from.
    pub source: Source,
    /// Who sent it, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    /// Where it was going.
    pub url: Url,
    /// The HTTP request.
    pub http: Http,
    /// sluss's own fields.
    pub sluss: Sluss,
    /// The previous record's `hash` (set by the writer).
    #[serde(default)]
    pub prev_hash: String,
    /// SHA-256 of this record without this field (set by the writer; see the module docs).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hash: String,
}

/// What a record says happened (`event.action`): a policy action on a request, or something
/// that happened later about an incident (an objection, a status set by security staff).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventAction {
    /// The request was let through.
    Allow,
    /// The request was let through with its findings replaced.
    Redact,
    /// The request was stopped.
    Block,
    /// The request was held until the person justifies sending it.
    Warn,
    /// A held request was sent with the person's written justification.
    Justified,
    /// The person who was stopped says the stop was wrong (a follow-up).
    Objection,
    /// Security staff set the incident's status (a follow-up).
    Status,
    /// Someone looked at the review page: the list, an incident or an export (who looked at
    /// what; not about a request, see [`crate::audit::view`]).
    View,
    /// Counts of the requests to one service over an interval (not a request: see
    /// [`super::traffic`]).
    Traffic,
}

impl EventAction {
    /// Every action, in order.
    pub const ALL: [EventAction; 9] = [
        EventAction::Block,
        EventAction::Redact,
        EventAction::Allow,
        EventAction::Warn,
        EventAction::Justified,
        EventAction::Objection,
        EventAction::Status,
        EventAction::View,
        EventAction::Traffic,
    ];

    /// The lower-case name as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            EventAction::Allow => "allow",
            EventAction::Redact => "redact",
            EventAction::Block => "block",
            EventAction::Warn => "warn",
            EventAction::Justified => "justified",
            EventAction::Objection => "objection",
            EventAction::Status => "status",
            EventAction::View => "view",
            EventAction::Traffic => "traffic",
        }
    }

    /// The action named `name` (as stored), if any.
    pub fn parse(name: &str) -> Option<EventAction> {
        EventAction::ALL.into_iter().find(|a| a.as_str() == name)
    }

    /// Whether this is a record that is not about one request: a follow-up about an earlier
    /// incident (carrying its id, not itself a stop), or the traffic counts of an interval.
    /// Such records are listed only when asked for.
    pub fn is_follow_up(self) -> bool {
        matches!(
            self,
            EventAction::Objection | EventAction::Status | EventAction::Traffic
        )
    }

    /// Whether this is a record about a request (an incident of its own): not a follow-up,
    /// not a view of the review page. Only these are listed, counted and charted unless an
    /// action or an incident is asked for.
    pub fn is_request(self) -> bool {
        !self.is_follow_up() && self != EventAction::View
    }
}

impl From<Action> for EventAction {
    fn from(action: Action) -> EventAction {
        match action {
            Action::Allow => EventAction::Allow,
            Action::Redact => EventAction::Redact,
            Action::Block => EventAction::Block,
            Action::Warn => EventAction::Warn,
        }
    }
}

/// ECS `event`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// The incident id (for a follow-up, the id of the incident it is about).
    pub id: IncidentId,
    /// See [`EventAction`].
    pub action: EventAction,
    /// The policy rule that decided.
    pub reason: String,
    /// ECS `event.kind`: `alert` for block and redact, `event` for allow.
    pub kind: String,
    /// ECS `event.category`: `["web"]`.
    pub category: Vec<String>,
    /// ECS `event.type`: `["denied"]`, `["change"]` or `["allowed"]`.
    #[serde(rename = "type")]
    pub types: Vec<String>,
}

/// ECS `source`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The client's address.
    pub ip: IpAddr,
}

/// ECS `user`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// The user name.
    pub name: String,
}

/// ECS `url`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Url {
    /// The host.
    pub domain: String,
    /// The path, never the query string.
    pub path: String,
}

/// ECS `http`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Http {
    /// ECS `http.request`.
    pub request: HttpRequest,
}

/// ECS `http.request`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpRequest {
    /// The method.
    pub method: String,
}

/// Fields with no ECS name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sluss {
    /// The registered service, if the host is in the register.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// What was found, without values (for a stop, every kind at or above the policy's
    /// threshold, the deciding findings first).
    pub findings: Vec<FindingSummary>,
    /// How the person was answered, for a stop: `page`, `json`, `event_stream` or
    /// `websocket_close`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    /// Why content could not be inspected, when that decided: `too_large`, `websocket`,
    /// `unsupported_type`, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uninspectable: Option<String>,
    /// Which stop of the incident this record is (2, 3, …) when the same person sent the same
    /// value to the same service again within minutes; absent on the first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat: Option<u32>,
    /// For a follow-up, the status security staff set: `new`, `reviewed`, `false_stop` or
    /// `resolved` (see [`super::status::Status`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Words a person wrote about the incident: an objection, a status comment, a
    /// justification. Stored in clear: it was scanned and refused if it held anything the
    /// policy would stop (see the README, "Objections").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// For a view of the review page: what was looked at, with which filter (see
    /// [`super::view`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<super::view::View>,
    /// On a `traffic` record: the counts of the interval (see [`super::traffic`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traffic: Option<super::traffic::TrafficCounts>,
}

impl Record {
    /// The record of `incident`, with empty `prev_hash` and `hash` for the writer to fill.
    /// A query string or fragment left on the path is cut off: it may carry a value.
    pub fn new(incident: Incident) -> Record {
        let path = match incident.path.find(['?', '#']) {
            Some(end) => incident.path[..end].to_string(),
            None => incident.path,
        };
        Record {
            timestamp: incident.time,
            event: Event::new(incident.id, incident.action, incident.reason),
            source: Source {
                ip: incident.client,
            },
            user: incident.user.map(|name| User { name }),
            url: Url {
                domain: incident.host,
                path,
            },
            http: Http {
                request: HttpRequest {
                    method: incident.method,
                },
            },
            sluss: Sluss {
                service: incident.service,
                findings: incident.findings,
                answer: None,
                uninspectable: None,
                ..Sluss::default()
            },
            prev_hash: String::new(),
            hash: String::new(),
        }
    }

    /// The record serialised without `hash`: the bytes its hash is computed over.
    pub fn canonical_json(&self) -> Result<Vec<u8>, serde_json::Error> {
        if self.hash.is_empty() {
            return serde_json::to_vec(self);
        }
        let unsealed = Record {
            hash: String::new(),
            ..self.clone()
        };
        serde_json::to_vec(&unsealed)
    }

    /// Whether any finding is of `kind`.
    pub fn has_kind(&self, kind: Kind) -> bool {
        self.sluss.findings.iter().any(|f| f.kind == kind)
    }
}

impl Event {
    /// The event for `action`, with ECS kind, category and type derived from it.
    pub fn new(id: IncidentId, action: impl Into<EventAction>, reason: String) -> Event {
        let action = action.into();
        let (kind, types) = match action {
            EventAction::Block | EventAction::Warn => ("alert", "denied"),
            EventAction::Redact => ("alert", "change"),
            EventAction::Allow | EventAction::Justified => ("event", "allowed"),
            EventAction::Objection | EventAction::Status => ("event", "info"),
            EventAction::View => ("event", "access"),
            EventAction::Traffic => ("metric", "info"),
        };
        Event {
            id,
            action,
            reason,
            kind: kind.into(),
            category: vec!["web".into()],
            types: vec![types.into()],
        }
    }
}

/// Serde for [`Kind`] by its SPEC.md name.
mod kind_name {
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    use crate::detect::Kind;

    /// Writes [`Kind::name`].
    pub fn serialize<S: Serializer>(kind: &Kind, s: S) -> Result<S::Ok, S::Error> {
        kind.serialize(s)
    }

    /// Reads [`Kind::parse`].
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Kind, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Kind::parse(&name).ok_or_else(|| D::Error::custom(format!("unknown kind {name:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::chain::hex;
    use crate::detect::{Category, Confidence, Digits};

    #[test]
    fn incident_ids_use_the_unambiguous_alphabet() {
        for _ in 0..1000 {
            let id = IncidentId::random();
            let text = id.as_str();
            assert_eq!(text.len(), 8);
            assert!(text.starts_with("S-"));
            assert!(text[2..].bytes().all(|b| ID_ALPHABET.contains(&b)));
            assert!(!text[2..].contains(['0', 'O', '1', 'I', 'L', 'U']));
        }
        assert_eq!(IncidentId::new(" s-7k2m9q ").as_str(), "S-7K2M9Q");
        assert_eq!(hex(&fallback_bytes()).len(), 64);
    }

    #[test]
    fn summarize_groups_counts_and_masks() {
        let key = AuditKey::from_bytes(&[1; 32]);
        let pnr = |text: &str, digits: &[u8]| {
            Finding::new(
                Kind::Personnummer,
                "pnr.long",
                0..text.len(),
                Confidence::High,
            )
            .with_digits(Digits::from_ascii(digits))
        };
        let findings = vec![
            (pnr("19850101-2382", b"198501012382"), "19850101-2382"),
            (
                Finding::new(
                    Kind::Sensitive(Category::Health),
                    "vocab.strong",
                    0..8,
                    Confidence::High,
                ),
                "diabetes",
            ),
            (pnr("198501012382", b"198501012382"), "198501012382"),
            (pnr("19900101-0017", b"199001010017"), "19900101-0017"),
            (
                Finding::new(
                    Kind::Sensitive(Category::Health),
                    "vocab.strong",
                    0..6,
                    Confidence::High,
                ),
                "astma",
            ),
        ];
        let summary = summarize(&findings, &key);
        let counts: Vec<_> = summary.iter().map(|s| (s.kind, s.count)).collect();
        assert_eq!(
            counts,
            [
                (Kind::Personnummer, 2),
                (Kind::Sensitive(Category::Health), 2),
                (Kind::Personnummer, 1)
            ]
        );
        assert_eq!(summary[0].masked, "19XXXXXX-XXXX");
        assert_eq!(
            summary[0].key_hash.as_deref(),
            Some(key.key_hash("198501012382").as_str())
        );
        assert_eq!(summary[1].key_hash, None);
        assert_eq!(summary[1].masked, "[hälsa]");
    }

    #[test]
    fn event_type_follows_the_action() {
        let types: Vec<_> = [Action::Block, Action::Redact, Action::Allow]
            .into_iter()
            .map(|a| Event::new(IncidentId::new("S-2222AA"), a, String::new()))
            .map(|e| (e.kind, e.types))
            .collect();
        assert_eq!(
            types,
            [
                ("alert".to_string(), vec!["denied".to_string()]),
                ("alert".to_string(), vec!["change".to_string()]),
                ("event".to_string(), vec!["allowed".to_string()]),
            ]
        );
    }
}
