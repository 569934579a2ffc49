// SHA-256 block compression with the x86 SHA extensions. Swift cannot reach these instructions, and the
// portable Swift compression is several times slower on the ~300 MB snapshots that export, validate and
// diff hash. Everything else (buffering, padding, HMAC) stays in SHA256.swift.

#include "CSHA256Acceleration.h"

#if defined(__x86_64__)

#include <cpuid.h>
#include <immintrin.h>

int csha256_hardware_available(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
        return 0;
    }
    // The compression function uses SSSE3 (PSHUFB, PALIGNR) besides SHA, and is compiled with SSE4.1
    // enabled, so the compiler may pick SSE4.1 instructions too: all three must be present.
    if (!(ecx & bit_SSSE3) || !(ecx & bit_SSE4_1)) {
        return 0;
    }
    // __get_cpuid_count fails when leaf 7 is beyond the CPU's maximum leaf, which also means no SHA.
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) {
        return 0;
    }
    return (ebx & bit_SHA) != 0;
}

static const uint32_t round_constants[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// The target attribute lets this one function use the SHA instructions without compiler flags for the
// whole target; csha256_hardware_available guards every call.
__attribute__((target("sha,sse4.1,ssse3")))
void csha256_compress_blocks(uint32_t state[8], const uint8_t *data, size_t blockCount) {
    // SHA256RNDS2 keeps the eight working variables as two vectors, {A,B,E,F} and {C,D,G,H}, with A and C
    // in the highest lane. Lanes are listed lowest first below.
    const __m128i abcd = _mm_loadu_si128((const __m128i *)&state[0]);            // a b c d
    const __m128i efgh = _mm_loadu_si128((const __m128i *)&state[4]);            // e f g h
    __m128i abef = _mm_shuffle_epi32(_mm_unpacklo_epi64(efgh, abcd), 0xB1);      // f e b a
    __m128i cdgh = _mm_shuffle_epi32(_mm_unpackhi_epi64(efgh, abcd), 0xB1);      // h g d c

    // Message words are big-endian; this PSHUFB mask reverses the bytes within each 32-bit lane.
    const __m128i byte_swap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);

    for (size_t block = 0; block < blockCount; block++) {
        const uint8_t *bytes = data + block * 64;
        const __m128i abef_start = abef;
        const __m128i cdgh_start = cdgh;
        // The last sixteen schedule words, four per vector: w[g % 4] holds W[4g ... 4g+3] for the
        // group g being processed, and the other three hold the twelve words before it.
        __m128i w[4];

        // Fully unrolled, the four schedule vectors live in registers instead of an indexed stack array;
        // measured here at about 1.3x the throughput of the rolled loop.
#pragma clang loop unroll(full)
        for (int group = 0; group < 16; group++) {
            __m128i *current = &w[group & 3];
            if (group < 4) {
                *current = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(bytes + group * 16)), byte_swap);
            } else {
                // W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16]. MSG1 adds s0(W[t-15]) to W[t-16]
                // for four t; the W[t-7] words straddle two vectors, hence ALIGNR; MSG2 then adds
                // s1(W[t-2]), which for the upper two lanes are the words it is computing.
                const __m128i older = w[(group + 1) & 3];    // W[t-12 ... t-9]
                const __m128i newer = w[(group + 2) & 3];    // W[t-8 ... t-5]
                const __m128i newest = w[(group + 3) & 3];   // W[t-4 ... t-1]
                __m128i partial = _mm_sha256msg1_epu32(*current, older);
                partial = _mm_add_epi32(partial, _mm_alignr_epi8(newest, newer, 4));
                *current = _mm_sha256msg2_epu32(partial, newest);
            }
            // Each RNDS2 runs two rounds using W+K from the low two lanes and returns the new {A,B,E,F};
            // after two rounds the old {A,B,E,F} is the new {C,D,G,H}, so the two vectors trade places.
            __m128i schedule = _mm_add_epi32(*current, _mm_load_si128((const __m128i *)&round_constants[group * 4]));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, schedule);
            schedule = _mm_shuffle_epi32(schedule, 0x0E);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, schedule);
        }

        abef = _mm_add_epi32(abef, abef_start);
        cdgh = _mm_add_epi32(cdgh, cdgh_start);
    }

    // Back from the instruction's lane order to H0...H7.
    const __m128i efab = _mm_shuffle_epi32(abef, 0xB1);                          // e f a b
    const __m128i ghcd = _mm_shuffle_epi32(cdgh, 0xB1);                          // g h c d
    _mm_storeu_si128((__m128i *)&state[0], _mm_unpackhi_epi64(efab, ghcd));     // a b c d
    _mm_storeu_si128((__m128i *)&state[4], _mm_unpacklo_epi64(efab, ghcd));     // e f g h
}

#else

int csha256_hardware_available(void) {
    return 0;
}

void csha256_compress_blocks(uint32_t state[8], const uint8_t *data, size_t blockCount) {
    // Unreachable: SHA256.swift only calls this after csha256_hardware_available() returned 1.
    (void)state;
    (void)data;
    (void)blockCount;
    __builtin_trap();
}

#endif
