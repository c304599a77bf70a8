//! Fast, exact character properties for the hot path.
//!
//! The standard library answers `char::is_alphabetic`, `to_lowercase` and
//! friends for non-ASCII characters with binary searches over Unicode
//! tables; on Cyrillic, Greek or accented Latin text that search was the
//! single largest cost of the per-line pass (docs/performance.md). This
//! module answers the same questions with the same answers: from a table
//! built once from the standard library for U+0000–U+07FF (every script
//! with two-byte UTF-8: Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic…),
//! from ranges checked exhaustively by the tests for the common CJK blocks,
//! and from the standard library itself for everything else.

/// Characters below this code point are answered from the table.
const TABLE_END: u32 = 0x800;

const ALPHABETIC: u32 = 1 << 21;
const NUMERIC: u32 = 1 << 22;
const WHITESPACE: u32 = 1 << 23;
const UPPERCASE: u32 = 1 << 24;
/// The lower case is more than one character (U+0130 İ → "i̇").
const MULTI_LOWER: u32 = 1 << 25;
const CHAR_BITS: u32 = (1 << 21) - 1;

/// Per character: its single-character lower case in the low 21 bits, and
/// the property flags above. A literal, written out from the standard
/// library's answers (`computed_table` in the tests, which checks every
/// entry against them): a static array needs neither the first-use check
/// of a lazily built table nor a bounds check after `u < TABLE_END`.
#[rustfmt::skip]
static TABLE: [u32; TABLE_END as usize] = [
    0x00000000, 0x00000001, 0x00000002, 0x00000003, 0x00000004, 0x00000005, 0x00000006, 0x00000007,
    0x00000008, 0x00800009, 0x0080000A, 0x0080000B, 0x0080000C, 0x0080000D, 0x0000000E, 0x0000000F,
    0x00000010, 0x00000011, 0x00000012, 0x00000013, 0x00000014, 0x00000015, 0x00000016, 0x00000017,
    0x00000018, 0x00000019, 0x0000001A, 0x0000001B, 0x0000001C, 0x0000001D, 0x0000001E, 0x0000001F,
    0x00800020, 0x00000021, 0x00000022, 0x00000023, 0x00000024, 0x00000025, 0x00000026, 0x00000027,
    0x00000028, 0x00000029, 0x0000002A, 0x0000002B, 0x0000002C, 0x0000002D, 0x0000002E, 0x0000002F,
    0x00400030, 0x00400031, 0x00400032, 0x00400033, 0x00400034, 0x00400035, 0x00400036, 0x00400037,
    0x00400038, 0x00400039, 0x0000003A, 0x0000003B, 0x0000003C, 0x0000003D, 0x0000003E, 0x0000003F,
    0x00000040, 0x01200061, 0x01200062, 0x01200063, 0x01200064, 0x01200065, 0x01200066, 0x01200067,
    0x01200068, 0x01200069, 0x0120006A, 0x0120006B, 0x0120006C, 0x0120006D, 0x0120006E, 0x0120006F,
    0x01200070, 0x01200071, 0x01200072, 0x01200073, 0x01200074, 0x01200075, 0x01200076, 0x01200077,
    0x01200078, 0x01200079, 0x0120007A, 0x0000005B, 0x0000005C, 0x0000005D, 0x0000005E, 0x0000005F,
    0x00000060, 0x00200061, 0x00200062, 0x00200063, 0x00200064, 0x00200065, 0x00200066, 0x00200067,
    0x00200068, 0x00200069, 0x0020006A, 0x0020006B, 0x0020006C, 0x0020006D, 0x0020006E, 0x0020006F,
    0x00200070, 0x00200071, 0x00200072, 0x00200073, 0x00200074, 0x00200075, 0x00200076, 0x00200077,
    0x00200078, 0x00200079, 0x0020007A, 0x0000007B, 0x0000007C, 0x0000007D, 0x0000007E, 0x0000007F,
    0x00000080, 0x00000081, 0x00000082, 0x00000083, 0x00000084, 0x00800085, 0x00000086, 0x00000087,
    0x00000088, 0x00000089, 0x0000008A, 0x0000008B, 0x0000008C, 0x0000008D, 0x0000008E, 0x0000008F,
    0x00000090, 0x00000091, 0x00000092, 0x00000093, 0x00000094, 0x00000095, 0x00000096, 0x00000097,
    0x00000098, 0x00000099, 0x0000009A, 0x0000009B, 0x0000009C, 0x0000009D, 0x0000009E, 0x0000009F,
    0x008000A0, 0x000000A1, 0x000000A2, 0x000000A3, 0x000000A4, 0x000000A5, 0x000000A6, 0x000000A7,
    0x000000A8, 0x000000A9, 0x002000AA, 0x000000AB, 0x000000AC, 0x000000AD, 0x000000AE, 0x000000AF,
    0x000000B0, 0x000000B1, 0x004000B2, 0x004000B3, 0x000000B4, 0x002000B5, 0x000000B6, 0x000000B7,
    0x000000B8, 0x004000B9, 0x002000BA, 0x000000BB, 0x004000BC, 0x004000BD, 0x004000BE, 0x000000BF,
    0x012000E0, 0x012000E1, 0x012000E2, 0x012000E3, 0x012000E4, 0x012000E5, 0x012000E6, 0x012000E7,
    0x012000E8, 0x012000E9, 0x012000EA, 0x012000EB, 0x012000EC, 0x012000ED, 0x012000EE, 0x012000EF,
    0x012000F0, 0x012000F1, 0x012000F2, 0x012000F3, 0x012000F4, 0x012000F5, 0x012000F6, 0x000000D7,
    0x012000F8, 0x012000F9, 0x012000FA, 0x012000FB, 0x012000FC, 0x012000FD, 0x012000FE, 0x002000DF,
    0x002000E0, 0x002000E1, 0x002000E2, 0x002000E3, 0x002000E4, 0x002000E5, 0x002000E6, 0x002000E7,
    0x002000E8, 0x002000E9, 0x002000EA, 0x002000EB, 0x002000EC, 0x002000ED, 0x002000EE, 0x002000EF,
    0x002000F0, 0x002000F1, 0x002000F2, 0x002000F3, 0x002000F4, 0x002000F5, 0x002000F6, 0x000000F7,
    0x002000F8, 0x002000F9, 0x002000FA, 0x002000FB, 0x002000FC, 0x002000FD, 0x002000FE, 0x002000FF,
    0x01200101, 0x00200101, 0x01200103, 0x00200103, 0x01200105, 0x00200105, 0x01200107, 0x00200107,
    0x01200109, 0x00200109, 0x0120010B, 0x0020010B, 0x0120010D, 0x0020010D, 0x0120010F, 0x0020010F,
    0x01200111, 0x00200111, 0x01200113, 0x00200113, 0x01200115, 0x00200115, 0x01200117, 0x00200117,
    0x01200119, 0x00200119, 0x0120011B, 0x0020011B, 0x0120011D, 0x0020011D, 0x0120011F, 0x0020011F,
    0x01200121, 0x00200121, 0x01200123, 0x00200123, 0x01200125, 0x00200125, 0x01200127, 0x00200127,
    0x01200129, 0x00200129, 0x0120012B, 0x0020012B, 0x0120012D, 0x0020012D, 0x0120012F, 0x0020012F,
    0x03200069, 0x00200131, 0x01200133, 0x00200133, 0x01200135, 0x00200135, 0x01200137, 0x00200137,
    0x00200138, 0x0120013A, 0x0020013A, 0x0120013C, 0x0020013C, 0x0120013E, 0x0020013E, 0x01200140,
    0x00200140, 0x01200142, 0x00200142, 0x01200144, 0x00200144, 0x01200146, 0x00200146, 0x01200148,
    0x00200148, 0x00200149, 0x0120014B, 0x0020014B, 0x0120014D, 0x0020014D, 0x0120014F, 0x0020014F,
    0x01200151, 0x00200151, 0x01200153, 0x00200153, 0x01200155, 0x00200155, 0x01200157, 0x00200157,
    0x01200159, 0x00200159, 0x0120015B, 0x0020015B, 0x0120015D, 0x0020015D, 0x0120015F, 0x0020015F,
    0x01200161, 0x00200161, 0x01200163, 0x00200163, 0x01200165, 0x00200165, 0x01200167, 0x00200167,
    0x01200169, 0x00200169, 0x0120016B, 0x0020016B, 0x0120016D, 0x0020016D, 0x0120016F, 0x0020016F,
    0x01200171, 0x00200171, 0x01200173, 0x00200173, 0x01200175, 0x00200175, 0x01200177, 0x00200177,
    0x012000FF, 0x0120017A, 0x0020017A, 0x0120017C, 0x0020017C, 0x0120017E, 0x0020017E, 0x0020017F,
    0x00200180, 0x01200253, 0x01200183, 0x00200183, 0x01200185, 0x00200185, 0x01200254, 0x01200188,
    0x00200188, 0x01200256, 0x01200257, 0x0120018C, 0x0020018C, 0x0020018D, 0x012001DD, 0x01200259,
    0x0120025B, 0x01200192, 0x00200192, 0x01200260, 0x01200263, 0x00200195, 0x01200269, 0x01200268,
    0x01200199, 0x00200199, 0x0020019A, 0x0020019B, 0x0120026F, 0x01200272, 0x0020019E, 0x01200275,
    0x012001A1, 0x002001A1, 0x012001A3, 0x002001A3, 0x012001A5, 0x002001A5, 0x01200280, 0x012001A8,
    0x002001A8, 0x01200283, 0x002001AA, 0x002001AB, 0x012001AD, 0x002001AD, 0x01200288, 0x012001B0,
    0x002001B0, 0x0120028A, 0x0120028B, 0x012001B4, 0x002001B4, 0x012001B6, 0x002001B6, 0x01200292,
    0x012001B9, 0x002001B9, 0x002001BA, 0x002001BB, 0x012001BD, 0x002001BD, 0x002001BE, 0x002001BF,
    0x002001C0, 0x002001C1, 0x002001C2, 0x002001C3, 0x012001C6, 0x002001C6, 0x002001C6, 0x012001C9,
    0x002001C9, 0x002001C9, 0x012001CC, 0x002001CC, 0x002001CC, 0x012001CE, 0x002001CE, 0x012001D0,
    0x002001D0, 0x012001D2, 0x002001D2, 0x012001D4, 0x002001D4, 0x012001D6, 0x002001D6, 0x012001D8,
    0x002001D8, 0x012001DA, 0x002001DA, 0x012001DC, 0x002001DC, 0x002001DD, 0x012001DF, 0x002001DF,
    0x012001E1, 0x002001E1, 0x012001E3, 0x002001E3, 0x012001E5, 0x002001E5, 0x012001E7, 0x002001E7,
    0x012001E9, 0x002001E9, 0x012001EB, 0x002001EB, 0x012001ED, 0x002001ED, 0x012001EF, 0x002001EF,
    0x002001F0, 0x012001F3, 0x002001F3, 0x002001F3, 0x012001F5, 0x002001F5, 0x01200195, 0x012001BF,
    0x012001F9, 0x002001F9, 0x012001FB, 0x002001FB, 0x012001FD, 0x002001FD, 0x012001FF, 0x002001FF,
    0x01200201, 0x00200201, 0x01200203, 0x00200203, 0x01200205, 0x00200205, 0x01200207, 0x00200207,
    0x01200209, 0x00200209, 0x0120020B, 0x0020020B, 0x0120020D, 0x0020020D, 0x0120020F, 0x0020020F,
    0x01200211, 0x00200211, 0x01200213, 0x00200213, 0x01200215, 0x00200215, 0x01200217, 0x00200217,
    0x01200219, 0x00200219, 0x0120021B, 0x0020021B, 0x0120021D, 0x0020021D, 0x0120021F, 0x0020021F,
    0x0120019E, 0x00200221, 0x01200223, 0x00200223, 0x01200225, 0x00200225, 0x01200227, 0x00200227,
    0x01200229, 0x00200229, 0x0120022B, 0x0020022B, 0x0120022D, 0x0020022D, 0x0120022F, 0x0020022F,
    0x01200231, 0x00200231, 0x01200233, 0x00200233, 0x00200234, 0x00200235, 0x00200236, 0x00200237,
    0x00200238, 0x00200239, 0x01202C65, 0x0120023C, 0x0020023C, 0x0120019A, 0x01202C66, 0x0020023F,
    0x00200240, 0x01200242, 0x00200242, 0x01200180, 0x01200289, 0x0120028C, 0x01200247, 0x00200247,
    0x01200249, 0x00200249, 0x0120024B, 0x0020024B, 0x0120024D, 0x0020024D, 0x0120024F, 0x0020024F,
    0x00200250, 0x00200251, 0x00200252, 0x00200253, 0x00200254, 0x00200255, 0x00200256, 0x00200257,
    0x00200258, 0x00200259, 0x0020025A, 0x0020025B, 0x0020025C, 0x0020025D, 0x0020025E, 0x0020025F,
    0x00200260, 0x00200261, 0x00200262, 0x00200263, 0x00200264, 0x00200265, 0x00200266, 0x00200267,
    0x00200268, 0x00200269, 0x0020026A, 0x0020026B, 0x0020026C, 0x0020026D, 0x0020026E, 0x0020026F,
    0x00200270, 0x00200271, 0x00200272, 0x00200273, 0x00200274, 0x00200275, 0x00200276, 0x00200277,
    0x00200278, 0x00200279, 0x0020027A, 0x0020027B, 0x0020027C, 0x0020027D, 0x0020027E, 0x0020027F,
    0x00200280, 0x00200281, 0x00200282, 0x00200283, 0x00200284, 0x00200285, 0x00200286, 0x00200287,
    0x00200288, 0x00200289, 0x0020028A, 0x0020028B, 0x0020028C, 0x0020028D, 0x0020028E, 0x0020028F,
    0x00200290, 0x00200291, 0x00200292, 0x00200293, 0x00200294, 0x00200295, 0x00200296, 0x00200297,
    0x00200298, 0x00200299, 0x0020029A, 0x0020029B, 0x0020029C, 0x0020029D, 0x0020029E, 0x0020029F,
    0x002002A0, 0x002002A1, 0x002002A2, 0x002002A3, 0x002002A4, 0x002002A5, 0x002002A6, 0x002002A7,
    0x002002A8, 0x002002A9, 0x002002AA, 0x002002AB, 0x002002AC, 0x002002AD, 0x002002AE, 0x002002AF,
    0x002002B0, 0x002002B1, 0x002002B2, 0x002002B3, 0x002002B4, 0x002002B5, 0x002002B6, 0x002002B7,
    0x002002B8, 0x002002B9, 0x002002BA, 0x002002BB, 0x002002BC, 0x002002BD, 0x002002BE, 0x002002BF,
    0x002002C0, 0x002002C1, 0x000002C2, 0x000002C3, 0x000002C4, 0x000002C5, 0x002002C6, 0x002002C7,
    0x002002C8, 0x002002C9, 0x002002CA, 0x002002CB, 0x002002CC, 0x002002CD, 0x002002CE, 0x002002CF,
    0x002002D0, 0x002002D1, 0x000002D2, 0x000002D3, 0x000002D4, 0x000002D5, 0x000002D6, 0x000002D7,
    0x000002D8, 0x000002D9, 0x000002DA, 0x000002DB, 0x000002DC, 0x000002DD, 0x000002DE, 0x000002DF,
    0x002002E0, 0x002002E1, 0x002002E2, 0x002002E3, 0x002002E4, 0x000002E5, 0x000002E6, 0x000002E7,
    0x000002E8, 0x000002E9, 0x000002EA, 0x000002EB, 0x002002EC, 0x000002ED, 0x002002EE, 0x000002EF,
    0x000002F0, 0x000002F1, 0x000002F2, 0x000002F3, 0x000002F4, 0x000002F5, 0x000002F6, 0x000002F7,
    0x000002F8, 0x000002F9, 0x000002FA, 0x000002FB, 0x000002FC, 0x000002FD, 0x000002FE, 0x000002FF,
    0x00000300, 0x00000301, 0x00000302, 0x00000303, 0x00000304, 0x00000305, 0x00000306, 0x00000307,
    0x00000308, 0x00000309, 0x0000030A, 0x0000030B, 0x0000030C, 0x0000030D, 0x0000030E, 0x0000030F,
    0x00000310, 0x00000311, 0x00000312, 0x00000313, 0x00000314, 0x00000315, 0x00000316, 0x00000317,
    0x00000318, 0x00000319, 0x0000031A, 0x0000031B, 0x0000031C, 0x0000031D, 0x0000031E, 0x0000031F,
    0x00000320, 0x00000321, 0x00000322, 0x00000323, 0x00000324, 0x00000325, 0x00000326, 0x00000327,
    0x00000328, 0x00000329, 0x0000032A, 0x0000032B, 0x0000032C, 0x0000032D, 0x0000032E, 0x0000032F,
    0x00000330, 0x00000331, 0x00000332, 0x00000333, 0x00000334, 0x00000335, 0x00000336, 0x00000337,
    0x00000338, 0x00000339, 0x0000033A, 0x0000033B, 0x0000033C, 0x0000033D, 0x0000033E, 0x0000033F,
    0x00000340, 0x00000341, 0x00000342, 0x00000343, 0x00000344, 0x00200345, 0x00000346, 0x00000347,
    0x00000348, 0x00000349, 0x0000034A, 0x0000034B, 0x0000034C, 0x0000034D, 0x0000034E, 0x0000034F,
    0x00000350, 0x00000351, 0x00000352, 0x00000353, 0x00000354, 0x00000355, 0x00000356, 0x00000357,
    0x00000358, 0x00000359, 0x0000035A, 0x0000035B, 0x0000035C, 0x0000035D, 0x0000035E, 0x0000035F,
    0x00000360, 0x00000361, 0x00000362, 0x00200363, 0x00200364, 0x00200365, 0x00200366, 0x00200367,
    0x00200368, 0x00200369, 0x0020036A, 0x0020036B, 0x0020036C, 0x0020036D, 0x0020036E, 0x0020036F,
    0x01200371, 0x00200371, 0x01200373, 0x00200373, 0x00200374, 0x00000375, 0x01200377, 0x00200377,
    0x00000378, 0x00000379, 0x0020037A, 0x0020037B, 0x0020037C, 0x0020037D, 0x0000037E, 0x012003F3,
    0x00000380, 0x00000381, 0x00000382, 0x00000383, 0x00000384, 0x00000385, 0x012003AC, 0x00000387,
    0x012003AD, 0x012003AE, 0x012003AF, 0x0000038B, 0x012003CC, 0x0000038D, 0x012003CD, 0x012003CE,
    0x00200390, 0x012003B1, 0x012003B2, 0x012003B3, 0x012003B4, 0x012003B5, 0x012003B6, 0x012003B7,
    0x012003B8, 0x012003B9, 0x012003BA, 0x012003BB, 0x012003BC, 0x012003BD, 0x012003BE, 0x012003BF,
    0x012003C0, 0x012003C1, 0x000003A2, 0x012003C3, 0x012003C4, 0x012003C5, 0x012003C6, 0x012003C7,
    0x012003C8, 0x012003C9, 0x012003CA, 0x012003CB, 0x002003AC, 0x002003AD, 0x002003AE, 0x002003AF,
    0x002003B0, 0x002003B1, 0x002003B2, 0x002003B3, 0x002003B4, 0x002003B5, 0x002003B6, 0x002003B7,
    0x002003B8, 0x002003B9, 0x002003BA, 0x002003BB, 0x002003BC, 0x002003BD, 0x002003BE, 0x002003BF,
    0x002003C0, 0x002003C1, 0x002003C2, 0x002003C3, 0x002003C4, 0x002003C5, 0x002003C6, 0x002003C7,
    0x002003C8, 0x002003C9, 0x002003CA, 0x002003CB, 0x002003CC, 0x002003CD, 0x002003CE, 0x012003D7,
    0x002003D0, 0x002003D1, 0x012003D2, 0x012003D3, 0x012003D4, 0x002003D5, 0x002003D6, 0x002003D7,
    0x012003D9, 0x002003D9, 0x012003DB, 0x002003DB, 0x012003DD, 0x002003DD, 0x012003DF, 0x002003DF,
    0x012003E1, 0x002003E1, 0x012003E3, 0x002003E3, 0x012003E5, 0x002003E5, 0x012003E7, 0x002003E7,
    0x012003E9, 0x002003E9, 0x012003EB, 0x002003EB, 0x012003ED, 0x002003ED, 0x012003EF, 0x002003EF,
    0x002003F0, 0x002003F1, 0x002003F2, 0x002003F3, 0x012003B8, 0x002003F5, 0x000003F6, 0x012003F8,
    0x002003F8, 0x012003F2, 0x012003FB, 0x002003FB, 0x002003FC, 0x0120037B, 0x0120037C, 0x0120037D,
    0x01200450, 0x01200451, 0x01200452, 0x01200453, 0x01200454, 0x01200455, 0x01200456, 0x01200457,
    0x01200458, 0x01200459, 0x0120045A, 0x0120045B, 0x0120045C, 0x0120045D, 0x0120045E, 0x0120045F,
    0x01200430, 0x01200431, 0x01200432, 0x01200433, 0x01200434, 0x01200435, 0x01200436, 0x01200437,
    0x01200438, 0x01200439, 0x0120043A, 0x0120043B, 0x0120043C, 0x0120043D, 0x0120043E, 0x0120043F,
    0x01200440, 0x01200441, 0x01200442, 0x01200443, 0x01200444, 0x01200445, 0x01200446, 0x01200447,
    0x01200448, 0x01200449, 0x0120044A, 0x0120044B, 0x0120044C, 0x0120044D, 0x0120044E, 0x0120044F,
    0x00200430, 0x00200431, 0x00200432, 0x00200433, 0x00200434, 0x00200435, 0x00200436, 0x00200437,
    0x00200438, 0x00200439, 0x0020043A, 0x0020043B, 0x0020043C, 0x0020043D, 0x0020043E, 0x0020043F,
    0x00200440, 0x00200441, 0x00200442, 0x00200443, 0x00200444, 0x00200445, 0x00200446, 0x00200447,
    0x00200448, 0x00200449, 0x0020044A, 0x0020044B, 0x0020044C, 0x0020044D, 0x0020044E, 0x0020044F,
    0x00200450, 0x00200451, 0x00200452, 0x00200453, 0x00200454, 0x00200455, 0x00200456, 0x00200457,
    0x00200458, 0x00200459, 0x0020045A, 0x0020045B, 0x0020045C, 0x0020045D, 0x0020045E, 0x0020045F,
    0x01200461, 0x00200461, 0x01200463, 0x00200463, 0x01200465, 0x00200465, 0x01200467, 0x00200467,
    0x01200469, 0x00200469, 0x0120046B, 0x0020046B, 0x0120046D, 0x0020046D, 0x0120046F, 0x0020046F,
    0x01200471, 0x00200471, 0x01200473, 0x00200473, 0x01200475, 0x00200475, 0x01200477, 0x00200477,
    0x01200479, 0x00200479, 0x0120047B, 0x0020047B, 0x0120047D, 0x0020047D, 0x0120047F, 0x0020047F,
    0x01200481, 0x00200481, 0x00000482, 0x00000483, 0x00000484, 0x00000485, 0x00000486, 0x00000487,
    0x00000488, 0x00000489, 0x0120048B, 0x0020048B, 0x0120048D, 0x0020048D, 0x0120048F, 0x0020048F,
    0x01200491, 0x00200491, 0x01200493, 0x00200493, 0x01200495, 0x00200495, 0x01200497, 0x00200497,
    0x01200499, 0x00200499, 0x0120049B, 0x0020049B, 0x0120049D, 0x0020049D, 0x0120049F, 0x0020049F,
    0x012004A1, 0x002004A1, 0x012004A3, 0x002004A3, 0x012004A5, 0x002004A5, 0x012004A7, 0x002004A7,
    0x012004A9, 0x002004A9, 0x012004AB, 0x002004AB, 0x012004AD, 0x002004AD, 0x012004AF, 0x002004AF,
    0x012004B1, 0x002004B1, 0x012004B3, 0x002004B3, 0x012004B5, 0x002004B5, 0x012004B7, 0x002004B7,
    0x012004B9, 0x002004B9, 0x012004BB, 0x002004BB, 0x012004BD, 0x002004BD, 0x012004BF, 0x002004BF,
    0x012004CF, 0x012004C2, 0x002004C2, 0x012004C4, 0x002004C4, 0x012004C6, 0x002004C6, 0x012004C8,
    0x002004C8, 0x012004CA, 0x002004CA, 0x012004CC, 0x002004CC, 0x012004CE, 0x002004CE, 0x002004CF,
    0x012004D1, 0x002004D1, 0x012004D3, 0x002004D3, 0x012004D5, 0x002004D5, 0x012004D7, 0x002004D7,
    0x012004D9, 0x002004D9, 0x012004DB, 0x002004DB, 0x012004DD, 0x002004DD, 0x012004DF, 0x002004DF,
    0x012004E1, 0x002004E1, 0x012004E3, 0x002004E3, 0x012004E5, 0x002004E5, 0x012004E7, 0x002004E7,
    0x012004E9, 0x002004E9, 0x012004EB, 0x002004EB, 0x012004ED, 0x002004ED, 0x012004EF, 0x002004EF,
    0x012004F1, 0x002004F1, 0x012004F3, 0x002004F3, 0x012004F5, 0x002004F5, 0x012004F7, 0x002004F7,
    0x012004F9, 0x002004F9, 0x012004FB, 0x002004FB, 0x012004FD, 0x002004FD, 0x012004FF, 0x002004FF,
    0x01200501, 0x00200501, 0x01200503, 0x00200503, 0x01200505, 0x00200505, 0x01200507, 0x00200507,
    0x01200509, 0x00200509, 0x0120050B, 0x0020050B, 0x0120050D, 0x0020050D, 0x0120050F, 0x0020050F,
    0x01200511, 0x00200511, 0x01200513, 0x00200513, 0x01200515, 0x00200515, 0x01200517, 0x00200517,
    0x01200519, 0x00200519, 0x0120051B, 0x0020051B, 0x0120051D, 0x0020051D, 0x0120051F, 0x0020051F,
    0x01200521, 0x00200521, 0x01200523, 0x00200523, 0x01200525, 0x00200525, 0x01200527, 0x00200527,
    0x01200529, 0x00200529, 0x0120052B, 0x0020052B, 0x0120052D, 0x0020052D, 0x0120052F, 0x0020052F,
    0x00000530, 0x01200561, 0x01200562, 0x01200563, 0x01200564, 0x01200565, 0x01200566, 0x01200567,
    0x01200568, 0x01200569, 0x0120056A, 0x0120056B, 0x0120056C, 0x0120056D, 0x0120056E, 0x0120056F,
    0x01200570, 0x01200571, 0x01200572, 0x01200573, 0x01200574, 0x01200575, 0x01200576, 0x01200577,
    0x01200578, 0x01200579, 0x0120057A, 0x0120057B, 0x0120057C, 0x0120057D, 0x0120057E, 0x0120057F,
    0x01200580, 0x01200581, 0x01200582, 0x01200583, 0x01200584, 0x01200585, 0x01200586, 0x00000557,
    0x00000558, 0x00200559, 0x0000055A, 0x0000055B, 0x0000055C, 0x0000055D, 0x0000055E, 0x0000055F,
    0x00200560, 0x00200561, 0x00200562, 0x00200563, 0x00200564, 0x00200565, 0x00200566, 0x00200567,
    0x00200568, 0x00200569, 0x0020056A, 0x0020056B, 0x0020056C, 0x0020056D, 0x0020056E, 0x0020056F,
    0x00200570, 0x00200571, 0x00200572, 0x00200573, 0x00200574, 0x00200575, 0x00200576, 0x00200577,
    0x00200578, 0x00200579, 0x0020057A, 0x0020057B, 0x0020057C, 0x0020057D, 0x0020057E, 0x0020057F,
    0x00200580, 0x00200581, 0x00200582, 0x00200583, 0x00200584, 0x00200585, 0x00200586, 0x00200587,
    0x00200588, 0x00000589, 0x0000058A, 0x0000058B, 0x0000058C, 0x0000058D, 0x0000058E, 0x0000058F,
    0x00000590, 0x00000591, 0x00000592, 0x00000593, 0x00000594, 0x00000595, 0x00000596, 0x00000597,
    0x00000598, 0x00000599, 0x0000059A, 0x0000059B, 0x0000059C, 0x0000059D, 0x0000059E, 0x0000059F,
    0x000005A0, 0x000005A1, 0x000005A2, 0x000005A3, 0x000005A4, 0x000005A5, 0x000005A6, 0x000005A7,
    0x000005A8, 0x000005A9, 0x000005AA, 0x000005AB, 0x000005AC, 0x000005AD, 0x000005AE, 0x000005AF,
    0x002005B0, 0x002005B1, 0x002005B2, 0x002005B3, 0x002005B4, 0x002005B5, 0x002005B6, 0x002005B7,
    0x002005B8, 0x002005B9, 0x002005BA, 0x002005BB, 0x002005BC, 0x002005BD, 0x000005BE, 0x002005BF,
    0x000005C0, 0x002005C1, 0x002005C2, 0x000005C3, 0x002005C4, 0x002005C5, 0x000005C6, 0x002005C7,
    0x000005C8, 0x000005C9, 0x000005CA, 0x000005CB, 0x000005CC, 0x000005CD, 0x000005CE, 0x000005CF,
    0x002005D0, 0x002005D1, 0x002005D2, 0x002005D3, 0x002005D4, 0x002005D5, 0x002005D6, 0x002005D7,
    0x002005D8, 0x002005D9, 0x002005DA, 0x002005DB, 0x002005DC, 0x002005DD, 0x002005DE, 0x002005DF,
    0x002005E0, 0x002005E1, 0x002005E2, 0x002005E3, 0x002005E4, 0x002005E5, 0x002005E6, 0x002005E7,
    0x002005E8, 0x002005E9, 0x002005EA, 0x000005EB, 0x000005EC, 0x000005ED, 0x000005EE, 0x002005EF,
    0x002005F0, 0x002005F1, 0x002005F2, 0x000005F3, 0x000005F4, 0x000005F5, 0x000005F6, 0x000005F7,
    0x000005F8, 0x000005F9, 0x000005FA, 0x000005FB, 0x000005FC, 0x000005FD, 0x000005FE, 0x000005FF,
    0x00000600, 0x00000601, 0x00000602, 0x00000603, 0x00000604, 0x00000605, 0x00000606, 0x00000607,
    0x00000608, 0x00000609, 0x0000060A, 0x0000060B, 0x0000060C, 0x0000060D, 0x0000060E, 0x0000060F,
    0x00200610, 0x00200611, 0x00200612, 0x00200613, 0x00200614, 0x00200615, 0x00200616, 0x00200617,
    0x00200618, 0x00200619, 0x0020061A, 0x0000061B, 0x0000061C, 0x0000061D, 0x0000061E, 0x0000061F,
    0x00200620, 0x00200621, 0x00200622, 0x00200623, 0x00200624, 0x00200625, 0x00200626, 0x00200627,
    0x00200628, 0x00200629, 0x0020062A, 0x0020062B, 0x0020062C, 0x0020062D, 0x0020062E, 0x0020062F,
    0x00200630, 0x00200631, 0x00200632, 0x00200633, 0x00200634, 0x00200635, 0x00200636, 0x00200637,
    0x00200638, 0x00200639, 0x0020063A, 0x0020063B, 0x0020063C, 0x0020063D, 0x0020063E, 0x0020063F,
    0x00200640, 0x00200641, 0x00200642, 0x00200643, 0x00200644, 0x00200645, 0x00200646, 0x00200647,
    0x00200648, 0x00200649, 0x0020064A, 0x0020064B, 0x0020064C, 0x0020064D, 0x0020064E, 0x0020064F,
    0x00200650, 0x00200651, 0x00200652, 0x00200653, 0x00200654, 0x00200655, 0x00200656, 0x00200657,
    0x00000658, 0x00200659, 0x0020065A, 0x0020065B, 0x0020065C, 0x0020065D, 0x0020065E, 0x0020065F,
    0x00400660, 0x00400661, 0x00400662, 0x00400663, 0x00400664, 0x00400665, 0x00400666, 0x00400667,
    0x00400668, 0x00400669, 0x0000066A, 0x0000066B, 0x0000066C, 0x0000066D, 0x0020066E, 0x0020066F,
    0x00200670, 0x00200671, 0x00200672, 0x00200673, 0x00200674, 0x00200675, 0x00200676, 0x00200677,
    0x00200678, 0x00200679, 0x0020067A, 0x0020067B, 0x0020067C, 0x0020067D, 0x0020067E, 0x0020067F,
    0x00200680, 0x00200681, 0x00200682, 0x00200683, 0x00200684, 0x00200685, 0x00200686, 0x00200687,
    0x00200688, 0x00200689, 0x0020068A, 0x0020068B, 0x0020068C, 0x0020068D, 0x0020068E, 0x0020068F,
    0x00200690, 0x00200691, 0x00200692, 0x00200693, 0x00200694, 0x00200695, 0x00200696, 0x00200697,
    0x00200698, 0x00200699, 0x0020069A, 0x0020069B, 0x0020069C, 0x0020069D, 0x0020069E, 0x0020069F,
    0x002006A0, 0x002006A1, 0x002006A2, 0x002006A3, 0x002006A4, 0x002006A5, 0x002006A6, 0x002006A7,
    0x002006A8, 0x002006A9, 0x002006AA, 0x002006AB, 0x002006AC, 0x002006AD, 0x002006AE, 0x002006AF,
    0x002006B0, 0x002006B1, 0x002006B2, 0x002006B3, 0x002006B4, 0x002006B5, 0x002006B6, 0x002006B7,
    0x002006B8, 0x002006B9, 0x002006BA, 0x002006BB, 0x002006BC, 0x002006BD, 0x002006BE, 0x002006BF,
    0x002006C0, 0x002006C1, 0x002006C2, 0x002006C3, 0x002006C4, 0x002006C5, 0x002006C6, 0x002006C7,
    0x002006C8, 0x002006C9, 0x002006CA, 0x002006CB, 0x002006CC, 0x002006CD, 0x002006CE, 0x002006CF,
    0x002006D0, 0x002006D1, 0x002006D2, 0x002006D3, 0x000006D4, 0x002006D5, 0x002006D6, 0x002006D7,
    0x002006D8, 0x002006D9, 0x002006DA, 0x002006DB, 0x002006DC, 0x000006DD, 0x000006DE, 0x000006DF,
    0x000006E0, 0x002006E1, 0x002006E2, 0x002006E3, 0x002006E4, 0x002006E5, 0x002006E6, 0x002006E7,
    0x002006E8, 0x000006E9, 0x000006EA, 0x000006EB, 0x000006EC, 0x002006ED, 0x002006EE, 0x002006EF,
    0x004006F0, 0x004006F1, 0x004006F2, 0x004006F3, 0x004006F4, 0x004006F5, 0x004006F6, 0x004006F7,
    0x004006F8, 0x004006F9, 0x002006FA, 0x002006FB, 0x002006FC, 0x000006FD, 0x000006FE, 0x002006FF,
    0x00000700, 0x00000701, 0x00000702, 0x00000703, 0x00000704, 0x00000705, 0x00000706, 0x00000707,
    0x00000708, 0x00000709, 0x0000070A, 0x0000070B, 0x0000070C, 0x0000070D, 0x0000070E, 0x0000070F,
    0x00200710, 0x00200711, 0x00200712, 0x00200713, 0x00200714, 0x00200715, 0x00200716, 0x00200717,
    0x00200718, 0x00200719, 0x0020071A, 0x0020071B, 0x0020071C, 0x0020071D, 0x0020071E, 0x0020071F,
    0x00200720, 0x00200721, 0x00200722, 0x00200723, 0x00200724, 0x00200725, 0x00200726, 0x00200727,
    0x00200728, 0x00200729, 0x0020072A, 0x0020072B, 0x0020072C, 0x0020072D, 0x0020072E, 0x0020072F,
    0x00200730, 0x00200731, 0x00200732, 0x00200733, 0x00200734, 0x00200735, 0x00200736, 0x00200737,
    0x00200738, 0x00200739, 0x0020073A, 0x0020073B, 0x0020073C, 0x0020073D, 0x0020073E, 0x0020073F,
    0x00000740, 0x00000741, 0x00000742, 0x00000743, 0x00000744, 0x00000745, 0x00000746, 0x00000747,
    0x00000748, 0x00000749, 0x0000074A, 0x0000074B, 0x0000074C, 0x0020074D, 0x0020074E, 0x0020074F,
    0x00200750, 0x00200751, 0x00200752, 0x00200753, 0x00200754, 0x00200755, 0x00200756, 0x00200757,
    0x00200758, 0x00200759, 0x0020075A, 0x0020075B, 0x0020075C, 0x0020075D, 0x0020075E, 0x0020075F,
    0x00200760, 0x00200761, 0x00200762, 0x00200763, 0x00200764, 0x00200765, 0x00200766, 0x00200767,
    0x00200768, 0x00200769, 0x0020076A, 0x0020076B, 0x0020076C, 0x0020076D, 0x0020076E, 0x0020076F,
    0x00200770, 0x00200771, 0x00200772, 0x00200773, 0x00200774, 0x00200775, 0x00200776, 0x00200777,
    0x00200778, 0x00200779, 0x0020077A, 0x0020077B, 0x0020077C, 0x0020077D, 0x0020077E, 0x0020077F,
    0x00200780, 0x00200781, 0x00200782, 0x00200783, 0x00200784, 0x00200785, 0x00200786, 0x00200787,
    0x00200788, 0x00200789, 0x0020078A, 0x0020078B, 0x0020078C, 0x0020078D, 0x0020078E, 0x0020078F,
    0x00200790, 0x00200791, 0x00200792, 0x00200793, 0x00200794, 0x00200795, 0x00200796, 0x00200797,
    0x00200798, 0x00200799, 0x0020079A, 0x0020079B, 0x0020079C, 0x0020079D, 0x0020079E, 0x0020079F,
    0x002007A0, 0x002007A1, 0x002007A2, 0x002007A3, 0x002007A4, 0x002007A5, 0x002007A6, 0x002007A7,
    0x002007A8, 0x002007A9, 0x002007AA, 0x002007AB, 0x002007AC, 0x002007AD, 0x002007AE, 0x002007AF,
    0x002007B0, 0x002007B1, 0x000007B2, 0x000007B3, 0x000007B4, 0x000007B5, 0x000007B6, 0x000007B7,
    0x000007B8, 0x000007B9, 0x000007BA, 0x000007BB, 0x000007BC, 0x000007BD, 0x000007BE, 0x000007BF,
    0x004007C0, 0x004007C1, 0x004007C2, 0x004007C3, 0x004007C4, 0x004007C5, 0x004007C6, 0x004007C7,
    0x004007C8, 0x004007C9, 0x002007CA, 0x002007CB, 0x002007CC, 0x002007CD, 0x002007CE, 0x002007CF,
    0x002007D0, 0x002007D1, 0x002007D2, 0x002007D3, 0x002007D4, 0x002007D5, 0x002007D6, 0x002007D7,
    0x002007D8, 0x002007D9, 0x002007DA, 0x002007DB, 0x002007DC, 0x002007DD, 0x002007DE, 0x002007DF,
    0x002007E0, 0x002007E1, 0x002007E2, 0x002007E3, 0x002007E4, 0x002007E5, 0x002007E6, 0x002007E7,
    0x002007E8, 0x002007E9, 0x002007EA, 0x000007EB, 0x000007EC, 0x000007ED, 0x000007EE, 0x000007EF,
    0x000007F0, 0x000007F1, 0x000007F2, 0x000007F3, 0x002007F4, 0x002007F5, 0x000007F6, 0x000007F7,
    0x000007F8, 0x000007F9, 0x002007FA, 0x000007FB, 0x000007FC, 0x000007FD, 0x000007FE, 0x000007FF,
];

