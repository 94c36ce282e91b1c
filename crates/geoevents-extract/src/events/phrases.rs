//! Actor phrases: gazetteer mentions grown into the noun phrases that can fill a role.
//!
//! A bare demonym is an adjective; it becomes an actor only with a head noun that can act
//! ("North Korean troops" -> PRK military, "the South Korean government" -> KOR government,
//! "Ukrainian officials" -> UKR government). A title before or after a demonym makes a
//! person ("British Foreign Secretary Tom King" -> GBR). A possessive either names an organ
//! ("Poland's parliament") or a possessor for a nominal trigger ("North Korea's troop
//! deployment"). A generic agent noun takes the country of a following "in/of/from" phrase
//! ("security forces in Guinea", "the president of Armenia"). Plural demonyms
//! ("Palestinians") are looked up without their "s". Coordinated phrases ("South Korea and
//! Japan", "U.S. and Ukrainian officials") form a group; roles take every member of a group.

use geoevents_domain::Sector;

use super::lexicon::{VerbForm, class, cue, func};
use super::tokens::{Token, TokenKind};
use crate::gazetteer::{ActorEntry, ActorKind, Form, Gazetteer, Mention, PlaceEntry};

/// A personal pronoun standing for an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    /// he, she: a person.
    Person,
    /// it: a state or body.
    It,
    /// they: a group or a state.
    They,
    /// we, I: the speaker.
    Speaker,
}

/// A noun phrase that can fill a role (or name a place).
#[derive(Debug, Clone)]
pub struct Chunk<'g> {
    /// First token.
    pub start: usize,
    /// One past the last token (a possessive marker is not included).
    pub end: usize,
    /// The actor the phrase resolves to.
    pub actor: Option<&'g ActorEntry>,
    /// The sector the phrase implies.
    pub sector: Option<Sector>,
    /// The place the phrase names, if it is a location.
    pub place: Option<&'g PlaceEntry>,
    /// The phrase can be a subject: an entity or a head noun that acts.
    pub agentive: bool,
    /// Followed by "'s" without an organ noun: a possessor.
    pub possessive: bool,
    /// Inside a hyphenated modifier ("U.S.-led"); never an actor or target by itself.
    pub modifier: bool,
    /// "Vietnamese-led forces": an actor through its head noun, never a target.
    pub led: bool,
    /// A pronoun, resolved later.
    pub pronoun: Option<Pronoun>,
    /// A named person (a leader, minister or official), for "he said" carry-over.
    pub person: bool,
    /// Index of the first chunk of its coordination group (its own index when alone).
    pub group: usize,
    /// The group is introduced by "between".
    pub between: bool,
}

impl Chunk<'_> {
    /// Whether the phrase resolves to an actor code.
    pub fn resolved(&self) -> bool {
        self.actor.is_some()
    }
}

