//! The report as CSV: RFC 4180 (comma-separated, `"` quoting, CRLF line ends, UTF-8), one
//! number per line with stable English keys, so that a spreadsheet or a script can pivot it:
//!
//! ```text
//! section,month,service,host,metric,value
//! total,2026-11,,,requests,1200
//! service,2026-11,Kommunens AI,,stops_by_rule.personnummer,3
//! not_approved,2026-11,,chatgpt.com,attempts,7
//! trend,2026-06,,,stops,12
//! integrity,2026-11,,,verified,true
//! ```
//!
//! A cell that a spreadsheet would run as a formula gets a leading `'` (as `sluss logs`).

use super::{Numbers, Report};
use crate::audit::present::csv::cell_text;

/// The header line.
pub const HEADER: &str = "section,month,service,host,metric,value\r\n";

/// The numbers of `numbers` as `(metric, value)`, in a fixed order.
pub fn metrics(numbers: &Numbers) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = [
        ("requests", numbers.requests),
        ("allowed", numbers.allowed),
        ("redacted", numbers.redacted),
        ("blocked", numbers.blocked),
        ("warned", numbers.warned),
        ("justified", numbers.justified),
        ("uninspectable_allowed", numbers.uninspectable_allowed),
        ("stops", numbers.stops),
        ("warnings", numbers.warnings),
        ("sent_with_justification", numbers.sent_with_justification),
        ("redactions", numbers.redactions),
        ("objected", numbers.objected),
        ("objections_judged", numbers.objections_judged),
        ("objections_false_stop", numbers.objections_false_stop),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    out.push((
        "false_stop_rate".into(),
        numbers
            .false_stop_rate
            .map(|r| format!("{r:.4}"))
            .unwrap_or_default(),
    ));
    for (status, count) in &numbers.status {
        out.push((format!("status.{status}"), count.to_string()));
    }
    out
}

/// The whole report as CSV, header first.
pub fn text(report: &Report) -> String {
    let month = report.month.to_string();
    let mut out = String::from(HEADER);
    let mut line =
        |section: &str, month: &str, service: &str, host: &str, metric: &str, value: &str| {
            let cells = [section, month, service, host, metric, value];
            let cells: Vec<_> = cells.iter().map(|c| cell_text(c)).collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        };
    for (metric, value) in metrics(&report.totals) {
        line("total", &month, "", "", &metric, &value);
    }
    line(
        "total",
        &month,
        "",
        "",
        "not_approved_attempts",
        &report.not_approved_attempts.to_string(),
    );
    for service in &report.services {
        for (metric, value) in metrics(&service.numbers) {
            line("service", &month, &service.service, "", &metric, &value);
        }
        for (rule, count) in &service.stops_by_rule {
            line(
                "service",
                &month,
                &service.service,
                "",
                &format!("stops_by_rule.{rule}"),
                &count.to_string(),
            );
        }
        for (kind, count) in &service.stops_by_kind {
            line(
                "service",
                &month,
                &service.service,
                "",
                &format!("stops_by_kind.{kind}"),
                &count.to_string(),
            );
        }
    }
    for host in &report.not_approved {
        line(
            "not_approved",
            &month,
            "",
            &host.host,
            "attempts",
            &host.attempts.to_string(),
        );
    }
    for trend in &report.trend {
        let at = trend.month.to_string();
        for (metric, value) in metrics(&trend.numbers) {
            line("trend", &at, "", "", &metric, &value);
        }
        line(
            "trend",
            &at,
            "",
            "",
            "not_approved_attempts",
            &trend.not_approved_attempts.to_string(),
        );
    }
    line(
        "integrity",
        &month,
        "",
        "",
        "verified",
        if report.verified { "true" } else { "false" },
    );
    line(
        "integrity",
        &month,
        "",
        "",
        "unreadable_lines",
        &report.unreadable_lines.to_string(),
    );
    line(
        "integrity",
        &month,
        "",
        "",
        "traffic_recorded",
        if report.traffic_recorded {
            "true"
        } else {
            "false"
        },
    );
    out
}
