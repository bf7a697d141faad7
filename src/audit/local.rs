//! Times for people: Europe/Stockholm with the zone's abbreviation (`2026-11-22 11:15:00
//! CET`), from the time-zone data bundled in the binary (jiff's copy of the IANA database),
//! not the machine's, so that a server set to UTC or missing tzdata shows the same. Machine
//! formats (the stored JSON, CSV, `--format json`) keep UTC ([`super::time`]).

use std::sync::OnceLock;
use std::time::SystemTime;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::time::unix_millis;
use crate::detect::Date;

/// The zone shown.
pub const ZONE: &str = "Europe/Stockholm";

/// [`ZONE`] from the bundled database (UTC should it be missing, which the tests rule out).
fn zone() -> &'static TimeZone {
    static ZONE_DATA: OnceLock<TimeZone> = OnceLock::new();
    ZONE_DATA.get_or_init(|| TimeZone::get(ZONE).unwrap_or(TimeZone::UTC))
}

/// `time` in [`ZONE`] as `Timestamp`, clamped into jiff's range.
fn timestamp(time: SystemTime) -> Timestamp {
    let ms = unix_millis(time).clamp(
        Timestamp::MIN.as_millisecond(),
        Timestamp::MAX.as_millisecond(),
    );
    Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// `2026-11-22 11:15:00 CET` (CEST in summer): to the second, with the zone's abbreviation.
pub fn format(time: SystemTime) -> String {
    timestamp(time)
        .to_zoned_datetime(zone().clone())
        .strftime("%Y-%m-%d %H:%M:%S %Z")
        .to_string()
}

/// The Swedish names of the months, January first.
pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// `22 november 2026 kl. 11.15` (Swedish time, to the minute): a time for staff to quote, as
/// Swedish is written.
pub fn spoken(time: SystemTime) -> String {
    let zoned = timestamp(time).to_zoned_datetime(zone().clone());
    let month = MONTHS[usize::try_from(zoned.month() - 1).unwrap_or(0) % 12];
    format!(
        "{} {month} {} kl. {:02}.{:02}",
        zoned.day(),
        zoned.year(),
        zoned.hour(),
        zoned.minute()
    )
}

/// The calendar date of `time` in [`ZONE`].
pub fn date(time: SystemTime) -> Date {
    let date = timestamp(time).to_zoned_datetime(zone().clone()).date();
    Date::new(
        i32::from(date.year()),
        u32::try_from(date.month()).unwrap_or(1),
        u32::try_from(date.day()).unwrap_or(1),
    )
    .unwrap_or_else(|| super::time::utc_date(time))
}

/// The first instant of `date` in [`ZONE`] (00:00, or the first time after a gap).
pub fn start_of_day(date: Date) -> SystemTime {
    let start = i8::try_from(date.month)
        .ok()
        .zip(i8::try_from(date.day).ok())
        .zip(i16::try_from(date.year).ok())
        .and_then(|((m, d), y)| jiff::civil::Date::new(y, m, d).ok())
        .and_then(|d| d.to_zoned_datetime(zone().clone()).ok())
        .map(|z| z.timestamp().as_millisecond());
    match start {
        Some(ms) => super::time::from_unix_millis(ms),
        None => super::time::start_of_day(date),
    }
}

/// Days in [`ZONE`] for times that mostly come in order (a log): remembers the last day's
/// bounds, so that a million records cost a few hundred time-zone look-ups.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Days {
    /// The last day seen and its bounds in Unix milliseconds, `[start, end)`.
    last: Option<(Date, i64, i64)>,
}

impl Days {
    /// The date in [`ZONE`] of the time `ms` milliseconds after the Unix epoch.
    pub fn date(&mut self, ms: i64) -> Date {
        if let Some((date, start, end)) = self.last
            && (start..end).contains(&ms)
        {
            return date;
        }
        let date = date(super::time::from_unix_millis(ms));
        let start = unix_millis(start_of_day(date));
        let next = Date::from_unix_days(date.to_unix_days() + 1);
        let end = unix_millis(start_of_day(next));
        self.last = Some((date, start, end));
        date
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::time;

    fn at(text: &str) -> SystemTime {
        time::parse(text).unwrap_or(SystemTime::UNIX_EPOCH)
    }

    #[test]
    fn winter_is_cet_and_summer_is_cest() {
        assert_eq!(
            format(at("2026-11-22T10:15:00.999Z")),
            "2026-11-22 11:15:00 CET"
        );
        assert_eq!(
            format(at("2026-07-01T10:15:00Z")),
            "2026-07-01 12:15:00 CEST"
        );
        // The last Sunday of March 2026: 01:00 UTC is 03:00 CEST.
        assert_eq!(
            format(at("2026-03-29T00:59:59Z")),
            "2026-03-29 01:59:59 CET"
        );
        assert_eq!(
            format(at("2026-03-29T01:00:00Z")),
            "2026-03-29 03:00:00 CEST"
        );
    }

    #[test]
    fn days_begin_at_local_midnight() {
        let late = at("2026-11-22T23:30:00Z");
        assert_eq!(date(late), Date::new(2026, 11, 23).unwrap_or(date(late)));
        let Some(day) = Date::new(2026, 11, 23) else {
            unreachable!("a date")
        };
        assert_eq!(time::format(start_of_day(day)), "2026-11-22T23:00:00.000Z");
        let Some(summer) = Date::new(2026, 7, 1) else {
            unreachable!("a date")
        };
        assert_eq!(
            time::format(start_of_day(summer)),
            "2026-06-30T22:00:00.000Z"
        );
        let mut days = Days::default();
        let ms = |text: &str| time::unix_millis(at(text));
        assert_eq!(
            days.date(ms("2026-11-22T22:59:59.999Z")),
            date(at("2026-11-22T12:00:00Z"))
        );
        assert_eq!(days.date(ms("2026-11-22T23:00:00Z")), day);
        assert_eq!(
            days.date(ms("2026-11-22T10:00:00Z")).day,
            22,
            "out of order"
        );
    }
}
