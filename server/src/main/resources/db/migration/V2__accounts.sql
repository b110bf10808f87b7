-- Accounts: sessions (refresh tokens), access-token revocation, invitations.
-- Every secret token is stored only as its SHA-256: a leaked table grants nothing.

-- One login = one session (family). Each refresh uses its token once and gets a new one in
-- the same family; presenting a used token again means it was stolen, so the family dies.
create table sessions (
  id          uuid primary key,
  user_id     uuid not null references users(id),
  created_at  timestamptz not null default now(),
  revoked_at  timestamptz
);
create index sessions_by_user on sessions(user_id);

create table refresh_tokens (
  token_hash  bytea primary key,
  session_id  uuid not null references sessions(id),
  expires_at  timestamptz not null,
  used_at     timestamptz,
  created_at  timestamptz not null default now()
);
create index refresh_tokens_by_session on refresh_tokens(session_id);

-- Access tokens revoked before their expiry: by jti (that token) or by session id (every
-- access token of a logged-out session). Rows are useless after expires_at and are
-- purged. Each server process keeps them in memory and polls for recent ones by revoked_at.
create table revoked_tokens (
  id          uuid primary key,
  kind        text not null check (kind in ('access', 'session')),
  expires_at  timestamptz not null,
  revoked_at  timestamptz not null default now()
);
create index revoked_tokens_by_time on revoked_tokens(revoked_at);

create table invitations (
  id          uuid primary key,
  token_hash  bytea not null unique,
  tavolo_id   uuid not null references tavoli(id),
  role        text not null check (role in ('coordinator', 'member', 'observer')),
  created_by  uuid not null references users(id),
  created_at  timestamptz not null default now(),
  expires_at  timestamptz not null,
  used_at     timestamptz,
  used_by     uuid references users(id),
  check ((used_at is null) = (used_by is null))
);
create index invitations_by_tavolo on invitations(tavolo_id);
