//! `potline serve`, checked over real HTTP on an ephemeral loopback port, with a hand-written
//! HTTP/1.1 client (so raw traversal paths reach the server as written): headers and status
//! codes, traversal attempts, live-reload events after rebuilds, the error overlay, and how
//! many rebuilds a save or a burst of changes causes. Every wait has a deadline.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use potline::serve::{ServeEvent, ServeOptions, Server};
use tempfile::TempDir;

use crate::common;

/// The longest any single wait may take.
const WAIT: Duration = Duration::from_secs(15);
/// How long nothing must happen after a rebuild before we count rebuilds.
const QUIET: Duration = Duration::from_millis(1500);

// ---------------------------------------------------------------------------------------------
// A preview server on a copy of the fixture, and a tiny HTTP client.

/// A server on a copy of `tests/fixtures/serve-site` (in `<tmp>/site`), stopped when dropped.
pub(crate) struct Preview {
    // Declared first: dropped (stopped) before the folder is removed.
    server: Server,
    dir: TempDir,
    log: Arc<Mutex<Vec<String>>>,
}

impl Preview {
    pub(crate) fn start() -> Preview {
        Preview::start_with(|_, _| {}, |_| {})
    }

    /// `setup(tmp, site_root)` runs before the server starts; `options` can change them.
    fn start_with(
        setup: impl FnOnce(&Path, &Path),
        options: impl FnOnce(&mut ServeOptions),
    ) -> Preview {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("site");
        common::copy_dir(
            &common::repo_root().join("tests/fixtures/serve-site"),
            &root,
        );
        setup(dir.path(), &root);
        let mut serve_options = ServeOptions::new(&root);
        serve_options.port = 0;
        options(&mut serve_options);
        let log = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&log);
        let reporter =
            Arc::new(move |event: &ServeEvent| sink.lock().expect("log").push(event.to_string()));
        let server = Server::start(serve_options, reporter).expect("the server starts");
        Preview { server, dir, log }
    }

    pub(crate) fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    fn addr(&self) -> SocketAddr {
        self.server.addr()
    }

    pub(crate) fn log(&self) -> String {
        self.log.lock().expect("log").join("\n")
    }

    pub(crate) fn get(&self, path: &str) -> Response {
        self.request(&format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr()
        ))
    }

    fn request(&self, raw: &str) -> Response {
        send(self.addr(), raw)
    }

    pub(crate) fn status(&self) -> serde_json::Value {
        let response = self.get("/__potline/status");
        assert_eq!(response.status, 200);
        serde_json::from_slice(&response.body).expect("status is JSON")
    }

    /// Builds run so far, successful or not, the first included.
    fn builds(&self) -> u64 {
        self.status()["builds"].as_u64().expect("a count")
    }

    pub(crate) fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folder");
        std::fs::write(&path, text).expect("write");
    }

    /// Waits for `count` builds in all, then for a quiet spell, and returns the final count.
    fn builds_after_quiet(&self, count: u64) -> u64 {
        assert!(
            wait_until(|| self.builds() >= count),
            "expected build number {count}; log:\n{}",
            self.log()
        );
        std::thread::sleep(QUIET);
        self.builds()
    }

    fn events(&self) -> Events {
        Events::open(self.addr(), "")
    }
}

/// Polls `condition` until it holds or [`WAIT`] has passed.
pub(crate) fn wait_until(mut condition: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if condition() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    condition()
}

#[derive(Debug)]
pub(crate) struct Response {
    pub(crate) status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends one raw request on a new connection and reads the whole response.
fn send(addr: SocketAddr, raw: &str) -> Response {
    let mut stream = TcpStream::connect_timeout(&addr, WAIT).expect("connect");
    stream.set_read_timeout(Some(WAIT)).expect("timeout");
    stream.write_all(raw.as_bytes()).expect("send");
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("read the response");
    parse_response(&bytes)
}

fn parse_response(bytes: &[u8]) -> Response {
    let end = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no end of headers in {:?}", String::from_utf8_lossy(bytes)));
    let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: bytes[end + 4..].to_vec(),
    }
}

/// The live-reload WebSocket of one page: a minimal client (handshake, then the server's
/// unmasked frames).
struct Events {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Events {
    fn open(addr: SocketAddr, extra_headers: &str) -> Events {
        let (status, events) = Events::try_open(addr, extra_headers);
        assert_eq!(status, 101, "the live-reload WebSocket opens");
        events.expect("a WebSocket")
    }

    /// The handshake's status, and the socket when it is 101 (Switching Protocols).
    fn try_open(addr: SocketAddr, extra_headers: &str) -> (u16, Option<Events>) {
        let mut stream = TcpStream::connect_timeout(&addr, WAIT).expect("connect");
        let request = format!(
            "GET /__potline/live HTTP/1.1\r\nHost: {addr}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\
             Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n{extra_headers}\r\n"
        );
        stream.write_all(request.as_bytes()).expect("send");
        stream.set_read_timeout(Some(WAIT)).expect("timeout");
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            stream
                .read_exact(&mut byte)
                .expect("the handshake's response");
            head.push(byte[0]);
        }
        let status = parse_response(&head).status;
        let events = Events {
            stream,
            buffer: Vec::new(),
        };
        (status, (status == 101).then_some(events))
    }

    /// The next message of type `kind` (others are skipped), within `within`.
    fn wait_for(&mut self, kind: &str, within: Duration) -> Option<serde_json::Value> {
        let deadline = Instant::now() + within;
        while let Some(message) = self.next(deadline) {
            if message["type"] == kind {
                return Some(message);
            }
        }
        None
    }

    fn next(&mut self, deadline: Instant) -> Option<serde_json::Value> {
        match self.receive(deadline) {
            Incoming::Message(message) => Some(message),
            Incoming::Closed | Incoming::TimedOut => None,
        }
    }

    /// Reads (skipping messages, answering pings) until the server closes the connection
    /// (`true`) or `within` has passed (`false`).
    fn closed_within(&mut self, within: Duration) -> bool {
        let deadline = Instant::now() + within;
        loop {
            match self.receive(deadline) {
                Incoming::Message(_) => {}
                Incoming::Closed => return true,
                Incoming::TimedOut => return false,
            }
        }
    }

    /// The next message, answering the server's pings as browsers do.
    fn receive(&mut self, deadline: Instant) -> Incoming {
        loop {
            if let Some((opcode, payload, used)) = frame(&self.buffer) {
                self.buffer.drain(..used);
                match opcode {
                    1 => {
                        return Incoming::Message(
                            serde_json::from_slice(&payload).expect("JSON messages"),
                        );
                    }
                    8 => return Incoming::Closed,
                    9 => {
                        let _ = self.stream.write_all(&client_frame(0xA, &payload));
                        continue;
                    }
                    _ => continue,
                }
            }
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                return Incoming::TimedOut;
            };
            if self
                .stream
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .is_err()
            {
                return Incoming::Closed;
            }
            let mut chunk = [0u8; 4096];
            match self.stream.read(&mut chunk) {
                Ok(0) => return Incoming::Closed,
                Ok(n) => self.buffer.extend_from_slice(&chunk[..n]),
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(_) => return Incoming::Closed,
            }
        }
    }
}

