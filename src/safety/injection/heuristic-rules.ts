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
 *
 * Later families, written against our own development attacks and look-alike benign texts
 * (bench/injection/dev-attacks.ts, benign-texts.ts):
 * - authority spoofing: a claim to be the developer, operator or admin counts only together with
 *   a request (a bypass of the model's safeguards, permission to break its rules, new
 *   instructions), because "As a developer myself, ..." is how people introduce themselves;
 * - spoofed section breaks ("END OF REVIEW", "---", "###") followed by an order to the model, and
 *   directives hidden in HTML/Markdown comments or after a role label ("assistant: ignore ...");
 * - role-play framing ("pretend you are my grandmother", "hypothetically", "for a novel") next to
 *   what it is used to get (activation keys, the system prompt, how to make napalm); the frame
 *   alone is ordinary play, and credentials weigh less, since residents ask about passwords;
 * - the core phrases in other languages (multilingual-rules.ts).
 * Costly patterns have gates (cheap word tests, literal-gate.ts) and read lower-cased text.
 */

import { anyOf } from './literal-gate.js';
import { MULTILINGUAL_RULES } from './multilingual-rules.js';

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
  /**
   * Cheap tests on the lower-cased text that must all pass before `pattern` is tried: the words or
   * the script a costly pattern cannot match without. A gate object shared by several rules is
   * tested once per reading. Several rules may share an id (one per language); a text counts each
   * id once.
   */
  gates?: readonly RegExp[];
  /** The pattern is written in lower case and reads the lower-cased text (so it needs no `i` flag). */
  lowercase?: boolean;
  /** Readings the rule skips: the multilingual rules skip the English-only disguises (rot13, leetspeak). */
  skipReadings?: readonly string[];
}

const OVERRIDE_VERB =
  "(?:ignore|disregard|forget|skip|override|bypass|neglect|abandon|set aside|pay no attention to|do not follow|don't follow|stop following|discard|erase|delete|clear)";
const EARLIER =
  '(?:previous|prior|above|preceding|earlier|former|foregoing|initial|original|system|your|all(?: of)? (?:the |your |my )?(?:previous |prior |above )?|any(?: of)? (?:the |your )?(?:previous |prior )?|the (?:previous|prior|above|preceding|earlier|original|initial|system))';
const DIRECTIVES =
  '(?:instructions?|directions?|directives?|prompts?|programming|guidelines|guidance|training|context|commands?|rules(?: (?:above|you were given|given to you))?|constraints|restrictions|limitations|safeguards|guardrails|content polic(?:y|ies)|everything (?:above|before|said|else))';

/** Someone claiming to speak for the system: "as the developer", "this is your operator", "message from the admin". */
const AUTHORITY_CLAIM =
  "(?:\\bas (?:the|your|an?|this (?:app|site|system|bot|assistant)'?s?) (?:lead |senior |chief |head |system |site |platform |app |)(?:developer|dev|operator|admin|administrator|owner|creator|engineer|maintainer|moderator|sysadmin|superuser|root user)s?\\b|\\b(?:i am|i'm|this is|it's|it is|we are|we're|speaking as|(?:message|note|request|instructions?|orders?|update)(?: is| comes)? from|on behalf of) (?:the|your|an?|its|this (?:app|site|system|bot|assistant)'?s?) (?:[\\w'-]+ ){0,2}?(?:developer|dev team|operator|admin|administrator|owner|creator|maintainer|moderator|sysadmin|system administrator|security team|openai|anthropic)s?\\b|\\b(?:openai|anthropic|google|microsoft|meta) (?:staff|team|employee|engineer|developer|admin)s?\\b|(?:^|\\n)\\s*(?:system )?(?:developer|operator|admin|administrator|sysadmin|owner) (?:note|message|notice|update|announcement)\\b)";
const BYPASS_VERB = '(?:bypass|circumvent|disable|deactivate|turn off|switch off|override|get around|evade|skip|suspend|ignore|disregard|lift|remove)';
/**
 * What a bypass is aimed at: safeguards that only a model has (guardrails, moderation, a content
 * policy), or rules and filters that are the model's own ("your restrictions"). "The content
 * filter on my son's tablet" or "the restrictions on gatherings" are neither.
 */
