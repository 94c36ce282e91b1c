//! A lenient HTML tokenizer and tree builder made for main-text extraction: one pass over
//! the bytes, nodes in an arena in document order, no recursion anywhere.
//!
//! It keeps what extraction needs (elements with the attributes that carry hints or
//! metadata, decoded text, raw JSON-LD) and follows the browser rules that change which
//! text belongs to which block: raw-text elements (`script`, `style`, ...), void elements,
//! implied end tags for `p`, `li`, `dd`/`dt`, table cells and headings, and end tags that
//! close everything opened inside them. It does not reproduce the full HTML5 tree
//! construction (adoption agency, foster parenting): for deciding what is story text those
//! rules rarely matter, and skipping them keeps the parser small and linear.
//!
//! Hostile input is bounded: the tree is at most [`MAX_DEPTH`] deep (deeper elements are
//! attached to the deepest allowed one, as browsers do at 512), implied-end searches look
//! at a fixed number of open elements, and an end tag only searches the open elements when
//! one with its name is open, so every tag costs amortised constant time.

use super::entities;

/// Deepest nesting kept; Chromium's parser flattens at the same depth.
pub const MAX_DEPTH: usize = 512;

/// How many open elements an implied end tag looks through.
const IMPLIED_END_WINDOW: usize = 32;

/// Index of a node in [`Dom::nodes`].
pub type NodeId = u32;

/// The absent node.
pub const NONE: NodeId = u32::MAX;

macro_rules! tags {
    ($($variant:ident = $name:literal),* $(,)?) => {
        /// Element names the extractor tells apart; anything else is [`Tag::Other`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(u8)]
        pub enum Tag { $($variant,)* Other }

        impl Tag {
            fn from_lowercase(name: &[u8]) -> Tag {
                match name { $($name => Tag::$variant,)* _ => Tag::Other }
            }
        }
    };
}

tags! {
    A = b"a", Abbr = b"abbr", Address = b"address", Applet = b"applet", Area = b"area", Article = b"article",
    Aside = b"aside", Audio = b"audio", B = b"b", Base = b"base", Blockquote = b"blockquote", Body = b"body",
    Br = b"br", Button = b"button", Canvas = b"canvas", Caption = b"caption", Center = b"center", Cite = b"cite",
    Code = b"code", Col = b"col", Dd = b"dd", Del = b"del", Details = b"details", Dialog = b"dialog", Div = b"div",
    Dl = b"dl", Dt = b"dt", Em = b"em", Embed = b"embed", Fieldset = b"fieldset", Figcaption = b"figcaption",
    Figure = b"figure", Font = b"font", Footer = b"footer", Form = b"form", H1 = b"h1", H2 = b"h2", H3 = b"h3",
    H4 = b"h4", H5 = b"h5", H6 = b"h6", Head = b"head", Header = b"header", Hr = b"hr", Html = b"html", I = b"i",
    Iframe = b"iframe", Img = b"img", Input = b"input", Ins = b"ins", Label = b"label", Legend = b"legend",
    Li = b"li", Link = b"link", Main = b"main", Marquee = b"marquee", Math = b"math", Menu = b"menu",
    Meta = b"meta", Nav = b"nav", Noembed = b"noembed", Noframes = b"noframes", Noscript = b"noscript",
    Object = b"object", Ol = b"ol", Optgroup = b"optgroup", Option = b"option", P = b"p", Param = b"param",
    Picture = b"picture", Pre = b"pre", Q = b"q", S = b"s", Script = b"script", Section = b"section",
    Select = b"select", Small = b"small", Source = b"source", Span = b"span", Strong = b"strong",
    Style = b"style", Sub = b"sub", Summary = b"summary", Sup = b"sup", Svg = b"svg", Table = b"table",
    Tbody = b"tbody", Td = b"td", Template = b"template", Textarea = b"textarea", Tfoot = b"tfoot", Th = b"th",
    Thead = b"thead", Time = b"time", Title = b"title", Tr = b"tr", Track = b"track", U = b"u", Ul = b"ul",
    Video = b"video", Wbr = b"wbr", Xmp = b"xmp", AmpImg = b"amp-img", AmpAd = b"amp-ad",
}

