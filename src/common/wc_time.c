/* FILETIME (MS-DTYP 2.3.3) <-> Unix time. */
#include "common/wc_time.h"

#include <stdio.h>

#define TICKS_PER_SEC 10000000ULL

uint64_t wc_filetime_from_unix(int64_t secs, uint32_t nsec)
{
	int64_t s = secs + (int64_t)WC_FILETIME_UNIX_EPOCH_SECS;
	if (s < 0)
		return 0; /* before 1601: clamp, FILETIME is unsigned */
	return (uint64_t)s * TICKS_PER_SEC + nsec / 100;
}

void wc_filetime_to_unix(uint64_t ft, int64_t *secs, uint32_t *nsec)
{
	*secs = (int64_t)(ft / TICKS_PER_SEC) - (int64_t)WC_FILETIME_UNIX_EPOCH_SECS;
	*nsec = (uint32_t)(ft % TICKS_PER_SEC) * 100;
}

uint64_t wc_filetime_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return wc_filetime_from_unix(ts.tv_sec, (uint32_t)ts.tv_nsec);
}

void wc_filetime_format(uint64_t ft, char out[40])
{
	int64_t secs;
	uint32_t nsec;
	struct tm tm;
	wc_filetime_to_unix(ft, &secs, &nsec);
	time_t t = (time_t)secs;
	if (gmtime_r(&t, &tm) == NULL) {
		snprintf(out, 40, "invalid");
		return;
	}
	/* FILETIME reaches year 60056, so the date part is sized by strftime, not guessed. */
	char date[24];
	if (strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		date[0] = '\0';
	snprintf(out, 40, "%.23s.%07uZ", date, (nsec / 100) % 10000000u);
}
