export const id = 337;
export const ids = [337];
export const modules = {

/***/ 6337:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCommand: () => (/* binding */ runCommand)
});

// UNUSED EXPORTS: COMMANDS

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./packages/cli/src/args.ts
var args = __webpack_require__(7109);
// EXTERNAL MODULE: ./packages/errors/src/index.ts
var src = __webpack_require__(4357);
;// CONCATENATED MODULE: ./packages/cli/src/keygen-help.ts
// What keygen adds around the key pair: a .gitignore that keeps the secrets out of git, a fix for a missing
// passphrase file, and the next steps printed ready to paste.



const IGNORED = ['private-key.asc', 'revocation.asc'];
/** Writes (or completes) <out-dir>/.gitignore so that `git add .` never picks up the private key. */
async function protectKeyFolder(outDir) {
    const path = (0,external_node_path_.join)(outDir, '.gitignore');
    const existing = await (0,promises_.readFile)(path, 'utf8').catch(() => undefined);
    if (existing === undefined) {
        const header = '# Written by ci-signing keygen: never commit the private key or the revocation certificate.';
        await (0,promises_.writeFile)(path, `${header}\n${IGNORED.join('\n')}\n`, { flag: 'wx' });
        return;
    }
    const lines = new Set(existing.split(/\r?\n/).map((line) => line.trim()));
    const missing = IGNORED.filter((name) => !lines.has(name) && !lines.has(`/${name}`));
    const separator = existing.endsWith('\n') || !existing ? '' : '\n';
    if (missing.length)
        await (0,promises_.appendFile)(path, `${separator}${missing.join('\n')}\n`);
}
/** A missing --passphrase-file says how to make one, or how to do without. */
function passphraseFileMissing(file) {
    return (error) => {
        if (error instanceof src/* CiSigningError */.AO && error.code === 'FILE_NOT_FOUND') {
            throw new src/* CiSigningError */.AO('FILE_NOT_FOUND', `--passphrase-file ${file} does not exist; keygen reads the passphrase from it and does not create it`, `Create it first: (umask 077; head -c 24 /dev/urandom | base64 > ${file}); or use --no-passphrase.`, 'usage');
        }
        throw error;
    };
}
/** The three steps after keygen, as commands to paste (GitHub CLI for the secrets). */
function keygenNextSteps(options) {
    const trusted = `.github/ci-signing/trusted-keys/${options.fingerprint}.asc`;
    const passphrase = options.passphraseSource === 'none'
        ? '     (no passphrase: the key is unencrypted; set no CI_SIGNING_PASSPHRASE)'
        : options.passphraseSource === 'env'
            ? '     gh secret set CI_SIGNING_PASSPHRASE --env ci-signing   # paste the passphrase when asked'
            : `     gh secret set CI_SIGNING_PASSPHRASE --env ci-signing < ${options.passphraseSource}`;
    return [
        `Wrote ${options.privateKey} (secret), ${options.publicKey} and ${options.revocation} (secret);`,
        `${(0,external_node_path_.join)(options.outDir, '.gitignore')} keeps the secret ones out of git.`,
        '',
        'Next steps:',
        '  1. Store the key as secrets of the environment ci-signing, which only the trusted runners use:',
        `     gh secret set CI_SIGNING_PRIVATE_KEY --env ci-signing < ${options.privateKey}`,
        passphrase,
        '  2. Commit the public key as a trusted key, named by its fingerprint:',
        `     mkdir -p .github/ci-signing/trusted-keys && cp ${options.publicKey} ${trusted}`,
        `     git add ${trusted}`,
        `  3. Keep ${options.revocation} offline (a password manager or a USB stick), then delete it here;`,
        '     it revokes the key if the private key is ever exposed.',
        '',
    ].join('\n');
}

// EXTERNAL MODULE: ./packages/errors/src/text.ts
var src_text = __webpack_require__(2310);
// EXTERNAL MODULE: ./node_modules/openpgp/dist/node/openpgp.mjs
var openpgp = __webpack_require__(3074);
// EXTERNAL MODULE: ./packages/signing/src/key-identity.ts
var key_identity = __webpack_require__(4587);
;// CONCATENATED MODULE: ./packages/signing/src/keygen.ts



// v4 keys protected with iterated-S2K/CFB: the forms GnuPG 2.2 reads (no v6, no AEAD, no Argon2).
const GNUPG22_CONFIG = {
    v6Keys: false,
    aeadProtect: false,
    s2kType: openpgp/* enums */.vP.s2k.iterated,
    preferredHashAlgorithm: openpgp/* enums */.vP.hash.sha512,
};
// A signing-only primary key: ci-signing never encrypts. ed25519 must be the legacy EdDSA form; GnuPG 2.2
// silently skips v4 keys of the newer Ed25519 algorithm.
const ALGORITHMS = {
    ed25519: { type: 'ecc', curve: 'ed25519Legacy' },
    rsa4096: { type: 'rsa', rsaBits: 4096 },
};
/** Generates a v4 signing key pair that GnuPG 2.2 imports, with its revocation certificate. */
async function generateKeyPair(options) {
    const name = options.name.trim();
    const email = options.email.trim();
    if (name === '' && email === '') {
        throw new src/* UsageError */.eb('A key needs a name or an email address.', 'Pass --name and --email.');
    }
    if (email !== '' && !/^[^\s@<>]+@[^\s@<>]+$/.test(email)) {
        throw new src/* UsageError */.eb(`The email address "${email}" is not valid.`, 'Pass an address like ci@example.com.');
    }
    if (!Number.isInteger(options.expiresInSeconds) || options.expiresInSeconds < 0) {
        throw new src/* UsageError */.eb(`The key lifetime ${options.expiresInSeconds} is not a whole number of seconds >= 0.`, 'Give a lifetime such as 1y, 90d, or 0 for no expiry.');
    }
    const algorithm = ALGORITHMS[options.algorithm];
    if (!algorithm) {
        throw new src/* UsageError */.eb(`The key algorithm "${String(options.algorithm)}" is not supported.`, 'Use ed25519 or rsa4096.');
    }
    const generated = await openpgp/* generateKey */.rh({
        ...algorithm,
        userIDs: [{ ...(name ? { name } : {}), ...(email ? { email } : {}) }],
        passphrase: options.passphrase || undefined,
        keyExpirationTime: options.expiresInSeconds,
        date: options.date,
        subkeys: [],
        format: 'object',
        config: GNUPG22_CONFIG,
    });
    return {
        privateKey: generated.privateKey.armor(),
        publicKey: generated.publicKey.armor(),
        revocationCertificate: generated.revocationCertificate,
        fingerprint: (0,key_identity/* fingerprintOf */.ax)(generated.publicKey),
    };
}

// EXTERNAL MODULE: ./packages/results/src/parse.ts + 2 modules
var parse = __webpack_require__(4415);
// EXTERNAL MODULE: ./packages/operations/src/input-files.ts
var input_files = __webpack_require__(914);
// EXTERNAL MODULE: ./packages/common/src/files.ts
var src_files = __webpack_require__(6416);
// EXTERNAL MODULE: ./packages/common/src/digest.ts
var digest = __webpack_require__(4463);
;// CONCATENATED MODULE: ./packages/signing/src/armor.ts
// ASCII armor as people actually paste it into secrets and inputs.
const BEGIN_MARKER = '-----BEGIN PGP ';
const BASE64_ONLY = /^[A-Za-z0-9+/=\s]+$/;
const ESCAPED_NEWLINE = /\\r\\n|\\n|\\r/g;
const ARMOR_BLOCK = /-----BEGIN PGP ([A-Z0-9 ,/]+)-----[\s\S]*?-----END PGP \1-----/g;
/**
 * Returns plain armor for: plain armor; the whole armored text base64-encoded (as stored in secrets);
 * one-line armor with literal `\n` or `\r\n` escapes. Lines are trimmed (indented YAML blocks) and CRLF
 * becomes LF. Text that is none of these is returned trimmed, for the reader to refuse.
 */
function normalizeArmor(text) {
    let value = text.trim();
    if (!value.includes(BEGIN_MARKER) && value.length > 0 && BASE64_ONLY.test(value)) {
        const decoded = Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('utf8');
        if (decoded.includes(BEGIN_MARKER))
            value = decoded.trim();
    }
    if (!value.includes(BEGIN_MARKER))
        return value;
    // Armor never contains a backslash, so any literal "\n" is an escaped line break.
    return value
        .replace(ESCAPED_NEWLINE, '\n')
        .replace(/\r\n?/g, '\n')
        .split('\n')
        .map((line) => line.trim())
        .join('\n')
        .trim();
}
/**
 * Splits text into its armor blocks by their BEGIN/END lines (openpgp reads one armor at a time).
 * Text between blocks (comments, gpg's revocation preamble) is ignored. `unterminated` counts BEGIN
 * lines that have no matching END line.
 */
function splitArmorBlocks(text) {
    const blocks = [];
    for (const match of text.matchAll(ARMOR_BLOCK)) {
        blocks.push({ type: match[1], text: match[0] });
    }
    const beginLines = text.split(BEGIN_MARKER).length - 1;
    return { blocks, unterminated: beginLines - blocks.length };
}

;// CONCATENATED MODULE: ./packages/signing/src/algorithms.ts
// Which hashes and key algorithms we accept. The decisions are made here, explicitly, so that a refusal
// never depends on an openpgp default that may change between versions.



const MIN_RSA_BITS = 2048;
/** Hashes refused on signatures (broken or deprecated for signatures). */
const WEAK_HASHES = new Set([
    openpgp/* enums */.vP.hash.md5,
    openpgp/* enums */.vP.hash.sha1,
    openpgp/* enums */.vP.hash.ripemd,
]);
/** Hashes our own signatures may use: SHA-256 or stronger. */
const STRONG_HASHES = new Set([
    openpgp/* enums */.vP.hash.sha256,
    openpgp/* enums */.vP.hash.sha384,
    openpgp/* enums */.vP.hash.sha512,
    openpgp/* enums */.vP.hash.sha3_256,
    openpgp/* enums */.vP.hash.sha3_512,
]);
/**
 * openpgp config for looking at keys whose strength we judge ourselves: openpgp would otherwise throw
 * a generic "too weak" error before we can say which key is weak and why.
 */
const LENIENT_KEY_CONFIG = {
    minRSABits: 0,
    rejectPublicKeyAlgorithms: new Set(),
};
/** openpgp config mirroring our policy, as a second line behind our own explicit checks. */
const STRICT_CONFIG = {
    minRSABits: MIN_RSA_BITS,
    rejectPublicKeyAlgorithms: new Set([openpgp/* enums */.vP.publicKey.dsa, openpgp/* enums */.vP.publicKey.elgamal]),
    rejectHashAlgorithms: new Set([openpgp/* enums */.vP.hash.md5, openpgp/* enums */.vP.hash.ripemd]),
    rejectMessageHashAlgorithms: new Set(WEAK_HASHES),
};
function hashName(hash) {
    if (hash === null)
        return 'an unknown hash';
    const name = openpgp/* enums */.vP.read(openpgp/* enums */.vP.hash, hash);
    // openpgp says "ripemd" for RIPEMD-160 and "sha3_256" for SHA3-256; use the names gpg users know.
    return name === 'ripemd' ? 'RIPEMD160' : name.toUpperCase().replace('_', '-');
}
/** Why a key algorithm is too weak to sign with, or undefined when it is acceptable. */
function weakness(component) {
    const info = component.getAlgorithmInfo();
    switch (info.algorithm) {
        case 'rsaEncryptSign':
        case 'rsaSign':
        case 'rsaEncrypt':
            return info.bits !== undefined && info.bits < MIN_RSA_BITS
                ? `RSA ${info.bits}-bit (at least ${MIN_RSA_BITS} bits are required)`
                : undefined;
        case 'dsa':
            return 'DSA (no longer accepted for signing)';
        case 'elgamal':
            return 'ElGamal (no longer accepted for signing)';
        default:
            return undefined;
    }
}
/** Throws KEY_WEAK when any of `components` uses a weak algorithm. */
function assertStrong(key, components, label, kind) {
    for (const component of components) {
        const reason = weakness(component);
        if (reason === undefined)
            continue;
        const which = (0,key_identity/* isSubkey */.Os)(component)
            ? `The signing subkey ${(0,key_identity/* hexUpper */.Gd)(component.getKeyID())} of the ${label} ${(0,key_identity/* fingerprintOf */.ax)(key)}`
            : `The ${label} ${(0,key_identity/* fingerprintOf */.ax)(key)}`;
        throw new src/* CiSigningError */.AO('KEY_WEAK', `${which} is too weak to sign with: ${reason}.`, 'Generate a new key (`ci-signing keygen`, ed25519 or rsa4096) and trust its public key instead.', kind);
    }
}

// EXTERNAL MODULE: ./packages/common/src/time.ts
var time = __webpack_require__(5190);
;// CONCATENATED MODULE: ./packages/signing/src/key-policy.ts
// Whether a key may sign now: revocation, expiry and signing capability, judged at `now`.




/** True when any binding signature of the subkey allows it to sign data. */
function subkeyMaySign(subkey) {
    return subkey.bindingSignatures.some((signature) => signature.keyFlags !== null && (signature.keyFlags[0] & openpgp/* enums */.vP.keyFlags.signData) !== 0);
}
/** Revocation and expiry of the primary key as of `now` (revocations inside the key count). */
async function primaryKeyState(key, now) {
    if (await key.isRevoked(undefined, undefined, now))
        return { state: 'revoked' };
    const expiry = await key.getExpirationTime();
    if (expiry instanceof Date && expiry.getTime() <= now.getTime())
        return { state: 'expired', at: expiry };
    return { state: 'valid' };
}
/** Revocation and expiry of a subkey as of `now`. */
async function subkeyState(subkey, now) {
    // openpgp's own signature types are stricter than its code: undefined means "any revocation".
    const anySignature = undefined;
    const primaryPacket = undefined;
    if (await subkey.isRevoked(anySignature, primaryPacket, now))
        return { state: 'revoked' };
    // A null date reads the latest binding signature whatever its date; its key expiry is what matters.
    const expiry = await subkey.getExpirationTime(null);
    if (expiry instanceof Date && expiry.getTime() <= now.getTime())
        return { state: 'expired', at: expiry };
    return { state: 'valid' };
}
/**
 * Throws KEY_REVOKED / KEY_EXPIRED when the primary key, or `component` if it is a subkey, is not
 * valid at `now`. `label` names the key in the message, e.g. "private key" or "trusted key".
 */
async function assertValidNow(key, component, now, label, kind) {
    const fingerprint = (0,key_identity/* fingerprintOf */.ax)(key);
    const primary = await primaryKeyState(key, now);
    if (primary.state === 'revoked') {
        throw new src/* CiSigningError */.AO('KEY_REVOKED', `The ${label} ${fingerprint} is revoked.`, 'Use a key that is not revoked (generate one with `ci-signing keygen`) and trust its public key instead.', kind);
    }
    if (primary.state === 'expired') {
        throw new src/* CiSigningError */.AO('KEY_EXPIRED', `The ${label} ${fingerprint} expired on ${(0,time/* isoSeconds */.n)(primary.at)}.`, 'Extend the key expiry (gpg --quick-set-expire) and re-export it, or generate a new key with `ci-signing ' +
            'keygen`.', kind);
    }
    if (!(0,key_identity/* isSubkey */.Os)(component))
        return;
    const subkeyId = (0,key_identity/* hexUpper */.Gd)(component.getKeyID());
    const sub = await subkeyState(component, now);
    if (sub.state === 'revoked') {
        throw new src/* CiSigningError */.AO('KEY_REVOKED', `The signing subkey ${subkeyId} of the ${label} ${fingerprint} is revoked.`, 'Sign with a subkey that is not revoked and publish the updated public key.', kind);
    }
    if (sub.state === 'expired') {
        throw new src/* CiSigningError */.AO('KEY_EXPIRED', `The signing subkey ${subkeyId} of the ${label} ${fingerprint} expired on ${(0,time/* isoSeconds */.n)(sub.at)}.`, 'Extend the subkey expiry (gpg --quick-set-expire FPR 1y SUBKEY-FPR) and re-export the keys.', kind);
    }
}

;// CONCATENATED MODULE: ./packages/signing/src/private-key.ts
// Loading the signer's private key. Nothing here may put key material or the passphrase into an
// error: openpgp's own messages can quote armor lines, so they are never passed on.






const PASSPHRASE_FIX = "Set the passphrase input (CLI: --passphrase-file or CI_SIGNING_PASSPHRASE) to the private key's passphrase.";
const ACCEPTED_FORMS = 'Give the ASCII-armored secret key (gpg --armor --export-secret-keys KEYID, or private-key.asc from ' +
    '`ci-signing keygen`); base64 of that armor and one-line armor with \\n escapes are accepted too.';
function unreadable(message) {
    return new src/* CiSigningError */.AO('KEY_UNREADABLE', message, ACCEPTED_FORMS, 'input');
}
async function readArmoredKey(text) {
    const armored = normalizeArmor(text);
    if (armored === '')
        throw unreadable('The private key is empty.');
    if (!armored.includes('-----BEGIN PGP '))
        throw unreadable('The private key is not OpenPGP armor (no BEGIN PGP line found).');
    if (/-----BEGIN PGP PUBLIC KEY BLOCK-----/.test(armored) && !/-----BEGIN PGP PRIVATE KEY BLOCK-----/.test(armored)) {
        throw notPrivate();
    }
    try {
        return await openpgp/* readKey */.YZ({ armoredKey: armored });
    }
    catch {
        throw unreadable('The private key armor could not be read (damaged, truncated or not an OpenPGP key).');
    }
}
function notPrivate() {
    return new src/* CiSigningError */.AO('KEY_NOT_PRIVATE', 'The private key input holds a PUBLIC key; signing needs the secret key.', 'Export the secret key (gpg --armor --export-secret-keys KEYID) or use private-key.asc from `ci-signing ' +
        'keygen`; keep the public key for trusted-keys.', 'input');
}
function secretPackets(key) {
    return key.getKeys().map((component) => component.keyPacket);
}
async function unlock(key, passphrase, fingerprint) {
    const packets = secretPackets(key).filter((packet) => !packet.isDummy());
    if (packets.some((packet) => packet.isMissingSecretKeyMaterial())) {
        throw unreadable(`The private key ${fingerprint} uses a secret-key protection openpgp.js cannot read (unsupported S2K or cipher).`);
    }
    if (packets.every((packet) => packet.isDecrypted()))
        return key;
    if (passphrase === '') {
        throw new src/* CiSigningError */.AO('KEY_PASSPHRASE', `The private key ${fingerprint} is protected by a passphrase, but no passphrase was given.`, PASSPHRASE_FIX, 'input');
    }
    try {
        return await openpgp/* decryptKey */.Vw({ privateKey: key, passphrase });
    }
    catch {
        throw new src/* CiSigningError */.AO('KEY_PASSPHRASE', `The passphrase does not unlock the private key ${fingerprint}.`, PASSPHRASE_FIX, 'input');
    }
}
/** Explains why no (sub)key can sign now, as precisely as the key allows. */
async function noSigningKey(key, now, fingerprint) {
    const signingSubkeys = key.subkeys.filter(subkeyMaySign);
    for (const wanted of ['revoked', 'expired']) {
        for (const subkey of signingSubkeys) {
            const state = await subkeyState(subkey, now);
            if (state.state !== wanted)
                continue;
            // Reuse the shared wording for revoked / expired subkeys.
            await assertValidNow(key, subkey, now, 'private key', 'input');
        }
    }
    return new src/* CiSigningError */.AO('KEY_NO_SIGNING', `The private key ${fingerprint} has no key or subkey that may sign data now.`, 'Use a key with signing capability (gpg --quick-add-key FPR ed25519 sign) or generate one with `ci-signing ' +
        'keygen`.', 'input');
}
/**
 * Reads, checks and decrypts the signer's private key. Refuses public keys, garbage, wrong or missing
 * passphrases, expired, revoked and weak keys, and keys without a signing-capable (sub)key valid `now`.
 */
async function loadPrivateKey(text, passphrase = '', now = new Date()) {
    const read = await readArmoredKey(text);
    if (!read.isPrivate())
        throw notPrivate();
    const fingerprint = (0,key_identity/* fingerprintOf */.ax)(read);
    await assertValidNow(read, read, now, 'private key', 'input');
    // The primary key certifies the subkey bindings, so its strength matters even when a subkey signs.
    assertStrong(read, [read, ...read.subkeys.filter(subkeyMaySign)], 'private key', 'input');
    const key = await unlock(read, passphrase, fingerprint);
    let signing;
    try {
        signing = await key.getSigningKey(undefined, now, undefined, { ...openpgp/* config */.$W, ...LENIENT_KEY_CONFIG });
    }
    catch {
        throw await noSigningKey(key, now, fingerprint);
    }
    const signingKeyId = (0,key_identity/* hexUpper */.Gd)(signing.getKeyID());
    if (signing.keyPacket.isDummy()) {
        throw new src/* CiSigningError */.AO('KEY_NO_SIGNING', `The secret part of the ${(0,key_identity/* isSubkey */.Os)(signing) ? 'signing subkey' : 'primary key'} ${signingKeyId} of the ` +
            `private key ${fingerprint} is not in the exported key.`, 'Export a secret key that includes the signing (sub)key (gpg --armor --export-secret-subkeys KEYID! for ' +
            'just the signing subkey).', 'input');
    }
    return { key, fingerprint, signingKeyId, warnings: gnupg22Warnings(key, signing, fingerprint) };
}
// GnuPG 2.2 reads only v4 keys, and skips v4 keys of the newer Ed25519 / Ed448 algorithms.
const GNUPG22_UNREADABLE = new Set([
    openpgp/* enums */.vP.publicKey.ed25519,
    openpgp/* enums */.vP.publicKey.ed448,
]);
function gnupg22Warnings(key, signing, fingerprint) {
    const version = key.keyPacket.version;
    const algorithm = signing.keyPacket.algorithm;
    if (version === 4 && !GNUPG22_UNREADABLE.has(algorithm))
        return [];
    const algorithmName = openpgp/* enums */.vP.read(openpgp/* enums */.vP.publicKey, algorithm);
    const why = version !== 4 ? `a v${version} key` : `a v4 key of the ${algorithmName} algorithm`;
    return [
        `The private key ${fingerprint} is ${why}, which GnuPG 2.2 cannot read: ` +
            '`gpg --verify` will not accept its signatures (ci-signing verify does). Generate a v4 key with ' +
            '`ci-signing keygen` where gpg must verify.',
    ];
}

