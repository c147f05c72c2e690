/*
 * sbpl_probe — sbpl-kit's runtime probe helper.
 *
 * Applies one Seatbelt profile to itself, performs exactly one operation, and prints ONE JSON line on stdout
 * describing what happened (protocol 1, documented in docs/runtime-matrix.md). Built on first use by
 * `sbpl run --backend macos` with the system compiler:  cc -O2 -o sbpl_probe sbpl_probe.c -lsandbox
 *
 *   sbpl_probe --self-check
 *   sbpl_probe --mode sbpl|blob|compile-blob|none [--profile FILE] [--param KEY=VALUE]...
 *              --exercise read|write|create|stat|exec|mach-lookup|connect|bind|sysctl-read
 *              [--path P] [--arg A]... [--service NAME] [--sysctl NAME]
 *              [--proto tcp|udp] [--host H --port N] [--unix PATH] [--op-timeout-ms N] [--deadline-ms N]
 *
 * Modes: sbpl = sandbox_init_with_parameters on SBPL text; blob = sandbox_apply on compiled bytes;
 * compile-blob = sandbox_compile_string (libsandbox) then sandbox_apply; none = no sandbox (a control run).
 * Before applying, the target is examined unsandboxed (the "baseline"): for paths an O_EVTONLY open with
 * F_GETPATH / F_GETPATH_NOFIRMLINK (what the kernel will match), for services and sysctls the same call.
 * Descriptors opened before applying stay usable afterwards, so the baseline descriptor is closed first.
 * exec forks first: the child applies the profile and execs, the parent reports (a CLOEXEC pipe says whether
 * the exec happened) and the child's exit status or signal.
 *
 * Exit status: 0 operation succeeded; 1 operation failed (see JSON); 3 apply failed; 64 usage; 70 internal.
 *
 * Private libsandbox interfaces are declared here from public facts (Chromium sandbox/mac/seatbelt.cc,
 * WebKit SandboxSPI.h): sandbox_init_with_parameters, sandbox_compile_string, sandbox_apply taking
 * { char *builtin; const unsigned char *data; size_t size; }, sandbox_check(getpid(), NULL, 0) = "sandboxed?".
 */

#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef __APPLE__
#include <mach/mach.h>
#include <servers/bootstrap.h>
#include <sys/sysctl.h>
struct sbpl_kit_profile {
  char *builtin;
  const unsigned char *data;
  size_t size;
};
extern int sandbox_init_with_parameters(const char *profile, uint64_t flags, const char *const parameters[], char **errorbuf);
extern void *sandbox_compile_string(const char *profile, void *params, char **errorbuf);
extern void *sandbox_create_params(void);
extern int sandbox_set_param(void *params, const char *key, const char *value);
extern int sandbox_apply(void *profile);
extern int sandbox_check(pid_t pid, const char *operation, int type, ...);
#ifndef F_GETPATH_NOFIRMLINK
#define F_GETPATH_NOFIRMLINK 102
#endif
#define SBPL_PLATFORM "darwin"
#else
#define SBPL_PLATFORM "other"
#endif

#ifndef O_EVTONLY
#ifdef O_PATH
#define O_EVTONLY O_PATH
#else
#define O_EVTONLY O_RDONLY
#endif
#endif

/* ---------- JSON output ---------- */

static char out[65536];
static size_t outlen;

static void put(const char *s) {
  size_t n = strlen(s);
  if (outlen + n >= sizeof out) n = sizeof out - outlen - 1;
  memcpy(out + outlen, s, n);
  outlen += n;
  out[outlen] = 0;
}

static void putf(const char *fmt, long long v) {
  char b[64];
  snprintf(b, sizeof b, fmt, v);
  put(b);
}

static void put_str(const char *s) {
  if (!s) {
    put("null");
    return;
  }
  put("\"");
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    char b[8];
    if (*p == '"' || *p == '\\') {
      b[0] = '\\';
      b[1] = (char)*p;
      b[2] = 0;
    } else if (*p < 0x20) {
      snprintf(b, sizeof b, "\\u%04x", *p);
    } else {
      b[0] = (char)*p;
      b[1] = 0;
    }
    put(b);
  }
  put("\"");
}

static void key(const char *k) {
  if (outlen && out[outlen - 1] != '{') put(",");
  put_str(k);
  put(":");
}

static void kv_str(const char *k, const char *v) {
  key(k);
  put_str(v);
}