const SAFEGUARDS =
  "(?:\\b(?:guardrails?|safeguards?|moderation|censorship|content polic(?:y|ies)|safety (?:filters?|rules|checks|settings|guidelines|protocols|features|measures|policy|policies|restrictions|training|mode)|ethical (?:guidelines|rules|constraints))\\b|\\b(?:your|all your|all of your|any of your|the model's|the assistant's|the ai's) (?:\\w+ )?(?:restrictions|limitations|rules|guidelines|programming|ethics|safety|restraints|filters?|filtering|policies|instructions)\\b)";
/** What the claim is used for: a bypass, permission to break rules, new instructions, a special mode. */
const AUTHORITY_REQUEST = `(?:\\b${BYPASS_VERB}\\b[^.\\n]{0,30}?${SAFEGUARDS}|\\b(?:authori[sz]\\w*|permit\\w*|grant\\w*|allow\\w*|clear\\w*|instruct\\w*|order\\w*|command\\w*) you\\b[^.\\n]{0,40}?\\b(?:bypass|ignore|override|disable|skip|disregard|reveal|disclose|break|violate|turn off|suspend|lift|remove|answer without|respond without|operate without|act without|share (?:the|all|any|user))\\b|\\b(?:you|the (?:assistant|ai|model|bot|chatbot))(?:'re| are| is| have been| has been)?(?: now)? (?:authori[sz]ed|permitted|allowed|cleared|free|exempt)\\b[^.\\n]{0,30}?\\b(?:bypass|ignore|override|disable|skip|disregard|reveal|disclose|break|violate|turn off|suspend|share|answer|respond|output|print)\\b|\\bnew (?:instructions|directives|orders)(?:\\s*[:\\-]|\\s+(?:follow|below|are as follows|for you))|\\b(?:updat|chang|modif|rewrit|overrid)\\w* your (?:rules|instructions|guidelines|programming|settings|configuration)\\b|\\b(?:enable|activate|enter|unlock) (?:developer|debug|admin|god|maintenance|unrestricted|jailbreak|dan|sudo|root) mode\\b)`;
/** A spoofed end of the data: "END OF REVIEW", "---", "=====", "### END OF INPUT ###" on a line of its own. */
const SECTION_BREAK =
  '(?:^|\\n)[ \\t]*(?:(?:-{3,}|={3,}|\\*{3,}|#{3,}|_{3,}|~{3,})[ \\t]*(?:[a-z][a-z \\t]{1,40}?[ \\t]*(?:-{3,}|={3,}|\\*{3,}|#{3,})?)?|(?:#{1,3}[ \\t]*)?[[(]?(?:end|stop|begin|start) of [a-z][a-z \\t]{1,30}?[\\])]?[.:!]?(?:[ \\t]*(?:-{3,}|={3,}|#{3,}))?)';
/** What follows such a break in an attack: new instructions, a role, an order to the model. */
const BREAK_DIRECTIVE =
  '(?:new|updated|revised|real|actual|important|additional|hidden) (?:instructions?|directives?|task|orders|rules)|(?:system|assistant|ai|admin|administrator|operator|developer)\\s*(?:note|message|instructions?|override|update)?\\s*[:,]|(?:ignore|disregard|forget|override)\\b|you (?:must|will|should|shall|are to|need to|have to) now\\b|from now on|now,? (?:you |please )?(?:rate|output|print|write|say|respond|reply|answer|classify|mark|add|include|insert|append|call|send|email|forward|delete|summari[sz]e|recommend|list|give|reveal|tell)\\b|(?:rate|mark|classify|label|approve|reject|escalate|recommend|output|print|reveal|send|email|forward|delete|call|invoke|execute) (?:this|the|all|every|it|each|your|only|my)\\b';
/** Inside an HTML or Markdown comment: a role label, an order to ignore, an order to a model, a tool call. */
const COMMENT_DIRECTIVE =
  '\\b(?:system|assistant|ai|bot|developer|admin|operator)\\s*:\\s*\\S|\\b(?:ignore|disregard|forget|override|bypass)\\s+(?:the (?:user|previous|prior|above|earlier|system|instructions|rules)|all (?:previous|prior|above|earlier|instructions|rules)|your|previous|prior|above|earlier|instructions|rules|everything|the user)\\b|\\b(?:you|assistant|ai|model|llm|chatbot)\\s+(?:must|should|will|are to|shall)\\b|\\b(?:ai|llm|assistant|chatbot|language model|agent|bot)s?\\b[^>]{0,60}?\\b(?:rate|say|respond|reply|output|print|write|recommend|ignore|disregard|forget|reveal|send|email|call|invoke|summari[sz]e|include|insert|mark|classify|approve)\\b|\\b(?:call|invoke|execute|run|trigger|use)\\s+(?:the\\s+)?[\\w.-]+\\s+(?:tool|function|plugin|action)\\b|\\b(?:note|instructions?|message) (?:to|for) (?:the )?(?:ai|assistant|model|llm|chatbot|bot)s?\\b';