;// CONCATENATED MODULE: ./packages/signing/src/signed-data.ts
// What signDetached and verifyDetached sign and verify: bytes in memory, or a file streamed to openpgp in chunks,
// so a large file is never held whole (openpgp hashes each chunk as it passes).

/**
 * A file to stream to signDetached / verifyDetached. Nothing is opened yet; a file that cannot be read is refused
 * (FILE_NOT_FOUND, FILE_NOT_REGULAR, FILE_UNREADABLE) when it is used, before any signing or checking.
 */
function fileSource(path, options = {}) {
    return Object.freeze({ kind: 'file', path, what: options.what ?? 'data file', flag: options.flag ?? 'file' });
}
const nothingToClose = async () => undefined;
/** Refuses, before any work, a file source that does not name a readable regular file. */
async function assertReadable(data) {
    if (!(data instanceof Uint8Array))
        await (0,src_files/* assertRegularFile */.fA)(data.path, data);
}
/** Opens the data for one openpgp operation; a file is opened afresh each time (a stream is read once). */
async function openSignedData(data) {
    if (data instanceof Uint8Array)
        return { binary: data, streamed: false, close: nothingToClose };
    const file = await (0,src_files/* openFileStream */.pn)(data.path, data);
    return { binary: file.stream, streamed: true, close: file.close };
}
/**
 * Reads a stream to its end, keeping nothing: openpgp's hash sees every chunk on the way (it holds a passive
 * clone of the data), so draining is what drives the hash, without the copy of the whole data that reading it
 * into one buffer would make.
 */
async function drain(stream) {
    const reader = stream.getReader();
    for (;;) {
        const { done } = await reader.read();
        if (done)
            return;
    }
}
/** openpgp's armor: a string for data in memory, a stream of strings when the data was streamed. */
async function readArmor(armored) {
    if (typeof armored === 'string')
        return armored;
    const reader = armored.getReader();
    let text = '';
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            return text;
        text += value;
    }
}

;// CONCATENATED MODULE: ./packages/signing/src/sign-detached.ts





const SIGN_CONFIG = { preferredHashAlgorithm: openpgp/* enums */.vP.hash.sha256 };
/**
 * Armored detached binary signature over the exact bytes of `data` (bytes in memory, or a fileSource() streamed
 * in chunks), made by the (sub)key chosen when the key was loaded, with SHA-256 or stronger.
 */
async function signDetached(data, signingKey, date) {
    const component = signingKey.key
        .getKeys()
        .find((candidate) => (0,key_identity/* hexUpper */.Gd)(candidate.getKeyID()) === signingKey.signingKeyId);
    if (!component) {
        throw new src/* CiSigningError */.AO('SIGN_FAILED', `The signing key ${signingKey.signingKeyId} is not part of the private key ${signingKey.fingerprint}.`, 'Load the key with loadPrivateKey() and pass its result unchanged.', 'internal');
    }
    const opened = await openSignedData(data);
    let armored;
    try {
        const message = await openpgp/* createMessage */.oH({ binary: opened.binary });
        // format 'object', then armor: with 'armored' (or 'binary') and detached, openpgp.sign also serializes the
        // whole message and reads that to its end, only to drain the data: a copy of all of it, in memory at once.
        const made = (await openpgp/* sign */._S({
            message,
            signingKeys: signingKey.key,
            signingKeyIDs: component.getKeyID(),
            detached: true,
            format: 'object',
            date,
            config: SIGN_CONFIG,
        }));
        // Streamed data reaches the hash only as the message's data is read: drain it while the armor waits for the
        // signature (Promise.all, so a failed read also settles the armor).
        [, armored] = await Promise.all([
            opened.streamed ? drain(message.getLiteralData()) : undefined,
            readArmor(made.armor({ ...openpgp/* config */.$W, ...SIGN_CONFIG })),
        ]);
    }
    catch (error) {
        // The file could not be read to its end (FILE_UNREADABLE).
        if (error instanceof src/* CiSigningError */.AO)
            throw error;
        // openpgp's signing errors name keys and algorithms, never secret material.
        throw new src/* CiSigningError */.AO('SIGN_FAILED', `Signing with key ${signingKey.signingKeyId} failed: ${error.message}.`, 'Check that the key is valid at the signing time and can sign.', 'internal');
    }
    finally {
        await opened.close();
    }
    const signature = await openpgp/* readSignature */.Bc({ armoredSignature: armored });
    for (const packet of signature.packets) {
        if (!STRONG_HASHES.has(packet.hashAlgorithm)) {
            throw new src/* CiSigningError */.AO('SIGN_FAILED', `The signature was made with ${hashName(packet.hashAlgorithm)}; SHA-256 or stronger is required.`, "Set the key's preferred hash algorithms to SHA-256 or stronger (gpg --edit-key KEYID setpref).", 'internal');
        }
    }
    return armored;
}

;// CONCATENATED MODULE: ./packages/operations/src/sign.ts




async function signResultsFile(request) {
    if (request.runnerEnvironment === 'github-hosted' && !request.allowGithubHosted) {
        throw new src/* CiSigningError */.AO('GITHUB_HOSTED_RUNNER', 'refusing to sign on a GitHub-hosted runner: the private key belongs on trusted runners only', "Run the sign step on a self-hosted runner, or set allow-github-hosted: 'true' if you accept that risk.");
    }
    const signatureFile = request.signatureFile || `${request.resultsFile}.asc`;
    if (signatureFile === request.resultsFile) {
        throw new src/* UsageError */.eb('signature-file is the results file itself', 'Choose another signature-file, or leave it empty for <results-file>.asc.');
    }
    const { bytes, results } = await (0,parse/* readResultsFile */.B9)(request.resultsFile);
    if (request.githubRepository && request.githubRepository.toLowerCase() !== results.repository.toLowerCase()) {
        throw new src/* CiSigningError */.AO('REPOSITORY_MISMATCH', `results are for ${results.repository} but this workflow runs in ${request.githubRepository}`, 'Sign results only in the repository they belong to; check the repository field the CI writes.');
    }
    const expectedSha = request.expectedSha?.trim() ?? '';
    if (expectedSha && expectedSha.toLowerCase() !== results.commit.toLowerCase()) {
        throw new src/* CiSigningError */.AO('COMMIT_MISMATCH', `results are for commit ${results.commit} but this run tested ${expectedSha}`, 'Sign only results of the commit this run tested: write the tested sha into commit, or set the sha input ' +
            '(CLI --sha) to the commit the results belong to.');
    }
    const key = await loadPrivateKey(request.privateKey, request.passphrase, request.now ?? new Date());
    const signature = await signDetached(bytes, key, request.now);
    await (0,src_files/* writeFileAtomic */.Zf)(signatureFile, signature);
    return {
        signatureFile,
        fingerprint: key.fingerprint,
        signingKeyId: key.signingKeyId,
        digest: (0,digest/* sha256Digest */.s)(bytes),
        results,
        warnings: key.warnings,
    };
}

// EXTERNAL MODULE: ./packages/operations/src/context.ts
var context = __webpack_require__(1115);
// EXTERNAL MODULE: ./node_modules/tinyglobby/dist/index.mjs + 1 modules
var dist = __webpack_require__(3382);
// EXTERNAL MODULE: ./packages/common/src/bytes.ts
var bytes = __webpack_require__(1588);
// EXTERNAL MODULE: ./packages/defaults/src/index.ts
var defaults_src = __webpack_require__(4592);
// EXTERNAL MODULE: ./packages/signing/src/messages.ts
var messages = __webpack_require__(2331);
// EXTERNAL MODULE: ./packages/signing/src/openpgp-input.ts
var openpgp_input = __webpack_require__(4949);
;// CONCATENATED MODULE: ./packages/signing/src/trusted-keys.ts
// The keyring a verifier trusts: public keys, with revocation certificates applied. Every block of every
// entry is either a public key or a revocation certificate, or the entry is refused: a revocation that
// is silently dropped would keep a revoked key trusted.







class TrustedKeyring {
    keys;
    /** Fingerprints of the trusted keys that are revoked (as of loading). */
    revoked;
    /** One line each: revocations for keys not in the ring, trusted-fingerprints that match no key. */
    warnings;
    constructor(keys, revoked = [], warnings = []) {
        this.keys = keys;
        this.revoked = revoked;
        this.warnings = warnings;
    }
    get size() {
        return this.keys.length;
    }
    /** Primary key fingerprints, 40 hex upper-case. */
    get fingerprints() {
        return this.keys.map(key_identity/* fingerprintOf */.ax);
    }
    /**
     * Finds a primary key or subkey by key id (16 hex) or fingerprint (40 hex), case-insensitive;
     * spaces and a leading 0x are ignored.
     */
    find(idOrFingerprint) {
        const wanted = idOrFingerprint.replace(/\s+/g, '').replace(/^0x/i, '').toUpperCase();
        for (const key of this.keys) {
            for (const component of key.getKeys()) {
                const keyId = (0,key_identity/* hexUpper */.Gd)(component.getKeyID());
                if (wanted === keyId || wanted === (0,key_identity/* fingerprintOf */.ax)(component)) {
                    return { key, component, fingerprint: (0,key_identity/* fingerprintOf */.ax)(key), keyId };
                }
            }
        }
        return undefined;
    }
}
const TRUSTED_KEYS_FIX = 'Give public keys (gpg --export KEYID, armored, binary or base64) and revocation certificates only; ' +
    'comment lines must start with # or be words separated by spaces.';
const PRIVATE_FIX = 'Give only public keys (gpg --armor --export KEYID); remove the private key and treat it as exposed.';
const FINGERPRINT = /^[0-9A-F]{40}$/;
function trusted_keys_unreadable(message, fix = TRUSTED_KEYS_FIX) {
    return new src/* CiSigningError */.AO('TRUSTED_KEYS_UNREADABLE', message, fix, 'input');
}
function concat(packets) {
    const out = new Uint8Array(packets.reduce((total, packet) => total + packet.bytes.length, 0));
    let offset = 0;
    for (const packet of packets) {
        out.set(packet.bytes, offset);
        offset += packet.bytes.length;
    }
    return out;
}
async function blockPackets(block, name) {
    let data = block.data;
    if (block.armor !== undefined) {
        if (block.type === 'PRIVATE KEY BLOCK') {
            throw trusted_keys_unreadable(`Trusted keys ${name}, ${block.at} is a PRIVATE key block.`, PRIVATE_FIX);
        }
        if (block.type !== 'PUBLIC KEY BLOCK' && block.type !== 'SIGNATURE') {
            throw trusted_keys_unreadable(`Trusted keys ${name}, ${block.at} is a PGP ${block.type}, not a public key or revocation certificate.`);
        }
        try {
            data = (await openpgp/* unarmor */.HB(block.armor)).data;
        }
        catch (error) {
            throw trusted_keys_unreadable(`Trusted keys ${name}, ${block.at} has damaged armor: ${(0,messages/* safeReason */.E)(error)}.`);
        }
        if (data.length === 0)
            throw trusted_keys_unreadable(`Trusted keys ${name}, ${block.at} has damaged armor: it holds no packet.`);
    }
    return (0,openpgp_input/* readPackets */.c)(data, (index, offset) => `packet ${index} (byte ${offset} of ${block.at})`);
}
/**
 * Groups packets into transferable keys and stand-alone revocation certificates. A key revocation right
 * after a primary key belongs to that key (gpg exports revoked keys so); anywhere else it is a
 * certificate of its own, as when `cat key.gpg rev.gpg` or armor and binary are mixed.
 */
function groupPackets(packets, name) {
    const keys = [];
    const revocations = [];
    let current = null;
    let primaryHead = false;
    for (const packet of packets) {
        switch (packet.tag) {
            case 6:
                current = [packet];
                keys.push(current);
                primaryHead = true;
                break;
            case 5:
            case 7:
                throw trusted_keys_unreadable(`Trusted keys ${name}, ${packet.at} holds a PRIVATE key.`, PRIVATE_FIX);
            case 13:
            case 14:
            case 17:
                if (!current) {
                    throw trusted_keys_unreadable(`Trusted keys ${name}, ${packet.at} is a ${(0,openpgp_input/* packetName */.i5)(packet.tag)} packet outside any key.`);
                }
                current.push(packet);
                primaryHead = false;
                break;
            case 12:
                break; // gpg keyring trust packets carry no key material
            case 2: {
                const type = (0,openpgp_input/* signatureTypeOf */.SA)(packet.body);
                if (type === openpgp/* enums */.vP.signature.keyRevocation && !(current && primaryHead))
                    revocations.push(packet);
                else if (current)
                    current.push(packet);
                else {
                    throw trusted_keys_unreadable(`Trusted keys ${name}, ${packet.at} holds a signature that is not a key revocation certificate.`);
                }
                break;
            }
            default:
                throw trusted_keys_unreadable(`Trusted keys ${name}, ${packet.at} is a ${(0,openpgp_input/* packetName */.i5)(packet.tag)} packet, not part of a key or revocation.`);
        }
    }
    return { keys, revocations };
}
async function readEntry(bytes, name) {
    let blocks;
    try {
        blocks = (0,openpgp_input/* splitInputBlocks */.jo)(bytes);
    }
    catch (error) {
        if (!(error instanceof openpgp_input/* InputFormatError */.UK))
            throw error;
        throw trusted_keys_unreadable(`Trusted keys ${name} hold ${error.reason} at ${error.at}.`);
    }
    if (blocks.length === 0)
        throw trusted_keys_unreadable(`Trusted keys ${name} hold no OpenPGP key or revocation certificate.`);
    const content = { keys: [], revocations: [] };
    for (const block of blocks) {
        let grouped;
        try {
            grouped = groupPackets(await blockPackets(block, name), name);
        }
        catch (error) {
            if (!(error instanceof openpgp_input/* InputFormatError */.UK))
                throw error;
            throw trusted_keys_unreadable(`Trusted keys ${name} hold ${error.reason} at ${error.at}.`);
        }
        for (const packets of grouped.keys) {
            try {
                content.keys.push(await openpgp/* readKey */.YZ({ binaryKey: concat(packets) }));
            }
            catch (error) {
                throw trusted_keys_unreadable(`Trusted keys ${name}, ${packets[0].at} is not a readable public key: ${(0,messages/* safeReason */.E)(error)}.`);
            }
        }
        for (const packet of grouped.revocations) {
            let signature;
            try {
                signature = (await openpgp/* readSignature */.Bc({ binarySignature: packet.bytes })).packets[0];
            }
            catch (error) {
                const reason = (0,messages/* safeReason */.E)(error);
                throw trusted_keys_unreadable(`Trusted keys ${name}, ${packet.at} is not a readable revocation certificate: ${reason}.`);
            }
            const issuerFingerprint = signature.issuerFingerprint
                ? Buffer.from(signature.issuerFingerprint).toString('hex').toUpperCase()
                : undefined;
            content.revocations.push({
                bytes: packet.bytes,
                issuerKeyId: (0,key_identity/* hexUpper */.Gd)(signature.issuerKeyID),
                issuerFingerprint,
                where: `${name}, ${packet.at}`,
            });
        }
    }
    return content;
}
/** The fingerprint a file's name pins (ABCD...1234.asc), or undefined. */
function pinnedFingerprint(source) {
    const base = source
        ?.split(/[\\/]/)
        .pop()
        ?.replace(/\.asc$/i, '')
        .toUpperCase();
    return base && FINGERPRINT.test(base) ? base : undefined;
}
function checkPinned(source, pinned, content) {
    const held = [...new Set(content.keys.map(key_identity/* fingerprintOf */.ax))];
    const foreign = content.revocations.filter((revocation) => (revocation.issuerFingerprint ?? '') !== pinned && revocation.issuerKeyId !== pinned.slice(-16));
    if (held.length === 1 && held[0] === pinned && foreign.length === 0)
        return;
    const holds = held.length ? `the key(s) ${held.join(', ')}` : 'no key';
    const revokes = foreign.length
        ? `, and revocation certificate(s) for ${foreign.map((r) => r.issuerFingerprint ?? r.issuerKeyId).join(', ')}`
        : '';
    throw new src/* CiSigningError */.AO('TRUSTED_KEY_FILE_MISMATCH', `The trusted key file ${source} is named after ${pinned} but holds ${holds}${revokes}.`, `Put exactly the key ${pinned} (with its subkeys and revocations) in that file, ` +
        'and every other key in a file named after its own fingerprint.', 'input');
}
/** Adds `key` to `keys`, merging it into an earlier copy of the same key (`index`: fingerprint -> position). */
async function addKey(keys, index, key) {
    const fingerprint = (0,key_identity/* fingerprintOf */.ax)(key);
    const at = index.get(fingerprint);
    if (at === undefined) {
        index.set(fingerprint, keys.length);
        keys.push(key);
    }
    else {
        keys[at] = await keys[at].update(key);
    }
}
function toBytes(value) {
    return typeof value === 'string' ? new TextEncoder().encode(value) : value;
}
function tooLarge(message, cap) {
    return new src/* CiSigningError */.AO('TRUSTED_KEYS_TOO_LARGE', `${message} is larger than the cap of ${(0,bytes/* formatBytes */.z)(cap)}.`, 'Trust fewer keys, or export them without third-party signatures ' +
        '(gpg --export-options export-minimal --export KEYID).', 'input');
}
/**
 * Parses the trusted-fingerprints input: 40-hex primary fingerprints separated by newlines or commas
 * (spaces inside a fingerprint, as gpg prints them, are ignored).
 */
function parseTrustedFingerprints(text) {
    const items = text.split(/[\n,]/).map((item) => item.replace(/\s+/g, '').replace(/^0x/i, '').toUpperCase());
    const fingerprints = [];
    for (const [index, item] of items.entries()) {
        if (item === '')
            continue;
        if (!FINGERPRINT.test(item)) {
            throw new src/* CiSigningError */.AO('USAGE', `trusted-fingerprints entry ${index + 1} is not a 40-hex fingerprint (${item.length} characters).`, 'List primary key fingerprints (gpg --fingerprint), one per line or separated by commas.', 'usage');
        }
        if (!fingerprints.includes(item))
            fingerprints.push(item);
    }
    return fingerprints;
}
/**
 * Builds the trusted keyring. Each entry may hold several public keys and revocation certificates in
 * any order and any of the forms people store keys in (armored, base64 of armor or of binary, binary,
 * one-line armor, gpg's .rev files). Anything else is refused with its byte offset. A file named after
 * a fingerprint must hold exactly that key. A revocation certificate revokes the matching key; one for
 * a key that is not in the ring is a warning on the ring.
 */
async function loadTrustedKeys(entries, options = {}) {
    const keys = [];
    const byFingerprint = new Map();
    const revocations = [];
    const warnings = [];
    let total = 0;
    for (const [index, entry] of entries.entries()) {
        const { source, bytes: raw } = typeof entry === 'string' || entry instanceof Uint8Array ? { source: undefined, bytes: entry } : entry;
        const bytes = toBytes(raw);
        const name = source ?? (entries.length > 1 ? `(entry ${index + 1})` : '(input)');
        if (bytes.length > defaults_src/* LIMITS */.b1.trustedKeyFileBytes) {
            throw tooLarge(`Trusted keys ${name}, ${bytes.length} bytes,`, defaults_src/* LIMITS */.b1.trustedKeyFileBytes);
        }
        total += bytes.length;
        if (total > defaults_src/* LIMITS */.b1.trustedKeysTotalBytes) {
            throw tooLarge(`All trusted keys together (${total} bytes so far)`, defaults_src/* LIMITS */.b1.trustedKeysTotalBytes);
        }
        if (/^[\s\uFEFF]*$/.test(Buffer.from(bytes).toString('latin1')))
            continue;
        const content = await readEntry(bytes, name);
        const pinned = pinnedFingerprint(source);
        if (source !== undefined && pinned !== undefined)
            checkPinned(source, pinned, content);
        for (const key of content.keys)
            await addKey(keys, byFingerprint, key);
        revocations.push(...content.revocations);
    }
    const byKeyId = new Map(keys.map((key, position) => [(0,key_identity/* hexUpper */.Gd)(key.getKeyID()), position]));
    for (const revocation of revocations) {
        const index = byKeyId.get(revocation.issuerKeyId) ?? -1;
        if (index < 0) {
            warnings.push(`The revocation certificate in trusted keys ${revocation.where} is for key ` +
                `${revocation.issuerFingerprint ?? revocation.issuerKeyId}, which is not among the trusted keys; ` +
                'it revokes nothing here.');
            continue;
        }
        try {
            const revocationCertificate = openpgp/* armor */.yE(openpgp/* enums */.vP.armor.publicKey, revocation.bytes);
            const revoked = await openpgp/* revokeKey */.CB({ key: keys[index], revocationCertificate, format: 'object' });
            keys[index] = revoked.publicKey;
        }
        catch (error) {
            throw trusted_keys_unreadable(`The revocation certificate for trusted key ${(0,key_identity/* fingerprintOf */.ax)(keys[index])} in ${revocation.where} ` +
                `does not verify: ${(0,messages/* safeReason */.E)(error)}.`, 'Use the revocation certificate made for this key (revocation.asc from `ci-signing keygen`, ' +
                'or gpg --gen-revoke).');
        }
    }
    const trusted = filterTrusted(keys, options.trustedFingerprints, warnings);
    if (trusted.length === 0) {
        throw new src/* CiSigningError */.AO('TRUSTED_KEYS_EMPTY', options.trustedFingerprints?.length
            ? `None of the trusted-fingerprints (${options.trustedFingerprints.join(', ')}) is among the given keys.`
            : 'No trusted public key was given.', 'Set trusted-keys (or trusted-keys-file) to the public key of the signing key, ' +
            'and trusted-fingerprints to its fingerprint.', 'input');
    }
    const now = options.now ?? new Date();
    const revoked = [];
    for (const key of trusted)
        if (await key.isRevoked(undefined, undefined, now))
            revoked.push((0,key_identity/* fingerprintOf */.ax)(key));
    return new TrustedKeyring(trusted, revoked, warnings);
}
function filterTrusted(keys, wanted, warnings) {
    if (!wanted || wanted.length === 0)
        return keys;
    const set = new Set(wanted.map((fingerprint) => fingerprint.replace(/\s+/g, '').toUpperCase()));
    for (const fingerprint of set) {
        if (!keys.some((key) => (0,key_identity/* fingerprintOf */.ax)(key) === fingerprint)) {
            warnings.push(`trusted-fingerprints names ${fingerprint}, but no trusted key input holds that key.`);
        }
    }
    return keys.filter((key) => set.has((0,key_identity/* fingerprintOf */.ax)(key)));
}

