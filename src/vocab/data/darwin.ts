// Public Darwin constants shared by the per-OS vocabularies: numbers come from Apple's open-source headers
// (xnu) or from libsandbox's own named-argument tables as extracted by 0xbf00/simbple
// (src/platform_data/catalina/filters.c, commit e4211c34). Each table names its source.

/**
 * Parse "name value name name value ..." into a record, adding `prefix` to every name: a name without a value
 * takes the previous one's plus one, as C enumerations count (most of these tables run in sequence).
 */
export function pairs(text: string, prefix = ''): Record<string, number> {
  const out: Record<string, number> = {};
  const words = text.trim().split(/\s+/);
  let value = NaN;
  for (let i = 0; i < words.length; i++) {
    const name = words[i];
    if (/^-?\d+$/.test(words[i + 1] ?? '')) value = Number(words[++i]);
    else if (Number.isNaN(value)) throw new Error(`pairs(): '${name}' has no value and follows none`);
    else value++;
    out[prefix + name] = value;
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
  SIGHUP 1 SIGINT SIGQUIT SIGILL SIGTRAP SIGABRT SIGIOT 6 SIGEMT SIGFPE SIGKILL SIGBUS
  SIGSEGV SIGSYS SIGPIPE SIGALRM SIGTERM SIGURG SIGSTOP SIGTSTP SIGCONT SIGCHLD
  SIGTTIN SIGTTOU SIGIO SIGXCPU SIGXFSZ SIGVTALRM SIGPROF SIGWINCH SIGINFO
  SIGUSR1 SIGUSR2`);

/** `__DARWIN_NSIG` (xnu bsd/sys/signal.h): send-signal accepts 0 < n < NSIG (Apple sbpl1.scm 10.10). */
export const DARWIN_NSIG = 32;

/** Address families (xnu bsd/sys/socket.h; libsandbox socket_domain_args in simbple catalina filters.c). */
export const ADDRESS_FAMILIES = pairs(`
  AF_UNSPEC 0 AF_UNIX AF_LOCAL 1 AF_INET AF_IMPLINK AF_PUP AF_CHAOS AF_NS AF_ISO AF_OSI 7
  AF_ECMA AF_DATAKIT AF_CCITT AF_SNA AF_DECnet AF_DLI AF_LAT AF_HYLINK AF_APPLETALK
  AF_ROUTE AF_LINK pseudo_AF_XTP AF_COIP AF_CNT pseudo_AF_RTIP AF_IPX AF_SIP
  pseudo_AF_PIP AF_NDRV 27 AF_ISDN AF_E164 28 pseudo_AF_KEY AF_INET6 AF_NATM AF_SYSTEM
  AF_NETBIOS AF_PPP pseudo_AF_HDRCMPLT AF_RESERVED_36 AF_IEEE80211 AF_UTUN AF_MAX 40`);

/** Socket types (xnu bsd/sys/socket.h; simbple catalina socket_type_args). */
export const SOCKET_TYPES = pairs(`SOCK_STREAM 1 SOCK_DGRAM SOCK_RAW SOCK_RDM SOCK_SEQPACKET`);

/**
 * IP protocol numbers (xnu bsd/netinet/in.h, the IANA numbers). libsandbox's Catalina table lists no named
 * arguments for socket-protocol; Sonoma-era probes (sandbox-boostrap) write `(socket-protocol IPPROTO_TCP)`.
 */
export const IP_PROTOCOLS = pairs(`
  IPPROTO_IP 0 IPPROTO_HOPOPTS 0 IPPROTO_ICMP IPPROTO_IGMP IPPROTO_GGP IPPROTO_IPV4 IPPROTO_IPIP 4
  IPPROTO_TCP 6 IPPROTO_ST IPPROTO_EGP IPPROTO_PIGP IPPROTO_UDP 17 IPPROTO_IPV6 41 IPPROTO_ROUTING 43
  IPPROTO_FRAGMENT IPPROTO_RSVP 46 IPPROTO_GRE IPPROTO_ESP 50 IPPROTO_AH IPPROTO_ICMPV6 58
  IPPROTO_NONE IPPROTO_DSTOPTS IPPROTO_PIM 103 IPPROTO_SCTP 132 IPPROTO_RAW 255`);

/** Network protocol words of `(local|remote PROTO ...)` (libsandbox local_args/remote_args, simbple catalina). */
export const NETWORK_PROTOCOLS = pairs(`ip 3 ip4 1 ip6 tcp 7 tcp4 5 tcp6 udp 11 udp4 9 udp6`);

/** Relation of the target process (libsandbox target_args, simbple catalina; Apple sbpl1.scm 10.10 lists the first five). */
export const TARGETS = pairs(`self 1 pgrp others children same-sandbox initproc`);

/** semaphore-owner adds platform-binary (libsandbox semaphore_owner_args, simbple catalina). */
export const SEMAPHORE_OWNERS = tables(TARGETS, pairs(`platform-binary 7`));

/** vnode types (libsandbox vnode_type_args, simbple catalina; values are xnu `enum vtype` + TTY = 0xffff). */
export const VNODE_TYPES = pairs(`
  REGULAR-FILE 1 DIRECTORY BLOCK-DEVICE CHARACTER-DEVICE SYMLINK SOCKET FIFO TTY 65535`);

/** system-attribute (libsandbox system_attribute_args, simbple catalina). */
export const SYSTEM_ATTRIBUTES = pairs(`apple-internal 0 sandbox-debug-mode`);

/** process-attribute (libsandbox process_attribute_args, simbple catalina). */
export const PROCESS_ATTRIBUTES = pairs(`
  is-plugin 0 is-installer is-restricted is-initproc is-platform-binary is-sandboxed
  is-nvram-privileged is-sandcastle-constrained is-datavault-controller is-apple-signed-executable`);

/** file-attribute (libsandbox file_attribute_args, simbple catalina). */
export const FILE_ATTRIBUTES = pairs(`
  sip-protected 0 datavault time-machine-backup time-machine-device local-filesystem root-filesystem
  snapshot removable-media disk-image sip-protected-filesystem removable-device disk-image-device
  sip-protected-device protected-ancestor network-approval-exempt smb-home-mount-dir
  fileprovider-owned`);

/** SIP configuration bits (xnu bsd/sys/csr.h; libsandbox csr_args, simbple catalina). */
export const CSR_FLAGS = pairs(`
  CSR_ALLOW_UNTRUSTED_KEXTS 1 CSR_ALLOW_UNRESTRICTED_FS CSR_ALLOW_TASK_FOR_PID 4 CSR_ALLOW_KERNEL_DEBUGGER 8
  CSR_ALLOW_APPLE_INTERNAL 16 CSR_ALLOW_UNRESTRICTED_DTRACE 32 CSR_ALLOW_UNRESTRICTED_NVRAM 64
  CSR_ALLOW_DEVICE_CONFIGURATION 128 CSR_ALLOW_ANY_RECOVERY_OS 256 CSR_ALLOW_UNAPPROVED_KEXTS 512
  CSR_ALLOW_EXECUTABLE_POLICY_OVERRIDE 1024`);

/** Host special ports (xnu osfmk/mach/host_special_ports.h; libsandbox host_special_port_args, simbple catalina). */
export const HOST_SPECIAL_PORTS = pairs(`
  HOST_PORT 1 HOST_PRIV_PORT HOST_IO_MASTER_PORT
  HOST_DYNAMIC_PAGER_PORT 8 HOST_AUDIT_CONTROL_PORT HOST_USER_NOTIFICATION_PORT HOST_AUTOMOUNTD_PORT
  HOST_LOCKD_PORT HOST_KTRACE_BACKGROUND_PORT HOST_SEATBELT_PORT HOST_KEXTD_PORT
  HOST_LAUNCHCTL_PORT HOST_UNFREED_PORT HOST_AMFID_PORT HOST_GSSD_PORT HOST_TELEMETRY_PORT
  HOST_ATM_NOTIFICATION_PORT HOST_COALITION_PORT HOST_SYSDIAGNOSE_PORT HOST_XPC_EXCEPTION_PORT
  HOST_CONTAINERD_PORT HOST_NODE_PORT HOST_RESOURCE_NOTIFY_PORT HOST_CLOSURED_PORT
  HOST_SYSPOLICYD_PORT HOST_FILECOORDINATIOND_PORT HOST_FAIRPLAYD_PORT`);

/** Task special ports (xnu osfmk/mach/task_special_ports.h). */
export const TASK_SPECIAL_PORTS = pairs(`
  TASK_KERNEL_PORT 1 TASK_HOST_PORT TASK_NAME_PORT TASK_BOOTSTRAP_PORT TASK_INSPECT_PORT
  TASK_READ_PORT TASK_ACCESS_PORT 9 TASK_DEBUG_CONTROL_PORT TASK_RESOURCE_NOTIFY_PORT`);

/** Personas (xnu bsd/sys/persona.h; libsandbox persona_type_args, simbple catalina). */
export const PERSONA_TYPES = pairs(`
  PERSONA_INVALID 0 PERSONA_GUEST PERSONA_MANAGED PERSONA_PRIV PERSONA_SYSTEM PERSONA_DEFAULT
  PERSONA_ENTERPRISE 8`);

/** Kernel privileges as libsandbox 10.15 names them (privilege_id_args, simbple catalina). */
export const PRIVILEGES_CATALINA = pairs(`
  PRIV_ADJTIME 1000 PRIV_PROC_UUID_POLICY PRIV_GLOBAL_PROC_INFO PRIV_SYSTEM_OVERRIDE
  PRIV_HW_DEBUG_DATA PRIV_SELECTIVE_FORCED_IDLE PRIV_PROC_TRACE_INSPECT PRIV_DARKBOOT
  PRIV_WORK_INTERVAL PRIV_SMB_TIMEMACHINE_CONTROL PRIV_AUDIO_LATENCY PRIV_KTRACE_BACKGROUND
  PRIV_SETPRIORITY_DARWIN_ROLE PRIV_PACKAGE_EXTENSIONS PRIV_TRIM_ACTIVE_FILE
  PRIV_PROC_CPUMON_OVERRIDE PRIV_ENDPOINTSECURITY_CLIENT PRIV_AUDIT_SESSION_PORT
  PRIV_VM_PRESSURE 6000 PRIV_VM_JETSAM PRIV_VM_FOOTPRINT_LIMIT
  PRIV_NET_PRIVILEGED_TRAFFIC_CLASS 10000 PRIV_NET_PRIVILEGED_SOCKET_DELEGATE PRIV_NET_INTERFACE_CONTROL
  PRIV_NET_PRIVILEGED_NETWORK_STATISTICS PRIV_NET_PRIVILEGED_NECP_POLICIES PRIV_NET_RESTRICTED_AWDL
  PRIV_NET_PRIVILEGED_NECP_MATCH PRIV_NET_QOSMARKING_POLICY_OVERRIDE PRIV_NET_RESTRICTED_INTCOPROC
  PRIV_NET_PRIVILEGED_MULTIPATH PRIV_NET_RESTRICTED_MULTIPATH_EXTENDED
  PRIV_NET_RESTRICTED_ROUTE_NC_READ PRIV_NET_PRIVILEGED_CLIENT_ACCESS
  PRIV_NET_PRIVILEGED_SERVER_ACCESS PRIV_NET_VALIDATED_RESOLVER PRIV_NET_CUSTOM_PROTOCOL
  PRIV_NET_PRIVILEGED_NECP_DROP_ALL_BYPASS PRIV_NET_PRIVILEGED_IPSEC_WAKE_PACKET
  PRIV_NETINET_RESERVEDPORT 11000 PRIV_NETINET_TCP_KA_OFFLOAD
  PRIV_SKYWALK_REGISTER_USER_PIPE 12000 PRIV_SKYWALK_REGISTER_KERNEL_PIPE PRIV_SKYWALK_REGISTER_NET_IF
  PRIV_SKYWALK_REGISTER_FLOW_SWITCH PRIV_SKYWALK_OBSERVE_ALL 12010 PRIV_SKYWALK_OBSERVE_STATS
  PRIV_VFS_OPEN_BY_ID 14000 PRIV_VFS_MOVE_DATA_EXTENTS PRIV_VFS_SNAPSHOT PRIV_VFS_SNAPSHOT_REVERT
  PRIV_VFS_DATALESS_RESOLVER PRIV_VFS_DATALESS_MANIPULATION PRIV_APFS_EMBED_DRIVER 14100
  PRIV_APFS_FUSION_DEBUG PRIV_APFS_FUSION_ALLOW_PIN_FASTPROMOTE
  PRIV_APFS_SET_FREE_SPACE_CHANGE_THRESHOLD 14104 PRIV_APFS_SET_FIRMLINK`);

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
  FSIOC_SYNC_VOLUME 16641 FSIOC_SET_PACKAGE_EXTS FSIOC_UNSUPPORTED FSIOC_SET_FSTYPENAME_OVERRIDE 16650
  FSIOC_ROUTEFS_SETROUTEID 16655 FSIOC_FIOSEEKHOLE FSIOC_FIOSEEKDATA FSIOC_CAS_BSDFLAGS 16660
  FSIOC_FD_ONLY_OPEN_ONCE FSIOC_FREEZE_EXTENTS 26644 FSIOC_THAW_EXTENTS
  APFSIOC_REVERT_TO_SNAPSHOT 18945 APFSIOC_MAINTAIN_DIR_STATS APFSIOC_GET_DIR_STATS
  APFSIOC_SET_AUTO_MOUNT_UUID APFSIOC_GET_AUTO_MOUNT_UUID APFSIOC_SET_CONV_CTX
  APFSIOC_GET_CRYPTO_IDS APFSIOC_GET_CRYPTO_KEY APFSIOC_IS_SPARSE APFSIOC_NEXT_LINK
  APFSIOC_GET_BOOTINFO APFSIOC_SET_BOOTINFO APFSIOC_GET_BULKACCESS APFSIOC_GET_CLONE_INFO
  APFSIOC_IS_BLOCK_SHARED APFSIOC_DIFF_SNAPSHOTS APFSIOC_SET_NEAR_LOW_DISK
  APFSIOC_GET_NEAR_LOW_DISK APFSIOC_SNAP_RANGE_PRIV_SIZE APFSIOC_SNAP_MAKE_DATALESS
  APFS_FSCTL_NX_FEATURES APFS_FSCTL_APFS_FEATURES APFS_FSCTL_SET_NX_DEFRAG
  APFS_FSCTL_SET_APFS_DEFRAG APFS_FSCTL_GET_DEFRAG_LIST APFS_FSCTL_DEBUG_CHECK_DF
  APFSIOC_PIN_DATA 18973 APFSIOC_DEBUG_STATS APFSIOC_GET_DIR_STATS_EXT 18976 APFSIOC_FUSION_DEBUG
  APFS_FSCTL_UNMOUNT_CRYPTO_HINT APFSIOC_FUSION_MAINT_CTL APFSIOC_WAIT_FOR_SNAPSHOT_DELETION
  APFSIOC_GET_INTERNAL_FLAGS APFSIOC_OMAP_TRACK_ENABLE APFSIOC_OMAP_TRACK_REPORT
  APFSIOC_OMAP_LOOKUP APFSIOC_SET_CRYPTO_MNT_DATA_IV APFSIOC_GET_KEYLOCKER_PRANGE
  APFSIOC_GET_COW_STATS APFSIOC_FAST_PROMOTE_DATA APFSIOC_GET_FX_DEFRAG_REGIONS
  APFSIOC_BC_OPTIMIZE_INODES APFSIOC_CONTROL_FX_DEFRAG_THREAD APFSIOC_GET_FX_DEFRAG_PROGRESS
  APFSIOC_BC_GETINODENUM APFSIOC_SNAP_TOKEN APFSIOC_GET_FX_DEFRAG_STATS
  APFSIOC_OMAP_TREE_LEAF_EXTENTS APFSIOC_CREATE_BYPASS_DEV 18999 APFSIOC_DESTROY_BYPASS_DEV
  APFSIOC_MAKE_OBJECT_DATALESS APFSIOC_SET_ATIME_UPDATE APFSIOC_GET_ATIME_UPDATE
  APFSIOC_FIRMLINK_CTL APFSIOC_KEY_ROLLING_OP APFSIOC_KEY_ROLLING_STAT
  APFSIOC_SET_FREE_SPACE_CHANGE_THRES 19008 APFSIOC_GET_FREE_SPACE_CHANGE_THRES
  APFSIOC_CREATE_SYNTHETIC_FOLDER APFSIOC_SNAP_LOOKUP APFSIOC_MARK_PURGEABLE
  APFSIOC_PURGE_FILES APFSIOC_GET_PURGEABLE_STATS APFSIOC_GET_PURGEABLE_FILE_FLAGS
  APFSIOC_SYNC_ROOT_SET_FLAG APFSIOC_SYNC_ROOT_GET_FLAG 19016 APFSIOC_CLEAR_PURGEABLE
  APFSIOC_GET_PARENT_SYNC_ROOT APFSIOC_CREATE_SYNTHETIC_SYMLINK APFSIOC_SHARE_RANGE
  APFSIOC_HAS_OBJIDS_AFTER APFSIOC_CREATE_HIDDEN_SYNTHETIC_SYMLINK
  HFSIOC_RESIZE_PROGRESS 26625 HFSIOC_RESIZE_VOLUME HFSIOC_CHANGE_NEXT_ALLOCATION
  HFSIOC_GET_VOL_CREATE_TIME HFSIOC_SETBACKINGSTOREINFO 26631 HFSIOC_CLRBACKINGSTOREINFO
  HFSIOC_UNSUPPORTED 26634 HFSIOC_PREV_LINK HFSIOC_NEXT_LINK HFSIOC_GETPATH
  HFSIOC_SET_XATTREXTENTS_STATE HFSIOC_EXT_BULKACCESS HFSIOC_MARK_BOOT_CORRUPT
  HFSIOC_GET_JOURNAL_INFO HFSIOC_SET_VERY_LOW_DISK 26644 HFSIOC_SET_LOW_DISK
  HFSIOC_SET_DESIRED_DISK HFSIOC_SET_ALWAYS_ZEROFILL HFSIOC_VOLUME_STATUS
  HFSIOC_DISABLE_METAZONE HFSIOC_CHANGE_NEXTCNID HFSIOC_GET_VERY_LOW_DISK
  HFSIOC_GET_LOW_DISK HFSIOC_GET_DESIRED_DISK HFSIOC_TRANSFER_DOCUMENT_ID 26656
  HFSIOC_OP_CPTRIM HFSIOC_OP_CPREWRAPPED HFSIOC_OP_CRYPTOGEN HFSIOC_LISTXATTRID_CP
  HFSIOC_OP_CPFORCEREWRAP HFSIOC_FSINFO_METADATA_BLOCKS HFSIOC_CS_FREESPACE_TRIM
  HFSIOC_KEY_ROLL HFSIOC_GET_KEY_AUTO_ROLL HFSIOC_SET_KEY_AUTO_ROLL HFSIOC_CP_LIST_IDS 26668
  HFSIOC_GET_FSINFO HFSIOC_REPIN_HOTFILE_STATE HFSIOC_SET_HOTFILE_STATE
  HFSIOC_SET_MAX_DEFRAG_SIZE HFSIOC_FORCE_ENABLE_DEFRAG
  DTDBOpenFSCTL 31233 DTDBAddIconFSCTL DTDBGetIconFSCTL DTDBGetIconInfoFSCTL
  DTDBAddAPPLFSCTL DTDBGetAPPLFSCTL DTDBRemoveAPPLFSCTL DTDBSetCommentFSCTL
  DTDBGetCommentFSCTL DTDBRemoveCommentFSCTL afpfsGetParmsFSCTL afpfsGetMountInfoFSCTL
  afpfsCreateFileDescFSCTL afpfsMapIDNameFSCTL afpfsGetAccessRightsFSCTL
  afpfsSetAccessRightsFSCTL afpfsByteRangeLockFSCTL afpfsGetAttenFSCTL afpfsSleepWakeFSCTL
  afpfsUserCommandFSCTL afpfsTraceLogFSCTL afpfsGetSavedAttenFSCTL
  afpfsByteRangeLock2FSCTL afpfsRefeshCredentialFSCTL afpfsGetStats afpfsSpotLightRPC
  afpfsSpotLightSideBandRPC afpfsDebugTestFSCTL afpfsTimeMachineFSCTL afpfsSubMountFSCTL
  afpfsSrvrInfoFSCTL smbfsByteRangeLock2FSCTL 31255 smbfsByteRangeLockFSCTL 31249
  smbfsUniqueShareIDFSCTL 31251 smbfsGetSessionSockaddrFSCTL smbfsGetStatsFSCTL 31257
  smbfsDebugTestFSCTL 31260 smbfsTimeMachineFSCTL`);

/**
 * ioctl commands (low 16 bits, as in FSCTL_COMMANDS): the generic file ioctls of libsandbox
 * ioctl_command_args (simbple catalina). The table's disk/socket/network-interface entries are not transcribed.
 */
export const IOCTL_COMMANDS = pairs(`
  FIOCLEX 26113 FIONCLEX FIONREAD 26239 FIONBIO 26238 FIOASYNC 26237 FIOSETOWN 26236 FIOGETOWN 26235
  FIODTYPE 26234`);

/** iokit-registry-entry-attribute (simbple catalina iokit_registry_entry_attribute_args). */
export const IOKIT_REGISTRY_ENTRY_ATTRIBUTES = pairs(`ioservice-requires-approval 0`);

/** USB interface classes (IOKit USB.h; simbple catalina iokit_usb_interface_class_args). */
export const USB_INTERFACE_CLASSES = pairs(`
  kUSBAudioInterfaceClass 1 kUSBCommunicationControlInterfaceClass kUSBCommunicationDataInterfaceClass 10
  kUSBHIDInterfaceClass 3 kUSBPhysicalInterfaceClass 5 kUSBImageInterfaceClass kUSBPrintingInterfaceClass
  kUSBMassStorageInterfaceClass kUSBChipSmartCardInterfaceClass 11 kUSBContentSecurityInterfaceClass 13
  kUSBVideoInterfaceClass kUSBPersonalHealthcareInterfaceClass kUSBDiagnosticDeviceInterfaceClass 220
  kUSBWirelessControllerInterfaceClass 224 kUSBApplicationSpecificInterfaceClass 254
  kUSBVendorSpecificInterfaceClass`);

/**
 * Syscall numbers shared by 10.15 and 14.x (xnu bsd/kern/syscalls.master; the 10.15 list is libsandbox's
 * syscall_number_args as extracted by simbple catalina filters.c). Numbers are never reused, so a name present
 * in both releases has the same number; `SYS_x` names strip xnu's `sys_` function prefix, as makesyscalls does.
 */
const SYSCALLS_COMMON = pairs(`
  syscall 0 exit fork read write open close wait4 link 9 unlink chdir 12 fchdir mknod
  chmod chown getfsstat 18 getpid 20 setuid 23 getuid geteuid ptrace recvmsg sendmsg
  recvfrom accept getpeername getsockname access chflags fchflags sync kill
  getppid 39 dup 41 pipe getegid sigaction 46 getgid sigprocmask getlogin setlogin acct
  sigpending sigaltstack ioctl reboot revoke symlink readlink execve umask chroot
  invalid 63 msync 65 vfork munmap 73 mprotect madvise mincore 78 getgroups setgroups getpgrp
  setpgid setitimer swapon 85 getitimer getdtablesize 89 dup2 fcntl 92 select fsync 95
  setpriority socket connect getpriority 100 bind 104 setsockopt listen sigsuspend 111
  gettimeofday 116 getrusage getsockopt readv 120 writev settimeofday fchown fchmod
  setreuid 126 setregid rename flock 131 mkfifo sendto shutdown socketpair mkdir
  rmdir utimes futimes adjtime gethostuuid 142 setsid 147 getpgid 151 setprivexec pread
  pwrite nfssvc statfs 157 fstatfs unmount getfh 161 quotactl 165 mount 167 csops 169
  csops_audittoken waitid 173 kdebug_typefilter 177 kdebug_trace_string kdebug_trace64
  kdebug_trace setgid setegid seteuid sigreturn thread_selfcounts 186 fdatasync stat
  fstat lstat pathconf fpathconf getrlimit 194 setrlimit getdirentries mmap
  lseek 199 truncate ftruncate sysctl mlock munlock undelete open_dprotected_np 216
  fsgetpath_ext getattrlist 220 setattrlist getdirentriesattr exchangedata searchfs 225
  delete copyfile fgetattrlist fsetattrlist poll getxattr 234 fgetxattr setxattr
  fsetxattr removexattr fremovexattr listxattr flistxattr fsctl initgroups
  posix_spawn ffsctl fhopen 248 minherit 250 semsys msgsys shmsys semctl semget
  semop msgctl 258 msgget msgsnd msgrcv shmat shmctl shmdt shmget shm_open
  shm_unlink sem_open sem_close sem_unlink sem_wait sem_trywait sem_post
  sysctlbyname open_extended 277 umask_extended stat_extended lstat_extended fstat_extended
  chmod_extended fchmod_extended access_extended settid gettid setsgroups getsgroups
  setwgroups getwgroups mkfifo_extended mkdir_extended identitysvc shared_region_check_np
  vm_pressure_monitor 296 psynch_rw_longrdlock psynch_rw_yieldwrlock psynch_rw_downgrade
  psynch_rw_upgrade psynch_mutexwait psynch_mutexdrop psynch_cvbroad psynch_cvsignal
  psynch_cvwait psynch_rw_rdlock psynch_rw_wrlock psynch_rw_unlock psynch_rw_unlock2
  getsid settid_with_pid psynch_cvclrprepost aio_fsync aio_return aio_suspend
  aio_cancel aio_error aio_read aio_write lio_listio iopolicysys 322 process_policy
  mlockall munlockall issetugid 327 __pthread_kill __pthread_sigmask __sigwait
  __disable_threadsignal __pthread_markcancel __pthread_canceled __semwait_signal proc_info 336
  sendfile stat64 fstat64 lstat64 stat64_extended lstat64_extended fstat64_extended
  getdirentries64 statfs64 fstatfs64 getfsstat64 __pthread_chdir __pthread_fchdir
  audit auditon getauid 353 setauid getaudit_addr 357 setaudit_addr auditctl
  bsdthread_create bsdthread_terminate kqueue kevent lchown bsdthread_register 366
  workq_open workq_kernreturn kevent64 thread_selfid 372 ledger kevent_qos kevent_id
  __mac_execve 380 __mac_syscall __mac_get_file __mac_set_file __mac_get_link __mac_set_link
  __mac_get_proc __mac_set_proc __mac_get_fd __mac_set_fd __mac_get_pid pselect 394
  pselect_nocancel read_nocancel write_nocancel open_nocancel close_nocancel
  wait4_nocancel recvmsg_nocancel sendmsg_nocancel recvfrom_nocancel accept_nocancel
  msync_nocancel fcntl_nocancel select_nocancel fsync_nocancel connect_nocancel
  sigsuspend_nocancel readv_nocancel writev_nocancel sendto_nocancel pread_nocancel
  pwrite_nocancel waitid_nocancel poll_nocancel msgsnd_nocancel msgrcv_nocancel
  sem_wait_nocancel aio_suspend_nocancel __sigwait_nocancel __semwait_signal_nocancel
  __mac_mount __mac_get_mount __mac_getfsstat fsgetpath audit_session_self
  audit_session_join fileport_makeport fileport_makefd audit_session_port pid_suspend
  pid_resume pid_hibernate pid_shutdown_sockets kas_info 439 memorystatus_control
  guarded_open_np guarded_close_np guarded_kqueue_np change_fdguard_np usrctl
  proc_rlimit_control connectx disconnectx peeloff socket_delegate telemetry
  proc_uuid_policy memorystatus_get_level system_override vfs_purge sfi_ctl sfi_pidctl
  coalition coalition_info necp_match_policy getattrlistbulk clonefileat openat
  openat_nocancel renameat faccessat fchmodat fchownat fstatat fstatat64 linkat
  unlinkat readlinkat symlinkat mkdirat getattrlistat proc_trace_log bsdthread_ctl
  openbyid_np recvmsg_x sendmsg_x thread_selfusage csrctl guarded_open_dprotected_np
  guarded_write_np guarded_pwrite_np guarded_writev_np renameatx_np mremap_encrypted
  netagent_trigger stack_snapshot_with_config microstackshot grab_pgo_data persona
  work_interval_ctl 499 getentropy necp_open necp_client_action __nexus_open __nexus_register
  __nexus_deregister __nexus_create __nexus_destroy __nexus_get_opt __nexus_set_opt
  __channel_open __channel_get_info __channel_sync __channel_get_opt __channel_set_opt
  ulock_wait ulock_wake fclonefileat fs_snapshot terminate_with_payload 520
  abort_with_payload necp_session_open necp_session_action setattrlistat net_qos_guideline
  fmount ntp_adjtime ntp_gettime os_fault_with_payload kqueue_workloop_ctl
  __mach_bridge_remote_time coalition_ledger log_data memorystatus_available_memory`, 'SYS_');

/** Syscall names libsandbox 10.15 knows that later xnu marks "old" (simbple catalina syscall_number_args). */
const SYSCALLS_CATALINA_ONLY = pairs(`
  watchevent 231 waitevent modwatch nfsclnt 247 __old_semwait_signal 370
  __old_semwait_signal_nocancel shared_region_map_and_slide_np 438 MAXSYSCALL 535`, 'SYS_');

/**
 * Syscalls added after 10.15 (xnu bsd/kern/syscalls.master, apple-oss-distributions/xnu stored version
 * 1031c584). That stored file is newer than 14.4.1 (xnu-10063); entries we believe postdate Sonoma
 * (38 crossarch_trap, 185 panic_with_data, 555 ungraftdmg) are left out, and the presence of the
 * 549..554 entries on 14.4.1 is unverified.
 */
const SYSCALLS_SINCE_CATALINA = pairs(`
  openat_dprotected_np 218 mach_eventlink_signal 496 mach_eventlink_wait_until
  mach_eventlink_signal_wait_until shared_region_map_and_slide_2_np 536 pivot_root
  task_inspect_for_pid task_read_for_pid preadv pwritev preadv_nocancel pwritev_nocancel
  ulock_wait2 proc_info_extended_id tracker_action debug_syscall_reject
  debug_syscall_reject_config graftdmg map_with_linking_np freadlink record_system_event
  mkfifoat mknodat`, 'SYS_');

export const SYSCALLS_CATALINA = tables(SYSCALLS_COMMON, SYSCALLS_CATALINA_ONLY);
export const SYSCALLS_SONOMA = tables(SYSCALLS_COMMON, SYSCALLS_SINCE_CATALINA);
