//! What sluss remembers, in bounded memory, about recent stops per person: which stops are
//! repeats of one incident, which stop a person has not yet seen explained (shown on their next
//! page load on that host), and each person's latest stops for the "Mina stopp" page.
//!
//! A person is the user named by the trusted user header, or else the client address. Nothing
//! here holds a detected value: an incident is found again by a keyed hash of its findings'
//! keyed hashes, and a stop is kept as kinds and counts.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::Peer;
use super::blocked::Stop;
use crate::audit::IncidentId;

/// Stops of the same value by the same person to the same service within this time of the
/// last one are one incident.
pub const REPEAT_WINDOW: Duration = Duration::from_secs(5 * 60);
/// A stop that the person saw only as an app's error is explained on their next page load on
/// that host within this time.
pub const NOTICE_WINDOW: Duration = Duration::from_secs(5 * 60);
/// How long a stop stays on the person's "Mina stopp" page (while sluss runs).
pub const MY_STOPS_AGE: Duration = Duration::from_secs(7 * 24 * 3600);
/// Stops kept per person for "Mina stopp".
pub const MY_STOPS_KEEP: usize = 20;
/// Incidents, notices and persons remembered at most (each); the oldest makes room.
pub const CAPACITY: usize = 4096;

/// Who a person is for these memories: `user:<name>` or `ip:<address>`.
pub fn person(peer: &Peer) -> String {
    match &peer.user {
        Some(user) => format!("user:{user}"),
        None => format!("ip:{}", peer.ip),
    }
}

/// An incident that a later stop may repeat.
#[derive(Clone, Debug)]
struct Open {
    id: IncidentId,
    count: u32,
}

/// The incident a stop belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    /// Its id: new, or that of the incident it repeats.
    pub id: IncidentId,
    /// Which stop of the incident this is (1 for the first).
    pub count: u32,
}

/// The three memories, each behind its own lock (held for a map operation only).
#[derive(Debug, Default)]
pub struct Recent {
    repeats: Mutex<Bounded<String, Open>>,
    notices: Mutex<Bounded<(String, String), Stop>>,
    mine: Mutex<Bounded<String, VecDeque<Stop>>>,
}

impl Recent {
    /// The incident for a stop with `fingerprint` (a keyed hash of who, where and what): the
    /// open one it repeats, else a new one with a fresh id.
    pub fn claim(&self, fingerprint: &str, now: Instant) -> Claim {
        let mut repeats = lock(&self.repeats);
        if let Some(open) = repeats.get_mut(fingerprint, REPEAT_WINDOW, now) {
            open.count = open.count.saturating_add(1);
            return Claim {
                id: open.id.clone(),
                count: open.count,
            };
        }
        let id = IncidentId::random();
        let open = Open {
            id: id.clone(),
            count: 1,
        };
        repeats.insert(fingerprint.to_string(), open, now);
        Claim { id, count: 1 }
    }

    /// Forgets a new incident whose record could not be written (a repeat must not point at
    /// an incident that is not in the log).
    pub fn unclaim(&self, fingerprint: &str, claim: &Claim) {
        if claim.count == 1 {
            lock(&self.repeats).remove(fingerprint);
        }
    }

    /// Leaves `stop` to be explained on `person`'s next page load on `host`.
    pub fn leave_notice(&self, person: &str, host: &str, stop: Stop, now: Instant) {
        let key = (person.to_string(), host.to_string());
        lock(&self.notices).insert(key, stop, now);
    }

    /// Takes the notice waiting for `person` on `host`, if it is recent enough.
    pub fn take_notice(&self, person: &str, host: &str, now: Instant) -> Option<Stop> {
        let key = (person.to_string(), host.to_string());
        let mut notices = lock(&self.notices);
        notices.get_mut(&key, NOTICE_WINDOW, now)?;
        notices.remove(&key)
    }

