/** The client's routes; the server answers each with the same index.html. */
export type Route =
  | { page: "landing" }
  | { page: "join"; code: string }
  | { page: "solo" }
  | { page: "instructor" }
  | { page: "projector"; code: string }
  /** A match of the server by id; without one, the list of matches and the upload of a log file. */
  | { page: "replay"; id: string | null }
  | { page: "invalid"; reason: "code" | "replayId" }
  | { page: "notFound"; path: string };

const CODE = /^[A-Za-z]{4,6}$/;
const MATCH_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const isClassCode = (code: string): boolean => CODE.test(code);

export function parseRoute(pathname: string): Route {
  const parts = pathname.split("/").filter((p) => p !== "");
  const [first, second, ...rest] = parts;
  if (first === undefined || (first === "index.html" && second === undefined)) return { page: "landing" };
  if (rest.length > 0) return { page: "notFound", path: pathname };
  let decoded: string | undefined;
  try {
    decoded = second === undefined ? undefined : decodeURIComponent(second);
  } catch {
    return { page: "notFound", path: pathname };
  }
  if (first === "join" && decoded !== undefined) return isClassCode(decoded) ? { page: "join", code: decoded.toUpperCase() } : { page: "invalid", reason: "code" };
  if (first === "projector" && decoded !== undefined) return isClassCode(decoded) ? { page: "projector", code: decoded.toUpperCase() } : { page: "invalid", reason: "code" };
  if (first === "replay" && decoded !== undefined) return MATCH_ID.test(decoded) ? { page: "replay", id: decoded } : { page: "invalid", reason: "replayId" };
  if (decoded !== undefined) return { page: "notFound", path: pathname };
  if (first === "solo") return { page: "solo" };
  if (first === "replay") return { page: "replay", id: null };
  if (first === "instructor") return { page: "instructor" };
  return { page: "notFound", path: pathname };
}

export const routePath = (route: Route): string => {
  switch (route.page) {
    case "join":
      return `/join/${route.code}`;
    case "replay":
      return route.id === null ? "/replay" : `/replay/${encodeURIComponent(route.id)}`;
    case "projector":
      return `/projector/${route.code}`;
    case "solo":
    case "instructor":
      return `/${route.page}`;
    default:
      return "/";
  }
};
