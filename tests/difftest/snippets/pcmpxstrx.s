# SSE4.2 string compares PCMPISTRI / PCMPISTRM / PCMPESTRI / PCMPESTRM: byte/word, signed and
# unsigned, all four aggregations, polarities, index/mask selection, implicit and explicit
# lengths (negative and oversized). CF/ZF/SF/OF are defined, AF/PF cleared.
@syntax intel
@undef none
@init rsi=data+0x40

@snippet pcmpistri_00_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistri xmm1, xmmword ptr [rsi], 0x0

@snippet pcmpistri_00_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistri xmm1, xmmword ptr [rsi], 0x0

@snippet pcmpistri_04_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistri xmm1, xmmword ptr [rsi], 0x4

@snippet pcmpistri_04_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistri xmm1, xmmword ptr [rsi], 0x4

@snippet pcmpistri_08_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistri xmm1, xmmword ptr [rsi], 0x8

@snippet pcmpistri_08_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistri xmm1, xmmword ptr [rsi], 0x8

@snippet pcmpistri_0c_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistri xmm1, xmmword ptr [rsi], 0xc

@snippet pcmpistri_0c_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistri xmm1, xmmword ptr [rsi], 0xc

@snippet pcmpistri_01_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistri xmm1, xmmword ptr [rsi], 0x1

@snippet pcmpistri_01_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistri xmm1, xmmword ptr [rsi], 0x1

@snippet pcmpistri_05_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistri xmm1, xmmword ptr [rsi], 0x5

@snippet pcmpistri_05_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistri xmm1, xmmword ptr [rsi], 0x5

@snippet pcmpistri_09_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistri xmm1, xmmword ptr [rsi], 0x9

@snippet pcmpistri_09_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistri xmm1, xmmword ptr [rsi], 0x9

@snippet pcmpistri_0d_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistri xmm1, xmmword ptr [rsi], 0xd

@snippet pcmpistri_0d_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistri xmm1, xmmword ptr [rsi], 0xd

@snippet pcmpistri_10_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistri xmm1, xmmword ptr [rsi], 0x10

@snippet pcmpistri_10_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistri xmm1, xmmword ptr [rsi], 0x10

@snippet pcmpistri_30_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistri xmm1, xmmword ptr [rsi], 0x30

@snippet pcmpistri_30_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistri xmm1, xmmword ptr [rsi], 0x30

@snippet pcmpistri_40_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistri xmm1, xmmword ptr [rsi], 0x40

@snippet pcmpistri_40_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistri xmm1, xmmword ptr [rsi], 0x40

@snippet pcmpistri_44_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistri xmm1, xmmword ptr [rsi], 0x44

@snippet pcmpistri_44_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistri xmm1, xmmword ptr [rsi], 0x44

@snippet pcmpistri_48_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistri xmm1, xmmword ptr [rsi], 0x48

@snippet pcmpistri_48_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistri xmm1, xmmword ptr [rsi], 0x48

@snippet pcmpistri_4c_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistri xmm1, xmmword ptr [rsi], 0x4c

@snippet pcmpistri_4c_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistri xmm1, xmmword ptr [rsi], 0x4c

@snippet pcmpistri_18_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistri xmm1, xmmword ptr [rsi], 0x18

@snippet pcmpistri_18_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistri xmm1, xmmword ptr [rsi], 0x18

@snippet pcmpistri_3a_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistri xmm1, xmmword ptr [rsi], 0x3a

@snippet pcmpistri_3a_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistri xmm1, xmmword ptr [rsi], 0x3a

@snippet pcmpistri_02_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistri xmm1, xmmword ptr [rsi], 0x2

@snippet pcmpistri_02_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistri xmm1, xmmword ptr [rsi], 0x2

@snippet pcmpistri_03_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistri xmm1, xmmword ptr [rsi], 0x3

@snippet pcmpistri_03_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistri xmm1, xmmword ptr [rsi], 0x3

@snippet pcmpistri_0e_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistri xmm1, xmmword ptr [rsi], 0xe

@snippet pcmpistri_0e_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistri xmm1, xmmword ptr [rsi], 0xe

@snippet pcmpistri_70_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistri xmm1, xmmword ptr [rsi], 0x70

@snippet pcmpistri_70_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistri xmm1, xmmword ptr [rsi], 0x70

@snippet pcmpistri_full_16
@init rax=16 rdx=16
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x30]
    movdqu xmm2, xmmword ptr [rsi]
    pcmpistri xmm1, xmm2, 0x0c

@snippet pcmpistri_neg_len
@init rax=-3 rdx=-100
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x40]
    pcmpistri xmm1, xmmword ptr [rsi], 0x00

@snippet pcmpistri_long_len
@init rax=0x100000003 rdx=0x7fffffff
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x40]
    pcmpistri xmm1, xmmword ptr [rsi], 0x08

@snippet pcmpistrm_00_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x0

@snippet pcmpistrm_00_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x0

@snippet pcmpistrm_04_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x4

@snippet pcmpistrm_04_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x4

