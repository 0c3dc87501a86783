/* faultshim.c — an LD_PRELOAD fault injector for the meshcost fault sweep
 * (tests/fault/sweep.sh), after SQLite's OOM and I/O-error tests.
 *
 *   FAULT_MALLOC_AT=N   the Nth malloc/calloc/realloc returns NULL, ENOMEM
 *   FAULT_WRITE_AT=N    the Nth write-class call fails with FAULT_WRITE_ERRNO
 *   FAULT_WRITE_ERRNO   ENOSPC (default), EIO, EDQUOT, EFBIG or a number
 *   FAULT_PERSIST=1     fail every call from the Nth on ("fail forever"),
 *                       instead of the Nth only ("fail once")
 *   FAULT_CALLER=TEXT   count (and fail) only the calls made by code whose
 *                       library name contains TEXT ("libjansson", "meshcost"):
 *                       aims the sweep at one library's error handling
 *   FAULT_BACKTRACE=1   on SIGSEGV/SIGBUS/SIGABRT/SIGFPE print a backtrace
 *                       to stderr ("file(+offset)": `addr2line -f -e file
 *                       offset` names the line), then die of the signal;
 *                       =2: also where the fault is injected
 *   FAULT_COUNT=1       at exit print "faultshim: malloc=A write=B" (calls
 *                       seen) to FAULT_COUNT_FILE, else to stderr
 *   FAULT_LOG=FILE      append "malloc|write N FUNCTION CALLER-LIBRARY" when
 *                       the Nth call fails (lets the sweep tell a point it
 *                       reached from one past the end, and who made the
 *                       call: meshcost, libsqlite3.so.0, libxlsxwriter.so.4)
 *
 * Counting starts when main() is entered (the shim wraps
 * __libc_start_main), so the dynamic loader and library constructors are
 * not counted and the numbering is stable from run to run. Write-class
 * calls: write pwrite pwrite64 writev pwritev fsync fdatasync ftruncate
 * ftruncate64 fwrite fputs fputc putc fprintf vfprintf printf vprintf
 * puts putchar __fprintf_chk __vfprintf_chk __printf_chk fflush fclose.
 * Calls on stderr (fd 2) are never counted nor failed, so the error
 * message always gets out; fflush/fclose of streams opened read-only are
 * not counted (they cannot fail in a meaningful way). A failed stdio call
 * sets the stream's error flag, as a real failure would; a failed fclose
 * discards the buffered data, closes the stream and returns EOF.
 *
 * dlsym() may itself call calloc/malloc before the real ones are known:
 * those early requests are served from a static bootstrap buffer whose
 * blocks free() ignores.
 *
 * Build: cc -shared -fPIC -O1 -o faultshim.so faultshim.c -ldl
 * (or the `faultshim` CMake target, non-sanitizer builds only). */
#define _GNU_SOURCE
/* no extern-inline stdio functions from glibc's headers at -O2: the shim
 * defines putchar and vprintf itself */
#ifndef __NO_INLINE__
#define __NO_INLINE__ 1
#endif
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#ifndef _IO_NO_WRITES
#define _IO_NO_WRITES 0x0008 /* glibc libio.h: stream not open for writing */
#endif
#ifndef _IO_ERR_SEEN
#define _IO_ERR_SEEN 0x0020
#endif

#define EXPORT __attribute__((visibility("default")))
/* the code that called the interposed function (for the fault log) */
#define CALLER __builtin_return_address(0)

/* ---- configuration and counters ---------------------------------------- */

static unsigned long malloc_at, write_at; /* 0: never */
static int write_errno = ENOSPC;
static int persist, count_at_exit;
static const char *log_path, *count_path, *caller_filter;
static volatile int armed;                /* set on entry to main() */
static int backtrace_at_fault;
static unsigned long n_malloc, n_write;   /* calls seen since main() */
static __thread int inside;               /* our own calls are not counted */

/* ---- bootstrap allocator for dlsym ------------------------------------- */

static _Alignas(max_align_t) unsigned char boot[64 * 1024];
static size_t boot_used;

static int is_boot(const void *p)
{
    return (const unsigned char *)p >= boot &&
           (const unsigned char *)p < boot + sizeof boot;
}

