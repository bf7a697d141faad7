//! The keyword engine and the word tokenizer that drives the whole scanner.
//!
//! A byte-at-a-time automaton (Aho-Corasick DFA) costs about 3.5 ns per byte on the machines
//! sluss targets, whatever the pattern count: the load-latency chain of each transition is the
//! limit (measured for issue 2, see `benches/scan.rs` and the notes in README.md). Almost every
//! pattern, though, may only start at a word start, and Swedish prose has one every six to eight
//! bytes. So the scanner walks **words**:
//!
//! * [`for_each_word`] finds word starts and ends 64 bytes at a time (SIMD bit masks), exactly
//!   also next to non-Latin-1 punctuation;
//! * at each word start, a 64 Kibit filter on the first four bytes rejects most words, and an
//!   anchored trie walk finds every pattern that starts there (whole words, prefixes, phrases
//!   across spaces, keywords, and compound stems at the start of a word);
//! * inside words long enough to hide a compound stem, a sampled 4-gram filter finds the stems
//!   (`alkoholmissbruk`): every [`STEP`]th position is tested against the 4-grams at offsets
//!   `0..STEP` of each stem, which cannot miss a stem of at least [`MIN_FLOATING`] bytes.
//!
//! Every occurrence is reported (overlapping), like an overlapping Aho-Corasick search.

use std::ops::Range;

/// Where a pattern may match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// Only at a word start.
    Start,
    /// Anywhere, also inside a word (compound stems).
    Floating,
}

/// Floating patterns must be at least this long (bytes); shorter ones only start words.
pub const MIN_FLOATING: usize = 6;
/// Gram length of the floating filter.
const GRAM: usize = 4;
/// Sampling step of the floating filter: `MIN_FLOATING - GRAM + 1`, so that every occurrence of
/// a floating pattern contains a sampled position together with the whole gram there.
const STEP: usize = MIN_FLOATING - GRAM + 1;
/// Filter size in bits (32 Kibit = 4 KiB): all filters together stay in a 32 KiB L1 cache.
const FILTER_BITS: usize = 1 << 15;
/// Size of the filter of two- and three-byte patterns (there are few).
const SHORT_FILTER_BITS: usize = 1 << 13;

/// A membership filter of a power-of-two number of bits.
#[derive(Clone)]
struct Filter(Box<[u64]>);

impl Filter {
    fn new() -> Filter {
        Filter::with_bits(FILTER_BITS)
    }

    fn with_bits(bits: usize) -> Filter {
        Filter(vec![0; bits / 64].into_boxed_slice())
    }

    fn set(&mut self, key: usize) {
        let words = self.0.len();
        self.0[(key >> 6) & (words - 1)] |= 1 << (key & 63);
    }

    #[inline]
    fn test(&self, key: usize) -> bool {
        let words = self.0.len();
        self.0[(key >> 6) & (words - 1)] >> (key & 63) & 1 != 0
    }
}

impl std::fmt::Debug for Filter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ones: u32 = self.0.iter().map(|w| w.count_ones()).sum();
        write!(f, "Filter({ones} bits set)")
    }
}

