//! Lists made from iterators by one loop of pushes, in the browser build.
//!
//! `collect` into a `Vec` compiles, for each iterator type, a function that sizes the list and
//! a separate extend loop: for an iterator of unknown length (`filter`, `filter_map`, `scan`,
//! `chain`, `take_while`, …) a first-item peel, then a loop growing the list; for one of known
//! length (`map` over a slice), a `fold`. In the wasm that was about a hundred such pairs, 0.1–0.3
//! KB apiece. [`Listed::listed`] is the same list from one loop of pushes, inlined where it is
//! used. Native builds keep `collect` (which sizes a list of known length once, for speed).

/// `listed()` on every iterator: its items in a `Vec`, as `collect` lists them.
pub(crate) trait Listed: Iterator + Sized {
    /// The items, in order.
    fn listed(self) -> Vec<Self::Item> {
        #[cfg(target_arch = "wasm32")]
        return pushed(self);
        #[cfg(not(target_arch = "wasm32"))]
        self.collect()
    }
}

impl<I: Iterator> Listed for I {}

/// The items of `it` pushed one by one onto an empty list.
#[cfg_attr(not(any(test, target_arch = "wasm32")), allow(dead_code))]
fn pushed<I: Iterator>(it: I) -> Vec<I::Item> {
    let mut v = Vec::new();
    for x in it {
        v.push(x);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_the_items_collect_lists() {
        // Of unknown length, of known length, and empty; `pushed` is what the browser build
        // runs.
        let odd = (0..10).filter(|n| n % 2 == 1);
        assert_eq!(pushed(odd.clone()), odd.clone().collect::<Vec<_>>());
        assert_eq!(odd.clone().listed(), odd.collect::<Vec<_>>());
        let words = ["a", "bc", "def"].iter().map(|w| w.len());
        assert_eq!(pushed(words.clone()), vec![1, 2, 3]);
        assert_eq!(pushed(std::iter::empty::<u8>()), Vec::<u8>::new());
    }
}
