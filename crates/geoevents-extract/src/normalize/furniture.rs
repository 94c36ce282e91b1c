//! Page furniture told by its words: comment widgets, share bars, "related posts" lists,
//! newsletter and cookie boxes, copyright lines, menus. Shared by the plain-text path
//! (where it is the main signal) and the HTML path (where it cleans what the structural
//! scorer lets through).
//!
//! Phrases are matched on the whole line after case and punctuation folding, or as line
//! prefixes, never as substrings of a longer sentence: a story may well say "the ministry
//! declined to comment", and that must stay.

use std::collections::HashSet;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, StartKind};

use super::prose;

/// The phrase lists as sets and anchored automata, built once: every block of every page
/// is classified, so a linear scan of the lists would dominate on pages with many blocks.
struct Phrases {
    end_exact: HashSet<&'static str>,
    line_exact: HashSet<&'static str>,
    end_prefix: Option<AhoCorasick>,
    line_prefix: Option<AhoCorasick>,
}

static PHRASES: LazyLock<Phrases> = LazyLock::new(|| {
    let anchored =
        |patterns: &[&str]| AhoCorasickBuilder::new().start_kind(StartKind::Anchored).build(patterns).ok();
    Phrases {
        end_exact: END_EXACT.iter().copied().collect(),
        line_exact: LINE_EXACT.iter().copied().collect(),
        end_prefix: anchored(END_PREFIX),
        line_prefix: anchored(LINE_PREFIX),
    }
});

/// Whether `folded` starts with one of the automaton's phrases.
fn starts_with_any(automaton: Option<&AhoCorasick>, folded: &str) -> bool {
    automaton.is_some_and(|a| a.find(Input::new(folded).anchored(Anchored::Yes)).is_some())
}

/// What a furniture line means for the text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Furniture {
    /// A widget that only follows the story (comments, related posts, share bars,
    /// "Newer Post Older Post Home"): the story has ended.
    EndOfStory,
    /// A stray line inside or around the story (advertisement labels, "Read more",
    /// subscription prompts, cookie notices, copyright, photo credits): drop the line.
    Line,
}

/// Whole lines (folded: lower case, inner punctuation removed) that end a story.
const END_EXACT: &[&str] = &[
    "no comments",
    "post a comment",
    "leave a reply",
    "leave a comment",
    "leave a reply cancel reply",
    "add a comment",
    "add comment",
    "comments",
    "comment",
    "show comments",
    "view comments",
    "load comments",
    "read comments",
    "join the conversation",
    "join the discussion",
    "discussion",
    "newer post older post home",
    "newer post",
    "older post",
    "newer posts older posts",
    "related",
    "related posts",
    "related articles",
    "related stories",
    "related news",
    "related content",
    "related coverage",
    "related topics",
    "related links",
    "read next",
    "up next",
    "more stories",
    "more news",
    "more on this story",
    "more on this topic",
    "you may also like",
    "you might also like",
    "you may be interested in",
    "we recommend",
    "recommended",
    "recommended for you",
    "recommended stories",
    "most read",
    "most popular",
    "most viewed",
    "trending",
    "trending now",
    "popular posts",
    "popular stories",
    "latest news",
    "latest stories",
    "top stories",
    "share this",
    "share this article",
    "share this story",
    "share this post",
    "share on",
    "like this",
    "about the author",
    "about the authors",
    "subscribe to post comments atom",
    "email this blogthis share to twitter share to facebook share to pinterest",
    "comments are closed",
    "sign in to comment",
    "log in to comment",
    "powered by disqus",
    "comments powered by disqus",
    "facebook comments plugin",
    "loading comments",
    "what do you think",
];

/// Line starts (folded) that end a story.
const END_PREFIX: &[&str] = &[
    "labels ",
    "tags ",
    "filed under",
    "posted in ",
    "this entry was posted",
    "this article was filed",
    "subscribe to post comments",
    "email this blogthis",
    "you must be logged in",
    "please log in to comment",
    "comments are moderated",
    "comment policy",
    "community guidelines",
    "more from ",
    "more stories from",
    "read more from",
    "more about ",
    "related posts ",
    "related articles ",
    "related stories ",
];

