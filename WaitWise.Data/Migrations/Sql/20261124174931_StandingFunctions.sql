-- What a reader of a ticket needs besides its row, as functions a query can call beside the row itself, so a
-- position lookup is one round trip. PL/pgSQL, so each connection plans their statements once. STABLE, so they read
-- the snapshot of the query that calls them.

-- A ticket's place in its line: 1 + the WAITING tickets ahead of it in serving order (SPEC.md invariant 6; LATE
-- ones never count). Null when the ticket is not waiting.
CREATE OR REPLACE FUNCTION waitwise_position(p_ticket uuid) RETURNS integer
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
    -- that range that are not waiting unboosted (they left the line early, or rejoined and count as boosted). Those
    -- gaps are few and indexed (IX_QueueEntries_LineGaps), so this reads a handful of index entries, not the line.
    SELECT h."TicketNumber" INTO head FROM "QueueEntries" h
    WHERE h."QueueId" = t."QueueId" AND h."Status" = 'WAITING' AND h."PriorityBoost" = 0
    ORDER BY h."JoinedAt", h."TicketNumber" LIMIT 1;
    RETURN 1
        + (SELECT count(*) FROM "QueueEntries" b
           WHERE b."QueueId" = t."QueueId" AND b."Status" = 'WAITING' AND b."PriorityBoost" > 0)
        + t."TicketNumber" - head
        - (SELECT count(*) FROM "QueueEntries" g
           WHERE g."QueueId" = t."QueueId" AND g."TicketNumber" >= head AND g."TicketNumber" < t."TicketNumber"
             AND (g."Status" <> 'WAITING' OR g."PriorityBoost" <> 0));
END;
$$;

-- The average service time, in seconds, of the queue's last 20 completed tickets (older ones describe another
-- day); null before the queue has served anyone.
CREATE OR REPLACE FUNCTION waitwise_recent_service_seconds(p_queue uuid) RETURNS double precision
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (SELECT avg(extract(epoch FROM r."CompletedAt" - r."ServedAt"))::double precision
            FROM (SELECT e."CompletedAt", e."ServedAt" FROM "QueueEntries" e
                  WHERE e."QueueId" = p_queue AND e."Status" = 'COMPLETED'
                  ORDER BY e."CompletedAt" DESC LIMIT 20) r);
END;
$$;