/// Number of distinct [`Tag`] values, for per-tag counters.
const TAG_COUNT: usize = Tag::Other as usize + 1;

impl Tag {
    /// Elements that never have content.
    fn is_void(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Area | Base | Br | Col | Embed | Hr | Img | Input | Link | Meta | Param | Source | Track | Wbr
        )
    }

    /// Elements whose content is raw text up to their end tag.
    fn is_raw_text(self) -> bool {
        use Tag::*;
        matches!(self, Script | Style | Xmp | Iframe | Noembed | Noframes | Noscript | Textarea | Title)
    }

    /// Start tags that close an open `<p>`.
    fn closes_p(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Address
                | Article
                | Aside
                | Blockquote
                | Center
                | Details
                | Dialog
                | Div
                | Dl
                | Fieldset
                | Figcaption
                | Figure
                | Footer
                | Form
                | H1
                | H2
                | H3
                | H4
                | H5
                | H6
                | Header
                | Hr
                | Main
                | Menu
                | Nav
                | Ol
                | P
                | Pre
                | Section
                | Summary
                | Table
                | Ul
                | Li
                | Dd
                | Dt
        )
    }

    /// Elements that bound the search for an implied end tag.
    fn is_scope_boundary(self) -> bool {
        use Tag::*;
        matches!(self, Applet | Button | Caption | Html | Marquee | Object | Table | Td | Th | Template)
    }

    /// Headings `h1`..`h6`.
    pub fn is_heading(self) -> bool {
        matches!(self, Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6)
    }

    /// Elements that start a new block of text when rendered.
    pub fn is_block(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Address
                | Article
                | Aside
                | Blockquote
                | Body
                | Caption
                | Center
                | Dd
                | Details
                | Dialog
                | Div
                | Dl
                | Dt
                | Fieldset
                | Figcaption
                | Figure
                | Footer
                | Form
                | H1
                | H2
                | H3
                | H4
                | H5
                | H6
                | Header
                | Hr
                | Html
                | Legend
                | Li
                | Main
                | Menu
                | Nav
                | Ol
                | P
                | Pre
                | Section
                | Summary
                | Table
                | Tbody
                | Td
                | Tfoot
                | Th
                | Thead
                | Tr
                | Ul
                | Br
                | Title
                | Textarea
                | Select
                | Option
        )
    }
}

/// Attribute names the extractor reads; all others are skipped while tokenizing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrName {
    /// `class`
    Class,
    /// `id`
    Id,
    /// `role`
    Role,
    /// `itemprop`
    Itemprop,
    /// `itemtype`
    Itemtype,
    /// `property`
    Property,
    /// `name`
    Name,
    /// `content`
    Content,
    /// `href`
    Href,
    /// `rel`
    Rel,
    /// `datetime`
    Datetime,
    /// `type`
    Type,
    /// `hidden`
    Hidden,
    /// `aria-hidden`
    AriaHidden,
    /// `style`
    Style,
    /// `lang`
    Lang,
    /// `http-equiv`
    HttpEquiv,
    /// `pubdate`
    Pubdate,
    /// `data-component`, `data-testid`, `data-module`, `data-type`: hints like classes.
    DataHint,
}

impl AttrName {
    fn from_lowercase(name: &[u8]) -> Option<AttrName> {
        Some(match name {
            b"class" => AttrName::Class,
            b"id" => AttrName::Id,
            b"role" => AttrName::Role,
            b"itemprop" => AttrName::Itemprop,
            b"itemtype" => AttrName::Itemtype,
            b"property" => AttrName::Property,
            b"name" => AttrName::Name,
            b"content" => AttrName::Content,
            b"href" => AttrName::Href,
            b"rel" => AttrName::Rel,
            b"datetime" => AttrName::Datetime,
            b"type" => AttrName::Type,
            b"hidden" => AttrName::Hidden,
            b"aria-hidden" => AttrName::AriaHidden,
            b"style" => AttrName::Style,
            b"lang" => AttrName::Lang,
            b"http-equiv" => AttrName::HttpEquiv,
            b"pubdate" => AttrName::Pubdate,
            b"data-component" | b"data-testid" | b"data-module" | b"data-type" => AttrName::DataHint,
            _ => return None,
        })
    }
}