/** Role-play and fiction frames: pretend, act as, be my grandmother, hypothetically, for a novel, bedtime stories. */
const FICTION_FRAME =
  "\\bpretend(?:ing)?\\b|\\bact(?:ing)? (?:as|like)\\b|\\brole-?play|\\bplay(?:ing)? (?:the )?(?:role|part) of\\b|\\b(?:be|become) my\\b|\\byou are (?:now )?my\\b|\\bimagine (?:you are|you're|that you|being)\\b|\\bhypothetical(?:ly)?\\b|\\bin a (?:fictional|imaginary|hypothetical|parallel|fantasy) (?:world|universe|scenario|story|setting)\\b|\\bif you (?:had|were|did|could)(?: not| no|n't)?\\b[^.\\n]{0,20}\\b(?:rules|restrictions|filters|guidelines|limits|ethics|censored|restricted)\\b|\\bfor (?:a|my|the) (?:novel|story|screenplay|movie|film|book|script|play|fiction)\\b|\\bin character\\b|\\bbedtime stor(?:y|ies)\\b|\\b(?:fall|get to|help me) (?:a)?sleep\\b";
const DANGEROUS_THING =
  '(?:pipe bombs?|bombs?|explosives?|napalm|meth\\w*|cocaine|heroin|fentanyl|drugs?|weapons?|guns?|poisons?|nerve agents?|sarin|ricin|anthrax|bioweapons?|chemical weapons?|malware|viruses|virus|ransomware|keyloggers?)';
/** The words a fiction frame cannot do without (a gate shared by the two fiction rules). */
const FICTION_GATE = anyOf([
  'pretend',
  'act',
  'role',
  'play',
  'be my',
  'become my',
  'you are',
  'imagine',
  'hypothetical',
  'fiction',
  'imaginary',
  'parallel',
  'fantasy',
  'if you',
  'novel',
  'story',
  'screenplay',
  'movie',
  'film',
  'book',
  'script',
  'character',
  'bedtime',
  'sleep',
]);
/** Keys and prompts: what the grandmother trick is for. */
const KEYS_AND_PROMPTS =
  "(?:(?:activation|license|licence|product|serial|registration|cd|windows|office|steam|api|secret|private|admin|root|wi-?fi)\\s+(?:[\\w'-]+\\s+)?(?:keys?|codes?|passwords?)|system prompt|(?:hidden|secret|original|initial|system) (?:instructions|prompt|rules)|your (?:instructions|prompt|programming|rules))\\b";
/** Passwords and the like: also what residents ask an agency about, so a frame around them counts less. */
const CREDENTIALS = '(?:passwords?|passcodes?|credentials|credit card numbers?|(?:nric|ssn|social security) numbers?)\\b';
/** Asked for, not mentioned: "tell me", "read me", "recite" (telling and giving count only when it is "me" or "us"). */
const ASK_FOR =
  "(?:\\b(?:tell|read|give|say|sing|whisper|share|provide|send|show|teach)\\w*\\s+(?:me|us)\\s+|\\b(?:recite|reveal|list|spell|leak|generate|write|explain|describe)\\w*\\s+(?:me\\s+|us\\s+)?)(?:out\\s+)?(?:[\\w'-]+\\s+){0,5}?";
