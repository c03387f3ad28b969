import { useEffect, useState } from "preact/hooks";
import { ConnectError, Code } from "@connectrpc/connect";

/** Ticks every second while mounted: the clock of running durations. */
export function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/**
 * Runs `follow` while the component shows the same `key`: it gets a signal that aborts when the key changes or the
 * component goes away. A watch that ends with an error is retried after a pause, since the devbox may restart.
 */
export function useFollow(key: string, follow: (signal: AbortSignal) => Promise<void>, onError: (message: string) => void): void {
  useEffect(() => {
    const controller = new AbortController();
    const loop = async () => {
      while (!controller.signal.aborted) {
        try {
          await follow(controller.signal);
          return;
        } catch (error) {
          if (controller.signal.aborted) {
            return;
          }
          onError(messageOf(error));
          if (error instanceof ConnectError && (error.code === Code.NotFound || error.code === Code.InvalidArgument)) {
            return;
          }
          await new Promise((resolve) => window.setTimeout(resolve, 2000));
        }
      }
    };
    void loop();
    return () => controller.abort();
  }, [key]);
}

export function messageOf(error: unknown): string {
  if (error instanceof ConnectError) {
    return error.rawMessage;
  }
  return error instanceof Error ? error.message : String(error);
}
