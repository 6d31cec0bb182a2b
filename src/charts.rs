//! Charts drawn at build time as inline SVG: lines for a series over time, bars for the parts
//! of a whole, a bar for a goal's progress. No chart library and no script in the browser.
//!
//! Every chart is `role="img"` with a `<title>` and a `<desc>` holding the one-sentence summary
//! the caller wrote from the data; the caller puts the data table beside it, so a screen reader
//! gets the summary and the table, never the drawing. Colours are the theme's (classes styled in
//! `style.css`: the primary colour, which the build already holds to 4.5:1 on white, for what
//! the chart is about, dark grey for comparison), so graphics reach 3:1 (WCAG 1.4.11); in
//! forced-colors mode the CSS gives every stroke and fill a system colour. Each point carries
//! its date and value (`data-datum`, `data-waarde`) so a test can check the drawing against the
//! data file.
//!
//! Layer: text only (no site types), below `figures`.

use crate::text::{escape_html, Date};
use std::fmt::Write;

/// Drawing size in SVG units (`LEFT` is the narrowest value axis). Narrow on purpose: scaled
/// to the 280 px a phone's column has, text of 15 units (style.css) is still about 12 px.
const WIDTH: f64 = 340.0;
/// The height of a line chart's plot area (the legend above it takes what it needs).
const PLOT: f64 = 160.0;
const LEFT: f64 = 46.0;
const RIGHT: f64 = 16.0;
const BOTTOM: f64 = 34.0;

/// One value of a series at a date.
#[derive(Debug, Clone)]
pub struct Point {
    pub datum: Date,
    pub value: f64,
    /// The value as the page prints it (`2,4%`, `14.520`).
    pub shown: String,
    pub prognose: bool,
}

/// A line: `class` is `regio`, `landelijk` or `gemeente` (its look in the CSS).
#[derive(Debug, Clone)]
pub struct Line {
    pub label: String,
    pub class: &'static str,
    pub points: Vec<Point>,
}

/// The start of an accessible chart: `<svg role="img">` with its title and summary.
fn open(id: &str, title: &str, summary: &str, height: f64) -> String {
    format!(
        "<svg class=\"grafiek\" role=\"img\" viewBox=\"0 0 {WIDTH} {height}\" aria-labelledby=\"{id}-titel {id}-uitleg\" focusable=\"false\"><title id=\"{id}-titel\">{}</title><desc id=\"{id}-uitleg\">{}</desc>",
        escape_html(title),
        escape_html(summary)
    )
}

/// A round step for an axis from 0 to at least `max` in about four steps: 1, 2, 2.5 or 5 times
/// a power of ten.
fn nice_step(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let raw = max / 4.0;
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * power).find(|s| *s >= raw).unwrap_or(10.0 * power)
}

/// A short date label for the time axis: the year for a 1 October count (the school year's
/// teldatum), else "apr 2026".
fn date_label(d: Date) -> String {
    if d.month == 10 && d.day == 1 {
        d.year.to_string()
    } else {
        const MONTHS: [&str; 12] = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
        format!("{} {}", MONTHS[usize::from(d.month.clamp(1, 12)) - 1], d.year)
    }
}

