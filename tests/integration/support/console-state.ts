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
  (select coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'status', c.status, 'since', c.status_since,
     'evidence', c.evidence_url, 'note', c.note, 'accepted', c.evidence_accepted_at) order by c.id), '[]')
     from public.commitments as c) as commitments,
  (select count(*)::int from public.commitment_status_changes) as status_changes,
  (select coalesce(jsonb_agg(jsonb_build_object('id', k.id, 'review', k.review, 'by', k.reviewed_by,
     'reason', k.reason, 'published', k.evidence_published, 'answers',
     (select count(*)::int from public.check_in_answers as a where a.check_in_id = k.id)) order by k.id), '[]')
     from public.check_ins as k) as check_ins,
  (select coalesce(jsonb_agg(jsonb_build_object('id', p.id, 'status', p.status, 'name', p.name,
     'email', p.contact_email, 'dated', p.form_dated) order by p.id), '[]') from public.pledges as p) as pledges`;
