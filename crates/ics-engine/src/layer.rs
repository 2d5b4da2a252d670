//! A user's imports as a layer over the shipped frame: the engine and the views read indicators, measures and
//! sources through [`Layered`] (`Engine::catalogue()`), which gives the frame's own first and the user's after them, so index `k` (and the ids `user_1`, …)
//! mean the same as if the user's had been appended. The frame itself is never changed: only [`UserLayer`],
//! owned by the engine, grows. Nothing here reads outside data; an index past both parts is `None` from `get`.

use ics_data::dataset::{Frame, Indicator, Measure, Source};
use std::ops::{Deref, Index};

/// What a user imported into one engine: indicators, their measures and their sources, numbered after the
/// frame's (an imported indicator's formula and sources index the layered lists).
#[derive(Debug, Clone, Default)]
pub struct UserLayer {
    pub(crate) indicators: Vec<Indicator>,
    pub(crate) measures: Vec<Measure>,
    pub(crate) sources: Vec<Source>,
}

/// One list of the frame's followed by the user's: `get(k)` is the frame's `k`-th, or the user's
/// `k - frame's length`-th.
#[derive(Debug)]
pub struct Chained<'a, T> {
    shipped: &'a [T],
    user: &'a [T],
}

impl<T> Clone for Chained<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Chained<'_, T> {}

impl<'a, T> Chained<'a, T> {
    pub fn len(&self) -> usize {
        self.shipped.len() + self.user.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, k: usize) -> Option<&'a T> {
        self.shipped.get(k).or_else(|| self.user.get(k.checked_sub(self.shipped.len())?))
    }

    pub fn iter(&self) -> Iter<'a, T> {
        Iter { now: self.shipped.iter(), then: self.user }
    }
}

/// As a slice's: an index past the end is a bug in the caller (indexes come from the engine's own lists).
impl<T> Index<usize> for Chained<'_, T> {
    type Output = T;

    fn index(&self, k: usize) -> &T {
        match k.checked_sub(self.shipped.len()) {
            None => &self.shipped[k],
            Some(u) => &self.user[u],
        }
    }
}

/// A `Chained` list's items in order. Not `std::iter::Chain`, whose folds repeat each caller's loop once per
/// part: this one loop is smaller in the wasm build.
#[derive(Debug, Clone)]
pub struct Iter<'a, T> {
    now: std::slice::Iter<'a, T>,
    then: &'a [T],
}

impl<'a, T> Iterator for Iter<'a, T> {
    type Item = &'a T;

    fn next(&mut self) -> Option<&'a T> {
        match self.now.next() {
            Some(x) => Some(x),
            None => {
                self.now = std::mem::take(&mut self.then).iter();
                self.now.next()
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.now.len() + self.then.len();
        (n, Some(n))
    }
}

impl<T> ExactSizeIterator for Iter<'_, T> {}

/// As the list it stands for (a JSON array of the frame's items, then the user's).
impl<T: serde::Serialize> serde::Serialize for Chained<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'a, T> IntoIterator for Chained<'a, T> {
    type Item = &'a T;
    type IntoIter = Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a, T> IntoIterator for &Chained<'a, T> {
    type Item = &'a T;
    type IntoIter = Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// The frame as an engine sees it: the shipped frame (every other field, through `Deref`) with the user's
/// indicators, measures and sources after its own.
#[derive(Debug, Clone, Copy)]
pub struct Layered<'a> {
    frame: &'a Frame,
    pub indicators: Chained<'a, Indicator>,
    pub measures: Chained<'a, Measure>,
    pub sources: Chained<'a, Source>,
}

impl<'a> Layered<'a> {
    pub fn new(frame: &'a Frame, user: &'a UserLayer) -> Layered<'a> {
        Layered {
            frame,
            indicators: Chained { shipped: frame.shipped_indicators(), user: &user.indicators },
            measures: Chained { shipped: frame.shipped_measures(), user: &user.measures },
            sources: Chained { shipped: frame.shipped_sources(), user: &user.sources },
        }
    }

    /// The shipped frame alone.
    pub fn shipped(&self) -> &'a Frame {
        self.frame
    }

    pub fn indicator(&self, id: &str) -> Option<&'a Indicator> {
        self.indicators.get(self.indicator_index(id)?)
    }

    /// The number of indicator `id`, the frame's or the user's.
    pub fn indicator_index(&self, id: &str) -> Option<usize> {
        self.indicators.iter().position(|i| i.id == id)
    }

    pub fn measure(&self, id: &str) -> Option<&'a Measure> {
        self.measures.iter().find(|m| m.id == id)
    }
}

