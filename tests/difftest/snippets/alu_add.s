# ADD / ADC / SUB / SBB / CMP / NEG / INC / DEC / ADCX / ADOX in every width and form.
# All six arithmetic flags are defined after these (INC/DEC keep CF). Upper register bits hold
# junk so that 8/16-bit writes preserving them and 32-bit writes zeroing them are both checked.
@syntax intel
@init rsi=data rdi=data+0x100

@snippet add_r8_zero
@init rax=0xdeadbeefcafefe00 rbx=0xdeadbeefcafefe00
    add al, bl

@snippet add_r8_one
@init rax=0xdeadbeefcafefe01 rbx=0xdeadbeefcafefe01
    add al, bl

@snippet add_r8_smax_1
@init rax=0xdeadbeefcafefe7f rbx=0xdeadbeefcafefe01
    add al, bl

@snippet add_r8_smin_1
@init rax=0xdeadbeefcafefe80 rbx=0xdeadbeefcafefe01
    add al, bl

@snippet add_r8_smin_m1
@init rax=0xdeadbeefcafefe80 rbx=0xdeadbeefcafefeff
    add al, bl

@snippet add_r8_ones_1
@init rax=0xdeadbeefcafefeff rbx=0xdeadbeefcafefe01
    add al, bl

@snippet add_r8_alt
@init rax=0xdeadbeefcafefe55 rbx=0xdeadbeefcafefeaa
    add al, bl

@snippet add_r8_af
@init rax=0xdeadbeefcafefe0f rbx=0xdeadbeefcafefe01
    add al, bl

@snippet add_r8_eq
@init rax=0xdeadbeefcafefeef rbx=0xdeadbeefcafefeef
    add al, bl

@snippet add_r8_mixed
@init rax=0xdeadbeefcafefe10 rbx=0xdeadbeefcafefeef
    add al, bl

@snippet add_r16_zero
@init rax=0xdeadbeefcafe0000 rbx=0xdeadbeefcafe0000
    add ax, bx

@snippet add_r16_one
@init rax=0xdeadbeefcafe0001 rbx=0xdeadbeefcafe0001
    add ax, bx

@snippet add_r16_smax_1
@init rax=0xdeadbeefcafe7fff rbx=0xdeadbeefcafe0001
    add ax, bx

@snippet add_r16_smin_1
@init rax=0xdeadbeefcafe8000 rbx=0xdeadbeefcafe0001
    add ax, bx

@snippet add_r16_smin_m1
@init rax=0xdeadbeefcafe8000 rbx=0xdeadbeefcafeffff
    add ax, bx

@snippet add_r16_ones_1
@init rax=0xdeadbeefcafeffff rbx=0xdeadbeefcafe0001
    add ax, bx

@snippet add_r16_alt
@init rax=0xdeadbeefcafe5555 rbx=0xdeadbeefcafeaaaa
    add ax, bx

@snippet add_r16_af
@init rax=0xdeadbeefcafe000f rbx=0xdeadbeefcafe0001
    add ax, bx

@snippet add_r16_eq
@init rax=0xdeadbeefcafecdef rbx=0xdeadbeefcafecdef
    add ax, bx

@snippet add_r16_mixed
@init rax=0xdeadbeefcafe3210 rbx=0xdeadbeefcafecdef
    add ax, bx

@snippet add_r32_zero
@init rax=0xdeadbeef00000000 rbx=0xdeadbeef00000000
    add eax, ebx

@snippet add_r32_one
@init rax=0xdeadbeef00000001 rbx=0xdeadbeef00000001
    add eax, ebx

@snippet add_r32_smax_1
@init rax=0xdeadbeef7fffffff rbx=0xdeadbeef00000001
    add eax, ebx

@snippet add_r32_smin_1
@init rax=0xdeadbeef80000000 rbx=0xdeadbeef00000001
    add eax, ebx

@snippet add_r32_smin_m1
@init rax=0xdeadbeef80000000 rbx=0xdeadbeefffffffff
    add eax, ebx

@snippet add_r32_ones_1
@init rax=0xdeadbeefffffffff rbx=0xdeadbeef00000001
    add eax, ebx

@snippet add_r32_alt
@init rax=0xdeadbeef55555555 rbx=0xdeadbeefaaaaaaaa
    add eax, ebx

@snippet add_r32_af
@init rax=0xdeadbeef0000000f rbx=0xdeadbeef00000001
    add eax, ebx

@snippet add_r32_eq
@init rax=0xdeadbeef90abcdef rbx=0xdeadbeef90abcdef
    add eax, ebx

@snippet add_r32_mixed
@init rax=0xdeadbeef76543210 rbx=0xdeadbeef89abcdef
    add eax, ebx

@snippet add_r64_zero
@init rax=0x0 rbx=0x0
    add rax, rbx

@snippet add_r64_one
@init rax=0x1 rbx=0x1
    add rax, rbx

@snippet add_r64_smax_1
@init rax=0x7fffffffffffffff rbx=0x1
    add rax, rbx

@snippet add_r64_smin_1
@init rax=0x8000000000000000 rbx=0x1
    add rax, rbx

@snippet add_r64_smin_m1
@init rax=0x8000000000000000 rbx=0xffffffffffffffff
    add rax, rbx

@snippet add_r64_ones_1
@init rax=0xffffffffffffffff rbx=0x1
    add rax, rbx

@snippet add_r64_alt
@init rax=0x5555555555555555 rbx=0xaaaaaaaaaaaaaaaa
    add rax, rbx

@snippet add_r64_af
@init rax=0xf rbx=0x1
    add rax, rbx

@snippet add_r64_eq
@init rax=0x1234567890abcdef rbx=0x1234567890abcdef
    add rax, rbx

@snippet add_r64_mixed
@init rax=0xfedcba9876543210 rbx=0x123456789abcdef
    add rax, rbx

