# AND / OR / XOR / TEST / NOT: CF=OF=0, SF/ZF/PF from the result, AF undefined.
@syntax intel
@undef af
@init rsi=data

@snippet and_r64_zero
@init rax=0xf0f0f0f0f0f0f0f0 rbx=0x0f0f0f0f0f0f0f0f flags=cf,of
    and rax, rbx

@snippet or_r32_sign
@init rax=0x80000000 rbx=1
    or eax, ebx

@snippet xor_self
@init rax=0x1234
    xor eax, eax

@snippet test_r8_parity
@init rax=0x03
    test al, 0xff

@snippet not_r64_flags_untouched
@init rax=0 flags=cf,zf,sf,of,pf,af
@undef none
    not rax

@snippet and_mem16
@mem 0x20 u16:0x8001
@init rax=0xffff
    and word ptr [rsi+0x20], ax
