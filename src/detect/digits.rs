//! The hand-written digit-run scanner: finds clusters of digit groups joined by short gaps.
//!
//! A cluster is a maximal run like `850101-2382`, `070-123 45 67`, `8 5 0 1 0 1 2 3 8 2` or
//! `850101-<b>2382</b>`: groups of ASCII digits (the normalised view has only ASCII digits)
//! separated by one to three separator characters, or by markup, line breaks and table cells.
//! Identity numbers, phone numbers, card numbers and postcodes are all read off clusters, so the
//! text is walked once for all digit-based detectors.

use std::ops::Range;

/// How two digit groups are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GapKind {
    /// A dash, perhaps with spaces around it.
    Hyphen,
    /// A plus sign, perhaps with spaces around it.
    Plus,
    /// One or two spaces.
    Space,
    /// A dot, perhaps followed by a space.
    Dot,
    /// A slash.
    Slash,
    /// Parentheses (`+46 (0)70`).
    Paren,
    /// Markup, a line break, a table cell or a mix: only evasion forms accept it.
    Other,
}

/// A run of ASCII digits, as a byte range of the scanned text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Group {
    /// First digit.
    pub start: usize,
    /// One past the last digit.
    pub end: usize,
}

impl Group {
    /// Number of digits.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Never true: a group has at least one digit.
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// The separator between two groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Gap {
    /// What kind of separator.
    pub kind: GapKind,
    /// Byte range of the separator.
    pub span: (usize, usize),
}

/// A short run of ASCII digits on the stack (no allocation on the scanner's hot path).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DigitString {
    buf: [u8; DigitString::CAPACITY],
    len: u8,
    overflow: bool,
}

impl DigitString {
    /// Most digits kept.
    pub const CAPACITY: usize = 32;

    /// Appends digits; past the capacity the string is marked as overflowing.
    pub fn push(&mut self, digits: &[u8]) {
        let len = usize::from(self.len);
        let room = Self::CAPACITY - len;
        let n = digits.len().min(room);
        self.buf[len..len + n].copy_from_slice(&digits[..n]);
        self.len += n as u8;
        self.overflow |= n < digits.len();
    }

    /// The digits (empty when the string overflowed, so that no length check can pass).
    pub fn as_bytes(&self) -> &[u8] {
        if self.overflow {
            &[]
        } else {
            &self.buf[..usize::from(self.len)]
        }
    }
}

impl std::ops::Deref for DigitString {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        self.as_bytes()
    }
}

/// Digit groups and the gaps between them (`gaps[i]` lies between `groups[i]` and `groups[i+1]`).
#[derive(Debug, Default)]
pub struct Cluster {
    /// The digit groups, in order.
    pub groups: Vec<Group>,
    /// The gaps between them.
    pub gaps: Vec<Gap>,
}

/// Most groups a cluster collects; longer runs are split (nothing we detect needs more).
const MAX_GROUPS: usize = 24;
/// Groups shared by a cluster cut at `MAX_GROUPS` and the next one.
const OVERLAP: usize = 12;
/// Longest plain gap (separator characters only).
const MAX_PLAIN_GAP: usize = 3;
/// Longest gap with markup or line breaks.
const MAX_MARKUP_GAP: usize = 48;

impl Cluster {
    /// Byte range from the first digit to the last.
    pub fn span(&self) -> Range<usize> {
        match (self.groups.first(), self.groups.last()) {
            (Some(first), Some(last)) => first.start..last.end,
            _ => 0..0,
        }
    }

    /// The digits of groups `from..=to`, concatenated (at most [`DigitString::CAPACITY`]; the
    /// rest is cut, which no detector accepts anyway).
    pub fn digits(&self, text: &[u8], from: usize, to: usize) -> DigitString {
        let mut out = DigitString::default();
        for g in &self.groups[from..=to] {
            out.push(&text[g.start..g.end]);
        }
        out
    }

    /// Total number of digits in groups `from..=to`.
    pub fn digit_count(&self, from: usize, to: usize) -> usize {
        self.groups[from..=to].iter().map(Group::len).sum()
    }
}

