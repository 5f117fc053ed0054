use super::*;

/// Text and the exact suggestions for it, against the shipped catalogue.
const CASES: &[(&str, &[&str])] = &[
    ("Started the s47 enquiry today", &["CA1989-s47"]),
    ("Section 47 strategy discussion at 2pm", &["CA1989-s47"]),
    ("section 47", &["CA1989-s47"]),
    ("S47 enquiry; s 17 plan", &["CA1989-s47", "CA1989-s17"]),
    ("Three s47s this week", &["CA1989-s47"]),
    (
        "s.17/s.47 and sections 17, 20 and 47",
        &["CA1989-s17", "CA1989-s47", "CA1989-s20"],
    ),
    (
        "Applied ss.1-4 MCA before the visit",
        &["MCA2005-s1", "MCA2005-s2", "MCA2005-s3", "MCA2005-s4"],
    ),
    (
        "s.2-3 of the Mental Capacity Act 2005",
        &["MCA2005-s2", "MCA2005-s3"],
    ),
    ("Section 7 report filed", &["CA1989-s7"]),
    ("s20 ended; S.20 accommodation agreed", &["CA1989-s20"]),
    ("Children Act 1989 section 8", &["CA1989-s8"]),
    ("Children Act 1989, s.8 application", &["CA1989-s8"]),
    ("CA 1989 s.31 threshold met", &["CA1989-s31"]),
    ("threshold under s.31 Children Act", &["CA1989-s31"]),
    (
        "duties under section 17 of the Children Act 1989",
        &["CA1989-s17"],
    ),
    ("Care Act s42 referral", &["CareAct2014-s42"]),
    ("Care Act 2014 s.42", &["CareAct2014-s42"]),
    ("s.42 Care Act", &["CareAct2014-s42"]),
    (
        "a section 42 enquiry under the Care Act",
        &["CareAct2014-s42"],
    ),
    ("bare s42 concerns raised", &["CareAct2014-s42"]),
    (
        "s.9 and s.10 Care Act assessments",
        &["CareAct2014-s9", "CareAct2014-s10"],
    ),
    ("Article 8", &["HRA1998-art8"]),
    ("Art. 8 ECHR engaged", &["HRA1998-art8"]),
    (
        "article 8 rights; Articles 2 and 3",
        &["HRA1998-art8", "HRA1998-art2", "HRA1998-art3"],
    ),
    (
        "s.6 HRA and the Human Rights Act generally",
        &["HRA1998-s6", "HRA1998"],
    ),
    ("Mental Capacity Act assessment, MCA again", &["MCA2005"]),
    (
        "S47 enquiry and then an MCA assessment",
        &["CA1989-s47", "MCA2005"],
    ),
    ("As Working Together says", &["WT2023"]),
    (
        "Equality Act 2010 and the public sector equality duty",
        &["EqA2010", "EqA2010-s149"],
    ),
    (
        "EPO granted, then an interim care order under s.38",
        &["CA1989-s44", "CA1989-s38"],
    ),
    (
        "SGO assessment, s14A and s.22C",
        &["CA1989-s14A", "CA1989-s22C"],
    ),
    (
        "Part III Children Act; Part 7 of the Housing Act 1996",
        &["CA1989-pt3", "HA1996-pt7"],
    ),
    (
        "detained under section 2 of the Mental Health Act, then s.117",
        &["MHA1983-s2", "MHA1983-s117"],
    ),
    ("s.31 of the 1989 Act", &["CA1989-s31"]),
    (
        "DoLS authorisation and Children (Leaving Care) Act 2000",
        &["MCA2005-schA1", "CLCA2000"],
    ),
    ("Article 6 UK GDPR lawful basis", &["UKGDPR"]),
    ("Article 12 UNCRC: the child's views", &["UNCRC"]),
    ("Care Act s.47", &["CareAct2014"]),
    ("s.20 at 4.30pm", &["CA1989-s20"]),
    (
        "CA1989-s47 and Children Act 2004 s.11",
        &["CA1989-s47", "CA2004-s11"],
    ),
    // Negative cases: nothing here names catalogued law.
    ("we met at 10am", &[]),
    ("section of the report", &[]),
    ("section 1 of the report", &[]),
    ("47 children, 47 visits", &[]),
    ("home visit s 4pm, then s 10.30", &[]),
    (
        "it's 17 miles; mum's 20 weeks pregnant; P.S. 20 minutes late",
        &[],
    ),
    ("Article 2 of the contract", &[]),
    ("the s47a postcode", &[]),
    ("art 2 lesson at school", &[]),
    ("working together with dad", &[]),
    ("Working Together 2018 and the Mental Health Act 2007", &[]),
    ("KCSIE 2024, Data Protection Act 1998", &["KCSIE"]),
    ("sectioned under s3", &[]),
];

#[test]
fn phrasings() {
    let failures: Vec<String> = CASES
        .iter()
        .map(|(text, expected)| (text, expected, suggest_tags(text, shipped())))
        .filter(|(_, expected, got)| got != *expected)
        .map(|(text, expected, got)| format!("{text:?}: expected {expected:?}, got {got:?}"))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn other_catalogues_are_matched_too() {
    let catalogue = Catalogue::parse(
        "[[act]]\nprefix = \"X\"\nnames = [\"X Act\"]\n\n[[tag]]\ncode = \"X-s5\"\nkind = \"legislation\"\ntitle = \"X Act, section 5\"\nsummary = \"x\"\n",
    )
    .expect("test catalogue parses");
    assert_eq!(suggest_tags("s.5 X Act, then s5", &catalogue), ["X-s5"]);
    assert!(
        suggest_tags(
            "s47",
            &Catalogue {
                acts: Vec::new(),
                tags: Vec::new()
            }
        )
        .is_empty()
    );
}
