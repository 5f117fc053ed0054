//! Diesel's view of the tables created by `migrations/`; keep the two in step.
#![allow(missing_docs)]

diesel::table! {
    users (id) {
        id -> Integer,
        username -> Text,
        display_name -> Text,
        role -> Text,
        password_hash -> Text,
        disabled -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id) {
        id -> Integer,
        token_hash -> Text,
        user_id -> Integer,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> Integer,
        user_id -> Integer,
        name -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    supervision_links (id) {
        id -> Integer,
        supervisor_id -> Integer,
        supervisee_id -> Integer,
        kind -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Integer,
        occurred_at -> Timestamp,
        actor_id -> Nullable<Integer>,
        action -> Text,
        subject -> Text,
        detail -> Text,
        ip -> Nullable<Text>,
    }
}

diesel::table! {
    app_meta (key) {
        key -> Text,
        value -> Text,
    }
}

diesel::table! {
    cases (id) {
        id -> Integer,
        owner_id -> Integer,
        reference -> Text,
        label -> Nullable<Text>,
        category -> Text,
        cp_primary -> Nullable<Text>,
        cp_secondary -> Nullable<Text>,
        status -> Text,
        opened_on -> Date,
        closed_on -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    tags (id) {
        id -> Integer,
        code -> Text,
        kind -> Text,
        title -> Text,
        summary -> Text,
        url -> Nullable<Text>,
        builtin -> Bool,
        created_by -> Nullable<Integer>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    entries (id) {
        id -> Integer,
        author_id -> Integer,
        kind -> Text,
        title -> Text,
        occurred_on -> Date,
        occurred_at -> Nullable<Time>,
        body -> Text,
        mood -> Nullable<Integer>,
        visibility -> Text,
        for_supervision -> Bool,
        model -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        deleted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    entry_sections (entry_id, stage) {
        entry_id -> Integer,
        stage -> Text,
        body -> Text,
    }
}

diesel::table! {
    cpd_records (entry_id) {
        entry_id -> Integer,
        activity_type -> Text,
        description -> Text,
        learning -> Text,
        impact -> Text,
        peer_role -> Nullable<Text>,
        peer_reflection -> Nullable<Text>,
        hours -> Double,
    }
}

diesel::table! {
    entry_cases (entry_id, case_id) {
        entry_id -> Integer,
        case_id -> Integer,
    }
}

diesel::table! {
    entry_tags (entry_id, tag_id) {
        entry_id -> Integer,
        tag_id -> Integer,
    }
}

diesel::table! {
    entry_revisions (id) {
        id -> Integer,
        entry_id -> Integer,
        number -> Integer,
        snapshot -> Text,
        saved_at -> Timestamp,
    }
}

diesel::table! {
    case_events (id) {
        id -> Integer,
        case_id -> Integer,
        kind -> Text,
        label -> Nullable<Text>,
        occurred_on -> Date,
        occurred_at -> Nullable<Time>,
        due_on -> Nullable<Date>,
        entry_id -> Nullable<Integer>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    calendar_feeds (id) {
        id -> Integer,
        user_id -> Integer,
        token_hash -> Text,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    search_outbox (id) {
        id -> BigInt,
        record_type -> Text,
        record_id -> Integer,
        queued_at -> Timestamp,
    }
}

diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(api_tokens -> users (user_id));
diesel::joinable!(audit_events -> users (actor_id));
diesel::joinable!(cases -> users (owner_id));
diesel::joinable!(entries -> users (author_id));
diesel::joinable!(entry_sections -> entries (entry_id));
diesel::joinable!(cpd_records -> entries (entry_id));
diesel::joinable!(entry_cases -> entries (entry_id));
diesel::joinable!(entry_cases -> cases (case_id));
diesel::joinable!(entry_tags -> entries (entry_id));
diesel::joinable!(entry_tags -> tags (tag_id));
diesel::joinable!(entry_revisions -> entries (entry_id));
diesel::joinable!(case_events -> cases (case_id));
diesel::joinable!(case_events -> entries (entry_id));
diesel::joinable!(calendar_feeds -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    users,
    sessions,
    api_tokens,
    supervision_links,
    audit_events,
    app_meta,
    cases,
    tags,
    entries,
    entry_sections,
    cpd_records,
    entry_cases,
    entry_tags,
    entry_revisions,
    case_events,
    calendar_feeds,
    search_outbox,
);
