# ADD / ADC / SUB / SBB / CMP / NEG / INC / DEC in every width, with flag edge cases.
# All six arithmetic flags are defined after these (INC/DEC leave CF unchanged).
@syntax intel
@init rsi=data rdi=data+0x100

@snippet add_r64_overflow
@init rax=0x7fffffffffffffff rbx=1
    add rax, rbx

@snippet add_r64_carry_zero
@init rax=0xffffffffffffffff rbx=1
    add rax, rbx

@snippet add_r32_zero_extends
@init rax=0xffffffff80000000 rbx=0x80000000
    add eax, ebx

@snippet add_r16_partial
@init rax=0x123456789abcffff rbx=0x0001
    add ax, bx

@snippet add_r8_af
@init rax=0x0f rbx=0x01
    add al, bl

@snippet add_ah_bh
@init rax=0x7f00 rbx=0x0100
    add ah, bh

@snippet add_imm8_sext
@init rax=5
    add rax, -6

@snippet add_mem_r64
@mem 0 u64:0x8000000000000000
@init rax=0x8000000000000000
    add [rsi], rax

@snippet adc_r64_carry_in
@init rax=0xffffffffffffffff rbx=0 flags=cf
    adc rax, rbx

@snippet adc_r32_carry_chain
@init rax=0x7fffffff rbx=0 flags=cf
    adc eax, ebx

@snippet sub_r64_borrow
@init rax=0 rbx=1
    sub rax, rbx

@snippet sub_r8_overflow
@init rax=0x80 rbx=1
    sub al, bl

@snippet sbb_r64_borrow_in
@init rax=0 rbx=0 flags=cf
    sbb rax, rbx

@snippet sbb_self_mask
@init rax=0x1234 flags=cf
    sbb eax, eax

@snippet cmp_r64_equal
@init rax=42 rbx=42
    cmp rax, rbx

@snippet cmp_r32_signed_less
@init rax=0xffffffff rbx=1
    cmp eax, ebx

@snippet neg_r64_min
@init rax=0x8000000000000000
    neg rax

@snippet neg_r8_zero
@init rax=0x100
    neg al

@snippet inc_r64_overflow_keeps_cf
@init rax=0x7fffffffffffffff flags=cf
    inc rax

@snippet dec_r16_zero
@init rax=0x10001
    dec ax

@snippet inc_mem8
@mem 0x10 u8:0xff
    inc byte ptr [rsi+0x10]
