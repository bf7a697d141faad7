//! `/review.csv`: the matching records as CSV (RFC 4180 for tools, or `?format=excel` for
//! Swedish Excel), read on the blocking pool and streamed in chunks through a small channel,
//! so an export of the whole log needs little memory and stops reading when the client goes
//! away.

use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::header::CONTENT_DISPOSITION;
use http::{HeaderValue, Response, StatusCode};
use http_body_util::BodyExt;
use hyper::body::{Body, Frame};
use tokio::sync::mpsc;

use std::sync::Arc;

use crate::admin::reply::{self, AdminBody};
use crate::audit::present::{csv, csv_sv};
use crate::audit::sources::{LogSource, Merged};
use crate::audit::{AuditReader, Filter, Record};
use crate::proxy::Shared;

/// Bytes gathered before a chunk is sent.
const CHUNK: usize = 64 * 1024;
/// Chunks in flight between the reader and the connection.
const CHUNKS_QUEUED: usize = 4;
/// Spreadsheets (Excel) read a CSV file as UTF-8 only after a byte order mark; without it,
/// å, ä and ö in names come out garbled.
const BOM: &str = csv_sv::BOM;

/// Which CSV.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavour {
    /// RFC 4180: commas, English headers, UTC (for tools and SIEMs).
    Tools,
    /// Swedish Excel: semicolons, Swedish headers and words, Swedish time.
    SwedishExcel,
}

impl Flavour {
    /// `?format=excel` (or `sv`) asks for Swedish Excel; anything else is the tools' CSV.
    pub fn from_query(raw: Option<&str>) -> Flavour {
        let excel = form_urlencoded::parse(raw.unwrap_or("").as_bytes())
            .any(|(name, value)| name == "format" && matches!(value.as_ref(), "excel" | "sv"));
        if excel {
            Flavour::SwedishExcel
        } else {
            Flavour::Tools
        }
    }
}

/// The export response; 500 when a log cannot be opened.
pub async fn csv(shared: Arc<Shared>, filter: Filter, flavour: Flavour) -> Response<AdminBody> {
    let opened = tokio::task::spawn_blocking(move || {
        super::sources(&shared)?
            .iter()
            .map(LogSource::reader)
            .collect::<Result<Vec<AuditReader>, _>>()
    })
    .await;
    let readers = match opened {
        Ok(Ok(readers)) => readers,
        Ok(Err(e)) => {
            tracing::error!(error = %e, "review: cannot open the audit log for export");
            return reply::failed();
        }
        Err(e) => {
            tracing::error!(error = %e, "review: opening the audit log failed");
            return reply::failed();
        }
    };
    let (sender, receiver) = mpsc::channel(CHUNKS_QUEUED);
    tokio::task::spawn_blocking(move || produce(&readers, &filter, flavour, &sender));
    let mut response = reply::with_type(
        StatusCode::OK,
        "text/csv; charset=utf-8; header=present",
        ChannelBody { receiver }.boxed_unsync(),
    );
    response.headers_mut().insert(
        CONTENT_DISPOSITION,
        HeaderValue::from_static(match flavour {
            Flavour::Tools => "attachment; filename=\"sluss-granskning.csv\"",
            Flavour::SwedishExcel => "attachment; filename=\"sluss-granskning-excel.csv\"",
        }),
    );
    response
}

/// Writes the CSV into `sender` chunk by chunk; stops when the receiver is gone.
fn produce(
    readers: &[AuditReader],
    filter: &Filter,
    flavour: Flavour,
    sender: &mpsc::Sender<Bytes>,
) {
    let mut chunk = String::with_capacity(CHUNK + 1024);
    chunk.push_str(BOM);
    match flavour {
        Flavour::Tools => chunk.push_str(csv::HEADER),
        Flavour::SwedishExcel => chunk.push_str(&csv_sv::header()),
    }
    let logs = readers.iter().map(AuditReader::records).collect();
    for record in Merged::new(logs, |r: &Record| r.timestamp).filter_map(Result::ok) {
        if !filter.matches(&record) {
            continue;
        }
        match flavour {
            Flavour::Tools => chunk.push_str(&csv::line(&record)),
            Flavour::SwedishExcel => chunk.push_str(&csv_sv::line(&record)),
        }
        if chunk.len() >= CHUNK {
            let full = std::mem::replace(&mut chunk, String::with_capacity(CHUNK + 1024));
            if sender.blocking_send(Bytes::from(full)).is_err() {
                return;
            }
        }
    }
    let _ = sender.blocking_send(Bytes::from(chunk));
}

/// A body fed by a channel; ends when the sender is dropped.
struct ChannelBody {
    receiver: mpsc::Receiver<Bytes>,
}

impl Body for ChannelBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.receiver
            .poll_recv(cx)
            .map(|chunk| chunk.map(|bytes| Ok(Frame::data(bytes))))
    }
}
