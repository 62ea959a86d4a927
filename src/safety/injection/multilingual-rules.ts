/**
 * The core injection phrases in the other languages our users' data holds: German, Spanish,
 * French, Italian, Portuguese, Dutch, Chinese (simplified and traditional), Japanese, Korean,
 * Malay/Indonesian, Tamil, Hindi (and romanised Hindi), Russian and Arabic. Four families, as in
 * English: override ("ignore all previous instructions"), extraction ("show your system prompt"),
 * a persona switch ("you are now ...") and "without restrictions", plus the words for "system
 * prompt" on their own.
 *
 * Patterns read the normalised text (normalise-text.ts) lower-cased: accents are already off Latin
 * letters (so "précédentes" is written "precedentes"), Arabic has no vowel marks and one alef.
 * Chinese, Japanese and Korean attach particles to words, so their patterns match without word
 * edges; elsewhere a word's edge is "no letter of its script next to it" (\b is ASCII-only).
 * Each language's rule has a gate (its verbs, or its script) so the others cost a cheap test.
 * The patterns use no case-insensitive or Unicode-property matching: those compile slowly.
 *
 * How strict each family is mirrors the English rules, with two choices made for benign feedback
 * in these languages: "all" qualifies instruction nouns only ("ignore all the rules" is a common
 * complaint about neighbours, "ignore all instructions" is not), and "your instructions" in an
 * extraction counts only in the informal second person (du, tú, tu, 你, ты, तुम...), because the
 * formal one (Sie, usted, vous, 您, вы, आप) is how residents address an agency.
 */
import type { HeuristicRule } from './heuristic-rules.js';
import { anyOf } from './literal-gate.js';

/** A script: its letters (for word edges) and, for non-Latin ones, the gate that finds it. */
interface Script {
  letters: string;
  gate?: string;
}
const LATIN: Script = { letters: 'a-z\\u00df-\\u00ff\\u0100-\\u024f' };
const CYRILLIC: Script = { letters: '\\u0400-\\u04ff', gate: '[\\u0400-\\u04ff]' };
const ARABIC: Script = { letters: '\\u0600-\\u06ff', gate: '[\\u0600-\\u06ff]' };
const DEVANAGARI: Script = { letters: '\\u0900-\\u097f', gate: '[\\u0900-\\u097f]' };
const TAMIL: Script = { letters: '\\u0b80-\\u0bff', gate: '[\\u0b80-\\u0bff]' };
/** No word edges in these. */
const HAN: Script = { letters: '', gate: '[\\u4e00-\\u9fff]' };
const KANA: Script = { letters: '', gate: '[\\u3040-\\u30ff]' };
const HANGUL: Script = { letters: '', gate: '[\\uac00-\\ud7af]' };
const ANY_SCRIPT: Script = { letters: '', gate: '[\\u0600-\\u06ff\\u0900-\\u097f\\u0b80-\\u0bff\\u3040-\\u30ff\\u4e00-\\u9fff\\uac00-\\ud7af]' };

/**
 * Placeholders filled in per script when a rule is built: B and E, the start and end of a word;
 * L, the rest of a word after a stem; W, one letter.
 */
const B = '\u0001B';
const E = '\u0001E';
const L = '\u0001L';
const W = '\u0001W';
/** A gap inside one sentence, in any script's punctuation. */
const gap = (n: number) => `[^.!?。！？।\\n]{0,${n}}?`;

interface OverrideSpec {
  script: Script;
  /** The gate (see HeuristicRule.gate) for Latin-script languages: their verbs' stems. */
  gate?: string;
  /** Verbs that come before their object ("ignora ..."). */
  verbs?: string;
  /** Verbs that come after it (Japanese, Korean, Hindi, Tamil; German and Dutch infinitives). */
  verbsAfter?: string;
  /** "all", which qualifies instruction nouns only. */
  all?: string;
  /** Qualifiers before the noun: previous, above, original, your, system. */
  before?: string;
  /** Qualifiers after the noun. */
  after?: string;
  /** Instructions, directives, prompts. */
  instructions: string;
  /** Rules, restrictions, guidelines: these need a "previous"/"your" qualifier, not just "all". */
  rules: string;
  /** Objects that need no qualifier: "your instructions" as one word, "everything above". */
  self?: string;
  /**
   * Words after which an order starts ("bitte", "por favor", "and", "now"): where the imperative
   * reads like another form ("ignora", he ignores; "oublié", forgotten; Arabic "تجاهل", he
   * ignored), a verb-first override counts only at the start of a sentence or clause or after one
   * of these.
   */
  context?: string;
  /** How far the object may follow the verb (30 characters unless said). */
  verbGap?: number;
  /**
   * "All" may qualify rules too ("ignore all the rules") where a verb-first order is recognised
   * as one (by `context` or by its form) and where `ordersOnly` says the verbs after the object
   * are orders; `strictAll` keeps it to instructions where even that is unsure (Arabic, Chinese).
   */
  strictAll?: boolean;
  ordersOnly?: boolean;
}

const word = (alternatives: string) => `${B}(?:${alternatives})${E}`;
/** A word that may go on (German and Russian endings, Tamil and Hindi case suffixes). */
const stem = (alternatives: string) => `${B}(?:${alternatives})`;

function overrideSource(s: OverrideSpec): string {
  const q = (x: string | undefined) => (x ? word(x) : undefined);
  const all = q(s.all);
  const before = q(s.before);
  const after = q(s.after);
  const instr = stem(s.instructions);
  const rules = stem(s.rules);
  const objectOf = (relaxed: boolean) => {
    const objects: string[] = [];
    const qualifiedBefore = [all, before].filter(Boolean).join('|');
    if (relaxed && qualifiedBefore) objects.push(`(?:${qualifiedBefore})${gap(20)}(?:${instr}|${rules})`);
    else {
      if (qualifiedBefore) objects.push(`(?:${qualifiedBefore})${gap(20)}${instr}`);
      if (before) objects.push(`${before}${gap(20)}${rules}`);
    }
    if (after) objects.push(`(?:${instr}|${rules})${L}${gap(24)}${after}`);
    if (s.self) objects.push(stem(s.self));
    return `(?:${objects.join('|')})`;
  };
  const forms: string[] = [];
  const start = s.context === undefined ? '' : `(?<=(?:^|[.!?:;,\\n"\\u0027\\u2019(«“*>\\-]|${B}(?:${s.context}))\\s*)`;
  if (s.verbs) forms.push(`${start}${word(s.verbs)}${gap(s.verbGap ?? 30)}${objectOf(!s.strictAll)}`);
  if (s.verbsAfter) forms.push(`${objectOf(Boolean(s.ordersOnly) && !s.strictAll)}${gap(24)}${stem(s.verbsAfter)}`);
  return forms.join('|');
}

