-- CreateIndex
CREATE INDEX "audit_events_action_actor_id_occurred_at_idx" ON "audit_events"("action", "actor_id", "occurred_at");
