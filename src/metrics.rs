//! Counters for `/metrics` (Prometheus text format): what the proxy let through, redacted and
//! stopped, what it found (kinds only), and how it is doing (connections, upstream failures,
//! inspection time and added latency as histograms, audit failures, reloads, the process's CPU
//! time and memory).
//!
//! Counters on the request path are atomics; labelled counters take a short lock only when a
//! request has findings or is stopped.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::time::Duration;

use crate::detect::Kind;
use crate::policy::Action;

/// A monotonically increasing count.
#[derive(Debug, Default)]
pub struct Counter(AtomicU64);

impl Counter {
    /// Adds one.
    pub fn inc(&self) {
        self.add(1);
    }

    /// Adds `n`.
    pub fn add(&self, n: u64) {
        self.0.fetch_add(n, Ordering::Relaxed);
    }

    /// The current count.
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// A value that goes up and down.
#[derive(Debug, Default)]
pub struct Gauge(AtomicI64);

impl Gauge {
    /// Adds one.
    pub fn inc(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }

    /// Subtracts one.
    pub fn dec(&self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }

    /// Adds one; the returned guard subtracts it again when dropped.
    pub fn track(&self) -> GaugeGuard<'_> {
        self.0.fetch_add(1, Ordering::Relaxed);
        GaugeGuard(self)
    }

    /// The current value.
    pub fn get(&self) -> i64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// Subtracts one from its gauge when dropped.
#[derive(Debug)]
pub struct GaugeGuard<'a>(&'a Gauge);