/// What a node is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeData {
    /// The root.
    Document,
    /// An element; its attributes are `Dom::attrs[attrs.0..attrs.1]`.
    Element {
        /// Its name.
        tag: Tag,
        /// Range into [`Dom::attrs`].
        attrs: (u32, u32),
    },
    /// Decoded text: `Dom::text[range.0..range.1]`.
    Text {
        /// Byte range into [`Dom::text`].
        range: (u32, u32),
    },
}

/// One node of the tree, linked to its relatives by index.
#[derive(Debug, Clone)]
pub struct Node {
    /// Element, text or the root.
    pub data: NodeData,
    /// Parent, or [`NONE`] for the root.
    pub parent: NodeId,
    /// First child or [`NONE`].
    pub first_child: NodeId,
    /// Last child or [`NONE`].
    pub last_child: NodeId,
    /// Next sibling or [`NONE`].
    pub next_sibling: NodeId,
}

/// An attribute kept by the tokenizer; its value is `Dom::values[value.0..value.1]`.
#[derive(Debug, Clone, Copy)]
pub struct Attr {
    /// Which attribute.
    pub name: AttrName,
    /// Byte range of the decoded value in [`Dom::values`].
    pub value: (u32, u32),
}

/// A parsed page. Node 0 is the document; nodes are stored in document order, so every
/// node's descendants follow it and a reverse scan visits children before parents.
#[derive(Debug, Clone)]
pub struct Dom {
    /// All nodes, in document order.
    pub nodes: Vec<Node>,
    /// Kept attributes of all elements.
    pub attrs: Vec<Attr>,
    /// Decoded text of all text nodes, back to back.
    pub text: String,
    /// Decoded attribute values, back to back.
    pub values: String,
}

impl Dom {
    /// The element's tag, or `None` for text and the root.
    pub fn tag(&self, id: NodeId) -> Option<Tag> {
        match self.nodes.get(id as usize)?.data {
            NodeData::Element { tag, .. } => Some(tag),
            _ => None,
        }
    }

    /// The text of a text node, or `None`.
    pub fn text_of(&self, id: NodeId) -> Option<&str> {
        match self.nodes.get(id as usize)?.data {
            NodeData::Text { range } => self.text.get(range.0 as usize..range.1 as usize),
            _ => None,
        }
    }

    /// The value of an attribute of an element, if present.
    pub fn attr(&self, id: NodeId, name: AttrName) -> Option<&str> {
        self.attrs_of(id).find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// All kept attributes of an element (none for other nodes).
    pub fn attrs_of(&self, id: NodeId) -> impl Iterator<Item = (AttrName, &str)> {
        let range = match self.nodes.get(id as usize).map(|n| &n.data) {
            Some(NodeData::Element { attrs, .. }) => attrs.0 as usize..attrs.1 as usize,
            _ => 0..0,
        };
        self.attrs
            .get(range)
            .unwrap_or(&[])
            .iter()
            .map(|a| (a.name, self.values.get(a.value.0 as usize..a.value.1 as usize).unwrap_or("")))
    }

    /// One past the last descendant of `id`: its subtree is `id..subtree_end(id)`.
    pub fn subtree_end(&self, id: NodeId) -> NodeId {
        let mut cur = id;
        while cur != NONE {
            let node = &self.nodes[cur as usize];
            if node.next_sibling != NONE {
                return node.next_sibling;
            }
            cur = node.parent;
        }
        self.nodes.len() as NodeId
    }

    /// Children of a node, in order.
    pub fn children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let first = self.nodes.get(id as usize).map_or(NONE, |n| n.first_child);
        std::iter::successors((first != NONE).then_some(first), move |&c| {
            let next = self.nodes[c as usize].next_sibling;
            (next != NONE).then_some(next)
        })
    }

