//! Deprivation peers: for one ICS, its k nearest ICSs on a deprivation profile, by a transparent
//! CIPFA-style method. Each feature is standardised across the ICSs (z-scores), distances are weighted
//! Euclidean, and every peer comes with each feature's contribution so the page can show why it is a peer.

use super::aggregate::Level;
use super::{Engine, EngineError};
use ics_data::dataset::{Deprivation, Score, Weight};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PeerBasis {
    /// Share of residents in each national IMD decile (10 features).
    Deciles,
    /// Core20 population share and population-weighted mean IMD score (2 features). The default: the NHS's
    /// own measure of deprivation (Core20PLUS5) and the overall level, in units people read. With ten decile
    /// features, eight describe the less deprived deciles, and two ICSs with the same Core20 share can be far
    /// apart on how their deprived residents split between deciles 1 and 2 (Birmingham and Solihull and the
    /// Black Country: 58% of their distance).
    #[default]
    Core20Score,
}

names!(PeerBasis {
    Deciles => "deciles", "population share in each national IMD decile",
    Core20Score => "core20_score", "Core20 share and average IMD score",
});

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeerSettings {
    pub basis: PeerBasis,
    /// How many peers (1 to 15).
    pub k: usize,
    /// Add log(population) as a feature.
    pub log_population: bool,
    /// Add a distance of 1 (one standard deviation) between ICSs in different NHS regions.
    pub region: bool,
}

fn default_k() -> usize {
    5
}

pub const MAX_PEERS: usize = 15;