/// Builds the actor phrases of one sentence from its tokens and the gazetteer mentions
/// inside it (byte offsets into the article text).
pub fn build_chunks<'g>(
    tokens: &[Token<'_>],
    mentions: &[Mention<'g>],
    gazetteer: &'g Gazetteer,
) -> Vec<Chunk<'g>> {
    let mut chunks: Vec<Chunk<'g>> = Vec::new();
    let mut covered = vec![false; tokens.len()];
    for m in mentions {
        let first = tokens.partition_point(|t| t.end <= m.start);
        let last = tokens.partition_point(|t| t.start < m.end);
        if first >= last || first >= tokens.len() {
            continue;
        }
        if covered[first..last].iter().any(|c| *c) {
            continue;
        }
        let inside_word = tokens[first].start < m.start || tokens[last - 1].end > m.end;
        let led = inside_word && tokens[last - 1].lower.ends_with("-led");
        let mut chunk = Chunk {
            start: first,
            end: last,
            actor: m.actor,
            sector: m.sector.or(match m.form {
                Form::Person => Some(Sector::Leader),
                Form::Capital | Form::Metonym => Some(Sector::Government),
                _ => None,
            }),
            place: m.place,
            agentive: m.actor.is_some() && !inside_word,
            possessive: false,
            modifier: inside_word && !led,
            led,
            pronoun: None,
            person: m.form == Form::Person,
            group: 0,
            between: false,
        };
        if !chunk.modifier {
            grow(&mut chunk, m.form, tokens, led);
        }
        // "ethnic Albanian activists", "ethnic Turks": an ethnicity, not the state.
        if matches!(m.form, Form::Demonym | Form::Organ) && first > 0 && tokens[first - 1].is("ethnic") {
            chunk.actor = None;
            chunk.sector = Some(Sector::Civilians);
        }
        for c in covered.iter_mut().take(chunk.end.min(tokens.len())).skip(chunk.start) {
            *c = true;
        }
        chunks.push(chunk);
    }
    add_plural_demonyms(tokens, gazetteer, &mut covered, &mut chunks);
    add_agent_nouns(tokens, &mut covered, &mut chunks);
    chunks.sort_by_key(|c| c.start);
    merge_appositive_names(tokens, &mut chunks);
    absorb_of_phrases(tokens, gazetteer, &mut chunks);
    regional_rebels(tokens, gazetteer, &mut chunks);
    for (i, c) in chunks.iter_mut().enumerate() {
        c.group = i;
    }
    group_coordinations(tokens, &mut chunks);
    chunks
}

/// Grows a mention into its phrase: titles to the left, head nouns, titles and names to the
/// right, possessives.
fn grow(chunk: &mut Chunk<'_>, form: Form, tokens: &[Token<'_>], led: bool) {
    // Titles to the left: "President Yoon", "Foreign Minister Lavrov".
    let mut s = chunk.start;
    let mut title_sector = None;
    while s > 0 && chunk.start - s < 4 {
        let t = &tokens[s - 1];
        if !t.capitalised || t.kind != TokenKind::Word {
            break;
        }
        if let Some(sector) = t.info.and_then(|i| i.title) {
            title_sector.get_or_insert(sector);
            s -= 1;
        } else if t.cue(cue::TITLE_MODIFIER) {
            s -= 1;
        } else {
            break;
        }
    }
    if title_sector.is_some() {
        chunk.start = s;
        chunk.sector = title_sector;
        chunk.person = true;
    }
    let end = chunk.end;
    if end < tokens.len() && tokens[end].is_possessive() {
        // "Poland's parliament" is an organ; "North Korea's deployment" a possessor.
        if let Some((head_end, sector, person)) = head_after(tokens, end + 1, 4) {
            chunk.end = head_end;
            chunk.sector = sector.or(chunk.sector);
            chunk.person |= person;
            chunk.agentive = chunk.actor.is_some();
        } else {
            chunk.possessive = true;
            chunk.agentive = false;
        }
        return;
    }
    // "U.N. Secretary-General Kofi Annan", "Foreign Minister Sergei Lavrov": a mention that
    // ends in a title takes the name after it.
    if chunk.end > 0 && tokens[chunk.end - 1].info.is_some_and(|i| i.title.is_some()) {
        let mut k = chunk.end;
        while k < tokens.len()
            && tokens[k].capitalised
            && tokens[k].kind == TokenKind::Word
            && tokens[k].info.is_none_or(|i| i.flags == 0 && i.verb.is_none())
        {
            k += 1;
        }
        if k > chunk.end {
            chunk.end = k;
            chunk.person = true;
            return;
        }
    }
    let demonym_like = form == Form::Demonym || led;
    // "NATO allies", "EU member states", "Hamas members": the members of a body or group
    // act for it. Not for states: "U.S. allies" are other states.
    let body =
        chunk.actor.is_some_and(|a| matches!(a.kind, ActorKind::International | ActorKind::ArmedGroup));
    if body && let Some(head_end) = member_head(tokens, end) {
        chunk.end = head_end;
        chunk.agentive = true;
        chunk.sector = chunk.sector.or(Some(Sector::International));
        return;
    }
    match head_after(tokens, end, 4) {
        Some((head_end, sector, person)) => {
            chunk.end = head_end;
            chunk.sector = sector.or(chunk.sector);
            chunk.person |= person;
            chunk.agentive = chunk.actor.is_some();
        }
        None if demonym_like => {
            // A demonym before a noun that cannot act ("Russian language") is only a
            // modifier; alone ("the Palestinians reject") it stands for its people.
            let next_is_noun = tokens.get(end).is_some_and(|t| is_noun_like(t, true));
            chunk.agentive = !next_is_noun && form == Form::Demonym && !led;
        }
        None => {
            // "the Ukraine war" names a thing; "Russia plans", "Russia sanctioned" a subject and
            // its verb.
            let finite_verb = tokens.get(end).is_some_and(|t| {
                t.info.and_then(|i| i.verb).is_some_and(|(_, f)| {
                    matches!(f, super::lexicon::VerbForm::Third | super::lexicon::VerbForm::Past)
                })
            });
            if tokens.get(end).is_some_and(|t| is_noun_like(t, false)) && form == Form::Name && !finite_verb {
                chunk.agentive = false;
            }
        }
    }
    // "UN inspectors", "EU officials": staff of an international body act for the body.
    if chunk.actor.is_some_and(|a| a.kind == ActorKind::International)
        && matches!(chunk.sector, Some(Sector::Government | Sector::Civilians))
        && !chunk.person
    {
        chunk.sector = Some(Sector::International);
    }
    if chunk.agentive && chunk.sector.is_none() {
        chunk.sector = match chunk.actor.map(|a| a.kind) {
            Some(ActorKind::International) => Some(Sector::International),
            Some(ActorKind::ArmedGroup) => Some(Sector::Rebels),
            Some(ActorKind::State) if form != Form::Demonym => Some(Sector::Government),
            _ => None,
        };
    }
}