    /// The text content of a subtree, whitespace as written.
    #[cfg(test)]
    pub fn subtree_text(&self, id: NodeId) -> String {
        self.subtree_text_bounded(id, usize::MAX)
    }

    /// The start of a subtree's text: at most `max_bytes` (cut at a character boundary),
    /// reading at most that many nodes, so that looking at a label or a title costs the
    /// same however large (or deeply nested) the element turns out to be.
    pub fn subtree_text_bounded(&self, id: NodeId, max_bytes: usize) -> String {
        let mut out = String::new();
        let end = self.subtree_end(id);
        for n in (id..end).take(max_bytes.saturating_add(1)) {
            if let Some(t) = self.text_of(n) {
                let room = max_bytes - out.len();
                if t.len() <= room {
                    out.push_str(t);
                } else {
                    let mut cut = room;
                    while !t.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    out.push_str(&t[..cut]);
                    break;
                }
            }
        }
        out
    }
}

/// Parses a page. Never fails; any byte sequence gives some tree.
pub fn parse(html: &str) -> Dom {
    let mut builder = Builder::new(html.len());
    let bytes = html.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        let Some(lt) = memchr::memchr(b'<', &bytes[pos..]).map(|i| pos + i) else {
            builder.text(&html[pos..]);
            break;
        };
        if lt > pos {
            builder.text(&html[pos..lt]);
        }
        pos = match bytes.get(lt + 1) {
            Some(b) if b.is_ascii_alphabetic() => start_tag(html, lt, &mut builder),
            Some(b'/') => end_tag(html, lt, &mut builder),
            Some(b'!') => {
                if bytes[lt..].starts_with(b"<!--") {
                    // `<!-->` and `<!--->` are complete (empty) comments in HTML.
                    let body = lt + 4;
                    if bytes[body..].starts_with(b">") {
                        body + 1
                    } else if bytes[body..].starts_with(b"->") {
                        body + 2
                    } else {
                        memchr::memmem::find(&bytes[body..], b"-->").map_or(bytes.len(), |i| body + i + 3)
                    }
                } else {
                    skip_to_gt(bytes, lt + 2)
                }
            }
            Some(b'?') => skip_to_gt(bytes, lt + 2),
            _ => {
                builder.text("<");
                lt + 1
            }
        };
    }
    builder.finish()
}

/// Position after the next `>` (or the end of input).
fn skip_to_gt(bytes: &[u8], from: usize) -> usize {
    memchr::memchr(b'>', bytes.get(from..).unwrap_or(&[])).map_or(bytes.len(), |i| from + i + 1)
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Reads a tag name starting at `from`: lower-cased, and where it ends.
fn tag_name(bytes: &[u8], from: usize, name: &mut Vec<u8>) -> usize {
    name.clear();
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        if is_space(b) || b == b'/' || b == b'>' {
            break;
        }
        if name.len() < 64 {
            name.push(b.to_ascii_lowercase());
        }
        i += 1;
    }
    i
}

