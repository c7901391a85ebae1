# AND / OR / XOR / TEST / NOT: CF=OF=0, SF/ZF/PF from the result, AF undefined.
# NOT changes no flag.
@syntax intel
@undef af
@init rsi=data

@snippet and_r8_zero
@init rax=0xdeadbeefcafefe00 rbx=0xdeadbeefcafefe00 flags=cf,of
    and al, bl

@snippet and_r8_smax_1
@init rax=0xdeadbeefcafefe7f rbx=0xdeadbeefcafefe01 flags=cf,of
    and al, bl

@snippet and_r8_smin_m1
@init rax=0xdeadbeefcafefe80 rbx=0xdeadbeefcafefeff flags=cf,of
    and al, bl

@snippet and_r8_alt
@init rax=0xdeadbeefcafefe55 rbx=0xdeadbeefcafefeaa flags=cf,of
    and al, bl

@snippet and_r8_eq
@init rax=0xdeadbeefcafefeef rbx=0xdeadbeefcafefeef flags=cf,of
    and al, bl

@snippet and_r8_mixed
@init rax=0xdeadbeefcafefe10 rbx=0xdeadbeefcafefeef flags=cf,of
    and al, bl

@snippet and_r16_zero
@init rax=0xdeadbeefcafe0000 rbx=0xdeadbeefcafe0000 flags=cf,of
    and ax, bx

@snippet and_r16_smax_1
@init rax=0xdeadbeefcafe7fff rbx=0xdeadbeefcafe0001 flags=cf,of
    and ax, bx

@snippet and_r16_smin_m1
@init rax=0xdeadbeefcafe8000 rbx=0xdeadbeefcafeffff flags=cf,of
    and ax, bx

@snippet and_r16_alt
@init rax=0xdeadbeefcafe5555 rbx=0xdeadbeefcafeaaaa flags=cf,of
    and ax, bx

@snippet and_r16_eq
@init rax=0xdeadbeefcafecdef rbx=0xdeadbeefcafecdef flags=cf,of
    and ax, bx

@snippet and_r16_mixed
@init rax=0xdeadbeefcafe3210 rbx=0xdeadbeefcafecdef flags=cf,of
    and ax, bx

@snippet and_r32_zero
@init rax=0xdeadbeef00000000 rbx=0xdeadbeef00000000 flags=cf,of
    and eax, ebx

@snippet and_r32_smax_1
@init rax=0xdeadbeef7fffffff rbx=0xdeadbeef00000001 flags=cf,of
    and eax, ebx

@snippet and_r32_smin_m1
@init rax=0xdeadbeef80000000 rbx=0xdeadbeefffffffff flags=cf,of
    and eax, ebx

@snippet and_r32_alt
@init rax=0xdeadbeef55555555 rbx=0xdeadbeefaaaaaaaa flags=cf,of
    and eax, ebx

@snippet and_r32_eq
@init rax=0xdeadbeef90abcdef rbx=0xdeadbeef90abcdef flags=cf,of
    and eax, ebx

@snippet and_r32_mixed
@init rax=0xdeadbeef76543210 rbx=0xdeadbeef89abcdef flags=cf,of
    and eax, ebx

@snippet and_r64_zero
@init rax=0x0 rbx=0x0 flags=cf,of
    and rax, rbx

@snippet and_r64_smax_1
@init rax=0x7fffffffffffffff rbx=0x1 flags=cf,of
    and rax, rbx

@snippet and_r64_smin_m1
@init rax=0x8000000000000000 rbx=0xffffffffffffffff flags=cf,of
    and rax, rbx

@snippet and_r64_alt
@init rax=0x5555555555555555 rbx=0xaaaaaaaaaaaaaaaa flags=cf,of
    and rax, rbx

@snippet and_r64_eq
@init rax=0x1234567890abcdef rbx=0x1234567890abcdef flags=cf,of
    and rax, rbx

@snippet and_r64_mixed
@init rax=0xfedcba9876543210 rbx=0x123456789abcdef flags=cf,of
    and rax, rbx

@snippet and_r64_imm_sext
@init rax=0x8000000000000001
    and rax, -2

@snippet and_mem32_r
@init rbx=0xf0f0f0f0
@mem 4 u32:0xff00ff00
    and dword ptr [rsi+4], ebx

@snippet and_ah_imm
@init rax=0x8000
    and ah, 0x81