/// Whole lines (folded) that are furniture wherever they stand.
const LINE_EXACT: &[&str] = &[
    "advertisement",
    "advertisements",
    "ad",
    "ads",
    "sponsored",
    "sponsored content",
    "paid content",
    "promoted",
    "story continues below",
    "story continues below advertisement",
    "article continues below",
    "article continues below this ad",
    "continue reading",
    "continue reading below",
    "continue reading the main story",
    "scroll to continue with content",
    "advertisement scroll to continue",
    "read more",
    "read more below",
    "read full article",
    "read the full story",
    "read also",
    "also read",
    "see also",
    "watch",
    "watch now",
    "watch video",
    "play video",
    "listen",
    "listen to this article",
    "click here",
    "sign up",
    "sign in",
    "log in",
    "login",
    "register",
    "subscribe",
    "subscribe now",
    "newsletter",
    "share",
    "tweet",
    "email",
    "print",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "pinterest",
    "reddit",
    "telegram",
    "copy link",
    "link copied",
    "copied",
    "menu",
    "search",
    "home",
    "close",
    "skip to content",
    "skip to main content",
    "back to top",
    "toggle navigation",
    "accept",
    "accept all",
    "reject all",
    "accept cookies",
    "manage cookies",
    "cookie settings",
    "cookie policy",
    "privacy policy",
    "terms of use",
    "terms of service",
    "terms and conditions",
    "all rights reserved",
    "image",
    "photo",
    "video",
    "enlarge this image",
    "toggle caption",
    "hide caption",
    "image caption",
    "media caption",
    "getty images",
    "loading",
    "topics",
    "follow us",
    "next article",
    "previous article",
    "next story",
    "previous story",
];

/// Line starts (folded) that are furniture wherever they stand.
const LINE_PREFIX: &[&str] = &[
    "read more ",
    "read also ",
    "also read ",
    "see also ",
    "related ",
    "watch ",
    "listen to this article",
    "advertisement ",
    "sign up for ",
    "sign up to ",
    "subscribe to ",
    "subscribe for ",
    "click here ",
    "follow us ",
    "follow the ",
    "like us on ",
    "share on ",
    "share this ",
    "share via ",
    "get the latest ",
    "get our ",
    "download our app",
    "download the app",
    "we use cookies",
    "this site uses cookies",
    "this website uses cookies",
    "our site uses cookies",
    "by continuing to use",
    "by using this site",
    "by clicking accept",
    "you have reached your limit",
    "already a subscriber",
    "already have an account",
    "this article is for subscribers",
    "to continue reading",
    "enter your email",
    "your email address",
    "thank you for signing up",
    "thanks for signing up",
    "copyright ",
    "image source ",
    "image caption ",
    "media caption ",
    "photo credit",
    "image credit",
    "photograph ",
    "pictured ",
    "file photo",
    "posted by ",
    "published by ",
    "last updated ",
    "updated ",
    "published ",
    "reporting by ",
    "editing by ",
    "writing by ",
    "additional reporting by ",
    "contact the author",
    "send tips",
    "have a news tip",
    "this article appears in",
    "this article appeared in",
    "this article first appeared",
    "this article was originally published",
    "this story was originally published",
    "this story originally appeared",
    "this story first appeared",
    "a version of this article",
    "a version of this story",
    "we have a small favour to ask",
    "we have a small favor to ask",
    "support our journalism",
    "support independent journalism",
    "with assistance from",
    "skip advertisement",
    "get the best of",
    "download the ",
    "sign up to our",
    "sign up to the",
];

/// Folds a line for phrase matching: lower case, punctuation and symbols dropped,
/// whitespace folded.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for word in line.split(|c: char| c.is_whitespace() || matches!(c, '|' | '/' | '•' | '·' | '»' | '›'))
    {
        // Written straight into `out`; a word that leaves nothing is taken back out.
        let mark = out.len();
        if !out.is_empty() {
            out.push(' ');
        }
        let content = out.len();
        for c in word.chars().filter(|c| c.is_alphanumeric()) {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        }
        if out.len() == content {
            out.truncate(mark);
        }
    }
    out
}

/// Classifies one paragraph or line; `None` means it may be story text.
pub fn classify(line: &str) -> Option<Furniture> {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return Some(Furniture::Line);
    }
    // Furniture is short; a paragraph this long is text whatever its first words are
    // (and folding it whole would cost more than the rest of the checks together).
    if trimmed.len() > 1200 {
        return None;
    }
    // Long prose is never a label, whatever words it starts with; the bound keeps
    // "Updated 3:12 PM EDT ..." and "Read more: ..." teasers in reach.
    let long = prose::word_count(trimmed) > 40 && prose::ends_like_sentence(trimmed);
    let folded = fold(trimmed);
    if folded.is_empty() {
        // Only symbols or punctuation: separators, share icons, bullets.
        return Some(Furniture::Line);
    }
    let phrases = &*PHRASES;
    if is_comment_count(&folded) || phrases.end_exact.contains(folded.as_str()) {
        return Some(Furniture::EndOfStory);
    }
    if !long && starts_with_any(phrases.end_prefix.as_ref(), &folded) {
        return Some(Furniture::EndOfStory);
    }
    if phrases.line_exact.contains(folded.as_str()) || is_copyright(trimmed, &folded) {
        return Some(Furniture::Line);
    }
    if !long && starts_with_any(phrases.line_prefix.as_ref(), &folded) {
        return Some(Furniture::Line);
    }
    if is_share_bar(&folded) || is_credit(trimmed) || is_byline(trimmed) || is_label(trimmed) {
        return Some(Furniture::Line);
    }
    if is_timestamp(&folded) || (folded.starts_with("follow ") && prose::word_count(trimmed) <= 12) {
        return Some(Furniture::Line);
    }
    None
}

