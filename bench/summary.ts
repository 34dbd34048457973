// The last step of `npm run bench`: one table of every benchmark's figures with their goals, from the latest results.
import { goalRows, printResults, updateReadme } from "./report";

const { rows, heading } = goalRows();
printResults("All benchmark goals (latest results)", rows);
const met = rows.filter((r) => r.met).length;
console.log(`\n${met} of ${rows.length} goals met.`);
updateReadme("summary", heading, rows);
