# SHL / SAL / SHR / SAR / SHLD / SHRD by immediate and CL, every width.
# A count (masked to 5 or 6 bits) of 0 changes no flag; OF is defined only for 1-bit shifts; AF is
# undefined for non-zero counts; CF is undefined when the masked count reaches the operand width
# (8/16-bit forms).
@syntax intel
@init rsi=data

@snippet shl_r8_cl0_msb
@init rax=0xdeadbeefcafefe81 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
    shl al, cl

@snippet shl_r8_cl0_alt
@init rax=0xdeadbeefcafefe5a rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
    shl al, cl

@snippet shl_r8_cl1_msb
@init rax=0xdeadbeefcafefe81 rcx=1
@undef af
    shl al, cl

@snippet shl_r8_cl1_alt
@init rax=0xdeadbeefcafefe5a rcx=1
@undef af
    shl al, cl

@snippet shl_r8_cl2_msb
@init rax=0xdeadbeefcafefe81 rcx=2
@undef af of
    shl al, cl

@snippet shl_r8_cl2_alt
@init rax=0xdeadbeefcafefe5a rcx=2
@undef af of
    shl al, cl

@snippet shl_r8_cl7_msb
@init rax=0xdeadbeefcafefe81 rcx=7
@undef af of
    shl al, cl

@snippet shl_r8_cl7_alt
@init rax=0xdeadbeefcafefe5a rcx=7
@undef af of
    shl al, cl

@snippet shl_r8_cl8_msb
@init rax=0xdeadbeefcafefe81 rcx=8
@undef af of cf
    shl al, cl

@snippet shl_r8_cl8_alt
@init rax=0xdeadbeefcafefe5a rcx=8
@undef af of cf
    shl al, cl

@snippet shl_r8_cl9_msb
@init rax=0xdeadbeefcafefe81 rcx=9
@undef af of cf
    shl al, cl

@snippet shl_r8_cl9_alt
@init rax=0xdeadbeefcafefe5a rcx=9
@undef af of cf
    shl al, cl

@snippet shl_r8_cl31_msb
@init rax=0xdeadbeefcafefe81 rcx=31
@undef af of cf
    shl al, cl

@snippet shl_r8_cl31_alt
@init rax=0xdeadbeefcafefe5a rcx=31
@undef af of cf
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
    shl ax, cl

@snippet shl_r16_cl0_alt
@init rax=0xdeadbeefcafe5aa5 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
    shl ax, cl

@snippet shl_r16_cl1_msb
@init rax=0xdeadbeefcafe8001 rcx=1
@undef af
    shl ax, cl

@snippet shl_r16_cl1_alt
@init rax=0xdeadbeefcafe5aa5 rcx=1
@undef af
    shl ax, cl

@snippet shl_r16_cl2_msb
@init rax=0xdeadbeefcafe8001 rcx=2
@undef af of
    shl ax, cl

@snippet shl_r16_cl2_alt
@init rax=0xdeadbeefcafe5aa5 rcx=2
@undef af of
    shl ax, cl

@snippet shl_r16_cl15_msb
@init rax=0xdeadbeefcafe8001 rcx=15
@undef af of
    shl ax, cl

@snippet shl_r16_cl15_alt
@init rax=0xdeadbeefcafe5aa5 rcx=15
@undef af of
    shl ax, cl

@snippet shl_r16_cl16_msb
@init rax=0xdeadbeefcafe8001 rcx=16
@undef af of cf
    shl ax, cl

@snippet shl_r16_cl16_alt
@init rax=0xdeadbeefcafe5aa5 rcx=16
@undef af of cf
    shl ax, cl

@snippet shl_r16_cl17_msb
@init rax=0xdeadbeefcafe8001 rcx=17
@undef af of cf
    shl ax, cl

@snippet shl_r16_cl17_alt
@init rax=0xdeadbeefcafe5aa5 rcx=17
@undef af of cf
    shl ax, cl

@snippet shl_r16_cl31_msb
@init rax=0xdeadbeefcafe8001 rcx=31
@undef af of cf
    shl ax, cl

@snippet shl_r16_cl31_alt
@init rax=0xdeadbeefcafe5aa5 rcx=31
@undef af of cf
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
    shl eax, cl

