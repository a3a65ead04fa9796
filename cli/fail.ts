/**
 * Ends a command on an error the user can act on: its message on stderr, a
 * line each, with no stack trace (set BREAK_GLASS_DEBUG=1 to see it), and the
 * given exit code.
 */
export function fail(command: string, error: unknown, exitCode = 1): never {
  const message = error instanceof Error ? error.message : String(error);
  for (const line of message.split("\n").filter((l) => l.trim() !== "")) process.stderr.write(`${command}: ${line}\n`);
  if (process.env.BREAK_GLASS_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(exitCode);
}
