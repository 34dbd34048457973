import { json } from "@remix-run/node";
import { getDb } from "~/store/context.server";

export function loader() {
  getDb().prepare("SELECT 1").get();
  return json({ ok: true });
}
