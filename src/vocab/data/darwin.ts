// Public Darwin constants shared by the per-OS vocabularies: numbers come from Apple's open-source headers
// (xnu) or from libsandbox's own named-argument tables as extracted by 0xbf00/simbple
// (src/platform_data/catalina/filters.c, commit e4211c34). Each table names its source.

/** Parse "name value name value ..." into a record, adding `prefix` to every name. */
export function pairs(text: string, prefix = ''): Record<string, number> {
  const out: Record<string, number> = {};
  const words = text.trim().split(/\s+/);
  if (words.length % 2 !== 0) throw new Error(`pairs(): odd word count in table starting '${words[0]}'`);
  for (let i = 0; i < words.length; i += 2) {
    const n = Number(words[i + 1]);
    if (!Number.isInteger(n)) throw new Error(`pairs(): '${words[i + 1]}' is not an integer (after '${words[i]}')`);
    out[prefix + words[i]] = n;
  }
  return out;
}

/**
 * Tables merged into one, later names winning (what `{ ...a, ...b }` gives). A loop rather than object spread:
 * spreading tables of hundreds of names builds a hidden class per name (~10 ms at start-up for the syscall and
 * privilege tables), where assigning them one by one turns the object into a plain dictionary at once.
 */
export function tables(...parts: Array<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of parts) for (const k of Object.keys(t)) out[k] = t[k];
  return out;
}

/** Signals, Darwin numbering (xnu bsd/sys/signal.h; same table in simbple catalina signal_number_args). */
export const SIGNALS = pairs(`
  SIGHUP 1 SIGINT 2 SIGQUIT 3 SIGILL 4 SIGTRAP 5 SIGABRT 6 SIGIOT 6 SIGEMT 7 SIGFPE 8 SIGKILL 9 SIGBUS 10
  SIGSEGV 11 SIGSYS 12 SIGPIPE 13 SIGALRM 14 SIGTERM 15 SIGURG 16 SIGSTOP 17 SIGTSTP 18 SIGCONT 19 SIGCHLD 20
  SIGTTIN 21 SIGTTOU 22 SIGIO 23 SIGXCPU 24 SIGXFSZ 25 SIGVTALRM 26 SIGPROF 27 SIGWINCH 28 SIGINFO 29
  SIGUSR1 30 SIGUSR2 31`);

/** `__DARWIN_NSIG` (xnu bsd/sys/signal.h): send-signal accepts 0 < n < NSIG (Apple sbpl1.scm 10.10). */
export const DARWIN_NSIG = 32;

/** Address families (xnu bsd/sys/socket.h; libsandbox socket_domain_args in simbple catalina filters.c). */
export const ADDRESS_FAMILIES = pairs(`
  AF_UNSPEC 0 AF_UNIX 1 AF_LOCAL 1 AF_INET 2 AF_IMPLINK 3 AF_PUP 4 AF_CHAOS 5 AF_NS 6 AF_ISO 7 AF_OSI 7
  AF_ECMA 8 AF_DATAKIT 9 AF_CCITT 10 AF_SNA 11 AF_DECnet 12 AF_DLI 13 AF_LAT 14 AF_HYLINK 15 AF_APPLETALK 16
  AF_ROUTE 17 AF_LINK 18 pseudo_AF_XTP 19 AF_COIP 20 AF_CNT 21 pseudo_AF_RTIP 22 AF_IPX 23 AF_SIP 24
  pseudo_AF_PIP 25 AF_NDRV 27 AF_ISDN 28 AF_E164 28 pseudo_AF_KEY 29 AF_INET6 30 AF_NATM 31 AF_SYSTEM 32
  AF_NETBIOS 33 AF_PPP 34 pseudo_AF_HDRCMPLT 35 AF_RESERVED_36 36 AF_IEEE80211 37 AF_UTUN 38 AF_MAX 40`);

/** Socket types (xnu bsd/sys/socket.h; simbple catalina socket_type_args). */
export const SOCKET_TYPES = pairs(`SOCK_STREAM 1 SOCK_DGRAM 2 SOCK_RAW 3 SOCK_RDM 4 SOCK_SEQPACKET 5`);

/**
 * IP protocol numbers (xnu bsd/netinet/in.h, the IANA numbers). libsandbox's Catalina table lists no named
 * arguments for socket-protocol; Sonoma-era probes (sandbox-boostrap) write `(socket-protocol IPPROTO_TCP)`.
 */
