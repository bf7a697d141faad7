//! Warn and justify: a request that a `warn` rule holds is answered with a one-time token; the
//! person may send it anyway with a written justification, within [`DEFAULT_TTL`], with the
//! very same body (SHA-256 checked), to the same host, method and path, as the same person.
//!
//! - An API client gets a 403 whose JSON carries the token; a retry sends it in
//!   [`TOKEN_HEADER`] with the justification in [`TEXT_HEADER`] (UTF-8).
//! - A browser gets a Swedish interstitial whose form posts the justification to
//!   [`FORM_PATH`] on the same (intercepted) host; sluss then sends the request it held.
//!
//! Pending requests are bounded: at most [`MAX_PENDING`], held bodies at most
//! [`MAX_HELD_BYTES`] together; the oldest make room and expired ones are dropped. A token is
//! used once, whether the retry passes or not.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{HeaderMap, Method, Uri, Version};
use sha2::{Digest, Sha256};

use crate::audit::IncidentId;

/// How long a token is good for.
pub const DEFAULT_TTL: Duration = Duration::from_secs(5 * 60);
/// Pending requests at most.
pub const MAX_PENDING: usize = 1024;
/// Bytes of held bodies (for browsers) at most, all together.
pub const MAX_HELD_BYTES: usize = 32 << 20;
/// The header a retry carries the token in.
pub const TOKEN_HEADER: &str = "x-sluss-justification-token";
/// The header a retry carries the justification in (UTF-8).
pub const TEXT_HEADER: &str = "x-sluss-justification";
/// Where the interstitial's form posts, on the service's own host.
pub const FORM_PATH: &str = "/.sluss/motivering";

/// The request as the browser sent it, held to be sent once justified.
#[derive(Clone, Debug)]
pub struct Held {
    /// Its method.
    pub method: Method,
    /// Its URI.
    pub uri: Uri,
    /// Its HTTP version.
    pub version: Version,
    /// Its headers.
    pub headers: HeaderMap,
    /// Its body, as received.
    pub body: Bytes,
}

/// What a token stands for.
#[derive(Clone, Debug)]
pub struct Pending {
    /// The incident of the warning.
    pub incident: IncidentId,
    /// Who was warned ([`super::recent::person`]).
    pub person: String,
    /// The request's host, method and path.
    pub target: (String, String, String),
    /// SHA-256 of the body as received.
    pub body_hash: [u8; 32],
    /// The rule that warned.
    pub rule: crate::policy::Rule,
    /// The request itself, for a browser.
    pub held: Option<Held>,
    created: Instant,
}

impl Pending {
    /// A pending request of `person` to `target` with `body`.
    pub fn new(
        incident: IncidentId,
        person: String,
        target: (String, String, String),
        body: &[u8],
        rule: crate::policy::Rule,
    ) -> Pending {
        Pending {
            incident,
            person,
            target,
            body_hash: body_hash(body),
            rule,
            held: None,
            created: Instant::now(),
        }
    }

    fn held_bytes(&self) -> usize {
        self.held.as_ref().map_or(0, |h| h.body.len())
    }
}

/// SHA-256 of a body.
pub fn body_hash(body: &[u8]) -> [u8; 32] {
    Sha256::digest(body).into()
}

/// Why a token was not accepted (each one-time: the token is gone either way).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No such token (never issued, used already, or dropped to make room).
    Unknown,
    /// Issued more than the time allowed ago.
    Expired,
    /// Issued to someone else, or for another host, method or path.
    Elsewhere,
    /// The body is not the one warned about.
    OtherBody,
}

impl Refusal {
    /// The JSON error code.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::Unknown => "justification_token_unknown",
            Refusal::Expired => "justification_token_expired",
            Refusal::Elsewhere => "justification_token_mismatch",
            Refusal::OtherBody => "justification_body_changed",
        }
    }

    /// The Swedish explanation.
    pub fn message(self) -> &'static str {
        match self {
            Refusal::Unknown => {
                "Motiveringen godtogs inte: koden är okänd eller redan använd. Skicka förfrågan igen utan kod för att få en ny."
            }
            Refusal::Expired => {
                "Motiveringen godtogs inte: koden har gått ut. Skicka förfrågan igen utan kod för att få en ny."
            }
            Refusal::Elsewhere => {
                "Motiveringen godtogs inte: koden gäller en annan förfrågan eller en annan person."
            }
            Refusal::OtherBody => {
                "Motiveringen godtogs inte: innehållet är inte detsamma som varningen gällde. Skicka förfrågan igen utan kod för att få en ny varning."
            }
        }
    }
}

/// The pending requests.
#[derive(Debug)]
pub struct Justifications {
    pending: Mutex<HashMap<String, Pending>>,
    ttl: Mutex<Duration>,
}

impl Default for Justifications {
    fn default() -> Self {
        Justifications {
            pending: Mutex::new(HashMap::new()),
            ttl: Mutex::new(DEFAULT_TTL),
        }
    }
}

