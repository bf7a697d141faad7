//! Content-Encoding decoding (gzip, deflate, br, zstd) with a hard limit on the decoded size.
//!
//! A compression bomb is the reason this module exists: 16 KiB of zstd can expand to 512 MiB.
//! Every layer is decoded incrementally, 64 KiB at a time, into an output that never
//! grows past the limit, and decoding stops with [`Uninspectable::TooLarge`] as soon as the
//! output would pass it. Memory per call is therefore bounded by:
//! - at most two buffers of `limit` bytes (the input and the output of a stacked layer),
//! - one chunk buffer of 64 KiB,
//! - the decoder's own window: 32 KiB for gzip and deflate, at most 16 MiB for brotli (the
//!   format's maximum without the large-window extension, which is not enabled), and for zstd
//!   at most the larger of 8 MiB and `limit` rounded up to a power of two, capped at 128 MiB.
//!
//! Anything that is not exactly a valid stream is [`Uninspectable::Corrupt`]: truncation, bad
//! checksums and trailing bytes after the end of the stream alike. Trailing bytes matter because
//! the upstream may read them differently from us, and then it would see text we never scanned.

use std::io::{self, Read};

use brotli::enc::StandardAlloc;
use brotli::{BrotliDecompressStream, BrotliResult, BrotliState};
use flate2::bufread::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

/// How many decoded bytes are produced per step.
const CHUNK: usize = 64 * 1024;

pub use super::uninspectable::Uninspectable;
use std::borrow::Cow;

/// Decodes `body` as declared by the Content-Encoding header value(s) `encodings` (e.g.
/// `"gzip"`, `"gzip, br"`), producing at most `limit` decoded bytes.
///
/// The sender applied the codings in the order listed, so they are undone in reverse. `identity`
/// and empty list elements are no-ops; names are matched case-insensitively; `x-gzip` is gzip;
/// `deflate` is zlib-wrapped (RFC 9110) but raw deflate is accepted too. Every coding is checked
/// before any decoding starts, so an unknown coding anywhere costs no work. Every layer, not just
/// the last, is held to `limit`. An empty body decodes to an empty body whatever the codings.
pub fn decode<'a>(
    body: &'a [u8],
    encodings: &str,
    limit: usize,
) -> Result<Cow<'a, [u8]>, Uninspectable> {
    let layers = codings(encodings)
        .into_iter()
        .map(|name| Coding::parse(&name).ok_or(Uninspectable::UnknownEncoding(name)))
        .collect::<Result<Vec<_>, _>>()?;
    let mut layers = layers.into_iter().rev();
    let Some(outermost) = layers.next() else {
        return identity(body, limit).map(Cow::Borrowed);
    };
    let mut data = outermost.decode(body, limit)?;
    for layer in layers {
        data = layer.decode(&data, limit)?;
    }
    Ok(Cow::Owned(data))
}

/// The content codings (lower case) in `encodings`, in the order they were applied, without
/// `identity`.
pub fn codings(encodings: &str) -> Vec<String> {
    encodings
        .split(',')
        .map(|name| name.trim().to_ascii_lowercase())
        .filter(|name| !name.is_empty() && name != "identity")
        .collect()
}

/// The body as it is, if it fits.
fn identity(body: &[u8], limit: usize) -> Result<&[u8], Uninspectable> {
    if body.len() > limit {
        return Err(Uninspectable::TooLarge { limit });
    }
    Ok(body)
}

/// A content coding this module can undo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Coding {
    Gzip,
    Deflate,
    Brotli,
    Zstd,
}

impl Coding {
    /// The coding named `name` (already lower case), if it is one we decode.
    fn parse(name: &str) -> Option<Self> {
        match name {
            "gzip" | "x-gzip" => Some(Self::Gzip),
            "deflate" => Some(Self::Deflate),
            "br" => Some(Self::Brotli),
            "zstd" => Some(Self::Zstd),
            _ => None,
        }
    }

