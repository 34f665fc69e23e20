//! sim::server (being written): the accept loop, able to drop a connection on purpose.
use axum::Router;
use tokio::net::TcpListener;

use super::SharedState;

pub struct ServerHandle {
    shutdown: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl ServerHandle {
    pub async fn shutdown(self) {
        let _ = self.shutdown.send(());
        let _ = self.task.await;
    }
}

pub fn serve(listener: TcpListener, router: Router, state: SharedState) -> ServerHandle {
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let app = tower::util::MapRequestLayer::new(move |req| super::auth::address_mailbox(&state, req));
    let service = tower::Layer::layer(&app, router);
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, axum::ServiceExt::<axum::extract::Request>::into_make_service(service))
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
    });
    ServerHandle { shutdown: tx, task }
}
