import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, test, vi } from "vitest";

import { MissingEncryptionKeyError, resolveEncryptionKey } from "@/lib/crypto/key-source";

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), "key-source-"));
}

describe("resolveEncryptionKey", () => {
  test("production without a key fails with instructions", () => {
    const options = { env: {}, dataDir: tempDir(), production: true, warn: vi.fn() };
    expect(() => resolveEncryptionKey(options)).toThrow(MissingEncryptionKeyError);
    expect(() => resolveEncryptionKey(options)).toThrow(/openssl rand -base64 32/);
  });

  test("configured key and id are used", () => {
    const base64 = Buffer.alloc(32, 9).toString("base64");
    const key = resolveEncryptionKey({
      env: { CREDENTIAL_ENCRYPTION_KEY: base64, CREDENTIAL_ENCRYPTION_KEY_ID: "2026-12" },
      dataDir: tempDir(),
      production: true,
      warn: vi.fn(),
    });
    expect(key.id).toBe("2026-12");
    expect(key.key.equals(Buffer.alloc(32, 9))).toBe(true);
  });

  test("invalid configured key is rejected", () => {
    expect(() =>
      resolveEncryptionKey({
        env: { CREDENTIAL_ENCRYPTION_KEY: "c2hvcnQ=" },
        dataDir: tempDir(),
        production: false,
        warn: vi.fn(),
      }),
    ).toThrow(/must be 32 bytes/);
  });

  test("development creates a key file once and warns", () => {
    const dataDir = tempDir();
    const warn = vi.fn();
    const first = resolveEncryptionKey({ env: {}, dataDir, production: false, warn });
    const second = resolveEncryptionKey({ env: {}, dataDir, production: false, warn });

    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/development key was created/);
    expect(second.key.equals(first.key)).toBe(true);
    const file = path.join(dataDir, "credential-key.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8")).id).toBe("local");
  });

  test("warning does not contain the key", () => {
    const warn = vi.fn();
    const key = resolveEncryptionKey({
      env: {},
      dataDir: tempDir(),
      production: false,
      warn,
    });
    expect(warn.mock.calls[0]?.[0]).not.toContain(key.key.toString("base64"));
  });
});
