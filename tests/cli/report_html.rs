//! `promptctl report --html`: the page opened in real headless Chromium — its numbers read back
//! from the rendered DOM equal `--format json`, a screenshot is not blank, and the page logs no
//! console error.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::support::TestEnv;

/// Why a missing browser fails the test rather than skipping it.
const NO_CHROMIUM: &str = "chromium is not installed, and the HTML report test needs a real \
    browser: install Debian's `chromium` package (apt-get install -y chromium; .ci/run does this)";

/// What Chromium printed to stdout and stderr for one headless run over `page`.
fn headless(page: &Path, extra: &[&str]) -> (String, String) {
    let profile = tempfile::tempdir().expect("a profile folder");
    let out = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap_or_else(|e| match e.kind() {
            std::io::ErrorKind::NotFound => panic!("{NO_CHROMIUM}"),
            _ => panic!("chromium does not start: {e}"),
        });
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "chromium failed: {stderr}");
    (String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
}

fn no_console_errors(stderr: &str) {
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("Uncaught") || l.contains("ERROR:CONSOLE"))
        .collect();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The value of attribute `name` in the tag text `tag`.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = start + tag[start..].find('"')?;
    Some(unescape(&tag[start..end]))
}

/// Every element of the DOM whose opening tag has `marker`, as (opening tag, text up to its
/// `</tr>`).
fn rows<'d>(dom: &'d str, marker: &str) -> Vec<(&'d str, &'d str)> {
    let mut found = Vec::new();
    let mut rest = dom;
    while let Some(at) = rest.find(marker) {
        let open = rest[..at].rfind('<').expect("an opening tag");
        let tag_end = at + rest[at..].find('>').expect("a closed tag");
        let end = at + rest[at..].find("</tr>").expect("a closed row");
        found.push((&rest[open..=tag_end], &rest[tag_end + 1..end]));
        rest = &rest[end..];
    }
    found
}

/// `(data-field, data-value)` of every cell in `html`.
fn fields(html: &str) -> Vec<(String, Option<f64>)> {
    html.split('<')
        .filter_map(|tag| {
            let field = attribute(tag, "data-field")?;
            let value = attribute(tag, "data-value")
                .map(|v| v.parse::<f64>().expect("a number in data-value"));
            Some((field, value))
        })
        .collect()
}

fn json_at<'v>(value: &'v Value, dotted: &str) -> &'v Value {
    dotted.split('.').fold(value, |v, k| &v[k])
}

/// The RGB(A) pixels of a PNG, decoded with a minimal reader (8-bit RGB or RGBA, no
/// interlace: what Chromium writes).
fn png_pixels(bytes: &[u8]) -> Vec<Vec<u8>> {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let (mut width, mut height, mut channels) = (0usize, 0usize, 0usize);
    let mut data = Vec::new();
    let mut at = 8;
    while at + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().expect("four bytes")) as usize;
        let kind = &bytes[at + 4..at + 8];
        let body = &bytes[at + 8..at + 8 + len];
        match kind {
            b"IHDR" => {
                width = u32::from_be_bytes(body[0..4].try_into().expect("four bytes")) as usize;
                height = u32::from_be_bytes(body[4..8].try_into().expect("four bytes")) as usize;
                assert_eq!(body[8], 8, "bit depth");
                channels = match body[9] {
                    2 => 3,
                    6 => 4,
                    other => panic!("colour type {other}"),
                };
                assert_eq!(body[12], 0, "interlaced");
            }
            b"IDAT" => data.extend_from_slice(body),
            _ => {}
        }
        at += 12 + len;
    }
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(&data[..])
        .read_to_end(&mut raw)
        .expect("the PNG's image data inflates");
    let stride = width * channels;
    let mut previous = vec![0u8; stride];
    let mut pixels = Vec::with_capacity(width * height);
    for row in raw.chunks(stride + 1).take(height) {
        let (filter, line) = (row[0], &row[1..]);
        let mut current = vec![0u8; stride];
        for i in 0..stride {
            let a = if i >= channels {
                current[i - channels]
            } else {
                0
            };
            let b = previous[i];
            let c = if i >= channels {
                previous[i - channels]
            } else {
                0
            };
            let predicted = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => a.midpoint(b),
                4 => {
                    let p = i16::from(a) + i16::from(b) - i16::from(c);
                    let (pa, pb, pc) = (
                        (p - i16::from(a)).abs(),
                        (p - i16::from(b)).abs(),
                        (p - i16::from(c)).abs(),
                    );
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
                other => panic!("PNG filter {other}"),
            };
            current[i] = line[i].wrapping_add(predicted);
        }
        pixels.extend(current.chunks(channels).map(<[u8]>::to_vec));
        previous = current;
    }
    assert_eq!(pixels.len(), width * height, "PNG rows");
    pixels
}

