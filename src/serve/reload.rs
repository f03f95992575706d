//! Live reload: the WebSocket on the server's own port that tells open pages to reload, swap
//! stylesheets or show the build's errors; the small script that listens to it, added to served
//! HTML only; and the error overlay, HTML-escaped. (A WebSocket rather than Server-Sent Events:
//! browsers allow only six HTTP/1.1 connections per host, which a few open preview tabs would
//! use up; WebSockets do not count against that limit.)

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade, close_code};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tokio::sync::{broadcast, watch};
use tokio::time::{Instant, MissedTickBehavior};

use super::state::{MAX_LISTENERS, Shared};

/// The script added to every served page.
pub(crate) const SCRIPT: &str = include_str!("livereload.js");
/// Where the script is served.
pub(crate) const SCRIPT_PATH: &str = "/__potline/livereload.js";
/// The WebSocket pages listen to.
pub(crate) const LIVE_PATH: &str = "/__potline/live";

/// What open pages are told after a build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LiveEvent {
    /// The site changed: reload (the new build is already served).
    Reload { build: String },
    /// Only these stylesheets changed (URL paths, `/css/site.css`): swap them.
    Css { build: String, paths: Vec<String> },
    /// The build failed: show this overlay (already escaped).
    Failure { overlay: Arc<str> },
}

impl LiveEvent {
    /// The message sent to pages: JSON with a `type`.
    fn to_json(&self) -> String {
        let json = match self {
            LiveEvent::Reload { build } => serde_json::json!({ "type": "reload", "build": build }),
            LiveEvent::Css { build, paths } => {
                serde_json::json!({ "type": "css", "build": build, "paths": paths })
            }
            LiveEvent::Failure { overlay } => {
                serde_json::json!({ "type": "failure", "overlay": overlay.as_ref() })
            }
        };
        json.to_string()
    }
}

/// The largest message, and frame, read from a page. Pages send nothing but the browser's own
/// answers to the server's pings (empty); anything longer closes the connection as soon as its
/// frame header announces it, before a byte of it is stored.
const MAX_INCOMING: usize = 1024;
/// The read buffer of each connection (tungstenite's default, 128 KiB, is taken up front).
const READ_BUFFER: usize = 4 * 1024;
/// How often the server pings each open page. Browsers answer pings by themselves, in
/// background tabs too, so a page that is open and idle keeps its connection.
const PING_EVERY: Duration = Duration::from_secs(2);
/// A page that has sent nothing for this long, not even the answer to a ping, is gone, or stuck
/// in the middle of a frame: its connection is closed (a page still open reconnects).
const IDLE_TIMEOUT: Duration = Duration::from_secs(5);
/// The longest one message may take to leave (a page that stopped reading).
const SEND_TIMEOUT: Duration = Duration::from_secs(5);

/// `GET /__potline/live` (WebSocket): the messages of one open page. It starts with `hello`
/// (the build now served, so a page that missed a reload while connecting catches up) and the
/// current errors, if any.
pub(crate) async fn live(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    if !super::http::origin_allowed(&headers, shared.addr) {
        let refusal = format!("{}\n", crate::msg!("serve-live-refused").text());
        return (StatusCode::FORBIDDEN, refusal).into_response();
    }
    let Some(slot) = shared.listener_slot() else {
        return too_many_listeners();
    };
    // Subscribe before reading the state, so no build can slip between the two.
    let receiver = shared.subscribe();
    let published = shared.published();
    let hello = serde_json::json!({ "type": "hello", "build": published.snapshot.build_id });
    let mut first = vec![hello.to_string()];
    if let Some(failure) = &published.failure {
        first.push(
            LiveEvent::Failure {
                overlay: Arc::clone(&failure.overlay),
            }
            .to_json(),
        );
    }
    let shutdown = shared.shutdown();
    upgrade
        .max_message_size(MAX_INCOMING)
        .max_frame_size(MAX_INCOMING)
        .read_buffer_size(READ_BUFFER)
        // Each message is written at once rather than gathered.
        .write_buffer_size(0)
        .on_upgrade(move |socket| async move {
            follow(socket, first, receiver, shutdown).await;
            drop(slot);
        })
}

/// The answer to a page past [`MAX_LISTENERS`]; its script tries again a little later.
fn too_many_listeners() -> Response {
    let text = format!(
        "{}\n",
        crate::msg!("serve-live-full", count = MAX_LISTENERS).text()
    );
    let mut response = (StatusCode::SERVICE_UNAVAILABLE, text).into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    response
}