static void *boot_alloc(size_t n)
{
    size_t a = _Alignof(max_align_t), need = (n + a - 1) / a * a + a;
    unsigned char *p;

    if (need > sizeof boot - boot_used)
        return NULL;
    p = boot + boot_used;
    boot_used += need;
    *(size_t *)p = n; /* size header, for realloc */
    return p + a;
}

static size_t boot_size(const void *p)
{
    return *(const size_t *)((const unsigned char *)p - _Alignof(max_align_t));
}

/* ---- the real functions ------------------------------------------------ */

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);
static int resolving;

/* LOOKUP(fp, name): fp = the next definition of name (memcpy: ISO C has
 * no cast from an object pointer to a function pointer) */
#define LOOKUP(fp, name)                                                      \
    do {                                                                      \
        void *sym_ = dlsym(RTLD_NEXT, name);                                  \
        memcpy(&(fp), &sym_, sizeof(fp));                                     \
    } while (0)

static void resolve_alloc(void)
{
    if (real_malloc || resolving)
        return;
    resolving = 1;
    LOOKUP(real_calloc, "calloc");
    LOOKUP(real_realloc, "realloc");
    LOOKUP(real_free, "free");
    LOOKUP(real_malloc, "malloc");
    resolving = 0;
}

/* REAL(name): real_name, the next definition of name, looked up once. */
#define REAL(name)                                                            \
    static __typeof__(&name) real_##name;                                     \
    if (!real_##name)                                                         \
    LOOKUP(real_##name, #name)

static void log_line(const char *what, unsigned long n, const char *fn,
                     const void *caller)
{
    char buf[512];
    const char *lib = "?";
    Dl_info info;
    int len;
    FILE *fp;

    if (!log_path && !backtrace_at_fault)
        return;
    inside++;
    if (caller && dladdr(caller, &info) && info.dli_fname) {
        lib = strrchr(info.dli_fname, '/');
        lib = lib ? lib + 1 : info.dli_fname;
    }
    len = snprintf(buf, sizeof buf, "%s %lu %s %s\n", what, n, fn, lib);
    if (log_path && (fp = fopen(log_path, "a"))) {
        fwrite(buf, 1, (size_t)len < sizeof buf ? (size_t)len : sizeof buf - 1,
               fp);
        fclose(fp);
    }
    if (backtrace_at_fault) {
        static const char head[] = "faultshim: fault injected, backtrace:\n";
        void *frames[64];
        int nf = backtrace(frames, 64);
        if (write(STDERR_FILENO, head, sizeof head - 1) > 0)
            backtrace_symbols_fd(frames, nf, STDERR_FILENO);
    }
    inside--;
}

/* 1 if calls from caller are counted (FAULT_CALLER) */
static int caller_counted(const void *caller)
{
    Dl_info info;
    int r;

    if (!caller_filter)
        return 1;
    inside++;
    r = caller && dladdr(caller, &info) && info.dli_fname &&
        strstr(info.dli_fname, caller_filter) != NULL;
    inside--;
    return r;
}

/* 1 if this allocation must fail. */
static int malloc_fault(const char *fn, const void *caller)
{
    unsigned long n;

    if (!armed || inside || !caller_counted(caller))
        return 0;
    n = __atomic_add_fetch(&n_malloc, 1, __ATOMIC_RELAXED);
    if (!malloc_at || n < malloc_at || (n > malloc_at && !persist))
        return 0;
    if (n == malloc_at)
        log_line("malloc", n, fn, caller);
    return 1;
}

/* 1 (errno set) if this write-class call must fail. */
static int write_fault(const char *fn, const void *caller)
{
    unsigned long n;

    if (!armed || inside || !caller_counted(caller))
        return 0;
    n = __atomic_add_fetch(&n_write, 1, __ATOMIC_RELAXED);
    if (!write_at || n < write_at || (n > write_at && !persist))
        return 0;
    if (n == write_at)
        log_line("write", n, fn, caller);
    errno = write_errno;
    return 1;
}

static int fd_counted(int fd) { return fd != STDERR_FILENO; }

static int stream_counted(FILE *fp)
{
    return fp && fp != stderr && fileno(fp) != STDERR_FILENO;
}

static int stream_writable(FILE *fp)
{
    return fp && !(fp->_flags & _IO_NO_WRITES);
}

static void stream_fail(FILE *fp)
{
    if (fp)
        fp->_flags |= _IO_ERR_SEEN;
}

/* ---- setup: environment, main() wrapper, count at exit ----------------- */

static unsigned long env_ulong(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? strtoul(v, NULL, 10) : 0;
}

static int parse_errno(const char *v)
{
    static const struct { const char *name; int code; } names[] = {
        {"ENOSPC", ENOSPC}, {"EIO", EIO},     {"EDQUOT", EDQUOT},
        {"EFBIG", EFBIG},   {"EROFS", EROFS}, {"EACCES", EACCES},
        {"EINTR", EINTR},   {"EAGAIN", EAGAIN}};

    if (!v || !*v)
        return ENOSPC;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(v, names[i].name) == 0)
            return names[i].code;
    return atoi(v) > 0 ? atoi(v) : ENOSPC;
}

static void on_crash(int sig)
{
    static const char head[] = "faultshim: crashed, backtrace:\n";
    void *frames[64];
    int n;

    armed = 0;
    n = backtrace(frames, 64);
    if (write(STDERR_FILENO, head, sizeof head - 1) > 0)
        backtrace_symbols_fd(frames, n, STDERR_FILENO);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void crash_handlers(void)
{
    void *frame[1];
    struct sigaction sa;

    backtrace(frame, 1); /* loads libgcc_s now, not in the handler */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_crash;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGABRT, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
}

__attribute__((constructor)) static void shim_init(void)
{
    resolve_alloc();
    malloc_at = env_ulong("FAULT_MALLOC_AT");
    write_at = env_ulong("FAULT_WRITE_AT");
    write_errno = parse_errno(getenv("FAULT_WRITE_ERRNO"));
    persist = env_ulong("FAULT_PERSIST") != 0;
    count_at_exit = env_ulong("FAULT_COUNT") != 0;
    log_path = getenv("FAULT_LOG");
    count_path = getenv("FAULT_COUNT_FILE");
    if (env_ulong("FAULT_BACKTRACE"))
        crash_handlers();
    backtrace_at_fault = env_ulong("FAULT_BACKTRACE") >= 2;
    caller_filter = getenv("FAULT_CALLER");
    if (caller_filter && !*caller_filter)
        caller_filter = NULL;
    if (log_path && !*log_path)
        log_path = NULL;
    if (count_path && !*count_path)
        count_path = NULL;
}

__attribute__((destructor)) static void shim_fini(void)
{
    char buf[128];
    int len, fd;

    if (!count_at_exit)
        return;
    armed = 0;
    len = snprintf(buf, sizeof buf, "faultshim: malloc=%lu write=%lu\n",
                   n_malloc, n_write);
    fd = count_path ? open(count_path, O_WRONLY | O_CREAT | O_TRUNC, 0644)
                    : STDERR_FILENO;
    if (fd >= 0) {
        ssize_t r = write(fd, buf, (size_t)len); /* disarmed: not counted */
        (void)r;
        if (fd != STDERR_FILENO)
            close(fd);
    }
}

typedef int (*main_fn)(int, char **, char **);
static main_fn real_main;

static int shim_main(int argc, char **argv, char **envp)
{
    armed = 1;
    return real_main(argc, argv, envp);
}

EXPORT int __libc_start_main(main_fn main, int argc, char **argv,
                             void (*init)(void), void (*fini)(void),
                             void (*rtld_fini)(void), void *stack_end);
EXPORT int __libc_start_main(main_fn main, int argc, char **argv,
                             void (*init)(void), void (*fini)(void),
                             void (*rtld_fini)(void), void *stack_end)
{
    typedef int (*start_fn)(main_fn, int, char **, void (*)(void),
                            void (*)(void), void (*)(void), void *);
    start_fn real;
    void *sym = dlvsym(RTLD_NEXT, "__libc_start_main", "GLIBC_2.34");

    if (!sym)
        sym = dlsym(RTLD_NEXT, "__libc_start_main");
    memcpy(&real, &sym, sizeof real);
    real_main = main;
    return real(shim_main, argc, argv, init, fini, rtld_fini, stack_end);
}

/* ---- allocation -------------------------------------------------------- */

EXPORT void *malloc(size_t n)
{
    resolve_alloc();
    if (!real_malloc)
        return boot_alloc(n);
    if (malloc_fault("malloc", CALLER)) {
        errno = ENOMEM;
        return NULL;
    }
    return real_malloc(n);
}

EXPORT void *calloc(size_t k, size_t n)
{
    resolve_alloc();
    if (!real_calloc) {
        size_t total;
        if (__builtin_mul_overflow(k, n, &total))
            return NULL;
        return boot_alloc(total); /* static memory is zeroed */
    }
    if (malloc_fault("calloc", CALLER)) {
        errno = ENOMEM;
        return NULL;
    }
    return real_calloc(k, n);
}

EXPORT void *realloc(void *p, size_t n)
{
    resolve_alloc();
    if (p && is_boot(p)) { /* move a bootstrap block to the real heap */
        void *q = malloc(n);
        size_t old = boot_size(p);
        if (q)
            memcpy(q, p, old < n ? old : n);
        return q;
    }
    if (!real_realloc)
        return boot_alloc(n);
    if (p && n == 0) /* a free: never fails */
        return real_realloc(p, n);
    if (malloc_fault("realloc", CALLER)) {
        errno = ENOMEM;
        return NULL;
    }
    return real_realloc(p, n);
}

EXPORT void free(void *p)
{
    if (!p || is_boot(p))
        return;
    resolve_alloc();
    if (real_free)
        real_free(p);
}

/* ---- file descriptors -------------------------------------------------- */

EXPORT ssize_t write(int fd, const void *buf, size_t n)
{
    REAL(write);
    if (fd_counted(fd) && write_fault("write", CALLER))
        return -1;
    return real_write(fd, buf, n);
}

EXPORT ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
    REAL(pwrite);
    if (fd_counted(fd) && write_fault("pwrite", CALLER))
        return -1;
    return real_pwrite(fd, buf, n, off);
}

EXPORT ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t off)
{
    REAL(pwrite64);
    if (fd_counted(fd) && write_fault("pwrite64", CALLER))
        return -1;
    return real_pwrite64(fd, buf, n, off);
}

