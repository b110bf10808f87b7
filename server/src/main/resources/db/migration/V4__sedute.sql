-- Sedute: the meetings of a tavolo, from agenda to verbale.
-- Once a seduta is closed its register, agenda, decisions and linked record are frozen:
-- the triggers below refuse any change, whoever asks (the API also answers 409 seduta_closed).

create table sedute (
  id            uuid primary key,
  tavolo_id     uuid not null references tavoli(id),
  title         text not null,
  starts_at     timestamptz not null,
  mode          text not null check (mode in ('in_presenza', 'online', 'ibrida')),
  place         text,
  -- a video-call link, checked by the server (http/https, a host, no credentials)
  call_url      text check (call_url is null or call_url ~ '^https?://'),
  state         text not null default 'planned' check (state in ('planned', 'open', 'closed')),
  current_item  uuid,
  created_by    uuid not null references users(id),
  created_at    timestamptz not null default now(),
  opened_at     timestamptz,
  opened_by     uuid references users(id),
  closed_at     timestamptz,
  closed_by     uuid references users(id),
  check ((state = 'planned') = (opened_at is null)),
  check ((state = 'closed') = (closed_at is not null)),
  check (closed_at is null or closed_at >= opened_at),
  check (mode = 'online' or place is not null),
  check (mode = 'in_presenza' or call_url is not null)
);
create index sedute_by_tavolo on sedute(tavolo_id, starts_at);
-- a tavolo holds one meeting at a time: the register knows which one a connection belongs to
create unique index sedute_one_open_per_tavolo on sedute(tavolo_id) where state = 'open';

create table seduta_documents (
  seduta_id  uuid not null references sedute(id),
  doc_id     uuid not null references documents(id),
  position   int not null,
  primary key (seduta_id, doc_id)
);

create table seduta_agenda_items (
  id         uuid primary key,
  seduta_id  uuid not null references sedute(id),
  position   int not null,
  title      text not null,
  notes      text
);
create index seduta_agenda_by_seduta on seduta_agenda_items(seduta_id, position);

alter table sedute add constraint sedute_current_item_fk
  foreign key (current_item) references seduta_agenda_items(id) deferrable initially deferred;

create table seduta_decisions (
  id           uuid primary key,
  seduta_id    uuid not null references sedute(id),
  item_id      uuid not null references seduta_agenda_items(id),
  text         text not null,
  recorded_by  uuid references users(id),
  recorded_at  timestamptz not null default now()
);
create index seduta_decisions_by_seduta on seduta_decisions(seduta_id, recorded_at);

-- The attendance register. Connected people (user_id set, source 'live') have one row per
-- seduta: their first connection and, once the last of their connections closed, the time
-- it closed (connections counts them across server processes). People only in the room or
-- only on the call are added by a coordinator (source 'manual').
create table seduta_attendance (
  id                 uuid primary key,
  seduta_id          uuid not null references sedute(id),
  user_id            uuid references users(id),
  name               text not null,
  organisation_id    uuid references organisations(id),
  organisation_name  text,
  side               text check (side in ('PA', 'ETS')),
  role               text,
  presence           text not null check (presence in ('connected', 'in_room', 'on_call')),
  source             text not null check (source in ('live', 'manual')),
  joined_at          timestamptz not null,
  left_at            timestamptz,
  connections        int not null default 0 check (connections >= 0),
  corrected_by       uuid references users(id),
  corrected_at       timestamptz,
  check (left_at is null or left_at >= joined_at),
  check ((source = 'live') = (user_id is not null))
);
create unique index seduta_attendance_one_row_per_user on seduta_attendance(seduta_id, user_id) where user_id is not null;