@snippet add_r64_imm32_sext
@init rax=0x7fffffff flags=cf
    add rax, -0x80000000

@snippet add_r32_imm8
@init rax=0xffffff81 flags=cf
    add eax, 0x7f

@snippet add_r16_imm16
@init rax=0x12348000
    add ax, 0x8000

@snippet add_al_imm8
@init rax=0x80
    add al, 0x80

@snippet add_mem64_r
@init rbx=0x8000000000000001 flags=cf
@mem 8 u64:0xffffffffffffffff
    add qword ptr [rsi+8], rbx

@snippet add_r32_mem
@init rcx=0xffffffff00000001
@mem 0x14 u32:0x80000000
    add ecx, dword ptr [rsi+0x14]

@snippet add_mem8_imm
@init flags=cf
@mem 0x21 u8:0x01
    add byte ptr [rsi+0x21], 0x7f

@snippet add_mem16_imm8
@mem 0x30 u16:0x8000
    add word ptr [rsi+0x30], -1

@snippet add_ah_bh
@init rax=0x7f80 rbx=0x0101 flags=cf
    add ah, bh

@snippet add_ah_dil
@init rax=0x7f80 rdi=0xff
    add al, dil

@snippet adc_r8_zero
@init rax=0xdeadbeefcafefe00 rbx=0xdeadbeefcafefe00
    adc al, bl

@snippet adc_r8_zero_cf
@init rax=0xdeadbeefcafefe00 rbx=0xdeadbeefcafefe00 flags=cf
    adc al, bl

@snippet adc_r8_one_cf
@init rax=0xdeadbeefcafefe01 rbx=0xdeadbeefcafefe01 flags=cf
    adc al, bl

@snippet adc_r8_smax_1
@init rax=0xdeadbeefcafefe7f rbx=0xdeadbeefcafefe01
    adc al, bl

@snippet adc_r8_smax_1_cf
@init rax=0xdeadbeefcafefe7f rbx=0xdeadbeefcafefe01 flags=cf
    adc al, bl

@snippet adc_r8_smin_1_cf
@init rax=0xdeadbeefcafefe80 rbx=0xdeadbeefcafefe01 flags=cf
    adc al, bl

@snippet adc_r8_smin_m1_cf
@init rax=0xdeadbeefcafefe80 rbx=0xdeadbeefcafefeff flags=cf
    adc al, bl

@snippet adc_r8_ones_1
@init rax=0xdeadbeefcafefeff rbx=0xdeadbeefcafefe01
    adc al, bl

@snippet adc_r8_ones_1_cf
@init rax=0xdeadbeefcafefeff rbx=0xdeadbeefcafefe01 flags=cf
    adc al, bl

@snippet adc_r8_alt_cf
@init rax=0xdeadbeefcafefe55 rbx=0xdeadbeefcafefeaa flags=cf
    adc al, bl

@snippet adc_r8_af_cf
@init rax=0xdeadbeefcafefe0f rbx=0xdeadbeefcafefe01 flags=cf
    adc al, bl

@snippet adc_r8_eq
@init rax=0xdeadbeefcafefeef rbx=0xdeadbeefcafefeef
    adc al, bl

@snippet adc_r8_eq_cf
@init rax=0xdeadbeefcafefeef rbx=0xdeadbeefcafefeef flags=cf
    adc al, bl

@snippet adc_r8_mixed_cf
@init rax=0xdeadbeefcafefe10 rbx=0xdeadbeefcafefeef flags=cf
    adc al, bl

@snippet adc_r16_zero
@init rax=0xdeadbeefcafe0000 rbx=0xdeadbeefcafe0000
    adc ax, bx

@snippet adc_r16_zero_cf
@init rax=0xdeadbeefcafe0000 rbx=0xdeadbeefcafe0000 flags=cf
    adc ax, bx

@snippet adc_r16_one_cf
@init rax=0xdeadbeefcafe0001 rbx=0xdeadbeefcafe0001 flags=cf
    adc ax, bx

@snippet adc_r16_smax_1
@init rax=0xdeadbeefcafe7fff rbx=0xdeadbeefcafe0001
    adc ax, bx

@snippet adc_r16_smax_1_cf
@init rax=0xdeadbeefcafe7fff rbx=0xdeadbeefcafe0001 flags=cf
    adc ax, bx

@snippet adc_r16_smin_1_cf
@init rax=0xdeadbeefcafe8000 rbx=0xdeadbeefcafe0001 flags=cf
    adc ax, bx

@snippet adc_r16_smin_m1_cf
@init rax=0xdeadbeefcafe8000 rbx=0xdeadbeefcafeffff flags=cf
    adc ax, bx

@snippet adc_r16_ones_1
@init rax=0xdeadbeefcafeffff rbx=0xdeadbeefcafe0001
    adc ax, bx

@snippet adc_r16_ones_1_cf
@init rax=0xdeadbeefcafeffff rbx=0xdeadbeefcafe0001 flags=cf
    adc ax, bx

@snippet adc_r16_alt_cf
@init rax=0xdeadbeefcafe5555 rbx=0xdeadbeefcafeaaaa flags=cf
    adc ax, bx

@snippet adc_r16_af_cf
@init rax=0xdeadbeefcafe000f rbx=0xdeadbeefcafe0001 flags=cf
    adc ax, bx

@snippet adc_r16_eq
@init rax=0xdeadbeefcafecdef rbx=0xdeadbeefcafecdef
    adc ax, bx

@snippet adc_r16_eq_cf
@init rax=0xdeadbeefcafecdef rbx=0xdeadbeefcafecdef flags=cf
    adc ax, bx

@snippet adc_r16_mixed_cf
@init rax=0xdeadbeefcafe3210 rbx=0xdeadbeefcafecdef flags=cf
    adc ax, bx

@snippet adc_r32_zero
@init rax=0xdeadbeef00000000 rbx=0xdeadbeef00000000
    adc eax, ebx

