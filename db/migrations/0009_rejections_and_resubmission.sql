ALTER TABLE "porting_request_events" ADD COLUMN "rejection" jsonb;--> statement-breakpoint
ALTER TABLE "porting_requests" ADD COLUMN "resubmission_of_id" uuid;--> statement-breakpoint
ALTER TABLE "porting_requests" ADD CONSTRAINT "porting_requests_resubmission_of_id_porting_requests_id_fk" FOREIGN KEY ("resubmission_of_id") REFERENCES "public"."porting_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "porting_requests_resubmission_of_key" ON "porting_requests" USING btree ("resubmission_of_id") WHERE "porting_requests"."resubmission_of_id" IS NOT NULL;--> statement-breakpoint
-- Rejections before structured codes were free text only: they read as "other" (the reason says what to fix).
UPDATE "porting_request_events" SET "rejection" = '{"codes":[{"code":"other","numbers":[]}],"profile":null}'::jsonb WHERE "to_status" = 'blocked' AND "rejection" IS NULL;--> statement-breakpoint
ALTER TABLE "porting_request_events" ADD CONSTRAINT "porting_request_events_blocked_rejection_check" CHECK ("porting_request_events"."to_status" <> 'blocked' OR ("porting_request_events"."rejection" IS NOT NULL AND jsonb_array_length("porting_request_events"."rejection" -> 'codes') > 0));