@snippet or_r8_zero
@init rax=0xdeadbeefcafefe00 rbx=0xdeadbeefcafefe00 flags=cf,of
    or al, bl

@snippet or_r8_smax_1
@init rax=0xdeadbeefcafefe7f rbx=0xdeadbeefcafefe01 flags=cf,of
    or al, bl

@snippet or_r8_smin_m1
@init rax=0xdeadbeefcafefe80 rbx=0xdeadbeefcafefeff flags=cf,of
    or al, bl

@snippet or_r8_alt
@init rax=0xdeadbeefcafefe55 rbx=0xdeadbeefcafefeaa flags=cf,of
    or al, bl

@snippet or_r8_eq
@init rax=0xdeadbeefcafefeef rbx=0xdeadbeefcafefeef flags=cf,of
    or al, bl

@snippet or_r8_mixed
@init rax=0xdeadbeefcafefe10 rbx=0xdeadbeefcafefeef flags=cf,of
    or al, bl

@snippet or_r16_zero
@init rax=0xdeadbeefcafe0000 rbx=0xdeadbeefcafe0000 flags=cf,of
    or ax, bx

@snippet or_r16_smax_1
@init rax=0xdeadbeefcafe7fff rbx=0xdeadbeefcafe0001 flags=cf,of
    or ax, bx

@snippet or_r16_smin_m1
@init rax=0xdeadbeefcafe8000 rbx=0xdeadbeefcafeffff flags=cf,of
    or ax, bx

@snippet or_r16_alt
@init rax=0xdeadbeefcafe5555 rbx=0xdeadbeefcafeaaaa flags=cf,of
    or ax, bx

@snippet or_r16_eq
@init rax=0xdeadbeefcafecdef rbx=0xdeadbeefcafecdef flags=cf,of
    or ax, bx

@snippet or_r16_mixed
@init rax=0xdeadbeefcafe3210 rbx=0xdeadbeefcafecdef flags=cf,of
    or ax, bx

@snippet or_r32_zero
@init rax=0xdeadbeef00000000 rbx=0xdeadbeef00000000 flags=cf,of
    or eax, ebx

@snippet or_r32_smax_1
@init rax=0xdeadbeef7fffffff rbx=0xdeadbeef00000001 flags=cf,of
    or eax, ebx

@snippet or_r32_smin_m1
@init rax=0xdeadbeef80000000 rbx=0xdeadbeefffffffff flags=cf,of
    or eax, ebx

@snippet or_r32_alt
@init rax=0xdeadbeef55555555 rbx=0xdeadbeefaaaaaaaa flags=cf,of
    or eax, ebx

@snippet or_r32_eq
@init rax=0xdeadbeef90abcdef rbx=0xdeadbeef90abcdef flags=cf,of
    or eax, ebx

@snippet or_r32_mixed
@init rax=0xdeadbeef76543210 rbx=0xdeadbeef89abcdef flags=cf,of
    or eax, ebx

@snippet or_r64_zero
@init rax=0x0 rbx=0x0 flags=cf,of
    or rax, rbx

@snippet or_r64_smax_1
@init rax=0x7fffffffffffffff rbx=0x1 flags=cf,of
    or rax, rbx

@snippet or_r64_smin_m1
@init rax=0x8000000000000000 rbx=0xffffffffffffffff flags=cf,of
    or rax, rbx

@snippet or_r64_alt
@init rax=0x5555555555555555 rbx=0xaaaaaaaaaaaaaaaa flags=cf,of
    or rax, rbx

@snippet or_r64_eq
@init rax=0x1234567890abcdef rbx=0x1234567890abcdef flags=cf,of
    or rax, rbx

@snippet or_r64_mixed
@init rax=0xfedcba9876543210 rbx=0x123456789abcdef flags=cf,of
    or rax, rbx

@snippet or_r64_imm_sext
@init rax=0x8000000000000001
    or rax, -2

@snippet or_mem32_r
@init rbx=0xf0f0f0f0
@mem 4 u32:0xff00ff00
    or dword ptr [rsi+4], ebx

@snippet or_ah_imm
@init rax=0x8000
    or ah, 0x81

@snippet xor_r8_zero
@init rax=0xdeadbeefcafefe00 rbx=0xdeadbeefcafefe00 flags=cf,of
    xor al, bl

@snippet xor_r8_smax_1
@init rax=0xdeadbeefcafefe7f rbx=0xdeadbeefcafefe01 flags=cf,of
    xor al, bl

