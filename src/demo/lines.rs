//! Sentences any entry can use (feelings, reflection, next steps), titles of reflections,
//! and CPD activities. Slots as in [`super::topics`].

/// Sentences about how the day felt.
pub const FEELING_LINES: &[&str] = &[
    "I felt {feeling} afterwards.",
    "Honestly I came away {feeling}.",
    "Driving back I was {feeling} and needed ten minutes before the next visit.",
    "I noticed I was {feeling}; worth bringing to supervision.",
];

/// Sentences of reflection that tie the work to theory and law.
pub const REFLECTION_LINES: &[&str] = &[
    "Looking back, {theory} helps me make sense of how {parent} responded.",
    "Using {theory} kept me curious rather than judging.",
    "I want to be clearer about what {law} actually requires here.",
    "{feedback} pointed out that I rushed the analysis of {risk}.",
    "The tension was between {strength} and the evidence of {risk}.",
    "I relied on {theory} but did not check my own assumptions about the family.",
    "Safeguarding was the priority, but I could have held on to {strength} more.",
    "Next time I would plan the conversation with {parent} more carefully.",
    "Reading about {theory} again after the visit changed how I see it.",
    "The voice of the child was strong in my notes but weaker in the plan.",
];

/// Sentences naming what happens next.
pub const ACTION_LINES: &[&str] = &[
    "Next: {action}.",
    "To do: {action}, then {action}.",
    "I need to {action} by the end of the week.",
];

/// Titles of reflections, on top of the topic's own.
pub const REFLECTION_TITLES: &[&str] = &[
    "Reflection on {meeting}",
    "What I learnt from a hard {meeting}",
    "Reflecting on {risk} and {theory}",
    "Reflection: using {theory}",
    "Thinking again about {case}",
];

/// CPD activities: type, title, description, learning, impact, and tags.
pub const CPD_ACTIVITIES: &[[&str; 5]] = &[
    [
        "Course or training",
        "Trauma-informed practice course",
        "A two-day course on trauma-informed practice, relevant to my work with {lac}.",
        "How early trauma shows up in behaviour, and how {theory} fits with it.",
        "I now plan visits around what feels safe for {child} and explain that in my recording.",
    ],
    [
        "Reading or research",
        "Reading on attachment theory",
        "Reading on attachment theory and its limits, for my {cp} cases.",
        "Attachment theory is useful but is easily misused to judge parents.",
        "My assessments describe relationships with evidence rather than labels.",
    ],
    [
        "Conference, seminar or webinar",
        "Contextual safeguarding webinar",
        "A webinar on contextual safeguarding and exploitation.",
        "Risk outside the home needs a plan for places and peer groups.",
        "I mapped the places that matter to a young person with the {yot} worker.",
    ],
    [
        "Shadowing or observation",
        "Shadowing an IRO",
        "Shadowing the {iro} at two {lac} reviews.",
        "How the {iro} holds the care plan to account.",
        "I prepare young people better for their reviews now.",
    ],
    [
        "Course or training",
        "Mental Capacity Act and DoLS refresher",
        "Refresher training on the Mental Capacity Act.",
        "The difference between an unwise decision and a lack of capacity.",
        "My capacity assessments record the decision, the information and the support given.",
    ],
    [
        "Peer learning or discussion",
        "Peer learning on strengths-based practice",
        "A peer learning group on strengths-based practice.",
        "Strengths are evidence too and belong in the analysis.",
        "My plans now name {strength} and how it reduces risk.",
    ],
    [
        "Conference",
        "Conference on domestic abuse",
        "A conference on {dv} and the Domestic Abuse Act 2021.",
        "Coercive control is a pattern, not an incident.",
        "I ask about control and money, not only about violence.",
    ],
    [
        "Supervision-led learning",
        "Learning from a case audit",
        "Learning from an audit of my case recording.",
        "Chronologies are the spine of good analysis.",
        "I update the chronology after every significant event.",
    ],
];

/// Roles of peers who reflect on CPD (never names).
pub const PEER_ROLES: &[&str] = &[
    "senior practitioner",
    "team manager",
    "practice educator",
    "colleague in the team",
    "independent reviewing officer",
];

/// Peer reflections.
pub const PEER_REFLECTIONS: &[&str] = &[
    "We talked through how I used this with a family; my colleague noticed I now slow down before deciding.",
    "My peer thought the learning showed in my last conference report, especially the analysis.",
    "We agreed I should share what I learnt at the next team meeting.",
];
