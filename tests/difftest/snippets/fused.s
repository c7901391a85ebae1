# Instruction pairs the translator emits together: (U)COMISS/SD whose flags are read only as
# CF/ZF/PF (the sign flag dead), register moves folded into the next instruction that writes
# their destination, compares folded into the conditional branch that reads them. Each snippet
# ends with flags that are dead (overwritten) or read, so both the fused and the ordinary paths
# are compared.
@syntax intel
@undef af
@init rsi=data xmm0=f64:1.5,-2.25 xmm1=f64:-0.0,4.0 xmm2=f64:nan,1.0 xmm3=f64:0.0,-1.0 xmm4=f64:1.5,7.0 xmm5=f32:1.5,nan,0.0,-1.0 xmm6=f32:-1.5,2.0,3.0,4.0

@snippet ucomisd_setcc_lt
    ucomisd xmm1, xmm0
    seta al
    setae bl
    setb cl
    setbe dl
    sete sil
    setne dil
    setp r8b
    setnp r9b
    xor r10d, r10d

@snippet ucomisd_setcc_gt
    ucomisd xmm0, xmm1
    seta al
    setae bl
    setb cl
    setbe dl
    sete sil
    setne dil
    setp r8b
    setnp r9b
    xor r10d, r10d

@snippet ucomisd_setcc_eq
    ucomisd xmm0, xmm4
    seta al
    setae bl
    setb cl
    setbe dl
    sete sil
    setne dil
    setp r8b
    setnp r9b
    xor r10d, r10d

@snippet ucomisd_setcc_zeros
    ucomisd xmm1, xmm3
    seta al
    setb cl
    sete sil
    setp r8b
    xor r10d, r10d

@snippet ucomisd_setcc_nan
    ucomisd xmm0, xmm2
    seta al
    setae bl
    setb cl
    setbe dl
    sete sil
    setne dil
    setp r8b
    setnp r9b
    xor r10d, r10d

@snippet comisd_setcc_nan_first
    comisd xmm2, xmm0
    seta al
    setae bl
    setb cl
    setbe dl
    sete sil
    setne dil
    setp r8b
    setnp r9b
    xor r10d, r10d

@snippet ucomiss_setcc_nan
    ucomiss xmm6, xmm5
    seta al
    setb cl
    sete sil
    setp r8b
    movss xmm7, xmm5
    shufps xmm7, xmm7, 1
    ucomiss xmm6, xmm7
    seta r11b
    setb r12b
    sete r13b
    setp r14b
    xor r10d, r10d

@snippet comiss_setcc_lt
    comiss xmm6, xmm5
    seta al
    setae bl
    setb cl
    setbe dl
    xor r10d, r10d

@snippet ucomisd_ja_branch
    ucomisd xmm0, xmm1
    ja 1f
    mov eax, 1
1:  xor ecx, ecx
    ucomisd xmm1, xmm0
    ja 2f
    mov ebx, 1
2:  xor ecx, ecx
    ucomisd xmm0, xmm2
    ja 3f
    mov edx, 1
3:  xor ecx, ecx

@snippet ucomisd_jp_jne_branch
    ucomisd xmm0, xmm4
    jp 1f
    jne 1f
    mov eax, 1
1:  ucomisd xmm0, xmm2
    jp 2f
    mov ebx, 1
2:  ucomisd xmm0, xmm1
    jbe 3f
    mov edx, 1
3:  xor ecx, ecx

@snippet ucomisd_flags_read_whole
    ucomisd xmm1, xmm0
    pushfq
    pop rax
    and eax, 0x8c5

@snippet mov_fused_rotates_and_logic
    mov r13d, ecx
    mov r14d, ecx
    ror r13d, 11
    and r14d, r11d
    mov eax, ecx
    not eax
    mov r12d, esi
    rol r12d, 10
    mov r15d, r9d
    xor r15d, r8d

@snippet mov_fused_with_flags
    mov rdx, rbx
    add rdx, rdx
    mov r8d, r9d
    neg r8d
    mov rsi, rdi
    shl rsi, 3
    mov r10, r11
    sub r10, rbx
    mov eax, ecx
    sar eax, 31

@snippet mov_fused_carried_past_others
    mov eax, ecx
    mov r13d, ecx
    lea r14d, [rax + rbx]
    mov edx, esi
    ror r13d, 13
    ror edx, 2
    ror eax, 6
    or eax, 1

@snippet rip_relative_constants_share_a_base
@mem 0x40 u64:0x1111111122222222,0x3333333344444444,0x5555555566666666,0x7777777788888888
# RIP-relative operands written as bytes: the displacement reaches DATA from CODE_ADDR, where
# the snippet starts (`as` would emit a relocation for [rip + absolute])
0:  .byte 0xf3, 0x0f, 0x6f, 0x05
    .long 0x1000040 - (1f - 0b)         # movdqu xmm0, [DATA+0x40]
1:  .byte 0x66, 0x0f, 0xfe, 0x05
    .long 0x1000050 - (2f - 0b)         # paddd xmm0, [DATA+0x50]
