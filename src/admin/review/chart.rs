//! The chart of the records per day as inline SVG: one stacked bar per day, one colour per
//! rule that decided them (each record counts once, so a bar is the day's number of records;
//! with no action chosen, blocked and redacted requests alike), and `<title>`/`<desc>` for
//! screen readers. The legend is HTML below the SVG ([`legend_html`]): it wraps with the page
//! and can never be drawn over the bars. A table with the same numbers follows it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::labels;
use super::load::PerDay;
use crate::detect::Date;
use crate::proxy::respond::escape;
use crate::swedish::count;

/// The most days shown (the newest ones).
pub const MAX_DAYS: usize = 92;

const WIDTH: f64 = 760.0;
const PLOT_TOP: f64 = 12.0;
const PLOT_HEIGHT: f64 = 200.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 8.0;
const AXIS_LABELS: f64 = 28.0;
/// The widest a bar gets (a chart of one day is not one slab).
const MAX_BAR: f64 = 40.0;

/// The days to draw (every day from the first to the last with records, at most the newest
/// [`MAX_DAYS`]), with the records per rule on each.
pub fn days(per_day: &PerDay) -> Vec<(Date, BTreeMap<String, usize>)> {
    let (Some(first), Some(last)) = (per_day.keys().next(), per_day.keys().next_back()) else {
        return Vec::new();
    };
    let last_day = last.to_unix_days();
    let first_day = first.to_unix_days().max(last_day - MAX_DAYS as i64 + 1);
    (first_day..=last_day)
        .map(Date::from_unix_days)
        .map(|d| (d, per_day.get(&d).cloned().unwrap_or_default()))
        .collect()
}

/// The rules present, in the order of [`labels::REASONS`], then any others by name.
pub fn series(days: &[(Date, BTreeMap<String, usize>)]) -> Vec<String> {
    let mut present: Vec<String> = Vec::new();
    for (_, counts) in days {
        for reason in counts.keys() {
            if !present.contains(reason) {
                present.push(reason.clone());
            }
        }
    }
    let rank = |r: &String| {
        labels::REASONS
            .iter()
            .position(|k| k == r)
            .unwrap_or(labels::REASONS.len())
    };
    present.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    present
}

/// The SVG titled `title`, or `None` when there is nothing to draw.
pub fn svg(per_day: &PerDay, title: &str) -> Option<String> {
    let days = days(per_day);
    if days.is_empty() {
        return None;
    }
    let series = series(&days);
    let totals: Vec<usize> = days.iter().map(|(_, c)| c.values().sum()).collect();
    let (step, top) = scale(totals.iter().copied().max().unwrap_or(0));
    let height = PLOT_TOP + PLOT_HEIGHT + AXIS_LABELS;
    let mut out = String::with_capacity(8192);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" \
         width=\"100%\" role=\"img\" aria-labelledby=\"chart-title chart-desc\">\
         <title id=\"chart-title\">{}</title>\
         <desc id=\"chart-desc\">{}</desc>",
        escape(title),
        escape(&description(&days, &totals, &series))
    );
    axis(&mut out, step, top);
    bars(&mut out, &days, &series, top);
    x_labels(&mut out, &days);
    out.push_str("</svg>");
    Some(out)
}

/// A round step (1, 2 or 5 × 10ⁿ) giving at most five gridlines, and the axis top.
fn scale(max: usize) -> (usize, usize) {
    let max = max.max(1);
    let mut magnitude = 1usize;
    loop {
        for factor in [1, 2, 5] {
            let step = factor * magnitude;
            if max.div_ceil(step) <= 5 {
                return (step, max.div_ceil(step) * step);
            }
        }
        magnitude = magnitude.saturating_mul(10);
    }
}

/// The y position of `value` on an axis from 0 to `top`.
fn y(value: usize, top: usize) -> f64 {
    PLOT_TOP + PLOT_HEIGHT - PLOT_HEIGHT * value as f64 / top.max(1) as f64
}

/// Gridlines with their numbers.
fn axis(out: &mut String, step: usize, top: usize) {
    out.push_str("<g aria-hidden=\"true\">");
    let mut value = 0;
    while value <= top {
        let at = y(value, top);
        let _ = write!(
            out,
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{at:.1}\" y2=\"{at:.1}\" stroke=\"#8a8a8a\" \
             stroke-width=\"{}\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{value}</text>",
            WIDTH - RIGHT,
            if value == 0 { 1.5 } else { 0.5 },
            LEFT - 6.0,
            at + 4.0,
        );
        value += step;
    }
    out.push_str("</g>");
}

/// One stacked bar per day; each segment has a `<title>` with its day, rule and count.
fn bars(out: &mut String, days: &[(Date, BTreeMap<String, usize>)], series: &[String], top: usize) {
    let slot = (WIDTH - LEFT - RIGHT) / days.len() as f64;
    let width = (slot * 0.8).clamp(1.0, MAX_BAR);
    for (i, (day, counts)) in days.iter().enumerate() {
        let x = LEFT + slot * i as f64 + (slot - width) / 2.0;
        let mut below = 0;
        for (s, reason) in series.iter().enumerate() {
            let Some(&count) = counts.get(reason).filter(|c| **c > 0) else {
                continue;
            };
            let (y_top, y_bottom) = (y(below + count, top), y(below, top));
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{y_top:.1}\" width=\"{width:.1}\" height=\"{:.1}\" \
                 fill=\"{}\" stroke=\"#fff\" stroke-width=\"0.5\"><title>{day}: {}: {count}</title></rect>",
                y_bottom - y_top,
                labels::colour(s),
                escape(labels::reason(reason)),
            );
            below += count;
        }
    }
}