/// Tokenizes a start tag at `lt` and feeds it to the builder; returns where to continue.
fn start_tag(html: &str, lt: usize, builder: &mut Builder) -> usize {
    let bytes = html.as_bytes();
    let mut name = std::mem::take(&mut builder.scratch);
    let mut i = tag_name(bytes, lt + 1, &mut name);
    let tag = Tag::from_lowercase(&name);
    let custom = if tag == Tag::Other { Some(builder.custom_tag_id(&name)) } else { None };
    builder.scratch = name;
    let attrs_start = builder.dom.attrs.len() as u32;
    let mut self_closing = false;
    let mut attr_name = Vec::new();
    loop {
        while bytes.get(i).is_some_and(|&b| is_space(b)) {
            i += 1;
        }
        match bytes.get(i) {
            None => break,
            Some(b'>') => {
                i += 1;
                break;
            }
            Some(b'/') => {
                self_closing = bytes.get(i + 1) == Some(&b'>');
                i += 1;
                continue;
            }
            Some(_) => {}
        }
        // Attribute name: up to whitespace, `/`, `>` or `=` (a leading `=` belongs to it).
        attr_name.clear();
        let name_start = i;
        while let Some(&b) = bytes.get(i) {
            if is_space(b) || b == b'/' || b == b'>' || (b == b'=' && i > name_start) {
                break;
            }
            if attr_name.len() < 32 {
                attr_name.push(b.to_ascii_lowercase());
            }
            i += 1;
        }
        let mut j = i;
        while bytes.get(j).is_some_and(|&b| is_space(b)) {
            j += 1;
        }
        let mut value = (0, 0);
        if bytes.get(j) == Some(&b'=') {
            j += 1;
            while bytes.get(j).is_some_and(|&b| is_space(b)) {
                j += 1;
            }
            match bytes.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = memchr::memchr(q, &bytes[j + 1..]).map_or(bytes.len(), |k| j + 1 + k);
                    value = (j + 1, end);
                    i = (end + 1).min(bytes.len());
                }
                _ => {
                    let end = bytes[j..]
                        .iter()
                        .position(|&b| is_space(b) || b == b'>')
                        .map_or(bytes.len(), |k| j + k);
                    value = (j, end);
                    i = end;
                }
            }
        }
        if let Some(known) = AttrName::from_lowercase(&attr_name) {
            let duplicate = builder.dom.attrs[attrs_start as usize..].iter().any(|a| a.name == known);
            if !duplicate {
                builder.push_attr(known, html.get(value.0..value.1).unwrap_or(""));
            }
        }
    }
    let attrs = (attrs_start, builder.dom.attrs.len() as u32);
    builder.start(tag, custom, attrs, self_closing);
    if tag.is_raw_text() {
        return raw_text(html, i, tag, builder);
    }
    i
}

/// Skips or keeps the content of a raw-text element and its end tag.
fn raw_text(html: &str, from: usize, tag: Tag, builder: &mut Builder) -> usize {
    let bytes = html.as_bytes();
    let name: &[u8] = match tag {
        Tag::Script => b"script",
        Tag::Style => b"style",
        Tag::Xmp => b"xmp",
        Tag::Iframe => b"iframe",
        Tag::Noembed => b"noembed",
        Tag::Noframes => b"noframes",
        Tag::Noscript => b"noscript",
        Tag::Textarea => b"textarea",
        _ => b"title",
    };
    let mut search = from;
    let (content_end, resume) = loop {
        let Some(k) = memchr::memmem::find(bytes.get(search..).unwrap_or(&[]), b"</") else {
            break (bytes.len(), bytes.len());
        };
        let at = search + k;
        let after = at + 2 + name.len();
        let matches = bytes.get(at + 2..after).is_some_and(|n| n.eq_ignore_ascii_case(name))
            && bytes.get(after).is_none_or(|&b| is_space(b) || b == b'>' || b == b'/');
        if matches {
            break (at, skip_to_gt(bytes, after));
        }
        search = at + 2;
    };
    let content = html.get(from.min(content_end)..content_end).unwrap_or("");
    match tag {
        // Titles and text areas are text; JSON-LD scripts are kept raw for metadata.
        Tag::Title | Tag::Textarea => builder.text(content),
        Tag::Script if builder.current_is_json_ld() => builder.raw_text(content),
        _ => {}
    }
    builder.end(tag, None);
    resume
}

/// Tokenizes an end tag at `lt`; returns where to continue.
fn end_tag(html: &str, lt: usize, builder: &mut Builder) -> usize {
    let bytes = html.as_bytes();
    match bytes.get(lt + 2) {
        Some(b) if b.is_ascii_alphabetic() => {
            let mut name = std::mem::take(&mut builder.scratch);
            let i = tag_name(bytes, lt + 2, &mut name);
            let tag = Tag::from_lowercase(&name);
            let custom =
                if tag == Tag::Other { builder.custom.iter().position(|c| *c == name) } else { None };
            builder.scratch = name;
            if tag != Tag::Other || custom.is_some() {
                builder.end(tag, custom);
            }
            skip_to_gt(bytes, i)
        }
        Some(b'>') => lt + 3,
        _ => skip_to_gt(bytes, lt + 2),
    }
}