static void kv_int(const char *k, long long v) {
  key(k);
  putf("%lld", v);
}

static void kv_null(const char *k) {
  key(k);
  put("null");
}

static const char *errno_name(int e) {
  switch (e) {
  case 0: return NULL;
  case EPERM: return "EPERM";
  case ENOENT: return "ENOENT";
  case ESRCH: return "ESRCH";
  case EINTR: return "EINTR";
  case EIO: return "EIO";
  case E2BIG: return "E2BIG";
  case ENOEXEC: return "ENOEXEC";
  case EBADF: return "EBADF";
  case ECHILD: return "ECHILD";
  case ENOMEM: return "ENOMEM";
  case EACCES: return "EACCES";
  case EFAULT: return "EFAULT";
  case EBUSY: return "EBUSY";
  case EEXIST: return "EEXIST";
  case EXDEV: return "EXDEV";
  case ENOTDIR: return "ENOTDIR";
  case EISDIR: return "EISDIR";
  case EINVAL: return "EINVAL";
  case ENFILE: return "ENFILE";
  case EMFILE: return "EMFILE";
  case ETXTBSY: return "ETXTBSY";
  case EFBIG: return "EFBIG";
  case ENOSPC: return "ENOSPC";
  case EROFS: return "EROFS";
  case EMLINK: return "EMLINK";
  case EPIPE: return "EPIPE";
  case EAGAIN: return "EAGAIN";
  case EINPROGRESS: return "EINPROGRESS";
  case EALREADY: return "EALREADY";
  case ENOTSOCK: return "ENOTSOCK";
  case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
  case EAFNOSUPPORT: return "EAFNOSUPPORT";
  case EADDRINUSE: return "EADDRINUSE";
  case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
  case ENETDOWN: return "ENETDOWN";
  case ENETUNREACH: return "ENETUNREACH";
  case ECONNABORTED: return "ECONNABORTED";
  case ECONNRESET: return "ECONNRESET";
  case ENOTCONN: return "ENOTCONN";
  case ETIMEDOUT: return "ETIMEDOUT";
  case ECONNREFUSED: return "ECONNREFUSED";
  case ELOOP: return "ELOOP";
  case ENAMETOOLONG: return "ENAMETOOLONG";
  case EHOSTUNREACH: return "EHOSTUNREACH";
  case ENOTEMPTY: return "ENOTEMPTY";
  case ENOSYS: return "ENOSYS";
  case ENOTSUP: return "ENOTSUP";
  default: return "E?";
  }
}

static void kv_errno(int e) {
  kv_int("errno", e);
  const char *n = errno_name(e);
  if (n) kv_str("errnoName", n);
  else kv_null("errnoName");
}

static const char *signal_name(int s) {
  switch (s) {
  case SIGABRT: return "SIGABRT";
  case SIGKILL: return "SIGKILL";
  case SIGSEGV: return "SIGSEGV";
  case SIGBUS: return "SIGBUS";
  case SIGTRAP: return "SIGTRAP";
  case SIGILL: return "SIGILL";
  case SIGTERM: return "SIGTERM";
  case SIGSYS: return "SIGSYS";
  default: return "SIG?";
  }
}

static void emit(void) {
  put("}\n");
  fputs(out, stdout);
  fflush(stdout);
}

/* ---------- arguments ---------- */

#define MAX_PARAMS 64
#define MAX_ARGS 32

static struct {
  const char *mode, *profile, *exercise, *path, *service, *sysctl_name, *proto, *host, *unix_path;
  int port, op_timeout_ms, deadline_ms, self_check;
  const char *params[2 * MAX_PARAMS + 1];
  int nparams;
  char *exec_args[MAX_ARGS + 2];
  int nargs;
} opt;

static void usage(const char *msg) {
  fprintf(stderr, "sbpl_probe: %s\n", msg);
  exit(64);
}

