//! `potline deploy`: the sample site deployed to a real S3 server (s3s-fs, in this process, on
//! loopback) and read back over the S3 API; to a folder, swapped atomically and rolled back; and
//! that folder served by a real nginx with the server block of `docs/nginx/`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use object_store::aws::AmazonS3Builder;
use object_store::path::Path as Key;
use object_store::{Attribute, ObjectStore as _, ObjectStoreExt as _};
use tempfile::TempDir;

use crate::common::*;

const BUCKET: &str = "site";
const KEY_ID: &str = "potline-test";
const SECRET: &str = "potline-test-secret";
const MANIFEST: &str = ".potline-manifest.json";
const WAIT: Duration = Duration::from_secs(60);

/// What the test server saw, in order: `PUT key`, `DELETE key` and `DELETE (batch)`.
#[derive(Default)]
struct ServerState {
    log: Mutex<Vec<String>>,
    /// File uploads (the manifest aside) let through before the rest are held.
    hold_after: AtomicUsize,
    admitted: AtomicUsize,
    held: AtomicUsize,
    released: AtomicBool,
    /// Answer a refused signature as AWS S3 does: with the request's key id, signature, string
    /// to sign and canonical request (holding its session token) in the error body.
    echo_refusals: AtomicBool,
    /// The signatures of the requests seen, while `echo_refusals` is on.
    signatures: Mutex<Vec<String>>,
}

/// An S3 server (s3s-fs over a temporary folder) on a loopback port, with signature checks.
struct S3Server {
    addr: SocketAddr,
    state: Arc<ServerState>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    _storage: TempDir,
}

impl S3Server {
    fn start() -> S3Server {
        let storage = tempfile::tempdir().expect("temp");
        std::fs::create_dir(storage.path().join(BUCKET)).expect("bucket folder");
        let fs = s3s_fs::FileSystem::new(storage.path()).expect("s3s-fs");
        let mut builder = s3s::service::S3ServiceBuilder::new(fs);
        builder.set_auth(s3s::auth::SimpleAuth::from_single(KEY_ID, SECRET));
        let service = builder.build();
        let state = Arc::new(ServerState {
            hold_after: AtomicUsize::new(usize::MAX),
            ..ServerState::default()
        });
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        listener.set_nonblocking(true).expect("nonblocking");
        let addr = listener.local_addr().expect("address");
        let (stop, stopped) = tokio::sync::oneshot::channel();
        let thread = {
            let state = Arc::clone(&state);
            std::thread::spawn(move || serve(listener, service, state, stopped))
        };
        S3Server {
            addr,
            state,
            stop: Some(stop),
            thread: Some(thread),
            _storage: storage,
        }
    }

    fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The requests seen since the last call.
    fn take_log(&self) -> Vec<String> {
        std::mem::take(&mut *self.state.log.lock().expect("log"))
    }

    /// Keys of the files uploaded since the last call (the manifest aside).
    fn take_uploads(&self) -> BTreeSet<String> {
        uploads(&self.take_log())
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        self.state.released.store(true, Ordering::SeqCst);
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn uploads(log: &[String]) -> BTreeSet<String> {
    log.iter()
        .filter_map(|line| line.strip_prefix("PUT "))
        .filter(|key| *key != MANIFEST)
        .map(str::to_string)
        .collect()
}

fn serve(
    listener: TcpListener,
    service: s3s::service::S3Service,
    state: Arc<ServerState>,
    mut stopped: tokio::sync::oneshot::Receiver<()>,
) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
        loop {
            let stream = tokio::select! {
                _ = &mut stopped => break,
                accepted = listener.accept() => match accepted {
                    Ok((stream, _)) => stream,
                    Err(_) => continue,
                },
            };
            let service = service.clone();
            let state = Arc::clone(&state);
            tokio::spawn(async move {
                let handler = hyper::service::service_fn(move |request| {
                    handle(service.clone(), Arc::clone(&state), request)
                });
                let io = hyper_util::rt::TokioIo::new(stream);
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(io, handler)
                    .await;
            });
        }
    });
}

