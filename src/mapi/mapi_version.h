#ifndef MAPI_VERSION_H
#define MAPI_VERSION_H
const char *mapi_codec_version(void);
#endif
