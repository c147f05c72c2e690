// Placeholder: the owner of this command fills it in.
import type { Command } from 'commander';

export function registerQuery(_program: Command): void {}
