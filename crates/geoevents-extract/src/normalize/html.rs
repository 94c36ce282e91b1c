//! The main text of a news page: which elements hold the story, and its paragraphs.
//!
//! **Parser choice.** Pages are parsed by our own tokenizer and arena tree (`dom.rs`), not
//! by html5ever (`scraper`, `dom_smoothie`), `tl` or `lol_html`. Main-text extraction needs
//! a tree but not a spec-exact one: what matters is which text sits in which block, and
//! the browser rules for that (raw-text elements, void elements, implied ends of `p` and
//! `li`, end tags closing what they contain) fit in a few hundred lines with no
//! dependency beyond `memchr`, use no recursion, and bound nesting and every search so
//! hostile pages cannot go quadratic or overflow the stack. On the 23 real pages of the
//! newspaper4k test set, on this 2-core machine, it parses (keeping only the attributes extraction reads) at about 1.6 GB/s against about
//! 130 MB/s for html5ever via `scraper` and 430 MB/s for `tl`; `tl` also nests an unclosed
//! `<p>` or `<li>` inside the previous one, which corrupts paragraph boundaries, and
//! `lol_html` streams without a tree, which content scoring needs.
//!
//! **Content scoring** is readability-style, with our own weights and guards: elements
//! that are never text (scripts, forms, media), hidden, or named like furniture
//! (`comment`, `share`, `related`, `promo`, `newsletter`, `cookie`, `ad`, ...) are removed
//! first, unless they contain a strong article-body marker (`itemprop=articleBody`,
//! `article-body`, `entry-content`, ...) or hold most of the page's text; paragraphs then
//! score their ancestors by length and commas; the best candidate (discounted by link
//! density) is widened to a common ancestor when several strong candidates share it, and
//! joined by siblings that score well or read as prose. Link-dense lists inside the
//! chosen content are dropped, and the resulting blocks pass the furniture filter shared
//! with plain text. JSON-LD `articleBody` is the strong second opinion: it replaces the
//! DOM result when that covers little of it, and trims blocks it does not contain.
//!
//! **Captions** (`figcaption`, photo credits) are dropped: they describe pictures, not
//! events, and a caption sentence would make weak evidence.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::dom::{AttrName, Dom, NodeData, NodeId, Tag};
use super::furniture::{self, Furniture};
use super::metadata::PageMeta;
use super::{dates, dom, prose};

/// What kind of block a paragraph of main text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// Ordinary paragraph.
    Paragraph,
    /// A heading inside the body.
    Heading,
    /// An `<h1>`: the page's own headline, which belongs in the title, not the text.
    Headline,
    /// A list item.
    ListItem,
    /// Inside a block quote.
    Quote,
}

/// One paragraph of extracted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Whitespace-folded text.
    pub text: String,
    /// Where it came from.
    pub kind: BlockKind,
    /// Characters of the text inside links.
    pub link_chars: usize,
}

impl Block {
    fn link_density(&self) -> f32 {
        self.link_chars as f32 / self.text.chars().count().max(1) as f32
    }
}

/// The result of main-text extraction.
#[derive(Debug, Clone, Default)]
pub struct MainText {
    /// The paragraphs, in order.
    pub blocks: Vec<Block>,
    /// The structural scorer found too little; the whole page was filtered instead.
    pub used_fallback: bool,
    /// The text came from JSON-LD `articleBody`.
    pub used_json_ld: bool,
    /// Blocks and characters dropped from the chosen content as furniture.
    pub dropped: (usize, usize),
    /// A date read from a visible dateline near the top of the page, if any.
    pub visible_date: Option<dates::Dateline>,
}

const POSITIVE: u16 = 1;
const SOFT_NEGATIVE: u16 = 2;
const HARD_NEGATIVE: u16 = 4;
const COMMENTS: u16 = 8;
const MARKER: u16 = 16;
const HIDDEN: u16 = 32;

/// Class and id words of the article body.
const POSITIVE_WORDS: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "main", "post", "text", "blog", "story", "prose",
    "richtext",
];

/// Words of containers that are never story text.
const HARD_NEGATIVE_WORDS: &[&str] = &[
    "share",
    "sharing",
    "sharebar",
    "sharetools",
    "social",
    "socialmedia",
    "related",
    "recommended",
    "recommendation",
    "recommendations",
    "recirc",
    "recirculation",
    "outbrain",
    "taboola",
    "promo",
    "promos",
    "promoted",
    "promotion",
    "sponsor",
    "sponsored",
    "advert",
    "advertisement",
    "advertising",
    "ads",
    "ad",
    "adsbygoogle",
    "adslot",
    "adunit",
    "dfp",
    "newsletter",
    "newsletters",
    "subscribe",
    "subscription",
    "signup",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "popular",
    "mostread",
    "mostpopular",
    "trending",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "caption",
    "captions",
    "credit",
    "credits",
    "tags",
    "tagcloud",
    "taglist",
    "modal",
    "popup",
    "skiplink",
    "pagination",
    "pager",
    "author",
    "bio",
    "teaser",
    "teasers",
    "dateline",
    "timestamp",
    "date",
    "print",
    "disclaimer",
    "footnote",
    "correction",
    "contribution",
    "contributions",
    "contribute",
    "donate",
    "donation",
    "donations",
    "membership",
    "epic",
    "dek",
    "deck",
    "standfirst",
    "strapline",
    "kicker",
    "desc",
    "description",
    "subtitle",
];

