//! The installation as IT gets it (issue 13, item 2): the packaged config is the example config
//! with the state in /var/lib/sluss; the systemd unit passes `systemd-analyze verify`; the
//! .deb that cargo-deb builds holds the binary, the unit, the config as a conffile, the docs
//! and maintainer scripts that create the `sluss` user and its state folder.
//!
//! The .deb test needs cargo-deb (`cargo install cargo-deb --locked`, about 2.5 minutes on two
//! cores): without it, it says so and skips, unless `SLUSS_REQUIRE_CARGO_DEB` is set (`.ci/run`
//! installs cargo-deb and sets it, so CI never skips). It packages the binary this test run
//! built (the debug profile, `--no-build`, about 10 s), so it never compiles a release build.

use std::path::{Path, PathBuf};
use std::process::Command;

type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The packaged config made from the example: its own header (the lines before the first
/// blank line), then the example from `[proxy]` on with every `sluss-data/` path moved to
/// /var/lib/sluss and set, not commented out (commands run from any folder find the state).
fn packaged_from(example: &str, header: &str) -> String {
    let body = example
        .find("\n[proxy]")
        .map_or(example, |at| &example[at + 1..]);
    let mut out = format!("{header}\n");
    for line in body.lines() {
        if line.contains("\"sluss-data/") {
            let line = line.strip_prefix("# ").unwrap_or(line);
            out.push_str(&line.replace("\"sluss-data/", "\"/var/lib/sluss/"));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_packaged_config_is_the_example_with_state_in_var_lib() -> Res {
    let example = std::fs::read_to_string(repo().join("config/sluss.toml"))?;
    let path = repo().join("packaging/sluss.toml");
    let packaged = std::fs::read_to_string(&path)?;
    let header = packaged.split("\n\n").next().unwrap_or_default();
    let expected = packaged_from(&example, &format!("{header}\n"));
    if std::env::var_os("SLUSS_BLESS").is_some() {
        std::fs::write(&path, &expected)?;
    }
    assert!(
        packaged == expected,
        "packaging/sluss.toml is not config/sluss.toml with the state in /var/lib/sluss: \
         rerun with SLUSS_BLESS=1 to rewrite it"
    );
    let config = sluss::config::parse(&packaged, "packaging/sluss.toml")?;
    let state = [
        &config.ca.cert,
        &config.ca.key,
        &config.audit.path,
        &config.audit.key_file,
        &config.audit.signing_key_file,
    ];
    for path in state {
        assert!(path.starts_with("/var/lib/sluss/"), "{}", path.display());
    }
    Ok(())
}

/// The unit with its `ExecStart` binary replaced by the one this test run built (verify
/// checks that the binary exists), in a temporary folder.
fn unit_for_test(dir: &Path) -> Res<PathBuf> {
    let unit = std::fs::read_to_string(repo().join("packaging/sluss.service"))?;
    assert!(unit.contains("ExecStart=/usr/bin/sluss run --config /etc/sluss/sluss.toml"));
    let path = dir.join("sluss.service");
    std::fs::write(
        &path,
        unit.replace("/usr/bin/sluss", env!("CARGO_BIN_EXE_sluss")),
    )?;
    Ok(path)
}

#[test]
fn the_systemd_unit_verifies_and_is_hardened() -> Res {
    let unit = std::fs::read_to_string(repo().join("packaging/sluss.service"))?;
    for setting in [
        "User=sluss",
        "ProtectSystem=strict",
        "ReadWritePaths=/var/lib/sluss",
        "NoNewPrivileges=yes",
        "CapabilityBoundingSet=\n",
        "AmbientCapabilities=\n",
        "MemoryMax=",
        "ExecReload=/bin/kill -HUP $MAINPID",
        "PrivateUsers=yes",
        "SystemCallFilter=@system-service",
    ] {
        assert!(unit.contains(setting), "the unit lacks {setting:?}");
    }
    if Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("systemd-analyze is not installed: `verify` skipped");
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let path = unit_for_test(dir.path())?;
    let out = Command::new("systemd-analyze")
        .arg("verify")
        .arg(&path)
        .output()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.trim().is_empty(), "{stderr}");
    // The exposure score (README: 1.1); `--offline` needs systemd 250 or newer.
    let out = Command::new("systemd-analyze")
        .args(["security", "--offline=yes"])
        .arg(&path)
        .output()?;
    let report = String::from_utf8_lossy(&out.stdout);
    let Some(score) = report
        .lines()
        .find_map(|l| l.split_once("Overall exposure level for sluss.service: "))
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .and_then(|n| n.parse::<f64>().ok())
    else {
        eprintln!("systemd-analyze security --offline gave no score: {report}");
        return Ok(());
    };
    assert!(score <= 1.5, "exposure {score}:\n{report}");
    Ok(())
}

/// `dpkg-deb ARGS deb` as text.
fn dpkg_deb(args: &[&str], deb: &Path) -> Res<String> {
    let out = Command::new("dpkg-deb").args(args).arg(deb).output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8(out.stdout)?)
}

#[test]
fn the_deb_holds_the_binary_unit_config_and_user_setup() -> Res {
    let has_cargo_deb = Command::new("cargo")
        .args(["deb", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_cargo_deb {
        let why = "cargo-deb is not installed (`cargo install cargo-deb --locked`)";
        if std::env::var_os("SLUSS_REQUIRE_CARGO_DEB").is_some() {
            return Err(format!("{why}, and SLUSS_REQUIRE_CARGO_DEB is set").into());
        }
        eprintln!("{why}: the .deb test is skipped");
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let deb = dir.path().join("sluss.deb");
    // The binary this run built (target/debug), without a release build or stripping.
    let out = Command::new("cargo")
        .current_dir(repo())
        .args([
            "deb",
            "--no-build",
            "--profile",
            "dev",
            "--no-strip",
            "--fast",
        ])
        .args(["--no-dbgsym", "--offline", "--output"])
        .arg(&deb)
        .output()?;
    assert!(
        out.status.success(),
        "cargo deb: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let contents = dpkg_deb(&["-c"], &deb)?;
    for path in [
        "./usr/bin/sluss",
        "./etc/sluss/sluss.toml",
        "/systemd/system/sluss.service",
        "./usr/share/doc/sluss/README.md",
        "./usr/share/doc/sluss/CONFIG.md",
        "./usr/share/doc/sluss/CHANGELOG.md",
        "./usr/share/doc/sluss/copyright",
    ] {
        assert!(
            contents.contains(path),
            "{path} not in the .deb:\n{contents}"
        );
    }
    let binary = contents
        .lines()
        .find(|l| l.ends_with("./usr/bin/sluss"))
        .unwrap_or_default();
    assert!(
        binary.starts_with("-rwxr-xr-x root/root") || binary.starts_with("-rwxr-xr-x 0/0"),
        "{binary}"
    );
    let info = dpkg_deb(&["-I"], &deb)?;
    for field in [
        "Package: sluss",
        "Section: net",
        "adduser",
        "conffiles",
        "postinst",
    ] {
        assert!(
            info.contains(field),
            "{field} not in the control data:\n{info}"
        );
    }
    let control = dir.path().join("control");
    let out = Command::new("dpkg-deb")
        .arg("-e")
        .arg(&deb)
        .arg(&control)
        .output()?;
    assert!(out.status.success());
    let conffiles = std::fs::read_to_string(control.join("conffiles"))?;
    assert_eq!(conffiles.trim(), "/etc/sluss/sluss.toml");
    let postinst = std::fs::read_to_string(control.join("postinst"))?;
    for step in [
        "adduser --system --group --home /var/lib/sluss",
        "install -d -o sluss -g sluss -m 0700 /var/lib/sluss",
        "daemon-reload",
    ] {
        assert!(
            postinst.contains(step),
            "postinst lacks {step:?}:\n{postinst}"
        );
    }
    assert!(
        !postinst.contains("deb-systemd-invoke start"),
        "the service must not start before the register is written:\n{postinst}"
    );
    // The packaged files are the repository's.
    let extracted = dir.path().join("root");
    let out = Command::new("dpkg-deb")
        .arg("-x")
        .arg(&deb)
        .arg(&extracted)
        .output()?;
    assert!(out.status.success());
    for (inside, source) in [
        ("etc/sluss/sluss.toml", "packaging/sluss.toml"),
        ("usr/share/doc/sluss/CONFIG.md", "docs/CONFIG.md"),
    ] {
        assert_eq!(
            std::fs::read(extracted.join(inside))?,
            std::fs::read(repo().join(source))?,
            "{inside}"
        );
    }
    let unit = find_unit(&extracted).ok_or("no sluss.service in the .deb")?;
    assert_eq!(
        std::fs::read(unit)?,
        std::fs::read(repo().join("packaging/sluss.service"))?
    );
    let version = Command::new(extracted.join("usr/bin/sluss"))
        .arg("--version")
        .output()?;
    assert!(String::from_utf8(version.stdout)?.starts_with("sluss "));
    Ok(())
}

/// The unit file inside an extracted package (lib/ or usr/lib/ systemd/system).
fn find_unit(root: &Path) -> Option<PathBuf> {
    [
        "lib/systemd/system/sluss.service",
        "usr/lib/systemd/system/sluss.service",
    ]
    .iter()
    .map(|p| root.join(p))
    .find(|p| p.is_file())
}

/// The container image cannot be built here (no registry to pull base images from): what can
/// be checked is that it is multi-stage, runs as a non-root user on a minimal base, copies only
/// files that exist, and that its config validates with the state in the volume.
#[test]
fn the_container_image_is_non_root_and_its_config_validates() -> Res {
    let dockerfile = std::fs::read_to_string(repo().join("packaging/Dockerfile"))?;
    let stages: Vec<&str> = dockerfile
        .lines()
        .filter(|l| l.starts_with("FROM "))
        .collect();
    assert_eq!(stages.len(), 2, "{stages:?}");
    assert!(stages[1].contains("distroless") && stages[1].contains(":nonroot"));
    assert!(dockerfile.contains("\nUSER 65532:65532\n"));
    for line in dockerfile.lines().filter(|l| l.starts_with("COPY ")) {
        if line.contains("--from=") {
            continue;
        }
        let source = line.split_whitespace().nth(1).unwrap_or_default();
        assert!(source == "." || repo().join(source).exists(), "{line}");
    }
    let ignore = std::fs::read_to_string(repo().join(".dockerignore"))?;
    assert!(ignore.lines().any(|l| l == "target/"));
    let text = std::fs::read_to_string(repo().join("packaging/container.toml"))?;
    let config = sluss::config::parse(&text, "packaging/container.toml")?;
    assert!(config.warnings.is_empty(), "{:?}", config.warnings);
    assert_eq!(config.proxy.listen[0].to_string(), "0.0.0.0:3128");
    for path in [&config.ca.key, &config.audit.path, &config.audit.key_file] {
        assert!(path.starts_with("/var/lib/sluss/"), "{}", path.display());
    }
    Ok(())
}
