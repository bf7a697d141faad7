//! The JSON errors and streams of each API family, filled with sluss's Swedish message: what
//! an app built on that API shows as an error, or, for a stream, as the assistant's answer.
//!
//! Every stream is complete and well formed: it opens, carries the message as one text
//! delta, and ends the way the family ends a finished answer (`[DONE]`, `message_stop`,
//! `response.completed`, `"done": true` …), so that the app stops waiting.

use std::time::SystemTime;

use http::StatusCode;
use serde_json::{Value, json};

use super::negotiate::{Shape, StreamFormat};
use crate::detect::Kind;

/// What an answer says, whatever its shape.
#[derive(Clone, Copy, Debug)]
pub struct Message<'a> {
    /// The whole Swedish message (what was found, why, what to do, the incident id, where to
    /// see one's stops).
    pub text: &'a str,
    /// A machine-readable code: the deciding kind, `not_approved`, `uninspectable`, …
    pub code: &'a str,
    /// The error type in the OpenAI sense (`policy_violation`, `upstream_error`, …).
    pub error_type: &'a str,
    /// The incident id, if there is one.
    pub incident: Option<&'a str>,
    /// How many stops this incident has had (1 for the first).
    pub count: u32,
    /// Kinds found and how many of each, the deciding ones first (never values).
    pub findings: &'a [(Kind, usize)],
}

impl Message<'_> {
    fn findings_json(&self) -> Value {
        Value::Array(
            self.findings
                .iter()
                .map(|(kind, count)| json!({"kind": kind.name(), "count": count}))
                .collect(),
        )
    }

    fn id(&self) -> &str {
        self.incident.unwrap_or("sluss")
    }
}

/// The family's JSON error body for `status`.
pub fn json_error(shape: Shape, status: StatusCode, m: &Message<'_>) -> Value {
    match shape {
        Shape::OpenAi | Shape::Azure => json!({"error": {
            "message": m.text,
            "type": m.error_type,
            "param": null,
            "code": m.code,
            "incident_id": m.incident,
            "incident_count": m.count,
            "findings": m.findings_json(),
        }}),
        Shape::Mistral => json!({
            "object": "error",
            "message": m.text,
            "type": m.error_type,
            "param": null,
            "code": m.code,
            "incident_id": m.incident,
            "incident_count": m.count,
            "findings": m.findings_json(),
        }),
        Shape::Anthropic => json!({
            "type": "error",
            "error": {"type": anthropic_type(status), "message": m.text},
            "incident_id": m.incident,
            "incident_count": m.count,
            "code": m.code,
            "findings": m.findings_json(),
        }),
        Shape::Gemini => json!({"error": {
            "code": status.as_u16(),
            "message": m.text,
            "status": google_status(status),
            "details": [{
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": m.code,
                "domain": "sluss",
                "metadata": {
                    "incident_id": m.incident.unwrap_or(""),
                    "incident_count": m.count.to_string(),
                    "findings": m.findings.iter()
                        .map(|(k, n)| format!("{n} × {}", k.name()))
                        .collect::<Vec<_>>().join(", "),
                },
            }],
        }}),
        Shape::Cohere => json!({
            "message": m.text,
            "code": m.code,
            "incident_id": m.incident,
            "incident_count": m.count,
            "findings": m.findings_json(),
        }),
        Shape::Ollama => json!({
            "error": m.text,
            "code": m.code,
            "incident_id": m.incident,
        }),
    }
}

fn anthropic_type(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "invalid_request_error",
        403 => "permission_error",
        429 => "rate_limit_error",
        503 | 529 => "overloaded_error",
        _ => "api_error",
    }
}

fn google_status(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "INVALID_ARGUMENT",
        403 => "PERMISSION_DENIED",
        429 => "RESOURCE_EXHAUSTED",
        503 => "UNAVAILABLE",
        _ => "INTERNAL",
    }
}

