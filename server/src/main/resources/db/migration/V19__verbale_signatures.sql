-- The signed copies of an approved verbale (issue 19): uploaded by a coordinator, checked by the
-- server (the signed content is the approved verbale; every signature verifies) and kept with
-- what the check found. Only accepted uploads are stored; they never change.

create table seduta_verbale_signatures (
  id                   uuid primary key,
  seduta_id            uuid not null references sedute(id),
  kind                 text not null check (kind in ('cades', 'pades')),
  file                 bytea not null,
  sha256               text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  -- the approved PDF the signed content was compared with
  approved_pdf_sha256  text not null check (approved_pdf_sha256 ~ '^[0-9a-f]{64}$'),
  result               jsonb not null,
  uploaded_by          uuid not null references users(id),
  uploaded_at          timestamptz not null default now()
);
create index seduta_verbale_signatures_by_seduta on seduta_verbale_signatures(seduta_id, uploaded_at);

-- A signed copy exists only of an approved verbale, and of that very approved PDF.
create function seduta_signature_allowed() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from seduta_verbale_approvals where seduta_id = new.seduta_id
                 and pdf_sha256 = new.approved_pdf_sha256) then
    raise exception 'seduta %: a signed copy is of its approved verbale only', new.seduta_id using errcode = 'P0001';
  end if;
  return new;
end $$;

create trigger seduta_verbale_signatures_allowed before insert on seduta_verbale_signatures
  for each row execute function seduta_signature_allowed();
create trigger seduta_verbale_signatures_append_only before update or delete on seduta_verbale_signatures
  for each row execute function tavolo_forbid_change();
create trigger seduta_verbale_signatures_no_truncate before truncate on seduta_verbale_signatures
  for each statement execute function tavolo_forbid_change();
