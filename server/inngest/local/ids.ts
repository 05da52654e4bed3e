import crypto from "node:crypto";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ULID (time-sortable, 26 characters), the shape of Inngest's run and event ids. */
export function ulid(at: Date = new Date()): string {
  let time = at.getTime();
  let head = "";
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD.charAt(time % 32) + head;
    time = Math.floor(time / 32);
  }
  const random = crypto.randomBytes(16);
  let tail = "";
  for (let i = 0; i < 16; i++) tail += CROCKFORD.charAt((random[i] ?? 0) % 32);
  return head + tail;
}

/**
 * The id of the `index`-th event of a request that carried `x-inngest-event-id-seed: <ms>,<entropy>`: the
 * SDK sends the same seed when it retries a request, so a retried send gets the same ids and is ignored.
 */
export function seededUlid(seed: string, index: number): string | undefined {
  const [msText, entropy] = seed.split(",");
  const ms = Number(msText);
  if (!entropy || !Number.isSafeInteger(ms) || ms < 0) return undefined;
  const head = ulid(new Date(ms)).slice(0, 10);
  const digest = crypto.createHash("sha256").update(`${entropy}:${index}`).digest();
  let tail = "";
  for (let i = 0; i < 16; i++) tail += CROCKFORD.charAt((digest[i] ?? 0) % 32);
  return head + tail;
}
