#!/usr/bin/env node
import { Command } from 'commander';
import { generateCommand } from './generate-command.js';
import { resumeCommand } from './resume-command.js';
import { validateCommand } from './validate-command.js';
import { curateCommand } from './curate-command.js';
import { ingestCommand } from './ingest-command.js';
import { graphCommand } from './graph-command.js';
import { evaluateCommand } from './evaluate-command.js';
import { compareCommand } from './compare-command.js';
import { previewCommand } from './preview-command.js';
import { estimateCommand } from './estimate-command.js';
import { modelsCommand } from './models-command.js';
import { doctorCommand } from './doctor-command.js';
import { exportCommand } from './export-command.js';
import { finetuneCommand } from './finetune-command.js';
import { studioCommand } from './studio-command.js';
import { relabelCommand } from './relabel-command.js';
import { workerCommand } from './worker-command.js';
import { redactCommand } from './redact-command.js';
import { driftCommand, mixCommand } from './mix-command.js';
import { redteamCommand } from './redteam-command.js';

const program = new Command('synthkit')
  .description('LLM-driven synthetic data generation')
  .version('0.1.0')
  .addCommand(generateCommand())
  .addCommand(resumeCommand())
  .addCommand(validateCommand())
  .addCommand(previewCommand())
  .addCommand(estimateCommand())
  .addCommand(curateCommand())
  .addCommand(redactCommand())
  .addCommand(mixCommand())
  .addCommand(driftCommand())
  .addCommand(redteamCommand())
  .addCommand(ingestCommand())
  .addCommand(graphCommand())
  .addCommand(evaluateCommand())
  .addCommand(compareCommand())
  .addCommand(modelsCommand())
  .addCommand(doctorCommand())
  .addCommand(exportCommand())
  .addCommand(finetuneCommand())
  .addCommand(studioCommand())
  .addCommand(relabelCommand())
  .addCommand(workerCommand());

await program.parseAsync(process.argv);
