# MUL / IMUL (one, two and three operands) / DIV / IDIV in every width.
# After MUL/IMUL only CF and OF are defined; after DIV/IDIV no flag is. Random variants zero- or
# sign-extend the dividend first so that most quotients fit; zero divisors and overflowing
# quotients fault on both sides.
@syntax intel
@init rsi=data

@snippet mul_r8_small
@init rax=0xdeadbeefcafefe03 rbx=0xdeadbeefcafefe05 rdx=0x1111111111111111
@undef sf zf af pf
    mul bl

@snippet imul1_r8_small
@init rax=0xdeadbeefcafefe03 rbx=0xdeadbeefcafefe05 rdx=0x1111111111111111
@undef sf zf af pf
    imul bl

@snippet mul_r8_big
@init rax=0xdeadbeefcafefeff rbx=0xdeadbeefcafefeff rdx=0x1111111111111111
@undef sf zf af pf
    mul bl

@snippet imul1_r8_big
@init rax=0xdeadbeefcafefeff rbx=0xdeadbeefcafefeff rdx=0x1111111111111111
@undef sf zf af pf
    imul bl

@snippet mul_r8_sneg
@init rax=0xdeadbeefcafefe80 rbx=0xdeadbeefcafefeff rdx=0x1111111111111111
@undef sf zf af pf
    mul bl

@snippet imul1_r8_sneg
@init rax=0xdeadbeefcafefe80 rbx=0xdeadbeefcafefeff rdx=0x1111111111111111
@undef sf zf af pf
    imul bl

@snippet mul_r8_mixed
@init rax=0xdeadbeefcafefeef rbx=0xdeadbeefcafefe21 rdx=0x1111111111111111
@undef sf zf af pf
    mul bl

@snippet imul1_r8_mixed
@init rax=0xdeadbeefcafefeef rbx=0xdeadbeefcafefe21 rdx=0x1111111111111111
@undef sf zf af pf
    imul bl

@snippet mul_r8_zero
@init rax=0xdeadbeefcafefe00 rbx=0xdeadbeefcafefeff rdx=0x1111111111111111
@undef sf zf af pf
    mul bl

@snippet imul1_r8_zero
@init rax=0xdeadbeefcafefe00 rbx=0xdeadbeefcafefeff rdx=0x1111111111111111
@undef sf zf af pf
    imul bl

@snippet mul_mem8
@init rax=0xfffffffffffffff0
@undef sf zf af pf
    mul byte ptr [rsi]

@snippet div_r8_maxq
@init rax=0xfefe rbx=0xff
@undef cf pf af zf sf of
    div bl

@snippet div_r8_small
@init rax=0x0064 rbx=7
@undef cf pf af zf sf of
    div bl

@snippet idiv_r8_neg
@init rax=0xff9c rbx=7
@undef cf pf af zf sf of
    idiv bl

@snippet idiv_r8_minq
@init rax=0xff80 rbx=1
@undef cf pf af zf sf of
    idiv bl

@snippet div_r8_random
@undef cf pf af zf sf of
    movzx eax, al
    div bl

@snippet idiv_r8_random
@undef cf pf af zf sf of
    cbw
    idiv bl

@snippet div_r8_overflow_faults
@init rax=0x1000 rbx=0x10
@undef cf pf af zf sf of
@norandom checks the #DE of one overflowing quotient
    div bl

@snippet mul_r16_small
@init rax=0xdeadbeefcafe0003 rbx=0xdeadbeefcafe0005 rdx=0x1111111111111111
@undef sf zf af pf
    mul bx

@snippet imul1_r16_small
@init rax=0xdeadbeefcafe0003 rbx=0xdeadbeefcafe0005 rdx=0x1111111111111111
@undef sf zf af pf
    imul bx

@snippet imul2_r16_small
@init rax=0xdeadbeefcafe0003 rbx=0xdeadbeefcafe0005
@undef sf zf af pf
    imul ax, bx

@snippet imul3_r16_small
@init rax=0 rbx=0xdeadbeefcafe0005
@undef sf zf af pf
    imul ax, bx, -3

@snippet mul_r16_big
@init rax=0xdeadbeefcafeffff rbx=0xdeadbeefcafeffff rdx=0x1111111111111111
@undef sf zf af pf
    mul bx

@snippet imul1_r16_big
@init rax=0xdeadbeefcafeffff rbx=0xdeadbeefcafeffff rdx=0x1111111111111111
@undef sf zf af pf
    imul bx

@snippet imul2_r16_big
@init rax=0xdeadbeefcafeffff rbx=0xdeadbeefcafeffff
@undef sf zf af pf
    imul ax, bx

