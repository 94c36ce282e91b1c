//! Pure types shared by every layer of geoevents: what an article is on the way in, what an
//! extracted event looks like, and the ontology that codes it.
//!
//! **Architecture Invariant:** this crate does no I/O and depends on neither tokio, sqlx nor
//! axum. Serde derives exist so the extractor can read gold files and so tests can compare
//! values; the HTTP wire format is owned by `geoevents-api`.

/// Declares a closed string enum with `as_str`, `ALL`, `Display` and `FromStr`.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire and database spelling.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::UnknownName;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    other => Err($crate::UnknownName { what: $what, input: other.to_owned() }),
                }
            }
        }
    };
}

pub mod links;
pub mod merge;
mod ontology;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use ontology::{BadCameo, Cameo, Family, Kind, Modality, Plover, Sector, UnknownName};

/// The body of an article as a client sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleBody {
    /// Plain text, possibly with page furniture around the story.
    Text(String),
    /// A raw HTML page.
    Html(String),
}

/// An article on its way in, before normalisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleInput {
    /// Where the article was published, if known.
    pub url: Option<String>,
    /// Title as given by the client; found in the text when absent.
    pub title: Option<String>,
    /// Publication time as given by the client; found in the text when absent.
    pub published_at: Option<DateTime<Utc>>,
    /// Name of the outlet, if the client knows it.
    pub source: Option<String>,
    /// Text or HTML.
    pub body: ArticleBody,
}

string_enum! {
    /// Where a publication date came from, so clients can judge it.
    DateSource, "date source" {
        /// The client sent it.
        Given = "given",
        /// HTML metadata: meta tags, JSON-LD or `<time>`.
        Metadata = "metadata",
        /// A dateline in the text.
        Dateline = "dateline",
        /// Not found; nothing was assumed.
        Unknown = "unknown",
    }
}

/// An article after normalisation: the main text that evidence offsets refer to, plus the
/// metadata found on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct NormalizedArticle {
    /// Title, given or found.
    pub title: Option<String>,
    /// Publication time, given or found.
    pub published_at: Option<DateTime<Utc>>,
    /// Where `published_at` came from.
    pub published_at_source: DateSource,
    /// The canonical URL (`<link rel=canonical>`, `og:url`, or the given URL), normalised.
    pub canonical_url: Option<String>,
    /// Byline or author, when the page names one.
    pub byline: Option<String>,
    /// ISO 639-1 language code, when detected.
    pub language: Option<String>,
    /// The main text: paragraphs separated by a blank line, page furniture removed.
    pub text: String,
    /// Lower-case hex SHA-256 of a whitespace- and case-folded `text`; equal for the same
    /// story delivered as HTML or as plain text.
    pub content_hash: String,
}

/// A resolved actor: a state, a state organ, an international body or a non-state group.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    /// The name as the article put it ("the South Korean government").
    pub name: String,
    /// ISO3 for states and their organs; upper-case short names otherwise (`NATO`, `HAMAS`).
    pub code: String,
    /// ISO3 of the state the actor belongs to, if any.
    pub country: Option<String>,
    /// Which part of the state or body.
    pub sector: Option<Sector>,
    /// The person the phrase names, in full: by name ("President Macron": "Emmanuel
    /// Macron") or by the title of an office on the event's date ("the French president").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
}

string_enum! {
    /// How precise a location is.
    PlacePrecision, "place precision" {
        /// A point: a city or town.
        City = "city",
        /// A region, province or area inside a country.
        Region = "region",
        /// Only the country is known.
        Country = "country",
    }
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// The place name as resolved ("Kursk", "Russia").
    pub name: String,
    /// ISO3 of the country the place is in.
    pub country: Option<String>,
    /// Latitude in degrees, WGS84.
    pub lat: Option<f64>,
    /// Longitude in degrees, WGS84.
    pub lon: Option<f64>,
    /// City, region or country.
    pub precision: PlacePrecision,
}

