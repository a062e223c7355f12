import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";
import type { InboundSignature, SignatureClaim } from "./store.ts";

/** Row type of the table of seen webhook signatures (migration 0006_inbound_signatures). */
interface SignatureTables {
  inbound_signatures: {
    provider: string;
    timestamp: string;
    token: string;
    /** The signature's own timestamp, epoch ms: rows older than the window are forgotten. */
    ts_ms: number;
    inbound_id: string | null;
  };
}
type Db = Kysely<Database & SignatureTables>;

/**
 * Records a signature as seen unless it already was (the unique key decides, so two instances
 * racing on one post cannot both win), after forgetting those whose timestamp is before
 * `forgetBefore`: they are refused as stale anyway.
 */
export async function claimSignature(
  db: Kysely<Database>,
  sig: InboundSignature,
  tsMs: number,
  forgetBefore: number,
): Promise<SignatureClaim> {
  const d = db as unknown as Db;
  await d.deleteFrom("inbound_signatures").where("ts_ms", "<", forgetBefore).execute();
  const r = await d
    .insertInto("inbound_signatures")
    .values({ ...sig, ts_ms: tsMs, inbound_id: null })
    .onConflict((oc) => oc.columns(["provider", "timestamp", "token"]).doNothing())
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) === 1) return { fresh: true };
  const seen = await d
    .selectFrom("inbound_signatures")
    .select("inbound_id")
    .where("provider", "=", sig.provider)
    .where("timestamp", "=", sig.timestamp)
    .where("token", "=", sig.token)
    .executeTakeFirst();
  return { fresh: false, inboundId: seen?.inbound_id ?? null };
}

/** Names the message a claimed post stored, or (null) forgets the claim so a retry can pass. */
export async function settleSignature(
  db: Kysely<Database>,
  sig: InboundSignature,
  inboundId: string | null,
): Promise<void> {
  const d = db as unknown as Db;
  if (inboundId === null) {
    await d
      .deleteFrom("inbound_signatures")
      .where("provider", "=", sig.provider)
      .where("timestamp", "=", sig.timestamp)
      .where("token", "=", sig.token)
      .execute();
    return;
  }
  await d
    .updateTable("inbound_signatures")
    .set({ inbound_id: inboundId })
    .where("provider", "=", sig.provider)
    .where("timestamp", "=", sig.timestamp)
    .where("token", "=", sig.token)
    .execute();
}