export const IP_PROTOCOLS = pairs(`
  IPPROTO_IP 0 IPPROTO_HOPOPTS 0 IPPROTO_ICMP 1 IPPROTO_IGMP 2 IPPROTO_GGP 3 IPPROTO_IPV4 4 IPPROTO_IPIP 4
  IPPROTO_TCP 6 IPPROTO_ST 7 IPPROTO_EGP 8 IPPROTO_PIGP 9 IPPROTO_UDP 17 IPPROTO_IPV6 41 IPPROTO_ROUTING 43
  IPPROTO_FRAGMENT 44 IPPROTO_RSVP 46 IPPROTO_GRE 47 IPPROTO_ESP 50 IPPROTO_AH 51 IPPROTO_ICMPV6 58
  IPPROTO_NONE 59 IPPROTO_DSTOPTS 60 IPPROTO_PIM 103 IPPROTO_SCTP 132 IPPROTO_RAW 255`);

/** Network protocol words of `(local|remote PROTO ...)` (libsandbox local_args/remote_args, simbple catalina). */
export const NETWORK_PROTOCOLS = pairs(`ip 3 ip4 1 ip6 2 tcp 7 tcp4 5 tcp6 6 udp 11 udp4 9 udp6 10`);

/** Relation of the target process (libsandbox target_args, simbple catalina; Apple sbpl1.scm 10.10 lists the first five). */
export const TARGETS = pairs(`self 1 pgrp 2 others 3 children 4 same-sandbox 5 initproc 6`);

/** semaphore-owner adds platform-binary (libsandbox semaphore_owner_args, simbple catalina). */
export const SEMAPHORE_OWNERS = tables(TARGETS, pairs(`platform-binary 7`));

/** vnode types (libsandbox vnode_type_args, simbple catalina; values are xnu `enum vtype` + TTY = 0xffff). */
export const VNODE_TYPES = pairs(`
  REGULAR-FILE 1 DIRECTORY 2 BLOCK-DEVICE 3 CHARACTER-DEVICE 4 SYMLINK 5 SOCKET 6 FIFO 7 TTY 65535`);

/** system-attribute (libsandbox system_attribute_args, simbple catalina). */
export const SYSTEM_ATTRIBUTES = pairs(`apple-internal 0 sandbox-debug-mode 1`);

/** process-attribute (libsandbox process_attribute_args, simbple catalina). */
export const PROCESS_ATTRIBUTES = pairs(`
  is-plugin 0 is-installer 1 is-restricted 2 is-initproc 3 is-platform-binary 4 is-sandboxed 5
  is-nvram-privileged 6 is-sandcastle-constrained 7 is-datavault-controller 8 is-apple-signed-executable 9`);

/** file-attribute (libsandbox file_attribute_args, simbple catalina). */
export const FILE_ATTRIBUTES = pairs(`
  sip-protected 0 datavault 1 time-machine-backup 2 time-machine-device 3 local-filesystem 4 root-filesystem 5
  snapshot 6 removable-media 7 disk-image 8 sip-protected-filesystem 9 removable-device 10 disk-image-device 11
  sip-protected-device 12 protected-ancestor 13 network-approval-exempt 14 smb-home-mount-dir 15
  fileprovider-owned 16`);

/** SIP configuration bits (xnu bsd/sys/csr.h; libsandbox csr_args, simbple catalina). */
export const CSR_FLAGS = pairs(`
  CSR_ALLOW_UNTRUSTED_KEXTS 1 CSR_ALLOW_UNRESTRICTED_FS 2 CSR_ALLOW_TASK_FOR_PID 4 CSR_ALLOW_KERNEL_DEBUGGER 8
  CSR_ALLOW_APPLE_INTERNAL 16 CSR_ALLOW_UNRESTRICTED_DTRACE 32 CSR_ALLOW_UNRESTRICTED_NVRAM 64
  CSR_ALLOW_DEVICE_CONFIGURATION 128 CSR_ALLOW_ANY_RECOVERY_OS 256 CSR_ALLOW_UNAPPROVED_KEXTS 512
  CSR_ALLOW_EXECUTABLE_POLICY_OVERRIDE 1024`);

/** Host special ports (xnu osfmk/mach/host_special_ports.h; libsandbox host_special_port_args, simbple catalina). */
export const HOST_SPECIAL_PORTS = pairs(`
  HOST_PORT 1 HOST_PRIV_PORT 2 HOST_IO_MASTER_PORT 3
  HOST_DYNAMIC_PAGER_PORT 8 HOST_AUDIT_CONTROL_PORT 9 HOST_USER_NOTIFICATION_PORT 10 HOST_AUTOMOUNTD_PORT 11
  HOST_LOCKD_PORT 12 HOST_KTRACE_BACKGROUND_PORT 13 HOST_SEATBELT_PORT 14 HOST_KEXTD_PORT 15
  HOST_LAUNCHCTL_PORT 16 HOST_UNFREED_PORT 17 HOST_AMFID_PORT 18 HOST_GSSD_PORT 19 HOST_TELEMETRY_PORT 20
  HOST_ATM_NOTIFICATION_PORT 21 HOST_COALITION_PORT 22 HOST_SYSDIAGNOSE_PORT 23 HOST_XPC_EXCEPTION_PORT 24
  HOST_CONTAINERD_PORT 25 HOST_NODE_PORT 26 HOST_RESOURCE_NOTIFY_PORT 27 HOST_CLOSURED_PORT 28
  HOST_SYSPOLICYD_PORT 29 HOST_FILECOORDINATIOND_PORT 30 HOST_FAIRPLAYD_PORT 31`);

