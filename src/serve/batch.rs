//! Gathering the watcher's messages into batches, one build each, for `potline serve`: quick
//! after a single save, one build for a burst of changes (a `git checkout`), and never a wait
//! that grows while a writer keeps saving: saving every quarter second still shows a new version
//! at least about once a second.
//!
//! The policy, in one place:
//! - A batch opens with the first message. It closes once the watcher has been quiet for
//!   [`SETTLE`] (a few tens of milliseconds, so that an editor's two-step save is one build),
//!   or [`SETTLE_BURST`] once more than a couple of files changed.
//! - However changes keep arriving, it closes [`GATHER_AT_MOST`] after its oldest change was
//!   seen once a file of the batch has been saved again (changed anew [`RESAVED_AFTER`] or more
//!   after it first changed: someone is saving as they work), and [`BULK_AT_MOST`] after it
//!   while every change is to another file (a checkout or a copy still under way, better built
//!   whole).
//! - Changes seen while a build runs wait in the channel and open the next batch; if they are
//!   already past the limit, the batch takes what is queued and closes at once.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError};
use std::time::{Duration, Instant};

use super::report::{Reporter, ServeEvent};
use super::watch::Message;

/// How long the watcher must stay quiet before a save of one or two files is built: the
/// debouncer already pairs the events of one save; this catches editors that write the text and
/// then touch the file again a few milliseconds later.
const SETTLE: Duration = Duration::from_millis(50);
/// The same once more files change (a `git checkout`, a folder copied in): wait longer, so that
/// a whole burst is one build even on a busy machine.
const SETTLE_BURST: Duration = Duration::from_millis(300);
/// The longest a batch gathers, counted from its oldest change, once a file in it has changed
/// again: a writer saving steadily never holds the build back longer than this.
const GATHER_AT_MOST: Duration = Duration::from_millis(800);
/// The same while every change is to a file not yet in the batch: a bulk change (500 files
/// written by a `git checkout` on a busy machine take a second or two) is built whole, but one
/// that goes on and on is built in parts.
const BULK_AT_MOST: Duration = Duration::from_secs(5);
/// A file that changes again this long after it first changed in a batch was saved again; the
/// events of one write come closer together (even when a busy machine splits them in two).
const RESAVED_AFTER: Duration = Duration::from_millis(200);
/// More changed paths than this make a batch a burst.
const BURST_PATHS: usize = 2;

/// Changes gathered into one build.
#[derive(Debug, Default)]
pub(crate) struct Batch {
    /// The changed source files and folders (absolute), each once, in order, with when each
    /// first changed.
    pub paths: BTreeMap<PathBuf, Instant>,
    /// Events were lost: everything must be rebuilt.
    pub rescan: bool,
    /// The server is stopping.
    pub stop: bool,
    /// When the oldest change of the batch was seen.
    oldest: Option<Instant>,
    /// A file of the batch was saved again.
    resaved: bool,
}

impl Batch {
    fn add(&mut self, message: Message, reporter: &Reporter) {
        match message {
            Message::Changed { paths, seen } => {
                for path in paths {
                    let first = *self.paths.entry(path).or_insert(seen);
                    self.resaved |= seen.saturating_duration_since(first) >= RESAVED_AFTER;
                }
                self.saw(seen);
            }
            Message::Rescan { seen } => {
                self.rescan = true;
                self.saw(seen);
            }
            Message::Stop => self.stop = true,
            Message::Error(text) => reporter(&ServeEvent::Warning(crate::msg!(
                "serve-watch-failed",
                reason = text
            ))),
        }
    }

    fn saw(&mut self, seen: Instant) {
        self.oldest = Some(self.oldest.map_or(seen, |oldest| oldest.min(seen)));
    }

    /// Nothing to build.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty() && !self.rescan
    }

    /// How long to wait for another message before closing: the settle time, cut short by the
    /// gathering limit; zero once that limit is reached.
    fn wait(&self, now: Instant) -> Duration {
        let settle = if self.rescan || self.paths.len() > BURST_PATHS {
            SETTLE_BURST
        } else {
            SETTLE
        };
        let limit = if self.resaved {
            GATHER_AT_MOST
        } else {
            BULK_AT_MOST
        };
        match self.oldest {
            Some(oldest) => settle.min((oldest + limit).saturating_duration_since(now)),
            None => settle,
        }
    }
}

/// Waits for changes, then gathers whatever follows into one batch (see the module's policy).
pub(crate) fn next_batch(receiver: &Receiver<Message>, reporter: &Reporter) -> Batch {
    let mut batch = Batch::default();
    match receiver.recv() {
        Ok(message) => batch.add(message, reporter),
        Err(_) => batch.stop = true,
    }
    while !batch.stop {
        let wait = batch.wait(Instant::now());
        if wait.is_zero() {
            take_queued(receiver, &mut batch, reporter);
            break;
        }
        match receiver.recv_timeout(wait) {
            Ok(message) => batch.add(message, reporter),
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => batch.stop = true,
        }
    }
    batch
}

