//! Every kind of `Msg` the page can send, made from a fuzzer's bytes, with arguments drawn mostly from what the
//! state offers (its indicators, ICSs, regions, periods) and sometimes from anything at all (raw text, indexes
//! past the end, odd numbers), as a stale handler, an edited link or a hostile embedder could send.

use crate::bytes::Bytes;
use ics_data::dataset::{Deprivation, Polarity};
use ics_data::testdata;
use ics_engine::adjust::Axis;
use ics_engine::filter::{DeprivationGroup, PopulationBand};
use ics_engine::funnel::Overdispersion;
use ics_engine::peers::PeerBasis;
use ics_engine::query::View;
use ics_ui::view::spc::SpcMsg;
use ics_ui::{Download, Msg, State};

/// A sub-ICB file: summed to every area set through the dataset's places.
pub const SUB_ICB_FILE: &str = "Sub-ICB code,Count,Denominator\n00T,5,100\n01G,9,300\n";

/// Small files for `ImportLoaded`: each layout the importer reads.
const FILES: [&str; 5] = [
    "ICB code,Value\nQOP,12.5\nQYG,7\nE54000057,3\n",
    "Area Code,Area Name,Area Type,Value,Count,Denominator,Time period,Sex,Age\nE54000057,GM,ICB,5,10,200,2023/24,Persons,All ages\n",
    SUB_ICB_FILE,
    "[{\"code\":\"QOP\",\"value\":1},{\"code\":\"QHM\",\"value\":2}]",
    "ICB,Value\nNot an area,1\n",
];

const TABLES: [&str; 6] = ["ics-table-rankings", "ics-table-areas", "ics-table-deciles", "ics-table-peers", "ics-table-trend", "ics-table-spc"];

fn one<T: Copy>(b: &mut Bytes, all: &[T]) -> T {
    all[b.below(all.len())]
}

fn maybe<T>(b: &mut Bytes, f: impl FnOnce(&mut Bytes) -> T) -> Option<T> {
    if b.flag() {
        Some(f(b))
    } else {
        None
    }
}

/// An index, mostly in `0..n`, sometimes just past it or far past it.
fn index(b: &mut Bytes, n: usize) -> usize {
    match b.byte() % 8 {
        0 => n,
        1 => usize::MAX,
        _ => b.below(n.max(1)),
    }
}