    /// Adds `stop` to `person`'s latest stops; a repeat replaces its incident's entry.
    pub fn remember(&self, person: &str, stop: Stop, now: Instant) {
        let mut mine = lock(&self.mine);
        if mine.get_mut(person, MY_STOPS_AGE, now).is_none() {
            mine.insert(person.to_string(), VecDeque::new(), now);
        }
        let Some(list) = mine.get_mut(person, MY_STOPS_AGE, now) else {
            return;
        };
        list.retain(|s| s.incident != stop.incident);
        list.push_front(stop);
        list.truncate(MY_STOPS_KEEP);
    }

    /// Adds a stop read back from the audit log at start ([`super::restore`]): placed by its
    /// time among those already there (stops of this run may be), an incident never twice.
    pub fn restore(&self, person: &str, stop: Stop, now: Instant) {
        let mut mine = lock(&self.mine);
        if mine.get_mut(person, MY_STOPS_AGE, now).is_none() {
            mine.insert(person.to_string(), VecDeque::new(), now);
        }
        let Some(list) = mine.get_mut(person, MY_STOPS_AGE, now) else {
            return;
        };
        if list
            .iter()
            .any(|s| s.incident == stop.incident && s.time >= stop.time)
        {
            return;
        }
        list.retain(|s| s.incident != stop.incident);
        let at = list
            .iter()
            .position(|s| s.time < stop.time)
            .unwrap_or(list.len());
        list.insert(at, stop);
        list.truncate(MY_STOPS_KEEP);
    }

