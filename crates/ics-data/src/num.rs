//! Float helpers for browser code, where the standard library's own would cost more than they do.
//!
//! `f64::clamp` asserts `min <= max` and formats both with `{:?}` when it fails, which links the whole float
//! printer (about 17 KB) into the wasm and can panic on a chart whose bounds have crossed. Never add anything here
//! that formats a float.

/// `x` limited to `lo..=hi`, as `f64::clamp`, but total: NaN stays NaN, and crossed bounds (`lo > hi`) give `lo`
/// or `hi` instead of a panic.
pub fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    if x < lo {
        lo
    } else if x > hi {
        hi
    } else {
        x
    }
}

#[cfg(test)]
mod tests {
    use super::clamp;

    #[test]
    fn clamp_agrees_with_std_where_std_is_defined() {
        for (x, lo, hi) in [(5.0, 0.0, 1.0), (-5.0, 0.0, 1.0), (0.5, 0.0, 1.0), (1.0, 1.0, 1.0), (-0.0, 0.0, 2.0)] {
            assert_eq!(clamp(x, lo, hi).to_bits(), x.clamp(lo, hi).to_bits(), "{x} in {lo}..={hi}");
        }
        assert!(clamp(f64::NAN, 0.0, 1.0).is_nan());
        // Where std panics: crossed bounds.
        assert_eq!((clamp(5.0, 3.0, 1.0), clamp(-5.0, 3.0, 1.0), clamp(2.0, 3.0, 1.0)), (1.0, 3.0, 3.0));
    }
}
