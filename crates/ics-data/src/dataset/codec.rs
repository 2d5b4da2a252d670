//! Compact column encodings for the LSOA table: little-endian integers packed into bytes, carried as base64
//! text inside the JSON, so 32,844 rows cost bytes per value instead of repeated keys.
//!
//! On the wire a column is `base64(deflate(planes(pack(values))))`: packed little-endian integers, split into byte
//! planes (all first bytes, then all second bytes…) so that deflate sees the slowly varying high bytes together,
//! then compressed with raw DEFLATE (RFC 1951). Any language can read it with a standard inflate.
//!
//! Decoding is total: wrong lengths, bad characters, corrupt or oversized deflate streams and values out of
//! range are errors, never panics. Encoding (packing, planes, Zopfli, base64 out) is behind the `write` feature
//! and must never be compiled into the browser's build.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

#[cfg(feature = "write")]
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// 6-bit values of the base64 alphabet; 64 marks any other byte.
const DECODE: [u8; 256] = {
    let mut t = [64u8; 256];
    let mut i = 0;
    while i < 64 {
        t[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    t
};

pub fn base64_decode(text: &str) -> Result<Vec<u8>, String> {
    let t = text.as_bytes();
    if t.len() % 4 != 0 {
        return Err(format!("is {} characters of base64, not a multiple of 4: the text is truncated", t.len()));
    }
    let pad = t.iter().rev().take(2).take_while(|&&c| c == b'=').count();
    let body = &t[..t.len() - pad];
    let mut out = Vec::with_capacity(t.len() / 4 * 3);
    // Whole groups of four in one step (a lookup each); the last, partial group below.
    let whole = body.len() / 4 * 4;
    for (ci, chunk) in body[..whole].chunks_exact(4).enumerate() {
        let v = [DECODE[chunk[0] as usize], DECODE[chunk[1] as usize], DECODE[chunk[2] as usize], DECODE[chunk[3] as usize]];
        if (v[0] | v[1] | v[2] | v[3]) & 64 != 0 {
            return Err(invalid(body, ci * 4));
        }
        let n = (u32::from(v[0]) << 18) | (u32::from(v[1]) << 12) | (u32::from(v[2]) << 6) | u32::from(v[3]);
        out.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8]);
    }
    let rest = &body[whole..];
    if !rest.is_empty() {
        let mut n = 0u32;
        for (i, &c) in rest.iter().enumerate() {
            let v = DECODE[c as usize];
            if v & 64 != 0 {
                return Err(invalid(body, whole + i));
            }
            n |= u32::from(v) << (18 - 6 * i);
        }
        out.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8][..rest.len() - 1]);
    }
    Ok(out)
}

fn invalid(body: &[u8], from: usize) -> String {
    let at = from + body[from..].iter().position(|&c| DECODE[c as usize] & 64 != 0).unwrap_or(0);
    if body[at] == b'=' {
        format!("has base64 data after padding at position {at}")
    } else {
        format!("has an invalid base64 character at position {at}")
    }
}

/// How a column's integers are laid out in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Packing {
    /// Two values from 0 to 15 per byte, low nibble first.
    U4,
    U8,
    U16,
    U24,
    /// Unsigned LEB128 varints of the differences from the previous value (first from 0): for sorted codes.
    DeltaVarint,
}

impl Packing {
    pub fn name(self) -> &'static str {
        match self {
            Packing::U4 => "u4",
            Packing::U8 => "u8",
            Packing::U16 => "u16",
            Packing::U24 => "u24",
            Packing::DeltaVarint => "delta-varint",
        }
    }

    pub fn from_name(s: &str) -> Option<Packing> {
        [Packing::U4, Packing::U8, Packing::U16, Packing::U24, Packing::DeltaVarint].into_iter().find(|p| p.name() == s)
    }

    /// Bytes per value for fixed-width packings (the number of byte planes); 1 for the others.
    pub fn width(self) -> usize {
        match self {
            Packing::U16 => 2,
            Packing::U24 => 3,
            _ => 1,
        }
    }

    #[cfg(feature = "write")]
    fn max(self) -> u32 {
        match self {
            Packing::U4 => 15,
            Packing::U8 => 0xff,
            Packing::U16 => 0xffff,
            Packing::U24 => 0xff_ffff,
            Packing::DeltaVarint => u32::MAX,
        }
    }
}

