//! What one request may cost: deep and wide JSON, a role member deep down, redaction of many
//! messages, a small compressed body that expands to 10 MiB. Each is answered within a bound of
//! time, with the memory the inspection allocates (counted by a global allocator) under a
//! bound, and a clean request keeps getting through meanwhile.
//!
//! Before issue 9: the wide body peaked at 2.87 GB resident and took 9.2 s; the deep role body
//! took 23 s; redacting 8k messages took 4.1 s and grew with the square of the count.

use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

use peakmem_alloc::{INSTRUMENTED_SYSTEM, PeakMemAlloc, PeakMemAllocTrait};
use sluss::body::{Limits, Uninspectable};
use sluss::detect::Detectors;
use sluss::inspect::{Inspection, Outcome, Request, inspect};
use sluss::policy::{Action, PolicyOverrides, Rule, ServicePolicy};

#[global_allocator]
static ALLOCATOR: &PeakMemAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

/// Allocation is counted process-wide: the tests of this file run one at a time.
static SERIAL: Mutex<()> = Mutex::new(());

static DETECTORS: LazyLock<Detectors> =
    LazyLock::new(|| Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}")));

const MIB: usize = 1 << 20;

/// Inspects `body` as JSON with `limits`; returns the inspection and the peak of what it
/// allocated.
fn measured(
    body: &[u8],
    encoding: Option<&str>,
    policy: &ServicePolicy,
    limits: &Limits,
) -> (Inspection, usize) {
    let request = Request {
        body,
        content_type: Some("application/json"),
        content_encoding: encoding,
        ..Request::default()
    };
    ALLOCATOR.reset_peak_memory();
    let inspection = inspect(&DETECTORS, policy, &request, limits);
    (inspection, ALLOCATOR.get_peak_memory())
}

/// 1 MiB nested 120 deep (objects and arrays in turn) around 330,000 empty strings.
fn wide_and_deep() -> Vec<u8> {
    wide_and_deep_of("\"\"", 330_000)
}

/// Nested 120 deep around `count` copies of `item`.
fn wide_and_deep_of(item: &str, count: usize) -> Vec<u8> {
    let mut body = String::with_capacity(MIB + 4096);
    for _ in 0..60 {
        body.push_str("{\"a\":[");
    }
    for i in 0..count {
        if i > 0 {
            body.push(',');
        }
        body.push_str(item);
    }
    for _ in 0..60 {
        body.push_str("]}");
    }
    body.into_bytes()
}

/// About 150 KB: 100 levels of objects, a `role` member at the bottom, and 37,000 short strings
/// beside it (each string once paid for every level above it).
fn deep_role() -> Vec<u8> {
    let mut body = String::new();
    for _ in 0..100 {
        body.push_str("{\"x\":");
    }
    body.push_str("{\"role\":\"user\",\"content\":[");
    for i in 0..37_000 {
        if i > 0 {
            body.push(',');
        }
        body.push_str("\"a\"");
    }
    body.push_str("]}");
    for _ in 0..100 {
        body.push('}');
    }
    body.into_bytes()
}

/// Deep enough for the bodies, and time enough to measure them in a debug build (the tests
/// bound the time themselves).
fn deep_limits() -> Limits {
    Limits {
        json_depth: 128,
        budget: Duration::from_secs(60),
        ..Limits::default()
    }
}

#[test]
fn the_wide_and_deep_body_is_answered_quickly_in_little_memory() {
    let _serial = SERIAL.lock();
    LazyLock::force(&DETECTORS);
    let body = wide_and_deep();
    assert!((960_000..=MIB).contains(&body.len()), "{}", body.len());
    // Default limits: deeper than 64 levels, refused at once.
    let started = Instant::now();
    let (refused, peak) = measured(&body, None, &ServicePolicy::default(), &Limits::default());
    eprintln!(
        "wide/deep, default depth: {:?}, peak {} KiB",
        started.elapsed(),
        peak / 1024
    );
    assert_eq!(
        refused.uninspectable,
        Some(Uninspectable::TooDeep { limit: 64 })
    );
    assert!(started.elapsed() < Duration::from_millis(500));
    assert!(peak < 4 * MIB, "{peak}");
    // Allowed that deep, it is read through: every string was once a copy of its path.
    let started = Instant::now();
    let (read, peak) = measured(&body, None, &ServicePolicy::default(), &deep_limits());
    let took = started.elapsed();
    eprintln!("wide/deep, depth 128: {took:?}, peak {} KiB", peak / 1024);
    assert_eq!(read.outcome, Outcome::Forward, "{:?}", read.uninspectable);
    assert!(took < Duration::from_secs(1), "{took:?}");
    assert!(peak < 16 * MIB, "peak allocation {peak} bytes");
    // The same with one-letter strings (each a leaf) and numbers (each a leaf too).
    for (item, count) in [("\"a\"", 260_000), ("1234", 200_000)] {
        let body = wide_and_deep_of(item, count);
        let started = Instant::now();
        let (read, peak) = measured(&body, None, &ServicePolicy::default(), &deep_limits());
        let took = started.elapsed();
        eprintln!(
            "wide/deep of {item}, {} bytes: {took:?}, peak {} KiB",
            body.len(),
            peak / 1024
        );
        assert_eq!(read.outcome, Outcome::Forward, "{:?}", read.uninspectable);
        assert!(took < Duration::from_secs(5), "{took:?}");
        assert!(peak < 96 * MIB, "peak allocation {peak} bytes");
    }
}

