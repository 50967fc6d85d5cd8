/* The codec library's version string, for tools' --version. */
#include "mapi/mapi_version.h"

const char *mapi_codec_version(void)
{
	return WC_VERSION;
}
