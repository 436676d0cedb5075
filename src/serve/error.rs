//! Why `psephos serve` could not start, in words; the terminal adds the
//! label and colour.

use std::error::Error;
use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use crate::problems::Advice;

#[derive(Debug)]
pub enum ServeError {
    /// The folder holds no site (it has no `content/` folder).
    NoSite(PathBuf),
    /// The address could not be listened on (say, the port is taken).
    Bind(SocketAddr, io::Error),
    Watch(String),
    /// Starting the server failed; the system's error says why.
    Io(io::Error),
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeError::NoSite(dir) => write!(
                f,
                "there is no site in {}: it has no content/ folder",
                if dir == Path::new(".") {
                    "this folder".into()
                } else {
                    dir.display().to_string()
                }
            ),
            ServeError::Bind(addr, _) => write!(f, "cannot listen on {addr}"),
            ServeError::Watch(err) => write!(f, "cannot watch the site for changes: {err}"),
            // Nothing to add to the system's own words.
            ServeError::Io(err) => err.fmt(f),
        }
    }
}

impl Error for ServeError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            ServeError::Bind(_, err) => Some(err),
            ServeError::Io(err) => err.source(),
            ServeError::NoSite(_) | ServeError::Watch(_) => None,
        }
    }
}

impl Advice for ServeError {
    fn help(&self) -> Option<String> {
        match self {
            ServeError::NoSite(_) => Some(
                "give the site's folder (psephos serve SITE_DIR), or create a site with psephos new my-results".into(),
            ),
            ServeError::Bind(addr, _) => Some(format!(
                "another program may be using port {}; try --port {}",
                addr.port(),
                addr.port().wrapping_add(1)
            )),
            ServeError::Watch(_) | ServeError::Io(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problems::error_report;
    use crate::terminal::Palette;

    #[test]
    fn a_taken_port_is_told_with_its_cause_and_another_to_try() {
        let addr: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        let error = ServeError::Bind(addr, io::Error::from(io::ErrorKind::AddrInUse));
        assert_eq!(error.to_string(), "cannot listen on 127.0.0.1:1111");
        assert!(error.source().is_some());
        let report = error_report(&error, Palette::PLAIN);
        assert!(
            report.starts_with("error: cannot listen on 127.0.0.1:1111: "),
            "{report}"
        );
        assert!(
            report.ends_with("\n = help: another program may be using port 1111; try --port 1112")
        );
    }
}
