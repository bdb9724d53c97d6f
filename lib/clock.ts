// The time a server render is based on. A server component renders once per request, so one
// reading per render is stable; relative times ("3 hours ago") start from it and the browser's
// clock takes over after hydration.
export function requestTime(): number {
  return Date.now();
}
