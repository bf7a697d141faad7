//! Validation of personnummer and samordningsnummer: century, date, birth number, Luhn.
//!
//! Rules from research/swedish-detection.md §1: a 12-digit form starts 18, 19 or 20; a `+`
//! separator means the holder is 100 or older and so pins the century; otherwise a date valid in
//! any plausible century is accepted (`000229-2399` is 2000-02-29). Birth number 000 is never
//! issued. Coordination numbers add 60 to the day and may have month 00 or day 60 (unknown).

use super::date::Date;
use super::finding::{Digits, Kind};

/// The separator written between the date and the birth number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Separator {
    /// No separator (`8501012382`).
    None,
    /// `-` or any dash.
    Hyphen,
    /// `+`: the holder is 100 or older.
    Plus,
    /// A space.
    Space,
    /// Anything else an evasion form allows (dots, slashes, markup, line breaks).
    Other,
}

/// A number that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdNumber {
    /// `Personnummer` or `Samordningsnummer`.
    pub kind: Kind,
    /// The canonical 12-digit form `YYYYMMDDNNNC`.
    pub canonical: Digits,
    /// False for a coordination number whose day does not exist in its month (31 April).
    pub exact_date: bool,
    /// True when the (explicit) birth date lies in the future.
    pub future: bool,
}

/// Validates 10 or 12 ASCII digits written with `separator` before the birth number.
pub fn validate(digits: &[u8], separator: Separator, today: Date) -> Option<IdNumber> {
    let (century, ten) = match digits.len() {
        10 => (None, digits),
        12 => {
            let century = two(&digits[0..2]);
            if !(18..=20).contains(&century) {
                return None;
            }
            (Some(century), &digits[2..])
        }
        _ => return None,
    };
    if !ten.iter().all(u8::is_ascii_digit) || !luhn_ok(ten) {
        return None;
    }
    let yy = two(&ten[0..2]);
    let month = two(&ten[2..4]);
    let day = two(&ten[4..6]);
    if &ten[6..9] == b"000" || month > 12 {
        return None;
    }
    let coordination = day >= 60;
    let real_day = if coordination { day - 60 } else { day };
    if (!coordination && (month == 0 || day == 0)) || real_day > 31 {
        return None;
    }
    let (years, count) = candidate_years(century, yy, separator, today);
    let years = &years[..count];
    let valid_in = |year: i32| -> bool {
        if coordination && (month == 0 || real_day == 0) {
            return true;
        }
        real_day <= Date::days_in_month(year, month)
    };
    let year = years.iter().copied().find(|&y| valid_in(y));
    let (year, exact_date) = match year {
        Some(year) => (year, true),
        // A coordination number with an impossible day is still reported, less surely.
        None if coordination => (years[0], false),
        None => return None,
    };
    let future = century.is_some()
        && Date::new(year, month.max(1), real_day.max(1)).is_some_and(|d| d > today);
    let century_digits = year.div_euclid(100) as u8;
    let mut twelve = [0u8; 12];
    twelve[0] = b'0' + century_digits / 10;
    twelve[1] = b'0' + century_digits % 10;
    twelve[2..].copy_from_slice(ten);
    let canonical = Digits::from_ascii(&twelve)?;
    Some(IdNumber {
        kind: if coordination {
            Kind::Samordningsnummer
        } else {
            Kind::Personnummer
        },
        canonical,
        exact_date,
        future,
    })
}

fn two(d: &[u8]) -> u32 {
    u32::from(d[0] - b'0') * 10 + u32::from(d[1] - b'0')
}

/// The full birth years the two-digit year `yy` may stand for, most plausible first, and how
/// many there are.
fn candidate_years(
    century: Option<u32>,
    yy: u32,
    separator: Separator,
    today: Date,
) -> ([i32; 2], usize) {
    let yy = yy as i32;
    if let Some(century) = century {
        return ([century as i32 * 100 + yy, 0], 1);
    }
    let base = if separator == Separator::Plus {
        today.year - 100
    } else {
        today.year
    };
    let year = base - (base - yy).rem_euclid(100);
    if separator == Separator::Plus {
        ([year, 0], 1)
    } else {
        ([year, year - 100], 2)
    }
}