/// Builds the arena from tokens.
struct Builder {
    dom: Dom,
    /// Open elements, innermost last; element 0 is the document.
    stack: Vec<NodeId>,
    /// Tag identity of each open element (known tag or custom index), parallel to `stack`.
    stack_keys: Vec<usize>,
    /// How many elements of each key are open.
    open: Vec<u32>,
    /// Names of custom elements seen so far (their keys follow the known tags).
    custom: Vec<Vec<u8>>,
    scratch: Vec<u8>,
    seen_html: bool,
    seen_body: bool,
}

impl Builder {
    fn new(len: usize) -> Self {
        let root = Node {
            data: NodeData::Document,
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
        };
        let mut nodes = Vec::with_capacity(len / 40 + 16);
        nodes.push(root);
        Builder {
            dom: Dom {
                nodes,
                attrs: Vec::new(),
                text: String::with_capacity(len / 3),
                values: String::new(),
            },
            stack: vec![0],
            stack_keys: vec![usize::MAX],
            open: vec![0; TAG_COUNT],
            custom: Vec::new(),
            scratch: Vec::new(),
            seen_html: false,
            seen_body: false,
        }
    }

    fn custom_tag_id(&mut self, name: &[u8]) -> usize {
        if let Some(i) = self.custom.iter().position(|c| c == name) {
            return i;
        }
        // Pages use few custom names; past a bound they all share one slot, which only
        // makes their end tags close a little more than they should.
        if self.custom.len() >= 256 {
            return 255;
        }
        self.custom.push(name.to_vec());
        self.open.push(0);
        self.custom.len() - 1
    }

    fn key(tag: Tag, custom: Option<usize>) -> usize {
        match custom {
            Some(i) if tag == Tag::Other => TAG_COUNT + i,
            _ => tag as usize,
        }
    }

    fn current(&self) -> NodeId {
        self.stack.last().copied().unwrap_or(0)
    }

    fn current_is_json_ld(&self) -> bool {
        let cur = self.current();
        self.dom.tag(cur) == Some(Tag::Script)
            && self
                .dom
                .attr(cur, AttrName::Type)
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
    }

    fn push_attr(&mut self, name: AttrName, raw: &str) {
        let start = self.dom.values.len() as u32;
        entities::decode_into(raw, &mut self.dom.values);
        self.dom.attrs.push(Attr { name, value: (start, self.dom.values.len() as u32) });
    }

    fn append(&mut self, data: NodeData) -> NodeId {
        let parent = self.current();
        let id = self.dom.nodes.len() as NodeId;
        self.dom.nodes.push(Node { data, parent, first_child: NONE, last_child: NONE, next_sibling: NONE });
        let p = &mut self.dom.nodes[parent as usize];
        let prev = p.last_child;
        p.last_child = id;
        if prev == NONE {
            p.first_child = id;
        } else {
            self.dom.nodes[prev as usize].next_sibling = id;
        }
        id
    }

