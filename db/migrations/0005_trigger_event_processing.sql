ALTER TABLE "trigger_events" ADD COLUMN "processed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "trigger_events" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Events recorded before this migration were processed when they arrived.
UPDATE "trigger_events" SET "processed_at" = "created_at";--> statement-breakpoint
CREATE INDEX "trigger_events_pending" ON "trigger_events" USING btree ("created_at") WHERE "trigger_events"."processed_at" is null;