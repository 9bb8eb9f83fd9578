/*
 * fat32.h - the on-disk layout of FAT32 as fat32*.c use it (after
 * Microsoft's "FAT: General Overview of On-Disk Format", 1.03).
 *
 * A volume is: reserved sectors (the boot sector with the BIOS parameter
 * block, the FSInfo sector, a backup boot sector), then the FATs (copies of
 * one table with a 32-bit entry per cluster), then the data area, whose
 * clusters are numbered from 2. FAT is little-endian, like all four arches.
 */
#ifndef FAT32_H
#define FAT32_H

#include "lib/lib.h"

/* Boot sector: byte offsets of the BIOS parameter block fields. */
#define BPB_BYTES_PER_SEC 11 /* u16: 512 here */
#define BPB_SEC_PER_CLUS 13  /* u8: a power of two */
#define BPB_RSVD_SEC_CNT 14  /* u16: sectors before the first FAT */
#define BPB_NUM_FATS 16	     /* u8 */
#define BPB_ROOT_ENT_CNT 17  /* u16: 0 on FAT32 (FAT12/16 have a fixed root) */
#define BPB_TOT_SEC16 19     /* u16: 0 on FAT32 */
#define BPB_FAT_SZ16 22	     /* u16: 0 on FAT32 */
#define BPB_TOT_SEC32 32     /* u32: sectors in the volume */
#define BPB_FAT_SZ32 36	     /* u32: sectors per FAT */
#define BPB_EXT_FLAGS 40     /* u16: bit 7 set: only FAT number (bits 0-3) is used */
#define BPB_FS_VER 42	     /* u16: 0 */
#define BPB_ROOT_CLUS 44     /* u32: first cluster of the root directory */
#define BPB_FS_INFO 48	     /* u16: sector of the FSInfo */
#define BOOT_SIG 510	     /* bytes 0x55, 0xAA */

/* FSInfo sector: a hint of the free cluster count and where to look for one. */
#define FSI_LEAD_SIG 0 /* u32 */
#define FSI_STRUC_SIG 484
#define FSI_FREE_COUNT 488 /* u32, 0xFFFFFFFF: unknown */
#define FSI_NXT_FREE 492   /* u32, 0xFFFFFFFF: unknown */
#define FSI_TRAIL_SIG 508
#define FSI_LEAD_VALUE 0x41615252
#define FSI_STRUC_VALUE 0x61417272
#define FSI_TRAIL_VALUE 0xAA550000
#define FSI_UNKNOWN 0xFFFFFFFF

/* FAT entries: the low 28 bits are the next cluster of the chain. */
#define FAT_ENTRY_MASK 0x0FFFFFFF
#define FAT_FREE 0
#define FAT_BAD 0x0FFFFFF7
#define FAT_EOC_MIN 0x0FFFFFF8	    /* this or more: end of the chain */
#define FAT_EOC 0x0FFFFFFF	    /* what we write at the end of a chain */
#define FAT_MAX_CLUSTERS 0x0FFFFFF5 /* cluster numbers go up to 0x0FFFFFF6 */

/* A directory is an array of 32-byte entries. */
struct fat_dirent {
	uint8_t name[11]; /* 8.3, space padded, no dot; name[0]: see below */
	uint8_t attr;
	uint8_t ntres; /* NTRES_LOWER_*: show the short name in lower case */
	uint8_t crt_time_tenth;
	uint16_t crt_time;
	uint16_t crt_date;
	uint16_t acc_date;
	uint16_t clus_hi; /* first cluster, high 16 bits */
	uint16_t wrt_time;
	uint16_t wrt_date;
	uint16_t clus_lo; /* first cluster, low 16 bits (0: an empty file) */
	uint32_t size;	  /* bytes; 0 for a directory */
};
_Static_assert(sizeof(struct fat_dirent) == 32, "a FAT directory entry is 32 bytes");

#define DIRENT_SIZE 32
#define DIRENT_END 0x00	     /* name[0]: this entry and all after it are free */
#define DIRENT_DELETED 0xE5  /* name[0]: a free entry */
#define DIRENT_KANJI_E5 0x05 /* name[0]: the name really starts with 0xE5 */

#define ATTR_READ_ONLY 0x01
#define ATTR_HIDDEN 0x02
#define ATTR_SYSTEM 0x04
#define ATTR_VOLUME_ID 0x08
#define ATTR_DIRECTORY 0x10
#define ATTR_ARCHIVE 0x20
#define ATTR_LONG_NAME 0x0F /* the four low bits together: a long name entry */
#define ATTR_LONG_NAME_MASK 0x3F

#define NTRES_LOWER_BASE 0x08
#define NTRES_LOWER_EXT 0x10

/*
 * Long names: entries with attr ATTR_LONG_NAME just before the short entry,
 * last part first. Each holds 13 UCS-2 characters at LFN_CHAR_OFFSETS, and
 * the checksum of the short name it belongs to. The name ends with 0x0000
 * and is padded with 0xFFFF (no 0x0000 if it fills the last entry exactly).
 */
#define LFN_ORD 0 /* u8: part number 1..20, | LFN_LAST on the last */
#define LFN_LAST 0x40
#define LFN_ORD_MASK 0x1F
#define LFN_ATTR 11	  /* u8: ATTR_LONG_NAME */
#define LFN_TYPE 12	  /* u8: 0 */
#define LFN_CHECKSUM 13	  /* u8 */
#define LFN_FIRST_CLUS 26 /* u16: 0 */
#define LFN_CHARS 13	  /* characters per entry */
#define LFN_MAX_PARTS 20  /* 20 * 13 >= 255 */
#define LFN_CHAR_OFFSETS                                                                           \
	{                                                                                          \
		1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30                                      \
	}

#endif