string_enum! {
    /// How precise an event date is.
    DatePrecision, "date precision" {
        /// A single day.
        Day = "day",
        /// A week, or a span of a few days.
        Week = "week",
        /// A month.
        Month = "month",
        /// A year.
        Year = "year",
    }
}

/// When an event happened: an inclusive date range with its precision and the words that
/// said so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct When {
    /// First day of the range.
    pub start: NaiveDate,
    /// Last day of the range (inclusive).
    pub end: NaiveDate,
    /// How precise the range is.
    pub precision: DatePrecision,
    /// The words that gave the date ("on Tuesday", "last week"), or `None` when the date
    /// was inferred from the publication date alone.
    pub text: Option<String>,
}

string_enum! {
    /// How a number was qualified in the text.
    QuantityQualifier, "quantity qualifier" {
        /// Stated as is.
        Exact = "exact",
        /// "about", "around", "roughly", "some".
        Approximate = "approximate",
        /// "at least", "more than", "over".
        AtLeast = "at_least",
        /// "as many as", "up to", "at most", "fewer than".
        UpTo = "up_to",
    }
}

/// A counted or measured amount attached to an event: troops, weapons, money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The amount, scaled ("3.5 billion" is 3.5e9).
    pub value: f64,
    /// What is counted: `troops`, `people`, `weapons`, `money`, ...
    pub unit: String,
    /// ISO 4217 code when the unit is money.
    pub currency: Option<String>,
    /// How the number was qualified.
    pub qualifier: QuantityQualifier,
    /// The words that gave the number ("as many as 12,000").
    pub text: String,
}

/// A quotation attached to a statement event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub text: String,
    /// Who said them, as named in the article.
    pub speaker: Option<String>,
}

/// The sentence that says an event happened, located in the normalised text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The sentence, exactly as it appears in the normalised text.
    pub sentence: String,
    /// Offset of the first character, counted in Unicode scalar values (not bytes).
    pub start: usize,
    /// Offset one past the last character, in Unicode scalar values.
    pub end: usize,
}

/// One event as the extractor found it in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractedEvent {
    /// What happened.
    pub kind: Kind,
    /// CAMEO code: the kind's default or a more specific code under the same root.
    pub cameo: Cameo,
    /// Who did it.
    pub actor: Option<Actor>,
    /// To whom.
    pub target: Option<Actor>,
    /// Where.
    pub location: Option<Place>,
    /// When.
    pub when: Option<When>,
    /// How many or how much.
    pub quantity: Option<Quantity>,
    /// How certain the article is.
    pub modality: Modality,
    /// Who the article says reports it ("U.S. and Ukrainian officials"), if attributed.
    pub attribution: Option<String>,
    /// The quotation, for statement events.
    pub quote: Option<Quote>,
    /// One line: actor, action, target.
    pub summary: String,
    /// In [0, 1]: how likely the event is coded right.
    pub confidence: f32,
    /// The sentences that say so, in text order; more than one when the article mentions
    /// the same event twice. Never empty.
    pub evidence: Vec<Evidence>,
}

impl ExtractedEvent {
    /// The PLOVER type, derived from the kind.
    pub fn plover(&self) -> Option<Plover> {
        self.kind.plover()
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; nothing was lost.
    Info,
    /// Something was dropped or guessed.
    Warning,
}

/// A note from the extractor about input it could not fully use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// How serious.
    pub severity: Severity,
    /// A stable machine-readable code (`no_main_text`, `date_not_found`, ...).
    pub code: String,
    /// A human-readable explanation.
    pub message: String,
}

impl Diagnostic {
    /// An informational note.
    pub fn info(code: &str, message: impl Into<String>) -> Self {
        Self { severity: Severity::Info, code: code.to_owned(), message: message.into() }
    }

    /// A warning: something was dropped or guessed.
    pub fn warning(code: &str, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, code: code.to_owned(), message: message.into() }
    }
}