interface RevealSpec {
  script: Script;
  /** The gate for Latin-script languages: words of the targets. */
  gate?: string;
  /** Verbs before the target ("zeig mir ..."). */
  verbs?: string;
  /** Verbs after it (SOV languages). */
  verbsAfter?: string;
  /** The system prompt, hidden or initial instructions, informal "your instructions". */
  targets: string;
}

function revealSource(s: RevealSpec): string {
  const target = stem(s.targets);
  const forms: string[] = [];
  if (s.verbs) forms.push(`${word(s.verbs)}${gap(40)}${target}`);
  if (s.verbsAfter) forms.push(`${target}${gap(24)}${stem(s.verbsAfter)}`);
  return forms.join('|');
}

const OVERRIDE: Record<string, OverrideSpec> = {
  de: {
    script: LATIN,
    gate: `ignorier|vergiss|vergess|missacht|verwirf|verwerf|ubergeh|uberspring|kraft|acht lassen|beachten|befolgen`,
    context: `bitte|und|jetzt|nun|dann|einfach|also|aber|sofort|ab sofort|du musst|sie mussen|ihr musst|musst du|mussen sie|du sollst|sie sollen`,
    verbs: `ignorier(?:e|en|t|st)?|vergiss|vergisst|vergessen|vergesst|missacht(?:e|en|et)?|verwirf|verwerfen|ubergeh(?:e|en|t)?|uberspring(?:e|en|t)?|setze? (?:${W}+ ){0,4}?au(?:ss|ß)er kraft`,
    verbsAfter: `ignorieren|vergessen|missachten|verwerfen|nicht (?:mehr )?(?:beachten|befolgen)|au(?:ss|ß)er acht lassen`,
    all: `alle|samtliche|jegliche|ihre`,
    before: `vorherig${L}|vorig${L}|bisherig${L}|obig${L}|vorangegangen${L}|vorangehend${L}|vorstehend${L}|fruher${L}|ursprunglich${L}|anfanglich${L}|dein(?:e|en|em|er|es)?|eure?[nmrs]?|system`,
    after: `oben|von oben|zuvor|davor|von vorhin|bis jetzt|des systems`,
    // Nouns may end a compound ("Sicherheitsregeln", "Systemanweisungen").
    instructions: `${W}*?(?:anweisung|instruktion|prompt|direktive|vorgabe|befehl|anordnung)${L}`,
    rules: `${W}*?(?:regel(?:n)?${E}|richtlinie${L}|einschrankung${L}|beschrankung${L}|grenzen${E}|filter${L})`,
    self: `alles,? (?:was|das) (?:dir |ihnen |euch )?(?:vorher|zuvor|bisher|oben|davor|bis jetzt) (?:gesagt|geschrieben|mitgeteilt|gegeben)|alles (?:bisherige|vorherige|obige|zuvor gesagte|oben stehende|obenstehende|davor)`,
  },
  es: {
    script: LATIN,
    gate: `toda|todo|cualquier| sus | tus |de lado|vuestra|previa|anterior|originales|iniciales|precedentes|arriba|de antes|sistema| que te| que le| que se|mencionadas|dadas`,
    context: `por favor|y|ahora|entonces|luego|simplemente|solo|solamente|tambien|pero|ya|debes|deben|tienes que|tienen que|hay que`,
    // Not the formal "ignore", "olvide", "descarte": without accents they read as "I ignored", "I forgot".
    verbs: `ignora(?:las|los)?|ignoren|ignorar|olvida|olviden|olvidar|olvidate de|descarta|omite|desobedece|desestima|no (?:sigas|siga|sigan|obedezcas|obedezca|hagas caso (?:a|de)|haga caso (?:a|de)|tengas en cuenta|tenga en cuenta)|haz caso omiso (?:a|de)|pasa por alto|deja de lado`,
    all: `todas?|todos?|cualquier|sus|vuestras?`,
    before: `tus|previas?|anteriores|originales|iniciales`,
    after: `anteriores|previas?|precedentes|de arriba|arriba|de antes|originales|iniciales|del sistema|de sistema|que (?:te|le|se te|se le) (?:dieron|han dado|di|dimos)|mencionadas|dadas`,
    instructions: `instrucciones|instruccion|indicaciones|ordenes|directivas|directrices|prompts?|comandos|consignas`,
    rules: `reglas|normas|restricciones|politicas|limitaciones|filtros|pautas`,
    self: `todo lo (?:anterior|de arriba|que (?:te|le) (?:dije|dijeron|han dicho|he dicho)|dicho (?:antes|hasta ahora))`,
  },
  fr: {
    script: LATIN,
    gate: `toute|tous|l'ensemble| vos | tes |precedente|anterieure|premiere|ci-dessus|plus haut|d'avant|d'origine|originale|initiale|systeme|qu'on|recue|tout ce`,
    context: `s'il te plait|s'il vous plait|svp|et|maintenant|alors|puis|simplement|desormais|mais|tu dois|vous devez|il faut`,
    verbs: `ignore[sz]?|ignorer|oublie[sz]?|oublier|ne (?:tiens|tenez|tenir) (?:pas |plus )?compte|fai(?:s|tes) abstraction|ne (?:suis|suivez|suivre) (?:pas|plus)|neglige[sz]?|ecarte[sz]?|passe[sz]? outre|laisse[sz]? tomber|fai(?:s|tes) fi`,
    all: `toutes?|tous|l'ensemble d(?:es|e tes|e vos)|vos`,
    before: `tes|precedentes?|anterieures?|premieres?`,
    after: `precedentes?|anterieures?|ci-dessus|plus haut|d'avant|d'origine|originales?|initiales?|du systeme|systeme|qu'on t'a donnees|que (?:tu as|vous avez) recues?`,
    instructions: `instructions?|consignes?|directives?|ordres|commandes|indications|prompts?|invites?`,
    rules: `regles|restrictions|limites|filtres|politiques|lignes directrices|contraintes`,
    self: `tout ce qui (?:precede|est au-dessus|est ci-dessus|a ete dit)|tout ce (?:que|qu'on) (?:je t'ai|on t'a|l'on t'a|vous avez|tu as|on vous a) (?:dit|ecrit|donne)`,
  },
  it: {
    script: LATIN,
    gate: `tutte|tutti| ogni |le sue|le vostre| tue | precedent|originali|iniziali|di prima|sopra|sistema|ricevute|che ti|tutto`,
    context: `per favore|per piacere|e|ora|adesso|poi|quindi|semplicemente|solo|ma|devi|dovete|deve`,
    verbs: `ignora|ignorate|ignori|ignorare|dimentica|dimenticate|dimentichi|dimenticare|trascura|trascurate|scarta|tralascia|non (?:seguire|segua|seguite|rispettare|rispettate|considerare|considerate|tenere conto|tener conto)|lascia perdere`,
    all: `tutte|tutti|ogni|le sue|le vostre`,
    before: `tue|precedenti|originali|iniziali`,
    after: `precedent[ei]|di prima|di sopra|sopra(?:stanti|citate)?|originali|iniziali|(?:di|del) sistema|ricevute|che ti (?:hanno dato|sono state date)`,
    instructions: `istruzion[ei]|indicazion[ei]|direttive?|ordini|comandi|prompts?|consegne`,
    rules: `regole|restrizioni|limiti|filtri|politiche|linee guida|vincoli`,
    self: `tutto (?:quello|cio) che (?:ti (?:e stato|hanno|ho) detto|precede|c'e sopra)|tutto quanto (?:sopra|detto)`,
  },
  pt: {
    script: LATIN,
    gate: `todas|todos|quaisquer| suas | tuas |anteriores|previas|originais|iniciais|de antes|acima|sistema|recebidas| que te| que lhe|tudo`,
    context: `por favor|e|agora|entao|depois|apenas|simplesmente|so|mas|tambem|voce deve|deve|deves|tem que|tens que`,
    verbs: `ignore|ignora|ignorem|ignorar|esqueca|esquece|esquecam|esquecer|desconsidere|desconsidera|desconsiderar|despreze|descarte|descarta|nao (?:siga|sigas|sigam|obedeca|obedecas|considere|leve em conta)|deixe de lado`,
    all: `todas|todos|quaisquer|as suas|suas`,
    before: `tuas|anteriores|previas|originais|iniciais`,
    after: `anteriores|previas|de antes|acima|originais|iniciais|do sistema|de sistema|recebidas|que (?:te|lhe) (?:deram|foram dadas)`,
    instructions: `instrucoes|instrucao|orientacoes|indicacoes|diretivas|ordens|comandos|prompts?`,
    rules: `regras|normas|restricoes|politicas|limites|filtros|diretrizes`,
    self: `tudo (?:o que (?:foi dito|te disseram|eu (?:te )?disse|vem antes|esta acima)|acima)`,
  },
  nl: {
    script: LATIN,
    gate: ` alle | al je| al uw| uw |vorige|eerdere|voorgaande|bovenstaande|oorspronkelijke|originele|initiele| je |jouw|systeem|hierboven|van eerder|die je|alles `,
    context: `en|nu|dan|maar|gewoon|alsjeblieft|alstublieft|graag|daarna|je moet|u moet|moet je`,
    verbs: `negeer|negeert|vergeet|houd geen rekening met|sla`,
    verbsAfter: `negeren|vergeten|niet (?:meer )?(?:volgen|opvolgen)|overslaan`,
    all: `alle|al (?:je|uw)|uw`,
    before: `vorige|eerdere|voorgaande|bovenstaande|oorspronkelijke|originele|initiele|je|jouw|systeem`,
    after: `hierboven|van hierboven|van eerder|die je (?:hebt )?(?:gekregen|ontvangen)|van het systeem`,
    instructions: `instructies?|aanwijzingen|opdrachten|bevelen|commando'?s|prompts?|systeemprompt`,
    rules: `regels|beperkingen|richtlijnen|filters|voorschriften`,
    self: `alles (?:hierboven|van hiervoor|wat (?:je|u|jij) (?:eerder |hiervoor )?(?:is |werd |hebt )?(?:gezegd|verteld|gekregen))`,
  },
  ms: {
    script: LATIN,
    gate: `abaikan|lupakan|jangan|tidak perlu|ketepikan|langkau`,
    verbs: `abaikan(?:lah)?|lupakan(?:lah)?|jangan (?:ikut|ikuti|ikutkan|patuhi|hiraukan|endahkan|pedulikan)|tidak perlu (?:ikut|mengikuti|mematuhi)|ketepikan|langkau`,
    all: `semua|segala|seluruh|kesemua`,
    after: `sebelumnya|sebelum ini|terdahulu|yang lalu|tadi|di atas|asal|awal|asli|sistem|kamu|awak|engkau`,
    instructions: `arahan(?:-arahan)?|instruksi|perintah|petunjuk|suruhan|prompt`,
    rules: `peraturan|aturan|panduan|sekatan|batasan|larangan`,
    self: `(?:arahan|instruksi|perintah|peraturan|aturan)mu|(?:semua|segala) (?:yang|yg) (?:di atas|sebelum ini|telah dikatakan)`,
  },
  ru: {
    script: CYRILLIC,
    verbs: `(?:про)?игнорируй(?:те)?|забудь(?:те)?|не (?:обращай(?:те)? внимания на|следуй(?:те)?|слушай(?:те)?|выполняй(?:те)?)|отбрось(?:те)?|пренебреги(?:те)?|отмени(?:те)?`,
    all: `все|всё|любые|всех|ваши`,
    before: `предыдущ${L}|прошл${L}|прежн${L}|вышеуказанн${L}|вышеизложенн${L}|исходн${L}|первоначальн${L}|изначальн${L}|системн${L}|сво(?:и|ё|е|его|ей|ими|их|ю|я)|тво(?:и|ё|е|его|ей|ими|их|ю|я)`,
    after: `выше|ранее|до этого|которые (?:тебе|вам) (?:дали|были даны)`,
    instructions: `инструкци${L}|указани${L}|команд(?:у|ы|ам|ами|ах|е|а|ой)?${E}|директив${L}|промпт${L}|подсказк${L}|распоряжени${L}|установк${L}`,
    rules: `правил(?:а|о|ам|ами|ах|у)?${E}|ограничени${L}|фильтр${L}|запрет${L}|принцип${L}`,
    self: `вс[её],? что (?:было |тебе |вам )?(?:сказано|написано|указано|говорили) (?:выше|ранее|до этого)|вышесказанное|вышеизложенное`,
  },
  ar: {
    script: ARABIC,
    // The imperative reads like the past tense ("he ignored"), so it counts where an order starts.
    context: `من فضلك|رجاء|الان|ثم|فقط|يرجى`,
    // Verb-first sentences are ordinary Arabic ("تجاهل الموظف ...", the employee ignored ...): the
    // object has to follow the verb at once.
    verbGap: 2,
    strictAll: true,
    verbs: `[وف]?(?:تجاهل(?:ي|وا)?|انس(?:ي|وا|ى)?|اهمل(?:ي|وا)?|لا (?:تتبع|تتبعي|تلتزم|تلتزمي|تطع|تطيعي)|تخط(?:ى|ي)?|تغاض(?:ى|ي)? عن)`,
    all: `جميع|كل|كافة`,
    after: `السابقة|السابق|الماضية|اعلاه|المذكورة|الاصلية|الاولية|الاولى|النظام|الخاصة بك`,
    instructions: `(?:ال)?تعليمات|(?:ال)?اوامر|(?:ال)?توجيهات|(?:ال)?ارشادات`,
    rules: `(?:ال)?قواعد|(?:ال)?قيود|(?:ال)?سياسات|(?:ال)?ضوابط`,
    self: `[وف]?(?:تعليماتك|اوامرك|توجيهاتك|ارشاداتك|قواعدك|قيودك)|كل ما (?:سبق|ورد اعلاه|قيل)`,
  },
  zh: {
    script: HAN,
    // Not after a negation or a subject ("不要忽略", "我忽略"), not in the past ("忽略了").
    strictAll: true,
    verbs: `(?<!不要|不能|不应|不應|不可|该|該|别|別|勿|被|我|他|她|它|们|們)(?:忽略|忽視|忽视|無視|无视|不要理會|不要理会|別理|别理|不理會|不理会|忘記|忘记|忘掉|拋開|抛开|放棄|放弃|跳過|跳过|不要遵守|不要遵循|不用遵守|不必遵守|不再遵守|無需遵守|无需遵守|丟棄|丢弃|撇開|撇开)(?!了|过|過)`,
    // The object may come first ("把上面的指令都忽略掉").
    verbsAfter: `(?<!不要|不能|不应|不應|不可|该|該|别|別|勿|被)(?:忽略|忽視|忽视|無視|无视|忘記|忘记|忘掉|拋開|抛开|丟掉|丢掉)(?!了|过|過)`,
    all: `所有|全部|一切|任何`,
    before: `之前|以前|先前|此前|上面|上述|以上|前面|前述|原來|原来|原始|原先|最初|初始|你的|系統|系统`,
    // Not 提示 alone: it is also a notice or a reminder ("请忽略之前的提示", disregard the earlier reminder).
    instructions: `指示|指令|說明|说明|命令|設定|设定|提示詞|提示词`,
    rules: `規則|规则|限制|約束|约束|規定|规定|準則|准则`,
    self: `(?:之前|以上|上面|前面)(?:的)?(?:一切|所有内容|所有內容|内容|內容|全部内容|全部內容)`,
  },
  ja: {
    script: KANA,
    // Orders only: "無視して", "忘れろ"; not "無視した" (ignored).
    verbsAfter: `無視(?:して|しろ|せよ|すること|しなさい|してください)|忘れ(?:て|ろ|なさい)|従わない(?:で|こと)|破棄(?:して|しろ|せよ)`,
    ordersOnly: true,
    all: `すべて|全て|全部`,
    before: `以前|前の|これまで|今まで|先ほど|さっき|上記|上の|前述|元の|最初の|初期|あなたの|あなたへの|システム`,
    instructions: `指示|命令|指令|プロンプト|設定|インストラクション`,
    rules: `ルール|規則|制限|制約|ポリシー|ガイドライン`,
    self: `(?:これまで|以上|上記|前)の(?:内容|すべて|全て|会話)`,
  },
  ko: {
    script: HANGUL,
    // Not the past ("무시했다", "잊었다").
    verbsAfter: `무시(?:해|하고|하세요|하십시오|하라|해라|해줘|해 줘|해 주)|잊(?:어|고|으세요|어라|어버려|어 버려)|따르지 ?마|따르지 ?말`,
    ordersOnly: true,
    all: `모든|전부|모두`,
    before: `이전|앞의|앞선|앞에|위의|위에|기존|원래|처음|초기|너의|당신의|시스템|지금까지|여태까지`,
    instructions: `지시|명령|지침|프롬프트|설정`,
    rules: `규칙|제한|규정|정책|가이드라인`,
    self: `(?:이전|위의?|앞의|지금까지의?) ?(?:내용|모든 것|대화)`,
  },
  hi: {
    script: DEVANAGARI,
    // Orders only, not "अनदेखा किया" (ignored).
    ordersOnly: true,
    verbsAfter: `(?:अनदेखा|नज़रअंदाज़|नजरअंदाज|इग्नोर) (?:करो|करें|करे|कर दो|कर दें|कीजिए|करना)|भूल (?:जाओ|जाएं|जाएँ|जाइए|जा)|(?:न|मत) (?:मानो|मानें)|पालन (?:न|मत) (?:करो|करें)`,
    all: `सभी|सारे|सारी|समस्त`,
    before: `पिछले|पिछली|पहले (?:के|की|दिए)|ऊपर (?:के|की|दिए|लिखे)|पूर्व|मूल|प्रारंभिक|तुम्हारे|तुम्हारी|सिस्टम`,
    instructions: `निर्देश|आदेश|हिदायत|प्रॉम्प्ट|प्रोम्प्ट|इंस्ट्रक्शन`,
    rules: `नियम|प्रतिबंध|पाबंदि|पाबंदी|नीति`,
    self: `(?:ऊपर|पहले) (?:लिखी|कही|दी) (?:गई |गयी )?(?:सभी |सारी )?बातें|अब तक (?:की|कही) (?:गई )?(?:सभी |सारी )?बातें`,
  },
  hiLatn: {
    script: LATIN,
    gate: `saare|sare |sabhi|saari|pichhle|pichle|pichhli|purane|upar |tumhare|apne `,
    ordersOnly: true,
    verbsAfter: `ignore (?:karo|kar do|karein|karo ji|kijiye)|bhool (?:jao|ja|jaiye)|bhul (?:jao|ja|jaiye)|mat maano|mat mano`,
    all: `saare|sare|sabhi|saari`,
    before: `pichhle|pichle|pichhli|purane|upar (?:ke|wale|diye)|tumhare|apne`,
    instructions: `instructions?|nirdesh|prompts?|commands?`,
    rules: `rules|niyam`,
  },
  ta: {
    script: TAMIL,
    // Not the past ("புறக்கணித்தேன்", "I ignored").
    ordersOnly: true,
    verbsAfter: `புறக்கணி(?!த்தே|த்தா|த்தன|த்தோ|க்கப்)|மறந்து(?:விடு|விடுங்கள்)?(?!விட்டே|ட்ட)|மறக்கவும்|கவனிக்காதே|கவனிக்க வேண்டாம்|பின்பற்றாதே|பின்பற்ற வேண்டாம்|இக்னோர் செய்`,
    all: `அனைத்து|எல்லா|எல்லாம்|முழு`,
    before: `முந்தைய|முன்பு|முன்னர்|முன்னைய|மேலே|மேற்கண்ட|மேலுள்ள|ஆரம்ப|அசல்|உன்|உனது|சிஸ்டம்`,
    instructions: `அறிவுறுத்தல்|அறிவுரை|கட்டளை|வழிமுறை|ப்ராம்ப்ட்|ப்ராம்ட்|உத்தரவு`,
    rules: `விதி|கட்டுப்பாடு|கொள்கை`,
    self: `(?:மேலே|முன்பு) (?:உள்ள|சொன்ன|சொல்லப்பட்ட) (?:அனைத்தையும்|எல்லாவற்றையும்)`,
  },
};

