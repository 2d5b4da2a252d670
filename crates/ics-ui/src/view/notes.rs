//! The words and notes every view shares: values with their units, how estimates are made and which are shown
//! or hidden, data-quality caveats with the ICSs and periods they affect, ICSs without data, and why the user's
//! own ICS is not among those shown.
//!
//! Words only, from the engine's results and the dataset's metadata: never a figure computed here.

use super::Ctx;
use crate::node::{h, Node};
use crate::Msg;
use ics_data::dataset::Indicator;
use ics_data::format;
use ics_engine::layer::Layered;

/// "%" for percentages, nothing for other units (which are given in the axis and table headings).
pub fn unit_suffix(ind: &Indicator) -> &'static str {
    if ind.unit.starts_with('%') {
        "%"
    } else {
        ""
    }
}

/// How `ind` is estimated for the ICSs that need it: "apportioned from July 2022 ICBs", or for scores that
/// cannot be summed, "population-weighted means of July 2022 ICBs' scores".
pub fn estimate_words(ds: Layered, ind: &Indicator) -> String {
    use ics_data::dataset::Formula;
    let additive = match ind.formula {
        Formula::Stored { measure } => ds.measures.get(measure).is_none_or(|m| m.additive),
        Formula::Ratio { num, den, .. } => [num, den].iter().all(|&k| ds.measures.get(k).is_none_or(|m| m.additive)),
        _ => true,
    };
    let old = ds.other_set.as_ref().map_or("July 2022", |o| o.period.as_str());
    if additive {
        format!("apportioned from {old} ICBs")
    } else {
        format!("population-weighted means of {old} ICBs' scores")
    }
}

/// What a table's caption says about ICSs hidden for having estimated values.
pub fn hidden_estimates_caption(cx: &Ctx) -> String {
    match cx.r.hidden_estimates.len() {
        0 => String::new(),
        1 => ". 1 ICS with an estimated value is hidden".into(),
        n => format!(". {n} ICSs with estimated values are hidden"),
    }
}

/// The tooltip line of an estimated value.
pub fn estimate_tip(words: &str) -> String {
    format!("Estimate: {words} (see the indicator's caveats)")
}

/// Under a one-period chart: which values shown are estimates and how they are made, or which ICSs were left
/// out for being estimates ("Hide estimated values").
pub fn estimates_note(cx: &Ctx) -> Option<Node<Msg>> {
    let names = |v: &[usize]| -> String {
        let names: Vec<&str> = v.iter().map(|&i| cx.name(i)).collect();
        match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => names.join(""),
        }
    };
    let hidden = &cx.r.hidden_estimates;
    if !hidden.is_empty() {
        let n = hidden.len();
        let (who, are) = if n == 1 { ("1 ICS".to_string(), "is") } else { (format!("{n} ICSs"), "are") };
        return Some(
            h("p")
                .class("ics-callout ics-estimates")
                .text(format!(
                    "{who} {are} hidden because {} values are estimates ({}): {}. How they are made is in the indicator's caveats. Untick “Hide estimated values” under Filter the ICSs shown to show them.",
                    if n == 1 { "its" } else { "their" },
                    cx.estimate_words(),
                    names(hidden)
                ))
                .into(),
        );
    }
    let shown: Vec<usize> =
        cx.shown().into_iter().filter(|&i| cx.r.comparison.rows[i].value.estimate && cx.r.comparison.rows[i].value.value.is_some()).collect();
    (!shown.is_empty()).then(|| {
        h("p")
            .class("ics-callout ics-estimates")
            .child(h("strong").text("≈ Estimates: "))
            .text(format!(
                "the values for {} are estimates ({}), marked ≈ and hatched or ringed in the chart. How they are made is in the indicator's caveats. To leave them out, tick “Hide estimated values” under Filter the ICSs shown.",
                names(&shown),
                cx.estimate_words()
            ))
            .into()
    })
}

/// Lists the caveats attached to the values shown in a one-period view (flags), once each, with the ICSs each
/// affects (all of them, from the flag itself, whichever value it was found on).
pub fn flag_notes(cx: &Ctx, flags: &[&ics_engine::values::FlagNote]) -> Option<Node<Msg>> {
    let single = cx.period();
    let items: Vec<(&str, &ics_engine::values::FlagNote)> = flags.iter().map(|f| (cx.r.comparison.period.as_str(), *f)).collect();
    period_notes(cx, &items, &format!("Data quality notes for {single}"), false)
}

