/* MS-OXCDATA 2.9 property tags and 2.11.1 property data types. */
#ifndef MAPI_TYPES_H
#define MAPI_TYPES_H

#include <stdint.h>

/* MS-OXCDATA 2.11.1 Property Data Types (wire codes) */
#define PT_UNSPECIFIED 0x0000
#define PT_NULL 0x0001
#define PT_SHORT 0x0002    /* PtypInteger16 */
#define PT_LONG 0x0003     /* PtypInteger32 */
#define PT_FLOAT 0x0004    /* PtypFloating32 */
#define PT_DOUBLE 0x0005   /* PtypFloating64 */
#define PT_CURRENCY 0x0006 /* PtypCurrency */
#define PT_APPTIME 0x0007  /* PtypFloatingTime */
#define PT_ERROR 0x000A    /* PtypErrorCode */
#define PT_BOOLEAN 0x000B  /* PtypBoolean */
#define PT_OBJECT 0x000D   /* PtypObject, PtypEmbeddedTable */
#define PT_I8 0x0014       /* PtypInteger64 */
#define PT_STRING8 0x001E  /* PtypString8 */
#define PT_UNICODE 0x001F  /* PtypString */
#define PT_SYSTIME 0x0040  /* PtypTime */
#define PT_CLSID 0x0048    /* PtypGuid */
#define PT_SVREID 0x00FB   /* PtypServerId */
#define PT_SRESTRICT 0x00FD /* PtypRestriction */
#define PT_ACTIONS 0x00FE  /* PtypRuleAction */
#define PT_BINARY 0x0102   /* PtypBinary */

#define PT_MV_FLAG 0x1000  /* multi-valued: single-valued code | 0x1000 */
#define PT_MV_SHORT (PT_MV_FLAG | PT_SHORT)
#define PT_MV_LONG (PT_MV_FLAG | PT_LONG)
#define PT_MV_FLOAT (PT_MV_FLAG | PT_FLOAT)
#define PT_MV_DOUBLE (PT_MV_FLAG | PT_DOUBLE)
#define PT_MV_CURRENCY (PT_MV_FLAG | PT_CURRENCY)
#define PT_MV_APPTIME (PT_MV_FLAG | PT_APPTIME)
#define PT_MV_I8 (PT_MV_FLAG | PT_I8)
#define PT_MV_STRING8 (PT_MV_FLAG | PT_STRING8)
#define PT_MV_UNICODE (PT_MV_FLAG | PT_UNICODE)
#define PT_MV_SYSTIME (PT_MV_FLAG | PT_SYSTIME)
#define PT_MV_CLSID (PT_MV_FLAG | PT_CLSID)
#define PT_MV_BINARY (PT_MV_FLAG | PT_BINARY)
/* MS-OXCTABL 2.2.1.3.1: a multi-valued column with MVI_FLAG set is expanded, one row per value. */
#define MVI_FLAG 0x2000

/* MS-OXCDATA 2.9: PropertyTag = PropertyId (high 16 bits) | PropertyType (low 16 bits) */
#define PROP_TAG(type, id) ((uint32_t)(((uint32_t)(id) << 16) | (uint16_t)(type)))
#define PROP_ID(tag) ((uint16_t)((uint32_t)(tag) >> 16))
#define PROP_TYPE(tag) ((uint16_t)((uint32_t)(tag) & 0xFFFF))
#define CHANGE_PROP_TYPE(tag, type) (((uint32_t)(tag) & 0xFFFF0000u) | (uint16_t)(type))

#endif
