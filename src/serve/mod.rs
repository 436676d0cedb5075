//! `psephos serve`: build, serve the site on a local address, and rebuild
//! when anything under `content/` or `static/` changes.
//!
//! The site is built into a temporary folder, so serving never touches the
//! site's own `public/`. Because a build replaces its output only when it
//! succeeds, a failed rebuild leaves the last good site being served; the
//! error goes to the terminal and to every open page, which shows it over
//! the content. Pages learn of rebuilds through Server-Sent Events, from a
//! small script added to each HTML page only when serving.
//!
//! Each build goes into a folder of its own and replaces the one being
//! served in a single step; a request keeps the build it started with, and an
//! old build is deleted only once no request is reading it. So no request ever
//! sees a half-swapped site. The preview ignores `base_url`, so that its links
//! lead back to the preview and never to the live site.
//!
//! Connections are served by hyper directly (axum's own `serve` has no
//! limits): a client has [`HEADER_TIMEOUT`] to send its request's headers, and
//! at most [`MAX_CONNECTIONS`] are open at once, the stalled ones making way
//! for new ones, so slow or numerous clients can neither hold the server nor
//! use up the files a rebuild needs.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::fs;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock, Weak, mpsc};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream, StreamExt};
use hyper::server::conn::http1;
use hyper::service::{Service as _, service_fn};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use notify_debouncer_full::notify::event::{AccessKind, AccessMode, ModifyKind};
use notify_debouncer_full::notify::{EventKind, RecursiveMode, Watcher};
use notify_debouncer_full::{DebounceEventResult, Debouncer, FileIdCache, new_debouncer};
use tokio::sync::{Notify, Semaphore, broadcast};

use crate::build::{Audience, BuildError, Overwrite, Progress, Summary, build_for};

/// Where the live-reload events are served.
pub const EVENTS_PATH: &str = "/__psephos/events";
/// How long the watcher waits for a burst of saves to settle.
const DEBOUNCE: Duration = Duration::from_millis(200);
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
pub type OnBuild = Box<dyn Fn(&Result<Summary, BuildError>) + Send + Sync>;

#[derive(Debug)]
pub enum ServeError {
    /// The folder holds no site (it has no `content/` folder).
    NoSite(PathBuf),
    /// The address could not be listened on (say, the port is taken).
    Bind(SocketAddr, io::Error),
    Watch(String),
    Io(io::Error),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::NoSite(dir) => write!(
                f,
                "error: there is no site in {}: it has no content/ folder\n = help: give the site's folder (psephos serve SITE_DIR), or create a site with psephos new my-results",
                if dir == Path::new(".") {
                    "this folder".into()
                } else {
                    dir.display().to_string()
                }
            ),
            ServeError::Bind(addr, err) => write!(
                f,
                "error: cannot listen on {addr}: {err}\n = help: another program may be using port {}; try --port {}",
                addr.port(),
                addr.port().wrapping_add(1)
            ),
            ServeError::Watch(err) => write!(f, "error: cannot watch the site for changes: {err}"),
            ServeError::Io(err) => write!(f, "error: {err}"),
        }
    }
}

/// What pages are told.
#[derive(Debug, Clone)]
enum Notice {
    Reload,
    Failed(String),
}

/// One build of the site, in a folder of its own.
#[derive(Debug)]
struct Generation {
    root: PathBuf,
}

/// The build being served, and earlier builds that requests may still be
/// reading.
#[derive(Default)]
struct Generations {
    current: RwLock<Option<Arc<Generation>>>,
    retired: Mutex<Vec<Arc<Generation>>>,
}