/// A stream in `format` whose answer is the message: its content type and its bytes.
pub fn stream(format: StreamFormat, m: &Message<'_>, now: SystemTime) -> (&'static str, String) {
    let created = now
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    match format {
        StreamFormat::OpenAiChat => (EVENT_STREAM, openai_chat(m, created)),
        StreamFormat::OpenAiResponses => (EVENT_STREAM, openai_responses(m, created)),
        StreamFormat::Anthropic => (EVENT_STREAM, anthropic(m)),
        StreamFormat::GeminiSse => (EVENT_STREAM, data(&gemini_response(m))),
        StreamFormat::GeminiArray => (
            "application/json",
            Value::Array(vec![gemini_response(m)]).to_string(),
        ),
        StreamFormat::Cohere => (EVENT_STREAM, cohere(m)),
        StreamFormat::OllamaChat => ("application/x-ndjson", ollama(m, now, "message")),
        StreamFormat::OllamaGenerate => ("application/x-ndjson", ollama(m, now, "response")),
    }
}

const EVENT_STREAM: &str = "text/event-stream; charset=utf-8";

/// One `data:` event.
fn data(value: &Value) -> String {
    format!("data: {value}\n\n")
}

/// One named event.
fn event(name: &str, value: &Value) -> String {
    format!("event: {name}\ndata: {value}\n\n")
}

fn openai_chat(m: &Message<'_>, created: u64) -> String {
    let chunk = |delta: Value, finish: Value| {
        data(&json!({
            "id": format!("chatcmpl-sluss-{}", m.id()),
            "object": "chat.completion.chunk",
            "created": created,
            "model": "sluss",
            "system_fingerprint": null,
            "choices": [{"index": 0, "delta": delta, "logprobs": null, "finish_reason": finish}],
        }))
    };
    let mut out = chunk(json!({"role": "assistant", "content": ""}), Value::Null);
    out.push_str(&chunk(json!({"content": m.text}), Value::Null));
    out.push_str(&chunk(json!({}), json!("stop")));
    out.push_str("data: [DONE]\n\n");
    out
}

fn openai_responses(m: &Message<'_>, created: u64) -> String {
    let response_id = format!("resp_sluss_{}", m.id());
    let item_id = format!("msg_sluss_{}", m.id());
    let part = json!({"type": "output_text", "text": m.text, "annotations": []});
    let item = |status: &str, content: Value| json!({"id": item_id, "type": "message", "status": status, "role": "assistant", "content": content});
    let response = |status: &str, output: Value| {
        json!({"id": response_id, "object": "response", "created_at": created, "status": status,
               "model": "sluss", "output": output})
    };
    let at = json!({"item_id": item_id, "output_index": 0, "content_index": 0});
    let with = |mut base: Value, extra: Value| {
        if let (Some(b), Some(e)) = (base.as_object_mut(), extra.as_object()) {
            b.extend(e.clone());
        }
        base
    };
    let events = [
        (
            "response.created",
            json!({"response": response("in_progress", json!([]))}),
        ),
        (
            "response.output_item.added",
            json!({"output_index": 0, "item": item("in_progress", json!([]))}),
        ),
        (
            "response.content_part.added",
            with(
                at.clone(),
                json!({"part": {"type": "output_text", "text": "", "annotations": []}}),
            ),
        ),
        (
            "response.output_text.delta",
            with(at.clone(), json!({"delta": m.text})),
        ),
        (
            "response.output_text.done",
            with(at.clone(), json!({"text": m.text})),
        ),
        (
            "response.content_part.done",
            with(at, json!({"part": part})),
        ),
        (
            "response.output_item.done",
            json!({"output_index": 0, "item": item("completed", json!([part]))}),
        ),
        (
            "response.completed",
            json!({"response": response("completed", json!([item("completed", json!([part]))]))}),
        ),
    ];
    let mut out = String::new();
    for (sequence, (name, body)) in events.into_iter().enumerate() {
        let body = with(json!({"type": name, "sequence_number": sequence}), body);
        out.push_str(&event(name, &body));
    }
    out
}

