CREATE TABLE "porting_request_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"porting_request_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"author_user_id" uuid,
	"author_role" "actor_role" NOT NULL,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"internal" boolean DEFAULT false NOT NULL,
	"asks_for_information" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "porting_request_comments_support_only_check" CHECK (("porting_request_comments"."internal" = false AND "porting_request_comments"."asks_for_information" = false) OR "porting_request_comments"."author_role" = 'support'),
	CONSTRAINT "porting_request_comments_question_not_internal_check" CHECK (NOT ("porting_request_comments"."internal" AND "porting_request_comments"."asks_for_information"))
);
--> statement-breakpoint
ALTER TABLE "email_messages" DROP CONSTRAINT "email_messages_kind_check";--> statement-breakpoint
ALTER TABLE "porting_request_documents" ALTER COLUMN "porting_request_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "comment_id" uuid;--> statement-breakpoint
-- Existing documents all belong to a request: they take its account (drizzle-kit wrote NOT NULL at once, which fails on any row).
ALTER TABLE "porting_request_documents" ADD COLUMN "account_id" uuid;--> statement-breakpoint
UPDATE "porting_request_documents" AS d SET "account_id" = r."account_id" FROM "porting_requests" AS r WHERE r."id" = d."porting_request_id";--> statement-breakpoint
ALTER TABLE "porting_request_documents" ALTER COLUMN "account_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "porting_request_documents" ADD COLUMN "uploaded_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "porting_request_documents" ADD COLUMN "uploaded_by_role" "actor_role";--> statement-breakpoint
ALTER TABLE "porting_request_documents" ADD COLUMN "uploaded_by_name" text;--> statement-breakpoint
ALTER TABLE "porting_request_documents" ADD COLUMN "added_after_creation" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "porting_requests" ADD COLUMN "waiting_for_customer_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "porting_requests" ADD COLUMN "support_unread_comments" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "porting_request_comments" ADD CONSTRAINT "porting_request_comments_porting_request_id_porting_requests_id_fk" FOREIGN KEY ("porting_request_id") REFERENCES "public"."porting_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "porting_request_comments" ADD CONSTRAINT "porting_request_comments_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "porting_request_comments" ADD CONSTRAINT "porting_request_comments_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "porting_request_comments_request_idx" ON "porting_request_comments" USING btree ("porting_request_id","created_at","id");--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_comment_id_porting_request_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."porting_request_comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "porting_request_documents" ADD CONSTRAINT "porting_request_documents_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "porting_request_documents" ADD CONSTRAINT "porting_request_documents_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "porting_request_documents_pending_idx" ON "porting_request_documents" USING btree ("created_at") WHERE "porting_request_documents"."porting_request_id" IS NULL;--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_kind_check" CHECK ("email_messages"."kind" IN ('status', 'comment', 'invitation', 'password_reset') AND ("email_messages"."kind" <> 'status' OR ("email_messages"."porting_request_id" IS NOT NULL AND "email_messages"."event_id" IS NOT NULL)) AND ("email_messages"."kind" <> 'comment' OR ("email_messages"."porting_request_id" IS NOT NULL AND "email_messages"."comment_id" IS NOT NULL)));