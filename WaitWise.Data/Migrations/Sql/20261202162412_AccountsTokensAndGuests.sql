-- A ticket's place never relies on ticket numbers being contiguous. No command deletes a ticket (a closed account
-- keeps its tickets, anonymised), but a row deleted by hand would leave its number missing from the run that
-- positions count. So every direct delete of a ticket records its number in "TicketNumberGaps", and a position
-- takes those away as it takes away the tickets that left the line. A queue's deletion takes all its tickets and
-- gaps with it and records nothing (its deletes come from the cascade, at trigger depth 2 and more).
CREATE FUNCTION waitwise_keep_number_gap() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF pg_trigger_depth() = 1 THEN
        INSERT INTO "TicketNumberGaps" ("QueueId", "TicketNumber") VALUES (OLD."QueueId", OLD."TicketNumber")
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN OLD;
END;
$$;

CREATE TRIGGER "QueueEntries_KeepNumberGap" AFTER DELETE ON "QueueEntries"
FOR EACH ROW EXECUTE FUNCTION waitwise_keep_number_gap();

CREATE FUNCTION waitwise_drop_number_gaps() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM "TicketNumberGaps" WHERE "QueueId" = OLD."Id";
    RETURN OLD;
END;
$$;

CREATE TRIGGER "Queues_DropNumberGaps" AFTER DELETE ON "Queues"
FOR EACH ROW EXECUTE FUNCTION waitwise_drop_number_gaps();

DROP FUNCTION IF EXISTS waitwise_position;

-- 1 + the WAITING tickets ahead of the ticket in serving order (SPEC.md invariant 6); null when it is not waiting.
CREATE FUNCTION waitwise_position(p_ticket uuid) RETURNS integer
LANGUAGE plpgsql STABLE AS $$
DECLARE
    t "QueueEntries"%ROWTYPE;
    head integer;
BEGIN
    SELECT * INTO t FROM "QueueEntries" WHERE "Id" = p_ticket;
    IF NOT FOUND OR t."Status" <> 'WAITING' THEN
        RETURN NULL;
    END IF;
    IF t."PriorityBoost" <> 0 THEN
        RETURN 1 + (SELECT count(*) FROM "QueueEntries" e
                    WHERE e."QueueId" = t."QueueId" AND e."Status" = 'WAITING'
                      AND (e."PriorityBoost" > t."PriorityBoost"
                           OR (e."PriorityBoost" = t."PriorityBoost"
                               AND (e."JoinedAt" < t."JoinedAt"
                                    OR (e."JoinedAt" = t."JoinedAt" AND e."TicketNumber" < t."TicketNumber")))));
    END IF;
    -- Among tickets that never rejoined, serving order is number order (invariant 4). So the tickets ahead of this
    -- one are the boosted ones, plus the numbers from the head of the unboosted line up to it, less the numbers in
    -- that range that are not waiting unboosted (they left the line early, or rejoined and count as boosted) and
    -- the numbers whose ticket is gone. Both are few and indexed (IX_QueueEntries_LineGaps, the gaps' key), so this
    -- reads a handful of index entries, not the line.
    SELECT h."TicketNumber" INTO head FROM "QueueEntries" h
    WHERE h."QueueId" = t."QueueId" AND h."Status" = 'WAITING' AND h."PriorityBoost" = 0
    ORDER BY h."JoinedAt", h."TicketNumber" LIMIT 1;
    RETURN 1
        + (SELECT count(*) FROM "QueueEntries" b
           WHERE b."QueueId" = t."QueueId" AND b."Status" = 'WAITING' AND b."PriorityBoost" > 0)
        + t."TicketNumber" - head
        - (SELECT count(*) FROM "QueueEntries" g
           WHERE g."QueueId" = t."QueueId" AND g."TicketNumber" >= head AND g."TicketNumber" < t."TicketNumber"
             AND (g."Status" <> 'WAITING' OR g."PriorityBoost" <> 0))
        - (SELECT count(*) FROM "TicketNumberGaps" n
           WHERE n."QueueId" = t."QueueId" AND n."TicketNumber" >= head AND n."TicketNumber" < t."TicketNumber");
END;
$$;
