//! `gplan site` in a real browser: Debian's `chromium` driven over
//! WebDriver (`chromedriver`). The index, a plan page, a body page and the
//! calendar are opened from `file://`: no console errors, no horizontal
//! scrolling at 360 px, no serious or critical axe-core violation, and the
//! search box finds Sở Nội vụ's pages from "so noi vu".
//!
//! Without chromedriver (or axe-core, which `.ci/run` installs into
//! `target/axe`), the test says why and passes, so `cargo test` works on
//! any laptop; with `GPLAN_BROWSER_TESTS=1` (set by `.ci/run`) a missing
//! browser is a failure.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use crate::site::build;

/// The flags that keep a headless Chromium from reaching for the network
/// (without them it stalls on a machine without one).
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--allow-file-access-from-files",
];

/// The phone width every page must fit without horizontal scrolling.
const PHONE: u32 = 360;

/// An executable on the PATH.
fn on_path(name: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
}

/// What the test needs, or why it cannot run.
struct Tools {
    chromedriver: PathBuf,
    chromium: Option<PathBuf>,
    axe: String,
}

fn tools() -> Result<Tools, String> {
    let chromedriver = std::env::var_os("GPLAN_CHROMEDRIVER")
        .map(PathBuf::from)
        .or_else(|| on_path("chromedriver"))
        .filter(|path| path.is_file())
        .ok_or("chromedriver is not installed (apt-get install chromium chromium-driver)")?;
    let axe_path = std::env::var_os("GPLAN_AXE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("target/axe/node_modules/axe-core/axe.min.js")
        });
    let axe = std::fs::read_to_string(&axe_path).map_err(|e| {
        format!(
            "axe-core is not at {} ({e}); .ci/run installs it with npm",
            axe_path.display()
        )
    })?;
    Ok(Tools {
        chromedriver,
        chromium: on_path("chromium"),
        axe,
    })
}

/// A chromedriver process, ended when the test ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `POST /session/{id}/se/log` (a chromedriver extension): the browser's
/// console messages since the last call.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({"type": "browser"}).to_string()),
        )
    }
}

