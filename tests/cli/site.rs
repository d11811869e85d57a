//! `gplan site` without a browser: every page of the sites built from the
//! bundled plans and from examples/quickstart is parsed; every link and
//! asset resolves, every page has one h1, a language and the landmarks;
//! the feeds parse with an independent iCalendar parser and every event
//! has its reminder; two builds are byte-identical.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use scraper::{Html, Selector};

/// The day every site in these tests is built as of.
pub const TODAY: &str = "2026-11-28";

/// The repository of a site: the bundled plans, or an example.
pub fn repo(which: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    match which {
        "bundled" => root,
        other => root.join(other),
    }
}

/// Builds the site of `which` into `out` with extra arguments; returns
/// the exit code and stderr.
pub fn build(which: &str, out: &Path, extra: &[&str]) -> (i32, String) {
    build_on(TODAY, which, out, extra)
}

/// Like [`build`], as of another day.
fn build_on(today: &str, which: &str, out: &Path, extra: &[&str]) -> (i32, String) {
    let output = Command::cargo_bin("gplan")
        .expect("the gplan binary is built")
        .env_remove("GPLAN_TODAY")
        .env("NO_COLOR", "1")
        .args(["--today", today, "--repo"])
        .arg(repo(which))
        .arg("site")
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .expect("gplan runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Every file of a site, by path relative to its root, with its bytes.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut folders = vec![root.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).expect("a readable folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let relative = path.strip_prefix(root).expect("inside the site");
                let key = relative.to_string_lossy().replace('\\', "/");
                out.insert(key, fs::read(&path).expect("a readable file"));
            }
        }
    }
    out
}

fn select(selector: &str) -> Selector {
    Selector::parse(selector).expect("a valid selector")
}

/// Where a relative link from `page` leads, and its fragment.
fn resolve(page: &str, href: &str) -> (String, String) {
    let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
    if path.is_empty() {
        return (page.to_owned(), fragment.to_owned());
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            ".." => {
                assert!(parts.pop().is_some(), "{page}: `{href}` leaves the site");
            }
            "." => {}
            part => parts.push(part),
        }
    }
    (parts.join("/"), fragment.to_owned())
}

/// Checks every page of the site in `root` and returns the pages reached
/// from index.html by following links.
fn check_pages(root: &Path, lang: &str) -> BTreeMap<String, Vec<u8>> {
    let all = files(root);
    let pages: BTreeMap<&String, Html> = all
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, Html::parse_document(&String::from_utf8_lossy(bytes))))
        .collect();
    assert!(pages.len() >= 4, "index, bodies, calendar and plan pages");
    let labels = column_labels(&String::from_utf8_lossy(&all["assets/labels.css"]));
    let mut links: BTreeMap<&String, Vec<String>> = BTreeMap::new();
    for (path, html) in &pages {
        let text = String::from_utf8_lossy(&all[*path]);
        assert!(text.starts_with("<!DOCTYPE html>\n"), "{path}: no doctype");
        assert!(
            html.errors.is_empty(),
            "{path}: not valid HTML: {:?}",
            html.errors
        );
        let root_element = html
            .select(&select("html"))
            .next()
            .expect("an html element");
        assert_eq!(root_element.value().attr("lang"), Some(lang), "{path}");
        assert_eq!(html.select(&select("h1")).count(), 1, "{path}: one h1");
        for landmark in ["header", "nav", "main#main", "footer"] {
            assert!(
                html.select(&select(landmark)).next().is_some(),
                "{path}: no {landmark}"
            );
        }
        for table in html.select(&select("table")) {
            let caption = table.select(&select("caption")).next();
            assert!(
                caption.is_some_and(|c| !c.text().collect::<String>().trim().is_empty()),
                "{path}: table without caption"
            );
            assert!(
                table.select(&select("th")).next().is_some(),
                "{path}: table without headers"
            );
            check_cards_are_named(path, table, &labels);
        }
        let ids: Vec<&str> = html
            .select(&select("[id]"))
            .filter_map(|e| e.value().attr("id"))
            .collect();
        let unique: BTreeSet<&str> = ids.iter().copied().collect();
        assert_eq!(ids.len(), unique.len(), "{path}: duplicate ids");
        for element in html.select(&select("a[href], link[href], script[src]")) {
            let href = element
                .value()
                .attr("href")
                .or(element.value().attr("src"))
                .unwrap_or_default();
            assert!(
                !href.contains(':') && !href.starts_with('/'),
                "{path}: `{href}` is not a relative link"
            );
            let (target, fragment) = resolve(path, href);
            assert!(all.contains_key(&target), "{path}: `{href}` leads nowhere");
            if !fragment.is_empty() {
                let page = &pages[&target];
                let id = format!("[id=\"{fragment}\"]");
                assert!(
                    page.select(&select(&id)).next().is_some(),
                    "{path}: `{href}` has no such anchor"
                );
            }
            links.entry(path).or_default().push(target);
        }
    }
    let mut reached = BTreeSet::from(["index.html".to_owned()]);
    let mut queue = vec!["index.html".to_owned()];
    while let Some(page) = queue.pop() {
        let key = all
            .keys()
            .find(|k| **k == page)
            .expect("a page of the site");
        for target in links.get(key).into_iter().flatten() {
            if target.ends_with(".html") && reached.insert(target.clone()) {
                queue.push(target.clone());
            }
        }
    }
    let html_files: BTreeSet<String> = pages.keys().map(|p| (*p).clone()).collect();
    assert_eq!(reached, html_files, "every page is reached from index.html");
    all
}

/// The column names `assets/labels.css` shows above the cells of a long
/// listing on a phone: (the table's class, the column from 1) → name.
fn column_labels(css: &str) -> BTreeMap<(String, usize), String> {
    let mut labels = BTreeMap::new();
    for line in css.lines() {
        let Some(rule) = line.trim().strip_prefix('.') else {
            continue;
        };
        let (table, rest) = rule.split_once(" td:nth-child(").expect("a column rule");
        let (column, rest) = rest.split_once(")::before { content: \"").expect("a name");
        let name = rest.strip_suffix("\"; }").expect("one name per rule");
        let column = column.parse().expect("a column number");
        labels.insert((table.to_owned(), column), name.to_owned());
    }
    labels
}

