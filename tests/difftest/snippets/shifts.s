# SHL / SAL / SHR / SAR / SHLD / SHRD by immediate and CL, every width. Fixed-count snippets pin
# RCX (their undefined flags depend on the count); *_cl_random ones take random counts with the
# flags undefined for any count masked out. A 16-bit SHLD/SHRD by more than 16 leaves the
# destination undefined too (@ignore rax).
# A count (masked to 5 or 6 bits) of 0 changes no flag; OF is defined only for 1-bit shifts; AF is
# undefined for non-zero counts; CF is undefined when the masked count reaches the operand width
# (8/16-bit forms).
@syntax intel
@init rsi=data

@snippet shl_r8_cl0_msb
@init rax=0xdeadbeefcafefe81 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    shl al, cl

@snippet shl_r8_cl0_alt
@init rax=0xdeadbeefcafefe5a rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    shl al, cl

@snippet shl_r8_cl1_msb
@init rax=0xdeadbeefcafefe81 rcx=1
@undef af
@pin rcx
    shl al, cl

@snippet shl_r8_cl1_alt
@init rax=0xdeadbeefcafefe5a rcx=1
@undef af
@pin rcx
    shl al, cl

@snippet shl_r8_cl2_msb
@init rax=0xdeadbeefcafefe81 rcx=2
@undef af of
@pin rcx
    shl al, cl

@snippet shl_r8_cl2_alt
@init rax=0xdeadbeefcafefe5a rcx=2
@undef af of
@pin rcx
    shl al, cl

@snippet shl_r8_cl7_msb
@init rax=0xdeadbeefcafefe81 rcx=7
@undef af of
@pin rcx
    shl al, cl

@snippet shl_r8_cl7_alt
@init rax=0xdeadbeefcafefe5a rcx=7
@undef af of
@pin rcx
    shl al, cl

@snippet shl_r8_cl8_msb
@init rax=0xdeadbeefcafefe81 rcx=8
@undef af of cf
@pin rcx
    shl al, cl

@snippet shl_r8_cl8_alt
@init rax=0xdeadbeefcafefe5a rcx=8
@undef af of cf
@pin rcx
    shl al, cl

@snippet shl_r8_cl9_msb
@init rax=0xdeadbeefcafefe81 rcx=9
@undef af of cf
@pin rcx
    shl al, cl

@snippet shl_r8_cl9_alt
@init rax=0xdeadbeefcafefe5a rcx=9
@undef af of cf
@pin rcx
    shl al, cl

@snippet shl_r8_cl31_msb
@init rax=0xdeadbeefcafefe81 rcx=31
@undef af of cf
@pin rcx
    shl al, cl

@snippet shl_r8_cl31_alt
@init rax=0xdeadbeefcafefe5a rcx=31
@undef af of cf
@pin rcx
    shl al, cl

@snippet shl_r8_imm1
@init rax=0xdeadbeefcafefe81
@undef af
    shl al, 1

@snippet shl_r8_imm3
@init rax=0xdeadbeefcafefe5a
@undef af of
    shl al, 3

@snippet shl_r16_cl0_msb
@init rax=0xdeadbeefcafe8001 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    shl ax, cl

@snippet shl_r16_cl0_alt
@init rax=0xdeadbeefcafe5aa5 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    shl ax, cl

@snippet shl_r16_cl1_msb
@init rax=0xdeadbeefcafe8001 rcx=1
@undef af
@pin rcx
    shl ax, cl

@snippet shl_r16_cl1_alt
@init rax=0xdeadbeefcafe5aa5 rcx=1
@undef af
@pin rcx
    shl ax, cl

@snippet shl_r16_cl2_msb
@init rax=0xdeadbeefcafe8001 rcx=2
@undef af of
@pin rcx
    shl ax, cl

@snippet shl_r16_cl2_alt
@init rax=0xdeadbeefcafe5aa5 rcx=2
@undef af of
@pin rcx
    shl ax, cl

@snippet shl_r16_cl15_msb
@init rax=0xdeadbeefcafe8001 rcx=15
@undef af of
@pin rcx
    shl ax, cl

@snippet shl_r16_cl15_alt
@init rax=0xdeadbeefcafe5aa5 rcx=15
@undef af of
@pin rcx
    shl ax, cl

@snippet shl_r16_cl16_msb
@init rax=0xdeadbeefcafe8001 rcx=16
@undef af of cf
@pin rcx
    shl ax, cl

@snippet shl_r16_cl16_alt
@init rax=0xdeadbeefcafe5aa5 rcx=16
@undef af of cf
@pin rcx
    shl ax, cl

@snippet shl_r16_cl17_msb
@init rax=0xdeadbeefcafe8001 rcx=17
@undef af of cf
@pin rcx
    shl ax, cl

@snippet shl_r16_cl17_alt
@init rax=0xdeadbeefcafe5aa5 rcx=17
@undef af of cf
@pin rcx
    shl ax, cl

@snippet shl_r16_cl31_msb
@init rax=0xdeadbeefcafe8001 rcx=31
@undef af of cf
@pin rcx
    shl ax, cl

@snippet shl_r16_cl31_alt
@init rax=0xdeadbeefcafe5aa5 rcx=31
@undef af of cf
@pin rcx
    shl ax, cl

@snippet shl_r16_imm1
@init rax=0xdeadbeefcafe8001
@undef af
    shl ax, 1

@snippet shl_r16_imm3
@init rax=0xdeadbeefcafe5aa5
@undef af of
    shl ax, 3

