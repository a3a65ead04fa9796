/**
 * Ends a command on an error the user can act on: one line on stderr, no
 * stack trace (set BREAK_GLASS_DEBUG=1 to see it), and the given exit code.
 */
export function fail(command: string, error: unknown, exitCode = 1): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${command}: ${message.replace(/\s*\n\s*/g, "; ")}\n`);
  if (process.env.BREAK_GLASS_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(exitCode);
}
