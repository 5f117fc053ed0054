DROP TABLE own_writes;