/// Adds the messages already waiting, without waiting for more.
fn take_queued(receiver: &Receiver<Message>, batch: &mut Batch, reporter: &Reporter) {
    while !batch.stop {
        match receiver.try_recv() {
            Ok(message) => batch.add(message, reporter),
            Err(TryRecvError::Empty) => break,
            Err(TryRecvError::Disconnected) => batch.stop = true,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::mpsc::{self, Sender};
    use std::thread;

    use super::*;

    fn quiet() -> Reporter {
        Arc::new(|_: &ServeEvent| {})
    }

    fn changed(sender: &Sender<Message>, path: &str) {
        let message = Message::Changed {
            paths: vec![PathBuf::from(path)],
            seen: Instant::now(),
        };
        sender.send(message).expect("the receiver is open");
    }

    #[test]
    fn one_save_is_built_after_a_short_settle() {
        let (sender, receiver) = mpsc::channel();
        changed(&sender, "/site/content/a.md");
        let started = Instant::now();
        let batch = next_batch(&receiver, &quiet());
        assert!(started.elapsed() < SETTLE_BURST, "{:?}", started.elapsed());
        assert_eq!(batch.paths.len(), 1);
    }

    #[test]
    fn saving_again_and_again_closes_the_batch_after_the_gathering_limit() {
        let (sender, receiver) = mpsc::channel();
        // Three pages saved in turn, closer together than any settle time, for two seconds:
        // the batch must not wait for the saves to stop.
        let feeder = thread::spawn(move || {
            for i in 0..200 {
                let message = Message::Changed {
                    paths: vec![PathBuf::from(format!("/site/content/{}.md", i % 3))],
                    seen: Instant::now(),
                };
                if sender.send(message).is_err() {
                    break; // the batch is closed: the test is over
                }
                thread::sleep(Duration::from_millis(10));
            }
        });
        let started = Instant::now();
        let batch = next_batch(&receiver, &quiet());
        let took = started.elapsed();
        assert!(took < GATHER_AT_MOST + SETTLE_BURST, "{took:?}");
        assert_eq!(batch.paths.len(), 3);
        drop(receiver);
        feeder.join().expect("the feeder");
    }

    /// A batch of `paths`, each changed once, all of them `ago`.
    fn bulk(paths: usize, ago: Duration, now: Instant) -> Batch {
        let mut batch = Batch::default();
        let seen = now.checked_sub(ago).expect("a clock that has run a while");
        for i in 0..paths {
            let message = Message::Changed {
                paths: vec![PathBuf::from(format!("/site/content/{i}.md"))],
                seen,
            };
            batch.add(message, &quiet());
        }
        batch
    }

    #[test]
    fn a_bulk_change_is_gathered_whole_for_longer() {
        let now = Instant::now();
        // New files still arriving two seconds on: keep waiting for quiet.
        assert_eq!(
            bulk(500, Duration::from_secs(2), now).wait(now),
            SETTLE_BURST
        );
        // But not for ever.
        assert_eq!(bulk(500, BULK_AT_MOST, now).wait(now), Duration::ZERO);
        // A file's events split in two by a busy machine do not make a second save.
        let mut batch = bulk(500, Duration::from_secs(2), now);
        let split = Message::Changed {
            paths: vec![PathBuf::from("/site/content/7.md")],
            seen: now - Duration::from_secs(2) + RESAVED_AFTER / 2,
        };
        batch.add(split, &quiet());
        assert_eq!(batch.wait(now), SETTLE_BURST);
        // But once a file of it is saved again, someone is at work: the shorter limit holds.
        let again = Message::Changed {
            paths: vec![PathBuf::from("/site/content/7.md")],
            seen: now,
        };
        batch.add(again, &quiet());
        assert_eq!(batch.wait(now), Duration::ZERO);
    }

    #[test]
    fn changes_seen_long_ago_are_built_at_once_with_all_that_is_queued() {
        let (sender, receiver) = mpsc::channel();
        // Seen while a long build ran: already past every limit.
        let long_ago = Instant::now()
            .checked_sub(BULK_AT_MOST * 2)
            .expect("a clock that has run a while");
        for path in ["/site/a.md", "/site/b.md", "/site/c.md", "/site/d.md"] {
            let message = Message::Changed {
                paths: vec![PathBuf::from(path)],
                seen: long_ago,
            };
            sender.send(message).expect("open");
        }
        let started = Instant::now();
        let batch = next_batch(&receiver, &quiet());
        assert!(started.elapsed() < SETTLE, "{:?}", started.elapsed());
        assert_eq!(batch.paths.len(), 4);
    }

    #[test]
    fn stop_ends_gathering() {
        let (sender, receiver) = mpsc::channel();
        changed(&sender, "/site/content/a.md");
        sender.send(Message::Stop).expect("open");
        assert!(next_batch(&receiver, &quiet()).stop);
    }
}
