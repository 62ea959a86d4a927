/**
 * The heuristics of the injection screen: patterns over normalised text (case-insensitive unless a
 * rule needs capitals, as persona names do), each with a
 * category and a weight. A text is flagged when the weights of the distinct rules it matches add
 * up to the threshold (1 by default): one unmistakable sign ("ignore the previous instructions",
 * a chat-template token, "Access Granted") is enough on its own; softer signs ("from now on",
 * "act as", "no restrictions", a mention of ChatGPT) count only together, because each of them
 * also occurs in ordinary feedback and policy text.
 *
 * The families follow the attack taxonomies of Perez & Ribeiro, "Ignore Previous Prompt" (2022:
 * goal hijacking, prompt leaking), Toyer et al., "Tensor Trust" (2023: hijacking to "Access
 * Granted", extraction), Greshake et al. (2023: indirect injection in retrieved data) and Shen et
 * al., "Do Anything Now" (2023: in-the-wild jailbreak personas). Patterns were written against a
 * development split of the attack collections and our benign texts; the bench reports a held-out
 * split separately (bench/injection-bench.ts).
 */

export type InjectionCategory =
  | 'instruction_override'
  | 'role_spoofing'
  | 'delimiter_spoofing'
  | 'prompt_extraction'
  | 'output_hijack'
  | 'jailbreak_persona'
  | 'obfuscation';

export interface HeuristicRule {
  id: string;
  category: InjectionCategory;
  /** Added to the text's score when the pattern matches (once per rule). */
  weight: number;
  pattern: RegExp;
}

const OVERRIDE_VERB =
  "(?:ignore|disregard|forget|skip|override|bypass|neglect|abandon|set aside|pay no attention to|do not follow|don't follow|stop following|discard|erase|delete|clear)";
const EARLIER =
  '(?:previous|prior|above|preceding|earlier|former|foregoing|initial|original|system|your|all(?: of)? (?:the |your |my )?(?:previous |prior |above )?|any(?: of)? (?:the |your )?(?:previous |prior )?|the (?:previous|prior|above|preceding|earlier|original|initial|system))';
const DIRECTIVES =
  '(?:instructions?|directions?|directives?|prompts?|programming|guidelines|training|context|commands?|rules(?: (?:above|you were given|given to you))?|constraints|content polic(?:y|ies)|everything (?:above|before|said|else))';

