/** Clock and scheduler, injectable so tests need no real time. */
export interface TimerHost {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const browserHost: TimerHost = {
  now: () => Date.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

/** Options for {@link startStepTimer}. */
export interface StepTimerOptions {
  /** The step's deadline (server time, ms since epoch). */
  deadline: number;
  /** Server time minus local time. */
  offsetMs?: number;
  /** Called every second with the whole seconds left. */
  onTick(secondsLeft: number): void;
  /** Called once when the time is up. */
  onExpire(): void;
  host?: TimerHost;
}

/** A running step timer. */
export interface StepTimer {
  /** Stop it; no tick or expiry fires afterwards (cancel must really cancel). */
  cancel(): void;
  secondsLeft(): number;
}

/** Count down to a server deadline, once a second; expire exactly once. */
export function startStepTimer(options: StepTimerOptions): StepTimer {
  const host = options.host ?? browserHost;
  const offset = options.offsetMs ?? 0;
  let stopped = false;
  const left = () => Math.max(0, Math.ceil((options.deadline - (host.now() + offset)) / 1000));
  const tick = () => {
    if (stopped) return;
    const s = left();
    options.onTick(s);
    if (s === 0) {
      stop();
      options.onExpire();
    }
  };
  // A quarter-second interval keeps the display within a second of the truth without drifting.
  const handle = host.setInterval(tick, 250);
  const stop = () => {
    stopped = true;
    host.clearInterval(handle);
  };
  tick();
  return { cancel: stop, secondsLeft: left };
}
