// Child process for the kill-during-write test: swaps production back and forth (each swap one committed transaction)
// as fast as it can and reports every commit on stdout, until it is killed.
import { getDb } from "../../../app/store/context.server";
import { rollbackProduction } from "../../../workbench/registry/promotion";
import { findUserByUsername } from "../../../workbench/store/users";

const db = getDb();
const admin = findUserByUsername(db, "admin")!;
for (let i = 1; ; i++) {
  const change = rollbackProduction(db, `kill test ${i}`, admin, { id: admin.id, username: admin.username, client: "kill-test" });
  process.stdout.write(`committed ${i} ${change.to}\n`);
}
