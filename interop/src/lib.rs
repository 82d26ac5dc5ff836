//! A loopback HTTP/1.1 server for the interoperability tests in `tests/`.
//!
//! [`Server::start`] binds `127.0.0.1:0` and answers one connection at a time
//! with the next of a fixed list of canned responses: it reads the request
//! (the head up to the blank line, then `Content-Length` bytes of body),
//! keeps it, writes the response and closes the connection. It stops once
//! every response has been sent, or when its time is up, whichever comes
//! first; [`Server::finish`] then hands back the requests it received, so
//! that a test can check what the client sent. Dropping a [`Server`] stops
//! it too, so a failing test leaves nothing running.
//!
//! It is no general server: no keep-alive (every response says
//! `Connection: close`), no chunked request bodies, no TLS.

use std::fmt::Write as _;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// How long a server started with [`Server::start`] waits for its requests.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Largest request head read, in bytes.
const MAX_HEAD: usize = 64 * 1024;

/// Largest request body read, in bytes.
const MAX_BODY: usize = 1024 * 1024;

/// A raw HTTP/1.1 response: `status` is the status line without `HTTP/1.1`
/// (`"429 Too Many Requests"`), then the headers, then `body`.
/// `Content-Length` and `Connection: close` are added.
pub fn response(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {status}\r\n");
    for (name, value) in headers {
        let _ = write!(head, "{name}: {value}\r\n");
    }
    let _ = write!(
        head,
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let mut raw = head.into_bytes();
    raw.extend_from_slice(body);
    raw
}

/// A request as the server received it.
#[derive(Clone, Debug)]
pub struct Request {
    /// The request line and the headers, up to and without the blank line.
    pub head: String,
    /// The body: `Content-Length` bytes.
    pub body: Vec<u8>,
}

impl Request {
    /// The request line: `POST /token HTTP/1.1`.
    pub fn request_line(&self) -> &str {
        self.head.split("\r\n").next().unwrap_or_default()
    }

    /// The value of the first header named `name` (in any case), trimmed.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.split("\r\n").skip(1).find_map(|line| {
            let (n, value) = line.split_once(':')?;
            n.trim().eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// A running loopback server; see the [crate] documentation.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    task: Option<JoinHandle<io::Result<Vec<Request>>>>,
}

impl Server {
    /// Starts a server that sends `responses` in order, one per connection,
    /// and stops after the last one or after [`DEFAULT_TIMEOUT`].
    pub async fn start(responses: Vec<Vec<u8>>) -> io::Result<Self> {
        Self::start_with_timeout(responses, DEFAULT_TIMEOUT).await
    }

    /// Like [`Server::start`], with the given time limit for all the
    /// requests together.
    pub async fn start_with_timeout(
        responses: Vec<Vec<u8>>,
        timeout: Duration,
    ) -> io::Result<Self> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        let task = tokio::spawn(async move {
            let total = responses.len();
            let mut received = Vec::with_capacity(total);
            match tokio::time::timeout(timeout, serve(&listener, responses, &mut received)).await {
                Ok(Ok(())) => Ok(received),
                Ok(Err(e)) => Err(e),
                Err(_) => Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!(
                        "{} of {total} requests received in {timeout:?}",
                        received.len()
                    ),
                )),
            }
        });
        Ok(Self {
            addr,
            task: Some(task),
        })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Waits for the server to stop and returns the requests it received,
    /// in order, or why it stopped early (its time ran out, a request it
    /// could not read).
    pub async fn finish(mut self) -> io::Result<Vec<Request>> {
        let task = self.task.take().expect("a server finishes once");
        match task.await {
            Ok(result) => result,
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            Err(e) => Err(io::Error::other(e)),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// Answers one connection per response, in order.
async fn serve(
    listener: &TcpListener,
    responses: Vec<Vec<u8>>,
    received: &mut Vec<Request>,
) -> io::Result<()> {
    let mut responses = responses.into_iter().peekable();
    while let Some(response) = responses.peek() {
        let (mut stream, _) = listener.accept().await?;
        // A connection closed before it sent anything takes no response.
        let Some(request) = read_request(&mut stream).await? else {
            continue;
        };
        received.push(request);
        stream.write_all(response).await?;
        stream.shutdown().await?;
        responses.next();
    }
    Ok(())
}

/// Reads one request: the head up to the blank line, then `Content-Length`
/// bytes of body. `None` if the peer closed the connection without sending
/// a byte.
async fn read_request(stream: &mut TcpStream) -> io::Result<Option<Request>> {
    let mut buf = Vec::with_capacity(1024);
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        if buf.len() > MAX_HEAD {
            return Err(invalid("request head too large"));
        }
        if stream.read_buf(&mut buf).await? == 0 {
            if buf.is_empty() {
                return Ok(None);
            }
            return Err(invalid("connection closed inside the request head"));
        }
    };
    let head = String::from_utf8(buf[..head_end].to_vec())
        .map_err(|_| invalid("request head is not UTF-8"))?;
    let mut request = Request {
        head,
        body: buf.split_off(head_end + 4),
    };
    if request.header("transfer-encoding").is_some() {
        return Err(invalid("chunked request bodies are not supported"));
    }
    let length = match request.header("content-length") {
        Some(value) => value
            .parse::<usize>()
            .map_err(|_| invalid("bad Content-Length"))?,
        None => 0,
    };
    if length > MAX_BODY {
        return Err(invalid("request body too large"));
    }
    while request.body.len() < length {
        if stream.read_buf(&mut request.body).await? == 0 {
            return Err(invalid("connection closed inside the request body"));
        }
    }
    if request.body.len() > length {
        return Err(invalid("more bytes than Content-Length"));
    }
    Ok(Some(request))
}

fn invalid(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.to_owned())
}
