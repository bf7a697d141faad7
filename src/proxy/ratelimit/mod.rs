//! Rate limits per client address and per user (the trusted `user_header`): requests per
//! minute to AI services, stops per hour (someone probing the detector with variants), and
//! open connections per client. The counting is governor's (GCRA: a burst of the limit, then
//! one more per share of the period); over a limit the client gets 429 with `Retry-After` and
//! a Swedish answer ([`answer`]), and each client and limit gets one audit record per window.
//!
//! A request is counted for its client address (unless the address is in `shared_clients`)
//! and, when the trusted header names one, for its user; it must pass both. Memory is bounded:
//! states that have returned to fresh are dropped every half minute, and if more than
//! `capacity` keys are tracked even then (a flood of distinct users), counting starts afresh.

pub mod answer;

use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use arc_swap::ArcSwap;
use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use tokio::sync::OnceCell;

use crate::config::LimitsConfig;

pub use answer::{admit_request, refuse_connection, stopped};

/// Keys tracked per limiter before counting starts afresh (about 100 bytes each).
pub const CAPACITY: usize = 100_000;
/// How often states that have returned to fresh are dropped.
const PRUNE_EVERY: Duration = Duration::from_secs(30);
/// How long a client refused for its connections is told to wait.
const CONNECTIONS_RETRY: Duration = Duration::from_secs(10);

/// Who a limit counts.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    /// A client address.
    Client(IpAddr),
    /// A user named by the trusted `user_header`.
    User(String),
}

/// Which limit a client is over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Limit {
    /// Requests to AI services per minute.
    Requests,
    /// Stops by the detector per hour.
    Stops,
    /// Open connections per client address.
    Connections,
}

impl Limit {
    /// `event.reason` in the audit log.
    pub fn reason(self) -> &'static str {
        match self {
            Limit::Requests => "rate_limit:requests",
            Limit::Stops => "rate_limit:stops",
            Limit::Connections => "rate_limit:connections",
        }
    }

    /// The `reason` label of `sluss_refused_total`.
    pub fn metric(self) -> &'static str {
        match self {
            Limit::Requests => "rate_limit_requests",
            Limit::Stops => "rate_limit_stops",
            Limit::Connections => "rate_limit_connections",
        }
    }

    /// One audit record per key and limit within this time.
    fn window(self) -> Duration {
        match self {
            Limit::Requests | Limit::Connections => Duration::from_secs(60),
            Limit::Stops => Duration::from_secs(3600),
        }
    }
}

/// A request or connection refused for a limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The limit.
    pub limit: Limit,
    /// Who is over it.
    pub key: Key,
    /// How long until the next try can pass.
    pub retry_after: Duration,
    /// The limit's value (per minute, per hour, or connections).
    pub allowed: u32,
}

/// The limiters of one version of `[limits]`.
struct Limiters {
    config: LimitsConfig,
    requests: Option<DefaultKeyedRateLimiter<Key>>,
    stops: Option<DefaultKeyedRateLimiter<Key>>,
    /// Keys that went over their stops, refused until then.
    penalties: Mutex<HashMap<Key, Instant>>,
    /// How many penalties there are (read without the lock on every request).
    penalized: AtomicUsize,
}

impl Limiters {
    fn new(config: &LimitsConfig) -> Limiters {
        let keyed = |quota: Option<Quota>| quota.map(RateLimiter::keyed);
        Limiters {
            config: config.clone(),
            requests: keyed(config.requests_per_minute.map(Quota::per_minute)),
            stops: keyed(config.stops_per_hour.map(Quota::per_hour)),
            penalties: Mutex::new(HashMap::new()),
            penalized: AtomicUsize::new(0),
        }
    }

    /// The keys a request from `ip` by `user` counts for.
    fn keys(&self, ip: IpAddr, user: Option<&str>) -> Vec<Key> {
        let mut keys = Vec::with_capacity(2);
        if !self.config.is_shared(ip) {
            keys.push(Key::Client(ip.to_canonical()));
        }
        if let Some(user) = user {
            keys.push(Key::User(user.to_string()));
        }
        keys
    }

