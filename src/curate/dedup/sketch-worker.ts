/** Worker thread for near-dedup: sketches one chunk of texts and sends the buffers back (transferred, not copied). */
import { parentPort, workerData } from 'node:worker_threads';
import type { SketchOptions } from './shingle-sketch.js';
import { sketchTexts } from './sketch-texts.js';

const { texts, options } = workerData as { texts: string[]; options: SketchOptions };
const batch = sketchTexts(texts, options);
parentPort!.postMessage(batch, [batch.pool.buffer as ArrayBuffer, batch.offsets.buffer as ArrayBuffer, batch.keys.buffer as ArrayBuffer]);
