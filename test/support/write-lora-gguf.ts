/**
 * Writes a LoRA adapter GGUF for a model, as llama.cpp's adapter loader reads it
 * (llama-adapter.cpp): GGUF v3 with `general.type = adapter`, `adapter.type = lora`,
 * `general.architecture` equal to the model's, `adapter.lora.alpha`, and for each adapted weight
 * W (ggml shape [in, out]) two F32 tensors `<W>.lora_a` [in, r] and `<W>.lora_b` [r, out], so the
 * layer computes W x + scale * (alpha / r) * B (A x). Values come from a seeded generator, so the
 * same arguments write the same file. Format: github.com/ggml-org/ggml/blob/master/docs/gguf.md.
 */
import { writeFileSync } from 'node:fs';

export interface AdaptedWeight {
  name: string;
  in: number;
  out: number;
}

export interface LoraAdapterSpec {
  architecture: string;
  weights: AdaptedWeight[];
  rank?: number;
  alpha?: number;
  /** Standard deviation-ish magnitude of the A and B values. */
  magnitude?: number;
  seed?: number;
}

const ALIGNMENT = 32;
const GGUF_TYPE = { UINT32: 4, FLOAT32: 6, STRING: 8 } as const;
const GGML_F32 = 0;

export function writeLoraAdapterGguf(path: string, spec: LoraAdapterSpec): void {
  const rank = spec.rank ?? 4;
  const magnitude = spec.magnitude ?? 0.5;
  let state = spec.seed ?? 1;
  // xorshift32: tiny, deterministic, enough for test weights.
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) / 0x100000000 - 0.5) * 2 * magnitude;
  };
  const chunks: Buffer[] = [];
  let size = 0;
  const push = (b: Buffer) => {
    chunks.push(b);
    size += b.length;
  };
  const u32 = (v: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    push(b);
  };
  const u64 = (v: number) => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    push(b);
  };
  const str = (s: string) => {
    const bytes = Buffer.from(s, 'utf8');
    u64(bytes.length);
    push(bytes);
  };
  const kv: [string, number, () => void][] = [
    ['general.architecture', GGUF_TYPE.STRING, () => str(spec.architecture)],
    ['general.type', GGUF_TYPE.STRING, () => str('adapter')],
    ['general.name', GGUF_TYPE.STRING, () => str('synthkit test adapter')],
    ['adapter.type', GGUF_TYPE.STRING, () => str('lora')],
    [
      'adapter.lora.alpha',
      GGUF_TYPE.FLOAT32,
      () => {
        const b = Buffer.alloc(4);
        b.writeFloatLE(spec.alpha ?? rank);
        push(b);
      },
    ],
    ['general.alignment', GGUF_TYPE.UINT32, () => u32(ALIGNMENT)],
  ];
  const tensors = spec.weights.flatMap((w) => [
    { name: `${w.name}.lora_a`, dims: [w.in, rank] },
    { name: `${w.name}.lora_b`, dims: [rank, w.out] },
  ]);

  push(Buffer.from('GGUF', 'ascii'));
  u32(3);
  u64(tensors.length);
  u64(kv.length);
  for (const [key, type, write] of kv) {
    str(key);
    u32(type);
    write();
  }
  let offset = 0;
  const datas: Buffer[] = [];
  for (const t of tensors) {
    str(t.name);
    u32(t.dims.length);
    for (const d of t.dims) u64(d);
    u32(GGML_F32);
    u64(offset);
    const count = t.dims.reduce((a, b) => a * b, 1);
    const data = Buffer.alloc(count * 4);
    for (let i = 0; i < count; i++) data.writeFloatLE(random(), i * 4);
    const padded = Math.ceil(data.length / ALIGNMENT) * ALIGNMENT;
    datas.push(Buffer.concat([data, Buffer.alloc(padded - data.length)]));
    offset += padded;
  }
  push(Buffer.alloc((ALIGNMENT - (size % ALIGNMENT)) % ALIGNMENT));
  for (const d of datas) push(d);
  writeFileSync(path, Buffer.concat(chunks));
}

/** Every attention and feed-forward weight of a llama-shaped model, for an adapter that visibly changes it. */
export function llamaWeights(blocks: number, dim: number, kvDim: number, ffn: number): AdaptedWeight[] {
  return Array.from({ length: blocks }, (_, b) => [
    { name: `blk.${b}.attn_q.weight`, in: dim, out: dim },
    { name: `blk.${b}.attn_k.weight`, in: dim, out: kvDim },
    { name: `blk.${b}.attn_v.weight`, in: dim, out: kvDim },
    { name: `blk.${b}.attn_output.weight`, in: dim, out: dim },
    { name: `blk.${b}.ffn_gate.weight`, in: dim, out: ffn },
    { name: `blk.${b}.ffn_down.weight`, in: ffn, out: dim },
    { name: `blk.${b}.ffn_up.weight`, in: dim, out: ffn },
  ]).flat();
}