#[inline]
fn hash32(g: u32) -> usize {
    (g.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

#[inline]
fn gram_at(b: &[u8], i: usize) -> u32 {
    match b.get(i..i + 4) {
        Some(&[x0, x1, x2, x3]) => u32::from_le_bytes([x0, x1, x2, x3]),
        _ => 0,
    }
}

/// A 4-gram of a floating pattern in the candidate table.
#[derive(Clone, Copy, Debug)]
struct FloatingEntry {
    /// The 4-gram …
    gram: u32,
    /// … at this offset of the pattern …
    offset: u8,
    /// … with this id, …
    id: u32,
    /// … whose first four bytes are these.
    head: u32,
}

/// A trie node during construction.
#[derive(Clone, Debug, Default)]
struct Node {
    children: Vec<(u8, u32)>,
    ends: Vec<u32>,
}

/// A node of the compressed (radix) trie: reaching it means `label` matched after the parent;
/// `edges[first_edge..][..edge_count]` are its children by first label byte,
/// `ends[first_end..][..end_count]` the patterns that end here.
#[derive(Clone, Copy, Debug, Default)]
struct RadixNode {
    label_start: u32,
    label_len: u16,
    edge_count: u16,
    first_edge: u32,
    first_end: u32,
    end_count: u32,
}

/// The compiled keyword set.
#[derive(Clone, Debug)]
pub struct Keywords {
    patterns: Vec<Box<[u8]>>,
    nodes: Vec<RadixNode>,
    edges: Vec<(u8, u32)>,
    labels: Vec<u8>,
    ends: Vec<u32>,
    /// Root children by first byte, for a direct first step.
    root: Box<[u32; 256]>,
    /// First two bytes of the two- and three-byte patterns.
    short_filter: Filter,
    /// First four bytes of every pattern of four bytes or more.
    any4_filter: Filter,
    /// Prefix filters by pattern length class: a pattern of `PREFIX_CLASSES[k]` bytes or more
    /// (and less than the next class) sets the hash of its first `PREFIX_CLASSES[k]` bytes in
    /// `start_filters[k]`.
    start_filters: [Filter; PREFIX_CLASSES.len()],
    /// 4-grams at offsets `0..STEP` of floating patterns.
    floating_filter: Filter,
    /// Candidates per filter bucket: `floating_buckets[h]..floating_buckets[h + 1]` index
    /// `floating_index`.
    floating_buckets: Vec<u32>,
    floating_index: Vec<FloatingEntry>,
}

/// Prefix lengths of the start filters (pattern length classes 2, 3, 4–5, 6–7, 8+).
const PREFIX_CLASSES: [usize; 5] = [2, 3, 4, 6, 8];

/// The hash of the first `len` (2..=8) bytes of `x` (little-endian bytes of the text).
#[inline]
fn prefix_key(x: u64, len: usize) -> usize {
    let masked = if len >= 8 {
        x
    } else {
        x & ((1u64 << (8 * len)) - 1)
    };
    (masked.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
}

/// Up to eight bytes from `at` as a little-endian word (zero-padded) and how many there were.
#[inline]
fn load8(b: &[u8], at: usize) -> (u64, usize) {
    match b.get(at..at + 8) {
        Some(&[x0, x1, x2, x3, x4, x5, x6, x7]) => {
            (u64::from_le_bytes([x0, x1, x2, x3, x4, x5, x6, x7]), 8)
        }
        _ => {
            let rest = &b[at.min(b.len())..];
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            (u64::from_le_bytes(word), rest.len())
        }
    }
}

/// The length class of a pattern of `len` bytes (an index into `PREFIX_CLASSES`).
fn class_of(len: usize) -> usize {
    PREFIX_CLASSES.iter().rposition(|&c| len >= c).unwrap_or(0)
}

/// Number of buckets of the floating candidate table (a power of two).
const BUCKETS: usize = 4096;

impl Keywords {
    /// Compiles `patterns` (lower-case bytes; patterns shorter than two bytes are ignored).
    pub fn new(patterns: &[(Vec<u8>, Anchor)]) -> Keywords {
        let mut trie = vec![Node::default()];
        let mut start_filters = [
            Filter::with_bits(SHORT_FILTER_BITS),
            Filter::with_bits(SHORT_FILTER_BITS),
            Filter::new(),
            Filter::new(),
            Filter::new(),
        ];
        let mut short_filter = Filter::with_bits(SHORT_FILTER_BITS);
        let mut any4_filter = Filter::new();
        let mut floating_filter = Filter::new();
        let mut floating: Vec<FloatingEntry> = Vec::new();
        for (id, (pattern, anchor)) in patterns.iter().enumerate() {
            if pattern.len() < 2 {
                continue;
            }
            let id = id as u32;
            insert(&mut trie, pattern, id);
            let class = class_of(pattern.len());
            let head = load8(pattern, 0).0;
            start_filters[class].set(prefix_key(head, PREFIX_CLASSES[class]));
            // Every pattern of four bytes or more is also in the four-byte filter, the first
            // check for all of them.
            if class >= 2 {
                any4_filter.set(prefix_key(head, 4));
            } else {
                short_filter.set(prefix_key(head, 2));
            }
            if *anchor == Anchor::Floating && pattern.len() >= MIN_FLOATING {
                for offset in 0..STEP {
                    let g = gram_at(pattern, offset);
                    floating_filter.set(hash32(g));
                    floating.push(FloatingEntry {
                        gram: g,
                        offset: offset as u8,
                        id,
                        head: gram_at(pattern, 0),
                    });
                }
            }
        }
        floating.sort_unstable_by_key(|e| (hash32(e.gram) % BUCKETS, e.gram, e.offset, e.id));
        let mut floating_buckets = vec![0u32; BUCKETS + 1];
        for e in &floating {
            floating_buckets[hash32(e.gram) % BUCKETS + 1] += 1;
        }
        for i in 0..BUCKETS {
            floating_buckets[i + 1] += floating_buckets[i];
        }
        let mut kw = Keywords {
            patterns: patterns
                .iter()
                .map(|(p, _)| p.clone().into_boxed_slice())
                .collect(),
            nodes: Vec::with_capacity(trie.len()),
            edges: Vec::new(),
            labels: Vec::new(),
            ends: Vec::new(),
            root: Box::new([0; 256]),
            short_filter,
            any4_filter,
            start_filters,
            floating_filter,
            floating_buckets,
            floating_index: floating,
        };
        kw.flatten(trie);
        kw
    }

    /// Compresses the trie into a radix trie in depth-first order: chains of nodes with one
    /// child and no pattern ending become one label, so a walk compares contiguous bytes.
    fn flatten(&mut self, trie: Vec<Node>) {
        // Node 0 is a sentinel ("no node"); the root is not stored, its children go to `root`.
        self.nodes.push(RadixNode::default());
        if let Some(root) = trie.first() {
            for &(byte, child) in &root.children {
                let id = self.compress(&trie, byte, child as usize);
                self.root[usize::from(byte)] = id;
            }
        }
    }

    /// Emits the radix node that starts with the edge `byte` into trie node `node`.
    fn compress(&mut self, trie: &[Node], byte: u8, mut node: usize) -> u32 {
        let label_start = self.labels.len();
        self.labels.push(byte);
        while trie[node].ends.is_empty() && trie[node].children.len() == 1 {
            let (next_byte, next) = trie[node].children[0];
            self.labels.push(next_byte);
            node = next as usize;
        }
        let id = self.nodes.len();
        self.nodes.push(RadixNode {
            label_start: label_start as u32,
            label_len: (self.labels.len() - label_start) as u16,
            edge_count: trie[node].children.len() as u16,
            first_edge: 0,
            first_end: self.ends.len() as u32,
            end_count: trie[node].ends.len() as u32,
        });
        self.ends.extend_from_slice(&trie[node].ends);
        let children: Vec<(u8, u32)> = trie[node]
            .children
            .iter()
            .map(|&(b, child)| (b, self.compress(trie, b, child as usize)))
            .collect();
        self.nodes[id].first_edge = self.edges.len() as u32;
        self.edges.extend_from_slice(&children);
        id as u32
    }

    /// The pattern with this id.
    pub fn pattern(&self, id: u32) -> &[u8] {
        &self.patterns[id as usize]
    }

    /// Every pattern occurrence that starts at word start `start` or inside the word
    /// `start..end`, appended to `out` as (pattern id, byte range).
    #[inline]
    pub fn match_word(
        &self,
        b: &[u8],
        start: usize,
        end: usize,
        out: &mut Vec<(u32, Range<usize>)>,
    ) {
        self.walk(b, start, out);
        if end >= start + 1 + MIN_FLOATING {
            self.inside(b, start, end, out);
        }
    }

    /// Every occurrence in a whole lower-case text (for tests and measurements).
    pub fn find_all(&self, text: &str, out: &mut Vec<(u32, Range<usize>)>) {
        let b = text.as_bytes();
        for_each_word(text, |start, end| self.match_word(b, start, end, out));
    }

    /// Anchored trie walk from a word start, when the filters say a pattern may start there.
    #[inline]
    fn walk(&self, b: &[u8], at: usize, out: &mut Vec<(u32, Range<usize>)>) {
        // Every pattern has two bytes or more. (An exact table of the patterns' first two bytes
        // used to stand here: 99 % of the words of Swedish prose passed it, so it only cost.)
        if at + 1 >= b.len() {
            return;
        }
        let (x, available) = load8(b, at);
        let f = &self.start_filters;
        let long = available >= 4
            && self.any4_filter.test(prefix_key(x, 4))
            && (f[2].test(prefix_key(x, 4))
                || available >= 6 && f[3].test(prefix_key(x, 6))
                || available >= 8 && f[4].test(prefix_key(x, 8)));
        let short = available >= 2
            && self.short_filter.test(prefix_key(x, 2))
            && (f[0].test(prefix_key(x, 2)) || available >= 3 && f[1].test(prefix_key(x, 3)));
        if long || short {
            self.walk_trie(b, at, out);
        }
    }

    #[inline(never)]
    fn walk_trie(&self, b: &[u8], at: usize, out: &mut Vec<(u32, Range<usize>)>) {
        let mut node = self.root[usize::from(b[at])] as usize;
        let mut i = at;
        while node != 0 {
            let n = self.nodes[node];
            let label = &self.labels[n.label_start as usize..][..usize::from(n.label_len)];
            let Some(text) = b.get(i..i + label.len()) else {
                break;
            };
            if !text.iter().zip(label).all(|(x, y)| x == y) {
                break;
            }
            i += label.len();
            if n.end_count > 0 {
                let ends = n.first_end as usize;
                for &id in &self.ends[ends..ends + n.end_count as usize] {
                    out.push((id, at..i));
                }
            }
            let Some(&byte) = b.get(i) else {
                break;
            };
            let first = n.first_edge as usize;
            let edges = &self.edges[first..first + usize::from(n.edge_count)];
            node = edges
                .iter()
                .find(|e| e.0 == byte)
                .map_or(0, |e| e.1 as usize);
        }
    }

    /// Floating patterns that start inside the word `start..end` (not at its start).
    #[inline]
    fn inside(&self, b: &[u8], start: usize, end: usize, out: &mut Vec<(u32, Range<usize>)>) {
        // An occurrence starting at s (start < s <= end - MIN_FLOATING) contains the sampled
        // position p in s..s + STEP, and the gram p..p + GRAM lies inside it.
        let last = end - GRAM;
        let mut p = start + 1;
        while p <= last {
            let g = gram_at(b, p);
            if self.floating_filter.test(hash32(g)) {
                self.verify(b, start, p, g, out);
            }
            p += STEP;
        }
    }

    #[cold]
    fn verify(
        &self,
        b: &[u8],
        word_start: usize,
        p: usize,
        g: u32,
        out: &mut Vec<(u32, Range<usize>)>,
    ) {
        let bucket = hash32(g) % BUCKETS;
        let range =
            self.floating_buckets[bucket] as usize..self.floating_buckets[bucket + 1] as usize;
        for e in &self.floating_index[range] {
            if e.gram != g {
                continue;
            }
            // Occurrences at the word start (or before it) are the trie walk's.
            let s = p.saturating_sub(usize::from(e.offset));
            // The pattern's first four bytes are checked in the text before the pattern itself
            // is read (most candidates differ there, and the text is in cache).
            if s <= word_start || gram_at(b, s) != e.head {
                continue;
            }
            let id = e.id;
            let pattern = &self.patterns[id as usize];
            if b.get(s..s + pattern.len()) == Some(pattern.as_ref()) {
                out.push((id, s..s + pattern.len()));
            }
        }
    }
}

fn insert(trie: &mut Vec<Node>, pattern: &[u8], id: u32) {
    let mut node = 0usize;
    for &byte in pattern {
        node = match trie[node].children.binary_search_by_key(&byte, |c| c.0) {
            Ok(i) => trie[node].children[i].1 as usize,
            Err(i) => {
                let next = trie.len();
                trie.push(Node::default());
                trie[node].children.insert(i, (byte, next as u32));
                next
            }
        };
    }
    trie[node].ends.push(id);
}

/// Bytes read per step of [`for_each_word`]: one bit per byte in a `u64`.
const BLOCK: usize = 64;

/// Per-byte classes of a block of 64 bytes, one bit per byte (bit `i` is byte `i`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct BlockMasks {
    /// ASCII digits and letters.
    alnum: u64,
    /// Non-ASCII bytes (lead and continuation bytes).
    high: u64,
    /// Lead byte 0xC3 (the Latin-1 letters Swedish uses: Å Ä Ö É …).
    c3: u64,
    /// 0x97 and 0xB7: after 0xC3 they make × and ÷, the two non-letters behind that lead byte.
    times_divide: u64,
}

impl BlockMasks {
    /// The classes of `block`, sixteen bytes at a time with SIMD compares and move-masks
    /// (SSE2 on x86-64, NEON on ARM, scalar elsewhere: the `wide` crate chooses).
    #[inline]
    fn of(block: &[u8; BLOCK]) -> BlockMasks {
        use wide::{CmpEq, CmpGt, CmpLt, i8x16};
        let splat = |b: u8| i8x16::splat(b as i8);
        let mut m = BlockMasks::default();
        for (k, chunk) in block.chunks_exact(16).enumerate() {
            let mut lanes = [0i8; 16];
            for (lane, &b) in lanes.iter_mut().zip(chunk) {
                *lane = b as i8;
            }
            let v = i8x16::new(lanes);
            // Signed compares: the non-ASCII bytes are negative and fall outside every range.
            let digit = v.cmp_gt(splat(b'0' - 1)) & v.cmp_lt(splat(b'9' + 1));
            let folded = v | splat(0x20);
            let letter = folded.cmp_gt(splat(b'a' - 1)) & folded.cmp_lt(splat(b'z' + 1));
            let td = v.cmp_eq(splat(0x97)) | v.cmp_eq(splat(0xB7));
            let bits = |x: i8x16| u64::from(x.move_mask() as u16) << (16 * k);
            m.alnum |= bits(digit | letter);
            m.high |= bits(v);
            m.c3 |= bits(v.cmp_eq(splat(0xC3)));
            m.times_divide |= bits(td);
        }
        m
    }
}

/// Calls `visit(start, end)` for every word of `text`, in order. A word is a maximal run of
/// alphanumeric characters (any script).
///
/// Sixty-four bytes at a time, as bit masks: every non-ASCII byte counts as a word byte, which
/// is exact for the Latin-1 letters (lead byte 0xC3) that Swedish uses; next to any other
/// non-ASCII character (and × ÷) the boundary is decided by decoding it.
pub fn for_each_word(text: &str, mut visit: impl FnMut(usize, usize)) {
    let b = text.as_bytes();
    // Start of the word being read; boundaries alternate start, end, start …
    let mut open = usize::MAX;
    let mut boundary = |at: usize, start: bool| {
        if start {
            open = at;
        } else if open != usize::MAX {
            visit(open, at);
            open = usize::MAX;
        }
    };
    // Bit 0 of each carry: the class of the last byte of the block before.
    let (mut carry_word, mut carry_c3, mut carry_odd, mut carry_c3_odd) = (0u64, 0u64, 0u64, 0u64);
    let mut base = 0;
    // The last block is padded with zero bytes (no word bytes), so that a word ending with the
    // text ends in it; a text whose length is a multiple of 64 gets an empty last block. Only
    // that block is copied, once.
    let mut padded = [0u8; BLOCK];
    while base <= b.len() {
        let block: &[u8; BLOCK] = match b.get(base..base + BLOCK).map(<&[u8; BLOCK]>::try_from) {
            Some(Ok(block)) => block,
            _ => {
                let rest = &b[base..];
                padded[..rest.len()].copy_from_slice(rest);
                &padded
            }
        };
        let m = BlockMasks::of(block);
        let word = m.alnum | m.high;
        let transitions = word ^ ((word << 1) | carry_word);
        carry_word = word >> 63;
        if m.high == 0 && carry_odd | carry_c3_odd == 0 {
            // Plain ASCII: every transition is a boundary.
            carry_c3 = 0;
            let mut t = transitions;
            while t != 0 {
                let bit = t.trailing_zeros() as usize;
                t &= t - 1;
                boundary(base + bit, word >> bit & 1 != 0);
            }
            base += BLOCK;
            continue;
        }
        // The byte after each position (the first byte of the next block for the last one).
        let after = b.get(base + BLOCK).copied().unwrap_or(0);
        let next_td = (m.times_divide >> 1) | u64::from(after == 0x97 || after == 0xB7) << 63;
        let c3_odd = m.c3 & next_td;
        let after_c3 = (m.c3 << 1) | carry_c3;
        let odd = (m.high & !m.c3 & !after_c3) | c3_odd | (c3_odd << 1) | carry_c3_odd;
        let exact = odd | (odd << 1) | carry_odd;
        // Transitions between ASCII and Latin-1 letters are exact; next to any other
        // non-ASCII character the boundary is decided by decoding it.
        let mut candidates = transitions | exact;
        while candidates != 0 {
            let bit = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            let at = base + bit;
            if exact >> bit & 1 == 0 {
                boundary(at, word >> bit & 1 != 0);
            } else if let Some(start) = exact_boundary(text, at) {
                boundary(at, start);
            }
        }
        carry_c3 = m.c3 >> 63;
        carry_odd = odd >> 63;
        carry_c3_odd = c3_odd >> 63;
        base += BLOCK;
    }
}

/// `Some(true)` at a word start, `Some(false)` at a word end, `None` elsewhere.
#[inline]
fn exact_boundary(text: &str, i: usize) -> Option<bool> {
    if !text.is_char_boundary(i) {
        return None;
    }
    match (word_char_before(text, i), word_char_at(text, i)) {
        (false, true) => Some(true),
        (true, false) => Some(false),
        _ => None,
    }
}

#[inline]
fn word_char_before(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i.wrapping_sub(1)) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric),
    }
}