2:  .byte 0x48, 0x8b, 0x05
    .long 0x1000048 - (3f - 0b)         # mov rax, [DATA+0x48]
3:  .byte 0x01, 0x05
    .long 0x1000058 - (4f - 0b)         # add [DATA+0x58], eax
4:  .byte 0x48, 0x8d, 0x1d
    .long 0x1000100 - (5f - 0b)         # lea rbx, [DATA+0x100]
5:  .byte 0xf3, 0x0f, 0x7e, 0x0d
    .long 0x1001f00 - (6f - 0b)         # movq xmm1, [DATA+0x1f00]
6:  .byte 0x48, 0x8b, 0x0d
    .long 0x1000044 - (7f - 0b)         # mov rcx, [DATA+0x44]
7:  .byte 0xf3, 0x0f, 0x7f, 0x05
    .long 0x1000060 - (8f - 0b)         # movdqu [DATA+0x60], xmm0
8:  nop

@snippet cmp_zero_jne_folded
@mem 0x10 u8:0,7
@mem 0x18 u64:0,0x100000000
    cmp byte ptr [rsi + 0x10], 0
    jne 1f
    mov eax, 1
1:  cmp byte ptr [rsi + 0x11], 0
    jne 2f
    mov ebx, 1
2:  cmp qword ptr [rsi + 0x18], 0
    je 3f
    mov edx, 1
3:  cmp qword ptr [rsi + 0x20], 0
    je 4f
    mov edi, 1
4:  xor ecx, ecx

@snippet test_reg_je_folded
    test eax, eax
    je 1f
    mov r8d, 1
1:  test rbx, rbx
    jne 2f
    mov r9d, 1
2:  test rcx, rcx
    js 3f
    mov r10d, 1
3:  test dx, dx
    jns 4f
    mov r11d, 1
4:  test ah, ah
    js 5f
    mov r12d, 1
5:  cmp edi, 0
    jne 6f
    mov r13d, 1
6:  xor r14d, r14d

@snippet test_bit_jne_folded
    test al, 4
    jne 1f
    mov r8d, 1
1:  test ebx, 0x80000000
    je 2f
    mov r9d, 1
2:  test rcx, 0x40000
    jne 3f
    mov r10d, 1
3:  test bh, 0x10
    je 4f
    mov r11d, 1
4:  test byte ptr [rsi + 0x10], 2
    jne 5f
    mov r12d, 1
5:  xor r14d, r14d

@snippet test_jne_flags_still_read
    test eax, eax
    jne 1f
    mov r8d, 1
1:  setz cl
    cmp rbx, 0
    je 2f
    adc r9d, 0
2:  nop

@snippet xmm_moves_fold_across_others
    movdqa xmm2, xmm1
    movdqa xmm0, xmm1
    paddd xmm7, xmm1
    add eax, ebx
    punpcklwd xmm2, xmm7
    punpckhwd xmm0, xmm7
    movdqa xmm8, xmm3
    psrld xmm9, 3
    movaps xmm10, xmm9
    pxor xmm8, xmm8
    movdqa xmm11, xmm4
    por xmm12, xmm11
    pand xmm11, xmm5

@snippet fp_run_with_pointer_step
@init rbx=data rbp=data+0x40
@mem 0x20 f64:2.0,-3.0,0.5,nan
@mem 0x40 f64:1.25,inf,-0.0,4.0
    mulsd xmm1, xmm0
    add rbx, 0x10
    movupd xmm11, xmmword ptr [rbp]
    divsd xmm9, xmm1
    mulsd xmm9, xmm0
    sub rbp, 8
    addsd xmm1, xmm9
    mulpd xmm11, xmmword ptr [rbx + 0x10]
    addsd xmm4, xmm11
    movupd xmm3, xmmword ptr [rbp]
    xor ecx, ecx

@snippet scalar_upper_dead_after_a_jump
@init xmm0=f64:1.5,-2.25 xmm1=f64:3.0,7.5 xmm2=f64:-1.0,9.0 xmm5=f64:2.0,4.0
    mulsd xmm0, xmm1
    addsd xmm5, xmm0
    jmp 1f
    nop
1:  movapd xmm0, xmm2
    mulsd xmm5, xmm5
    test eax, eax
    jne 2f
    movapd xmm5, xmm1
2:  addsd xmm0, xmm5

@snippet setcc_movzx_same_register
@rand rax=0..4 rbx=0..4
    cmp rax, rbx
    setl al
    movzx eax, al
    setp r9b
    movzx r9, r9b
    setb sil
    movzx esi, sil
    setg dh
    movzx edx, dh
    seta cl
    movzx edi, cl

@snippet setcc_movzx_parity_and_inverted_carry
    sub rax, rbx
    setb r10b
    movzx r10d, r10b
    setnp r11b
    movzx r11d, r11b
    setae bl
    movzx ebx, bl

