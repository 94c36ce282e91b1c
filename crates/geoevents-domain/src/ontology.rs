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

string_enum! {
    /// What happened: the analyst-facing event type.
    Kind, "kind" {
        /// Sent, deployed or stationed troops; massed forces.
        TroopDeployment = "troop_deployment",
        /// Drills, naval exercises, war games.
        MilitaryExercise = "military_exercise",
        /// Missile launches, nuclear tests.
        WeaponsTest = "weapons_test",
        /// Raised alert levels.
        MilitaryAlert = "military_alert",
        /// One-sided violence: strikes, shelling, bombing, invasion.
        Attack = "attack",
        /// Fighting between armed parties.
        ArmedClash = "armed_clash",
        /// Repression: arrests, bans, deportations, seizures.
        Coercion = "coercion",
        /// Threats and ultimatums.
        Threat = "threat",
        /// Sanctions, embargoes, asset freezes.
        SanctionsImposed = "sanctions_imposed",
        /// Expelled diplomats, recalled ambassadors, severed ties.
        DiplomaticDowngrade = "diplomatic_downgrade",
        /// Demonstrations, strikes, riots.
        Protest = "protest",
        /// Condemnation, concern, criticism.
        Criticism = "criticism",
        /// Accusations and blame.
        Accusation = "accusation",
        /// Investigations, probes, inquiries.
        Investigation = "investigation",
        /// Demands, urging, appeals.
        Demand = "demand",
        /// Rejections, refusals, vetoes.
        Rejection = "rejection",
        /// A stated policy or position.
        PolicyStatement = "policy_statement",
        /// Pledges, promises, offers.
        IntentToCooperate = "intent_to_cooperate",
        /// Deals and agreements reached.
        Agreement = "agreement",
        /// A treaty, pact or accord signed.
        TreatySigned = "treaty_signed",
        /// A treaty ratified.
        TreatyRatified = "treaty_ratified",
        /// Praise, endorsement, recognition.
        DiplomaticSupport = "diplomatic_support",
        /// Meetings, visits, talks, calls.
        Meeting = "meeting",
        /// Joint training, defence cooperation, intelligence sharing.
        MilitaryCooperation = "military_cooperation",
        /// Trade, joint projects, investment.
        EconomicCooperation = "economic_cooperation",
        /// Weapons and military assistance supplied.
        MilitaryAid = "military_aid",
        /// Relief and medical aid.
        HumanitarianAid = "humanitarian_aid",
        /// Loans, grants, budget support.
        EconomicAid = "economic_aid",
        /// Eased restrictions, ceasefires declared, pardons, apologies.
        Concession = "concession",
        /// Sanctions lifted or eased.
        SanctionsEased = "sanctions_eased",
        /// Troops withdrawn, prisoners released.
        Withdrawal = "withdrawal",
    }
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

impl Kind {
    /// The PLOVER type of the kind; `None` for plain policy statements, which PLOVER does
    /// not code.
    pub const fn plover(self) -> Option<Plover> {
        use Kind::*;
        Some(match self {
            TroopDeployment | MilitaryExercise | WeaponsTest | MilitaryAlert => Plover::Mobilize,
            Attack | ArmedClash => Plover::Assault,
            Coercion => Plover::Coerce,
            Threat => Plover::Threaten,
            SanctionsImposed | DiplomaticDowngrade => Plover::Sanction,
            Protest => Plover::Protest,
            Criticism | Accusation | Investigation => Plover::Accuse,
            Demand => Plover::Request,
            Rejection => Plover::Reject,
            PolicyStatement => return None,
            IntentToCooperate | Agreement => Plover::Agree,
            TreatySigned | TreatyRatified | DiplomaticSupport => Plover::Support,
            Meeting => Plover::Consult,
            MilitaryCooperation | EconomicCooperation => Plover::Cooperate,
            MilitaryAid | HumanitarianAid | EconomicAid => Plover::Aid,
            Concession => Plover::Concede,
            SanctionsEased | Withdrawal => Plover::Retreat,
        })
    }

    /// The default CAMEO code of the kind. An extractor may report a more specific code
    /// under the same root.
    pub const fn cameo(self) -> &'static str {
        use Kind::*;
        match self {
            TroopDeployment => "154",
            MilitaryExercise | WeaponsTest => "150",
            MilitaryAlert => "152",
            Attack | ArmedClash => "190",
            Coercion => "170",
            Threat => "130",
            SanctionsImposed => "163",
            DiplomaticDowngrade => "160",
            Protest => "140",
            Criticism => "111",
            Accusation => "112",
            Investigation => "090",
            Demand => "100",
            Rejection => "120",
            PolicyStatement => "010",
            IntentToCooperate => "030",
            Agreement | TreatySigned | TreatyRatified => "057",
            DiplomaticSupport => "051",
            Meeting => "040",
            MilitaryCooperation => "062",
            EconomicCooperation => "061",
            MilitaryAid => "072",
            HumanitarianAid => "073",
            EconomicAid => "071",
            Concession => "080",
            SanctionsEased => "085",
            Withdrawal => "087",
        }
    }

    /// The merge family of a kind: two events can be the same real-world event only when
    /// their families are equal. Kinds sharing a PLOVER type are one family, except where the
    /// PLOVER type lumps together things that are never the same event (a treaty ratified is
    /// not praise; a deployment is not a missile test).
    pub const fn family(self) -> &'static str {
        use Kind::*;
        match self {
            TroopDeployment | MilitaryAlert => "mobilize_forces",
            MilitaryExercise | WeaponsTest => "mobilize_weapons",
            Attack | ArmedClash => "assault",
            Coercion => "coerce",
            Threat => "threaten",
            SanctionsImposed | DiplomaticDowngrade => "sanction",
            Protest => "protest",
            Criticism | Accusation => "accuse",
            Investigation => "investigate",
            Demand => "request",
            Rejection => "reject",
            PolicyStatement => "statement",
            IntentToCooperate | Agreement => "agree",
            TreatySigned | TreatyRatified => "treaty",
            DiplomaticSupport => "support",
            Meeting => "consult",
            MilitaryCooperation | EconomicCooperation => "cooperate",
            MilitaryAid | HumanitarianAid | EconomicAid => "aid",
            Concession => "concede",
            SanctionsEased | Withdrawal => "retreat",
        }
    }

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
    pub fn accepts_cameo(self, code: &str) -> bool {
        if code.len() < 3 || !code.is_char_boundary(2) {
            return false;
        }
        let root = &code[..2];
        match self {
            Kind::Attack | Kind::ArmedClash => matches!(root, "18" | "19" | "20"),
            _ => root == &self.cameo()[..2],
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
        assert!(Kind::Attack.accepts_cameo("195"));
        assert!(Kind::Attack.accepts_cameo("183"), "a suicide bombing is an attack");
        assert!(!Kind::Threat.accepts_cameo("183"));
        assert!(Kind::Coercion.accepts_cameo("173"));
        assert!(!Kind::Attack.accepts_cameo("173"));
        assert!(!Kind::Attack.accepts_cameo("1"));
    }

    #[test]
    fn unknown_names_are_rejected_with_what_was_parsed() {
        let err = "bombing".parse::<Kind>().unwrap_err();
        assert_eq!(err.to_string(), "unknown kind 'bombing'");
        assert!("ASSAULT".parse::<Plover>().is_ok());
        assert!("assault".parse::<Plover>().is_err());
    }
}