/// Packs `values`; errors if one does not fit (the build step reports it).
#[cfg(feature = "write")]
pub fn pack(values: &[u32], p: Packing) -> Result<Vec<u8>, String> {
    if let Some(v) = values.iter().find(|&&v| v > p.max()) {
        return Err(format!("value {v} does not fit in {}", p.name()));
    }
    let mut out = Vec::new();
    match p {
        Packing::U4 => {
            for pair in values.chunks(2) {
                out.push((pair[0] | (pair.get(1).copied().unwrap_or(0) << 4)) as u8);
            }
        }
        Packing::U8 => out.extend(values.iter().map(|&v| v as u8)),
        Packing::U16 => values.iter().for_each(|&v| out.extend_from_slice(&(v as u16).to_le_bytes())),
        Packing::U24 => values.iter().for_each(|&v| out.extend_from_slice(&v.to_le_bytes()[..3])),
        Packing::DeltaVarint => {
            let mut prev = 0u32;
            for &v in values {
                let Some(mut d) = v.checked_sub(prev) else {
                    return Err(format!("delta-varint needs ascending values; {v} follows {prev}"));
                };
                prev = v;
                loop {
                    let byte = (d & 0x7f) as u8;
                    d >>= 7;
                    if d == 0 {
                        out.push(byte);
                        break;
                    }
                    out.push(byte | 0x80);
                }
            }
        }
    }
    Ok(out)
}

/// Unpacks exactly `n` values, or says why the bytes do not hold them.
pub fn unpack(bytes: &[u8], p: Packing, n: usize) -> Result<Vec<u32>, String> {
    let want = match p {
        Packing::U4 => Some(n.div_ceil(2)),
        Packing::U8 => Some(n),
        Packing::U16 => Some(n * 2),
        Packing::U24 => Some(n * 3),
        Packing::DeltaVarint => None,
    };
    if let Some(want) = want {
        if bytes.len() != want {
            return Err(format!("holds {} bytes, but {n} {} values need {want}", bytes.len(), p.name()));
        }
    }
    Ok(match p {
        Packing::U4 => (0..n).map(|i| u32::from((bytes[i / 2] >> (4 * (i % 2))) & 15)).collect(),
        Packing::U8 => bytes.iter().map(|&b| u32::from(b)).collect(),
        Packing::U16 => bytes.chunks_exact(2).map(|c| u32::from(u16::from_le_bytes([c[0], c[1]]))).collect(),
        Packing::U24 => bytes.chunks_exact(3).map(|c| u32::from_le_bytes([c[0], c[1], c[2], 0])).collect(),
        Packing::DeltaVarint => {
            let mut out = Vec::with_capacity(n);
            let (mut acc, mut d, mut shift) = (0u32, 0u32, 0u32);
            for &b in bytes {
                if shift > 28 {
                    return Err("has a varint longer than 5 bytes".into());
                }
                d |= u32::from(b & 0x7f) << shift;
                shift += 7;
                if b & 0x80 == 0 {
                    acc = acc.checked_add(d).ok_or("has deltas that overflow")?;
                    out.push(acc);
                    d = 0;
                    shift = 0;
                }
            }
            if shift != 0 {
                return Err("ends in the middle of a varint: the text is truncated".into());
            }
            if out.len() != n {
                return Err(format!("holds {} values, expected {n}", out.len()));
            }
            out
        }
    })
}

/// Splits `width`-byte values into byte planes.
#[cfg(feature = "write")]
fn planes(bytes: &[u8], width: usize) -> Vec<u8> {
    (0..width).flat_map(|k| bytes.iter().skip(k).step_by(width).copied()).collect()
}

/// Reverses `planes`. `bytes.len()` must be a multiple of `width` (checked by the caller).
fn unplanes(bytes: &[u8], width: usize) -> Vec<u8> {
    let n = bytes.len() / width;
    let mut out = vec![0u8; bytes.len()];
    for (k, plane) in bytes.chunks(n.max(1)).enumerate().take(width) {
        for (i, &b) in plane.iter().enumerate() {
            out[i * width + k] = b;
        }
    }
    out
}

/// Encodes a column for the wire: pack, split into planes, deflate, base64.
#[cfg(feature = "write")]
pub fn encode_column(values: &[u32], p: Packing) -> Result<String, String> {
    let bytes = pack(values, p)?;
    Ok(base64_encode(&deflate(&planes(&bytes, p.width()))))
}

/// The smallest raw DEFLATE stream we can make: Zopfli (miniz at its best level should Zopfli fail).
#[cfg(feature = "write")]
pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    match zopfli::compress(zopfli::Options::default(), zopfli::Format::Deflate, bytes, &mut out) {
        Ok(()) => out,
        Err(_) => miniz_oxide::deflate::compress_to_vec(bytes, 10),
    }
}