impl Generations {
    /// The build to answer a request from; None before any build succeeded.
    fn current(&self) -> Option<Arc<Generation>> {
        self.current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Serves the build in `root` from now on. The build it replaces is
    /// deleted once no request holds it.
    fn publish(&self, root: PathBuf) {
        let new = Arc::new(Generation { root });
        let old = self
            .current
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .replace(new);
        let mut retired = self.retired.lock().unwrap_or_else(PoisonError::into_inner);
        retired.extend(old);
        // Held only here means no request has it, and none can get it now.
        retired.retain(|generation| {
            let in_use = Arc::strong_count(generation) > 1;
            if !in_use {
                let _ = fs::remove_dir_all(&generation.root);
            }
            in_use
        });
    }
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
    let work = std::env::temp_dir().join(format!("psephos-serve-{}", std::process::id()));
    // Left by an earlier run that had this process id and could not clean up.
    let _ = fs::remove_dir_all(&work);
    let (notices, _) = broadcast::channel(16);
    let shared = Arc::new(Shared {
        site: Generations::default(),
        error: RwLock::new(None),
        notices,
    });
    let rebuilder = Arc::new(Mutex::new(Rebuilder {
        site_dir: options.site_dir.clone(),
        work: work.clone(),
        builds: 0,
        stopped: false,
        shared: shared.clone(),
        progress,
        on_build,
    }));
    lock(&rebuilder).run_once();
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
    // Wait for a build under way, and start no more, before deleting.
    lock(&rebuilder).stopped = true;
    drop(runtime);
    let _ = fs::remove_dir_all(&work);
    served
}

fn lock(rebuilder: &Mutex<Rebuilder>) -> std::sync::MutexGuard<'_, Rebuilder> {
    rebuilder.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Accepts connections for ever, each served by hyper with a time limit on
/// its request headers, and at most [`MAX_CONNECTIONS`] at once.
async fn accept(listener: tokio::net::TcpListener, app: Router) {
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut unserved = Unserved::default();
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT);
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Such as running out of open files: wait for some to close.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let permit = match permits.clone().try_acquire_owned() {
            Ok(permit) => permit,
            Err(_) => {
                unserved.close_oldest();
                let Ok(permit) = permits.clone().acquire_owned().await else {
                    return;
                };
                permit
            }
        };
        let client = Arc::new(Client::default());
        unserved.push(&client);
        let service = {
            let client = client.clone();
            let app = TowerToHyperService::new(app.clone());
            service_fn(move |request| {
                client.served.store(true, Ordering::Relaxed);
                app.call(request)
            })
        };
        let connection = http.serve_connection(TokioIo::new(stream), service);
        tokio::spawn(async move {
            // A client that hangs up or times out is no concern of ours.
            tokio::select! {
                _ = connection => {}
                () = client.close.notified() => {}
            }
            drop(permit);
        });
    }
}

/// A connection, as the accept loop sees it.
#[derive(Default)]
struct Client {
    /// It has sent a whole request's headers.
    served: AtomicBool,
    /// Told to close, to make room for another.
    close: Notify,
}

/// Connections that have not yet sent a whole request, oldest first. When
/// the server is full the oldest is closed to make room: a working client
/// sends its headers at once, so these are the stalled ones, and however
/// many there are they cannot keep others out.
#[derive(Default)]
struct Unserved(VecDeque<Weak<Client>>);

impl Unserved {
    fn push(&mut self, client: &Arc<Client>) {
        if self.0.len() >= MAX_CONNECTIONS {
            self.0.retain(|c| {
                c.upgrade()
                    .is_some_and(|c| !c.served.load(Ordering::Relaxed))
            });
        }
        self.0.push_back(Arc::downgrade(client));
    }

