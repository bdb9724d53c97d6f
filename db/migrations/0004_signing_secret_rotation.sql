ALTER TABLE "accounts" ADD COLUMN "previous_signing_secret" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "previous_signing_secret_expires_at" timestamp with time zone;