@snippet adc_r32_zero_cf
@init rax=0xdeadbeef00000000 rbx=0xdeadbeef00000000 flags=cf
    adc eax, ebx

@snippet adc_r32_one_cf
@init rax=0xdeadbeef00000001 rbx=0xdeadbeef00000001 flags=cf
    adc eax, ebx

@snippet adc_r32_smax_1
@init rax=0xdeadbeef7fffffff rbx=0xdeadbeef00000001
    adc eax, ebx

@snippet adc_r32_smax_1_cf
@init rax=0xdeadbeef7fffffff rbx=0xdeadbeef00000001 flags=cf
    adc eax, ebx

@snippet adc_r32_smin_1_cf
@init rax=0xdeadbeef80000000 rbx=0xdeadbeef00000001 flags=cf
    adc eax, ebx

@snippet adc_r32_smin_m1_cf
@init rax=0xdeadbeef80000000 rbx=0xdeadbeefffffffff flags=cf
    adc eax, ebx

@snippet adc_r32_ones_1
@init rax=0xdeadbeefffffffff rbx=0xdeadbeef00000001
    adc eax, ebx

@snippet adc_r32_ones_1_cf
@init rax=0xdeadbeefffffffff rbx=0xdeadbeef00000001 flags=cf
    adc eax, ebx

@snippet adc_r32_alt_cf
@init rax=0xdeadbeef55555555 rbx=0xdeadbeefaaaaaaaa flags=cf
    adc eax, ebx

@snippet adc_r32_af_cf
@init rax=0xdeadbeef0000000f rbx=0xdeadbeef00000001 flags=cf
    adc eax, ebx

@snippet adc_r32_eq
@init rax=0xdeadbeef90abcdef rbx=0xdeadbeef90abcdef
    adc eax, ebx

@snippet adc_r32_eq_cf
@init rax=0xdeadbeef90abcdef rbx=0xdeadbeef90abcdef flags=cf
    adc eax, ebx

@snippet adc_r32_mixed_cf
@init rax=0xdeadbeef76543210 rbx=0xdeadbeef89abcdef flags=cf
    adc eax, ebx

@snippet adc_r64_zero
@init rax=0x0 rbx=0x0
    adc rax, rbx

@snippet adc_r64_zero_cf
@init rax=0x0 rbx=0x0 flags=cf
    adc rax, rbx

@snippet adc_r64_one_cf
@init rax=0x1 rbx=0x1 flags=cf
    adc rax, rbx

@snippet adc_r64_smax_1
@init rax=0x7fffffffffffffff rbx=0x1
    adc rax, rbx

@snippet adc_r64_smax_1_cf
@init rax=0x7fffffffffffffff rbx=0x1 flags=cf
    adc rax, rbx

@snippet adc_r64_smin_1_cf
@init rax=0x8000000000000000 rbx=0x1 flags=cf
    adc rax, rbx

@snippet adc_r64_smin_m1_cf
@init rax=0x8000000000000000 rbx=0xffffffffffffffff flags=cf
    adc rax, rbx

@snippet adc_r64_ones_1
@init rax=0xffffffffffffffff rbx=0x1
    adc rax, rbx

@snippet adc_r64_ones_1_cf
@init rax=0xffffffffffffffff rbx=0x1 flags=cf
    adc rax, rbx

@snippet adc_r64_alt_cf
@init rax=0x5555555555555555 rbx=0xaaaaaaaaaaaaaaaa flags=cf
    adc rax, rbx

@snippet adc_r64_af_cf
@init rax=0xf rbx=0x1 flags=cf
    adc rax, rbx

@snippet adc_r64_eq
@init rax=0x1234567890abcdef rbx=0x1234567890abcdef
    adc rax, rbx

@snippet adc_r64_eq_cf
@init rax=0x1234567890abcdef rbx=0x1234567890abcdef flags=cf
    adc rax, rbx

@snippet adc_r64_mixed_cf
@init rax=0xfedcba9876543210 rbx=0x123456789abcdef flags=cf
    adc rax, rbx

@snippet adc_r64_imm32_sext
@init rax=0x7fffffff flags=cf
    adc rax, -0x80000000

@snippet adc_r32_imm8
@init rax=0xffffff81 flags=cf
    adc eax, 0x7f

@snippet adc_r16_imm16
@init rax=0x12348000
    adc ax, 0x8000

@snippet adc_al_imm8
@init rax=0x80
    adc al, 0x80

@snippet adc_mem64_r
@init rbx=0x8000000000000001 flags=cf
@mem 8 u64:0xffffffffffffffff
    adc qword ptr [rsi+8], rbx

@snippet adc_r32_mem
@init rcx=0xffffffff00000001
@mem 0x14 u32:0x80000000
    adc ecx, dword ptr [rsi+0x14]

@snippet adc_mem8_imm
@init flags=cf
@mem 0x21 u8:0x01
    adc byte ptr [rsi+0x21], 0x7f

@snippet adc_mem16_imm8
@mem 0x30 u16:0x8000
    adc word ptr [rsi+0x30], -1

@snippet adc_ah_bh
@init rax=0x7f80 rbx=0x0101 flags=cf
    adc ah, bh

@snippet adc_ah_dil
@init rax=0x7f80 rdi=0xff
    adc al, dil

@snippet sub_r8_zero
@init rax=0xdeadbeefcafefe00 rbx=0xdeadbeefcafefe00
    sub al, bl

@snippet sub_r8_one
@init rax=0xdeadbeefcafefe01 rbx=0xdeadbeefcafefe01
    sub al, bl

@snippet sub_r8_smax_1
@init rax=0xdeadbeefcafefe7f rbx=0xdeadbeefcafefe01
    sub al, bl

@snippet sub_r8_smin_1
@init rax=0xdeadbeefcafefe80 rbx=0xdeadbeefcafefe01
    sub al, bl

