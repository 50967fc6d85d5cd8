/* warpcore common: FILETIME (MS-DTYP 2.3.3: 100-ns intervals since 1601-01-01 UTC) <-> Unix time. */
#ifndef WC_TIME_H
#define WC_TIME_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* Seconds between 1601-01-01 and 1970-01-01. */
#define WC_FILETIME_UNIX_EPOCH_SECS 11644473600ULL

uint64_t wc_filetime_from_unix(int64_t secs, uint32_t nsec);
/* Splits a FILETIME into Unix seconds (negative before 1970) and nanoseconds (always 0..999999900). */
void wc_filetime_to_unix(uint64_t ft, int64_t *secs, uint32_t *nsec);
uint64_t wc_filetime_now(void);
/* Formats as ISO 8601 UTC "2024-01-31T12:00:00.1234567Z" into out (at least 40 bytes). */
void wc_filetime_format(uint64_t ft, char out[40]);

#endif