    /// Tells the oldest to close; false when there is none.
    fn close_oldest(&mut self) -> bool {
        while let Some(oldest) = self.0.pop_front() {
            if let Some(client) = oldest.upgrade()
                && !client.served.load(Ordering::Relaxed)
            {
                client.close.notify_one();
                return true;
            }
        }
        false
    }
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

struct Rebuilder {
    site_dir: PathBuf,
    /// Each build goes into a new folder in here.
    work: PathBuf,
    builds: u64,
    /// Serving has ended: build nothing more.
    stopped: bool,
    shared: Arc<Shared>,
    progress: Arc<dyn Progress + Send>,
    on_build: OnBuild,
}

impl Rebuilder {
    fn run_once(&mut self) {
        if self.stopped {
            return;
        }
        self.builds += 1;
        let out = self.work.join(format!("site-{}", self.builds));
        let result = build_for(
            &self.site_dir,
            &out,
            Overwrite::OwnOutput,
            self.progress.as_ref(),
            Audience::Preview,
        );
        if result.is_ok() {
            self.shared.site.publish(out);
        }
        (self.on_build)(&result);
        let notice = match &result {
            Ok(_) => Notice::Reload,
            Err(err) => Notice::Failed(overlay_text(err)),
        };
        if let Ok(mut error) = self.shared.error.write() {
            *error = match &notice {
                Notice::Failed(text) => Some(text.clone()),
                Notice::Reload => None,
            };
        }
        // Nobody listening is fine.
        let _ = self.shared.notices.send(notice);
    }
}

fn overlay_text(error: &BuildError) -> String {
    format!("psephos could not rebuild the site; this page shows the last good build.\n\n{error}")
}

/// Rebuilds, on a thread of its own, after each settled burst of changes.
fn watch(site_dir: &Path, rebuild: Arc<Mutex<Rebuilder>>) -> Result<impl Drop, ServeError> {
    let (tx, rx) = mpsc::channel::<()>();
    let top = site_dir.to_path_buf();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let changed = result.is_ok_and(|events| {
            events
                .iter()
                .any(|e| is_change(&e.event.kind) && e.event.paths.iter().any(|p| is_read(&top, p)))
        });
        if changed {
            let _ = tx.send(());
        }
    })
    .map_err(|err| ServeError::Watch(err.to_string()))?;
    // The site folder itself, for `content/` or `static/` made or replaced.
    debouncer
        .watch(site_dir, RecursiveMode::NonRecursive)
        .map_err(|err| ServeError::Watch(format!("{}: {err}", site_dir.display())))?;
    let mut watched = Vec::new();
    rewatch(&mut debouncer, site_dir, &mut watched);
    let debouncer = Arc::new(Mutex::new(debouncer));
    let site_dir = site_dir.to_path_buf();
    let watcher = debouncer.clone();
    std::thread::spawn(move || {
        while rx.recv().is_ok() {
            // Changes that came in during a build are covered by the next.
            while rx.try_recv().is_ok() {}
            lock(&rebuild).run_once();
            let mut debouncer = watcher.lock().unwrap_or_else(PoisonError::into_inner);
            rewatch(&mut debouncer, &site_dir, &mut watched);
        }
    });
    Ok(debouncer)
}

/// Watches what the next build will read: `content/` and `static/` as they
/// are now (either may have been made or replaced since), and the folders
/// their links lead to (inside the site, by the rule on links), so that an
/// edit to a linked file is seen too.
///
/// A folder already watched stays watched: dropping and re-adding a watch
/// after every build would leave a moment in which a save is missed, and
/// the edit would never be shown. Only folders that are new, gone or
/// replaced (another folder now at the same path) change.
fn rewatch<W: Watcher, C: FileIdCache>(
    debouncer: &mut Debouncer<W, C>,
    site_dir: &Path,
    watched: &mut Vec<(PathBuf, Option<FolderId>)>,
) {
    let mut wanted: Vec<PathBuf> = Vec::new();
    for folder in ["content", "static"] {
        let path = site_dir.join(folder);
        if path.is_dir() {
            wanted.push(path.clone());
            wanted.extend(link_targets(&path));
        }
    }
    wanted.sort();
    wanted.dedup();
    let wanted: Vec<(PathBuf, Option<FolderId>)> = wanted
        .into_iter()
        .map(|path| {
            let id = folder_id(&path);
            (path, id)
        })
        .collect();
    watched.retain(|(path, id)| {
        let keep = id.is_some() && wanted.iter().any(|(p, i)| p == path && i == id);
        if !keep {
            let _ = debouncer.unwatch(path);
        }
        keep
    });
    for (path, id) in wanted {
        if watched.iter().any(|(p, _)| *p == path) {
            continue;
        }
        // A folder that cannot be watched now is tried again after the next build.
        if debouncer.watch(&path, RecursiveMode::Recursive).is_ok() {
            watched.push((path, id));
        }
    }
}

/// Which folder is at a path: a folder put in place of another is a new
/// one to watch. None where the system cannot say, so it is always re-watched.
type FolderId = (u64, u64);

#[cfg(unix)]
fn folder_id(path: &Path) -> Option<FolderId> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn folder_id(_: &Path) -> Option<FolderId> {
    None
}

/// The folders that links under `dir` lead to (for a link to a file, the
/// folder holding it).
fn link_targets(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.path_is_symlink())
        .filter_map(|entry| {
            let target = entry.path().canonicalize().ok()?;
            Some(if target.is_dir() {
                target
            } else {
                target.parent()?.to_path_buf()
            })
        })
        .collect()
}

