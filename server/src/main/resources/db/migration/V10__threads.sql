-- Threads of comments anchored to a passage of a text field, or to a whole entity (issue 16).
-- The anchor is kept at anchor_seq: the server carries it through the op log's batches after
-- that seq (core/anchor/AnchorTransform) when threads are read, and stores it again at the head.
-- quote: the text under the anchor (an entity's title); kept when the anchor dies (live false:
-- "on deleted text").
create table threads (
  id           uuid primary key,
  doc_id       uuid not null references documents(id),
  coll         text not null check (coll in ('sections', 'objectives', 'activities', 'budget')),
  entity_id    text not null,
  field        text,
  start_pos    integer not null check (start_pos >= 0),
  end_pos      integer not null check (end_pos >= start_pos),
  quote        text not null,
  live         boolean not null,
  anchor_seq   bigint not null check (anchor_seq >= 0),
  status       text not null default 'open' check (status in ('open', 'resolved')),
  created_by   uuid not null references users(id),
  created_at   timestamptz not null default now(),
  resolved_by  uuid references users(id),
  resolved_at  timestamptz,
  check (field is not null or (start_pos = 0 and end_pos = 0)),
  check ((status = 'resolved') = (resolved_by is not null))
);
create index threads_by_doc on threads(doc_id, created_at);

create table thread_comments (
  id          uuid primary key,
  thread_id   uuid not null references threads(id),
  author      uuid not null references users(id),
  body        text not null check (length(body) between 1 and 4000),
  created_at  timestamptz not null default now()
);
create index thread_comments_by_thread on thread_comments(thread_id, created_at);

-- Who a comment mentions (resolved @names: members of the tavolo when it was written).
create table thread_mentions (
  comment_id  uuid not null references thread_comments(id),
  user_id     uuid not null references users(id),
  primary key (comment_id, user_id)
);
create index thread_mentions_by_user on thread_mentions(user_id);
