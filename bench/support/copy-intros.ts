// Multiplies the intros of a closed SQLite database in SQL, for benchmarks that need many
// realistic rows fast. Copy k of an intro gets id `<id>k<k>` and thread token `<token>k<k>`, and
// every row that belongs to it (every table with an `intro_id` column) is copied with those
// replaced inside each text value. A unique text value that contains neither (a Message-ID, a
// hashed id) is prefixed with `<k>.`. The schema is read at run time, so new columns and tables
// follow. Bulk-load settings (no journal, no sync, a big cache) apply to this connection only;
// the file is left in WAL mode as the store expects.
import { DatabaseSync } from "node:sqlite";

interface Column {
  name: string;
  type: string;
}

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Which tables hang off an intro, and which of their columns are unique. */
function plan(db: DatabaseSync) {
  const tables = db
    .prepare(
      `select name from sqlite_master where type = 'table'
       and name not like 'sqlite_%' and name not like 'kysely_%' order by name`,
    )
    .all() as { name: string }[];
  const plans: { table: string; columns: Column[]; unique: Set<string>; key: string }[] = [];
  for (const { name: table } of tables) {
    const columns = db
      .prepare("select name, type from pragma_table_info(?)")
      .all(table) as unknown as Column[];
    const key = table === "intros" ? "id" : "intro_id";
    if (!columns.some((c) => c.name === key)) continue;
    const unique = db
      .prepare(
        `select ii.name from pragma_index_list(?) il join pragma_index_info(il.name) ii
         where il."unique" = 1`,
      )
      .all(table) as { name: string }[];
    plans.push({ table, columns, unique: new Set(unique.map((u) => u.name)), key });
  }
  // intros first: the other tables reference it.
  return plans.sort((a, b) => Number(b.table === "intros") - Number(a.table === "intros"));
}

export const copySuffix = (k: number) => `k${k}`;

/** Adds `times` copies of every intro in the database file at `path` (no other connection). */
export function copyIntros(path: string, times: number): void {
  const db = new DatabaseSync(path);
  try {
    db.exec("PRAGMA journal_mode = DELETE");
    db.exec("PRAGMA journal_mode = OFF");
    db.exec("PRAGMA synchronous = OFF");
    db.exec("PRAGMA cache_size = -262144");
    const plans = plan(db);
    db.exec("create temp table copy_src as select id, thread_token as tt from intros");
    db.exec(`create temp table copy_map (id text primary key, tt text not null,
      new_id text not null, new_tt text not null)`);
    const fill = db.prepare(
      "insert into copy_map select id, tt, id || ?, tt || ? from copy_src order by id",
    );
    // CROSS JOIN keeps copy_map the outer loop: the copied table is searched by its intro_id
    // index, never scanned (a scan per copy would make the whole load quadratic).
    const inserts = plans.map((p) => {
      const exprs = p.columns.map((c) => {
        const col = `t.${q(c.name)}`;
        if (!/text|char|clob/i.test(c.type)) return col;
        const swapped = `replace(replace(${col}, m.id, m.new_id), m.tt, m.new_tt)`;
        if (!p.unique.has(c.name)) return swapped;
        return `case when instr(${col}, m.id) > 0 or instr(${col}, m.tt) > 0
          then ${swapped} else :k || '.' || ${col} end`;
      });
      const cols = p.columns.map((c) => q(c.name)).join(", ");
      return db.prepare(
        `insert into ${q(p.table)} (${cols}) select ${exprs.join(", ")}
         from copy_map m cross join ${q(p.table)} t on t.${q(p.key)} = m.id`,
      );
    });
    db.exec("BEGIN");
    for (let k = 1; k <= times; k++) {
      db.exec("delete from copy_map");
      fill.run(copySuffix(k), copySuffix(k));
      for (const stmt of inserts) {
        if (stmt.sourceSQL.includes(":k")) stmt.run({ k: String(k) });
        else stmt.run();
      }
    }
    db.exec("COMMIT");
    db.exec("drop table copy_map");
    db.exec("drop table copy_src");
    db.exec("PRAGMA journal_mode = WAL");
  } finally {
    db.close();
  }
}