@snippet shl_r32_cl0_alt
@init rax=0xdeadbeef5aa5c33c rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
    shl eax, cl

@snippet shl_r32_cl1_msb
@init rax=0xdeadbeef80000001 rcx=1
@undef af
    shl eax, cl

@snippet shl_r32_cl1_alt
@init rax=0xdeadbeef5aa5c33c rcx=1
@undef af
    shl eax, cl

@snippet shl_r32_cl2_msb
@init rax=0xdeadbeef80000001 rcx=2
@undef af of
    shl eax, cl

@snippet shl_r32_cl2_alt
@init rax=0xdeadbeef5aa5c33c rcx=2
@undef af of
    shl eax, cl

@snippet shl_r32_cl31_msb
@init rax=0xdeadbeef80000001 rcx=31
@undef af of
    shl eax, cl

@snippet shl_r32_cl31_alt
@init rax=0xdeadbeef5aa5c33c rcx=31
@undef af of
    shl eax, cl

@snippet shl_r32_cl32_msb
@init rax=0xdeadbeef80000001 rcx=32
@undef none
    shl eax, cl

@snippet shl_r32_cl32_alt
@init rax=0xdeadbeef5aa5c33c rcx=32
@undef none
    shl eax, cl

@snippet shl_r32_cl33_msb
@init rax=0xdeadbeef80000001 rcx=33
@undef af
    shl eax, cl

@snippet shl_r32_cl33_alt
@init rax=0xdeadbeef5aa5c33c rcx=33
@undef af
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
    shl rax, cl

@snippet shl_r64_cl0_alt
@init rax=0x5aa5c33c0ff0e11e rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
    shl rax, cl

@snippet shl_r64_cl1_msb
@init rax=0x8000000000000001 rcx=1
@undef af
    shl rax, cl

@snippet shl_r64_cl1_alt
@init rax=0x5aa5c33c0ff0e11e rcx=1
@undef af
    shl rax, cl

@snippet shl_r64_cl2_msb
@init rax=0x8000000000000001 rcx=2
@undef af of
    shl rax, cl

@snippet shl_r64_cl2_alt
@init rax=0x5aa5c33c0ff0e11e rcx=2
@undef af of
    shl rax, cl

@snippet shl_r64_cl63_msb
@init rax=0x8000000000000001 rcx=63
@undef af of
    shl rax, cl

@snippet shl_r64_cl63_alt
@init rax=0x5aa5c33c0ff0e11e rcx=63
@undef af of
    shl rax, cl

@snippet shl_r64_cl64_msb
@init rax=0x8000000000000001 rcx=64
@undef none
    shl rax, cl

@snippet shl_r64_cl64_alt
@init rax=0x5aa5c33c0ff0e11e rcx=64
@undef none
    shl rax, cl

@snippet shl_r64_cl65_msb
@init rax=0x8000000000000001 rcx=65
@undef af
    shl rax, cl

@snippet shl_r64_cl65_alt
@init rax=0x5aa5c33c0ff0e11e rcx=65
@undef af
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
    shr al, cl

@snippet shr_r8_cl0_alt
@init rax=0xdeadbeefcafefe5a rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
    shr al, cl

@snippet shr_r8_cl1_msb
@init rax=0xdeadbeefcafefe81 rcx=1
@undef af
    shr al, cl

@snippet shr_r8_cl1_alt
@init rax=0xdeadbeefcafefe5a rcx=1
@undef af
    shr al, cl

@snippet shr_r8_cl2_msb
@init rax=0xdeadbeefcafefe81 rcx=2
@undef af of
    shr al, cl

@snippet shr_r8_cl2_alt
@init rax=0xdeadbeefcafefe5a rcx=2
@undef af of
    shr al, cl

@snippet shr_r8_cl7_msb
@init rax=0xdeadbeefcafefe81 rcx=7
@undef af of
    shr al, cl

@snippet shr_r8_cl7_alt
@init rax=0xdeadbeefcafefe5a rcx=7
@undef af of
    shr al, cl

@snippet shr_r8_cl8_msb
@init rax=0xdeadbeefcafefe81 rcx=8
@undef af of cf
    shr al, cl

