//! About the data: every source with its period, licence, route and caveats; the rules ICS Explorer applies to
//! the figures (default period, breaks in series and the breaks found, inequality indices, provider-based
//! rates); how today's ICBs' figures are estimated from July 2022 ICBs' (and the Health Index's weighted means);
//! every indicator's metadata; the indicators that could not be sourced; and the Open Government Licence
//! attribution. All generated from the dataset.

use super::{Content, Ctx};
use crate::node::{h, Node};
use crate::table::{col, Cell, DataTable, Row};
use crate::Msg;
use ics_data::dataset::Polarity;
use ics_data::format;

pub fn content(cx: &Ctx) -> Content {
    let ds = cx.ds;
    let mut c = Content::new("About the data".into(), "indicators".into());
    c.subtitle = format!(
        "ICS Explorer shows {} indicators for England's {}, built from {} published sources. Every figure is computed in your browser from the data listed here; nothing is sent anywhere.",
        ds.indicators.len(),
        ds.set.name,
        ds.sources.len()
    );
    c.notes.push(frame(cx));
    c.notes.push(sources(cx));
    c.notes.push(rules(cx));
    c.notes.extend(estimates(cx));
    c.notes.push(missing(cx));
    c.table = Some(DataTable {
        id: "ics-table-indicators",
        caption: "Every indicator: domain, unit, polarity, periods and sources".into(),
        columns: vec![
            col("Indicator", false),
            col("Id", false),
            col("Domain", false),
            col("Unit", false),
            col("Polarity", false),
            col("Periods", false),
            col("Definition", false),
        ],
        rows: ds
            .indicators
            .iter()
            .map(|i| {
                let (kind, periods) = cx.st.engine.periods(i);
                let span = match (periods.first(), periods.last()) {
                    (Some(a), Some(b)) if a != b => format!("{} to {}", format::period(kind, a), format::period(kind, b)),
                    (Some(a), _) => format::period(kind, a),
                    _ => String::new(),
                };
                Row {
                    cells: vec![
                        Cell::text(i.name.clone()),
                        Cell::text(i.id.clone()),
                        Cell::text(i.domain.label()),
                        Cell::text(i.unit.clone()),
                        Cell::text(match i.polarity {
                            Polarity::HigherIsBetter => "Higher is better",
                            Polarity::LowerIsBetter => "Lower is better",
                            Polarity::Neutral => "Context",
                        }),
                        Cell::text(span),
                        Cell::text(i.definition.clone()),
                    ],
                    ics: None,
                    class: "",
                }
            })
            .collect(),
        sortable: true,
    });
    c
}

/// The boundaries and the deprivation edition shown: what they are, which lookup places each neighbourhood,
/// whose residents weight the figures, what else is shipped and why the two editions are not compared directly.
fn frame(cx: &Ctx) -> Node<Msg> {
    let (f, dataset) = (cx.ds, &cx.st.dataset);
    let set = &dataset.area_sets()[f.area_set];
    let ed = &dataset.editions()[f.edition];
    let population = f.population.and_then(|k| f.measures.get(k)).map(|m| m.name.clone()).unwrap_or_default();
    let others: Vec<String> = dataset
        .area_sets()
        .iter()
        .filter(|s| s.id != set.id)
        .map(|s| format!("the {} (with IMD {})", s.name, s.edition.trim_start_matches("imd")))
        .collect();
    let p = |t: String| -> Node<Msg> { h("p").text(t).into() };
    h("section")
        .class("ics-subsection")
        .attr("aria-labelledby", "ics-frame-title")
        .child(h("h3").id("ics-frame-title").text("Boundaries and deprivation"))
        .child(p(format!(
            "Shown: the {} with the {} ({}), on {} neighbourhoods ({}). Each neighbourhood is placed in one ICB by the Office for National Statistics' lookup to the {} boundaries (listed under “Where the data comes from”). Everything counted from neighbourhoods (deprivation, Core20, age) is weighted by their {} residents. ICB populations, for rates and sizes: {}.",
            set.name,
            ed.name,
            ed.short,
            format::number(f.lsoas.len() as f64, 0),
            ed.lsoa,
            set.period,
            ed.population,
            population
        )))
        .child(p(format!(
            "Also available under “Boundaries”: {}. IMD 2019 ships in a file of its own, loaded only when it is first needed. The two editions are not directly comparable: they rank different neighbourhoods (LSOA 2011 and LSOA 2021), weighted by different populations, and IMD 2025 changed some of its indicators, so a change in an ICB's rank from one to the other is partly a change of method.",
            others.join(" and ")
        )))
        .into()
}

