-- Where an imported draft came from (issue 17): the file's name and SHA-256, who imported it and
-- the op-log batch that created its content (seq 1, client_id 'import'). Append-only: the
-- provenance of a draft does not change.
create table document_imports (
  doc_id       uuid primary key references documents(id),
  file_name    text not null,
  format       text not null check (format in ('docx', 'odt')),
  sha256       text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes   bigint not null check (size_bytes > 0),
  imported_by  uuid not null references users(id),
  imported_at  timestamptz not null default now(),
  seq          bigint not null check (seq > 0)
);

create trigger document_imports_append_only before update or delete on document_imports
  for each row execute function tavolo_forbid_change();
create trigger document_imports_no_truncate before truncate on document_imports
  for each statement execute function tavolo_forbid_change();
