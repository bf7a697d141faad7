//! docs/CONFIG.md and config/sluss.toml cannot drift from the code: every key the parser
//! accepts is documented in its section and nothing else is; every default written as a value
//! in the reference is the built-in one (a config that sets the key to it equals the built-in
//! defaults); every value in the example config is that default unless its line says "e.g.";
//! every documented key appears in the example; every kind of finding is listed.

use std::collections::{BTreeMap, BTreeSet};

use sluss::config::{Config, parse};
use sluss::detect::Kind;

type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// One documented key: its default cell (`None` when the default is not a literal value).
struct Row {
    key: String,
    default: Option<toml::Value>,
}

const REFERENCE: &str = include_str!("../docs/CONFIG.md");
const EXAMPLE: &str = include_str!("../config/sluss.toml");

/// A TOML value written alone (`10`, `"x"`, `[..]`), or `None`.
fn value(text: &str) -> Option<toml::Value> {
    let table: toml::Table = toml::from_str(&format!("v = {text}")).ok()?;
    table.get("v").cloned()
}

/// The reference's key tables, by section (`proxy`, …, `service`), and its kinds table.
fn reference() -> (BTreeMap<String, Vec<Row>>, Vec<String>) {
    let mut sections: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    let mut kinds = Vec::new();
    let mut current: Option<String> = None;
    for line in REFERENCE.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            current = Some(
                heading
                    .trim_matches(|c| c == '`' || c == '[' || c == ']')
                    .into(),
            );
            continue;
        }
        let cells: Vec<&str> = line.split(" | ").map(str::trim).collect();
        let Some(first) = cells.first().and_then(|c| c.strip_prefix("| `")) else {
            continue;
        };
        let name = first.trim_end_matches('`').to_string();
        match current.as_deref() {
            Some("Kinds of finding") => kinds.push(name),
            Some(section) if cells.len() >= 4 => {
                let cell = cells[2];
                let literal = cell.len() > 2
                    && cell.starts_with('`')
                    && cell.ends_with('`')
                    && cell.matches('`').count() == 2;
                let default = literal.then(|| value(&cell[1..cell.len() - 1])).flatten();
                sections
                    .entry(section.to_string())
                    .or_default()
                    .push(Row { key: name, default });
            }
            _ => {}
        }
    }
    (sections, kinds)
}

/// The keys the parser accepts in `header`'s table, read from its unknown-key error.
fn accepted(header: &str) -> Res<BTreeSet<String>> {
    let text = format!("{header}\nzz_not_a_key = 0\n");
    let error = match parse(&text, "probe.toml") {
        Ok(_) => return Err(format!("{header}: an unknown key was accepted").into()),
        Err(e) => e.to_string(),
    };
    let expected = error
        .split_once("expected")
        .map(|(_, rest)| rest)
        .ok_or_else(|| format!("{header}: no list of keys in `{error}`"))?;
    Ok(expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect())
}

const SECTIONS: [(&str, &str); 11] = [
    ("proxy", "[proxy]"),
    ("limits", "[limits]"),
    ("support", "[support]"),
    ("ca", "[ca]"),
    ("audit", "[audit]"),
    ("upstream", "[upstream]"),
    ("policy", "[policy]"),
    ("detection", "[detection]"),
    ("admin", "[admin]"),
    ("register", "[register]"),
    ("service", "[[service]]"),
];

#[test]
fn every_accepted_key_is_documented_and_nothing_else() -> Res {
    let (documented, _) = reference();
    let top = accepted("")?;
    let names: BTreeSet<String> = SECTIONS.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(top, names, "top-level tables of the parser vs. SECTIONS");
    for (name, header) in SECTIONS {
        let rows = documented
            .get(name)
            .ok_or_else(|| format!("docs/CONFIG.md has no section {header}"))?;
        let keys: BTreeSet<String> = rows.iter().map(|r| r.key.clone()).collect();
        assert_eq!(keys.len(), rows.len(), "{header}: a key documented twice");
        assert_eq!(
            keys,
            accepted(header)?,
            "{header}: documented vs. accepted keys"
        );
    }
    Ok(())
}

