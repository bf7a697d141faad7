//! Filters as people write them (`--since 24h`, `?kind=personnummer`), turned into a
//! [`Filter`]: one parser for `sluss logs` and the review page, so both accept the same things.

use std::fmt;
use std::net::IpAddr;
use std::time::{Duration, SystemTime};

use super::filter::{Filter, StatusFilter};
use super::record::EventAction;
use super::status::Status;
use crate::config::parse_date;
use crate::detect::Kind;

/// The longest duration accepted (about 100 years), so that `now - duration` cannot overflow.
const MAX_DURATION: Duration = Duration::from_secs(100 * 366 * 86_400);

/// A filter as text: each field as typed, `None` when not given. Empty and blank values count
/// as not given (an empty form field).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// At or after: a duration back from now (`30m`, `24h`, `7d`), a date (`2026-11-22`, from
    /// 00:00 in Europe/Stockholm) or an RFC 3339 time.
    pub since: Option<String>,
    /// Before: as `since`.
    pub until: Option<String>,
    /// A kind name (`personnummer`, `sensitive:health`, …).
    pub kind: Option<String>,
    /// A client IP address.
    pub client: Option<String>,
    /// Part of a service name or host.
    pub service: Option<String>,
    /// `block`, `redact` or `allow`.
    pub action: Option<String>,
    /// An incident id.
    pub incident: Option<String>,
    /// A keyed hash (`hmac-sha256:…`).
    pub key_hash: Option<String>,
    /// A status (`new`, `reviewed`, `false_stop`, `resolved`, or the Swedish names).
    pub status: Option<String>,
    /// A user name (`user.name`, whole, ignoring case).
    pub user: Option<String>,
    /// A rule (`event.reason`: `not_approved`, `uninspectable`, …).
    pub reason: Option<String>,
}

/// The names of the fields of a [`Query`], as used in URLs and as `sluss logs` flags.
pub const FIELDS: [&str; 11] = [
    "since", "until", "kind", "client", "service", "action", "incident", "key_hash", "status",
    "user", "reason",
];

/// A value of a [`Query`] that means nothing.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct QueryError {
    /// The field (`since`, `kind`, …).
    pub field: &'static str,
    /// The value as given.
    pub value: String,
    /// What is wrong, in English (the review page has its own words, keyed by `field`).
    pub problem: String,
}

impl Query {
    /// A query from `name=value` pairs (a URL query string); unknown names are ignored, and
    /// of a name given twice the last value counts.
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Query {
        let mut query = Query::default();
        for (name, value) in pairs {
            if let Some(slot) = query.slot(name.as_ref()) {
                *slot = given(value.as_ref());
            }
        }
        query
    }

    /// The field called `name`.
    fn slot(&mut self, name: &str) -> Option<&mut Option<String>> {
        Some(match name {
            "since" => &mut self.since,
            "until" => &mut self.until,
            "kind" => &mut self.kind,
            "client" => &mut self.client,
            "service" => &mut self.service,
            "action" => &mut self.action,
            "incident" => &mut self.incident,
            "key_hash" => &mut self.key_hash,
            "status" => &mut self.status,
            "user" => &mut self.user,
            "reason" => &mut self.reason,
            _ => return None,
        })
    }

    /// The fields that are given, as (name, value) in the order of [`FIELDS`].
    pub fn pairs(&self) -> Vec<(&'static str, &str)> {
        let values = [
            &self.since,
            &self.until,
            &self.kind,
            &self.client,
            &self.service,
            &self.action,
            &self.incident,
            &self.key_hash,
            &self.status,
            &self.user,
            &self.reason,
        ];
        FIELDS
            .iter()
            .zip(values)
            .filter_map(|(name, value)| value.as_deref().map(|v| (*name, v)))
            .collect()
    }

    /// The query as a URL query string (`since=24h&kind=personnummer`), empty when no field
    /// is given.
    pub fn to_query_string(&self) -> String {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(self.pairs())
            .finish()
    }

