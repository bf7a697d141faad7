//! `body::decode`: round trips for every content coding and stacks of them, unknown and corrupt
//! encodings, the limit, and compression bombs. All compressed data is made here with the
//! encoders of the same crates, so there are no binary fixtures.

use std::io::{self, Read, Write};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use sluss::body::Uninspectable;

/// `body::decode` with an owned result, for comparisons.
fn decode(body: &[u8], encodings: &str, limit: usize) -> Result<Vec<u8>, Uninspectable> {
    sluss::body::decode(body, encodings, limit).map(std::borrow::Cow::into_owned)
}

const MIB: usize = 1 << 20;

/// A sender-side coding, as used to build test bodies.
#[derive(Clone, Copy, Debug)]
enum Enc {
    Gzip,
    Zlib,
    RawDeflate,
    Brotli,
    Zstd,
    Identity,
}

impl Enc {
    /// The Content-Encoding name for this coding.
    fn header(self) -> &'static str {
        match self {
            Enc::Gzip => "gzip",
            Enc::Zlib | Enc::RawDeflate => "deflate",
            Enc::Brotli => "br",
            Enc::Zstd => "zstd",
            Enc::Identity => "identity",
        }
    }

    /// Encodes everything `input` yields.
    fn encode_from(self, mut input: impl Read) -> io::Result<Vec<u8>> {
        use flate2::Compression;
        let level = Compression::default();
        match self {
            Enc::Gzip => {
                let mut e = flate2::write::GzEncoder::new(Vec::new(), level);
                io::copy(&mut input, &mut e)?;
                e.finish()
            }
            Enc::Zlib => {
                let mut e = flate2::write::ZlibEncoder::new(Vec::new(), level);
                io::copy(&mut input, &mut e)?;
                e.finish()
            }
            Enc::RawDeflate => {
                let mut e = flate2::write::DeflateEncoder::new(Vec::new(), level);
                io::copy(&mut input, &mut e)?;
                e.finish()
            }
            Enc::Brotli => {
                let mut out = Vec::new();
                {
                    let mut e = brotli::CompressorWriter::new(&mut out, 64 * 1024, 5, 22);
                    io::copy(&mut input, &mut e)?;
                    e.flush()?;
                }
                Ok(out)
            }
            Enc::Zstd => {
                let mut e = zstd::stream::write::Encoder::new(Vec::new(), 19)?;
                io::copy(&mut input, &mut e)?;
                e.finish()
            }
            Enc::Identity => {
                let mut out = Vec::new();
                input.read_to_end(&mut out)?;
                Ok(out)
            }
        }
    }

    fn encode(self, data: &[u8]) -> Vec<u8> {
        match self.encode_from(data) {
            Ok(encoded) => encoded,
            Err(e) => unreachable!("encoding into memory failed: {e}"),
        }
    }
}

/// Applies `stack` in order, as a sender would; returns the body and its header value.
fn encode_stack(data: &[u8], stack: &[Enc]) -> (Vec<u8>, String) {
    let body = stack.iter().fold(data.to_vec(), |d, enc| enc.encode(&d));
    let header = stack
        .iter()
        .map(|enc| enc.header())
        .collect::<Vec<_>>()
        .join(", ");
    (body, header)
}

fn sample() -> Vec<u8> {
    "Hej! Mitt personnummer är 19121212-1212 och jag bor i Göteborg. "
        .repeat(200)
        .into_bytes()
}

/// Incompressible bytes (xorshift), so compressed sizes are predictable.
fn noise(len: usize) -> Vec<u8> {
    let mut x = 0x2545_f491_4f6c_dd1du64;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x.to_le_bytes()[0]
        })
        .collect()
}

fn corrupt(encoding: &'static str) -> Result<Vec<u8>, Uninspectable> {
    Err(Uninspectable::Corrupt { encoding })
}

#[test]
fn each_coding_round_trips() {
    let data = sample();
    for enc in [
        Enc::Gzip,
        Enc::Zlib,
        Enc::RawDeflate,
        Enc::Brotli,
        Enc::Zstd,
        Enc::Identity,
    ] {
        let body = enc.encode(&data);
        assert_eq!(
            decode(&body, enc.header(), MIB),
            Ok(data.clone()),
            "{enc:?}"
        );
    }
}

