import { timestampDate, type Timestamp } from "@bufbuild/protobuf/wkt";

export function dateOf(timestamp: Timestamp | undefined): Date | undefined {
  return timestamp === undefined ? undefined : timestampDate(timestamp);
}

/** "2026-03-02 05:30:07", in the browser's time zone. */
export function formatTime(timestamp: Timestamp | undefined): string {
  const date = dateOf(timestamp);
  if (date === undefined) {
    return "";
  }
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** "850 ms", "12.3 s", "4 min 05 s", "2 h 03 min". */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) {
    return `${Math.round(milliseconds)} ms`;
  }
  const seconds = milliseconds / 1000;
  if (seconds < 60) {
    return `${seconds.toFixed(1)} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ${String(Math.floor(seconds % 60)).padStart(2, "0")} s`;
  }
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** How long something took, or has taken so far when it has not ended (now is the caller's clock tick). */
export function elapsed(start: Timestamp | undefined, end: Timestamp | undefined, now: number): string {
  const from = dateOf(start);
  if (from === undefined) {
    return "";
  }
  const to = dateOf(end)?.getTime() ?? now;
  return formatDuration(Math.max(0, to - from.getTime()));
}