fn example() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("prompts-example")
        .to_string_lossy()
        .into_owned()
}

/// The trend tables of the page equal the JSON trend, change by change.
fn trend_matches(dom: &str, report: &Value) {
    for t in report["trend"].as_array().expect("a trend") {
        for (i, v) in t["versions"]
            .as_array()
            .expect("versions")
            .iter()
            .enumerate()
        {
            let marker = format!(
                "data-trend=\"{}\" data-version=\"{i}\"",
                t["prompt"].as_str().expect("a prompt")
            );
            let (_, cells) = rows(dom, &marker)[0];
            // The change into this content is the JSON's `changes[i - 1]`.
            let numbers = json!({
                "calls": v["calls"],
                "pass_rate": v["pass_rate"],
                "change": if i == 0 { Value::Null } else { t["changes"][i - 1].clone() },
            });
            let shown = fields(cells);
            assert_eq!(shown.len(), if i == 0 { 2 } else { 3 }, "{shown:?}");
            for (field, value) in shown {
                assert_eq!(
                    value,
                    json_at(&numbers, &field).as_f64(),
                    "{field} of {marker}"
                );
            }
        }
    }
}

#[test]
fn the_html_report_shows_in_chromium_the_numbers_of_the_json_report() {
    let env = TestEnv::new();
    let dir = example();
    let by = ["--by", "prompt,version,model"];
    let out = env.run(&[&["-C", &dir, "report", "--format", "json"], &by[..]].concat());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let page = env.path().join("report.html");
    let page_arg = page.to_string_lossy().into_owned();
    let out = env.run(&[&["-C", &dir, "report", "--html", &page_arg], &by[..]].concat());
    assert_eq!(out.code, 0, "{}", out.stderr);

    let (dom, stderr) = headless(&page, &["--dump-dom"]);
    no_console_errors(&stderr);
    assert!(!dom.contains("<script"), "the page runs no script");
    // The page as written opens and closes its elements in pairs.
    let html = std::fs::read_to_string(&page).unwrap();
    for tag in ["div", "table", "tr", "svg", "figure", "text"] {
        let opens =
            html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        assert_eq!(
            opens,
            html.matches(&format!("</{tag}>")).count(),
            "<{tag}> pairs"
        );
    }

    // Totals.
    let totals = fields(&dom);
    for name in ["records", "files"] {
        let shown = totals.iter().find(|(f, _)| f == name).unwrap().1;
        assert_eq!(shown, report[name].as_f64(), "{name}");
    }

    // Every number of every group, in the JSON's order, and the runs behind it.
    let groups = report["groups"].as_array().unwrap();
    let rendered = rows(&dom, "data-group=");
    assert_eq!(rendered.len(), groups.len());
    for (g, (tag, cells)) in groups.iter().zip(&rendered) {
        let key: Vec<&str> = ["prompt", "version", "model"]
            .iter()
            .map(|k| g["key"][k].as_str().unwrap())
            .collect();
        assert_eq!(attribute(tag, "data-key").unwrap(), key.join(" · "));
        let shown = fields(cells);
        assert_eq!(shown.len(), 12, "{shown:?}");
        for (field, value) in shown {
            assert_eq!(
                value,
                json_at(g, &field).as_f64(),
                "{field} of {key:?} in the page"
            );
        }
        for run in g["runs"].as_array().unwrap() {
            let run = run.as_str().unwrap();
            assert!(
                cells.contains(&format!("data-run=\"{run}\"")),
                "run {run} listed for {key:?}"
            );
        }
        assert!(!g["runs"].as_array().unwrap().is_empty());
    }

    trend_matches(&dom, &report);

    // The Pareto front, computed here from the JSON.
    let points: Vec<(String, f64, f64)> = groups
        .iter()
        .filter(|g| g["cost_per_1k_calls"].is_f64() && g["pass"]["rate"].is_f64())
        .map(|g| {
            (
                g["key"]["model"].as_str().unwrap().to_owned(),
                g["cost_per_1k_calls"].as_f64().unwrap(),
                g["pass"]["rate"].as_f64().unwrap(),
            )
        })
        .collect();
    let scatter = rows(&dom, "data-scatter=");
    assert_eq!(scatter.len(), points.len());
    for ((_, cost, rate), (tag, _)) in points.iter().zip(&scatter) {
        let dominated = points
            .iter()
            .any(|(_, c, r)| c <= cost && r >= rate && (c < cost || r > rate));
        assert_eq!(
            attribute(tag, "data-pareto").unwrap(),
            (!dominated).to_string(),
            "{tag}"
        );
    }
    assert!(
        scatter
            .iter()
            .any(|(t, _)| t.contains("data-pareto=\"false\""))
    );

    // Charts carry a title and alt text.
    assert_eq!(
        dom.matches("<svg role=\"img\" aria-label=").count(),
        dom.matches("<svg").count()
    );
    assert!(dom.matches("<svg").count() >= 3 + report["trend"].as_array().unwrap().len());

    // A screenshot that is not one colour.
    let shot = env.path().join("report.png");
    let (_, stderr) = headless(
        &page,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1000,1400",
        ],
    );
    no_console_errors(&stderr);
    let pixels = png_pixels(&std::fs::read(&shot).unwrap());
    let background = &pixels[0];
    let other = pixels.iter().filter(|p| *p != background).count();
    assert!(
        other * 20 > pixels.len(),
        "the screenshot is nearly blank: {other} of {} pixels differ from the background",
        pixels.len()
    );
    let mut colours: Vec<&Vec<u8>> = pixels.iter().collect();
    colours.sort();
    colours.dedup();
    assert!(colours.len() > 10, "{} colours", colours.len());
}

