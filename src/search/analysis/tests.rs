use super::*;

fn terms(text: &str) -> Vec<String> {
    analyse(text).into_iter().map(|token| token.text).collect()
}

fn keys(text: &str) -> Vec<String> {
    terms(text)
        .into_iter()
        .filter(|term| is_key(term))
        .collect()
}

#[test]
fn words_are_folded_and_stemmed() {
    assert_eq!(terms("Safeguarding Café"), ["safeguard", "cafe"]);
    assert_eq!(terms("safeguard"), ["safeguard"]);
}

#[test]
fn every_way_of_writing_a_section_gives_its_key() {
    for text in [
        "s47",
        "S47",
        "s.47",
        "s 47",
        "section 47",
        "Section 47 enquiry",
        "ss.47",
        "sec 47",
        "sec. 47",
        "Sec47",
        "sect. 47",
    ] {
        assert!(
            keys(text).contains(&"_s47".to_string()),
            "{text}: {:?}",
            terms(text)
        );
    }
    assert_eq!(keys("section of the report"), Vec::<String>::new());
    assert_eq!(keys("s7 report"), ["_s7"]);
    assert_eq!(keys("Section 7 report"), ["_s7"]);
}

#[test]
fn phrasings_of_a_group_share_its_key() {
    let table: &[(&str, &str)] = &[
        ("LAC review", "_lac"),
        ("CLA", "_lac"),
        ("looked after children", "_lac"),
        ("Looked-After Child", "_lac"),
        ("children in care", "_lac"),
        ("child protection plan", "_cp"),
        ("CPP", "_cp"),
        ("on a CP plan", "_cp"),
        ("child protection plans", "_cp"),
        ("MARAC referral", "_marac"),
        ("multi-agency risk assessment conference", "_marac"),
        ("MAPPA", "_mappa"),
        ("early help assessment", "_eha"),
        ("TAF meeting", "_taf"),
        ("team around the family", "_taf"),
        ("ICO", "_ico"),
        ("interim care order", "_ico"),
        ("CP", "_cp"),
        ("CIN visit", "_cin"),
        ("a child in need plan", "_cin"),
        ("the ICPC", "_icpc"),
        ("initial child protection conference", "_icpc"),
        ("RCPC", "_rcpc"),
        ("review child protection conference", "_rcpc"),
        ("called EDT", "_edt"),
        ("the emergency duty team", "_edt"),
        ("rang emergency duty overnight", "_edt"),
        ("CAMHS referral", "_camhs"),
        ("child and adolescent mental health services", "_camhs"),
        ("DV", "_dv"),
        ("DA", "_dv"),
        ("domestic violence", "_dv"),
        ("domestic abuse", "_dv"),
        ("YOT", "_yot"),
        ("youth offending team", "_yot"),
        ("IRO", "_iro"),
        ("independent reviewing officer", "_iro"),
        ("my PE", "_pe"),
        ("practice educator", "_pe"),
        ("ASYE", "_asye"),
        ("NQSW", "_nqsw"),
        ("newly qualified social worker", "_nqsw"),
        ("PLO meeting", "_plo"),
        ("public law outline", "_plo"),
    ];
    for (text, key) in table {
        assert!(
            keys(text).contains(&key.to_string()),
            "{text}: {:?}",
            terms(text)
        );
    }
}

#[test]
fn a_key_spans_the_words_it_stands_for() {
    let text = "We discussed children in care today";
    let key = analyse(text)
        .into_iter()
        .find(|token| token.text == "_lac")
        .unwrap();
    assert_eq!(&text[key.offset_from..key.offset_to], "children in care");
    assert_eq!(key.position_length, 3);
    // The words themselves are still there, for phrase searches.
    assert!(terms(text).contains(&"children".to_string()));
}

#[test]
fn the_longest_phrasing_wins() {
    let found = keys("initial child protection conference");
    assert_eq!(found.first().map(String::as_str), Some("_icpc"));
    assert!(
        found.contains(&"_cp".to_string()),
        "its inner phrase still counts: {found:?}"
    );
}
