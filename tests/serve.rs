//! `lede serve`: the API against the CLI's JSON, hostile requests, concurrency, reloading, and the page in
//! headless Chromium. Each test runs the real binary on a free port of 127.0.0.1.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use lede::client::{self, encode};
use lede::wire;

use crate::util::{json, json_lines, repo, TestEnv};

/// A `lede serve` process, stopped when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    fn start(env: &TestEnv) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lede"))
            .args(["serve", "--addr", "127.0.0.1:0", "--index"])
            .arg(&env.index)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start lede serve");
        let stderr = child.stderr.take().expect("stderr");
        let mut lines = BufReader::new(stderr).lines();
        let first = lines.next().expect("a line from lede serve").expect("stderr line");
        let addr = first
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.trim_end_matches('/').parse().ok())
            .unwrap_or_else(|| panic!("no address in {first:?}"));
        // Keep reading stderr so that the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server { child, addr }
    }

    fn get(&self, target: &str) -> client::Response {
        client::get(self.addr, target).unwrap_or_else(|e| panic!("GET {target}: {e}"))
    }

    /// GET, asserting 200 and JSON, read back into its wire type.
    fn json<T: serde::de::DeserializeOwned>(&self, target: &str) -> T {
        let response = self.get(target);
        assert_eq!(response.status, 200, "GET {target}: {}", response.body);
        assert!(
            response.content_type.starts_with("application/json"),
            "{}",
            response.content_type
        );
        json(&response.body)
    }

    /// GET, asserting `status` and a JSON error with a message and a hint.
    fn error(&self, target: &str, status: u16) -> wire::ApiError {
        let response = self.get(target);
        assert_eq!(response.status, status, "GET {target}: {}", response.body);
        let error: wire::ApiError = json(&response.body);
        assert!(!error.error.is_empty() && !error.hint.is_empty(), "{error:?}");
        error
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn sample_env() -> TestEnv {
    let env = TestEnv::new();
    env.index(&repo().join("data/sample"));
    env
}

#[test]
fn serve_api_answers_what_the_cli_prints() {
    let env = sample_env();
    let server = Server::start(&env);

    let found: wire::SearchResponse = server.json("/api/search?q=border+wall&limit=10");
    let cli = env.lede(&["search", "border wall", "--json", "--limit", "10"]);
    let cli_hits: Vec<wire::Hit> = json_lines(&cli.stdout);
    let summary: wire::SearchSummary = json(&cli.stderr);
    assert!(!found.hits.is_empty());
    let api_hits: Vec<wire::Hit> = found.hits.iter().chain(&found.partial).cloned().collect();
    assert_eq!(
        api_hits, cli_hits,
        "the API's hits (then partial ones) are the CLI's, field for field"
    );
    assert!(found.partial.iter().all(|hit| hit.partial));
    assert_eq!(found.total, summary.total);
    assert!(found.facets.is_empty());

    // Filters, paging and facets as the CLI's flags.
    let target = "/api/search?q=immigration&since=2017&until=2020&sort=date&offset=1&limit=3&facets=person,source:2";
    let found: wire::SearchResponse = server.json(target);
    let args = [
        "search",
        "immigration",
        "--since",
        "2017",
        "--until",
        "2020",
        "--sort",
        "date",
        "--offset",
        "1",
        "--limit",
        "3",
        "--facets",
        "person,source:2",
        "--json",
    ];
    let cli = env.lede(&args);
    let lines: Vec<&str> = cli.stdout.lines().collect();
    let cli_hits: Vec<wire::Hit> = lines.iter().take(found.hits.len()).map(|l| json(l)).collect();
    let cli_facets: Vec<wire::Facet> = lines.iter().skip(found.hits.len()).map(|l| json(l)).collect();
    assert_eq!(found.hits, cli_hits);
    assert_eq!(found.facets, cli_facets);
    assert_eq!(found.facets.len(), 2);
    assert!(found.facets[1].values.len() <= 2);

    let with_person: wire::SearchResponse = server.json("/api/search?q=&where=person=joe+biden&limit=50");
    let cli = env.lede(&["search", "", "--where", "person=joe biden", "--json", "--limit", "50"]);
    assert_eq!(with_person.hits, json_lines::<wire::Hit>(&cli.stdout));
    assert!(!with_person.hits.is_empty());

    let timeline: wire::Timeline = server.json("/api/timeline?q=border+wall&q=tariffs&by=year");
    let cli = env.lede(&["timeline", "border wall", "tariffs", "--by", "year", "--json"]);
    assert_eq!(timeline, json::<wire::Timeline>(&cli.stdout));
    assert_eq!(timeline.queries, ["border wall", "tariffs"]);

    let entities: wire::EntitiesResponse = server.json("/api/entities?q=border+wall&kind=person&limit=5");
    let cli = env.lede(&["entities", "border wall", "--kind", "person", "--limit", "5", "--json"]);
    assert_eq!(entities.entities, json_lines::<wire::Entity>(&cli.stdout));
    assert!(entities.articles > 0);

    let dups: wire::DupsResponse = server.json("/api/dups?limit=5");
    let cli = env.lede(&["dups", "--limit", "5", "--json"]);
    assert_eq!(dups.clusters, json_lines::<wire::Cluster>(&cli.stdout));

    let values: wire::ValuesResponse = server.json("/api/values?field=source");
    let cli = env.lede(&["values", "source", "--json"]);
    assert_eq!(values.values, json_lines::<wire::FacetValue>(&cli.stdout));
    assert_eq!(values.distinct, values.values.len());

    let stats: wire::Stats = server.json("/api/stats");
    assert_eq!(stats.articles, 46);

    let id = &cli_hits_first_id(&env);
    let shown: wire::ShownArticle = server.json(&format!("/api/show/{}", encode(id)));
    let cli = env.lede(&["show", id, "--json"]);
    assert_eq!(shown, json::<wire::ShownArticle>(&cli.stdout));
    let like: wire::SimilarResponse = server.json(&format!("/api/similar/{}?limit=3", encode(id)));
    let cli = env.lede(&["similar", id, "--limit", "3", "--json"]);
    assert_eq!(like.hits, json_lines::<wire::Hit>(&cli.stdout));
    assert_eq!(&like.id, id);

    server.error("/api/show/no-such-article", 404);
    server.error("/api/similar/no-such-article", 404);

    // The page, its assets, and nothing else.
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(page.content_type.starts_with("text/html") && page.body.contains("<form id=\"search\""));
    assert!(server.get("/app.js").body.contains("/api/search"));
    assert!(server.get("/app.css").content_type.starts_with("text/css"));
    let page = server.get("/?q=border+wall");
    let first = &found_first_headline(&server);
    assert!(
        page.body.contains(&first.replace('<', "\\u003c")),
        "the first results are in the page"
    );
}

fn cli_hits_first_id(env: &TestEnv) -> String {
    env.search(&["border wall", "--limit", "1"]).remove(0).id
}

fn found_first_headline(server: &Server) -> String {
    let found: wire::SearchResponse = server.json("/api/search?q=border+wall&limit=1");
    found.hits[0].headline.clone()
}

#[test]
fn serve_answers_bad_requests_with_json_errors_and_stays_up() {
    let env = sample_env();
    let server = Server::start(&env);
    for target in [
        "/api/search?q=wall&limit=-1",
        "/api/search?q=wall&limit=100000000",
        "/api/search?q=wall&limit=abc",
        "/api/search?q=wall&offset=99999999999",
        "/api/search?q=wall&offset=-5",
        "/api/search?q=wall&since=2019-13",
        "/api/search?q=wall&since=2020&until=2019",
        "/api/search?q=wall&sort=sideways",
        "/api/search?q=wall&snippet_len=99999999",
        "/api/search?q=wall&where=nothing",
        "/api/search?q=topik:x",
        "/api/search?q=wall&index=/etc",
        "/api/search?q=wall&color=always",
        "/api/search?q=wall&bogus=1",
        "/api/search?q=wall&facets=nosuchfield",
        "/api/timeline?q=wall&by=century",
        "/api/entities?q=wall&limit=0",
        "/api/entities?q=wall&kind=animal",
        "/api/dups?max_distance=99",
        "/api/values",
        "/api/values?q=wall",
        "/api/values?field=nosuchfield",
        "/api/similar/x?limit=0",
    ] {
        server.error(target, 400);
    }
    let long = "a".repeat(5000);
    let error = server.error(&format!("/api/search?q={long}"), 400);
    assert!(error.error.contains("4096"), "{error:?}");
    let many: String = (0..11).map(|i| format!("q=w{i}&")).collect();
    server.error(&format!("/api/timeline?{many}"), 400);

    for target in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/app.js/../../Cargo.toml",
        "/src/serve/page/index.html",
        "/api/show/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/nothing",
        "/favicon.ico",
    ] {
        server.error(target, 404);
    }
    // Odd but valid queries get answers, not errors.
    for target in [
        "/api/search?q=%22unclosed+quote",
        "/api/search?q=((((wall",
        "/api/search?q=wall+AND",
        "/api/search?q=-",
        "/api/search?q=--limit%3D5",
        "/api/search?q=%00%01",
        "/api/search?q=%ff%fe",
        "/api/search?q=*",
        "/api/search?q=",
        "/api/search",
        "/api/timeline",
        "/?q=%22unclosed",
        "/?q=%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ] {
        let response = server.get(target);
        assert!(
            response.status == 200 || response.status == 400,
            "GET {target}: {} {}",
            response.status,
            response.body
        );
    }
    let page = server.get("/?q=%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    assert!(
        !page.body.contains("<script>alert(1)"),
        "query text never closes the page's script element"
    );
    let stats: wire::Stats = server.json("/api/stats");
    assert_eq!(stats.articles, 46, "still up and answering");
}

