//! `sluss admin passwd USER`: a bcrypt line for the admin listener's password file.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;

use super::ConfigArg;

/// Shortest password accepted.
const MIN_PASSWORD: usize = 12;

/// `sluss admin` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum AdminCommand {
    /// Hash a password for USER (bcrypt, as `htpasswd -B`) and write the `USER:hash` line to
    /// the password file: --file, else `[admin] basic_auth_file` of the config, else standard
    /// output. The password is read from the terminal without echo, or as one line of
    /// standard input.
    Passwd(PasswdArgs),
}

/// `sluss admin passwd` arguments.
#[derive(Debug, clap::Args)]
pub struct PasswdArgs {
    /// The user name (no `:` or white space).
    user: String,
    /// The password file to add the line to or replace it in (created with mode 0600).
    #[arg(long, value_name = "FILE")]
    file: Option<PathBuf>,
    /// Print the line instead of writing a file.
    #[arg(long, conflicts_with = "file")]
    stdout: bool,
    #[command(flatten)]
    config: ConfigArg,
}

/// Runs `sluss admin …`.
pub fn run(command: AdminCommand) -> anyhow::Result<ExitCode> {
    match command {
        AdminCommand::Passwd(args) => passwd(args),
    }
}

fn passwd(args: PasswdArgs) -> anyhow::Result<ExitCode> {
    let user = args.user.trim();
    if user.is_empty() || user.contains(':') || user.contains(char::is_whitespace) {
        anyhow::bail!("the user name must not be empty or hold `:` or white space");
    }
    let password = read_password()?;
    if password.chars().count() < MIN_PASSWORD {
        anyhow::bail!("the password must be at least {MIN_PASSWORD} characters");
    }
    let hash = sluss::admin::auth::hash_password(&password).map_err(anyhow::Error::msg)?;
    let line = format!("{user}:{hash}");
    let file = if args.stdout {
        None
    } else {
        args.file.or_else(|| configured_file(&args.config))
    };
    match file {
        None => println!("{line}"),
        Some(file) => {
            let replaced = write_line(&file, user, &line)?;
            eprintln!(
                "{} {user} in {} (restart sluss for it to take effect)",
                if replaced { "replaced" } else { "added" },
                file.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `[admin] basic_auth_file` of the config, if it has one.
fn configured_file(config: &ConfigArg) -> Option<PathBuf> {
    let config = sluss::config::load_or_default(config.config.as_deref()).ok()?;
    match config.admin?.auth {
        sluss::config::AdminAuth::Basic(path) => Some(path),
        sluss::config::AdminAuth::Token(_) => None,
    }
}

/// From the terminal without echo (twice), else one line of standard input.
fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        let again = rpassword::prompt_password("Again: ")?;
        if first != again {
            anyhow::bail!("the passwords differ");
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

/// Replaces `user`'s line in `file` with `line`, or appends it; the file keeps (or gets)
/// mode 0600. Returns whether a line was replaced.
fn write_line(file: &Path, user: &str, line: &str) -> anyhow::Result<bool> {
    let old = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", file.display())),
    };
    let mut replaced = false;
    let mut lines: Vec<String> = Vec::new();
    for existing in old.lines() {
        let is_user = existing
            .trim()
            .split_once(':')
            .is_some_and(|(name, _)| name == user);
        if is_user {
            if !replaced {
                lines.push(line.to_string());
            }
            replaced = true;
        } else {
            lines.push(existing.to_string());
        }
    }
    if !replaced {
        lines.push(line.to_string());
    }
    let tmp = file.with_extension("tmp-sluss");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut out = options
        .open(&tmp)
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    out.write_all(format!("{}\n", lines.join("\n")).as_bytes())
        .and_then(|()| out.sync_all())
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, file).with_context(|| format!("cannot replace {}", file.display()))?;
    Ok(replaced)
}
