//! The preview's HTTP side (axum): answers GET and HEAD from the in-memory snapshot only, with
//! content types, ETags and `Cache-Control: no-cache`; folder URLs, trailing-slash redirects
//! and the site's own 404 page; and the guards of a server that runs on a writer's machine
//! (Host header against DNS rebinding, `nosniff`, no CORS).

use std::fmt::Write as _;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::any;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;

use super::reload::{self, decorate, failure_page};
use super::snapshot::{Entry, SiteSnapshot};
use super::state::{Published, Shared};
use crate::messages::Message;
use crate::msg;

/// Where the server tells its own state, as JSON (builds so far, errors): for tests and tools.
pub(crate) const STATUS_PATH: &str = "/__potline/status";

/// How long a client may take to send a request's line and headers (also the longest an idle
/// kept-alive connection stays open): browsers on this machine need milliseconds, and a client
/// that trickles bytes (slowloris) must not hold a connection for ever.
const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// The largest request line and headers accepted (431 beyond): browsers send a few KiB.
const MAX_HEAD: usize = 16 * 1024;
/// At most this many header lines (431 beyond).
const MAX_HEADERS: usize = 64;
/// Open connections (live-reload sockets included) are given this long to finish on shutdown.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

/// Serves until the shared shutdown flag becomes true; open connections are then finished.
/// Connections are served by hyper directly (not `axum::serve`) for its limits: the header
/// read timeout, the size of the request head, and the number of headers.
pub(crate) async fn run(listener: tokio::net::TcpListener, shared: Arc<Shared>) -> io::Result<()> {
    let mut shutdown = shared.shutdown();
    let service = TowerToHyperService::new(router(Arc::clone(&shared)));
    // Each connection holds a receiver; all are gone when every connection has ended.
    let (all_closed, open) = tokio::sync::watch::channel(());
    let http = connection_settings();
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors and the like: wait rather than spin or stop serving.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = stopped(&mut shutdown) => break,
        };
        // Small writes (live-reload messages) must leave at once.
        let _ = stream.set_nodelay(true);
        let connection = http
            .serve_connection(TokioIo::new(stream), service.clone())
            .with_upgrades();
        let (mut stop, open) = (shared.shutdown(), open.clone());
        tokio::spawn(async move {
            let mut connection = std::pin::pin!(connection);
            let mut stopping = false;
            loop {
                tokio::select! {
                    // A client that leaves or breaks the protocol only ends its own connection.
                    _ = connection.as_mut() => break,
                    () = stopped(&mut stop), if !stopping => {
                        stopping = true;
                        connection.as_mut().graceful_shutdown();
                    }
                }
            }
            drop(open);
        });
    }
    drop((listener, open));
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, all_closed.closed()).await;
    Ok(())
}

/// Resolves once the server is asked to stop.
async fn stopped(flag: &mut tokio::sync::watch::Receiver<bool>) {
    let _ = flag.wait_for(|stop| *stop).await;
}

fn connection_settings() -> http1::Builder {
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .max_header_size(MAX_HEAD)
        .max_buf_size(4 * MAX_HEAD)
        .max_headers(MAX_HEADERS)
        .keep_alive(true);
    http
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(reload::LIVE_PATH, any(reload::live))
        .route(reload::SCRIPT_PATH, any(script))
        .route(STATUS_PATH, any(status))
        .fallback(site_file)
        .layer(middleware::from_fn_with_state(Arc::clone(&shared), guard))
        .with_state(shared)
}

/// Runs before every handler: only GET and HEAD, only for local host names; adds the headers
/// every response has.
async fn guard(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let bound = shared.addr.ip();
    let mut response =
        if !host_allowed(request.headers(), bound) || !authority_allowed(request.uri(), bound) {
            plain(StatusCode::FORBIDDEN, msg!("serve-foreign-host"))
        } else if !matches!(*request.method(), Method::GET | Method::HEAD) {
            let mut response = plain(StatusCode::METHOD_NOT_ALLOWED, msg!("serve-get-only"));
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
            response
        } else {
            next.run(request).await
        };
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-cache"));
    response
}

/// A page of the site, a redirect, the 404 page, or the errors when nothing was built yet.
async fn site_file(State(shared): State<Arc<Shared>>, uri: Uri, headers: HeaderMap) -> Response {
    let published = shared.published();
    if published.snapshot.is_empty() {
        if let Some(failure) = &published.failure {
            let page = failure_page(&failure.overlay);
            return body_response(
                StatusCode::SERVICE_UNAVAILABLE,
                "text/html; charset=utf-8",
                page.into(),
                None,
            );
        }
    }
    match resolve(&published.snapshot, uri.path()) {
        Lookup::File(entry) => serve_entry(&published, &entry, &headers, StatusCode::OK),
        Lookup::Redirect(location) => redirect(&location, uri.query()),
        Lookup::NotFound => not_found(&published),
        Lookup::BadRequest(reason) => plain(StatusCode::BAD_REQUEST, reason),
    }
}

