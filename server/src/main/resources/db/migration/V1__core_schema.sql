-- Tavolo core schema. Migrations are append-only: change the schema with a new V<n> file.

create table organisations (
  id          uuid primary key,
  name        text not null,
  side        text not null check (side in ('PA', 'ETS')),
  -- only for ETS: the kind of Third-Sector body
  ets_kind    text check (ets_kind in ('cooperativa_sociale', 'odv', 'aps', 'fondazione',
                                       'consorzio', 'impresa_sociale', 'ente_religioso', 'altro')),
  created_at  timestamptz not null default now(),
  check ((side = 'PA' and ets_kind is null) or (side = 'ETS' and ets_kind is not null))
);

create table users (
  id              uuid primary key,
  email           text not null unique check (email = lower(email)),
  display_name    text not null,
  organisation_id uuid not null references organisations(id),
  password_hash   text not null,
  created_at      timestamptz not null default now()
);

create table tavoli (
  id               uuid primary key,
  title            text not null,
  avviso           text,
  ente_proponente  text,
  ambito           text,
  phase            text not null default 'co-progettazione'
                   check (phase in ('co-programmazione', 'co-progettazione')),
  created_by       uuid references users(id),
  created_at       timestamptz not null default now()
);

create table tavolo_members (
  tavolo_id  uuid not null references tavoli(id),
  user_id    uuid not null references users(id),
  role       text not null check (role in ('coordinator', 'member', 'observer')),
  joined_at  timestamptz not null default now(),
  primary key (tavolo_id, user_id)
);
create index tavolo_members_by_user on tavolo_members(user_id);

create table documents (
  id          uuid primary key,
  tavolo_id   uuid not null references tavoli(id),
  title       text not null,
  -- live: members edit directly; proposal: members' edits become integrations
  mode        text not null default 'live' check (mode in ('live', 'proposal')),
  locked      boolean not null default false,
  created_at  timestamptz not null default now()
);
create index documents_by_tavolo on documents(tavolo_id);

-- The op log: the full, append-only history of every document.
create table op_log (
  doc_id        uuid not null references documents(id),
  seq           bigint not null check (seq > 0),
  author        uuid not null,
  client_id     text not null,
  client_seq    bigint not null,
  committed_at  timestamptz not null default now(),
  ops           jsonb not null,
  primary key (doc_id, seq),
  unique (doc_id, client_id, client_seq)
);

create function tavolo_forbid_change() returns trigger language plpgsql as $$
begin
  raise exception 'table % is append-only', tg_table_name using errcode = 'P0001';
end $$;

create trigger op_log_append_only before update or delete on op_log
  for each row execute function tavolo_forbid_change();
create trigger op_log_no_truncate before truncate on op_log
  for each statement execute function tavolo_forbid_change();

-- Snapshots make loading fast; the op log stays the record.
create table snapshots (
  doc_id      uuid not null references documents(id),
  seq         bigint not null,
  state       jsonb not null,
  created_at  timestamptz not null default now(),
  primary key (doc_id, seq)
);