/** What the frame is used to get that nobody asks an agency for: keys, the system prompt, how to make something dangerous. */
const SENSITIVE_TARGET = `${ASK_FOR}${KEYS_AND_PROMPTS}|\\bhow (?:to|one would|you would|would you|do you|i could|can i|could i|someone could|they|he|she) (?:make|build|synthesi[sz]e|cook|brew|produce|manufacture|assemble|create)\\s+(?:a |an |some |the )?(?:homemade\\s+)?${DANGEROUS_THING}|\\b(?:steps?|recipe|instructions|process|procedure|guide|way|formula) (?:to|for|of) (?:making|make|build|building|synthesi[sz]e|synthesi[sz]ing|cook|cooking|produc\\w+|manufactur\\w+)\\s+(?:a |an |some |the )?(?:homemade\\s+)?${DANGEROUS_THING}|\\b(?:synthesi[sz]e|cook|manufacture|make|build|produce)\\s+(?:a |an |some |the )?(?:pipe bombs?|bombs?|explosives?|napalm|meth\\w*|nerve agents?|sarin|ricin|bioweapons?|ransomware|malware)\\b`;
/** Credentials and break-ins: sensitive, but "pretend" next to "tell me the password requirements" is not an attack. */
const CREDENTIAL_TARGET = `${ASK_FOR}${CREDENTIALS}|\\b(?:hack|break) into\\b|\\bpick(?:ing)? (?:a|the) lock\\b|\\bhotwir\\w+|\\bbypass (?:the )?(?:security|authentication|alarm|paywall)\\b`;

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
      /\b(?:ignore|disregard|forget)\b (?:everything|all|anything)(?: (?:that|you were|i|we))?[^.\n]{0,40}\b(?:above|before|said|told|learned|prior|previously|so far)\b|\b(?:ignore|disregard|forget)\b (?:what|whatever) (?:you were|you've been|you have been|you've|you have|i|we|they) (?:\w+ )?(?:told|said|given|instructed|taught|programmed)\b/i,
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
      /\b(?:new|updated|revised|real|actual|true|important|additional|secret|hidden) (?:instructions?|system prompt|directives?|task|orders|policy|rules?|guidelines)\b(?: (?:from|by) (?:the |your )?[\w .'-]{1,30}?)?\s*[:\-!]|\b(?:new|updated|revised) (?:instructions|directives|orders) (?:follow|below|are as follows)\b/i,
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
      /\b(?:system|admin(?:istrator)?|developer|security|maintenance|debug|sudo|root) (?:override|mode (?:enabled|activated|(?:is )?(?:now )?on)(?!\s+(?:my|the|your|a|an|his|her|our|their|this|that|its)\b)|command|access granted)\b|\benter(?:ing)? (?:maintenance|debug|admin|developer) mode\b/i,
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
      /\b(?:end of (?:the )?(?:document|passage|text|input|context|data|user input|example|email|prompt|instructions|review|feedback|comment|message|transcript|conversation|submission|content|query|article|file|record|letter|ticket|post)|(?:begin|start)(?: of)? (?:new |the real )?(?:instructions|system prompt|admin (?:instructions|session)))\b/i,
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
    // An order about the verdict a summariser or a rater should give ("rate this 5 stars",
    // "summarise every review as positive"); residents rate services too, so it needs company.
    id: 'steer_summary',
    category: 'instruction_override',
    weight: 0.5,
    pattern:
      /\b(?:summari[sz]|describ|classif|rat|mark|label|scor|report|list)\w*\b[^.\n]{0,40}?\b(?:as (?:positive|negative|resolved|excellent|safe|approved|the best|urgent|spam|harmless)\b|(?:5|five|10|ten) stars?\b|(?:a |the )?(?:perfect|top|maximum|highest) (?:score|rating|grade|mark)s?\b)/i,
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
    pattern: /\b(?:evil|unrestricted|unfiltered|uncensored|unlimited|jailbr(?:eak|oken)|opposite|chaos|DAN|STAN|anarchy) mode\b|\bjailbr(?:eak|oken|eaking)\b/i,
  },
  {
    // Phones, games and apps have these modes too ("developer options", "dark mode" is a theme),
    // so alone they do not flag; the jailbreaks that use them say much else besides.
    id: 'device_mode',
    category: 'jailbreak_persona',
    weight: 0.5,
    pattern: /\b(?:developer|dev|god|debug|admin|sudo) mode\b/i,
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
  // --- authority and role spoofing with a request (the claim alone is how people introduce themselves)
  {
    id: 'authority_override',
    category: 'role_spoofing',
    weight: 1,
    pattern: new RegExp(`${AUTHORITY_CLAIM}[^]{0,150}?${AUTHORITY_REQUEST}|${AUTHORITY_REQUEST}[^.\\n]{0,80}?${AUTHORITY_CLAIM}`),
    lowercase: true,
    gates: [
      anyOf([
        'dev',
        'operator',
        'admin',
        'owner',
        'creator',
        'engineer',
        'maintainer',
        'moderator',
        'superuser',
        'root user',
        'security team',
        'openai',
        'anthropic',
        'google',
        'microsoft',
        'meta ',
      ]),
    ],
  },
  {
    id: 'bypass_safety',
    category: 'instruction_override',
    weight: 0.5,
    pattern: new RegExp(`\\b${BYPASS_VERB}\\b[^.\\n]{0,20}?${SAFEGUARDS}`),
    lowercase: true,
  },
  // --- spoofed section breaks and hidden directives
  {
    id: 'section_break_directive',
    category: 'delimiter_spoofing',
    weight: 0.6,
    pattern: new RegExp(`${SECTION_BREAK}[ \\t]*\\n+[ \\t]*(?:${BREAK_DIRECTIVE})`),
    lowercase: true,
  },
  {
    id: 'hidden_comment_directive',
    category: 'delimiter_spoofing',
    weight: 1,
    pattern: new RegExp(
      `<!--(?:(?!-->)[^]){0,400}?(?:${COMMENT_DIRECTIVE})|\\[(?://|comment|hidden|note|_)\\]:\\s*(?:#|<>)\\s*[("<][^)">\\n]{0,300}?(?:${COMMENT_DIRECTIVE})`,
    ),
    lowercase: true,
    gates: [anyOf(['<!--', ']:'])],
  },
  {
    id: 'role_label_directive',
    category: 'role_spoofing',
    weight: 0.8,
    pattern:
      /(?:^|\n)\s*(?:system|assistant|ai|developer|admin(?:istrator)?|operator)\s*:\s*(?:please\s+)?(?:ignore|disregard|forget|override|bypass|call|invoke|execute|trigger|reveal|new instructions|you (?:must|will|shall|are) now)\b/i,
  },
  {
    id: 'tool_call_directive',
    category: 'output_hijack',
    weight: 0.4,
    pattern:
      /\b(?:call|invoke|execute|trigger|run|use)\s+(?:the\s+|your\s+)?[\w.-]+\s+(?:tool|function|plugin)\b|\b(?:call|invoke|execute|trigger|run)\s+(?:the\s+)?[a-z]+_[a-z_]+\b/,
    lowercase: true,
  },
  // --- role-play framing around a sensitive target (the frame alone is ordinary play)
  {
    id: 'fiction_sensitive',
    category: 'jailbreak_persona',
    weight: 0.8,
    pattern: new RegExp(`(?:${FICTION_FRAME})[^]{0,200}?(?:${SENSITIVE_TARGET})|(?:${SENSITIVE_TARGET})[^]{0,120}?(?:${FICTION_FRAME})`),
    lowercase: true,
    gates: [
      anyOf([
        'key',
        'code',
        'password',
        'prompt',
        'instructions',
        'programming',
        'rules',
        'bomb',
        'explosive',
        'napalm',
        'meth',
        'cocaine',
        'heroin',
        'fentanyl',
        'drug',
        'weapon',
        'gun',
        'poison',
        'nerve agent',
        'sarin',
        'ricin',
        'anthrax',
        'malware',
        'virus',
        'ransomware',
        'keylogger',
      ]),
      FICTION_GATE,
    ],
  },
  {
    id: 'fiction_credentials',
    category: 'jailbreak_persona',
    weight: 0.25,
    pattern: new RegExp(`(?:${FICTION_FRAME})[^]{0,200}?(?:${CREDENTIAL_TARGET})|(?:${CREDENTIAL_TARGET})[^]{0,120}?(?:${FICTION_FRAME})`),
    lowercase: true,
    gates: [
      anyOf(['password', 'passcode', 'credential', 'credit card', 'nric', 'ssn', 'social security', 'hack', 'break into', 'lock', 'hotwir', 'bypass']),
      FICTION_GATE,
    ],
  },
  {
    id: 'bedtime_exploit',
    category: 'jailbreak_persona',
    weight: 0.6,
    lowercase: true,
    pattern:
      /\b(?:grandma|grandmother|granny|nana|grandpa|grandfather|gran|mom|mum|mother|dad|father)\b[^.\n]{0,80}?\b(?:used to|would|always)\b[^.\n]{0,20}?\b(?:read|tell|recite|say|sing|whisper|give|list)\w*\b[^.\n]{0,40}?(?:\b(?:windows|activation|license|licence|product|serial|cd|steam|office)\b[^.\n]{0,15}?\bkeys?\b|\bpasswords?\b|\bnapalm\b|\bnerve agents?\b|\bmeth\w*|\bbombs?\b|\bexplosives?\b)/,
  },
  ...MULTILINGUAL_RULES,
];
