//! The event ontology: our `Kind`, the PLOVER type and the default CAMEO code of each kind,
//! and the modality scale. The table mirrors `../shared/ONTOLOGY.md`; the code is the truth.

use std::fmt;

/// Error returned when a string names no known kind, PLOVER type, modality or sector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// What was being parsed ("kind", "plover", ...).
    pub what: &'static str,
    /// The rejected input.
    pub input: String,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} '{}'", self.what, self.input)
    }
}

impl std::error::Error for UnknownName {}

/// Declares [`Kind`] from one table. A row is one kind: its doc, wire name, PLOVER type
/// (`None` where PLOVER codes nothing), default CAMEO code and merge family. Adding a kind
/// is one row here plus its data (trigger rules, target slots, summary phrases).
macro_rules! kind_table {
    ($($(#[$doc:meta])* $variant:ident = $text:literal, $plover:expr, $cameo:literal, $family:ident;)+) => {
        string_enum! {
            /// What happened: the analyst-facing event type.
            Kind, "kind" { $($(#[$doc])* $variant = $text),+ }
        }

        impl Kind {
            /// The PLOVER type of the kind; `None` for plain policy statements, which PLOVER
            /// does not code.
            pub const fn plover(self) -> Option<Plover> {
                match self {
                    $(Kind::$variant => $plover),+
                }
            }

            /// The default CAMEO code of the kind. An extractor may report a more specific
            /// code under the same root.
            pub const fn cameo(self) -> Cameo {
                match self {
                    $(Kind::$variant => const { Cameo::of($cameo) }),+
                }
            }

            /// The merge family of the kind: two events can be the same real-world event
            /// only when their families are equal.
            pub const fn family(self) -> Family {
                match self {
                    $(Kind::$variant => Family::$family),+
                }
            }
        }
    };
}

kind_table! {
    // Variant = wire name, PLOVER type, default CAMEO code, merge family;
    /// Sent, deployed or stationed troops; massed forces.
    TroopDeployment = "troop_deployment", Some(Plover::Mobilize), "154", MobilizeForces;
    /// Drills, naval exercises, war games.
    MilitaryExercise = "military_exercise", Some(Plover::Mobilize), "150", MobilizeWeapons;
    /// Missile launches, nuclear tests.
    WeaponsTest = "weapons_test", Some(Plover::Mobilize), "150", MobilizeWeapons;
    /// Raised alert levels.
    MilitaryAlert = "military_alert", Some(Plover::Mobilize), "152", MobilizeForces;
    /// One-sided violence: strikes, shelling, bombing, invasion.
    Attack = "attack", Some(Plover::Assault), "190", Assault;
    /// Fighting between armed parties.
    ArmedClash = "armed_clash", Some(Plover::Assault), "190", Assault;
    /// Repression: arrests, bans, deportations, seizures.
    Coercion = "coercion", Some(Plover::Coerce), "170", Coerce;
    /// Threats and ultimatums.
    Threat = "threat", Some(Plover::Threaten), "130", Threaten;
    /// Sanctions, embargoes, asset freezes.
    SanctionsImposed = "sanctions_imposed", Some(Plover::Sanction), "163", Sanction;
    /// Expelled diplomats, recalled ambassadors, severed ties.
    DiplomaticDowngrade = "diplomatic_downgrade", Some(Plover::Sanction), "160", Sanction;
    /// Demonstrations, strikes, riots.
    Protest = "protest", Some(Plover::Protest), "140", Protest;
    /// Condemnation, concern, criticism.
    Criticism = "criticism", Some(Plover::Accuse), "111", Accuse;
    /// Accusations and blame.
    Accusation = "accusation", Some(Plover::Accuse), "112", Accuse;
    /// Investigations, probes, inquiries.
    Investigation = "investigation", Some(Plover::Accuse), "090", Investigate;
    /// Demands, urging, appeals.
    Demand = "demand", Some(Plover::Request), "100", Request;
    /// Rejections, refusals, vetoes.
    Rejection = "rejection", Some(Plover::Reject), "120", Reject;
    /// A stated policy or position.
    PolicyStatement = "policy_statement", None, "010", Statement;
    /// Pledges, promises, offers.
    IntentToCooperate = "intent_to_cooperate", Some(Plover::Agree), "030", Agree;
    /// Deals and agreements reached.
    Agreement = "agreement", Some(Plover::Agree), "057", Agree;
    /// A treaty, pact or accord signed.
    TreatySigned = "treaty_signed", Some(Plover::Support), "057", Treaty;
    /// A treaty ratified.
    TreatyRatified = "treaty_ratified", Some(Plover::Support), "057", Treaty;
    /// Praise, endorsement, recognition.
    DiplomaticSupport = "diplomatic_support", Some(Plover::Support), "051", Support;
    /// Meetings, visits, talks, calls.
    Meeting = "meeting", Some(Plover::Consult), "040", Consult;
    /// Joint training, defence cooperation, intelligence sharing.
    MilitaryCooperation = "military_cooperation", Some(Plover::Cooperate), "062", Cooperate;
    /// Trade, joint projects, investment.
    EconomicCooperation = "economic_cooperation", Some(Plover::Cooperate), "061", Cooperate;
    /// Weapons and military assistance supplied.
    MilitaryAid = "military_aid", Some(Plover::Aid), "072", Aid;
    /// Relief and medical aid.
    HumanitarianAid = "humanitarian_aid", Some(Plover::Aid), "073", Aid;
    /// Loans, grants, budget support.
    EconomicAid = "economic_aid", Some(Plover::Aid), "071", Aid;
    /// Eased restrictions, ceasefires declared, pardons, apologies.
    Concession = "concession", Some(Plover::Concede), "080", Concede;
    /// Sanctions lifted or eased.
    SanctionsEased = "sanctions_eased", Some(Plover::Retreat), "085", Retreat;
    /// Troops withdrawn, prisoners released.
    Withdrawal = "withdrawal", Some(Plover::Retreat), "087", Retreat;
}

string_enum! {
    /// The 16 PLOVER event types.
    Plover, "plover" {
        /// Offer or promise to cooperate, agree to act.
        Agree = "AGREE",
        /// Meet, visit, host, phone, negotiate.
        Consult = "CONSULT",
        /// Praise, endorse, recognise, sign or ratify.
        Support = "SUPPORT",
        /// Verbal concession.
        Concede = "CONCEDE",
        /// Material cooperation.
        Cooperate = "COOPERATE",
        /// Material help.
        Aid = "AID",
        /// Concession carried out.
        Retreat = "RETREAT",
        /// Demand, urge, appeal.
        Request = "REQUEST",
        /// Criticise, accuse, investigate.
        Accuse = "ACCUSE",
        /// Refuse, reject, veto.
        Reject = "REJECT",
        /// Threats and ultimatums.
        Threaten = "THREATEN",
        /// Demonstrations, strikes, riots.
        Protest = "PROTEST",
        /// Reduce relations.
        Sanction = "SANCTION",
        /// Show or move forces short of violence.
        Mobilize = "MOBILIZE",
        /// Repression.
        Coerce = "COERCE",
        /// Deliberate violence.
        Assault = "ASSAULT",
    }
}

string_enum! {
    /// How certain the article is that the event happened.
    Modality, "modality" {
        /// The article states it happened.
        Asserted = "asserted",
        /// Happened according to a third party, or hedged.
        Claimed = "claimed",
        /// Announced or intended for the future.
        Planned = "planned",
        /// Conditional or merely possible.
        Hypothetical = "hypothetical",
        /// Said not to have happened, or denied.
        Negated = "negated",
    }
}

string_enum! {
    /// Which part of a state (or other body) an actor is.
    Sector, "sector" {
        /// Executive government, ministries, officials.
        Government = "government",
        /// Armed forces.
        Military = "military",
        /// Parliament and legislators.
        Legislature = "legislature",
        /// Head of state or government, or a named senior official.
        Leader = "leader",
        /// Police and internal security.
        Police = "police",
        /// Political opposition.
        Opposition = "opposition",
        /// Civilians, residents, refugees.
        Civilians = "civilians",
        /// Press and broadcasters.
        Media = "media",
        /// Companies and business.
        Business = "business",
        /// Courts and prosecutors.
        Judiciary = "judiciary",
        /// Rebels, militias and other non-state armed groups.
        Rebels = "rebels",
        /// International organisations.
        International = "international",
    }
}

impl Modality {
    /// Whether `GET /v1/events` returns this modality when the client asks for none.
    pub const fn is_default_visible(self) -> bool {
        matches!(self, Modality::Asserted | Modality::Claimed)
    }

    /// Strength of the evidence that the event happened; higher wins when sources merge.
    pub const fn strength(self) -> u8 {
        match self {
            Modality::Asserted => 4,
            Modality::Claimed => 3,
            Modality::Planned => 2,
            Modality::Hypothetical => 1,
            Modality::Negated => 0,
        }
    }
}

string_enum! {
    /// A merge family: two reports can be one real-world event only when their kinds share
    /// a family. Kinds sharing a PLOVER type are one family, except where PLOVER lumps
    /// together things that are never the same event (a treaty ratified is not praise; a
    /// deployment is not a missile test).
    Family, "family" {
        /// Troops deployed, alerts raised.
        MobilizeForces = "mobilize_forces",
        /// Exercises and weapons tests.
        MobilizeWeapons = "mobilize_weapons",
        /// Attacks and clashes.
        Assault = "assault",
        /// Repression and seizures.
        Coerce = "coerce",
        /// Threats.
        Threaten = "threaten",
        /// Sanctions and diplomatic downgrades.
        Sanction = "sanction",
        /// Protests.
        Protest = "protest",
        /// Criticism and accusations.
        Accuse = "accuse",
        /// Investigations.
        Investigate = "investigate",
        /// Demands.
        Request = "request",
        /// Rejections.
        Reject = "reject",
        /// Policy statements.
        Statement = "statement",
        /// Pledges and agreements.
        Agree = "agree",
        /// Treaties signed and ratified.
        Treaty = "treaty",
        /// Diplomatic support.
        Support = "support",
        /// Meetings.
        Consult = "consult",
        /// Military and economic cooperation.
        Cooperate = "cooperate",
        /// Aid of every sort.
        Aid = "aid",
        /// Concessions.
        Concede = "concede",
        /// Sanctions eased, withdrawals.
        Retreat = "retreat",
    }
}

impl Family {
    /// Days by which two reports' date ranges may miss each other and still be one event.
    /// Durative events (a deployment, an aid programme) are reported over days with dates
    /// that drift ("has sent", "said on Friday"); violence is pinned to its day, and a
    /// slack there would chain a week of daily strikes into one event.
    pub const fn date_slack_days(self) -> u64 {
        match self {
            Family::MobilizeForces | Family::Aid | Family::Cooperate => 7,
            Family::Retreat => 3,
            Family::Assault | Family::Coerce | Family::Protest => 0,
            _ => 1,
        }
    }

    /// Whether the family is of hostile acts (violence, coercion, sanctions).
    pub const fn is_hostile(self) -> bool {
        matches!(self, Family::Assault | Family::Coerce | Family::Sanction)
    }
}

/// A CAMEO event code: three or four digits under one of CAMEO's twenty roots (01 to 20).
/// Serialised and stored as its digits ("154").
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cameo {
    digits: [u8; 4],
    len: u8,
}

/// Why a string is not a CAMEO code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadCameo(pub String);

impl fmt::Display for BadCameo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}' is not a CAMEO code (three or four digits under a root 01 to 20)", self.0)
    }
}

impl std::error::Error for BadCameo {}

impl Cameo {
    /// The code spelled by `code`, if it is three or four digits under a root 01 to 20.
    pub const fn parse(code: &str) -> Option<Self> {
        let bytes = code.as_bytes();
        if bytes.len() < 3 || bytes.len() > 4 {
            return None;
        }
        let mut digits = [0u8; 4];
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_digit() {
                return None;
            }
            digits[i] = bytes[i];
            i += 1;
        }
        let code = Self { digits, len: bytes.len() as u8 };
        if code.root() >= 1 && code.root() <= 20 { Some(code) } else { None }
    }

    /// A code written in the source; a typo fails the build where it is evaluated in a
    /// constant, and panics otherwise.
    pub const fn of(code: &'static str) -> Self {
        match Self::parse(code) {
            Some(code) => code,
            None => panic!("not a CAMEO code"),
        }
    }

    /// The two-digit root (1 to 20): 19 for "190" and "1951".
    pub const fn root(self) -> u8 {
        (self.digits[0] - b'0') * 10 + (self.digits[1] - b'0')
    }

    /// How specific the code is: 3 for a code under a root, 4 for one under that.
    pub const fn depth(self) -> usize {
        self.len as usize
    }

    /// The digits.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored.
        std::str::from_utf8(&self.digits[..self.len as usize]).unwrap_or_default()
    }
}

