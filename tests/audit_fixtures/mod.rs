//! Shared by the tests of `sluss logs`, the admin listener and the review page: audit logs
//! written with the real `AuditWriter`, with hostile strings where clients control them.
#![allow(dead_code)]

use std::error::Error;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use sluss::audit::{
    AuditKey, AuditWriter, FindingSummary, Incident, IncidentId, Record, summarize, time,
};
use sluss::detect::{Category, Confidence, Date, Digits, Finding, Kind};
use sluss::policy::Action;

/// A test's result.
pub type TestResult<T = ()> = Result<T, Box<dyn Error + Send + Sync>>;

/// The key every fixture log is written with.
pub fn key() -> AuditKey {
    AuditKey::from_bytes(&[7; 32])
}

/// The chain key of [`key`].
pub fn chain() -> sluss::audit::ChainKey {
    key().chain_key()
}

/// Writes [`key`] as the key file `path` (mode 0600), as `sluss run` would have created it.
pub fn write_key_file(path: &Path) -> TestResult {
    std::fs::write(path, format!("{}\n", "07".repeat(32)))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

/// A fresh directory, removed when dropped.
pub fn temp(prefix: &str) -> std::io::Result<tempfile::TempDir> {
    tempfile::Builder::new().prefix(prefix).tempdir()
}

/// `date` at `hour`:`minute` UTC.
pub fn at(date: (i32, u32, u32), hour: u64, minute: u64) -> SystemTime {
    let day = Date::new(date.0, date.1, date.2).map_or(SystemTime::UNIX_EPOCH, time::start_of_day);
    day + Duration::from_secs(hour * 3600 + minute * 60)
}

/// A personnummer finding summarised with [`key`] (the value is hashed and masked here and
/// appears nowhere else).
pub fn pnr(matched: &str) -> FindingSummary {
    let digits: String = matched.chars().filter(char::is_ascii_digit).collect();
    let finding = Finding::new(
        Kind::Personnummer,
        "pnr.long",
        0..matched.len(),
        Confidence::High,
    )
    .with_digits(Digits::from_ascii(digits.as_bytes()));
    summarize(&[(finding, matched)], &key()).remove(0)
}

/// A finding without a keyed hash (a sensitive category, a marker, a name).
pub fn word(kind: Kind, rule: &str, count: usize, masked: &str) -> FindingSummary {
    FindingSummary {
        kind,
        rule: rule.into(),
        count,
        masked: masked.into(),
        key_hash: None,
    }
}

/// An incident with the given id and time; the rest plain and overridable.
pub fn incident(id: &str, when: SystemTime) -> Incident {
    Incident {
        id: IncidentId::new(id),
        time: when,
        client: IpAddr::from([10, 0, 0, 1]),
        user: None,
        service: Some("OpenAI API".into()),
        host: "api.openai.com".into(),
        method: "POST".into(),
        path: "/v1/chat/completions".into(),
        action: Action::Block,
        reason: "personnummer".into(),
        findings: Vec::new(),
    }
}

/// The personnummer the fixtures hash (Skatteverket's test number); no output may show it.
pub const PNR: &str = "19121212-1212";
/// A second, different personnummer.
pub const OTHER_PNR: &str = "19850101-2382";

/// Five incidents, oldest first:
/// - `S-AAAAAA` 2026-11-01 08:00, 10.0.0.1, OpenAI API, block, personnummer [`PNR`], user anna
/// - `S-BBBBBB` 2026-11-02 09:00, 10.0.0.2, Azure, redact, personnummer [`PNR`] twice, and
///   [`OTHER_PNR`]; user is a spreadsheet formula
/// - `S-CCCCCC` 2026-11-03 10:00, 10.0.0.1, chatgpt.com (not registered), block, not_approved
/// - `S-DDDDDD` 2026-11-03 11:00, 2001:db8::5, Azure, block, sensitive_with_identifier
///   (health ×2, name); user with an escape sequence, a comma and markup; path with markup
/// - `S-EEEEEE` one hour before `now`, 10.0.0.3, OpenAI API, allow, confidentiality_marker
pub fn fixtures(now: SystemTime) -> Vec<Incident> {
    let azure = |mut i: Incident| {
        i.service = Some("Kommunens Azure OpenAI".into());
        i.host = "kommun.openai.azure.com".into();
        i
    };
    let mut a = incident("S-AAAAAA", at((2026, 11, 1), 8, 0));
    a.user = Some("anna".into());
    a.findings = vec![pnr(PNR)];
    let mut b = azure(incident("S-BBBBBB", at((2026, 11, 2), 9, 0)));
    b.client = IpAddr::from([10, 0, 0, 2]);
    b.action = Action::Redact;
    b.user = Some("=HYPERLINK(\"http://evil.example\",\"klicka\")".into());
    let mut twice = pnr(PNR);
    twice.count = 2;
    b.findings = vec![twice, pnr(OTHER_PNR)];
    let mut c = incident("S-CCCCCC", at((2026, 11, 3), 10, 0));
    c.service = None;
    c.host = "chatgpt.com".into();
    c.method = "GET".into();
    c.path = "/".into();
    c.reason = "not_approved".into();
    let mut d = azure(incident("S-DDDDDD", at((2026, 11, 3), 11, 0)));
    d.client = "2001:db8::5".parse().unwrap_or(IpAddr::from([0; 4]));
    d.reason = "sensitive_with_identifier".into();
    d.user = Some("bo\u{1b}[31m,<script>alert(1)</script>".into());
    d.path = "/v1/\"><img src=x onerror=alert(1)>".into();
    d.findings = vec![
        word(
            Kind::Sensitive(Category::Health),
            "vocab.strong",
            2,
            "[hälsa]",
        ),
        word(Kind::PersonName, "name.full", 1, "[namn]"),
    ];
    let mut e = incident("S-EEEEEE", now - Duration::from_secs(3600));
    e.client = IpAddr::from([10, 0, 0, 3]);
    e.action = Action::Allow;
    e.reason = "confidentiality_marker".into();
    e.user = Some("eva".into());
    e.findings = vec![word(
        Kind::ConfidentialityMarker,
        "marker.osl",
        1,
        "[sekretessmarkering]",
    )];
    vec![a, b, c, d, e]
}

/// Appends `incidents` to the log at `path` (fsync off).
pub fn write_log(path: &Path, incidents: Vec<Incident>, max_bytes: u64, keep: usize) -> TestResult {
    let mut writer = AuditWriter::open(path, max_bytes, keep, chain())?;
    writer.set_fsync(false);
    for incident in incidents {
        writer.append(Record::new(incident))?;
    }
    Ok(())
}

/// A config file in `dir` whose audit log is `dir/audit.jsonl`, with `extra` appended.
pub fn config(dir: &Path, extra: &str) -> TestResult<PathBuf> {
    let d = dir.display();
    let text = format!(
        "[ca]\ncert = '{d}/ca.pem'\nkey = '{d}/ca-key.pem'\n\n\
         [audit]\npath = '{d}/audit.jsonl'\nkey_file = '{d}/audit-key'\n\n{extra}"
    );
    let path = dir.join("sluss.toml");
    std::fs::write(&path, text)?;
    if !dir.join("audit-key").exists() {
        write_key_file(&dir.join("audit-key"))?;
    }
    Ok(path)
}

/// The personnummer's digits in every form a careless output could show them.
pub fn shows_pnr(text: &str) -> bool {
    [PNR, OTHER_PNR].iter().any(|p| {
        let digits: String = p.chars().filter(char::is_ascii_digit).collect();
        text.contains(p) || text.contains(&digits) || text.contains(&digits[2..])
    })
}

/// A plain-HTTP reqwest client (no system proxy, no redirects). reqwest is built without a
/// TLS provider of its own, so ring, the one sluss uses, is installed first.
pub fn http_client() -> TestResult<reqwest::Client> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    Ok(reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(20))
        .build()?)
}

