# ROL / ROR / RCL / RCR by immediate and CL, every width, CF in and out.
# Only CF and OF are affected; OF is defined for 1-bit rotates only; a masked count of 0 changes
# nothing. RCL/RCR of 8/16-bit operands rotate modulo 9/17.
@syntax intel
@init rsi=data

@snippet rol_r8_cl0
@init rax=0xdeadbeefcafefe81 rcx=0
@undef none
@pin rcx
    rol al, cl

@snippet rol_r8_cl0_cf
@init rax=0xdeadbeefcafefe81 rcx=0 flags=cf
@undef none
@pin rcx
    rol al, cl

@snippet rol_r8_cl1
@init rax=0xdeadbeefcafefe81 rcx=1
@undef none
@pin rcx
    rol al, cl

@snippet rol_r8_cl1_cf
@init rax=0xdeadbeefcafefe81 rcx=1 flags=cf
@undef none
@pin rcx
    rol al, cl

@snippet rol_r8_cl2
@init rax=0xdeadbeefcafefe81 rcx=2
@undef of
@pin rcx
    rol al, cl

@snippet rol_r8_cl2_cf
@init rax=0xdeadbeefcafefe81 rcx=2 flags=cf
@undef of
@pin rcx
    rol al, cl

@snippet rol_r8_cl7
@init rax=0xdeadbeefcafefe81 rcx=7
@undef of
@pin rcx
    rol al, cl

@snippet rol_r8_cl7_cf
@init rax=0xdeadbeefcafefe81 rcx=7 flags=cf
@undef of
@pin rcx
    rol al, cl

@snippet rol_r8_cl8
@init rax=0xdeadbeefcafefe81 rcx=8
@undef of
@pin rcx
    rol al, cl

@snippet rol_r8_cl8_cf
@init rax=0xdeadbeefcafefe81 rcx=8 flags=cf
@undef of
@pin rcx
    rol al, cl

@snippet rol_r8_cl9
@init rax=0xdeadbeefcafefe81 rcx=9
@undef of
@pin rcx
    rol al, cl

@snippet rol_r8_cl9_cf
@init rax=0xdeadbeefcafefe81 rcx=9 flags=cf
@undef of
@pin rcx
    rol al, cl

@snippet rol_r8_cl31
@init rax=0xdeadbeefcafefe81 rcx=31
@undef of
@pin rcx
    rol al, cl

@snippet rol_r8_cl31_cf
@init rax=0xdeadbeefcafefe81 rcx=31 flags=cf
@undef of
@pin rcx
    rol al, cl

@snippet rol_r8_imm1
@init rax=0xdeadbeefcafefe5a flags=cf
@undef none
    rol al, 1

@snippet rol_r16_cl0
@init rax=0xdeadbeefcafe8001 rcx=0
@undef none
@pin rcx
    rol ax, cl

@snippet rol_r16_cl0_cf
@init rax=0xdeadbeefcafe8001 rcx=0 flags=cf
@undef none
@pin rcx
    rol ax, cl

@snippet rol_r16_cl1
@init rax=0xdeadbeefcafe8001 rcx=1
@undef none
@pin rcx
    rol ax, cl

@snippet rol_r16_cl1_cf
@init rax=0xdeadbeefcafe8001 rcx=1 flags=cf
@undef none
@pin rcx
    rol ax, cl

@snippet rol_r16_cl2
@init rax=0xdeadbeefcafe8001 rcx=2
@undef of
@pin rcx
    rol ax, cl

@snippet rol_r16_cl2_cf
@init rax=0xdeadbeefcafe8001 rcx=2 flags=cf
@undef of
@pin rcx
    rol ax, cl

@snippet rol_r16_cl15
@init rax=0xdeadbeefcafe8001 rcx=15
@undef of
@pin rcx
    rol ax, cl

@snippet rol_r16_cl15_cf
@init rax=0xdeadbeefcafe8001 rcx=15 flags=cf
@undef of
@pin rcx
    rol ax, cl

@snippet rol_r16_cl16
@init rax=0xdeadbeefcafe8001 rcx=16
@undef of
@pin rcx
    rol ax, cl

@snippet rol_r16_cl16_cf
@init rax=0xdeadbeefcafe8001 rcx=16 flags=cf
@undef of
@pin rcx
    rol ax, cl

@snippet rol_r16_cl17
@init rax=0xdeadbeefcafe8001 rcx=17
@undef of
@pin rcx
    rol ax, cl

@snippet rol_r16_cl17_cf
@init rax=0xdeadbeefcafe8001 rcx=17 flags=cf
@undef of
@pin rcx
    rol ax, cl