impl Justifications {
    /// Changes how long tokens are good for (tests use it to expire them without waiting);
    /// applies to tokens already issued too.
    pub fn set_ttl(&self, ttl: Duration) {
        *self
            .ttl
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = ttl;
    }

    fn ttl(&self) -> Duration {
        *self
            .ttl
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Pending requests now.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether none is pending.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Pending>> {
        self.pending
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Keeps `pending` under a new token and returns the token; expired requests are
    /// dropped, and the oldest make room when over the bounds. A held body larger than the
    /// whole room is not held (the browser flow then asks for the request to be sent again).
    pub fn issue(&self, mut pending: Pending) -> String {
        if pending.held_bytes() > MAX_HELD_BYTES {
            pending.held = None;
        }
        let token = new_token();
        let ttl = self.ttl();
        let mut map = self.lock();
        map.retain(|_, p| p.created.elapsed() <= ttl);
        let mut held: usize = map.values().map(Pending::held_bytes).sum();
        while map.len() >= MAX_PENDING || held + pending.held_bytes() > MAX_HELD_BYTES {
            let Some(oldest) = map
                .iter()
                .min_by_key(|(_, p)| p.created)
                .map(|(t, _)| t.clone())
            else {
                break;
            };
            if let Some(gone) = map.remove(&oldest) {
                held -= gone.held_bytes();
            }
        }
        map.insert(token.clone(), pending);
        token
    }

    /// Takes the request of `token` (it is gone afterwards, whatever the answer) if it is
    /// still good, for `person`, `target` (host, method, path; with an empty method, the host
    /// only: the browser's form posts elsewhere on the host) and a body with `hash` (`None`:
    /// the held body is sent, nothing to compare).
    pub fn take(
        &self,
        token: &str,
        person: &str,
        target: &(String, String, String),
        hash: Option<&[u8; 32]>,
    ) -> Result<Pending, Refusal> {
        let ttl = self.ttl();
        let pending = self.lock().remove(token.trim()).ok_or(Refusal::Unknown)?;
        if pending.created.elapsed() > ttl {
            return Err(Refusal::Expired);
        }
        let same_target = pending.target.0 == target.0
            && (target.1.is_empty()
                || (pending.target.1 == target.1 && pending.target.2 == target.2));
        if pending.person != person || !same_target {
            return Err(Refusal::Elsewhere);
        }
        if hash.is_some_and(|h| h != &pending.body_hash) {
            return Err(Refusal::OtherBody);
        }
        Ok(pending)
    }
}

/// 32 random hex digits (the id generator's fallback when the system's fails).
fn new_token() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        let id = IncidentId::random();
        bytes = Sha256::digest(format!("{id}{:?}", Instant::now()).as_bytes())[..16]
            .try_into()
            .unwrap_or([0; 16]);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Rule;

    fn target() -> (String, String, String) {
        ("ai.test".into(), "POST".into(), "/v1/chat".into())
    }

    fn pending(body: &[u8]) -> Pending {
        let id = IncidentId::new("S-2222AA");
        Pending::new(
            id,
            "user:anna".into(),
            target(),
            body,
            Rule::SensitiveWithoutIdentifier,
        )
    }

    #[test]
    fn a_token_is_good_once_for_the_same_person_and_body() {
        let store = Justifications::default();
        let token = store.issue(pending(b"hej"));
        assert_eq!(token.len(), 32);
        let hash = body_hash(b"hej");
        assert!(
            store
                .take(&token, "user:anna", &target(), Some(&hash))
                .is_ok()
        );
        let again = store.take(&token, "user:anna", &target(), Some(&hash));
        assert_eq!(again.err(), Some(Refusal::Unknown));
        let token = store.issue(pending(b"hej"));
        let other = store.take(&token, "user:bo", &target(), Some(&hash));
        assert_eq!(other.err(), Some(Refusal::Elsewhere));
        let token = store.issue(pending(b"hej"));
        let changed = store.take(&token, "user:anna", &target(), Some(&body_hash(b"hej!")));
        assert_eq!(changed.err(), Some(Refusal::OtherBody));
        let token = store.issue(pending(b"hej"));
        store.set_ttl(Duration::ZERO);
        let late = store.take(&token, "user:anna", &target(), Some(&hash));
        assert_eq!(late.err(), Some(Refusal::Expired));
    }

    #[test]
    fn pending_requests_are_bounded() {
        let store = Justifications::default();
        for _ in 0..MAX_PENDING + 10 {
            store.issue(pending(b"x"));
        }
        assert_eq!(store.len(), MAX_PENDING);
        let mut big = pending(b"y");
        big.held = Some(Held {
            method: Method::POST,
            uri: Uri::from_static("/"),
            version: Version::HTTP_11,
            headers: HeaderMap::new(),
            body: Bytes::from(vec![0u8; MAX_HELD_BYTES / 2 + 1]),
        });
        store.issue(big.clone());
        store.issue(big);
        let held: usize = store.lock().values().map(Pending::held_bytes).sum();
        assert!(held <= MAX_HELD_BYTES);
    }
}
