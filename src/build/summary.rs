//! What a finished build tells: how many pages and files, where, how long it
//! took, and what it left out.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use super::error::shown;
use crate::content::{LeftOut, Withheld};
use crate::diagnostic::Diagnostic;

#[derive(Debug)]
pub struct Summary {
    pub pages: usize,
    pub files: usize,
    pub out: PathBuf,
    pub elapsed: Duration,
    /// Worth fixing, but nothing that stops a build.
    pub warnings: Vec<Diagnostic>,
    /// News items the build did not publish: drafts, and items dated in the
    /// future unless they were asked for.
    pub left_out: Vec<LeftOut>,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let elapsed = self.elapsed.as_secs_f64();
        let took = if elapsed < 1.0 {
            format!("{} ms", self.elapsed.as_millis().max(1))
        } else {
            format!("{elapsed:.2} s")
        };
        write!(
            f,
            "Built {} pages ({} files) into {} in {took}{}",
            self.pages,
            self.files,
            shown(&self.out),
            left_out_note(&self.left_out),
        )
    }
}

/// What was left out, as `1 draft news item and 2 dated in the future`;
/// None when nothing was.
pub fn left_out_items(left_out: &[LeftOut]) -> Option<String> {
    let count = |why| left_out.iter().filter(|l| l.why == why).count();
    let (drafts, future) = (count(Withheld::Draft), count(Withheld::Future));
    let items = |n: usize| if n == 1 { "item" } else { "items" };
    match (drafts, future) {
        (0, 0) => None,
        (d, 0) => Some(format!("{d} draft news {}", items(d))),
        (0, f) => Some(format!("{f} news {} dated in the future", items(f))),
        (d, f) => Some(format!(
            "{d} draft news {} and {f} dated in the future",
            items(d)
        )),
    }
}

/// `; left out …` for a build's summary, or nothing.
fn left_out_note(left_out: &[LeftOut]) -> String {
    let Some(items) = left_out_items(left_out) else {
        return String::new();
    };
    let future = left_out.iter().any(|l| l.why == Withheld::Future);
    format!(
        "; left out {items}{}",
        if future {
            " (--future publishes those dated in the future)"
        } else {
            ""
        }
    )
}

#[cfg(test)]
mod tests {
    use crate::content::{LeftOut, Withheld};

    fn left(why: Withheld) -> LeftOut {
        LeftOut::sample("x", "2026-06-20", why)
    }

    #[test]
    fn the_summary_says_what_was_left_out() {
        use Withheld::{Draft, Future};
        assert_eq!(super::left_out_note(&[]), "");
        assert_eq!(
            super::left_out_note(&[left(Draft)]),
            "; left out 1 draft news item"
        );
        assert_eq!(
            super::left_out_note(&[left(Future), left(Future)]),
            "; left out 2 news items dated in the future (--future publishes those dated in the future)"
        );
        assert_eq!(
            super::left_out_items(&[left(Draft), left(Future), left(Draft)]).as_deref(),
            Some("2 draft news items and 1 dated in the future")
        );
    }
}