@snippet shr_r8_cl8_alt
@init rax=0xdeadbeefcafefe5a rcx=8
@undef af of cf
    shr al, cl

@snippet shr_r8_cl9_msb
@init rax=0xdeadbeefcafefe81 rcx=9
@undef af of cf
    shr al, cl

@snippet shr_r8_cl9_alt
@init rax=0xdeadbeefcafefe5a rcx=9
@undef af of cf
    shr al, cl

@snippet shr_r8_cl31_msb
@init rax=0xdeadbeefcafefe81 rcx=31
@undef af of cf
    shr al, cl

@snippet shr_r8_cl31_alt
@init rax=0xdeadbeefcafefe5a rcx=31
@undef af of cf
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
    shr ax, cl

@snippet shr_r16_cl0_alt
@init rax=0xdeadbeefcafe5aa5 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
    shr ax, cl

@snippet shr_r16_cl1_msb
@init rax=0xdeadbeefcafe8001 rcx=1
@undef af
    shr ax, cl

@snippet shr_r16_cl1_alt
@init rax=0xdeadbeefcafe5aa5 rcx=1
@undef af
    shr ax, cl

@snippet shr_r16_cl2_msb
@init rax=0xdeadbeefcafe8001 rcx=2
@undef af of
    shr ax, cl

@snippet shr_r16_cl2_alt
@init rax=0xdeadbeefcafe5aa5 rcx=2
@undef af of
    shr ax, cl

@snippet shr_r16_cl15_msb
@init rax=0xdeadbeefcafe8001 rcx=15
@undef af of
    shr ax, cl

@snippet shr_r16_cl15_alt
@init rax=0xdeadbeefcafe5aa5 rcx=15
@undef af of
    shr ax, cl

@snippet shr_r16_cl16_msb
@init rax=0xdeadbeefcafe8001 rcx=16
@undef af of cf
    shr ax, cl

@snippet shr_r16_cl16_alt
@init rax=0xdeadbeefcafe5aa5 rcx=16
@undef af of cf
    shr ax, cl

@snippet shr_r16_cl17_msb
@init rax=0xdeadbeefcafe8001 rcx=17
@undef af of cf
    shr ax, cl

@snippet shr_r16_cl17_alt
@init rax=0xdeadbeefcafe5aa5 rcx=17
@undef af of cf
    shr ax, cl

@snippet shr_r16_cl31_msb
@init rax=0xdeadbeefcafe8001 rcx=31
@undef af of cf
    shr ax, cl

@snippet shr_r16_cl31_alt
@init rax=0xdeadbeefcafe5aa5 rcx=31
@undef af of cf
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
    shr eax, cl

@snippet shr_r32_cl0_alt
@init rax=0xdeadbeef5aa5c33c rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
    shr eax, cl

@snippet shr_r32_cl1_msb
@init rax=0xdeadbeef80000001 rcx=1
@undef af
    shr eax, cl

@snippet shr_r32_cl1_alt
@init rax=0xdeadbeef5aa5c33c rcx=1
@undef af
    shr eax, cl

@snippet shr_r32_cl2_msb
@init rax=0xdeadbeef80000001 rcx=2
@undef af of
    shr eax, cl

@snippet shr_r32_cl2_alt
@init rax=0xdeadbeef5aa5c33c rcx=2
@undef af of
    shr eax, cl

@snippet shr_r32_cl31_msb
@init rax=0xdeadbeef80000001 rcx=31
@undef af of
    shr eax, cl

@snippet shr_r32_cl31_alt
@init rax=0xdeadbeef5aa5c33c rcx=31
@undef af of
    shr eax, cl

@snippet shr_r32_cl32_msb
@init rax=0xdeadbeef80000001 rcx=32
@undef none
    shr eax, cl

@snippet shr_r32_cl32_alt
@init rax=0xdeadbeef5aa5c33c rcx=32
@undef none
    shr eax, cl

@snippet shr_r32_cl33_msb
@init rax=0xdeadbeef80000001 rcx=33
@undef af
    shr eax, cl

@snippet shr_r32_cl33_alt
@init rax=0xdeadbeef5aa5c33c rcx=33
@undef af
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
    shr rax, cl

