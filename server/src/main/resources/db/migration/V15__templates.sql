-- Templates (issue 17): a document can start from a schema di progetto (shipped with the server,
-- server/src/main/resources/schemi) or from a tavolo's own template, saved from any document's
-- structure by a coordinator.
create table tavolo_templates (
  id          uuid primary key,
  tavolo_id   uuid not null references tavoli(id),
  title       text not null check (length(title) between 1 and 200),
  -- {"sections": [{"title", "guidance"}], "objectives": [{"kind", "title", "guidance"}], "activities": [{"title"}]}
  structure   jsonb not null,
  from_doc    uuid references documents(id),
  created_by  uuid not null references users(id),
  created_at  timestamptz not null default now()
);
create index tavolo_templates_by_tavolo on tavolo_templates(tavolo_id, created_at);

-- The guidance notes of a document started from a template: what each section (or objective)
-- should hold, shown in the editor until it is written. Kept apart from the op log: a note is
-- the avviso's, not anyone's edit.
create table document_guidance (
  doc_id     uuid not null references documents(id),
  coll       text not null check (coll in ('sections', 'objectives')),
  entity_id  text not null,
  guidance   text not null check (length(guidance) between 1 and 2000),
  primary key (doc_id, coll, entity_id)
);