const REVEAL: Record<string, RevealSpec> = {
  de: {
    script: LATIN,
    gate: `systemprompt|system-prompt|systemanweisung|system-anweisung|systemnachricht|system-nachricht|ursprunglich|anfanglich|geheim|versteckt|verborgen|dein`,
    verbs: `gib|geben sie|zeig${L}|nenn${L}|verrat${L}|wiederhol${L}|druck${L}|schreib${L}|teil${L}|offenleg${L}|leg${L}|ausgeben|list${L}|enthull${L}|sag${L}|zitier${L}|was (?:sind|ist|waren|war|lautet|lauten)|wie (?:lautet|lauten)`,
    targets: `system-?prompt${L}|system-?anweisung${L}|system-?nachricht${L}|(?:ursprunglich|anfanglich|geheim|versteckt|verborgen)${L} (?:anweisung|instruktion|vorgabe|prompt|befehl)${L}|dein${L} (?:${W}+ )?(?:anweisung|instruktion|vorgabe|programmierung|prompt)${L}`,
  },
  es: {
    script: LATIN,
    gate: `muestr|ensen|revela|revele|imprim|repit|dime |digame|dame |deme |comparte|comparta|cual es|cuales son|cual era|cuales eran`,
    verbs: `muestra${L}|muestre${L}|ensena${L}|ensene${L}|revela${L}|revele${L}|imprime|imprima|repite|repita|dime|digame|dame|deme|comparte|comparta|cual(?:es)? (?:es|son|eran|era)`,
    targets: `prompts? (?:del|de) sistema|mensaje (?:del|de) sistema|instrucciones (?:del|de) sistema|(?:instrucciones|indicaciones|ordenes|prompt) (?:iniciales|originales|secretas|ocultas|internas|inicial|original|secreto|oculto)|tus (?:${W}+ )?(?:instrucciones|indicaciones|directrices|ordenes)|system prompt`,
  },
  fr: {
    script: LATIN,
    gate: `systeme|d'origine|originale|initiale|secrete|cachee| tes |system prompt`,
    verbs: `affiche${L}|montre${L}|revele${L}|imprime${L}|repete${L}|donne${L}|dis|dites|ecri[st]${L}|divulgue${L}|recite${L}|partage${L}|quel(?:le)?s? (?:est|sont|etait|etaient)`,
    targets: `prompts? (?:du )?systeme|invite (?:du )?systeme|message (?:du )?systeme|consignes? (?:du )?systeme|instructions? (?:du )?systeme|(?:instructions|consignes|directives|prompt) (?:initiales?|d'origine|originales?|secretes?|cachees?)|tes (?:${W}+ )?(?:instructions|consignes|directives)|system prompt`,
  },
  it: {
    script: LATIN,
    gate: `sistema|iniziali|originali|iniziale|originale|segret|nascost| tue |system prompt`,
    verbs: `mostra${L}|rivela${L}|stampa${L}|ripeti${L}|dimmi|dammi|scrivi${L}|elenca${L}|visualizza${L}|fornisci${L}|condividi${L}|qual(?:e|i)? (?:e|sono|erano|era)`,
    targets: `prompts? (?:di|del) sistema|messaggio (?:di|del) sistema|istruzioni (?:di|del) sistema|(?:istruzioni|direttive|prompt) (?:iniziali|originali|segrete|nascoste|iniziale|originale|segreto|nascosto)|(?:le )?tue (?:${W}+ )?(?:istruzioni|direttive)|system prompt`,
  },
  pt: {
    script: LATIN,
    gate: `mostre|mostra|revele|revela|imprim|repit|repete|diga |diz |de-me|escrev|exiba|exibe|compartilh|partilh|qual e|qual era|quais sao|quais eram`,
    verbs: `mostre|mostra|mostrar|revele|revela|revelar|imprima|imprime|repita|repete|diga|diz|de-me|escreva|escreve|exiba|exibe|compartilhe|partilhe|qual (?:e|era)|quais (?:sao|eram)`,
    targets: `prompts? (?:do|de) sistema|mensagem (?:do|de) sistema|instrucoes (?:do|de) sistema|(?:instrucoes|diretrizes|ordens|prompt) (?:iniciais|originais|secretas|ocultas|internas|inicial|original|secreto|oculto)|(?:as )?tuas (?:${W}+ )?(?:instrucoes|diretrizes)|system prompt`,
  },
  nl: {
    script: LATIN,
    gate: `systeem|oorspronkelijke|originele|eerste|initiele|geheime|verborgen| je |jouw|system prompt`,
    verbs: `toon|tonen|laat|geef|print|herhaal|vertel|onthul|schrijf|deel|noem|wat (?:is|zijn|waren|was)`,
    targets: `systeem-?prompt|systeem-?instructies|systeem-?bericht|(?:oorspronkelijke|originele|eerste|initiele|geheime|verborgen) (?:instructies|prompt|opdrachten)|(?:je|jouw) (?:${W}+ )?(?:instructies|prompt|opdrachten)|system prompt`,
  },
  ms: {
    script: LATIN,
    gate: `tunjukkan|paparkan|cetak|dedahkan|ungkapkan|beritahu|berikan|tampilkan|sebutkan|ulangi|tuliskan|keluarkan|bocorkan|kongsikan|bagikan|apakah|apa `,
    verbs: `tunjukkan|paparkan|cetak(?:kan)?|dedahkan|ungkapkan|beritahu|berikan|tampilkan|sebutkan|ulangi|tuliskan|keluarkan|bocorkan|kongsikan|bagikan|apakah|apa`,
    targets: `prompt sistem|arahan sistem|instruksi sistem|mesej sistem|pesan sistem|(?:arahan|instruksi|perintah|prompt) (?:asal|awal|asli|rahsia|rahasia|tersembunyi|dalaman|internal)|(?:arahan|instruksi|perintah|prompt)(?:-${W}+)? (?:kamu|awak|engkau)|(?:arahan|instruksi|prompt)mu|system prompt`,
  },
  ru: {
    script: CYRILLIC,
    verbs: `покажи${L}|выведи${L}|раскрой${L}|напечатай${L}|повтори${L}|скажи|назови${L}|расскажи|озвучь${L}|процитируй${L}|дай|перечисли${L}|напиши|какой|какие|каков${L}`,
    targets: `системн${L} (?:промпт|подсказк|инструкци|сообщени|указани)${L}|(?:исходн|первоначальн|изначальн|скрыт|секретн|внутренн)${L} (?:инструкци|промпт|указани|подсказк)${L}|тво(?:и|ё|е|его|ей|ими|их|ю|я) (?:${W}+ )?(?:инструкци|промпт|указани)${L}|system prompt`,
  },
  ar: {
    script: ARABIC,
    verbs: `[وف]?(?:اظهر|اظهري|اعرض|اعرضي|اكشف|اكشفي|اطبع|اطبعي|اكتب|اكتبي|كرر|كرري|اخبرني|اخبريني|قل لي|قولي لي|اعطني|اعطيني|شارك|ما هي|ما هو|ترجم)`,
    targets: `موجه النظام|تعليمات النظام|رسالة النظام|اوامر النظام|البرومبت|(?:التعليمات|الاوامر|التوجيهات) (?:الاصلية|الاولية|السرية|المخفية|الداخلية)|تعليماتك|اوامرك|توجيهاتك`,
  },
  zh: {
    script: HAN,
    verbs: `输出|輸出|显示|顯示|打印|告诉|告訴|透露|泄露|洩露|泄漏|洩漏|展示|给我看|給我看|重复|重複|复述|複述|说出|說出|列出|公开|公開|写出|寫出|提供|发给|發給|念出|背诵|背誦|翻译|翻譯`,
    targets: `你的系[统統]提示|系[统統]提示[词詞]|系[统統](?:指令|消息|訊息|设定|設定)|初始(?:指令|提示|设定|設定)|原始(?:指令|提示)|隐藏(?:的)?(?:指令|提示)|隱藏(?:的)?(?:指令|提示)|秘密(?:指令|提示)|你的(?:指示|指令|提示词|提示詞|设定|設定|初始指令)|上面的(?:指示|指令)|之前的(?:指示|指令)`,
    verbsAfter: `是什么|是什麼|是啥|是甚麼|打印|输出|輸出|显示|顯示|告诉我|告訴我|发给我|發給我|复述|複述|重复|重複|写出|寫出|列出|说出|說出`,
  },
  zhStrong: {
    script: HAN,
    verbs: `输出|輸出|泄露|洩露|透露|打印|复述|複述|重复|重複|告诉我|告訴我`,
    targets: `系[统統]提示`,
  },
  ja: {
    script: KANA,
    verbsAfter: `表示|出力|教え|見せ|繰り返|書き出|印刷|公開|開示|共有|言って|翻訳`,
    targets: `システムプロンプト|システムメッセージ|システム(?:の)?指示|初期(?:の)?(?:指示|プロンプト|設定)|元の(?:指示|プロンプト)|隠された(?:指示|プロンプト)|秘密の(?:指示|プロンプト)|あなた(?:へ)?の(?:指示|プロンプト|設定|命令)|上記の指示`,
  },
  ko: {
    script: HANGUL,
    verbsAfter: `보여|출력|알려|공개|말해|반복|적어|인쇄|써|번역`,
    targets: `시스템 ?프롬프트|시스템 ?메시지|시스템 ?지시|초기 ?(?:지시|프롬프트|설정)|원래 ?(?:지시|프롬프트)|숨겨진 ?(?:지시|프롬프트)|비밀 ?(?:지시|프롬프트)|(?:너의|네|니) ?(?:지시|프롬프트|설정|명령)`,
  },
  hi: {
    script: DEVANAGARI,
    verbsAfter: `दिखा|बता|प्रिंट|लिख|दोहरा|प्रकट|साझा`,
    targets: `सिस्टम प्रॉम्प्ट|सिस्टम प्रोम्प्ट|सिस्टम संदेश|सिस्टम निर्देश|मूल निर्देश|प्रारंभिक निर्देश|छिपे (?:हुए )?निर्देश|गुप्त निर्देश|(?:तुम्हारे|तुम्हारा|तुम्हारी) (?:${W}+ )?(?:निर्देश|प्रॉम्प्ट|प्रोम्प्ट)`,
  },
  hiLatn: {
    script: LATIN,
    gate: `batao|bata do|bataiye|dikhao|dikha do|likho|print karo`,
    verbsAfter: `batao|bata do|bataiye|dikhao|dikha do|likho|print karo`,
    targets: `system prompt|(?:pichhle|original|secret|tumhare|apne) (?:instructions|nirdesh|prompt)`,
  },
  ta: {
    script: TAMIL,
    verbsAfter: `காட்டு|காண்பி|அச்சிடு|சொல்|வெளிப்படுத்து|எழுது|பகிர்`,
    targets: `சிஸ்டம் ப்ராம்ப்|சிஸ்டம் ப்ராம்ட்|கணினி அறிவுறுத்தல்|அமைப்பு அறிவுறுத்தல்|ஆரம்ப அறிவுறுத்தல்|மறைக்கப்பட்ட அறிவுறுத்தல்|(?:உன்|உனது|உன்னுடைய) (?:${W}+ )?அறிவுறுத்தல்`,
  },
};

