//! The server's two routes: the live-reload events, and the site's files
//! from the generation being served: rendered ones from memory (HTML pages
//! with the reload script added), static ones from the site's `static/`.

use std::convert::Infallible;
use std::path::Path;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::broadcast;

use super::resolve::{Resolved, file_key, folder_redirect, request_path, resolve};
use super::{Notice, Shared};
use crate::assets::STYLESHEET_SOURCE;
use crate::site::routes::NOT_FOUND;
use crate::site_files::is_junk;

pub(super) async fn events(
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

pub(super) async fn file(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    // Held until the answer is made, so it all comes from one generation.
    let Some(site) = shared.site.current() else {
        return no_site_yet(&shared);
    };
    let Some(decoded) = request_path(uri.path()) else {
        return refused();
    };
    let key = file_key(&decoded);
    if let Some(bytes) = site.files.get(&key) {
        return send_bytes(&key, bytes.clone(), StatusCode::OK);
    }
    if !decoded.ends_with('/') && site.files.contains_key(&format!("{key}/index.html")) {
        return redirect(folder_redirect(uri.path()));
    }
    // The site's static files, but the stylesheet's source (published
    // fingerprinted, from memory) and junk, as `build` copies them.
    let copied = key != STYLESHEET_SOURCE && !key.split('/').any(|part| is_junk(part.as_ref()));
    match resolve(&site.statics, &site.site_dir, uri.path()) {
        Resolved::File(path) if copied => send(&path, StatusCode::OK).await,
        Resolved::Redirect(to) => redirect(to),
        Resolved::Refused => refused(),
        Resolved::File(_) | Resolved::NotFound => match site.files.get(NOT_FOUND) {
            Some(page) => send_bytes(NOT_FOUND, page.clone(), StatusCode::NOT_FOUND),
            None => no_site_yet(&shared),
        },
    }
}

fn redirect(to: String) -> Response {
    (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to)]).into_response()
}

fn refused() -> Response {
    (
        StatusCode::BAD_REQUEST,
        "Refused: that address is outside the site.\n",
    )
        .into_response()
}

/// A rendered file, from memory (its reload script already added).
fn send_bytes(key: &str, bytes: Bytes, status: StatusCode) -> Response {
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(Path::new(key))),
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
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

/// A static file. An HTML page is read whole to add the reload script;
/// anything else is streamed in chunks, so that a video or an archive of
/// ballot papers in `static/` takes no more memory than a chunk per request.
async fn send(path: &Path, status: StatusCode) -> Response {
    let not_found = || (StatusCode::NOT_FOUND, "Not found.\n").into_response();
    let kind = content_type(path);
    if kind.starts_with("text/html") {
        let Ok(bytes) = tokio::fs::read(path).await else {
            return not_found();
        };
        let html = with_reload_script(&String::from_utf8_lossy(&bytes));
        return html_response(status, html);
    }
    let Ok(file) = tokio::fs::File::open(path).await else {
        return not_found();
    };
    let Ok(length) = file.metadata().await.map(|m| m.len()) else {
        return not_found();
    };
    let mut response = Response::new(Body::from_stream(chunks(file)));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A file's bytes, a chunk at a time; after an error, no more.
fn chunks(file: tokio::fs::File) -> impl Stream<Item = std::io::Result<Bytes>> {
    use tokio::io::AsyncReadExt;
    const CHUNK: usize = 64 * 1024;
    stream::unfold(Some(file), |file| async move {
        let mut file = file?;
        let mut chunk = vec![0; CHUNK];
        match file.read(&mut chunk).await {
            Ok(0) => None,
            Ok(n) => {
                chunk.truncate(n);
                Some((Ok(Bytes::from(chunk)), Some(file)))
            }
            Err(error) => Some((Err(error), None)),
        }
    })
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
        // Browsers refuse a module script or a web worker of any other type.
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "pdf" => "application/pdf",
        "gif" => "image/gif",
        "avif" => "image/avif",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "webmanifest" => "application/manifest+json",
        "wasm" => "application/wasm",
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

pub(super) fn with_reload_script(html: &str) -> String {
    match html.rfind("</body>") {
        Some(at) => format!("{}{RELOAD_SCRIPT}{}", &html[..at], &html[at..]),
        None => format!("{html}{RELOAD_SCRIPT}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reload_script_goes_before_the_end_of_the_body() {
        let html = with_reload_script("<html><body><p>x</p></body></html>");
        assert!(html.contains("<p>x</p><script>"));
        assert!(html.ends_with("</script>\n</body></html>"));
    }

    #[test]
    fn the_reload_script_listens_where_the_events_are_served() {
        let listens = format!("new EventSource(\"{}\")", super::super::EVENTS_PATH);
        assert!(RELOAD_SCRIPT.contains(&listens), "{RELOAD_SCRIPT}");
    }

    #[test]
    fn static_files_are_streamed_not_read_whole() {
        use axum::body::HttpBody;
        let temp = tempfile::tempdir().unwrap();
        let file = temp.path().join("big.bin");
        std::fs::write(&file, vec![7u8; 300_000]).unwrap();
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let response = runtime.block_on(send(&file, StatusCode::OK));
        assert_eq!(response.headers()[header::CONTENT_LENGTH], "300000");
        // A body read whole knows its exact size; a streamed one has read
        // nothing yet.
        assert_eq!(response.body().size_hint().exact(), None);
        let bytes = runtime
            .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
            .unwrap();
        assert_eq!(bytes.len(), 300_000);
        assert!(bytes.iter().all(|b| *b == 7));
    }

    #[test]
    fn files_are_served_with_the_types_browsers_insist_on() {
        for (name, kind) in [
            ("app.mjs", "text/javascript; charset=utf-8"),
            ("font.woff2", "font/woff2"),
            ("clip.mp4", "video/mp4"),
            ("site.webmanifest", "application/manifest+json"),
            ("code.wasm", "application/wasm"),
            ("page.html", "text/html; charset=utf-8"),
            ("unknown.xyz", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), kind, "{name}");
        }
    }
}
