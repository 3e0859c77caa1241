// Command-line options: `--name value` or `--name=value`, each at most once, nothing positional
// unless a command says so. Mistakes are usage errors (exit code 1) that say what to write.

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  /** Option names without the leading dashes, e.g. 'kpi-set'. */
  readonly required: readonly string[];
  readonly optional: readonly string[];
  /** Allowed values per option, when restricted. */
  readonly choices?: Readonly<Record<string, readonly string[]>>;
}

export function parseOptions(args: readonly string[], spec: OptionSpec, command: string): Map<string, string> {
  const known = new Set([...spec.required, ...spec.optional]);
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      throw new UsageError(`${command}: unexpected argument ${JSON.stringify(arg)}; options are written --name value`);
    }
    const equals = arg.indexOf('=');
    const name = equals >= 0 ? arg.slice(2, equals) : arg.slice(2);
    if (!known.has(name)) {
      const list = [...known].map((option) => `--${option}`).join(', ');
      throw new UsageError(`${command}: unknown option --${name}; the options are ${list}`);
    }
    let value: string | undefined;
    if (equals >= 0) value = arg.slice(equals + 1);
    else {
      value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${command}: --${name} needs a value`);
      i++;
    }
    if (value === '') throw new UsageError(`${command}: --${name} needs a value`);
    if (options.has(name)) throw new UsageError(`${command}: --${name} is given twice`);
    const choices = spec.choices?.[name];
    if (choices && !choices.includes(value)) {
      throw new UsageError(`${command}: --${name} must be one of ${choices.join(', ')}, got ${JSON.stringify(value)}`);
    }
    options.set(name, value);
  }
  for (const name of spec.required) {
    if (!options.has(name)) throw new UsageError(`${command}: --${name} is required`);
  }
  return options;
}