    /// How much longer `key` is refused for its stops, if it is.
    fn penalty(&self, key: &Key) -> Option<Duration> {
        if self.penalized.load(Ordering::Acquire) == 0 {
            return None;
        }
        let until = *lock(&self.penalties).get(key)?;
        until
            .checked_duration_since(Instant::now())
            .filter(|left| !left.is_zero())
    }

    fn penalize(&self, key: Key, until: Instant) {
        let mut penalties = lock(&self.penalties);
        penalties.insert(key, until);
        self.penalized.store(penalties.len(), Ordering::Release);
    }

    /// Drops states that have returned to fresh and penalties that are over; true when more
    /// than `capacity` keys are still tracked.
    fn prune(&self, capacity: usize) -> bool {
        let mut full = false;
        for limiter in [&self.requests, &self.stops].into_iter().flatten() {
            limiter.retain_recent();
            limiter.shrink_to_fit();
            full |= limiter.len() > capacity;
        }
        let now = Instant::now();
        let mut penalties = lock(&self.penalties);
        penalties.retain(|_, until| *until > now);
        self.penalized.store(penalties.len(), Ordering::Release);
        full || penalties.len() > capacity
    }

    fn tracked(&self) -> usize {
        [&self.requests, &self.stops]
            .into_iter()
            .flatten()
            .map(|l| l.len())
            .max()
            .unwrap_or(0)
    }
}

/// One audit record per key and limit within the limit's window: the incident id every
/// refusal in the window shows.
struct Window {
    until: Instant,
    incident: Arc<OnceCell<String>>,
}

/// The rate limits of the proxy and their state.
pub struct RateLimits {
    limiters: ArcSwap<Limiters>,
    open: Mutex<HashMap<IpAddr, u32>>,
    windows: Mutex<HashMap<(Key, Limit), Window>>,
    capacity: usize,
    epoch: Instant,
    /// Milliseconds after `epoch` of the last pruning.
    pruned: AtomicU64,
    checks: AtomicU64,
}

impl RateLimits {
    /// The limits of `config`, tracking up to [`CAPACITY`] keys.
    pub fn new(config: &LimitsConfig) -> RateLimits {
        RateLimits::with_capacity(config, CAPACITY)
    }

    /// The limits of `config`, tracking up to `capacity` keys per limiter.
    pub fn with_capacity(config: &LimitsConfig, capacity: usize) -> RateLimits {
        RateLimits {
            limiters: ArcSwap::from_pointee(Limiters::new(config)),
            open: Mutex::new(HashMap::new()),
            windows: Mutex::new(HashMap::new()),
            capacity: capacity.max(1),
            epoch: Instant::now(),
            pruned: AtomicU64::new(0),
            checks: AtomicU64::new(0),
        }
    }

    /// Applies a reloaded `[limits]`: when it changed, counting starts afresh with the new
    /// numbers (open connections stay counted).
    pub fn configure(&self, config: &LimitsConfig) {
        if self.limiters.load().config != *config {
            self.limiters.store(Arc::new(Limiters::new(config)));
        }
    }

    /// Counts a request to an AI service from `ip` by `user`; the refusal when the client or
    /// the user is over its stops (refused for a while) or its requests per minute.
    pub fn check_request(&self, ip: IpAddr, user: Option<&str>) -> Result<(), Refusal> {
        let limiters = self.limiters.load();
        self.maybe_prune(&limiters);
        let keys = limiters.keys(ip, user);
        for key in &keys {
            if let Some(left) = limiters.penalty(key) {
                return Err(Refusal {
                    limit: Limit::Stops,
                    key: key.clone(),
                    retry_after: left,
                    allowed: limiters.config.stops_per_hour.map_or(0, NonZeroU32::get),
                });
            }
        }
        let Some(requests) = &limiters.requests else {
            return Ok(());
        };
        for key in keys {
            if let Err(not_until) = requests.check_key(&key) {
                return Err(Refusal {
                    limit: Limit::Requests,
                    key,
                    retry_after: not_until.wait_time_from(requests.clock().now()),
                    allowed: limiters
                        .config
                        .requests_per_minute
                        .map_or(0, NonZeroU32::get),
                });
            }
        }
        Ok(())
    }