@snippet shr_r64_cl0_alt
@init rax=0x5aa5c33c0ff0e11e rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
    shr rax, cl

@snippet shr_r64_cl1_msb
@init rax=0x8000000000000001 rcx=1
@undef af
    shr rax, cl

@snippet shr_r64_cl1_alt
@init rax=0x5aa5c33c0ff0e11e rcx=1
@undef af
    shr rax, cl

@snippet shr_r64_cl2_msb
@init rax=0x8000000000000001 rcx=2
@undef af of
    shr rax, cl

@snippet shr_r64_cl2_alt
@init rax=0x5aa5c33c0ff0e11e rcx=2
@undef af of
    shr rax, cl

@snippet shr_r64_cl63_msb
@init rax=0x8000000000000001 rcx=63
@undef af of
    shr rax, cl

@snippet shr_r64_cl63_alt
@init rax=0x5aa5c33c0ff0e11e rcx=63
@undef af of
    shr rax, cl

@snippet shr_r64_cl64_msb
@init rax=0x8000000000000001 rcx=64
@undef none
    shr rax, cl

@snippet shr_r64_cl64_alt
@init rax=0x5aa5c33c0ff0e11e rcx=64
@undef none
    shr rax, cl

@snippet shr_r64_cl65_msb
@init rax=0x8000000000000001 rcx=65
@undef af
    shr rax, cl

@snippet shr_r64_cl65_alt
@init rax=0x5aa5c33c0ff0e11e rcx=65
@undef af
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
    sar al, cl

@snippet sar_r8_cl0_alt
@init rax=0xdeadbeefcafefe5a rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
    sar al, cl

@snippet sar_r8_cl1_msb
@init rax=0xdeadbeefcafefe81 rcx=1
@undef af
    sar al, cl

@snippet sar_r8_cl1_alt
@init rax=0xdeadbeefcafefe5a rcx=1
@undef af
    sar al, cl

@snippet sar_r8_cl2_msb
@init rax=0xdeadbeefcafefe81 rcx=2
@undef af of
    sar al, cl

@snippet sar_r8_cl2_alt
@init rax=0xdeadbeefcafefe5a rcx=2
@undef af of
    sar al, cl

@snippet sar_r8_cl7_msb
@init rax=0xdeadbeefcafefe81 rcx=7
@undef af of
    sar al, cl

@snippet sar_r8_cl7_alt
@init rax=0xdeadbeefcafefe5a rcx=7
@undef af of
    sar al, cl

@snippet sar_r8_cl8_msb
@init rax=0xdeadbeefcafefe81 rcx=8
@undef af of cf
    sar al, cl

@snippet sar_r8_cl8_alt
@init rax=0xdeadbeefcafefe5a rcx=8
@undef af of cf
    sar al, cl

@snippet sar_r8_cl9_msb
@init rax=0xdeadbeefcafefe81 rcx=9
@undef af of cf
    sar al, cl

@snippet sar_r8_cl9_alt
@init rax=0xdeadbeefcafefe5a rcx=9
@undef af of cf
    sar al, cl

@snippet sar_r8_cl31_msb
@init rax=0xdeadbeefcafefe81 rcx=31
@undef af of cf
    sar al, cl

@snippet sar_r8_cl31_alt
@init rax=0xdeadbeefcafefe5a rcx=31
@undef af of cf
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
    sar ax, cl

@snippet sar_r16_cl0_alt
@init rax=0xdeadbeefcafe5aa5 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
    sar ax, cl

@snippet sar_r16_cl1_msb
@init rax=0xdeadbeefcafe8001 rcx=1
@undef af
    sar ax, cl

@snippet sar_r16_cl1_alt
@init rax=0xdeadbeefcafe5aa5 rcx=1
@undef af
    sar ax, cl

@snippet sar_r16_cl2_msb
@init rax=0xdeadbeefcafe8001 rcx=2
@undef af of
    sar ax, cl

@snippet sar_r16_cl2_alt
@init rax=0xdeadbeefcafe5aa5 rcx=2
@undef af of
    sar ax, cl

@snippet sar_r16_cl15_msb
@init rax=0xdeadbeefcafe8001 rcx=15
@undef af of
    sar ax, cl