fn anthropic(m: &Message<'_>) -> String {
    let events = [
        json!({"type": "message_start", "message": {
            "id": format!("msg_sluss_{}", m.id()), "type": "message", "role": "assistant",
            "content": [], "model": "sluss", "stop_reason": null, "stop_sequence": null,
            "usage": {"input_tokens": 0, "output_tokens": 0}}}),
        json!({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}),
        json!({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": m.text}}),
        json!({"type": "content_block_stop", "index": 0}),
        json!({"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": null},
               "usage": {"output_tokens": 0}}),
        json!({"type": "message_stop"}),
    ];
    events
        .iter()
        .map(|e| event(e["type"].as_str().unwrap_or_default(), e))
        .collect()
}

fn gemini_response(m: &Message<'_>) -> Value {
    json!({
        "candidates": [{
            "content": {"parts": [{"text": m.text}], "role": "model"},
            "finishReason": "STOP",
            "index": 0,
        }],
        "modelVersion": "sluss",
    })
}

fn cohere(m: &Message<'_>) -> String {
    let events = [
        json!({"type": "message-start", "id": format!("sluss-{}", m.id()),
               "delta": {"message": {"role": "assistant", "content": [], "tool_plan": "",
                                     "tool_calls": [], "citations": []}}}),
        json!({"type": "content-start", "index": 0,
               "delta": {"message": {"content": {"type": "text", "text": ""}}}}),
        json!({"type": "content-delta", "index": 0,
               "delta": {"message": {"content": {"text": m.text}}}}),
        json!({"type": "content-end", "index": 0}),
        json!({"type": "message-end", "delta": {"finish_reason": "COMPLETE"}}),
    ];
    events
        .iter()
        .map(|e| event(e["type"].as_str().unwrap_or_default(), e))
        .collect()
}

fn ollama(m: &Message<'_>, now: SystemTime, field: &str) -> String {
    let at = crate::audit::time::format(now);
    let content = |text: &str| match field {
        "message" => json!({"role": "assistant", "content": text}),
        _ => json!(text),
    };
    let mut first = json!({"model": "sluss", "created_at": at, "done": false});
    let mut last = json!({"model": "sluss", "created_at": at, "done": true, "done_reason": "stop"});
    first[field] = content(m.text);
    last[field] = content("");
    format!("{first}\n{last}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    type Res = Result<(), Box<dyn std::error::Error>>;

    fn message() -> Message<'static> {
        Message {
            text: "Stoppad av sluss: \"citat\"\nrad två",
            code: "personnummer",
            error_type: "policy_violation",
            incident: Some("S-7K2M9Q"),
            count: 2,
            findings: &[(Kind::Personnummer, 1), (Kind::ConfidentialityMarker, 1)],
        }
    }

    /// The events of an event stream: names and `data:` payloads (strict: every line is
    /// `event:` or `data:`, every event has data and ends with a blank line).
    fn events(text: &str) -> Result<Vec<(Option<String>, String)>, String> {
        if !text.ends_with("\n\n") {
            return Err("the stream does not end with a blank line".into());
        }
        let mut out = Vec::new();
        for block in text.split_terminator("\n\n") {
            let (mut name, mut payload) = (None, None);
            for line in block.lines() {
                if let Some(n) = line.strip_prefix("event: ") {
                    name = Some(n.to_string());
                } else if let Some(d) = line.strip_prefix("data: ") {
                    payload = Some(d.to_string());
                } else {
                    return Err(format!("unexpected line {line:?}"));
                }
            }
            out.push((name, payload.ok_or("an event without data")?));
        }
        Ok(out)
    }

    #[test]
    fn openai_chat_stream_carries_the_message_and_ends_with_done() -> Res {
        let (ct, body) = stream(StreamFormat::OpenAiChat, &message(), SystemTime::UNIX_EPOCH);
        assert!(ct.starts_with("text/event-stream"));
        let events = events(&body)?;
        assert_eq!(events.last().map(|e| e.1.as_str()), Some("[DONE]"));
        let chunks = events[..events.len() - 1]
            .iter()
            .map(|e| serde_json::from_str(&e.1))
            .collect::<Result<Vec<Value>, _>>()?;
        let text: String = chunks
            .iter()
            .filter_map(|c| c["choices"][0]["delta"]["content"].as_str())
            .collect();
        assert_eq!(text, message().text);
        assert_eq!(chunks[0]["choices"][0]["delta"]["role"], "assistant");
        assert_eq!(chunks[2]["choices"][0]["finish_reason"], "stop");
        Ok(())
    }

    #[test]
    fn anthropic_stream_runs_from_message_start_to_message_stop() -> Res {
        let (_, body) = stream(StreamFormat::Anthropic, &message(), SystemTime::UNIX_EPOCH);
        let events = events(&body)?;
        let names: Vec<_> = events.iter().filter_map(|e| e.0.clone()).collect();
        assert_eq!(
            names,
            [
                "message_start",
                "content_block_start",
                "content_block_delta",
                "content_block_stop",
                "message_delta",
                "message_stop"
            ]
        );
        for (name, payload) in &events {
            let v: Value = serde_json::from_str(payload)?;
            assert_eq!(v["type"].as_str(), name.as_deref());
        }
        let delta: Value = serde_json::from_str(&events[2].1)?;
        assert_eq!(delta["delta"]["text"], message().text);
        Ok(())
    }

    #[test]
    fn responses_stream_numbers_its_events_and_completes() -> Res {
        let (_, body) = stream(
            StreamFormat::OpenAiResponses,
            &message(),
            SystemTime::UNIX_EPOCH,
        );
        let events = events(&body)?;
        for (i, (name, payload)) in events.iter().enumerate() {
            let v: Value = serde_json::from_str(payload)?;
            assert_eq!(v["sequence_number"], i);
            assert_eq!(v["type"].as_str(), name.as_deref());
        }
        let last: Value = serde_json::from_str(&events[7].1)?;
        assert_eq!(last["type"], "response.completed");
        assert_eq!(
            last["response"]["output"][0]["content"][0]["text"],
            message().text
        );
        Ok(())
    }

    #[test]
    fn gemini_ollama_and_cohere_streams_parse() -> Res {
        let (ct, body) = stream(
            StreamFormat::GeminiArray,
            &message(),
            SystemTime::UNIX_EPOCH,
        );
        assert_eq!(ct, "application/json");
        let v: Value = serde_json::from_str(&body)?;
        assert_eq!(
            v[0]["candidates"][0]["content"]["parts"][0]["text"],
            message().text
        );
        let (_, body) = stream(StreamFormat::GeminiSse, &message(), SystemTime::UNIX_EPOCH);
        assert_eq!(events(&body)?.len(), 1);
        let (ct, body) = stream(StreamFormat::OllamaChat, &message(), SystemTime::UNIX_EPOCH);
        assert_eq!(ct, "application/x-ndjson");
        let lines = body
            .lines()
            .map(serde_json::from_str)
            .collect::<Result<Vec<Value>, _>>()?;
        assert_eq!(lines[0]["message"]["content"], message().text);
        assert_eq!(lines[1]["done"], true);
        let (_, body) = stream(StreamFormat::Cohere, &message(), SystemTime::UNIX_EPOCH);
        let events = events(&body)?;
        assert_eq!(
            events.last().and_then(|e| e.0.as_deref()),
            Some("message-end")
        );
        Ok(())
    }

    #[test]
    fn json_errors_follow_each_family() {
        let m = message();
        let forbidden = StatusCode::FORBIDDEN;
        let openai = json_error(Shape::OpenAi, forbidden, &m);
        assert_eq!(openai["error"]["code"], "personnummer");
        assert_eq!(
            openai["error"]["findings"][1]["kind"],
            "confidentiality_marker"
        );
        let anthropic = json_error(Shape::Anthropic, forbidden, &m);
        assert_eq!(anthropic["type"], "error");
        assert_eq!(anthropic["error"]["type"], "permission_error");
        let gemini = json_error(Shape::Gemini, forbidden, &m);
        assert_eq!(gemini["error"]["status"], "PERMISSION_DENIED");
        assert_eq!(gemini["error"]["code"], 403);
        assert_eq!(json_error(Shape::Mistral, forbidden, &m)["object"], "error");
        assert_eq!(json_error(Shape::Ollama, forbidden, &m)["error"], m.text);
        assert_eq!(json_error(Shape::Cohere, forbidden, &m)["message"], m.text);
    }
}