@snippet shl_r32_cl0_msb
@init rax=0xdeadbeef80000001 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    shl eax, cl

@snippet shl_r32_cl0_alt
@init rax=0xdeadbeef5aa5c33c rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    shl eax, cl

@snippet shl_r32_cl1_msb
@init rax=0xdeadbeef80000001 rcx=1
@undef af
@pin rcx
    shl eax, cl

@snippet shl_r32_cl1_alt
@init rax=0xdeadbeef5aa5c33c rcx=1
@undef af
@pin rcx
    shl eax, cl

@snippet shl_r32_cl2_msb
@init rax=0xdeadbeef80000001 rcx=2
@undef af of
@pin rcx
    shl eax, cl

@snippet shl_r32_cl2_alt
@init rax=0xdeadbeef5aa5c33c rcx=2
@undef af of
@pin rcx
    shl eax, cl

@snippet shl_r32_cl31_msb
@init rax=0xdeadbeef80000001 rcx=31
@undef af of
@pin rcx
    shl eax, cl

@snippet shl_r32_cl31_alt
@init rax=0xdeadbeef5aa5c33c rcx=31
@undef af of
@pin rcx
    shl eax, cl

@snippet shl_r32_cl32_msb
@init rax=0xdeadbeef80000001 rcx=32
@undef none
@pin rcx
    shl eax, cl

@snippet shl_r32_cl32_alt
@init rax=0xdeadbeef5aa5c33c rcx=32
@undef none
@pin rcx
    shl eax, cl

@snippet shl_r32_cl33_msb
@init rax=0xdeadbeef80000001 rcx=33
@undef af
@pin rcx
    shl eax, cl

@snippet shl_r32_cl33_alt
@init rax=0xdeadbeef5aa5c33c rcx=33
@undef af
@pin rcx
    shl eax, cl

@snippet shl_r32_imm1
@init rax=0xdeadbeef80000001
@undef af
    shl eax, 1

@snippet shl_r32_imm3
@init rax=0xdeadbeef5aa5c33c
@undef af of
    shl eax, 3

@snippet shl_r64_cl0_msb
@init rax=0x8000000000000001 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    shl rax, cl

@snippet shl_r64_cl0_alt
@init rax=0x5aa5c33c0ff0e11e rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    shl rax, cl

@snippet shl_r64_cl1_msb
@init rax=0x8000000000000001 rcx=1
@undef af
@pin rcx
    shl rax, cl

@snippet shl_r64_cl1_alt
@init rax=0x5aa5c33c0ff0e11e rcx=1
@undef af
@pin rcx
    shl rax, cl

@snippet shl_r64_cl2_msb
@init rax=0x8000000000000001 rcx=2
@undef af of
@pin rcx
    shl rax, cl

@snippet shl_r64_cl2_alt
@init rax=0x5aa5c33c0ff0e11e rcx=2
@undef af of
@pin rcx
    shl rax, cl

@snippet shl_r64_cl63_msb
@init rax=0x8000000000000001 rcx=63
@undef af of
@pin rcx
    shl rax, cl

@snippet shl_r64_cl63_alt
@init rax=0x5aa5c33c0ff0e11e rcx=63
@undef af of
@pin rcx
    shl rax, cl

@snippet shl_r64_cl64_msb
@init rax=0x8000000000000001 rcx=64
@undef none
@pin rcx
    shl rax, cl

@snippet shl_r64_cl64_alt
@init rax=0x5aa5c33c0ff0e11e rcx=64
@undef none
@pin rcx
    shl rax, cl

@snippet shl_r64_cl65_msb
@init rax=0x8000000000000001 rcx=65
@undef af
@pin rcx
    shl rax, cl

@snippet shl_r64_cl65_alt
@init rax=0x5aa5c33c0ff0e11e rcx=65
@undef af
@pin rcx
    shl rax, cl

@snippet shl_r64_imm1
@init rax=0x8000000000000001
@undef af
    shl rax, 1

@snippet shl_r64_imm3
@init rax=0x5aa5c33c0ff0e11e
@undef af of
    shl rax, 3

@snippet shl_mem32_cl
@init rcx=5
@mem 4 u32:0x87654321
@undef af of
    shl dword ptr [rsi+4], cl

@snippet shl_ah_imm
@init rax=0xc100
@undef af of
    shl ah, 2

@snippet shl_r64_cl_random
@undef af of
@rand rcx=2..64
    shl rax, cl

@snippet shr_r8_cl0_msb
@init rax=0xdeadbeefcafefe81 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    shr al, cl

@snippet shr_r8_cl0_alt
@init rax=0xdeadbeefcafefe5a rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    shr al, cl

@snippet shr_r8_cl1_msb
@init rax=0xdeadbeefcafefe81 rcx=1
@undef af
@pin rcx
    shr al, cl

@snippet shr_r8_cl1_alt
@init rax=0xdeadbeefcafefe5a rcx=1
@undef af
@pin rcx
    shr al, cl

@snippet shr_r8_cl2_msb
@init rax=0xdeadbeefcafefe81 rcx=2
@undef af of
@pin rcx
    shr al, cl

@snippet shr_r8_cl2_alt
@init rax=0xdeadbeefcafefe5a rcx=2
@undef af of
@pin rcx
    shr al, cl

@snippet shr_r8_cl7_msb
@init rax=0xdeadbeefcafefe81 rcx=7
@undef af of
@pin rcx
    shr al, cl

@snippet shr_r8_cl7_alt
@init rax=0xdeadbeefcafefe5a rcx=7
@undef af of
@pin rcx
    shr al, cl

