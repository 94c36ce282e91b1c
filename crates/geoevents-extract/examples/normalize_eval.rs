//! Measures main-text extraction against hand-made or published ground truth: token-level
//! precision, recall and F1 (bag of lower-cased word tokens, punctuation stripped) per page
//! and in total, plus throughput.
//!
//! Usage: `cargo run --release -p geoevents-extract --example normalize_eval -- MANIFEST
//! [--pred-dir DIR] [--repeat N] [--print]`. The manifest has one page a line: `name<TAB>page.html
//! <TAB>truth.txt[<TAB>metadata.json]` (newspaper-style metadata: `url`, `title`, `publish_date`). With `--pred-dir`, the text in `DIR/name.txt` (from another extractor)
//! is scored instead of ours, so every tool is measured the same way.

use std::collections::HashMap;
use std::time::Instant;

use geoevents_domain::{ArticleBody, ArticleInput};
use geoevents_extract::normalize::normalize;

fn tokens(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    let mut word = String::new();
    let mut push = |w: &mut String| {
        if !w.is_empty() {
            *bag.entry(std::mem::take(w)).or_insert(0) += 1;
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else {
            push(&mut word);
        }
    }
    push(&mut word);
    bag
}

/// (matched, predicted, expected) token counts.
fn overlap(predicted: &str, expected: &str) -> (usize, usize, usize) {
    let (p, e) = (tokens(predicted), tokens(expected));
    let matched = p.iter().map(|(w, n)| (*n).min(e.get(w).copied().unwrap_or(0))).sum();
    (matched, p.values().sum(), e.values().sum())
}

fn f1(matched: usize, predicted: usize, expected: usize) -> (f64, f64, f64) {
    let precision = if predicted == 0 { 0.0 } else { matched as f64 / predicted as f64 };
    let recall = if expected == 0 { 0.0 } else { matched as f64 / expected as f64 };
    let f = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    (precision, recall, f)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(manifest) = args.first() else {
        eprintln!("usage: normalize_eval MANIFEST [--pred-dir DIR] [--repeat N]");
        std::process::exit(2);
    };
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let pred_dir = flag("--pred-dir");
    let repeat: usize = flag("--repeat").and_then(|r| r.parse().ok()).unwrap_or(1).max(1);
    let listing = std::fs::read_to_string(manifest).unwrap_or_default();
    let (mut total, mut sum_f, mut pages, mut bytes, mut seconds) = ((0, 0, 0), 0.0, 0, 0usize, 0.0);
    let mut meta_counts = (0usize, 0usize, 0usize, 0usize);
    for line in listing.lines().filter(|l| !l.trim().is_empty()) {
        let parts: Vec<&str> = line.split('\t').collect();
        let (name, html_path, truth_path) = match parts[..] {
            [n, h, t] | [n, h, t, _] => (n, h, t),
            _ => continue,
        };
        let meta_truth: Option<serde_json::Value> = parts
            .get(3)
            .and_then(|p| std::fs::read_to_string(p).ok())
            .and_then(|s| serde_json::from_str(&s).ok());
        let (Ok(html_bytes), Ok(truth)) = (std::fs::read(html_path), std::fs::read_to_string(truth_path))
        else {
            eprintln!("skip {name}: unreadable");
            continue;
        };
        let html = String::from_utf8_lossy(&html_bytes).into_owned();
        let predicted = match &pred_dir {
            Some(dir) => std::fs::read_to_string(format!("{dir}/{name}.txt")).unwrap_or_default(),
            None => {
                if let Some(truth) = &meta_truth {
                    let input = ArticleInput {
                        url: truth["url"].as_str().map(str::to_owned),
                        title: None,
                        published_at: None,
                        source: None,
                        body: ArticleBody::Html(html.clone()),
                    };
                    let article = normalize(&input).0;
                    let fold = |t: &str| {
                        t.split(|c: char| !c.is_alphanumeric())
                            .filter(|w| !w.is_empty())
                            .map(str::to_lowercase)
                            .collect::<Vec<_>>()
                            .join(" ")
                    };
                    let want_title = truth["title"].as_str().unwrap_or("");
                    let title_ok = article.title.as_deref().is_some_and(|t| fold(t) == fold(want_title));
                    let want_date = truth["publish_date"]
                        .as_str()
                        .filter(|d| *d != "None")
                        .map(|d| d.get(..10).unwrap_or(d).to_owned());
                    let got_date = article.published_at.map(|d| d.date_naive().to_string());
                    meta_counts.0 += 1;
                    meta_counts.1 += usize::from(title_ok);
                    if let Some(want) = &want_date {
                        meta_counts.2 += 1;
                        meta_counts.3 += usize::from(got_date.as_deref() == Some(want.as_str()));
                    }
                    println!(
                        "  meta {name}: title {} ({:?} vs {want_title:?}); date {got_date:?} vs {want_date:?} ({:?}); lang {:?}",
                        if title_ok { "ok" } else { "DIFF" },
                        article.title,
                        article.published_at_source,
                        article.language
                    );
                }
                let input = ArticleInput {
                    url: None,
                    title: None,
                    published_at: None,
                    source: None,
                    body: ArticleBody::Html(html.clone()),
                };
                let start = Instant::now();
                let mut text = String::new();
                for _ in 0..repeat {
                    text = normalize(&input).0.text;
                }
                seconds += start.elapsed().as_secs_f64();
                bytes += html.len() * repeat;
                text
            }
        };
        if args.iter().any(|a| a == "--print") {
            println!("----- {name}\n{predicted}\n-----");
        }
        let (m, p, e) = overlap(&predicted, &truth);
        let (precision, recall, f) = f1(m, p, e);
        println!("{name:40} P {precision:.3} R {recall:.3} F1 {f:.3}  ({} KB)", html.len() / 1024);
        total = (total.0 + m, total.1 + p, total.2 + e);
        sum_f += f;
        pages += 1;
    }
    let (precision, recall, f) = f1(total.0, total.1, total.2);
    println!(
        "TOTAL {pages} pages: token P {precision:.3} R {recall:.3} F1 {f:.3}; mean page F1 {:.3}",
        sum_f / pages.max(1) as f64
    );
    if meta_counts.0 > 0 {
        println!(
            "metadata: title {}/{} equal; date {}/{} equal (pages with a known date)",
            meta_counts.1, meta_counts.0, meta_counts.3, meta_counts.2
        );
    }
    if seconds > 0.0 {
        println!(
            "speed: {:.1} MB/s ({:.3} ms per page)",
            bytes as f64 / seconds / 1e6,
            seconds * 1e3 / (pages * repeat).max(1) as f64
        );
    }
}
