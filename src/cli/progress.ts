/**
 * The command line's progress (src/progress.ts): on a terminal, a bar per phase with its counts,
 * rate and time left (cli-progress); elsewhere (CI, cron, a pipe) JSON lines on stderr, one when a
 * phase starts, one every PROGRESS_INTERVAL_MS (default 5 s) while it runs and one when it ends,
 * so that logs stay parseable. `--quiet` shows nothing. The first Ctrl-C asks the work to stop
 * between batches (`checkpoint()` then throws); a second one exits at once.
 */
import cliProgress from 'cli-progress';
import { InterruptedError, type Phase, type Progress } from '../progress.js';

/** What a phase did, for the closing line of an interrupted command. */
export interface PhaseTally {
  phase: string;
  done: number;
  total: number | null;
}

export class CliProgress implements Progress {
  private stopAsked = false;
  readonly phases: PhaseTally[] = [];
  private readonly bars?: cliProgress.MultiBar;
  private readonly intervalMs: number;

  constructor(
    private readonly mode: 'bars' | 'lines' | 'quiet',
    private readonly out: NodeJS.WritableStream = process.stderr,
  ) {
    // A malformed or non-positive value falls back to the default rather than flooding the log.
    const every = Number(process.env.PROGRESS_INTERVAL_MS ?? 5000);
    this.intervalMs = Number.isFinite(every) && every > 0 ? every : 5000;
    if (mode === 'bars')
      this.bars = new cliProgress.MultiBar(
        {
          stream: out as NodeJS.WriteStream,
          format: ' {phase} |{bar}| {value}/{total} · {rate}/s · {eta_formatted} left',
          hideCursor: true,
          clearOnComplete: false,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      );
  }

  /** Bars on a terminal, lines elsewhere, nothing with `--quiet`. */
  static forArgs(args: readonly string[]): CliProgress {
    if (args.includes('--quiet')) return new CliProgress('quiet');
    return new CliProgress(process.stderr.isTTY ? 'bars' : 'lines');
  }

  /** Listens for Ctrl-C (and SIGTERM): the first asks to stop between batches, a second exits. */
  interruptible(): this {
    const ask = (signal: string) => {
      if (this.stopAsked) process.exit(130);
      this.stopAsked = true;
      this.out.write(`\n${signal}: stopping after the batches in flight (again to quit at once)\n`);
    };
    process.on('SIGINT', () => ask('Ctrl-C'));
    process.on('SIGTERM', () => ask('SIGTERM'));
    return this;
  }

  checkpoint(): void {
    if (this.stopAsked) throw new InterruptedError();
  }

  phase(name: string, total?: number): Phase {
    const tally: PhaseTally = { phase: name, done: 0, total: total ?? null };
    this.phases.push(tally);
    const started = performance.now();
    const rate = () => {
      const r = tally.done / Math.max(0.001, (performance.now() - started) / 1000);
      return r >= 10 ? Math.round(r) : +r.toFixed(1);
    };
    if (this.mode === 'quiet')
      return { advance: (by = 1) => void (tally.done += by), end: () => {} };
    // A phase with nothing to do draws no bar (its line says so when not on a terminal).
    if (this.bars && total === 0) return { advance: () => undefined, end: () => undefined };
    if (this.bars) {
      const bar = this.bars.create(total ?? 0, 0, { phase: name.padEnd(28), rate: 0 });
      return {
        advance: (by = 1) => {
          tally.done += by;
          if (total === undefined) bar.setTotal(tally.done);
          bar.update(tally.done, { rate: rate() });
        },
        end: () => bar.update(tally.done, { rate: rate() }),
      };
    }
    const line = (state: 'start' | 'running' | 'end') => {
      const seconds = (performance.now() - started) / 1000;
      const left = total && tally.done > 0 ? ((total - tally.done) * seconds) / tally.done : null;
      this.out.write(
        `${JSON.stringify({
          phase: name,
          state,
          done: tally.done,
          total: total ?? null,
          rate: rate(),
          seconds: +seconds.toFixed(1),
          secondsLeft: state === 'end' || left === null ? null : +left.toFixed(1),
        })}\n`,
      );
    };
    line('start');
    const timer = setInterval(() => line('running'), this.intervalMs);
    timer.unref();
    return {
      advance: (by = 1) => void (tally.done += by),
      end: () => {
        clearInterval(timer);
        line('end');
      },
    };
  }

  /** Stops drawing (the bars stay on the screen). */
  stop(): void {
    this.bars?.stop();
  }
}