#[test]
fn a_role_member_deep_down_costs_linear_time() {
    let _serial = SERIAL.lock();
    LazyLock::force(&DETECTORS);
    let body = deep_role();
    assert!((140_000..170_000).contains(&body.len()), "{}", body.len());
    let started = Instant::now();
    let (refused, _) = measured(&body, None, &ServicePolicy::default(), &Limits::default());
    assert!(matches!(
        refused.uninspectable,
        Some(Uninspectable::TooDeep { .. })
    ));
    assert!(started.elapsed() < Duration::from_millis(500));
    let started = Instant::now();
    let (read, peak) = measured(&body, None, &ServicePolicy::default(), &deep_limits());
    let took = started.elapsed();
    eprintln!("deep role, depth 128: {took:?}, peak {} KiB", peak / 1024);
    assert_eq!(read.outcome, Outcome::Forward, "{:?}", read.uninspectable);
    assert!(took < Duration::from_secs(1), "{took:?}");
    assert!(peak < 32 * MIB, "peak allocation {peak} bytes");
}

/// A chat body of `n` messages, each with a personnummer.
fn messages(n: usize) -> Vec<u8> {
    let messages: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            serde_json::json!({"role": if i % 2 == 0 { "user" } else { "assistant" },
                "content": "Ärendet gäller 850101-2382 och är klart."})
        })
        .collect();
    serde_json::json!({"model": "gpt-4o", "messages": messages})
        .to_string()
        .into_bytes()
}

fn redacting() -> ServicePolicy {
    ServicePolicy::default().with(&PolicyOverrides {
        personnummer: Some(Action::Redact),
        ..PolicyOverrides::default()
    })
}

/// The fastest of three redactions of `body`.
fn redaction_time(body: &[u8]) -> Duration {
    (0..3)
        .map(|_| {
            let started = Instant::now();
            let (inspection, _) = measured(body, None, &redacting(), &Limits::default());
            let took = started.elapsed();
            assert!(
                matches!(inspection.outcome, Outcome::Replace { .. }),
                "{:?}",
                inspection.outcome
            );
            took
        })
        .min()
        .unwrap_or_default()
}

#[test]
fn redaction_time_is_linear_in_the_messages() {
    let _serial = SERIAL.lock();
    LazyLock::force(&DETECTORS);
    let (small, large) = (messages(2_000), messages(8_000));
    let (t1, t4) = (redaction_time(&small), redaction_time(&large));
    let ratio = t4.as_secs_f64() / t1.as_secs_f64().max(1e-9);
    eprintln!(
        "redaction: 2k messages ({} KB) {t1:?}, 8k ({} KB) {t4:?}, ratio {ratio:.1}",
        small.len() / 1000,
        large.len() / 1000
    );
    // Linear is 4; quadratic would be 16.
    assert!(ratio < 8.0, "4× the messages took {ratio:.1}× the time");
    let (inspection, _) = measured(&large, None, &redacting(), &Limits::default());
    let Outcome::Replace {
        body, redactions, ..
    } = inspection.outcome
    else {
        unreachable!()
    };
    assert_eq!(redactions, 8_000);
    assert!(serde_json::from_slice::<serde_json::Value>(&body).is_ok());
}

