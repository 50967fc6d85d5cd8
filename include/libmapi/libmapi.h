/* libmapi: the warpcore MAPI client library. Link with `pkg-config --cflags --libs libmapi`.
 *
 *	libmapi/session.h       a MAPI/HTTP session: connect, Execute, reconnect, errors, threading rule
 *	libmapi/batch.h         several ROPs per Execute, handle indexes managed for the caller
 *	libmapi/object.h        store, folders, tables, messages, recipients, attachments, properties,
 *streams, and the high-level calls (folder tree, message list, fetch, send) libmapi/autodiscover.h MS-OXDSCLI
 *client
 *
 * The wire structures are those of warpcore's shared codecs, installed with these headers: mapi/rop.h (ROP
 * requests and responses), mapi/mapi_propval.h (property values), mapi/mapi_types.h (PT_* and PROP_TAG),
 * mapi/mapi_proptags.h (PidTag* tags), common/mapi_errors.h (ec* codes and their names). docs/libmapi.md
 * has an example program. */
#ifndef LIBMAPI_H
#define LIBMAPI_H

#include "libmapi/addressbook.h"
#include "libmapi/autodiscover.h"
#include "libmapi/batch.h"
#include "libmapi/object.h"
#include "libmapi/session.h"
#include "mapi/mapi_proptags.h"
#include "mapi/mapi_types.h"

#endif
