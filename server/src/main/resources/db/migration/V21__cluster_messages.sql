-- Server messages too large for one NOTIFY (PostgreSQL's payload limit is 8000 bytes), sent
-- to the other server processes by reference (docs/architecture.md, "Scaling out"): the
-- sender stores the message here, then NOTIFYs its id; each listening process reads the row
-- and delivers the same text. Memory of the moment, not a record: rows older than a few
-- minutes are deleted by the next sender.
create table cluster_messages (
  id         uuid primary key,
  target     text not null check (target in ('u', 'd')), -- a user's connections, or a document's
  target_id  uuid not null,
  message    text not null,
  created_at timestamptz not null default now()
);

create index cluster_messages_created_at on cluster_messages (created_at);
