# LOCK-prefixed read-modify-write, CMPXCHG (success, failure, 32-bit zero extension rules),
# CMPXCHG8B / CMPXCHG16B, XADD, XCHG, fences. Flags are those of the underlying operation.
@syntax intel
@undef none
@init rsi=data+0x400

@snippet cmpxchg_mem8_success
@init rax=0x0807060504030201 rbx=0x5555555555555555
@mem 0 u64:0x0807060504030201
    lock cmpxchg byte ptr [rsi], bl

@snippet cmpxchg_mem8_fail
@init rax=0x1111111111111111 rbx=0x5555555555555555
    lock cmpxchg byte ptr [rsi], bl

@snippet cmpxchg_r8
@init rax=0x4242 rcx=0x4242 rbx=0x99
    cmpxchg cl, bl

@snippet xadd_mem8
@init rbx=0xffffffffffffffff
    lock xadd byte ptr [rsi+8], bl

@snippet xchg_mem8
    xchg byte ptr [rsi+16], bl

@snippet lock_add_mem8
@init rbx=0x8080808080808080
    lock add byte ptr [rsi+24], bl

@snippet lock_sub_mem8
    lock sub byte ptr [rsi+24], bl

@snippet lock_and_or_xor_mem8
@undef af
    lock and byte ptr [rsi+32], bl
    lock or byte ptr [rsi+40], cl
    lock xor byte ptr [rsi+48], dl

@snippet lock_inc_dec_neg_not_mem8
    lock inc byte ptr [rsi+56]
    lock dec byte ptr [rsi+64]
    lock neg byte ptr [rsi+72]
    lock not byte ptr [rsi+80]

@snippet cmpxchg_mem16_success
@init rax=0x0807060504030201 rbx=0x5555555555555555
@mem 0 u64:0x0807060504030201
    lock cmpxchg word ptr [rsi], bx

@snippet cmpxchg_mem16_fail
@init rax=0x1111111111111111 rbx=0x5555555555555555
    lock cmpxchg word ptr [rsi], bx

@snippet cmpxchg_r16
@init rax=0x4242 rcx=0x4242 rbx=0x99
    cmpxchg cx, bx

@snippet xadd_mem16
@init rbx=0xffffffffffffffff
    lock xadd word ptr [rsi+8], bx

@snippet xchg_mem16
    xchg word ptr [rsi+16], bx

@snippet lock_add_mem16
@init rbx=0x8080808080808080
    lock add word ptr [rsi+24], bx

@snippet lock_sub_mem16
    lock sub word ptr [rsi+24], bx

@snippet lock_and_or_xor_mem16
@undef af
    lock and word ptr [rsi+32], bx
    lock or word ptr [rsi+40], cx
    lock xor word ptr [rsi+48], dx

@snippet lock_inc_dec_neg_not_mem16
    lock inc word ptr [rsi+56]
    lock dec word ptr [rsi+64]
    lock neg word ptr [rsi+72]
    lock not word ptr [rsi+80]

@snippet cmpxchg_mem32_success
@init rax=0x0807060504030201 rbx=0x5555555555555555
@mem 0 u64:0x0807060504030201
    lock cmpxchg dword ptr [rsi], ebx

@snippet cmpxchg_mem32_fail
@init rax=0x1111111111111111 rbx=0x5555555555555555
    lock cmpxchg dword ptr [rsi], ebx

@snippet cmpxchg_r32
@init rax=0x4242 rcx=0x4242 rbx=0x99
    cmpxchg ecx, ebx

@snippet xadd_mem32
@init rbx=0xffffffffffffffff
    lock xadd dword ptr [rsi+8], ebx

@snippet xchg_mem32
    xchg dword ptr [rsi+16], ebx

@snippet lock_add_mem32
@init rbx=0x8080808080808080
    lock add dword ptr [rsi+24], ebx

@snippet lock_sub_mem32
    lock sub dword ptr [rsi+24], ebx

@snippet lock_and_or_xor_mem32
@undef af
    lock and dword ptr [rsi+32], ebx
    lock or dword ptr [rsi+40], ecx
    lock xor dword ptr [rsi+48], edx

@snippet lock_inc_dec_neg_not_mem32
    lock inc dword ptr [rsi+56]
    lock dec dword ptr [rsi+64]
    lock neg dword ptr [rsi+72]
    lock not dword ptr [rsi+80]

@snippet cmpxchg_mem64_success
@init rax=0x0807060504030201 rbx=0x5555555555555555
@mem 0 u64:0x0807060504030201
    lock cmpxchg qword ptr [rsi], rbx

@snippet cmpxchg_mem64_fail
@init rax=0x1111111111111111 rbx=0x5555555555555555
    lock cmpxchg qword ptr [rsi], rbx

@snippet cmpxchg_r64
@init rax=0x4242 rcx=0x4242 rbx=0x99
    cmpxchg rcx, rbx

@snippet xadd_mem64
@init rbx=0xffffffffffffffff
    lock xadd qword ptr [rsi+8], rbx

@snippet xchg_mem64
    xchg qword ptr [rsi+16], rbx

@snippet lock_add_mem64
@init rbx=0x8080808080808080
    lock add qword ptr [rsi+24], rbx

@snippet lock_sub_mem64
    lock sub qword ptr [rsi+24], rbx

@snippet lock_and_or_xor_mem64
@undef af
    lock and qword ptr [rsi+32], rbx
    lock or qword ptr [rsi+40], rcx
    lock xor qword ptr [rsi+48], rdx

@snippet lock_inc_dec_neg_not_mem64
    lock inc qword ptr [rsi+56]
    lock dec qword ptr [rsi+64]
    lock neg qword ptr [rsi+72]
    lock not qword ptr [rsi+80]

@snippet cmpxchg_r32_fail_zero_extends_eax
@init rax=0xffffffff00000001 rcx=0xffffffff00000002
    cmpxchg ecx, ebx

@snippet cmpxchg_r32_success_upper_of_dest
@init rax=0xffffffff00000002 rcx=0xffffffff00000002 rbx=0xaaaaaaaa12345678
    cmpxchg ecx, ebx

@snippet cmpxchg8b_success
@init rax=0x04030201 rdx=0x08070605 rbx=0x11111111 rcx=0x22222222
@mem 0 u64:0x0807060504030201
    lock cmpxchg8b qword ptr [rsi]

@snippet cmpxchg8b_fail
@init rax=1 rdx=2 rbx=0x11111111 rcx=0x22222222
    lock cmpxchg8b qword ptr [rsi]

@snippet cmpxchg16b_success
@init rax=0x0807060504030201 rdx=0x100f0e0d0c0b0a09 rbx=0x1111 rcx=0x2222
@mem 0x40 u64:0x0807060504030201,0x100f0e0d0c0b0a09
    lock cmpxchg16b xmmword ptr [rsi+0x40]

@snippet cmpxchg16b_fail
@init rax=1 rdx=2 rbx=0x1111 rcx=0x2222
    lock cmpxchg16b xmmword ptr [rsi+0x40]

@snippet xchg_r64_r64
    xchg rax, rbx
    xchg ecx, edx

@snippet mfence_lfence_sfence_pause
    mfence
    lfence
    sfence
    pause
    add rax, 1