impl fmt::Display for Cameo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Cameo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cameo({})", self.as_str())
    }
}

impl std::str::FromStr for Cameo {
    type Err = BadCameo;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s).ok_or_else(|| BadCameo(s.to_owned()))
    }
}

impl PartialEq<str> for Cameo {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Cameo {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl serde::Serialize for Cameo {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Cameo {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl Kind {
    /// Whether reports coded with these two kinds can be one real-world event. Kinds of one
    /// family are not enough: humanitarian and military aid, or a treaty's signing and its
    /// ratification, are different events. Only kinds that name the same act in different
    /// words are interchangeable: an attack and a clash, criticism and an accusation, a
    /// pledge and an agreement.
    pub fn can_be_same_event(self, other: Kind) -> bool {
        use Kind::*;
        if self == other {
            return true;
        }
        let same_act = |a: Kind, b: Kind| (self == a && other == b) || (self == b && other == a);
        same_act(Attack, ArmedClash)
            || same_act(Criticism, Accusation)
            || same_act(IntentToCooperate, Agreement)
    }

    /// Whether the CAMEO code `code` is a valid refinement of this kind: the same two-digit
    /// root as the default code, and for attacks any of CAMEO's three roots of violence
    /// (18 assault, 19 fight, 20 mass violence), which PLOVER joins as ASSAULT.
    pub const fn accepts_cameo(self, code: Cameo) -> bool {
        match self {
            Kind::Attack | Kind::ArmedClash => matches!(code.root(), 18..=20),
            _ => code.root() == self.cameo().root(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_name() {
        for kind in Kind::ALL {
            assert_eq!(kind.as_str().parse::<Kind>(), Ok(*kind));
        }
    }

    #[test]
    fn every_kind_but_policy_statement_has_a_plover_type() {
        for kind in Kind::ALL {
            assert_eq!(kind.plover().is_none(), *kind == Kind::PolicyStatement, "{kind}");
        }
    }

    #[test]
    fn kinds_in_one_family_share_a_plover_type() {
        for a in Kind::ALL {
            for b in Kind::ALL {
                if a.family() == b.family() {
                    assert_eq!(a.plover(), b.plover(), "{a} and {b}");
                }
            }
        }
    }

    #[test]
    fn only_kinds_naming_the_same_act_can_be_one_event() {
        assert!(Kind::Attack.can_be_same_event(Kind::ArmedClash));
        assert!(Kind::ArmedClash.can_be_same_event(Kind::Attack));
        assert!(!Kind::HumanitarianAid.can_be_same_event(Kind::MilitaryAid));
        assert!(!Kind::TreatySigned.can_be_same_event(Kind::TreatyRatified));
        for a in Kind::ALL {
            for b in Kind::ALL {
                if a.can_be_same_event(*b) {
                    assert_eq!(a.family(), b.family(), "{a} and {b}: merge candidates are found by family");
                }
            }
        }
    }

    #[test]
    fn a_specific_cameo_code_under_the_same_root_is_accepted() {
        assert!(Kind::Attack.accepts_cameo(Cameo::of("195")));
        assert!(Kind::Attack.accepts_cameo(Cameo::of("183")), "a suicide bombing is an attack");
        assert!(!Kind::Threat.accepts_cameo(Cameo::of("183")));
        assert!(Kind::Coercion.accepts_cameo(Cameo::of("173")));
        assert!(!Kind::Attack.accepts_cameo(Cameo::of("173")));
        for kind in Kind::ALL {
            assert!(kind.accepts_cameo(kind.cameo()), "{kind}");
        }
    }

    #[test]
    fn cameo_codes_are_three_or_four_digits_under_a_root() {
        for good in ["010", "0211", "154", "1951", "204"] {
            let code: Cameo = good.parse().unwrap();
            assert_eq!(code.as_str(), good);
            assert_eq!(serde_json::to_string(&code).unwrap(), format!("\"{good}\""));
            assert_eq!(serde_json::from_str::<Cameo>(&format!("\"{good}\"")).unwrap(), code);
        }
        assert_eq!(Cameo::of("1951").root(), 19);
        assert_eq!(Cameo::of("1951").depth(), 4);
        for bad in ["", "1", "19", "000", "210", "99", "12345", "1a0", "١٩٠", "19 "] {
            assert!(bad.parse::<Cameo>().is_err(), "{bad:?}");
            assert!(serde_json::from_str::<Cameo>(&format!("\"{bad}\"")).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn every_family_has_a_kind_and_round_trips() {
        for family in Family::ALL {
            assert_eq!(family.as_str().parse::<Family>(), Ok(*family));
            assert!(Kind::ALL.iter().any(|k| k.family() == *family), "{family} has no kind");
        }
    }

    #[test]
    fn unknown_names_are_rejected_with_what_was_parsed() {
        let err = "bombing".parse::<Kind>().unwrap_err();
        assert_eq!(err.to_string(), "unknown kind 'bombing'");
        assert!("ASSAULT".parse::<Plover>().is_ok());
        assert!("assault".parse::<Plover>().is_err());
    }
}