@snippet sar_r16_cl15_alt
@init rax=0xdeadbeefcafe5aa5 rcx=15
@undef af of
    sar ax, cl

@snippet sar_r16_cl16_msb
@init rax=0xdeadbeefcafe8001 rcx=16
@undef af of cf
    sar ax, cl

@snippet sar_r16_cl16_alt
@init rax=0xdeadbeefcafe5aa5 rcx=16
@undef af of cf
    sar ax, cl

@snippet sar_r16_cl17_msb
@init rax=0xdeadbeefcafe8001 rcx=17
@undef af of cf
    sar ax, cl

@snippet sar_r16_cl17_alt
@init rax=0xdeadbeefcafe5aa5 rcx=17
@undef af of cf
    sar ax, cl

@snippet sar_r16_cl31_msb
@init rax=0xdeadbeefcafe8001 rcx=31
@undef af of cf
    sar ax, cl

@snippet sar_r16_cl31_alt
@init rax=0xdeadbeefcafe5aa5 rcx=31
@undef af of cf
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
    sar eax, cl

@snippet sar_r32_cl0_alt
@init rax=0xdeadbeef5aa5c33c rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
    sar eax, cl

@snippet sar_r32_cl1_msb
@init rax=0xdeadbeef80000001 rcx=1
@undef af
    sar eax, cl

@snippet sar_r32_cl1_alt
@init rax=0xdeadbeef5aa5c33c rcx=1
@undef af
    sar eax, cl

@snippet sar_r32_cl2_msb
@init rax=0xdeadbeef80000001 rcx=2
@undef af of
    sar eax, cl

@snippet sar_r32_cl2_alt
@init rax=0xdeadbeef5aa5c33c rcx=2
@undef af of
    sar eax, cl

@snippet sar_r32_cl31_msb
@init rax=0xdeadbeef80000001 rcx=31
@undef af of
    sar eax, cl

@snippet sar_r32_cl31_alt
@init rax=0xdeadbeef5aa5c33c rcx=31
@undef af of
    sar eax, cl

@snippet sar_r32_cl32_msb
@init rax=0xdeadbeef80000001 rcx=32
@undef none
    sar eax, cl

@snippet sar_r32_cl32_alt
@init rax=0xdeadbeef5aa5c33c rcx=32
@undef none
    sar eax, cl

@snippet sar_r32_cl33_msb
@init rax=0xdeadbeef80000001 rcx=33
@undef af
    sar eax, cl

@snippet sar_r32_cl33_alt
@init rax=0xdeadbeef5aa5c33c rcx=33
@undef af
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
    sar rax, cl

@snippet sar_r64_cl0_alt
@init rax=0x5aa5c33c0ff0e11e rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
    sar rax, cl

@snippet sar_r64_cl1_msb
@init rax=0x8000000000000001 rcx=1
@undef af
    sar rax, cl

@snippet sar_r64_cl1_alt
@init rax=0x5aa5c33c0ff0e11e rcx=1
@undef af
    sar rax, cl

@snippet sar_r64_cl2_msb
@init rax=0x8000000000000001 rcx=2
@undef af of
    sar rax, cl

@snippet sar_r64_cl2_alt
@init rax=0x5aa5c33c0ff0e11e rcx=2
@undef af of
    sar rax, cl

@snippet sar_r64_cl63_msb
@init rax=0x8000000000000001 rcx=63
@undef af of
    sar rax, cl

@snippet sar_r64_cl63_alt
@init rax=0x5aa5c33c0ff0e11e rcx=63
@undef af of
    sar rax, cl

@snippet sar_r64_cl64_msb
@init rax=0x8000000000000001 rcx=64
@undef none
    sar rax, cl

@snippet sar_r64_cl64_alt
@init rax=0x5aa5c33c0ff0e11e rcx=64
@undef none
    sar rax, cl

@snippet sar_r64_cl65_msb
@init rax=0x8000000000000001 rcx=65
@undef af
    sar rax, cl

@snippet sar_r64_cl65_alt
@init rax=0x5aa5c33c0ff0e11e rcx=65
@undef af
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
    sal al, cl

@snippet sal_r8_cl0_alt
@init rax=0xdeadbeefcafefe5a rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
    sal al, cl