/** "You are now ...", "pretend to be", "act as": as soft as the English persona switch. */
const PERSONA: [script: Script, gate: string | undefined, source: string][] = [
  [
    LATIN,
    `du bist|bist du|tu so|gib dich|verhalte dich|die rolle|agiere`,
    `${B}(?:du bist (?:jetzt|nun|ab jetzt|ab sofort|von nun an)|(?:ab jetzt|ab sofort|von nun an) bist du|tu so,? als (?:ob|warst|seist)|gib dich als|verhalte dich (?:wie|als)|spiel${L} die rolle|schlupfe in die rolle|agiere als)${E}`,
  ],
  [
    LATIN,
    `ahora|finge |finja |actua como|actue como|hazte|el papel|comportate`,
    `${B}(?:(?:ahora|a partir de ahora|desde ahora),? (?:tu )?eres|eres ahora|finge (?:ser|que eres)|finja (?:ser|que es)|actua como|actue como|hazte pasar por|interpreta el papel|comportate como)${E}`,
  ],
  [
    LATIN,
    `tu es|vous etes|semblant|agis comme|agissez|le role|comporte-toi|incarne`,
    `${B}(?:(?:tu es|vous etes) (?:maintenant|desormais|a present)|(?:desormais|a partir de maintenant|maintenant),? (?:tu es|vous etes)|fai(?:s|tes) semblant d'etre|agis(?:sez)? comme|joue[sz]? le role|comporte-toi comme|incarne[sz]?)${E}`,
  ],
  [
    LATIN,
    `ora sei|ora tu sei|adesso sei|adesso tu sei|ora in poi|sei ora|fingi |finga |fai finta|comportati|agisci|il ruolo|la parte`,
    `${B}(?:(?:ora|adesso|da ora|da adesso|d'ora) (?:in poi,? )?(?:tu )?sei|sei ora|fingi di essere|finga di essere|fai finta di essere|comportati come|agisci come|interpreta il ruolo|recita la parte)${E}`,
  ],
  [
    LATIN,
    `voce| tu e|finja |finge |aja como|atue como|comporte-se|o papel|faca de conta`,
    `${B}(?:(?:agora|a partir de agora|de agora em diante),? (?:voce|tu) (?:e|es)|voce agora e|finja (?:ser|que e)|finge (?:ser|que es)|aja como|atue como|comporte-se como|interprete o papel|faca de conta que (?:e|es))${E}`,
  ],
  [
    LATIN,
    `bent nu|ben je|doe alsof|gedraag|de rol`,
    `${B}(?:(?:je|jij|u) bent nu|vanaf nu ben je|doe alsof je|gedraag je als|speel de rol|neem de rol aan)${E}`,
  ],
  [
    LATIN,
    `sekarang|kini|mulai|berpura|berlakon|peran`,
    `${B}(?:(?:anda|kamu|awak|engkau) (?:sekarang|kini) (?:adalah|ialah|menjadi)|(?:(?:mulai|dari|mulai dari) )?(?:sekarang|saat ini|kini|hari ini),? (?:anda|kamu|awak|engkau) (?:adalah|ialah|menjadi)|berpura-pura (?:menjadi|jadi|sebagai)|berlakon sebagai|(?:ber)?peran(?:lah)? sebagai)${E}`,
  ],
  [
    CYRILLIC,
    undefined,
    `${B}(?:(?:теперь|отныне|с этого момента) (?:ты|вы)|(?:ты|вы) теперь|притворись|притворитесь|представь,? что ты|веди(?:те)? себя как|действуй как|сыграй роль|играй роль)${E}`,
  ],
  [ARABIC, undefined, `${B}(?:انت الان|الان انت|من الان (?:فصاعدا )?انت|تظاهر(?:ي)? بانك|تصرف(?:ي)? ك|تقمص (?:دور|شخصية)|العب(?:ي)? دور|مثل(?:ي)? دور)`],
  [
    HAN,
    undefined,
    `你现在是|你現在是|现在你是|現在你是|从现在(?:开始|起)[，,]?你|從現在(?:開始|起)[，,]?你|假[装裝](?:你是|成)|(?:请|請|你来|你來|现在|現在)扮演|充[当當]一[个個]`,
  ],
  [
    KANA,
    undefined,
    `あなたは今から|今から(?:は)?(?:あなた|君)は|これから(?:は)?(?:あなた|君)は|あなたはもう|のふりをして|のふりをしろ|になりきって|として振る?舞って|を演じて`,
  ],
  [
    HANGUL,
    undefined,
    `너는 이제|넌 이제|당신은 이제|(?:이제|지금)부터 (?:너는|넌|당신은|너|당신)|인 ?척(?: ?해| ?하)|척을 해|역할을 (?:해|맡아|연기)|처럼 행동해`,
  ],
  [
    DEVANAGARI,
    undefined,
    `${B}(?:अब (?:से )?(?:तुम|आप)|(?:तुम|आप) अब) ${gap(30)}(?:हो|हैं)${E}|होने का (?:नाटक|दिखावा)|की तरह (?:व्यवहार|बर्ताव) करो|की भूमिका निभाओ|का किरदार निभाओ`,
  ],
  [TAMIL, undefined, `${B}(?:நீ இப்போது|நீங்கள் இப்போது|இப்போது (?:முதல் )?(?:நீ|நீங்கள்)|போல் நடி|போல நடி|ஆக நடி|பாத்திரத்தை ஏற்று)`],
];

