DROP TABLE supervision_agenda_items;
DROP TABLE supervision_comments;
DROP TABLE supervision_amendments;
DROP TABLE supervision_action_reviews;
DROP TABLE supervision_actions;
DROP TABLE supervision_case_discussions;
DROP TABLE supervision_sessions;
DROP TABLE supervision_agreements;