/// "allies", "partners", "members", "member states", "member countries" right after
/// `from`: the end of that head.
fn member_head(tokens: &[Token<'_>], from: usize) -> Option<usize> {
    let t = tokens.get(from)?;
    if t.cue(cue::MEMBER_HEAD) {
        return Some(from + 1);
    }
    (t.is("member") && tokens.get(from + 1).is_some_and(|n| n.cue(cue::MEMBER_PLURAL))).then_some(from + 2)
}

/// Looks for an agent head noun or a title (plus the person's name after it) in the few
/// words after `from`. Returns the end of the phrase, the sector and whether it names a
/// person.
fn head_after(tokens: &[Token<'_>], from: usize, window: usize) -> Option<(usize, Option<Sector>, bool)> {
    let mut found: Option<(usize, Option<Sector>, bool)> = None;
    let mut rebel_or_police: Option<Sector> = None;
    let mut j = from;
    while j < tokens.len() && j < from + window {
        let t = &tokens[j];
        if t.kind != TokenKind::Word {
            break;
        }
        let info = t.info;
        let flags = info.map_or(0, |i| i.flags);
        if flags & (func::PREP | func::DET | func::CONJ | func::AUX | func::SUBORD | func::PRONOUN) != 0 {
            break;
        }
        if let Some(sector) = info.and_then(|i| i.title) {
            // A title: absorb the capitalised name after it.
            let mut k = j + 1;
            while k < tokens.len()
                && tokens[k].capitalised
                && tokens[k].kind == TokenKind::Word
                && tokens[k].info.is_none_or(|i| i.title.is_some() || i.flags == 0)
            {
                k += 1;
            }
            let named = k > j + 1;
            found = Some((k, Some(sector), named));
            if named {
                break;
            }
            j += 1;
            continue;
        }
        // "Russia's upper house", "the lower chamber": a legislature.
        if t.cue(cue::CHAMBER) && j > 0 && tokens[j - 1].cue(cue::CHAMBER_SIDE) {
            found = Some((j + 1, Some(Sector::Legislature), false));
            j += 1;
            continue;
        }
        // "the Palestinian Islamic Jihad movement", "the ruling party": heads that make a
        // named body an actor without saying which part of a state it is.
        if t.cue(cue::BODY_HEAD) {
            found = Some((j + 1, None, false));
            j += 1;
            continue;
        }
        if let Some(sector) = info.and_then(|i| i.agent) {
            let sector = if t.cue(cue::FORCE_NOUN) && j > 0 && tokens[j - 1].cue(cue::SECURITY) {
                Sector::Police
            } else {
                sector
            };
            if matches!(sector, Sector::Rebels | Sector::Police | Sector::Opposition) {
                rebel_or_police.get_or_insert(sector);
            }
            found = Some((j + 1, Some(rebel_or_police.unwrap_or(sector)), false));
            j += 1;
            continue;
        }
        if t.capitalised && found.is_none() && !t.cue(cue::TITLE_MODIFIER) {
            break;
        }
        let adjectival_ing = t.lower.ends_with("ing")
            && tokens
                .get(j + 1)
                .is_some_and(|n| n.kind == TokenKind::Word && !n.capitalised && !is_verb_like(n));
        // "army-aligned", "Iran-backed", "state-run": a hyphenated participle is an
        // adjective of the head noun after it.
        let hyphenated =
            t.lower.contains('-') && t.info.is_none_or(|i| i.verb.is_none() && i.agent.is_none());
        // "finance ministers", "trade minister", "defense secretary": a word with a verb
        // reading before a title or agent noun modifies it.
        // Only a base form: "sent troops" is a verb and its object.
        let base_form = t.info.and_then(|i| i.verb).is_some_and(|(_, f)| f == super::lexicon::VerbForm::Base);
        let before_head = base_form
            && tokens
                .get(j + 1)
                .is_some_and(|n| n.info.is_some_and(|i| i.title.is_some() || i.agent.is_some()));
        if found.is_some() || (is_verb_like(t) && !adjectival_ing && !before_head && !hyphenated) {
            break;
        }
        j += 1;
    }
    found
}

/// A word that reads as a verb here: a lexicon verb form or an -ed/-ing/-s word unknown to
/// the lexicon.
pub fn is_verb_like(t: &Token<'_>) -> bool {
    if t.kind != TokenKind::Word {
        return false;
    }
    match t.info {
        Some(info) => info.verb.is_some() || info.flags & func::AUX != 0,
        None => t.lower.ends_with("ed") || t.lower.ends_with("ing"),
    }
}

/// A lower-case word that reads as a noun or adjective rather than a verb or function word.
fn is_noun_like(t: &Token<'_>, plural_is_noun: bool) -> bool {
    if t.kind != TokenKind::Word || t.capitalised {
        return false;
    }
    match t.info {
        Some(info) => {
            info.flags
                & (func::PREP
                    | func::DET
                    | func::CONJ
                    | func::AUX
                    | func::SUBORD
                    | func::PRONOUN
                    | func::ADVERB)
                == 0
                && (info.verb.is_none() || info.noun.is_some() || info.classes != 0)
        }
        None => {
            let l = t.lower.as_ref();
            let time = t.cue(cue::DAY_DEICTIC) || matches!(l, "again" | "once");
            !(time
                || l.ends_with("ed")
                || l.ends_with("ing")
                || l.ends_with("ly")
                || (!plural_is_noun && l.ends_with('s')))
        }
    }
}

/// "Palestinians", "Liberians": a capitalised plural whose singular is a demonym.
fn add_plural_demonyms<'g>(
    tokens: &[Token<'_>],
    gazetteer: &'g Gazetteer,
    covered: &mut [bool],
    chunks: &mut Vec<Chunk<'g>>,
) {
    for (i, t) in tokens.iter().enumerate() {
        if covered[i] || !t.capitalised || t.kind != TokenKind::Word || t.text.len() < 4 {
            continue;
        }
        // Plural demonyms end in -ans, -is or -ns ("Palestinians", "Israelis", "Afghans");
        // looking up every capitalised plural would cost a gazetteer pass per word.
        if !(t.text.ends_with("ans") || t.text.ends_with("is") || t.text.ends_with("ns")) {
            continue;
        }
        let Some(singular) = t.text.strip_suffix('s') else { continue };
        let found = gazetteer.find(singular);
        let [m] = found.as_slice() else { continue };
        if m.start != 0 || m.end != singular.len() || m.form != Form::Demonym || m.actor.is_none() {
            continue;
        }
        covered[i] = true;
        chunks.push(Chunk {
            start: i,
            end: i + 1,
            actor: m.actor,
            sector: None,
            place: None,
            agentive: true,
            possessive: false,
            modifier: false,
            led: false,
            pronoun: None,
            person: false,
            group: 0,
            between: false,
        });
    }
}

/// Generic agent nouns ("the rebels", "police") and pronouns become phrases without a
/// country; they still block a more distant entity from being taken as the subject.
fn add_agent_nouns<'g>(tokens: &[Token<'_>], covered: &mut [bool], chunks: &mut Vec<Chunk<'g>>) {
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if covered[i] || t.kind != TokenKind::Word {
            i += 1;
            continue;
        }
        let info = t.info;
        // "The two agreed to ...": "two" standing for a pair, read as "the two sides".
        if t.is("two")
            && i > 0
            && tokens[i - 1].is("the")
            && tokens.get(i + 1).is_some_and(|n| {
                n.info.is_some_and(|x| {
                    x.flags & func::AUX != 0 || matches!(x.verb, Some((_, VerbForm::Past | VerbForm::Third)))
                })
            })
        {
            covered[i] = true;
            chunks.push(generic_chunk(i, i + 1, None, None));
            i += 1;
            continue;
        }
        if info.is_some_and(|i| i.flags & func::PRONOUN != 0) {
            let pronoun = match t.lower.as_ref() {
                "he" | "she" => Pronoun::Person,
                "it" => Pronoun::It,
                "they" => Pronoun::They,
                _ => Pronoun::Speaker,
            };
            covered[i] = true;
            chunks.push(generic_chunk(i, i + 1, None, Some(pronoun)));
            i += 1;
            continue;
        }
        // "Prime Minister Mahendra Chaudhry", "former president Carlos Menem": a title and a
        // name the registry does not know still make a person, without a country.
        if let Some(sector) = info.and_then(|x| x.title) {
            let mut j = i + 1;
            while j < tokens.len() && !covered[j] && tokens[j].info.is_some_and(|x| x.title.is_some()) {
                j += 1;
            }
            let names_start = j;
            while j < tokens.len()
                && !covered[j]
                && tokens[j].capitalised
                && tokens[j].kind == TokenKind::Word
                && tokens[j].info.is_none_or(|x| x.flags == 0 && x.verb.is_none())
            {
                j += 1;
            }
            if j > names_start {
                for c in covered.iter_mut().take(j).skip(i) {
                    *c = true;
                }
                let mut chunk = generic_chunk(i, j, Some(sector), None);
                chunk.person = true;
                chunks.push(chunk);
                i = j;
                continue;
            }
        }
        // "an official protest", "a military operation": adjectives, not agents; but in "the
        // government accused" and "the military launched" a finite verb follows its subject.
        let adjective = t.cue(cue::ADJECTIVE_AGENT)
            && i > 0
            && tokens[i - 1].info.is_some_and(|x| x.flags & func::DET != 0)
            && tokens.get(i + 1).is_some_and(|n| {
                n.kind == TokenKind::Word
                    && !n.capitalised
                    && n.info.is_none_or(|x| {
                        x.agent.is_none()
                            && x.flags == 0
                            && !matches!(x.verb, Some((_, VerbForm::Past | VerbForm::Third)))
                    })
            });
        if adjective {
            i += 1;
            continue;
        }
        if let Some(sector) = info.and_then(|i| i.agent) {
            // Extend over following agent nouns ("army officers", "rebel leaders").
            let mut end = i + 1;
            let mut sector = sector;
            if t.cue(cue::SECURITY) {
                i += 1;
                continue;
            }
            while end < tokens.len() && !covered[end] && tokens[end].info.and_then(|x| x.agent).is_some() {
                if !matches!(sector, Sector::Rebels | Sector::Police | Sector::Opposition) {
                    sector = tokens[end].info.and_then(|x| x.agent).unwrap_or(sector);
                }
                end += 1;
            }
            if t.cue(cue::FORCE_NOUN) && i > 0 && tokens[i - 1].cue(cue::SECURITY) {
                sector = Sector::Police;
            }
            for c in covered.iter_mut().take(end).skip(i) {
                *c = true;
            }
            chunks.push(generic_chunk(i, end, Some(sector), None));
            i = end;
            continue;
        }
        i += 1;
    }
}

