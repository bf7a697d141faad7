//! Sparse maps from a derived text back to the bytes it came from.
//!
//! Normalisation (fullwidth digits → ASCII) and extraction (JSON escapes, charsets, percent
//! encoding) both produce a new text whose bytes must be traced back to the original input, so
//! that a finding's span points at exactly the original matched bytes. Most of a text is copied
//! verbatim; a map stores one piece per verbatim run and one per replaced unit.

use std::ops::Range;

/// A map from byte offsets of a derived text to byte ranges of its source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    /// Where the piece starts in the derived text.
    out: usize,
    /// Where it starts in the source.
    src: usize,
    /// 0 for a verbatim piece; otherwise the length of the source range it replaced.
    replaced_len: usize,
}

impl OffsetMap {
    /// Records that the derived byte `out` is source byte `src`, and that bytes follow one for
    /// one until the next piece. Adjacent verbatim runs are merged.
    pub fn verbatim(&mut self, out: usize, src: usize) {
        let contiguous = self
            .pieces
            .last()
            .is_some_and(|p| p.replaced_len == 0 && p.src + (out - p.out) == src);
        if !contiguous {
            self.pieces.push(Piece {
                out,
                src,
                replaced_len: 0,
            });
        }
    }

    /// Records that the derived bytes from `out` (to the next piece) replace `src` as a whole.
    pub fn replaced(&mut self, out: usize, src: Range<usize>) {
        self.pieces.push(Piece {
            out,
            src: src.start,
            replaced_len: src.len().max(1),
        });
    }

    /// Forgets every piece starting at or after derived byte `out` (the text was truncated).
    pub fn truncate(&mut self, out: usize) {
        while self.pieces.last().is_some_and(|p| p.out >= out) {
            self.pieces.pop();
        }
    }

    fn piece_at(&self, out: usize) -> Option<&Piece> {
        let index = self.pieces.partition_point(|p| p.out <= out);
        index.checked_sub(1).and_then(|i| self.pieces.get(i))
    }

    fn start(&self, out: usize) -> usize {
        match self.piece_at(out) {
            None => 0,
            Some(p) if p.replaced_len == 0 => p.src + (out - p.out),
            Some(p) => p.src,
        }
    }

    /// Source end of the derived byte `out - 1`.
    fn end(&self, out: usize) -> usize {
        if out == 0 {
            return self.start(0);
        }
        match self.piece_at(out - 1) {
            None => 0,
            Some(p) if p.replaced_len == 0 => p.src + (out - p.out),
            Some(p) => p.src + p.replaced_len,
        }
    }

    /// The source range that derived bytes `span` came from. `out_len` is the derived length.
    pub fn source_span(&self, span: Range<usize>, out_len: usize) -> Range<usize> {
        let start = span.start.min(out_len);
        let end = span.end.clamp(start, out_len);
        if start == end {
            let at = self.start(start);
            return at..at;
        }
        self.start(start)..self.end(end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_and_replaced_pieces() {
        // Source "a\u00e4b" (JSON escape, 8 bytes) → derived "aäb" (4 bytes).
        let mut map = OffsetMap::default();
        map.verbatim(0, 0);
        map.replaced(1, 1..7);
        map.verbatim(3, 7);
        assert_eq!(map.source_span(0..4, 4), 0..8);
        assert_eq!(map.source_span(1..3, 4), 1..7);
        assert_eq!(map.source_span(3..4, 4), 7..8);
        assert_eq!(map.source_span(0..1, 4), 0..1);
    }
}
