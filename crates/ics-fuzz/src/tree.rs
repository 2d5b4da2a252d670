//! Structure-aware changes to a shipped file: it is read into a JSON tree once, and each input makes a few
//! changes at nodes it picks (a number made extreme, a string emptied or borrowed from elsewhere, an array entry
//! removed or repeated, an object member dropped, moved or renamed, a value of another type). The changed tree
//! goes to the reader behind the JSON parser, as a tree the parser could have made: numbers stay finite and no
//! key appears twice. Random bytes alone almost never get past the JSON parser; these reach every check behind it.

use crate::bytes::Bytes;
use ics_data::json::{self, Json};
use ics_data::testdata;
use std::sync::OnceLock;

/// The core file, `dataset.json`.
pub fn dataset() -> &'static Json {
    static TREE: OnceLock<Json> = OnceLock::new();
    TREE.get_or_init(|| json::parse(testdata::core_json()).expect("the shipped dataset is JSON"))
}

/// The IMD 2019 edition, shipped apart (`imd2019.json`'s `edition`): the other layout of the LSOA table.
pub fn edition_2019() -> &'static Json {
    static TREE: OnceLock<Json> = OnceLock::new();
    TREE.get_or_init(|| {
        let file = json::parse(testdata::imd2019_json()).expect("imd2019.json is JSON");
        file.get("edition").cloned().expect("imd2019.json has an edition")
    })
}

/// The number of nodes in the tree (the tree's own size, for picking one).
fn count(j: &Json) -> usize {
    1 + match j {
        Json::Arr(a) => a.iter().map(count).sum(),
        Json::Obj(m) => m.iter().map(|(_, v)| count(v)).sum(),
        _ => 0,
    }
}

/// The node `k` in pre-order (counting down `k` on the way).
fn nth<'a>(j: &'a mut Json, k: &mut usize) -> Option<&'a mut Json> {
    if *k == 0 {
        return Some(j);
    }
    *k -= 1;
    match j {
        Json::Arr(a) => a.iter_mut().find_map(|v| nth(v, k)),
        Json::Obj(m) => m.iter_mut().find_map(|(_, v)| nth(v, k)),
        _ => None,
    }
}

const NUMBERS: [f64; 10] = [0.0, -1.0, 1.0, 0.5, 255.0, 65_536.0, 4_294_967_296.0, 1e300, -1e300, 9_007_199_254_740_993.0];
const STRINGS: [&str; 8] = ["", "E54000057", "QOP", "2023/24", "imd2019", "icb22", "\u{0}", "ÿÿÿÿ"];

fn change(b: &mut Bytes, j: &mut Json) {
    match (b.byte() % 4, &mut *j) {
        (0, _) => {
            *j = match b.byte() % 6 {
                0 => Json::Null,
                1 => Json::Bool(b.flag()),
                2 => Json::Num(NUMBERS[b.below(NUMBERS.len())]),
                3 => Json::Str(STRINGS[b.below(STRINGS.len())].to_string()),
                4 => Json::Arr(Vec::new()),
                _ => Json::Obj(Vec::new()),
            }
        }
        (_, Json::Num(x)) => *x = if b.flag() { NUMBERS[b.below(NUMBERS.len())] } else { *x + f64::from(b.byte()) - 128.0 },
        (_, Json::Str(s)) => match b.byte() % 3 {
            0 => *s = STRINGS[b.below(STRINGS.len())].to_string(),
            1 => s.truncate(s.char_indices().nth(b.below(s.chars().count() + 1)).map_or(s.len(), |(i, _)| i)),
            _ => s.push_str(&b.text(&STRINGS)),
        },
        (_, Json::Arr(a)) if !a.is_empty() => {
            let (k, other) = (b.below(a.len()), b.below(a.len()));
            match b.byte() % 4 {
                0 => drop(a.remove(k)),
                1 => a.insert(k, a[k].clone()),
                2 => a.truncate(k),
                _ => a.swap(k, other),
            }
        }
        (_, Json::Obj(m)) if !m.is_empty() => {
            let k = b.below(m.len());
            match b.byte() % 3 {
                0 => drop(m.remove(k)),
                1 => {
                    let member = m.remove(k);
                    m.push(member);
                }
                _ => {
                    let name = b.text(&["id", "code", "values", "schema_version", ""]);
                    if m.iter().all(|(key, _)| *key != name) {
                        m[k].0 = name;
                    }
                }
            }
        }
        _ => {}
    }
}

/// `base` with one to eight changes.
pub fn mutated(base: &Json, b: &mut Bytes) -> Json {
    let mut tree = base.clone();
    for _ in 0..1 + b.byte() % 8 {
        let k = b.below(count(&tree));
        // Deeper nodes are most of the tree; also aim at the upper levels, where whole tables are.
        let k = if b.flag() { k % 64 } else { k };
        if let Some(node) = nth(&mut tree, &mut { k }) {
            change(b, node);
        }
    }
    tree
}
