//! The watcher: what a build reads, watched for changes, with a rebuild
//! after each settled burst of them.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::time::Duration;

use notify_debouncer_full::notify::event::{AccessKind, AccessMode, ModifyKind};
use notify_debouncer_full::notify::{EventKind, RecursiveMode, Watcher};
use notify_debouncer_full::{DebounceEventResult, Debouncer, FileIdCache, new_debouncer};

use super::error::ServeError;
use super::rebuild::{Rebuilder, lock};

/// How long the watcher waits for a burst of saves to settle: an editor's
/// save (write a copy, rename it over) takes a few milliseconds, and the
/// preview should show it within a tenth of a second.
const DEBOUNCE: Duration = Duration::from_millis(25);

/// Rebuilds, on a thread of its own, after each settled burst of changes.
pub(super) fn watch(
    site_dir: &Path,
    rebuild: Arc<Mutex<Rebuilder>>,
) -> Result<impl Drop, ServeError> {
    // Each settled burst's changed paths.
    let (tx, rx) = mpsc::channel::<Vec<PathBuf>>();
    let top = site_dir.to_path_buf();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let changed = changed_paths(&top, result);
        if !changed.is_empty() {
            let _ = tx.send(changed);
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
        while let Ok(mut changed) = rx.recv() {
            // Changes that came in during a build are covered by the next.
            while let Ok(more) = rx.try_recv() {
                changed.extend(more);
            }
            lock(&rebuild).run_once(&changed);
            let mut debouncer = watcher.lock().unwrap_or_else(PoisonError::into_inner);
            rewatch(&mut debouncer, &site_dir, &mut watched);
        }
    });
    Ok(debouncer)
}

/// The paths a settled burst changed, of those a build reads. When the
/// system lost track of changes (its queue of events overflowed, or the
/// watcher failed), the site folder itself: the whole site is loaded again,
/// or edits made in the meantime would never be shown.
fn changed_paths(site_dir: &Path, result: DebounceEventResult) -> Vec<PathBuf> {
    match result {
        Ok(events) if events.iter().any(|e| e.event.need_rescan()) => vec![site_dir.to_owned()],
        Ok(events) => events
            .iter()
            .filter(|e| is_change(&e.event.kind))
            .flat_map(|e| {
                e.event
                    .paths
                    .iter()
                    .filter(|p| is_read(site_dir, p))
                    .cloned()
            })
            .collect(),
        Err(_) => vec![site_dir.to_owned()],
    }
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
    let real_dir = site_dir
        .canonicalize()
        .unwrap_or_else(|_| site_dir.to_owned());
    for folder in ["content", "static"] {
        let path = site_dir.join(folder);
        if path.is_dir() {
            wanted.push(path.clone());
            wanted.extend(link_targets(&path, &real_dir));
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

/// The folders inside the site (at `real_dir`) that links under `dir` lead
/// to (for a link to a file, the folder holding it). A link out of the site
/// is an error whatever it leads to, and watching its target would watch,
/// say, the whole home folder (and a log written there would rebuild the
/// site after every rebuild).
fn link_targets(dir: &Path, real_dir: &Path) -> Vec<PathBuf> {
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
        .filter(|target| target.starts_with(real_dir))
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn changes_the_system_lost_track_of_reload_the_whole_site() {
        use notify_debouncer_full::DebouncedEvent;
        use notify_debouncer_full::notify::event::{Event, Flag};
        use std::time::Instant;
        let site = Path::new("/site");
        // The kernel's queue overflowed: which files changed is unknown.
        let lost = Event::new(EventKind::Other).set_flag(Flag::Rescan);
        let result = Ok(vec![DebouncedEvent::new(lost, Instant::now())]);
        let changed = changed_paths(site, result);
        assert_eq!(
            super::super::changes::plan(site, site, &[], &changed),
            super::super::changes::Plan::Whole
        );
        let failed = Err(vec![notify_debouncer_full::notify::Error::generic("lost")]);
        let changed = changed_paths(site, failed);
        assert_eq!(
            super::super::changes::plan(site, site, &[], &changed),
            super::super::changes::Plan::Whole
        );
    }

    #[cfg(unix)]
    #[test]
    fn only_links_inside_the_site_are_followed_to_watch() {
        let temp = tempfile::tempdir().unwrap();
        let real = temp.path().canonicalize().unwrap();
        let site = real.join("site");
        std::fs::create_dir_all(site.join("content")).unwrap();
        std::fs::create_dir_all(site.join("shared")).unwrap();
        std::fs::create_dir_all(real.join("elsewhere")).unwrap();
        std::os::unix::fs::symlink(site.join("shared"), site.join("content/in")).unwrap();
        std::os::unix::fs::symlink(real.join("elsewhere"), site.join("content/out")).unwrap();
        assert_eq!(
            link_targets(&site.join("content"), &site),
            vec![site.join("shared")]
        );
    }
}