@snippet imul3_r16_big
@init rax=0 rbx=0xdeadbeefcafeffff
@undef sf zf af pf
    imul ax, bx, -3

@snippet mul_r16_sneg
@init rax=0xdeadbeefcafe8000 rbx=0xdeadbeefcafeffff rdx=0x1111111111111111
@undef sf zf af pf
    mul bx

@snippet imul1_r16_sneg
@init rax=0xdeadbeefcafe8000 rbx=0xdeadbeefcafeffff rdx=0x1111111111111111
@undef sf zf af pf
    imul bx

@snippet imul2_r16_sneg
@init rax=0xdeadbeefcafe8000 rbx=0xdeadbeefcafeffff
@undef sf zf af pf
    imul ax, bx

@snippet imul3_r16_sneg
@init rax=0 rbx=0xdeadbeefcafeffff
@undef sf zf af pf
    imul ax, bx, -3

@snippet mul_r16_mixed
@init rax=0xdeadbeefcafecdef rbx=0xdeadbeefcafe4321 rdx=0x1111111111111111
@undef sf zf af pf
    mul bx

@snippet imul1_r16_mixed
@init rax=0xdeadbeefcafecdef rbx=0xdeadbeefcafe4321 rdx=0x1111111111111111
@undef sf zf af pf
    imul bx

@snippet imul2_r16_mixed
@init rax=0xdeadbeefcafecdef rbx=0xdeadbeefcafe4321
@undef sf zf af pf
    imul ax, bx

@snippet imul3_r16_mixed
@init rax=0 rbx=0xdeadbeefcafe4321
@undef sf zf af pf
    imul ax, bx, -3

@snippet mul_r16_zero
@init rax=0xdeadbeefcafe0000 rbx=0xdeadbeefcafeffff rdx=0x1111111111111111
@undef sf zf af pf
    mul bx

@snippet imul1_r16_zero
@init rax=0xdeadbeefcafe0000 rbx=0xdeadbeefcafeffff rdx=0x1111111111111111
@undef sf zf af pf
    imul bx

@snippet imul2_r16_zero
@init rax=0xdeadbeefcafe0000 rbx=0xdeadbeefcafeffff
@undef sf zf af pf
    imul ax, bx

@snippet imul3_r16_zero
@init rax=0 rbx=0xdeadbeefcafeffff
@undef sf zf af pf
    imul ax, bx, -3

@snippet mul_mem16
@init rax=0xfffffffffffffff0
@undef sf zf af pf
    mul word ptr [rsi]

@snippet imul3_r16_mem_imm
@undef sf zf af pf
    imul ax, word ptr [rsi+8], 1000

@snippet div_r16_maxq
@init rax=0xffff rdx=0xfffe rbx=0xffff
@undef cf pf af zf sf of
    div bx

@snippet div_r16_small
@init rax=100 rdx=0 rbx=7
@undef cf pf af zf sf of
    div bx

@snippet idiv_r16_neg
@init rax=0xff9c rdx=0xffff rbx=7
@undef cf pf af zf sf of
    idiv bx

@snippet idiv_r16_negdiv
@init rax=100 rdx=0 rbx=0xfff9
@undef cf pf af zf sf of
    idiv bx

@snippet idiv_r16_minq
@init rax=0x8000 rdx=0xffff rbx=1
@undef cf pf af zf sf of
    idiv bx

@snippet div_r16_random
@undef cf pf af zf sf of
    xor edx, edx
    div bx

@snippet idiv_r16_random
@undef cf pf af zf sf of
    cwd
    idiv bx

@snippet div_r16_by_zero_faults
@init rax=1 rdx=0 rbx=0
@undef cf pf af zf sf of
@norandom checks the #DE of a zero divisor
    div bx

@snippet div_mem16
@init rax=12345 rdx=0
@mem 0x40 u16:10
@undef cf pf af zf sf of
    div word ptr [rsi+0x40]

@snippet mul_r32_small
@init rax=0xdeadbeef00000003 rbx=0xdeadbeef00000005 rdx=0x1111111111111111
@undef sf zf af pf
    mul ebx

@snippet imul1_r32_small
@init rax=0xdeadbeef00000003 rbx=0xdeadbeef00000005 rdx=0x1111111111111111
@undef sf zf af pf
    imul ebx

@snippet imul2_r32_small
@init rax=0xdeadbeef00000003 rbx=0xdeadbeef00000005
@undef sf zf af pf
    imul eax, ebx

@snippet imul3_r32_small
@init rax=0 rbx=0xdeadbeef00000005
@undef sf zf af pf
    imul eax, ebx, -3

