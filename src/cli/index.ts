// `netbuilder <command>`: the engine from a terminal. Each command lives in its own module.
import { APP_VERSION } from '../node/version';
import { SUMMARY_USAGE, summaryCommand } from './commands/summary';
import { TRAIN_USAGE, trainCommand } from './commands/train';
import { benchTrainCommand } from './commands/benchTrain';
import { MAPS_USAGE, mapsCommand } from './commands/maps';
import { EXPLAIN_USAGE, explainCommand } from './commands/explain';
import { print, printError } from './terminal';
import { EXPORT_USAGE, exportCommand } from './commands/export';
import { SWEEP_USAGE, sweepCommand } from './commands/sweep';

const USAGE = `NetBuilder ${APP_VERSION}

Usage: netbuilder <command> [options]

Commands:
  ${SUMMARY_USAGE}
  ${TRAIN_USAGE}
  ${SWEEP_USAGE}
  ${MAPS_USAGE}
  ${EXPLAIN_USAGE}
  ${EXPORT_USAGE}
  help                         show this help
  version                      print the version`;

type Command = (args: string[]) => Promise<number> | number;

const COMMANDS: Record<string, Command> = {
  help: () => (print(USAGE), 0),
  version: () => (print(APP_VERSION), 0),
  summary: summaryCommand,
  train: trainCommand,
  sweep: sweepCommand,
  'bench-train': benchTrainCommand,
  maps: mapsCommand,
  explain: explainCommand,
  export: exportCommand,
};

export async function runCli(argv: string[]): Promise<number> {
  const [name = 'help', ...args] = argv;
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    printError(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(args);
  } catch (err) {
    // An unknown option or a missing value is a bad argument (exit 2), not a failed run (exit 1).
    if (String((err as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')) {
      printError(`${(err as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
}

runCli(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    printError(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