/// What a live-reload connection received.
enum Incoming {
    Message(serde_json::Value),
    Closed,
    TimedOut,
}

/// The mask key of the frames the test clients send (clients must mask theirs).
const MASK: [u8; 4] = [0x12, 0x34, 0x56, 0x78];

/// The header of a client's frame: final or not, its opcode, and the payload length announced.
fn client_frame_header(fin: bool, opcode: u8, len: u64) -> Vec<u8> {
    let mut header = vec![if fin { 0x80 } else { 0 } | opcode];
    match (u8::try_from(len), u16::try_from(len)) {
        (Ok(short), _) if short < 126 => header.push(0x80 | short),
        (_, Ok(medium)) => {
            header.push(0x80 | 126);
            header.extend(medium.to_be_bytes());
        }
        _ => {
            header.push(0x80 | 127);
            header.extend(len.to_be_bytes());
        }
    }
    header.extend(MASK);
    header
}

/// A whole, final client frame.
fn client_frame(opcode: u8, payload: &[u8]) -> Vec<u8> {
    let mut bytes = client_frame_header(true, opcode, payload.len() as u64);
    bytes.extend(payload.iter().zip(MASK.iter().cycle()).map(|(b, m)| b ^ m));
    bytes
}

/// One complete WebSocket frame at the start of `bytes`: (opcode, payload, bytes used).
fn frame(bytes: &[u8]) -> Option<(u8, Vec<u8>, usize)> {
    let opcode = bytes.first()? & 0x0f;
    let second = *bytes.get(1)?;
    let (len, mut at) = match second & 0x7f {
        126 => (
            usize::from(u16::from_be_bytes(bytes.get(2..4)?.try_into().ok()?)),
            4,
        ),
        127 => (
            usize::try_from(u64::from_be_bytes(bytes.get(2..10)?.try_into().ok()?)).ok()?,
            10,
        ),
        n => (usize::from(n), 2),
    };
    if second & 0x80 != 0 {
        at += 4; // a mask key (servers do not mask, but skip it if there is one)
    }
    let payload = bytes.get(at..at + len)?.to_vec();
    Some((opcode, payload, at + len))
}

fn hello_page(text: &str) -> String {
    format!("---\ntitle: Hello\ndate: 2024-01-01\n---\n{text}\n")
}

/// The build a served page names in its live-reload script.
fn page_build(html: &str) -> String {
    let start = html
        .find("data-potline-build=\"")
        .expect("the live-reload script")
        + 20;
    html[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_string()
}

// ---------------------------------------------------------------------------------------------
// HTTP.

#[test]
fn serve_content_types_of_every_kind_of_file() {
    let preview = Preview::start();
    for (path, expected) in [
        ("/", "text/html; charset=utf-8"),
        ("/news/hello/", "text/html; charset=utf-8"),
        ("/css/site.css", "text/css; charset=utf-8"),
        ("/js/app.js", "text/javascript; charset=utf-8"),
        ("/img/dot.svg", "image/svg+xml"),
        ("/img/dot.webp", "image/webp"),
        ("/img/dot.avif", "image/avif"),
        ("/img/dot.png", "image/png"),
        ("/img/dot.jpg", "image/jpeg"),
        ("/fonts/body.woff2", "font/woff2"),
        ("/data/export.xml", "application/xml"),
        ("/data/facts.json", "application/json"),
        ("/docs/readme.txt", "text/plain; charset=utf-8"),
    ] {
        let response = preview.get(path);
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.header("content-type"), Some(expected), "{path}");
        assert_eq!(response.header("cache-control"), Some("no-cache"), "{path}");
        assert_eq!(
            response.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(
            response.header("access-control-allow-origin"),
            None,
            "{path}"
        );
        assert!(response.header("etag").is_some(), "{path}");
    }
    assert_eq!(
        preview.get("/data/facts.json").text(),
        "{\"fixture\": true}\n"
    );
}

#[test]
fn serve_answers_304_to_a_matching_if_none_match() {
    let preview = Preview::start();
    for path in ["/css/site.css", "/news/hello/"] {
        let first = preview.get(path);
        let etag = first.header("etag").expect("an ETag").to_string();
        assert!(
            etag.starts_with('"') && etag.ends_with('"'),
            "a strong ETag: {etag}"
        );
        let ask = |tags: &str| {
            preview.request(&format!(
                "GET {path} HTTP/1.1\r\nHost: {}\r\nIf-None-Match: {tags}\r\nConnection: close\r\n\r\n",
                preview.addr()
            ))
        };
        let again = ask(&etag);
        assert_eq!(again.status, 304, "{path}");
        assert!(again.body.is_empty());
        assert_eq!(again.header("etag"), Some(etag.as_str()));
        assert_eq!(
            ask(&format!("\"other\", W/{etag}")).status,
            304,
            "{path}: weak comparison"
        );
        assert_eq!(ask("\"other\"").status, 200, "{path}");
    }
}

#[test]
fn serve_answers_head_with_headers_and_no_body() {
    let preview = Preview::start();
    let get = preview.get("/css/site.css");
    let head = preview.request(&format!(
        "HEAD /css/site.css HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        preview.addr()
    ));
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-length"),
        Some(get.body.len().to_string().as_str())
    );
    assert_eq!(head.header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(head.header("etag"), get.header("etag"));
}

#[test]
fn serve_shows_the_sites_404_page_with_status_404() {
    let preview = Preview::start();
    for path in [
        "/no/such/page/",
        "/missing.css",
        "/site.yaml",
        "/content/news/hello.md",
        "/__potline/nothing",
    ] {
        let response = preview.get(path);
        assert_eq!(response.status, 404, "{path}");
        assert_eq!(
            response.header("content-type"),
            Some("text/html; charset=utf-8")
        );
        assert!(
            response.text().contains("Serve fixture: nothing here"),
            "{path}: the site's own 404 page"
        );
    }
}

#[test]
fn serve_refuses_other_methods_with_405() {
    let preview = Preview::start();
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        let response = preview.request(&format!(
            "{method} /news/hello/ HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            preview.addr()
        ));
        assert_eq!(response.status, 405, "{method}");
        assert_eq!(response.header("allow"), Some("GET, HEAD"), "{method}");
    }
}

#[test]
fn serve_redirects_folders_to_their_trailing_slash() {
    let preview = Preview::start();
    let response = preview.get("/news/hello");
    assert_eq!(response.status, 307);
    assert_eq!(response.header("location"), Some("/news/hello/"));
    let with_query = preview.get("/news?page=2");
    assert_eq!(with_query.header("location"), Some("/news/?page=2"));
    // A doubled slash must not become a protocol-relative redirect to another host.
    let sneaky = preview.get("//news");
    assert_eq!(sneaky.header("location"), Some("/news/"));
}