/// Decodes a wire column of exactly `n` values.
pub fn decode_column(text: &str, p: Packing, n: usize) -> Result<Vec<u32>, String> {
    let deflated = base64_decode(text)?;
    // A varint takes at most 5 bytes; the limit also stops a hostile stream from inflating without end.
    let limit = if p == Packing::DeltaVarint { n * 5 } else { n.div_ceil(if p == Packing::U4 { 2 } else { 1 }) * p.width() };
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, limit.max(1))
        .map_err(|_| "is not a valid deflate stream: the data is damaged".to_string())?;
    if bytes.len() % p.width() != 0 {
        return Err(format!("holds {} bytes, not a whole number of {} values", bytes.len(), p.name()));
    }
    unpack(&unplanes(&bytes, p.width()), p, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "write")]
    #[test]
    fn base64_round_trips_and_matches_the_standard() {
        assert_eq!(base64_encode(b"Man"), "TWFu");
        assert_eq!(base64_encode(b"Ma"), "TWE=");
        assert_eq!(base64_encode(b"M"), "TQ==");
        assert_eq!(base64_encode(b""), "");
        for n in 0..20u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37)).collect();
            assert_eq!(base64_decode(&base64_encode(&bytes)).unwrap(), bytes);
        }
    }

    #[test]
    fn base64_rejects_damage() {
        assert!(base64_decode("TWF").unwrap_err().contains("truncated"));
        assert!(base64_decode("TW!u").unwrap_err().contains("invalid base64 character at position 2"));
        assert!(base64_decode("T=Fu").is_err());
        assert!(base64_decode("TQ==TWFu").is_err());
    }

    #[cfg(feature = "write")]
    #[test]
    fn packings_round_trip() {
        let cases: [(Packing, Vec<u32>); 5] = [
            (Packing::U4, vec![1, 15, 0, 7, 9]),
            (Packing::U8, vec![0, 255, 3]),
            (Packing::U16, vec![0, 65535, 32844]),
            (Packing::U24, vec![92735, 0, 16_777_215]),
            (Packing::DeltaVarint, vec![1, 2, 3, 200, 1_000_000, 1_000_001]),
        ];
        for (p, values) in cases {
            let bytes = pack(&values, p).unwrap();
            assert_eq!(unpack(&bytes, p, values.len()).unwrap(), values, "{p:?}");
            assert_eq!(Packing::from_name(p.name()), Some(p));
        }
    }

    #[cfg(feature = "write")]
    #[test]
    fn columns_round_trip_through_planes_and_deflate() {
        let values: Vec<u32> = (0..1000).map(|i| (i * 7919) % 70_000).collect();
        for p in [Packing::U24, Packing::DeltaVarint] {
            let mut v = values.clone();
            if p == Packing::DeltaVarint {
                v.sort_unstable();
            }
            assert_eq!(decode_column(&encode_column(&v, p).unwrap(), p, v.len()).unwrap(), v);
        }
        assert_eq!(planes(&[1, 2, 3, 4, 5, 6], 2), vec![1, 3, 5, 2, 4, 6]);
        assert_eq!(unplanes(&[1, 3, 5, 2, 4, 6], 2), vec![1, 2, 3, 4, 5, 6]);
    }

    #[cfg(feature = "write")]
    #[test]
    fn decode_column_rejects_damage_and_bombs() {
        let ok = encode_column(&[1, 2, 3], Packing::U16).unwrap();
        assert!(decode_column(&ok, Packing::U16, 3).is_ok());
        assert!(decode_column(&ok, Packing::U16, 2).is_err(), "more bytes than 2 values");
        assert!(decode_column("AAAA", Packing::U16, 3).unwrap_err().contains("deflate"));
        let bomb = base64_encode(&miniz_oxide::deflate::compress_to_vec(&vec![0u8; 1 << 20], 6));
        assert!(decode_column(&bomb, Packing::U8, 10).is_err());
    }

    #[test]
    fn unpack_rejects_wrong_lengths() {
        assert!(unpack(&[1, 2, 3], Packing::U16, 2).unwrap_err().contains("holds 3 bytes, but 2 u16 values need 4"));
        assert!(unpack(&[0x81], Packing::DeltaVarint, 1).unwrap_err().contains("truncated"));
        assert!(unpack(&[1, 1], Packing::DeltaVarint, 3).unwrap_err().contains("holds 2 values, expected 3"));
    }

    #[cfg(feature = "write")]
    #[test]
    fn pack_rejects_what_does_not_fit() {
        assert!(pack(&[16], Packing::U4).is_err());
        assert!(pack(&[5, 4], Packing::DeltaVarint).is_err());
    }
}