/// Substrings of joined class names that mark furniture even without separators.
const HARD_NEGATIVE_JOINED: &[&str] = &[
    "related",
    "recommend",
    "outbrain",
    "taboola",
    "newsletter",
    "socialshare",
    "sharebar",
    "sharing",
    "mostread",
    "mostpopular",
    "advert",
    "sponsor",
    "cookie",
    "consent",
    "breadcrumb",
    "subscribe",
    "signup",
    "readmore",
    "visuallyhidden",
    "screenreader",
    "sronly",
    "promo",
    "morestories",
    "moreon",
    "alsolike",
    "supportus",
    "donat",
];

/// Words of layout containers that are usually, not always, furniture.
const SOFT_NEGATIVE_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "menubar",
    "footer",
    "header",
    "masthead",
    "sidebar",
    "widget",
    "widgets",
    "banner",
    "toolbar",
    "rail",
    "aside",
    "meta",
    "extra",
    "supplemental",
    "complementary",
    "topbar",
    "gallery",
    "slideshow",
    "legal",
    "contact",
    "search",
    "login",
    "community",
    "shoutbox",
    "sitemap",
    "links",
];

/// Tags whose content is never story text.
fn is_junk_tag(tag: Tag) -> bool {
    use Tag::*;
    matches!(
        tag,
        Script
            | Style
            | Noscript
            | Template
            | Svg
            | Math
            | Iframe
            | Object
            | Embed
            | Canvas
            | Button
            | Input
            | Select
            | Option
            | Textarea
            | Title
            | Meta
            | Link
            | Audio
            | Video
            | Picture
            | Img
            | AmpImg
            | AmpAd
            | Noembed
            | Noframes
            | Figcaption
            | Dialog
            | Label
            | Legend
            | Xmp
            | Source
            | Track
            | Param
            | Head
    )
}

/// Structural tags that usually hold furniture.
fn is_layout_furniture_tag(tag: Tag) -> bool {
    matches!(tag, Tag::Nav | Tag::Aside | Tag::Footer | Tag::Header | Tag::Menu | Tag::Form)
}

/// Splits a class/id value into words: separators, camelCase and digits break words.
fn hint_words(value: &str, words: &mut Vec<String>, joined: &mut Vec<String>) {
    for name in value.split_whitespace().take(24) {
        let mut word = String::new();
        let mut prev_lower = false;
        let mut join = String::new();
        for c in name.chars().take(80) {
            if c.is_alphabetic() {
                if c.is_uppercase() && prev_lower && !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                prev_lower = c.is_lowercase();
                word.extend(c.to_lowercase());
                join.extend(c.to_lowercase());
            } else {
                prev_lower = false;
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
        }
        if !word.is_empty() {
            words.push(word);
        }
        if !join.is_empty() {
            joined.push(join);
        }
    }
}

/// Flags of each class/id word, looked up once per distinct word.
static WORD_FLAGS: LazyLock<HashMap<&'static str, u16>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for w in POSITIVE_WORDS {
        map.insert(*w, POSITIVE);
    }
    for w in SOFT_NEGATIVE_WORDS {
        map.insert(*w, SOFT_NEGATIVE);
    }
    for w in HARD_NEGATIVE_WORDS {
        map.insert(*w, HARD_NEGATIVE);
    }
    for w in ["disqus", "respond", "replies", "reactions", "discussion"] {
        map.insert(w, COMMENTS);
    }
    map
});

/// Substrings of joined class names that mark article bodies.
const BODY_MARKERS: [&str; 18] = [
    "articlebody",
    "articlecontent",
    "articletext",
    "storybody",
    "storycontent",
    "storytext",
    "entrybody",
    "entrycontent",
    "entrytext",
    "postbody",
    "postcontent",
    "posttext",
    "newsbody",
    "newscontent",
    "newstext",
    "blogbody",
    "blogcontent",
    "blogtext",
];

/// One automaton for every substring test on joined class names: pattern `i` is
/// `HARD_NEGATIVE_JOINED[i]`, then the body markers, then the comment words.
static JOINED: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    let patterns: Vec<&str> = HARD_NEGATIVE_JOINED
        .iter()
        .chain(BODY_MARKERS.iter())
        .copied()
        .chain(["comment", "disqus", "commentar"])
        .collect();
    AhoCorasick::new(patterns).ok()
});

