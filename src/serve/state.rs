//! What the server shows, shared between the rebuild thread (the only writer) and the request
//! handlers: the last good build and, while the sources are broken, the errors. Both are
//! replaced together in one atomic swap of an `Arc`, so every request sees one consistent state.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};

use tokio::sync::{OwnedSemaphorePermit, Semaphore, broadcast, watch};

use super::reload::LiveEvent;
use super::snapshot::SiteSnapshot;

/// How many pages may listen for live reload at once; more are refused (503) until some close.
pub(crate) const MAX_LISTENERS: usize = 64;

/// A build that failed: the messages the terminal shows, and the same as an HTML overlay.
#[derive(Debug)]
pub(crate) struct Failure {
    /// One entry per problem, `file:line:col: error: ...` with its hint.
    pub messages: Vec<String>,
    /// The overlay shown over every page, HTML-escaped.
    pub overlay: Arc<str>,
}

/// The state requests are answered from.
#[derive(Debug, Default)]
pub(crate) struct Published {
    /// The last good build (empty until one succeeds).
    pub snapshot: Arc<SiteSnapshot>,
    /// Set while the latest build failed.
    pub failure: Option<Arc<Failure>>,
}

/// Everything the handlers and the rebuild thread share.
pub(crate) struct Shared {
    published: RwLock<Arc<Published>>,
    events: broadcast::Sender<LiveEvent>,
    /// One permit per open live-reload connection.
    listeners: Arc<Semaphore>,
    shutdown: watch::Receiver<bool>,
    builds: AtomicU64,
    failures: AtomicU64,
    /// The address the server listens on.
    pub addr: SocketAddr,
}

impl Shared {
    pub fn new(addr: SocketAddr, shutdown: watch::Receiver<bool>) -> Self {
        let (events, _) = broadcast::channel(64);
        Shared {
            published: RwLock::new(Arc::new(Published::default())),
            events,
            listeners: Arc::new(Semaphore::new(MAX_LISTENERS)),
            shutdown,
            builds: AtomicU64::new(0),
            failures: AtomicU64::new(0),
            addr,
        }
    }

    /// The current state; cheap (one `Arc` clone).
    pub fn published(&self) -> Arc<Published> {
        Arc::clone(
            &self
                .published
                .read()
                .unwrap_or_else(PoisonError::into_inner),
        )
    }

    /// Replaces the state, then tells the open pages. The order matters: a page told to
    /// reload must find the new build.
    pub fn publish(&self, published: Published, event: Option<LiveEvent>) {
        if published.failure.is_some() {
            self.failures.fetch_add(1, Ordering::SeqCst);
        }
        *self
            .published
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Arc::new(published);
        self.builds.fetch_add(1, Ordering::SeqCst);
        if let Some(event) = event {
            // No open page is not an error.
            let _ = self.events.send(event);
        }
    }

    /// A receiver of live-reload events for one open page.
    pub fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.events.subscribe()
    }

    /// A place for one more live-reload connection, held while it is open; `None` when
    /// [`MAX_LISTENERS`] are open already.
    pub fn listener_slot(&self) -> Option<OwnedSemaphorePermit> {
        Arc::clone(&self.listeners).try_acquire_owned().ok()
    }

    /// Becomes true when the server stops, so that endless responses (the event stream) end.
    pub fn shutdown(&self) -> watch::Receiver<bool> {
        self.shutdown.clone()
    }

    /// Builds run so far (the first included), successful or not.
    pub fn builds(&self) -> u64 {
        self.builds.load(Ordering::SeqCst)
    }

    /// Builds that failed.
    pub fn failures(&self) -> u64 {
        self.failures.load(Ordering::SeqCst)
    }
}