/// Everything extraction produces for one article. Extraction never fails: odd input
/// yields fewer events and more diagnostics.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    /// The normalised article.
    pub article: NormalizedArticle,
    /// Events in the order their evidence appears.
    pub events: Vec<ExtractedEvent>,
    /// Notes about what could not be used.
    pub diagnostics: Vec<Diagnostic>,
}

/// Identifier of a stored article (a time-ordered UUID v7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(pub Uuid);

/// Identifier of a stored event (a time-ordered UUID v7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EventId(pub Uuid);

/// Identifier of one source of an event: one article's report of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceId(pub Uuid);

string_enum! {
    /// How an article arrived.
    BodyFormat, "body format" {
        /// Plain text.
        Text = "text",
        /// An HTML page.
        Html = "html",
    }
}

/// A stored article: the normalised text evidence offsets refer to, and its metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Identifier.
    pub id: ArticleId,
    /// The URL the client gave.
    pub url: Option<String>,
    /// The canonical URL, used for idempotency.
    pub canonical_url: Option<String>,
    /// Host of the canonical URL, without `www.`.
    pub source_domain: Option<String>,
    /// Outlet name the client gave.
    pub source: Option<String>,
    /// Title, given or found.
    pub title: Option<String>,
    /// Publication time, given or found.
    pub published_at: Option<DateTime<Utc>>,
    /// Where `published_at` came from.
    pub published_at_source: DateSource,
    /// ISO 639-1 language, when detected.
    pub language: Option<String>,
    /// Byline, when found.
    pub byline: Option<String>,
    /// Text or HTML on the way in.
    pub format: BodyFormat,
    /// The normalised main text.
    pub text: String,
    /// Hash of the folded text, used for idempotency.
    pub content_hash: String,
    /// Notes from normalisation and extraction.
    pub diagnostics: Vec<Diagnostic>,
    /// Extractor version that produced the stored events.
    pub extractor_version: String,
    /// When the service stored it.
    pub ingested_at: DateTime<Utc>,
}

/// Why a source was attached to an existing event instead of creating a new one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergeReason {
    /// How strongly the reports agree, in [0, 1] (three decimals).
    pub score: f64,
    /// The fields that matched (`kind_family`, `actor`, `target`, `location`, `date`, ...).
    pub matched: Vec<String>,
    /// A readable sentence for analysts.
    pub explanation: String,
    /// `automatic`, or the analyst who merged by hand.
    pub by: String,
}

/// One article's report of an event, with its own evidence and figures.
#[derive(Debug, Clone, PartialEq)]
pub struct EventSource {
    /// Identifier.
    pub id: SourceId,
    /// The reporting article.
    pub article_id: ArticleId,
    /// Its URL, when known.
    pub url: Option<String>,
    /// Its title, when known.
    pub title: Option<String>,
    /// Its outlet domain, when known.
    pub source_domain: Option<String>,
    /// Its publication time, when known.
    pub published_at: Option<DateTime<Utc>>,
    /// What the extractor found in this article, exactly as extracted.
    pub extracted: ExtractedEvent,
    /// Why it was merged into the event; `None` for the source that created the event.
    pub merge_reason: Option<MergeReason>,
    /// Extractor version that produced it.
    pub extractor_version: String,
    /// When it was attached.
    pub added_at: DateTime<Utc>,
}

