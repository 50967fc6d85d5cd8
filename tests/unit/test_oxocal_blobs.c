/* MS-OXOCAL recurrence BLOBs (4.1.1.x) carried as PtypBinary property values (MS-OXCDATA 2.11.1): a ROP-context
 * value (16-bit COUNT), a FastTransfer-context value (32-bit COUNT) and a PtypMultipleBinary holding both. The
 * BLOB bytes are the spec's; the value codec must carry them bit for bit. */
#include "testutil.h"
#include "common/wc_error.h"
#include "mapi/mapi_propval.h"

#include <string.h>

static uint8_t *blob(void **state, const char *file, size_t *len)
{
	return tu_vector(*state, file, NULL, len);
}

/* Reads the AppointmentRecurrencePattern header fields the spec's tables give for each example. */
static void assert_pattern_header(const uint8_t *b, uint16_t recur_frequency, uint32_t period)
{
	assert_int_equal(b[0] | b[1] << 8, 0x3004); /* ReaderVersion */
	assert_int_equal(b[2] | b[3] << 8, 0x3004); /* WriterVersion */
	assert_int_equal(b[4] | b[5] << 8, recur_frequency);
	uint32_t p = (uint32_t)b[14] | (uint32_t)b[15] << 8 | (uint32_t)b[16] << 16 | (uint32_t)b[17] << 24;
	assert_int_equal(p, period);
}

static void test_daily_blob_as_rop_binary_value(void **state)
{
	size_t n;
	uint8_t *b = blob(state, "MS-OXOCAL-4.1.1.3-daily-recurrence-blob.hex", &n);
	assert_int_equal(n, 0x54);
	assert_pattern_header(b, 0x200A, 4320);

	/* TaggedPropertyValue with a named-property id (PidLidAppointmentRecur is mapped per mailbox) */
	uint8_t wire[4 + 2 + 0x54] = {0x02, 0x01, 0x05, 0x80, 0x54, 0x00};
	memcpy(wire + 6, b, n);
	struct wc_reader r;
	struct mapi_propval pv;
	wc_reader_init(&r, wire, sizeof wire);
	assert_int_equal(mapi_tagged_propval_pull(&r, *state, 0, &pv), 0);
	assert_int_equal(pv.tag, 0x80050102);
	assert_int_equal(pv.value.bin.len, 0x54);
	assert_memory_equal(pv.value.bin.data, b, n);
	assert_int_equal(wc_reader_left(&r), 0);

	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_tagged_propval_push(&w, 0, &pv), 0);
	tu_assert_bytes(w.data, w.len, wire, sizeof wire);
}

static void test_exception_blob_with_32bit_count(void **state)
{
	size_t n;
	uint8_t *b = blob(state, "MS-OXOCAL-4.1.1.4-meeting-recurrence-exception-blob.hex", &n);
	assert_int_equal(n, 0x106);
	assert_pattern_header(b, 0x200B, 1);
	/* the exception's subject, 8-bit in ExceptionInfo */
	assert_non_null(memmem(b, n, "Simple Recurrence with exceptions", 33));

	uint8_t *wire = talloc_array(*state, uint8_t, 4 + n);
	wire[0] = 0x06, wire[1] = 0x01, wire[2] = 0, wire[3] = 0; /* COUNT 0x00000106 */
	memcpy(wire + 4, b, n);
	struct wc_reader r;
	union mapi_value v;
	wc_reader_init(&r, wire, 4 + n);
	assert_int_equal(mapi_value_pull(&r, *state, PT_BINARY, MAPI_PV_COUNT32, &v), 0);
	assert_int_equal(v.bin.len, 0x106);
	assert_memory_equal(v.bin.data, b, n);

	/* The same bytes read with the ROP-context 16-bit COUNT are another value: 0x0106 bytes from offset 2
	 * (the COUNT's upper half, then the BLOB less its last two bytes), leaving two bytes unread. */
	wc_reader_init(&r, wire, 4 + n);
	assert_int_equal(mapi_value_pull(&r, *state, PT_BINARY, 0, &v), 0);
	assert_int_equal(v.bin.len, 0x106);
	assert_int_equal(v.bin.data[0], 0);
	assert_memory_equal(v.bin.data + 2, b, n - 2);
	assert_int_equal(wc_reader_left(&r), 2);
}

static void test_both_blobs_as_multiple_binary(void **state)
{
	size_t n1, n2;
	uint8_t *b1 = blob(state, "MS-OXOCAL-4.1.1.3-daily-recurrence-blob.hex", &n1);
	uint8_t *b2 = blob(state, "MS-OXOCAL-4.1.1.4-meeting-recurrence-exception-blob.hex", &n2);
	/* PtypMultipleBinary in a ROP buffer: 32-bit value count, each value a 16-bit COUNT and its bytes */
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	wc_write_u32(&w, 2);
	wc_write_u16(&w, (uint16_t)n1);
	wc_write_bytes(&w, b1, n1);
	wc_write_u16(&w, (uint16_t)n2);
	wc_write_bytes(&w, b2, n2);
	struct wc_reader r;
	union mapi_value v;
	wc_reader_init(&r, w.data, w.len);
	assert_int_equal(mapi_value_pull(&r, *state, PT_MV_BINARY, 0, &v), 0);
	assert_int_equal(v.mv.count, 2);
	assert_int_equal(v.mv.bin[0].len, n1);
	assert_int_equal(v.mv.bin[1].len, n2);
	assert_memory_equal(v.mv.bin[1].data, b2, n2);
	for (size_t cut = 0; cut < w.len; cut++) {
		wc_reader_init(&r, w.data, cut);
		assert_int_not_equal(mapi_value_pull(&r, *state, PT_MV_BINARY, 0, &v), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_daily_blob_as_rop_binary_value, tu_mem_setup, tu_mem_teardown),
		cmocka_unit_test_setup_teardown(test_exception_blob_with_32bit_count, tu_mem_setup, tu_mem_teardown),
		cmocka_unit_test_setup_teardown(test_both_blobs_as_multiple_binary, tu_mem_setup, tu_mem_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
