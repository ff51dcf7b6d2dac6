/** A one-line progress bar on stderr (redrawn in place on a terminal, every 10 % otherwise). */
export function progressBar(label: string, total: number) {
  const tty = process.stderr.isTTY === true;
  let lastDecile = -1;
  const draw = (done: number) => {
    const share = total === 0 ? 1 : Math.min(1, done / total);
    const width = 30;
    const filled = Math.round(share * width);
    const text = `${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${Math.round(share * 100)}% (${done}/${total})`;
    if (tty) process.stderr.write(`\r${text}`);
    else if (Math.floor(share * 10) !== lastDecile) {
      lastDecile = Math.floor(share * 10);
      process.stderr.write(`${text}\n`);
    }
  };
  draw(0);
  return {
    tick(done: number) {
      draw(done);
    },
    done() {
      draw(total);
      if (tty) process.stderr.write('\n');
    },
  };
}