/// An event as stored: the merged view over all its sources.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Identifier.
    pub id: EventId,
    /// The current values (after merging and analyst corrections).
    pub fields: ExtractedEvent,
    /// How many sources report it.
    pub source_count: i32,
    /// Earliest publication (or ingest) time among its sources.
    pub first_reported_at: Option<DateTime<Utc>>,
    /// Latest publication (or ingest) time among its sources.
    pub last_reported_at: Option<DateTime<Utc>>,
    /// Position in the change feed of the event's latest change.
    pub seq: i64,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// When an analyst retracted it, if so.
    pub retracted_at: Option<DateTime<Utc>>,
    /// The event this one was folded into, if it was merged away.
    pub merged_into: Option<EventId>,
    /// Whether an analyst curated it (it is then never merged automatically).
    pub locked: bool,
    /// The spread of figures its sources report.
    pub quantity_range: Option<merge::QuantityRange>,
    /// Analyst corrections in force, if any.
    pub corrections: Option<Corrections>,
    /// The merged fields before corrections, when corrections exist.
    pub original: Option<ExtractedEvent>,
    /// Its sources, oldest first (may be limited in list views).
    pub sources: Vec<EventSource>,
}

/// A corrected field: `value` replaces what the sources say (`None` clears it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Corrected<T> {
    /// The analyst's value.
    pub value: Option<T>,
}

/// An analyst's corrections of an event. Absent fields follow the sources; present ones
/// override them until corrected again. The extractor's values stay on the sources.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Corrections {
    /// Corrected kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    /// Corrected modality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modality: Option<Modality>,
    /// Corrected actor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<Corrected<Actor>>,
    /// Corrected target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Corrected<Actor>>,
    /// Corrected location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Corrected<Place>>,
    /// Corrected date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Corrected<When>>,
    /// Corrected quantity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Corrected<Quantity>>,
}

impl Corrections {
    /// Whether nothing is corrected.
    pub fn is_empty(&self) -> bool {
        *self == Corrections::default()
    }

    /// Names of the corrected fields.
    pub fn fields(&self) -> Vec<&'static str> {
        let mut names = Vec::new();
        let flags = [
            ("kind", self.kind.is_some()),
            ("modality", self.modality.is_some()),
            ("actor", self.actor.is_some()),
            ("target", self.target.is_some()),
            ("location", self.location.is_some()),
            ("when", self.when.is_some()),
            ("quantity", self.quantity.is_some()),
        ];
        for (name, set) in flags {
            if set {
                names.push(name);
            }
        }
        names
    }

    /// Layers `newer` on top: its fields replace these.
    pub fn update(&mut self, newer: Corrections) {
        self.kind = newer.kind.or(self.kind);
        self.modality = newer.modality.or(self.modality);
        self.actor = newer.actor.or(self.actor.take());
        self.target = newer.target.or(self.target.take());
        self.location = newer.location.or(self.location.take());
        self.when = newer.when.or(self.when.take());
        self.quantity = newer.quantity.or(self.quantity.take());
    }

    /// Applies the corrections to merged fields.
    pub fn apply(&self, fields: &mut ExtractedEvent) {
        if let Some(kind) = self.kind
            && kind != fields.kind
        {
            fields.kind = kind;
            if !kind.accepts_cameo(fields.cameo) {
                fields.cameo = kind.cameo();
            }
        }
        if let Some(modality) = self.modality {
            fields.modality = modality;
        }
        if let Some(c) = &self.actor {
            fields.actor = c.value.clone();
        }
        if let Some(c) = &self.target {
            fields.target = c.value.clone();
        }
        if let Some(c) = &self.location {
            fields.location = c.value.clone();
        }
        if let Some(c) = &self.when {
            fields.when = c.value.clone();
        }
        if let Some(c) = &self.quantity {
            fields.quantity = c.value.clone();
        }
    }
}

/// An article in a list: its metadata, how many events it reports, and a snippet.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleSummary {
    /// Identifier.
    pub id: ArticleId,
    /// The URL the client gave.
    pub url: Option<String>,
    /// Outlet domain.
    pub source_domain: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Publication time.
    pub published_at: Option<DateTime<Utc>>,
    /// Language.
    pub language: Option<String>,
    /// When it was stored.
    pub ingested_at: DateTime<Utc>,
    /// Events it reports.
    pub event_count: i64,
    /// The start of the text, or the passage matching a search.
    pub snippet: String,
}
