CREATE TABLE "clip_bands" (
	"band" text NOT NULL,
	"collection_id" uuid NOT NULL,
	"clip_id" uuid NOT NULL,
	CONSTRAINT "clip_bands_band_collection_id_clip_id_pk" PRIMARY KEY("band","collection_id","clip_id")
);
--> statement-breakpoint
ALTER TABLE "clips" ADD COLUMN "normalized_url" text;--> statement-breakpoint
ALTER TABLE "clips" ADD COLUMN "minhash" integer[];--> statement-breakpoint
ALTER TABLE "clips" ADD COLUMN "shingle_count" integer;--> statement-breakpoint
ALTER TABLE "clips" ADD COLUMN "fingerprint_length" integer;--> statement-breakpoint
ALTER TABLE "clip_bands" ADD CONSTRAINT "clip_bands_clip_id_clips_id_fk" FOREIGN KEY ("clip_id") REFERENCES "public"."clips"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clip_bands_clip_idx" ON "clip_bands" USING btree ("clip_id");--> statement-breakpoint
CREATE INDEX "clips_normalized_url_idx" ON "clips" USING btree ("normalized_url");