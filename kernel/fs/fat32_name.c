/*
 * fat32_name.c - FAT names: case folding (ASCII letters), plain 8.3 short
 * names and their case flags, long names in UCS-2 and their entries, the
 * checksum that ties them to the short entry, and 8.3 aliases ("LONGNA~1.TXT")
 * for names that need one.
 */
#include "fs/fat32_internal.h"

static int upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

/* Names equal but for the case of ASCII letters (FAT's rule). */
bool fat_same_name(const char *a, const char *b)
{
	for (; *a != 0 && upper((uint8_t)*a) == upper((uint8_t)*b); a++, b++)
		;
	return upper((uint8_t)*a) == upper((uint8_t)*b);
}

/* Characters allowed in a short name besides letters and digits. */
static bool short_special(int c)
{
	const char *s = "!#$%&'()-@^_`{}~";
	for (; *s != 0; s++)
		if (*s == c)
			return true;
	return false;
}

/* Characters no FAT name may hold. */
static bool forbidden(uint32_t c)
{
	const char *s = "\"*/:<>?\\|";
	if (c < 0x20 || c == 0x7F)
		return true;
	for (; *s != 0; s++)
		if ((uint32_t)*s == c)
			return true;
	return false;
}

/* "NAME.EXT" out of the 11 bytes of a short entry, in lower case where
   ntres says (how Windows NT and Linux store "readme.txt" without a long
   name). Bytes a path cannot hold show as '_'. */
void fat_short_to_str(const uint8_t *n11, uint8_t ntres, char out[13])
{
	int k = 0, nbase = 8, next = 3;
	while (nbase > 0 && n11[nbase - 1] == ' ')
		nbase--;
	while (next > 0 && n11[8 + next - 1] == ' ')
		next--;
	for (int i = 0; i < nbase + next; i++) {
		int c = i < nbase ? n11[i] : n11[8 + i - nbase];
		uint8_t lower = i < nbase ? NTRES_LOWER_BASE : NTRES_LOWER_EXT;
		if (i == 0 && c == DIRENT_KANJI_E5)
			c = 0xE5;
		if ((ntres & lower) && c >= 'A' && c <= 'Z')
			c = c - 'A' + 'a';
		if (c < 0x20 || c == '/')
			c = '_';
		if (i == nbase)
			out[k++] = '.';
		out[k++] = (char)c;
	}
	if (k == 0)
		out[k++] = '_';
	out[k] = 0;
}

/* `name` as a plain short entry (8.3, only characters short names allow,
   each part in one case): true with the 11 bytes and case flags. */
static bool make_short(const char *name, uint8_t n11[11], uint8_t *ntres)
{
	int len = (int)strlen(name), dot = -1;
	for (int i = 0; i < len; i++)
		if (name[i] == '.') {
			if (dot >= 0)
				return false;
			dot = i;
		}
	int nbase = dot < 0 ? len : dot, next = dot < 0 ? 0 : len - dot - 1;
	if (nbase < 1 || nbase > 8 || next > 3 || (dot >= 0 && next == 0))
		return false;
	memset(n11, ' ', 11);
	*ntres = 0;
	for (int part = 0; part < 2; part++) {
		const char *s = part == 0 ? name : name + dot + 1;
		int n = part == 0 ? nbase : next;
		bool has_upper = false, has_lower = false;
		for (int i = 0; i < n; i++) {
			int c = (uint8_t)s[i];
			if (c >= 'a' && c <= 'z')
				has_lower = true;
			else if (c >= 'A' && c <= 'Z')
				has_upper = true;
			else if (!(c >= '0' && c <= '9') && !short_special(c))
				return false;
			n11[part * 8 + i] = (uint8_t)upper(c);
		}
		if (has_lower && has_upper)
			return false;
		if (has_lower)
			*ntres |= part == 0 ? NTRES_LOWER_BASE : NTRES_LOWER_EXT;
	}
	return true;
}

/* Decode the UTF-8 name into UCS-2 (FAT's long names): the number of
   characters, or -EINVAL (bad UTF-8, beyond 0xFFFF, a character FAT
   forbids, or a trailing dot or space, which Windows would drop) or
   -ENAMETOOLONG. */
static int name_to_ucs2(const char *name, uint16_t u[NAME_MAX])
{
	const uint8_t *p = (const uint8_t *)name;
	int n = 0;
	while (*p != 0) {
		uint32_t c = *p++, least = 0; /* least: no longer form than needed */
		int more = 0;
		if (c >= 0xE0 && c < 0xF0) {
			c &= 0x0F;
			more = 2;
			least = 0x800;
		} else if (c >= 0xC0 && c < 0xE0) {
			c &= 0x1F;
			more = 1;
			least = 0x80;
		} else if (c >= 0x80) {
			return -EINVAL;
		}
		for (; more > 0; more--, p++) {
			if ((*p & 0xC0) != 0x80)
				return -EINVAL;
			c = c << 6 | (*p & 0x3F);
		}
		if (c < least || forbidden(c) || (c >= 0xD800 && c <= 0xDFFF))
			return -EINVAL;
		if (n == NAME_MAX)
			return -ENAMETOOLONG;
		u[n++] = (uint16_t)c;
	}
	if (n == 0 || u[n - 1] == '.' || u[n - 1] == ' ')
		return -EINVAL;
	return n;
}

/* The UCS-2 long name (n characters at most, ending early at 0) in UTF-8:
   false if it does not fit in NAME_MAX bytes or is no good as a name. */