@snippet rol_r16_cl31
@init rax=0xdeadbeefcafe8001 rcx=31
@undef of
@pin rcx
    rol ax, cl

@snippet rol_r16_cl31_cf
@init rax=0xdeadbeefcafe8001 rcx=31 flags=cf
@undef of
@pin rcx
    rol ax, cl

@snippet rol_r16_imm1
@init rax=0xdeadbeefcafe5aa5 flags=cf
@undef none
    rol ax, 1

@snippet rol_r32_cl0
@init rax=0xdeadbeef80000001 rcx=0
@undef none
@pin rcx
    rol eax, cl

@snippet rol_r32_cl0_cf
@init rax=0xdeadbeef80000001 rcx=0 flags=cf
@undef none
@pin rcx
    rol eax, cl

@snippet rol_r32_cl1
@init rax=0xdeadbeef80000001 rcx=1
@undef none
@pin rcx
    rol eax, cl

@snippet rol_r32_cl1_cf
@init rax=0xdeadbeef80000001 rcx=1 flags=cf
@undef none
@pin rcx
    rol eax, cl

@snippet rol_r32_cl2
@init rax=0xdeadbeef80000001 rcx=2
@undef of
@pin rcx
    rol eax, cl

@snippet rol_r32_cl2_cf
@init rax=0xdeadbeef80000001 rcx=2 flags=cf
@undef of
@pin rcx
    rol eax, cl

@snippet rol_r32_cl31
@init rax=0xdeadbeef80000001 rcx=31
@undef of
@pin rcx
    rol eax, cl

@snippet rol_r32_cl31_cf
@init rax=0xdeadbeef80000001 rcx=31 flags=cf
@undef of
@pin rcx
    rol eax, cl

@snippet rol_r32_cl32
@init rax=0xdeadbeef80000001 rcx=32
@undef none
@pin rcx
    rol eax, cl

@snippet rol_r32_cl32_cf
@init rax=0xdeadbeef80000001 rcx=32 flags=cf
@undef none
@pin rcx
    rol eax, cl

@snippet rol_r32_cl33
@init rax=0xdeadbeef80000001 rcx=33
@undef none
@pin rcx
    rol eax, cl

@snippet rol_r32_cl33_cf
@init rax=0xdeadbeef80000001 rcx=33 flags=cf
@undef none
@pin rcx
    rol eax, cl

@snippet rol_r32_imm1
@init rax=0xdeadbeef5aa5c33c flags=cf
@undef none
    rol eax, 1

@snippet rol_r64_cl0
@init rax=0x8000000000000001 rcx=0
@undef none
@pin rcx
    rol rax, cl

@snippet rol_r64_cl0_cf
@init rax=0x8000000000000001 rcx=0 flags=cf
@undef none
@pin rcx
    rol rax, cl

@snippet rol_r64_cl1
@init rax=0x8000000000000001 rcx=1
@undef none
@pin rcx
    rol rax, cl

@snippet rol_r64_cl1_cf
@init rax=0x8000000000000001 rcx=1 flags=cf
@undef none
@pin rcx
    rol rax, cl

@snippet rol_r64_cl2
@init rax=0x8000000000000001 rcx=2
@undef of
@pin rcx
    rol rax, cl

@snippet rol_r64_cl2_cf
@init rax=0x8000000000000001 rcx=2 flags=cf
@undef of
@pin rcx
    rol rax, cl

@snippet rol_r64_cl63
@init rax=0x8000000000000001 rcx=63
@undef of
@pin rcx
    rol rax, cl

@snippet rol_r64_cl63_cf
@init rax=0x8000000000000001 rcx=63 flags=cf
@undef of
@pin rcx
    rol rax, cl

@snippet rol_r64_cl64
@init rax=0x8000000000000001 rcx=64
@undef none
@pin rcx
    rol rax, cl

@snippet rol_r64_cl64_cf
@init rax=0x8000000000000001 rcx=64 flags=cf
@undef none
@pin rcx
    rol rax, cl

@snippet rol_r64_cl65
@init rax=0x8000000000000001 rcx=65
@undef none
@pin rcx
    rol rax, cl

@snippet rol_r64_cl65_cf
@init rax=0x8000000000000001 rcx=65 flags=cf
@undef none
@pin rcx
    rol rax, cl

@snippet rol_r64_imm1
@init rax=0x5aa5c33c0ff0e11e flags=cf
@undef none
    rol rax, 1

@snippet rol_mem16_imm
@init flags=cf
@mem 6 u16:0x8421
@undef of
    rol word ptr [rsi+6], 3

