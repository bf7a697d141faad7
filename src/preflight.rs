//! What `sluss run` checks before it starts anything, shared with `sluss check`, so that
//! `check` never says ok where `run` then refuses: the CA pair, the audit key and signing key,
//! the audit folder, the lock on the audit log, the admin credentials and TLS files, the
//! upstream trust roots, syslog and the listen addresses. Nothing here creates or changes a
//! file (a probe file in a folder is created and removed at once).
//!
//! Config syntax and pattern files are checked before this ([`crate::config::load`],
//! [`crate::patterns::Patterns::load`]); each problem here names its file and what to do.

use std::fs::{self, OpenOptions};
use std::io;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};

use crate::admin::{Credentials, tls as admin_tls};
use crate::audit::{AuditKey, Signer, lock};
use crate::config::Config;
use crate::tls::Ca;

/// Which checks to run beyond the files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scope {
    /// Whether another process may hold the audit log and the listen addresses: false for a
    /// start (`sluss run`, plain `sluss check`), true for checking a config before reloading
    /// the instance that runs (`sluss check --reload`), which holds them itself.
    pub running: bool,
}

/// Every problem that would stop `sluss run` with `config`, as lines that name the file (or
/// address) and what to do. Empty when it would start.
pub fn problems(config: &Config, scope: Scope) -> Vec<String> {
    let mut found = Vec::new();
    ca(config, &mut found);
    audit(config, scope, &mut found);
    if let Err(e) = crate::tls::upstream::client_config(&config.upstream.extra_roots) {
        found.push(format!("upstream extra_roots: {e}"));
    }
    if let Some(addr) = config.audit.syslog
        && let Err(e) = crate::audit::Syslog::connect(addr)
    {
        found.push(format!("[audit] syslog {addr}: cannot open a socket: {e}"));
    }
    if let Some(admin) = &config.admin {
        if let Err(e) = Credentials::load(&admin.auth) {
            found.push(e.to_string());
        }
        if let Some((cert, key)) = &admin.tls
            && let Err(e) = admin_tls::server_config(cert, key)
        {
            found.push(e.to_string());
        }
    }
    if !scope.running {
        listeners(config, &mut found);
    }
    found
}

/// The CA: both files (loaded as `run` loads them), or neither (then `run` creates them, so
/// their folder must be writable); one without the other is refused.
fn ca(config: &Config, found: &mut Vec<String>) {
    let (cert, key) = (&config.ca.cert, &config.ca.key);
    match (cert.exists(), key.exists()) {
        (true, true) => {
            if let Err(e) = Ca::load(cert, key) {
                found.push(format!("CA: {e}"));
            }
        }
        (true, false) | (false, true) => {
            let (present, missing) = if cert.exists() {
                (cert, key)
            } else {
                (key, cert)
            };
            found.push(format!(
                "CA: `{}` exists but `{}` does not: restore the missing file from a backup, or \
                 move both away to have a new CA generated (clients must then trust the new one)",
                present.display(),
                missing.display()
            ));
        }
        (false, false) => {
            writable_folder(cert, "CA certificate (generated at first start)", found);
            writable_folder(key, "CA key (generated at first start)", found);
        }
    }
}

/// The audit key and signing key (loaded, or their folders writable), the log's folder and
/// file, and the lock.
fn audit(config: &Config, scope: Scope, found: &mut Vec<String>) {
    let audit = &config.audit;
    if audit.key_file.exists() {
        if let Err(e) = AuditKey::load(&audit.key_file) {
            found.push(e.to_string());
        }
    } else {
        writable_folder(&audit.key_file, "audit key (created at first start)", found);
    }
    if audit.signing_key_file.exists() {
        if let Err(e) = Signer::load(&audit.signing_key_file) {
            found.push(format!("audit signing key: {e}"));
        }
    } else {
        writable_folder(
            &audit.signing_key_file,
            "audit signing key (created at first start)",
            found,
        );
    }
    writable_folder(&audit.path, "audit log", found);
    if audit.path.exists()
        && let Err(e) = OpenOptions::new().append(true).open(&audit.path)
    {
        found.push(format!(
            "audit log `{}` cannot be opened for writing: {e}; give the user sluss runs as \
             write access to it (its folder holds the rotated files too)",
            audit.path.display()
        ));
    }
    if !scope.running {
        match lock::holder_of(&audit.path) {
            Ok(None) => {}
            Ok(Some(holder)) => found.push(format!(
                "audit log `{}` is in use by another sluss ({holder}; lock file `{}`): a second \
                 `sluss run` on it would refuse to start. Stop that one first, or give this \
                 instance its own [audit] path (its own state folder)",
                audit.path.display(),
                lock::lock_path(&audit.path).display()
            )),
            Err(e) => found.push(format!("audit log lock: {e}")),
        }
    }
}

/// The folder of `file` exists and takes a new file, or can be created. A probe file is made
/// and removed, since permission bits do not tell (root, read-only mounts, ACLs).
fn writable_folder(file: &Path, what: &str, found: &mut Vec<String>) {
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let existing = dir
        .ancestors()
        .find(|d| d.as_os_str().is_empty() || d.exists());
    let existing = match existing {
        Some(d) if d.as_os_str().is_empty() => Path::new("."),
        Some(d) => d,
        None => Path::new("."),
    };
    let problem = if !existing.is_dir() {
        Some(io::Error::new(
            io::ErrorKind::NotADirectory,
            format!("`{}` is not a folder", existing.display()),
        ))
    } else {
        probe(existing).err()
    };
    if let Some(e) = problem {
        found.push(format!(
            "{what} `{}`: folder `{}` is not writable ({e}); create it and give the user sluss \
             runs as write access to it",
            file.display(),
            dir.display()
        ));
    }
}

/// Creates and removes a file in `dir`.
fn probe(dir: &Path) -> io::Result<()> {
    let path = dir.join(format!(".sluss-check-{}", std::process::id()));
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)?;
    fs::remove_file(&path)
}

/// Every listen address can be bound now (`run` binds them at start).
fn listeners(config: &Config, found: &mut Vec<String>) {
    let admin = config.admin.as_ref().map(|a| ("[admin] listen", a.listen));
    let proxy = config.proxy.listen.iter().map(|a| ("[proxy] listen", *a));
    for (setting, addr) in proxy.chain(admin) {
        if let Err(e) = bind(addr) {
            found.push(format!(
                "{setting}: cannot listen on {addr} ({e}); another program (or another sluss) \
                 holds it, or the address is not on this machine"
            ));
        }
    }
}

fn bind(addr: SocketAddr) -> io::Result<()> {
    TcpListener::bind(addr).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_where_a_folder_should_be_is_reported() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let blocker = dir.path().join("not-a-folder");
        fs::write(&blocker, "x")?;
        let mut found = Vec::new();
        writable_folder(&blocker.join("audit.jsonl"), "audit log", &mut found);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("is not a folder"), "{found:?}");
        let mut found = Vec::new();
        writable_folder(
            &dir.path().join("new/deeper/audit.jsonl"),
            "audit log",
            &mut found,
        );
        assert!(found.is_empty(), "a folder that can be created: {found:?}");
        assert!(!dir.path().join("new").exists(), "nothing is created");
        Ok(())
    }
}