bool fat_ucs2_to_name(const uint16_t *u, int n, char out[NAME_MAX + 1])
{
	int k = 0;
	for (int i = 0; i < n && u[i] != 0; i++) {
		uint32_t c = u[i];
		int len = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
		if (c == '/' || (c >= 0xD800 && c <= 0xDFFF) || k + len > NAME_MAX)
			return false;
		if (len == 1) {
			out[k++] = (char)c;
		} else if (len == 2) {
			out[k++] = (char)(0xC0 | c >> 6);
			out[k++] = (char)(0x80 | (c & 0x3F));
		} else {
			out[k++] = (char)(0xE0 | c >> 12);
			out[k++] = (char)(0x80 | (c >> 6 & 0x3F));
			out[k++] = (char)(0x80 | (c & 0x3F));
		}
	}
	out[k] = 0;
	return k > 0;
}

/* The checksum of a short name that its long-name entries carry. */
uint8_t fat_lfn_checksum(const uint8_t n11[11])
{
	uint8_t sum = 0;
	for (int i = 0; i < 11; i++)
		sum = (uint8_t)(((sum & 1) << 7) + (sum >> 1) + n11[i]);
	return sum;
}

/* Long-name entry number `ord` (1 is stored last) of the n-character name. */
void fat_lfn_fill(uint8_t raw[DIRENT_SIZE], const uint16_t *u, int n, int ord, bool last,
		  uint8_t sum)
{
	static const uint8_t offsets[LFN_CHARS] = LFN_CHAR_OFFSETS;
	memset(raw, 0, DIRENT_SIZE);
	raw[LFN_ORD] = (uint8_t)(ord | (last ? LFN_LAST : 0));
	raw[LFN_ATTR] = ATTR_LONG_NAME;
	raw[LFN_CHECKSUM] = sum;
	for (int i = 0; i < LFN_CHARS; i++) {
		int k = (ord - 1) * LFN_CHARS + i;
		put16(raw + offsets[i], k < n ? u[k] : k == n ? 0 : 0xFFFF);
	}
}

/* An 8.3 alias for a long name, unique in the directory: the name in upper
   case without what short names cannot hold, cut to 8.3, with "~N" unless
   that alone is a faithful short name not yet taken. 0 or -errno. */
static int make_alias(struct fat32 *f, uint32_t first, const uint16_t *u, int n, uint8_t n11[11])
{
	char base[8], ext[3], tail[9];
	int nbase = 0, next = 0, start = 0, dot = -1, r;
	bool lossy = false;
	for (; start < n && u[start] == '.'; start++)
		lossy = true;
	for (int i = start; i < n; i++)
		if (u[i] == '.')
			dot = i;
	for (int i = start; i < n; i++) {
		int c = u[i] < 0x80 ? upper(u[i]) : 0;
		if (i == dot)
			continue;
		if (c == ' ' || c == '.') {
			lossy = true;
			continue;
		}
		if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && !short_special(c)) {
			c = '_';
			lossy = true;
		}
		if (dot >= 0 && i > dot) {
			if (next < 3)
				ext[next++] = (char)c;
			else
				lossy = true;
		} else if (nbase < 8) {
			base[nbase++] = (char)c;
		} else {
			lossy = true;
		}
	}
	if (nbase == 0) {
		base[nbase++] = '_';
		lossy = true;
	}
	memset(n11, ' ', 11);
	memcpy(n11, base, nbase);
	memcpy(n11 + 8, ext, next);
	if (!lossy) {
		r = fat_short_exists(f, first, n11);
		if (r <= 0)
			return r;
	}
	/* After ~4, as Windows does, put a hash of the long name in the alias
	   ("AB12F3~1"): many names with one prefix then need few tries. */
	uint32_t hash = 0;
	for (int i = 0; i < n; i++)
		hash = hash * 31 + u[i];
	for (uint32_t k = 1; k < 100000; k++) {
		if (k == 5) {
			nbase = nbase < 2 ? nbase : 2;
			nbase += snprintf(base + nbase, 8 - nbase, "%04X", hash & 0xFFFF);
		}
		int ntail = snprintf(tail, sizeof(tail), "~%u", k < 5 ? k : k - 4);
		int keep = nbase < 8 - ntail ? nbase : 8 - ntail;
		memset(n11, ' ', 8);
		memcpy(n11, base, keep);
		memcpy(n11 + keep, tail, ntail);
		r = fat_short_exists(f, first, n11);
		if (r <= 0)
			return r;
	}
	return -EEXIST;
}

/* Check a new name and find its short name: 0 with the UCS-2 name in u
   (*n characters), n11 and ntres, and *count slots needed; or -errno. */
int fat_new_name(struct fat32 *f, uint32_t first, const char *name, uint16_t *u, int *n,
		 uint8_t n11[11], uint8_t *ntres, uint32_t *count)
{
	struct entry e;
	int r;
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return -EEXIST;
	if (strlen(name) > NAME_MAX)
		return -ENAMETOOLONG;
	*n = name_to_ucs2(name, u);
	if (*n < 0)
		return *n;
	r = fat_dir_find(f, first, name, &e);
	if (r != 0)
		return r > 0 ? -EEXIST : r;
	*count = 1;
	if (make_short(name, n11, ntres))
		return 0;
	*ntres = 0;
	*count = (uint32_t)(*n + LFN_CHARS - 1) / LFN_CHARS + 1;
	return make_alias(f, first, u, *n, n11);
}
