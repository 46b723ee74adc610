/**
 * Everything an officers' console call could change or record, in one read as the database's
 * owner: compared before and after a call that must change nothing.
 */
export const consoleStateSql = `select
  (select count(*)::int from public.officer_activity) as activity,
  (select count(*)::int from public.pledge_status_changes) as changes,
  (select count(*)::int from public.officer_sessions where ended_at is null) as live_sessions,
  (select coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'outcome', c.outcome, 'decided_by', c.decided_by)
     order by c.id), '[]') from public.pledge_changes as c) as pledge_changes,
  (select coalesce(jsonb_agg(jsonb_build_object('id', p.id, 'status', p.status, 'name', p.name,
     'email', p.contact_email, 'dated', p.form_dated) order by p.id), '[]') from public.pledges as p) as pledges`;
