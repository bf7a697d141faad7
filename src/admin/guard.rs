//! Failed logins per client address: each one is answered late ([`FAILURE_DELAY`]), and an
//! address that fails more than [`FAILURE_BURST`] times (one more allowed per
//! [`FAILURE_PERIOD`]) is refused for [`LOCKOUT`] without its credentials being looked at.
//! The counting is governor's (GCRA, one state per address).

use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// Failed logins allowed in a row.
pub const FAILURE_BURST: u32 = 5;
/// One more failed login allowed per this period.
pub const FAILURE_PERIOD: Duration = Duration::from_secs(60);
/// How long an address is refused once it is over the limit.
pub const LOCKOUT: Duration = Duration::from_secs(15 * 60);
/// How late a failed login is answered.
pub const FAILURE_DELAY: Duration = Duration::from_millis(500);
/// Addresses tracked before old ones are forgotten.
const TRACKED: usize = 10_000;

/// Failed logins per client address.
pub struct LoginGuard {
    failures: DefaultKeyedRateLimiter<IpAddr>,
    locked: Mutex<HashMap<IpAddr, Instant>>,
    lockout: Duration,
}

impl LoginGuard {
    /// The guard with the defaults above.
    pub fn new() -> LoginGuard {
        LoginGuard::with(FAILURE_BURST, FAILURE_PERIOD, LOCKOUT)
    }

    /// A guard allowing `burst` failures in a row, one more per `period`, then refusing for
    /// `lockout`.
    pub fn with(burst: u32, period: Duration, lockout: Duration) -> LoginGuard {
        let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::with_period(period)
            .unwrap_or_else(|| Quota::per_minute(NonZeroU32::MIN))
            .allow_burst(burst);
        LoginGuard {
            failures: RateLimiter::keyed(quota),
            locked: Mutex::new(HashMap::new()),
            lockout,
        }
    }

    /// How much longer `client` is refused, if it is.
    pub fn refused(&self, client: IpAddr) -> Option<Duration> {
        let mut locked = self.lock();
        let until = *locked.get(&client)?;
        match until.checked_duration_since(Instant::now()) {
            Some(left) if !left.is_zero() => Some(left),
            _ => {
                locked.remove(&client);
                None
            }
        }
    }

    /// Counts a failed login of `client`; `true` when this one puts it over the limit (it is
    /// refused from now on, for the lockout).
    pub fn failed(&self, client: IpAddr) -> bool {
        if self.failures.len() > TRACKED {
            self.failures.retain_recent();
        }
        if self.failures.check_key(&client).is_ok() {
            return false;
        }
        let mut locked = self.lock();
        if locked.len() > TRACKED {
            let now = Instant::now();
            locked.retain(|_, until| *until > now);
        }
        locked.insert(client, Instant::now() + self.lockout);
        true
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<IpAddr, Instant>> {
        self.locked
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Default for LoginGuard {
    fn default() -> Self {
        LoginGuard::new()
    }
}

impl std::fmt::Debug for LoginGuard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LoginGuard({} locked)", self.lock().len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_refused_after_its_burst_and_others_are_not() {
        let guard = LoginGuard::with(3, Duration::from_secs(3600), Duration::from_secs(60));
        let a = IpAddr::from([10, 0, 0, 1]);
        let b = IpAddr::from([10, 0, 0, 2]);
        assert!(!guard.failed(a) && !guard.failed(a) && !guard.failed(a));
        assert_eq!(guard.refused(a), None);
        assert!(guard.failed(a), "the fourth failure locks");
        assert!(
            guard
                .refused(a)
                .is_some_and(|left| left > Duration::from_secs(50))
        );
        assert_eq!(guard.refused(b), None);
        assert!(!guard.failed(b));
    }

    #[test]
    fn a_lockout_ends() {
        let guard = LoginGuard::with(1, Duration::from_secs(3600), Duration::ZERO);
        let a = IpAddr::from([10, 0, 0, 1]);
        assert!(!guard.failed(a));
        assert!(guard.failed(a));
        assert_eq!(guard.refused(a), None, "a zero lockout is over at once");
    }
}
