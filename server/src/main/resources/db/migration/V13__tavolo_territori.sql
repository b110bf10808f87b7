-- The territori (comuni or zones) of a tavolo, kept by its coordinators (issue 15): a budget
-- line may name one of them as its territorio, and the totals are given per territorio.
-- A name taken off the list stays on the lines that carry it (history is never rewritten);
-- new batches may no longer name it.
create table tavolo_territori (
  tavolo_id  uuid not null references tavoli(id),
  name       text not null check (length(name) between 1 and 100),
  position   integer not null,
  primary key (tavolo_id, name)
);