#[test]
fn serve_answers_hundreds_of_concurrent_requests() {
    let env = sample_env();
    let server = Server::start(&env);
    let targets = [
        "/api/search?q=border+wall&limit=10&facets=",
        "/api/search?q=tariffs+OR+sanctions&sort=date",
        "/api/timeline?q=immigration&q=election&by=month",
        "/api/entities?q=senate",
        "/api/stats",
        "/?q=border+wall",
    ];
    let addr = server.addr;
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..300)
            .map(|i| {
                let target = targets[i % targets.len()];
                scope.spawn(move || client::get(addr, target).map_or(0, |r| r.status))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or(0)).collect()
    });
    assert_eq!(statuses.len(), 300);
    let failed: Vec<&u16> = statuses.iter().filter(|s| **s != 200).collect();
    assert!(failed.is_empty(), "{} of 300 requests failed: {failed:?}", failed.len());
}

#[test]
fn serve_sees_a_new_commit() {
    let env = TestEnv::new();
    let corpus = repo().join("data/sample/txt");
    env.write(
        "first.txt",
        "Harbor dredging plan approved\n\nThe port authority approved the dredging plan.\n",
    );
    env.index(&env.corpus);
    let server = Server::start(&env);
    let before: wire::Stats = server.json("/api/stats");
    assert_eq!(before.articles, 1);
    env.index(&corpus);
    // The server looks for a new commit every second; give it up to a minute on a loaded machine.
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut articles = before.articles;
    while articles == before.articles && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(200));
        articles = server.json::<wire::Stats>("/api/stats").articles;
    }
    assert_eq!(
        articles, 14,
        "the server answers from the new commit (1 + 13 text articles)"
    );
    let found: wire::SearchResponse = server.json("/api/search?q=border+wall&limit=1");
    assert!(found.total > 0);
}

