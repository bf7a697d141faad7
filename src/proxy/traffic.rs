//! Writing the request counts ([`crate::audit::traffic`]) as `traffic` records: every
//! `[audit] traffic_interval_secs`, at each month's start (Swedish time) and when the proxy
//! stops; and, with `[register] publish_counts`, the requests per month that `/register`
//! shows (read from the logs at start, then kept up to date by the records written here).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use tokio::sync::Notify;

use super::Shared;
use crate::audit::traffic::count_monthly;
use crate::audit::{Month, Record};

/// How often the published counts are read again from every log when other instances'
/// logs are read too (their records are not written here).
const RELOAD_OTHERS: Duration = Duration::from_secs(3600);

/// Writes what was counted since the last call, one record per service; counts that cannot be
/// written go back into the tally for the next record.
pub async fn flush(shared: &Shared) {
    let now = SystemTime::now();
    let counts = shared.metrics.traffic.take(now);
    let mut unwritten = Vec::new();
    for (service, counts) in counts {
        match shared
            .audit
            .append(Record::traffic(&service, counts, now))
            .await
        {
            Ok(()) => shared
                .published
                .add(&service, Month::of(counts.since), counts.requests),
            Err(e) => {
                shared.metrics.audit_failures.inc();
                tracing::error!(error = %e, service = %service, "could not write the traffic record; its counts go into the next one");
                unwritten.push((service, counts));
            }
        }
    }
    shared.metrics.traffic.restore(unwritten);
}

/// Writes traffic records until `stop` is notified, then a last one. With `publish_counts`,
/// first reads the published counts from the logs.
pub async fn run(shared: Arc<Shared>, stop: Arc<Notify>) {
    let mut loaded = None;
    loop {
        let (publish, others) = {
            let config = &shared.runtime.load().config;
            (
                config.register_page.publish_counts,
                !config.audit.other_instances.is_empty(),
            )
        };
        let stale = loaded.is_none_or(|at: Instant| others && at.elapsed() >= RELOAD_OTHERS);
        if publish && stale {
            tokio::select! {
                () = load_published(&shared) => loaded = Some(Instant::now()),
                () = stop.notified() => break,
            }
        }
        let interval = shared.runtime.load().config.audit.traffic_interval;
        tokio::select! {
            () = tokio::time::sleep(until_due(SystemTime::now(), interval)) => flush(&shared).await,
            () = stop.notified() => break,
        }
    }
    flush(&shared).await;
}

/// The time to the next record: `interval`, or less when a month starts before.
pub fn until_due(now: SystemTime, interval: Duration) -> Duration {
    let month_start = Month::of(now).end();
    let to_month = month_start
        .duration_since(now)
        .unwrap_or(Duration::ZERO)
        .max(Duration::from_millis(1));
    interval.min(to_month)
}

/// Reads the requests per service and month from the `traffic` records of every log the
/// review page shows (this instance's and `[audit] other_instances`), for the months
/// `/register` shows.
async fn load_published(shared: &Arc<Shared>) {
    let reading = shared.clone();
    let task = move || -> Result<BTreeMap<(String, Month), u64>, crate::audit::AuditError> {
        let months = reading.runtime.load().config.register_page.months;
        let from = Month::of(SystemTime::now()).last(months)[0];
        let mut counts = BTreeMap::new();
        for source in crate::admin::review::sources(&reading)? {
            for record in source.reader()?.records().flatten() {
                count_monthly(&record, from, &mut counts);
            }
        }
        Ok(counts)
    };
    match tokio::task::spawn_blocking(task).await {
        Ok(Ok(counts)) => shared.published.replace(counts),
        Ok(Err(e)) => tracing::warn!(error = %e, "register: cannot read the request counts"),
        Err(e) => tracing::warn!(error = %e, "register: reading the request counts failed"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_due_at_the_start_of_a_month() {
        let nov = Month {
            year: 2026,
            month: 11,
        };
        let five_before = nov.end() - Duration::from_secs(300);
        let interval = Duration::from_secs(900);
        assert_eq!(until_due(five_before, interval), Duration::from_secs(300));
        assert_eq!(until_due(nov.start(), interval), interval);
    }
}