/// Lines over time on one value axis from 0. `format` prints an axis value (`2%`, `10.000`).
pub fn lines(id: &str, title: &str, summary: &str, lines: &[Line], format: impl Fn(f64) -> String) -> String {
    let points = lines.iter().flat_map(|l| &l.points);
    let (first, last) = points.clone().fold((i64::MAX, i64::MIN), |(a, b), p| (a.min(p.datum.to_days()), b.max(p.datum.to_days())));
    let max = points.clone().map(|p| p.value).fold(0.0, f64::max);
    let step = nice_step(max);
    let top = (max / step).ceil().max(1.0) * step;
    // Legend on top: a short line in each series' look and its label, and the look of a
    // prognosis; an item that does not fit on the row starts the next (long gemeente names).
    let mut items: Vec<(String, String)> = lines.iter().map(|l| (format!("lijn {}", l.class), l.label.clone())).collect();
    if lines.iter().any(|l| l.points.iter().any(|p| p.prognose)) {
        items.push(("lijn regio prognose".into(), "prognose".into()));
    }
    let mut legend = String::new();
    let (mut lx, mut ly) = (4.0, 14.0);
    for (class, label) in &items {
        let width = 30.0 + label.chars().count() as f64 * 8.5;
        if lx > 4.0 && lx + width > WIDTH {
            lx = 4.0;
            ly += 18.0;
        }
        let _ = write!(legend, "<g class=\"legenda\"><line class=\"{class}\" x1=\"{lx:.1}\" y1=\"{ly:.1}\" x2=\"{:.1}\" y2=\"{ly:.1}\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text></g>", lx + 18.0, lx + 22.0, ly + 5.0, escape_html(label));
        lx += width + 6.0;
    }
    let top_margin = ly + 20.0;
    let height = top_margin + PLOT + BOTTOM;
    // The value axis is as wide as its longest label ("20.000", "3,5%").
    let ticks: Vec<(f64, String)> = (0..).map(|i| i as f64 * step).take_while(|v| *v <= top + step / 1000.0).map(|v| (v, format(v))).collect();
    let left = ticks.iter().map(|(_, t)| 12.0 + t.chars().count() as f64 * 8.5).fold(LEFT, f64::max);
    let plot_w = WIDTH - left - RIGHT;
    let plot_h = PLOT;
    let x = |d: Date| if last > first { left + (d.to_days() - first) as f64 / (last - first) as f64 * plot_w } else { left + plot_w / 2.0 };
    let y = |v: f64| top_margin + plot_h - v / top * plot_h;
    let mut svg = open(id, title, summary, height);
    svg.push_str(&legend);
    // Value axis: grid lines with their values.
    for (v, text) in &ticks {
        let _ = write!(svg, "<line class=\"raster\" x1=\"{left:.1}\" y1=\"{0:.1}\" x2=\"{1}\" y2=\"{0:.1}\"/><text class=\"as\" x=\"{2:.1}\" y=\"{3:.1}\" text-anchor=\"end\">{4}</text>", y(*v), WIDTH - RIGHT, left - 6.0, y(*v) + 4.0, escape_html(text));
    }
    // Time axis: the last date always has its label (the newest figure matters most), the
    // others where they do not touch their right neighbour; labels stay inside the drawing.
    let mut dates: Vec<Date> = lines.iter().flat_map(|l| l.points.iter().map(|p| p.datum)).collect();
    dates.sort();
    dates.dedup();
    let label_width = |text: &str| text.chars().count() as f64 * 8.5;
    let mut left_of_next = f64::MAX;
    let mut labels = Vec::new();
    for d in dates.iter().rev() {
        let text = date_label(*d);
        let half = label_width(&text) / 2.0;
        let centre = x(*d).clamp(half + 2.0, WIDTH - half - 2.0);
        if centre + half + 6.0 <= left_of_next {
            labels.push((centre, text));
            left_of_next = centre - half;
        }
    }
    for (centre, text) in labels.iter().rev() {
        let _ = write!(svg, "<text class=\"as\" x=\"{centre:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>", height - BOTTOM + 18.0, escape_html(text));
    }
    let _ = write!(svg, "<line class=\"as-lijn\" x1=\"{left:.1}\" y1=\"{0:.1}\" x2=\"{1}\" y2=\"{0:.1}\"/>", top_margin + plot_h, WIDTH - RIGHT);
    for l in lines {
        // Measured and expected parts are drawn apart: a prognosis is dashed from the last
        // measurement on.
        let measured: Vec<&Point> = l.points.iter().filter(|p| !p.prognose).collect();
        let path = |ps: &[&Point]| ps.iter().map(|p| format!("{:.1},{:.1}", x(p.datum), y(p.value))).collect::<Vec<_>>().join(" ");
        if measured.len() > 1 {
            let _ = write!(svg, "<polyline class=\"lijn {}\" points=\"{}\"/>", l.class, path(&measured));
        }
        let expected: Vec<&Point> = measured.last().copied().into_iter().chain(l.points.iter().filter(|p| p.prognose)).collect();
        if expected.len() > 1 {
            let _ = write!(svg, "<polyline class=\"lijn {} prognose\" points=\"{}\"/>", l.class, path(&expected));
        }
        for p in &l.points {
            let _ = write!(
                svg,
                "<circle class=\"punt {}{}\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" data-reeks=\"{}\" data-datum=\"{}\" data-waarde=\"{}\"><title>{}: {} ({}{})</title></circle>",
                l.class,
                if p.prognose { " prognose" } else { "" },
                x(p.datum),
                y(p.value),
                escape_html(&l.label),
                p.datum,
                p.value,
                escape_html(&l.label),
                escape_html(&p.shown),
                p.datum.to_dutch(),
                if p.prognose { ", prognose" } else { "" }
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// One bar of a bar chart: its label, value and printed value.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
}

/// Horizontal bars, one per part, the label above each bar (wrapped: SVG text does not wrap by
/// itself) and the printed value after it: long Dutch labels need the width, and a phone reads
/// top to bottom.
pub fn bars(id: &str, title: &str, summary: &str, bars: &[Bar]) -> String {
    const LINE: f64 = 18.0;
    let max = bars.iter().map(|b| b.value).fold(0.0, f64::max);
    let room = WIDTH - 8.0 - 150.0;
    let mut body = String::new();
    let mut top = 4.0;
    for b in bars {
        let lines = wrap(&b.label, 40);
        for (i, line) in lines.iter().enumerate() {
            let _ = write!(body, "<text x=\"4\" y=\"{:.1}\">{}</text>", top + 14.0 + i as f64 * LINE, escape_html(line));
        }
        let bar_top = top + lines.len() as f64 * LINE + 2.0;
        let w = if max > 0.0 { (b.value.max(0.0) / max * room).max(1.0) } else { 1.0 };
        let _ = write!(
            body,
            "<rect class=\"balk\" x=\"4\" y=\"{bar_top:.1}\" width=\"{w:.1}\" height=\"14\" data-label=\"{}\" data-waarde=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            escape_html(&b.label),
            b.value,
            w + 10.0,
            bar_top + 12.0,
            escape_html(&b.shown)
        );
        top = bar_top + 26.0;
    }
    let mut svg = open(id, title, summary, top);
    svg.push_str(&body);
    svg.push_str("</svg>");
    svg
}

/// Words in lines of at most `width` characters (a longer word gets a line of its own).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// A goal's way from nulmeting to streefwaarde as one bar: the part done filled, a mark where
/// the straight line says it should be by now. `done` and `expected` are percentages of the way.
pub fn progress(id: &str, title: &str, summary: &str, done: f64, expected: f64) -> String {
    let height = 34.0;
    let room = WIDTH - 8.0;
    let mut svg = open(id, title, summary, height);
    let w = done.clamp(0.0, 100.0) / 100.0 * room;
    let mark = 4.0 + expected.clamp(0.0, 100.0) / 100.0 * room;
    let _ = write!(
        svg,
        "<rect class=\"spoor\" x=\"4\" y=\"8\" width=\"{room:.1}\" height=\"16\"/><rect class=\"balk\" x=\"4\" y=\"8\" width=\"{w:.1}\" height=\"16\" data-gedaan=\"{done:.1}\"/><line class=\"verwacht\" x1=\"{mark:.1}\" y1=\"2\" x2=\"{mark:.1}\" y2=\"30\" data-verwacht=\"{expected:.1}\"/>"
    );
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_steps_are_round() {
        assert_eq!(nice_step(41.0), 20.0);
        assert_eq!(nice_step(3.9), 1.0);
        assert_eq!(nice_step(15110.0), 5000.0);
        assert_eq!(nice_step(0.0), 1.0);
    }

    #[test]
    fn every_point_carries_its_date_and_value() {
        let p = |y, v: f64, prognose| Point { datum: Date::new(y, 10, 1).unwrap(), value: v, shown: v.to_string(), prognose };
        let svg = lines("t", "Titel & meer", "Samenvatting", &[Line { label: "Regio".into(), class: "regio", points: vec![p(2024, 3.0, false), p(2025, 2.0, false), p(2027, 1.0, true)] }], |v| v.to_string());
        assert!(svg.contains("<title id=\"t-titel\">Titel &amp; meer</title>"));
        assert_eq!(svg.matches("<circle").count(), 3);
        assert!(svg.contains("data-datum=\"2027-10-01\" data-waarde=\"1\""));
        assert_eq!(svg.matches("prognose\" points=").count(), 1, "{svg}");
    }
}