@snippet pcmpistrm_08_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x8

@snippet pcmpistrm_08_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x8

@snippet pcmpistrm_0c_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistrm xmm1, xmmword ptr [rsi], 0xc

@snippet pcmpistrm_0c_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistrm xmm1, xmmword ptr [rsi], 0xc

@snippet pcmpistrm_01_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x1

@snippet pcmpistrm_01_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x1

@snippet pcmpistrm_05_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x5

@snippet pcmpistrm_05_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x5

@snippet pcmpistrm_09_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x9

@snippet pcmpistrm_09_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x9

@snippet pcmpistrm_0d_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistrm xmm1, xmmword ptr [rsi], 0xd

@snippet pcmpistrm_0d_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistrm xmm1, xmmword ptr [rsi], 0xd

@snippet pcmpistrm_10_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x10

@snippet pcmpistrm_10_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x10

@snippet pcmpistrm_30_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x30

@snippet pcmpistrm_30_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x30

@snippet pcmpistrm_40_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x40

@snippet pcmpistrm_40_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x40

@snippet pcmpistrm_44_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x44

@snippet pcmpistrm_44_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x44

@snippet pcmpistrm_48_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x48

@snippet pcmpistrm_48_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x48

@snippet pcmpistrm_4c_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x4c

@snippet pcmpistrm_4c_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x4c

@snippet pcmpistrm_18_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x18

@snippet pcmpistrm_18_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x18

@snippet pcmpistrm_3a_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x3a

@snippet pcmpistrm_3a_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x3a

@snippet pcmpistrm_02_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x2

@snippet pcmpistrm_02_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x2

@snippet pcmpistrm_03_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x3

@snippet pcmpistrm_03_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x3

@snippet pcmpistrm_0e_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistrm xmm1, xmmword ptr [rsi], 0xe

@snippet pcmpistrm_0e_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistrm xmm1, xmmword ptr [rsi], 0xe

@snippet pcmpistrm_70_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x70

@snippet pcmpistrm_70_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x70

@snippet pcmpistrm_full_16
@init rax=16 rdx=16
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x30]
    movdqu xmm2, xmmword ptr [rsi]
    pcmpistrm xmm1, xmm2, 0x0c

@snippet pcmpistrm_neg_len
@init rax=-3 rdx=-100
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x40]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x00

@snippet pcmpistrm_long_len
@init rax=0x100000003 rdx=0x7fffffff
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x40]
    pcmpistrm xmm1, xmmword ptr [rsi], 0x08

@snippet pcmpestri_00_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestri xmm1, xmmword ptr [rsi], 0x0

@snippet pcmpestri_00_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestri xmm1, xmmword ptr [rsi], 0x0

@snippet pcmpestri_04_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestri xmm1, xmmword ptr [rsi], 0x4

@snippet pcmpestri_04_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestri xmm1, xmmword ptr [rsi], 0x4

@snippet pcmpestri_08_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestri xmm1, xmmword ptr [rsi], 0x8

@snippet pcmpestri_08_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestri xmm1, xmmword ptr [rsi], 0x8

@snippet pcmpestri_0c_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestri xmm1, xmmword ptr [rsi], 0xc

@snippet pcmpestri_0c_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestri xmm1, xmmword ptr [rsi], 0xc

@snippet pcmpestri_01_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestri xmm1, xmmword ptr [rsi], 0x1

@snippet pcmpestri_01_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestri xmm1, xmmword ptr [rsi], 0x1

@snippet pcmpestri_05_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestri xmm1, xmmword ptr [rsi], 0x5

@snippet pcmpestri_05_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestri xmm1, xmmword ptr [rsi], 0x5

@snippet pcmpestri_09_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestri xmm1, xmmword ptr [rsi], 0x9

@snippet pcmpestri_09_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestri xmm1, xmmword ptr [rsi], 0x9

@snippet pcmpestri_0d_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestri xmm1, xmmword ptr [rsi], 0xd

@snippet pcmpestri_0d_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestri xmm1, xmmword ptr [rsi], 0xd

@snippet pcmpestri_10_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestri xmm1, xmmword ptr [rsi], 0x10

@snippet pcmpestri_10_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestri xmm1, xmmword ptr [rsi], 0x10

@snippet pcmpestri_30_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestri xmm1, xmmword ptr [rsi], 0x30

@snippet pcmpestri_30_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestri xmm1, xmmword ptr [rsi], 0x30

@snippet pcmpestri_40_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestri xmm1, xmmword ptr [rsi], 0x40

@snippet pcmpestri_40_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestri xmm1, xmmword ptr [rsi], 0x40

@snippet pcmpestri_44_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestri xmm1, xmmword ptr [rsi], 0x44

@snippet pcmpestri_44_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestri xmm1, xmmword ptr [rsi], 0x44

@snippet pcmpestri_48_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestri xmm1, xmmword ptr [rsi], 0x48

@snippet pcmpestri_48_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestri xmm1, xmmword ptr [rsi], 0x48

