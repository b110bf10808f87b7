-- Who is connected, shared by the server processes on this database (docs/architecture.md,
-- "Scaling out"). Each process holds a lease it renews (seen_at); a process whose lease ran
-- out is taken to be dead and is swept, with its connections, by whichever process looks
-- first. Memory of the moment, not a record: nothing here outlives the connections.
create table live_processes (
  id         text primary key,
  started_at timestamptz not null default now(),
  seen_at    timestamptz not null default now()
);

-- One row per welcomed connection of an account (guests of viewer links are not listed),
-- with the person as the members list shows them and their latest presence (written
-- coalesced, never per cursor move). No foreign key to live_processes: the sweep deletes
-- both in one transaction, and the rows must not depend on the order of two processes' writes.
create table live_connections (
  process_id text not null,
  id         text not null,
  doc_id     uuid not null,
  tavolo_id  uuid not null,
  user_id    uuid not null,
  client_id  text not null,
  name       text not null,
  org_id     uuid,
  org_name   text,
  side       text,
  role       text not null,
  presence   text,
  joined_at  timestamptz not null default now(),
  primary key (process_id, id)
);
create index live_connections_doc on live_connections (doc_id);
create index live_connections_tavolo on live_connections (tavolo_id);
