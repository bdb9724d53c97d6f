-- References keep at least six digits and grow past PR-999999 instead of being cut by lpad
-- (which truncates: request 1,000,000 would have become PR-100000, a duplicate).
CREATE FUNCTION porting_request_reference() RETURNS text
LANGUAGE sql VOLATILE AS $$
  SELECT 'PR-' || lpad(n::text, greatest(6, length(n::text)), '0')
  FROM nextval('porting_request_reference_seq') AS n
$$;
