// Placeholder: the owner of this command fills it in.
import type { Command } from 'commander';

export function registerCheck(_program: Command): void {}
