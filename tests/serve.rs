//! `passend serve`: the preview answers on 127.0.0.1, rebuilds when a file changes, tells open
//! pages to reload, and when a change breaks the build keeps serving the last good build with
//! the errors shown on every page.

mod common;
use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_passend"))
        .args(["serve", "--root", root.to_str().unwrap(), "--port", "0"])
        .env("PASSEND_TODAY", "2026-11-23")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                let _ = tx.send(rest.split('/').next().unwrap().parse::<u16>().unwrap());
            }
        }
    });
    let port = rx.recv_timeout(Duration::from_secs(60)).expect("serve prints its address");
    Server { child, port }
}

/// (status, headers, body) of a GET.
fn get(port: u16, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(40))).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, head.to_string(), body.to_string())
}

fn wait_until(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < Duration::from_secs(60), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn preview_rebuilds_reloads_and_survives_a_broken_change() {
    let site = copy_example("serve");
    let server = start(site.path());
    let port = server.port;

    let (status, head, home) = get(port, "/");
    assert_eq!(status, 200);
    assert!(home.contains("Samenwerkingsverband Passend Onderwijs Lindeveld"));
    assert!(home.contains("<script src=\"/__passend/livereload.js\"></script>"), "pages get the reload script");
    assert!(head.contains("Content-Security-Policy: default-src 'self'"), "serve sends the security headers");
    let generation: u64 = home.split("data-passend-generatie=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
    assert_eq!(get(port, "/__passend/livereload.js").0, 200);

    // A long poll waiting for the next build, started before the change.
    let waiter = std::thread::spawn(move || get(port, &format!("/__passend/wacht?generatie={generation}")).2);

    let chapter = site.path().join("content/plan/03-basisondersteuning.md");
    edit(&chapter, "title = \"", "title = \"Vernieuwd: ");
    let answer: serde_json::Value = serde_json::from_str(&waiter.join().unwrap()).unwrap();
    assert!(answer["generatie"].as_u64().unwrap() > generation, "the long poll answers with the new build");
    wait_until("the new title", || get(port, "/plan/basisondersteuning/").2.contains("<h1>Vernieuwd: "));

    // Break the build: the last good pages stay, with the errors on top.
    edit(&chapter, "samenvatting =", "samenvating =");
    wait_until("the error banner", || get(port, "/plan/basisondersteuning/").2.contains("De laatste wijziging geeft fouten"));
    let (status, _, page) = get(port, "/plan/basisondersteuning/");
    assert_eq!(status, 200);
    assert!(page.contains("<h1>Vernieuwd: "), "the last good build is still served");
    assert!(page.contains("content/plan/03-basisondersteuning.md:"), "the banner names the file");
    assert!(page.contains("bedoelde u `samenvatting`?"));

    // Fix it: the banner goes away.
    edit(&chapter, "samenvating =", "samenvatting =");
    wait_until("the banner to go", || !get(port, "/plan/basisondersteuning/").2.contains("De laatste wijziging geeft fouten"));

    let (status, _, body) = get(port, "/bestaat/niet/");
    assert_eq!(status, 404);
    assert!(body.contains("Pagina niet gevonden"));
    assert_eq!(get(port, "/../passend.toml").0, 404, "nothing outside the output is served");
    assert!(!site.path().join("public").exists(), "serve does not write into the site");
}
