// How Zendesk renders its records on the wire: the store keeps the fields that matter,
// these add the rest a real response carries so clients meet realistic payloads.

import type { Audit, Comment, Ticket, User } from "./model.ts";

const META = { system: {}, custom: {} };

/** `base` is the account's origin as the client called it (`{origin}` or `{origin}/{subdomain}`). */
export function renderTicket(ticket: Ticket, base: string) {
  return {
    url: `${base}/api/v2/tickets/${ticket.id}.json`,
    id: ticket.id,
    external_id: null,
    via: ticket.via,
    created_at: ticket.created_at,
    updated_at: ticket.updated_at,
    generated_timestamp: Math.floor(Date.parse(ticket.updated_at) / 1000),
    type: null,
    subject: ticket.subject,
    raw_subject: ticket.subject,
    description: ticket.description,
    priority: null,
    status: ticket.status,
    recipient: null,
    requester_id: ticket.requester_id,
    submitter_id: ticket.submitter_id,
    assignee_id: ticket.assignee_id,
    organization_id: null,
    group_id: ticket.group_id,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: [...ticket.tags],
    custom_fields: ticket.custom_fields.map((f) => ({ ...f })),
    satisfaction_rating: null,
    sharing_agreement_ids: [],
    fields: ticket.custom_fields.map((f) => ({ ...f })),
    followup_ids: [],
    brand_id: ticket.brand_id,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
  };
}

export function renderComment(comment: Comment) {
  return {
    id: comment.id,
    type: comment.type,
    author_id: comment.author_id,
    body: comment.body,
    html_body: comment.html_body,
    plain_body: comment.plain_body,
    public: comment.public,
    attachments: [],
    audit_id: comment.audit_id,
    via: comment.via,
    created_at: comment.created_at,
    metadata: META,
  };
}

/** Zendesk's role_type: 4 for an admin, 0 for an agent, null for an end user. */
const ROLE_TYPE = { admin: 4, agent: 0, "end-user": null } as const;

export function renderUser(user: User, base: string) {
  return {
    id: user.id,
    url: `${base}/api/v2/users/${user.id}.json`,
    name: user.name,
    email: user.email,
    role: user.role,
    role_type: ROLE_TYPE[user.role],
    active: user.active,
    suspended: user.suspended,
    verified: true,
    time_zone: "UTC",
    locale: "en-US",
    created_at: user.created_at,
    updated_at: user.updated_at,
  };
}

export function renderAudit(audit: Audit) {
  return { ...audit, metadata: META };
}
