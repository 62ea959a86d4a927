import { readFileSync } from 'node:fs';
import { scanPii } from '../src/safety/pii/scan-pii.js';
for (const line of readFileSync('bench/pii-set/pii-set.jsonl', 'utf8').split('\n').filter(Boolean)) {
  const { text, note } = JSON.parse(line);
  if (!note.startsWith('phone-int')) continue;
  const plain = text.replace(/\[\[\w+\|([^\]]+)\]\]/g, '$1');
  if (!scanPii(plain, { minConfidence: 0.5 }).some((s) => s.type === 'phone')) console.log(plain, scanPii(plain));
}