#[test]
fn serve_shows_drafts_and_future_pages_with_local_links() {
    let preview = Preview::start();
    assert_eq!(
        preview.get("/news/unfinished/").status,
        200,
        "drafts are shown in preview"
    );
    assert_eq!(
        preview.get("/news/tomorrow/").status,
        200,
        "future pages are shown in preview"
    );
    let page = preview.get("/news/hello/").text();
    let canonical = format!(
        "<link rel=\"canonical\" href=\"http://{}/news/hello/\">",
        preview.addr()
    );
    assert!(
        page.contains(&canonical),
        "base_url is the local address:\n{page}"
    );
}

#[test]
fn serve_never_leaks_files_outside_the_site() {
    let preview = Preview::start_with(
        |tmp, root| {
            std::fs::write(tmp.join("secret.txt"), "TOP-SECRET-OUTSIDE\n").unwrap();
            std::fs::create_dir_all(tmp.join("outside")).unwrap();
            std::fs::write(tmp.join("outside/secret.txt"), "TOP-SECRET-OUTSIDE\n").unwrap();
            #[cfg(unix)]
            {
                use std::os::unix::fs::symlink;
                symlink(tmp.join("outside"), root.join("static/outside-dir")).unwrap();
                symlink(
                    root.join("static/css/site.css"),
                    root.join("static/alias.css"),
                )
                .unwrap();
            }
        },
        |_| {},
    );
    let secret = preview.dir.path().join("secret.txt");
    let mut paths: Vec<String> = [
        "/../secret.txt",
        "/../../secret.txt",
        "/..%2fsecret.txt",
        "/..%2Fsecret.txt",
        "/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/%2E%2E/%2E%2E/secret.txt",
        "/css/..%2f..%2f..%2fsecret.txt",
        "/%252e%252e/secret.txt",
        "/%252e%252e%252fsecret.txt",
        "/..%255csecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/css%5c..%5c..%5c..%5csecret.txt",
        "/..%00/secret.txt",
        "/static/../../secret.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/%2fetc%2fpasswd",
        "/leak.txt",
        "/outside-dir/secret.txt",
        "http://127.0.0.1/../secret.txt",
        "../secret.txt",
    ]
    .iter()
    .map(|p| (*p).to_string())
    .collect();
    paths.push(format!("/{}", secret.display()));
    paths.push(format!("//{}", secret.display()));
    for path in &paths {
        let response = preview.request(&format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            preview.addr()
        ));
        let body = response.text();
        assert!(
            matches!(response.status, 400 | 404),
            "{path}: status {}",
            response.status
        );
        assert!(!body.contains("TOP-SECRET"), "{path} leaked the secret");
        assert!(!body.contains("root:x:0:0"), "{path} leaked /etc/passwd");
    }
    // A link that stays inside the site is served. A file linked from outside the site stops the
    // build with an error naming it, the last good site stays served, and the file never is.
    assert_eq!(preview.get("/alias.css").status, 200);
    #[cfg(unix)]
    std::os::unix::fs::symlink(&secret, preview.root().join("static/leak.txt")).unwrap();
    assert!(
        wait_until(|| preview
            .log()
            .contains("static/leak.txt:1:1: error: this is a link to")),
        "log:\n{}",
        preview.log()
    );
    let leak = preview.get("/leak.txt");
    assert!(matches!(leak.status, 400 | 404), "status {}", leak.status);
    assert!(!leak.text().contains("TOP-SECRET"));
    assert_eq!(preview.get("/alias.css").status, 200);
}