@snippet sub_r8_smin_m1
@init rax=0xdeadbeefcafefe80 rbx=0xdeadbeefcafefeff
    sub al, bl

@snippet sub_r8_ones_1
@init rax=0xdeadbeefcafefeff rbx=0xdeadbeefcafefe01
    sub al, bl

@snippet sub_r8_alt
@init rax=0xdeadbeefcafefe55 rbx=0xdeadbeefcafefeaa
    sub al, bl

@snippet sub_r8_af
@init rax=0xdeadbeefcafefe0f rbx=0xdeadbeefcafefe01
    sub al, bl

@snippet sub_r8_eq
@init rax=0xdeadbeefcafefeef rbx=0xdeadbeefcafefeef
    sub al, bl

@snippet sub_r8_mixed
@init rax=0xdeadbeefcafefe10 rbx=0xdeadbeefcafefeef
    sub al, bl

@snippet sub_r16_zero
@init rax=0xdeadbeefcafe0000 rbx=0xdeadbeefcafe0000
    sub ax, bx

@snippet sub_r16_one
@init rax=0xdeadbeefcafe0001 rbx=0xdeadbeefcafe0001
    sub ax, bx

@snippet sub_r16_smax_1
@init rax=0xdeadbeefcafe7fff rbx=0xdeadbeefcafe0001
    sub ax, bx

@snippet sub_r16_smin_1
@init rax=0xdeadbeefcafe8000 rbx=0xdeadbeefcafe0001
    sub ax, bx

@snippet sub_r16_smin_m1
@init rax=0xdeadbeefcafe8000 rbx=0xdeadbeefcafeffff
    sub ax, bx

@snippet sub_r16_ones_1
@init rax=0xdeadbeefcafeffff rbx=0xdeadbeefcafe0001
    sub ax, bx

@snippet sub_r16_alt
@init rax=0xdeadbeefcafe5555 rbx=0xdeadbeefcafeaaaa
    sub ax, bx

@snippet sub_r16_af
@init rax=0xdeadbeefcafe000f rbx=0xdeadbeefcafe0001
    sub ax, bx

@snippet sub_r16_eq
@init rax=0xdeadbeefcafecdef rbx=0xdeadbeefcafecdef
    sub ax, bx

@snippet sub_r16_mixed
@init rax=0xdeadbeefcafe3210 rbx=0xdeadbeefcafecdef
    sub ax, bx

@snippet sub_r32_zero
@init rax=0xdeadbeef00000000 rbx=0xdeadbeef00000000
    sub eax, ebx

@snippet sub_r32_one
@init rax=0xdeadbeef00000001 rbx=0xdeadbeef00000001
    sub eax, ebx

@snippet sub_r32_smax_1
@init rax=0xdeadbeef7fffffff rbx=0xdeadbeef00000001
    sub eax, ebx

@snippet sub_r32_smin_1
@init rax=0xdeadbeef80000000 rbx=0xdeadbeef00000001
    sub eax, ebx

@snippet sub_r32_smin_m1
@init rax=0xdeadbeef80000000 rbx=0xdeadbeefffffffff
    sub eax, ebx

@snippet sub_r32_ones_1
@init rax=0xdeadbeefffffffff rbx=0xdeadbeef00000001
    sub eax, ebx

@snippet sub_r32_alt
@init rax=0xdeadbeef55555555 rbx=0xdeadbeefaaaaaaaa
    sub eax, ebx

@snippet sub_r32_af
@init rax=0xdeadbeef0000000f rbx=0xdeadbeef00000001
    sub eax, ebx

@snippet sub_r32_eq
@init rax=0xdeadbeef90abcdef rbx=0xdeadbeef90abcdef
    sub eax, ebx

@snippet sub_r32_mixed
@init rax=0xdeadbeef76543210 rbx=0xdeadbeef89abcdef
    sub eax, ebx

@snippet sub_r64_zero
@init rax=0x0 rbx=0x0
    sub rax, rbx

@snippet sub_r64_one
@init rax=0x1 rbx=0x1
    sub rax, rbx

@snippet sub_r64_smax_1
@init rax=0x7fffffffffffffff rbx=0x1
    sub rax, rbx

@snippet sub_r64_smin_1
@init rax=0x8000000000000000 rbx=0x1
    sub rax, rbx

@snippet sub_r64_smin_m1
@init rax=0x8000000000000000 rbx=0xffffffffffffffff
    sub rax, rbx

@snippet sub_r64_ones_1
@init rax=0xffffffffffffffff rbx=0x1
    sub rax, rbx

@snippet sub_r64_alt
@init rax=0x5555555555555555 rbx=0xaaaaaaaaaaaaaaaa
    sub rax, rbx

@snippet sub_r64_af
@init rax=0xf rbx=0x1
    sub rax, rbx

@snippet sub_r64_eq
@init rax=0x1234567890abcdef rbx=0x1234567890abcdef
    sub rax, rbx

@snippet sub_r64_mixed
@init rax=0xfedcba9876543210 rbx=0x123456789abcdef
    sub rax, rbx

@snippet sub_r64_imm32_sext
@init rax=0x7fffffff flags=cf
    sub rax, -0x80000000

@snippet sub_r32_imm8
@init rax=0xffffff81 flags=cf
    sub eax, 0x7f

@snippet sub_r16_imm16
@init rax=0x12348000
    sub ax, 0x8000

@snippet sub_al_imm8
@init rax=0x80
    sub al, 0x80

@snippet sub_mem64_r
@init rbx=0x8000000000000001 flags=cf
@mem 8 u64:0xffffffffffffffff
    sub qword ptr [rsi+8], rbx

@snippet sub_r32_mem
@init rcx=0xffffffff00000001
@mem 0x14 u32:0x80000000
    sub ecx, dword ptr [rsi+0x14]