    /// The canonical name, as reported in [`Uninspectable::Corrupt`].
    fn name(self) -> &'static str {
        match self {
            Self::Gzip => "gzip",
            Self::Deflate => "deflate",
            Self::Brotli => "br",
            Self::Zstd => "zstd",
        }
    }

    /// Undoes this one coding of `input`, producing at most `limit` bytes.
    fn decode(self, input: &[u8], limit: usize) -> Result<Vec<u8>, Uninspectable> {
        if input.is_empty() {
            // Nothing was sent, so nothing can hide; some clients label empty bodies too.
            return Ok(Vec::new());
        }
        let corrupt = Uninspectable::Corrupt {
            encoding: self.name(),
        };
        match self {
            // MultiGzDecoder accepts concatenated members (RFC 1952 allows them) and fails on
            // anything after the last member that is not another member.
            Self::Gzip => drain(MultiGzDecoder::new(input), limit, |_| corrupt.clone())
                .and_then(|(out, rest)| finished(out, rest.get_ref(), &corrupt)),
            Self::Deflate => inflate(input, limit, &corrupt),
            Self::Brotli => unbrotli(input, limit, &corrupt),
            Self::Zstd => unzstd(input, limit, &corrupt),
        }
    }
}

/// `deflate`: zlib-wrapped as RFC 9110 says, or raw deflate as some senders produce.
fn inflate(input: &[u8], limit: usize, corrupt: &Uninspectable) -> Result<Vec<u8>, Uninspectable> {
    let zlib = drain(ZlibDecoder::new(input), limit, |_| corrupt.clone())
        .and_then(|(out, rest)| finished(out, rest.get_ref(), corrupt));
    match zlib {
        Err(Uninspectable::Corrupt { .. }) => {
            drain(DeflateDecoder::new(input), limit, |_| corrupt.clone())
                .and_then(|(out, rest)| finished(out, rest.get_ref(), corrupt))
        }
        other => other,
    }
}

/// `br`, driven through the stream API so we see exactly how much input was used: the
/// `Decompressor` reader only notices trailing bytes that happen to sit in its buffer.
fn unbrotli(input: &[u8], limit: usize, corrupt: &Uninspectable) -> Result<Vec<u8>, Uninspectable> {
    let mut state = BrotliState::new(
        StandardAlloc::default(),
        StandardAlloc::default(),
        StandardAlloc::default(),
    );
    let mut chunk = vec![0u8; CHUNK];
    let mut out = Bounded::new(limit);
    let (mut available_in, mut input_offset, mut total_out) = (input.len(), 0, 0);
    loop {
        let (mut available_out, mut output_offset) = (chunk.len(), 0);
        let result = BrotliDecompressStream(
            &mut available_in,
            &mut input_offset,
            input,
            &mut available_out,
            &mut output_offset,
            &mut chunk,
            &mut total_out,
            &mut state,
        );
        out.push(chunk.get(..output_offset).ok_or_else(|| corrupt.clone())?)?;
        match result {
            BrotliResult::NeedsMoreOutput => {}
            BrotliResult::ResultSuccess if available_in == 0 => return Ok(out.into_inner()),
            // All the input was given at once, so needing more means it was cut short.
            BrotliResult::ResultSuccess
            | BrotliResult::NeedsMoreInput
            | BrotliResult::ResultFailure => return Err(corrupt.clone()),
        }
    }
}

/// `zstd`, one or more frames, with the window the decoder may allocate tied to `limit`.
fn unzstd(input: &[u8], limit: usize, corrupt: &Uninspectable) -> Result<Vec<u8>, Uninspectable> {
    let mut decoder =
        zstd::stream::read::Decoder::with_buffer(input).map_err(|_| corrupt.clone())?;
    decoder
        .window_log_max(zstd_window_log_max(limit))
        .map_err(|_| corrupt.clone())?;
    let classify = |error: io::Error| {
        // zstd reports a frame whose window exceeds our maximum only through its message
        // (ZSTD_error_frameParameter_windowTooLarge). Such a frame asks for more memory than
        // the limit allows, and a single-segment frame's window is its content size, so it is
        // too large rather than corrupt.
        if error.to_string() == ZSTD_WINDOW_TOO_LARGE {
            Uninspectable::TooLarge { limit }
        } else {
            corrupt.clone()
        }
    };
    let (out, rest) = drain(decoder, limit, classify)?;
    finished(out, rest.get_ref(), corrupt)
}

/// The message zstd gives for a frame whose window is larger than `window_log_max` allows.
const ZSTD_WINDOW_TOO_LARGE: &str = "Frame requires too much memory for decoding";

/// The largest zstd window (as a power of two) we let a frame ask for: enough for any frame
/// whose content fits in `limit`, and never less than 2^23 (8 MiB), the largest window zstd's
/// non-"ultra" levels (1 to 19) use, nor more than 2^27, zstd's own default maximum.
fn zstd_window_log_max(limit: usize) -> u32 {
    let needed = usize::BITS - limit.saturating_sub(1).leading_zeros();
    needed.clamp(23, 27)
}

