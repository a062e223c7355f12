// The reads behind the web app's pages, answered in SQL so that a page costs what it shows, not
// what the person has: ids of one page of a list (then only those intros are read and viewed),
// counts, and an introducer's figures. A person with 2,000 intros gets their home page as fast as
// someone with five.
//
// Who may see what stays decided by domain/view.ts: `VISIBLE` below is canView in SQL, used only
// to choose candidates, and the pages still view every intro they show through viewIntro (which
// checks canView again). The lists never widen what a role sees: each is a subset of the intros
// the person may see in that role. test/store-page-queries.test.ts checks every list and figure
// against the same thing computed in JS from the intros, on SQLite and PostgreSQL.
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from "kysely";
import { type EventType, type Intro, type Role, STATUSES, type Status } from "../domain/types.ts";
import type { KyselyStore } from "./kysely-store.ts";
import type { Database } from "./schema.ts";
import type { Store } from "./store.ts";

type Eb = ExpressionBuilder<Database, "intros">;

/** Statuses reached before or after the target was asked: the history says which. */
const EITHER: readonly Status[] = ["withdrawn", "expired"];
/**
 * Statuses that only asking the target leads to (forward_for_consent sets askedTargetAt): in
 * lifecycle order, consent_requested and every one after it but those two.
 */
const ASKED: readonly Status[] = STATUSES.slice(STATUSES.indexOf("consent_requested")).filter(
  (s) => !EITHER.includes(s),
);
/**
 * Statuses reached only after the target said yes and the introduction was made: introduced to
 * stalled, in lifecycle order.
 */
const AFTER_INTRO: readonly Status[] = STATUSES.slice(
  STATUSES.indexOf("introduced"),
  STATUSES.indexOf("stalled") + 1,
);

/** Whether the intro's history has an event of these types (by this actor). */
function hasEvent(eb: Eb, types: readonly EventType[], actor?: Role): Expression<SqlBool> {
  let q = eb
    .selectFrom("intro_events as e")
    .select(sql<number>`1`.as("one"))
    .whereRef("e.intro_id", "=", "intros.id")
    .where("e.type", "in", types);
  if (actor) q = q.where("e.actor", "=", actor);
  return eb.exists(q);
}

/** canView (domain/view.ts) in SQL: whether the person in `role` may see the intro at all. */
const VISIBLE: Record<Role, ((eb: Eb) => Expression<SqlBool>) | null> = {
  requester: null,
  introducer: (eb) => eb("status", "<>", "draft"),
  // The target learns of an intro only once the introducer asks them.
  target: (eb) =>
    eb.or([
      eb("status", "in", ASKED),
      eb.and([eb("status", "in", EITHER), hasEvent(eb, ["forward_for_consent"])]),
    ]),
};

/** The target said yes: consent is recorded only by `accept`. */
const consented = (eb: Eb) =>
  eb.or([
    eb("status", "in", AFTER_INTRO),
    eb.and([
      eb("status", "in", ["consent_requested", "withdrawn", "expired"]),
      hasEvent(eb, ["accept"]),
    ]),
  ]);

/** The last proposal of times came from `role`. */
const lastProposalBy = (eb: Eb, role: Role) =>
  eb(
    eb
      .selectFrom("intro_events as e")
      .select("e.actor")
      .whereRef("e.intro_id", "=", "intros.id")
      .where("e.type", "=", "propose_times")
      .orderBy("e.seq", "desc")
      .limit(1),
    "=",
    role,
  );

interface ListDef {
  /** The roles in which the person's intros are in the list. */
  roles: readonly Role[];
  statuses?: readonly Status[];
  where?: (eb: Eb, role: Role) => Expression<SqlBool>;
}

/**
 * The lists pages show. Each need (web/home-items.ts decides what an intro needs from its viewer)
 * is the set of intros that can need it; the page still asks `needOf` of each one it shows.
 */