EXPORT ssize_t writev(int fd, const struct iovec *iov, int cnt)
{
    REAL(writev);
    if (fd_counted(fd) && write_fault("writev", CALLER))
        return -1;
    return real_writev(fd, iov, cnt);
}

EXPORT ssize_t pwritev(int fd, const struct iovec *iov, int cnt, off_t off)
{
    REAL(pwritev);
    if (fd_counted(fd) && write_fault("pwritev", CALLER))
        return -1;
    return real_pwritev(fd, iov, cnt, off);
}

EXPORT int fsync(int fd)
{
    REAL(fsync);
    if (fd_counted(fd) && write_fault("fsync", CALLER))
        return -1;
    return real_fsync(fd);
}

EXPORT int fdatasync(int fd)
{
    REAL(fdatasync);
    if (fd_counted(fd) && write_fault("fdatasync", CALLER))
        return -1;
    return real_fdatasync(fd);
}

EXPORT int ftruncate(int fd, off_t len)
{
    REAL(ftruncate);
    if (fd_counted(fd) && write_fault("ftruncate", CALLER))
        return -1;
    return real_ftruncate(fd, len);
}

EXPORT int ftruncate64(int fd, off64_t len)
{
    REAL(ftruncate64);
    if (fd_counted(fd) && write_fault("ftruncate64", CALLER))
        return -1;
    return real_ftruncate64(fd, len);
}

