/**
 * A deliberately small template language for the files in templates/: enough for config files,
 * small enough that a reader sees every rule at once (a subset of Mustache).
 *   {{name}}              the value of `name` (dotted paths allowed: {{collector.otlpGrpc}})
 *   {{#name}}...{{/name}} the block when `name` is truthy (a non-empty string, true, a non-zero number)
 *   {{^name}}...{{/name}} the block when `name` is falsy
 * A block tag alone on its line takes the whole line with it, so templates stay readable YAML.
 * Unknown names are errors, never empty strings: a typo must not ship a half-rendered config.
 */
export type TemplateValue = string | number | boolean | undefined | TemplateValues;
export interface TemplateValues {
  [name: string]: TemplateValue;
}

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

function lookup(values: TemplateValues, path: string, template: string): TemplateValue {
  let current: TemplateValue = values;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || !(part in current)) {
      throw new TemplateError(`${template}: no value for {{${path}}}`);
    }
    current = current[part];
  }
  return current;
}

function truthy(value: TemplateValue): boolean {
  if (typeof value === 'string') return value !== '';
  if (typeof value === 'object') return true;
  return Boolean(value);
}

// A section tag on a line of its own (only whitespace around it) swallows that line.
const SECTION = /^[ \t]*\{\{([#^])\s*([\w.]+)\s*\}\}[ \t]*\r?\n|\{\{([#^])\s*([\w.]+)\s*\}\}/m;

function renderSections(text: string, values: TemplateValues, template: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const open = SECTION.exec(rest);
    if (!open) return out + rest;
    const kind = open[1] ?? open[3];
    const name = open[2] ?? open[4];
    const closeTag = new RegExp(
      `^[ \\t]*\\{\\{/\\s*${name.replace(/\./g, '\\.')}\\s*\\}\\}[ \\t]*\\r?\\n|\\{\\{/\\s*${name.replace(/\./g, '\\.')}\\s*\\}\\}`,
      'm',
    );
    const afterOpen = rest.slice(open.index + open[0].length);
    const close = closeTag.exec(afterOpen);
    if (!close) throw new TemplateError(`${template}: {{${kind}${name}}} is never closed`);
    const inner = afterOpen.slice(0, close.index);
    const show = truthy(lookup(values, name, template)) === (kind === '#');
    out += rest.slice(0, open.index) + (show ? renderSections(inner, values, template) : '');
    rest = afterOpen.slice(close.index + close[0].length);
  }
}

/** Renders `text`; `template` names the file in error messages. */
export function renderTemplate(text: string, values: TemplateValues, template = 'template'): string {
  const withSections = renderSections(text, values, template);
  const stray = /\{\{\s*\/\s*([\w.]+)\s*\}\}/.exec(withSections);
  if (stray) throw new TemplateError(`${template}: {{/${stray[1]}}} closes nothing`);
  return withSections.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_match, name: string) => {
    const value = lookup(values, name, template);
    if (value === undefined || typeof value === 'object') {
      throw new TemplateError(`${template}: {{${name}}} is not a printable value`);
    }
    return String(value);
  });
}