/// A label line: "READ: ...", "MORE | ...", "WATCH: ...", "PHOTOS: ..." — a short tag
/// before a colon or bar that introduces a link, not a sentence.
fn is_label(line: &str) -> bool {
    const LABELS: [&str; 16] = [
        "read",
        "read more",
        "more",
        "related",
        "watch",
        "listen",
        "see",
        "see also",
        "photos",
        "video",
        "videos",
        "gallery",
        "also",
        "also read",
        "trending",
        "must read",
    ];
    let Some(end) = line.find([':', '|']).filter(|&i| i <= 16) else { return false };
    let label = line[..end].trim().to_lowercase();
    LABELS.contains(&label.as_str()) && prose::word_count(line) <= 25
}

/// A bare time stamp: "10:32 GMT", "2h ago", "Updated 5 mins ago".
fn is_timestamp(folded: &str) -> bool {
    const TIME_WORDS: [&str; 24] = [
        "ago",
        "min",
        "mins",
        "minute",
        "minutes",
        "hour",
        "hours",
        "h",
        "m",
        "hr",
        "hrs",
        "am",
        "pm",
        "gmt",
        "bst",
        "utc",
        "et",
        "edt",
        "est",
        "pt",
        "updated",
        "published",
        "posted",
        "just",
    ];
    // Counted before collecting: most paragraphs are far longer than a time stamp.
    if folded.split(' ').nth(6).is_some() {
        return false;
    }
    let words: Vec<&str> = folded.split(' ').collect();
    words.iter().any(|w| w.bytes().any(|b| b.is_ascii_digit()))
        && words.iter().all(|w| {
            w.bytes().all(|b| b.is_ascii_digit())
                || TIME_WORDS.contains(w)
                || (w.bytes().take_while(u8::is_ascii_digit).count() > 0
                    && TIME_WORDS.contains(&w.trim_start_matches(|c: char| c.is_ascii_digit())))
        })
}

/// "12 comments", "No comments:", "3 Comments", "comments (4)".
fn is_comment_count(folded: &str) -> bool {
    if folded.split(' ').nth(20).is_some() {
        return false;
    }
    let words: Vec<&str> = folded.split(' ').collect();
    match words.as_slice() {
        [a, b] => {
            let number = |w: &str| w.bytes().all(|b| b.is_ascii_digit()) || w == "no" || w == "one";
            let noun = |w: &str| {
                matches!(w, "comment" | "comments" | "responses" | "response" | "replies" | "reply")
            };
            (number(a) && noun(b)) || (noun(a) && b.bytes().all(|c| c.is_ascii_digit()))
        }
        [n, c, on, ..] if words.len() <= 20 => {
            n.bytes().all(|b| b.is_ascii_digit()) && matches!(*c, "thoughts" | "responses") && *on == "on"
        }
        _ => false,
    }
}

/// "© 2024 Example News", "Copyright (c) 2024 ...", "... All rights reserved."
fn is_copyright(line: &str, folded: &str) -> bool {
    let short = prose::word_count(line) <= 25;
    short
        && (line.starts_with('©')
            || line.starts_with("(c)")
            || line.starts_with("(C)")
            || folded.starts_with("copyright")
            || folded.contains("all rights reserved")
            || (line.contains('©') && prose::word_count(line) <= 12))
}

/// A line made only of sharing targets: "Facebook Twitter Email WhatsApp".
fn is_share_bar(folded: &str) -> bool {
    const TARGETS: [&str; 20] = [
        "facebook",
        "twitter",
        "x",
        "email",
        "mail",
        "whatsapp",
        "linkedin",
        "pinterest",
        "reddit",
        "telegram",
        "print",
        "share",
        "tweet",
        "copy",
        "link",
        "messenger",
        "flipboard",
        "sms",
        "tumblr",
        "blogthis",
    ];
    let mut words = 0;
    for w in folded.split(' ').filter(|w| !matches!(*w, "on" | "to" | "via" | "the")) {
        if !TARGETS.contains(&w) {
            return false;
        }
        words += 1;
    }
    words >= 2
}

