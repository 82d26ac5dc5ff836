//! The hash that `catalog::by_name` looks names up by. The generator in
//! `tests/catalog.rs` includes this file (`#[path]`), so that the table it
//! writes is sorted and indexed by this very function.

/// A hash of a name that ignores ASCII case.
pub(crate) fn name_hash(name: &str) -> u64 {
    // Eight bytes at a time, the last chunk padded with zeros. `| 0x20`
    // folds ASCII letters to lowercase; it also merges a few other bytes,
    // which the text comparison that follows every lookup sorts out, as it
    // does any other collision.
    fn mix(h: u64, word: u64) -> u64 {
        (h ^ (word | 0x2020_2020_2020_2020))
            .wrapping_mul(0x0100_0000_01b3)
            .rotate_left(29)
    }
    let mut chunks = name.as_bytes().chunks_exact(8);
    let mut h = (&mut chunks).fold(0xcbf2_9ce4_8422_2325, |h, chunk| {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        mix(h, u64::from_le_bytes(word))
    });
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let word = rest.iter().rev().fold(0, |w, &b| w << 8 | u64::from(b));
        h = mix(h, word);
    }
    h ^ name.len() as u64
}