/* ---- stdio ------------------------------------------------------------- */

/* the fortified variants (glibc declares them only with _FORTIFY_SOURCE) */
EXPORT int __vfprintf_chk(FILE *fp, int flag, const char *fmt, va_list ap);
EXPORT int __fprintf_chk(FILE *fp, int flag, const char *fmt, ...);
EXPORT int __printf_chk(int flag, const char *fmt, ...);

EXPORT size_t fwrite(const void *p, size_t size, size_t n, FILE *fp)
{
    REAL(fwrite);
    if (stream_counted(fp) && size && n && write_fault("fwrite", CALLER)) {
        stream_fail(fp);
        return 0;
    }
    return real_fwrite(p, size, n, fp);
}

EXPORT int fputs(const char *s, FILE *fp)
{
    REAL(fputs);
    if (stream_counted(fp) && write_fault("fputs", CALLER)) {
        stream_fail(fp);
        return EOF;
    }
    return real_fputs(s, fp);
}

EXPORT int fputc(int c, FILE *fp)
{
    REAL(fputc);
    if (stream_counted(fp) && write_fault("fputc", CALLER)) {
        stream_fail(fp);
        return EOF;
    }
    return real_fputc(c, fp);
}

EXPORT int putc(int c, FILE *fp)
{
    REAL(putc);
    if (stream_counted(fp) && write_fault("putc", CALLER)) {
        stream_fail(fp);
        return EOF;
    }
    return real_putc(c, fp);
}