@snippet rol_r64_cl_random
@undef of
@rand rcx=2..64
    rol rax, cl

@snippet ror_r8_cl0
@init rax=0xdeadbeefcafefe81 rcx=0
@undef none
@pin rcx
    ror al, cl

@snippet ror_r8_cl0_cf
@init rax=0xdeadbeefcafefe81 rcx=0 flags=cf
@undef none
@pin rcx
    ror al, cl

@snippet ror_r8_cl1
@init rax=0xdeadbeefcafefe81 rcx=1
@undef none
@pin rcx
    ror al, cl

@snippet ror_r8_cl1_cf
@init rax=0xdeadbeefcafefe81 rcx=1 flags=cf
@undef none
@pin rcx
    ror al, cl

@snippet ror_r8_cl2
@init rax=0xdeadbeefcafefe81 rcx=2
@undef of
@pin rcx
    ror al, cl

@snippet ror_r8_cl2_cf
@init rax=0xdeadbeefcafefe81 rcx=2 flags=cf
@undef of
@pin rcx
    ror al, cl

@snippet ror_r8_cl7
@init rax=0xdeadbeefcafefe81 rcx=7
@undef of
@pin rcx
    ror al, cl

@snippet ror_r8_cl7_cf
@init rax=0xdeadbeefcafefe81 rcx=7 flags=cf
@undef of
@pin rcx
    ror al, cl

@snippet ror_r8_cl8
@init rax=0xdeadbeefcafefe81 rcx=8
@undef of
@pin rcx
    ror al, cl

@snippet ror_r8_cl8_cf
@init rax=0xdeadbeefcafefe81 rcx=8 flags=cf
@undef of
@pin rcx
    ror al, cl

@snippet ror_r8_cl9
@init rax=0xdeadbeefcafefe81 rcx=9
@undef of
@pin rcx
    ror al, cl

@snippet ror_r8_cl9_cf
@init rax=0xdeadbeefcafefe81 rcx=9 flags=cf
@undef of
@pin rcx
    ror al, cl

@snippet ror_r8_cl31
@init rax=0xdeadbeefcafefe81 rcx=31
@undef of
@pin rcx
    ror al, cl

@snippet ror_r8_cl31_cf
@init rax=0xdeadbeefcafefe81 rcx=31 flags=cf
@undef of
@pin rcx
    ror al, cl

@snippet ror_r8_imm1
@init rax=0xdeadbeefcafefe5a flags=cf
@undef none
    ror al, 1

@snippet ror_r16_cl0
@init rax=0xdeadbeefcafe8001 rcx=0
@undef none
@pin rcx
    ror ax, cl

@snippet ror_r16_cl0_cf
@init rax=0xdeadbeefcafe8001 rcx=0 flags=cf
@undef none
@pin rcx
    ror ax, cl

@snippet ror_r16_cl1
@init rax=0xdeadbeefcafe8001 rcx=1
@undef none
@pin rcx
    ror ax, cl

@snippet ror_r16_cl1_cf
@init rax=0xdeadbeefcafe8001 rcx=1 flags=cf
@undef none
@pin rcx
    ror ax, cl

@snippet ror_r16_cl2
@init rax=0xdeadbeefcafe8001 rcx=2
@undef of
@pin rcx
    ror ax, cl

@snippet ror_r16_cl2_cf
@init rax=0xdeadbeefcafe8001 rcx=2 flags=cf
@undef of
@pin rcx
    ror ax, cl

@snippet ror_r16_cl15
@init rax=0xdeadbeefcafe8001 rcx=15
@undef of
@pin rcx
    ror ax, cl

@snippet ror_r16_cl15_cf
@init rax=0xdeadbeefcafe8001 rcx=15 flags=cf
@undef of
@pin rcx
    ror ax, cl

@snippet ror_r16_cl16
@init rax=0xdeadbeefcafe8001 rcx=16
@undef of
@pin rcx
    ror ax, cl

@snippet ror_r16_cl16_cf
@init rax=0xdeadbeefcafe8001 rcx=16 flags=cf
@undef of
@pin rcx
    ror ax, cl

@snippet ror_r16_cl17
@init rax=0xdeadbeefcafe8001 rcx=17
@undef of
@pin rcx
    ror ax, cl

@snippet ror_r16_cl17_cf
@init rax=0xdeadbeefcafe8001 rcx=17 flags=cf
@undef of
@pin rcx
    ror ax, cl

@snippet ror_r16_cl31
@init rax=0xdeadbeefcafe8001 rcx=31
@undef of
@pin rcx
    ror ax, cl