@snippet xor_r8_smin_m1
@init rax=0xdeadbeefcafefe80 rbx=0xdeadbeefcafefeff flags=cf,of
    xor al, bl

@snippet xor_r8_alt
@init rax=0xdeadbeefcafefe55 rbx=0xdeadbeefcafefeaa flags=cf,of
    xor al, bl

@snippet xor_r8_eq
@init rax=0xdeadbeefcafefeef rbx=0xdeadbeefcafefeef flags=cf,of
    xor al, bl

@snippet xor_r8_mixed
@init rax=0xdeadbeefcafefe10 rbx=0xdeadbeefcafefeef flags=cf,of
    xor al, bl

@snippet xor_r16_zero
@init rax=0xdeadbeefcafe0000 rbx=0xdeadbeefcafe0000 flags=cf,of
    xor ax, bx

@snippet xor_r16_smax_1
@init rax=0xdeadbeefcafe7fff rbx=0xdeadbeefcafe0001 flags=cf,of
    xor ax, bx

@snippet xor_r16_smin_m1
@init rax=0xdeadbeefcafe8000 rbx=0xdeadbeefcafeffff flags=cf,of
    xor ax, bx

@snippet xor_r16_alt
@init rax=0xdeadbeefcafe5555 rbx=0xdeadbeefcafeaaaa flags=cf,of
    xor ax, bx

@snippet xor_r16_eq
@init rax=0xdeadbeefcafecdef rbx=0xdeadbeefcafecdef flags=cf,of
    xor ax, bx

@snippet xor_r16_mixed
@init rax=0xdeadbeefcafe3210 rbx=0xdeadbeefcafecdef flags=cf,of
    xor ax, bx

@snippet xor_r32_zero
@init rax=0xdeadbeef00000000 rbx=0xdeadbeef00000000 flags=cf,of
    xor eax, ebx

@snippet xor_r32_smax_1
@init rax=0xdeadbeef7fffffff rbx=0xdeadbeef00000001 flags=cf,of
    xor eax, ebx

@snippet xor_r32_smin_m1
@init rax=0xdeadbeef80000000 rbx=0xdeadbeefffffffff flags=cf,of
    xor eax, ebx

@snippet xor_r32_alt
@init rax=0xdeadbeef55555555 rbx=0xdeadbeefaaaaaaaa flags=cf,of
    xor eax, ebx

@snippet xor_r32_eq
@init rax=0xdeadbeef90abcdef rbx=0xdeadbeef90abcdef flags=cf,of
    xor eax, ebx

@snippet xor_r32_mixed
@init rax=0xdeadbeef76543210 rbx=0xdeadbeef89abcdef flags=cf,of
    xor eax, ebx

@snippet xor_r64_zero
@init rax=0x0 rbx=0x0 flags=cf,of
    xor rax, rbx

@snippet xor_r64_smax_1
@init rax=0x7fffffffffffffff rbx=0x1 flags=cf,of
    xor rax, rbx

@snippet xor_r64_smin_m1
@init rax=0x8000000000000000 rbx=0xffffffffffffffff flags=cf,of
    xor rax, rbx

@snippet xor_r64_alt
@init rax=0x5555555555555555 rbx=0xaaaaaaaaaaaaaaaa flags=cf,of
    xor rax, rbx

@snippet xor_r64_eq
@init rax=0x1234567890abcdef rbx=0x1234567890abcdef flags=cf,of
    xor rax, rbx

@snippet xor_r64_mixed
@init rax=0xfedcba9876543210 rbx=0x123456789abcdef flags=cf,of
    xor rax, rbx

@snippet xor_r64_imm_sext
@init rax=0x8000000000000001
    xor rax, -2

@snippet xor_mem32_r
@init rbx=0xf0f0f0f0
@mem 4 u32:0xff00ff00
    xor dword ptr [rsi+4], ebx

@snippet xor_ah_imm
@init rax=0x8000
    xor ah, 0x81

@snippet test_r8_zero
@init rax=0xdeadbeefcafefe00 rbx=0xdeadbeefcafefe00 flags=cf,of
    test al, bl

@snippet test_r8_smax_1
@init rax=0xdeadbeefcafefe7f rbx=0xdeadbeefcafefe01 flags=cf,of
    test al, bl

@snippet test_r8_smin_m1
@init rax=0xdeadbeefcafefe80 rbx=0xdeadbeefcafefeff flags=cf,of
    test al, bl