@snippet shr_r8_cl8_msb
@init rax=0xdeadbeefcafefe81 rcx=8
@undef af of cf
@pin rcx
    shr al, cl

@snippet shr_r8_cl8_alt
@init rax=0xdeadbeefcafefe5a rcx=8
@undef af of cf
@pin rcx
    shr al, cl

@snippet shr_r8_cl9_msb
@init rax=0xdeadbeefcafefe81 rcx=9
@undef af of cf
@pin rcx
    shr al, cl

@snippet shr_r8_cl9_alt
@init rax=0xdeadbeefcafefe5a rcx=9
@undef af of cf
@pin rcx
    shr al, cl

@snippet shr_r8_cl31_msb
@init rax=0xdeadbeefcafefe81 rcx=31
@undef af of cf
@pin rcx
    shr al, cl

@snippet shr_r8_cl31_alt
@init rax=0xdeadbeefcafefe5a rcx=31
@undef af of cf
@pin rcx
    shr al, cl

@snippet shr_r8_imm1
@init rax=0xdeadbeefcafefe81
@undef af
    shr al, 1

@snippet shr_r8_imm3
@init rax=0xdeadbeefcafefe5a
@undef af of
    shr al, 3

@snippet shr_r16_cl0_msb
@init rax=0xdeadbeefcafe8001 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    shr ax, cl

@snippet shr_r16_cl0_alt
@init rax=0xdeadbeefcafe5aa5 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    shr ax, cl

@snippet shr_r16_cl1_msb
@init rax=0xdeadbeefcafe8001 rcx=1
@undef af
@pin rcx
    shr ax, cl

@snippet shr_r16_cl1_alt
@init rax=0xdeadbeefcafe5aa5 rcx=1
@undef af
@pin rcx
    shr ax, cl

@snippet shr_r16_cl2_msb
@init rax=0xdeadbeefcafe8001 rcx=2
@undef af of
@pin rcx
    shr ax, cl

@snippet shr_r16_cl2_alt
@init rax=0xdeadbeefcafe5aa5 rcx=2
@undef af of
@pin rcx
    shr ax, cl

@snippet shr_r16_cl15_msb
@init rax=0xdeadbeefcafe8001 rcx=15
@undef af of
@pin rcx
    shr ax, cl

@snippet shr_r16_cl15_alt
@init rax=0xdeadbeefcafe5aa5 rcx=15
@undef af of
@pin rcx
    shr ax, cl

@snippet shr_r16_cl16_msb
@init rax=0xdeadbeefcafe8001 rcx=16
@undef af of cf
@pin rcx
    shr ax, cl

@snippet shr_r16_cl16_alt
@init rax=0xdeadbeefcafe5aa5 rcx=16
@undef af of cf
@pin rcx
    shr ax, cl

@snippet shr_r16_cl17_msb
@init rax=0xdeadbeefcafe8001 rcx=17
@undef af of cf
@pin rcx
    shr ax, cl

@snippet shr_r16_cl17_alt
@init rax=0xdeadbeefcafe5aa5 rcx=17
@undef af of cf
@pin rcx
    shr ax, cl

@snippet shr_r16_cl31_msb
@init rax=0xdeadbeefcafe8001 rcx=31
@undef af of cf
@pin rcx
    shr ax, cl

@snippet shr_r16_cl31_alt
@init rax=0xdeadbeefcafe5aa5 rcx=31
@undef af of cf
@pin rcx
    shr ax, cl

@snippet shr_r16_imm1
@init rax=0xdeadbeefcafe8001
@undef af
    shr ax, 1

@snippet shr_r16_imm3
@init rax=0xdeadbeefcafe5aa5
@undef af of
    shr ax, 3

@snippet shr_r32_cl0_msb
@init rax=0xdeadbeef80000001 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    shr eax, cl

@snippet shr_r32_cl0_alt
@init rax=0xdeadbeef5aa5c33c rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    shr eax, cl

@snippet shr_r32_cl1_msb
@init rax=0xdeadbeef80000001 rcx=1
@undef af
@pin rcx
    shr eax, cl

@snippet shr_r32_cl1_alt
@init rax=0xdeadbeef5aa5c33c rcx=1
@undef af
@pin rcx
    shr eax, cl

@snippet shr_r32_cl2_msb
@init rax=0xdeadbeef80000001 rcx=2
@undef af of
@pin rcx
    shr eax, cl

@snippet shr_r32_cl2_alt
@init rax=0xdeadbeef5aa5c33c rcx=2
@undef af of
@pin rcx
    shr eax, cl

@snippet shr_r32_cl31_msb
@init rax=0xdeadbeef80000001 rcx=31
@undef af of
@pin rcx
    shr eax, cl

@snippet shr_r32_cl31_alt
@init rax=0xdeadbeef5aa5c33c rcx=31
@undef af of
@pin rcx
    shr eax, cl

@snippet shr_r32_cl32_msb
@init rax=0xdeadbeef80000001 rcx=32
@undef none
@pin rcx
    shr eax, cl

@snippet shr_r32_cl32_alt
@init rax=0xdeadbeef5aa5c33c rcx=32
@undef none
@pin rcx
    shr eax, cl

@snippet shr_r32_cl33_msb
@init rax=0xdeadbeef80000001 rcx=33
@undef af
@pin rcx
    shr eax, cl

@snippet shr_r32_cl33_alt
@init rax=0xdeadbeef5aa5c33c rcx=33
@undef af
@pin rcx
    shr eax, cl

