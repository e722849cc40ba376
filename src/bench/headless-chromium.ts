/**
 * Debian's Chromium, headless, driven by playwright-core, for looking at the HTML load report the
 * way a reader's browser does: a fresh profile each time, no background traffic, and every request
 * other than the report file itself refused (the file must need nothing from the network).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.OTEL_PROC_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface OpenedReport {
  page: Page;
  /** Console errors and uncaught exceptions of the page. */
  errors: string[];
  /** Requests the page made other than the report file (each was refused). */
  refused: string[];
}

export interface HeadlessChromium {
  open(file: string, viewport?: { width: number; height: number }): Promise<OpenedReport>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<HeadlessChromium> {
  const profile = await mkdtemp(join(tmpdir(), 'otel-proc-chromium-'));
  let context: BrowserContext | undefined;
  let browser: Browser | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: ARGS, offline: true });
    browser = context.browser() ?? undefined;
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const opened = context;
  return {
    async open(file, viewport = { width: 1280, height: 900 }) {
      const url = pathToFileURL(file).href;
      const page = await opened.newPage();
      await page.setViewportSize(viewport);
      const errors: string[] = [];
      const refused: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(String(error)));
      page.on('request', (request) => {
        if (request.url() !== url) refused.push(request.url());
      });
      await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort('blockedbyclient')));
      await page.goto(url, { waitUntil: 'load' });
      return { page, errors, refused };
    },
    async close() {
      await opened.close();
      await browser?.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
