-- The kind of CPD activity from a closed list. Existing records whose free text is a kind's
-- name or label take that kind (and its label as their words); the rest become 'other' with
-- their text kept as written.
ALTER TABLE cpd_records ADD COLUMN activity TEXT NOT NULL DEFAULT 'other'
    CHECK (activity IN ('course', 'elearning', 'conference', 'reading', 'reflection', 'supervision', 'peer_learning', 'shadowing', 'teaching', 'other'));
UPDATE cpd_records SET activity = CASE lower(trim(activity_type))
        WHEN 'course' THEN 'course' WHEN 'course or training' THEN 'course'
        WHEN 'elearning' THEN 'elearning' WHEN 'e-learning' THEN 'elearning'
        WHEN 'conference' THEN 'conference' WHEN 'conference, seminar or webinar' THEN 'conference'
        WHEN 'reading' THEN 'reading' WHEN 'reading or research' THEN 'reading'
        WHEN 'reflection' THEN 'reflection' WHEN 'reflection on practice' THEN 'reflection'
        WHEN 'supervision' THEN 'supervision' WHEN 'supervision' THEN 'supervision'
        WHEN 'peer_learning' THEN 'peer_learning' WHEN 'peer learning or discussion' THEN 'peer_learning'
        WHEN 'shadowing' THEN 'shadowing' WHEN 'shadowing or observation' THEN 'shadowing'
        WHEN 'teaching' THEN 'teaching' WHEN 'teaching, mentoring or practice education' THEN 'teaching'
        WHEN 'practice educator work' THEN 'teaching'
        ELSE 'other' END;
UPDATE cpd_records SET activity_type = CASE activity
        WHEN 'course' THEN 'Course or training'
        WHEN 'elearning' THEN 'E-learning'
        WHEN 'conference' THEN 'Conference, seminar or webinar'
        WHEN 'reading' THEN 'Reading or research'
        WHEN 'reflection' THEN 'Reflection on practice'
        WHEN 'supervision' THEN 'Supervision'
        WHEN 'peer_learning' THEN 'Peer learning or discussion'
        WHEN 'shadowing' THEN 'Shadowing or observation'
        WHEN 'teaching' THEN 'Teaching, mentoring or practice education'
        END
    WHERE activity <> 'other';