static void parse_args(int argc, char **argv) {
  opt.mode = "sbpl";
  opt.op_timeout_ms = 3000;
  opt.port = -1;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define TAKE(name, field)                                       \
  if (strcmp(a, name) == 0) {                                   \
    if (!v) usage("missing value after " name);                 \
    field = v;                                                  \
    i++;                                                        \
    continue;                                                   \
  }
    if (strcmp(a, "--self-check") == 0) {
      opt.self_check = 1;
      continue;
    }
    TAKE("--mode", opt.mode)
    TAKE("--profile", opt.profile)
    TAKE("--exercise", opt.exercise)
    TAKE("--path", opt.path)
    TAKE("--service", opt.service)
    TAKE("--sysctl", opt.sysctl_name)
    TAKE("--proto", opt.proto)
    TAKE("--host", opt.host)
    TAKE("--unix", opt.unix_path)
    if (strcmp(a, "--port") == 0 && v) {
      opt.port = atoi(v);
      i++;
      continue;
    }
    if (strcmp(a, "--deadline-ms") == 0 && v) {
      opt.deadline_ms = atoi(v);
      i++;
      continue;
    }
    if (strcmp(a, "--op-timeout-ms") == 0 && v) {
      opt.op_timeout_ms = atoi(v);
      i++;
      continue;
    }
    if (strcmp(a, "--param") == 0 && v) {
      const char *eq = strchr(v, '=');
      if (!eq || eq == v) usage("--param expects KEY=VALUE");
      if (opt.nparams >= MAX_PARAMS) usage("too many --param");
      opt.params[2 * opt.nparams] = strndup(v, (size_t)(eq - v));
      opt.params[2 * opt.nparams + 1] = eq + 1;
      opt.nparams++;
      i++;
      continue;
    }
    if (strcmp(a, "--arg") == 0 && v) {
      if (opt.nargs >= MAX_ARGS) usage("too many --arg");
      opt.exec_args[1 + opt.nargs++] = (char *)v;
      i++;
      continue;
    }
    fprintf(stderr, "sbpl_probe: unknown argument '%s'\n", a);
    exit(64);
#undef TAKE
  }
  opt.params[2 * opt.nparams] = NULL;
}

#ifdef __APPLE__
static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 4096, n = 0;
  char *buf = malloc(cap + 1);
  for (;;) {
    if (n == cap) {
      cap *= 2;
      buf = realloc(buf, cap + 1);
    }
    size_t r = fread(buf + n, 1, cap - n, f);
    if (r == 0) break;
    n += r;
  }
  fclose(f);
  buf[n] = 0;
  if (len) *len = n;
  return buf;
}
#endif

/* ---------- paths ---------- */

static void fd_paths(int fd, char *getpath, char *nofirmlink) {
  getpath[0] = nofirmlink[0] = 0;
#ifdef __APPLE__
  if (fcntl(fd, F_GETPATH, getpath) == -1) getpath[0] = 0;
  if (fcntl(fd, F_GETPATH_NOFIRMLINK, nofirmlink) == -1) nofirmlink[0] = 0;
#else
  char link[64];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, getpath, PATH_MAX - 1);
  if (n >= 0) getpath[n] = 0;
  else getpath[0] = 0;
#endif
}

static void kv_path(const char *k, const char *p) {
  if (p && p[0]) kv_str(k, p);
  else kv_null(k);
}

/* ---------- apply ---------- */

static int apply_profile(void) {
  /* Emits "apply":{...}; returns 0 when the profile is attached (or mode none). */
  key("apply");
  put("{");
  kv_str("mode", opt.mode);
  if (strcmp(opt.mode, "none") == 0) {
    kv_str("api", "none");
    kv_int("rc", 0);
    kv_errno(0);
    kv_null("error");
    put("}");
    return 0;
  }
#ifdef __APPLE__
  if (!opt.profile) usage("--profile is required unless --mode none");
  size_t len = 0;
  char *data = read_file(opt.profile, &len);
  if (!data) {
    int e = errno;
    kv_str("api", "read-profile");
    kv_int("rc", -1);
    kv_errno(e);
    kv_str("error", strerror(e));
    put("}");
    return -1;
  }
  char *err = NULL;
  int rc, e = 0;
  if (strcmp(opt.mode, "sbpl") == 0) {
    kv_str("api", "sandbox_init_with_parameters");
    errno = 0;
    rc = sandbox_init_with_parameters(data, 0, opt.params, &err);
    e = rc ? errno : 0;
  } else if (strcmp(opt.mode, "blob") == 0) {
    kv_str("api", "sandbox_apply");
    struct sbpl_kit_profile p = {NULL, (const unsigned char *)data, len};
    errno = 0;
    rc = sandbox_apply(&p);
    e = rc ? errno : 0;
  } else if (strcmp(opt.mode, "compile-blob") == 0) {
    void *params = sandbox_create_params();
    for (int i = 0; i < opt.nparams; i++) sandbox_set_param(params, opt.params[2 * i], opt.params[2 * i + 1]);
    errno = 0;
    void *compiled = sandbox_compile_string(data, params, &err);
    if (!compiled) {
      e = errno;
      kv_str("api", "sandbox_compile_string");
      rc = -1;
    } else {
      kv_str("api", "sandbox_apply");
      errno = 0;
      rc = sandbox_apply(compiled);
      e = rc ? errno : 0;
    }
  } else {
    usage("--mode must be sbpl, blob, compile-blob or none");
    return -1;
  }
  kv_int("rc", rc);
  kv_errno(e);
  kv_str("error", err);
  put("}");
  return rc == 0 ? 0 : -1;
#else
  kv_str("api", "unavailable");
  kv_int("rc", -1);
  kv_errno(ENOSYS);
  kv_str("error", "Seatbelt APIs are only available on macOS");
  put("}");
  return -1;
#endif
}