/// The properties of one character below U+0800 (ASCII and every two-byte
/// UTF-8 character), from one fetch of the table: what [`is_alphabetic`],
/// [`is_numeric`], [`is_whitespace`], [`is_uppercase`] and [`push_lower`]
/// say of it, for a caller that asks several of them.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Props(u32);

impl Props {
    /// The properties of `c`, or `None` from U+0800 on.
    #[inline(always)]
    pub(crate) fn of(c: char) -> Option<Props> {
        entry(c).map(Props)
    }

    /// [`is_alphabetic`].
    #[inline(always)]
    pub(crate) fn is_alphabetic(self) -> bool {
        self.0 & ALPHABETIC != 0
    }

    /// [`is_numeric`].
    #[inline(always)]
    pub(crate) fn is_numeric(self) -> bool {
        self.0 & NUMERIC != 0
    }

    /// [`is_alphanumeric`].
    #[inline(always)]
    pub(crate) fn is_alphanumeric(self) -> bool {
        self.0 & (ALPHABETIC | NUMERIC) != 0
    }

    /// [`is_whitespace`].
    #[inline(always)]
    pub(crate) fn is_whitespace(self) -> bool {
        self.0 & WHITESPACE != 0
    }

    /// [`is_uppercase`].
    #[inline(always)]
    pub(crate) fn is_uppercase(self) -> bool {
        self.0 & UPPERCASE != 0
    }