fn sources(cx: &Ctx) -> Node<Msg> {
    let items = cx.ds.sources.iter().map(|s| {
        h("li")
            .class("ics-source")
            .child(h("strong").text(format!("{}: {}", s.publisher, s.dataset)))
            .child(h("span").class("ics-source__meta").text(format!(" {}. {}.", s.period, s.licence)))
            .child(h("span").text(" Published at "))
            .child(h("a").attr("href", s.url.clone()).attr("rel", "noopener noreferrer").text(s.url.clone()))
            .child(h("span").class("ics-source__via").text(format!(". Copied from {}.", s.via)))
            .children(s.caveats.iter().map(|c| h("span").class("ics-source__caveat").text(format!(" {c}")).into()))
            .into()
    });
    h("section")
        .class("ics-subsection ics-provenance")
        .attr("aria-labelledby", "ics-sources-title")
        .child(h("h3").id("ics-sources-title").text("Where the data comes from"))
        .child(h("ul").class("ics-sources").children(items))
        .child(h("p").class("ics-attribution").text(cx.ds.meta.attribution.clone()))
        .into()
}

/// The rules behind the figures, with every break in series the build flagged.
fn rules(cx: &Ctx) -> Node<Msg> {
    let ds = cx.ds;
    let mut breaks: Vec<&str> = Vec::new();
    for m in &ds.measures {
        for f in m.flags.iter().filter(|f| f.kind == ics_data::dataset::FlagKind::Break) {
            if !breaks.contains(&f.note.as_str()) {
                breaks.push(&f.note);
            }
        }
    }
    let limit = ics_data::dataset::BREAK_FACTOR;
    let p = |t: String| -> Node<Msg> { h("p").text(t).into() };
    h("section")
        .class("ics-subsection")
        .attr("aria-labelledby", "ics-rules-title")
        .child(h("h3").id("ics-rules-title").text("How the figures are checked"))
        .child(p(format!(
            "Default period. Each indicator opens at the latest period in which at least {} of the {} ICSs (all but two) have a value that is not flagged. ICSs without a value that period are shown as “no data” and named under the chart. Choose any other period in “Period”.",
            cx.st.engine.default_threshold(),
            ds.icss.len()
        )))
        .child(p(format!(
            "Breaks in series. Monthly counts that should change smoothly (the waiting list, A&E attendances and emergency admissions) are checked when the dataset is built. Between two adjacent months, an ICS's change is compared with the median ICS's change; a move more than {}% up or {}% down beyond it is a break. On these series, 98% or more of monthly moves are within 10% of the median ICS's (98.5% of the waiting list's within 5%), so the limit is far outside ordinary variation. The months on the new level are flagged until the series returns to within the same limit of its earlier level; if it never does and the new level is the longer stretch, the earlier months are flagged instead. Months the source already marks as incomplete are not flagged again. Trolley waits and delayed discharges are not checked: a third of their monthly moves differ from the median ICS's by more than 10%, so the rule would flag 50 to 120 ICS-months of ordinary variation in each.",
            format::number(100.0 * (limit - 1.0), 0),
            format::number(100.0 * (1.0 - 1.0 / limit), 0)
        )))
        .child(p("Flagged values (incomplete, missing for a known reason, or after a break) are marked ⚠ with their note, which names the ICSs it affects. They are left out of the deprivation fit and its “better” or “worse than deprivation predicts” call-outs unless you tick “Include flagged values in the fit”, and “Change since” never starts before a break.".into()))
        .child(h("p").text(format!("Breaks found ({}):", breaks.len())))
        .child(h("ul").children(breaks.iter().map(|b| h("li").text(b.to_string()).into())))
        .child(p(format!("Inequality inside an ICS. The slope index of inequality (SII) follows Public Health England's method (PHEindicatormethods phe_sii) on local deciles: the ICS's own neighbourhoods ranked by {} and cut into ten groups with equal numbers of neighbourhoods, so every group has residents. There is no SII with fewer than 5 groups or a group without residents. The relative index (RII) divides the fitted values at the two ends; it is not shown where an end is zero or below, or where the 95% confidence interval of an end includes zero.", ds.edition_info.short)))
        .child(p("A&E and emergency admission rates per head are provider-based: NHS England's “System Level Data” counts the activity of the hospitals and urgent care centres in each ICS, wherever their patients live. They describe activity in the system, so they are not compared with England and carry no “better” or “worse”.".into()))
        .into()
}

