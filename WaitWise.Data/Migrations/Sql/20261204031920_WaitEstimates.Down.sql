-- Back to the join of CommandPipeline.sql, which answers the queue's counters and recent service time.
DROP FUNCTION IF EXISTS waitwise_join;
DROP FUNCTION IF EXISTS waitwise_counters_serving;
DROP FUNCTION IF EXISTS waitwise_at_counters;
DROP FUNCTION IF EXISTS waitwise_call_seconds;

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
