# 8/16-bit partial registers (AH..BH, SIL/DIL/BPL/SPL, R8B..), MOVZX/MOVSX/MOVSXD, sign
# extensions (CBW..CQO), XCHG, LEA address forms and MOV widths: 8/16-bit writes keep the upper
# bits, 32-bit writes zero them.
@syntax intel
@undef none

@snippet mov_ah_al
    mov ah, al

@snippet mov_ah_cl
    mov ah, cl

@snippet mov_ah_dl
    mov ah, dl

@snippet mov_ah_bl
    mov ah, bl

@snippet movzx_r32_ah
    movzx esi, ah

@snippet movsx_r64_ah
@init rax=0x8000 rcx=0x8100 rdx=0xff00 rbx=0x7f00
    movsx edi, ah

@snippet xchg_ah_al
    xchg ah, al

@snippet inc_ah
@init rax=0xff00 rbx=0x7f00 rcx=0x8000 rdx=0x0100
    inc ah

@snippet mov_ch_al
    mov ch, al

@snippet mov_ch_cl
    mov ch, cl

@snippet mov_ch_dl
    mov ch, dl

@snippet mov_ch_bl
    mov ch, bl

@snippet movzx_r32_ch
    movzx esi, ch

@snippet movsx_r64_ch
@init rax=0x8000 rcx=0x8100 rdx=0xff00 rbx=0x7f00
    movsx edi, ch

@snippet xchg_ch_al
    xchg ch, al

@snippet inc_ch
@init rax=0xff00 rbx=0x7f00 rcx=0x8000 rdx=0x0100
    inc ch

@snippet mov_dh_al
    mov dh, al

@snippet mov_dh_cl
    mov dh, cl

@snippet mov_dh_dl
    mov dh, dl

@snippet mov_dh_bl
    mov dh, bl

@snippet movzx_r32_dh
    movzx esi, dh

@snippet movsx_r64_dh
@init rax=0x8000 rcx=0x8100 rdx=0xff00 rbx=0x7f00
    movsx edi, dh

@snippet xchg_dh_al
    xchg dh, al

@snippet inc_dh
@init rax=0xff00 rbx=0x7f00 rcx=0x8000 rdx=0x0100
    inc dh

@snippet mov_bh_al
    mov bh, al

@snippet mov_bh_cl
    mov bh, cl

@snippet mov_bh_dl
    mov bh, dl

@snippet mov_bh_bl
    mov bh, bl

@snippet movzx_r32_bh
    movzx esi, bh

@snippet movsx_r64_bh
@init rax=0x8000 rcx=0x8100 rdx=0xff00 rbx=0x7f00
    movsx edi, bh

@snippet xchg_bh_al
    xchg bh, al

@snippet inc_bh
@init rax=0xff00 rbx=0x7f00 rcx=0x8000 rdx=0x0100
    inc bh

@snippet mov_sil_imm
    mov sil, 0x5a

@snippet mov_dil_imm
    mov dil, 0x5a

@snippet mov_bpl_imm
    mov bpl, 0x5a

@snippet mov_spl_imm
    mov spl, 0x5a

@snippet mov_r8b_imm
    mov r8b, 0x5a

@snippet mov_r15b_imm
    mov r15b, 0x5a

@snippet mov_r16_keeps_upper
    mov ax, bx
    mov cx, 0xffff

@snippet mov_r32_zeroes_upper
    mov eax, ebx
    mov ecx, 0xffffffff

@snippet movzx_r64_r16
@init rbx=0xffff8001 rdx=0x1234ffff
    movzx rax, bx
    movzx ecx, dx

@snippet movsx_r64_r16
@init rbx=0xffff8001 rdx=0x1234ffff
    movsx rax, bx
    movsx ecx, dx
    movsx r8w, dl

@snippet movsxd_r64
@init rbx=0x80000000
    movsxd rax, ebx
    movsxd rcx, dword ptr [rsp-8]

@snippet cbw_cwde_cdqe
@init rax=0x1234abcd9880
    cbw
    mov ecx, eax
    cwde
    mov edx, eax
    cdqe

@snippet cwd_cdq_cqo
@init rax=0x8000000080008000
    cwd
    mov r8, rdx
    cdq
    mov r9, rdx
    cqo

@snippet xchg_r16
    xchg ax, bx
    xchg r8d, r9d

@snippet add_ah_al_chain
@init rax=0x80f0 rbx=0x1000 rcx=0x7f00
    add ah, al
    adc bh, ah
    sub ch, bh

@snippet lea_forms
@ignore r9
    lea rax, [rbx+rcx*4+0x10]
    lea edx, [rbx+rcx*8-1]
    lea r8w, [rsi+rdi]
    lea r9, [rip+0x100]

@snippet lea_r32_wraps
@init rbx=0xffffffff rcx=2
    lea eax, [rbx+rcx]

@snippet mov_movabs
    movabs rax, 0x123456789abcdef0
    mov ebx, -1
    mov rcx, -1
    mov dx, -2

@snippet mov_mem_forms
    mov [rsp-16], rax
    mov ebx, [rsp-16]
    mov byte ptr [rsp-12], ah
    mov cx, [rsp-13]
