/* test_sha256.c — FIPS 180-4 test vectors and files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "meshcost/sha256.h"

static void hash(const char *msg, size_t n, char *hex)
{
    struct mc_sha256 s;

    mc_sha256_init(&s);
    mc_sha256_update(&s, msg, n);
    mc_sha256_final_hex(&s, hex);
}

static void test_vectors(void **state)
{
    char hex[65];
    struct mc_sha256 s;
    char a[1001];

    (void)state;
    hash("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb924"
                             "27ae41e4649b934ca495991b7852b855");
    hash("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
                             "b00361a396177a9cb410ff61f20015ad");
    hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039"
                             "a33ce45964ff2167f6ecedd419db06c1");
    hash("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
         "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         112, hex);
    assert_string_equal(hex, "cf5b16a778af8380036ce59e7b049237"
                             "0b249b11e8f07a51afac45037afee9d1");
    memset(a, 'a', sizeof a);
    mc_sha256_init(&s);
    for (int i = 0; i < 1000; i++) /* one million 'a' in odd pieces */
        mc_sha256_update(&s, a, i % 2 ? 999 : 1001);
    mc_sha256_final_hex(&s, hex);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67"
                             "f1809a48a497200e046d39ccc7112cd0");
}

static void test_hmac(void **state)
{
    static const char want[] = "5bdcc146bf60754e6a042426089575c7"
                               "5a003f089d2739839dec58b964ec3843";
    uint8_t d[32];
    char hex[65];

    (void)state; /* RFC 4231 test case 2 */
    mc_hmac_sha256((const uint8_t *)"Jefe", 4,
                   "what do ya want for nothing?", 28, d);
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", d[i]);
    assert_string_equal(hex, want);
}

static void test_file(void **state)
{
    char path[] = "/tmp/mc-sha-XXXXXX", hex[65];
    struct mc_error err;
    int fd = mkstemp(path);

    (void)state;
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "abc", 3), 3);
    close(fd);
    assert_int_equal(mc_sha256_file(path, hex, &err), MC_OK);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
                             "b00361a396177a9cb410ff61f20015ad");
    unlink(path);
    assert_int_equal(mc_sha256_file(path, hex, &err), MC_ERR_NOINPUT);
    assert_non_null(strstr(err.msg, "cannot open"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors),
        cmocka_unit_test(test_hmac),
        cmocka_unit_test(test_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