@snippet sub_mem8_imm
@init flags=cf
@mem 0x21 u8:0x01
    sub byte ptr [rsi+0x21], 0x7f

@snippet sub_mem16_imm8
@mem 0x30 u16:0x8000
    sub word ptr [rsi+0x30], -1

@snippet sub_ah_bh
@init rax=0x7f80 rbx=0x0101 flags=cf
    sub ah, bh

@snippet sub_ah_dil
@init rax=0x7f80 rdi=0xff
    sub al, dil

@snippet sbb_r8_zero
@init rax=0xdeadbeefcafefe00 rbx=0xdeadbeefcafefe00
    sbb al, bl

@snippet sbb_r8_zero_cf
@init rax=0xdeadbeefcafefe00 rbx=0xdeadbeefcafefe00 flags=cf
    sbb al, bl

@snippet sbb_r8_one_cf
@init rax=0xdeadbeefcafefe01 rbx=0xdeadbeefcafefe01 flags=cf
    sbb al, bl

@snippet sbb_r8_smax_1
@init rax=0xdeadbeefcafefe7f rbx=0xdeadbeefcafefe01
    sbb al, bl

@snippet sbb_r8_smax_1_cf
@init rax=0xdeadbeefcafefe7f rbx=0xdeadbeefcafefe01 flags=cf
    sbb al, bl

@snippet sbb_r8_smin_1_cf
@init rax=0xdeadbeefcafefe80 rbx=0xdeadbeefcafefe01 flags=cf
    sbb al, bl

@snippet sbb_r8_smin_m1_cf
@init rax=0xdeadbeefcafefe80 rbx=0xdeadbeefcafefeff flags=cf
    sbb al, bl

@snippet sbb_r8_ones_1
@init rax=0xdeadbeefcafefeff rbx=0xdeadbeefcafefe01
    sbb al, bl

@snippet sbb_r8_ones_1_cf
@init rax=0xdeadbeefcafefeff rbx=0xdeadbeefcafefe01 flags=cf
    sbb al, bl

@snippet sbb_r8_alt_cf
@init rax=0xdeadbeefcafefe55 rbx=0xdeadbeefcafefeaa flags=cf
    sbb al, bl

@snippet sbb_r8_af_cf
@init rax=0xdeadbeefcafefe0f rbx=0xdeadbeefcafefe01 flags=cf
    sbb al, bl

@snippet sbb_r8_eq
@init rax=0xdeadbeefcafefeef rbx=0xdeadbeefcafefeef
    sbb al, bl

@snippet sbb_r8_eq_cf
@init rax=0xdeadbeefcafefeef rbx=0xdeadbeefcafefeef flags=cf
    sbb al, bl

@snippet sbb_r8_mixed_cf
@init rax=0xdeadbeefcafefe10 rbx=0xdeadbeefcafefeef flags=cf
    sbb al, bl

@snippet sbb_r16_zero
@init rax=0xdeadbeefcafe0000 rbx=0xdeadbeefcafe0000
    sbb ax, bx

@snippet sbb_r16_zero_cf
@init rax=0xdeadbeefcafe0000 rbx=0xdeadbeefcafe0000 flags=cf
    sbb ax, bx

@snippet sbb_r16_one_cf
@init rax=0xdeadbeefcafe0001 rbx=0xdeadbeefcafe0001 flags=cf
    sbb ax, bx

@snippet sbb_r16_smax_1
@init rax=0xdeadbeefcafe7fff rbx=0xdeadbeefcafe0001
    sbb ax, bx

@snippet sbb_r16_smax_1_cf
@init rax=0xdeadbeefcafe7fff rbx=0xdeadbeefcafe0001 flags=cf
    sbb ax, bx

@snippet sbb_r16_smin_1_cf
@init rax=0xdeadbeefcafe8000 rbx=0xdeadbeefcafe0001 flags=cf
    sbb ax, bx

@snippet sbb_r16_smin_m1_cf
@init rax=0xdeadbeefcafe8000 rbx=0xdeadbeefcafeffff flags=cf
    sbb ax, bx

@snippet sbb_r16_ones_1
@init rax=0xdeadbeefcafeffff rbx=0xdeadbeefcafe0001
    sbb ax, bx

@snippet sbb_r16_ones_1_cf
@init rax=0xdeadbeefcafeffff rbx=0xdeadbeefcafe0001 flags=cf
    sbb ax, bx

@snippet sbb_r16_alt_cf
@init rax=0xdeadbeefcafe5555 rbx=0xdeadbeefcafeaaaa flags=cf
    sbb ax, bx

@snippet sbb_r16_af_cf
@init rax=0xdeadbeefcafe000f rbx=0xdeadbeefcafe0001 flags=cf
    sbb ax, bx

@snippet sbb_r16_eq
@init rax=0xdeadbeefcafecdef rbx=0xdeadbeefcafecdef
    sbb ax, bx

@snippet sbb_r16_eq_cf
@init rax=0xdeadbeefcafecdef rbx=0xdeadbeefcafecdef flags=cf
    sbb ax, bx

@snippet sbb_r16_mixed_cf
@init rax=0xdeadbeefcafe3210 rbx=0xdeadbeefcafecdef flags=cf
    sbb ax, bx

@snippet sbb_r32_zero
@init rax=0xdeadbeef00000000 rbx=0xdeadbeef00000000
    sbb eax, ebx

@snippet sbb_r32_zero_cf
@init rax=0xdeadbeef00000000 rbx=0xdeadbeef00000000 flags=cf
    sbb eax, ebx

@snippet sbb_r32_one_cf
@init rax=0xdeadbeef00000001 rbx=0xdeadbeef00000001 flags=cf
    sbb eax, ebx

@snippet sbb_r32_smax_1
@init rax=0xdeadbeef7fffffff rbx=0xdeadbeef00000001
    sbb eax, ebx

