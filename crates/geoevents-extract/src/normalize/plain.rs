//! Plain-text articles: paragraphs found from blank lines (or from line shapes when a
//! feed puts one paragraph per line), the headline and dateline lifted from the top, and
//! page furniture dropped from both ends: comment widgets, share bars, teasers of other
//! stories, menus and copyright lines.
//!
//! The story is located first (the first and last paragraphs that read as prose), and
//! only the lines outside it, or furniture phrases inside it, are dropped; a text with no
//! prose paragraph at all (a single sentence, a list) is left as it came, because
//! guessing there would lose the text the client cares about.

use super::dates::{self, Dateline};
use super::furniture::{self, Furniture};
use super::prose;

/// A cleaned plain-text article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlainArticle {
    /// The story paragraphs, whitespace-folded.
    pub paragraphs: Vec<String>,
    /// The headline found at the top, when the client gave none.
    pub title: Option<String>,
    /// The dateline found at the top.
    pub dateline: Option<Dateline>,
    /// Paragraphs and characters dropped as furniture.
    pub dropped: (usize, usize),
}

/// Splits text into paragraphs at blank lines. Inside a block, lines are joined when the
/// text is hard-wrapped (short lines that break mid-sentence) and kept apart otherwise.
pub fn split_paragraphs(text: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    let mut flush = |block: &mut Vec<&str>| {
        if block.is_empty() {
            return;
        }
        let longest = block.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        // A wrapped line break falls mid-sentence and the next line goes on in lower case;
        // a stack of capitalised short lines is a menu or a list, each line its own item.
        let continuations = block
            .windows(2)
            .filter(|pair| {
                let next = pair[1].trim_start();
                !prose::ends_like_sentence(pair[0])
                    && next.chars().next().is_some_and(|c| c.is_lowercase() || c.is_numeric())
                    && !numbered_item(next)
            })
            .count();
        let hard_wrapped = block.len() > 1 && longest <= 100 && continuations * 2 >= block.len() - 1;
        if hard_wrapped {
            // Keep a short headline-like first line apart from the wrapped paragraph under it.
            let first = block[0];
            let rest = &block[1..];
            if furniture::is_title_like(first) && first.chars().count() * 2 < longest && rest.len() > 1 {
                paragraphs.push(prose::collapse_whitespace(first));
                paragraphs.push(prose::collapse_whitespace(&rest.join(" ")));
            } else {
                paragraphs.push(prose::collapse_whitespace(&block.join(" ")));
            }
        } else {
            paragraphs.extend(block.iter().map(|l| prose::collapse_whitespace(l)));
        }
        block.clear();
    };
    for line in text.lines() {
        if prose::is_blank(line) {
            flush(&mut block);
        } else {
            block.push(line);
        }
    }
    flush(&mut block);
    paragraphs.retain(|p| !p.is_empty());
    paragraphs
}

/// "1. Israel strikes ...", "2) Egypt opens ...": a numbered list item, its own line even
/// when it follows a line without a full stop.
fn numbered_item(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits) && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
}

