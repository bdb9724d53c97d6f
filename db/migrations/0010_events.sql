CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tx_id" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"message_id" text NOT NULL,
	"account_id" uuid NOT NULL,
	"porting_request_id" uuid,
	"type" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_porting_request_id_porting_requests_id_fk" FOREIGN KEY ("porting_request_id") REFERENCES "public"."porting_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "events_message_key" ON "events" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "events_account_position_idx" ON "events" USING btree ("account_id","tx_id","id");--> statement-breakpoint
CREATE INDEX "events_position_idx" ON "events" USING btree ("tx_id","id");--> statement-breakpoint
CREATE INDEX "events_created_idx" ON "events" USING btree ("created_at");