// Placeholder: the owner of this command fills it in.
import type { Command } from 'commander';

export function registerGraphCommands(_program: Command): void {}
