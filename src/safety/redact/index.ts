export { fakeValue, maskValue, normalizeValue } from './fake-values.js';
export { type RedactionMapEntry, type RedactionMode, type RedactionSpan, Redactor, type RedactorOptions } from './redactor.js';
export { openRedactionVault, PRIVATE_DIR, REDACTION_KEY_FILE, REDACTION_MAP_FILE, type RedactionVault } from './redaction-vault.js';
