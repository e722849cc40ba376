import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askQuestions } from '../../../src/init/prompts.js';

/** A fake terminal: collects what the prompts draw and types keys once a question is on screen. */
function terminal() {
  const input = new PassThrough();
  let screen = '';
  // Each prompt pipes into `output` and ends the pipe when done; Node never ends process.stderr
  // that way, so neither does this fake screen (else the second question would be written nowhere).
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      screen += chunk.toString();
      done();
    },
  });
  output.end = function end() {
    return this;
  } as Writable['end'];
  async function answer(question: string, ...keys: string[]): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!screen.includes(question)) {
      if (Date.now() > deadline) throw new Error(`question "${question}" never appeared; screen:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    screen = '';
    // The prompt listens for keys a moment after its first frame is drawn.
    await new Promise((resolve) => setTimeout(resolve, 50));
    // One key per tick, as a person types: an escape sequence and Enter in one chunk can merge.
    for (const key of keys) {
      input.write(key);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  return { input, output, answer };
}

const defaults = { serviceName: 'checkout', serviceVersion: '2.3.4' };
const DOWN = '\u001b[B';

describe('init questions', () => {
  it('asks what flags left open; Enter takes the defaults, typed answers win', async () => {
    const tty = terminal();
    const answers = askQuestions({}, defaults, { signal: new AbortController().signal, output: tty.output, input: tty.input });
    await tty.answer('Preset', DOWN, '\r');
    await tty.answer('Config file format', '\r');
    await tty.answer('Service name', 'billing\r');
    await tty.answer('Service version', '\r');
    await tty.answer('local telemetry stack', 'n\r');
    expect(await answers).toEqual({ preset: 'ci', format: 'yaml', serviceName: 'billing', serviceVersion: '2.3.4', stack: false });
  });

  it('asks nothing that flags answered', async () => {
    const tty = terminal();
    const answers = await askQuestions(
      { preset: 'production', format: 'json', serviceName: 'api', serviceVersion: '1.0.0', stack: true },
      defaults,
      { signal: new AbortController().signal, output: tty.output, input: tty.input },
    );
    expect(answers).toEqual({ preset: 'production', format: 'json', serviceName: 'api', serviceVersion: '1.0.0', stack: true });
  });

  it('stops when the signal aborts (Ctrl-C)', async () => {
    const tty = terminal();
    const controller = new AbortController();
    const answers = askQuestions({}, defaults, { signal: controller.signal, output: tty.output, input: tty.input });
    await tty.answer('Preset');
    controller.abort();
    await expect(answers).rejects.toMatchObject({ name: 'AbortPromptError' });
  });
});
