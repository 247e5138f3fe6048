-- Custom SQL migration file, put your code below! --
-- ANALYZE keeps the 10,000 most common search lexemes (100 × 10 by default, 1,000): search reads
-- them to tell a word too sparse to walk to (sparseInStatistics), and a thousand Chinese bigrams
-- are all common ones.
ALTER TABLE "clips" ALTER COLUMN "search_tokens" SET STATISTICS 1000;