@snippet sbb_r32_smax_1_cf
@init rax=0xdeadbeef7fffffff rbx=0xdeadbeef00000001 flags=cf
    sbb eax, ebx

@snippet sbb_r32_smin_1_cf
@init rax=0xdeadbeef80000000 rbx=0xdeadbeef00000001 flags=cf
    sbb eax, ebx

@snippet sbb_r32_smin_m1_cf
@init rax=0xdeadbeef80000000 rbx=0xdeadbeefffffffff flags=cf
    sbb eax, ebx

@snippet sbb_r32_ones_1
@init rax=0xdeadbeefffffffff rbx=0xdeadbeef00000001
    sbb eax, ebx

@snippet sbb_r32_ones_1_cf
@init rax=0xdeadbeefffffffff rbx=0xdeadbeef00000001 flags=cf
    sbb eax, ebx

@snippet sbb_r32_alt_cf
@init rax=0xdeadbeef55555555 rbx=0xdeadbeefaaaaaaaa flags=cf
    sbb eax, ebx

@snippet sbb_r32_af_cf
@init rax=0xdeadbeef0000000f rbx=0xdeadbeef00000001 flags=cf
    sbb eax, ebx

@snippet sbb_r32_eq
@init rax=0xdeadbeef90abcdef rbx=0xdeadbeef90abcdef
    sbb eax, ebx

@snippet sbb_r32_eq_cf
@init rax=0xdeadbeef90abcdef rbx=0xdeadbeef90abcdef flags=cf
    sbb eax, ebx

@snippet sbb_r32_mixed_cf
@init rax=0xdeadbeef76543210 rbx=0xdeadbeef89abcdef flags=cf
    sbb eax, ebx

@snippet sbb_r64_zero
@init rax=0x0 rbx=0x0
    sbb rax, rbx

@snippet sbb_r64_zero_cf
@init rax=0x0 rbx=0x0 flags=cf
    sbb rax, rbx

@snippet sbb_r64_one_cf
@init rax=0x1 rbx=0x1 flags=cf
    sbb rax, rbx

@snippet sbb_r64_smax_1
@init rax=0x7fffffffffffffff rbx=0x1
    sbb rax, rbx

@snippet sbb_r64_smax_1_cf
@init rax=0x7fffffffffffffff rbx=0x1 flags=cf
    sbb rax, rbx

@snippet sbb_r64_smin_1_cf
@init rax=0x8000000000000000 rbx=0x1 flags=cf
    sbb rax, rbx

@snippet sbb_r64_smin_m1_cf
@init rax=0x8000000000000000 rbx=0xffffffffffffffff flags=cf
    sbb rax, rbx

@snippet sbb_r64_ones_1
@init rax=0xffffffffffffffff rbx=0x1
    sbb rax, rbx

@snippet sbb_r64_ones_1_cf
@init rax=0xffffffffffffffff rbx=0x1 flags=cf
    sbb rax, rbx

@snippet sbb_r64_alt_cf
@init rax=0x5555555555555555 rbx=0xaaaaaaaaaaaaaaaa flags=cf
    sbb rax, rbx

@snippet sbb_r64_af_cf
@init rax=0xf rbx=0x1 flags=cf
    sbb rax, rbx

@snippet sbb_r64_eq
@init rax=0x1234567890abcdef rbx=0x1234567890abcdef
    sbb rax, rbx

@snippet sbb_r64_eq_cf
@init rax=0x1234567890abcdef rbx=0x1234567890abcdef flags=cf
    sbb rax, rbx

@snippet sbb_r64_mixed_cf
@init rax=0xfedcba9876543210 rbx=0x123456789abcdef flags=cf
    sbb rax, rbx

@snippet sbb_r64_imm32_sext
@init rax=0x7fffffff flags=cf
    sbb rax, -0x80000000

@snippet sbb_r32_imm8
@init rax=0xffffff81 flags=cf
    sbb eax, 0x7f

@snippet sbb_r16_imm16
@init rax=0x12348000
    sbb ax, 0x8000

@snippet sbb_al_imm8
@init rax=0x80
    sbb al, 0x80

@snippet sbb_mem64_r
@init rbx=0x8000000000000001 flags=cf
@mem 8 u64:0xffffffffffffffff
    sbb qword ptr [rsi+8], rbx

@snippet sbb_r32_mem
@init rcx=0xffffffff00000001
@mem 0x14 u32:0x80000000
    sbb ecx, dword ptr [rsi+0x14]

@snippet sbb_mem8_imm
@init flags=cf
@mem 0x21 u8:0x01
    sbb byte ptr [rsi+0x21], 0x7f

@snippet sbb_mem16_imm8
@mem 0x30 u16:0x8000
    sbb word ptr [rsi+0x30], -1

@snippet sbb_ah_bh
@init rax=0x7f80 rbx=0x0101 flags=cf
    sbb ah, bh

@snippet sbb_ah_dil
@init rax=0x7f80 rdi=0xff
    sbb al, dil

@snippet cmp_r8_zero
@init rax=0xdeadbeefcafefe00 rbx=0xdeadbeefcafefe00
    cmp al, bl

@snippet cmp_r8_one
@init rax=0xdeadbeefcafefe01 rbx=0xdeadbeefcafefe01
    cmp al, bl

@snippet cmp_r8_smax_1
@init rax=0xdeadbeefcafefe7f rbx=0xdeadbeefcafefe01
    cmp al, bl

@snippet cmp_r8_smin_1
@init rax=0xdeadbeefcafefe80 rbx=0xdeadbeefcafefe01
    cmp al, bl

@snippet cmp_r8_smin_m1
@init rax=0xdeadbeefcafefe80 rbx=0xdeadbeefcafefeff
    cmp al, bl

@snippet cmp_r8_ones_1
@init rax=0xdeadbeefcafefeff rbx=0xdeadbeefcafefe01
    cmp al, bl