@snippet sal_r8_cl1_msb
@init rax=0xdeadbeefcafefe81 rcx=1
@undef af
    sal al, cl

@snippet sal_r8_cl1_alt
@init rax=0xdeadbeefcafefe5a rcx=1
@undef af
    sal al, cl

@snippet sal_r8_cl2_msb
@init rax=0xdeadbeefcafefe81 rcx=2
@undef af of
    sal al, cl

@snippet sal_r8_cl2_alt
@init rax=0xdeadbeefcafefe5a rcx=2
@undef af of
    sal al, cl

@snippet sal_r8_cl7_msb
@init rax=0xdeadbeefcafefe81 rcx=7
@undef af of
    sal al, cl

@snippet sal_r8_cl7_alt
@init rax=0xdeadbeefcafefe5a rcx=7
@undef af of
    sal al, cl

@snippet sal_r8_cl8_msb
@init rax=0xdeadbeefcafefe81 rcx=8
@undef af of cf
    sal al, cl

@snippet sal_r8_cl8_alt
@init rax=0xdeadbeefcafefe5a rcx=8
@undef af of cf
    sal al, cl

@snippet sal_r8_cl9_msb
@init rax=0xdeadbeefcafefe81 rcx=9
@undef af of cf
    sal al, cl

@snippet sal_r8_cl9_alt
@init rax=0xdeadbeefcafefe5a rcx=9
@undef af of cf
    sal al, cl

@snippet sal_r8_cl31_msb
@init rax=0xdeadbeefcafefe81 rcx=31
@undef af of cf
    sal al, cl

@snippet sal_r8_cl31_alt
@init rax=0xdeadbeefcafefe5a rcx=31
@undef af of cf
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
    sal ax, cl

@snippet sal_r16_cl0_alt
@init rax=0xdeadbeefcafe5aa5 rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
    sal ax, cl

@snippet sal_r16_cl1_msb
@init rax=0xdeadbeefcafe8001 rcx=1
@undef af
    sal ax, cl

@snippet sal_r16_cl1_alt
@init rax=0xdeadbeefcafe5aa5 rcx=1
@undef af
    sal ax, cl

@snippet sal_r16_cl2_msb
@init rax=0xdeadbeefcafe8001 rcx=2
@undef af of
    sal ax, cl

@snippet sal_r16_cl2_alt
@init rax=0xdeadbeefcafe5aa5 rcx=2
@undef af of
    sal ax, cl

@snippet sal_r16_cl15_msb
@init rax=0xdeadbeefcafe8001 rcx=15
@undef af of
    sal ax, cl

@snippet sal_r16_cl15_alt
@init rax=0xdeadbeefcafe5aa5 rcx=15
@undef af of
    sal ax, cl

@snippet sal_r16_cl16_msb
@init rax=0xdeadbeefcafe8001 rcx=16
@undef af of cf
    sal ax, cl

@snippet sal_r16_cl16_alt
@init rax=0xdeadbeefcafe5aa5 rcx=16
@undef af of cf
    sal ax, cl

@snippet sal_r16_cl17_msb
@init rax=0xdeadbeefcafe8001 rcx=17
@undef af of cf
    sal ax, cl

@snippet sal_r16_cl17_alt
@init rax=0xdeadbeefcafe5aa5 rcx=17
@undef af of cf
    sal ax, cl

@snippet sal_r16_cl31_msb
@init rax=0xdeadbeefcafe8001 rcx=31
@undef af of cf
    sal ax, cl

@snippet sal_r16_cl31_alt
@init rax=0xdeadbeefcafe5aa5 rcx=31
@undef af of cf
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
    sal eax, cl

@snippet sal_r32_cl0_alt
@init rax=0xdeadbeef5aa5c33c rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
    sal eax, cl

@snippet sal_r32_cl1_msb
@init rax=0xdeadbeef80000001 rcx=1
@undef af
    sal eax, cl

@snippet sal_r32_cl1_alt
@init rax=0xdeadbeef5aa5c33c rcx=1
@undef af
    sal eax, cl

@snippet sal_r32_cl2_msb
@init rax=0xdeadbeef80000001 rcx=2
@undef af of
    sal eax, cl