/** Task special ports (xnu osfmk/mach/task_special_ports.h). */
export const TASK_SPECIAL_PORTS = pairs(`
  TASK_KERNEL_PORT 1 TASK_HOST_PORT 2 TASK_NAME_PORT 3 TASK_BOOTSTRAP_PORT 4 TASK_INSPECT_PORT 5
  TASK_READ_PORT 6 TASK_ACCESS_PORT 9 TASK_DEBUG_CONTROL_PORT 10 TASK_RESOURCE_NOTIFY_PORT 11`);

/** Personas (xnu bsd/sys/persona.h; libsandbox persona_type_args, simbple catalina). */
export const PERSONA_TYPES = pairs(`
  PERSONA_INVALID 0 PERSONA_GUEST 1 PERSONA_MANAGED 2 PERSONA_PRIV 3 PERSONA_SYSTEM 4 PERSONA_DEFAULT 5
  PERSONA_ENTERPRISE 8`);

/** Kernel privileges as libsandbox 10.15 names them (privilege_id_args, simbple catalina). */
export const PRIVILEGES_CATALINA = pairs(`
  PRIV_ADJTIME 1000 PRIV_PROC_UUID_POLICY 1001 PRIV_GLOBAL_PROC_INFO 1002 PRIV_SYSTEM_OVERRIDE 1003
  PRIV_HW_DEBUG_DATA 1004 PRIV_SELECTIVE_FORCED_IDLE 1005 PRIV_PROC_TRACE_INSPECT 1006 PRIV_DARKBOOT 1007
  PRIV_WORK_INTERVAL 1008 PRIV_SMB_TIMEMACHINE_CONTROL 1009 PRIV_AUDIO_LATENCY 1010 PRIV_KTRACE_BACKGROUND 1011
  PRIV_SETPRIORITY_DARWIN_ROLE 1012 PRIV_PACKAGE_EXTENSIONS 1013 PRIV_TRIM_ACTIVE_FILE 1014
  PRIV_PROC_CPUMON_OVERRIDE 1015 PRIV_ENDPOINTSECURITY_CLIENT 1016 PRIV_AUDIT_SESSION_PORT 1017
  PRIV_VM_PRESSURE 6000 PRIV_VM_JETSAM 6001 PRIV_VM_FOOTPRINT_LIMIT 6002
  PRIV_NET_PRIVILEGED_TRAFFIC_CLASS 10000 PRIV_NET_PRIVILEGED_SOCKET_DELEGATE 10001 PRIV_NET_INTERFACE_CONTROL 10002
  PRIV_NET_PRIVILEGED_NETWORK_STATISTICS 10003 PRIV_NET_PRIVILEGED_NECP_POLICIES 10004 PRIV_NET_RESTRICTED_AWDL 10005
  PRIV_NET_PRIVILEGED_NECP_MATCH 10006 PRIV_NET_QOSMARKING_POLICY_OVERRIDE 10007 PRIV_NET_RESTRICTED_INTCOPROC 10008
  PRIV_NET_PRIVILEGED_MULTIPATH 10009 PRIV_NET_RESTRICTED_MULTIPATH_EXTENDED 10010
  PRIV_NET_RESTRICTED_ROUTE_NC_READ 10011 PRIV_NET_PRIVILEGED_CLIENT_ACCESS 10012
  PRIV_NET_PRIVILEGED_SERVER_ACCESS 10013 PRIV_NET_VALIDATED_RESOLVER 10014 PRIV_NET_CUSTOM_PROTOCOL 10015
  PRIV_NET_PRIVILEGED_NECP_DROP_ALL_BYPASS 10016 PRIV_NET_PRIVILEGED_IPSEC_WAKE_PACKET 10017
  PRIV_NETINET_RESERVEDPORT 11000 PRIV_NETINET_TCP_KA_OFFLOAD 11001
  PRIV_SKYWALK_REGISTER_USER_PIPE 12000 PRIV_SKYWALK_REGISTER_KERNEL_PIPE 12001 PRIV_SKYWALK_REGISTER_NET_IF 12002
  PRIV_SKYWALK_REGISTER_FLOW_SWITCH 12003 PRIV_SKYWALK_OBSERVE_ALL 12010 PRIV_SKYWALK_OBSERVE_STATS 12011
  PRIV_VFS_OPEN_BY_ID 14000 PRIV_VFS_MOVE_DATA_EXTENTS 14001 PRIV_VFS_SNAPSHOT 14002 PRIV_VFS_SNAPSHOT_REVERT 14003
  PRIV_VFS_DATALESS_RESOLVER 14004 PRIV_VFS_DATALESS_MANIPULATION 14005 PRIV_APFS_EMBED_DRIVER 14100
  PRIV_APFS_FUSION_DEBUG 14101 PRIV_APFS_FUSION_ALLOW_PIN_FASTPROMOTE 14102
  PRIV_APFS_SET_FREE_SPACE_CHANGE_THRESHOLD 14104 PRIV_APFS_SET_FIRMLINK 14105`);

