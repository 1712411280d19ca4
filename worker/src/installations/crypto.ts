// Secrets at rest: AES-GCM (Web Crypto) under ENCRYPTION_KEY, a fresh 12-byte IV
// per value, stored as `v1.<base64(iv || ciphertext)>`. Also the hashes and random
// values the installation flows need. Pure apart from the platform's crypto.
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
/** base64url without padding (PKCE, OAuth state, API secrets). */
export const base64url = (bytes: Uint8Array) =>
  toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** PKCE S256: base64url(SHA-256(verifier)). */
export async function pkceChallenge(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(verifier))));
}

export class Vault {
  private key: Promise<CryptoKey> | null = null;
  constructor(private readonly keyBase64: string) {}

  private cryptoKey(): Promise<CryptoKey> {
    this.key ??= crypto.subtle.importKey("raw", fromBase64(this.keyBase64), "AES-GCM", false, [
      "encrypt",
      "decrypt",
    ]);
    return this.key;
  }

  async seal(plain: string): Promise<string> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await this.cryptoKey(), encoder.encode(plain)),
    );
    const out = new Uint8Array(iv.length + sealed.length);
    out.set(iv, 0);
    out.set(sealed, iv.length);
    return `v1.${toBase64(out)}`;
  }

  async open(sealed: string): Promise<string> {
    if (!sealed.startsWith("v1.")) throw new Error("not a sealed value");
    const bytes = fromBase64(sealed.slice(3));
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes.slice(0, 12) },
      await this.cryptoKey(),
      bytes.slice(12),
    );
    return decoder.decode(plain);
  }
}