// EXTERNAL MODULE: ./packages/common/src/duration.ts
var duration = __webpack_require__(4627);
// EXTERNAL MODULE: ./packages/common/src/numbers.ts
var numbers = __webpack_require__(1729);
;// CONCATENATED MODULE: ./packages/verifier/src/policy-inputs.ts
// Turns the verify inputs (action inputs and CLI flags share names and strings) into a VerifyPolicy.
// Bad values are usage errors naming the input, so the CLI exits 2 and the action says which input is wrong.



/** max-age: a duration in the one grammar; '' -> null (no limit). */
function parseMaxAge(value, name = 'max-age') {
    if (value.trim() === '')
        return null;
    return (0,duration/* parseDuration */.E9)(value, { name, example: '24h, 7d or 30m, or leave it empty for no limit' });
}
/**
 * 'false' | '' -> false, 'true' -> true, 'YYYY-MM-DD' -> that UTC calendar day (midnight UTC); the verifier
 * accepts unsigned results through the end of that day.
 */
function parseAllowUnsigned(value, name = 'allow-unsigned') {
    const text = value.trim().toLowerCase();
    if (text === '' || text === 'false')
        return false;
    if (text === 'true')
        return true;
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (match) {
        const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
        const date = new Date(Date.UTC(year, month - 1, day));
        // Date.UTC rolls 2025-02-30 over to March; a real calendar day round-trips.
        if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day)
            return date;
    }
    throw new src/* UsageError */.eb(`${name} "${value}" must be false, true or a date YYYY-MM-DD (unsigned results accepted through the end of ` +
        `that day, UTC).`, `Set ${name} to false (the default), true, or a real date such as 2030-01-31.`);
}
/** A percentage 0-100 (a trailing % is allowed), or '' -> null (not checked). */
function parsePercentOrEmpty(name, value) {
    const text = value.trim().replace(/%$/, '').trim();
    if (text === '')
        return null;
    const number = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text) || number > 100) {
        throw new src/* UsageError */.eb(`${name} "${value}" must be a percentage from 0 to 100, e.g. 80 or 72.5.`, `Set ${name} to a number from 0 to 100, or leave it empty for no coverage check.`);
    }
    return number;
}
/** Absent or empty values take their DEFAULTS, the ones verify/action.yml declares. */
function buildPolicy(raw) {
    return {
        allowUnsigned: parseAllowUnsigned((0,defaults_src/* withDefault */.IQ)('allow-unsigned', raw.allowUnsigned)),
        maxFailedTests: (0,numbers/* parseNonNegativeInteger */.M)('max-failed-tests', (0,defaults_src/* withDefault */.IQ)('max-failed-tests', raw.maxFailedTests)),
        minCoverage: parsePercentOrEmpty('min-coverage', (0,defaults_src/* withDefault */.IQ)('min-coverage', raw.minCoverage)),
        minTests: (0,numbers/* parseNonNegativeInteger */.M)('min-tests', (0,defaults_src/* withDefault */.IQ)('min-tests', raw.minTests)),
        maxAgeSeconds: parseMaxAge((0,defaults_src/* withDefault */.IQ)('max-age', raw.maxAge)),
    };
}
/** The policy every empty input gives. */
const DEFAULT_POLICY_INPUTS = {
    allowUnsigned: defaults_src/* DEFAULTS */.zY['allow-unsigned'],
    maxFailedTests: defaults_src/* DEFAULTS */.zY['max-failed-tests'],
    minCoverage: defaults_src/* DEFAULTS */.zY['min-coverage'],
    minTests: defaults_src/* DEFAULTS */.zY['min-tests'],
    maxAge: defaults_src/* DEFAULTS */.zY['max-age'],
};

// EXTERNAL MODULE: ./packages/results/src/markdown.ts
var markdown = __webpack_require__(7905);
;// CONCATENATED MODULE: ./packages/verifier/src/summary.ts
// The verify job summary: markdown of VerificationReports, beside the report type it renders.

const STATUS_ICONS = { pass: '✅', fail: '❌', skip: '⏭️', warn: '⚠️' };
/** The verify job summary: one row per verified result, then each result's five checks. */
function renderVerificationSummary(entries, options = {}) {
    const lines = ['## ci-signing verification', ''];
    // Every revoked trusted key is listed, so a reviewer sees which signers no longer count.
    const revoked = options.revokedKeys ?? [];
    if (revoked.length)
        lines.push(`Revoked trusted keys (every result they signed is refused): ${revoked.map(markdown/* code */.aY).join(', ')}`, '');
    if (entries.length === 0)
        return [...lines, 'No results were verified.', ''].join('\n');
    const accepted = entries.filter((entry) => entry.report.verified).length;
    lines.push(accepted === entries.length
        ? `✅ ${accepted} of ${entries.length} verified.`
        : `❌ ${entries.length - accepted} of ${entries.length} not verified.`, '', '| Results | Verdict | Signer | Signed at | Conclusion |', '| --- | --- | --- | --- | --- |');
    for (const { name, report } of entries) {
        lines.push((0,markdown/* row */.nM)([
            (0,markdown/* escapeText */.X1)(name),
            verdict(report),
            report.fingerprint ? (0,markdown/* code */.aY)(report.fingerprint) : report.verified ? 'unsigned' : '—',
            report.signedAt ? (0,markdown/* formatTimestamp */.Ey)(report.signedAt) : '—',
            report.conclusion ? (0,markdown/* escapeText */.X1)(report.conclusion) : '—',
        ]));
    }
    for (const { name, report, note } of entries) {
        lines.push('', `### ${report.verified ? '✅' : '❌'} ${(0,markdown/* escapeText */.X1)(name)}`, '');
        if (note)
            lines.push((0,markdown/* escapeText */.X1)(note), '');
        lines.push('| Check | Outcome | Detail |', '| --- | :---: | --- |');
        if (report.unread)
            lines.push((0,markdown/* row */.nM)([(0,markdown/* escapeText */.X1)(report.unread.title), STATUS_ICONS.fail, (0,markdown/* escapeText */.X1)(report.unread.detail)]));
        for (const check of report.checks)
            lines.push((0,markdown/* row */.nM)([(0,markdown/* escapeText */.X1)(check.title), STATUS_ICONS[check.status], (0,markdown/* escapeText */.X1)(check.detail)]));
        if (report.error) {
            lines.push('', `**Error:** ${(0,markdown/* code */.aY)(report.error.code)}: ${(0,markdown/* escapeText */.X1)(report.error.message)}`);
            if (report.error.fix)
                lines.push('', `**Fix:** ${(0,markdown/* escapeText */.X1)(report.error.fix)}`);
        }
    }
    lines.push('');
    return lines.join('\n');
}
function verdict(report) {
    if (!report.verified)
        return report.error ? `❌ rejected (${(0,markdown/* code */.aY)(report.error.code)})` : '❌ rejected';
    return report.signed ? '✅ verified' : '⚠️ accepted unsigned';
}

// EXTERNAL MODULE: ./packages/signing/src/signature-input.ts
var signature_input = __webpack_require__(1416);
;// CONCATENATED MODULE: ./packages/signing/src/verify-signature.ts
// Verification of a detached signature against the trusted keyring, with our own policy on top of
// openpgp's cryptographic check: openpgp judges key validity at the signature's creation time, while
// we require the key to be valid NOW (not expired, not revoked), a strong hash and a strong key.









/** How far a signature may be dated ahead of `now` (clock skew between machines). */
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
async function readDocumentSignatures(signature) {
    const packets = await (0,signature_input/* readSignaturePackets */.CD)(signature);
    const binary = packets.filter((packet) => packet.signatureType === openpgp/* enums */.vP.signature.binary);
    if (binary.length > 0)
        return binary;
    if (packets.some((packet) => packet.signatureType === openpgp/* enums */.vP.signature.text)) {
        // A text-mode signature ignores line-ending changes; we sign exact bytes.
        throw (0,signature_input/* malformed */.Qm)('The signature is a text-mode signature (type 0x01), not a binary signature over the exact bytes.');
    }
    throw (0,signature_input/* malformed */.Qm)('The signature holds no signature over a document (it may be a key signature or revocation).');
}
function weakHash(packet, signerKeyId) {
    return new src/* CiSigningError */.AO('SIGNATURE_WEAK_HASH', `The signature by key ${signerKeyId} uses ${hashName(packet.hashAlgorithm)}, which is too weak to trust.`, 'Sign again with SHA-256 or stronger (`ci-signing sign` does; with gpg use --digest-algo SHA256).', 'verification');
}
function invalid(message) {
    return new src/* CiSigningError */.AO('SIGNATURE_INVALID', message, 'Sign the exact results file again; make sure nothing (line endings, formatting) changes it between signing ' +
        'and verifying.', 'verification');
}
function binding(message) {
    return new src/* CiSigningError */.AO('KEY_BINDING', message, 'Re-export the public key from the key owner (gpg --armor --export FPR) so it carries its current ' +
        'self-signatures and subkey bindings, and trust that export.', 'verification');
}
async function checkSignature(data, packet, match, now) {
    const { key, component, fingerprint, keyId } = match;
    // Our checks, in order: hash, key strength, date, revocation, expiry. openpgp's config mirrors them
    // (STRICT_CONFIG) but never gets to decide.
    if (packet.hashAlgorithm === null || WEAK_HASHES.has(packet.hashAlgorithm))
        throw weakHash(packet, keyId);
    assertStrong(key, (0,key_identity/* isSubkey */.Os)(component) ? [key, component] : [key], 'trusted key', 'verification');
    const signedAt = packet.created;
    if (!signedAt)
        throw (0,signature_input/* malformed */.Qm)(`The signature by key ${keyId} has no creation time.`);
    if (signedAt.getTime() - now.getTime() > MAX_CLOCK_SKEW_MS) {
        const minutes = Math.round((signedAt.getTime() - now.getTime()) / 60000);
        throw new src/* CiSigningError */.AO('SIGNATURE_FROM_FUTURE', `The signature by key ${keyId} is dated ${(0,time/* isoSeconds */.n)(signedAt)}, ${minutes} minutes after the current ` +
            `time ${(0,time/* isoSeconds */.n)(now)}.`, 'Check the clocks of the signing machine and of this runner (NTP), then sign again.', 'verification');
    }
    await assertValidNow(key, component, now, 'trusted key', 'verification');
    const expiresAt = packet.getExpirationTime();
    if (expiresAt instanceof Date && expiresAt.getTime() <= now.getTime()) {
        throw invalid(`The signature by key ${keyId} expired on ${(0,time/* isoSeconds */.n)(expiresAt)}.`);
    }
    const validityDate = signedAt > now ? signedAt : now;
    const which = (0,key_identity/* isSubkey */.Os)(component) ? `signing subkey ${keyId}` : `key ${keyId}`;
    try {
        await key.getSigningKey(component.getKeyID(), validityDate, undefined, {
            ...openpgp/* config */.$W,
            ...LENIENT_KEY_CONFIG,
        });
    }
    catch (error) {
        throw binding(`The trusted key ${fingerprint} has no valid self-signature or binding that lets its ${which} sign now: ` +
            `${(0,messages/* safeReason */.E)(error)}.`);
    }
    const single = new openpgp/* PacketList */.fR();
    single.push(packet);
    const opened = await openSignedData(data);
    try {
        const result = await openpgp/* verify */.MX({
            message: await openpgp/* createMessage */.oH({ binary: opened.binary }),
            signature: new openpgp/* Signature */.to(single),
            verificationKeys: key,
            format: 'binary',
            expectSigned: false,
            // openpgp checks the key at the signature's time. After `gpg --quick-set-expire` no self-signature
            // exists that early; the key was just judged valid and bound NOW, so the current binding counts.
            date: validityDate,
            config: { ...STRICT_CONFIG, allowInsecureVerificationWithReformattedKeys: true },
        });
        // Streamed data reaches the hash only as result.data is read: drain it (keeping nothing) before the
        // verdict, which otherwise never settles.
        if (opened.streamed)
            await drain(result.data);
        await result.signatures[0].verified;
    }
    catch (error) {
        // The file could not be read to its end (FILE_UNREADABLE): not a verdict on the signature.
        if (error instanceof src/* CiSigningError */.AO)
            throw error;
        const reason = error.message;
        if (/is expired/i.test(reason)) {
            throw new src/* CiSigningError */.AO('KEY_EXPIRED', `The trusted key ${fingerprint} (${which}) was expired when the signature was made, ${(0,time/* isoSeconds */.n)(signedAt)}.`, 'Sign again with a key that is valid when it signs.', 'verification');
        }
        if (/could not find valid|self-signature|binding signature|embedded signature|certificate is invalid/i.test(reason)) {
            throw binding(`The trusted key ${fingerprint} had no valid self-signature or binding for its ${which} when the ` +
                `signature was made, ${(0,time/* isoSeconds */.n)(signedAt)}: ${(0,messages/* safeReason */.E)(error)}.`);
        }
        if (/digest did not match|verification failed/i.test(reason)) {
            throw invalid(`The signature by key ${keyId} does not match the data: the bytes were changed after signing, or the ` +
                `signature belongs to other data.`);
        }
        if (/newer than the signature/i.test(reason)) {
            throw invalid(`The signature by key ${keyId} is dated ${(0,time/* isoSeconds */.n)(signedAt)}, before the key was created.`);
        }
        throw invalid(`The signature by key ${keyId} does not verify: ${(0,messages/* safeReason */.E)(error, 200)}.`);
    }
    finally {
        await opened.close();
    }
    return { fingerprint, signingKeyId: keyId, signedAt };
}
/**
 * Verifies a detached signature over the exact bytes of `data` (bytes in memory, or a fileSource() streamed in
 * chunks, opened afresh for each signer checked) with the trusted keyring, judging the key as of `now`. When the
 * signature holds several signers, it is accepted if one trusted signer passes every check; otherwise the first
 * trusted signer's refusal is reported (untrusted signers are ignored).
 */
async function verifyDetached(data, signature, ring, now = new Date()) {
    // A file that cannot be read is refused first, as reading it into bytes would have been.
    await assertReadable(data);
    const packets = await readDocumentSignatures(signature);
    const candidates = packets.map((packet) => ({ packet, match: ring.find((0,key_identity/* hexUpper */.Gd)(packet.issuerKeyID)) }));
    let firstRefusal;
    for (const { packet, match } of candidates) {
        if (!match)
            continue;
        try {
            return await checkSignature(data, packet, match, now);
        }
        catch (error) {
            // Every refusal of a signer is of kind 'verification'; a file that fails to read (kind 'input') is not one.
            if (!(error instanceof src/* CiSigningError */.AO) || error.kind !== 'verification')
                throw error;
            firstRefusal ??= error;
        }
    }
    if (firstRefusal)
        throw firstRefusal;
    const signers = [...new Set(candidates.map(({ packet }) => (0,key_identity/* hexUpper */.Gd)(packet.issuerKeyID)))].join(', ');
    throw new src/* CiSigningError */.AO('SIGNATURE_UNTRUSTED_KEY', `The signature was made by key ${signers}, which is not among the trusted keys (${ring.fingerprints.join(', ')}).`, "Add the signer's public key to trusted-keys if you trust it, or sign with a trusted key.", 'verification');
}

;// CONCATENATED MODULE: ./packages/verifier/src/types.ts
/** The five checks, in the order they run. */
const CHECK_IDS = ['signature-present', 'signature-valid', 'binding', 'freshness', 'thresholds'];
/** Why no result reached the five checks: nothing to read, or nothing worth waiting for. */
const UNREAD_IDS = (/* unused pure expression or super */ null && (['run-not-found', 'wait-timed-out', 'fork-pull-request', 'block-unreadable']));

// EXTERNAL MODULE: ./packages/common/src/untrusted.ts
var untrusted = __webpack_require__(2349);
;// CONCATENATED MODULE: ./packages/verifier/src/run-checks.ts
// The five checks in their fixed order. Each either passes (or warns) and hands what it learned to the next,
// or fails with a CiSigningError; after the first failure the remaining checks are reported as skipped.
// The results bytes are parsed only once the signature over exactly those bytes has been verified.