/// Flags of a class, id or data-hint value. Pages repeat the same values many times, so
/// callers cache the result per distinct value.
fn value_flags(value: &str, words: &mut Vec<String>, joined: &mut Vec<String>) -> u16 {
    words.clear();
    joined.clear();
    hint_words(value, words, joined);
    let mut flags = 0;
    for w in words.iter() {
        if w.starts_with("comment") && !w.starts_with("commentar") {
            flags |= COMMENTS;
        } else if let Some(f) = WORD_FLAGS.get(w.as_str()) {
            flags |= f;
        }
    }
    let hard_count = HARD_NEGATIVE_JOINED.len();
    let marker_end = hard_count + BODY_MARKERS.len();
    for j in joined.iter() {
        // Whole class names that hide an element; "hidden" inside a longer name
        // (Drupal's "field-label-hidden") says nothing about the element itself.
        if matches!(
            j.as_str(),
            "hidden"
                | "hide"
                | "ishidden"
                | "dnone"
                | "elementhidden"
                | "elementinvisible"
                | "invisible"
                | "offscreen"
        ) {
            flags |= HIDDEN;
        }
        let Some(automaton) = JOINED.as_ref() else { continue };
        let (mut hard, mut marker, mut comment, mut commentary) = (false, false, false, false);
        for m in automaton.find_overlapping_iter(j.as_str()) {
            let p = m.pattern().as_usize();
            match p {
                p if p < hard_count => hard = true,
                p if p < marker_end => marker = true,
                p if p == marker_end + 2 => commentary = true,
                _ => comment = true,
            }
        }
        if comment && !commentary {
            flags |= COMMENTS;
        } else if hard {
            flags |= HARD_NEGATIVE;
        }
        if marker && flags & (COMMENTS | HARD_NEGATIVE) == 0 {
            flags |= MARKER;
        }
    }
    flags
}

/// The hint flags of one element from its attributes.
fn hint_flags<'a>(
    dom: &'a Dom,
    id: NodeId,
    cache: &mut HashMap<&'a str, u16>,
    words: &mut Vec<String>,
    joined: &mut Vec<String>,
) -> u16 {
    let mut flags = 0;
    for (name, value) in dom.attrs_of(id) {
        match name {
            AttrName::Class | AttrName::Id | AttrName::DataHint => {
                flags |= match cache.get(value) {
                    Some(f) => *f,
                    None => {
                        let f = value_flags(value, words, joined);
                        cache.insert(value, f);
                        f
                    }
                };
            }
            AttrName::Hidden => flags |= HIDDEN,
            AttrName::AriaHidden if value.trim().eq_ignore_ascii_case("true") => flags |= HIDDEN,
            AttrName::Style => {
                let compact: String =
                    value.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
                if compact.contains("display:none") || compact.contains("visibility:hidden") {
                    flags |= HIDDEN;
                }
            }
            AttrName::Itemprop if value.eq_ignore_ascii_case("articlebody") => flags |= MARKER,
            AttrName::Role => match value.trim().to_ascii_lowercase().as_str() {
                "main" | "article" => flags |= POSITIVE,
                "navigation" | "banner" | "contentinfo" | "complementary" | "search" | "menu" | "menubar" => {
                    flags |= SOFT_NEGATIVE
                }
                "dialog" | "alertdialog" => flags |= HARD_NEGATIVE,
                _ => {}
            },
            _ => {}
        }
    }
    flags
}

/// Per-node facts computed once and shared by the passes below.
struct Analysis {
    /// One past the last descendant of each node.
    end: Vec<NodeId>,
    flags: Vec<u16>,
    removed: Vec<bool>,
    /// Non-whitespace characters in the subtree (kept nodes only).
    chars: Vec<u32>,
    /// Of which inside links.
    link_chars: Vec<u32>,
    /// Non-link characters not inside a nested block element.
    inline_chars: Vec<u32>,
    /// Commas in that inline text.
    inline_commas: Vec<u32>,
}

/// Non-whitespace characters and clause breaks: commas, and in Thai, which writes no
/// commas, the spaces that separate its clauses.
fn count_text(text: &str) -> (u32, u32) {
    let mut chars = 0u32;
    let mut commas = 0u32;
    let mut after_thai = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if after_thai {
                commas = commas.saturating_add(1);
                after_thai = false;
            }
            continue;
        }
        chars = chars.saturating_add(1);
        after_thai = ('\u{0E00}'..='\u{0E7F}').contains(&c);
        if matches!(c, ',' | '，' | '、' | '،') {
            commas = commas.saturating_add(1);
        }
    }
    (chars, commas)
}

