import { describe, expect, it } from 'vitest';
import { compileTemplate, TemplateError } from '../../src/prompting/template.js';

describe('prompt templates', () => {
  it('renders columns, nested fields and filters, and lists the columns read', () => {
    const t = compileTemplate('{{ persona.region | upcase }} / {{ topic }}{% if urgent %}!{% endif %}');
    expect(t.references.sort()).toEqual(['persona', 'topic', 'urgent']);
    expect(t.render({ persona: { region: 'East' }, topic: 'fees', urgent: true })).toBe('EAST / fees!');
  });

  it('does not execute template syntax found inside data', () => {
    const t = compileTemplate('Feedback: {{ text }}');
    expect(t.render({ text: "{{ 7 | times: 6 }} {% include '/etc/passwd' %}" })).toBe("Feedback: {{ 7 | times: 6 }} {% include '/etc/passwd' %}");
  });

  it('cannot read files', () => {
    for (const src of ["{% include '/etc/passwd' %}", "{% render '/etc/hostname' %}", "{% layout '/etc/passwd' %}x"]) {
      expect(() => compileTemplate(src).render({})).toThrow(TemplateError);
    }
  });

  it('cannot reach prototypes or constructors', () => {
    for (const src of ['{{ x.constructor }}', "{{ x.constructor.constructor('return process')() }}", '{{ x.__proto__ }}', '{{ range.constructor }}']) {
      let out: string | undefined;
      try {
        out = compileTemplate(src).render({ x: 'abc' });
      } catch (error) {
        expect(error).toBeInstanceOf(TemplateError);
      }
      expect(out ?? '').not.toMatch(/function|process|\[object/);
    }
  });

  it('fails on an unknown variable instead of rendering it empty', () => {
    expect(() => compileTemplate('{{ persona.nme }}').render({ persona: { name: 'a' } })).toThrow(/undefined variable/);
  });

  describe('limits', () => {
    const fails = (src: string, limits = {}) => {
      const started = performance.now();
      let error: unknown;
      try {
        compileTemplate(src, limits).render({ text: 'abc' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TemplateError);
      return { error: error as TemplateError, ms: performance.now() - started };
    };

    it('stops a huge loop range at once with a memory-limit error', () => {
      const { error, ms } = fails('{% for i in (1..100000000) %}x{% endfor %}');
      expect(error.limit).toBe('memory');
      expect(error.message).toMatch(/exceeds the memory limit/);
      expect(ms).toBeLessThan(1000);
    });

    it('stops a string that doubles itself in a loop', () => {
      const { error } = fails('{% assign s = "x" %}{% for i in (1..60) %}{% assign s = s | append: s %}{% endfor %}{{ s }}');
      expect(error.limit).toBe('memory');
    });

    it('stops output beyond the size limit while it is written, naming the limit', () => {
      const { error } = fails('{% for i in (1..1000) %}{{ text }}{% endfor %}', { maxOutputChars: 1000 });
      expect(error.limit).toBe('output size');
      expect(error.message).toContain('output size limit');
      expect(error.message).toContain('1,000 characters');
    });

    it('stops nested loops that stay under the memory limit by time', () => {
      const { error, ms } = fails('{% for i in (1..1000) %}{% for j in (1..1000) %}{% for k in (1..1000) %}{% endfor %}{% endfor %}{% endfor %}', {
        maxRenderMs: 100,
      });
      expect(error.limit).toBe('render time');
      expect(error.message).toContain('100 ms');
      expect(ms).toBeLessThan(2000);
    });

    it('refuses an over-long template source when it is compiled', () => {
      const { error } = fails(`${'x'.repeat(200)}{{ text }}`, { maxSourceChars: 100 });
      expect(error.limit).toBe('source length');
    });

    it('counts each render from zero, so many small renders of one template all succeed', () => {
      const t = compileTemplate('{% for i in (1..1000) %}{{ i }}{% endfor %}', { maxMemory: 5000 });
      for (let i = 0; i < 20; i++) expect(t.render({})).toHaveLength(2893);
    });
  });
});