/// Reads the cluster whose first group starts at `start` (an ASCII digit) into `cluster`.
/// Returns where the next cluster may start: after it, or, when it was cut at the most groups a
/// cluster collects, `OVERLAP` groups back, so that no form is split between two clusters.
pub fn read_cluster(text: &str, start: usize, cluster: &mut Cluster) -> usize {
    let bytes = text.as_bytes();
    cluster.groups.clear();
    cluster.gaps.clear();
    let mut end = digits_end(bytes, start);
    cluster.groups.push(Group { start, end });
    while cluster.groups.len() < MAX_GROUPS {
        let Some((gap_end, kind)) = scan_gap(bytes, end) else {
            break;
        };
        let next_end = digits_end(bytes, gap_end);
        cluster.gaps.push(Gap {
            kind,
            span: (end, gap_end),
        });
        cluster.groups.push(Group {
            start: gap_end,
            end: next_end,
        });
        end = next_end;
    }
    if cluster.groups.len() == MAX_GROUPS {
        cluster.groups[MAX_GROUPS - OVERLAP].start
    } else {
        end
    }
}

/// Calls `visit` for every cluster in `text` (clusters may start anywhere a digit does).
pub fn for_each_cluster(text: &str, mut visit: impl FnMut(&Cluster)) {
    let bytes = text.as_bytes();
    let mut cluster = Cluster::default();
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(u8::is_ascii_digit) {
        i = read_cluster(text, i + offset, &mut cluster);
        visit(&cluster);
    }
}

fn digits_end(bytes: &[u8], start: usize) -> usize {
    start
        + bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(bytes.len() - start)
}

/// Reads a gap starting at `at`; returns its end (the next digit) and kind, or `None` when what
/// follows is not a gap followed by a digit.
fn scan_gap(bytes: &[u8], at: usize) -> Option<(usize, GapKind)> {
    let mut i = at;
    let (mut spaces, mut hyphens, mut pluses, mut dots, mut slashes, mut parens) =
        (0, 0, 0, 0, 0, 0);
    let mut other = false;
    // Bytes of percent escapes beyond the one character each stands for.
    let mut escaped = 0;
    loop {
        let b = *bytes.get(i)?;
        match b {
            b'0'..=b'9' => break,
            b' ' => spaces += 1,
            b'-' => hyphens += 1,
            b'+' => pluses += 1,
            b'.' => dots += 1,
            b'/' => slashes += 1,
            b'(' | b')' => parens += 1,
            b'\n' | b'\r' | b'\t' | b';' | b'|' | b'*' | b'_' | b'`' | b'~' => other = true,
            // A percent-encoded separator in a URL: %2D (-), %2B (+), %20 (space).
            b'%' => {
                let code = bytes.get(i + 1..i + 3)?;
                match [code[0], code[1].to_ascii_uppercase()] {
                    [b'2', b'D'] => hyphens += 1,
                    [b'2', b'B'] => pluses += 1,
                    [b'2', b'0'] => spaces += 1,
                    _ => return None,
                }
                i += 3;
                escaped += 2;
                let limit = if other { MAX_MARKUP_GAP } else { MAX_PLAIN_GAP };
                if i - at - escaped > limit {
                    return None;
                }
                continue;
            }
            b'<' => {
                i = tag_end(bytes, i)?;
                other = true;
                continue;
            }
            // The quotation marker of a quoted e-mail line after a line break ("580817-\n>
            // 3313").
            b'>' if other => {}
            _ => return None,
        }
        i += 1;
        let limit = if other { MAX_MARKUP_GAP } else { MAX_PLAIN_GAP };
        if i - at - escaped > limit {
            return None;
        }
    }
    if i == at {
        return None;
    }
    let len = i - at - escaped;
    let kind = if other || len > MAX_PLAIN_GAP {
        GapKind::Other
    } else if parens > 0 {
        GapKind::Paren
    } else if hyphens == 1 && pluses + dots + slashes == 0 {
        GapKind::Hyphen
    } else if pluses == 1 && hyphens + dots + slashes == 0 {
        GapKind::Plus
    } else if dots == 1 && hyphens + pluses + slashes == 0 && spaces <= 1 {
        GapKind::Dot
    } else if slashes == 1 && hyphens + pluses + dots == 0 && spaces == 0 {
        GapKind::Slash
    } else if spaces == len && spaces <= 2 {
        GapKind::Space
    } else {
        GapKind::Other
    };
    Some((i, kind))
}

