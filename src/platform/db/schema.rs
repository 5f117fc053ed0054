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
    password_reset_links (id) {
        id -> Integer,
        user_id -> Integer,
        token_hash -> Text,
        issued_by -> Nullable<Integer>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        notice_shown_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    access_log (id) {
        id -> Integer,
        owner_id -> Integer,
        actor_id -> Integer,
        act -> Text,
        record_kind -> Text,
        record_id -> Integer,
        hour -> Timestamp,
        occurred_at -> Timestamp,
    }
}

diesel::table! {
    inbox_seen (user_id, subject_kind, subject_id) {
        user_id -> Integer,
        subject_kind -> Text,
        subject_id -> Integer,
        seen_through -> Integer,
    }
}

diesel::table! {
    email_preferences (user_id) {
        user_id -> Integer,
        address -> Text,
        daily_digest -> Bool,
        immediate -> Bool,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    email_outbox (id) {
        id -> Integer,
        idempotency_key -> Text,
        recipient_id -> Integer,
        address -> Text,
        subject -> Text,
        body -> Text,
        created_at -> Timestamp,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_until -> Nullable<Timestamp>,
        sent_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    drafts (id) {
        id -> Integer,
        user_id -> Integer,
        form_key -> Text,
        fields -> Text,
        saved_at -> Timestamp,
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
        expires_at -> Timestamp,
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
        owner_id -> Nullable<Integer>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    capture_keys (user_id, capture_key) {
        user_id -> Integer,
        capture_key -> Text,
        entry_id -> Integer,
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
        revisit_on -> Nullable<Date>,
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
        activity -> Text,
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
        remind_day_before -> Bool,
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

diesel::table! {
    supervision_agreement_versions (id) {
        id -> Integer,
        supervisor_id -> Integer,
        supervisee_id -> Integer,
        frequency -> Text,
        starts_on -> Date,
        usual_minutes -> Integer,
        cancellation -> Text,
        supervisor_expectations -> Text,
        supervisee_expectations -> Text,
        supervisor_signed_at -> Timestamp,
        supervisee_signed_at -> Timestamp,
        version -> Text,
        replaced_at -> Timestamp,
        replaced_by -> Nullable<Integer>,
    }
}

diesel::table! {
    supervision_agreements (id) {
        id -> Integer,
        supervisor_id -> Integer,
        supervisee_id -> Integer,
        frequency -> Text,
        starts_on -> Date,
        usual_minutes -> Integer,
        cancellation -> Text,
        supervisor_expectations -> Text,
        supervisee_expectations -> Text,
        supervisor_signed_at -> Nullable<Timestamp>,
        supervisee_signed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    supervision_sessions (id) {
        id -> Integer,
        supervisor_id -> Integer,
        supervisee_id -> Integer,
        held_on -> Date,
        starts_at -> Nullable<Time>,
        duration_minutes -> Integer,
        session_type -> Text,
        attendees -> Text,
        about_placement -> Bool,
        agenda -> Text,
        agenda_functions -> Text,
        workload -> Text,
        workload_functions -> Text,
        wellbeing -> Text,
        wellbeing_functions -> Text,
        development -> Text,
        development_functions -> Text,
        next_session_on -> Nullable<Date>,
        drafted_by -> Integer,
        supervisor_signed_at -> Nullable<Timestamp>,
        supervisee_signed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    supervision_case_discussions (id) {
        id -> Integer,
        session_id -> Integer,
        position -> Integer,
        case_reference -> Text,
        case_update -> Text,
        risks -> Text,
        strengths -> Text,
        decision -> Text,
        functions -> Text,
    }
}

diesel::table! {
    supervision_actions (id) {
        id -> Integer,
        session_id -> Integer,
        description -> Text,
        owner_id -> Integer,
        due_on -> Date,
        status -> Text,
        status_reason -> Nullable<Text>,
        completed_on -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    supervision_action_reviews (id) {
        id -> Integer,
        session_id -> Integer,
        action_id -> Integer,
        outcome -> Text,
        reason -> Text,
    }
}

diesel::table! {
    supervision_amendments (id) {
        id -> Integer,
        session_id -> Integer,
        author_id -> Integer,
        field -> Text,
        previous_text -> Text,
        new_text -> Text,
        reason -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    supervision_comments (id) {
        id -> Integer,
        session_id -> Integer,
        author_id -> Integer,
        body -> Text,
        disagrees -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    supervision_agenda_items (id) {
        id -> Integer,
        supervisor_id -> Integer,
        supervisee_id -> Integer,
        added_by -> Integer,
        body -> Text,
        session_id -> Nullable<Integer>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    placements (id) {
        id -> Integer,
        student_id -> Integer,
        educator_id -> Integer,
        onsite_supervisor_id -> Nullable<Integer>,
        setting -> Text,
        team -> Text,
        level -> Text,
        required_days -> Double,
        starts_on -> Date,
        expected_end_on -> Date,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    placement_days (id) {
        id -> Integer,
        placement_id -> Integer,
        day -> Date,
        portion -> Text,
        hours -> Double,
        activities -> Text,
        absence_reason -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    placement_day_entries (day_id, entry_id) {
        day_id -> Integer,
        entry_id -> Integer,
    }
}

diesel::table! {
    learning_agreements (placement_id) {
        placement_id -> Integer,
        goals -> Text,
        support -> Text,
        expectations -> Text,
        student_signed_at -> Nullable<Timestamp>,
        educator_signed_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    placement_evidence (id) {
        id -> Integer,
        placement_id -> Integer,
        entry_id -> Integer,
        domain -> Text,
        note -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    evidence_comments (id) {
        id -> Integer,
        evidence_id -> Integer,
        author_id -> Integer,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    observations (id) {
        id -> Integer,
        placement_id -> Integer,
        observed_on -> Date,
        observer -> Text,
        observed -> Text,
        reflection -> Text,
        feedback -> Text,
        domains -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    placement_reviews (id) {
        id -> Integer,
        placement_id -> Integer,
        stage -> Text,
        progress -> Text,
        concerns -> Text,
        plan -> Text,
        recommendation -> Nullable<Text>,
        reasons -> Text,
        student_comment -> Text,
        student_signed_at -> Nullable<Timestamp>,
        educator_signed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    placement_amendments (id) {
        id -> Integer,
        placement_id -> Integer,
        document -> Text,
        field -> Text,
        previous_text -> Text,
        new_text -> Text,
        reason -> Text,
        author_id -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    import_sources (id) {
        id -> Integer,
        user_id -> Integer,
        source_key -> Text,
        entry_id -> Nullable<Integer>,
        imported_at -> Timestamp,
    }
}

diesel::table! {
    imported_records (id) {
        id -> Integer,
        user_id -> Integer,
        kind -> Text,
        title -> Text,
        occurred_on -> Nullable<Date>,
        body -> Text,
        original -> Text,
        source_key -> Text,
        imported_at -> Timestamp,
    }
}

diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(drafts -> users (user_id));
diesel::joinable!(api_tokens -> users (user_id));
diesel::joinable!(password_reset_links -> users (user_id));
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
diesel::joinable!(supervision_case_discussions -> supervision_sessions (session_id));
diesel::joinable!(supervision_actions -> supervision_sessions (session_id));
diesel::joinable!(supervision_action_reviews -> supervision_sessions (session_id));
diesel::joinable!(supervision_action_reviews -> supervision_actions (action_id));
diesel::joinable!(supervision_amendments -> supervision_sessions (session_id));
diesel::joinable!(supervision_comments -> supervision_sessions (session_id));
diesel::joinable!(supervision_agenda_items -> supervision_sessions (session_id));
diesel::joinable!(placement_days -> placements (placement_id));
diesel::joinable!(placement_day_entries -> placement_days (day_id));
diesel::joinable!(placement_day_entries -> entries (entry_id));
diesel::joinable!(learning_agreements -> placements (placement_id));
diesel::joinable!(placement_evidence -> placements (placement_id));
diesel::joinable!(placement_evidence -> entries (entry_id));
diesel::joinable!(evidence_comments -> placement_evidence (evidence_id));
diesel::joinable!(observations -> placements (placement_id));
diesel::joinable!(placement_reviews -> placements (placement_id));
diesel::joinable!(placement_amendments -> placements (placement_id));

diesel::allow_tables_to_appear_in_same_query!(
    users,
    sessions,
    api_tokens,
    password_reset_links,
    access_log,
    inbox_seen,
    email_preferences,
    email_outbox,
    drafts,
    supervision_links,
    audit_events,
    app_meta,
    cases,
    tags,
    entries,
    capture_keys,
    entry_sections,
    cpd_records,
    entry_cases,
    entry_tags,
    entry_revisions,
    case_events,
    calendar_feeds,
    search_outbox,
    supervision_agreements,
    supervision_agreement_versions,
    supervision_sessions,
    supervision_case_discussions,
    supervision_actions,
    supervision_action_reviews,
    supervision_amendments,
    supervision_comments,
    supervision_agenda_items,
    placements,
    placement_days,
    placement_day_entries,
    learning_agreements,
    placement_evidence,
    evidence_comments,
    observations,
    placement_reviews,
    placement_amendments,
    import_sources,
    imported_records,
);

diesel::table! {
    instances (id) {
        id -> Text,
        applied_outbox -> BigInt,
        started_at -> Timestamp,
        seen_at -> Timestamp,
    }
}

diesel::table! {
    search_outbox_pruned (id) {
        id -> Integer,
        through_id -> BigInt,
    }
}

diesel::table! {
    sign_in_failures (throttle_key) {
        throttle_key -> Text,
        failures -> Integer,
        last_failed_at -> Timestamp,
    }
}

diesel::table! {
    leases (name) {
        name -> Text,
        holder -> Text,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    credential_changes (id) {
        id -> Integer,
        generation -> BigInt,
    }
}

diesel::table! {
    own_writes (user_id) {
        user_id -> Integer,
        outbox_id -> BigInt,
    }
}