@snippet mul_r32_big
@init rax=0xdeadbeefffffffff rbx=0xdeadbeefffffffff rdx=0x1111111111111111
@undef sf zf af pf
    mul ebx

@snippet imul1_r32_big
@init rax=0xdeadbeefffffffff rbx=0xdeadbeefffffffff rdx=0x1111111111111111
@undef sf zf af pf
    imul ebx

@snippet imul2_r32_big
@init rax=0xdeadbeefffffffff rbx=0xdeadbeefffffffff
@undef sf zf af pf
    imul eax, ebx

@snippet imul3_r32_big
@init rax=0 rbx=0xdeadbeefffffffff
@undef sf zf af pf
    imul eax, ebx, -3

@snippet mul_r32_sneg
@init rax=0xdeadbeef80000000 rbx=0xdeadbeefffffffff rdx=0x1111111111111111
@undef sf zf af pf
    mul ebx

@snippet imul1_r32_sneg
@init rax=0xdeadbeef80000000 rbx=0xdeadbeefffffffff rdx=0x1111111111111111
@undef sf zf af pf
    imul ebx

@snippet imul2_r32_sneg
@init rax=0xdeadbeef80000000 rbx=0xdeadbeefffffffff
@undef sf zf af pf
    imul eax, ebx

@snippet imul3_r32_sneg
@init rax=0 rbx=0xdeadbeefffffffff
@undef sf zf af pf
    imul eax, ebx, -3

@snippet mul_r32_mixed
@init rax=0xdeadbeef90abcdef rbx=0xdeadbeef87654321 rdx=0x1111111111111111
@undef sf zf af pf
    mul ebx

@snippet imul1_r32_mixed
@init rax=0xdeadbeef90abcdef rbx=0xdeadbeef87654321 rdx=0x1111111111111111
@undef sf zf af pf
    imul ebx

@snippet imul2_r32_mixed
@init rax=0xdeadbeef90abcdef rbx=0xdeadbeef87654321
@undef sf zf af pf
    imul eax, ebx

@snippet imul3_r32_mixed
@init rax=0 rbx=0xdeadbeef87654321
@undef sf zf af pf
    imul eax, ebx, -3

@snippet mul_r32_zero
@init rax=0xdeadbeef00000000 rbx=0xdeadbeefffffffff rdx=0x1111111111111111
@undef sf zf af pf
    mul ebx

@snippet imul1_r32_zero
@init rax=0xdeadbeef00000000 rbx=0xdeadbeefffffffff rdx=0x1111111111111111
@undef sf zf af pf
    imul ebx

@snippet imul2_r32_zero
@init rax=0xdeadbeef00000000 rbx=0xdeadbeefffffffff
@undef sf zf af pf
    imul eax, ebx

@snippet imul3_r32_zero
@init rax=0 rbx=0xdeadbeefffffffff
@undef sf zf af pf
    imul eax, ebx, -3

@snippet mul_mem32
@init rax=0xfffffffffffffff0
@undef sf zf af pf
    mul dword ptr [rsi]

@snippet imul3_r32_mem_imm
@undef sf zf af pf
    imul eax, dword ptr [rsi+8], 1000

@snippet div_r32_maxq
@init rax=0xffffffff rdx=0xfffffffe rbx=0xffffffff
@undef cf pf af zf sf of
    div ebx

@snippet div_r32_small
@init rax=100 rdx=0 rbx=7
@undef cf pf af zf sf of
    div ebx

@snippet idiv_r32_neg
@init rax=0xffffff9c rdx=0xffffffff rbx=7
@undef cf pf af zf sf of
    idiv ebx

@snippet idiv_r32_negdiv
@init rax=100 rdx=0 rbx=0xfffffff9
@undef cf pf af zf sf of
    idiv ebx

@snippet idiv_r32_minq
@init rax=0x80000000 rdx=0xffffffff rbx=1
@undef cf pf af zf sf of
    idiv ebx

@snippet div_r32_random
@undef cf pf af zf sf of
    xor edx, edx
    div ebx

@snippet idiv_r32_random
@undef cf pf af zf sf of
    cdq
    idiv ebx

@snippet div_r32_by_zero_faults
@init rax=1 rdx=0 rbx=0
@undef cf pf af zf sf of
@norandom checks the #DE of a zero divisor
    div ebx

@snippet div_mem32
@init rax=12345 rdx=0
@mem 0x40 u32:10
@undef cf pf af zf sf of
    div dword ptr [rsi+0x40]

@snippet mul_r64_small
@init rax=0x3 rbx=0x5 rdx=0x1111111111111111
@undef sf zf af pf
    mul rbx

@snippet imul1_r64_small
@init rax=0x3 rbx=0x5 rdx=0x1111111111111111
@undef sf zf af pf
    imul rbx