EXPORT int putchar(int c)
{
    REAL(putchar);
    if (stream_counted(stdout) && write_fault("putchar", CALLER)) {
        stream_fail(stdout);
        return EOF;
    }
    return real_putchar(c);
}

EXPORT int puts(const char *s)
{
    REAL(puts);
    if (stream_counted(stdout) && write_fault("puts", CALLER)) {
        stream_fail(stdout);
        return EOF;
    }
    return real_puts(s);
}

EXPORT int vfprintf(FILE *fp, const char *fmt, va_list ap)
{
    REAL(vfprintf);
    if (stream_counted(fp) && write_fault("vfprintf", CALLER)) {
        stream_fail(fp);
        return -1;
    }
    return real_vfprintf(fp, fmt, ap);
}

EXPORT int __vfprintf_chk(FILE *fp, int flag, const char *fmt, va_list ap)
{
    REAL(__vfprintf_chk);
    if (stream_counted(fp) && write_fault("__vfprintf_chk", CALLER)) {
        stream_fail(fp);
        return -1;
    }
    return real___vfprintf_chk(fp, flag, fmt, ap);
}

EXPORT int fprintf(FILE *fp, const char *fmt, ...)
{
    REAL(vfprintf);
    va_list ap;
    int r;

    if (stream_counted(fp) && write_fault("fprintf", CALLER)) {
        stream_fail(fp);
        return -1;
    }
    va_start(ap, fmt);
    r = real_vfprintf(fp, fmt, ap);
    va_end(ap);
    return r;
}

EXPORT int __fprintf_chk(FILE *fp, int flag, const char *fmt, ...)
{
    REAL(__vfprintf_chk);
    va_list ap;
    int r;

    if (stream_counted(fp) && write_fault("__fprintf_chk", CALLER)) {
        stream_fail(fp);
        return -1;
    }
    va_start(ap, fmt);
    r = real___vfprintf_chk(fp, flag, fmt, ap);
    va_end(ap);
    return r;
}

EXPORT int vprintf(const char *fmt, va_list ap)
{
    REAL(vfprintf);
    if (stream_counted(stdout) && write_fault("vprintf", CALLER)) {
        stream_fail(stdout);
        return -1;
    }
    return real_vfprintf(stdout, fmt, ap);
}

EXPORT int printf(const char *fmt, ...)
{
    REAL(vfprintf);
    va_list ap;
    int r;

    if (stream_counted(stdout) && write_fault("printf", CALLER)) {
        stream_fail(stdout);
        return -1;
    }
    va_start(ap, fmt);
    r = real_vfprintf(stdout, fmt, ap);
    va_end(ap);
    return r;
}

EXPORT int __printf_chk(int flag, const char *fmt, ...)
{
    REAL(__vfprintf_chk);
    va_list ap;
    int r;

    if (stream_counted(stdout) && write_fault("__printf_chk", CALLER)) {
        stream_fail(stdout);
        return -1;
    }
    va_start(ap, fmt);
    r = real___vfprintf_chk(stdout, flag, fmt, ap);
    va_end(ap);
    return r;
}

EXPORT int fflush(FILE *fp)
{
    REAL(fflush);
    if (stream_counted(fp) && stream_writable(fp) && write_fault("fflush", CALLER)) {
        stream_fail(fp);
        return EOF;
    }
    return real_fflush(fp);
}

EXPORT int fclose(FILE *fp)
{
    REAL(fclose);
    if (stream_counted(fp) && stream_writable(fp) && write_fault("fclose", CALLER)) {
        int saved = errno;
        __fpurge(fp); /* the buffered data never reaches the file */
        real_fclose(fp);
        errno = saved;
        return EOF;
    }
    return real_fclose(fp);
}
