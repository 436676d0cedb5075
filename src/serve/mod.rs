//! `psephos serve`: build the site in memory, serve it on a local address,
//! and bring it up to date when anything under `content/` or `static/`
//! changes.
//!
//! Nothing is written to disk, the site's own `public/` least of all: the
//! loaded site and every file it renders are kept in memory
//! (`preview.rs`), and the site's static files are served from `static/`.
//! A change to one news item reloads that file alone and re-renders its
//! page, the home page, the news index pages between its old and new place
//! and the feed; a change in one election's folder reloads that election and
//! re-renders its pages, the home page, the list of elections, the page not
//! found, its candidates' people and other candidacies, the news about it,
//! its feed and the open data. When what every page shows changes (whether
//! there is news, the elections' sources, a count in progress) every page is
//! rendered again from memory; anything else (settings, people, pages,
//! static files, folders made or removed) loads the whole site again, as
//! `build` does (`changes.rs` decides). A burst of changes (a search and
//! replace, a checkout) is applied whole and each page it touches rendered
//! once (`touched.rs`). A test holds every partial update to a full render
//! of the same files, byte for byte.
//!
//! A failed rebuild leaves the last good site being served; the error goes
//! to the terminal and to every open page, which shows it over the content,
//! and the next rebuild loads the whole site. Pages learn of rebuilds through
//! Server-Sent Events, from a small script added to each HTML page only when
//! serving.
//!
//! Each rebuild makes a new generation of the files and replaces the one
//! being served in a single step (`generations.rs`); a request keeps the
//! generation it started with, so no request ever sees a half-updated site.
//! The preview ignores `base_url`, so that its links lead back to the
//! preview and never to the live site.
//!
//! Connections are served by hyper directly (axum's own `serve` has no
//! limits): a client has [`HEADER_TIMEOUT`] to send its request's headers, and
//! at most [`MAX_CONNECTIONS`] are open at once, the stalled ones making way
//! for new ones, so slow or numerous clients can neither hold the server nor
//! use up the files a rebuild needs.
//!
//! Here: starting and stopping. Beside it: the routes (`routes.rs`) and the
//! safe mapping of a request path to a file (`resolve.rs`), the accept loop
//! (`connections.rs`), the generation being served (`generations.rs`), the
//! site in memory (`preview.rs`), the watcher (`watch.rs`), what its changes
//! ask for (`changes.rs`) and the rebuild it runs (`rebuild.rs`), and why
//! serving could not start (`error.rs`).

mod changes;
mod connections;
mod error;
mod generations;
mod preview;
#[cfg(test)]
mod preview_change_tests;
#[cfg(test)]
mod preview_history_tests;
#[cfg(test)]
mod preview_tests;
mod rebuild;
mod resolve;
mod routes;
mod touched;
mod watch;

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::Router;
use axum::routing::get;
use tokio::sync::broadcast;

pub use error::ServeError;
pub use rebuild::Rebuilt;
pub use resolve::{Resolved, resolve};

use crate::build::{BuildError, Progress};
use connections::accept;
use generations::Generations;
use rebuild::{Rebuilder, lock};
use routes::{events, file};
use watch::watch;

/// Where the live-reload events are served.
pub const EVENTS_PATH: &str = "/__psephos/events";
/// How long a client may take over a request's headers before its connection
/// is closed. Browsers send them at once; only a stalled or hostile client
/// takes longer.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections served at once. Half the usual limit of 1,024 open files,
/// leaving the rest for rebuilds. When full, a stalled connection is closed
/// to make room, or if there is none the next waits to be accepted.
pub const MAX_CONNECTIONS: usize = 512;

pub struct Options {
    pub site_dir: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
}

/// What happened to a build, for the terminal.
pub type OnBuild = Box<dyn Fn(&Result<Rebuilt, BuildError>) + Send + Sync>;

/// What pages are told.
#[derive(Debug, Clone)]
enum Notice {
    Reload,
    Failed(String),
}

struct Shared {
    site: Generations,
    /// The last build's error, shown to pages that connect after it.
    error: RwLock<Option<String>>,
    notices: broadcast::Sender<Notice>,
}

/// Serves until interrupted (Ctrl-C, or the terminal closing); `ready` hears
/// the address once the first build is done and the server is listening.
pub fn run(
    options: Options,
    progress: Arc<dyn Progress + Send>,
    on_build: OnBuild,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    if !options.site_dir.join("content").is_dir() {
        return Err(ServeError::NoSite(options.site_dir));
    }
    let runtime = tokio::runtime::Runtime::new().map_err(ServeError::Io)?;
    // Caught from here on, so that even during the first build stopping
    // cleans up.
    let stop = {
        let _inside = runtime.enter();
        stop_requested().map_err(ServeError::Io)?
    };
    let addr = SocketAddr::new(options.bind, options.port);
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(addr))
        .map_err(|err| ServeError::Bind(addr, err))?;
    let addr = listener.local_addr().map_err(ServeError::Io)?;
    let (notices, _) = broadcast::channel(16);
    let shared = Arc::new(Shared {
        site: Generations::default(),
        error: RwLock::new(None),
        notices,
    });
    let rebuilder = Arc::new(Mutex::new(Rebuilder::new(
        options.site_dir.clone(),
        shared.clone(),
        progress,
        on_build,
    )));
    lock(&rebuilder).run_once(&[]);
    let watcher = watch(&options.site_dir, rebuilder.clone());
    let served = watcher.map(|_watcher| {
        ready(addr);
        let app = Router::new()
            .route(EVENTS_PATH, get(events))
            .fallback(get(file))
            .with_state(shared);
        runtime.block_on(async {
            tokio::select! {
                () = accept(listener, app) => {}
                () = stop => {}
            }
        });
    });
    // Wait for a build under way, and start no more.
    lock(&rebuilder).stop();
    drop(runtime);
    served
}

/// Resolves when asked to stop: Ctrl-C, `kill`, or (on Unix) the terminal
/// closing (SIGHUP). Must be called inside the runtime.
#[cfg(unix)]
fn stop_requested() -> io::Result<impl Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
            _ = hangup.recv() => {}
        }
    })
}

#[cfg(not(unix))]
fn stop_requested() -> io::Result<impl Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}
