//! "Add your own data": the file picker and drop zone, the template, how the import went, the rows that matched
//! no ICS (to assign or leave out), a file's choices (multiplier, Fingertips rows) and the imported indicator's
//! name, unit and polarity.
//!
//! It renders `State::import` only: the file is read by the web layer and imported by `update` (through the
//! engine's `import`); nothing is parsed or computed here.

use super::widgets::{label, option, select};
use super::Ctx;
use crate::node::{h, Node};
use crate::Msg;
use ics_data::dataset::Polarity;
use ics_data::format;

/// "Add your own data": a file picker and drop zone (the file is read in the browser, never uploaded), a template
/// to fill in, what was added, the rows that matched no ICS (to assign or leave out), and the imported
/// indicator's name, unit and polarity.
pub fn import_panel(cx: &Ctx) -> Node<Msg> {
    use crate::ImportStatus;
    let st = cx.st;
    let status: Node<Msg> = match &st.import {
        ImportStatus::Idle => h("div")
            .child(h("p").class("ics-hint").text("CSV or JSON with one value per ICB, keyed by ICB code (E54… or NHS code) or name: a Fingertips “Download data” file as it comes (its ICB and England rows are used, and the rest counted), a table saved from a spreadsheet, or the template. Optional columns: Time period, Lower and Upper CI 95.0 limit, Indicator Name. Numbers may have % or £ signs and commas between thousands; blank cells, “-”, “..”, “*” and “x” mean no value."))
            .child(h("p").class("ics-hint").text("Or one row per sub-ICB location (E38… or codes such as 15E), with Count and Denominator columns: each ICB's counts and denominators are added up, on whichever boundaries are shown. Rates alone cannot be added up."))
            .into(),
        ImportStatus::Reading { name, percent } => h("div")
            .child(h("label").attr("for", "ics-import-progress").text(format!("Reading {name}: {}%", format::number(*percent, 0))))
            .child(h("progress").id("ics-import-progress").attr("max", "100").attr("value", format::plain(*percent, 0)).text(format!("{}%", format::number(*percent, 0))))
            .into(),
        ImportStatus::Done(d) => {
            let here: Vec<&ics_data::dataset::Indicator> = d.added.iter().filter_map(|(_, id)| cx.ds.indicators.iter().find(|i| i.id == *id)).collect();
            let names: Vec<&str> = here.iter().map(|i| i.name.as_str()).collect();
            // A sub-ICB file's notes on the boundaries shown (which ICBs have no value, and why).
            let notes = here.iter().filter(|_| d.sub_icb).flat_map(|i| i.caveats.iter().filter(|c| !c.starts_with("Your own data")));
            let warnings: Vec<&String> = d.warnings.iter().chain(notes).collect();
            let added = if names.is_empty() {
                // An ICB file read on other boundaries: its indicators stay there.
                let there = st.dataset.area_sets().get(d.set).map(|a| format!("the {} ICBs ({})", a.icss.len(), a.period)).unwrap_or_default();
                format!("its indicators are for {there}, so they stay with those boundaries: switch back to them to see them.")
            } else {
                format!("{}. It is in the indicator list under “Your own data”.", names.join("; "))
            };
            h("div")
                .class("ics-import__done")
                .child(h("p").child(h("strong").text(format!("Added from {}: ", d.name))).text(added))
                .children((!warnings.is_empty()).then(|| h("ul").class("ics-import__warnings").children(warnings.iter().map(|w| h("li").text(w.to_string()).into())).into()))
                .children(crate::imported::multiplier_choice(st, d).map(multiplier_field))
                .children(d.fingertips.as_ref().filter(|_| d.set == cx.ds.area_set).map(fingertips_fields).unwrap_or_default())
                .children((!d.problems.is_empty() && d.fingertips.is_some() && d.unmatched.is_empty()).then(|| {
                    h("div")
                        .class("ics-error")
                        .child(h("p").text("Your choice could not be used, so the indicators are unchanged:"))
                        .child(h("ul").children(d.problems.iter().take(20).map(|p| h("li").text(p.clone()).into())))
                        .into()
                }))
                .into()
        }
        ImportStatus::Failed { name, problems } => h("div")
            .class("ics-error ics-import__failed")
            .child(h("h3").text(format!("{} could not be imported", if name.is_empty() { "The file" } else { name.as_str() })))
            .child(h("ul").children(problems.iter().take(50).map(|p| h("li").text(p.clone()).into())))
            .child(h("p").text("Nothing was added. Fix the file and choose it again."))
            .into(),
    };
    let fixes = match &st.import {
        // Rows are assigned to ICBs of the set the file was read on.
        ImportStatus::Done(d) if !d.unmatched.is_empty() && !d.sub_icb && d.set == cx.ds.area_set => Some(unmatched_rows(cx, d)),
        _ => None,
    };
    let user = cx.ind.domain == ics_data::dataset::Domain::User;
    h("details")
        .class("ics-import")
        .attr_if(st.import != ImportStatus::Idle || user, "open", "")
        .child(h("summary").class("ics-filters-box__summary").text("Add your own data"))
        .child(
            h("div")
                .class("ics-dropzone")
                .attr("data-drop", "")
                .child(h("p").text("Your file stays on this computer: it is read by your browser and never uploaded. Drop it here, or:"))
                .child(label("ics-import-file", "Choose a CSV or JSON file"))
                .child(
                    h("input")
                        .class("ics-file")
                        .id("ics-import-file")
                        .attr("type", "file")
                        .attr("data-import", "")
                        .attr("accept", ".csv,.json,.txt,text/csv,application/json"),
                ),
        )
        .child(
            h("p")
                .class("ics-import__template")
                .text(format!(
                    "Starting from scratch? The template lists the {} ICBs ({}) with their codes, ready to fill in. ",
                    cx.ds.icss.len(),
                    cx.ds.set.period
                ))
                .child(
                    h("button")
                        .attr("type", "button")
                        .class("ics-button ics-button--secondary")
                        .id("ics-import-template")
                        .on_click(Msg::DownloadTemplate)
                        .text("Download a template (CSV)"),
                ),
        )
        .child(h("div").attr("role", "status").attr("aria-live", "polite").child(status))
        .children(fixes)
        .children(user.then(|| user_fields(cx)))
        .into()
}

