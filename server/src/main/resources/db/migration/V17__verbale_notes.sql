-- The verbale's notes (issue 19): written live during the seduta with the draft's engine.
-- A seduta's notes are one document of its tavolo (purpose 'verbale_notes', one section per
-- agenda item, section id = the item's id), opened over the ordinary live protocol. Only its
-- segretario verbalizzante and the writers a coordinator allowed write; every other member
-- reads it (their role on it is observer). It is not listed among the tavolo's documents.

alter table documents add column purpose text not null default 'draft'
  check (purpose in ('draft', 'verbale_notes'));

create table seduta_notes (
  seduta_id   uuid primary key references sedute(id),
  doc_id      uuid not null unique references documents(id),
  -- the segretario verbalizzante, chosen by a coordinator
  secretary   uuid not null references users(id),
  created_by  uuid not null references users(id),
  created_at  timestamptz not null default now(),
  -- the head of the notes when the seduta closed: what the verbale reads (set by the closing)
  closed_seq  bigint check (closed_seq is null or closed_seq >= 0)
);

create table seduta_note_writers (
  seduta_id   uuid not null references sedute(id),
  user_id     uuid not null references users(id),
  granted_by  uuid not null references users(id),
  granted_at  timestamptz not null default now(),
  primary key (seduta_id, user_id)
);

-- Interventi, riserve and dichiarazioni a verbale of an agenda item: who spoke (a member, or a
-- name typed for someone without an account), their organisation and a short text.
create table seduta_note_entries (
  id                 uuid primary key,
  seduta_id          uuid not null references sedute(id),
  item_id            uuid not null references seduta_agenda_items(id),
  kind               text not null check (kind in ('intervento', 'riserva', 'dichiarazione')),
  speaker_user       uuid references users(id),
  speaker_name       text not null check (length(speaker_name) between 1 and 200),
  organisation_name  text check (organisation_name is null or length(organisation_name) <= 200),
  text               text not null check (length(text) between 1 and 2000),
  recorded_by        uuid not null references users(id),
  recorded_at        timestamptz not null default now()
);
create index seduta_note_entries_by_seduta on seduta_note_entries(seduta_id, recorded_at);

-- Frozen with the seduta, as its agenda and decisions are (V4).
create trigger seduta_notes_frozen before insert or update or delete on seduta_notes
  for each row execute function seduta_refuse_if_closed();
create trigger seduta_note_writers_frozen before insert or update or delete on seduta_note_writers
  for each row execute function seduta_refuse_if_closed();
create trigger seduta_note_entries_frozen before insert or update or delete on seduta_note_entries
  for each row execute function seduta_refuse_if_closed();
create trigger seduta_note_entries_no_truncate before truncate on seduta_note_entries
  for each statement execute function tavolo_forbid_change();

-- The notes of a closed seduta stay locked: the closing locks them, and nothing unlocks them.
create function seduta_notes_stay_locked() returns trigger language plpgsql as $$
begin
  if old.purpose = 'verbale_notes' and (not new.locked or new.purpose <> old.purpose or new.tavolo_id <> old.tavolo_id)
     and exists (select 1 from seduta_notes n join sedute s on s.id = n.seduta_id
                 where n.doc_id = old.id and s.state = 'closed') then
    raise exception 'the notes of a closed seduta stay locked' using errcode = 'P0001';
  end if;
  if new.purpose <> old.purpose then
    raise exception 'a document keeps its purpose' using errcode = 'P0001';
  end if;
  return new;
end $$;

create trigger documents_notes_stay_locked before update on documents
  for each row execute function seduta_notes_stay_locked();