#[test]
fn stacks_round_trip_in_reverse_order() {
    let data = sample();
    for stack in [
        &[Enc::Gzip, Enc::Brotli][..],
        &[Enc::Brotli, Enc::Gzip],
        &[Enc::Zstd, Enc::Zlib, Enc::Gzip],
        &[Enc::RawDeflate, Enc::Identity, Enc::Zstd],
        &[Enc::Gzip, Enc::Gzip],
    ] {
        let (body, header) = encode_stack(&data, stack);
        assert_eq!(decode(&body, &header, MIB), Ok(data.clone()), "{header}");
    }
}

#[test]
fn names_are_case_insensitive_whitespace_tolerant_and_x_gzip_is_gzip() {
    let data = sample();
    let gz = Enc::Gzip.encode(&data);
    for header in [
        "GZIP",
        "x-gzip",
        " Gzip ",
        "identity, gzip",
        "gzip,identity",
        ",gzip,",
    ] {
        assert_eq!(decode(&gz, header, MIB), Ok(data.clone()), "{header}");
    }
    let (body, _) = encode_stack(&data, &[Enc::Gzip, Enc::Brotli]);
    assert_eq!(decode(&body, "gzip,BR", MIB), Ok(data.clone()));
    assert_eq!(decode(&body, "X-GZIP ,\tbr", MIB), Ok(data.clone()));
}

#[test]
fn identity_and_empty_header_pass_the_body_through() {
    let data = sample();
    assert_eq!(decode(&data, "identity", MIB), Ok(data.clone()));
    assert_eq!(decode(&data, "", MIB), Ok(data.clone()));
    assert_eq!(decode(&data, " , ", MIB), Ok(data.clone()));
}

#[test]
fn unknown_codings_are_named() {
    let gz = Enc::Gzip.encode(&sample());
    for (header, name) in [
        ("compress", "compress"),
        ("foo", "foo"),
        ("gzip, FOO", "foo"),
        ("x-compress, gzip", "x-compress"),
    ] {
        assert_eq!(
            decode(&gz, header, MIB),
            Err(Uninspectable::UnknownEncoding(name.to_string())),
            "{header}"
        );
    }
}

#[test]
fn garbage_is_corrupt_for_each_coding() {
    let garbage = b"this is not compressed at all, not even a little".to_vec();
    for (header, name) in [
        ("gzip", "gzip"),
        ("deflate", "deflate"),
        ("br", "br"),
        ("zstd", "zstd"),
    ] {
        assert_eq!(decode(&garbage, header, MIB), corrupt(name), "{header}");
    }
}

#[test]
fn truncated_streams_are_corrupt() {
    let data = sample();
    for enc in [
        Enc::Gzip,
        Enc::Zlib,
        Enc::RawDeflate,
        Enc::Brotli,
        Enc::Zstd,
    ] {
        let body = enc.encode(&data);
        for cut in [1, 4, body.len() / 2] {
            let short = &body[..body.len() - cut];
            assert_eq!(
                decode(short, enc.header(), MIB),
                corrupt(enc.header()),
                "{enc:?} cut {cut}"
            );
        }
    }
}

#[test]
fn flipped_bytes_are_corrupt() {
    let data = sample();
    for enc in [Enc::Gzip, Enc::Zlib, Enc::Brotli, Enc::Zstd] {
        let mut body = enc.encode(&data);
        // The last bytes are the checksum (gzip CRC-32, zlib Adler-32, zstd XXH64 only if
        // enabled) or the end of the compressed data (brotli, zstd without checksum).
        let at = body.len() - 2;
        body[at] ^= 0x55;
        assert_eq!(
            decode(&body, enc.header(), MIB),
            corrupt(enc.header()),
            "{enc:?}"
        );
    }
}

#[test]
fn trailing_garbage_is_corrupt_for_each_coding() {
    let data = sample();
    for enc in [
        Enc::Gzip,
        Enc::Zlib,
        Enc::RawDeflate,
        Enc::Brotli,
        Enc::Zstd,
    ] {
        for tail in [
            &b"x"[..],
            b"\0",
            b"\0\0\0\0\0\0\0\0",
            b"trailing text the upstream might read",
        ] {
            let mut body = enc.encode(&data);
            body.extend_from_slice(tail);
            assert_eq!(
                decode(&body, enc.header(), MIB),
                corrupt(enc.header()),
                "{enc:?} + {tail:?}"
            );
        }
    }
}

#[test]
fn concatenated_gzip_members_are_one_body() {
    let mut body = Enc::Gzip.encode(b"first member, ");
    body.extend(Enc::Gzip.encode(b"second member"));
    assert_eq!(
        decode(&body, "gzip", MIB),
        Ok(b"first member, second member".to_vec())
    );
}