/// Whether a path an event names is one a build reads: anything but the
/// site folder's other entries (its `public/`, say), which the folder's own
/// watch also reports.
fn is_read(site_dir: &Path, path: &Path) -> bool {
    match path
        .strip_prefix(site_dir)
        .map(|rest| rest.components().count())
    {
        Ok(1) => path.ends_with("content") || path.ends_with("static"),
        _ => true,
    }
}

/// Whether an event changes what a build reads. Reading a file is an event
/// too (the build's own reads would otherwise start the next build).
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(modify) => !matches!(modify, ModifyKind::Metadata(_)),
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        _ => false,
    }
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = shared.notices.subscribe();
    let current = shared
        .error
        .read()
        .ok()
        .and_then(|error| error.clone())
        .map(Notice::Failed);
    let later = stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(notice) => return Some((notice, receiver)),
                // A page that fell behind only needs the latest news.
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    let all = stream::iter(current).chain(later).map(|notice| {
        Ok(match notice {
            Notice::Reload => Event::default().event("reload").data("reload"),
            Notice::Failed(text) => Event::default().event("failed").data(text),
        })
    });
    Sse::new(all).keep_alive(KeepAlive::default())
}

/// What a request path leads to.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    File(PathBuf),
    /// A folder asked for without its trailing slash.
    Redirect(String),
    NotFound,
    /// An attempt to leave the site, or a path that is not valid text.
    Refused,
}

/// Maps a raw request path to a file inside `root`, refusing anything that
/// could reach outside it: `..` in any spelling, backslashes, and links out.
pub fn resolve(root: &Path, raw: &str) -> Resolved {
    let Some(decoded) = percent_decode(raw) else {
        return Resolved::Refused;
    };
    if decoded.contains('\\') || decoded.contains('\0') {
        return Resolved::Refused;
    }
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Resolved::Refused;
    }
    let mut path = root.join(relative);
    if path.is_dir() {
        if !decoded.ends_with('/') {
            return Resolved::Redirect(format!("{decoded}/"));
        }
        path = path.join("index.html");
    }
    let (Ok(real), Ok(real_root)) = (path.canonicalize(), root.canonicalize()) else {
        return Resolved::NotFound;
    };
    if !real.starts_with(&real_root) {
        return Resolved::Refused;
    }
    if real.is_file() {
        Resolved::File(real)
    } else {
        Resolved::NotFound
    }
}

/// Decodes `%XX` escapes; None for malformed escapes or text that is not UTF-8.
fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

async fn file(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    // Held until the answer is read, so a rebuild cannot delete it first.
    let Some(site) = shared.site.current() else {
        return no_site_yet(&shared);
    };
    match resolve(&site.root, uri.path()) {
        Resolved::File(path) => send(&path, StatusCode::OK).await,
        Resolved::Redirect(to) => {
            (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to)]).into_response()
        }
        Resolved::Refused => (
            StatusCode::BAD_REQUEST,
            "Refused: that address is outside the site.\n",
        )
            .into_response(),
        Resolved::NotFound => match resolve(&site.root, "/404.html") {
            Resolved::File(page) => send(&page, StatusCode::NOT_FOUND).await,
            _ => no_site_yet(&shared),
        },
    }
}

/// Before any build has succeeded there is nothing to serve but the error.
fn no_site_yet(shared: &Shared) -> Response {
    let has_error = shared.error.read().is_ok_and(|e| e.is_some());
    let text = if has_error {
        "The site has not been built yet: see the error."
    } else {
        "Not found."
    };
    let html = with_reload_script(&format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>psephos</title></head><body><p>{text}</p></body></html>"
    ));
    html_response(StatusCode::NOT_FOUND, html)
}

