-- Today's definitions of every WaitWise database function, whatever an older database has: the scripts of earlier
-- migrations were edited after they landed (waitwise_join's result columns among them, which CREATE OR REPLACE
-- cannot change), so a database migrated before such an edit kept the old one. Dropped and created afresh here.
-- The status names are SPEC.md's, as Core spells them; a test holds these functions against Core.
DROP FUNCTION IF EXISTS waitwise_join;
DROP FUNCTION IF EXISTS waitwise_is_due;
DROP FUNCTION IF EXISTS waitwise_position;
DROP FUNCTION IF EXISTS waitwise_recent_service_seconds;

-- Whether a time-based transition is due in one queue at p_now (the lazy reads' and the join's probe). PL/pgSQL,
-- not SQL, so each connection plans it once rather than on every call.
CREATE FUNCTION waitwise_is_due(p_queue uuid, p_now timestamptz) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN EXISTS (SELECT 1 FROM "QueueEntries" e WHERE e."QueueId" = p_queue AND e."Status" = 'LATE' AND e."ExpiresAt" <= p_now)
        OR EXISTS (SELECT 1 FROM "QueueEntries" e JOIN "Queues" q ON q."Id" = e."QueueId"
                   WHERE e."QueueId" = p_queue AND e."Status" = 'CALLED'
                     AND e."CalledAt" + make_interval(secs => q."CallTimeoutSeconds") <= p_now);
END;
$$;