#[test]
fn concatenated_zstd_frames_are_one_body() {
    let mut body = Enc::Zstd.encode(b"first frame, ");
    body.extend(Enc::Zstd.encode(b"second frame"));
    assert_eq!(
        decode(&body, "zstd", MIB),
        Ok(b"first frame, second frame".to_vec())
    );
}

#[test]
fn output_exactly_at_the_limit_fits_and_one_byte_more_does_not() {
    let data = sample();
    let limit = data.len();
    for enc in [
        Enc::Gzip,
        Enc::Zlib,
        Enc::RawDeflate,
        Enc::Brotli,
        Enc::Zstd,
        Enc::Identity,
    ] {
        let body = enc.encode(&data);
        assert_eq!(
            decode(&body, enc.header(), limit),
            Ok(data.clone()),
            "{enc:?}"
        );
        assert_eq!(
            decode(&body, enc.header(), limit - 1),
            Err(Uninspectable::TooLarge { limit: limit - 1 }),
            "{enc:?}"
        );
        let mut bigger = data.clone();
        bigger.push(b'!');
        assert_eq!(
            decode(&enc.encode(&bigger), enc.header(), limit),
            Err(Uninspectable::TooLarge { limit }),
            "{enc:?}"
        );
    }
}

#[test]
fn limit_applies_across_chunk_boundaries() {
    // Larger than one 64 KiB decoding chunk, so the limit is hit in a later chunk.
    let data = noise(300_000);
    for enc in [Enc::Gzip, Enc::Brotli, Enc::Zstd] {
        let body = enc.encode(&data);
        assert_eq!(
            decode(&body, enc.header(), data.len()),
            Ok(data.clone()),
            "{enc:?}"
        );
        assert_eq!(
            decode(&body, enc.header(), 200_000),
            Err(Uninspectable::TooLarge { limit: 200_000 }),
            "{enc:?}"
        );
    }
}

#[test]
fn intermediate_layers_are_held_to_the_limit() {
    // gzip of a gzip body of 100 KB: the outer layer alone decodes to more than 1 KB.
    let inner = Enc::Gzip.encode(&noise(100_000));
    assert!(inner.len() > 50_000);
    let body = Enc::Gzip.encode(&inner);
    assert_eq!(
        decode(&body, "gzip, gzip", 1000),
        Err(Uninspectable::TooLarge { limit: 1000 })
    );
}

#[test]
fn zstd_frame_with_a_window_beyond_the_limit_is_too_large() {
    // An ultra-level stream without a known size declares a 128 MiB window; a 1 MiB limit
    // allows 8 MiB, so the decoder refuses to allocate it.
    let mut encoder = match zstd::stream::write::Encoder::new(Vec::new(), 22) {
        Ok(e) => e,
        Err(e) => unreachable!("{e}"),
    };
    assert!(encoder.window_log(27).is_ok());
    assert!(encoder.long_distance_matching(true).is_ok());
    assert!(encoder.include_contentsize(false).is_ok());
    assert!(encoder.write_all(b"small content, huge window").is_ok());
    let body = match encoder.finish() {
        Ok(b) => b,
        Err(e) => unreachable!("{e}"),
    };
    assert_eq!(
        decode(&body, "zstd", MIB),
        Err(Uninspectable::TooLarge { limit: MIB })
    );
}

// ---------------------------------------------------------------------------------------------
// Bombs: small bodies that expand to hundreds of MiB must fail fast.

/// `size` zero bytes compressed as `header` says, streaming from `io::repeat`, so the test
/// never holds the expanded bomb. The levels are the fastest that still reach the format's
/// best ratio on zeros (gzip's fast level and brotli's quality 1 give bombs 3 to 1000 times
/// bigger).
fn zeros(header: &str, size: usize) -> io::Result<Vec<u8>> {
    let input = io::repeat(0).take(size as u64);
    bomb_from(header, input)
}

fn bomb_from(header: &str, mut input: impl Read) -> io::Result<Vec<u8>> {
    match header {
        "gzip" => {
            let level = flate2::Compression::default();
            let mut e = flate2::write::GzEncoder::new(Vec::new(), level);
            io::copy(&mut input, &mut e)?;
            e.finish()
        }
        "br" => {
            let mut out = Vec::new();
            {
                let mut e = brotli::CompressorWriter::new(&mut out, 64 * 1024, 5, 22);
                io::copy(&mut input, &mut e)?;
                e.flush()?;
            }
            Ok(out)
        }
        _ => {
            let mut e = zstd::stream::write::Encoder::new(Vec::new(), 1)?;
            io::copy(&mut input, &mut e)?;
            e.finish()
        }
    }
}