@snippet imul2_r64_small
@init rax=0x3 rbx=0x5
@undef sf zf af pf
    imul rax, rbx

@snippet imul3_r64_small
@init rax=0 rbx=0x5
@undef sf zf af pf
    imul rax, rbx, -3

@snippet mul_r64_big
@init rax=0xffffffffffffffff rbx=0xffffffffffffffff rdx=0x1111111111111111
@undef sf zf af pf
    mul rbx

@snippet imul1_r64_big
@init rax=0xffffffffffffffff rbx=0xffffffffffffffff rdx=0x1111111111111111
@undef sf zf af pf
    imul rbx

@snippet imul2_r64_big
@init rax=0xffffffffffffffff rbx=0xffffffffffffffff
@undef sf zf af pf
    imul rax, rbx

@snippet imul3_r64_big
@init rax=0 rbx=0xffffffffffffffff
@undef sf zf af pf
    imul rax, rbx, -3

@snippet mul_r64_sneg
@init rax=0x8000000000000000 rbx=0xffffffffffffffff rdx=0x1111111111111111
@undef sf zf af pf
    mul rbx

@snippet imul1_r64_sneg
@init rax=0x8000000000000000 rbx=0xffffffffffffffff rdx=0x1111111111111111
@undef sf zf af pf
    imul rbx

@snippet imul2_r64_sneg
@init rax=0x8000000000000000 rbx=0xffffffffffffffff
@undef sf zf af pf
    imul rax, rbx

@snippet imul3_r64_sneg
@init rax=0 rbx=0xffffffffffffffff
@undef sf zf af pf
    imul rax, rbx, -3

@snippet mul_r64_mixed
@init rax=0x1234567890abcdef rbx=0xfedcba987654321 rdx=0x1111111111111111
@undef sf zf af pf
    mul rbx

@snippet imul1_r64_mixed
@init rax=0x1234567890abcdef rbx=0xfedcba987654321 rdx=0x1111111111111111
@undef sf zf af pf
    imul rbx

@snippet imul2_r64_mixed
@init rax=0x1234567890abcdef rbx=0xfedcba987654321
@undef sf zf af pf
    imul rax, rbx

@snippet imul3_r64_mixed
@init rax=0 rbx=0xfedcba987654321
@undef sf zf af pf
    imul rax, rbx, -3

@snippet mul_r64_zero
@init rax=0x0 rbx=0xffffffffffffffff rdx=0x1111111111111111
@undef sf zf af pf
    mul rbx

@snippet imul1_r64_zero
@init rax=0x0 rbx=0xffffffffffffffff rdx=0x1111111111111111
@undef sf zf af pf
    imul rbx

@snippet imul2_r64_zero
@init rax=0x0 rbx=0xffffffffffffffff
@undef sf zf af pf
    imul rax, rbx

@snippet imul3_r64_zero
@init rax=0 rbx=0xffffffffffffffff
@undef sf zf af pf
    imul rax, rbx, -3

@snippet mul_mem64
@init rax=0xfffffffffffffff0
@undef sf zf af pf
    mul qword ptr [rsi]

@snippet imul3_r64_mem_imm
@undef sf zf af pf
    imul rax, qword ptr [rsi+8], 1000

@snippet div_r64_maxq
@init rax=0xffffffffffffffff rdx=0xfffffffffffffffe rbx=0xffffffffffffffff
@undef cf pf af zf sf of
    div rbx

@snippet div_r64_small
@init rax=100 rdx=0 rbx=7
@undef cf pf af zf sf of
    div rbx

@snippet idiv_r64_neg
@init rax=0xffffffffffffff9c rdx=0xffffffffffffffff rbx=7
@undef cf pf af zf sf of
    idiv rbx

@snippet idiv_r64_negdiv
@init rax=100 rdx=0 rbx=0xfffffffffffffff9
@undef cf pf af zf sf of
    idiv rbx

@snippet idiv_r64_minq
@init rax=0x8000000000000000 rdx=0xffffffffffffffff rbx=1
@undef cf pf af zf sf of
    idiv rbx

@snippet div_r64_random
@undef cf pf af zf sf of
    xor edx, edx
    div rbx

@snippet idiv_r64_random
@undef cf pf af zf sf of
    cqo
    idiv rbx

@snippet div_r64_by_zero_faults
@init rax=1 rdx=0 rbx=0
@undef cf pf af zf sf of
@norandom checks the #DE of a zero divisor
    div rbx

@snippet div_mem64
@init rax=12345 rdx=0
@mem 0x40 u64:10
@undef cf pf af zf sf of
    div qword ptr [rsi+0x40]
