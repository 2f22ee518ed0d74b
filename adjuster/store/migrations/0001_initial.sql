-- Migration 1: every entity of design section 3 with the sync columns, the append-only audit log,
-- and the outbox that every write fills from day one.

CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    rev INTEGER NOT NULL DEFAULT 0,
    created_at TEXT, updated_at TEXT, updated_by TEXT, device_id TEXT, deleted_at TEXT,
    claim_no TEXT NOT NULL,
    policy_no TEXT NOT NULL DEFAULT '',
    insured_name TEXT NOT NULL DEFAULT '',
    insured_phone TEXT NOT NULL DEFAULT '',
    insured_id_no TEXT NOT NULL DEFAULT '',
    risk_address TEXT NOT NULL DEFAULT '',
    lat REAL, lon REAL,
    line_of_business TEXT NOT NULL DEFAULT 'property',
    peril TEXT NOT NULL DEFAULT '',
    loss_date TEXT, reported_date TEXT, survey_date TEXT,
    currency TEXT NOT NULL DEFAULT 'CNY',
    sum_insured TEXT NOT NULL DEFAULT '0',
    insured_value TEXT,
    sum_insured_used TEXT NOT NULL DEFAULT '0',
    deductible TEXT NOT NULL DEFAULT '{"type": "none"}',
    depreciation_cap TEXT NOT NULL DEFAULT '0.80',
    average_before_deductible INTEGER NOT NULL DEFAULT 1,
    mitigation_costs TEXT NOT NULL DEFAULT '0',
    section_sums_insured TEXT NOT NULL DEFAULT '{}',
    adjuster TEXT NOT NULL DEFAULT '',
    assigned_to TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft',
    narrative_circumstances TEXT NOT NULL DEFAULT '',
    narrative_cause TEXT NOT NULL DEFAULT '',
    narrative_coverage TEXT NOT NULL DEFAULT '',
    narrative_recommendation TEXT NOT NULL DEFAULT '',
    review_comment TEXT NOT NULL DEFAULT '',
    approved_amount TEXT,
    reviewed_by TEXT NOT NULL DEFAULT '',
    reviewed_at TEXT
);
CREATE UNIQUE INDEX cases_claim_no ON cases(claim_no) WHERE deleted_at IS NULL;