@snippet sal_r32_cl2_alt
@init rax=0xdeadbeef5aa5c33c rcx=2
@undef af of
    sal eax, cl

@snippet sal_r32_cl31_msb
@init rax=0xdeadbeef80000001 rcx=31
@undef af of
    sal eax, cl

@snippet sal_r32_cl31_alt
@init rax=0xdeadbeef5aa5c33c rcx=31
@undef af of
    sal eax, cl

@snippet sal_r32_cl32_msb
@init rax=0xdeadbeef80000001 rcx=32
@undef none
    sal eax, cl

@snippet sal_r32_cl32_alt
@init rax=0xdeadbeef5aa5c33c rcx=32
@undef none
    sal eax, cl

@snippet sal_r32_cl33_msb
@init rax=0xdeadbeef80000001 rcx=33
@undef af
    sal eax, cl

@snippet sal_r32_cl33_alt
@init rax=0xdeadbeef5aa5c33c rcx=33
@undef af
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
    sal rax, cl

@snippet sal_r64_cl0_alt
@init rax=0x5aa5c33c0ff0e11e rcx=0 flags=cf,zf,of,af,pf,sf
@undef none
    sal rax, cl

@snippet sal_r64_cl1_msb
@init rax=0x8000000000000001 rcx=1
@undef af
    sal rax, cl

@snippet sal_r64_cl1_alt
@init rax=0x5aa5c33c0ff0e11e rcx=1
@undef af
    sal rax, cl

@snippet sal_r64_cl2_msb
@init rax=0x8000000000000001 rcx=2
@undef af of
    sal rax, cl

@snippet sal_r64_cl2_alt
@init rax=0x5aa5c33c0ff0e11e rcx=2
@undef af of
    sal rax, cl

@snippet sal_r64_cl63_msb
@init rax=0x8000000000000001 rcx=63
@undef af of
    sal rax, cl

@snippet sal_r64_cl63_alt
@init rax=0x5aa5c33c0ff0e11e rcx=63
@undef af of
    sal rax, cl

@snippet sal_r64_cl64_msb
@init rax=0x8000000000000001 rcx=64
@undef none
    sal rax, cl

@snippet sal_r64_cl64_alt
@init rax=0x5aa5c33c0ff0e11e rcx=64
@undef none
    sal rax, cl

@snippet sal_r64_cl65_msb
@init rax=0x8000000000000001 rcx=65
@undef af
    sal rax, cl

@snippet sal_r64_cl65_alt
@init rax=0x5aa5c33c0ff0e11e rcx=65
@undef af
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
    shld ax, bx, cl

@snippet shld_r16_cl1
@init rax=0xdeadbeefcafe8001 rbx=0xdeadbeefcafe5aa5 rcx=1
@undef af
    shld ax, bx, cl

@snippet shld_r16_cl4
@init rax=0xdeadbeefcafe8001 rbx=0xdeadbeefcafe5aa5 rcx=4
@undef af of
    shld ax, bx, cl

@snippet shld_r16_cl15
@init rax=0xdeadbeefcafe8001 rbx=0xdeadbeefcafe5aa5 rcx=15
@undef af of
    shld ax, bx, cl

@snippet shld_r16_cl19
@init rax=0xdeadbeefcafe8001 rbx=0xdeadbeefcafe5aa5 rcx=19
@undef cf pf af zf sf of
    shld ax, bx, cl

@snippet shld_r16_imm
@init rax=0xdeadbeefcafe5aa5 rbx=0xdeadbeefcafe8001
@undef af of
    shld ax, bx, 5

@snippet shld_r32_cl0
@init rax=0xdeadbeef80000001 rbx=0xdeadbeef5aa5c33c rcx=0
@undef none
    shld eax, ebx, cl

@snippet shld_r32_cl1
@init rax=0xdeadbeef80000001 rbx=0xdeadbeef5aa5c33c rcx=1
@undef af
    shld eax, ebx, cl

@snippet shld_r32_cl4
@init rax=0xdeadbeef80000001 rbx=0xdeadbeef5aa5c33c rcx=4
@undef af of
    shld eax, ebx, cl

@snippet shld_r32_cl31
@init rax=0xdeadbeef80000001 rbx=0xdeadbeef5aa5c33c rcx=31
@undef af of
    shld eax, ebx, cl

