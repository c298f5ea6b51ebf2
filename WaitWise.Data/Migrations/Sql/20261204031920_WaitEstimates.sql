-- Wait estimates from how a line really moves (WaitWise.Core's WaitEstimate and LinePace): the counters where staff
-- are at work, the counters busy now, and the time a counter gives each call. waitwise_join answers them in place of
-- the counters a queue has, so it is dropped and created afresh (CREATE OR REPLACE cannot change its result columns).
DROP FUNCTION IF EXISTS waitwise_join;

-- The counters where staff are at work at p_now: holding a called or served ticket, having called or started someone
-- in the last 5 minutes, or chosen in a staff console that spoke in the last 2 minutes (CounterPresences.Lasts). Never
-- more than the queue's counters.
CREATE FUNCTION waitwise_counters_serving(p_queue uuid, p_now timestamptz) RETURNS integer
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (SELECT count(DISTINCT s.slot)::integer FROM (
                SELECT e."Slot" AS slot FROM "QueueEntries" e
                WHERE e."QueueId" = p_queue AND e."Status" IN ('CALLED', 'SERVING')
                UNION ALL
                SELECT v."Slot" FROM "QueueEvents" v
                WHERE v."QueueId" = p_queue AND v."At" > p_now - interval '5 minutes' AND v."At" <= p_now AND v."Slot" IS NOT NULL
                UNION ALL
                SELECT c."Slot" FROM "CounterPresence" c
                WHERE c."QueueId" = p_queue AND c."SeenAt" > p_now - interval '2 minutes' AND c."SeenAt" <= p_now) s
            WHERE s.slot BETWEEN 1 AND (SELECT q."ServiceSlots" FROM "Queues" q WHERE q."Id" = p_queue));
END;
$$;

-- The queue's tickets at a counter now (called or being served).
CREATE FUNCTION waitwise_at_counters(p_queue uuid) RETURNS integer
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (SELECT count(*)::integer FROM "QueueEntries" e WHERE e."QueueId" = p_queue AND e."Status" IN ('CALLED', 'SERVING'));
END;
$$;

-- The average time, in seconds, a counter gave each of the queue's last 20 calls that have ended: from the call to
-- the ticket leaving the counter (served, gone late, held or cancelled), so the walk to the counter and the calls
-- nobody answered count as the counter's time. Null before the queue has any. A call always names its counter, so
-- the calls are read from the index of the counters' moves (IX_QueueEvents_CounterMoves), not among the joins.
CREATE FUNCTION waitwise_call_seconds(p_queue uuid) RETURNS double precision
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (SELECT avg(extract(epoch FROM o.ended - c."At"))::double precision
            FROM (SELECT v."Id", v."EntryId", v."At" FROM "QueueEvents" v
                  WHERE v."QueueId" = p_queue AND v."Slot" IS NOT NULL AND v."Command" IN ('CallNext', 'CallSpecific')
                  ORDER BY v."At" DESC LIMIT 20) c
            CROSS JOIN LATERAL (SELECT w."At" AS ended FROM "QueueEvents" w
                                WHERE w."EntryId" = c."EntryId" AND w."Id" > c."Id"
                                  AND w."ToStatus" NOT IN ('CALLED', 'SERVING')
                                ORDER BY w."Id" LIMIT 1) o);
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
-- the count of WAITING tickets once it is in; with how the line moves (waitwise_counters_serving and the others
-- below, read as the ticket joins) the caller can tell the person where they stand and how long they should wait
-- without reading again.
CREATE FUNCTION waitwise_join(
    p_queue uuid, p_users text[], p_entries uuid[], p_nows timestamptz[], p_fast boolean, p_outside_hours boolean)
RETURNS TABLE ("Outcome" text, "TicketNumber" integer, "JoinedAt" timestamptz, "TicketPrefix" text, "Position" integer,
               "QueueStatus" text, "DefaultServiceSeconds" integer, "CountersServing" integer, "AtCounters" integer,
               "ServiceSeconds" double precision, "CallSeconds" double precision)
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
                            NULL::text, NULL::integer, NULL::integer, NULL::integer, NULL::double precision, NULL::double precision
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
                            NULL::text, NULL::integer, NULL::integer, NULL::integer, NULL::double precision, NULL::double precision
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
    "DefaultServiceSeconds" := q."DefaultServiceSeconds";
    "CountersServing" := waitwise_counters_serving(p_queue, (SELECT max(n) FROM unnest(p_nows) n));
    "AtCounters" := waitwise_at_counters(p_queue);
    "ServiceSeconds" := waitwise_recent_service_seconds(p_queue);
    "CallSeconds" := waitwise_call_seconds(p_queue);
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
