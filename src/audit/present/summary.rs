//! `sluss logs --summary`: counts per action, day, kind, service and client, as text or JSON.

use std::fmt::Write as _;
use std::time::Duration;

use serde_json::{Map, Value, json};

use super::printable;
use crate::audit::filter::Summary;

/// The summary as text: the total and the time it took, then one block per dimension. Days
/// run in order; the other blocks are sorted by count, largest first.
pub fn text(summary: &Summary, took: Duration) -> String {
    let mut out = format!("{} records ({:.2} s)\n", summary.total, took.as_secs_f64());
    block(
        &mut out,
        "per action",
        summary
            .per_action
            .iter()
            .map(|(a, n)| (a.as_str().to_string(), *n)),
        false,
    );
    block(
        &mut out,
        "per day (Europe/Stockholm)",
        summary
            .per_local_day
            .iter()
            .map(|(d, n)| (d.to_string(), *n)),
        false,
    );
    block(
        &mut out,
        "per kind (records with at least one finding of the kind)",
        summary
            .per_kind
            .iter()
            .map(|(k, n)| (k.name().to_string(), *n)),
        true,
    );
    block(
        &mut out,
        "per service (or host)",
        summary
            .per_service
            .iter()
            .map(|(s, n)| (printable(s).into_owned(), *n)),
        true,
    );
    block(
        &mut out,
        "per client",
        summary.per_client.iter().map(|(c, n)| (c.to_string(), *n)),
        true,
    );
    out
}

/// One titled block of `name  count` lines, aligned.
fn block(
    out: &mut String,
    title: &str,
    rows: impl Iterator<Item = (String, usize)>,
    by_count: bool,
) {
    let mut rows: Vec<(String, usize)> = rows.collect();
    if by_count {
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    }
    let _ = write!(out, "\n{title}\n");
    if rows.is_empty() {
        out.push_str("  (none)\n");
    }
    let name_width = rows
        .iter()
        .map(|(n, _)| n.chars().count())
        .max()
        .unwrap_or(0);
    let count_width = rows
        .iter()
        .map(|(_, c)| c.to_string().len())
        .max()
        .unwrap_or(0);
    for (name, count) in rows {
        let pad = name_width - name.chars().count();
        let _ = writeln!(out, "  {name}{:pad$}  {count:>count_width$}", "");
    }
}

/// The summary as one JSON object: `total`, `took_ms`, and `per_action`, `per_day`,
/// `per_kind`, `per_service`, `per_client` as objects of counts.
pub fn json(summary: &Summary, took: Duration) -> Value {
    fn object<K: ToString>(entries: impl Iterator<Item = (K, usize)>) -> Value {
        Value::Object(
            entries
                .map(|(k, n)| (k.to_string(), Value::from(n)))
                .collect::<Map<String, Value>>(),
        )
    }
    json!({
        "total": summary.total,
        "took_ms": took.as_millis() as u64,
        "per_action": object(summary.per_action.iter().map(|(a, n)| (a.as_str(), *n))),
        "per_day": object(summary.per_day.iter().map(|(d, n)| (d, *n))),
        "per_kind": object(summary.per_kind.iter().map(|(k, n)| (k.name(), *n))),
        "per_service": object(summary.per_service.iter().map(|(s, n)| (s, *n))),
        "per_client": object(summary.per_client.iter().map(|(c, n)| (c, *n))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::EventAction as Action;
    use crate::detect::{Date, Kind};

    fn summary() -> Summary {
        let mut s = Summary::default();
        s.total = 3;
        if let Some(d) = Date::new(2026, 11, 22) {
            s.per_day.insert(d, 3);
            s.per_local_day.insert(d, 3);
        }
        s.per_kind.insert(Kind::Personnummer, 2);
        s.per_kind.insert(Kind::Email, 3);
        s.per_service.insert("OpenAI API".into(), 1);
        s.per_service.insert("evil\u{1b}[2J".into(), 2);
        s.per_client.insert([10, 0, 0, 1].into(), 3);
        s.per_action.insert(Action::Block, 3);
        s
    }

    #[test]
    fn text_sorts_by_count_and_prints_no_escape_sequences() {
        let text = text(&summary(), Duration::from_millis(1234));
        assert!(text.starts_with("3 records (1.23 s)\n"), "{text}");
        assert!(text.contains("  2026-11-22  3\n"), "{text}");
        let email = text.find("email").unwrap_or(usize::MAX);
        let pnr = text.find("personnummer").unwrap_or(0);
        assert!(email < pnr, "{text}");
        assert!(!text.contains('\u{1b}'));
    }

    #[test]
    fn json_has_every_dimension() {
        let value = json(&summary(), Duration::from_millis(5));
        assert_eq!(value["total"], 3);
        assert_eq!(value["per_day"]["2026-11-22"], 3);
        assert_eq!(value["per_kind"]["email"], 3);
        assert_eq!(value["per_client"]["10.0.0.1"], 3);
        assert_eq!(value["per_action"]["block"], 3);
    }
}
