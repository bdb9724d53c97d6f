CREATE TABLE "worker_metrics" (
	"worker_id" text PRIMARY KEY NOT NULL,
	"metrics" jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "callback_deliveries" ADD COLUMN "request_id" text;--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "request_id" text;--> statement-breakpoint
CREATE INDEX "email_messages_state_created_idx" ON "email_messages" USING btree ("state","created_at");