/// Sends `first`, then every event, and a ping every [`PING_EVERY`], until the page goes away,
/// falls silent for [`IDLE_TIMEOUT`], sends more than it may, or the server stops.
async fn follow(
    mut socket: WebSocket,
    first: Vec<String>,
    mut receiver: broadcast::Receiver<LiveEvent>,
    mut shutdown: watch::Receiver<bool>,
) {
    for text in first {
        if send(&mut socket, Message::Text(text.into())).await.is_err() {
            return;
        }
    }
    let mut ping = tokio::time::interval_at(Instant::now() + PING_EVERY, PING_EVERY);
    ping.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut heard = Instant::now();
    let farewell = loop {
        let message = tokio::select! {
            _ = shutdown.wait_for(|stop| *stop) => break Some((close_code::AWAY, "the preview server stopped")),
            () = tokio::time::sleep_until(heard + IDLE_TIMEOUT) => break Some((close_code::POLICY, "silent for too long")),
            incoming = socket.recv() => match incoming {
                // Pings are answered by the library; pages send nothing else but pongs.
                Some(Ok(Message::Close(_))) | None => break None,
                Some(Ok(_)) => {
                    heard = Instant::now();
                    continue;
                }
                // Too long (past MAX_INCOMING), malformed, or the connection broke.
                Some(Err(_)) => break Some((close_code::POLICY, "pages send nothing but pongs")),
            },
            _ = ping.tick() => Message::Ping(Bytes::new()),
            event = receiver.recv() => match event {
                Ok(event) => Message::Text(event.to_json().into()),
                // Too slow to follow: reloading shows the latest state anyway.
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    Message::Text(LiveEvent::Reload { build: String::new() }.to_json().into())
                }
                Err(broadcast::error::RecvError::Closed) => break Some((close_code::AWAY, "the preview server stopped")),
            },
        };
        if send(&mut socket, message).await.is_err() {
            return;
        }
    };
    if let Some((code, reason)) = farewell {
        let frame = CloseFrame {
            code,
            reason: reason.into(),
        };
        let _ = send(&mut socket, Message::Close(Some(frame))).await;
    }
}

/// Sends one message, giving up after [`SEND_TIMEOUT`].
async fn send(socket: &mut WebSocket, message: Message) -> Result<(), ()> {
    match tokio::time::timeout(SEND_TIMEOUT, socket.send(message)).await {
        Ok(Ok(())) => Ok(()),
        _ => Err(()),
    }
}

/// A served HTML page: `html` with the overlay (when the build is broken) and the live-reload
/// script inserted before `</body>` (at the end when there is none).
pub(crate) fn decorate(html: &[u8], build_id: &str, overlay: Option<&str>) -> Vec<u8> {
    let tag = format!(
        "<script src=\"{SCRIPT_PATH}\" data-potline-build=\"{}\"></script>",
        escape_html(build_id)
    );
    let at = body_end(html).unwrap_or(html.len());
    let overlay = overlay.unwrap_or_default();
    let mut out = Vec::with_capacity(html.len() + overlay.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(overlay.as_bytes());
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Where the last `</body` starts, ignoring case.
fn body_end(html: &[u8]) -> Option<usize> {
    const END: &[u8] = b"</body";
    html.windows(END.len())
        .rposition(|w| w.eq_ignore_ascii_case(END))
}

/// The page served for every path while no build has succeeded yet.
pub(crate) fn failure_page(overlay: &str) -> Vec<u8> {
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n</head>\n<body>\n</body>\n</html>\n",
        crate::messages::language().code(),
        escape_html(&crate::msg!("serve-overlay-title").text())
    );
    decorate(page.as_bytes(), "", Some(overlay))
}

/// The overlay listing a failed build's problems, exactly as the terminal shows them, its
/// headline and button in the run's language (the language of the page may be another one:
/// `lang` says which the overlay is in).
pub(crate) fn overlay_html(messages: &[String], has_good_build: bool) -> String {
    let headline = if has_good_build {
        crate::msg!("serve-overlay-kept")
    } else {
        crate::msg!("serve-overlay-failed")
    };
    let headline = escape_html(&headline.text());
    let hide = escape_html(&crate::msg!("serve-overlay-hide").text());
    let lang = crate::messages::language().code();
    let text = escape_html(&messages.join("\n"));
    format!(
        "<div id=\"potline-overlay\" lang=\"{lang}\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;padding:2rem;background:rgba(24,24,28,.94);color:#f4f4f4;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;text-align:left\">\
<p style=\"margin:0 0 1rem;color:#ff8a80;font-weight:bold\">{headline}</p>\
<pre style=\"margin:0 0 1rem;white-space:pre-wrap;font:inherit\">{text}</pre>\
<button type=\"button\" onclick=\"this.parentNode.remove()\" style=\"font:inherit\">{hide}</button></div>"
    )
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_body_end_tag() {
        let html = b"<html><body><p>x</p></BODY></html>";
        let out = String::from_utf8(decorate(html, "a-1", None)).unwrap();
        assert_eq!(
            out,
            "<html><body><p>x</p><script src=\"/__potline/livereload.js\" data-potline-build=\"a-1\"></script></BODY></html>"
        );
    }

    #[test]
    fn script_goes_at_the_end_without_a_body_tag() {
        let out = String::from_utf8(decorate(b"<p>x</p>", "a-1", Some("<div>o</div>"))).unwrap();
        assert!(out.starts_with("<p>x</p><div>o</div><script"), "{out}");
    }

    #[test]
    fn overlay_escapes_messages() {
        let messages = vec![
            "content/a.md:2:8: error: bad value \"<script>alert(1)</script>\" & more".to_string(),
        ];
        let overlay = overlay_html(&messages, true);
        assert!(overlay.contains("content/a.md:2:8: error: bad value &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; &amp; more"));
        assert!(!overlay.contains("<script>"));
    }
}