fn analyse(dom: &Dom) -> Analysis {
    let n = dom.nodes.len();
    let mut end = vec![n as NodeId; n];
    for i in 1..n {
        let node = &dom.nodes[i];
        end[i] = if node.next_sibling != dom::NONE { node.next_sibling } else { end[node.parent as usize] };
    }
    let mut words = Vec::new();
    let mut joined = Vec::new();
    let mut cache = HashMap::new();
    let flags: Vec<u16> =
        (0..n as NodeId)
            .map(|id| {
                if dom.tag(id).is_some() {
                    hint_flags(dom, id, &mut cache, &mut words, &mut joined)
                } else {
                    0
                }
            })
            .collect();
    // Bottom-up: raw text size (junk tags excluded) and article-body markers below.
    let mut raw = vec![0u32; n];
    let mut marker_below = vec![false; n];
    for i in (1..n).rev() {
        match dom.nodes[i].data {
            NodeData::Text { .. } => {
                raw[i] = raw[i].saturating_add(count_text(dom.text_of(i as NodeId).unwrap_or("")).0)
            }
            NodeData::Element { tag, .. } if is_junk_tag(tag) => continue,
            _ => {}
        }
        marker_below[i] |= flags[i] & MARKER != 0;
        let p = dom.nodes[i].parent as usize;
        raw[p] = raw[p].saturating_add(raw[i]);
        marker_below[p] |= marker_below[i];
    }
    let total = raw[0].max(1) as f32;
    // Top-down: removal.
    let mut removed = vec![false; n];
    for i in 1..n {
        let p = dom.nodes[i].parent as usize;
        if removed[p] {
            removed[i] = true;
            continue;
        }
        let Some(tag) = dom.tag(i as NodeId) else { continue };
        if is_junk_tag(tag) {
            removed[i] = true;
            continue;
        }
        if matches!(tag, Tag::Html | Tag::Body | Tag::Main) || marker_below[i] {
            continue;
        }
        let f = flags[i];
        let share = raw[i] as f32 / total;
        removed[i] = f & (HIDDEN | COMMENTS) != 0
            || (f & HARD_NEGATIVE != 0 && share < 0.5 && tag != Tag::Article)
            || (f & SOFT_NEGATIVE != 0 && f & POSITIVE == 0 && share < 0.25 && tag != Tag::Article)
            || (is_layout_furniture_tag(tag) && share < 0.5)
            || (tag == Tag::Figure && raw[i] < 400);
    }
    // Bottom-up: sizes of what is kept.
    let mut chars = vec![0u32; n];
    let mut link_chars = vec![0u32; n];
    let mut inline_chars = vec![0u32; n];
    let mut inline_commas = vec![0u32; n];
    for i in (1..n).rev() {
        if removed[i] {
            continue;
        }
        let tag = dom.tag(i as NodeId);
        match tag {
            None => {
                let (c, commas) = count_text(dom.text_of(i as NodeId).unwrap_or(""));
                chars[i] = c;
                inline_chars[i] = c;
                inline_commas[i] = commas;
            }
            Some(Tag::A) => {
                link_chars[i] = chars[i];
                inline_chars[i] = 0;
            }
            _ => {}
        }
        let p = dom.nodes[i].parent as usize;
        chars[p] = chars[p].saturating_add(chars[i]);
        link_chars[p] = link_chars[p].saturating_add(link_chars[i]);
        if !tag.is_some_and(Tag::is_block) {
            inline_chars[p] = inline_chars[p].saturating_add(inline_chars[i]);
            inline_commas[p] = inline_commas[p].saturating_add(inline_commas[i]);
        }
    }
    Analysis { end, flags, removed, chars, link_chars, inline_chars, inline_commas }
}

impl Analysis {
    fn link_density(&self, id: usize) -> f32 {
        self.link_chars[id] as f32 / self.chars[id].max(1) as f32
    }

    fn class_weight(&self, id: usize) -> f32 {
        let f = self.flags[id];
        let mut w = 0.0;
        if f & (HARD_NEGATIVE | SOFT_NEGATIVE | COMMENTS) != 0 {
            w -= 25.0;
        }
        if f & POSITIVE != 0 {
            w += 25.0;
        }
        if f & MARKER != 0 {
            w += 25.0;
        }
        w
    }
}

/// Candidate containers, readability-style.
fn score_candidates(dom: &Dom, a: &Analysis) -> Vec<f32> {
    let n = dom.nodes.len();
    let mut score = vec![f32::NAN; n];
    let init = |score: &mut Vec<f32>, id: usize| {
        if score[id].is_nan() {
            let base = match dom.tag(id as NodeId) {
                Some(Tag::Div | Tag::Article | Tag::Section | Tag::Main) => 5.0,
                Some(Tag::Pre | Tag::Td | Tag::Blockquote) => 3.0,
                Some(
                    Tag::Address | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form,
                ) => -3.0,
                Some(t) if t.is_heading() || t == Tag::Th => -5.0,
                _ => 0.0,
            };
            score[id] = base + a.class_weight(id);
        }
    };
    for i in 1..n {
        if a.removed[i] {
            continue;
        }
        let Some(tag) = dom.tag(i as NodeId) else { continue };
        let len = a.inline_chars[i];
        if len < 25 {
            continue;
        }
        let (paragraph_like, container) = match tag {
            Tag::P | Tag::Pre | Tag::Blockquote | Tag::Dd => (true, false),
            Tag::Div
            | Tag::Section
            | Tag::Article
            | Tag::Td
            | Tag::Main
            | Tag::Body
            | Tag::Li
            | Tag::Font
            | Tag::Center => (true, true),
            _ => (false, false),
        };
        if !paragraph_like {
            continue;
        }
        let value = 1.0 + a.inline_commas[i] as f32 + (len as f32 / 100.0).floor().min(3.0);
        // A container with its own text (a `<br>`-separated body) scores itself first.
        let mut level = 0;
        let mut cur = if container { i as NodeId } else { dom.nodes[i].parent };
        while cur != dom::NONE && level < 5 {
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            init(&mut score, cur as usize);
            score[cur as usize] += value / divider;
            cur = dom.nodes[cur as usize].parent;
            level += 1;
        }
    }
    for (i, s) in score.iter_mut().enumerate() {
        if !s.is_nan() {
            *s *= 1.0 - a.link_density(i);
        }
    }
    score
}