CREATE TABLE loss_items (
    id TEXT PRIMARY KEY,
    rev INTEGER NOT NULL DEFAULT 0,
    created_at TEXT, updated_at TEXT, updated_by TEXT, device_id TEXT, deleted_at TEXT,
    case_id TEXT NOT NULL REFERENCES cases(id),
    position INTEGER NOT NULL DEFAULT 0,
    section TEXT NOT NULL DEFAULT 'contents',
    description TEXT NOT NULL,
    qty TEXT NOT NULL DEFAULT '1',
    unit TEXT NOT NULL DEFAULT '',
    unit_price TEXT NOT NULL DEFAULT '0',
    catalogue_code TEXT NOT NULL DEFAULT '',
    age_years TEXT NOT NULL DEFAULT '0',
    useful_life_years TEXT,
    depreciation_rate_annual TEXT,
    salvage TEXT NOT NULL DEFAULT '0',
    repair INTEGER NOT NULL DEFAULT 0,
    repair_cost TEXT,
    excluded INTEGER NOT NULL DEFAULT 0,
    exclusion_reason TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX loss_items_case ON loss_items(case_id, position);

CREATE TABLE sites (
    id TEXT PRIMARY KEY,
    rev INTEGER NOT NULL DEFAULT 0,
    created_at TEXT, updated_at TEXT, updated_by TEXT, device_id TEXT, deleted_at TEXT,
    name TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    lat REAL, lon REAL,
    occupancy TEXT NOT NULL DEFAULT '',
    contact_name TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    policy_no TEXT NOT NULL DEFAULT '',
    insured_name TEXT NOT NULL DEFAULT '',
    team TEXT NOT NULL DEFAULT '',
    perils TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE visits (
    id TEXT PRIMARY KEY,
    rev INTEGER NOT NULL DEFAULT 0,
    created_at TEXT, updated_at TEXT, updated_by TEXT, device_id TEXT, deleted_at TEXT,
    site_id TEXT NOT NULL REFERENCES sites(id),
    visit_date TEXT NOT NULL,
    engineer TEXT NOT NULL DEFAULT '',
    assigned_to TEXT NOT NULL DEFAULT '',
    template_id TEXT NOT NULL DEFAULT '',
    template_version TEXT NOT NULL DEFAULT '',
    template_snapshot TEXT NOT NULL DEFAULT '{}',
    weather TEXT NOT NULL DEFAULT '',
    attendees TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    overall_comment TEXT NOT NULL DEFAULT '',
    score TEXT,
    grade TEXT NOT NULL DEFAULT '',
    category_scores TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL DEFAULT 'draft',
    review_comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX visits_site ON visits(site_id, visit_date);

CREATE TABLE findings (
    id TEXT PRIMARY KEY,
    rev INTEGER NOT NULL DEFAULT 0,
    created_at TEXT, updated_at TEXT, updated_by TEXT, device_id TEXT, deleted_at TEXT,
    visit_id TEXT NOT NULL REFERENCES visits(id),
    item_key TEXT NOT NULL,
    result TEXT NOT NULL DEFAULT 'unanswered',
    value TEXT NOT NULL DEFAULT '',
    severity INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX findings_visit_item ON findings(visit_id, item_key) WHERE deleted_at IS NULL;

CREATE TABLE recommendations (
    id TEXT PRIMARY KEY,
    rev INTEGER NOT NULL DEFAULT 0,
    created_at TEXT, updated_at TEXT, updated_by TEXT, device_id TEXT, deleted_at TEXT,
    site_id TEXT NOT NULL REFERENCES sites(id),
    visit_id TEXT NOT NULL REFERENCES visits(id),
    finding_id TEXT REFERENCES findings(id),
    item_key TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    priority TEXT NOT NULL DEFAULT 'medium',
    deadline TEXT,
    responsible TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open',
    closed_at TEXT,
    closed_visit_id TEXT,
    closing_note TEXT NOT NULL DEFAULT '',
    before_photo_id TEXT,
    after_photo_id TEXT
);
CREATE INDEX recommendations_site ON recommendations(site_id, status);

CREATE TABLE photos (
    id TEXT PRIMARY KEY,
    rev INTEGER NOT NULL DEFAULT 0,
    created_at TEXT, updated_at TEXT, updated_by TEXT, device_id TEXT, deleted_at TEXT,
    sha256 TEXT NOT NULL,
    owner_type TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    item_id TEXT,
    finding_id TEXT,
    position INTEGER NOT NULL DEFAULT 0,
    caption TEXT NOT NULL DEFAULT '',
    original_name TEXT NOT NULL DEFAULT '',
    mime TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL DEFAULT 0,
    width INTEGER NOT NULL DEFAULT 0,
    height INTEGER NOT NULL DEFAULT 0,
    orientation INTEGER NOT NULL DEFAULT 1,
    taken_at TEXT,
    taken_at_source TEXT NOT NULL DEFAULT '',
    gps_lat REAL, gps_lon REAL, gps_alt REAL,
    camera_make TEXT NOT NULL DEFAULT '',
    camera_model TEXT NOT NULL DEFAULT '',
    imported_at TEXT,
    warnings TEXT NOT NULL DEFAULT '',
    annotations TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX photos_owner ON photos(owner_type, owner_id, position);
CREATE INDEX photos_sha ON photos(sha256);

CREATE TABLE signatures (
    id TEXT PRIMARY KEY,
    rev INTEGER NOT NULL DEFAULT 0,
    created_at TEXT, updated_at TEXT, updated_by TEXT, device_id TEXT, deleted_at TEXT,
    owner_type TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    signer TEXT NOT NULL,
    role TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    image_sha256 TEXT NOT NULL DEFAULT '',
    content_sha256 TEXT NOT NULL DEFAULT ''
);
CREATE INDEX signatures_owner ON signatures(owner_type, owner_id);

CREATE TABLE reports (
    id TEXT PRIMARY KEY,
    rev INTEGER NOT NULL DEFAULT 0,
    created_at TEXT, updated_at TEXT, updated_by TEXT, device_id TEXT, deleted_at TEXT,
    kind TEXT NOT NULL,
    owner_type TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    lang TEXT NOT NULL DEFAULT 'zh',
    generated_at TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    path TEXT NOT NULL DEFAULT '',
    snapshot_sha256 TEXT NOT NULL DEFAULT '',
    snapshot TEXT NOT NULL DEFAULT '{}',
    signed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX reports_owner ON reports(owner_type, owner_id, version);

-- Append-only: triggers refuse UPDATE and DELETE, so history cannot be rewritten quietly.
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user TEXT NOT NULL DEFAULT '',
    device_id TEXT NOT NULL DEFAULT '',
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    action TEXT NOT NULL,
    changes TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_record ON audit_log(record_id, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Every local change, in the same transaction as the change itself.
CREATE TABLE outbox (
    op_id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    device_seq INTEGER NOT NULL,
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    action TEXT NOT NULL,
    base_rev INTEGER NOT NULL,
    fields TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    acked_at TEXT
);
CREATE UNIQUE INDEX outbox_seq ON outbox(device_id, device_seq);

CREATE TABLE local_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
