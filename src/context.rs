//! Stage 5b: resolve short and near-good lines by their neighbours.
//!
//! This is jusText's context-sensitive pass (FIELD.md §2.1) in linear time
//! (nearest anchors precomputed in two sweeps, as jusText PR #52 does):
//!
//! 1. *Heading pre-pass*: a heading-like short line followed by a good line
//!    within [`MAX_HEADING_DISTANCE`] characters becomes near-good.
//! 2. *Short lines*: good if both nearest non-short neighbours (skipping
//!    near-good) are good; bad if both are bad; if one side is bad but a
//!    near-good line sits between the line and that bad anchor, good;
//!    otherwise bad. Document edges count as bad.
//! 3. *Near-good lines*: bad if both nearest good/bad anchors are bad, else
//!    good.
//! 4. *Heading post-pass*: a heading-like line that was not bad on its own
//!    but ended bad becomes good if a good line follows within
//!    [`MAX_HEADING_DISTANCE`] characters.
//!
//! Blank lines are invisible to the pass. Every line leaves as `Good`,
//! `Bad` or `Blank`.

use crate::score::Class;

/// jusText `MAX_HEADING_DISTANCE` = 200 characters.
pub const MAX_HEADING_DISTANCE: u32 = 200;

/// Resolve `classes` in place. `lengths[i]` is line i's length in characters
/// and `heading[i]` whether it looks like a heading.
pub fn resolve(classes: &mut [Class], lengths: &[u32], heading: &[bool]) {
    let n = classes.len();
    debug_assert!(lengths.len() == n && heading.len() == n);
    let original: Vec<Class> = classes.to_vec();
    heading_pass(classes, lengths, heading, |c, _| c == Class::Short, Class::NearGood);

    // Short lines, decided against the classes as they stand now.
    let strict = Anchors::new(classes, false);
    let loose = Anchors::new(classes, true);
    let mut decided = Vec::with_capacity(n);
    for (i, &c) in classes.iter().enumerate() {
        if c != Class::Short {
            continue;
        }
        let (p, x) = (strict.prev(i), strict.next(i));
        let new = if p == Class::Good && x == Class::Good {
            Class::Good
        } else if p == Class::Bad && x == Class::Bad {
            Class::Bad
        } else if (p == Class::Bad && loose.prev(i) == Class::NearGood)
            || (x == Class::Bad && loose.next(i) == Class::NearGood)
        {
            Class::Good
        } else {
            Class::Bad
        };
        decided.push((i, new));
    }
    for (i, c) in decided {
        classes[i] = c;
    }

    // Near-good lines.
    let strict = Anchors::new(classes, false);
    let mut decided = Vec::new();
    for (i, &c) in classes.iter().enumerate() {
        if c == Class::NearGood {
            let bad = strict.prev(i) == Class::Bad && strict.next(i) == Class::Bad;
            decided.push((i, if bad { Class::Bad } else { Class::Good }));
        }
    }
    for (i, c) in decided {
        classes[i] = c;
    }

    heading_pass(
        classes,
        lengths,
        heading,
        |c, i| c == Class::Bad && original[i] != Class::Bad,
        Class::Good,
    );
}

/// Promote heading-like lines matching `which` to `to` when a good line
/// follows within the heading distance. Linear: the distance to the next
/// good line is computed in one backward sweep.
fn heading_pass(
    classes: &mut [Class],
    lengths: &[u32],
    heading: &[bool],
    which: impl Fn(Class, usize) -> bool,
    to: Class,
) {
    // dist[i]: characters between the end of line i and the next good line
    // (u32::MAX when none follows).
    let n = classes.len();
    let mut next_good_dist = u32::MAX;
    let mut promote = Vec::new();
    for i in (0..n).rev() {
        if heading[i] && which(classes[i], i) && next_good_dist <= MAX_HEADING_DISTANCE {
            promote.push(i);
        }
        if classes[i] == Class::Good {
            next_good_dist = 0;
        } else if classes[i] != Class::Blank {
            next_good_dist = next_good_dist.saturating_add(lengths[i]);
        }
    }
    for i in promote {
        classes[i] = to;
    }
}

/// Nearest anchor class before and after every line.
struct Anchors {
    prev: Vec<Class>,
    next: Vec<Class>,
}

impl Anchors {
    /// With `near_good` the near-good lines count as anchors too.
    fn new(classes: &[Class], near_good: bool) -> Anchors {
        let is_anchor =
            |c: Class| matches!(c, Class::Good | Class::Bad) || (near_good && c == Class::NearGood);
        let n = classes.len();
        let mut prev = vec![Class::Bad; n];
        let mut last = Class::Bad;
        for i in 0..n {
            prev[i] = last;
            if is_anchor(classes[i]) {
                last = classes[i];
            }
        }
        let mut next = vec![Class::Bad; n];
        let mut last = Class::Bad;
        for i in (0..n).rev() {
            next[i] = last;
            if is_anchor(classes[i]) {
                last = classes[i];
            }
        }
        Anchors { prev, next }
    }

    fn prev(&self, i: usize) -> Class {
        self.prev[i]
    }

    fn next(&self, i: usize) -> Class {
        self.next[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Class::*;

    fn run(classes: &[Class], heading: &[bool]) -> Vec<Class> {
        let mut c = classes.to_vec();
        let lengths = vec![50; c.len()];
        resolve(&mut c, &lengths, heading);
        c
    }

    #[test]
    fn short_between_good_is_good() {
        assert_eq!(run(&[Good, Short, Good], &[false; 3]), vec![Good, Good, Good]);
    }

    #[test]
    fn short_between_bad_is_bad() {
        assert_eq!(run(&[Bad, Short, Bad], &[false; 3]), vec![Bad, Bad, Bad]);
        // Document edges count as bad.
        assert_eq!(run(&[Short], &[false]), vec![Bad]);
    }

    #[test]
    fn near_good_next_to_good_is_good() {
        assert_eq!(run(&[Bad, NearGood, Good], &[false; 3]), vec![Bad, Good, Good]);
        assert_eq!(run(&[Bad, NearGood, Bad], &[false; 3]), vec![Bad, Bad, Bad]);
    }

    #[test]
    fn mixed_short_needs_near_good_on_bad_side() {
        // bad side has a near-good between: good.
        assert_eq!(run(&[Bad, NearGood, Short, Good], &[false; 4])[2], Good);
        // plain mixed: bad.
        assert_eq!(run(&[Bad, Short, Good], &[false; 3])[1], Bad);
    }

    #[test]
    fn heading_before_good_is_kept() {
        // A heading between a bad line and a good line: the pre-pass makes it
        // near-good, and near-good next to good is good.
        assert_eq!(run(&[Bad, Short, Good], &[false, true, false])[1], Good);
    }

    #[test]
    fn blank_lines_are_invisible() {
        assert_eq!(
            run(&[Good, Blank, Short, Blank, Good], &[false; 5]),
            vec![Good, Blank, Good, Blank, Good]
        );
    }
}
