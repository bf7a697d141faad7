//! `/readyz`: whether this sluss can do its job now: a CA that has not expired, a validated
//! config in force, and an audit log it can append to (a stopped request is answered only
//! after its record is written, so without the log every stop fails).

use std::fs::OpenOptions;
use std::path::Path;

use crate::proxy::Shared;

/// One check and its outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// `ca`, `config` or `audit`.
    pub name: &'static str,
    /// `Ok(detail)` or `Err(reason)`.
    pub outcome: Result<String, String>,
}

/// Runs every check (touches the file system: call it off the async workers).
pub fn checks(shared: &Shared) -> Vec<Check> {
    let runtime = shared.runtime.load();
    let config = &runtime.config;
    vec![
        Check {
            name: "ca",
            outcome: ca(shared),
        },
        Check {
            name: "config",
            // The runtime is only ever built from a validated config, and a reload that fails
            // validation leaves the previous one in force.
            outcome: Ok(match &config.source {
                Some(path) => format!("validated, from {}", path.display()),
                None => "built-in defaults".into(),
            }),
        },
        Check {
            name: "audit",
            outcome: match shared.audit.last_error() {
                Some(error) => Err(format!("the last write failed: {error}")),
                None => audit_writable(&config.audit.path),
            },
        },
    ]
}

/// Whether every check passed.
pub fn is_ready(checks: &[Check]) -> bool {
    checks.iter().all(|c| c.outcome.is_ok())
}

/// The body of `/readyz`: `ready` or `not ready`, then one line per check.
pub fn body(checks: &[Check]) -> String {
    let mut out = String::from(if is_ready(checks) {
        "ready\n"
    } else {
        "not ready\n"
    });
    for check in checks {
        match &check.outcome {
            Ok(detail) => out.push_str(&format!("{}: ok ({detail})\n", check.name)),
            Err(reason) => out.push_str(&format!("{}: FAILED: {reason}\n", check.name)),
        }
    }
    out
}

/// The CA is loaded (it is, or sluss would not have started) and still valid.
fn ca(shared: &Shared) -> Result<String, String> {
    if shared.ca.not_after_time() <= time::OffsetDateTime::now_utc() {
        return Err(format!(
            "the interception CA expired on {}; create a new one (`sluss ca init --force`) and \
             distribute it",
            shared.ca.not_after()
        ));
    }
    Ok(format!("valid until {}", shared.ca.not_after()))
}

/// The current audit file opens for appending and its folder (where rotation renames files)
/// is not read-only.
fn audit_writable(path: &Path) -> Result<String, String> {
    OpenOptions::new()
        .append(true)
        .open(path)
        .map_err(|e| format!("cannot append to {}: {e}", path.display()))?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let read_only = std::fs::metadata(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .permissions()
        .readonly();
    if read_only {
        return Err(format!(
            "{} is read-only: rotation cannot rename files",
            dir.display()
        ));
    }
    Ok(format!("{} is writable", path.display()))
}
