CREATE TYPE "public"."actor_role" AS ENUM('customer', 'support', 'system');--> statement-breakpoint
CREATE TYPE "public"."contract_scenario" AS ENUM('switch_at_contract_end', 'early_termination', 'keep_after_contract_end', 'keep_without_ending');--> statement-breakpoint
CREATE TYPE "public"."document_kind" AS ENUM('letter_of_authorisation', 'invoice');--> statement-breakpoint
CREATE TYPE "public"."number_type" AS ENUM('geographic', 'national', 'mobile', 'toll_free');--> statement-breakpoint
CREATE TYPE "public"."porting_status" AS ENUM('requested', 'in_progress', 'delayed', 'ready_to_be_ported', 'blocked', 'cancelled', 'completed');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('customer', 'support');--> statement-breakpoint
CREATE SEQUENCE "public"."porting_request_reference_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"country" char(2) NOT NULL,
	"signing_secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"account_id" uuid,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"hash" text NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "company_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"company_name" text NOT NULL,
	"registration_number" text,
	"vat_number" text,
	"representative_first_name" text,
	"representative_last_name" text,
	"representative_phone" text,
	"street" text,
	"postal_code" text,
	"city" text,
	"address_country" char(2),
	"country" char(2) NOT NULL,
	"number_types" "number_type"[] DEFAULT '{}' NOT NULL,
	"notification_emails" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "distribution_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"destinations" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "porting_request_counts" (
	"account_id" uuid NOT NULL,
	"status" "porting_status" NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "porting_request_counts_account_id_status_pk" PRIMARY KEY("account_id","status")
);
--> statement-breakpoint
CREATE TABLE "porting_request_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"porting_request_id" uuid NOT NULL,
	"kind" "document_kind" NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "porting_request_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"porting_request_id" uuid NOT NULL,
	"from_status" "porting_status",
	"to_status" "porting_status" NOT NULL,
	"reason" text NOT NULL,
	"first_possible_porting_date" date,
	"actor_user_id" uuid,
	"actor_role" "actor_role" NOT NULL,
	"actor_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "porting_request_numbers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"porting_request_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"number" text NOT NULL,
	"type" "number_type" NOT NULL,
	"position" integer NOT NULL,
	"open" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "porting_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text DEFAULT ('PR-' || lpad(nextval('porting_request_reference_seq')::text, 6, '0')) NOT NULL,
	"account_id" uuid NOT NULL,
	"company_profile_id" uuid NOT NULL,
	"country" char(2) NOT NULL,
	"number_type" "number_type" NOT NULL,
	"current_provider" text NOT NULL,
	"preferred_porting_date" timestamp with time zone,
	"first_possible_porting_date" date,
	"contract_scenario" "contract_scenario",
	"callback_url" text,
	"distribution_group_id" uuid,
	"comment" text,
	"status" "porting_status" DEFAULT 'requested' NOT NULL,
	"status_reason" text NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "user_role" NOT NULL,
	"account_id" uuid,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role_account_check" CHECK (("users"."role" = 'customer' AND "users"."account_id" IS NOT NULL) OR ("users"."role" = 'support' AND "users"."account_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "voice_numbers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"number" text NOT NULL,
	"type" "number_type" NOT NULL,
	"distribution_group_id" uuid,
	"porting_request_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_profiles" ADD CONSTRAINT "company_profiles_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "distribution_groups" ADD CONSTRAINT "distribution_groups_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "porting_request_counts" ADD CONSTRAINT "porting_request_counts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "porting_request_documents" ADD CONSTRAINT "porting_request_documents_porting_request_id_porting_requests_id_fk" FOREIGN KEY ("porting_request_id") REFERENCES "public"."porting_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "porting_request_events" ADD CONSTRAINT "porting_request_events_porting_request_id_porting_requests_id_fk" FOREIGN KEY ("porting_request_id") REFERENCES "public"."porting_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "porting_request_events" ADD CONSTRAINT "porting_request_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "porting_request_numbers" ADD CONSTRAINT "porting_request_numbers_porting_request_id_porting_requests_id_fk" FOREIGN KEY ("porting_request_id") REFERENCES "public"."porting_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "porting_request_numbers" ADD CONSTRAINT "porting_request_numbers_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "porting_requests" ADD CONSTRAINT "porting_requests_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "porting_requests" ADD CONSTRAINT "porting_requests_company_profile_id_company_profiles_id_fk" FOREIGN KEY ("company_profile_id") REFERENCES "public"."company_profiles"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "porting_requests" ADD CONSTRAINT "porting_requests_distribution_group_id_distribution_groups_id_fk" FOREIGN KEY ("distribution_group_id") REFERENCES "public"."distribution_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voice_numbers" ADD CONSTRAINT "voice_numbers_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voice_numbers" ADD CONSTRAINT "voice_numbers_distribution_group_id_distribution_groups_id_fk" FOREIGN KEY ("distribution_group_id") REFERENCES "public"."distribution_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voice_numbers" ADD CONSTRAINT "voice_numbers_porting_request_id_porting_requests_id_fk" FOREIGN KEY ("porting_request_id") REFERENCES "public"."porting_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "api_keys_account_idx" ON "api_keys" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "company_profiles_account_idx" ON "company_profiles" USING btree ("account_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "distribution_groups_account_name_key" ON "distribution_groups" USING btree ("account_id","name");--> statement-breakpoint
CREATE INDEX "porting_request_documents_request_idx" ON "porting_request_documents" USING btree ("porting_request_id");--> statement-breakpoint
CREATE INDEX "porting_request_events_request_idx" ON "porting_request_events" USING btree ("porting_request_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "porting_request_numbers_open_number_key" ON "porting_request_numbers" USING btree ("number") WHERE "porting_request_numbers"."open";--> statement-breakpoint
CREATE INDEX "porting_request_numbers_number_idx" ON "porting_request_numbers" USING btree ("number");--> statement-breakpoint
CREATE INDEX "porting_request_numbers_account_number_idx" ON "porting_request_numbers" USING btree ("account_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "porting_request_numbers_request_number_key" ON "porting_request_numbers" USING btree ("porting_request_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "porting_requests_reference_key" ON "porting_requests" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "porting_requests_account_created_idx" ON "porting_requests" USING btree ("account_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "porting_requests_account_status_created_idx" ON "porting_requests" USING btree ("account_id","status","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "porting_requests_status_changed_idx" ON "porting_requests" USING btree ("status","status_changed_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_account_idx" ON "users" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "voice_numbers_number_key" ON "voice_numbers" USING btree ("number");--> statement-breakpoint
CREATE INDEX "voice_numbers_account_idx" ON "voice_numbers" USING btree ("account_id","number");--> statement-breakpoint
CREATE INDEX "voice_numbers_group_idx" ON "voice_numbers" USING btree ("distribution_group_id");