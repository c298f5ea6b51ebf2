-- Whether a time-based transition is due in one queue at p_now (the lazy reads' and the join's probe). PL/pgSQL,
-- not SQL, so each connection plans it once rather than on every call.
CREATE OR REPLACE FUNCTION waitwise_is_due(p_queue uuid, p_now timestamptz) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN EXISTS (SELECT 1 FROM "QueueEntries" e WHERE e."QueueId" = p_queue AND e."Status" = 'LATE' AND e."ExpiresAt" <= p_now)
        OR EXISTS (SELECT 1 FROM "QueueEntries" e JOIN "Queues" q ON q."Id" = e."QueueId"
                   WHERE e."QueueId" = p_queue AND e."Status" = 'CALLED'
                     AND e."CalledAt" + make_interval(secs => q."CallTimeoutSeconds") <= p_now);
END;
$$;

-- A join: the queue row locked, the guards of SPEC.md checked in order, the ticket numbered and written with its
-- audit event. Each statement of a PL/pgSQL function takes a fresh snapshot, so every read after the lock sees
-- the joins committed before it.
--
-- p_fast: called on its own (one round trip, the lock held only while this function runs). It then leaves the
-- join to the caller's general path, answering 'slow' and changing nothing, whenever that path has more to do:
-- a time-based transition is due, the queue has opening hours (read in the application's time-zone rules), or
-- AutoCall would call the new ticket at once.
-- Otherwise the caller holds the lock already, has applied what is due, and passes its opening-hours verdict in
-- p_outside_hours.
CREATE OR REPLACE FUNCTION waitwise_join(
    p_queue uuid, p_user text, p_entry uuid, p_now timestamptz, p_fast boolean, p_outside_hours boolean)
RETURNS TABLE ("Outcome" text, "TicketNumber" integer, "JoinedAt" timestamptz, "TicketPrefix" text)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
    q "Queues"%ROWTYPE;
    joined timestamptz;
BEGIN
    SELECT * INTO q FROM "Queues" WHERE "Id" = p_queue FOR UPDATE;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'no_queue', NULL::integer, NULL::timestamptz, NULL::text;
        RETURN;
    END IF;
    "TicketPrefix" := q."TicketPrefix";
    "Outcome" := CASE
        WHEN p_fast AND waitwise_is_due(p_queue, p_now) THEN 'slow'
        WHEN (SELECT b."Status" FROM "Businesses" b WHERE b."Id" = q."BusinessId") <> 'Approved' THEN 'business_not_approved'
        WHEN q."Status" = 'Locked' THEN 'locked'
        WHEN q."Status" = 'Closed' THEN 'closed'
        WHEN p_fast AND NOT COALESCE(q."OpenedByHandUntil" > p_now, false)
             AND EXISTS (SELECT 1 FROM "OpeningHours" h WHERE h."QueueId" = p_queue) THEN 'slow'
        WHEN p_outside_hours THEN 'outside_hours'
        WHEN EXISTS (SELECT 1 FROM "QueueEntries" e WHERE e."QueueId" = p_queue AND e."UserId" = p_user
                     AND e."Status" IN ('WAITING', 'CALLED', 'SERVING', 'HELD', 'LATE')) THEN 'already_in_queue'
        WHEN (SELECT count(*) FROM "QueueEntries" e WHERE e."QueueId" = p_queue
              AND e."Status" IN ('WAITING', 'CALLED', 'SERVING', 'HELD', 'LATE')) >= q."MaxSize" THEN 'full'
        WHEN p_fast AND q."AutoCall" AND q."Status" = 'Open'
             AND (SELECT count(*) FROM "QueueEntries" e WHERE e."QueueId" = p_queue
                  AND e."Status" IN ('CALLED', 'SERVING')) < q."ServiceSlots" THEN 'slow'
        ELSE 'joined'
    END;
    IF "Outcome" <> 'joined' THEN
        RETURN NEXT;
        RETURN;
    END IF;

    -- A clock that stepped back must not give a higher number an earlier JoinedAt (invariant 4).
    SELECT GREATEST(p_now, (SELECT e."JoinedAt" FROM "QueueEntries" e WHERE e."QueueId" = p_queue
                            ORDER BY e."TicketNumber" DESC LIMIT 1)) INTO joined;
    UPDATE "Queues" SET "LastTicketNumber" = "LastTicketNumber" + 1 WHERE "Id" = p_queue;
    INSERT INTO "QueueEntries" ("Id", "QueueId", "UserId", "TicketNumber", "Status", "PriorityBoost", "JoinedAt")
    VALUES (p_entry, p_queue, p_user, q."LastTicketNumber" + 1, 'WAITING', 0, joined);
    INSERT INTO "QueueEvents" ("EntryId", "QueueId", "FromStatus", "ToStatus", "Command", "ActorId", "At")
    VALUES (p_entry, p_queue, NULL, 'WAITING', 'Join', p_user, joined);
    "TicketNumber" := q."LastTicketNumber" + 1;
    "JoinedAt" := joined;
    RETURN NEXT;
END;
$$;