fn contains(a: &Analysis, outer: usize, inner: usize) -> bool {
    outer <= inner && inner < a.end[outer] as usize
}

/// Chooses the nodes whose text is the story.
fn choose_content(dom: &Dom, a: &Analysis, score: &[f32]) -> Vec<NodeId> {
    let mut ranked: Vec<(usize, f32)> =
        score.iter().enumerate().filter(|(_, s)| !s.is_nan()).map(|(i, s)| (i, *s)).collect();
    ranked.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    // Nothing long enough to score (a one-line fragment): the whole document, cleaned.
    let Some(&(mut top, top_score)) = ranked.first() else { return vec![0] };
    // Several strong candidates under one ancestor: the story is split across them.
    let alternatives: Vec<usize> =
        ranked.iter().skip(1).take(5).filter(|(_, s)| *s >= top_score * 0.75).map(|(i, _)| *i).collect();
    if alternatives.len() >= 3 {
        let mut cur = dom.nodes[top].parent;
        while cur != dom::NONE && cur != 0 {
            let inside = alternatives.iter().filter(|&&alt| contains(a, cur as usize, alt)).count();
            if inside >= 3 {
                top = cur as usize;
                break;
            }
            cur = dom.nodes[cur as usize].parent;
        }
    }
    // Climb while the parent scores higher, or is a wrapper around nothing else.
    let mut last = score[top];
    let threshold = last / 3.0;
    let mut cur = dom.nodes[top].parent;
    while cur != dom::NONE && cur != 0 && dom.tag(cur) != Some(Tag::Body) {
        let s = score[cur as usize];
        if s.is_nan() {
            cur = dom.nodes[cur as usize].parent;
            continue;
        }
        if s < threshold {
            break;
        }
        if s > last {
            top = cur as usize;
            break;
        }
        last = s;
        cur = dom.nodes[cur as usize].parent;
    }
    loop {
        let parent = dom.nodes[top].parent;
        if parent == dom::NONE || parent == 0 || dom.tag(parent) == Some(Tag::Body) {
            break;
        }
        let element_children = dom
            .children(parent)
            .filter(|&c| !a.removed[c as usize] && (dom.tag(c).is_some() || a.chars[c as usize] > 0))
            .count();
        if element_children != 1 {
            break;
        }
        top = parent as usize;
    }
    // Siblings that score well or read as prose join the top candidate.
    let top_score = if score[top].is_nan() { 0.0 } else { score[top] };
    let threshold = (top_score * 0.2).max(10.0);
    let parent = dom.nodes[top].parent;
    if parent == dom::NONE {
        return vec![top as NodeId];
    }
    let top_class = dom.attr(top as NodeId, AttrName::Class);
    let mut chosen = Vec::new();
    for sibling in dom.children(parent) {
        let s = sibling as usize;
        if s == top {
            chosen.push(sibling);
            continue;
        }
        if a.removed[s] || dom.tag(sibling).is_none() {
            continue;
        }
        let bonus = if top_class.is_some() && dom.attr(sibling, AttrName::Class) == top_class {
            top_score * 0.2
        } else {
            0.0
        };
        let scored = !score[s].is_nan() && score[s] + bonus >= threshold;
        let prose_like = matches!(dom.tag(sibling), Some(Tag::P | Tag::Blockquote | Tag::Div)) && {
            let len = a.inline_chars[s];
            let density = a.link_density(s);
            let text = dom.subtree_text_bounded(sibling, 400);
            (len > 80 && density < 0.25)
                || (len > 0 && len <= 80 && density == 0.0 && prose::ends_like_sentence(&text))
        };
        if scored || prose_like {
            chosen.push(sibling);
        }
    }
    chosen
}

/// Whether an element inside the chosen content is a list of links or other clutter.
fn is_clutter(dom: &Dom, a: &Analysis, id: usize) -> bool {
    let Some(tag) = dom.tag(id as NodeId) else { return false };
    if !matches!(
        tag,
        Tag::Div | Tag::Section | Tag::Ul | Tag::Ol | Tag::Table | Tag::Dl | Tag::Aside | Tag::Form
    ) {
        return false;
    }
    let density = a.link_density(id);
    let text_chars = a.chars[id].saturating_sub(a.link_chars[id]);
    density > 0.5 || (density > 0.33 && text_chars < 200) || (a.class_weight(id) < 0.0 && a.chars[id] < 300)
}