@snippet ror_r16_cl31_cf
@init rax=0xdeadbeefcafe8001 rcx=31 flags=cf
@undef of
@pin rcx
    ror ax, cl

@snippet ror_r16_imm1
@init rax=0xdeadbeefcafe5aa5 flags=cf
@undef none
    ror ax, 1

@snippet ror_r32_cl0
@init rax=0xdeadbeef80000001 rcx=0
@undef none
@pin rcx
    ror eax, cl

@snippet ror_r32_cl0_cf
@init rax=0xdeadbeef80000001 rcx=0 flags=cf
@undef none
@pin rcx
    ror eax, cl

@snippet ror_r32_cl1
@init rax=0xdeadbeef80000001 rcx=1
@undef none
@pin rcx
    ror eax, cl

@snippet ror_r32_cl1_cf
@init rax=0xdeadbeef80000001 rcx=1 flags=cf
@undef none
@pin rcx
    ror eax, cl

@snippet ror_r32_cl2
@init rax=0xdeadbeef80000001 rcx=2
@undef of
@pin rcx
    ror eax, cl

@snippet ror_r32_cl2_cf
@init rax=0xdeadbeef80000001 rcx=2 flags=cf
@undef of
@pin rcx
    ror eax, cl

@snippet ror_r32_cl31
@init rax=0xdeadbeef80000001 rcx=31
@undef of
@pin rcx
    ror eax, cl

@snippet ror_r32_cl31_cf
@init rax=0xdeadbeef80000001 rcx=31 flags=cf
@undef of
@pin rcx
    ror eax, cl

@snippet ror_r32_cl32
@init rax=0xdeadbeef80000001 rcx=32
@undef none
@pin rcx
    ror eax, cl

@snippet ror_r32_cl32_cf
@init rax=0xdeadbeef80000001 rcx=32 flags=cf
@undef none
@pin rcx
    ror eax, cl

@snippet ror_r32_cl33
@init rax=0xdeadbeef80000001 rcx=33
@undef none
@pin rcx
    ror eax, cl

@snippet ror_r32_cl33_cf
@init rax=0xdeadbeef80000001 rcx=33 flags=cf
@undef none
@pin rcx
    ror eax, cl

@snippet ror_r32_imm1
@init rax=0xdeadbeef5aa5c33c flags=cf
@undef none
    ror eax, 1

@snippet ror_r64_cl0
@init rax=0x8000000000000001 rcx=0
@undef none
@pin rcx
    ror rax, cl

@snippet ror_r64_cl0_cf
@init rax=0x8000000000000001 rcx=0 flags=cf
@undef none
@pin rcx
    ror rax, cl

@snippet ror_r64_cl1
@init rax=0x8000000000000001 rcx=1
@undef none
@pin rcx
    ror rax, cl

@snippet ror_r64_cl1_cf
@init rax=0x8000000000000001 rcx=1 flags=cf
@undef none
@pin rcx
    ror rax, cl

@snippet ror_r64_cl2
@init rax=0x8000000000000001 rcx=2
@undef of
@pin rcx
    ror rax, cl

@snippet ror_r64_cl2_cf
@init rax=0x8000000000000001 rcx=2 flags=cf
@undef of
@pin rcx
    ror rax, cl

@snippet ror_r64_cl63
@init rax=0x8000000000000001 rcx=63
@undef of
@pin rcx
    ror rax, cl

@snippet ror_r64_cl63_cf
@init rax=0x8000000000000001 rcx=63 flags=cf
@undef of
@pin rcx
    ror rax, cl

@snippet ror_r64_cl64
@init rax=0x8000000000000001 rcx=64
@undef none
@pin rcx
    ror rax, cl

@snippet ror_r64_cl64_cf
@init rax=0x8000000000000001 rcx=64 flags=cf
@undef none
@pin rcx
    ror rax, cl

@snippet ror_r64_cl65
@init rax=0x8000000000000001 rcx=65
@undef none
@pin rcx
    ror rax, cl

@snippet ror_r64_cl65_cf
@init rax=0x8000000000000001 rcx=65 flags=cf
@undef none
@pin rcx
    ror rax, cl

@snippet ror_r64_imm1
@init rax=0x5aa5c33c0ff0e11e flags=cf
@undef none
    ror rax, 1

@snippet ror_mem16_imm
@init flags=cf
@mem 6 u16:0x8421
@undef of
    ror word ptr [rsi+6], 3

@snippet ror_r64_cl_random
@undef of
@rand rcx=2..64
    ror rax, cl

@snippet rcl_r8_cl0
@init rax=0xdeadbeefcafefe81 rcx=0
@undef none
@pin rcx
    rcl al, cl