const CHECK_TITLES = {
    'signature-present': 'Signature present',
    'signature-valid': 'Signature valid',
    binding: 'Bound to repository and commit',
    freshness: 'Fresh',
    thresholds: 'Thresholds',
};
const DAY_MS = 24 * 60 * 60 * 1000;
const UNREAD_TITLES = {
    'run-not-found': 'Check run found',
    'wait-timed-out': 'Check run arrived in time',
    'fork-pull-request': 'Pull request from this repository',
    'block-unreadable': 'Signed results block readable',
};
/** The report for a result that never reached the five checks (no run, a fork, an unreadable block). */
function unreadReport(id, error) {
    const title = UNREAD_TITLES[id];
    return {
        verified: false,
        signed: false,
        fingerprint: '',
        signingKeyId: '',
        signedAt: '',
        conclusion: '',
        unread: { id, title, detail: error.message },
        checks: CHECK_IDS.map((check) => ({
            id: check,
            title: CHECK_TITLES[check],
            status: 'skip',
            detail: `Not checked: "${title}" failed.`,
        })),
        error,
    };
}
async function verifyResults(input) {
    const findings = {};
    const signature = isBlank(input.signature) ? null : input.signature;
    const run = {
        'signature-present': () => checkSignaturePresent(input, signature),
        'signature-valid': () => checkSignatureValid(input, signature, findings),
        binding: () => checkBinding(input, required(findings.results)),
        freshness: () => checkFreshness(input, findings.signer, required(findings.results)),
        thresholds: () => checkThresholds(input, required(findings.results)),
    };
    const checks = [];
    let error;
    let failedTitle = '';
    for (const id of CHECK_IDS) {
        const title = CHECK_TITLES[id];
        if (error) {
            checks.push({ id, title, status: 'skip', detail: `Not checked: "${failedTitle}" failed.` });
            continue;
        }
        try {
            const outcome = await run[id]();
            checks.push({ id, title, ...outcome });
        }
        catch (thrown) {
            error = asCiSigningError(thrown);
            failedTitle = title;
            checks.push({ id, title, status: 'fail', detail: error.message });
        }
    }
    return {
        verified: !error,
        signed: Boolean(findings.signer),
        fingerprint: findings.signer?.fingerprint ?? '',
        signingKeyId: findings.signer?.signingKeyId ?? '',
        signedAt: findings.signer?.signedAt.toISOString() ?? '',
        conclusion: findings.results?.conclusion ?? '',
        checks,
        ...(findings.results ? { results: findings.results } : {}),
        ...(error ? { error } : {}),
    };
}
function checkSignaturePresent(input, signature) {
    if (signature)
        return { status: 'pass', detail: `A signature over ${input.source} is present.` };
    const { allowUnsigned } = input.policy;
    if (allowUnsigned === true) {
        return {
            status: 'warn',
            detail: `No signature over ${input.source}; accepted unsigned because allow-unsigned is true.`,
        };
    }
    if (allowUnsigned instanceof Date) {
        const day = allowUnsigned.toISOString().slice(0, 10);
        // The date names a UTC calendar day; unsigned results are accepted through its end.
        if (input.now.getTime() < Date.parse(day) + DAY_MS) {
            return {
                status: 'warn',
                detail: `No signature over ${input.source}; accepted unsigned until the end of ${day} (UTC) under ` +
                    `allow-unsigned.`,
            };
        }
        throw new src/* CiSigningError */.AO('SIGNATURE_MISSING', `No signature over ${input.source}, and allow-unsigned ended with ${day} (UTC).`, 'Sign the results on the trusted runner (the sign action or `ci-signing sign`), or, if the migration ' +
            'truly needs longer, move the allow-unsigned date.', 'verification');
    }
    throw new src/* CiSigningError */.AO('SIGNATURE_MISSING', `No signature over ${input.source} was found.`, 'Sign the results on the trusted runner (the sign action or `ci-signing sign`) and pass the signature, or ' +
        'set allow-unsigned to a date while migrating.', 'verification');
}
async function checkSignatureValid(input, signature, findings) {
    if (!signature) {
        findings.results = parseOrExplain(input, 'The results are unsigned and');
        return {
            status: 'warn',
            detail: `Nothing to verify: ${input.source} is unsigned, so nothing proves where its content came from.`,
        };
    }
    if (!input.keyring) {
        throw new src/* CiSigningError */.AO('TRUSTED_KEYS_MISSING', `${input.source} is signed, but no trusted keys were given to check the signature against.`, 'Pass the trusted public keys (trusted-keys or trusted-keys-file; --trusted-keys-file in the CLI).', 'verification');
    }
    const check = await verifyDetached(input.resultsBytes, signature, input.keyring, input.now);
    findings.signer = { fingerprint: check.fingerprint, signingKeyId: check.signingKeyId, signedAt: check.signedAt };
    findings.results = parseOrExplain(input, `The signature by ${check.fingerprint} is valid, but the signed results`);
    const subkey = check.fingerprint.endsWith(check.signingKeyId) ? '' : ` (signing subkey ${check.signingKeyId})`;
    return {
        status: 'pass',
        detail: `Valid signature by trusted key ${check.fingerprint}${subkey}, made ${check.signedAt.toISOString()}.`,
    };
}
/** Parses the (verified or allowed-unsigned) bytes; a refusal keeps its code and says that the content is at fault. */
function parseOrExplain(input, lead) {
    try {
        return (0,parse/* parseResults */.c2)(input.resultsBytes, input.source);
    }
    catch (thrown) {
        const error = asCiSigningError(thrown);
        throw new src/* CiSigningError */.AO(error.code, `${lead} are not valid ci-results v1: ${error.message}`, error.fix, 'verification');
    }
}
function checkBinding(input, results) {
    const expectedRepository = input.expected.repository;
    const expectedSha = input.expected.sha;
    const problems = [];
    if (results.repository.toLowerCase() !== expectedRepository.toLowerCase()) {
        problems.push(`repository "${results.repository}" but the expected repository is "${expectedRepository || '(not given)'}"`);
    }
    if (results.commit.toLowerCase() !== expectedSha.toLowerCase()) {
        problems.push(`commit ${results.commit} but the expected commit is ${expectedSha || '(not given)'}`);
    }
    if (problems.length > 0) {
        throw new src/* CiSigningError */.AO('BINDING_MISMATCH', `${input.source} names ${problems.join(', and ')}.`, 'These results belong to another commit or repository (a stale file or a replayed result): produce and ' +
            'sign results for this commit.', 'verification');
    }
    const bound = `The results are for ${results.repository} at commit ${results.commit}`;
    const run = input.expected.checkRun;
    if (!run)
        return { status: 'pass', detail: `${bound}, as expected.` };
    if (results.check !== undefined && results.check !== run.name) {
        throw new src/* CiSigningError */.AO('CHECK_NAME_MISMATCH', `${input.source} holds results signed for check ${(0,untrusted/* describeName */.T_)(results.check)}, not for "${run.name}", ` +
            `the run it was posted as.`, `A result of one check cannot stand in for another: post the results of "${run.name}" under that name.`, 'verification');
    }
    if (results.check === undefined && !run.soleName) {
        throw new src/* CiSigningError */.AO('CHECK_NAME_MISSING', `${input.source} does not name its check, and several check names are verified, so it could stand in for ` +
            `another.`, 'Add `check` to the results (collect --check-name, or the root action) and sign them again.', 'verification');
    }
    if (results.check === undefined) {
        return {
            status: 'pass',
            detail: `${bound}, as expected; the result does not name its check (accepted: one check name is verified).`,
        };
    }
    return { status: 'pass', detail: `${bound}, check ${run.name}, as expected.` };
}
function checkFreshness(input, signer, results) {
    const maxAge = input.policy.maxAgeSeconds;
    if (maxAge === null)
        return { status: 'pass', detail: 'Not checked: no max-age is set.' };
    let reference;
    let event;
    if (signer) {
        reference = signer.signedAt;
        event = { past: 'was signed', present: 'Signed' };
    }
    else {
        // Unsigned results have no signature time; their own (unproven) completedAt is the only clock there is.
        reference = new Date(results.completedAt ?? Number.NaN);
        event = { past: 'completed (completedAt, unsigned)', present: 'Completed (completedAt, unsigned)' };
        if (!Number.isFinite(reference.getTime())) {
            throw new src/* CiSigningError */.AO('RESULTS_AGE_UNKNOWN', `${input.source} is unsigned and has no usable completedAt, so its age cannot be checked against ` +
                `max-age ${(0,duration/* formatSeconds */.Xo)(maxAge)}.`, 'Sign the results, or write completedAt into them, or leave max-age empty.', 'verification');
        }
    }
    // A signature up to 5 minutes ahead of our clock is accepted by signing; count it as age 0.
    const ageSeconds = Math.max(0, Math.floor((input.now.getTime() - reference.getTime()) / 1000));
    if (ageSeconds > maxAge) {
        throw new src/* CiSigningError */.AO('RESULTS_TOO_OLD', `${input.source} ${event.past} ${(0,duration/* formatSeconds */.Xo)(ageSeconds)} ago (${reference.toISOString()}), longer than ` +
            `max-age ${(0,duration/* formatSeconds */.Xo)(maxAge)} allows.`, 'Run CI again on the trusted runner to produce fresh signed results, or raise max-age.', 'verification');
    }
    return {
        status: 'pass',
        detail: `${event.present} ${(0,duration/* formatSeconds */.Xo)(ageSeconds)} ago (${reference.toISOString()}), within max-age ` +
            `${(0,duration/* formatSeconds */.Xo)(maxAge)}.`,
    };
}
function checkThresholds(input, results) {
    const { policy } = input;
    const { passed, failed } = results.tests;
    const ran = passed + failed;
    const violations = [];
    const met = [];
    if (results.conclusion === 'success')
        met.push('conclusion success');
    else
        violations.push(`conclusion is ${results.conclusion}, not success`);
    if (failed <= policy.maxFailedTests)
        met.push(`${failed} failed (max-failed-tests ${policy.maxFailedTests})`);
    else
        violations.push(`${failed} tests failed, more than max-failed-tests ${policy.maxFailedTests}`);
    if (ran >= policy.minTests)
        met.push(`${ran} tests ran (min-tests ${policy.minTests})`);
    else
        violations.push(`${ran} tests ran (passed + failed), fewer than min-tests ${policy.minTests}`);
    if (policy.minCoverage !== null) {
        const lines = results.coverage?.lines;
        if (lines === undefined)
            violations.push(`no line coverage is reported, but min-coverage is ${policy.minCoverage}%`);
        else if (lines < policy.minCoverage)
            violations.push(`line coverage ${lines}% is below min-coverage ${policy.minCoverage}%`);
        else
            met.push(`line coverage ${lines}% (min-coverage ${policy.minCoverage}%)`);
    }
    if (violations.length > 0) {
        throw new src/* CiSigningError */.AO('THRESHOLDS_NOT_MET', `${input.source} does not meet the thresholds: ${violations.join('; ')}.`, 'Fix the failing tests or coverage and run CI again; change the thresholds only if the policy itself is wrong.', 'verification');
    }
    return { status: 'pass', detail: `${met.join(', ')}.` };
}
/** No signature: none given, or only white space (an empty .asc file). */
function isBlank(signature) {
    if (signature === null)
        return true;
    const text = typeof signature === 'string' ? signature : Buffer.from(signature.subarray(0, 4096)).toString('latin1');
    return text.trim() === '' && (typeof signature === 'string' || signature.length <= 4096);
}
function required(value) {
    // Unreachable by construction: a check only runs when every earlier one passed.
    if (value === undefined)
        throw new src/* CiSigningError */.AO('INTERNAL', 'A verifier check ran before the results were parsed.', 'Report this as a bug in ci-signing.', 'internal');
    return value;
}
function asCiSigningError(thrown) {
    if (thrown instanceof src/* CiSigningError */.AO)
        return thrown;
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return new src/* CiSigningError */.AO('INTERNAL', `Verification broke unexpectedly: ${message}`, 'Report this as a bug in ci-signing, with the command and inputs used.', 'internal');
}

;// CONCATENATED MODULE: ./packages/operations/src/verify-operation.ts
// verify: local results, or the check runs of a commit. Which run decides, how long to wait for one, and the
// outputs that describe only what verified (docs/verification.md, "Which run decides").









/** Verifies local results or the check runs of each name; never throws for a failed verification. */
async function verifySignedResults(request) {
    if (!request.repository)
        throw new src/* UsageError */.eb('no repository to bind the results to', 'Set the repository input (owner/name); in Actions it defaults to GITHUB_REPOSITORY.');
    if (!request.sha)
        throw new src/* UsageError */.eb('no commit sha to bind the results to', 'Set the sha input; in Actions it defaults to the tested commit of the event.');
    const policy = buildPolicy({
        allowUnsigned: request.allowUnsigned,
        maxFailedTests: request.maxFailedTests,
        minCoverage: request.minCoverage,
        minTests: request.minTests,
        maxAge: request.maxAge,
    });
    const mode = request.resultsFile ? 'results-file' : 'github';
    const waitTimeout = (0,defaults_src/* withDefault */.IQ)('wait-timeout', request.waitTimeout).trim() || defaults_src/* WAIT_TIMEOUT_DEFAULTS */.vS[mode];
    const settings = {
        policy,
        keyring: await loadKeyring(request.trustedKeys, request.trustedKeysFile, parseTrustedFingerprints(request.trustedFingerprints ?? '')),
        expected: { repository: request.repository, sha: request.sha },
        waitTimeoutMs: (0,duration/* parseDurationMs */.yi)(waitTimeout, { name: 'wait-timeout', zeroAllowed: true, example: '15m' }),
        waitIntervalMs: (0,duration/* parseDurationMs */.yi)((0,defaults_src/* withDefault */.IQ)('wait-interval', request.waitInterval), {
            name: 'wait-interval',
            example: '15s',
        }),
        now: () => request.now ?? new Date(),
    };
    const entries = request.resultsFile
        ? [await verifyLocalFile(request, settings)]
        : await verifyCheckRuns(request, settings);
    const verified = entries.length > 0 && entries.every((entry) => entry.report.verified);
    const column = (pick) => entries.map(pick).join('\n');
    // Only a verified result has a signer, a time and a conclusion worth acting on.
    const ifVerified = (pick) => (verified ? column(pick) : '');
    return {
        verified,
        entries,
        summary: renderVerificationSummary(entries.map(({ name, report, note }) => ({ name, report, note })), {
            revokedKeys: [...(settings.keyring?.revoked ?? [])],
        }),
        warnings: [...(settings.keyring?.warnings ?? [])],
        revokedKeys: [...(settings.keyring?.revoked ?? [])],
        outputs: {
            verified: String(verified),
            signed: String(entries.length > 0 && entries.every((entry) => entry.report.signed)),
            fingerprint: ifVerified((entry) => entry.report.fingerprint),
            'signed-at': ifVerified((entry) => entry.report.signedAt),
            conclusion: ifVerified((entry) => entry.report.conclusion),
            'check-run-id': column((entry) => (entry.checkRunId === undefined ? '' : String(entry.checkRunId))),
            reason: verified ? '' : column((entry) => entry.report.error?.code ?? ''),
        },
    };
}
let checksModule;
/** The GitHub client loads only when check runs are read: local-file mode never evaluates it. */
function loadChecks() {
    checksModule ??= Promise.all(/* import() */[__webpack_require__.e(109), __webpack_require__.e(469), __webpack_require__.e(755)]).then(__webpack_require__.bind(__webpack_require__, 9755));
    return checksModule;
}
async function loadKeyring(trustedKeys, trustedKeysFile, trustedFingerprints) {
    // Files keep their names: a file named after a fingerprint pins it. Text inputs have no name.
    const blocks = [];
    if (trustedKeys.trim())
        blocks.push({ bytes: trustedKeys });
    if (trustedKeysFile.trim()) {
        for (const pattern of trustedKeysFile
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean)) {
            // A plain path goes to the reader as it is, so a FIFO, device or directory is refused, never skipped.
            const files = (0,dist/* isDynamicPattern */.ey)(pattern)
                ? (await (0,dist/* glob */.TI)(pattern, { onlyFiles: false, expandDirectories: false })).sort()
                : [pattern];
            if (files.length === 0) {
                throw new src/* CiSigningError */.AO('TRUSTED_KEYS_FILE_NOT_FOUND', `trusted-keys-file ${pattern} matches no file`, 'Check the path or glob; keys usually live in .github/ci-signing/trusted-keys/*.asc.');
            }
            for (const file of files)
                blocks.push({ source: file, bytes: await (0,src_files/* readBoundedFile */.Mv)(file, input_files/* TRUSTED_KEY_FILE */.x3) });
        }
    }
    // No keys at all is allowed only so that allow-unsigned migrations work; any signature then fails.
    if (!blocks.length) {
        if (trustedFingerprints.length) {
            throw new src/* UsageError */.eb('trusted-fingerprints is set but no trusted keys are given', 'Set trusted-keys or trusted-keys-file to the public keys those fingerprints name.');
        }
        return null;
    }
    return loadTrustedKeys(blocks, { trustedFingerprints });
}
async function verifyLocalFile(request, settings) {
    // A results file written by a step still running elsewhere (rare) may be waited for; by default it is not.
    const deadline = Date.now() + settings.waitTimeoutMs;
    while (settings.waitTimeoutMs > 0 && !(await exists(request.resultsFile)) && Date.now() < deadline) {
        await sleep(Math.min(settings.waitIntervalMs, Math.max(0, deadline - Date.now())));
    }
    const resultsBytes = await (0,src_files/* readBoundedFile */.Mv)(request.resultsFile, parse/* RESULTS_FILE */.yG);
    // A named signature that is missing is a mistake; only the conventional <results-file>.asc is optional.
    const signatureBytes = request.signatureFile
        ? await (0,src_files/* readBoundedFile */.Mv)(request.signatureFile, input_files/* SIGNATURE_FILE */.I9)
        : await (0,src_files/* readOptionalFile */.pL)(`${request.resultsFile}.asc`, input_files/* SIGNATURE_FILE */.I9);
    const { policy, keyring, expected } = settings;
    // Bytes, not text: a binary signature (gpg --detach-sign) is read as it is.
    const report = await verifyResults({
        resultsBytes,
        signature: signatureBytes,
        keyring,
        expected,
        policy,
        now: settings.now(),
        source: request.resultsFile,
    });
    return { name: request.resultsFile, report };
}
async function judge(run, settings, soleName) {
    const source = `check run ${run.name} (#${run.id})`;
    let block;
    try {
        block = (await loadChecks()).decodeEmbeddedBlock(run.text ?? '');
    }
    catch (error) {
        const reason = error instanceof src/* CiSigningError */.AO
            ? error
            : new src/* CiSigningError */.AO('EMBEDDED_BLOCK_INVALID', `${source}: ${String(error)}`, 'Re-post the results with ci-signing post.', 'verification');
        return { run, report: unreadReport('block-unreadable', reason), unsigned: false };
    }
    const input = {
        resultsBytes: block.resultsBytes,
        signature: block.signature,
        keyring: settings.keyring,
        expected: { ...settings.expected, checkRun: { name: run.name, soleName } },
        policy: settings.policy,
        now: settings.now(),
        source,
    };
    return { run, report: await verifyResults(input), unsigned: !block.signature?.trim() };
}
/**
 * The rule: among runs whose signature verifies by a trusted key, the newest signature creation time decides
 * (a tie goes to the run that fails, then the higher id). Status, completed_at, started_at, id and order never
 * choose. Unsigned runs decide only under allow-unsigned and only when no run is validly signed.
 */