/// Day labels under the axis, at most about twelve.
fn x_labels(out: &mut String, days: &[(Date, BTreeMap<String, usize>)]) {
    let slot = (WIDTH - LEFT - RIGHT) / days.len() as f64;
    let every = days.len().div_ceil(12).max(1);
    out.push_str("<g aria-hidden=\"true\">");
    for (i, (day, _)) in days.iter().enumerate().step_by(every) {
        let month = labels::MONTHS[(day.month as usize).saturating_sub(1) % 12];
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{} {month}</text>",
            LEFT + slot * (i as f64 + 0.5),
            PLOT_TOP + PLOT_HEIGHT + 16.0,
            day.day,
        );
    }
    out.push_str("</g>");
}

/// The legend: a colour box and the Swedish name of each rule in `series`, as an HTML list
/// that wraps (hidden from screen readers, who get the chart's description and the table).
pub fn legend_html(series: &[String]) -> String {
    let mut out = String::from("<ul class=\"legend\" aria-hidden=\"true\">");
    for (i, reason) in series.iter().enumerate() {
        let _ = write!(
            out,
            "<li><svg width=\"12\" height=\"12\" viewBox=\"0 0 12 12\"><rect width=\"12\" \
             height=\"12\" fill=\"{}\"/></svg>{}</li>",
            labels::colour(i),
            escape(labels::reason(reason)),
        );
    }
    out.push_str("</ul>");
    out
}

/// What the chart shows, in a sentence or three, for screen readers.
fn description(
    days: &[(Date, BTreeMap<String, usize>)],
    totals: &[usize],
    series: &[String],
) -> String {
    let total: usize = totals.iter().sum();
    let busiest = totals
        .iter()
        .enumerate()
        .max_by_key(|(i, t)| (**t, usize::MAX - i))
        .map(|(i, t)| (days[i].0, *t));
    let names: Vec<&str> = series.iter().map(|s| labels::reason(s)).collect();
    let mut text = format!(
        "Staplat stapeldiagram över {}, {} till {}: {}. Skäl: {}.",
        count(days.len(), "dag", "dagar"),
        days[0].0,
        days[days.len() - 1].0,
        count(total, "förfrågan", "förfrågningar"),
        names.join(", ")
    );
    if let Some((day, count)) = busiest {
        let _ = write!(text, " Flest den {day}: {count}.");
    }
    text.push_str(" Samma siffror finns i tabellen under diagrammet.");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn per_day(entries: &[((i32, u32, u32), &str, usize)]) -> PerDay {
        let mut map = PerDay::new();
        for ((y, m, d), reason, n) in entries {
            if let Some(date) = Date::new(*y, *m, *d) {
                *map.entry(date)
                    .or_default()
                    .entry((*reason).to_string())
                    .or_default() += n;
            }
        }
        map
    }

    #[test]
    fn empty_days_between_are_drawn_and_old_days_dropped() {
        let map = per_day(&[
            ((2026, 11, 1), "personnummer", 2),
            ((2026, 11, 4), "not_approved", 1),
        ]);
        let days = days(&map);
        assert_eq!(days.len(), 4);
        assert!(days[1].1.is_empty());
        let long = per_day(&[
            ((2026, 1, 1), "personnummer", 1),
            ((2026, 12, 31), "personnummer", 1),
        ]);
        let days = super::days(&long);
        assert_eq!(days.len(), MAX_DAYS);
        assert_eq!(days.last().map(|d| d.0), Date::new(2026, 12, 31));
    }

    #[test]
    fn scale_has_round_steps() {
        assert_eq!(scale(0), (1, 1));
        assert_eq!(scale(4), (1, 4));
        assert_eq!(scale(7), (2, 8));
        assert_eq!(scale(23), (5, 25));
        assert_eq!(scale(1234), (500, 1500));
    }

    #[test]
    fn the_svg_stacks_known_rules_first_and_escapes_unknown_ones() {
        let map = per_day(&[
            ((2026, 11, 22), "<b>x</b>", 1),
            ((2026, 11, 22), "not_approved", 2),
            ((2026, 11, 22), "personnummer", 3),
        ]);
        assert_eq!(
            series(&days(&map)),
            ["personnummer", "not_approved", "<b>x</b>"]
        );
        let svg = svg(
            &map,
            "Blockerade och maskerade förfrågningar per dag och skäl",
        )
        .unwrap_or_default();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("<title id=\"chart-title\">"));
        assert!(svg.contains("2026-11-22: Personnummer: 3"));
        assert!(svg.contains("&lt;b&gt;x&lt;/b&gt;"));
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("över 1 dag,") && svg.contains("6 förfrågningar"));
        assert!(svg.contains("<title id=\"chart-title\">Blockerade och maskerade"));
        assert_eq!(super::svg(&PerDay::new(), "x"), None);
        let legend = legend_html(&series(&days(&map)));
        assert!(legend.contains("Personnummer") && legend.contains("&lt;b&gt;x&lt;/b&gt;"));
    }
}