    /// Counts a stop by the detector for `ip` and `user`: a key over its stops per hour is
    /// refused until its next stop would be allowed.
    pub fn stopped(&self, ip: IpAddr, user: Option<&str>) {
        let limiters = self.limiters.load();
        let Some(stops) = &limiters.stops else {
            return;
        };
        for key in limiters.keys(ip, user) {
            if let Err(not_until) = stops.check_key(&key) {
                let wait = not_until.wait_time_from(stops.clock().now());
                limiters.penalize(key, Instant::now() + wait);
            }
        }
    }

    /// Opens a connection from `ip`: a slot held while it lives (`None` when connections
    /// are not limited for it), or the refusal when the client has its limit open already.
    pub fn open_connection(self: &Arc<Self>, ip: IpAddr) -> Result<Option<ClientSlot>, Refusal> {
        let ip = ip.to_canonical();
        let limiters = self.limiters.load();
        let Some(limit) = limiters.config.connections_per_client else {
            return Ok(None);
        };
        if limiters.config.is_shared(ip) {
            return Ok(None);
        }
        let mut open = lock(&self.open);
        let count = open.entry(ip).or_insert(0);
        if *count >= limit.get() {
            return Err(Refusal {
                limit: Limit::Connections,
                key: Key::Client(ip),
                retry_after: CONNECTIONS_RETRY,
                allowed: limit.get(),
            });
        }
        *count += 1;
        Ok(Some(ClientSlot {
            rate: self.clone(),
            ip,
        }))
    }

    /// Open connections of `ip` counted against its limit.
    pub fn open_connections(&self, ip: IpAddr) -> u32 {
        lock(&self.open)
            .get(&ip.to_canonical())
            .copied()
            .unwrap_or(0)
    }

    /// Keys tracked by the busiest limiter (for tests and metrics).
    pub fn tracked(&self) -> usize {
        self.limiters.load().tracked()
    }

    /// The incident of the current window for `key` and `limit`: the first refusal in a
    /// window fills it (one audit record), later ones show the same id.
    fn window(&self, key: &Key, limit: Limit) -> Arc<OnceCell<String>> {
        let now = Instant::now();
        let mut windows = lock(&self.windows);
        if windows.len() > self.capacity {
            windows.retain(|_, w| w.until > now);
            if windows.len() > self.capacity {
                windows.clear();
            }
        }
        let entry = windows
            .entry((key.clone(), limit))
            .or_insert_with(|| Window {
                until: now + limit.window(),
                incident: Arc::new(OnceCell::new()),
            });
        if entry.until <= now {
            *entry = Window {
                until: now + limit.window(),
                incident: Arc::new(OnceCell::new()),
            };
        }
        entry.incident.clone()
    }

    /// Prunes every [`PRUNE_EVERY`], checked once per 256 requests; starts afresh when even
    /// then more than `capacity` keys are tracked.
    fn maybe_prune(&self, limiters: &Limiters) {
        if self.checks.fetch_add(1, Ordering::Relaxed) % 256 != 255 {
            return;
        }
        let now = u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX);
        let last = self.pruned.load(Ordering::Relaxed);
        let due = now.saturating_sub(last) >= PRUNE_EVERY.as_millis() as u64;
        if !due && limiters.tracked() <= self.capacity {
            return;
        }
        self.pruned.store(now, Ordering::Relaxed);
        if limiters.prune(self.capacity) {
            tracing::warn!(
                capacity = self.capacity,
                "more clients and users than the rate limits track: counting starts afresh"
            );
            self.limiters
                .store(Arc::new(Limiters::new(&limiters.config)));
        }
    }
}

impl std::fmt::Debug for RateLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimits")
            .field("tracked", &self.tracked())
            .finish_non_exhaustive()
    }
}

