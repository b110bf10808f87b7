-- Issue 15: partners of a tavolo may form a grouping (RTI, ATI or consortium) with a capofila.
-- Each member organisation may delegate the capofila to confirm its contribution to a version
-- for it; the delegation (who, when) is kept here and in the audit trail.
create table groupings (
  id          uuid primary key,
  tavolo_id   uuid not null references tavoli(id),
  kind        text not null check (kind in ('RTI', 'ATI', 'consorzio')),
  name        text not null check (length(name) between 1 and 200),
  capofila    uuid not null references organisations(id),
  created_by  uuid not null references users(id),
  created_at  timestamptz not null default now(),
  unique (id, tavolo_id)
);
create index groupings_by_tavolo on groupings(tavolo_id);

-- An organisation is in at most one grouping of a tavolo; the capofila is one of its members.
create table grouping_members (
  grouping_id      uuid not null,
  tavolo_id        uuid not null,
  organisation_id  uuid not null references organisations(id),
  delegated_by     uuid references users(id),
  delegated_at     timestamptz,
  primary key (grouping_id, organisation_id),
  unique (tavolo_id, organisation_id),
  foreign key (grouping_id, tavolo_id) references groupings(id, tavolo_id),
  check ((delegated_by is null) = (delegated_at is null))
);

-- A contribution confirmed by a grouping's capofila on a member's behalf names the grouping.
alter table contribution_confirmations add column via_grouping uuid references groupings(id);
