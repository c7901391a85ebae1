# Neighbouring accesses to adjacent slots that the translator does with one LDP/STP
# (xlate/src/emit/pairs.rs): PUSH/PUSH, PUSH/CALL, POP/POP, POP/RET, MOV loads with MOV loads
# and ALU operand loads, MOV stores; each with the instructions between them that keep the
# pair, and the forms that must not pair (the second register changed or read in between, the
# base changed, RSP used in between). AF is undefined after the logic instructions and IMUL.
@syntax intel
@undef af
@init rsi=data+0x100 rdi=data+0x200
@mem 0x100 u64:0x1111111111111111,0x2222222222222222,0x3333333333333333,0x8000000000000001
@mem 0x200 u32:0x80000000,0x7fffffff,5,0xfffffffb

@snippet pair_push_push_pop_pop
    push r12
    mov r12, rdi
    push rbp
    xor ebp, ebp
    pop rax
    pop rbx

@snippet pair_push_imm
    push 5
    push -1
    pop rcx
    pop rdx

@snippet pair_push_second_changed_between
    push rax
    mov rbx, rcx
    push rbx
    pop rdx
    pop r8

@snippet pair_push_rsp_read_between
    push rax
    mov rcx, rsp
    push rbx
    pop rdx
    pop r8

@snippet pair_prologue_call_epilogue
    push r12
    mov r12, rdi
    push rbp
    xor ebp, ebp
    push rbx
    mov rbx, rcx
    lea rdi, [rbx-1]
    sub rbx, 2
    call 1f
    jmp 2f
1:  mov rax, [rsp]
    ret
2:  and r12d, 1
    pop rbx
    lea rax, [r12+rbp]
    pop rbp
    pop r12

@snippet pair_pop_ret
    lea rax, [rip+1f]
    push rax
    push rcx
    pop rdx
    ret
    int3
1:  nop

@snippet pair_pop_second_read_between
    push rax
    push rbx
    pop rcx
    lea rdx, [rax+1]
    pop rax

@snippet pair_load_add_mem
    mov rax, [rsi+8]
    add [rsi], rax

@snippet pair_load_sub_and_or_xor_mem
    mov rax, [rsi+24]
    sub [rsi+16], rax
    mov rcx, [rsi+8]
    and [rsi], rcx
    mov rdx, [rsi+16]
    or [rsi+24], rdx
    mov r8, [rsi]
    xor [rsi+8], r8

@snippet pair_load_cmp_test_imul
    mov rax, [rsi+24]
    cmp rax, [rsi+16]
    setl bl
    mov rcx, [rsi+8]
    test [rsi+16], rcx
    setnz dl
    mov r8, [rsi]
    imul r8, [rsi+8]

@snippet pair_load_cmp_branch
    mov rax, [rsi+8]
    cmp qword ptr [rsi], 0
    jne 1f
    mov rbx, 1
1:  nop

@snippet pair_load_load_32
    mov eax, [rdi+4]
    add ecx, 1
    mov edx, [rdi]
    mov r8d, [rdi+8]
    sub r8d, [rdi+12]

@snippet pair_load_adc_sbb
@init flags=cf
    mov rax, [rsi+8]
    adc rax, [rsi]
    mov rcx, [rsi+24]
    sbb rcx, [rsi+16]

@snippet pair_load_into_base
    mov rax, [rsi+8]
    mov rsi, [rsi]

@snippet pair_load_base_changed_between
    mov rax, [rsi+8]
    add rsi, 8
    add [rsi], rax

@snippet pair_load_second_read_between
    mov rax, [rsi]
    lea rcx, [rdx+1]
    mov rdx, [rsi+8]

@snippet pair_store_store
    mov [rsi], rax
    mov [rsi+8], rbx
    mov dword ptr [rdi+4], 0
    mov [rdi], ecx
    mov qword ptr [rsi+24], -2
    mov qword ptr [rsi+16], 7

@snippet pair_store_second_changed_between
    mov [rsi+8], rax
    mov rbx, rcx
    mov [rsi], rbx

@snippet pair_store_base_changed_between
    mov [rsi], rax
    lea rsi, [rsi+8]
    mov [rsi+8], rbx
