DROP TABLE search_outbox_pruned;
DROP TABLE instances;