/// A connection's place in its client's `connections_per_client`; given back on drop.
#[derive(Debug)]
pub struct ClientSlot {
    rate: Arc<RateLimits>,
    ip: IpAddr,
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        let mut open = lock(&self.rate.open);
        if let Some(count) = open.get_mut(&self.ip) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // Every update is one call on the map: a panic elsewhere cannot leave it half-changed.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(requests: u32, stops: u32, connections: u32) -> LimitsConfig {
        LimitsConfig {
            requests_per_minute: NonZeroU32::new(requests),
            stops_per_hour: NonZeroU32::new(stops),
            connections_per_client: NonZeroU32::new(connections),
            shared_clients: vec!["10.9.0.0/16".parse().unwrap_or_else(|_| unreachable!())],
        }
    }

    const A: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 1));
    const B: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 2));
    const SHARED: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 9, 0, 1));

    #[test]
    fn requests_pass_up_to_the_limit_per_client_and_per_user() {
        let rate = RateLimits::new(&config(3, 100, 10));
        for _ in 0..3 {
            assert_eq!(rate.check_request(A, None), Ok(()));
        }
        let refusal = rate.check_request(A, None).err();
        assert!(
            matches!(&refusal, Some(r) if r.limit == Limit::Requests && r.key == Key::Client(A)
                && r.retry_after > Duration::from_secs(15) && r.retry_after <= Duration::from_secs(20)),
            "{refusal:?}"
        );
        assert_eq!(rate.check_request(B, None), Ok(()), "another client");
        for _ in 0..3 {
            assert_eq!(rate.check_request(SHARED, Some("anna")), Ok(()));
        }
        let refusal = rate.check_request(SHARED, Some("anna")).err();
        assert_eq!(refusal.map(|r| r.key), Some(Key::User("anna".into())));
        assert_eq!(
            rate.check_request(SHARED, Some("bo")),
            Ok(()),
            "a shared address is limited per user only"
        );
        assert_eq!(
            rate.check_request(B, Some("anna")).err().map(|r| r.key),
            Some(Key::User("anna".into())),
            "the user is over on every address"
        );
    }

    #[test]
    fn too_many_stops_refuse_requests_for_a_while() {
        let rate = RateLimits::new(&config(1000, 2, 10));
        rate.stopped(A, None);
        rate.stopped(A, None);
        assert_eq!(rate.check_request(A, None), Ok(()), "within the limit");
        rate.stopped(A, None);
        let refusal = rate.check_request(A, None).err();
        assert!(
            matches!(&refusal, Some(r) if r.limit == Limit::Stops
                && r.retry_after > Duration::from_secs(1700) && r.retry_after <= Duration::from_secs(1800)),
            "one more stop per half hour: {refusal:?}"
        );
        assert_eq!(rate.check_request(B, None), Ok(()));
    }

    #[test]
    fn connections_are_counted_while_their_slots_live() -> Result<(), Refusal> {
        let rate = Arc::new(RateLimits::new(&config(10, 10, 2)));
        let first = rate.open_connection(A)?;
        let second = rate.open_connection(A)?;
        assert!(first.is_some() && second.is_some());
        let third = rate.open_connection(A);
        assert_eq!(third.err().map(|r| r.limit), Some(Limit::Connections));
        assert!(
            rate.open_connection(SHARED)?.is_none(),
            "shared: not limited"
        );
        drop(first);
        assert_eq!(rate.open_connections(A), 1);
        assert!(rate.open_connection(A)?.is_some());
        drop(second);
        assert_eq!(rate.open_connections(A), 0);
        assert!(lock(&rate.open).is_empty(), "closed clients are forgotten");
        Ok(())
    }

    #[test]
    fn memory_stays_bounded_under_a_flood_of_users() {
        let rate = RateLimits::with_capacity(&config(5, 5, 5), 1000);
        for i in 0..20_000u32 {
            let _ = rate.check_request(SHARED, Some(&format!("user-{i}")));
            assert!(
                rate.tracked() <= 1000 + 256 * 2,
                "{} at {i}",
                rate.tracked()
            );
        }
    }

    #[test]
    fn one_window_per_key_and_limit() {
        let rate = RateLimits::new(&config(1, 1, 1));
        let a = rate.window(&Key::Client(A), Limit::Requests);
        let again = rate.window(&Key::Client(A), Limit::Requests);
        let other = rate.window(&Key::Client(A), Limit::Stops);
        assert!(Arc::ptr_eq(&a, &again));
        assert!(!Arc::ptr_eq(&a, &other));
    }

    #[test]
    fn a_reload_with_new_numbers_starts_afresh() {
        let rate = RateLimits::new(&config(1, 5, 5));
        assert_eq!(rate.check_request(A, None), Ok(()));
        assert!(rate.check_request(A, None).is_err());
        rate.configure(&config(1, 5, 5));
        assert!(rate.check_request(A, None).is_err(), "same numbers: kept");
        rate.configure(&config(2, 5, 5));
        assert_eq!(rate.check_request(A, None), Ok(()));
    }
}