    /// The lower case when it is one character (what [`push_lower`]
    /// pushes); `None` when it is several.
    #[inline(always)]
    pub(crate) fn lower(self) -> Option<char> {
        if self.0 & MULTI_LOWER != 0 {
            return None;
        }
        char::from_u32(self.0 & CHAR_BITS)
    }

    /// The UTF-8 bytes of [`Props::lower`] packed little-endian (the first
    /// byte lowest) and their number, encoded from the table entry without
    /// building a `char`: a caller with four bytes of room stores all four
    /// and keeps the first `len`. `None` when the lower case is several
    /// characters. (The entries are `char`s: checked by the tests, with
    /// the bytes against `char::encode_utf8`.)
    #[inline(always)]
    pub(crate) fn lower_utf8(self) -> Option<(u32, usize)> {
        if self.0 & MULTI_LOWER != 0 {
            return None;
        }
        let v = self.0 & CHAR_BITS;
        Some(if v < 0x80 {
            (v, 1)
        } else if v < 0x800 {
            (0xC0 | v >> 6 | (0x80 | v & 0x3F) << 8, 2)
        } else if v < 0x1_0000 {
            (0xE0 | v >> 12 | (0x80 | v >> 6 & 0x3F) << 8 | (0x80 | v & 0x3F) << 16, 3)
        } else {
            let b = [0xF0 | v >> 18, 0x80 | v >> 12 & 0x3F, 0x80 | v >> 6 & 0x3F, 0x80 | v & 0x3F];
            (b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24, 4)
        })
    }
}

