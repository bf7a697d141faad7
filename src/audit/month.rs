//! A calendar month in Swedish time (Europe/Stockholm), as the follow-up report and the
//! published register count by: `2026-11` runs from 1 November 00:00 CET to 1 December 00:00.

use std::fmt;
use std::time::SystemTime;

use serde::{Serialize, Serializer};

use super::local;
use crate::detect::Date;

/// A month: year and month (1–12).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
}

impl Month {
    /// Parses `YYYY-MM` (e.g. `2026-11`); `None` for anything else.
    pub fn parse(text: &str) -> Option<Month> {
        let (year, month) = text.trim().split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        if !year
            .bytes()
            .chain(month.bytes())
            .all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let month = Month {
            year: year.parse().ok()?,
            month: month.parse().ok()?,
        };
        (1..=12).contains(&month.month).then_some(month)
    }

    /// The month `time` falls in, in Swedish time.
    pub fn of(time: SystemTime) -> Month {
        let date = local::date(time);
        Month {
            year: date.year,
            month: date.month,
        }
    }

    /// Its first instant (the 1st at 00:00 Swedish time).
    pub fn start(self) -> SystemTime {
        match Date::new(self.year, self.month, 1) {
            Some(date) => local::start_of_day(date),
            None => std::time::UNIX_EPOCH,
        }
    }

    /// Its end: the next month's start.
    pub fn end(self) -> SystemTime {
        self.next().start()
    }

    /// Whether `time` falls in it.
    pub fn contains(self, time: SystemTime) -> bool {
        time >= self.start() && time < self.end()
    }

    /// The month after.
    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// The month before.
    pub fn previous(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// `count` months ending with this one, oldest first.
    pub fn last(self, count: usize) -> Vec<Month> {
        let mut months = vec![self];
        while months.len() < count {
            let first = months[0].previous();
            months.insert(0, first);
        }
        months
    }

    /// The Swedish name with the year: `november 2026`.
    pub fn swedish(self) -> String {
        let name = local::MONTHS
            .get(usize::try_from(self.month.saturating_sub(1)).unwrap_or(0))
            .copied()
            .unwrap_or("");
        format!("{name} {}", self.year)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOVEMBER: Month = Month {
        year: 2026,
        month: 11,
    };

    #[test]
    fn months_parse_and_step() {
        let nov = NOVEMBER;
        assert_eq!(Month::parse("2026-11"), Some(nov));
        assert_eq!(nov.to_string(), "2026-11");
        assert_eq!(nov.next().next().to_string(), "2027-01");
        assert_eq!(
            Month::parse("2027-01").map(Month::previous),
            Month::parse("2026-12")
        );
        for bad in [
            "2026-13", "2026-00", "26-11", "2026-1", "2026/11", "november", "",
        ] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
        let six = nov.last(6);
        assert_eq!(
            six.first().map(ToString::to_string).as_deref(),
            Some("2026-06")
        );
        assert_eq!(six.len(), 6);
        assert_eq!(nov.swedish(), "november 2026");
    }

    #[test]
    fn a_month_starts_at_midnight_swedish_time() {
        let nov = NOVEMBER;
        assert_eq!(
            super::super::time::format(nov.start()),
            "2026-10-31T23:00:00.000Z"
        );
        assert_eq!(
            super::super::time::format(nov.end()),
            "2026-11-30T23:00:00.000Z"
        );
        assert!(nov.contains(nov.start()));
        assert!(!nov.contains(nov.end()));
        assert_eq!(Month::of(nov.end()), nov.next());
    }
}
