/* warpcore common: levelled logging to stderr (and later syslog).
 * Never log passwords or message bodies (DESIGN.md section 4). */
#ifndef WC_LOG_H
#define WC_LOG_H

#include <stdarg.h>

enum wc_log_level { WC_LOG_ERROR = 0, WC_LOG_WARN = 1, WC_LOG_INFO = 2, WC_LOG_DEBUG = 3 };

void wc_log_set_level(enum wc_log_level level);
enum wc_log_level wc_log_get_level(void);
/* "error", "warn", "info", "debug"; returns -1 for anything else. */
int wc_log_level_from_name(const char *name);
/* Program name shown in front of each line (default "warpcore"). */
void wc_log_set_ident(const char *ident);

void wc_log(enum wc_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void wc_vlog(enum wc_log_level level, const char *fmt, va_list ap);

#define wc_error(...) wc_log(WC_LOG_ERROR, __VA_ARGS__)
#define wc_warn(...) wc_log(WC_LOG_WARN, __VA_ARGS__)
#define wc_info(...) wc_log(WC_LOG_INFO, __VA_ARGS__)
#define wc_debug(...) wc_log(WC_LOG_DEBUG, __VA_ARGS__)

#endif
