//! The tables the catalogue is generated from: real bank networks, their regional banks, and the
//! form each network's EMBEDDED channel shows (labels in the bank's language, real regexps).

/// Which channels a network offers.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    RedirectAndEmbedded,
    RedirectOnly,
    EmbeddedOnly,
}

/// One field of an EMBEDDED form.
#[derive(Debug)]
pub struct Field {
    pub label: &'static str,
    pub regexp: &'static str,
    pub kind: &'static str,
    pub encrypt: bool,
}

/// A bank network: one provider per branch (an empty branch name for a national bank).
#[derive(Debug)]
pub struct Network {
    pub name: &'static str,
    pub domain: &'static str,
    pub country: &'static str,
    pub shape: Shape,
    /// True when the bank asks challenges (SMS codes, app confirmations).
    pub interactive: bool,
    pub fields: &'static [Field],
    pub branches: &'static [&'static str],
    /// Branches shown as unavailable.
    pub unavailable: &'static [&'static str],
}

const fn field(
    label: &'static str,
    regexp: &'static str,
    kind: &'static str,
    encrypt: bool,
) -> Field {
    Field {
        label,
        regexp,
        kind,
        encrypt,
    }
}

const CA_FORM: &[Field] = &[
    field("Identifiant (11 chiffres)", "^[0-9]{11}$", "NUMERIC", false),
    field(
        "Code personnel (6 chiffres)",
        "^[0-9]{6}$",
        "NUMERIC_PWD",
        true,
    ),
];
const CE_FORM: &[Field] = &[
    field("Identifiant client", "^[0-9]{1,10}$", "NUMERIC", false),
    field(
        "Code secret (8 chiffres)",
        "^[0-9]{8}$",
        "NUMERIC_PWD",
        true,
    ),
];
const BP_FORM: &[Field] = &[
    field("Identifiant", "^[a-zA-Z0-9]{1,20}$", "TEXT", false),
    field("Mot de passe (8 car. min.)", "^.{8,}$", "PWD", true),
];
const CM_FORM: &[Field] = &[
    field("Identifiant", "^[a-zA-Z0-9._-]{1,32}$", "TEXT", false),
    field("Mot de passe", "^.{6,}$", "PWD", true),
];
const FR_FORM: &[Field] = &[
    field("Identifiant", "^.{3,64}$", "TEXT", false),
    field("Mot de passe", "^.{4,}$", "PWD", true),
];
const CREDIT_FORM: &[Field] = &[
    field(
        "Adresse e-mail",
        r"^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}$",
        "TEXT",
        false,
    ),
    field("Mot de passe", "^.{8,}$", "PWD", true),
    field(
        "Date de naissance (JJ/MM/AAAA)",
        "^(0[1-9]|[12][0-9]|3[01])/(0[1-9]|1[0-2])/(19|20)[0-9]{2}$",
        "DATE",
        false,
    ),
];
const DE_FORM: &[Field] = &[
    field("Anmeldename / Legitimations-ID", "^.{3,30}$", "TEXT", false),
    field("PIN (5 Ziffern)", "^[0-9]{5}$", "NUMERIC_PWD", true),
];
const EU_FORM: &[Field] = &[
    field("User ID", "^.{3,64}$", "TEXT", false),
    field("Password", "^.{6,}$", "PWD", true),
];

const fn network(
    name: &'static str,
    domain: &'static str,
    country: &'static str,
    shape: Shape,
    interactive: bool,
    fields: &'static [Field],
    branches: &'static [&'static str],
) -> Network {
    Network {
        name,
        domain,
        country,
        shape,
        interactive,
        fields,
        branches,
        unavailable: &[],
    }
}

use Shape::{EmbeddedOnly, RedirectAndEmbedded, RedirectOnly};

