DROP TABLE cases;
