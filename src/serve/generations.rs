//! The builds being served: the current one, and earlier ones still read by
//! requests, each deleted once nothing holds it.

use std::fs;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

/// One build of the site, in a folder of its own.
#[derive(Debug)]
pub(super) struct Generation {
    pub(super) root: PathBuf,
}

/// The build being served, and earlier builds that requests may still be
/// reading.
#[derive(Default)]
pub(super) struct Generations {
    current: RwLock<Option<Arc<Generation>>>,
    retired: Mutex<Vec<Arc<Generation>>>,
}

impl Generations {
    /// The build to answer a request from; None before any build succeeded.
    pub(super) fn current(&self) -> Option<Arc<Generation>> {
        self.current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Serves the build in `root` from now on. The build it replaces is
    /// deleted once no request holds it.
    pub(super) fn publish(&self, root: PathBuf) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_build_is_deleted_only_once_no_request_holds_it() {
        let temp = tempfile::tempdir().unwrap();
        let work = temp.path();
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
    }
}