@snippet shr_r32_imm1
@init rax=0xdeadbeef80000001
@undef af
    shr eax, 1

@snippet shr_r32_imm3
@init rax=0xdeadbeef5aa5c33c
@undef af of
    shr eax, 3

@snippet shr_r64_cl0_msb
@init rax=0x8000000000000001 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    shr rax, cl

@snippet shr_r64_cl0_alt
@init rax=0x5aa5c33c0ff0e11e rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    shr rax, cl

@snippet shr_r64_cl1_msb
@init rax=0x8000000000000001 rcx=1
@undef af
@pin rcx
    shr rax, cl

@snippet shr_r64_cl1_alt
@init rax=0x5aa5c33c0ff0e11e rcx=1
@undef af
@pin rcx
    shr rax, cl

@snippet shr_r64_cl2_msb
@init rax=0x8000000000000001 rcx=2
@undef af of
@pin rcx
    shr rax, cl

@snippet shr_r64_cl2_alt
@init rax=0x5aa5c33c0ff0e11e rcx=2
@undef af of
@pin rcx
    shr rax, cl

@snippet shr_r64_cl63_msb
@init rax=0x8000000000000001 rcx=63
@undef af of
@pin rcx
    shr rax, cl

@snippet shr_r64_cl63_alt
@init rax=0x5aa5c33c0ff0e11e rcx=63
@undef af of
@pin rcx
    shr rax, cl

@snippet shr_r64_cl64_msb
@init rax=0x8000000000000001 rcx=64
@undef none
@pin rcx
    shr rax, cl

@snippet shr_r64_cl64_alt
@init rax=0x5aa5c33c0ff0e11e rcx=64
@undef none
@pin rcx
    shr rax, cl

@snippet shr_r64_cl65_msb
@init rax=0x8000000000000001 rcx=65
@undef af
@pin rcx
    shr rax, cl

@snippet shr_r64_cl65_alt
@init rax=0x5aa5c33c0ff0e11e rcx=65
@undef af
@pin rcx
    shr rax, cl

@snippet shr_r64_imm1
@init rax=0x8000000000000001
@undef af
    shr rax, 1

@snippet shr_r64_imm3
@init rax=0x5aa5c33c0ff0e11e
@undef af of
    shr rax, 3

@snippet shr_mem32_cl
@init rcx=5
@mem 4 u32:0x87654321
@undef af of
    shr dword ptr [rsi+4], cl

@snippet shr_ah_imm
@init rax=0xc100
@undef af of
    shr ah, 2

@snippet shr_r64_cl_random
@undef af of
@rand rcx=2..64
    shr rax, cl

@snippet sar_r8_cl0_msb
@init rax=0xdeadbeefcafefe81 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    sar al, cl

@snippet sar_r8_cl0_alt
@init rax=0xdeadbeefcafefe5a rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    sar al, cl

@snippet sar_r8_cl1_msb
@init rax=0xdeadbeefcafefe81 rcx=1
@undef af
@pin rcx
    sar al, cl

@snippet sar_r8_cl1_alt
@init rax=0xdeadbeefcafefe5a rcx=1
@undef af
@pin rcx
    sar al, cl

@snippet sar_r8_cl2_msb
@init rax=0xdeadbeefcafefe81 rcx=2
@undef af of
@pin rcx
    sar al, cl

@snippet sar_r8_cl2_alt
@init rax=0xdeadbeefcafefe5a rcx=2
@undef af of
@pin rcx
    sar al, cl

@snippet sar_r8_cl7_msb
@init rax=0xdeadbeefcafefe81 rcx=7
@undef af of
@pin rcx
    sar al, cl

@snippet sar_r8_cl7_alt
@init rax=0xdeadbeefcafefe5a rcx=7
@undef af of
@pin rcx
    sar al, cl

@snippet sar_r8_cl8_msb
@init rax=0xdeadbeefcafefe81 rcx=8
@undef af of cf
@pin rcx
    sar al, cl

@snippet sar_r8_cl8_alt
@init rax=0xdeadbeefcafefe5a rcx=8
@undef af of cf
@pin rcx
    sar al, cl

@snippet sar_r8_cl9_msb
@init rax=0xdeadbeefcafefe81 rcx=9
@undef af of cf
@pin rcx
    sar al, cl

@snippet sar_r8_cl9_alt
@init rax=0xdeadbeefcafefe5a rcx=9
@undef af of cf
@pin rcx
    sar al, cl

@snippet sar_r8_cl31_msb
@init rax=0xdeadbeefcafefe81 rcx=31
@undef af of cf
@pin rcx
    sar al, cl

@snippet sar_r8_cl31_alt
@init rax=0xdeadbeefcafefe5a rcx=31
@undef af of cf
@pin rcx
    sar al, cl

@snippet sar_r8_imm1
@init rax=0xdeadbeefcafefe81
@undef af
    sar al, 1

@snippet sar_r8_imm3
@init rax=0xdeadbeefcafefe5a
@undef af of
    sar al, 3

@snippet sar_r16_cl0_msb
@init rax=0xdeadbeefcafe8001 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    sar ax, cl

@snippet sar_r16_cl0_alt
@init rax=0xdeadbeefcafe5aa5 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    sar ax, cl

@snippet sar_r16_cl1_msb
@init rax=0xdeadbeefcafe8001 rcx=1
@undef af
@pin rcx
    sar ax, cl

@snippet sar_r16_cl1_alt
@init rax=0xdeadbeefcafe5aa5 rcx=1
@undef af
@pin rcx
    sar ax, cl

