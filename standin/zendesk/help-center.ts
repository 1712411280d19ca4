// One account's Help Center (Guide) as records: whether it is enabled, its locales, sections, management
// permission groups, user segments and articles. Pure state; api.help-center.ts answers the API over it.

export type Section = {
  id: number;
  name: string;
  locale: string;
  position: number;
  created_at: string;
  updated_at: string;
};
/** A management permission group: who may edit and publish an article (not who may read it). */
export type PermissionGroup = {
  id: number;
  name: string;
  built_in: boolean;
  edit: number[];
  publish: number[];
  created_at: string;
  updated_at: string;
};
/** Who may read: `signed_in_users` or `staff`. `user_segment_id: null` on an article means everyone. */
export type UserSegment = {
  id: number;
  name: string;
  user_type: "signed_in_users" | "staff";
  built_in: boolean;
};
export type Article = {
  id: number;
  section_id: number;
  title: string;
  body: string;
  locale: string;
  permission_group_id: number;
  user_segment_id: number | null;
  draft: boolean;
  label_names: string[];
  author_id: number;
  created_at: string;
  updated_at: string;
  /** Archived (`DELETE` on the API): gone from every listing and show. */
  archived: boolean;
};

export class HelpCenter {
  /** An account without Guide answers 404 on every Help Center endpoint. */
  enabled = true;
  /** Enabled locales; the first is the default. */
  locales: string[] = ["en-us"];
  readonly sections = new Map<number, Section>();
  readonly articles: Article[] = [];
  readonly permissionGroups: PermissionGroup[] = [];
  readonly userSegments: UserSegment[] = [];
  private nextId: number;

  /**
   * Guide's ids run far past 2^32 (e.g. 4408839258778); the stand-in's do too. `stamp` is the account's
   * clock in whole seconds, as every Zendesk time stamp.
   */
  private readonly stamp: () => string;
  private readonly firstId: number;

  constructor(firstId: number, stamp: () => string) {
    this.stamp = stamp;
    this.firstId = firstId;
    this.nextId = firstId;
    this.clear();
  }

  get defaultLocale(): string {
    return this.locales[0] ?? "en-us";
  }

  addSection(input: { id?: number; name: string; locale?: string }): Section {
    const at = this.stamp();
    const id = input.id ?? this.nextId++;
    const section = {
      id,
      name: input.name,
      locale: input.locale ?? this.defaultLocale,
      position: this.sections.size,
      created_at: at,
      updated_at: at,
    };
    this.sections.set(id, section);
    return section;
  }

  addPermissionGroup(input: { name: string; builtIn?: boolean }): PermissionGroup {
    const at = this.stamp();
    const group = {
      id: this.nextId++,
      name: input.name,
      built_in: input.builtIn ?? false,
      edit: [],
      publish: [],
      created_at: at,
      updated_at: at,
    };
    this.permissionGroups.push(group);
    return group;
  }

  addArticle(input: Omit<Article, "id" | "archived" | "created_at" | "updated_at">): Article {
    const at = this.stamp();
    const article = { ...input, id: this.nextId++, archived: false, created_at: at, updated_at: at };
    this.articles.push(article);
    return article;
  }

  /** A live (not archived) article. */
  article(id: number): Article | undefined {
    return this.articles.find((a) => a.id === id && !a.archived);
  }

  /** Back to a fresh Guide: enabled, English, no sections or articles, the built-in groups and segments. */
  clear(): void {
    this.enabled = true;
    this.sections.clear();
    this.articles.length = 0;
    this.nextId = this.firstId;
    this.locales = ["en-us"];
    this.permissionGroups.length = 0;
    this.addPermissionGroup({ name: "Admins", builtIn: true });
    this.addPermissionGroup({ name: "Agents and managers", builtIn: true });
    this.userSegments.splice(
      0,
      this.userSegments.length,
      { id: this.nextId++, name: "Signed-in users", user_type: "signed_in_users", built_in: true },
      { id: this.nextId++, name: "Agents and admins", user_type: "staff", built_in: true },
    );
  }
}

/** The path part of `html_url`: Guide keeps the title's words and case, joined by dashes. */
export function slug(title: string): string {
  const words = title.normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? [];
  return encodeURIComponent(words.join("-"));
}
