ALTER TABLE "clip_tags" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "clip_tags" CASCADE;--> statement-breakpoint
ALTER TABLE "clips" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "clips" ADD COLUMN "facets" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "clips_facets_idx" ON "clips" USING gin ("facets");--> statement-breakpoint
CREATE INDEX "clips_collection_created_idx" ON "clips" USING btree ("collection_id","created_at","id");