@snippet cmp_r8_alt
@init rax=0xdeadbeefcafefe55 rbx=0xdeadbeefcafefeaa
    cmp al, bl

@snippet cmp_r8_af
@init rax=0xdeadbeefcafefe0f rbx=0xdeadbeefcafefe01
    cmp al, bl

@snippet cmp_r8_eq
@init rax=0xdeadbeefcafefeef rbx=0xdeadbeefcafefeef
    cmp al, bl

@snippet cmp_r8_mixed
@init rax=0xdeadbeefcafefe10 rbx=0xdeadbeefcafefeef
    cmp al, bl

@snippet cmp_r16_zero
@init rax=0xdeadbeefcafe0000 rbx=0xdeadbeefcafe0000
    cmp ax, bx

@snippet cmp_r16_one
@init rax=0xdeadbeefcafe0001 rbx=0xdeadbeefcafe0001
    cmp ax, bx

@snippet cmp_r16_smax_1
@init rax=0xdeadbeefcafe7fff rbx=0xdeadbeefcafe0001
    cmp ax, bx

@snippet cmp_r16_smin_1
@init rax=0xdeadbeefcafe8000 rbx=0xdeadbeefcafe0001
    cmp ax, bx

@snippet cmp_r16_smin_m1
@init rax=0xdeadbeefcafe8000 rbx=0xdeadbeefcafeffff
    cmp ax, bx

@snippet cmp_r16_ones_1
@init rax=0xdeadbeefcafeffff rbx=0xdeadbeefcafe0001
    cmp ax, bx

@snippet cmp_r16_alt
@init rax=0xdeadbeefcafe5555 rbx=0xdeadbeefcafeaaaa
    cmp ax, bx

@snippet cmp_r16_af
@init rax=0xdeadbeefcafe000f rbx=0xdeadbeefcafe0001
    cmp ax, bx

@snippet cmp_r16_eq
@init rax=0xdeadbeefcafecdef rbx=0xdeadbeefcafecdef
    cmp ax, bx

@snippet cmp_r16_mixed
@init rax=0xdeadbeefcafe3210 rbx=0xdeadbeefcafecdef
    cmp ax, bx

@snippet cmp_r32_zero
@init rax=0xdeadbeef00000000 rbx=0xdeadbeef00000000
    cmp eax, ebx

@snippet cmp_r32_one
@init rax=0xdeadbeef00000001 rbx=0xdeadbeef00000001
    cmp eax, ebx

@snippet cmp_r32_smax_1
@init rax=0xdeadbeef7fffffff rbx=0xdeadbeef00000001
    cmp eax, ebx

@snippet cmp_r32_smin_1
@init rax=0xdeadbeef80000000 rbx=0xdeadbeef00000001
    cmp eax, ebx

@snippet cmp_r32_smin_m1
@init rax=0xdeadbeef80000000 rbx=0xdeadbeefffffffff
    cmp eax, ebx

@snippet cmp_r32_ones_1
@init rax=0xdeadbeefffffffff rbx=0xdeadbeef00000001
    cmp eax, ebx

@snippet cmp_r32_alt
@init rax=0xdeadbeef55555555 rbx=0xdeadbeefaaaaaaaa
    cmp eax, ebx

@snippet cmp_r32_af
@init rax=0xdeadbeef0000000f rbx=0xdeadbeef00000001
    cmp eax, ebx

@snippet cmp_r32_eq
@init rax=0xdeadbeef90abcdef rbx=0xdeadbeef90abcdef
    cmp eax, ebx

@snippet cmp_r32_mixed
@init rax=0xdeadbeef76543210 rbx=0xdeadbeef89abcdef
    cmp eax, ebx

@snippet cmp_r64_zero
@init rax=0x0 rbx=0x0
    cmp rax, rbx

@snippet cmp_r64_one
@init rax=0x1 rbx=0x1
    cmp rax, rbx

@snippet cmp_r64_smax_1
@init rax=0x7fffffffffffffff rbx=0x1
    cmp rax, rbx

@snippet cmp_r64_smin_1
@init rax=0x8000000000000000 rbx=0x1
    cmp rax, rbx

@snippet cmp_r64_smin_m1
@init rax=0x8000000000000000 rbx=0xffffffffffffffff
    cmp rax, rbx

@snippet cmp_r64_ones_1
@init rax=0xffffffffffffffff rbx=0x1
    cmp rax, rbx

@snippet cmp_r64_alt
@init rax=0x5555555555555555 rbx=0xaaaaaaaaaaaaaaaa
    cmp rax, rbx

@snippet cmp_r64_af
@init rax=0xf rbx=0x1
    cmp rax, rbx

@snippet cmp_r64_eq
@init rax=0x1234567890abcdef rbx=0x1234567890abcdef
    cmp rax, rbx

@snippet cmp_r64_mixed
@init rax=0xfedcba9876543210 rbx=0x123456789abcdef
    cmp rax, rbx

@snippet cmp_r64_imm32_sext
@init rax=0x7fffffff flags=cf
    cmp rax, -0x80000000

@snippet cmp_r32_imm8
@init rax=0xffffff81 flags=cf
    cmp eax, 0x7f

@snippet cmp_r16_imm16
@init rax=0x12348000
    cmp ax, 0x8000

@snippet cmp_al_imm8
@init rax=0x80
    cmp al, 0x80

@snippet cmp_mem64_r
@init rbx=0x8000000000000001 flags=cf
@mem 8 u64:0xffffffffffffffff
    cmp qword ptr [rsi+8], rbx

@snippet cmp_r32_mem
@init rcx=0xffffffff00000001
@mem 0x14 u32:0x80000000
    cmp ecx, dword ptr [rsi+0x14]

@snippet cmp_mem8_imm
@init flags=cf
@mem 0x21 u8:0x01
    cmp byte ptr [rsi+0x21], 0x7f