/// On a phone a card table's rows are cards, each cell under its column's
/// name: every cell of `table` is named (on the cell, or by the labels of
/// its table's class), with its column header's words.
fn check_cards_are_named(
    path: &str,
    table: scraper::ElementRef,
    labels: &BTreeMap<(String, usize), String>,
) {
    let classes: Vec<&str> = table.value().classes().collect();
    if !classes.contains(&"cards") {
        return;
    }
    let headers: Vec<String> = table
        .select(&select("thead th"))
        .map(|th| th.text().collect::<String>().trim().to_owned())
        .collect();
    for row in table.select(&select("tbody tr")) {
        let cells = row.children().filter_map(scraper::ElementRef::wrap);
        for (column, cell) in (1..).zip(cells) {
            if cell.value().name() == "th" {
                continue;
            }
            let header = &headers[column - 1];
            let name = cell
                .value()
                .attr("data-label")
                .map(str::to_owned)
                .or_else(|| {
                    classes
                        .iter()
                        .find_map(|class| labels.get(&((*class).to_owned(), column)).cloned())
                });
            assert_eq!(
                name.as_ref(),
                Some(header),
                "{path}: column {column} of {classes:?}"
            );
        }
    }
}

/// Every feed parses with the `ical` crate and each event has a reminder
/// 7 days before; returns the number of events.
fn check_feeds(all: &BTreeMap<String, Vec<u8>>) -> usize {
    let mut events = 0;
    let feeds: Vec<&String> = all.keys().filter(|p| p.ends_with(".ics")).collect();
    assert!(feeds.iter().any(|p| *p == "gplan.ics"));
    assert!(feeds.len() > 1, "one feed per body too");
    for path in feeds {
        let bytes = &all[path];
        let text = String::from_utf8_lossy(bytes);
        assert!(
            text.lines().all(|l| l.len() <= 76),
            "{path}: lines folded at 75 octets"
        );
        let mut parser = ical::IcalParser::new(BufReader::new(bytes.as_slice()));
        let calendar = parser
            .next()
            .expect("one calendar")
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(parser.next().is_none(), "{path}: one calendar");
        for event in &calendar.events {
            events += 1;
            let delivered = event.properties.iter().any(|p| {
                p.name == "SUMMARY" && p.value.as_deref().is_some_and(|v| v.starts_with("✓ "))
            });
            assert_eq!(
                event.alarms.len(),
                usize::from(!delivered),
                "{path}: a reminder for each event not delivered, none for one delivered"
            );
            if let Some(alarm) = event.alarms.first() {
                let trigger = alarm.properties.iter().find(|p| p.name == "TRIGGER");
                assert_eq!(
                    trigger.and_then(|p| p.value.as_deref()),
                    Some("-P7D"),
                    "{path}"
                );
            }
            let uid = event.properties.iter().find(|p| p.name == "UID");
            assert!(uid.is_some(), "{path}: an event without UID");
        }
    }
    events
}

#[test]
fn the_bundled_plans_make_a_site_whose_links_pages_and_feeds_hold() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("public");
    let (code, stderr) = build("bundled", &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    let all = check_pages(&out, "vi");
    assert!(
        check_feeds(&all) > 0,
        "the bundled plans have deadlines after {TODAY}"
    );
    let index = String::from_utf8_lossy(&all["index.html"]);
    for word in [
        "Quá hạn",
        "Sắp đến hạn",
        "Chủ trì",
        "Phối hợp",
        "15/11/2026",
    ] {
        assert!(index.contains(word), "index.html lacks `{word}`");
    }
    let search = String::from_utf8_lossy(&all["assets/search-index.js"]);
    assert!(search.starts_with("window.GPLAN_SEARCH = ["));
    assert!(
        search.contains("\"so noi vu hung yen\""),
        "Sở Nội vụ of Hưng Yên is searchable"
    );
    // A body is found by its aliases in the registry, but not by one that
    // names another province's department.
    assert!(
        search.contains("\"so cong thuong phu tho so cong thuong tinh phu tho"),
        "{search}"
    );
    assert!(search.contains("\"so cong thuong hung yen\""), "{search}");
}

#[test]
fn the_quickstart_makes_a_site_in_english_too() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (lang, word) in [("vi", "Quá hạn"), ("en", "Overdue")] {
        let out = dir.path().join(lang);
        // The quickstart's plan is of 2023: its bodies owe duties then.
        let (code, stderr) = build_on("2023-06-01", "examples/quickstart", &out, &["--lang", lang]);
        assert_eq!(code, 0, "{stderr}");
        let all = check_pages(&out, lang);
        check_feeds(&all);
        assert!(String::from_utf8_lossy(&all["index.html"]).contains(word));
    }
}

#[test]
fn two_builds_are_byte_identical_whatever_the_threads() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let one = dir.path().join("one");
    let two = dir.path().join("two");
    assert_eq!(build("bundled", &one, &[]).0, 0);
    let output = Command::cargo_bin("gplan")
        .expect("the gplan binary is built")
        .env("RAYON_NUM_THREADS", "1")
        .args(["--today", TODAY, "--repo"])
        .arg(repo("bundled"))
        .arg("site")
        .arg("--out")
        .arg(&two)
        .output()
        .expect("gplan runs");
    assert!(output.status.success());
    assert_eq!(files(&one), files(&two));
}

#[test]
fn a_rebuild_replaces_the_site_and_a_folder_of_other_files_is_refused() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("public");
    assert_eq!(build("bundled", &out, &[]).0, 0);
    let (code, stderr) = build("examples/quickstart", &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        !out.join("plans/hung-yen_kh-53-2022.html").exists(),
        "pages of the old site are removed"
    );
    check_pages(&out, "vi");
    let mine = dir.path().join("mine");
    fs::create_dir(&mine).expect("a folder");
    fs::write(mine.join("notes.txt"), "keep me").expect("written");
    let (code, stderr) = build("bundled", &mine, &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("holds files gplan did not write"),
        "{stderr}"
    );
    assert_eq!(
        files(&mine).len(),
        1,
        "nothing written beside the user's file"
    );
}

#[test]
fn base_url_links_feed_events_to_pages_and_a_bad_one_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("public");
    let (code, stderr) = build(
        "bundled",
        &out,
        &["--base-url", "https://example.org/plans/"],
    );
    assert_eq!(code, 0, "{stderr}");
    let feed = fs::read_to_string(out.join("gplan.ics")).expect("the feed");
    assert!(
        feed.contains("URL:https://example.org/plans/plans/"),
        "{feed}"
    );
    let (code, stderr) = build(
        "bundled",
        &dir.path().join("x"),
        &["--base-url", "example.org"],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(!dir.path().join("x").exists());
}

#[test]
fn ci_recipes_build_the_site_and_publish_it_on_pages() {
    let read = |path: &str| {
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("a recipe")
    };
    let github = read("examples/ci/github-actions.yml");
    for needle in [
        "gplan site --out public --base-url",
        "actions/configure-pages@",
        "actions/upload-pages-artifact@",
        "path: public",
        "actions/deploy-pages@",
        "pages: write",
        "id-token: write",
        "cron:",
    ] {
        assert!(
            github.contains(needle),
            "github-actions.yml lacks `{needle}`"
        );
    }
    let gitlab = read("examples/ci/gitlab-ci.yml");
    for needle in [
        "\npages:\n",
        "gplan site --out public --base-url \"$CI_PAGES_URL\"",
        "      - public\n",
    ] {
        assert!(gitlab.contains(needle), "gitlab-ci.yml lacks `{needle}`");
    }
}