/// Blocks of letters that are alphabetic, not numeric, not upper case and
/// their own lower case, in full (checked for every code point by the
/// tests): CJK unified ideographs, hiragana, katakana, Hangul syllables.
#[inline]
fn is_plain_letter_block(u: u32) -> bool {
    matches!(u, 0x4E00..=0x9FFF | 0x3041..=0x3096 | 0x30A1..=0x30FA | 0xAC00..=0xD7A3)
}

#[inline]
fn entry(c: char) -> Option<u32> {
    let u = c as u32;
    TABLE.get(u as usize).copied()
}

/// The character encoded by a well-formed two-byte UTF-8 sequence at the
/// start of `bytes` (a lead byte `C2`–`DF` and a continuation byte): such a
/// pair is one character wherever it stands, as `str::utf8_chunks` decodes
/// it. `None` for anything else.
#[inline(always)]
pub(crate) fn two_byte_char(bytes: &[u8]) -> Option<char> {
    match *bytes {
        [b0 @ 0xC2..=0xDF, b1, ..] if b1 & 0xC0 == 0x80 => {
            char::from_u32(u32::from(b0 & 0x1F) << 6 | u32::from(b1 & 0x3F))
        }
        _ => None,
    }
}

/// The character encoded by a well-formed three-byte UTF-8 sequence at the
/// start of `bytes` (a lead byte `E0`–`EF`, a second byte in the range that
/// lead allows, a continuation byte): such a triple is one character
/// wherever it stands, as `str::utf8_chunks` decodes it. `None` for
/// anything else (surrogates and overlong forms included).
#[inline(always)]
pub(crate) fn three_byte_char(bytes: &[u8]) -> Option<char> {
    match *bytes {
        [b0 @ 0xE0..=0xEF, b1, b2, ..]
            if b2 & 0xC0 == 0x80
                && match b0 {
                    0xE0 => matches!(b1, 0xA0..=0xBF),
                    0xED => matches!(b1, 0x80..=0x9F),
                    _ => b1 & 0xC0 == 0x80,
                } =>
        {
            char::from_u32(
                u32::from(b0 & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F),
            )
        }
        _ => None,
    }
}

