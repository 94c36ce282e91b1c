//! End-to-end extraction benchmarks over a corpus the bench composes itself: articles built
//! deterministically from wire-style sentence templates with varied actors, numbers and
//! dates, plus filler paragraphs (about 2 MB in all). Two baselines run over the same text
//! in the same process, so results can be read as ratios independent of the machine:
//! `str::to_lowercase` and a byte scan. `normalize_corpus` times the first stage alone, so
//! the event stage is the difference. Three single 1 MB inputs check the worst cases: a
//! long article, one unpunctuated "sentence", and a megabyte of actor names.
//!
//! On a shared 2-core machine the medians move by a third between runs; compare a change
//! with a build of the commit before it, run alternately, and read ratios.
//!
//! Run: `cargo bench -p geoevents-extract --bench extract`.

use std::hint::black_box;
use std::sync::LazyLock;

use chrono::NaiveDate;
use divan::counter::BytesCount;
use geoevents_domain::{ArticleBody, ArticleInput};

fn main() {
    divan::main();
}

const EVENT_SENTENCES: &[&str] = &[
    "{a} has sent {n} troops to {b}, officials said on {day}.",
    "{a} said on {day} that {b} must withdraw its forces from the border region.",
    "Recent reports suggest that {a} could deploy as many as {n} soldiers to {b}.",
    "{a} imposed new sanctions on {b} after talks collapsed in {city} last week.",
    "The {dem} government expressed \"grave concern\" and urged {b} to halt its missile tests.",
    "{b} was attacked by {dem} drones overnight, killing at least {small} civilians.",
    "President {leader} met {b}'s foreign minister in {city} on {month} {date}.",
    "{a} and {b} signed a defence cooperation agreement, the ministry said in a statement.",
    "{a} denied sending weapons to {b}, calling the reports \"baseless\".",
    "{a} will provide ${n} million in humanitarian aid to {b}, the agency announced.",
    "Protesters rallied in {city} on {day} against the government's decision.",
    "{a} threatened to expel {b}'s diplomats unless the detained journalists were released.",
];

const FILLER: &[&str] = &[
    "The region has seen years of economic hardship, and many families depend on remittances from relatives abroad.",
    "Markets were calm on the news, with the main index closing slightly higher as investors looked ahead to earnings.",
    "Weather forecasters expect heavy rain over the weekend, which could delay the harvest in several provinces.",
    "The museum reopened after a two-year renovation, drawing long queues of visitors on its first morning.",
    "Local football fans celebrated late into the night after the team secured promotion with a late goal.",
];

const STATES: &[(&str, &str)] = &[
    ("Russia", "Russian"),
    ("Ukraine", "Ukrainian"),
    ("North Korea", "North Korean"),
    ("South Korea", "South Korean"),
    ("China", "Chinese"),
    ("Japan", "Japanese"),
    ("Israel", "Israeli"),
    ("Iran", "Iranian"),
    ("Turkey", "Turkish"),
    ("Germany", "German"),
    ("France", "French"),
    ("Poland", "Polish"),
    ("India", "Indian"),
    ("Pakistan", "Pakistani"),
    ("Nigeria", "Nigerian"),
    ("Brazil", "Brazilian"),
];
const CITIES: &[&str] =
    &["Kyiv", "Moscow", "Seoul", "Geneva", "Beijing", "Ankara", "Warsaw", "Lagos", "Doha"];
const LEADERS: &[&str] = &["Yoon", "Erdogan", "Macron", "Modi", "Zelensky", "Putin"];
const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const MONTHS: &[&str] = &["January", "March", "June", "October", "November"];

/// A small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 16) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

fn sentence(rng: &mut Rng) -> String {
    let (a, dem) = STATES[rng.next() % STATES.len()];
    let (mut b, _) = STATES[rng.next() % STATES.len()];
    if b == a {
        b = "Belarus";
    }
    rng.pick(EVENT_SENTENCES)
        .replace("{a}", a)
        .replace("{b}", b)
        .replace("{dem}", dem)
        .replace("{city}", rng.pick(CITIES))
        .replace("{leader}", rng.pick(LEADERS))
        .replace("{day}", rng.pick(DAYS))
        .replace("{month}", rng.pick(MONTHS))
        .replace("{date}", &(1 + rng.next() % 28).to_string())
        .replace("{n}", &format!("{},{:03}", 1 + rng.next() % 20, rng.next() % 1000))
        .replace("{small}", &(2 + rng.next() % 40).to_string())
}

