// The local Worker's https: a self-signed certificate for `localhost` (and 127.0.0.1), made afresh for
// each run with node:crypto alone (an EC P-256 key and a minimal X.509 v3 certificate in DER), so
// `wrangler dev --local-protocol https` serves it and nothing needs openssl. Only this process's own
// callers trust it (the ZAF proxy by `ca`, the rest through `trustInThisProcess`); TLS checks stay on
// everywhere, and no browser or other program is asked to trust it.
import { createHash, generateKeyPairSync, randomBytes, sign, X509Certificate } from "node:crypto";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as tls from "node:tls";

/** The host the local Worker answers on over https (the built app's `domainWhitelist` names it). */
export const LOCAL_WORKER_HOST = "localhost";

export interface LocalCertificate {
  /** PEM. */
  cert: string;
  /** PEM (PKCS#8). */
  key: string;
}

// DER, only what a certificate needs.
function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return [0x80 | bytes.length, ...bytes];
}
const tlv = (tag: number, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag, ...lengthBytes(body.length)]), body]);
};
const sequence = (...parts: Buffer[]) => tlv(0x30, ...parts);
const explicit = (n: number, ...parts: Buffer[]) => tlv(0xa0 | n, ...parts);
const octets = (value: Buffer) => tlv(0x04, value);
const bits = (value: Buffer) => tlv(0x03, Buffer.from([0]), value);
const integer = (value: Buffer) =>
  tlv(0x02, (value[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value);
const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, "utf8"));
function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split(".").map(Number);
  const bytes = [40 * a + b];
  for (const v of rest) {
    const chunk = [v & 0x7f];
    for (let x = v >> 7; x > 0; x >>= 7) chunk.unshift(0x80 | (x & 0x7f));
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}
/** UTCTime until 2049, as RFC 5280 asks. */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return date.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`))
    : tlv(0x18, Buffer.from(`${iso}Z`));
}

const ECDSA_SHA256 = sequence(oid("1.2.840.10045.4.3.2"));

/** A fresh key and a self-signed certificate for localhost and 127.0.0.1, valid for `days`. */
export function createLocalCertificate(days = 30): LocalCertificate {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const name = sequence(tlv(0x31, sequence(oid("2.5.4.3"), utf8("oHallo local Worker"))));
  const now = Date.now();
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const altNames = sequence(
    tlv(0x82, Buffer.from(LOCAL_WORKER_HOST)), // dNSName
    tlv(0x87, Buffer.from([127, 0, 0, 1])), // iPAddress
  );
  const extensions = sequence(
    sequence(oid("2.5.29.17"), octets(altNames)), // subjectAltName
    sequence(oid("2.5.29.37"), octets(sequence(oid("1.3.6.1.5.5.7.3.1")))), // extKeyUsage: serverAuth
  );
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(serial),
    ECDSA_SHA256,
    name,
    sequence(time(new Date(now - 60_000)), time(new Date(now + days * 86_400_000))),
    name,
    publicKey.export({ type: "spki", format: "der" }),
    explicit(3, extensions),
  );
  const der = sequence(tbs, ECDSA_SHA256, bits(sign("sha256", tbs, privateKey)));
  const cert = `-----BEGIN CERTIFICATE-----\n${der
    .toString("base64")
    .replace(/.{64}/g, "$&\n")
    .replace(/\n?$/, "\n")}-----END CERTIFICATE-----\n`;
  if (!new X509Certificate(cert).verify(publicKey))
    throw new Error("local-tls: the certificate does not verify");
  return { cert, key: privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
}

/** Writes the pair for `wrangler dev --https-key-path/--https-cert-path` (the key readable by its owner only). */
export function writeLocalCertificate(
  dir: string,
  pair: LocalCertificate,
): { keyPath: string; certPath: string } {
  mkdirSync(dir, { recursive: true });
  const keyPath = join(dir, "key.pem");
  const certPath = join(dir, "cert.pem");
  writeFileSync(keyPath, pair.key, { mode: 0o600 });
  chmodSync(keyPath, 0o600);
  writeFileSync(certPath, pair.cert);
  return { keyPath, certPath };
}

/**
 * base64 of SHA-256 of the certificate's public key: what Chromium's
 * `--ignore-certificate-errors-spki-list` takes to accept that one certificate (the browser tests).
 */
export function spkiHash(cert: string): string {
  const spki = new X509Certificate(cert).publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(spki).digest("base64");
}

/** The CAs Node trusts by default (public roots, NODE_EXTRA_CA_CERTS), plus `extra`. */
export function trustedWith(extra: readonly string[]): string[] {
  return [...tls.getCACertificates("default"), ...extra];
}

/**
 * Adds the certificate to what this process's TLS clients trust by default (fetch included: the
 * Zendesk stand-in's webhook deliveries, the seed, health checks), keeping every check on. Returns
 * the undo.
 */
export function trustInThisProcess(cert: string): () => void {
  const before = tls.getCACertificates("default");
  tls.setDefaultCACertificates([...before, cert]);
  return () => tls.setDefaultCACertificates(before);
}