fn generic_chunk<'g>(
    start: usize,
    end: usize,
    sector: Option<Sector>,
    pronoun: Option<Pronoun>,
) -> Chunk<'g> {
    Chunk {
        start,
        end,
        actor: None,
        sector,
        place: None,
        agentive: true,
        possessive: false,
        modifier: false,
        led: false,
        pronoun,
        person: false,
        group: 0,
        between: false,
    }
}

/// "the rebel Kurdistan Workers' Party", "the militant group Hamas", "rebel leader Foday
/// Sankoh": a generic agent noun right before a named actor describes it; the two are one
/// phrase that resolves to the name.
fn merge_appositive_names(tokens: &[Token<'_>], chunks: &mut Vec<Chunk<'_>>) {
    let mut i = 0;
    while i + 1 < chunks.len() {
        let (a, b) = (&chunks[i], &chunks[i + 1]);
        let generic = a.actor.is_none() && a.place.is_none() && a.pronoun.is_none() && !a.possessive;
        // "Armed forces chief General Romeo Brawner", "junta spokesman Colonel X": a head
        // word of rank may sit between the generic noun and the name.
        let gap = b.start >= a.end
            && b.start - a.end <= 1
            && tokens[a.end..b.start].iter().all(|t| t.cue(cue::LEADING_NOUN));
        if generic && gap && b.actor.is_some() && b.agentive && !b.modifier {
            let start = a.start;
            let sector = a.sector;
            chunks.remove(i);
            let named = &mut chunks[i];
            named.start = start;
            named.sector = named.sector.or(sector);
            continue;
        }
        i += 1;
    }
}

/// "security forces in Guinea", "the president of Armenia", "demonstrators in Baghdad": a
/// generic agent phrase takes the country of the phrase after in/of/from.
fn absorb_of_phrases<'g>(tokens: &[Token<'_>], gazetteer: &'g Gazetteer, chunks: &mut Vec<Chunk<'g>>) {
    // Right to left, so a chain resolves from its end: "the board of governors of the
    // IAEA" is the governors of the IAEA first, then their board.
    let mut i = chunks.len().saturating_sub(1);
    while i > 0 {
        i -= 1;
        let (a, b) = (&chunks[i], &chunks[i + 1]);
        // "its troops from Niger" are the subject's troops leaving Niger, not Niger's.
        let owned = a.start > 0 && tokens[a.start - 1].info.is_some_and(|i| i.flags & func::POSS != 0);
        let generic = a.actor.is_none() && a.pronoun.is_none() && a.sector.is_some() && !owned;
        let mut k = a.end;
        let linked = k < tokens.len() && matches!(tokens[k].lower.as_ref(), "in" | "of" | "from");
        if linked {
            k += 1;
            while k < tokens.len()
                && k < a.end + 4
                && (tokens[k].is("the")
                    || tokens[k].kind == TokenKind::Number
                    || tokens[k].info.is_some_and(|x| x.flags & func::NUMWORD != 0))
            {
                k += 1;
            }
        }
        // "Fighters of the Rwanda-backed M23 rebel group": a name modifying the next name
        // is passed over for the name it modifies.
        if generic
            && linked
            && b.start == k
            && b.modifier
            && let Some(c) = chunks.get(i + 2)
            && c.start <= b.end + 2
            && c.actor.is_some()
            && !c.modifier
        {
            let merged = Chunk {
                end: c.end,
                actor: c.actor,
                place: c.place,
                possessive: c.possessive,
                person: a.person || c.person,
                ..a.clone()
            };
            chunks[i] = merged;
            chunks.remove(i + 1);
            chunks.remove(i + 1);
            continue;
        }
        if generic && linked && b.start == k && !b.modifier {
            let actor = b.actor.or_else(|| b.place.and_then(|p| gazetteer.actor(&p.country)));
            if actor.is_some() {
                let merged = Chunk {
                    end: b.end,
                    actor,
                    place: b.place,
                    possessive: b.possessive,
                    person: a.person || b.person,
                    ..a.clone()
                };
                chunks[i] = merged;
                chunks.remove(i + 1);
            }
        }
    }
}

