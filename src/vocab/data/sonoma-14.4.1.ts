// GENERATED placeholder (names, ids, fallback tree from research/semantics.md §2.2); to be enriched.
import type { Vocabulary } from '../types.js';

export const sonoma: Vocabulary = {
 "id": "sonoma-14.4.1",
 "displayName": "macOS 14.4.1 Sonoma (23E224)",
 "operations": [
  {
   "id": 0,
   "name": "default",
   "parent": null,
   "evidence": "C",
   "fixed": "deny"
  },
  {
   "id": 1,
   "name": "appleevent-send",
   "parent": "default",
   "evidence": "C"
  },
  {
   "id": 2,
   "name": "authorization-right-obtain",
   "parent": "default",
   "evidence": "C"
  },
  {
   "id": 3,
   "name": "boot-arg-set",
   "parent": "default",
   "evidence": "C"
  },
  {
   "id": 4,
   "name": "device*",
   "parent": "default",
   "evidence": "C"
  },
  {
   "id": 5,
   "name": "device-camera",
   "parent": "device*",
   "evidence": "C"
  },
  {
   "id": 6,
   "name": "device-microphone",
   "parent": "device*",
   "evidence": "C"
  },
  {
   "id": 7,
   "name": "darwin-notification-post",
   "parent": null,
   "evidence": "C",
   "fixed": "allow"
  },
  {
   "id": 8,
   "name": "distributed-notification-post",
   "parent": "default",
   "evidence": "C"
  },
  {
   "id": 9,
   "name": "dynamic-code-generation",
   "parent": null,
   "evidence": "C",
   "fixed": "allow"
  },
  {
   "id": 10,
   "name": "file*",
   "parent": "default",
   "evidence": "C"
  },
  {
   "id": 11,
   "name": "file-chroot",
   "parent": "file*",
   "evidence": "C"
  },
  {
   "id": 12,
   "name": "file-clone",
   "parent": null,
   "evidence": "C",
   "fixed": "allow"
  },
  {
   "id": 13,
   "name": "file-ioctl",
   "parent": "file*",
   "evidence": "C"
  },
  {
   "id": 14,
   "name": "file-issue-extension",
   "parent": "file*",
   "evidence": "C"
  },
  {
   "id": 15,
   "name": "file-link",
   "parent": null,
   "evidence": "C",
   "fixed": "allow"
  },
  {
   "id": 16,
   "name": "file-lock",
   "parent": "file*",
   "evidence": "I"
  },
  {
   "id": 17,
   "name": "file-map-executable",
   "parent": null,
   "evidence": "C",
   "fixed": "allow"
  },
  {
   "id": 18,
   "name": "file-mknod",
   "parent": "file*",
   "evidence": "C"
  },
  {
   "id": 19,
   "name": "file-mount",
   "parent": "file*",
   "evidence": "C"
  },
  {
   "id": 20,
   "name": "file-mount-update",
   "parent": "file-mount",
   "evidence": "C"
  },
  {
   "id": 21,
   "name": "file-read*",
   "parent": "file*",
   "evidence": "C"
  },
  {
   "id": 22,
   "name": "file-read-data",
   "parent": "file-read*",
   "evidence": "C"
  },
  {
   "id": 23,
   "name": "file-read-metadata",
   "parent": "file-read*",
   "evidence": "C"
  },
  {
   "id": 24,
   "name": "file-read-xattr",
   "parent": "file-read*",
   "evidence": "C"
  },
  {
   "id": 25,
   "name": "file-revoke",
   "parent": "file*",
   "evidence": "C"
  },
  {
   "id": 26,
   "name": "file-search",
   "parent": "file*",
   "evidence": "C"
  },
  {
   "id": 27,
   "name": "file-test-existence",
   "parent": null,
   "evidence": "C",
   "fixed": "allow"
  },
  {
   "id": 28,
   "name": "file-unmount",
   "parent": "file*",
   "evidence": "C"
  },
  {
   "id": 29,
   "name": "file-write*",
   "parent": "file*",
   "evidence": "C"
  },
  {
   "id": 30,
   "name": "file-write-acl",
   "parent": "file-write*",
   "evidence": "C"
  },
  {
   "id": 31,
   "name": "file-write-create",
   "parent": "file-write*",
   "evidence": "C"
  },
  {
   "id": 32,
   "name": "file-write-data",
   "parent": "file-write*",
   "evidence": "C"
  },
  {
   "id": 33,
   "name": "file-write-finderinfo",
   "parent": "file-write*",
   "evidence": "C"
  },
  {
   "id": 34,
   "name": "file-write-flags",
   "parent": "file-write*",
   "evidence": "C"
  },
  {
   "id": 35,
   "name": "file-write-mode",
   "parent": "file-write*",
   "evidence": "C"
  },
  {
   "id": 36,
   "name": "file-write-owner",
   "parent": "file-write*",
   "evidence": "C"
  },
  {
   "id": 37,
   "name": "file-write-setugid",
   "parent": null,
   "evidence": "C",
   "fixed": "deny"
  },
  {
   "id": 38,
   "name": "file-write-times",
   "parent": "file-write*",
   "evidence": "C"
  },
  {
   "id": 39,
   "name": "file-write-unlink",
   "parent": "file-write*",
   "evidence": "C"
  },
  {
   "id": 40,
   "name": "file-write-xattr",
   "parent": "file-write*",
   "evidence": "C"
  },
  {
   "id": 41,
   "name": "fs-quota*",
   "parent": "default",
   "evidence": "I"
  },
  {
   "id": 42,
   "name": "fs-quota-get",
   "parent": "fs-quota*",
   "evidence": "I"
  },
  {
   "id": 43,
   "name": "fs-quota-on",
   "parent": "fs-quota*",
   "evidence": "I"
  },
  {
   "id": 44,
   "name": "fs-quota-off",
   "parent": "fs-quota*",
   "evidence": "I"
  },
  {
   "id": 45,
   "name": "fs-quota-set*",
   "parent": "fs-quota*",
   "evidence": "I"
  },
  {
   "id": 46,
   "name": "fs-quota-set-limits",
   "parent": "fs-quota-set*",
   "evidence": "I"
  },
  {
   "id": 47,
   "name": "fs-quota-set-usage",
   "parent": "fs-quota-set*",
   "evidence": "I"
  },
  {
   "id": 48,
   "name": "fs-quota-stat",
   "parent": "fs-quota*",
   "evidence": "I"
  },
  {
   "id": 49,
   "name": "fs-quota-sync",
   "parent": "fs-quota*",
   "evidence": "I"
  },
  {
   "id": 50,
   "name": "fs-rename",
   "parent": "default",
   "evidence": "C"
  },
  {
   "id": 51,
   "name": "fs-snapshot*",
   "parent": "default",
   "evidence": "C"
  },
  {
   "id": 52,
   "name": "fs-snapshot-create",
   "parent": "fs-snapshot*",
   "evidence": "C"
  },
  {
   "id": 53,
   "name": "fs-snapshot-delete",
   "parent": "fs-snapshot*",
   "evidence": "C"
  },
  {
   "id": 54,
   "name": "fs-snapshot-mount",
   "parent": "fs-snapshot*",
   "evidence": "I"
  },
  {
   "id": 55,
   "name": "fs-snapshot-revert",
   "parent": "fs-snapshot*",
   "evidence": "C"
  },
  {
   "id": 56,
   "name": "generic-issue-extension",
   "parent": "default",
   "evidence": "C"
  },
  {
   "id": 57,
   "name": "qtn-user",
   "parent": "default",
   "evidence": "C"
  },
  {
   "id": 58,
   "name": "hid-control",
   "parent": "default",
   "evidence": "C"
  },
  {
   "id": 59,
   "name": "iokit*",
   "parent": "default",
   "evidence": "C"
  },
  {
   "id": 60,
   "name": "iokit-get-properties",
   "parent": null,
   "evidence": "C",
   "fixed": "allow"
  },
  {
   "id": 61,
   "name": "iokit-issue-extension",
   "parent": "iokit*",
   "evidence": "C"
  },
  {
   "id": 62,
   "name": "iokit-open*",
   "parent": "iokit*",
   "evidence": "I"
  },
  {
   "id": 63,
   "name": "iokit-open-user-client",
   "parent": "iokit-open*",
   "evidence": "I"
  },
  {
   "id": 64,
   "name": "iokit-open-service",
   "parent": "iokit-open*",
   "evidence": "I"
  },
  {
   "id": 65,
   "name": "iokit-set-properties",
   "parent": "iokit*",
   "evidence": "C"
  },
  {
   "id": 66,
   "name": "ipc*",
   "parent": "default",
   "evidence": "C"
  },
  {
   "id": 67,
   "name": "ipc-posix*",
   "parent": "ipc*",
   "evidence": "C"
  },
  {
   "id": 68,
   "name": "ipc-posix-issue-extension",
   "parent": "ipc-posix*",
   "evidence": "C"
  },
  {
   "id": 69,
   "name": "ipc-posix-sem*",
   "parent": "ipc-posix*",
   "evidence": "C"
  },
  {
   "id": 70,
   "name": "ipc-posix-sem-create",
   "parent": "ipc-posix-sem*",
   "evidence": "C"
  },
  {
   "id": 71,
   "name": "ipc-posix-sem-open",
   "parent": "ipc-posix-sem*",
   "evidence": "C"
  },
  {
   "id": 72,
   "name": "ipc-posix-sem-post",
   "parent": "ipc-posix-sem*",
   "evidence": "C"
  },
  {
   "id": 73,
   "name": "ipc-posix-sem-unlink",
   "parent": "ipc-posix-sem*",
   "evidence": "C"
  },
  {
   "id": 74,
   "name": "ipc-posix-sem-wait",
   "parent": "ipc-posix-sem*",
   "evidence": "C"
  },
  {
   "id": 75,
   "name": "ipc-posix-shm*",
   "parent": "ipc-posix*",
   "evidence": "C"
  },
  {
   "id": 76,
   "name": "ipc-posix-shm-read-data",
   "parent": "ipc-posix-shm*",
   "evidence": "C"
  },
  {
   "id": 77,
   "name": "ipc-posix-shm-write*",
   "parent": "ipc-posix-shm*",
   "evidence": "C"
  },
  {
   "id": 78,
   "name": "ipc-posix-shm-write-create",
   "parent": "ipc-posix-shm-write*",
   "evidence": "C"
  },
  {
   "id": 79,
   "name": "ipc-posix-shm-write-data",
   "parent": "ipc-posix-shm-write*",
   "evidence": "C"
  },
  {
   "id": 80,
   "name": "ipc-posix-shm-write-unlink",
   "parent": "ipc-posix-shm-write*",
   "evidence": "C"
  },
  {
   "id": 81,
   "name": "ipc-sysv*",
   "parent": "ipc*",
   "evidence": "C"
  },
  {
   "id": 82,
   "name": "ipc-sysv-msg",
   "parent": "ipc-sysv*",
   "evidence": "C"
  },
  {
   "id": 83,
   "name": "ipc-sysv-sem",
   "parent": "ipc-sysv*",
   "evidence": "C"
  },
  {
   "id": 84,
   "name": "ipc-sysv-shm",
   "parent": "ipc-sysv*",
   "evidence": "C"
  },
  {
   "id": 85,
   "name": "job-creation",
   "parent": null,
   "evidence": "C",
   "fixed": "deny"
  },
  {
   "id": 86,
   "name": "lsopen",
   "parent": "default",
   "evidence": "C"
  },
  {
   "id": 87,
   "name": "mach*",
   "parent": "default",
   "evidence": "C"
  },
  {
   "id": 88,
   "name": "mach-bootstrap",
   "parent": "mach*",
   "evidence": "I"
  },
  {
   "id": 89,
   "name": "mach-cross-domain-lookup",
   "parent": null,
   "evidence": "C",
   "fixed": "allow"
  },
  {
   "id": 90,
   "name": "mach-derive-port",
   "parent": "mach*",
   "evidence": "I"
  },
  {
   "id": 91,
   "name": "mach-host*",
   "parent": "mach*",
   "evidence": "C"
  },
  {
   "id": 92,
   "name": "mach-host-exception-port-set",
   "parent": "mach-host*",
   "evidence": "C"
  },
  {
   "id": 93,
   "name": "mach-host-special-port-set",
   "parent": "mach-host*",
   "evidence": "C"
  },
  {
   "id": 94,
   "name": "mach-issue-extension",
   "parent": "mach*",
   "evidence": "C"
  },
  {
   "id": 95,
   "name": "mach-kernel-endpoint",
   "parent": "mach*",
   "evidence": "I"
  },
  {
   "id": 96,
   "name": "mach-lookup",
   "parent": "mach*",
   "evidence": "C"
  },
  {
   "id": 97,
   "name": "mach-priv*",
   "parent": "mach*",
   "evidence": "C"
  },
  {
   "id": 98,
   "name": "mach-priv-host-port",
   "parent": "mach-priv*",
   "evidence": "C"
  },
  {
   "id": 99,
   "name": "mach-priv-task-port",
   "parent": "mach-priv*",
   "evidence": "C"
  },
  {
   "id": 100,
   "name": "mach-register",
   "parent": "mach*",
   "evidence": "C"
  },
  {
   "id": 101,
   "name": "mach-task*",
   "parent": "mach*",
   "evidence": "I"
  },
  {
   "id": 102,
   "name": "mach-task-inspect",
   "parent": "mach-task*",
   "evidence": "I"
  },
  {
   "id": 103,
   "name": "mach-task-name",
   "parent": "mach-task*",
   "evidence": "I"
  },
  {
   "id": 104,
   "name": "mach-task-read",
   "parent": "mach-task*",
   "evidence": "I"
  },
  {
   "id": 105,
   "name": "mach-task-special-port*",
   "parent": "mach-task*",
   "evidence": "I"
  },
  {
   "id": 106,
   "name": "mach-task-special-port-get",
   "parent": "mach-task-special-port*",
   "evidence": "I"
  },
  {
   "id": 107,
   "name": "mach-task-special-port-set",
   "parent": "mach-task-special-port*",
   "evidence": "I"
  },
  {
   "id": 108,
   "name": "necp-client-open",
   "parent": "default",
   "evidence": "I"
  },
  {
   "id": 109,
   "name": "network*",
   "parent": "default",
   "evidence": "C"
  },
  {
   "id": 110,
   "name": "network-inbound",
   "parent": "network*",
   "evidence": "C"
  },
  {
   "id": 111,
   "name": "network-bind",
   "parent": "network-inbound",
   "evidence": "C"
  },
  {
   "id": 112,
   "name": "network-outbound",
   "parent": "network*",
   "evidence": "C"
  },
  {
   "id": 113,
   "name": "nvram*",
   "parent": null,
   "evidence": "C",
   "fixed": "allow"
  },
  {
   "id": 114,
   "name": "nvram-delete",
   "parent": "nvram*",
   "evidence": "C"
  },
  {
   "id": 115,
   "name": "nvram-get",
   "parent": "nvram*",
   "evidence": "C"
  },
  {
   "id": 116,
   "name": "nvram-set",
   "parent": "nvram*",
   "evidence": "C"
  },
  {
   "id": 117,
   "name": "opendirectory-user-modify",
   "parent": "default",
   "evidence": "C"
  },
  {
   "id": 118,
   "name": "process*",
   "parent": "default",
   "evidence": "C"
  },
  {
   "id": 119,
   "name": "process-codesigning",
   "parent": "process*",
   "evidence": "I"
  },
  {
   "id": 120,
   "name": "process-exec*",
   "parent": "process*",
   "evidence": "C"
  },
  {
   "id": 121,
   "name": "process-exec-interpreter",
   "parent": "process-exec*",
   "evidence": "C"
  },
  {
   "id": 122,
   "name": "process-fork",
   "parent": "process*",
   "evidence": "C"
  },
  {
   "id": 123,
   "name": "process-info*",
   "parent": null,
   "evidence": "C",
   "fixed": "allow"
  },
  {
   "id": 124,
   "name": "process-info-codesignature",
   "parent": null,
   "evidence": "C",
   "fixed": "allow"
  },
  {
   "id": 125,
   "name": "process-info-dirtycontrol",
   "parent": "process-info*",
   "evidence": "C"
  },
  {
   "id": 126,
   "name": "process-info-ledger",
   "parent": "process-info*",
   "evidence": "I"
  },
  {
   "id": 127,
   "name": "process-info-listpids",
   "parent": "process-info*",
   "evidence": "C"
  },
  {
   "id": 128,
   "name": "process-info-rusage",
   "parent": "process-info*",
   "evidence": "C"
  },
  {
   "id": 129,
   "name": "process-info-pidinfo",
   "parent": "process-info*",
   "evidence": "C"
  },
  {
   "id": 130,
   "name": "process-info-pidfdinfo",
   "parent": "process-info*",
   "evidence": "C"
  },
  {
   "id": 131,
   "name": "process-info-pidfileportinfo",
   "parent": "process-info*",
   "evidence": "C"
  },
  {
   "id": 132,
   "name": "process-info-setcontrol",
   "parent": "process-info*",
   "evidence": "C"
  },
  {
   "id": 133,
   "name": "process-legacy-codesigning*",
   "parent": "process*",
   "evidence": "I"
  },
  {
   "id": 134,
   "name": "process-legacy-codesigning-blob-get",
   "parent": "process-legacy-codesigning*",
   "evidence": "I"
  },
  {
   "id": 135,
   "name": "process-legacy-codesigning-cdhash-get",
   "parent": "process-legacy-codesigning*",
   "evidence": "I"
  },
  {
   "id": 136,
   "name": "process-legacy-codesigning-entitlements-blob-get",
   "parent": "process-legacy-codesigning*",
   "evidence": "I"
  },
  {
   "id": 137,
   "name": "process-legacy-codesigning-entitlements-der-blob-get",
   "parent": "process-legacy-codesigning*",
   "evidence": "I"
  },
  {
   "id": 138,
   "name": "process-legacy-codesigning-identity-get",
   "parent": "process-legacy-codesigning*",
   "evidence": "I"
  },
  {
   "id": 139,
   "name": "process-legacy-codesigning-status*",
   "parent": "process-legacy-codesigning*",
   "evidence": "I"
  },
  {
   "id": 140,
   "name": "process-legacy-codesigning-status-get",
   "parent": "process-legacy-codesigning-status*",
   "evidence": "I"
  },
  {
   "id": 141,
   "name": "process-legacy-codesigning-status-set",
   "parent": "process-legacy-codesigning-status*",
   "evidence": "I"
  },
  {
   "id": 142,
   "name": "process-legacy-codesigning-teamid-get",
   "parent": "process-legacy-codesigning*",
   "evidence": "I"
  },
  {
   "id": 143,
   "name": "process-legacy-codesigning-text-offset-get",
   "parent": "process-legacy-codesigning*",
   "evidence": "I"
  },
  {
   "id": 144,
   "name": "pseudo-tty",
   "parent": "default",
   "evidence": "C"
  },
  {
   "id": 145,
   "name": "signal",
   "parent": "default",
   "evidence": "C"
  },
  {
   "id": 146,
   "name": "socket-ioctl",
   "parent": null,
   "evidence": "C",
   "fixed": "allow"
  },
  {
   "id": 147,
   "name": "socket-option*",
   "parent": "default",
   "evidence": "I"
  },
  {
   "id": 148,
   "name": "socket-option-get",
   "parent": "socket-option*",
   "evidence": "I"
  },
  {
   "id": 149,
   "name": "socket-option-set",
   "parent": "socket-option*",
   "evidence": "I"
  },
  {
   "id": 150,
   "name": "syscall*",
   "parent": null,
   "evidence": "I",
   "fixed": "allow"
  },
  {
   "id": 151,
   "name": "syscall-unix",
   "parent": null,
   "evidence": "C",
   "fixed": "allow"
  },
  {
   "id": 152,
   "name": "syscall-mach",
   "parent": null,
   "evidence": "I",
   "fixed": "allow"
  },
  {
   "id": 153,
   "name": "syscall-mig",
   "parent": null,
   "evidence": "I",
   "fixed": "allow"
  },
  {
   "id": 154,
   "name": "sysctl*",
   "parent": "default",
   "evidence": "C"
  },
  {
   "id": 155,
   "name": "sysctl-read",
   "parent": "sysctl*",
   "evidence": "C"
  },
  {
   "id": 156,
   "name": "sysctl-write",
   "parent": "sysctl*",
   "evidence": "C"
  },
  {
   "id": 157,
   "name": "system*",
   "parent": "default",
   "evidence": "C"
  },
  {
   "id": 158,
   "name": "system-acct",
   "parent": "system*",
   "evidence": "C"
  },
  {
   "id": 159,
   "name": "system-audit",
   "parent": "system*",
   "evidence": "C"
  },
  {
   "id": 160,
   "name": "system-automount",
   "parent": "system*",
   "evidence": "C"
  },
  {
   "id": 161,
   "name": "system-debug",
   "parent": "system*",
   "evidence": "C"
  },
  {
   "id": 162,
   "name": "system-fcntl",
   "parent": "system*",
   "evidence": "I"
  },
  {
   "id": 163,
   "name": "system-fsctl",
   "parent": "system*",
   "evidence": "C"
  },
  {
   "id": 164,
   "name": "system-info",
   "parent": "system*",
   "evidence": "C"
  },
  {
   "id": 165,
   "name": "system-kas-info",
   "parent": "system*",
   "evidence": "I"
  },
  {
   "id": 166,
   "name": "system-kext*",
   "parent": "system*",
   "evidence": "C"
  },
  {
   "id": 167,
   "name": "system-kext-load",
   "parent": "system-kext*",
   "evidence": "C"
  },
  {
   "id": 168,
   "name": "system-kext-unload",
   "parent": "system-kext*",
   "evidence": "C"
  },
  {
   "id": 169,
   "name": "system-kext-query",
   "parent": "system-kext*",
   "evidence": "C"
  },
  {
   "id": 170,
   "name": "system-mac*",
   "parent": "system*",
   "evidence": "I"
  },
  {
   "id": 171,
   "name": "system-mac-label",
   "parent": "system*",
   "evidence": "C"
  },
  {
   "id": 172,
   "name": "system-mac-syscall",
   "parent": "system-mac*",
   "evidence": "I"
  },
  {
   "id": 173,
   "name": "system-memorystatus-control",
   "parent": "system*",
   "evidence": "I"
  },
  {
   "id": 174,
   "name": "system-necp-client-action",
   "parent": "system*",
   "evidence": "I"
  },
  {
   "id": 175,
   "name": "system-nfssvc",
   "parent": "system*",
   "evidence": "C"
  },
  {
   "id": 176,
   "name": "system-package-check",
   "parent": "system*",
   "evidence": "C"
  },
  {
   "id": 177,
   "name": "system-privilege",
   "parent": null,
   "evidence": "C",
   "fixed": "allow"
  },
  {
   "id": 178,
   "name": "system-reboot",
   "parent": "system*",
   "evidence": "C"
  },
  {
   "id": 179,
   "name": "system-sched",
   "parent": "system*",
   "evidence": "C"
  },
  {
   "id": 180,
   "name": "system-set-time",
   "parent": "system*",
   "evidence": "C"
  },
  {
   "id": 181,
   "name": "system-socket",
   "parent": "system*",
   "evidence": "C"
  },
  {
   "id": 182,
   "name": "system-suspend-resume",
   "parent": "system*",
   "evidence": "C"
  },
  {
   "id": 183,
   "name": "system-swap",
   "parent": "system*",
   "evidence": "C"
  },
  {
   "id": 184,
   "name": "user-preference*",
   "parent": "default",
   "evidence": "C"
  },
  {
   "id": 185,
   "name": "user-preference-read",
   "parent": "user-preference*",
   "evidence": "C"
  },
  {
   "id": 186,
   "name": "managed-preference-read",
   "parent": "user-preference-read",
   "evidence": "C"
  },
  {
   "id": 187,
   "name": "user-preference-write",
   "parent": "user-preference*",
   "evidence": "C"
  },
  {
   "id": 188,
   "name": "storage-class-map",
   "parent": null,
   "evidence": "C",
   "fixed": "deny"
  },
  {
   "id": 189,
   "name": "process-exec-update-label",
   "parent": null,
   "evidence": "I",
   "fixed": "allow"
  },
  {
   "id": 190,
   "name": "default-message-filter",
   "parent": null,
   "evidence": "I",
   "fixed": "allow",
   "notInOpTable": true
  },
  {
   "id": 191,
   "name": "iokit-async-external-method",
   "parent": null,
   "evidence": "I",
   "fixed": "allow",
   "notInOpTable": true
  },
  {
   "id": 192,
   "name": "iokit-external-method",
   "parent": null,
   "evidence": "I",
   "fixed": "allow",
   "notInOpTable": true
  },
  {
   "id": 193,
   "name": "iokit-external-trap",
   "parent": null,
   "evidence": "I",
   "fixed": "allow",
   "notInOpTable": true
  },
  {
   "id": 194,
   "name": "mach-message-send",
   "parent": null,
   "evidence": "I",
   "fixed": "allow",
   "notInOpTable": true
  },
  {
   "id": 195,
   "name": "xpc-message-send",
   "parent": null,
   "evidence": "I",
   "fixed": "allow",
   "notInOpTable": true
  }
 ],
 "filters": [
  {
   "id": 0,
   "name": "path",
   "argKind": "string",
   "spellings": [
    {
     "name": "path",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 1,
   "name": "mount-relative-path",
   "argKind": "string",
   "spellings": [
    {
     "name": "mount-relative-path",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 2,
   "name": "xattr",
   "argKind": "string",
   "spellings": [
    {
     "name": "xattr",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 3,
   "name": "file-mode",
   "argKind": "string",
   "spellings": [
    {
     "name": "file-mode",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 4,
   "name": "ipc-posix-name",
   "argKind": "string",
   "spellings": [
    {
     "name": "ipc-posix-name",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 5,
   "name": "global-name",
   "argKind": "string",
   "spellings": [
    {
     "name": "global-name",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 6,
   "name": "local-name",
   "argKind": "string",
   "spellings": [
    {
     "name": "local-name",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 7,
   "name": "local",
   "argKind": "string",
   "spellings": [
    {
     "name": "local",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 8,
   "name": "remote",
   "argKind": "string",
   "spellings": [
    {
     "name": "remote",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 9,
   "name": "control-name",
   "argKind": "string",
   "spellings": [
    {
     "name": "control-name",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 10,
   "name": "socket-domain",
   "argKind": "string",
   "spellings": [
    {
     "name": "socket-domain",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 11,
   "name": "socket-type",
   "argKind": "string",
   "spellings": [
    {
     "name": "socket-type",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 12,
   "name": "socket-protocol",
   "argKind": "string",
   "spellings": [
    {
     "name": "socket-protocol",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 13,
   "name": "target",
   "argKind": "string",
   "spellings": [
    {
     "name": "target",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 14,
   "name": "fsctl-command",
   "argKind": "string",
   "spellings": [
    {
     "name": "fsctl-command",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 15,
   "name": "ioctl-command",
   "argKind": "string",
   "spellings": [
    {
     "name": "ioctl-command",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 16,
   "name": "iokit-registry-entry-class",
   "argKind": "string",
   "spellings": [
    {
     "name": "iokit-registry-entry-class",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 17,
   "name": "iokit-property",
   "argKind": "string",
   "spellings": [
    {
     "name": "iokit-property",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 18,
   "name": "iokit-connection",
   "argKind": "string",
   "spellings": [
    {
     "name": "iokit-connection",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 19,
   "name": "device-major",
   "argKind": "string",
   "spellings": [
    {
     "name": "device-major",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 20,
   "name": "device-minor",
   "argKind": "string",
   "spellings": [
    {
     "name": "device-minor",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 21,
   "name": "device-conforms-to",
   "argKind": "string",
   "spellings": [
    {
     "name": "device-conforms-to",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 22,
   "name": "extension",
   "argKind": "string",
   "spellings": [
    {
     "name": "extension",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 23,
   "name": "extension-class",
   "argKind": "string",
   "spellings": [
    {
     "name": "extension-class",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 24,
   "name": "appleevent-destination",
   "argKind": "string",
   "spellings": [
    {
     "name": "appleevent-destination",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 25,
   "name": "system-attribute",
   "argKind": "string",
   "spellings": [
    {
     "name": "system-attribute",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 26,
   "name": "right-name",
   "argKind": "string",
   "spellings": [
    {
     "name": "right-name",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 27,
   "name": "preference-domain",
   "argKind": "string",
   "spellings": [
    {
     "name": "preference-domain",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 28,
   "name": "vnode-type",
   "argKind": "string",
   "spellings": [
    {
     "name": "vnode-type",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 29,
   "name": "%entitlement-load",
   "argKind": "string",
   "spellings": [
    {
     "name": "%entitlement-load",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 30,
   "name": "%entitlement-boolean",
   "argKind": "string",
   "spellings": [
    {
     "name": "%entitlement-boolean",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 31,
   "name": "%entitlement-string",
   "argKind": "string",
   "spellings": [
    {
     "name": "%entitlement-string",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 32,
   "name": "kext-bundle-id",
   "argKind": "string",
   "spellings": [
    {
     "name": "kext-bundle-id",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 33,
   "name": "info-type",
   "argKind": "string",
   "spellings": [
    {
     "name": "info-type",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 34,
   "name": "notification-name",
   "argKind": "string",
   "spellings": [
    {
     "name": "notification-name",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 35,
   "name": "notification-payload",
   "argKind": "string",
   "spellings": [
    {
     "name": "notification-payload",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 36,
   "name": "semaphore-owner",
   "argKind": "string",
   "spellings": [
    {
     "name": "semaphore-owner",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 37,
   "name": "sysctl-name",
   "argKind": "string",
   "spellings": [
    {
     "name": "sysctl-name",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 38,
   "name": "process-path",
   "argKind": "string",
   "spellings": [
    {
     "name": "process-path",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 39,
   "name": "rootless-boot-device-filter",
   "argKind": "string",
   "spellings": [
    {
     "name": "rootless-boot-device-filter",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 40,
   "name": "rootless-disk-filter",
   "argKind": "string",
   "spellings": [
    {
     "name": "rootless-disk-filter",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 41,
   "name": "privilege-id",
   "argKind": "string",
   "spellings": [
    {
     "name": "privilege-id",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 42,
   "name": "process-attribute",
   "argKind": "string",
   "spellings": [
    {
     "name": "process-attribute",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 43,
   "name": "uid",
   "argKind": "string",
   "spellings": [
    {
     "name": "uid",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 44,
   "name": "nvram-variable",
   "argKind": "string",
   "spellings": [
    {
     "name": "nvram-variable",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 45,
   "name": "csr",
   "argKind": "string",
   "spellings": [
    {
     "name": "csr",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 46,
   "name": "host-special-port",
   "argKind": "string",
   "spellings": [
    {
     "name": "host-special-port",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 47,
   "name": "filesystem-name",
   "argKind": "string",
   "spellings": [
    {
     "name": "filesystem-name",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 48,
   "name": "boot-arg",
   "argKind": "string",
   "spellings": [
    {
     "name": "boot-arg",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 49,
   "name": "xpc-service-name",
   "argKind": "string",
   "spellings": [
    {
     "name": "xpc-service-name",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 50,
   "name": "signing-identifier",
   "argKind": "string",
   "spellings": [
    {
     "name": "signing-identifier",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 51,
   "name": "signal-number",
   "argKind": "string",
   "spellings": [
    {
     "name": "signal-number",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 52,
   "name": "target-signing-identifier",
   "argKind": "string",
   "spellings": [
    {
     "name": "target-signing-identifier",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 53,
   "name": "reboot-flags",
   "argKind": "string",
   "spellings": [
    {
     "name": "reboot-flags",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 54,
   "name": "datavault-disk-filter",
   "argKind": "string",
   "spellings": [
    {
     "name": "datavault-disk-filter",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 55,
   "name": "extension-path-ancestor",
   "argKind": "string",
   "spellings": [
    {
     "name": "extension-path-ancestor",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 56,
   "name": "file-attribute",
   "argKind": "string",
   "spellings": [
    {
     "name": "file-attribute",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 57,
   "name": "storage-class",
   "argKind": "string",
   "spellings": [
    {
     "name": "storage-class",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 58,
   "name": "storage-class-extension",
   "argKind": "string",
   "spellings": [
    {
     "name": "storage-class-extension",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 59,
   "name": "iokit-usb-interface-class",
   "argKind": "string",
   "spellings": [
    {
     "name": "iokit-usb-interface-class",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 60,
   "name": "iokit-usb-interface-subclass",
   "argKind": "string",
   "spellings": [
    {
     "name": "iokit-usb-interface-subclass",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 61,
   "name": "ancestor-signing-identifier",
   "argKind": "string",
   "spellings": [
    {
     "name": "ancestor-signing-identifier",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 62,
   "name": "require-ancestor-with-entitlement",
   "argKind": "string",
   "spellings": [
    {
     "name": "require-ancestor-with-entitlement",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 63,
   "name": "persona-type",
   "argKind": "string",
   "spellings": [
    {
     "name": "persona-type",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 64,
   "name": "syscall-number",
   "argKind": "string",
   "spellings": [
    {
     "name": "syscall-number",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 65,
   "name": "require-target-with-entitlement",
   "argKind": "string",
   "spellings": [
    {
     "name": "require-target-with-entitlement",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 66,
   "name": "iokit-registry-entry-attribute",
   "argKind": "string",
   "spellings": [
    {
     "name": "iokit-registry-entry-attribute",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 67,
   "name": "user-intent-extension",
   "argKind": "string",
   "spellings": [
    {
     "name": "user-intent-extension",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 68,
   "name": "snapshot-name",
   "argKind": "string",
   "spellings": [
    {
     "name": "snapshot-name",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 69,
   "name": "mach-derived-port-role",
   "argKind": "string",
   "spellings": [
    {
     "name": "mach-derived-port-role",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 70,
   "name": "message-number",
   "argKind": "string",
   "spellings": [
    {
     "name": "message-number",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 71,
   "name": "message-name",
   "argKind": "string",
   "spellings": [
    {
     "name": "message-name",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 72,
   "name": "iokit-method-number",
   "argKind": "string",
   "spellings": [
    {
     "name": "iokit-method-number",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 73,
   "name": "iokit-trap-number",
   "argKind": "string",
   "spellings": [
    {
     "name": "iokit-trap-number",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 74,
   "name": "machtrap-number",
   "argKind": "string",
   "spellings": [
    {
     "name": "machtrap-number",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 75,
   "name": "kernel-mig-routine",
   "argKind": "string",
   "spellings": [
    {
     "name": "kernel-mig-routine",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 76,
   "name": "iokit-user-client-type",
   "argKind": "string",
   "spellings": [
    {
     "name": "iokit-user-client-type",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 77,
   "name": "fcntl-command",
   "argKind": "string",
   "spellings": [
    {
     "name": "fcntl-command",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 78,
   "name": "socket-option-level",
   "argKind": "string",
   "spellings": [
    {
     "name": "socket-option-level",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 79,
   "name": "socket-option-name",
   "argKind": "string",
   "spellings": [
    {
     "name": "socket-option-name",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 80,
   "name": "mac-policy-name",
   "argKind": "string",
   "spellings": [
    {
     "name": "mac-policy-name",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 81,
   "name": "mac-syscall-number",
   "argKind": "string",
   "spellings": [
    {
     "name": "mac-syscall-number",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 82,
   "name": "necp-client-action",
   "argKind": "string",
   "spellings": [
    {
     "name": "necp-client-action",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 83,
   "name": "memorystatus-control-command",
   "argKind": "string",
   "spellings": [
    {
     "name": "memorystatus-control-command",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 84,
   "name": "state-flag",
   "argKind": "string",
   "spellings": [
    {
     "name": "state-flag",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 85,
   "name": "require-responsible-binary-with-entitlement",
   "argKind": "string",
   "spellings": [
    {
     "name": "require-responsible-binary-with-entitlement",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 86,
   "name": "%entitlement-is-bool-true",
   "argKind": "string",
   "spellings": [
    {
     "name": "%entitlement-is-bool-true",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 87,
   "name": "%entitlement-is-present",
   "argKind": "string",
   "spellings": [
    {
     "name": "%entitlement-is-present",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 88,
   "name": "task-special-port",
   "argKind": "string",
   "spellings": [
    {
     "name": "task-special-port",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 89,
   "name": "fileprovider-syncroot-path",
   "argKind": "string",
   "spellings": [
    {
     "name": "fileprovider-syncroot-path",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 90,
   "name": "mount-root-path",
   "argKind": "string",
   "spellings": [
    {
     "name": "mount-root-path",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 91,
   "name": "codesigning-operation",
   "argKind": "string",
   "spellings": [
    {
     "name": "codesigning-operation",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  },
  {
   "id": 92,
   "name": "kas-info-selector",
   "argKind": "string",
   "spellings": [
    {
     "name": "kas-info-selector",
     "match": "value"
    }
   ],
   "classes": [
    "*"
   ],
   "evidence": "B"
  }
 ],
 "modifiers": [],
 "operationAliases": {},
 "constants": {},
 "opTableSize": 190,
 "standardPolicy": "(allow signal (target self))\n(allow mach-task-name (target self))\n",
 "sources": []
};
