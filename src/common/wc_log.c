/* Levelled logging to stderr: "2026-11-26T01:02:03Z warpd[123] info: message". */
#include "common/wc_log.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static enum wc_log_level current_level = WC_LOG_INFO;
static const char *log_ident = "warpcore";
static const char *const level_names[] = {"error", "warn", "info", "debug"};

void wc_log_set_level(enum wc_log_level level)
{
	current_level = level;
}

enum wc_log_level wc_log_get_level(void)
{
	return current_level;
}

int wc_log_level_from_name(const char *name)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(name, level_names[i]) == 0)
			return i;
	return -1;
}

void wc_log_set_ident(const char *ident)
{
	log_ident = ident;
}

void wc_vlog(enum wc_log_level level, const char *fmt, va_list ap)
{
	if (level > current_level)
		return;
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);

	/* One fprintf per line keeps lines from different threads whole. */
	char msg[2048];
	vsnprintf(msg, sizeof msg, fmt, ap);
	fprintf(stderr, "%s %s[%d] %s: %s\n", stamp, log_ident, (int)getpid(), level_names[level], msg);
}

void wc_log(enum wc_log_level level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	wc_vlog(level, fmt, ap);
	va_end(ap);
}
