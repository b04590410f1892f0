/** A one-line progress bar on stderr, drawn only when stderr is a terminal. */
export interface ProgressBar {
  update(done: number, total: number | undefined, detail: string): void;
  finish(): void;
}

const BAR_WIDTH = 28;

export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  if (!stream.isTTY) return { update: () => {}, finish: () => {} };
  let lastDraw = 0;
  let drawn = false;
  return {
    update(done, total, detail) {
      const now = Date.now();
      if (now - lastDraw < 100) return;
      lastDraw = now;
      drawn = true;
      let bar = '';
      if (total && total > 0) {
        const fraction = Math.min(1, done / total);
        const filled = Math.round(fraction * BAR_WIDTH);
        bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% `;
      }
      stream.write(`\r${label} ${bar}${detail}\u001b[K`);
    },
    finish() {
      if (drawn) stream.write('\r\u001b[K');
    },
  };
}
