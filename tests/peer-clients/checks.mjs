// A small harness for the client scripts: each check is numbered and named, its outcome printed on a line of its own
// ("ok 3 create a short URL" or "FAIL 3 create a short URL: why"), and the script exits 1 when any check failed, so
// the xUnit test that runs it can say which call failed.
let number = 0;
const failures = [];

export async function check(name, body) {
  number += 1;
  try {
    await body();
    console.log(`ok ${number} ${name}`);
  } catch (error) {
    const why = error instanceof Error ? error.message : JSON.stringify(error);
    failures.push(`${number} ${name}`);
    console.log(`FAIL ${number} ${name}: ${why}`);
  }
}

export function assert(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

export function equal(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) {
    throw new Error(`${what}: expected ${e}, got ${a}`);
  }
}

/** The error a call rejected with; fails when it did not reject. */
export async function rejection(promise, what) {
  try {
    const value = await promise;
    throw new Error(`${what} succeeded, but should have failed; it answered ${JSON.stringify(value)}`);
  } catch (error) {
    if (error instanceof Error && error.message.includes('should have failed')) {
      throw error;
    }
    return error;
  }
}

/** Waits up to 10 s for the condition (visits are written a moment after the redirect). */
export async function eventually(probe, what) {
  const deadline = Date.now() + 10_000;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) {
      return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen within 10 s`);
}

export function required(name) {
  const value = process.env[name];
  if (!value) {
    console.log(`FAIL 0 setup: the environment variable ${name} is not set`);
    process.exit(2);
  }
  return value;
}

export function finish() {
  console.log(`${number - failures.length} of ${number} checks passed`);
  process.exit(failures.length === 0 ? 0 : 1);
}
