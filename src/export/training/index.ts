/** Training export: formats, mapping, preference pairs, splits, dataset cards. */
export { exportTraining, MANIFEST_FILE, CARD_FILE, type ExportHelpers, type ExportManifest } from './export-training.js';
export { exportConfigSchema, type ExportConfig, type ExportConfigInput, type CardConfig } from './export-config.js';
export { loadExportConfigFile, parseExportConfigObject } from './load-export-config.js';
export { EXPORT_FORMATS, RAW_FORMAT, exportFormatOf } from './format-registry.js';
export { defineChatFormat, definePreferenceFormat, type ExportFormat, type ChatFormat, type PreferenceFormat, type FormatOptions } from './export-format.js';
export { toChatExample, exportMappingSchema, type ExportMapping } from './export-mapping.js';
export { buildPreferencePairs, type PreferenceConfig } from './preference-pairs.js';
export { splitExamples, type SplitConfig, type SplitName } from './split-examples.js';
export { renderDatasetCard, sizeCategory, type CardProvenance } from './dataset-card.js';
export { redactCardText } from './redact-card-text.js';
export { ExportError } from './export-error.js';
export type { ChatExample, PreferenceExample, Turn } from './training-example.js';
