CREATE TYPE "public"."api_key_mode" AS ENUM('live', 'test');--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "mode" "api_key_mode" DEFAULT 'live' NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "sandbox" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "porting_requests" ADD COLUMN "sandbox" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "porting_requests_sandbox_account_created_idx" ON "porting_requests" USING btree ("account_id","created_at","id") WHERE "porting_requests"."sandbox";--> statement-breakpoint
CREATE INDEX "porting_requests_sandbox_changed_idx" ON "porting_requests" USING btree ("status_changed_at","id") WHERE "porting_requests"."sandbox" AND "porting_requests"."status" IN ('requested', 'in_progress', 'delayed');--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_test_mode_account_check" CHECK ("api_keys"."mode" = 'live' OR "api_keys"."account_id" IS NOT NULL);