impl Drop for GaugeGuard<'_> {
    fn drop(&mut self) {
        self.0.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Counts per combination of label values (a kind; a service and an action). Counting a
/// combination seen before allocates nothing: the key is found by a hash of the values.
#[derive(Debug, Default)]
pub struct Labeled(Mutex<Buckets>);

/// Label values and their counts, bucketed by a hash of the values.
type Buckets = HashMap<u64, Vec<(Vec<String>, u64)>>;

fn key_hash(values: &[&str]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for value in values {
        value.hash(&mut hasher);
    }
    hasher.finish()
}

impl Labeled {
    /// Adds `n` to the count of `values` (one value per label, in the order of the names
    /// given to the renderer).
    pub fn add(&self, values: &[&str], n: u64) {
        let mut map = self.lock();
        let bucket = map.entry(key_hash(values)).or_default();
        match bucket
            .iter_mut()
            .find(|(k, _)| k.iter().map(String::as_str).eq(values.iter().copied()))
        {
            Some((_, count)) => *count += n,
            None => bucket.push((values.iter().map(|v| v.to_string()).collect(), n)),
        }
    }

    /// The count of `values`.
    pub fn get(&self, values: &[&str]) -> u64 {
        self.lock()
            .get(&key_hash(values))
            .and_then(|bucket| {
                bucket
                    .iter()
                    .find(|(k, _)| k.iter().map(String::as_str).eq(values.iter().copied()))
            })
            .map_or(0, |(_, v)| *v)
    }

    /// Every combination and its count, sorted by the values.
    fn snapshot(&self) -> Vec<(Vec<String>, u64)> {
        let mut all: Vec<(Vec<String>, u64)> = self.lock().values().flatten().cloned().collect();
        all.sort();
        all
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Buckets> {
        // Counters stay usable after a panic elsewhere: every update is one statement.
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Upper bounds (seconds) of the latency histogram buckets: from 50 µs (a small prompt's
/// inspection) to 10 s (a large document near the inspection budget, an audit disk that
/// stalls), about three per decade so that quantiles come out within a factor of ~2.
const BUCKETS: [f64; 17] = [
    0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
    1.0, 2.5, 5.0, 10.0,
];

/// A latency histogram with fixed buckets.
#[derive(Debug, Default)]
pub struct Histogram {
    buckets: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    sum_nanos: AtomicU64,
}

impl Histogram {
    /// Records one observation.
    pub fn observe(&self, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64();
        if let Some(i) = BUCKETS.iter().position(|b| seconds <= *b) {
            self.buckets[i].fetch_add(1, Ordering::Relaxed);
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        let nanos = u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX);
        self.sum_nanos.fetch_add(nanos, Ordering::Relaxed);
    }

    /// Number of observations.
    pub fn count(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }
}

/// Every metric the proxy exports.
#[derive(Debug, Default)]
pub struct Metrics {
    /// Inspected requests to approved services, by service and action taken.
    pub requests: Labeled,
    /// The same counts since the last `traffic` record was written (see
    /// [`crate::audit::traffic`]).
    pub traffic: crate::audit::Tally,
    /// Requests to known AI services that are not approved.
    pub not_approved: Labeled,
    /// Findings in inspected requests, by kind (acted on or not).
    pub findings: Labeled,
    /// Requests with sensitive data but no identifiable person (allowed by the default policy).
    pub sensitive_unidentified: Counter,
    /// Bodies that could not be inspected.
    pub uninspectable: Counter,
    /// Tunnels opened to other traffic.
    pub tunnels: Counter,
    /// Requests and connections refused, by reason: `client` (outside `allowed_clients`),
    /// `other_traffic` (under `deny`), `port`, `destination`, `max_connections`,
    /// `body_budget`, `ambiguous_headers`, `tunnel_no_sni`, `tunnel_ech`, `tunnel_not_tls`, ….
    pub refused: Labeled,
    /// Upstream requests that failed (connect, TLS, timeout, reset).
    pub upstream_errors: Counter,
    /// Client TLS handshakes that failed (for example a client that does not trust the CA).
    pub handshake_failures: Counter,
    /// CONNECTs intercepted because their ClientHello named an AI host the CONNECT line did
    /// not (CONNECT by IP address or an alias).
    pub sni_intercepts: Counter,
    /// Inspections that failed (panicked); the request was answered 500 and recorded.
    pub inspection_failures: Counter,
    /// Inspections running now.
    pub inspections_running: Gauge,
    /// Audit records that could not be written.
    pub audit_failures: Counter,
    /// Successful config reloads.
    pub reloads: Counter,
    /// Refused config reloads (the old config kept running).
    pub reload_failures: Counter,
    /// Open client connections.
    pub connections: Gauge,
    /// Time spent inspecting a request (decode, extract, scan, decide, redact).
    pub inspection: Histogram,
    /// Time sluss adds to an inspected request: from having its whole body to sending it on
    /// to the service (inspection, audit record, redaction) or to having the answer to a stop
    /// ready (inspection, audit record written and flushed).
    pub added: Histogram,
}

impl Metrics {
    /// Counts one inspected request to `service` with its action.
    pub fn count_request(&self, service: &str, action: Action) {
        self.requests.add(&[service, action.as_str()], 1);
        self.traffic.request(service, action);
    }

    /// Counts one request to `service` that could not be inspected, with its action.
    pub fn count_uninspectable(&self, service: &str, action: Action) {
        self.uninspectable.inc();
        self.count_request(service, action);
        if action == Action::Allow {
            self.traffic.uninspectable_allowed(service);
        }
    }

    /// Counts findings by kind: one lock for all of them, no allocation for kinds seen before.
    pub fn count_findings(&self, kinds: impl Iterator<Item = Kind>) {
        let mut map = self.findings.lock();
        for kind in kinds {
            let values = [kind.name()];
            let bucket = map.entry(key_hash(&values)).or_default();
            match bucket
                .iter_mut()
                .find(|(k, _)| k.len() == 1 && k[0] == values[0])
            {
                Some((_, count)) => *count += 1,
                None => bucket.push((vec![values[0].to_string()], 1)),
            }
        }
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(4096);
        labeled(
            &mut out,
            "sluss_requests_total",
            "Inspected requests to approved services, by service and action.",
            &["service", "action"],
            &self.requests,
        );
        labeled(
            &mut out,
            "sluss_not_approved_total",
            "Requests to known AI services that are not approved, by service.",
            &["service"],
            &self.not_approved,
        );
        labeled(
            &mut out,
            "sluss_findings_total",
            "Findings in inspected requests, by kind.",
            &["kind"],
            &self.findings,
        );
        counter(
            &mut out,
            "sluss_sensitive_unidentified_total",
            "Requests with sensitive data and no identifiable person.",
            &self.sensitive_unidentified,
        );
        counter(
            &mut out,
            "sluss_uninspectable_total",
            "Request bodies that could not be inspected.",
            &self.uninspectable,
        );
        counter(
            &mut out,
            "sluss_tunnels_total",
            "Tunnels opened for other traffic.",
            &self.tunnels,
        );
        labeled(
            &mut out,
            "sluss_refused_total",
            "Requests refused by configuration, by reason.",
            &["reason"],
            &self.refused,
        );
        counter(
            &mut out,
            "sluss_upstream_errors_total",
            "Upstream requests that failed.",
            &self.upstream_errors,
        );
        counter(
            &mut out,
            "sluss_client_handshake_failures_total",
            "Client TLS handshakes that failed.",
            &self.handshake_failures,
        );
        counter(
            &mut out,
            "sluss_sni_intercepts_total",
            "CONNECTs intercepted by the server name of their ClientHello.",
            &self.sni_intercepts,
        );
        counter(
            &mut out,
            "sluss_inspection_failures_total",
            "Inspections that failed (answered 500, recorded).",
            &self.inspection_failures,
        );
        counter(
            &mut out,
            "sluss_audit_write_failures_total",
            "Audit records that could not be written.",
            &self.audit_failures,
        );
        counter(
            &mut out,
            "sluss_config_reloads_total",
            "Successful config reloads.",
            &self.reloads,
        );
        counter(
            &mut out,
            "sluss_config_reload_failures_total",
            "Refused config reloads.",
            &self.reload_failures,
        );
        let _ = writeln!(
            out,
            "# HELP sluss_connections Open client connections.\n# TYPE sluss_connections gauge\nsluss_connections {}",
            self.connections.get()
        );
        let _ = writeln!(
            out,
            "# HELP sluss_inspections_running Inspections running now.\n# TYPE sluss_inspections_running gauge\nsluss_inspections_running {}",
            self.inspections_running.get()
        );
        histogram(
            &mut out,
            "sluss_inspection_seconds",
            "Time spent inspecting a request.",
            &self.inspection,
        );
        histogram(
            &mut out,
            "sluss_added_latency_seconds",
            "Time sluss adds to an inspected request: from its whole body to sending it on or answering a stop.",
            &self.added,
        );
        process(&mut out);
        out
    }
}

/// The process's CPU time (user and system, all threads) and resident memory, under the
/// names Prometheus client libraries use, so that standard dashboards find them.
fn process(out: &mut String) {
    if let Some(cpu) = cpu_time() {
        let _ = writeln!(
            out,
            "# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.\n\
             # TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total {:.6}",
            cpu.as_secs_f64()
        );
    }
    if let Some(bytes) = resident_bytes() {
        let _ = writeln!(
            out,
            "# HELP process_resident_memory_bytes Resident memory size in bytes.\n\
             # TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes {bytes}"
        );
    }
}

/// CPU time this process has used, all threads, user and system (`CLOCK_PROCESS_CPUTIME_ID`).
#[cfg(unix)]
pub fn cpu_time() -> Option<Duration> {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
    let secs = u64::try_from(t.tv_sec).ok()?;
    let nanos = u32::try_from(t.tv_nsec).ok()?;
    Some(Duration::new(secs, nanos))
}

/// CPU time this process has used (not measured on this platform).
#[cfg(not(unix))]
pub fn cpu_time() -> Option<Duration> {
    None
}

/// Resident memory in bytes, from `/proc/self/statm` (Linux; `None` elsewhere).
fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages.saturating_mul(page_size()))
}

#[cfg(unix)]
fn page_size() -> u64 {
    u64::try_from(rustix::param::page_size()).unwrap_or(4096)
}

#[cfg(not(unix))]
fn page_size() -> u64 {
    4096
}

fn counter(out: &mut String, name: &str, help: &str, counter: &Counter) {
    let _ = writeln!(
        out,
        "# HELP {name} {help}\n# TYPE {name} counter\n{name} {}",
        counter.get()
    );
}

fn labeled(out: &mut String, name: &str, help: &str, labels: &[&str], values: &Labeled) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter");
    for (values, count) in values.snapshot() {
        let pairs: Vec<String> = labels
            .iter()
            .zip(&values)
            .map(|(label, value)| format!("{label}=\"{}\"", escape_label(value)))
            .collect();
        let _ = writeln!(out, "{name}{{{}}} {count}", pairs.join(","));
    }
}

fn histogram(out: &mut String, name: &str, help: &str, h: &Histogram) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} histogram");
    let mut cumulative = 0;
    for (bound, bucket) in BUCKETS.iter().zip(&h.buckets) {
        cumulative += bucket.load(Ordering::Relaxed);
        let _ = writeln!(out, "{name}_bucket{{le=\"{bound}\"}} {cumulative}");
    }
    let count = h.count.load(Ordering::Relaxed);
    let sum = h.sum_nanos.load(Ordering::Relaxed) as f64 / 1e9;
    let _ = writeln!(
        out,
        "{name}_bucket{{le=\"+Inf\"}} {count}\n{name}_sum {sum}\n{name}_count {count}"
    );
}