export const LISTS = {
  /** Every intro the person may see, in any role. */
  all: { roles: ["requester", "introducer", "target"] },
  /** Requests waiting on the introducer. */
  triage: { roles: ["introducer"], statuses: ["requested"] },
  /** Asks the target has not answered yes to (a yes in own-mailbox mode keeps the status). */
  consent: {
    roles: ["target"],
    statuses: ["consent_requested", "deferred"],
    where: (eb) => eb.not(hasEvent(eb, ["accept"])),
  },
  /** The target said yes; the introducer writes the introduction from their own mailbox. */
  own_intro: {
    roles: ["introducer"],
    statuses: ["consent_requested"],
    where: (eb) => hasEvent(eb, ["accept"]),
  },
  /** Introduced, and the requester has not replied yet (a reply moves it to connected). */
  reply: { roles: ["requester"], statuses: ["introduced"] },
  /** Times the other person proposed last. */
  meeting: {
    roles: ["requester", "target"],
    statuses: ["introduced", "connected"],
    where: (eb, role) => lastProposalBy(eb, role === "requester" ? "target" : "requester"),
  },
  /** Met, and the requester has not reported yet (a report completes it). */
  report: { roles: ["requester"], statuses: ["met"] },
  /** The intros an introducer made: the target said yes. */
  made: { roles: ["introducer"], where: (eb) => consented(eb) },
} satisfies Record<string, ListDef>;
export type IntroList = keyof typeof LISTS;

/** One intro of a list: its id and the person's role in it. */
export interface Listed {
  id: string;
  role: Role;
}

/** An introducer's figures over every intro they may see as introducer. */
export interface IntroducerFigures {
  /** The funnel, in its order. */
  funnel: { stage: string; count: number }[];
  made: number;
  /** Requester reports (each completes the intro), by rating; and how many thanked. */
  reported: number;
  rated: { great: number; fine: number; did_not_happen: number };
  thanked: number;
  /** Intros made on which the target told the introducer how it was. */
  targetTold: number;
  /** The people asked most (then most recently), and how many people were asked in all. */
  targets: TargetLoad[];
  targetCount: number;
}

/** Per person asked through this introducer: how often, how many yeses. */
export interface TargetLoad {
  email: string;
  /** The name given in the newest of these intros. */
  name: string;
  asked: number;
  yes: number;
}

/** A requester's record across every introducer. */
export interface TrackRecord {
  total: number;
  completed: number;
  thanked: number;
  stalled: number;
  withdrawn: number;
}

const num = (x: unknown) => Number(x ?? 0);

