//! What the demo journal is about: the shapes of a social worker's week, each with the
//! sentences people write about it and the catalogue tags they would add. Templates use the
//! slots of [`super::phrases`], `{sec:N}` for a section number written any of the usual
//! ways, and `{case}` for the entry's case reference ("the family" when it has none).

/// One kind of work an entry can be about.
#[derive(Debug, Clone, Copy)]
pub struct Topic {
    /// How often it comes up, relative to the others.
    pub weight: u32,
    /// Catalogue codes an entry about it may be tagged with.
    pub tags: &'static [&'static str],
    /// Titles.
    pub titles: &'static [&'static str],
    /// Sentences of the body.
    pub lines: &'static [&'static str],
}

/// The topics of practitioners' entries (students and supervisors use them too).
pub const TOPICS: &[Topic] = &[
    Topic {
        weight: 9,
        tags: &["CA1989-s47", "WT2023", "PCF-7"],
        titles: &[
            "{sec:47} enquiry visit for {case}",
            "Strategy discussion then {sec:47} enquiry",
            "{sec:47} enquiry: seeing {child} at {school}",
            "Joint visit with police, {sec:47}",
        ],
        lines: &[
            "Strategy discussion {time} agreed a {sec:47} enquiry for {case}.",
            "Joint visit with police; I saw {child} on their own and we talked about {risk}.",
            "The {sec:47} enquiry has to be finished within {timescale} and the threshold for an {icpc} looks met.",
            "{parent} seemed hostile at first but settled when I explained what a {sec:47} enquiry is.",
            "I checked with {school} and the {hv} before the visit.",
            "Safeguarding concerns are mainly about {risk}, with {strength} as a real strength.",
        ],
    },
    Topic {
        weight: 8,
        tags: &["WT2023", "CA1989-s47", "PCF-7"],
        titles: &[
            "{icpc} for {case}",
            "Preparing my report for the {icpc}",
            "{rcpc} for {case}",
            "Conference today: {cp} plan agreed",
        ],
        lines: &[
            "The {icpc} agreed a {cp} plan under the category of {risk}.",
            "My conference report was shared with {parent} two days before, which helped.",
            "The chair asked about {strength}; I could have said more about it.",
            "At the {rcpc} the plan stayed in place; progress on {risk} is slow.",
            "First core group to be held within 10 working days of the conference.",
            "{parent} brought an advocate and felt heard for the first time.",
        ],
    },
    Topic {
        weight: 9,
        tags: &["WT2023", "PCF-7", "PCF-8"],
        titles: &[
            "Core group for {case}",
            "core group meeting",
            "Core group: reviewing the {cp} plan",
            "Core group, difficult conversation about {risk}",
        ],
        lines: &[
            "Core group {time}; {school} and the {hv} both attended.",
            "We went through the {cp} plan line by line and agreed who does what.",
            "The core group heard that {risk} has not improved since the last meeting.",
            "{agency} did not send anyone to the core group again; I will escalate.",
            "{parent} disagreed with the core group minutes and we added their view.",
            "Good multi-agency working today: everyone had seen {child} since the last core group.",
        ],
    },
    Topic {
        weight: 10,
        tags: &["CA1989-s17", "PCF-7", "SWE-1"],
        titles: &[
            "Home visit to {case}",
            "{cin} visit",
            "Unannounced home visit",
            "Home visit after {time}",
            "{cin} review visit for {case}",
        ],
        lines: &[
            "Home visit {time}: the home was warm and there was food in the fridge.",
            "{child} showed me their room and talked about {school}.",
            "{parent} said things have been harder since the {cin} plan started.",
            "The {cin} plan is reviewed every {timescale}; this visit was on time.",
            "I saw {child} on their own for part of the home visit.",
            "Home conditions were poor again and I named {risk} plainly with {parent}.",
            "The family have {strength}, which the plan should build on.",
        ],
    },
    Topic {
        weight: 7,
        tags: &["CA1989-s20", "CA1989-s22", "CA1989-s26", "CA1989-s22C"],
        titles: &[
            "Statutory visit to {case}",
            "{lac} review for {case}",
            "{lac} statutory visit",
            "Placement meeting, {lac}",
        ],
        lines: &[
            "Statutory visit to the {lac} placement; {child} is settling with the foster carers.",
            "The {iro} chaired the {lac} review and asked about contact.",
            "Accommodated under {sec:20} with {parent}'s agreement last month.",
            "{lac} visits are due every six weeks in the first year of the placement.",
            "The care plan and the pathway to permanence were discussed at the {lac} review.",
            "The foster carers raised {risk}; the {iro} wants an update before the next review.",
        ],
    },
    Topic {
        weight: 6,
        tags: &[
            "CA1989-s31",
            "CA1989-s32",
            "CA1989-s38",
            "HRA1998-art8",
            "HRA1998-art6",
        ],
        titles: &[
            "Court today for {case}",
            "Care proceedings: final hearing prep",
            "{plo} meeting for {case}",
            "Legal planning meeting",
            "Interim hearing, care proceedings",
        ],
        lines: &[
            "Legal planning meeting agreed to start the {plo} pre-proceedings process.",
            "Care proceedings were issued; the 26-week timetable starts now.",
            "In court all morning for the interim care order hearing under {sec:38}.",
            "The guardian challenged my analysis of {risk} and I held my position.",
            "The threshold under {sec:31} is about significant harm, not just poor parenting.",
            "My final statement needed a clearer analysis of Article 8 and proportionality.",
            "{parent} cried outside court and I stayed with them until their solicitor came.",
        ],
    },
    Topic {
        weight: 4,
        tags: &["CA1989-s7", "CA1989-s8", "CA1989-s1"],
        titles: &[
            "{sec:7} report for {case}",
            "Private law: {sec:7} report interviews",
            "Child arrangements, {sec:7} report",
        ],
        lines: &[
            "Interviewed both parents for the {sec:7} report.",
            "The welfare checklist structures the {sec:7} report; the child's wishes come first.",
            "{child} said they want to spend more time with {parent}.",
            "The report has to be filed with the court within {timescale}.",
            "Allegations of {dv} made the {sec:7} report more complicated.",
            "A {sec:8} child arrangements order looks like the least intrusive option.",
        ],
    },
    Topic {
        weight: 6,
        tags: &["CA1989-s46", "CA1989-s44", "WT2023"],
        titles: &[
            "Duty day",
            "On duty: referrals through the {mash}",
            "Duty, then handover to {edt}",
            "Police protection on duty",
        ],
        lines: &[
            "On duty: four referrals through the {mash} before 9am.",
            "Police used {sec:46} police protection overnight; {edt} found an emergency placement.",
            "Handed over to {edt} after five with a clear safety plan.",
            "An emergency protection order under {sec:44} was discussed with legal but not needed.",
            "A refuge placement was found late in the evening for mum and the children.",
            "Duty felt relentless today and I missed lunch again.",
        ],
    },
    Topic {
        weight: 7,
        tags: &["DAA2021", "DAA2021-s3", "CA1989-s31"],
        titles: &[
            "{dv} disclosure for {case}",
            "Safety planning after {dv}",
            "MARAC referral",
            "Working with dad about {dv}",
        ],
        lines: &[
            "Mum disclosed {dv} and coercive control when I saw her on her own.",
            "Children are victims of {dv} in their own right under the Domestic Abuse Act 2021.",
            "I completed a DASH risk assessment and referred to MARAC.",
            "Dad minimised the {dv} and blamed alcohol.",
            "Safety planning with mum covered what to do if he comes to the house.",
            "The refuge has a space and the children can stay at the same {school}.",
        ],
    },
    Topic {
        weight: 5,
        tags: &["MHA1983", "PCF-5", "CFA2014"],
        titles: &[
            "{camhs} referral for {case}",
            "Self-harm disclosure",
            "{camhs} consultation",
            "Mental health crisis, young person",
        ],
        lines: &[
            "Referred {child} to {camhs} after a disclosure of self-harm.",
            "{camhs} accepted the referral but the wait is long.",
            "The young person is on the {camhs} waiting list and school are supporting in the meantime.",
            "Parental mental health is affecting routines and {child}'s attendance.",
            "A consultation with {camhs} helped me think about trauma and behaviour.",
        ],
    },
    Topic {
        weight: 5,
        tags: &["CA1989-s34", "CA1989-s22", "HRA1998-art8"],
        titles: &[
            "Supervised contact for {case}",
            "Contact review",
            "Family time observation",
            "Contact arrangements after the review",
        ],
        lines: &[
            "Observed supervised contact between {child} and {parent}.",
            "Contact went better than last time; {parent} arrived on time.",
            "The {lac} review asked whether contact can move to the community.",
            "{child} seemed unsettled after contact and the foster carers noticed it too.",
            "Contact notes need to describe what happened, not just who attended.",
        ],
    },
    Topic {
        weight: 4,
        tags: &["CA2004-s11", "SENDCoP", "PCF-8"],
        titles: &[
            "School meeting for {case}",
            "Attendance meeting at {school}",
            "EHCP review with {school}",
        ],
        lines: &[
            "Met {school} about attendance and the EHCP.",
            "School are worried about {risk} and rang me {time}.",
            "{child} is doing better in class since the transport was sorted.",
            "The designated safeguarding lead shared the chronology of concerns.",
        ],
    },
    Topic {
        weight: 3,
        tags: &["CLCA2000", "CSWA2017-s1", "CA1989-s22"],
        titles: &[
            "Pathway plan review",
            "Care leaver visit",
            "Pathway plan with the young person",
        ],
        lines: &[
            "Reviewed the pathway plan with the young person and their personal adviser.",
            "Corporate parenting principles mean asking what a good parent would do here.",
            "The young person wants to stay put with their former foster carers.",
            "Housing and money are the biggest worries for the young person this month.",
        ],
    },
    Topic {
        weight: 3,
        tags: &["CareAct2014-s42", "MCA2005-s1", "MCA2005-s3"],
        titles: &[
            "{sec:42} safeguarding enquiry",
            "Capacity assessment",
            "Adult safeguarding enquiry for {case}",
        ],
        lines: &[
            "Started a {sec:42} safeguarding enquiry under the Care Act 2014.",
            "Completed a capacity assessment about where the person lives; they have capacity.",
            "The first principle of the Mental Capacity Act is to assume capacity.",
            "Making safeguarding personal meant asking what outcome the person wanted.",
        ],
    },
    Topic {
        weight: 3,
        tags: &["CA1989-s17", "WT2023", "PCF-4"],
        titles: &[
            "{yot} joint visit",
            "Missing episode, return home interview",
            "Exploitation concerns for {case}",
        ],
        lines: &[
            "Joint visit with the {yot} worker about exploitation concerns.",
            "Return home interview after another missing episode.",
            "Contextual safeguarding means looking at the park and the peer group, not just home.",
            "The young person would not talk to me but did talk to the {yot} worker.",
        ],
    },
];

