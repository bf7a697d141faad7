//! RFC 3339 timestamps in UTC with milliseconds (`2026-11-22T10:15:00.123Z`), without a crate.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::detect::Date;

const MS_PER_DAY: i64 = 86_400_000;

/// Milliseconds since 1970-01-01T00:00:00Z (negative before it).
pub fn unix_millis(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
        Err(e) => i64::try_from(e.duration().as_millis()).map_or(i64::MIN, |ms| -ms),
    }
}

/// The time `ms` milliseconds after 1970-01-01T00:00:00Z.
pub fn from_unix_millis(ms: i64) -> SystemTime {
    let magnitude = Duration::from_millis(ms.unsigned_abs());
    if ms >= 0 {
        UNIX_EPOCH + magnitude
    } else {
        UNIX_EPOCH - magnitude
    }
}

/// The UTC calendar date of `time`.
pub fn utc_date(time: SystemTime) -> Date {
    Date::from_unix_days(unix_millis(time).div_euclid(MS_PER_DAY))
}

/// 00:00:00 UTC on `date`.
pub fn start_of_day(date: Date) -> SystemTime {
    from_unix_millis(date.to_unix_days().saturating_mul(MS_PER_DAY))
}

/// `time` as RFC 3339 in UTC with milliseconds: `2026-11-22T10:15:00.123Z` (truncated, not
/// rounded, to the millisecond).
pub fn format(time: SystemTime) -> String {
    let ms = unix_millis(time);
    let date = Date::from_unix_days(ms.div_euclid(MS_PER_DAY));
    let of_day = ms.rem_euclid(MS_PER_DAY);
    let (secs, millis) = (of_day / 1000, of_day % 1000);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        date.year,
        date.month,
        date.day,
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Parses RFC 3339: `YYYY-MM-DDTHH:MM:SS`, optional fraction (kept to the millisecond), then
/// `Z` or `±HH:MM`. `t` and a space are accepted for `T`, `z` for `Z`.
pub fn parse(text: &str) -> Option<SystemTime> {
    let b = text.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    if !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let date = Date::new(
        i32::try_from(digits(&b[0..4])?).ok()?,
        u32::try_from(digits(&b[5..7])?).ok()?,
        u32::try_from(digits(&b[8..10])?).ok()?,
    )?;
    let (hour, minute, second) = (
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    );
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let (millis, rest) = fraction(&b[19..])?;
    let offset_minutes = offset(rest)?;
    let ms = date.to_unix_days() * MS_PER_DAY
        + (hour * 3600 + minute * 60 + second.min(59)) * 1000
        + millis
        - offset_minutes * 60_000;
    Some(from_unix_millis(ms))
}

/// The value of a run of ASCII digits.
fn digits(bytes: &[u8]) -> Option<i64> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(bytes.iter().fold(0, |v, d| v * 10 + i64::from(d - b'0')))
}

/// An optional `.fraction`: its milliseconds and what follows it.
fn fraction(b: &[u8]) -> Option<(i64, &[u8])> {
    let Some(rest) = b.strip_prefix(b".") else {
        return Some((0, b));
    };
    let len = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    if len == 0 {
        return None;
    }
    let mut ms = 0;
    for i in 0..3 {
        ms = ms * 10
            + rest
                .get(i)
                .filter(|_| i < len)
                .map_or(0, |d| i64::from(d - b'0'));
    }
    Some((ms, &rest[len..]))
}

/// `Z` (0) or `±HH:MM` as minutes east of UTC.
fn offset(b: &[u8]) -> Option<i64> {
    match b {
        b"Z" | b"z" => Some(0),
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (h, m) = (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?);
            if h > 23 || m > 59 {
                return None;
            }
            let minutes = h * 60 + m;
            Some(if *sign == b'-' { -minutes } else { minutes })
        }
        _ => None,
    }
}

/// Serde for a `SystemTime` as an RFC 3339 string (for `#[serde(with = …)]`).
pub(crate) mod rfc3339 {
    use std::time::SystemTime;

    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    /// Writes [`super::format`].
    pub fn serialize<S: Serializer>(time: &SystemTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format(*time))
    }

    /// Reads [`super::parse`].
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SystemTime, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        super::parse(&text).ok_or_else(|| D::Error::custom("not an RFC 3339 time"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_milliseconds_in_utc() {
        let t = from_unix_millis(1_795_342_500_123);
        assert_eq!(format(t), "2026-11-22T10:15:00.123Z");
        assert_eq!(parse("2026-11-22T10:15:00.123Z"), Some(t));
        assert_eq!(parse("2026-11-22T11:15:00.123456+01:00"), Some(t));
        assert_eq!(parse("2026-11-22 10:15:00.1239z"), Some(t));
        assert_eq!(format(UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
        assert_eq!(format(from_unix_millis(-1)), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn rejects_malformed_times() {
        for bad in [
            "2026-11-22",
            "2026-11-22T10:15:00",
            "2026-02-30T10:15:00Z",
            "2026-11-22T24:00:00Z",
            "2026-11-22T10:15:00.Z",
            "2026-11-22T10:15:00+0100",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn days_start_at_midnight_utc() {
        let d = Date::new(2026, 11, 22);
        let start = d.map(start_of_day);
        assert_eq!(
            start.map(format).as_deref(),
            Some("2026-11-22T00:00:00.000Z")
        );
        assert_eq!(start.map(utc_date), d);
    }
}
