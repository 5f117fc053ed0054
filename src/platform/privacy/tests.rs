use super::IdentifierKind::{
    DateOfBirth as Dob, Email, NhsNumber as Nhs, NiNumber as Nino, PhoneNumber as Phone,
    Postcode as Pc,
};
use super::*;

#[test]
fn finds_identifiers_and_leaves_ordinary_text_alone() {
    // One row per line reads as a table; rustfmt would split most rows over four.
    #[rustfmt::skip]
    let table: &[(&str, &[(IdentifierKind, &str)])] = &[
        // Email addresses.
        ("Email jo.bloggs@example.co.uk today.", &[(Email, "jo.bloggs@example.co.uk")]),
        ("Mum (sarah_o'neill+sw@mail.example.org).", &[(Email, "sarah_o'neill+sw@mail.example.org")]),
        ("'jo@example.com'", &[(Email, "jo@example.com")]),
        ("see @handle, user@localhost or 10@the centre", &[]),
        ("Hi sw1a1aa@example.com", &[(Email, "sw1a1aa@example.com")]),
        // Phone numbers.
        ("Mum's mobile is 07700 900123.", &[(Phone, "07700 900123")]),
        ("07700900123", &[(Phone, "07700900123")]),
        ("+44 7700 900123 or +447700900123", &[(Phone, "+44 7700 900123"), (Phone, "+447700900123")]),
        ("(07700) 900123", &[(Phone, "(07700) 900123")]),
        ("Call 020 7946 0000 or 0161 496 0000", &[(Phone, "020 7946 0000"), (Phone, "0161 496 0000")]),
        ("Tel:01632-960-961", &[(Phone, "01632-960-961")]),
        ("+44 (0)20 7946 0000, +44 20-7946-0000", &[(Phone, "+44 (0)20 7946 0000"), (Phone, "+44 20-7946-0000")]),
        ("016977 4567", &[(Phone, "016977 4567")]),
        ("07700 900123 07700 900456", &[(Phone, "07700 900123"), (Phone, "07700 900456")]),
        ("Call 999, 101 or 0800 1111; 0300 123 4567 is the council", &[]),
        ("In 2023 at 09:30 she paid £0.50, then £1,200 and 07.30", &[]),
        ("0770090012 and 077009001234 and 020-7946-0000-12", &[]),
        ("Ref 01-03-2015 and FAM-017 about Child B", &[]),
        // Postcodes.
        ("Lives at SW1A 1AA.", &[(Pc, "SW1A 1AA")]),
        ("M1 1AE, B33 8TH, CR2 6XH", &[(Pc, "M1 1AE"), (Pc, "B33 8TH"), (Pc, "CR2 6XH")]),
        ("DN55 1PT / EC1A 1BB", &[(Pc, "DN55 1PT"), (Pc, "EC1A 1BB")]),
        ("postcode sw1a1aa", &[(Pc, "sw1a1aa")]),
        ("in M1 today for ASYE and PCF 1", &[]),
        ("CR2 6CH, QA1 1AA, SW1A 1AAB", &[]),
        ("on the a1 2nd floor, y7 1st term, s47 and section 20", &[]),
        // NHS numbers.
        ("NHS 943 476 5919", &[(Nhs, "943 476 5919")]),
        ("943-476-5919;9434765919", &[(Nhs, "943-476-5919"), (Nhs, "9434765919")]),
        ("943 476 5918 and 1234567890 fail the check", &[]),
        ("99434765919 is too long", &[]),
        // Ten digits starting 0 are never an NHS number; starting 01, a landline.
        ("0134765915", &[(Phone, "0134765915")]),
        ("0434765910", &[]),
        // National Insurance numbers.
        ("NI number AB 12 34 56 C", &[(Nino, "AB 12 34 56 C")]),
        ("ab123456c", &[(Nino, "ab123456c")]),
        ("JC123456D.", &[(Nino, "JC123456D")]),
        ("QQ 12 34 56 C and QQ123456C", &[]),
        ("GB123456A, AB123456E, DA123456A, AO123456A", &[]),
        // Dates of birth.
        ("DOB: 12/03/2015", &[(Dob, "DOB: 12/03/2015")]),
        ("dob 12.3.15 and D.O.B. 01-03-2015", &[(Dob, "dob 12.3.15"), (Dob, "D.O.B. 01-03-2015")]),
        ("d.o.b 2015-03-12", &[(Dob, "d.o.b 2015-03-12")]),
        ("She was born on 3 March 2015.", &[(Dob, "born on 3 March 2015")]),
        ("born 3rd March 2015", &[(Dob, "born 3rd March 2015")]),
        ("Her date of birth is 2015-03-12", &[(Dob, "date of birth is 2015-03-12")]),
        ("born on the 3rd of March 2015", &[(Dob, "born on the 3rd of March 2015")]),
        ("Born on Sept. 3, 2015", &[(Dob, "Born on Sept. 3, 2015")]),
        ("born on Monday 3 March 2015", &[(Dob, "born on Monday 3 March 2015")]),
        ("DOB 03/25/2015", &[(Dob, "DOB 03/25/2015")]),
        ("born in the UK; DOB unknown; the meeting on 3 March 2015", &[]),
        ("DOB 32/13/2015, newborn 12/03/2015, born 2015", &[]),
        // Mixed, and overlaps.
        ("DOB 07/03/2015 tel 07700 900123", &[(Dob, "DOB 07/03/2015"), (Phone, "07700 900123")]),
        ("Legislation: s47, section 20, Children Act 1989; ASYE, PCF, EHCP", &[]),
        ("Meeting 14:30 on 12/03/2024, cost £120.50, ref FAM-017", &[]),
        ("", &[]),
    ];
    for (text, expected) in table {
        let got: Vec<_> = scan("body", text)
            .into_iter()
            .map(|w| (w.kind, w.found))
            .collect();
        let want: Vec<_> = expected.iter().map(|&(k, f)| (k, f.to_owned())).collect();
        assert_eq!(got, want, "scanning {text:?}");
    }
}