/// The text of the elements `selector` picks in a page, joined, with runs
/// of white space as one space.
fn text_of(page: &str, selector: &str) -> Vec<String> {
    Html::parse_document(page)
        .select(&select(selector))
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The texts of the cells in the column headed `header` of the rows
/// `rows` picks, as [`text_of`] gives them.
fn column(page: &str, rows: &str, header: &str) -> Vec<String> {
    let html = Html::parse_document(page);
    html.select(&select(rows))
        .map(|row| {
            let table = row
                .ancestors()
                .filter_map(scraper::ElementRef::wrap)
                .find(|e| e.value().name() == "table")
                .expect("a row of a table");
            let at = table
                .select(&select("thead th"))
                .position(|th| th.text().collect::<String>().trim() == header)
                .unwrap_or_else(|| panic!("no column {header}"));
            let cell = row
                .children()
                .filter_map(scraper::ElementRef::wrap)
                .nth(at)
                .expect("a cell in each column");
            let text = cell.text().collect::<String>();
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

/// The rows of the tables `selector` picks, each as its cells' texts
/// joined with ` | `.
fn rows_of(page: &str, selector: &str) -> Vec<String> {
    let html = Html::parse_document(page);
    let cells = select("th, td");
    html.select(&select(selector))
        .map(|row| {
            row.select(&cells)
                .map(|c| {
                    c.text()
                        .collect::<String>()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect()
}

#[test]
fn outside_documents_are_in_the_tree_and_the_ancestry_marked_outside() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("public");
    assert_eq!(build("bundled", &out, &[]).0, 0);
    let index = fs::read_to_string(out.join("index.html")).expect("the home page");
    let tree = text_of(&index, "#tree + ul.tree > li");
    assert!(
        tree.contains(
            &"28/NQ-CP Nghị quyết ban hành Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 – 2030 (ngoài kho)".to_owned()
        ),
        "{tree:#?}"
    );
    let page =
        fs::read_to_string(out.join("plans/ho-chi-minh_kh-174-2025.html")).expect("a plan page");
    let ancestry = text_of(&page, "#ancestry + ul.tree > li");
    assert_eq!(
        ancestry.first().map(String::as_str),
        Some("28/NQ-CP Nghị quyết ban hành Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 – 2030 — Chính phủ, 03/03/2021 (ngoài kho)"),
        "{ancestry:#?}"
    );
}

/// Regression: two bodies in one role of a task, neither with a page of
/// its own (their duties ended long ago), were shown as one name, because
/// a row's bodies were told apart by their pages' addresses alone.
#[test]
fn a_body_page_names_the_group_a_duty_reaches_it_through() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("site");
    assert_eq!(build("bundled", &out, &[]).0, 0);
    let page = fs::read_to_string(out.join("bodies/hung-yen_so-cong-thuong.html")).expect("a page");
    let roles = column(&page, "table.duties tbody tr", "Vai trò");
    let group =
        "Là thành viên của Các sở, ban, ngành, đơn vị sự nghiệp trực thuộc Ủy ban nhân dân tỉnh";
    assert!(
        roles
            .iter()
            .any(|r| r.starts_with("Chủ trì") && r.ends_with(group)),
        "{roles:?}"
    );
}

#[test]
fn a_dissolved_body_page_says_when_and_links_the_bodies_that_took_its_duties() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("site");
    assert_eq!(build_on("2025-11-20", "bundled", &out, &[]).0, 0);
    let page =
        fs::read_to_string(out.join("bodies/hung-yen_so-lao-dong-thuong-binh-va-xa-hoi.html"))
            .expect("a page");
    assert_eq!(
        text_of(&page, "p.dissolved"),
        [
            "Đã giải thể từ ngày 01/03/2025; nhiệm vụ chuyển cho Sở Nội vụ, Sở Y tế (trẻ em; \
          bảo trợ xã hội; phòng, chống tệ nạn xã hội), Sở Giáo dục và Đào tạo (giáo dục nghề \
          nghiệp), Sở Nông nghiệp và Môi trường (giảm nghèo), Công an tỉnh (cai nghiện ma túy)."
        ]
    );
    let links = Html::parse_document(&page);
    let hrefs: Vec<&str> = links
        .select(&select("p.dissolved a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(hrefs[0], "../bodies/hung-yen_so-noi-vu.html");
    let still = fs::read_to_string(out.join("bodies/hung-yen_so-noi-vu.html")).expect("a page");
    assert!(text_of(&still, "p.dissolved").is_empty());
}

#[test]
fn the_list_of_bodies_counts_the_overdue_deadlines_each_body_page_marks() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("site");
    assert_eq!(build("bundled", &out, &[]).0, 0);
    let list =
        Html::parse_document(&fs::read_to_string(out.join("bodies.html")).expect("the list"));
    let mut overdue_somewhere = 0;
    for row in list.select(&select("tbody tr")) {
        let href = row
            .select(&select("th a"))
            .find_map(|a| a.value().attr("href"))
            .expect("a link to the body's page");
        let count: usize = row
            .select(&select("td[data-label=\"Quá hạn\"]"))
            .map(|td| {
                td.text()
                    .collect::<String>()
                    .trim()
                    .parse::<usize>()
                    .expect("a count")
            })
            .sum();
        let page = fs::read_to_string(out.join(href)).expect("the body's page");
        let marked = page
            .matches("<span class=\"badge late\">Quá hạn</span>")
            .count();
        assert_eq!(count, marked, "{href}");
        overdue_somewhere += count;
    }
    assert!(
        overdue_somewhere > 0,
        "the bundled plans have overdue deadlines"
    );
}

#[test]
fn two_bodies_without_pages_stay_two_names_on_a_task_row() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("public");
    let (code, stderr) = build_on("2040-01-01", "bundled", &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        !out.join("bodies").exists()
            || fs::read_dir(out.join("bodies"))
                .expect("a folder")
                .all(|e| !e
                    .expect("an entry")
                    .path()
                    .to_string_lossy()
                    .contains("so-tu-phap")),
        "Sở Tư pháp owes nothing in 2040: no page"
    );
    let page = fs::read_to_string(out.join("plans/hung-yen_kh-53-2022.html")).expect("a plan page");
    let support = column(&page, "#task-stp-van-ban-qppl", "Phối hợp");
    assert_eq!(
        support,
        ["Sở Tư pháp; Các cơ quan, đơn vị có liên quan"],
        "both bodies, each once, in the plan's order"
    );
}

/// A target per group with a baseline, and a target of one figure, with
/// actuals from a progress file: the table has the actuals group by group,
/// the chart a dot per actual and the baseline, and the target its state.
#[test]
fn actuals_are_drawn_against_milestones_and_the_baseline_group_by_group() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("public");
    let (code, stderr) = build_on("2025-06-01", "tests/fixtures/site-progress", &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    check_pages(&out, "vi");
    let page = fs::read_to_string(out.join("plans/tinh_kh-30-2024.html")).expect("a plan page");
    let grouped = "#target-hoan-thanh-tieu-hoc";
    assert_eq!(
        rows_of(&page, &format!("{grouped} tbody tr")),
        [
            "2024 (nam) | — | 71%",
            "2024 (nữ) | — | 80%",
            "2026 (nam) | 90% | —",
            "2026 (nữ) | 92% | —"
        ]
    );
    assert_eq!(
        text_of(&page, &format!("{grouped} caption .badge")),
        ["Chậm tiến độ"],
        "the boys are behind the line from the baseline: the target takes its worst group's state"
    );
    assert_eq!(
        text_of(&page, &format!("{grouped} svg text.actual-label")),
        ["71%", "80%"],
        "a chart's figures carry their %"
    );
    assert_eq!(text_of(&page, &format!("{grouped} svg line.base")).len(), 1);
    assert_eq!(
        text_of(&page, &format!("{grouped} p.hint")),
        ["Giá trị cơ sở: 70% (2023)"]
    );
    let single = "#target-mot-chi-tieu";
    assert_eq!(
        rows_of(&page, &format!("{single} tbody tr")),
        ["2025 | 50% | 55%", "2026 | 60% | —"]
    );
    assert_eq!(
        text_of(&page, &format!("{single} caption .badge")),
        ["Đã đạt"]
    );
    let times = "#target-so-lan";
    assert_eq!(
        text_of(&page, &format!("{times} svg text:not(.tick)")),
        ["2", "1,7"],
        "a longer unit stays off the bars"
    );
    assert_eq!(
        text_of(&page, &format!("{times} figcaption")),
        ["Kế hoạch này · Đơn vị: lần"]
    );
}

/// A target of one figure has no chart: a lone bar only repeated the
/// table above it, and a plan of twenty such targets was a long column of
/// bars.
#[test]
fn a_target_of_one_figure_has_its_table_and_no_chart() {
    let (_dir, out) = bundled_site();
    let page =
        fs::read_to_string(out.join("plans/phu-tho_kh-btg-2016-2020.html")).expect("a plan page");
    assert!(!text_of(&page, "section.target table").is_empty());
    assert_eq!(text_of(&page, "figure.chart").len(), 0, "one figure each");
    let page = fs::read_to_string(out.join("plans/hung-yen_kh-53-2022.html")).expect("a plan page");
    assert_eq!(text_of(&page, "figure.chart").len(), 3, "two years each");
    assert_eq!(
        text_of(&page, "nav.toc li"),
        ["Văn bản cấp trên", "Chỉ tiêu 3", "Nhiệm vụ 30"],
        "the tasks under many targets are reached from the top"
    );
}

/// The reports of the progress files: a duty delivered (late) is not
/// overdue, one delivered ahead of time is not due soon, and the feeds mark
/// it delivered, without a reminder.
#[test]
fn delivered_duties_are_neither_overdue_nor_due_soon_and_marked_in_the_feeds() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("public");
    let (code, stderr) = build_on("2025-06-01", "tests/fixtures/site-progress", &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    let home = fs::read_to_string(out.join("index.html")).expect("the home page");
    assert_eq!(
        rows_of(&home, "section[aria-labelledby=overdue] tbody tr"),
        ["31/03/2025 | Tổng hợp số liệu thống kê giới | 30/KH-TEST | Sở Nội vụ | —"],
        "the late review was delivered; the statistics were not"
    );
    assert_eq!(
        rows_of(&home, "section[aria-labelledby=soon] tbody tr"),
        Vec::<String>::new(),
        "the training was delivered ahead of its deadline"
    );
    for feed in ["gplan.ics", "bodies/lai-chau_so-noi-vu.ics"] {
        let text = fs::read_to_string(out.join(feed)).expect("a feed");
        let event = text
            .split("BEGIN:VEVENT")
            .find(|e| e.contains("UID:tinh/kh-30-2024#tap-huan/2025-06-20"))
            .unwrap_or_else(|| panic!("{feed} has the training"));
        let unfolded = event.replace("\r\n ", "");
        assert!(
            unfolded.contains("SUMMARY:✓ Tập huấn cho cán bộ làm công tác bình đẳng giới\r\n"),
            "{feed}: {event}"
        );
        assert!(
            unfolded.contains("Đã hoàn thành: 28/05/2025"),
            "{feed}: {event}"
        );
        assert!(!event.contains("BEGIN:VALARM"), "{feed}: {event}");
        assert!(text.contains("PRODID:-//gplan//gplan "), "{feed}");
    }
}

/// A duty given to a group names the group on its task row; each member's
/// share is on the member's own page, not listed in the row.
#[test]
fn a_group_duty_names_the_group_not_every_member() {
    let (_dir, out) = bundled_site();
    let page = fs::read_to_string(out.join("plans/hung-yen_kh-53-2022.html")).expect("a plan page");
    assert_eq!(
        column(&page, "#task-bao-cao-hang-nam", "Chủ trì"),
        ["Các sở, ban, ngành, đơn vị sự nghiệp trực thuộc Ủy ban nhân dân tỉnh; Ủy ban nhân dân các huyện, thành phố; Ủy ban nhân dân các xã, phường, đặc khu (Kế thừa từ Ủy ban nhân dân các huyện, thành phố)"]
    );
}

/// Bodies a plan asks to take part but cannot direct ("Đề nghị …") are
/// named on the task's row in the order the plan names them, and the role
/// has its word on their own pages (it showed as the catalogue's key,
/// `role_requested`).
#[test]
fn requested_bodies_are_named_on_the_task_and_their_role_has_a_word() {
    let (_dir, out) = bundled_site();
    let page = fs::read_to_string(out.join("plans/hung-yen_kh-53-2022.html")).expect("a plan page");
    assert_eq!(
        text_of(&page, "#task-mttq-phoi-hop-long-ghep td:nth-child(2) .hint"),
        ["Đề nghị: Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh; Các tổ chức chính trị - xã hội"]
    );
    let body =
        fs::read_to_string(out.join("bodies/hung-yen_uy-ban-mat-tran-to-quoc-viet-nam-tinh.html"))
            .expect("a body page");
    let roles = column(&body, "table.duties tbody tr", "Vai trò");
    assert!(roles.iter().any(|r| r == "Đề nghị"), "{roles:?}");
    assert!(!body.contains("role_requested"));
}

/// The bundled plans' site, built into a temporary folder (kept while the
/// first value lives), and where it is.
fn bundled_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("public");
    let (code, stderr) = build("bundled", &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    (dir, out)
}

/// The home page says "the last 12 months"; a yearly duty missed every
/// year since 2021 was listed year after year among them.
#[test]
fn the_home_page_lists_the_overdue_deadlines_of_the_last_12_months_only() {
    let (_dir, out) = bundled_site();
    let home = fs::read_to_string(out.join("index.html")).expect("the home page");
    let html = Html::parse_document(&home);
    let days: Vec<&str> = html
        .select(&select("section[aria-labelledby=overdue] td.date > time"))
        .filter_map(|t| t.value().attr("datetime"))
        .collect();
    assert!(!days.is_empty());
    assert!(days.iter().all(|d| *d >= "2025-11-28"), "{days:?}");
    assert_eq!(text_of(&home, "#overdue .count"), [days.len().to_string()]);
    assert_eq!(
        text_of(&home, "nav.toc li"),
        [
            format!("Quá hạn {}", days.len()),
            "Sắp đến hạn 0".to_owned(),
            "Số liệu theo tỉnh, thành phố".to_owned(),
            "Cây kế hoạch".to_owned()
        ],
        "the sections under a long list are reached from the top"
    );
}

/// A plan without a number is named by its title wherever a page or a
/// search result names it: its id (`phu-tho/kh-btg-2016-2020`) is no word
/// a reader knows.
#[test]
fn a_plan_without_a_number_is_named_by_its_title_not_its_id() {
    let (_dir, out) = bundled_site();
    let title = "Kế hoạch thực hiện Chương trình hành động Quốc gia về bình đẳng giới tại tỉnh Phú Thọ giai đoạn 2016- 2020";
    let home = fs::read_to_string(out.join("index.html")).expect("the home page");
    let tree = text_of(&home, "#tree + ul.tree > li");
    assert!(tree.contains(&title.to_owned()), "{tree:#?}");
    let page =
        fs::read_to_string(out.join("plans/phu-tho_kh-btg-2016-2020.html")).expect("a plan page");
    assert_eq!(
        text_of(&page, "title"),
        [format!("{title} · Kế hoạch và thời hạn")]
    );
    let ids = [
        "phu-tho/kh-btg-2016-2020",
        "khong-ro-tinh/so-ngoai-vu-thang-hanh-dong-2020",
    ];
    for (path, bytes) in files(&out) {
        let text = String::from_utf8_lossy(&bytes);
        let shown = if path.ends_with(".html") {
            text_of(&text, "body").join(" ")
        } else if path.ends_with("search-index.js") {
            text.into_owned()
        } else {
            continue;
        };
        for id in ids {
            let file = format!("plans/{id}.toml");
            assert!(
                !shown.replace(&file, "").contains(id),
                "{path} shows the id {id}"
            );
        }
    }
    let index = fs::read_to_string(out.join("assets/search-index.js")).expect("the index");
    assert!(
        index.contains(&format!(
            r#"["plan","{title}","Phú Thọ","plans/phu-tho_kh-btg-2016-2020.html""#
        )),
        "a plan's result names its province when it has no number"
    );
}

/// A body's page shows its overdue deadlines, first, as the home page
/// counts them (it showed the next deadline only: Sở Nội vụ's page did
/// not say that last year's report was missing); a duty whose deadlines
/// have all passed, answered, says when the last was, and when it was
/// delivered if that was late.
#[test]
fn a_body_page_puts_its_overdue_duties_first_and_dates_the_passed_ones() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("public");
    let (code, stderr) = build_on("2025-06-01", "tests/fixtures/site-progress", &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    let body = fs::read_to_string(out.join("bodies/lai-chau_so-noi-vu.html")).expect("a page");
    assert_eq!(
        rows_of(&body, "tbody tr"),
        [
            "Đã qua hết Quá hạn 31/03/2025 | Chủ trì | Tổng hợp số liệu thống kê giới | 30/KH-TEST | ngày 31/03/2025",
            "20/06/2025 Đã hoàn thành 28/05/2025 | Chủ trì | Tập huấn cho cán bộ làm công tác bình đẳng giới | 30/KH-TEST | ngày 20/06/2025",
            "15/12/2026 | Chủ trì | Báo cáo kết quả thực hiện | 30/KH-TEST | ngày 15/12/2026",
            "Đã qua hết hạn cuối 31/12/2024 Đã hoàn thành 10/01/2025 (trễ hạn) | Chủ trì | Sơ kết việc thực hiện Kế hoạch | 30/KH-TEST | ngày 31/12/2024",
        ],
        "the statistics are overdue; the review was delivered, late; the training ahead of time"
    );
    let (_dir, out) = bundled_site();
    let body = fs::read_to_string(out.join("bodies/hung-yen_so-noi-vu.html")).expect("a page");
    let firsts: Vec<String> = text_of(&body, "tbody tr td:first-child");
    assert_eq!(
        firsts[..3],
        [
            "31/12/2026 Quá hạn 31/12/2025",
            "31/12/2026 Quá hạn 31/12/2025",
            "31/12/2026 Quá hạn 31/12/2025"
        ]
    );
}

/// The plan a body issued is on its page, last and without a deadline:
/// it read "Thường xuyên" (ongoing) among the duties, and the list of
/// bodies counted it as one.
/// Duties of one plan that stand alike on a body's page (the same next
/// deadline, or all ongoing) keep the order of `gplan owners`: the body's
/// role (Chủ trì first), then the task's id.
#[test]
fn duties_that_stand_alike_keep_the_order_of_owners() {
    let (_dir, out) = bundled_site();
    let roles = ["Chủ trì", "Phối hợp", "Đề nghị", "Nhận báo cáo", "Ban hành"];
    let mut compared = 0;
    for entry in fs::read_dir(out.join("bodies")).expect("the bodies' pages") {
        let path = entry.expect("an entry").path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = fs::read_to_string(&path).expect("a page");
        let html = Html::parse_document(&page);
        let mut before: Option<(String, String, usize, String)> = None;
        for row in html.select(&select("table.duties tbody tr")) {
            let cells: Vec<_> = row.select(&select("td")).collect();
            let standing = cells[0].text().collect::<String>();
            let role = cells[1].text().next().unwrap_or_default().to_owned();
            let rank = roles
                .iter()
                .position(|r| *r == role)
                .expect("a role's word");
            let (plan, task) = cells[2]
                .select(&select("a"))
                .find_map(|a| a.value().attr("href"))
                .and_then(|href| href.split_once("#task-"))
                .map_or((String::new(), String::new()), |(p, t)| {
                    (p.into(), t.into())
                });
            let this = (standing, plan, rank, task);
            if let Some(last) = before.replace(this.clone()) {
                if (&last.0, &last.1) == (&this.0, &this.1) && !this.1.is_empty() {
                    compared += 1;
                    assert!(
                        (last.2, &last.3) <= (this.2, &this.3),
                        "{}: {last:?} before {this:?}",
                        path.display()
                    );
                }
            }
        }
    }
    assert!(compared >= 10, "only {compared} pairs of rows stand alike");
}

#[test]
fn a_plan_issued_is_listed_last_on_its_issuer_page_and_is_no_duty() {
    let (_dir, out) = bundled_site();
    let body = fs::read_to_string(out.join("bodies/hung-yen_uy-ban-nhan-dan-tinh.html"))
        .expect("the page of the plan's issuer");
    let rows = rows_of(&body, "tbody tr");
    assert_eq!(rows.len(), 4, "{rows:#?}");
    assert_eq!(rows[3], "— | Ban hành | — | 53/KH-UBND | —");
    assert!(
        rows[..3].iter().all(|r| r.contains("| Nhận báo cáo |")),
        "{rows:#?}"
    );
    let list = fs::read_to_string(out.join("bodies.html")).expect("the list of bodies");
    let counts = rows_of(
        &list,
        "tr:has(a[href='bodies/hung-yen_uy-ban-nhan-dan-tinh.html'])",
    );
    assert!(
        counts[0].starts_with("Ủy ban nhân dân tỉnh | 0 | 0 | 3 | "),
        "three reports to receive, the plan issued is not one: {counts:?}"
    );
}

/// A site whose bodies owe nothing any more says so on the list of
/// bodies, instead of showing a heading over nothing.
#[test]
fn an_empty_list_of_bodies_says_why() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("public");
    assert_eq!(build("examples/quickstart", &out, &[]).0, 0);
    let list = fs::read_to_string(out.join("bodies.html")).expect("the list of bodies");
    assert_eq!(
        text_of(&list, "main p").last().map(String::as_str),
        Some("Chưa có cơ quan nào có việc phải làm từ 12 tháng trước đến nay. Các việc cũ hơn được liệt kê ở trang của từng kế hoạch.")
    );
}

/// The calendar has a section for each month with deadlines only; the
/// others are named, unlinked, with their 0, and a year without any says
/// so once (twelve headings over "no deadline" said nothing).
#[test]
fn the_calendar_shows_the_months_with_deadlines_only() {
    let (_dir, out) = bundled_site();
    let calendar = fs::read_to_string(out.join("calendar.html")).expect("the calendar");
    assert_eq!(
        text_of(&calendar, "main h2"),
        ["Tháng 12/2026", "Tháng 11/2027"]
    );
    assert_eq!(
        text_of(&calendar, "nav.months a"),
        ["Tháng 12/2026", "Tháng 11/2027"]
    );
    assert_eq!(
        text_of(&calendar, "nav.months li").len(),
        13,
        "28/11/2026 to 27/11/2027"
    );
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("public");
    assert_eq!(build("examples/quickstart", &out, &[]).0, 0);
    let calendar = fs::read_to_string(out.join("calendar.html")).expect("the calendar");
    assert_eq!(text_of(&calendar, "main h2").len(), 0);
    assert_eq!(
        text_of(&calendar, "main > p").last().map(String::as_str),
        Some("Không có thời hạn nào trong 12 tháng tới.")
    );
}

/// A qualitative target ("… from 2025 on") has no figures: its table had
/// a header over no row, under "(ít nhất)". It has a row for its year that
/// says what is to be reached, and no direction.
#[test]
fn a_qualitative_target_says_what_is_to_be_reached_by_its_year() {
    let (_dir, out) = bundled_site();
    let page =
        fs::read_to_string(out.join("plans/ho-chi-minh_kh-174-2025.html")).expect("a plan page");
    let target = "#target-noi-dung-gioi-trong-chuong-trinh";
    assert_eq!(
        rows_of(&page, &format!("{target} tbody tr")),
        ["2025 | Hoàn thành (chỉ tiêu định tính)"]
    );
    assert_eq!(text_of(&page, &format!("{target} caption .hint")).len(), 0);
}

/// A plan's task rows say where each task stands, in the words and badges
/// of a body's page: they showed the next deadline only, so a deadline
/// the home page counted overdue, a report delivered ahead of time and one
/// delivered late were nowhere on the plan's page.
#[test]
fn a_plan_page_says_which_deadlines_are_overdue_delivered_or_late() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("public");
    let (code, stderr) = build_on("2025-06-01", "tests/fixtures/site-progress", &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    let page = fs::read_to_string(out.join("plans/tinh_kh-30-2024.html")).expect("a plan page");
    assert_eq!(
        column(&page, "section[aria-labelledby=tasks] tbody tr", "Thời hạn tới"),
        [
            "15/12/2026",
            "Đã qua hết hạn cuối 31/12/2024 Đã hoàn thành 10/01/2025 (trễ hạn)",
            "Đã qua hết Quá hạn 31/03/2025",
            "20/06/2025 Đã hoàn thành 28/05/2025",
            "15/03/2026 Thời hạn 15/03/2025 Đã hoàn thành 20/03/2025 (trễ hạn)",
        ],
        "the report, the late review, the missing statistics, the training done ahead of time, last year's meeting reported late"
    );
    let home = fs::read_to_string(out.join("index.html")).expect("the home page");
    assert_eq!(
        text_of(&home, "section[aria-labelledby=overdue] td.date"),
        text_of(
            &page,
            "section[aria-labelledby=tasks] td.date .badge.late + time"
        ),
        "the plan's page shows the overdue deadlines the home page lists"
    );
    let html = Html::parse_document(&page);
    let late: Vec<(&str, &str)> = html
        .select(&select("#task-so-ket td.date time"))
        .map(|t| {
            let day = t.value().attr("datetime").unwrap_or_default();
            (day, t.text().next().unwrap_or_default())
        })
        .collect();
    assert_eq!(
        late,
        [("2024-12-31", "31/12/2024"), ("2025-01-10", "10/01/2025")],
        "each day is a <time>"
    );
    let (_dir, out) = bundled_site();
    let days = |page: &str, selector: &str| -> Vec<String> {
        Html::parse_document(page)
            .select(&select(selector))
            .filter_map(|t| t.value().attr("datetime").map(str::to_owned))
            .collect()
    };
    let home = fs::read_to_string(out.join("index.html")).expect("the home page");
    let mut listed = days(&home, "section[aria-labelledby=overdue] td.date > time");
    let mut shown = Vec::new();
    for (path, bytes) in files(&out) {
        if path.starts_with("plans/") {
            let page = String::from_utf8_lossy(&bytes);
            shown.extend(days(
                &page,
                "section[aria-labelledby=tasks] .badge.late + time",
            ));
        }
    }
    listed.sort();
    shown.sort();
    assert!(!listed.is_empty());
    assert_eq!(
        listed, shown,
        "the plans' pages show every overdue deadline the home page lists, and no other"
    );
}

/// The quickstart's progress file, as the plan's page shows it at the end
/// of the year, in both languages: the year report delivered three days
/// late, and the campaign's deadlines that no report answers.
#[test]
fn the_quickstart_plan_page_shows_the_late_year_report_in_both_languages() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (lang, cell, rows) in [
        (
            "vi",
            "Thời hạn tới",
            [
                "31/12/2023",
                "Đã qua hết Quá hạn 30/09/2023",
                "31/12/2023 Quá hạn 30/06/2023 Quá hạn 15/12/2023",
                "Đã qua hết hạn cuối 05/12/2023 Đã hoàn thành 08/12/2023 (trễ hạn)",
            ],
        ),
        (
            "en",
            "Next deadline",
            [
                "2023-12-31",
                "All passed Overdue 2023-09-30",
                "2023-12-31 Overdue 2023-06-30 Overdue 2023-12-15",
                "All passed last deadline 2023-12-05 Delivered 2023-12-08 (late)",
            ],
        ),
    ] {
        let out = dir.path().join(lang);
        let (code, stderr) = build_on("2023-12-20", "examples/quickstart", &out, &["--lang", lang]);
        assert_eq!(code, 0, "{stderr}");
        let page = fs::read_to_string(out.join("plans/lai-chau_kh-01-2023.html")).expect("a page");
        assert_eq!(
            column(&page, "section[aria-labelledby=tasks] tbody tr", cell),
            rows,
            "{lang}"
        );
    }
}

/// The calendar marks a deadline a report answers ahead of time, as the
/// feeds put a ✓ before its event: it listed it like any other.
#[test]
fn the_calendar_marks_a_deadline_delivered_ahead_of_time() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("public");
    let (code, stderr) = build_on("2025-06-01", "tests/fixtures/site-progress", &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    let calendar = fs::read_to_string(out.join("calendar.html")).expect("the calendar");
    assert_eq!(
        text_of(&calendar, "section[aria-labelledby=m-2025-06] td.date"),
        ["20/06/2025 Đã hoàn thành 28/05/2025"]
    );
    assert_eq!(
        text_of(&calendar, "section[aria-labelledby=m-2026-03] td.date"),
        ["15/03/2026"],
        "a deadline no report answers yet has no mark"
    );
}

/// Figures are written the way the site's language writes them: the
/// Vietnamese site showed "1.7 lần" beside a unit "ca sinh/1.000 phụ nữ",
/// where "." groups thousands. Milestones, bands, actuals, baselines and
/// the charts' labels take the catalogue's separators.
#[test]
fn figures_take_the_decimal_comma_in_vietnamese_and_the_point_in_english() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (lang, rows, labels, baseline, percent) in [
        (
            "vi",
            [
                "2025 | 12.000 triệu đồng | 10.250,75 triệu đồng",
                "2026 | 12.500–13.000,25 triệu đồng | —",
            ],
            ["12.000", "12.500–13.000,25", "10.250,75", "9.500,5"],
            "Giá trị cơ sở: 9.500,5 triệu đồng (2023)",
            ["2025 | 44,25% | 43,5%", "2026 | 45% | —"],
        ),
        (
            "en",
            [
                "2025 | 12,000 triệu đồng | 10,250.75 triệu đồng",
                "2026 | 12,500–13,000.25 triệu đồng | —",
            ],
            ["12,000", "12,500–13,000.25", "10,250.75", "9,500.5"],
            "Baseline: 9,500.5 triệu đồng (2023)",
            ["2025 | 44.25% | 43.5%", "2026 | 45% | —"],
        ),
    ] {
        let out = dir.path().join(lang);
        let (code, stderr) = build_on(
            "2025-06-01",
            "tests/fixtures/site-progress",
            &out,
            &["--lang", lang],
        );
        assert_eq!(code, 0, "{stderr}");
        let page = fs::read_to_string(out.join("plans/tinh_kh-30-2024.html")).expect("a page");
        let money = "#target-kinh-phi";
        assert_eq!(rows_of(&page, &format!("{money} tbody tr")), rows, "{lang}");
        let drawn = [
            text_of(&page, &format!("{money} svg text:not(.tick)")),
            text_of(&page, &format!("{money} svg line.base + text")),
        ]
        .concat();
        assert_eq!(drawn, labels, "{lang}: the bars, the actual, the baseline");
        assert_eq!(
            text_of(&page, &format!("{money} p.hint")),
            [baseline],
            "{lang}"
        );
        let share = "#target-ty-le-thap-phan";
        assert_eq!(
            rows_of(&page, &format!("{share} tbody tr")),
            percent,
            "{lang}"
        );
    }
    let (_dir, out) = bundled_site();
    let page =
        fs::read_to_string(out.join("plans/ho-chi-minh_kh-174-2025.html")).expect("a plan page");
    let figures = text_of(&page, "section.target td.num");
    assert!(figures.iter().any(|f| f == "1,7 lần"), "{figures:?}");
    assert!(
        figures.iter().all(|f| !f.contains("1.7")),
        "no figure the English way: {figures:?}"
    );
}

/// The site of tests/fixtures/site-window as of `today`, in `lang`.
fn window_site(today: &str, lang: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("public");
    let (code, stderr) = build_on(today, "tests/fixtures/site-window", &out, &["--lang", lang]);
    assert_eq!(code, 0, "{stderr}");
    (dir, out)
}

/// The calendar and the feeds hold the next 12 months, to the day before
/// today's date next year: as of 20/11/2025 they stopped at 31/10/2026,
/// and the yearly report of 15/11/2026 was in none of them.
#[test]
fn the_calendar_and_the_feeds_hold_a_yearly_deadline_once_in_the_next_12_months() {
    let (_dir, out) = window_site("2025-11-20", "vi");
    let calendar = fs::read_to_string(out.join("calendar.html")).expect("the calendar");
    let html = Html::parse_document(&calendar);
    let window: Vec<&str> = html
        .select(&select("main > p > time"))
        .filter_map(|t| t.value().attr("datetime"))
        .collect();
    assert_eq!(window, ["2025-11-20", "2026-11-19"]);
    let months = text_of(&calendar, "nav.months li");
    assert_eq!(months.len(), 13, "{months:?}");
    assert_eq!(months.last().map(String::as_str), Some("Tháng 11/2026 1"));
    let days: Vec<&str> = html
        .select(&select("main section td.date > time"))
        .filter_map(|t| t.value().attr("datetime"))
        .collect();
    assert_eq!(
        days,
        ["2025-11-20", "2025-12-15", "2026-11-15"],
        "today's deadline is in, the one a year from today is not"
    );
    for feed in ["gplan.ics", "bodies/lai-chau_so-noi-vu.ics"] {
        let text = fs::read_to_string(out.join(feed)).expect("a feed");
        assert!(
            text.contains("UID:tinh/kh-20-2024#bao-cao-nam/2026-11-15\r\n"),
            "{feed}"
        );
        assert!(!text.contains("/2026-11-20\r\n"), "{feed}");
    }
}

/// The event of `uid` in a feed, its lines unfolded.
fn event_of(feed: &str, uid: &str) -> String {
    feed.replace("\r\n ", "")
        .split("BEGIN:VEVENT")
        .find(|e| e.contains(&format!("UID:{uid}\r\n")))
        .unwrap_or_else(|| panic!("an event {uid}"))
        .to_owned()
}

/// A body's feed says over which days a duty runs, as the whole feed does
/// (it gave the deadline alone); and a task without a lead has no "Chủ
/// trì: " line with nothing after it.
#[test]
fn feeds_give_a_window_its_days_and_leave_out_a_lead_nobody_holds() {
    let (_dir, out) = window_site("2025-11-20", "vi");
    let read = |feed: &str| fs::read_to_string(out.join(feed)).expect("a feed");
    let whole = read("gplan.ics");
    for feed in [&whole, &read("bodies/lai-chau_so-noi-vu.ics")] {
        let event = event_of(feed, "tinh/kh-20-2024#tuyen-truyen/2025-12-15");
        assert!(
            event.contains("\\nThời gian: 15/11/2025 – 15/12/2025\\n"),
            "{event}"
        );
        let report = event_of(feed, "tinh/kh-20-2024#bao-cao-nam/2026-11-15");
        assert!(!report.contains("Thời gian"), "a deadline alone: {report}");
    }
    let event = event_of(&whole, "tinh/kh-20-2024#tuyen-truyen/2025-12-15");
    assert!(
        event.contains("\\nChủ trì: Sở Nội vụ\\nPhối hợp: Sở Y tế\r\n"),
        "{event}"
    );
    let unled = event_of(&whole, "tinh/kh-20-2024#tong-ket/2025-11-20");
    assert!(!unled.contains("Chủ trì"), "{unled}");
    assert!(
        unled.contains("DESCRIPTION:20/KH-TEST — Kế hoạch thử nghiệm lịch và chỉ tiêu\r\n"),
        "{unled}"
    );
}

/// An English due rule names its days in words, each kept on one line:
/// "every year from 01-01 to 12-31" wrapped as "01-" / "01".
#[test]
fn english_due_rules_name_their_days_in_words_that_never_wrap() {
    let (_dir, out) = window_site("2025-11-20", "en");
    let page = fs::read_to_string(out.join("plans/tinh_kh-20-2024.html")).expect("a plan page");
    assert_eq!(
        column(&page, "#task-tuyen-truyen", "Due"),
        ["every year from 15 Nov to 15 Dec"]
    );
    // The text above has its spaces folded; the page's are non-breaking.
    for rule in [
        ">every year from 15\u{a0}Nov to 15\u{a0}Dec<",
        ">every year on 15\u{a0}Nov<",
    ] {
        assert!(page.contains(rule), "{rule}");
    }
}

/// A target's table is one card per year on a phone, each figure under
/// its column's name (a target refining its parent's, with actuals, was
/// 398 px wide in a 334 px box), and a band is never broken at its dash.
#[test]
fn a_target_table_is_cards_on_a_phone_and_keeps_a_band_whole() {
    for (lang, labels) in [
        (
            "vi",
            [
                "Kế hoạch này",
                "Chỉ tiêu cấp trên",
                "So với cấp trên",
                "Thực hiện",
            ],
        ),
        (
            "en",
            ["This plan", "Parent target", "Against the parent", "Actual"],
        ),
    ] {
        let (_dir, out) = window_site("2025-11-20", lang);
        let page = fs::read_to_string(out.join("plans/tinh_kh-20-2024.html")).expect("a plan page");
        let html = Html::parse_document(&page);
        let table = html
            .select(&select("section.target table"))
            .next()
            .expect("a target's table");
        assert_eq!(table.value().attr("class"), Some("cards"), "{lang}");
        let row = rows_of(&page, "section.target tbody tr");
        assert_eq!(row.len(), 4, "{lang}: {row:?}");
        let cells: Vec<_> = html
            .select(&select("section.target tbody tr:nth-child(2) td"))
            .map(|td| td.value().attr("data-label").unwrap_or_default())
            .collect();
        assert_eq!(cells, labels, "{lang}");
        let bands = text_of(&page, "section.target td.num > span.nowrap");
        assert!(bands.contains(&"40–45".to_owned()), "{lang}: {bands:?}");
    }
}

/// A month with more deadlines than one thread makes at a time (the
/// calendar makes a busy month a few rows at a time) is still one section
/// whose one table lists each deadline once, in deadline order.
#[test]
fn a_busy_month_of_the_calendar_is_one_table_with_each_deadline_once() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let plans = dir.path().join("repo/plans/tinh");
    fs::create_dir_all(&plans).expect("a plans folder");
    let registry = repo("tests/cmd/shared/registry.toml");
    let config = format!("[gplan]\nregistry = {:?}\n", registry.display().to_string());
    fs::write(dir.path().join("repo/gplan.toml"), config).expect("a configuration");
    let tasks = 2500;
    let mut plan = String::from(
        "# Test figures: a plan with thousands of deadlines in one month.\n\
         [plan]\nid = \"tinh/kh-99-2026\"\nnumber = \"99/KH-TEST\"\nkind = \"plan\"\n\
         title = \"Kế hoạch thử nghiệm\"\nissuer = \"Ủy ban nhân dân tỉnh\"\n\
         jurisdiction = \"lai-chau\"\nissued = 2026-01-05\n\
         period = [2026-01-01, 2026-12-31]\n",
    );
    for n in 0..tasks {
        let day = 1 + n % 28;
        plan.push_str(&format!(
            "\n[[task]]\nid = \"t{n}\"\ntitle = \"Báo cáo số {n}\"\n\
             lead = \"Sở Nội vụ\"\ndue = \"2026-12-{day:02}\"\n"
        ));
    }
    fs::write(plans.join("kh-99-2026.toml"), plan).expect("a plan");
    let out = dir.path().join("public");
    let repo_dir = dir.path().join("repo").display().to_string();
    let (code, stderr) = build_on(TODAY, &repo_dir, &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    let calendar = fs::read_to_string(out.join("calendar.html")).expect("the calendar");
    assert_eq!(text_of(&calendar, "main section h2"), ["Tháng 12/2026"]);
    let html = Html::parse_document(&calendar);
    assert_eq!(html.select(&select("main table")).count(), 1);
    let days: Vec<&str> = html
        .select(&select("main section tbody td.date > time"))
        .filter_map(|t| t.value().attr("datetime"))
        .collect();
    assert_eq!(days.len(), tasks);
    assert!(days.is_sorted(), "in deadline order");
    let mut titles = text_of(&calendar, "main section tbody td a[href*='#']");
    titles.sort();
    titles.dedup();
    assert_eq!(titles.len(), tasks, "each deadline once");
}
