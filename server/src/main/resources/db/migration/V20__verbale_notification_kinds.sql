-- Issue 19: the verbale's remarks period and its approval are notified (kinds verbale_remarks_open,
-- verbale_approved). The check of V9 lists the kinds: it gets the two new ones.
alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check check (kind in ('integration_accepted',
  'integration_rejected', 'integration_commented', 'integration_awaiting_confirmation', 'seduta_convened',
  'seduta_changed', 'seduta_cancelled', 'seduta_opened', 'verbale_ready', 'verbale_remarks_open',
  'verbale_approved', 'version_consolidated', 'mention', 'reply'));
