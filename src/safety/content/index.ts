export { screenContent, CONTENT_CATEGORIES, type ContentCategory, type ContentFinding, type ContentVerdict, type ContentOptions } from './screen-content.js';
export { judgeModeration, MODERATION_SCHEMA, type ModerationJudgement } from './judge-moderation.js';
