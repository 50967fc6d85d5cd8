/* warpcore common: codec error codes.
 *
 * Codecs return 0 on success or one of these negative values; protocol code maps them to MAPI error codes
 * (a WC_EFORMAT while decoding a ROP buffer becomes ecRpcFormat 0x000004B6, MS-OXCRPC 3.1.4.2.1.1). */
#ifndef WC_ERROR_H
#define WC_ERROR_H

enum {
	WC_OK = 0,
	WC_EFORMAT = -1,      /* malformed or truncated input */
	WC_ENOMEM = -2,       /* allocation failed */
	WC_ERANGE = -3,       /* a value or size is outside what the format or a limit allows */
	WC_EINVAL = -4,       /* the caller passed an invalid argument */
	WC_EUNSUPPORTED = -5, /* well-formed but not supported (unknown type, kind or id) */
	WC_EDEPTH = -6,       /* nesting deeper than the decoder allows */
	WC_ESPACE = -7,       /* output does not fit the space the caller allowed */
	WC_ECORRUPT = -8,     /* a compressed stream or checksum that does not add up */
};

/* A short, static English description of a WC_E* code. */
const char *wc_strerror(int err);

#endif
