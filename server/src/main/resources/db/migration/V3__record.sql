-- The administrative record: integrations (proposals), versions and their consolidation,
-- and the hash-chained audit trail of every decision. See docs/record.md.

-- A proposed change: ops written against the document at base_seq, with a rationale.
create table integrations (
  id               uuid primary key,
  doc_id           uuid not null references documents(id),
  tavolo_id        uuid not null references tavoli(id),
  proposer         uuid not null references users(id),
  -- the proposer's organisation and side when they proposed (a report must not change later)
  proposer_org     uuid not null references organisations(id),
  proposer_side    text not null check (proposer_side in ('PA', 'ETS')),
  -- applying: a coordinator's acceptance is being committed (see docs/record.md)
  status           text not null default 'open'
                   check (status in ('open', 'applying', 'accepted', 'rejected', 'withdrawn')),
  base_seq         bigint not null check (base_seq >= 0),
  ops              jsonb not null,
  -- what the ops touch: [{"op","coll","id","field"}], for showing it next to the text
  targets          jsonb not null,
  rationale        text not null,
  revision         integer not null default 1 check (revision > 0),
  -- set when the proposal came from a live submit in proposal mode: resends are recognised
  client_id        text,
  client_seq       bigint,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  decided_by       uuid references users(id),
  decided_at       timestamptz,
  decision_reason  text,
  -- the op_log seq it was applied as (op_log.client_id = 'integration:' || id)
  applied_seq      bigint,
  -- the last acceptance attempt's conflict report, when it could not be applied
  conflict         jsonb,
  unique (doc_id, client_id, client_seq),
  check ((status = 'accepted') = (applied_seq is not null))
);
create index integrations_by_doc on integrations(doc_id, status, created_at);
create index integrations_by_tavolo on integrations(tavolo_id);

create table integration_supports (
  integration_id  uuid not null references integrations(id),
  user_id         uuid not null references users(id),
  created_at      timestamptz not null default now(),
  primary key (integration_id, user_id)
);

create table integration_comments (
  id              uuid primary key,
  integration_id  uuid not null references integrations(id),
  author          uuid not null references users(id),
  body            text not null,
  created_at      timestamptz not null default now()
);
create index integration_comments_by_integration on integration_comments(integration_id, created_at);

-- Named points of a document's history; a consolidated one is an immutable snapshot.
create table versions (
  doc_id           uuid not null references documents(id),
  number           integer not null check (number > 0),
  seq              bigint not null check (seq >= 0),
  name             text not null,
  created_by       uuid not null references users(id),
  created_at       timestamptz not null default now(),
  consolidated_by  uuid references users(id),
  consolidated_at  timestamptz,
  -- the canonical JSON (docs/record.md) exactly as hashed, and its SHA-256 in hex
  canonical        text,
  sha256           text check (sha256 ~ '^[0-9a-f]{64}$'),
  primary key (doc_id, number),
  check ((consolidated_at is null) = (canonical is null)
     and (consolidated_at is null) = (sha256 is null)
     and (consolidated_at is null) = (consolidated_by is null))
);

-- A consolidated version never changes, whoever asks: not its name, not its snapshot, and it
-- cannot be deleted. A named one may be renamed or consolidated, nothing else.
create function tavolo_version_guard() returns trigger language plpgsql as $$
begin
  if old.consolidated_at is not null then
    raise exception 'version % of document % is consolidated and cannot change', old.number, old.doc_id
      using errcode = 'P0001';
  end if;
  if tg_op = 'DELETE' then
    raise exception 'versions are never deleted' using errcode = 'P0001';
  end if;
  if new.doc_id <> old.doc_id or new.number <> old.number or new.seq <> old.seq
     or new.created_by <> old.created_by or new.created_at <> old.created_at then
    raise exception 'only the name of a version may change, or it may be consolidated' using errcode = 'P0001';
  end if;
  return new;
end $$;

create trigger versions_immutable before update or delete on versions
  for each row execute function tavolo_version_guard();
create trigger versions_no_truncate before truncate on versions
  for each statement execute function tavolo_forbid_change();

-- Every decision, append-only and hash-chained per tavolo: hash = SHA-256(prev_hash || row),
-- row being the canonical JSON of the other columns (docs/record.md, "Audit trail").
create table audit_log (
  tavolo_id   uuid not null references tavoli(id),
  n           bigint not null check (n > 0),
  at          timestamptz not null,
  actor       uuid,
  action      text not null,
  doc_id      uuid,
  subject     text,
  details     text not null,
  prev_hash   text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
  hash        text not null check (hash ~ '^[0-9a-f]{64}$'),
  primary key (tavolo_id, n)
);

create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function tavolo_forbid_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function tavolo_forbid_change();