@snippet rcl_r8_cl0_cf
@init rax=0xdeadbeefcafefe81 rcx=0 flags=cf
@undef none
@pin rcx
    rcl al, cl

@snippet rcl_r8_cl1
@init rax=0xdeadbeefcafefe81 rcx=1
@undef none
@pin rcx
    rcl al, cl

@snippet rcl_r8_cl1_cf
@init rax=0xdeadbeefcafefe81 rcx=1 flags=cf
@undef none
@pin rcx
    rcl al, cl

@snippet rcl_r8_cl2
@init rax=0xdeadbeefcafefe81 rcx=2
@undef of
@pin rcx
    rcl al, cl

@snippet rcl_r8_cl2_cf
@init rax=0xdeadbeefcafefe81 rcx=2 flags=cf
@undef of
@pin rcx
    rcl al, cl

@snippet rcl_r8_cl7
@init rax=0xdeadbeefcafefe81 rcx=7
@undef of
@pin rcx
    rcl al, cl

@snippet rcl_r8_cl7_cf
@init rax=0xdeadbeefcafefe81 rcx=7 flags=cf
@undef of
@pin rcx
    rcl al, cl

@snippet rcl_r8_cl8
@init rax=0xdeadbeefcafefe81 rcx=8
@undef of
@pin rcx
    rcl al, cl

@snippet rcl_r8_cl8_cf
@init rax=0xdeadbeefcafefe81 rcx=8 flags=cf
@undef of
@pin rcx
    rcl al, cl

@snippet rcl_r8_cl9
@init rax=0xdeadbeefcafefe81 rcx=9
@undef of
@pin rcx
    rcl al, cl

@snippet rcl_r8_cl9_cf
@init rax=0xdeadbeefcafefe81 rcx=9 flags=cf
@undef of
@pin rcx
    rcl al, cl

@snippet rcl_r8_cl31
@init rax=0xdeadbeefcafefe81 rcx=31
@undef of
@pin rcx
    rcl al, cl

@snippet rcl_r8_cl31_cf
@init rax=0xdeadbeefcafefe81 rcx=31 flags=cf
@undef of
@pin rcx
    rcl al, cl

@snippet rcl_r8_imm1
@init rax=0xdeadbeefcafefe5a flags=cf
@undef none
    rcl al, 1

@snippet rcl_r16_cl0
@init rax=0xdeadbeefcafe8001 rcx=0
@undef none
@pin rcx
    rcl ax, cl

@snippet rcl_r16_cl0_cf
@init rax=0xdeadbeefcafe8001 rcx=0 flags=cf
@undef none
@pin rcx
    rcl ax, cl

@snippet rcl_r16_cl1
@init rax=0xdeadbeefcafe8001 rcx=1
@undef none
@pin rcx
    rcl ax, cl

@snippet rcl_r16_cl1_cf
@init rax=0xdeadbeefcafe8001 rcx=1 flags=cf
@undef none
@pin rcx
    rcl ax, cl

@snippet rcl_r16_cl2
@init rax=0xdeadbeefcafe8001 rcx=2
@undef of
@pin rcx
    rcl ax, cl

@snippet rcl_r16_cl2_cf
@init rax=0xdeadbeefcafe8001 rcx=2 flags=cf
@undef of
@pin rcx
    rcl ax, cl

@snippet rcl_r16_cl15
@init rax=0xdeadbeefcafe8001 rcx=15
@undef of
@pin rcx
    rcl ax, cl

@snippet rcl_r16_cl15_cf
@init rax=0xdeadbeefcafe8001 rcx=15 flags=cf
@undef of
@pin rcx
    rcl ax, cl

@snippet rcl_r16_cl16
@init rax=0xdeadbeefcafe8001 rcx=16
@undef of
@pin rcx
    rcl ax, cl

@snippet rcl_r16_cl16_cf
@init rax=0xdeadbeefcafe8001 rcx=16 flags=cf
@undef of
@pin rcx
    rcl ax, cl

@snippet rcl_r16_cl17
@init rax=0xdeadbeefcafe8001 rcx=17
@undef of
@pin rcx
    rcl ax, cl

@snippet rcl_r16_cl17_cf
@init rax=0xdeadbeefcafe8001 rcx=17 flags=cf
@undef of
@pin rcx
    rcl ax, cl

@snippet rcl_r16_cl31
@init rax=0xdeadbeefcafe8001 rcx=31
@undef of
@pin rcx
    rcl ax, cl

@snippet rcl_r16_cl31_cf
@init rax=0xdeadbeefcafe8001 rcx=31 flags=cf
@undef of
@pin rcx
    rcl ax, cl