/// Every network, in id order.
#[rustfmt::skip]
pub const NETWORKS: &[Network] = &[
    network("Crédit Agricole", "www.credit-agricole.fr", "FRA", RedirectAndEmbedded, true, CA_FORM, &[
        "Alpes Provence", "Alsace Vosges", "Anjou et Maine", "Aquitaine", "Atlantique Vendée",
        "Brie Picardie", "Centre-Est", "Centre France", "Centre Loire", "Centre Ouest",
        "Champagne-Bourgogne", "Charente-Maritime Deux-Sèvres", "Charente-Périgord", "Corse",
        "Côtes d'Armor", "Finistère", "Franche-Comté", "Guadeloupe", "Ille-et-Vilaine", "Languedoc",
        "Loire Haute-Loire", "Lorraine", "Martinique et Guyane", "Morbihan", "Nord de France",
        "Nord Est", "Nord Midi-Pyrénées", "Normandie", "Normandie-Seine", "Paris et Île-de-France",
        "Provence Côte d'Azur", "Pyrénées Gascogne", "La Réunion", "Sud Méditerranée",
        "Sud Rhône Alpes", "Toulouse 31", "Touraine Poitou", "Val de France", "des Savoie",
    ]),
    network("Caisse d'Épargne", "www.caisse-epargne.fr", "FRA", RedirectAndEmbedded, true, CE_FORM, &[
        "Aquitaine Poitou-Charentes", "Auvergne Limousin", "Bourgogne Franche-Comté",
        "Bretagne Pays de Loire", "Côte d'Azur", "Grand Est Europe", "Hauts de France",
        "Île-de-France", "Languedoc-Roussillon", "Loire Drôme Ardèche", "Loire-Centre",
        "Midi-Pyrénées", "Normandie", "Provence-Alpes-Corse", "Rhône Alpes", "CEPAC",
    ]),
    network("Banque Populaire", "www.banquepopulaire.fr", "FRA", RedirectAndEmbedded, true, BP_FORM, &[
        "Alsace Lorraine Champagne", "Aquitaine Centre Atlantique", "Auvergne Rhône Alpes",
        "Bourgogne Franche-Comté", "Grand Ouest", "Méditerranée", "Nord", "Occitane",
        "Rives de Paris", "Sud", "Val de France", "BRED Banque Populaire",
        "CASDEN Banque Populaire", "Crédit Coopératif",
    ]),
    network("Crédit Mutuel", "www.creditmutuel.fr", "FRA", RedirectAndEmbedded, true, CM_FORM, &[
        "Centre Est Europe", "Île-de-France", "Sud-Est", "Savoie Mont-Blanc", "Midi-Atlantique",
        "Loire-Atlantique et Centre-Ouest", "Centre", "Normandie", "Dauphiné-Vivarais",
        "Méditerranéen", "Anjou", "Massif Central", "Antilles-Guyane", "Nord Europe",
        "Maine-Anjou Basse-Normandie", "Océan", "de Bretagne", "du Sud-Ouest",
    ]),
    network("CIC", "www.cic.fr", "FRA", RedirectAndEmbedded, true, CM_FORM, &[
        "Île-de-France", "Est", "Lyonnaise de Banque", "Nord Ouest", "Ouest", "Sud Ouest",
        "Banque Transatlantique",
    ]),
    Network {
        unavailable: &["Banque Tarneaud"],
        ..network("Société Générale", "particuliers.sg.fr", "FRA", RedirectAndEmbedded, true, FR_FORM, &[
            "", "Banque Courtois", "Banque Kolb", "Banque Laydernier", "Banque Nuger",
            "Banque Rhône-Alpes", "Banque Tarneaud", "Société Marseillaise de Crédit",
        ])
    },
    network("BNP Paribas", "mabanque.bnpparibas", "FRA", RedirectAndEmbedded, true, FR_FORM, &["", "Banque Privée", "Hello bank!"]),
    network("LCL", "www.lcl.fr", "FRA", RedirectAndEmbedded, false, FR_FORM, &["", "Banque Privée"]),
    network("La Banque Postale", "www.labanquepostale.fr", "FRA", RedirectAndEmbedded, true, FR_FORM, &[""]),
    network("BoursoBank", "www.boursobank.com", "FRA", RedirectAndEmbedded, true, FR_FORM, &[""]),
    network("Fortuneo", "www.fortuneo.fr", "FRA", RedirectAndEmbedded, false, FR_FORM, &[""]),
    network("Monabanq", "www.monabanq.com", "FRA", RedirectAndEmbedded, false, CM_FORM, &[""]),
    network("BforBank", "www.bforbank.com", "FRA", RedirectAndEmbedded, false, FR_FORM, &[""]),
    network("ING", "www.ing.fr", "FRA", RedirectAndEmbedded, true, FR_FORM, &[""]),
    network("AXA Banque", "www.axabanque.fr", "FRA", RedirectAndEmbedded, false, FR_FORM, &[""]),
    network("Banque Palatine", "www.palatine.fr", "FRA", RedirectAndEmbedded, false, BP_FORM, &[""]),
    network("Crédit Coopératif Entreprises", "www.credit-cooperatif.coop", "FRA", RedirectAndEmbedded, false, BP_FORM, &[""]),
    network("Milleis Banque", "www.milleis.fr", "FRA", RedirectAndEmbedded, false, FR_FORM, &[""]),
    network("CCF", "www.ccf.fr", "FRA", RedirectAndEmbedded, false, FR_FORM, &[""]),
    network("Banque de Savoie", "www.banque-de-savoie.fr", "FRA", RedirectAndEmbedded, true, BP_FORM, &[""]),
    network("Allianz Banque", "www.allianzbanque.fr", "FRA", EmbeddedOnly, false, FR_FORM, &[""]),
    network("Orange Bank", "www.orangebank.fr", "FRA", RedirectOnly, false, FR_FORM, &[""]),
    network("Ma French Bank", "www.mafrenchbank.fr", "FRA", RedirectOnly, false, FR_FORM, &[""]),
    network("Nickel", "nickel.eu", "FRA", RedirectOnly, false, FR_FORM, &[""]),
    network("Qonto", "qonto.com", "FRA", RedirectOnly, false, FR_FORM, &[""]),
    network("Shine", "www.shine.fr", "FRA", RedirectOnly, false, FR_FORM, &[""]),
    network("Sumeria", "sumeria.eu", "FRA", RedirectOnly, false, FR_FORM, &[""]),
    network("Revolut", "www.revolut.com", "LTU", RedirectOnly, false, EU_FORM, &[""]),
    network("N26", "n26.com", "DEU", RedirectOnly, false, EU_FORM, &[""]),
    network("Wise", "wise.com", "BEL", RedirectOnly, false, EU_FORM, &[""]),
    network("Cetelem", "www.cetelem.fr", "FRA", EmbeddedOnly, false, CREDIT_FORM, &[""]),
    network("Cofidis", "www.cofidis.fr", "FRA", EmbeddedOnly, false, CREDIT_FORM, &[""]),
    network("Sofinco", "www.sofinco.fr", "FRA", EmbeddedOnly, false, CREDIT_FORM, &[""]),
    network("Carrefour Banque", "www.carrefour-banque.fr", "FRA", EmbeddedOnly, true, CREDIT_FORM, &[""]),
    network("Oney", "www.oney.fr", "FRA", EmbeddedOnly, false, CREDIT_FORM, &[""]),
    network("American Express", "www.americanexpress.com/fr-fr", "FRA", EmbeddedOnly, true, CREDIT_FORM, &[""]),
    network("Franfinance", "www.franfinance.fr", "FRA", EmbeddedOnly, false, CREDIT_FORM, &[""]),
    network("Sparkasse", "www.sparkasse.de", "DEU", RedirectAndEmbedded, true, DE_FORM, &[
        "Berliner Sparkasse", "Hamburger Sparkasse", "Sparkasse KölnBonn", "Kreissparkasse Köln",
        "Stadtsparkasse München", "Frankfurter Sparkasse", "Sparkasse Hannover",
        "Nassauische Sparkasse", "Kreissparkasse Esslingen-Nürtingen", "Die Sparkasse Bremen",
        "Ostsächsische Sparkasse Dresden", "Mittelbrandenburgische Sparkasse", "Sparkasse Leipzig",
        "Sparkasse Nürnberg", "Kreissparkasse Ludwigsburg", "Sparkasse Aachen",
        "Stadtsparkasse Düsseldorf", "Sparkasse Essen", "Sparkasse Dortmund",
        "Sparkasse Pforzheim Calw", "Kreissparkasse Böblingen", "Sparkasse Karlsruhe",
        "Sparkasse Heidelberg", "Sparkasse Mannheim Nord", "Sparkasse Bielefeld",
        "Sparkasse Münsterland Ost", "Stadtsparkasse Wuppertal", "Sparkasse Duisburg",
        "Sparkasse Bochum", "Sparkasse Krefeld", "Sparkasse Chemnitz", "Sparkasse Magdeburg",
        "Sparkasse Rostock", "Förde Sparkasse", "Sparkasse zu Lübeck", "Kreissparkasse Tübingen",
        "Sparkasse Ulm", "Sparkasse Freiburg-Nördlicher Breisgau", "Sparkasse Regensburg",
        "Sparkasse Augsburg", "Sparkasse Würzburg", "Sparkasse Saarbrücken", "Sparkasse Koblenz",
        "Sparkasse Mainz", "Kasseler Sparkasse",
        "Sparkasse Hagen Herdecke", "Sparkasse Gelsenkirchen", "Sparkasse Oberhausen",
        "Sparkasse Paderborn-Detmold-Höxter", "Sparkasse Osnabrück", "Sparkasse Oldenburg",
        "Sparkasse Göttingen", "Sparkasse Braunschweig", "Sparkasse Halle (Saale)",
        "Sparkasse Jena-Saale-Holzland", "Sparkasse Erfurt", "Sparkasse Potsdam",
        "Sparkasse Vorpommern", "Sparkasse Schwerin", "Sparkasse Trier", "Sparkasse Darmstadt",
        "Sparkasse Offenbach", "Sparkasse Fulda", "Sparkasse Bamberg",
        "Sparkasse Ingolstadt Eichstätt", "Sparkasse Passau", "Sparkasse Rosenheim-Bad Aibling",
        "Sparkasse Konstanz", "Sparkasse Heilbronn", "Sparkasse Reutlingen",
    ]),
    network("Volksbank Raiffeisenbank", "www.vr.de", "DEU", RedirectAndEmbedded, true, DE_FORM, &[
        "Berliner Volksbank", "Hamburger Volksbank", "Volksbank Köln Bonn", "Münchner Bank",
        "Frankfurter Volksbank", "Hannoversche Volksbank", "Volksbank Stuttgart",
        "Dortmunder Volksbank", "Volksbank Mittelhessen", "Volksbank Karlsruhe Baden-Baden",
        "Volksbank Freiburg", "Volksbank Bielefeld-Gütersloh", "VR Bank Nürnberg",
        "Raiffeisenbank München-Süd", "Volksbank Dresden-Bautzen", "Volksbank Mainz",
        "Wiesbadener Volksbank", "Volksbank Ulm-Biberach", "Sparda-Bank West", "PSD Bank Nord",
        "Volksbank Münsterland Nord", "Volksbank Darmstadt-Südhessen", "VR Bank Rhein-Neckar",
        "Volksbank Brandenburger Land", "Volksbank Braunschweig Wolfsburg",
        "Raiffeisenbank Regensburg", "Sparda-Bank Baden-Württemberg", "GLS Bank",
    ]),
    network("Deutsche Bank", "www.deutsche-bank.de", "DEU", RedirectAndEmbedded, true, DE_FORM, &[""]),
    network("Commerzbank", "www.commerzbank.de", "DEU", RedirectAndEmbedded, true, DE_FORM, &[""]),
    network("Postbank", "www.postbank.de", "DEU", RedirectAndEmbedded, true, DE_FORM, &[""]),
    network("DKB", "www.dkb.de", "DEU", RedirectOnly, false, DE_FORM, &[""]),
    network("ING Deutschland", "www.ing.de", "DEU", RedirectOnly, false, DE_FORM, &[""]),
    network("HypoVereinsbank", "www.hypovereinsbank.de", "DEU", RedirectAndEmbedded, true, DE_FORM, &[""]),
    network("comdirect", "www.comdirect.de", "DEU", RedirectOnly, false, DE_FORM, &[""]),
    network("Santander", "www.santander.es", "ESP", RedirectOnly, false, EU_FORM, &["España", "Consumer Bank Deutschland", "Totta Portugal"]),
    network("BBVA", "www.bbva.es", "ESP", RedirectOnly, false, EU_FORM, &[""]),
    network("CaixaBank", "www.caixabank.es", "ESP", RedirectOnly, false, EU_FORM, &[""]),
    network("Banco Sabadell", "www.bancsabadell.com", "ESP", RedirectOnly, false, EU_FORM, &[""]),
    network("Bankinter", "www.bankinter.com", "ESP", RedirectOnly, false, EU_FORM, &[""]),
    network("Unicaja", "www.unicajabanco.es", "ESP", RedirectOnly, false, EU_FORM, &[""]),
    network("Kutxabank", "www.kutxabank.es", "ESP", RedirectOnly, false, EU_FORM, &[""]),
    network("Ibercaja", "www.ibercaja.es", "ESP", RedirectOnly, false, EU_FORM, &[""]),
    network("UniCredit", "www.unicredit.it", "ITA", RedirectOnly, false, EU_FORM, &[""]),
    network("Intesa Sanpaolo", "www.intesasanpaolo.com", "ITA", RedirectOnly, false, EU_FORM, &[""]),
    network("Banco BPM", "www.bancobpm.it", "ITA", RedirectOnly, false, EU_FORM, &[""]),
    network("BPER Banca", "www.bper.it", "ITA", RedirectOnly, false, EU_FORM, &[""]),
    network("Banca Sella", "www.sella.it", "ITA", RedirectOnly, false, EU_FORM, &[""]),
    network("FinecoBank", "finecobank.com", "ITA", RedirectOnly, false, EU_FORM, &[""]),
    network("Monte dei Paschi di Siena", "www.mps.it", "ITA", RedirectOnly, false, EU_FORM, &[""]),
    network("ABN AMRO", "www.abnamro.nl", "NLD", RedirectOnly, false, EU_FORM, &[""]),
    network("Rabobank", "www.rabobank.nl", "NLD", RedirectOnly, false, EU_FORM, &[""]),
    network("ING Nederland", "www.ing.nl", "NLD", RedirectOnly, false, EU_FORM, &[""]),
    network("bunq", "www.bunq.com", "NLD", RedirectOnly, false, EU_FORM, &[""]),
    network("Triodos Bank", "www.triodos.nl", "NLD", RedirectOnly, false, EU_FORM, &[""]),
    network("KBC", "www.kbc.be", "BEL", RedirectOnly, false, EU_FORM, &["", "CBC Banque"]),
    network("Belfius", "www.belfius.be", "BEL", RedirectOnly, false, EU_FORM, &[""]),
    network("BNP Paribas Fortis", "www.bnpparibasfortis.be", "BEL", RedirectOnly, false, EU_FORM, &[""]),
    network("ING Belgique", "www.ing.be", "BEL", RedirectOnly, false, EU_FORM, &[""]),
    network("Argenta", "www.argenta.be", "BEL", RedirectOnly, false, EU_FORM, &[""]),
    network("Millennium bcp", "ind.millenniumbcp.pt", "PRT", RedirectOnly, false, EU_FORM, &[""]),
    network("Caixa Geral de Depósitos", "www.cgd.pt", "PRT", RedirectOnly, false, EU_FORM, &[""]),
    network("Novo Banco", "www.novobanco.pt", "PRT", RedirectOnly, false, EU_FORM, &[""]),
    network("Erste Bank", "www.sparkasse.at", "AUT", RedirectOnly, false, EU_FORM, &[""]),
    network("Raiffeisen", "www.raiffeisen.at", "AUT", RedirectOnly, false, EU_FORM, &[
        "Raiffeisenlandesbank Niederösterreich-Wien", "Raiffeisenlandesbank Oberösterreich",
        "Raiffeisen-Landesbank Steiermark", "Raiffeisen-Landesbank Tirol",
    ]),
    network("Bank Austria", "www.bankaustria.at", "AUT", RedirectOnly, false, EU_FORM, &[""]),
    network("UBS", "www.ubs.com", "CHE", EmbeddedOnly, true, EU_FORM, &[""]),
    network("PostFinance", "www.postfinance.ch", "CHE", EmbeddedOnly, true, EU_FORM, &[""]),
    network("Banque Cantonale", "www.bcv.ch", "CHE", EmbeddedOnly, true, EU_FORM, &[
        "Vaudoise", "de Genève", "du Valais", "Neuchâteloise", "de Fribourg", "du Jura",
        "Zürcher Kantonalbank",
    ]),
    network("Raiffeisen Suisse", "www.raiffeisen.ch", "CHE", EmbeddedOnly, true, EU_FORM, &[""]),
    network("Spuerkeess", "www.spuerkeess.lu", "LUX", RedirectOnly, false, EU_FORM, &[""]),
    network("BGL BNP Paribas", "www.bgl.lu", "LUX", RedirectOnly, false, EU_FORM, &[""]),
    network("Banque Internationale à Luxembourg", "www.bil.com", "LUX", RedirectOnly, false, EU_FORM, &[""]),
    network("Barclays", "www.barclays.co.uk", "GBR", RedirectOnly, false, EU_FORM, &[""]),
    network("Lloyds Bank", "www.lloydsbank.com", "GBR", RedirectOnly, false, EU_FORM, &[""]),
    network("NatWest", "www.natwest.com", "GBR", RedirectOnly, false, EU_FORM, &[""]),
    network("HSBC UK", "www.hsbc.co.uk", "GBR", RedirectOnly, false, EU_FORM, &[""]),
    network("Monzo", "monzo.com", "GBR", RedirectOnly, false, EU_FORM, &[""]),
    network("Starling Bank", "www.starlingbank.com", "GBR", RedirectOnly, false, EU_FORM, &[""]),
    network("AIB", "aib.ie", "IRL", RedirectOnly, false, EU_FORM, &[""]),
    network("Nationwide", "www.nationwide.co.uk", "GBR", RedirectOnly, false, EU_FORM, &[""]),
    network("TSB", "www.tsb.co.uk", "GBR", RedirectOnly, false, EU_FORM, &[""]),
    network("Halifax", "www.halifax.co.uk", "GBR", RedirectOnly, false, EU_FORM, &[""]),
    network("Abanca", "www.abanca.com", "ESP", RedirectOnly, false, EU_FORM, &[""]),
    network("Cajamar", "www.cajamar.es", "ESP", RedirectOnly, false, EU_FORM, &[""]),
    network("Credem", "www.credem.it", "ITA", RedirectOnly, false, EU_FORM, &[""]),
    network("Banca Popolare di Sondrio", "www.popso.it", "ITA", RedirectOnly, false, EU_FORM, &[""]),
    network("Bank of Ireland", "personalbanking.bankofireland.com", "IRL", RedirectOnly, false, EU_FORM, &[""]),
];