@snippet shld_r32_imm
@init rax=0xdeadbeef5aa5c33c rbx=0xdeadbeef80000001
@undef af of
    shld eax, ebx, 5

@snippet shld_r64_cl0
@init rax=0x8000000000000001 rbx=0x5aa5c33c0ff0e11e rcx=0
@undef none
    shld rax, rbx, cl

@snippet shld_r64_cl1
@init rax=0x8000000000000001 rbx=0x5aa5c33c0ff0e11e rcx=1
@undef af
    shld rax, rbx, cl

@snippet shld_r64_cl4
@init rax=0x8000000000000001 rbx=0x5aa5c33c0ff0e11e rcx=4
@undef af of
    shld rax, rbx, cl

@snippet shld_r64_cl63
@init rax=0x8000000000000001 rbx=0x5aa5c33c0ff0e11e rcx=63
@undef af of
    shld rax, rbx, cl

@snippet shld_r64_imm
@init rax=0x5aa5c33c0ff0e11e rbx=0x8000000000000001
@undef af of
    shld rax, rbx, 5

@snippet shrd_r16_cl0
@init rax=0xdeadbeefcafe8001 rbx=0xdeadbeefcafe5aa5 rcx=0
@undef none
    shrd ax, bx, cl

@snippet shrd_r16_cl1
@init rax=0xdeadbeefcafe8001 rbx=0xdeadbeefcafe5aa5 rcx=1
@undef af
    shrd ax, bx, cl

@snippet shrd_r16_cl4
@init rax=0xdeadbeefcafe8001 rbx=0xdeadbeefcafe5aa5 rcx=4
@undef af of
    shrd ax, bx, cl

@snippet shrd_r16_cl15
@init rax=0xdeadbeefcafe8001 rbx=0xdeadbeefcafe5aa5 rcx=15
@undef af of
    shrd ax, bx, cl

@snippet shrd_r16_cl19
@init rax=0xdeadbeefcafe8001 rbx=0xdeadbeefcafe5aa5 rcx=19
@undef cf pf af zf sf of
    shrd ax, bx, cl

@snippet shrd_r16_imm
@init rax=0xdeadbeefcafe5aa5 rbx=0xdeadbeefcafe8001
@undef af of
    shrd ax, bx, 5

@snippet shrd_r32_cl0
@init rax=0xdeadbeef80000001 rbx=0xdeadbeef5aa5c33c rcx=0
@undef none
    shrd eax, ebx, cl

@snippet shrd_r32_cl1
@init rax=0xdeadbeef80000001 rbx=0xdeadbeef5aa5c33c rcx=1
@undef af
    shrd eax, ebx, cl

@snippet shrd_r32_cl4
@init rax=0xdeadbeef80000001 rbx=0xdeadbeef5aa5c33c rcx=4
@undef af of
    shrd eax, ebx, cl

@snippet shrd_r32_cl31
@init rax=0xdeadbeef80000001 rbx=0xdeadbeef5aa5c33c rcx=31
@undef af of
    shrd eax, ebx, cl

@snippet shrd_r32_imm
@init rax=0xdeadbeef5aa5c33c rbx=0xdeadbeef80000001
@undef af of
    shrd eax, ebx, 5

@snippet shrd_r64_cl0
@init rax=0x8000000000000001 rbx=0x5aa5c33c0ff0e11e rcx=0
@undef none
    shrd rax, rbx, cl

@snippet shrd_r64_cl1
@init rax=0x8000000000000001 rbx=0x5aa5c33c0ff0e11e rcx=1
@undef af
    shrd rax, rbx, cl

@snippet shrd_r64_cl4
@init rax=0x8000000000000001 rbx=0x5aa5c33c0ff0e11e rcx=4
@undef af of
    shrd rax, rbx, cl

@snippet shrd_r64_cl63
@init rax=0x8000000000000001 rbx=0x5aa5c33c0ff0e11e rcx=63
@undef af of
    shrd rax, rbx, cl

@snippet shrd_r64_imm
@init rax=0x5aa5c33c0ff0e11e rbx=0x8000000000000001
@undef af of
    shrd rax, rbx, 5
