-- Organisations taking part in a tavolo even when none of their people has an account yet:
-- a partner that co-finances the budget (seed 002's ODV, the Curia) must be named and
-- counted on its side (PA/ETS) by everyone at the table. Members' organisations are
-- partners implicitly; this table holds the others.
create table tavolo_partners (
  tavolo_id        uuid not null references tavoli(id),
  organisation_id  uuid not null references organisations(id),
  added_at         timestamptz not null default now(),
  primary key (tavolo_id, organisation_id)
);
create index tavolo_partners_by_organisation on tavolo_partners(organisation_id);