/** "Without restrictions / filters / rules" in each language: as soft as the English "no restrictions". */
const UNRESTRICTED: [script: Script, gate: string | undefined, source: string][] = [
  [
    LATIN,
    `ohne|keine|uneingeschr|ungefilt|unzens`,
    `${B}(?:ohne (?:${W}+ ){0,2}?(?:einschrankungen|beschrankungen|regeln|filter|grenzen|zensur|richtlinien)|keine (?:${W}+ ){0,2}?(?:einschrankungen|regeln|filter|grenzen|zensur)|uneingeschrankt${L}|ungefiltert${L}|unzensiert${L})`,
  ],
  [LATIN, `sin `, `${B}(?:sin (?:${W}+ ){0,2}?(?:restricciones|limites|reglas|filtros|censura|limitaciones))${E}`],
  [LATIN, `sans |aucune`, `${B}(?:sans (?:${W}+ ){0,2}?(?:restrictions?|limites?|regles|filtres?|censure)|aucune (?:restriction|limite|regle|censure))${E}`],
  [LATIN, `senza`, `${B}(?:senza (?:${W}+ ){0,2}?(?:restrizioni|limiti|regole|filtri|censura))${E}`],
  [LATIN, `sem `, `${B}(?:sem (?:${W}+ ){0,2}?(?:restricoes|limites|regras|filtros|censura))${E}`],
  [
    LATIN,
    `zonder|onbeperk|ongefilt|ongecens`,
    `${B}(?:zonder (?:${W}+ ){0,2}?(?:beperkingen|regels|filters|grenzen|censuur)|onbeperkte?|ongefilterde?|ongecensureerde?)${E}`,
  ],
  [LATIN, `tanpa`, `${B}(?:tanpa (?:sebarang |apa-apa |sebarang )?(?:batasan|sekatan|had|peraturan|aturan|tapisan|filter|larangan|penapis))${E}`],
  [CYRILLIC, undefined, `${B}(?:без (?:${W}+ ){0,2}?(?:ограничений|правил|фильтров|цензуры))${E}`],
  [ARABIC, undefined, `${B}(?:بلا|بدون|دون) (?:اي )?(?:قيود|حدود|قواعد|فلاتر|رقابة)`],
  [DEVANAGARI, undefined, `${B}(?:बिना (?:किसी )?(?:प्रतिबंध|पाबंदी|नियम|सीमा|फ़िल्टर|सेंसर)|(?:कोई|किसी) (?:भी )?(?:प्रतिबंध|पाबंदी|नियम|सीमा|फ़िल्टर)${L} (?:नहीं|न))`],
  [TAMIL, undefined, `கட்டுப்பாடு(?:கள்)? (?:இல்லாத|இன்றி)|விதிகள் இல்லாத`],
  [HAN, undefined, `[没沒]有(?:任何)?(?:限制|[规規]则|[约約]束|[过過][滤濾]|审查|審查)|不(?:再)?受(?:任何)?(?:限制|[约約]束|[规規]则)|[无無]限制`],
  [KANA, undefined, `制限(?:の|が)?(?:ない|なし|無し)|ルールのない|フィルター(?:の|が)?ない|制約(?:の|が)?ない|検閲(?:の|が)?ない`],
  [HANGUL, undefined, `(?:제한|규칙|필터|검열|제약)(?:이|가)? ?없는`],
];