/**
 * Privileges for the Sonoma vocabulary: the 10.15 table plus what newer xnu bsd/sys/priv.h adds
 * (PRIV_SKYWALK_LOW_LATENCY_CHANNEL 12004, PRIV_VFS_SETSIZE 14006; apple-oss-distributions/xnu stored
 * version 5c2921b0). Old names are kept: numbers are ABI and never reused.
 */
export const PRIVILEGES_SONOMA = tables(PRIVILEGES_CATALINA, pairs(`PRIV_SKYWALK_LOW_LATENCY_CHANNEL 12004 PRIV_VFS_SETSIZE 14006`));

/**
 * fsctl commands as libsandbox names them (fsctl_command_args, simbple catalina). Values are the low 16 bits
 * of the ioctl code, `(_IO "g" n)` = n + 256 * char-code(g) (Apple sbpl1.scm `_IO`), e.g. FSIOC_CAS_BSDFLAGS =
 * _IOWR('A', 20, ...) -> 0x4114 = 16660.
 */
export const FSCTL_COMMANDS = pairs(`
  FSIOC_SYNC_VOLUME 16641 FSIOC_SET_PACKAGE_EXTS 16642 FSIOC_UNSUPPORTED 16643 FSIOC_SET_FSTYPENAME_OVERRIDE 16650
  FSIOC_ROUTEFS_SETROUTEID 16655 FSIOC_FIOSEEKHOLE 16656 FSIOC_FIOSEEKDATA 16657 FSIOC_CAS_BSDFLAGS 16660
  FSIOC_FD_ONLY_OPEN_ONCE 16661 FSIOC_FREEZE_EXTENTS 26644 FSIOC_THAW_EXTENTS 26645
  APFSIOC_REVERT_TO_SNAPSHOT 18945 APFSIOC_MAINTAIN_DIR_STATS 18946 APFSIOC_GET_DIR_STATS 18947
  APFSIOC_SET_AUTO_MOUNT_UUID 18948 APFSIOC_GET_AUTO_MOUNT_UUID 18949 APFSIOC_SET_CONV_CTX 18950
  APFSIOC_GET_CRYPTO_IDS 18951 APFSIOC_GET_CRYPTO_KEY 18952 APFSIOC_IS_SPARSE 18953 APFSIOC_NEXT_LINK 18954
  APFSIOC_GET_BOOTINFO 18955 APFSIOC_SET_BOOTINFO 18956 APFSIOC_GET_BULKACCESS 18957 APFSIOC_GET_CLONE_INFO 18958
  APFSIOC_IS_BLOCK_SHARED 18959 APFSIOC_DIFF_SNAPSHOTS 18960 APFSIOC_SET_NEAR_LOW_DISK 18961
  APFSIOC_GET_NEAR_LOW_DISK 18962 APFSIOC_SNAP_RANGE_PRIV_SIZE 18963 APFSIOC_SNAP_MAKE_DATALESS 18964
  APFS_FSCTL_NX_FEATURES 18965 APFS_FSCTL_APFS_FEATURES 18966 APFS_FSCTL_SET_NX_DEFRAG 18967
  APFS_FSCTL_SET_APFS_DEFRAG 18968 APFS_FSCTL_GET_DEFRAG_LIST 18969 APFS_FSCTL_DEBUG_CHECK_DF 18970
  APFSIOC_PIN_DATA 18973 APFSIOC_DEBUG_STATS 18974 APFSIOC_GET_DIR_STATS_EXT 18976 APFSIOC_FUSION_DEBUG 18977
  APFS_FSCTL_UNMOUNT_CRYPTO_HINT 18978 APFSIOC_FUSION_MAINT_CTL 18979 APFSIOC_WAIT_FOR_SNAPSHOT_DELETION 18980
  APFSIOC_GET_INTERNAL_FLAGS 18981 APFSIOC_OMAP_TRACK_ENABLE 18982 APFSIOC_OMAP_TRACK_REPORT 18983
  APFSIOC_OMAP_LOOKUP 18984 APFSIOC_SET_CRYPTO_MNT_DATA_IV 18985 APFSIOC_GET_KEYLOCKER_PRANGE 18986
  APFSIOC_GET_COW_STATS 18987 APFSIOC_FAST_PROMOTE_DATA 18988 APFSIOC_GET_FX_DEFRAG_REGIONS 18989
  APFSIOC_BC_OPTIMIZE_INODES 18990 APFSIOC_CONTROL_FX_DEFRAG_THREAD 18991 APFSIOC_GET_FX_DEFRAG_PROGRESS 18992
  APFSIOC_BC_GETINODENUM 18993 APFSIOC_SNAP_TOKEN 18994 APFSIOC_GET_FX_DEFRAG_STATS 18995
  APFSIOC_OMAP_TREE_LEAF_EXTENTS 18996 APFSIOC_CREATE_BYPASS_DEV 18999 APFSIOC_DESTROY_BYPASS_DEV 19000
  APFSIOC_MAKE_OBJECT_DATALESS 19001 APFSIOC_SET_ATIME_UPDATE 19002 APFSIOC_GET_ATIME_UPDATE 19003
  APFSIOC_FIRMLINK_CTL 19004 APFSIOC_KEY_ROLLING_OP 19005 APFSIOC_KEY_ROLLING_STAT 19006
  APFSIOC_SET_FREE_SPACE_CHANGE_THRES 19008 APFSIOC_GET_FREE_SPACE_CHANGE_THRES 19009
  APFSIOC_CREATE_SYNTHETIC_FOLDER 19010 APFSIOC_SNAP_LOOKUP 19011 APFSIOC_MARK_PURGEABLE 19012
  APFSIOC_PURGE_FILES 19013 APFSIOC_GET_PURGEABLE_STATS 19014 APFSIOC_GET_PURGEABLE_FILE_FLAGS 19015
  APFSIOC_SYNC_ROOT_SET_FLAG 19016 APFSIOC_SYNC_ROOT_GET_FLAG 19016 APFSIOC_CLEAR_PURGEABLE 19017
  APFSIOC_GET_PARENT_SYNC_ROOT 19018 APFSIOC_CREATE_SYNTHETIC_SYMLINK 19019 APFSIOC_SHARE_RANGE 19020
  APFSIOC_HAS_OBJIDS_AFTER 19021 APFSIOC_CREATE_HIDDEN_SYNTHETIC_SYMLINK 19022
  HFSIOC_RESIZE_PROGRESS 26625 HFSIOC_RESIZE_VOLUME 26626 HFSIOC_CHANGE_NEXT_ALLOCATION 26627
  HFSIOC_GET_VOL_CREATE_TIME 26628 HFSIOC_SETBACKINGSTOREINFO 26631 HFSIOC_CLRBACKINGSTOREINFO 26632
  HFSIOC_UNSUPPORTED 26634 HFSIOC_PREV_LINK 26635 HFSIOC_NEXT_LINK 26636 HFSIOC_GETPATH 26637
  HFSIOC_SET_XATTREXTENTS_STATE 26638 HFSIOC_EXT_BULKACCESS 26639 HFSIOC_MARK_BOOT_CORRUPT 26640
  HFSIOC_GET_JOURNAL_INFO 26641 HFSIOC_SET_VERY_LOW_DISK 26644 HFSIOC_SET_LOW_DISK 26645
  HFSIOC_SET_DESIRED_DISK 26646 HFSIOC_SET_ALWAYS_ZEROFILL 26647 HFSIOC_VOLUME_STATUS 26648
  HFSIOC_DISABLE_METAZONE 26649 HFSIOC_CHANGE_NEXTCNID 26650 HFSIOC_GET_VERY_LOW_DISK 26651
  HFSIOC_GET_LOW_DISK 26652 HFSIOC_GET_DESIRED_DISK 26653 HFSIOC_TRANSFER_DOCUMENT_ID 26656
  HFSIOC_OP_CPTRIM 26657 HFSIOC_OP_CPREWRAPPED 26658 HFSIOC_OP_CRYPTOGEN 26659 HFSIOC_LISTXATTRID_CP 26660
  HFSIOC_OP_CPFORCEREWRAP 26661 HFSIOC_FSINFO_METADATA_BLOCKS 26662 HFSIOC_CS_FREESPACE_TRIM 26663
  HFSIOC_KEY_ROLL 26664 HFSIOC_GET_KEY_AUTO_ROLL 26665 HFSIOC_SET_KEY_AUTO_ROLL 26666 HFSIOC_CP_LIST_IDS 26668
  HFSIOC_GET_FSINFO 26669 HFSIOC_REPIN_HOTFILE_STATE 26670 HFSIOC_SET_HOTFILE_STATE 26671
  HFSIOC_SET_MAX_DEFRAG_SIZE 26672 HFSIOC_FORCE_ENABLE_DEFRAG 26673
  DTDBOpenFSCTL 31233 DTDBAddIconFSCTL 31234 DTDBGetIconFSCTL 31235 DTDBGetIconInfoFSCTL 31236
  DTDBAddAPPLFSCTL 31237 DTDBGetAPPLFSCTL 31238 DTDBRemoveAPPLFSCTL 31239 DTDBSetCommentFSCTL 31240
  DTDBGetCommentFSCTL 31241 DTDBRemoveCommentFSCTL 31242 afpfsGetParmsFSCTL 31243 afpfsGetMountInfoFSCTL 31244
  afpfsCreateFileDescFSCTL 31245 afpfsMapIDNameFSCTL 31246 afpfsGetAccessRightsFSCTL 31247
  afpfsSetAccessRightsFSCTL 31248 afpfsByteRangeLockFSCTL 31249 afpfsGetAttenFSCTL 31250 afpfsSleepWakeFSCTL 31251
  afpfsUserCommandFSCTL 31252 afpfsTraceLogFSCTL 31253 afpfsGetSavedAttenFSCTL 31254
  afpfsByteRangeLock2FSCTL 31255 afpfsRefeshCredentialFSCTL 31256 afpfsGetStats 31257 afpfsSpotLightRPC 31258
  afpfsSpotLightSideBandRPC 31259 afpfsDebugTestFSCTL 31260 afpfsTimeMachineFSCTL 31261 afpfsSubMountFSCTL 31262
  afpfsSrvrInfoFSCTL 31263 smbfsByteRangeLock2FSCTL 31255 smbfsByteRangeLockFSCTL 31249
  smbfsUniqueShareIDFSCTL 31251 smbfsGetSessionSockaddrFSCTL 31252 smbfsGetStatsFSCTL 31257
  smbfsDebugTestFSCTL 31260 smbfsTimeMachineFSCTL 31261`);

