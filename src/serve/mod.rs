//! `potline serve`: a preview server for writers. It builds the site with the same pipeline as
//! `potline build` (drafts and future pages included, links pointing to the local address),
//! keeps the last good build in memory and serves it, rebuilds on every saved change, and makes
//! open pages reload by themselves, or show the build's errors over the page.
//!
//! Threads: the HTTP server runs on a small tokio runtime; builds run on one rebuild thread
//! (fed by the file watcher, its changes gathered into batches by `batch`) that swaps in each
//! new build before telling the pages.

mod batch;
mod http;
mod rebuild;
mod reload;
mod report;
mod snapshot;
mod state;
mod watch;

use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tokio::runtime::Runtime;
use tokio::sync::watch as signal_flag;

pub use report::{BuildSummary, FailureSummary, Reporter, ServeEvent, Trigger};
/// The `Content-Type` of an output path; `potline deploy` sets the same on uploads.
pub(crate) use snapshot::content_type;

use crate::build::{self, BuildOptions};
use crate::config::CONFIG_FILE;
use crate::error::IoAction;
use crate::{Error, Result};

/// The request-path lookup, reachable from [`crate::fuzzing`].
pub(crate) mod fuzzing {
    use std::path::Path;

    use super::http::{Lookup, resolve};
    use super::snapshot::{SiteFolders, SiteSnapshot};
    use crate::output::{Content, Output};

    /// What `path` names in a site made of `files`: `file`, `redirect <location>`, `404` or
    /// `400`.
    pub(crate) fn lookup(files: &[String], path: &str) -> String {
        let outputs: Vec<Output> = files
            .iter()
            .map(|p| Output {
                path: p.clone(),
                content: Content::from(b"x".to_vec()),
            })
            .collect();
        let folders = SiteFolders::of(Path::new("/"));
        let Ok((site, _)) =
            SiteSnapshot::new(&outputs, &SiteSnapshot::default(), &folders, "f".into())
        else {
            return "no site".into();
        };
        match resolve(&site, path) {
            Lookup::File(_) => "file".into(),
            Lookup::Redirect(to) => format!("redirect {to}"),
            Lookup::NotFound => "404".into(),
            Lookup::BadRequest(_) => "400".into(),
        }
    }
}

/// The port tried first when none is given.
pub const DEFAULT_PORT: u16 = 1111;
/// How many ports after the requested one are tried when it is taken.
pub const PORT_ATTEMPTS: u16 = 20;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root (holding `site.yaml`).
    pub root: PathBuf,
    /// The address to listen on; loopback unless the writer asks otherwise.
    pub bind: IpAddr,
    /// The first port to try (`0`: any free port).
    pub port: u16,
    /// Watch by polling instead of the system's change events (network drives, containers).
    pub poll: bool,
    /// Show drafts. A preview on loopback is the writer's own and shows them; one reachable
    /// from the network shows them only when asked (`--drafts`).
    pub drafts: bool,
}

impl ServeOptions {
    /// Serves `root` on 127.0.0.1, from port [`DEFAULT_PORT`], with native file events.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        ServeOptions {
            root: root.into(),
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            poll: false,
            drafts: true,
        }
    }
}

