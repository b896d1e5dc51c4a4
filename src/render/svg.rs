//! The timeline as an SVG line chart a reporter can put in a story: one line per series, axes with ticks,
//! bucket labels, a legend, and hollow points for buckets the data covers only in part.
//!
//! Written by hand rather than with a plotting crate: an SVG line chart is a few dozen elements, and plotters'
//! text needs a font stack (font-kit, system fonts) that a chart whose text the viewer renders does not. The
//! output depends only on the timeline, so the same data always gives the same bytes.

use std::fmt::Write;

use lede::wire;

const WIDTH: f64 = 900.0;
const HEIGHT: f64 = 480.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 190.0;
const TOP: f64 = 50.0;
const BOTTOM: f64 = 60.0;
/// Colour-blind-safe (Okabe–Ito), then greys.
const PALETTE: [&str; 10] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#f0e442", "#000000", "#777777", "#bbbbbb",
];

/// Text safe inside SVG elements and attributes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A round step for about `ticks` ticks up to `max` (1, 2 or 5 times a power of ten).
fn nice_step(max: f64, ticks: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let raw = max / ticks;
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|step| *step >= raw)
        .unwrap_or(10.0 * power)
}

/// The value charted for series `i` of `bucket`: its share with `--normalize`, else its count.
fn value(t: &wire::Timeline, bucket: &wire::Bucket, i: usize) -> f64 {
    if t.normalized {
        bucket.shares.get(i).copied().unwrap_or(0.0)
    } else {
        bucket.counts.get(i).copied().unwrap_or(0) as f64
    }
}

fn series_labels(t: &wire::Timeline) -> Vec<String> {
    if t.series.is_empty() {
        return t.queries.clone();
    }
    t.series.iter().map(|s| s.label.clone()).collect()
}

/// The chart of `t` as an SVG document.
pub fn timeline(t: &wire::Timeline) -> String {
    let labels = series_labels(t);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let max = t
        .buckets
        .iter()
        .flat_map(|b| (0..b.counts.len()).map(move |i| (b, i)))
        .map(|(b, i)| value(t, b, i))
        .fold(0.0f64, f64::max);
    let step = nice_step(max, 5.0);
    let top = (max / step).ceil().max(1.0) * step;
    let n = t.buckets.len();
    let x = |i: usize| {
        if n <= 1 {
            LEFT + plot_w / 2.0
        } else {
            LEFT + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: f64| TOP + plot_h * (1.0 - v / top);
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="12">"#
    );
    let _ = writeln!(svg, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let what = if t.normalized {
        "share of all articles"
    } else {
        "articles"
    };
    let title = match &t.split_by {
        Some(field) => format!("{} by {field}: {what} per {}", t.queries.join(", "), interval(t)),
        None => format!("{}: {what} per {}", labels.join(", "), interval(t)),
    };
    let _ = writeln!(
        svg,
        r#"<text class="title" x="{LEFT}" y="28" font-size="16" font-weight="bold">{}</text>"#,
        escape(&title)
    );
    // Y axis: gridlines and ticks.
    let mut tick = 0.0;
    while tick <= top + step / 2.0 {
        let ty = y(tick);
        let text = if t.normalized {
            format!("{:.0}%", tick * 100.0)
        } else {
            format!("{tick:.0}")
        };
        let _ = writeln!(
            svg,
            r##"<line x1="{LEFT}" y1="{ty:.1}" x2="{:.1}" y2="{ty:.1}" stroke="#e5e5e5"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#555">{text}</text>"##,
            LEFT + plot_w,
            LEFT - 8.0,
            ty + 4.0
        );
        tick += step;
    }
    let _ = writeln!(
        svg,
        r##"<line x1="{LEFT}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#333"/>"##,
        TOP + plot_h,
        LEFT + plot_w,
        TOP + plot_h
    );
    // X axis: at most about 12 bucket labels.
    let every = n.div_ceil(12).max(1);
    for (i, bucket) in t.buckets.iter().enumerate() {
        if i % every != 0 && i + 1 != n {
            continue;
        }
        let mark = if bucket.partial { "*" } else { "" };
        let _ = writeln!(
            svg,
            r##"<text class="bucket" x="{:.1}" y="{:.1}" text-anchor="middle" fill="#555">{}{mark}</text>"##,
            x(i),
            TOP + plot_h + 18.0,
            escape(&bucket.label)
        );
    }
    // One line per series, with points; hollow where the bucket is partial.
    for (s, label) in labels.iter().enumerate() {
        let colour = PALETTE[s % PALETTE.len()];
        let points: Vec<String> = t
            .buckets
            .iter()
            .enumerate()
            .map(|(i, b)| format!("{:.1},{:.1}", x(i), y(value(t, b, s))))
            .collect();
        let _ = writeln!(
            svg,
            r#"<g class="series" data-label="{}"><polyline fill="none" stroke="{colour}" stroke-width="2" points="{}"/>"#,
            escape(label),
            points.join(" ")
        );
        for (i, b) in t.buckets.iter().enumerate() {
            let fill = if b.partial { "white" } else { colour };
            let _ = writeln!(
                svg,
                r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{fill}" stroke="{colour}"><title>{}: {} {}</title></circle>"#,
                x(i),
                y(value(t, b, s)),
                escape(label),
                escape(&b.label),
                if t.normalized {
                    format!("{:.2}%", 100.0 * value(t, b, s))
                } else {
                    format!("{}", value(t, b, s))
                }
            );
        }
        let _ = writeln!(svg, "</g>");
        // Legend.
        let ly = TOP + 10.0 + 20.0 * s as f64;
        let lx = LEFT + plot_w + 20.0;
        let _ = writeln!(
            svg,
            r#"<line x1="{lx:.1}" y1="{ly:.1}" x2="{:.1}" y2="{ly:.1}" stroke="{colour}" stroke-width="3"/><text class="legend" x="{:.1}" y="{:.1}">{}</text>"#,
            lx + 18.0,
            lx + 24.0,
            ly + 4.0,
            escape(label)
        );
    }
    if t.buckets.iter().any(|b| b.partial) {
        let _ = writeln!(
            svg,
            r##"<text x="{LEFT}" y="{:.1}" fill="#555">* hollow points: the data covers only part of the period</text>"##,
            HEIGHT - 12.0
        );
    }
    svg.push_str("</svg>\n");
    svg
}

fn interval(t: &wire::Timeline) -> &'static str {
    match t.interval {
        wire::Interval::Day => "day",
        wire::Interval::Week => "week",
        wire::Interval::Month => "month",
        wire::Interval::Year => "year",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(100.0, 5.0), 20.0);
        assert_eq!(nice_step(0.37, 5.0), 0.1);
        assert_eq!(nice_step(7.0, 5.0), 2.0);
    }

    #[test]
    fn labels_are_escaped() {
        assert_eq!(escape(r#"a<b & "c""#), "a&lt;b &amp; &quot;c&quot;");
    }
}