-- Integrations accepted and versions consolidated while the seduta was open (issue 6's record),
-- copied here when the seduta closes so the verbale can always be regenerated from the database.
create table seduta_record_links (
  seduta_id   uuid not null references sedute(id),
  kind        text not null check (kind in ('integration', 'version')),
  ref_id      text not null,
  doc_id      uuid references documents(id),
  document    text not null,
  title       text not null,
  actor       text,
  second_actor text,
  seq         bigint,
  sha256      text,
  at          timestamptz not null,
  primary key (seduta_id, kind, ref_id)
);

-- Read-only live links for people without an account. Only the SHA-256 of the secret is kept.
create table seduta_viewer_links (
  id          uuid primary key,
  seduta_id   uuid not null references sedute(id),
  token_hash  bytea not null unique,
  created_by  uuid not null references users(id),
  created_at  timestamptz not null default now(),
  revoked_at  timestamptz,
  revoked_by  uuid references users(id)
);
create index seduta_viewer_links_by_seduta on seduta_viewer_links(seduta_id);
create index seduta_viewer_links_by_revocation on seduta_viewer_links(revoked_at);

-- The verbale generated at closing, kept with its SHA-256; written once, never changed.
create table seduta_verbali (
  seduta_id     uuid primary key references sedute(id),
  content       jsonb not null,
  pdf           bytea not null,
  pdf_sha256    text not null,
  odt           bytea not null,
  odt_sha256    text not null,
  generated_at  timestamptz not null default now()
);

-- Refuses changes to the rows of a closed seduta. The FOR SHARE lock makes a change that
-- races with the closing wait for it, and then see the seduta closed.
create function seduta_refuse_if_closed() returns trigger language plpgsql as $$
declare
  sid uuid;
  st text;
begin
  if tg_op = 'DELETE' then
    sid := old.seduta_id;
  else
    sid := new.seduta_id;
  end if;
  select state into st from sedute where id = sid for share;
  if st = 'closed' then
    raise exception 'seduta % is closed: its record cannot change', sid using errcode = 'P0001';
  end if;
  if tg_op = 'UPDATE' and old.seduta_id <> new.seduta_id then
    select state into st from sedute where id = old.seduta_id for share;
    if st = 'closed' then
      raise exception 'seduta % is closed: its record cannot change', old.seduta_id using errcode = 'P0001';
    end if;
  end if;
  if tg_op = 'DELETE' then
    return old;
  end if;
  return new;
end $$;

create trigger seduta_attendance_frozen before insert or update or delete on seduta_attendance
  for each row execute function seduta_refuse_if_closed();
create trigger seduta_decisions_frozen before insert or update or delete on seduta_decisions
  for each row execute function seduta_refuse_if_closed();
create trigger seduta_agenda_frozen before insert or update or delete on seduta_agenda_items
  for each row execute function seduta_refuse_if_closed();
create trigger seduta_documents_frozen before insert or update or delete on seduta_documents
  for each row execute function seduta_refuse_if_closed();
create trigger seduta_record_links_frozen before insert or update or delete on seduta_record_links
  for each row execute function seduta_refuse_if_closed();

create trigger seduta_attendance_no_truncate before truncate on seduta_attendance
  for each statement execute function tavolo_forbid_change();
create trigger seduta_decisions_no_truncate before truncate on seduta_decisions
  for each statement execute function tavolo_forbid_change();
create trigger seduta_verbali_append_only before update or delete on seduta_verbali
  for each row execute function tavolo_forbid_change();
create trigger seduta_verbali_no_truncate before truncate on seduta_verbali
  for each statement execute function tavolo_forbid_change();

-- A closed seduta stays closed, with the times and people it had.
create function seduta_refuse_reopen() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and old.state = 'closed' then
    raise exception 'seduta % is closed: it cannot be deleted', old.id using errcode = 'P0001';
  end if;
  if tg_op = 'UPDATE' and old.state = 'closed' then
    raise exception 'seduta % is closed: it cannot change', old.id using errcode = 'P0001';
  end if;
  if tg_op = 'DELETE' then
    return old;
  end if;
  return new;
end $$;

create trigger sedute_closed_frozen before update or delete on sedute
  for each row execute function seduta_refuse_reopen();

-- The verbale exists only for a closed seduta.
create function seduta_verbale_needs_closed() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from sedute where id = new.seduta_id and state = 'closed') then
    raise exception 'seduta % is not closed: no verbale yet', new.seduta_id using errcode = 'P0001';
  end if;
  return new;
end $$;

create trigger seduta_verbali_closed_only before insert on seduta_verbali
  for each row execute function seduta_verbale_needs_closed();
