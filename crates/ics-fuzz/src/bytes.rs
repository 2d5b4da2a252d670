//! Reads a fuzzer's bytes as choices: a number below a bound, a flag, a string from a list of plausible ones or
//! raw. Past the end every choice is the first one, so any input, even empty, is a complete program.

pub struct Bytes<'a>(&'a [u8]);

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Bytes<'a> {
        Bytes(data)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn byte(&mut self) -> u8 {
        let Some((&b, rest)) = self.0.split_first() else { return 0 };
        self.0 = rest;
        b
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        let v = usize::from(self.byte()) << 8 | usize::from(self.byte());
        if n == 0 {
            0
        } else {
            v % n
        }
    }

    pub fn flag(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    /// One of `from` mostly; otherwise up to 255 raw bytes (lossy UTF-8), so unexpected text is tried too.
    pub fn text(&mut self, from: &[&str]) -> String {
        let pick = self.byte();
        if pick < 224 && !from.is_empty() {
            return from[usize::from(pick) % from.len()].to_string();
        }
        let n = usize::from(self.byte()).min(self.0.len());
        let (raw, rest) = self.0.split_at(n);
        self.0 = rest;
        String::from_utf8_lossy(raw).into_owned()
    }

    /// A number as the page's inputs might hold it: ordinary, extreme or not a number at all.
    pub fn number(&mut self) -> f64 {
        const ODD: [f64; 8] = [0.0, -0.0, 1.0, -1.0, 1e308, -1e308, f64::MIN_POSITIVE, 4_294_967_296.5];
        match self.byte() % 4 {
            0 => ODD[usize::from(self.byte()) % ODD.len()],
            1 => f64::NAN,
            2 => f64::INFINITY,
            _ => f64::from(u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])) / 100.0,
        }
    }
}
