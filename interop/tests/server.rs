//! The loopback server itself: it stops on its own when no client comes,
//! and reads a request whose body arrives in pieces.

use std::io;
use std::time::Duration;

use oauth_triage_interop::{response, Server};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

#[tokio::test]
async fn stops_when_its_time_is_up() {
    let server = Server::start_with_timeout(
        vec![response("200 OK", &[], b"")],
        Duration::from_millis(200),
    )
    .await
    .unwrap();
    let err = tokio::time::timeout(Duration::from_secs(10), server.finish())
        .await
        .expect("the server stopped")
        .unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::TimedOut);
}

#[tokio::test]
async fn keeps_what_the_client_sent() {
    tokio::time::timeout(Duration::from_secs(10), async {
        let server = Server::start(vec![response(
            "400 Bad Request",
            &[("Content-Type", "application/json")],
            br#"{"error":"invalid_request"}"#,
        )])
        .await
        .unwrap();
        let mut stream = TcpStream::connect(server.addr()).await.unwrap();
        stream
            .write_all(b"POST /token HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\nab")
            .await
            .unwrap();
        stream.flush().await.unwrap();
        tokio::time::sleep(Duration::from_millis(20)).await;
        stream.write_all(b"cdefghi").await.unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();
        assert!(
            answer.starts_with("HTTP/1.1 400 Bad Request\r\n"),
            "{answer}"
        );
        assert!(answer.contains("\r\nConnection: close\r\n"), "{answer}");
        assert!(
            answer.ends_with("\r\n\r\n{\"error\":\"invalid_request\"}"),
            "{answer}"
        );

        let requests = server.finish().await.unwrap();
        assert_eq!(requests.len(), 1);
        assert_eq!(requests[0].request_line(), "POST /token HTTP/1.1");
        assert_eq!(requests[0].header("HOST"), Some("x"));
        assert_eq!(requests[0].body, b"abcdefghi");
    })
    .await
    .expect("the test took more than 10 s");
}