/// Passes a request to s3s-fs and logs it; holds file uploads past `hold_after` (answering 503
/// once released, without storing them), like a connection that hangs mid-deploy.
async fn handle(
    service: s3s::service::S3Service,
    state: Arc<ServerState>,
    request: hyper::Request<hyper::body::Incoming>,
) -> Result<hyper::Response<s3s::Body>, s3s::HttpError> {
    let method = request.method().clone();
    let path = request.uri().path();
    let key = percent_decode(path.strip_prefix(&format!("/{BUCKET}/")).unwrap_or(path));
    let is_file_upload = method == hyper::Method::PUT && key != MANIFEST;
    if is_file_upload
        && state.admitted.fetch_add(1, Ordering::SeqCst) >= state.hold_after.load(Ordering::SeqCst)
    {
        state.held.fetch_add(1, Ordering::SeqCst);
        while !state.released.load(Ordering::SeqCst) {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let mut refused = hyper::Response::new(s3s::Body::empty());
        *refused.status_mut() = hyper::StatusCode::SERVICE_UNAVAILABLE;
        return Ok(refused);
    }
    // Deletions come one by one (DELETE) or in batches (POST ?delete).
    let batch_delete = method == hyper::Method::POST
        && request.uri().query().is_some_and(|q| q.contains("delete"));
    let echo = state
        .echo_refusals
        .load(Ordering::SeqCst)
        .then(|| aws_refusal(&state, &request));
    let response = hyper::service::Service::call(&service, request).await?;
    if let (Some(body), hyper::StatusCode::FORBIDDEN) = (echo, response.status()) {
        let mut refused = hyper::Response::new(s3s::Body::from(body));
        *refused.status_mut() = hyper::StatusCode::FORBIDDEN;
        return Ok(refused);
    }
    let entry = match method {
        _ if batch_delete => Some("DELETE (batch)".to_string()),
        hyper::Method::PUT | hyper::Method::DELETE => Some(format!("{method} {key}")),
        _ => None,
    };
    if let (Some(entry), true) = (entry, response.status().is_success()) {
        state.log.lock().expect("log").push(entry);
    }
    Ok(response)
}

/// The body AWS S3 sends for a request signed with the wrong secret, made of this request's own
/// details (its form as AWS documents it), with the signature recorded for the test to look for.
fn aws_refusal<B>(state: &ServerState, request: &hyper::Request<B>) -> String {
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let authorization = header("authorization");
    let part = |key: &str| {
        authorization
            .split([' ', ','])
            .find_map(|p| p.strip_prefix(key))
            .unwrap_or_default()
            .to_string()
    };
    let (credential, signature) = (part("Credential="), part("Signature="));
    state
        .signatures
        .lock()
        .expect("signatures")
        .push(signature.clone());
    let (key_id, scope) = credential.split_once('/').unwrap_or_default();
    let date = header("x-amz-date");
    let token = header("x-amz-security-token");
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message><AWSAccessKeyId>{key_id}</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256\n{date}\n{scope}\n7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972</StringToSign><SignatureProvided>{signature}</SignatureProvided><CanonicalRequest>{}\n{}\n\nhost:{}\nx-amz-date:{date}\nx-amz-security-token:{token}\n\nhost;x-amz-date;x-amz-security-token\nUNSIGNED-PAYLOAD</CanonicalRequest><RequestId>4442587FB7D0A2F9</RequestId></Error>",
        request.method(),
        request.uri().path(),
        header("host"),
    )
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// An object read back over the S3 API.
struct Object {
    bytes: Vec<u8>,
    content_type: Option<String>,
    cache_control: Option<String>,
    content_encoding: Option<String>,
}

/// An S3 client of the test server, to read back what a deploy left there.
struct Reader {
    store: object_store::aws::AmazonS3,
    runtime: tokio::runtime::Runtime,
}

impl Reader {
    fn of(server: &S3Server) -> Reader {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let store = AmazonS3Builder::new()
            .with_endpoint(server.endpoint())
            .with_allow_http(true)
            .with_bucket_name(BUCKET)
            .with_region("us-east-1")
            .with_access_key_id(KEY_ID)
            .with_secret_access_key(SECRET)
            .build()
            .expect("client");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        Reader { store, runtime }
    }

    fn get(&self, key: &str) -> Option<Object> {
        self.runtime.block_on(async {
            let result = match self.store.get(&Key::parse(key).expect("key")).await {
                Err(object_store::Error::NotFound { .. }) => return None,
                other => other.expect("get"),
            };
            let attribute = |a: &Attribute| result.attributes.get(a).map(|v| v.to_string());
            let content_type = attribute(&Attribute::ContentType);
            let cache_control = attribute(&Attribute::CacheControl);
            let content_encoding = attribute(&Attribute::ContentEncoding);
            let bytes = result.bytes().await.expect("body").to_vec();
            Some(Object {
                bytes,
                content_type,
                cache_control,
                content_encoding,
            })
        })
    }

    fn keys(&self) -> BTreeSet<String> {
        use futures_util::TryStreamExt as _;
        self.runtime.block_on(async {
            let objects: Vec<object_store::ObjectMeta> =
                self.store.list(None).try_collect().await.expect("list");
            objects
                .into_iter()
                .map(|o| o.location.as_ref().to_string())
                .collect()
        })
    }
}

/// A copy of the repository's own site (the Baise Aluminum website) in `<tmp>/site`, with
/// deploy targets for `server` and a folder beside the site (`<tmp>/www`: potline refuses one
/// inside it), and two files to check headers on: a fingerprinted script and a pre-compressed
/// stylesheet.
struct SampleSite {
    tmp: TempDir,
    root: PathBuf,
}

impl SampleSite {
    /// The site's folder.
    fn path(&self) -> &Path {
        &self.root
    }
}

fn sample_site(server: Option<&S3Server>) -> SampleSite {
    let tmp = tempfile::tempdir().expect("temp");
    let dir = SampleSite {
        root: tmp.path().join("site"),
        tmp,
    };
    let root = repo_root();
    // Everything the site is made of (content, themes, data, ...), not potline's own sources.
    let not_site = [
        "target", "public", "src", "tests", "benches", "examples", "docs",
    ];
    for entry in std::fs::read_dir(&root)
        .expect("repository")
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() && !name.starts_with('.') && !not_site.contains(&name.as_str()) {
            copy_dir(&entry.path(), &dir.path().join(&name));
        }
    }
    let mut config = std::fs::read_to_string(root.join("site.yaml")).expect("site.yaml");
    let endpoint = server.map_or("http://127.0.0.1:9".to_string(), S3Server::endpoint);
    let docroot = docroot(&dir);
    config.push_str(&format!(
        "\ndeploy:\n  - {{ name: bucket, kind: s3, endpoint: \"{endpoint}\", bucket: {BUCKET}, region: us-east-1 }}\n  - {{ name: docroot, kind: folder, path: \"{}\" }}\n",
        docroot.display()
    ));
    std::fs::write(dir.path().join("site.yaml"), config).expect("write site.yaml");
    write(
        dir.path(),
        "static/js/app.3f2a1c9e.js",
        "console.log('potline');\n",
    );
    std::fs::create_dir_all(dir.path().join("static/css")).expect("folder");
    std::fs::write(
        dir.path().join("static/css/print.css.gz"),
        [
            0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        ],
    )
    .expect("write gz");
    dir
}

fn deploy_command(root: &Path, args: &[&str]) -> Command {
    let mut command = potline();
    command
        .arg("deploy")
        .arg("--root")
        .arg(root)
        .args(args)
        .env("AWS_ACCESS_KEY_ID", KEY_ID)
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env_remove("AWS_SESSION_TOKEN")
        .env_remove("AWS_PROFILE")
        .env("HOME", root);
    command
}

