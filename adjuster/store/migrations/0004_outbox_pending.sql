-- Migration 4: the case list's sync badge and the status bar ask "which records have unsynced
-- changes?" on every page; a partial index on pending ops answers without scanning the outbox.

CREATE INDEX outbox_pending ON outbox(entity, record_id) WHERE acked_at IS NULL;