#[test]
fn the_site_works_in_a_real_browser() {
    let required = std::env::var("GPLAN_BROWSER_TESTS").is_ok_and(|v| v == "1");
    let tools = match tools() {
        Ok(tools) => tools,
        Err(why) if required => panic!("GPLAN_BROWSER_TESTS=1 but {why}"),
        Err(why) => {
            eprintln!("skipped: {why}");
            return;
        }
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let site = dir.path().join("public");
    let (code, stderr) = build("bundled", &site, &[]);
    assert_eq!(code, 0, "{stderr}");
    // A plan with actuals (chart dots, the baseline, state badges).
    let progress = dir.path().join("progress");
    let (code, stderr) = build("tests/fixtures/site-progress", &progress, &[]);
    assert_eq!(code, 0, "{stderr}");
    let mut extra = vec![progress.join("plans/tinh_kh-30-2024.html")];
    // A target that refines its parent's, with bands and actuals: its
    // table was wider than a phone, in both languages.
    for lang in ["vi", "en"] {
        let window = dir.path().join(format!("window-{lang}"));
        let (code, stderr) = build("tests/fixtures/site-window", &window, &["--lang", lang]);
        assert_eq!(code, 0, "{stderr}");
        extra.push(window.join("plans/tinh_kh-20-2024.html"));
    }
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let _driver = Driver(
        Command::new(&tools.chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(async {
        let client = connect(port, &tools, &dir.path().join("profile")).await;
        let result = visit_pages(&client, &site, &extra, &tools.axe).await;
        let _ = client.close().await;
        if let Err(problems) = result {
            panic!("{}", problems.join("\n"));
        }
    });
}

async fn connect(port: u16, tools: &Tools, profile: &Path) -> Client {
    let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|f| (*f).to_owned()).collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    args.push("--window-size=1280,900".to_owned());
    let mut options = json!({ "args": args });
    if let Some(chromium) = &tools.chromium {
        options["binary"] = json!(chromium);
    }
    let caps: Capabilities = serde_json::from_value(json!({
        "browserName": "chrome",
        "goog:chromeOptions": options,
        "goog:loggingPrefs": { "browser": "ALL" },
    }))
    .expect("capabilities are a JSON object");
    let url = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    loop {
        let mut builder =
            ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        match builder.capabilities(caps.clone()).connect(&url).await {
            Ok(client) => return client,
            Err(e) if started.elapsed() > Duration::from_secs(30) => {
                panic!("no WebDriver session with chromedriver in 30 s: {e}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
}

/// Opens each kind of page at desktop and phone width, and `with_actuals`
/// (a plan page of another site); returns every problem found.
async fn visit_pages(
    client: &Client,
    site: &Path,
    extra: &[PathBuf],
    axe: &str,
) -> Result<(), Vec<String>> {
    let body = first_file(&site.join("bodies"), "_so-noi-vu.html");
    let plan = first_file(&site.join("plans"), ".html");
    let mut problems = Vec::new();
    let pages = [
        site.join("index.html"),
        plan,
        body,
        site.join("bodies.html"),
        site.join("calendar.html"),
    ];
    for page in pages.into_iter().chain(extra.iter().cloned()) {
        let url = format!("file://{}", page.display());
        for width in [1280, PHONE] {
            set_width(client, width).await;
            client.goto(&url).await.expect("the page opens");
            let name = format!(
                "{} at {width} px",
                page.strip_prefix(site).unwrap_or(&page).display()
            );
            problems.extend(
                console_errors(client)
                    .await
                    .into_iter()
                    .map(|e| format!("{name}: console: {e}")),
            );
            if width == PHONE {
                let wide: u64 = number(client, "return document.documentElement.scrollWidth").await;
                if wide > u64::from(PHONE) {
                    problems.push(format!("{name}: scrolls sideways ({wide} px wide)"));
                }
                problems.extend(
                    boxes_scrolling_sideways(client)
                        .await
                        .into_iter()
                        .map(|b| format!("{name}: the table of {b} scrolls sideways")),
                );
                problems.extend(
                    dates_cut(client)
                        .await
                        .into_iter()
                        .map(|d| format!("{name}: the date {d} can be cut across two lines")),
                );
            }
            problems.extend(
                audit(client, axe)
                    .await
                    .into_iter()
                    .map(|v| format!("{name}: axe: {v}")),
            );
        }
    }
    problems.extend(search(client, site).await);
    problems.extend(
        console_errors(client)
            .await
            .into_iter()
            .map(|e| format!("search: console: {e}")),
    );
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// The first file (by name) in `folder` whose name ends with `suffix`.
fn first_file(folder: &Path, suffix: &str) -> PathBuf {
    let mut names: Vec<PathBuf> = std::fs::read_dir(folder)
        .expect("a folder of the site")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    names.sort();
    names
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no *{suffix} in {}", folder.display()))
}

/// Sizes the window so the page's viewport is `width` px wide.
async fn set_width(client: &Client, width: u32) {
    client
        .set_window_size(width, 900)
        .await
        .expect("the window resizes");
    let inner: u64 = number(client, "return window.innerWidth").await;
    let outer: u64 = number(client, "return window.outerWidth").await;
    if inner != u64::from(width) && outer >= inner {
        let chrome = u32::try_from(outer - inner).unwrap_or(0);
        client
            .set_window_size(width + chrome, 900)
            .await
            .expect("the window resizes");
    }
}

/// The tables (by their captions' ids) whose box scrolls sideways: on a
/// phone, a listing is a column of cards and a table of figures fits.
async fn boxes_scrolling_sideways(client: &Client) -> Vec<String> {
    let found = client
        .execute(
            "return [...document.querySelectorAll('.table-wrap')]
                .filter(w => w.scrollWidth > w.clientWidth)
                .map(w => w.getAttribute('aria-labelledby'))",
            vec![],
        )
        .await
        .expect("the script runs");
    serde_json::from_value(found).expect("a list of ids")
}

/// The dates that can run onto a second line: an English date at the end
/// of a line was cut as "2027-" above "10-31", at some phone widths only,
/// so every date is checked for the rule that keeps it whole.
async fn dates_cut(client: &Client) -> Vec<String> {
    let found = client
        .execute(
            "return [...document.querySelectorAll('time')]
                .filter(t => t.getClientRects().length > 1
                    || getComputedStyle(t).whiteSpace !== 'nowrap')
                .map(t => t.textContent)",
            vec![],
        )
        .await
        .expect("the script runs");
    serde_json::from_value(found).expect("a list of dates")
}

async fn number(client: &Client, script: &str) -> u64 {
    let value = client
        .execute(script, vec![])
        .await
        .expect("the script runs");
    value
        .as_u64()
        .unwrap_or_else(|| panic!("`{script}` gave {value}"))
}

/// The console messages of level SEVERE since the last call.
async fn console_errors(client: &Client) -> Vec<String> {
    let log = client.issue_cmd(BrowserLog).await.expect("the browser log");
    log.as_array()
        .into_iter()
        .flatten()
        .filter(|entry| entry["level"] == "SEVERE")
        .map(|entry| entry["message"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// The serious and critical violations axe-core finds on the page.
async fn audit(client: &Client, axe: &str) -> Vec<String> {
    client.execute(axe, vec![]).await.expect("axe-core loads");
    let script = "const done = arguments[arguments.length - 1];
        axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '))))";
    let found = client
        .execute_async(script, vec![])
        .await
        .expect("axe-core runs");
    found
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| v.as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Types into the search box of the home page and returns the results'
/// texts and links.
async fn results(client: &Client, query: &str) -> Vec<(String, String)> {
    let input = client
        .find(Locator::Css("#q"))
        .await
        .expect("the search box is shown");
    input.clear().await.expect("the box clears");
    input.send_keys(query).await.expect("typing works");
    let wait = client.wait().at_most(Duration::from_secs(10));
    wait.for_element(Locator::Css("#q-count:not(:empty)"))
        .await
        .expect("results are counted");
    let found: Value = client
        .execute(
            "return [...document.querySelectorAll('#q-results a')].map(a => [a.textContent, a.getAttribute('href')])",
            vec![],
        )
        .await
        .expect("the results are read");
    serde_json::from_value(found).expect("pairs of text and link")
}

/// "so noi vu", an NFD spelling and both tone placements of "Ủy" find the
/// same pages; the body result leads to Sở Nội vụ's page.
async fn search(client: &Client, site: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    set_width(client, PHONE).await;
    client
        .goto(&format!("file://{}", site.join("index.html").display()))
        .await
        .expect("the home page opens");
    let plain = results(client, "so noi vu").await;
    if !plain
        .first()
        .is_some_and(|(_, href)| href.starts_with("bodies/"))
    {
        problems.push(format!(
            "search `so noi vu` lists the bodies after other results: {plain:?}"
        ));
    }
    let bodies: Vec<&(String, String)> = plain
        .iter()
        .filter(|(_, href)| href.starts_with("bodies/"))
        .collect();
    if !bodies
        .iter()
        .any(|(text, href)| text == "Sở Nội vụ" && href.ends_with("_so-noi-vu.html"))
    {
        problems.push(format!(
            "search `so noi vu` lists no page of Sở Nội vụ: {plain:?}"
        ));
    }
    let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Sở Nội vụ").collect();
    if results(client, &nfd).await != plain {
        problems.push("an NFD `Sở Nội vụ` finds other pages than `so noi vu`".to_owned());
    }
    if results(client, "Uỷ ban nhân dân").await != results(client, "Ủy ban nhân dân").await
    {
        problems.push("`Uỷ ban` and `Ủy ban` find different pages".to_owned());
    }
    if let Some((_, href)) = bodies.first() {
        results(client, "so noi vu").await;
        client
            .find(Locator::Css(&format!("#q-results a[href=\"{href}\"]")))
            .await
            .expect("the result is a link")
            .click()
            .await
            .expect("the link opens");
        let heading = client.find(Locator::Css("h1")).await.expect("a heading");
        if heading.text().await.expect("its text") != "Sở Nội vụ" {
            problems.push(format!(
                "the result `{href}` does not open Sở Nội vụ's page"
            ));
        }
    }
    problems
}
