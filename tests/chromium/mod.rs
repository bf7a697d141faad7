//! Headless Chromium for the browser tests (tests/review_browser.rs, tests/browser_chat.rs):
//! finding it, and running it with a time limit.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The installed Chromium, if any: on `PATH`, or Debian's `/usr/bin/chromium`.
pub fn find() -> Option<PathBuf> {
    let on_path = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH").and_then(|path| {
                std::env::split_paths(&path)
                    .map(|dir| dir.join(name))
                    .find(|candidate| candidate.is_file())
            })
        });
    on_path.or_else(|| Some(PathBuf::from("/usr/bin/chromium")).filter(|p| p.is_file()))
}

/// Runs headless Chromium with the profile in `profile` and `args`, stopping it after
/// `limit`; returns its standard output.
pub fn run(
    browser: &Path,
    profile: &Path,
    args: &[String],
    limit: Duration,
) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let mut stdout = child.stdout.take().ok_or("no stdout")?;
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        stdout.read_to_string(&mut text).map(|_| text)
    });
    let started = Instant::now();
    while child.try_wait()?.is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("chromium did not finish in {limit:?}").into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(reader.join().map_err(|_| "reader thread failed")??)
}