/* ---------- operations ---------- */

static void baseline_path(void) {
  key("baseline");
  put("{");
  int fd = open(opt.path, O_EVTONLY);
  int e = fd < 0 ? errno : 0;
  kv_int("rc", fd < 0 ? -1 : 0);
  kv_errno(e);
  if (fd >= 0) {
    char gp[PATH_MAX], nf[PATH_MAX];
    fd_paths(fd, gp, nf);
    kv_path("getpath", gp);
    kv_path("nofirmlink", nf);
    close(fd);
  }
  put("}");
}

static void op_result(int rc, int e, int fd) {
  key("op");
  put("{");
  kv_str("exercise", opt.exercise);
  kv_int("rc", rc);
  kv_errno(rc < 0 ? e : 0);
  if (fd >= 0) {
    char gp[PATH_MAX], nf[PATH_MAX];
    fd_paths(fd, gp, nf);
    kv_path("getpath", gp);
    kv_path("nofirmlink", nf);
  }
}

static int do_path_op(void) {
  int fd = -1, rc, e = 0;
  const char *ex = opt.exercise;
  if (strcmp(ex, "read") == 0) {
    fd = open(opt.path, O_RDONLY);
    e = errno;
    rc = fd < 0 ? -1 : 0;
    op_result(rc, e, fd);
    if (fd >= 0) {
      char buf[64];
      ssize_t n = read(fd, buf, sizeof buf);
      kv_int("bytes", n);
      if (n < 0) kv_str("readError", errno_name(errno));
    }
  } else if (strcmp(ex, "write") == 0) {
    /* The kernel checks file-write-data when the file is opened for writing; nothing is written. */
    fd = open(opt.path, O_WRONLY);
    e = errno;
    rc = fd < 0 ? -1 : 0;
    op_result(rc, e, fd);
  } else if (strcmp(ex, "create") == 0) {
    fd = open(opt.path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    e = errno;
    rc = fd < 0 ? -1 : 0;
    op_result(rc, e, fd);
    if (fd >= 0) {
      int u = unlink(opt.path);
      kv_int("cleanupUnlinkRc", u);
    }
  } else {
    struct stat st;
    rc = stat(opt.path, &st);
    e = errno;
    op_result(rc, e, -1);
  }
  if (fd >= 0) close(fd);
  put("}");
  return rc;
}

static int do_exec(void) {
  int pfd[2];
  if (pipe(pfd) != 0) return -2;
  fcntl(pfd[1], F_SETFD, FD_CLOEXEC);
  pid_t pid = fork();
  if (pid < 0) return -2;
  if (pid == 0) {
    close(pfd[0]);
    outlen = 0;
    out[0] = 0;
    put("{");
    int arc = apply_profile();
    /* Send the apply JSON fragment to the parent, then the exec result. */
    char hdr[48];
    snprintf(hdr, sizeof hdr, "A%zu %d\n", outlen - 1, arc == 0 ? 0 : 1);
    (void)!write(pfd[1], hdr, strlen(hdr));
    (void)!write(pfd[1], out + 1, outlen - 1);
    if (arc != 0) _exit(3);
    opt.exec_args[0] = (char *)opt.path;
    opt.exec_args[1 + opt.nargs] = NULL;
    execv(opt.path, opt.exec_args);
    int e = errno;
    char eb[32];
    snprintf(eb, sizeof eb, "E%d\n", e);
    (void)!write(pfd[1], eb, strlen(eb));
    _exit(127);
  }
  close(pfd[1]);
  char buf[65536];
  size_t n = 0;
  for (;;) {
    ssize_t r = read(pfd[0], buf + n, sizeof buf - 1 - n);
    if (r <= 0) break;
    n += (size_t)r;
  }
  buf[n] = 0;
  close(pfd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  /* buf = "A<len> <failed>\n<apply fragment>" [ "E<errno>\n" ] */
  size_t alen = 0;
  char *nl = strchr(buf, '\n');
  if (buf[0] != 'A' || !nl) {
    key("error");
    put_str("child did not report its apply result");
    return -2;
  }
  char *endp = NULL;
  alen = (size_t)strtoul(buf + 1, &endp, 10);
  int apply_failed = endp && *endp == ' ' ? atoi(endp + 1) : 1;
  if ((size_t)(n - (size_t)(nl + 1 - buf)) < alen) {
    key("error");
    put_str("child apply report truncated");
    return -2;
  }
  char *frag = nl + 1;
  if (outlen && out[outlen - 1] != '{') put(",");
  char save = frag[alen];
  frag[alen] = 0;
  put(frag);
  frag[alen] = save;
  if (apply_failed) return -3;
  char *ex = frag + alen;
  int rc = 0, e = 0;
  if (ex[0] == 'E') {
    rc = -1;
    e = atoi(ex + 1);
  }
  op_result(rc, e, -1);
  put("}");
  key("child");
  put("{");
  if (WIFEXITED(status)) {
    kv_str("status", "exited");
    kv_int("code", WEXITSTATUS(status));
  } else if (WIFSIGNALED(status)) {
    kv_str("status", "signaled");
    kv_int("signal", WTERMSIG(status));
    kv_str("signalName", signal_name(WTERMSIG(status)));
  }
  put("}");
  return rc;
}

static int fill_inet(const char *host, int port, struct sockaddr_storage *ss, socklen_t *len) {
  memset(ss, 0, sizeof *ss);
  if (strchr(host, ':')) {
    struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
    s6->sin6_family = AF_INET6;
    s6->sin6_port = htons((uint16_t)port);
    if (strcmp(host, "*") != 0 && inet_pton(AF_INET6, host, &s6->sin6_addr) != 1) return -1;
    *len = sizeof *s6;
  } else {
    struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
    s4->sin_family = AF_INET;
    s4->sin_port = htons((uint16_t)port);
    if (strcmp(host, "*") == 0) s4->sin_addr.s_addr = htonl(INADDR_ANY);
    else if (inet_pton(AF_INET, host, &s4->sin_addr) != 1) return -1;
    *len = sizeof *s4;
  }
#ifdef __APPLE__
  ((struct sockaddr *)ss)->sa_len = (uint8_t)*len;
#endif
  return 0;
}

static int do_socket_op(int is_bind) {
  struct sockaddr_storage ss;
  socklen_t slen = 0;
  int fd, rc, e = 0;
  if (opt.unix_path) {
    struct sockaddr_un *su = (struct sockaddr_un *)&ss;
    memset(&ss, 0, sizeof ss);
    su->sun_family = AF_UNIX;
    strncpy(su->sun_path, opt.unix_path, sizeof su->sun_path - 1);
    slen = sizeof *su;
    fd = socket(AF_UNIX, SOCK_STREAM, 0);
  } else {
    if (!opt.host || opt.port < 0) usage("--host and --port are required for connect/bind");
    if (fill_inet(opt.host, opt.port, &ss, &slen) != 0) usage("--host is not a numeric address");
    int udp = opt.proto && strcmp(opt.proto, "udp") == 0;
    fd = socket(ss.ss_family, udp ? SOCK_DGRAM : SOCK_STREAM, 0);
  }
  if (fd < 0) {
    e = errno;
    op_result(-1, e, -1);
    kv_str("failedAt", "socket");
    put("}");
    return -1;
  }
  if (is_bind) {
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    rc = bind(fd, (struct sockaddr *)&ss, slen);
    e = errno;
  } else {
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    rc = connect(fd, (struct sockaddr *)&ss, slen);
    e = errno;
    if (rc < 0 && e == EINPROGRESS) {
      struct pollfd p = {fd, POLLOUT, 0};
      int pr = poll(&p, 1, opt.op_timeout_ms);
      if (pr == 0) {
        rc = -1;
        e = ETIMEDOUT;
      } else {
        int soerr = 0;
        socklen_t sl = sizeof soerr;
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl);
        rc = soerr ? -1 : 0;
        e = soerr;
      }
    }
  }
  op_result(rc, e, -1);
  put("}");
  close(fd);
  return rc;
}

#ifdef __APPLE__
static kern_return_t lookup(const char *name) {
  mach_port_t port = MACH_PORT_NULL;
  kern_return_t kr = bootstrap_look_up(bootstrap_port, name, &port);
  if (kr == KERN_SUCCESS) mach_port_deallocate(mach_task_self(), port);
  return kr;
}

static int sysctl_read(const char *name, int *err) {
  size_t len = 0;
  if (sysctlbyname(name, NULL, &len, NULL, 0) != 0) {
    *err = errno;
    return -1;
  }
  void *buf = malloc(len + 16);
  len += 16;
  int rc = sysctlbyname(name, buf, &len, NULL, 0);
  *err = rc ? errno : 0;
  free(buf);
  return rc;
}
#endif

int main(int argc, char **argv) {
  parse_args(argc, argv);
  /* Never outlive the harness: if the parent dies (SIGKILL) the probe still ends by itself. */
  if (opt.deadline_ms > 0) alarm((unsigned)((opt.deadline_ms + 999) / 1000));
  put("{");
  kv_str("tool", "sbpl-probe");
  kv_int("protocol", 1);
  kv_str("platform", SBPL_PLATFORM);
  kv_int("pid", (long long)getpid());
#ifdef __APPLE__
  kv_int("sandboxedBefore", sandbox_check(getpid(), NULL, 0) ? 1 : 0);
#else
  kv_null("sandboxedBefore");
#endif
  if (opt.self_check) {
    emit();
    return 0;
  }
  if (!opt.exercise) usage("--exercise is required");
  const char *ex = opt.exercise;
  kv_str("exercise", ex);
  int is_path = !strcmp(ex, "read") || !strcmp(ex, "write") || !strcmp(ex, "create") || !strcmp(ex, "stat") || !strcmp(ex, "exec");
  if (is_path && !opt.path) usage("--path is required for this exercise");
  if (is_path) baseline_path();

  int rc;
  if (!strcmp(ex, "exec")) {
    rc = do_exec();
    if (rc == -3) {
      kv_str("stage", "apply");
      emit();
      return 3;
    }
    if (rc == -2) {
      kv_str("stage", "internal");
      emit();
      return 70;
    }
    kv_str("stage", "done");
    emit();
    return rc == 0 ? 0 : 1;
  }

#ifdef __APPLE__
  kern_return_t base_kr = 0;
  int base_rc = 0, base_e = 0;
  if (!strcmp(ex, "mach-lookup")) {
    if (!opt.service) usage("--service is required for mach-lookup");
    base_kr = lookup(opt.service);
    key("baseline");
    put("{");
    kv_int("kr", base_kr);
    put("}");
  } else if (!strcmp(ex, "sysctl-read")) {
    if (!opt.sysctl_name) usage("--sysctl is required for sysctl-read");
    base_rc = sysctl_read(opt.sysctl_name, &base_e);
    key("baseline");
    put("{");
    kv_int("rc", base_rc);
    kv_errno(base_e);
    put("}");
  }
#endif

  if (apply_profile() != 0) {
    kv_str("stage", "apply");
    emit();
    return 3;
  }

  if (is_path) rc = do_path_op();
  else if (!strcmp(ex, "connect")) rc = do_socket_op(0);
  else if (!strcmp(ex, "bind")) rc = do_socket_op(1);
#ifdef __APPLE__
  else if (!strcmp(ex, "mach-lookup")) {
    kern_return_t kr = lookup(opt.service);
    op_result(kr == KERN_SUCCESS ? 0 : -1, 0, -1);
    kv_int("kr", kr);
    put("}");
    rc = kr == KERN_SUCCESS ? 0 : -1;
  } else if (!strcmp(ex, "sysctl-read")) {
    int e = 0;
    rc = sysctl_read(opt.sysctl_name, &e);
    op_result(rc, e, -1);
    put("}");
  }
#endif
  else {
    op_result(-1, ENOSYS, -1);
    kv_str("unsupported", "this exercise is not available on this platform");
    put("}");
    rc = -1;
  }
  kv_str("stage", "done");
  emit();
  return rc == 0 ? 0 : 1;
}