/// Escapes a label value (backslash, quote, newline) as the text format requires.
fn escape_label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_labels_and_histogram_buckets() {
        let m = Metrics::default();
        m.count_request("Azure", Action::Block);
        m.count_request("Azure", Action::Block);
        m.findings.add(&["personnummer"], 3);
        m.not_approved.add(&["Chat \"GPT\""], 1);
        m.inspection.observe(Duration::from_micros(80));
        m.inspection.observe(Duration::from_secs(1));
        let _open = m.connections.track();
        let text = m.render();
        assert!(
            text.contains("sluss_requests_total{service=\"Azure\",action=\"block\"} 2"),
            "{text}"
        );
        assert!(text.contains("sluss_findings_total{kind=\"personnummer\"} 3"));
        assert!(text.contains("sluss_not_approved_total{service=\"Chat \\\"GPT\\\"\"} 1"));
        assert!(text.contains("sluss_inspection_seconds_bucket{le=\"0.0001\"} 1"));
        assert!(text.contains("sluss_inspection_seconds_bucket{le=\"+Inf\"} 2"));
        assert!(text.contains("sluss_connections 1"));
        assert!(
            text.contains("sluss_inspection_seconds_bucket{le=\"1\"} 2"),
            "{text}"
        );
        assert!(
            text.contains("sluss_inspection_seconds_bucket{le=\"0.5\"} 1"),
            "{text}"
        );
        assert!(text.contains("# TYPE sluss_added_latency_seconds histogram"));
    }

    #[test]
    fn process_cpu_time_grows_with_work() {
        let before = cpu_time().unwrap_or_default();
        let mut x = 0u64;
        let started = std::time::Instant::now();
        while started.elapsed() < Duration::from_millis(30) {
            x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(7));
        }
        let after = cpu_time().unwrap_or_default();
        assert!(after > before, "{before:?} -> {after:?}");
        let text = Metrics::default().render();
        let line = text
            .lines()
            .find(|l| l.starts_with("process_cpu_seconds_total "))
            .unwrap_or_default();
        let seconds: f64 = line.rsplit(' ').next().unwrap_or("").parse().unwrap_or(0.0);
        assert!(seconds >= after.as_secs_f64(), "{line}");
        assert!(text.contains("# TYPE process_resident_memory_bytes gauge"));
    }

    #[test]
    fn findings_are_counted_by_kind() {
        let m = Metrics::default();
        m.count_findings([Kind::Personnummer, Kind::Email, Kind::Personnummer].into_iter());
        m.count_findings([Kind::Personnummer].into_iter());
        assert_eq!(m.findings.get(&["personnummer"]), 3);
        assert_eq!(m.findings.get(&["email"]), 1);
        assert!(
            m.render()
                .contains("sluss_findings_total{kind=\"personnummer\"} 3")
        );
    }

    #[test]
    fn gauge_guard_gives_back_on_drop() {
        let g = Gauge::default();
        {
            let _a = g.track();
            let _b = g.track();
            assert_eq!(g.get(), 2);
        }
        assert_eq!(g.get(), 0);
    }
}