#[test]
fn serve_refuses_foreign_hosts_and_origins() {
    let preview = Preview::start();
    let rebinding =
        preview.request("GET / HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n");
    assert_eq!(
        rebinding.status, 403,
        "DNS rebinding: a foreign Host is refused"
    );
    let other_address =
        preview.request("GET / HTTP/1.1\r\nHost: 10.20.30.40\r\nConnection: close\r\n\r\n");
    assert_eq!(
        other_address.status, 403,
        "an address the preview does not listen on is refused"
    );
    for host in ["localhost", "127.0.0.1", "app.localhost"] {
        let port = preview.addr().port();
        let ok = preview.request(&format!(
            "GET / HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(ok.status, 200, "{host}");
    }
    let (status, _) = Events::try_open(preview.addr(), "Origin: http://attacker.example\r\n");
    assert_eq!(status, 403, "live reload refuses a foreign Origin");
    let (status, _) = Events::try_open(
        preview.addr(),
        &format!("Origin: http://{}\r\n", preview.addr()),
    );
    assert_eq!(status, 101, "live reload accepts its own origin");
}

#[test]
fn serve_injects_live_reload_into_served_html_only() {
    let preview = Preview::start();
    let page = preview.get("/news/hello/").text();
    let script = "<script src=\"/__potline/livereload.js\" data-potline-build=\"";
    assert!(page.contains(script), "{page}");
    assert!(
        page.find(script) < page.find("</body>"),
        "the script goes before </body>"
    );
    assert!(!preview.get("/css/site.css").text().contains("__potline"));
    let js = preview.get("/__potline/livereload.js");
    assert_eq!(
        js.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(js.text().contains("/__potline/live"));
    // `potline build` never writes it.
    common::build_ok(&preview.root(), &[]);
    let built =
        std::fs::read_to_string(preview.root().join("public/news/hello/index.html")).unwrap();
    assert!(!built.contains("__potline"), "{built}");
}

// ---------------------------------------------------------------------------------------------
// Rebuilds and live reload.

#[test]
fn serve_edit_is_in_place_before_the_reload_event() {
    let preview = Preview::start();
    let mut events = preview.events();
    let hello = events.wait_for("hello", WAIT).expect("a hello event");
    assert_eq!(
        hello["build"].as_str(),
        Some(page_build(&preview.get("/").text()).as_str())
    );
    let started = Instant::now();
    preview.write("content/news/hello.md", &hello_page("Edited hello text."));
    let reload = events.wait_for("reload", WAIT).expect("a reload event");
    let latency = started.elapsed();
    let page = preview.get("/news/hello/").text();
    assert!(
        page.contains("Edited hello text."),
        "the new page is served when the reload is sent:\n{page}"
    );
    assert_eq!(reload["build"].as_str(), Some(page_build(&page).as_str()));
    eprintln!("serve: save to reload event in {} ms", latency.as_millis());
    // The summary line is reported once the browsers have been told, so it may come just after.
    assert!(
        wait_until(|| preview
            .log()
            .contains("content/news/hello.md changed: built")),
        "log:\n{}",
        preview.log()
    );
}

#[test]
fn serve_css_change_swaps_stylesheets_without_reload() {
    let preview = Preview::start();
    let mut events = preview.events();
    events.wait_for("hello", WAIT).expect("a hello event");
    preview.write("static/css/site.css", "body { color: #654321; }\n");
    let css = events.wait_for("css", WAIT).expect("a css event");
    assert_eq!(css["paths"], serde_json::json!(["/css/site.css"]));
    assert_eq!(
        preview.get("/css/site.css").text(),
        "body { color: #654321; }\n"
    );
}

#[test]
fn serve_broken_front_matter_shows_overlay_over_last_good_page() {
    let preview = Preview::start();
    let mut events = preview.events();
    events.wait_for("hello", WAIT).expect("a hello event");
    preview.write(
        "content/news/hello.md",
        "---\ntitle: Hello\ndate: \"<b>2024-13-01</b>\"\n---\nBroken hello text.\n",
    );
    let failure = events.wait_for("failure", WAIT).expect("a failure event");
    let overlay = failure["overlay"].as_str().expect("an overlay").to_string();
    assert!(overlay.contains("content/news/hello.md:3:"), "{overlay}");
    assert!(
        overlay.contains("&lt;b&gt;2024-13-01&lt;/b&gt;"),
        "messages are HTML-escaped: {overlay}"
    );
    assert!(!overlay.contains("<b>2024"), "{overlay}");

    let page = preview.get("/news/hello/");
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(
        html.contains("Original hello text."),
        "the last good page is still served"
    );
    assert!(
        html.contains("id=\"potline-overlay\""),
        "with the overlay:\n{html}"
    );
    assert!(html.contains("content/news/hello.md:3:"));
    assert!(!html.contains("<b>2024"));
    assert!(
        page.header("etag").is_none(),
        "a page under the overlay is never revalidated"
    );
    assert!(
        preview.get("/").text().contains("id=\"potline-overlay\""),
        "every page shows it"
    );
    let status = preview.status();
    assert_eq!(status["ok"], false);
    assert!(
        status["errors"][0]
            .as_str()
            .unwrap()
            .starts_with("content/news/hello.md:3:")
    );
    assert!(
        preview.log().contains("the build failed"),
        "the terminal says so:\n{}",
        preview.log()
    );

    preview.write("content/news/hello.md", &hello_page("Fixed hello text."));
    events
        .wait_for("reload", WAIT)
        .expect("a reload event once fixed");
    let html = preview.get("/news/hello/").text();
    assert!(html.contains("Fixed hello text."));
    assert!(
        !html.contains("potline-overlay"),
        "the overlay is gone:\n{html}"
    );
}

#[test]
fn serve_keeps_the_last_good_site_through_hostile_files() {
    let preview = Preview::start();
    let good = preview.get("/news/hello/").text();
    let mut laughs = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (x, y) in "bcdefghijk".chars().zip("abcdefghij".chars()) {
        laughs.push_str(&format!(
            "{x}: &{x} [*{y}, *{y}, *{y}, *{y}, *{y}, *{y}, *{y}, *{y}, *{y}]\n"
        ));
    }
    let hostile: [(&str, Vec<u8>, &str); 5] = [
        (
            "content/news/laughs.md",
            format!("---\ntitle: T\ndate: 2021-07-30\n{laughs}---\nx\n").into_bytes(),
            "expands to too much",
        ),
        (
            "content/news/deep.md",
            format!("---\ntitle: T\nx: {}\n---\n", "[".repeat(50_000)).into_bytes(),
            "nested too deeply",
        ),
        (
            "content/news/gbk.md",
            b"---\ntitle: \xb0\xd9\xc9\xab\n---\n".to_vec(),
            "not UTF-8",
        ),
        (
            "templates/page.html",
            b"{% include \"page.html\" %}".to_vec(),
            "error",
        ),
        (
            "content/news/unclosed.md",
            b"---\ntitle: T\n---\n{% notice() %}\nnever closed\n".to_vec(),
            "never closed",
        ),
    ];
    for (rel, bytes, expected) in hostile {
        let path = preview.root().join(rel);
        let before = std::fs::read(&path).ok();
        let failures = preview.status()["failures"].as_u64().unwrap_or(0);
        std::fs::write(&path, &bytes).expect("write");
        assert!(
            wait_until(|| preview.status()["failures"].as_u64().unwrap_or(0) > failures),
            "{rel}: no failed build; log:\n{}",
            preview.log()
        );
        let status = preview.status();
        let errors = status["errors"].to_string();
        assert!(errors.contains(expected), "{rel}: {errors}");
        let page = preview.get("/news/hello/");
        assert_eq!(page.status, 200, "{rel}");
        assert!(
            page.text().contains("Original hello text."),
            "{rel}: the last good site is served"
        );
        match before {
            Some(before) => std::fs::write(&path, before).expect("restore"),
            None => std::fs::remove_file(&path).expect("remove"),
        }
        assert!(
            wait_until(|| preview.status()["ok"] == true),
            "{rel}: fixed again"
        );
    }
    let again = preview.get("/news/hello/").text();
    assert_eq!(
        again.replace(&page_build(&again), ""),
        good.replace(&page_build(&good), "")
    );
}

#[test]
fn serve_starts_even_when_the_first_build_fails() {
    let preview = Preview::start_with(
        |_, root| {
            std::fs::write(
                root.join("content/news/hello.md"),
                "---\ntitle: [unclosed\n---\nx\n",
            )
            .unwrap()
        },
        |_| {},
    );
    for path in ["/", "/news/hello/", "/anything"] {
        let response = preview.get(path);
        assert_eq!(response.status, 503, "{path}");
        let html = response.text();
        assert!(html.contains("id=\"potline-overlay\""), "{path}:\n{html}");
        assert!(
            html.contains("content/news/hello.md:2:") && html.contains("error:"),
            "{path}:\n{html}"
        );
        assert!(
            html.contains("/__potline/livereload.js"),
            "{path}: reloads once fixed"
        );
    }
    let mut events = preview.events();
    events
        .wait_for("failure", WAIT)
        .expect("the errors, on connecting");
    preview.write("content/news/hello.md", &hello_page("Now it builds."));
    events
        .wait_for("reload", WAIT)
        .expect("a reload event once fixed");
    let page = preview.get("/news/hello/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Now it builds."));
}

#[test]
fn serve_save_by_rename_is_one_rebuild() {
    let preview = Preview::start();
    let news = preview.root().join("content/news");
    // An editor's atomic save: write a hidden temporary file, rename it over the page.
    let before = preview.builds();
    std::fs::write(
        news.join(".hello.md.tmp.4242"),
        hello_page("Saved by rename."),
    )
    .unwrap();
    std::fs::rename(news.join(".hello.md.tmp.4242"), news.join("hello.md")).unwrap();
    assert_eq!(
        preview.builds_after_quiet(before + 1),
        before + 1,
        "log:\n{}",
        preview.log()
    );
    assert!(
        preview
            .get("/news/hello/")
            .text()
            .contains("Saved by rename.")
    );

    // Vim's way: probe file, backup by rename, write anew, remove the backup.
    let before = preview.builds();
    std::fs::write(news.join("4913"), "").unwrap();
    std::fs::remove_file(news.join("4913")).unwrap();
    std::fs::rename(news.join("hello.md"), news.join("hello.md~")).unwrap();
    std::fs::write(news.join("hello.md"), hello_page("Saved by vim.")).unwrap();
    std::fs::remove_file(news.join("hello.md~")).unwrap();
    assert_eq!(
        preview.builds_after_quiet(before + 1),
        before + 1,
        "log:\n{}",
        preview.log()
    );
    assert!(preview.get("/news/hello/").text().contains("Saved by vim."));

    // Editors' swap files alone cause no build at all.
    let before = preview.builds();
    std::fs::write(news.join(".hello.md.swp"), "swap").unwrap();
    std::fs::write(news.join("#hello.md#"), "autosave").unwrap();
    std::thread::sleep(QUIET);
    assert_eq!(preview.builds(), before, "log:\n{}", preview.log());
}

#[test]
fn serve_burst_of_500_files_is_one_rebuild() {
    let preview = Preview::start();
    let news = preview.root().join("content/news");
    let pages: Vec<(PathBuf, String)> = (0..500)
        .map(|i| {
            (
                news.join(format!("burst-{i:03}.md")),
                format!("---\ntitle: Burst {i}\ndate: 2024-02-01\n---\nBurst page {i}.\n"),
            )
        })
        .collect();
    let before = preview.builds();
    for (path, text) in &pages {
        std::fs::write(path, text).unwrap();
    }
    assert_eq!(
        preview.builds_after_quiet(before + 1),
        before + 1,
        "log:\n{}",
        preview.log()
    );
    assert!(
        preview
            .get("/news/burst-000/")
            .text()
            .contains("Burst page 0.")
    );
    assert!(
        preview
            .get("/news/burst-499/")
            .text()
            .contains("Burst page 499.")
    );

    let before = preview.builds();
    for (path, _) in &pages {
        std::fs::remove_file(path).unwrap();
    }
    assert_eq!(
        preview.builds_after_quiet(before + 1),
        before + 1,
        "log:\n{}",
        preview.log()
    );
    assert_eq!(preview.get("/news/burst-250/").status, 404);
}

/// The number in the "Marker N." paragraph of a served page, if it has one.
fn served_marker(html: &str) -> Option<usize> {
    let doc = scraper::Html::parse_document(html);
    common::texts(&doc, "main p")
        .iter()
        .find_map(|t| t.strip_prefix("Marker ")?.strip_suffix('.')?.parse().ok())
}

/// Saves `content/news/hello.md` every 250 ms for 4 s (each save in two steps, as some
/// editors do: the text, then the modification time), with `others` more pages saved alongside,
/// and checks what the server serves meanwhile: never more than 1.5 s without a version saved at
/// most 1.5 s earlier, and the last save once the saves stop.
fn check_preview_stays_current_under_saves(others: usize) {
    const SAVES: usize = 16;
    const EVERY: Duration = Duration::from_millis(250);
    /// How old the marker shown may be, and how long the page may go without such a marker.
    const FRESH: Duration = Duration::from_millis(1500);
    let preview = Preview::start();
    let root = preview.root();
    let started = Instant::now();
    let saver = std::thread::spawn(move || {
        let page = root.join("content/news/hello.md");
        let mut saved = Vec::with_capacity(SAVES);
        for i in 0..SAVES {
            let due = started + EVERY * u32::try_from(i).expect("a few saves");
            std::thread::sleep(due.saturating_duration_since(Instant::now()));
            for other in 0..others {
                let text = hello_page(&format!("Other page {other}, save {i}."));
                std::fs::write(root.join(format!("content/news/other-{other}.md")), text)
                    .expect("save");
            }
            std::fs::write(&page, hello_page(&format!("Marker {i}."))).expect("save");
            saved.push(Instant::now());
            std::thread::sleep(Duration::from_millis(20));
            std::fs::File::options()
                .write(true)
                .open(&page)
                .and_then(|file| file.set_modified(std::time::SystemTime::now()))
                .expect("touch");
        }
        saved
    });
    // What the server serves while the saves go on: (when asked, the marker shown).
    let mut seen = Vec::new();
    while !saver.is_finished() {
        seen.push((
            Instant::now(),
            served_marker(&preview.get("/news/hello/").text()),
        ));
        std::thread::sleep(Duration::from_millis(50));
    }
    let saved = saver.join().expect("the saving thread");
    // A page is fresh when the marker it shows was saved at most FRESH before it was asked for.
    let mut last_fresh = started;
    let mut longest_stale = Duration::ZERO;
    for (asked, marker) in &seen {
        if marker.is_some_and(|m| asked.duration_since(saved[m]) <= FRESH) {
            last_fresh = *asked;
        }
        longest_stale = longest_stale.max(asked.duration_since(last_fresh));
    }
    let shown: Vec<Option<usize>> = seen.iter().map(|(_, m)| *m).collect();
    assert!(
        longest_stale <= FRESH,
        "the preview went {longest_stale:?} without a recent version; shown: {shown:?}\nlog:\n{}",
        preview.log()
    );
    assert!(
        wait_until(|| served_marker(&preview.get("/news/hello/").text()) == Some(SAVES - 1)),
        "the last save is shown once the saves stop; log:\n{}",
        preview.log()
    );
}

#[test]
fn serve_keeps_the_preview_current_while_a_page_is_saved_every_250_ms() {
    check_preview_stays_current_under_saves(0);
}

#[test]
fn serve_keeps_the_preview_current_while_several_pages_are_saved_every_250_ms() {
    // Three files a save make a burst, which waits longer for quiet: it must not wait for ever.
    check_preview_stays_current_under_saves(2);
}

#[test]
fn serve_follows_new_and_deleted_folders() {
    let preview = Preview::start();
    preview.write(
        "content/events/_index.md",
        "---\ntitle: Events\n---\nWhat happens.\n",
    );
    preview.write(
        "content/events/launch.md",
        "---\ntitle: Launch\n---\nThe launch event.\n",
    );
    assert!(
        wait_until(|| preview
            .get("/events/launch/")
            .text()
            .contains("The launch event.")),
        "log:\n{}",
        preview.log()
    );
    preview.write(
        "content/events/2025/_index.md",
        "---\ntitle: 2025\n---\nThe year.\n",
    );
    preview.write(
        "content/events/2025/fair.md",
        "---\ntitle: Fair\n---\nThe fair.\n",
    );
    assert!(
        wait_until(|| preview.get("/events/2025/fair/").status == 200),
        "log:\n{}",
        preview.log()
    );
    std::fs::remove_dir_all(preview.root().join("content/events")).unwrap();
    assert!(
        wait_until(|| preview.get("/events/launch/").status == 404),
        "log:\n{}",
        preview.log()
    );
    // A folder that is gone and comes back is watched again.
    preview.write(
        "content/events/again.md",
        "---\ntitle: Again\n---\nBack again.\n",
    );
    assert!(
        wait_until(|| preview.get("/events/again/").status == 200),
        "log:\n{}",
        preview.log()
    );
}

#[test]
fn serve_rebuilds_on_template_static_and_config_changes() {
    let preview = Preview::start();
    preview.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p>Template marker</p>{{ page.content | safe }}{% endblock content %}",
    );
    assert!(
        wait_until(|| preview
            .get("/news/hello/")
            .text()
            .contains("Template marker")),
        "log:\n{}",
        preview.log()
    );
    preview.write(
        "static/img/new.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    );
    assert!(
        wait_until(|| preview.get("/img/new.svg").status == 200),
        "log:\n{}",
        preview.log()
    );
    let config = std::fs::read_to_string(preview.root().join("site.yaml")).unwrap();
    preview.write(
        "site.yaml",
        &config.replace("title: Serve Fixture", "title: Renamed Fixture"),
    );
    assert!(
        wait_until(|| preview
            .get("/news/hello/")
            .text()
            .contains("Renamed Fixture")),
        "log:\n{}",
        preview.log()
    );
}

#[test]
fn serve_polling_watcher_sees_edits() {
    let preview = Preview::start_with(|_, _| {}, |options| options.poll = true);
    preview.write("content/news/hello.md", &hello_page("Seen by polling."));
    assert!(
        wait_until(|| preview
            .get("/news/hello/")
            .text()
            .contains("Seen by polling.")),
        "log:\n{}",
        preview.log()
    );
}

#[test]
fn serve_takes_the_next_port_when_its_port_is_taken() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let Some(first) = port.checked_add(1) else {
        return;
    };
    let preview = Preview::start_with(|_, _| {}, |options| options.port = port);
    let got = preview.addr().port();
    assert!(
        (first..=port.saturating_add(20)).contains(&got),
        "{port} taken, got {got}"
    );
    assert!(
        preview.log().contains(&format!(
            "port {port} is in use; listening on port {got} instead"
        )),
        "log:\n{}",
        preview.log()
    );
    assert_eq!(preview.get("/").status, 200);
}

#[test]
fn serve_answers_concurrent_requests_during_rebuilds_with_whole_pages() {
    const VERSIONS: [&str; 6] = [
        "Original hello text.",
        "Version 0.",
        "Version 1.",
        "Version 2.",
        "Version 3.",
        "Version 4.",
    ];
    let preview = Preview::start();
    let addr = preview.addr();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let clients: Vec<_> = (0..8)
        .map(|i| {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let mut seen = 0;
                for n in 0..400 {
                    if stop.load(std::sync::atomic::Ordering::Relaxed) && n > 20 {
                        break;
                    }
                    let path = if (i + n) % 3 == 0 {
                        "/css/site.css"
                    } else {
                        "/news/hello/"
                    };
                    let request =
                        format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
                    let response = send(addr, &request);
                    assert_eq!(response.status, 200, "{path}");
                    let length: usize = response
                        .header("content-length")
                        .expect("a length")
                        .parse()
                        .expect("a number");
                    assert_eq!(response.body.len(), length, "{path}: the whole body");
                    if path == "/news/hello/" {
                        // One build's page, whole: exactly one version of the text, and its end.
                        let text = response.text();
                        let versions = VERSIONS.iter().filter(|v| text.contains(*v)).count();
                        assert_eq!(versions, 1, "one build per page:\n{text}");
                        assert!(text.trim_end().ends_with("</html>"), "{text}");
                    }
                    seen += 1;
                }
                seen
            })
        })
        .collect();
    for version in 0..5 {
        std::thread::sleep(Duration::from_millis(150));
        preview.write(
            "content/news/hello.md",
            &hello_page(&format!("Version {version}.")),
        );
    }
    assert!(wait_until(|| preview
        .get("/news/hello/")
        .text()
        .contains("Version 4.")));
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let answered: usize = clients
        .into_iter()
        .map(|c| c.join().expect("a client"))
        .sum();
    assert!(answered >= 8 * 20, "{answered} responses");
}