/// The Luhn ("10-modul") check over a 10-digit number: weights 2,1,2,… on the first nine digits.
pub fn luhn_ok(ten: &[u8]) -> bool {
    luhn_valid(ten)
}

/// True when the last digit of `digits` is the Luhn check digit of the others.
pub fn luhn_valid(digits: &[u8]) -> bool {
    let Some((&check, body)) = digits.split_last() else {
        return false;
    };
    let mut sum = 0u32;
    for (i, &d) in body.iter().rev().enumerate() {
        let mut v = u32::from(d - b'0');
        if i % 2 == 0 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    (10 - sum % 10) % 10 == u32::from(check - b'0')
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Date = Date {
        year: 2026,
        month: 11,
        day: 23,
    };

    fn check(s: &str, sep: Separator) -> Option<IdNumber> {
        validate(s.as_bytes(), sep, TODAY)
    }

    #[test]
    fn accepts_skatteverket_examples() {
        let id = check("8501012382", Separator::Hyphen).unwrap_or_else(|| unreachable!());
        assert_eq!(id.kind, Kind::Personnummer);
        assert_eq!(id.canonical.expose(), "198501012382");
        assert!(check("198501012382", Separator::None).is_some());
        assert!(check("0905271474", Separator::Plus).is_some());
    }

    #[test]
    fn wrong_check_digit_is_rejected() {
        assert!(check("8501012383", Separator::Hyphen).is_none());
    }

    #[test]
    fn birth_number_000_is_rejected() {
        assert!(check("1509160006", Separator::Hyphen).is_none());
    }

    #[test]
    fn month_13_is_rejected() {
        assert!(check("9013011110", Separator::Hyphen).is_none());
    }

    #[test]
    fn leap_day_2000_is_valid_but_plus_pins_1900() {
        let id = check("0002292399", Separator::Hyphen).unwrap_or_else(|| unreachable!());
        assert_eq!(id.canonical.expose(), "200002292399");
        assert!(check("0002292399", Separator::Plus).is_none());
    }

    #[test]
    fn plus_separator_means_age_100() {
        let id = check("2001011564", Separator::Plus).unwrap_or_else(|| unreachable!());
        assert_eq!(id.canonical.expose(), "192001011564");
    }

    #[test]
    fn coordination_numbers_including_unknown_month_and_day() {
        let id = check("9001792382", Separator::Hyphen).unwrap_or_else(|| unreachable!());
        assert_eq!(id.kind, Kind::Samordningsnummer);
        assert!(check("1500722390", Separator::Hyphen).is_some());
        assert!(check("1711602399", Separator::Hyphen).is_some());
    }

    #[test]
    fn organisation_numbers_never_match() {
        assert!(check("5560360793", Separator::Hyphen).is_none());
        assert!(check("8020051952", Separator::Hyphen).is_none());
        assert!(check("165560360793", Separator::None).is_none());
    }

    #[test]
    fn twelve_digits_must_start_18_19_or_20() {
        assert!(check("218501012382", Separator::None).is_none());
        assert!(check("178501012382", Separator::None).is_none());
    }

    #[test]
    fn impossible_coordination_day_is_inexact() {
        let id = check("192004912388", Separator::None).unwrap_or_else(|| unreachable!());
        assert!(!id.exact_date);
    }

    #[test]
    fn future_birth_date_is_flagged() {
        // 2030-01-01, birth number 238, check digit computed for it.
        let ten = b"300101238";
        let digit = (0..=9u8)
            .find(|d| {
                let mut v = ten.to_vec();
                v.push(b'0' + d);
                luhn_ok(&v)
            })
            .unwrap_or(0);
        let mut twelve = b"20".to_vec();
        twelve.extend_from_slice(ten);
        twelve.push(b'0' + digit);
        let id = validate(&twelve, Separator::None, TODAY).unwrap_or_else(|| unreachable!());
        assert!(id.future);
    }
}