/**
 * ioctl commands (low 16 bits, as in FSCTL_COMMANDS): the generic file ioctls of libsandbox
 * ioctl_command_args (simbple catalina). The table's disk/socket/network-interface entries are not transcribed.
 */
export const IOCTL_COMMANDS = pairs(`
  FIOCLEX 26113 FIONCLEX 26114 FIONREAD 26239 FIONBIO 26238 FIOASYNC 26237 FIOSETOWN 26236 FIOGETOWN 26235
  FIODTYPE 26234`);

/** iokit-registry-entry-attribute (simbple catalina iokit_registry_entry_attribute_args). */
export const IOKIT_REGISTRY_ENTRY_ATTRIBUTES = pairs(`ioservice-requires-approval 0`);

/** USB interface classes (IOKit USB.h; simbple catalina iokit_usb_interface_class_args). */
export const USB_INTERFACE_CLASSES = pairs(`
  kUSBAudioInterfaceClass 1 kUSBCommunicationControlInterfaceClass 2 kUSBCommunicationDataInterfaceClass 10
  kUSBHIDInterfaceClass 3 kUSBPhysicalInterfaceClass 5 kUSBImageInterfaceClass 6 kUSBPrintingInterfaceClass 7
  kUSBMassStorageInterfaceClass 8 kUSBChipSmartCardInterfaceClass 11 kUSBContentSecurityInterfaceClass 13
  kUSBVideoInterfaceClass 14 kUSBPersonalHealthcareInterfaceClass 15 kUSBDiagnosticDeviceInterfaceClass 220
  kUSBWirelessControllerInterfaceClass 224 kUSBApplicationSpecificInterfaceClass 254
  kUSBVendorSpecificInterfaceClass 255`);