/// A running preview server. Dropping it stops it (which waits for the server's own runtime:
/// do not drop it inside an async context).
pub struct Server {
    addr: SocketAddr,
    url: String,
    runtime: Option<Runtime>,
    http: Option<tokio::task::JoinHandle<io::Result<()>>>,
    shutdown: signal_flag::Sender<bool>,
    rebuilds: Sender<watch::Message>,
    rebuild_thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Listens, builds the site once (a failed build still starts the server), then serves and
    /// rebuilds on every change until stopped. Events are passed to `reporter`.
    pub fn start(options: ServeOptions, reporter: Reporter) -> Result<Server> {
        let root = site_root(&options.root)?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("potline-http")
            .enable_all()
            .build()
            .map_err(|e| {
                Error::message(crate::msg!("serve-runtime-failed", reason = e.to_string()))
            })?;
        let (listener, addr) = listen(&runtime, &options, &reporter)?;
        let url = format!("http://{}/", public_addr(addr));
        let (shutdown, shutdown_rx) = signal_flag::channel(false);
        let shared = Arc::new(state::Shared::new(addr, shutdown_rx));
        reporter(&ServeEvent::Listening {
            url: url.clone(),
            exposed: !options.bind.is_loopback(),
            polling: options.poll,
            drafts: options.drafts,
        });
        let (rebuilds, receiver) = mpsc::channel();
        let watcher = watch::Watcher::start(&root, options.poll, rebuilds.clone())?;
        let build_options = preview_build(root, &url, options.drafts);
        let mut rebuilder =
            rebuild::Rebuilder::new(build_options, Arc::clone(&shared), reporter, instance_id());
        rebuilder.first_build();
        let rebuild_thread = thread::Builder::new()
            .name("potline-rebuild".into())
            .spawn(move || rebuilder.run(receiver, watcher))
            .map_err(|e| {
                Error::message(crate::msg!("serve-thread-failed", reason = e.to_string()))
            })?;
        let http = runtime.spawn(http::run(listener, shared));
        Ok(Server {
            addr,
            url,
            runtime: Some(runtime),
            http: Some(http),
            shutdown,
            rebuilds,
            rebuild_thread: Some(rebuild_thread),
        })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The address to open in a browser: `http://127.0.0.1:1111/`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Blocks until Ctrl-C (or SIGTERM), or until the HTTP server fails.
    pub fn wait_for_signal(&mut self) -> Result<()> {
        let (Some(runtime), Some(http)) = (self.runtime.as_ref(), self.http.as_mut()) else {
            return Ok(());
        };
        runtime.block_on(async {
            tokio::select! {
                signal = stop_signal() => signal.map_err(|e| Error::message(crate::msg!("serve-signal-failed", reason = e.to_string()))),
                ended = http => match ended {
                    Ok(Ok(())) => Ok(()),
                    Ok(Err(e)) => Err(stopped(&e)),
                    Err(e) => Err(stopped(&e)),
                },
            }
        })
    }

    /// Stops serving (open requests are finished, live-reload streams closed) and watching.
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        let _ = self.shutdown.send(true);
        let _ = self.rebuilds.send(watch::Message::Stop);
        if let Some(runtime) = self.runtime.take() {
            if let Some(http) = self.http.take() {
                let _ = runtime
                    .block_on(async { tokio::time::timeout(Duration::from_secs(3), http).await });
            }
            runtime.shutdown_timeout(Duration::from_secs(1));
        }
        // A build under way finishes first; do not wait for a very long one.
        if let Some(thread) = self.rebuild_thread.take() {
            let deadline = Instant::now() + Duration::from_secs(5);
            while !thread.is_finished() && Instant::now() < deadline {
                thread::sleep(Duration::from_millis(10));
            }
            if thread.is_finished() {
                let _ = thread.join();
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shut_down();
    }
}

/// The server's end, said plainly.
fn stopped(reason: &dyn std::fmt::Display) -> Error {
    Error::message(crate::msg!("serve-stopped", reason = reason.to_string()))
}

/// The canonical site root, refusing a folder without `site.yaml` before anything starts.
fn site_root(root: &Path) -> Result<PathBuf> {
    let canonical = std::fs::canonicalize(root).map_err(|e| Error::io(IoAction::Open, root, e))?;
    if !canonical.join(CONFIG_FILE).is_file() {
        return Err(Error::message(crate::msg!(
            "serve-no-site",
            file = CONFIG_FILE,
            path = root
        )));
    }
    Ok(canonical)
}

/// What a preview builds: drafts (when shown) and future pages, links to the local address.
/// (The output folder is never written: the preview is served from memory.)
fn preview_build(root: PathBuf, url: &str, drafts: bool) -> BuildOptions {
    BuildOptions {
        minify: None,
        preview: true,
        output: build::default_output(&root),
        root,
        base_url: Some(url.trim_end_matches('/').to_string()),
        drafts,
        future: true,
        force: false,
    }
}

/// The listening socket, handed to the runtime, and its address.
fn listen(
    runtime: &Runtime,
    options: &ServeOptions,
    reporter: &Reporter,
) -> Result<(tokio::net::TcpListener, SocketAddr)> {
    let listener = bind(options.bind, options.port, reporter)?;
    let _entered = runtime.enter();
    let listener = listener
        .set_nonblocking(true)
        .and_then(|()| tokio::net::TcpListener::from_std(listener))
        .and_then(|l| l.local_addr().map(|addr| (l, addr)));
    listener.map_err(|e| Error::message(crate::msg!("serve-listen-failed", reason = e.to_string())))
}

/// Listens on `port`, or on the next free one of the following [`PORT_ATTEMPTS`].
fn bind(ip: IpAddr, port: u16, reporter: &Reporter) -> Result<TcpListener> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORT_ATTEMPTS)
    };
    for candidate in port..=last {
        match TcpListener::bind((ip, candidate)) {
            Ok(listener) => {
                if candidate != port {
                    reporter(&ServeEvent::PortTaken {
                        wanted: port,
                        got: candidate,
                    });
                }
                return Ok(listener);
            }
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => {}
            Err(e) => {
                return Err(Error::message(crate::msg!(
                    "serve-bind-failed",
                    address = SocketAddr::new(ip, candidate).to_string(),
                    reason = e.to_string()
                )));
            }
        }
    }
    Err(Error::message(crate::msg!(
        "serve-ports-taken",
        first = port.to_string(),
        last = last.to_string(),
        ip = ip.to_string()
    )))
}

/// The address pages link to: the one listened on, or loopback when listening everywhere.
fn public_addr(addr: SocketAddr) -> SocketAddr {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv4Addr::LOCALHOST.into(), addr.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv6Addr::LOCALHOST.into(), addr.port())
        }
        _ => addr,
    }
}

/// Tells this server's builds from another's, so a page reloads after a restart.
fn instance_id() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(
        "{:x}",
        (nanos as u64) ^ u64::from(std::process::id()).rotate_left(32)
    )
}

async fn stop_signal() -> io::Result<()> {
    #[cfg(unix)]
    {
        let mut terminate =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            result = tokio::signal::ctrl_c() => result,
            _ = terminate.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await
    }
}
