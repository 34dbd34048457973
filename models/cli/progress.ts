/** A one-line progress bar on stderr (stdout stays clean for --json). Silent when stderr is not a terminal. */
export function progressBar(label: string) {
  const tty = process.stderr.isTTY;
  let last = "";
  return {
    update(done: number, total: number, detail = "") {
      const share = total ? done / total : 0;
      const width = 30;
      const bar = "#".repeat(Math.round(share * width)).padEnd(width, ".");
      const line = `${label} [${bar}] ${Math.round(share * 100)}% ${detail}`;
      if (tty) process.stderr.write(`\r${line.slice(0, process.stderr.columns ? process.stderr.columns - 1 : 120)}`);
      last = line;
    },
    message(text: string) {
      if (tty) process.stderr.write("\r\x1b[K");
      process.stderr.write(`${text}\n`);
    },
    done() {
      if (tty && last) process.stderr.write("\n");
    },
  };
}
