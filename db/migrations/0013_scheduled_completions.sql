CREATE TYPE "public"."scheduled_completion_state" AS ENUM('pending', 'completed', 'cancelled', 'failed');--> statement-breakpoint
CREATE TABLE "scheduled_completions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"porting_request_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"porting_at" timestamp with time zone NOT NULL,
	"state" "scheduled_completion_state" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"scheduled_by_user_id" uuid,
	"scheduled_by_name" text NOT NULL,
	"ended_reason" text,
	"completion_event_id" bigint,
	"request_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "porting_requests" ADD COLUMN "scheduled_porting_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "scheduled_completions" ADD CONSTRAINT "scheduled_completions_porting_request_id_porting_requests_id_fk" FOREIGN KEY ("porting_request_id") REFERENCES "public"."porting_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_completions" ADD CONSTRAINT "scheduled_completions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_completions" ADD CONSTRAINT "scheduled_completions_scheduled_by_user_id_users_id_fk" FOREIGN KEY ("scheduled_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_completions" ADD CONSTRAINT "scheduled_completions_completion_event_id_porting_request_events_id_fk" FOREIGN KEY ("completion_event_id") REFERENCES "public"."porting_request_events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "scheduled_completions_pending_request_key" ON "scheduled_completions" USING btree ("porting_request_id") WHERE "scheduled_completions"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "scheduled_completions_due_idx" ON "scheduled_completions" USING btree ("porting_at") WHERE "scheduled_completions"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "scheduled_completions_request_idx" ON "scheduled_completions" USING btree ("porting_request_id","created_at");--> statement-breakpoint
ALTER TABLE "porting_requests" ADD CONSTRAINT "porting_requests_scheduled_porting_at_check" CHECK ("porting_requests"."scheduled_porting_at" IS NULL OR ("porting_requests"."status" = 'in_progress' AND "porting_requests"."country" <> 'NL'));