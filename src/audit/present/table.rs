//! The `sluss logs` table: one line per record, columns fitted to the terminal width, long
//! cells cut with `…`.
//!
//! Widths are fitted to the first [`FIT_ROWS`] rows and then kept, so that a long listing
//! streams with bounded memory; a later cell that is wider is cut like any other.

use std::io::{self, Write};

use super::{kinds_text, printable, service_text, short_time};
use crate::audit::record::Record;

/// Rows read before the widths are fixed.
pub const FIT_ROWS: usize = 1000;
/// The width used when the terminal's is unknown.
pub const DEFAULT_WIDTH: usize = 120;

/// The column headings.
pub const HEADINGS: [&str; 8] = [
    "time",
    "incident",
    "action",
    "reason",
    "kinds",
    "service / host",
    "client",
    "user",
];
/// Columns that are never cut: time, incident and action are short and always whole.
const RIGID: [bool; 8] = [true, true, true, false, false, false, false, false];
/// The narrowest a flexible column gets.
const MIN_WIDTH: usize = 6;
/// Between columns.
const GAP: &str = "  ";

/// One record's cells, already made printable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row(pub [String; 8]);

impl Row {
    /// The cells of `record`.
    pub fn of(record: &Record) -> Row {
        Row([
            short_time(record),
            printable(record.event.id.as_str()).into_owned(),
            record.event.action.as_str().to_string(),
            printable(&record.event.reason).into_owned(),
            kinds_text(record, " "),
            printable(&service_text(record)).into_owned(),
            record.source.ip.to_string(),
            record
                .user
                .as_ref()
                .map_or_else(String::new, |u| printable(&u.name).into_owned()),
        ])
    }
}

/// Column widths, in characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    widths: [usize; 8],
}

impl Layout {
    /// Widths that fit `rows` and the headings within `width` characters if they can: each
    /// column as wide as its widest cell, then the widest flexible column narrowed, one
    /// character at a time, until the line fits (or every flexible column is at its minimum).
    pub fn fit(rows: &[Row], width: usize) -> Layout {
        let mut widths = HEADINGS.map(|h| h.chars().count());
        for row in rows {
            for (w, cell) in widths.iter_mut().zip(&row.0) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let total = |w: &[usize; 8]| w.iter().sum::<usize>() + GAP.len() * (w.len() - 1);
        while total(&widths) > width {
            let widest = (0..widths.len())
                .filter(|&i| !RIGID[i] && widths[i] > MIN_WIDTH)
                .max_by_key(|&i| (widths[i], usize::MAX - i));
            match widest {
                Some(i) => widths[i] -= 1,
                None => break,
            }
        }
        Layout { widths }
    }

    /// The column widths.
    pub fn widths(&self) -> [usize; 8] {
        self.widths
    }

    /// One line (without newline): the cells padded or cut to their widths.
    pub fn line<S: AsRef<str>>(&self, cells: &[S; 8]) -> String {
        let mut line = String::new();
        for (i, (cell, width)) in cells.iter().zip(self.widths).enumerate() {
            if i > 0 {
                line.push_str(GAP);
            }
            let cell = fit_cell(cell.as_ref(), width);
            let padding = width.saturating_sub(cell.chars().count());
            line.push_str(&cell);
            if i + 1 < cells.len() {
                line.extend(std::iter::repeat_n(' ', padding));
            }
        }
        line.trim_end().to_string()
    }
}

/// `text` cut to `width` characters, ending in `…` when cut.
pub fn fit_cell(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Writes records as a table to `out`: buffers the first [`FIT_ROWS`] rows to fit the
/// widths, then streams.
pub struct TableWriter<W: Write> {
    out: W,
    width: usize,
    pending: Vec<Row>,
    layout: Option<Layout>,
    rows: usize,
}

impl<W: Write> TableWriter<W> {
    /// A table of at most `width` characters per line (when the columns allow).
    pub fn new(out: W, width: usize) -> TableWriter<W> {
        TableWriter {
            out,
            width,
            pending: Vec::new(),
            layout: None,
            rows: 0,
        }
    }

    /// Adds a record.
    pub fn push(&mut self, record: &Record) -> io::Result<()> {
        let row = Row::of(record);
        self.rows += 1;
        match &self.layout {
            Some(layout) => writeln!(self.out, "{}", layout.line(&row.0)),
            None => {
                self.pending.push(row);
                if self.pending.len() >= FIT_ROWS {
                    self.flush_pending()?;
                }
                Ok(())
            }
        }
    }

    /// Writes what is still buffered; returns the number of rows written and the output.
    pub fn finish(mut self) -> io::Result<(usize, W)> {
        if self.rows > 0 {
            self.flush_pending()?;
        }
        self.out.flush()?;
        Ok((self.rows, self.out))
    }

    /// Fixes the layout (if not yet), writes the headings and the buffered rows.
    fn flush_pending(&mut self) -> io::Result<()> {
        if self.layout.is_none() {
            let layout = Layout::fit(&self.pending, self.width);
            writeln!(self.out, "{}", layout.line(&HEADINGS))?;
            self.layout = Some(layout);
        }
        if let Some(layout) = &self.layout {
            for row in self.pending.drain(..) {
                writeln!(self.out, "{}", layout.line(&row.0))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: [&str; 8]) -> Row {
        Row(cells.map(str::to_string))
    }

    #[test]
    fn narrow_terminals_cut_the_widest_flexible_columns() {
        let rows = [row([
            "2026-11-22 10:15:00",
            "S-7K2M9Q",
            "block",
            "sensitive_with_identifier",
            "personnummer×1 sensitive:health×2 person_name×1",
            "Kommunens Azure OpenAI / kommun.openai.azure.com",
            "10.1.2.3",
            "anna.svensson",
        ])];
        let wide = Layout::fit(&rows, 400);
        assert_eq!(wide.widths()[4], 47);
        let narrow = Layout::fit(&rows, 100);
        let line = narrow.line(&rows[0].0);
        assert!(line.chars().count() <= 100, "{line}");
        assert!(
            line.starts_with("2026-11-22 10:15:00  S-7K2M9Q  block"),
            "{line}"
        );
        assert!(line.contains('…'), "{line}");
        let tiny = Layout::fit(&rows, 10);
        assert_eq!(tiny.widths()[..3], [19, 8, 6]);
        assert!(tiny.widths()[3..].iter().all(|w| *w == MIN_WIDTH));
    }

    #[test]
    fn cells_are_cut_with_an_ellipsis() {
        assert_eq!(fit_cell("abcdef", 6), "abcdef");
        assert_eq!(fit_cell("abcdefg", 6), "abcde…");
        assert_eq!(fit_cell("åäöåäöå", 4), "åäö…");
    }
}