/**
 * Syscall numbers shared by 10.15 and 14.x (xnu bsd/kern/syscalls.master; the 10.15 list is libsandbox's
 * syscall_number_args as extracted by simbple catalina filters.c). Numbers are never reused, so a name present
 * in both releases has the same number; `SYS_x` names strip xnu's `sys_` function prefix, as makesyscalls does.
 */
const SYSCALLS_COMMON = pairs(`
  syscall 0 exit 1 fork 2 read 3 write 4 open 5 close 6 wait4 7 link 9 unlink 10 chdir 12 fchdir 13 mknod 14
  chmod 15 chown 16 getfsstat 18 getpid 20 setuid 23 getuid 24 geteuid 25 ptrace 26 recvmsg 27 sendmsg 28
  recvfrom 29 accept 30 getpeername 31 getsockname 32 access 33 chflags 34 fchflags 35 sync 36 kill 37
  getppid 39 dup 41 pipe 42 getegid 43 sigaction 46 getgid 47 sigprocmask 48 getlogin 49 setlogin 50 acct 51
  sigpending 52 sigaltstack 53 ioctl 54 reboot 55 revoke 56 symlink 57 readlink 58 execve 59 umask 60 chroot 61
  invalid 63 msync 65 vfork 66 munmap 73 mprotect 74 madvise 75 mincore 78 getgroups 79 setgroups 80 getpgrp 81
  setpgid 82 setitimer 83 swapon 85 getitimer 86 getdtablesize 89 dup2 90 fcntl 92 select 93 fsync 95
  setpriority 96 socket 97 connect 98 getpriority 100 bind 104 setsockopt 105 listen 106 sigsuspend 111
  gettimeofday 116 getrusage 117 getsockopt 118 readv 120 writev 121 settimeofday 122 fchown 123 fchmod 124
  setreuid 126 setregid 127 rename 128 flock 131 mkfifo 132 sendto 133 shutdown 134 socketpair 135 mkdir 136
  rmdir 137 utimes 138 futimes 139 adjtime 140 gethostuuid 142 setsid 147 getpgid 151 setprivexec 152 pread 153
  pwrite 154 nfssvc 155 statfs 157 fstatfs 158 unmount 159 getfh 161 quotactl 165 mount 167 csops 169
  csops_audittoken 170 waitid 173 kdebug_typefilter 177 kdebug_trace_string 178 kdebug_trace64 179
  kdebug_trace 180 setgid 181 setegid 182 seteuid 183 sigreturn 184 thread_selfcounts 186 fdatasync 187 stat 188
  fstat 189 lstat 190 pathconf 191 fpathconf 192 getrlimit 194 setrlimit 195 getdirentries 196 mmap 197
  lseek 199 truncate 200 ftruncate 201 sysctl 202 mlock 203 munlock 204 undelete 205 open_dprotected_np 216
  fsgetpath_ext 217 getattrlist 220 setattrlist 221 getdirentriesattr 222 exchangedata 223 searchfs 225
  delete 226 copyfile 227 fgetattrlist 228 fsetattrlist 229 poll 230 getxattr 234 fgetxattr 235 setxattr 236
  fsetxattr 237 removexattr 238 fremovexattr 239 listxattr 240 flistxattr 241 fsctl 242 initgroups 243
  posix_spawn 244 ffsctl 245 fhopen 248 minherit 250 semsys 251 msgsys 252 shmsys 253 semctl 254 semget 255
  semop 256 msgctl 258 msgget 259 msgsnd 260 msgrcv 261 shmat 262 shmctl 263 shmdt 264 shmget 265 shm_open 266
  shm_unlink 267 sem_open 268 sem_close 269 sem_unlink 270 sem_wait 271 sem_trywait 272 sem_post 273
  sysctlbyname 274 open_extended 277 umask_extended 278 stat_extended 279 lstat_extended 280 fstat_extended 281
  chmod_extended 282 fchmod_extended 283 access_extended 284 settid 285 gettid 286 setsgroups 287 getsgroups 288
  setwgroups 289 getwgroups 290 mkfifo_extended 291 mkdir_extended 292 identitysvc 293 shared_region_check_np 294
  vm_pressure_monitor 296 psynch_rw_longrdlock 297 psynch_rw_yieldwrlock 298 psynch_rw_downgrade 299
  psynch_rw_upgrade 300 psynch_mutexwait 301 psynch_mutexdrop 302 psynch_cvbroad 303 psynch_cvsignal 304
  psynch_cvwait 305 psynch_rw_rdlock 306 psynch_rw_wrlock 307 psynch_rw_unlock 308 psynch_rw_unlock2 309
  getsid 310 settid_with_pid 311 psynch_cvclrprepost 312 aio_fsync 313 aio_return 314 aio_suspend 315
  aio_cancel 316 aio_error 317 aio_read 318 aio_write 319 lio_listio 320 iopolicysys 322 process_policy 323
  mlockall 324 munlockall 325 issetugid 327 __pthread_kill 328 __pthread_sigmask 329 __sigwait 330
  __disable_threadsignal 331 __pthread_markcancel 332 __pthread_canceled 333 __semwait_signal 334 proc_info 336
  sendfile 337 stat64 338 fstat64 339 lstat64 340 stat64_extended 341 lstat64_extended 342 fstat64_extended 343
  getdirentries64 344 statfs64 345 fstatfs64 346 getfsstat64 347 __pthread_chdir 348 __pthread_fchdir 349
  audit 350 auditon 351 getauid 353 setauid 354 getaudit_addr 357 setaudit_addr 358 auditctl 359
  bsdthread_create 360 bsdthread_terminate 361 kqueue 362 kevent 363 lchown 364 bsdthread_register 366
  workq_open 367 workq_kernreturn 368 kevent64 369 thread_selfid 372 ledger 373 kevent_qos 374 kevent_id 375
  __mac_execve 380 __mac_syscall 381 __mac_get_file 382 __mac_set_file 383 __mac_get_link 384 __mac_set_link 385
  __mac_get_proc 386 __mac_set_proc 387 __mac_get_fd 388 __mac_set_fd 389 __mac_get_pid 390 pselect 394
  pselect_nocancel 395 read_nocancel 396 write_nocancel 397 open_nocancel 398 close_nocancel 399
  wait4_nocancel 400 recvmsg_nocancel 401 sendmsg_nocancel 402 recvfrom_nocancel 403 accept_nocancel 404
  msync_nocancel 405 fcntl_nocancel 406 select_nocancel 407 fsync_nocancel 408 connect_nocancel 409
  sigsuspend_nocancel 410 readv_nocancel 411 writev_nocancel 412 sendto_nocancel 413 pread_nocancel 414
  pwrite_nocancel 415 waitid_nocancel 416 poll_nocancel 417 msgsnd_nocancel 418 msgrcv_nocancel 419
  sem_wait_nocancel 420 aio_suspend_nocancel 421 __sigwait_nocancel 422 __semwait_signal_nocancel 423
  __mac_mount 424 __mac_get_mount 425 __mac_getfsstat 426 fsgetpath 427 audit_session_self 428
  audit_session_join 429 fileport_makeport 430 fileport_makefd 431 audit_session_port 432 pid_suspend 433
  pid_resume 434 pid_hibernate 435 pid_shutdown_sockets 436 kas_info 439 memorystatus_control 440
  guarded_open_np 441 guarded_close_np 442 guarded_kqueue_np 443 change_fdguard_np 444 usrctl 445
  proc_rlimit_control 446 connectx 447 disconnectx 448 peeloff 449 socket_delegate 450 telemetry 451
  proc_uuid_policy 452 memorystatus_get_level 453 system_override 454 vfs_purge 455 sfi_ctl 456 sfi_pidctl 457
  coalition 458 coalition_info 459 necp_match_policy 460 getattrlistbulk 461 clonefileat 462 openat 463
  openat_nocancel 464 renameat 465 faccessat 466 fchmodat 467 fchownat 468 fstatat 469 fstatat64 470 linkat 471
  unlinkat 472 readlinkat 473 symlinkat 474 mkdirat 475 getattrlistat 476 proc_trace_log 477 bsdthread_ctl 478
  openbyid_np 479 recvmsg_x 480 sendmsg_x 481 thread_selfusage 482 csrctl 483 guarded_open_dprotected_np 484
  guarded_write_np 485 guarded_pwrite_np 486 guarded_writev_np 487 renameatx_np 488 mremap_encrypted 489
  netagent_trigger 490 stack_snapshot_with_config 491 microstackshot 492 grab_pgo_data 493 persona 494
  work_interval_ctl 499 getentropy 500 necp_open 501 necp_client_action 502 __nexus_open 503 __nexus_register 504
  __nexus_deregister 505 __nexus_create 506 __nexus_destroy 507 __nexus_get_opt 508 __nexus_set_opt 509
  __channel_open 510 __channel_get_info 511 __channel_sync 512 __channel_get_opt 513 __channel_set_opt 514
  ulock_wait 515 ulock_wake 516 fclonefileat 517 fs_snapshot 518 terminate_with_payload 520
  abort_with_payload 521 necp_session_open 522 necp_session_action 523 setattrlistat 524 net_qos_guideline 525
  fmount 526 ntp_adjtime 527 ntp_gettime 528 os_fault_with_payload 529 kqueue_workloop_ctl 530
  __mach_bridge_remote_time 531 coalition_ledger 532 log_data 533 memorystatus_available_memory 534`, 'SYS_');