@snippet sar_r16_cl2_msb
@init rax=0xdeadbeefcafe8001 rcx=2
@undef af of
@pin rcx
    sar ax, cl

@snippet sar_r16_cl2_alt
@init rax=0xdeadbeefcafe5aa5 rcx=2
@undef af of
@pin rcx
    sar ax, cl

@snippet sar_r16_cl15_msb
@init rax=0xdeadbeefcafe8001 rcx=15
@undef af of
@pin rcx
    sar ax, cl

@snippet sar_r16_cl15_alt
@init rax=0xdeadbeefcafe5aa5 rcx=15
@undef af of
@pin rcx
    sar ax, cl

@snippet sar_r16_cl16_msb
@init rax=0xdeadbeefcafe8001 rcx=16
@undef af of cf
@pin rcx
    sar ax, cl

@snippet sar_r16_cl16_alt
@init rax=0xdeadbeefcafe5aa5 rcx=16
@undef af of cf
@pin rcx
    sar ax, cl

@snippet sar_r16_cl17_msb
@init rax=0xdeadbeefcafe8001 rcx=17
@undef af of cf
@pin rcx
    sar ax, cl

@snippet sar_r16_cl17_alt
@init rax=0xdeadbeefcafe5aa5 rcx=17
@undef af of cf
@pin rcx
    sar ax, cl

@snippet sar_r16_cl31_msb
@init rax=0xdeadbeefcafe8001 rcx=31
@undef af of cf
@pin rcx
    sar ax, cl

@snippet sar_r16_cl31_alt
@init rax=0xdeadbeefcafe5aa5 rcx=31
@undef af of cf
@pin rcx
    sar ax, cl

@snippet sar_r16_imm1
@init rax=0xdeadbeefcafe8001
@undef af
    sar ax, 1

@snippet sar_r16_imm3
@init rax=0xdeadbeefcafe5aa5
@undef af of
    sar ax, 3

@snippet sar_r32_cl0_msb
@init rax=0xdeadbeef80000001 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    sar eax, cl

@snippet sar_r32_cl0_alt
@init rax=0xdeadbeef5aa5c33c rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    sar eax, cl

@snippet sar_r32_cl1_msb
@init rax=0xdeadbeef80000001 rcx=1
@undef af
@pin rcx
    sar eax, cl

@snippet sar_r32_cl1_alt
@init rax=0xdeadbeef5aa5c33c rcx=1
@undef af
@pin rcx
    sar eax, cl

@snippet sar_r32_cl2_msb
@init rax=0xdeadbeef80000001 rcx=2
@undef af of
@pin rcx
    sar eax, cl

@snippet sar_r32_cl2_alt
@init rax=0xdeadbeef5aa5c33c rcx=2
@undef af of
@pin rcx
    sar eax, cl

@snippet sar_r32_cl31_msb
@init rax=0xdeadbeef80000001 rcx=31
@undef af of
@pin rcx
    sar eax, cl

@snippet sar_r32_cl31_alt
@init rax=0xdeadbeef5aa5c33c rcx=31
@undef af of
@pin rcx
    sar eax, cl

@snippet sar_r32_cl32_msb
@init rax=0xdeadbeef80000001 rcx=32
@undef none
@pin rcx
    sar eax, cl

@snippet sar_r32_cl32_alt
@init rax=0xdeadbeef5aa5c33c rcx=32
@undef none
@pin rcx
    sar eax, cl

@snippet sar_r32_cl33_msb
@init rax=0xdeadbeef80000001 rcx=33
@undef af
@pin rcx
    sar eax, cl

@snippet sar_r32_cl33_alt
@init rax=0xdeadbeef5aa5c33c rcx=33
@undef af
@pin rcx
    sar eax, cl

@snippet sar_r32_imm1
@init rax=0xdeadbeef80000001
@undef af
    sar eax, 1

@snippet sar_r32_imm3
@init rax=0xdeadbeef5aa5c33c
@undef af of
    sar eax, 3

@snippet sar_r64_cl0_msb
@init rax=0x8000000000000001 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    sar rax, cl

@snippet sar_r64_cl0_alt
@init rax=0x5aa5c33c0ff0e11e rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    sar rax, cl

@snippet sar_r64_cl1_msb
@init rax=0x8000000000000001 rcx=1
@undef af
@pin rcx
    sar rax, cl

@snippet sar_r64_cl1_alt
@init rax=0x5aa5c33c0ff0e11e rcx=1
@undef af
@pin rcx
    sar rax, cl

@snippet sar_r64_cl2_msb
@init rax=0x8000000000000001 rcx=2
@undef af of
@pin rcx
    sar rax, cl

@snippet sar_r64_cl2_alt
@init rax=0x5aa5c33c0ff0e11e rcx=2
@undef af of
@pin rcx
    sar rax, cl

@snippet sar_r64_cl63_msb
@init rax=0x8000000000000001 rcx=63
@undef af of
@pin rcx
    sar rax, cl

@snippet sar_r64_cl63_alt
@init rax=0x5aa5c33c0ff0e11e rcx=63
@undef af of
@pin rcx
    sar rax, cl

@snippet sar_r64_cl64_msb
@init rax=0x8000000000000001 rcx=64
@undef none
@pin rcx
    sar rax, cl

@snippet sar_r64_cl64_alt
@init rax=0x5aa5c33c0ff0e11e rcx=64
@undef none
@pin rcx
    sar rax, cl

@snippet sar_r64_cl65_msb
@init rax=0x8000000000000001 rcx=65
@undef af
@pin rcx
    sar rax, cl

