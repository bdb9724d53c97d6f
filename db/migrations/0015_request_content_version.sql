ALTER TABLE "porting_requests" ADD COLUMN "content_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- content_version moves with everything a request's GET JSON is built from (db/schema.ts). Kept
-- here, by the database, rather than by each verb: a writer that forgot to bump it would make the
-- API serve a stale request without any error (lib/porting/request-json-cache.ts).
-- Every UPDATE of the request's own row, whatever it sets:
CREATE FUNCTION porting_request_content_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.content_version := OLD.content_version + 1;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER porting_requests_content_version BEFORE UPDATE ON porting_requests
  FOR EACH ROW EXECUTE FUNCTION porting_request_content_version_bump();--> statement-breakpoint
-- Rows of a part added or removed (numbers, history): their requests, once per statement.
CREATE FUNCTION porting_request_parts_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE porting_requests SET content_version = content_version + 1
    WHERE id IN (SELECT DISTINCT porting_request_id FROM changed);
  RETURN NULL;
END $$;--> statement-breakpoint
-- A part's row changed in place: its request (both, when it moved to another).
CREATE FUNCTION porting_request_part_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE porting_requests SET content_version = content_version + 1
    WHERE id IN (OLD.porting_request_id, NEW.porting_request_id);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER porting_request_numbers_inserted AFTER INSERT ON porting_request_numbers
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION porting_request_parts_written();--> statement-breakpoint
CREATE TRIGGER porting_request_numbers_deleted AFTER DELETE ON porting_request_numbers
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION porting_request_parts_written();--> statement-breakpoint
-- Only the columns the JSON shows: freeing the numbers (`open`) at a final status is no change of it.
CREATE TRIGGER porting_request_numbers_updated AFTER UPDATE OF porting_request_id, number, type, position ON porting_request_numbers
  FOR EACH ROW EXECUTE FUNCTION porting_request_part_updated();--> statement-breakpoint
CREATE TRIGGER porting_request_events_inserted AFTER INSERT ON porting_request_events
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION porting_request_parts_written();--> statement-breakpoint
CREATE TRIGGER porting_request_events_deleted AFTER DELETE ON porting_request_events
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION porting_request_parts_written();--> statement-breakpoint
CREATE TRIGGER porting_request_events_updated AFTER UPDATE ON porting_request_events
  FOR EACH ROW EXECUTE FUNCTION porting_request_part_updated();--> statement-breakpoint
-- A resubmission links two requests: the corrected one's row changes with it (above), the Blocked
-- one it corrects shows it as `resubmittedAs`.
CREATE FUNCTION porting_request_resubmissions_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE porting_requests SET content_version = content_version + 1
    WHERE id IN (SELECT DISTINCT resubmission_of_id FROM changed WHERE resubmission_of_id IS NOT NULL);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION porting_request_resubmission_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE porting_requests SET content_version = content_version + 1
    WHERE id IN (OLD.resubmission_of_id, NEW.resubmission_of_id);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER porting_requests_resubmissions_inserted AFTER INSERT ON porting_requests
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION porting_request_resubmissions_written();--> statement-breakpoint
CREATE TRIGGER porting_requests_resubmissions_deleted AFTER DELETE ON porting_requests
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION porting_request_resubmissions_written();--> statement-breakpoint
CREATE TRIGGER porting_requests_resubmission_updated AFTER UPDATE OF resubmission_of_id ON porting_requests
  FOR EACH ROW WHEN (OLD.resubmission_of_id IS DISTINCT FROM NEW.resubmission_of_id)
  EXECUTE FUNCTION porting_request_resubmission_updated();
