//! Accepting connections: each served by hyper with a time limit on its
//! request headers, at most [`MAX_CONNECTIONS`] at once, the stalled ones
//! making way for new ones.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper::service::{Service as _, service_fn};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::sync::{Notify, Semaphore};

use super::{HEADER_TIMEOUT, MAX_CONNECTIONS};

/// Accepts connections for ever, each served by hyper with a time limit on
/// its request headers, and at most [`MAX_CONNECTIONS`] at once.
pub(super) async fn accept(listener: tokio::net::TcpListener, app: Router) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
