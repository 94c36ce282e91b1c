//! Reading an NDJSON request body: the stream of chunks, however the network cut it, into
//! numbered lines, each no longer than the body limit, and each line into a validated
//! article. Pure and synchronous, so it can be tested and fuzzed apart from HTTP.

use geoevents_domain::ArticleInput;

use crate::error::ApiError;
use crate::input;

/// One line of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// A whole line (without its `\n`), numbered from 1. Blank lines are numbered too.
    Complete {
        /// Its 1-based number.
        number: u64,
        /// Its bytes.
        bytes: Vec<u8>,
    },
    /// A line longer than the limit; its bytes were dropped as they arrived.
    TooLong {
        /// Its 1-based number.
        number: u64,
    },
}

/// Cuts a chunked body into lines, holding at most one partial line of at most `limit`
/// bytes, so a huge line costs no more memory than the limit.
#[derive(Debug)]
pub struct LineSplitter {
    limit: usize,
    pending: Vec<u8>,
    line_no: u64,
    oversized: bool,
}

impl LineSplitter {
    /// A splitter for lines of at most `limit` bytes.
    pub fn new(limit: usize) -> Self {
        Self { limit, pending: Vec::new(), line_no: 0, oversized: false }
    }

    /// Takes the next chunk; appends the lines it completes to `out`.
    pub fn push(&mut self, chunk: &[u8], out: &mut Vec<Line>) {
        let mut rest = chunk;
        while let Some(pos) = newline_at(rest) {
            let (head, tail) = rest.split_at(pos);
            rest = &tail[1..];
            self.line_no += 1;
            if self.oversized || self.pending.len() + head.len() > self.limit {
                out.push(Line::TooLong { number: self.line_no });
            } else {
                self.pending.extend_from_slice(head);
                out.push(Line::Complete { number: self.line_no, bytes: std::mem::take(&mut self.pending) });
            }
            self.pending.clear();
            self.oversized = false;
        }
        if !self.oversized && self.pending.len() + rest.len() > self.limit {
            self.oversized = true;
            self.pending = Vec::new();
        } else if !self.oversized {
            self.pending.extend_from_slice(rest);
        }
    }

    /// The last line, when the body does not end in `\n` and its tail is not blank.
    pub fn finish(self) -> Option<Line> {
        let number = self.line_no + 1;
        if self.oversized {
            Some(Line::TooLong { number })
        } else if self.pending.iter().all(u8::is_ascii_whitespace) {
            None
        } else {
            Some(Line::Complete { number, bytes: self.pending })
        }
    }
}

/// Every line of a body that arrives in these chunks.
pub fn lines(chunks: &[&[u8]], limit: usize) -> Vec<Line> {
    let mut splitter = LineSplitter::new(limit);
    let mut out = Vec::new();
    for chunk in chunks {
        splitter.push(chunk, &mut out);
    }
    out.extend(splitter.finish());
    out
}

fn newline_at(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

/// One line as an article ready for extraction; `Ok(None)` for a blank line.
pub fn read_article_line(bytes: &[u8]) -> Result<Option<ArticleInput>, ApiError> {
    let trimmed = bytes.trim_ascii();
    if trimmed.is_empty() {
        return Ok(None);
    }
    input::validate(input::parse_json_article(trimmed)?).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::lines as split;

    fn complete(number: u64, text: &str) -> Line {
        Line::Complete { number, bytes: text.as_bytes().to_vec() }
    }

    #[test]
    fn lines_are_the_same_however_the_body_is_chunked() {
        let body = b"{\"a\":1}\n\n{\"b\":2}\r\n{\"c\":3}";
        let whole = split(&[body], 100);
        assert_eq!(
            whole,
            vec![
                complete(1, "{\"a\":1}"),
                complete(2, ""),
                complete(3, "{\"b\":2}\r"),
                complete(4, "{\"c\":3}")
            ]
        );
        for cut in 0..body.len() {
            let (a, b) = body.split_at(cut);
            assert_eq!(split(&[a, b], 100), whole, "cut at {cut}");
        }
        let bytes: Vec<&[u8]> = body.chunks(1).collect();
        assert_eq!(split(&bytes, 100), whole);
    }

    #[test]
    fn a_line_over_the_limit_is_reported_alone_and_the_next_is_read() {
        let body = b"short\nthis line is too long\nok\nagain far too long";
        assert_eq!(
            split(&[body], 8),
            vec![
                complete(1, "short"),
                Line::TooLong { number: 2 },
                complete(3, "ok"),
                Line::TooLong { number: 4 }
            ]
        );
        let bytes: Vec<&[u8]> = body.chunks(3).collect();
        assert_eq!(split(&bytes, 8), split(&[body], 8));
    }

    #[test]
    fn a_blank_tail_is_no_line_and_a_blank_line_reads_as_none() {
        assert_eq!(split(&[b"x\n  \t"], 10), vec![complete(1, "x")]);
        assert!(matches!(read_article_line(b"  \r"), Ok(None)));
        assert!(read_article_line(b"{\"text\": 5}").is_err());
        assert!(matches!(read_article_line(b"{\"text\": \"Iran seized a tanker.\"}"), Ok(Some(_))));
    }
}