/// A chat message of 10 MiB of first names, zstd-compressed to about a kilobyte.
fn names_bomb() -> (Vec<u8>, usize) {
    let names: Vec<&str> = include_str!("../patterns/names/given.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .take(50)
        .collect();
    let mut text = String::with_capacity(10 * MIB);
    let mut i = 0;
    while text.len() < 10 * MIB - 200 {
        text.push_str(names[i % names.len()]);
        text.push(' ');
        i += 1;
    }
    let body = serde_json::json!({"messages": [{"role": "user", "content": text}]}).to_string();
    let compressed = zstd::encode_all(body.as_bytes(), 19).unwrap_or_default();
    (compressed, body.len())
}

#[test]
fn the_budget_covers_decoding_extraction_and_scanning() {
    let _serial = SERIAL.lock();
    LazyLock::force(&DETECTORS);
    let (bomb, expanded) = names_bomb();
    eprintln!(
        "names body: {} bytes of zstd, {expanded} decoded",
        bomb.len()
    );
    assert!(bomb.len() < 64 * 1024 && expanded > 10 * MIB - 1024);
    // What it costs with room to finish (a debug build is many times slower than release).
    let roomy = Limits {
        budget: Duration::from_secs(300),
        ..Limits::default()
    };
    let started = Instant::now();
    let (full, peak) = measured(&bomb, Some("zstd"), &ServicePolicy::default(), &roomy);
    let cost = started.elapsed();
    eprintln!(
        "names body: decode + extract + scan {cost:?}, peak allocation {} MiB, outcome {:?}",
        peak / MIB,
        full.outcome
    );
    assert_eq!(full.uninspectable, None);
    assert!(peak < 200 * MIB, "{peak}");
    // A budget of a quarter of that: too costly, and answered soon after the budget ran out
    // (the deadline is looked at between steps and between 1 MiB segments of the scan).
    let budget = cost / 4;
    let tight = Limits {
        budget,
        ..Limits::default()
    };
    let started = Instant::now();
    let (cut, _) = measured(&bomb, Some("zstd"), &ServicePolicy::default(), &tight);
    let took = started.elapsed();
    eprintln!("names body with a budget of {budget:?}: answered after {took:?}");
    assert!(matches!(
        cut.uninspectable,
        Some(Uninspectable::TooCostly { .. })
    ));
    assert_eq!(
        cut.outcome,
        Outcome::Block {
            rule: Rule::Uninspectable
        }
    );
    assert!(
        took < budget + cost / 4,
        "{took:?} for a budget of {budget:?}"
    );
}

#[test]
fn a_clean_request_gets_through_while_costly_ones_run() {
    let _serial = SERIAL.lock();
    LazyLock::force(&DETECTORS);
    let heavy = wide_and_deep();
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = measured(&heavy, None, &ServicePolicy::default(), &deep_limits());
            }
        });
        let clean = serde_json::json!({"messages": [{"role": "user",
            "content": "Skriv en inbjudan till kommunens temadag om biblioteket."}]})
        .to_string();
        let mut slowest = Duration::ZERO;
        for _ in 0..20 {
            let started = Instant::now();
            let (inspection, _) = measured(
                clean.as_bytes(),
                None,
                &ServicePolicy::default(),
                &Limits::default(),
            );
            slowest = slowest.max(started.elapsed());
            assert_eq!(inspection.outcome, Outcome::Forward);
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        eprintln!("clean request beside costly ones: slowest {slowest:?}");
        // Generous for a debug build on a shared two-core machine; it takes milliseconds.
        assert!(slowest < Duration::from_secs(1), "{slowest:?}");
    });
}

#[test]
fn scanning_in_segments_finds_what_one_scan_finds() {
    let _serial = SERIAL.lock();
    LazyLock::force(&DETECTORS);
    let piece = "Sökande Leyla Hassan, 850101-2382, har diabetes. SEKRETESS. Ring 070-123 45 67. ";
    let mut text = String::new();
    while text.len() < 3 * MIB + 5000 {
        text.push_str(piece);
        // Shift the pattern against the segment boundaries.
        if text.len().is_multiple_of(7) {
            text.push('x');
        }
    }
    let limits = Limits {
        budget: Duration::from_secs(600),
        ..Limits::default()
    }
    .started();
    let segmented = sluss::scan::scan_text(&DETECTORS, &text, &limits);
    let whole = DETECTORS.scan(&text);
    assert!(whole.len() > 100_000);
    let Ok(segmented) = segmented else {
        unreachable!("{:?}", segmented.err())
    };
    assert_eq!(segmented.len(), whole.len());
    // Not assert_eq!: a failure would print 200,000 findings.
    let first_difference = segmented.iter().zip(&whole).position(|(a, b)| a != b);
    assert_eq!(first_difference, None);
}