#[test]
fn every_documented_default_is_the_built_in_one() -> Res {
    let (documented, _) = reference();
    let defaults = format!("{:?}", Config::defaults());
    let mut checked = 0;
    for (name, header) in SECTIONS.iter().filter(|(n, _)| *n != "service") {
        for row in documented.get(*name).into_iter().flatten() {
            let Some(default) = &row.default else {
                continue;
            };
            let text = format!("{header}\n{} = {default}\n", row.key);
            let config = parse(&text, "default.toml").map_err(|e| format!("{text}: {e}"))?;
            assert_eq!(
                format!("{config:?}"),
                defaults,
                "{header} {} = {default} is not the built-in default",
                row.key
            );
            checked += 1;
        }
    }
    assert!(checked >= 40, "only {checked} defaults were checked");
    Ok(())
}

/// The section of a line of the example (`[proxy]`, `# [admin]`, `# [[service]]`).
fn section_of(line: &str) -> Option<String> {
    let line = line.trim_start_matches('#').trim_start();
    let header = line.split('#').next()?.trim();
    let inner = header.strip_prefix('[')?.strip_suffix(']')?;
    Some(inner.trim_matches(|c| c == '[' || c == ']').to_string())
}

/// `key` and the rest of a line `key = value  # comment` (commented out or not).
fn key_line(line: &str) -> Option<(&str, &str)> {
    let line = line.strip_prefix('#').unwrap_or(line).trim_start();
    let (key, rest) = line.split_once('=')?;
    let key = key.trim();
    let is_key = !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    is_key.then_some((key, rest.trim()))
}

#[test]
fn the_example_config_shows_the_defaults_and_every_key() -> Res {
    let (documented, _) = reference();
    let mut seen: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut section = String::new();
    for (number, line) in EXAMPLE.lines().enumerate() {
        if let Some(s) = section_of(line) {
            // `[upstream.resolve]` shows the key `resolve` of `[upstream]`.
            if let Some((parent, key)) = s.split_once('.') {
                seen.entry(parent.into()).or_default().insert(key.into());
            }
            section = s;
            continue;
        }
        let Some((key, rest)) = key_line(line) else {
            continue;
        };
        let Some(row) = documented
            .get(&section)
            .and_then(|rows| rows.iter().find(|r| r.key == key))
        else {
            continue;
        };
        seen.entry(section.clone()).or_default().insert(key.into());
        let (Some(default), Some(shown)) = (&row.default, value(rest)) else {
            continue;
        };
        assert!(
            shown == *default || line.contains("e.g."),
            "config/sluss.toml:{}: [{section}] {key} shows {shown}, but the default is \
             {default} (write the default, or say \"e.g.\")",
            number + 1
        );
    }
    for (name, header) in SECTIONS {
        let keys: BTreeSet<String> = documented[name].iter().map(|r| r.key.clone()).collect();
        let shown = seen.remove(name).unwrap_or_default();
        let missing: Vec<_> = keys.difference(&shown).collect();
        assert!(
            missing.is_empty(),
            "config/sluss.toml does not show {header} {missing:?}"
        );
    }
    // The example as it is equals the built-in defaults.
    let example = parse(EXAMPLE, "config/sluss.toml")?;
    assert_eq!(format!("{example:?}"), format!("{:?}", Config::defaults()));
    Ok(())
}

#[test]
fn every_kind_is_listed() {
    let (_, kinds) = reference();
    let names: Vec<String> = Kind::all().iter().map(|k| k.name().to_string()).collect();
    assert_eq!(kinds, names, "the kinds table of docs/CONFIG.md, in order");
}

#[test]
fn readme_points_at_no_file_that_is_not_in_the_repository() -> Res {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))?;
    assert!(!readme.contains("SPEC.md"), "README mentions SPEC.md");
    assert!(
        !EXAMPLE.contains("SPEC.md"),
        "config/sluss.toml mentions SPEC.md"
    );
    for doc in ["docs/CONFIG.md", "CHANGELOG.md", "packaging/sluss.service"] {
        assert!(readme.contains(doc), "README does not point at {doc}");
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(doc);
        assert!(path.is_file(), "{doc} is missing");
    }
    Ok(())
}
