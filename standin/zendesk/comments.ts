// Cursor pagination of a ticket's comments, as Zendesk's `page[size]` / `page[after]` / `page[before]`.
// Cursors are opaque to clients; follow `links.next` while `meta.has_more`.

import { json, type StandinResponse } from "./http.ts";
import type { Comment } from "./model.ts";
import { renderComment } from "./wire.ts";

export const MAX_PAGE_SIZE = 100;

// base64url, so a cursor pasted into a query string by hand survives unescaped.
const encodeCursor = (id: number) =>
  btoa(`comment:${id}`).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");

function decodeCursor(cursor: string): number | undefined {
  try {
    const match = /^comment:(\d+)$/.exec(atob(cursor.replace(/-/g, "+").replace(/_/g, "/")));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

const badPage = (description: string) => json(400, { error: "InvalidPaginationParameter", description });

export function paginateComments(comments: readonly Comment[], url: URL): StandinResponse {
  const q = url.searchParams;
  const sizeParam = q.get("page[size]");
  const size = sizeParam === null ? MAX_PAGE_SIZE : Number(sizeParam);
  if (!Number.isInteger(size) || size < 1) return badPage("page[size] must be a positive integer");
  if (size > MAX_PAGE_SIZE) return badPage(`page[size] is limited to ${MAX_PAGE_SIZE}`);
  const sortOrder = q.get("sort_order") ?? "asc";
  if (sortOrder !== "asc" && sortOrder !== "desc") return badPage("sort_order must be asc or desc");
  const after = q.get("page[after]");
  const before = q.get("page[before]");
  const cursorId = after ?? before;
  const anchor = cursorId === null ? undefined : decodeCursor(cursorId);
  if (cursorId !== null && anchor === undefined) return badPage("page cursor is invalid");

  // Comments are stored in id order; walk them in the requested order.
  const ordered = sortOrder === "asc" ? comments : [...comments].reverse();
  const comesAfter = (id: number, ref: number) => (sortOrder === "asc" ? id > ref : id < ref);
  let start = 0;
  let end = Math.min(size, ordered.length);
  if (after !== null && anchor !== undefined) {
    start = ordered.findIndex((c) => comesAfter(c.id, anchor));
    if (start < 0) start = ordered.length;
    end = Math.min(start + size, ordered.length);
  } else if (before !== null && anchor !== undefined) {
    end = ordered.findIndex((c) => c.id === anchor || comesAfter(c.id, anchor));
    if (end < 0) end = ordered.length;
    start = Math.max(0, end - size);
  }
  const page = ordered.slice(start, end);
  const first = page[0];
  const last = page[page.length - 1];
  const moreAfter = end < ordered.length && page.length > 0;
  const moreBefore = start > 0 && page.length > 0;
  const link = (key: "page[after]" | "page[before]", cursor: string) => {
    const next = new URL(url.pathname, url.origin);
    next.searchParams.set("page[size]", String(size));
    next.searchParams.set(key, cursor);
    if (sortOrder === "desc") next.searchParams.set("sort_order", "desc");
    return next.toString();
  };
  const afterCursor = last ? encodeCursor(last.id) : null;
  const beforeCursor = first ? encodeCursor(first.id) : null;
  return json(200, {
    comments: page.map(renderComment),
    meta: {
      has_more: before !== null ? moreBefore : moreAfter,
      after_cursor: afterCursor,
      before_cursor: beforeCursor,
    },
    links: {
      next: moreAfter && afterCursor ? link("page[after]", afterCursor) : null,
      prev: moreBefore && beforeCursor ? link("page[before]", beforeCursor) : null,
    },
  });
}