    /// The [`Filter`] this query means, with times relative to `now`; every bad value is
    /// reported, not just the first.
    pub fn filter(&self, now: SystemTime) -> Result<Filter, Vec<QueryError>> {
        let mut errors = Vec::new();
        let mut check = |field: &'static str,
                         value: &Option<String>,
                         parse: &dyn Fn(&str) -> Result<(), String>| {
            if let Some(v) = value
                && let Err(problem) = parse(v)
            {
                errors.push(QueryError {
                    field,
                    value: v.clone(),
                    problem,
                });
            }
        };
        check("since", &self.since, &|v| parse_time(v, now).map(drop));
        check("until", &self.until, &|v| parse_time(v, now).map(drop));
        check("kind", &self.kind, &|v| parse_kind(v).map(drop));
        check("client", &self.client, &|v| parse_client(v).map(drop));
        check("action", &self.action, &|v| parse_action(v).map(drop));
        check("status", &self.status, &|v| parse_status(v).map(drop));
        check("reason", &self.reason, &|v| parse_reason(v).map(drop));
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Filter {
            since: self.since.as_deref().and_then(|v| parse_time(v, now).ok()),
            until: self.until.as_deref().and_then(|v| parse_time(v, now).ok()),
            kind: self.kind.as_deref().and_then(|v| parse_kind(v).ok()),
            client: self.client.as_deref().and_then(|v| parse_client(v).ok()),
            service: self.service.clone(),
            action: self.action.as_deref().and_then(|v| parse_action(v).ok()),
            incident: self.incident.clone(),
            key_hash: self.key_hash.clone(),
            status: self
                .status
                .as_deref()
                .and_then(|v| parse_status(v).ok())
                .map(StatusFilter::new),
            user: self.user.clone(),
            reason: self.reason.as_deref().and_then(|v| parse_reason(v).ok()),
        })
    }
}

/// `Some(trimmed)` unless blank.
fn given(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// A point in time: a duration back from `now` (`90s`, `30m`, `24h`, `7d`, `2w`), a date
/// (`2026-11-22`, meaning 00:00 in Europe/Stockholm, as the tables show times) or an RFC 3339
/// time (`2026-11-22T10:15:00Z`).
pub fn parse_time(text: &str, now: SystemTime) -> Result<SystemTime, String> {
    let text = text.trim();
    if let Some(duration) = parse_duration(text) {
        return now
            .checked_sub(duration?)
            .ok_or_else(|| "too far back".to_string());
    }
    if let Some(date) = parse_date(text) {
        return Ok(super::local::start_of_day(date));
    }
    super::time::parse(text).ok_or_else(|| {
        "not a duration (30m, 24h, 7d), a date (2026-11-22) or an RFC 3339 time \
         (2026-11-22T10:15:00Z)"
            .to_string()
    })
}

/// A duration such as `30m`: `None` when `text` does not look like one at all.
pub fn parse_duration(text: &str) -> Option<Result<Duration, String>> {
    let unit = text.chars().last()?;
    let number = &text[..text.len() - unit.len_utf8()];
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let seconds: u64 = match unit {
        's' => 1,
        'm' => 60,
        'h' => 3600,
        'd' => 86_400,
        'w' => 7 * 86_400,
        _ => return None,
    };
    let duration = number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(seconds))
        .map(Duration::from_secs)
        .filter(|d| *d <= MAX_DURATION);
    Some(duration.ok_or_else(|| "duration too long".to_string()))
}

/// A kind by its name.
pub fn parse_kind(text: &str) -> Result<Kind, String> {
    Kind::parse(text.trim()).ok_or_else(|| {
        let names: Vec<&str> = Kind::all().iter().map(|k| k.name()).collect();
        format!("unknown kind; one of {}", names.join(", "))
    })
}

/// An IP address (IPv4 or IPv6).
fn parse_client(text: &str) -> Result<IpAddr, String> {
    text.trim()
        .parse()
        .map_err(|_| "not an IP address".to_string())
}

/// An `event.action`: `block`, `redact`, `allow`, `warn`, `justified`, `objection`, `status`.
pub fn parse_action(text: &str) -> Result<EventAction, String> {
    EventAction::parse(&text.trim().to_ascii_lowercase()).ok_or_else(|| {
        "not one of block, redact, allow, warn, justified, objection, status, view".to_string()
    })
}