/// The 128 MiB gzip bomb, made once for the tests that need it.
fn gzip_bomb() -> &'static [u8] {
    static BOMB: OnceLock<Vec<u8>> = OnceLock::new();
    BOMB.get_or_init(|| zeros("gzip", 128 * MIB).unwrap_or_default())
}

/// Decodes `body` with a 10 MiB limit, asserts TooLarge and returns how long it took.
fn defuse(body: &[u8], header: &str) -> Duration {
    let limit = 10 * MIB;
    let start = Instant::now();
    let result = decode(body, header, limit);
    let took = start.elapsed();
    assert_eq!(result, Err(Uninspectable::TooLarge { limit }), "{header}");
    eprintln!(
        "{header} bomb of {} bytes: TooLarge after {took:?}",
        body.len()
    );
    took
}

/// Generous for an unoptimised test build on a shared machine; optimised it is a few ms.
const BOMB_TIME: Duration = Duration::from_secs(1);

#[test]
fn zstd_bomb_of_512_mib_fails_fast() {
    let bomb = zeros("zstd", 512 * MIB).unwrap_or_default();
    assert!(bomb.len() < 32 * 1024, "zstd bomb is {} bytes", bomb.len());
    assert!(defuse(&bomb, "zstd") < BOMB_TIME);
}

#[test]
fn gzip_bomb_of_128_mib_fails_fast() {
    let bomb = gzip_bomb();
    assert!(bomb.len() < 256 * 1024, "gzip bomb is {} bytes", bomb.len());
    assert!(defuse(bomb, "gzip") < BOMB_TIME);
}

#[test]
fn brotli_bomb_of_128_mib_fails_fast() {
    let bomb = zeros("br", 128 * MIB).unwrap_or_default();
    assert!(
        bomb.len() < 32 * 1024,
        "brotli bomb is {} bytes",
        bomb.len()
    );
    assert!(defuse(&bomb, "br") < BOMB_TIME);
}

#[test]
fn nested_gzip_bomb_fails_fast() {
    let bomb = Enc::Gzip.encode(gzip_bomb());
    assert!(
        bomb.len() < 16 * 1024,
        "nested gzip bomb is {} bytes",
        bomb.len()
    );
    assert!(defuse(&bomb, "gzip, gzip") < BOMB_TIME);
}

// ---------------------------------------------------------------------------------------------

fn any_enc() -> impl Strategy<Value = Enc> {
    prop_oneof![
        Just(Enc::Gzip),
        Just(Enc::Zlib),
        Just(Enc::RawDeflate),
        Just(Enc::Brotli),
        Just(Enc::Zstd),
        Just(Enc::Identity),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Encode then decode gives the original back when every layer fits the limit, TooLarge
    /// when some layer does not, and never more than `limit` bytes.
    #[test]
    fn encode_then_decode_round_trips_within_the_limit(
        data in prop::collection::vec(any::<u8>(), 0..4096),
        stack in prop::collection::vec(any_enc(), 0..4),
        limit in 0usize..6000,
    ) {
        // The sizes the decoder produces: the input of every real (not identity) coding step,
        // or the body itself when there is none.
        let mut body = data.clone();
        let mut produced = Vec::new();
        for enc in &stack {
            if !matches!(enc, Enc::Identity) {
                produced.push(body.len());
            }
            body = enc.encode(&body);
        }
        if produced.is_empty() {
            produced.push(body.len());
        }
        let header = stack.iter().map(|e| e.header()).collect::<Vec<_>>().join(",");
        let fits = produced.iter().all(|&len| len <= limit);

        let result = decode(&body, &header, limit);
        if let Ok(decoded) = &result {
            prop_assert!(decoded.len() <= limit);
        }
        if fits {
            prop_assert_eq!(result, Ok(data));
        } else {
            prop_assert_eq!(result, Err(Uninspectable::TooLarge { limit }));
        }
    }

    /// Arbitrary bytes under any coding never panic and never exceed the limit.
    #[test]
    fn arbitrary_bytes_never_exceed_the_limit(
        body in prop::collection::vec(any::<u8>(), 0..2048),
        enc in any_enc(),
        limit in 0usize..4096,
    ) {
        if let Ok(decoded) = decode(&body, enc.header(), limit) {
            prop_assert!(decoded.len() <= limit);
        }
    }
}
