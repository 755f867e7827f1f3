/**
 * Whether the page was served by the classroom server (it answers `GET /healthz`) or by a plain web
 * server with the static build. Tiny, so the landing page can ask without loading the SDK.
 */
export async function servedByGameServer(): Promise<boolean> {
  try {
    const response = await fetch("/healthz", { headers: { accept: "application/json" } });
    if (!response.ok) return false;
    const body = (await response.json()) as { ok?: unknown };
    return body.ok === true;
  } catch {
    return false;
  }
}