/// Caveats found on values of several periods (the trends view) or indicators (the profile): each note once,
/// with the ICSs it affects and, if `show_periods`, the periods of the current indicator it was found in.
pub fn period_notes(cx: &Ctx, items: &[(&str, &ics_engine::values::FlagNote)], title: &str, show_periods: bool) -> Option<Node<Msg>> {
    // (note, kind, affected ICSs, England affected, periods)
    let mut notes: Vec<(&str, ics_data::dataset::FlagKind, Vec<usize>, bool, Vec<&str>)> = Vec::new();
    for (period, f) in items {
        match notes.iter_mut().find(|n| n.0 == f.note) {
            Some(n) => {
                for &i in &f.icss {
                    if !n.2.contains(&i) {
                        n.2.push(i);
                    }
                }
                n.3 |= f.england;
                if !n.4.contains(period) {
                    n.4.push(period);
                }
            }
            None => notes.push((&f.note, f.kind, f.icss.clone(), f.england, vec![period])),
        }
    }
    let several_periods = show_periods && items.iter().any(|(p, _)| *p != items[0].0);
    (!notes.is_empty()).then(|| {
        h("div")
            .class("ics-flags")
            .child(h("h3").text(title.to_string()))
            .child(h("ul").children(notes.into_iter().map(|(n, kind, mut icss, england, periods)| {
                ics_data::sort::indices(&mut icss, &|a, b| a.cmp(&b));
                let mut who: Vec<String> = if icss.len() == cx.ds.icss.len() {
                    vec![format!("all {} ICSs", icss.len())]
                } else if icss.len() > 6 {
                    vec![format!("{} ICSs", icss.len())]
                } else {
                    icss.iter().map(|&i| cx.name(i).to_string()).collect()
                };
                if england {
                    who.push("England".into());
                }
                let affects = match who.len() {
                    0 => String::new(),
                    1 => format!(" Affects: {}.", who[0]),
                    k => format!(" Affects: {} and {}.", who[..k - 1].join(", "), who[k - 1]),
                };
                let when = if several_periods { format!(" Periods: {}.", period_ranges(cx, &periods)) } else { String::new() };
                let mark = if kind == ics_data::dataset::FlagKind::Note { "Note: " } else { "⚠ " };
                h("li").child(h("strong").text(mark)).text(format!("{n}{affects}{when}")).into()
            })))
            .into()
    })
}

/// "Oct 2022 to Dec 2022, Nov 2025": consecutive listed periods joined into ranges.
fn period_ranges(cx: &Ctx, periods: &[&str]) -> String {
    let all = &cx.r.periods;
    let mut idx: Vec<usize> = periods.iter().filter_map(|p| all.iter().position(|x| x == p)).collect();
    ics_data::sort::indices(&mut idx, &|a, b| a.cmp(&b));
    let mut out: Vec<String> = Vec::new();
    let mut k = 0;
    while k < idx.len() {
        let mut j = k;
        while j + 1 < idx.len() && idx[j + 1] == idx[j] + 1 {
            j += 1;
        }
        let (a, b) = (format::period(cx.kind, &all[idx[k]]), format::period(cx.kind, &all[idx[j]]));
        out.push(if j == k { a } else { format!("{a} to {b}") });
        k = j + 1;
    }
    out.join(", ")
}

/// Why a value is flagged, in a few words ("break in the series", "incomplete", "missing").
pub fn flag_reason(flags: &[ics_engine::values::FlagNote]) -> String {
    use ics_data::dataset::FlagKind;
    let mut words: Vec<&str> = Vec::new();
    for f in flags {
        let w = match f.kind {
            FlagKind::Break => "break in the series",
            FlagKind::Incomplete => "incomplete",
            FlagKind::Missing => "missing",
            FlagKind::Note => continue,
        };
        if !words.contains(&w) {
            words.push(w);
        }
    }
    words.join("; ")
}

/// Above a chart of the ICSs shown, when the user's ICS is not one of them: why, and the way back. A selected
/// ICS is never left out without a word.
pub fn selected_hidden_note(cx: &Ctx) -> Option<Node<Msg>> {
    let s = cx.r.selected.filter(|&s| !cx.r.included.get(s).copied().unwrap_or(true))?;
    let name = cx.name(s);
    let (why, button) = if cx.r.hidden_estimates.contains(&s) {
        ("its value is an estimate, and “Hide estimated values” is ticked", None)
    } else {
        ("the filters under “Filter the ICSs shown” leave it out", Some("Reset filters"))
    };
    let note = h("div").class("ics-callout ics-selected-hidden").child(h("p").text(format!("Your ICS, {name}, is not among the ICSs shown: {why}.")));
    Some(
        match button {
            Some(label) => {
                note.child(h("button").attr("type", "button").class("ics-button ics-button--secondary").on_click(Msg::ResetFilters).text(label))
            }
            None => note,
        }
        .into(),
    )
}

/// "No data for Cambridgeshire and Peterborough in Aug 2025." for the ICSs shown without a value.
pub fn no_data_note(cx: &Ctx) -> Option<Node<Msg>> {
    let missing: Vec<&str> = cx.shown().into_iter().filter(|&i| cx.r.comparison.rows[i].value.value.is_none()).map(|i| cx.name(i)).collect();
    (!missing.is_empty()).then(|| {
        h("p")
            .class("ics-callout")
            .text(format!("No data for {} in {}: shown as “no data” and left out of ranks and comparisons.", missing.join(", "), cx.period()))
            .into()
    })
}
