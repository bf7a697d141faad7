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
    /// `after` bytes after it, that `keep` accepts.
    pub fn other_number_near(
        &self,
        span: &Range<usize>,
        before: usize,
        after: usize,
        keep: impl Fn(&Range<usize>) -> bool,
    ) -> bool {
        any_overlapping(
            &self.hits.other_number,
            span.start.saturating_sub(before),
            span.start,
            &keep,
        ) || any_overlapping(&self.hits.other_number, span.end, span.end + after, &keep)
    }

    /// True when the keyword hit `r` is also a phone keyword ("tel", "ring"), not only an
    /// other-number one ("ärende", "OCR", "order").
    pub fn is_phone_keyword(&self, r: &Range<usize>) -> bool {
        self.hits
            .phone
            .binary_search_by_key(&(r.start, r.end), |p| (p.start, p.end))
            .is_ok()
    }

    /// An other-number keyword overlapping `lo..hi`.
    pub fn other_number_within(&self, lo: usize, hi: usize) -> bool {
        overlaps(&self.hits.other_number, lo, hi)
    }

    /// A role word or a person keyword ending in `lo..hi`.
    pub fn person_word_ending_in(&self, lo: usize, hi: usize) -> Option<usize> {
        [&self.hits.role, &self.hits.person]
            .iter()
            .flat_map(|list| {
                let end = list.partition_point(|r| r.start < hi);
                list[..end]
                    .iter()
                    .rev()
                    .take_while(|r| r.start + MAX_KEYWORD > lo)
                    .filter(|r| r.end > lo && r.end <= hi)
                    .map(|r| r.end)
                    .max()
            })
            .max()
    }

    /// A person keyword ("född", "namn") ending in `lo..hi`.
    pub fn person_keyword_ending_in(&self, lo: usize, hi: usize) -> Option<usize> {
        let list = &self.hits.person;
        let end = list.partition_point(|r| r.start < hi);
        list[..end]
            .iter()
            .rev()
            .take_while(|r| r.start + MAX_KEYWORD > lo)
            .filter(|r| r.end > lo && r.end <= hi)
            .map(|r| r.end)
            .max()
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

    /// Every identity keyword, sorted by start.
    pub fn identity_keywords(&self) -> &[Range<usize>] {
        &self.hits.identity
    }

    /// Every role word, sorted by start.
    pub fn roles(&self) -> &[Range<usize>] {
        &self.hits.role
    }

    /// Every naming verb ("heter", "kallas"), sorted by start.
    pub fn naming_verbs(&self) -> &[Range<usize>] {
        &self.hits.naming
    }

    /// True when a verb that gives a nickname ends within [`NICKNAME_GAP`] bytes before `at`
    /// ("kallar ”…", "kallar honom …"): only then is the word at `at` read as one.
    pub fn nickname_verb_before(&self, at: usize) -> bool {
        overlaps(&self.hits.nickname, at.saturating_sub(NICKNAME_GAP), at)
    }

    /// True when a kind of story ("berättelse", "story") stands in `lo..hi`.
    pub fn story_within(&self, lo: usize, hi: usize) -> bool {
        overlaps(&self.hits.story, lo, hi)
    }

    /// True when a verb of portrayal ("skildras") stands in `lo..hi`.
    pub fn portrayal_within(&self, lo: usize, hi: usize) -> bool {
        overlaps(&self.hits.portrayal, lo, hi)
    }

    /// Every word that opens a description of one person ("enda", "som jobbar"), sorted.
    pub fn description_openers(&self) -> &[Range<usize>] {
        &self.hits.description
    }

    /// Where the text first declares its people invented ("alla namn är fiktiva"), if it does.
    pub fn fiction_declared_at(&self) -> Option<usize> {
        self.hits.fiction.first().map(|r| r.start)
    }
}

/// Bytes between a nickname verb and the nickname: an object pronoun, "för" and a quotation
/// mark may stand between ("kallar henne ”…").
const NICKNAME_GAP: usize = 14;

/// Sorts every keyword list by start, as [`Context`] needs.
pub fn sort_hits(hits: &mut Hits) {
    for list in [
        &mut hits.identity,
        &mut hits.other_number,
        &mut hits.phone,
        &mut hits.bankgiro,
        &mut hits.card,
        &mut hits.role,
        &mut hits.person,
        &mut hits.naming,
        &mut hits.fiction,
        &mut hits.description,
        &mut hits.nickname,
        &mut hits.portrayal,
        &mut hits.story,
    ] {
        list.sort_by_key(|r| (r.start, r.end));
    }
}

/// True when some range in `sorted` overlaps `lo..hi`.
fn overlaps(sorted: &[Range<usize>], lo: usize, hi: usize) -> bool {
    any_overlapping(sorted, lo, hi, |_| true)
}

/// True when some range in `sorted` that passes `keep` overlaps `lo..hi`.
fn any_overlapping(
    sorted: &[Range<usize>],
    lo: usize,
    hi: usize,
    keep: impl Fn(&Range<usize>) -> bool,
) -> bool {
    let end = sorted.partition_point(|r| r.start < hi);
    sorted[..end]
        .iter()
        .rev()
        .take_while(|r| r.start + MAX_KEYWORD > lo)
        .any(|r| r.end > lo && keep(r))
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
