# Blocks that go on past conditional branches (side exits): the taken side leaves the block out
# of line, the fall-through goes on in it. Each snippet runs both sides (directed cases pick one
# each, random cases either): flags and XMM upper halves live only at the branch target must
# survive on the taken side (carry polarity fixed on the exit path), compares fold into a side
# exit only when the flags are dead on both sides, and a fault after a side exit reports precise
# state.
@syntax intel
@undef af
@init rsi=data

@snippet side_exit_carry_live_at_target
# first pass taken, second pass (rax = rbx) not taken
@init rax=5 rbx=7 rcx=0x10 rdi=2
@pin rdi
3:  cmp rax, rbx
    jne 1f
    add rcx, 1
    xor edx, edx
1:  adc rcx, 0
    setb dl
    mov rax, rbx
    dec rdi
    jnz 3b

@snippet side_exit_inverted_carry_on_both_sides
# first pass not taken, second pass (rax and rbx swapped) taken
@init rax=3 rbx=9 rcx=1 rdx=2 rdi=2
@pin rdi
3:  cmp rax, rbx
    ja 1f
    adc rcx, 0
    jb 2f
    inc rcx
1:  sbb rdx, rdx
2:  setc r8b
    sete r9b
    xchg rax, rbx
    dec rdi
    jnz 3b

@snippet side_exit_folded_compare_flags_dead
@init rax=4 rbx=4 rcx=7 rdx=8
    cmp rax, rbx
    jne 1f
    xor ecx, ecx
    test rdx, rdx
    je 2f
    xor edx, edx
1:  xor r8d, r8d
2:  xor r9d, r9d

@snippet side_exit_compare_not_folded_flags_live_at_target
@init rax=4 rbx=5
    cmp rax, rbx
    jne 1f
    xor ecx, ecx
1:  nop

@snippet side_exit_parity
@init rax=0x3 rcx=0
    test al, al
    jp 1f
    add rcx, 2
    test al, 1
    jnp 1f
    add rcx, 4
1:  add rcx, 1

@snippet side_exit_loop_back_to_block_start
@init rcx=5 rax=0
@rand rcx=0..9
2:  add rax, rcx
    dec rcx
    jg 2b
    add rax, 100

@snippet side_exit_xmm_upper_halves
# an FP run, whose scalar results may drop an upper half nothing reads: xmm0's is read only at
# the side exit's target, xmm2's on neither side; first pass not taken, second pass taken (its
# results are the ones left to compare)
@init rax=0 rdi=2 xmm0=f64:1.5,-2.25 xmm1=f64:4.0,8.0 xmm2=f64:-3.0,0.75 xmm3=f64:0.5,0.25
@pin rdi
3:  addsd xmm0, xmm1
    mulsd xmm0, xmm1
    subsd xmm2, xmm3
    mulsd xmm2, xmm1
    test eax, eax
    jne 1f
    movapd xmm0, xmm3
    movapd xmm2, xmm1
    jmp 2f
1:  movapd xmm2, xmm3
2:  mov eax, 1
    dec rdi
    jnz 3b

@snippet side_exit_then_div_faults
@init rax=1 rbx=2 rcx=3 rdx=0 r8=0
@undef cf pf af zf sf of
@norandom checks the #DE of a zero divisor after a not-taken side exit
    cmp rax, rbx
    je 1f
    add rcx, 5
    sub rbx, rax
    div r8
1:  nop