/// Checks that the decoder used all of its input, then hands back what it produced.
fn finished(out: Vec<u8>, rest: &[u8], corrupt: &Uninspectable) -> Result<Vec<u8>, Uninspectable> {
    if rest.is_empty() {
        Ok(out)
    } else {
        Err(corrupt.clone())
    }
}

/// Reads `decoder` to its end, [`CHUNK`] bytes at a time, into at most `limit` bytes; gives the
/// decoder back so the caller can see what input it left over. Read errors go through `classify`.
fn drain<R: Read>(
    mut decoder: R,
    limit: usize,
    classify: impl Fn(io::Error) -> Uninspectable,
) -> Result<(Vec<u8>, R), Uninspectable> {
    let mut chunk = vec![0u8; CHUNK];
    let mut out = Bounded::new(limit);
    loop {
        match decoder.read(&mut chunk) {
            Ok(0) => return Ok((out.into_inner(), decoder)),
            Ok(n) => match chunk.get(..n) {
                Some(produced) => out.push(produced)?,
                // A reader that claims more than the buffer holds is broken; trust none of it.
                None => return Err(classify(io::ErrorKind::InvalidData.into())),
            },
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(classify(error)),
        }
    }
}

/// Decoded output that refuses to grow past its limit, and whose allocation never exceeds it.
#[derive(Debug)]
struct Bounded {
    bytes: Vec<u8>,
    limit: usize,
}

impl Bounded {
    /// An empty output that may hold up to `limit` bytes.
    fn new(limit: usize) -> Self {
        Self {
            bytes: Vec::new(),
            limit,
        }
    }

    /// Appends `chunk`, or fails with `TooLarge` if that would pass the limit.
    fn push(&mut self, chunk: &[u8]) -> Result<(), Uninspectable> {
        let len = self.bytes.len().saturating_add(chunk.len());
        if len > self.limit {
            return Err(Uninspectable::TooLarge { limit: self.limit });
        }
        if len > self.bytes.capacity() {
            // Double as `Vec` would, but never reserve past the limit.
            let target = len
                .max(self.bytes.capacity().saturating_mul(2))
                .min(self.limit);
            self.bytes.reserve_exact(target - self.bytes.len());
        }
        self.bytes.extend_from_slice(chunk);
        Ok(())
    }

    /// The bytes produced.
    fn into_inner(self) -> Vec<u8> {
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codings_are_lower_case_in_order_without_identity() {
        assert_eq!(codings(" GZIP ,identity,, Br\t"), ["gzip", "br"]);
        assert_eq!(codings(""), Vec::<String>::new());
        assert_eq!(codings("x-gzip"), ["x-gzip"]);
    }

    #[test]
    fn output_never_reserves_past_the_limit() {
        let limit = 3 * CHUNK + 17;
        let mut out = Bounded::new(limit);
        let chunk = vec![7u8; CHUNK];
        for _ in 0..3 {
            assert!(out.push(&chunk).is_ok());
        }
        assert!(out.push(&chunk[..17]).is_ok());
        assert_eq!(out.bytes.len(), limit);
        assert!(out.bytes.capacity() <= limit);
        assert_eq!(out.push(&[0]), Err(Uninspectable::TooLarge { limit }));
    }

    #[test]
    fn zstd_window_follows_the_limit_within_zstd_bounds() {
        assert_eq!(zstd_window_log_max(0), 23);
        assert_eq!(zstd_window_log_max(1 << 20), 23);
        assert_eq!(zstd_window_log_max(10 << 20), 24);
        assert_eq!(zstd_window_log_max(16 << 20), 24);
        assert_eq!(zstd_window_log_max((16 << 20) + 1), 25);
        assert_eq!(zstd_window_log_max(usize::MAX), 27);
    }

    #[test]
    fn empty_body_is_empty_whatever_the_known_coding() {
        for coding in ["gzip", "deflate", "br", "zstd", "gzip, br"] {
            assert_eq!(
                decode(b"", coding, 0).map(Cow::into_owned),
                Ok(Vec::new()),
                "{coding}"
            );
        }
        assert_eq!(
            decode(b"", "compress", 0),
            Err(Uninspectable::UnknownEncoding("compress".into()))
        );
    }

    #[test]
    fn identity_is_held_to_the_limit() {
        assert_eq!(
            decode(b"abc", "identity", 3).map(Cow::into_owned),
            Ok(b"abc".to_vec())
        );
        assert_eq!(
            decode(b"abc", "", 2),
            Err(Uninspectable::TooLarge { limit: 2 })
        );
    }
}