export const HEURISTIC_RULES: readonly HeuristicRule[] = [
  // --- instruction override (goal hijacking)
  {
    id: 'ignore_previous',
    category: 'instruction_override',
    weight: 1,
    pattern: new RegExp(String.raw`\b${OVERRIDE_VERB}\b[^.\n]{0,20}?\b${EARLIER}\s*(?:\w+\s+){0,2}?${DIRECTIVES}`, 'i'),
  },
  {
    id: 'ignore_everything',
    category: 'instruction_override',
    weight: 1,
    pattern:
      /\b(?:ignore|disregard|forget)\b (?:everything|all|anything)(?: (?:that|you were|i|we))?[^.\n]{0,40}\b(?:above|before|said|told|learned|prior|previously|so far)\b/i,
  },
  {
    id: 'ignore_rest_of_data',
    category: 'instruction_override',
    weight: 1,
    pattern:
      /\b(?:ignore|disregard)\b (?:the rest of|the remaining|the (?:above|following)) (?:this |the )?(?:data|text|document|content|input|passage|email|message)\b/i,
  },
  {
    id: 'new_instructions',
    category: 'instruction_override',
    weight: 0.6,
    pattern:
      /\b(?:new|updated|revised|real|actual|true|important|additional|secret|hidden) (?:instructions?|system prompt|directives?|task|orders)\b\s*[:\-!]/i,
  },
  {
    id: 'instead_do',
    category: 'instruction_override',
    weight: 0.4,
    pattern: /\binstead,? (?:you (?:will|must|should)|(?:just |only )?(?:say|print|output|write|respond|reply|answer))\b/i,
  },
  { id: 'stop_everything', category: 'instruction_override', weight: 0.6, pattern: /\bstop everything\b|\b(?:\.\.\.|^)\s*never ?mind[.,!]/im },
  {
    id: 'from_now_on',
    category: 'instruction_override',
    weight: 0.5,
    pattern:
      /\b(?:from now on|from this (?:moment|point)(?: on| onwards?| forward)?|starting (?:now|from now|immediately)|henceforth|for the rest of (?:this|our) conversation)\b/i,
  },
  {
    id: 'you_will_always',
    category: 'instruction_override',
    weight: 0.4,
    pattern: /\byou (?:will|must|shall|should|are going to|have to|need to) (?:always|never|now|only|absolutely)\b/i,
  },
  {
    id: 'not_bound',
    category: 'instruction_override',
    weight: 0.5,
    pattern:
      /\b(?:not (?:bound|restricted|limited) by|free (?:of|from) (?:all |any )?|break(?:s|ing)? (?:free|out) of|broken free of|(?:does|do)(?: not|n't) (?:have to )?(?:follow|abide by|adhere to|care about|obey)|without (?:any )?|no )[^.\n]{0,25}\b(?:restrictions|filters?|filtering|censorship|guidelines|rules|limits|limitations|polic(?:y|ies)|ethics|ethical|morals|moral|morality|warnings|disclaimers|boundaries|safeguards|confines)\b/i,
  },
  // --- role and delimiter spoofing
  {
    id: 'chat_template_token',
    category: 'role_spoofing',
    weight: 1,
    pattern:
      /<\|(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|begin_of_text)\|>|\[\/?INST\]|<<\/?SYS>>|<\/?s>\s*\[INST/i,
  },
  {
    id: 'role_header',
    category: 'role_spoofing',
    weight: 0.8,
    pattern:
      /(?:^|\n)\s*(?:#{2,}\s*)?(?:\[|\()?(?:system|developer|admin(?:istrator)?|root)(?: (?:message|prompt|override|note|notice|instructions?|update|mode))?(?:\]|\))?\s*:\s*\S/i,
  },
  { id: 'turn_marker', category: 'role_spoofing', weight: 0.4, pattern: /(?:^|\n)\s*(?:assistant|ai|bot|human|user)\s*:\s*\S/i },
  {
    id: 'speaker_token',
    category: 'role_spoofing',
    weight: 0.6,
    pattern: /<\|\s*\w+\s*:|\*\*\s*system (?:instruction|message|prompt)/i,
  },
  {
    id: 'system_override',
    category: 'role_spoofing',
    weight: 0.8,
    pattern:
      /\b(?:system|admin(?:istrator)?|developer|security|maintenance|debug|sudo|root) (?:override|mode (?:enabled|activated|on)|command|access granted)\b|\benter(?:ing)? (?:maintenance|debug|admin|developer) mode\b/i,
  },
  {
    id: 'instruction_header',
    category: 'role_spoofing',
    weight: 0.8,
    pattern: /(?:^|\n)\s*#{2,}\s*(?:instruction|system|response|human|assistant|new task)s?\b/i,
  },
  {
    id: 'fence_tag',
    category: 'delimiter_spoofing',
    weight: 0.8,
    pattern: /<\s*\/?\s*(?:system|instructions?|prompt|passage|example|data|document|context|user_input|untrusted|sys)\b[^>]{0,40}>/i,
  },
  {
    id: 'end_of_data',
    category: 'delimiter_spoofing',
    weight: 0.6,
    pattern:
      /\b(?:end of (?:the )?(?:document|passage|text|input|context|data|user input|example|email|prompt|instructions)|(?:begin|start)(?: of)? (?:new |the real )?(?:instructions|system prompt|admin (?:instructions|session)))\b/i,
  },
  // --- system prompt extraction (prompt leaking)
  {
    id: 'reveal_prompt',
    category: 'prompt_extraction',
    weight: 1,
    pattern:
      /\b(?:reveal|show|print|output|repeat|display|tell|give|share|leak|dump|disclose|see|view|access|read out|spell[- ]?check|translate|recite|list|write out|write down|encode|summari[sz]e|what (?:is|are|were))\b[^.\n]{0,40}\b(?:system (?:prompt|message|instructions?)|(?:initial|original|hidden|secret|starting|first|pre-?)\s?(?:instructions|prompt|message|directives)|your (?:instructions|prompt|directives|programming|rules|guidelines|configuration|initial)|(?:the )?(?:instructions|prompt) (?:above|you were given|given to you|before this)|(?:the )?(?:text|words|message|conversation) (?:above|before this|so far)|everything (?:above|before)|(?:this|the|our) (?:entire|whole) conversation|pre-?prompt)/i,
  },
  {
    id: 'what_were_you_told',
    category: 'prompt_extraction',
    weight: 1,
    pattern:
      /(?:\bwhat (?:were|are) you (?:told|instructed|programmed|not (?:supposed|allowed))|\bwhat (?:instructions|rules) (?:were|are) you given|["'“‘](?:i was|you were) (?:instructed|told) to|my instructions (?:are|were)\s*:|\b(?:the|your) system prompt (?:is|says|reads))\b/i,
  },
  {
    id: 'mentions_system_prompt',
    category: 'prompt_extraction',
    weight: 0.5,
    pattern: /\b(?:system[ _]?prompt|system message|initial prompt|initiali[sz]ation (?:string|prompt)|pre-?prompt|prompt injection)\b/i,
  },
  {
    id: 'reveal_secret',
    category: 'prompt_extraction',
    weight: 0.6,
    pattern: /\b(?:reveal|tell me|give me|print|output|what is) (?:the |your )?(?:secret|hidden|access|admin) ?(?:password|code|key|phrase|token)\b/i,
  },
  {
    id: 'conditional_report',
    category: 'instruction_override',
    weight: 0.7,
    pattern:
      /\bif (?:the )?(?:user|anyone|someone|you are|questioned|asked)\b[^.\n]{0,50}\b(?:reply|respond|answer|report|say|state|tell (?:them|the user)|print|output)\b[^.\n]{0,20}\b(?:with|that|only|exactly|the following)\b/i,
  },
  {
    id: 'note_to_ai',
    category: 'instruction_override',
    weight: 0.8,
    pattern:
      /\b(?:note|message|instructions?|hidden text|attention) (?:to|for) (?:the )?(?:ai|llm|assistant|chatbot|language model|automated (?:screening |review |evaluation )?(?:systems?|tools?|reviewers?)|model|bot)s?\b|\b(?:ai|llm|automated) (?:screening|review|evaluation) (?:systems?|tools?)\b[^.\n]{0,30}\b(?:must|should|will|are (?:to|instructed))\b/i,
  },
  {
    id: 'write_harmful',
    category: 'instruction_override',
    weight: 1,
    pattern:
      /(?:^|[.!?:;]\s*|\band then |\binstead,? )write (?:one|a|an|some|me a)? ?(?:toxic|offensive|discriminatory|racist|hateful|sexist|insulting|rude|violent|harmful|defamatory) (?:sentence|joke|message|comment|statement|text|story|poem|tweet|reply|review)s?\b/i,
  },
  {
    id: 'steer_verdict',
    category: 'instruction_override',
    weight: 0.6,
    pattern:
      /\b(?:use|consider|apply) this (?:analysis|information|note|assessment|result) (?:to|when) (?:evaluat|assess|rank|decid|judg|scor)|\b(?:this|the) (?:domain|candidate|applicant|product|website|url|site|document) is (?:clearly |definitely |certainly )?(?:not malicious|safe|trustworthy|legitimate|the best|highly qualified)\b/i,
  },
  {
    id: 'fake_reasoning',
    category: 'role_spoofing',
    weight: 0.6,
    pattern:
      /\b(?:system|assistant|model|ai)(?:'s)? (?:chain[- ]of[- ]thought|reasoning|analysis|evaluation|internal note|verdict) (?:result|output|says|concluded)?\b/i,
  },
  {
    id: 'authority_claim',
    category: 'role_spoofing',
    weight: 0.7,
    pattern:
      /\b(?:i am|i'm|we are|this is) (?:a |an |the |your )?(?:programmer|developer|engineer|employee|researcher|administrator|admin|creator|owner|operator)s? (?:at|from|for|of) (?:openai|anthropic|google|meta|microsoft|this (?:system|model|ai|chatbot))\b|\b(?:modify(?:ing)?|updat(?:e|ing)|chang(?:e|ing)|rewrit(?:e|ing)) your (?:programming|code|instructions|rules|guidelines|system)\b|\breprogram/i,
  },
  {
    id: 'urgency',
    category: 'instruction_override',
    weight: 0.3,
    pattern:
      /\b(?:this is (?:really |extremely |very |super )?(?:important|urgent|critical)(?:,? (?:really|extremely|very) important)?|critical to my (?:career|job|life))\b/i,
  },
  // --- output hijacks ("say X", Tensor Trust's "Access Granted")
  { id: 'access_granted', category: 'output_hijack', weight: 1, pattern: /\baccess granted\b|\bi have been pwned\b|\bpwned\b/i },
  {
    id: 'just_say',
    category: 'output_hijack',
    weight: 0.7,
    pattern: /\b(?:just|only|simply|instead|and then|then) (?:say|print|output|write|type|respond with|reply with|answer with|return)\b\s*:?\s*["'“‘«]?/i,
  },
  {
    id: 'say_quoted',
    category: 'output_hijack',
    weight: 0.4,
    pattern: /\b(?:say|print|output|respond with|reply with|answer with|repeat after me)\b\s*:?\s*["“‘«][^"”’»]{1,60}["”’»]/i,
  },
  {
    id: 'only_output',
    category: 'output_hijack',
    weight: 0.7,
    pattern:
      /\b(?:your|the) (?:only|sole|entire|next|first) (?:output|response|reply|answer|words?)\b[^.\n]{0,20}\b(?:should|must|will|shall) be\b|\b(?:respond|reply|answer) (?:only )?with (?:the (?:word|phrase|text|string)|exactly)\b/i,
  },
  {
    id: 'begin_reply_with',
    category: 'output_hijack',
    weight: 0.5,
    pattern: /\b(?:start|begin|prefix|end)(?:s)? (?:your|each|every|all)? ?(?:answer|response|reply|output|message)s? with\b/i,
  },
  {
    id: 'regardless',
    category: 'output_hijack',
    weight: 0.5,
    pattern: /\bregardless of (?:the|what|any|whatever) (?:input|instructions?|question|previous|user|prompt|is said)\b/i,
  },
  // --- jailbreak personas (in-the-wild: DAN and its family)
  {
    id: 'dan',
    category: 'jailbreak_persona',
    weight: 1,
    pattern:
      /\b[Dd][Oo] [Aa][Nn][Yy][Tt][Hh][Ii][Nn][Gg] [Nn][Oo][Ww]\b|\bDAN (?:mode|prompt|jailbreak|\d)|\byou are (?:now )?(?:DAN|STAN|DUDE|AIM)\b|\[(?:🔓|🔒)?\s*(?:JAILBREAK|CLASSIC|DAN)\]|\bDAN:/,
  },
  {
    id: 'special_mode',
    category: 'jailbreak_persona',
    weight: 1,
    pattern: /\b(?:developer|dev|god|evil|unrestricted|unfiltered|uncensored|jailbr(?:eak|oken)|opposite|chaos|dark) mode\b|\bjailbr(?:eak|oken|eaking)\b/i,
  },
  {
    id: 'no_ethics',
    category: 'jailbreak_persona',
    weight: 1,
    pattern:
      /\b(?:no|without|lacks?|free of|devoid of|zero) (?:any )?(?:ethical|moral|ethics|morals)(?:,? (?:or|and) (?:ethical|moral|legal))? ?(?:guidelines|restrictions|limits|boundaries|constraints|compass|principles|standards|considerations|concerns|obligations|code|filters?|values)?\b|\b(?:amoral|unethical|immoral|uncensored|unrestricted|unfiltered|unhinged|unbound)\b[^.\n]{0,30}\b(?:ai|chatbot|assistant|model|bot|persona|character|version|response)\b/i,
  },
  {
    id: 'persona_switch',
    category: 'jailbreak_persona',
    weight: 0.5,
    pattern:
      /\b(?:act(?:ing)? as|pretend(?:ing)? (?:to be|you are|that you)|you will (?:now )?(?:act|play|be|become|simulate|roleplay)|role-?play(?:ing)?(?: as)?|simulate|impersonate|immerse yourself|take on the (?:role|persona)|you are (?:going|about) to (?:act|be|become|pretend|play)|(?:your )?new (?:persona|identity|role|name) (?:is|will be))\b/i,
  },
  {
    id: 'respond_as',
    category: 'jailbreak_persona',
    weight: 0.5,
    pattern:
      /\b(?:respond|answer|reply|speak|talk|write|act)s? (?:only |always )?(?:as|like) (?:the character|a character|if you (?:are|were)|[A-Z][A-Za-z]*[A-Z][A-Za-z]*\b)/,
  },
  {
    id: 'i_want_you_to',
    category: 'jailbreak_persona',
    weight: 0.5,
    pattern:
      /\b(?:i want you to|i need you to|you are to|you're to|your task is to|your job is to|you must now) (?:act|be|become|play|pretend|roleplay|role-play|imagine|simulate|personify|embody|respond|answer|reply|write as|forget|ignore)\b|\bpersonify\b|\bplay (?:the (?:role|part) of|(?:two|2|three|3|multiple|both) (?:characters|roles|personas))\b/i,
  },
  { id: 'gpt_persona', category: 'jailbreak_persona', weight: 0.5, pattern: /\b(?!Chat)[A-Za-z]+GPT\b|\bas the name (?:implies|suggests)\b/ },
  {
    id: 'prompt_placeholder',
    category: 'jailbreak_persona',
    weight: 0.5,
    pattern:
      /\[(?:input|prompt|insert[^\]]{0,30}|your (?:question|prompt|request)(?: here)?|question|request)\]|\{\{?\s*(?:prompt|input|question|request)\s*\}?\}|<prompt>|\(prompt\)/i,
  },
  {
    id: 'always_reply',
    category: 'jailbreak_persona',
    weight: 0.4,
    pattern:
      /\b(?:always|never) (?:start|begin|end|reply|respond|answer|say|stay|remember|include|use)\b|\b(?:any|every|all) questions? (?:asked|i ask|you are asked)\b/i,
  },
  {
    id: 'named_persona',
    category: 'jailbreak_persona',
    weight: 0.6,
    pattern:
      /\b(?:[Yy]ou are now|[Ff]rom now on,? you are|[Tt]ransform into|[Bb]ehave (?:like|as)|[Yy]ou will now be) (?:called |named )?(?:a |an |the )?[A-Z][A-Za-z0-9]+\b|\b[A-Z]{3,}[ -][Mm]ode\b/,
  },
  {
    id: 'you_are_now',
    category: 'jailbreak_persona',
    weight: 0.4,
    pattern: /\byou are now (?:a|an|the|my|in|going)\b|\b(?:transform into|behave (?:like|as) (?:a|an|the))\b/i,
  },
  {
    id: 'in_character',
    category: 'jailbreak_persona',
    weight: 0.6,
    pattern: /\b(?:stay|remain|keep|staying) in character\b|\bbreak(?:s|ing)? character\b|\bout of character\b/i,
  },
  {
    id: 'names_model',
    category: 'jailbreak_persona',
    weight: 0.3,
    pattern:
      /\b(?:chatgpt|chat gpt|gpt-?[2345]|openai|anthropic|claude|bard|gemini|llama|large language model|language model|an ai model|as an ai|ai assistant)\b/i,
  },
  {
    id: 'content_policy',
    category: 'jailbreak_persona',
    weight: 0.5,
    pattern: /\b(?:content|usage|openai'?s?|safety) polic(?:y|ies)\b|\bguardrails?\b|\bsafety (?:filters?|guidelines|protocols)\b/i,
  },
  {
    id: 'never_refuse',
    category: 'jailbreak_persona',
    weight: 0.6,
    pattern:
      /\b(?:never|not|won'?t|will not|cannot|can'?t|must not|should not|don'?t|do not)\b (?:ever )?(?:refuse|decline|reject|deny)\b|\b(?:never|not|won'?t|will not|don'?t|do not)\b (?:ever )?(?:apologi[sz]e|warn|censor|add (?:any )?(?:warnings|disclaimers))\b|\bwithout (?:any )?(?:warnings?|disclaimers?|hesitation|censorship|refusals?)\b/i,
  },
  {
    id: 'answer_every',
    category: 'jailbreak_persona',
    weight: 0.4,
    pattern:
      /\b(?:respond|answer|reply)(?:s)? to (?:every|all|any|each) (?:prompts?|questions?|requests?|messages?)\b|\b(?:two|2) (?:different |separate )?(?:responses|ways|paragraphs|answers)\b|\b(?:respond|answer|reply) (?:twice|in two)\b/i,
  },
  {
    id: 'game_frame',
    category: 'jailbreak_persona',
    weight: 0.3,
    pattern:
      /\b(?:hypothetical|fictional|imaginary) (?:scenario|world|setting|story|ai|language model)\b|\blet'?s play a game\b|\bthis is (?:just )?a (?:game|role-?play)\b/i,
  },
  {
    id: 'talks_prompts',
    category: 'jailbreak_persona',
    weight: 0.25,
    pattern: /\b(?:my|the user'?s?|every|each|next|this|following) prompts?\b|\bprompts? (?:i give|from me)\b/i,
  },
  {
    id: 'format_demand',
    category: 'jailbreak_persona',
    weight: 0.3,
    pattern: /\b(?:respond|reply|answer|write|output)(?:s)? (?:in|using|with) (?:the |this )?(?:following|this|exact) format\b/i,
  },
  {
    id: 'capability_claim',
    category: 'jailbreak_persona',
    weight: 0.4,
    pattern:
      /\bcan (?:do|say|write|generate) anything\b|\b(?:say|generate|produce|write) (?:any|all) (?:kind of )?content\b|\bbeyond (?:the|your) (?:typical )?(?:confines|limits|restrictions)\b/i,
  },
];
