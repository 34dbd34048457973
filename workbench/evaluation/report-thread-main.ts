// The report thread (report-thread.ts): one comparison report at a time, answered in order.
import { parentPort } from "node:worker_threads";
import { runReport, type ReportResponse, type ReportTask } from "./report-thread";

parentPort!.on("message", (task: ReportTask) => {
  let response: ReportResponse;
  try {
    response = { ok: true, report: runReport(task) };
  } catch (error) {
    response = { ok: false, message: (error as Error).message };
  }
  parentPort!.postMessage(response);
});
