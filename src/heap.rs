//! The wasm build's memory allocator, in place of the standard library's `dlmalloc` (7 KB of
//! wasm). Blocks come in sizes of 16, 32, 48 and 64 bytes and then four to each doubling (80,
//! 96, 112, 128, 160, …: at most a quarter of a block unused); each size keeps a list of its
//! freed blocks (a free block's first word links the next) and reuses them first, and a new
//! block is cut from the end of the heap, which grows the memory when it runs out. Allocating,
//! freeing and growing in place within a size take constant time.
//!
//! Memory is never handed back and a block serves its own size only, so a page that runs
//! `highlight` again and again settles at the most blocks of each size one run needs at once
//! (`tests/browser/memory.test.mjs` checks that 50 runs grow the memory no further than 10).

use std::alloc::{GlobalAlloc, Layout};
use std::arch::wasm32;
use std::cell::UnsafeCell;
use std::ptr::{self, null_mut};

/// Blocks are whole units of 16 bytes: room for the link, and every block (cut from a page
/// boundary, in sizes that are multiples of 16) aligned for any Rust type here.
const UNIT: usize = 16;
/// Sizes up to 2 GB.
const SIZES: usize = 4 + 4 * 25;
const PAGE: usize = 65_536;
/// The memory grows by at least this many pages at a time (256 KB).
const MIN_GROW: usize = 4;

struct Heap {
    /// The first freed block of each size.
    free: [*mut u8; SIZES],
    /// Memory not yet cut into blocks: `top..end`.
    top: usize,
    end: usize,
}

/// The allocator (see the module comment).
pub(crate) struct Allocator(UnsafeCell<Heap>);

// SAFETY: wasm32-unknown-unknown (built without the atomics feature) runs a single thread.
unsafe impl Sync for Allocator {}

#[global_allocator]
static ALLOCATOR: Allocator = Allocator(UnsafeCell::new(Heap {
    free: [null_mut(); SIZES],
    top: 0,
    end: 0,
}));

/// The size index of the block for `layout`, and the block's size: none for an alignment above
/// 16 bytes (no type of this crate asks for one; allocating fails rather than misalign) or a
/// size above 2 GB.
fn size_index(layout: Layout) -> Option<(usize, usize)> {
    if layout.align() > UNIT || layout.size() > 1 << 31 {
        return None;
    }
    let units = layout.size().max(1).div_ceil(UNIT);
    if units <= 4 {
        return Some((units - 1, units * UNIT));
    }
    // units - 1 in [2^k, 2^(k+1)), k ≥ 2: four sizes in (2^k, 2^(k+1)] units, 2^(k-2) apart.
    let k = (usize::BITS - 1 - (units - 1).leading_zeros()) as usize;
    let quarter = (units - 1) >> (k - 2);
    let i = 4 + (k - 2) * 4 + (quarter - 4);
    (i < SIZES).then_some((i, ((quarter + 1) << (k - 2)) * UNIT))
}

unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some((i, size)) = size_index(layout) else {
            return null_mut();
        };
        // SAFETY: one thread, and no call here re-enters the allocator.
        let heap = unsafe { &mut *self.0.get() };
        let block = heap.free[i];
        if !block.is_null() {
            // SAFETY: a freed block of this size holds the link to the next one.
            heap.free[i] = unsafe { *block.cast::<*mut u8>() };
            return block;
        }
        if heap.end - heap.top < size {
            let memory_end = wasm32::memory_size(0) * PAGE;
            // What is left at the end of the heap is used when the new pages follow it.
            let start = if heap.end == memory_end {
                heap.top
            } else {
                memory_end
            };
            let pages = (start + size - memory_end).div_ceil(PAGE).max(MIN_GROW);
            if wasm32::memory_grow(0, pages) == usize::MAX {
                return null_mut();
            }
            heap.top = start;
            heap.end = memory_end + pages * PAGE;
        }
        // Blocks are cut in multiples of 16 bytes from a page boundary: each is 16-byte aligned.
        let block = heap.top as *mut u8;
        heap.top += size;
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        let Some((i, _)) = size_index(layout) else {
            return;
        };
        // SAFETY: one thread; `block` is a block of this size that nothing uses any more.
        let heap = unsafe { &mut *self.0.get() };
        unsafe { *block.cast::<*mut u8>() = heap.free[i] };
        heap.free[i] = block;
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller gives a valid alignment and a size that fits `isize`.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        if size_index(new_layout).map(|s| s.0) == size_index(layout).map(|s| s.0) {
            return block;
        }
        // SAFETY: as for `alloc` and `dealloc`; the two blocks are distinct.
        unsafe {
            let new = self.alloc(new_layout);
            if !new.is_null() {
                ptr::copy_nonoverlapping(block, new, layout.size().min(new_size));
                self.dealloc(block, layout);
            }
            new
        }
    }
}
