import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askQuestions } from '../../../src/init/prompts.js';

/** A fake terminal: collects what the prompts draw and types keys once a question is on screen. */
function terminal() {
  const input = new PassThrough();
  let screen = '';
  let drawn: (() => void) | undefined;
  // Each prompt pipes into `output` and ends the pipe when done; Node never ends process.stderr
  // that way, so neither does this fake screen (else the second question would be written nowhere).
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      screen += chunk.toString();
      drawn?.();
      done();
    },
  });
  output.end = function end(this: Writable) {
    return this;
  } as Writable['end'];
  /** Resolves on the next frame the prompt draws, or fails after `ms` naming what it waited for. */
  function nextFrame(waitingFor: string, ms = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${waitingFor} never appeared; screen:\n${screen}`)), ms);
      drawn = () => {
        clearTimeout(timer);
        drawn = undefined;
        resolve();
      };
    });
  }
  async function answer(question: string, ...keys: string[]): Promise<void> {
    // A prompt draws its first frame and starts listening for keys in the same synchronous step,
    // so once the question is on screen the next key reaches it.
    while (!screen.includes(question)) await nextFrame(`question "${question}"`);
    screen = '';
    // One key at a time, each after the prompt has redrawn for the one before, as a person types:
    // an escape sequence and Enter in one chunk can merge.
    for (const [index, key] of keys.entries()) {
      const redrawn = index < keys.length - 1 ? nextFrame(`the redraw after key ${JSON.stringify(key)}`) : undefined;
      input.write(key);
      await redrawn;
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