#[test]
fn record_strings_are_escaped_in_the_html_report() {
    let env = TestEnv::project();
    let hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let line = |model: &str, run: &str, pass: bool| {
        json!({
            "record_version": 1, "run_id": run, "experiment": "e", "arm": model,
            "prompt": {"name": hostile, "version": "worktree", "blob": "b"},
            "provider": "mock", "model": model, "case_id": "c", "repeat": 0,
            "pass": pass, "assertions": [], "latency_ms": 12.5, "tokens_in": 3,
            "tokens_out": 4, "cost_usd": 0.001, "cached": false, "error": null,
            "started_at": "2026-11-01T00:00:00Z",
        })
        .to_string()
    };
    env.write(
        "results/e/r.jsonl",
        &[
            line("a\"b&c", "run\"<1>", true),
            line("m'2", "run-2", false),
        ]
        .join("\n"),
    );
    let dir = env.path().to_string_lossy().into_owned();
    let out = env.run(&[
        "-C",
        &dir,
        "report",
        "--html",
        "page.html",
        "--by",
        "prompt,model",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = env.read("page.html");
    assert!(
        !html.contains("<script") && !html.contains("<img"),
        "{html}"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));

    let (dom, stderr) = headless(&env.path().join("page.html"), &["--dump-dom"]);
    no_console_errors(&stderr);
    assert!(!dom.contains("<script") && !dom.contains("<img"), "{dom}");
    let groups = rows(&dom, "data-group=");
    assert_eq!(groups.len(), 2);
    assert_eq!(
        attribute(groups[0].0, "data-key").unwrap(),
        format!("{hostile} · a\"b&c")
    );
    assert!(groups[0].1.contains("run&quot;&lt;1&gt;") || groups[0].1.contains("run\"&lt;1&gt;"));
}

#[test]
fn an_html_report_that_cannot_be_written_exits_6_naming_the_file() {
    let env = TestEnv::project();
    let dir = env.path().to_string_lossy().into_owned();
    let out = env.run(&["-C", &dir, "report", "--html", "missing/dir/page.html"]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(out.stderr.contains("page.html"), "{}", out.stderr);
}

#[test]
fn the_html_trend_shows_each_change_of_the_json_trend_in_chromium() {
    let env = TestEnv::project();
    let line = |blob: &str, case: usize, pass: bool| {
        json!({
            "record_version": 1, "run_id": blob, "experiment": "e", "arm": "a",
            "prompt": {"name": "p", "version": blob, "blob": blob},
            "provider": "mock", "model": "m", "case_id": format!("c{case}"), "repeat": 0,
            "pass": pass, "assertions": [], "latency_ms": 10.0, "tokens_in": 1,
            "tokens_out": 1, "cost_usd": 0.001, "cached": false, "error": null,
            "started_at": format!("2026-11-0{}T00:00:00Z", if blob == "v1" { 1 } else { 2 }),
        })
        .to_string()
    };
    let old: Vec<String> = (0..60).map(|i| line("v1", i, i < 30)).collect();
    let new: Vec<String> = (0..60).map(|i| line("v2", i, i < 55)).collect();
    env.write("results/e/old.jsonl", &(old.join("\n") + "\n"));
    env.write("results/e/new.jsonl", &(new.join("\n") + "\n"));
    let dir = env.path().to_string_lossy().into_owned();
    let out = env.run(&["-C", &dir, "report", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["trend"][0]["changes"][0]["significant"], true);
    let out = env.run(&["-C", &dir, "report", "--html", "page.html"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (dom, stderr) = headless(&env.path().join("page.html"), &["--dump-dom"]);
    no_console_errors(&stderr);
    trend_matches(&dom, &report);
    assert!(dom.contains("(significant)"));
}

#[test]
fn ab_analyze_html_shows_the_runs_numbers_and_the_prompt_diff_between_arms_in_chromium() {
    let env = TestEnv::new();
    let dir = example();
    let page = env.path().join("brief.html");
    let page_arg = page.to_string_lossy().into_owned();
    let out = env.run(&[
        "-C",
        &dir,
        "ab",
        "analyze",
        "meeting-notes-brief",
        "--html",
        &page_arg,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report = env.run(&[
        "-C",
        &dir,
        "report",
        "--experiment",
        "meeting-notes-brief",
        "--by",
        "arm,provider,model",
        "--format",
        "json",
    ]);
    let report: Value = serde_json::from_str(&report.stdout).unwrap();

    let (dom, stderr) = headless(&page, &["--dump-dom"]);
    no_console_errors(&stderr);
    assert!(!dom.contains("<script"), "the page runs no script");
    assert!(dom.contains("<h1>promptctl ab analyze meeting-notes-brief</h1>"));
    let totals = fields(&dom);
    let records = totals.iter().find(|(f, _)| f == "records").unwrap().1;
    assert_eq!(records, report["records"].as_f64());
    // Every group's numbers, as in the report's JSON for the same records.
    let groups = report["groups"].as_array().unwrap();
    let rendered = rows(&dom, "data-group=");
    assert_eq!(rendered.len(), groups.len());
    for (g, (_, cells)) in groups.iter().zip(&rendered) {
        for (field, value) in fields(cells) {
            assert_eq!(value, json_at(g, &field).as_f64(), "{field}");
        }
    }
    // The brief arm against the full notes: the prompt's semantic diff, words in and out.
    let arm = dom
        .split("<section data-arm=\"brief\">")
        .nth(1)
        .expect("a section for the brief arm");
    let arm = &arm[..arm.find("</section>").unwrap()];
    assert!(
        arm.contains("<code>summarization/meeting-notes.brief</code>"),
        "{arm}"
    );
    assert!(arm.contains("<ins>") && arm.contains("<del>"), "{arm}");
    assert!(
        !dom.contains("data-arm=\"full\""),
        "the control is not compared with itself"
    );
}
