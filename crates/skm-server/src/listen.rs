//! Accepting connections until Ctrl-C or SIGTERM: HTTP/1.1 through hyper, with a deadline on a
//! request's headers that also closes idle and half-open connections, a deadline on its body,
//! and room above the router's own header limit so that an oversized request is refused in the
//! API's JSON.

use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tower::ServiceExt;

use crate::{router, AppState, ServeError};

/// The HTTP layer's own limits, far above the router's ([`crate::errors::MAX_HEADERS`],
/// [`crate::errors::MAX_HEADER_BYTES`]) so that the router refuses first, in JSON; only a
/// request beyond these gets the HTTP layer's bare 431.
const HTTP_MAX_HEADERS: usize = 400;
const HTTP_MAX_BUFFER: usize = 256 * 1024;

/// How long a shutdown waits for requests in flight.
const DRAIN: Duration = Duration::from_secs(10);

/// Resolves on Ctrl-C (SIGINT) or SIGTERM (systemd, Docker). The handlers are installed when this
/// is called, not when it is first awaited: a signal sent the moment the server says it is ready
/// still stops it gracefully. Never resolves for a signal that cannot be caught.
fn stop_signal() -> impl std::future::Future<Output = ()> {
    use tokio::signal::unix::{signal, SignalKind};
    let wait = |kind: SignalKind, name: &'static str| {
        let installed = signal(kind);
        async move {
            match installed {
                Ok(mut signal) => {
                    signal.recv().await;
                    tracing::info!("{name}: stopping");
                }
                Err(e) => {
                    tracing::warn!(error = %e, "cannot listen for {name}");
                    std::future::pending::<()>().await;
                }
            }
        }
    };
    let (interrupt, terminate) = (wait(SignalKind::interrupt(), "Ctrl-C"), wait(SignalKind::terminate(), "SIGTERM"));
    async move {
        tokio::select! {
            () = interrupt => {}
            () = terminate => {}
        }
    }
}

/// Serves until Ctrl-C or SIGTERM; `ready` is called with the bound address once listening.
pub async fn serve(state: AppState, addr: SocketAddr, ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|source| ServeError::Bind { addr, source })?;
    let bound = listener.local_addr().map_err(|source| ServeError::Bind { addr, source })?;
    let limiter = state.limiter.clone();
    let read_timeout = state.read_timeout;
    let app = router(state);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        // Armed whenever a request's head is awaited: a client that connects and sends nothing,
        // or keeps an idle connection open, is cut off after this.
        .header_read_timeout(read_timeout)
        .max_headers(HTTP_MAX_HEADERS)
        .max_buf_size(HTTP_MAX_BUFFER);
    let graceful = GracefulShutdown::new();
    let mut stop = std::pin::pin!(stop_signal());
    let mut sweep = tokio::time::interval(Duration::from_secs(60));
    ready(bound);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(accepted) => accepted,
                    Err(e) => {
                        // Out of file descriptors and the like: wait a moment rather than spin.
                        tracing::warn!(error = %e, "accepting a connection failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let service = app.clone().map_request(move |mut request: hyper::Request<Incoming>| {
                    request.extensions_mut().insert(ConnectInfo(peer));
                    request.map(Body::new)
                });
                let connection = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
                let connection = graceful.watch(connection);
                tokio::spawn(async move {
                    if let Err(e) = connection.await {
                        tracing::debug!(error = %e, "connection ended with an error");
                    }
                });
            }
            _ = sweep.tick() => limiter.forget_idle(),
            () = &mut stop => break,
        }
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(DRAIN) => tracing::warn!("requests still open after {DRAIN:?}; stopping anyway"),
    }
    Ok(())
}