/// The end of an HTML-like tag starting at `at` (`<b>`, `</span>`, `<span class="x">`).
fn tag_end(bytes: &[u8], at: usize) -> Option<usize> {
    let rest = bytes.get(at + 1..)?;
    let name_start = usize::from(rest.first() == Some(&b'/'));
    if !rest.get(name_start)?.is_ascii_alphabetic() {
        return None;
    }
    let close = rest.iter().take(40).position(|&b| b == b'>')?;
    if rest[..close].contains(&b'<') {
        return None;
    }
    Some(at + 1 + close + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clusters(text: &str) -> Vec<(Vec<usize>, Vec<GapKind>)> {
        let mut out = Vec::new();
        for_each_cluster(text, |c| {
            out.push((
                c.groups.iter().map(Group::len).collect(),
                c.gaps.iter().map(|g| g.kind).collect(),
            ));
        });
        out
    }

    #[test]
    fn standard_forms() {
        assert_eq!(
            clusters("pnr 850101-2382."),
            vec![(vec![6, 4], vec![GapKind::Hyphen])]
        );
        assert_eq!(
            clusters("x 850101+2382"),
            vec![(vec![6, 4], vec![GapKind::Plus])]
        );
        assert_eq!(
            clusters("850101 2382"),
            vec![(vec![6, 4], vec![GapKind::Space])]
        );
        assert_eq!(clusters("198501012382"), vec![(vec![12], vec![])]);
    }

    #[test]
    fn phone_and_spaced_forms() {
        assert_eq!(
            clusters("070-123 45 67"),
            vec![(
                vec![3, 3, 2, 2],
                vec![GapKind::Hyphen, GapKind::Space, GapKind::Space]
            )]
        );
        assert_eq!(
            clusters("8 5 0 1 0 1 2 3 8 2").first().map(|c| c.0.len()),
            Some(10)
        );
    }

    #[test]
    fn markup_and_line_breaks_are_other_gaps() {
        assert_eq!(
            clusters("850101-<b>2382</b>"),
            vec![(vec![6, 4], vec![GapKind::Other])]
        );
        assert_eq!(
            clusters("850101-\n2382"),
            vec![(vec![6, 4], vec![GapKind::Other])]
        );
        assert_eq!(
            clusters("850101;2382"),
            vec![(vec![6, 4], vec![GapKind::Other])]
        );
    }

    #[test]
    fn words_and_commas_end_a_cluster() {
        assert_eq!(clusters("12 och 34").len(), 2);
        assert_eq!(clusters("12, 34").len(), 2);
        assert_eq!(clusters("1985,0101").len(), 2);
    }

    #[test]
    fn long_lists_are_cut_with_an_overlap() {
        let text: String = (0..40).map(|i| format!("85010{}-2382\n", i % 10)).collect();
        let mut pairs = std::collections::BTreeSet::new();
        for_each_cluster(&text, |c| {
            for k in 0..c.groups.len().saturating_sub(1) {
                if c.groups[k].len() == 6 && c.groups[k + 1].len() == 4 {
                    pairs.insert(c.groups[k].start);
                }
            }
        });
        assert_eq!(pairs.len(), 40);
    }

    #[test]
    fn percent_encoded_separators_are_gaps() {
        assert_eq!(
            clusters("pnr=19710808%2D2939&x"),
            vec![(vec![8, 4], vec![GapKind::Hyphen])]
        );
        assert_eq!(
            clusters("q=850101%2B2382"),
            vec![(vec![6, 4], vec![GapKind::Plus])]
        );
        assert_eq!(clusters("a%2F1").len(), 2);
    }

    #[test]
    fn dotted_dates() {
        assert_eq!(
            clusters("85.01.01-2382"),
            vec![(
                vec![2, 2, 2, 4],
                vec![GapKind::Dot, GapKind::Dot, GapKind::Hyphen]
            )]
        );
    }
}
