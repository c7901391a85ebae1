# Loops that branch back to the start of their own block. The translator gives such a block a
# preheader that loads the loop's stored constant (x18) and RIP base (x27) once; the back edge
# enters after it, unless a helper call in the body may have clobbered them (then it enters at
# the start and the preheader runs again). Each loop starts a block of its own (after a jmp).
@syntax intel
@init rdi=data

@snippet loop_stores_a_constant
@pin rcx rdx
@init rdx=3
    xor ecx, ecx
    jmp 1f
1:  mov byte ptr [rdi + rcx], 1
    add rcx, rdx
    cmp rcx, 200
    jb 1b
    mov word ptr [rdi + 0x300], 0x1234

@snippet loop_stores_two_constants
@pin rcx
    xor ecx, ecx
    jmp 1f
1:  mov dword ptr [rdi + rcx*4], 0x89abcdef
    mov qword ptr [rdi + rcx*8 + 0x100], -2
    mov byte ptr [rdi + rcx + 0x300], 0xef
    inc rcx
    cmp rcx, 16
    jne 1b

@snippet loop_with_a_helper_call_reloads_its_constant
@pin rcx rbx
@init rbx=7
@undef cf,pf,af,zf,sf,of
    xor ecx, ecx
    jmp 1f
1:  mov dword ptr [rdi + rcx*4], 0x12345678
    mov edx, 1
    mov rax, rcx
    div rbx
    mov dword ptr [rdi + rcx*4 + 0x100], 0x12345678
    mov qword ptr [rdi + rcx*8 + 0x200], rax
    mov qword ptr [rdi + rcx*8 + 0x300], rdx
    inc rcx
    cmp rcx, 12
    jne 1b

@snippet loop_with_rip_relative_constants
@pin rcx
@mem 0x40 u64:0x0102030405060708,0x1112131415161718
0:  xor ecx, ecx
    jmp 1f
1:  .byte 0x66, 0x0f, 0xd4, 0x05
    .long 0x1000040 - (2f - 0b)         # paddq xmm0, [DATA+0x40]
2:  .byte 0x48, 0x03, 0x05
    .long 0x1000048 - (3f - 0b)         # add rax, [DATA+0x48]
3:  mov byte ptr [rdi + rcx + 0x80], 0x5a
    add rcx, 1
    cmp rcx, 5
    jne 1b

@snippet loop_with_rip_relative_constants_and_a_helper_call
@pin rcx rbx
@init rbx=5
@undef cf,pf,af,zf,sf,of
@mem 0x40 u64:0x0102030405060708,0x1112131415161718
0:  xor ecx, ecx
    jmp 1f
1:  .byte 0x66, 0x0f, 0xd4, 0x05
    .long 0x1000040 - (2f - 0b)         # paddq xmm0, [DATA+0x40]
2:  mov edx, 1
    mov rax, rcx
    div rbx
    mov qword ptr [rdi + rcx*8 + 0x200], rax
    add rcx, 1
    cmp rcx, 5
    jne 1b

@snippet loop_reads_a_table_at_a_large_displacement
@pin rsi rcx
@init rsi=data
@mem 0x1000 u32:1,2,3,4,5,6,7,8
    xor ecx, ecx
    xor eax, eax
    jmp 1f
1:  add eax, dword ptr [rsi + 0x1000]
    mov dword ptr [rsi + 0x1400], eax
    movsx rdx, word ptr [rsi + 0x1002]
    add rsi, 4
    inc ecx
    cmp ecx, 8
    jne 1b