/// The first character of `bytes` (not empty) and its length in bytes, as
/// `str::utf8_chunks` decodes it: `None` and the length of the invalid
/// sequence there when the bytes do not start with a character. One-, two-
/// and three-byte characters are decoded inline; the rest (four-byte
/// characters, invalid sequences) out of line.
///
/// A sequence's extent depends on its own bytes only (at most four), so
/// decoding `bytes` step by step from a character boundary gives the same
/// characters and invalid sequences as `utf8_chunks` over the whole.
#[inline(always)]
pub(crate) fn decode(bytes: &[u8]) -> (Option<char>, usize) {
    let b0 = bytes[0];
    if b0 < 0x80 {
        return (Some(char::from(b0)), 1);
    }
    if let Some(c) = two_byte_char(bytes) {
        return (Some(c), 2);
    }
    if let Some(c) = three_byte_char(bytes) {
        return (Some(c), 3);
    }
    decode_slow(bytes)
}

/// The rare case of [`decode`], kept out of line.
#[cold]
#[inline(never)]
fn decode_slow(bytes: &[u8]) -> (Option<char>, usize) {
    let window = &bytes[..bytes.len().min(4)];
    match window.utf8_chunks().next() {
        Some(chunk) => match chunk.valid().chars().next() {
            Some(c) => (Some(c), c.len_utf8()),
            None => (None, chunk.invalid().len().max(1)),
        },
        None => (None, 1),
    }
}

