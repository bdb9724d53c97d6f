-- pg_trgm (a trusted extension since PostgreSQL 13: the database owner may create it) backs the search for part of a customer reference.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "porting_requests" ADD COLUMN "customer_reference" text;--> statement-breakpoint
CREATE INDEX "porting_requests_profile_created_idx" ON "porting_requests" USING btree ("company_profile_id","created_at","id");--> statement-breakpoint
CREATE INDEX "porting_requests_account_provider_created_idx" ON "porting_requests" USING btree ("account_id",lower("current_provider"),"created_at","id");--> statement-breakpoint
CREATE INDEX "porting_requests_customer_reference_trgm_idx" ON "porting_requests" USING gin ("customer_reference" gin_trgm_ops);--> statement-breakpoint
ALTER TABLE "porting_requests" ADD CONSTRAINT "porting_requests_customer_reference_length" CHECK (char_length("porting_requests"."customer_reference") <= 100);