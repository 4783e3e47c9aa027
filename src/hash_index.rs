//! A map from 64-bit hashes to `u32`s, for the stages that key lists or counts by a hash they
//! computed themselves (a pull quote's word triples, a speaker's names, a dispute's words).
//!
//! Open addressing with linear probing, compiled once: each `HashMap<u64, u32>` brought
//! hashbrown's code for that type into the wasm (1.3 KB raw, beside the copy for the lexicons'
//! `HashMap<String, usize>`). Nothing iterates it, so the order of its slots is never seen.

/// Hashes mapped to `u32`s.
#[derive(Default)]
pub(crate) struct HashIndex {
    /// A power of two of slots (or none), at most half of them used.
    slots: Vec<Option<(u64, u32)>>,
    len: usize,
}

impl HashIndex {
    /// The slot that holds `key`, else the empty one where it goes (there is always one).
    fn find(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = (key ^ (key >> 32)) as usize & mask;
        while let Some((k, _)) = self.slots[i] {
            if k == key {
                break;
            }
            i = (i + 1) & mask;
        }
        i
    }

    /// The value of `key`.
    pub(crate) fn get(&self, key: u64) -> Option<u32> {
        self.get_ref(key).copied()
    }

    fn get_ref(&self, key: u64) -> Option<&u32> {
        if self.len == 0 {
            return None;
        }
        self.slots[self.find(key)].as_ref().map(|(_, v)| v)
    }

    /// The value of `key`, to change.
    pub(crate) fn get_mut(&mut self, key: u64) -> Option<&mut u32> {
        if self.len == 0 {
            return None;
        }
        let i = self.find(key);
        self.slots[i].as_mut().map(|(_, v)| v)
    }

    /// The value of `key`, to change; `default` is put in first when it has none.
    pub(crate) fn entry(&mut self, key: u64, default: u32) -> &mut u32 {
        if 2 * (self.len + 1) > self.slots.len() {
            let n = (2 * self.slots.len()).max(16);
            let old = std::mem::replace(&mut self.slots, (0..n).map(|_| None).collect());
            for &(k, v) in old.iter().flatten() {
                let i = self.find(k);
                self.slots[i] = Some((k, v));
            }
        }
        let i = self.find(key);
        let slot = &mut self.slots[i];
        if slot.is_none() {
            self.len += 1;
        }
        &mut slot.get_or_insert((key, default)).1
    }
}

#[cfg(test)]
mod tests {
    use super::HashIndex;

    #[test]
    fn keeps_every_key_through_growth_and_collisions() {
        let mut m = HashIndex::default();
        assert_eq!(m.get(7), None);
        // Keys that share their low bits land in one run of slots.
        let keys: Vec<u64> = (0..200u64).map(|k| (k << 40) | (k % 3)).collect();
        for (i, &k) in keys.iter().enumerate() {
            assert_eq!(*m.entry(k, i as u32), i as u32);
        }
        for (i, &k) in keys.iter().enumerate() {
            assert_eq!(m.get(k), Some(i as u32));
            *m.get_mut(k).unwrap() += 1;
            *m.entry(k, 0) += 1;
            assert_eq!(m.get(k), Some(i as u32 + 2));
        }
        assert_eq!(m.get((1 << 40) | 2), None);
        assert_eq!(m.get_mut(3), None);
    }
}
