//! One budget of memory for request bodies held for inspection, shared by every request: a
//! body reserves room as it is read (its declared length at once, else step by step), a request
//! that finds no room waits a little and then gets a 503, and the room is given back when the
//! request has been answered.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Room is taken in steps of at least this many bytes (fewer semaphore operations for bodies
/// that arrive in small chunks).
const STEP: usize = 64 * 1024;

/// No room was found in the budget within the wait.
#[derive(Debug, thiserror::Error)]
#[error("no room in the body budget within {0:?}")]
pub struct Exhausted(pub Duration);

/// The room one request holds in the budget.
pub struct Reservation {
    budget: Arc<Semaphore>,
    total: usize,
    wait: Duration,
    held: Option<OwnedSemaphorePermit>,
}

impl Reservation {
    /// An empty reservation in `budget` (of `total` bytes); each growth waits at most `wait`.
    pub fn new(budget: Arc<Semaphore>, total: usize, wait: Duration) -> Reservation {
        Reservation {
            budget,
            total,
            wait,
            held: None,
        }
    }

    /// Bytes held.
    pub fn held(&self) -> usize {
        self.held
            .as_ref()
            .map_or(0, OwnedSemaphorePermit::num_permits)
    }

    /// Makes sure at least `bytes` are held (never more than the whole budget).
    pub async fn ensure(&mut self, bytes: usize) -> Result<(), Exhausted> {
        let want = bytes.min(self.total);
        let held = self.held();
        if want <= held {
            return Ok(());
        }
        let more = (want - held).max(STEP).min(self.total - held);
        let n = u32::try_from(more).unwrap_or(u32::MAX);
        let acquired =
            tokio::time::timeout(self.wait, self.budget.clone().acquire_many_owned(n)).await;
        let permit = match acquired {
            Ok(Ok(permit)) => permit,
            // A closed semaphore cannot happen (it is never closed); treat it as no room.
            _ => return Err(Exhausted(self.wait)),
        };
        match &mut self.held {
            Some(held) => held.merge(permit),
            None => self.held = Some(permit),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn room_is_shared_waited_for_and_given_back() -> Result<(), Exhausted> {
        let total = 256 * 1024;
        let budget = Arc::new(Semaphore::new(total));
        let wait = Duration::from_secs(5);
        let mut a = Reservation::new(budget.clone(), total, wait);
        a.ensure(150 * 1024).await?;
        assert_eq!(a.held(), 150 * 1024);
        a.ensure(10).await?;
        assert_eq!(a.held(), 150 * 1024, "already held");
        let mut b = Reservation::new(budget.clone(), total, wait);
        b.ensure(1).await?;
        assert_eq!(b.held(), STEP, "a small body takes one step");
        let mut c = Reservation::new(budget.clone(), total, wait);
        let started = tokio::time::Instant::now();
        assert!(c.ensure(50 * 1024).await.is_err(), "no room: refused");
        assert_eq!(started.elapsed(), wait, "after the wait");
        let waiting = tokio::spawn(async move { c.ensure(50 * 1024).await.map(|()| c) });
        drop(a);
        let c = waiting.await.map_err(|_| Exhausted(wait))??;
        assert_eq!(c.held(), STEP);
        drop((b, c));
        let mut huge = Reservation::new(budget, total, wait);
        huge.ensure(1 << 30).await?;
        assert_eq!(huge.held(), total, "never more than the whole budget");
        Ok(())
    }
}
