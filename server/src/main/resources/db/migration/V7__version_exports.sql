-- The file of a consolidated version, as it was first exported (issue 17): every later download
-- serves these bytes, so what a PA filed can be fetched again byte for byte and checked against
-- the SHA-256 it was given. A PDF of the demo draft is ~38 KB; bytea keeps it with the record.
create table version_exports (
  doc_id          uuid not null,
  version_number  integer not null,
  format          text not null check (format in ('pdf', 'odt', 'csv')),
  content         bytea not null,
  sha256          text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  created_at      timestamptz not null default now(),
  primary key (doc_id, version_number, format),
  -- not a key into versions: that would make "truncate versions" fail on the key before the
  -- versions' own guard can say why (the exports are written only for a version just read)
  foreign key (doc_id) references documents(id)
);

-- Like the consolidated version it renders, a stored export never changes and is never deleted.
create trigger version_exports_immutable before update or delete on version_exports
  for each row execute function tavolo_forbid_change();
create trigger version_exports_no_truncate before truncate on version_exports
  for each statement execute function tavolo_forbid_change();
