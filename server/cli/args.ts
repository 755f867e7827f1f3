/** Command-line parsing shared by the CLI programs: strict flags, clear errors, never a stack trace. */
import { parseArgs, type ParseArgsConfig } from "node:util";

export class UsageError extends Error {}

export type Options = NonNullable<ParseArgsConfig["options"]>;

export function parse<O extends Options>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^Unknown option/, "unknown option"));
  }
}

export function integerFlag(value: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`--${name} expects a whole number, got '${value}'`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** Runs a CLI body: usage errors print the message and usage line (exit 2), other failures exit 1. */
export function runCli(usage: string, body: () => number | Promise<number>): void {
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  });
  Promise.resolve()
    .then(body)
    .then(
      (code) => {
        process.exitCode = code;
      },
      (e: unknown) => {
        if (e instanceof UsageError) {
          process.stderr.write(`error: ${e.message}\n${usage}\n`);
          process.exitCode = 2;
        } else {
          process.stderr.write(`error: ${(e as Error)?.message ?? String(e)}\n`);
          process.exitCode = 1;
        }
      },
    );
}