/// Cleans a plain-text article. `given_title` is the client's title: a line repeating it
/// is dropped and no other title is looked for.
pub fn clean(text: &str, given_title: Option<&str>) -> PlainArticle {
    let paragraphs = split_paragraphs(text);
    let total = paragraphs.len();
    let total_chars: usize = paragraphs.iter().map(String::len).sum();
    let Some(first_story) = paragraphs.iter().position(|p| prose::looks_like_story(p)) else {
        return clean_without_story(paragraphs, given_title);
    };
    let mut article = PlainArticle::default();
    // The head: dateline, headline, bylines, menus go; sentences (a standfirst, or short
    // sentences a client put first) stay.
    let mut kept: Vec<String> = Vec::new();
    let mut best_title: Option<usize> = None;
    for (i, p) in paragraphs[..first_story].iter().enumerate() {
        if given_title.is_some_and(|t| prose::same_words(t, p)) {
            continue;
        }
        if let Some(d) = dates::find_dateline(p, 3) {
            if article.dateline.is_none_or(|old| old.updated && !d.updated) {
                article.dateline = Some(d);
            }
            continue;
        }
        // The headline is the title-like line nearest the story; menus and site names
        // sit above it.
        if given_title.is_none() && furniture::is_title_like(p) && !furniture::has_menu_separators(p) {
            best_title = Some(i);
            continue;
        }
        if prose::ends_like_sentence(p) && furniture::classify(p).is_none() {
            kept.push(p.clone());
        }
    }
    article.title = best_title.map(|i| paragraphs[i].clone());
    // The body: stop at the first end-of-story widget, drop stray furniture and teasers.
    let body = &paragraphs[first_story..];
    let mut i = 0;
    while i < body.len() {
        let p = &body[i];
        i += 1;
        if given_title.is_some_and(|t| prose::same_words(t, p)) {
            continue;
        }
        match furniture::classify(p) {
            Some(Furniture::EndOfStory) => break,
            Some(Furniture::Line) => continue,
            None => {}
        }
        if furniture::is_title_like(p)
            && let Some(next) = body.get(i)
            && prose::ends_with_ellipsis(next)
            && prose::word_count(next) <= 80
        {
            i += 1;
            continue;
        }
        if prose::ends_with_ellipsis(p) && prose::word_count(p) <= 60 && !prose::looks_like_story(p) {
            continue;
        }
        kept.push(p.clone());
    }
    while kept.len() > 1 {
        let last = kept.last().map(String::as_str).unwrap_or("");
        let loose = furniture::is_menu_like(last)
            || (prose::word_count(last) <= 12
                && !prose::ends_like_sentence(last)
                && !prose::looks_like_story(last));
        if !loose {
            break;
        }
        kept.pop();
    }
    let kept_chars: usize = kept.iter().map(String::len).sum();
    article.dropped = (total - kept.len(), total_chars.saturating_sub(kept_chars));
    article.paragraphs = kept;
    article
}

