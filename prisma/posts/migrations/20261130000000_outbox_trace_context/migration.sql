-- The W3C trace context of the request that wrote each event, continued by the relay.
ALTER TABLE "outbox_events" ADD COLUMN "trace_context" JSONB;
