DROP INDEX "clips_collection_published_idx";--> statement-breakpoint
CREATE INDEX "clips_collection_published_id_idx" ON "clips" USING btree ("collection_id","published_at","id");