/// How a sub-ICB file's Count ÷ Denominator is shown, when its Value column did not settle it.
fn multiplier_field(current: f64) -> Node<Msg> {
    let opts = ics_engine::import::subicb::MULTIPLIERS
        .iter()
        .map(|&m| option(&format::plain(m, 0), &ics_data::format::upper_first(&ics_engine::import::subicb::multiplier_words(m)), m == current))
        .collect();
    h("div")
        .class("ics-field")
        .child(label("ics-import-multiplier", "Show Count ÷ Denominator"))
        .child(select("ics-import-multiplier", &format::plain(current, 0), Msg::SetImportMultiplier, opts))
        .into()
}

/// A Fingertips download's choices of rows, each importing the file again: which Sex and Age (when its ICB rows
/// have several), and a category breakdown instead of the plain rows (when it has any).
fn fingertips_fields(s: &ics_engine::import::fingertips::Summary) -> Vec<Node<Msg>> {
    let mut out = Vec::new();
    if s.sex_ages.len() > 1 {
        let opts = s
            .sex_ages
            .iter()
            .enumerate()
            .map(|(k, (sex, age, n))| {
                let words = if sex.is_empty() && age.is_empty() {
                    "No sex or age given".to_string()
                } else {
                    [sex.as_str(), age.as_str()].iter().filter(|w| !w.is_empty()).copied().collect::<Vec<_>>().join(", ")
                };
                option(
                    &format!("sex:{k}"),
                    &format!("{words} ({} {})", format::number(*n as f64, 0), if *n == 1 { "row" } else { "rows" }),
                    s.sex_age.as_ref().is_some_and(|(a, b)| a == sex && b == age),
                )
            })
            .collect();
        let current = s.sex_ages.iter().position(|(a, b, _)| s.sex_age.as_ref().is_some_and(|(x, y)| x == a && y == b)).unwrap_or(0);
        out.push(
            h("div")
                .class("ics-field")
                .child(label("ics-import-sex-age", "Sex and age to import"))
                .child(select("ics-import-sex-age", &format!("sex:{current}"), Msg::ChooseImportRows, opts))
                .into(),
        );
    }
    if !s.breakdowns.is_empty() {
        let chosen = s.breakdowns.iter().position(|b| s.breakdown.as_deref() == Some(b.0.as_str()));
        let mut opts = vec![option("breakdown:", "No breakdown: one value per ICB", chosen.is_none())];
        opts.extend(s.breakdowns.iter().enumerate().map(|(k, (t, n, _))| {
            option(
                &format!("breakdown:{k}"),
                &format!(
                    "Breakdown by {t}: an indicator for each of its {}",
                    if *n == 1 { "1 category".to_string() } else { format!("{n} categories") }
                ),
                chosen == Some(k),
            )
        }));
        let value = chosen.map_or("breakdown:".to_string(), |k| format!("breakdown:{k}"));
        out.push(
            h("div")
                .class("ics-field")
                .child(label("ics-import-breakdown", "Category breakdown"))
                .child(select("ics-import-breakdown", &value, Msg::ChooseImportRows, opts))
                .into(),
        );
    }
    out
}