/// "Tigray rebels", "rebels in the Tigray region", "rebels in Ethiopia's northern Tigray
/// region": rebels of a region an armed group of its state is named after are that group
/// ([`Gazetteer::regional_group`]).
fn regional_rebels<'g>(tokens: &[Token<'_>], gazetteer: &'g Gazetteer, chunks: &mut Vec<Chunk<'g>>) {
    let group_of = |c: &Chunk<'g>| {
        let place = c.place?;
        let group = gazetteer.regional_group(place)?;
        c.actor.is_none_or(|a| a.code == place.country).then_some(group)
    };
    let mut i = 0;
    while i < chunks.len() {
        let c = &chunks[i];
        if c.sector != Some(Sector::Rebels) || c.pronoun.is_some() || c.modifier {
            i += 1;
            continue;
        }
        if let Some(group) = group_of(c) {
            chunks[i].actor = Some(group);
        } else if c.possessive
            && c.actor.is_some_and(|a| a.kind == ActorKind::State)
            && let Some(next) = chunks.get(i + 1)
            && next.start <= c.end + 3
            && (c.end..next.start).all(|k| {
                tokens[k].is_possessive() || tokens[k].info.is_none_or(|x| x.flags == 0 && x.verb.is_none())
            })
            && let Some(group) =
                group_of(next).filter(|g| g.country.as_deref() == c.actor.map(|a| a.code.as_str()))
        {
            let merged = Chunk {
                end: next.end,
                actor: Some(group),
                place: next.place,
                possessive: next.possessive,
                agentive: true,
                ..c.clone()
            };
            chunks[i] = merged;
            chunks.remove(i + 1);
        }
        i += 1;
    }
}