fn deploy(root: &Path, args: &[&str]) -> Output {
    deploy_command(root, args).output().expect("potline runs")
}

fn deploy_ok(root: &Path, args: &[&str]) -> String {
    let out = deploy(root, args);
    assert!(
        out.status.success(),
        "deploy failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn deploy_err(root: &Path, args: &[&str]) -> String {
    let out = deploy(root, args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "expected failure:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The files a deploy publishes: the built site without the files that configure other hosts.
fn published(public: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = snapshot(public);
    for host_only in ["_headers", "_redirects", ".nojekyll", "CNAME"] {
        files.remove(host_only);
    }
    files
}

fn changed_files(
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
) -> BTreeSet<String> {
    after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(*bytes))
        .map(|(path, _)| path.clone())
        .collect()
}

const ARTICLE: &str = "content/news/symposium-ecological-aluminum-industry.md";
const ARTICLE_PAGE: &str = "news/symposium-ecological-aluminum-industry/index.html";

fn edit_article(root: &Path) {
    let path = root.join(ARTICLE);
    let text = std::fs::read_to_string(&path).expect("article");
    let edited = text.replacen("aluminum", "aluminium", 1);
    assert_ne!(text, edited, "the edit changes the article");
    std::fs::write(path, edited).expect("write article");
}

#[test]
fn deploy_publishes_every_file_with_its_type_and_cache_headers() {
    let server = S3Server::start();
    let site = sample_site(Some(&server));
    let summary = deploy_ok(site.path(), &["--target", "bucket"]);
    assert!(
        summary.contains("deployed to `bucket` (s3://site)"),
        "{summary}"
    );
    let files = published(&site.path().join("public"));
    assert!(
        files.len() > 30,
        "the sample site has {} files",
        files.len()
    );
    let reader = Reader::of(&server);
    for (path, bytes) in &files {
        let object = reader
            .get(path)
            .unwrap_or_else(|| panic!("{path} is missing"));
        assert_eq!(&object.bytes, bytes, "{path}");
        let expected_cache = if path.ends_with(".html") {
            "public, max-age=300"
        } else if path == "js/app.3f2a1c9e.js"
            || path.contains("search/t/postings.")
            || (path.starts_with("css/site.") && path != "css/site.css")
            || path.starts_with("processed/")
        {
            "public, max-age=31536000, immutable"
        } else {
            "public, max-age=3600"
        };
        assert_eq!(
            object.cache_control.as_deref(),
            Some(expected_cache),
            "{path}"
        );
        let content_type = object.content_type.expect("a content type");
        let expected_type = match path.rsplit('.').next() {
            Some("html") => "text/html; charset=utf-8",
            Some("css") | Some("gz") => "text/css; charset=utf-8",
            Some("js") => "text/javascript; charset=utf-8",
            Some("svg") => "image/svg+xml",
            Some("xml") => "application/xml",
            Some("txt") => "text/plain; charset=utf-8",
            Some("png") => "image/png",
            Some("json") => "application/json",
            other => panic!("no expectation for {other:?} ({path})"),
        };
        assert_eq!(content_type, expected_type, "{path}");
        let encoding = object.content_encoding.as_deref();
        assert_eq!(encoding, path.ends_with(".gz").then_some("gzip"), "{path}");
    }
    let mut expected_keys: BTreeSet<String> = files.keys().cloned().collect();
    expected_keys.insert(MANIFEST.into());
    assert_eq!(
        reader.keys(),
        expected_keys,
        "nothing else is in the bucket"
    );
    let manifest = reader.get(MANIFEST).expect("manifest");
    let manifest: serde_json::Value = serde_json::from_slice(&manifest.bytes).expect("json");
    assert_eq!(
        manifest["files"].as_object().map(|f| f.len()),
        Some(files.len())
    );
    assert!(
        manifest.get("pending").is_none(),
        "a finished deploy has nothing pending"
    );
}

#[test]
fn deploy_sends_assets_then_pages_then_indexes_and_the_manifest_last() {
    let server = S3Server::start();
    let site = sample_site(Some(&server));
    deploy_ok(site.path(), &["--target", "bucket"]);
    let log = server.take_log();
    assert_eq!(
        log.first().map(String::as_str),
        Some("PUT .potline-manifest.json")
    );
    assert_eq!(
        log.last().map(String::as_str),
        Some("PUT .potline-manifest.json")
    );
    let rank = |key: &str| {
        if key.ends_with(".html") {
            1
        } else if key.ends_with(".xml") || key.ends_with(".txt") || key.ends_with(".json") {
            2
        } else {
            0
        }
    };
    let ranks: Vec<u8> = log[1..log.len() - 1]
        .iter()
        .map(|line| rank(line.trim_start_matches("PUT ")))
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{log:#?}");
}

#[test]
fn a_second_deploy_sends_only_the_edited_page_and_what_lists_it() {
    let server = S3Server::start();
    let site = sample_site(Some(&server));
    let public = site.path().join("public");
    deploy_ok(site.path(), &["--target", "bucket"]);
    server.take_log();

    let summary = deploy_ok(site.path(), &["--target", "bucket"]);
    assert!(
        server.take_log().is_empty(),
        "an unchanged site sends nothing: {summary}"
    );
    assert!(summary.contains(": 0 uploaded"), "{summary}");
    assert!(
        summary.contains("nothing changed at `bucket` (s3://site)"),
        "{summary}"
    );
    let started = Instant::now();
    deploy_ok(site.path(), &["--target", "bucket", "--no-build"]);
    let unchanged_time = started.elapsed();

    let before = published(&public);
    edit_article(site.path());
    build_ok(site.path(), &[]);
    let started = Instant::now();
    deploy_ok(site.path(), &["--target", "bucket", "--no-build"]);
    let one_page_time = started.elapsed();
    let after = published(&public);
    let changed = changed_files(&before, &after);
    assert!(changed.contains(ARTICLE_PAGE), "{changed:?}");
    assert!(changed.len() < before.len() / 2, "{changed:?}");
    assert_eq!(server.take_uploads(), changed);
    let reader = Reader::of(&server);
    assert_eq!(
        reader.get(ARTICLE_PAGE).map(|o| o.bytes),
        after.get(ARTICLE_PAGE).cloned()
    );
    eprintln!(
        "deploy --no-build of the sample site ({} files): unchanged {unchanged_time:?}, one page edited {one_page_time:?} ({} files sent)",
        after.len(),
        changed.len()
    );
}

#[test]
fn a_deleted_page_is_deleted_at_the_target_after_the_uploads() {
    let server = S3Server::start();
    let site = sample_site(Some(&server));
    let note = "content/news/short-note.md";
    write(
        site.path(),
        note,
        "---\ntitle: A short note\ndate: 2021-08-02\ntags: [short-note-tag]\n---\nA note.\n",
    );
    deploy_ok(site.path(), &["--target", "bucket"]);
    let reader = Reader::of(&server);
    assert!(reader.get("news/short-note/index.html").is_some());
    assert!(reader.get("tags/short-note-tag/index.html").is_some());
    server.take_log();

    std::fs::remove_file(site.path().join(note)).expect("remove");
    deploy_ok(site.path(), &["--target", "bucket"]);
    assert!(reader.get("news/short-note/index.html").is_none());
    assert!(reader.get("tags/short-note-tag/index.html").is_none());
    let log = server.take_log();
    let first_delete = log
        .iter()
        .position(|l| l.starts_with("DELETE "))
        .expect("deletes");
    let last_upload = log
        .iter()
        .rposition(|l| l.starts_with("PUT ") && !l.ends_with(MANIFEST))
        .expect("uploads");
    assert!(last_upload < first_delete, "{log:#?}");
    assert_eq!(
        log.last().map(String::as_str),
        Some("PUT .potline-manifest.json")
    );
    let expected_keys: BTreeSet<String> = published(&site.path().join("public"))
        .into_keys()
        .chain([MANIFEST.to_string()])
        .collect();
    assert_eq!(reader.keys(), expected_keys);
}

#[test]
fn an_interrupted_deploy_resumed_sends_nothing_twice() {
    let server = S3Server::start();
    let site = sample_site(Some(&server));
    let let_through = 10;
    server.state.hold_after.store(let_through, Ordering::SeqCst);
    let mut child = deploy_command(site.path(), &["--target", "bucket"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("potline runs");
    let stuck = wait_until(|| {
        server.state.held.load(Ordering::SeqCst) > 0 && uploads_logged(&server) >= let_through
    });
    // Interrupt it as a closed laptop or a cancelled CI job would.
    let _ = child.kill();
    let _ = child.wait();
    server.state.released.store(true, Ordering::SeqCst);
    assert!(stuck, "the deploy never reached the held upload");
    let first = server.take_uploads();
    assert_eq!(first.len(), let_through);

    server.state.hold_after.store(usize::MAX, Ordering::SeqCst);
    let summary = deploy_ok(site.path(), &["--target", "bucket", "--no-build"]);
    assert!(
        summary.contains(&format!(
            "{let_through} already there from an interrupted deploy"
        )),
        "{summary}"
    );
    let files = published(&site.path().join("public"));
    let second = server.take_uploads();
    assert!(
        first.is_disjoint(&second),
        "sent again: {:?}",
        first.intersection(&second)
    );
    let all: BTreeSet<String> = first.union(&second).cloned().collect();
    assert_eq!(all, files.keys().cloned().collect::<BTreeSet<_>>());
    let reader = Reader::of(&server);
    for (path, bytes) in &files {
        assert_eq!(
            reader.get(path).map(|o| o.bytes).as_ref(),
            Some(bytes),
            "{path}"
        );
    }
    let manifest = reader.get(MANIFEST).expect("manifest");
    let manifest: serde_json::Value = serde_json::from_slice(&manifest.bytes).expect("json");
    assert!(manifest.get("pending").is_none());
}

fn uploads_logged(server: &S3Server) -> usize {
    uploads(&server.state.log.lock().expect("log")).len()
}

fn wait_until(mut condition: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if condition() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

#[test]
fn dry_run_lists_the_changes_and_sends_nothing() {
    let server = S3Server::start();
    let site = sample_site(Some(&server));
    deploy_ok(site.path(), &["--target", "bucket"]);
    server.take_log();
    edit_article(site.path());
    let out = deploy_ok(site.path(), &["--target", "bucket", "--dry-run"]);
    assert!(out.contains(&format!("  changed {ARTICLE_PAGE}")), "{out}");
    assert!(out.contains("dry run for `bucket`"), "{out}");
    assert!(out.contains("nothing was changed"), "{out}");
    assert!(server.take_log().is_empty());
}

#[test]
fn deploy_explains_a_missing_key_and_an_unknown_target() {
    let site = sample_site(None);
    write(site.path(), "public/index.html", "<!DOCTYPE html>");
    let out = deploy_command(site.path(), &["--target", "bucket", "--no-build"])
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .output()
        .expect("potline runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("no access key for deploy target `bucket`"),
        "{stderr}"
    );
    assert!(stderr.contains("keys never go in site.yaml"), "{stderr}");

    let stderr = deploy_err(site.path(), &["--target", "bucked", "--no-build"]);
    assert!(
        stderr.contains("no deploy target named `bucked`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `bucket`?"), "{stderr}");
    let stderr = deploy_err(site.path(), &["--no-build"]);
    assert!(
        stderr.contains("declares 2 deploy targets (bucket, docroot)"),
        "{stderr}"
    );
    let stderr = deploy_err(site.path(), &["--target", "bucket", "--rollback"]);
    assert!(stderr.contains("keeps no earlier releases"), "{stderr}");
}

#[test]
fn deploy_explains_a_refused_key_and_an_unreachable_endpoint() {
    let server = S3Server::start();
    let site = sample_site(Some(&server));
    write(site.path(), "public/index.html", "<!DOCTYPE html>");
    let out = deploy_command(site.path(), &["--target", "bucket", "--no-build"])
        .env("AWS_SECRET_ACCESS_KEY", "not-the-secret")
        .output()
        .expect("potline runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("could not read `.potline-manifest.json` at s3://site"),
        "{stderr}"
    );
    assert!(stderr.contains("hint: check the access key"), "{stderr}");
    assert!(server.take_log().is_empty());

    // Port 9 of loopback: outside the range ports are handed out from, so nothing listens.
    let unreachable = sample_site(None);
    write(unreachable.path(), "public/index.html", "<!DOCTYPE html>");
    let stderr = deploy_err(unreachable.path(), &["--target", "bucket", "--no-build"]);
    assert!(stderr.contains("hint: check `endpoint`"), "{stderr}");
}

/// A deploy of a one-page site with `--no-build`, the key given by `env`.
fn deploy_with_key(root: &Path, env: &[(&str, &str)]) -> Output {
    let mut command = deploy_command(root, &["--target", "bucket", "--no-build"]);
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("potline runs")
}

#[test]
fn pasted_keys_ending_in_a_line_break_or_carriage_return_deploy() {
    let server = S3Server::start();
    let site = sample_site(Some(&server));
    write(site.path(), "public/index.html", "<!DOCTYPE html>first");
    let pasted = [
        ("AWS_ACCESS_KEY_ID", "potline-test\n"),
        ("AWS_SECRET_ACCESS_KEY", "potline-test-secret\n"),
    ];
    succeeded(deploy_with_key(site.path(), &pasted));
    write(site.path(), "public/index.html", "<!DOCTYPE html>second");
    let pasted = [
        ("AWS_ACCESS_KEY_ID", "potline-test\r\n"),
        ("AWS_SECRET_ACCESS_KEY", " potline-test-secret\r\n"),
    ];
    succeeded(deploy_with_key(site.path(), &pasted));
    let reader = Reader::of(&server);
    assert_eq!(
        reader.get("index.html").map(|o| o.bytes),
        Some(b"<!DOCTYPE html>second".to_vec())
    );
}

#[test]
fn a_control_character_inside_a_key_is_an_error_that_shows_no_key() {
    let server = S3Server::start();
    let site = sample_site(Some(&server));
    write(site.path(), "public/index.html", "<!DOCTYPE html>");
    let out = deploy_with_key(
        site.path(),
        &[("AWS_SECRET_ACCESS_KEY", "wJalrXUtn\u{7}FEMI-secret\n")],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: deploy target `bucket`: `AWS_SECRET_ACCESS_KEY` has a control character (U+0007) inside its value\n  hint: copy the key again from the provider's console into `AWS_SECRET_ACCESS_KEY`; spaces and line breaks around it are ignored\n"
    );

    // The same in the credentials file, reported at its line and column.
    let credentials = site.path().join(".aws/credentials");
    write(
        site.path(),
        ".aws/credentials",
        "[default]\r\naws_access_key_id = potline-test\r\naws_secret_access_key = wJalrXUtn\u{b}FEMI-secret\r\n",
    );
    let out = deploy_command(site.path(), &["--target", "bucket", "--no-build"])
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .output()
        .expect("potline runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "{}:3:34: error: `aws_secret_access_key` of profile `[default]` has a control character (U+000B) inside its value\n  hint: copy the key again from the provider's console into this line; spaces and line breaks around it are ignored\n1 error found; nothing was published\n",
            credentials.display()
        )
    );
    assert!(server.take_log().is_empty());
}

#[test]
fn a_refused_key_shows_the_services_reason_but_no_key_and_no_signature() {
    let server = S3Server::start();
    server.state.echo_refusals.store(true, Ordering::SeqCst);
    let site = sample_site(Some(&server));
    write(site.path(), "public/index.html", "<!DOCTYPE html>");
    let token = "IQoJb3JpZ2luX2VjEJrpotlinetoken";
    let out = deploy_with_key(
        site.path(),
        &[
            ("AWS_SECRET_ACCESS_KEY", "not-the-secret-9876"),
            ("AWS_SESSION_TOKEN", token),
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("SignatureDoesNotMatch"), "{stderr}");
    assert!(stderr.contains("hint: check the access key"), "{stderr}");
    let signatures = server.state.signatures.lock().expect("signatures").clone();
    assert!(!signatures.is_empty());
    for secret in [KEY_ID, SECRET, "not-the-secret-9876", token]
        .into_iter()
        .chain(signatures.iter().map(String::as_str))
    {
        assert!(!stderr.contains(secret), "`{secret}` is shown:\n{stderr}");
    }
}

#[test]
fn bucket_settings_the_http_client_would_crash_on_are_errors() {
    let cases = [
        (
            "endpoint: \"http://127.0.0.1:99999\", bucket: site",
            "error: `endpoint` of deploy target `bucket` is `http://127.0.0.1:99999`, which is not a web address (invalid port number)",
        ),
        (
            "endpoint: \"http://127.0.0.1:9\\u0001\", bucket: site",
            "error: `endpoint` of deploy target `bucket` is `http://127.0.0.1:9\\u{1}`, which has a space or a control character in it",
        ),
        (
            "endpoint: \"http://127.0.0.1:9\", bucket: site, region: \"us-east-1\\r\"",
            "error: `region` of deploy target `bucket` is `us-east-1\\r`, which is not a region",
        ),
        (
            "endpoint: \"http://127.0.0.1:9\", bucket: \"si#te\"",
            "error: `bucket` of deploy target `bucket` is `si#te`, which is not a bucket name",
        ),
        (
            "endpoint: \"http://127.0.0.1:9\", bucket: site, virtual_hosted_style: true",
            "error: deploy target `bucket` addresses its bucket as `bucket.host` (virtual_hosted_style), which an IP address cannot be",
        ),
        (
            "endpoint: \"http://127.0.0.1:9\", bucket: site, cache_control: { html: \"public\\nX-Evil: 1\" }",
            "error: `cache_control.html` of deploy target `bucket` is `public\\nX-Evil: 1`, which cannot be sent as a header",
        ),
    ];
    let site = sample_site(None);
    write(site.path(), "public/index.html", "<!DOCTYPE html>");
    let config_path = site.path().join("site.yaml");
    let config = std::fs::read_to_string(&config_path).expect("site.yaml");
    let before = config.split("\ndeploy:").next().expect("config");
    for (settings, first_line) in cases {
        let config = format!("{before}\ndeploy:\n  - {{ name: bucket, kind: s3, {settings} }}\n");
        std::fs::write(&config_path, config).expect("write site.yaml");
        let stderr = deploy_err(site.path(), &["--no-build"]);
        assert_eq!(
            stderr.lines().next(),
            Some(first_line),
            "{settings}:\n{stderr}"
        );
        assert!(stderr.contains("\n  hint: "), "{stderr}");
    }
}

#[test]
fn deploy_targets_are_checked_in_site_yaml() {
    let site = sample_site(None);
    let config_path = site.path().join("site.yaml");
    let config = std::fs::read_to_string(&config_path).expect("site.yaml");
    let config = config
        .split("\ndeploy:")
        .next()
        .expect("config")
        .to_string()
        + "\ndeploy:\n  - { name: oss, kind: s3, path: /var/www }\n  - { name: www, kind: folder, bucket: b, path: /var/www }\n  - { name: key, kind: s3, bucket: b, secret_access_key: x }\n";
    std::fs::write(&config_path, &config).expect("write");
    let stderr = deploy_err(site.path(), &["--target", "oss"]);
    assert!(
        stderr.contains("unknown key `secret_access_key`"),
        "{stderr}"
    );
    let config = config.replace(", secret_access_key: x", "");
    std::fs::write(&config_path, &config).expect("write");
    let stderr = deploy_err(site.path(), &["--target", "oss"]);
    let line = config
        .lines()
        .position(|l| l.contains("name: oss"))
        .expect("line")
        + 1;
    assert!(
        stderr.contains(&format!(
            "site.yaml:{line}:1: error: `path` is a setting of folder targets, and `oss` is kind: s3"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("deploy target `oss` has no `bucket`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`bucket` is a setting of s3 targets, and `www` is kind: folder"),
        "{stderr}"
    );
}

#[test]
fn github_pages_settings_give_cname_and_nojekyll() {
    let site = sample_site(None);
    let mut config = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    config.push_str("github_pages: { cname: www.baise-aluminum.example }\n");
    std::fs::write(site.path().join("site.yaml"), config).expect("write");
    let config = potline::config::Config::load(site.path(), None).expect("config loads");
    let files = potline::deploy::host_files::host_files(&config, &[]);
    let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(names, [".nojekyll", "CNAME", "_headers"]);
}

// ---------------------------------------------------------------------------------------------
// Folder targets

fn docroot(site: &SampleSite) -> PathBuf {
    site.tmp.path().join("www/baise-aluminum")
}

fn live_release(site: &SampleSite) -> String {
    let link = std::fs::read_link(docroot(site)).expect("the docroot is a link");
    link.file_name()
        .expect("release name")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn folder_deploys_swap_releases_atomically_and_roll_back() {
    let site = sample_site(None);
    let public = site.path().join("public");
    let root = docroot(&site);
    let summary = deploy_ok(site.path(), &["--target", "docroot"]);
    assert!(summary.contains("release 000001-"), "{summary}");
    let first = live_release(&site);
    assert_eq!(snapshot(&root), published(&public));
    let old_article = std::fs::read(root.join(ARTICLE_PAGE)).expect("article");

    // A reader requesting pages all along sees the old site or the new one, never a gap.
    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let (stop, root) = (Arc::clone(&stop), root.clone());
        std::thread::spawn(move || {
            let mut reads = 0;
            while !stop.load(Ordering::SeqCst) {
                for page in ["index.html", ARTICLE_PAGE, "css/site.css", "404.html"] {
                    if let Err(e) = std::fs::read(root.join(page)) {
                        return Err(format!("{page}: {e} after {reads} reads"));
                    }
                }
                reads += 1;
            }
            Ok(reads)
        })
    };
    edit_article(site.path());
    deploy_ok(site.path(), &["--target", "docroot"]);
    stop.store(true, Ordering::SeqCst);
    let reads = reader
        .join()
        .expect("reader")
        .expect("every read succeeded");
    assert!(reads > 0);
    let second = live_release(&site);
    assert_ne!(first, second);
    assert_eq!(snapshot(&root), published(&public));
    let releases = root.with_file_name("baise-aluminum.releases");
    assert_eq!(
        std::fs::read(releases.join(&first).join(ARTICLE_PAGE)).expect("kept"),
        old_article,
        "the previous release is kept as it was"
    );
    {
        use std::os::unix::fs::MetadataExt as _;
        let inode = |release: &str| {
            std::fs::metadata(releases.join(release).join("css/site.css"))
                .expect("css")
                .ino()
        };
        assert_eq!(
            inode(&first),
            inode(&second),
            "unchanged files are hard-linked"
        );
    }

    let out = deploy_ok(site.path(), &["--target", "docroot", "--rollback"]);
    assert!(
        out.contains(&format!("from release {second} to {first}")),
        "{out}"
    );
    assert_eq!(live_release(&site), first);
    assert_eq!(
        std::fs::read(root.join(ARTICLE_PAGE)).expect("article"),
        old_article
    );

    // Deploying again replaces the release rolled back from; two releases are kept. Deploying
    // the same site once more makes no release.
    deploy_ok(site.path(), &["--target", "docroot", "--no-build"]);
    deploy_ok(site.path(), &["--target", "docroot", "--no-build"]);
    let kept: BTreeSet<String> = std::fs::read_dir(&releases)
        .expect("releases")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert!(kept.contains(&live_release(&site)));
    assert!(live_release(&site).starts_with("000002-"), "{kept:?}");
}

#[test]
fn a_folder_that_was_there_before_is_kept_as_a_release() {
    let site = sample_site(None);
    let root = docroot(&site);
    write(&root, "index.html", "the old site");
    deploy_ok(site.path(), &["--target", "docroot"]);
    assert!(
        std::fs::symlink_metadata(&root)
            .expect("docroot")
            .is_symlink()
    );
    assert_ne!(
        std::fs::read_to_string(root.join("index.html")).expect("index"),
        "the old site"
    );
    deploy_ok(site.path(), &["--target", "docroot", "--rollback"]);
    assert_eq!(
        std::fs::read_to_string(root.join("index.html")).expect("index"),
        "the old site"
    );
}

#[test]
fn an_interrupted_folder_deploy_is_finished_by_the_next() {
    let site = sample_site(None);
    let root = docroot(&site);
    deploy_ok(site.path(), &["--target", "docroot"]);
    let first = live_release(&site);
    // What a deploy killed while copying leaves: a partial release with a stray file.
    let partial = root.with_file_name("baise-aluminum.releases/.partial");
    write(&partial, "stray.html", "half");
    edit_article(site.path());
    deploy_ok(site.path(), &["--target", "docroot"]);
    assert_ne!(live_release(&site), first);
    assert!(!partial.exists());
    assert!(!root.join("stray.html").exists());
    assert_eq!(snapshot(&root), published(&site.path().join("public")));
}

fn releases(site: &SampleSite) -> BTreeSet<String> {
    std::fs::read_dir(docroot(site).with_file_name("baise-aluminum.releases"))
        .expect("releases")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn a_deploy_that_changes_nothing_makes_no_release_and_rollback_still_undoes_the_last_change() {
    let site = sample_site(None);
    let root = docroot(&site);
    deploy_ok(site.path(), &["--target", "docroot"]);
    let first = live_release(&site);
    let first_article = std::fs::read(root.join(ARTICLE_PAGE)).expect("article");
    edit_article(site.path());
    deploy_ok(site.path(), &["--target", "docroot"]);
    let second = live_release(&site);
    assert_ne!(first, second);

    let summary = deploy_ok(site.path(), &["--target", "docroot"]);
    assert!(
        summary.contains(&format!(
            "nothing changed at `docroot` ({}): 0 uploaded, 0 deleted, ",
            root.display()
        )),
        "{summary}"
    );
    assert!(
        summary.contains(&format!("release {second} stays live")),
        "{summary}"
    );
    assert_eq!(live_release(&site), second);
    assert_eq!(
        releases(&site),
        BTreeSet::from([first.clone(), second.clone()])
    );

    let out = deploy_ok(site.path(), &["--target", "docroot", "--rollback"]);
    assert!(
        out.contains(&format!("from release {second} to {first}")),
        "{out}"
    );
    assert_eq!(
        std::fs::read(root.join(ARTICLE_PAGE)).expect("article"),
        first_article
    );
    let stderr = deploy_err(site.path(), &["--target", "docroot", "--rollback"]);
    assert_eq!(
        stderr,
        format!(
            "error: deploy target `docroot` keeps no release older than the live one ({first})\n  hint: the live release is the first one potline deployed\n"
        )
    );
}

#[test]
fn each_rollback_goes_one_release_further_back_as_far_as_keep_allows() {
    let site = sample_site(None);
    let config_path = site.path().join("site.yaml");
    let config = std::fs::read_to_string(&config_path).expect("site.yaml");
    let config = config.replace("kind: folder, path:", "kind: folder, keep: 3, path:");
    std::fs::write(&config_path, config).expect("write site.yaml");
    let rollback = ["--target", "docroot", "--rollback"];
    assert_eq!(
        deploy_err(site.path(), &rollback),
        format!(
            "error: deploy target `docroot` has nothing deployed yet (`{}` does not exist), so there is nothing to roll back to\n  hint: potline deploy --target docroot publishes the first release\n",
            docroot(&site).display()
        )
    );
    let index = || std::fs::read_to_string(docroot(&site).join("index.html")).expect("index");
    for version in ["v1", "v2", "v3"] {
        write(site.path(), "public/index.html", version);
        deploy_ok(site.path(), &["--target", "docroot", "--no-build"]);
    }
    deploy_ok(site.path(), &rollback);
    assert_eq!(index(), "v2");
    deploy_ok(site.path(), &rollback);
    assert_eq!(index(), "v1");
    let stderr = deploy_err(site.path(), &rollback);
    assert!(
        stderr.contains("hint: the live release is the first one potline deployed"),
        "{stderr}"
    );

    // The next deploy replaces the releases rolled back from.
    write(site.path(), "public/index.html", "v4");
    deploy_ok(site.path(), &["--target", "docroot", "--no-build"]);
    assert_eq!(index(), "v4");
    assert!(live_release(&site).starts_with("000002-"));
    assert_eq!(releases(&site).len(), 2, "{:?}", releases(&site));

    // A live release damaged by hand is replaced, though the site did not change.
    std::fs::remove_file(docroot(&site).join("index.html")).expect("remove");
    deploy_ok(site.path(), &["--target", "docroot", "--no-build"]);
    assert_eq!(index(), "v4");
    assert!(live_release(&site).starts_with("000003-"));
}

// ---------------------------------------------------------------------------------------------
// nginx serving a deployed folder with the server block of docs/nginx/

const NGINX: &str = "/usr/sbin/nginx";

/// nginx in the foreground on a loopback port, stopped by its PID when dropped.
struct Nginx {
    child: Child,
    addr: SocketAddr,
    _dir: TempDir,
}

impl Nginx {
    /// Starts nginx with the server block of the docs serving `docroot`. A free port is picked
    /// by binding port 0 and letting it go; if something takes it first, nginx exits and
    /// another is tried.
    fn start(docroot: &Path) -> Nginx {
        let dir = tempfile::tempdir().expect("temp");
        for _ in 0..3 {
            let port = TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .expect("free port")
                .port();
            let config_path = nginx_config(dir.path(), docroot, port);
            let mut child = nginx_command(dir.path(), &config_path)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("nginx starts");
            let addr: SocketAddr = ([127, 0, 0, 1], port).into();
            let mut exited = false;
            let up = wait_until(|| {
                exited = child.try_wait().ok().flatten().is_some();
                exited || TcpStream::connect_timeout(&addr, WAIT).is_ok()
            });
            if up && !exited {
                return Nginx {
                    child,
                    addr,
                    _dir: dir,
                };
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        let log = std::fs::read_to_string(dir.path().join("error.log"));
        panic!("nginx did not start: {log:?}");
    }

    fn get(&self, path: &str, headers: &str) -> HttpResponse {
        let mut stream = TcpStream::connect_timeout(&self.addr, WAIT).expect("connect");
        stream.set_read_timeout(Some(WAIT)).expect("timeout");
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: baise-aluminum.example\r\nConnection: close\r\n{headers}\r\n"
        )
        .expect("send");
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("read");
        HttpResponse::parse(&bytes)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn nginx_command(dir: &Path, config: &Path) -> Command {
    let mut command = Command::new(NGINX);
    command
        .arg("-e")
        .arg(dir.join("error.log"))
        .arg("-c")
        .arg(config);
    command
}

/// A main nginx.conf around `docs/nginx/baise-aluminum.conf`, its `listen` and `root` lines
/// changed to a loopback port and the deployed folder, every other path in `dir`; checked with
/// `nginx -t`.
fn nginx_config(dir: &Path, docroot: &Path, port: u16) -> PathBuf {
    let server_block = std::fs::read_to_string(repo_root().join("docs/nginx/baise-aluminum.conf"))
        .expect("docs/nginx/baise-aluminum.conf");
    assert!(server_block.contains("listen 80;"));
    assert!(server_block.contains("root /var/www/baise-aluminum;"));
    let server_block = server_block
        .replace("listen 80;", &format!("listen 127.0.0.1:{port};"))
        .replace("listen [::]:80;", "")
        .replace(
            "root /var/www/baise-aluminum;",
            &format!("root {};", docroot.display()),
        );
    let temp = dir.display();
    let config = format!(
        "daemon off;\nmaster_process off;\nworker_processes 1;\npid {temp}/nginx.pid;\nerror_log {temp}/error.log;\nevents {{ worker_connections 64; }}\nhttp {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n  client_body_temp_path {temp}/body;\n  proxy_temp_path {temp}/proxy;\n  fastcgi_temp_path {temp}/fastcgi;\n  uwsgi_temp_path {temp}/uwsgi;\n  scgi_temp_path {temp}/scgi;\n{server_block}\n}}\n"
    );
    let config_path = dir.join("nginx.conf");
    std::fs::write(&config_path, config).expect("write nginx.conf");
    let check = nginx_command(dir, &config_path)
        .arg("-t")
        .arg("-q")
        .output()
        .expect("nginx -t runs");
    assert!(
        check.status.success(),
        "nginx rejects the server block:\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
    config_path
}

struct HttpResponse {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl HttpResponse {
    fn parse(bytes: &[u8]) -> HttpResponse {
        let split = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("end of headers");
        let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .expect("status");
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let raw = bytes[split + 4..].to_vec();
        let chunked = headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
        let body = if chunked { dechunk(&raw) } else { raw };
        HttpResponse {
            status,
            headers,
            body,
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    while let Some(end) = raw.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(
            String::from_utf8_lossy(&raw[..end])
                .split(';')
                .next()
                .unwrap_or("0")
                .trim(),
            16,
        )
        .expect("chunk size");
        if size == 0 {
            break;
        }
        body.extend_from_slice(&raw[end + 2..end + 2 + size]);
        raw = &raw[end + 2 + size + 2..];
    }
    body
}

#[test]
fn nginx_serves_the_deployed_folder() {
    if !Path::new(NGINX).exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{NGINX} is missing: .ci/run installs the nginx package"
        );
        eprintln!("skipped: {NGINX} is missing (apt-get install nginx)");
        return;
    }
    let site = sample_site(None);
    deploy_ok(site.path(), &["--target", "docroot"]);
    let public = site.path().join("public");
    let nginx = Nginx::start(&docroot(&site));

    let page = nginx.get(
        &format!("/{}", ARTICLE_PAGE.trim_end_matches("index.html")),
        "",
    );
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(page.header("cache-control"), Some("public, max-age=300"));
    assert_eq!(
        page.body,
        std::fs::read(public.join(ARTICLE_PAGE)).expect("page")
    );

    let bare = nginx.get("/news/symposium-ecological-aluminum-industry", "");
    assert_eq!(bare.status, 301);
    assert_eq!(
        bare.header("location"),
        Some("/news/symposium-ecological-aluminum-industry/")
    );

    let missing = nginx.get("/no-such-page/", "");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.body,
        std::fs::read(public.join("404.html")).expect("404.html")
    );

    let home = nginx.get("/", "Accept-Encoding: gzip\r\n");
    assert_eq!(home.status, 200);
    assert_eq!(home.header("content-encoding"), Some("gzip"));
    assert!(home.body.starts_with(&[0x1f, 0x8b]), "a gzip stream");

    let css = nginx.get("/css/site.css", "Accept-Encoding: gzip\r\n");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-encoding"), Some("gzip"));
    assert_eq!(css.header("cache-control"), Some("public, max-age=3600"));
    assert_eq!(css.header("vary"), Some("Accept-Encoding"));

    let script = nginx.get("/js/app.3f2a1c9e.js", "");
    assert_eq!(
        script.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(nginx.get("/.potline-manifest.json", "").status, 404);
}