@snippet sar_r64_cl65_alt
@init rax=0x5aa5c33c0ff0e11e rcx=65
@undef af
@pin rcx
    sar rax, cl

@snippet sar_r64_imm1
@init rax=0x8000000000000001
@undef af
    sar rax, 1

@snippet sar_r64_imm3
@init rax=0x5aa5c33c0ff0e11e
@undef af of
    sar rax, 3

@snippet sar_mem32_cl
@init rcx=5
@mem 4 u32:0x87654321
@undef af of
    sar dword ptr [rsi+4], cl

@snippet sar_ah_imm
@init rax=0xc100
@undef af of
    sar ah, 2

@snippet sar_r64_cl_random
@undef af of
@rand rcx=2..64
    sar rax, cl

@snippet sal_r8_cl0_msb
@init rax=0xdeadbeefcafefe81 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    sal al, cl

@snippet sal_r8_cl0_alt
@init rax=0xdeadbeefcafefe5a rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    sal al, cl

@snippet sal_r8_cl1_msb
@init rax=0xdeadbeefcafefe81 rcx=1
@undef af
@pin rcx
    sal al, cl

@snippet sal_r8_cl1_alt
@init rax=0xdeadbeefcafefe5a rcx=1
@undef af
@pin rcx
    sal al, cl

@snippet sal_r8_cl2_msb
@init rax=0xdeadbeefcafefe81 rcx=2
@undef af of
@pin rcx
    sal al, cl

@snippet sal_r8_cl2_alt
@init rax=0xdeadbeefcafefe5a rcx=2
@undef af of
@pin rcx
    sal al, cl

@snippet sal_r8_cl7_msb
@init rax=0xdeadbeefcafefe81 rcx=7
@undef af of
@pin rcx
    sal al, cl

@snippet sal_r8_cl7_alt
@init rax=0xdeadbeefcafefe5a rcx=7
@undef af of
@pin rcx
    sal al, cl

@snippet sal_r8_cl8_msb
@init rax=0xdeadbeefcafefe81 rcx=8
@undef af of cf
@pin rcx
    sal al, cl

@snippet sal_r8_cl8_alt
@init rax=0xdeadbeefcafefe5a rcx=8
@undef af of cf
@pin rcx
    sal al, cl

@snippet sal_r8_cl9_msb
@init rax=0xdeadbeefcafefe81 rcx=9
@undef af of cf
@pin rcx
    sal al, cl

@snippet sal_r8_cl9_alt
@init rax=0xdeadbeefcafefe5a rcx=9
@undef af of cf
@pin rcx
    sal al, cl

@snippet sal_r8_cl31_msb
@init rax=0xdeadbeefcafefe81 rcx=31
@undef af of cf
@pin rcx
    sal al, cl

@snippet sal_r8_cl31_alt
@init rax=0xdeadbeefcafefe5a rcx=31
@undef af of cf
@pin rcx
    sal al, cl

@snippet sal_r8_imm1
@init rax=0xdeadbeefcafefe81
@undef af
    sal al, 1

@snippet sal_r8_imm3
@init rax=0xdeadbeefcafefe5a
@undef af of
    sal al, 3

@snippet sal_r16_cl0_msb
@init rax=0xdeadbeefcafe8001 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    sal ax, cl

@snippet sal_r16_cl0_alt
@init rax=0xdeadbeefcafe5aa5 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    sal ax, cl

@snippet sal_r16_cl1_msb
@init rax=0xdeadbeefcafe8001 rcx=1
@undef af
@pin rcx
    sal ax, cl

@snippet sal_r16_cl1_alt
@init rax=0xdeadbeefcafe5aa5 rcx=1
@undef af
@pin rcx
    sal ax, cl

@snippet sal_r16_cl2_msb
@init rax=0xdeadbeefcafe8001 rcx=2
@undef af of
@pin rcx
    sal ax, cl

@snippet sal_r16_cl2_alt
@init rax=0xdeadbeefcafe5aa5 rcx=2
@undef af of
@pin rcx
    sal ax, cl

@snippet sal_r16_cl15_msb
@init rax=0xdeadbeefcafe8001 rcx=15
@undef af of
@pin rcx
    sal ax, cl

@snippet sal_r16_cl15_alt
@init rax=0xdeadbeefcafe5aa5 rcx=15
@undef af of
@pin rcx
    sal ax, cl

@snippet sal_r16_cl16_msb
@init rax=0xdeadbeefcafe8001 rcx=16
@undef af of cf
@pin rcx
    sal ax, cl

@snippet sal_r16_cl16_alt
@init rax=0xdeadbeefcafe5aa5 rcx=16
@undef af of cf
@pin rcx
    sal ax, cl

@snippet sal_r16_cl17_msb
@init rax=0xdeadbeefcafe8001 rcx=17
@undef af of cf
@pin rcx
    sal ax, cl

@snippet sal_r16_cl17_alt
@init rax=0xdeadbeefcafe5aa5 rcx=17
@undef af of cf
@pin rcx
    sal ax, cl

@snippet sal_r16_cl31_msb
@init rax=0xdeadbeefcafe8001 rcx=31
@undef af of cf
@pin rcx
    sal ax, cl

@snippet sal_r16_cl31_alt
@init rax=0xdeadbeefcafe5aa5 rcx=31
@undef af of cf
@pin rcx
    sal ax, cl

@snippet sal_r16_imm1
@init rax=0xdeadbeefcafe8001
@undef af
    sal ax, 1