/// Same as [`char::is_alphabetic`].
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    match entry(c) {
        Some(e) => e & ALPHABETIC != 0,
        None => is_plain_letter_block(c as u32) || c.is_alphabetic(),
    }
}

/// Same as [`char::is_numeric`].
#[inline]
pub(crate) fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    match entry(c) {
        Some(e) => e & NUMERIC != 0,
        None => !is_plain_letter_block(c as u32) && c.is_numeric(),
    }
}

/// Same as [`char::is_alphanumeric`].
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match entry(c) {
        Some(e) => e & (ALPHABETIC | NUMERIC) != 0,
        None => is_plain_letter_block(c as u32) || c.is_alphanumeric(),
    }
}

/// Same as [`char::is_whitespace`].
#[inline]
pub(crate) fn is_whitespace(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' ' | '\t'..='\r');
    }
    match entry(c) {
        Some(e) => e & WHITESPACE != 0,
        None => !is_plain_letter_block(c as u32) && c.is_whitespace(),
    }
}

/// Same as [`char::is_uppercase`].
#[inline]
pub(crate) fn is_uppercase(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    match entry(c) {
        Some(e) => e & UPPERCASE != 0,
        None => !is_plain_letter_block(c as u32) && c.is_uppercase(),
    }
}

/// Append the lower case of `c` to `out`: the same characters as
/// `out.extend(c.to_lowercase())`.
#[inline(always)]
pub(crate) fn push_lower(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match entry(c) {
        Some(e) if e & MULTI_LOWER == 0 => {
            out.push(char::from_u32(e & CHAR_BITS).unwrap_or(c));
        }
        None if is_plain_letter_block(c as u32) => out.push(c),
        _ => push_lower_slow(c, out),
    }
}