    /// Appends text to the current element, merging with a preceding text node.
    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let start = self.dom.text.len();
        entities::decode_into(raw, &mut self.dom.text);
        self.extend_text(start);
    }

    fn raw_text(&mut self, raw: &str) {
        let start = self.dom.text.len();
        self.dom.text.push_str(raw);
        self.extend_text(start);
    }

    fn extend_text(&mut self, start: usize) {
        let end = self.dom.text.len() as u32;
        let last = self.dom.nodes[self.current() as usize].last_child;
        if let Some(Node { data: NodeData::Text { range }, .. }) = self.dom.nodes.get_mut(last as usize)
            && range.1 as usize == start
        {
            range.1 = end;
            return;
        }
        self.append(NodeData::Text { range: (start as u32, end) });
    }

    fn pop(&mut self) {
        if self.stack.len() > 1 {
            self.stack.pop();
            if let Some(key) = self.stack_keys.pop()
                && let Some(count) = self.open.get_mut(key)
            {
                *count = count.saturating_sub(1);
            }
        }
    }

    /// Closes the innermost open element with one of `targets`, looking no further than
    /// the window and stopping at `stop` tags and scope boundaries.
    fn close_implied(&mut self, targets: &[Tag], stop: &[Tag]) {
        if targets.iter().all(|t| self.open[*t as usize] == 0) {
            return;
        }
        let depth = self.stack.len();
        for back in 1..=IMPLIED_END_WINDOW.min(depth - 1) {
            let key = self.stack_keys[depth - back];
            let tag = if key < TAG_COUNT { self.dom.tag(self.stack[depth - back]) } else { None };
            match tag {
                Some(t) if targets.contains(&t) => {
                    for _ in 0..back {
                        self.pop();
                    }
                    return;
                }
                Some(t) if stop.contains(&t) || t.is_scope_boundary() => return,
                _ => {}
            }
        }
    }

    fn start(&mut self, tag: Tag, custom: Option<usize>, attrs: (u32, u32), self_closing: bool) {
        use Tag::*;
        match tag {
            // One html and one body element; repeats (and head, which browsers close as
            // soon as body content appears) add nothing to the tree.
            Html if self.seen_html => return,
            Body if self.seen_body => return,
            Head => return,
            Html => self.seen_html = true,
            Body => self.seen_body = true,
            _ => {}
        }
        if tag.closes_p() {
            self.close_implied(&[P], &[]);
        }
        match tag {
            Li => self.close_implied(&[Li], &[Ul, Ol, Menu]),
            Dd | Dt => self.close_implied(&[Dd, Dt], &[Dl]),
            Tr => {
                self.close_implied(&[Td, Th], &[Tr]);
                self.close_implied(&[Tr], &[Tbody, Thead, Tfoot]);
            }
            Td | Th => self.close_implied(&[Td, Th], &[Tr]),
            Tbody | Thead | Tfoot => {
                self.close_implied(&[Td, Th], &[Tr]);
                self.close_implied(&[Tr], &[]);
                self.close_implied(&[Tbody, Thead, Tfoot], &[]);
            }
            Option => self.close_implied(&[Option], &[Select]),
            A => self.close_implied(&[A], &[]),
            H1 | H2 | H3 | H4 | H5 | H6 => {
                let top = self.dom.tag(self.current());
                if top.is_some_and(Tag::is_heading) {
                    self.pop();
                }
            }
            _ => {}
        }
        let id = self.append(NodeData::Element { tag, attrs });
        // `<div/>` does not close an HTML element; on unknown (SVG-like) names it does.
        let closes_itself = tag.is_void() || (self_closing && tag == Other);
        if closes_itself || self.stack.len() > MAX_DEPTH {
            return;
        }
        let key = Self::key(tag, custom);
        self.stack.push(id);
        self.stack_keys.push(key);
        if let Some(count) = self.open.get_mut(key) {
            *count += 1;
        }
    }

    fn end(&mut self, tag: Tag, custom: Option<usize>) {
        match tag {
            Tag::Html | Tag::Body | Tag::Head => return,
            // `</br>` is read as `<br>`, as browsers do.
            Tag::Br => {
                self.start(Tag::Br, None, (0, 0), false);
                return;
            }
            _ => {}
        }
        let key = Self::key(tag, custom);
        if self.open.get(key).is_none_or(|&c| c == 0) {
            return;
        }
        // An open element with this key exists, so this loop pops at least that one and
        // its cost is paid for by the pushes of the elements it pops.
        while self.stack.len() > 1 {
            let top = self.stack_keys.last().copied();
            self.pop();
            if top == Some(key) {
                break;
            }
        }
    }

    fn finish(self) -> Dom {
        self.dom
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compact picture of the tree: `tag(child child)` and `"text"`.
    fn outline(dom: &Dom) -> String {
        let mut out = String::new();
        let mut closing: Vec<NodeId> = Vec::new();
        for id in 1..dom.nodes.len() as NodeId {
            while let Some(&open) = closing.last() {
                if dom.subtree_end(open) <= id {
                    out.push(')');
                    closing.pop();
                } else {
                    break;
                }
            }
            if let Some(t) = dom.text_of(id) {
                out.push_str(&format!("{:?}", t));
            } else if let Some(tag) = dom.tag(id) {
                out.push_str(&format!("{tag:?}("));
                closing.push(id);
            }
        }
        for _ in closing {
            out.push(')');
        }
        out
    }

    #[test]
    fn markup_becomes_the_tree_browsers_would_build() {
        let cases = [
            ("<p>a<p>b", r#"P("a")P("b")"#),
            ("<div><p>a<div>b</div></div>", r#"Div(P("a")Div("b"))"#),
            ("<ul><li>a<li>b</ul>c", r#"Ul(Li("a")Li("b"))"c""#),
            ("<p>x <b>bold</p> y", r#"P("x "B("bold"))" y""#),
            ("<h2>a<h3>b", r#"H2("a")H3("b")"#),
            ("a<br>b</br>c", r#""a"Br()"b"Br()"c""#),
            ("<div/>x</div>", r#"Div("x")"#),
            ("<svg><path/></svg>t", r#"Svg(Other())"t""#),
            ("<table><tr><td>a<td>b<tr><td>c</table>", r#"Table(Tr(Td("a")Td("b"))Tr(Td("c")))"#),
            ("<script>if (a<b) { x = '</p>' }</script>z", r#"Script()"z""#),
            ("<title>A &amp; B</title>", r#"Title("A & B")"#),
            ("x<!-- <p>hidden</p> -->y", r#""xy""#),
            ("1 < 2 <3", r#""1 < 2 <3""#),
            ("<my-box>a</my-box>b", r#"Other("a")"b""#),
            ("</span>text</div>", r#""text""#),
        ];
        for (html, want) in cases {
            assert_eq!(outline(&parse(html)), want, "{html}");
        }
    }

    #[test]
    fn kept_attributes_are_decoded_and_others_skipped() {
        let dom = parse(r#"<meta property="og:title" content="Tom &amp; Jerry" data-x=1 CLASS=lead>"#);
        assert_eq!(dom.attr(1, AttrName::Property), Some("og:title"));
        assert_eq!(dom.attr(1, AttrName::Content), Some("Tom & Jerry"));
        assert_eq!(dom.attr(1, AttrName::Class), Some("lead"));
        assert_eq!(dom.attrs_of(1).count(), 3);
    }

    #[test]
    fn json_ld_scripts_keep_their_raw_content() {
        let dom =
            parse(r#"<script type="application/ld+json">{"a":"b &amp; c"}</script><script>var x;</script>"#);
        assert_eq!(dom.subtree_text(1), r#"{"a":"b &amp; c"}"#);
        assert_eq!(dom.subtree_text(3), "");
    }

    #[test]
    fn bounded_subtree_text_stops_at_the_limit_on_a_character_boundary() {
        let dom = parse("<p>héllo <b>wörld</b></p>");
        assert_eq!(dom.subtree_text_bounded(1, 2), "h");
        assert_eq!(dom.subtree_text_bounded(1, 9), "héllo w");
        assert_eq!(dom.subtree_text_bounded(1, 100), "héllo wörld");
    }

    #[test]
    fn hostile_nesting_is_flattened_at_the_depth_limit() {
        let html = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
        let dom = parse(&html);
        let text_node = dom.nodes.iter().position(|n| matches!(n.data, NodeData::Text { .. })).unwrap_or(0);
        let mut depth = 0;
        let mut cur = text_node as NodeId;
        while cur != NONE {
            depth += 1;
            cur = dom.nodes[cur as usize].parent;
        }
        assert!(depth <= MAX_DEPTH + 3, "depth {depth}");
        assert_eq!(dom.subtree_text(0), "deep");
    }

    #[test]
    fn unterminated_constructs_end_at_the_end_of_input() {
        for html in ["<p class=\"open", "<!-- never closed", "<script>forever", "<", "</", "<a href='x", "&#"]
        {
            let dom = parse(html);
            assert!(!dom.nodes.is_empty(), "{html}");
        }
    }
}