@snippet xmm_move_done_by_swapping_the_next_two
    movdqa xmm7, xmm2
    punpcklwd xmm2, xmm0
    punpckhwd xmm7, xmm0
    movdqa xmm1, xmm3
    paddw xmm3, xmm4
    psubw xmm1, xmm1
    movdqa xmm8, xmm9
    por xmm9, xmm10
    pandn xmm8, xmm11
    movdqa xmm12, xmm13
    pxor xmm13, xmm13
    psrlw xmm12, 3

@snippet xmm_move_not_swapped_when_dependent
    movdqa xmm7, xmm2
    punpcklwd xmm2, xmm7
    punpckhwd xmm7, xmm0
    movdqa xmm1, xmm3
    paddw xmm3, xmm4
    psubw xmm1, xmm3
    movdqa xmm8, xmm9
    por xmm9, xmmword ptr [rsi + 0x20]
    pandn xmm8, xmm11
    movapd xmm12, xmm13
    mulpd xmm13, xmm14
    unpckhpd xmm12, xmm14

@snippet scalar_move_fused_in_fp_run
@init rbx=data
@mem 0x20 f64:2.0,-3.0,0.5,nan
    movapd xmm0, xmm1
    sqrtsd xmm0, xmm0
    mulsd xmm1, xmm0
    movapd xmm6, xmm5
    mulsd xmm6, xmm5
    addsd xmm1, xmm6
    movapd xmm9, xmm2
    divsd xmm9, xmm1
    movapd xmm7, xmm2
    subsd xmm7, xmm3
    addsd xmm4, xmm7
    movupd xmm0, xmmword ptr [rbx + 0x20]
    movapd xmm6, xmm4
    movapd xmm1, xmm0
    xor ecx, ecx

@snippet scalar_upper_dead_through_a_copy
@init rbx=data
@mem 0x20 f64:2.0,-3.0,0.5,nan
    mulsd xmm1, xmm2
    mulsd xmm1, xmm3
    addsd xmm1, xmm2
    movapd xmm0, xmm1
    sqrtsd xmm0, xmm0
    addsd xmm4, xmm0
    movapd xmm8, xmm4
    movapd xmm1, xmm5
    movupd xmm0, xmmword ptr [rbx + 0x20]
    xor ecx, ecx

@snippet scalar_chain_one_lane_insert
@init rbx=data
@mem 0x20 f64:2.0,-3.0,0.5,nan
    mulsd xmm1, xmm6
    movapd xmm5, xmm7
    movapd xmm0, xmm5
    mulsd xmm0, xmm5
    addsd xmm1, xmm0
    mulpd xmm3, xmm2
    addsd xmm1, xmm1
    sqrtsd xmm1, xmm1
    divsd xmm4, xmm2
    subsd xmm4, xmm4
    movupd xmm0, xmmword ptr [rbx + 0x20]
    xor ecx, ecx

@snippet scalar_chain_broken_by_a_read_or_a_load
@init rbx=data
@mem 0x20 f64:2.0,-3.0,0.5,nan
    mulsd xmm1, xmm6
    movapd xmm2, xmm1
    addsd xmm1, xmm0
    subsd xmm3, xmm6
    movsd xmm5, qword ptr [rbx + 0x20]
    addsd xmm3, xmm0
    mulsd xmm4, xmm6
    addsd xmm4, qword ptr [rbx + 0x28]
    unpcklpd xmm7, xmm1
    xor ecx, ecx

@snippet scalar_upper_known_zero_in_fp_run
@init rbx=data
@mem 0x20 f64:2.0,-3.0,0.5,nan
    movsd xmm0, qword ptr [rbx + 0x20]
    mulsd xmm0, xmm2
    addsd xmm0, qword ptr [rbx + 0x28]
    pxor xmm5, xmm5
    addsd xmm5, xmm1
    mulsd xmm5, xmm2
    movq xmm7, rcx
    movapd xmm8, xmm7
    divsd xmm8, xmm3
    subsd xmm8, xmm1
    movsd xmm6, xmm1
    mulsd xmm6, xmm2
    addsd xmm6, xmm3
    movsd qword ptr [rbx + 0x30], xmm0
    xor ecx, ecx

@snippet xmm_move_folds_within_fp_run
@init rbx=data
@mem 0x20 f64:2.0,-3.0,0.5,nan
    movupd xmm5, xmmword ptr [rbx + 0x20]
    subpd xmm6, xmm5
    movapd xmm5, xmm6
    movapd xmm1, xmm6
    mulsd xmm1, xmm6
    unpckhpd xmm5, xmm5
    movapd xmm9, xmm2
    mulpd xmm3, xmm4
    addsd xmm1, xmm3
    divsd xmm9, xmm1
    movapd xmm10, xmm4
    mulsd xmm1, xmm2
    mulpd xmm10, xmm7
    movapd xmm0, xmm5
    mulsd xmm0, xmm0
    addsd xmm1, xmm0
    movupd xmm0, xmmword ptr [rbx + 0x20]
    xor ecx, ecx