/** "System prompt" in each language: a mention counts as little as the English one. */
const SYSTEM_PROMPT_NOUN: [script: Script, gate: string | undefined, source: string][] = [
  [
    LATIN,
    `prompt del|prompt de |prompt di|prompt do|prompt du|prompts del|prompts de |prompt sist|prompt syst|systeemprompt`,
    `${B}(?:prompts? (?:del|de|di|do|du) (?:sistema|systeme)|prompt systeme|systeemprompt|prompt sistem)${E}`,
  ],
  [CYRILLIC, undefined, `${B}системн${L} промпт${L}`],
  [ANY_SCRIPT, undefined, `系[统統]提示[词詞]|システムプロンプト|시스템 ?프롬프트|सिस्टम प्रॉम्प्ट|सिस्टम प्रोम्प्ट|சிஸ்டம் ப்ராம்ப்|موجه النظام`],
];

/** The English-only disguises: a multilingual rule reads the plain text and what was decoded from it. */
const SKIP_READINGS = ['rot13', 'leet', 'joined', 'morse'];

const gateCache = new Map<string, RegExp>();
/** One RegExp per gate source, so rules that share a gate (a script, a family) test it once per reading. */
const gateFor = (source: string) => {
  const key = source.normalize('NFKC');
  let gate = gateCache.get(key);
  // Lists of words become a trie (literal-gate.ts); a script's range stays a class.
  if (!gate) gateCache.set(key, (gate = /^[^\\[\](){}*+?^$.]+$/.test(key) ? anyOf(key.split('|')) : new RegExp(key)));
  return gate;
};

