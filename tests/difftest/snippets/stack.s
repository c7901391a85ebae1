# PUSH / POP (registers, immediates, memory, RSP itself), PUSHF / POPF, CALL / RET (direct,
# indirect, with immediate), jump tables, ENTER / LEAVE, LOOP / LOOPcc / JRCXZ, recursion.
@syntax intel
@undef none

@snippet push_pop_r64
    push rax
    push rbx
    pop rcx
    pop rdx

@snippet push_pop_r16
    push ax
    pop cx

@snippet push_imm8_imm32
    push -1
    push 0x7fffffff
    pop rax
    pop rbx

@snippet push_pop_mem
@init rsi=data
    push qword ptr [rsi]
    pop qword ptr [rsi+8]

@snippet push_rsp_pop_rsp
    push rsp
    pop rax
    push rax
    pop rsp

@snippet pushf_popf_arith
@init rbx=0xcd5 flags=cf,zf
@pin rbx
    pushfq
    pop rax
    push rbx
    popfq

@snippet popf_df
@init rbx=0x400
@pin rbx
    push rbx
    popfq
    cld

@snippet pushf_w
@init flags=of,sf
@norandom the popped word carries IF/bit 1 too
    pushf
    pop ax

@snippet call_ret
    call 1f
    jmp 2f
    1: mov eax, 7
    ret
    2: add eax, 1

@snippet call_ret_imm
    call 1f
    jmp 2f
    1: mov eax, 7
    ret 16
    2: add eax, 1

@snippet call_indirect_reg
@pin rbx
    lea rbx, [rip+1f]
    call rbx
    jmp 2f
    1: mov ecx, 5
    ret
    2: nop

@snippet call_indirect_mem
@init rsi=data
    lea rbx, [rip+1f]
    mov [rsi], rbx
    call qword ptr [rsi]
    jmp 2f
    1: mov ecx, 5
    ret
    2: nop

@snippet jmp_indirect_table
@init rdx=1
@rand rdx=0..2
    lea rbx, [rip+3f]
    movsxd rcx, dword ptr [rbx+rdx*4]
    add rcx, rbx
    jmp rcx
    1: mov eax, 1
    jmp 4f
    2: mov eax, 2
    jmp 4f
    3: .long 1b-3b, 2b-3b
    4: nop

@snippet enter_leave
    enter 32, 0
    mov qword ptr [rbp-8], rax
    leave

@snippet enter_nested
@init rbp=stack+0x40
    enter 16, 2
    leave

@snippet leave_only
    mov rbp, rsp
    sub rsp, 64
    push rax
    leave

@snippet recursive_calls
@init rax=0
    mov ecx, 10
    call 1f
    jmp 3f
    1: dec ecx
    jz 2f
    push rcx
    call 1b
    pop rcx
    add eax, ecx
    2: ret
    3: nop

@snippet loop_loope_loopne
@init rax=0
    mov ecx, 5
    1: inc eax
    loop 1b
    mov ecx, 5
    2: cmp eax, 7
    loopne 2b

@snippet jrcxz_jecxz
@init rcx=0x100000000
    jrcxz 1f
    mov eax, 1
    1: jecxz 2f
    mov ebx, 1
    2: nop

@snippet push_pop_fs_like_r15
    push r15
    push r8
    pop r15
    pop r8