@snippet rcl_r16_imm1
@init rax=0xdeadbeefcafe5aa5 flags=cf
@undef none
    rcl ax, 1

@snippet rcl_r32_cl0
@init rax=0xdeadbeef80000001 rcx=0
@undef none
@pin rcx
    rcl eax, cl

@snippet rcl_r32_cl0_cf
@init rax=0xdeadbeef80000001 rcx=0 flags=cf
@undef none
@pin rcx
    rcl eax, cl

@snippet rcl_r32_cl1
@init rax=0xdeadbeef80000001 rcx=1
@undef none
@pin rcx
    rcl eax, cl

@snippet rcl_r32_cl1_cf
@init rax=0xdeadbeef80000001 rcx=1 flags=cf
@undef none
@pin rcx
    rcl eax, cl

@snippet rcl_r32_cl2
@init rax=0xdeadbeef80000001 rcx=2
@undef of
@pin rcx
    rcl eax, cl

@snippet rcl_r32_cl2_cf
@init rax=0xdeadbeef80000001 rcx=2 flags=cf
@undef of
@pin rcx
    rcl eax, cl

@snippet rcl_r32_cl31
@init rax=0xdeadbeef80000001 rcx=31
@undef of
@pin rcx
    rcl eax, cl

@snippet rcl_r32_cl31_cf
@init rax=0xdeadbeef80000001 rcx=31 flags=cf
@undef of
@pin rcx
    rcl eax, cl

@snippet rcl_r32_cl32
@init rax=0xdeadbeef80000001 rcx=32
@undef none
@pin rcx
    rcl eax, cl

@snippet rcl_r32_cl32_cf
@init rax=0xdeadbeef80000001 rcx=32 flags=cf
@undef none
@pin rcx
    rcl eax, cl

@snippet rcl_r32_cl33
@init rax=0xdeadbeef80000001 rcx=33
@undef none
@pin rcx
    rcl eax, cl

@snippet rcl_r32_cl33_cf
@init rax=0xdeadbeef80000001 rcx=33 flags=cf
@undef none
@pin rcx
    rcl eax, cl

@snippet rcl_r32_imm1
@init rax=0xdeadbeef5aa5c33c flags=cf
@undef none
    rcl eax, 1

@snippet rcl_r64_cl0
@init rax=0x8000000000000001 rcx=0
@undef none
@pin rcx
    rcl rax, cl

@snippet rcl_r64_cl0_cf
@init rax=0x8000000000000001 rcx=0 flags=cf
@undef none
@pin rcx
    rcl rax, cl

@snippet rcl_r64_cl1
@init rax=0x8000000000000001 rcx=1
@undef none
@pin rcx
    rcl rax, cl

@snippet rcl_r64_cl1_cf
@init rax=0x8000000000000001 rcx=1 flags=cf
@undef none
@pin rcx
    rcl rax, cl

@snippet rcl_r64_cl2
@init rax=0x8000000000000001 rcx=2
@undef of
@pin rcx
    rcl rax, cl

@snippet rcl_r64_cl2_cf
@init rax=0x8000000000000001 rcx=2 flags=cf
@undef of
@pin rcx
    rcl rax, cl

@snippet rcl_r64_cl63
@init rax=0x8000000000000001 rcx=63
@undef of
@pin rcx
    rcl rax, cl

@snippet rcl_r64_cl63_cf
@init rax=0x8000000000000001 rcx=63 flags=cf
@undef of
@pin rcx
    rcl rax, cl

@snippet rcl_r64_cl64
@init rax=0x8000000000000001 rcx=64
@undef none
@pin rcx
    rcl rax, cl

@snippet rcl_r64_cl64_cf
@init rax=0x8000000000000001 rcx=64 flags=cf
@undef none
@pin rcx
    rcl rax, cl

@snippet rcl_r64_cl65
@init rax=0x8000000000000001 rcx=65
@undef none
@pin rcx
    rcl rax, cl

@snippet rcl_r64_cl65_cf
@init rax=0x8000000000000001 rcx=65 flags=cf
@undef none
@pin rcx
    rcl rax, cl

@snippet rcl_r64_imm1
@init rax=0x5aa5c33c0ff0e11e flags=cf
@undef none
    rcl rax, 1

@snippet rcl_mem16_imm
@init flags=cf
@mem 6 u16:0x8421
@undef of
    rcl word ptr [rsi+6], 3

@snippet rcl_r64_cl_random
@undef of
@rand rcx=2..64
    rcl rax, cl