impl Default for PeerSettings {
    fn default() -> Self {
        PeerSettings { basis: PeerBasis::default(), k: default_k(), log_population: false, region: false }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Feature {
    pub label: String,
    pub weight: f64,
    /// Mean and standard deviation across ICSs, used to standardise.
    pub mean: f64,
    pub sd: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Peer {
    pub ics: usize,
    pub distance: f64,
    /// Distance divided by the distance to the farthest ICS (CIPFA's rebasing): 0 = identical, 1 = farthest.
    pub scaled: f64,
    /// Each feature's contribution to the squared distance, w·Δz², in `Peers::features` order.
    pub contributions: Vec<f64>,
    /// The peer's raw feature values.
    pub values: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Peers {
    pub ics: usize,
    pub settings: PeerSettings,
    pub features: Vec<Feature>,
    /// The selected ICS's raw feature values.
    pub values: Vec<f64>,
    /// Nearest first; never includes the selected ICS.
    pub peers: Vec<Peer>,
    /// The nearest ICS that is not a peer (the k+1th), so the page can say what kept it out.
    pub next: Option<Peer>,
    /// A plain-language statement of the method.
    pub method: String,
}

impl Engine {
    /// Raw feature values (rows: ICS; columns: features) and their labels and weights.
    fn peer_features(&self, s: &PeerSettings) -> (Vec<Vec<f64>>, Vec<(String, f64)>) {
        let areas = self.areas(Level::Ics);
        let mut labels: Vec<(String, f64)> = Vec::new();
        let mut rows: Vec<Vec<f64>> = vec![Vec::new(); areas.len()];
        match s.basis {
            PeerBasis::Deciles => {
                for d in 1..=10 {
                    labels.push((format!("% of residents in IMD decile {d}"), 1.0));
                }
                for (row, a) in rows.iter_mut().zip(areas) {
                    row.extend(a.decile_shares(Deprivation::Imd, Weight::Population));
                }
            }
            PeerBasis::Core20Score => {
                labels.push(("Core20: % of residents in the most deprived 20%".into(), 1.0));
                labels.push(("Average IMD score".into(), 1.0));
                for (row, a) in rows.iter_mut().zip(areas) {
                    row.push(a.deprived_share(Deprivation::Imd, 2, Weight::Population));
                    row.push(a.mean_score(Score::Imd));
                }
            }
        }
        if s.log_population {
            labels.push(("log of population".into(), 1.0));
            for (row, p) in rows.iter_mut().zip(self.population()) {
                row.push(p.map_or(f64::NAN, f64::ln));
            }
        }
        (rows, labels)
    }

    pub fn peers(&self, ics: usize, s: &PeerSettings) -> Result<Peers, EngineError> {
        let n = self.ds.icss.len();
        if ics >= n {
            return Err(EngineError(format!("no ICS number {ics}")));
        }
        if !(1..=MAX_PEERS).contains(&s.k) {
            return Err(EngineError(format!("the number of peers must be from 1 to {MAX_PEERS}, not {}", s.k)));
        }
        let (raw, labels) = self.peer_features(s);
        let nf = labels.len();
        let mut features = Vec::with_capacity(nf);
        let mut z = vec![vec![0.0; nf]; n];
        for f in 0..nf {
            let col: Vec<f64> = raw.iter().map(|r| r[f]).filter(|x| x.is_finite()).collect();
            let mean = col.iter().sum::<f64>() / col.len().max(1) as f64;
            let sd = (col.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (col.len().max(2) - 1) as f64).sqrt();
            for i in 0..n {
                // A missing value, or a feature with no spread, sits at the mean (CIPFA-style imputation).
                z[i][f] = if raw[i][f].is_finite() && sd > 0.0 { (raw[i][f] - mean) / sd } else { 0.0 };
            }
            features.push(Feature { label: labels[f].0.clone(), weight: labels[f].1, mean, sd });
        }
        let region_w = if s.region { 1.0 } else { 0.0 };
        let mut all: Vec<Peer> = (0..n)
            .filter(|&j| j != ics)
            .map(|j| {
                let mut contributions: Vec<f64> = (0..nf).map(|f| features[f].weight * (z[ics][f] - z[j][f]).powi(2)).collect();
                if s.region {
                    contributions.push(if self.ds.icss[j].region == self.ds.icss[ics].region { 0.0 } else { region_w });
                }
                let distance = contributions.iter().sum::<f64>().sqrt();
                let mut values = raw[j].clone();
                if s.region {
                    values.push(f64::from(u8::from(self.ds.icss[j].region != self.ds.icss[ics].region)));
                }
                Peer { ics: j, distance, scaled: 0.0, contributions, values }
            })
            .collect();
        if s.region {
            features.push(Feature { label: "in a different NHS region".into(), weight: region_w, mean: f64::NAN, sd: f64::NAN });
        }
        let farthest = all.iter().map(|p| p.distance).fold(0.0, f64::max);
        for p in &mut all {
            p.scaled = if farthest > 0.0 { p.distance / farthest } else { 0.0 };
        }
        let order = ics_data::sort::order(all.len(), &|a, b| all[a].distance.total_cmp(&all[b].distance).then(all[a].ics.cmp(&all[b].ics)));
        let mut all = ics_data::sort::apply(&all, &order);
        let next = all.get(s.k).cloned();
        all.truncate(s.k);
        let mut values = raw[ics].clone();
        if s.region {
            values.push(0.0);
        }
        let mut extras = Vec::new();
        if s.log_population {
            extras.push("log population");
        }
        if s.region {
            extras.push("a penalty of one standard deviation for a different NHS region");
        }
        let method = format!(
            "The {} ICSs nearest to {} on {}{}: each feature is standardised across the {n} ICSs (z-scores), and distance is the square root of the sum of squared differences (equal weights).",
            s.k,
            self.ds.icss[ics].short_name,
            s.basis.label(),
            if extras.is_empty() { String::new() } else { format!(", with {}", extras.join(" and ")) },
        );
        Ok(Peers { ics, settings: s.clone(), features, values, peers: all, next, method })
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    #[test]
    fn peers_exclude_self_are_sorted_and_explain_themselves() {
        let e = fixture::engine();
        let s = PeerSettings { basis: PeerBasis::Core20Score, k: 3, ..PeerSettings::default() };
        let p = e.peers(2, &s).unwrap();
        assert_eq!(p.peers.len(), 3);
        assert!(p.peers.iter().all(|x| x.ics != 2));
        assert!(p.peers.windows(2).all(|w| w[0].distance <= w[1].distance));
        // Contributions add up to the squared distance, and the farthest ICS is rebased to 1.
        for x in &p.peers {
            assert!((x.contributions.iter().sum::<f64>() - x.distance.powi(2)).abs() < 1e-12);
        }
        assert_eq!(p.peers.last().unwrap().scaled, 1.0);
        // Gamma (mean IMD 6.5, Core20 0%) is nearest to Delta (15, 0%), then Beta (20, 0%), then Alpha.
        assert_eq!(p.peers.iter().map(|x| x.ics).collect::<Vec<_>>(), [3, 1, 0]);
        assert!(p.method.contains("nearest to Gamma on Core20 share and average IMD score"));
    }

    #[test]
    fn worked_example_of_a_distance() {
        // Core20 shares (75, 0, 0, 0): mean 18.75, sd 37.5. IMD means: A (50·100+40·200+20·100)/400 = 37.5,
        // B 20, C 6.5, D 15: mean 19.75, sd 12.9776. Distance A–B = √(((75−0)/37.5)² + ((37.5−20)/12.9776)²).
        let e = fixture::engine();
        let p = e.peers(0, &PeerSettings { basis: PeerBasis::Core20Score, k: 1, ..PeerSettings::default() }).unwrap();
        let sd: f64 = ((17.75f64.powi(2) + 0.25f64.powi(2) + 13.25f64.powi(2) + 4.75f64.powi(2)) / 3.0).sqrt();
        let want = (2.0f64.powi(2) + (17.5 / sd).powi(2)).sqrt();
        assert_eq!(p.peers[0].ics, 1);
        assert!((p.peers[0].distance - want).abs() < 1e-9, "{} vs {want}", p.peers[0].distance);
    }

    #[test]
    fn the_region_option_adds_a_visible_penalty() {
        let e = fixture::engine();
        let s = PeerSettings { basis: PeerBasis::Deciles, k: 3, log_population: true, region: true };
        let p = e.peers(0, &s).unwrap();
        assert_eq!(p.features.len(), 12);
        assert_eq!(p.features.last().unwrap().label, "in a different NHS region");
        for x in &p.peers {
            let penalty = *x.contributions.last().unwrap();
            assert_eq!(penalty, if e.frame().icss[x.ics].region == 0 { 0.0 } else { 1.0 });
        }
        assert!(e.peers(0, &PeerSettings { k: 0, ..s.clone() }).is_err());
        assert!(e.peers(0, &PeerSettings { k: 16, ..s }).is_err());
    }
}