/** Fills in a script's word edges; the text the rule reads is lower-cased, so the pattern has no flags. */
function rule(id: string, category: HeuristicRule['category'], weight: number, script: Script, gates: string[], source: string): HeuristicRule {
  const letters = script.letters;
  const filled = source
    .replaceAll(B, letters ? `(?<![${letters}0-9])` : '')
    .replaceAll(E, letters ? `(?![${letters}])` : '')
    .replaceAll(L, letters ? `[${letters}]*` : '')
    .replaceAll(W, letters ? `[${letters}]` : '[^\\s]')
    // Written as the text is normalised (NFKC decomposes the Devanagari nukta letters, for one).
    .normalize('NFKC')
    .replace(/'/g, "['’]");
  return { id, category, weight, pattern: new RegExp(filled), gates: gates.map(gateFor), lowercase: true, skipReadings: SKIP_READINGS };
}

/**
 * A family's rules, one per language. A Latin-script language passes two gates: the family's
 * (any Latin language's gate words), then its own; other languages pass their script's gate.
 */
type Entry = [script: Script, gate: string | undefined, source: string];
type Family = [id: string, category: HeuristicRule['category'], weight: number, entries: Entry[]];

const FAMILIES: Family[] = [
  ['ignore_previous_i18n', 'instruction_override', 1, Object.values(OVERRIDE).map((s): Entry => [s.script, s.gate, overrideSource(s)])],
  ['reveal_prompt_i18n', 'prompt_extraction', 1, Object.values(REVEAL).map((s): Entry => [s.script, s.gate, revealSource(s)])],
  ['persona_switch_i18n', 'jailbreak_persona', 0.5, PERSONA],
  ['not_bound_i18n', 'instruction_override', 0.5, UNRESTRICTED],
  ['mentions_system_prompt_i18n', 'prompt_extraction', 0.5, SYSTEM_PROMPT_NOUN],
];