/// Collects the blocks of text under the given roots, in document order.
fn collect_blocks(dom: &Dom, a: &Analysis, roots: &[NodeId], clean: bool) -> Vec<Block> {
    let mut blocks = Vec::new();
    for &root in roots {
        let root = root as usize;
        let mut buffer = String::new();
        let mut link_chars = 0usize;
        // Open block elements: (end, kind).
        let mut open: Vec<(usize, BlockKind)> = Vec::new();
        let mut link_end = 0usize;
        let mut i = root;
        let stop = a.end[root] as usize;
        let flush = |buffer: &mut String,
                     link_chars: &mut usize,
                     open: &[(usize, BlockKind)],
                     blocks: &mut Vec<Block>| {
            let text = prose::collapse_whitespace(buffer);
            buffer.clear();
            if !text.is_empty() {
                let kind = if open.iter().any(|(_, k)| *k == BlockKind::Quote) {
                    BlockKind::Quote
                } else {
                    open.last().map_or(BlockKind::Paragraph, |(_, k)| *k)
                };
                blocks.push(Block { text, kind, link_chars: *link_chars });
            }
            *link_chars = 0;
        };
        while i < stop {
            while open.last().is_some_and(|(e, _)| *e <= i) {
                flush(&mut buffer, &mut link_chars, &open, &mut blocks);
                open.pop();
            }
            if a.removed[i] || (clean && i != root && is_clutter(dom, a, i)) {
                i = (a.end[i] as usize).max(i + 1);
                continue;
            }
            match &dom.nodes[i].data {
                NodeData::Text { .. } => {
                    let text = dom.text_of(i as NodeId).unwrap_or("");
                    buffer.push_str(text);
                    if i < link_end {
                        link_chars += text.chars().filter(|c| !c.is_whitespace()).count();
                    }
                }
                NodeData::Element { tag, .. } => match tag {
                    Tag::Br | Tag::Hr => flush(&mut buffer, &mut link_chars, &open, &mut blocks),
                    Tag::Td | Tag::Th => buffer.push(' '),
                    Tag::A => link_end = link_end.max(a.end[i] as usize),
                    t if t.is_block() => {
                        flush(&mut buffer, &mut link_chars, &open, &mut blocks);
                        let kind = match t {
                            Tag::H1 => BlockKind::Headline,
                            t if t.is_heading() => BlockKind::Heading,
                            Tag::Li | Tag::Dd | Tag::Dt => BlockKind::ListItem,
                            Tag::Blockquote => BlockKind::Quote,
                            _ => BlockKind::Paragraph,
                        };
                        open.push((a.end[i] as usize, kind));
                    }
                    _ => {}
                },
                NodeData::Document => {}
            }
            i += 1;
        }
        while !open.is_empty() {
            flush(&mut buffer, &mut link_chars, &open, &mut blocks);
            open.pop();
        }
        flush(&mut buffer, &mut link_chars, &open, &mut blocks);
    }
    blocks
}

/// Drops furniture from a run of blocks: titles, datelines, labels, teasers, link lists,
/// everything after an end-of-story widget, and loose ends before and after the story.
/// Returns the kept blocks and a visible dateline found among the dropped ones.
pub fn filter_blocks(blocks: Vec<Block>, title: Option<&str>) -> (Vec<Block>, Option<dates::Dateline>) {
    let mut kept: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut dateline = None;
    let mut seen_story = false;
    let mut i = 0;
    while i < blocks.len() {
        let block = &blocks[i];
        let text = block.text.as_str();
        i += 1;
        if block.kind == BlockKind::Headline {
            continue;
        }
        let is_title = |t: &str| {
            prose::same_words(t, text)
                || (prose::word_count(text) >= 4
                    && furniture::is_title_like(text)
                    && prose::contains_words(t, text))
        };
        if kept.len() < 3 && text.len() <= 400 && title.is_some_and(is_title) {
            continue;
        }
        if !seen_story
            && prose::word_count(text) <= 30
            && !prose::looks_like_story(text)
            && let Some(d) = dates::find_dateline(text, 10)
        {
            // A date box or "by X | Posted: date" line above the story.
            dateline = dateline.or(Some(d));
            continue;
        }
        match furniture::classify(text) {
            Some(Furniture::EndOfStory) if seen_story && block.kind != BlockKind::ListItem => break,
            Some(_) => continue,
            None => {}
        }
        if block.link_density() > 0.5 && (block.text.len() < 400 || block.link_density() > 0.8) {
            continue;
        }
        // A short headline-like block followed by a snippet that trails off: a teaser.
        if seen_story
            && let Some(next) = blocks.get(i)
            && furniture::is_title_like(text)
            && prose::ends_with_ellipsis(&next.text)
            && prose::word_count(&next.text) <= 80
        {
            i += 1;
            continue;
        }
        if seen_story
            && prose::ends_with_ellipsis(text)
            && prose::word_count(text) <= 60
            && block.link_density() > 0.0
        {
            continue;
        }
        if prose::looks_like_story(text) {
            seen_story = true;
        } else if !seen_story
            && block.kind != BlockKind::Heading
            && (furniture::is_menu_like(text) || prose::word_count(text) <= 3)
        {
            continue;
        }
        if kept.last().is_some_and(|k: &Block| k.text == block.text) {
            continue;
        }
        kept.push(block.clone());
    }
    // Loose ends after the last story paragraph: labels, menus, trailing headings.
    while let Some(last) = kept.last() {
        let t = last.text.as_str();
        let loose = last.kind == BlockKind::Heading
            || furniture::is_menu_like(t)
            || (prose::word_count(t) <= 12 && !prose::ends_like_sentence(t) && !prose::looks_like_story(t));
        if loose && kept.len() > 1 {
            kept.pop();
        } else {
            break;
        }
    }
    (kept, dateline)
}

