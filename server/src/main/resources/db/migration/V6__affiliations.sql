-- Whoever invites decides which organisation (and so which side, PA or ETS) a new account
-- belongs to. Additive: invitations made before this have no organisation; registering
-- through one of them is refused (organisation_required), accepting it with an existing
-- account still works.
alter table invitations add column organisation_id uuid references organisations(id);

-- An invitee may only propose another organisation: it stays here, pending, and the account
-- stays in the invited organisation until a coordinator of the tavolo confirms (the
-- organisation is then created and the account moved to it) or rejects it.
create table organisation_proposals (
  id               uuid primary key,
  tavolo_id        uuid not null references tavoli(id),
  user_id          uuid not null references users(id),
  name             text not null,
  side             text not null check (side in ('PA', 'ETS')),
  ets_kind         text check (ets_kind in ('cooperativa_sociale', 'odv', 'aps', 'fondazione',
                                            'consorzio', 'impresa_sociale', 'ente_religioso', 'altro')),
  proposed_at      timestamptz not null default now(),
  status           text not null default 'pending' check (status in ('pending', 'confirmed', 'rejected')),
  decided_by       uuid references users(id),
  decided_at       timestamptz,
  organisation_id  uuid references organisations(id),
  check ((side = 'PA' and ets_kind is null) or (side = 'ETS' and ets_kind is not null)),
  check ((status = 'pending') = (decided_at is null))
);
create index organisation_proposals_by_tavolo on organisation_proposals(tavolo_id);