async fn send(path: &Path, status: StatusCode) -> Response {
    let Ok(bytes) = tokio::fs::read(path).await else {
        return (StatusCode::NOT_FOUND, "Not found.\n").into_response();
    };
    let kind = content_type(path);
    if kind.starts_with("text/html") {
        let html = with_reload_script(&String::from_utf8_lossy(&bytes));
        return html_response(status, html);
    }
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn html_response(status: StatusCode, html: String) -> Response {
    let mut response = Response::new(Body::from(html));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "js" => "text/javascript; charset=utf-8",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Reloads the page after a rebuild; shows a failed rebuild's error over it.
/// The text goes in with `textContent`, so nothing in it can run.
const RELOAD_SCRIPT: &str = r#"<script>
(function () {
  var source = new EventSource("/__psephos/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("failed", function (event) {
    var box = document.getElementById("psephos-error") || document.createElement("pre");
    box.id = "psephos-error";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;margin:0;padding:1.5rem;overflow:auto;" +
      "background:#1b1f24;color:#fff;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
    box.textContent = event.data;
    document.body.appendChild(box);
  });
})();
</script>
"#;

fn with_reload_script(html: &str) -> String {
    match html.rfind("</body>") {
        Some(at) => format!("{}{RELOAD_SCRIPT}{}", &html[..at], &html[at..]),
        None => format!("{html}{RELOAD_SCRIPT}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> PathBuf {
        let root = std::env::temp_dir().join(format!("psephos-resolve-{}", std::process::id()));
        fs::create_dir_all(root.join("news")).unwrap();
        fs::write(root.join("index.html"), "home").unwrap();
        fs::write(root.join("news/index.html"), "news").unwrap();
        root
    }

    #[test]
    fn paths_map_to_files_inside_the_site() {
        let root = site();
        let real = |p: &str| Resolved::File(root.join(p).canonicalize().unwrap());
        assert_eq!(resolve(&root, "/"), real("index.html"));
        assert_eq!(resolve(&root, "/news/"), real("news/index.html"));
        assert_eq!(resolve(&root, "/news"), Resolved::Redirect("/news/".into()));
        assert_eq!(
            resolve(&root, "/%6eews/index.html"),
            real("news/index.html")
        );
        assert_eq!(resolve(&root, "/missing.html"), Resolved::NotFound);
    }

    #[test]
    fn every_spelling_of_going_up_is_refused() {
        let root = site();
        for path in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E/Cargo.toml",
            "/news/../../Cargo.toml",
            "/%2e%2e%2fCargo.toml",
            "/..%2fCargo.toml",
            "/..%5cCargo.toml",
            "/news/%2e%2e/%2e%2e/etc/passwd",
            "/%00",
            "/%zz",
            "/%ff",
        ] {
            assert_eq!(resolve(&root, path), Resolved::Refused, "{path}");
        }
    }

    #[test]
    fn a_build_is_deleted_only_once_no_request_holds_it() {
        let work = std::env::temp_dir().join(format!("psephos-generations-{}", std::process::id()));
        let build = |n: u32| {
            let root = work.join(format!("site-{n}"));
            fs::create_dir_all(&root).unwrap();
            root
        };
        let site = Generations::default();
        assert!(site.current().is_none());
        site.publish(build(1));
        let reading = site.current().unwrap();
        site.publish(build(2));
        assert_eq!(site.current().unwrap().root, work.join("site-2"));
        assert!(
            reading.root.is_dir(),
            "a request still reads the first build"
        );
        drop(reading);
        site.publish(build(3));
        assert!(!work.join("site-1").exists());
        assert!(!work.join("site-2").exists());
        assert!(work.join("site-3").is_dir());
        fs::remove_dir_all(&work).unwrap();
    }

    #[test]
    fn when_full_the_oldest_stalled_connection_makes_room() {
        use futures_util::FutureExt;
        let told = |client: &Client| client.close.notified().now_or_never().is_some();
        let [served, oldest, newest]: [Arc<Client>; 3] = Default::default();
        let mut unserved = Unserved::default();
        for client in [&served, &oldest, &newest] {
            unserved.push(client);
        }
        served.served.store(true, Ordering::Relaxed);
        assert!(unserved.close_oldest());
        assert!(!told(&served), "a client that sent its request stays");
        assert!(told(&oldest));
        assert!(!told(&newest));
        drop(newest);
        assert!(!unserved.close_oldest(), "closed connections are skipped");
    }

    #[test]
    fn reading_files_is_not_a_change() {
        use notify_debouncer_full::notify::event::{
            CreateKind, DataChange, MetadataKind, RenameMode,
        };
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(
            DataChange::Content
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Name(
            RenameMode::To
        ))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Read
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!is_change(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
    }

    #[test]
    fn the_reload_script_goes_before_the_end_of_the_body() {
        let html = with_reload_script("<html><body><p>x</p></body></html>");
        assert!(html.contains("<p>x</p><script>"));
        assert!(html.ends_with("</script>\n</body></html>"));
    }
}