@snippet sal_r16_imm3
@init rax=0xdeadbeefcafe5aa5
@undef af of
    sal ax, 3

@snippet sal_r32_cl0_msb
@init rax=0xdeadbeef80000001 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    sal eax, cl

@snippet sal_r32_cl0_alt
@init rax=0xdeadbeef5aa5c33c rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    sal eax, cl

@snippet sal_r32_cl1_msb
@init rax=0xdeadbeef80000001 rcx=1
@undef af
@pin rcx
    sal eax, cl

@snippet sal_r32_cl1_alt
@init rax=0xdeadbeef5aa5c33c rcx=1
@undef af
@pin rcx
    sal eax, cl

@snippet sal_r32_cl2_msb
@init rax=0xdeadbeef80000001 rcx=2
@undef af of
@pin rcx
    sal eax, cl

@snippet sal_r32_cl2_alt
@init rax=0xdeadbeef5aa5c33c rcx=2
@undef af of
@pin rcx
    sal eax, cl

@snippet sal_r32_cl31_msb
@init rax=0xdeadbeef80000001 rcx=31
@undef af of
@pin rcx
    sal eax, cl

@snippet sal_r32_cl31_alt
@init rax=0xdeadbeef5aa5c33c rcx=31
@undef af of
@pin rcx
    sal eax, cl

@snippet sal_r32_cl32_msb
@init rax=0xdeadbeef80000001 rcx=32
@undef none
@pin rcx
    sal eax, cl

@snippet sal_r32_cl32_alt
@init rax=0xdeadbeef5aa5c33c rcx=32
@undef none
@pin rcx
    sal eax, cl

@snippet sal_r32_cl33_msb
@init rax=0xdeadbeef80000001 rcx=33
@undef af
@pin rcx
    sal eax, cl

@snippet sal_r32_cl33_alt
@init rax=0xdeadbeef5aa5c33c rcx=33
@undef af
@pin rcx
    sal eax, cl

@snippet sal_r32_imm1
@init rax=0xdeadbeef80000001
@undef af
    sal eax, 1

@snippet sal_r32_imm3
@init rax=0xdeadbeef5aa5c33c
@undef af of
    sal eax, 3

@snippet sal_r64_cl0_msb
@init rax=0x8000000000000001 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    sal rax, cl

@snippet sal_r64_cl0_alt
@init rax=0x5aa5c33c0ff0e11e rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
@pin rcx
    sal rax, cl

@snippet sal_r64_cl1_msb
@init rax=0x8000000000000001 rcx=1
@undef af
@pin rcx
    sal rax, cl

@snippet sal_r64_cl1_alt
@init rax=0x5aa5c33c0ff0e11e rcx=1
@undef af
@pin rcx
    sal rax, cl

@snippet sal_r64_cl2_msb
@init rax=0x8000000000000001 rcx=2
@undef af of
@pin rcx
    sal rax, cl

@snippet sal_r64_cl2_alt
@init rax=0x5aa5c33c0ff0e11e rcx=2
@undef af of
@pin rcx
    sal rax, cl

@snippet sal_r64_cl63_msb
@init rax=0x8000000000000001 rcx=63
@undef af of
@pin rcx
    sal rax, cl

@snippet sal_r64_cl63_alt
@init rax=0x5aa5c33c0ff0e11e rcx=63
@undef af of
@pin rcx
    sal rax, cl

@snippet sal_r64_cl64_msb
@init rax=0x8000000000000001 rcx=64
@undef none
@pin rcx
    sal rax, cl

@snippet sal_r64_cl64_alt
@init rax=0x5aa5c33c0ff0e11e rcx=64
@undef none
@pin rcx
    sal rax, cl

@snippet sal_r64_cl65_msb
@init rax=0x8000000000000001 rcx=65
@undef af
@pin rcx
    sal rax, cl

@snippet sal_r64_cl65_alt
@init rax=0x5aa5c33c0ff0e11e rcx=65
@undef af
@pin rcx
    sal rax, cl

@snippet sal_r64_imm1
@init rax=0x8000000000000001
@undef af
    sal rax, 1

@snippet sal_r64_imm3
@init rax=0x5aa5c33c0ff0e11e
@undef af of
    sal rax, 3

@snippet sal_mem32_cl
@init rcx=5
@mem 4 u32:0x87654321
@undef af of
    sal dword ptr [rsi+4], cl

@snippet sal_ah_imm
@init rax=0xc100
@undef af of
    sal ah, 2

@snippet sal_r64_cl_random
@undef af of
@rand rcx=2..64
    sal rax, cl

@snippet shld_r16_cl0
@init rax=0xdeadbeefcafe8001 rbx=0xdeadbeefcafe5aa5 rcx=0
@undef none
@pin rcx
    shld ax, bx, cl

@snippet shld_r16_cl1
@init rax=0xdeadbeefcafe8001 rbx=0xdeadbeefcafe5aa5 rcx=1
@undef af
@pin rcx
    shld ax, bx, cl

@snippet shld_r16_cl4
@init rax=0xdeadbeefcafe8001 rbx=0xdeadbeefcafe5aa5 rcx=4
@undef af of
@pin rcx
    shld ax, bx, cl

@snippet shld_r16_cl15
@init rax=0xdeadbeefcafe8001 rbx=0xdeadbeefcafe5aa5 rcx=15
@undef af of
@pin rcx
    shld ax, bx, cl

@snippet shld_r16_cl19
@init rax=0xdeadbeefcafe8001 rbx=0xdeadbeefcafe5aa5 rcx=19
@undef cf pf af zf sf of
@pin rcx
@ignore rax
    shld ax, bx, cl