/// Write the UTF-8 bytes of the lower case of `c` at the start of `out`
/// (the same bytes as [`push_lower`] appends to a `String`) and return how
/// many were written. `out` must have room for twice `c`'s own UTF-8 length
/// (the tests check that no lower case needs more).
#[inline(always)]
pub(crate) fn write_lower_utf8(c: char, out: &mut [u8]) -> usize {
    if c.is_ascii() {
        out[0] = c.to_ascii_lowercase() as u8;
        return 1;
    }
    match entry(c) {
        Some(e) if e & MULTI_LOWER == 0 => {
            char::from_u32(e & CHAR_BITS).unwrap_or(c).encode_utf8(out).len()
        }
        None if is_plain_letter_block(c as u32) => c.encode_utf8(out).len(),
        _ => write_lower_slow(c, out),
    }
}

/// Append the UTF-8 bytes of the lower case of `c` to `out`: the same bytes
/// as [`push_lower`] appends to a `String`.
#[inline(always)]
pub(crate) fn push_lower_utf8(c: char, out: &mut Vec<u8>) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase() as u8);
        return;
    }
    let mut tmp = [0u8; 8];
    let n = write_lower_utf8(c, &mut tmp);
    out.extend_from_slice(&tmp[..n]);
}

/// The rare case of [`write_lower_utf8`], kept out of line.
#[cold]
fn write_lower_slow(c: char, out: &mut [u8]) -> usize {
    let mut n = 0;
    for l in c.to_lowercase() {
        n += l.encode_utf8(&mut out[n..]).len();
    }
    n
}

/// The rare case of [`push_lower`], kept out of line.
#[cold]
fn push_lower_slow(c: char, out: &mut String) {
    out.extend(c.to_lowercase());
}

/// Eight bytes with the same value, for the byte-parallel tests below.
const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// The high bit of each byte.
const HIGH_BITS: u64 = splat(0x80);
/// The low seven bits of each byte.
const LOW_BITS: u64 = splat(0x7F);
/// The bit that tells an ASCII letter's cases apart (`A` 0x41, `a` 0x61);
/// ASCII digits (0x30–0x39) have it set already.
pub(crate) const CASE_BITS: u64 = splat(0x20);

/// The bytes of `x` whose low seven bits lie in `lo..=hi` (`hi` < 0x80),
/// as their high bits. Each byte's sum stays below 0x100, so no byte
/// carries into the next.
#[inline(always)]
const fn in_range7(x: u64, lo: u8, hi: u8) -> u64 {
    let low = x & LOW_BITS;
    let ge_lo = low + splat(0x80 - lo);
    let gt_hi = low + splat(0x7F - hi);
    ge_lo & !gt_hi & HIGH_BITS
}

/// The ASCII letters and digits among the eight bytes of `x` (loaded
/// little-endian: byte `k` of the text is bits `8k..8k+8`), as the high
/// bit of each such byte: what [`u8::is_ascii_alphanumeric`] says of each
/// byte, eight at a time (checked for every byte value at every position
/// by the tests).
#[inline(always)]
pub(crate) const fn ascii_alnum_bits(x: u64) -> u64 {
    (in_range7(x, b'0', b'9') | in_range7(x | CASE_BITS, b'a', b'z')) & !x & HIGH_BITS
}

/// How many of the eight bytes of `x` (loaded little-endian) lead the
/// text before the first byte without its bit in `bits` (a mask from
/// [`ascii_alnum_bits`]): 8 when every byte has it.
#[inline(always)]
pub(crate) const fn leading_run(bits: u64) -> usize {
    ((!bits & HIGH_BITS).trailing_zeros() / 8) as usize
}