/// Unmatched rows listed with a choice each; more are counted.
const FIX_ROWS: usize = 30;

/// The rows of an import that matched no ICS: each with a choice of ICS (closest first) or "leave it out", and a
/// button to import the file again with the choices.
fn unmatched_rows(cx: &Ctx, d: &crate::ImportDone) -> Node<Msg> {
    let ds = cx.ds;
    let n = d.unmatched.len() + d.unmatched_more;
    let by_name = ics_data::sort::order(ds.icss.len(), &|a, b| ds.icss[a].short_name.cmp(&ds.icss[b].short_name));
    let rows = d.unmatched.iter().take(FIX_ROWS).map(|u| {
        let id = format!("ics-fix-{}", u.line);
        let chosen = d.choices.iter().find(|(l, _)| *l == u.line).map_or("", |(_, c)| c.as_str());
        let value = |code: &str| format!("{}:{code}", u.line);
        let ics = |i: &usize| option(&value(&ds.icss[*i].ods), &ds.icss[*i].short_name, chosen == ds.icss[*i].ods);
        let mut opts = vec![option(&value(""), "Leave this row out", chosen.is_empty())];
        if !u.suggestions.is_empty() {
            opts.push(h("optgroup").attr("label", "Closest matches").children(u.suggestions.iter().map(ics)).into());
        }
        let others = if u.suggestions.is_empty() { "ICSs" } else { "Other ICSs" };
        opts.push(h("optgroup").attr("label", others).children(by_name.iter().filter(|i| !u.suggestions.contains(i)).map(ics)).into());
        opts.push(option(&value("england"), "England (the comparator)", chosen == "england"));
        let written = match u.written.as_str() {
            "" => "no area given".to_string(),
            w if w.starts_with("E38") => format!("“{w}”, a sub-ICB location"),
            w => format!("“{w}”"),
        };
        let value_text = if u.value.is_empty() { "no value".to_string() } else { format!("value {}", u.value) };
        h("div")
            .class("ics-field")
            .child(label(&id, &format!("Line {}: {written} ({value_text})", u.line)))
            .child(select(&id, &value(chosen), Msg::ChooseImportFix, opts))
            .into()
    });
    let pending = d.choices.len() != d.applied.len() || d.choices.iter().any(|c| !d.applied.contains(c));
    let status: Option<Node<Msg>> = if !d.problems.is_empty() {
        Some(
            h("div")
                .class("ics-error")
                .child(h("p").text("Your choices could not be used, so the indicator is unchanged:"))
                .child(h("ul").children(d.problems.iter().take(20).map(|p| h("li").text(p.clone()).into())))
                .into(),
        )
    } else if pending {
        Some(h("p").text("Select “Update the indicator” to use your choices.").into())
    } else if !d.applied.is_empty() {
        let k = d.applied.len();
        Some(h("p").text(format!("Updated: {k} {} now included; any others are left out.", if k == 1 { "row is" } else { "rows are" })).into())
    } else {
        None
    };
    h("fieldset")
        .class("ics-import__unmatched")
        .child(h("legend").class("ics-label").text(if n == 1 {
            "1 row did not match an ICS and was left out".to_string()
        } else {
            format!("{n} rows did not match an ICS and were left out")
        }))
        .child(h("p").class("ics-hint").text("Choose the ICS each row is for, or leave it out, then update the indicator."))
        .children(rows)
        .children((n > FIX_ROWS.min(d.unmatched.len())).then(|| {
            h("p")
                .text(format!("{} more rows are not listed here: correct them in the file and import it again.", n - FIX_ROWS.min(d.unmatched.len())))
                .into()
        }))
        .child(
            h("button")
                .attr("type", "button")
                .class("ics-button")
                .id("ics-import-apply")
                .on_click(Msg::ApplyImportFixes)
                .text("Update the indicator"),
        )
        .child(h("div").attr("role", "status").attr("aria-live", "polite").children(status))
        .into()
}