/** Syscall names libsandbox 10.15 knows that later xnu marks "old" (simbple catalina syscall_number_args). */
const SYSCALLS_CATALINA_ONLY = pairs(`
  watchevent 231 waitevent 232 modwatch 233 nfsclnt 247 __old_semwait_signal 370
  __old_semwait_signal_nocancel 371 shared_region_map_and_slide_np 438 MAXSYSCALL 535`, 'SYS_');

/**
 * Syscalls added after 10.15 (xnu bsd/kern/syscalls.master, apple-oss-distributions/xnu stored version
 * 1031c584). That stored file is newer than 14.4.1 (xnu-10063); entries we believe postdate Sonoma
 * (38 crossarch_trap, 185 panic_with_data, 555 ungraftdmg) are left out, and the presence of the
 * 549..554 entries on 14.4.1 is unverified.
 */
const SYSCALLS_SINCE_CATALINA = pairs(`
  openat_dprotected_np 218 mach_eventlink_signal 496 mach_eventlink_wait_until 497
  mach_eventlink_signal_wait_until 498 shared_region_map_and_slide_2_np 536 pivot_root 537
  task_inspect_for_pid 538 task_read_for_pid 539 preadv 540 pwritev 541 preadv_nocancel 542 pwritev_nocancel 543
  ulock_wait2 544 proc_info_extended_id 545 tracker_action 546 debug_syscall_reject 547
  debug_syscall_reject_config 548 graftdmg 549 map_with_linking_np 550 freadlink 551 record_system_event 552
  mkfifoat 553 mknodat 554`, 'SYS_');

export const SYSCALLS_CATALINA = tables(SYSCALLS_COMMON, SYSCALLS_CATALINA_ONLY);
export const SYSCALLS_SONOMA = tables(SYSCALLS_COMMON, SYSCALLS_SINCE_CATALINA);