#[test]
fn nhs_check_digit() {
    // The leading-0 rows in the table pass the check, so it is the rule that drops them.
    for passes in [
        "9434765919",
        "943 476 5919",
        "0134765915",
        "0434765910",
        "4010232137",
    ] {
        assert!(nhs_check_passes(passes), "{passes}");
    }
    for fails in ["9434765918", "1234567890", "943476591"] {
        assert!(!nhs_check_passes(fails), "{fails}");
    }
}

#[test]
fn reports_field_line_and_byte_offsets() {
    let text = "Première visite 🙂\nEmail: jo@example.com\n\nNé DOB 01/02/2016 — tél 07700 900123";
    let warnings = scan_all([("title", "Visit to B33 8TH"), ("body", text), ("empty", "")]);
    let summary: Vec<_> = warnings
        .iter()
        .map(|w| (w.field.as_str(), w.kind, w.found.as_str(), w.line))
        .collect();
    assert_eq!(
        summary,
        [
            ("title", Pc, "B33 8TH", 1),
            ("body", Email, "jo@example.com", 2),
            ("body", Dob, "DOB 01/02/2016", 4),
            ("body", Phone, "07700 900123", 4),
        ]
    );
    assert_eq!((warnings[0].start, warnings[0].end), (9, 16));
    for w in &warnings[1..] {
        assert_eq!(w.start, text.find(&w.found).unwrap());
        assert_eq!(&text[w.start..w.end], w.found);
    }
    assert_eq!(Phone.label(), "a UK phone number");
    let json = serde_json::to_value(&warnings[3]).unwrap();
    assert_eq!(json["kind"], "phone_number");
    assert_eq!(json["field"], "body");
}

#[test]
fn never_panics_and_offsets_are_exact_on_random_text() {
    // Characters and fragments that build, and almost build, every kind of identifier.
    let pieces: Vec<&str> =
        "0|1|4|7|9|2| | |\n|-|/|.|+|@|(|)|:|a|B|q|x|é|🙂|ß|DOB |born on |March \
        |07700|+44|SW1A|1AA|943|AB|12 |.com|£|(0)|900123|12/03/2015|476 5919|12 34 56 C\
        |jo@ex.co|M1 1AE"
            .split('|')
            .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        // xorshift64: cheap, deterministic, good enough to shake out edge cases.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut total = 0;
    for _ in 0..3000 {
        let len = usize::try_from(next() % 80).unwrap();
        let text: String = (0..len)
            .map(|_| pieces[usize::try_from(next()).unwrap() % pieces.len()])
            .collect();
        let warnings = scan("f", &text);
        let mut previous_end = 0;
        for w in &warnings {
            assert!(
                previous_end <= w.start && w.start < w.end,
                "{text:?}: {warnings:?}"
            );
            assert!(text.is_char_boundary(w.start) && text.is_char_boundary(w.end));
            assert_eq!(&text[w.start..w.end], w.found, "{text:?}");
            assert_eq!(w.line, text[..w.start].matches('\n').count() + 1);
            previous_end = w.end;
        }
        total += warnings.len();
    }
    // The pieces are chosen so that identifiers do turn up, or the loop proves little.
    assert!(total > 1000, "only {total} findings");
}

#[test]
fn long_digit_runs_stay_fast() {
    let text = "0 ".repeat(20_000) + &"0".repeat(20_000) + &"1-".repeat(20_000);
    assert!(scan("body", &text).is_empty());
}
