-- Issue 16: notifications, their mail and convocazioni.
-- A notification and its mail are written in the transaction of the event that causes them
-- (the transactional outbox): no event without its notification, none lost on a crash.

create table notifications (
  id          bigint generated always as identity primary key,
  user_id     uuid not null references users(id),
  kind        text not null check (kind in ('integration_accepted', 'integration_rejected',
                'integration_commented', 'integration_awaiting_confirmation', 'seduta_convened',
                'seduta_changed', 'seduta_cancelled', 'seduta_opened', 'verbale_ready',
                'version_consolidated', 'mention', 'reply')),
  tavolo_id   uuid references tavoli(id),
  payload     jsonb not null,
  created_at  timestamptz not null default now(),
  read_at     timestamptz,
  -- the user chose the daily digest for this kind: the next digest takes it and clears this
  digest_due  boolean not null default false
);
create index notifications_by_user on notifications(user_id, id desc);
create index notifications_unread on notifications(user_id) where read_at is null;
create index notifications_digest on notifications(user_id) where digest_due;

-- Per user and kind: 'immediate' (default when absent), 'digest' or 'none'.
create table notification_prefs (
  user_id  uuid not null references users(id),
  kind     text not null,
  email    text not null check (email in ('immediate', 'digest', 'none')),
  primary key (user_id, kind)
);

-- Mail to send. A row is claimed by a sender for a lease (claimed_until), sent with the
-- Message-ID <tavolo-mail-ID@host> derived from its id, then marked sent; a crash before the
-- mark leaves it due again after the lease (see MailOutbox for at-least-once reasoning).
create table mail_outbox (
  id               bigint generated always as identity primary key,
  user_id          uuid not null references users(id),
  notification_id  bigint references notifications(id),
  kind             text not null,
  to_address       text not null,
  subject          text not null,
  body_text        text not null,
  body_html        text not null,
  ics              text,
  ics_method       text check (ics_method is null or ics_method in ('REQUEST', 'CANCEL')),
  created_at       timestamptz not null default now(),
  due_at           timestamptz not null default now(),
  claimed_until    timestamptz,
  attempts         integer not null default 0,
  last_error       text,
  sent_at          timestamptz,
  gave_up_at       timestamptz
);
create index mail_outbox_due on mail_outbox(due_at) where sent_at is null and gave_up_at is null;

-- A seduta's convocation: its iCalendar UID and SEQUENCE (RFC 5545: a change raises it).
create table seduta_convocations (
  seduta_id     uuid primary key references sedute(id),
  uid           text not null unique,
  sequence      integer not null default 0,
  cancelled_at  timestamptz
);

-- The per-tavolo calendar feed: a secret URL (only its hash stored), revocable by a coordinator.
create table calendar_feeds (
  tavolo_id   uuid primary key references tavoli(id),
  token_hash  bytea not null unique,
  created_by  uuid not null references users(id),
  created_at  timestamptz not null default now()
);