    /// `person`'s latest stops, newest first.
    pub fn stops_of(&self, person: &str, now: Instant) -> Vec<Stop> {
        let mut mine = lock(&self.mine);
        let cutoff = std::time::SystemTime::now().checked_sub(MY_STOPS_AGE);
        mine.peek(person, MY_STOPS_AGE, now)
            .map(|list| {
                list.iter()
                    .filter(|s| cutoff.is_none_or(|c| s.time >= c))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock leaves a map that is still consistent (every operation
    // is a single map call), so a poisoned lock is used as it is.
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A map of at most [`CAPACITY`] entries, each stamped with when it was last touched; an
/// entry older than the caller's window counts as absent. When full, expired entries go
/// first, then the least recently touched.
#[derive(Debug)]
struct Bounded<K, V> {
    entries: HashMap<K, (V, Instant)>,
    capacity: usize,
}

impl<K, V> Default for Bounded<K, V> {
    fn default() -> Self {
        Bounded {
            entries: HashMap::new(),
            capacity: CAPACITY,
        }
    }
}

impl<K: Eq + Hash, V> Bounded<K, V> {
    fn insert(&mut self, key: K, value: V, now: Instant) {
        if self.entries.len() >= self.capacity && !self.entries.contains_key(&key) {
            self.make_room(now);
        }
        self.entries.insert(key, (value, now));
    }

    /// The live entry for `key`, touched (its window starts again).
    fn get_mut<Q>(&mut self, key: &Q, window: Duration, now: Instant) -> Option<&mut V>
    where
        K: std::borrow::Borrow<Q>,
        Q: Eq + Hash + ?Sized,
    {
        let live = self
            .entries
            .get(key)
            .is_some_and(|(_, at)| now.saturating_duration_since(*at) <= window);
        if !live {
            self.entries.remove(key);
            return None;
        }
        let (value, at) = self.entries.get_mut(key)?;
        *at = now;
        Some(value)
    }

    /// The live entry for `key`, untouched.
    fn peek<Q>(&mut self, key: &Q, window: Duration, now: Instant) -> Option<&V>
    where
        K: std::borrow::Borrow<Q>,
        Q: Eq + Hash + ?Sized,
    {
        match self.entries.get(key) {
            Some((value, at)) if now.saturating_duration_since(*at) <= window => Some(value),
            _ => None,
        }
    }

    fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        K: std::borrow::Borrow<Q>,
        Q: Eq + Hash + ?Sized,
    {
        self.entries.remove(key).map(|(value, _)| value)
    }

    /// Drops what no window keeps any more (the longest window of any user of this map is
    /// [`MY_STOPS_AGE`]), then, if still full, the least recently touched entry.
    fn make_room(&mut self, now: Instant) {
        self.entries
            .retain(|_, (_, at)| now.saturating_duration_since(*at) <= MY_STOPS_AGE);
        if self.entries.len() < self.capacity {
            return;
        }
        let oldest = self
            .entries
            .iter()
            .min_by_key(|(_, (_, at))| *at)
            .map(|(_, (_, at))| *at);
        if let Some(oldest) = oldest {
            self.entries.retain(|_, (_, at)| *at != oldest);
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Rule;

    fn stop(id: &str) -> Stop {
        Stop::new(IncidentId::new(id), "Tjänst", "ai.test", Rule::Personnummer)
    }

    #[test]
    fn a_repeat_within_the_window_is_the_same_incident() {
        let recent = Recent::default();
        let t0 = Instant::now();
        let first = recent.claim("fp", t0);
        assert_eq!(first.count, 1);
        let second = recent.claim("fp", t0 + Duration::from_secs(240));
        assert_eq!((second.id.clone(), second.count), (first.id.clone(), 2));
        // The window runs from the last stop.
        let third = recent.claim("fp", t0 + Duration::from_secs(480));
        assert_eq!((third.id, third.count), (first.id.clone(), 3));
        let later = recent.claim("fp", t0 + Duration::from_secs(480) + REPEAT_WINDOW * 2);
        assert_ne!(later.id, first.id);
        assert_eq!(later.count, 1);
        assert_ne!(recent.claim("other", t0).id, later.id);
    }

    #[test]
    fn a_notice_is_taken_once_and_only_while_fresh() {
        let recent = Recent::default();
        let t0 = Instant::now();
        recent.leave_notice("ip:10.0.0.1", "chat.test", stop("S-2222AA"), t0);
        assert!(recent.take_notice("ip:10.0.0.2", "chat.test", t0).is_none());
        assert!(recent.take_notice("ip:10.0.0.1", "api.test", t0).is_none());
        let taken = recent.take_notice("ip:10.0.0.1", "chat.test", t0 + Duration::from_secs(60));
        assert_eq!(taken.map(|s| s.incident), Some("S-2222AA".to_string()));
        assert!(recent.take_notice("ip:10.0.0.1", "chat.test", t0).is_none());
        recent.leave_notice("ip:10.0.0.1", "chat.test", stop("S-3333AA"), t0);
        let stale = t0 + NOTICE_WINDOW + Duration::from_secs(1);
        assert!(
            recent
                .take_notice("ip:10.0.0.1", "chat.test", stale)
                .is_none()
        );
    }

    #[test]
    fn my_stops_keep_the_latest_and_merge_repeats() {
        let recent = Recent::default();
        let t0 = Instant::now();
        for i in 0..30 {
            recent.remember("user:anna", stop(&format!("S-{i:06}")), t0);
        }
        let mut repeat = stop("S-000029");
        repeat.count = 2;
        recent.remember("user:anna", repeat, t0);
        let list = recent.stops_of("user:anna", t0);
        assert_eq!(list.len(), MY_STOPS_KEEP);
        assert_eq!((list[0].incident.as_str(), list[0].count), ("S-000029", 2));
        assert_eq!(list[1].incident, "S-000028");
        assert!(recent.stops_of("user:bo", t0).is_empty());
    }

    #[test]
    fn memory_is_bounded() {
        let mut map: Bounded<String, u32> = Bounded::default();
        let t0 = Instant::now();
        for i in 0..(CAPACITY as u32 + 500) {
            map.insert(format!("k{i}"), i, t0 + Duration::from_millis(u64::from(i)));
        }
        assert_eq!(map.len(), CAPACITY);
        let now = t0 + Duration::from_secs(10);
        assert!(map.peek("k0", Duration::from_secs(60), now).is_none());
        assert!(
            map.peek(
                &format!("k{}", CAPACITY + 499),
                Duration::from_secs(60),
                now
            )
            .is_some()
        );
    }
}