fn article(rng: &mut Rng, paragraphs: usize) -> String {
    let mut text = String::new();
    for p in 0..paragraphs {
        if p > 0 {
            text.push_str("\n\n");
        }
        for s in 0..3 {
            if s > 0 {
                text.push(' ');
            }
            if rng.next().is_multiple_of(3) {
                text.push_str(rng.pick(FILLER));
            } else {
                text.push_str(&sentence(rng));
            }
        }
    }
    text
}

static CORPUS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    (0..1000)
        .map(|_| {
            let paragraphs = 3 + rng.next() % 6;
            article(&mut rng, paragraphs)
        })
        .collect()
});

static CORPUS_BYTES: LazyLock<usize> = LazyLock::new(|| CORPUS.iter().map(String::len).sum());

const MEGABYTE: usize = 1 << 20;

static LONG_ARTICLE: LazyLock<String> = LazyLock::new(|| {
    let mut rng = Rng(0x00dd_ba11_5eed);
    let mut text = String::new();
    while text.len() < MEGABYTE {
        text.push_str(&article(&mut rng, 4));
        text.push_str("\n\n");
    }
    text
});

static ONE_SENTENCE: LazyLock<String> = LazyLock::new(|| {
    let words = ["Russia", "sent", "troops", "and", "aid", "to", "Ukraine", "while", "officials", "said"];
    let mut text = String::new();
    let mut i = 0;
    while text.len() < MEGABYTE {
        text.push_str(words[i % words.len()]);
        text.push(' ');
        i += 1;
    }
    text
});

static ACTOR_NAMES: LazyLock<String> = LazyLock::new(|| {
    let names =
        ["Russia", "North Korea", "Kyiv", "the Kremlin", "NATO", "President Yoon", "Ukrainian troops"];
    let mut text = String::new();
    let mut i = 0;
    while text.len() < MEGABYTE {
        text.push_str(names[i % names.len()]);
        text.push(' ');
        i += 1;
    }
    text
});

fn input(text: &str) -> ArticleInput {
    let published_at =
        NaiveDate::from_ymd_opt(2024, 10, 25).and_then(|d| d.and_hms_opt(0, 0, 0)).map(|d| d.and_utc());
    ArticleInput {
        url: None,
        title: None,
        published_at,
        source: None,
        body: ArticleBody::Text(text.to_owned()),
    }
}

/// Builds the gazetteer and the lexicon outside the timed region.
fn warm_up() {
    let _ = geoevents_extract::extract(&input("Russia sent troops to Belarus."));
}

#[divan::bench]
fn baseline_to_lowercase(bencher: divan::Bencher) {
    bencher.counter(BytesCount::new(*CORPUS_BYTES)).bench(|| {
        for text in CORPUS.iter() {
            black_box(text.to_lowercase());
        }
    });
}

#[divan::bench]
fn baseline_byte_scan(bencher: divan::Bencher) {
    bencher.counter(BytesCount::new(*CORPUS_BYTES)).bench(|| {
        let mut periods = 0usize;
        for text in CORPUS.iter() {
            periods += text.bytes().filter(|&b| b == b'.').count();
        }
        black_box(periods)
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn extract_corpus(bencher: divan::Bencher) {
    warm_up();
    let inputs: Vec<ArticleInput> = CORPUS.iter().map(|t| input(t)).collect();
    bencher.counter(BytesCount::new(*CORPUS_BYTES)).bench(|| {
        for i in &inputs {
            black_box(geoevents_extract::extract(i));
        }
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn normalize_corpus(bencher: divan::Bencher) {
    warm_up();
    let inputs: Vec<ArticleInput> = CORPUS.iter().map(|t| input(t)).collect();
    bencher.counter(BytesCount::new(*CORPUS_BYTES)).bench(|| {
        for i in &inputs {
            black_box(geoevents_extract::normalize::normalize(i));
        }
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn extract_one_megabyte_article(bencher: divan::Bencher) {
    warm_up();
    let i = input(&LONG_ARTICLE);
    bencher.counter(BytesCount::new(LONG_ARTICLE.len())).bench(|| black_box(geoevents_extract::extract(&i)));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn extract_one_megabyte_unpunctuated_sentence(bencher: divan::Bencher) {
    warm_up();
    let i = input(&ONE_SENTENCE);
    bencher.counter(BytesCount::new(ONE_SENTENCE.len())).bench(|| black_box(geoevents_extract::extract(&i)));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn extract_one_megabyte_of_actor_names(bencher: divan::Bencher) {
    warm_up();
    let i = input(&ACTOR_NAMES);
    bencher.counter(BytesCount::new(ACTOR_NAMES.len())).bench(|| black_box(geoevents_extract::extract(&i)));
}
