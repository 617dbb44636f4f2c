import { normalizeArmor } from '../../signing/src/index.js';

/**
 * Registers a secret and every line of it (the runner masks line by line), including the lines of its
 * normalized armor when it came base64-wrapped or with escaped newlines.
 */
export function maskSecret(value: string, setSecret: (secret: string) => void): void {
  if (!value) return;
  const variants = new Set<string>([value, value.trim()]);
  try {
    variants.add(normalizeArmor(value));
  } catch {
    // Not armor: the value itself and its lines are masked below.
  }
  for (const variant of variants) {
    if (variant) setSecret(variant);
    for (const line of variant.split(/\r?\n|\\n/)) {
      const trimmed = line.trim();
      if (trimmed.length >= 4 && !/^-----(BEGIN|END) PGP /.test(trimmed)) setSecret(trimmed);
    }
  }
}