const latinGates = (entries: Entry[]) =>
  entries
    .filter(([script]) => script === LATIN)
    .map(([, gate]) => gate)
    .join('|');
/** Any Latin-script language's gate word, in any family: most English texts pass no further. */
const ANY_LATIN = latinGates(FAMILIES.flatMap(([, , , entries]) => entries));
/** Any letter of the other scripts handled here: texts without one skip every script's own gate. */
const OTHER_SCRIPTS = '[\\u0400-\\u04ff\\u0600-\\u06ff\\u0900-\\u097f\\u0b80-\\u0bff\\u3040-\\u30ff\\u4e00-\\u9fff\\uac00-\\ud7af]';

/**
 * One rule per language and family; the rules of a family share an id, so a text counts it once.
 * Gates, cheapest and most shared first: a Latin-script language's rule passes any Latin gate
 * word, then its family's, then its own; another language's passes "another script", then its own.
 */
export const MULTILINGUAL_RULES: readonly HeuristicRule[] = FAMILIES.flatMap(([id, category, weight, entries]) => {
  const familyGate = latinGates(entries);
  return entries.map(([script, gate, source]) =>
    rule(id, category, weight, script, script === LATIN ? [ANY_LATIN, familyGate, gate ?? '.'] : [OTHER_SCRIPTS, script.gate ?? '.'], source),
  );
});