/// What a request path names in a snapshot.
#[derive(Debug)]
pub(crate) enum Lookup {
    File(Arc<Entry>),
    /// A folder asked for without its trailing slash: where to go instead.
    Redirect(String),
    NotFound,
    BadRequest(Message),
}

/// Finds the output a raw (still percent-encoded) request path names. Paths are looked up in
/// the snapshot's map only; `.`, `..`, backslashes and NUL are refused outright.
pub(crate) fn resolve(snapshot: &SiteSnapshot, raw_path: &str) -> Lookup {
    let Some(decoded) = percent_decode(raw_path) else {
        return Lookup::BadRequest(msg!("serve-path-bad-encoding"));
    };
    let Ok(text) = String::from_utf8(decoded) else {
        return Lookup::BadRequest(msg!("serve-path-not-utf8"));
    };
    if text.contains(['\0', '\\']) {
        return Lookup::BadRequest(msg!("serve-path-backslash"));
    }
    let mut segments = Vec::new();
    for segment in text.split('/') {
        match segment {
            "" => {}
            "." | ".." => return Lookup::BadRequest(msg!("serve-path-dots")),
            // Dotfiles (`.nojekyll`, `.env`, `.git/`) are for hosts and tools, not visitors.
            _ if segment.starts_with('.') => return Lookup::NotFound,
            _ => segments.push(segment),
        }
    }
    let key = segments.join("/");
    let folder = key.is_empty() || text.ends_with('/');
    let file = match (folder, key.is_empty()) {
        (true, true) => "index.html".to_string(),
        (true, false) => format!("{key}/index.html"),
        (false, _) => key.clone(),
    };
    if let Some(entry) = snapshot.get(&file) {
        return Lookup::File(Arc::clone(entry));
    }
    if !folder && snapshot.get(&format!("{key}/index.html")).is_some() {
        let mut location = String::new();
        for segment in &segments {
            location.push('/');
            encode_segment(segment, &mut location);
        }
        location.push('/');
        return Lookup::Redirect(location);
    }
    Lookup::NotFound
}

fn percent_decode(raw: &str) -> Option<Vec<u8>> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let high = hex_value(*bytes.get(i + 1)?)?;
            let low = hex_value(*bytes.get(i + 2)?)?;
            out.push(high * 16 + low);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

fn hex_value(byte: u8) -> Option<u8> {
    char::from(byte)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

fn encode_segment(segment: &str, out: &mut String) {
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
}

fn serve_entry(
    published: &Published,
    entry: &Entry,
    request: &HeaderMap,
    status: StatusCode,
) -> Response {
    let build_id = &published.snapshot.build_id;
    let overlay = published.failure.as_ref().map(|f| &*f.overlay);
    // A page under the error overlay has no validator: it must never be answered later with a
    // 304 that brings the overlay back.
    let etag = match (status, entry.is_html() && overlay.is_some()) {
        (StatusCode::OK, false) => entry.etag(build_id),
        _ => None,
    };
    if let Some(etag) = &etag {
        if none_match(request, etag) {
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::NOT_MODIFIED;
            response.headers_mut().insert(header::ETAG, etag.clone());
            return response;
        }
    }
    let body = if entry.is_html() {
        Bytes::from(decorate(&entry.body, build_id, overlay))
    } else {
        entry.body.clone()
    };
    body_response(status, entry.content_type, body, etag)
}

/// Does `If-None-Match` name this ETag (weak comparison, as RFC 9110 asks for this header)?
fn none_match(request: &HeaderMap, etag: &HeaderValue) -> bool {
    let ours = etag.to_str().unwrap_or_default();
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|tag| tag == "*" || tag.trim_start_matches("W/") == ours)
}

fn body_response(
    status: StatusCode,
    content_type: &'static str,
    body: Bytes,
    etag: Option<HeaderValue>,
) -> Response {
    let length = body.len();
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    if let Some(etag) = etag {
        headers.insert(header::ETAG, etag);
    }
    response
}

fn not_found(published: &Published) -> Response {
    match published.snapshot.get("404.html") {
        Some(entry) => serve_entry(published, entry, &HeaderMap::new(), StatusCode::NOT_FOUND),
        None => plain(StatusCode::NOT_FOUND, msg!("serve-not-found")),
    }
}