function choose(name, runs) {
    const signed = runs.filter((judged) => judged.report.signed);
    const byTime = (judged) => Date.parse(judged.report.signedAt);
    const decider = signed.sort((a, b) => byTime(b) - byTime(a) || Number(a.report.verified) - Number(b.report.verified) || b.run.id - a.run.id)[0];
    if (decider)
        return { name, runs, decider, signed: signed.length };
    // Check 1 warns exactly when an unsigned result is allowed right now.
    const allowedUnsigned = runs
        .filter((judged) => judged.unsigned && judged.report.checks[0]?.status === 'warn')
        .sort((a, b) => b.run.id - a.run.id);
    return { name, runs, decider: allowedUnsigned[0], signed: 0 };
}
async function verifyCheckRuns(request, settings) {
    const { createGitHubClient, readAllCheckRuns } = await loadChecks();
    const names = [...new Set(request.checkNames.map((name) => name.trim()).filter(Boolean))];
    if (names.length === 0)
        throw new src/* UsageError */.eb('no check-name to read', `Set check-name (default ${defaults_src/* DEFAULTS */.zY['check-name']}), or results-file to verify a local file.`);
    if (!request.github?.token)
        throw new src/* UsageError */.eb('no token to read check runs with', 'Set the token input (default github.token) with checks: read, or GITHUB_TOKEN for the CLI.');
    const github = request.github;
    const rateLimitWait = (0,defaults_src/* withDefault */.IQ)('rate-limit-wait', github.rateLimitWait);
    const client = createGitHubClient({
        token: github.token,
        baseUrl: github.baseUrl,
        retries: github.retries,
        retryDelayMs: github.retryDelayMs,
        requestTimeoutMs: github.requestTimeoutMs,
        rateLimitWaitMs: (0,duration/* parseDuration */.E9)(rateLimitWait, { name: 'rate-limit-wait', zeroAllowed: true, example: '10m' }) * 1000,
        log: github.log,
    });
    const { repository, sha } = settings.expected;
    const fork = request.event?.isFork ?? false;
    const started = Date.now();
    const deadline = started + settings.waitTimeoutMs;
    let etag;
    let choices = [];
    for (let poll = 1;; poll++) {
        const listing = await readAllCheckRuns({ client, repository, sha, etag });
        if (listing !== 'not-modified') {
            etag = listing.etag;
            choices = [];
            for (const name of names) {
                const runs = listing.runs.filter((run) => run.name === name);
                const judged = await Promise.all(runs.map((run) => judge(run, settings, names.length === 1)));
                choices.push(choose(name, judged));
            }
        }
        const waiting = choices.filter((choice) => !choice.decider);
        // Trusted runners never test a fork's code, so no signed run will come: say so at once.
        if (waiting.length === 0 || (fork && waiting.every((choice) => choice.signed === 0)))
            break;
        const left = deadline - Date.now();
        if (left <= 0)
            break;
        const pause = Math.min(settings.waitIntervalMs, left);
        github.log(`Waiting for ${waiting.map(describeWaiting).join('; ')} on ${sha} in ${repository} ` +
            `(look ${poll}; next in ${formatMs(pause)}, ${formatMs(left)} of wait-timeout left).`);
        await sleep(pause);
    }
    const waitedMs = Date.now() - started;
    return choices.map((choice) => entryFor(choice, request, settings, waitedMs));
}
function describeWaiting(choice) {
    if (choice.runs.length === 0)
        return `${choice.name}: no check run yet`;
    const newest = newestById(choice.runs);
    const why = newest.report.error ? `${newest.report.error.code} on the newest, #${newest.run.id}` : 'none decides';
    return `${choice.name}: ${choice.runs.length} run(s), none signed by a trusted key (${why})`;
}
function newestById(runs) {
    return [...runs].sort((a, b) => b.run.id - a.run.id)[0];
}
function entryFor(choice, request, settings, waitedMs) {
    const { repository, sha } = settings.expected;
    const { name, runs, decider } = choice;
    const others = runs.length - 1;
    if (decider) {
        const why = decider.report.signed
            ? `the newest trusted signature (${decider.report.signedAt})`
            : 'no run is validly signed; unsigned allowed';
        const note = `Run #${decider.run.id} decided: ${why}; ${others} other run(s) of ${name} on this commit.`;
        return {
            name,
            report: decider.report,
            checkRunId: decider.run.id,
            checkRunUrl: decider.run.htmlUrl ?? undefined,
            note,
        };
    }
    if (request.event?.isFork) {
        const from = request.event.headRepository ? `from ${request.event.headRepository}` : 'from a fork';
        const error = new src/* CiSigningError */.AO('FORK_PULL_REQUEST', `This pull request comes ${from}: no check run named ${name} on ${sha} in ${repository} has a trusted ` +
            `signature, and trusted runners do not run code from forks.`, 'A maintainer reviews the change, then pushes the head to a branch of this repository (git push origin ' +
            '<sha>:refs/heads/<branch>); the trusted runner signs that commit and this check, re-run, verifies it.', 'verification');
        return {
            name,
            report: unreadReport('fork-pull-request', error),
            note: `Not waited: ${runs.length} run(s) of ${name}, none signed by a trusted key.`,
        };
    }
    const waited = settings.waitTimeoutMs > 0 ? ` after waiting ${formatMs(waitedMs)} (wait-timeout)` : '';
    if (runs.length === 0) {
        const error = new src/* CiSigningError */.AO(settings.waitTimeoutMs > 0 ? 'CHECK_RUN_WAIT_TIMED_OUT' : 'CHECK_RUN_NOT_FOUND', `No check run named ${name} on ${sha} in ${repository}${waited}.`, 'Make sure the trusted runner ran for this commit and posted under this check-name (post action or ' +
            'ci-signing post); raise wait-timeout if it needs longer.', 'verification');
        return { name, report: unreadReport(settings.waitTimeoutMs > 0 ? 'wait-timed-out' : 'run-not-found', error) };
    }
    // Nothing verifies by a trusted key: the newest run by id speaks, with its own failure.
    const newest = newestById(runs);
    const note = `No run of ${name} has a valid trusted signature${waited}: ${runs.length} run(s); the newest, ` +
        `#${newest.run.id}, is reported.`;
    return { name, report: newest.report, checkRunId: newest.run.id, checkRunUrl: newest.run.htmlUrl ?? undefined, note };
}
function formatMs(ms) {
    return ms < 1000 ? `${Math.max(0, Math.round(ms))}ms` : (0,duration/* formatSeconds */.Xo)(Math.round(ms / 1000));
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
async function exists(path) {
    return (0,promises_.access)(path).then(() => true, () => false);
}

;// CONCATENATED MODULE: ./packages/cli/src/text.ts

const MARK = { pass: 'PASS', fail: 'FAIL', skip: 'skip', warn: 'WARN' };
/** The terminal form of a verification: one block per result, one line per check. */
function renderVerificationText(entries, revokedKeys = []) {
    const lines = [];
    if (revokedKeys.length)
        lines.push(`Revoked trusted keys: ${revokedKeys.join(', ')}`);
    for (const { name, report, checkRunId } of entries) {
        lines.push(`${report.verified ? 'VERIFIED' : 'REJECTED'}  ` +
            `${name}${checkRunId === undefined ? '' : ` (check run ${checkRunId})`}`);
        if (report.unread)
            lines.push(`  FAIL  ${report.unread.title}: ${report.unread.detail}`);
        for (const check of report.checks)
            lines.push(`  ${MARK[check.status]}  ${check.title}${check.detail ? `: ${check.detail}` : ''}`);
        if (report.error?.fix && !report.verified)
            lines.push(`  fix: ${report.error.fix}`);
        if (report.fingerprint)
            lines.push(`  signer ${report.fingerprint}, signed at ${report.signedAt}`);
    }
    // Details carry names from files and check runs: no terminal escapes reach the terminal.
    return `${lines.map(src_text/* safeLine */.om).join('\n')}\n`;
}

;// CONCATENATED MODULE: ./packages/cli/src/commands.ts












async function runCommand(name, values, io, positionals = []) {
    switch (name) {
        case 'collect':
            return collect(values, io);
        case 'run':
            return run(values, io, positionals);
        case 'keygen':
            return keygen(values, io);
        case 'sign':
            return sign(values, io);
        case 'verify':
            return verify(values, io);
        case 'post':
            return post(values, io);
    }
}
function commands_text(values, flag) {
    const value = values[flag];
    return typeof value === 'string' ? value : '';
}
function commands_required(values, flag, command) {
    const value = commands_text(values, flag);
    if (!value)
        throw new src/* UsageError */.eb(`--${flag} is required`, `Run ci-signing ${command} --${flag} ... (see --help).`);
    return value;
}
/** A secret from --X-file or an environment variable; never from a flag value. */
async function secret(values, flag, envName, io) {
    const file = commands_text(values, flag);
    if (file) {
        // A passphrase file's trailing newline is not part of the passphrase.
        return (await (0,src_files/* readBoundedText */.Ht)(file, (0,input_files/* secretFile */.pb)(`--${flag}`, `--${flag}`))).replace(/\r?\n$/, '');
    }
    return io.env[envName];
}
async function keygen(values, io) {
    const name = commands_required(values, 'name', 'keygen');
    const email = commands_required(values, 'email', 'keygen');
    const outDir = commands_required(values, 'out-dir', 'keygen');
    const algorithm = (0,defaults_src/* withDefault */.IQ)('algorithm', commands_text(values, 'algorithm'));
    if (algorithm !== 'ed25519' && algorithm !== 'rsa4096')
        throw new src/* UsageError */.eb(`--algorithm must be ed25519 or rsa4096, got '${algorithm}'`, 'Use --algorithm ed25519 (default) or rsa4096.');
    const expiresInSeconds = (0,duration/* parseDuration */.E9)((0,defaults_src/* withDefault */.IQ)('expires', commands_text(values, 'expires')), {
        name: '--expires',
        zeroAllowed: true,
        example: '1y or 90d',
    });
    const missing = passphraseFileMissing(commands_text(values, 'passphrase-file'));
    const passphrase = values['no-passphrase']
        ? ''
        : await secret(values, 'passphrase-file', 'CI_SIGNING_PASSPHRASE', io).catch(missing);
    if (values['no-passphrase'] && commands_text(values, 'passphrase-file'))
        throw new src/* UsageError */.eb('--no-passphrase and --passphrase-file contradict each other', 'Give one of them.');
    if (passphrase === undefined)
        throw new src/* UsageError */.eb('no passphrase chosen for the private key', 'Give --passphrase-file FILE (or env CI_SIGNING_PASSPHRASE), or --no-passphrase to leave the key unencrypted.');
    if (!values['no-passphrase'] && passphrase === '')
        throw new src/* UsageError */.eb('the passphrase is empty', 'Put a passphrase in the file, or use --no-passphrase.');
    const paths = {
        privateKey: (0,external_node_path_.join)(outDir, 'private-key.asc'),
        publicKey: (0,external_node_path_.join)(outDir, 'public-key.asc'),
        revocation: (0,external_node_path_.join)(outDir, 'revocation.asc'),
    };
    for (const path of Object.values(paths)) {
        if (await commands_exists(path))
            throw new src/* CiSigningError */.AO('KEY_FILE_EXISTS', `${path} already exists; keygen never overwrites keys`, 'Choose another --out-dir, or move the old keys away first.');
    }
    const pair = await generateKeyPair({ name, email, expiresInSeconds, algorithm, passphrase: passphrase || undefined });
    await (0,promises_.mkdir)(outDir, { recursive: true, mode: 0o700 });
    const written = [];
    try {
        // 'wx' refuses to replace a file that appeared meanwhile; nothing half-written stays behind on failure.
        for (const [path, content, mode] of [
            [paths.privateKey, pair.privateKey, 0o600],
            [paths.publicKey, pair.publicKey, 0o644],
            [paths.revocation, pair.revocationCertificate, 0o600],
        ]) {
            await (0,promises_.writeFile)(path, content, { flag: 'wx', mode });
            written.push(path);
        }
    }
    catch (error) {
        await Promise.all(written.map((path) => (0,promises_.rm)(path, { force: true })));
        throw new src/* CiSigningError */.AO('FILE_UNWRITABLE', `cannot write the key files in ${outDir} (${error.code ?? 'error'})`, 'Check that --out-dir is writable and holds no key files.');
    }
    await protectKeyFolder(outDir);
    io.stdout(`${pair.fingerprint}\n`);
    const passphraseSource = values['no-passphrase'] ? 'none' : commands_text(values, 'passphrase-file') || 'env';
    io.stderr(keygenNextSteps({ ...paths, outDir, fingerprint: pair.fingerprint, passphraseSource }));
    return 0;
}
function collectRequest(values, io) {
    return {
        reports: values.reports ?? [],
        outFile: (0,defaults_src/* withDefault */.IQ)('results-file', commands_text(values, 'out')),
        overwrite: values.overwrite === true,
        repository: commands_text(values, 'repository'),
        commit: commands_text(values, 'commit'),
        checkName: commands_text(values, 'check-name'),
        env: io.env,
    };
}
/** The report parsers (saxes and the rest) load only for collect and run. */
function loadCollect() {
    return Promise.all(/* import() */[__webpack_require__.e(109), __webpack_require__.e(800), __webpack_require__.e(469), __webpack_require__.e(580)]).then(__webpack_require__.bind(__webpack_require__, 1580));
}
async function collect(values, io) {
    const exitCodeText = commands_text(values, 'exit-code');
    const exitCode = exitCodeText ? (0,numbers/* parseNonNegativeInteger */.M)('--exit-code', exitCodeText, 255) : undefined;
    const { collectResultsFile } = await loadCollect();
    const outcome = await collectResultsFile({ ...collectRequest(values, io), exitCode });
    io.stdout(`${outcome.summaryLine}\n`);
    return 0;
}
async function run(values, io, command) {
    const { runAndCollect } = await loadCollect();
    const outcome = await runAndCollect({ ...collectRequest(values, io), command });
    io.stderr(`${outcome.summaryLine}\n`);
    return outcome.exitCode;
}
async function sign(values, io) {
    const resultsFile = commands_required(values, 'results-file', 'sign');
    (0,args/* checkSha */.$)(commands_text(values, 'sha'));
    const privateKey = await secret(values, 'private-key-file', 'CI_SIGNING_PRIVATE_KEY', io);
    if (!privateKey)
        throw new src/* UsageError */.eb('no private key given', 'Give --private-key-file FILE or set env CI_SIGNING_PRIVATE_KEY.');
    const passphrase = (await secret(values, 'passphrase-file', 'CI_SIGNING_PASSPHRASE', io)) ?? '';
    const outcome = await signResultsFile({
        resultsFile,
        privateKey,
        passphrase,
        signatureFile: commands_text(values, 'signature-file'),
        allowGithubHosted: values['allow-github-hosted'] === true,
        runnerEnvironment: io.env.RUNNER_ENVIRONMENT,
        githubRepository: io.env.GITHUB_REPOSITORY,
        // In Actions the tested commit, as the sign action; outside Actions only --sha binds.
        expectedSha: commands_text(values, 'sha') || (io.env.GITHUB_ACTIONS === 'true' ? (0,context/* defaultSha */.Q7)(io.env) : ''),
    });
    for (const warning of outcome.warnings)
        io.stderr(`warning: ${(0,src_text/* safeLine */.om)(warning)}\n`);
    io.stdout(`signature-file=${outcome.signatureFile}\nfingerprint=${outcome.fingerprint}\ndigest=${outcome.digest}\n`);
    return 0;
}
async function verify(values, io) {
    const event = (0,context/* eventContext */.Wl)(io.env);
    const format = commands_text(values, 'format') || 'text';
    if (!['text', 'markdown', 'json'].includes(format))
        throw new src/* UsageError */.eb(`--format must be text, markdown or json, got '${format}'`, 'Use --format text, markdown or json.');
    (0,args/* checkSha */.$)(commands_text(values, 'sha'));
    (0,args/* checkPercentage */.DG)(commands_text(values, 'min-coverage'));
    const trustedKeysFiles = values['trusted-keys-file'] ?? [];
    const checkNames = values['check-name'] ?? [defaults_src/* DEFAULTS */.zY['check-name']];
    const outcome = await verifySignedResults({
        resultsFile: commands_text(values, 'results-file'),
        signatureFile: commands_text(values, 'signature-file'),
        trustedKeys: commands_text(values, 'trusted-keys'),
        trustedKeysFile: trustedKeysFiles.join('\n'),
        trustedFingerprints: commands_text(values, 'trusted-fingerprints'),
        sha: commands_text(values, 'sha') || event.sha,
        // In Actions (a fork's pull request fails at once instead of waiting); outside, no event.
        event,
        repository: commands_text(values, 'repository') || io.env.GITHUB_REPOSITORY || '',
        allowUnsigned: commands_text(values, 'allow-unsigned'),
        maxFailedTests: commands_text(values, 'max-failed-tests'),
        minCoverage: commands_text(values, 'min-coverage'),
        minTests: commands_text(values, 'min-tests'),
        maxAge: commands_text(values, 'max-age'),
        checkNames,
        waitTimeout: commands_text(values, 'wait-timeout'),
        waitInterval: commands_text(values, 'wait-interval'),
        github: {
            token: io.env.GITHUB_TOKEN ?? '',
            baseUrl: apiUrlOf(values, io),
            rateLimitWait: commands_text(values, 'rate-limit-wait'),
            log: (line) => io.stderr(`${line}\n`),
        },
    });
    for (const warning of outcome.warnings)
        io.stderr(`warning: ${(0,src_text/* safeLine */.om)(warning)}\n`);
    if (format === 'json')
        io.stdout(`${JSON.stringify({ ...outcome.outputs, revokedKeys: outcome.revokedKeys, warnings: outcome.warnings, entries: outcome.entries.map(({ name, report, checkRunId }) => ({ name, checkRunId, ...report, error: report.error ? { code: report.error.code, message: report.error.message, fix: report.error.fix } : undefined })) }, null, 2)}\n`);
    else if (format === 'markdown')
        io.stdout(outcome.summary);
    else
        io.stdout(renderVerificationText(outcome.entries, outcome.revokedKeys));
    return outcome.verified ? 0 : 1;
}
async function post(values, io) {
    // The GitHub client (Octokit, undici) loads only here, so the other commands never compile it.
    const [{ createAppInstallationToken }, { postResultsFile }] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(109), __webpack_require__.e(469), __webpack_require__.e(755)]).then(__webpack_require__.bind(__webpack_require__, 9755)),
        Promise.all(/* import() */[__webpack_require__.e(109), __webpack_require__.e(800), __webpack_require__.e(469), __webpack_require__.e(580)]).then(__webpack_require__.bind(__webpack_require__, 1580)),
    ]);
    const resultsFile = commands_required(values, 'results-file', 'post');
    const baseUrl = apiUrlOf(values, io);
    const appId = commands_text(values, 'app-id');
    const log = (line) => io.stderr(`${line}\n`);
    let token = io.env.GITHUB_TOKEN ?? '';
    if (appId) {
        const keyFile = commands_required(values, 'app-private-key-file', 'post');
        const privateKeyPem = await (0,src_files/* readBoundedText */.Ht)(keyFile, (0,input_files/* secretFile */.pb)('--app-private-key-file', 'GitHub App private key'));
        const { results } = await (0,parse/* readResultsFile */.B9)(resultsFile);
        token = await createAppInstallationToken({ appId, privateKeyPem, repository: results.repository, baseUrl });
    }
    if (!token)
        throw new src/* UsageError */.eb('no GitHub credentials', 'Set env GITHUB_TOKEN to a token with checks: write, or give --app-id and --app-private-key-file (classic ' +
            'personal access tokens cannot create check runs).');
    const outcome = await postResultsFile({
        resultsFile,
        signatureFile: commands_text(values, 'signature-file'),
        token,
        checkName: commands_text(values, 'check-name'),
        retries: commands_text(values, 'retries'),
        retryDelay: commands_text(values, 'retry-delay'),
        requestTimeout: commands_text(values, 'request-timeout'),
        rateLimitWait: commands_text(values, 'rate-limit-wait'),
        apiUrl: baseUrl,
        log,
        warn: (line) => io.stderr(`warning: ${line}\n`),
    });
    io.stdout(`check-run-id=${outcome.checkRunId}\ncheck-run-url=${outcome.checkRunUrl}\nattempts=${outcome.attempts}\nsigned=${outcome.signed}\n`);
    return 0;
}
function apiUrlOf(values, io) {
    return commands_text(values, 'api-url') || (0,context/* apiUrl */.y0)(io.env);
}
async function commands_exists(path) {
    return (0,promises_.lstat)(path).then(() => true, () => false);
}


/***/ }),

/***/ 1588:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ formatBytes)
/* harmony export */ });
/** 1048576 -> "1 MiB", 65536 -> "64 KiB", 500 -> "500 bytes". */
function formatBytes(bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0)
        return `${bytes / (1024 * 1024)} MiB`;
    if (bytes >= 1024 && bytes % 1024 === 0)
        return `${bytes / 1024} KiB`;
    return `${bytes} bytes`;
}


/***/ }),

/***/ 4463:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ sha256Digest)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
// The one digest format: what the check-run block and the sign outputs name the results by.

/** `sha256:<64 hex>` of the exact bytes. */
function sha256Digest(bytes) {
    return `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(bytes).digest('hex')}`;
}


/***/ }),

/***/ 4627:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   Xo: () => (/* binding */ formatSeconds),
/* harmony export */   yi: () => (/* binding */ parseDurationMs)
/* harmony export */ });
/* harmony import */ var _errors_src_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4357);
// The one duration grammar: max-age, keygen --expires, wait-timeout, wait-interval and rate-limit-wait.

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
const GRAMMAR = /^(\d+\s*[smhdwy]\s*)+$/;
/**
 * parseDuration's grammar plus the unit `ms`, in milliseconds. Only for waits that tests need to run
 * short (wait-interval, wait-timeout); ages and expiries stay in whole seconds.
 */
function parseDurationMs(value, options) {
    const text = value.trim().toLowerCase();
    const parts = [...text.matchAll(/(\d+)\s*ms/g)];
    const rest = text.replace(/(\d+)\s*ms/g, '').trim();
    if (parts.length === 0)
        return parseDuration(value, options) * 1000;
    const ms = parts.reduce((sum, [, amount]) => sum + Number(amount), 0) +
        (rest ? parseDuration(rest, { ...options, zeroAllowed: true }) * 1000 : 0);
    if (ms === 0 && !options.zeroAllowed) {
        throw new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`${options.name} "${value}" must be longer than 0.`, `Set ${options.name} to e.g. ${options.example ?? '15s'}.`);
    }
    return ms;
}
/**
 * `90s`, `30m`, `24h`, `7d`, `2w`, `1y`, also combined (`1d 12h`) -> seconds. A year is 365 days.
 * `0` is zero seconds where allowed. Empty text is the caller's concern (it usually means "the default").
 */
function parseDuration(value, options) {
    const text = value.trim().toLowerCase();
    const example = options.example ?? '15m, 24h or 7d';
    if (options.zeroAllowed && text === '0')
        return 0;
    if (!GRAMMAR.test(text)) {
        throw new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`${options.name} "${value}" is not a duration: use whole numbers with a unit s, m, h, d, w or y.`, `Set ${options.name} to e.g. ${example}${options.zeroAllowed ? ', or 0' : ''}.`);
    }
    let seconds = 0;
    for (const [, amount, unit] of text.matchAll(/(\d+)\s*([smhdwy])/g))
        seconds += Number(amount) * UNIT_SECONDS[unit];
    if (!Number.isSafeInteger(seconds) || (seconds === 0 && !options.zeroAllowed)) {
        throw new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`${options.name} "${value}" must be longer than 0 and reasonably bounded.`, `Set ${options.name} to e.g. ${example}.`);
    }
    return seconds;
}
/** Seconds as `2d 3h`, `1h 30m`, `45s`: non-zero units, largest first. */
function formatSeconds(totalSeconds) {
    const parts = [];
    let rest = totalSeconds;
    for (const [unit, size] of [
        ['d', 86400],
        ['h', 3600],
        ['m', 60],
        ['s', 1],
    ]) {
        const amount = Math.floor(rest / size);
        rest -= amount * size;
        if (amount > 0)
            parts.push(`${amount}${unit}`);
    }
    return parts.length > 0 ? parts.join(' ') : '0s';
}


/***/ }),

/***/ 6416:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ht: () => (/* binding */ readBoundedText),
/* harmony export */   Mv: () => (/* binding */ readBoundedFile),
/* harmony export */   Tq: () => (/* binding */ readBoundedFileSync),
/* harmony export */   Zf: () => (/* binding */ writeFileAtomic),
/* harmony export */   fA: () => (/* binding */ assertRegularFile),
/* harmony export */   pL: () => (/* binding */ readOptionalFile),
/* harmony export */   pn: () => (/* binding */ openFileStream)
/* harmony export */ });
/* unused harmony export FILE_STREAM_CHUNK_BYTES */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_src_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4357);
/* harmony import */ var _bytes_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1588);
// The one file reader and writer. Every file a user names is read here: regular files only, with a size cap
// (or streamed in chunks, never held whole), so a FIFO, a device or a huge file can neither stall nor flood a run,
// and no message quotes the content.





/**
 * Opens a regular file (a symlink is followed only to one) and gives its size. O_NONBLOCK keeps the open of a
 * FIFO from waiting for a writer; fstat then refuses it, like a device, socket or directory.
 */
async function openRegular(path, options) {
    let handle;
    try {
        handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(path, node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_NONBLOCK);
    }
    catch (error) {
        throw openFailure(path, options, errnoCode(error));
    }
    try {
        const stats = await handle.stat();
        if (!stats.isFile())
            throw notRegular(path, options, describeKind(stats));
        return { handle, size: stats.size };
    }
    catch (error) {
        await handle.close();
        throw error;
    }
}
/** Reads a regular file of at most `maxBytes` (see openRegular). */
async function readBoundedFile(path, options) {
    const { handle, size } = await openRegular(path, options);
    try {
        if (size > options.maxBytes)
            throw tooLarge(path, options);
        // The file may grow while it is read: read at most one byte past the cap and refuse then.
        const buffer = Buffer.alloc(Math.min(size, options.maxBytes) + 1);
        let length = 0;
        for (;;) {
            if (length === buffer.length)
                throw tooLarge(path, options);
            const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
            if (bytesRead === 0)
                break;
            length += bytesRead;
        }
        return buffer.subarray(0, length);
    }
    catch (error) {
        if (error instanceof _errors_src_index_js__WEBPACK_IMPORTED_MODULE_3__/* .CiSigningError */ .AO)
            throw error;
        throw openFailure(path, options, errnoCode(error));
    }
    finally {
        await handle.close();
    }
}
/**
 * Checks, without reading, that a path names a regular file, for files that are streamed rather than read
 * whole (reports). A FIFO or device is refused at once, as by the reader.
 */
async function assertRegularFile(path, options) {
    const { handle } = await openRegular(path, { ...options, maxBytes: Number.MAX_SAFE_INTEGER });
    await handle.close();
}
/** How much a file stream reads at a time: per-chunk costs vanish at this size, and memory stays small. */
const FILE_STREAM_CHUNK_BYTES = 1024 * 1024;
/**
 * Opens a regular file (see openRegular) to be read as a stream rather than whole, for files too large to hold
 * in memory. No cap: the reader decides what it keeps. A read that fails errors the stream with FILE_UNREADABLE;
 * the file is closed when the stream ends, fails or is cancelled, and by close().
 */
async function openFileStream(path, options, chunkBytes = FILE_STREAM_CHUNK_BYTES) {
    const full = { ...options, maxBytes: Number.MAX_SAFE_INTEGER };
    const { handle, size } = await openRegular(path, full);
    let closing;
    const close = () => (closing ??= handle.close().catch(() => undefined));
    const stream = new ReadableStream({
        async pull(controller) {
            // A fresh buffer per chunk: openpgp keeps chunks while it hashes them and tees its streams.
            const chunk = new Uint8Array(chunkBytes);
            let bytesRead;
            try {
                ({ bytesRead } = await handle.read(chunk, 0, chunkBytes, null));
            }
            catch (error) {
                await close();
                controller.error(openFailure(path, full, errnoCode(error)));
                return;
            }
            if (bytesRead === 0) {
                await close();
                controller.close();
                return;
            }
            controller.enqueue(bytesRead === chunkBytes ? chunk : chunk.subarray(0, bytesRead));
        },
        cancel: close,
    }, 
    // Read only when the consumer asks: nothing queues ahead of the hash.
    { highWaterMark: 0 });
    return { stream, size, close };
}
/**
 * readBoundedFile for the few places that must stay synchronous (the event payload, read when a default sha is
 * worked out): the same checks, one byte past the cap refused.
 */
