//! Number and period formatting shared by the page, the CLI and exports, following GOV.UK / NHS style:
//! thousands separators, a fixed number of decimals per indicator, a true minus sign, and periods written
//! as "Oct 2022" or "FY 2022/23".
//!
//! Pure functions only; nothing here knows about indicators or the browser.

use crate::dataset::PeriodKind;

/// `value` with `decimals` places and comma thousands separators; "−" (U+2212) for negatives.
pub fn number(value: f64, decimals: u8) -> String {
    if !value.is_finite() {
        return "no data".into();
    }
    let s = format!("{:.*}", decimals as usize, value.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let mut out = String::with_capacity(s.len() + 4);
    // A value that rounds to zero is shown without a sign.
    let negative = value < 0.0 && s.bytes().any(|b| (b'1'..=b'9').contains(&b));
    if negative {
        out.push('\u{2212}');
    }
    let n = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A plain machine-readable number for CSV: no separators, ASCII minus, fixed decimals.
pub fn plain(value: f64, decimals: u8) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let s = format!("{:.*}", decimals as usize, value);
    if s.trim_start_matches('-').bytes().all(|b| b == b'0' || b == b'.') {
        s.trim_start_matches('-').to_string()
    } else {
        s
    }
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// "2022-10" → "Oct 2022"; "2022/23" → "FY 2022/23"; "2021" → "2021".
pub fn period(kind: PeriodKind, p: &str) -> String {
    match kind {
        PeriodKind::Month => {
            let m: usize = p.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(0);
            match (MONTHS.get(m.wrapping_sub(1)), p.get(0..4)) {
                (Some(name), Some(y)) => format!("{name} {y}"),
                _ => p.to_string(),
            }
        }
        PeriodKind::FinancialYear => format!("FY {p}"),
        PeriodKind::Year => p.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        let cases = [
            (2714167.0, 0, "2,714,167"),
            (521391.2, 0, "521,391"),
            (999.95, 1, "1,000.0"),
            (-1234.5, 1, "\u{2212}1,234.5"),
            (-0.04, 1, "0.0"),
            (0.0, 2, "0.00"),
            (12.0, 0, "12"),
            (f64::NAN, 1, "no data"),
        ];
        for (v, d, want) in cases {
            assert_eq!(number(v, d), want, "{v} {d}");
        }
        assert_eq!(plain(-1234.56, 1), "-1234.6");
        assert_eq!(plain(-0.01, 1), "0.0");
    }

    #[test]
    fn periods() {
        assert_eq!(period(PeriodKind::Month, "2022-10"), "Oct 2022");
        assert_eq!(period(PeriodKind::Month, "2022-13"), "2022-13");
        assert_eq!(period(PeriodKind::FinancialYear, "2022/23"), "FY 2022/23");
        assert_eq!(period(PeriodKind::Year, "2021"), "2021");
    }
}
