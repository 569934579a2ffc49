#ifndef CSHA256_ACCELERATION_H
#define CSHA256_ACCELERATION_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU can run `csha256_compress_blocks` (x86-64 with the SHA extensions, SSE4.1 and SSSE3),
/// otherwise 0. Asks CPUID on every call: callers cache the answer.
int csha256_hardware_available(void);

/// The SHA-256 compression function (FIPS 180-4, 6.2.2) over `blockCount` consecutive 64-byte blocks,
/// updating `state` (H0...H7, native-endian words) in place. Call only when
/// `csha256_hardware_available()` returned 1.
void csha256_compress_blocks(uint32_t state[8], const uint8_t *data, size_t blockCount);

#endif