function readBoundedFileSync(path, options) {
    let fd;
    try {
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(path, node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_NONBLOCK);
    }
    catch (error) {
        throw openFailure(path, options, errnoCode(error));
    }
    try {
        const stats = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.fstatSync)(fd);
        if (!stats.isFile())
            throw notRegular(path, options, describeKind(stats));
        if (stats.size > options.maxBytes)
            throw tooLarge(path, options);
        const buffer = Buffer.alloc(stats.size + 1);
        let length = 0;
        for (;;) {
            if (length === buffer.length)
                throw tooLarge(path, options);
            const read = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readSync)(fd, buffer, length, buffer.length - length, null);
            if (read === 0)
                break;
            length += read;
        }
        return buffer.subarray(0, length);
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(fd);
    }
}
/** Like readBoundedFile as UTF-8 text. */
async function readBoundedText(path, options) {
    return (await readBoundedFile(path, options)).toString('utf8');
}
/** Like readBoundedFile, but a file that does not exist is null (an optional, conventional path). */
async function readOptionalFile(path, options) {
    try {
        return await readBoundedFile(path, options);
    }
    catch (error) {
        if (error instanceof _errors_src_index_js__WEBPACK_IMPORTED_MODULE_3__/* .CiSigningError */ .AO && error.code === 'FILE_NOT_FOUND')
            return null;
        throw error;
    }
}
/** Writes through a temporary file and a rename, so a reader never sees a half-written file. */
async function writeFileAtomic(path, content, mode = 0o644) {
    const temporary = `${path}.${process.pid}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4).toString('hex')}.tmp`;
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile)(temporary, content, { mode, flag: 'wx' });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(temporary, path);
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(temporary, { force: true });
        throw new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_3__/* .CiSigningError */ .AO('FILE_UNWRITABLE', `Cannot write ${path} (${errnoCode(error)}).`, 'Check that the folder exists and is writable.');
    }
}
function capitalized(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
function openFailure(path, options, code) {
    if (code === 'ENOENT') {
        return new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_3__/* .CiSigningError */ .AO('FILE_NOT_FOUND', `${capitalized(options.what)} ${path} does not exist.`, `Check the ${options.flag} path: relative paths are resolved from ${process.cwd()}.`);
    }
    // A socket cannot be opened as a file (ENXIO); it is not a regular file either.
    if (code === 'ENXIO')
        return notRegular(path, options, 'a socket');
    return new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_3__/* .CiSigningError */ .AO('FILE_UNREADABLE', `${capitalized(options.what)} ${path} cannot be read (${describeErrno(code)}).`, `Point ${options.flag} at a readable regular file.`);
}
function notRegular(path, options, kind) {
    return new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_3__/* .CiSigningError */ .AO('FILE_NOT_REGULAR', `${capitalized(options.what)} ${path} is ${kind}, not a regular file.`, `Point ${options.flag} at a regular file (a symlink is followed only to a regular file).`);
}
function tooLarge(path, options) {
    const limit = options.limitName ?? `the ${options.what} cap`;
    return new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_3__/* .CiSigningError */ .AO('FILE_TOO_LARGE', `${capitalized(options.what)} ${path} is larger than ${(0,_bytes_js__WEBPACK_IMPORTED_MODULE_4__/* .formatBytes */ .z)(options.maxBytes)} (${limit}).`, `Point ${options.flag} at the intended ${options.what}: ` +
        'a larger one is refused so that no input can stall or flood a run.');
}
function describeKind(stats) {
    if (stats.isDirectory())
        return 'a directory';
    if (stats.isFIFO())
        return 'a FIFO (named pipe)';
    if (stats.isCharacterDevice() || stats.isBlockDevice())
        return 'a device';
    if (stats.isSocket())
        return 'a socket';
    return 'not a regular file';
}
function describeErrno(code) {
    switch (code) {
        case 'EISDIR':
            return 'it is a directory';
        case 'EACCES':
        case 'EPERM':
            return 'permission denied';
        default:
            return code;
    }
}
function errnoCode(error) {
    return error?.code ?? 'unknown error';
}


/***/ }),

/***/ 1729:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ parseNonNegativeInteger)
/* harmony export */ });
/* harmony import */ var _errors_src_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4357);
// Whole-number inputs (max-failed-tests, min-tests, retries): one grammar, usage errors naming the input.

/** A whole number >= 0, optionally at most `max`. */
function parseNonNegativeInteger(name, value, max = Number.MAX_SAFE_INTEGER) {
    const text = value.trim();
    const number = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(number)) {
        throw new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`${name} "${value}" must be a whole number 0 or greater.`, `Set ${name} to a whole number such as 0 or 1.`);
    }
    if (number > max)
        throw new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`${name} "${value}" must be a whole number from 0 to ${max}.`, `Set ${name} to e.g. 3.`);
    return number;
}


/***/ }),

/***/ 5190:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ isoSeconds)
/* harmony export */ });
// The one time format: ISO 8601 in UTC to the second, as GitHub writes check-run times.
/** `2024-05-01T12:00:00Z` (milliseconds dropped). */
function isoSeconds(date) {
    return new Date(date).toISOString().replace(/\.\d{3}Z$/, 'Z');
}


/***/ }),

/***/ 2349:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BO: () => (/* binding */ redactUrl),
/* harmony export */   Dm: () => (/* binding */ quotableText),
/* harmony export */   T_: () => (/* binding */ describeName),
/* harmony export */   cY: () => (/* binding */ describeEnumValue),
/* harmony export */   vJ: () => (/* binding */ describeShape),
/* harmony export */   wt: () => (/* binding */ urlHasCredentials)
/* harmony export */ });
/* harmony import */ var _errors_src_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2310);
// How messages speak of content from a file or a remote: by its shape, never by quoting it (a results file
// symlinked to a credentials file, or a planted token, must not end up in a log).

/** The type and length of a value: "a string of 40 characters", "an array of 3 items", "a number". */
function describeShape(value) {
    if (value === null)
        return 'null';
    if (value === undefined)
        return 'nothing';
    if (Array.isArray(value))
        return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
    if (typeof value === 'string')
        return `a string of ${value.length} character${value.length === 1 ? '' : 's'}`;
    if (typeof value === 'object')
        return 'an object';
    return /^[aeiou]/.test(typeof value) ? `an ${typeof value}` : `a ${typeof value}`;
}
/**
 * For enum-like fields only: a short lower-case word (at most 20 characters of a-z and _) is shown quoted,
 * so a typo like "sucess" is still seen; anything else by its shape.
 */
function describeEnumValue(value) {
    if (typeof value === 'string' && value.length <= 20 && /^[a-z_]+$/.test(value))
        return JSON.stringify(value);
    return describeShape(value);
}
/** A URL for messages: scheme, host and path, without user, password, query or fragment. */
function redactUrl(url) {
    if (!URL.canParse(url))
        return `a value of ${url.length} characters that is not a URL`;
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}
/** True when the URL carries credentials (user or password before the host). */
function urlHasCredentials(url) {
    return URL.canParse(url) && (new URL(url).username !== '' || new URL(url).password !== '');
}
// A run of word characters this long could be a token (ghp_..., a JWT part, a key); a 40-hex commit sha is not.
const SECRET_LIKE = /[A-Za-z0-9_]{20,}/g;
const COMMIT_SHA = /^[0-9a-fA-F]{40}$/;
/**
 * Remote or file text that a message may quote (GitHub's error messages, a check name): every run that could be
 * a secret is replaced by its length, so a planted token never reaches a log. Expects one line of text.
 */
function quotableText(text) {
    return text.replace(SECRET_LIKE, (run) => (COMMIT_SHA.test(run) ? run : `[${run.length} characters not shown]`));
}
/** A name from content (the results' `check`): quoted when short and nothing in it could be a secret. */
function describeName(value) {
    if (typeof value === 'string' &&
        value.length <= 100 &&
        quotableText(value) === value &&
        (0,_errors_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .stripControl */ .kU)(value) === value) {
        return JSON.stringify(value);
    }
    return describeShape(value);
}


/***/ }),

/***/ 1115:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q7: () => (/* binding */ defaultSha),
/* harmony export */   Wl: () => (/* binding */ eventContext),
/* harmony export */   y0: () => (/* binding */ apiUrl)
/* harmony export */ });
/* harmony import */ var _common_src_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6416);
/* harmony import */ var _defaults_src_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4592);
/* harmony import */ var _errors_src_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4357);



// The commit that was tested, by event: on pull_request GITHUB_SHA is a test-merge commit, on workflow_run it
// is the default branch; merge_group and push name it in the payload too (docs: reference/github-checks-api.md §6).
const TESTED_SHA = {
    pull_request: (payload) => payload.pull_request?.head?.sha,
    merge_group: (payload) => payload.merge_group?.head_sha,
    workflow_run: (payload) => payload.workflow_run?.head_sha,
    push: (payload) => payload.after,
};
/** The event payload through the bounded reader: a FIFO or a huge file cannot stall a run. */
const EVENT_PAYLOAD = {
    what: 'event payload',
    flag: 'GITHUB_EVENT_PATH',
    maxBytes: _defaults_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .LIMITS */ .b1.eventPayloadBytes,
};
function readPayload(env) {
    if (!env.GITHUB_EVENT_PATH)
        return undefined;
    try {
        return JSON.parse((0,_common_src_index_js__WEBPACK_IMPORTED_MODULE_1__/* .readBoundedFileSync */ .Tq)(env.GITHUB_EVENT_PATH, EVENT_PAYLOAD).toString('utf8'));
    }
    catch {
        // An unreadable payload falls back to GITHUB_SHA; binding still fails closed on a mismatch.
        return undefined;
    }
}
/** The event's commit, fork status and base; refuses pull_request_target, which runs beside untrusted code. */
function eventContext(env) {
    const event = env.GITHUB_EVENT_NAME ?? '';
    if (event === 'pull_request_target') {
        throw new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb('ci-signing does not run on pull_request_target: that event has write access and secrets next to ' +
            'untrusted head code', 'Run the verifier on pull_request (and merge_group, push); keys and verifier come from the base commit there.');
    }
    const payload = readPayload(env);
    const pick = TESTED_SHA[event];
    const sha = (payload && pick?.(payload)) || env.GITHUB_SHA || '';
    if (event !== 'pull_request')
        return { event, sha, isFork: false, baseSha: payload?.merge_group?.base_sha };
    const head = payload?.pull_request?.head;
    const base = payload?.pull_request?.base;
    const headRepository = head?.repo?.full_name;
    const baseRepository = base?.repo?.full_name ?? env.GITHUB_REPOSITORY;
    // head.repo is null when the fork was deleted: that code came from outside too.
    const isFork = Boolean(head) &&
        (head?.repo === null ||
            (Boolean(headRepository) && headRepository?.toLowerCase() !== baseRepository?.toLowerCase()));
    return { event, sha, isFork, headRepository: headRepository ?? undefined, baseSha: base?.sha };
}
/** The commit results must be bound to: the tested commit of the event (eventContext), else GITHUB_SHA. */
function defaultSha(env) {
    return eventContext(env).sha;
}
function apiUrl(env) {
    return env.GITHUB_API_URL || 'https://api.github.com';
}


/***/ }),

/***/ 914:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I9: () => (/* binding */ SIGNATURE_FILE),
/* harmony export */   pb: () => (/* binding */ secretFile),
/* harmony export */   x3: () => (/* binding */ TRUSTED_KEY_FILE)
/* harmony export */ });
/* harmony import */ var _defaults_src_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4592);

const SIGNATURE_FILE = {
    what: 'signature file',
    flag: 'signature-file',
    maxBytes: _defaults_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .LIMITS */ .b1.signatureArmorBytes,
    limitName: 'the signature cap',
};
const TRUSTED_KEY_FILE = {
    what: 'trusted key file',
    flag: 'trusted-keys-file',
    maxBytes: _defaults_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .LIMITS */ .b1.trustedKeyFileBytes,
    limitName: 'the cap on one trusted key file',
};
/** A private key, passphrase or GitHub App key named by a CLI flag. */
function secretFile(flag, what) {
    return { what, flag, maxBytes: _defaults_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .LIMITS */ .b1.secretFileBytes, limitName: 'the cap on a key or passphrase file' };
}


/***/ }),

/***/ 7905:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ey: () => (/* binding */ formatTimestamp),
/* harmony export */   OF: () => (/* binding */ fenced),
/* harmony export */   X1: () => (/* binding */ escapeText),
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   nM: () => (/* binding */ row)
/* harmony export */ });
/* harmony import */ var _errors_src_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2310);
// Markdown building blocks for anything shown to people (check-run output, job summaries). Text from outside
// is untrusted for formatting purposes and always escaped or fenced.

/** `2024-05-01 12:00:00 UTC` from an ISO timestamp. */
function formatTimestamp(iso) {
    const time = Date.parse(iso);
    if (!Number.isFinite(time))
        return escapeText(iso);
    return `${new Date(time).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
function row(cells) {
    return `| ${cells.join(' | ')} |`;
}
/** Plain text on one line with every character markdown (or a table cell) could act on escaped. */
function escapeText(text) {
    return (0,_errors_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLine */ .om)(text).replace(/[\\`*_[\]<>|~&]/g, '\\$&');
}
/** An inline code span that survives backticks inside it and pipes inside a table cell. */
function code(text) {
    const value = (0,_errors_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLine */ .om)(text);
    const longestRun = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longestRun + 1);
    const padding = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
    return `${fence}${padding}${value.replace(/\|/g, '\\|')}${padding}${fence}`;
}
/** A fenced block whose fence is longer than any backtick run inside it. */
function fenced(text) {
    const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(Math.max(3, longestRun + 1));
    return `${fence}text\n${text}\n${fence}`;
}


/***/ }),

/***/ 4415:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  yG: () => (/* binding */ RESULTS_FILE),
  c2: () => (/* binding */ parseResults),
  B9: () => (/* binding */ readResultsFile)
});

// UNUSED EXPORTS: RESULTS_SCHEMA_FILE

// EXTERNAL MODULE: ./packages/errors/src/index.ts
var src = __webpack_require__(4357);
// EXTERNAL MODULE: ./packages/common/src/files.ts
var files = __webpack_require__(6416);
// EXTERNAL MODULE: ./packages/common/src/untrusted.ts
var untrusted = __webpack_require__(2349);
// EXTERNAL MODULE: ./packages/defaults/src/index.ts
var defaults_src = __webpack_require__(4592);
;// CONCATENATED MODULE: ./packages/results/src/json-position.ts
// Where things are in a JSON text, so messages can give a line and a column instead of quoting content:
// the first syntax error (JSON.parse messages quote the input), and the value a JSON pointer names.
// Deeper nesting is legal JSON but no results file has it; give up on positions rather than the stack.
const MAX_DEPTH = 512;
class Stop {
    offset;
    problem;
    constructor(offset, problem) {
        this.offset = offset;
        this.problem = problem;
    }
}
function escapePointer(token) {
    return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
/** A small JSON reader that stops at the first syntax error, or at the value `target` names. */
class Reader {
    text;
    target;
    i = 0;
    constructor(text, target) {
        this.text = text;
        this.target = target;
    }
    run() {
        this.value('', 0);
        this.space();
        if (this.i < this.text.length)
            this.fail('more content after the JSON value');
    }
    fail(problem, offset = this.i) {
        throw new Stop(offset, problem);
    }
    space() {
        while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i]))
            this.i += 1;
    }
    value(path, depth) {
        this.space();
        if (depth > MAX_DEPTH)
            throw new Stop(undefined);
        if (path === this.target)
            throw new Stop(this.i);
        const char = this.text[this.i];
        if (char === undefined)
            this.fail('the JSON ends early');
        if (char === '{')
            return this.object(path, depth);
        if (char === '[')
            return this.array(path, depth);
        if (char === '"') {
            this.string();
            return;
        }
        for (const literal of ['true', 'false', 'null']) {
            if (this.text.startsWith(literal, this.i)) {
                this.i += literal.length;
                return;
            }
        }
        const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
        number.lastIndex = this.i;
        if (number.exec(this.text)) {
            this.i = number.lastIndex;
            return;
        }
        this.fail('an unexpected character');
    }
    object(path, depth) {
        this.i += 1;
        this.space();
        if (this.text[this.i] === '}') {
            this.i += 1;
            return;
        }
        for (;;) {
            this.space();
            if (this.text[this.i] !== '"') {
                this.fail(this.i >= this.text.length ? 'the JSON ends early' : 'a property name was expected');
            }
            const key = this.string();
            this.space();
            if (this.text[this.i] !== ':')
                this.fail("':' was expected after a property name");
            this.i += 1;
            this.value(`${path}/${escapePointer(key)}`, depth + 1);
            this.space();
            const next = this.text[this.i];
            this.i += 1;
            if (next === ',')
                continue;
            if (next === '}')
                return;
            this.fail(next === undefined ? 'the JSON ends early' : "',' or '}' was expected", this.i - 1);
        }
    }
    array(path, depth) {
        this.i += 1;
        this.space();
        if (this.text[this.i] === ']') {
            this.i += 1;
            return;
        }
        for (let index = 0;; index += 1) {
            this.value(`${path}/${index}`, depth + 1);
            this.space();
            const next = this.text[this.i];
            this.i += 1;
            if (next === ',')
                continue;
            if (next === ']')
                return;
            this.fail(next === undefined ? 'the JSON ends early' : "',' or ']' was expected", this.i - 1);
        }
    }
    /** Reads a string at the opening quote; returns its value (keys are needed for pointers). */
    string() {
        const start = this.i;
        this.i += 1;
        let value = '';
        for (;;) {
            const char = this.text[this.i];
            if (char === undefined)
                this.fail('a string is not terminated', start);
            if (char === '"') {
                this.i += 1;
                return value;
            }
            if (char.charCodeAt(0) < 0x20)
                this.fail('a control character inside a string');
            if (char === '\\') {
                const escape = this.text[this.i + 1];
                if (escape === 'u') {
                    const hex = this.text.slice(this.i + 2, this.i + 6);
                    if (!/^[0-9a-fA-F]{4}$/.test(hex))
                        this.fail('a bad \\u escape in a string');
                    value += String.fromCharCode(parseInt(hex, 16));
                    this.i += 6;
                    continue;
                }
                const simple = {
                    '"': '"',
                    '\\': '\\',
                    '/': '/',
                    b: '\b',
                    f: '\f',
                    n: '\n',
                    r: '\r',
                    t: '\t',
                };
                if (escape === undefined || !(escape in simple))
                    this.fail('a bad escape in a string');
                value += simple[escape];
                this.i += 2;
                continue;
            }
            value += char;
            this.i += 1;
        }
    }
}
function run(text, target) {
    try {
        new Reader(text, target).run();
        return undefined;
    }
    catch (stop) {
        if (stop instanceof Stop)
            return stop;
        if (stop instanceof RangeError)
            return undefined; // too deep for the stack: no position
        throw stop;
    }
}
/** The first syntax error in `text` (which JSON.parse refused), without quoting any of it. */
function findJsonSyntaxError(text) {
    const stop = run(text);
    if (stop?.offset === undefined || stop.problem === undefined)
        return undefined;
    return { offset: stop.offset, problem: stop.problem };
}
/** Offset of the value at JSON pointer `pointer` ('' = the root) in valid JSON `text`, if found. */
function locatePointer(text, pointer) {
    const stop = run(text, pointer);
    return stop && stop.problem === undefined ? stop.offset : undefined;
}
/** 1-based line and column (in characters) of `offset`. */
function lineColumn(text, offset) {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return { line, column: offset - before.lastIndexOf('\n') };
}

// EXTERNAL MODULE: ./node_modules/ajv/dist/runtime/ucs2length.js
var ucs2length = __webpack_require__(6214);
// EXTERNAL MODULE: ./node_modules/ajv-formats/dist/formats.js
var formats = __webpack_require__(779);
;// CONCATENATED MODULE: ./packages/results/src/validate-results.generated.js
// Generated by scripts/generate-validator.mjs from packages/results/schema/ci-results-v1.schema.json. Do not edit.
/* eslint-disable */

const __ucs2length = ucs2length["default"] ?? ucs2length;

