//! Lines of a one-per-row ballot CSV already read as good rows, found again
//! by their bytes: most rows of a large file repeat a line seen before, and
//! are counted without being split again.

/// Lines of up to `WORDS` × 8 bytes (before the `\n`) are kept: 31 bytes
/// hold two ids of 15 characters (`jane-smith-2028`); a longer line is split
/// as any other. Every line costs this many words, so fewer is quicker.
const WORDS: usize = 4;
const PLACES: usize = 1 << 12;
/// Places looked at for one line before giving up.
const SEARCH: usize = 16;

/// A line read as whole words, from its start up to its `\n`, found within
/// `WORDS` words.
pub(super) struct ShortLine {
    /// The bytes before the `\n` (with a `\r` before it, if any).
    pub len: usize,
    words: [u64; WORDS],
    hash: u64,
}

impl ShortLine {
    /// The line starting at `at`, if its `\n` comes within `WORDS` words
    /// that are all inside `bytes`. The same work for every line, without
    /// branches that depend on its length.
    #[inline]
    pub fn at(bytes: &[u8], at: usize) -> Option<ShortLine> {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGHS: u64 = 0x8080_8080_8080_8080;
        const MIX: u64 = 0x9E37_79B9_7F4A_7C15;
        let chunk = bytes.get(at..at + WORDS * 8)?;
        let mut raw = [0u64; WORDS];
        let mut newlines = 0u32;
        let mut found = [0u64; WORDS];
        for (i, word) in chunk.chunks_exact(8).enumerate() {
            raw[i] = u64::from_le_bytes(word.try_into().unwrap_or_default());
            // The lowest high bit marks the first `\n` byte in the word.
            let x = raw[i] ^ (ONES * u64::from(b'\n'));
            found[i] = x.wrapping_sub(ONES) & !x & HIGHS;
            newlines |= u32::from(found[i] != 0) << i;
        }
        if newlines == 0 {
            return None;
        }
        let word = newlines.trailing_zeros() as usize;
        let before = found[word].trailing_zeros() as usize / 8;
        let len = word * 8 + before;
        let last = (1u64 << (before * 8)) - 1;
        let mut words = [0; WORDS];
        // Products of each word, independent of each other so that the
        // processor works them out side by side.
        let mut hash = len as u64;
        let mut factor = MIX;
        for i in 0..WORDS {
            let keep = match i.cmp(&word) {
                std::cmp::Ordering::Less => u64::MAX,
                std::cmp::Ordering::Equal => last,
                std::cmp::Ordering::Greater => 0,
            };
            words[i] = raw[i] & keep;
            hash ^= words[i].wrapping_mul(factor).rotate_left(i as u32 * 7);
            factor = factor.wrapping_add(MIX.wrapping_mul(2));
        }
        let hash = hash.wrapping_mul(MIX);
        Some(ShortLine {
            len,
            words,
            hash: (hash ^ (hash >> 32)) | 1,
        })
    }
}

/// A small table that stops growing when half full and gives up on a long
/// search, so no file can make it large or slow.
pub(super) struct Seen {
    /// A line and its group; hash 0 for an empty place.
    places: Vec<(ShortLine, u32)>,
    used: usize,
}

impl Seen {
    pub fn new() -> Self {
        let empty = || ShortLine {
            len: 0,
            words: [0; WORDS],
            hash: 0,
        };
        Seen {
            places: (0..PLACES).map(|_| (empty(), 0)).collect(),
            used: 0,
        }
    }

    /// The group of a line read before.
    #[inline]
    pub fn get(&self, line: &ShortLine) -> Option<u32> {
        (0..SEARCH).find_map(|probe| {
            let (known, group) = &self.places[(line.hash as usize + probe) % PLACES];
            // Word by word, which is quicker than calling memcmp.
            let differ = known
                .words
                .iter()
                .zip(&line.words)
                .fold(0, |d, (a, b)| d | (a ^ b));
            let same = known.hash == line.hash && known.len == line.len && differ == 0;
            same.then_some(*group)
        })
    }

    pub fn insert(&mut self, line: ShortLine, group: u32) {
        if self.used >= PLACES / 2 {
            return;
        }
        for probe in 0..SEARCH {
            let place = &mut self.places[(line.hash as usize + probe) % PLACES];
            if place.0.hash == 0 {
                *place = (line, group);
                self.used += 1;
                return;
            }
        }
    }
}
