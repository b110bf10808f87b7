-- Issue 15: a budget line is its contributor's pledge. Whoever else changes it does so through
-- an integration that the owning organisation confirms (a member of it) before a coordinator
-- may accept it; each organisation confirms its own contribution to a consolidated version.

-- The organisations whose budget lines an integration's ops touch (computed from its ops on
-- the document at its base_seq, at each proposal and amendment). Existing rows: none known,
-- so nothing awaits (they were proposed before the rule).
alter table integrations add column owners uuid[] not null default '{}';

-- A member of an owning organisation confirmed revision `revision` of the integration; an
-- amendment makes a new revision, which needs confirming again.
create table integration_confirmations (
  integration_id   uuid not null references integrations(id),
  organisation_id  uuid not null references organisations(id),
  revision         integer not null check (revision > 0),
  confirmed_by     uuid not null references users(id),
  confirmed_at     timestamptz not null default now(),
  primary key (integration_id, organisation_id, revision)
);

-- An organisation confirms its contribution to a consolidated version: who, when, its figures
-- in cents by nature as that version has them, the version's SHA-256, and the SHA-256 of its
-- budget lines there (canonical JSON): a later version whose lines of that organisation hash
-- the same still has it confirmed; one that differs has it stale. Never changed, never deleted.
create table contribution_confirmations (
  doc_id           uuid not null references documents(id),
  version_number   integer not null check (version_number > 0),
  organisation_id  uuid not null references organisations(id),
  confirmed_by     uuid not null references users(id),
  confirmed_at     timestamptz not null default now(),
  monetary_cents   bigint not null,
  in_kind_cents    bigint not null,
  version_sha256   text not null check (version_sha256 ~ '^[0-9a-f]{64}$'),
  lines_sha256     text not null check (lines_sha256 ~ '^[0-9a-f]{64}$'),
  primary key (doc_id, version_number, organisation_id)
);
create trigger contribution_confirmations_immutable before update or delete on contribution_confirmations
  for each row execute function tavolo_forbid_change();
create trigger contribution_confirmations_no_truncate before truncate on contribution_confirmations
  for each statement execute function tavolo_forbid_change();