@snippet cmp_mem16_imm8
@mem 0x30 u16:0x8000
    cmp word ptr [rsi+0x30], -1

@snippet cmp_ah_bh
@init rax=0x7f80 rbx=0x0101 flags=cf
    cmp ah, bh

@snippet cmp_ah_dil
@init rax=0x7f80 rdi=0xff
    cmp al, dil

@snippet neg_r8_zero
@init rax=0xdeadbeefcafefe00
    neg al

@snippet inc_r8_zero
@init rax=0xdeadbeefcafefe00 flags=cf
    inc al

@snippet dec_r8_zero
@init rax=0xdeadbeefcafefe00
    dec al

@snippet neg_r8_smin
@init rax=0xdeadbeefcafefe80
    neg al

@snippet inc_r8_smin
@init rax=0xdeadbeefcafefe80 flags=cf
    inc al

@snippet dec_r8_smin
@init rax=0xdeadbeefcafefe80
    dec al

@snippet neg_r8_one
@init rax=0xdeadbeefcafefe01
    neg al

@snippet inc_r8_one
@init rax=0xdeadbeefcafefe01 flags=cf
    inc al

@snippet dec_r8_one
@init rax=0xdeadbeefcafefe01
    dec al

@snippet neg_r8_ones
@init rax=0xdeadbeefcafefeff
    neg al

@snippet inc_r8_ones
@init rax=0xdeadbeefcafefeff flags=cf
    inc al

@snippet dec_r8_ones
@init rax=0xdeadbeefcafefeff
    dec al

@snippet neg_r16_zero
@init rax=0xdeadbeefcafe0000
    neg ax

@snippet inc_r16_zero
@init rax=0xdeadbeefcafe0000 flags=cf
    inc ax

@snippet dec_r16_zero
@init rax=0xdeadbeefcafe0000
    dec ax

@snippet neg_r16_smin
@init rax=0xdeadbeefcafe8000
    neg ax

@snippet inc_r16_smin
@init rax=0xdeadbeefcafe8000 flags=cf
    inc ax

@snippet dec_r16_smin
@init rax=0xdeadbeefcafe8000
    dec ax

@snippet neg_r16_one
@init rax=0xdeadbeefcafe0001
    neg ax

@snippet inc_r16_one
@init rax=0xdeadbeefcafe0001 flags=cf
    inc ax

@snippet dec_r16_one
@init rax=0xdeadbeefcafe0001
    dec ax

@snippet neg_r16_ones
@init rax=0xdeadbeefcafeffff
    neg ax

@snippet inc_r16_ones
@init rax=0xdeadbeefcafeffff flags=cf
    inc ax

@snippet dec_r16_ones
@init rax=0xdeadbeefcafeffff
    dec ax

@snippet neg_r32_zero
@init rax=0xdeadbeef00000000
    neg eax

@snippet inc_r32_zero
@init rax=0xdeadbeef00000000 flags=cf
    inc eax

@snippet dec_r32_zero
@init rax=0xdeadbeef00000000
    dec eax

@snippet neg_r32_smin
@init rax=0xdeadbeef80000000
    neg eax

@snippet inc_r32_smin
@init rax=0xdeadbeef80000000 flags=cf
    inc eax

@snippet dec_r32_smin
@init rax=0xdeadbeef80000000
    dec eax

@snippet neg_r32_one
@init rax=0xdeadbeef00000001
    neg eax

@snippet inc_r32_one
@init rax=0xdeadbeef00000001 flags=cf
    inc eax

@snippet dec_r32_one
@init rax=0xdeadbeef00000001
    dec eax

@snippet neg_r32_ones
@init rax=0xdeadbeefffffffff
    neg eax

@snippet inc_r32_ones
@init rax=0xdeadbeefffffffff flags=cf
    inc eax

@snippet dec_r32_ones
@init rax=0xdeadbeefffffffff
    dec eax

@snippet neg_r64_zero
@init rax=0x0
    neg rax

@snippet inc_r64_zero
@init rax=0x0 flags=cf
    inc rax

@snippet dec_r64_zero
@init rax=0x0
    dec rax

@snippet neg_r64_smin
@init rax=0x8000000000000000
    neg rax

@snippet inc_r64_smin
@init rax=0x8000000000000000 flags=cf
    inc rax

@snippet dec_r64_smin
@init rax=0x8000000000000000
    dec rax

@snippet neg_r64_one
@init rax=0x1
    neg rax

@snippet inc_r64_one
@init rax=0x1 flags=cf
    inc rax

@snippet dec_r64_one
@init rax=0x1
    dec rax

@snippet neg_r64_ones
@init rax=0xffffffffffffffff
    neg rax

@snippet inc_r64_ones
@init rax=0xffffffffffffffff flags=cf
    inc rax

@snippet dec_r64_ones
@init rax=0xffffffffffffffff
    dec rax

@snippet inc_mem32
@mem 4 u32:0x7fffffff
    inc dword ptr [rsi+4]

@snippet dec_mem64
@mem 8 u64:0
    dec qword ptr [rsi+8]

@snippet neg_mem16
@mem 2 u16:0x8000
    neg word ptr [rsi+2]

@snippet add_chain_carry
@init rax=0xffffffffffffffff rcx=1 rbx=0xffffffffffffffff rdx=0 r8=5
    add rax, rcx
    adc rbx, rdx
    adc r8, 0

@snippet sub_chain_borrow
@init rax=0 rcx=1 rbx=0 rdx=0 r8=5
    sub rax, rcx
    sbb rbx, rdx
    sbb r8, 0

@snippet adcx_adox
@init rax=0xffffffffffffffff rbx=1 rcx=0x7fffffffffffffff rdx=1 flags=cf,of
    adcx rax, rbx
    adox rcx, rdx

@snippet xadd_r64
@init rax=0x7fffffffffffffff rbx=1
    xadd rax, rbx
