/* pseudonym.c — keyed pseudonyms for user names. */
#include "meshcost/pseudonym.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "meshcost/sha256.h"

static mc_err create_key(const char *path, struct mc_error *err)
{
    uint8_t key[32];
    int in = open("/dev/urandom", O_RDONLY), out;
    ssize_t n = in >= 0 ? read(in, key, sizeof key) : -1;

    if (in >= 0)
        close(in);
    if (n != (ssize_t)sizeof key)
        return mc_error_set(err, MC_ERR_IO, "cannot read /dev/urandom");
    if ((out = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0)
        return mc_error_set(err, MC_ERR_CANTCREAT, "cannot create '%s': %s",
                            path, strerror(errno));
    n = write(out, key, sizeof key);
    if (fsync(out) != 0 || close(out) != 0 || n != (ssize_t)sizeof key)
        return mc_error_set(err, MC_ERR_IO, "cannot write '%s'", path);
    return MC_OK;
}

mc_err mc_pseudonym_open(struct mc_pseudonym *p, const char *path,
                         struct mc_error *err)
{
    struct stat sb;
    mc_err rc;
    ssize_t n;
    int fd;

    if (stat(path, &sb) != 0 && errno == ENOENT &&
        (rc = create_key(path, err)) != MC_OK)
        return rc;
    if ((fd = open(path, O_RDONLY)) < 0 || fstat(fd, &sb) != 0) {
        if (fd >= 0)
            close(fd);
        return mc_error_set(err, MC_ERR_IO, "cannot read '%s': %s", path,
                            strerror(errno));
    }
    if (sb.st_mode & 077) {
        close(fd);
        return mc_error_set(err, MC_ERR_CONFIG,
                            "%s: the pseudonym key must be mode 0600", path);
    }
    n = read(fd, p->key, sizeof p->key);
    close(fd);
    if (n != (ssize_t)sizeof p->key || sb.st_size != (off_t)sizeof p->key)
        return mc_error_set(err, MC_ERR_CONFIG,
                            "%s: the pseudonym key must be 32 bytes", path);
    return MC_OK;
}

void mc_pseudonym(const struct mc_pseudonym *p, const char *name, char *out)
{
    uint8_t d[32];

    mc_hmac_sha256(p->key, sizeof p->key, name, strlen(name), d);
    snprintf(out, MC_PSEUDONYM_BUFSZ, "u-%02x%02x%02x%02x%02x%02x", d[0],
             d[1], d[2], d[3], d[4], d[5]);
}
