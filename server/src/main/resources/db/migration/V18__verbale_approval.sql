-- The life of a verbale after its seduta closes (issue 19): the verbale generated at closing
-- (seduta_verbali, V4) is the *bozza*; a coordinator opens a period for remarks (osservazioni)
-- by the people who were present; then the verbale is approved (by the coordinator, or by an
-- agenda item of a later seduta of the same tavolo, recorded) and the approved verbale, with
-- the remarks, is rendered, hashed, stored once and never changed. Each rule below holds
-- whatever the code does.

create table seduta_verbale_reviews (
  seduta_id      uuid primary key references sedute(id),
  remarks_until  timestamptz not null,
  set_by         uuid not null references users(id),
  set_at         timestamptz not null default now()
);

create table seduta_verbale_remarks (
  id          uuid primary key,
  seduta_id   uuid not null references sedute(id),
  user_id     uuid not null references users(id),
  name        text not null,
  text        text not null check (length(text) between 1 and 4000),
  created_at  timestamptz not null default now()
);
create index seduta_verbale_remarks_by_seduta on seduta_verbale_remarks(seduta_id, created_at);

create table seduta_verbale_approvals (
  seduta_id      uuid primary key references sedute(id),
  approved_by    uuid not null references users(id),
  approved_at    timestamptz not null default now(),
  -- approved as an agenda item of a later seduta: which one (both null: by the coordinator)
  approved_in    uuid references sedute(id),
  approved_item  uuid references seduta_agenda_items(id),
  content        jsonb not null,
  pdf            bytea not null,
  pdf_sha256     text not null check (pdf_sha256 ~ '^[0-9a-f]{64}$'),
  odt            bytea not null,
  odt_sha256     text not null check (odt_sha256 ~ '^[0-9a-f]{64}$'),
  check ((approved_in is null) = (approved_item is null)),
  check (approved_in is null or approved_in <> seduta_id)
);

-- Remarks: only on a closed seduta's bozza, within the period, before approval, by someone
-- the register records as present (a live entry: they took part with their account).
create function seduta_remark_allowed() returns trigger language plpgsql as $$
declare
  until timestamptz;
begin
  if not exists (select 1 from sedute where id = new.seduta_id and state = 'closed') then
    raise exception 'seduta % is not closed: no verbale to remark on', new.seduta_id using errcode = 'P0001';
  end if;
  perform 1 from seduta_verbale_reviews where seduta_id = new.seduta_id for share;
  if exists (select 1 from seduta_verbale_approvals where seduta_id = new.seduta_id) then
    raise exception 'verbale of seduta % is approved: no more remarks', new.seduta_id using errcode = 'P0001';
  end if;
  select remarks_until into until from seduta_verbale_reviews where seduta_id = new.seduta_id;
  if until is null or now() > until then
    raise exception 'remarks on the verbale of seduta % are not open', new.seduta_id using errcode = 'P0001';
  end if;
  if not exists (select 1 from seduta_attendance where seduta_id = new.seduta_id and user_id = new.user_id) then
    raise exception 'only people present at seduta % remark on its verbale', new.seduta_id using errcode = 'P0001';
  end if;
  return new;
end $$;

create trigger seduta_verbale_remarks_allowed before insert on seduta_verbale_remarks
  for each row execute function seduta_remark_allowed();
create trigger seduta_verbale_remarks_append_only before update or delete on seduta_verbale_remarks
  for each row execute function tavolo_forbid_change();
create trigger seduta_verbale_remarks_no_truncate before truncate on seduta_verbale_remarks
  for each statement execute function tavolo_forbid_change();

-- The remarks period: set on a closed seduta, changed until approval, never after.
create function seduta_review_allowed() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'a remarks period is never deleted' using errcode = 'P0001';
  end if;
  if not exists (select 1 from sedute where id = new.seduta_id and state = 'closed') then
    raise exception 'seduta % is not closed: no verbale to review', new.seduta_id using errcode = 'P0001';
  end if;
  if exists (select 1 from seduta_verbale_approvals where seduta_id = new.seduta_id) then
    raise exception 'verbale of seduta % is approved: it is frozen', new.seduta_id using errcode = 'P0001';
  end if;
  return new;
end $$;

create trigger seduta_verbale_reviews_allowed before insert or update or delete on seduta_verbale_reviews
  for each row execute function seduta_review_allowed();

-- Approval: of a closed seduta's verbale, whose remarks period (if any) is over; once stored,
-- the approved verbale never changes.
create function seduta_approval_allowed() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from sedute where id = new.seduta_id and state = 'closed') then
    raise exception 'seduta % is not closed: no verbale to approve', new.seduta_id using errcode = 'P0001';
  end if;
  if exists (select 1 from seduta_verbale_reviews where seduta_id = new.seduta_id and remarks_until > now()) then
    raise exception 'remarks on the verbale of seduta % are still open', new.seduta_id using errcode = 'P0001';
  end if;
  if new.approved_in is not null and not exists (
      select 1 from sedute later join sedute s on s.id = new.seduta_id
      join seduta_agenda_items i on i.id = new.approved_item and i.seduta_id = later.id
      where later.id = new.approved_in and later.tavolo_id = s.tavolo_id and later.state = 'open') then
    raise exception 'a verbale is approved by an agenda item of an open seduta of the same tavolo' using errcode = 'P0001';
  end if;
  return new;
end $$;

create trigger seduta_verbale_approvals_allowed before insert on seduta_verbale_approvals
  for each row execute function seduta_approval_allowed();
create trigger seduta_verbale_approvals_append_only before update or delete on seduta_verbale_approvals
  for each row execute function tavolo_forbid_change();
create trigger seduta_verbale_approvals_no_truncate before truncate on seduta_verbale_approvals
  for each statement execute function tavolo_forbid_change();