@snippet pcmpestri_4c_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestri xmm1, xmmword ptr [rsi], 0x4c

@snippet pcmpestri_4c_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestri xmm1, xmmword ptr [rsi], 0x4c

@snippet pcmpestri_18_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestri xmm1, xmmword ptr [rsi], 0x18

@snippet pcmpestri_18_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestri xmm1, xmmword ptr [rsi], 0x18

@snippet pcmpestri_3a_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestri xmm1, xmmword ptr [rsi], 0x3a

@snippet pcmpestri_3a_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestri xmm1, xmmword ptr [rsi], 0x3a

@snippet pcmpestri_02_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestri xmm1, xmmword ptr [rsi], 0x2

@snippet pcmpestri_02_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestri xmm1, xmmword ptr [rsi], 0x2

@snippet pcmpestri_03_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestri xmm1, xmmword ptr [rsi], 0x3

@snippet pcmpestri_03_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestri xmm1, xmmword ptr [rsi], 0x3

@snippet pcmpestri_0e_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestri xmm1, xmmword ptr [rsi], 0xe

@snippet pcmpestri_0e_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestri xmm1, xmmword ptr [rsi], 0xe

@snippet pcmpestri_70_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestri xmm1, xmmword ptr [rsi], 0x70

@snippet pcmpestri_70_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestri xmm1, xmmword ptr [rsi], 0x70

@snippet pcmpestri_full_16
@init rax=16 rdx=16
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x30]
    movdqu xmm2, xmmword ptr [rsi]
    pcmpestri xmm1, xmm2, 0x0c

@snippet pcmpestri_neg_len
@init rax=-3 rdx=-100
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x40]
    pcmpestri xmm1, xmmword ptr [rsi], 0x00

@snippet pcmpestri_long_len
@init rax=0x100000003 rdx=0x7fffffff
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x40]
    pcmpestri xmm1, xmmword ptr [rsi], 0x08

@snippet pcmpestrm_00_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x0

@snippet pcmpestrm_00_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x0

@snippet pcmpestrm_04_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x4

@snippet pcmpestrm_04_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x4

@snippet pcmpestrm_08_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x8

@snippet pcmpestrm_08_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x8

@snippet pcmpestrm_0c_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestrm xmm1, xmmword ptr [rsi], 0xc

@snippet pcmpestrm_0c_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestrm xmm1, xmmword ptr [rsi], 0xc

@snippet pcmpestrm_01_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x1

@snippet pcmpestrm_01_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x1

@snippet pcmpestrm_05_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x5

@snippet pcmpestrm_05_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x5

@snippet pcmpestrm_09_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x9

@snippet pcmpestrm_09_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x9

@snippet pcmpestrm_0d_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestrm xmm1, xmmword ptr [rsi], 0xd

@snippet pcmpestrm_0d_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestrm xmm1, xmmword ptr [rsi], 0xd

@snippet pcmpestrm_10_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x10

@snippet pcmpestrm_10_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x10

@snippet pcmpestrm_30_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x30

@snippet pcmpestrm_30_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x30

@snippet pcmpestrm_40_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x40

@snippet pcmpestrm_40_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x40

@snippet pcmpestrm_44_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x44

@snippet pcmpestrm_44_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x44

@snippet pcmpestrm_48_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x48

@snippet pcmpestrm_48_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x48

@snippet pcmpestrm_4c_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x4c

@snippet pcmpestrm_4c_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x4c

@snippet pcmpestrm_18_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x18

@snippet pcmpestrm_18_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x18

@snippet pcmpestrm_3a_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x3a

@snippet pcmpestrm_3a_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x3a

@snippet pcmpestrm_02_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x2

@snippet pcmpestrm_02_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x2

@snippet pcmpestrm_03_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x3

@snippet pcmpestrm_03_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x3

@snippet pcmpestrm_0e_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestrm xmm1, xmmword ptr [rsi], 0xe

@snippet pcmpestrm_0e_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestrm xmm1, xmmword ptr [rsi], 0xe

@snippet pcmpestrm_70_text
@init rax=5 rdx=13 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x10]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x70

@snippet pcmpestrm_70_ranges
@init rax=6 rdx=16 rcx=0x77 flags=af,pf
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x20]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x70

@snippet pcmpestrm_full_16
@init rax=16 rdx=16
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x30]
    movdqu xmm2, xmmword ptr [rsi]
    pcmpestrm xmm1, xmm2, 0x0c

@snippet pcmpestrm_neg_len
@init rax=-3 rdx=-100
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x40]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x00

@snippet pcmpestrm_long_len
@init rax=0x100000003 rdx=0x7fffffff
@mem 0x40 str:"Hello, World!\0zzz"
@mem 0x50 str:"lo, W\0"
@mem 0x60 str:"azAZ09\0"
@mem 0x70 str:"xxxxxxxxxxxxxxxx"
@mem 0x80 str:"abc\0"
    movdqu xmm1, xmmword ptr [rsi+0x40]
    pcmpestrm xmm1, xmmword ptr [rsi], 0x08
