/* PropertyRow (MS-OXCDATA 2.8.1) encode and decode throughput for a contents-table row of 10 columns, beside
 * a memcpy of the same bytes measured in the same run. */
#include "common/wc_error.h"
#include "mapi/mapi_propval.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ROWS 200000
#define BATCH 1000 /* rows decoded per talloc context, as a ROP response would */
#define RUNS 3

static const uint32_t columns[] = {
        0x0037001F, /* PidTagSubject */
        0x0E060040, /* PidTagMessageDeliveryTime */
        0x30080040, /* PidTagLastModificationTime */
        0x0E080003, /* PidTagMessageSize */
        0x0E070003, /* PidTagMessageFlags */
        0x0FFF0102, /* PidTagEntryId (a 70-byte Message EntryID) */
        0x001A001F, /* PidTagMessageClass */
        0x0C1A001F, /* PidTagSenderName */
        0x0E1B000B, /* PidTagHasAttachments */
        0x674A0014, /* PidTagMid */
};
#define NCOLS (sizeof columns / sizeof columns[0])

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void make_row(TALLOC_CTX *mem, uint32_t i, struct mapi_property_row *row)
{
	static uint8_t entry_id[70];
	struct mapi_row_value *v = talloc_zero_array(mem, struct mapi_row_value, NCOLS);
	for (size_t k = 0; k < NCOLS; k++)
		v[k].pv.tag = columns[k];
	v[0].pv.value.str = talloc_asprintf(mem, "Re: quarterly report draft, version %u (please review)", i);
	v[1].pv.value.time = 0x01D9A1B2C3D4E5F6ULL + i;
	v[2].pv.value.time = 0x01D9A1B2C3D4E5F6ULL + 2 * i;
	v[3].pv.value.i32 = 4096 + (int32_t)(i % 100000);
	v[4].pv.value.i32 = 0x00000001;
	entry_id[69] = (uint8_t)i;
	v[5].pv.value.bin =
	        (struct mapi_binary){sizeof entry_id, talloc_memdup(mem, entry_id, sizeof entry_id)};
	v[6].pv.value.str = "IPM.Note";
	v[7].pv.value.str = "Alice Example";
	v[8].pv.value.b = i % 3 == 0;
	v[9].pv.value.i64 = 0x0001000000000000LL + i;
	*row = (struct mapi_property_row){MAPI_ROW_STANDARD, NCOLS, v};
}

int main(void)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_property_row *rows = talloc_array(mem, struct mapi_property_row, ROWS);
	for (uint32_t i = 0; i < ROWS; i++)
		make_row(rows, i, &rows[i]);

	double enc = 1e9, dec = 1e9, cpy = 1e9;
	struct wc_writer w = {0};
	for (int run = 0; run < RUNS; run++) {
		TALLOC_CTX *out = talloc_new(mem);
		wc_writer_init(&w, out, 0);
		double t0 = now();
		for (uint32_t i = 0; i < ROWS; i++)
			mapi_property_row_push(&w, columns, NCOLS, 0, &rows[i]);
		double t = now() - t0;
		if (wc_writer_status(&w) != 0) {
			fprintf(stderr, "encode failed: %s\n", wc_strerror(wc_writer_status(&w)));
			return 1;
		}
		enc = t < enc ? t : enc;
		if (run < RUNS - 1)
			talloc_free(out);
	}

	uint8_t *copy = malloc(w.len);
	for (int run = 0; run < RUNS; run++) {
		double t0 = now();
		memcpy(copy, w.data, w.len);
		__asm__ volatile("" : : "r"(copy) : "memory"); /* keep the copy */
		double t = now() - t0;
		cpy = t < cpy ? t : cpy;
	}

	for (int run = 0; run < RUNS; run++) {
		struct wc_reader r;
		wc_reader_init(&r, copy, w.len);
		double t0 = now();
		for (uint32_t i = 0; i < ROWS; i += BATCH) {
			TALLOC_CTX *batch = talloc_new(mem);
			for (uint32_t k = 0; k < BATCH; k++) {
				struct mapi_property_row row;
				if (mapi_property_row_pull(&r, batch, columns, NCOLS, 0, &row) != 0) {
					fprintf(stderr, "decode failed at row %u\n", i + k);
					return 1;
				}
			}
			talloc_free(batch);
		}
		double t = now() - t0;
		dec = t < dec ? t : dec;
	}

	double mb = (double)w.len / 1e6;
	printf("PropertyRow, %d rows of %zu columns, %.1f MB (%.0f bytes/row), best of %d runs\n", ROWS,
	       NCOLS, mb, (double)w.len / ROWS, RUNS);
	printf("  encode  %8.1f MB/s  %10.0f rows/s\n", mb / enc, ROWS / enc);
	printf("  decode  %8.1f MB/s  %10.0f rows/s\n", mb / dec, ROWS / dec);
	printf("  memcpy  %8.1f MB/s   (baseline, same bytes)\n", mb / cpy);
	printf("  ratio   encode %.1fx, decode %.1fx slower than memcpy\n", enc / cpy, dec / cpy);
	free(copy);
	talloc_free(mem);
	return 0;
}
