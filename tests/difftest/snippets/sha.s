# SHA extensions (SHA-NI): SHA256RNDS2 (implicit XMM0), SHA256MSG1/2, SHA1RNDS4 (all four
# functions), SHA1NEXTE, SHA1MSG1/2, register and memory sources. No flags are affected.
@syntax intel
@undef none
@init rsi=data

@snippet sha256rnds2_reg
@mem 0x00 u64:0x0123456789abcdef,0xfedcba9876543210,0x6a09e667bb67ae85,0x3c6ef372a54ff53a
@mem 0x20 u64:0x510e527f9b05688c,0x1f83d9ab5be0cd19,0x428a2f9871374491,0xb5c0fbcfe9b5dba5
    movdqu xmm1, xmmword ptr [rsi]
    movdqu xmm2, xmmword ptr [rsi+0x10]
    movdqu xmm0, xmmword ptr [rsi+0x20]
    sha256rnds2 xmm1, xmm2

@snippet sha256rnds2_mem
@mem 0x00 u64:0x0123456789abcdef,0xfedcba9876543210,0x6a09e667bb67ae85,0x3c6ef372a54ff53a
@mem 0x20 u64:0x510e527f9b05688c,0x1f83d9ab5be0cd19,0x428a2f9871374491,0xb5c0fbcfe9b5dba5
    movdqu xmm3, xmmword ptr [rsi+0x20]
    movdqu xmm0, xmmword ptr [rsi]
    sha256rnds2 xmm3, xmmword ptr [rsi+0x10]

@snippet sha256msg1_reg
@mem 0x00 u64:0x0123456789abcdef,0xfedcba9876543210,0x6a09e667bb67ae85,0x3c6ef372a54ff53a
    movdqu xmm4, xmmword ptr [rsi]
    movdqu xmm5, xmmword ptr [rsi+0x10]
    sha256msg1 xmm4, xmm5

@snippet sha256msg2_mem
@mem 0x00 u64:0x0123456789abcdef,0xfedcba9876543210,0x6a09e667bb67ae85,0x3c6ef372a54ff53a
    movdqu xmm6, xmmword ptr [rsi]
    sha256msg2 xmm6, xmmword ptr [rsi+0x10]

@snippet sha1rnds4_0
@mem 0x00 u64:0x0123456789abcdef,0xfedcba9876543210,0x6a09e667bb67ae85,0x3c6ef372a54ff53a
    movdqu xmm1, xmmword ptr [rsi]
    movdqu xmm2, xmmword ptr [rsi+0x10]
    sha1rnds4 xmm1, xmm2, 0

@snippet sha1rnds4_1
@mem 0x00 u64:0x0123456789abcdef,0xfedcba9876543210,0x6a09e667bb67ae85,0x3c6ef372a54ff53a
    movdqu xmm1, xmmword ptr [rsi]
    movdqu xmm2, xmmword ptr [rsi+0x10]
    sha1rnds4 xmm1, xmm2, 1

@snippet sha1rnds4_2
@mem 0x00 u64:0x0123456789abcdef,0xfedcba9876543210,0x6a09e667bb67ae85,0x3c6ef372a54ff53a
    movdqu xmm1, xmmword ptr [rsi]
    movdqu xmm2, xmmword ptr [rsi+0x10]
    sha1rnds4 xmm1, xmm2, 2

@snippet sha1rnds4_3_mem
@mem 0x00 u64:0x0123456789abcdef,0xfedcba9876543210,0x6a09e667bb67ae85,0x3c6ef372a54ff53a
    movdqu xmm7, xmmword ptr [rsi]
    sha1rnds4 xmm7, xmmword ptr [rsi+0x10], 3

@snippet sha1nexte_reg
@mem 0x00 u64:0x0123456789abcdef,0xfedcba9876543210,0x6a09e667bb67ae85,0x3c6ef372a54ff53a
    movdqu xmm1, xmmword ptr [rsi]
    movdqu xmm2, xmmword ptr [rsi+0x10]
    sha1nexte xmm1, xmm2

@snippet sha1msg1_reg
@mem 0x00 u64:0x0123456789abcdef,0xfedcba9876543210,0x6a09e667bb67ae85,0x3c6ef372a54ff53a
    movdqu xmm1, xmmword ptr [rsi]
    movdqu xmm2, xmmword ptr [rsi+0x10]
    sha1msg1 xmm1, xmm2

@snippet sha1msg2_mem
@mem 0x00 u64:0x0123456789abcdef,0xfedcba9876543210,0x6a09e667bb67ae85,0x3c6ef372a54ff53a
    movdqu xmm1, xmmword ptr [rsi]
    sha1msg2 xmm1, xmmword ptr [rsi+0x10]