/// Marks coordinated phrases ("A and B", "A, B and C", "between A and B") as one group. A
/// bare demonym coordinated with a headed one shares its head ("Hungarian and Romanian
/// officials").
fn group_coordinations(tokens: &[Token<'_>], chunks: &mut [Chunk<'_>]) {
    let mut i = 0;
    while i < chunks.len() {
        let mut j = i;
        let mut closed = false;
        while j + 1 < chunks.len() {
            let gap_start = chunks[j].end;
            let next = chunks[j + 1].start;
            if next != gap_start + 1 && !(next == gap_start + 2 && tokens[gap_start + 1].is("the")) {
                break;
            }
            let joiner = tokens[gap_start].lower.as_ref();
            if matches!(joiner, "and" | "or" | "&") {
                j += 1;
                closed = true;
                break;
            } else if joiner == "," {
                j += 1;
            } else {
                break;
            }
        }
        if closed && j > i && chunks[i..=j].iter().all(|c| !c.modifier && c.pronoun.is_none()) {
            let last_sector = chunks[j].sector;
            let last_agentive = chunks[j].agentive;
            let between = chunks[i].start > 0 && tokens[chunks[i].start - 1].is("between");
            for c in &mut chunks[i..=j] {
                c.group = i;
                c.between = between;
                if c.sector.is_none() {
                    c.sector = last_sector;
                }
                if last_agentive && c.actor.is_some() {
                    c.agentive = true;
                }
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
}

/// Whether the chunk has the `class` of words at its head (used for "civilians", "troops").
pub fn head_has_class(chunk: &Chunk<'_>, tokens: &[Token<'_>], bits: super::lexicon::Classes) -> bool {
    chunk.end > chunk.start && tokens[chunk.end - 1].info.is_some_and(|i| i.classes & bits != 0)
}

/// The class bits of the words at a phrase's head.
pub fn troop_head(chunk: &Chunk<'_>, tokens: &[Token<'_>]) -> bool {
    head_has_class(chunk, tokens, class::TROOPS)
}
