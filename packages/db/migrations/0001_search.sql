ALTER TABLE "clips" ADD COLUMN "search_title" text;--> statement-breakpoint
ALTER TABLE "clips" ADD COLUMN "search_text" text;--> statement-breakpoint
ALTER TABLE "clips" ADD COLUMN "search_tokens" "tsvector";--> statement-breakpoint
CREATE INDEX "clips_search_tokens_idx" ON "clips" USING gin ("search_tokens");