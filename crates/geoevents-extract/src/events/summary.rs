//! One-line summaries: "North Korea sent 3,000 troops to Russia".
//!
//! Generated from the coded event, never copied from the text: the actor's registry name,
//! a verb phrase for the kind (and CAMEO code where it says more), the target's registry
//! name, and the troop or casualty count when there is one. The verb phrase follows the
//! modality: past for asserted and claimed events, "plans to" for planned, "could" for
//! hypothetical and "did not" for negated ones.

use geoevents_domain::{ExtractedEvent, Kind, Modality, QuantityQualifier};

/// (past, base, object, preposition before the target or "" for a direct object).
fn phrase(kind: Kind, cameo: &str) -> (&'static str, &'static str, &'static str, &'static str) {
    use Kind::*;
    match (kind, cameo) {
        (TroopDeployment, _) => ("sent", "send", "troops", "to"),
        (MilitaryExercise, _) => ("held", "hold", "military exercises", "with"),
        (WeaponsTest, _) => ("tested", "test", "weapons", "near"),
        (MilitaryAlert, _) => ("raised", "raise", "the military alert level", "against"),
        (Attack, "191") => ("restricted movement", "restrict movement", "", "to and from"),
        (Attack, "192") => ("seized", "seize", "territory", "from"),
        (Attack, "195") => ("carried out", "carry out", "air or missile strikes", "on"),
        (Attack, "196") => ("violated", "violate", "a ceasefire", "with"),
        (Attack, _) => ("attacked", "attack", "", ""),
        (ArmedClash, _) => ("clashed", "clash", "", "with"),
        (Coercion, "171") => ("seized or destroyed", "seize or destroy", "property", "of"),
        (Coercion, "172") => ("imposed", "impose", "restrictions", "on"),
        (Coercion, "173") => ("arrested", "arrest", "people", "from"),
        (Coercion, "174") => ("expelled", "expel", "people", "from"),
        (Coercion, _) => ("cracked", "crack", "down", "on"),
        (Threat, _) => ("threatened", "threaten", "", ""),
        (SanctionsImposed, "162") => ("cut", "cut", "aid", "to"),
        (SanctionsImposed, _) => ("imposed", "impose", "sanctions", "on"),
        (DiplomaticDowngrade, "164") => ("broke", "break", "off talks", "with"),
        (DiplomaticDowngrade, "166") => ("withdrew", "withdraw", "its mission", "from"),
        (DiplomaticDowngrade, _) => ("downgraded", "downgrade", "relations", "with"),
        (Protest, _) => ("protested", "protest", "", "against"),
        (Criticism, _) => ("criticized", "criticize", "", ""),
        (Accusation, _) => ("accused", "accuse", "", ""),
        (Investigation, _) => ("investigated", "investigate", "", ""),
        (Demand, _) => ("made demands", "make demands", "", "of"),
        (Rejection, _) => ("rejected", "reject", "a proposal", "from"),
        (PolicyStatement, _) => ("stated", "state", "its policy", "on"),
        (IntentToCooperate, "033") => ("pledged", "pledge", "aid", "to"),
        (IntentToCooperate, "036") => ("offered", "offer", "to meet", "with"),
        (IntentToCooperate, "0314") => ("offered", "offer", "intelligence", "to"),
        (IntentToCooperate, "0312" | "031") => ("offered", "offer", "military cooperation", "to"),
        (IntentToCooperate, "0311") => ("offered", "offer", "economic cooperation", "to"),
        (IntentToCooperate, _) => ("pledged", "pledge", "cooperation", "with"),
        (Agreement, _) => ("reached", "reach", "an agreement", "with"),
        (TreatySigned, _) => ("signed", "sign", "a treaty", "with"),
        (TreatyRatified, _) => ("ratified", "ratify", "a treaty", "with"),
        (DiplomaticSupport, "055") => ("apologized", "apologize", "", "to"),
        (DiplomaticSupport, _) => ("expressed", "express", "support", "for"),
        (Meeting, "042") => ("visited", "visit", "", ""),
        (Meeting, "043") => ("hosted", "host", "", ""),
        (Meeting, "045") => ("mediated", "mediate", "", "with"),
        (Meeting, _) => ("met", "meet", "", "with"),
        (MilitaryCooperation, "063") => ("extradited", "extradite", "suspects", "to"),
        (MilitaryCooperation, "064") => ("shared", "share", "intelligence", "with"),
        (MilitaryCooperation, _) => ("cooperated", "cooperate", "militarily", "with"),
        (EconomicCooperation, _) => ("cooperated", "cooperate", "economically", "with"),
        (MilitaryAid, _) => ("provided", "provide", "military aid", "to"),
        (HumanitarianAid, "075") => ("granted", "grant", "asylum", "to"),
        (HumanitarianAid, _) => ("provided", "provide", "humanitarian aid", "to"),
        (EconomicAid, _) => ("provided", "provide", "economic aid", "to"),
        (Concession, "081") => ("eased", "ease", "restrictions", "on"),
        (Concession, _) => ("made", "make", "concessions", "to"),
        (SanctionsEased, _) => ("eased", "ease", "sanctions", "on"),
        (Withdrawal, "084") => ("released", "release", "prisoners", "of"),
        (Withdrawal, _) => ("withdrew", "withdraw", "forces", "from"),
    }
}

fn format_count(value: f64) -> String {
    let rounded = value.round();
    if (value - rounded).abs() > f64::EPSILON || rounded >= 1e15 {
        return format!("{value}");
    }
    let digits = format!("{}", rounded as u64);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The one-line summary of an event, naming actor and target by their registry names
/// when known.
pub fn summarize(event: &ExtractedEvent, actor_name: Option<&str>, target_name: Option<&str>) -> String {
    let (past, base, mut object, prep) = phrase(event.kind, event.cameo.as_str());
    let actor = actor_name.or(event.actor.as_ref().map(|a| a.name.as_str())).unwrap_or("Unidentified actors");
    let verb = match event.modality {
        Modality::Asserted | Modality::Claimed => past.to_owned(),
        Modality::Planned => format!("plans to {base}"),
        Modality::Hypothetical => format!("could {base}"),
        Modality::Negated => format!("did not {base}"),
    };
    let mut counted = String::new();
    if let Some(q) = &event.quantity
        && matches!(q.unit.as_str(), "troops")
        && object == "troops"
    {
        let qualifier = match q.qualifier {
            QuantityQualifier::Exact => "",
            QuantityQualifier::Approximate => "about ",
            QuantityQualifier::AtLeast => "at least ",
            QuantityQualifier::UpTo => "up to ",
        };
        counted = format!("{qualifier}{} ", format_count(q.value));
    }
    if object == "troops" && counted.is_empty() {
        object = "troops";
    }
    let mut line = format!("{actor} {verb}");
    if !object.is_empty() {
        line.push(' ');
        line.push_str(&counted);
        line.push_str(object);
    }
    if let Some(target) = &event.target {
        if prep.is_empty() {
            line.push(' ');
        } else {
            line.push(' ');
            line.push_str(prep);
            line.push(' ');
        }
        line.push_str(target_name.unwrap_or(&target.name));
    }
    if let Some(q) = &event.quantity
        && counted.is_empty()
        && q.unit != "troops"
    {
        line.push_str(&format!(" ({})", q.text));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_in_thousands() {
        assert_eq!(format_count(3000.0), "3,000");
        assert_eq!(format_count(1_234_567.0), "1,234,567");
        assert_eq!(format_count(12.0), "12");
    }
}
