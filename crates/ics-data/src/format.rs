//! Number and period formatting shared by the page, the CLI and exports, following GOV.UK / NHS style:
//! thousands separators, a fixed number of decimals per indicator, a true minus sign, and periods written
//! as "Oct 2022" or "FY 2022/23".
//!
//! Pure functions only; nothing here knows about indicators or the browser.

use crate::dataset::PeriodKind;

/// The digits of |value| rounded to `decimals` places: (integer part, fraction part). Done by hand rather than
/// with `format!("{:.2}")`, which would pull the whole float-printing machinery into the wasm (about 15 KB).
/// Exact halves round away from zero.
fn digits(value: f64, decimals: u8) -> Option<(String, String)> {
    let d = u32::from(decimals.min(9));
    let scaled = (value.abs() * 10f64.powi(d as i32)).round();
    if !scaled.is_finite() || scaled >= 9.0e15 {
        return None;
    }
    let n = scaled as u64;
    let p = 10u64.pow(d);
    let frac = if d == 0 {
        String::new()
    } else {
        let f = (n % p).to_string();
        "0".repeat(d as usize - f.len()) + &f
    };
    Some(((n / p).to_string(), frac))
}

/// `value` with `decimals` places and comma thousands separators; "−" (U+2212) for negatives.
pub fn number(value: f64, decimals: u8) -> String {
    let Some((int, frac)) = digits(value, decimals) else {
        return if value.is_finite() { "very large".into() } else { "no data".into() };
    };
    let mut out = String::with_capacity(int.len() + frac.len() + 6);
    // A value that rounds to zero is shown without a sign.
    if value < 0.0 && (int.bytes().chain(frac.bytes())).any(|b| b != b'0') {
        out.push('\u{2212}');
    }
    let n = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(&frac);
    }
    out
}

/// `value` in scientific notation with `decimals` places in the mantissa, as `format!("{:.2e}")` writes it
/// ("1.23e-4"; a value on a rounding tie may differ in the last digit), without the float-printing machinery
/// `format!` would pull into the wasm.
pub fn scientific(value: f64, decimals: u8) -> String {
    if value == 0.0 || !value.is_finite() {
        return plain(value, decimals) + "e0";
    }
    let mut exp = value.abs().log10().floor() as i32;
    let mut mantissa = value / 10f64.powi(exp);
    // Rounding can carry the mantissa to 10 (9.999 → "10.00"): then it is 1.00 of the next power.
    if plain(mantissa.abs(), decimals).starts_with("10") {
        exp += 1;
        mantissa = value / 10f64.powi(exp);
    }
    format!("{}e{exp}", plain(mantissa, decimals))
}

/// A plain machine-readable number for CSV and SVG: no separators, ASCII minus, fixed decimals.
pub fn plain(value: f64, decimals: u8) -> String {
    let Some((int, frac)) = digits(value, decimals) else { return String::new() };
    let sign = if value < 0.0 && (int.bytes().chain(frac.bytes())).any(|b| b != b'0') { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

/// Parses a decimal number typed by a user or read from a file ("-12.5", "1e3", "+7"). Written by hand because
/// `str::parse::<f64>` brings 30 KB of tables into the wasm; this is exact for up to 15 significant digits.
pub fn parse_number(s: &str) -> Option<f64> {
    let b = s.trim().as_bytes();
    let (neg, mut i) = match b.first() {
        Some(b'-') => (true, 1),
        Some(b'+') => (false, 1),
        _ => (false, 0),
    };
    let (mut mantissa, mut exp, mut digits) = (0u64, 0i32, 0usize);
    let mut frac = false;
    while i < b.len() {
        match b[i] {
            c @ b'0'..=b'9' => {
                if mantissa < 100_000_000_000_000_000 {
                    mantissa = mantissa * 10 + u64::from(c - b'0');
                    if frac {
                        exp -= 1;
                    }
                } else if !frac {
                    exp += 1;
                }
                digits += 1;
            }
            b'.' if !frac => frac = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let rest = std::str::from_utf8(&b[i + 1..]).ok()?;
        let e: i32 = rest.parse().ok()?;
        exp = exp.checked_add(e)?;
        i = b.len();
    }
    if i != b.len() {
        return None;
    }
    let v = if exp >= 0 { mantissa as f64 * 10f64.powi(exp) } else { mantissa as f64 / 10f64.powi(-exp) };
    v.is_finite().then_some(if neg { -v } else { v })
}

/// The text with its first letter capitalised (ASCII only: Unicode case tables would cost 20 KB of wasm).
pub fn upper_first(s: &str) -> String {
    let mut out = s.to_string();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    out
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
        PeriodKind::Year | PeriodKind::Label => p.to_string(),
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
            (0.125, 2, "0.13"),
            (1234567.891, 2, "1,234,567.89"),
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

    /// `scientific` writes what `format!("{:.2e}")` writes (the page cannot afford the latter in the wasm).
    #[test]
    fn scientific_matches_rusts_exponent_format() {
        for v in [0.000_123_4, 0.000_999_9, 0.000_999_4, 1.5e-7, 3.0, 12_345.0, 0.0, -0.000_42, 9.96e-5] {
            assert_eq!(scientific(v, 2), format!("{v:.2e}"), "{v}");
        }
    }

    #[test]
    fn parses_numbers_like_a_person_types_them() {
        let cases = [
            ("12", Some(12.0)),
            ("-12.5", Some(-12.5)),
            ("+7", Some(7.0)),
            (" 0.001 ", Some(0.001)),
            ("1e3", Some(1000.0)),
            ("2.5E-2", Some(0.025)),
            (".5", Some(0.5)),
            ("5.", Some(5.0)),
        ];
        for (s, want) in cases {
            assert_eq!(parse_number(s), want, "{s}");
        }
        for bad in ["", "-", ".", "1.2.3", "12a", "1e", "e5", "1e999", "NaN", "inf", "1,000"] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
        assert_eq!(parse_number("61498822.4"), Some(61_498_822.4));
    }

    #[test]
    fn periods() {
        assert_eq!(period(PeriodKind::Month, "2022-10"), "Oct 2022");
        assert_eq!(period(PeriodKind::Month, "2022-13"), "2022-13");
        assert_eq!(period(PeriodKind::FinancialYear, "2022/23"), "FY 2022/23");
        assert_eq!(period(PeriodKind::Year, "2021"), "2021");
    }
}
