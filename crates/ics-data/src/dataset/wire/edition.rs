//! An edition on the wire: its description, local authorities, and its LSOA table (packed in [`super::lsoa`]).
//! The reader checks it against the dataset's area sets; the writer is behind the `write` feature and must never
//! be compiled into the browser's build.

use super::lsoa::{self, Layout};
use crate::dataset::load::{raw_len, short, sub_table};
use crate::dataset::model::*;
use crate::dataset::problem::Log;
use crate::json::Json;

/// Reads an edition (`sets`: the dataset's area sets, whose sub-ICB locations the table's assignments index).
pub fn read(o: &Json, sets: &[AreaSet], n_sources: usize, log: &mut Log) -> Option<Edition> {
    let id = log.text(o, "id")?;
    log.at("edition", Some(id.clone()));
    let Some(layout) = Layout::from_key(&id) else {
        log.push("id", format!("\"{id}\" is not an edition this version of ICS Explorer can read (imd2019, imd2025)"));
        return None;
    };
    let mut sources = Vec::new();
    for v in log.array(o, "sources")? {
        sources.push(log.index_value(v, "sources", n_sources)?);
    }
    let mut indices = Vec::new();
    for v in log.array(o, "indices")? {
        let Some(d) = v.as_str().and_then(Deprivation::from_key) else {
            log.push("indices", format!("{} is not an index of deprivation", short(v)));
            return None;
        };
        indices.push(d);
    }
    if indices != layout.indices() {
        log.push("indices", "do not match the table's columns");
        return None;
    }
    let utlas = sub_table(o, "utlas", log, |o, log| Some(Utla { code: log.text(o, "code")?, name: log.text(o, "name")? }));
    let n_utlas = raw_len(o, "utlas");
    log.at("edition", Some(id.clone()));
    let ltlas = sub_table(o, "ltlas", log, |o, log| {
        Some(Ltla { code: log.text(o, "code")?, name: log.text(o, "name")?, utla: log.index(o, "utla", n_utlas)? })
    });
    let n_ltlas = raw_len(o, "ltlas");
    log.at("edition", Some(id.clone()));
    if n_ltlas > 65_536 {
        log.push("ltlas", "has more local authorities than the LSOA table can index");
        return None;
    }
    let n_sicbls: Vec<usize> = sets.iter().map(|s| s.sicbls.len()).collect();
    let table = match o.get("lsoas") {
        Some(v) => lsoa::decode(v, layout, n_ltlas, &n_sicbls, log),
        None => {
            log.push("lsoas", "is missing");
            None
        }
    };
    log.at("edition", Some(id.clone()));
    let (lsoas, assignments) = table?;
    Some(Edition {
        name: log.text(o, "name")?,
        short: log.text(o, "short")?,
        year: log.text(o, "year")?,
        lsoa: log.text(o, "lsoa")?,
        population: log.text(o, "population")?,
        population_year: log.text(o, "population_year")?,
        age_85_plus: log.bool(o, "age_85_plus")?,
        id,
        sources,
        indices,
        utlas: utlas?,
        ltlas: ltlas?,
        lsoas,
        assignments,
    })
}

/// Written as `{id, name, short, year, lsoa, population, population_year, sources, indices, age_85_plus, utlas,
/// ltlas, lsoas}`, `lsoas` being the packed table (see `lsoa::Table`).
#[cfg(feature = "write")]
impl serde::Serialize for Edition {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeStruct};
        let table = lsoa::table(self).map_err(S::Error::custom)?;
        let mut st = s.serialize_struct("Edition", 13)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("name", &self.name)?;
        st.serialize_field("short", &self.short)?;
        st.serialize_field("year", &self.year)?;
        st.serialize_field("lsoa", &self.lsoa)?;
        st.serialize_field("population", &self.population)?;
        st.serialize_field("population_year", &self.population_year)?;
        st.serialize_field("sources", &self.sources)?;
        st.serialize_field("indices", &self.indices)?;
        st.serialize_field("age_85_plus", &self.age_85_plus)?;
        st.serialize_field("utlas", &self.utlas)?;
        st.serialize_field("ltlas", &self.ltlas)?;
        st.serialize_field("lsoas", &table)?;
        st.end()
    }
}