const __formats = (formats.fullFormats ? formats : formats.default).fullFormats;
const validate = (/* unused pure expression or super */ null && (validate20));/* harmony default export */ const validate_results_generated = (validate20);const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"urn:ci-signing:schema:ci-results-v1","title":"ci-results v1","description":"The CI result a trusted runner signs. The detached OpenPGP signature covers the exact bytes of the file. Properties not listed here are allowed, kept and signed. See docs/results-format.md.","type":"object","required":["version","repository","commit","conclusion","tests"],"properties":{"version":{"description":"Format version; always 1.","const":1},"repository":{"description":"The GitHub repository as owner/name.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/(?!\\.\\.?$)[A-Za-z0-9._-]{1,100}$"},"commit":{"description":"The full commit sha the results are for: 40 lowercase hex digits.","type":"string","pattern":"^[0-9a-f]{40}$"},"check":{"description":"The check-run name the results are for. When present, the verifier requires the run it reads to have this name.","type":"string","minLength":1,"maxLength":200},"conclusion":{"description":"The overall outcome, named like a GitHub check run conclusion.","enum":["success","failure","neutral","cancelled","skipped","timed_out"]},"tests":{"type":"object","required":["passed","failed","skipped"],"properties":{"passed":{"type":"integer","minimum":0},"failed":{"type":"integer","minimum":0},"skipped":{"type":"integer","minimum":0}}},"coverage":{"type":"object","required":["lines"],"properties":{"lines":{"description":"Line coverage in percent.","type":"number","minimum":0,"maximum":100}}},"failures":{"type":"array","items":{"type":"object","required":["name","message"],"properties":{"name":{"type":"string"},"message":{"type":"string"},"file":{"type":"string"},"line":{"type":"integer","minimum":1}}}},"failuresOmitted":{"description":"Failures left out of failures[] so that the signed block fits a check run; the counts in tests stay exact.","type":"integer","minimum":0},"flaky":{"description":"Tests that failed and then passed on a rerun; they count as passed.","type":"array","items":{"type":"object","required":["name"],"properties":{"name":{"type":"string"},"file":{"type":"string"}}}},"flakyOmitted":{"description":"Flaky tests left out of flaky[] so that the signed block fits a check run.","type":"integer","minimum":0},"startedAt":{"description":"ISO 8601 date-time with a time zone.","type":"string","format":"date-time"},"completedAt":{"description":"ISO 8601 date-time with a time zone.","type":"string","format":"date-time"},"run":{"description":"Free-form details of the CI run (ids, URLs, runner name)."}}};const pattern4 = new RegExp("^[A-Za-z0-9][A-Za-z0-9-]{0,38}/(?!\\.\\.?$)[A-Za-z0-9._-]{1,100}$", "u");const pattern5 = new RegExp("^[0-9a-f]{40}$", "u");const func1 = __ucs2length;const formats0 = __formats["date-time"];function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){/*# sourceURL="urn:ci-signing:schema:ci-results-v1" */;let vErrors = null;let errors = 0;const evaluated0 = validate20.evaluated;if(evaluated0.dynamicProps){evaluated0.props = undefined;}if(evaluated0.dynamicItems){evaluated0.items = undefined;}if(data && typeof data == "object" && !Array.isArray(data)){if(data.version === undefined){const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'",schema:schema31.required,parentSchema:schema31,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}if(data.repository === undefined){const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "repository"},message:"must have required property '"+"repository"+"'",schema:schema31.required,parentSchema:schema31,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}if(data.commit === undefined){const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "commit"},message:"must have required property '"+"commit"+"'",schema:schema31.required,parentSchema:schema31,data};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}if(data.conclusion === undefined){const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "conclusion"},message:"must have required property '"+"conclusion"+"'",schema:schema31.required,parentSchema:schema31,data};if(vErrors === null){vErrors = [err3];}else {vErrors.push(err3);}errors++;}if(data.tests === undefined){const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "tests"},message:"must have required property '"+"tests"+"'",schema:schema31.required,parentSchema:schema31,data};if(vErrors === null){vErrors = [err4];}else {vErrors.push(err4);}errors++;}if(data.version !== undefined){let data0 = data.version;if(1 !== data0){const err5 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant",schema:1,parentSchema:schema31.properties.version,data:data0};if(vErrors === null){vErrors = [err5];}else {vErrors.push(err5);}errors++;}}if(data.repository !== undefined){let data1 = data.repository;if(typeof data1 === "string"){if(!pattern4.test(data1)){const err6 = {instancePath:instancePath+"/repository",schemaPath:"#/properties/repository/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9-]{0,38}/(?!\\.\\.?$)[A-Za-z0-9._-]{1,100}$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/(?!\\.\\.?$)[A-Za-z0-9._-]{1,100}$"+"\"",schema:"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/(?!\\.\\.?$)[A-Za-z0-9._-]{1,100}$",parentSchema:schema31.properties.repository,data:data1};if(vErrors === null){vErrors = [err6];}else {vErrors.push(err6);}errors++;}}else {const err7 = {instancePath:instancePath+"/repository",schemaPath:"#/properties/repository/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.repository.type,parentSchema:schema31.properties.repository,data:data1};if(vErrors === null){vErrors = [err7];}else {vErrors.push(err7);}errors++;}}if(data.commit !== undefined){let data2 = data.commit;if(typeof data2 === "string"){if(!pattern5.test(data2)){const err8 = {instancePath:instancePath+"/commit",schemaPath:"#/properties/commit/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{40}$"},message:"must match pattern \""+"^[0-9a-f]{40}$"+"\"",schema:"^[0-9a-f]{40}$",parentSchema:schema31.properties.commit,data:data2};if(vErrors === null){vErrors = [err8];}else {vErrors.push(err8);}errors++;}}else {const err9 = {instancePath:instancePath+"/commit",schemaPath:"#/properties/commit/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.commit.type,parentSchema:schema31.properties.commit,data:data2};if(vErrors === null){vErrors = [err9];}else {vErrors.push(err9);}errors++;}}if(data.check !== undefined){let data3 = data.check;if(typeof data3 === "string"){if(func1(data3) > 200){const err10 = {instancePath:instancePath+"/check",schemaPath:"#/properties/check/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters",schema:200,parentSchema:schema31.properties.check,data:data3};if(vErrors === null){vErrors = [err10];}else {vErrors.push(err10);}errors++;}if(func1(data3) < 1){const err11 = {instancePath:instancePath+"/check",schemaPath:"#/properties/check/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.check,data:data3};if(vErrors === null){vErrors = [err11];}else {vErrors.push(err11);}errors++;}}else {const err12 = {instancePath:instancePath+"/check",schemaPath:"#/properties/check/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.check.type,parentSchema:schema31.properties.check,data:data3};if(vErrors === null){vErrors = [err12];}else {vErrors.push(err12);}errors++;}}if(data.conclusion !== undefined){let data4 = data.conclusion;if(!((((((data4 === "success") || (data4 === "failure")) || (data4 === "neutral")) || (data4 === "cancelled")) || (data4 === "skipped")) || (data4 === "timed_out"))){const err13 = {instancePath:instancePath+"/conclusion",schemaPath:"#/properties/conclusion/enum",keyword:"enum",params:{allowedValues: schema31.properties.conclusion.enum},message:"must be equal to one of the allowed values",schema:schema31.properties.conclusion.enum,parentSchema:schema31.properties.conclusion,data:data4};if(vErrors === null){vErrors = [err13];}else {vErrors.push(err13);}errors++;}}if(data.tests !== undefined){let data5 = data.tests;if(data5 && typeof data5 == "object" && !Array.isArray(data5)){if(data5.passed === undefined){const err14 = {instancePath:instancePath+"/tests",schemaPath:"#/properties/tests/required",keyword:"required",params:{missingProperty: "passed"},message:"must have required property '"+"passed"+"'",schema:schema31.properties.tests.required,parentSchema:schema31.properties.tests,data:data5};if(vErrors === null){vErrors = [err14];}else {vErrors.push(err14);}errors++;}if(data5.failed === undefined){const err15 = {instancePath:instancePath+"/tests",schemaPath:"#/properties/tests/required",keyword:"required",params:{missingProperty: "failed"},message:"must have required property '"+"failed"+"'",schema:schema31.properties.tests.required,parentSchema:schema31.properties.tests,data:data5};if(vErrors === null){vErrors = [err15];}else {vErrors.push(err15);}errors++;}if(data5.skipped === undefined){const err16 = {instancePath:instancePath+"/tests",schemaPath:"#/properties/tests/required",keyword:"required",params:{missingProperty: "skipped"},message:"must have required property '"+"skipped"+"'",schema:schema31.properties.tests.required,parentSchema:schema31.properties.tests,data:data5};if(vErrors === null){vErrors = [err16];}else {vErrors.push(err16);}errors++;}if(data5.passed !== undefined){let data6 = data5.passed;if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){const err17 = {instancePath:instancePath+"/tests/passed",schemaPath:"#/properties/tests/properties/passed/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.tests.properties.passed.type,parentSchema:schema31.properties.tests.properties.passed,data:data6};if(vErrors === null){vErrors = [err17];}else {vErrors.push(err17);}errors++;}if((typeof data6 == "number") && (isFinite(data6))){if(data6 < 0 || isNaN(data6)){const err18 = {instancePath:instancePath+"/tests/passed",schemaPath:"#/properties/tests/properties/passed/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema31.properties.tests.properties.passed,data:data6};if(vErrors === null){vErrors = [err18];}else {vErrors.push(err18);}errors++;}}}if(data5.failed !== undefined){let data7 = data5.failed;if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){const err19 = {instancePath:instancePath+"/tests/failed",schemaPath:"#/properties/tests/properties/failed/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.tests.properties.failed.type,parentSchema:schema31.properties.tests.properties.failed,data:data7};if(vErrors === null){vErrors = [err19];}else {vErrors.push(err19);}errors++;}if((typeof data7 == "number") && (isFinite(data7))){if(data7 < 0 || isNaN(data7)){const err20 = {instancePath:instancePath+"/tests/failed",schemaPath:"#/properties/tests/properties/failed/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema31.properties.tests.properties.failed,data:data7};if(vErrors === null){vErrors = [err20];}else {vErrors.push(err20);}errors++;}}}if(data5.skipped !== undefined){let data8 = data5.skipped;if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){const err21 = {instancePath:instancePath+"/tests/skipped",schemaPath:"#/properties/tests/properties/skipped/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.tests.properties.skipped.type,parentSchema:schema31.properties.tests.properties.skipped,data:data8};if(vErrors === null){vErrors = [err21];}else {vErrors.push(err21);}errors++;}if((typeof data8 == "number") && (isFinite(data8))){if(data8 < 0 || isNaN(data8)){const err22 = {instancePath:instancePath+"/tests/skipped",schemaPath:"#/properties/tests/properties/skipped/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema31.properties.tests.properties.skipped,data:data8};if(vErrors === null){vErrors = [err22];}else {vErrors.push(err22);}errors++;}}}}else {const err23 = {instancePath:instancePath+"/tests",schemaPath:"#/properties/tests/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.tests.type,parentSchema:schema31.properties.tests,data:data5};if(vErrors === null){vErrors = [err23];}else {vErrors.push(err23);}errors++;}}if(data.coverage !== undefined){let data9 = data.coverage;if(data9 && typeof data9 == "object" && !Array.isArray(data9)){if(data9.lines === undefined){const err24 = {instancePath:instancePath+"/coverage",schemaPath:"#/properties/coverage/required",keyword:"required",params:{missingProperty: "lines"},message:"must have required property '"+"lines"+"'",schema:schema31.properties.coverage.required,parentSchema:schema31.properties.coverage,data:data9};if(vErrors === null){vErrors = [err24];}else {vErrors.push(err24);}errors++;}if(data9.lines !== undefined){let data10 = data9.lines;if((typeof data10 == "number") && (isFinite(data10))){if(data10 > 100 || isNaN(data10)){const err25 = {instancePath:instancePath+"/coverage/lines",schemaPath:"#/properties/coverage/properties/lines/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema31.properties.coverage.properties.lines,data:data10};if(vErrors === null){vErrors = [err25];}else {vErrors.push(err25);}errors++;}if(data10 < 0 || isNaN(data10)){const err26 = {instancePath:instancePath+"/coverage/lines",schemaPath:"#/properties/coverage/properties/lines/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema31.properties.coverage.properties.lines,data:data10};if(vErrors === null){vErrors = [err26];}else {vErrors.push(err26);}errors++;}}else {const err27 = {instancePath:instancePath+"/coverage/lines",schemaPath:"#/properties/coverage/properties/lines/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema31.properties.coverage.properties.lines.type,parentSchema:schema31.properties.coverage.properties.lines,data:data10};if(vErrors === null){vErrors = [err27];}else {vErrors.push(err27);}errors++;}}}else {const err28 = {instancePath:instancePath+"/coverage",schemaPath:"#/properties/coverage/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.coverage.type,parentSchema:schema31.properties.coverage,data:data9};if(vErrors === null){vErrors = [err28];}else {vErrors.push(err28);}errors++;}}if(data.failures !== undefined){let data11 = data.failures;if(Array.isArray(data11)){const len0 = data11.length;for(let i0=0; i0<len0; i0++){let data12 = data11[i0];if(data12 && typeof data12 == "object" && !Array.isArray(data12)){if(data12.name === undefined){const err29 = {instancePath:instancePath+"/failures/" + i0,schemaPath:"#/properties/failures/items/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema31.properties.failures.items.required,parentSchema:schema31.properties.failures.items,data:data12};if(vErrors === null){vErrors = [err29];}else {vErrors.push(err29);}errors++;}if(data12.message === undefined){const err30 = {instancePath:instancePath+"/failures/" + i0,schemaPath:"#/properties/failures/items/required",keyword:"required",params:{missingProperty: "message"},message:"must have required property '"+"message"+"'",schema:schema31.properties.failures.items.required,parentSchema:schema31.properties.failures.items,data:data12};if(vErrors === null){vErrors = [err30];}else {vErrors.push(err30);}errors++;}if(data12.name !== undefined){let data13 = data12.name;if(typeof data13 !== "string"){const err31 = {instancePath:instancePath+"/failures/" + i0+"/name",schemaPath:"#/properties/failures/items/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.failures.items.properties.name.type,parentSchema:schema31.properties.failures.items.properties.name,data:data13};if(vErrors === null){vErrors = [err31];}else {vErrors.push(err31);}errors++;}}if(data12.message !== undefined){let data14 = data12.message;if(typeof data14 !== "string"){const err32 = {instancePath:instancePath+"/failures/" + i0+"/message",schemaPath:"#/properties/failures/items/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.failures.items.properties.message.type,parentSchema:schema31.properties.failures.items.properties.message,data:data14};if(vErrors === null){vErrors = [err32];}else {vErrors.push(err32);}errors++;}}if(data12.file !== undefined){let data15 = data12.file;if(typeof data15 !== "string"){const err33 = {instancePath:instancePath+"/failures/" + i0+"/file",schemaPath:"#/properties/failures/items/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.failures.items.properties.file.type,parentSchema:schema31.properties.failures.items.properties.file,data:data15};if(vErrors === null){vErrors = [err33];}else {vErrors.push(err33);}errors++;}}if(data12.line !== undefined){let data16 = data12.line;if(!(((typeof data16 == "number") && (!(data16 % 1) && !isNaN(data16))) && (isFinite(data16)))){const err34 = {instancePath:instancePath+"/failures/" + i0+"/line",schemaPath:"#/properties/failures/items/properties/line/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.failures.items.properties.line.type,parentSchema:schema31.properties.failures.items.properties.line,data:data16};if(vErrors === null){vErrors = [err34];}else {vErrors.push(err34);}errors++;}if((typeof data16 == "number") && (isFinite(data16))){if(data16 < 1 || isNaN(data16)){const err35 = {instancePath:instancePath+"/failures/" + i0+"/line",schemaPath:"#/properties/failures/items/properties/line/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.failures.items.properties.line,data:data16};if(vErrors === null){vErrors = [err35];}else {vErrors.push(err35);}errors++;}}}}else {const err36 = {instancePath:instancePath+"/failures/" + i0,schemaPath:"#/properties/failures/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.failures.items.type,parentSchema:schema31.properties.failures.items,data:data12};if(vErrors === null){vErrors = [err36];}else {vErrors.push(err36);}errors++;}}}else {const err37 = {instancePath:instancePath+"/failures",schemaPath:"#/properties/failures/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.failures.type,parentSchema:schema31.properties.failures,data:data11};if(vErrors === null){vErrors = [err37];}else {vErrors.push(err37);}errors++;}}if(data.failuresOmitted !== undefined){let data17 = data.failuresOmitted;if(!(((typeof data17 == "number") && (!(data17 % 1) && !isNaN(data17))) && (isFinite(data17)))){const err38 = {instancePath:instancePath+"/failuresOmitted",schemaPath:"#/properties/failuresOmitted/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.failuresOmitted.type,parentSchema:schema31.properties.failuresOmitted,data:data17};if(vErrors === null){vErrors = [err38];}else {vErrors.push(err38);}errors++;}if((typeof data17 == "number") && (isFinite(data17))){if(data17 < 0 || isNaN(data17)){const err39 = {instancePath:instancePath+"/failuresOmitted",schemaPath:"#/properties/failuresOmitted/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema31.properties.failuresOmitted,data:data17};if(vErrors === null){vErrors = [err39];}else {vErrors.push(err39);}errors++;}}}if(data.flaky !== undefined){let data18 = data.flaky;if(Array.isArray(data18)){const len1 = data18.length;for(let i1=0; i1<len1; i1++){let data19 = data18[i1];if(data19 && typeof data19 == "object" && !Array.isArray(data19)){if(data19.name === undefined){const err40 = {instancePath:instancePath+"/flaky/" + i1,schemaPath:"#/properties/flaky/items/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema31.properties.flaky.items.required,parentSchema:schema31.properties.flaky.items,data:data19};if(vErrors === null){vErrors = [err40];}else {vErrors.push(err40);}errors++;}if(data19.name !== undefined){let data20 = data19.name;if(typeof data20 !== "string"){const err41 = {instancePath:instancePath+"/flaky/" + i1+"/name",schemaPath:"#/properties/flaky/items/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.flaky.items.properties.name.type,parentSchema:schema31.properties.flaky.items.properties.name,data:data20};if(vErrors === null){vErrors = [err41];}else {vErrors.push(err41);}errors++;}}if(data19.file !== undefined){let data21 = data19.file;if(typeof data21 !== "string"){const err42 = {instancePath:instancePath+"/flaky/" + i1+"/file",schemaPath:"#/properties/flaky/items/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.flaky.items.properties.file.type,parentSchema:schema31.properties.flaky.items.properties.file,data:data21};if(vErrors === null){vErrors = [err42];}else {vErrors.push(err42);}errors++;}}}else {const err43 = {instancePath:instancePath+"/flaky/" + i1,schemaPath:"#/properties/flaky/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.flaky.items.type,parentSchema:schema31.properties.flaky.items,data:data19};if(vErrors === null){vErrors = [err43];}else {vErrors.push(err43);}errors++;}}}else {const err44 = {instancePath:instancePath+"/flaky",schemaPath:"#/properties/flaky/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.flaky.type,parentSchema:schema31.properties.flaky,data:data18};if(vErrors === null){vErrors = [err44];}else {vErrors.push(err44);}errors++;}}if(data.flakyOmitted !== undefined){let data22 = data.flakyOmitted;if(!(((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22))) && (isFinite(data22)))){const err45 = {instancePath:instancePath+"/flakyOmitted",schemaPath:"#/properties/flakyOmitted/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.flakyOmitted.type,parentSchema:schema31.properties.flakyOmitted,data:data22};if(vErrors === null){vErrors = [err45];}else {vErrors.push(err45);}errors++;}if((typeof data22 == "number") && (isFinite(data22))){if(data22 < 0 || isNaN(data22)){const err46 = {instancePath:instancePath+"/flakyOmitted",schemaPath:"#/properties/flakyOmitted/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema31.properties.flakyOmitted,data:data22};if(vErrors === null){vErrors = [err46];}else {vErrors.push(err46);}errors++;}}}if(data.startedAt !== undefined){let data23 = data.startedAt;if(typeof data23 === "string"){if(!(formats0.validate(data23))){const err47 = {instancePath:instancePath+"/startedAt",schemaPath:"#/properties/startedAt/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema31.properties.startedAt,data:data23};if(vErrors === null){vErrors = [err47];}else {vErrors.push(err47);}errors++;}}else {const err48 = {instancePath:instancePath+"/startedAt",schemaPath:"#/properties/startedAt/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.startedAt.type,parentSchema:schema31.properties.startedAt,data:data23};if(vErrors === null){vErrors = [err48];}else {vErrors.push(err48);}errors++;}}if(data.completedAt !== undefined){let data24 = data.completedAt;if(typeof data24 === "string"){if(!(formats0.validate(data24))){const err49 = {instancePath:instancePath+"/completedAt",schemaPath:"#/properties/completedAt/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema31.properties.completedAt,data:data24};if(vErrors === null){vErrors = [err49];}else {vErrors.push(err49);}errors++;}}else {const err50 = {instancePath:instancePath+"/completedAt",schemaPath:"#/properties/completedAt/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.completedAt.type,parentSchema:schema31.properties.completedAt,data:data24};if(vErrors === null){vErrors = [err50];}else {vErrors.push(err50);}errors++;}}}else {const err51 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.type,parentSchema:schema31,data};if(vErrors === null){vErrors = [err51];}else {vErrors.push(err51);}errors++;}validate20.errors = vErrors;return errors === 0;}validate20.evaluated = {"props":{"version":true,"repository":true,"commit":true,"check":true,"conclusion":true,"tests":true,"coverage":true,"failures":true,"failuresOmitted":true,"flaky":true,"flakyOmitted":true,"startedAt":true,"completedAt":true,"run":true},"dynamicProps":false,"dynamicItems":false};

;// CONCATENATED MODULE: ./packages/results/src/parse.ts




// Compiled from the schema at build time (scripts/generate-validator.mjs), so nothing compiles at start-up.

const RESULTS_SCHEMA_FILE = 'packages/results/schema/ci-results-v1.schema.json';
const SCHEMA_FIX = `Make the file match the ci-results v1 schema (${RESULTS_SCHEMA_FILE}; format and example in ` +
    `docs/results-format.md).`;
/** How a results file is read: a regular file, capped. */
const RESULTS_FILE = {
    what: 'results file',
    flag: 'results-file',
    maxBytes: defaults_src/* LIMITS */.b1.resultsFileBytes,
    limitName: 'the results file cap',
};
/** A results file with thousands of broken entries should not make a message of thousands of problems. */
const MAX_LISTED_PROBLEMS = 25;
function resultsValidator() {
    return validate_results_generated;
}
/**
 * Decodes, parses and validates ci-results v1. `source` names the results in messages (a path, a check run).
 * A leading UTF-8 byte order mark is ignored (some Windows tools write one); the signature still covers it.
 */
function parseResults(bytes, source) {
    if (bytes.length === 0) {
        throw new src/* CiSigningError */.AO('RESULTS_EMPTY', `${source} is empty (0 bytes).`, `Write the CI results to ${source} before this step. ${SCHEMA_FIX}`);
    }
    let text;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
    catch {
        const offset = firstInvalidUtf8Offset(bytes);
        throw new src/* CiSigningError */.AO('RESULTS_NOT_UTF8', `${source} is not valid UTF-8: the byte at offset ${offset} cannot be decoded.`, 'Write the results file as UTF-8 (JSON requires it), e.g. with JSON.stringify and fs.writeFileSync(path, ' +
            'text, "utf8").');
    }
    if (text.trim() === '') {
        throw new src/* CiSigningError */.AO('RESULTS_EMPTY', `${source} holds only whitespace.`, `Write the CI results to ${source} before this step. ${SCHEMA_FIX}`);
    }
    let document;
    try {
        document = JSON.parse(text);
    }
    catch {
        throw new src/* CiSigningError */.AO('RESULTS_NOT_JSON', `${source} is not valid JSON: ${describeJsonSyntaxError(text)}.`, `Write the results with a JSON serializer. ${SCHEMA_FIX}`);
    }
    const validate = resultsValidator();
    if (!validate(document)) {
        throw new src/* CiSigningError */.AO('RESULTS_INVALID', `${source}: ${listProblems(validate.errors ?? [], text)}`, SCHEMA_FIX);
    }
    return document;
}
/** Reads and validates a results file; returns the exact bytes read (the ones to sign or verify) too. */
async function readResultsFile(path) {
    const buffer = await (0,files/* readBoundedFile */.Mv)(path, RESULTS_FILE);
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    return { bytes, results: parseResults(bytes, path) };
}
/**
 * TextDecoder does not say where decoding failed. A streaming decode only throws once an invalid sequence is
 * complete, so "does this prefix throw?" is monotonic in the prefix length and a binary search finds where
 * decoding breaks; when that is inside a started multi-byte sequence, the offset of its lead byte is reported.
 */
function firstInvalidUtf8Offset(bytes) {
    const throwsOn = (length, stream) => {
        try {
            new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream });
            return false;
        }
        catch {
            return true;
        }
    };
    let good = 0;
    let bad = bytes.length; // the full (flushed) decode failed, or this function would not be called
    while (bad - good > 1) {
        const middle = Math.floor((good + bad) / 2);
        if (throwsOn(middle, true))
            bad = middle;
        else
            good = middle;
    }
    if (throwsOn(bad - 1, false)) {
        for (let index = bad - 2; index >= Math.max(0, bad - 4); index--)
            if (bytes[index] >= 0xc0)
                return index;
    }
    return bad - 1;
}
/**
 * JSON.parse messages quote the input (a results file symlinked to a credentials file would be echoed), so
 * the problem and its line and column come from our own reader instead.
 */
function describeJsonSyntaxError(text) {
    const found = findJsonSyntaxError(text);
    if (!found)
        return 'its syntax is broken';
    const { line, column } = lineColumn(text, found.offset);
    return `${found.problem} at line ${line}, column ${column}`;
}
function listProblems(errors, text) {
    const problems = [...new Set(errors.map((error) => `${describeSchemaError(error)}${where(error, text)}`))];
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
    if (problems.length > listed.length)
        listed.push(`and ${problems.length - listed.length} more problems`);
    return listed.join('; ');
}
/** " (line L, column C)" of the value a schema error is about, when it can be found. */
function where(error, text) {
    const offset = locatePointer(text, error.instancePath);
    if (offset === undefined)
        return '';
    const { line, column } = lineColumn(text, offset);
    return ` (line ${line}, column ${column})`;
}
const PATTERN_PROBLEMS = {
    '/repository': 'must be "owner/name" (a GitHub repository)',
    '/commit': 'must be a full commit sha: 40 lowercase hex digits',
};
function describeSchemaError(error) {
    const pointer = error.instancePath || '(root)';
    const got = `, got ${(0,untrusted/* describeShape */.vJ)(error.data)}`;
    switch (error.keyword) {
        case 'required':
            return `${error.instancePath}/${error.params.missingProperty} is required`;
        case 'type':
            return `${pointer} must be ${withArticle(String(error.params.type))}${got}`;
        case 'const':
            return `${pointer} must be ${JSON.stringify(error.params.allowedValue)}${got}`;
        case 'enum':
            return (`${pointer} must be one of ${error.params.allowedValues.join(', ')}, ` +
                `got ${(0,untrusted/* describeEnumValue */.cY)(error.data)}`);
        case 'pattern':
            return `${pointer} ${PATTERN_PROBLEMS[error.instancePath] ?? error.message}${got}`;
        case 'format':
            return `${pointer} must be an ISO 8601 date-time with a time zone (e.g. 2024-05-01T12:00:00Z)${got}`;
        case 'minimum':
        case 'maximum':
            return `${pointer} ${error.message}${got}`;
        default:
            return `${pointer} ${error.message ?? `fails ${error.keyword}`}`;
    }
}
function withArticle(type) {
    return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}


/***/ }),