/// How figures published for the base area set's ICBs are restated for this set: which are estimates, how, and
/// the choice made for scores (the Health Index). None on the base set, where nothing is estimated.
fn estimates(cx: &Ctx) -> Option<Node<Msg>> {
    let (ds, dataset) = (cx.ds, &cx.st.dataset);
    let sums = dataset.estimate_method(ds.area_set, true)?;
    let means = dataset.estimate_method(ds.area_set, false);
    let old = ds.other_set.as_ref().map_or("July 2022", |o| o.period.as_str());
    let p = |t: String| -> Node<Msg> { h("p").text(t).into() };
    Some(
        h("section")
            .class("ics-subsection")
            .attr("aria-labelledby", "ics-estimates-title")
            .child(h("h3").id("ics-estimates-title").text(format!("Estimates for the {}", ds.set.name)))
            .child(p(format!(
                "The ICB-level series (waiting lists, A&E, workforce and others) are published for the ICBs of {old}. ICS Explorer restates them for the {}: exactly where an ICB is unchanged or made of whole {old} ICBs, and as an estimate where it was formed with part of one. Everything computed from neighbourhoods (deprivation, age, Core20) uses the {} boundaries directly and is exact.",
                ds.set.name, ds.set.period
            )))
            .child(p(format!("Counts and rates. {sums}")))
            .children(means.map(|m| p(format!("Health Index scores. Rather than show the ICBs whose boundaries changed as unavailable, ICS Explorer estimates their scores as population-weighted means, marked as estimates like the others. {m}"))))
            .child(p("Estimates are never coloured differently alone: bars and map areas are hatched, points have a dashed ring, values carry “≈” in charts and “(estimate)” in tables, and downloads have an estimate column (yes or no). The data from the JavaScript API marks each value with estimate: true or false. To compare exact figures only, tick “Hide estimated values” under Filter the ICSs shown: those ICBs are left out of the charts and tables, of the deprivation fit, and of the trend's peers' mean and range.".into()))
            .into(),
    )
}

fn missing(cx: &Ctx) -> Node<Msg> {
    let items = cx.ds.unavailable.iter().map(|u| {
        let subs: Vec<String> = u.substitutes.iter().filter_map(|id| cx.ds.indicator(id)).map(|i| i.name.clone()).collect();
        let instead = if subs.is_empty() { String::from(" Nothing stands in for it.") } else { format!(" Shown instead: {}.", subs.join("; ")) };
        h("li").child(h("strong").text(u.name.clone())).text(format!(" ({}). {}{instead}", u.domain.label(), u.reason)).into()
    });
    h("section")
        .class("ics-subsection")
        .attr("aria-labelledby", "ics-missing-title")
        .child(h("h3").id("ics-missing-title").text("Not available"))
        .child(h("p").text(
            "These indicators are part of a fair comparison of ICSs, but no source for them could be obtained. ICS Explorer does not estimate them.",
        ))
        .child(h("ul").class("ics-missing").children(items))
        .into()
}
