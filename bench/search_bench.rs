//! Benchmark helper (run by bench/run.sh): the time to build the search index of a site (tantivy
//! plus static shards, without rendering pages), and `Searcher::search` latency in-process.
//! Usage: cargo run --release --example search_bench -- SITE_DIR BUILT_DIR [QUERY...]

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (site_dir, built) = (std::path::PathBuf::from(&args[0]), std::path::PathBuf::from(&args[1]));
    let queries: Vec<String> = args[2..].to_vec();
    let (site, diags) = passend::site::Site::load(&site_dir);
    let site = site.unwrap_or_else(|| panic!("{}", diags.to_text()));
    let mut times = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let mut out = passend::render::Output::default();
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
    let pct = |p: f64| lat[((lat.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "{}",
        serde_json::json!({ "index_build_ms": times[1], "open_ms": open_ms, "query_p50_ms": pct(0.5), "query_p99_ms": pct(0.99), "queries": lat.len() })
    );
}