@snippet test_r8_alt
@init rax=0xdeadbeefcafefe55 rbx=0xdeadbeefcafefeaa flags=cf,of
    test al, bl

@snippet test_r8_eq
@init rax=0xdeadbeefcafefeef rbx=0xdeadbeefcafefeef flags=cf,of
    test al, bl

@snippet test_r8_mixed
@init rax=0xdeadbeefcafefe10 rbx=0xdeadbeefcafefeef flags=cf,of
    test al, bl

@snippet test_r16_zero
@init rax=0xdeadbeefcafe0000 rbx=0xdeadbeefcafe0000 flags=cf,of
    test ax, bx

@snippet test_r16_smax_1
@init rax=0xdeadbeefcafe7fff rbx=0xdeadbeefcafe0001 flags=cf,of
    test ax, bx

@snippet test_r16_smin_m1
@init rax=0xdeadbeefcafe8000 rbx=0xdeadbeefcafeffff flags=cf,of
    test ax, bx

@snippet test_r16_alt
@init rax=0xdeadbeefcafe5555 rbx=0xdeadbeefcafeaaaa flags=cf,of
    test ax, bx

@snippet test_r16_eq
@init rax=0xdeadbeefcafecdef rbx=0xdeadbeefcafecdef flags=cf,of
    test ax, bx

@snippet test_r16_mixed
@init rax=0xdeadbeefcafe3210 rbx=0xdeadbeefcafecdef flags=cf,of
    test ax, bx

@snippet test_r32_zero
@init rax=0xdeadbeef00000000 rbx=0xdeadbeef00000000 flags=cf,of
    test eax, ebx

@snippet test_r32_smax_1
@init rax=0xdeadbeef7fffffff rbx=0xdeadbeef00000001 flags=cf,of
    test eax, ebx

@snippet test_r32_smin_m1
@init rax=0xdeadbeef80000000 rbx=0xdeadbeefffffffff flags=cf,of
    test eax, ebx

@snippet test_r32_alt
@init rax=0xdeadbeef55555555 rbx=0xdeadbeefaaaaaaaa flags=cf,of
    test eax, ebx

@snippet test_r32_eq
@init rax=0xdeadbeef90abcdef rbx=0xdeadbeef90abcdef flags=cf,of
    test eax, ebx

@snippet test_r32_mixed
@init rax=0xdeadbeef76543210 rbx=0xdeadbeef89abcdef flags=cf,of
    test eax, ebx

@snippet test_r64_zero
@init rax=0x0 rbx=0x0 flags=cf,of
    test rax, rbx

@snippet test_r64_smax_1
@init rax=0x7fffffffffffffff rbx=0x1 flags=cf,of
    test rax, rbx

@snippet test_r64_smin_m1
@init rax=0x8000000000000000 rbx=0xffffffffffffffff flags=cf,of
    test rax, rbx

@snippet test_r64_alt
@init rax=0x5555555555555555 rbx=0xaaaaaaaaaaaaaaaa flags=cf,of
    test rax, rbx

@snippet test_r64_eq
@init rax=0x1234567890abcdef rbx=0x1234567890abcdef flags=cf,of
    test rax, rbx

@snippet test_r64_mixed
@init rax=0xfedcba9876543210 rbx=0x123456789abcdef flags=cf,of
    test rax, rbx

@snippet test_r64_imm_sext
@init rax=0x8000000000000001
    test rax, -2

@snippet test_mem32_r
@init rbx=0xf0f0f0f0
@mem 4 u32:0xff00ff00
    test dword ptr [rsi+4], ebx

@snippet test_ah_imm
@init rax=0x8000
    test ah, 0x81

@snippet not_r8
@init rax=0xdeadbeefcafefe5a flags=cf,zf,sf,of,pf,af
@undef none
    not al

@snippet not_r16
@init rax=0xdeadbeefcafe005a flags=cf,zf,sf,of,pf,af
@undef none
    not ax

@snippet not_r32
@init rax=0xdeadbeef0000005a flags=cf,zf,sf,of,pf,af
@undef none
    not eax

@snippet not_r64
@init rax=0x5a flags=cf,zf,sf,of,pf,af
@undef none
    not rax

@snippet not_mem64
@undef none
    not qword ptr [rsi]

@snippet xor_r32_self_zeroes_upper
@init rax=0xffffffffffffffff
    xor eax, eax
