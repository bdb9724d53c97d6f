DROP INDEX "porting_requests_account_created_idx";--> statement-breakpoint
DROP INDEX "porting_requests_account_status_created_idx";--> statement-breakpoint
DROP INDEX "porting_requests_created_idx";--> statement-breakpoint
CREATE INDEX "porting_requests_account_created_idx" ON "porting_requests" USING btree ("account_id","created_at","id");--> statement-breakpoint
CREATE INDEX "porting_requests_account_status_created_idx" ON "porting_requests" USING btree ("account_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "porting_requests_created_idx" ON "porting_requests" USING btree ("created_at","id");