/// Bump when [`million_log`] writes something different, so that a cached log is rewritten.
const MILLION_VERSION: &str = "v1";

/// A log of `n` records over about a year (one every 30 s from 2026-01-01), in
/// `CARGO_TARGET_TMPDIR/audit-<n>/` with its key files and config, written once and reused
/// by later runs (a `complete` file marks it). Realistic variety: 1,750 clients, 500 users,
/// four services and a host outside the register, every action and rule, 20,000 different
/// personnummer (so a value recurs about 50 times), a health term in a third of the
/// records, checkpoints every 1,000 records as the proxy writes them, rotation at 100 MiB.
/// Returns the folder and its config file.
pub fn million_log(n: u64) -> TestResult<(PathBuf, PathBuf)> {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("audit-{n}"));
    let marker = dir.join("complete");
    let config_path = dir.join("sluss.toml");
    if std::fs::read_to_string(&marker).is_ok_and(|v| v == MILLION_VERSION) {
        return Ok((dir, config_path));
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    config(&dir, "")?;
    let log = dir.join("audit.jsonl");
    let signer = sluss::audit::Signer::load_or_create(&dir.join("audit-signing-key"))?;
    let mut writer = AuditWriter::open(&log, 100 << 20, 20, chain())?;
    writer.set_fsync(false);
    writer.set_checkpoints(signer, 1000, Duration::from_secs(1 << 30));
    let values: Vec<FindingSummary> = (0..20_000u32)
        .map(|v| pnr(&format!("19{:06}-{:04}", 500_000 + v * 7, v % 10_000)))
        .collect();
    let services = [
        (Some("OpenAI API"), "api.openai.com"),
        (Some("Kommunens Azure OpenAI"), "kommun.openai.azure.com"),
        (Some("Anthropic API"), "api.anthropic.com"),
        (Some("Mistral"), "api.mistral.ai"),
        (None, "chatgpt.com"),
    ];
    let start = at((2026, 1, 1), 0, 0);
    for i in 0..n {
        let (service, host) = services[(i % 5) as usize];
        let mut incident = incident("S-2222AA", start + Duration::from_secs(i * 30));
        incident.id = IncidentId::random();
        incident.client = IpAddr::from([10, (i % 7) as u8, (i % 250) as u8, 1]);
        incident.user = Some(format!("user{}", i % 500));
        incident.service = service.map(str::to_string);
        incident.host = host.to_string();
        let (action, reason) = match i % 10 {
            0 => (Action::Redact, "personnummer"),
            1 => (Action::Block, "sensitive_with_identifier"),
            2 => (Action::Block, "confidentiality_marker"),
            3 => (Action::Block, "uninspectable"),
            4 => (Action::Block, "not_approved"),
            _ => (Action::Block, "personnummer"),
        };
        incident.action = action;
        incident.reason = reason.to_string();
        incident.findings = vec![values[(i.wrapping_mul(2_654_435_761) % 20_000) as usize].clone()];
        if i % 3 == 0 {
            incident.findings.push(word(
                Kind::Sensitive(Category::Health),
                "vocab.strong",
                1,
                "[hälsa]",
            ));
        }
        if i % 10 == 2 {
            incident.findings.push(word(
                Kind::ConfidentialityMarker,
                "marker.osl",
                1,
                "[sekretessmarkering]",
            ));
        }
        writer.append(Record::new(incident))?;
    }
    writer.checkpoint("shutdown")?;
    drop(writer);
    std::fs::write(&marker, MILLION_VERSION)?;
    Ok((dir, config_path))
}
