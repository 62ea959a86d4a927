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
});
