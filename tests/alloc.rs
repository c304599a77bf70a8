//! The hot path allocates nothing per line: once the cleaner's per-thread
//! scratch has grown to a document's size, cleaning a document costs the
//! same handful of allocations (its verdicts, the memo's growth) whether it
//! has a hundred lines or ten times as many.
//!
//! A counting global allocator, so this file is its own test binary; the
//! count is per thread, so the test harness's other threads do not disturb
//! it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use deboil::{Cleaner, Config};

struct Counting;

thread_local! {
    static ALLOCS: Cell<u64> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCS.try_with(|c| c.set(c.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCS.try_with(|c| c.set(c.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations(f: impl FnOnce()) -> u64 {
    let before = ALLOCS.with(Cell::get);
    f();
    ALLOCS.with(Cell::get) - before
}

/// A page of `n` blocks of the shapes the per-line passes treat
/// differently: menus, headlines with dates and times, prices, bylines,
/// prose in two scripts, numbered and bulleted items, URLs, code. Every line
/// is different (the memo must compute each).
fn page(n: usize, seed: usize) -> String {
    let mut p = String::from("Home | News | Sport | Contact\nLatest news\n");
    for i in 0..n {
        let k = i + seed * 100_000;
        let line = match i % 12 {
            0 => format!("Council approves bridge number {k} over the river\n"),
            1 => format!("5 December 2026, 08:{:02} · {k} comments\n", i % 60),
            2 => format!(
                "The council voted on day {k} to build a second bridge over the river, ending a \
                 debate that has divided the town for more than ten years.\n"
            ),
            3 => format!("Updated {} hours ago by Sarah Collins ({k})\n", i % 24),
            4 => format!("Цена {k} рублей, обновлено 14:{:02} 20 марта 2026 года\n", i % 60),
            5 => format!("{}. Rail strike {k} called off after late talks\n", i % 9 + 1),
            6 => format!("• 1/2 block of tofu, {k} g flour, 2 tbsp soy sauce\n"),
            7 => format!("https://example.com/news/{k}/bridge?ref=home\n"),
            8 => format!("Quark.Models.Entities.Ancestor?.Title{k}?.ToUpperInvariant()\n"),
            9 => format!(
                "Am {k}. Tag des Jahres stimmte der Rat für eine zweite Brücke über den Fluss, \
                 nachdem die Stadt lange darüber gestritten hatte.\n"
            ),
            10 => format!("Photo: Reuters / {k}\n"),
            _ => "\n".to_string(),
        };
        p.push_str(&line);
    }
    p.push_str("Share this article\n© 2026 The Riverside Herald. All rights reserved.\n");
    p
}

#[test]
fn allocations_do_not_grow_with_the_number_of_lines() {
    let cleaner = Cleaner::new(Config::default());
    // Warm up: the scratch grows to the largest page, the automata and
    // stoplists are built.
    let big = page(4_000, 0);
    drop(cleaner.clean(big.as_bytes()));
    let small = page(400, 1);
    let large = page(4_000, 2);
    let a = allocations(|| drop(cleaner.clean(small.as_bytes())));
    let b = allocations(|| drop(cleaner.clean(large.as_bytes())));
    // The memo's tables may grow a few times more for ten times the lines;
    // anything per line would add thousands.
    eprintln!("{a} allocations for 400 lines, {b} for 4,000");
    assert!(b <= a + 40, "{a} allocations for 400 lines, {b} for 4,000");
}