/// The imported indicator's name, unit and polarity, which every view, table and download uses.
fn user_fields(cx: &Ctx) -> Node<Msg> {
    let (name, unit) = match &cx.st.user_text {
        Some((k, n, u)) if *k == cx.r.indicator => (n.clone(), u.clone()),
        _ => (cx.ind.name.clone(), cx.ind.unit.clone()),
    };
    let input = |id: &str, lab: &str, hint: &str, value: &str, max: &str, error: &str, f: fn(String) -> Msg| -> Node<Msg> {
        let bad = value.trim().is_empty();
        let described = if bad { format!("{id}-hint {id}-error") } else { format!("{id}-hint") };
        h("div")
            .class(if bad { "ics-field ics-field--error" } else { "ics-field" })
            .child(label(id, lab))
            .child(h("p").class("ics-hint").id(format!("{id}-hint")).text(hint))
            // Always there (empty when the text is fine), so the input keeps its place, and focus, as the user types.
            .child(h("span").class("ics-field__error").id(format!("{id}-error")).text(if bad { error } else { "" }))
            .child(
                h("input")
                    .class("ics-input")
                    .id(id.to_string())
                    .attr("type", "text")
                    .attr("maxlength", max)
                    .attr("spellcheck", "true")
                    .attr("value", value.to_string())
                    .attr("aria-describedby", described)
                    .on_input(f),
            )
            .into()
    };
    // One table: the option's value, its label, and the polarity it stands for.
    const POLARITIES: [(&str, &str, Polarity); 3] = [
        ("neutral", "Neither (context)", Polarity::Neutral),
        ("higher_is_better", "Higher is better", Polarity::HigherIsBetter),
        ("lower_is_better", "Lower is better", Polarity::LowerIsBetter),
    ];
    let current = POLARITIES.iter().find(|(_, _, p)| *p == cx.ind.polarity).map_or("neutral", |(v, _, _)| *v);
    h("fieldset")
        .class("ics-import__about")
        .child(h("legend").class("ics-label").text("Your indicator"))
        .child(input(
            "ics-user-name",
            "Name",
            "Used in titles, tables and downloads.",
            &name,
            "120",
            "Enter a name for the indicator",
            Msg::SetUserName,
        ))
        .child(input(
            "ics-user-unit",
            "Unit",
            "For example: %, per 1,000 people, £, people.",
            &unit,
            "60",
            "Enter a unit, such as % or per 1,000 people",
            Msg::SetUserUnit,
        ))
        .child(h("div").class("ics-field").child(label("ics-user-polarity", &format!("How to read “{}”", cx.ind.name))).child(select(
            "ics-user-polarity",
            current,
            |v| Msg::SetUserPolarity(POLARITIES.iter().find(|(k, _, _)| *k == v).map_or(Polarity::Neutral, |(_, _, p)| *p)),
            POLARITIES.iter().map(|(v, l, _)| option(v, l, *v == current)).collect(),
        )))
        .into()
}