// ---------------------------------------------------------------------------------------------
// Hostile clients: odd request targets, oversized and slow requests. The server answers each
// with an error or closes that connection, and goes on serving everyone else.

/// Sends raw bytes and returns what came back before the server closed (or `WAIT` passed).
fn send_bytes(addr: SocketAddr, raw: &[u8]) -> Vec<u8> {
    let mut stream = TcpStream::connect_timeout(&addr, WAIT).expect("connect");
    stream.set_read_timeout(Some(WAIT)).expect("timeout");
    // The server may answer and close before it has read everything: that is not a failure.
    let _ = stream.write_all(raw);
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    bytes
}

fn status_of(bytes: &[u8]) -> Option<u16> {
    let text = String::from_utf8_lossy(bytes);
    text.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()
}

#[test]
fn serve_refuses_absolute_form_targets_naming_another_host() {
    let preview = Preview::start();
    let addr = preview.addr();
    for target in [
        "http://evil.example/",
        "http://evil.example/news/hello/",
        "http://127.0.0.1.evil.example/",
    ] {
        let response = preview.request(&format!(
            "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(response.status, 403, "{target}");
    }
    let own = preview.request(&format!(
        "GET http://{addr}/news/hello/ HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    ));
    assert_eq!(own.status, 200);
}

#[test]
fn serve_refuses_nul_bytes_and_overlong_utf8_in_every_form() {
    let preview = Preview::start_with(
        |tmp, _| std::fs::write(tmp.join("secret.txt"), "TOP-SECRET-OUTSIDE\n").unwrap(),
        |_| {},
    );
    for path in [
        "/%00",
        "/news/hello/%00",
        "/index.html%00.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/%c0%ae%c0%ae%c0%afsecret.txt",
        "/%e0%80%ae%e0%80%ae/secret.txt",
        "/%f0%80%80%ae%f0%80%80%ae/secret.txt",
        "/..%c0%afsecret.txt",
        "/..%c1%9csecret.txt",
        "/%ed%a0%80",
    ] {
        let response = preview.get(path);
        assert_eq!(response.status, 400, "{path}");
        assert!(!response.text().contains("TOP-SECRET"), "{path}");
    }
    // A raw NUL or a raw byte that is not UTF-8 in the request line never reaches a file.
    for raw in [
        &b"GET /\0 HTTP/1.1\r\n\r\n"[..],
        b"GET /\xc0\xae\xc0\xae/secret.txt HTTP/1.1\r\n\r\n",
    ] {
        let bytes = send_bytes(preview.addr(), raw);
        assert!(!String::from_utf8_lossy(&bytes).contains("TOP-SECRET"));
        assert!(
            matches!(status_of(&bytes), None | Some(400)),
            "{:?}",
            String::from_utf8_lossy(&bytes)
        );
    }
    assert_eq!(preview.get("/news/hello/").status, 200);
}

#[test]
fn serve_rejects_oversized_request_lines_and_headers_and_keeps_serving() {
    let preview = Preview::start();
    let addr = preview.addr();
    let long_path = format!("/{}", "a".repeat(100_000));
    let long_header = "x".repeat(64 * 1024);
    let many_headers: String = (0..500).map(|i| format!("X-Header-{i}: {i}\r\n")).collect();
    for (what, raw) in [
        (
            "request line",
            format!("GET {long_path} HTTP/1.1\r\nHost: {addr}\r\n\r\n"),
        ),
        (
            "one header",
            format!("GET / HTTP/1.1\r\nHost: {addr}\r\nX-Big: {long_header}\r\n\r\n"),
        ),
        (
            "many headers",
            format!("GET / HTTP/1.1\r\nHost: {addr}\r\n{many_headers}\r\n"),
        ),
        (
            "endless head",
            format!(
                "GET / HTTP/1.1\r\nHost: {addr}\r\n{}",
                "X-More: y\r\n".repeat(50_000)
            ),
        ),
    ] {
        let started = Instant::now();
        let bytes = send_bytes(addr, raw.as_bytes());
        assert!(
            matches!(status_of(&bytes), None | Some(414 | 431 | 400)),
            "{what}: {:?}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(200)])
        );
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{what} took {:?}",
            started.elapsed()
        );
        assert_eq!(
            preview.get("/news/hello/").status,
            200,
            "still serving after {what}"
        );
    }
}

#[test]
fn serve_times_out_slow_clients_and_keeps_serving_others() {
    let preview = Preview::start();
    let addr = preview.addr();
    // Slowloris: a request head sent a few bytes at a time, never finished.
    let mut slow = TcpStream::connect_timeout(&addr, WAIT).expect("connect");
    slow.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
        .expect("send");
    // And a connection that never sends a byte.
    let mut silent = TcpStream::connect_timeout(&addr, WAIT).expect("connect");
    silent.set_read_timeout(Some(WAIT)).expect("timeout");
    let started = Instant::now();
    let mut closed_after = None;
    while started.elapsed() < WAIT {
        assert_eq!(
            preview.get("/news/hello/").status,
            200,
            "others are served meanwhile"
        );
        if slow.write_all(b"X-Slow: 1\r\n").is_err() {
            closed_after = Some(started.elapsed());
            break;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    let closed_after = closed_after.expect("the slow client was never cut off");
    assert!(
        closed_after < Duration::from_secs(10),
        "cut off after {closed_after:?}"
    );
    let mut buffer = [0u8; 64];
    let read = silent.read(&mut buffer);
    assert!(
        matches!(read, Ok(0) | Err(_)) || status_of(&buffer).is_some(),
        "the silent connection is closed"
    );
    assert!(started.elapsed() < Duration::from_secs(12));
}

#[test]
fn serve_never_serves_dotfiles_and_sends_no_cors_headers() {
    let preview = Preview::start_with(
        |_, root| {
            std::fs::write(root.join("static/.env"), "SECRET=1\n").unwrap();
            std::fs::create_dir_all(root.join("static/.git")).unwrap();
            std::fs::write(root.join("static/.git/config"), "[core]\n").unwrap();
        },
        |_| {},
    );
    for path in [
        "/.env",
        "/.git/config",
        "/%2eenv",
        "/.public.spare/index.html",
        "/css/.hidden",
    ] {
        let response = preview.get(path);
        assert_eq!(response.status, 404, "{path}");
        assert!(!response.text().contains("SECRET=1"), "{path}");
    }
    let addr = preview.addr();
    let preflight = preview.request(&format!(
        "OPTIONS /news/hello/ HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://evil.example\r\nAccess-Control-Request-Method: GET\r\nConnection: close\r\n\r\n"
    ));
    assert_eq!(preflight.status, 405);
    let cross = preview.request(&format!(
        "GET /news/hello/ HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://evil.example\r\nConnection: close\r\n\r\n"
    ));
    for response in [&preflight, &cross] {
        assert!(
            !response
                .headers
                .iter()
                .any(|(name, _)| name.starts_with("access-control-")),
            "{:?}",
            response.headers
        );
    }
}

#[test]
fn serve_leaves_drafts_out_unless_asked() {
    let preview = Preview::start_with(|_, _| {}, |options| options.drafts = false);
    assert_eq!(preview.get("/news/unfinished/").status, 404, "a draft");
    assert_eq!(
        preview.get("/news/tomorrow/").status,
        200,
        "future pages are still shown"
    );
    // The command line shows drafts on loopback, and elsewhere only with --drafts (the server
    // is not started: tests listen on loopback only).
    use clap::Parser as _;
    let options = |args: &[&str]| {
        let cli = potline::cli::Cli::try_parse_from([&["potline", "serve"], args].concat())
            .expect("valid arguments");
        match cli.command {
            potline::cli::Command::Serve(serve) => serve.options().drafts,
            _ => unreachable!("a serve command"),
        }
    };
    assert!(options(&[]));
    assert!(!options(&["--bind", "0.0.0.0"]));
    assert!(options(&["--bind", "0.0.0.0", "--drafts"]));
}

// ---------------------------------------------------------------------------------------------
// The live-reload socket: what it reads from pages, and for how long.

/// How long a live-reload connection may stay silent (`reload::IDLE_TIMEOUT`).
const LIVE_IDLE_TIMEOUT: Duration = Duration::from_secs(5);

#[test]
#[cfg(target_os = "linux")]
fn serve_live_reload_closes_oversized_messages_at_once_and_stays_small() {
    const FRAGMENT: u64 = 15 << 20;
    let dir = tempfile::tempdir().expect("temporary folder");
    common::copy_dir(
        &common::repo_root().join("tests/fixtures/serve-site"),
        dir.path(),
    );
    let server = ServeProcess::start(dir.path());
    let addr = server.addr;
    let before = server.resident_kib();
    // Four pages start a 60 MiB message in 15 MiB fragments (each under the 16 MiB frame limit
    // of tungstenite's defaults), a fifth announces it as one frame; each then sends what it
    // can of its first frame, and keeps its connection open.
    let attackers: Vec<_> = (0..5)
        .map(|i| {
            std::thread::spawn(move || {
                let (status, events) = Events::try_open(addr, "");
                assert_eq!(status, 101);
                let mut stream = events.expect("a WebSocket").stream;
                let started = Instant::now();
                let header = if i == 0 {
                    client_frame_header(true, 1, 60 << 20)
                } else {
                    client_frame_header(false, 1, FRAGMENT)
                };
                stream.set_write_timeout(Some(WAIT)).expect("timeout");
                let chunk = vec![b'a'; 64 * 1024];
                let mut sent = 0;
                let mut refused = stream.write_all(&header).is_err();
                while !refused && sent < FRAGMENT {
                    match stream.write(&chunk) {
                        Ok(n) => sent += n as u64,
                        Err(_) => refused = true,
                    }
                }
                (refused, sent, started.elapsed(), stream)
            })
        })
        .collect();
    let results: Vec<_> = attackers
        .into_iter()
        .map(|a| a.join().expect("an attacking page"))
        .collect();
    // Measured while the connections are still open on the client's side.
    let grown = server.resident_kib().saturating_sub(before);
    eprintln!(
        "serve: {before} KiB before, grew {grown} KiB; {:?}",
        results.iter().map(|r| (r.0, r.1, r.2)).collect::<Vec<_>>()
    );
    for (refused, sent, took, _) in &results {
        assert!(
            *refused && *sent < FRAGMENT,
            "the server read {sent} bytes of a message it should refuse"
        );
        assert!(*took < Duration::from_secs(3), "closed only after {took:?}");
    }
    assert!(
        grown < 16 * 1024,
        "the server grew by {grown} KiB while refusing oversized messages"
    );
    drop(results);
    // A page that behaves is still told of rebuilds.
    let mut events = Events::open(addr, "");
    events.wait_for("hello", WAIT).expect("a hello event");
    common::write(
        dir.path(),
        "content/news/hello.md",
        &hello_page("Edited after the attack."),
    );
    events
        .wait_for("reload", WAIT)
        .expect("a reload event for a well-behaved page");
}

#[test]
fn serve_live_reload_closes_a_stalled_frame_and_keeps_an_idle_page() {
    let preview = Preview::start();
    let mut idle = preview.events();
    idle.wait_for("hello", WAIT).expect("a hello event");
    let mut stalled = preview.events();
    stalled.wait_for("hello", WAIT).expect("a hello event");
    // A frame announcing 100 bytes, of which 10 come, then nothing more.
    let mut partial = client_frame_header(true, 1, 100);
    partial.extend([b'x'; 10]);
    stalled.stream.write_all(&partial).expect("send");
    let started = Instant::now();
    let mut closed_after = None;
    // The idle page answers the server's pings (as browsers do) and sends nothing else.
    while started.elapsed() < LIVE_IDLE_TIMEOUT * 2 {
        assert!(
            !idle.closed_within(Duration::from_millis(100)),
            "the idle page was cut off after {:?}",
            started.elapsed()
        );
        if closed_after.is_none() && stalled.closed_within(Duration::from_millis(100)) {
            closed_after = Some(started.elapsed());
        }
        if closed_after.is_some() && started.elapsed() > LIVE_IDLE_TIMEOUT + Duration::from_secs(1)
        {
            break;
        }
    }
    let closed_after = closed_after.expect("the stalled connection is closed");
    assert!(
        closed_after < LIVE_IDLE_TIMEOUT + Duration::from_secs(2),
        "closed after {closed_after:?}"
    );
    preview.write(
        "content/news/hello.md",
        &hello_page("Seen by an idle page."),
    );
    idle.wait_for("reload", WAIT)
        .expect("the idle page is still told of rebuilds");
}

#[test]
fn serve_live_reload_refuses_pages_past_its_limit() {
    const LIMIT: usize = 64;
    let preview = Preview::start();
    let addr = preview.addr();
    let mut open: Vec<Events> = (0..LIMIT).map(|_| preview.events()).collect();
    let refused = preview.request(&format!(
        "GET /__potline/live HTTP/1.1\r\nHost: {addr}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\
         Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
    ));
    assert_eq!(refused.status, 503);
    assert_eq!(
        refused.text(),
        "potline: 64 pages already listen for live reload; close some preview tabs, and this page will connect by itself\n"
    );
    assert_eq!(refused.header("retry-after"), Some("5"));
    // Pages are still served meanwhile, and a place frees up when a page closes.
    assert_eq!(preview.get("/news/hello/").status, 200);
    drop(open.pop());
    assert!(wait_until(|| Events::try_open(addr, "").0 == 101));
}

// ---------------------------------------------------------------------------------------------
// In a browser.

/// A browser tool, or `None` (with a message) when it is missing outside CI; under CI a missing
/// tool is a failure, so the check can never pass by not running.
fn browser_tool(path: &Path) -> Option<PathBuf> {
    if path.exists() {
        return Some(path.to_path_buf());
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing: see .ci/run (apt-get install chromium; npm ci --prefix tests/browser)",
        path.display()
    );
    eprintln!("skipped: {} is missing", path.display());
    None
}

#[test]
fn serve_live_reload_in_chromium() {
    let chromium = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    let modules = common::repo_root().join("tests/browser/node_modules/playwright-core");
    let (Some(_), Some(_)) = (browser_tool(&chromium), browser_tool(&modules)) else {
        return;
    };
    let dir = tempfile::tempdir().expect("temporary folder");
    common::copy_dir(
        &common::repo_root().join("tests/fixtures/serve-site"),
        dir.path(),
    );
    let out = Command::new("node")
        .arg(common::repo_root().join("tests/browser/live-reload.mjs"))
        .arg(env!("CARGO_BIN_EXE_potline"))
        .arg(dir.path())
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    eprint!("{stdout}");
}

// ---------------------------------------------------------------------------------------------
// The binary.

/// Kills the child (by its own handle) if the test fails before it stops by itself.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        if self.0.try_wait().ok().flatten().is_none() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// `potline serve --port 0` of the site in `root`, run as its own process, once it has printed
/// its address and finished its first build.
#[cfg(unix)]
struct ServeProcess {
    running: Running,
    addr: SocketAddr,
    /// What it printed so far, and what it prints next.
    printed: Vec<String>,
    received: mpsc::Receiver<String>,
}

#[cfg(unix)]
impl ServeProcess {
    fn start(root: &Path) -> ServeProcess {
        let child = common::potline()
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("potline serve starts");
        let mut running = Running(child);
        let stdout = running.0.stdout.take().expect("stdout");
        let (lines, received) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if lines.send(line).is_err() {
                    break;
                }
            }
        });
        let mut printed = Vec::new();
        let deadline = Instant::now() + WAIT;
        let url = loop {
            let line = received
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .expect("the banner");
            printed.push(line.clone());
            if let Some(url) = line.strip_prefix("potline serve: previewing the site at ") {
                break url.to_string();
            }
        };
        let addr: SocketAddr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .expect("an address");
        assert!(addr.ip().is_loopback(), "loopback by default: {url}");
        let mut process = ServeProcess {
            running,
            addr,
            printed,
            received,
        };
        assert!(wait_until(|| process.printed_line("first build: built")));
        process
    }

    /// Has it printed a line containing `text` by now?
    fn printed_line(&mut self, text: &str) -> bool {
        self.printed.extend(self.received.try_iter());
        self.printed.iter().any(|l| l.contains(text))
    }

    /// Its resident memory (`VmRSS`), in KiB.
    #[cfg(target_os = "linux")]
    fn resident_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.running.0.id()))
            .expect("the server's /proc status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("a VmRSS line")
    }
}

#[test]
#[cfg(unix)]
fn serve_binary_prints_the_url_and_stops_cleanly_on_ctrl_c() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(
        &common::repo_root().join("tests/fixtures/serve-site"),
        dir.path(),
    );
    let process = ServeProcess::start(dir.path());
    let ServeProcess {
        mut running,
        addr,
        mut printed,
        received,
    } = process;
    assert!(
        printed
            .iter()
            .any(|l| l.contains("drafts and future-dated pages are shown")),
        "{printed:?}"
    );
    assert_eq!(
        send(
            addr,
            &format!("GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")
        )
        .status,
        200
    );

    let pid = running.0.id().to_string();
    let signalled = Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill runs");
    assert!(signalled.success());
    let deadline = Instant::now() + WAIT;
    let status = loop {
        if let Some(status) = running.0.try_wait().expect("wait") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "potline serve did not stop on Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "exit status {status}");
    printed.extend(received.recv_timeout(Duration::from_secs(2)).ok());
    assert!(
        printed.iter().any(|l| l == "potline serve stopped"),
        "{printed:?}"
    );
}
