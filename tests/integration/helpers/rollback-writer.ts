// Child process for the kill-during-write test: changes production back and forth as fast as it can — an approved
// promotion, then its rollback, each one committed transaction — and reports every commit on stdout until killed.
import { getDb, openServerStore } from "../../../app/store/context.server";
import { nowIso } from "../../../workbench/clock";
import { decidePromotion, rollbackProduction } from "../../../workbench/registry/promotion";
import { productionVersion } from "../../../workbench/registry/production-state";
import { findUserByUsername } from "../../../workbench/store/users";

await openServerStore();
const db = getDb();
const admin = (await findUserByUsername(db, "admin"))!;
const analyst = (await findUserByUsername(db, "analyst"))!;
const actor = { id: admin.id, username: admin.username, client: "kill-test" };
const other = async (id: number) =>
  (await db.get<{ id: number; name: string }>("SELECT id, name FROM model_versions WHERE name IN ('hs-baseline', 'hs-standard') AND id <> ?", [id]))!;
// production starts as an approved promotion: roll it back, then promote the rolled-back version again, and so on
for (let i = 1; ; i += 2) {
  const change = await rollbackProduction(db, `kill test ${i}`, admin, actor);
  process.stdout.write(`committed ${i} ${change.to}\n`);
  const current = (await productionVersion(db))!;
  const next = await other(current.id);
  // the request's evidence is not the point here: it is inserted as the page would after comparing
  const request = (await db.value<number>(
    `INSERT INTO promotion_requests (model_name, candidate_version_id, baseline_version_id, evaluation_set, report_json, gates_json, status, requested_by, requested_at)
     VALUES (?, ?, ?, 'held-out', '{}', '[]', 'open', ?, ?) RETURNING id`,
    [next.name, next.id, current.id, analyst.id, nowIso()],
  ))!;
  await decidePromotion(db, request, { approve: true }, admin, actor);
  process.stdout.write(`committed ${i + 1} ${next.name}@1.0.0\n`);
}
