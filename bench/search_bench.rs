//! Benchmark helper (run by bench/run.sh): the time to build the search index of a site (tantivy
//! plus static shards, without rendering pages), `Searcher::search` latency in-process, and
//! `passend search` as a process, as a user or script runs it: wall time from spawn to exit, 20
//! rounds of every query, next to `/bin/true` timed the same way (what any process costs here).
//! Usage: cargo run --release --example search_bench -- SITE_DIR BUILT_DIR [QUERY...]
//! (the `passend` binary is taken from next to this example's folder: target/release/passend).

use std::process::{Command, Stdio};
use std::time::Instant;

/// Wall times in ms of running `program args` to its end, stdout discarded.
fn process_times(program: &std::path::Path, args: &[&std::ffi::OsStr]) -> f64 {
    let t = Instant::now();
    let status = Command::new(program).args(args).stdout(Stdio::null()).status().expect("spawn");
    assert!(status.success(), "{} failed", program.display());
    t.elapsed().as_secs_f64() * 1000.0
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (site_dir, built) = (std::path::PathBuf::from(&args[0]), std::path::PathBuf::from(&args[1]));
    let queries: Vec<String> = args[2..].to_vec();
    let (site, diags) = passend::site::Site::load(&site_dir);
    let site = site.unwrap_or_else(|| panic!("{}", diags.to_text()));
    let mut times = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let mut out = passend::output::Output::default();
        passend::search::add_to_output(&site, &mut out).expect("index");
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let start = Instant::now();
    let searcher = passend::search::Searcher::open(&built).expect("open index");
    let open_ms = start.elapsed().as_secs_f64() * 1000.0;
    let mut lat = Vec::new();
    for _ in 0..50 {
        for q in &queries {
            let t = Instant::now();
            let r = searcher.search(q, 10);
            std::hint::black_box(r);
            lat.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    lat.sort_by(f64::total_cmp);

    let passend = std::env::current_exe().expect("exe").parent().and_then(|p| p.parent()).expect("target dir").join("passend");
    let (mut cli, mut floor) = (Vec::new(), Vec::new());
    for _ in 0..20 {
        for q in &queries {
            let args = ["search".as_ref(), "--output".as_ref(), built.as_os_str(), "--json".as_ref(), q.as_ref()];
            cli.push(process_times(&passend, &args));
            floor.push(process_times("/bin/true".as_ref(), &[]));
        }
    }
    cli.sort_by(f64::total_cmp);
    floor.sort_by(f64::total_cmp);
    println!(
        "{}",
        serde_json::json!({
            "index_build_ms": times[1], "open_ms": open_ms, "query_p50_ms": percentile(&lat, 0.5), "query_p99_ms": percentile(&lat, 0.99), "queries": lat.len(),
            "cli_process_p50_ms": percentile(&cli, 0.5), "cli_process_p99_ms": percentile(&cli, 0.99), "cli_calls": cli.len(),
            "bin_true_p50_ms": percentile(&floor, 0.5), "bin_true_p99_ms": percentile(&floor, 0.99),
        })
    );
}