@snippet rcr_r8_cl0
@init rax=0xdeadbeefcafefe81 rcx=0
@undef none
@pin rcx
    rcr al, cl

@snippet rcr_r8_cl0_cf
@init rax=0xdeadbeefcafefe81 rcx=0 flags=cf
@undef none
@pin rcx
    rcr al, cl

@snippet rcr_r8_cl1
@init rax=0xdeadbeefcafefe81 rcx=1
@undef none
@pin rcx
    rcr al, cl

@snippet rcr_r8_cl1_cf
@init rax=0xdeadbeefcafefe81 rcx=1 flags=cf
@undef none
@pin rcx
    rcr al, cl

@snippet rcr_r8_cl2
@init rax=0xdeadbeefcafefe81 rcx=2
@undef of
@pin rcx
    rcr al, cl

@snippet rcr_r8_cl2_cf
@init rax=0xdeadbeefcafefe81 rcx=2 flags=cf
@undef of
@pin rcx
    rcr al, cl

@snippet rcr_r8_cl7
@init rax=0xdeadbeefcafefe81 rcx=7
@undef of
@pin rcx
    rcr al, cl

@snippet rcr_r8_cl7_cf
@init rax=0xdeadbeefcafefe81 rcx=7 flags=cf
@undef of
@pin rcx
    rcr al, cl

@snippet rcr_r8_cl8
@init rax=0xdeadbeefcafefe81 rcx=8
@undef of
@pin rcx
    rcr al, cl

@snippet rcr_r8_cl8_cf
@init rax=0xdeadbeefcafefe81 rcx=8 flags=cf
@undef of
@pin rcx
    rcr al, cl

@snippet rcr_r8_cl9
@init rax=0xdeadbeefcafefe81 rcx=9
@undef of
@pin rcx
    rcr al, cl

@snippet rcr_r8_cl9_cf
@init rax=0xdeadbeefcafefe81 rcx=9 flags=cf
@undef of
@pin rcx
    rcr al, cl

@snippet rcr_r8_cl31
@init rax=0xdeadbeefcafefe81 rcx=31
@undef of
@pin rcx
    rcr al, cl

@snippet rcr_r8_cl31_cf
@init rax=0xdeadbeefcafefe81 rcx=31 flags=cf
@undef of
@pin rcx
    rcr al, cl

@snippet rcr_r8_imm1
@init rax=0xdeadbeefcafefe5a flags=cf
@undef none
    rcr al, 1

@snippet rcr_r16_cl0
@init rax=0xdeadbeefcafe8001 rcx=0
@undef none
@pin rcx
    rcr ax, cl

@snippet rcr_r16_cl0_cf
@init rax=0xdeadbeefcafe8001 rcx=0 flags=cf
@undef none
@pin rcx
    rcr ax, cl

@snippet rcr_r16_cl1
@init rax=0xdeadbeefcafe8001 rcx=1
@undef none
@pin rcx
    rcr ax, cl

@snippet rcr_r16_cl1_cf
@init rax=0xdeadbeefcafe8001 rcx=1 flags=cf
@undef none
@pin rcx
    rcr ax, cl

@snippet rcr_r16_cl2
@init rax=0xdeadbeefcafe8001 rcx=2
@undef of
@pin rcx
    rcr ax, cl

@snippet rcr_r16_cl2_cf
@init rax=0xdeadbeefcafe8001 rcx=2 flags=cf
@undef of
@pin rcx
    rcr ax, cl

@snippet rcr_r16_cl15
@init rax=0xdeadbeefcafe8001 rcx=15
@undef of
@pin rcx
    rcr ax, cl

@snippet rcr_r16_cl15_cf
@init rax=0xdeadbeefcafe8001 rcx=15 flags=cf
@undef of
@pin rcx
    rcr ax, cl

@snippet rcr_r16_cl16
@init rax=0xdeadbeefcafe8001 rcx=16
@undef of
@pin rcx
    rcr ax, cl

@snippet rcr_r16_cl16_cf
@init rax=0xdeadbeefcafe8001 rcx=16 flags=cf
@undef of
@pin rcx
    rcr ax, cl

@snippet rcr_r16_cl17
@init rax=0xdeadbeefcafe8001 rcx=17
@undef of
@pin rcx
    rcr ax, cl

@snippet rcr_r16_cl17_cf
@init rax=0xdeadbeefcafe8001 rcx=17 flags=cf
@undef of
@pin rcx
    rcr ax, cl

@snippet rcr_r16_cl31
@init rax=0xdeadbeefcafe8001 rcx=31
@undef of
@pin rcx
    rcr ax, cl