/// The next message, and whether to draw the view after it.
pub fn next(b: &mut Bytes, st: &State) -> (Msg, bool) {
    let cat = st.engine.catalogue();
    let frame = st.engine.frame();
    let indicators: Vec<&str> = cat.indicators.iter().map(|i| i.id.as_str()).collect();
    let icss: Vec<&str> = frame.icss.iter().flat_map(|i| [i.ods.as_str(), i.code.as_str()]).collect();
    let periods = cat.indicators.get(st.settings.indicator).map(|i| st.engine.periods(i).1).unwrap_or_default();
    let periods: Vec<&str> = periods.iter().map(String::as_str).collect();
    let kind = b.byte();
    let msg = match kind % 56 {
        0 => Msg::SetView(one(b, &View::ALL)),
        1 => Msg::SetIndicator(b.text(&indicators)),
        2 => Msg::SetPeriod(maybe(b, |b| b.text(&periods))),
        3 => Msg::SelectIcs(b.text(&icss)),
        4 => Msg::Pick(index(b, frame.icss.len())),
        5 => Msg::SetRegion(maybe(b, |b| index(b, frame.regions.len()))),
        6 => Msg::SetPopulation(maybe(b, |b| one(b, &PopulationBand::ALL))),
        7 => Msg::SetDeprivationGroup(maybe(b, |b| one(b, &DeprivationGroup::ALL))),
        8 => Msg::SetRangeIndicator(maybe(b, |b| index(b, cat.indicators.len()))),
        9 => Msg::SetRangeMin(b.text(&["", "0", "-1", "50", "1e308", "NaN", "12.5%", "1,000"])),
        10 => Msg::SetRangeMax(b.text(&["", "100", "0", "-0", "inf", "75", "2e3"])),
        11 => Msg::TogglePeersOnly,
        12 => Msg::ToggleHideEstimates,
        13 => Msg::ResetFilters,
        14 => Msg::Sort(one(b, &TABLES), b.below(12)),
        15 => Msg::SetOrder(b.flag()),
        16 => Msg::SetHideMissing(b.flag()),
        17 => Msg::SetPeerBasis(one(b, &PeerBasis::ALL)),
        18 => Msg::SetPeerK(index(b, 20)),
        19 => Msg::TogglePeerLogPopulation,
        20 => Msg::TogglePeerRegion,
        21 => Msg::SetAxis(one(b, &Axis::ALL)),
        22 => Msg::ToggleWeighted,
        23 => Msg::ToggleIncludeFlagged,
        24 => Msg::SetDepIndex(one(b, &Deprivation::ALL)),
        25 => Msg::ToggleDepPopulation,
        26 => Msg::SetDepDeciles(b.flag()),
        27 => Msg::SetBasePeriod(maybe(b, |b| b.text(&periods))),
        28 => Msg::ToggleSpineAll,
        29 => Msg::ToggleOutlines,
        30 => Msg::SetDepCompare(b.flag()),
        31 => Msg::SetOverdispersion(one(b, &Overdispersion::ALL)),
        32 => Msg::Hover(maybe(b, |b| index(b, frame.icss.len()))),
        33 => Msg::Escape,
        34 => Msg::Resize(b.number()),
        35 => Msg::HashChanged(b.text(&["", "v=map", "v=profile&s=QOP&k=15", "g=icb22", "imd=2019", "g=icb26&imd=2025&v=funnel", "i=nope&p=1"])),
        36 => Msg::SetGeography(b.text(&["icb22", "icb26", ""])),
        37 => Msg::SetEdition(b.text(&["imd2019", "imd2025", ""])),
        38 => Msg::ShowArea(b.text(&["icb22", "icb26"]), b.text(&icss)),
        // What the page sends once an edition it asked for is read: the real file (only then: reading it is the
        // slowest step there is), or anything.
        39 => match &st.loading {
            Some(l) if b.flag() => Msg::EditionLoaded(l.edition.clone(), testdata::imd2019_json().to_string()),
            _ => Msg::EditionLoaded(
                b.text(&["imd2019", "imd2025"]),
                b.text(&["{}", "", "{\"schema_version\":3}", "{\"schema_version\":3,\"edition\":{}}"]),
            ),
        },
        40 => Msg::EditionFailed(b.text(&["imd2019", "imd2025"]), b.text(&["the file is missing"])),
        41 => Msg::Download(one(b, &[Download::Csv, Download::Svg, Download::Png])),
        42 => Msg::DismissNotices,
        43 => Msg::ResetAll,
        44 => Msg::ImportStart(b.text(&["data.csv", ""]), b.number()),
        45 => Msg::ImportProgress(b.number()),
        46 => Msg::ImportLoaded(b.text(&["data.csv", "x.json"]), b.text(&FILES)),
        47 => Msg::ImportFailed(b.text(&["could not read the file"])),
        48 => Msg::SetUserPolarity(one(b, &[Polarity::HigherIsBetter, Polarity::LowerIsBetter, Polarity::Neutral])),
        49 => Msg::CopyLink,
        50 => Msg::LinkCopied(b.flag()),
        51 => Msg::SetUserName(b.text(&["", "My indicator", "  "])),
        52 => Msg::SetUserUnit(b.text(&["", "%", "per 1,000"])),
        53 => Msg::ChooseImportFix(b.text(&["2:QOP", "2:", "2:england", "999:QOP", ":", "x"])),
        54 => match b.byte() % 4 {
            0 => Msg::ApplyImportFixes,
            1 => Msg::SetImportMultiplier(b.text(&["100", "1000", "100000", "0", ""])),
            2 => Msg::ChooseImportRows(b.text(&["sex:0", "sex:7", "breakdown:1", "breakdown:", "sex:x"])),
            _ => Msg::DownloadTemplate,
        },
        _ => Msg::Spc(match b.byte() % 6 {
            0 => SpcMsg::On,
            1 => SpcMsg::Off,
            2 => SpcMsg::Run(index(b, 13)),
            3 => SpcMsg::From(maybe(b, |b| b.text(&periods))),
            4 => SpcMsg::To(maybe(b, |b| b.text(&periods))),
            _ => SpcMsg::Screen,
        }),
    };
    // Drawing is the slow part: only when asked (about one message in eight).
    (msg, kind >= 224)
}