/// Debian's headless Chromium, or `None` with a printed reason (a failure under CI, which installs it).
fn chromium() -> Option<std::path::PathBuf> {
    let found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(std::path::PathBuf::from)
        .find(|p| p.exists());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set and chromium is absent: .ci/run installs it"
        );
        eprintln!("skipping: chromium is absent (apt-get install -y chromium)");
    }
    found
}

/// The page at `url` as Chromium leaves it: with `wait`, after its requests to the API have been answered.
fn dump_dom(browser: &std::path::Path, url: &str, wait: bool) -> String {
    let profile = tempfile::tempdir().expect("profile dir");
    let mut command = Command::new(browser);
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]);
    command.arg(format!("--user-data-dir={}", profile.path().display()));
    if wait {
        command.arg("--virtual-time-budget=15000");
    }
    let output = command.arg("--dump-dom").arg(url).output().expect("run chromium");
    assert!(
        output.status.success(),
        "chromium: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The `href`s of the elements with `class` in dumped HTML, attribute-unescaped.
fn hrefs_of(html: &str, class: &str) -> Vec<String> {
    html.split('<')
        .filter(|tag| tag.contains(&format!("class=\"{class}\"")))
        .filter_map(|tag| {
            let start = tag.find("href=\"")? + 6;
            let end = start + tag[start..].find('"')?;
            Some(tag[start..end].replace("&amp;", "&"))
        })
        .collect()
}

#[test]
fn serve_page_works_in_headless_chromium() {
    let Some(browser) = chromium() else { return };
    let env = sample_env();
    let server = Server::start(&env);
    let base = format!("http://{}", server.addr);
    let found: wire::SearchResponse = server.json("/api/search?q=border+wall&limit=20");

    // A shared link shows its hits at once.
    let html = dump_dom(&browser, &format!("{base}/?q=border+wall"), false);
    let shown = format!("class=\"open\">{}</a>", found.hits[0].headline.replace('&', "&amp;"));
    assert!(html.contains(&shown), "the first hit's headline is drawn in the page");
    assert!(html.contains("<mark>"), "highlighted snippets");

    // Once its requests are answered: the timeline drew, the entities and the facets are listed.
    let html = dump_dom(&browser, &format!("{base}/?q=border+wall"), true);
    assert!(html.contains("class=\"bar\""), "timeline bars drawn");
    assert!(html.contains("dated"), "timeline legend");
    let facet_links = hrefs_of(&html, "facet-value");
    assert!(!facet_links.is_empty(), "facet values are links");
    // A facet click sets the page's address to the link's and fetches it: the same page as opening the link.
    let person = facet_links
        .iter()
        .find(|h| h.contains("where=person"))
        .expect("a person facet");
    let html = dump_dom(&browser, &format!("{base}{person}"), true);
    let filter = person.split("where=").nth(1).expect("filter").to_owned();
    let filtered: wire::SearchResponse = server.json(&format!("/api/search?q=border+wall&where={filter}&limit=20"));
    assert!(filtered.total > 0 && filtered.total <= found.total);
    assert!(
        html.contains(&format!("of {} matching articles", filtered.total)),
        "the filtered count"
    );
    assert!(
        html.contains("class=\"chip\""),
        "the filter is shown and can be removed"
    );
    for hit in &filtered.hits {
        assert!(html.contains(&hit.headline.replace('&', "&amp;")), "{}", hit.headline);
    }

    // Several queries side by side: one line each.
    let html = dump_dom(
        &browser,
        &format!("{base}/?q=border+wall&compare=tariffs%3Bimmigration"),
        true,
    );
    assert_eq!(html.matches("class=\"series\"").count(), 3, "three timeline lines");

    // The article view with its similar articles.
    let id = encode(&found.hits[0].id);
    let html = dump_dom(&browser, &format!("{base}/?q=border+wall&article={id}"), true);
    let like: wire::SimilarResponse = server.json(&format!("/api/similar/{id}?limit=8"));
    assert!(html.contains("<h1>"), "the article is open");
    assert!(
        html.contains(&like.hits[0].headline.replace('&', "&amp;")),
        "similar articles listed"
    );

    let html = dump_dom(&browser, &format!("{base}/"), true);
    assert!(html.contains("Type a query"), "the empty page loads");
}