fn text_chars(blocks: &[Block]) -> usize {
    blocks.iter().map(|b| b.text.len()).sum()
}

/// Splits a JSON-LD `articleBody` into blocks; it may be plain text or HTML.
fn json_ld_blocks(body: &str) -> Vec<Block> {
    if body.contains("</p>") || body.contains("<br") || body.contains("<p>") {
        let dom = dom::parse(body);
        let a = analyse(&dom);
        return collect_blocks(&dom, &a, &[0], false);
    }
    body.split('\n')
        .map(prose::collapse_whitespace)
        .filter(|t| !t.is_empty())
        .map(|text| Block { text, kind: BlockKind::Paragraph, link_chars: 0 })
        .collect()
}

/// Extracts the main text of a parsed page.
pub fn extract(dom: &Dom, meta: &PageMeta, title: Option<&str>) -> MainText {
    let a = analyse(dom);
    let score = score_candidates(dom, &a);
    let roots = choose_content(dom, &a, &score);
    let raw_blocks = collect_blocks(dom, &a, &roots, true);
    let raw_chars = text_chars(&raw_blocks);
    let raw_count = raw_blocks.len();
    let (mut blocks, mut visible_date) = filter_blocks(raw_blocks, title);
    let mut result = MainText {
        dropped: (raw_count.saturating_sub(blocks.len()), raw_chars.saturating_sub(text_chars(&blocks))),
        ..MainText::default()
    };
    let ld = meta.article_body.as_deref().map(json_ld_blocks).unwrap_or_default();
    let ld_chars = text_chars(&ld);
    if ld_chars >= 200 {
        let ld_tokens: HashSet<String> = ld.iter().flat_map(|b| prose::tokens(&b.text)).collect();
        let dom_tokens: HashSet<String> = blocks.iter().flat_map(|b| prose::tokens(&b.text)).collect();
        let covered = ld_tokens.iter().filter(|t| dom_tokens.contains(*t)).count() as f32
            / ld_tokens.len().max(1) as f32;
        if covered < 0.6 || text_chars(&blocks) < 200 {
            let (ld_kept, _) = filter_blocks(ld, title);
            blocks = ld_kept;
            result.used_json_ld = true;
        } else if covered > 0.8 && ld_chars * 2 > text_chars(&blocks) {
            // The DOM result holds the JSON-LD body: trim blocks it does not contain.
            blocks.retain(|b| {
                let tokens = prose::tokens(&b.text);
                let inside = tokens.iter().filter(|t| ld_tokens.contains(*t)).count();
                b.kind == BlockKind::Heading || tokens.len() < 6 || inside * 4 >= tokens.len()
            });
        }
    }
    if text_chars(&blocks) < 250 && !result.used_json_ld {
        // Too little: read every kept block of the page and keep what reads as prose.
        let all = collect_blocks(dom, &a, &[0], false);
        let prose_blocks: Vec<Block> = all
            .into_iter()
            .filter(|b| {
                (prose::looks_like_story(&b.text) && b.link_density() < 0.3) || b.kind == BlockKind::Heading
            })
            .collect();
        let (fallback, date) = filter_blocks(prose_blocks, title);
        if text_chars(&fallback) > text_chars(&blocks) {
            blocks = fallback;
            result.used_fallback = true;
            visible_date = visible_date.or(date);
        }
    }
    if visible_date.is_none() {
        visible_date = find_visible_date(dom, roots.first().map_or(0, |r| *r as usize));
    }
    result.blocks = blocks;
    result.visible_date = visible_date;
    result
}