-- Joins to one queue: the queue row locked, the guards of SPEC.md checked in order, each ticket numbered and written
-- with its audit event. The joins are taken in array order, as if one after another: a person named twice gets
-- 'already_in_queue' the second time, and the queue fills up part way through. Each statement of a PL/pgSQL
-- function takes a fresh snapshot, so every read after the lock sees the joins committed before it.
--
-- p_fast: called on its own (one round trip, the lock held only while this function runs). It then leaves a join
-- to the caller's general path, answering 'slow' and changing nothing, whenever that path has more to do: a
-- time-based transition is due, the queue has opening hours (read in the application's time-zone rules), or
-- AutoCall would call the new ticket at once.
-- Otherwise the caller holds the lock already, has applied what is due, and passes its opening-hours verdict in
-- p_outside_hours.
--
-- A joined ticket is last in serving order (the latest join time, the highest number, no boost), so its position is
-- the count of WAITING tickets once it is in; with the queue's figures for the estimate, the caller can tell the
-- person where they stand without reading again.
CREATE FUNCTION waitwise_join(
    p_queue uuid, p_users text[], p_entries uuid[], p_nows timestamptz[], p_fast boolean, p_outside_hours boolean)
RETURNS TABLE ("Outcome" text, "TicketNumber" integer, "JoinedAt" timestamptz, "TicketPrefix" text, "Position" integer,
               "QueueStatus" text, "ServiceSlots" integer, "DefaultServiceSeconds" integer, "RecentServiceSeconds" double precision)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
    q "Queues"%ROWTYPE;
    refusal text;
    hand_over boolean;
    open_tickets bigint;
    waiting integer;
    latest timestamptz;
BEGIN
    SELECT * INTO q FROM "Queues" WHERE "Id" = p_queue FOR UPDATE;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'no_queue', NULL::integer, NULL::timestamptz, NULL::text, NULL::integer,
                            NULL::text, NULL::integer, NULL::integer, NULL::double precision
                     FROM generate_subscripts(p_users, 1);
        RETURN;
    END IF;
    -- What refuses every join alike, in the order of SPEC.md's guards.
    refusal := CASE
        WHEN p_fast AND waitwise_is_due(p_queue, (SELECT max(n) FROM unnest(p_nows) n)) THEN 'slow'
        WHEN (SELECT b."Status" FROM "Businesses" b WHERE b."Id" = q."BusinessId") <> 'Approved' THEN 'business_not_approved'
        WHEN q."Status" = 'Locked' THEN 'locked'
        WHEN q."Status" = 'Closed' THEN 'closed'
        WHEN p_fast AND NOT COALESCE(q."OpenedByHandUntil" > (SELECT max(n) FROM unnest(p_nows) n), false)
             AND EXISTS (SELECT 1 FROM "OpeningHours" h WHERE h."QueueId" = p_queue) THEN 'slow'
        WHEN p_outside_hours THEN 'outside_hours'
    END;
    IF refusal IS NOT NULL THEN
        RETURN QUERY SELECT refusal, NULL::integer, NULL::timestamptz, q."TicketPrefix"::text, NULL::integer,
                            NULL::text, NULL::integer, NULL::integer, NULL::double precision
                     FROM generate_subscripts(p_users, 1);
        RETURN;
    END IF;
    hand_over := p_fast AND q."AutoCall" AND q."Status" = 'Open'
        AND (SELECT count(*) FROM "QueueEntries" e WHERE e."QueueId" = p_queue AND e."Status" IN ('CALLED', 'SERVING')) < q."ServiceSlots";
    SELECT count(*), count(*) FILTER (WHERE e."Status" = 'WAITING') INTO open_tickets, waiting
    FROM "QueueEntries" e WHERE e."QueueId" = p_queue AND e."Status" IN ('WAITING', 'CALLED', 'SERVING', 'HELD', 'LATE');
    -- A clock that stepped back must not give a higher number an earlier JoinedAt (invariant 4). The last number's
    -- ticket is one index probe away; only when it is gone (deleted with its account) is the highest one left sought.
    SELECT e."JoinedAt" INTO latest FROM "QueueEntries" e
    WHERE e."QueueId" = p_queue AND e."TicketNumber" = q."LastTicketNumber";
    IF NOT FOUND THEN
        SELECT e."JoinedAt" INTO latest FROM "QueueEntries" e WHERE e."QueueId" = p_queue ORDER BY e."TicketNumber" DESC LIMIT 1;
    END IF;

    "TicketPrefix" := q."TicketPrefix";
    "QueueStatus" := q."Status";
    "ServiceSlots" := q."ServiceSlots";
    "DefaultServiceSeconds" := q."DefaultServiceSeconds";
    "RecentServiceSeconds" := waitwise_recent_service_seconds(p_queue);
    FOR i IN 1 .. cardinality(p_users) LOOP
        "TicketNumber" := NULL;
        "JoinedAt" := NULL;
        "Position" := NULL;
        "Outcome" := CASE
            WHEN EXISTS (SELECT 1 FROM "QueueEntries" e WHERE e."QueueId" = p_queue AND e."UserId" = p_users[i]
                         AND e."Status" IN ('WAITING', 'CALLED', 'SERVING', 'HELD', 'LATE')) THEN 'already_in_queue'
            WHEN open_tickets >= q."MaxSize" THEN 'full'
            WHEN hand_over THEN 'slow'
            ELSE 'joined'
        END;
        IF "Outcome" = 'joined' THEN
            q."LastTicketNumber" := q."LastTicketNumber" + 1;
            latest := GREATEST(p_nows[i], latest);
            INSERT INTO "QueueEntries" ("Id", "QueueId", "UserId", "TicketNumber", "Status", "PriorityBoost", "JoinedAt")
            VALUES (p_entries[i], p_queue, p_users[i], q."LastTicketNumber", 'WAITING', 0, latest);
            INSERT INTO "QueueEvents" ("EntryId", "QueueId", "FromStatus", "ToStatus", "Command", "ActorId", "At")
            VALUES (p_entries[i], p_queue, NULL, 'WAITING', 'Join', p_users[i], latest);
            open_tickets := open_tickets + 1;
            waiting := waiting + 1;
            "Position" := waiting;
            "TicketNumber" := q."LastTicketNumber";
            "JoinedAt" := latest;
        END IF;
        RETURN NEXT;
    END LOOP;
    UPDATE "Queues" SET "LastTicketNumber" = q."LastTicketNumber"
    WHERE "Id" = p_queue AND "LastTicketNumber" <> q."LastTicketNumber";
END;
$$;

-- What a reader of a ticket needs besides its row, as functions a query can call beside the row itself, so a
-- position lookup is one round trip. PL/pgSQL, so each connection plans their statements once. STABLE, so they read
-- the snapshot of the query that calls them.

-- A ticket's place in its line: 1 + the WAITING tickets ahead of it in serving order (SPEC.md invariant 6; LATE
-- ones never count). Null when the ticket is not waiting.
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
CREATE FUNCTION waitwise_recent_service_seconds(p_queue uuid) RETURNS double precision
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (SELECT avg(extract(epoch FROM r."CompletedAt" - r."ServedAt"))::double precision
            FROM (SELECT e."CompletedAt", e."ServedAt" FROM "QueueEntries" e
                  WHERE e."QueueId" = p_queue AND e."Status" = 'COMPLETED'
                  ORDER BY e."CompletedAt" DESC LIMIT 20) r);
END;
$$;