/// No paragraph reads as prose: keep everything but a leading dateline, the client's
/// title and lines that are furniture by their words alone.
fn clean_without_story(paragraphs: Vec<String>, given_title: Option<&str>) -> PlainArticle {
    let total = paragraphs.len();
    let total_chars: usize = paragraphs.iter().map(String::len).sum();
    let mut article = PlainArticle::default();
    if total <= 1 {
        article.paragraphs = paragraphs;
        return article;
    }
    let mut kept = Vec::new();
    for (i, p) in paragraphs.into_iter().enumerate() {
        if i == 0
            && let Some(d) = dates::find_dateline(&p, 3)
        {
            article.dateline = Some(d);
            continue;
        }
        if given_title.is_some_and(|t| prose::same_words(t, &p)) || furniture::classify(&p).is_some() {
            continue;
        }
        kept.push(p);
    }
    let kept_chars: usize = kept.iter().map(String::len).sum();
    article.dropped = (total - kept.len(), total_chars.saturating_sub(kept_chars));
    article.paragraphs = kept;
    article
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_hard_wraps_and_one_line_paragraphs_are_all_read() {
        let cases: [(&str, &[&str]); 5] = [
            ("First para.\n\n\n  \nSecond para.", &["First para.", "Second para."]),
            (
                "The ministry said on Friday that it\nwould review the report and respond\nwithin a week.",
                &["The ministry said on Friday that it would review the report and respond within a week."],
            ),
            (
                "A long first paragraph that a feed wrote on one line, because that is how it stores paragraphs in its database.\nA second long paragraph on the next line, again well over a hundred characters long so it is clearly a paragraph.",
                &[
                    "A long first paragraph that a feed wrote on one line, because that is how it stores paragraphs in its database.",
                    "A second long paragraph on the next line, again well over a hundred characters long so it is clearly a paragraph.",
                ],
            ),
            ("\r\nWindows\r\n\r\nline ends\r\n", &["Windows", "line ends"]),
            ("Skip to content\nHome\nWorld", &["Skip to content", "Home", "World"]),
        ];
        for (text, want) in cases {
            assert_eq!(split_paragraphs(text), want, "{text:?}");
        }
    }

    const STORY: &str =
        "Seoul said on Friday that it was weighing a broad range of responses, including arms supplies.";
    const STORY2: &str =
        "Officials in Kyiv said the troops had reached the front in Kursk, a region of western Russia.";

    #[test]
    fn head_and_tail_furniture_is_dropped_and_the_story_kept() {
        let text = format!(
            "Home | World | Politics\n\nMonday, March 4, 2024\n\nSeoul Weighs Its Options After Treaty\n\nBy Jane Doe\n\n{STORY}\n\nAdvertisement\n\n{STORY2}\n\nShare this:\n\nFacebook Twitter\n\nA reader comment that is long enough to look like a story paragraph, with commas, and a full stop."
        );
        let article = clean(&text, None);
        assert_eq!(article.paragraphs, [STORY, STORY2]);
        assert_eq!(article.title.as_deref(), Some("Seoul Weighs Its Options After Treaty"));
        assert_eq!(article.dateline.map(|d| d.at.date_naive().to_string()).as_deref(), Some("2024-03-04"));
        assert_eq!(article.dropped.0, 8);
    }

    #[test]
    fn a_page_copied_as_text_loses_its_menus_byline_and_footer() {
        let text = format!(
            "Skip to content\nHome\nWorld\nBusiness\n\nSeoul weighs options after treaty\n\nBy Jane Doe\nOctober 25, 2024 at 9:30 a.m.\n\n{STORY}\n{STORY2}\nRead more: Why Seoul is worried\n\nMost Read\nMarkets rally\nStorm hits coast\n\n© 2024 Example News"
        );
        let article = clean(&text, None);
        assert_eq!(article.paragraphs, [STORY, STORY2]);
        assert_eq!(article.title.as_deref(), Some("Seoul weighs options after treaty"));
        assert_eq!(article.dateline.map(|d| d.at.to_rfc3339()).as_deref(), Some("2024-10-25T09:30:00+00:00"));
    }

    #[test]
    fn numbered_teasers_stay_one_line_each() {
        let got = split_paragraphs(
            "Most Read\n1. Israel strikes a depot in Lebanon\n2. Egypt opens Rafah crossing",
        );
        assert_eq!(
            got,
            ["Most Read", "1. Israel strikes a depot in Lebanon", "2. Egypt opens Rafah crossing"]
        );
    }

    #[test]
    fn teasers_of_other_stories_are_dropped() {
        let text = format!(
            "{STORY}\n\n{STORY2}\n\nOther Story Headline About Something Else\n\nThe first words of another story, cut off by the page after a line or so of text..."
        );
        assert_eq!(clean(&text, None).paragraphs, [STORY, STORY2]);
    }

    #[test]
    fn short_texts_without_prose_are_left_alone() {
        let cases: [(&str, &[&str]); 3] = [
            ("North Korea sent troops to Russia", &["North Korea sent troops to Russia"]),
            ("Russia ratified the treaty. Seoul objected.", &["Russia ratified the treaty. Seoul objected."]),
            ("October 25, 2024\n\nRussia ratified the treaty", &["Russia ratified the treaty"]),
        ];
        for (text, want) in cases {
            assert_eq!(clean(text, None).paragraphs, want, "{text}");
        }
    }

    #[test]
    fn short_sentences_before_the_first_long_paragraph_are_kept() {
        let text = format!("Russia ratified the treaty.\n\n{STORY}");
        assert_eq!(clean(&text, None).paragraphs, ["Russia ratified the treaty.", STORY]);
    }

    #[test]
    fn the_clients_title_is_not_repeated_in_the_text() {
        let text = format!("Seoul weighs options\n\n{STORY}");
        let article = clean(&text, Some("Seoul Weighs Options"));
        assert_eq!(article.paragraphs, [STORY]);
        assert_eq!(article.title, None);
    }
}
