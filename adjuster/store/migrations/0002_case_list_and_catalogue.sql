-- Migration 2: indexes for the case list (status filter + newest first, text search by claim no.)
-- and the unit-price catalogue adjusters pick items from.

CREATE INDEX cases_status_updated ON cases(status, updated_at) WHERE deleted_at IS NULL;
CREATE INDEX cases_updated ON cases(updated_at) WHERE deleted_at IS NULL;
CREATE INDEX cases_assigned ON cases(assigned_to, status) WHERE deleted_at IS NULL;

CREATE TABLE catalogue (
    code TEXT PRIMARY KEY,
    description_zh TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT '',
    unit_price TEXT NOT NULL,
    useful_life_years TEXT,
    updated_at TEXT NOT NULL
);
