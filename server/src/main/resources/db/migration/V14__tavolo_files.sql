-- The tavolo's files (issue 17): a library per tavolo. The bytes are rows of 256 KiB chunks
-- (streamed in and out, never whole in memory); a withdrawal keeps the row (who, when, why and
-- the SHA-256 stay, and the audit trail has them too) and drops the chunks.
create table tavolo_files (
  id              uuid primary key,
  tavolo_id       uuid not null references tavoli(id),
  name            text not null check (length(name) between 1 and 255),
  -- sniffed from the bytes (Apache Tika), never taken from the client
  content_type    text not null,
  size_bytes      bigint not null check (size_bytes > 0),
  sha256          text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by     uuid not null references users(id),
  uploaded_at     timestamptz not null default now(),
  -- optional link: a seduta, an agenda item, an integration, or a section (document + section id)
  link_kind       text check (link_kind in ('seduta', 'agenda_item', 'integration', 'section')),
  link_id         uuid,
  link_section    text,
  public          boolean not null default false,
  withdrawn_at    timestamptz,
  withdrawn_by    uuid references users(id),
  withdrawn_reason text,
  check ((link_kind is null) = (link_id is null)),
  check ((link_kind = 'section') = (link_section is not null)),
  check ((withdrawn_at is null) = (withdrawn_by is null)),
  check ((withdrawn_at is null) = (withdrawn_reason is null))
);
create index tavolo_files_by_tavolo on tavolo_files(tavolo_id, uploaded_at);

create table tavolo_file_chunks (
  -- deferred: an upload writes its chunks as they arrive and the file row last, in one transaction
  file_id  uuid not null references tavolo_files(id) deferrable initially deferred,
  n        int not null check (n >= 0),
  data     bytea not null,
  primary key (file_id, n)
);