/// The eight bytes of `bytes` from `i`, little-endian, when there are
/// eight.
#[inline(always)]
pub(crate) fn load8(bytes: &[u8], i: usize) -> Option<u64> {
    let w: [u8; 8] = bytes.get(i..i + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table as it was built at start-up before round 6: per character,
    /// its single-character lower case in the low 21 bits and the property
    /// flags above, from the standard library.
    fn computed_table() -> Vec<u32> {
        (0..TABLE_END)
            .map(|u| {
                let c = char::from_u32(u).unwrap_or('\0');
                let mut lower = c.to_lowercase();
                let first = lower.next().unwrap_or(c);
                let mut v = first as u32;
                if lower.next().is_some() {
                    v |= MULTI_LOWER;
                }
                for (yes, flag) in [
                    (c.is_alphabetic(), ALPHABETIC),
                    (c.is_numeric(), NUMERIC),
                    (c.is_whitespace(), WHITESPACE),
                    (c.is_uppercase(), UPPERCASE),
                ] {
                    if yes {
                        v |= flag;
                    }
                }
                v
            })
            .collect()
    }

    /// The written-out table is the standard library's answers.
    #[test]
    fn table_is_computed_from_std() {
        let computed = computed_table();
        if TABLE[..] != computed[..] {
            // A new Unicode version in the standard library: print the
            // table to paste over `TABLE`.
            let rows: Vec<String> = computed
                .chunks(8)
                .map(|r| {
                    let cells: Vec<String> = r.iter().map(|v| format!("0x{v:08X},")).collect();
                    format!("    {}", cells.join(" "))
                })
                .collect();
            panic!("TABLE differs from the standard library; new table:\n{}", rows.join("\n"));
        }
    }

    /// [`Props::lower_utf8`] is [`Props::lower`] encoded by the standard
    /// library, for every character below U+0800.
    #[test]
    fn lower_utf8_is_the_lower_case_encoded() {
        for c in (0..TABLE_END).filter_map(char::from_u32) {
            let p = Props::of(c).unwrap();
            let want = p.lower().map(|l| {
                let mut b = [0u8; 4];
                let len = l.encode_utf8(&mut b).len();
                (u32::from_le_bytes(b), len)
            });
            assert_eq!(p.lower_utf8(), want, "{c:?}");
        }
        // Every length of encoding, through the same code.
        for c in ['a', 'é', 'ⱥ', '😀'] {
            let mut b = [0u8; 4];
            let len = c.encode_utf8(&mut b).len();
            assert_eq!(Props(c as u32).lower_utf8(), Some((u32::from_le_bytes(b), len)), "{c}");
        }
    }

    /// The byte-parallel classes are the byte methods', for every byte
    /// value at every position, whatever the other bytes hold.
    #[test]
    fn eight_byte_classes_are_the_byte_methods() {
        for background in [0u8, b'a', b'Z', b'0', b' ', 0x7F, 0x80, 0xC3, 0xFF] {
            for pos in 0..8 {
                for b in 0..=255u8 {
                    let mut w = [background; 8];
                    w[pos] = b;
                    let x = u64::from_le_bytes(w);
                    let alnum = ascii_alnum_bits(x);
                    for (k, &v) in w.iter().enumerate() {
                        let bit = 0x80u64 << (8 * k);
                        assert_eq!(alnum & bit != 0, v.is_ascii_alphanumeric(), "{w:?}");
                        if v.is_ascii_alphanumeric() {
                            let lower = ((x | CASE_BITS) >> (8 * k)) as u8;
                            assert_eq!(lower, v.to_ascii_lowercase());
                        }
                    }
                    let run = w.iter().take_while(|v| v.is_ascii_alphanumeric()).count();
                    assert_eq!(leading_run(alnum), run, "{w:?}");
                }
            }
        }
        assert_eq!(load8(b"abcdefgh", 0), Some(u64::from_le_bytes(*b"abcdefgh")));
        assert_eq!(load8(b"abcdefgh", 1), None);
    }

    /// [`Props`] says of every character below U+0800 what the functions
    /// it stands for say.
    #[test]
    fn props_are_the_functions() {
        for u in 0..TABLE_END {
            let Some(c) = char::from_u32(u) else { continue };
            let p = Props::of(c).expect("below U+0800");
            assert_eq!(p.is_alphabetic(), is_alphabetic(c), "{u:x}");
            assert_eq!(p.is_numeric(), is_numeric(c), "{u:x}");
            assert_eq!(p.is_alphanumeric(), is_alphanumeric(c), "{u:x}");
            assert_eq!(p.is_whitespace(), is_whitespace(c), "{u:x}");
            assert_eq!(p.is_uppercase(), is_uppercase(c), "{u:x}");
            let mut want = String::new();
            push_lower(c, &mut want);
            match p.lower() {
                Some(l) => assert_eq!(want, l.to_string(), "{u:x}"),
                None => assert!(want.chars().count() > 1, "{u:x}"),
            }
        }
        assert!(Props::of('\u{800}').is_none());
    }

    /// Every code point of the table and of the shortcut blocks, plus a
    /// stride through the rest: the same answers as the standard library.
    #[test]
    fn same_answers_as_std() {
        let blocks = [0..0x800u32, 0x3000..0x3100, 0x4E00..0xA000, 0xAC00..0xD800];
        let stride = (0x800..0x11_0000u32).step_by(7);
        for u in blocks.into_iter().flatten().chain(stride) {
            let Some(c) = char::from_u32(u) else { continue };
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{u:#x}");
            assert_eq!(is_numeric(c), c.is_numeric(), "{u:#x}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{u:#x}");
            assert_eq!(is_whitespace(c), c.is_whitespace(), "{u:#x}");
            assert_eq!(is_uppercase(c), c.is_uppercase(), "{u:#x}");
            let mut ours = String::new();
            push_lower(c, &mut ours);
            let std: String = c.to_lowercase().collect();
            assert_eq!(ours, std, "{u:#x}");
            let mut bytes = [0u8; 8];
            let room = 2 * c.len_utf8();
            let n = write_lower_utf8(c, &mut bytes[..room]);
            assert_eq!(&bytes[..n], std.as_bytes(), "{u:#x}");
        }
    }

    /// [`write_lower_utf8`]'s room, and the fold's `FOLD_GROWTH` in
    /// `repeats.rs`: no lower case takes more than twice its character's
    /// bytes, and an ASCII character's takes one.
    #[test]
    fn lower_case_fits_twice_the_bytes() {
        for c in (0..=0x10_FFFFu32).filter_map(char::from_u32) {
            let lower: usize = c.to_lowercase().map(char::len_utf8).sum();
            assert!(lower <= 2 * c.len_utf8(), "{:#x}", c as u32);
            assert!(!c.is_ascii() || lower == 1);
            let mut bytes = [0u8; 8];
            let n = write_lower_utf8(c, &mut bytes[..2 * c.len_utf8()]);
            assert_eq!(n, lower, "{:#x}", c as u32);
        }
    }

    #[test]
    fn two_byte_chars_decode_as_std_does() {
        for b0 in 0..=255u8 {
            for b1 in 0..=255u8 {
                let bytes = [b0, b1, b'x'];
                let std = bytes.utf8_chunks().next().and_then(|ch| {
                    let v = ch.valid();
                    (v.len() >= 2).then(|| v.chars().next()).flatten()
                });
                let std = std.filter(|c| c.len_utf8() == 2);
                assert_eq!(two_byte_char(&bytes), std, "{b0:#x} {b1:#x}");
            }
        }
        assert_eq!(two_byte_char(&[0xD0]), None);
    }

    #[test]
    fn three_byte_chars_decode_as_std_does() {
        let first =
            |bytes: &[u8]| bytes.utf8_chunks().next().and_then(|ch| ch.valid().chars().next());
        for b0 in 0xC0..=0xFFu8 {
            for b1 in 0..=255u8 {
                for b2 in 0..=255u8 {
                    let bytes = [b0, b1, b2, b'x'];
                    let std = first(&bytes).filter(|c| c.len_utf8() == 3);
                    assert_eq!(three_byte_char(&bytes), std, "{b0:#x} {b1:#x} {b2:#x}");
                }
            }
        }
        assert_eq!(three_byte_char(&[0xE4, 0xB8]), None);
    }

    /// Decoding step by step gives what `utf8_chunks` gives on the whole:
    /// every sequence of up to three bytes drawn from interesting values,
    /// between ASCII bytes and at the ends, plus four-byte characters.
    #[test]
    fn decode_steps_agree_with_utf8_chunks() {
        fn whole(bytes: &[u8]) -> Vec<Option<char>> {
            let mut out = Vec::new();
            for chunk in bytes.utf8_chunks() {
                out.extend(chunk.valid().chars().map(Some));
                if !chunk.invalid().is_empty() {
                    out.push(None);
                }
            }
            out
        }
        fn steps(bytes: &[u8]) -> Vec<Option<char>> {
            let mut out = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                let (c, n) = decode(&bytes[i..]);
                assert!(n >= 1 && i + n <= bytes.len());
                assert!(c.map_or(n <= 3, |c| c.len_utf8() == n));
                out.push(c);
                i += n;
            }
            out
        }
        let values: Vec<u8> = [
            0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xD0, 0xDF,
            0xE0, 0xE4, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF,
        ]
        .to_vec();
        for &a in &values {
            for &b in &values {
                for &c in &values {
                    for &d in &values {
                        let bytes = [a, b, c, d, b'x', a, b];
                        assert_eq!(steps(&bytes), whole(&bytes), "{bytes:x?}");
                    }
                }
            }
        }
        let text = "a\u{e9}\u{4e2d}\u{1F600}\u{10FFFF}z";
        assert_eq!(steps(text.as_bytes()), whole(text.as_bytes()));
        assert_eq!(steps(b"\xF0\x9F\x98"), whole(b"\xF0\x9F\x98"));
    }

    #[test]
    fn the_shortcut_blocks_are_plain_letters() {
        for u in [0x4E00..=0x9FFF, 0x3041..=0x3096, 0x30A1..=0x30FA, 0xAC00..=0xD7A3]
            .into_iter()
            .flatten()
        {
            let c = char::from_u32(u).unwrap();
            assert!(c.is_alphabetic() && !c.is_numeric() && !c.is_uppercase(), "{u:#x}");
            assert!(c.to_lowercase().eq([c]), "{u:#x}");
        }
        let mut s = String::new();
        push_lower('İ', &mut s);
        push_lower('Ж', &mut s);
        assert_eq!(s, "i\u{307}ж");
    }
}