/** The page reads over the store's own Kysely handle. */
export class PageQueries {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** The intros of one list where `email` plays `role`, as one query (no order). */
  #select(email: string, list: IntroList, role: Role) {
    const def: ListDef = LISTS[list];
    const column = `${role}_email` as const;
    return this.#db
      .selectFrom("intros")
      .where(column, "=", email.toLowerCase())
      .where((eb) => {
        const all: Expression<SqlBool>[] = [];
        const visible = VISIBLE[role];
        if (visible) all.push(visible(eb));
        if (def.statuses) all.push(eb("status", "in", def.statuses));
        if (def.where) all.push(def.where(eb, role));
        return eb.and(all);
      });
  }

  #roles(list: IntroList, role?: Role): Role[] {
    return LISTS[list].roles.filter((r) => !role || r === role);
  }

  /**
   * One page of a list, newest first: `limit` rows after `offset`, with the person's role in each.
   * Each role's part is read newest first from its index, so the page costs its own size.
   */
  async list(
    email: string,
    list: IntroList,
    page: { role?: Role; limit: number; offset?: number },
  ): Promise<Listed[]> {
    const offset = page.offset ?? 0;
    const parts = this.#roles(list, page.role).map((role) =>
      this.#db
        .selectFrom(
          this.#select(email, list, role)
            .select(["id", "created_at", sql<Role>`${role}`.as("role")])
            .orderBy("created_at", "desc")
            .orderBy("id", "desc")
            .limit(offset + page.limit)
            .as(`part_${role}`),
        )
        .selectAll(),
    );
    const [one, ...more] = parts;
    if (!one) return [];
    const union = more.reduce((q, p) => q.unionAll(p), one);
    const rows = await this.#db
      .selectFrom(union.as("u"))
      .select(["id", "role"])
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(page.limit)
      .offset(offset)
      .execute();
    return rows.map((r) => ({ id: r.id, role: r.role }));
  }

  /** How many intros a list holds for `email` (in one role, or all of the list's). */
  async count(email: string, list: IntroList, role?: Role): Promise<number> {
    let n = 0;
    for (const r of this.#roles(list, role)) {
      const row = await this.#select(email, list, r)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      n += num(row.n);
    }
    return n;
  }

  /** Whether a list holds anything for `email` in `role` (one index probe). */
  async any(email: string, list: IntroList, role: Role): Promise<boolean> {
    const row = await this.#select(email, list, role).select("id").limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /** The intros with these ids, in the order given (ids not found are left out). */
  async intros(ids: readonly string[]): Promise<Intro[]> {
    if (!ids.length) return [];
    const rows = await this.#db
      .selectFrom("intros")
      .select(["id", "doc", "version"])
      .where("id", "in", [...ids])
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      const intro = JSON.parse(r.doc) as Intro;
      intro.version = Number(r.version);
      return [intro];
    });
  }

  /**
   * The funnel and outcome figures of everything `email` introduces (drafts are not theirs), and
   * the people they ask others to meet: the `targets` most asked (then most recent), with how
   * many there are in all. The stages are counted per person asked in one grouped read of the
   * introducer's index, and summed here.
   */
  async introducerFigures(email: string, targets: number): Promise<IntroducerFigures> {
    const e = email.toLowerCase();
    const when = (cond: (eb: Eb) => Expression<SqlBool>) => (eb: Eb) =>
      eb.fn.sum<number>(eb.case().when(cond(eb)).then(1).else(0).end());
    const base = this.#db
      .selectFrom("intros")
      .where("introducer_email", "=", e)
      .where("status", "<>", "draft");
    const groups = await base
      .select((eb) => [
        "target_email",
        eb.fn.countAll<number>().as("requested"),
        when(VISIBLE.target as (eb: Eb) => Expression<SqlBool>)(eb).as("asked"),
        when(consented)(eb).as("accepted"),
        when((x) => x("status", "in", AFTER_INTRO))(eb).as("introduced"),
        when((x) => x("status", "in", ["met", "completed"]))(eb).as("met"),
        eb.fn.max("created_at").as("newest"),
      ])
      .groupBy("target_email")
      .execute();
    const sum = (k: "requested" | "asked" | "accepted" | "introduced" | "met") =>
      groups.reduce((n, g) => n + num(g[k]), 0);
    // A requester's report completes the intro: its rating and thanks are in the event's data.
    const reports = await this.#reports("introducer_email", [e]);
    const rated = { great: 0, fine: 0, did_not_happen: 0 };
    const thanked = new Set<string>();
    const reported = new Set<string>();
    for (const r of reports) {
      const d = JSON.parse(r.data) as { rating?: keyof typeof rated; thanked?: boolean };
      if (reported.has(r.intro_id)) continue;
      reported.add(r.intro_id);
      if (d.rating && d.rating in rated) rated[d.rating]++;
      if (d.thanked) thanked.add(r.intro_id);
    }
    // The target reports privately once met (and may after completion).
    const told = await base
      .where("status", "in", ["met", "completed"])
      .where((eb) => hasEvent(eb, ["report_outcome"], "target"))
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const asked = groups
      .filter((g) => g.target_email !== null)
      .map((g) => ({
        email: g.target_email as string,
        asked: num(g.asked),
        yes: num(g.accepted),
        newest: String(g.newest),
      }))
      .sort(
        (a, b) =>
          b.asked - a.asked ||
          (a.newest < b.newest ? 1 : a.newest > b.newest ? -1 : 0) ||
          (a.email < b.email ? -1 : 1),
      );
    const top = asked.slice(0, targets);
    const names = await this.#targetNames(
      e,
      top.map((t) => t.email),
    );
    return {
      funnel: [
        { stage: "requested", count: sum("requested") },
        { stage: "asked", count: sum("asked") },
        { stage: "accepted", count: sum("accepted") },
        { stage: "introduced", count: sum("introduced") },
        { stage: "met", count: sum("met") },
        { stage: "thanked", count: thanked.size },
      ],
      made: sum("accepted"),
      reported: reported.size,
      rated,
      thanked: thanked.size,
      targetTold: num(told.n),
      targets: top.map((t) => ({
        email: t.email,
        name: names.get(t.email) ?? t.email,
        asked: t.asked,
        yes: t.yes,
      })),
      targetCount: asked.length,
    };
  }

  /** Each person's name as given in the newest of these intros: ids from the index, then docs. */
  async #targetNames(introducer: string, emails: string[]): Promise<Map<string, string>> {
    if (!emails.length) return new Map();
    const newest = await this.#db
      .selectFrom(
        this.#db
          .selectFrom("intros")
          .where("introducer_email", "=", introducer)
          .where("status", "<>", "draft")
          .where("target_email", "in", emails)
          .select((eb) => [
            "id",
            eb.fn
              .agg<number>("row_number")
              .over((o) =>
                o.partitionBy("target_email").orderBy("created_at", "desc").orderBy("id", "desc"),
              )
              .as("n"),
          ])
          .as("t"),
      )
      .select("id")
      .where("n", "=", 1)
      .execute();
    const intros = await this.intros(newest.map((r) => r.id));
    return new Map(intros.map((i) => [i.target.email as string, i.target.name]));
  }

  /** How often each person was asked through Vouch (by anyone) since `since`. */
  async recentAsks(emails: readonly string[], since: Date): Promise<Map<string, number>> {
    const out = new Map(emails.map((e) => [e.toLowerCase(), 0]));
    if (!out.size) return out;
    const rows = await this.#db
      .selectFrom("intros")
      .where("target_email", "in", [...out.keys()])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("intro_events as e")
            .select(sql<number>`1`.as("one"))
            .whereRef("e.intro_id", "=", "intros.id")
            .where("e.type", "=", "forward_for_consent")
            .where("e.at", ">=", since.toISOString()),
        ),
      )
      .select((eb) => ["target_email", eb.fn.countAll<number>().as("n")])
      .groupBy("target_email")
      .execute();
    for (const r of rows) out.set(r.target_email as string, num(r.n));
    return out;
  }

  /**
   * The requesters' reports (each completes its intro) on the intros where one of `emails` is in
   * `column`: the intro, that address, and the event's data (the rating and the thanks).
   */
  #reports(column: "introducer_email" | "requester_email", emails: string[]) {
    return this.#db
      .selectFrom("intros")
      .innerJoin("intro_events as e", "e.intro_id", "intros.id")
      .where(`intros.${column}`, "in", emails)
      .where("intros.status", "=", "completed")
      .where("e.type", "=", "report_outcome")
      .where("e.actor", "=", "requester")
      .select(["e.intro_id", `intros.${column} as email`, "e.data"])
      .execute();
  }

  /** The preferences of these people (those with none are left out). */
  async prefs(emails: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
    const keys = [...new Set(emails.map((e) => e.toLowerCase()))];
    if (!keys.length) return new Map();
    const rows = await this.#db
      .selectFrom("people")
      .select(["email", "prefs"])
      .where("email", "in", keys)
      .execute();
    return new Map(rows.map((r) => [r.email, JSON.parse(r.prefs) as Record<string, unknown>]));
  }

  /** Each requester's record across every introducer (drafts are not counted). */
  async trackRecords(emails: readonly string[]): Promise<Map<string, TrackRecord>> {
    const out = new Map<string, TrackRecord>(
      emails.map((e) => [
        e.toLowerCase(),
        { total: 0, completed: 0, thanked: 0, stalled: 0, withdrawn: 0 },
      ]),
    );
    if (!out.size) return out;
    const keys = [...out.keys()];
    const rows = await this.#db
      .selectFrom("intros")
      .where("requester_email", "in", keys)
      .where("status", "<>", "draft")
      .select((eb) => ["requester_email", "status", eb.fn.countAll<number>().as("n")])
      .groupBy(["requester_email", "status"])
      .execute();
    for (const r of rows) {
      const t = out.get(r.requester_email);
      if (!t) continue;
      const n = num(r.n);
      t.total += n;
      if (r.status === "completed") t.completed += n;
      if (r.status === "stalled") t.stalled += n;
      if (r.status === "withdrawn") t.withdrawn += n;
    }
    for (const r of await this.#reports("requester_email", keys)) {
      const t = out.get(r.email);
      if (t && (JSON.parse(r.data) as { thanked?: boolean }).thanked) t.thanked++;
    }
    return out;
  }
}

const byStore = new WeakMap<object, PageQueries>();

/** The page reads of a store (the web app's, on the same Kysely handle, as web-store.ts does). */
export function pageQueriesOf(store: Store): PageQueries {
  let q = byStore.get(store);
  if (!q) {
    const kysely = (store as Partial<KyselyStore>).kysely;
    if (!kysely) throw new Error("the web app needs a Kysely-backed store");
    q = new PageQueries(kysely);
    byStore.set(store, q);
  }
  return q;
}
