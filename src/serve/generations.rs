//! The site being served: one generation of it, in memory, replaced whole
//! in a single step. A request holds the generation it started with, so it
//! never sees a half-updated site; an old one is freed when the last request
//! holding it ends.

use std::path::PathBuf;
use std::sync::{Arc, PoisonError, RwLock};

use super::preview::Files;

/// One generation of the site.
#[derive(Debug)]
pub(super) struct Generation {
    /// The rendered files.
    pub(super) files: Arc<Files>,
    /// The site's own static files, served from where they are.
    pub(super) statics: PathBuf,
    /// The site folder, where links in `static/` may lead.
    pub(super) site_dir: PathBuf,
}

/// The generation being served.
#[derive(Default)]
pub(super) struct Generations {
    current: RwLock<Option<Arc<Generation>>>,
}

impl Generations {
    /// The generation to answer a request from; None before any build
    /// succeeded.
    pub(super) fn current(&self) -> Option<Arc<Generation>> {
        self.current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Serves `generation` from now on.
    pub(super) fn publish(&self, generation: Generation) {
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(generation));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use axum::body::Bytes;

    #[test]
    fn a_request_keeps_the_generation_it_started_with() {
        let generation = |text: &'static str| Generation {
            files: Arc::new(Files::from([("index.html".to_owned(), Bytes::from(text))])),
            statics: PathBuf::new(),
            site_dir: PathBuf::new(),
        };
        let site = Generations::default();
        assert!(site.current().is_none());
        site.publish(generation("one"));
        let reading = site.current().unwrap();
        site.publish(generation("two"));
        assert_eq!(reading.files["index.html"], "one");
        assert_eq!(site.current().unwrap().files["index.html"], "two");
    }
}
