//! The one hot loop of ICS Explorer: LSOA columns summed into groups (ICSs, local authorities, deciles…).
//!
//! It is a crate of its own only so that it can be compiled for speed (opt-level 3) while the rest of the wasm
//! build is compiled for size: `scripts/bench.sh` measured the size-optimised loop at a third of this speed.
//! It is deliberately non-generic at its public edge, so its machine code is generated here, under this
//! crate's settings, not in the caller's. It knows nothing about datasets, areas or the page, and never
//! allocates per row or panics on its input: bad rows and keys are skipped.

/// The LSOA columns summed: borrowed from the dataset or from any table of the same shape (the benchmark's
/// synthetic ones). Deciles are 1 to 10; a row with any other value is left out of that index's deciles.
pub struct Columns<'a> {
    /// National decile (1 = most deprived) of each of the 10 indices of deprivation.
    pub deciles: [&'a [u8]; 10],
    /// Residents by age band: 0–15, 16–64, 65–74, 75–84, 85+.
    pub population: [&'a [u16]; 5],
    /// Scores in thousandths: the IMD score, the income and employment deprivation rates.
    pub imd_score: &'a [u32],
    pub income_rate: &'a [u16],
    pub employment_rate: &'a [u16],
}

/// Which group each row goes to.
#[derive(Clone, Copy)]
pub enum Keys<'a> {
    /// Group `keys[r]`.
    U8(&'a [u8]),
    U16(&'a [u16]),
    /// Group `column[r] - 1`: rows grouped by a decile column.
    DecileOf(&'a [u8]),
    /// Every row in group 0.
    One,
}

/// Which rows to sum.
#[derive(Clone, Copy)]
pub enum Rows<'a> {
    All,
    Only(&'a [usize]),
}

/// Exact sums for one group.
#[derive(Debug, Clone, PartialEq)]
pub struct Sums {
    pub rows: u32,
    /// `[index * 10 + decile - 1]`: `[rows, residents, children (0–15), older people (65+)]`.
    pub deciles: [[u64; 4]; 100],
    /// Residents by age band.
    pub population: [u64; 5],
    /// Residents × score (thousandths), for population-weighted means.
    pub weighted_scores: [u64; 3],
}

impl Default for Sums {
    fn default() -> Self {
        Sums { rows: 0, deciles: [[0; 4]; 100], population: [0; 5], weighted_scores: [0; 3] }
    }
}

/// Sums `rows` of `cols` into `groups` groups by `keys`. Rows past the end of any column, and rows whose key
/// is `groups` or more, are skipped. Columns of unequal length are cut to the shortest.
pub fn sum(cols: &Columns, rows: Rows, keys: Keys, groups: usize) -> Vec<Sums> {
    let get = |k: Option<&u8>| k.map_or(usize::MAX, |&g| usize::from(g));
    match keys {
        Keys::U8(k) => run(cols, rows, groups, |r| get(k.get(r))),
        Keys::U16(k) => run(cols, rows, groups, |r| k.get(r).map_or(usize::MAX, |&g| usize::from(g))),
        Keys::DecileOf(k) => run(cols, rows, groups, |r| get(k.get(r)).wrapping_sub(1)),
        Keys::One => run(cols, rows, groups, |_| 0),
    }
}

/// The loop adds integers, two quantities per 64-bit word: for each index's decile, `1 + residents << 32` and
/// `children + older << 32`, so a row costs 20 additions instead of 40. A group's packed words are unpacked
/// into wide totals before a low half could overflow, so the sums are exact for any number of rows.
#[inline(always)]
fn run(cols: &Columns, rows: Rows, groups: usize, key: impl Fn(usize) -> usize) -> Vec<Sums> {
    let n = cols
        .deciles
        .iter()
        .map(|c| c.len())
        .chain(cols.population.iter().map(|c| c.len()))
        .chain([cols.imd_score.len(), cols.income_rate.len(), cols.employment_rate.len()])
        .min()
        .unwrap_or(0);
    // Cut to one length, so one `r < n` test covers every column.
    let [d0, d1, d2, d3, d4, d5, d6, d7, d8, d9] = cols.deciles.map(|c| &c[..n]);
    let [p0, p1, p2, p3, p4] = cols.population.map(|c| &c[..n]);
    let (s0, s1, s2) = (&cols.imd_score[..n], &cols.income_rate[..n], &cols.employment_rate[..n]);
    let mut acc: Vec<Acc> = (0..groups).map(|_| Acc::default()).collect();
    let mut add_row = |r: usize| {
        let Some(a) = acc.get_mut(key(r)) else { return };
        let b = [u64::from(p0[r]), u64::from(p1[r]), u64::from(p2[r]), u64::from(p3[r]), u64::from(p4[r])];
        let older = b[2] + b[3] + b[4];
        let residents = b[0] + b[1] + older;
        let w = Pair::new(1 | residents << 32, b[0] | older << 32);
        a.add(0, d0[r], w);
        a.add(1, d1[r], w);
        a.add(2, d2[r], w);
        a.add(3, d3[r], w);
        a.add(4, d4[r], w);
        a.add(5, d5[r], w);
        a.add(6, d6[r], w);
        a.add(7, d7[r], w);
        a.add(8, d8[r], w);
        a.add(9, d9[r], w);
        a.bands[0] += b[0] | b[1] << 32;
        a.bands[1] += b[2] | b[3] << 32;
        a.population[4] += b[4];
        a.scores[0] += residents * u64::from(s0[r]);
        a.scores[1] += residents * u64::from(s1[r]);
        a.scores[2] += residents * u64::from(s2[r]);
        a.pending += 1;
        if a.pending == Acc::FLUSH_EVERY {
            a.flush();
        }
    };
    match rows {
        Rows::All => (0..n).for_each(&mut add_row),
        Rows::Only(rs) => rs.iter().filter(|&&r| r < n).for_each(|&r| add_row(r)),
    }
    acc.into_iter().map(Acc::finish).collect()
}

/// Two 64-bit running sums added together: one `i64x2.add` where the wasm build enables SIMD (scripts/build.sh
/// does; every current browser runs it), two plain additions elsewhere.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod pair {
    use core::arch::wasm32::{i64x2_add, u64x2, u64x2_extract_lane, v128};

    #[derive(Clone, Copy)]
    pub struct Pair(v128);

    impl Pair {
        pub const ZERO: Pair = Pair(u64x2(0, 0));

        #[inline(always)]
        pub fn new(a: u64, b: u64) -> Pair {
            Pair(u64x2(a, b))
        }

        #[inline(always)]
        pub fn add(&mut self, w: Pair) {
            self.0 = i64x2_add(self.0, w.0);
        }

        pub fn lanes(self) -> [u64; 2] {
            [u64x2_extract_lane::<0>(self.0), u64x2_extract_lane::<1>(self.0)]
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod pair {
    #[derive(Clone, Copy)]
    pub struct Pair([u64; 2]);

    impl Pair {
        pub const ZERO: Pair = Pair([0; 2]);

        #[inline(always)]
        pub fn new(a: u64, b: u64) -> Pair {
            Pair([a, b])
        }

        #[inline(always)]
        pub fn add(&mut self, w: Pair) {
            self.0[0] += w.0[0];
            self.0[1] += w.0[1];
        }

        pub fn lanes(self) -> [u64; 2] {
            self.0
        }
    }
}

use pair::Pair;

/// One group's running sums.
struct Acc {
    /// `[index][decile & 15]`: `[rows + residents << 32, children + older << 32]` since the last flush. Slots
    /// 0 and 11 to 15 catch values that are not deciles, so the loop needs no range check.
    packed: [[Pair; 16]; 10],
    /// Flushed totals, `[index * 10 + decile - 1][weight]`.
    wide: [[u64; 4]; 100],
    /// Age bands 0–15 + 16–64 << 32 and 65–74 + 75–84 << 32 since the last flush.
    bands: [u64; 2],
    population: [u64; 5],
    scores: [u64; 3],
    rows: u32,
    pending: u32,
}

impl Default for Acc {
    fn default() -> Self {
        Acc { packed: [[Pair::ZERO; 16]; 10], wide: [[0; 4]; 100], bands: [0; 2], population: [0; 5], scores: [0; 3], rows: 0, pending: 0 }
    }
}

impl Acc {
    /// A row adds at most 5 × 65,535 residents to a 32-bit half: this many rows cannot overflow one.
    const FLUSH_EVERY: u32 = u32::MAX / (5 * 65_535) - 1;

    #[inline(always)]
    fn add(&mut self, index: usize, decile: u8, w: Pair) {
        self.packed[index][usize::from(decile & 15)].add(w);
    }

    fn flush(&mut self) {
        const LOW: u64 = 0xFFFF_FFFF;
        for (k, w) in self.wide.iter_mut().enumerate() {
            let p = &mut self.packed[k / 10][k % 10 + 1];
            let [a, b] = p.lanes();
            w[0] += a & LOW;
            w[1] += a >> 32;
            w[2] += b & LOW;
            w[3] += b >> 32;
            *p = Pair::ZERO;
        }
        for (i, b) in std::mem::take(&mut self.bands).into_iter().enumerate() {
            self.population[2 * i] += b & LOW;
            self.population[2 * i + 1] += b >> 32;
        }
        self.rows += self.pending;
        self.pending = 0;
    }

    fn finish(mut self) -> Sums {
        self.flush();
        Sums { rows: self.rows, deciles: self.wide, population: self.population, weighted_scores: self.scores }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three rows, two groups, checked by hand; then the same rows 40,000 times over, past the flush point.
    #[test]
    fn sums_are_exact_by_hand_and_past_the_flush() {
        let dec = [1u8, 10, 3];
        let bands: [[u16; 3]; 5] = [[10, 0, 65535], [20, 1, 65535], [30, 0, 65535], [0, 0, 65535], [5, 0, 65535]];
        let cols = Columns {
            deciles: [&dec[..]; 10],
            population: bands.each_ref().map(|b| &b[..]),
            imd_score: &[1000, 2500, 0],
            income_rate: &[100, 0, 7],
            employment_rate: &[0, 0, 1],
        };
        let keys = [0u8, 1, 0];
        let s = sum(&cols, Rows::All, Keys::U8(&keys), 2);
        assert_eq!(s[0].rows, 2);
        assert_eq!(s[0].population, [10 + 65535, 20 + 65535, 30 + 65535, 65535, 5 + 65535]);
        // Row 0: decile 1, 65 residents, 10 children, 35 older; row 2: decile 3, 327,675 residents.
        assert_eq!(s[0].deciles[0], [1, 65, 10, 35]);
        assert_eq!(s[0].deciles[2], [1, 327_675, 65535, 196_605]);
        assert_eq!(s[0].deciles[9 * 10 + 2], [1, 327_675, 65535, 196_605]);
        assert_eq!(s[0].weighted_scores, [65 * 1000, 65 * 100 + 327_675 * 7, 327_675]);
        assert_eq!(s[1].deciles[9], [1, 1, 0, 0]);
        assert_eq!(s[1].weighted_scores, [2500, 0, 0]);
        // Past FLUSH_EVERY rows of the largest possible residents: still exact.
        let rows: Vec<usize> = std::iter::repeat_n(2, 40_000).collect();
        let big = sum(&cols, Rows::Only(&rows), Keys::One, 1);
        assert_eq!(big[0].deciles[2], [40_000, 40_000 * 327_675, 40_000 * 65535, 40_000 * 196_605]);
        // A value that is not a decile is left out of that index's deciles.
        let odd = [0u8, 11, 255];
        let cols2 = Columns { deciles: [&odd[..]; 10], ..cols };
        assert_eq!(sum(&cols2, Rows::All, Keys::One, 1)[0].deciles, [[0; 4]; 100]);
        // Grouped by decile; rows and keys out of range are skipped, never a panic.
        let by = sum(&cols, Rows::Only(&[0, 1, 2, 99]), Keys::DecileOf(&dec), 3);
        assert_eq!((by[0].rows, by[1].rows, by[2].rows), (1, 0, 1));
        assert_eq!(sum(&cols, Rows::All, Keys::U16(&[5, 5]), 2)[0].rows, 0);
    }
}