/// A dateline in the page furniture (bylines, date boxes), read when metadata has none:
/// the one nearest the start of the story, since a page also shows today's date in its
/// header and the dates of other stories in its lists. Dates after the story start count
/// double distance, and "Updated" lines only when nothing else is dated.
fn find_visible_date(dom: &Dom, anchor: usize) -> Option<dates::Dateline> {
    let mut best: Option<(bool, usize, dates::Dateline)> = None;
    let mut checked = 0;
    for i in 0..dom.nodes.len() {
        let Some(text) = dom.text_of(i as NodeId) else { continue };
        if dom
            .tag(dom.nodes[i].parent)
            .is_some_and(|t| matches!(t, Tag::Title | Tag::Script | Tag::Textarea | Tag::Option))
        {
            continue;
        }
        let text = text.trim();
        if text.len() < 6 || text.len() > 120 || !text.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        checked += 1;
        if checked > 2000 {
            break;
        }
        if let Some(d) = dates::find_dateline(text, 4) {
            let distance = if i <= anchor { anchor - i } else { (i - anchor) * 2 };
            let key = (d.updated, distance);
            if best.is_none_or(|(u, dist, _)| key < (u, dist)) {
                best = Some((d.updated, distance, d));
            }
        }
    }
    best.map(|(_, _, d)| d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::metadata;

    fn main_text(html: &str) -> String {
        let dom = dom::parse(html);
        let meta = metadata::read(&dom);
        let title = metadata::choose_title(&meta, None);
        let blocks = extract(&dom, &meta, title.as_deref()).blocks;
        blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n\n")
    }

    const P1: &str = "Seoul said on Friday that it was weighing a broad range of responses, including arms supplies, after the reports.";
    const P2: &str = "Officials in Kyiv, who spoke on condition of anonymity, said the troops had reached the front in Kursk, a region of Russia.";
    const P3: &str = "The foreign ministry summoned the Russian ambassador, urging Moscow to halt its cooperation with Pyongyang at once.";

    #[test]
    fn story_paragraphs_are_kept_and_furniture_dropped() {
        let html = format!(
            r#"<html><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
            <header><h1>Seoul weighs options</h1><p class="byline">By Jane Doe</p></header>
            <div class="article-body"><p>{P1}</p><div class="ad">Advertisement</div><p>{P2}</p>
            <aside class="related"><h3>Related</h3><ul><li><a href="/a">Other story one</a></li></ul></aside>
            <p>{P3}</p></div>
            <div id="comments"><p>This is a long reader comment that goes on and on, with many clauses, commas, and opinions.</p></div>
            <footer>© 2024 Example</footer></body></html>"#
        );
        assert_eq!(main_text(&html), format!("{P1}\n\n{P2}\n\n{P3}"));
    }

    #[test]
    fn br_separated_paragraphs_become_blocks() {
        let html = format!(
            "<html><body><div class=\"main\">{P1}<br><br>{P2}<br/>\n<br/>{P3}</div><div class=\"sidebar\"><a href=\"/x\">Most read story</a></div></body></html>"
        );
        assert_eq!(main_text(&html), format!("{P1}\n\n{P2}\n\n{P3}"));
    }

    #[test]
    fn json_ld_body_is_used_when_the_page_has_no_visible_text() {
        let html = format!(
            r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","headline":"H","articleBody":"{P1}\n{P2}\n{P3}"}}</script></head>
            <body><div id="app"></div></body></html>"#
        );
        assert_eq!(main_text(&html), format!("{P1}\n\n{P2}\n\n{P3}"));
    }

    #[test]
    fn fragments_without_html_or_body_tags_are_read_whole() {
        let cases = [
            (format!("<p>{P1}</p><p>Short one.</p><p>{P2}</p>"), format!("{P1}\n\nShort one.\n\n{P2}")),
            (format!("{P1}<br><br>{P3}"), format!("{P1}\n\n{P3}")),
            ("<p>Russia ratified the treaty.</p>".to_owned(), "Russia ratified the treaty.".to_owned()),
        ];
        for (html, want) in cases {
            assert_eq!(main_text(&html), want, "{html}");
        }
    }

    #[test]
    fn comments_nested_inside_the_body_are_dropped() {
        let html = format!(
            r#"<body><div class="entry-content"><p>{P1}</p><p>{P2}</p>
            <div id="comments"><ol class="commentlist"><li><p>{P3}</p></li></ol></div></div></body>"#
        );
        assert_eq!(main_text(&html), format!("{P1}\n\n{P2}"));
    }

    #[test]
    fn hostile_pages_finish_with_sane_output() {
        let deep = "<div>".repeat(100_000) + P1 + &"</div>".repeat(50);
        let unclosed = "<p><b><i><span>".repeat(20_000) + P2;
        let junk: String =
            (0..200_000u32).map(|i| char::from_u32((i * 7919) % 0xD7FF).unwrap_or('x')).collect();
        let entities = "&#99999999; &bogus; &#x110000; &amp".repeat(10_000);
        for page in [deep, unclosed, junk, entities, "<".repeat(100_000), "<a ".repeat(50_000)] {
            let text = main_text(&page);
            assert!(!text.contains("\n\n\n"), "paragraphs are separated by exactly one blank line");
            assert!(text.len() <= page.len() * 2);
        }
    }
}
