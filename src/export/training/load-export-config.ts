/**
 * Reads an export config (`synthkit export --with export.yaml`, or a recipe's `export:` section)
 * and validates it with the same file/line/path errors recipes have; unknown format names are
 * reported at load time with the list of known ones.
 */
import { fromYaml, parseConfigObject, readConfigText, type ConfigKind } from '../../recipe/config-file.js';
import { exportConfigSchema, type ExportConfig } from './export-config.js';
import { EXPORT_FORMATS, RAW_FORMAT } from './format-registry.js';

const SUBJECT = 'export config';
const FORMAT_NAMES = [RAW_FORMAT, ...EXPORT_FORMATS.map((f) => f.name)];

const KIND: ConfigKind<ExportConfig> = {
  subject: SUBJECT,
  schema: exportConfigSchema.superRefine((config, ctx) => {
    config.formats.forEach((name, i) => {
      if (!FORMAT_NAMES.includes(name))
        ctx.addIssue({ code: 'custom', path: ['formats', i], message: `unknown format '${name}'; expected one of ${FORMAT_NAMES.join(', ')}` });
    });
  }) as never,
  discriminators: { from: ['pairwise', 'scores'] },
};

export function loadExportConfigFile(file: string): ExportConfig {
  return fromYaml(readConfigText(file, SUBJECT), file, SUBJECT, (value) => parseExportConfigObject(value, file));
}

/** `pathPrefix` places issues inside a recipe's `export:` section. */
export function parseExportConfigObject(input: unknown, file = '<export config>', pathPrefix: (string | number)[] = []): ExportConfig {
  return parseConfigObject(KIND, input, file, pathPrefix);
}
