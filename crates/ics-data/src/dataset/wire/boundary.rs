//! An ICS's outline on the wire: each ring one flat list, the first point then differences from the previous
//! point, in 0.0001° units. The reader refuses any point outside England; the writer is behind the `write`
//! feature and must never be compiled into the browser's build.

use crate::dataset::model::Boundary;
use crate::dataset::problem::Log;
use crate::format::plain;
use crate::json::Json;

/// England's extent in 0.0001° units, with a margin: any point outside is a damaged boundary.
const LON_RANGE: std::ops::RangeInclusive<i64> = -70_000..=20_000;
const LAT_RANGE: std::ops::RangeInclusive<i64> = 490_000..=560_000;

/// Reads `{"ics": i, "rings": [[x, y, dx, dy, …], …]}` (`n_icss`: the set's areas).
pub fn read(o: &Json, n_icss: usize, log: &mut Log) -> Option<Boundary> {
    let ics = log.index(o, "ics", n_icss)?;
    let mut rings = Vec::new();
    for (k, ring) in log.array(o, "rings")?.iter().enumerate() {
        let field = format!("rings[{k}]");
        let Some(nums) = ring.as_array() else {
            log.push(&field, format!("should be a list of numbers, found {}", ring.kind()));
            return None;
        };
        if nums.len() % 2 != 0 || nums.len() < 8 {
            log.push(&field, format!("has {} numbers; a ring needs pairs of coordinates, at least 4 points", nums.len()));
            return None;
        }
        let (mut x, mut y) = (0i64, 0i64);
        let mut pts = Vec::with_capacity(nums.len() / 2);
        for pair in nums.chunks(2) {
            let (Some(dx), Some(dy)) = (pair[0].as_i64(), pair[1].as_i64()) else {
                log.push(&field, "should hold whole numbers (0.0001° steps)");
                return None;
            };
            x = x.saturating_add(dx);
            y = y.saturating_add(dy);
            if !LON_RANGE.contains(&x) || !LAT_RANGE.contains(&y) {
                log.push(&field, format!("reaches ({}, {}), outside England", plain(x as f64 / 1e4, 4), plain(y as f64 / 1e4, 4)));
                return None;
            }
            pts.push([x as i32, y as i32]);
        }
        rings.push(pts);
    }
    Some(Boundary { ics, rings })
}

#[cfg(feature = "write")]
impl serde::Serialize for Boundary {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let rings: Vec<Vec<i32>> = self
            .rings
            .iter()
            .map(|ring| {
                let mut prev = [0, 0];
                ring.iter()
                    .flat_map(|p| {
                        let d = [p[0] - prev[0], p[1] - prev[1]];
                        prev = *p;
                        d
                    })
                    .collect()
            })
            .collect();
        let mut st = s.serialize_struct("Boundary", 2)?;
        st.serialize_field("ics", &self.ics)?;
        st.serialize_field("rings", &rings)?;
        st.end()
    }
}