/// A temporary redirect: a preview's URLs change as the writer works, so browsers must not
/// remember it.
fn redirect(location: &str, query: Option<&str>) -> Response {
    let target = match query {
        Some(query) => format!("{location}?{query}"),
        None => location.to_string(),
    };
    let value = HeaderValue::from_str(&target).or_else(|_| HeaderValue::from_str(location));
    let Ok(value) = value else {
        return plain(StatusCode::NOT_FOUND, msg!("serve-not-found"));
    };
    let mut response = body_response(
        StatusCode::TEMPORARY_REDIRECT,
        "text/plain; charset=utf-8",
        Bytes::new(),
        None,
    );
    response.headers_mut().insert(header::LOCATION, value);
    response
}

/// A short answer in words, in the run's language.
fn plain(status: StatusCode, message: Message) -> Response {
    body_response(
        status,
        "text/plain; charset=utf-8",
        Bytes::from(format!("{}\n", message.text())),
        None,
    )
}

async fn script() -> Response {
    let body = Bytes::from_static(reload::SCRIPT.as_bytes());
    body_response(StatusCode::OK, "text/javascript; charset=utf-8", body, None)
}

/// `GET /__potline/status`: builds so far and the current errors.
async fn status(State(shared): State<Arc<Shared>>) -> Response {
    let published = shared.published();
    let errors: &[String] = published.failure.as_ref().map_or(&[], |f| &f.messages);
    let json = serde_json::json!({
        "build": published.snapshot.build_id,
        "builds": shared.builds(),
        "failures": shared.failures(),
        "ok": published.failure.is_none(),
        "files": published.snapshot.len(),
        "errors": errors,
    });
    let mut response = body_response(
        StatusCode::OK,
        "application/json",
        Bytes::from(json.to_string()),
        None,
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Is the `Host` a loopback name or address, or the address the server listens on? A page of
/// another site that tricks the browser into resolving its own name to 127.0.0.1 (DNS
/// rebinding) sends its own name here.
fn host_allowed(headers: &HeaderMap, bound: IpAddr) -> bool {
    match headers.get(header::HOST) {
        // HTTP/1.0 clients may send none; browsers always do.
        None => true,
        Some(value) => value
            .to_str()
            .is_ok_and(|host| local_name(split_port(host).0, bound)),
    }
}

/// A request target in absolute form (`GET http://evil.example/ HTTP/1.1`, which proxies
/// receive) names its host in the target, and HTTP says that host wins over `Host`: it is
/// checked the same way.
fn authority_allowed(uri: &Uri, bound: IpAddr) -> bool {
    uri.authority()
        .is_none_or(|authority| local_name(authority.host().trim_matches(['[', ']']), bound))
}

/// Does an `Origin` (sent by browsers for cross-origin requests) belong to this preview?
pub(crate) fn origin_allowed(headers: &HeaderMap, addr: SocketAddr) -> bool {
    let cross_site = headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes() == b"cross-site");
    if cross_site || !host_allowed(headers, addr.ip()) {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Some(authority) = origin.to_str().ok().and_then(|o| o.strip_prefix("http://")) else {
        return false;
    };
    let (host, port) = split_port(authority);
    local_name(host, addr.ip()) && port.and_then(|p| p.parse::<u16>().ok()) == Some(addr.port())
}

/// `host:port`, `[::1]:port` or `host` into the host and the port.
fn split_port(authority: &str) -> (&str, Option<&str>) {
    if let Some(rest) = authority.strip_prefix('[') {
        let (host, after) = rest.split_once(']').unwrap_or((rest, ""));
        return (host, after.strip_prefix(':'));
    }
    match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    }
}

/// `localhost` (and its subdomains), a loopback address, or the address the server listens on
/// (any address when it listens on all of them, as asked with `--bind 0.0.0.0`).
fn local_name(host: &str, bound: IpAddr) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host == "localhost" || host.ends_with(".localhost") {
        return true;
    }
    host.parse::<IpAddr>()
        .is_ok_and(|ip| ip.is_loopback() || ip == bound || bound.is_unspecified())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::output::{Content, Output};
    use crate::serve::snapshot::SiteFolders;

    fn site() -> SiteSnapshot {
        let outputs: Vec<Output> = [
            "index.html",
            "news/foo/index.html",
            "css/site.css",
            "caf\u{e9}/index.html",
        ]
        .iter()
        .map(|p| Output {
            path: p.to_string(),
            content: Content::from(b"x".to_vec()),
        })
        .collect();
        SiteSnapshot::new(
            &outputs,
            &SiteSnapshot::default(),
            &SiteFolders::of(Path::new("/")),
            "b-1".into(),
        )
        .unwrap()
        .0
    }

    fn kind(lookup: Lookup) -> String {
        match lookup {
            Lookup::File(entry) => format!("file {}", entry.content_type),
            Lookup::Redirect(to) => format!("redirect {to}"),
            Lookup::NotFound => "404".into(),
            Lookup::BadRequest(_) => "400".into(),
        }
    }

    #[test]
    fn folders_index_and_redirect() {
        let site = site();
        assert_eq!(kind(resolve(&site, "/")), "file text/html; charset=utf-8");
        assert_eq!(
            kind(resolve(&site, "/news/foo/")),
            "file text/html; charset=utf-8"
        );
        assert_eq!(kind(resolve(&site, "/news/foo")), "redirect /news/foo/");
        assert_eq!(kind(resolve(&site, "/caf%C3%A9")), "redirect /caf%C3%A9/");
        assert_eq!(
            kind(resolve(&site, "//news//foo/")),
            "file text/html; charset=utf-8"
        );
        assert_eq!(
            kind(resolve(&site, "/css/site.css")),
            "file text/css; charset=utf-8"
        );
        assert_eq!(kind(resolve(&site, "/nope")), "404");
    }

    #[test]
    fn traversal_is_refused() {
        let site = site();
        for path in [
            "/../etc/passwd",
            "/..%2f..%2fetc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/news/..\\..\\etc",
            "/news/%5c..%5cetc",
            "/index.html%00.css",
            "/%zz",
            "/%ff",
        ] {
            assert_eq!(kind(resolve(&site, path)), "400", "{path}");
        }
        // Double-encoded dots are a file name with `%` in it, which the site does not have.
        assert_eq!(
            kind(resolve(&site, "/%252e%252e/%252e%252e/etc/passwd")),
            "404"
        );
        assert_eq!(kind(resolve(&site, "//etc/passwd")), "404");
        for path in ["/%c0%ae%c0%ae/etc/passwd", "/%e0%80%ae%e0%80%ae/", "/a%00b"] {
            assert_eq!(kind(resolve(&site, path)), "400", "{path}");
        }
        for path in ["/.env", "/.git/config", "/news/.hidden", "/%2egit/config"] {
            assert_eq!(kind(resolve(&site, path)), "404", "{path}");
        }
    }

    #[test]
    fn absolute_form_targets_must_name_a_local_host() {
        let uri = |text: &str| text.parse::<Uri>().unwrap();
        let bound: IpAddr = "127.0.0.1".parse().unwrap();
        assert!(authority_allowed(&uri("/news/"), bound));
        assert!(authority_allowed(&uri("http://127.0.0.1:1111/"), bound));
        assert!(authority_allowed(&uri("http://[::1]:1111/"), bound));
        assert!(authority_allowed(&uri("http://localhost/"), bound));
        assert!(!authority_allowed(&uri("http://evil.example/"), bound));
        assert!(!authority_allowed(
            &uri("http://127.0.0.1.evil.example/"),
            bound
        ));
        assert!(!authority_allowed(&uri("http://10.1.2.3/"), bound));
    }

    #[test]
    fn only_local_names_and_own_origin() {
        let addr: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut map = HeaderMap::new();
            for (k, v) in pairs {
                map.insert(*k, HeaderValue::from_static(v));
            }
            map
        };
        let loopback = addr.ip();
        let lan: IpAddr = "192.168.1.20".parse().unwrap();
        let everywhere: IpAddr = "0.0.0.0".parse().unwrap();
        assert!(host_allowed(
            &headers(&[("host", "localhost:1111")]),
            loopback
        ));
        assert!(host_allowed(&headers(&[("host", "[::1]:1111")]), loopback));
        assert!(host_allowed(
            &headers(&[("host", "127.0.0.2:1111")]),
            loopback
        ));
        // Another address only when the server listens on it (or on all of them).
        assert!(!host_allowed(
            &headers(&[("host", "192.168.1.20:1111")]),
            loopback
        ));
        assert!(host_allowed(
            &headers(&[("host", "192.168.1.20:1111")]),
            lan
        ));
        assert!(host_allowed(
            &headers(&[("host", "192.168.1.20:1111")]),
            everywhere
        ));
        assert!(!host_allowed(
            &headers(&[("host", "attacker.example:1111")]),
            everywhere
        ));
        assert!(origin_allowed(
            &headers(&[("origin", "http://127.0.0.1:1111")]),
            addr
        ));
        assert!(!origin_allowed(
            &headers(&[("origin", "http://127.0.0.1:2222")]),
            addr
        ));
        assert!(!origin_allowed(
            &headers(&[("origin", "https://attacker.example")]),
            addr
        ));
        assert!(!origin_allowed(&headers(&[("origin", "null")]), addr));
    }
}