@snippet shld_r16_imm
@init rax=0xdeadbeefcafe5aa5 rbx=0xdeadbeefcafe8001
@undef af of
    shld ax, bx, 5

@snippet shld_r32_cl0
@init rax=0xdeadbeef80000001 rbx=0xdeadbeef5aa5c33c rcx=0
@undef none
@pin rcx
    shld eax, ebx, cl

@snippet shld_r32_cl1
@init rax=0xdeadbeef80000001 rbx=0xdeadbeef5aa5c33c rcx=1
@undef af
@pin rcx
    shld eax, ebx, cl

@snippet shld_r32_cl4
@init rax=0xdeadbeef80000001 rbx=0xdeadbeef5aa5c33c rcx=4
@undef af of
@pin rcx
    shld eax, ebx, cl

@snippet shld_r32_cl31
@init rax=0xdeadbeef80000001 rbx=0xdeadbeef5aa5c33c rcx=31
@undef af of
@pin rcx
    shld eax, ebx, cl

@snippet shld_r32_imm
@init rax=0xdeadbeef5aa5c33c rbx=0xdeadbeef80000001
@undef af of
    shld eax, ebx, 5

@snippet shld_r64_cl0
@init rax=0x8000000000000001 rbx=0x5aa5c33c0ff0e11e rcx=0
@undef none
@pin rcx
    shld rax, rbx, cl

@snippet shld_r64_cl1
@init rax=0x8000000000000001 rbx=0x5aa5c33c0ff0e11e rcx=1
@undef af
@pin rcx
    shld rax, rbx, cl

@snippet shld_r64_cl4
@init rax=0x8000000000000001 rbx=0x5aa5c33c0ff0e11e rcx=4
@undef af of
@pin rcx
    shld rax, rbx, cl

@snippet shld_r64_cl63
@init rax=0x8000000000000001 rbx=0x5aa5c33c0ff0e11e rcx=63
@undef af of
@pin rcx
    shld rax, rbx, cl

@snippet shld_r64_imm
@init rax=0x5aa5c33c0ff0e11e rbx=0x8000000000000001
@undef af of
    shld rax, rbx, 5

@snippet shrd_r16_cl0
@init rax=0xdeadbeefcafe8001 rbx=0xdeadbeefcafe5aa5 rcx=0
@undef none
@pin rcx
    shrd ax, bx, cl

@snippet shrd_r16_cl1
@init rax=0xdeadbeefcafe8001 rbx=0xdeadbeefcafe5aa5 rcx=1
@undef af
@pin rcx
    shrd ax, bx, cl

@snippet shrd_r16_cl4
@init rax=0xdeadbeefcafe8001 rbx=0xdeadbeefcafe5aa5 rcx=4
@undef af of
@pin rcx
    shrd ax, bx, cl

@snippet shrd_r16_cl15
@init rax=0xdeadbeefcafe8001 rbx=0xdeadbeefcafe5aa5 rcx=15
@undef af of
@pin rcx
    shrd ax, bx, cl

@snippet shrd_r16_cl19
@init rax=0xdeadbeefcafe8001 rbx=0xdeadbeefcafe5aa5 rcx=19
@undef cf pf af zf sf of
@pin rcx
@ignore rax
    shrd ax, bx, cl

@snippet shrd_r16_imm
@init rax=0xdeadbeefcafe5aa5 rbx=0xdeadbeefcafe8001
@undef af of
    shrd ax, bx, 5

@snippet shrd_r32_cl0
@init rax=0xdeadbeef80000001 rbx=0xdeadbeef5aa5c33c rcx=0
@undef none
@pin rcx
    shrd eax, ebx, cl

@snippet shrd_r32_cl1
@init rax=0xdeadbeef80000001 rbx=0xdeadbeef5aa5c33c rcx=1
@undef af
@pin rcx
    shrd eax, ebx, cl

@snippet shrd_r32_cl4
@init rax=0xdeadbeef80000001 rbx=0xdeadbeef5aa5c33c rcx=4
@undef af of
@pin rcx
    shrd eax, ebx, cl

@snippet shrd_r32_cl31
@init rax=0xdeadbeef80000001 rbx=0xdeadbeef5aa5c33c rcx=31
@undef af of
@pin rcx
    shrd eax, ebx, cl

@snippet shrd_r32_imm
@init rax=0xdeadbeef5aa5c33c rbx=0xdeadbeef80000001
@undef af of
    shrd eax, ebx, 5

@snippet shrd_r64_cl0
@init rax=0x8000000000000001 rbx=0x5aa5c33c0ff0e11e rcx=0
@undef none
@pin rcx
    shrd rax, rbx, cl

@snippet shrd_r64_cl1
@init rax=0x8000000000000001 rbx=0x5aa5c33c0ff0e11e rcx=1
@undef af
@pin rcx
    shrd rax, rbx, cl

@snippet shrd_r64_cl4
@init rax=0x8000000000000001 rbx=0x5aa5c33c0ff0e11e rcx=4
@undef af of
@pin rcx
    shrd rax, rbx, cl

@snippet shrd_r64_cl63
@init rax=0x8000000000000001 rbx=0x5aa5c33c0ff0e11e rcx=63
@undef af of
@pin rcx
    shrd rax, rbx, cl

@snippet shrd_r64_imm
@init rax=0x5aa5c33c0ff0e11e rbx=0x8000000000000001
@undef af of
    shrd rax, rbx, 5