/// Photo credits: "(AP Photo/Ahn Young-joon)", "Photo: Reuters", "Getty Images/AFP".
fn is_credit(line: &str) -> bool {
    let words = prose::word_count(line);
    if words > 14 {
        return false;
    }
    let lower = line.to_lowercase();
    lower.starts_with("(ap photo")
        || lower.starts_with("ap photo/")
        || lower.starts_with("photo:")
        || lower.starts_with("photo by ")
        || lower.starts_with("photos:")
        || lower.starts_with("image:")
        || lower.starts_with("credit:")
        || lower.starts_with("source:") && words <= 6
        || lower.ends_with("/getty images")
        || lower.ends_with("/ getty images")
        || lower.ends_with("/reuters")
        || lower.ends_with("/afp")
        || lower.ends_with("(ap photo)")
}

/// "By Jane Doe", "BY JANE DOE AND KIM MIN-JUN": a byline, not a sentence starting "By".
pub fn is_byline(line: &str) -> bool {
    let lower = line.trim_start().to_lowercase();
    (lower.starts_with("by ")
        || lower.starts_with("by: ")
        || lower.starts_with("written by ")
        || lower.starts_with("words by "))
        && prose::word_count(line) <= 8
        && !prose::ends_like_sentence(line)
}

/// Navigation separators: "Home | World | Politics".
pub fn has_menu_separators(line: &str) -> bool {
    let separators = line.chars().filter(|c| matches!(c, '|' | '•' | '·' | '»' | '›' | '/')).count();
    separators >= 2 && line.split_whitespace().count() <= separators * 4 + 4
}

/// A line that reads like navigation: several short items split by separators, or a
/// run of capitalised words with no sentence in it. Only meaningful at the edges of a
/// story, where menus and tag lists sit.
pub fn is_menu_like(line: &str) -> bool {
    if has_menu_separators(line) {
        return true;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() < 4 || prose::ends_like_sentence(line) {
        return false;
    }
    // A title has lower-case function words ("by", "in", "of"); a menu has none.
    words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric()))
        && !words.iter().any(|w| w.contains(['.', ',']))
}

/// Whether a line could be a headline: a handful of words, no final full stop, not a
/// known furniture phrase.
pub fn is_title_like(line: &str) -> bool {
    let words = prose::word_count(line);
    let trimmed = line.trim();
    (2..=30).contains(&words)
        && trimmed.chars().count() <= 250
        && !trimmed.ends_with('.')
        && !prose::ends_with_ellipsis(trimmed)
        && classify(trimmed).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines_are_classified_by_their_words() {
        use Furniture::*;
        let cases = [
            ("No comments:", Some(EndOfStory)),
            ("Post a Comment", Some(EndOfStory)),
            ("12 Comments", Some(EndOfStory)),
            ("3 thoughts on “Seoul weighs options”", Some(EndOfStory)),
            ("Newer Post Older Post Home", Some(EndOfStory)),
            ("Share this:", Some(EndOfStory)),
            ("Related Posts", Some(EndOfStory)),
            ("Labels: Korea, Russia, Ukraine", Some(EndOfStory)),
            ("Leave a Reply Cancel reply", Some(EndOfStory)),
            ("ADVERTISEMENT", Some(Line)),
            ("Read more: Why Seoul is worried", Some(Line)),
            ("Subscribe to our newsletter for daily updates", Some(Line)),
            ("We use cookies to improve your experience. By continuing to browse you agree.", Some(Line)),
            ("© 2024 Example Media Group", Some(Line)),
            ("Copyright 2024 The Daily Gazette. All rights reserved.", Some(Line)),
            ("Facebook Twitter Email WhatsApp", Some(Line)),
            ("(AP Photo/Ahn Young-joon)", Some(Line)),
            ("By Jane Doe and Kim Min-jun", Some(Line)),
            ("By Friday, the troops had left the base.", None),
            ("READ: Seoul weighs options after treaty", Some(Line)),
            ("MORE | How the talks unfolded", Some(Line)),
            ("More than 200 people were evacuated on Friday.", None),
            ("10:32 GMT", Some(Line)),
            ("2h ago", Some(Line)),
            ("Updated 5 mins ago", Some(Line)),
            ("Follow Jane Doe on X @janedoe", Some(Line)),
            ("With assistance from Kim Min-jun.", Some(Line)),
            ("1,200 troops", None),
            ("* * *", Some(Line)),
            ("The ministry declined to comment on the report.", None),
            ("South Korea Alarmed by North Korea's Potential Role in Ukraine Conflict", None),
            ("Comments by the minister drew criticism from the opposition on Tuesday.", None),
        ];
        for (line, want) in cases {
            assert_eq!(classify(line), want, "{line}");
        }
    }

    #[test]
    fn menus_are_told_from_headlines() {
        let cases = [
            ("Home | World | Politics | Business", true),
            ("Home News Sport Business Politics", true),
            ("South Korea Alarmed by North Korea's Potential Role in Ukraine Conflict", false),
            ("The talks ended without agreement.", false),
        ];
        for (line, want) in cases {
            assert_eq!(is_menu_like(line), want, "{line}");
        }
    }
}