@snippet rcr_r16_cl31_cf
@init rax=0xdeadbeefcafe8001 rcx=31 flags=cf
@undef of
@pin rcx
    rcr ax, cl

@snippet rcr_r16_imm1
@init rax=0xdeadbeefcafe5aa5 flags=cf
@undef none
    rcr ax, 1

@snippet rcr_r32_cl0
@init rax=0xdeadbeef80000001 rcx=0
@undef none
@pin rcx
    rcr eax, cl

@snippet rcr_r32_cl0_cf
@init rax=0xdeadbeef80000001 rcx=0 flags=cf
@undef none
@pin rcx
    rcr eax, cl

@snippet rcr_r32_cl1
@init rax=0xdeadbeef80000001 rcx=1
@undef none
@pin rcx
    rcr eax, cl

@snippet rcr_r32_cl1_cf
@init rax=0xdeadbeef80000001 rcx=1 flags=cf
@undef none
@pin rcx
    rcr eax, cl

@snippet rcr_r32_cl2
@init rax=0xdeadbeef80000001 rcx=2
@undef of
@pin rcx
    rcr eax, cl

@snippet rcr_r32_cl2_cf
@init rax=0xdeadbeef80000001 rcx=2 flags=cf
@undef of
@pin rcx
    rcr eax, cl

@snippet rcr_r32_cl31
@init rax=0xdeadbeef80000001 rcx=31
@undef of
@pin rcx
    rcr eax, cl

@snippet rcr_r32_cl31_cf
@init rax=0xdeadbeef80000001 rcx=31 flags=cf
@undef of
@pin rcx
    rcr eax, cl

@snippet rcr_r32_cl32
@init rax=0xdeadbeef80000001 rcx=32
@undef none
@pin rcx
    rcr eax, cl

@snippet rcr_r32_cl32_cf
@init rax=0xdeadbeef80000001 rcx=32 flags=cf
@undef none
@pin rcx
    rcr eax, cl

@snippet rcr_r32_cl33
@init rax=0xdeadbeef80000001 rcx=33
@undef none
@pin rcx
    rcr eax, cl

@snippet rcr_r32_cl33_cf
@init rax=0xdeadbeef80000001 rcx=33 flags=cf
@undef none
@pin rcx
    rcr eax, cl

@snippet rcr_r32_imm1
@init rax=0xdeadbeef5aa5c33c flags=cf
@undef none
    rcr eax, 1

@snippet rcr_r64_cl0
@init rax=0x8000000000000001 rcx=0
@undef none
@pin rcx
    rcr rax, cl

@snippet rcr_r64_cl0_cf
@init rax=0x8000000000000001 rcx=0 flags=cf
@undef none
@pin rcx
    rcr rax, cl

@snippet rcr_r64_cl1
@init rax=0x8000000000000001 rcx=1
@undef none
@pin rcx
    rcr rax, cl

@snippet rcr_r64_cl1_cf
@init rax=0x8000000000000001 rcx=1 flags=cf
@undef none
@pin rcx
    rcr rax, cl

@snippet rcr_r64_cl2
@init rax=0x8000000000000001 rcx=2
@undef of
@pin rcx
    rcr rax, cl

@snippet rcr_r64_cl2_cf
@init rax=0x8000000000000001 rcx=2 flags=cf
@undef of
@pin rcx
    rcr rax, cl

@snippet rcr_r64_cl63
@init rax=0x8000000000000001 rcx=63
@undef of
@pin rcx
    rcr rax, cl

@snippet rcr_r64_cl63_cf
@init rax=0x8000000000000001 rcx=63 flags=cf
@undef of
@pin rcx
    rcr rax, cl

@snippet rcr_r64_cl64
@init rax=0x8000000000000001 rcx=64
@undef none
@pin rcx
    rcr rax, cl

@snippet rcr_r64_cl64_cf
@init rax=0x8000000000000001 rcx=64 flags=cf
@undef none
@pin rcx
    rcr rax, cl

@snippet rcr_r64_cl65
@init rax=0x8000000000000001 rcx=65
@undef none
@pin rcx
    rcr rax, cl

@snippet rcr_r64_cl65_cf
@init rax=0x8000000000000001 rcx=65 flags=cf
@undef none
@pin rcx
    rcr rax, cl

@snippet rcr_r64_imm1
@init rax=0x5aa5c33c0ff0e11e flags=cf
@undef none
    rcr rax, 1

@snippet rcr_mem16_imm
@init flags=cf
@mem 6 u16:0x8421
@undef of
    rcr word ptr [rsi+6], 3

@snippet rcr_r64_cl_random
@undef of
@rand rcx=2..64
    rcr rax, cl
