//! Questions about keywords near a position: "is there an identity keyword within 300 bytes?"

use std::ops::Range;

use super::automaton::Hits;

/// Longest keyword in bytes we expect; bounds the backwards search.
const MAX_KEYWORD: usize = 64;

/// Sorted keyword positions from one scan.
#[derive(Debug)]
pub struct Context<'h> {
    hits: &'h Hits,
}

impl<'h> Context<'h> {
    /// Wraps hits whose lists are sorted by start (see [`sort_hits`]).
    pub fn new(hits: &'h Hits) -> Context<'h> {
        Context { hits }
    }

    /// An identity keyword within `window` bytes of `span`, on either side.
    pub fn identity_near(&self, span: &Range<usize>, window: usize) -> bool {
        overlaps(
            &self.hits.identity,
            span.start.saturating_sub(window),
            span.end + window,
        )
    }

    /// An other-number keyword ending at most `before` bytes before `span`, or starting at most
    /// `after` bytes after it.
    pub fn other_number_near(&self, span: &Range<usize>, before: usize, after: usize) -> bool {
        overlaps(
            &self.hits.other_number,
            span.start.saturating_sub(before),
            span.start,
        ) || overlaps(&self.hits.other_number, span.end, span.end + after)
    }

    /// A phone keyword near `span`.
    pub fn phone_near(&self, span: &Range<usize>, before: usize, after: usize) -> bool {
        overlaps(
            &self.hits.phone,
            span.start.saturating_sub(before),
            span.start,
        ) || overlaps(&self.hits.phone, span.end, span.end + after)
    }

    /// A bankgiro keyword ending at most `before` bytes before `span`.
    pub fn bankgiro_before(&self, span: &Range<usize>, before: usize) -> bool {
        overlaps(
            &self.hits.bankgiro,
            span.start.saturating_sub(before),
            span.start,
        )
    }

    /// A card keyword near `span`.
    pub fn card_near(&self, span: &Range<usize>, window: usize) -> bool {
        overlaps(
            &self.hits.card,
            span.start.saturating_sub(window),
            span.end + window,
        )
    }

    /// Role words ending at most `before` bytes before `at`.
    pub fn role_before(&self, at: usize, before: usize) -> bool {
        overlaps(&self.hits.role, at.saturating_sub(before), at)
    }

    /// Every role word, sorted by start.
    pub fn roles(&self) -> &[Range<usize>] {
        &self.hits.role
    }
}

/// Sorts every keyword list by start, as [`Context`] needs.
pub fn sort_hits(hits: &mut Hits) {
    for list in [
        &mut hits.identity,
        &mut hits.other_number,
        &mut hits.phone,
        &mut hits.bankgiro,
        &mut hits.card,
        &mut hits.role,
    ] {
        list.sort_by_key(|r| (r.start, r.end));
    }
}

/// True when some range in `sorted` overlaps `lo..hi`.
fn overlaps(sorted: &[Range<usize>], lo: usize, hi: usize) -> bool {
    let end = sorted.partition_point(|r| r.start < hi);
    sorted[..end]
        .iter()
        .rev()
        .take_while(|r| r.start + MAX_KEYWORD > lo)
        .any(|r| r.end > lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_window() {
        let list = vec![0..3, 10..14, 50..60];
        assert!(overlaps(&list, 12, 20));
        assert!(overlaps(&list, 0, 1));
        assert!(!overlaps(&list, 14, 50));
        assert!(overlaps(&list, 14, 51));
    }
}