/// Topics of supervisors' own entries.
pub const SUPERVISOR_TOPICS: &[Topic] = &[Topic {
    weight: 1,
    tags: &["PCF-9", "PCF-8", "SWE-3"],
    titles: &[
        "Supervision with a newly qualified worker",
        "Team meeting: caseloads",
        "Case audit reflections",
        "Allocation meeting",
    ],
    lines: &[
        "Supervision with a worker in their {asye}: we used the 4x4x4 model to balance the session.",
        "Caseloads are high; two workers are above twenty-five families.",
        "The case audit showed chronologies are not being kept up to date.",
        "I need to make sure supervision is not only about what hasn't been done.",
        "Allocation meeting {time}; I held back a complex {cp} case for a more experienced worker.",
    ],
}];

/// Topics of students' entries.
pub const STUDENT_TOPICS: &[Topic] = &[Topic {
    weight: 1,
    tags: &["PCF-6", "PCF-5", "PCF-1"],
    titles: &[
        "Direct observation with my {pe}",
        "Placement supervision",
        "Learning agreement review",
        "Shadowing a {cp} visit",
    ],
    lines: &[
        "My {pe} observed me at a home visit for my direct observation.",
        "Placement supervision focused on how I use {theory}.",
        "I shadowed a {cp} visit and noticed how the worker named {risk} kindly but clearly.",
        "The mid-point review said I need more evidence against PCF domain six.",
        "I am learning to write shorter, clearer case notes.",
    ],
}];