#[inline]
fn word_char_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[i..].chars().next().is_some_and(char::is_alphanumeric),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(patterns: &[(Vec<u8>, Anchor)], text: &str) -> Vec<(u32, Range<usize>)> {
        let mut out = Vec::new();
        for (id, (p, anchor)) in patterns.iter().enumerate() {
            if p.len() < 2 {
                continue;
            }
            let p = std::str::from_utf8(p).unwrap_or_default();
            for (at, _) in text.match_indices(p) {
                let word_start = !word_char_before(text, at) && word_char_at(text, at);
                let inside = word_char_before(text, at);
                let floating = *anchor == Anchor::Floating && p.len() >= MIN_FLOATING;
                if word_start || (floating && inside) {
                    out.push((id as u32, at..at + p.len()));
                }
            }
        }
        out.sort_by_key(|(id, r)| (r.start, r.end, *id));
        out.dedup();
        out
    }

    fn engine(patterns: &[(Vec<u8>, Anchor)], text: &str) -> Vec<(u32, Range<usize>)> {
        let kw = Keywords::new(patterns);
        let mut out = Vec::new();
        kw.find_all(text, &mut out);
        out.sort_by_key(|(id, r)| (r.start, r.end, *id));
        out.dedup();
        out
    }

    fn pats(list: &[(&str, Anchor)]) -> Vec<(Vec<u8>, Anchor)> {
        list.iter()
            .map(|(p, a)| (p.as_bytes().to_vec(), *a))
            .collect()
    }

    #[test]
    fn anchored_and_floating() {
        let p = pats(&[
            ("rån", Anchor::Start),
            ("missbruk", Anchor::Floating),
            ("medlem i", Anchor::Start),
            ("hiv", Anchor::Floating),
        ]);
        let text = "från rånet; alkoholmissbruk och missbruk. medlem i facket, hiv";
        let found = engine(&p, text);
        assert_eq!(found, naive(&p, text));
        let words: Vec<&str> = found.iter().map(|(_, r)| &text[r.clone()]).collect();
        assert_eq!(
            words,
            vec!["rån", "missbruk", "missbruk", "medlem i", "hiv"]
        );
    }

    #[test]
    fn words_are_exact_next_to_non_ascii_punctuation() {
        let mut words = Vec::new();
        let text = "“hemlig” §x ä×b påå 1–2";
        for_each_word(text, |s, e| words.push(&text[s..e]));
        assert_eq!(words, vec!["hemlig", "x", "ä", "b", "påå", "1", "2"]);
    }

    #[test]
    fn boundaries_in_every_chunk_position() {
        let p = pats(&[("ab", Anchor::Start), ("abcdef", Anchor::Floating)]);
        // Every offset against the 64-byte blocks, with a Latin-1 letter, a × and a – too.
        for pad in 0..130 {
            let text = format!("{}ab abcdef xabcdefx ab", " ".repeat(pad));
            assert_eq!(engine(&p, &text), naive(&p, &text), "pad {pad}");
            let text = format!("{}åb ab×ab–abcdef ÷xabcdefx ab", " ".repeat(pad));
            assert_eq!(engine(&p, &text), naive(&p, &text), "pad {pad}");
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        const PIECES: &[&str] = &[
            "a",
            "b",
            "ab",
            "rån",
            "från",
            "miss",
            "bruk",
            "missbruk",
            "gatan",
            "gata",
            "å",
            "ä",
            "ö",
            "Å",
            " ",
            "  ",
            "-",
            ".",
            "“",
            "”",
            "§",
            "…",
            "1",
            "23",
            "é",
            "sjuk",
            "skriv",
            "sjukskriv",
            "medlem",
            "i",
            "facket",
            "\n",
            "×",
            "÷",
            "e\u{301}",
        ];

        fn text() -> impl Strategy<Value = String> {
            proptest::collection::vec(proptest::sample::select(PIECES), 0..60)
                .prop_map(|v| v.concat())
        }

        fn pattern_set() -> impl Strategy<Value = Vec<(Vec<u8>, Anchor)>> {
            let pattern = (
                proptest::sample::select(
                    &[
                        "ab",
                        "rån",
                        "missbruk",
                        "bruk",
                        "sjukskriv",
                        "medlem i",
                        "gatan",
                        "ata",
                        "å a",
                        "åb",
                        "skriv",
                        "sjuk",
                        "iss",
                        "kskriv",
                        "ssbruk",
                    ][..],
                ),
                proptest::sample::select(&[Anchor::Start, Anchor::Floating][..]),
            )
                .prop_map(|(p, a)| (p.as_bytes().to_vec(), a));
            proptest::collection::vec(pattern, 1..8)
        }

        proptest! {
            #[test]
            fn engine_finds_exactly_what_a_naive_search_finds(patterns in pattern_set(), text in text()) {
                let text = text.to_lowercase();
                prop_assert_eq!(engine(&patterns, &text), naive(&patterns, &text));
            }

            #[test]
            fn words_are_the_alphanumeric_runs(text in text()) {
                let mut words = Vec::new();
                for_each_word(&text, |s, e| words.push((s, e)));
                let mut expected = Vec::new();
                let mut start = None;
                for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
                    match (start, c.is_alphanumeric()) {
                        (None, true) => start = Some(i),
                        (Some(s), false) => { expected.push((s, i)); start = None; }
                        _ => {}
                    }
                }
                prop_assert_eq!(words, expected);
            }
        }
    }
}