impl Deref for Layered<'_> {
    type Target = Frame;

    fn deref(&self) -> &Frame {
        self.frame
    }
}

#[cfg(test)]
mod tests {
    use crate::fixture;
    use crate::import::ImportedIndicator;
    use ics_data::dataset::{Domain, Formula, PeriodKind, Polarity};

    /// A user's two-period indicator with limits for the fixture's 4 ICSs.
    fn imported() -> ImportedIndicator {
        let v = |a: f64| vec![vec![Some(a), Some(a + 1.0), None, Some(a + 3.0)], vec![Some(a + 10.0), None, Some(a + 12.0), Some(a + 13.0)]];
        ImportedIndicator {
            name: "Screening uptake".into(),
            unit: Some("%".into()),
            period_kind: PeriodKind::Year,
            periods: vec!["2022".into(), "2023".into()],
            values: v(50.0),
            lower: Some(v(45.0)),
            upper: Some(v(55.0)),
            england: Some(vec![Some(51.5), Some(61.5)]),
            england_lower: None,
            england_upper: None,
            missing: vec![],
        }
    }

    #[test]
    fn imports_are_layered_after_the_frame_which_stays_as_made() {
        let shipped = fixture::dataset();
        let (n_ind, n_meas, n_src) = (shipped.shipped_indicators().len(), shipped.shipped_measures().len(), shipped.shipped_sources().len());
        assert_eq!((n_ind, n_meas, n_src), (7, 5, 1), "the fixture's own");
        let mut e = fixture::engine();
        let k = e.add_imported("uptake.csv", &imported());
        let k2 = e.add_imported("uptake.csv", &imported());
        // The user's are numbered after the frame's, as if appended: indicators 7 and 8, measures 5–7 and 8–10, sources 1 and 2.
        assert_eq!((k, k2, e.catalogue().indicators.len(), e.catalogue().measures.len(), e.catalogue().sources.len()), (7, 8, 9, 11, 3));
        let f = e.catalogue();
        assert_eq!((f.indicators[k].id.as_str(), f.indicators[k2].id.as_str()), ("user_1", "user_2"));
        assert_eq!(f.indicators[k2].formula, Formula::Given { value: 8, lower: Some(9), upper: Some(10) });
        assert_eq!(f.indicators[k2].sources, [2]);
        assert_eq!((f.measures[9].id.as_str(), f.measures[9].values[1][3]), ("user_2_lower95", Some(58.0)));
        assert_eq!((f.sources[2].dataset.as_str(), f.sources[0].id.as_str()), ("uptake.csv", shipped.shipped_sources()[0].id.as_str()));
        assert_eq!(
            f.indicators.iter().map(|i| i.domain == Domain::User).collect::<Vec<_>>(),
            [false, false, false, false, false, false, false, true, true]
        );
        assert_eq!((f.indicators.get(9), f.measures.get(11), f.sources.get(3)), (None, None, None));
        assert_eq!(f.indicator("user_2").map(|i| i.name.as_str()), Some("Screening uptake"));
        // Values read through the layer: the second period's 4th ICS is 50 + 13.
        let v = e.values_at(&f.indicators[k2], 1);
        assert_eq!((v.icss[3].value, v.icss[1].value, v.england.value), (Some(63.0), None, Some(61.5)));
        // Changing the user's indicators changes the layer only; the frame's own cannot be changed.
        e.set_user_text(k, "Renamed", "per cent");
        e.set_user_polarity(k, Polarity::HigherIsBetter);
        e.set_user_text(0, "Not mine", "x");
        e.update_imported(k2, &ImportedIndicator { lower: None, upper: None, ..imported() });
        assert_eq!((e.catalogue().indicators[k].name.as_str(), e.catalogue().indicators[k].polarity), ("Renamed", Polarity::HigherIsBetter));
        assert_eq!(
            (&e.catalogue().indicators[k2].formula, e.catalogue().measures.len()),
            (&Formula::Given { value: 8, lower: None, upper: None }, 11)
        );
        assert_eq!(e.catalogue().indicators[0], shipped.shipped_indicators()[0]);
        assert!(*e.frame() == shipped, "the frame is as the dataset made it");
    }
}