/***/ 4587:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gd: () => (/* binding */ hexUpper),
/* harmony export */   Os: () => (/* binding */ isSubkey),
/* harmony export */   ax: () => (/* binding */ fingerprintOf)
/* harmony export */ });
/* harmony import */ var openpgp__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3074);
// How keys are named in results and messages: fingerprints and key ids, upper-case hex.

function hexUpper(keyId) {
    return keyId.toHex().toUpperCase();
}
function fingerprintOf(key) {
    return key.getFingerprint().toUpperCase();
}
function isSubkey(component) {
    return component instanceof openpgp__WEBPACK_IMPORTED_MODULE_0__/* .Subkey */ .IJ;
}


/***/ }),

/***/ 2331:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ safeReason)
/* harmony export */ });
// openpgp's own messages, made safe to show in ours.
/**
 * First line of an openpgp error, shortened, with long base64-like runs (possible key material)
 * replaced. Hex runs (key ids, fingerprints) are kept.
 */
function safeReason(error, maxLength = 160) {
    const message = error instanceof Error ? error.message : String(error);
    return message
        .split('\n')[0]
        .replace(/[A-Za-z0-9+/=]{20,}/g, (run) => (/^[0-9A-Fa-f]+$/.test(run) ? run : '[...]'))
        .slice(0, maxLength);
}


/***/ }),

/***/ 4949:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SA: () => (/* binding */ signatureTypeOf),
/* harmony export */   UK: () => (/* binding */ InputFormatError),
/* harmony export */   c: () => (/* binding */ readPackets),
/* harmony export */   i5: () => (/* binding */ packetName),
/* harmony export */   jo: () => (/* binding */ splitInputBlocks)
/* harmony export */ });
/* unused harmony export PACKET_NAMES */
// Splits key and signature input, as people actually paste and store it, into OpenPGP packets, block by
// block: armor (also gpg's ".rev" form with a leading ':', and one-line armor with escaped \n), base64 of
// armor or of binary (each padded base64 run on its own), and binary packets. Text between blocks is
// allowed only as a comment; anything else is refused with its byte offset, never skipped.
/** Input that is not OpenPGP data or a comment; `at` names the byte offset. */
class InputFormatError extends Error {
    at;
    reason;
    constructor(at, reason) {
        super(`${reason} at ${at}`);
        this.at = at;
        this.reason = reason;
    }
}
const BEGIN = /^:?-----BEGIN PGP ([A-Z0-9 ,/]+)-----/;
const BASE64_LINE = /^[A-Za-z0-9+/=]+$/;
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// Fingerprints and key ids on their own line, as in the preamble of gpg's openpgp-revocs.d/*.rev.
const HEX_ID_LINE = /^(?:[0-9A-Fa-f]{16}|[0-9A-Fa-f]{40}|(?:[0-9A-Fa-f]{4} ?){10})$/;
// Base64 of base64 of ... is still accepted, but not without end.
const MAX_BASE64_DEPTH = 3;
/** True for a line that is a comment: starts with '#', has words separated by spaces, or is a key id. */
function isCommentLine(line) {
    if (line.includes('-----BEGIN PGP ') || line.includes('-----END PGP '))
        return false;
    return line.startsWith('#') || /\S\s+\S/.test(line) || HEX_ID_LINE.test(line);
}
/** Armor lines as openpgp reads them: escaped line breaks restored, CRLF to LF, lines trimmed. */
function normalizeArmorText(text) {
    return text
        .replace(/^:/, '')
        .replace(/\\r\\n|\\n|\\r/g, '\n')
        .replace(/\r\n?/g, '\n')
        .split('\n')
        .map((line) => line.trim())
        .join('\n');
}
/** End of the line at `p`: a line break, or an escaped one (\n as two characters, one-line armor). */
function lineEndAt(text, p) {
    let end = text.length;
    for (const stop of ['\n', '\\n', '\\r']) {
        const at = text.indexOf(stop, p);
        if (at >= 0 && at < end)
            end = at;
    }
    return end;
}
/**
 * Splits `bytes` into armor and binary blocks. Throws InputFormatError for anything that is neither a
 * block nor a comment, or for a block that is cut short.
 */
function splitInputBlocks(bytes) {
    const scan = { blocks: [] };
    scanBytes(bytes, (offset) => `byte ${offset}`, 0, scan);
    return scan.blocks;
}
function scanBytes(bytes, where, depth, scan) {
    // latin1 maps each byte to one character, so string indexes are byte offsets.
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    let p = text.startsWith('\xef\xbb\xbf') ? 3 : 0;
    while (p < text.length) {
        const code = text.charCodeAt(p);
        if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) {
            p += 1;
            continue;
        }
        if (text.startsWith('\\n', p) || text.startsWith('\\r', p)) {
            p += 2; // an escaped line break between one-line armor blocks
            continue;
        }
        if (code >= 0x80) {
            const end = packetRunEnd(bytes, p, where);
            scan.blocks.push(block('binary', bytes.subarray(p, end), where(p), scan));
            p = end;
            continue;
        }
        const lineEnd = lineEndAt(text, p);
        const line = text.slice(p, lineEnd).trim();
        const begin = BEGIN.exec(line);
        if (begin) {
            const endLine = `-----END PGP ${begin[1]}-----`;
            const end = text.indexOf(endLine, p);
            if (end < 0) {
                throw new InputFormatError(where(p), `an armor block (${begin[1]}) without its END line (truncated?)`);
            }
            const armor = normalizeArmorText(text.slice(p, end + endLine.length));
            const found = block(begin[1], new Uint8Array(0), `${where(p)} (armor)`, scan);
            found.armor = armor;
            scan.blocks.push(found);
            p = end + endLine.length;
            continue;
        }
        if (isCommentLine(line)) {
            p = lineEnd;
            continue;
        }
        if (BASE64_LINE.test(line)) {
            p = scanBase64Run(text, p, where, depth, scan);
            continue;
        }
        throw new InputFormatError(where(p), 'text that is neither a key, a revocation certificate nor a comment');
    }
}
function block(type, data, at, scan) {
    return { type, data, at: `block ${scan.blocks.length + 1} at ${at}` };
}
/** Decodes consecutive base64 lines from `start`, each padded run on its own; returns the offset after them. */
function scanBase64Run(text, start, where, depth, scan) {
    let chars = '';
    const offsets = [];
    let p = start;
    while (p < text.length) {
        const lineEnd = lineEndAt(text, p);
        const raw = text.slice(p, lineEnd);
        const line = raw.trim();
        if (line !== '' && (!BASE64_LINE.test(line) || (p !== start && HEX_ID_LINE.test(line))))
            break;
        const lead = raw.length - raw.trimStart().length;
        for (let i = 0; i < line.length; i += 1)
            offsets.push(p + lead + i);
        chars += line;
        p = text.charAt(lineEnd) === '\\' ? lineEnd + 2 : lineEnd + 1;
        if (line === '')
            break;
    }
    // Buffer.from(..., 'base64') stops at the first padding: split there and decode each run by itself.
    let index = 0;
    for (const chunk of chars.match(/[^=]+=*|=+/g) ?? []) {
        const at = offsets[index];
        index += chunk.length;
        if (!STRICT_BASE64.test(chunk)) {
            throw new InputFormatError(where(at), 'base64 that does not decode (cut short, or padding in the wrong place)');
        }
        if (depth >= MAX_BASE64_DEPTH)
            throw new InputFormatError(where(at), 'base64 nested too deeply');
        const decoded = Buffer.from(chunk, 'base64');
        scanBytes(new Uint8Array(decoded), (offset) => `byte ${offset} of the base64 at ${where(at)}`, depth + 1, scan);
    }
    return Math.min(p, text.length);
}
/** Reads an OpenPGP packet header at `p`, or null when the bytes there are not one that fits. */
function readHeader(bytes, p) {
    const first = bytes[p];
    if (first === undefined || (first & 0x80) === 0)
        return null;
    let header;
    if (first & 0x40) {
        const tag = first & 0x3f;
        const length = bytes[p + 1];
        if (length === undefined)
            return null;
        if (length < 192)
            header = { tag, headerLength: 2, bodyLength: length };
        else if (length < 224) {
            if (bytes[p + 2] === undefined)
                return null;
            header = { tag, headerLength: 3, bodyLength: ((length - 192) << 8) + bytes[p + 2] + 192 };
        }
        else if (length === 255) {
            if (p + 6 > bytes.length)
                return null;
            const bodyLength = new DataView(bytes.buffer, bytes.byteOffset + p + 2, 4).getUint32(0);
            header = { tag, headerLength: 6, bodyLength };
        }
        else {
            return null; // partial body lengths: only data packets use them, never keys or signatures
        }
    }
    else {
        const tag = (first >> 2) & 0x0f;
        const lengthType = first & 0x03;
        if (lengthType === 3)
            return null; // indeterminate length
        const size = 1 << lengthType;
        if (p + 1 + size > bytes.length)
            return null;
        let bodyLength = 0;
        for (let i = 0; i < size; i += 1)
            bodyLength = bodyLength * 256 + bytes[p + 1 + i];
        header = { tag, headerLength: 1 + size, bodyLength };
    }
    if (header.tag === 0 || p + header.headerLength + header.bodyLength > bytes.length)
        return null;
    return header;
}
/** End of the run of whole packets starting at `start`; refuses a packet that is cut short or unreadable. */
function packetRunEnd(bytes, start, where) {
    let p = start;
    while (p < bytes.length && (bytes[p] & 0x80) !== 0) {
        const header = readHeader(bytes, p);
        if (!header) {
            throw new InputFormatError(where(p), 'binary data that is not a whole OpenPGP packet (cut short or damaged)');
        }
        p += header.headerLength + header.bodyLength;
    }
    return p;
}
/** The packets of binary data (a binary block, or the body of an armor block), all of it. */
function readPackets(data, at) {
    const packets = [];
    let p = 0;
    while (p < data.length) {
        const header = readHeader(data, p);
        if (!header) {
            const where = at(packets.length + 1, p);
            throw new InputFormatError(where, 'data that is not a whole OpenPGP packet (cut short or damaged)');
        }
        const end = p + header.headerLength + header.bodyLength;
        packets.push({
            tag: header.tag,
            bytes: data.subarray(p, end),
            body: data.subarray(p + header.headerLength, end),
            at: at(packets.length + 1, p),
        });
        p = end;
    }
    return packets;
}
/** The signature type of a signature packet body (v3, v4, v5, v6), or undefined when it is too short. */
function signatureTypeOf(body) {
    return body[0] === 3 ? body[2] : body[1];
}
const PACKET_NAMES = {
    1: 'encrypted session key',
    2: 'signature',
    3: 'symmetric session key',
    4: 'one-pass signature',
    5: 'secret key',
    6: 'public key',
    7: 'secret subkey',
    8: 'compressed data',
    9: 'encrypted data',
    10: 'marker',
    11: 'literal data',
    12: 'trust',
    13: 'user id',
    14: 'public subkey',
    17: 'user attribute',
    18: 'encrypted data',
    19: 'modification code',
    20: 'encrypted data',
};
function packetName(tag) {
    return PACKET_NAMES[tag] ?? `type ${tag}`;
}


/***/ }),

/***/ 1416:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CD: () => (/* binding */ readSignaturePackets),
/* harmony export */   Qm: () => (/* binding */ malformed),
/* harmony export */   x$: () => (/* binding */ inspectSignature)
/* harmony export */ });
/* harmony import */ var openpgp__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3074);
/* harmony import */ var _errors_src_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4357);
/* harmony import */ var _key_identity_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4587);
/* harmony import */ var _common_src_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1588);
/* harmony import */ var _defaults_src_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4592);
/* harmony import */ var _messages_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2331);
/* harmony import */ var _openpgp_input_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4949);
// Reading a detached signature, armored or binary, with its size and packet count capped before any
// packet is parsed or checked: each signature packet that claims a trusted key costs a verification.







const MALFORMED_FIX = 'Give the detached signature made by `ci-signing sign` (or gpg --detach-sign, armored or binary) ' +
    'over the results file.';
function malformed(message) {
    return new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_1__/* .CiSigningError */ .AO('SIGNATURE_MALFORMED', message, MALFORMED_FIX, 'verification');
}
function toBytes(input) {
    return typeof input === 'string' ? new TextEncoder().encode(input) : input;
}
/** The signature packets of a detached signature, checked for size and count but not yet parsed. */
async function rawSignaturePackets(input) {
    const bytes = toBytes(input);
    if (bytes.length > _defaults_src_index_js__WEBPACK_IMPORTED_MODULE_2__/* .LIMITS */ .b1.signatureArmorBytes) {
        throw new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_1__/* .CiSigningError */ .AO('SIGNATURE_TOO_LARGE', `The signature is ${bytes.length} bytes, more than the cap of ${(0,_common_src_index_js__WEBPACK_IMPORTED_MODULE_3__/* .formatBytes */ .z)(_defaults_src_index_js__WEBPACK_IMPORTED_MODULE_2__/* .LIMITS */ .b1.signatureArmorBytes)}.`, 'Give the detached signature only: one made by `ci-signing sign` is well under 1 KB.', 'verification');
    }
    const packets = [];
    try {
        const blocks = (0,_openpgp_input_js__WEBPACK_IMPORTED_MODULE_4__/* .splitInputBlocks */ .jo)(bytes);
        if (blocks.length === 0)
            throw malformed('The signature is empty.');
        for (const block of blocks) {
            let data = block.data;
            if (block.armor !== undefined) {
                if (block.type !== 'SIGNATURE') {
                    throw malformed(`The signature input, ${block.at}, is a PGP ${block.type}, not a signature.`);
                }
                try {
                    data = (await openpgp__WEBPACK_IMPORTED_MODULE_0__/* .unarmor */ .HB(block.armor)).data;
                }
                catch (error) {
                    throw malformed(`The signature armor, ${block.at}, is damaged: ${(0,_messages_js__WEBPACK_IMPORTED_MODULE_5__/* .safeReason */ .E)(error)}.`);
                }
            }
            packets.push(...(0,_openpgp_input_js__WEBPACK_IMPORTED_MODULE_4__/* .readPackets */ .c)(data, (index, offset) => `packet ${index} (byte ${offset} of ${block.at})`));
        }
    }
    catch (error) {
        if (error instanceof _openpgp_input_js__WEBPACK_IMPORTED_MODULE_4__/* .InputFormatError */ .UK)
            throw malformed(`The signature holds ${error.reason} at ${error.at}.`);
        throw error;
    }
    const other = packets.find((packet) => packet.tag !== 2);
    if (other) {
        throw malformed(`The signature input, ${other.at}, is a ${(0,_openpgp_input_js__WEBPACK_IMPORTED_MODULE_4__/* .packetName */ .i5)(other.tag)} packet, not a signature.`);
    }
    if (packets.length === 0)
        throw malformed('The signature holds no signature packet.');
    if (packets.length > _defaults_src_index_js__WEBPACK_IMPORTED_MODULE_2__/* .LIMITS */ .b1.signaturePackets) {
        throw new _errors_src_index_js__WEBPACK_IMPORTED_MODULE_1__/* .CiSigningError */ .AO('SIGNATURE_TOO_MANY_PACKETS', `The signature holds ${packets.length} signature packets, more than the cap of ${_defaults_src_index_js__WEBPACK_IMPORTED_MODULE_2__/* .LIMITS */ .b1.signaturePackets}; ` +
            'none was checked.', 'Sign with one key (`ci-signing sign` makes one signature packet).', 'verification');
    }
    return packets;
}
/** Every signature packet of a detached signature (armored or binary), parsed. */
async function readSignaturePackets(input) {
    const raw = await rawSignaturePackets(input);
    const binarySignature = new Uint8Array(raw.reduce((total, packet) => total + packet.bytes.length, 0));
    let offset = 0;
    for (const packet of raw) {
        binarySignature.set(packet.bytes, offset);
        offset += packet.bytes.length;
    }
    let signature;
    try {
        signature = await openpgp__WEBPACK_IMPORTED_MODULE_0__/* .readSignature */ .Bc({ binarySignature });
    }
    catch (error) {
        throw malformed(`The signature is not a readable OpenPGP signature: ${(0,_messages_js__WEBPACK_IMPORTED_MODULE_5__/* .safeReason */ .E)(error)}.`);
    }
    const packets = [...signature.packets];
    if (packets.length !== raw.length)
        throw malformed('The signature holds a signature packet openpgp.js cannot read.');
    return packets;
}
/** Reads a detached signature without verifying it: its armor and the signers it names. */
async function inspectSignature(input) {
    const packets = await readSignaturePackets(input);
    const list = new openpgp__WEBPACK_IMPORTED_MODULE_0__/* .PacketList */ .fR();
    list.push(...packets);
    const signers = packets.map((packet) => ({
        signingKeyId: (0,_key_identity_js__WEBPACK_IMPORTED_MODULE_6__/* .hexUpper */ .Gd)(packet.issuerKeyID),
        ...(packet.issuerFingerprint
            ? { fingerprint: Buffer.from(packet.issuerFingerprint).toString('hex').toUpperCase() }
            : {}),
    }));
    return { armored: new openpgp__WEBPACK_IMPORTED_MODULE_0__/* .Signature */ .to(list).armor(), signers };
}


/***/ })

};