/// A rule as `event.reason` names it: lower-case letters, digits, `_` and `:`
/// (`not_approved`, `uninspectable`, `uninspectable:too_large`).
pub fn parse_reason(text: &str) -> Result<String, String> {
    let text = text.trim().to_ascii_lowercase();
    let ok = !text.is_empty()
        && text.len() <= 64
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b':');
    if ok {
        Ok(text)
    } else {
        Err("not a rule name such as not_approved, uninspectable or personnummer".to_string())
    }
}

/// A status: `new`, `reviewed`, `false_stop`, `resolved` (or `ny`, `granskad`,
/// `felaktigt-stopp`, `åtgärdad`).
pub fn parse_status(text: &str) -> Result<Status, String> {
    Status::parse(text).ok_or_else(|| {
        "not one of new, reviewed, false_stop, resolved (ny, granskad, felaktigt-stopp, åtgärdad)"
            .to_string()
    })
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_query_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::time;

    fn now() -> SystemTime {
        time::parse("2026-11-22T10:15:00Z").unwrap_or(SystemTime::UNIX_EPOCH)
    }

    #[test]
    fn durations_count_back_from_now() {
        let ago = |text: &str| parse_time(text, now()).map(time::format);
        assert_eq!(ago("30m").as_deref(), Ok("2026-11-22T09:45:00.000Z"));
        assert_eq!(ago("24h").as_deref(), Ok("2026-11-21T10:15:00.000Z"));
        assert_eq!(ago("7d").as_deref(), Ok("2026-11-15T10:15:00.000Z"));
        assert_eq!(ago("1w").as_deref(), Ok("2026-11-15T10:15:00.000Z"));
        assert_eq!(ago("90s").as_deref(), Ok("2026-11-22T10:13:30.000Z"));
        assert!(ago("99999999999999999d").is_err());
        assert!(ago("d").is_err());
        assert!(ago("7 days").is_err());
    }

    #[test]
    fn dates_start_at_midnight_in_stockholm_and_rfc3339_is_exact() {
        let at = |text: &str| parse_time(text, now()).map(time::format);
        assert_eq!(at("2026-11-01").as_deref(), Ok("2026-10-31T23:00:00.000Z"));
        assert_eq!(at("2026-07-01").as_deref(), Ok("2026-06-30T22:00:00.000Z"));
        assert_eq!(
            at("2026-11-01T08:30:00+01:00").as_deref(),
            Ok("2026-11-01T07:30:00.000Z")
        );
        assert!(at("2026-02-30").is_err());
        assert!(at("igår").is_err());
    }

    #[test]
    fn every_bad_value_is_reported_and_blank_values_are_not_given() {
        let query = Query::from_pairs([
            ("since", "soon"),
            ("kind", "pnr"),
            ("client", "10.0.0"),
            ("action", "stop"),
            ("service", "  "),
            ("page", "2"),
        ]);
        assert_eq!(query.service, None);
        let Err(errors) = query.filter(now()) else {
            unreachable!("four bad values")
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["since", "kind", "client", "action"]);
    }

    #[test]
    fn a_query_round_trips_through_its_query_string() {
        let query = Query::from_pairs([
            ("since", "7d"),
            ("kind", "sensitive:health"),
            ("service", "Azure & co"),
            ("key_hash", "hmac-sha256:ab"),
        ]);
        let text = query.to_query_string();
        assert_eq!(
            text,
            "since=7d&kind=sensitive%3Ahealth&service=Azure+%26+co&key_hash=hmac-sha256%3Aab"
        );
        assert_eq!(
            Query::from_pairs(form_urlencoded::parse(text.as_bytes())),
            query
        );
        let filter = query.filter(now()).unwrap_or_default();
        assert_eq!(
            filter.kind,
            Some(Kind::Sensitive(crate::detect::Category::Health))
        );
        assert_eq!(Kind::all().len(), 21);
    }
}
