-- A ticket's place no longer counts ticket numbers: it counts the WAITING tickets ahead of it in serving order
-- (SPEC.md invariant 6: boost first, then join time, then number), over the waiting tickets' own index
-- (IX_QueueEntries_ServingOrder). A line whose numbers have gaps is placed as right as one without.
DROP FUNCTION IF EXISTS waitwise_position;

CREATE FUNCTION waitwise_position(p_ticket uuid) RETURNS integer
LANGUAGE plpgsql STABLE AS $$
DECLARE
    t "QueueEntries"%ROWTYPE;
BEGIN
    SELECT * INTO t FROM "QueueEntries" WHERE "Id" = p_ticket;
    IF NOT FOUND OR t."Status" <> 'WAITING' THEN
        RETURN NULL;
    END IF;
    RETURN 1 + (SELECT count(*) FROM "QueueEntries" e
                WHERE e."QueueId" = t."QueueId" AND e."Status" = 'WAITING'
                  AND (e."PriorityBoost" > t."PriorityBoost"
                       OR (e."PriorityBoost" = t."PriorityBoost"
                           AND (e."JoinedAt", e."TicketNumber") < (t."JoinedAt", t."TicketNumber"))));
END;
$$;
